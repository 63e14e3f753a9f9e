"""The project as rows of the team database (gis_app.ui.team.rows, no Qt, no server).

Which rows an edit changes, in the shape save_changes takes, and rows saved elsewhere
turned back into a change of the project."""

from __future__ import annotations

import copy

import geopandas as gpd
import numpy as np
import shapely

from gis_app.core.change import applied
from gis_app.core.project import Project
from gis_app.core.schema import ensure_cluster_columns
from gis_app.ui.team.rows import (
    capture,
    changed_fields,
    members_by_cluster,
    project_rows,
    remote_change,
    row_changes,
    same_values,
)


def small_project() -> Project:
    buildings = gpd.GeoDataFrame(
        {
            "building_id": [f"P{i}" for i in range(6)],
            "cluster_id": ["A", "A", "B", "", "B", ""],
        },
        geometry=[shapely.box(i * 10, 0, i * 10 + 5, 5) for i in range(6)],
        crs="EPSG:28992",
    )
    clusters = ensure_cluster_columns(
        gpd.GeoDataFrame(
            {"cluster_id": ["A", "B"], "name": ["Noord", "Zuid"], "eigenaar": ["NCG", None]},
            geometry=[shapely.box(-1, -1, 16, 6), shapely.box(19, -1, 46, 6)],
            crs="EPSG:28992",
        )
    )
    packages = gpd.GeoDataFrame(
        {"package_id": ["A-WP01"], "contractor": ["Bouw BV"], "n_buildings": [2]},
        geometry=[shapely.box(-1, -1, 16, 6)],
        crs="EPSG:28992",
    )
    return Project(
        buildings=buildings,
        clusters=clusters,
        packages=packages,
        settings={"planning": {"capacity": 100}, "map": {"extent": [0, 0, 1, 1]}},
        scenarios=[{"name": "basis"}],
        commitments={"promises": []},
        name="t",
    )


def test_rows_of_a_project_have_the_shape_save_changes_takes():
    rows = project_rows(capture(small_project()))
    a = rows[("cluster", "A")]
    assert a["name"] == "Noord" and a["eigenaar"] == "NCG"
    assert a["members"] == ["P0", "P1"]
    assert rows[("cluster", "B")]["members"] == ["P2", "P4"]
    assert a["approach_share"] is None  # NaN travels as JSON null
    assert a["geometry"].equals(shapely.box(-1, -1, 16, 6))
    assert rows[("package", "A-WP01")]["contractor"] == "Bouw BV"
    assert rows[("package", "A-WP01")]["n_buildings"] == 2
    assert rows[("setting", "planning")] == {"capacity": 100}
    assert ("setting", "map") not in rows  # each planner's own view is not shared
    assert rows[("scenario", "0")] == {"name": "basis"}
    assert rows[("commitments", "")] == {"promises": []}


def test_an_unchanged_project_has_no_row_changes():
    project = small_project()
    base = project_rows(capture(project))
    again = project_rows(capture(copy.deepcopy(project)))
    assert row_changes(base, again) == []


def test_a_cluster_edit_changes_that_cluster_row_only():
    project = small_project()
    base = project_rows(capture(project))
    clusters = project.clusters.copy()
    clusters.loc[1, "name"] = "Zuid-oost"
    clusters.loc[1, "approach_share"] = 0.4
    project.clusters = clusters
    project.buildings.loc[3, "cluster_id"] = "B"  # the outline grew over P3
    changes = row_changes(base, project_rows(capture(project)))
    assert [(c.kind, c.key) for c in changes] == [("cluster", "B")]
    values = changes[0].values
    assert values["name"] == "Zuid-oost" and values["approach_share"] == 0.4
    assert values["members"] == ["P2", "P3", "P4"]


def test_new_and_removed_rows_of_every_kind():
    project = small_project()
    base = project_rows(capture(project))
    project.clusters = project.clusters[project.clusters["cluster_id"] != "A"].reset_index(
        drop=True
    )
    project.buildings.loc[[0, 1], "cluster_id"] = ""
    project.settings["planning"] = {"capacity": 80}
    project.scenarios = [{"name": "basis"}, {"name": "snel"}]
    project.packages = project.packages.assign(contractor="Ander BV")
    changes = {(c.kind, c.key): c.values for c in row_changes(base, project_rows(capture(project)))}
    assert changes == {
        ("cluster", "A"): None,
        ("package", "A-WP01"): changes[("package", "A-WP01")],
        ("setting", "planning"): {"capacity": 80},
        ("scenario", "1"): {"name": "snel"},
    }
    assert changes[("package", "A-WP01")]["contractor"] == "Ander BV"


def test_values_compare_geometry_by_coordinates_and_nan_as_missing():
    assert same_values(shapely.box(0, 0, 1, 1), shapely.box(0, 0, 1, 1))
    assert not same_values(shapely.box(0, 0, 1, 1), shapely.box(0, 0, 1, 2))
    assert same_values({"a": float("nan")}, {"a": None})
    assert not same_values({"a": 1}, {"a": 2})
    assert changed_fields({"name": "x", "color": "#f00"}, {"name": "y", "color": "#f00"}) == [
        "name"
    ]


def test_members_by_cluster_keeps_building_order():
    ids = np.array(["p1", "p2", "p3", "p4"], dtype=object)
    membership = np.array(["B", "", "A", "B"], dtype=object)
    assert members_by_cluster(ids, membership) == {"A": ["p3"], "B": ["p1", "p4"]}


def test_remote_rows_become_a_change_of_the_project():
    project = small_project()
    theirs = copy.deepcopy(project_rows(capture(project))[("cluster", "A")])
    theirs["name"] = "Noord (gemeente)"
    theirs["geometry"] = shapely.box(-1, -1, 26, 6)
    theirs["members"] = ["P0", "P1", "P2"]
    new_cluster = {"name": "Nieuw", "geometry": shapely.box(50, 0, 60, 5), "members": ["P5"]}
    remote = remote_change(
        project,
        [
            ("cluster", "A", theirs),
            ("cluster", "N", new_cluster),
            ("setting", "planning", {"capacity": 5}),
            ("scenario", "0", {"name": "anders"}),
        ],
        "van anderen",
    )
    after = applied(project, remote.change)
    rows = project_rows(capture(after))
    assert rows[("cluster", "A")]["name"] == "Noord (gemeente)"
    assert rows[("cluster", "A")]["members"] == ["P0", "P1", "P2"]
    assert rows[("cluster", "B")]["members"] == ["P4"]  # P2 moved to A
    assert rows[("cluster", "N")]["members"] == ["P5"]
    assert rows[("cluster", "N")]["geometry"].equals(shapely.box(50, 0, 60, 5))
    assert rows[("setting", "planning")] == {"capacity": 5}
    assert remote.scenarios == [{"name": "anders"}]
    # the input project is untouched
    assert project_rows(capture(project))[("cluster", "A")]["name"] == "Noord"


def test_a_remote_delete_removes_the_cluster_and_its_membership():
    project = small_project()
    remote = remote_change(project, [("cluster", "B", None)], "weg")
    after = applied(project, remote.change)
    assert list(after.clusters["cluster_id"]) == ["A"]
    assert list(after.buildings["cluster_id"]) == ["A", "A", "", "", "", ""]


def test_remote_package_row_replaces_its_fields():
    project = small_project()
    remote = remote_change(
        project,
        [("package", "A-WP01", {"contractor": "Ander BV", "geometry": shapely.box(0, 0, 2, 2)})],
        "x",
    )
    packages = remote.change.packages
    assert packages["contractor"].tolist() == ["Ander BV"]
    assert packages.geometry.iloc[0].equals(shapely.box(0, 0, 2, 2))
