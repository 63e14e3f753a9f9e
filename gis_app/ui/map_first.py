"""The map first: panels of a large project that was just opened fill in after its first map.

Opening a project makes every panel recount 300,000 buildings (the attribute table, the
cluster statistics, Voortgang's counts, the planner's inputs). Done at once, in the
order the panels happen to listen, that work holds up the first picture of the map by
seconds. While a :class:`MapFirst` gate holds, panels that call :func:`defer_until_map`
from their ``projectReplaced`` slot are queued instead; when the canvas shows the first
image of the new project the gate opens and submits each queued fill to the window's
task runner (:mod:`gis_app.ui.tasks`), one delivery per event-loop turn, so pan and zoom
are answered between them and ``when_idle`` waits for them like any background work.

Small projects (fewer than :data:`MAP_FIRST_ROWS` buildings) are shown the old way:
every panel fills at once, there is nothing to win.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

#: Projects with at least this many buildings show their map before the panels fill in.
MAP_FIRST_ROWS = 20_000
#: The gate opens after this long even when no map image came (a render that failed).
GATE_TIMEOUT_MS = 10_000

#: document -> the gate of its window (a document's attributes belong to the document)
_GATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class MapFirst(QObject):
    """Holds panel fills back from :meth:`hold` until the canvas shows its next image."""

    released = Signal()  # the gate opened: the held fills are on the task runner

    def __init__(self, document, canvas, runner, parent: QObject | None = None):
        super().__init__(parent)
        _GATES[document] = self
        self.canvas = canvas
        self.runner = runner
        self.holding = False
        self._queue: list[Callable[[], None]] = []
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(GATE_TIMEOUT_MS)
        self._timeout.timeout.connect(self.release)
        canvas.renderFinished.connect(self._map_shown)

    def hold(self, n_buildings: int) -> None:
        """Before a project of ``n_buildings`` is handed to the document."""
        if n_buildings < MAP_FIRST_ROWS:
            return
        self.holding = True
        self._timeout.start()

    def defer(self, fill: Callable[[], None], *, first: bool = False) -> None:
        """Queue ``fill``; ``first``: ahead of the others (the plan, the longest wait)."""
        if fill in self._queue:
            return
        if first:
            self._queue.insert(0, fill)
        else:
            self._queue.append(fill)

    def _map_shown(self) -> None:
        if self.holding and self.canvas.last_render_stats.get("visible"):
            # one turn later: the canvas paints the image before the panels start
            QTimer.singleShot(0, self, self.release)

    def release(self) -> None:
        """Open the gate: the queued fills go to the task runner, in order, one at a time
        (each in its own event-loop turn, so input is handled between them)."""
        if not self.holding:
            return
        self.holding = False
        self._timeout.stop()
        queue, self._queue = self._queue, []
        self._submit_next(queue)
        self.released.emit()

    def _submit_next(self, queue: list[Callable[[], None]]) -> None:
        if not queue:
            return
        fill, rest = queue[0], queue[1:]

        def run(_none) -> None:
            # the next one is on the runner before this one runs: the runner stays busy
            self._submit_next(rest)
            fill()

        name = getattr(fill, "__qualname__", "fill")
        self.runner.submit(_nothing, name=f"fill {name}", on_result=run)


def _nothing(_progress) -> None:
    """The task of a fill: it runs on the UI thread, in the task's result callback."""


def defer_until_map(document, fill: Callable[[], None], *, first: bool = False) -> bool:
    """Queue ``fill`` when the document's window holds panels back for the map (then
    ``True``: the caller returns and ``fill`` runs later); ``False``: run it now.
    ``first`` puts it ahead of the fills queued before it."""
    gate = _GATES.get(document)
    if gate is None or not gate.holding:
        return False
    gate.defer(fill, first=first)
    return True
