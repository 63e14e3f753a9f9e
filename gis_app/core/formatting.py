"""Numbers the Dutch way, one style for the whole window and the exports' texts.

Rules (one place, so the map legend, the tables, the planning figures and the
identify panel never disagree):

* Decimal comma, thousands with a dot: ``1.234,5``.
* Scientific notation one way: mantissa with one decimal, two-digit exponent:
  ``3,0e-03`` (:func:`scientific`). Used for numbers below 0,001 (LPR, risk), where
  fixed notation would read ``0,00``.
* Lengths with one decimal and the unit: ``10,0 m``; areas whole: ``123 m²``.
* Percentages whole unless asked otherwise: ``25 %``.
* Missing values (None, NaN, NaT) show as ``–``, so an empty cell is never mistaken for 0.
* With English chosen (:mod:`gis_app.core.i18n`) the same rules use English
  separators: ``1,234.5``, ``3.0e-03``, ``25%``, ``€ 1.2m``, ``3 months``.
"""

from __future__ import annotations

import math

import numpy as np

from gis_app.core.i18n import language, t

MISSING = "–"
#: Below this magnitude a number is shown in scientific notation.
SCIENTIFIC_BELOW = 1e-3


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(float(value)))
    except (TypeError, ValueError):
        return False


def decimal(value, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals, Dutch separators: ``1.234,5``."""
    if _is_missing(value):
        return MISSING
    text = f"{float(value):,.{int(decimals)}f}"
    if language() != "en":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0,0 reads as a number below zero
    return text


def scientific(value, decimals: int = 1) -> str:
    """``3,0e-03``: mantissa with ``decimals`` decimals (one by default)."""
    if _is_missing(value):
        return MISSING
    text = f"{float(value):.{int(decimals)}e}"
    return text if language() == "en" else text.replace(".", ",")


def number(value, decimals: int | None = None) -> str:
    """A number as the window shows it.

    With ``decimals`` fixed; otherwise whole numbers without decimals, magnitudes from
    100 whole, from 1 two decimals, below 1 three, and below 0,001 in scientific notation.
    """
    if _is_missing(value):
        return MISSING
    value = float(value)
    if decimals is None:
        magnitude = abs(value)
        if 0 < magnitude < SCIENTIFIC_BELOW:
            return scientific(value)
        if value.is_integer() or magnitude >= 100:
            decimals = 0
        else:
            decimals = 2 if magnitude >= 1 else 3
    return decimal(value, decimals)


def significant(value, digits: int = 3) -> str:
    """About ``digits`` significant digits: ``0,00312`` → ``3,1e-03``; ``1,25``; ``1.240``."""
    if _is_missing(value):
        return MISSING
    value = float(value)
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if magnitude < SCIENTIFIC_BELOW:
        return scientific(value)
    decimals = max(0, digits - 1 - int(math.floor(math.log10(magnitude))))
    return decimal(value, min(decimals, 8))


def count(value) -> str:
    """A whole count with the thousands dot: ``15.000``."""
    if _is_missing(value):
        return MISSING
    return decimal(round(float(value)), 0)


def percent(share, decimals: int = 0) -> str:
    """A share 0..1 as ``25 %``."""
    if _is_missing(share):
        return MISSING
    return t("{number} %", number=decimal(float(share) * 100, decimals))


def length(metres, decimals: int = 1) -> str:
    """``10,0 m``."""
    if _is_missing(metres):
        return MISSING
    return f"{decimal(metres, decimals)} m"


def area(square_metres) -> str:
    """``123 m²``."""
    if _is_missing(square_metres):
        return MISSING
    return f"{decimal(square_metres, 0)} m²"


def money(euros) -> str:
    """``€ 1,2 mln`` from a million, else ``€ 12.500``."""
    if _is_missing(euros):
        return MISSING
    euros = float(euros)
    if abs(euros) >= 1e6:
        return t("€ {number} mln", number=decimal(euros / 1e6, 1))
    return f"€ {decimal(euros, 0)}"


def months(n) -> str:
    """``1 maand`` / ``3 maanden`` (rounded to whole months)."""
    if _is_missing(n):
        return MISSING
    whole = int(round(abs(float(n))))
    return t("{n} maand", n=whole) if whole == 1 else t("{n} maanden", n=whole)


def months_between(earlier, later) -> float:
    """Months from ``earlier`` to ``later`` (dates or ISO texts; average month length)."""
    a = np.datetime64(str(earlier)[:10], "D")
    b = np.datetime64(str(later)[:10], "D")
    return float((b - a).astype(np.int64)) / 30.44


__all__ = [
    "MISSING",
    "area",
    "count",
    "decimal",
    "length",
    "money",
    "months",
    "months_between",
    "number",
    "percent",
    "scientific",
    "significant",
]
