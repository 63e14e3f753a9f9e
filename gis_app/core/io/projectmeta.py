"""Checking the metadata of a project file before anything uses it.

A project file is a GeoPackage anyone can edit (QGIS, sqlite3, a script), so the JSON in
its ``gis_app_meta`` table may hold anything: text where a number belongs, a calendar
that is a number, a duration of 1e19 weeks, a start in the year 9999, column renames that
collide, a column type asking for 559 GiB, an array nested 100,000 deep. Everything read
from it passes through this module first.

Decisions:

* Limits come before parsing: a value longer than :data:`MAX_META_CHARS` or nested deeper
  than :data:`MAX_JSON_DEPTH` is not parsed at all (Python's JSON parser recurses, and so
  would every function walking the result).
* Settings that are not an object, scenarios that are not a list and column renames or
  orders that are not objects mean a damaged file: it is refused (:class:`MetaProblem`,
  turned into a :class:`ProjectError` "beschadigd (...)"), as before these checks.
* Within them, what the app can do without is dropped, with a Dutch warning naming it,
  and the project opens with its buildings and the defaults: planning settings, package settings, one
  scenario, column types, renames, the remembered export columns, the source list.
  :func:`checked_meta` returns the warnings; the command line prints them on stderr and
  the window shows them. What identifies the file (``format``, ``schema_version``) is
  not dropped: without it the file is refused with one clear message.
* Column types are taken from a fixed list of pandas types (:func:`allowed_dtype`):
  ``S2000000000`` or ``string[pyarrow]`` are not types a project ever saved.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import numpy as np

from gis_app.core.errors import GisAppError
from gis_app.core.formatting import count
from gis_app.core.i18n import N_, t, translate

#: Deepest nesting of arrays/objects accepted in one metadata value (the app writes < 10).
MAX_JSON_DEPTH = 64
#: Longest metadata value accepted, in characters (scenarios of 10,000 clusters fit easily).
MAX_META_CHARS = 64 * 1024 * 1024
#: Metadata keys without which a file is not a usable project.
ESSENTIAL_KEYS = ("format", "schema_version")

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_DTYPE = re.compile(
    r"^(?:u?int(?:8|16|32|64)|U?Int(?:8|16|32|64)|float(?:32|64)|Float(?:32|64)|bool|boolean"
    r"|category|string|string\[python\]|str|object|complex(?:64|128)"
    r"|period\[[0-9]{0,3}[A-Za-z]{1,6}(?:-[A-Z]{3})?\]"
    r"|interval\[(?:u?int(?:8|16|32|64)|float(?:32|64)|datetime64\[ns\]|timedelta64\[ns\])"
    r", (?:right|left|both|neither)\]"
    r"|timedelta64\[(?:s|ms|us|ns)\]"
    r"|datetime64\[(?:s|ms|us|ns)(?:, (?:UTC|[A-Za-z_]{1,20}(?:/[A-Za-z_+\-]{1,30}){0,2}))?\])$"
)


class MetaProblem(GisAppError):
    """One metadata value cannot be used (the message says why, in Dutch)."""


def json_depth(text: str) -> int:
    """Deepest nesting of ``[``/``{`` in JSON ``text`` (brackets inside strings don't count)."""
    stripped = _STRINGS.sub('""', text)
    data = np.frombuffer(stripped.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    if data.size == 0:
        return 0
    step = np.zeros(data.size, dtype=np.int32)
    step[(data == ord("[")) | (data == ord("{"))] = 1
    step[(data == ord("]")) | (data == ord("}"))] = -1
    return int(np.cumsum(step).max(initial=0))


def parse_value(key: str, text: str) -> Any:
    """The JSON value of metadata ``key``; :class:`MetaProblem` when it is too big, too
    deep or not JSON."""
    if len(text) > MAX_META_CHARS:
        raise MetaProblem(
            t(
                "projectgegevens '{key}' zijn te groot ({size} tekens, hoogstens {limit})",
                key=key,
                size=count(len(text)),
                limit=count(MAX_META_CHARS),
            )
        )
    if json_depth(text) > MAX_JSON_DEPTH:
        raise MetaProblem(
            t(
                "projectgegevens '{key}' zijn dieper genest dan {depth} niveaus",
                key=key,
                depth=MAX_JSON_DEPTH,
            )
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise MetaProblem(t("projectgegevens '{key}' zijn onleesbaar", key=key)) from error


def allowed_dtype(text: Any) -> bool:
    """True for the column types a project file may ask for (see the module docstring)."""
    return isinstance(text, str) and _DTYPE.match(text) is not None


# --- the checks per key -----------------------------------------------------------------------


def _check_planning(value: Any) -> Any:
    from gis_app.core.planning.config import PlanningConfig

    PlanningConfig.from_dict(value)
    return value


def _check_order(value: Any) -> Any:
    if value not in ("default", "optimise"):
        raise MetaProblem(t("onbekende volgorde"))
    return value


def _check_packages(value: Any) -> Any:
    from gis_app.core.packages import PackageSettings

    if not isinstance(value, dict):
        raise MetaProblem(t("verwacht een object"))
    contractors = value.get("contractors")
    if contractors is not None and (
        not isinstance(contractors, list)
        or not all(
            isinstance(c, dict)
            and isinstance(c.get("name", ""), str)
            and isinstance(c.get("starts_per_week", 0), (int, float))
            and not isinstance(c.get("starts_per_week", 0), bool)
            and 0 <= c.get("starts_per_week", 0) <= 1_000_000
            for c in contractors
        )
    ):
        raise MetaProblem(t("aannemers: verwacht een lijst met naam en capaciteit"))
    for key in ("max_buildings", "max_addresses", "max_weeks"):
        number = value.get(key, 1)
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise MetaProblem(t("{key} is geen getal", key=key))
        if not 1 <= number <= 1_000_000:
            raise MetaProblem(t("{key} ligt niet tussen 1 en 1.000.000", key=key))
    PackageSettings.from_dict(value)
    return value


def _check_text_list(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MetaProblem(t("verwacht een lijst van namen"))
    return value


def _check_object(value: Any) -> Any:
    if not isinstance(value, dict):
        raise MetaProblem(t("verwacht een object"))
    return value


def _check_letters(value: Any) -> None:
    from gis_app.core.letters import LETTERS_SETTINGS_KEY, project_letter_text

    if not isinstance(value, dict):
        raise ValueError("geen object")
    project_letter_text({LETTERS_SETTINGS_KEY: value})


#: Settings keys the app reads, with their check and the Dutch name used in warnings.
SETTINGS_CHECKS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "planning": (N_("planningsinstellingen"), _check_planning),
    "planning_order": (N_("planningsvolgorde"), _check_order),
    "packages": (N_("pakketinstellingen"), _check_packages),
    "export_columns": (N_("gekozen exportkolommen"), _check_text_list),
    "import_report": (N_("importverslag"), _check_object),
    "building_style": (N_("kaartstijl"), _check_object),
    "letters": (N_("bewonersbriefsjabloon"), _check_letters),
}

_CHECK_ERRORS = (GisAppError, TypeError, ValueError, AttributeError, KeyError, OverflowError)


def _reason(error: BaseException) -> str:
    if isinstance(error, GisAppError):
        return error.message
    return t("ongeldige waarde")


def checked_settings(settings: Any, warnings: list[str]) -> dict[str, Any]:
    """The project settings with every unusable known entry left out (and a warning).

    Settings that are not an object at all mean a damaged file: :class:`MetaProblem`.
    """
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        raise MetaProblem(t("instellingen"))
    out = dict(settings)
    for key, (label, check) in SETTINGS_CHECKS.items():
        if key not in out:
            continue
        try:
            check(copy.deepcopy(out[key]))
        except _CHECK_ERRORS as error:
            del out[key]
            warnings.append(
                t(
                    "{label} ongeldig ({reason}); standaardwaarden gebruikt",
                    label=translate(label),
                    reason=_reason(error),
                )
            )
    return out


def checked_scenarios(scenarios: Any, warnings: list[str]) -> list[dict[str, Any]]:
    """The scenarios that can be used; each one left out gets a warning naming it."""
    from gis_app.core.scenarios import MAX_SCENARIOS, checked_scenario

    if scenarios is None:
        return []
    if not isinstance(scenarios, list):
        raise MetaProblem(t("instellingen"))
    if len(scenarios) > MAX_SCENARIOS:
        warnings.append(
            t(
                "meer dan {MAX_SCENARIOS} scenario's; alleen de eerste {MAX_SCENARIOS} geladen",
                MAX_SCENARIOS=MAX_SCENARIOS,
            )
        )
        scenarios = scenarios[:MAX_SCENARIOS]
    out = []
    for i, entry in enumerate(scenarios):
        try:
            out.append(checked_scenario(entry))
        except _CHECK_ERRORS as error:
            name = entry.get("name") if isinstance(entry, dict) else None
            label = f"'{name[:60]}'" if isinstance(name, str) and name else f"nr. {i + 1}"
            warnings.append(
                t("scenario {label} overgeslagen: {reason}", label=label, reason=_reason(error))
            )
    return out


def checked_commitments(value: Any, warnings: list[str]) -> dict[str, Any]:
    """The commitments to residents (JSON form); each one that cannot be read is left out
    with a warning naming it. Not an object at all: :class:`MetaProblem`."""
    from gis_app.core.commitments import CommitmentError, checked_book

    if value is None or value == {}:
        return {}
    try:
        return checked_book(value, warnings).to_dict()
    except CommitmentError as error:
        raise MetaProblem(error.message) from error


def checked_sources(items: Any, warnings: list[str]) -> list[dict[str, Any]]:
    """Source records with text fields and usable paths (others left out, with a warning)."""
    if items is None:
        return []
    if not isinstance(items, list):
        warnings.append(t("lijst met bronbestanden ongeldig; bronnen niet gecontroleerd"))
        return []
    out = []
    dropped = 0
    for item in items[:10_000]:
        fields = ("path", "sha256", "role", "layer", "relative")
        if (
            isinstance(item, dict)
            and isinstance(item.get("path"), str)
            and all(isinstance(item.get(f, ""), str) for f in fields)
            and all(len(item.get(f, "")) <= 4096 and "\x00" not in item.get(f, "") for f in fields)
        ):
            out.append(item)
        else:
            dropped += 1
    dropped += max(len(items) - 10_000, 0)
    if dropped:
        warnings.append(t("{dropped} ongeldige bronbestanden overgeslagen", dropped=dropped))
    return out


def checked_layer_maps(
    meta: dict[str, Any], warnings: list[str]
) -> tuple[dict[str, dict[str, str]], dict[str, list[str]], dict[str, dict[str, str]]]:
    """``column_renames``, ``column_order`` and ``column_dtypes`` per layer, checked for type.

    Entries of the wrong type and column types not in the fixed list are left out with a
    warning; whether renames collide is checked against the columns read
    (:func:`checked_renames`).
    """
    renames: dict[str, dict[str, str]] = {}
    orders: dict[str, list[str]] = {}
    dtypes: dict[str, dict[str, str]] = {}
    raw = meta.get("column_renames")
    if isinstance(raw, dict):
        for layer, mapping in raw.items():
            if isinstance(mapping, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
            ):
                renames[str(layer)] = mapping
            else:
                warnings.append(
                    t(
                        "kolomnamen van laag '{value}' niet hersteld (ongeldig)",
                        value=str(layer)[:60],
                    )
                )
    elif raw is not None:
        raise MetaProblem(t("kolomgegevens"))
    raw = meta.get("column_order")
    if raw is not None and not isinstance(raw, dict):
        raise MetaProblem(t("kolomgegevens"))
    if isinstance(raw, dict):
        for layer, order in raw.items():
            if (
                isinstance(order, list)
                and all(isinstance(c, str) for c in order)
                and len(set(order)) == len(order)
            ):
                orders[str(layer)] = order
    raw = meta.get("column_dtypes")
    if isinstance(raw, dict):
        for layer, mapping in raw.items():
            if not isinstance(mapping, dict):
                warnings.append(
                    t(
                        "kolomtypen van laag '{value}' niet hersteld (ongeldig)",
                        value=str(layer)[:60],
                    )
                )
                continue
            kept = {}
            for column, dtype in mapping.items():
                if allowed_dtype(dtype):
                    kept[str(column)] = dtype
                else:
                    warnings.append(
                        t(
                            "kolomtype '{value}' van kolom '{value2}' (laag '{value3}') onbekend; "
                            "kolom gelezen zoals opgeslagen",
                            value=str(dtype)[:40],
                            value2=str(column)[:60],
                            value3=str(layer)[:60],
                        )
                    )
            dtypes[str(layer)] = kept
    elif raw is not None:
        warnings.append(t("kolomtypen niet hersteld (ongeldige gegevens)"))
    return renames, orders, dtypes


def checked_renames(
    columns: list[str], renames: dict[str, str], layer: str, warnings: list[str]
) -> dict[str, str]:
    """``renames`` (saved name -> original name) when applying them to ``columns`` gives
    unique names and leaves the geometry alone; otherwise none, with a warning."""
    mapping = {new: old for new, old in renames.items() if new in columns}
    result = [mapping.get(c, c) for c in columns]
    touches_geometry = "geometry" in mapping or "geometry" in mapping.values()
    if touches_geometry or len(set(result)) != len(result):
        warnings.append(
            t(
                "kolomnamen van laag '{layer}' niet hersteld: de opgeslagen namen botsen",
                layer=layer,
            )
        )
        return {}
    return mapping
