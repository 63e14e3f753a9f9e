"""Every writer, read back by an independent reader (pyshp, GDAL's ogrinfo, openpyxl, json)."""

import csv
import datetime as dt
import json
import zipfile

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapefile
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ogr_support import run_ogrinfo
from pyproj import CRS, Transformer

from gis_app.core.export.geojson import write_geojson
from gis_app.core.export.gpkg import write_geopackage
from gis_app.core.export.shapefile import MAX_TEXT_BYTES, write_shapefile
from gis_app.core.export.tables import neutralise, write_csv, write_xlsx


def sample_frame() -> gpd.GeoDataFrame:
    ring = shapely.Polygon(
        [
            (250000.1234, 594000.5678),
            (250010.9876, 594000.5678),
            (250010.9876, 594012.3456),
            (250000.1234, 594012.3456),
        ],
        holes=[[(250003, 594003), (250005, 594003), (250005, 594005), (250003, 594005)]],
    )
    multi = shapely.MultiPolygon(
        [
            shapely.box(250020.001, 594000.002, 250030.003, 594010.004),
            shapely.box(250040, 594000, 250045, 594005),
        ]
    )
    return gpd.GeoDataFrame(
        {
            "building_id": ["0003100000118018", "0010100000000001", "1952100000000009"],
            "address": ['=HYPERLINK("http://x")', "Ëlsstraat 1", "Groningen 格罗宁根 3"],
            "woonplaats": ["+31 tel", "-5", "@SUM(A1)"],
            "construction_start": pd.to_datetime(["2027-03-01", None, "2031-12-31"]),
            "completion": pd.to_datetime([None, None, None]),
            "lpr": [1.5e-5, np.nan, 3e-7],
            "addresses": [1, 12, 3],
            "eigen_regie": [True, False, False],
            "measure": ["heavy", "light", "rebuild"],
            "a_rather_long_source_column": ["x", "y", "z"],
        },
        geometry=[ring, multi, shapely.box(250100, 594100, 250108, 594106)],
        crs="EPSG:28992",
    )


# --- Shapefile ----------------------------------------------------------------------------


def test_shapefile_read_back_with_pyshp(tmp_path):
    frame = sample_frame()
    result = write_shapefile(frame, tmp_path, "pakket", zip_path=tmp_path / "pakket.zip")
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        assert (tmp_path / f"pakket{suffix}").exists()
    assert (tmp_path / "pakket.cpg").read_text().strip().upper() == "UTF-8"
    assert CRS.from_wkt((tmp_path / "pakket.prj").read_text()).to_epsg() == 28992

    reader = shapefile.Reader(str(tmp_path / "pakket.shp"), encoding="utf-8")
    fields = {f.name: f for f in reader.fields[1:]}
    assert all(len(name) <= 10 for name in fields)
    bag = fields[result.mapping["building_id"]]
    assert bag.field_type == "C" and bag.size >= 16
    assert fields[result.mapping["construction_start"]].field_type == "D"
    assert fields[result.mapping["completion"]].field_type == "D"
    records = reader.records()
    ids = [r[result.mapping["building_id"]] for r in records]
    assert ids == frame["building_id"].tolist()
    assert [r[result.mapping["address"]] for r in records] == frame["address"].tolist()
    assert records[0][result.mapping["construction_start"]] == dt.date(2027, 3, 1)
    assert records[1][result.mapping["construction_start"]] is None
    assert records[2][result.mapping["construction_start"]] == dt.date(2031, 12, 31)
    assert [r[result.mapping["addresses"]] for r in records] == [1, 12, 3]
    # geometry within 1 mm, holes and multi-parts kept
    for shape, geom in zip(reader.shapes(), frame.geometry, strict=True):
        back = shapely.geometry.shape(shape.__geo_interface__)
        assert back.area == pytest.approx(geom.area, abs=1e-3)
        assert shapely.hausdorff_distance(back, geom) < 1e-3
    reader.close()

    # the zip holds the same files flat, plus the field-name mapping
    with zipfile.ZipFile(tmp_path / "pakket.zip") as archive:
        names = set(archive.namelist())
    assert {
        "pakket.shp",
        "pakket.shx",
        "pakket.dbf",
        "pakket.prj",
        "pakket.cpg",
        "pakket_veldnamen.csv",
    } <= names
    mapping_rows = list(
        csv.reader(
            (tmp_path / "pakket_veldnamen.csv").read_text("utf-8-sig").splitlines(), delimiter=";"
        )
    )
    assert ["bag_id", "building_id", ""] in mapping_rows


def test_shapefile_read_back_with_ogrinfo(tmp_path, ogrinfo):
    frame = sample_frame()
    result = write_shapefile(frame, tmp_path, "pakket")
    out = run_ogrinfo(ogrinfo, "-al", tmp_path / "pakket.shp")
    assert 'ID["EPSG",28992]' in out
    assert f"{result.mapping['building_id']}: String (16.0)" in out
    assert f"{result.mapping['construction_start']}: Date" in out
    assert "0003100000118018" in out  # leading zeros kept
    assert "Ëlsstraat 1" in out and "Groningen 格罗宁根 3" in out
    assert "2027/03/01" in out
    # zipped, through GDAL's own zip reader
    write_shapefile(frame, tmp_path, "zipped", zip_path=tmp_path / "zipped.zip")
    out_zip = run_ogrinfo(ogrinfo, "-so", f"/vsizip/{tmp_path / 'zipped.zip'}", "zipped")
    assert "Feature Count: 3" in out_zip


def test_shapefile_long_text_is_cut_and_reported(tmp_path):
    frame = sample_frame().iloc[:1].copy()
    frame["note"] = ["é" * 300]
    result = write_shapefile(frame, tmp_path, "lang")
    assert any("ingekort" in w for w in result.warnings)
    reader = shapefile.Reader(str(tmp_path / "lang.shp"), encoding="utf-8")
    text = reader.records()[0][result.mapping["note"]]
    reader.close()
    assert text == "é" * (MAX_TEXT_BYTES // 2)


def test_empty_shapefile(tmp_path, ogrinfo):
    frame = sample_frame().iloc[:0]
    write_shapefile(frame, tmp_path, "leeg", zip_path=tmp_path / "leeg.zip")
    reader = shapefile.Reader(str(tmp_path / "leeg.shp"))
    assert len(reader) == 0
    assert any(f.field_type == "D" for f in reader.fields[1:])
    reader.close()
    assert "Feature Count: 0" in run_ogrinfo(ogrinfo, "-so", tmp_path / "leeg.shp", "leeg")


# --- GeoPackage ---------------------------------------------------------------------------


def test_geopackage_layers_read_back_with_ogrinfo(tmp_path, ogrinfo):
    frame = sample_frame()
    clusters = gpd.GeoDataFrame(
        {"cluster_id": ["C1"], "name": ["Ëls"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=28992
    )
    packages = gpd.GeoDataFrame({"package_id": ["C1-WP01"]}, geometry=[None], crs=28992)
    path = write_geopackage(
        tmp_path / "w.gpkg", {"buildings": frame, "clusters": clusters, "packages": packages}
    )
    listing = run_ogrinfo(ogrinfo, path)
    for layer in ("buildings", "clusters", "packages"):
        assert layer in listing
    out = run_ogrinfo(ogrinfo, "-al", path, "buildings")
    assert 'ID["EPSG",28992]' in out
    assert "building_id (String) = 0003100000118018" in out
    assert "a_rather_long_source_column (String) = x" in out  # full names in a GeoPackage
    assert "Groningen 格罗宁根 3" in out

    back = gpd.read_file(path, layer="buildings")
    assert back["building_id"].tolist() == frame["building_id"].tolist()
    assert back.crs.to_epsg() == 28992
    assert (
        shapely.hausdorff_distance(back.geometry.to_numpy(), frame.geometry.to_numpy()) < 1e-3
    ).all()
    assert back["construction_start"].iloc[0].date() == dt.date(2027, 3, 1)


# --- GeoJSON ------------------------------------------------------------------------------


def test_geojson_is_wgs84_lon_lat(tmp_path):
    frame = sample_frame()
    path = write_geojson(tmp_path / "p.geojson", frame)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in document  # RFC 7946: WGS84 implied
    first = document["features"][0]
    lon, lat = first["geometry"]["coordinates"][0][0]
    assert 6.5 < lon < 7.5 and 53 < lat < 53.6  # Groningen, longitude first
    assert first["properties"]["building_id"] == "0003100000118018"
    back = Transformer.from_crs(4326, 28992, always_xy=True).transform(lon, lat)
    exterior = np.asarray(frame.geometry.iloc[0].exterior.coords)
    assert np.min(np.hypot(exterior[:, 0] - back[0], exterior[:, 1] - back[1])) < 1e-3


# --- tables -------------------------------------------------------------------------------


def test_neutralise_only_touches_formula_text():
    values = pd.Series(
        ["=1+1", "+31", "-", "@x", "\tx", "\rx", "gewoon", None, 5, -3.5], dtype=object
    )
    out = neutralise(values).tolist()
    assert out[:6] == ["'=1+1", "'+31", "'-", "'@x", "'\tx", "'\rx"]
    assert out[6:8] == ["gewoon", None]
    assert out[8:] == [5, -3.5]


def test_csv_utf8_bom_semicolon_and_neutralised(tmp_path):
    frame = sample_frame().drop(columns="geometry")
    path = write_csv(tmp_path / "p.csv", frame)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    header = rows[0]
    assert header[0] == "BAG pand-id"
    body = rows[1:]
    assert [r[0] for r in body] == ["0003100000118018", "0010100000000001", "1952100000000009"]
    address = header.index("adres")
    assert body[0][address] == '\'=HYPERLINK("http://x")'
    assert body[1][address] == "Ëlsstraat 1"
    assert body[2][address] == "Groningen 格罗宁根 3"
    town = header.index("woonplaats")
    assert [r[town] for r in body] == ["'+31 tel", "'-5", "'@SUM(A1)"]
    assert body[0][header.index("start bouw")] == "2027-03-01"
    assert body[0][header.index("LPR")] == "1,50e-05"  # 3 significant digits
    assert body[0][header.index("maatregel")] == "zware versterking"
    assert body[0][header.index("eigen regie")] == "ja"
    for row in body:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_xlsx_read_back_with_openpyxl(tmp_path):
    frame = sample_frame().drop(columns="geometry")
    path = write_xlsx(tmp_path / "p.xlsx", frame, info=[("naam", "=evil()"), ("panden", 3)])
    book = openpyxl.load_workbook(path)
    sheet = book["Adressen"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "BAG pand-id"
    ids = [r[0] for r in rows[1:]]
    assert ids == ["0003100000118018", "0010100000000001", "1952100000000009"]
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s"  # ids are text cells
        for cell in row:
            assert cell.data_type != "f"  # nothing is a formula
    address = header.index("adres")
    assert rows[1][address] == '\'=HYPERLINK("http://x")'
    assert rows[3][address] == "Groningen 格罗宁根 3"
    start = sheet.cell(row=2, column=header.index("start bouw") + 1)
    assert start.is_date and start.value.date() == dt.date(2027, 3, 1)
    assert rows[1][header.index("aantal adressen")] == 1
    info = list(book["Toelichting"].iter_rows(values_only=True))
    assert ("naam", "'=evil()") in info
    assert ("panden", 3) in info


def test_empty_tables(tmp_path):
    frame = sample_frame().drop(columns="geometry").iloc[:0]
    rows = list(
        csv.reader(
            write_csv(tmp_path / "e.csv", frame).read_text("utf-8-sig").splitlines(), delimiter=";"
        )
    )
    assert len(rows) == 1 and rows[0][0] == "BAG pand-id"
    book = openpyxl.load_workbook(write_xlsx(tmp_path / "e.xlsx", frame))
    assert list(book["Adressen"].iter_rows(values_only=True))[0][0] == "BAG pand-id"
    assert book["Adressen"].max_row == 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(max_size=60)),
            st.integers(min_value=-(10**12), max_value=10**12),
            st.one_of(st.none(), st.floats(min_value=-1e7, max_value=1e7, allow_nan=False)),
            st.one_of(
                st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
            ),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_dbf_round_trip_with_pyshp(tmp_path, rows):
    """Whatever the values, pyshp reads back what was written (texts up to the byte limit)."""
    text = [r[0] for r in rows]
    frame = gpd.GeoDataFrame(
        {
            "tekst": pd.Series(text, dtype=object),
            "geheel": pd.Series([r[1] for r in rows], dtype="int64"),
            "getal": pd.Series([np.nan if r[2] is None else r[2] for r in rows], dtype="float64"),
            "datum": pd.to_datetime(pd.Series([r[3] for r in rows], dtype=object), errors="coerce"),
            "vlag": pd.Series([r[4] for r in rows], dtype=bool),
        },
        geometry=[shapely.box(i, 0, i + 1, 1) for i in range(len(rows))],
        crs="EPSG:28992",
    )
    folder = tmp_path / f"r{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    write_shapefile(frame, folder, "t")
    reader = shapefile.Reader(str(folder / "t.shp"), encoding="utf-8")
    back = reader.records()
    reader.close()
    assert len(back) == len(rows)
    for record, (t, whole, number, day, flag) in zip(back, rows, strict=True):
        expected_text = (t or "").encode("utf-8")[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore")
        # dBASE pads with spaces and readers stop at NUL: NUL is stored as a space and
        # trailing spaces do not survive (the GeoPackage keeps both)
        expected_text = expected_text.replace("\x00", " ").rstrip()
        assert (record["tekst"] or "").replace("\x00", " ").rstrip() == expected_text
        assert record["geheel"] == whole
        if number is None:
            assert record["getal"] is None
        else:
            assert record["getal"] == pytest.approx(number, abs=1e-9, rel=1e-12)
        if day is None or not (1678 <= day.year <= 2261):
            assert record["datum"] is None or day is not None
        else:
            assert record["datum"] == day
        assert record["vlag"] is flag
