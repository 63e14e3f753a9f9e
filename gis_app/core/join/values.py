"""Field values of a source: recognised columns, their vocabularies and their checks.

:func:`canonicalise` maps a source's columns onto :mod:`gis_app.core.schema` (names found
by :mod:`gis_app.core.fields`), converts the values and reports, with file and row,
every value it cannot use.

Decisions:

* **Values out of range** are reported with file and row and replaced by "unknown":
  LPR that is not a number (``NaN``, text), negative, or above 1 (it is a probability per
  year); negative or non-numeric residents; an addresses count that is not a whole number
  of at least 0 (then 1; a barn has 0); unknown profile, milestone, measure class or eigen regie flag.
* **Residents**: a residents column is used as is; without one, day and night population
  (exposure-database style) give ``residents = max(day, night)``: the people present at
  the worse time of day.
* **Typology**: a typology column is used as is; without one, ``system_i`` with the highest
  ``s_probability_i`` (exposure-database style).
* **Unknown columns** of the table are kept; those that look numeric (every value a number,
  no leading zeros) become numbers.
* A categorical column found by name (e.g. ``status`` for the milestone) is only used when
  at least one of its values is recognised; otherwise it is kept as an unknown column and
  the report says so (BAG's own ``status`` column holds "Pand in gebruik").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from gis_app.core import fields
from gis_app.core.i18n import t
from gis_app.core.io.problems import Problem
from gis_app.core.schema import (
    BAG_STATUS_ALIASES,
    MEASURE_ALIASES,
    MILESTONE_ALIASES,
    PROFILE_ALIASES,
    PROFILE_SOURCE_DATA,
    PROFILE_SOURCE_LPR,
    PROFILE_SOURCE_NONE,
)

#: Canonical columns that hold text vocabularies, checked value by value.
_VOCABULARIES = {
    "risk_profile": PROFILE_ALIASES,
    "milestone": MILESTONE_ALIASES,
    "measure_class": MEASURE_ALIASES,
    "bag_status": BAG_STATUS_ALIASES,
}
_VOCABULARY_NAMES_NL = {
    "risk_profile": "risicoprofiel",
    "milestone": "mijlpaal",
    "measure_class": "maatregel",
    "bag_status": "BAG-status",
}
#: A bracketed tail such as NCG's ``(P50)`` or ``(Grijs)``: tried without it too.
_BRACKETED_TAIL = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_PROFILE_SOURCES = (PROFILE_SOURCE_DATA, PROFILE_SOURCE_LPR, PROFILE_SOURCE_NONE)


def _parse_one(text: str) -> float:
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if not value:
        return np.nan
    try:
        number = float(value)
    except ValueError:
        number = np.nan
        if "," in value:
            if "." in value and value.rfind(".") > value.rfind(","):
                value = value.replace(",", "")  # 1,234.5
            else:
                value = value.replace(".", "").replace(",", ".")  # 1.234,5 and 1,5e-05
            try:
                number = float(value)
            except ValueError:
                number = np.nan
    return number


def parse_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from a column of text or numbers: ``(floats, bad)``.

    Text may use a decimal comma (``1,5e-05``, ``0,00002``) and thousands separators
    (``1.234,5`` or ``1,234.5``; a lone ``.`` is always the decimal point). ``bad`` marks
    non-empty values that are not a number (including the text ``NaN``); they are NaN in
    the result. Empty values are NaN and not bad.
    """
    series = pd.Series(values, copy=False)
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(float)
    if pd.api.types.is_numeric_dtype(series.dtype):
        out = series.to_numpy(dtype=float, na_value=np.nan)
        return out, np.zeros(len(out), dtype=bool)
    objects = series.to_numpy(dtype=object, na_value=None)
    missing = series.isna().to_numpy(dtype=bool)
    present = objects[~missing] if missing.any() else objects
    fixed = np.asarray(present, dtype=str)  # fixed-width text: numpy's string ufuncs are fast
    parsed = None
    try:  # fast path: plain numbers
        parsed = fixed.astype(float)
    except ValueError:
        if not (np.strings.find(fixed, ".") >= 0).any():  # decimal comma, no thousands
            try:
                parsed = np.strings.replace(fixed, ",", ".").astype(float)
            except ValueError:
                parsed = None
    if parsed is None:  # mixed spellings: parse each distinct value once
        codes, uniques = pd.factorize(fixed)
        parsed_uniques = np.array([_parse_one(str(u)) for u in uniques], dtype=float)
        parsed = parsed_uniques[codes]
    if missing.any():
        out = np.full(len(objects), np.nan)
        out[~missing] = parsed
    else:
        out = parsed
    bad = np.isnan(out) & ~missing
    if bad.any():  # whitespace-only text is empty, not wrong
        blank = np.flatnonzero(bad)[[not str(v).strip() for v in objects[bad]]]
        bad[blank] = False
    return out, bad


def parse_flags(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Yes/no column (ja/nee, true/false, 1/0, x): ``(flags, known, bad)``."""
    series = pd.Series(values, copy=False)
    if pd.api.types.is_bool_dtype(series.dtype) and not series.isna().any():
        flags = series.to_numpy(dtype=bool)
        return flags, np.ones(len(flags), dtype=bool), np.zeros(len(flags), dtype=bool)
    codes, uniques = pd.factorize(series)  # missing values get code -1
    missing = codes < 0
    truth = np.array([str(u).strip().lower() in fields.TRUE_VALUES for u in uniques] + [False])
    falsity = np.array([str(u).strip().lower() in fields.FALSE_VALUES for u in uniques] + [False])
    flags = truth[codes]
    known = (truth | falsity)[codes] & ~missing
    bad = ~known & ~missing
    return flags, known, bad


def _vocabulary(values: pd.Series, aliases: dict[str, str]):
    """Map text onto codes: ``(codes as object array with None, bad mask)``."""
    series = pd.Series(values, copy=False)
    codes, uniques = pd.factorize(series)
    mapped = []
    for unique in uniques:
        key = str(unique).strip().lower()
        code = aliases.get(key)
        if code is None:
            code = aliases.get(key.replace("_", " ")) or aliases.get(key.replace(" ", "_"))
        if code is None and _BRACKETED_TAIL.search(key):
            code = aliases.get(_BRACKETED_TAIL.sub("", key))
        if code is None and key in ("", "nan", "none"):
            code = ""
        mapped.append(code)
    bad_lookup = np.array([m is None for m in mapped] + [False])
    lookup = np.array([m or None for m in mapped] + [None], dtype=object)
    return lookup[codes], bad_lookup[codes]


@dataclass
class Attributes:
    """Canonical values of one source (NaN/None = not given), plus kept columns."""

    canonical: dict[str, np.ndarray]
    extra: dict[str, np.ndarray]
    mapping: dict[str, str]


def canonicalise(
    frame: pd.DataFrame,
    rows: np.ndarray,
    ids: np.ndarray,
    path: str,
    problems: list[Problem],
    notes: list[str],
    *,
    drop: tuple[str, ...] = (),
    convert_extra: bool = False,
) -> Attributes:
    """Recognise columns and convert their values; report every value that is not usable."""
    columns = [c for c in frame.columns if c not in drop]
    mapping = fields.detect_fields(columns)
    canonical: dict[str, np.ndarray] = {}
    used = set(mapping.values())
    name = Path(path).name

    def report(kind, message, mask, values=None, dropped=False):
        if mask.any():
            if isinstance(values, pd.Series):  # converted only when there is a problem
                values = values.to_numpy(dtype=object)
            problems.append(
                Problem.for_rows(
                    kind, message, path, mask, rows, ids, values=values, dropped=dropped
                )
            )

    for column, aliases in _VOCABULARIES.items():
        source = mapping.get(column)
        if source is None:
            continue
        codes, bad = _vocabulary(frame[source], aliases)
        if bad.all() or (bad.sum() and np.all(pd.isna(codes))):
            del mapping[column]
            used.discard(source)
            notes.append(
                t(
                    "{name}: kolom '{source}' lijkt op {value}, maar geen enkele waarde is "
                    "herkend; als gewone kolom behouden",
                    name=name,
                    source=source,
                    value=_VOCABULARY_NAMES_NL[column],
                )
            )
            continue
        report(
            f"value_{column}_unknown",
            t("onbekend {value}: als onbekend gelezen", value=_VOCABULARY_NAMES_NL[column]),
            bad,
            frame[source],
        )
        canonical[column] = codes

    if "profile_source" in mapping:
        source_values = frame[mapping["profile_source"]].astype(object).to_numpy()
        valid = np.isin(source_values, _PROFILE_SOURCES)
        canonical["profile_source"] = np.where(valid, source_values, None)

    if "lpr" in mapping:
        raw = frame[mapping["lpr"]]
        lpr, bad = parse_numbers(raw)
        shown = raw
        report("value_lpr_not_number", t("LPR is geen getal: als onbekend gelezen"), bad, shown)
        negative = lpr < 0
        report("value_lpr_negative", t("LPR is negatief: als onbekend gelezen"), negative, shown)
        above = lpr > 1
        report(
            "value_lpr_above_one",
            t("LPR is groter dan 1 (een kans per jaar): als onbekend gelezen"),
            above,
            shown,
        )
        lpr = np.where(negative | above, np.nan, lpr)
        canonical["lpr"] = lpr

    if "addresses" in mapping:
        raw = frame[mapping["addresses"]]
        addresses, bad = parse_numbers(raw)
        invalid = bad | (~np.isnan(addresses) & ((addresses < 0) | (addresses % 1 != 0)))
        report(
            "value_addresses",
            t("aantal adressen is geen geheel getal van minstens 0: 1 aangenomen"),
            invalid,
            raw,
        )
        canonical["addresses"] = np.where(invalid, 1.0, addresses)

    residents_source = mapping.get("residents")
    if residents_source is not None:
        raw = frame[residents_source]
        residents, bad = parse_numbers(raw)
        invalid = bad | (residents < 0)
        report(
            "value_residents",
            t("aantal bewoners is geen getal van minstens 0: als onbekend gelezen"),
            invalid,
            raw,
        )
        canonical["residents"] = np.where(invalid, np.nan, residents)
    else:
        population = fields.detect_population(columns, exclude=used)
        if population:
            arrays = []
            for key in ("day", "night"):
                if key in population:
                    values, bad = parse_numbers(frame[population[key]])
                    report(
                        "value_residents",
                        t(
                            "bevolking ({value}) is geen getal: als onbekend gelezen",
                            value=population[key],
                        ),
                        bad | (values < 0),
                        frame[population[key]],
                    )
                    arrays.append(np.where(values < 0, np.nan, values))
            stacked = np.vstack(arrays)
            with np.errstate(invalid="ignore"):
                known = ~np.isnan(stacked).all(axis=0)
                residents = np.full(stacked.shape[1], np.nan)
                residents[known] = np.nanmax(stacked[:, known], axis=0)
            canonical["residents"] = residents
            mapping["residents"] = " / ".join(population.values())
            if len(population) == 2:
                notes.append(
                    t(
                        "{name}: bewoners = het grootste van dag- en nachtbevolking ({day}, "
                        "{night})",
                        name=name,
                        day=population["day"],
                        night=population["night"],
                    )
                )

    if "eigen_regie" in mapping:
        raw = frame[mapping["eigen_regie"]]
        flags, known, bad = parse_flags(raw)
        report(
            "value_eigen_regie",
            t("eigen regie is geen ja/nee: als nee gelezen"),
            bad,
            raw,
        )
        canonical["eigen_regie"] = np.where(known, flags, None)

    for column in ("typology", "address", "postcode", "woonplaats", "cluster_id"):
        if column in mapping:
            transform = str.upper if column == "postcode" else None
            canonical[column] = _text(frame[mapping[column]], transform)
    if "address" not in mapping:
        parts = fields.detect_address_parts(columns, exclude=used)
        if "street" in parts and "number" in parts:
            canonical["address"] = _compose_address(frame, parts)
            mapping["address"] = " + ".join(parts.values())
            used.update(parts.values())

    if "typology" not in mapping:
        systems = fields.detect_system_columns(columns)
        if systems:
            canonical["typology"] = _most_probable_system(frame, systems)
            mapping["typology"] = "system_i met hoogste s_probability_i"

    used = set(mapping.values()) | {c for c in columns if c in mapping.values()}
    used |= {c for c in columns if fields.normalise_name(c) == "expected_measure"}
    for value in list(mapping.values()):
        for part in value.split(" + "):
            used.add(part)
    extra_columns = [c for c in columns if c not in used]
    extra = frame[extra_columns]
    if convert_extra:
        extra = _convert_extra(extra)
    return Attributes(canonical, {c: extra[c].to_numpy() for c in extra.columns}, mapping)


def _text(values: pd.Series, transform=None) -> np.ndarray:
    """Text with surrounding spaces removed (then ``transform``); ``None`` for missing/empty.

    Works on the distinct values only: columns such as typology, postcode and place name
    repeat a few hundred values over 300,000 rows.
    """
    series = pd.Series(values, copy=False)
    codes, uniques = pd.factorize(series)  # missing values get code -1
    cleaned = [(u if isinstance(u, str) else _number_text(u)).strip() for u in uniques]
    if transform is not None:
        cleaned = [transform(u) for u in cleaned]
    lookup = np.array([u if u else None for u in cleaned] + [None], dtype=object)
    return lookup[codes]


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _compose_address(frame: pd.DataFrame, parts: dict[str, str]) -> np.ndarray:
    """``Kerkstraat 12A-2`` from street, number, letter and addition columns."""
    street = frame[parts["street"]].astype(object).fillna("").astype(str).str.strip()
    number = pd.Series(_text(frame[parts["number"]]), index=frame.index).fillna("")
    text = street + " " + number
    if "letter" in parts:
        text = text + frame[parts["letter"]].astype(object).fillna("").astype(str).str.strip()
    if "addition" in parts:
        addition = frame[parts["addition"]].astype(object).fillna("").astype(str).str.strip()
        text = text + addition.where(addition == "", "-" + addition)
    text = text.str.strip()
    return text.where(text != "", None).to_numpy(dtype=object, na_value=None)


def _most_probable_system(frame: pd.DataFrame, systems: list[tuple[str, str | None]]) -> np.ndarray:
    n = len(frame)
    probabilities = np.vstack(
        [parse_numbers(frame[p])[0] if p is not None else np.full(n, np.nan) for _, p in systems]
    )
    names = np.vstack([_text(frame[s]) for s, _ in systems])
    # without a probability a system ranks below any stated one, earlier systems first
    rank = -1.0 - np.arange(len(systems), dtype=float)[:, None]
    filled = np.where(np.isnan(probabilities), rank, probabilities)
    filled = np.where(pd.isna(names), -np.inf, filled)
    best = np.argmax(filled, axis=0)
    result = names[best, np.arange(names.shape[1])]
    return result


def _convert_extra(extra: pd.DataFrame) -> pd.DataFrame:
    """Text columns whose every value is a number (without leading zeros) become numbers."""
    converted = {}
    for column in extra.columns:
        series = extra[column]
        if pd.api.types.is_numeric_dtype(series.dtype):
            continue
        present = series.dropna()
        if len(present) == 0:
            continue
        sample = present.astype(str).str.strip()
        if sample.str.match(r"^0\d").any():
            continue  # codes with leading zeros stay text
        numbers, bad = parse_numbers(series)
        if not bad.any():
            converted[column] = numbers
    if converted:
        extra = extra.assign(**converted)
    return extra
