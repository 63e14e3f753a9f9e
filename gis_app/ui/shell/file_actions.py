"""Opening files in the main window: a project or data file, in the background when large.

Opening goes through :func:`load_path` (``gis_app.core.io.opening.open_path``), so the window
and ``gis-app open`` read files the same way. Errors the user can act on
(:class:`~gis_app.core.errors.GisAppError`) are shown in a message box. The menu actions
(Openen..., recent projects) belong to the
:class:`~gis_app.ui.shell.project_controller.ProjectController`, which asks about unsaved
work first and then calls :meth:`FileActions.open_path`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gis_app import startup_trace
from gis_app.core.errors import GisAppError
from gis_app.core.project import Project
from gis_app.ui.panels.labels import format_count
from gis_app.ui.tasks import TaskProgressDialog, hold_collection, release_collection

if TYPE_CHECKING:
    from gis_app.ui.shell.main_window import MainWindow

#: Files at least this large are read in a worker thread behind a busy dialog, so the
#: window keeps painting (a 300,000-building GeoPackage takes several seconds).
BACKGROUND_OPEN_BYTES = 5 * 1024 * 1024
#: A project read ahead of its footprints' first map starts at the latest after this long.
READ_AHEAD_START_MS = 2_000


def load_path(path: str | Path) -> tuple[Project, object | None]:
    """Read a project or data file: ``(project, join report or None)``; raises GisAppError."""
    from gis_app.core.io.opening import open_path

    startup_trace.mark("read_start")
    opened = open_path(Path(path))
    startup_trace.mark("read_done")
    return opened


class FileActions:
    """The main window's file opening (a part of :class:`MainWindow`, which declares the
    ``openFinished`` signal and provides ``document``, ``tasks`` and the status bar)."""

    def open_path(
        self: MainWindow,
        path: str | Path,
        *,
        show_errors: bool = True,
        background: bool | None = None,
        on_done: Callable[[bool], None] | None = None,
    ) -> bool:
        """Open a project or data file; ``False`` (after a message) when it cannot be read.

        An imported data file with problems in its join report (repaired or dropped rows,
        unmatched ids) shows the report, so nothing is dropped silently.

        ``background``: read on the task runner behind a progress dialog with a Cancel
        button while the window keeps painting (``None`` = when the file is at least
        :data:`BACKGROUND_OPEN_BYTES` and the window is shown). Then the call returns
        ``True`` at once (the read started) and the outcome follows: ``on_done(opened)``
        and ``openFinished(opened)``, which a read in the foreground also calls and
        emits before it returns. A cancelled read keeps the current project. Errors: a
        dialog (:func:`gis_app.ui.dialogs.show_error`), never a traceback.
        """
        self._stop_read_ahead()
        if background is None:
            background = self.isVisible() and _file_bytes(path) >= BACKGROUND_OPEN_BYTES
        if background:
            self._load_in_background(Path(path), show_errors, on_done)
            return True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            project, report = load_path(path)
        except Exception as error:  # GisAppError: its message; others: with the log location
            QApplication.restoreOverrideCursor()
            if not self._open_failed(error, show_errors):
                raise
            self._opened(False, on_done)
            return False
        QApplication.restoreOverrideCursor()
        self._show_opened(project, report, show_errors)
        self._opened(True, on_done)
        return True

    def _open_failed(self: MainWindow, error: BaseException, show_errors: bool) -> bool:
        """Say why opening failed; ``False`` when the error is a bug nobody was shown."""
        from gis_app.ui.dialogs import show_error

        message = (
            error.user_message() if isinstance(error, GisAppError) else self.tr("Openen mislukt")
        )
        self.statusBar().showMessage(message, 15000)
        if show_errors:
            show_error(self, error, title=self.tr("Openen mislukt"))
            return True
        return isinstance(error, GisAppError)

    def _show_opened(self: MainWindow, project: Project, report, show_errors: bool) -> None:
        self.set_project(project, report)
        if show_errors and report is not None and getattr(report, "problems", None):
            self._show_report(report)

    def _opened(self: MainWindow, opened: bool, on_done: Callable[[bool], None] | None) -> None:
        if on_done is not None:
            on_done(opened)
        self.openFinished.emit(opened)

    def _load_in_background(
        self: MainWindow, path: Path, show_errors: bool, on_done: Callable[[bool], None] | None
    ) -> None:
        """:func:`load_path` on the task runner behind a window-modal progress dialog (it
        holds back user input while the window keeps painting). Cancel keeps the current
        project; the read itself cannot be interrupted safely, so it finishes in the
        background and its result is dropped."""
        dialog = TaskProgressDialog(
            self,
            self.tr("Openen"),
            self.tr("{name} wordt ingelezen...").format(name=path.name),
            delay_ms=0,  # at once: it holds back clicks on the project being replaced
        )

        def finish() -> None:
            dialog.finish()
            QApplication.restoreOverrideCursor()

        def loaded(value) -> None:
            finish()
            self._show_opened(*value, show_errors)
            self._opened(True, on_done)

        def failed(error: BaseException) -> None:
            finish()
            if not self._open_failed(error, show_errors):
                sys.excepthook(type(error), error, error.__traceback__)
            self._opened(False, on_done)

        def cancelled() -> None:
            finish()
            self.statusBar().showMessage(self.tr("Openen geannuleerd"), 10000)
            self._opened(False, on_done)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

        def load(progress):
            loaded = load_path(path)
            progress(1.0)  # cancelled while reading: the read is dropped here
            return loaded

        task = self.tasks.submit(
            load,
            name="open",
            latest=self._open_key,
            on_result=loaded,
            on_error=failed,
            on_cancelled=cancelled,
        )
        dialog.attach(task)

    def open_read_ahead(
        self: MainWindow, preview, *, on_project: Callable[[Project | None], None] | None = None
    ) -> None:
        """Draw ``preview`` (a project file's footprints, read ahead of the project:
        :mod:`gis_app.core.io.footprint_preview`) at once and read the project itself on
        the task runner, in small batches, while the planner pans and zooms; then show it
        as :meth:`open_path` does (``on_project(project)`` first; ``on_project(None)`` once
        it is clear that the project will not come). A read that fails is said in a dialog
        and the footprints go; opening another file meanwhile cancels it.
        Not cancellable otherwise: the read cannot be interrupted safely, and nothing else
        is open to return to."""
        path = Path(preview.path)
        self.layer_stack.show_preview(preview)
        self.planning.panel.show_reading()
        self.statusBar().showMessage(
            self.tr("{name} wordt ingelezen; de panden staan al op de kaart").format(name=path.name)
        )

        current_style = self.layer_stack.building_style
        told = []

        def tell(project: Project | None) -> None:
            if on_project is not None and not told:
                told.append(True)
                on_project(project)

        def load(progress):
            startup_trace.mark("read_start")
            from gis_app.core.io.opening import open_path
            from gis_app.core.styling import compute_style
            from gis_app.ui.map.layers import project_building_style

            opened = open_path(path, beside_window=True)
            startup_trace.mark("read_done")
            progress(0.9)  # cancelled meanwhile: dropped here
            # its map colours too, here rather than on the UI thread when it is shown
            buildings = opened[0].buildings
            spec = project_building_style(opened[0], current_style)
            return opened, (buildings, spec, compute_style(buildings, spec))

        def loaded(value) -> None:
            (project, report), style = value
            self.layer_stack.prepare_style(*style)
            tell(project)
            self.statusBar().clearMessage()
            self._show_opened(project, report, True)
            self._opened(True, None)

        def failed(error: BaseException) -> None:
            tell(None)
            self.layer_stack.clear_preview()
            self.planning.panel.show_result(None)
            self.statusBar().clearMessage()
            if not self._open_failed(error, True):
                sys.excepthook(type(error), error, error.__traceback__)
            self.show_welcome()
            self._opened(False, None)

        def superseded() -> None:
            tell(None)
            if self.layer_stack.preview is preview:
                self.layer_stack.clear_preview()

        def ended(outcome):
            def run(*args) -> None:
                self.end_read_ahead_hold()
                outcome(*args)

            return run

        def start() -> None:
            if self.layer_stack.preview is not preview:
                tell(None)  # another file was opened before the read began
                return
            if self._read_ahead is not None:
                return  # started already (by the map's first image, or by the timer)
            hold_collection()  # released by every outcome (see ended) or on close
            self._collection_held = True
            self._read_ahead = self.tasks.submit(
                load,
                name="open",
                on_result=ended(loaded),
                on_error=ended(failed),
                on_cancelled=ended(superseded),
            )

        # the first map of the footprints is drawn before the read starts: both hold the
        # GIL in good part, and the map is what the planner waits for
        self._read_ahead = None
        self.canvas.renderFinished.connect(start, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(READ_AHEAD_START_MS, self, start)  # no map image (hidden, failed)

    def end_read_ahead_hold(self: MainWindow) -> None:
        """The garbage collector's hold of a read ahead ends (once): its outcome came, or
        the window closed before it did."""
        if getattr(self, "_collection_held", False):
            self._collection_held = False
            release_collection()

    def _stop_read_ahead(self: MainWindow, *, clear: bool = True) -> None:
        """Another file is opened (or another project shown): the project being read
        ahead is not shown after all; ``clear``: its footprints go at once (else with
        the next project shown, which does not take them over)."""
        task = getattr(self, "_read_ahead", None)
        if task is not None and not task.done:
            task.cancel()
        if clear:
            self.layer_stack.clear_preview()

    def set_project(self: MainWindow, project: Project, report=None) -> None:
        """Show ``project`` (read by :func:`load_path`) in the window."""
        self._stop_read_ahead(clear=False)
        self.last_report = report
        self.map_first.hold(len(project.buildings))
        self.document.replace_project(project)
        n = len(project.buildings)
        self.statusBar().showMessage(
            self.tr("{name}: {n} panden geladen").format(name=project.name, n=format_count(n)),
            10000,
        )
        if self.startup_trace is not None:
            self.startup_trace.project_shown()

    def _show_report(self: MainWindow, report) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Inleesrapport"))
        box.setText(
            self.tr("{n} panden ingelezen, {p} meldingen. Zie de details.").format(
                n=format_count(getattr(report, "buildings_loaded", 0)),
                p=format_count(len(report.problems)),
            )
        )
        box.setDetailedText(report.to_text())
        box.exec()


def _file_bytes(path: str | Path) -> int:
    """Size of ``path`` in bytes (0 when it cannot be read: the reader reports that)."""
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
