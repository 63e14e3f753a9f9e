"""Geometry edits of one cluster polygon, as pure functions.

Each edit returns a new geometry. A vertex is addressed as ``(part, ring, index)``:
the polygon part, the ring (0 = exterior, then the holes) and the vertex in that ring
without the closing repeat.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from gis_app.core.i18n import t


def normalise_polygon(geometry: BaseGeometry) -> BaseGeometry:
    """A valid Polygon or MultiPolygon from any polygonal input (repairs, drops lines)."""
    if geometry is None or geometry.is_empty:
        raise ValueError(t("Lege geometrie."))
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, (Polygon, MultiPolygon))]
    polys: list[Polygon] = []
    for part in parts:
        polys.extend(shapely.get_parts(part) if isinstance(part, MultiPolygon) else [part])
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if not polys:
        raise ValueError(t("Geen vlak: een cluster heeft minstens drie punten nodig."))
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
        raise ValueError(t("Een ring heeft minstens drie hoekpunten nodig."))
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
