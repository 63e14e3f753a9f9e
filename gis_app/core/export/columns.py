"""Which columns leave the tool: the planner's choice, remembered in the project.

Addresses are public BAG data and the contractor needs them to find the door, so they
are in by default. Information about the people living there is personal data
(AVG/GDPR) and stays out unless the planner opts in:

* :data:`PERSONAL_COLUMNS` -- ``residents`` and ``eigen_regie`` -- are left out unless
  the planner opts in;
* source columns whose name looks personal (:func:`looks_personal`: owner, name,
  phone, e-mail, birth date, IBAN...) are left out by default too, and so are
  free-text notes (``field_note``, ``opmerking``...): people write names and phone
  numbers in them;
* everything else, the address included, is in by default.

The column chooser marks personal columns as such (:attr:`ExportColumn.personal`).

``building_id`` and ``package_id`` are always exported (they identify the rows and are
needed to bring a field pack back), whatever the choice says.

Labels (headers in the tables, aliases, the Toelichting sheet, ``_veldnamen.csv``) are
in the language of the export (:func:`label_of`, :mod:`gis_app.core.i18n`); the column
*names* in Shapefile, GeoPackage and GeoJSON stay the stable machine names in every
language, so that a contractor's scripts, QGIS styles and returned field packs keep
working whichever language the labels were written in.

The choice is a list of column names stored in ``project.settings["export_columns"]``
(:func:`remember_columns`); :func:`chosen_columns` reads it back, dropping names that
no longer exist, so a project opened later offers the same export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gis_app.core.errors import ExportError
from gis_app.core.fields import normalise_name
from gis_app.core.i18n import N_, t, translate
from gis_app.core.labels import EXPORT_EXTRA_LABELS

SETTINGS_KEY = "export_columns"

REQUIRED_COLUMNS = ("building_id", "package_id")
PERSONAL_COLUMNS = ("residents", "eigen_regie")

#: Dutch labels of the columns gis_app writes, in the order exports show them.
LABELS: dict[str, str] = {
    "building_id": N_("BAG pand-id"),
    "package_id": N_("werkpakket-id"),
    "package_name": N_("werkpakket"),
    "contractor": N_("aannemer"),
    "cluster_id": N_("cluster-id"),
    "cluster_name": N_("cluster"),
    "address": N_("adres"),
    "postcode": N_("postcode"),
    "woonplaats": N_("woonplaats"),
    "addresses": N_("aantal adressen"),
    "residents": N_("bewoners"),
    "risk_profile": N_("risicoprofiel"),
    "profile_source": N_("bron risicoprofiel"),
    "lpr": N_("LPR"),
    "typology": N_("typologie"),
    "milestone": N_("mijlpaal"),
    "measure_class": N_("maatregel (beoordeeld)"),
    "expected_measure": N_("maatregel (verwacht)"),
    "measure": N_("maatregel"),
    "approach": N_("aanpak"),
    "eigen_regie": N_("eigen regie"),
    "prep_start": N_("start voorbereiding"),
    "construction_start": N_("start bouw"),
    "completion": N_("gereed"),
    "wait_months": N_("wachttijd (maanden)"),
    "cost": N_("kosten (euro)"),
    # the address lists: one row per address (core/export/addresses.py)
    "straat": N_("straat"),
    "huisnummer": N_("huisnummer"),
    "huisletter": N_("huisletter"),
    "toevoeging": N_("toevoeging"),
    "verblijfsobject_id": N_("BAG verblijfsobject-id"),
    # source and plan columns, in the window's words (core/labels.py)
    **{c: label for c, label in EXPORT_EXTRA_LABELS.items()},
}

_PERSONAL_HINTS = re.compile(
    r"(bewoner|resident|inwoner|persoon|person|eigenaar|owner|naam|name|telefoon|phone|"
    r"mobiel|e_?mail|geboorte|birth|iban|bsn|note|notitie|opmerking|remark|comment)"
)
#: Parts of a BAG address (public data), whose names may contain "naam".
_PUBLIC_ADDRESS = re.compile(r"(straat|street|openbare|woonplaats|plaats|adres|address)")
#: Names that contain a hint above but are not personal.
_NOT_PERSONAL = frozenset(
    {"package_name", "cluster_name", "woonplaats", "woonplaatsnaam", "layer_name"}
)


def looks_personal(column: str) -> bool:
    """True for a column whose name suggests personal data (left out by default)."""
    if column in PERSONAL_COLUMNS:
        return True
    if column in LABELS or column in _NOT_PERSONAL:
        return False
    name = normalise_name(column)
    hints = {m.group(0) for m in _PERSONAL_HINTS.finditer(name)}
    if _PUBLIC_ADDRESS.search(name):
        hints -= {"naam", "name"}  # straatnaam, openbare_ruimte_naam: BAG, not a person
    return bool(hints)


def label_of(column: str, language: str | None = None) -> str:
    """The label of ``column`` in ``language`` (default: the current one); an unknown
    (source) column is its own label."""
    known = LABELS.get(column)
    return column if known is None else translate(known, language)


@dataclass(frozen=True)
class ExportColumn:
    name: str
    label: str
    personal: bool
    required: bool


def available_columns(frame_columns: Iterable[str]) -> list[ExportColumn]:
    """The columns of an export frame the planner can choose from, known ones first."""
    present = [c for c in frame_columns if c != "geometry"]
    ordered = [c for c in LABELS if c in present] + [c for c in present if c not in LABELS]
    return [
        ExportColumn(
            name=c,
            label=label_of(c),
            personal=looks_personal(c),
            required=c in REQUIRED_COLUMNS,
        )
        for c in ordered
    ]


def default_columns(available: Sequence[ExportColumn]) -> list[str]:
    return [c.name for c in available if c.required or not c.personal]


def normalise_choice(choice: Iterable[str], available: Sequence[ExportColumn]) -> list[str]:
    """The choice in display order, unknown names dropped, required columns added."""
    wanted = set(choice)
    return [c.name for c in available if c.required or c.name in wanted]


def chosen_columns(settings: dict[str, Any], available: Sequence[ExportColumn]) -> list[str]:
    """The remembered choice, or the default when none is stored."""
    stored = settings.get(SETTINGS_KEY)
    if not isinstance(stored, list) or not stored:
        return default_columns(available)
    return normalise_choice([str(s) for s in stored], available)


def remember_columns(settings: dict[str, Any], columns: Iterable[str]) -> None:
    settings[SETTINGS_KEY] = [str(c) for c in columns]


def resolve_requested(requested: Iterable[str], available: Sequence[ExportColumn]) -> list[str]:
    """Columns named on the command line (name, Dutch or current label; any case).

    ``default``/``standaard`` stands for the default choice, ``all``/``alle`` for every
    column. An unknown name is an :class:`ExportError` listing what is available.
    """
    by_key: dict[str, str] = {}
    for column in available:
        by_key.setdefault(column.name.casefold(), column.name)
        by_key.setdefault(column.label.casefold(), column.name)
        by_key.setdefault(LABELS.get(column.name, column.name).casefold(), column.name)  # Dutch
        by_key.setdefault(normalise_name(column.name), column.name)
    out: list[str] = []
    for raw in requested:
        item = raw.strip()
        if not item:
            continue
        key = item.casefold()
        if key in ("default", "standaard"):
            out.extend(default_columns(available))
        elif key in ("all", "alle"):
            out.extend(c.name for c in available)
        elif key in by_key:
            out.append(by_key[key])
        elif normalise_name(item) in by_key:
            out.append(by_key[normalise_name(item)])
        else:
            names = ", ".join(c.name for c in available)
            raise ExportError(
                t("onbekende kolom '{item}'; beschikbaar: {names}", item=item, names=names)
            )
    return normalise_choice(out, available)
