"""Which cluster each building belongs to.

Rule (shown to the user in the cluster panel's help text and the README):

* A building belongs to the cluster whose polygon contains its **representative
  point**: ``shapely.point_on_surface`` of the footprint, a point guaranteed to lie
  inside the footprint. A building that straddles a cluster boundary therefore
  belongs to exactly one side, decided by where that point lies. A point exactly on
  the boundary counts as inside (``intersects``), so two clusters that share an edge
  never lose a building between them.
* A building is in **at most one** cluster. Where clusters overlap, the **first
  cluster keeps its buildings**: cluster order is the row order of
  ``project.clusters`` (which is also the priority order after ranking). The
  buildings in an overlap are reported by :func:`overlapping_rows` so the UI can
  show them; they are never counted twice.

Membership is stored on the buildings, column ``cluster_id`` (``""`` = no cluster).

Speed: the representative points and an ``STRtree`` over them are built once per
buildings frame (:func:`membership_index`, cached). After an edit, only the rows whose
point lies in the old or the new polygon can change, so :func:`update_membership`
re-tests just those rows against the clusters (an ``STRtree`` over the few hundred
cluster polygons is built per call, which is cheap). A full recompute
(:func:`compute_membership`) is one vectorised tree query.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import STRtree

NO_CLUSTER = ""


class MembershipIndex:
    """Representative points of one buildings frame and a spatial index over them."""

    def __init__(self, buildings: gpd.GeoDataFrame):
        self.geometries = np.asarray(buildings.geometry.array)
        self.n = len(self.geometries)
        points = shapely.point_on_surface(self.geometries)
        # Empty or missing footprints get no point and so never join a cluster.
        missing = shapely.is_missing(points) | shapely.is_empty(points)
        if missing.any():
            points = points.copy()
            points[missing] = shapely.Point()
        self.points = points
        self.coords = np.full((self.n, 2), np.nan)
        valid = ~missing
        if valid.any():
            self.coords[valid] = shapely.get_coordinates(points[valid])
        self.tree = STRtree(points)

    def matches(self, buildings: gpd.GeoDataFrame) -> bool:
        return np.asarray(buildings.geometry.array) is self.geometries

    def rows_in(self, geometries: Iterable) -> np.ndarray:
        """Sorted rows whose representative point intersects any of ``geometries``."""
        geoms = [g for g in geometries if g is not None and not shapely.is_empty(g)]
        if not geoms:
            return np.empty(0, dtype=np.int64)
        hits = self.tree.query(np.asarray(geoms, dtype=object), predicate="intersects")
        return np.unique(hits[1]).astype(np.int64)


# Frames are unhashable, so the cache is keyed by id() and guarded by a weak reference
# (an id can be reused after the frame is garbage collected).
_CACHE: dict[int, tuple[weakref.ref, MembershipIndex]] = {}


def membership_index(buildings: gpd.GeoDataFrame) -> MembershipIndex:
    """The cached index of ``buildings``; rebuilt when its geometry column was replaced."""
    key = id(buildings)
    entry = _CACHE.get(key)
    if entry is not None and entry[0]() is buildings and entry[1].matches(buildings):
        return entry[1]
    index = MembershipIndex(buildings)
    _CACHE[key] = (weakref.ref(buildings, lambda _ref, key=key: _CACHE.pop(key, None)), index)
    return index


def _cluster_ids(clusters: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(clusters["cluster_id"].astype(str).to_numpy(), dtype=object)


def _first_cluster(
    index: MembershipIndex, clusters: gpd.GeoDataFrame, rows: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``rows`` (all when None): cluster order position or -1, and hit counts."""
    n_rows = index.n if rows is None else len(rows)
    first = np.full(n_rows, -1, dtype=np.int64)
    counts = np.zeros(n_rows, dtype=np.int64)
    if n_rows == 0 or len(clusters) == 0:
        return first, counts
    polygons = np.asarray(clusters.geometry.array)
    usable = ~(shapely.is_missing(polygons) | shapely.is_empty(polygons))
    if rows is None:
        order = np.flatnonzero(usable)
        hits = index.tree.query(polygons[order], predicate="intersects")
        cluster_pos = order[hits[0]]
        local_row = hits[1]
    else:
        points = index.points[rows]
        tree = STRtree(np.where(usable, polygons, None))
        hits = tree.query(points, predicate="intersects")
        local_row = hits[0]
        cluster_pos = hits[1]
    if len(local_row) == 0:
        return first, counts
    big = np.iinfo(np.int64).max
    first_or_big = np.full(n_rows, big, dtype=np.int64)
    np.minimum.at(first_or_big, local_row, cluster_pos)
    hit = first_or_big != big
    first[hit] = first_or_big[hit]
    np.add.at(counts, local_row, 1)
    return first, counts


def compute_membership(
    buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, *, index: MembershipIndex | None = None
) -> np.ndarray:
    """``cluster_id`` per building row (``""`` for none), by the first-cluster-keeps rule."""
    index = index or membership_index(buildings)
    first, _ = _first_cluster(index, clusters, None)
    ids = np.append(_cluster_ids(clusters), NO_CLUSTER)
    return ids[first]  # -1 picks the trailing NO_CLUSTER


def _write_column(buildings: gpd.GeoDataFrame, values: np.ndarray) -> None:
    buildings["cluster_id"] = pd.Series(values, index=buildings.index, dtype=object)


def current_membership(buildings: gpd.GeoDataFrame) -> np.ndarray:
    """The stored ``cluster_id`` column as an object array (``""`` where missing)."""
    if "cluster_id" not in buildings.columns:
        return np.full(len(buildings), NO_CLUSTER, dtype=object)
    values = buildings["cluster_id"].to_numpy(dtype=object, na_value=NO_CLUSTER)
    return np.asarray(values, dtype=object)


def assign_membership(
    buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, *, index: MembershipIndex | None = None
) -> np.ndarray:
    """Recompute membership of every building and write it to ``buildings['cluster_id']``.

    Returns the new column (object array).
    """
    values = compute_membership(buildings, clusters, index=index)
    _write_column(buildings, values)
    return values


def update_membership(
    buildings: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame,
    changed_geometries: Iterable,
    *,
    index: MembershipIndex | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Recompute membership only where it can have changed, and write it.

    ``changed_geometries`` are the polygons before and after the edit (old and new
    outline of an edited cluster, the outline of a deleted or added one). Only the
    rows whose representative point lies in one of them are re-tested against all
    ``clusters`` (in their order). Returns ``(rows, old_ids, new_ids)`` for the rows
    whose cluster changed, which is what an undo command needs to restore exactly.
    """
    index = index or membership_index(buildings)
    rows = index.rows_in(changed_geometries)
    return _update_rows(buildings, clusters, rows, index)


def _update_rows(buildings, clusters, rows, index):
    current = current_membership(buildings)
    if len(rows) == 0:
        empty = np.empty(0, dtype=object)
        return rows, empty, empty
    first, _ = _first_cluster(index, clusters, rows)
    ids = np.append(_cluster_ids(clusters), NO_CLUSTER)
    new_ids = ids[first]
    old_ids = current[rows]
    changed = old_ids != new_ids
    rows, old_ids, new_ids = rows[changed], old_ids[changed], new_ids[changed]
    if len(rows):
        current = current.copy()
        current[rows] = new_ids
        _write_column(buildings, current)
    return rows, old_ids, new_ids


def set_membership_rows(buildings: gpd.GeoDataFrame, rows: np.ndarray, values: np.ndarray) -> None:
    """Write ``values`` into ``cluster_id`` at ``rows`` (used by undo to restore exactly)."""
    if len(rows) == 0:
        return
    current = current_membership(buildings).copy()
    current[np.asarray(rows, dtype=np.int64)] = np.asarray(values, dtype=object)
    _write_column(buildings, current)


def unclustered_rows(buildings: gpd.GeoDataFrame) -> np.ndarray:
    """Row positions of the buildings that are in no cluster (sorted)."""
    return np.flatnonzero(current_membership(buildings) == NO_CLUSTER).astype(np.int64)


def overlapping_rows(
    buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, *, index: MembershipIndex | None = None
) -> np.ndarray:
    """Rows whose representative point lies in more than one cluster polygon.

    These buildings count for the first of those clusters only (see the module
    docstring); the panel lists and the map can highlight them.
    """
    index = index or membership_index(buildings)
    _, counts = _first_cluster(index, clusters, None)
    return np.flatnonzero(counts > 1).astype(np.int64)


def members(buildings: gpd.GeoDataFrame, cluster_id: str) -> np.ndarray:
    """Row positions of the members of one cluster (from the stored column)."""
    return np.flatnonzero(current_membership(buildings) == cluster_id).astype(np.int64)
