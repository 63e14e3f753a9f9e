"""Autosave to a recovery file, and the offer to recover after a crash.

Every ``interval`` (QSettings ``autosave/interval_minutes``, default 2, 0 switches it
off) the project is written to this session's recovery file
(:mod:`gis_app.core.io.recovery`) when it has unsaved changes that the recovery file does
not have yet. The write runs on the task runner (:mod:`gis_app.ui.tasks`) on a
snapshot, so the planner can keep working; the file is written atomically, so a crash during the autosave leaves the
previous recovery file intact. Saving the project or discarding the changes removes the
recovery file; a clean exit removes it too. On the next start, a recovery file whose
session is gone (crash, kill, power cut) is offered.

Decisions:

* The snapshot is a shallow copy of the frames. pandas 3 copy-on-write makes that a
  real snapshot (later edits in the UI thread never reach it), at almost no cost even
  for 300,000 buildings. Settings and scenarios are deep-copied.
* One autosave at a time; a tick that finds the previous one still running waits for
  the next tick.
* An autosave that fails (full disk) is logged and shown in the status bar, not in a
  dialog every two minutes; the next tick tries again.
"""

from __future__ import annotations

import copy
import logging
import threading
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Signal

from gis_app.core.errors import GisAppError
from gis_app.core.io import recovery
from gis_app.core.project import Project
from gis_app.ui.document import ProjectDocument
from gis_app.ui.preferences import DEFAULT_INTERVAL_MINUTES, SETTINGS_KEY_INTERVAL
from gis_app.ui.tasks import task_runner

log = logging.getLogger("gis_app.autosave")


def tr(text: str) -> str:
    return QCoreApplication.translate("Autosave", text)


def snapshot(project: Project) -> Project:
    """A copy of ``project`` that later edits cannot change (see the module docstring)."""
    return replace(
        project,
        buildings=project.buildings.copy(deep=False),
        clusters=project.clusters.copy(deep=False),
        packages=None if project.packages is None else project.packages.copy(deep=False),
        settings=copy.deepcopy(project.settings),
        scenarios=copy.deepcopy(project.scenarios),
        sources=list(project.sources),
    )


class Autosave(QObject):
    """Writes the recovery file of a :class:`ProjectDocument` on a timer."""

    saved = Signal(str)  # path of the recovery file
    failed = Signal(str)  # message

    def __init__(
        self,
        document: ProjectDocument,
        *,
        settings: QSettings | None = None,
        interval_minutes: float | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.document = document
        self.settings = settings if settings is not None else QSettings()
        if interval_minutes is None:
            interval_minutes = _read_interval(self.settings)
        self._generation = 0
        self._saved_generation = 0
        self._task = None  # the running write (gis_app.ui.tasks.Task)
        self._written = threading.Event()  # set by the running write when it ends
        self._outcome: dict = {}
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.autosave_now)
        for signal in (
            document.buildingsChanged,
            document.clustersChanged,
            document.planChanged,
            document.projectReplaced,
            document.undo_stack.indexChanged,
        ):
            signal.connect(self._changed)
        document.buildingAttributesChanged.connect(self._changed)
        document.dirtyChanged.connect(self._on_dirty_changed)
        self.set_interval(interval_minutes)

    # --- configuration ------------------------------------------------------------------------
    @property
    def interval_minutes(self) -> float:
        return self._interval

    def set_interval(self, minutes: float) -> None:
        """Change the interval (0 switches autosave off) and remember it."""
        self._interval = max(0.0, float(minutes))
        self.settings.setValue(SETTINGS_KEY_INTERVAL, self._interval)
        if self._interval > 0:
            self._timer.start(int(self._interval * 60_000))
        else:
            self._timer.stop()

    # --- change tracking ----------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        self._generation += 1

    def _on_dirty_changed(self, dirty: bool) -> None:
        if dirty:
            self._generation += 1
        else:  # saved (or a fresh project): nothing to recover. A write still running
            # is not waited for: _on_finished removes its file when it lands.
            recovery.remove_recovery()
            self._saved_generation = self._generation

    @property
    def pending(self) -> bool:
        """Unsaved changes the recovery file does not have yet."""
        return self.document.is_dirty and self._generation != self._saved_generation

    @property
    def busy(self) -> bool:
        return self._task is not None

    # --- writing ------------------------------------------------------------------------------
    def autosave_now(self, *, wait: bool = False) -> bool:
        """Start writing the recovery file if needed; True when a write was started."""
        if not self.pending or self.busy:
            return False
        generation = self._generation
        data = snapshot(self.document.project)
        written = self._written = threading.Event()
        outcome = self._outcome = {}

        def work(_progress) -> None:
            try:
                recovery.write_recovery(data)
            except Exception as caught:  # reported on the GUI thread below
                outcome["error"] = caught
                raise
            finally:
                written.set()

        holder = []  # the task, for callbacks made before it exists
        self._task = task_runner().submit(
            work,
            name="autosave",
            on_result=lambda _r: self._on_finished(holder[0], generation, None),
            on_error=lambda error: self._on_finished(holder[0], generation, error),
        )
        holder.append(self._task)
        self._running_generation = generation
        if wait:
            self.wait()
        return True

    def wait(self, timeout: float | None = 60.0) -> None:
        """Block until a running autosave has finished and handle its outcome now (exit,
        tests); the runner's later delivery of the same outcome is then ignored."""
        task = self._task
        if task is None or not self._written.wait(timeout):
            return
        self._on_finished(task, self._running_generation, self._outcome.get("error"))

    def _on_finished(self, task, generation: int, error: BaseException | None) -> None:
        if task is not self._task:  # handled already by wait()
            return
        self._task = None
        if error is None:
            if self.document.is_dirty:
                self._saved_generation = generation
                path, _info = recovery.recovery_paths()
                log.info("Herstelbestand bijgewerkt")
                self.saved.emit(str(path))
            else:  # saved while the autosave ran: the recovery file is obsolete
                recovery.remove_recovery()
            return
        reason = error.user_message() if isinstance(error, GisAppError) else type(error).__name__
        log.warning(
            "Automatisch opslaan mislukt: %s",
            type(error).__name__,
            exc_info=(type(error), error, error.__traceback__),
        )
        self.failed.emit(tr("Automatisch opslaan mislukt: {reason}").format(reason=reason))

    # --- session end --------------------------------------------------------------------------
    def shutdown(self) -> None:
        """A clean exit: stop, wait for a running write, remove the recovery file."""
        self._timer.stop()
        self.wait()
        recovery.remove_recovery()


def _read_interval(settings: QSettings) -> float:
    value = settings.value(SETTINGS_KEY_INTERVAL, DEFAULT_INTERVAL_MINUTES)
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_MINUTES
    return minutes if minutes >= 0 else DEFAULT_INTERVAL_MINUTES
