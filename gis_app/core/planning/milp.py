"""Exact cluster order for small instances (mixed-integer programme, HiGHS), and a lower bound.

Why: the fast ``optimise`` order (:mod:`.order`) is a heuristic; its quality is measured
against the exact optimum on instances of up to about 12 clusters
(``benchmarks/bench_milp.py``), and against :func:`lower_bound` on large ones.

The abstraction (a single capacity resource, in *slots*). Number the free construction starts
0, 1, 2, ... in week order (after the fixed-start clusters have taken theirs); ``C[t]`` is the
first slot of week t and ``W(x)`` the week of slot x. When the clusters are planned as one
non-overtaking sequence (:func:`.schedule.sequence_starts`), the state between two clusters is
one integer, the *pointer* V (first slot the next cluster may use). A cluster c with chain
releases ``r_j`` and ``P_j = max_{i<=j} (C[r_i] - i)`` entered at V starts its j-th building in
week ``W(max(V, P_j) + j)`` and leaves the pointer at ``max(V, L_c) + n_c``
(``L_c = P_{n_c - 1}``). Its cost ``F_c(V) = sum_j w_j W(max(V, P_j) + j)`` is non-decreasing
in V.

Formulation (time-indexed on the pointer): binary ``x[c, v]`` = cluster c entered at v, for
``v`` from ``P_0`` (entering earlier changes nothing) to ``T = max L + sum n``:

    minimise   sum_{c,v} F_c(v) x[c, v]
    subject to sum_v x[c, v] = 1                                  (each cluster once)
               sum_{c, v : v <= t < max(v, L_c) + n_c} x[c, v] <= 1   for every slot t
               (pseudo-clusters, in their fixed order, after every real cluster)

Non-overlapping pointer intervals are exactly the sequences with idle gaps; because F_c is
non-decreasing, closing a gap never costs more, so the optimum equals the best order's cost.

How it matches the scheduler: the scheduler plans cluster by cluster (backfilling) only while
preparation holds the sequence up; once the frontier has passed every release it *is* this
sequence (:mod:`.schedule`). So when preparation never holds anything up (e.g. every building
past ``versterkingsbesluit``), the MILP optimum is the scheduler's optimum over all orders,
exactly; otherwise the MILP order is re-scheduled by the scheduler and compared (the
benchmark then also compares with brute force where that is possible).

Eigen regie buildings take no slot (the owner's own aannemer, :func:`.schedule.own_pass`):
they are in no chain, so neither here nor in the scheduler do they use capacity; their
exposure is part of the constant (:func:`.bound.base_exposure`), as in the scheduler.

Not supported: position locks (:class:`PlanningError`). Fixed-start clusters are supported
(they take their capacity first, as in the scheduler).

:func:`lower_bound`: every schedule gives its buildings distinct slots not before their
release; assigning buildings by decreasing weight to the earliest free slot at or after
their release minimises ``sum w W(slot)`` over all such assignments (exchange argument:
moving a heavier building to an earlier slot never costs more). Ignoring clusters and chains,
it is a valid lower bound for every order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from gis_app.core.errors import PlanningError
from gis_app.core.i18n import t
from gis_app.core.planning.bound import base_exposure
from gis_app.core.planning.config import WEEKS_PER_YEAR
from gis_app.core.planning.deadlines import latest_start
from gis_app.core.planning.planner import Planner
from gis_app.core.planning.schedule import (
    cumulative,
    free_sequence,
    timing,
)

MAX_VARIABLES = 400_000


@dataclass
class MilpResult:
    order: list[str]  # cluster ids (real clusters) in the optimal order
    objective_exposure: float  # risk exposure of the abstraction at the optimum
    exposure: float  # risk exposure when the scheduler plans that order
    optimal: bool
    status: str
    mip_gap: float | None
    seconds: float
    n_variables: int


def _base(planner: Planner, shares):
    model = planner.model
    share = model.shares_array(shares)
    tm = timing(model, model.bespoke_mask(share))
    const, remaining, starts = base_exposure(model, tm)
    return model, tm, starts, remaining, const


def solve_order_milp(
    planner: Planner,
    shares=None,
    *,
    time_limit: float = 120.0,
) -> MilpResult:
    """Exact best order of the clusters for the risk exposure (see module docstring).

    With deadlines (``PlanningConfig.deadlines``) only entries at which every building of
    the cluster meets its deadline are allowed (:func:`.deadlines.latest_start`); a
    :class:`PlanningError` says so when no order can keep them."""
    model, tm, _, remaining, const = _base(planner, shares)
    if (~np.isnan(model.lock_position[: model.n_clusters])).any():
        raise PlanningError(t("de exacte optimalisatie ondersteunt geen vaste posities"))
    cum = cumulative(remaining)
    every = np.arange(model.n_clusters)
    seq = free_sequence(model, every)
    jobs = [int(g) for g in seq if model.n_slots[g] > 0]
    if not jobs:
        result = planner.run(shares, order=[])
        e = result.metrics["risk_exposure"]
        return MilpResult(planner.default_order(), e, e, True, "niets te plannen", 0.0, 0.0, 0)
    info = []
    for g in jobs:
        members = model.members[model.member_start[g] : model.member_start[g + 1]]
        j = np.arange(len(members), dtype=np.int64)
        p = np.maximum.accumulate(cum[tm.release[members]] - j)
        info.append((g, members, p, int(p[-1]), len(members)))
    horizon = max(i[3] for i in info) + sum(i[4] for i in info) + 1
    if horizon >= cum[-1]:
        raise PlanningError(t("horizon van de capaciteit te kort voor de exacte optimalisatie"))
    latest = latest_start(model, tm) if model.has_deadlines else None
    n_vars = sum(max(horizon - i[4] + 1 - int(i[2][0]), 0) for i in info)
    if n_vars > MAX_VARIABLES:
        raise PlanningError(
            t(
                "te groot voor de exacte optimalisatie ({n_vars} variabelen); gebruik "
                "de ondergrens (lower_bound)",
                n_vars=n_vars,
            )
        )
    costs, rows, cols, starts_v, ends_v, owner = [], [], [], [], [], []
    col = 0
    for k, (_g, members, p, last, n) in enumerate(info):
        v = np.arange(int(p[0]), horizon - n + 1, dtype=np.int64)
        slot = np.maximum(v[:, None], p[None, :]) + np.arange(n)[None, :]
        week = np.searchsorted(cum, slot, side="right") - 1
        if latest is not None:
            keep = (week <= latest[members][None, :]).all(axis=1)
            if not keep.any():
                raise PlanningError(
                    t(
                        "cluster {value} haalt zijn uiterlijk gereed in geen enkele volgorde",
                        value=model.group_ids[_g],
                    )
                )
            v, slot, week = v[keep], slot[keep], week[keep]
        costs.append(week @ model.weight[members])
        end = np.maximum(v, last) + n
        starts_v.append(v)
        ends_v.append(end)
        owner.append(np.full(len(v), k))
        ids = np.arange(col, col + len(v))
        lengths = end - v
        offsets = np.cumsum(lengths) - lengths
        rows.append(np.repeat(v, lengths) + np.arange(lengths.sum()) - np.repeat(offsets, lengths))
        cols.append(np.repeat(ids, lengths))
        col += len(v)
    c = np.concatenate(costs).astype(float)
    v_all = np.concatenate(starts_v)
    end_all = np.concatenate(ends_v)
    own = np.concatenate(owner)
    overlap = sparse.csr_matrix(
        (np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(cols))),
        shape=(horizon, col),
    )
    assign = sparse.csr_matrix((np.ones(col), (own, np.arange(col))), shape=(len(jobs), col))
    constraints = [
        LinearConstraint(assign, 1, 1),
        LinearConstraint(overlap, 0, 1),
    ]
    pseudo = [k for k, i in enumerate(info) if model.is_pseudo[i[0]]]
    real = [k for k, i in enumerate(info) if not model.is_pseudo[i[0]]]
    extra = []
    for a_idx, k in enumerate(pseudo):
        before = real + pseudo[:a_idx]
        for r in before:
            row = np.zeros(col)
            row[own == k] = v_all[own == k]
            row[own == r] -= end_all[own == r]
            extra.append(row)
    if extra:
        constraints.append(LinearConstraint(sparse.csr_matrix(np.vstack(extra)), 0, np.inf))
    scale = 1.0 / max(float(np.abs(c).max()), 1e-300)
    t0 = time.perf_counter()
    res = milp(
        c * scale,
        integrality=np.ones(col),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"time_limit": float(time_limit), "mip_rel_gap": 1e-9, "disp": False},
    )
    seconds = time.perf_counter() - t0
    if res.x is None:
        raise PlanningError(
            t("exacte optimalisatie gaf geen oplossing: {message}", message=res.message)
        )
    x = res.x > 0.5
    entry = {own[i]: v_all[i] for i in np.flatnonzero(x)}
    ordered = sorted(range(len(jobs)), key=lambda k: (entry[k], k))
    order_groups = [info[k][0] for k in ordered if not model.is_pseudo[info[k][0]]]
    rest = [int(g) for g in planner._default if int(g) not in set(order_groups)]
    ids = [str(model.group_ids[g]) for g in order_groups + rest]
    objective = float(c[x].sum())
    exposure = planner.run(shares, order=ids).metrics["risk_exposure"]
    return MilpResult(
        order=ids,
        objective_exposure=(objective + const) / WEEKS_PER_YEAR,
        exposure=exposure,
        optimal=res.status == 0,
        status=str(res.message),
        mip_gap=getattr(res, "mip_gap", None),
        seconds=seconds,
        n_variables=col,
    )


def lower_bound(planner: Planner, shares=None) -> float:
    """A lower bound on the risk exposure of every order (see module docstring)."""
    model, tm, _, remaining, const = _base(planner, shares)
    cum = cumulative(remaining)
    locked = model.lock_week[model.group] >= 0
    free = np.flatnonzero(model.chained & ~locked)
    if len(free) == 0:
        return const / WEEKS_PER_YEAR
    w = model.weight[free]
    first_slot = cum[tm.release[free]]
    order = np.lexsort((first_slot, -w))
    n_slots = int(first_slot.max()) + len(free) + 1
    parent = np.arange(n_slots + 1)  # union-find "next free slot"
    slots = np.empty(len(free), dtype=np.int64)
    parent_list = parent.tolist()
    for pos, i in enumerate(order.tolist()):
        s = int(first_slot[i])
        root = s
        while parent_list[root] != root:
            root = parent_list[root]
        while parent_list[s] != root:
            parent_list[s], s = root, parent_list[s]
        slots[pos] = root
        parent_list[root] = root + 1
    weeks = np.searchsorted(cum, slots, side="right") - 1
    total = float(np.dot(w[order], weeks))
    return (total + const) / WEEKS_PER_YEAR
