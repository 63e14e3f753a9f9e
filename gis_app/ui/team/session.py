"""A project opened from (or saved to) the team database, while the window shows it.

:class:`TeamSession` keeps what the database had when the window last agreed with it:
the rows (:mod:`gis_app.ui.team.rows`) and their ``row_version``. Then:

* :meth:`TeamSession.save` sends the rows that differ, with those versions as base, through
  :func:`gis_app.core.db.save_changes` on the task runner. Accepted rows become the new
  base. Rows someone else saved first come back as conflicts (``conflictsFound``): the
  planner chooses per row (:mod:`gis_app.ui.team.conflict_dialog`); :meth:`resolve`
  applies "theirs" through the document (one undo step) and saves "mine" again on top
  of their version. Nothing is overwritten without that choice.
* A listener thread (:class:`_Listener`, its own connection, ``LISTEN``) receives the
  changes others save, reads each changed row and hands it to the UI thread by a queued
  signal; the session applies it through the document (not an undo step: it is the
  shared state, not the planner's edit). A row the planner has changed and not yet
  saved, a cluster under the map's edit tool, or any row while a save runs is not
  touched: the change waits (``pending``) and a notice says so; it is applied once the
  row is free, or the save's conflict handles it.

The connection text (which may hold a password the planner typed) stays in memory: only
:func:`~gis_app.core.db.safe_target` of it is shown or logged.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from gis_app.core.db import (
    Conflict,
    DbError,
    Notification,
    SaveResult,
    connect,
    current_row,
    listen,
    project_id,
    safe_target,
    save_changes,
)
from gis_app.ui.tasks import TaskProgressDialog, task_runner
from gis_app.ui.team.rows import (
    KINDS,
    capture,
    local_row,
    project_rows,
    remote_change,
    row_changes,
    same_values,
)

log = logging.getLogger("gis_app.team")

RowKey = tuple[str, str]


class _Unknown:
    """The database's values of a row are not known here (a refused or conflicting row
    of an offline copy): unequal to anything, so the row is sent again on the next save."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


def tr(text: str) -> str:
    return QCoreApplication.translate("TeamSession", text)


def row_label(kind: str, key: str) -> str:
    """How a row is named to the planner: "cluster C01", "werkpakket WP-3"."""
    if kind == "cluster":
        return tr("cluster {key}").format(key=key)
    if kind == "package":
        return tr("werkpakket {key}").format(key=key)
    if kind == "setting":
        return tr("instelling {key}").format(key=key)
    if kind == "scenario":
        return tr("scenario {n}").format(n=int(key) + 1 if key.isdigit() else key)
    return tr("toezeggingen")


def field_label(field: str) -> str:
    """A field of a row as the planner knows it ("naam", "aandeel maatwerk")."""
    names = {
        "geometry": tr("vorm"),
        "geom": tr("vorm"),
        "members": tr("panden"),
        "name": tr("naam"),
        "color": tr("kleur"),
        "approach_share": tr("aandeel maatwerk"),
        "lock_start": tr("vaste start"),
        "lock_position": tr("vaste plaats"),
        "contractor": tr("aannemer"),
        "period_start": tr("begin"),
        "period_end": tr("einde"),
        "": tr("waarde"),
    }
    return names.get(field, field)


class _Bridge(QObject):
    """Carries the listener thread's findings to the UI thread (queued connections)."""

    arrived = Signal(object, object, int)  # Notification, values (None: deleted), version
    failed = Signal(str)


class _Listener(threading.Thread):
    """``LISTEN`` on the project's channel; for each change someone else saved, read the
    row as it is now (a second connection) and emit it through the bridge."""

    def __init__(self, target: str, name: str, bridge: _Bridge, own_pids: set[int]):
        super().__init__(name="gis_app-team-listener", daemon=True)
        self.target = target
        self.project_name = name
        self.bridge = bridge
        self.own_pids = own_pids
        self.stop_event = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        reader = None
        try:
            reader = connect(self.target, autocommit=True)
            pid = project_id(reader, self.project_name)
            for note in listen(self.target, self.project_name, self.stop_event, ready=self.ready):
                if note.pid in self.own_pids:
                    continue  # this window's own save
                values, version = None, int(note.version or 0)
                if note.kind in KINDS:
                    values, version = current_row(reader, pid, note.kind, note.key)
                if self.stop_event.is_set():
                    return
                self.bridge.arrived.emit(note, values, int(version))
        except DbError as error:
            if not self.stop_event.is_set():
                self.bridge.failed.emit(error.user_message())
        except Exception as error:  # the connection broke in a way psycopg did not wrap
            if not self.stop_event.is_set():
                self.bridge.failed.emit(
                    safe_target(str(error).splitlines()[0] if str(error) else "")
                )
        finally:
            self.ready.set()
            if reader is not None:
                with contextlib.suppress(Exception):
                    reader.close()

    def stop(self, timeout: float = 3.0) -> None:
        self.stop_event.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)


class TeamSession(QObject):
    """See the module docstring. ``document`` shows the project ``name`` of ``target``."""

    saved = Signal(object)  # SaveResult of a save that reached the database
    conflictsFound = Signal(list)  # [Conflict]: the planner chooses (resolve)
    refusedFound = Signal(list)  # [Refused]: the role may not change these rows
    remoteApplied = Signal(list)  # [(kind, key)] others saved, now shown
    remoteQueued = Signal(list)  # [(kind, key)] others saved, waiting for the planner's edit
    notice = Signal(str)  # a line for the status bar
    listenerFailed = Signal(str)

    def __init__(
        self,
        document,
        target: str,
        name: str,
        base_rows: dict[RowKey, Any],
        base_versions: dict[RowKey, int],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.document = document
        self.project = document.project
        self.target = target
        self.safe_target = safe_target(target)
        self.name = name
        self.base_rows = dict(base_rows)
        self.base_versions = {k: int(v) for k, v in base_versions.items()}
        self.pending: dict[RowKey, tuple[Notification, Any, int]] = {}
        # Others' rows put into the document at undo index i: undoing below i brings back
        # a table from before their change, so those rows then go to the planner's choice
        # (a conflict) instead of silently over their version.
        self._remote_marks: list[tuple[int, set[RowKey]]] = []
        self.reverted: set[RowKey] = set()
        # The window's values of rows the database refused (the role may not change them):
        # not sent again until the planner changes the row once more, or puts back the
        # database's version (put_back_refused).
        self.refused: dict[RowKey, Any] = {}
        self.editing: Callable[[str, str], bool] = lambda _kind, _key: False
        self.saving = False
        self.closed = False
        self._own_pids: set[int] = set()
        self._conn = None
        self._conn_lock = threading.Lock()
        self._bridge = _Bridge()
        self._bridge.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._listener_failed, Qt.ConnectionType.QueuedConnection)
        self._listener: _Listener | None = None
        document.undo_stack.indexChanged.connect(self._drain_pending)
        document.undo_stack.indexChanged.connect(self._note_undo_past_remote)

    # --- life cycle -------------------------------------------------------------------------
    def start_listening(self) -> threading.Event:
        """Start the listener thread; the returned event is set once ``LISTEN`` is in place
        (or the listener gave up)."""
        if self._listener is None or not self._listener.is_alive():
            self._listener = _Listener(self.target, self.name, self._bridge, self._own_pids)
            self._listener.start()
        return self._listener.ready

    @property
    def listening(self) -> bool:
        listener = self._listener
        return listener is not None and listener.is_alive() and listener.ready.is_set()

    def close(self) -> None:
        """Stop listening and close the save connection (the project stays in the window)."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(RuntimeError, TypeError):
            self.document.undo_stack.indexChanged.disconnect(self._drain_pending)
        if self._listener is not None:
            self._listener.stop()
        with self._conn_lock:
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    self._conn.close()
                self._conn = None

    def _connection(self):
        """The save connection (one per session; saves run one at a time). Its server
        process id marks this window's own notifications."""
        with self._conn_lock:
            if self._conn is None or self._conn.closed:
                self._conn = connect(self.target, autocommit=True)
                self._own_pids.add(int(self._conn.info.backend_pid))
            return self._conn

    # --- saving -----------------------------------------------------------------------------
    def has_local_changes(self, kind: str, key: str) -> bool:
        """Whether the window's row differs from what the database had (unsaved edit)."""
        row_key = (kind, key)
        mine = local_row(self.document.project, kind, key)
        if row_key not in self.base_rows:
            return mine is not None
        return not same_values(self.base_rows[row_key], mine)

    def save(self, on_done: Callable[[bool], object] | None = None, *, parent=None) -> bool:
        """Save the changed rows on the task runner (progress dialog with Annuleren).

        ``on_done(saved)`` follows: ``True`` when every changed row was accepted."""
        if self.saving:
            self.notice.emit(tr("Er wordt al opgeslagen; wacht tot dat klaar is."))
            return False
        document = self.document
        captured = capture(document.project)
        base_rows = dict(self.base_rows)
        base_versions = dict(self.base_versions)
        reverted = self._reverted_conflicts()
        held_back = {(c.kind, c.key) for c in reverted}
        refused_before = dict(self.refused)
        name = self.name
        changed_during_save: list[bool] = []

        def note_change(*_args) -> None:
            changed_during_save.append(True)

        signals = (
            document.undo_stack.indexChanged,
            document.clustersChanged,
            document.clusterSharesChanged,
            document.planSettingsChanged,
            document.scenariosChanged,
            document.packagesChanged,
        )
        for signal in signals:
            signal.connect(note_change)
        self.saving = True
        dialog = (
            TaskProgressDialog(
                parent,
                tr("Opslaan in database"),
                tr("Wijzigingen opslaan in {project}...").format(project=name),
            )
            if parent is not None
            else None
        )

        def work(progress):
            progress(0.05, tr("wijzigingen zoeken"))
            rows = project_rows(captured)
            # refused before and not changed since: the database would refuse it again
            unchanged_refusals = {
                key for key, values in refused_before.items() if same_values(rows.get(key), values)
            }
            changes = [
                c
                for c in row_changes(base_rows, rows)
                if (c.kind, c.key) not in held_back and (c.kind, c.key) not in unchanged_refusals
            ]
            progress(0.3, tr("opslaan"))
            if not changes:
                return rows, changes, SaveResult(), unchanged_refusals
            result = save_changes(self._connection(), name, changes, base_versions)
            return rows, changes, result, unchanged_refusals

        def finish() -> None:
            self.saving = False
            for signal in signals:
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(note_change)
            if dialog is not None:
                dialog.finish()

        def done(outcome) -> None:
            finish()
            rows, changes, result, unchanged_refusals = outcome
            result.conflicts.extend(reverted)  # an undo over others' rows: the planner chooses
            complete = self._saved(rows, result, bool(changed_during_save))
            if unchanged_refusals:
                complete = False  # the window still differs from the database there
                self.notice.emit(
                    tr(
                        "{n} eerder geweigerde wijzigingen niet opnieuw verstuurd ({rows}); "
                        "zet de versie uit de database terug of wijzig ze opnieuw."
                    ).format(
                        n=len(unchanged_refusals),
                        rows=", ".join(row_label(*k) for k in sorted(unchanged_refusals)),
                    )
                )
            log.info(
                "Opgeslagen in %s / project %d rijen, %d geweigerd, %d conflicten",
                self.safe_target,
                len(result.accepted),
                len(result.refused),
                len(result.conflicts),
            )
            if not changes and not unchanged_refusals:
                self.notice.emit(tr("Geen wijzigingen om op te slaan."))
            self.saved.emit(result)
            if on_done is not None:
                on_done(complete)

        def failed(error: BaseException) -> None:
            finish()
            with self._conn_lock:  # a broken connection is made anew next time
                if self._conn is not None:
                    with contextlib.suppress(Exception):
                        self._conn.close()
                    self._conn = None
            if parent is not None:
                from gis_app.ui.dialogs import show_error

                show_error(parent, error, title=tr("Opslaan in database mislukt"))
            else:
                self.notice.emit(str(error))
            if on_done is not None:
                on_done(False)

        def cancelled() -> None:
            finish()
            self.notice.emit(tr("Opslaan geannuleerd; niets is opgeslagen."))
            if on_done is not None:
                on_done(False)

        task = task_runner().submit(
            work,
            name="team-save",
            on_result=done,
            on_error=failed,
            on_progress=(lambda f, _t: dialog.set_progress(f)) if dialog is not None else None,
            on_cancelled=cancelled,
        )
        if dialog is not None:
            dialog.attach(task)
        return True

    def note_refused(self, refused, rows) -> None:
        """Remember the window's values of the rows the database refused (``rows``: the
        rows as sent), so an unchanged refused row is not sent again."""
        for item in refused:
            key = (item.kind, item.key)
            self.refused[key] = rows.get(key)

    def put_back_refused(self, keys=None) -> int:
        """Put the database's version of refused rows (all, or ``keys``) back in the
        document, as one undo step; returns the rows put back."""
        keys = sorted(self.refused if keys is None else set(keys) & set(self.refused))
        rows = []
        for kind, key in keys:
            theirs = self.base_rows.get((kind, key))
            if theirs is UNKNOWN:
                continue  # the database's values are not known here: keep the row
            rows.append((kind, key, theirs))  # None: the row is not in the database
            self.refused.pop((kind, key), None)
        if rows:
            self._apply(rows, tr("Geweigerde wijzigingen teruggezet"), undoable=True)
        return len(rows)

    def _saved(self, rows, result: SaveResult, changed_during_save: bool) -> bool:
        for saved in result.accepted:
            key = (saved.kind, saved.key)
            self.reverted.discard(key)
            self.refused.pop(key, None)
            if key in rows:
                self.base_rows[key] = rows[key]
                self.base_versions[key] = int(saved.version)
            else:
                self.base_rows.pop(key, None)
                self.base_versions.pop(key, None)
        complete = not result.conflicts and not result.refused
        if complete and not changed_during_save:
            self.document.mark_clean()
        if result.accepted:
            self.notice.emit(
                tr("{n} wijzigingen opgeslagen in de database.").format(n=len(result.accepted))
            )
        self._drop_seen_pending()
        if result.refused:
            self.note_refused(result.refused, rows)
            self.refusedFound.emit(list(result.refused))
        if result.conflicts:
            self.conflictsFound.emit(list(result.conflicts))
        self._drain_pending()
        return complete

    def team_link(self) -> dict:
        """What a copy saved to a file remembers of the database (the format of
        :mod:`gis_app.core.db.offline`): the project name, and per row the version and a
        hash of the values the database has, so ``db sync`` or Opslaan in database
        later finds exactly the rows edited here."""
        from gis_app.core.db.offline import row_hash

        versions: dict[str, dict[str, int]] = {}
        hashes: dict[str, dict[str, str]] = {}
        for (kind, key), version in self.base_versions.items():
            values = self.base_rows.get((kind, key), UNKNOWN)
            versions.setdefault(kind, {})[key] = int(version)
            if values is UNKNOWN:
                continue  # no hash: the row counts as edited
            if kind == "cluster" and isinstance(values, dict):
                values = {**values, "members": sorted(values.get("members") or [])}
            hashes.setdefault(kind, {})[key] = row_hash(values)
        return {"project": self.name, "versions": versions, "hashes": hashes}

    def take_remote(self, items) -> None:
        """Show rows the database has (``[((kind, key), values, version)]``) that the
        window has not edited (an offline copy saved back: what others did meanwhile)."""
        free = []
        for key, values, version in items:
            if self.has_local_changes(*key):
                continue
            free.append((key, values, version))
        if free:
            self._take_remote(free, tr("de database"))

    # --- conflicts --------------------------------------------------------------------------
    def resolve(
        self,
        conflicts: list[Conflict],
        choices: dict[RowKey, str],
        *,
        save_again: bool = True,
        on_done: Callable[[bool], object] | None = None,
        parent=None,
    ) -> bool:
        """Apply the planner's choice per conflicting row: ``"theirs"`` puts their row in the
        document (one undo step), ``"mine"`` keeps the window's row; both now build on
        their version. Then save again (``"mine"`` rows go to the database). ``True``
        when a save started."""
        theirs_rows = []
        for conflict in conflicts:
            key = (conflict.kind, conflict.key)
            choice = choices.get(key)
            if choice not in ("mine", "theirs"):
                continue
            # deleted meanwhile (version 0): "mine" inserts it again
            self.reverted.discard(key)  # chosen knowingly
            self._set_base(key, conflict.theirs, conflict.their_version)
            self.pending.pop(key, None)
            if choice == "theirs":
                theirs_rows.append((conflict.kind, conflict.key, conflict.theirs))
        if theirs_rows:
            self._apply(theirs_rows, tr("Versie uit de database overgenomen"), undoable=True)
        if save_again and any(c == "mine" for c in choices.values()):
            return self.save(on_done, parent=parent)
        if on_done is not None:
            on_done(True)
        return False

    # --- changes of others ------------------------------------------------------------------
    def _arrived(self, note: Notification, values: Any, version: int) -> None:
        if self.closed:
            return
        key = (note.kind, note.key)
        if note.kind not in KINDS:
            if note.kind == "project" and note.op == "DELETE":
                self.notice.emit(tr("Het project is uit de database verwijderd."))
            return
        known = self.base_versions.get(key)
        if values is not None and known is not None and version <= known:
            return  # already the window's state (its own save, or seen before)
        if values is None and key not in self.base_versions:
            return  # deleted and never known here
        if self.saving or self.editing(*key) or self.has_local_changes(*key):
            self.pending[key] = (note, values, version)
            self.remoteQueued.emit([key])
            self.notice.emit(
                tr(
                    "{who} heeft {row} gewijzigd; uw bewerking blijft staan. Bij opslaan "
                    "kiest u welke versie blijft."
                ).format(who=note.user or tr("iemand"), row=row_label(*key))
            )
            return
        self._take_remote([(key, values, version)], note.user)

    def _take_remote(self, items, user: str) -> None:
        rows = [(k[0], k[1], values) for k, values, _version in items]
        self._apply(
            rows, tr("Wijziging van {who}").format(who=user or tr("iemand")), undoable=False
        )
        for key, values, version in items:
            self._set_base(key, values, version)
            self.pending.pop(key, None)
        keys = [k for k, _v, _ver in items]
        self._remote_marks.append((self.document.undo_stack.index(), set(keys)))
        self.remoteApplied.emit(keys)
        self.notice.emit(
            tr("{who} heeft {rows} gewijzigd.").format(
                who=user or tr("iemand"), rows=", ".join(row_label(*k) for k in keys)
            )
        )

    def _apply(self, rows, text: str, *, undoable: bool) -> None:
        """Put database rows into the document (clusters, packages and settings as one
        change; scenarios and commitments replaced whole)."""
        document = self.document
        was_dirty = document.is_dirty
        remote = remote_change(document.project, rows, text)
        if not remote.change.is_empty:
            document.apply_change(remote.change, undoable=undoable, text=text)
        if remote.scenarios is not None:
            document.set_scenarios(remote.scenarios)
        if remote.commitments is not None:
            document.set_commitments(remote.commitments, text)
        if not undoable and not was_dirty:
            document.mark_clean()  # the shared state arrived; nothing of the planner's

    def _note_undo_past_remote(self, index: int) -> None:
        """The planner undid a step made before others' rows arrived: remember those rows."""
        kept = []
        for mark, keys in self._remote_marks:
            if index < mark:
                self.reverted |= keys
            else:
                kept.append((mark, keys))
        self._remote_marks = kept

    def _reverted_conflicts(self) -> list[Conflict]:
        """Rows an undo took back to before others' saved version, as conflicts (mine: the
        window's row now; theirs: the database's), unless the window's row is theirs."""
        out = []
        for kind, key in sorted(self.reverted):
            theirs = self.base_rows.get((kind, key))
            if (kind, key) not in self.base_versions or theirs is UNKNOWN:
                continue
            mine = local_row(self.document.project, kind, key)
            if same_values(theirs, mine):
                self.reverted.discard((kind, key))
                continue
            out.append(Conflict(kind, key, mine, theirs, self.base_versions[(kind, key)]))
        return out

    def _set_base(self, key: RowKey, values: Any, version: int) -> None:
        """The database has ``values`` at ``version`` for row ``key`` (``None``/0: gone).

        A cluster row's members are exactly the buildings the database gave it, taken
        from any other cluster: those clusters' base members lose them too (the database
        moved them without a new version of those rows), so they do not look edited here.
        """
        if values is None or not version:
            self.base_rows.pop(key, None)
            self.base_versions.pop(key, None)
            return
        self.base_rows[key] = values
        self.base_versions[key] = int(version)
        if key[0] != "cluster" or not isinstance(values, dict):
            return
        moved = set(values.get("members") or [])
        if not moved:
            return
        for other, row in list(self.base_rows.items()):
            if other[0] != "cluster" or other == key or not isinstance(row, dict):
                continue
            members = row.get("members") or []
            if members and not moved.isdisjoint(members):
                self.base_rows[other] = {**row, "members": [m for m in members if m not in moved]}

    def _drop_seen_pending(self) -> None:
        for key, (_note, _values, version) in list(self.pending.items()):
            known = self.base_versions.get(key)
            if known is not None and version <= known:
                del self.pending[key]

    def _drain_pending(self, *_args) -> None:
        """Apply waiting changes of others whose rows are free again."""
        if self.closed or self.saving or not self.pending:
            return
        for key, (note, values, version) in list(self.pending.items()):
            if self.editing(*key) or self.has_local_changes(*key):
                continue
            del self.pending[key]
            self._take_remote([(key, values, version)], note.user)

    def _listener_failed(self, message: str) -> None:
        if self.closed:
            return
        log.warning("Wijzigingen van anderen niet meer ontvangen: %s", safe_target(message))
        self.listenerFailed.emit(message)
        self.notice.emit(
            tr("Wijzigingen van anderen komen niet meer binnen: {reason}").format(reason=message)
        )
