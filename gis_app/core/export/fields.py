"""Shapefile field names: at most 10 characters, unique, with a mapping to the full names.

The dBASE table of a Shapefile allows 10 ASCII characters per field name. Left to
itself GDAL truncates (``construction_start`` -> ``constructi``) and numbers clashes
in write order, so the short names change when the columns change. Here the short
names are chosen deterministically and written beside the Shapefile in a small CSV
(:func:`write_field_mapping`), so a contractor can always find ``constr_sta`` back as
``construction_start``.

Rule of :func:`shorten_field_names`:

1. Well-known columns have a curated short name (:data:`CURATED`), e.g.
   ``building_id`` -> ``bag_id``.
2. Otherwise the name is made ASCII (accents dropped, other characters -> ``_``); if it
   fits it is kept, else each ``_``-separated part is cut to the same length, the
   longest that fits (``construction_start`` -> ``const_star``), and with too many parts
   the initials are used.
3. Names are unique ignoring case (dBASE readers compare that way): a clash gets a
   number at the end (``abc_1``, ``abc_2``...), cut so the whole stays within 10.

The mapping depends only on the list of names (and its order for clashes), never on
the data.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

MAX_FIELD_NAME = 10

#: Short names for the columns gis_app itself writes.
CURATED: dict[str, str] = {
    "building_id": "bag_id",
    "risk_profile": "risicoprof",
    "profile_source": "prof_bron",
    "expected_measure": "verw_maatr",
    "measure_class": "maatr_klas",
    "eigen_regie": "eigenregie",
    "construction_start": "start_bouw",
    "prep_start": "start_voor",
    "completion": "gereed",
    "package_id": "pakket_id",
    "package_name": "pakket",
    "contractor": "aannemer",
    "cluster_id": "cluster_id",
    "cluster_name": "cluster",
    "period_start": "per_start",
    "period_end": "per_eind",
    "field_status": "veldstatus",
    "field_note": "notitie",
    "field_date": "velddatum",
    "export_milestone": "exp_mijlp",
    "export_hash": "exp_hash",
    "exported_at": "exp_datum",
    "wait_months": "wacht_mnd",
    "n_buildings": "n_panden",
    "n_addresses": "n_adressen",
    "approach_share": "maatw_aand",
}

_NON_FIELD = re.compile(r"[^A-Za-z0-9_]+")


def _ascii(name: str) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    text = _NON_FIELD.sub("_", text).strip("_")
    if not text:
        text = "veld"
    if text[0].isdigit():
        text = "f" + text
    return text


def _shorten(name: str, limit: int) -> str:
    if name in CURATED:
        return CURATED[name]
    text = _ascii(name)
    if len(text) <= limit:
        return text
    parts = [p for p in text.split("_") if p]
    for width in range(limit, 0, -1):
        joined = "_".join(p[:width] for p in parts)
        if len(joined) <= limit:
            return joined
    return "".join(p[0] for p in parts)[:limit]


def shorten_field_names(names: Iterable[str], limit: int = MAX_FIELD_NAME) -> dict[str, str]:
    """Full name -> short name (see the module docstring), in the order given."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        short = _shorten(name, limit)
        if short.casefold() in taken:
            number = 1
            while True:
                suffix = f"_{number}"
                candidate = short[: limit - len(suffix)] + suffix
                if candidate.casefold() not in taken:
                    short = candidate
                    break
                number += 1
        taken.add(short.casefold())
        mapping[name] = short
    return mapping


def field_mapping_text(mapping: dict[str, str], labels: dict[str, str] | None = None) -> str:
    """The mapping as CSV text (``;``-separated, like the address lists), formulas neutralised."""
    from gis_app.core.export.tables import neutralise_text  # tables imports pandas; fields not
    from gis_app.core.i18n import t

    labels = labels or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([t("kort"), t("volledig"), t("omschrijving")])  # the export's language
    for full, short in mapping.items():
        # names come from source files: a column "=cmd|..." must not become a formula
        writer.writerow([neutralise_text(str(t)) for t in (short, full, labels.get(full, ""))])
    return buffer.getvalue()


def write_field_mapping(
    path: str | Path, mapping: dict[str, str], labels: dict[str, str] | None = None
) -> Path:
    """Write the mapping CSV (UTF-8 with BOM) atomically."""
    from gis_app.core.io.atomic import atomic_write

    return atomic_write(path, "\ufeff" + field_mapping_text(mapping, labels), newline="")
