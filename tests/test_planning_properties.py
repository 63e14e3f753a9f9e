"""Property tests of the scheduler (hypothesis): the guarantees the planner relies on."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planning_fixtures import START

from gis_app.core.planning import Planner, PlanningConfig
from gis_app.core.schema import ensure_building_columns, ensure_cluster_columns

MEASURES = ["none", "light", "heavy", "rebuild"]
MILESTONES = ["in_plan", "beoordeling", "versterkingsbesluit", "bouw_gestart"]


@st.composite
def instances(draw):
    n_clusters = draw(st.integers(1, 4))
    n = draw(st.integers(1, 14))
    cluster = draw(st.lists(st.integers(-1, n_clusters - 1), min_size=n, max_size=n))
    measure = draw(st.lists(st.sampled_from(MEASURES), min_size=n, max_size=n))
    profile = draw(
        st.lists(st.sampled_from(["verhoogd", "licht verhoogd", "normaal"]), min_size=n, max_size=n)
    )
    lpr = draw(st.lists(st.floats(1e-7, 1e-4), min_size=n, max_size=n))
    eigen = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    milestone = draw(st.lists(st.sampled_from(MILESTONES), min_size=n, max_size=n))
    buildings = pd.DataFrame(
        {
            "building_id": [f"0003100000{i:06d}" for i in range(n)],
            "cluster_id": [f"K{c}" if c >= 0 else "" for c in cluster],
            "measure_class": measure,
            "risk_profile": profile,
            "lpr": lpr,
            "eigen_regie": eigen,
            "milestone": milestone,
        }
    )
    ensure_building_columns(buildings)
    shares = draw(st.lists(st.floats(0, 1), min_size=n_clusters, max_size=n_clusters))
    lock_week = draw(
        st.lists(st.one_of(st.none(), st.integers(0, 30)), min_size=n_clusters, max_size=n_clusters)
    )
    clusters = pd.DataFrame(
        {
            "cluster_id": [f"K{c}" for c in range(n_clusters)],
            "approach_share": shares,
            "lock_start": [
                "" if w is None else (START + dt.timedelta(weeks=w)).isoformat() for w in lock_week
            ],
        }
    )
    ensure_cluster_columns(clusters)
    if draw(st.booleans()):
        clusters.loc[0, "lock_position"] = float(draw(st.integers(1, n_clusters + 1)))
    capacity = draw(st.integers(1, 3))
    calendar = draw(
        st.lists(
            st.tuples(st.integers(1, 40), st.integers(0, 4)), max_size=3, unique_by=lambda c: c[0]
        )
    )
    calendar = [(START + dt.timedelta(weeks=w), c) for w, c in calendar]
    tail = max(calendar, key=lambda item: item[0])[1] if calendar else capacity
    if tail == 0:
        calendar.append((START + dt.timedelta(weeks=41), 1))
    order = draw(st.sampled_from(["default", "optimise"]))
    return buildings, clusters, capacity, calendar, order


def make_config(capacity, calendar, **kwargs):
    cfg = PlanningConfig(
        start_date=START, starts_per_week=capacity, capacity_calendar=calendar, **kwargs
    )
    cfg.durations["light"]["standard"] = {"prep": 2, "construction": 1}
    cfg.durations["light"]["bespoke"] = {"prep": 5, "construction": 3}
    cfg.durations["heavy"]["standard"] = {"prep": 4, "construction": 6}
    cfg.durations["heavy"]["bespoke"] = {"prep": 9, "construction": 10}
    cfg.durations["rebuild"]["standard"] = {"prep": 9, "construction": 12}
    cfg.durations["rebuild"]["bespoke"] = {"prep": 9, "construction": 12}
    return cfg


def weeks(series: pd.Series) -> np.ndarray:
    return ((series - pd.Timestamp(START)).dt.days / 7).to_numpy()


SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(instances())
def test_capacity_never_exceeded_and_every_building_once(inst):
    buildings, clusters, capacity, calendar, order = inst
    result = Planner(buildings, clusters, make_config(capacity, calendar)).run(order=order)
    s = result.schedule
    assert sorted(s["row"]) == list(range(len(buildings)))  # trailing: nobody lost
    assert s["building_id"].is_unique
    cap = result.capacity
    assert (cap["starts"] <= cap["capacity"]).all()
    started = s["construction_start"].notna().to_numpy()
    # the capacity table counts pool starts: eigen regie takes no pool capacity
    own = buildings["eigen_regie"].to_numpy(bool)[s["row"].to_numpy()]
    assert cap["starts"].sum() == int((started & ~own).sum())
    assert (s.loc[s["approach"] != "none", "completion"] >= pd.Timestamp(START)).all()


@SETTINGS
@given(instances(), st.integers(1, 3))
def test_more_capacity_never_delays_any_completion(inst, extra):
    buildings, clusters, capacity, calendar, _ = inst
    planner = Planner(buildings, clusters, make_config(capacity, calendar))
    order = planner.default_order()
    base = planner.run(order=order).schedule
    more = [(d, c + extra) for d, c in calendar]
    bigger = Planner(buildings, clusters, make_config(capacity + extra, more)).run(order=order)
    assert (weeks(bigger.schedule["completion"]) <= weeks(base["completion"]) + 1e-9).all()


@SETTINGS
@given(instances(), st.data())
def test_raising_a_share_never_finishes_that_cluster_earlier(inst, data):
    buildings, clusters, capacity, calendar, _ = inst
    planner = Planner(buildings, clusters, make_config(capacity, calendar))
    cid = data.draw(st.sampled_from(planner.cluster_ids))
    low = data.draw(st.floats(0, 1))
    high = data.draw(st.floats(low, 1))
    order = planner.default_order()
    a = planner.run(shares={cid: low}, order=order).clusters.set_index("cluster_id")
    b = planner.run(shares={cid: high}, order=order).clusters.set_index("cluster_id")
    assert b.loc[cid, "end"] >= a.loc[cid, "end"]
    assert b.loc[cid, "n_bespoke"] >= a.loc[cid, "n_bespoke"]


@SETTINGS
@given(instances())
def test_deterministic_and_locks_respected(inst):
    buildings, clusters, capacity, calendar, order = inst
    cfg = make_config(capacity, calendar)
    one = Planner(buildings, clusters, cfg).run(order=order)
    two = Planner(buildings.copy(), clusters.copy(), cfg).run(order=order)
    pd.testing.assert_frame_equal(one.schedule, two.schedule)
    assert one.metrics == two.metrics
    table = one.clusters.set_index("cluster_id")
    for row in clusters.itertuples():
        if row.lock_start:
            start = table.loc[row.cluster_id, "start"]
            assert pd.isna(start) or start >= pd.Timestamp(row.lock_start)
        if not np.isnan(row.lock_position):
            n = len(clusters)
            want = min(int(row.lock_position), n)
            assert table.loc[row.cluster_id, "position"] == want


@SETTINGS
@given(instances(), st.data())
def test_incremental_recompute_equals_fresh_plan(inst, data):
    """The planner's schedule cache (resume after a share change) changes no result."""
    buildings, clusters, capacity, calendar, _ = inst
    cfg = make_config(capacity, calendar)
    warm = Planner(buildings, clusters, cfg)
    order = warm.default_order()
    for _ in range(3):
        cid = data.draw(st.sampled_from(warm.cluster_ids))
        share = data.draw(st.floats(0, 1))
        got = warm.run(shares={cid: share}, order=order)
        fresh = Planner(buildings, clusters, cfg).run(shares={cid: share}, order=order)
        assert np.array_equal(got.start_week, fresh.start_week)
        assert got.metrics == fresh.metrics
