"""Project files: round trip, schema versions and migration, sources, atomic writes."""

from __future__ import annotations

import json
import os
import sqlite3

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from gis_app.core.errors import ProjectError
from gis_app.core.io import atomic
from gis_app.core.io.opening import open_path
from gis_app.core.io.projectfile import (
    META_TABLE,
    SCHEMA_VERSION,
    changed_sources,
    is_project_file,
    load_project,
    read_project_info,
    save_project,
    source_record,
)
from gis_app.core.project import Project, empty_clusters
from gis_app.core.schema import ensure_building_columns, ensure_cluster_columns


def make_buildings(n: int = 12, seed: int = 0) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    x = 247000 + rng.uniform(0, 500, n)
    y = 594000 + rng.uniform(0, 500, n)
    frame = gpd.GeoDataFrame(
        {
            "building_id": [f"00031000001{i:05d}" for i in range(n)],
            "risk_profile": rng.choice(["verhoogd", "licht verhoogd", "normaal"], n),
            "lpr": rng.uniform(1e-7, 1e-4, n),
            "addresses": rng.integers(1, 4, n),
            "residents": rng.uniform(0, 5, n),
            "address": [f"Kerkstraat {i}" for i in range(n)],
            "eigen_regie": rng.random(n) < 0.2,
            "cluster_id": ["c1" if i % 2 else "" for i in range(n)],
            "bron_kolom": [f"x{i}" for i in range(n)],
        },
        geometry=shapely.box(x, y, x + 10, y + 8),
        crs="EPSG:28992",
    )
    frame.loc[0, "geometry"] = shapely.MultiPolygon(
        [
            shapely.box(x[0], y[0], x[0] + 5, y[0] + 5),
            shapely.box(x[0] + 6, y[0], x[0] + 9, y[0] + 3),
        ]
    )
    frame.loc[1, "geometry"] = shapely.Polygon(
        [(x[1], y[1]), (x[1] + 20, y[1]), (x[1] + 20, y[1] + 20), (x[1], y[1] + 20)],
        holes=[[(x[1] + 5, y[1] + 5), (x[1] + 8, y[1] + 5), (x[1] + 8, y[1] + 8)]],
    )
    return ensure_building_columns(frame)


def make_clusters() -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {
            "cluster_id": ["c1", "c2"],
            "name": ["Loppersum Noord", "Wirdum"],
            "color": ["#ff0000", "#00ff00"],
            "approach_share": [0.3, np.nan],
            "lock_start": ["2027-03-01", ""],
            "lock_position": [np.nan, 2.0],
        },
        geometry=[shapely.box(247000, 594000, 247600, 594600), shapely.box(0, 0, 1, 1)],
        crs="EPSG:28992",
    )
    return ensure_cluster_columns(frame)


def make_project() -> Project:
    return Project(
        buildings=make_buildings(),
        clusters=make_clusters(),
        settings={
            "planning": {"start_date": "2027-01-01", "threat_factor": np.float64(0.8)},
            "export_columns": ["building_id", "measure_class"],
        },
        scenarios=[{"name": "Snel", "shares": {"c1": 0.0}}, {"name": "Maatwerk"}],
        name="Loppersum",
    )


def assert_same_frames(left: pd.DataFrame, right: pd.DataFrame) -> None:
    assert list(left.columns) == list(right.columns)
    assert len(left) == len(right)
    for column in left.columns:
        if column == "geometry":
            assert shapely.equals(
                np.asarray(left.geometry.values), np.asarray(right.geometry.values)
            ).all()
        else:
            a = pd.Series(left[column]).reset_index(drop=True).astype(object)
            b = pd.Series(right[column]).reset_index(drop=True).astype(object)
            pd.testing.assert_series_equal(a, b, check_names=False)


def test_round_trip_keeps_every_column_row_order_and_geometry(tmp_path):
    project = make_project()
    path = save_project(project, tmp_path / "p.gpkg")
    loaded = load_project(path)
    assert_same_frames(loaded.buildings, project.buildings)
    assert_same_frames(loaded.clusters, project.clusters)
    assert loaded.buildings.crs.to_epsg() == 28992
    assert loaded.settings["planning"]["threat_factor"] == pytest.approx(0.8)
    assert loaded.settings["export_columns"] == ["building_id", "measure_class"]
    assert loaded.scenarios == [{"name": "Snel", "shares": {"c1": 0.0}}, {"name": "Maatwerk"}]
    assert loaded.path == path and loaded.name == "p"
    assert loaded.packages is None
    assert loaded.buildings["building_id"].iloc[0] == "0003100000100000"  # leading zeros kept
    assert loaded.buildings.geometry.iloc[0].geom_type == "MultiPolygon"
    assert len(loaded.buildings.geometry.iloc[1].interiors) == 1


def test_save_does_not_change_the_project_or_its_frames(tmp_path):
    project = make_project()
    before = project.buildings.copy()
    save_project(project, tmp_path / "p.gpkg")
    assert project.path is None and project.name == "Loppersum"
    assert_same_frames(project.buildings, before)


def test_packages_layer_spatial_and_plain(tmp_path):
    project = make_project()
    project.packages = gpd.GeoDataFrame(
        {"package_id": ["A1"], "aannemer": ["Bouw BV"], "n_buildings": [6]},
        geometry=[shapely.box(247000, 594000, 247300, 594300)],
        crs="EPSG:28992",
    )
    loaded = load_project(save_project(project, tmp_path / "a.gpkg"))
    assert list(loaded.packages["package_id"]) == ["A1"]
    assert isinstance(loaded.packages, gpd.GeoDataFrame)
    project.packages = pd.DataFrame({"package_id": ["A1", "B2"], "weeks": [3, 4]})
    loaded = load_project(save_project(project, tmp_path / "b.gpkg"))
    assert list(loaded.packages["weeks"]) == [3, 4]


def test_empty_packages_tables_round_trip(tmp_path):
    project = make_project()
    project.packages = pd.DataFrame()
    loaded = load_project(save_project(project, tmp_path / "a.gpkg"))
    assert isinstance(loaded.packages, pd.DataFrame) and loaded.packages.empty
    project.packages = pd.DataFrame({"package_id": pd.Series([], dtype=object)})
    loaded = load_project(save_project(project, tmp_path / "b.gpkg"))
    assert list(loaded.packages.columns) == ["package_id"] and len(loaded.packages) == 0


def test_empty_project_round_trip(tmp_path):
    loaded = load_project(save_project(Project(), tmp_path / "leeg.gpkg"))
    assert len(loaded.buildings) == 0 and len(loaded.clusters) == 0
    assert set(empty_clusters().columns) <= set(loaded.clusters.columns)


def test_columns_geopackage_cannot_hold_are_renamed_and_restored(tmp_path):
    project = make_project()
    project.buildings["fid"] = np.arange(len(project.buildings)) * 7
    project.buildings["Status"] = "Groot"
    project.buildings["status"] = "klein"
    project.buildings["geom"] = "tekst"
    project.buildings["mixed"] = pd.Series([1, "a", None, 2.5] * 3, dtype=object)
    project.buildings["lists"] = pd.Series([[1, 2]] * 12, dtype=object)
    loaded = load_project(save_project(project, tmp_path / "p.gpkg"))
    assert list(loaded.buildings["fid"]) == list(np.arange(12) * 7)
    assert set(loaded.buildings["Status"]) == {"Groot"}
    assert set(loaded.buildings["status"]) == {"klein"}
    assert set(loaded.buildings["geom"]) == {"tekst"}
    mixed = list(loaded.buildings["mixed"][:4])
    assert mixed[:2] == ["1", "a"] and pd.isna(mixed[2]) and mixed[3] == "2.5"
    assert loaded.buildings["lists"].iloc[0] == "[1, 2]"


def test_other_crs_is_converted_to_rd_on_save(tmp_path):
    project = make_project()
    project.buildings = project.buildings.to_crs("EPSG:4326")
    loaded = load_project(save_project(project, tmp_path / "p.gpkg"))
    assert loaded.buildings.crs.to_epsg() == 28992
    assert abs(loaded.buildings.geometry.iloc[3].centroid.x - 247250) < 300


def test_file_is_a_geopackage_qgis_can_read_with_meta_table(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == {"buildings", "clusters", META_TABLE, "layer_styles"}
    assert layers[META_TABLE] is None and layers["layer_styles"] is None
    with sqlite3.connect(path) as con:
        kinds = dict(con.execute("select table_name, data_type from gpkg_contents"))
        meta = dict(con.execute(f"select key, value from {META_TABLE}"))
    assert kinds[META_TABLE] == "attributes" and kinds["buildings"] == "features"
    assert kinds["layer_styles"] == "attributes"  # QGIS's default styles (core/qgis)
    assert json.loads(meta["schema_version"]) == SCHEMA_VERSION
    assert json.loads(meta["layers"]) == {"buildings": 12, "clusters": 2}
    info = read_project_info(path)
    assert info.schema_version == SCHEMA_VERSION and info.app_version and info.saved_at


def test_path_suffix_rules(tmp_path):
    assert save_project(make_project(), tmp_path / "zonder").name == "zonder.gpkg"
    with pytest.raises(ProjectError, match="gpkg"):
        save_project(make_project(), tmp_path / "p.shp")


def test_unserialisable_setting_is_refused_with_its_key(tmp_path):
    project = make_project()
    project.settings["callback"] = object()
    with pytest.raises(ProjectError, match="settings") as caught:
        save_project(project, tmp_path / "p.gpkg")
    assert caught.value.path == str(tmp_path / "p.gpkg")
    assert not (tmp_path / "p.gpkg").exists()
    assert os.listdir(tmp_path) == []


# --- schema versions ------------------------------------------------------------------------


def write_plain_gpkg(path, buildings):
    pyogrio.write_dataframe(buildings, path, layer="buildings", driver="GPKG")


def test_plain_canonical_geopackage_opens_as_version_0(tmp_path):
    path = tmp_path / "sample.gpkg"
    buildings = make_buildings()
    write_plain_gpkg(path, buildings[["building_id", "risk_profile", "lpr", "geometry"]])
    assert read_project_info(path).schema_version == 0
    assert is_project_file(path)
    loaded = load_project(path)
    assert list(loaded.buildings["building_id"]) == list(buildings["building_id"])
    assert "cluster_id" in loaded.buildings and set(loaded.buildings["cluster_id"]) == {""}
    assert loaded.settings == {} and loaded.scenarios == [] and len(loaded.clusters) == 0
    # saving it again gives the current schema
    again = save_project(loaded, tmp_path / "nu.gpkg")
    assert read_project_info(again).schema_version == SCHEMA_VERSION


def test_plain_geopackage_in_other_crs_is_migrated_to_rd(tmp_path):
    path = tmp_path / "wgs.gpkg"
    write_plain_gpkg(path, make_buildings()[["building_id", "geometry"]].to_crs("EPSG:4326"))
    loaded = load_project(path)
    assert loaded.buildings.crs.to_epsg() == 28992
    assert 246900 < loaded.buildings.geometry.iloc[5].centroid.x < 247600


def set_meta(path, key, value):
    with sqlite3.connect(path) as con:
        con.execute(f"update {META_TABLE} set value=? where key=?", (json.dumps(value), key))


def test_newer_schema_version_is_refused_clearly(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    set_meta(path, "schema_version", SCHEMA_VERSION + 1)
    with pytest.raises(ProjectError, match="nieuwere versie") as caught:
        load_project(path)
    assert caught.value.path == str(path)
    with pytest.raises(ProjectError, match="nieuwere versie"):
        open_path(path)  # not mistaken for plain data


@pytest.mark.parametrize("bad", ["twee", 0, -1, None, 1.5, True])
def test_invalid_schema_version_is_refused(tmp_path, bad):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    set_meta(path, "schema_version", bad)
    with pytest.raises(ProjectError, match="schemaversie"):
        load_project(path)


def test_lost_rows_are_detected(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    with sqlite3.connect(path) as con:
        con.execute("delete from buildings where fid > 10")
    with pytest.raises(ProjectError, match="onvolledig"):
        load_project(path)


def test_missing_clusters_layer_in_a_project_is_refused(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    with sqlite3.connect(path) as con:
        con.execute("drop table clusters")
        con.execute("delete from gpkg_contents where table_name='clusters'")
        con.execute("delete from gpkg_geometry_columns where table_name='clusters'")
    with pytest.raises(ProjectError, match="clusters"):
        load_project(path)


def test_foreign_geopackage_is_not_a_project(tmp_path):
    path = tmp_path / "vreemd.gpkg"
    frame = make_buildings()[["building_id", "geometry"]].rename(columns={"building_id": "ident"})
    pyogrio.write_dataframe(frame, path, layer="panden", driver="GPKG")
    assert not is_project_file(path)
    with pytest.raises(ProjectError, match="buildings"):
        load_project(path)


# --- sources ----------------------------------------------------------------------------


def test_changed_and_missing_sources_are_reported(tmp_path):
    footprints = tmp_path / "panden.geojson"
    footprints.write_text('{"type": "FeatureCollection", "features": []}')
    risk = tmp_path / "risico.csv"
    risk.write_text("building_id;lpr\n0003100000100000;1e-5\n")
    project = make_project()
    project.sources = [source_record(footprints, "footprints"), source_record(risk, "risk")]
    path = save_project(project, tmp_path / "p.gpkg")

    loaded = load_project(path)
    assert [s.role for s in loaded.sources] == ["footprints", "risk"]
    assert loaded.sources[0].sha256 == project.sources[0].sha256
    assert changed_sources(loaded) == []

    risk.write_text("building_id;lpr\n0003100000100000;2e-5\n")
    footprints.unlink()
    status = {s.record.role: s.status for s in changed_sources(load_project(path))}
    assert status == {"risk": "changed", "footprints": "missing"}


def test_sources_are_found_next_to_a_moved_project(tmp_path):
    here = tmp_path / "a"
    here.mkdir()
    (here / "panden.csv").write_text("x")
    project = make_project()
    project.sources = [source_record(here / "panden.csv", "footprints")]
    save_project(project, here / "p.gpkg")
    moved = tmp_path / "b"
    here.rename(moved)
    assert changed_sources(load_project(moved / "p.gpkg")) == []


def test_shapefile_hash_covers_the_dbf(tmp_path):
    frame = make_buildings()[["building_id", "lpr", "geometry"]].rename(
        columns={"building_id": "bag_id"}
    )
    shp = tmp_path / "panden.shp"
    pyogrio.write_dataframe(frame, shp)
    before = source_record(shp, "footprints").sha256
    frame2 = frame.copy()
    frame2["lpr"] = frame2["lpr"] * 2
    pyogrio.write_dataframe(frame2, tmp_path / "andere.shp")
    os.replace(tmp_path / "andere.dbf", tmp_path / "panden.dbf")
    assert source_record(shp, "footprints").sha256 != before


# --- atomic writes ---------------------------------------------------------------------------


def test_atomic_write_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "uit.csv"
    target.write_text("oud")
    os.chmod(target, 0o640)
    atomic.atomic_write(target, "nieuw;1\n")
    assert target.read_text() == "nieuw;1\n"
    assert (os.stat(target).st_mode & 0o777) == 0o640
    atomic.atomic_write(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert sorted(os.listdir(tmp_path)) == ["b.bin", "uit.csv"]


def test_atomic_path_failure_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "p.gpkg"
    target.write_bytes(b"oud")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("schrijver faalt")
    assert target.read_bytes() == b"oud"
    assert os.listdir(tmp_path) == ["p.gpkg"]


def test_atomic_path_writer_that_writes_nothing_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError), atomic.atomic_path(tmp_path / "x.csv"):
        pass
    assert os.listdir(tmp_path) == []


def test_atomic_files_moves_all_parts_of_a_shapefile(tmp_path):
    frame = make_buildings()[["building_id", "geometry"]].rename(columns={"building_id": "bag_id"})
    with atomic.atomic_files(tmp_path / "pakket.shp") as temp:
        pyogrio.write_dataframe(frame, temp)
    names = sorted(os.listdir(tmp_path))
    assert {"pakket.shp", "pakket.dbf", "pakket.shx", "pakket.prj"} <= set(names)
    assert all(not n.startswith(".") for n in names)
    assert len(pyogrio.read_dataframe(tmp_path / "pakket.shp")) == len(frame)


def test_stale_temp_files_of_a_killed_save_are_cleaned_later(tmp_path):
    target = tmp_path / "p.gpkg"
    stale = atomic.temp_path_for(target)
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    fresh = atomic.temp_path_for(target)
    fresh.write_bytes(b"bezig")
    assert set(atomic.stale_temp_files(target)) == {stale, fresh}
    save_project(make_project(), target)
    assert not stale.exists() and fresh.exists()


def test_open_path_opens_a_project(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    project, report = open_path(path)
    assert report is None and len(project.buildings) == 12 and project.path == path


def test_a_damaged_project_is_refused_not_imported_as_data(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    set_meta(path, "settings", "kapot")
    with sqlite3.connect(path) as con:
        con.execute(f"update {META_TABLE} set value='{{kapot' where key='settings'")
    with pytest.raises(ProjectError, match="beschadigd"):
        open_path(path)


def test_column_types_geopackage_lacks_round_trip(tmp_path):
    project = make_project()
    extra = {
        "wachttijd": pd.to_timedelta(np.arange(12), unit="D") + pd.Timedelta(hours=6),
        "gereed": pd.date_range("2027-01-01", periods=12, tz="Europe/Amsterdam"),
        "aantal": pd.array([1, None] * 6, dtype="Int64"),
        "akkoord": pd.array([True, None] * 6, dtype="boolean"),
        "soort": pd.Categorical(["rij", "vrij"] * 6),
        "klein": np.arange(12, dtype="int8"),
        "maand": pd.period_range("2027-01", periods=12, freq="M"),
    }
    for name, values in extra.items():
        project.buildings[name] = values
    loaded = load_project(save_project(project, tmp_path / "p.gpkg"))
    for name in extra:
        original, back = project.buildings[name], loaded.buildings[name]
        assert (
            back.dtype == original.dtype
            or str(back.dtype).split("[")[0] == str(original.dtype).split("[")[0]
        ), name
        assert back.astype(str).tolist() == original.astype(str).tolist(), name


def test_planning_and_package_settings_survive_save_and_open(tmp_path):
    """Contract with the planning and packages modules: their settings are JSON data."""
    from gis_app.core.packages import PackageSettings
    from gis_app.core.planning.config import PlanningConfig

    project = make_project()
    config = PlanningConfig()
    project.settings["planning"] = config.to_dict()
    project.settings["packages"] = PackageSettings().to_dict()
    loaded = load_project(save_project(project, tmp_path / "p.gpkg"))
    assert PlanningConfig.from_dict(loaded.settings["planning"]).to_dict() == config.to_dict()
    again = PackageSettings.from_dict(loaded.settings["packages"]).to_dict()
    assert again == PackageSettings().to_dict()


def test_the_bundled_sample_opens_as_a_version_0_project():
    from gis_app.paths import SAMPLE_PROJECT

    assert read_project_info(SAMPLE_PROJECT).schema_version == 0
    project, report = open_path(SAMPLE_PROJECT)
    assert report is None and len(project.buildings) > 10_000
    assert project.buildings["building_id"].str.len().eq(16).all()


def test_the_info_of_an_unchanged_settled_file_is_read_once(tmp_path, monkeypatch):
    """Opening asks on the reading thread, the window asks again on the UI thread: the
    second answer for the same unchanged file comes without opening it again."""
    from gis_app.core.io import projectfile

    path = save_project(make_project(), tmp_path / "p.gpkg")
    opened = []
    real_list = projectfile._list_layers
    monkeypatch.setattr(projectfile, "_list_layers", lambda p: opened.append(p) or real_list(p))
    monkeypatch.setattr(projectfile, "_INFO_CACHE", {})
    # just written: file times tick in steps of milliseconds, so it is not remembered
    read_project_info(path)
    read_project_info(path)
    assert len(opened) == 2
    settled = os.stat(path).st_mtime - 10
    os.utime(path, (settled, settled))
    first = read_project_info(path)
    second = read_project_info(path)
    assert len(opened) == 3
    assert second.schema_version == first.schema_version == SCHEMA_VERSION
    assert second.layers == first.layers and second.meta == first.meta
    second.meta["format"] = "iets anders"  # each caller has its own copy
    assert read_project_info(path).meta == first.meta
    # written again (another time, another size): read again, and damage is found
    with open(path, "r+b") as handle:
        handle.write(b"niet meer sqlite")
    with pytest.raises(ProjectError):
        read_project_info(path)
