"""Clusters: suggestion, ranking, statistics and geometry edits, as pure functions.

Everything here takes plain frames and geometries and returns new ones; nothing is
changed in place, so the UI's undo commands can keep the before and after states.
Membership (which building is in which cluster) lives in :mod:`gis_app.core.membership`.

Decisions:

* **Cluster order** is the row order of ``project.clusters``. It is the priority order
  and decides overlaps (first cluster keeps its buildings). New clusters are appended,
  so drawing over an existing cluster never takes buildings away from it. Accepted
  suggestions are stored in rank order.
* **Spread** of a group is the diagonal of the axis-aligned bounding box of its
  members' representative points. It is at least the group's diameter, so
  ``max_spread`` is a conservative limit, and it is cheap for 300,000 buildings.
* **Suggestion** links buildings whose footprints are within ``link_distance`` metres
  (10 m by default: a side garden or a narrow alley, not a main road with front
  gardens on both sides in most villages), takes connected groups (single linkage),
  and bisects groups that are too large or too spread out along their principal
  axis, cutting at a wide gap in the middle half (so cuts fall on streets and gaps,
  not through terraces). Finally groups smaller than ``min_buildings`` (10: a pair of
  semi-detached houses, a farm) join the nearest group within ``merge_distance``
  (40 m between representative points) while the limits hold, so a street of
  detached houses becomes one cluster rather than a row of singletons.
* **Cluster polygon** of a group (suggestion, "cluster from selection"): the concave
  hull of the members' footprint vertices, buffered by ``HULL_BUFFER`` metres, minus
  the footprints of buildings that are not members, minus fragments without members.
  It therefore contains exactly the members' representative points, and membership
  recomputed from the polygons equals the suggested grouping.
* **Ranking**: most ``verhoogd`` first, then most ``licht verhoogd``, then highest sum
  of LPR (then more buildings, then cluster id, so ties are stable); the reason is
  a Dutch sentence per cluster.
* **Ids** are ``C0001``, ``C0002``... (the next free number); names of suggestions are
  the most common woonplaats of the members with a number per woonplaats in rank
  order (``Loppersum-003``), ``Cluster-007`` when the woonplaats is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree
from shapely import STRtree
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from gis_app.core.clusters.membership import (
    NO_CLUSTER,
    MembershipIndex,
    current_membership,
    membership_index,
)
from gis_app.core.schema import (
    CLUSTER_COLUMNS,
    COLUMN_DEFAULTS,
    MEASURE_CLASSES,
    MILESTONES,
    PROFILE_LICHT,
    PROFILE_VERHOOGD,
    RISK_PROFILES_WITH_UNKNOWN,
    WORKING_CRS,
    ensure_cluster_columns,
)

DEFAULT_MAX_BUILDINGS = 50
DEFAULT_MAX_SPREAD = 400.0  # metres
DEFAULT_LINK_DISTANCE = 10.0  # metres between footprints
DEFAULT_MIN_BUILDINGS = 10  # smaller groups join a neighbouring group when the limits allow
DEFAULT_MERGE_DISTANCE = 40.0  # metres between representative points, for that joining
HULL_BUFFER = 1.5  # metres around the members' footprint vertices
HULL_RATIO = 0.3  # shapely.concave_hull ratio (0 = most concave, 1 = convex)

#: Qualitative palette (ColorBrewer Set1/Dark2-like), readable over grey footprints.
PALETTE = (
    "#e41a1c",
    "#377eb8",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#a65628",
    "#f781bf",
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
)

ProgressCallback = Callable[[float, str], None]

# --- ids, colours, frames ------------------------------------------------------------------

_ID_NUMBER = re.compile(r"^C(\d+)$")


def next_cluster_number(clusters: pd.DataFrame) -> int:
    """The first number after the highest ``C<number>`` id in use (1 when none)."""
    numbers = [
        int(m.group(1))
        for m in (_ID_NUMBER.match(str(c)) for c in clusters.get("cluster_id", []))
        if m
    ]
    return max(numbers, default=0) + 1


def make_cluster_ids(clusters: pd.DataFrame, count: int) -> list[str]:
    start = next_cluster_number(clusters)
    taken = set(map(str, clusters.get("cluster_id", [])))
    ids: list[str] = []
    number = start
    while len(ids) < count:
        candidate = f"C{number:04d}"
        if candidate not in taken:
            ids.append(candidate)
        number += 1
    return ids


def palette_color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def cluster_frame(
    records: Sequence[dict], geometries: Sequence, crs=WORKING_CRS
) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        pd.DataFrame(list(records), columns=list(CLUSTER_COLUMNS)),
        geometry=list(geometries),
        crs=crs,
    )
    return ensure_cluster_columns(frame)


def _position(clusters: gpd.GeoDataFrame, cluster_id: str) -> int:
    matches = np.flatnonzero(clusters["cluster_id"].astype(str).to_numpy() == cluster_id)
    if len(matches) == 0:
        raise KeyError(cluster_id)
    return int(matches[0])


def _reset(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame.reset_index(drop=True)


# --- frame edits (pure) --------------------------------------------------------------------


def add_cluster(
    clusters: gpd.GeoDataFrame,
    geometry: BaseGeometry,
    *,
    name: str | None = None,
    color: str | None = None,
    cluster_id: str | None = None,
) -> tuple[gpd.GeoDataFrame, str]:
    """A new frame with one cluster appended (last in order); returns it and the new id."""
    cid = cluster_id or make_cluster_ids(clusters, 1)[0]
    number = len(clusters) + 1
    record = {c: COLUMN_DEFAULTS.get(c, "") for c in CLUSTER_COLUMNS}
    record.update(
        cluster_id=cid,
        name=name if name is not None else f"Cluster {cid}",
        color=color or palette_color(number - 1),
    )
    added = cluster_frame([record], [normalise_polygon(geometry)], crs=clusters.crs or WORKING_CRS)
    return append_clusters(clusters, added), cid


def append_clusters(first: gpd.GeoDataFrame, second: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``second`` after ``first`` (transformed to its CRS), canonical columns, new index."""
    if len(first) == 0:
        return _reset(second.copy())
    if len(second) == 0:
        return _reset(first.copy())
    second = second.to_crs(first.crs) if first.crs and second.crs != first.crs else second
    frame = pd.concat(
        [first, second[first.columns.intersection(second.columns)]], ignore_index=True
    )
    return ensure_cluster_columns(gpd.GeoDataFrame(frame, geometry="geometry", crs=first.crs))


def set_cluster_geometry(
    clusters: gpd.GeoDataFrame, cluster_id: str, geometry: BaseGeometry
) -> gpd.GeoDataFrame:
    frame = clusters.copy(deep=False)  # copy-on-write: the input stays unchanged
    geoms = np.asarray(frame.geometry.array).copy()
    geoms[_position(frame, cluster_id)] = normalise_polygon(geometry)
    frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))
    return frame


def set_cluster_attribute(
    clusters: gpd.GeoDataFrame, cluster_id: str, column: str, value
) -> gpd.GeoDataFrame:
    """Rename (``name``), recolour (``color``), set approach share... of one cluster."""
    if column == "geometry" or column == "cluster_id":
        raise ValueError(column)
    frame = clusters.copy(deep=False)
    values = frame[column].to_numpy(dtype=object).copy()
    values[_position(frame, cluster_id)] = value
    frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return ensure_cluster_columns(frame)


def remove_clusters(clusters: gpd.GeoDataFrame, cluster_ids: Iterable[str]) -> gpd.GeoDataFrame:
    drop = set(cluster_ids)
    keep = ~clusters["cluster_id"].astype(str).isin(drop).to_numpy()
    return _reset(clusters.loc[keep].copy())


def split_cluster(
    clusters: gpd.GeoDataFrame, cluster_id: str, line: LineString
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Cut one cluster along ``line``; the largest piece keeps the id and the position.

    The other pieces become new clusters right after it in the order, named
    ``"<name> (2)"`` etc. Raises ``ValueError`` when the line does not cut the polygon
    in two.
    """
    pos = _position(clusters, cluster_id)
    pieces = split_polygon(clusters.geometry.iloc[pos], line)
    if len(pieces) < 2:
        raise ValueError("De lijn deelt de cluster niet in tweeën.")
    pieces.sort(key=lambda g: -g.area)
    new_ids = make_cluster_ids(clusters, len(pieces) - 1)
    base = clusters.iloc[pos]
    records, geoms = [], []
    for k, (cid, piece) in enumerate(zip(new_ids, pieces[1:], strict=True), start=2):
        record = {c: base[c] for c in CLUSTER_COLUMNS}
        record.update(
            cluster_id=cid,
            name=f"{base['name']} ({k})",
            color=palette_color(len(clusters) + k - 2),
            lock_position=np.nan,
        )
        records.append(record)
        geoms.append(piece)
    head = set_cluster_geometry(clusters, cluster_id, pieces[0])
    added = cluster_frame(records, geoms, crs=clusters.crs or WORKING_CRS)
    frame = append_clusters(append_clusters(head.iloc[: pos + 1], added), head.iloc[pos + 1 :])
    return _reset(frame), [cluster_id, *new_ids]


def merge_clusters(
    clusters: gpd.GeoDataFrame, cluster_ids: Sequence[str]
) -> tuple[gpd.GeoDataFrame, str]:
    """Merge clusters into the first of them in cluster order (which keeps its attributes)."""
    ids = [str(c) for c in cluster_ids]
    if len(set(ids)) < 2:
        raise ValueError("Kies minstens twee clusters om samen te voegen.")
    positions = sorted(_position(clusters, c) for c in ids)
    keep_id = str(clusters["cluster_id"].iloc[positions[0]])
    union = shapely.union_all(np.asarray(clusters.geometry.array)[positions])
    frame = set_cluster_geometry(clusters, keep_id, union)
    return remove_clusters(frame, [c for c in ids if c != keep_id]), keep_id


def move_cluster_to(clusters: gpd.GeoDataFrame, cluster_id: str, position: int) -> gpd.GeoDataFrame:
    """Move one cluster to ``position`` in the order."""
    pos = _position(clusters, cluster_id)
    order = list(range(len(clusters)))
    order.pop(pos)
    order.insert(max(0, min(position, len(order))), pos)
    return _reset(clusters.iloc[order].copy())


# --- geometry edits (pure) -----------------------------------------------------------------


def normalise_polygon(geometry: BaseGeometry) -> BaseGeometry:
    """A valid Polygon or MultiPolygon from any polygonal input (repairs, drops lines)."""
    if geometry is None or geometry.is_empty:
        raise ValueError("Lege geometrie.")
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, (Polygon, MultiPolygon))]
    polys: list[Polygon] = []
    for part in parts:
        polys.extend(shapely.get_parts(part) if isinstance(part, MultiPolygon) else [part])
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if not polys:
        raise ValueError("Geen vlak: een cluster heeft minstens drie punten nodig.")
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def polygon_parts(geometry: BaseGeometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    return list(shapely.get_parts(geometry))


def _from_parts(parts: list[Polygon]) -> BaseGeometry:
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def ring_coords(geometry: BaseGeometry, part: int, ring: int) -> np.ndarray:
    """Vertices of one ring, without the closing repeat: shape (k, 2)."""
    poly = polygon_parts(geometry)[part]
    ring_geom = poly.exterior if ring == 0 else poly.interiors[ring - 1]
    return np.asarray(ring_geom.coords)[:-1, :2]


def _with_ring(geometry: BaseGeometry, part: int, ring: int, coords: np.ndarray) -> BaseGeometry:
    if len(coords) < 3:
        raise ValueError("Een ring heeft minstens drie hoekpunten nodig.")
    parts = polygon_parts(geometry)
    poly = parts[part]
    shell = np.asarray(poly.exterior.coords)[:, :2]
    holes = [np.asarray(r.coords)[:, :2] for r in poly.interiors]
    if ring == 0:
        shell = coords
    else:
        holes[ring - 1] = coords
    parts[part] = Polygon(shell, holes)
    return _from_parts(parts)


def move_vertex(geometry, address: tuple[int, int, int], xy: tuple[float, float]) -> BaseGeometry:
    """The geometry with vertex ``(part, ring, index)`` moved to ``xy``.

    The result may be self-intersecting while the user drags; callers store
    :func:`normalise_polygon` of the final shape.
    """
    part, ring, index = address
    coords = ring_coords(geometry, part, ring).copy()
    coords[index] = xy
    return _with_ring(geometry, part, ring, coords)


def insert_vertex(
    geometry, part: int, ring: int, after: int, xy: tuple[float, float]
) -> BaseGeometry:
    """A new vertex at ``xy`` between vertex ``after`` and the next one."""
    coords = ring_coords(geometry, part, ring)
    coords = np.insert(coords, after + 1, xy, axis=0)
    return _with_ring(geometry, part, ring, coords)


def delete_vertex(geometry, address: tuple[int, int, int]) -> BaseGeometry:
    """The geometry without vertex ``address``; ``ValueError`` when fewer than 3 would remain."""
    part, ring, index = address
    coords = np.delete(ring_coords(geometry, part, ring), index, axis=0)
    return _with_ring(geometry, part, ring, coords)


def translate(geometry: BaseGeometry, dx: float, dy: float) -> BaseGeometry:
    return shapely.transform(geometry, lambda c: c + np.array([dx, dy]))


def vertex_table(geometry: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
    """All vertices ``(k, 2)`` and their addresses ``(k, 3)`` (part, ring, index)."""
    coords, addresses = [], []
    for p, poly in enumerate(polygon_parts(geometry)):
        rings = [poly.exterior, *poly.interiors]
        for r, ring_geom in enumerate(rings):
            c = np.asarray(ring_geom.coords)[:-1, :2]
            coords.append(c)
            addresses.append(
                np.column_stack([np.full(len(c), p), np.full(len(c), r), np.arange(len(c))])
            )
    if not coords:
        return np.empty((0, 2)), np.empty((0, 3), dtype=np.int64)
    return np.vstack(coords), np.vstack(addresses).astype(np.int64)


def nearest_vertex(
    geometry: BaseGeometry, xy: tuple[float, float], tolerance: float
) -> tuple[int, int, int] | None:
    """The address of the vertex closest to ``xy`` within ``tolerance`` (map units)."""
    coords, addresses = vertex_table(geometry)
    if len(coords) == 0:
        return None
    d = np.hypot(coords[:, 0] - xy[0], coords[:, 1] - xy[1])
    k = int(np.argmin(d))
    return tuple(int(v) for v in addresses[k]) if d[k] <= tolerance else None


def nearest_edge(
    geometry: BaseGeometry, xy: tuple[float, float], tolerance: float
) -> tuple[int, int, int, tuple[float, float]] | None:
    """``(part, ring, after, point_on_edge)`` of the edge closest to ``xy`` within tolerance."""
    best = None
    px, py = xy
    for p, poly in enumerate(polygon_parts(geometry)):
        for r, ring_geom in enumerate([poly.exterior, *poly.interiors]):
            c = np.asarray(ring_geom.coords)[:, :2]
            a, b = c[:-1], c[1:]
            ab = b - a
            len2 = np.maximum((ab**2).sum(axis=1), 1e-18)
            t = np.clip(((px - a[:, 0]) * ab[:, 0] + (py - a[:, 1]) * ab[:, 1]) / len2, 0, 1)
            proj = a + ab * t[:, None]
            d = np.hypot(proj[:, 0] - px, proj[:, 1] - py)
            k = int(np.argmin(d))
            if d[k] <= tolerance and (best is None or d[k] < best[0]):
                best = (d[k], p, r, k, (float(proj[k, 0]), float(proj[k, 1])))
    return None if best is None else best[1:]


def split_polygon(geometry: BaseGeometry, line: LineString) -> list[BaseGeometry]:
    """Pieces of ``geometry`` cut by ``line`` (one piece when the line does not cut it).

    A line that starts or ends inside the polygon is extended a little at both ends, so
    a planner does not have to overshoot the boundary exactly.
    """
    from shapely.ops import split

    coords = np.asarray(line.coords)[:, :2]
    if len(coords) < 2:
        return [geometry]
    reach = max(geometry.bounds[2] - geometry.bounds[0], geometry.bounds[3] - geometry.bounds[1])
    start_dir = coords[0] - coords[1]
    end_dir = coords[-1] - coords[-2]
    start, end = coords[0], coords[-1]
    # Only extend ends that lie inside the polygon: a deliberate partial line stays partial
    # when its ends are outside.
    if geometry.contains(shapely.Point(coords[0])):
        start = coords[0] + start_dir / max(np.hypot(*start_dir), 1e-9) * (reach * 2)
    if geometry.contains(shapely.Point(coords[-1])):
        end = coords[-1] + end_dir / max(np.hypot(*end_dir), 1e-9) * (reach * 2)
    extended = LineString(
        np.vstack([start, coords[1:-1], end]) if len(coords) > 2 else [start, end]
    )
    pieces: list[BaseGeometry] = []
    for poly in polygon_parts(geometry):
        pieces.extend(split(poly, extended).geoms)
    if len(pieces) <= len(polygon_parts(geometry)):
        return [geometry]
    return [p for p in pieces if p.area > 0]


# --- hull around groups of buildings ------------------------------------------------------


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
        raise ValueError("Geen panden geselecteerd.")
    labels = np.full(len(buildings), -1, dtype=np.int64)
    labels[rows] = 0
    hull = group_hulls(buildings, labels, 1, index=index)[0]
    if hull is None:
        raise ValueError("De geselecteerde panden hebben geen geometrie.")
    return normalise_polygon(hull)


# --- suggestion ----------------------------------------------------------------------------


def _extents(points: np.ndarray, labels: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group ``0..n-1``: lower-left and upper-right of its points (inf/-inf when empty).

    Sort once and ``reduceat`` (``np.minimum.at`` is ten times slower at this size).
    """
    lo = np.full((n, 2), np.inf)
    hi = np.full((n, 2), -np.inf)
    if len(labels) == 0:
        return lo, hi
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
    present = sorted_labels[starts]
    sorted_points = points[order]
    lo[present] = np.minimum.reduceat(sorted_points, starts, axis=0)
    hi[present] = np.maximum.reduceat(sorted_points, starts, axis=0)
    return lo, hi


def _spreads(points: np.ndarray, labels: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    sizes = np.bincount(labels, minlength=n)
    lo, hi = _extents(points, labels, n)
    spread = np.hypot(*(hi - lo).T)
    spread[sizes == 0] = 0.0
    return sizes, spread


def _bisect(points: np.ndarray, max_buildings: int) -> np.ndarray:
    """Boolean mask of one half: cut along the principal axis at a wide gap near the target.

    The target is the middle, moved to the nearest multiple of ``max_buildings`` when the
    group is too large (12 houses at most 4 per cluster: 8 | 4, then 4 | 4, i.e. three
    clusters rather than four of three). Among the gaps in the middle half that are
    nearly as wide as the widest, the one closest to the target wins: a street beats a
    party wall, and a uniform terrace is cut where the count works out.
    """
    centred = points - points.mean(axis=0)
    cov = centred.T @ centred
    _, vectors = np.linalg.eigh(cov)
    proj = centred @ vectors[:, -1]
    order = np.argsort(proj, kind="stable")
    sorted_proj = proj[order]
    k = len(points)
    lo, hi = max(1, k // 4), max(2, k - k // 4)
    target = k / 2
    if k > max_buildings:
        multiple = round(target / max_buildings) * max_buildings
        if lo <= multiple <= hi and 0 < multiple < k:
            target = multiple
    gaps = np.diff(sorted_proj)[lo - 1 : hi - 1]
    if len(gaps):
        near_widest = np.flatnonzero(gaps >= 0.8 * gaps.max())
        cut = lo + int(near_widest[np.argmin(np.abs(lo + near_widest - target))])
    else:
        cut = k // 2
    mask = np.zeros(k, dtype=bool)
    mask[order[:cut]] = True
    return mask


def _neighbour_pairs(
    geoms: np.ndarray, points: np.ndarray, distance: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``i < j`` of footprints at most ``distance`` apart.

    Candidates come from one STRtree query with envelopes grown by ``distance``. Pairs
    whose envelopes are further apart are dropped, pairs whose representative points are
    within ``distance`` are certainly close (the points lie inside the footprints), and
    only the rest get an exact ``dwithin`` test. About three times faster than
    ``query(predicate="dwithin")``, which tests every pair in both orders.
    """
    tree = STRtree(geoms)
    bounds = shapely.bounds(geoms)
    grown = shapely.box(
        bounds[:, 0] - distance,
        bounds[:, 1] - distance,
        bounds[:, 2] + distance,
        bounds[:, 3] + distance,
    )
    left, right = tree.query(grown)
    upper = left < right
    left, right = left[upper], right[upper]
    bl, br = bounds[left], bounds[right]
    gap_x = np.maximum(0.0, np.maximum(bl[:, 0], br[:, 0]) - np.minimum(bl[:, 2], br[:, 2]))
    gap_y = np.maximum(0.0, np.maximum(bl[:, 1], br[:, 1]) - np.minimum(bl[:, 3], br[:, 3]))
    possible = np.hypot(gap_x, gap_y) <= distance
    left, right = left[possible], right[possible]
    delta = points[left] - points[right]
    close = np.hypot(delta[:, 0], delta[:, 1]) <= distance
    unsure = np.flatnonzero(~close)
    close[unsure] = shapely.dwithin(geoms[left[unsure]], geoms[right[unsure]], distance)
    return left[close], right[close]


def group_buildings(
    buildings: gpd.GeoDataFrame,
    *,
    max_buildings: int = DEFAULT_MAX_BUILDINGS,
    max_spread: float = DEFAULT_MAX_SPREAD,
    link_distance: float = DEFAULT_LINK_DISTANCE,
    min_buildings: int = DEFAULT_MIN_BUILDINGS,
    merge_distance: float = DEFAULT_MERGE_DISTANCE,
    index: MembershipIndex | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[np.ndarray, int]:
    """Group label per building row (-1 for buildings without geometry) and the count.

    Three steps: single linkage at ``link_distance`` (connected footprints), bisection
    of groups over the limits, then groups smaller than ``min_buildings`` (a pair of
    semi-detached houses, a farm) join the nearest group whose representative points
    lie within ``merge_distance``, closest first, as long as the limits still hold.
    """
    if max_buildings < 1:
        raise ValueError("max_buildings moet minstens 1 zijn.")
    if max_spread <= 0:
        raise ValueError("max_spread moet groter dan 0 zijn.")
    index = index or membership_index(buildings)
    n = index.n
    usable = np.flatnonzero(~shapely.is_empty(index.points))
    labels = np.full(n, -1, dtype=np.int64)
    if len(usable) == 0:
        return labels, 0
    _report(progress, 0.05, "Buren zoeken")
    geoms = index.geometries[usable]
    left, right = _neighbour_pairs(geoms, index.coords[usable], link_distance)
    _report(progress, 0.35, "Groepen vormen")
    m = len(usable)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(m, m))
    n_comp, comp = connected_components(graph, directed=False)
    points = index.coords[usable]
    sizes, spread = _spreads(points, comp, n_comp)
    too_big = (sizes > max_buildings) | (spread > max_spread)
    # Groups that fit keep their component number; the others are bisected.
    final = np.full(m, -1, dtype=np.int64)
    fits = ~too_big[comp]
    _, final[fits] = np.unique(comp[fits], return_inverse=True)
    next_label = int(final.max()) + 1 if fits.any() else 0
    _report(progress, 0.45, "Grote groepen splitsen")
    order = np.argsort(comp, kind="stable")
    bounds = np.searchsorted(comp[order], np.arange(n_comp + 1))
    stack = [order[bounds[c] : bounds[c + 1]] for c in np.flatnonzero(too_big)]
    while stack:
        members = stack.pop()
        pts = points[members]
        ext = pts.max(axis=0) - pts.min(axis=0)
        if len(members) <= max_buildings and np.hypot(*ext) <= max_spread:
            final[members] = next_label
            next_label += 1
            continue
        if len(members) == 1 or np.all(ext == 0):
            # Coincident points cannot be separated spatially: chop by count.
            for start in range(0, len(members), max_buildings):
                final[members[start : start + max_buildings]] = next_label
                next_label += 1
            continue
        mask = _bisect(pts, max_buildings)
        stack.append(members[mask])
        stack.append(members[~mask])
    if min_buildings > 1 and merge_distance > 0:
        _report(progress, 0.5, "Kleine groepen samenvoegen")
        final, next_label = _merge_small_groups(
            points, final, next_label, max_buildings, max_spread, min_buildings, merge_distance
        )
    labels[usable] = final
    return labels, next_label


def _merge_small_groups(
    points: np.ndarray,
    labels: np.ndarray,
    n_groups: int,
    max_buildings: int,
    max_spread: float,
    min_buildings: int,
    merge_distance: float,
) -> tuple[np.ndarray, int]:
    """Constrained single linkage between groups, started from the small ones.

    Candidate links are pairs of representative points within ``merge_distance`` with
    at least one point in a small group (one KD-tree query), reduced to the closest pair
    per two groups; the loop over those group pairs is short (it touches groups, not
    buildings).
    """
    sizes = np.bincount(labels, minlength=n_groups)
    small_rows = np.flatnonzero(sizes[labels] < min_buildings)
    if len(small_rows) == 0:
        return labels, n_groups
    tree_all = cKDTree(points)
    tree_small = cKDTree(points[small_rows])
    pairs = tree_small.sparse_distance_matrix(tree_all, merge_distance, output_type="ndarray")
    a = labels[small_rows[pairs["i"]]]
    b = labels[pairs["j"]]
    d = pairs["v"]
    other = a != b
    a, b, d = a[other], b[other], d[other]
    if len(a) == 0:
        return labels, n_groups
    lo_g, hi_g = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((d, hi_g, lo_g))
    lo_g, hi_g, d = lo_g[order], hi_g[order], d[order]
    first = np.ones(len(lo_g), dtype=bool)
    first[1:] = (lo_g[1:] != lo_g[:-1]) | (hi_g[1:] != hi_g[:-1])
    lo_g, hi_g, d = lo_g[first], hi_g[first], d[first]
    by_distance = np.argsort(d, kind="stable")

    lo, hi = _extents(points, labels, n_groups)
    parent = np.arange(n_groups)
    size = sizes.astype(np.int64).copy()

    def find(g: int) -> int:
        root = g
        while parent[root] != root:
            root = parent[root]
        while parent[g] != root:
            parent[g], g = root, parent[g]
        return root

    for k in by_distance.tolist():
        ra, rb = find(int(lo_g[k])), find(int(hi_g[k]))
        if ra == rb or min(size[ra], size[rb]) >= min_buildings:
            continue
        if size[ra] + size[rb] > max_buildings:
            continue
        new_lo = np.minimum(lo[ra], lo[rb])
        new_hi = np.maximum(hi[ra], hi[rb])
        if np.hypot(*(new_hi - new_lo)) > max_spread:
            continue
        parent[rb] = ra
        size[ra] += size[rb]
        lo[ra], hi[ra] = new_lo, new_hi
    roots = np.array([find(g) for g in range(n_groups)], dtype=np.int64)
    _, relabel = np.unique(roots, return_inverse=True)
    return relabel[labels], int(relabel.max()) + 1 if n_groups else 0


def _report(progress: ProgressCallback | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def suggest_clusters(
    buildings: gpd.GeoDataFrame,
    max_buildings: int = DEFAULT_MAX_BUILDINGS,
    max_spread: float = DEFAULT_MAX_SPREAD,
    *,
    link_distance: float = DEFAULT_LINK_DISTANCE,
    min_buildings: int = DEFAULT_MIN_BUILDINGS,
    merge_distance: float = DEFAULT_MERGE_DISTANCE,
    existing: gpd.GeoDataFrame | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Suggested clusters for ``buildings`` and the ``cluster_id`` of each building row.

    Returns ``(clusters, membership)``: clusters per :data:`schema.CLUSTER_COLUMNS`
    in rank order plus columns ``rank`` and ``reason`` (the Dutch explanation), and a
    Series aligned with ``buildings.index``. ``existing`` only matters for picking
    ids that do not collide with clusters already in the project.
    """
    index = membership_index(buildings)
    labels, n_groups = group_buildings(
        buildings,
        max_buildings=max_buildings,
        max_spread=max_spread,
        link_distance=link_distance,
        min_buildings=min_buildings,
        merge_distance=merge_distance,
        index=index,
        progress=progress,
    )
    _report(progress, 0.6, "Clusters rangschikken")
    ranking = _rank_groups(buildings, labels, n_groups)
    _report(progress, 0.7, "Clustervlakken maken")
    hulls = group_hulls(buildings, labels, n_groups, index=index)
    _report(progress, 0.95, "Afronden")
    rank_of_group = ranking["rank"].to_numpy()
    by_rank = np.argsort(rank_of_group, kind="stable")
    ids = np.asarray(
        make_cluster_ids(existing if existing is not None else pd.DataFrame(), n_groups),
        dtype=object,
    )
    group_ids = np.empty(n_groups, dtype=object)
    group_ids[by_rank] = ids
    names = _group_names(buildings, labels, n_groups, rank_of_group)
    palette = np.asarray(PALETTE, dtype=object)
    frame = gpd.GeoDataFrame(
        {
            "cluster_id": pd.Series(group_ids[by_rank], dtype=object),
            "name": pd.Series(names[by_rank], dtype=object),
            "color": pd.Series(palette[(rank_of_group[by_rank] - 1) % len(PALETTE)], dtype=object),
            "approach_share": np.full(n_groups, np.nan),
            "lock_start": pd.Series([""] * n_groups, dtype=object),
            "lock_position": np.full(n_groups, np.nan),
        },
        geometry=hulls[by_rank],
        crs=buildings.crs or WORKING_CRS,
    )
    frame["rank"] = rank_of_group[by_rank].astype(np.int64)
    frame["reason"] = ranking["reason"].to_numpy()[by_rank]
    membership = np.full(len(buildings), NO_CLUSTER, dtype=object)
    has = labels >= 0
    membership[has] = group_ids[labels[has]]
    _report(progress, 1.0, "Klaar")
    return frame, pd.Series(membership, index=buildings.index, dtype=object, name="cluster_id")


def _group_names(buildings, labels, n_groups, rank_of_group) -> np.ndarray:
    has = labels >= 0
    places = (
        buildings["woonplaats"].fillna("").astype(str).to_numpy()[has]
        if "woonplaats" in buildings.columns
        else np.full(int(has.sum()), "")
    )
    table = pd.DataFrame({"g": labels[has], "place": places})
    counts = table.groupby(["g", "place"], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["g", "n", "place"], ascending=[True, False, True])
    mode = counts.drop_duplicates("g").set_index("g")["place"].reindex(range(n_groups)).fillna("")
    place = mode.replace("", "Cluster").to_numpy()
    frame = pd.DataFrame({"place": place, "rank": rank_of_group})
    frame["k"] = frame.sort_values("rank").groupby("place").cumcount().reindex(frame.index) + 1
    return np.asarray(
        [f"{p}-{k:03d}" for p, k in zip(frame["place"], frame["k"], strict=True)], dtype=object
    )


# --- ranking and statistics ----------------------------------------------------------------


def _rank_groups(buildings, labels, n_groups) -> pd.DataFrame:
    has = labels >= 0
    g = labels[has]
    profile = buildings["risk_profile"].astype(str).to_numpy()[has]
    lpr = buildings["lpr"].to_numpy(dtype=float)[has] if "lpr" in buildings else np.zeros(len(g))
    n = np.bincount(g, minlength=n_groups)
    high = np.bincount(g, weights=profile == PROFILE_VERHOOGD, minlength=n_groups).astype(int)
    light = np.bincount(g, weights=profile == PROFILE_LICHT, minlength=n_groups).astype(int)
    lpr_sum = np.bincount(g, weights=np.nan_to_num(lpr), minlength=n_groups)
    table = pd.DataFrame({"n": n, "verhoogd": high, "licht": light, "lpr_sum": lpr_sum})
    return _rank_table(table, tiebreak=np.arange(n_groups))


def _rank_table(table: pd.DataFrame, tiebreak) -> pd.DataFrame:
    order = np.lexsort(
        (
            np.asarray(tiebreak),
            -table["n"].to_numpy(),
            -table["lpr_sum"].to_numpy(),
            -table["licht"].to_numpy(),
            -table["verhoogd"].to_numpy(),
        )
    )
    rank = np.empty(len(table), dtype=np.int64)
    rank[order] = np.arange(1, len(table) + 1)
    table = table.copy()
    table["rank"] = rank
    table["reason"] = [
        rank_reason(r, h, licht, n, s)
        for r, h, licht, n, s in zip(
            rank, table["verhoogd"], table["licht"], table["n"], table["lpr_sum"], strict=True
        )
    ]
    return table


def rank_reason(rank: int, verhoogd: int, licht: int, n: int, lpr_sum: float) -> str:
    """``"rang 1: 14 verhoogd, 3 licht verhoogd van 25 panden"`` (+ LPR when it decided)."""
    noun = "pand" if n == 1 else "panden"
    text = f"rang {rank}: {verhoogd} verhoogd, {licht} licht verhoogd van {n} {noun}"
    if lpr_sum > 0:
        text += f"; som LPR {lpr_sum:.1e}"
    return text


def rank_clusters(
    buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, *, stats: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Rank existing clusters by their current members (stored ``cluster_id``).

    Returns a frame indexed like ``clusters`` with ``cluster_id``, ``rank`` and
    ``reason``. Sort ``clusters`` by ``rank`` to make it the cluster order. ``stats``
    (from :func:`cluster_statistics` for the same clusters) saves computing them again.
    """
    if stats is None:
        stats = cluster_statistics(buildings, clusters)
    table = pd.DataFrame(
        {
            "n": stats["n_buildings"].to_numpy(),
            "verhoogd": stats[f"profile:{PROFILE_VERHOOGD}"].to_numpy(),
            "licht": stats[f"profile:{PROFILE_LICHT}"].to_numpy(),
            "lpr_sum": stats["lpr_sum"].to_numpy(),
        }
    )
    ranked = _rank_table(table, tiebreak=np.arange(len(table)))
    return pd.DataFrame(
        {
            "cluster_id": clusters["cluster_id"].astype(str).to_numpy(),
            "rank": ranked["rank"].to_numpy(),
            "reason": ranked["reason"].to_numpy(),
        },
        index=clusters.index,
    )


def order_by_rank(buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    ranking = rank_clusters(buildings, clusters)
    return _reset(clusters.iloc[np.argsort(ranking["rank"].to_numpy(), kind="stable")].copy())


#: Statistic columns of :func:`cluster_statistics`, in display order.
def statistic_columns() -> list[str]:
    return [
        "n_buildings",
        "addresses",
        "residents",
        *[f"profile:{p}" for p in RISK_PROFILES_WITH_UNKNOWN],
        "lpr_sum",
        *[f"measure:{m}" for m in MEASURE_CLASSES],
        *[f"milestone:{m}" for m in MILESTONES],
    ]


#: Attribute columns counted per value by :func:`cluster_statistics`.
_COUNTED = (
    ("risk_profile", "profile", RISK_PROFILES_WITH_UNKNOWN),
    ("expected_measure", "measure", MEASURE_CLASSES),
    ("milestone", "milestone", MILESTONES),
)


def attribute_codes(buildings: gpd.GeoDataFrame) -> dict[str, np.ndarray]:
    """Integer codes of the counted attribute columns, to pass to :func:`cluster_statistics`.

    Hashing 300,000 strings is most of the statistics' cost, and these columns do not
    change while clusters are edited: a caller that knows when they change (the panel
    listens to the document's signals) computes them once and reuses them.
    """
    return {column: _codes(_text(buildings, column), values) for column, _, values in _COUNTED}


def cluster_statistics(
    buildings: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame,
    *,
    include_unclustered: bool = False,
    codes: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Per cluster (in cluster order, indexed by ``cluster_id``): counts and sums.

    Columns (:func:`statistic_columns`): ``n_buildings``, ``addresses``, ``residents``,
    ``profile:<risk profile>``, ``lpr_sum``, ``measure:<measure class>`` (the expected
    measure: assessed or derived from the profile), ``milestone:<code>``. With
    ``include_unclustered`` a last row ``""`` holds the buildings in no cluster.
    ``codes`` from :func:`attribute_codes` (for the same buildings) skips re-hashing.
    """
    ids = list(clusters["cluster_id"].astype(str)) if len(clusters) else []
    if include_unclustered:
        ids.append(NO_CLUSTER)
    k = len(ids)
    # One integer code per building (k = in no listed cluster), then bincounts: a
    # groupby without pandas' per-call overhead.
    group = _codes(current_membership(buildings), ids)
    group = np.where(group < 0, k, group)
    out = pd.DataFrame(index=pd.Index(ids, name="cluster_id", dtype=object))

    def sums(values: np.ndarray) -> np.ndarray:
        return np.bincount(group, weights=np.nan_to_num(values), minlength=k + 1)[:k]

    out["n_buildings"] = np.bincount(group, minlength=k + 1)[:k].astype(np.int64)
    out["addresses"] = sums(_num(buildings, "addresses")).round().astype(np.int64)
    out["residents"] = sums(_num(buildings, "residents"))
    codes = codes if codes is not None else attribute_codes(buildings)
    for column, prefix, values in _COUNTED:
        code = codes[column]
        known = code >= 0
        counts = np.bincount(
            group[known] * len(values) + code[known], minlength=(k + 1) * len(values)
        ).reshape(k + 1, len(values))[:k]
        for j, value in enumerate(values):
            out[f"{prefix}:{value}"] = counts[:, j].astype(np.int64)
    out["lpr_sum"] = sums(_num(buildings, "lpr"))
    return out[statistic_columns()]


def _num(buildings, column):
    if column not in buildings.columns:
        return np.zeros(len(buildings))
    return pd.to_numeric(buildings[column], errors="coerce").to_numpy(dtype=float)


def _text(buildings, column) -> np.ndarray:
    if column not in buildings.columns:
        return np.full(len(buildings), "", dtype=object)
    series = buildings[column]
    if series.dtype == object:
        values = series.to_numpy()
        if values.dtype == object:
            return values
    return np.asarray(series.to_numpy(dtype=object, na_value=""), dtype=object)


def _codes(values: np.ndarray, vocabulary) -> np.ndarray:
    """Position of each value in ``vocabulary`` (-1 when absent), by one hash pass.

    ``pd.factorize`` hashes the values once (Python caches string hashes); the few
    distinct values are then looked up in the vocabulary. Much faster than
    ``Index.get_indexer`` on 300,000 strings, which first infers their type.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    position = {value: i for i, value in enumerate(vocabulary)}
    lookup = np.array([position.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
    return lookup[codes]  # NA sentinel -1 picks the trailing -1


# --- accepting suggestions -----------------------------------------------------------------


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
