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
  evaluated exactly with the scheduler: on small instances (up to
  :data:`SMALL_CLUSTERS` movable clusters and :data:`SMALL_BUILDINGS` buildings with work) every insertion of one cluster at another
  position, repeated until no move improves; on large ones passes of adjacent swaps whose
  effect is computed on the two blocks only (exact, see :class:`SwapSearch`). The result is
  the best of the default order, Smith's order and the improved order, so it is never worse
  than the default. Deterministic: no randomness, no time limits.

Locks: a cluster with ``lock_position`` p is at position p (positions beyond the number of
clusters put it at the end, in position order); clusters with a ``lock_start`` are placed by
the rule like the others (their position does not change when they start) and are never
moved by the improvement moves.
"""

from __future__ import annotations

import numpy as np

from gis_app.core.planning.model import PlanningModel
from gis_app.core.planning.schedule import (
    Timing,
    cumulative,
    free_sequence,
    locked_passes,
    members_of,
)

SMALL_BUILDINGS = 20_000
SMALL_CLUSTERS = 40
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
    g = np.arange(model.n_clusters)
    ids = np.unique(model.group_ids[g].astype(str), return_inverse=True)[1]
    base = g[np.lexsort((ids, -model.sum_lpr[g], -model.n_licht[g], -model.n_verhoogd[g]))]
    return apply_position_locks(model, base)


def smith_order(model: PlanningModel) -> np.ndarray:
    g = np.arange(model.n_clusters)
    n_work = model.n_work[g]
    ratio = np.where(n_work > 0, model.group_weight[g] / np.maximum(n_work, 1), -np.inf)
    ids = np.unique(model.group_ids[g].astype(str), return_inverse=True)[1]
    base = g[np.lexsort((ids, -ratio))]
    return apply_position_locks(model, base)


def explicit_order(model: PlanningModel, cluster_ids) -> np.ndarray:
    """An order given as cluster ids; clusters not named follow in the default order."""
    from gis_app.core.errors import PlanningError

    index = {str(cid): i for i, cid in enumerate(model.group_ids[: model.n_clusters])}
    named: list[int] = []
    seen: set[int] = set()
    for cid in cluster_ids:
        i = index.get(str(cid))
        if i is None:
            raise PlanningError(f"volgorde noemt onbekend cluster '{cid}'")
        if i not in seen:
            named.append(i)
            seen.add(i)
    rest = [int(g) for g in default_order(model) if int(g) not in seen]
    return apply_position_locks(model, np.asarray(named + rest, dtype=np.int64))


# --- evaluation ------------------------------------------------------------------------------


class OrderEvaluator:
    """Exact weighted start cost ``sum w x start`` of an order, for one set of shares.

    Construction durations do not depend on the order, so minimising this minimises the
    risk exposure. The fixed-start passes do not depend on the order either and are run once.
    """

    def __init__(self, model: PlanningModel, tm: Timing):
        self.model = model
        self.tm = tm
        passes = locked_passes(model, tm)
        self.cum = cumulative(passes.remaining)
        self.locked_cost = float(
            (model.weight * np.where(passes.starts >= 0, passes.starts, 0)).sum()
        )

    def cost(self, order: np.ndarray) -> float:
        members = members_of(self.model, free_sequence(self.model, order))
        if len(members) == 0:
            return self.locked_cost
        k = np.arange(len(members), dtype=np.int64)
        m = np.maximum.accumulate(self.cum[self.tm.release[members]] - k)
        s = np.searchsorted(self.cum, m + k, side="right") - 1
        return self.locked_cost + float(np.dot(self.model.weight[members], s))


def movable_positions(model: PlanningModel, order: np.ndarray) -> np.ndarray:
    """Indices into ``order`` that improvement moves may change."""
    g = np.asarray(order)
    fixed = ~np.isnan(model.lock_position[g]) | (model.lock_week[g] >= 0) | (model.n_work[g] == 0)
    return np.flatnonzero(~fixed)


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
                cand_items = rest[:j] + [items[i]] + rest[j:]
                cand = order.copy()
                cand[slots] = cand_items
                c = ev.cost(cand)
                if c < best - 1e-12 * max(1.0, abs(best)):
                    best, best_move = c, cand
        if best_move is None:
            break
        order = best_move
    return order, best


class SwapSearch:
    """Adjacent swaps of movable clusters with exact local re-evaluation.

    Swapping two clusters only changes the starts of the buildings in the blocks from the
    first to the second, unless the running maximum ``M`` at the end of those blocks changes
    (a preparation that holds the sequence up); then the whole sequence is re-evaluated.
    """

    def __init__(self, ev: OrderEvaluator, order: np.ndarray):
        self.ev = ev
        self.model = ev.model
        self.order = np.asarray(order, dtype=np.int64).copy()
        self._rebuild()

    def _rebuild(self) -> None:
        model = self.model
        self.seq = free_sequence(model, self.order)
        self.block = np.concatenate([[0], np.cumsum(model.n_work[self.seq])]).astype(np.int64)
        self.pos_in_seq = np.full(model.n_groups, -1, dtype=np.int64)
        self.pos_in_seq[self.seq] = np.arange(len(self.seq))
        self.members = members_of(model, self.seq)
        k = np.arange(len(self.members), dtype=np.int64)
        cum = self.ev.cum
        self.m = np.maximum.accumulate(cum[self.ev.tm.release[self.members]] - k)
        s = np.searchsorted(cum, self.m + k, side="right") - 1
        self.wcost = self.model.weight[self.members] * s

    def total(self) -> float:
        return self.ev.locked_cost + float(self.wcost.sum())

    def try_swap(self, i: int, j: int) -> bool:
        """Swap order positions i < j (both movable); keep it when it lowers the cost."""
        model, ev = self.model, self.ev
        gi, gj = int(self.order[i]), int(self.order[j])
        p, q = int(self.pos_in_seq[gi]), int(self.pos_in_seq[gj])
        new_seq_part = self.seq[p : q + 1].copy()
        new_seq_part[0], new_seq_part[-1] = gj, gi
        a, b = int(self.block[p]), int(self.block[q + 1])
        members = members_of(model, new_seq_part)
        k = np.arange(a, b, dtype=np.int64)
        x = ev.cum[ev.tm.release[members]] - k
        m = np.maximum.accumulate(x)
        if a > 0:
            m = np.maximum(m, self.m[a - 1])
        s = np.searchsorted(ev.cum, m + k, side="right") - 1
        new_w = model.weight[members] * s
        old = float(self.wcost[a:b].sum())
        new = float(new_w.sum())
        tail_changes = b < len(self.members) and m[-1] != self.m[b - 1]
        candidate = self.order.copy()
        candidate[i], candidate[j] = gj, gi
        if tail_changes:
            before = self.total()
            after = ev.cost(candidate)
            if after < before - 1e-12 * max(1.0, abs(before)):
                self.order = candidate
                self._rebuild()
                return True
            return False
        if new < old - 1e-12 * max(1.0, abs(old)):
            self.order = candidate
            self.seq[p : q + 1] = new_seq_part
            self.pos_in_seq[new_seq_part] = np.arange(p, q + 1)
            self.block[p + 1 : q + 2] = a + np.cumsum(model.n_work[new_seq_part])
            self.members[a:b] = members
            self.m[a:b] = m
            self.wcost[a:b] = new_w
            return True
        return False

    def run(self, max_passes: int = LARGE_PASSES) -> tuple[np.ndarray, float]:
        slots = movable_positions(self.model, self.order)
        for _ in range(max_passes):
            improved = False
            for a, b in zip(slots[:-1], slots[1:], strict=False):
                if self.try_swap(int(a), int(b)):
                    improved = True
            if not improved:
                break
        return self.order, self.total()


def optimise_order(model: PlanningModel, tm: Timing) -> np.ndarray:
    """The order of lowest risk exposure found (never worse than the default order)."""
    default = default_order(model)
    ev = OrderEvaluator(model, tm)
    candidates = [(ev.cost(default), 2, default)]
    smith = smith_order(model)
    candidates.append((ev.cost(smith), 1, smith))
    start = min(candidates, key=lambda c: (c[0], c[1]))[2]
    small = int(model.work.sum()) <= SMALL_BUILDINGS
    if small and len(movable_positions(model, start)) <= SMALL_CLUSTERS:
        improved, cost = insertion_search(ev, start)
    else:
        improved, cost = SwapSearch(ev, start).run()
    candidates.append((cost, 0, improved))
    return min(candidates, key=lambda c: (c[0], c[1]))[2]
