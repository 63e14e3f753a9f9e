"""The synthetic sample area: deterministic, canonical, and plausible enough to plan with."""

import numpy as np
import pyogrio
import shapely

from gis_app.cli import main
from gis_app.core import schema
from gis_app.core.sample import footprints_and_risk_table, generate_buildings

N = 3000


def test_same_seed_gives_the_same_area_and_another_seed_does_not():
    a = generate_buildings(N, seed=7)
    b = generate_buildings(N, seed=7)
    c = generate_buildings(N, seed=8)
    assert a["building_id"].tolist() == b["building_id"].tolist()
    assert shapely.equals_exact(a.geometry.values, b.geometry.values, tolerance=0).all()
    assert a["building_id"].tolist() != c["building_id"].tolist()


def test_exact_count_canonical_columns_and_valid_rd_polygons():
    area = generate_buildings(N, seed=1)
    assert len(area) == N
    assert set(schema.BUILDING_COLUMNS) <= set(area.columns)
    assert area.crs.to_epsg() == 28992
    assert area.geometry.is_valid.all()
    assert set(area.geom_type) == {"Polygon"}
    xmin, ymin, xmax, ymax = area.total_bounds
    assert xmin > 230000 and xmax < 265000 and ymin > 580000 and ymax < 605000


def test_bag_ids_are_unique_16_character_text_with_municipality_prefix():
    ids = generate_buildings(N, seed=2)["building_id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"\d{4}10\d{10}").all()
    assert set(ids.str[:4]) <= {"0003", "0010", "0024", "0009"}


def test_buildings_do_not_overlap_each_other():
    geoms = generate_buildings(N, seed=3).geometry.values
    left, right = shapely.STRtree(geoms).query(geoms, predicate="overlaps")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert (overlap > 0.01).sum() == 0


def test_risk_is_higher_near_the_field_centre_and_profiles_follow_the_norm():
    area = generate_buildings(6000, seed=4)
    centroids = area.geometry.centroid
    distance = np.hypot(centroids.x - 242000, centroids.y - 596500)
    near, far = area[distance < 6000], area[distance > 12000]
    assert near["lpr"].median() > 2 * far["lpr"].median()
    verhoogd = area["risk_profile"] == schema.PROFILE_VERHOOGD
    assert (area.loc[verhoogd, "lpr"] > schema.MEIJDAM_NORM).all()
    assert (area.loc[~verhoogd, "lpr"] <= schema.MEIJDAM_NORM).all()
    shares = area["risk_profile"].value_counts(normalize=True)
    assert 0.03 < shares[schema.PROFILE_VERHOOGD] < 0.35
    assert 0.05 < shares[schema.PROFILE_LICHT] < 0.45


def test_milestones_and_measures_use_the_vocabulary():
    area = generate_buildings(N, seed=5)
    assert set(area["milestone"]) <= set(schema.MILESTONES)
    assert len(set(area["milestone"])) >= 6
    assert set(area["measure_class"]) <= {"", *schema.MEASURE_CLASSES}
    assessed = area["measure_class"] != ""
    assert (area.loc[assessed, "expected_measure"] == area.loc[assessed, "measure_class"]).all()
    barns = area["pand_type"] == "barn"
    assert (area.loc[barns, "addresses"] == 0).all()


def test_split_gives_footprints_and_a_risk_list_keyed_by_the_same_ids():
    area = generate_buildings(500, seed=6)
    footprints, risk = footprints_and_risk_table(area)
    assert footprints["identificatie"].tolist() == risk["bag_pand_id"].tolist()
    assert "risicoprofiel" in risk.columns and "lpr" not in footprints.columns


def test_cli_sample_writes_a_geopackage(tmp_path):
    out = tmp_path / "area.gpkg"
    assert main(["sample", "--buildings", "400", "--seed", "3", "--out", str(out)]) == 0
    frame = pyogrio.read_dataframe(out, layer="buildings")
    assert len(frame) == 400
    assert frame["building_id"].str.len().eq(16).all()


def test_cli_sample_split_writes_dutch_excel_csv(tmp_path):
    out = tmp_path / "panden.gpkg"
    assert main(["sample", "--buildings", "300", "--out", str(out), "--split"]) == 0
    text = (tmp_path / "panden_risico.csv").read_bytes().decode("cp1252")
    header = text.splitlines()[0]
    assert header.startswith("bag_pand_id;risicoprofiel;lpr")
    assert any("," in line.split(";")[2] for line in text.splitlines()[1:])  # decimal comma


def test_cli_sample_refuses_a_non_geopackage_output(tmp_path, capsys):
    assert main(["sample", "--buildings", "10", "--out", str(tmp_path / "x.shp")]) == 2
    assert "GeoPackage" in capsys.readouterr().err


def test_every_address_is_unique_within_its_woonplaats():
    area = generate_buildings(N, seed=9)
    with_address = area[area["address"] != ""]
    assert not with_address.duplicated(["address", "woonplaats"]).any()
    assert with_address["address"].str.fullmatch(r".+ \d+").all()


def test_a_sample_of_a_few_buildings_has_exactly_that_many():
    from gis_app.core.sample import generate_buildings

    for n in (1, 2, 6):
        assert len(generate_buildings(n, seed=3)) == n
