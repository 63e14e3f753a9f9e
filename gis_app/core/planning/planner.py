"""The planner: precompute once, recompute fast.

``Planner(buildings, clusters, config)`` turns the inputs into arrays
(:class:`~.model.PlanningModel`) and finds the pairs of neighbouring buildings once: candidate
pairs from an STRtree on the envelopes grown by the neighbour distance, then the exact
footprint distance (``shapely.dwithin``) for the pairs of buildings that both need work (the
only ones the explainability count uses). ``planner.run(...)`` then
costs one vectorised schedule plus the metrics; a slider that changes one cluster's share
calls ``run(shares={cluster_id: s})`` again.

``order`` is ``"default"``, ``"optimise"`` or a sequence of cluster ids (e.g. an order that
was optimised earlier and that the planner keeps while moving sliders; clusters not named
follow in the default order). Locks always apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core.errors import PlanningError
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.planning.model import PlanningModel
from gis_app.core.planning.order import default_order, explicit_order, optimise_order
from gis_app.core.planning.result import PlanResult
from gis_app.core.planning.schedule import ScheduleCache, schedule_starts, timing

ORDER_DEFAULT = "default"
ORDER_OPTIMISE = "optimise"
ORDERS = (ORDER_DEFAULT, ORDER_OPTIMISE)


def candidate_pairs(geometries, distance: float) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, whose bounding boxes come within ``distance`` metres.

    A superset of the neighbour pairs, cheap to find (STRtree on envelopes); the exact
    footprint distance is checked in :func:`neighbour_pairs` on the pairs that matter.
    """
    geoms = np.asarray(geometries, dtype=object)
    if len(geoms) < 2 or distance < 0:
        return np.empty((0, 2), dtype=np.int64)
    valid = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    idx = np.flatnonzero(valid)
    if len(idx) < 2:
        return np.empty((0, 2), dtype=np.int64)
    g = geoms[idx]
    bounds = shapely.bounds(g)
    d = float(distance)
    boxes = shapely.box(bounds[:, 0] - d, bounds[:, 1] - d, bounds[:, 2] + d, bounds[:, 3] + d)
    a, b = shapely.STRtree(g).query(boxes)
    keep = a < b
    return np.column_stack([idx[a[keep]], idx[b[keep]]]).astype(np.int64)


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
        _candidates: np.ndarray | None = None,
    ):
        self.buildings = buildings
        self.clusters = clusters
        self.config = (config.copy() if config is not None else PlanningConfig()).validate()
        self.model = PlanningModel(buildings, clusters, self.config)
        geoms = np.empty(0, dtype=object)
        if isinstance(buildings, gpd.GeoDataFrame) and buildings._geometry_column_name in buildings:
            geoms = np.asarray(buildings.geometry.values, dtype=object)[self.model.rows]
        distance = self.config.neighbour_distance_m
        if _candidates is None:
            _candidates = candidate_pairs(geoms, distance)
        self.candidates = _candidates
        model = self.model
        self.pairs = neighbour_pairs(geoms, _candidates, distance, model.work)
        m = model.measure
        self.measure_pairs = int((m[self.pairs[:, 0]] != m[self.pairs[:, 1]]).sum())
        self.pair_arrays = (
            np.ascontiguousarray(self.pairs[:, 0]),
            np.ascontiguousarray(self.pairs[:, 1]),
        )
        self._default = default_order(self.model)
        self._cache = ScheduleCache()

    def with_config(self, config: PlanningConfig) -> Planner:
        same_distance = config.neighbour_distance_m == self.config.neighbour_distance_m
        same_rows = config.unclustered == self.config.unclustered
        return Planner(
            self.buildings,
            self.clusters,
            config,
            _candidates=self.candidates if (same_distance and same_rows) else None,
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
    ) -> PlanResult:
        """Schedule and measure. ``shares``: per cluster id, overriding the clusters table;
        ``global_share`` overrides the configuration's global share (clusters with NaN)."""
        model = self.model
        share_by_group = model.shares_array(shares, global_share)
        bespoke = model.bespoke_mask(share_by_group)
        tm = timing(model, bespoke)
        if isinstance(order, str):
            if order == ORDER_DEFAULT:
                groups, kind = self._default, ORDER_DEFAULT
            elif order == ORDER_OPTIMISE:
                groups, kind = optimise_order(model, tm), ORDER_OPTIMISE
            else:
                raise PlanningError(
                    f"onbekende volgorde '{order}' (kies {' of '.join(ORDERS)} of een lijst)"
                )
        else:
            groups, kind = explicit_order(model, order), "explicit"
        starts = schedule_starts(model, tm, groups, self._cache)
        return PlanResult(
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
        )


def plan(
    buildings: pd.DataFrame,
    clusters: pd.DataFrame | None,
    config: PlanningConfig | None = None,
    order: str | Sequence[str] = ORDER_DEFAULT,
    shares: Mapping[str, float] | None = None,
) -> PlanResult:
    """One-shot planning: ``Planner(buildings, clusters, config).run(shares, order)``."""
    return Planner(buildings, clusters, config).run(shares, order)
