"""The project as rows of the shared database, and back (no Qt: tested on its own).

A project opened from the team database is saved row by row
(:func:`gis_app.core.db.save_changes`): a cluster is a row, a package is a row, each
settings key, each scenario and the commitments are rows. This module turns the project
the document holds into those rows and finds which of them changed:

* :func:`capture` copies, on the UI thread, the few frames and dicts the rows are made of
  (cheap: the cluster table, two building columns, the packages, the settings), so
  :func:`project_rows` can run on a worker while the planner goes on editing;
* :func:`project_rows` gives ``{(kind, key): values}`` in the shape of
  :class:`~gis_app.core.db.RowChange` values (and of ``Conflict.theirs``);
* :func:`row_changes` compares two such dicts: the rows to save, deleted rows as
  ``None``;
* :func:`remote_change` turns rows saved by someone else (or "theirs" chosen after a
  conflict) into a :class:`~gis_app.core.change.Change` plus new scenarios/commitments,
  which the document applies.

Not rows: the map's view (``settings[MAP_SETTINGS_KEY]``, each planner has their own),
the team bookkeeping (``settings[TEAM_SETTING]``) and the assignment of buildings to work
packages (a column of the buildings, not of the package row).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import shapely

from gis_app.core.change import Change
from gis_app.core.db.transfer import TEAM_SETTING, json_value, package_keys
from gis_app.core.qgis.writers import MAP_SETTINGS_KEY
from gis_app.core.schema import CLUSTER_COLUMNS

#: The kinds of rows, in the order they are saved.
KINDS = ("cluster", "package", "setting", "scenario", "commitments")
#: Settings keys that are not shared: the map's view and the team bookkeeping.
LOCAL_SETTINGS = frozenset({MAP_SETTINGS_KEY, TEAM_SETTING})

RowKey = tuple[str, str]


@dataclass
class Captured:
    """What the rows are made of, copied from a project at one moment."""

    clusters: Any = None
    building_ids: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    membership: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    packages: Any = None
    settings: dict = field(default_factory=dict)
    scenarios: list = field(default_factory=list)
    commitments: dict = field(default_factory=dict)


def capture(project) -> Captured:
    """Copy what :func:`project_rows` needs (the frames may be edited in place later)."""
    buildings = project.buildings
    if buildings is not None and "cluster_id" in buildings.columns:
        membership = buildings["cluster_id"].fillna("").astype(str).to_numpy(dtype=object)
    else:
        membership = np.full(0 if buildings is None else len(buildings), "", dtype=object)
    ids = (
        buildings["building_id"].astype(str).to_numpy(dtype=object)
        if buildings is not None and "building_id" in buildings.columns
        else np.empty(0, dtype=object)
    )
    return Captured(
        clusters=None if project.clusters is None else project.clusters.copy(),
        building_ids=ids,
        membership=membership,
        packages=None if project.packages is None else project.packages.copy(),
        settings={
            k: copy.deepcopy(v)
            for k, v in (project.settings or {}).items()
            if k not in LOCAL_SETTINGS
        },
        scenarios=copy.deepcopy(list(project.scenarios or [])),
        commitments=copy.deepcopy(dict(project.commitments or {})),
    )


def _plain(value: Any) -> Any:
    return json_value(value)


def _geometry_column(frame) -> str | None:
    name = getattr(frame, "_geometry_column_name", None)
    return name if name is not None and name in frame.columns else None


def members_by_cluster(building_ids: np.ndarray, membership: np.ndarray) -> dict[str, list[str]]:
    """Building ids per cluster id, in building order (one pass over all buildings)."""
    if not len(membership):
        return {}
    order = np.argsort(membership, kind="stable")
    sorted_ids = membership[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_ids[1:] != sorted_ids[:-1])))
    ends = np.append(starts[1:], len(order))
    out: dict[str, list[str]] = {}
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        cluster_id = str(sorted_ids[start])
        if cluster_id:
            out[cluster_id] = building_ids[order[start:end]].tolist()
    return out


def cluster_rows(captured: Captured) -> dict[RowKey, dict]:
    clusters = captured.clusters
    if clusters is None or not len(clusters):
        return {}
    members = members_by_cluster(captured.building_ids, captured.membership)
    geometry = _geometry_column(clusters)
    columns = [c for c in clusters.columns if c not in ("cluster_id", geometry)]
    out: dict[RowKey, dict] = {}
    records = clusters[columns].astype(object).to_numpy().tolist() if columns else []
    ids = clusters["cluster_id"].astype(str).tolist()
    geoms = clusters[geometry].tolist() if geometry else [None] * len(ids)
    for position, cluster_id in enumerate(ids):
        values = {
            str(c): _plain(v)
            for c, v in zip(columns, records[position] if columns else [], strict=True)
        }
        values["geometry"] = _geometry(geoms[position])
        values["members"] = members.get(cluster_id, [])
        out[("cluster", cluster_id)] = values
    return out


def _geometry(value: Any) -> Any:
    return value if isinstance(value, shapely.Geometry) else None


def package_rows(captured: Captured) -> dict[RowKey, dict]:
    packages = captured.packages
    if packages is None or not len(packages):
        return {}
    geometry = _geometry_column(packages)
    columns = [c for c in packages.columns if c != geometry]
    records = packages[columns].astype(object).to_numpy().tolist()
    keys = package_keys(packages)
    out: dict[RowKey, dict] = {}
    for position, key in enumerate(keys):
        values = {str(c): _plain(v) for c, v in zip(columns, records[position], strict=True)}
        if geometry:
            values["geometry"] = _geometry(packages[geometry].iloc[position])
        out[("package", key)] = values
    return out


def project_rows(captured: Captured) -> dict[RowKey, Any]:
    """Every shared row of the captured project: ``{(kind, key): values}``."""
    rows: dict[RowKey, Any] = {}
    rows.update(cluster_rows(captured))
    rows.update(package_rows(captured))
    for key, value in captured.settings.items():
        rows[("setting", str(key))] = _plain(value)
    for position, scenario in enumerate(captured.scenarios):
        rows[("scenario", str(position))] = _plain(scenario)
    rows[("commitments", "")] = _plain(captured.commitments)
    return rows


def same_values(a: Any, b: Any) -> bool:
    """Whether two row values are equal (geometries by their coordinates, NaN == None)."""
    if isinstance(a, shapely.Geometry) or isinstance(b, shapely.Geometry):
        if not (isinstance(a, shapely.Geometry) and isinstance(b, shapely.Geometry)):
            return _missing(a) and _missing(b)
        return a is b or bool(shapely.equals_exact(a, b, tolerance=0.0))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        keys = set(a) | set(b)
        return all(same_values(a.get(k), b.get(k)) for k in keys)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_values(x, y) for x, y in zip(a, b, strict=True))
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or math.isclose(float(a), float(b), rel_tol=0.0, abs_tol=0.0)
    return a == b


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, shapely.Geometry) and value.is_empty


def changed_fields(mine: Any, theirs: Any) -> list[str]:
    """The fields (keys of a row's values) where ``mine`` and ``theirs`` differ."""
    if not isinstance(mine, Mapping) or not isinstance(theirs, Mapping):
        return [] if same_values(mine, theirs) else [""]
    keys = list(dict.fromkeys([*mine.keys(), *theirs.keys()]))
    return [k for k in keys if not same_values(mine.get(k), theirs.get(k))]


def row_changes(base: Mapping[RowKey, Any], current: Mapping[RowKey, Any]) -> list:
    """The :class:`~gis_app.core.db.RowChange` list that turns ``base`` into ``current``:
    new and changed rows with their whole values, removed rows with ``None``; in the order
    of :data:`KINDS`, then as the project lists them."""
    from gis_app.core.db import RowChange

    out = []
    for kind in KINDS:
        for key, values in current.items():
            if key[0] != kind:
                continue
            if key not in base or not same_values(base[key], values):
                out.append(RowChange(kind, key[1], values))
        for key in base:
            if key[0] == kind and key not in current:
                out.append(RowChange(kind, key[1], None))
    return out


# --- rows saved elsewhere, into the project ----------------------------------------------------


@dataclass
class RemoteChange:
    """What rows from the database do to the project: a :class:`Change` for clusters,
    packages and settings, and whole new scenarios/commitments when those changed."""

    change: Change
    scenarios: list | None = None
    commitments: dict | None = None

    @property
    def is_empty(self) -> bool:
        return self.change.is_empty and self.scenarios is None and self.commitments is None


def _cluster_frame(clusters, updates: dict[str, Any]):
    """``clusters`` with rows replaced, added (values) or removed (``None``)."""
    import geopandas as gpd

    from gis_app.core.project import empty_clusters
    from gis_app.core.schema import ensure_cluster_columns

    frame = clusters if clusters is not None else empty_clusters()
    geometry = _geometry_column(frame) or "geometry"
    frame = frame.copy()
    ids = frame["cluster_id"].astype(str)
    for cluster_id, values in updates.items():
        present = (ids == cluster_id).to_numpy()
        if values is None:
            frame = frame.loc[~present]
            ids = ids.loc[~present]
            continue
        fields = {k: v for k, v in values.items() if k not in ("members", "geometry")}
        if not present.any():
            row = {c: np.nan if CLUSTER_COLUMNS.get(c) == "float64" else None for c in frame}
            row["cluster_id"] = cluster_id
            row[geometry] = values.get("geometry")
            row.update({k: v for k, v in fields.items()})
            addition = gpd.GeoDataFrame([row], geometry=geometry, crs=frame.crs)
            frame = pd.concat([frame, addition], ignore_index=True)
            frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=addition.crs)
            ids = frame["cluster_id"].astype(str)
            continue
        position = np.flatnonzero(present)[0]
        for column, value in fields.items():
            if column not in frame.columns:
                frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
            if CLUSTER_COLUMNS.get(column) == "float64":
                value = np.nan if value is None else float(value)
            elif value is not None and frame[column].dtype != object:
                frame[column] = frame[column].astype(object)
            frame.iat[position, frame.columns.get_loc(column)] = value
        if "geometry" in values:
            frame.iat[position, frame.columns.get_loc(geometry)] = values["geometry"]
    frame = frame.reset_index(drop=True)
    return ensure_cluster_columns(frame)


def _package_frame(packages, updates: dict[str, Any]):
    import geopandas as gpd

    if packages is None:
        rows = [dict(v) for v in updates.values() if v is not None]
        if not rows:
            return None
        frame = pd.DataFrame([{k: v for k, v in r.items() if k != "geometry"} for r in rows])
        if any("geometry" in r for r in rows):
            frame = gpd.GeoDataFrame(
                frame, geometry=[r.get("geometry") for r in rows], crs="EPSG:28992"
            )
        return frame
    frame = packages.copy()
    geometry = _geometry_column(frame)
    keys = package_keys(frame)
    for key, values in updates.items():
        present = np.array([k == key for k in keys], dtype=bool)
        if values is None:
            frame = frame.loc[~present].reset_index(drop=True)
            keys = [k for k, p in zip(keys, present.tolist(), strict=True) if not p]
            continue
        fields = {k: v for k, v in values.items() if k != "geometry"}
        if not present.any():
            row = {c: None for c in frame.columns}
            row.update(fields)
            if geometry:
                row[geometry] = values.get("geometry")
                addition = gpd.GeoDataFrame([row], geometry=geometry, crs=frame.crs)
            else:
                addition = pd.DataFrame([row])
            frame = pd.concat([frame, addition], ignore_index=True)
            if geometry:
                frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=addition.crs)
            keys.append(key)
            continue
        position = int(np.flatnonzero(present)[0])
        for column, value in fields.items():
            if column not in frame.columns:
                frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
            elif frame[column].dtype != object:
                frame[column] = frame[column].astype(object)
            frame.iat[position, frame.columns.get_loc(column)] = value
        if geometry and "geometry" in values:
            frame.iat[position, frame.columns.get_loc(geometry)] = values["geometry"]
    return frame


def remote_change(project, rows: Iterable[tuple[str, str, Any]], description: str) -> RemoteChange:
    """What rows ``(kind, key, values)`` from the database do to ``project`` (values
    ``None``: the row was deleted). ``project`` itself is not changed."""
    clusters: dict[str, Any] = {}
    packages: dict[str, Any] = {}
    settings: dict[str, Any] = {}
    scenarios: dict[int, Any] = {}
    commitments = None
    for kind, key, values in rows:
        if kind == "cluster":
            clusters[str(key)] = values
        elif kind == "package":
            packages[str(key)] = values
        elif kind == "setting" and key not in LOCAL_SETTINGS:
            settings[str(key)] = values
        elif kind == "scenario" and str(key).isdigit():
            scenarios[int(key)] = values
        elif kind == "commitments":
            commitments = dict(values or {})
    new_clusters = None
    columns: dict[str, np.ndarray] = {}
    if clusters:
        new_clusters = _cluster_frame(project.clusters, clusters)
        buildings = project.buildings
        membership = buildings["cluster_id"].fillna("").astype(str).to_numpy(dtype=object).copy()
        ids = buildings["building_id"].astype(str).to_numpy(dtype=object)
        for cluster_id, values in clusters.items():
            if values is not None and values.get("members") is None:
                continue  # fields only: membership stays
            membership[membership == cluster_id] = ""
            if values is not None:
                members = np.asarray([str(m) for m in values.get("members") or []], dtype=object)
                membership[np.isin(ids, members)] = cluster_id
        columns["cluster_id"] = membership
    new_packages = _package_frame(project.packages, packages) if packages else None
    new_scenarios = None
    if scenarios:
        current = list(project.scenarios or [])
        for position in sorted(scenarios):
            value = scenarios[position]
            if value is None:
                continue
            while len(current) <= position:
                current.append({})
            current[position] = copy.deepcopy(value)
        removed = {p for p, v in scenarios.items() if v is None}
        new_scenarios = [s for p, s in enumerate(current) if p not in removed]
    change = Change(
        description,
        clusters=new_clusters,
        building_columns=columns,
        packages=new_packages,
        settings=settings,
    )
    return RemoteChange(change, scenarios=new_scenarios, commitments=commitments)


__all__ = [
    "KINDS",
    "LOCAL_SETTINGS",
    "Captured",
    "RemoteChange",
    "capture",
    "changed_fields",
    "local_row",
    "members_by_cluster",
    "project_rows",
    "remote_change",
    "row_changes",
    "same_values",
]


def local_row(project, kind: str, key: str) -> Any:
    """One row of ``project`` as :func:`project_rows` gives it (``None`` when absent),
    without going over the other rows (a cluster's members: one pass over one column)."""
    if kind == "cluster":
        clusters = project.clusters
        if clusters is None or not len(clusters):
            return None
        match = (clusters["cluster_id"].astype(str) == key).to_numpy()
        if not match.any():
            return None
        buildings = project.buildings
        mask = (buildings["cluster_id"].fillna("").astype(str) == key).to_numpy()
        captured = Captured(
            clusters=clusters.loc[match],
            building_ids=buildings["building_id"].astype(str).to_numpy(dtype=object)[mask],
            membership=np.full(int(mask.sum()), key, dtype=object),
        )
        return cluster_rows(captured).get((kind, key))
    if kind == "package":
        return package_rows(Captured(packages=project.packages)).get((kind, key))
    if kind == "setting":
        settings = project.settings or {}
        return _plain(settings[key]) if key in settings and key not in LOCAL_SETTINGS else None
    if kind == "scenario":
        scenarios = list(project.scenarios or [])
        return _plain(scenarios[int(key)]) if key.isdigit() and int(key) < len(scenarios) else None
    if kind == "commitments":
        return _plain(dict(project.commitments or {}))
    return None
