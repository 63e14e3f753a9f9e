"""List scheduling of construction starts under a weekly capacity, without per-building loops.

The scheduling rule (what the planner sees):

* Time is counted in whole weeks from the plan's start date (week 0). Capacity is a number
  of construction starts per week (an integer array, possibly changing over time).
* Preparation of every building starts at the start date at the latest (it needs no
  construction capacity); a building's *release* is the first week after its
  preparation. Construction starts no earlier than the release. The reported preparation
  start is just-in-time: ``construction start - preparation``, but not before week 0.
* Clusters are taken in the order of the plan, the buildings of a cluster in their fixed
  order (:mod:`.model`). Each building takes the earliest week, not before its release and
  not before the start of the building ahead of it in that sequence, in which a start is
  still free. So a later cluster never overtakes an earlier one: residents are not given
  a date ahead of a cluster that was promised earlier.
* Clusters with a fixed start date (``lock_start``) are scheduled first, each on the
  capacity left by the ones fixed earlier (ordered by date), with their buildings released
  no earlier than that date. All other clusters then share the remaining capacity. A fixed
  start is therefore the first week on or after the lock date in which the cluster's
  preparation is done and capacity is free: never before the lock date.
* Completion = construction start + construction duration; a building is safe at
  completion. Buildings without work are safe at week 0.

The cumulative-capacity trick. Number the start slots 0, 1, 2, ... in week order:
``C[t]`` (cumulative capacity) is the first slot of week ``t`` and ``W(x)`` the week of
slot ``x`` (``searchsorted(C, x, 'right') - 1``). For a non-overtaking sequence with
releases ``r_k`` the greedy start of the k-th building is::

    s_k = W( max_{j <= k} (C[r_j] - j) + k )

(the j-th building cannot start before week r_j, and the k - j + 1 buildings j..k need
as many slots from there on). One ``maximum.accumulate`` and one ``searchsorted`` over the
whole sequence: O(n log H). Slot indices ``M_k + k`` strictly increase, so no week ever
gets more starts than its capacity; the formula is monotone in every release and in the
capacity, which is why more capacity never delays and later releases never hasten.
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
    prep: np.ndarray  # float weeks
    duration: np.ndarray  # float weeks of construction


def timing(model: PlanningModel, bespoke: np.ndarray) -> Timing:
    a = bespoke.astype(np.int64)
    release = model.release_table[model.measure, a]
    locked = model.lock_week[model.group]
    release = np.maximum(release, locked)
    return Timing(
        bespoke=bespoke & model.work,
        release=release,
        prep=model.prep_table[model.measure, a],
        duration=model.construction_table[model.measure, a],
    )


def locked_groups(model: PlanningModel) -> np.ndarray:
    """Groups with a fixed start date, by date, then by their row in the clusters table.

    Independent of the order, so the fixed-start passes are the same for every order.
    """
    groups = np.flatnonzero(model.lock_week >= 0)
    return groups[np.argsort(model.lock_week[groups], kind="stable")]


def free_sequence(model: PlanningModel, order: np.ndarray) -> np.ndarray:
    """Groups of the shared pass: the order without fixed-start clusters, then pseudo-clusters."""
    order = np.asarray(order, dtype=np.int64)
    free = order[model.lock_week[order] < 0]
    return np.concatenate([free, pseudo_order(model)])


def pseudo_order(model: PlanningModel) -> np.ndarray:
    """Pseudo-clusters (buildings in no cluster) in the default order: most risk first."""
    pseudo = np.flatnonzero(model.is_pseudo)
    return pseudo[np.lexsort((pseudo, -model.group_weight[pseudo]))]


def members_of(model: PlanningModel, groups: np.ndarray) -> np.ndarray:
    """Work buildings of ``groups`` in sequence: group blocks in the given order."""
    groups = np.asarray(groups, dtype=np.int64)
    if len(groups) == 0:
        return np.empty(0, dtype=np.int64)
    lengths = model.n_work[groups]
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    starts = model.member_start[groups]
    # positions in model.members: for each group a run starts..starts+len
    offsets = np.cumsum(lengths) - lengths
    idx = np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, lengths)
    return model.members[idx]


@dataclass
class Passes:
    """Outcome of the fixed-start passes: their starts and the capacity left for the rest."""

    starts: np.ndarray  # int64 per building, -1 where not scheduled by these passes
    remaining: np.ndarray  # int64 capacity per week left for the shared pass


def locked_passes(model: PlanningModel, tm: Timing) -> Passes:
    starts = np.full(model.n, -1, dtype=np.int64)
    remaining = model.capacity.weekly.copy()
    for g in locked_groups(model):
        members = members_of(model, np.array([g]))
        if len(members) == 0:
            continue
        s = sequence_starts(tm.release[members], cumulative(remaining))
        starts[members] = s
        remaining -= np.bincount(s, minlength=len(remaining))
    return Passes(starts, remaining)


def schedule_starts(model: PlanningModel, tm: Timing, order: np.ndarray) -> np.ndarray:
    """Construction start week per building (-1 for buildings without work)."""
    passes = locked_passes(model, tm)
    starts = passes.starts
    members = members_of(model, free_sequence(model, order))
    if len(members):
        starts[members] = sequence_starts(tm.release[members], cumulative(passes.remaining))
    return starts
