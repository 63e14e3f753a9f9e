"""Clusters the planner makes take their buildings; priority moves; small suggestions left out.

Pure core functions, no Qt.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import box

from gis_app.core.clusters import membership as M
from gis_app.core.clusters.accept import add_suggestions, without_small
from gis_app.core.clusters.frames import add_cluster, cluster_frame, move_clusters_to
from gis_app.core.clusters.hulls import hull_around_rows
from gis_app.core.schema import ensure_building_columns


def _row_of_houses(n=20) -> gpd.GeoDataFrame:
    geoms = [box(i * 10.0, 0, i * 10.0 + 8, 8) for i in range(n)]
    frame = gpd.GeoDataFrame(
        {"building_id": [f"{i:016d}" for i in range(n)]}, geometry=geoms, crs=28992
    )
    return ensure_building_columns(frame)


def _two_clusters():
    return cluster_frame(
        [{"cluster_id": "C0001", "name": "West"}, {"cluster_id": "C0002", "name": "Oost"}],
        [box(-1, -1, 99, 9), box(99, -1, 199, 9)],
    )


def test_cluster_from_selection_put_first_takes_its_houses_from_others():
    buildings = _row_of_houses()
    clusters = _two_clusters()
    M.assign_membership(buildings, clusters)
    rows = [8, 9, 10, 11, 12]  # two from West, three from Oost
    new, cid = add_cluster(clusters, hull_around_rows(buildings, rows), position=0)
    assert list(new["cluster_id"]) == [cid, "C0001", "C0002"]
    assert list(clusters["cluster_id"]) == ["C0001", "C0002"]  # input unchanged
    old = M.current_membership(buildings).copy()
    changed, before, after = M.update_membership(buildings, new, [new.geometry.iloc[0]])
    assert sorted(changed.tolist()) == rows
    assert list(M.members(buildings, cid)) == rows
    assert list(M.losses_by_cluster(before, after, gainer=cid).items()) == [
        ("C0002", 3),
        ("C0001", 2),
    ]
    # appended last instead, the same hull gets nothing: the old rule
    last, cid2 = add_cluster(clusters, hull_around_rows(buildings, rows))
    assert last["cluster_id"].iloc[-1] == cid2
    assert (M.compute_membership(buildings, last) == old).all()


def test_losses_ignore_buildings_that_had_no_cluster():
    before = np.array(["", "C1", "C1", "C2"], dtype=object)
    after = np.array(["C9", "C9", "", "C9"], dtype=object)
    assert M.losses_by_cluster(before, after) == {"C1": 1, "C2": 1}


def test_empty_clusters_are_found():
    buildings = _row_of_houses(5)
    clusters = cluster_frame(
        [{"cluster_id": "C0001"}, {"cluster_id": "C0002"}],
        [box(-1, -1, 100, 9), box(500, 500, 600, 600)],
    )
    M.assign_membership(buildings, clusters)
    assert M.empty_clusters(buildings, clusters) == ["C0002"]


def test_move_several_clusters_keeps_their_order():
    clusters = cluster_frame(
        [{"cluster_id": f"C{i:04d}"} for i in range(1, 7)], [box(i, 0, i + 1, 1) for i in range(6)]
    )
    ids = lambda f: list(f["cluster_id"])  # noqa: E731
    assert ids(move_clusters_to(clusters, ["C0005", "C0002"], 0)) == [
        "C0002", "C0005", "C0001", "C0003", "C0004", "C0006",
    ]  # fmt: skip
    assert ids(move_clusters_to(clusters, ["C0001"], 99)) == [
        "C0002", "C0003", "C0004", "C0005", "C0006", "C0001",
    ]  # fmt: skip
    assert ids(move_clusters_to(clusters, ["C0006"], 2)) == [
        "C0001", "C0002", "C0006", "C0003", "C0004", "C0005",
    ]  # fmt: skip


def test_minimum_size_leaves_small_suggestions_out():
    # two terraces of six and three lone houses far apart
    geoms = [box(i * 7.0, 0, i * 7.0 + 7, 8) for i in range(6)]
    geoms += [box(i * 7.0, 500, i * 7.0 + 7, 508) for i in range(6)]
    geoms += [box(2000 + k * 900, 2000, 2008 + k * 900, 2008) for k in range(3)]
    buildings = ensure_building_columns(
        gpd.GeoDataFrame(
            {"building_id": [f"{i:016d}" for i in range(len(geoms))]}, geometry=geoms, crs=28992
        )
    )
    empty = cluster_frame([], [])
    full = add_suggestions(buildings, empty)
    assert sorted(full.sizes) == [1, 1, 1, 6, 6]
    trimmed = without_small(full, 3)
    assert sorted(trimmed.sizes) == [6, 6]
    assert trimmed.left_out == 3 and trimmed.left_out_buildings == 3
    assert (trimmed.membership[12:] == "").all()
    assert list(M.compute_membership(buildings, trimmed.clusters)) == list(trimmed.membership)
    direct = add_suggestions(buildings, empty, min_size=3)
    assert direct.added_ids == trimmed.added_ids
    assert len(full.added_ids) == 5  # the input suggestion is unchanged
