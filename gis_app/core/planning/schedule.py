"""List scheduling of construction starts under a weekly capacity, without per-building loops.

The scheduling rule (what the planner sees):

* Time is counted in whole weeks from the plan's start date (week 0). Capacity is a number
  of construction starts per week (an integer array, possibly changing over time).
* Preparation of every building starts at the start date at the latest (it needs no
  construction capacity); a building's *release* is the first week after its
  preparation. Construction starts no earlier than the release. The reported preparation
  start is just-in-time: ``construction start - preparation``, but not before week 0.
* Priority list scheduling. Clusters are taken in the order of the plan; each cluster's
  buildings form a chain (their fixed order, :mod:`.model`): each takes the earliest week,
  not before its release and not before the start of the building ahead of it in the
  chain, in which a start is still free *after the clusters ahead of it in the order have
  taken theirs*. So a cluster only ever gets capacity that the clusters ahead of it do not
  use: a later cluster can start before an earlier one only while that one is still being
  prepared (backfilling), and never takes a start the earlier one could use.
* Clusters with a fixed start date (``lock_start``) come first, each on the capacity left by
  the ones fixed earlier (ordered by date), with their buildings released no earlier than
  that date. So a fixed cluster starts in the first week on or after its date in which its
  preparation is done and capacity is free: never before the date.
* Buildings with a commitment (a construction start promised to the residents, see
  :mod:`gis_app.core.commitments`) come before everything else: each keeps a start no
  later than its promised week. They are placed latest-first, each in the latest week on
  or before its promise that still has a start free (so they take as little early capacity
  from the clusters as possible, and when capacity is cut the most promises are kept), not
  before their release. A promise that cannot be kept gets the first free week after its
  release (the plan reports it as broken). They are not part of their cluster's chain.
* Buildings taken ahead of their cluster (``ahead_of_cluster``, "voortrekken") come next:
  each on its own, by release, at the first week with free capacity on or after its
  release. They are not part of their cluster's chain.
* Buildings of owners in eigen regie (``eigen_regie``) use no pool capacity: the owner
  commissions an aannemer of their own. Each starts construction in its release week
  (right after its preparation, and not before its cluster's fixed start date); it takes
  no start from any week, so every other building is planned exactly as if it were not
  there. It is not part of its cluster's chain, is not counted as a start against the
  (planned or contracted) capacity, and keeps a commitment whenever its preparation
  allows.
* Completion = construction start + construction duration; a building is safe at
  completion. Buildings without work are safe at week 0.

The cumulative-capacity trick. Number the start slots 0, 1, 2, ... in week order:
``C[t]`` (cumulative capacity) is the first slot of week ``t`` and ``W(x)`` the week of
slot ``x`` (``searchsorted(C, x, 'right') - 1``). For a non-overtaking sequence with
releases ``r_k`` the greedy start of the k-th building is::

    s_k = W( max_{j <= k} (C[r_j] - j) + k )

(the j-th building cannot start before week r_j, and the k - j + 1 buildings j..k need
as many slots from there on). One ``maximum.accumulate`` and one ``searchsorted`` over the
chain: O(n log H). Slot indices ``M_k + k`` strictly increase, so no week ever gets more
starts than its capacity; the formula is monotone in every release, so a cluster whose
buildings are prepared later (higher bespoke share) never finishes earlier, and the
clusters ahead of it are not affected at all.

Each cluster is such a chain on the capacity its predecessors left. Once the first week with
free capacity (the *frontier*) lies at or after the release of every building still to be
planned, every further chain simply takes the next free slots, so all remaining clusters
are one chain on the remaining capacity: the scheduler runs cluster by cluster only while
preparation can still hold something up (the first months), then one vectorised pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gis_app.core.planning.model import PlanningModel


def sequence_starts(release: np.ndarray, cum: np.ndarray) -> np.ndarray:
    """Greedy non-overtaking start weeks for buildings in sequence order (see module doc)."""
    n = len(release)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    k = np.arange(n, dtype=np.int64)
    m = np.maximum.accumulate(cum[release] - k)
    return np.searchsorted(cum, m + k, side="right") - 1


def cumulative(capacity: np.ndarray) -> np.ndarray:
    cum = np.empty(len(capacity) + 1, dtype=np.int64)
    cum[0] = 0
    np.cumsum(capacity, out=cum[1:])
    return cum


@dataclass
class Timing:
    bespoke: np.ndarray  # bool per building
    release: np.ndarray  # int64 week, per building (0 for no work)
    prep: np.ndarray  # float weeks of preparation still to do
    duration: np.ndarray  # float weeks of construction


def timing(model: PlanningModel, bespoke: np.ndarray, idx: np.ndarray | None = None) -> Timing:
    """Release, preparation and duration per building for this bespoke mask; with ``idx``
    only for those buildings (``bespoke`` then holds their values)."""
    if idx is None:
        idx = slice(None)
    release = np.where(bespoke, model.release_bes[idx], model.release_std[idx])
    if model.has_locks:
        release = np.maximum(release, model.lock_of_building[idx])
    return Timing(
        bespoke=bespoke & model.work[idx],
        release=release,
        prep=np.where(bespoke, model.prep_bes[idx], model.prep_std[idx]),
        duration=np.where(bespoke, model.dur_bes[idx], model.dur_std[idx]),
    )


def locked_groups(model: PlanningModel) -> np.ndarray:
    """Groups with a fixed start date, by date, then by their row in the clusters table.

    Independent of the order, so the fixed-start passes are the same for every order.
    """
    groups = np.flatnonzero(model.lock_week >= 0)
    return groups[np.argsort(model.lock_week[groups], kind="stable")]


def free_sequence(model: PlanningModel, order: np.ndarray) -> np.ndarray:
    """Groups of the shared passes: the order without fixed-start clusters, then pseudo-clusters."""
    order = np.asarray(order, dtype=np.int64)
    free = order[model.lock_week[order] < 0]
    return np.concatenate([free, pseudo_order(model)])


def pseudo_order(model: PlanningModel) -> np.ndarray:
    """Pseudo-clusters (buildings in no cluster) in the default order: most risk first."""
    pseudo = np.flatnonzero(model.is_pseudo)
    return pseudo[np.lexsort((pseudo, -model.group_weight[pseudo]))]


def members_of(model: PlanningModel, groups: np.ndarray) -> np.ndarray:
    """Chains of ``groups`` one after the other (buildings that need a start)."""
    groups = np.asarray(groups, dtype=np.int64)
    if len(groups) == 0:
        return np.empty(0, dtype=np.int64)
    lengths = model.n_slots[groups]
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    starts = model.member_start[groups]
    offsets = np.cumsum(lengths) - lengths
    idx = np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, lengths)
    return model.members[idx]


def group_max_release(model: PlanningModel, tm: Timing) -> np.ndarray:
    out = np.zeros(model.n_groups, dtype=np.int64)
    has = model.n_slots > 0
    if has.any():
        rel = tm.release[model.members]
        out[has] = np.maximum.reduceat(rel, model.member_start[:-1][has])
    return out


def _subtract_counts(remaining: np.ndarray, weeks: np.ndarray) -> None:
    lo = int(weeks.min())
    counts = np.bincount(weeks - lo)
    remaining[lo : lo + len(counts)] -= counts


@dataclass
class Schedule:
    starts: np.ndarray  # int64 construction start week per building, -1 without a start
    remaining: np.ndarray  # capacity left per week
    head: int  # number of groups of the free sequence planned one by one
    free_seq: np.ndarray  # the free sequence (groups with starts only)


def _first_free(remaining: np.ndarray, frm: int) -> int:
    n = len(remaining)
    while frm < n and remaining[frm] <= 0:
        frm += 1
    return frm


def run_chain(model: PlanningModel, tm: Timing, group: int, remaining: np.ndarray, starts):
    """One cluster's chain on the remaining capacity (updated in place).

    Only a window of weeks is summed: up to the chain's last release plus as many weeks as
    it has buildings (every week has capacity from the first free one on, or the window is
    widened to the whole horizon when the chain does not fit).
    """
    members = model.members[model.member_start[group] : model.member_start[group + 1]]
    if len(members) == 0:
        return
    release = tm.release[members]
    window = min(len(remaining), int(release.max()) + len(members) + 2)
    cum = cumulative(remaining[:window])
    k = np.arange(len(members), dtype=np.int64)
    m = np.maximum.accumulate(cum[release] - k)
    if m[-1] + k[-1] >= cum[-1]:
        cum = cumulative(remaining)
        m = np.maximum.accumulate(cum[release] - k)
    s = np.searchsorted(cum, m + k, side="right") - 1
    starts[members] = s
    _subtract_counts(remaining, s)


def commitment_pass(model: PlanningModel, tm: Timing, remaining: np.ndarray, starts) -> None:
    """Starts of the buildings with a commitment (see module docstring); updates
    ``remaining`` and ``starts`` in place."""
    idx = model.committed_pool_idx
    if len(idx) == 0:
        return
    horizon = len(remaining)
    deadline = np.minimum(model.promise_week[idx], horizon - 1)
    release = tm.release[idx]
    week = np.full(len(idx), -1, dtype=np.int64)
    can = deadline >= release
    if can.any():
        # backwards in time the promise is a release: latest-first is the greedy
        # non-overtaking sequence on the reversed capacity (idx is sorted by promise)
        sub = np.flatnonzero(can)[::-1]
        rev_release = horizon - 1 - deadline[sub]
        rev = sequence_starts(rev_release, cumulative(remaining[::-1]))
        placed = horizon - 1 - rev  # -1 when no week on or before the promise is free
        ok = placed >= release[sub]
        week[sub[ok]] = placed[ok]
        if ok.any():
            _subtract_counts(remaining, week[sub[ok]])
    late = np.flatnonzero(week < 0)
    if len(late):
        order = late[np.argsort(release[late], kind="stable")]
        s = sequence_starts(release[order], cumulative(remaining))
        week[order] = s
        _subtract_counts(remaining, s)
    starts[idx] = week


def own_pass(model: PlanningModel, tm: Timing, starts) -> None:
    """Eigen regie buildings start in their release week; the pool capacity is untouched."""
    own = model.own_idx
    if len(own):
        starts[own] = tm.release[own]


def fixed_passes(model: PlanningModel, tm: Timing, remaining: np.ndarray, starts) -> None:
    """The passes every order shares: eigen regie (no capacity), commitments, fixed-start
    clusters, then ahead-of-cluster buildings."""
    own_pass(model, tm, starts)
    commitment_pass(model, tm, remaining, starts)
    for g in locked_groups(model):
        run_chain(model, tm, int(g), remaining, starts)
    ahead = model.ahead_idx
    if len(ahead):
        # by release, each at the first free week on or after it (sorted releases make the
        # non-overtaking formula the same as placing each one alone)
        ahead = ahead[np.argsort(tm.release[ahead], kind="stable")]
        s = sequence_starts(tm.release[ahead], cumulative(remaining))
        starts[ahead] = s
        _subtract_counts(remaining, s)


class ScheduleCache:
    """State of the last schedule, so that a change to one cluster replans only from there.

    Kept by the :class:`~.planner.Planner` (one per planner). Valid for the same order and
    capacity: the chains ahead of the first cluster whose releases changed give the same
    starts, so the run resumes from the capacity snapshot taken before that cluster (or
    before the tail). Purely an optimisation: results are identical to a fresh run (tested).
    """

    def __init__(self):
        self.key = None
        self.release = None
        self.starts = None
        self.snapshots: list[np.ndarray] = []  # remaining capacity before head chain i
        self.frontiers: list[int] = []
        self.head = 0


def schedule(
    model: PlanningModel, tm: Timing, order: np.ndarray, cache: ScheduleCache | None = None
) -> Schedule:
    """Priority list schedule of ``order`` (see module docstring)."""
    seq = free_sequence(model, order)
    seq = seq[model.n_slots[seq] > 0]
    key = seq.tobytes()
    resume = None
    if cache is not None and cache.key == key and cache.release is not None:
        changed = np.flatnonzero(tm.release != cache.release)
        if len(changed) == 0:
            resume = cache.head
        elif not (
            (model.lock_of_building[changed] >= 0)
            | model.ahead[changed]
            | model.committed[changed]
            | model.own[changed]
        ).any():
            pos = np.full(model.n_groups, len(seq), dtype=np.int64)
            pos[seq] = np.arange(len(seq))
            first = int(pos[model.group[changed]].min())
            resume = min(first, cache.head)
    if resume is not None:
        starts = cache.starts.copy()
        remaining = cache.snapshots[resume].copy()
        frontier = cache.frontiers[resume]
        head = resume
        snapshots, frontiers = cache.snapshots[: resume + 1], cache.frontiers[: resume + 1]
    else:
        starts = np.full(model.n, -1, dtype=np.int64)
        remaining = model.capacity.weekly.copy()
        fixed_passes(model, tm, remaining, starts)
        frontier = _first_free(remaining, 0)
        head = 0
        snapshots, frontiers = [remaining.copy()], [frontier]
    if len(seq) == 0:
        return Schedule(starts, remaining, 0, seq)
    suffix = np.maximum.accumulate(group_max_release(model, tm)[seq][::-1])[::-1]
    while head < len(seq) and suffix[head] > frontier:
        run_chain(model, tm, int(seq[head]), remaining, starts)
        frontier = _first_free(remaining, frontier)
        head += 1
        if cache is not None:
            snapshots.append(remaining.copy())
            frontiers.append(frontier)
    tail = members_of(model, seq[head:])
    if cache is not None:
        cache.key, cache.release, cache.head = key, tm.release.copy(), head
        cache.snapshots, cache.frontiers = snapshots, frontiers
    if len(tail):
        s = sequence_starts(tm.release[tail], cumulative(remaining))
        starts[tail] = s
        remaining -= np.bincount(s, minlength=len(remaining))
    if cache is not None:
        cache.starts = starts.copy()
    return Schedule(starts, remaining, head, seq)


def schedule_starts(
    model: PlanningModel, tm: Timing, order: np.ndarray, cache: ScheduleCache | None = None
) -> np.ndarray:
    """Construction start week per building (-1 for buildings without a start)."""
    return schedule(model, tm, order, cache).starts
