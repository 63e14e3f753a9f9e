"""Suggested clusters: grouping buildings within limits, naming the groups.

Decisions:

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
* **Names** of suggestions are the most common woonplaats of the members with a number
  per woonplaats in rank order (``Loppersum-003``), ``Cluster-007`` when the
  woonplaats is unknown. Suggestions are ranked as existing clusters are
  (:mod:`gis_app.core.clusters.ranking`) and their polygons come from
  :mod:`gis_app.core.clusters.hulls`.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree
from shapely import STRtree

from gis_app.core.clusters.frames import PALETTE, make_cluster_ids
from gis_app.core.clusters.hulls import group_hulls
from gis_app.core.clusters.membership import NO_CLUSTER, MembershipIndex, membership_index
from gis_app.core.clusters.ranking import rank_groups
from gis_app.core.i18n import t
from gis_app.core.schema import WORKING_CRS

DEFAULT_MAX_BUILDINGS = 50
DEFAULT_MAX_SPREAD = 400.0  # metres
DEFAULT_LINK_DISTANCE = 10.0  # metres between footprints
DEFAULT_MIN_BUILDINGS = 10  # smaller groups join a neighbouring group when the limits allow
DEFAULT_MERGE_DISTANCE = 40.0  # metres between representative points, for that joining

ProgressCallback = Callable[[float, str], None]


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
        raise ValueError(t("max_buildings moet minstens 1 zijn."))
    if max_spread <= 0:
        raise ValueError(t("max_spread moet groter dan 0 zijn."))
    index = index or membership_index(buildings)
    n = index.n
    usable = np.flatnonzero(~shapely.is_empty(index.points))
    labels = np.full(n, -1, dtype=np.int64)
    if len(usable) == 0:
        return labels, 0
    _report(progress, 0.05, t("Buren zoeken"))
    geoms = index.geometries[usable]
    left, right = _neighbour_pairs(geoms, index.coords[usable], link_distance)
    _report(progress, 0.35, t("Groepen vormen"))
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
    _report(progress, 0.45, t("Grote groepen splitsen"))
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
        _report(progress, 0.5, t("Kleine groepen samenvoegen"))
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
    _report(progress, 0.6, t("Clusters rangschikken"))
    ranking = rank_groups(buildings, labels, n_groups)
    _report(progress, 0.7, t("Clustervlakken maken"))
    hulls = group_hulls(buildings, labels, n_groups, index=index)
    _report(progress, 0.95, t("Afronden"))
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
    _report(progress, 1.0, t("Klaar"))
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
