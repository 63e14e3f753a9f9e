"""Progress and cancellation for long core work, without Qt.

A long function (an export, an import, a cluster suggestion, a save) takes a
``progress(fraction, text="")`` callable and calls it between steps. The callable hands
the fraction (0..1) and a short Dutch text on to whoever shows it, and raises
:class:`Cancelled` once the work was cancelled. So a cancelled function stops at its next
step by itself, through its own ``finally`` and ``except`` blocks: the place where it
removes what it had half written.

:class:`Progress` is that callable with a :class:`CancelToken` behind it; the UI's task
runner makes one per task, the command line passes none (:func:`no_progress`).

Giving way: Python runs one thread at a time (the GIL). While the UI thread shows a
result and repaints, a worker running Python beside it takes the GIL back every switch
interval and at each of the UI thread's Qt calls, and the UI's 15 ms of work takes two to
three times as long: a pan or zoom waits. So the UI thread may *hold background work*
(:func:`hold_background`) for a few frames; long core work calls :func:`give_way`
between its steps (every progress call and cancellation check does, and so does
:func:`gis_app.core.slices.in_slices` between slices) and waits there, without the GIL,
until the UI thread releases it or the hold runs out (:data:`HOLD_LIMIT_S`). Nothing
waits on the holding thread itself, and the command line never holds.

Cores: background threads and the window's helper processes run at a lower priority
(:func:`lower_priority`), so on a machine with two cores the UI thread gets one when it
wakes for a frame, instead of waiting its turn behind them.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable

#: The niceness of background threads and helper processes (:func:`lower_priority`).
BACKGROUND_NICE = 10
#: Longest a hold keeps background work waiting, should the holder not release it.
HOLD_LIMIT_S = 0.1

_way_clear = threading.Event()
_way_clear.set()
_holder: int | None = None  # the thread that holds background work
_hold_until = 0.0  # time.monotonic() at which the hold runs out by itself


def hold_background(seconds: float = HOLD_LIMIT_S) -> None:
    """Make background work wait at its next :func:`give_way` until
    :func:`release_background`, or for ``seconds`` at most (capped at
    :data:`HOLD_LIMIT_S`). Called by the thread that needs the GIL for a moment."""
    global _holder, _hold_until
    _holder = threading.get_ident()
    _hold_until = time.monotonic() + min(seconds, HOLD_LIMIT_S)
    _way_clear.clear()


def release_background() -> None:
    """Let background work waiting in :func:`give_way` go on."""
    global _holder
    _holder = None
    _way_clear.set()


def background_held() -> bool:
    return not _way_clear.is_set() and time.monotonic() < _hold_until


def lower_priority() -> None:
    """Run the calling thread at :data:`BACKGROUND_NICE` (Linux, where a niceness is a
    thread's own; elsewhere nothing)."""
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)


def give_way() -> None:
    """Wait, without the GIL, while another thread holds background work (at most until
    its hold runs out); return at once otherwise. Long core work calls this between
    steps."""
    if _way_clear.is_set() or threading.get_ident() == _holder:
        return
    remaining = _hold_until - time.monotonic()
    if remaining > 0:
        _way_clear.wait(remaining)


#: ``progress(fraction, text)``: report, and raise :class:`Cancelled` when cancelled.
ProgressCallback = Callable[..., object]


class Cancelled(Exception):  # noqa: N818 - the word the domain uses: the user cancelled
    """The work was cancelled (by the user, or superseded by a newer request)."""

    def __init__(self, message: str = "afgebroken"):
        super().__init__(message)


class CancelToken:
    """A flag one thread sets and another polls; thread-safe, can only go from off to on."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when cancelled; first give way to a holding thread."""
        give_way()
        if self._event.is_set():
            raise Cancelled()


class Progress:
    """``progress(fraction, text="")``: checks the token, then reports.

    ``report(fraction, text)`` receives the fraction clamped to 0..1. ``part(start, end)``
    gives a progress for a sub-step that maps its own 0..1 onto ``start..end`` of this
    one, with the same token.
    """

    def __init__(
        self,
        report: Callable[[float, str], object] | None = None,
        token: CancelToken | None = None,
        *,
        start: float = 0.0,
        end: float = 1.0,
    ) -> None:
        self.token = token if token is not None else CancelToken()
        self._report = report
        self._start = start
        self._span = end - start

    def __call__(self, fraction: float, text: str = "") -> None:
        self.token.check()
        if self._report is not None:
            value = self._start + self._span * min(max(float(fraction), 0.0), 1.0)
            self._report(value, text)

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def check(self) -> None:
        self.token.check()

    def part(self, start: float, end: float) -> Progress:
        return Progress(
            self._report,
            self.token,
            start=self._start + self._span * start,
            end=self._start + self._span * end,
        )


def no_progress(fraction: float, text: str = "") -> None:
    """The progress of work nobody watches or cancels (the command line)."""
