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


def timing(model: PlanningModel, bespoke: np.ndarray) -> Timing:
    a = bespoke.astype(np.int64)
    prep = model.prep_table[model.measure, a] * model.prep_factor
    release = np.ceil(prep - 1e-9).astype(np.int64)
    release = np.maximum(release, model.lock_week[model.group])
    return Timing(
        bespoke=bespoke & model.work,
        release=release,
        prep=prep,
        duration=model.construction_table[model.measure, a],
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


@dataclass
class Schedule:
    starts: np.ndarray  # int64 construction start week per building, -1 without a start
    remaining: np.ndarray  # capacity left per week
    head: int  # number of groups of the free sequence planned one by one
    free_seq: np.ndarray  # the free sequence (groups with starts only)


def _first_free(remaining: np.ndarray, frm: int) -> int:
    nz = np.flatnonzero(remaining[frm:] > 0)
    return frm + int(nz[0]) if len(nz) else len(remaining)


def run_chain(model: PlanningModel, tm: Timing, group: int, remaining: np.ndarray, starts):
    members = model.members[model.member_start[group] : model.member_start[group + 1]]
    if len(members) == 0:
        return
    s = sequence_starts(tm.release[members], cumulative(remaining))
    starts[members] = s
    remaining -= np.bincount(s, minlength=len(remaining))


def schedule(model: PlanningModel, tm: Timing, order: np.ndarray) -> Schedule:
    """Priority list schedule of ``order`` (see module docstring)."""
    starts = np.full(model.n, -1, dtype=np.int64)
    remaining = model.capacity.weekly.copy()
    for g in locked_groups(model):
        run_chain(model, tm, int(g), remaining, starts)
    seq = free_sequence(model, order)
    seq = seq[model.n_slots[seq] > 0]
    if len(seq) == 0:
        return Schedule(starts, remaining, 0, seq)
    suffix = np.maximum.accumulate(group_max_release(model, tm)[seq][::-1])[::-1]
    frontier = _first_free(remaining, 0)
    head = 0
    while head < len(seq) and suffix[head] > frontier:
        run_chain(model, tm, int(seq[head]), remaining, starts)
        frontier = _first_free(remaining, frontier)
        head += 1
    tail = members_of(model, seq[head:])
    if len(tail):
        s = sequence_starts(tm.release[tail], cumulative(remaining))
        starts[tail] = s
        remaining -= np.bincount(s, minlength=len(remaining))
    return Schedule(starts, remaining, head, seq)


def schedule_starts(model: PlanningModel, tm: Timing, order: np.ndarray) -> np.ndarray:
    """Construction start week per building (-1 for buildings without a start)."""
    return schedule(model, tm, order).starts
