"""One task runner for all background work of the window.

Everything that would block the UI thread for more than a frame runs here: opening a
file, saving, exporting, suggesting clusters, planning, the map image. The UI thread
only submits work and receives its outcome through callbacks, which the runner calls on
the UI thread; nothing waits in a nested event loop or polls.

A task is a callable ``fn(progress)``. ``progress(fraction, text="")``
(:class:`gis_app.core.progress.Progress`) reports to the submitter's ``on_progress`` and
raises :class:`~gis_app.core.progress.Cancelled` once the task was cancelled, so core
functions that take a progress callback stop at their next step by themselves.

Kinds of work:

* **Latest request wins** (the map image, the plan, the trade-off curve): tasks
  submitted with the same ``latest`` key run one at a time; a newer request replaces the
  queued one (never started) and cancels the running one (its token is set; its
  result, if it still comes, is dropped). Only the newest request's outcome reaches its
  callbacks.
* **Progress and cancel** (open, save, export, cluster suggestion): ``on_progress``
  receives ``(fraction, text)``; :meth:`Task.cancel` stops the task at its next
  progress call and ``on_cancelled`` is called instead of ``on_result``. A task that
  returns normally after a cancel has done its work (a save already committed, an export
  already moved in place), so its result is delivered; work that must be dropped after a
  late cancel calls ``progress`` once more before returning.

Errors: a task's exception goes to ``on_error`` when the submitter gave one (a
``GisAppError`` the user can act on); otherwise to the exception hook
(:mod:`gis_app.ui.excepthook`, ``sys.excepthook``), which logs it and shows a dialog.
An error is never swallowed.

Waiting: the runner counts its active tasks (queued, running, or with their outcome not
yet delivered) and emits ``busyChanged(bool)`` and ``idle`` when the last one is done,
after its callbacks ran (a callback that submits follow-up work keeps it busy). Tests
and screenshots wait for that signal (``qtbot.waitUntil(lambda: not runner.busy)``,
``MainWindow.when_idle``), never by spinning an event loop.

:func:`task_runner` returns the application's runner (one per process, parented to
the ``QApplication``). At interpreter exit :func:`shutdown_all` cancels every task and
waits for the threads, so a script that never closes its window exits cleanly.

Garbage collection: Python's cyclic collector runs in whichever thread happens to allocate
when its threshold is reached, and a Qt object it frees is destroyed in that thread. A
widget or other UI object caught in a reference cycle (a lambda connected to its own
signal is enough) destroyed on a worker, while the UI thread uses Qt, crashed the test
suite now and then (a segfault in the UI thread's event processing while a map render ran;
once a hang). So once the runner exists, :class:`UiThreadCollector` turns the automatic
collector off and collects on a timer in the UI thread, generation by generation with the
same thresholds (the remedy pyqtgraph documents for the same crash); what survives a full
collection is frozen until a project is replaced, so the project's geometries are not
walked again and again.

Thread switches: the runner also sets Python's switch interval to
:data:`UI_SWITCH_INTERVAL_S` (1 ms instead of 5). The UI thread's every timer, paint and
input event needs the GIL; while a worker runs Python, the UI thread waits until the
worker is made to let go, which the interval bounds. It matters only while two threads
want the GIL: a worker alone is never interrupted for nothing.

The UI thread first: each delivery holds background work (``core.progress.give_way``
makes a worker wait at its next step) until the repaint it caused is done, and the
pool's threads run at a lower priority (``core.progress.lower_priority``). UI work that
with its repaint would not fit a frame is split with :meth:`TaskRunner.after_paint`: the
next part runs after the window painted the one before, so a pan or zoom is answered
between them.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import queue
import sys
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.progress import (
    Cancelled,
    CancelToken,
    Progress,
    hold_background,
    lower_priority,
    release_background,
)

#: Threads of the pool: enough that a long plan or export never keeps the map waiting
#: (each latest-wins key runs one task at a time, so this bounds distinct kinds of work).
MAX_THREADS = 8

_LIVE: weakref.WeakSet = weakref.WeakSet()


def shutdown_all(msecs: int = 10000) -> None:
    """Cancel every runner's tasks and wait for their threads (exit)."""
    for runner in list(_LIVE):
        with contextlib.suppress(RuntimeError):  # its Qt side is already gone
            runner.shutdown(msecs)


atexit.register(shutdown_all)


class Task:
    """One submitted piece of work; ``cancel()`` stops it at its next progress call."""

    def __init__(self, runner: TaskRunner, fn, name: str, latest: Hashable | None, callbacks):
        self.runner = runner
        self.fn = fn
        self.name = name
        self.latest = latest
        self.token = CancelToken()
        self.callbacks = callbacks
        self.state = "queued"  # queued -> running -> delivered (or dropped)
        self.superseded = False  # a newer request under the same key replaced it
        self.progress_dialog = None  # its TaskProgressDialog (submit_with_progress)

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    @property
    def done(self) -> bool:
        return self.state in ("delivered", "dropped")

    def cancel(self) -> None:
        """Stop the task: a queued one never starts, a running one raises ``Cancelled`` at
        its next progress call; then ``on_cancelled`` is called instead of ``on_result``
        (a task that returned without another progress call delivers its result)."""
        self.runner._cancel(self)


class _Bridge(QObject):
    """Carries outcomes from the pool's threads to the runner on the UI thread."""

    finished = Signal(object, object, object)  # task, result, error (or None)
    progressed = Signal(object, float, str)


class _Pool:
    """Python threads taking jobs from a queue, made on demand up to ``max_threads``.

    Not ``QThreadPool``: PySide gives a Qt thread a new Python thread state for each call
    into Python and drops it afterwards, and libraries that keep per-thread C state
    behind ``threading.local`` then find it freed on the next job in the same thread
    (pyproj's PROJ context: a save crashed in ``CRS.to_epsg`` on the third run).
    Python threads keep their state for life. They are daemon threads: at exit
    :func:`shutdown_all` cancels the tasks and waits a bounded time for them.
    """

    def __init__(self, max_threads: int):
        self._max = max(1, max_threads)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._pending = 0  # queued or running
        self._changed = threading.Condition()

    def start(self, job: Callable[[], None]) -> None:
        with self._changed:
            self._pending += 1
            if self._pending > len(self._threads) and len(self._threads) < self._max:
                thread = threading.Thread(
                    target=self._work, name=f"gis_app-task-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        self._jobs.put(job)

    def _work(self) -> None:
        lower_priority()  # the UI thread gets a core first (core.progress)
        while True:
            job = self._jobs.get()
            try:
                job()
            finally:
                with self._changed:
                    self._pending -= 1
                    self._changed.notify_all()

    def wait(self, msecs: int) -> bool:
        """Block until no job is queued or running; ``False`` after ``msecs``."""
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout=msecs / 1000)


class _Runnable:
    def __init__(self, task: Task, bridge: _Bridge):
        self._task = task
        self._bridge = bridge

    def run(self) -> None:  # pool thread
        task = self._task
        progress = Progress(self._report, task.token)
        result, error = None, None
        try:
            task.token.check()
            result = task.fn(progress)
        except BaseException as caught:  # handed to the UI thread, never lost
            error = caught
        _emit(self._bridge.finished, task, result, error)

    def _report(self, fraction: float, text: str) -> None:
        _emit(self._bridge.progressed, self._task, fraction, text)


def _emit(signal, *args) -> None:
    """Emit unless the runner is gone (interpreter exit while a task ran): then nobody
    waits for the outcome, and a traceback on stderr would only alarm the user."""
    with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
        signal.emit(*args)


class TaskRunner(QObject):
    """Runs tasks on a pool of threads; outcomes arrive on the UI thread (module docstring)."""

    busyChanged = Signal(bool)
    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, max_threads: int = MAX_THREADS):
        super().__init__(parent)
        self._pool = _Pool(max_threads)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.progressed.connect(self._on_progress)
        self._active: list[Task] = []
        self._running: dict[Hashable, Task] = {}  # latest key -> its running task
        self._queued: dict[Hashable, Task] = {}  # latest key -> the task waiting for it
        self.dropped = 0  # superseded tasks whose result was not delivered (diagnostics)
        # background work waits (core.progress.give_way) while an outcome is shown and
        # painted; a zero-interval timer fires once the events the delivery posted, the
        # repaint among them, have been handled
        self._painted = QTimer(self)
        self._painted.setSingleShot(True)
        self._painted.setInterval(0)
        self._painted.timeout.connect(release_background)
        _LIVE.add(self)

    # --- API -------------------------------------------------------------------------------
    def submit(
        self,
        fn: Callable[[Progress], Any],
        *,
        name: str = "",
        latest: Hashable | None = None,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task:
        """Run ``fn(progress)`` off the UI thread; callbacks run on the UI thread.

        ``latest``: a key (e.g. ``object()`` kept by the submitter) under which a newer
        request supersedes this one. ``on_error`` receives the exception; without it the
        exception goes to ``sys.excepthook``. Cancelled tasks call ``on_cancelled``
        (superseded ones call nothing).
        """
        callbacks = (on_result, on_error, on_progress, on_cancelled)
        task = Task(self, fn, name or getattr(fn, "__name__", "task"), latest, callbacks)
        was_busy = self.busy
        self._active.append(task)
        if latest is None:
            self._start(task)
        else:
            queued = self._queued.pop(latest, None)
            if queued is not None:  # never started
                self._supersede(queued)
                self._finish(queued, "dropped")
            running = self._running.get(latest)
            if running is None:
                self._start(task)
            else:
                self._supersede(running)
                self._queued[latest] = task
        if not was_busy:
            self.busyChanged.emit(True)
        return task

    def after_paint(
        self,
        fn: Callable[[], None],
        *,
        name: str = "",
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task:
        """Call ``fn()`` on the UI thread once the events posted so far have been handled,
        the repaint of what the calling code changed among them (Qt posts repaints at low
        priority, after every other posted event, and fires timers after those; a 1 ms
        timer, so the timers already due and the input that arrived come first). UI work
        split this way costs one frame per part instead of all parts and their repaints
        in one, while a pan or zoom waits. The runner counts it as a task
        until it ran: busy meanwhile, ``idle`` after it; ``cancel()`` drops it, and then
        ``on_cancelled()`` is called instead of ``fn()``."""
        task = Task(self, None, name or getattr(fn, "__name__", "after paint"), None, ())
        task.state = "running"
        was_busy = self.busy
        self._active.append(task)
        timer = QTimer(self)
        timer.setSingleShot(True)
        # not 0: the timers already due (a pan's, the map's) and the input that arrived
        # are handled before the next part, not after it
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(AFTER_PAINT_DELAY_MS)

        def run() -> None:
            timer.deleteLater()
            if task.done:  # the runner was shut down meanwhile
                if on_cancelled is not None:
                    on_cancelled()
                return
            self._hold_until_painted()
            self._finish(task, "delivered")
            try:
                if not task.cancelled:
                    fn()
                elif on_cancelled is not None:
                    on_cancelled()
            finally:
                self._check_idle()

        timer.timeout.connect(run)
        timer.start()
        if not was_busy:
            self.busyChanged.emit(True)
        return task

    @property
    def busy(self) -> bool:
        """Tasks are queued, running, or their outcome is not delivered yet."""
        return bool(self._active)

    def active_tasks(self) -> list[Task]:
        return list(self._active)

    def is_busy(self, latest: Hashable) -> bool:
        """A task under the ``latest`` key is queued or running."""
        return latest in self._running or latest in self._queued

    def cancel_all(self) -> None:
        for task in list(self._active):
            task.cancel()

    def wait_for_threads(self, msecs: int = 30000) -> bool:
        """Block until no task runs on a thread (exit, benchmarks). Outcomes are delivered
        when the event loop next runs; use ``idle`` to wait for them."""
        return self._pool.wait(msecs)

    def shutdown(self, msecs: int = 10000) -> bool:
        """Cancel everything and wait for the threads (window close, exit). Idempotent."""
        had_tasks = bool(self._active)
        for task in list(self._queued.values()):
            self._queued.pop(task.latest, None)
            task.token.cancel()
            self._finish(task, "dropped")
        for task in list(self._active):
            task.token.cancel()
        done = self.wait_for_threads(msecs)
        if had_tasks and not self._active:  # only dropped queued tasks: nothing else says so
            self._check_idle()
        return done

    # --- internals -------------------------------------------------------------------------
    def _start(self, task: Task) -> None:
        task.state = "running"
        if task.latest is not None:
            self._running[task.latest] = task
        self._pool.start(_Runnable(task, self._bridge).run)

    @staticmethod
    def _supersede(task: Task) -> None:
        task.superseded = True
        task.token.cancel()

    def _cancel(self, task: Task) -> None:
        task.token.cancel()
        if task.state == "queued" and self._queued.get(task.latest) is task:
            del self._queued[task.latest]
            self._finish(task, "dropped")
            on_cancelled = task.callbacks[3]
            if on_cancelled is not None:
                on_cancelled()
            self._check_idle()

    def _on_progress(self, task: Task, fraction: float, text: str) -> None:
        on_progress = task.callbacks[2]
        if on_progress is not None and not task.cancelled and not task.done:
            on_progress(fraction, text)

    def _hold_until_painted(self) -> None:
        """Background work waits while the UI thread shows an outcome: released by the
        zero-interval timer once the events this one posts, the repaint among them, are
        handled (``core.progress.give_way``)."""
        hold_background()
        self._painted.start()

    def _on_finished(self, task: Task, result: object, error: BaseException | None) -> None:
        self._hold_until_painted()
        if task.latest is not None and self._running.get(task.latest) is task:
            del self._running[task.latest]
            queued = self._queued.pop(task.latest, None)
            if queued is not None:
                self._start(queued)
        superseded = task.superseded
        self._finish(task, "dropped" if superseded else "delivered")
        try:
            if superseded:
                self.dropped += 1
            else:
                self._deliver(task, result, error)
        finally:
            self._check_idle()

    def _deliver(self, task: Task, result: object, error: BaseException | None) -> None:
        on_result, on_error, _on_progress, on_cancelled = task.callbacks
        if error is not None and isinstance(error, Cancelled) and task.cancelled:
            if on_cancelled is not None:
                on_cancelled()
            return
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                sys.excepthook(type(error), error, error.__traceback__)
            return
        if on_result is not None:
            on_result(result)

    def _finish(self, task: Task, state: str) -> None:
        task.state = state
        task.fn = None  # its closure may hold a snapshot of the whole project
        with contextlib.suppress(ValueError):
            self._active.remove(task)

    def _check_idle(self) -> None:
        if not self._active:
            self.busyChanged.emit(False)
            self.idle.emit()


#: How long after the current event :meth:`TaskRunner.after_paint` runs the next part.
AFTER_PAINT_DELAY_MS = 1

#: Python's thread switch interval while the window runs (see the module docstring).
UI_SWITCH_INTERVAL_S = 0.001


def task_runner() -> TaskRunner:
    """The application's task runner (made on first use, parented to the application),
    with the UI-thread garbage collector installed before any work reaches a thread."""
    app = QCoreApplication.instance()
    runner = getattr(app, "_gis_app_task_runner", None) if app is not None else None
    if runner is None:
        runner = TaskRunner(app)
        if app is not None:
            app._gis_app_task_runner = runner
            app._gis_app_collector = UiThreadCollector(app)
            sys.setswitchinterval(min(sys.getswitchinterval(), UI_SWITCH_INTERVAL_S))
    return runner


class UiThreadCollector(QObject):
    """Cyclic garbage collection only in the UI thread (module docstring: why).

    Disables the automatic collector and, every ``interval_ms``, collects the generations
    whose counts passed the thresholds the automatic collector would have used, an older
    one only when the younger ones passed theirs as well. Objects without cycles are still
    freed at once by reference counting, in any thread. Something that turned the
    automatic collector back on (a reader re-enabling it after a pause) is undone at the
    next tick.

    Full collections: every shapely geometry is tracked by the collector, so one walk of
    all objects costs about 0.2 s with a 300,000-building project open and seconds at
    3,000,000, a frozen window each time. What survives a full collection is long-lived
    (the libraries, the open project), so it is then frozen (``gc.freeze``) and later
    full collections walk only what was made since. :meth:`forget_long_lived` (a project
    replaced, a window closed) unfreezes it, so the next full collection finds what of it
    has become garbage; so does every ``WALK_ALL_EVERY``-th full collection, so a plan or
    table replaced during a long day that sat in a reference cycle is found too. Full
    collections are also spaced, like the automatic collector's: at least
    ``FULL_MIN_SECONDS`` apart and at most ``FULL_MAX_SHARE`` of the time.
    """

    FULL_MIN_SECONDS = 60.0
    FULL_MAX_SHARE = 0.02
    WALK_ALL_EVERY = 10

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000):
        super().__init__(parent)
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("the garbage collector timer belongs to the UI thread")
        self.thresholds = gc.get_threshold()
        self.collections = 0  # collections made by the timer (diagnostics, tests)
        self._last_full = time.monotonic()
        self._full_seconds = 0.0  # how long the last full collection took
        self._fulls_since_walk = 0  # full collections since one walked every object
        self._holds = 0  # reads in the background (hold / release)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def hold(self) -> None:
        """No collections until :meth:`release`: a project is being read in the background
        (hundreds of thousands of new objects a second, none of them garbage; a young
        collection would walk them all on the UI thread, about 30 ms at a time)."""
        self._holds += 1

    def release(self) -> None:
        """The read of :meth:`hold` is over: what it made is frozen, out of every later
        collection's walk, as ``gis-app open`` does with a project it read before the window
        (:meth:`forget_long_lived` lets the next full collection look at it again)."""
        self._holds = max(self._holds - 1, 0)
        if not self._holds:
            gc.freeze()

    def collect_due(self) -> int:
        """Collect the generations that are due; returns the objects found unreachable."""
        if gc.isenabled():
            gc.disable()
        if self._holds:
            return 0
        counts = gc.get_count()
        found = 0
        for generation in range(3):
            if counts[generation] <= self.thresholds[generation]:
                break
            if generation == 2:
                since = time.monotonic() - self._last_full
                if since < max(self.FULL_MIN_SECONDS, self._full_seconds / self.FULL_MAX_SHARE):
                    break
                found += self.collect_full()
            else:
                found += gc.collect(generation)
            self.collections += 1
        return found

    def collect_full(self) -> int:
        """A full collection, after which what survived is frozen (class docstring)."""
        self._fulls_since_walk += 1
        if self._fulls_since_walk >= self.WALK_ALL_EVERY or gc.get_freeze_count() == 0:
            gc.unfreeze()
            self._fulls_since_walk = 0
        start = time.monotonic()
        found = gc.collect(2)
        gc.freeze()
        self._last_full = time.monotonic()
        self._full_seconds = self._last_full - start
        return found

    def forget_long_lived(self) -> None:
        """Long-lived objects may have died (a project replaced, a window closed): the next
        full collection, when due and spaced as always, looks at them again."""
        gc.unfreeze()


def hold_collection() -> None:
    """:meth:`UiThreadCollector.hold` of the application's collector, if any."""
    collector = _collector()
    if collector is not None:
        collector.hold()


def release_collection() -> None:
    """:meth:`UiThreadCollector.release` of the application's collector, if any."""
    collector = _collector()
    if collector is not None:
        collector.release()


def _collector() -> UiThreadCollector | None:
    app = QCoreApplication.instance()
    return getattr(app, "_gis_app_collector", None) if app is not None else None


def forget_long_lived() -> None:
    """:meth:`UiThreadCollector.forget_long_lived` of the application's collector, if any."""
    app = QCoreApplication.instance()
    collector = getattr(app, "_gis_app_collector", None) if app is not None else None
    if collector is not None:
        collector.forget_long_lived()


class LatestOnly(QObject):
    """A latest-request-wins lane on the task runner for one kind of computation.

    Jobs are ``fn(progress)``. Signals (UI thread): ``resultReady(result)`` and
    ``failed(error)`` for the newest job only, ``busyChanged(bool)``,
    ``progressChanged(float)`` (0..1 of the newest job).
    """

    resultReady = Signal(object)
    failed = Signal(object)
    busyChanged = Signal(bool)
    progressChanged = Signal(float)

    def __init__(self, parent: QObject | None = None, runner: TaskRunner | None = None):
        super().__init__(parent)
        self.runner = runner if runner is not None else task_runner()
        self._key = object()
        self._task: Task | None = None
        self.generation = 0
        self.applied_generations: list[int] = []  # for diagnostics and tests
        self._answered = 0  # jobs whose outcome reached this lane (applied, failed, cancelled)
        self._turns = 0  # parts of showing an outcome still to come (after_paint)

    def submit(self, fn: Callable[[Progress], Any], name: str = "") -> Task:
        """Run ``fn`` as the newest computation of this lane."""
        was_busy = self._computing()
        self.generation += 1
        generation = self.generation
        self._task = self.runner.submit(
            fn,
            name=name,
            latest=self._key,
            on_result=lambda result: self._done(generation, result),
            on_error=lambda error: self._done(generation, error, failed=True),
            on_progress=lambda fraction, _text: self._progress(generation, fraction),
            on_cancelled=lambda: self._done(generation, None, cancelled=True),
        )
        if not was_busy:
            self.busyChanged.emit(True)
        return self._task

    def is_busy(self) -> bool:
        """A job of this lane is queued or running, or a part of showing its outcome is
        still to come (:meth:`after_paint`)."""
        return self.runner.is_busy(self._key) or self._turns > 0

    def _computing(self) -> bool:
        """A job of this lane is queued or running (what ``busyChanged`` says)."""
        return self.runner.is_busy(self._key)

    def after_paint(self, fn: Callable[[], None], *, name: str = "") -> Task:
        """``TaskRunner.after_paint`` for a part of showing this lane's outcome: the lane
        counts as busy until it ran (or was dropped), so whoever waits for the lane waits
        for the whole outcome, and for the work that its showing starts."""
        self._turns += 1

        def turn() -> None:
            self._turns -= 1
            fn()

        def dropped() -> None:
            self._turns -= 1

        return self.runner.after_paint(turn, name=name, on_cancelled=dropped)

    @property
    def dropped(self) -> int:
        """Jobs superseded by a newer one before their outcome arrived (diagnostics)."""
        return self.generation - self._answered - (1 if self._computing() else 0)

    def cancel(self) -> None:
        """Drop the queued job and stop the running one (its result is not applied)."""
        if self._task is not None and not self._task.done:
            self._task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until no task of the runner runs on a thread (tests, exit)."""
        return self.runner.wait_for_threads(msecs)

    def _done(self, generation: int, value, *, failed: bool = False, cancelled: bool = False):
        if generation != self.generation:
            return
        if not failed and self._task is not None and self._task.cancelled:
            cancelled = True  # cancel() means: do not apply, even if the job got to its end
        self._answered += 1
        with contextlib.suppress(RuntimeError):  # the lane's owner is being deleted
            if not self._computing():
                self.busyChanged.emit(False)
            if cancelled:
                return
            if failed:
                from gis_app.core.errors import GisAppError

                self.failed.emit(value)  # the view says the result is out of date, and why
                if not isinstance(value, GisAppError):  # a bug: the hook logs and shows it
                    sys.excepthook(type(value), value, value.__traceback__)
                return
            self.applied_generations.append(generation)
            self.resultReady.emit(value)

    def _progress(self, generation: int, fraction: float) -> None:
        if generation == self.generation:
            with contextlib.suppress(RuntimeError):  # the lane's owner is being deleted
                self.progressChanged.emit(fraction)


class TaskProgressDialog(QDialog):
    """A window-modal progress bar with a Cancel button for one task.

    Unlike ``QProgressDialog``, whose ``setValue`` processes events itself when modal,
    updating it never re-enters the event loop. It appears after ``delay_ms`` (quick work
    shows nothing) and closes itself with :meth:`finish`. Cancel emits ``canceled`` and
    cancels the attached task; the dialog then says it is stopping until the task ends.
    """

    canceled = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        cancellable: bool = True,
        delay_ms: int = 500,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first fraction arrives
        self.cancel_button = QPushButton(self.tr("Annuleren"), self)
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self._finished = False
        self._task: Task | None = None
        if delay_ms <= 0:
            self.open()
        else:
            QTimer.singleShot(delay_ms, self, self._show_if_running)

    def attach(self, task: Task) -> None:
        self._task = task

    def set_progress(self, fraction: float, text: str = "") -> None:
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1000)
        self.bar.setValue(round(min(max(fraction, 0.0), 1.0) * 1000))
        if text:
            self.label.setText(text)

    def cancel(self) -> None:
        if self._finished:
            return
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Bezig met afbreken..."))
        if self._task is not None:
            self._task.cancel()
        self.canceled.emit()

    def finish(self) -> None:
        """The task ended: close and go."""
        self._finished = True
        self.done(int(QDialog.DialogCode.Rejected))  # hides, without going through reject()
        self.deleteLater()

    def reject(self) -> None:  # Esc or the window's close button: cancel, never hide
        self.cancel()

    def _show_if_running(self) -> None:
        if not self._finished:
            self.open()


def submit_with_progress(
    parent: QWidget | None,
    work: Callable[[Progress], Any],
    *,
    name: str,
    title: str,
    text: str,
    on_result: Callable[[Any], None],
    error_title: str,
    on_end: Callable[[], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    runner: TaskRunner | None = None,
    delay_ms: int = 500,
) -> Task:
    """Run ``work`` on the task runner behind a :class:`TaskProgressDialog`.

    The one shape of a background action started from a menu: the dialog shows the
    progress and cancels; on success it closes and ``on_result(value)`` follows; a failure
    closes it and shows ``error_title`` with the message (never a traceback); a cancel
    closes it and calls ``on_cancelled``. ``on_end()`` follows a failure or a cancel (the
    caller's "nothing came of it": a callback, a signal).
    """
    dialog = TaskProgressDialog(parent, title, text, delay_ms=delay_ms)

    def succeeded(value) -> None:
        dialog.finish()
        on_result(value)

    def failed(error: BaseException) -> None:
        from gis_app.ui.dialogs import show_error

        dialog.finish()
        show_error(parent, error, title=error_title)
        if on_end is not None:
            on_end()

    def cancelled() -> None:
        dialog.finish()
        if on_cancelled is not None:
            on_cancelled()
        if on_end is not None:
            on_end()

    task = (runner or task_runner()).submit(
        work,
        name=name,
        on_result=succeeded,
        on_error=failed,
        on_progress=lambda fraction, _text: dialog.set_progress(fraction),
        on_cancelled=cancelled,
    )
    dialog.attach(task)
    task.progress_dialog = dialog  # tests and screenshots
    return task
