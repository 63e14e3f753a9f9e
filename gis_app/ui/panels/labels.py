"""Dutch column headers and cell texts for the attribute table and the identify panel.

The words live in :mod:`gis_app.core.labels` (shared with the exports); this module
passes the headers through Qt's translation and keeps the names the panels import.
Coded values (milestone, measure, approach, building type) show as Dutch words while
the data keeps the code; numbers use the decimal comma, LPR the one scientific style
(``3,0e-03``), years no thousands dot.
"""

from __future__ import annotations

from gis_app.core import formatting as fmt
from gis_app.core import labels as core_labels
from gis_app.ui.core_texts import core_text

#: Columns whose strings are words of a fixed vocabulary (translated in English).
_WORD_COLUMNS = frozenset({*core_labels.VALUE_LABELS, "profile_source"})

#: Columns whose values are codes shown through a Dutch word.
CODED_COLUMNS = core_labels.VALUE_LABELS


def _t(text: str) -> str:
    return core_text(text)


def column_labels() -> dict[str, str]:
    """Known column -> Dutch header (translated at call time, not import time)."""
    return {column: _t(label) for column, label in core_labels.COLUMN_LABELS.items()}


def column_label(column: str) -> str:
    known = core_labels.COLUMN_LABELS.get(column)
    return _t(known) if known is not None else core_labels.column_label(column)


def format_value(column: str, value: object) -> str:
    """The text shown for one cell."""
    text = core_labels.value_label(column, value)
    if text in ("ja", "nee") or column in _WORD_COLUMNS:
        return _t(text)
    return text


def format_count(n: int) -> str:
    """A count with the Dutch thousands separator: 15.000."""
    return fmt.count(n)
