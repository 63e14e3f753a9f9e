"""Write the per-package files of an export in worker processes, one package per job.

An export of hundreds of packages writes thousands of small files, and most of the time
goes to work that holds the GIL: drawing the PDF sheets (Qt), building the XLSX
(openpyxl), the GeoPackage of a field pack. In threads those take turns; in processes
they run on every core. :func:`write_packages` hands each package's prepared data
(already sliced, so a job pickles a few kB) to a pool and yields what was written in the
order the packages were given.

Decisions:

* **spawn**, as :mod:`gis_app.core.join.worker`: forking a process that runs Qt and thread
  pools is not safe. Workers follow the process that started them
  (:func:`gis_app.core.join.worker._start_worker`), so a killed application leaves none
  behind; the caller's ``__main__`` is not re-run in them.
* **as many workers as idle cores**, capped by the cores and the number of packages;
  below :data:`POOL_MIN_PACKAGES` packages, on one core, with fewer than two idle cores
  (:func:`idle_cores`, from the load average), or when the PDF writer cannot be pickled (a
  test's closure), the jobs run in this process: starting a worker costs about a second,
  more than a handful of packages, and on a machine that other work keeps busy the
  workers only take turns with it and with this process (measured on a shared 2-core
  machine at a load average of 3: 150 packages in 19 s in this process, 29 s with one
  worker, 36 s with two).
* **a pool per export**, shut down at its end, also when it was cancelled or failed: the
  jobs already running finish (a package takes well under a second), the others are
  dropped, and the workers have exited before the caller removes the staging folder.
  Nothing a worker writes can appear after that.
* **no fsync in the jobs**: a worker writes under :func:`~gis_app.core.io.atomic.deferred_sync`
  like the exporter itself, which makes the whole staging folder durable once.
* The result does not depend on where a job ran: the same function writes the same
  files from the same data (a test compares a pooled export with a serial one).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

#: Fewer packages than this are written in this process (a worker's start costs more).
POOL_MIN_PACKAGES = 24
#: Fewer idle cores than this: the jobs run in this process (one worker beside it gains
#: only the overlap with this process's share, less than the worker's start costs).
POOL_MIN_IDLE_CORES = 2.0
#: Jobs handed to the pool ahead of the ones finished, per worker: enough to keep the
#: workers busy while this process prepares the next ones, few enough to stop soon.
AHEAD_PER_WORKER = 3
#: How often the caller's ``tick`` is called while waiting (seconds): cancelling is
#: noticed within this time.
TICK_SECONDS = 0.1


def idle_cores() -> float:
    """Cores not busy with other work: the cores less the 1-minute load average, not
    counting this process (it is about to wait for the workers)."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):  # no load average (Windows): assume an idle machine
        return float(cores)
    return max(0.0, min(float(cores), cores - max(0.0, load - 1.0)))


def worker_count(packages: int, *, idle: float | None = None) -> int:
    """How many worker processes an export of ``packages`` packages uses (0: none);
    ``idle``: the idle cores (default :func:`idle_cores`)."""
    cores = os.cpu_count() or 1
    if packages < POOL_MIN_PACKAGES or cores < 2:
        return 0
    idle = idle_cores() if idle is None else idle
    if idle < POOL_MIN_IDLE_CORES:
        return 0
    return max(2, min(cores, packages, int(idle)))


def picklable(function: Callable | None) -> bool:
    """Whether a worker can be handed ``function``: ``None`` or a module-level function
    (pickled by name; a closure or lambda, as tests pass, runs in this process)."""
    if function is None:
        return True
    module_name = getattr(function, "__module__", None) or ""
    if module_name == "__main__":  # workers do not run the caller's script
        return False
    module = sys.modules.get(module_name)
    name = getattr(function, "__qualname__", "")
    return module is not None and "<" not in name and getattr(module, name, None) is function


def _import_writers() -> None:
    """Runs first in each worker: import what the jobs need, before the first job."""
    importlib.import_module("gis_app.core.export.exporter")


def _run(function: Callable, *args) -> Any:
    from gis_app.core.io.atomic import deferred_sync

    with deferred_sync():
        return function(*args)


def write_packages(
    function: Callable[..., Any],
    jobs: Iterable[tuple],
    count: int,
    *,
    workers: int,
    tick: Callable[[], Any] = lambda: None,
) -> Iterator[Any]:
    """``function(*job)`` for every job, in order of ``jobs``; in ``workers`` processes
    (0: here). ``jobs`` is consumed lazily, so the caller prepares a job while the pool
    works; ``tick`` is called regularly while waiting and may raise to stop (cancel)."""
    if workers <= 0 or count <= 0:
        for job in jobs:
            tick()
            yield function(*job)
        return
    from gis_app.core.join.worker import _start_worker, _without_main_module

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=functools.partial(_start_worker, os.getpid(), _import_writers),
    )
    pending: list[Future] = []
    source = iter(jobs)
    try:
        while True:
            while len(pending) < workers * AHEAD_PER_WORKER:
                job = next(source, None)
                if job is None:
                    break
                tick()
                with _without_main_module():  # workers are started on the first submits
                    pending.append(pool.submit(_run, function, *job))
            if not pending:
                return
            head = pending[0]
            while not head.done():
                tick()
                wait([head], timeout=TICK_SECONDS, return_when=FIRST_COMPLETED)
            pending.pop(0)
            yield head.result()
    finally:
        for future in pending:
            future.cancel()
        with contextlib.suppress(Exception):
            pool.shutdown(wait=True, cancel_futures=True)
