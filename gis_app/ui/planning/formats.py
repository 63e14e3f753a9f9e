"""Colours, dates and Dutch numbers of the planning views, without pyqtgraph.

The planning panel, the timeline and the editors show dates and numbers the way the
charts do, but are on screen at start, before any chart: importing pyqtgraph (about 0.2 s)
is left to the charts (:mod:`gis_app.ui.planning.plotting`), which are built when their
tab first comes to the front.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from gis_app.core import formatting as fmt
from gis_app.core.schema import PROFILE_LICHT, PROFILE_NORMAAL, PROFILE_UNKNOWN, PROFILE_VERHOOGD

try:  # the map's colours, so chart and map agree
    from gis_app.core.styling import RISK_COLORS as _MAP_RISK_COLORS
except Exception:  # pragma: no cover - styling not there yet
    _MAP_RISK_COLORS = {}

MONTHS_NL = (
    QT_TRANSLATE_NOOP("Months", "jan"),
    QT_TRANSLATE_NOOP("Months", "feb"),
    QT_TRANSLATE_NOOP("Months", "mrt"),
    QT_TRANSLATE_NOOP("Months", "apr"),
    QT_TRANSLATE_NOOP("Months", "mei"),
    QT_TRANSLATE_NOOP("Months", "jun"),
    QT_TRANSLATE_NOOP("Months", "jul"),
    QT_TRANSLATE_NOOP("Months", "aug"),
    QT_TRANSLATE_NOOP("Months", "sep"),
    QT_TRANSLATE_NOOP("Months", "okt"),
    QT_TRANSLATE_NOOP("Months", "nov"),
    QT_TRANSLATE_NOOP("Months", "dec"),
)


def month_abbr(index: int) -> str:
    """The short name of month ``index`` (0 = January) in the window's language."""
    return QCoreApplication.translate("Months", MONTHS_NL[index])


#: Fill colours per risk profile (the map's). Lines use LINE_COLORS: the map's yellow
#: for ``licht verhoogd`` is unreadable as a thin line on white, so lines use a darker
#: ochre of the same hue.
RISK_FILL = {
    PROFILE_VERHOOGD: _MAP_RISK_COLORS.get(PROFILE_VERHOOGD, "#d55e00"),
    PROFILE_LICHT: _MAP_RISK_COLORS.get(PROFILE_LICHT, "#f0e442"),
    PROFILE_NORMAAL: _MAP_RISK_COLORS.get(PROFILE_NORMAAL, "#7f97b2"),
    PROFILE_UNKNOWN: _MAP_RISK_COLORS.get(PROFILE_UNKNOWN, "#c8c8c8"),
}
LINE_COLORS = {
    PROFILE_VERHOOGD: RISK_FILL[PROFILE_VERHOOGD],
    PROFILE_LICHT: "#b8a000",
    PROFILE_NORMAAL: "#4f6f94",
    PROFILE_UNKNOWN: "#909090",
}
#: Scenario colours in comparisons (Okabe–Ito).
SERIES_COLORS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")


def to_seconds(values) -> np.ndarray:
    """Dates to seconds since the epoch (what pyqtgraph's date axis expects)."""
    raw = values.to_numpy() if isinstance(values, (pd.Series, pd.Index)) else np.asarray(values)
    if raw.dtype.kind == "M":
        stamps = raw.astype("datetime64[ns]")
    else:
        stamps = pd.to_datetime(pd.Series(values), errors="coerce").to_numpy("datetime64[ns]")
    out = stamps.astype("int64").astype(float) / 1e9
    out[np.isnat(stamps)] = np.nan
    return out


def format_number(value: float, decimals: int | None = None) -> str:
    """Dutch number: thousands with a dot, decimals with a comma (core/formatting.py)."""
    return fmt.number(value, decimals)


def format_significant(value: float, digits: int = 3) -> str:
    """Dutch number with about ``digits`` significant digits (3,1e-03; 1,25; 1.240)."""
    return fmt.significant(value, digits)


def format_date(value) -> str:
    stamp = pd.Timestamp(value) if value is not None else pd.NaT
    if pd.isna(stamp):
        return "–"
    return f"{stamp.day} {month_abbr(stamp.month - 1)} {stamp.year}"


def format_month(value) -> str:
    stamp = pd.Timestamp(value)
    return f"{month_abbr(stamp.month - 1)} {stamp.year}"


def qcolor(hex_color: str, alpha: int = 255) -> QColor:
    color = QColor(hex_color)
    color.setAlpha(alpha)
    return color
