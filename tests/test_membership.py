"""Membership: representative point rule, first cluster keeps its buildings, incremental updates."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import Polygon, box

from gis_app.core.clusters import membership as M
from gis_app.core.clusters.frames import add_cluster, cluster_frame, set_cluster_geometry
from gis_app.core.schema import ensure_building_columns


def _buildings(geoms) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {"building_id": [f"{i:016d}" for i in range(len(geoms))]}, geometry=geoms, crs=28992
    )
    return ensure_building_columns(frame)


def _row_of_houses(n=10, width=6.0, gap=0.0, y=0.0):
    return [box(i * (width + gap), y, i * (width + gap) + width, y + 9) for i in range(n)]


def _clusters(*polygons):
    records = [{"cluster_id": f"C{i + 1:04d}", "name": f"c{i + 1}"} for i in range(len(polygons))]
    return cluster_frame(records, list(polygons))


def test_building_in_cluster_containing_its_representative_point():
    buildings = _buildings(_row_of_houses(10))
    clusters = _clusters(box(-1, -1, 30, 10))  # houses 0..4 (x 0..30)
    ids = M.compute_membership(buildings, clusters)
    assert list(ids) == ["C0001"] * 5 + [""] * 5


def test_straddling_building_belongs_to_side_with_its_point():
    # An L-shaped building: most of its area right of x = 10, a thin arm to the left.
    ell = Polygon([(0, 0), (20, 0), (20, 10), (12, 10), (12, 2), (0, 2)])
    buildings = _buildings([ell])
    point = shapely.point_on_surface(ell)
    left = box(-5, -5, point.x - 0.5, 15)
    right = box(point.x - 0.5, -5, 30, 15)
    # Both polygons intersect the footprint; only one holds its representative point.
    assert left.intersects(ell) and right.intersects(ell)
    clusters = _clusters(left, right)
    assert list(M.compute_membership(buildings, clusters)) == ["C0002"]
    assert M.compute_membership(buildings, clusters).tolist().count("C0001") == 0


def test_overlap_first_cluster_keeps_its_buildings_and_is_reported():
    buildings = _buildings(_row_of_houses(10))
    first = box(-1, -1, 36, 10)  # houses 0..5
    second = box(23, -1, 61, 10)  # houses 4..9 (overlap: 4, 5)
    ids = M.compute_membership(buildings, _clusters(first, second))
    assert list(ids) == ["C0001"] * 6 + ["C0002"] * 4
    # Reversed order: the other cluster comes first and keeps the overlap.
    reversed_ids = M.compute_membership(
        buildings, cluster_frame([{"cluster_id": "B"}, {"cluster_id": "A"}], [second, first])
    )
    assert list(reversed_ids) == ["A"] * 4 + ["B"] * 6
    assert list(M.overlapping_rows(buildings, _clusters(first, second))) == [4, 5]


def test_buildings_never_counted_twice():
    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 200, size=(300, 2))
    buildings = _buildings(list(shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + 5, xy[:, 1] + 5)))
    polys = [shapely.Point(x, y).buffer(40) for x, y in rng.uniform(0, 200, size=(8, 2))]
    clusters = _clusters(*polys)
    ids = M.compute_membership(buildings, clusters)
    points = shapely.point_on_surface(np.asarray(buildings.geometry.array))
    for row, cid in enumerate(ids):
        containing = [
            c
            for c, p in zip(clusters["cluster_id"], polys, strict=True)
            if p.intersects(points[row])
        ]
        assert cid == (containing[0] if containing else "")


def test_point_on_shared_boundary_goes_to_first_cluster():
    buildings = _buildings([box(0, 0, 10, 10)])
    point = shapely.point_on_surface(buildings.geometry.iloc[0])
    clusters = _clusters(box(-5, -5, point.x, 20), box(point.x, -5, 30, 20))
    assert list(M.compute_membership(buildings, clusters)) == ["C0001"]


def test_update_membership_matches_full_recompute_and_reports_changes():
    buildings = _buildings(_row_of_houses(20))
    clusters = _clusters(box(-1, -1, 30, 10), box(59, -1, 90, 10))
    M.assign_membership(buildings, clusters)
    old = box(-1, -1, 30, 10)
    new = box(11, -1, 50, 10)  # loses houses 0, 1; gains 5..7 (8 starts at 48: point at 51)
    edited = set_cluster_geometry(clusters, "C0001", new)
    rows, before, after = M.update_membership(buildings, edited, [old, new])
    assert list(M.current_membership(buildings)) == list(M.compute_membership(buildings, edited))
    assert set(rows) == {0, 1, 5, 6, 7}
    assert list(before[np.argsort(rows)]) == ["C0001", "C0001", "", "", ""]
    assert list(after[np.argsort(rows)]) == ["", "", "C0001", "C0001", "C0001"]
    # Restoring the old values gives back the exact previous column.
    M.set_membership_rows(buildings, rows, before)
    assert list(M.current_membership(buildings)) == list(M.compute_membership(buildings, clusters))


def test_new_cluster_over_existing_one_takes_only_free_buildings():
    buildings = _buildings(_row_of_houses(10))
    clusters = _clusters(box(-1, -1, 30, 10))
    M.assign_membership(buildings, clusters)
    grown, cid = add_cluster(clusters, box(-1, -1, 61, 10))
    M.update_membership(buildings, grown, [grown.geometry.iloc[-1]])
    assert list(M.current_membership(buildings)) == ["C0001"] * 5 + [cid] * 5


def test_unclustered_rows_and_members():
    buildings = _buildings(_row_of_houses(6))
    M.assign_membership(buildings, _clusters(box(-1, -1, 13, 10)))
    assert list(M.unclustered_rows(buildings)) == [2, 3, 4, 5]
    assert list(M.members(buildings, "C0001")) == [0, 1]


def test_empty_geometry_never_joins_and_index_is_cached():
    buildings = _buildings([box(0, 0, 5, 5), Polygon(), box(10, 0, 15, 5)])
    index = M.membership_index(buildings)
    assert M.membership_index(buildings) is index
    ids = M.compute_membership(buildings, _clusters(box(-100, -100, 100, 100)))
    assert list(ids) == ["C0001", "", "C0001"]
    # Replacing the geometry column invalidates the cache.
    buildings.geometry = list(shapely.affinity.translate(g, 1000) for g in buildings.geometry)
    assert M.membership_index(buildings) is not index
    assert list(M.compute_membership(buildings, _clusters(box(-100, -100, 100, 100)))) == [
        "",
        "",
        "",
    ]


def test_no_clusters_means_no_membership():
    buildings = _buildings(_row_of_houses(3))
    assert list(M.compute_membership(buildings, _clusters())) == ["", "", ""]


def test_overlap_tracker_follows_edits_like_a_full_recount():
    buildings = _buildings(_row_of_houses(30))
    clusters = _clusters(box(-1, -1, 60, 10), box(40, -1, 100, 10), box(150, -1, 181, 10))
    tracker = M.OverlapTracker()
    assert list(tracker.rows(buildings, clusters)) == list(M.overlapping_rows(buildings, clusters))
    edits = [
        ("C0003", box(85, -1, 181, 10)),  # now overlaps C0002
        ("C0001", box(-1, -1, 20, 10)),  # no longer overlaps C0002
        ("C0002", box(0, -1, 200, 10)),  # overlaps everything
    ]
    for cid, polygon in edits:
        clusters = set_cluster_geometry(clusters, cid, polygon)
        expected = M.overlapping_rows(buildings, clusters)
        assert len(expected) > 0
        assert list(tracker.rows(buildings, clusters)) == list(expected)


def test_rows_in_gives_the_same_rows_with_or_without_the_tree_over_all_points():
    """Few geometries are looked up by testing every point against a tree of them (no tree
    over all points to build while holding the GIL); the result is the tree's."""
    rng = np.random.default_rng(7)
    xy = rng.uniform(0, 500, size=(3000, 2))
    buildings = _buildings(list(shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + 4, xy[:, 1] + 4)))
    shapes = [shapely.Point(x, y).buffer(25) for x, y in rng.uniform(0, 500, size=(12, 2))]
    shapes.append(shapely.LineString([(0, 0), (500, 500)]).buffer(3))
    index = M.MembershipIndex(buildings)
    without = index.rows_in(shapes, build_tree=False)
    assert index._tree is None  # answered without making one
    index.tree  # noqa: B018 - made now, as an edit would
    with_tree = index.rows_in(shapes)
    assert len(without) > 50
    np.testing.assert_array_equal(without, with_tree)


def test_an_index_made_from_a_snapshot_serves_the_frame_and_seeds_the_tracker():
    buildings = _buildings(_row_of_houses(10))
    clusters = _clusters(box(-1, -1, 36, 10), box(23, -1, 61, 10))
    snapshot = buildings.copy(deep=False)  # what a worker counts on
    index = M.MembershipIndex(snapshot)
    rows = M.overlapping_rows(snapshot, clusters, index=index)
    assert M.remember_index(buildings, index)
    assert M.membership_index(buildings) is index  # no second index on the UI thread
    tracker = M.OverlapTracker()
    tracker.seed(buildings, clusters, rows)
    made = []
    real = M.MembershipIndex.__init__

    def counting(self, frame):
        made.append(frame)
        real(self, frame)

    M.MembershipIndex.__init__ = counting
    try:
        assert list(tracker.rows(buildings, clusters)) == [4, 5]
    finally:
        M.MembershipIndex.__init__ = real
    assert made == []
    other = _buildings(_row_of_houses(10, y=50.0))
    assert not M.remember_index(other, index)  # not its footprints
