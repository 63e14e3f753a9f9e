"""Deadlines per risk profile ("uiterlijk gereed"): orders that keep them, and what a miss costs.

A deadline of a profile applies to every building of that profile that needs work: its
completion date must not be after the deadline (``PlanningConfig.deadlines``; the model
holds it per building as ``deadline_days``, days after the start date).

**Keeping deadlines in an order** (:func:`repair_order`). Every order the planner makes
(default, optimised, an explicit list the planner keeps) is repaired before it is
scheduled. In the sequence the scheduler runs once preparation no longer holds anything up
(:mod:`.schedule`), cluster c entered at slot V starts its j-th chain building in slot
``V + j``; the building meets its deadline when that slot lies in a week no later than its
*latest start* (deadline minus construction), so the cluster meets all its deadlines when
``V <= limit_c`` (:func:`entry_limits`), i.e. when it ends by ``due_c = limit_c + n_c``.
When capacity cannot keep every deadline, the fewest clusters are let go first
(:func:`given_up`, Moore-Hodgson: earliest due first, dropping the largest cluster whenever
one would end late); they keep their place in the requested order and their buildings are
reported as misses. The repair then builds the order from the back: the last place goes
to the cluster that comes latest in the requested order among those whose ``due`` allows
the last place; when none does, to the one with the latest ``due`` (the least late). So an order that already keeps
every deadline is returned unchanged, a cluster only moves forward when its deadline needs
it, and the clusters it passes keep their relative order (Smith's backward rule with
deadlines, with the requested order as the priority). Fixed-start clusters and
pseudo-clusters do not move; position locks are applied again afterwards. The plan then
reports any building that still misses (:func:`deadline_misses`): preparation that cannot be
finished in time, or more deadline work than capacity.

**Two remedies for a miss** (:func:`remedies`), each with its cost:

* pull the cluster forward: the order with that cluster moved to the front, the others in
  their order, with the extra risk exposure elsewhere, the clusters whose end date moves
  later and the buildings of other clusters that then miss;
* take the building ahead of its cluster ("voortrekken", ``PlanningConfig.ahead_of_cluster``):
  it gets its own start as early as preparation and capacity allow; the cost is the
  explainability pairs it creates, named (neighbours that are now treated differently:
  completions more than ``years_apart`` apart where they were not).
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field

import numpy as np

from gis_app.core.planning.config import WEEKS_PER_YEAR
from gis_app.core.planning.model import NO_DEADLINE, PROFILE_CODES, PlanningModel
from gis_app.core.planning.schedule import Timing, cumulative, fixed_passes, members_of


def latest_start(model: PlanningModel, tm: Timing) -> np.ndarray:
    """Per building: the last start week whose completion is on or before its deadline
    (``NO_DEADLINE`` without one; negative when even week 0 is too late)."""
    out = np.full(model.n, NO_DEADLINE, dtype=np.int64)
    idx = np.flatnonzero(model.deadline_days < NO_DEADLINE)
    if len(idx):
        # completion day = round(7 x (start + duration)) <= deadline day
        days = model.deadline_days[idx]
        out[idx] = np.floor((days + 0.49) / 7.0 - tm.duration[idx] + 1e-9).astype(np.int64)
    return out


def shared_capacity(model: PlanningModel, tm: Timing) -> np.ndarray:
    """Cumulative free capacity after the passes every order shares (fixed starts, ahead)."""
    remaining = model.capacity.weekly.copy()
    starts = np.full(model.n, -1, dtype=np.int64)
    fixed_passes(model, tm, remaining, starts)
    return cumulative(remaining)


def entry_limits(
    model: PlanningModel, tm: Timing, latest: np.ndarray, cum: np.ndarray
) -> np.ndarray:
    """Per group: the last slot its chain may enter at and still meet every deadline that
    some entry can meet. In the sequence the j-th building starts in slot
    ``max(V, P_j) + j`` (``P_j``: releases of the chain up to j, :mod:`.milp`); a building
    whose deadline even ``V = 0`` misses (its preparation ends too late) does not limit
    its cluster: moving the cluster cannot help it, only delay others."""
    out = np.full(model.n_groups, NO_DEADLINE, dtype=np.int64)
    if len(model.members) == 0:
        return out
    j, chain = _chain_positions(model)
    has = model.n_slots > 0
    out[has] = _chain_limits(model.members, j, chain, model.member_start[:-1][has], tm, latest, cum)
    return out


def _chain_limits(members, j, chain, firsts, tm, latest, cum) -> np.ndarray:
    """:func:`entry_limits` of the chains laid out in ``members`` (positions ``j``, chain
    numbers ``chain``, chain starts ``firsts``), one value per chain."""
    ls = latest[members]
    released = cum[np.minimum(tm.release[members], len(cum) - 1)] - j
    # running maximum within each chain: a per-chain offset keeps the chains apart
    offset = chain * (4 * int(cum[-1]) + 4 * len(members) + 4)
    p = np.maximum.accumulate(released + offset) - offset
    week = np.clip(ls + 1, 0, len(cum) - 1)
    last_slot = cum[week] - 1  # the last slot of week ls
    bounded = (ls < NO_DEADLINE) & (ls >= 0) & (p + j <= last_slot)
    limit = np.where(bounded, last_slot - j, NO_DEADLINE)
    return np.minimum.reduceat(limit, firsts)


class DeadlineCache:
    """The last :func:`entry_limits` and the inputs they came from, so that a change to a
    few clusters' releases recomputes only their chains (each chain's limit depends on its
    own releases and deadlines and the shared capacity only). Kept by the planner; results
    are identical to a fresh computation (tested)."""

    #: recompute every chain when more than this share of the buildings changed
    FULL_SHARE = 0.05

    def __init__(self):
        self.release = None
        self.latest = None
        self.cum = None
        self.limits = None

    def entry_limits(self, model, tm, latest, cum) -> np.ndarray:
        out = None
        if (
            self.limits is not None
            and len(self.release) == len(tm.release)
            and np.array_equal(self.cum, cum)
        ):
            changed = np.flatnonzero((tm.release != self.release) | (latest != self.latest))
            if len(changed) <= self.FULL_SHARE * max(model.n, 1):
                out = self.limits.copy()
                groups = np.unique(model.group[changed])
                groups = groups[model.n_slots[groups] > 0]
                if len(groups):
                    lengths = model.n_slots[groups]
                    members = members_of(model, groups)
                    firsts = np.cumsum(lengths) - lengths
                    j = np.arange(len(members), dtype=np.int64) - np.repeat(firsts, lengths)
                    chain = np.repeat(np.arange(len(groups), dtype=np.int64), lengths)
                    out[groups] = _chain_limits(members, j, chain, firsts, tm, latest, cum)
        if out is None:
            out = entry_limits(model, tm, latest, cum)
        self.release, self.latest = tm.release.copy(), latest.copy()
        self.cum, self.limits = cum.copy(), out.copy()
        return out


def _chain_positions(model: PlanningModel) -> tuple[np.ndarray, np.ndarray]:
    """Per chain member: its position in its chain and the number of its chain (cached)."""
    cached = getattr(model, "_chain_positions", None)
    if cached is None:
        has = model.n_slots > 0
        j = np.arange(len(model.members), dtype=np.int64) - np.repeat(
            model.member_start[:-1], model.n_slots
        )
        chain = np.repeat(np.arange(int(has.sum()), dtype=np.int64), model.n_slots[has])
        cached = (j, chain)
        model._chain_positions = cached
    return cached


def _deadline_members(model: PlanningModel) -> np.ndarray:
    """Per group: chain members with a deadline (cached: deadlines do not change per run)."""
    cached = getattr(model, "_deadline_member_counts", None)
    if cached is None:
        bounded = (model.deadline_days[model.members] < NO_DEADLINE).astype(np.int64)
        has = model.n_slots > 0
        cached = np.zeros(model.n_groups, dtype=np.int64)
        if len(bounded):
            cached[has] = np.add.reduceat(bounded, model.member_start[:-1][has])
        model._deadline_member_counts = cached
    return cached


def repair_order(
    model: PlanningModel,
    tm: Timing,
    order: np.ndarray,
    latest: np.ndarray | None = None,
    *,
    cache: DeadlineCache | None = None,
) -> np.ndarray:
    """The order with clusters pulled forward as far as their deadlines need (module doc).
    ``cache``: the planner's :class:`DeadlineCache` (same results, faster for a slider)."""
    from gis_app.core.planning.order import apply_position_locks

    order = np.asarray(order, dtype=np.int64)
    if not model.has_deadlines or len(order) == 0:
        return order
    if latest is None:
        latest = latest_start(model, tm)
    cum = shared_capacity(model, tm)
    if cache is not None:
        limits = cache.entry_limits(model, tm, latest, cum)
    else:
        limits = entry_limits(model, tm, latest, cum)
    movable = (model.lock_week[order] < 0) & (model.n_slots[order] > 0)
    places = np.flatnonzero(movable)
    groups = order[places]
    if not (limits[groups] < NO_DEADLINE).any():
        return order
    sizes = model.n_slots[groups]
    due = np.minimum(limits[groups], NO_DEADLINE - sizes) + sizes
    due[given_up(due, sizes, _deadline_members(model)[groups], groups)] = NO_DEADLINE
    by_due = np.argsort(-due, kind="stable").tolist()
    due_list = due.tolist()
    size_list = sizes.tolist()
    end = int(sizes.sum())
    heap: list[int] = []
    k = 0
    backwards: list[int] = []
    for _ in range(len(groups)):
        while k < len(by_due) and due_list[by_due[k]] >= end:
            heapq.heappush(heap, -by_due[k])
            k += 1
        if heap:
            i = -heapq.heappop(heap)
        else:  # no cluster can be last in time: the least late one
            i = by_due[k]
            k += 1
        backwards.append(i)
        end -= size_list[i]
    out = order.copy()
    out[places] = groups[np.asarray(backwards[::-1], dtype=np.int64)]
    if (~np.isnan(model.lock_position[out])).any():
        out = apply_position_locks(model, out)
    return out


def given_up(
    due: np.ndarray, sizes: np.ndarray, weights: np.ndarray, ids: np.ndarray
) -> np.ndarray:
    """Clusters that cannot all be on time: which to let go (Moore-Hodgson, weighted).

    Earliest due first; whenever the cluster just added ends after its due, the cluster
    taken so far that frees the most capacity per building with a deadline (``weights``)
    is let go. What remains can all be on time in that order (with equal weights no larger
    set can). Ties go by ``ids`` (the groups), so the outcome does not depend on the order
    the clusters were given in: repairing a repaired order changes nothing.
    """
    out = np.zeros(len(due), dtype=bool)
    bounded = np.flatnonzero(due < NO_DEADLINE)
    if len(bounded) == 0:
        return out
    taken: list[tuple[float, int, int]] = []
    total = 0
    size_list, due_list, id_list = sizes.tolist(), due.tolist(), ids.tolist()
    ratio = (sizes / np.maximum(weights, 1)).tolist()
    for i in bounded[np.lexsort((ids[bounded], due[bounded]))].tolist():
        heapq.heappush(taken, (-ratio[i], id_list[i], i))
        total += size_list[i]
        while total > due_list[i] and taken:
            j = heapq.heappop(taken)[2]
            total -= size_list[j]
            out[j] = True
    return out


def lateness_penalty(model: PlanningModel) -> float:
    """Weight of one week late in the optimiser's cost: more than any exposure difference,
    so meeting deadlines comes first and exposure second."""
    w = np.where(model.slotted, model.weight, 0.0)
    return 2.0 * float(w.sum()) * float(model.horizon) + 1.0


def weeks_late(starts: np.ndarray, latest: np.ndarray) -> float:
    """Sum over buildings of the weeks their start lies after their latest start."""
    late = starts - latest
    return float(late[late > 0].sum())


def moved_forward(model: PlanningModel, requested: np.ndarray, repaired: np.ndarray) -> list[str]:
    """Clusters that the repair put earlier than the requested order had them."""
    if len(requested) == 0 or np.array_equal(requested, repaired):
        return []
    before = np.empty(model.n_groups, dtype=np.int64)
    before[requested] = np.arange(len(requested))
    # pulled forward: it now precedes a cluster that preceded it
    pos = before[repaired]
    later_min = np.minimum.accumulate(pos[::-1])[::-1]
    ahead = np.zeros(len(repaired), dtype=bool)
    ahead[:-1] = pos[:-1] > later_min[1:]
    out = repaired[ahead].tolist()
    return [str(model.group_ids[g]) for g in out]


# --- what the plan reports -------------------------------------------------------------------


def completion_days(completion_week: np.ndarray) -> np.ndarray:
    """Completion as whole days after the start date (as the plan's dates round them)."""
    return np.round(np.asarray(completion_week, dtype=float) * 7.0).astype(np.int64)


def deadline_misses(
    model: PlanningModel,
    completion_week: np.ndarray,
    start: dt.date,
    *,
    done: np.ndarray | None = None,
) -> list[dict]:
    """Buildings that are safe after their profile's deadline, most days late first.

    Each: ``building_id``, ``cluster_id`` (``zonder-cluster-...`` for a building in no
    cluster), ``profile``, ``deadline`` and ``completion`` (ISO dates), ``days_late``.
    """
    if not model.has_deadlines:
        return []
    if done is None:
        done = completion_days(completion_week)
    bounded = _deadline_buildings(model)
    idx = bounded[done[bounded] > model.deadline_days[bounded]]
    if len(idx) == 0:
        return []
    late = done[idx] - model.deadline_days[idx]
    by_late = np.lexsort((model.id_rank[idx], -late))
    idx, late = idx[by_late], late[by_late]
    base = start.toordinal()
    profiles = np.asarray(PROFILE_CODES, dtype=object)[model.profile[idx]]
    iso = _iso_dates(base, np.concatenate([model.deadline_days[idx], done[idx]]))
    return [
        {
            "building_id": str(b),
            "cluster_id": str(c),
            "profile": str(p),
            "deadline": iso[d],
            "completion": iso[f],
            "days_late": int(n),
        }
        for b, c, p, d, f, n in zip(
            model.building_id[idx].tolist(),
            model.group_ids[model.group[idx]].tolist(),
            profiles.tolist(),
            model.deadline_days[idx].tolist(),
            done[idx].tolist(),
            late.tolist(),
            strict=True,
        )
    ]


def _iso_dates(base: int, days: np.ndarray) -> dict[int, str]:
    """ISO date of every distinct day in ``days`` (days after the ordinal ``base``): a
    plan's many late buildings share few distinct dates."""
    return {
        int(d): dt.date.fromordinal(base + int(d)).isoformat() for d in np.unique(days).tolist()
    }


PERCENTILES = (("p50", 0.5), ("p90", 0.9), ("p100", 1.0))


def _deadline_buildings(model: PlanningModel) -> np.ndarray:
    """Buildings with work and a deadline (cached: they do not change per run)."""
    cached = getattr(model, "_deadline_buildings", None)
    if cached is None:
        cached = np.flatnonzero(model.work & (model.deadline_days < NO_DEADLINE))
        model._deadline_buildings = cached
    return cached


def safe_dates(
    model: PlanningModel,
    completion_week: np.ndarray,
    start: dt.date,
    *,
    done: np.ndarray | None = None,
) -> dict:
    """Per profile with work: the dates by which 50 %, 90 % and all of its buildings with
    work are safe (``{profile: {"p50", "p90", "p100", "n"}}``, ISO dates).

    The q-date is the completion of the ``ceil(q x n)``-th building to finish: on that day at
    least a share q is safe. ``p100`` equals ``all_<profile>_done``.
    """
    out: dict[str, dict] = {}
    if done is None:
        done = completion_days(completion_week)
    for code, profile in enumerate(PROFILE_CODES):
        idx = model.work_by_profile[code]
        if len(idx) == 0:
            continue
        n = len(idx)
        ranks = sorted({max(int(np.ceil(q * n)) - 1, 0) for _, q in PERCENTILES})
        part = np.partition(done[idx], ranks)
        entry: dict = {"n": n}
        for key, q in PERCENTILES:
            day = int(part[max(int(np.ceil(q * n)) - 1, 0)])
            entry[key] = (start + dt.timedelta(days=day)).isoformat()
        out[profile] = entry
    return out


# --- remedies ----------------------------------------------------------------------------------


@dataclass
class PullForward:
    """Remedy 1: the cluster moved forward in the order.

    ``order``: the cluster ids in the new order: this cluster first, the others as they
    were (``Planner.run(order=..., keep_deadlines=False)`` plans it);
    ``meets``: True when none of the cluster's buildings misses its deadline then;
    ``extra_exposure``: risk exposure of that plan minus the current one (expected
    fatality-years; usually > 0: other clusters wait longer); ``later_clusters``: cluster
    id -> days its end date moves later; ``new_misses``: buildings of other clusters that
    miss a deadline only in that plan.
    """

    cluster_id: str
    order: list[str]
    meets: bool
    extra_exposure: float
    later_clusters: dict[str, int]
    new_misses: int


@dataclass
class TakeAhead:
    """Remedy 2: the cluster's late buildings taken ahead of their cluster ("voortrekken").

    ``building_ids``: the buildings to add to ``PlanningConfig.ahead_of_cluster``;
    ``meets``: True when each of them then meets its deadline; ``completion``: building id
    -> new completion (ISO); ``pairs``: the explainability pairs this creates, named
    ``(building_id, neighbour_id)``: neighbours whose completions are now more than
    ``years_apart`` apart; ``extra_exposure``: exposure of that plan minus the current one.
    """

    cluster_id: str
    building_ids: list[str]
    meets: bool
    completion: dict[str, str]
    pairs: list[tuple[str, str]]
    extra_exposure: float


@dataclass
class Remedies:
    """The two ways to meet the deadlines of one cluster's late buildings, side by side."""

    cluster_id: str
    late_buildings: list[str]
    pull_forward: PullForward
    take_ahead: TakeAhead
    notes: list[str] = field(default_factory=list)


def new_pairs(result_before, result_after, buildings: np.ndarray) -> list[tuple[int, int]]:
    """Explainability pairs (as model indices) touching ``buildings`` that exist after but
    not before: completions more than ``years_apart`` apart, or a different approach."""
    i, j = result_after._pairs
    if len(i) == 0:
        return []
    mask = np.zeros(result_after.model.n, dtype=bool)
    mask[buildings] = True
    touch = mask[i] | mask[j]
    i, j = i[touch], j[touch]
    limit = result_after.config.years_apart * WEEKS_PER_YEAR + 1e-9

    def flagged(res):
        cw, bes = res.completion_week, res.bespoke
        return (np.abs(cw[i] - cw[j]) > limit) | (bes[i] != bes[j])

    new = flagged(result_after) & ~flagged(result_before)
    return list(zip(i[new].tolist(), j[new].tolist(), strict=True))
