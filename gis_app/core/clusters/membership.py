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
re-tests just those rows against the clusters whose envelope meets theirs (a
handful, found from the clusters' bounds). A full recompute
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

from gis_app.core.slices import in_slices

NO_CLUSTER = ""


class MembershipIndex:
    """Representative points of one buildings frame and a spatial index over them."""

    def __init__(self, buildings: gpd.GeoDataFrame):
        self.geometries = np.asarray(buildings.geometry.array)
        self.n = len(self.geometries)
        # a Python object per footprint, made while holding the GIL: in slices, so a
        # worker making the index leaves the UI thread time to draw
        points = in_slices(shapely.point_on_surface, self.geometries)
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
        self._tree: STRtree | None = None

    @property
    def tree(self) -> STRtree:
        """An index over the points, built on first use (one call that keeps the GIL for
        about 70 ms at 300,000: counting the clusters' members and their overlaps does
        without it; edits build it once)."""
        if self._tree is None:
            self._tree = STRtree(self.points)
        return self._tree

    def matches(self, buildings: gpd.GeoDataFrame) -> bool:
        return np.asarray(buildings.geometry.array) is self.geometries

    def rows_in(self, geometries: Iterable, *, build_tree: bool = True) -> np.ndarray:
        """Sorted rows whose representative point intersects any of ``geometries``.

        ``build_tree=False`` (a one-off question, such as the first count of overlaps on a
        worker): without the tree over all points, every point is tested against a tree of
        the geometries instead (7 ms at 300,000, without the GIL). Edits ask again and
        again, and the tree answers them in well under a millisecond once built."""
        geoms = [g for g in geometries if g is not None and not shapely.is_empty(g)]
        if not geoms:
            return np.empty(0, dtype=np.int64)
        if self._tree is None and not build_tree:
            hits = STRtree(np.asarray(geoms, dtype=object)).query(
                self.points, predicate="intersects"
            )
            return np.unique(hits[0]).astype(np.int64)
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
    remember_index(buildings, index)
    return index


def remember_index(buildings: gpd.GeoDataFrame, index: MembershipIndex) -> bool:
    """Cache ``index`` for ``buildings`` when it is of their geometries (an index made
    from a copy-on-write snapshot of them, on a worker thread); whether it was."""
    geometries = np.asarray(buildings.geometry.array)
    if not index.matches(buildings):
        # a snapshot's geometry column is another view of the same objects
        same = len(geometries) == index.n and (
            index.n == 0 or np.shares_memory(geometries, index.geometries)
        )
        if not same:
            return False
        index.geometries = geometries
    key = id(buildings)
    _CACHE[key] = (weakref.ref(buildings, lambda _ref, key=key: _CACHE.pop(key, None)), index)
    return True


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
    if rows is None:
        usable = ~(shapely.is_missing(polygons) | shapely.is_empty(polygons))
        order = np.flatnonzero(usable)
        # every point against a tree of the (few) clusters: no tree over all points to
        # build, and the query runs without the GIL
        hits = STRtree(polygons[order]).query(index.points, predicate="intersects")
        cluster_pos = order[hits[1]]
        local_row = hits[0]
    else:
        # Few rows: only clusters whose envelope meets the rows' envelope can hold them,
        # tested one by one with a vectorised point-in-polygon (no tree to build).
        coords = index.coords[rows]
        x0, y0 = np.nanmin(coords, axis=0) if len(coords) else (0.0, 0.0)
        x1, y1 = np.nanmax(coords, axis=0) if len(coords) else (0.0, 0.0)
        bounds = shapely.bounds(polygons)  # NaN for missing or empty: never "near"
        near = np.flatnonzero(
            (bounds[:, 0] <= x1)
            & (bounds[:, 2] >= x0)
            & (bounds[:, 1] <= y1)
            & (bounds[:, 3] >= y0)
        )
        points = index.points[rows]
        local_parts, cluster_parts = [], []
        for pos in near:
            inside = np.flatnonzero(shapely.intersects(polygons[pos], points))
            local_parts.append(inside)
            cluster_parts.append(np.full(len(inside), pos, dtype=np.int64))
        local_row = np.concatenate(local_parts) if local_parts else np.empty(0, dtype=np.int64)
        cluster_pos = (
            np.concatenate(cluster_parts) if cluster_parts else np.empty(0, dtype=np.int64)
        )
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
    """The stored ``cluster_id`` column as an object array (``""`` where missing).

    Cheap when the column is already an object column without missing values (what
    this module writes): no copy, no per-element work. Treat the result as read-only.
    """
    if "cluster_id" not in buildings.columns:
        return np.full(len(buildings), NO_CLUSTER, dtype=object)
    column = buildings["cluster_id"]
    if column.dtype == object:
        values = column.to_numpy()
        if values.dtype == object:
            return values
    values = column.to_numpy(dtype=object, na_value=NO_CLUSTER)
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
        _write_rows(buildings, rows, new_ids)
    return rows, old_ids, new_ids


def _write_rows(buildings: gpd.GeoDataFrame, rows: np.ndarray, values: np.ndarray) -> None:
    if buildings["cluster_id"].dtype == object:
        # In place for the few changed rows (pandas copies first if the column is shared).
        buildings.iloc[rows, buildings.columns.get_loc("cluster_id")] = values
        return
    current = current_membership(buildings).copy()
    current[rows] = values
    _write_column(buildings, current)


def set_membership_rows(buildings: gpd.GeoDataFrame, rows: np.ndarray, values: np.ndarray) -> None:
    """Write ``values`` into ``cluster_id`` at ``rows`` (used by undo to restore exactly)."""
    if len(rows) == 0:
        return
    _write_rows(buildings, np.asarray(rows, dtype=np.int64), np.asarray(values, dtype=object))


def unclustered_rows(buildings: gpd.GeoDataFrame) -> np.ndarray:
    """Row positions of the buildings that are in no cluster (sorted)."""
    return np.flatnonzero(current_membership(buildings) == NO_CLUSTER).astype(np.int64)


def overlapping_rows(
    buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, *, index: MembershipIndex | None = None
) -> np.ndarray:
    """Rows whose representative point lies in more than one cluster polygon.

    These buildings count for the first of those clusters only (see the module
    docstring); the panel lists and the map can highlight them. Computed from the
    pairwise intersections of cluster polygons (few), not by testing every building.
    """
    if len(clusters) < 2:
        return np.empty(0, dtype=np.int64)
    polygons = np.asarray(clusters.geometry.array)
    tree = STRtree(polygons)
    a, b = tree.query(polygons, predicate="intersects")
    pair = a < b
    if not pair.any():
        return np.empty(0, dtype=np.int64)
    overlaps = shapely.intersection(polygons[a[pair]], polygons[b[pair]])
    # The buildings' index (a second at 300,000) is only needed when clusters overlap.
    return (index or membership_index(buildings)).rows_in(overlaps, build_tree=False)


class OverlapTracker:
    """Overlapping rows kept up to date across edits without testing every building.

    Between two calls, clusters whose polygon object is unchanged (edits replace only
    the polygons they touch) cannot change which buildings overlap, except through the
    changed ones: only the rows inside the old and new outlines of changed clusters are
    re-counted. Falls back to :func:`overlapping_rows` for a new buildings frame or
    when many clusters changed.
    """

    def __init__(self):
        self._buildings_ref = None
        self._polygons: dict[str, object] = {}
        self._rows = np.empty(0, dtype=np.int64)

    def seed(self, buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, rows) -> None:
        """Take ``rows`` = ``overlapping_rows(buildings, clusters)``, computed elsewhere (a
        worker thread), as this tracker's state: the next :meth:`rows` of the same frames
        changes nothing and costs nothing."""
        self._rows = np.asarray(rows, dtype=np.int64)
        self._buildings_ref = weakref.ref(buildings)
        self._polygons = dict(
            zip(_cluster_ids(clusters), np.asarray(clusters.geometry.array), strict=True)
        )

    def rows(self, buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame) -> np.ndarray:
        if len(clusters) < 2:
            self._buildings_ref, self._polygons = None, {}
            self._rows = np.empty(0, dtype=np.int64)
            return self._rows
        ids = _cluster_ids(clusters)
        polygons = dict(zip(ids, np.asarray(clusters.geometry.array), strict=True))
        same_frame = self._buildings_ref is not None and self._buildings_ref() is buildings
        changed = [
            c
            for c in polygons.keys() | self._polygons.keys()
            if polygons.get(c) is not self._polygons.get(c)
        ]
        if not same_frame or len(changed) > max(50, len(polygons) // 10):
            self._rows = overlapping_rows(buildings, clusters, index=membership_index(buildings))
        elif changed:
            index = membership_index(buildings)
            outlines = [self._polygons.get(c) for c in changed] + [polygons.get(c) for c in changed]
            rows = index.rows_in(outlines)
            _, counts = _first_cluster(index, clusters, rows)
            kept = np.setdiff1d(self._rows, rows, assume_unique=True)
            self._rows = np.union1d(kept, rows[counts > 1]).astype(np.int64)
        self._buildings_ref = weakref.ref(buildings)
        self._polygons = polygons
        return self._rows


def members(buildings: gpd.GeoDataFrame, cluster_id: str) -> np.ndarray:
    """Row positions of the members of one cluster (from the stored column)."""
    return np.flatnonzero(current_membership(buildings) == cluster_id).astype(np.int64)


def losses_by_cluster(
    before: np.ndarray, after: np.ndarray, *, gainer: str | None = None
) -> dict[str, int]:
    """Buildings each cluster lost in an edit, from the changed rows' old and new ids.

    ``before``/``after`` are the ``cluster_id`` values of the rows whose membership
    changed (what an undo command stores). Counts only rows that left a cluster for
    another cluster (``gainer`` only, when given); ordered by count, most first.
    """
    before = np.asarray(before, dtype=object)
    after = np.asarray(after, dtype=object)
    moved = (before != NO_CLUSTER) & (after != NO_CLUSTER) & (before != after)
    if gainer is not None:
        moved &= after == gainer
    if not moved.any():
        return {}
    ids, counts = np.unique(before[moved].astype(str), return_counts=True)
    order = np.lexsort((ids, -counts))
    return {str(ids[i]): int(counts[i]) for i in order}


def empty_clusters(buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame) -> list[str]:
    """Ids of the clusters that hold no building (in cluster order)."""
    if len(clusters) == 0:
        return []
    held = set(pd.unique(current_membership(buildings)))
    return [c for c in _cluster_ids(clusters).tolist() if c not in held]
