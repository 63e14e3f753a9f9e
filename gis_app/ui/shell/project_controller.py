"""File handling of the main window: New, Open, Save, Save As, recent projects, closing.

``ProjectController(window, document, ...)`` adds its actions to the *Bestand* menu
(``file_menu`` when given, else a new menu in the window's menu bar), keeps the window title
as ``name[*] — gis_app`` with Qt's unsaved-changes mark, asks Save/Discard/Cancel before
unsaved work would be lost (New, Open, closing the window), and owns the autosave
(:class:`~gis_app.ui.autosave.Autosave`) and the recovery offer at start.

Decisions:

* A failed save (full disk, read-only folder, file locked or deleted) shows the reason
  and changes nothing else: the project stays open and unsaved, and Save As can write it
  elsewhere. The old file is untouched (atomic save).
* *Opslaan* writes to the project's own file only when that file is a gis_app project
  (schema version >= 1). A project opened from a plain GeoPackage (the bundled sample,
  schema version 0) or imported from data is saved with *Opslaan als*, so source data is
  never overwritten by accident.
* Opening a project whose recorded sources changed or went missing shows which ones
  (information, not an error: the project opens as saved).
* The collaborators are explicit: the *Openen...* and *Afsluiten* actions already in the
  menu (``open_action``, ``quit_action``; the controller connects *Openen...*, so the menu
  has one of each), the function that opens a file (``open_file``, an :class:`OpenFile`:
  the main window's ``open_path``, which also shows the join report of an imported
  file), the one that shows a project (``show_project``) and what runs before a save
  (``before_save``: the main window stores the map's state). Without them the controller
  makes its own actions, reads files itself and shows a project by replacing the
  document's.
* Recent projects: the last :data:`MAX_RECENT` project files, in QSettings
  ``recent_projects``; one that can no longer be opened is removed from the list.
* Closing: in an interactive session (:meth:`ProjectController.start_session`, called by
  ``run_app``) the controller filters the window's close event and asks about unsaved
  work; autosave and the recovery offer also belong to the session. A window without a
  session (tests, screenshots) closes without asking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
)

from gis_app.core.errors import GisAppError
from gis_app.core.io import recovery
from gis_app.core.io.outputs import check_outputs, protected_files
from gis_app.core.io.projectfile import (
    SCHEMA_VERSION,
    changed_sources,
    read_project_info,
    save_project,
)
from gis_app.core.project import Project
from gis_app.paths import ROOT_DIR
from gis_app.ui.autosave import Autosave, snapshot
from gis_app.ui.dialogs import message_box, show_error
from gis_app.ui.document import ProjectDocument
from gis_app.ui.tasks import TaskProgressDialog, task_runner

log = logging.getLogger("gis_app.project")

MAX_RECENT = 8
SETTINGS_KEY_RECENT = "recent_projects"
SETTINGS_KEY_LAST_DIR = "last_project_dir"


def save_start_folder(
    project_dir: Path | None, last_dir: str, documents: str, program_dir: Path = ROOT_DIR
) -> Path:
    """Where *Opslaan als* opens: the project's folder, else the last used one, else the
    user's documents folder (else home); never inside the program's own folder (the
    bundled sample lives there, and an update would replace it)."""

    def usable(folder) -> bool:
        if not folder:
            return False
        path = Path(folder)
        try:
            resolved = path.resolve()
            inside = resolved == program_dir.resolve() or program_dir.resolve() in resolved.parents
        except OSError:
            return False
        return path.is_dir() and not inside

    for folder in (project_dir, last_dir, documents):
        if usable(folder):
            return Path(folder)
    return Path.home()


APP_TITLE = "gis_app"
PROJECT_FILTER = QT_TRANSLATE_NOOP("ProjectController", "gis_app-project (*.gpkg)")
OPEN_FILTER = QT_TRANSLATE_NOOP(
    "ProjectController",
    "Projecten en gegevens (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;"
    "gis_app-project (*.gpkg);;Shapefile (*.shp *.zip);;GeoJSON (*.geojson *.json);;"
    "FlatGeobuf (*.fgb);;Alle bestanden (*)",
)


def tr(text: str) -> str:
    return QCoreApplication.translate("ProjectController", text)


class OpenFile(Protocol):
    """Opens ``path`` and calls ``on_done(opened)`` when it is known whether the file was
    opened; returns ``False`` when it was not (yet): refused, failed, or still reading."""

    def __call__(self, path: Path, *, on_done: Callable[[bool], None]) -> bool: ...


class ProjectController(QObject):
    """See the module docstring."""

    saveFinished = Signal(bool)  # a save ended: written (True) or not (False)

    def __init__(
        self,
        window: QMainWindow,
        document: ProjectDocument,
        *,
        settings: QSettings | None = None,
        file_menu: QMenu | None = None,
        open_action: QAction | None = None,
        quit_action: QAction | None = None,
        open_file: OpenFile | None = None,
        show_project: Callable[[Project, object | None], None] | None = None,
        before_save: Callable[[], None] | None = None,
    ):
        super().__init__(window)
        self.window = window
        self.document = document
        self.settings = settings if settings is not None else QSettings()
        self._open_file = open_file
        self._show_project_in_window = show_project
        self._before_save = before_save
        self.autosave: Autosave | None = None
        self.in_session = False
        self._save_target: Path | None = None
        self._saving = False  # a save runs on the task runner
        #: ``save_hook(on_done)`` saves elsewhere (team mode: the database); ``None`` from it
        #: means "not mine", and the file save runs
        self.save_hook: Callable[[Callable[[bool], object] | None], bool | None] | None = None
        self._create_actions(file_menu, open_action, quit_action)
        document.dirtyChanged.connect(self._on_dirty_changed)
        document.projectReplaced.connect(self._on_project_replaced)
        window.installEventFilter(self)
        self._on_project_replaced(check_sources=False)

    # =========================================================================================
    # menu
    # =========================================================================================
    def _create_actions(
        self, menu: QMenu | None, open_action: QAction | None, quit_action: QAction | None
    ) -> None:
        window = self.window
        if menu is None:
            menu = window.menuBar().addMenu(tr("&Bestand"))
        self.menu = menu

        self.new_action = QAction(tr("&Nieuw"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setStatusTip(tr("Een nieuw, leeg project beginnen"))
        self.new_action.triggered.connect(lambda _c=False: self.new_project())

        self.open_action = open_action
        owned_open = self.open_action is None
        if owned_open:
            self.open_action = QAction(tr("&Openen..."), self)
            self.open_action.setShortcut(QKeySequence.StandardKey.Open)
            self.open_action.setStatusTip(tr("Een project of een bestand met panden openen"))
        self.open_action.triggered.connect(lambda _c=False: self.open_dialog())

        self.save_action = QAction(tr("Op&slaan"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setStatusTip(tr("Het project opslaan"))
        self.save_action.triggered.connect(lambda _c=False: self.save())

        self.save_as_action = QAction(tr("Opslaan &als..."), self)
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.save_as_action.setStatusTip(tr("Het project opslaan in een ander bestand"))
        self.save_as_action.triggered.connect(lambda _c=False: self.save_as())

        self.recent_menu = QMenu(tr("&Recente projecten"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()

        self.quit_action = quit_action
        owned_quit = self.quit_action is None
        if owned_quit:
            self.quit_action = QAction(tr("&Afsluiten"), self)
            self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
            self.quit_action.triggered.connect(lambda _c=False: window.close())

        existing = menu.actions()
        first = existing[0] if existing else None
        menu.insertAction(first, self.new_action)
        if owned_open:
            menu.insertAction(first, self.open_action)
        anchor_after_open = self._action_after(menu, self.open_action)
        menu.insertMenu(anchor_after_open, self.recent_menu)
        menu.insertSeparator(anchor_after_open)
        menu.insertAction(anchor_after_open, self.save_action)
        menu.insertAction(anchor_after_open, self.save_as_action)
        if anchor_after_open is None or anchor_after_open.isSeparator() is False:
            menu.insertSeparator(anchor_after_open)
        if owned_quit:
            menu.addSeparator()
            menu.addAction(self.quit_action)

    @staticmethod
    def _action_after(menu: QMenu, action: QAction) -> QAction | None:
        actions = menu.actions()
        if action in actions:
            index = actions.index(action)
            if index + 1 < len(actions):
                return actions[index + 1]
        return None

    # =========================================================================================
    # title and state
    # =========================================================================================
    def _on_dirty_changed(self, _dirty: bool) -> None:
        self.update_title()

    def _on_project_replaced(self, *, check_sources: bool = True) -> None:
        project = self.document.project
        self._save_target = self._own_project_file(project)
        if self._save_target is not None:
            self.add_recent(self._save_target)
        self.update_title()
        if check_sources and project.sources and project.path is not None:
            QTimer.singleShot(0, self.report_changed_sources)
        if project.load_warnings:
            QTimer.singleShot(0, self.report_load_warnings)

    @staticmethod
    def _own_project_file(project: Project) -> Path | None:
        """The file *Opslaan* may overwrite: a gis_app project file, else ``None``."""
        if project.path is None:
            return None
        path = Path(project.path)
        try:
            info = read_project_info(path)
        except GisAppError:
            return None
        return path if 1 <= info.schema_version <= SCHEMA_VERSION else None

    def title(self) -> str:
        return f"{self.document.project.name}[*] — {APP_TITLE}"

    def update_title(self) -> None:
        self.window.setWindowTitle(self.title())
        self.window.setWindowModified(self.document.is_dirty)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    # =========================================================================================
    # dialogs (overridable in tests)
    # =========================================================================================
    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for the unsaved changes."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        return message_box(
            self.window,
            QMessageBox.Icon.Warning,
            tr("Niet-opgeslagen wijzigingen"),
            tr("Het project ‘{name}’ heeft wijzigingen die nog niet zijn opgeslagen.").format(
                name=self.document.project.name
            ),
            informative=tr("Wilt u de wijzigingen opslaan?"),
            buttons=buttons,
            default=QMessageBox.StandardButton.Save,
        )

    def ask_save_path(self) -> Path | None:
        suggestion = self._suggested_save_path()
        path, _filter = QFileDialog.getSaveFileName(
            self.window, tr("Project opslaan als"), str(suggestion), tr(PROJECT_FILTER)
        )
        if not path:
            return None
        path = Path(path)
        if path.suffix.lower() != ".gpkg":
            path = path.with_name(path.name + ".gpkg")
        return path

    def ask_open_path(self) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, tr("Project of gegevens openen"), self._last_dir(), tr(OPEN_FILTER)
        )
        return Path(path) if path else None

    def _last_dir(self) -> str:
        project = self.document.project
        if project.path is not None:
            return str(Path(project.path).parent)
        # the data folder of Voorkeuren first: the planner chose it for this
        return str(
            self.settings.value("preferences/data_folder", "")
            or self.settings.value(SETTINGS_KEY_LAST_DIR, "")
            or ""
        )

    def _suggested_save_path(self) -> Path:
        project = self.document.project
        folder = save_start_folder(
            Path(project.path).parent if project.path is not None else None,
            str(self.settings.value(SETTINGS_KEY_LAST_DIR, "") or ""),
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        )
        name = project.name or tr("Naamloos project")
        if project.path is not None and self._save_target is None:
            name = Path(project.path).stem + tr(" project")
        return folder / f"{name}.gpkg"

    # =========================================================================================
    # commands
    # =========================================================================================
    def maybe_save(self, proceed: Callable[[], object]) -> bool:
        """Ask about unsaved changes, then ``proceed()`` when the work is saved or discarded.

        Returns ``True`` when ``proceed`` ran now (nothing to save, or Discard). With Save
        the save runs in the background and ``proceed`` follows once it succeeded (a
        failed or cancelled save stops there); the call returns ``False``. Cancel: nothing
        happens, ``False``.
        """
        if not self.document.is_dirty:
            proceed()
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            self.save(on_done=lambda saved: proceed() if saved else None)
            return False
        if answer == QMessageBox.StandardButton.Discard:
            proceed()
            return True
        return False

    def new_project(self) -> bool:
        return self.maybe_save(lambda: self._show_project(Project(), None))

    def open_dialog(self) -> bool:
        def ask_and_open() -> None:
            path = self.ask_open_path()
            if path is not None:
                self.open_path(path, ask=False)

        return self.maybe_save(ask_and_open)

    def open_path(self, path: str | Path, *, ask: bool = True) -> bool:
        """Open a project or data file (after asking about unsaved changes when ``ask``).

        ``False`` when it was not opened (yet): refused, failed, or waiting for a save or
        a background read; the window's ``openFinished`` tells the outcome of the latter.
        """
        if ask:
            opened = []
            if not self.maybe_save(lambda: opened.append(self.open_path(path, ask=False))):
                return False
            return bool(opened and opened[0])
        path = Path(path)
        if self._open_file is not None:  # the main window's open shows the join report too

            def done(opened: bool) -> None:
                if opened:
                    self.settings.setValue(SETTINGS_KEY_LAST_DIR, str(path.parent))
                else:
                    self.remove_recent(path)

            return bool(self._open_file(path, on_done=done))
        from gis_app.core.io.opening import open_path

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            project, report = open_path(path)
        except GisAppError as error:
            QApplication.restoreOverrideCursor()
            self.remove_recent(path)
            show_error(self.window, error, title=tr("Openen mislukt"))
            return False
        except Exception as error:  # unexpected: report, keep the current project
            QApplication.restoreOverrideCursor()
            show_error(self.window, error, title=tr("Openen mislukt"))
            return False
        QApplication.restoreOverrideCursor()
        self.settings.setValue(SETTINGS_KEY_LAST_DIR, str(path.parent))
        self._show_project(project, report)
        return True

    def _show_project(self, project: Project, report) -> None:
        if self._show_project_in_window is not None:
            self._show_project_in_window(project, report)
        else:
            self.document.replace_project(project)

    def save(self, on_done: Callable[[bool], object] | None = None) -> bool:
        """Save to the project's own file, or ask for one (see the module docstring).

        ``True`` when the save started; ``on_done(saved)`` and ``saveFinished(saved)``
        follow when it ends (see :meth:`save_to`)."""
        if self.save_hook is not None:
            started = self.save_hook(on_done)
            if started is not None:
                return started
        if self._save_target is None:
            return self.save_as(on_done)
        return self.save_to(self._save_target, on_done)

    def save_as(self, on_done: Callable[[bool], object] | None = None) -> bool:
        path = self.ask_save_path()
        if path is None:
            return False
        return self.save_to(path, on_done)

    def save_to(self, path: str | Path, on_done: Callable[[bool], object] | None = None) -> bool:
        """Write the project to ``path``; on failure show why and keep everything as it was.

        The write runs on the task runner on a snapshot, behind a window-modal progress
        dialog with a Cancel button (after half a second); the window keeps painting (a
        project of 300,000 buildings takes seconds). Returns ``True`` when the save
        started (``False``: another save still runs); the outcome follows as
        ``on_done(saved)`` and ``saveFinished(saved)``. A cancelled save removes its
        temporary file and leaves an existing file untouched.
        """
        if self._saving:
            self._status(tr("Er wordt al opgeslagen; wacht tot dat klaar is."))
            return False
        path = Path(path)
        project = self.document.project
        try:  # refused at once, before any work starts: never over one of its own inputs
            check_outputs(
                [path], protected_files(None, [r.path for r in project.sources]), what=tr("opslaan")
            )
        except GisAppError as error:
            show_error(self.window, error, title=tr("Opslaan mislukt"))
            return False
        if self._before_save is not None:
            self._before_save()  # the main window: the saved layer styles follow the map
        data = snapshot(project)
        changed_during_save = []

        def note_change(*_args) -> None:
            changed_during_save.append(True)

        signals = (self.document.undo_stack.indexChanged, self.document.clustersChanged)
        for signal in signals:
            signal.connect(note_change)
        dialog = TaskProgressDialog(self.window, tr("Opslaan"), tr("Project opslaan..."))
        self._saving = True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

        def finish(saved: bool) -> None:
            self._saving = False
            for signal in signals:
                signal.disconnect(note_change)
            dialog.finish()
            QApplication.restoreOverrideCursor()

        def done(saved: bool) -> None:
            if on_done is not None:
                on_done(saved)
            self.saveFinished.emit(saved)

        def saved(written: Path) -> None:
            finish(True)
            self._saved(project, written, bool(changed_during_save))
            done(True)

        def failed(error: BaseException) -> None:
            finish(False)
            if isinstance(error, GisAppError):
                log.warning("Opslaan mislukt: %s", type(error).__name__)
            show_error(self.window, error, title=tr("Opslaan mislukt"))
            done(False)

        def cancelled() -> None:
            finish(False)
            self._status(tr("Opslaan geannuleerd; het project is niet opgeslagen."))
            done(False)

        task = task_runner().submit(
            lambda progress: save_project(data, path, progress=progress),
            name="save",
            on_result=saved,
            on_error=failed,
            on_progress=lambda fraction, _text: dialog.set_progress(fraction),
            on_cancelled=cancelled,
        )
        dialog.attach(task)
        return True

    def _saved(self, project: Project, written: Path, changed_during_save: bool) -> None:
        """The project is in ``written``: it is now the project's own file."""
        self.document.set_file(written)
        self._save_target = written
        self.settings.setValue(SETTINGS_KEY_LAST_DIR, str(written.parent))
        self.add_recent(written)
        self.document.mark_clean()
        if changed_during_save:  # an edit arrived while writing: the file does not have it
            self.document.mark_dirty()
        self.update_title()
        self._status(tr("Project opgeslagen: {path}").format(path=written))
        log.info("Project opgeslagen (%d panden)", len(project.buildings))

    # =========================================================================================
    # sources
    # =========================================================================================
    @staticmethod
    def changed_sources_text(changes) -> str:
        """The message about changed/missing sources (``changed_sources``; '' when none)."""
        if not changes:
            return ""
        lines = []
        for change in changes:
            name = Path(change.record.path).name
            if change.status == "missing":
                lines.append(
                    tr("• {name} ({role}): niet gevonden").format(
                        name=name, role=change.record.role
                    )
                )
            elif change.status == "unavailable":
                lines.append(
                    tr(
                        "• {name} ({role}): niet te controleren "
                        "(geen gewoon bestand, te groot of te traag)"
                    ).format(name=name, role=change.record.role)
                )
            else:
                lines.append(
                    tr("• {name} ({role}): gewijzigd sinds het project is gemaakt").format(
                        name=name, role=change.record.role
                    )
                )
        return "\n".join(lines)

    def report_changed_sources(self) -> None:
        """Check the open project's sources on the task runner (reading and hashing them
        took the UI thread up to ``SOURCE_CHECK_SECONDS`` while the map wanted to draw),
        then :meth:`show_changed_sources`."""
        project = self.document.project

        def failed(_error: BaseException) -> None:  # a check that fails must not block
            log.warning("Controle van bronbestanden mislukt", exc_info=_error)

        def checked(changes) -> None:
            if self.document.project is project:  # not of a project since replaced
                self.show_changed_sources(changes)

        task_runner().submit(
            lambda _progress: changed_sources(project),
            name="bronbestanden controleren",
            on_result=checked,
            on_error=failed,
        )

    def show_changed_sources(self, changes) -> None:
        """Tell the user which sources changed: a message box in an interactive session,
        else (tests, ``gis-app open --screenshot``) a status bar notice and a log line,
        because nobody is there to close a modal box."""
        text = self.changed_sources_text(changes)
        if not text:
            return
        if not self.in_session:
            count = len(text.splitlines())
            self._status(
                tr("Project geopend; {count} bronbestand(en) gewijzigd of niet gevonden").format(
                    count=count
                )
            )
            log.info("Bronbestanden gewijzigd of niet beschikbaar: %d", count)
            return
        message_box(
            self.window,
            QMessageBox.Icon.Information,
            tr("Bronbestanden gewijzigd"),
            tr(
                "Het project is geopend zoals het is opgeslagen, maar deze bronbestanden zijn "
                "sindsdien veranderd:"
            ),
            informative=text,
        )

    def report_load_warnings(self) -> None:
        """Say what opening the project left out (the messages come from core, in Dutch)."""
        warnings = self.document.take_load_warnings()
        if not warnings:
            return
        message_box(
            self.window,
            QMessageBox.Icon.Warning,
            tr("Project deels geopend"),
            tr(
                "Het project is geopend met al zijn panden, maar niet alles in het bestand was "
                "bruikbaar. Dit is weggelaten of vervangen door standaardwaarden:"
            ),
            informative="\n".join("• " + text for text in warnings),
        )

    # =========================================================================================
    # recent projects
    # =========================================================================================
    def recent_projects(self) -> list[Path]:
        value = self.settings.value(SETTINGS_KEY_RECENT, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [Path(str(v)) for v in (value or []) if str(v)]

    def _store_recent(self, paths: list[Path]) -> None:
        self.settings.setValue(SETTINGS_KEY_RECENT, [str(p) for p in paths[:MAX_RECENT]])

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        paths = [p for p in self.recent_projects() if p != path]
        self._store_recent([path, *paths])

    def remove_recent(self, path: Path) -> None:
        resolved = Path(path).resolve()
        paths = self.recent_projects()
        kept = [p for p in paths if p != resolved and p != Path(path)]
        if len(kept) != len(paths):
            self._store_recent(kept)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent_projects()
        for index, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{index} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not paths:
            empty = self.recent_menu.addAction(tr("(geen)"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(tr("Lijst wissen"))
            clear.triggered.connect(lambda _c=False: self._store_recent([]))

    # =========================================================================================
    # session, recovery and closing
    # =========================================================================================
    def start_session(self, *, autosave: bool = True, offer_recovery: bool = True) -> None:
        """Make this the user's interactive session (``run_app`` calls it).

        From now on closing the window asks about unsaved work, the project is autosaved
        to this session's recovery file, and (``offer_recovery``) recovery files left by
        a crashed session are offered. Windows built without a session (tests,
        ``gis-app open --screenshot``) never block on a question when closed and never
        write to the user's data folder.
        """
        self.in_session = True
        if autosave and self.autosave is None:
            self.autosave = Autosave(self.document, settings=self.settings, parent=self)
            self.autosave.failed.connect(self._status)
            self._create_autosave_menu()
        if offer_recovery:
            self.offer_recovery()

    def _create_autosave_menu(self) -> None:
        """Bestand > Automatisch opslaan: the interval (QSettings), or off."""
        self.autosave_menu = QMenu(tr("Automatisch opslaan"), self.window)
        group = QActionGroup(self.autosave_menu)
        group.setExclusive(True)
        choices = (
            (1.0, tr("Elke minuut")),
            (2.0, tr("Elke 2 minuten")),
            (5.0, tr("Elke 5 minuten")),
            (10.0, tr("Elke 10 minuten")),
            (0.0, tr("Uit")),
        )
        current = self.autosave.interval_minutes
        for minutes, label in choices:
            action = self.autosave_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(minutes == current)
            action.setData(minutes)
            action.triggered.connect(lambda _c=False, m=minutes: self.autosave.set_interval(m))
            group.addAction(action)
        self.autosave_menu.menuAction().setStatusTip(
            tr("Niet-opgeslagen werk wordt bewaard in een herstelbestand, voor als het misgaat")
        )
        self.menu.insertMenu(self.quit_action, self.autosave_menu)
        self.menu.insertSeparator(self.quit_action)

    def ask_recover(self, entry: recovery.RecoveryEntry) -> QMessageBox.StandardButton:
        """Yes = recover, Discard = delete the recovery file, Cancel = ask again next time."""
        name = entry.name or tr("naamloos project")
        return message_box(
            self.window,
            QMessageBox.Icon.Question,
            tr("Niet-opgeslagen werk herstellen"),
            tr(
                "gis_app is de vorige keer niet normaal afgesloten. Er is niet-opgeslagen werk "
                "van ‘{name}’ bewaard (automatisch opgeslagen {when})."
            ).format(name=name, when=entry.saved_at.replace("T", " ")),
            informative=tr(
                "Herstellen opent dit werk; sla het daarna op. Verwijderen gooit het weg. "
                "Annuleren bewaart het voor de volgende keer."
            ),
            buttons=QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Yes,
        )

    def offer_recovery(self) -> bool:
        """At start: offer the newest recovery file of an ended session; True if recovered."""
        try:
            entries = recovery.find_recoverable()
        except OSError:
            return False
        for entry in entries:
            answer = self.ask_recover(entry)
            if answer == QMessageBox.StandardButton.Discard:
                entry.discard()
                continue
            if answer != QMessageBox.StandardButton.Yes:
                return False
            try:
                project = entry.load()
            except GisAppError as error:
                show_error(self.window, error, title=tr("Herstellen mislukt"))
                continue

            def recover(project=project, entry=entry) -> None:
                self._show_project(project, None)
                self.document.mark_dirty()
                if self.autosave is not None:  # our own recovery file first, then drop the old
                    self.autosave.autosave_now(wait=True)
                entry.discard()
                self._status(tr("Niet-opgeslagen werk hersteld; sla het project op."))

            return self.maybe_save(recover)
        return False

    def confirm_close(self) -> bool:
        """Ask about unsaved work; ``True``: close now, the session ends cleanly.

        With Save the close waits for the save: the window closes itself once the save
        succeeded (a failed or cancelled save keeps it open)."""
        after_save = []

        def proceed() -> None:
            if after_save:  # the save has ended: close again, now without changes
                QTimer.singleShot(0, self.window, self.window.close)
            else:
                self._end_session()

        closing = self.maybe_save(proceed)
        after_save.append(True)
        return closing

    def _end_session(self) -> None:
        if self.autosave is not None:
            self.autosave.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        closing = watched is self.window and event.type() == QEvent.Type.Close
        if closing and self.in_session and not self.confirm_close():
            event.ignore()
            return True
        return False
