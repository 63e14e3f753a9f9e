"""The slider's fast paths give the same plan as a fresh planner.

A slider re-runs the planner with one cluster's share changed; the planner then recomputes
only that cluster's timing, the deadline limits of the chains whose releases changed and the
explainability pairs of the buildings whose approach or completion changed. Every result
must equal the one of a new planner for the same inputs, with deadlines and commitments on.
The incremental paths are forced (their "recount everything" thresholds lifted) so that the
small generated instances exercise them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planning_fixtures import config, make_instance

from gis_app.core.planning import Planner
from gis_app.core.planning.deadlines import (
    DeadlineCache,
    entry_limits,
    latest_start,
    shared_capacity,
)
from gis_app.core.planning.metrics import ExplainabilityCache, explainability
from gis_app.core.planning.schedule import timing

MILESTONES = ["in_plan", "opname", "beoordeling", "versterkingsbesluit"]


@st.composite
def slider_cases(draw):
    n_clusters = draw(st.integers(2, 7))
    per_cluster = draw(st.integers(2, 8))
    seed = draw(st.integers(0, 10_000))
    buildings, clusters = make_instance(n_clusters=n_clusters, per_cluster=per_cluster, seed=seed)
    rng = np.random.default_rng(seed)
    buildings["milestone"] = rng.choice(MILESTONES, len(buildings))
    clusters["approach_share"] = rng.choice([np.nan, 0.0, 0.5, 1.0], n_clusters)
    deadlines = draw(
        st.sampled_from([{}, {"verhoogd": "1y"}, {"verhoogd": "2y", "licht verhoogd": "4y"}])
    )
    cfg = config(starts_per_week=draw(st.integers(1, 4)), deadlines=deadlines)
    commitments = {}
    if draw(st.booleans()):
        promised = rng.choice(len(buildings), size=min(3, len(buildings)), replace=False)
        for i in promised.tolist():
            weeks = int(rng.integers(0, 60))
            commitments[str(buildings["building_id"].iloc[i])] = cfg.start_date + dt.timedelta(
                weeks=weeks
            )
    moves = draw(
        st.lists(
            st.tuples(
                st.integers(0, n_clusters - 1),
                st.floats(0, 1),
                st.sampled_from(["default", "optimise", "same"]),
            ),
            min_size=1,
            max_size=5,
        )
    )
    return buildings, clusters, cfg, commitments, moves


def forced_incremental(planner: Planner) -> Planner:
    planner._explain_cache.FULL_SHARE = 1.0
    planner._deadline_cache.FULL_SHARE = 1.0
    return planner


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slider_cases())
def test_slider_runs_equal_a_fresh_plan(case):
    buildings, clusters, cfg, commitments, moves = case
    warm = forced_incremental(Planner(buildings, clusters, cfg, commitments=commitments))
    ids = warm.cluster_ids
    order = warm.default_order()
    shares: dict[str, float] = {}
    for index, share, kind in moves:
        shares[ids[index]] = share
        if kind != "same":
            order = warm.run(shares=shares, order=kind).order_ids
        got = warm.run(shares=shares, order=order)
        fresh = Planner(buildings, clusters, cfg, commitments=commitments).run(
            shares=shares, order=order
        )
        assert np.array_equal(got.start_week, fresh.start_week)
        assert np.array_equal(got.bespoke, fresh.bespoke)
        assert np.array_equal(got.duration_weeks, fresh.duration_weeks)
        assert got.order_ids == fresh.order_ids
        assert got.metrics == fresh.metrics


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 40), st.floats(0.0, 3.0))
def test_explainability_recount_of_changed_buildings_equals_a_full_count(seed, changes, years):
    rng = np.random.default_rng(seed)
    n, m = 400, 1500
    i = rng.integers(0, n, m)
    j = (i + rng.integers(1, n, m)) % n
    pairs = (i.astype(np.int64), j.astype(np.int64))
    bespoke = rng.random(n) < 0.3
    completion = rng.integers(0, 300, n).astype(float) + rng.choice([0.0, 0.5], n)
    cache = ExplainabilityCache(pairs, n)
    cache.FULL_SHARE = 1.0
    assert cache.count(bespoke, completion, years) == explainability(
        pairs, bespoke, completion, years
    )
    for _ in range(3):
        idx = rng.choice(n, size=changes, replace=False)
        bespoke = bespoke.copy()
        completion = completion.copy()
        bespoke[idx] = rng.random(changes) < 0.5
        completion[idx] += rng.integers(-60, 60, changes)
        assert cache.count(bespoke, completion, years) == explainability(
            pairs, bespoke, completion, years
        )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slider_cases())
def test_deadline_limits_of_changed_chains_equal_a_full_computation(case):
    buildings, clusters, cfg, commitments, moves = case
    cfg.deadlines = {"verhoogd": "1y", "licht verhoogd": "2y"}
    planner = Planner(buildings, clusters, cfg, commitments=commitments)
    model = planner.model
    cache = DeadlineCache()
    cache.FULL_SHARE = 1.0
    ids = planner.cluster_ids
    shares: dict[str, float] = {}
    for index, share, _ in moves:
        shares[ids[index]] = share
        tm = timing(model, model.bespoke_mask(model.shares_array(shares)))
        latest = latest_start(model, tm)
        cum = shared_capacity(model, tm)
        want = entry_limits(model, tm, latest, cum)
        assert np.array_equal(cache.entry_limits(model, tm, latest, cum), want)
