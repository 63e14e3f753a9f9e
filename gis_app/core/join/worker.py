"""One background process for CPU-bound work that would otherwise hold this one's GIL.

Why a process: the risk table's parse (pandas' C parser making a Python object per text
cell) and the footprint read (pyogrio/shapely making one per geometry) both hold the GIL,
so in two threads they take turns. Measured at 300,000 rows that made a load with a
table cost the sum of both. In a second process the table is parsed on the other core
while this process reads the footprints; only the prepared arrays come back (pickle
shares repeated strings, so that is mostly the 300,000 ids).

Decisions:

* **spawn**, on every platform: forking a process that runs Qt and thread pools is not
  safe, and Windows can only spawn anyway.
* **one long-lived worker**, started ahead (:func:`warm_up`, called when the application
  starts): starting Python and importing pandas, geopandas and shapely costs about a
  second, more than the parse it would hide, so a load uses the worker only once it is
  ready (see ``gis_app.core.join.table._table_in_worker``); until then, and in one-off CLI
  commands, the table is parsed in a thread as before.
* **the caller names the imports**: :func:`warm_up` takes the initializer that imports
  what the work needs (for a table parse, :mod:`gis_app.core.join.table`), so this module
  imports nothing of the work it runs.
* **never required**: when the worker cannot be started or dies, the work runs in this
  process as before, and the result is the same.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import multiprocessing
import os
import sys
import threading
import time
import types
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_ready: Future | None = None
_disabled = False
_initializer = None  # runs once in a new worker process (see warm_up)


@contextlib.contextmanager
def _without_main_module():
    """Start processes without re-running the caller's main script in them.

    spawn normally imports the parent's ``__main__`` in the child so that functions defined
    there can be called; the worker only runs gis_app functions, and a script without an
    ``if __name__ == "__main__"`` guard would otherwise run again (and load again) in it.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _ping() -> bool:
    return True


def _pid() -> int:
    return os.getpid()


#: How often the worker checks that the process that started it still runs (seconds).
PARENT_CHECK_SECONDS = 1.0


def _start_worker(parent_pid: int, initializer) -> None:
    """Runs first in a new worker process: follow the parent, then the caller's initializer.

    A killed application (SIGKILL, a crash) cannot shut its worker down, and the worker
    holds both ends of its own pipe, so it would never notice: a thread ends it once the
    parent is gone (about 230 MB would otherwise stay resident).
    """

    def follow_parent() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            orphaned = os.name == "posix" and os.getppid() != parent_pid  # re-parented
            if orphaned or not _alive(parent_pid):
                os._exit(0)

    threading.Thread(target=follow_parent, name="gis_app-follow-parent", daemon=True).start()
    if initializer is not None:
        initializer()


def _alive(pid: int) -> bool:
    try:
        import psutil

        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except Exception:  # noqa: BLE001 - gone, or not ours to see: either way not our parent
        return False


def warm_up(initializer=None) -> Future | None:
    """Start the worker if it is not running; the returned future is done when it is ready.

    ``initializer`` (it must pickle: a module-level function, or
    ``functools.partial(importlib.import_module, "module")``) runs once in each new worker
    process before any work, e.g. to import what the work needs; the last one given is
    kept for the workers started later. Returns ``None`` when no worker can be used
    (then callers do the work themselves).
    """
    global _pool, _ready, _disabled, _initializer
    with _lock:
        if initializer is not None:
            _initializer = initializer
        if _disabled:
            return None
        if _pool is None:
            try:
                _pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=functools.partial(_start_worker, os.getpid(), _initializer),
                )
                with _without_main_module():
                    _ready = _pool.submit(_ping)  # starts the process now
            except Exception as error:  # noqa: BLE001 - the work can run here instead
                _log.info("no worker process (%s); working in this process", error)
                _disabled = True
                _pool = _ready = None
                return None
        return _ready


def is_ready() -> bool:
    """Whether the worker is running and has finished starting."""
    ready = _ready
    return ready is not None and ready.done() and ready.exception() is None


def submit(function, *args, **kwargs) -> Future | None:
    """Run ``function(*args, **kwargs)`` in the worker; ``None`` when there is none.

    The function and its arguments and result must pickle. A worker that has died is
    replaced on the next :func:`warm_up`.
    """
    if warm_up() is None:
        return None
    with _lock:
        pool = _pool
    if pool is None:  # forgotten meanwhile by another thread
        return None
    try:
        return pool.submit(function, *args, **kwargs)
    except (BrokenProcessPool, RuntimeError) as error:
        _log.info("worker process unusable (%s); starting a new one next time", error)
        _forget(pool)
        return None


def discard_if_broken(error: BaseException) -> None:
    """Forget the worker after a :class:`BrokenProcessPool` so the next use starts anew."""
    if isinstance(error, BrokenProcessPool):
        _forget(_pool)


def _forget(pool: ProcessPoolExecutor | None) -> None:
    global _pool, _ready
    with _lock:
        if _pool is pool:
            _pool = _ready = None


def worker_peak_memory_mb() -> float | None:
    """The worker's own peak resident memory in MB (Linux), for the memory benchmark."""
    future = submit(_peak_memory_mb)
    return None if future is None else future.result()


def _peak_memory_mb() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def shutdown() -> None:
    """Stop the worker (at exit; a later use starts a new one)."""
    global _pool, _ready
    with _lock:
        pool, _pool, _ready = _pool, None, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


atexit.register(shutdown)
