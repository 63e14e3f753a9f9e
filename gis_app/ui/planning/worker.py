"""Run computations off the UI thread, keeping only the newest.

A slider fires dozens of changes per second while it is dragged; each asks for a new
plan. :class:`LatestOnlyRunner` runs one job at a time on its own thread; a job
submitted while another runs waits as the *pending* job, and a newer submission
replaces the pending one (it is never started). When a job finishes, its result is
applied only if no newer job was submitted meanwhile (generation counter). So the UI
never blocks, never queues stale work, and always ends on the result of the last
change.

Jobs are plain callables ``fn(progress, cancelled)``: ``progress(fraction)`` reports
0..1 for the progress bar, ``cancelled()`` turns true once the job is superseded, so
long jobs (the trade-off curve, a comparison) can stop early.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

#: Every runner alive, so interpreter exit can stop their threads first (a script or
#: test that ends without closing the window would otherwise leave a job running while
#: Python tears its objects down).
_LIVE_RUNNERS: weakref.WeakSet = weakref.WeakSet()


def shutdown_all(msecs: int = 10000) -> None:
    """Cancel every runner's work and wait for its thread (window close, exit)."""
    for runner in list(_LIVE_RUNNERS):
        with contextlib.suppress(RuntimeError):  # its Qt side is already gone
            runner.shutdown(msecs)


atexit.register(shutdown_all)

Job = Callable[[Callable[[float], None], Callable[[], bool]], Any]


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object, str)
    progress = Signal(int, float)


class _Task(QRunnable):
    def __init__(
        self, generation: int, job: Job, signals: _Signals, is_current: Callable[[int], bool]
    ):
        super().__init__()
        self.setAutoDelete(True)
        self._generation = generation
        self._job = job
        self._signals = signals
        self._is_current = is_current

    def run(self) -> None:  # worker thread
        gen = self._generation
        try:
            result = self._job(
                lambda fraction: self._emit(self._signals.progress, gen, float(fraction)),
                lambda: not self._is_current(gen),
            )
        except BaseException as error:  # reported to the UI thread, never lost
            self._emit(self._signals.failed, gen, error, traceback.format_exc())
            return
        self._emit(self._signals.finished, gen, result)

    @staticmethod
    def _emit(signal, *args) -> None:
        """Emit unless the receiving side is gone (the window was destroyed or the
        interpreter is shutting down while this job ran): then nobody waits for the
        result, and a traceback on stderr would only alarm the user."""
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            signal.emit(*args)


class LatestOnlyRunner(QObject):
    """One job at a time on a private thread; superseded jobs are dropped.

    Signals (always on the UI thread): ``resultReady(result)`` for the newest job only,
    ``failed(error)`` likewise, ``busyChanged(bool)``, ``progressChanged(float)``
    (0..1 of the newest job).
    """

    resultReady = Signal(object)
    failed = Signal(object)
    busyChanged = Signal(bool)
    progressChanged = Signal(float)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._generation = 0
        self._running: int | None = None
        self._pending: tuple[int, Job] | None = None
        self.applied_generations: list[int] = []  # for diagnostics and tests
        self.dropped = 0
        _LIVE_RUNNERS.add(self)

    # --- API -------------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        return self._generation

    def is_busy(self) -> bool:
        return self._running is not None or self._pending is not None

    def submit(self, job: Job) -> int:
        """Run ``job`` as the newest computation; returns its generation."""
        was_busy = self.is_busy()
        self._generation += 1
        if self._pending is not None:
            self.dropped += 1  # never started
        if self._running is None:
            self._pending = None
            self._start(self._generation, job)
        else:
            self._pending = (self._generation, job)
        if not was_busy:
            self.busyChanged.emit(True)
        return self._generation

    def cancel(self) -> None:
        """Drop the pending job and ignore the running one's result."""
        self._generation += 1
        self._pending = None

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the thread is idle (tests, application exit)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 10000) -> bool:
        """Cancel (the running job sees ``cancelled()``) and wait for the thread to stop.

        Called when the window closes or is destroyed and at interpreter exit, so no job
        is still running while Qt objects are deleted. Idempotent.
        """
        self.cancel()
        try:
            return self._pool.waitForDone(msecs)
        except RuntimeError:  # the pool was already deleted by Qt: nothing runs
            return True

    # --- internals -------------------------------------------------------------------------
    def _is_current(self, generation: int) -> bool:
        return generation == self._generation  # read from the worker: an int, atomic in CPython

    def _start(self, generation: int, job: Job) -> None:
        self._running = generation
        self._pool.start(_Task(generation, job, self._signals, self._is_current))

    def _next(self) -> None:
        self._running = None
        if self._pending is not None:
            generation, job = self._pending
            self._pending = None
            self._start(generation, job)
        else:
            self.busyChanged.emit(False)

    def _on_finished(self, generation: int, result: object) -> None:
        current = generation == self._generation
        if not current:
            self.dropped += 1
        self._next()
        if current:
            self.applied_generations.append(generation)
            self.resultReady.emit(result)

    def _on_failed(self, generation: int, error: object, trace: str) -> None:
        current = generation == self._generation
        self._next()
        if not current:
            self.dropped += 1
            return
        from gis_app.core.errors import GisAppError

        if not isinstance(error, GisAppError):
            log.error("computation failed:\n%s", trace)
        self.failed.emit(error)

    def _on_progress(self, generation: int, fraction: float) -> None:
        if generation == self._generation:
            self.progressChanged.emit(fraction)
