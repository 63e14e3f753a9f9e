"""Preparing an export leaves the project alone and returns what it made as a Change."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from gis_app.core.change import Change, applied
from gis_app.core.export.exporter import export_needs, prepare_export
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings


def frames(project) -> dict:
    """Deep copies of everything a preparation could touch."""
    return {
        "buildings": project.buildings.copy(deep=True),
        "clusters": project.clusters.copy(deep=True),
        "packages": None if project.packages is None else project.packages.copy(deep=True),
        "settings": copy.deepcopy(project.settings),
    }


def assert_unchanged(project, before: dict) -> None:
    pd.testing.assert_frame_equal(project.buildings, before["buildings"])
    pd.testing.assert_frame_equal(project.clusters, before["clusters"])
    if before["packages"] is None:
        assert project.packages is None
    else:
        pd.testing.assert_frame_equal(project.packages, before["packages"])
    assert project.settings == before["settings"]


@pytest.fixture(scope="module")
def bare():
    return Project(buildings=generate_buildings(200, seed=5))


def test_bare_project_is_unchanged_and_the_change_holds_clusters_and_packages(bare):
    assert export_needs(bare) == ["clusters", "plan", "packages"]
    before = frames(bare)
    columns_before = list(bare.buildings.columns)
    prepared = prepare_export(bare)
    assert_unchanged(bare, before)
    assert list(bare.buildings.columns) == columns_before  # no package_id column added
    change = prepared.change
    assert isinstance(change, Change) and not change.is_empty
    assert change.description == "Clusters en werkpakketten maken voor export"
    assert set(change.building_columns) == {"cluster_id", "package_id"}
    assert change.clusters is prepared.clusters and len(change.clusters) > 0
    assert change.packages is prepared.packages and len(change.packages) > 0
    # the frames to export carry what was made; the project's own frame does not
    assert prepared.buildings is not bare.buildings
    assert (prepared.buildings["package_id"] == prepared.assignment).all()
    assert set(change.building_columns["package_id"]) - {""} == set(change.packages["package_id"])

    made = applied(bare, change)
    assert_unchanged(bare, before)  # applying builds a new project
    assert made is not bare and made.packages is change.packages
    assert (made.buildings["cluster_id"].to_numpy() == change.building_columns["cluster_id"]).all()
    assert export_needs(made) == ["plan"]
    again = prepare_export(made)
    assert again.change is None  # nothing left to make
    assert again.packages["package_id"].tolist() == change.packages["package_id"].tolist()


def test_clustered_project_gets_only_packages(bare):
    with_clusters = applied(
        bare,
        Change(
            "clusters",
            clusters=(prepared := prepare_export(bare)).change.clusters,
            building_columns={"cluster_id": prepared.change.building_columns["cluster_id"]},
        ),
    )
    before = frames(with_clusters)
    result = prepare_export(with_clusters)
    assert_unchanged(with_clusters, before)
    assert result.change.description == "Werkpakketten maken voor export"
    assert result.change.clusters is None and set(result.change.building_columns) == {"package_id"}
    assert result.clusters is with_clusters.clusters


def test_change_rejects_columns_of_the_wrong_length(bare):
    change = Change("x", building_columns={"package_id": ["", ""]})
    with pytest.raises(ValueError, match="package_id"):
        applied(bare, change)
