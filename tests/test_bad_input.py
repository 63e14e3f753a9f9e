"""Bad input, one test each: a clear message naming the file (and row), or a correct load
whose report says what was repaired. Never a traceback, never a silent loss.
"""

from __future__ import annotations

import zipfile

import geopandas as gpd
import numpy as np
import openpyxl
import pyogrio
import pytest
import shapely
from pyproj import Transformer

from gis_app.core.errors import InputError, MissingCrsError
from gis_app.core.io.footprints import read_footprints
from gis_app.core.io.tables import read_table
from gis_app.core.join.load import load_buildings

X0, Y0 = 260_000.0, 594_000.0  # Delfzijl, RD metres
IDS = ["0010100000000001", "0010100000000002", "0010100000000003"]


def boxes(n, x0=X0, y0=Y0):
    return [shapely.box(x0 + 25 * i, y0, x0 + 25 * i + 10, y0 + 10) for i in range(n)]


def footprints(path, ids=IDS, geoms=None, crs=28992, **kwargs):
    geoms = boxes(len(ids)) if geoms is None else geoms
    gdf = gpd.GeoDataFrame({"identificatie": list(ids)}, geometry=geoms, crs=crs)
    pyogrio.write_dataframe(gdf, path, **kwargs)
    return path


def message_of(error_info) -> str:
    return error_info.value.user_message()


def test_empty_file(tmp_path):
    path = tmp_path / "leeg.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert str(path) in message_of(caught)
    assert "geen objecten" in message_of(caught) or "geen vlakken" in message_of(caught)


def test_zero_byte_file(tmp_path):
    path = tmp_path / "nul.gpkg"
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert message_of(caught) == f"{path}: bestand is leeg (0 bytes)"


def test_wrong_extension(tmp_path):
    path = tmp_path / "panden.docx"
    path.write_bytes(b"PK\x03\x04 not a map")
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert str(path) in message_of(caught)
    assert "'.docx'" in message_of(caught) and ".gpkg" in message_of(caught)


@pytest.mark.filterwarnings("ignore:Normalized/laundered field name")
def test_shapefile_without_shx(tmp_path):
    path = footprints(tmp_path / "panden.shp")
    path.with_suffix(".shx").unlink()
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert str(path) in message_of(caught)
    assert ".shx" in message_of(caught)


@pytest.mark.filterwarnings("ignore:Normalized/laundered field name")
def test_shapefile_without_prj(tmp_path):
    path = footprints(tmp_path / "panden.shp")
    path.with_suffix(".prj").unlink()
    with pytest.raises(MissingCrsError) as caught:
        read_footprints(path)
    message = message_of(caught)
    assert str(path) in message and ".prj" in message
    assert "pass --crs 28992" in message
    buildings, _ = read_footprints(path, crs=28992)  # stating the CRS makes it usable
    assert list(buildings["building_id"]) == IDS


def test_zip_without_a_shapefile(tmp_path):
    path = tmp_path / "levering.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("lees mij.txt", "geen kaart hier")
        archive.writestr("panden.dbf", b"\x03")
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert str(path) in message_of(caught)
    assert "geen Shapefile" in message_of(caught)
    assert "lees mij.txt" in message_of(caught)


def test_truncated_geopackage(tmp_path):
    path = footprints(
        tmp_path / "afgebroken.gpkg",
        ids=[f"0010100000{i:06d}" for i in range(400)],
        geoms=boxes(400),
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert str(path) in message_of(caught)


def test_point_layer(tmp_path):
    points = [shapely.Point(X0 + i, Y0) for i in range(3)]
    path = footprints(tmp_path / "punten.gpkg", geoms=points)
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert str(path) in message_of(caught)
    assert "punten" in message_of(caught) and "geen vlakken" in message_of(caught)


def test_line_layer(tmp_path):
    lines = [shapely.LineString([(X0, Y0 + i), (X0 + 10, Y0 + i)]) for i in range(3)]
    path = footprints(tmp_path / "lijnen.gpkg", geoms=lines)
    with pytest.raises(InputError) as caught:
        read_footprints(path)
    assert str(path) in message_of(caught)
    assert "lijnen" in message_of(caught)


def test_bow_tie_polygon_is_repaired_and_reported(tmp_path):
    bow_tie = shapely.Polygon([(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10)])
    assert not bow_tie.is_valid
    path = footprints(tmp_path / "strik.gpkg", geoms=[bow_tie, *boxes(2, x0=X0 + 50)])
    buildings, report = load_buildings(path)
    assert len(buildings) == 3  # nothing lost
    repaired = buildings.geometry.iloc[0]
    assert repaired.is_valid and repaired.area == pytest.approx(50.0)
    assert report.geometries_repaired == [IDS[0]]
    assert "hersteld (make_valid)" in report.to_text()
    assert IDS[0] in report.to_text()


def test_duplicate_ids(tmp_path):
    path = footprints(tmp_path / "dubbel.gpkg", ids=[IDS[0], IDS[1], IDS[0]])
    buildings, report = load_buildings(path)
    assert list(buildings["building_id"]) == IDS[:2]
    (duplicate,) = report.duplicate_ids
    assert duplicate.ids == [IDS[0]] and duplicate.rows == [3]
    assert duplicate.values == ["eerste: object 1"]
    assert report.footprints_read == 3 and report.buildings_loaded == 2
    assert "dubbele pand-id" in report.to_text()


def test_ids_that_arrive_as_numbers(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"bag_id": np.array([10100000000001, 10100000000002], dtype=np.int64)},
        geometry=boxes(2),
        crs=28992,
    )
    shp = tmp_path / "getallen.shp"
    pyogrio.write_dataframe(gdf, shp)
    workbook = openpyxl.Workbook()
    workbook.active.append(["pand_id", "risicoprofiel"])
    workbook.active.append([10100000000001, "verhoogd"])
    workbook.active.append([10100000000002.0, "normaal"])
    xlsx = tmp_path / "risico.xlsx"
    workbook.save(xlsx)
    buildings, report = load_buildings(shp, xlsx, crs=None)
    assert list(buildings["building_id"]) == IDS[:2]
    assert list(buildings["risk_profile"]) == ["verhoogd", "normaal"]
    assert report.matched_by_id == 2


def test_nan_negative_and_text_risk_values(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", ids=IDS + ["0010100000000004"], geoms=boxes(4))
    risk = tmp_path / "waarden.csv"
    risk.write_text(
        f"bag_id;lpr\n{IDS[0]};NaN\n{IDS[1]};-0,00001\n{IDS[2]};hoog\n0010100000000004;1,5\n",
        encoding="utf-8",
    )
    buildings, report = load_buildings(fp, risk)
    assert buildings["lpr"].isna().all()
    by_kind = {p.kind: p for p in report.values_out_of_range}
    assert by_kind["value_lpr_not_number"].rows == [2, 4]
    assert by_kind["value_lpr_not_number"].values == ["NaN", "hoog"]
    assert by_kind["value_lpr_negative"].rows == [3]
    assert by_kind["value_lpr_above_one"].rows == [5]
    text = report.to_text()
    assert "waarden.csv: LPR is negatief" in text and "rij 3" in text
    assert list(buildings["risk_profile"]) == ["onbekend"] * 4


def test_semicolon_csv_with_decimal_commas(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg")
    risk = tmp_path / "excel.csv"
    risk.write_text(
        f"Pand-ID;LPR;Bewoners\n{IDS[0]};1,5e-05;2,5\n{IDS[1]};0,00002;1\n{IDS[2]};0,0000009;\n",
        encoding="utf-8",
    )
    buildings, report = load_buildings(fp, risk)
    assert buildings["lpr"].tolist() == pytest.approx([1.5e-5, 2e-5, 9e-7])
    assert buildings["residents"].tolist()[:2] == [2.5, 1.0]
    assert list(buildings["risk_profile"]) == ["verhoogd", "verhoogd", "normaal"]
    assert report.values_out_of_range == []


def test_windows_1252_csv_with_accented_street_names(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg")
    streets = ["Oude Ebbingestraat 1", "Hoofdweg Ëxtra 2", "Kerkstraat é 3"]
    risk = tmp_path / "ansi.csv"
    lines = ["identificatie;adres;woonplaats"] + [
        f"{i};{s};Appingedam" for i, s in zip(IDS, streets, strict=True)
    ]
    risk.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    table, problems = read_table(risk)
    assert list(table["adres"]) == streets
    assert problems == []
    buildings, _ = load_buildings(fp, risk)
    assert list(buildings["address"]) == streets


def test_geojson_in_wgs84_is_transformed_to_rd(tmp_path):
    to_wgs84 = Transformer.from_crs(28992, 4326, always_xy=True)
    lon, lat = to_wgs84.transform(X0, Y0)
    square = shapely.box(lon, lat, lon + 0.0002, lat + 0.0001)
    path = footprints(tmp_path / "wgs84.geojson", ids=IDS[:1], geoms=[square], crs=4326)
    buildings, _ = read_footprints(path)
    assert buildings.crs.to_epsg() == 28992
    expected = Transformer.from_crs(4326, 28992, always_xy=True).transform(lon, lat)
    xs, ys = buildings.geometry.iloc[0].exterior.coords.xy
    corner = min(
        zip(xs, ys, strict=True),
        key=lambda p: (p[0] - expected[0]) ** 2 + (p[1] - expected[1]) ** 2,
    )
    assert abs(corner[0] - expected[0]) < 0.01 and abs(corner[1] - expected[1]) < 0.01
    assert abs(corner[0] - X0) < 0.01 and abs(corner[1] - Y0) < 0.01


def test_ragged_csv_names_the_row(tmp_path):
    risk = tmp_path / "scheef.csv"
    risk.write_text(f"bag_id;lpr\n{IDS[0]};1e-6\n{IDS[1]};1e-6;extra;nog meer\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_table(risk)
    assert str(risk) in message_of(caught)
    assert caught.value.row == 3
    assert "rij 3" in message_of(caught)
