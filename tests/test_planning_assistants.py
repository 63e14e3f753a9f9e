"""Rebalancing assistant, threat candidates and the exact MILP order."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from planning_fixtures import START, config, make_instance

from gis_app.core.errors import PlanningError
from gis_app.core.planning import Planner
from gis_app.core.planning.milp import lower_bound, solve_order_milp
from gis_app.core.planning.rebalance import max_cluster_share, max_global_share
from gis_app.core.planning.threat import threat_candidates


def verhoogd_done(planner, **kwargs):
    return dt.date.fromisoformat(planner.run(**kwargs).metrics["all_verhoogd_done"])


def test_global_share_meets_target_and_next_step_misses():
    buildings, clusters = make_instance(n_clusters=3, per_cluster=8, seed=4)
    planner = Planner(buildings, clusters, config())
    at0 = verhoogd_done(planner, shares=dict.fromkeys(planner.cluster_ids, 0.0), global_share=0)
    at1 = verhoogd_done(planner, shares=dict.fromkeys(planner.cluster_ids, 1.0), global_share=1)
    assert at1 > at0
    target = at0 + (at1 - at0) / 2
    res = max_global_share(planner, target)
    assert res.feasible and 0 <= res.share < 1 and res.meets_target
    ids = planner.cluster_ids
    got = verhoogd_done(planner, shares=dict.fromkeys(ids, res.share), global_share=res.share)
    assert got <= target
    more = min(1.0, res.share + 0.02)
    later = verhoogd_done(planner, shares=dict.fromkeys(ids, more), global_share=more)
    assert later > target
    assert "Grootste aandeel maatwerk" in res.message


def test_infeasible_target_says_by_how_much():
    buildings, clusters = make_instance(n_clusters=3, per_cluster=8, seed=4)
    planner = Planner(buildings, clusters, config())
    res = max_global_share(planner, START + dt.timedelta(weeks=2))
    assert not res.feasible and res.share is None
    ids = planner.cluster_ids
    at0 = verhoogd_done(planner, shares=dict.fromkeys(ids, 0.0), global_share=0)
    assert res.weeks_late == pytest.approx((at0 - START).days / 7 - 2, abs=0.2)
    assert "Niet haalbaar" in res.message


def test_cluster_share_generous_target_gives_full_share():
    buildings, clusters = make_instance(n_clusters=3, per_cluster=6, seed=1)
    planner = Planner(buildings, clusters, config())
    res = max_cluster_share(planner, "K1", START + dt.timedelta(weeks=520))
    assert res.feasible and res.share == 1.0
    with pytest.raises(PlanningError):
        max_cluster_share(planner, "nope", START)


def test_threat_candidates_listed_with_freed_capacity():
    buildings, clusters = make_instance(n_clusters=2, per_cluster=10, seed=3)
    result = Planner(buildings, clusters, config(threat_factor=0.2)).run()
    table = threat_candidates(result)
    assert len(table) == (
        result.metrics["threat"]["candidates_no_measure"]
        + result.metrics["threat"]["candidates_lighter_measure"]
    )
    assert (table["lpr_rescaled"] < table["lpr"]).all()
    assert (table.loc[table["suggested_measure"] == "none", "starts_freed"] == 1).all()
    assert table["construction_weeks_freed"].sum() == pytest.approx(
        result.metrics["threat"]["construction_weeks_freed"]
    )
    base = Planner(buildings, clusters, config()).run()
    assert len(threat_candidates(base)) == 0


@pytest.mark.parametrize("seed", [0, 1])
def test_milp_equals_brute_force_when_preparation_is_done(seed):
    buildings, clusters = make_instance(n_clusters=5, per_cluster=5, seed=seed, unclustered=2)
    buildings["milestone"] = "versterkingsbesluit"
    planner = Planner(buildings, clusters, config())
    res = solve_order_milp(planner)
    brute = min(
        planner.run(order=list(p)).metrics["risk_exposure"]
        for p in itertools.permutations(planner.cluster_ids)
    )
    assert res.optimal
    assert res.exposure == pytest.approx(brute, rel=1e-9)
    assert res.objective_exposure == pytest.approx(brute, rel=1e-9)
    assert lower_bound(planner) <= brute + 1e-15


def test_lower_bound_below_every_order_with_preparation():
    buildings, clusters = make_instance(n_clusters=4, per_cluster=5, seed=2)
    planner = Planner(buildings, clusters, config())
    lb = lower_bound(planner)
    for p in itertools.permutations(planner.cluster_ids):
        assert lb <= planner.run(order=list(p)).metrics["risk_exposure"] + 1e-15


def test_milp_refuses_position_locks():
    buildings, clusters = make_instance(n_clusters=3, per_cluster=3)
    clusters.loc[0, "lock_position"] = 2
    with pytest.raises(PlanningError, match="vaste posities"):
        solve_order_milp(Planner(buildings, clusters, config()))
