"""Cluster suggestion, ranking, statistics and pure geometry operations."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, box

from gis_app.core.clusters import membership as M
from gis_app.core.clusters.accept import add_suggestions
from gis_app.core.clusters.frames import (
    add_cluster,
    cluster_frame,
    merge_clusters,
    move_cluster_to,
    remove_clusters,
    set_cluster_attribute,
    split_cluster,
)
from gis_app.core.clusters.geometry import (
    delete_vertex,
    insert_vertex,
    move_vertex,
    nearest_edge,
    nearest_vertex,
    normalise_polygon,
    polygon_parts,
    ring_coords,
    split_polygon,
    translate,
    vertex_table,
)
from gis_app.core.clusters.hulls import hull_around_rows
from gis_app.core.clusters.ranking import (
    cluster_statistics,
    order_by_rank,
    rank_clusters,
    rank_reason,
)
from gis_app.core.clusters.suggest import suggest_clusters
from gis_app.core.schema import CLUSTER_COLUMNS, ensure_building_columns


def _buildings(geoms, **columns) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {"building_id": [f"{i:016d}" for i in range(len(geoms))], **columns},
        geometry=list(geoms),
        crs=28992,
    )
    return ensure_building_columns(frame)


def _village(seed=0, blocks=12):
    """Blocks of terraced rows (houses touching) separated by 20 m streets, some detached."""
    rng = np.random.default_rng(seed)
    geoms, place = [], []
    for b in range(blocks):
        bx, by = (b % 4) * 120.0, (b // 4) * 60.0
        n = int(rng.integers(4, 14))
        for i in range(n):
            geoms.append(box(bx + i * 6.0, by, bx + i * 6.0 + 6.0, by + 9.0))
            place.append("Loppersum" if b < 8 else "Appingedam")
    for _ in range(10):
        x, y = rng.uniform(0, 480), rng.uniform(-200, -100)
        geoms.append(box(x, y, x + 8, y + 8))
        place.append("Loppersum")
    n = len(geoms)
    profile = rng.choice(["verhoogd", "licht verhoogd", "normaal"], size=n, p=[0.2, 0.3, 0.5])
    return _buildings(geoms, woonplaats=place, risk_profile=profile, lpr=rng.uniform(1e-7, 1e-4, n))


# --- suggestion ----------------------------------------------------------------------------


def test_suggestion_properties():
    buildings = _village()
    clusters, membership = suggest_clusters(buildings, max_buildings=8, max_spread=80)
    ids = membership.to_numpy()
    # Every building in at most one cluster, and all known ids.
    assert set(ids) - {""} == set(clusters["cluster_id"])
    assert (ids != "").all()
    counts = membership.value_counts()
    assert counts.max() <= 8
    # Spread: bounding-box diagonal of representative points within the limit.
    points = shapely.point_on_surface(np.asarray(buildings.geometry.array))
    xy = shapely.get_coordinates(points)
    for cid in clusters["cluster_id"]:
        pts = xy[ids == cid]
        assert np.hypot(*(pts.max(axis=0) - pts.min(axis=0))) <= 80 + 1e-9
    # Canonical columns, valid polygons, rank order 1..n.
    assert list(clusters.columns[: len(CLUSTER_COLUMNS)]) == list(CLUSTER_COLUMNS)
    assert clusters.geometry.is_valid.all()
    assert list(clusters["rank"]) == list(range(1, len(clusters) + 1))


def test_adjacent_houses_share_a_cluster():
    buildings = _village(seed=3)
    clusters, membership = suggest_clusters(buildings, max_buildings=40, max_spread=300)
    geoms = np.asarray(buildings.geometry.array)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=2.0)
    pairs = left < right
    ids = membership.to_numpy()
    same = ids[left[pairs]] == ids[right[pairs]]
    # Terraced blocks are at most 13 houses: every touching pair stays together.
    assert same.all()
    # Houses across a 20 m street are not linked at the default 10 m.
    assert ids[0] != ids[np.flatnonzero(buildings.geometry.bounds["miny"].to_numpy() >= 60)[0]]


def test_oversized_terrace_is_split_but_neighbours_mostly_together():
    geoms = [box(i * 6.0, 0, i * 6.0 + 6, 9) for i in range(100)]  # one 600 m terrace
    buildings = _buildings(geoms)
    clusters, membership = suggest_clusters(buildings, max_buildings=30, max_spread=1000)
    ids = membership.to_numpy()
    assert membership.value_counts().max() <= 30
    assert len(clusters) >= 4
    # Neighbours differ only at the cuts: runs are contiguous.
    changes = int((ids[1:] != ids[:-1]).sum())
    assert changes == len(clusters) - 1


def test_small_groups_join_neighbours_within_limits():
    # A street of detached houses 14 m apart: no footprints within 10 m of each other.
    geoms = [box(i * 20.0, 0, i * 20.0 + 6, 9) for i in range(12)]
    buildings = _buildings(geoms)
    _, membership = suggest_clusters(buildings, max_buildings=50, max_spread=1000)
    assert membership.nunique() == 1
    _, membership = suggest_clusters(buildings, max_buildings=5, max_spread=1000)
    assert membership.value_counts().max() <= 5 and membership.nunique() == 3
    _, membership = suggest_clusters(buildings, max_buildings=50, max_spread=1000, min_buildings=1)
    assert membership.nunique() == 12  # joining switched off


def test_suggested_polygons_reproduce_the_membership():
    buildings = _village(seed=5)
    clusters, membership = suggest_clusters(buildings, max_buildings=6, max_spread=60)
    recomputed = M.compute_membership(buildings, clusters)
    assert list(recomputed) == list(membership)
    assert len(M.overlapping_rows(buildings, clusters)) == 0


def test_ranking_puts_verhoogd_first_with_reason():
    geoms = [box(i * 100.0, 0, i * 100.0 + 6, 9) for i in range(3)]
    geoms += [box(i * 100.0 + 6, 0, i * 100.0 + 12, 9) for i in range(3)]
    profiles = ["normaal", "verhoogd", "licht verhoogd", "normaal", "verhoogd", "normaal"]
    buildings = _buildings(geoms, risk_profile=profiles, woonplaats=["Loppersum"] * 6)
    clusters, membership = suggest_clusters(buildings)
    assert len(clusters) == 3
    first = clusters.iloc[0]
    assert membership.iloc[1] == first["cluster_id"]  # the cluster with two verhoogd
    assert first["reason"] == "rang 1: 2 verhoogd, 0 licht verhoogd van 2 panden"
    assert clusters.iloc[1]["reason"].startswith("rang 2: 0 verhoogd, 1 licht verhoogd")
    assert list(clusters["name"]) == ["Loppersum-001", "Loppersum-002", "Loppersum-003"]


def test_rank_reason_mentions_lpr_when_known():
    assert (
        rank_reason(3, 1, 2, 1, 2e-5)
        == "rang 3: 1 verhoogd, 2 licht verhoogd van 1 pand; som LPR 2,0e-05"
    )


def test_rank_existing_clusters_and_order_by_rank():
    buildings = _buildings(
        [box(0, 0, 5, 5), box(10, 0, 15, 5), box(20, 0, 25, 5)],
        risk_profile=["normaal", "verhoogd", "verhoogd"],
    )
    clusters = cluster_frame(
        [{"cluster_id": "A"}, {"cluster_id": "B"}], [box(-1, -1, 6, 6), box(9, -1, 26, 6)]
    )
    M.assign_membership(buildings, clusters)
    ranking = rank_clusters(buildings, clusters)
    assert list(ranking["rank"]) == [2, 1]
    assert list(order_by_rank(buildings, clusters)["cluster_id"]) == ["B", "A"]


def test_add_suggestions_keeps_existing_clusters_first():
    buildings = _village(seed=2)
    existing = cluster_frame(
        [{"cluster_id": "C0001", "name": "Mijn cluster"}], [box(-5, -5, 40, 20)]
    )
    M.assign_membership(buildings, existing)
    mine = set(M.members(buildings, "C0001"))
    suggestion = add_suggestions(buildings, existing, max_buildings=10, max_spread=100)
    assert suggestion.clusters["cluster_id"].iloc[0] == "C0001"
    assert "C0001" not in suggestion.added_ids
    assert set(np.flatnonzero(suggestion.membership == "C0001")) == mine
    assert list(M.compute_membership(buildings, suggestion.clusters)) == list(suggestion.membership)
    assert (suggestion.membership != "").all()


def test_suggest_reports_progress_and_rejects_bad_limits():
    buildings = _village()
    seen = []
    suggest_clusters(buildings, progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(ValueError):
        suggest_clusters(buildings, max_buildings=0)


def test_hull_from_selection_contains_exactly_the_selection():
    buildings = _village(seed=4)
    rows = [0, 1, 2, 5]  # not contiguous: house 3 and 4 lie between
    hull = hull_around_rows(buildings, rows)
    points = shapely.point_on_surface(np.asarray(buildings.geometry.array))
    inside = np.flatnonzero(shapely.intersects(hull, points))
    assert list(inside) == rows


# --- statistics ----------------------------------------------------------------------------


def test_cluster_statistics_by_groupby():
    buildings = _buildings(
        [box(i * 10.0, 0, i * 10.0 + 5, 5) for i in range(4)],
        risk_profile=["verhoogd", "normaal", "verhoogd", "licht verhoogd"],
        addresses=[2, 1, 3, 1],
        residents=[3.0, np.nan, 4.0, 1.0],
        lpr=[2e-5, 1e-7, 3e-5, 2e-6],
        milestone=["opname", "in_plan", "opname", "afgerond"],
        measure_class=["heavy", "", "", "light"],
    )
    clusters = cluster_frame(
        [{"cluster_id": "A"}, {"cluster_id": "B"}, {"cluster_id": "E"}],
        [box(-1, -1, 16, 6), box(19, -1, 26, 6), box(1000, 0, 1001, 1)],
    )
    M.assign_membership(buildings, clusters)
    stats = cluster_statistics(buildings, clusters, include_unclustered=True)
    assert list(stats.index) == ["A", "B", "E", ""]
    assert stats.loc["A", "n_buildings"] == 2 and stats.loc["A", "addresses"] == 3
    assert stats.loc["A", "residents"] == 3.0
    assert stats.loc["A", "profile:verhoogd"] == 1 and stats.loc["A", "profile:normaal"] == 1
    assert stats.loc["A", "lpr_sum"] == pytest.approx(2e-5 + 1e-7)
    assert stats.loc["A", "measure:heavy"] == 1 and stats.loc["A", "measure:none"] == 1
    assert stats.loc["B", "milestone:opname"] == 1
    assert stats.loc["B", "measure:heavy"] == 1  # expected from the profile
    assert stats.loc["E", "n_buildings"] == 0 and stats.loc["E", "lpr_sum"] == 0
    assert stats.loc["", "n_buildings"] == 1 and stats.loc["", "milestone:afgerond"] == 1


# --- geometry operations -------------------------------------------------------------------


def test_vertex_edits():
    square = box(0, 0, 10, 10)
    ring = ring_coords(square, 0, 0)
    assert len(ring) == 4
    moved = move_vertex(square, (0, 0, 0), (20, 20))
    assert tuple(ring_coords(moved, 0, 0)[0]) == (20.0, 20.0)
    inserted = insert_vertex(square, 0, 0, 1, (5, -3))
    coords = ring_coords(inserted, 0, 0)
    assert len(coords) == 5 and tuple(coords[2]) == (5.0, -3.0)
    deleted = delete_vertex(inserted, (0, 0, 2))
    assert shapely.equals(deleted, square)
    triangle = Polygon([(0, 0), (1, 0), (0, 1)])
    with pytest.raises(ValueError):
        delete_vertex(triangle, (0, 0, 0))
    assert translate(square, 5, -2).bounds == (5, -2, 15, 8)


def test_vertex_edits_on_multipolygon_and_hole():
    shell = box(0, 0, 10, 10)
    holed = Polygon(shell.exterior.coords, [box(4, 4, 6, 6).exterior.coords])
    multi = MultiPolygon([box(20, 0, 30, 10), holed])
    moved = move_vertex(multi, (1, 1, 0), (3, 3))
    assert (3.0, 3.0) in [tuple(c) for c in ring_coords(moved, 1, 1)]
    assert shapely.equals(polygon_parts(moved)[0], box(20, 0, 30, 10))
    coords, addresses = vertex_table(multi)
    assert len(coords) == 12 and addresses[-1].tolist() == [1, 1, 3]


def test_hit_testing():
    square = box(0, 0, 10, 10)
    assert nearest_vertex(square, (9.5, 10.2), 1.0) is not None
    assert nearest_vertex(square, (5, 5), 1.0) is None
    part, ring, after, point = nearest_edge(square, (5, 10.3), 1.0)
    assert (part, ring) == (0, 0) and point == pytest.approx((5.0, 10.0))
    assert nearest_edge(square, (5, 5), 1.0) is None


def test_split_polygon_and_cluster():
    clusters = cluster_frame(
        [{"cluster_id": "C0001", "name": "Noord"}, {"cluster_id": "C0002", "name": "Zuid"}],
        [box(0, 0, 10, 10), box(0, -20, 10, -10)],
    )
    line = LineString([(3, -1), (3, 11)])
    frame, ids = split_cluster(clusters, "C0001", line)
    assert ids == ["C0001", "C0003"]
    assert list(frame["cluster_id"]) == ["C0001", "C0003", "C0002"]
    assert frame.geometry.iloc[0].area == pytest.approx(70)  # largest piece keeps the id
    assert frame.geometry.iloc[1].area == pytest.approx(30)
    assert frame["name"].iloc[1] == "Noord (2)"
    # A line ending inside the polygon is extended to cut through.
    assert len(split_polygon(box(0, 0, 10, 10), LineString([(5, 2), (5, 8)]))) == 2
    with pytest.raises(ValueError):
        split_cluster(clusters, "C0001", LineString([(20, 0), (20, 10)]))


def test_merge_rename_recolour_delete_add():
    clusters = cluster_frame(
        [{"cluster_id": "C0001", "name": "a"}, {"cluster_id": "C0002", "name": "b"}],
        [box(0, 0, 10, 10), box(10, 0, 20, 10)],
    )
    merged, keep = merge_clusters(clusters, ["C0002", "C0001"])
    assert keep == "C0001" and list(merged["cluster_id"]) == ["C0001"]
    assert merged.geometry.iloc[0].area == pytest.approx(200)
    renamed = set_cluster_attribute(clusters, "C0002", "name", "Oost")
    assert list(renamed["name"]) == ["a", "Oost"] and list(clusters["name"]) == ["a", "b"]
    recoloured = set_cluster_attribute(clusters, "C0001", "color", "#123456")
    assert recoloured["color"].iloc[0] == "#123456"
    assert list(remove_clusters(clusters, ["C0001"])["cluster_id"]) == ["C0002"]
    added, cid = add_cluster(clusters, box(50, 50, 60, 60))
    assert cid == "C0003" and added["cluster_id"].iloc[-1] == "C0003"
    moved = move_cluster_to(added, "C0003", 0)
    assert list(moved["cluster_id"]) == ["C0003", "C0001", "C0002"]


def test_normalise_polygon_repairs_and_refuses():
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    fixed = normalise_polygon(bowtie)
    assert fixed.is_valid and fixed.area == pytest.approx(50)
    with pytest.raises(ValueError):
        normalise_polygon(LineString([(0, 0), (1, 1)]))


def test_suggestion_on_sample_area():
    """Realistic villages (terraces, semi-detached, detached, flats, farms)."""
    from gis_app.core.sample import generate_buildings

    buildings = generate_buildings(3000, seed=1)
    clusters, membership = suggest_clusters(buildings, max_buildings=40, max_spread=300)
    ids = membership.to_numpy()
    assert (ids != "").all() and membership.value_counts().max() <= 40
    assert list(M.compute_membership(buildings, clusters)) == list(ids)
    geoms = np.asarray(buildings.geometry.array)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=2.0)
    pairs = left < right
    same = ids[left[pairs]] == ids[right[pairs]]
    assert same.mean() > 0.9  # the common case: touching neighbours share a cluster
    # No cluster polygon takes in another cluster's building.
    assert len(M.overlapping_rows(buildings, clusters)) == 0
