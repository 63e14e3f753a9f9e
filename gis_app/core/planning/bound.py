"""A certified lower bound on risk exposure that keeps clusters and capacity (Lagrangian).

Why: the optimised order is a heuristic. On small instances it is compared with the exact
MILP (:mod:`.milp`); on a real instance (hundreds or thousands of clusters) only a lower
bound can say how far it can at most be from the best possible:
``optimality_gap = (exposure - bound) / exposure``.

**The relaxation** (valid for every plan the scheduler makes, for every order, and for the
MILP's sequence model). Slots are numbered as in :mod:`.milp` (the capacity left after
fixed-start clusters and buildings taken ahead of their cluster); ``R`` is the last
release week of any building still to be planned and ``C_R`` the first slot of week R.

* From week R on the scheduler *is* one sequence: every cluster's remaining buildings take
  consecutive free slots, cluster after cluster (each chain takes the first free slots on or
  after its release, and all releases have passed), without idle capacity.
* Before week R the scheduler may backfill: a later cluster's first buildings can use
  capacity while earlier clusters are still being prepared. Those are a *prefix* of its chain
  (chains never overtake), at most ``C_R`` buildings over all clusters, each no earlier than
  ``l_j`` = the week of slot ``max_{i<=j}(C[r_i] - i) + j`` (its release and the chain ahead
  of it).

So a plan is described by, per cluster, a prefix of ``k`` buildings before week R and a
*block* of the rest, contiguous, entering in a week ``t >= R``. The relaxation keeps that
structure with ``k`` rounded to a few breakpoints ``k_0 = 0 < k_1 < ... <= K_c`` (``K_c``:
the buildings that could be before R at all): option ``b`` counts its prefix at cost
``sum_{j<k_b} w_j l_j``, its block as the buildings from ``k_b`` on (cost
``sum w_j W(C[t] + j - k_b)``), and uses ``k_{b-1}`` of the capacity before R (rounding the
cost down and the capacity use down keeps every real plan feasible at no more cost).
Constraints: one option per cluster; for every week T >= R the blocks cover at most the
slots of weeks R..T (a block entered in week t covers at least
``min(size, C[T+1] - C[t+1] + 1)`` of them: it is contiguous); the prefixes use at most
``C_R`` slots. Pseudo-clusters (buildings in no cluster, always last) are relaxed to
ordinary clusters.

**The bound** is the Lagrangian dual of that time-indexed programme (weekly buckets): the
coverage and prefix constraints are priced (``lambda_T``, ``mu`` >= 0), after which every
cluster picks its cheapest option and entry week on its own. For *any* prices this is a
valid lower bound, so the computation can stop at any moment (``should_stop``, a time
limit) and still return a certified bound; more iterations (subgradient steps, Polyak step
towards a known plan's cost) only raise it. Prices start from Smith's rule (the risk per
start of the cluster that a ratio order puts in that week), which is close to optimal when
clusters are small compared with a week's capacity. The reported bound is the best of the
dual values seen and the clusters-ignored bound of :func:`.milp.lower_bound`.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from gis_app.core.planning.config import WEEKS_PER_YEAR
from gis_app.core.planning.schedule import (
    cumulative,
    fixed_passes,
    free_sequence,
    schedule_starts,
    timing,
)

BREAKPOINTS = 2  # prefix sizes per cluster besides 0 (more: tighter, slower)
MAX_ITERATIONS = 400


@dataclass
class BoundResult:
    """A lower bound on the risk exposure of every plan with these shares.

    ``lower_bound``: expected fatality-years (same unit as ``risk_exposure``);
    ``clusters_ignored_bound``: the weaker bound that ignores clusters (for comparison);
    ``iterations``: dual steps done; ``seconds``: time used (the time limit covers the
    set-up too; stopped during set-up, the clusters-ignored bound is returned);
    ``cancelled``: stopped by ``should_stop`` (the bound is valid, only less tight); ``reference_exposure``: the plan
    used to steer the steps (Smith's order).
    """

    lower_bound: float
    clusters_ignored_bound: float
    iterations: int
    seconds: float
    cancelled: bool
    reference_exposure: float

    def gap(self, exposure: float) -> float | None:
        """``(exposure - bound) / exposure``; None when the exposure is 0."""
        if exposure <= 0:
            return None
        return max(0.0, (exposure - self.lower_bound) / exposure)


class _Columns:
    """Every (cluster, option, entry week) of the relaxation as flat arrays."""

    def __init__(self, model, tm, cum: np.ndarray, jobs: list[int], keep_going=None):
        w = model.weight
        self.cum = cum
        n_total = int(model.n_slots[jobs].sum())
        members_of = [
            model.members[model.member_start[g] : model.member_start[g + 1]] for g in jobs
        ]
        releases = tm.release[np.concatenate(members_of)] if members_of else np.empty(0, int)
        self.R = int(releases.max()) if len(releases) else 0
        c_r = int(cum[min(self.R, len(cum) - 1)])
        self.c_r = c_r
        week_of_slot = self.week_of
        t_first_block = week_of_slot(np.asarray([c_r]))[0]
        t_last = int(week_of_slot(np.asarray([c_r + max(n_total, 1) - 1]))[0])
        last_week = len(cum) - 2  # cum[t + 1] must exist
        t_last = min(t_last, last_week)
        self.t_lo_all = int(t_first_block)
        self.t_hi = t_last
        cols_t, cols_g, cols_m, cols_cost, cols_pre, cols_first = [], [], [], [], [], []
        self.segments = []
        self.constant_cost = 0.0
        self.complete = True
        for k_job, members in enumerate(members_of):
            if keep_going is not None and k_job % 64 == 0 and not keep_going():
                self.complete = False
                return
            n = len(members)
            ww = w[members]
            j = np.arange(n, dtype=np.int64)
            p = np.maximum.accumulate(cum[tm.release[members]] - j) + j  # earliest slot
            ell = week_of_slot(p)
            could = int(np.searchsorted(p, c_r, side="left"))  # p increasing: prefix < C_R
            ks = np.unique(np.round(np.linspace(0, could, BREAKPOINTS + 1)).astype(np.int64))
            prefix_cost = np.concatenate([[0.0], np.cumsum(ww * ell)])
            seg_start = sum(len(x) for x in cols_t)
            prev_k = 0
            for k in ks.tolist():
                m = n - k
                if m == 0:
                    ts = np.asarray([-1], dtype=np.int64)
                    g_cost = np.zeros(1)
                else:
                    t_lo = max(self.t_lo_all, int(week_of_slot(np.asarray([p[k]]))[0]))
                    t_lo = min(t_lo, t_last)
                    ts = np.arange(t_lo, t_last + 1, dtype=np.int64)
                    g_cost = self._block_cost(ww[k:], ts)
                cols_t.append(ts)
                cols_g.append(np.full(len(ts), k_job, dtype=np.int64))
                cols_m.append(np.full(len(ts), m, dtype=np.int64))
                cols_cost.append(g_cost + prefix_cost[k])
                cols_pre.append(np.full(len(ts), prev_k, dtype=np.int64))
                prev_k = k
            seg_len = sum(len(x) for x in cols_t) - seg_start
            self.segments.append((seg_start, seg_len))
            cols_first.append(seg_start)
        self.t = np.concatenate(cols_t)
        self.job = np.concatenate(cols_g)
        self.m = np.concatenate(cols_m)
        self.cost = np.concatenate(cols_cost)
        self.pre = np.concatenate(cols_pre).astype(float)
        self.first = np.asarray(cols_first, dtype=np.int64)
        # weeks T = t_lo_all .. t_hi carry a coverage price
        self.weeks = np.arange(self.t_lo_all, self.t_hi + 1, dtype=np.int64)
        self.D = cum[self.weeks + 1].astype(float) - c_r  # slots of weeks R..T
        has = self.m > 0
        t_safe = np.where(has, self.t, self.t_lo_all)
        self.start_cov = cum[t_safe + 1].astype(float) - 1.0  # coverage = min(m, D - this)
        # index (into weeks) of the first T whose coverage reaches m
        self.full_at = np.searchsorted(self.D + c_r, self.start_cov + self.m, side="left")
        self.t_index = np.where(has, t_safe - self.t_lo_all, len(self.weeks))
        self.has_block = has

    def week_of(self, slots: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.cum, slots, side="right") - 1

    def _block_cost(self, weights: np.ndarray, ts: np.ndarray) -> np.ndarray:
        """``sum_i w_i W(C[t] + i)`` for each entry week t (the block's i-th building)."""
        cum = self.cum
        total = float(weights.sum())
        prefix = np.concatenate([[0.0], np.cumsum(weights)])
        m = len(weights)
        out = ts.astype(float) * total
        base = cum[ts]
        q = 1
        # weeks past the capacity horizon add nothing (a lower cost keeps the bound valid)
        while True:
            idx = ts + q
            inside = idx < len(cum)
            if not inside.any():
                break
            filled = np.minimum(cum[np.minimum(idx, len(cum) - 1)] - base, m)
            rest = np.where(inside, total - prefix[filled], 0.0)
            if not (rest > 0).any():
                break
            out += rest
            q += 1
        return out

    def penalty(self, lam: np.ndarray) -> np.ndarray:
        """``sum_T lambda_T x coverage(T)`` for every column."""
        s0 = np.concatenate([[0.0], np.cumsum(lam)])
        s1 = np.concatenate([[0.0], np.cumsum(lam * (self.D + self.c_r))])
        a = np.minimum(self.t_index, len(lam))
        b = np.minimum(np.maximum(self.full_at, a), len(lam))
        ramp = (s1[b] - s1[a]) - self.start_cov * (s0[b] - s0[a])
        full = self.m * (s0[-1] - s0[b])
        return np.where(self.has_block, ramp + full, 0.0)

    def coverage(self, cols: np.ndarray) -> np.ndarray:
        """Coverage of weeks R..T by the chosen columns, summed (length = weeks)."""
        out = np.zeros(len(self.weeks))
        for c in cols.tolist():
            if not self.has_block[c]:
                continue
            a = int(self.t_index[c])
            cov = np.minimum(self.m[c], self.D[a:] + self.c_r - self.start_cov[c])
            out[a:] += np.maximum(cov, 0.0)
        return out


def base_exposure(model, tm) -> tuple[float, np.ndarray, np.ndarray]:
    """Constant exposure (weeks x weight: durations, in-progress and fixed clusters), the
    capacity left after the shared fixed passes, and the start week they gave each
    cluster (-1 for none)."""
    starts = np.full(model.n, -1, dtype=np.int64)
    remaining = model.capacity.weekly.copy()
    fixed_passes(model, tm, remaining, starts)
    w = model.weight
    const = float(np.dot(w[model.slotted], tm.duration[model.slotted]))
    const += float(np.dot(w[model.in_progress], 0.5 * tm.duration[model.in_progress]))
    const += float(np.dot(w, np.maximum(starts, 0)))
    return const, remaining, starts


def exposure_lower_bound(
    planner,
    shares: Mapping[str, float] | None = None,
    *,
    should_stop: Callable[[], bool] | None = None,
    time_limit: float = 60.0,
    max_iterations: int = MAX_ITERATIONS,
) -> BoundResult:
    """The Lagrangian lower bound of the module docstring (see there)."""
    from gis_app.core.planning.milp import lower_bound as clusters_ignored
    from gis_app.core.planning.order import smith_order

    t0 = time.perf_counter()
    model = planner.model
    share = model.shares_array(shares)
    tm = timing(model, model.bespoke_mask(share))
    const, remaining, _ = base_exposure(model, tm)
    weak = clusters_ignored(planner, shares)
    seq = free_sequence(model, np.arange(model.n_clusters))
    jobs = [int(g) for g in seq if model.n_slots[g] > 0]
    smith = smith_order(model)
    ref_starts = schedule_starts(model, tm, smith)
    w_free = np.zeros(model.n)
    w_free[model.members] = model.weight[model.members]
    locked_member = model.lock_week[model.group] >= 0
    w_free[locked_member] = 0.0
    upper = float(np.dot(w_free, np.maximum(ref_starts, 0)))
    reference = (upper + const) / WEEKS_PER_YEAR
    if not jobs:
        return BoundResult(const / WEEKS_PER_YEAR, weak, 0, 0.0, False, reference)

    def keep_going() -> bool:
        if should_stop is not None and should_stop():
            return False
        return time.perf_counter() - t0 <= time_limit

    cols = _Columns(model, tm, cumulative(remaining), jobs, keep_going)
    if not cols.complete:  # stopped while setting up: the clusters-ignored bound stands
        cancelled = should_stop is not None and should_stop()
        return BoundResult(weak, weak, 0, time.perf_counter() - t0, cancelled, reference)
    n_weeks = len(cols.weeks)
    # prices from Smith's rule: risk per start of the cluster that the ratio order has in
    # each week (laid out from week R on); a cluster of ratio rho is then indifferent
    # between the weeks around its place in that order
    lam = np.zeros(n_weeks)
    ratio_jobs = [g for g in smith.tolist() if g in set(jobs)] + [
        g for g in jobs if model.is_pseudo[g]
    ]
    pos = 0.0
    for g in ratio_jobs:
        n = int(model.n_slots[g])
        members = model.members[model.member_start[g] : model.member_start[g + 1]]
        rho = float(model.weight[members].sum()) / max(n, 1)
        a = int(np.searchsorted(cols.D, pos, side="right"))
        b = int(np.searchsorted(cols.D, pos + n, side="left"))
        lam[a : min(b + 1, n_weeks)] = np.maximum(lam[a : min(b + 1, n_weeks)], rho)
        pos += n
    segments = cols.first

    def dual(lam_: np.ndarray, mu_: float) -> tuple[float, np.ndarray, np.ndarray]:
        reduced_ = cols.cost + cols.penalty(lam_) + mu_ * cols.pre
        per_job_ = np.minimum.reduceat(reduced_, segments)
        value_ = float(per_job_.sum() - np.dot(lam_, cols.D) - mu_ * cols.c_r)
        return value_, reduced_, per_job_

    # the price of the capacity before week R and the scale of the week prices: a coarse
    # search first (each point is a valid bound), then subgradient steps from the best
    best, mu, scale = -np.inf, 0.0, 1.0
    rho_max = float(lam.max()) if len(lam) else 0.0
    span = float(cols.weeks[-1] - cols.R + 1) if len(cols.weeks) else 1.0
    mu_grid = [0.0] + [rho_max * span * f for f in (0.01, 0.03, 0.1, 0.3, 1.0)]
    stop = False
    for sc, mu_try in itertools.product((0.25, 0.5, 1.0), mu_grid):
        value, _, _ = dual(lam * sc, mu_try)
        if value > best:
            best, mu, scale = value, mu_try, sc
        if not keep_going():
            stop = True
            break
    lam = lam * scale
    theta = 1.0
    stalls = 0
    iterations = 0
    cancelled = stop and should_stop is not None and should_stop()
    for iterations in range(1, 0 if stop else max_iterations + 1):  # noqa: B007
        value, reduced, per_job = dual(lam, mu)
        if not np.isfinite(best) or value > best + 1e-12 * max(1.0, abs(best)):
            best = value
            stalls = 0
        else:
            stalls += 1
            if stalls >= 10:
                theta *= 0.5
                stalls = 0
        # the cheapest column of each cluster
        mins = np.repeat(per_job, np.diff(np.append(segments, len(reduced))))
        chosen_mask = reduced <= mins
        chosen_idx = np.flatnonzero(chosen_mask)
        seg_of = np.searchsorted(segments, chosen_idx, side="right") - 1
        _, first = np.unique(seg_of, return_index=True)
        chosen = chosen_idx[first]
        g_lam = cols.coverage(chosen) - cols.D
        g_mu = float(cols.pre[chosen].sum()) - cols.c_r
        norm = float(np.dot(g_lam, g_lam) + g_mu * g_mu)
        if norm <= 0 or theta < 1e-4:
            break
        step = theta * max(upper - value, 1e-12 * max(abs(upper), 1.0)) / norm
        lam = np.maximum(lam + step * g_lam, 0.0)
        mu = max(mu + step * g_mu, 0.0)
        if should_stop is not None and should_stop():
            cancelled = True
            break
        if time.perf_counter() - t0 > time_limit:
            break
    bound = max((best + const) / WEEKS_PER_YEAR, weak)
    return BoundResult(
        lower_bound=float(bound),
        clusters_ignored_bound=float(weak),
        iterations=iterations,
        seconds=time.perf_counter() - t0,
        cancelled=cancelled,
        reference_exposure=reference,
    )
