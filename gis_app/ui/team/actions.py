"""Team mode in the main window: the menu actions and the session of the shown project.

:func:`install_team_actions` adds to Bestand *Openen uit database...* and *Opslaan in
database...*, and *Geschiedenis...* to the Clusters and Werkpakketten menus;
:class:`TeamActions` runs them:

* Openen uit database: asks about unsaved work, asks for the connection and project
  (:class:`~gis_app.ui.team.connect_dialog.ConnectionDialog`), pulls it on the task
  runner (progress, Annuleren) and shows it; a :class:`~gis_app.ui.team.session.TeamSession`
  then follows the database (changes of others within a second or two).
* Opslaan (Ctrl+S) of a project from the database saves its changed rows; Opslaan in
  database... does the same, and for a project from a file uploads it (``push``) under a
  name, after which the window follows that database project.
* A refused save opens the side-by-side choice
  (:class:`~gis_app.ui.team.conflict_dialog.ConflictDialog`); Geschiedenis shows the audit
  trail of the selected cluster or work package.

Opening another project (file or database) ends the session; the project stays as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shapely
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from gis_app.core.db import history, pull, push, safe_target, versions_as_base
from gis_app.core.db.transfer import row_versions
from gis_app.ui.dialogs import show_error
from gis_app.ui.tasks import submit_with_progress
from gis_app.ui.team.rows import LOCAL_SETTINGS, capture, project_rows
from gis_app.ui.team.session import TeamSession, row_label

log = logging.getLogger("gis_app.team")

#: Wait before listening again after the listener's connection broke.
LISTEN_RETRY_MS = 5000


def tr(text: str) -> str:
    return QCoreApplication.translate("TeamActions", text)


class TeamActions(QObject):
    """The team-mode actions of one main window (see the module docstring)."""

    sessionStarted = Signal(object)  # TeamSession
    opened = Signal(bool)  # Openen uit database ended: shown (True) or not
    pushed = Signal(bool)  # Opslaan in database of a file project ended
    conflictDialogShown = Signal(object)  # ConflictDialog, before it runs
    historyShown = Signal(object)  # HistoryDialog, before it runs

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.session: TeamSession | None = None
        self.conflict_dialog = None
        self.history_dialog = None
        #: status-bar note naming the shared project while a session runs
        self.status_label = QLabel("")
        self.status_label.setObjectName("teamStatus")
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)
        #: dialogs run modally unless a test turns this off (then they are only shown)
        self.modal_dialogs = True
        self._create_actions()
        self.document.projectReplaced.connect(self._project_replaced)
        window.destroyed.connect(self._end_session)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close_session)
        controller = getattr(window, "project_controller", None)
        if controller is not None:
            controller.save_hook = self._save_hook

    # --- menus ------------------------------------------------------------------------------
    def _create_actions(self) -> None:
        window = self.window
        self.open_action = QAction(tr("Openen &uit database..."), window)
        self.open_action.setStatusTip(tr("Een gedeeld project openen uit de PostgreSQL-database"))
        self.open_action.triggered.connect(lambda _c=False: self.open_from_database())
        self.save_action = QAction(tr("Opslaan in &database..."), window)
        self.save_action.setStatusTip(
            tr("Het project (of de wijzigingen) opslaan in de gedeelde database")
        )
        self.save_action.triggered.connect(lambda _c=False: self.save_to_database())
        menu = window.file_menu
        controller = getattr(window, "project_controller", None)
        anchor = getattr(controller, "save_as_action", None)
        after = None
        if anchor is not None and anchor in menu.actions():
            actions = menu.actions()
            index = actions.index(anchor)
            after = actions[index + 1] if index + 1 < len(actions) else None
        menu.insertAction(after, self.open_action)
        menu.insertAction(after, self.save_action)

        self.cluster_history_action = QAction(tr("&Geschiedenis..."), window)
        self.cluster_history_action.setStatusTip(
            tr("Wie wat wanneer aan het gekozen cluster veranderde (gedeeld project)")
        )
        self.cluster_history_action.triggered.connect(lambda _c=False: self.show_history("cluster"))
        self.package_history_action = QAction(tr("&Geschiedenis..."), window)
        self.package_history_action.setStatusTip(
            tr("Wie wat wanneer aan het gekozen werkpakket veranderde (gedeeld project)")
        )
        self.package_history_action.triggered.connect(lambda _c=False: self.show_history("package"))
        for menu_name, action in (
            ("clusters_menu", self.cluster_history_action),
            ("packages_menu", self.package_history_action),
        ):
            target_menu = getattr(window, menu_name, None)
            if target_menu is not None:
                target_menu.addSeparator()
                target_menu.addAction(action)
        self._update_actions()

    def _update_actions(self) -> None:
        active = self.session is not None
        if active:
            self.status_label.setText(
                tr("Gedeeld: {name} ({target})").format(
                    name=self.session.name, target=self.session.safe_target
                )
            )
        self.status_label.setVisible(active)
        self.cluster_history_action.setEnabled(active)
        self.package_history_action.setEnabled(active)

    # --- session ----------------------------------------------------------------------------
    def _project_replaced(self) -> None:
        if self.session is not None and self.session.project is not self.document.project:
            self.close_session()

    def _end_session(self, *_args) -> None:
        self.close_session()

    def close_session(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.close()
            log.info("Teamsessie beëindigd (%s)", session.safe_target)
        self._update_actions()

    def _start_session(self, target: str, name: str, rows, versions) -> TeamSession:
        self.close_session()
        session = TeamSession(self.document, target, name, rows, versions, parent=self)
        session.notice.connect(lambda text: self.window.statusBar().showMessage(text, 10000))
        session.conflictsFound.connect(self._conflicts)
        session.refusedFound.connect(self._refused)
        session.listenerFailed.connect(lambda _message: self._listen_again(session))
        session.editing = self._editing
        canvas = getattr(self.window, "canvas", None)
        if canvas is not None:
            canvas.toolChanged.connect(session._drain_pending)
        self.session = session
        session.start_listening()
        self._update_actions()
        self.sessionStarted.emit(session)
        log.info("Teamsessie: project %s in %s", name, session.safe_target)
        return session

    def _listen_again(self, session: TeamSession) -> None:
        """The listener lost its connection: try again in a few seconds while the session
        lasts (a server restart or a network hiccup should not end team mode)."""

        def retry() -> None:
            if self.session is session and not session.closed:
                session.start_listening()

        QTimer.singleShot(LISTEN_RETRY_MS, retry)

    def _editing(self, kind: str, key: str) -> bool:
        """Whether the map's edit tool is on this cluster (its outline is being edited)."""
        canvas = getattr(self.window, "canvas", None)
        tool = canvas.tool() if canvas is not None else None
        if kind != "cluster" or tool is None or getattr(tool, "name", "") != "edit_cluster":
            return False
        return getattr(tool, "cluster_id", None) == key

    def _save_hook(self, on_done: Callable[[bool], object] | None) -> bool | None:
        """Opslaan of the window: to the database while a session runs (``None``: not ours)."""
        if self.session is None:
            return None
        return self.session.save(on_done, parent=self.window)

    # --- open -------------------------------------------------------------------------------
    def ask_connection(self, mode: str):
        """(target, name, replace) from the connection dialog, or ``None``."""
        from gis_app.ui.team.connect_dialog import ConnectionDialog

        dialog = ConnectionDialog(
            self.window, mode=mode, name=self.document.project.name if mode == "save" else ""
        )
        if dialog.exec() != ConnectionDialog.DialogCode.Accepted:
            return None
        return dialog.target(), dialog.project_name(), dialog.replace()

    def open_from_database(self, target: str | None = None, name: str | None = None) -> bool:
        """Openen uit database (asks about unsaved work first). ``True`` when the read
        started; ``opened(bool)`` tells the outcome."""
        controller = getattr(self.window, "project_controller", None)

        def proceed() -> None:
            chosen = (target, name, False)
            if not (target and name):
                chosen = self.ask_connection("open")
                if chosen is None:
                    self.opened.emit(False)
                    return
            self._pull(chosen[0], chosen[1])

        if controller is not None:
            return controller.maybe_save(proceed)
        proceed()
        return True

    def _pull(self, target: str, name: str) -> None:
        window = self.window

        def work(progress):
            project = pull(target, name, progress)
            rows = project_rows(capture(project))
            progress(1.0)  # cancelled meanwhile: drop it
            return project, rows

        def loaded(value) -> None:
            project, rows = value
            window.set_project(project, None)
            self._start_session(target, name, rows, versions_as_base(project.db_versions))
            window.statusBar().showMessage(
                tr("{name} geopend uit {target}").format(name=name, target=safe_target(target)),
                10000,
            )
            self.opened.emit(True)

        submit_with_progress(
            window,
            work,
            name="team-pull",
            title=tr("Openen uit database"),
            text=tr("{name} wordt opgehaald uit {target}...").format(
                name=name, target=safe_target(target)
            ),
            on_result=loaded,
            error_title=tr("Openen uit database mislukt"),
            on_cancelled=lambda: window.statusBar().showMessage(
                tr("Openen uit database geannuleerd"), 10000
            ),
            on_end=lambda: self.opened.emit(False),
            runner=window.tasks,
            delay_ms=0,
        )

    def before_file_save(self) -> None:
        """A project from the database saved to a file (Opslaan als) remembers which
        database rows it holds, so it can be edited offline and saved back."""
        if self.session is not None and self.session.project is self.document.project:
            self.document.set_team_link(self.session.team_link())

    # --- save -------------------------------------------------------------------------------
    def save_to_database(
        self, target: str | None = None, name: str | None = None, *, replace: bool = False
    ) -> bool:
        """Opslaan in database: the changed rows of a database project, or upload a file
        project under ``name``. ``True`` when work started."""
        if self.session is not None and target is None:
            return self.session.save(parent=self.window)
        link = self._team_link()
        if not (target and name):
            chosen = self.ask_connection("save")
            if chosen is None:
                return False
            target, name, replace = chosen
        if link is not None and name == link and not replace:
            self._sync(target, name)
        else:
            self._push(target, name, replace)
        return True

    def _team_link(self) -> str | None:
        """The database project a copy from the database (a file) belongs to, or None."""
        from gis_app.core.db import TEAM_SETTING

        link = (self.document.project.settings or {}).get(TEAM_SETTING)
        if isinstance(link, dict) and isinstance(link.get("project"), str):
            return link["project"]
        return None

    def _sync(self, target: str, name: str) -> None:
        """Save an offline copy back: the rows edited since it was pulled, with the
        versions it remembers as base (conflicts: the side-by-side choice); then show what
        others saved meanwhile and follow the database project."""
        from gis_app.core.db import (
            TEAM_SETTING,
            connect,
            current_row,
            project_id,
            save_changes,
        )
        from gis_app.core.db.offline import offline_changes
        from gis_app.ui.autosave import snapshot
        from gis_app.ui.team.session import UNKNOWN

        window = self.window
        project = self.document.project
        data = snapshot(project)
        captured = capture(project)

        def work(progress):
            progress(0.05, tr("wijzigingen zoeken"))
            _name, changes, base = offline_changes(data)
            # each planner's map view stays theirs (the window does not share it)
            changes = [c for c in changes if not (c.kind == "setting" and c.key in LOCAL_SETTINGS)]
            link = data.settings.get(TEAM_SETTING) or {}
            versions = {
                (kind, str(key)): int(v)
                for kind, keys in (link.get("versions") or {}).items()
                for key, v in keys.items()
            }
            rows = project_rows(captured)
            progress(0.3, tr("opslaan"))
            with connect(target, autocommit=True) as conn:
                result = save_changes(conn, name, changes, base)
                pid = project_id(conn, name)
                now = {
                    (kind, key): v
                    for kind, keys in row_versions(conn, pid).items()
                    for key, v in keys.items()
                }
                sent = {(c.kind, c.key) for c in changes}
                stale = []
                for key in sorted(set(now) | set(versions)):
                    if key in sent or now.get(key) == versions.get(key):
                        continue
                    values, version = current_row(conn, pid, *key)
                    stale.append((key, values, version))
            return changes, rows, versions, result, stale

        def done(value) -> None:
            changes, rows, versions, result, stale = value
            base_rows = dict(rows)
            base_versions = dict(versions)
            for change in changes:
                key = (change.kind, change.key)
                if key in base_versions or change.values is None:
                    base_rows[key] = UNKNOWN  # sent again next time unless saved now
                else:
                    base_rows.pop(key, None)  # a new row: inserted next time
            for saved in result.accepted:
                key = (saved.kind, saved.key)
                if key in rows:
                    base_rows[key] = rows[key]
                    base_versions[key] = int(saved.version)
                else:
                    base_rows.pop(key, None)
                    base_versions.pop(key, None)
            for conflict in result.conflicts:
                key = (conflict.kind, conflict.key)
                base_rows[key] = UNKNOWN if conflict.theirs is None else conflict.theirs
            session = self._start_session(target, name, base_rows, base_versions)
            session.take_remote(stale)
            session.note_refused(result.refused, rows)
            complete = not result.conflicts and not result.refused
            if complete:
                self.document.mark_clean()
            window.statusBar().showMessage(
                tr("{n} wijzigingen van de kopie opgeslagen in {name}.").format(
                    n=len(result.accepted), name=name
                ),
                10000,
            )
            if result.refused:
                self._refused(list(result.refused))
            if result.conflicts:
                self._conflicts(list(result.conflicts))
            self.pushed.emit(complete)

        self._submit_save(
            work,
            done,
            tr("Opslaan in database"),
            tr("Wijzigingen van de kopie opslaan in {name}...").format(name=name),
            "team-sync",
        )

    def _push(self, target: str, name: str, replace: bool) -> None:
        from gis_app.ui.autosave import snapshot

        window = self.window
        project = self.document.project
        data = snapshot(project)
        captured = capture(project)

        def work(progress):
            from gis_app.core.db import connect

            pid = push(data, target, name, progress, replace=replace)
            with connect(target, autocommit=True) as conn:
                versions = row_versions(conn, pid)
            return project_rows(captured), versions

        def done(value) -> None:
            rows, versions = value
            if self.document.project is project:
                self.document.set_database_name(name)
                self._start_session(target, name, rows, versions_as_base(versions))
                self.document.mark_clean()
                controller = getattr(window, "project_controller", None)
                if controller is not None:
                    controller.update_title()
            window.statusBar().showMessage(
                tr("{name} opgeslagen in {target}").format(name=name, target=safe_target(target)),
                10000,
            )
            self.pushed.emit(True)

        self._submit_save(
            work,
            done,
            tr("Opslaan in database"),
            tr("{name} wordt opgeslagen in {target}...").format(
                name=name, target=safe_target(target)
            ),
            "team-push",
        )

    def _submit_save(self, work, done, title: str, text: str, name: str) -> None:
        """Run a save to the database (push or an offline copy's rows) on the task runner;
        a failure or cancel is said the same way for both and leaves ``pushed(False)``."""
        window = self.window
        submit_with_progress(
            window,
            work,
            name=name,
            title=title,
            text=text,
            on_result=done,
            error_title=tr("Opslaan in database mislukt"),
            on_cancelled=lambda: window.statusBar().showMessage(
                tr("Opslaan in database geannuleerd; de database is niet gewijzigd."), 10000
            ),
            on_end=lambda: self.pushed.emit(False),
            runner=window.tasks,
        )

    # --- conflicts and refusals -------------------------------------------------------------
    def _conflicts(self, conflicts: list) -> None:
        from gis_app.ui.team.conflict_dialog import ConflictDialog, conflict_outlines

        session = self.session
        if session is None:
            return
        dialog = ConflictDialog(conflicts, self.window)
        self.conflict_dialog = dialog
        canvas = getattr(self.window, "canvas", None)

        def show_on_map(conflict) -> None:
            """Both versions' outlines on the main map, brought into view."""
            if canvas is None:
                return
            outlines = conflict_outlines(conflict) if conflict is not None else []
            canvas.set_preview(outlines or None)
            if outlines:
                xmin, ymin, xmax, ymax = shapely.total_bounds(outlines)
                canvas.zoom_to_extent(xmin, ymin, xmax, ymax, margin=0.3)

        dialog.currentConflictChanged.connect(show_on_map)
        show_on_map(dialog.current_conflict())

        def chosen(result: int) -> None:
            self.conflict_dialog = None
            if canvas is not None:
                canvas.set_preview(None)
            if result != ConflictDialog.DialogCode.Accepted or self.session is not session:
                self.window.statusBar().showMessage(
                    tr("Conflicten nog niet opgelost; bij de volgende keer opslaan opnieuw."),
                    10000,
                )
                return
            session.resolve(conflicts, dialog.choices(), parent=self.window)

        dialog.finished.connect(chosen)
        self.conflictDialogShown.emit(dialog)
        if self.modal_dialogs:
            dialog.exec()
        else:
            dialog.show()

    def _refused(self, refused: list) -> None:
        """Say which rows the database refused; the planner may put back the database's
        version of them at once (one undo step) or keep the edits in the window."""
        lines = [f"{row_label(r.kind, r.key)}: {r.reason}" for r in refused]
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Niet opgeslagen: geen rechten"))
        box.setText(
            tr("De database weigerde {n} wijzigingen: uw rol mag deze rijen niet wijzigen.").format(
                n=len(refused)
            )
        )
        box.setInformativeText(
            "\n".join(lines[:20])
            + "\n\n"
            + tr(
                "Uw versie blijft in het venster staan en wordt niet opnieuw verstuurd, "
                "tenzij u de rij nog eens wijzigt."
            )
        )
        put_back = box.addButton(
            tr("Versie uit de database terugzetten"), QMessageBox.ButtonRole.AcceptRole
        )
        keep = box.addButton(tr("Mijn versie houden"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is put_back and self.session is not None:
            keys = [(r.kind, r.key) for r in refused]
            n = self.session.put_back_refused(keys)
            self.window.statusBar().showMessage(
                tr("{n} rijen teruggezet naar de versie in de database.").format(n=n), 10000
            )

    # --- history ----------------------------------------------------------------------------
    def selected_key(self, kind: str) -> str | None:
        if kind == "cluster":
            ids = self.document.selected_cluster_ids
            return ids[0] if ids else None
        panel = getattr(self.window, "packages_panel", None)
        ids = panel.selected_ids() if panel is not None else []
        return ids[0] if ids else None

    def show_history(self, kind: str, key: str | None = None) -> bool:
        """Geschiedenis of the selected (or given) cluster or package, read on the task
        runner. ``True`` when the read started."""
        session = self.session
        if session is None:
            return False
        key = key or self.selected_key(kind)
        if not key:
            self.window.statusBar().showMessage(
                tr("Kies eerst een cluster.")
                if kind == "cluster"
                else tr("Kies eerst een werkpakket."),
                8000,
            )
            return False
        target, name = session.target, session.name

        def shown(entries) -> None:
            from gis_app.ui.team.history_dialog import HistoryDialog

            dialog = HistoryDialog(kind, key, entries, self.window)
            self.history_dialog = dialog
            self.historyShown.emit(dialog)
            if self.modal_dialogs:
                dialog.exec()
            else:
                dialog.show()

        def failed(error: BaseException) -> None:
            show_error(self.window, error, title=tr("Geschiedenis ophalen mislukt"))

        self.window.tasks.submit(
            lambda _progress: history(target, name, kind, key),
            name="team-history",
            on_result=shown,
            on_error=failed,
        )
        return True


def install_team_actions(window) -> TeamActions:
    """Team mode for ``window`` (a :class:`~gis_app.ui.shell.main_window.MainWindow`)."""
    return TeamActions(window)


__all__ = ["TeamActions", "install_team_actions"]
