"""Polygon WKB straight to the map's flat coordinate arrays, without shapely objects.

The first picture of a large project needs only its footprints' vertices. Making a
shapely object per footprint (``shapely.from_wkb``, about 1 µs each while holding the
GIL) and asking each for its coordinates again costs about 0.4 s at 300,000 buildings;
reading the vertices out of the WKB buffer with numpy takes a fraction of that. The
result has the layout of :class:`gis_app.core.spatial.GeometryArrays` (``coords``,
``ring_start``, ``coord_offsets``, ``bounds``) and equals what it computes from the
same geometries (tests/test_wkb_flat.py).

Handled: little-endian ISO WKB (what GDAL's Arrow stream gives) of Polygon and
MultiPolygon, 2D or with Z and/or M (only x and y are kept), empty and null geometries.
Anything else (big-endian, points, lines, collections, EWKB flags, a truncated blob)
gives ``None``: the caller then takes the shapely path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_POLYGON, _MULTIPOLYGON = 3, 6
#: WKB type code // 1000 -> coordinate width in bytes (XY, XYZ, XYM, XYZM)
_STRIDES = {0: 16, 1: 24, 2: 24, 3: 32}


@dataclass
class FlatPolygons:
    """Vertices of ``n`` polygon geometries in the map's flat layout."""

    coords: np.ndarray  # (m, 2) float64, rings closed
    ring_start: np.ndarray  # (m,) bool
    coord_offsets: np.ndarray  # (n + 1,) int64
    bounds: np.ndarray  # (n, 4) float64, NaN for empty

    @property
    def n(self) -> int:
        return len(self.bounds)


class _Unsupported(Exception):
    pass


def flat_polygons(
    offsets: np.ndarray, data: np.ndarray, valid: np.ndarray | None = None
) -> FlatPolygons | None:
    """Parse the WKB values of an Arrow binary column.

    ``offsets`` (n + 1 ints) and ``data`` (uint8) are the column's buffers; ``valid`` is
    False for null values (drawn as empty). ``None`` where the values are not all
    little-endian (Multi)Polygons.
    """
    try:
        return _parse(np.asarray(offsets, dtype=np.int64), np.asarray(data, dtype=np.uint8), valid)
    except _Unsupported:
        return None


def _u32(data: np.ndarray, at: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The little-endian uint32 at each position ``at``, all within their value (``end``)."""
    _within(at + 4, end)
    return _at_every_byte(data, "<u4")[at]


def _within(reach: np.ndarray, end: np.ndarray) -> None:
    if len(reach) and (reach > end).any():
        raise _Unsupported  # a count or vertex beyond its value: truncated or not WKB


def _at_every_byte(data: np.ndarray, dtype: str) -> np.ndarray:
    """The buffer seen as a ``dtype`` value starting at every byte: a strided view, no
    copy (numpy reads unaligned values), so one gather reads values at any positions."""
    size = np.dtype(dtype).itemsize
    return np.ndarray((max(len(data) - size + 1, 0),), dtype=dtype, buffer=data, strides=(1,))


def _header(data: np.ndarray, at: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Byte order checked; (base type, coordinate stride) of the WKB values at ``at``."""
    _within(at + 5, end)
    if len(at) and not (data[at] == 1).all():
        raise _Unsupported  # big-endian
    code = _u32(data, at + 1, end)
    if (code & 0xE0000000).any():
        raise _Unsupported  # EWKB flags (SRID, Z, M)
    dims = code // 1000
    if (dims > 3).any():
        raise _Unsupported
    stride = np.array([_STRIDES[int(d)] for d in range(4)])[dims]
    return code % 1000, stride


def _parse(offsets: np.ndarray, data: np.ndarray, valid: np.ndarray | None) -> FlatPolygons:
    n = len(offsets) - 1
    present = offsets[1:] > offsets[:-1]
    if valid is not None:
        present &= valid
    rows = np.flatnonzero(present)
    start = offsets[:-1][rows]
    end = offsets[1:][rows]  # each value's own end: nothing of it may be read past it
    if len(rows) and (start.min() < 0 or end.max() > len(data)):
        raise _Unsupported
    base, stride = _header(data, start, end)
    if not np.isin(base, (_POLYGON, _MULTIPOLYGON)).all():
        raise _Unsupported

    # rings found, in any order: (row, part, ring within part, first vertex byte, vertices)
    ring_rows, ring_parts, ring_index, ring_at, ring_points = [], [], [], [], []

    def read_rings(g_rows, part, cursor, g_stride, g_end):
        """Rings of one polygon per entry, cursor at its ring count; returns the end."""
        count = _u32(data, cursor, g_end).astype(np.int64)
        cursor = cursor + 4
        _within(cursor + 4 * count, g_end)  # at least a vertex count per ring: no runaway loop
        for j in range(int(count.max()) if len(count) else 0):
            active = np.flatnonzero(count > j)
            at = cursor[active]
            points = _u32(data, at, g_end[active]).astype(np.int64)
            ring_rows.append(g_rows[active])
            ring_parts.append(np.full(len(active), part, dtype=np.int64))
            ring_index.append(np.full(len(active), j, dtype=np.int64))
            ring_at.append(at + 4)
            ring_points.append(points)
            cursor[active] = at + 4 + points * g_stride[active]
            _within(cursor[active], g_end[active])
        return cursor

    polygons = base == _POLYGON
    ends = np.empty(len(rows), dtype=np.int64)
    ends[polygons] = read_rings(
        rows[polygons], 0, start[polygons] + 5, stride[polygons], end[polygons]
    )
    multi = np.flatnonzero(~polygons)
    if len(multi):
        m_rows, m_stride, m_end = rows[multi], stride[multi], end[multi]
        parts = _u32(data, start[multi] + 5, m_end).astype(np.int64)
        cursor = start[multi] + 9
        _within(cursor + 9 * parts, m_end)  # at least a header per part
        for k in range(int(parts.max())):
            active = np.flatnonzero(parts > k)
            part_base, part_stride = _header(data, cursor[active], m_end[active])
            if not (part_base == _POLYGON).all() or not (part_stride == m_stride[active]).all():
                raise _Unsupported
            cursor[active] = read_rings(
                m_rows[active], k, cursor[active] + 5, m_stride[active], m_end[active]
            )
        ends[multi] = cursor
    if not np.array_equal(ends, end):
        raise _Unsupported  # bytes left over: not the WKB it claims to be

    if ring_rows:
        r_rows = np.concatenate(ring_rows)
        r_parts = np.concatenate(ring_parts)
        r_index = np.concatenate(ring_index)
        r_at = np.concatenate(ring_at)
        r_points = np.concatenate(ring_points)
        order = np.lexsort((r_index, r_parts, r_rows))
        r_rows, r_at, r_points = r_rows[order], r_at[order], r_points[order]
    else:
        r_rows = r_at = r_points = np.empty(0, dtype=np.int64)
    row_stride = np.zeros(n, dtype=np.int64)
    row_stride[rows] = stride
    r_stride = row_stride[r_rows]

    total = int(r_points.sum())
    ring_first = np.cumsum(r_points) - r_points  # index of each ring's first vertex
    within = np.arange(total, dtype=np.int64) - np.repeat(ring_first, r_points)
    at = np.repeat(r_at, r_points) + within * np.repeat(r_stride, r_points)
    coords = _gather_xy(data, at)
    ring_start = np.zeros(total, dtype=bool)
    ring_start[ring_first[r_points > 0]] = True

    counts = np.bincount(r_rows, weights=r_points, minlength=n).astype(np.int64)
    coord_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=coord_offsets[1:])
    bounds = np.full((n, 4), np.nan)
    has = np.flatnonzero(counts > 0)
    if len(has):
        first = coord_offsets[has]
        bounds[has, 0] = np.minimum.reduceat(coords[:, 0], first)
        bounds[has, 1] = np.minimum.reduceat(coords[:, 1], first)
        bounds[has, 2] = np.maximum.reduceat(coords[:, 0], first)
        bounds[has, 3] = np.maximum.reduceat(coords[:, 1], first)
    return FlatPolygons(coords, ring_start, coord_offsets, bounds)


def _gather_xy(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The x and y (two float64) at each byte position ``at``, read as one 16-byte value."""
    if len(at) == 0:
        return np.empty((0, 2), dtype=np.float64)
    pairs = _at_every_byte(data, "<c16")[at]  # complex128: x as real, y as imaginary part
    return pairs.view(np.float64).reshape(len(at), 2)
