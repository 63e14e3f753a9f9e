"""Dutch column headers and value formatting shared by the attribute table and identify panel.

Canonical columns (core/schema.py) are shown with a Dutch label; coded values
(milestone, measure class) are shown with their Dutch label from the schema while the
data keeps the code. Source columns the reader kept are shown under their own name.
Floats use the Dutch decimal comma; LPR (tiny probabilities) is shown in scientific
notation, since fixed notation would read 0,00 for every building.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication

from gis_app.core.schema import MEASURE_LABELS_NL, MILESTONE_LABELS_NL

_CONTEXT = "Columns"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def column_labels() -> dict[str, str]:
    """Canonical column -> Dutch header (translated at call time, not import time)."""
    return {
        "building_id": _t("BAG-id"),
        "risk_profile": _t("Risicoprofiel"),
        "profile_source": _t("Herkomst profiel"),
        "lpr": _t("LPR (per jaar)"),
        "typology": _t("Typologie"),
        "milestone": _t("Mijlpaal"),
        "measure_class": _t("Maatregel (beoordeeld)"),
        "expected_measure": _t("Verwachte maatregel"),
        "addresses": _t("Adressen"),
        "residents": _t("Bewoners"),
        "address": _t("Adres"),
        "postcode": _t("Postcode"),
        "woonplaats": _t("Woonplaats"),
        "eigen_regie": _t("Eigen regie"),
        "cluster_id": _t("Cluster"),
    }


def column_label(column: str) -> str:
    return column_labels().get(column, column)


#: Columns whose values are codes shown through a Dutch label.
CODED_COLUMNS = {
    "milestone": MILESTONE_LABELS_NL,
    "measure_class": MEASURE_LABELS_NL,
    "expected_measure": MEASURE_LABELS_NL,
}


def format_value(column: str, value: object) -> str:
    """The text shown for one cell."""
    if value is None:
        return ""
    labels = CODED_COLUMNS.get(column)
    if labels is not None:
        return labels.get(value, "" if value is None else str(value))
    if isinstance(value, (bool, np.bool_)):
        return _t("ja") if value else _t("nee")
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return ""
        if column == "lpr" or (number != 0 and abs(number) < 1e-3):
            return f"{number:.2e}".replace(".", ",")
        if number.is_integer() and abs(number) < 1e15:
            return f"{int(number):d}"
        return f"{number:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, (np.integer,)):
        return str(int(value))
    return str(value)


def format_count(n: int) -> str:
    """A count with the Dutch thousands separator: 15.000."""
    return f"{int(n):,}".replace(",", ".")
