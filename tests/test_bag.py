"""Real BAG and NCG data in: NCG's labels, BAG status, PDOK's BAG GeoPackage, LVBAG, 3D BAG."""

from __future__ import annotations

import geopandas as gpd
import pyogrio
import shapely

from gis_app.core import schema
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
