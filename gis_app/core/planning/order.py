"""Cluster orders: the municipal default, Smith's ratio rule and improvement moves.

An *order* is an array of the indices of the real clusters (groups ``0..n_clusters-1``);
position 1 is the first. Pseudo-clusters (buildings in no cluster) always follow the real
clusters and are not part of it.

* ``default``: as municipal plans do, clusters with the most ``verhoogd`` buildings first;
  ties by the number of ``licht verhoogd`` buildings, then by the sum of (rescaled) LPR,
  then by cluster id.
* ``optimise``: minimise risk exposure (sum of weight x completion). Start from Smith's
  ratio rule (weight = the cluster's risk rate sum LPR x residents, processing = the
  construction starts it needs; highest weight per start first), which is optimal for a
  constant capacity when preparation never holds anything up; then improvement moves
  evaluated exactly with the scheduler: with at most :data:`EXHAUSTIVE_CLUSTERS` movable
  clusters every permutation; on small instances (up to
  :data:`SMALL_CLUSTERS` movable clusters and :data:`SMALL_BUILDINGS` buildings with work) every insertion of one cluster at another
  position, repeated until no move improves; on large ones passes of adjacent swaps whose
  effect is computed on the two blocks only (exact, see :class:`SwapSearch`). The result is
  the best of the default order, Smith's order and the improved order, so it is never worse
  than the default. Deterministic: no randomness, no time limits. With deadlines the
  starting orders are repaired (:func:`.deadlines.repair_order`) and every move is judged
  on weeks late first, exposure second (:class:`OrderEvaluator`).

Locks: a cluster with ``lock_position`` p is at position p (positions beyond the number of
clusters put it at the end, in position order); clusters with a ``lock_start`` are placed by
the rule like the others (their position does not change when they start) and are never
moved by the improvement moves.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from gis_app.core.i18n import t
from gis_app.core.planning.deadlines import (
    lateness_penalty,
    latest_start,
    repair_order,
    weeks_late,
)
from gis_app.core.planning.model import PlanningModel
from gis_app.core.planning.schedule import Timing, members_of, schedule

EXHAUSTIVE_CLUSTERS = 6
SMALL_BUILDINGS = 20_000
SMALL_CLUSTERS = 15
HEAD_SWAPS = 24
SMALL_PASSES = 30
LARGE_PASSES = 4


def apply_position_locks(model: PlanningModel, order: np.ndarray) -> np.ndarray:
    """Put position-locked clusters at their positions; the others keep their relative order."""
    order = np.asarray(order, dtype=np.int64)
    locked = ~np.isnan(model.lock_position[: model.n_clusters])
    if not locked.any():
        return order
    free = [g for g in order if not locked[g]]
    lock_groups = np.flatnonzero(locked)
    lock_groups = lock_groups[np.argsort(model.lock_position[lock_groups], kind="stable")]
    at = {int(model.lock_position[g]): int(g) for g in lock_groups}
    n = model.n_clusters
    out: list[int] = []
    it = iter(free)
    for p in range(1, n + 1):
        if p in at:
            out.append(at[p])
        else:
            nxt = next(it, None)
            if nxt is not None:
                out.append(int(nxt))
    out += [int(g) for g in it]
    out += [at[p] for p in sorted(at) if p > n]
    return np.asarray(out, dtype=np.int64)


def default_order(model: PlanningModel) -> np.ndarray:
    """The municipal order (computed once per model)."""
    if model._default_order is None:
        model._default_order = _default_order(model)
    return model._default_order.copy()


def _default_order(model: PlanningModel) -> np.ndarray:
    g = np.arange(model.n_clusters)
    ids = np.unique(model.group_ids[g].astype(str), return_inverse=True)[1]
    base = g[np.lexsort((ids, -model.sum_lpr[g], -model.n_licht[g], -model.n_verhoogd[g]))]
    return apply_position_locks(model, base)


def smith_order(model: PlanningModel) -> np.ndarray:
    g = np.arange(model.n_clusters)
    n_slots = model.n_slots[g]
    ratio = np.where(n_slots > 0, model.group_weight[g] / np.maximum(n_slots, 1), -np.inf)
    ids = np.unique(model.group_ids[g].astype(str), return_inverse=True)[1]
    base = g[np.lexsort((ids, -ratio))]
    return apply_position_locks(model, base)


def explicit_order(model: PlanningModel, cluster_ids) -> np.ndarray:
    """An order given as cluster ids; clusters not named follow in the default order.

    Pseudo-cluster ids (``zonder-cluster-...``) are skipped: they always come last.
    """
    from gis_app.core.errors import PlanningError

    ids = pd.Index(np.asarray([str(c) for c in cluster_ids], dtype=object))
    found = model.group_id_index.get_indexer(ids)
    if (found < 0).any():
        bad = ids[int(np.flatnonzero(found < 0)[0])]
        raise PlanningError(t("volgorde noemt onbekend cluster '{bad}'", bad=bad))
    found = found[found < model.n_clusters]
    _, first = np.unique(found, return_index=True)
    named = found[np.sort(first)]
    if len(named) < model.n_clusters:
        default = default_order(model)
        named = np.concatenate([named, default[~np.isin(default, named)]])
    return apply_position_locks(model, named.astype(np.int64))


# --- evaluation ------------------------------------------------------------------------------


class OrderEvaluator:
    """Exact weighted start cost ``sum w x start`` of an order, for one set of shares.

    Construction durations and the buildings already in construction do not depend on the
    order, so minimising this minimises the risk exposure. With deadlines, every week a
    building starts after its latest start adds :func:`.deadlines.lateness_penalty` (more
    than any exposure difference): deadlines first, then exposure.
    """

    def __init__(self, model: PlanningModel, tm: Timing):
        self.model = model
        self.tm = tm
        self.w = np.where(model.slotted, model.weight, 0.0)
        self.latest = latest_start(model, tm) if model.has_deadlines else None
        self.penalty = lateness_penalty(model) if model.has_deadlines else 0.0

    def late(self, starts: np.ndarray, latest: np.ndarray | None) -> float:
        if self.latest is None or latest is None:
            return 0.0
        return self.penalty * weeks_late(starts, latest)

    def cost(self, order: np.ndarray) -> float:
        starts = schedule(self.model, self.tm, order).starts
        return float(np.dot(self.w, np.maximum(starts, 0))) + self.late(starts, self.latest)


def movable_positions(model: PlanningModel, order: np.ndarray) -> np.ndarray:
    """Indices into ``order`` that improvement moves may change."""
    g = np.asarray(order)
    fixed = ~np.isnan(model.lock_position[g]) | (model.lock_week[g] >= 0) | (model.n_slots[g] == 0)
    return np.flatnonzero(~fixed)


def _better(new: float, old: float) -> bool:
    return new < old - 1e-12 * max(1.0, abs(old))


def exhaustive_search(ev: OrderEvaluator, order: np.ndarray):
    """Every permutation of the movable clusters (only for a handful of them)."""
    order = np.asarray(order, dtype=np.int64).copy()
    slots = movable_positions(ev.model, order)
    best_order, best = order, ev.cost(order)
    for perm in itertools.permutations(order[slots].tolist()):
        cand = order.copy()
        cand[slots] = perm
        c = ev.cost(cand)
        if _better(c, best):
            best, best_order = c, cand
    return best_order, best


def insertion_search(ev: OrderEvaluator, order: np.ndarray, max_passes: int = SMALL_PASSES):
    """Best-improvement insertion moves among the movable positions, until none improves."""
    order = np.asarray(order, dtype=np.int64).copy()
    slots = movable_positions(ev.model, order)
    best = ev.cost(order)
    if len(slots) < 2:
        return order, best
    for _ in range(max_passes):
        items = order[slots].tolist()
        best_move = None
        for i in range(len(items)):
            rest = items[:i] + items[i + 1 :]
            for j in range(len(items)):
                if j == i:
                    continue
                cand = order.copy()
                cand[slots] = rest[:j] + [items[i]] + rest[j:]
                c = ev.cost(cand)
                if _better(c, best):
                    best, best_move = c, cand
        if best_move is None:
            break
        order = best_move
    return order, best


class SwapSearch:
    """Adjacent swaps of movable clusters, evaluated exactly and mostly locally.

    Past the scheduler's *head* (the clusters planned one by one while preparation can
    still hold something up, :func:`.schedule.schedule`) every cluster takes the next free
    slots, so the k-th building of the tail starts in the fixed week ``W(k)`` of the remaining
    capacity: swapping two tail clusters only changes which weights sit in the slots of
    those blocks, an O(block) update. Swaps touching the head are evaluated in full.
    """

    def __init__(self, ev: OrderEvaluator, order: np.ndarray):
        self.ev = ev
        self.model = ev.model
        self.order = np.asarray(order, dtype=np.int64).copy()
        self._rebuild()

    def _rebuild(self) -> None:
        model, ev = self.model, self.ev
        sch = schedule(model, ev.tm, self.order)
        self.head_cost = float(np.dot(ev.w, np.maximum(sch.starts, 0))) + ev.late(
            sch.starts, ev.latest
        )
        self.seq = sch.free_seq
        self.head = sch.head
        tail_groups = self.seq[self.head :]
        self.block = np.concatenate([[0], np.cumsum(model.n_slots[tail_groups])]).astype(np.int64)
        self.pos_in_tail = np.full(model.n_groups, -1, dtype=np.int64)
        self.pos_in_tail[tail_groups] = np.arange(len(tail_groups))
        self.tail_groups = tail_groups.copy()
        self.members = members_of(model, tail_groups)
        # weeks of the tail's slots: the tail was scheduled last, so add its starts back
        self.weeks = sch.starts[self.members] if len(self.members) else np.empty(0, np.int64)
        self.wk = ev.w[self.members]
        self.lk = ev.latest[self.members] if ev.latest is not None else None
        self.tail_cost = float(np.dot(self.wk, self.weeks)) + ev.late(self.weeks, self.lk)
        self.head_cost -= self.tail_cost

    def total(self) -> float:
        return self.head_cost + self.tail_cost

    def try_swap(self, i: int, j: int) -> bool:
        """Swap order positions i < j (both movable); keep it when it lowers the cost."""
        model = self.model
        gi, gj = int(self.order[i]), int(self.order[j])
        candidate = self.order.copy()
        candidate[i], candidate[j] = gj, gi
        p, q = int(self.pos_in_tail[gi]), int(self.pos_in_tail[gj])
        if p < 0 or q < 0:
            before = self.total()
            after = self.ev.cost(candidate)
            if _better(after, before):
                self.order = candidate
                self._rebuild()
                return True
            return False
        part = self.tail_groups[p : q + 1].copy()
        part[0], part[-1] = gj, gi
        a, b = int(self.block[p]), int(self.block[q + 1])
        members = members_of(model, part)
        w_new = self.ev.w[members]
        weeks = self.weeks[a:b]
        old = float(np.dot(self.wk[a:b], weeks))
        new = float(np.dot(w_new, weeks))
        l_new = None
        if self.lk is not None:
            l_new = self.ev.latest[members]
            old += self.ev.late(weeks, self.lk[a:b])
            new += self.ev.late(weeks, l_new)
        if _better(new, old):
            self.order = candidate
            self.tail_groups[p : q + 1] = part
            self.pos_in_tail[part] = np.arange(p, q + 1)
            self.block[p + 1 : q + 2] = a + np.cumsum(model.n_slots[part])
            self.members[a:b] = members
            self.wk[a:b] = w_new
            if l_new is not None:
                self.lk[a:b] = l_new
            self.tail_cost += new - old
            return True
        return False

    def run(self, max_passes: int = LARGE_PASSES) -> tuple[np.ndarray, float]:
        """Passes of adjacent swaps. Swaps touching the head cost a full evaluation each, so
        at most :data:`HEAD_SWAPS` of them are tried in all (deterministic budget)."""
        slots = movable_positions(self.model, self.order)
        head_tries = 0
        for _ in range(max_passes):
            improved = False
            for a, b in zip(slots[:-1], slots[1:], strict=False):
                in_head = self.pos_in_tail[self.order[a]] < 0 or self.pos_in_tail[self.order[b]] < 0
                if in_head:
                    if head_tries >= HEAD_SWAPS:
                        continue
                    head_tries += 1
                if self.try_swap(int(a), int(b)):
                    improved = True
            if not improved:
                break
        return self.order, self.ev.cost(self.order)


def optimise_order(model: PlanningModel, tm: Timing) -> np.ndarray:
    """The order of lowest risk exposure found (never worse than the default order)."""
    default = default_order(model)
    ev = OrderEvaluator(model, tm)
    smith = smith_order(model)
    candidates = []
    if model.has_deadlines:
        # the orders as they are, and repaired (the repair works on the sequence, so either
        # can have fewer weeks late in the real schedule)
        candidates += [(ev.cost(default), 5, default), (ev.cost(smith), 4, smith)]
        default = repair_order(model, tm, default, ev.latest)
        smith = repair_order(model, tm, smith, ev.latest)
    candidates.append((ev.cost(default), 2, default))
    candidates.append((ev.cost(smith), 1, smith))
    start = min(candidates, key=lambda c: (c[0], c[1]))[2]
    n_movable = len(movable_positions(model, start))
    small = int(model.slotted.sum()) <= SMALL_BUILDINGS
    if n_movable <= EXHAUSTIVE_CLUSTERS:
        improved, cost = exhaustive_search(ev, start)
    elif small and n_movable <= SMALL_CLUSTERS:
        improved, cost = insertion_search(ev, start)
    else:
        improved, cost = SwapSearch(ev, start).run()
    candidates.append((cost, 0, improved))
    if model.has_deadlines:
        repaired = repair_order(model, tm, improved, ev.latest)
        if not np.array_equal(repaired, improved):
            candidates.append((ev.cost(repaired), 3, repaired))
    return min(candidates, key=lambda c: (c[0], c[1]))[2]
