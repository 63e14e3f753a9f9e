"""The window's part of the startup trace (:mod:`gis_app.startup_trace`); off by default.

When tracing is on, :func:`install` (called by the main window) writes the window's
phases: ``window_shown``, ``project_shown``, ``first_plan`` (the document received the
first plan of a project with buildings), ``charts`` (the planning views drew it; this
slot is connected after theirs, so it runs once they are done), ``idle`` (the time the
task runner last went idle, written once the window has settled) and ``ui_stall_ms``:
the longest gap of a 5 ms heartbeat timer on the UI thread from the first map with
buildings until idle, i.e. the longest time a pan or zoom would have waited while the
table, the statistics, the plan and the charts filled in. ``first_map`` is
written by the canvas, ``table`` by the attribute table, ``read_*`` by the reader.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer

from gis_app import startup_trace

if TYPE_CHECKING:
    from gis_app.ui.shell.main_window import MainWindow

HEARTBEAT_MS = 5


class _WindowTrace(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.last_idle = None
        self.longest_gap_ms = 0.0
        self.waiting = False
        self.waiting_done = False
        self.clock = QElapsedTimer()
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self.heartbeat.timeout.connect(self._beat)
        window.tasks.idle.connect(self._runner_idle)
        window.document.planChanged.connect(self._plan)
        planning = getattr(window, "planning", None)
        if planning is not None:
            planning.controller.resultChanged.connect(self._charts)

    def shown(self) -> None:
        startup_trace.mark("window_shown")

    def map_shown(self) -> None:
        """The canvas painted its first image with buildings: from now on pan and zoom
        are possible, so the heartbeat starts."""
        if not self.heartbeat.isActive() and not self.waiting_done:
            self.clock.start()
            self.heartbeat.start()

    def project_shown(self) -> None:
        if not len(self.window.document.project.buildings) or self.waiting:
            return
        startup_trace.mark("project_shown")
        self.waiting = True
        self.window.canvas.renderFinished.connect(
            self._styled, Qt.ConnectionType.SingleShotConnection
        )
        # idle counts from the first map on: before it the render may not have started
        gate = self.window.map_first
        if gate.holding:
            gate.released.connect(self._wait_for_idle, Qt.ConnectionType.SingleShotConnection)
        else:
            self.window.canvas.renderFinished.connect(
                self._wait_for_idle, Qt.ConnectionType.SingleShotConnection
            )

    def _styled(self) -> None:
        startup_trace.mark("map_styled")

    def _wait_for_idle(self) -> None:
        self.window.when_idle(self._settled)

    def _beat(self) -> None:
        self.longest_gap_ms = max(self.longest_gap_ms, float(self.clock.restart()))

    def _runner_idle(self) -> None:
        self.last_idle = time.time()

    def _plan(self) -> None:
        if self.window.document.plan_result is not None and len(
            self.window.document.project.buildings
        ):
            startup_trace.mark("first_plan")

    def _charts(self, bundle) -> None:
        if bundle is not None:
            startup_trace.mark("charts")

    def _settled(self) -> None:
        self.waiting_done = True
        if self.heartbeat.isActive():
            self.heartbeat.stop()
            self._beat()
        startup_trace.mark("idle", self.last_idle)
        startup_trace.mark("ui_stall_ms", self.longest_gap_ms)


def install(window: MainWindow) -> _WindowTrace | None:
    """Trace ``window``'s start when ``GIS_APP_TRACE_STARTUP`` is set; else nothing."""
    if not startup_trace.enabled():
        return None
    return _WindowTrace(window)
