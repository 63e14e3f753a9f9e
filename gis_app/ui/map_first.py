"""The map first: panels of a large project that was just opened fill in after its first map.

Opening a project makes every panel recount 300,000 buildings (the attribute table, the
cluster statistics, Voortgang's counts, the planner's inputs). Done at once, in the
order the panels happen to listen, that work holds up the first picture of the map by
seconds. While a :class:`MapFirst` gate holds, panels that call :func:`defer_until_map`
from their ``projectReplaced`` slot are queued instead; when the canvas shows the first
image of the new project the gate opens and submits each queued fill to the window's
task runner (:mod:`gis_app.ui.tasks`), one per event-loop turn and each after the repaint
of the one before (``TaskRunner.after_paint``), so pan and zoom are answered between
them and ``when_idle`` waits for them like any background work.

A fill whose counting is Qt-free may pass it as ``background``: called on the UI thread
when the fill's turn comes, it takes its snapshots (copy-on-write, about a millisecond)
and returns the work for the runner's thread; the fill then gets the work's result on
the UI thread and only shows it. The UI thread stays free to draw while 300,000
buildings are counted.

One fill's background work at a time: Python threads share one GIL, and each worker
that computes beside the UI thread makes it wait longer for the GIL at every Qt call.
The counts that take a fraction of a second come first; the plan, which prepares its
planner for seconds on its own runner lane, is queued ``last`` so it starts when they
are done and computes alone.

Small projects (fewer than :data:`MAP_FIRST_ROWS` buildings) are shown the old way:
every panel fills at once, there is nothing to win.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
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
        #: (fill, background): see :func:`defer_until_map`
        self._queue: list[tuple[Callable, Callable | None]] = []
        self._last: list[tuple[Callable, Callable | None]] = []  # after the others
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

    def defer(
        self,
        fill: Callable,
        *,
        first: bool = False,
        last: bool = False,
        background: Callable[[], Callable[[Any], Any]] | None = None,
    ) -> None:
        """Queue ``fill``; ``first``: ahead of the others; ``last``: after every other
        fill, also those queued later; ``background``: see :func:`defer_until_map`."""
        if any(queued == fill for queued, _ in self._queue + self._last):
            return
        if last:
            self._last.append((fill, background))
        elif first:
            self._queue.insert(0, (fill, background))
        else:
            self._queue.append((fill, background))

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
        queue, self._queue, self._last = self._queue + self._last, [], []
        self._submit_next(queue)
        self.released.emit()

    def _submit_next(self, queue: list[tuple[Callable, Callable | None]]) -> None:
        # a window closed while its fills were queued: the fills of its deleted panels
        # (and every fill of a deleted gate) are dropped, not run against dead widgets
        if not shiboken6.isValid(self):
            return
        queue = [(fill, background) for fill, background in queue if _alive(fill)]
        if not queue:
            return
        (fill, background), rest = queue[0], queue[1:]
        name = getattr(fill, "__qualname__", "fill")
        if background is None:

            def run() -> None:
                # the next one is on the runner before this one runs: the runner stays
                # busy, and the next one comes after the repaint of this one's panel
                self._submit_next(rest)
                if _alive(fill):
                    fill()

            self.runner.after_paint(run, name=f"fill {name}")
            return

        def show(result) -> None:
            self._submit_next(rest)
            if _alive(fill):
                fill(result)

        def failed(error: BaseException) -> None:
            # the counting failed: the next fills still come, and the error is shown
            self._submit_next(rest)
            sys.excepthook(type(error), error, error.__traceback__)

        work = background()
        self.runner.submit(work, name=f"fill {name}", on_result=show, on_error=failed)


def _alive(fill: Callable) -> bool:
    """False for a method of a Qt object that has been deleted (its window closed)."""
    owner = getattr(fill, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def defer_until_map(
    document,
    fill: Callable,
    *,
    first: bool = False,
    last: bool = False,
    background: Callable[[], Callable[[Any], Any]] | None = None,
) -> bool:
    """Queue ``fill`` when the document's window holds panels back for the map (then
    ``True``: the caller returns and ``fill`` runs later); ``False``: run it now.
    ``first`` puts it ahead of the fills queued before it, ``last`` after all others.

    With ``background``, ``background()`` is called on the UI thread when the fill's turn
    comes and returns a Qt-free task ``work(progress)``; the runner runs it on its thread
    and ``fill(result)`` shows the result on the UI thread. ``background`` takes what the
    work reads (snapshots of the frames) before it returns: the work must not read state
    the UI thread may change meanwhile."""
    gate = _GATES.get(document)
    if gate is None or not gate.holding:
        return False
    gate.defer(fill, first=first, last=last, background=background)
    return True
