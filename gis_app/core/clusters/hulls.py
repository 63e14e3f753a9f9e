"""Polygons around groups of buildings: suggested clusters and "cluster from selection".

Decisions:

* **Cluster polygon** of a group (suggestion, "cluster from selection"): the concave
  hull of the members' footprint vertices, buffered by ``HULL_BUFFER`` metres, minus
  the footprints of buildings that are not members, minus fragments without members.
  It therefore contains exactly the members' representative points, and membership
  recomputed from the polygons equals the suggested grouping.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gis_app.core.clusters.geometry import normalise_polygon
from gis_app.core.clusters.membership import MembershipIndex, membership_index
from gis_app.core.i18n import t

HULL_BUFFER = 1.5  # metres around the members' footprint vertices
HULL_RATIO = 0.3  # shapely.concave_hull ratio (0 = most concave, 1 = convex)


def group_hulls(
    buildings: gpd.GeoDataFrame,
    labels: np.ndarray,
    n_groups: int,
    *,
    index: MembershipIndex | None = None,
    buffer: float = HULL_BUFFER,
    ratio: float = HULL_RATIO,
) -> np.ndarray:
    """One polygon per group ``0..n_groups-1`` (``labels`` per building row, -1 = none).

    Each polygon contains exactly the representative points of its group (see the
    module docstring for the construction). Vectorised over groups.
    """
    index = index or membership_index(buildings)
    labels = np.asarray(labels, dtype=np.int64)
    hulls = np.full(n_groups, None, dtype=object)
    if n_groups == 0:
        return hulls
    geoms = index.geometries
    member_rows = np.flatnonzero((labels >= 0) & ~shapely.is_empty(index.points))
    parts, part_group = _polygon_parts(geoms[member_rows], labels[member_rows])
    order = np.argsort(part_group, kind="stable")
    present = np.unique(part_group)
    footprints = np.full(n_groups, None, dtype=object)
    footprints[present] = shapely.multipolygons(
        parts[order], indices=np.searchsorted(present, part_group[order])
    )
    # Convex hulls are cheap; only groups whose convex hull takes in other buildings get
    # the (ten times slower) concave hull.
    hulls[present] = shapely.convex_hull(footprints[present])
    hit_group, hit_row = index.tree.query(hulls[present], predicate="intersects")
    hit_group = present[hit_group]
    needs = np.unique(hit_group[labels[hit_row] != hit_group])
    if len(needs):
        hulls[needs] = shapely.concave_hull(footprints[needs], ratio=ratio)
    hulls[present] = shapely.buffer(hulls[present], buffer, quad_segs=2)
    has = ~shapely.is_missing(hulls)

    # Remove non-members' footprints that the hull takes in.
    hit_group, hit_row = index.tree.query(hulls[has], predicate="intersects")
    hit_group = np.flatnonzero(has)[hit_group]
    intruder = labels[hit_row] != hit_group
    hit_group, hit_row = hit_group[intruder], hit_row[intruder]
    if len(hit_group):
        parts, part_group = _polygon_parts(geoms[hit_row], hit_group)
        order = np.argsort(part_group, kind="stable")
        parts, part_group = parts[order], part_group[order]
        groups = np.unique(part_group)
        cutters = shapely.multipolygons(parts, indices=np.searchsorted(groups, part_group))
        try:
            hulls[groups] = shapely.difference(hulls[groups], cutters)
        except shapely.errors.GEOSException:
            for g, cutter in zip(groups, cutters, strict=True):
                hulls[g] = shapely.difference(
                    hulls[g], shapely.union_all(shapely.get_parts(cutter))
                )

    # Keep only the pieces that hold members, and make sure every member point is inside.
    # Only concave hulls and cut hulls can have lost a member or split into pieces; a
    # buffered convex hull contains every member footprint whole.
    changed = np.zeros(n_groups, dtype=bool)
    changed[needs] = True
    if len(hit_group):
        changed[hit_group] = True
    hulls = _drop_empty_pieces(hulls, labels, index)
    return _ensure_members_inside(hulls, labels, index, buffer, changed)


def _polygon_parts(geoms: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Polygons of ``geoms`` with the group of the geometry each came from."""
    if np.all(shapely.get_type_id(geoms) == 3):
        return geoms, group
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    polygonal = shapely.get_type_id(parts) == 3
    return parts[polygonal], group[part_of][polygonal]


def _drop_empty_pieces(hulls: np.ndarray, labels: np.ndarray, index: MembershipIndex) -> np.ndarray:
    """Drop the pieces of multi-part hulls that hold no member (single polygons stay)."""
    has = np.flatnonzero(~shapely.is_missing(hulls) & (shapely.get_type_id(hulls) != 3))
    if len(has) == 0:
        return hulls
    parts, part_group = shapely.get_parts(hulls[has], return_index=True)
    part_group = has[part_group]
    polygonal = shapely.get_type_id(parts) == 3
    parts, part_group = parts[polygonal], part_group[polygonal]
    hit_part, hit_row = index.tree.query(parts, predicate="intersects")
    own = labels[hit_row] == part_group[hit_part]
    keep = np.zeros(len(parts), dtype=bool)
    keep[hit_part[own]] = True
    parts, part_group = parts[keep], part_group[keep]
    out = hulls.copy()
    out[has] = None
    if len(parts):
        groups = np.unique(part_group)
        out[groups] = shapely.multipolygons(parts, indices=np.searchsorted(groups, part_group))
        single = shapely.get_num_geometries(out[groups]) == 1
        out[groups[single]] = shapely.get_geometry(out[groups[single]], 0)
    return out


def _ensure_members_inside(hulls, labels, index, buffer, changed=None):
    rows = np.flatnonzero((labels >= 0) & ~shapely.is_empty(index.points))
    if changed is not None:
        rows = rows[changed[labels[rows]]]
    if len(rows) == 0:
        return hulls
    groups = labels[rows]
    hull_of_row = hulls[groups]
    missing_hull = shapely.is_missing(hull_of_row)
    inside = np.zeros(len(rows), dtype=bool)
    inside[~missing_hull] = shapely.intersects(
        hull_of_row[~missing_hull], index.points[rows][~missing_hull]
    )
    for g in np.unique(groups[~inside]):
        lost = rows[(groups == g) & ~inside]
        # A small disc around each lost point: smaller than half the distance to any
        # non-member point, so no other building is taken in.
        pts = index.points[lost]
        others = index.tree.query(shapely.buffer(pts, 5.0), predicate="intersects")
        radius = 0.5
        if len(others[1]):
            foreign = others[1][labels[others[1]] != g]
            if len(foreign):
                d = shapely.distance(pts[others[0][labels[others[1]] != g]], index.points[foreign])
                radius = min(radius, float(d.min()) * 0.45)
        discs = shapely.buffer(pts, max(radius, 1e-3), quad_segs=4)
        base = hulls[g]
        pieces = [*([] if base is None else [base]), *discs]
        hulls[g] = normalise_polygon(shapely.union_all(pieces))
    return hulls


def hull_around_rows(
    buildings: gpd.GeoDataFrame, rows: Sequence[int], *, index: MembershipIndex | None = None
) -> BaseGeometry:
    """ "Cluster from selection": a polygon containing exactly the given buildings' points."""
    rows = np.unique(np.asarray(rows, dtype=np.int64))
    if len(rows) == 0:
        raise ValueError(t("Geen panden geselecteerd."))
    labels = np.full(len(buildings), -1, dtype=np.int64)
    labels[rows] = 0
    hull = group_hulls(buildings, labels, 1, index=index)[0]
    if hull is None:
        raise ValueError(t("De geselecteerde panden hebben geen geometrie."))
    return normalise_polygon(hull)
