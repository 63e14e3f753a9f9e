"""Building a planner: the neighbour pairs and the model arrays.

The planner finds neighbour pairs among the buildings with a measure only (an STRtree on
envelopes, a box-distance filter, then the exact footprint distance) and turns text columns
into codes once per distinct value. These tests compare both with direct computations: the
pairs with a brute-force distance over all pairs, the model with one built the row-by-row
way (every text transformation applied to every row).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from planning_fixtures import config, make_instance

from gis_app.core import sample
from gis_app.core.planning import Planner
from gis_app.core.planning import model as model_module
from gis_app.core.planning.model import PlanningModel, per_value
from gis_app.core.planning.planner import candidate_pairs, neighbour_pairs


def brute_force_pairs(geoms, distance: float, mask: np.ndarray) -> set[tuple[int, int]]:
    """Every pair i < j, both in ``mask``, with footprints within ``distance`` (shapely)."""
    out = set()
    idx = [i for i in range(len(geoms)) if mask[i] and geoms[i] is not None]
    for x, i in enumerate(idx):
        if shapely.is_empty(geoms[i]):
            continue
        for j in idx[x + 1 :]:
            if not shapely.is_empty(geoms[j]) and shapely.dwithin(geoms[i], geoms[j], distance):
                out.add((i, j))
    return out


@st.composite
def footprints(draw):
    n = draw(st.integers(0, 40))
    rng = np.random.default_rng(draw(st.integers(0, 10_000)))
    x = rng.uniform(0, 150, n)
    y = rng.uniform(0, 150, n)
    w = rng.uniform(1, 25, n)
    h = rng.uniform(1, 25, n)
    geoms = np.array(list(shapely.box(x, y, x + w, y + h)), dtype=object)
    # triangles: their boxes can come within the distance while the footprints do not
    tri = rng.random(n) < 0.4
    for i in np.flatnonzero(tri):
        geoms[i] = shapely.Polygon([(x[i], y[i]), (x[i] + w[i], y[i]), (x[i], y[i] + h[i])])
    missing = rng.random(n) < 0.1
    geoms[missing] = None
    empty = rng.random(n) < 0.05
    geoms[empty] = shapely.Polygon()
    mask = rng.random(n) < draw(st.sampled_from([0.3, 0.7, 1.0]))
    distance = draw(st.sampled_from([0.0, 3.0, 12.5, 25.0]))
    return geoms, mask, distance


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(footprints())
def test_neighbour_pairs_equal_brute_force(case):
    geoms, mask, distance = case
    expected = brute_force_pairs(geoms, distance, mask)
    # candidates within the mask as scope, and over all buildings: the same pairs
    for scope in (mask, None):
        candidates = candidate_pairs(geoms, distance, scope)
        assert (candidates[:, 0] < candidates[:, 1]).all()
        pairs = neighbour_pairs(geoms, candidates, distance, mask)
        found = set(map(tuple, pairs.tolist()))
        assert found == expected
        assert len(found) == len(pairs)  # no pair twice


def test_planner_pairs_equal_brute_force_on_generated_buildings():
    buildings = sample.generate_buildings(400, seed=3)
    buildings["cluster_id"] = ""
    planner = Planner(buildings, None, config(neighbour_distance_m=15.0))
    geoms = np.asarray(buildings.geometry.values, dtype=object)[planner.model.rows]
    expected = brute_force_pairs(geoms, 15.0, planner.model.work)
    assert len(expected) > 50  # the instance has neighbours to find
    assert set(map(tuple, planner.pairs.tolist())) == expected
    assert len(planner.pairs) == len(expected)


def test_candidates_are_reused_only_when_they_cover_the_work():
    buildings, clusters = make_instance(n_clusters=3, per_cluster=6, seed=5)
    buildings["expected_measure"] = ["light", "none", "heavy"] * 6
    planner = Planner(buildings, clusters, config())
    # another configuration with the same buildings: the candidates are reused
    derived = planner.with_config(config(starts_per_week=3))
    assert derived.candidates is planner.candidates
    # buildings without a measure before now need work: candidates outside the scope
    changed = buildings.copy()
    changed["expected_measure"] = "light"
    fresh = Planner(changed, clusters, config(), _candidates=planner.candidates)
    assert fresh.candidates is not planner.candidates
    geoms = np.asarray(changed.geometry.values, dtype=object)[fresh.model.rows]
    expected = brute_force_pairs(geoms, config().neighbour_distance_m, fresh.model.work)
    assert set(map(tuple, fresh.pairs.tolist())) == expected
    assert len(expected) > len(planner.pairs)


text_values = st.one_of(
    st.sampled_from(["light", " heavy ", "none", "", "  ", "bouw_gestart", "K1", "K1 "]),
    st.text(max_size=4),
    st.none(),
    st.just(np.nan),
    st.integers(-2, 2),
    st.just(1.0),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(text_values, max_size=30), st.sampled_from(["object", "str"]))
def test_per_value_equals_the_row_by_row_transformation(values, dtype):
    if dtype == "str":
        values = [v if isinstance(v, str) or v is None else str(v) for v in values]
    column = pd.Series(values, dtype=dtype, index=np.arange(len(values)) * 3 + 7)
    transforms = [
        lambda c: c.fillna("").astype(str).to_numpy(dtype=object),
        lambda c: c.astype(str).str.strip().to_numpy(dtype=object),
        lambda c: c.fillna("").astype(str).str.strip().to_numpy(dtype=object) != "",
    ]
    for fn in transforms:
        expected = np.asarray(fn(column))
        got = per_value(column, fn)
        assert got.dtype == expected.dtype
        assert [repr(v) for v in got] == [repr(v) for v in expected]


def _arrays(model: PlanningModel) -> dict:
    out = {}
    for name, value in vars(model).items():
        if isinstance(value, (np.ndarray, int, float, bool, str)):
            out[name] = value
    return out


def test_model_equals_the_row_by_row_model(monkeypatch):
    buildings, clusters = make_instance(n_clusters=4, per_cluster=12, seed=11, unclustered=5)
    n = len(buildings)
    rng = np.random.default_rng(11)
    buildings["expected_measure"] = rng.choice(["light", " heavy", "rebuild ", "none", ""], n)
    buildings["milestone"] = rng.choice(
        [
            "in_plan",
            "beoordeling",
            "normbesluit",
            "versterkingsbesluit",
            "bouw_gestart",
            "afgerond",
        ],
        n,
    )
    buildings["measure_class"] = rng.choice(["", " ", "heavy", None], n)
    buildings.loc[buildings.index[:3], "risk_profile"] = None
    buildings["lpr"] = np.where(rng.random(n) < 0.2, np.nan, buildings["lpr"])
    cfg = config(threat_factor=0.3, apply_threat_relief=True)
    cfg.ahead_of_cluster = [str(buildings["building_id"].iloc[2]), "0000000000000000"]
    commitments = {str(buildings["building_id"].iloc[4]): cfg.start_date + dt.timedelta(weeks=3)}
    fast = PlanningModel(buildings, clusters, cfg, commitments)
    assert fast.n_relief > 0 and fast.in_progress.any() and fast.already_done.any()
    monkeypatch.setattr(model_module, "per_value", lambda column, fn: np.asarray(fn(column)))
    slow = PlanningModel(buildings, clusters, cfg, commitments)
    a, b = _arrays(fast), _arrays(slow)
    assert a.keys() == b.keys()
    for name, value in a.items():
        other = b[name]
        if isinstance(value, np.ndarray):
            assert value.dtype == other.dtype, name
            if value.dtype == object:
                assert list(value) == list(other), name
            else:
                assert np.array_equal(value, other, equal_nan=value.dtype.kind == "f"), name
        else:
            assert value == other, name


def municipality_by_rows(building_ids: np.ndarray) -> np.ndarray:
    """The municipality code of each id with pandas' string methods, row by row."""
    ids = pd.Series(building_ids, dtype=object).astype(str)
    ok = (ids.str.len() == 16) & ids.str.isdigit()
    return np.where(ok, ids.str.slice(0, 4), "onbekend").astype(object)


bag_like_ids = st.one_of(
    st.from_regex(r"[0-9]{16}", fullmatch=True),
    st.from_regex(r"00[0-9]{2}1000000[0-9]{5}", fullmatch=True),
    st.from_regex(r"[0-9]{15,17}", fullmatch=True),
    st.text(alphabet="0123456789٣²\x00 a", min_size=14, max_size=18),
    st.text(alphabet="0123456789٣", min_size=16, max_size=16),  # digits of another script
    st.from_regex(r"[0-9]{16}\x00", fullmatch=True),
    st.text(max_size=6),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(bag_like_ids, max_size=25))
@example(["٣" * 16, "0003100000000001", "0003100000000001\x00", "000310000000000\x00"])
def test_municipality_and_id_rank_equal_the_string_methods(ids):
    building_ids = np.array(ids, dtype=object)
    assert list(model_module._municipality(building_ids)) == list(
        municipality_by_rows(building_ids)
    )
    expected_rank = (
        np.unique(building_ids.astype(str), return_inverse=True)[1]
        if len(ids)
        else np.empty(0, dtype=np.int64)
    )
    assert np.array_equal(model_module._id_rank(building_ids), expected_rank)


def test_id_rank_of_bag_ids_is_their_string_order():
    rng = np.random.default_rng(4)
    ids = np.array([f"{v:016d}" for v in rng.integers(0, 10**16, 500)], dtype=object)
    ids[::7] = ids[0]  # duplicates share a rank
    expected = np.unique(ids.astype(str), return_inverse=True)[1]
    assert np.array_equal(model_module._id_rank(ids), expected)
