"""Progress and cancellation for long core work, without Qt.

A long function (an export, an import, a cluster suggestion, a save) takes a
``progress(fraction, text="")`` callable and calls it between steps. The callable hands
the fraction (0..1) and a short Dutch text on to whoever shows it, and raises
:class:`Cancelled` once the work was cancelled. So a cancelled function stops at its next
step by itself, through its own ``finally`` and ``except`` blocks: the place where it
removes what it had half written.

:class:`Progress` is that callable with a :class:`CancelToken` behind it; the UI's task
runner makes one per task, the command line passes none (:func:`no_progress`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

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
        """Raise :class:`Cancelled` when cancelled."""
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
