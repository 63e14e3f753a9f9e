"""Phase timestamps of a start, for benchmarks/bench_startup.py; off unless asked for.

With ``GIS_APP_TRACE_STARTUP=/some/file`` the application appends one line per phase to
that file: the wall-clock time (``time.time()``, seconds) and the phase name, e.g.
``1765000000.123456 first_map``. The benchmark subtracts the moment it started the
process. Without the variable :func:`mark` returns at once and nothing is written.

Phases, in the order a start passes them (see :data:`PHASES`): ``main`` (the command
line runs), ``read_start`` / ``read_done`` (the project file), ``window_built``,
``window_shown``, ``project_shown`` (the document holds the project), ``first_map``
(the first paint of the map with buildings drawn), ``map_styled`` (the first map image
of the project shown, in its colours), ``table`` (the attribute table holds
the buildings), ``first_plan`` (the first plan's result is shown), ``charts`` (the
charts show it), then ``idle`` (no background work left, written when the window has
settled) and ``ui_stall_ms`` (the longest gap, in ms, of a 5 ms UI-thread heartbeat
from the first map with buildings until idle: how long pan and zoom could have waited).

A large project opened by ``gis-app open`` is drawn from its footprints before it is
read (:mod:`gis_app.core.io.footprint_preview`): it writes ``preview`` (the footprints
read) after ``main``, and ``first_map`` then comes before ``read_start``; the project's
own colours follow at ``map_styled``.
"""

from __future__ import annotations

import os
import time

ENV = "GIS_APP_TRACE_STARTUP"
PHASES = (
    "main",
    "read_start",
    "read_done",
    "window_built",
    "window_shown",
    "project_shown",
    "first_map",
    "map_styled",
    "table",
    "first_plan",
    "charts",
    "idle",
)

_written: set[str] = set()


def path() -> str | None:
    """The trace file, or ``None`` when tracing is off."""
    return os.environ.get(ENV) or None


def enabled() -> bool:
    return path() is not None


def mark(phase: str, value: float | None = None) -> None:
    """Append ``phase`` with the time now (or ``value``), once per phase and process."""
    target = path()
    if target is None or phase in _written:
        return
    _written.add(phase)
    stamp = time.time() if value is None else value
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"{stamp:.6f} {phase}\n")
    except OSError:  # a trace must never stop the application
        pass


def read(trace_path: str | os.PathLike) -> dict[str, float]:
    """Phase -> value of a trace file (the first line of each phase)."""
    phases: dict[str, float] = {}
    with open(trace_path, encoding="utf-8") as handle:
        for line in handle:
            stamp, _, phase = line.strip().partition(" ")
            if phase and phase not in phases:
                phases[phase] = float(stamp)
    return phases


def order(trace_path: str | os.PathLike) -> list[str]:
    """The phases of a trace file in the order they were written."""
    with open(trace_path, encoding="utf-8") as handle:
        return [line.split(" ", 1)[1].strip() for line in handle if " " in line]
