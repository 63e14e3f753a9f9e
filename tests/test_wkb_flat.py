"""Polygon WKB parsed straight into the map's flat arrays (gis_app.core.io.wkb_flat).

The parse must give exactly what :class:`GeometryArrays` computes from the shapely
objects of the same WKB (the map draws either), and refuse what it does not know.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from gis_app.core.io.wkb_flat import flat_polygons
from gis_app.core.spatial import GeometryArrays


def column(blobs: list[bytes | None]):
    """An Arrow-like binary column: offsets, data buffer and validity."""
    sizes = [0 if blob is None else len(blob) for blob in blobs]
    offsets = np.zeros(len(blobs) + 1, dtype=np.int32)
    np.cumsum(sizes, out=offsets[1:])
    data = np.frombuffer(b"".join(blob or b"" for blob in blobs), dtype=np.uint8)
    valid = np.array([blob is not None for blob in blobs])
    return offsets, data, valid


def same_as_shapely(geometries, polygons) -> None:
    expected = GeometryArrays(np.asarray(geometries, dtype=object))
    np.testing.assert_array_equal(polygons.coords, expected.coords)
    np.testing.assert_array_equal(polygons.ring_start, expected.ring_start)
    np.testing.assert_array_equal(polygons.coord_offsets, expected.coord_offsets)
    np.testing.assert_array_equal(polygons.bounds, expected.bounds)


def varied_polygons(seed: int = 4, n: int = 300) -> list:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        x, y = rng.uniform(230_000, 260_000), rng.uniform(570_000, 600_000)
        w, h = rng.uniform(3, 30), rng.uniform(3, 30)
        outer = shapely.box(x, y, x + w, y + h)
        kind = i % 5
        if kind == 0:
            out.append(outer)
        elif kind == 1:  # a courtyard: one hole
            out.append(outer.difference(shapely.box(x + w / 4, y + h / 4, x + w / 2, y + h / 2)))
        elif kind == 2:  # two parts, the second with a hole
            far = shapely.box(x + 50, y, x + 50 + w, y + h)
            holed = far.difference(
                shapely.box(x + 50 + w / 4, y + h / 4, x + 50 + w / 2, y + h / 2)
            )
            out.append(shapely.MultiPolygon([outer, holed]))
        elif kind == 3:  # many vertices
            out.append(shapely.Point(x, y).buffer(w, quad_segs=int(rng.integers(2, 40))))
        else:  # a single-part multipolygon, as BAG files often store them
            out.append(shapely.MultiPolygon([outer]))
    return out


def test_polygons_holes_and_parts_give_what_the_shapely_objects_give():
    geometries = varied_polygons()
    offsets, data, valid = column(list(shapely.to_wkb(geometries, flavor="iso")))
    polygons = flat_polygons(offsets, data, valid)
    assert polygons is not None and polygons.n == len(geometries)
    same_as_shapely(geometries, polygons)
    assert polygons.ring_start.sum() > len(geometries)  # holes and parts start rings


def test_empty_null_and_z_values():
    geometries = varied_polygons(seed=9, n=20)
    blobs = list(shapely.to_wkb(geometries, flavor="iso", output_dimension=3))
    z = shapely.force_3d(geometries[0], 7.5)
    blobs[0] = shapely.to_wkb(z, flavor="iso", output_dimension=3)  # XYZ: x and y kept
    blobs[3] = None  # a null geometry
    blobs[5] = shapely.to_wkb(shapely.Polygon(), flavor="iso")  # an empty polygon
    blobs[6] = b""  # a zero-length value
    offsets, data, valid = column(blobs)
    polygons = flat_polygons(offsets, data, valid)
    expected = list(geometries)
    expected[3] = expected[5] = expected[6] = shapely.Polygon()
    same_as_shapely(expected, polygons)
    assert np.isnan(polygons.bounds[[3, 5, 6]]).all()


def test_a_slice_of_a_column_starts_at_its_first_offset():
    geometries = varied_polygons(seed=2, n=30)
    offsets, data, valid = column(list(shapely.to_wkb(geometries, flavor="iso")))
    part = flat_polygons(offsets[10:21], data, valid[10:20])
    same_as_shapely(geometries[10:20], part)


@pytest.mark.parametrize(
    "blob",
    [
        shapely.to_wkb(shapely.box(0, 0, 1, 1), byte_order=0),  # big-endian
        shapely.to_wkb(shapely.Point(1, 2)),
        shapely.to_wkb(shapely.LineString([(0, 0), (1, 1)])),
        shapely.to_wkb(shapely.set_srid(shapely.box(0, 0, 1, 1), 28992), include_srid=True),
        shapely.to_wkb(shapely.box(0, 0, 1, 1))[:-9],  # truncated in its last vertex
        shapely.to_wkb(shapely.box(0, 0, 1, 1))[:7],  # truncated in its header
        b"\x01\xff\xff\xff\x7f" + bytes(8),  # no WKB type
        b"\x01\x03\x00\x00\x00\xff\xff\xff\xff" + bytes(8),  # 4 billion rings claimed
        shapely.to_wkb(shapely.box(0, 0, 1, 1)) + b"\x00",  # a byte too many
    ],
    ids=[
        "big-endian",
        "point",
        "line",
        "srid",
        "truncated",
        "header",
        "garbage",
        "rings",
        "trailing",
    ],
)
def test_what_it_does_not_know_is_refused(blob):
    good = shapely.to_wkb(shapely.box(5, 5, 6, 6))
    offsets, data, valid = column([good, blob, good])
    assert flat_polygons(offsets, data, valid) is None


def test_a_multipolygon_with_a_point_inside_is_refused():
    collection = shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.Point(3, 3)])
    offsets, data, valid = column([shapely.to_wkb(collection)])
    assert flat_polygons(offsets, data, valid) is None


def test_flat_arrays_draw_but_pick_nothing_until_their_geometries_come():
    geometries = varied_polygons(seed=3, n=40)
    offsets, data, valid = column(list(shapely.to_wkb(geometries, flavor="iso")))
    polygons = flat_polygons(offsets, data, valid)
    drawn = GeometryArrays.from_flat(polygons)
    assert not drawn.has_geometries
    x, y = shapely.get_coordinates(shapely.point_on_surface(geometries[0]))[0]
    assert len(drawn.at_point(x, y)) == 0
    assert len(drawn.in_rect(x - 1, y - 1, x + 1, y + 1)) == 0
    assert 0 in drawn.bbox_rows(x - 1, y - 1, x + 1, y + 1)  # drawing asks by box: found
    picked = GeometryArrays.from_flat(polygons, geometries)
    assert picked.at_point(x, y)[0] == 0
    with pytest.raises(ValueError):
        GeometryArrays.from_flat(polygons, geometries[:-1])
