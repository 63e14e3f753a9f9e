"""Argument types for the subcommands: every number, date, path and list is bounded.

An out-of-range value is refused while the command line is parsed, with the limits in
the message (``--capacity: 2e19 ligt niet tussen 1 en 100000``), instead of surfacing later as
an ``OverflowError``, an ``OSError`` or a silently absurd result (``nan`` as a distance).
:class:`OneLineArgumentParser` prints argparse's own errors as one line and exits 2, like
every other unusable input.

Decisions:

* ``nan`` and ``±inf`` are refused everywhere: no option means anything by them.
* Dates lie in :data:`DATE_WINDOW` (2000-01-01 .. 2100-12-31): the reinforcement
  operation started in 2014 and a plan past 2100 is a typing error, while Python's dates
  (up to 9999) overflow the planner's week arithmetic.
* A path whose file or folder name is longer than the file system allows (255 bytes on
  the usual ones) is refused up front, for input and output paths alike; otherwise the
  first write fails half-way through with ``File name too long``.
* The module name starts with ``_`` so the command discovery in :mod:`gis_app.cli`
  does not take it for a subcommand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path

from gis_app.core.i18n import t

DATE_WINDOW = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))
#: Longest file or folder name when the file system cannot be asked (NTFS, ext4, APFS).
DEFAULT_NAME_MAX = 255
#: Longest whole path when the system cannot be asked (Linux PATH_MAX).
DEFAULT_PATH_MAX = 4096


class OneLineArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("argument "):
            message = message[len("argument ") :]
        print(
            t("{prog}: {message} (zie {prog} --help)", prog=self.prog, message=message),
            file=sys.stderr,
        )
        sys.exit(2)


def _show(value: float) -> str:
    """A bound as a Dutch reader writes it: ``0,1``, ``100000``."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def _finite(text: str) -> float:
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(t("'{text}' is geen getal", text=text)) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(t("'{text}' is geen eindig getal", text=text))
    return value


def number(low: float, high: float, *, low_open: bool = False) -> Callable[[str], float]:
    """A finite float in ``low..high`` (``low`` itself excluded with ``low_open``)."""

    def parse(text: str) -> float:
        value = _finite(text)
        if low_open and not low < value <= high:
            raise argparse.ArgumentTypeError(
                t(
                    "{text} moet groter dan {show} en hoogstens {show2} zijn",
                    text=text,
                    show=_show(low),
                    show2=_show(high),
                )
            )
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                t(
                    "{text} ligt niet tussen {show} en {show2}",
                    text=text,
                    show=_show(low),
                    show2=_show(high),
                )
            )
        return value

    parse.__name__ = "getal"
    return parse


def integer(low: int, high: int) -> Callable[[str], int]:
    """A whole number in ``low..high``; ``2e3`` is read as 2000, ``2.5`` is refused."""

    def parse(text: str) -> int:
        stripped = str(text).strip()
        try:
            value = int(stripped)
        except ValueError:
            number_value = _finite(stripped)
            if not number_value.is_integer():
                raise argparse.ArgumentTypeError(
                    t("'{text}' is geen geheel getal", text=text)
                ) from None
            value = int(number_value)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                t("{text} ligt niet tussen {low} en {high}", text=text, low=low, high=high)
            )
        return value

    parse.__name__ = "geheel getal"
    return parse


def date_in_window(text: str) -> str:
    """A date ``YYYY-MM-DD`` in :data:`DATE_WINDOW`, returned as given (ISO text)."""
    try:
        value = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("'{text}' is geen datum (JJJJ-MM-DD)", text=text)
        ) from None
    low, high = DATE_WINDOW
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            t(
                "{text} ligt niet tussen {isoformat} en {isoformat2}",
                text=text,
                isoformat=low.isoformat(),
                isoformat2=high.isoformat(),
            )
        )
    return value.isoformat()


def _limits(path: Path) -> tuple[int, int]:
    """(longest name, longest path) of the file system the path would land on."""
    probe = path if path.is_absolute() else Path.cwd() / path
    for folder in (probe, *probe.parents):
        try:
            if not folder.is_dir():
                continue
            return (
                int(os.pathconf(folder, "PC_NAME_MAX")),
                int(os.pathconf(folder, "PC_PATH_MAX")),
            )
        except (OSError, ValueError, AttributeError):  # no pathconf (Windows) or no answer
            continue
    return DEFAULT_NAME_MAX, DEFAULT_PATH_MAX


def path(text: str) -> Path:
    """A path whose every name fits the file system (no NUL byte, not too long)."""
    if "\x00" in str(text):
        raise argparse.ArgumentTypeError(t("pad bevat een NUL-teken"))
    if not str(text).strip():
        raise argparse.ArgumentTypeError(t("leeg pad"))
    value = Path(text)
    name_max, path_max = _limits(value.parent)
    for part in value.parts:
        size = len(os.fsencode(part))
        if size > name_max:
            shown = part if len(part) <= 40 else part[:20] + "…" + part[-12:]
            raise argparse.ArgumentTypeError(
                t(
                    "naam te lang voor het bestandssysteem ({size} bytes, hoogstens "
                    "{name_max}): '{shown}'",
                    size=size,
                    name_max=name_max,
                    shown=shown,
                )
            )
    if len(os.fsencode(str(value.absolute()))) >= path_max:
        raise argparse.ArgumentTypeError(
            t(
                "pad te lang voor het bestandssysteem (hoogstens {path_max} bytes)",
                path_max=path_max,
            )
        )
    return value


def nonempty_list(text: str) -> str:
    """A comma-separated list with at least one non-blank item (returned as given)."""
    if not any(item.strip() for item in str(text).split(",")):
        raise argparse.ArgumentTypeError(t("'{text}' kiest niets (lege lijst)", text=text))
    return text
