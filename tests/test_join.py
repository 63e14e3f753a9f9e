"""Joining footprints and risk tables: canonical columns, join counts, the report."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from gis_app.core import sample, schema
from gis_app.core.errors import InputError
from gis_app.core.join.load import load_buildings
from gis_app.core.join.values import parse_flags, parse_numbers

X0, Y0 = 247_000.0, 594_000.0  # Loppersum, RD metres


def ids(n: int) -> list[str]:
    return [f"0024100000{i:06d}" for i in range(1, n + 1)]


def footprints(path, n=4, **columns):
    geoms = [shapely.box(X0 + 30 * i, Y0, X0 + 30 * i + 12, Y0 + 9) for i in range(n)]
    gdf = gpd.GeoDataFrame({"identificatie": ids(n), **columns}, geometry=geoms, crs=28992)
    pyogrio.write_dataframe(gdf, path)
    return path


def csv(path, text: str, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


# --- value parsing ----------------------------------------------------------------------------


def test_parse_numbers_decimal_comma_and_bad_values():
    values, bad = parse_numbers(
        pd.Series(
            ["1,5e-05", "0,00002", "2.5e-6", "", None, "NaN", "hoog", "1.234,5"], dtype=object
        )
    )
    assert values[:3] == pytest.approx([1.5e-5, 2e-5, 2.5e-6])
    assert np.isnan(values[3:7]).all()
    assert values[7] == pytest.approx(1234.5)
    assert list(bad) == [False, False, False, False, False, True, True, False]


def test_parse_flags():
    flags, known, bad = parse_flags(
        pd.Series(["ja", "Nee", "x", "", None, "TRUE", "0", "misschien"])
    )
    assert list(flags) == [True, False, True, False, False, True, False, False]
    assert list(bad) == [False, False, False, False, False, False, False, True]
    assert list(known) == [True, True, True, True, False, True, True, False]


# --- joining ----------------------------------------------------------------------------------


def test_join_by_id_maps_dutch_columns_onto_the_schema(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", bouwjaar=[1920, 1950, 1980, 2010])
    risk = csv(
        tmp_path / "risico.csv",
        "BAG_ID;Risicoprofiel;LPR;Typologie;Mijlpaal;Maatregel;Aantal adressen;Bewoners;"
        "Straat;Huisnummer;Huisletter;Postcode;Woonplaats;Eigen regie;Opmerking\n"
        f"{ids(4)[0]};Verhoogd;2,1e-05;URM3M_D;opname gedaan;zware versterking;2;3,5;"
        "Kerkstraat;4;a;9919 aa;Loppersum;ja;hoek\n"
        f"{ids(4)[1]};P90;0,000004;RC1L;In lokaal plan;;1;2;Kerkstraat;6;;9919AA;Loppersum;nee;\n"
        f"{ids(4)[2]};grijs;1e-7;W2;afgerond;geen maatregel;0;;Dorpsweg;1;;9919AB;Loppersum;;\n",
    )
    buildings, report = load_buildings(fp, risk)
    assert list(buildings.columns[: len(schema.BUILDING_COLUMNS)]) == list(schema.BUILDING_COLUMNS)
    assert buildings.crs.to_epsg() == 28992
    first = buildings.iloc[0]
    assert first["building_id"] == ids(4)[0]
    assert first["risk_profile"] == "verhoogd"
    assert first["profile_source"] == schema.PROFILE_SOURCE_DATA
    assert first["lpr"] == pytest.approx(2.1e-5)
    assert first["typology"] == "URM3M_D"
    assert first["milestone"] == "opname"
    assert first["measure_class"] == "heavy"
    assert first["addresses"] == 2
    assert first["residents"] == pytest.approx(3.5)
    assert first["address"] == "Kerkstraat 4a"
    assert first["postcode"] == "9919 AA"
    assert bool(first["eigen_regie"]) is True
    assert first["Opmerking"] == "hoek"  # unknown columns are kept
    assert first["bouwjaar"] == 1920  # footprint attributes too
    assert list(buildings["risk_profile"]) == ["verhoogd", "licht verhoogd", "normaal", "onbekend"]
    assert list(buildings["milestone"]) == ["opname", "in_plan", "afgerond", "niet_in_plan"]
    assert list(buildings["expected_measure"]) == ["heavy", "light", "none", "light"]
    assert buildings.loc[2, "addresses"] == 0  # a barn has no address; 0 is valid
    assert report.matched_by_id == 3
    assert report.footprints_without_scores == [ids(4)[3]]
    assert report.scores_without_footprints == []
    assert report.field_mapping["risk_profile"] == "risico.csv: Risicoprofiel"
    assert report.field_mapping["address"] == "risico.csv: Straat + Huisnummer + Huisletter"


def test_scores_without_footprints_are_listed_with_their_rows(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=2)
    risk = csv(
        tmp_path / "risico.csv",
        f"pand_id,lpr\n{ids(2)[0]},1e-6\n0024100000999999,1e-6\n0024100000888888,2e-6\n",
    )
    buildings, report = load_buildings(fp, risk)
    assert report.scores_read == 3
    assert report.matched == 1
    assert report.scores_without_footprints == [(3, "0024100000999999"), (4, "0024100000888888")]
    assert report.footprints_without_scores == [ids(2)[1]]
    text = report.to_text()
    assert "risicorijen zonder pand:     2" in text
    assert "rij 3 (0024100000999999)" in text


def test_profile_derived_from_lpr_is_marked(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=4)
    risk = csv(
        tmp_path / "lpr.csv",
        f"identificatie;lpr\n{ids(4)[0]};3e-5\n{ids(4)[1]};5e-6\n{ids(4)[2]};1e-7\n{ids(4)[3]};\n",
    )
    buildings, report = load_buildings(fp, risk)
    assert list(buildings["risk_profile"]) == ["verhoogd", "licht verhoogd", "normaal", "onbekend"]
    assert list(buildings["profile_source"]) == [
        schema.PROFILE_SOURCE_LPR,
        schema.PROFILE_SOURCE_LPR,
        schema.PROFILE_SOURCE_LPR,
        schema.PROFILE_SOURCE_NONE,
    ]
    assert report.profiles_derived == 3
    assert "afgeleid uit LPR" in report.to_text()


def test_expected_measure_of_a_load_follows_the_schema_rule(tmp_path):
    # the loader works the expected measure out on codes; it must agree with the rule
    n = 8
    fp = footprints(tmp_path / "panden.gpkg", n=n)
    rows = [
        ("verhoogd", "", ""),
        ("licht verhoogd", "", ""),
        ("normaal", "", ""),
        ("", "3e-5", ""),
        ("", "", ""),
        ("verhoogd", "", "sloop-nieuwbouw"),
        ("normaal", "", "zware versterking"),
        ("grijs", "2e-6", ""),
    ]
    lines = ["identificatie;risicoprofiel;lpr;maatregel"]
    lines += [f"{i};{p};{lpr};{m}" for i, (p, lpr, m) in zip(ids(n), rows, strict=True)]
    buildings, _ = load_buildings(fp, csv(tmp_path / "risico.csv", "\n".join(lines)))
    rule = schema.expected_measure(buildings["measure_class"], buildings["risk_profile"])
    assert list(buildings["expected_measure"]) == list(rule)
    assert list(buildings["expected_measure"]) == [
        "heavy", "light", "none", "heavy", "light", "rebuild", "heavy", "none"
    ]  # fmt: skip


def test_given_profile_wins_over_disagreeing_lpr_and_is_reported(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=3)
    risk = csv(
        tmp_path / "tegen.csv",
        "id;risicoprofiel;lpr\n"
        f"{ids(3)[0]};normaal;5e-5\n{ids(3)[1]};normaal;3e-6\n{ids(3)[2]};verhoogd;2e-5\n",
    )
    buildings, report = load_buildings(fp, risk)
    assert list(buildings["risk_profile"]) == ["normaal", "normaal", "verhoogd"]
    kinds = {p.kind: p for p in report.problems}
    assert kinds["profile_lpr_conflict"].ids == [ids(3)[0]]  # against the norm itself
    assert kinds["profile_lpr_conflict_estimate"].ids == [ids(3)[1]]  # estimated threshold
    assert "wijst op verhoogd" in kinds["profile_lpr_conflict"].values[0]


def test_duplicate_ids_in_the_table_first_row_wins(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=2)
    risk = csv(
        tmp_path / "dubbel.csv",
        f"bag_id;lpr\n{ids(2)[0]};1e-6\n{ids(2)[1]};2e-6\n{ids(2)[0]};9e-5\n",
    )
    buildings, report = load_buildings(fp, risk)
    assert buildings.loc[0, "lpr"] == pytest.approx(1e-6)
    (duplicate,) = report.duplicate_ids
    assert duplicate.rows == [4]
    assert duplicate.values == ["eerste: rij 2"]
    assert report.scores_without_footprints == []  # a losing duplicate is not "without footprint"


def test_exposure_database_points_join_by_id_then_location(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=4)
    inside = [(X0 + 30 * i + 6, Y0 + 4) for i in range(4)]
    rows = [
        # matches by id
        (ids(4)[0], *inside[0], "URM3M_D", 0.7, "RC1L", 0.3, 2, 5),
        # id unknown to the footprints (old BAG id), point inside footprint 2
        ("0024100000777777", *inside[1], "W2", 0.2, "URM4L", 0.8, 1, 3),
        # no id at all, point inside footprint 3
        ("", *inside[2], "S1", 0.9, "", None, 4, 0),
        # id unknown and point in nothing
        ("0024100000666666", X0 - 500, Y0 - 500, "W2", 1.0, "", None, 1, 1),
    ]
    table = pd.DataFrame(
        rows,
        columns=[
            "bag_building_id",
            "point_x",
            "point_y",
            "system_1",
            "s_probability_1",
            "system_2",
            "s_probability_2",
            "population_day",
            "population_night",
        ],
    )
    table.to_csv(tmp_path / "exposure.csv", index=False)
    buildings, report = load_buildings(fp, tmp_path / "exposure.csv")
    assert report.matched_by_id == 1
    assert report.matched_by_location == 2
    assert report.scores_without_footprints == [(5, "0024100000666666")]
    assert list(buildings["typology"]) == ["URM3M_D", "URM4L", "S1", ""]
    assert buildings["residents"].tolist()[:3] == [5.0, 3.0, 4.0]  # max(day, night)
    assert "gekoppeld op locatie:        2" in report.to_text()


def test_status_column_of_bag_is_not_taken_for_a_milestone(tmp_path):
    fp = footprints(tmp_path / "bag.gpkg", n=2, status=["Pand in gebruik", "Pand in gebruik"])
    buildings, report = load_buildings(fp)
    assert list(buildings["milestone"]) == ["niet_in_plan", "niet_in_plan"]
    assert list(buildings["bag_status"]) == ["Pand in gebruik", "Pand in gebruik"]
    assert "status" not in buildings.columns
    assert report.field_mapping["bag_status"] == "bag.gpkg: status"
    assert report.values_out_of_range == []


def test_unknown_vocabulary_values_are_reported_with_rows(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=3)
    risk = csv(
        tmp_path / "vreemd.csv",
        "bag_id;risicoprofiel;mijlpaal;maatregel;eigen_regie\n"
        f"{ids(3)[0]};verhoogd;opname;licht;ja\n"
        f"{ids(3)[1]};rood;bouw gestart;heel zwaar;misschien\n"
        f"{ids(3)[2]};normaal;wachten;geen;nee\n",
    )
    buildings, report = load_buildings(fp, risk)
    kinds = {p.kind: p for p in report.problems}
    assert kinds["value_risk_profile_unknown"].rows == [3]
    assert kinds["value_risk_profile_unknown"].values == ["rood"]
    assert kinds["value_milestone_unknown"].rows == [4]
    assert kinds["value_measure_class_unknown"].values == ["heel zwaar"]
    assert kinds["value_eigen_regie"].rows == [3]
    assert buildings.loc[1, "risk_profile"] == "onbekend"
    assert buildings.loc[1, "milestone"] == "bouw_gestart"
    assert buildings.loc[2, "milestone"] == "niet_in_plan"


def test_unknown_columns_numbers_codes_and_name_clashes(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=2, opmerking=["oud", "oud"])
    risk = csv(
        tmp_path / "extra.csv",
        "bag_id;bouwjaar;wijkcode;opmerking\n"
        f"{ids(2)[0]};1931;0012;nieuw\n{ids(2)[1]};1962;0013;\n",
    )
    buildings, _ = load_buildings(fp, risk)
    assert buildings["bouwjaar"].tolist() == [1931.0, 1962.0]  # numeric text became numbers
    assert list(buildings["wijkcode"]) == ["0012", "0013"]  # codes with zeros stay text
    assert list(buildings["opmerking"]) == ["oud", "oud"]
    assert buildings["opmerking_tabel"].tolist()[0] == "nieuw"


def test_canonical_file_round_trips_without_a_table(tmp_path):
    generated = sample.generate_buildings(300, seed=3)
    path = tmp_path / "canoniek.gpkg"
    pyogrio.write_dataframe(generated, path, layer="buildings")
    buildings, report = load_buildings(path)
    assert len(buildings) == 300
    for column in ("building_id", "risk_profile", "typology", "milestone", "address", "postcode"):
        assert list(buildings[column]) == list(generated[column]), column
    assert np.allclose(buildings["lpr"], generated["lpr"], equal_nan=True)
    assert list(buildings["profile_source"]) == list(generated["profile_source"])
    assert report.rows_dropped == 0


def test_sample_split_as_planners_receive_it_joins_completely(tmp_path):
    generated = sample.generate_buildings(400, seed=5)
    fp, risk = sample.footprints_and_risk_table(generated)
    pyogrio.write_dataframe(fp, tmp_path / "panden.gpkg", layer="panden")
    sample.write_risk_csv(risk, tmp_path / "risico.csv")
    buildings, report = load_buildings(tmp_path / "panden.gpkg", tmp_path / "risico.csv")
    assert report.matched_by_id == 400
    assert report.footprints_without_scores == []
    for column in ("risk_profile", "typology", "milestone", "measure_class", "addresses"):
        assert list(buildings[column]) == list(generated[column]), column
    assert np.allclose(buildings["lpr"], generated["lpr"], rtol=1e-9)
    assert list(buildings["eigen_regie"]) == list(generated["eigen_regie"])


def test_report_text_caps_details_and_dict_is_json(tmp_path):
    n = 15
    fp = footprints(tmp_path / "panden.gpkg", n=n)
    lines = ["bag_id;lpr"] + [f"{i};-1" for i in ids(n)]
    risk = csv(tmp_path / "negatief.csv", "\n".join(lines) + "\n")
    buildings, report = load_buildings(fp, risk)
    assert buildings["lpr"].isna().all()
    (negative,) = [p for p in report.problems if p.kind == "value_lpr_negative"]
    assert negative.rows == list(range(2, n + 2))
    text = report.to_text()
    assert "LPR is negatief" in text
    assert "... en 5 meer" in text
    data = json.loads(json.dumps(report.to_dict()))
    assert data["matched_by_id"] == n
    assert data["problems"][0]["count"] == n


def test_table_without_id_or_points_is_refused(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=1)
    risk = csv(tmp_path / "geen_id.csv", "naam;lpr\nboerderij;1e-6\n")
    with pytest.raises(InputError) as caught:
        load_buildings(fp, risk)
    assert "geen_id.csv" in caught.value.user_message()
    assert "point_x" in caught.value.user_message()


def test_risk_id_field_given(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=1)
    risk = csv(tmp_path / "sleutel.csv", f"sleutel;id;lpr\n{ids(1)[0]};9;2e-5\n")
    buildings, report = load_buildings(fp, risk, risk_id_field="Sleutel")
    assert report.matched_by_id == 1
    assert buildings.loc[0, "risk_profile"] == "verhoogd"


def test_exposure_points_as_a_geopackage_point_layer_join_by_location(tmp_path):
    fp = footprints(tmp_path / "panden.gpkg", n=2)
    inside = [shapely.Point(X0 + 30 * i + 6, Y0 + 4) for i in range(2)]
    points = gpd.GeoDataFrame(
        {"bag_building_id": ["", "0024100000555555"], "system_1": ["W2", "URM3L"]},
        geometry=inside,
        crs=28992,
    ).to_crs(4326)  # delivered in WGS84: placed after transforming to RD
    pyogrio.write_dataframe(points, tmp_path / "exposure.gpkg")
    buildings, report = load_buildings(fp, tmp_path / "exposure.gpkg")
    assert report.matched_by_location == 2
    assert list(buildings["typology"]) == ["W2", "URM3L"]
