"""The planner: precompute once, recompute fast.

``Planner(buildings, clusters, config)`` turns the inputs into arrays
(:class:`~.model.PlanningModel`) and finds the pairs of neighbouring buildings once: candidate
pairs among the buildings with a measure (an STRtree on their envelopes, queried with the
envelopes grown by the neighbour distance, the pairs whose boxes lie farther apart dropped),
then the exact footprint distance (``shapely.dwithin``) for the pairs of buildings that both
need work (the only ones the explainability count uses). ``planner.run(...)`` then
costs one vectorised schedule plus the metrics; a slider that changes one cluster's share
calls ``run(shares={cluster_id: s})`` again.

``order`` is ``"default"``, ``"optimise"`` or a sequence of cluster ids (e.g. an order that
was optimised earlier and that the planner keeps while moving sliders; clusters not named
follow in the default order). Locks always apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core.errors import PlanningError
from gis_app.core.i18n import t
from gis_app.core.planning.bound import BoundResult, exposure_lower_bound
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.planning.deadlines import (
    DeadlineCache,
    PullForward,
    Remedies,
    TakeAhead,
    latest_start,
    moved_forward,
    new_pairs,
    repair_order,
)
from gis_app.core.planning.metrics import ExplainabilityCache
from gis_app.core.planning.model import PlanningModel
from gis_app.core.planning.order import default_order, explicit_order, optimise_order
from gis_app.core.planning.promises import commitment_report
from gis_app.core.planning.result import PlanResult
from gis_app.core.planning.schedule import ScheduleCache, Timing, schedule_starts, timing

ORDER_DEFAULT = "default"
ORDER_OPTIMISE = "optimise"
ORDERS = (ORDER_DEFAULT, ORDER_OPTIMISE)


@dataclass(frozen=True)
class NeighbourCandidates:
    """Candidate neighbour pairs among the buildings in ``scope`` (model indices): a superset
    of the neighbour pairs of every configuration whose buildings with work lie in
    ``scope``. The scope is the buildings with a measure before threat relief, which no
    setting but the one that chooses the planned rows (``unclustered``) widens."""

    pairs: np.ndarray  # (k, 2) int64, i < j
    scope: np.ndarray  # bool per planned building

    def covers(self, work: np.ndarray) -> bool:
        return len(self.scope) == len(work) and not (work & ~self.scope).any()


#: Buildings per search tree of :func:`candidate_pairs`. shapely builds an STRtree holding
#: the GIL for the whole build (about 0.2 s for 300,000 buildings); a tree per strip of this
#: many buildings takes a few milliseconds, so a worker thread that prepares a plan leaves
#: the UI thread free to draw between them.
TREE_ROWS = 16_384
#: Grown envelopes made (and freed) at a time: shapely makes and frees a Python object per
#: box holding the GIL, a few microseconds each.
BOX_ROWS = 2_048


def candidate_pairs(geometries, distance: float, scope: np.ndarray | None = None) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, whose bounding boxes come within ``distance`` metres in
    x and in y, and whose boxes' Euclidean distance is at most ``distance``; with ``scope``
    (bool per geometry) only pairs of buildings in it. Sorted by ``i``, then ``j``.

    A superset of the neighbour pairs, cheap to find (STRtrees on envelopes); the exact
    footprint distance is checked in :func:`neighbour_pairs` on the pairs that matter.

    The buildings are cut into strips of :data:`TREE_ROWS` by their left edge, one tree per
    strip; each strip's tree is asked for the grown envelopes that reach its extent only.
    Every pair is found once: by the envelope of ``i`` in the tree of ``j``'s strip.
    """
    geoms = np.asarray(geometries, dtype=object)
    if len(geoms) < 2 or distance < 0:
        return np.empty((0, 2), dtype=np.int64)
    valid = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    if scope is not None:
        valid &= scope
    idx = np.flatnonzero(valid)
    if len(idx) < 2:
        return np.empty((0, 2), dtype=np.int64)
    g = geoms[idx]
    bounds = shapely.bounds(g)
    d = float(distance)
    grown = bounds + np.array([-d, -d, d, d])
    by_left = np.argsort(bounds[:, 0], kind="stable")
    left_sorted = bounds[by_left, 0]
    widest = float((bounds[:, 2] - bounds[:, 0]).max())
    found_a, found_b = [], []
    for start in range(0, len(g), TREE_ROWS):
        members = by_left[start : start + TREE_ROWS]
        tree = shapely.STRtree(g[members])
        low = bounds[members].min(axis=0)
        high = bounds[members].max(axis=0)
        # the grown envelopes that reach the strip's extent (the tree's own test, in numpy),
        # tested only for the boxes whose left edge can reach it: a box at most ``widest``
        # wide reaches x >= low[0] only from a left edge >= low[0] - d - widest. Testing
        # every box for every strip made this quadratic (5 s of 20 at 3,000,000 buildings).
        near = by_left[
            np.searchsorted(left_sorted, low[0] - d - widest, side="left") : np.searchsorted(
                left_sorted, high[2] + d, side="right"
            )
        ]
        box_near = grown[near]
        ask = near[
            (box_near[:, 0] <= high[2])
            & (box_near[:, 2] >= low[0])
            & (box_near[:, 1] <= high[3])
            & (box_near[:, 3] >= low[1])
        ]
        member_bounds = bounds[members]
        for part in range(0, len(ask), BOX_ROWS):
            asked = ask[part : part + BOX_ROWS]
            box = grown[asked]
            qa, qb = tree.query(shapely.box(box[:, 0], box[:, 1], box[:, 2], box[:, 3]))
            a, b = asked[qa], members[qb]
            once = a < b  # each pair from the tree of its second building's strip
            a, b, qa, qb = a[once], b[once], qa[once], qb[once]
            # the boxes' own distance: a pair whose boxes are farther apart than ``distance``
            # (past a corner) cannot have footprints within it, and the exact test costs far
            # more. Tested here on the strip's own rows (small arrays that stay in the cache):
            # over all pairs at the end it cost 5 s at 3,000,000 buildings in cache misses.
            ba, bb = bounds[asked][qa], member_bounds[qb]
            gap_x = np.maximum(np.maximum(bb[:, 0] - ba[:, 2], ba[:, 0] - bb[:, 2]), 0)
            gap_y = np.maximum(np.maximum(bb[:, 1] - ba[:, 3], ba[:, 1] - bb[:, 3]), 0)
            keep = gap_x * gap_x + gap_y * gap_y <= d * d * (1 + 1e-9) + 1e-9
            found_a.append(a[keep])
            found_b.append(b[keep])
    # sorted by i, then j: one int64 key per pair sorts several times faster than lexsort
    key = np.concatenate(found_a) * len(g) + np.concatenate(found_b)
    key.sort()
    out = np.empty((len(key), 2), dtype=np.int64)
    out[:, 0] = idx[key // len(g)]
    out[:, 1] = idx[key % len(g)]
    return out


def neighbour_pairs(geometries, candidates: np.ndarray, distance: float, mask=None) -> np.ndarray:
    """The candidate pairs (both in ``mask``) whose footprints are within ``distance``."""
    if len(candidates) == 0:
        return candidates
    if mask is not None:
        candidates = candidates[mask[candidates[:, 0]] & mask[candidates[:, 1]]]
    geoms = np.asarray(geometries, dtype=object)
    close = shapely.dwithin(geoms[candidates[:, 0]], geoms[candidates[:, 1]], float(distance))
    return candidates[close]


class Planner:
    """Plans one set of buildings and clusters under one configuration.

    Changing the configuration: :meth:`with_config` (reuses the neighbour pairs when the
    buildings and the neighbour distance stay the same).

    Not thread-safe: :meth:`run` updates the planner's schedule cache, so one run at a time
    per planner (a worker thread may own the planner).
    """

    def __init__(
        self,
        buildings: pd.DataFrame,
        clusters: pd.DataFrame | None,
        config: PlanningConfig | None = None,
        *,
        commitments: Mapping[str, dt.date] | None = None,
        _candidates: np.ndarray | None = None,
        _pairs: np.ndarray | None = None,
        _prefetched=None,
    ):
        self.buildings = buildings
        self.clusters = clusters
        self.config = (config.copy() if config is not None else PlanningConfig()).validate()
        #: promised construction start per building_id (locks "no later than")
        self.commitments = dict(commitments or {})
        self.model = PlanningModel(buildings, clusters, self.config, self.commitments)
        geoms = np.empty(0, dtype=object)
        if isinstance(buildings, gpd.GeoDataFrame) and buildings._geometry_column_name in buildings:
            geoms = np.asarray(buildings.geometry.values, dtype=object)[self.model.rows]
        distance = self.config.neighbour_distance_m
        model = self.model
        if _candidates is None and _prefetched is not None:  # found in another process
            found = _prefetched.for_model(model, distance)
            if found is not None:
                _candidates, found_pairs = found
                _pairs = found_pairs if _pairs is None else _pairs
        if _candidates is None or not _candidates.covers(model.work):
            # buildings with a measure before threat relief: the widest work of any setting
            scope = model.original_measure > 0
            _candidates = NeighbourCandidates(candidate_pairs(geoms, distance, scope), scope)
        self.candidates = _candidates
        if _pairs is None:
            _pairs = neighbour_pairs(geoms, _candidates.pairs, distance, model.work)
        self.pairs = _pairs
        m = model.measure
        self.measure_pairs = int((m[self.pairs[:, 0]] != m[self.pairs[:, 1]]).sum())
        self.pair_arrays = (
            np.ascontiguousarray(self.pairs[:, 0]),
            np.ascontiguousarray(self.pairs[:, 1]),
        )
        self._default = default_order(self.model)
        self._cache = ScheduleCache()
        self._cache_requested = ScheduleCache()  # the requested order when deadlines move it
        self._explain_cache = ExplainabilityCache(self.pair_arrays, self.model.n)
        self._deadline_cache = DeadlineCache()
        self._last_timing: tuple[np.ndarray, np.ndarray, Timing] | None = None

    def with_commitments(self, commitments: Mapping[str, dt.date]) -> Planner:
        """The same planner with other commitments (neighbour pairs reused)."""
        return Planner(
            self.buildings,
            self.clusters,
            self.config,
            commitments=commitments,
            _candidates=self.candidates,
            _pairs=self.pairs,
        )

    def with_config(self, config: PlanningConfig) -> Planner:
        same_distance = config.neighbour_distance_m == self.config.neighbour_distance_m
        same_rows = config.unclustered == self.config.unclustered
        # deadlines, buildings taken ahead and contracted capacity change no building's
        # work: same pairs
        ignore = ("deadlines", "ahead_of_cluster", "contracted")
        mine = {k: v for k, v in self.config.to_dict().items() if k not in ignore}
        theirs = {k: v for k, v in config.copy().validate().to_dict().items() if k not in ignore}
        return Planner(
            self.buildings,
            self.clusters,
            config,
            commitments=self.commitments,
            _candidates=self.candidates if (same_distance and same_rows) else None,
            _pairs=self.pairs if mine == theirs else None,
        )

    @property
    def cluster_ids(self) -> list[str]:
        return [str(c) for c in self.model.group_ids[: self.model.n_clusters]]

    def default_order(self) -> list[str]:
        return [str(c) for c in self.model.group_ids[self._default]]

    def shares_for(
        self, shares: Mapping[str, float] | None = None, global_share: float | None = None
    ) -> np.ndarray:
        return self.model.shares_array(shares, global_share)

    def run(
        self,
        shares: Mapping[str, float] | pd.Series | None = None,
        order: str | Sequence[str] = ORDER_DEFAULT,
        *,
        global_share: float | None = None,
        keep_deadlines: bool = True,
    ) -> PlanResult:
        """Schedule and measure. ``shares``: per cluster id, overriding the clusters table;
        ``global_share`` overrides the configuration's global share (clusters with NaN).
        With deadlines the order is repaired to keep them (:mod:`.deadlines`) unless
        ``keep_deadlines`` is False (then misses are only reported)."""
        model = self.model
        share_by_group = model.shares_array(shares, global_share)
        bespoke, tm = self._timing(share_by_group)
        if isinstance(order, str):
            if order == ORDER_DEFAULT:
                groups, kind = self._default, ORDER_DEFAULT
            elif order == ORDER_OPTIMISE:
                groups, kind = optimise_order(model, tm), ORDER_OPTIMISE
            else:
                raise PlanningError(
                    t(
                        "onbekende volgorde '{order}' (kies {join} of een lijst)",
                        order=order,
                        join=" of ".join(ORDERS),
                    )
                )
        else:
            groups, kind = explicit_order(model, order), "explicit"
        requested = groups
        starts = None
        if model.has_deadlines and keep_deadlines and kind != ORDER_OPTIMISE:
            latest = latest_start(model, tm)
            repaired = repair_order(model, tm, groups, latest, cache=self._deadline_cache)
            if not np.array_equal(repaired, groups):
                # the repair works on the sequence; keep it only when the real schedule
                # has fewer late buildings (then weeks late, then exposure) than the
                # requested order
                mine = schedule_starts(model, tm, repaired, self._cache)
                theirs = schedule_starts(model, tm, groups, self._cache_requested)
                a, b = _lateness(model, mine, latest), _lateness(model, theirs, latest)
                if a == b:  # as late: the lower exposure
                    w = model.weight
                    # sums, not np.dot (BLAS threads: see PlanResult's total cost)
                    a = float((w * np.maximum(mine, 0)).sum())
                    b = float((w * np.maximum(theirs, 0)).sum())
                if a <= b:
                    groups, starts = repaired, mine
                else:
                    starts = theirs
        if starts is None:
            starts = schedule_starts(model, tm, groups, self._cache)
        result = PlanResult(
            model,
            self.config,
            groups,
            kind,
            share_by_group,
            bespoke,
            starts,
            tm.prep,
            tm.duration,
            self.pair_arrays,
            self.measure_pairs,
            explain_cache=self._explain_cache,
        )
        result.pulled_forward = moved_forward(model, requested, groups)
        result.metrics["deadline_clusters_pulled_forward"] = len(result.pulled_forward)
        result.metrics["commitments"] = commitment_report(result)
        return result

    def _timing(self, share_by_group: np.ndarray) -> tuple[np.ndarray, Timing]:
        """Bespoke mask and timing for these shares. A slider changes one cluster's share:
        then only that cluster's buildings are recomputed on a copy of the last arrays
        (the last result keeps its own), which gives the same arrays as a fresh
        :func:`.schedule.timing`."""
        model = self.model
        last = self._last_timing
        if last is not None and len(last[0]) == len(share_by_group):
            changed = np.flatnonzero(last[0] != share_by_group)
            if len(changed) == 0:
                return last[1], last[2]
            if len(changed) <= 8:
                idx = np.concatenate([model.buildings_of(int(g)) for g in changed])
                bespoke = last[1].copy()
                bespoke[idx] = model.bespoke_mask(share_by_group, idx)
                prev = last[2]
                tm = Timing(
                    bespoke=prev.bespoke.copy(),
                    release=prev.release.copy(),
                    prep=prev.prep.copy(),
                    duration=prev.duration.copy(),
                )
                part = timing(model, bespoke[idx], idx)
                tm.bespoke[idx], tm.release[idx] = part.bespoke, part.release
                tm.prep[idx], tm.duration[idx] = part.prep, part.duration
                self._last_timing = (share_by_group.copy(), bespoke, tm)
                return bespoke, tm
        bespoke = model.bespoke_mask(share_by_group)
        tm = timing(model, bespoke)
        self._last_timing = (share_by_group.copy(), bespoke, tm)
        return bespoke, tm

    # --- how good is a plan -------------------------------------------------------------
    def bound(
        self,
        shares: Mapping[str, float] | None = None,
        *,
        should_stop=None,
        time_limit: float = 60.0,
    ) -> BoundResult:
        """A certified lower bound on the risk exposure of every plan with these shares
        (:mod:`.bound`). Seconds on a large project: run it in the background;
        ``should_stop()`` returning True ends it early with a valid, less tight bound."""
        return exposure_lower_bound(self, shares, should_stop=should_stop, time_limit=time_limit)

    def attach_bound(self, result: PlanResult, bound: BoundResult | None = None, **kwargs):
        """Put ``exposure_lower_bound`` and ``optimality_gap`` into ``result.metrics``
        (computing the bound with :meth:`bound` when not given); returns the bound."""
        if bound is None:
            bound = self.bound(**kwargs)
        exposure = result.metrics["risk_exposure"]
        result.metrics["exposure_lower_bound"] = bound.lower_bound
        result.metrics["optimality_gap"] = bound.gap(exposure)
        result.metrics["bound_cancelled"] = bound.cancelled
        return bound

    # --- deadlines ---------------------------------------------------------------------
    def deadline_remedies(
        self,
        result: PlanResult,
        cluster_ids: Sequence[str] | None = None,
        *,
        limit: int = 10,
        shares: Mapping[str, float] | None = None,
    ) -> list[Remedies]:
        """The two remedies (:mod:`.deadlines`) for clusters with late buildings in ``result``.

        ``cluster_ids``: the clusters to look at (default: those with the most late
        buildings, at most ``limit``). Each remedy costs one plan, so ask for it on request
        (a button, a background job), not on every slider move. ``shares``: the shares the
        result was computed with (overrides as given to :meth:`run`).
        """
        misses = result.metrics.get("deadline_misses") or []
        by_cluster: dict[str, list[str]] = {}
        for miss in misses:
            by_cluster.setdefault(miss["cluster_id"], []).append(miss["building_id"])
        if cluster_ids is None:
            chosen = sorted(by_cluster, key=lambda c: (-len(by_cluster[c]), c))[:limit]
        else:
            chosen = [str(c) for c in cluster_ids if str(c) in by_cluster]
        current = list(result.order_ids[: self.model.n_clusters])
        base_exposure = result.metrics["risk_exposure"]
        base_misses = {m["building_id"] for m in misses}
        model = self.model
        out = []
        index = {b: i for i, b in enumerate(model.building_id.tolist())}
        # buildings whose preparation alone ends too late: no order or remedy helps them
        release = np.ceil(result.prep_weeks - 1e-9)
        latest = np.floor((model.deadline_days + 0.49) / 7.0 - result.duration_weeks + 1e-9)
        hopeless = model.slotted & (release > latest)
        for cid in chosen:
            notes = []
            late = [b for b in by_cluster[cid] if not hopeless[index[b]]]
            if len(late) < len(by_cluster[cid]):
                notes.append(
                    t(
                        "{value} panden kunnen het niet halen: hun voorbereiding en uitvoering "
                        "duren langer dan de tijd tot de termijn",
                        value=len(by_cluster[cid]) - len(late),
                    )
                )
            if not late:
                late = list(by_cluster[cid])
            # remedy 1: the cluster first, the others in their order (no further repair, so
            # the cost is this move's alone)
            if cid in current:
                order = [cid] + [c for c in current if c != cid]
                moved = self.run(shares, order=order, keep_deadlines=False)
            else:
                order = current
                moved = result
                notes.append(
                    t(
                        "panden zonder cluster komen achteraan; naar voren halen kan alleen "
                        "per pand (voortrekken)"
                    )
                )
            moved_misses = moved.metrics.get("deadline_misses") or []
            still = {m["building_id"] for m in moved_misses if m["cluster_id"] == cid}
            before_end = dict(
                zip(result.clusters["cluster_id"], result.clusters["end"], strict=True)
            )
            later = {}
            for c, end in zip(moved.clusters["cluster_id"], moved.clusters["end"], strict=True):
                if c != cid and c in before_end and end > before_end[c]:
                    later[str(c)] = int((end - before_end[c]).days)
            pull = PullForward(
                cluster_id=cid,
                order=list(moved.order_ids[: model.n_clusters]),
                meets=not still,
                extra_exposure=moved.metrics["risk_exposure"] - base_exposure,
                later_clusters=later,
                new_misses=sum(
                    1
                    for m in moved_misses
                    if m["cluster_id"] != cid and m["building_id"] not in base_misses
                ),
            )
            # remedy 2: the late buildings ahead of their cluster
            config = self.config.copy()
            config.ahead_of_cluster = list(dict.fromkeys([*config.ahead_of_cluster, *late]))
            other = self.with_config(config)
            ahead = other.run(shares, order=current)
            idx = np.asarray([index[b] for b in late], dtype=np.int64)
            ahead_misses = {m["building_id"] for m in ahead.metrics.get("deadline_misses") or []}
            pairs = new_pairs(result, ahead, idx)
            ids = model.building_id
            take = TakeAhead(
                cluster_id=cid,
                building_ids=list(late),
                meets=not (set(late) & ahead_misses),
                completion={
                    str(ids[i]): ahead.date_of(ahead.completion_week[i]).isoformat() for i in idx
                },
                pairs=[(str(ids[a]), str(ids[b])) for a, b in pairs],
                extra_exposure=ahead.metrics["risk_exposure"] - base_exposure,
            )
            out.append(Remedies(cid, list(late), pull, take, notes))
        return out


def _lateness(model, starts: np.ndarray, latest: np.ndarray) -> tuple[int, float]:
    """Late buildings and weeks late (only buildings with a deadline can be late)."""
    idx = model.deadline_idx
    late = starts[idx] - latest[idx]
    positive = late[late > 0]
    return len(positive), float(positive.sum())


def plan(
    buildings: pd.DataFrame,
    clusters: pd.DataFrame | None,
    config: PlanningConfig | None = None,
    order: str | Sequence[str] = ORDER_DEFAULT,
    shares: Mapping[str, float] | None = None,
) -> PlanResult:
    """One-shot planning: ``Planner(buildings, clusters, config).run(shares, order)``."""
    return Planner(buildings, clusters, config).run(shares, order)
