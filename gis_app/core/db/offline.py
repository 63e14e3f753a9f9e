"""Offline and back: which rows of a pulled copy were changed locally, as :class:`RowChange`s.

A copy pulled with ``remember=True`` carries, in ``project.settings["team"]``, the
database project name, the ``row_version`` of every row and a hash of every row's values
as they were pulled. :func:`offline_changes` compares the copy as it is now with those
hashes: a row whose values hash differently was edited here; a row without a version is
new; a row with a version that is gone was deleted. Saving those changes with the
remembered versions as base (:func:`~gis_app.core.db.changes.save_changes`) applies the
usual rule: a row someone else changed since the pull comes back as a conflict, nothing
is overwritten. :func:`remember_saved` then gives the new versions and hashes to store, so
the same copy can go on being edited and saved.

The same functions serve the window: :func:`row_values` gives every row in the shape of
``RowChange.values``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import numpy as np
import pandas as pd
import shapely

from gis_app.core.db.changes import RowChange, SaveResult
from gis_app.core.db.connection import DbError
from gis_app.core.db.transfer import TEAM_SETTING, json_value, package_keys
from gis_app.core.i18n import t
from gis_app.core.project import Project


def _record(frame: pd.DataFrame, index: int, skip: set[str]) -> dict[str, Any]:
    row = frame.iloc[index]
    return {str(c): json_value(row[c]) for c in frame.columns if c not in skip}


def row_values(project: Project) -> dict[tuple[str, str], Any]:
    """Every saved-row-by-row row of ``project`` -> its values (``RowChange.values`` shape)."""
    out: dict[tuple[str, str], Any] = {}
    clusters = project.clusters
    if clusters is not None and len(clusters):
        geometry = clusters.geometry.name if hasattr(clusters, "geometry") else None
        ids = project.buildings["building_id"].astype(str)
        members = ids.groupby(project.buildings["cluster_id"].astype(str), sort=False).agg(list)
        for i in range(len(clusters)):
            key = str(clusters["cluster_id"].iloc[i])
            values = _record(clusters, i, {"cluster_id", geometry})
            values["geometry"] = clusters.geometry.iloc[i] if geometry else None
            values["members"] = sorted(members.get(key, []))
            out[("cluster", key)] = values
    packages = project.packages
    if packages is not None and len(packages):
        spatial = hasattr(packages, "geometry") and packages._geometry_column_name in packages
        geometry = packages.geometry.name if spatial else None
        for i, key in enumerate(package_keys(packages)):
            values = _record(packages, i, {geometry} if geometry else set())
            if geometry:
                values["geometry"] = packages.geometry.iloc[i]
            out[("package", key)] = values
    for key, value in (project.settings or {}).items():
        if key != TEAM_SETTING:
            out[("setting", str(key))] = value
    for position, scenario in enumerate(project.scenarios or []):
        out[("scenario", str(position))] = scenario
    out[("commitments", "")] = project.commitments or {}
    return out


def _hashable(value: Any) -> Any:
    if isinstance(value, shapely.Geometry):
        return shapely.to_wkb(value, hex=True, byte_order=1)
    if isinstance(value, dict):
        return {str(k): _hashable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_hashable(v) for v in value]
    return json_value(value)


def row_hash(values: Any) -> str:
    """A short fingerprint of a row's values (geometry by its WKB)."""
    text = json.dumps(_hashable(values), sort_keys=True, ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def team_link(project: Project) -> dict[str, Any]:
    """The remembered database link of a pulled copy; :class:`DbError` when there is none."""
    link = (project.settings or {}).get(TEAM_SETTING)
    if not isinstance(link, dict) or not isinstance(link.get("project"), str):
        raise DbError(
            t("dit project is geen kopie uit de database (haal het op met 'gis-app db pull')")
        )
    return link


def team_setting(
    project: Project, name: str, versions: dict[str, dict[str, int]]
) -> dict[str, Any]:
    """The value of ``settings["team"]`` for a copy of database project ``name`` read at
    ``versions``: the name, the versions and a hash of every row's values."""
    hashes: dict[str, dict[str, str]] = {}
    for (kind, key), values in row_values(project).items():
        hashes.setdefault(kind, {})[key] = row_hash(values)
    return {"project": name, "versions": copy.deepcopy(versions), "hashes": hashes}


def offline_changes(
    project: Project,
) -> tuple[str, list[RowChange], dict[tuple[str, str], int]]:
    """(database project name, changed rows, their base versions) of a pulled copy."""
    link = team_link(project)
    versions = link.get("versions") or {}
    hashes = link.get("hashes") or {}
    current = row_values(project)
    changes: list[RowChange] = []
    base: dict[tuple[str, str], int] = {}
    for (kind, key), values in current.items():
        version = (versions.get(kind) or {}).get(key)
        if version is None:
            changes.append(RowChange(kind, key, values))  # new here
            continue
        if (hashes.get(kind) or {}).get(key) != row_hash(values):
            changes.append(RowChange(kind, key, values))
            base[(kind, key)] = int(version)
    for kind, rows in versions.items():
        for key, version in rows.items():
            if (kind, key) not in current and kind != "commitments":
                changes.append(RowChange(kind, key, None))  # deleted here
                base[(kind, key)] = int(version)
    return str(link["project"]), changes, base


def remember_saved(
    project: Project, changes: list[RowChange], result: SaveResult
) -> dict[str, Any]:
    """After a save, the new ``settings["team"]``: the accepted rows' new versions and
    hashes become the copy's base (the project itself is not changed; its owner stores it)."""
    link = copy.deepcopy(team_link(project))
    versions = link.setdefault("versions", {})
    hashes = link.setdefault("hashes", {})
    by_row = {(c.kind, c.key): c for c in changes}
    for saved in result.accepted:
        change = by_row.get((saved.kind, saved.key))
        if change is None:
            continue
        if change.values is None:
            versions.get(saved.kind, {}).pop(saved.key, None)
            hashes.get(saved.kind, {}).pop(saved.key, None)
        else:
            versions.setdefault(saved.kind, {})[saved.key] = saved.version
            hashes.setdefault(saved.kind, {})[saved.key] = row_hash(change.values)
    return link
