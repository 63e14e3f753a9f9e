"""Accepting suggested clusters into a project.

The kept clusters stay first in the order (so they keep their buildings); the
suggested ones follow in rank order.

A minimum size (``min_size``) leaves out suggestions with fewer buildings: after small
groups have joined a neighbour where the limits allow, what is still smaller (an
isolated farm, a pair of houses) stays without a cluster instead of becoming a
cluster of one or two. Those buildings are planned with the other buildings without a
cluster. :func:`without_small` applies a new minimum to a finished suggestion, so the
planner can try minimums on the map without computing again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from gis_app.core.clusters.frames import append_clusters, cluster_frame
from gis_app.core.clusters.membership import NO_CLUSTER
from gis_app.core.clusters.suggest import (
    DEFAULT_LINK_DISTANCE,
    DEFAULT_MAX_BUILDINGS,
    DEFAULT_MAX_SPREAD,
    DEFAULT_MERGE_DISTANCE,
    DEFAULT_MIN_BUILDINGS,
    ProgressCallback,
    suggest_clusters,
)
from gis_app.core.schema import CLUSTER_COLUMNS, WORKING_CRS


@dataclass
class Suggestion:
    """The project's clusters and membership after accepting a suggestion."""

    clusters: gpd.GeoDataFrame  # kept clusters first, then the suggested ones in rank order
    membership: np.ndarray  # cluster_id per building row (object array, "" = none)
    added_ids: list[str]
    names: list[str]  # of the added clusters, in order
    reasons: list[str]  # rank reason of the added clusters, in order
    sizes: list[int] | None = None  # buildings per added cluster, in order
    left_out: int = 0  # suggested groups left out for being smaller than the minimum
    left_out_buildings: int = 0  # their buildings, which stay without a cluster

    @property
    def added(self) -> gpd.GeoDataFrame:
        """The suggested clusters only (what a preview draws)."""
        ids = self.clusters["cluster_id"].astype(str)
        return self.clusters.loc[ids.isin(self.added_ids).to_numpy()]


def _sizes(membership: np.ndarray, ids: list[str]) -> list[int]:
    values, counts = np.unique(np.asarray(membership, dtype=object).astype(str), return_counts=True)
    found = dict(zip(values.tolist(), counts.tolist(), strict=True))
    return [int(found.get(c, 0)) for c in ids]


def without_small(suggestion: Suggestion, min_size: int) -> Suggestion:
    """The suggestion without its added clusters of fewer than ``min_size`` buildings.

    Their buildings get no cluster; the kept (existing) clusters are never touched.
    Returns a new :class:`Suggestion` (counting what was left out on top of what the
    input already left out); the input is unchanged.
    """
    sizes = suggestion.sizes
    if sizes is None:
        sizes = _sizes(suggestion.membership, suggestion.added_ids)
    small = [c for c, n in zip(suggestion.added_ids, sizes, strict=True) if n < min_size]
    if not small:
        return dataclasses.replace(suggestion, sizes=list(sizes))
    drop = set(small)
    keep = [i for i, c in enumerate(suggestion.added_ids) if c not in drop]
    ids = suggestion.clusters["cluster_id"].astype(str)
    clusters = suggestion.clusters.loc[~ids.isin(drop).to_numpy()].reset_index(drop=True)
    membership = np.asarray(suggestion.membership, dtype=object).copy()
    dropped_rows = np.isin(membership.astype(str), small)
    membership[dropped_rows] = NO_CLUSTER
    return Suggestion(
        clusters=clusters,
        membership=membership,
        added_ids=[suggestion.added_ids[i] for i in keep],
        names=[suggestion.names[i] for i in keep],
        reasons=[suggestion.reasons[i] for i in keep],
        sizes=[int(sizes[i]) for i in keep],
        left_out=suggestion.left_out + len(small),
        left_out_buildings=suggestion.left_out_buildings + int(dropped_rows.sum()),
    )


def add_suggestions(
    buildings: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame,
    *,
    max_buildings: int = DEFAULT_MAX_BUILDINGS,
    max_spread: float = DEFAULT_MAX_SPREAD,
    link_distance: float = DEFAULT_LINK_DISTANCE,
    min_buildings: int = DEFAULT_MIN_BUILDINGS,
    merge_distance: float = DEFAULT_MERGE_DISTANCE,
    replace: bool = False,
    min_size: int = 1,
    progress: ProgressCallback | None = None,
) -> Suggestion:
    """Suggest clusters for the buildings in no cluster and append them to ``clusters``.

    Existing clusters are kept and stay first in the order (so they keep their
    buildings); with ``replace`` they are discarded and every building is grouped.
    Membership recomputed from the returned polygons equals ``membership``.
    Suggestions of fewer than ``min_size`` buildings are left out (see the module
    docstring).
    """
    crs = buildings.crs or WORKING_CRS
    if replace or len(clusters) == 0:
        base = cluster_frame([], [], crs=crs)
        subset, rows = buildings, np.arange(len(buildings))
        membership = np.full(len(buildings), NO_CLUSTER, dtype=object)
    else:
        from gis_app.core.clusters.membership import compute_membership

        base = clusters
        membership = compute_membership(buildings, clusters)
        rows = np.flatnonzero(membership == NO_CLUSTER)
        subset = buildings.iloc[rows]
    suggested, sub_membership = suggest_clusters(
        subset,
        max_buildings=max_buildings,
        max_spread=max_spread,
        link_distance=link_distance,
        min_buildings=min_buildings,
        merge_distance=merge_distance,
        existing=base,
        progress=progress,
    )
    membership = membership.copy()
    membership[rows] = sub_membership.to_numpy(dtype=object)
    frame = append_clusters(base, suggested[[*CLUSTER_COLUMNS, "geometry"]])
    added_ids = suggested["cluster_id"].astype(str).tolist()
    suggestion = Suggestion(
        clusters=frame,
        membership=membership,
        added_ids=added_ids,
        names=suggested["name"].astype(str).tolist(),
        reasons=suggested["reason"].astype(str).tolist(),
        sizes=_sizes(sub_membership.to_numpy(dtype=object), added_ids),
    )
    return without_small(suggestion, min_size) if min_size > 1 else suggestion
