"""Field-pack GeoPackages filled into a per-export template with sqlite3 are the files GDAL
writes: same tables, columns, types, values, geometries, counts, extents, spatial index
and styles; read back by GDAL (pyogrio, the ogrinfo command) and by QGIS."""

import datetime as dt
import os
import sqlite3
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from test_qgis import (  # noqa: F401 - qgis_python: fixture
    SYSTEM_PYTHON,
    by_name,
    qgis_python,
    run_checker,
)

from gis_app.core.export import gpkg_template
from gis_app.core.export.gpkg import gis_ready, is_date_column, write_layers
from gis_app.core.export.gpkg_template import (
    fill_template,
    make_template,
    signature,
)
from gis_app.core.fieldpack import FieldPackShared, write_fieldpack
from gis_app.core.qgis.layer_styles import write_layer_styles
from gis_app.core.qgis.writers import Background, MapState

RD = "EPSG:28992"
X0, Y0 = 233000.0, 582000.0


def buildings(n: int, *, seed: int = 1) -> gpd.GeoDataFrame:
    """Rows with every kind of column a field pack holds, NULLs and awkward values
    included: non-ASCII text, a polygon of two parts, a missing and an empty geometry."""
    rng = np.random.default_rng(seed)
    x = X0 + 20.0 * np.arange(n)
    geometry = list(shapely.box(x, Y0, x + 8 + rng.random(n), Y0 + 9 + rng.random(n)))
    if n > 2:
        geometry[1] = shapely.MultiPolygon(
            [
                shapely.box(x[1], Y0, x[1] + 4, Y0 + 4),
                shapely.box(x[1] + 6, Y0 + 30, x[1] + 9, Y0 + 33),
            ]
        )
    if n > 4:
        geometry[3] = None
        geometry[4] = shapely.Polygon()
    text = pd.array([f"Ëlsstraat {i} ’s-Gravenhage ĳ 🏠" for i in range(n)], dtype="str")
    if n > 2:
        text[2] = np.nan
    status = np.full(n, None, dtype=object)
    note = np.array([None if i % 3 else f'notitie {i}\nregel 2; "quote"' for i in range(n)], object)
    lpr = rng.random(n) * 1e-4
    lpr[::4] = np.nan
    cost = pd.array([None if i % 5 == 2 else 1000 * i for i in range(n)], dtype="Int64")
    start = pd.Series(pd.date_range("1965-01-04", periods=n, freq="7D")).astype("datetime64[ms]")
    start[start.index % 6 == 1] = pd.NaT
    return gpd.GeoDataFrame(
        {
            "building_id": pd.array([f"0014100000{i:06d}" for i in range(n)], dtype="str"),
            "address": text,
            "addresses": np.arange(n, dtype=np.int64),
            "lpr": lpr,
            "cost": cost,
            "gevel": rng.random(n) > 0.5,
            "construction_start": start.to_numpy(),
            "field_status": status,
            "field_note": note,
            "field_date": np.full(n, np.datetime64("NaT"), dtype="datetime64[ms]"),
        },
        geometry=geometry,
        crs=RD,
    )


def present(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Rows with a geometry that is there and not empty."""
    values = frame.geometry.to_numpy()
    return ~shapely.is_missing(values) & ~shapely.is_empty(values)


def package(frame: gpd.GeoDataFrame, name: str = "Tĳdelijk Ûithuizen") -> gpd.GeoDataFrame:
    outline = shapely.box(*frame.total_bounds).buffer(5) if present(frame).any() else None
    return gpd.GeoDataFrame(
        {"package_id": ["C0001-WP01"], "name": [name], "contractor": [None]},
        geometry=[outline],
        crs=RD,
    )


STYLES = {
    "buildings": "<qgis><renderer-v2 type='singleSymbol'/></qgis>",
    "package": "<qgis>pakket ë</qgis>",
}


def write_with_gdal(path, layers):
    write_layers(path, layers)
    write_layer_styles(path, STYLES)


def write_with_template(path, layers, template):
    path.write_bytes(fill_template(template, layers))


def ready(**layers):
    return {name: gis_ready(frame) for name, frame in layers.items()}


def template_for(folder, layers):
    return make_template(
        folder / "template.gpkg", layers, finish=lambda p: write_layer_styles(p, STYLES)
    )


def sqlite_facts(path) -> dict:
    """What GDAL and QGIS read from the file, straight from SQLite (no timestamps)."""
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_geometry_columns")]
        facts = {
            "schema": sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")),
            "contents": db.execute(
                "SELECT table_name, data_type, identifier, description, min_x, min_y, max_x, "
                "max_y, srs_id FROM gpkg_contents ORDER BY table_name"
            ).fetchall(),
            "counts": db.execute("SELECT * FROM gpkg_ogr_contents ORDER BY table_name").fetchall(),
            "geometry_columns": db.execute("SELECT * FROM gpkg_geometry_columns").fetchall(),
            "extensions": db.execute("SELECT * FROM gpkg_extensions ORDER BY 1, 2, 3").fetchall(),
            "srs": db.execute("SELECT * FROM gpkg_spatial_ref_sys ORDER BY srs_id").fetchall(),
            "styles": db.execute(
                "SELECT f_table_name, f_geometry_column, styleName, styleQML, useAsDefault "
                "FROM layer_styles ORDER BY id"
            ).fetchall(),
            "pragmas": [
                db.execute(f"PRAGMA {p}").fetchall()
                for p in ("application_id", "user_version", "integrity_check", "foreign_key_check")
            ],
        }
        for table in tables:
            columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
            typed = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
            facts[f"rows {table}"] = db.execute(f'SELECT {typed} FROM "{table}"').fetchall()
            facts[f"rtree {table}"] = db.execute(
                f'SELECT * FROM "rtree_{table}_geom" ORDER BY id'
            ).fetchall()
    return facts


def ogrinfo(path, *args) -> str:
    """The system GDAL's ogrinfo (an older GDAL than pyogrio's), timestamps left out."""
    done = subprocess.run(
        ["ogrinfo", "-ro", "-al", *args, str(path)], capture_output=True, text=True, check=True
    )
    return "\n".join(
        line
        for line in done.stdout.splitlines()
        if "update_time" not in line and not line.startswith("INFO: Open of")
    )


def validator_problem() -> str:
    """Why GDAL's GeoPackage validator cannot run here ("" when it can): it comes with the
    system GDAL's Python (python3-gdal, which QGIS installs), not with the venv."""
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} ontbreekt"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import osgeo_utils.samples.validate_gpkg"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return probe.stderr.strip()[-300:] if probe.returncode else ""


def validation(path) -> str:
    """What GDAL's validate_gpkg.py (the GeoPackage requirements) finds wrong with the
    file: "" when nothing."""
    problem = validator_problem()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"GDAL's validate_gpkg is required in CI: {problem}")
        pytest.skip(f"GDAL's validate_gpkg not available: {problem}")
    done = subprocess.run(
        [SYSTEM_PYTHON, "-m", "osgeo_utils.samples.validate_gpkg", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = (done.stdout + done.stderr).strip().splitlines()
    return "" if done.returncode == 0 else (lines[-1] if lines else f"exit {done.returncode}")


def assert_same_gpkg(ours, gdal) -> None:
    assert sqlite_facts(ours) == sqlite_facts(gdal)
    with sqlite3.connect(ours) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert ogrinfo(ours) == ogrinfo(gdal)  # every field, type, value, geometry, extent
    for layer in ("buildings", "package"):
        info_ours = pyogrio.read_info(ours, layer=layer)
        info_gdal = pyogrio.read_info(gdal, layer=layer)
        for key in ("fields", "dtypes", "geometry_type", "features", "total_bounds", "crs"):
            assert np.array_equal(info_ours[key], info_gdal[key]), key
        read_ours = pyogrio.read_dataframe(ours, layer=layer)
        read_gdal = pyogrio.read_dataframe(gdal, layer=layer)
        pd.testing.assert_frame_equal(
            read_ours.drop(columns="geometry"), read_gdal.drop(columns="geometry")
        )
        assert list(read_ours.geometry.to_wkb()) == list(read_gdal.geometry.to_wkb())


def test_filled_template_is_the_file_gdal_writes(tmp_path):
    layers = ready(buildings=buildings(12), package=package(buildings(12)))
    template = template_for(
        tmp_path, ready(buildings=buildings(3, seed=9), package=package(buildings(3)))
    )
    ours, gdal = tmp_path / "ours.gpkg", tmp_path / "gdal.gpkg"
    write_with_template(ours, layers, template)
    write_with_gdal(gdal, layers)
    assert_same_gpkg(ours, gdal)
    # the validator of the system's GDAL (3.6) holds the empty polygon GDAL writes (a
    # MultiPolygon of one empty part, flagged empty) against both files alike
    assert (
        validation(ours)
        == validation(gdal)
        == ("GPKGCheckException: Req 152: Inconsistent empty_flag vs geometry content")
    )

    # and what was put in comes back: values, NULLs, non-ASCII text, dates, geometries
    back = pyogrio.read_dataframe(ours, layer="buildings")
    source = layers["buildings"]
    assert len(back) == 12
    assert back["address"].iloc[0] == "Ëlsstraat 0 ’s-Gravenhage ĳ 🏠"
    assert pd.isna(back["address"].iloc[2]) and back["field_status"].isna().all()
    assert back["field_note"].iloc[0] == 'notitie 0\nregel 2; "quote"'
    assert back["lpr"].isna().tolist() == source["lpr"].isna().tolist()
    assert back["cost"].isna().tolist() == source["cost"].isna().tolist()
    assert back["construction_start"].iloc[0] == pd.Timestamp("1965-01-04")  # before 1970
    assert (
        back["construction_start"].isna().tolist() == source["construction_start"].isna().tolist()
    )
    assert (
        back.geometry.iloc[1].geom_type == "MultiPolygon" and len(back.geometry.iloc[1].geoms) == 2
    )
    assert back.geometry.iloc[0].geom_type == "MultiPolygon"  # promoted, as GDAL does
    assert back.geometry.iloc[0].equals(source.geometry.iloc[0])
    assert back.geometry.iloc[3] is None and back.geometry.iloc[4].is_empty
    info = pyogrio.read_info(ours, layer="buildings")
    assert info["features"] == 12 and info["geometry_type"] == "MultiPolygon"
    with sqlite3.connect(ours) as db:
        count = db.execute(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'buildings'"
        )
        assert count.fetchone() == (12,)
        extent = db.execute(
            "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'buildings'"
        ).fetchone()
    shapes = source.geometry[present(source)]
    assert extent == pytest.approx(tuple(shapes.total_bounds), abs=1e-6)


def test_spatial_index_of_a_filled_template_answers_spatial_filters(tmp_path):
    layers = ready(buildings=buildings(12), package=package(buildings(12)))
    template = template_for(tmp_path, layers)
    ours = tmp_path / "ours.gpkg"
    write_with_template(ours, layers, template)
    source = layers["buildings"]
    # a window over the 6th to 8th building (and the second part of the 2nd: none)
    bbox = (X0 + 20 * 5 - 1, Y0 - 1, X0 + 20 * 7 + 10, Y0 + 10)
    expected = source["building_id"][source.intersects(shapely.box(*bbox))].tolist()
    assert expected == [source["building_id"][i] for i in (5, 6, 7)]
    assert (
        pyogrio.read_dataframe(ours, layer="buildings", bbox=bbox)["building_id"].tolist()
        == expected
    )
    # the system GDAL through the R-tree too; and the index itself holds each present geometry
    spat = ogrinfo(ours, "-spat", *map(str, bbox))
    found = [line.split("= ")[1] for line in spat.splitlines() if "building_id (String) =" in line]
    assert found == expected
    with sqlite3.connect(ours) as db:
        hits = db.execute(
            "SELECT id FROM rtree_buildings_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? "
            "AND miny <= ? ORDER BY id",
            (bbox[0], bbox[2], bbox[1], bbox[3]),
        ).fetchall()
        indexed = db.execute("SELECT count(*) FROM rtree_buildings_geom").fetchone()[0]
    assert [h[0] for h in hits] == [6, 7, 8]  # fids count from 1, as GDAL's
    assert indexed == 12 - 2  # the missing and the empty geometry are not indexed
    # GDAL adds a feature to the file: its own triggers keep the index (the file stays editable)
    extra = gis_ready(buildings(1, seed=3)).assign(building_id="extra")
    extra = extra.set_geometry(
        gpd.GeoSeries([shapely.box(X0 + 105, Y0 + 2, X0 + 106, Y0 + 3)], crs=RD)
    )
    pyogrio.write_dataframe(extra, ours, layer="buildings", append=True, promote_to_multi=True)
    found = pyogrio.read_dataframe(ours, layer="buildings", bbox=bbox)["building_id"].tolist()
    assert found == [*expected, "extra"]
    assert pyogrio.read_info(ours, layer="buildings")["features"] == 13


@pytest.mark.parametrize("rows", [0, 1, 5])
def test_one_template_serves_packs_of_any_size(tmp_path, rows):
    template = template_for(tmp_path, ready(buildings=buildings(7), package=package(buildings(7))))
    frame = buildings(rows, seed=rows)
    layers = ready(buildings=frame, package=package(frame))
    assert signature(layers) == template.signature
    ours, gdal = tmp_path / "ours.gpkg", tmp_path / "gdal.gpkg"
    write_with_template(ours, layers, template)
    write_with_gdal(gdal, layers)
    assert_same_gpkg(ours, gdal)
    assert pyogrio.read_info(ours, layer="buildings")["features"] == rows
    verdict = validation(ours)
    assert verdict == validation(gdal)
    if rows < 5:  # no empty geometry (see test_filled_template_is_the_file_gdal_writes)
        assert verdict == ""


def test_layers_the_template_does_not_cover_have_no_signature():
    frame = gis_ready(buildings(4))
    assert signature({"buildings": frame}) is not None
    line = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs=RD)
    assert signature({"lines": line}) is None
    timed = frame.copy()
    timed["construction_start"] = pd.Timestamp("2027-01-04 13:30")  # a DateTime field in GDAL
    assert signature({"buildings": timed}) is None
    zoned = frame.copy()
    zoned["construction_start"] = pd.Timestamp("2027-01-04", tz="Europe/Amsterdam")
    assert signature({"buildings": zoned}) is None
    category = frame.assign(gevel=frame["gevel"].astype("category"))
    assert signature({"buildings": category}) is None
    solid = frame.set_geometry(shapely.force_3d(frame.geometry.to_numpy()))
    assert signature({"buildings": solid}) is None
    plain = pd.DataFrame({"a": [1]})
    assert signature({"table": plain}) is None


@pytest.mark.parametrize(
    "stamps",
    [
        ["2027-01-04", "NaT", "1950-06-01"],
        ["1969-12-31 23:59:59", "2027-01-04"],
        ["1900-01-01 00:00:00.001"],
        ["NaT", "NaT"],
        [],
    ],
)
@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_the_template_date_test_is_the_gdal_writers_date_test(stamps, unit):
    values = pd.Series(pd.to_datetime(stamps, format="ISO8601"), dtype=f"datetime64[{unit}]")
    assert gpkg_template._midnights_only(values.to_numpy()) == is_date_column(values)


# --- whole field packs ----------------------------------------------------------------------


def fieldpack_inputs(n: int, seed: int):
    part = buildings(n, seed=seed).drop(columns=["field_status", "field_note", "field_date"])
    part["measure"] = pd.array(
        ["heavy", "light", None, "none"] * (n // 4) + ["heavy"] * (n % 4), dtype="str"
    )
    office = pd.DataFrame(
        {
            "building_id": part["building_id"].astype(str),
            "milestone": "in_plan",
            "field_note": ["" if i % 2 else "kantoor ë" for i in range(n)],
        }
    )
    record = {
        "package_id": f"C000{seed}-WP01",
        "name": "LopPersum & Ten Boer <1>",
        "contractor": "Bouw & Zn",
        "geometry": shapely.box(*part.total_bounds).buffer(10),
    }
    return part, record, office


def water_state() -> MapState:
    water = gpd.GeoDataFrame(
        {"naam": ["Damsterdiep", "Ver weg"], "diepte": [2.5, np.nan]},
        geometry=[
            shapely.box(X0 - 60, Y0 - 60, X0 + 400, Y0 + 50),
            shapely.box(0, 300000, 10, 300010),
        ],
        crs=RD,
    )
    background = Background(name="Water", layer="achtergrond_water", frame=water, fill="#cfe3f2")
    return MapState(backgrounds=[background], order=["achtergrond_water", "buildings", "packages"])


def write_pack(root, base, inputs, *, shared, state):
    part, record, office = inputs
    return write_fieldpack(
        root,
        "veldpakketten",
        base,
        part,
        record,
        office,
        sheet=None,
        pdf_writer=lambda path, _sheet: path.write_bytes(b"%PDF-1.4 blad"),
        exported_at=dt.datetime(2027, 1, 4, 9, 30),
        map_state=state,
        labels={"address": "Adres"},
        shared=shared,
    )


@pytest.mark.parametrize("with_lines", [False, True])
def test_template_field_packs_equal_gdal_field_packs(tmp_path, with_lines):
    state = water_state()
    if with_lines:  # a line background: not covered by the template, GDAL writes the pack
        roads = gpd.GeoDataFrame(
            {"naam": ["Stationsweg"]},
            geometry=[shapely.LineString([(X0, Y0 - 5), (X0 + 300, Y0 - 5)])],
            crs=RD,
        )
        state.backgrounds.append(Background(name="Wegen", layer="achtergrond_wegen", frame=roads))
    shared = FieldPackShared()
    for n, seed in ((9, 1), (4, 2), (0, 3)):
        inputs = fieldpack_inputs(n, seed) if n else fieldpack_inputs(4, seed)
        if not n:  # a package without buildings
            inputs = (inputs[0].iloc[:0], inputs[1], inputs[2].iloc[:0])
        ours = write_pack(tmp_path / "ours", f"pakket {seed}", inputs, shared=shared, state=state)
        gdal = write_pack(tmp_path / "gdal", f"pakket {seed}", inputs, shared=None, state=state)
        assert [p.name for p in ours] == [p.name for p in gdal]
        for mine, theirs in zip(ours, gdal, strict=True):
            if mine.suffix == ".gpkg":
                assert_same_gpkg(mine, theirs)
                if n == 4:  # no empty geometry: valid by GDAL's validator
                    assert validation(mine) == ""
                layers = {name for name, _ in pyogrio.list_layers(mine)}
                assert {"buildings", "package", "achtergrond_water", "layer_styles"} <= layers
            elif mine.suffix != ".zip":  # the zips hold these files, written at other moments
                assert mine.read_bytes() == theirs.read_bytes(), mine.name
    made = shared.parts
    # one template and one project skeleton for the three packs; none for the GDAL ones
    assert sorted(kind for kind, _ in made) == ([] if with_lines else ["gpkg", "qgs"])


def test_layers_gdal_stores_otherwise_leave_the_packs_to_gdal(tmp_path, monkeypatch):
    import gis_app.core.fieldpack as fieldpack

    def renamed(path, layers, *, finish=None):  # as when GDAL renames a column
        write_layers(path, {name: frame.iloc[:0] for name, frame in layers.items()})
        raise ValueError("GDAL renamed columns of layer buildings")

    monkeypatch.setattr(fieldpack, "make_template", renamed)
    shared, state = FieldPackShared(), water_state()
    for seed in (1, 2):
        inputs = fieldpack_inputs(5, seed)
        ours = write_pack(tmp_path / "ours", f"p{seed}", inputs, shared=shared, state=state)
        gdal = write_pack(tmp_path / "gdal", f"p{seed}", inputs, shared=None, state=state)
        assert_same_gpkg(ours[0], gdal[0])
    assert [v for k, v in shared.parts.items() if k[0] == "gpkg"] == [False]  # tried once


def test_template_field_pack_opens_in_qgis(qgis_python, tmp_path):  # noqa: F811
    shared = FieldPackShared()
    state = water_state()
    write_pack(tmp_path, "eerste", fieldpack_inputs(6, 4), shared=shared, state=state)
    files = write_pack(tmp_path, "tweede", fieldpack_inputs(9, 5), shared=shared, state=state)
    # the second pack was filled into the template the first one made
    assert sorted(kind for kind, _ in shared.parts) == ["gpkg", "qgs"]
    gpkg = next(p for p in files if p.suffix == ".gpkg")
    qgs = next(p for p in files if p.suffix == ".qgs")
    edited = str(pyogrio.read_dataframe(gpkg, layer="buildings")["building_id"].iloc[2])
    results = run_checker(
        qgis_python,
        [
            {"kind": "project", "path": str(qgs)},
            {"kind": "layer", "uri": f"{gpkg}|layername=buildings"},
            {"kind": "colours", "uri": f"{gpkg}|layername=buildings", "key": "building_id"},
            {
                "kind": "edit",
                "uri": f"{gpkg}|layername=buildings",
                "key": "building_id",
                "value": edited,
                "changes": {
                    "field_status": ["bouw_gestart", "text"],
                    "field_date": ["2027-03-15", "date"],
                    "field_note": ["Bewoner thuis ë", "text"],
                },
            },
        ],
        tmp_path,
    )
    project, bare, colours, edit = results
    assert project["read"], project["error"]
    layers = by_name(project)
    assert set(layers) == {"Panden", "Werkpakket", "Water"}
    assert all(layer["valid"] for layer in layers.values())
    assert layers["Panden"]["feature_count"] == 9 and layers["Werkpakket"]["feature_count"] == 1
    assert layers["Water"]["feature_count"] == 1  # clipped to the package
    assert layers["Panden"]["renderer"]["attribute"] == "measure"
    assert bare["renderer"] == layers["Panden"]["renderer"]  # the style row in layer_styles
    assert layers["Panden"]["widgets"]["field_status"]["type"] == "ValueMap"
    assert colours["valid"] and len(colours["colours"]) == 9
    assert edit["found"] == 1 and edit["committed"], edit
    back = pyogrio.read_dataframe(gpkg, layer="buildings")
    row = back[back["building_id"] == edited].iloc[0]
    assert row["field_status"] == "bouw_gestart" and row["field_note"] == "Bewoner thuis ë"
    with sqlite3.connect(gpkg) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_pack_csv_cut_from_the_export_csv_is_the_csv_of_its_rows(tmp_path):
    from gis_app.core.export.tables import table_frame, write_csv

    part, record, office = fieldpack_inputs(12, 6)
    part["address"] = part["address"].astype(object)
    part.loc[5, "address"] = 'Kerkstraat 1; "De Pastorie"\r\nachterom'  # one record, two lines
    part.loc[6, "address"] = "=1+1"  # neutralised by table_frame
    whole = table_frame(part.drop(columns="geometry"))
    shared = FieldPackShared(table=whole)
    for n, rows in enumerate(([0, 5, 6, 11], [], [7], [4, 5])):
        files = write_fieldpack(
            tmp_path / "ours",
            "veldpakketten",
            f"pakket {n}",
            part.iloc[rows],
            record,
            office,
            sheet=None,
            pdf_writer=lambda path, _sheet: path.write_bytes(b"%PDF-1.4"),
            exported_at=dt.datetime(2027, 1, 4, 9, 30),
            table=whole.iloc[rows],
            shared=shared,
        )
        ours = next(p for p in files if p.suffix == ".csv")
        own = write_csv(tmp_path / f"own {n}.csv", part.iloc[:0], table=whole.iloc[rows])
        assert ours.read_bytes() == own.read_bytes()
        back = pd.read_csv(ours, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert len(back) == len(rows)
    assert shared.parts["csv"][3]  # made once from the whole table, and used
    assert b'"Kerkstraat 1; ""De Pastorie""\r\nachterom"' in ours.read_bytes()
    # a job for a worker process carries the token, not the table
    import pickle

    copy = pickle.loads(pickle.dumps(shared))
    assert copy.token == shared.token and copy.table is None and copy.parts == {}
    again = pickle.loads(pickle.dumps(shared))
    assert again.parts is copy.parts  # a worker's jobs of one export share what they make


def test_csv_records_keep_line_ends_inside_quotes():
    from gis_app.core.fieldpack import csv_record_ends

    text = 'a;b\r\n"x\r\ny";"say ""hi"""\r\n1;2\r\n'
    ends = csv_record_ends(text)
    records = [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]
    assert records == ["a;b\r\n", '"x\r\ny";"say ""hi"""\r\n', "1;2\r\n"]


def test_project_skeleton_renders_the_document_it_was_made_from():
    from gis_app.core.qgis.project import project_document, project_skeleton, project_xml
    from gis_app.core.qgis.writers import fieldpack_layers, project_layers

    frame = gis_ready(buildings(5))
    outline = gis_ready(package(buildings(5)))
    qgis = fieldpack_layers(
        {"buildings": frame, "package": outline},
        outline.total_bounds,
        water_state(),
        labels={"address": 'Adres "x" & <y>'},
    )
    items = project_layers(qgis.layers, qgis.styles, qgis.state, qgis.forms)
    skeleton = project_skeleton(items)
    for title, gpkg_name, extent in [
        ('Veldpakket & "Ü" <1>\nregel twee', "a&b <c> 'd'.gpkg", (1.5, -2.25, 1e6, 3)),
        ("Veldpakket C0001-WP01 Stedum", "C0001-WP01 Stedum.gpkg", (233000.1, 582000, 1 / 3, 7e-7)),
    ]:
        full = project_xml(project_document(items, gpkg_name, title=title, extent=extent))
        assert skeleton.render(title=title, gpkg_name=gpkg_name, extent=extent) == full
