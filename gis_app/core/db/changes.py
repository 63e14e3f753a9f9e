"""Row-by-row saving with optimistic concurrency, the audit trail and change notifications.

A change is a :class:`RowChange`: the ``kind`` of row, its ``key`` and the new
``values`` (``None`` deletes the row). :func:`save_changes` applies each change with
``UPDATE ... WHERE row_version = <base>`` in its own savepoint: a row someone else saved
since ``base`` is not touched and comes back as a :class:`Conflict` holding both sides;
a row the user's role may not change comes back as :class:`Refused`; the others are
saved and committed together (:class:`Saved`, with their new version).

Kinds, keys and values:

========== ================== ==============================================================
kind       key                values
========== ================== ==============================================================
cluster    ``cluster_id``     dict of cluster columns (:data:`~gis_app.core.schema.CLUSTER_
                              COLUMNS`, other names go to ``extra``), ``"geometry"`` (shapely,
                              RD New) and ``"members"`` (building ids: exactly these buildings
                              get this ``cluster_id``; others in it get ``""``)
package    ``package_id``     dict of package fields (merged into ``attrs``), ``"geometry"``
setting    settings key       the JSON value of ``project.settings[key]``
scenario   position as text   the scenario dict
commitments ``""``            the commitments dict
========== ================== ==============================================================

``base_versions`` maps ``(kind, key)`` to the ``row_version`` the change started from
(``project.db_versions`` after :func:`~gis_app.core.db.transfer.pull`); a change whose
key has no base is a new row: inserted, or a conflict when someone created it first.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import shapely

from gis_app.core.db.connection import DbError, connect, describe_error
from gis_app.core.db.schema import check_schema
from gis_app.core.db.transfer import _dumps, check_name, json_value, project_id, session
from gis_app.core.i18n import t
from gis_app.core.schema import CLUSTER_COLUMNS, WORKING_EPSG

#: kind -> (table, key column)
KINDS: dict[str, tuple[str, str]] = {
    "cluster": ("clusters", "cluster_id"),
    "package": ("packages", "package_id"),
    "setting": ("settings", "key"),
    "scenario": ("scenarios", "key"),
    "commitments": ("commitments", "project_id"),
}
#: table name (as in notifications and the audit log) -> kind
KIND_OF_TABLE = {table: kind for kind, (table, _key) in KINDS.items()}


@dataclass
class RowChange:
    """One row to save: see the module docstring for ``kind``, ``key`` and ``values``."""

    kind: str
    key: str
    values: Any


@dataclass
class Saved:
    """A change the database accepted; ``version`` is the row's new ``row_version`` (0 for
    a deleted row)."""

    kind: str
    key: str
    version: int


@dataclass
class Conflict:
    """A change refused because the row changed since the base version.

    ``mine`` is the refused ``values``; ``theirs`` the row as it is now, in the same shape
    (``None`` when it was deleted); ``their_version`` its ``row_version`` (0 when deleted).
    Nothing of ``mine`` was written: the planner chooses, then saves again with
    ``their_version`` as the base.
    """

    kind: str
    key: str
    mine: Any
    theirs: Any
    their_version: int


@dataclass
class Refused:
    """A change the user's role may not make (row-level security or a missing grant)."""

    kind: str
    key: str
    reason: str


@dataclass
class SaveResult:
    accepted: list[Saved] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


@dataclass
class AuditEntry:
    """One row of ``audit_log``: ``before``/``after`` are the whole row as JSON (geometry as
    GeoJSON), ``None`` for an insert's before and a delete's after."""

    at: Any
    who: str
    action: str
    version: int | None
    before: dict | None
    after: dict | None


@dataclass
class Notification:
    """A change someone saved: ``kind`` (``cluster``, ``package``, ``setting``, ``scenario``,
    ``commitments``, ``project``), the row ``key``, its new ``version``, the ``op``
    (INSERT/UPDATE/DELETE), the database ``user`` and the server ``pid`` of the
    connection that saved it (to recognise one's own saves)."""

    kind: str
    key: str
    version: int | None
    op: str
    user: str
    pid: int


# --- values -------------------------------------------------------------------------------


def _wkb(geometry: Any) -> bytes | None:
    if geometry is None:
        return None
    if not isinstance(geometry, shapely.Geometry):
        raise DbError(t("een geometrie moet een shapely-geometrie zijn"))
    return shapely.to_wkb(shapely.set_srid(geometry, WORKING_EPSG), include_srid=True)


def _from_wkb(data: Any) -> Any:
    if data is None:
        return None
    return shapely.set_srid(shapely.from_wkb(bytes(data)), 0)


def _check_key(kind: str, key: Any) -> str:
    if kind not in KINDS:
        raise DbError(t("onbekende soort rij '{kind}'", kind=kind))
    if not isinstance(key, str) or "\x00" in key:
        raise DbError(t("ongeldige sleutel voor {kind}", kind=kind))
    return key


def _cluster_theirs(conn, pid: int, key: str) -> tuple[Any, int]:
    from psycopg import sql

    columns = [c for c in CLUSTER_COLUMNS if c != "cluster_id"]
    row = conn.execute(
        sql.SQL(
            "SELECT {}, extra, ST_AsEWKB(geom), row_version FROM gis_app.clusters "
            "WHERE project_id = %s AND cluster_id = %s"
        ).format(sql.SQL(", ").join(sql.Identifier(c) for c in columns)),
        (pid, key),
    ).fetchone()
    if row is None:
        return None, 0
    values = dict(zip(columns, row[: len(columns)], strict=True))
    values.update(row[len(columns)] or {})
    values["geometry"] = _from_wkb(row[len(columns) + 1])
    members = conn.execute(
        "SELECT building_id FROM gis_app.buildings WHERE project_id = %s AND cluster_id = %s "
        "ORDER BY pos",
        (pid, key),
    ).fetchall()
    values["members"] = [m[0] for m in members]
    return values, int(row[-1])


def _package_theirs(conn, pid: int, key: str) -> tuple[Any, int]:
    row = conn.execute(
        "SELECT attrs, ST_AsEWKB(geom), row_version FROM gis_app.packages "
        "WHERE project_id = %s AND package_id = %s",
        (pid, key),
    ).fetchone()
    if row is None:
        return None, 0
    values = dict(row[0] or {})
    values["geometry"] = _from_wkb(row[1])
    return values, int(row[2])


def _value_theirs(conn, pid: int, kind: str, key: str) -> tuple[Any, int]:
    if kind == "commitments":
        row = conn.execute(
            "SELECT value, row_version FROM gis_app.commitments WHERE project_id = %s", (pid,)
        ).fetchone()
    else:
        table = "settings" if kind == "setting" else "scenarios"
        from psycopg import sql

        row = conn.execute(
            sql.SQL("SELECT value, row_version FROM {} WHERE project_id = %s AND key = %s").format(
                sql.Identifier("gis_app", table)
            ),
            (pid, key),
        ).fetchone()
    if row is None:
        return None, 0
    return row[0], int(row[1])


def current_row(conn, pid: int, kind: str, key: str) -> tuple[Any, int]:
    """(values, row_version) of a row as it is in the database; ``(None, 0)`` when absent."""
    if kind == "cluster":
        return _cluster_theirs(conn, pid, key)
    if kind == "package":
        return _package_theirs(conn, pid, key)
    return _value_theirs(conn, pid, kind, key)


# --- saving -------------------------------------------------------------------------------


def _set_members(cur, pid: int, key: str, members: Any) -> None:
    if members is None:
        return
    ids = [str(m) for m in members]
    cur.execute(
        "UPDATE gis_app.buildings SET cluster_id = '' WHERE project_id = %s AND cluster_id = %s "
        "AND NOT (building_id = ANY(%s))",
        (pid, key, ids),
    )
    if ids:
        cur.execute(
            "UPDATE gis_app.buildings SET cluster_id = %s WHERE project_id = %s "
            "AND building_id = ANY(%s) AND cluster_id IS DISTINCT FROM %s",
            (key, pid, ids, key),
        )


def _cluster_assignments(values: Mapping[str, Any]):
    """(SQL assignments, parameters) for the fields of a cluster change."""
    from psycopg import sql

    parts, params = [], []
    extra: dict[str, Any] = {}
    for column, value in values.items():
        if column in ("members", "cluster_id"):
            continue
        if column == "geometry":
            parts.append(sql.SQL("geom = ST_GeomFromEWKB(%s)"))
            params.append(_wkb(value))
        elif column in CLUSTER_COLUMNS:
            value = json_value(value)
            if isinstance(value, str) and "\x00" in value:
                raise DbError(t("veld '{column}' bevat een NUL-teken", column=column))
            parts.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
            params.append(value)
        else:
            extra[str(column)] = value
    if extra:
        parts.append(sql.SQL("extra = coalesce(extra, '{}'::jsonb) || %s::jsonb"))
        params.append(_dumps(extra))
    return parts, params


def _update_row(cur, pid: int, change: RowChange, base: int):
    """Apply one change to an existing row at version ``base``; the new version or None."""
    from psycopg import sql

    table, key_column = KINDS[change.kind]
    where = sql.SQL("project_id = %s AND row_version = %s")
    where_params: list[Any] = [pid, base]
    if change.kind != "commitments":
        where = sql.SQL("project_id = %s AND {} = %s AND row_version = %s").format(
            sql.Identifier(key_column)
        )
        where_params = [pid, change.key, base]
    target = sql.Identifier("gis_app", table)
    if change.values is None:
        if change.kind == "cluster":
            _set_members(cur, pid, change.key, [])
        row = cur.execute(
            sql.SQL("DELETE FROM {} WHERE {} RETURNING 0").format(target, where), where_params
        ).fetchone()
        return None if row is None else 0
    if change.kind == "cluster":
        if not isinstance(change.values, Mapping):
            raise DbError(t("een clusterwijziging is een verzameling velden"))
        _set_members(cur, pid, change.key, change.values.get("members"))
        parts, params = _cluster_assignments(change.values)
    elif change.kind == "package":
        if not isinstance(change.values, Mapping):
            raise DbError(t("een werkpakketwijziging is een verzameling velden"))
        fields = {k: v for k, v in change.values.items() if k != "geometry"}
        parts = [sql.SQL("attrs = attrs || %s::jsonb")]
        params = [_dumps(fields)]
        if "geometry" in change.values:
            parts.append(sql.SQL("geom = ST_GeomFromEWKB(%s)"))
            params.append(_wkb(change.values["geometry"]))
    else:
        parts, params = [sql.SQL("value = %s::jsonb")], [_dumps(change.values)]
    if not parts:  # only members changed: the row still gets a new version
        parts = [sql.SQL("row_version = row_version")]
    row = cur.execute(
        sql.SQL("UPDATE {} SET {} WHERE {} RETURNING row_version").format(
            target, sql.SQL(", ").join(parts), where
        ),
        [*params, *where_params],
    ).fetchone()
    return None if row is None else int(row[0])


def _insert_row(cur, pid: int, change: RowChange):
    """Insert a new row; its version, or None when the key is taken."""
    from psycopg import sql

    table, key_column = KINDS[change.kind]
    target = sql.Identifier("gis_app", table)
    if change.values is None:
        return None
    if change.kind == "commitments":
        row = cur.execute(
            "INSERT INTO gis_app.commitments (project_id, value) VALUES (%s, %s::jsonb) "
            "ON CONFLICT DO NOTHING RETURNING row_version",
            (pid, _dumps(change.values)),
        ).fetchone()
        return None if row is None else int(row[0])
    next_pos = sql.SQL("(SELECT coalesce(max(pos) + 1, 0) FROM {} WHERE project_id = %s)").format(
        target
    )
    if change.kind == "setting":
        statement = sql.SQL(
            "INSERT INTO gis_app.settings (project_id, key, value) VALUES (%s, %s, %s::jsonb) "
            "ON CONFLICT DO NOTHING RETURNING row_version"
        )
        params: list[Any] = [pid, change.key, _dumps(change.values)]
    elif change.kind == "scenario":
        statement = sql.SQL(
            "INSERT INTO gis_app.scenarios (project_id, key, pos, value) "
            "VALUES (%s, %s, {}, %s::jsonb) ON CONFLICT DO NOTHING RETURNING row_version"
        ).format(next_pos)
        params = [pid, change.key, pid, _dumps(change.values)]
    elif change.kind == "package":
        fields = {k: v for k, v in change.values.items() if k != "geometry"}
        statement = sql.SQL(
            "INSERT INTO gis_app.packages (project_id, package_id, pos, attrs, geom) "
            "VALUES (%s, %s, {}, %s::jsonb, ST_GeomFromEWKB(%s)) "
            "ON CONFLICT DO NOTHING RETURNING row_version"
        ).format(next_pos)
        params = [pid, change.key, pid, _dumps(fields), _wkb(change.values.get("geometry"))]
    else:
        if cur.execute(
            "SELECT 1 FROM gis_app.clusters WHERE project_id = %s AND cluster_id = %s",
            (pid, change.key),
        ).fetchone():
            return None
        _set_members(cur, pid, change.key, change.values.get("members"))
        parts, values = _cluster_assignments(change.values)
        statement = sql.SQL(
            "INSERT INTO gis_app.clusters (project_id, cluster_id, pos) VALUES (%s, %s, {}) "
            "RETURNING row_version"
        ).format(next_pos)
        row = cur.execute(statement, (pid, change.key, pid)).fetchone()
        if parts:  # the fields, as an update of the fresh row (version 1 -> 2 is fine)
            row = cur.execute(
                sql.SQL(
                    "UPDATE gis_app.clusters SET {} WHERE project_id = %s AND cluster_id = %s "
                    "RETURNING row_version"
                ).format(sql.SQL(", ").join(parts)),
                [*values, pid, change.key],
            ).fetchone()
        return None if row is None else int(row[0])
    row = cur.execute(statement, params).fetchone()
    return None if row is None else int(row[0])


class _NotApplied(Exception):  # noqa: N818 - control flow: roll back one row's savepoint
    pass


def save_changes(
    target,
    name: str,
    changes: Iterable[RowChange],
    base_versions: Mapping[tuple[str, str], int | None],
) -> SaveResult:
    """Save ``changes`` to project ``name`` row by row (see the module docstring).

    Accepted rows are committed together at the end; conflicts and refusals leave their
    rows exactly as they were. Raises :class:`DbError` only when the database cannot be
    used at all (no connection, no such project, schema too old or new).
    """
    import psycopg

    name = check_name(name)
    result = SaveResult()
    with session(target) as conn:
        check_schema(conn)
        try:
            with conn.transaction(), conn.cursor() as cur:
                pid = project_id(conn, name)
                for change in changes:
                    key = _check_key(change.kind, change.key)
                    base = base_versions.get((change.kind, key))
                    try:
                        with conn.transaction():
                            if base is None:
                                version = _insert_row(cur, pid, change)
                            else:
                                version = _update_row(cur, pid, change, int(base))
                            if version is None:
                                raise _NotApplied  # undo the membership part too
                    except _NotApplied:
                        version = None
                    except psycopg.errors.InsufficientPrivilege as error:
                        result.refused.append(
                            Refused(change.kind, key, describe_error(error, str(target)))
                        )
                        continue
                    if version is not None:
                        result.accepted.append(Saved(change.kind, key, version))
                        continue
                    theirs, their_version = current_row(conn, pid, change.kind, key)
                    if base is not None and their_version == int(base):
                        # unchanged and still not updated: row-level security hid it
                        result.refused.append(
                            Refused(change.kind, key, t("geen rechten om deze rij te wijzigen"))
                        )
                        continue
                    result.conflicts.append(
                        Conflict(change.kind, key, change.values, theirs, their_version)
                    )
        except psycopg.Error as error:
            raise DbError(
                t("opslaan mislukt: {error}", error=describe_error(error, str(target)))
            ) from None
    return result


# --- history and notifications ------------------------------------------------------------


def history(target, name: str, kind: str, key: str) -> list[AuditEntry]:
    """The audit trail of one row (oldest first): who changed it when, before and after."""
    import psycopg

    name = check_name(name)
    key = _check_key(kind, key)
    table = KINDS[kind][0]
    with session(target) as conn:
        check_schema(conn)
        try:
            pid = project_id(conn, name)
            row_key = str(pid) if kind == "commitments" else key
            rows = conn.execute(
                "SELECT at, who, action, row_version, before, after FROM gis_app.audit_log "
                "WHERE project_id = %s AND table_name = %s AND row_key = %s ORDER BY id",
                (pid, table, row_key),
            ).fetchall()
        except psycopg.Error as error:
            raise DbError(
                t("geschiedenis ophalen mislukt: {error}", error=describe_error(error))
            ) from None
    return [AuditEntry(*row) for row in rows]


def channel(pid: int) -> str:
    """The ``LISTEN`` channel of project ``pid``."""
    return f"gis_app_{int(pid)}"


def _notification(payload: str) -> Notification | None:
    try:
        data = json.loads(payload)
        table = str(data.get("table", ""))
        version = data.get("version")
        return Notification(
            kind=KIND_OF_TABLE.get(table, "project" if table == "projects" else table),
            key=str(data.get("key", "")),
            version=None if version is None else int(version),
            op=str(data.get("op", "")),
            user=str(data.get("user", "")),
            pid=int(data.get("pid", 0)),
        )
    except (ValueError, TypeError, AttributeError):
        return None


def listen(
    target,
    name: str,
    stop: threading.Event | None = None,
    *,
    poll_seconds: float = 0.25,
    ready: threading.Event | None = None,
) -> Iterator[Notification]:
    """Yield a :class:`Notification` for every change saved to project ``name``.

    Meant for a background thread: it holds its own connection and returns when ``stop``
    is set (checked every ``poll_seconds``) or the generator is closed. ``ready`` is set
    once the ``LISTEN`` is in place (changes saved after that are never missed).
    """
    import psycopg
    from psycopg import sql

    name = check_name(name)
    conn = connect(target, autocommit=True) if isinstance(target, str) else target
    try:
        check_schema(conn)
        pid = project_id(conn, name)
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel(pid))))
        if ready is not None:
            ready.set()
        while stop is None or not stop.is_set():
            try:
                for item in conn.notifies(timeout=poll_seconds):
                    note = _notification(item.payload)
                    if note is not None:
                        yield note
                    if stop is not None and stop.is_set():
                        return
            except psycopg.OperationalError as error:
                raise DbError(
                    t("verbinding verbroken: {error}", error=describe_error(error))
                ) from None
    finally:
        if isinstance(target, str):
            conn.close()


def versions_as_base(versions: Mapping[str, Mapping[str, int]]) -> dict[tuple[str, str], int]:
    """``project.db_versions`` (kind -> key -> version) as ``base_versions`` for
    :func:`save_changes`."""
    return {
        (kind, str(key)): int(version)
        for kind, rows in versions.items()
        for key, version in rows.items()
    }


__all__ = [
    "AuditEntry",
    "Conflict",
    "Notification",
    "Refused",
    "RowChange",
    "SaveResult",
    "Saved",
    "channel",
    "connect",
    "current_row",
    "history",
    "listen",
    "save_changes",
    "versions_as_base",
]
