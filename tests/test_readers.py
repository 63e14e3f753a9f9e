"""Reading footprints and tables: formats, layers, CRS, ids, field names, encodings."""

from __future__ import annotations

import zipfile

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely

from gis_app.core import fields
from gis_app.core.errors import InputError, MissingCrsError
from gis_app.core.io.footprints import read_footprints
from gis_app.core.io.ids import normalise_ids
from gis_app.core.io.tables import detect_delimiter, read_table
from gis_app.core.io.vectorfiles import list_layers

X0, Y0 = 255_000.0, 593_500.0  # Appingedam, RD metres
IDS = ["0003100000118018", "0003100000118019", "0003100000118020"]


def boxes(n: int, x0: float = X0, y0: float = Y0) -> list:
    return [shapely.box(x0 + 20 * i, y0, x0 + 20 * i + 10, y0 + 8) for i in range(n)]


def frame(ids=IDS, geoms=None, crs="EPSG:28992", id_name="identificatie", **columns):
    geoms = boxes(len(ids)) if geoms is None else geoms
    return gpd.GeoDataFrame({id_name: list(ids), **columns}, geometry=geoms, crs=crs)


def write(gdf, path, layer=None, **kwargs):
    pyogrio.write_dataframe(gdf, path, layer=layer, **kwargs)
    return path


# --- formats ----------------------------------------------------------------------------------


def test_geopackage_ids_geometry_and_attributes(tmp_path):
    path = write(frame(bouwjaar=[1930, 1965, 2001]), tmp_path / "panden.gpkg")
    buildings, problems = read_footprints(path)
    assert list(buildings["building_id"]) == IDS
    assert buildings.crs.to_epsg() == 28992
    assert list(buildings["bouwjaar"]) == [1930, 1965, 2001]
    assert "identificatie" not in buildings.columns  # replaced by building_id
    assert buildings.geometry.iloc[1].equals(boxes(3)[1])
    assert problems == []


def test_layer_choice_and_list_layers(tmp_path):
    path = tmp_path / "twee.gpkg"
    write(frame(), path, layer="panden")
    write(frame(ids=["0003100000000001"]), path, layer="bijgebouwen", append=True)
    layers = dict(list_layers(path))
    assert set(layers) == {"panden", "bijgebouwen"}
    assert "Polygon" in layers["panden"]
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    message = caught.value.user_message()
    assert "panden" in message and "bijgebouwen" in message and "--layer" in message
    assert str(path) in message
    buildings, _ = read_footprints(path, layer="bijgebouwen")
    assert list(buildings["building_id"]) == ["0003100000000001"]
    with pytest.raises(InputError, match="bestaat niet"):
        read_footprints(path, layer="wegen")


def test_single_polygon_layer_is_chosen_next_to_a_point_layer(tmp_path):
    path = tmp_path / "gemengd.gpkg"
    points = gpd.GeoDataFrame({"naam": ["a"]}, geometry=[shapely.Point(X0, Y0)], crs="EPSG:28992")
    write(points, path, layer="adressen")
    write(frame(), path, layer="panden", append=True)
    buildings, _ = read_footprints(path)
    assert list(buildings["building_id"]) == IDS


def test_shapefile_and_numeric_ids_get_their_zeros_back(tmp_path):
    numbers = [3100000118018, 3100000118019, 7]
    gdf = frame(ids=numbers, id_name="bag_id")
    path = write(gdf, tmp_path / "panden.shp")
    buildings, _ = read_footprints(path)
    assert list(buildings["building_id"]) == ["0003100000118018", "0003100000118019", "7"]


@pytest.mark.filterwarnings("ignore:Normalized/laundered field name")
def test_zipped_shapefile_is_read_in_place(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    write(frame(), source / "panden.shp")
    archive = tmp_path / "levering.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for part in source.iterdir():
            handle.write(part, f"export/{part.name}")
    before = sorted(p.name for p in tmp_path.iterdir())
    buildings, _ = read_footprints(archive)
    assert list(buildings["building_id"]) == IDS
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing extracted


def test_geojson_and_flatgeobuf(tmp_path):
    gdf = frame()
    for name, driver in (("panden.geojson", "GeoJSON"), ("panden.fgb", "FlatGeobuf")):
        path = write(gdf.to_crs(4326) if driver == "GeoJSON" else gdf, tmp_path / name)
        buildings, _ = read_footprints(path)
        # FlatGeobuf's spatial index stores features in Hilbert order: compare as sets
        assert sorted(buildings["building_id"]) == IDS, driver
        assert buildings.crs.to_epsg() == 28992
        assert np.allclose(buildings.geometry.area, 80.0, atol=0.01), driver


def test_holes_and_multipolygons_are_kept(tmp_path):
    with_hole = shapely.Polygon(
        [(X0, Y0), (X0 + 30, Y0), (X0 + 30, Y0 + 30), (X0, Y0 + 30)],
        [[(X0 + 10, Y0 + 10), (X0 + 20, Y0 + 10), (X0 + 20, Y0 + 20), (X0 + 10, Y0 + 20)]],
    )
    multi = shapely.MultiPolygon(boxes(2, x0=X0 + 100))
    path = write(frame(ids=IDS[:2], geoms=[with_hole, multi]), tmp_path / "vormen.gpkg")
    buildings, problems = read_footprints(path)
    # the writer may have promoted both to MultiPolygon: count the holes in the parts
    assert shapely.get_num_interior_rings(shapely.get_parts(buildings.geometry.iloc[0])).sum() == 1
    assert buildings.geometry.iloc[0].area == pytest.approx(800.0)
    assert len(shapely.get_parts(buildings.geometry.iloc[1])) == 2
    assert buildings.geometry.iloc[1].area == pytest.approx(160.0)
    assert problems == []


def test_large_layer_read_in_parallel_chunks_keeps_order(tmp_path, monkeypatch):
    from gis_app.core.io import footprints

    n = 2_000
    ids = [f"0003100000{i:06d}" for i in range(n)]
    path = write(frame(ids=ids, geoms=boxes(n), nummer=np.arange(n)), tmp_path / "veel.gpkg")
    monkeypatch.setattr(footprints.arrow_io, "available", lambda: False)  # the classic path
    monkeypatch.setattr(footprints, "MIN_CHUNK_FEATURES", 300)
    monkeypatch.setattr(footprints.os, "cpu_count", lambda: 4)
    buildings, _ = read_footprints(path)
    assert list(buildings["building_id"]) == ids
    assert list(buildings["nummer"]) == list(range(n))
    assert buildings.geometry.iloc[n - 1].equals(boxes(n)[n - 1])


# --- CRS --------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_is_refused_and_rd_coordinates_are_named(tmp_path):
    path = write(frame(crs=None), tmp_path / "zonder_crs.fgb")
    with pytest.raises(MissingCrsError) as caught:
        read_footprints(path)
    message = caught.value.user_message()
    assert "zonder_crs.fgb" in message
    assert "the coordinates look like RD New metres (EPSG:28992): pass --crs 28992" in message
    buildings, _ = read_footprints(path, crs=28992)
    assert buildings.crs.to_epsg() == 28992
    assert sorted(buildings["building_id"]) == IDS


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_outside_rd_gets_no_rd_hint(tmp_path):
    lonlat = [shapely.box(6.9 + i * 0.001, 53.3, 6.9005 + i * 0.001, 53.3005) for i in range(3)]
    path = write(frame(crs=None, geoms=lonlat), tmp_path / "graden.fgb")
    with pytest.raises(MissingCrsError) as caught:
        read_footprints(path)
    assert "RD New metres" not in caught.value.user_message()
    assert "--crs" in caught.value.user_message()
    buildings, _ = read_footprints(path, crs="EPSG:4326")
    assert 200_000 < buildings.geometry.iloc[0].centroid.x < 300_000


def test_stated_crs_overrides_the_file_and_says_so(tmp_path):
    path = write(frame(crs="EPSG:3857"), tmp_path / "verkeerd.gpkg")
    buildings, problems = read_footprints(path, crs="28992")
    assert buildings.geometry.iloc[0].equals(boxes(3)[0])
    assert [p.kind for p in problems] == ["crs_override"]
    assert "EPSG:3857" in problems[0].message


# --- geometries ------------------------------------------------------------------------------


def test_geometry_collection_keeps_polygon_parts(tmp_path):
    collection = shapely.GeometryCollection(
        [boxes(1)[0], shapely.LineString([(X0, Y0), (X0 + 50, Y0 + 50)])]
    )
    gdf = frame(ids=IDS[:2], geoms=[collection, boxes(2)[1]])
    path = write(gdf, tmp_path / "collectie.gpkg", geometry_type="Unknown")
    buildings, problems = read_footprints(path)
    assert len(buildings) == 2
    assert buildings.geometry.iloc[0].area == pytest.approx(80.0)
    assert [p.kind for p in problems] == ["geometry_collection"]
    assert problems[0].ids == [IDS[0]]


def test_null_empty_and_line_geometries_are_left_out_and_listed(tmp_path):
    geoms = [boxes(1)[0], None, shapely.Polygon(), shapely.LineString([(X0, Y0), (X0 + 1, Y0)])]
    ids = [f"000310000011801{i}" for i in range(4)]
    path = write(frame(ids=ids, geoms=geoms), tmp_path / "rommel.gpkg", geometry_type="Unknown")
    buildings, problems = read_footprints(path)
    assert list(buildings["building_id"]) == ids[:1]
    by_kind = {p.kind: p for p in problems}
    assert sorted(by_kind["geometry_empty"].ids) == sorted(ids[1:3])
    assert by_kind["geometry_empty"].rows == [2, 3]
    assert by_kind["geometry_not_polygon"].ids == [ids[3]]
    assert all(by_kind[k].dropped for k in ("geometry_empty", "geometry_not_polygon"))


# --- ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0003100000118018", "0003100000118018"),
        (" 0003100000118018 ", "0003100000118018"),
        ("3100000118018", "0003100000118018"),
        ("3100000118018.0", "0003100000118018"),
        ("NL.IMBAG.Pand.0003100000118018", "0003100000118018"),
        ("3,100000118018E+12", "0003100000118018"),
        ("0014100000123456", "0014100000123456"),
        ("42", "42"),
        ("pand-a", "pand-a"),
    ],
)
def test_id_rule_for_text(raw, expected):
    ids, _ = normalise_ids(pd.Series([raw], dtype=object))
    assert ids[0] == expected


def test_id_rule_for_numbers_and_missing():
    ids, _ = normalise_ids(pd.Series([3100000118018.0, np.nan, 7.0, 1014100000000001.0]))
    assert list(ids) == ["0003100000118018", "", "7", "1014100000000001"]
    ids, scientific = normalise_ids(pd.Series(["3.1E+12", "0003100000118018"], dtype=object))
    assert list(scientific) == [True, False]


def test_id_field_detection_prefers_bag_names():
    assert fields.detect_id_field(["fid", "id", "Identificatie", "naam"]) == "Identificatie"
    assert fields.detect_id_field(["OBJECTID", "BAG_ID"]) == "BAG_ID"
    assert fields.detect_id_field(["bag building id"]) == "bag building id"
    assert fields.detect_id_field(["naam", "hoogte"]) is None


def test_id_field_given_by_user_and_missing_id_field(tmp_path):
    gdf = frame(id_name="mijn_sleutel", id=[1, 2, 3])
    path = write(gdf, tmp_path / "sleutel.gpkg")
    buildings, _ = read_footprints(path, id_field="MIJN_SLEUTEL")
    assert list(buildings["building_id"]) == IDS
    with pytest.raises(InputError, match="id-veld 'nergens' bestaat niet"):
        read_footprints(path, id_field="nergens")
    bare = write(frame(id_name="naam"), tmp_path / "zonder_id.gpkg")
    with pytest.raises(InputError) as caught:
        read_footprints(bare)
    assert "--id-field" in caught.value.user_message()
    assert "naam" in caught.value.user_message()


# --- field names ------------------------------------------------------------------------------


def test_field_names_dutch_english_case_insensitive():
    mapping = fields.detect_fields(
        [
            "Risicoprofiel",
            "LPR",
            "Typologie",
            "Mijlpaal",
            "Maatregel",
            "Aantal Adressen",
            "Bewoners",
            "Adres",
            "Postcode",
            "Woonplaats",
            "Eigen regie",
            "Opmerking",
        ]
    )
    assert mapping == {
        "risk_profile": "Risicoprofiel",
        "lpr": "LPR",
        "typology": "Typologie",
        "milestone": "Mijlpaal",
        "measure_class": "Maatregel",
        "addresses": "Aantal Adressen",
        "residents": "Bewoners",
        "address": "Adres",
        "postcode": "Postcode",
        "woonplaats": "Woonplaats",
        "eigen_regie": "Eigen regie",
    }
    english = fields.detect_fields(["risk_profile", "Typology", "Residents", "City"])
    assert english == {
        "risk_profile": "risk_profile",
        "typology": "Typology",
        "residents": "Residents",
        "woonplaats": "City",
    }
    assert fields.normalise_name(" Aantal-Bewoners (nacht) ") == "aantal_bewoners_nacht"


# --- tables -----------------------------------------------------------------------------------


def test_csv_delimiters_and_row_numbers(tmp_path):
    for delimiter in (",", ";", "\t"):
        path = tmp_path / "risico.csv"
        lines = [
            delimiter.join(["bag_id", "lpr", "adres"]),
            delimiter.join(["0003100000118018", "0.00002", "Kerkstraat 1"]),
            "",
            delimiter.join(["0003100000118019", "1e-6", "Kerkstraat 3"]),
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        table, _ = read_table(path)
        assert list(table.columns) == ["bag_id", "lpr", "adres"], repr(delimiter)
        assert list(table["bag_id"]) == ["0003100000118018", "0003100000118019"]
        assert list(table.index) == [2, 4]  # spreadsheet rows; the blank line is row 3


def test_detect_delimiter_ignores_quoted_commas():
    lines = ["id;adres;lpr", '1;"Kerkstraat 1, achter";0,5', '2;"Dorpsweg 2";0,7']
    assert detect_delimiter(lines) == ";"
    assert detect_delimiter(["a,b,c", "1,2,3"]) == ","


def test_csv_utf8_bom_and_excel_sep_line(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffsep=;\nidentificatie;woonplaats\n0003100000118018;Ten Boer\n".encode())
    table, _ = read_table(path)
    assert list(table.columns) == ["identificatie", "woonplaats"]
    assert table.loc[3, "woonplaats"] == "Ten Boer"


def test_xlsx_sheet_choice_and_numeric_ids(tmp_path):
    path = tmp_path / "risico.xlsx"
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Toelichting"
    notes.append(["Deze lijst is vertrouwelijk"])
    data = workbook.create_sheet("Panden")
    data.append(["Pand ID", "LPR", "Bewoners"])
    data.append([3100000118018, 2.5e-5, 3])
    data.append(["0003100000118019", 1e-7, None])
    workbook.save(path)

    table, problems = read_table(path)  # the sheet with an id column is found
    assert list(table.columns) == ["Pand ID", "LPR", "Bewoners"]
    assert list(table.index) == [2, 3]
    assert [p.kind for p in problems] == ["sheet_chosen"]
    ids, _ = normalise_ids(table["Pand ID"])
    assert list(ids) == ["0003100000118018", "0003100000118019"]
    assert table.loc[2, "LPR"] == "2.5e-05"
    assert pd.isna(table.loc[3, "Bewoners"])
    with pytest.raises(InputError, match="alleen een kopregel"):
        read_table(path, sheet="Toelichting")
    with pytest.raises(InputError, match="werkblad 'Nergens' bestaat niet"):
        read_table(path, sheet="Nergens")


def test_table_from_a_vector_file_attributes(tmp_path):
    path = write(frame(lpr=[1e-4, 2e-6, 1e-7]), tmp_path / "attributen.gpkg")
    table, _ = read_table(path)
    assert list(table.index) == [1, 2, 3]
    assert list(table["identificatie"]) == IDS
    assert table["lpr"].tolist() == [1e-4, 2e-6, 1e-7]


def test_id_keys_are_equal_exactly_where_bag_ids_are():
    from gis_app.core.io.ids import id_keys

    ids = np.array(
        ["0003100000118018", "1900100000000001", "0003100000118018", "", "9999999999999999"],
        dtype=object,
    )
    keys = id_keys(ids)
    assert keys.tolist() == [3100000118018, 1900100000000001, 3100000118018, -1, 9999999999999999]
    # anything not in BAG form keeps the text comparison (leading zeros would collide)
    assert id_keys(np.array(["0003100000118018", "3100000118018"], dtype=object)) is None
    assert id_keys(np.array(["0003100000118018", "000310000011801A"], dtype=object)) is None
    assert id_keys(np.array(["00031000001180180"], dtype=object)) is None
    assert id_keys(np.array([], dtype=object)) is None
