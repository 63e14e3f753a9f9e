"""Accepting suggested clusters into a project.

The kept clusters stay first in the order (so they keep their buildings); the
suggested ones follow in rank order.
"""

from __future__ import annotations

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
    progress: ProgressCallback | None = None,
) -> Suggestion:
    """Suggest clusters for the buildings in no cluster and append them to ``clusters``.

    Existing clusters are kept and stay first in the order (so they keep their
    buildings); with ``replace`` they are discarded and every building is grouped.
    Membership recomputed from the returned polygons equals ``membership``.
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
    return Suggestion(
        clusters=frame,
        membership=membership,
        added_ids=suggested["cluster_id"].astype(str).tolist(),
        names=suggested["name"].astype(str).tolist(),
        reasons=suggested["reason"].astype(str).tolist(),
    )
