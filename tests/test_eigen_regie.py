"""Eigen regie takes no pool capacity: the owner commissions an aannemer of their own."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from planning_fixtures import START, config, make_instance

from gis_app.core.planning import Planner
from gis_app.core.planning.milp import solve_order_milp
from gis_app.core.planning.promises import tellable


def with_eigen_regie(seed: int, share: float = 0.3, **kwargs):
    buildings, clusters = make_instance(seed=seed, **kwargs)
    rng = np.random.default_rng(seed + 100)
    buildings["eigen_regie"] = rng.random(len(buildings)) < share
    assert buildings["eigen_regie"].any() and not buildings["eigen_regie"].all()
    return buildings, clusters


def starts_by_id(result) -> dict[str, int]:
    model = result.model
    return {
        str(b): int(s)
        for b, s, ok in zip(model.building_id, result.start_week, model.slotted, strict=True)
        if ok
    }


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("milestone", [None, "versterkingsbesluit"])
def test_other_buildings_planned_as_if_eigen_regie_were_absent(seed, milestone):
    buildings, clusters = with_eigen_regie(seed, n_clusters=5, per_cluster=7, unclustered=3)
    if milestone:
        buildings["milestone"] = milestone
    cfg = config()
    planner = Planner(buildings, clusters, cfg)
    order = planner.default_order()
    full = planner.run(order=order)
    own = buildings["eigen_regie"].to_numpy(bool)
    absent = Planner(buildings[~own].reset_index(drop=True), clusters, cfg).run(order=order)
    mine = starts_by_id(full)
    theirs = starts_by_id(absent)
    assert theirs  # the others are planned
    assert {b: mine[b] for b in theirs} == theirs
    # eigen regie buildings are still dated: in their release week, whatever the pool does
    model = full.model
    idx = np.flatnonzero(model.own)
    assert len(idx) > 0
    release = np.where(full.bespoke[idx], model.release_bes[idx], model.release_std[idx])
    assert (full.start_week[idx] == release).all()
    assert full.bespoke[idx].all()  # eigen regie is bespoke regardless
    # and the capacity table counts the pool's starts only
    cap = full.capacity
    assert (cap["starts"] <= cap["capacity"]).all()
    assert int(cap["starts"].sum()) == len(theirs)


def test_eigen_regie_frees_capacity_for_the_others():
    buildings, clusters = with_eigen_regie(5, n_clusters=4, per_cluster=8)
    buildings["milestone"] = "versterkingsbesluit"  # capacity, not preparation, sets the pace
    cfg = config()
    planner = Planner(buildings, clusters, cfg)
    order = planner.default_order()
    result = planner.run(order=order)
    pooled = buildings.copy()
    pooled["eigen_regie"] = False
    # the same buildings all from the pool: nobody starts earlier, the last start later
    before = Planner(pooled, clusters, cfg).run(order=order)
    mine = starts_by_id(result)
    own = set(buildings.loc[buildings["eigen_regie"], "building_id"])
    pool_before = {b: s for b, s in starts_by_id(before).items() if b not in own}
    assert all(mine[b] <= s for b, s in pool_before.items())
    assert max(mine[b] for b in pool_before) < max(starts_by_id(before).values())


def test_eigen_regie_with_a_commitment_and_a_fixed_start_takes_no_capacity():
    buildings, clusters = with_eigen_regie(6, n_clusters=3, per_cluster=6)
    clusters.loc[1, "lock_start"] = dt.date(2027, 6, 7)
    own_ids = buildings.loc[buildings["eigen_regie"], "building_id"].tolist()
    promise = {own_ids[0]: START + dt.timedelta(days=7 * 60)}
    cfg = config()
    planner = Planner(buildings, clusters, cfg, commitments=promise)
    result = planner.run()
    model = result.model
    lock = model.lock_of_building
    idx = np.flatnonzero(model.own)
    assert (result.start_week[idx] >= np.maximum(lock[idx], 0)).all()
    pool = model.slotted & ~model.own
    assert np.bincount(result.start_week[pool]).max() <= cfg.starts_per_week
    report = result.metrics["commitments"]
    assert report["kept"] == 1 and report["broken"] == []


def test_milp_compares_like_for_like_with_eigen_regie():
    buildings, clusters = with_eigen_regie(7, n_clusters=4, per_cluster=5)
    buildings["milestone"] = "versterkingsbesluit"  # preparation never holds anything up
    planner = Planner(buildings, clusters, config())
    res = solve_order_milp(planner)
    assert res.optimal
    # the abstraction's objective is the scheduler's exposure of that order: eigen regie
    # is a constant in both
    assert res.objective_exposure == pytest.approx(res.exposure, rel=1e-9)
    import itertools

    brute = min(
        planner.run(order=list(p)).metrics["risk_exposure"]
        for p in itertools.permutations(planner.cluster_ids)
    )
    assert res.exposure == pytest.approx(brute, rel=1e-9)


def test_eigen_regie_can_be_told_without_contracted_capacity():
    buildings, clusters = with_eigen_regie(8, n_clusters=3, per_cluster=6)
    buildings["measure_class"] = "light"
    cfg = config()
    result = Planner(buildings, clusters, cfg).run()
    told = set(tellable(result).tolist())
    own = set(np.flatnonzero(result.model.own).tolist())
    assert own <= told
