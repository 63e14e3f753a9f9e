"""Progress of long commands: a bar on a terminal, plain lines otherwise, nothing with --quiet.

A :class:`Progress` is the ``progress(fraction, message)`` callback the core functions
take (export, cluster suggestion) and a context manager around the whole command.

Decisions:

* **On a terminal** (stderr is a tty) tqdm draws one bar on stderr with the step's
  message, the elapsed and the remaining time. The bar is removed when the work reaches
  100 % and, when a command fails, by :func:`close_all` in ``gis_app.cli`` before the
  one-line error message of exit status 2 is printed, so that line stands alone.
* **Not on a terminal** (a log file, a pipe, a test, CI) a plain line goes to *stdout*
  at each tenth of the work: ``export: 40% Werkpakket 12 van 30``. stdout, because there
  stderr must hold nothing but the one-line reason when the command fails.
* ``--quiet`` shows neither; so does a command whose stdout is machine-readable
  (``import --json``).
"""

from __future__ import annotations

import os
import sys
import weakref
from typing import TextIO

#: Fractions between two plain lines.
LINE_STEP = 0.1
#: Resolution of the bar.
BAR_STEPS = 1000
#: Columns and lines assumed when the terminal does not say.
DEFAULT_SIZE = (80, 24)

_open_bars: weakref.WeakSet[Progress] = weakref.WeakSet()


def close_all() -> None:
    """Remove every bar still drawn: called before an error message is printed."""
    for progress in list(_open_bars):
        progress.close()


def add_quiet_argument(parser) -> None:
    """``--quiet``/``-q``: no progress (results and errors are still printed)."""
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="show no progress (results and errors are still printed)",
    )


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def _terminal_size(stream: TextIO) -> tuple[int, int]:
    """(columns, lines); a terminal that reports 0 x 0 (a bare pseudo-terminal) gets a
    usual size, because tqdm hides a bar that has no line to stand on."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return DEFAULT_SIZE
    return (size.columns or DEFAULT_SIZE[0], size.lines or DEFAULT_SIZE[1])


class Progress:
    """Show the progress of one command; call it with ``(fraction 0..1, message)``."""

    def __init__(
        self,
        label: str,
        *,
        quiet: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.label = label
        self.quiet = quiet
        self._out = out if out is not None else sys.stdout
        self._err = err if err is not None else sys.stderr
        self._bar = None
        self._last_line: float | None = None
        self.mode = "quiet" if quiet else ("bar" if _is_terminal(self._err) else "lines")

    def __call__(self, fraction: float, message: str = "") -> None:
        fraction = min(max(float(fraction), 0.0), 1.0)
        if self.mode == "bar":
            self._show_bar(fraction, message)
        elif self.mode == "lines":
            self._show_line(fraction, message)

    def _show_bar(self, fraction: float, message: str) -> None:
        if self._bar is None:
            from tqdm import tqdm

            columns, lines = _terminal_size(self._err)
            self._bar = tqdm(
                total=BAR_STEPS,
                desc=self.label,
                file=self._err,
                leave=False,
                ncols=columns,
                nrows=lines,
                bar_format="{l_bar}{bar}| {elapsed}<{remaining}{postfix}",
            )
            _open_bars.add(self)
        target = round(fraction * BAR_STEPS)
        if target > self._bar.n:
            self._bar.update(target - self._bar.n)
        self._bar.set_postfix_str(message, refresh=True)
        if fraction >= 1.0:  # done: the command's result follows on a clean line
            self.close()

    def _show_line(self, fraction: float, message: str) -> None:
        due = (
            self._last_line is None
            or fraction >= self._last_line + LINE_STEP
            or (fraction >= 1.0 > self._last_line)
        )
        if not due:
            return
        self._last_line = fraction
        text = f"{self.label}: {round(fraction * 100):3d}%"
        if message:
            text += f" {message}"
        print(text, file=self._out, flush=True)

    def write(self, text: str) -> None:
        """Print the command's own output on stdout without running into the bar."""
        if self._bar is not None:
            self._bar.write(text, file=self._out)
        else:
            print(text, file=self._out)

    def close(self) -> None:
        """Remove the bar (the lines stay: they are the log)."""
        if self._bar is not None:
            bar, self._bar = self._bar, None
            _open_bars.discard(self)
            bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def progress_for(args, label: str, *, machine_output: bool = False) -> Progress:
    """The :class:`Progress` of a subcommand from its parsed arguments (``--quiet``)."""
    progress = Progress(label, quiet=bool(getattr(args, "quiet", False)))
    if machine_output and progress.mode == "lines":  # stdout belongs to the data
        progress.mode = "quiet"
    return progress
