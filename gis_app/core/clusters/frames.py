"""Cluster frames: ids, colours and the edits of ``project.clusters``, as pure functions.

Every edit takes a frame and returns a new one; nothing is changed in place, so the
UI's undo commands can keep the before and after states. Edits of one polygon's
vertices are in :mod:`gis_app.core.clusters.geometry`; which building is in which
cluster is in :mod:`gis_app.core.clusters.membership`.

Decisions:

* **Priority** ("voorrang") is the row order of ``project.clusters``. It decides
  overlaps (the first cluster keeps its buildings); it is not the plan order, which the
  planner computes. A cluster the planner draws or makes from a selection is put
  *first* (``add_cluster(..., position=0)``), so it takes the buildings inside it from
  the clusters it overlaps: drawing a cluster means "these buildings belong together".
  Imported clusters are appended. Accepted suggestions are stored in rank order.
* **Ids** are ``C0001``, ``C0002``... (the next free number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from gis_app.core.clusters.geometry import normalise_polygon, split_polygon
from gis_app.core.i18n import t
from gis_app.core.schema import (
    CLUSTER_COLUMNS,
    COLUMN_DEFAULTS,
    WORKING_CRS,
    ensure_cluster_columns,
)

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


def reset_rows(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with a new index ``0..n-1`` (row order is the cluster order)."""
    return frame.reset_index(drop=True)


# --- frame edits (pure) --------------------------------------------------------------------


def add_cluster(
    clusters: gpd.GeoDataFrame,
    geometry: BaseGeometry,
    *,
    name: str | None = None,
    color: str | None = None,
    cluster_id: str | None = None,
    position: int | None = None,
) -> tuple[gpd.GeoDataFrame, str]:
    """A new frame with one cluster added; returns it and the new id.

    ``position`` is its place in the priority order (0 = first, so it takes the
    buildings inside it from overlapping clusters); None appends it last.
    """
    cid = cluster_id or make_cluster_ids(clusters, 1)[0]
    number = len(clusters) + 1
    record = {c: COLUMN_DEFAULTS.get(c, "") for c in CLUSTER_COLUMNS}
    record.update(
        cluster_id=cid,
        name=name if name is not None else f"Cluster {cid}",
        color=color or palette_color(number - 1),
    )
    added = cluster_frame([record], [normalise_polygon(geometry)], crs=clusters.crs or WORKING_CRS)
    if position is None or position >= len(clusters):
        return append_clusters(clusters, added), cid
    at = max(0, int(position))
    head = append_clusters(clusters.iloc[:at], added) if at else added
    return reset_rows(append_clusters(head, clusters.iloc[at:])), cid


def append_clusters(first: gpd.GeoDataFrame, second: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``second`` after ``first`` (transformed to its CRS), canonical columns, new index."""
    if len(first) == 0:
        return reset_rows(second.copy())
    if len(second) == 0:
        return reset_rows(first.copy())
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
    return reset_rows(clusters.loc[keep].copy())


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
        raise ValueError(t("De lijn deelt de cluster niet in tweeën."))
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
    return reset_rows(frame), [cluster_id, *new_ids]


def merge_clusters(
    clusters: gpd.GeoDataFrame, cluster_ids: Sequence[str]
) -> tuple[gpd.GeoDataFrame, str]:
    """Merge clusters into the first of them in cluster order (which keeps its attributes)."""
    ids = [str(c) for c in cluster_ids]
    if len(set(ids)) < 2:
        raise ValueError(t("Kies minstens twee clusters om samen te voegen."))
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
    return reset_rows(clusters.iloc[order].copy())


def move_clusters_to(
    clusters: gpd.GeoDataFrame, cluster_ids: Sequence[str], position: int
) -> gpd.GeoDataFrame:
    """Move several clusters, keeping their mutual order, so the first lands at ``position``.

    ``position`` counts in the order *without* the moved clusters (0 = first; ``len``
    or more = last), which is what a drop between two rows of a list means.
    """
    ids = set(map(str, cluster_ids))
    all_ids = clusters["cluster_id"].astype(str).to_numpy()
    moved = np.flatnonzero(np.isin(all_ids, list(ids)))
    if len(moved) == 0:
        return clusters
    rest = np.flatnonzero(~np.isin(all_ids, list(ids)))
    at = max(0, min(int(position), len(rest)))
    order = np.concatenate([rest[:at], moved, rest[at:]])
    return reset_rows(clusters.iloc[order].copy())
