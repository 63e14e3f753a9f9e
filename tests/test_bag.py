"""Real BAG and NCG data in: NCG's labels, BAG status, PDOK's BAG GeoPackage, LVBAG, 3D BAG."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from gis_app.core import schema
from gis_app.core.errors import InputError
from gis_app.core.io.area import parse_area
from gis_app.core.io.bag import current_versions
from gis_app.core.join.load import load_buildings
from gis_app.core.planning.planner import plan

X0, Y0 = 247_000.0, 594_000.0  # Loppersum, RD metres


def ids(n: int, municipality: str = "0003") -> list[str]:
    return [f"{municipality}100000{i:06d}" for i in range(1, n + 1)]


def footprints(path, n=4, **columns):
    geoms = [shapely.box(X0 + 30 * i, Y0, X0 + 30 * i + 12, Y0 + 9) for i in range(n)]
    gdf = gpd.GeoDataFrame({"identificatie": ids(n), **columns}, geometry=geoms, crs=28992)
    pyogrio.write_dataframe(gdf, path)
    return path


# --- NCG's labels -----------------------------------------------------------------------------


def test_ncg_labels_are_recognised_in_any_case_with_or_without_brackets(tmp_path):
    labels = [
        "Verhoogd (P50)",
        "LICHT VERHOOGD (P90)",
        "normaal (grijs)",
        "Licht verhoogd",
        "Normaal",
        "verhoogd (p50) ",
        "Normaal(Grijs)",
    ]
    fp = footprints(tmp_path / "panden.gpkg", n=len(labels))
    risk = tmp_path / "ncg.csv"
    rows = "\n".join(f"{i};{label}" for i, label in zip(ids(len(labels)), labels, strict=True))
    risk.write_text("identificatie;risicoprofiel\n" + rows + "\n", encoding="utf-8")
    buildings, report = load_buildings(fp, risk)
    assert buildings["risk_profile"].tolist() == [
        "verhoogd",
        "licht verhoogd",
        "normaal",
        "licht verhoogd",
        "normaal",
        "verhoogd",
        "normaal",
    ]
    assert set(buildings["profile_source"]) == {"bron"}
    assert report.values_out_of_range == []
    assert report.profile_counts == {
        "verhoogd": 2,
        "licht verhoogd": 2,
        "normaal": 3,
        "onbekend": 0,
    }


def test_an_unknown_bracketed_label_is_still_reported(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=2)
    risk = tmp_path / "ncg.csv"
    risk.write_text(
        f"identificatie;risicoprofiel\n{ids(2)[0]};Verhoogd (P50)\n{ids(2)[1]};Rood (P10)\n",
        encoding="utf-8",
    )
    buildings, report = load_buildings(fp, risk)
    assert buildings["risk_profile"].tolist() == ["verhoogd", "onbekend"]
    [problem] = report.values_out_of_range
    assert problem.rows == [3] and problem.values == ["Rood (P10)"]


# --- BAG status -------------------------------------------------------------------------------

STATUSES = [
    "Pand in gebruik",
    "Pand gesloopt",
    "Niet gerealiseerd pand",
    "Pand ten onrechte opgevoerd",
    "Bouwvergunning verleend",
    "Sloopvergunning verleend",
    "pand in gebruik (niet ingemeten)",
]


def test_bag_status_is_kept_counted_and_flagged_never_a_milestone(tmp_path):
    fp = footprints(tmp_path / "bag.gpkg", n=len(STATUSES), status=STATUSES)
    buildings, report = load_buildings(fp)
    assert buildings["bag_status"].tolist() == [
        "Pand in gebruik",
        "Pand gesloopt",
        "Niet gerealiseerd pand",
        "Pand ten onrechte opgevoerd",
        "Bouwvergunning verleend",
        "Sloopvergunning verleend",
        "Pand in gebruik (niet ingemeten)",
    ]
    assert set(buildings["milestone"]) == {"niet_in_plan"}
    all_ids = ids(len(STATUSES))
    assert report.bag_gone == all_ids[1:4]
    assert report.bag_flagged == all_ids[4:6]
    text = report.to_text()
    assert "  bestaan niet (meer):         3 " in text
    assert "  bouw-/sloopvergunning:       2 " in text
    assert f"- 3 panden bestaan volgens BAG niet (meer), niet gepland: {all_ids[1]}" in text
    assert report.to_dict()["bag_not_existing"] == 3


def test_panden_that_do_not_exist_are_not_planned_but_counted(tmp_path):
    fp = footprints(tmp_path / "bag.gpkg", n=len(STATUSES), status=STATUSES)
    buildings, _ = load_buildings(fp)
    result = plan(buildings, None)
    planned = set(result.schedule["building_id"])
    all_ids = ids(len(STATUSES))
    assert planned == {all_ids[0], *all_ids[4:]}
    assert result.metrics["bag_not_existing"] == 3
    assert result.metrics["buildings"] == 4


def test_status_without_bag_values_stays_an_ordinary_column(tmp_path):
    fp = footprints(tmp_path / "x.gpkg", n=2, status=["klein", "groot"])
    buildings, report = load_buildings(fp)
    assert buildings["status"].tolist() == ["klein", "groot"]
    assert set(buildings["bag_status"]) == {""}
    assert set(buildings["milestone"]) == {"niet_in_plan"}
    assert any("BAG-status" in note for note in report.notes)


def test_bag_status_helpers():
    assert schema.bag_gone(
        ["Pand gesloopt", "Verblijfsobject ingetrokken", "Pand in gebruik"]
    ).tolist() == [
        True,
        True,
        False,
    ]
    assert schema.bag_flagged(["Sloopvergunning verleend", ""]).tolist() == [True, False]


# --- PDOK's BAG GeoPackage --------------------------------------------------------------------

PAND_IDS = [f"0003100000{i:06d}" for i in range(1, 8)]
PAND_STATUS = [
    "Pand in gebruik",
    "Pand in gebruik",
    "Pand gesloopt",
    "Bouwvergunning verleend",
    "Pand in gebruik (niet ingemeten)",
    "Sloopvergunning verleend",
    "Niet gerealiseerd pand",
]


def bag_light(path, x0=X0, y0=Y0):
    """A PDOK-style BAG GeoPackage: seven panden in a row (40 m apart), eleven units,
    two ligplaatsen, one standplaats, one woonplaats."""
    boxes = [shapely.box(x0 + 40 * i, y0, x0 + 40 * i + 20, y0 + 10) for i in range(7)]
    pand = gpd.GeoDataFrame(
        {
            "identificatie": PAND_IDS,
            "bouwjaar": [1930, 1931, 1932, 2025, 1934, 1935, 1936],
            "status": PAND_STATUS,
            "gebruiksdoel": ["woonfunctie"] * 7,
            "aantal_verblijfsobjecten": [3, 1, 0, 0, 2, 1, 0],
        },
        geometry=boxes,
        crs=28992,
    )
    # (id, pand_identificatie, street, number, letter, addition, postcode, status, num id)
    units = [
        (
            "0003010000000001",
            PAND_IDS[0],
            "Kerkstraat",
            12,
            "b",
            None,
            "9919 ab",
            "Verblijfsobject in gebruik",
            "0003200000000001",
        ),
        (
            "0003010000000002",
            PAND_IDS[0],
            "Kerkstraat",
            12,
            "a",
            None,
            "9919AB",
            "Verblijfsobject in gebruik",
            "0003200000000002",
        ),
        (
            "0003010000000003",
            PAND_IDS[0],
            "Kerkstraat",
            12,
            "A",
            "2",
            "9919AB",
            "Verblijfsobject in gebruik",
            "0003200000000003",
        ),
        (
            "0003010000000004",
            PAND_IDS[0],
            "Kerkstraat",
            14,
            None,
            None,
            "9919AB",
            "Verblijfsobject ingetrokken",
            "0003200000000004",
        ),
        (
            "0003010000000005",
            f"{PAND_IDS[1]},{PAND_IDS[4]}",
            "Molenweg",
            3,
            None,
            None,
            "9919CD",
            "Verblijfsobject in gebruik",
            "0003200000000005",
        ),
        (
            "0003010000000006",
            f"{PAND_IDS[4]}, {PAND_IDS[5]}",
            "Molenweg",
            1,
            None,
            "1",
            "9919CD",
            "Verblijfsobject in gebruik",
            "0003200000000006",
        ),
        (
            "0003010000000007",
            PAND_IDS[4],
            "Molenweg",
            1,
            None,
            None,
            "9919CD",
            "Verblijfsobject gevormd",
            "0003200000000007",
        ),
        (
            "0003010000000008",
            "0003100000999999",
            "Dijk",
            1,
            None,
            None,
            "9919EF",
            "Verblijfsobject in gebruik",
            "0003200000000008",
        ),
        (
            "0003010000000009",
            PAND_IDS[2],
            "Oudeweg",
            2,
            None,
            None,
            "9919GH",
            "Verblijfsobject ingetrokken",
            "0003200000000009",
        ),
        (
            "0003010000000010",
            PAND_IDS[3],
            "Nieuweweg",
            9,
            None,
            None,
            "9919IJ",
            "Niet gerealiseerd verblijfsobject",
            "0003200000000010",
        ),
        (
            "0003010000000011",
            PAND_IDS[1],
            "Molenweg",
            5,
            None,
            None,
            "9919CD",
            "Verblijfsobject in gebruik",
            "0003200000000011",
        ),
    ]
    columns = list(zip(*units, strict=True))
    centre = {p: b.centroid for p, b in zip(PAND_IDS, boxes, strict=True)}
    points = [centre.get(u[1].split(",")[0], shapely.Point(x0 - 500, y0)) for u in units]
    vbo = gpd.GeoDataFrame(
        {
            "identificatie": list(columns[0]),
            "pand_identificatie": list(columns[1]),
            "openbare_ruimte_naam": list(columns[2]),
            "huisnummer": list(columns[3]),
            "huisletter": list(columns[4]),
            "toevoeging": list(columns[5]),
            "postcode": list(columns[6]),
            "status": list(columns[7]),
            "nummeraanduiding_hoofdadres_identificatie": list(columns[8]),
            "woonplaats_naam": ["Loppersum"] * len(units),
            "gebruiksdoel": ["winkelfunctie,woonfunctie"] + ["woonfunctie"] * (len(units) - 1),
        },
        geometry=points,
        crs=28992,
    )
    berth = gpd.GeoDataFrame(
        {"identificatie": ["0003020000000001", "0003020000000002"]},
        geometry=[
            shapely.box(x0, y0 - 50, x0 + 10, y0 - 45),
            shapely.box(x0 + 20, y0 - 50, x0 + 30, y0 - 45),
        ],
        crs=28992,
    )
    stand = gpd.GeoDataFrame(
        {"identificatie": ["0003030000000001"]},
        geometry=[shapely.box(x0, y0 - 80, x0 + 10, y0 - 75)],
        crs=28992,
    )
    place = gpd.GeoDataFrame(
        {
            "identificatie": ["1234"],
            "status": ["Woonplaats aangewezen"],
            "woonplaats": ["Loppersum"],
        },
        geometry=[shapely.MultiPolygon([shapely.box(x0 - 1000, y0 - 1000, x0 + 1000, y0 + 1000)])],
        crs=28992,
    )
    for name, layer in (
        ("pand", pand),
        ("verblijfsobject", vbo),
        ("ligplaats", berth),
        ("standplaats", stand),
        ("woonplaats", place),
    ):
        pyogrio.write_dataframe(layer, path, layer=name)
    return path


def test_pdok_bag_geopackage_needs_no_option_and_gives_addresses(tmp_path):
    buildings, report = load_buildings(bag_light(tmp_path / "bag-light.gpkg"))
    assert buildings["building_id"].tolist() == PAND_IDS
    assert buildings["addresses"].tolist() == [3, 2, 0, 0, 3, 1, 0]
    assert buildings["address"].tolist() == [
        "Kerkstraat 12A",
        "Molenweg 3",
        "",
        "",
        "Molenweg 1",
        "Molenweg 1-1",
        "",
    ]
    assert buildings["postcode"].tolist() == ["9919AB", "9919CD", "", "", "9919CD", "9919CD", ""]
    assert buildings["woonplaats"].tolist()[:2] == ["Loppersum", "Loppersum"]
    assert buildings["bag_status"].tolist() == PAND_STATUS
    table = report.addresses
    assert list(table.columns) == [
        "building_id",
        "straat",
        "huisnummer",
        "huisletter",
        "toevoeging",
        "postcode",
        "woonplaats",
        "verblijfsobject_id",
    ]
    first = table[table["building_id"] == PAND_IDS[0]]
    assert first["verblijfsobject_id"].tolist() == [
        "0003010000000002",
        "0003010000000003",
        "0003010000000001",
    ]
    assert first["huisletter"].tolist() == ["A", "A", "B"]
    assert first["toevoeging"].tolist() == ["", "2", ""]
    # a unit in two panden is an address of each
    assert table.loc[table["verblijfsobject_id"] == "0003010000000005", "building_id"].tolist() == [
        PAND_IDS[1],
        PAND_IDS[4],
    ]
    assert len(table) == 9
    assert report.bag_counts == {
        "units": 11,
        "units_linked": 7,
        "units_multi_pand": 2,
        "units_without_pand": 1,
        "units_gone": 3,
        "ligplaats": 2,
        "standplaats": 1,
    }
    text = report.to_text()
    assert "  verblijfsobjecten gelezen:   11" in text
    assert "  in meer dan één pand:        2" in text
    assert "  zonder bestaand pand:        1" in text
    assert "  ingetrokken, niet gebruikt:  3" in text
    assert "  ligplaatsen genegeerd:       2" in text
    assert "  standplaatsen genegeerd:     1" in text
    assert "  bestaan niet (meer):         2 " in text
    assert report.bag_gone == [PAND_IDS[2], PAND_IDS[6]]
    assert report.bag_flagged == [PAND_IDS[3], PAND_IDS[5]]


# --- an area of a large file ------------------------------------------------------------------


def test_area_as_box_reads_only_the_panden_there_and_their_units(tmp_path):
    path = bag_light(tmp_path / "bag-light.gpkg")
    # the box covers panden 2..5 (x0+40 .. x0+180); pand 5's unit 6 also names pand 6
    area = parse_area(f"{X0 + 45},{Y0 + 2},{X0 + 165},{Y0 + 8}")
    buildings, report = load_buildings(path, area=area)
    assert buildings["building_id"].tolist() == PAND_IDS[1:5]
    assert buildings["addresses"].tolist() == [2, 0, 0, 3]
    assert report.bag_counts["units"] == 6  # units 5, 6, 7, 9, 10, 11 lie in the panden read
    assert report.bag_counts["ligplaats"] == 0


def test_area_as_polygon_file_and_as_municipality_codes(tmp_path):
    path = bag_light(tmp_path / "bag-light.gpkg")
    polygon = gpd.GeoDataFrame(
        geometry=[shapely.Polygon([(X0 - 5, Y0 - 5), (X0 + 50, Y0 - 5), (X0 - 5, Y0 + 50)])],
        crs=28992,
    )
    pyogrio.write_dataframe(polygon, tmp_path / "gebied.geojson")
    buildings, _ = load_buildings(path, area=parse_area(str(tmp_path / "gebied.geojson")))
    assert buildings["building_id"].tolist() == PAND_IDS[:2]
    buildings, _ = load_buildings(path, area=parse_area("GM0003"))
    assert len(buildings) == 7
    with pytest.raises(InputError, match="geen panden in het gebied"):
        load_buildings(path, area=parse_area("0010,0014"))


def test_area_text_that_is_none_of_the_three_is_refused():
    with pytest.raises(InputError, match="geen rechthoek"):
        parse_area("Loppersum")
    with pytest.raises(InputError, match="niet in RD New"):
        parse_area("5.1,52.0,5.2,52.1")
    with pytest.raises(InputError, match="bestaat niet"):
        parse_area("gebied.gpkg")


def test_cli_import_with_area_writes_the_address_table(tmp_path):
    path = bag_light(tmp_path / "bag-light.gpkg")
    out = tmp_path / "project.gpkg"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gis_app",
            "import",
            str(path),
            "--area",
            f"{X0 - 10},{Y0 - 10},{X0 + 70},{Y0 + 20}",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "  verblijfsobjecten gelezen:   6" in result.stdout
    assert "2 panden opgeslagen" in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "gis_app", "import", str(path), "--area", "x", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "--area x" in bad.stderr


# --- Kadaster LVBAG extract -------------------------------------------------------------------

DATA = Path(__file__).parent / "data"
PND = DATA / "0221PND15092020-000001.xml"
VBO = DATA / "0221VBO15092020-000001.xml"


def test_lvbag_zip_keeps_current_versions_and_joins_units_through_pandref(tmp_path):
    extract = tmp_path / "0221GEM15092020.zip"
    with zipfile.ZipFile(extract, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(PND, PND.name)
        archive.write(VBO, VBO.name)
    buildings, report = load_buildings(extract)
    assert sorted(buildings["building_id"]) == ["0221100000311191", "0221100000312938"]
    assert report.bag_counts["versions_dropped"] == 4 + 3  # 6 pand versions, 5 unit versions
    by_id = buildings.set_index("building_id")
    assert by_id.loc["0221100000312938", "addresses"] == 1
    assert by_id.loc["0221100000311191", "addresses"] == 1
    assert set(buildings["bag_status"]) == {"Pand in gebruik"}
    assert sorted(report.addresses["verblijfsobject_id"]) == [
        "0221010000330226",
        "0221010000330999",
    ]
    assert report.footprints_path == str(extract)
    assert "oude versies weggelaten:     7" in report.to_text()
    keys = report.unit_keys
    assert sorted(keys["nummeraanduiding_id"]) == ["0221200000330227", "0221200000330229"]


def test_lvbag_zip_of_zips(tmp_path):
    inner_pnd = tmp_path / "0221PND15092020.zip"
    with zipfile.ZipFile(inner_pnd, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(PND, PND.name)
    inner_vbo = tmp_path / "0221VBO15092020.zip"
    with zipfile.ZipFile(inner_vbo, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(VBO, VBO.name)
    extract = tmp_path / "BAGGEM0221L-15092020.zip"
    with zipfile.ZipFile(extract, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(inner_pnd, inner_pnd.name)
        archive.write(inner_vbo, inner_vbo.name)
        archive.writestr("Leveringsdocument-BAG-Extract.xml", "<levering/>")
    buildings, report = load_buildings(extract)
    assert sorted(buildings["building_id"]) == ["0221100000311191", "0221100000312938"]
    assert buildings["addresses"].tolist() == [1, 1]
    assert report.bag_counts["versions_dropped"] == 7


# --- addresses in an LVBAG extract: NUM, OPR and WPL files ------------------------------------
# Made in the structure of the real extract files above (same header and namespaces, the
# object elements GDAL's LVBAG driver reads); the ids continue those of the real units.


def _lvbag_file(kind: str, stands: list[str]) -> str:
    real = VBO.read_text(encoding="utf-8")
    head = real[: real.index("<sl:stand>")].replace(
        "<sl:objectType>VBO</sl:objectType>", f"<sl:objectType>{kind}</sl:objectType>"
    )
    return head + "".join(stands) + "    </sl:standBestand>\n</sl-bag-extract:bagStand>\n"


def _voorkomen(version: int, begin: str, end: str | None = None) -> str:
    ended = f"<Historie:eindGeldigheid>{end}</Historie:eindGeldigheid>" if end else ""
    return (
        "<Objecten:voorkomen><Historie:Voorkomen>"
        f"<Historie:voorkomenidentificatie>{version}</Historie:voorkomenidentificatie>"
        f"<Historie:beginGeldigheid>{begin}</Historie:beginGeldigheid>{ended}"
        f"<Historie:tijdstipRegistratie>{begin}T10:00:00.000</Historie:tijdstipRegistratie>"
        "<Historie:BeschikbaarLV><Historie:tijdstipRegistratieLV>"
        f"{begin}T10:30:00.000</Historie:tijdstipRegistratieLV></Historie:BeschikbaarLV>"
        "</Historie:Voorkomen></Objecten:voorkomen>"
    )


def _stand(body: str) -> str:
    return f"<sl:stand><sl-bag-extract:bagObject>{body}</sl-bag-extract:bagObject></sl:stand>\n"


def _num(nid, number, postcode, street, version=1, end=None, letter="", addition="", place=""):
    parts = [
        f'<Objecten:identificatie domein="NL.IMBAG.Nummeraanduiding">{nid}</Objecten:identificatie>',
        f"<Objecten:huisnummer>{number}</Objecten:huisnummer>",
        f"<Objecten:huisletter>{letter}</Objecten:huisletter>" if letter else "",
        f"<Objecten:huisnummertoevoeging>{addition}</Objecten:huisnummertoevoeging>"
        if addition
        else "",
        f"<Objecten:postcode>{postcode}</Objecten:postcode>",
        "<Objecten:typeAdresseerbaarObject>Verblijfsobject</Objecten:typeAdresseerbaarObject>",
        "<Objecten:status>Naamgeving uitgegeven</Objecten:status>",
        "<Objecten:geconstateerd>N</Objecten:geconstateerd>",
        "<Objecten:documentdatum>2011-10-05</Objecten:documentdatum>",
        "<Objecten:documentnummer>BAG/PVC20111005</Objecten:documentnummer>",
        _voorkomen(version, f"201{version}-01-01", end),
        '<Objecten:ligtIn><Objecten-ref:WoonplaatsRef domein="NL.IMBAG.Woonplaats">'
        f"{place}</Objecten-ref:WoonplaatsRef></Objecten:ligtIn>"
        if place
        else "",
        '<Objecten:ligtAan><Objecten-ref:OpenbareRuimteRef domein="NL.IMBAG.Openbareruimte">'
        f"{street}</Objecten-ref:OpenbareRuimteRef></Objecten:ligtAan>",
    ]
    return _stand("<Objecten:Nummeraanduiding>" + "".join(parts) + "</Objecten:Nummeraanduiding>")


def _opr(oid, name, place, version=1, end=None):
    return _stand(
        "<Objecten:OpenbareRuimte>"
        f'<Objecten:identificatie domein="NL.IMBAG.Openbareruimte">{oid}</Objecten:identificatie>'
        f"<Objecten:naam>{name}</Objecten:naam><Objecten:type>Weg</Objecten:type>"
        "<Objecten:status>Naamgeving uitgegeven</Objecten:status>"
        "<Objecten:geconstateerd>N</Objecten:geconstateerd>"
        "<Objecten:documentdatum>1992-04-29</Objecten:documentdatum>"
        "<Objecten:documentnummer>92041714</Objecten:documentnummer>"
        '<Objecten:ligtIn><Objecten-ref:WoonplaatsRef domein="NL.IMBAG.Woonplaats">'
        f"{place}</Objecten-ref:WoonplaatsRef></Objecten:ligtIn>"
        + _voorkomen(version, f"200{version}-04-29", end)
        + "</Objecten:OpenbareRuimte>"
    )


def _wpl(wid, name, x, y):
    ring = f"{x} {y} {x + 3000} {y} {x + 3000} {y + 3000} {x} {y}"
    return _stand(
        "<Objecten:Woonplaats>"
        f'<Objecten:identificatie domein="NL.IMBAG.Woonplaats">{wid}</Objecten:identificatie>'
        f"<Objecten:naam>{name}</Objecten:naam><Objecten:geometrie><Objecten:vlak>"
        '<gml:Polygon srsName="urn:ogc:def:crs:EPSG::28992" srsDimension="2" '
        f'gml:id="WPL_{wid}"><gml:exterior><gml:LinearRing><gml:posList count="4">{ring}'
        "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></Objecten:vlak>"
        "</Objecten:geometrie><Objecten:status>Woonplaats aangewezen</Objecten:status>"
        "<Objecten:geconstateerd>N</Objecten:geconstateerd>"
        "<Objecten:documentdatum>1992-04-29</Objecten:documentdatum>"
        "<Objecten:documentnummer>1</Objecten:documentnummer>"
        + _voorkomen(1, "1992-04-29")
        + "</Objecten:Woonplaats>"
    )


KERKSTRAAT, KOEPOORTSTRAAT = "0221300000000001", "0221300000000002"
PAND_A, PAND_B = "0221100000312938", "0221100000311191"  # the real panden of the extract


def _extra_units() -> str:
    """Two more units in pand A: the real file's last unit with other ids, addresses and
    the point of pand A's real unit (a unit lies in its pand)."""
    real = VBO.read_text(encoding="utf-8")
    last = real[real.rindex("<sl:stand>") : real.rindex("</sl:stand>") + len("</sl:stand>")]
    stands = []
    for unit, number in (
        ("0221010000400001", "0221200000400001"),
        ("0221010000400002", "0221200000400002"),
    ):
        stand = (
            last.replace("0221010000330999", unit)
            .replace("VBO_0221010000330228", f"VBO_{unit}")
            .replace("0221200000330229", number)
            .replace(PAND_B, PAND_A)
            .replace("206289.487 447359.374", "206335.699 447529.842")
        )
        stands.append(stand + "\n")
    return _lvbag_file("VBO", stands)


def _numbers() -> list[tuple[str, str]]:
    return [
        ("0221200000330227", _num("0221200000330227", 10, "6981AA", KERKSTRAAT, 1, "2012-01-01")),
        ("0221200000330227", _num("0221200000330227", 12, "6981AB", KERKSTRAAT, 2, letter="a")),
        ("0221200000400001", _num("0221200000400001", 14, "6981AB", KERKSTRAAT, addition="2")),
        ("0221200000400002", _num("0221200000400002", 12, "6981 ab", KERKSTRAAT)),
        # its own woonplaats, not its street's
        ("0221200000330229", _num("0221200000330229", 3, "6981CD", KOEPOORTSTRAAT, place="2222")),
        ("0221200000999999", _num("0221200000999999", 1, "6981ZZ", KOEPOORTSTRAAT)),  # no unit
    ]


def _address_files(kinds=("NUM", "OPR", "WPL"), numbers_left_out=()) -> dict[str, str]:
    """LVBAG files for the units' main addresses, with history: the street of pand A was
    renamed, and the main address of its first unit renumbered."""
    files = {
        "NUM": _lvbag_file(
            "NUM",
            [stand for nid, stand in _numbers() if nid not in numbers_left_out],
        ),
        "OPR": _lvbag_file(
            "OPR",
            [
                _opr(KERKSTRAAT, "Oude Kerkstraat", "1567", version=1, end="2015-06-01"),
                _opr(KERKSTRAAT, "Kerkstraat", "1567", version=2),
                _opr(KOEPOORTSTRAAT, "Koepoortstraat", "1567"),
            ],
        ),
        "WPL": _lvbag_file(
            "WPL",
            [_wpl("1567", "Doesburg", 205000, 446000), _wpl("2222", "Drempt", 208000, 446000)],
        ),
    }
    return {kind: text for kind, text in files.items() if kind in kinds}


def lvbag_extract(tmp_path: Path, kinds=("NUM", "OPR", "WPL"), numbers_left_out=()) -> Path:
    """A zip of zips as the national delivery: one inner zip per object type."""
    members = {
        "PND": {PND.name: PND.read_text(encoding="utf-8")},
        "VBO": {
            VBO.name: VBO.read_text(encoding="utf-8"),
            "0221VBO15092020-000002.xml": _extra_units(),
        },
    }
    for kind, text in _address_files(kinds, numbers_left_out).items():
        members[kind] = {f"0221{kind}15092020-000001.xml": text}
    extract = tmp_path / "BAGGEM0221L-15092020.zip"
    with zipfile.ZipFile(extract, "w", zipfile.ZIP_DEFLATED) as outer:
        for kind, files in members.items():
            inner = tmp_path / f"0221{kind}15092020.zip"
            with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, text in files.items():
                    archive.writestr(name, text)
            outer.write(inner, inner.name)
        outer.writestr("Leveringsdocument-BAG-Extract.xml", "<levering/>")
    return extract


def test_lvbag_extract_addresses_come_from_num_opr_and_wpl(tmp_path):
    buildings, report = load_buildings(lvbag_extract(tmp_path))
    by_id = buildings.set_index("building_id")
    assert by_id.loc[PAND_A, ["addresses", "address", "postcode", "woonplaats"]].tolist() == [
        3,
        "Kerkstraat 12",
        "6981AB",
        "Doesburg",
    ]
    assert by_id.loc[PAND_B, ["addresses", "address", "postcode", "woonplaats"]].tolist() == [
        1,
        "Koepoortstraat 3",
        "6981CD",
        "Drempt",
    ]
    table = report.addresses
    rows = table[table["building_id"] == PAND_A]
    # lowest number, then letter, then addition
    assert rows["verblijfsobject_id"].tolist() == [
        "0221010000400002",
        "0221010000330226",
        "0221010000400001",
    ]
    assert rows[
        ["straat", "huisletter", "toevoeging", "postcode", "woonplaats"]
    ].values.tolist() == [
        ["Kerkstraat", "", "", "6981AB", "Doesburg"],
        ["Kerkstraat", "A", "", "6981AB", "Doesburg"],
        ["Kerkstraat", "", "2", "6981AB", "Doesburg"],
    ]
    assert rows["huisnummer"].tolist() == [12, 12, 14]
    other = table[table["building_id"] == PAND_B].iloc[0]
    assert [other["straat"], other["huisnummer"], other["postcode"], other["woonplaats"]] == [
        "Koepoortstraat",
        3,
        "6981CD",
        "Drempt",
    ]
    assert report.bag_counts["versions_dropped"] == 7  # panden and units, as before
    assert "adressen onvolledig" not in report.to_text()
    for name in ("address", "postcode", "woonplaats"):
        assert report.field_mapping[name].endswith(": verblijfsobject")


def test_lvbag_extract_history_keeps_the_current_street_name_and_number(tmp_path):
    _, report = load_buildings(lvbag_extract(tmp_path))
    table = report.addresses
    renamed = table[table["verblijfsobject_id"] == "0221010000330226"].iloc[0]
    assert renamed["straat"] == "Kerkstraat"  # not "Oude Kerkstraat" (ended 2015)
    assert (renamed["huisnummer"], renamed["huisletter"], renamed["postcode"]) == (
        12,
        "A",
        "6981AB",
    )
    assert "Oude Kerkstraat" not in set(table["straat"])
    assert 10 not in set(table["huisnummer"])


def test_lvbag_extract_without_address_files_says_so_once(tmp_path):
    buildings, report = load_buildings(lvbag_extract(tmp_path, kinds=()))
    assert buildings.set_index("building_id")["addresses"].to_dict() == {PAND_A: 3, PAND_B: 1}
    assert set(buildings["address"]) == {""}
    assert set(report.addresses["straat"]) == {""}
    assert report.addresses["huisnummer"].isna().all()
    text = report.to_text()
    assert text.count("adressen onvolledig") == 1
    note = next(line for line in text.splitlines() if "adressen onvolledig" in line)
    assert "geen NUM-, OPR- en WPL-bestanden" in note
    assert "huisnummer, huisletter, toevoeging en postcode" in note
    assert "straatnaam" in note and "woonplaats" in note
    assert "(aanwezig: PND, VBO)" in note


def test_lvbag_extract_with_numbers_but_no_streets_fills_what_it_can(tmp_path):
    buildings, report = load_buildings(lvbag_extract(tmp_path, kinds=("NUM",)))
    by_id = buildings.set_index("building_id")
    assert by_id.loc[PAND_A, "address"] == "12"  # number only: the street is in OPR
    assert by_id.loc[PAND_A, "postcode"] == "6981AB"
    assert by_id.loc[PAND_A, "woonplaats"] == ""
    # the nummeraanduiding's own ligtIn needs WPL for the name
    assert by_id.loc[PAND_B, "woonplaats"] == ""
    text = report.to_text()
    assert text.count("adressen onvolledig") == 1
    assert "geen OPR- en WPL-bestanden" in text


def test_lvbag_extract_lists_main_addresses_it_does_not_hold(tmp_path):
    extract = lvbag_extract(tmp_path, numbers_left_out=("0221200000400001",))
    buildings, report = load_buildings(extract)
    assert buildings.set_index("building_id").loc[PAND_A, "address"] == "Kerkstraat 12"
    missing = report.addresses[report.addresses["verblijfsobject_id"] == "0221010000400001"]
    assert missing[["straat", "postcode"]].values.tolist() == [["", ""]]
    assert missing["huisnummer"].isna().all()
    text = report.to_text()
    assert (
        "1 nummeraanduiding(en) die hoofdadres zijn van een verblijfsobject staan niet in de "
        "NUM-bestanden van het extract (adres leeg): 0221200000400001"
    ) in text
    assert "adressen onvolledig" not in text


def test_lvbag_extract_area_keeps_the_addresses_of_the_panden_in_it(tmp_path):
    extract = lvbag_extract(tmp_path)
    full, _ = load_buildings(extract)
    pand_a = full.loc[full["building_id"] == PAND_A].geometry.iloc[0]
    box = parse_area(",".join(f"{v:.1f}" for v in pand_a.bounds))
    buildings, report = load_buildings(extract, area=box)
    assert buildings["building_id"].tolist() == [PAND_A]
    assert buildings["address"].tolist() == ["Kerkstraat 12"]
    assert sorted(report.addresses["verblijfsobject_id"]) == [
        "0221010000330226",
        "0221010000400001",
        "0221010000400002",
    ]


def test_address_list_of_an_extract_only_project_has_streets(tmp_path):
    extract = lvbag_extract(tmp_path)
    project = tmp_path / "doesburg.gpkg"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    imported = subprocess.run(
        [sys.executable, "-m", "gis_app", "import", str(extract), "--out", str(project)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "uit"
    exported = subprocess.run(
        [
            sys.executable,
            "-m",
            "gis_app",
            "export",
            str(project),
            "--out",
            str(out),
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert exported.returncode == 0, exported.stderr
    lists = sorted(out.rglob("*.csv"))
    assert lists, exported.stdout
    rows = pd.concat(
        [pd.read_csv(p, sep=None, engine="python", dtype=str, keep_default_na=False) for p in lists]
    )
    columns = ["straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats"]
    by_unit = rows.set_index("BAG verblijfsobject-id")[columns].sort_index()
    assert by_unit.index.tolist() == [
        "0221010000330226",
        "0221010000330999",
        "0221010000400001",
        "0221010000400002",
    ]
    assert by_unit.values.tolist() == [
        ["Kerkstraat", "12", "A", "", "6981AB", "Doesburg"],
        ["Koepoortstraat", "3", "", "", "6981CD", "Drempt"],
        ["Kerkstraat", "14", "", "2", "6981AB", "Doesburg"],
        ["Kerkstraat", "12", "", "", "6981AB", "Doesburg"],
    ]


def test_current_version_is_the_open_one_else_the_highest():
    frame = pd.DataFrame(
        {
            "identificatie": ["a", "a", "a", "b", "b"],
            "voorkomenIdentificatie": [1, 3, 2, 1, 2],
            "eindGeldigheid": [
                pd.Timestamp("2011-01-01"),
                pd.Timestamp("2012-01-01"),
                None,
                pd.Timestamp("2011-01-01"),
                pd.Timestamp("2012-01-01"),
            ],
            "status": ["oud", "later beëindigd", "open", "b1", "b2"],
        }
    )
    kept, dropped = current_versions(frame)
    assert kept["status"].tolist() == ["open", "b2"]
    assert dropped == 3


# --- 3D BAG -----------------------------------------------------------------------------------


def test_3d_bag_geopackage_prefix_stripped_footprint_layer_and_rd_from_7415(tmp_path):
    path = tmp_path / "3dbag.gpkg"
    boxes = [shapely.box(X0 + 30 * i, Y0, X0 + 30 * i + 12, Y0 + 9) for i in range(3)]
    footprints_3d = [shapely.force_3d(b, 2.5) for b in boxes]
    ids_3d = [f"NL.IMBAG.Pand.{i}" for i in PAND_IDS[:3]]
    pand = gpd.GeoDataFrame(
        {
            "identificatie": ids_3d,
            "b3_h_dak_max": [9.5, 7.25, 11.0],
            "status": ["Pand in gebruik"] * 3,
        },
        geometry=footprints_3d,
        crs="EPSG:7415",
    )
    pyogrio.write_dataframe(pand, path, layer="pand")
    roofs = gpd.GeoDataFrame(
        {"identificatie": ids_3d},
        geometry=[shapely.force_3d(b, 8.0) for b in boxes],
        crs="EPSG:7415",
    )
    for name in ("lod12_2d", "lod13_2d", "lod22_2d"):
        pyogrio.write_dataframe(roofs, path, layer=name)
    buildings, report = load_buildings(path)
    assert report.layer is None and report.footprints_read == 3
    assert buildings["building_id"].tolist() == PAND_IDS[:3]
    assert buildings.crs.to_epsg() == 28992
    assert not shapely.has_z(buildings.geometry.values).any()
    # RD New coordinates as they were: only the height is dropped
    assert buildings.geometry.values[0].bounds == boxes[0].bounds
    assert buildings["b3_h_dak_max"].tolist() == [9.5, 7.25, 11.0]
    assert not [p for p in report.problems if p.kind.startswith("geometry_outside")]


# --- tables per address -----------------------------------------------------------------------


def test_risk_table_per_verblijfsobject_id_is_aggregated_to_the_pand(tmp_path):
    path = bag_light(tmp_path / "bag-light.gpkg")
    risk = tmp_path / "per_adres.csv"
    risk.write_text(
        "verblijfsobject_id;risicoprofiel;lpr;bewoners;mijlpaal\n"
        "0003010000000001;Normaal (Grijs);1e-7;2;afgerond\n"
        "0003010000000002;Verhoogd (P50);2,5e-5;3;opname gedaan\n"
        "0003010000000003;Licht verhoogd (P90);3e-6;1;afgerond\n"
        "0003010000000005;Licht verhoogd (P90);4e-6;4;bouw gereed\n"
        "0003010000000011;Normaal;;;afgerond\n"
        "0003010000099999;Verhoogd;1e-4;5;opname gedaan\n",
        encoding="utf-8",
    )
    buildings, report = load_buildings(path, risk)
    by_id = buildings.set_index("building_id")
    first, second, fifth = by_id.loc[PAND_IDS[0]], by_id.loc[PAND_IDS[1]], by_id.loc[PAND_IDS[4]]
    assert first["risk_profile"] == "verhoogd"
    assert first["lpr"] == 2.5e-5
    assert first["residents"] == 6
    assert first["milestone"] == "opname"  # done only when all its addresses are
    # unit 5 lies in panden 2 and 5: it counts for both
    assert second["risk_profile"] == "licht verhoogd" and second["residents"] == 4
    assert second["milestone"] == "bouw_gereed"
    assert fifth["risk_profile"] == "licht verhoogd" and fifth["lpr"] == 4e-6
    assert by_id.loc[PAND_IDS[3], "risk_profile"] == "onbekend"
    assert report.address_rows == 6
    assert report.address_matches == {
        "verblijfsobject-id": 5,
        "nummeraanduiding-id": 0,
        "postcode + huisnummer": 0,
    }
    assert report.addresses_unmatched == [(7, "0003010000099999")]
    text = report.to_text()
    assert "  rijen per adres:             6 (samengevoegd per pand)" in text
    assert "    op verblijfsobject-id:     5" in text
    assert "    adressen zonder pand:      1" in text
    assert "1 risicorijen zonder pand: rij 7 (0003010000099999)" in text


def test_table_keyed_by_nummeraanduiding_in_an_id_column(tmp_path):
    path = bag_light(tmp_path / "bag-light.gpkg")
    risk = tmp_path / "num.csv"
    risk.write_text(
        "identificatie,risicoprofiel\n"
        "0003200000000002,Verhoogd (P50)\n"
        "NL.IMBAG.Nummeraanduiding.0003200000000006,Licht verhoogd\n"
        "3200000000007,Normaal\n",
        encoding="utf-8",
    )
    buildings, report = load_buildings(path, risk)
    profiles = dict(zip(buildings["building_id"], buildings["risk_profile"], strict=True))
    assert profiles[PAND_IDS[0]] == "verhoogd"
    assert profiles[PAND_IDS[4]] == "licht verhoogd"  # 6 and 7 lie in pand 5
    assert profiles[PAND_IDS[5]] == "licht verhoogd"
    assert report.address_matches["nummeraanduiding-id"] == 3
    assert report.addresses_unmatched == []


def test_table_keyed_by_postcode_and_house_number_in_spreadsheet_spellings(tmp_path):
    path = bag_light(tmp_path / "bag-light.gpkg")
    risk = tmp_path / "adressen.csv"
    risk.write_text(
        "Postcode;Huisnummer;Toevoeging;Risicoprofiel;Bewoners\n"
        "9919 ab;12-a;;Verhoogd (P50);2\n"
        "9919AB;12 A;2;Normaal;1\n"
        "9919ab;12b;;Normaal;1\n"
        "9919 CD;1;1;Licht verhoogd (P90);3\n"
        "9919CD;7;;Verhoogd;9\n",
        encoding="utf-8",
    )
    buildings, report = load_buildings(path, risk)
    by_id = buildings.set_index("building_id")
    assert by_id.loc[PAND_IDS[0], "risk_profile"] == "verhoogd"
    assert by_id.loc[PAND_IDS[0], "residents"] == 4
    assert by_id.loc[PAND_IDS[5], "risk_profile"] == "licht verhoogd"
    assert by_id.loc[PAND_IDS[4], "residents"] == 3
    assert report.address_matches["postcode + huisnummer"] == 4
    assert report.addresses_unmatched == [(6, "9919CD 7")]


def test_panden_that_do_not_exist_are_drawn_muted_with_a_legend_entry(tmp_path):
    from gis_app.core.styling import GONE_ALPHA, StyleSpec, compute_style

    fp = footprints(tmp_path / "bag.gpkg", n=len(STATUSES), status=STATUSES)
    buildings, _ = load_buildings(fp)
    result = compute_style(buildings, StyleSpec())
    alpha = result.colors[:, 3].tolist()
    assert alpha == [255, GONE_ALPHA, GONE_ALPHA, GONE_ALPHA, 255, 255, 255]
    assert result.legend[-1].label == "bestaat niet (meer) volgens BAG"
    assert result.legend[-1].count == 3


def test_bag_status_style_shows_permits_loudly_whatever_their_frequency():
    """Kleur op 'Categorieën van een veld', veld BAG-status: panden with a permit get their
    own fixed colours (the planner decides on them), gone panden stay muted."""
    from gis_app.core.styling import (
        FIXED_CATEGORY_COLORS,
        STYLE_CATEGORICAL,
        StyleSpec,
        compute_style,
        hex_to_rgba,
    )

    status = ["Pand in gebruik"] * 50 + ["Bouwvergunning verleend", "Sloopvergunning verleend"]
    frame = pd.DataFrame({"bag_status": status})
    result = compute_style(frame, StyleSpec(kind=STYLE_CATEGORICAL, column="bag_status"))
    fixed = FIXED_CATEGORY_COLORS["bag_status"]
    assert tuple(result.colors[50]) == hex_to_rgba(fixed["Bouwvergunning verleend"])
    assert tuple(result.colors[51]) == hex_to_rgba(fixed["Sloopvergunning verleend"])
    assert tuple(result.colors[0]) == hex_to_rgba(fixed["Pand in gebruik"])
    legend = {entry.label: (entry.color, entry.count) for entry in result.legend}
    assert legend["Bouwvergunning verleend"] == (fixed["Bouwvergunning verleend"], 1)
    # the same style with an explicit colour chosen by the planner keeps that choice
    chosen = StyleSpec(
        kind=STYLE_CATEGORICAL,
        column="bag_status",
        colors=(("Bouwvergunning verleend", "#000000"),),
    )
    assert tuple(compute_style(frame, chosen).colors[50]) == hex_to_rgba("#000000")


def test_the_style_panel_offers_bag_status_when_the_buildings_have_it(qtbot):
    from gis_app.core.project import Project
    from gis_app.core.sample import generate_buildings
    from gis_app.core.styling import STYLE_CATEGORICAL
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.panels.style_panel import StylePanel

    buildings = generate_buildings(30, seed=2)
    buildings["bag_status"] = "Pand in gebruik"
    panel = StylePanel(ProjectDocument(Project(buildings=buildings)))
    qtbot.addWidget(panel)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(STYLE_CATEGORICAL))
    assert panel.column_combo.findData("bag_status") >= 0


def test_bag_status_legend_names_each_status_once_under_a_dutch_title():
    from gis_app.core.labels import column_label
    from gis_app.core.styling import STYLE_CATEGORICAL, StyleSpec, compute_style

    frame = pd.DataFrame({"bag_status": ["Pand in gebruik"] * 3 + ["Pand gesloopt"]})
    result = compute_style(frame, StyleSpec(kind=STYLE_CATEGORICAL, column="bag_status"))
    labels = [entry.label for entry in result.legend]
    assert labels == ["Pand in gebruik", "Pand gesloopt"]  # no second entry for the gone one
    assert result.title == column_label("bag_status") == "BAG-status"
    # under any other style the gone panden still get their own entry
    other = compute_style(
        frame.assign(typology="URM"), StyleSpec(kind=STYLE_CATEGORICAL, column="typology")
    )
    assert other.legend[-1].label == "bestaat niet (meer) volgens BAG"
