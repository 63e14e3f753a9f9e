"""A certified lower bound on risk exposure that keeps clusters and capacity (Lagrangian).

Why: the optimised order is a heuristic. On small instances it is compared with the exact
MILP (:mod:`.milp`); on a real instance (hundreds or thousands of clusters) only a lower
bound can say how far it can at most be from the best possible:
``optimality_gap = (exposure - bound) / exposure``.

**The relaxation** (valid for every plan the scheduler makes, for every order, and for the
MILP's sequence model). Slots are numbered as in :mod:`.milp` (the capacity left after
commitments, fixed-start clusters and buildings taken ahead of their cluster); ``R`` is the
last release week of any building still to be planned and ``C_R`` the first slot of week R.

* From week R on the scheduler *is* one sequence: every cluster's remaining buildings take
  consecutive free slots, cluster after cluster (each chain takes the first free slots on or
  after its release, and all releases have passed), without idle capacity.
* Before week R the scheduler may backfill: a later cluster's first buildings can use
  capacity while earlier clusters are still being prepared. Those are a *prefix* of its
  chain (chains never overtake); building j of a chain starts no earlier than ``l_j`` = the
  week of slot ``max_{i<=j}(C[r_i] - i) + j`` (its release and the chain ahead of it).

So a plan is described by, per cluster, a prefix of ``k`` buildings before week R (each in a
week of its own, ``l_j <= week < R``) and a *block* of the rest, contiguous, entering at a
slot of a week ``t >= R``. The relaxation keeps exactly that, for every ``k`` from 0 to the
buildings that could start before R: the prefix buildings take weeks in ``[l_j, R)`` in
their chain order (non-decreasing), the capacity of every week before R holds, and the
block enters in one of ``ENTRY_PARTS`` *parts* of a week t (its slots cut into that many
runs): a block of ``n - k`` buildings entering in a part whose slots are ``lo..hi`` costs
``sum_i w_{k+i} W(lo + i)`` and covers at least ``min(n - k, C[T+1] - hi)`` of the slots
of weeks R..T (it is contiguous), which may not exceed the slots there: a block that really
starts at a slot of the part costs no less and covers no less. Every entry is allowed. The
block's cost is taken as ``t W_k + s_k`` (``W_k`` its weight, ``s_k`` the least of
``cost(t) - t W_k`` over all entry weeks, per part: the spread of the block over its
weeks; computed on one week per distinct run of capacities a block can span, which gives
the same least): never above the real cost, and equal to it when the capacity is the
same every week after R. With whole weeks (one part) a block would be costed from the
week's first slot and cover only its last one, so every block smaller than a week could in
effect start a week early; parts of a week shrink that to a part of a week.
Pseudo-clusters (buildings in no cluster, always last) are relaxed to ordinary clusters.

**The bound** is the Lagrangian dual of that time-indexed programme (weekly buckets): the
capacity of each week before R (``nu_s``) and the coverage of weeks R..T (``lambda_T``) are
priced, after which every prefix building picks its cheapest week and every cluster its
cheapest prefix size and entry on its own. Per part of the week, the coverage price of a
block as a function of its entry week is replaced by a convex minorant, so the cheapest
week is where the minorant's slope reaches ``-W_k``, found by bisection for all blocks at
once instead of pricing every (block, entry) pair: in the steps, the price with its
week-to-week differences replaced by their suffix minima (cheap; never above it, and equal
to it when it is convex, which it is when the prices fall with the week; the steps keep
them falling); in column generation its lower convex hull (:func:`_convex_minorant`), at
whose vertices, where a linear ``t W_k`` plus the price is least, it is the price itself:
exact for any prices. Taking less than the cheapest value keeps the bound valid. For
*any* prices >= 0 this is a valid lower
bound, so the computation can stop at any moment (``should_stop``, a time limit) and still
return a certified bound; more iterations (subgradient steps, Polyak step towards a known
plan's cost, along a deflected direction that keeps part of the previous one) only raise
it. The prices come from **column generation** (on a large project after the sampled steps
below, from their prices, for the time up to ``CG_SHARE`` of the limit): a master programme
(the same relaxation as a linear programme over a growing set of per-cluster options,
solved with HiGHS, its capacity and coverage rows meant to be elastic so that any set of
options will do (in the kept master they are not, see *Measured*); the reference plan's
options to start with, each block in the part of its week where it really starts) gives
duals. The master is kept in HiGHS (SciPy's solver object) between rounds: a round only
adds its new options and the simplex goes on from the last basis; the cheapest option of
every cluster at prices between those duals and the best prices so far (Wentges' smoothing,
adapted: nearer the best prices after a round that did not raise the best value) joins the
master, with its entry chosen exactly over every entry (the lower convex hull), and the
dual value at those prices is the bound of that round. When a round's value reaches the
master's optimum the prices are optimal for the relaxation, and no step follows; otherwise
the subgradient steps continue from the best prices. A master solve ends at the time limit
(HiGHS's own limit) but not at ``should_stop``: on 2,000 clusters stopping may wait up to a
few seconds.
The first prices come from Smith's rule (the risk per start of the cluster that a ratio order
puts in that week), which is close to optimal when clusters are small compared with a
week's capacity. On a large project (``WARM_START_MIN_CLUSTERS``) one full step costs
about a tenth of a second, too slow to converge within a minute; the prices are per week,
so they are first improved on the same programme for a spread sample of the clusters with
the same share of every week's capacity (ten times cheaper steps), and the full
programme's column generation and steps continue from there, the steps with a small factor (``SAMPLED_FULL_STEP``; the
initial one overshoots such prices: at 300,000 buildings 200 full steps with it gained
nothing). The sample only proposes prices: every value reported is the full programme's
dual value at some prices >= 0. The reported bound is the best of the dual values seen (in
parts of a week, below) and the clusters-ignored bound of :func:`.milp.lower_bound`.

**Whole weeks for the prices, parts of a week for the bound.** The prices are searched on
the programme with whole weeks (one part: fewer distinct options, so a smaller master and
cheaper steps); the reported bound is the dual value of the programme in parts of a week
at the best prices found (and at the first ones, early). At the same prices it is never
lower: each option in parts costs no less and covers no less than the whole-week option
of its week. The time of that last evaluation is set aside from the limit. The kept master
is pruned when it holds ``MASTER_OPTIONS`` options per cluster: options out of its basis are
dropped except the ``MASTER_KEEP`` x clusters of least reduced cost (they may come back in a
later round); dropping columns out of the basis keeps the basis.

**Measured** (generated instances as in ``benchmarks/bench_planning.py``: preparation from
scratch, releases up to a year, capacity for about 8 years unless said; gap of the
optimised order):

* Is it the plan? No. On 8 clusters of that structure (1,500 buildings, 3 or 6 starts a
  week) the optimised order is the exact optimum (all 40,320 orders through the
  scheduler). On 25 clusters it is a local optimum of every single-cluster insertion, and
  an iterated local search (three random moves, then the insertion descent; 120 s) found
  nothing better. On 5 clusters with preparation and deadlines the bound is within
  0.1-0.8 % of the best of all 120 orders (tested). At 300,000 buildings random moves of
  head clusters (120 s, 1,700 tries with the real scheduler) lowered the optimised order's
  exposure by 0.2 %.
* Is it the relaxation? Mostly not: its LP optimum is close. On the 8-cluster instance
  (6 starts a week) the subgradient steps stopped 9.8 % below the optimum, column
  generation reached the relaxation's LP optimum (the master closed) at 3.6 %; a separate
  HiGHS LP of the relaxation with exact block costs gave 2.8 %. On 20,000 buildings / 150
  clusters column generation gives 4.7 % in 19 s (steps alone: 6.9 %, and 8.7 % with the
  entry-week intervals below). So the gap was mostly the dual method, and with preparation
  the relaxation itself costs about 3-5 %.
* At 300,000 buildings / 2,024 clusters (limit 50 s) a master solved afresh with
  ``linprog`` took 1-10 s as it grew (2,000 convexity rows, 2,000 options a round): 8
  rounds after half the limit on the sample's steps gave 8.96 %, the master's objective
  still falling fast. Kept in HiGHS with a warm basis the same solves take 0.1-4 s (the
  same optimum: tested): 8.2 % on the same schedule. Then the share of the sample's steps
  (whose prices are a much better start than Smith's: without them 7.1 %) was the lever:
  half the limit 7.9 %, 30 % 6.3 %, 15 % 5.3-5.8 %; smoothing 0.5 instead of 0.7 and column
  generation up to 97 % of the limit (the steps after it gained nothing) gave 5.2 %, with
  the master's optimum within 0.2 % of the best dual value. Given 150 s the master closes
  after 102 s at 5.06 %: that is the relaxation's LP optimum there (with whole weeks).
  (Primal simplex instead of HiGHS's default for the warm solves: more
  rounds, worse duals, 8.8 %.) Column generation on the sample gave worse prices for the
  full programme than the sample's steps (11.8 % against 9.2 %). At 20,000 buildings / 150
  clusters the kept master closes (the relaxation's optimum, 4.74 %) in 9 s instead of 29 s.
* Entry weeks. Pricing a split cluster's entry weeks in intervals (a sixth of the
  distance from R wide, costed as if entered in the interval's first week) left up to a
  sixth of a block's cost out. Pricing every week (minorant) lowered the steps' gap on
  3,000 buildings / 25 clusters from 8.9 % to 6.2 %, on 20,000 / 150 from 8.7 % to 6.9 %,
  and at 300,000 from 12.3 % to about 9.2 %.
* Valid, measured and not kept: a cluster cut short before R whose prefix ends in week s
  on or after its next building's release filled the weeks s..R-1 with the clusters ahead
  of it, so at most one cluster per week does that (priced per week: less than 0.1 point
  at 20,000 buildings); and the first cluster in the order that is cut short before R
  (after k buildings) leaves every week from the latest release among its first k + 1
  buildings to R full, so every later cluster starts nothing there and every earlier one
  is complete before R (imposed with the plan's own first cut cluster: no gain on 8
  clusters). Both only tighten the relaxation, whose LP was already close.
* Where the rest was: the block's entry week. The exact cost of a split cluster's block
  over its weeks instead of ``t W_k + s_k`` changes nothing here (the capacity is the same
  every week after R, so the two are equal). With whole weeks a block is costed from its
  week's first slot but covers from its last, so each block smaller than a week (at
  300,000 buildings about 62 starts against 301 a week) could in effect start a week
  early. Costing and covering from the week's first slot (not valid: to measure the room)
  raised the relaxation's optimum at 20,000 buildings from 4.74 % to 4.38 %. Parts of a
  week, column generation on them: 2 parts 4.59 %, 4 parts 4.50 %, 8 parts 4.46 % (20,000
  buildings; the master closes in 7-30 s). Column generation on whole weeks and the dual
  value in parts at its prices: 4 parts 4.51 %, 8 parts 4.47 %, 16 parts 4.46 %, 32 parts
  4.44 % (one evaluation: 0.3, 0.6, 1.2, 1.7 s), so the prices stay on whole weeks (the
  master stays small) and the bound is the value in 8 parts. At 300,000 buildings the
  whole-week optimum 5.06 % becomes 4.88 % in 8 parts at the same prices (the master in 4
  parts had not closed after 50 s, its objective at 4.67 %).
* Pricing the split clusters' blocks exactly (every entry, ``n_options x entries``) cost
  2.3 s a round at 300,000 buildings with 4 parts; the lower convex hull per part and
  block size gives the same values (tested). The whole cluster as a block (k = 0) is
  priced the same way instead of as an explicit column per entry (3.2 million columns with
  4 parts), and the spread is computed on one week per distinct run of capacities: at
  300,000 buildings the programme's set-up takes 0.2 s (3.4 s before, with 4 parts) and an
  exact dual value 0.13 s on whole weeks, 0.25 s in 8 parts (load 1.2).
* The kept master at 300,000 buildings grew to 27,000 options and its solves to 3-7 s each
  (about 1 ms a simplex iteration): 20 rounds in the limit, 5.5-5.8 % on a machine with
  load 2.5-4.5 (2,000 options a round, whether or not they could improve it). Pruned to
  its basis and 2 x clusters options of least reduced cost once it holds 5 per cluster, a
  solve takes 0.1-2 s and the master closes (47-55 rounds) after 45-46 s: 4.88 % (load
  0.8-2.2; pruning at 8 and keeping 4 per cluster: 5.03 %; 4 and 2: 4.88 %, 3 and 1: 4.90
  %, both not closed after 50 s). The sample's steps take a 15 % share of the limit from
  the start; with 4 parts' explicit columns the set-up before them (the programme's
  columns, 12 full dual values to scale Smith's prices) took 10 s under load 4.4, so no
  step was left; with the cheaper set-up 450-480 steps. Adaptive smoothing (from 0.8; 0.1
  lower after a round that raised the best value, 0.1 higher after one that did not,
  within 0.5-0.9): at 20,000 buildings the master closes after 55 rounds instead of 59
  (fixed 0.5); the figures with pruning above are with it. An interior-point master (no
  crossover) failed its first solve at 300,000 buildings: not kept. Making the kept
  master's rows elastic in fact (its slack columns enter them with +1, so they are not:
  the reference plan's options keep it feasible) put the first rounds' duals at the
  penalty (dual values of -3e5 at 20,000 buildings): left as it is.
* The optimised order (lever on the other side of the gap): at 20,000 buildings every
  insertion of a cluster up to 10 places away, evaluated with the scheduler (3,000 tries
  a pass), lowered the exposure by 0.1 % (0.11 % of the start cost from the head, 0.01 %
  from the tail): not pursued.
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

STALL_STEPS = 30  # dual steps without a better bound before the step size is halved
INITIAL_STEP = 1.0  # Polyak step factor at the start (halved after STALL_STEPS without progress)
MAX_ITERATIONS = 1500  # full steps at most (the time limit usually ends them first)
DEFLECTION = 1.5  # deflection of the steps (Camerini-Fratta-Maffioli's factor; measured)
#: from this many clusters on, start prices come from a sampled programme (cheaper steps)
WARM_START_MIN_CLUSTERS = 600
WARM_START_CLUSTERS = 200  # clusters in that sample (about)
WARM_START_SHARE = 0.15  # of the time limit, at most, for the sampled programme (measured)
#: Polyak step factor of the full programme after sampled prices (they are close: the
#: full step factor overshoots them, measured at 300,000 buildings)
SAMPLED_FULL_STEP = 0.02
#: weight of the best prices so far when pricing new options, at the start; lowered by
#: ``CG_SMOOTHING_STEP`` after a round that raises the best value, raised after one that
#: does not (mispriced), within ``CG_SMOOTHING_LOW`` .. ``CG_SMOOTHING_HIGH`` (measured)
CG_SMOOTHING = 0.8
CG_SMOOTHING_LOW = 0.5
CG_SMOOTHING_HIGH = 0.9
CG_SMOOTHING_STEP = 0.1
#: the kept master is pruned once it holds this many options per cluster, down to the
#: basis and the ``MASTER_KEEP`` x clusters of least reduced cost
MASTER_OPTIONS = 5
MASTER_KEEP = 2
CG_SHARE = 0.97  # of the time limit, up to which column generation may run
#: parts of a week in which a block may enter: a block entering in a part is costed from
#: the part's first slot and covers the weeks from its last slot on (measured)
ENTRY_PARTS = 8


@dataclass
class BoundResult:
    """A lower bound on the risk exposure of every plan with these shares.

    ``lower_bound``: expected fatality-years (same unit as ``risk_exposure``);
    ``clusters_ignored_bound``: the weaker bound that ignores clusters (for comparison);
    ``iterations``: dual steps done; ``seconds``: time used (the time limit covers the
    set-up too; stopped during set-up, the clusters-ignored bound is returned);
    ``cancelled``: stopped by ``should_stop`` (the bound is valid, only less tight); ``reference_exposure``: the plan
    used to steer the steps (Smith's order); ``sampled_steps``: steps on the sampled programme
    that gave the start prices (large projects only);
    ``column_rounds``: rounds of column generation on the full programme.
    """

    lower_bound: float
    clusters_ignored_bound: float
    iterations: int
    seconds: float
    cancelled: bool
    reference_exposure: float
    sampled_steps: int = 0
    column_rounds: int = 0

    def gap(self, exposure: float) -> float | None:
        """``(exposure - bound) / exposure``; None when the exposure is 0."""
        if exposure <= 0:
            return None
        return max(0.0, (exposure - self.lower_bound) / exposure)


class _Columns:
    """Every (cluster, prefix size k, entry week) of the relaxation as flat arrays, and
    every cluster's chain (weights ``flat_w``, earliest weeks ``flat_l``) for its prefix."""

    def __init__(
        self, model, tm, cum: np.ndarray, jobs: list[int], keep_going=None, parts: int | None = None
    ):
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
        # weeks T = t_lo_all .. t_hi carry a coverage price
        self.weeks = np.arange(self.t_lo_all, self.t_hi + 1, dtype=np.int64)
        self._entries(cum, ENTRY_PARTS if parts is None else parts)
        n_entries = len(self.entry_lo)
        n_max = max((len(m) for m in members_of), default=0)
        spread_weeks = self._spread_weeks(cum, n_max)
        spread_entries = (spread_weeks[:, None] * self.parts + np.arange(self.parts)).ravel()
        cols_t, cols_m, cols_cost, cols_opt = [], [], [], []
        opt_job, opt_k, opt_off = [], [], []
        job_off, job_could, job_first_opt = [], [], []
        flat_w, flat_l = [], []
        bo_opt, bo_weight, bo_spread, bo_size, bo_job = [], [], [], [], []
        self.complete = True
        offset = 0

        def new_option(job, off, k):
            opt_job.append(job)
            opt_k.append(k)
            opt_off.append(off)

        def add(job, off, k, t_cov, m, cost):
            new_option(job, off, k)
            cols_t.append(np.asarray(t_cov, dtype=np.int64))
            cols_m.append(np.asarray(m, dtype=np.int64))
            cols_cost.append(np.asarray(cost, dtype=float))
            cols_opt.append(np.full(len(t_cov), len(opt_job) - 1, dtype=np.int64))

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
            job_off.append(offset)
            job_could.append(could)
            job_first_opt.append(len(opt_job))
            flat_w.append(ww)
            flat_l.append(ell)
            # options k = 0 .. could: a prefix of k before week R (none for k = 0), the
            # rest a block of weight W_k entering in any week t >= R; its cost is at
            # least t W_k + (the least spread of the block over all entry weeks, per part
            # of the week: equal to its cost when the capacity is the same every week),
            # chosen per iteration against the coverage prices (:meth:`block_values`)
            ks = np.arange(0, min(could, n - 1) + 1, dtype=np.int64)
            if len(ks) and n_entries:
                weeks_e = self.entry_week[spread_entries]
                cost2d = self._block_costs(ww, ks, weeks_e, self.entry_lo[spread_entries])
                weight_k = np.cumsum(ww[::-1])[::-1][ks]  # weight of buildings k .. n-1
                rel = cost2d - weeks_e[None, :] * weight_k[:, None]
                spread = rel.reshape(len(ks), -1, self.parts).min(axis=1)
                for row, k in enumerate(ks.tolist()):
                    bo_opt.append(len(opt_job))
                    new_option(k_job, offset, k)
                    bo_weight.append(weight_k[row])
                    bo_spread.append(spread[row])
                    bo_size.append(n - k)
                    bo_job.append(k_job)
            elif n > 0:  # no week after R within the horizon: the block is not priced
                t = np.asarray([t_last])
                cost = self._block_cost(ww, t)
                add(k_job, offset, 0, np.asarray([0]), np.zeros(1, np.int64), cost)
            if could == n and n > 0:  # the whole cluster before week R
                add(k_job, offset, n, np.asarray([-1]), np.zeros(1, np.int64), np.zeros(1))
            offset += n
        # explicit columns: options without a block (or with one that is not priced)
        entry = np.concatenate(cols_t) if cols_t else np.empty(0, dtype=np.int64)
        self.m = np.concatenate(cols_m) if cols_m else np.empty(0, dtype=np.int64)
        self.cost = np.concatenate(cols_cost) if cols_cost else np.empty(0)
        self.opt = np.concatenate(cols_opt) if cols_opt else np.empty(0, dtype=np.int64)
        self.opt_job = np.asarray(opt_job, dtype=np.int64)
        self.opt_k = np.asarray(opt_k, dtype=np.int64)
        self.opt_off = np.asarray(opt_off, dtype=np.int64)
        self.col_job = self.opt_job[self.opt]
        self.flat_w = np.concatenate(flat_w)
        self.flat_l = np.concatenate(flat_l)
        # prefix weeks 0..R-1 carry a capacity price
        self.cap_pre = (cum[1 : self.R + 1] - cum[: self.R]).astype(float)
        self.job_off = np.asarray(job_off, dtype=np.int64)
        self.job_could = np.asarray(job_could, dtype=np.int64)
        self.job_first_opt = np.asarray(job_first_opt, dtype=np.int64)
        self.bo_opt = np.asarray(bo_opt, dtype=np.int64)
        self.bo_weight = np.asarray(bo_weight, dtype=float)
        self.bo_spread = np.asarray(bo_spread, dtype=float).reshape(-1, self.parts)
        self.bo_job = np.asarray(bo_job, dtype=np.int64)
        bo_size = np.asarray(bo_size, dtype=np.int64)
        self.D = cum[self.weeks + 1].astype(float) - c_r  # slots of weeks R..T
        has = self.m > 0
        self.t_index = np.where(has, entry, n_entries)  # entry index (n_entries: no block)
        self.has_block = has
        # the penalty of a column depends on its entry week and block size only: priced on
        # a (week, size) table, then gathered
        self.sizes, size_index = np.unique(np.concatenate([self.m, bo_size]), return_inverse=True)
        self.bo_size_index = size_index[len(self.m) :]
        size_index = size_index[: len(self.m)]
        self.table_key = self.t_index * len(self.sizes) + size_index
        # rows: every entry, and a last one for no block
        start = np.append(self.entry_hi, 0).astype(float)
        self.grid_start = start[:, None]
        a = np.append(self.entry_a, len(self.weeks))
        self.grid_a = np.broadcast_to(a[:, None], (n_entries + 1, len(self.sizes)))
        self.grid_full = np.searchsorted(
            self.D + c_r, (self.grid_start + self.sizes[None, :]).ravel(), side="left"
        ).reshape(n_entries + 1, len(self.sizes))
        self.grid_has = (np.arange(n_entries + 1)[:, None] < n_entries) & (self.sizes[None, :] > 0)

    def _entries(self, cum: np.ndarray, parts: int) -> None:
        """The entries of a block: every week T of ``weeks`` cut into ``parts`` parts of
        its slots (``ENTRY_PARTS`` unless given). A block that really starts at slot x of part e costs at least
        its cost from the part's first slot (``entry_lo``) and covers at least what it
        covers from the part's last slot (``entry_hi``): both never above the real plan.
        With whole weeks (one part) a block smaller than a week would be costed from the
        week's first slot and cover only one slot of it, so every block could in effect
        start a week early; parts shrink that to a part of a week."""
        q = max(int(parts), 1)
        self.parts = q
        weeks = self.weeks
        first = cum[weeks]
        cap = cum[weeks + 1] - first
        part = np.arange(q, dtype=np.int64)
        lo = first[:, None] + (part[None, :] * cap[:, None]) // q
        nxt = first[:, None] + ((part[None, :] + 1) * cap[:, None]) // q
        self.entry_lo = lo.ravel()
        self.entry_hi = np.maximum(nxt - 1, lo).ravel()
        self.entry_a = np.repeat(np.arange(len(weeks), dtype=np.int64), q)
        self.entry_week = weeks[self.entry_a]
        self.entry_part = np.tile(part, len(weeks))

    def _spread_weeks(self, cum: np.ndarray, n_max: int) -> np.ndarray:
        """Indices into ``weeks`` of one week per distinct run of capacities that a block
        of up to ``n_max`` buildings entering there can span (and of where the capacity
        ends): a block's cost minus ``t W`` is the same in weeks with the same run, so
        its least over these weeks is its least over every week (with the same capacity
        every week: a handful of weeks instead of hundreds)."""
        weeks = self.weeks
        if len(weeks) == 0:
            return np.empty(0, dtype=np.int64)
        cap = np.diff(cum)
        reach = np.searchsorted(cum, cum[weeks] + max(n_max, 1), side="left") - weeks
        span = int(reach.max()) + 1
        padded = np.concatenate([cap, np.full(span, -1, dtype=cap.dtype)])
        runs = np.lib.stride_tricks.sliding_window_view(padded, span)[weeks]
        _, first = np.unique(runs, axis=0, return_index=True)
        return np.sort(first).astype(np.int64)

    def entry_of(self, week_index: int, slot: int) -> int:
        """The entry (index) of the week ``weeks[week_index]`` whose part holds ``slot``."""
        lo = self.entry_lo[week_index * self.parts : (week_index + 1) * self.parts]
        part = int(np.searchsorted(lo, slot, side="right")) - 1
        return week_index * self.parts + min(max(part, 0), self.parts - 1)

    def prefix(self, nu: np.ndarray):
        """Per option: the cheapest cost of its prefix under the week prices ``nu``, the
        prefix's starts in non-decreasing weeks (its chain order), each in ``[l_j, R)``.

        Dynamic programme over the chain positions, all clusters at once:
        ``f_j(s) = w_j s + nu_s + min_{s' <= s} f_{j-1}(s')``; option k costs
        ``min_s f_{k-1}(s)``. Returns the values and what :meth:`usage` needs to trace the
        weeks back."""
        values = np.zeros(len(self.opt_k))
        R = self.R
        if R == 0 or len(self.job_could) == 0 or int(self.job_could.max()) == 0:
            return values, None
        s_idx = np.arange(R, dtype=np.int64)
        s_f = s_idx.astype(float)
        order = np.argsort(-self.job_could, kind="stable")  # active clusters come first
        neg_could = -self.job_could[order]
        best_end = np.zeros(len(self.opt_k), dtype=np.int64)
        back: list[np.ndarray | None] = []
        f_prev = None
        for j in range(int(self.job_could.max())):
            n_act = int(np.searchsorted(neg_could, -j, side="left"))  # clusters with could > j
            jobs = order[:n_act]
            flat = self.job_off[jobs] + j
            f = self.flat_w[flat, None] * s_f[None, :] + nu[None, :]
            f[s_idx[None, :] < self.flat_l[flat, None]] = np.inf
            if f_prev is None:
                back.append(None)
            else:
                prev = f_prev[:n_act]
                run_min = np.minimum.accumulate(prev, axis=1)
                back.append(np.maximum.accumulate(np.where(prev <= run_min, s_idx, 0), axis=1))
                f += run_min
            end = np.argmin(f, axis=1)
            opt = self.job_first_opt[jobs] + j + 1
            values[opt] = f[np.arange(n_act), end]
            best_end[opt] = end
            f_prev = f
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        return values, (rank, back, best_end)

    def usage(self, opts: np.ndarray, state) -> np.ndarray:
        """Starts per week before R of the prefixes of the chosen options (traced back
        through the programme of :meth:`prefix`)."""
        out = np.zeros(self.R)
        if self.R == 0 or state is None:
            return out
        rank, back, best_end = state
        ks = self.opt_k[opts]
        sel = ks > 0
        if not sel.any():
            return out
        ks = ks[sel]
        rows = rank[self.opt_job[opts[sel]]]
        week = best_end[opts[sel]].copy()
        for j in range(int(ks.max()) - 1, -1, -1):
            here = ks > j
            out += np.bincount(week[here], minlength=self.R)[: self.R]
            if j >= 1:
                week[here] = back[j][rows[here], week[here]]
        return out

    def prefix_weeks(self, opts: np.ndarray, state) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The weeks of the prefixes of ``opts``, traced back: (index into opts, chain
        position, week) for every prefix building."""
        empty = np.empty(0, dtype=np.int64)
        if self.R == 0 or state is None or len(opts) == 0:
            return empty, empty, empty
        rank, back, best_end = state
        ks = self.opt_k[opts]
        sel = np.flatnonzero(ks > 0)
        if len(sel) == 0:
            return empty, empty, empty
        ks = ks[sel]
        rows = rank[self.opt_job[opts[sel]]]
        week = best_end[opts[sel]].copy()
        out_i, out_j, out_s = [], [], []
        for j in range(int(ks.max()) - 1, -1, -1):
            here = np.flatnonzero(ks > j)
            out_i.append(sel[here])
            out_j.append(np.full(len(here), j, dtype=np.int64))
            out_s.append(week[here].copy())
            if j >= 1:
                week[here] = back[j][rows[here], week[here]]
        return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)

    def occupancy(self, entry: int, m: int) -> tuple[np.ndarray, np.ndarray]:
        """Week indices and increments of the coverage of a block of ``m`` entering at
        ``entry`` (its coverage of weeks R..T is their running sum)."""
        start = float(self.entry_hi[entry])
        week_index = int(self.entry_a[entry])
        cov = np.minimum(m, self.D[week_index:] + self.c_r - start)
        full = int(np.searchsorted(cov, m, side="left"))
        cov = cov[: full + 1]
        inc = np.diff(np.concatenate([[0.0], cov]))
        keep = inc > 0
        return np.flatnonzero(keep) + week_index, inc[keep]

    def week_of(self, slots: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.cum, slots, side="right") - 1

    def _block_cost(self, weights: np.ndarray, ts: np.ndarray, base=None) -> np.ndarray:
        """``sum_i w_i W(x + i)`` for each entry week t and first slot x in it (``base``;
        default ``C[t]``) (the block's i-th building)."""
        cum = self.cum
        total = float(weights.sum())
        prefix = np.concatenate([[0.0], np.cumsum(weights)])
        m = len(weights)
        out = ts.astype(float) * total
        base = cum[ts] if base is None else np.asarray(base)
        q = 1
        # weeks past the capacity horizon add nothing (a lower cost keeps the bound valid)
        while True:
            idx = ts + q
            inside = idx < len(cum)
            if not inside.any():
                break
            filled = np.minimum(cum[np.minimum(idx, len(cum) - 1)] - base, m)
            # judged on the buildings, not on the weight left (rounding leaves a speck of
            # weight after the last one, which kept the loop going to the horizon)
            waiting = inside & (filled < m)
            if not waiting.any():
                break
            out += np.where(waiting, total - prefix[filled], 0.0)
            q += 1
        return out

    def _block_costs(
        self, weights: np.ndarray, ks: np.ndarray, ts: np.ndarray, base=None
    ) -> np.ndarray:
        """``_block_cost(weights[k:], ts, base)`` for every k in ``ks`` (rows), in one pass."""
        cum = self.cum
        prefix = np.concatenate([[0.0], np.cumsum(weights)])
        total = (prefix[-1] - prefix[ks])[:, None]  # weight of each block
        m = (len(weights) - ks)[:, None]
        out = ts[None, :].astype(float) * total
        base = (cum[ts] if base is None else np.asarray(base))[None, :]
        q = 1
        while True:
            idx = ts + q
            inside = (idx < len(cum))[None, :]
            if not inside.any():
                break
            filled = np.minimum(cum[np.minimum(idx, len(cum) - 1)][None, :] - base, m)
            waiting = inside & (filled < m)
            if not waiting.any():
                break
            out += np.where(
                waiting, total - (prefix[ks[:, None] + filled] - prefix[ks][:, None]), 0.0
            )
            q += 1
        return out

    def penalty_table(self, lam: np.ndarray) -> np.ndarray:
        """``sum_T lambda_T x coverage(T)`` of a block per (entry, size); the last row (no
        block) is 0."""
        s0 = np.concatenate([[0.0], np.cumsum(lam)])
        s1 = np.concatenate([[0.0], np.cumsum(lam * (self.D + self.c_r))])
        a = np.minimum(self.grid_a, len(lam))
        b = np.minimum(np.maximum(self.grid_full, a), len(lam))
        ramp = (s1[b] - s1[a]) - self.grid_start * (s0[b] - s0[a])
        full = self.sizes[None, :] * (s0[-1] - s0[b])
        return np.where(self.grid_has, ramp + full, 0.0)

    def block_values(self, table: np.ndarray, exact: bool = False):
        """For every option with a prefix (k >= 1): the least of
        ``t W_k + spread_k + penalty(n - k, t)`` over the entries, or less. Per part of the
        week the penalty of every block size is replaced by a convex minorant in t: the
        least over the weeks is where the minorant's slope reaches ``-W_k`` (found by
        bisection); then the least over the parts. The minorant is the lower convex hull
        with ``exact`` (:func:`_convex_minorant`; ``t W_k`` is linear, so the least is at a
        vertex of the hull, where it equals the penalty: exact for any prices), else the
        penalty with its week-to-week differences replaced by their suffix minima (never
        above it; equal to it when it is convex, which it is when the prices fall with the
        week; the steps keep them falling), which is cheaper. Returns (values, entry
        indices)."""
        n_opt = len(self.bo_opt)
        if n_opt == 0 or len(self.weeks) == 0:
            return np.zeros(n_opt), np.zeros(n_opt, dtype=np.int64)
        values = np.full(n_opt, np.inf)
        entry = np.zeros(n_opt, dtype=np.int64)
        for part in range(self.parts):
            rows = table[part : len(self.entry_lo) : self.parts]
            v, week_index = self._part_values(rows, part, exact)
            better = v < values
            values[better] = v[better]
            entry[better] = week_index[better] * self.parts + part
        return values, entry

    def _part_values(self, table: np.ndarray, part: int, exact: bool):
        """:meth:`block_values` for the entries of one part of the weeks (``table``: its
        rows, one per week)."""
        n_opt = len(self.bo_opt)
        n_weeks = len(self.weeks)
        si = self.bo_size_index
        rows = np.ascontiguousarray(table[:n_weeks].T)  # (sizes, weeks)
        if exact:
            minorant, slope = _convex_minorant(rows)
        else:
            slope = np.diff(rows, axis=1)
            slope = np.minimum.accumulate(slope[:, ::-1], axis=1)[:, ::-1]  # non-decreasing
            minorant = np.concatenate([np.zeros((len(rows), 1)), np.cumsum(slope, axis=1)], axis=1)
            minorant += rows[:, :1]
        # first index whose slope is >= -W (the count of slopes below it)
        lo = np.zeros(n_opt, dtype=np.int64)
        hi = np.full(n_opt, n_weeks - 1, dtype=np.int64)
        target = -self.bo_weight
        while True:
            active = lo < hi
            if not active.any():
                break
            mid = (lo + hi) // 2
            below = slope[si, np.minimum(mid, n_weeks - 2)] < target
            lo = np.where(active & below, mid + 1, lo)
            hi = np.where(active & ~below, mid, hi)
        values = self.weeks[lo] * self.bo_weight + self.bo_spread[:, part] + minorant[si, lo]
        return values, lo

    def penalty(self, lam: np.ndarray) -> np.ndarray:
        """``sum_T lambda_T x coverage(T)`` for every column."""
        return self.penalty_table(lam).ravel()[self.table_key]

    def coverage(self, cols: np.ndarray) -> np.ndarray:
        """Coverage of weeks R..T by the chosen columns, summed (length = weeks): each
        block covers ``D_T + C_R - start`` from its entry week until it is full, then its
        size (difference arrays over the weeks)."""
        cols = cols[self.has_block[cols]]
        return self._entry_coverage(self.t_index[cols], self.m[cols])

    def block_coverage(self, bos: np.ndarray, entry: np.ndarray) -> np.ndarray:
        """Coverage of weeks R..T by the blocks of prefix options ``bos`` (indices into
        the ``bo_`` arrays) entering at ``entry``."""
        m = (self.sizes[self.bo_size_index[bos]]).astype(np.int64)
        return self._entry_coverage(entry, m)

    def _entry_coverage(self, entry: np.ndarray, m: np.ndarray) -> np.ndarray:
        start_cov = self.entry_hi[entry].astype(float)
        # index (into weeks) of the first T whose coverage reaches m
        full_at = np.searchsorted(self.D + self.c_r, start_cov + m, side="left")
        return self._coverage(self.entry_a[entry], full_at, start_cov, m)

    def _coverage(self, a, full_at, start_cov, m) -> np.ndarray:
        n_weeks = len(self.weeks)
        f = np.maximum(np.minimum(full_at, n_weeks), a)
        size = n_weeks + 1
        active = np.cumsum(np.bincount(a, minlength=size) - np.bincount(f, minlength=size))
        start = np.cumsum(
            np.bincount(a, weights=start_cov, minlength=size)
            - np.bincount(f, weights=start_cov, minlength=size)
        )
        full = np.cumsum(np.bincount(f, weights=np.asarray(m, dtype=float), minlength=size))
        return active[:n_weeks] * (self.D + self.c_r) - start[:n_weeks] + full[:n_weeks]


def _convex_minorant(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The lower convex hull of the points ``(i, rows[r, i])`` of every row, as its values
    at every i and its slopes from i to i + 1 (non-decreasing). Never above the row, and
    equal to it at the hull's vertices, where every linear function plus the row is
    least.

    Points are dropped in passes: one that lies above the segment between its nearest
    points still kept is no vertex (whatever else is dropped in the same pass), and when
    none does the points kept are convex."""
    r, n = rows.shape
    if n < 2:
        return rows.copy(), np.zeros((r, 0))
    flat = rows.ravel()
    row_start = (np.arange(r, dtype=np.int64) * n)[:, None]
    # the points still kept, packed to the left of every row (``kept`` marks them)
    x = np.broadcast_to(np.arange(n, dtype=np.int64), (r, n))
    kept = np.ones((r, n), dtype=bool)
    while True:
        k = x.shape[1]
        y = flat[row_start + x]
        col = np.arange(k, dtype=np.int64)
        prev = np.full((r, k), -1, dtype=np.int64)
        prev[:, 1:] = np.maximum.accumulate(np.where(kept, col, -1)[:, :-1], axis=1)
        nxt = np.full((r, k), k, dtype=np.int64)
        nxt[:, :-1] = np.minimum.accumulate(np.where(kept, col, k)[:, :0:-1], axis=1)[:, ::-1]
        inner = kept & (prev >= 0) & (nxt < k)
        at = (np.arange(r, dtype=np.int64) * k)[:, None]
        p = at + np.maximum(prev, 0)
        q = at + np.minimum(nxt, k - 1)
        xs, ys = x.ravel(), y.ravel()
        xp, xq, yp, yq = xs[p], xs[q], ys[p], ys[q]
        above = inner & ((y - yp) * (xq - xp) > (yq - yp) * (x - xp))
        if not above.any():
            break
        kept = kept & ~above
        width = int(kept.sum(axis=1).max())
        pack = np.argsort(~kept, axis=1, kind="stable")[:, :width]
        x = np.take_along_axis(x, pack, axis=1)
        kept = np.take_along_axis(kept, pack, axis=1)
    alive = np.zeros((r, n), dtype=bool)
    alive[np.nonzero(kept)[0], x[kept]] = True
    idx = np.arange(n, dtype=np.int64)
    before = np.maximum.accumulate(np.where(alive, idx, -1), axis=1)  # vertex at or before
    after = np.minimum.accumulate(np.where(alive, idx, n)[:, ::-1], axis=1)[:, ::-1]
    rp = flat[row_start + before]
    rq = flat[row_start + after]
    span = after - before
    minorant = np.where(span > 0, rp + (rq - rp) * (idx - before) / np.maximum(span, 1), rows)
    # the hull's segment over each step i -> i + 1
    p, q = before[:, :-1], after[:, 1:]
    slope = (flat[row_start + q] - flat[row_start + p]) / (q - p)
    return minorant, slope


def _smith_prices(model, cols: _Columns, jobs: list[int], smith: np.ndarray):
    """Start prices from Smith's rule: the risk per start of the cluster that the ratio order
    has in each week (laid out from week R on); a cluster of ratio rho is then indifferent
    between the weeks around its place in that order. A start in prefix week s is worth the
    coverage of every later week and the weeks to R at the rate of the first clusters."""
    n_weeks = len(cols.weeks)
    lam = np.zeros(n_weeks)
    job_set = set(jobs)
    ratio_jobs = [g for g in smith.tolist() if g in job_set] + [
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
    rho_0 = float(lam[0]) if n_weeks else 0.0
    nu = float(lam.sum()) + rho_0 * (cols.R - np.arange(cols.R, dtype=float))
    return lam, nu


def _dual(
    cols: _Columns,
    lam: np.ndarray,
    nu: np.ndarray,
    choose: bool = False,
    detail: bool = False,
    exact: bool = False,
):
    """The dual value at prices ``lam``, ``nu`` >= 0 (a lower bound on the free clusters'
    cost); with ``choose`` also the subgradient at these prices (coverage, starts before R
    of every cluster's cheapest option, minus the right-hand sides)."""
    pre, state = cols.prefix(nu)
    table = cols.penalty_table(lam)
    n_jobs = len(cols.job_off)
    per_job = np.full(n_jobs, np.inf)  # the cheapest explicit column of every cluster
    reduced = cols.cost + table.ravel()[cols.table_key] + pre[cols.opt]
    np.minimum.at(per_job, cols.col_job, reduced)
    block, week_index = cols.block_values(table, exact)
    block += pre[cols.bo_opt]
    per_job_block = np.full(n_jobs, np.inf)
    np.minimum.at(per_job_block, cols.bo_job, block)
    best = np.minimum(per_job, per_job_block)
    value = float(best.sum() - np.dot(lam, cols.D) - np.dot(nu, cols.cap_pre))
    if not choose:
        return value, None, None
    # the cheapest column of each cluster, unless a block option is cheaper
    use_block = per_job_block < per_job
    chosen = np.flatnonzero(~use_block[cols.col_job] & (reduced <= per_job[cols.col_job]))
    _, first = np.unique(cols.col_job[chosen], return_index=True)
    chosen = chosen[first]  # one per cluster, in cluster order
    bos = np.flatnonzero((block <= per_job_block[cols.bo_job]) & use_block[cols.bo_job])
    _, first = np.unique(cols.bo_job[bos], return_index=True)
    bos = bos[first]
    g_lam = cols.coverage(chosen) + cols.block_coverage(bos, week_index[bos]) - cols.D
    opts = np.concatenate([cols.opt[chosen], cols.bo_opt[bos]])
    g_nu = cols.usage(opts, state) - cols.cap_pre
    if detail:
        return value, g_lam, g_nu, (chosen, bos, week_index[bos], state)
    return value, g_lam, g_nu


def _highs_core():
    """The HiGHS solver object that SciPy ships (``scipy.optimize._highspy._core``): the
    same solver as ``linprog(method="highs")``, but it keeps a programme and its basis
    between solves. None when this SciPy has no such module (then every master solve
    starts afresh through ``linprog``)."""
    try:
        from scipy.optimize._highspy import _core
    except ImportError:  # pragma: no cover - depends on the SciPy build
        return None
    needed = ("_Highs", "kHighsInf", "HighsModelStatus")
    return _core if all(hasattr(_core, name) for name in needed) else None


class _Master:
    """The relaxation as a linear programme over a growing set of per-cluster options
    (Dantzig-Wolfe master, solved with HiGHS): one option per cluster (convexity), the
    capacity of every week before R, the coverage of weeks R..T (running sums of each
    block's weekly increments). Its duals are prices for :func:`_dual`; only those prices
    are used, so the bound stays the dual value of the full programme."""

    def __init__(self, cols: _Columns, n_jobs: int, penalty: float):
        self.cols = cols
        self.n_jobs = n_jobs
        self.penalty = penalty  # per slot of capacity or coverage exceeded (elastic rows)
        self.job, self.cost, self.keys = [], [], []
        self.use: list = []  # per option: (prefix weeks, starts in each) or None
        self.cov: list = []  # per option: (coverage rows, increments) or None
        self.seen: set = set()
        self.entries: list[tuple[np.ndarray, np.ndarray]] = []  # rows, values per option
        self.highs = None  # the programme kept in HiGHS, built at the first solve
        self.in_highs = 0  # options already in it

    def add(self, job: int, cost: float, prefix_weeks: np.ndarray, block) -> None:
        """One option: its cost, the weeks of its prefix, and its block (week index, size)
        or None."""
        key = (job, tuple(np.sort(prefix_weeks).tolist()), block)
        if key in self.seen:
            return
        self.seen.add(key)
        self.keys.append(key)
        self.job.append(job)
        self.cost.append(cost)
        idx, vals = [np.asarray([job])], [np.ones(1)]
        use = cov = None
        if len(prefix_weeks):
            weeks, counts = np.unique(prefix_weeks, return_counts=True)
            use = (weeks, counts.astype(float))
            idx.append(self.n_jobs + len(self.cols.weeks) + weeks)
            vals.append(counts.astype(float))
        if block is not None:
            rows, inc = self.cols.occupancy(*block)
            cov = (rows, inc)
            idx.append(self.n_jobs + rows)
            vals.append(-inc)
        self.use.append(use)
        self.cov.append(cov)
        self.entries.append((np.concatenate(idx).astype(np.int32), np.concatenate(vals)))

    def solve(self, time_left: float = np.inf):
        """(objective, lam, nu) of the programme over the options so far, or None (also
        when ``time_left`` seconds did not suffice). The programme is kept in HiGHS
        between solves and only the new options are added, so the simplex goes on from
        the last basis (at 300,000 buildings a solve of the grown master took 0.2-3 s
        instead of 1-8 s afresh, measured); without SciPy's solver object,
        :meth:`solve_afresh`."""
        core = _highs_core()
        if core is None:
            return self.solve_afresh(time_left)
        cols = self.cols
        n_w, R = len(cols.weeks), cols.R
        inf = core.kHighsInf
        if self.highs is None:
            h = core._Highs()
            h.setOptionValue("output_flag", False)
            # rows: convexity per cluster (= 1); z_T - z_{T-1} - sum inc x = 0; capacity
            # before R (<= cap, elastic); z_T <= D_T (elastic)
            n_rows = self.n_jobs + n_w + R + n_w
            lower = np.concatenate([np.ones(self.n_jobs), np.zeros(n_w), np.full(R + n_w, -inf)])
            upper = np.concatenate([np.ones(self.n_jobs), np.zeros(n_w), cols.cap_pre, cols.D])
            h.addRows(
                n_rows,
                lower,
                upper,
                0,
                np.zeros(n_rows, np.int32),
                np.zeros(0, np.int32),
                np.zeros(0),
            )
            first_flow = self.n_jobs
            first_z = self.n_jobs + n_w + R
            # z_T (free): +1 in flow row T, -1 in flow row T+1, +1 in its bound row
            for week in range(n_w):
                idx = [first_flow + week, first_z + week]
                val = [1.0, 1.0]
                if week + 1 < n_w:
                    idx.append(first_flow + week + 1)
                    val.append(-1.0)
                h.addCol(0.0, -inf, inf, len(idx), np.asarray(idx, np.int32), np.asarray(val))
            # elastic slack of every capacity and bound row
            for r in range(R + n_w):
                row = self.n_jobs + n_w + r
                h.addCol(self.penalty, 0.0, inf, 1, np.asarray([row], np.int32), np.ones(1))
            self.highs = h
        h = self.highs
        new = self.entries[self.in_highs :]
        if new:
            starts = np.cumsum([0] + [len(i) for i, _ in new[:-1]]).astype(np.int32)
            idx = np.concatenate([i for i, _ in new]).astype(np.int32)
            val = np.concatenate([v for _, v in new])
            cost = np.asarray(self.cost[self.in_highs :], dtype=float)
            h.addCols(
                len(new),
                cost,
                np.zeros(len(new)),
                np.full(len(new), inf),
                len(idx),
                starts,
                idx,
                val,
            )
            self.in_highs = len(self.entries)
        # HiGHS's clock runs on over the solves of one programme
        h.setOptionValue("time_limit", h.getRunTime() + max(float(time_left), 0.01))
        h.run()
        if h.getModelStatus() != core.HighsModelStatus.kOptimal:
            return None
        solution = h.getSolution()
        duals = -np.asarray(solution.row_dual)[self.n_jobs + n_w :]
        nu = np.maximum(duals[:R], 0.0)
        lam = np.maximum(duals[R:], 0.0)
        objective = float(h.getInfo().objective_function_value)
        if len(self.job) > MASTER_OPTIONS * self.n_jobs:
            self._prune(h, core, np.asarray(solution.col_dual), n_w + R + n_w)
        return objective, lam, nu

    def _prune(self, h, core, reduced: np.ndarray, first: int) -> None:
        """Keeps the kept programme small: drops the options out of the basis whose
        reduced cost is above that of the ``MASTER_KEEP`` x clusters cheapest (they can
        come back in a later round). Dropping columns out of the basis keeps the basis."""
        status = h.getBasis().col_status[first:]
        basic = np.fromiter((st == core.HighsBasisStatus.kBasic for st in status), bool)
        reduced = reduced[first:]
        n_keep = MASTER_KEEP * self.n_jobs
        limit = np.partition(reduced, n_keep)[n_keep] if len(reduced) > n_keep else np.inf
        drop = np.flatnonzero(~basic & (reduced > limit))
        if len(drop) == 0:
            return
        h.deleteCols(len(drop), (drop + first).astype(np.int32))
        keep = np.ones(len(self.job), dtype=bool)
        keep[drop] = False
        for i in drop.tolist():
            self.seen.discard(self.keys[i])
        for name in ("job", "cost", "keys", "use", "cov", "entries"):
            values = getattr(self, name)
            setattr(self, name, [v for v, k in zip(values, keep.tolist(), strict=True) if k])
        self.in_highs = len(self.job)

    def solve_afresh(self, time_left: float = np.inf):
        """(objective, lam, nu) of the programme over the options so far, solved from
        scratch (``scipy.optimize.linprog``), or None."""
        from scipy import sparse
        from scipy.optimize import linprog

        cols = self.cols
        n_x, n_w, R = len(self.job), len(cols.weeks), cols.R

        def cat(parts, dtype=float):
            return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)

        # equalities: convexity per cluster; z_T - z_{T-1} - sum_c inc_c(T) x_c = 0
        use_i = [i for i, u in enumerate(self.use) if u is not None]
        cov_i = [i for i, c in enumerate(self.cov) if c is not None]
        conv = sparse.csr_matrix(
            (np.ones(n_x), (np.asarray(self.job), np.arange(n_x))), shape=(self.n_jobs, n_x)
        )
        inc = sparse.csr_matrix(
            (
                -cat([self.cov[i][1] for i in cov_i]),
                (
                    cat([self.cov[i][0] for i in cov_i], int),
                    cat([np.full(len(self.cov[i][0]), i) for i in cov_i], int),
                ),
            ),
            shape=(n_w, n_x),
        )
        zz = sparse.diags([np.ones(n_w), -np.ones(max(n_w - 1, 0))], [0, -1], shape=(n_w, n_w))
        a_eq = sparse.vstack(
            [sparse.hstack([conv, sparse.csr_matrix((self.n_jobs, n_w))]), sparse.hstack([inc, zz])]
        ).tocsr()
        b_eq = np.concatenate([np.ones(self.n_jobs), np.zeros(n_w)])
        # inequalities: capacity before R; z_T <= D_T
        use = sparse.csr_matrix(
            (
                cat([self.use[i][1] for i in use_i]),
                (
                    cat([self.use[i][0] for i in use_i], int),
                    cat([np.full(len(self.use[i][0]), i) for i in use_i], int),
                ),
            ),
            shape=(R, n_x),
        )
        # elastic: a row may be exceeded at ``penalty`` per slot, so any options will do
        n_e = R + n_w
        a_ub = sparse.vstack(
            [
                sparse.hstack([use, sparse.csr_matrix((R, n_w))]),
                sparse.hstack([sparse.csr_matrix((n_w, n_x)), sparse.identity(n_w)]),
            ]
        )
        a_ub = sparse.hstack([a_ub, -sparse.identity(n_e)]).tocsr()
        a_eq = sparse.hstack([a_eq, sparse.csr_matrix((a_eq.shape[0], n_e))]).tocsr()
        b_ub = np.concatenate([cols.cap_pre, cols.D])
        cost = np.concatenate([np.asarray(self.cost), np.zeros(n_w), np.full(n_e, self.penalty)])
        bounds = [(0, None)] * n_x + [(None, None)] * n_w + [(0, None)] * n_e
        options = {"time_limit": max(float(time_left), 0.01)} if np.isfinite(time_left) else {}
        res = linprog(
            cost,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=a_eq,
            b_eq=b_eq,
            bounds=bounds,
            method="highs",
            options=options,
        )
        if res.status != 0:
            return None
        duals = -np.asarray(res.ineqlin.marginals)
        nu = np.maximum(duals[:R], 0.0)
        lam = np.maximum(duals[R:], 0.0)
        return float(res.fun), lam, nu


def _plan_options(model, tm, cols: _Columns, jobs: list[int], starts: np.ndarray):
    """Every cluster's option in a real plan (prefix weeks before R, block entry week):
    together they are feasible for the master."""
    out = []
    n_w = len(cols.weeks)
    for gi, g in enumerate(jobs):
        members = model.members[model.member_start[g] : model.member_start[g + 1]]
        s = starts[members]
        k = int((s < cols.R).sum())
        block = None
        cost = float(np.dot(model.weight[members[:k]], s[:k]))
        if k < len(members):
            t = int(s[k:].min())
            a = min(max(t - cols.t_lo_all, 0), n_w - 1)
            # after R the blocks take consecutive slots: one that starts n_t buildings in
            # week t starts at its (C[t + 1] - n_t)-th slot at the latest
            n_t = int((s[k:] == t).sum())
            e = cols.entry_of(a, int(cols.cum[cols.weeks[a] + 1]) - n_t)
            w_block = model.weight[members[k:]]
            cost += float(cols._block_cost(w_block, cols.weeks[[a]], cols.entry_lo[[e]])[0])
            block = (e, len(members) - k)
        out.append((gi, cost, s[:k], block))
    return out


def _column_generation(
    model, tm, cols: _Columns, jobs, starts, lam, nu, keep_going, max_rounds=200, deadline=None
):
    """Prices from the master programme (:class:`_Master`), grown by each round's
    cheapest option of every cluster. The master's own duals jump about, so the options
    are priced at a point between them and the best prices so far (``lam``, ``nu`` at
    the start; Wentges' smoothing, ``CG_SMOOTHING``). Returns (best dual value, lam, nu,
    rounds, closed); every value is the full programme's dual value at prices >= 0;
    ``closed``: the best value reached the master's optimum, so the prices are optimal for
    the relaxation and no step can raise the bound."""
    if not len(cols.weeks):  # no block enters after R: nothing for a master to price
        return _dual(cols, lam, nu)[0], lam, nu, 0, False
    total_weight = float(cols.flat_w.sum())
    master = _Master(cols, len(jobs), penalty=10.0 * max(total_weight, 1e-12) * (cols.t_hi + 2))
    if starts is not None:
        for job, cost, weeks, block in _plan_options(model, tm, cols, jobs, starts):
            master.add(job, cost, weeks, block)
    best, _, _, found = _dual(cols, lam, nu, choose=True, detail=True, exact=True)
    best_lam, best_nu = lam, nu
    _add_options(master, cols, *found)
    rounds, closed = 0, False
    smoothing = CG_SMOOTHING
    for rounds in range(1, max_rounds + 1):  # noqa: B007
        time_left = np.inf if deadline is None else deadline - time.perf_counter()
        solved = master.solve(time_left)
        if solved is None or not keep_going():
            break
        objective, m_lam, m_nu = solved
        if objective - best <= 1e-6 * max(1.0, abs(objective)):
            closed = True  # the best prices are (almost) the programme's optimum
            break
        a = smoothing
        lam = a * best_lam + (1 - a) * m_lam
        nu = a * best_nu + (1 - a) * m_nu
        value, _, _, (chosen, bos, week_index, state) = _dual(
            cols, lam, nu, choose=True, detail=True, exact=True
        )
        if value > best:
            best, best_lam, best_nu = value, lam, nu
            smoothing = max(CG_SMOOTHING_LOW, smoothing - CG_SMOOTHING_STEP)
        else:  # mispriced: the next point nearer the best prices
            smoothing = min(CG_SMOOTHING_HIGH, smoothing + CG_SMOOTHING_STEP)
        if not keep_going():
            break
        _add_options(master, cols, chosen, bos, week_index, state)
    return best, best_lam, best_nu, rounds, closed


def _add_options(master: _Master, cols: _Columns, chosen, bos, week_index, state) -> None:
    """The cheapest option of every cluster at some prices (from :func:`_dual`), as new
    options of the master."""
    opts = np.concatenate([cols.opt[chosen], cols.bo_opt[bos]])
    which, pos, weeks = cols.prefix_weeks(opts, state)
    flat = cols.opt_off[opts][which] + pos
    prefix_cost = np.bincount(which, weights=cols.flat_w[flat] * weeks, minlength=len(opts))
    for i, c in enumerate(chosen.tolist()):
        block = (int(cols.t_index[c]), int(cols.m[c])) if cols.has_block[c] else None
        master.add(
            int(cols.opt_job[cols.opt[c]]),
            float(cols.cost[c] + prefix_cost[i]),
            weeks[which == i],
            block,
        )
    for i, b in enumerate(bos.tolist()):
        row = len(chosen) + i
        a = int(week_index[i])
        spread = cols.bo_spread[b, cols.entry_part[a]]
        cost = cols.entry_week[a] * cols.bo_weight[b] + spread + prefix_cost[row]
        size = int(cols.sizes[cols.bo_size_index[b]])
        master.add(int(cols.bo_job[b]), float(cost), weeks[which == row], (a, size))


def _scale_search(cols: _Columns, lam: np.ndarray, nu: np.ndarray, keep_going):
    """The best of a few scalings of the prices: (value, lam, nu)."""
    best, scale_l, scale_n = -np.inf, 1.0, 1.0
    for sl, sn in itertools.product((0.25, 0.5, 1.0), (0.0, 0.25, 0.5, 1.0)):
        value = _dual(cols, lam * sl, nu * sn)[0]
        if value > best:
            best, scale_l, scale_n = value, sl, sn
        if not keep_going():
            break
    return best, lam * scale_l, nu * scale_n


def _ascend(
    cols: _Columns,
    lam,
    nu,
    upper: float,
    max_iterations: int,
    keep_going,
    out=None,
    initial_step: float = INITIAL_STEP,
):
    """Subgradient steps on the dual from ``lam``, ``nu``: Polyak steps towards ``upper``
    along a deflected direction (:func:`_deflected`); the step factor is halved after
    ``STALL_STEPS`` steps without a better value. Returns (best value, steps); with ``out``
    (a dict) also the prices of the best value."""
    best = -np.inf
    theta = initial_step
    stalls = 0
    d_lam = np.zeros_like(lam)
    d_nu = np.zeros_like(nu)
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007
        value, g_lam, g_nu = _dual(cols, lam, nu, choose=True)
        if not np.isfinite(best) or value > best + 1e-12 * max(1.0, abs(best)):
            best = value
            stalls = 0
            if out is not None:
                out["lam"], out["nu"] = lam, nu
        else:
            stalls += 1
            if stalls >= STALL_STEPS:
                theta *= 0.5
                stalls = 0
        d_lam, d_nu = _deflected(g_lam, g_nu, d_lam, d_nu)
        norm = float(np.dot(d_lam, d_lam) + np.dot(d_nu, d_nu))
        if norm <= 0 or theta < 1e-4:
            break
        step = theta * max(upper - value, 1e-12 * max(abs(upper), 1.0)) / norm
        # coverage prices that fall with the week keep the penalty convex in the entry
        # week, where the minorant of :meth:`_Columns.block_values` is exact
        lam = np.minimum.accumulate(np.maximum(lam + step * d_lam, 0.0))
        nu = np.maximum(nu + step * d_nu, 0.0)
        if not keep_going():
            break
    return best, iterations


def _deflected(g_lam, g_nu, d_lam, d_nu):
    """The next direction: the subgradient, plus part of the previous direction when the two
    point against each other (Camerini-Fratta-Maffioli, factor ``DEFLECTION``), which damps
    the zigzag between neighbouring weeks' prices and leaves other steps alone."""
    along = float(np.dot(g_lam, d_lam) + np.dot(g_nu, d_nu))
    if along >= 0:
        return g_lam, g_nu
    beta = -DEFLECTION * along / float(np.dot(d_lam, d_lam) + np.dot(d_nu, d_nu))
    return g_lam + beta * d_lam, g_nu + beta * d_nu


def _sampled_prices(model, tm, remaining, jobs, cols, lam, nu, upper_ratio, keep_going):
    """Prices for the full programme from the same programme on every ``f``-th cluster
    (in the ratio order's neighbourhoods: a spread sample) with ``1/f`` of the capacity of
    every week: the prices are per week, and a spread sample sees about the same clusters
    competing for each week. Returns (lam, nu, steps) mapped onto the full programme's
    weeks, or (None, None, 0) when stopped while setting up. (Column generation on the
    sample instead of steps gave worse prices for the full programme: measured.)"""
    factor = max(2, len(jobs) // WARM_START_CLUSTERS)
    sample = jobs[::factor]
    small_cap = np.floor(remaining / factor + 0.5).astype(np.int64)
    # whole weeks there: the sample only proposes weekly prices, and its steps stay cheap
    small = _Columns(model, tm, cumulative(small_cap), sample, keep_going, parts=1)
    if not small.complete or not len(small.weeks):
        return None, None, 0
    # start from the full programme's prices, week for week
    lam_s = _on_weeks(lam, cols.t_lo_all, small.t_lo_all, len(small.weeks))
    nu_s = _on_weeks(nu, 0, 0, small.R)
    start = _dual(small, lam_s, nu_s)[0]
    out: dict = {}
    _, steps = _ascend(small, lam_s, nu_s, upper_ratio * max(start, 0.0), 10**9, keep_going, out)
    if "lam" not in out:
        return None, None, 0
    lam_f = _on_weeks(out["lam"], small.t_lo_all, cols.t_lo_all, len(cols.weeks))
    nu_f = _on_weeks(out["nu"], 0, 0, cols.R)
    return lam_f, nu_f, steps


def _on_weeks(prices: np.ndarray, first_week: int, new_first_week: int, length: int):
    """``prices`` (week ``first_week`` + i) on weeks ``new_first_week`` .. + length - 1;
    weeks outside take the nearest end's price (0 without prices)."""
    if len(prices) == 0:
        return np.zeros(length)
    idx = np.arange(length) + new_first_week - first_week
    return prices[np.clip(idx, 0, len(prices) - 1)].astype(float)


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
    column_generation: bool = True,
) -> BoundResult:
    """The Lagrangian lower bound of the module docstring (see there); without
    ``column_generation`` smaller projects go straight to the subgradient steps."""
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

    cum = cumulative(remaining)
    # prices are searched on whole weeks (fast); the bound is the dual value in parts of a
    # week at the best of them (never lower at the same prices, see the module docstring)
    cols = _Columns(model, tm, cum, jobs, keep_going, parts=1)
    if not cols.complete:  # stopped while setting up: the clusters-ignored bound stands
        cancelled = should_stop is not None and should_stop()
        return BoundResult(weak, weak, 0, time.perf_counter() - t0, cancelled, reference)
    lam, nu = _smith_prices(model, cols, jobs, smith)
    stopped = [False]

    def keep_stepping() -> bool:
        if not keep_going():
            stopped[0] = True
            return False
        return True

    # the scale of the prices: a coarse search first (each point is a valid bound)
    best, lam, nu = _scale_search(cols, lam, nu, keep_stepping)
    best_lam, best_nu = lam, nu
    warm_steps = 0
    cg_rounds = 0
    step = INITIAL_STEP
    if not stopped[0] and len(jobs) >= WARM_START_MIN_CLUSTERS:
        # better prices from the same programme on a sample of the clusters and of the
        # capacity (steps there are many times cheaper); only a start for the steps below:
        # the bound itself is always the full programme's dual value
        warm_deadline = t0 + WARM_START_SHARE * time_limit
        lam_w, nu_w, warm_steps = _sampled_prices(
            model,
            tm,
            remaining,
            jobs,
            cols,
            lam,
            nu,
            upper / best if best > 0 else 1.0,
            lambda: keep_stepping() and time.perf_counter() <= warm_deadline,
        )
        if lam_w is not None and not stopped[0]:
            value = _dual(cols, lam_w, nu_w)[0]
            if value > best:
                best, lam, nu, step = value, lam_w, nu_w, SAMPLED_FULL_STEP
                best_lam, best_nu = lam, nu
    fine, fine_best, reserve = None, -np.inf, 0.0
    if not stopped[0] and ENTRY_PARTS > 1:
        # the programme in parts of a week, and its dual value at the prices so far (a
        # bound already); its time, with room to spare, is kept for the last one
        started = time.perf_counter()
        fine = _Columns(model, tm, cum, jobs, keep_stepping, parts=ENTRY_PARTS)
        if fine.complete:
            fine_best = _dual(fine, best_lam, best_nu, exact=True)[0]
            reserve = 1.5 * (time.perf_counter() - started)
        else:
            fine = None
    if not stopped[0] and column_generation:
        # the master programme's prices (column generation), from the best prices so far
        # (on a large project the sample's); steps from there
        cg_deadline = t0 + CG_SHARE * time_limit - reserve
        value, lam_c, nu_c, cg_rounds, closed = _column_generation(
            model,
            tm,
            cols,
            jobs,
            ref_starts,
            lam,
            nu,
            lambda: keep_stepping() and time.perf_counter() <= cg_deadline,
            deadline=cg_deadline,
        )
        if value > best:
            best, lam, nu, step = value, lam_c, nu_c, SAMPLED_FULL_STEP
            best_lam, best_nu = lam, nu
        if closed:
            max_iterations = 0  # optimal prices: steps cannot raise the bound
    iterations = 0
    if not stopped[0] and max_iterations > 0:
        out: dict = {}
        step_deadline = t0 + time_limit - reserve
        best_steps, iterations = _ascend(
            cols,
            lam,
            nu,
            upper,
            max_iterations,
            lambda: keep_stepping() and time.perf_counter() <= step_deadline,
            out,
            initial_step=step,
        )
        if best_steps > best:
            best, best_lam, best_nu = best_steps, out["lam"], out["nu"]
    asked = should_stop is not None and should_stop()
    if fine is not None and not asked:
        fine_best = max(fine_best, _dual(fine, best_lam, best_nu, exact=True)[0])
    cancelled = stopped[0] and asked
    bound = max((max(best, fine_best) + const) / WEEKS_PER_YEAR, weak)
    return BoundResult(
        lower_bound=float(bound),
        clusters_ignored_bound=float(weak),
        iterations=iterations,
        seconds=time.perf_counter() - t0,
        cancelled=cancelled,
        reference_exposure=reference,
        sampled_steps=warm_steps,
        column_rounds=cg_rounds,
    )
