"""Dutch names for columns and values, for the window and the exports alike.

The data keeps its codes (``measure_class = "heavy"``, ``pand_type = "terraced"``,
``plan_approach = "bespoke"``): readers, the planner and saved projects rely on them.
What a planner sees is Dutch: :func:`column_label` gives every column a Dutch header
(known columns from :data:`COLUMN_LABELS`, other source columns their own name made
readable), :func:`value_label` turns coded values into Dutch words, and
:func:`cluster_label` names a cluster as the map does (its name, not its id).

Decisions:

* Years (``bouwjaar``, ``plan_completion_year``) are written without a thousands dot
  and without decimals: ``2026``, never ``2.026`` or ``2026,0``.
* LPR and other tiny numbers use the one scientific style of
  :mod:`gis_app.core.formatting` (``3,0e-03``); other fractions a decimal comma.
* A value outside a column's vocabulary is shown as it is, never hidden.
* The labels are the Dutch source texts of :mod:`gis_app.core.i18n` (marked ``N_``);
  :func:`column_label` and :func:`value_label` give them in the chosen language.
  The tables of constants stay Dutch, so code that compares with them keeps working.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from gis_app.core import formatting as fmt
from gis_app.core.i18n import N_, t, translate
from gis_app.core.schema import MEASURE_LABELS_NL, MILESTONE_LABELS_NL

#: Column -> Dutch header in the window (attribute table, identify panel, filters).
COLUMN_LABELS: dict[str, str] = {
    "building_id": N_("BAG-id"),
    "risk_profile": N_("Risicoprofiel"),
    "profile_source": N_("Herkomst profiel"),
    "lpr": N_("LPR (per jaar)"),
    "typology": N_("Typologie"),
    "bag_status": N_("BAG-status"),
    "milestone": N_("Mijlpaal"),
    "measure_class": N_("Maatregel (beoordeeld)"),
    "expected_measure": N_("Verwachte maatregel"),
    "addresses": N_("Adressen"),
    "residents": N_("Bewoners"),
    "address": N_("Adres"),
    "postcode": N_("Postcode"),
    "woonplaats": N_("Woonplaats"),
    "eigen_regie": N_("Eigen regie"),
    "cluster_id": N_("Cluster"),
    "package_id": N_("Werkpakket"),
    "plan_completion_year": N_("Gereed in (plan)"),
    "plan_approach": N_("Aanpak (plan)"),
    "pand_type": N_("Soort pand"),
    "bouwjaar": N_("Bouwjaar"),
    "gebruiksdoel": N_("Gebruiksdoel"),
    "field_note": N_("Notitie veldwerk"),
}

#: Lower-case labels for columns the export writers do not know yet (source columns and
#: the plan columns of the window); exports add these to their own label list.
EXPORT_EXTRA_LABELS: dict[str, str] = {
    "plan_completion_year": N_("gereed in (plan)"),
    "plan_approach": N_("aanpak (plan)"),
    "pand_type": N_("soort pand"),
    "bouwjaar": N_("bouwjaar"),
    "gebruiksdoel": N_("gebruiksdoel"),
}

APPROACH_LABELS_NL = {
    "standard": N_("standaard"),
    "bespoke": N_("maatwerk"),
    "none": N_("geen werk"),
}
PAND_TYPE_LABELS_NL = {
    "terraced": N_("rijwoning"),
    "semi": N_("twee-onder-een-kap"),
    "semi-detached": N_("twee-onder-een-kap"),
    "detached": N_("vrijstaand"),
    "apartment": N_("appartementengebouw"),
    "farmhouse": N_("boerderij"),
    "barn": N_("schuur"),
    "large": N_("groot gebouw"),
}

#: The assessed measure: empty means not assessed yet.
MEASURE_CLASS_LABELS_NL = {**MEASURE_LABELS_NL, "": N_("nog niet beoordeeld")}

#: Columns whose values are codes shown through a Dutch word.
VALUE_LABELS: dict[str, Mapping[str, str]] = {
    "milestone": MILESTONE_LABELS_NL,
    "measure_class": MEASURE_CLASS_LABELS_NL,
    "expected_measure": MEASURE_LABELS_NL,
    "measure": MEASURE_LABELS_NL,
    "approach": APPROACH_LABELS_NL,
    "plan_approach": APPROACH_LABELS_NL,
    "pand_type": PAND_TYPE_LABELS_NL,
}

YEAR_COLUMNS = frozenset({"bouwjaar", "plan_completion_year", "jaar", "year", "bouwjaar_pand"})
SCIENTIFIC_COLUMNS = frozenset({"lpr"})


def column_label(column: str) -> str:
    """The Dutch header of ``column``; an unknown source column its readable own name."""
    known = COLUMN_LABELS.get(column)
    if known is not None:
        return translate(known)
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else str(column)


def is_year_column(column: str) -> bool:
    name = str(column).lower()
    return name in YEAR_COLUMNS or name.endswith("_jaar") or name.endswith("_year")


def value_label(column: str, value: object) -> str:
    """The Dutch text of one value of ``column`` ("" for a missing value)."""
    if value is None or value is pd.NaT:
        return ""
    labels = VALUE_LABELS.get(column)
    if labels is not None and isinstance(value, str):
        label = labels.get(value)
        return value if label is None else translate(label)
    if isinstance(value, (bool, np.bool_)):
        return t("ja") if value else t("nee")
    if isinstance(value, (float, np.floating, int, np.integer)):
        number = float(value)
        if math.isnan(number):
            return ""
        if is_year_column(column):
            return str(int(round(number)))
        if column in SCIENTIFIC_COLUMNS or (number != 0 and abs(number) < fmt.SCIENTIFIC_BELOW):
            return fmt.scientific(number)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return fmt.decimal(number, 2).rstrip("0").rstrip(",.")
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        stamp = pd.Timestamp(value)
        return "" if pd.isna(stamp) else stamp.strftime("%d-%m-%Y")
    return str(value)


def cluster_names(clusters: pd.DataFrame | None) -> dict[str, str]:
    """Cluster id -> the name the map shows (the id when a cluster has no name)."""
    if clusters is None or not len(clusters) or "cluster_id" not in clusters:
        return {}
    ids = clusters["cluster_id"].astype(str).to_numpy()
    if "name" not in clusters:
        return {c: c for c in ids}
    names = clusters["name"].fillna("").astype(str).to_numpy()
    return {c: (n.strip() or c) for c, n in zip(ids, names, strict=True)}


def cluster_label(cluster_id: object, names: Mapping[str, str]) -> str:
    """The cluster as the map names it; "" for no cluster."""
    key = "" if cluster_id is None else str(cluster_id)
    if not key:
        return ""
    return names.get(key, key)


__all__ = [
    "APPROACH_LABELS_NL",
    "COLUMN_LABELS",
    "EXPORT_EXTRA_LABELS",
    "PAND_TYPE_LABELS_NL",
    "VALUE_LABELS",
    "cluster_label",
    "cluster_names",
    "column_label",
    "is_year_column",
    "value_label",
]
