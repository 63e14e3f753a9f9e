"""Opening a project reads its layers through GDAL's Arrow stream, exactly as before.

``load_project`` used ``pyogrio.read_dataframe`` (feature by feature); it now reads with
:mod:`gis_app.core.io.arrow_io` like the importers. These tests compare the two paths
on the same files: same columns, dtypes, values and geometries, for every layer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from test_projectfile import assert_same_frames, make_project

from gis_app.core.io import arrow_io, projectfile
from gis_app.core.io.projectfile import load_project, save_project


def typed_project():
    """The round-trip tests' project plus columns of every kind a project carries."""
    project = make_project()
    n = len(project.buildings)
    extra = {
        "tekst_met_gaten": ["Ëenrum", None, "", "a\x1fb", "Straße 3", *["Zuid"] * (n - 5)],
        "aantal": pd.array([1, None] * (n // 2), dtype="Int64"),
        "akkoord": pd.array([True, None] * (n // 2), dtype="boolean"),
        "soort": pd.Categorical(["rij", "vrij"] * (n // 2)),
        "klein": np.arange(n, dtype="int8"),
        "fractie": np.linspace(0, 1, n, dtype="float32"),
        "wachttijd": pd.to_timedelta(np.arange(n), unit="D"),
    }
    for name, values in extra.items():
        project.buildings[name] = values
    project.addresses = None
    return project


@pytest.fixture
def saved(tmp_path):
    project = typed_project()
    return project, save_project(project, tmp_path / "p.gpkg")


def test_each_layer_reads_the_same_through_the_arrow_stream(saved):
    _, path = saved
    for layer, spatial in (("buildings", True), ("clusters", True), ("gis_app_meta", False)):
        fast = projectfile._read_layer_arrow(path, layer, spatial)
        classic = projectfile._read_layer_classic(path, layer, spatial)
        assert fast is not None, layer
        assert type(fast) is type(classic), layer
        assert list(fast.columns) == list(classic.columns), layer
        assert list(fast.dtypes) == list(classic.dtypes), layer
        if spatial:
            assert fast.crs == classic.crs
            assert shapely.equals_exact(
                np.asarray(fast.geometry.values), np.asarray(classic.geometry.values), 0
            ).all()
            fast, classic = fast.drop(columns="geometry"), classic.drop(columns="geometry")
        pd.testing.assert_frame_equal(
            pd.DataFrame(fast), pd.DataFrame(classic), check_exact=True, obj=layer
        )


def test_load_project_gives_the_same_project_with_and_without_the_arrow_stream(saved, monkeypatch):
    project, path = saved
    fast = load_project(path)
    monkeypatch.setattr(arrow_io, "available", lambda: False)
    classic = load_project(path)
    for name in ("buildings", "clusters"):
        left, right = getattr(fast, name), getattr(classic, name)
        assert list(left.dtypes) == list(right.dtypes), name
        assert_same_frames(left, right)
    assert fast.settings == classic.settings
    assert fast.scenarios == classic.scenarios
    # and the reopened project is the saved one
    assert_same_frames(
        fast.buildings[list(project.buildings.columns)].drop(
            columns=["wachttijd", "soort", "aantal", "akkoord"]
        ),
        project.buildings.drop(columns=["wachttijd", "soort", "aantal", "akkoord"]),
    )


def test_a_layer_with_date_times_is_read_the_classic_way(tmp_path):
    """Date-times come from text with their zone in ``read_dataframe``: not converted here."""
    project = typed_project()
    project.buildings["gereed"] = pd.date_range(
        "2027-01-01", periods=len(project.buildings), tz="Europe/Amsterdam"
    )
    path = save_project(project, tmp_path / "p.gpkg")
    assert projectfile._read_layer_arrow(path, "buildings", True) is None
    loaded = load_project(path)
    assert (
        loaded.buildings["gereed"].astype(str).tolist()
        == project.buildings["gereed"].astype(str).tolist()
    )


def test_an_unreadable_layer_still_gives_the_projects_message(tmp_path, monkeypatch):
    project = typed_project()
    path = save_project(project, tmp_path / "p.gpkg")

    def broken(read):
        def reader(source, layer=None, **kwargs):
            if layer == "buildings":  # the meta table still reads
                raise pyogrio.errors.DataSourceError("kapot")
            return read(source, layer=layer, **kwargs)

        return reader

    monkeypatch.setattr(arrow_io, "read_layer", broken(arrow_io.read_layer))
    monkeypatch.setattr(pyogrio, "read_dataframe", broken(pyogrio.read_dataframe))
    with pytest.raises(projectfile.ProjectError, match="laag 'buildings' onleesbaar"):
        load_project(path)
