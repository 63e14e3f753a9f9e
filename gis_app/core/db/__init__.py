"""Team mode: one plan shared by NCG and the municipalities in PostgreSQL/PostGIS.

The database side of the app, without Qt. A connection ``target`` is a libpq URL
(``postgresql://alice@db.ncg.nl/plan?sslmode=require``) or ``service=NAME`` from
``pg_service.conf``; passwords come from ``.pgpass`` or the keyring, never from a project,
the settings or the log (:mod:`.connection`). Every function taking ``target`` also takes
an open psycopg connection in autocommit mode (e.g. the UI's own).

API (all errors the user can act on are :class:`DbError`, one Dutch line):

* ``init_database(target) -> (old_version, new_version)`` -- create or migrate the schema,
  roles ``ncg_planner``/``gemeente_planner``/``viewer``, row-level security, audit and
  notification triggers (:mod:`.schema`; ``gis-app db init URL``).
* ``push(project, target, name, progress=None, *, replace=False) -> project_id`` -- upload a
  :class:`~gis_app.core.project.Project` in one transaction (:mod:`.transfer`).
* ``pull(target, name, progress=None, *, remember=False) -> Project`` -- the same object
  :func:`~gis_app.core.io.projectfile.load_project` returns; ``project.db_versions`` holds
  the row versions it was read at (``{"cluster": {id: version}, "package": ...,
  "setting": ..., "scenario": ..., "commitments": {"": version}}``);
  ``versions_as_base(project.db_versions)`` turns them into ``base_versions``.
* ``save_changes(target, name, changes, base_versions) -> SaveResult`` -- row by row with
  optimistic concurrency: ``SaveResult.accepted`` (:class:`Saved`: kind, key, new
  version), ``.conflicts`` (:class:`Conflict`: kind, key, mine, theirs, their_version;
  nothing overwritten) and ``.refused`` (:class:`Refused`: the role may not change that
  row). A change is a :class:`RowChange` (kind, key, values); see :mod:`.changes`.
* ``current_row(conn, project_id, kind, key) -> (values, version)`` -- one row now, in the
  shape of ``RowChange.values`` (for the side-by-side choice after a conflict).
* ``history(target, name, kind, key) -> list[AuditEntry]`` -- the audit trail of a row
  (who, when, action, version, before, after).
* ``listen(target, name, stop=None, *, ready=None) -> Iterator[Notification]`` -- changes
  others saved (kind, key, version, op, user, pid), for a background thread; returns when
  ``stop`` (a ``threading.Event``) is set.
* ``safe_target(target) -> str`` -- the connection without password, to show or store.
* Offline and back (:mod:`.offline`): ``pull(..., remember=True)`` records in
  ``project.settings["team"]`` the project name, row versions and a hash per row;
  ``offline_changes(project) -> (name, changes, base_versions)`` gives the rows edited
  since, ``remember_saved(project, changes, result)`` returns the new ``settings["team"]``
  to store (through the document in the window);
  ``row_values(project)`` gives every row as ``RowChange.values`` (for diffing in the
  window); ``gis-app db sync PROJECT.gpkg URL`` does this from the command line.
"""

from gis_app.core.db.changes import (
    AuditEntry,
    Conflict,
    Notification,
    Refused,
    RowChange,
    Saved,
    SaveResult,
    current_row,
    history,
    listen,
    save_changes,
    versions_as_base,
)
from gis_app.core.db.connection import DbError, connect, safe_target
from gis_app.core.db.offline import offline_changes, remember_saved, row_values
from gis_app.core.db.schema import SCHEMA_VERSION, init_database
from gis_app.core.db.transfer import TEAM_SETTING, project_id, pull, push

__all__ = [
    "SCHEMA_VERSION",
    "TEAM_SETTING",
    "AuditEntry",
    "Conflict",
    "DbError",
    "Notification",
    "Refused",
    "RowChange",
    "SaveResult",
    "Saved",
    "connect",
    "current_row",
    "history",
    "init_database",
    "listen",
    "offline_changes",
    "project_id",
    "pull",
    "push",
    "remember_saved",
    "row_values",
    "safe_target",
    "save_changes",
    "versions_as_base",
]
