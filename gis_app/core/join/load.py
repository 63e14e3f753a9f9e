"""Loading buildings: footprints + risk scores -> the canonical buildings table and a report.

:func:`load_buildings` reads the footprints (:func:`~gis_app.core.io.footprints.read_footprints`),
optionally a risk table (:func:`~gis_app.core.io.tables.read_table`), maps recognised
columns onto :mod:`gis_app.core.schema` (:mod:`gis_app.core.fields`), joins them and
returns the buildings with a :class:`JoinReport` that lists everything repaired, left
out or doubtful, with file and row. Nothing is dropped silently.

Rules decided here (the issue leaves them open):

* **Join**: by building id. Rows of an exposure-database style point table (``point_x``,
  ``point_y`` in RD metres) whose id matches no footprint -- or that have no id -- are
  placed by location: the footprint that contains the point (boundary included). A point
  is only placed on a footprint that has no scores yet; if it hits several overlapping
  footprints, the first in file order is taken.
* **Duplicates**: the first row of an id wins; later rows are listed (with the winning
  row) and not used. The same for two points landing in one footprint.
* **Both sources**: when the footprint file already carries canonical attributes and the
  table has the same attribute, the table value wins where it has one.
* **Values out of range** are reported with file and row and replaced by "unknown":
  LPR that is not a number (``NaN``, text), negative, or above 1 (it is a probability per
  year); negative or non-numeric residents; an addresses count that is not a whole number
  of at least 0 (then 1; a barn has 0); unknown profile, milestone, measure class or eigen regie flag.
* **Profile from LPR**: where a building has no (recognised) profile but does have an
  LPR, the profile is derived with :func:`gis_app.core.schema.profile_from_lpr` and
  ``profile_source`` says ``afgeleid uit LPR``. Where a profile is given and its LPR
  points to another profile, the given profile is kept and the report lists the cases.
* **Residents**: a residents column is used as is; without one, day and night population
  (exposure-database style) give ``residents = max(day, night)``: the people present at
  the worse time of day.
* **Typology**: a typology column is used as is; without one, ``system_i`` with the highest
  ``s_probability_i`` (exposure-database style).
* **Unknown columns** of the table are kept; those that look numeric (every value a number,
  no leading zeros) become numbers. A table column whose name is already used by the
  footprints gets the suffix ``_tabel``.
* A categorical column found by name (e.g. ``status`` for the milestone) is only used when
  at least one of its values is recognised; otherwise it is kept as an unknown column and
  the report says so (BAG's own ``status`` column holds "Pand in gebruik").
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core import fields
from gis_app.core.errors import GisAppError, InputError
from gis_app.core.io.crs import looks_like_rd
from gis_app.core.io.footprints import read_footprints_deferred
from gis_app.core.io.ids import (
    id_keys,
    normalise_ids_checked,
    refused_id_problem,
    scientific_id_problem,
)
from gis_app.core.io.problems import Problem
from gis_app.core.io.tables import read_table
from gis_app.core.join import worker as workers
from gis_app.core.schema import (
    BUILDING_COLUMNS,
    COLUMN_DEFAULTS,
    MEASURE_ALIASES,
    MILESTONE_ALIASES,
    PROFILE_ALIASES,
    PROFILE_BY_CODE,
    PROFILE_SOURCE_DATA,
    PROFILE_SOURCE_LPR,
    PROFILE_SOURCE_NONE,
    PROFILE_UNKNOWN,
    RISK_PROFILES_WITH_UNKNOWN,
    ensure_building_columns,
    profile_codes_from_lpr,
)

#: Attribute columns a project's buildings layer can hold: SQLite stops at 2,000 columns
#: per table, and GeoPackage, planning and work packages add a few of their own.
MAX_BUILDING_COLUMNS = 1_900

#: How many ids/rows a detail line of :meth:`JoinReport.to_text` shows before "... en N meer".
TEXT_DETAIL_LIMIT = 10

#: Canonical columns that hold text vocabularies, checked value by value.
_VOCABULARIES = {
    "risk_profile": PROFILE_ALIASES,
    "milestone": MILESTONE_ALIASES,
    "measure_class": MEASURE_ALIASES,
}
_VOCABULARY_NAMES_NL = {
    "risk_profile": "risicoprofiel",
    "milestone": "mijlpaal",
    "measure_class": "maatregel",
}
_PROFILE_SOURCES = (PROFILE_SOURCE_DATA, PROFILE_SOURCE_LPR, PROFILE_SOURCE_NONE)


# --- the report -------------------------------------------------------------------------------


@dataclass
class JoinReport:
    """What a load did, for the user: counts first, then every detail with file and row.

    ``problems`` holds the details (see :class:`~gis_app.core.io.problems.Problem`); the
    properties below pick them out by kind.
    """

    footprints_path: str
    risk_path: str | None = None
    layer: str | None = None
    footprints_read: int = 0  # features in the footprint layer
    buildings_loaded: int = 0  # rows in the result
    scores_read: int = 0  # data rows in the risk table (blank lines not counted)
    matched_by_id: int = 0
    matched_by_location: int = 0
    footprints_without_scores: list[str] = field(default_factory=list)  # building ids
    scores_without_footprints: list[tuple[int, str]] = field(default_factory=list)  # (row, id)
    profile_counts: dict[str, int] = field(default_factory=dict)
    profiles_derived: int = 0
    field_mapping: dict[str, str] = field(default_factory=dict)  # canonical -> "file: column"
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    # -- selections ---------------------------------------------------------------------------
    def _of_kind(self, *kinds: str) -> list[Problem]:
        return [p for p in self.problems if p.kind in kinds]

    @property
    def matched(self) -> int:
        return self.matched_by_id + self.matched_by_location

    @property
    def geometries_repaired(self) -> list[str]:
        return [i for p in self._of_kind("geometry_repaired", "geometry_collection") for i in p.ids]

    @property
    def geometries_dropped(self) -> list[str]:
        kinds = (
            "geometry_empty",
            "geometry_not_polygon",
            "geometry_collapsed",
            "geometry_not_finite",
        )
        return [str(i) for p in self._of_kind(*kinds) for i in (p.ids or p.rows)]

    @property
    def duplicate_ids(self) -> list[Problem]:
        return self._of_kind("id_duplicate", "location_duplicate")

    @property
    def values_out_of_range(self) -> list[Problem]:
        return [p for p in self.problems if p.kind.startswith("value_")]

    @property
    def rows_dropped(self) -> int:
        return sum(p.count for p in self.problems if p.dropped)

    # -- output -------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "footprints_path": self.footprints_path,
            "risk_path": self.risk_path,
            "layer": self.layer,
            "footprints_read": self.footprints_read,
            "buildings_loaded": self.buildings_loaded,
            "scores_read": self.scores_read,
            "matched_by_id": self.matched_by_id,
            "matched_by_location": self.matched_by_location,
            "footprints_without_scores": len(self.footprints_without_scores),
            "footprint_ids_without_scores": list(self.footprints_without_scores),
            "scores_without_footprints": [
                {"row": int(r), "id": i} for r, i in self.scores_without_footprints
            ],
            "geometries_repaired": len(self.geometries_repaired),
            "geometries_dropped": len(self.geometries_dropped),
            "rows_dropped": self.rows_dropped,
            "profile_counts": dict(self.profile_counts),
            "profiles_derived_from_lpr": self.profiles_derived,
            "field_mapping": dict(self.field_mapping),
            "notes": list(self.notes),
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_text(self, limit: int = TEXT_DETAIL_LIMIT) -> str:
        """Dutch, readable: counts first, then details capped with "... en N meer"."""
        lines = ["Importverslag", ""]
        source = Path(self.footprints_path).name
        if self.layer:
            source += f" (laag {self.layer})"
        lines.append(f"Panden: {source}")
        lines.append(f"  objecten gelezen:            {_n(self.footprints_read)}")
        lines.append(f"  panden geladen:              {_n(self.buildings_loaded)}")
        lines.append(f"  geometrie hersteld:          {_n(len(self.geometries_repaired))}")
        lines.append(f"  weggelaten (zie details):    {_n(self.rows_dropped)}")
        if self.risk_path:
            lines.append("")
            lines.append(f"Risicotabel: {Path(self.risk_path).name}")
            lines.append(f"  rijen gelezen:               {_n(self.scores_read)}")
            lines.append(f"  gekoppeld op pand-id:        {_n(self.matched_by_id)}")
            if self.matched_by_location:
                lines.append(f"  gekoppeld op locatie:        {_n(self.matched_by_location)}")
            lines.append(
                f"  panden zonder risicogegevens: {_n(len(self.footprints_without_scores))}"
            )
            lines.append(
                f"  risicorijen zonder pand:     {_n(len(self.scores_without_footprints))}"
            )
        duplicates = sum(p.count for p in self.duplicate_ids)
        out_of_range = sum(p.count for p in self.values_out_of_range)
        lines.append("")
        lines.append("Controles")
        lines.append(f"  dubbele id's:                {_n(duplicates)} (eerste rij telt)")
        lines.append(f"  waarden buiten bereik:       {_n(out_of_range)}")
        if self.profile_counts:
            counts = ", ".join(f"{k} {_n(v)}" for k, v in self.profile_counts.items() if v)
            lines.append("")
            lines.append(f"Risicoprofielen: {counts}")
            if self.profiles_derived:
                lines.append(
                    f"  waarvan afgeleid uit LPR:    {_n(self.profiles_derived)} "
                    "(kolom profile_source)"
                )
        if self.field_mapping:
            lines.append("")
            lines.append("Herkende kolommen:")
            for canonical, source_column in self.field_mapping.items():
                lines.append(f"  {canonical:<16} <- {source_column}")
        details = []
        if self.risk_path and self.scores_without_footprints:
            shown = [f"rij {r} ({i or 'geen id'})" for r, i in self.scores_without_footprints]
            details.append(
                f"{Path(self.risk_path).name}: {_n(len(shown))} risicorijen zonder pand: "
                + _capped(shown, limit)
            )
        if self.risk_path and self.footprints_without_scores:
            details.append(
                f"{_n(len(self.footprints_without_scores))} panden zonder risicogegevens: "
                + _capped(self.footprints_without_scores, limit)
            )
        for problem in self.problems:
            details.append(_problem_text(problem, limit))
        for note in self.notes:
            details.append(note)
        if details:
            lines.append("")
            lines.append("Details:")
            lines.extend(f"- {d}" for d in details)
        return "\n".join(lines)


def _n(value: int) -> str:
    return f"{int(value):,}".replace(",", ".")


def _capped(items, limit: int) -> str:
    items = [str(i) for i in items]
    text = ", ".join(items[:limit])
    if len(items) > limit:
        text += f" ... en {_n(len(items) - limit)} meer"
    return text


def _problem_text(problem: Problem, limit: int) -> str:
    where = Path(problem.path).name + ": " if problem.path else ""
    if not (problem.rows or problem.ids or problem.values):
        return where + problem.message
    unit = (
        "object"
        if problem.kind.startswith(("geometry_", "id_", "crs_"))
        and not (
            problem.path and Path(problem.path).suffix.lower() in (".csv", ".txt", ".tsv", ".xlsx")
        )
        else "rij"
    )
    items = []
    count = problem.count
    for k in range(min(count, limit)):
        parts = []
        if k < len(problem.rows):
            parts.append(f"{unit} {problem.rows[k]}")
        if k < len(problem.ids) and problem.ids[k]:
            parts.append(str(problem.ids[k]))
        if k < len(problem.values):
            parts.append(f"'{problem.values[k]}'")
        items.append(" ".join(parts))
    text = f"{where}{problem.message} ({_n(count)}): " + ", ".join(items)
    if count > limit:
        text += f" ... en {_n(count - limit)} meer"
    return text


# --- value parsing ----------------------------------------------------------------------------


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
        if code is None and key in ("", "nan", "none"):
            code = ""
        mapped.append(code)
    bad_lookup = np.array([m is None for m in mapped] + [False])
    lookup = np.array([m or None for m in mapped] + [None], dtype=object)
    return lookup[codes], bad_lookup[codes]


# --- canonical attributes ---------------------------------------------------------------------


@dataclass
class _Attributes:
    """Canonical values of one source (NaN/None = not given), plus kept columns."""

    canonical: dict[str, np.ndarray]
    extra: dict[str, np.ndarray]
    mapping: dict[str, str]


def _canonicalise(
    frame: pd.DataFrame,
    rows: np.ndarray,
    ids: np.ndarray,
    path: str,
    problems: list[Problem],
    notes: list[str],
    *,
    drop: tuple[str, ...] = (),
    convert_extra: bool = False,
) -> _Attributes:
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
                f"{name}: kolom '{source}' lijkt op {_VOCABULARY_NAMES_NL[column]}, maar geen "
                "enkele waarde is herkend; als gewone kolom behouden"
            )
            continue
        report(
            f"value_{column}_unknown",
            f"onbekend {_VOCABULARY_NAMES_NL[column]}: als onbekend gelezen",
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
        report("value_lpr_not_number", "LPR is geen getal: als onbekend gelezen", bad, shown)
        negative = lpr < 0
        report("value_lpr_negative", "LPR is negatief: als onbekend gelezen", negative, shown)
        above = lpr > 1
        report(
            "value_lpr_above_one",
            "LPR is groter dan 1 (een kans per jaar): als onbekend gelezen",
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
            "aantal adressen is geen geheel getal van minstens 0: 1 aangenomen",
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
            "aantal bewoners is geen getal van minstens 0: als onbekend gelezen",
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
                        f"bevolking ({population[key]}) is geen getal: als onbekend gelezen",
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
                    f"{name}: bewoners = het grootste van dag- en nachtbevolking "
                    f"({population['day']}, {population['night']})"
                )

    if "eigen_regie" in mapping:
        raw = frame[mapping["eigen_regie"]]
        flags, known, bad = parse_flags(raw)
        report(
            "value_eigen_regie",
            "eigen regie is geen ja/nee: als nee gelezen",
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
    return _Attributes(canonical, {c: extra[c].to_numpy() for c in extra.columns}, mapping)


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


# --- loading ----------------------------------------------------------------------------------


@dataclass
class _Table:
    ids: np.ndarray | None  # None after _without_ids: then rebuilt from keys where needed
    rows: np.ndarray
    attributes: _Attributes
    points: np.ndarray | None  # shapely points or None
    keys: np.ndarray | None = None  # ids.id_keys(ids), made where the table is read

    def has_id(self) -> np.ndarray:
        return self.keys >= 0 if self.ids is None else self.ids != ""

    def ids_at(self, where) -> list[str]:
        """The ids of some rows (a mask or positions) as text."""
        if self.ids is not None:
            return [str(i) for i in self.ids[where].tolist()]
        # keys exist only for 16-digit ids, so the text is the key with its zeros back
        return [f"{k:016d}" if k >= 0 else "" for k in self.keys[where].tolist()]

    def without_ids(self) -> _Table:
        """This table without its id texts when the keys say it all (for the worker's
        hand-over: pickling 300,000 id strings costs more than the rest of the table)."""
        if self.keys is None:
            return self
        return _Table(None, self.rows, self.attributes, self.points, self.keys)


def load_buildings(
    footprints: str | Path,
    risk: str | Path | None = None,
    *,
    id_field: str | None = None,
    crs: object = None,
    layer: str | None = None,
    risk_id_field: str | None = None,
    sheet: str | int | None = None,
    defer_repair: bool = True,
) -> tuple[gpd.GeoDataFrame, JoinReport]:
    """Read footprints (and a risk table), join them, and return buildings + report.

    The buildings follow :data:`gis_app.core.schema.BUILDING_COLUMNS` (then any other
    source columns), EPSG:28992, RangeIndex. Raises :class:`InputError` for unusable input.
    """
    footprints = Path(footprints)
    report = JoinReport(str(footprints), str(risk) if risk is not None else None, layer)
    notes: list[str] = []
    problems: list[Problem] = []

    # The table is read and prepared while GDAL reads the footprints: in the worker process
    # when that pays (see _table_in_worker), else in a thread here. The footprints'
    # validity checks may still run while the join does (footprints.PendingRepair).
    table_job = _start_table(risk, sheet, risk_id_field) if risk is not None else None
    frame, footprint_problems, rows, pending = read_footprints_deferred(
        footprints, layer=layer, id_field=id_field, crs=crs, defer_repair=defer_repair
    )
    table, table_problems, table_notes = table_job() if table_job else (None, [], [])
    problems.extend(footprint_problems)
    report.footprints_read = int(rows[-1]) if len(rows) else 0
    report.footprints_read = max(report.footprints_read, _features_read(frame, footprint_problems))

    ids = frame["building_id"].to_numpy(dtype=object)
    geometry_name = frame.geometry.name
    attributes = _canonicalise(
        frame.drop(columns=["building_id", geometry_name]),
        rows,
        ids,
        str(footprints),
        problems,
        notes,
    )
    for canonical, source in attributes.mapping.items():
        report.field_mapping[canonical] = f"{footprints.name}: {source}"

    canonical = dict(attributes.canonical)
    extra = dict(attributes.extra)
    table_position = None
    if table is not None:
        problems.extend(table_problems)
        notes.extend(table_notes)
        report.scores_read = len(table.rows)
        for name, source in table.attributes.mapping.items():
            report.field_mapping[name] = f"{Path(risk).name}: {source}"
        if table.points is not None and pending is not None:
            # matching points to footprints needs the repaired footprints
            frame = pending.apply(frame, problems)
            pending = None
            if frame is None:  # a repair dropped a footprint: load again, repairing first
                return load_buildings(
                    footprints,
                    risk,
                    id_field=id_field,
                    crs=crs,
                    layer=layer,
                    risk_id_field=risk_id_field,
                    sheet=sheet,
                    defer_repair=False,
                )
        table_position = _join(frame, table, report, problems, str(risk))
        canonical, extra = _combine(canonical, extra, table, table_position)

    buildings = _assemble(frame, canonical, extra, problems, notes, report, str(risk or footprints))
    if pending is not None:
        buildings = pending.apply(buildings, problems)
        if buildings is None:  # a repair dropped a footprint: load again, repairing first
            return load_buildings(
                footprints,
                risk,
                id_field=id_field,
                crs=crs,
                layer=layer,
                risk_id_field=risk_id_field,
                sheet=sheet,
                defer_repair=False,
            )
    _check_width(buildings, footprints, risk)
    report.buildings_loaded = len(buildings)
    order = ["building_id", *BUILDING_COLUMNS]
    report.field_mapping = dict(
        sorted(report.field_mapping.items(), key=lambda kv: order.index(kv[0]))
    )
    report.problems = problems
    report.notes = notes
    return buildings, report


def _check_width(buildings, footprints: Path, risk) -> None:
    """Refuse a load whose columns a project file could not store (checked here, not when
    saving: the cause is the input, not the place it is saved to)."""
    width = len(buildings.columns) - 1  # without the geometry
    if width > MAX_BUILDING_COLUMNS:
        sources = footprints.name + (f" en {Path(risk).name}" if risk is not None else "")
        raise InputError(
            f"{sources} geven samen {_n(width)} kolommen; een project kan er hoogstens "
            f"{_n(MAX_BUILDING_COLUMNS)} bewaren: laat overbodige kolommen weg",
            path=footprints if risk is None else risk,
        )


#: Below this size a table is parsed here: the hand-over would cost more than it hides.
WORKER_MIN_BYTES = 2_000_000


def _table_in_worker(risk) -> bool:
    """Whether to parse the table in the worker process (measured in BENCHMARKS.md).

    Only when the worker has finished starting: starting it (Python plus pandas, geopandas
    and shapely) takes about a second, and measured on a 300,000-row table a first load
    that waited for a starting worker took 3.6-4.0 s against 3.2-3.4 s in a thread.
    """
    try:
        size = Path(risk).stat().st_size
    except OSError:
        return False  # the reader gives the message
    return size >= WORKER_MIN_BYTES and workers.is_ready()


def _start_table(risk, sheet, risk_id_field):
    """Start reading and preparing the table; returns a function that waits for it.

    Why not a thread alone: the CSV parse and the footprint read both hold the GIL, so
    in two threads they take turns; the worker process runs the parse on another core.
    """
    job = None
    if _table_in_worker(risk):
        job = workers.submit(_read_and_prepare_table_for_handover, risk, sheet, risk_id_field)
    if job is None:
        pool = ThreadPoolExecutor(max_workers=1)
        local = pool.submit(_read_and_prepare_table, risk, sheet, risk_id_field)
        pool.shutdown(wait=False)  # the thread ends when the table is read
        return local.result

    def result():
        try:
            return job.result()
        except GisAppError:
            raise  # a real problem with the file, found in the worker
        except Exception as error:  # noqa: BLE001 - the worker failed, not the file
            workers.discard_if_broken(error)
            return _read_and_prepare_table(risk, sheet, risk_id_field)

    return result


def _read_and_prepare_table_for_handover(risk, sheet, risk_id_field):
    """:func:`_read_and_prepare_table` as the worker process returns it (see _Table)."""
    table, problems, notes = _read_and_prepare_table(risk, sheet, risk_id_field)
    return table.without_ids(), problems, notes


def _read_and_prepare_table(risk, sheet, risk_id_field) -> tuple[_Table, list[Problem], list[str]]:
    table_frame, problems = read_table(risk, sheet=sheet, categorical_text=True)
    notes: list[str] = []
    table = _prepare_table(table_frame, str(risk), risk_id_field, problems, notes)
    return table, problems, notes


def _features_read(frame, problems: list[Problem]) -> int:
    dropped = sum(p.count for p in problems if p.dropped)
    return len(frame) + dropped


def _prepare_table(
    frame: pd.DataFrame,
    path: str,
    id_field: str | None,
    problems: list[Problem],
    notes: list[str],
) -> _Table:
    columns = list(frame.columns)
    rows = frame.index.to_numpy(dtype=np.int64)
    if id_field is not None:
        id_column = fields.resolve_field(columns, id_field)
        if id_column is None:
            raise InputError(
                f"id-kolom '{id_field}' bestaat niet; kolommen: {', '.join(map(str, columns))}",
                path=path,
            )
    else:
        id_column = fields.detect_id_field(columns)
    point_columns = fields.detect_point_columns(columns)
    if id_column is None and point_columns is None:
        raise InputError(
            "geen pand-id-kolom (zoals identificatie, bag_id, pand_id) en geen coördinaten "
            f"(point_x, point_y) gevonden; kolommen: {', '.join(map(str, columns))}",
            path=path,
        )
    if id_column is not None:
        ids, scientific, refused = normalise_ids_checked(frame[id_column])
        if scientific.any():
            problems.append(scientific_id_problem(path, scientific, rows, ids))
        if refused.any():
            values = frame[id_column].to_numpy(dtype=object)
            problems.append(refused_id_problem(path, refused, rows, values, dropped=False))
    else:
        ids = np.full(len(frame), "", dtype=object)
    points = None
    drop = (id_column,) if id_column else ()
    if point_columns is not None:
        x, bad_x = parse_numbers(frame[point_columns[0]])
        y, bad_y = parse_numbers(frame[point_columns[1]])
        finite = np.isfinite(x) & np.isfinite(y)
        if finite.any() and not looks_like_rd(
            (x[finite].min(), y[finite].min(), x[finite].max(), y[finite].max())
        ):
            outside = finite & ~((x > -7000) & (x < 300000) & (y > 289000) & (y < 629000))
            problems.append(
                Problem.for_rows(
                    "value_point_outside_rd",
                    f"coördinaten ({point_columns[0]}, {point_columns[1]}) liggen buiten RD New: "
                    "niet op locatie gekoppeld",
                    path,
                    outside,
                    rows,
                    ids,
                )
            )
            finite &= ~outside
        points = np.full(len(frame), None, dtype=object)
        points[finite] = shapely.points(x[finite], y[finite])
    attributes = _canonicalise(
        frame, rows, ids, path, problems, notes, drop=drop, convert_extra=True
    )
    if id_column is not None:
        attributes.mapping = {"building_id": id_column, **attributes.mapping}
    return _Table(ids, rows, attributes, points, id_keys(ids) if id_column else None)


def _join(frame, table: _Table, report: JoinReport, problems: list[Problem], path: str):
    """Position of each footprint's table row (-1 = none); fills the report's counts."""
    n_table = len(table.rows)
    footprint_ids = frame["building_id"].to_numpy(dtype=object)
    # One hash pass over both id columns (their integer keys when both are in BAG form);
    # everything after is integer work.
    footprint_keys = id_keys(footprint_ids) if table.keys is not None else None
    if footprint_keys is not None:
        codes, uniques = pd.factorize(np.concatenate([table.keys, footprint_keys]))
    else:
        table_ids = table.ids
        if table_ids is None:  # handed over without texts; the footprints need them
            table_ids = np.array(table.ids_at(slice(None)), dtype=object)
        codes, uniques = pd.factorize(np.concatenate([table_ids, footprint_ids]))
    table_codes, footprint_codes = codes[:n_table], codes[n_table:]
    has_id = table.has_id()
    with_id = np.flatnonzero(has_id)
    first_row_of = np.full(len(uniques), -1, dtype=np.int64)
    distinct, first_index = np.unique(table_codes[with_id], return_index=True)
    first_row_of[distinct] = with_id[first_index]
    first = np.zeros(n_table, dtype=bool)
    first[first_row_of[first_row_of >= 0]] = True
    duplicate = has_id & ~first
    if duplicate.any():
        winners = table.rows[first_row_of[table_codes[duplicate]]]
        problems.append(
            Problem(
                "id_duplicate",
                "dubbele pand-id in de tabel: de eerste rij telt, de andere zijn niet gebruikt",
                path,
                rows=table.rows[duplicate].tolist(),
                ids=table.ids_at(duplicate),
                values=[f"eerste: rij {int(w)}" for w in winners],
                dropped=True,
            )
        )
    position = first_row_of[footprint_codes]
    report.matched_by_id = int((position >= 0).sum())
    used = np.zeros(n_table, dtype=bool)
    used[position[position >= 0]] = True

    unplaced = ~used & ~duplicate
    if table.points is not None:
        candidates = np.flatnonzero(unplaced & (table.points != None))  # noqa: E711
        if len(candidates):
            free = position < 0
            tree = shapely.STRtree(frame.geometry.array)
            point_index, footprint_index = tree.query(
                table.points[candidates], predicate="intersects"
            )
            keep = free[footprint_index]
            point_index, footprint_index = point_index[keep], footprint_index[keep]
            order = np.lexsort((footprint_index, point_index))
            point_index, footprint_index = point_index[order], footprint_index[order]
            _, first_hit = np.unique(point_index, return_index=True)
            point_index, footprint_index = point_index[first_hit], footprint_index[first_hit]
            order = np.lexsort((point_index, footprint_index))
            point_index, footprint_index = point_index[order], footprint_index[order]
            _, first_point = np.unique(footprint_index, return_index=True)
            losers = np.setdiff1d(np.arange(len(point_index)), first_point)
            if len(losers):
                lost_rows = candidates[point_index[losers]]
                won_by = candidates[point_index[first_point]]
                winner_of = dict(
                    zip(footprint_index[first_point].tolist(), won_by.tolist(), strict=True)
                )
                problems.append(
                    Problem(
                        "location_duplicate",
                        "meerdere punten in hetzelfde pand: het eerste punt telt",
                        path,
                        rows=table.rows[lost_rows].tolist(),
                        ids=[str(footprint_ids[f]) for f in footprint_index[losers]],
                        values=[
                            f"eerste: rij {int(table.rows[winner_of[int(f)]])}"
                            for f in footprint_index[losers]
                        ],
                        dropped=True,
                    )
                )
                used[lost_rows] = True
            placed = candidates[point_index[first_point]]
            position[footprint_index[first_point]] = placed
            used[placed] = True
            report.matched_by_location = len(placed)
    leftover = ~used & ~duplicate
    report.scores_without_footprints = list(
        zip(table.rows[leftover].tolist(), table.ids_at(leftover), strict=True)
    )
    report.footprints_without_scores = [str(i) for i in footprint_ids[position < 0]]
    return position


def _take(values: np.ndarray, position: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    taken = (
        values[np.maximum(position, 0)] if len(values) else np.empty(len(position), values.dtype)
    )
    missing = position < 0
    if missing.any():
        if taken.dtype.kind == "f":
            taken = taken.copy()
            taken[missing] = np.nan
        else:
            taken = taken.astype(object)
            taken[missing] = None
    return taken


def _combine(canonical, extra: dict, table: _Table, position: np.ndarray):
    combined = dict(canonical)
    for column, values in table.attributes.canonical.items():
        taken = _take(values, position)
        if column in combined:
            have = ~pd.isna(taken)
            base = combined[column]
            if taken.dtype.kind == "f" and np.asarray(base).dtype.kind == "f":
                combined[column] = np.where(have, taken, base)
            else:
                merged = np.asarray(base, dtype=object).copy()
                merged[have] = taken[have]
                combined[column] = merged
        else:
            combined[column] = taken
    extra = dict(extra)
    for column, values in table.attributes.extra.items():
        name = column if column not in extra else f"{column}_tabel"
        extra[name] = _take(values, position)
    return combined, extra


def _assemble(frame, canonical, extra, problems, notes, report: JoinReport, path: str):
    n = len(frame)
    lpr = np.asarray(canonical.get("lpr", np.full(n, np.nan)), dtype=float)
    profile = canonical.get("risk_profile")
    if profile is None:
        profile = np.full(n, None, dtype=object)
    # Worked out on codes: the profile column has a handful of distinct values, and each
    # comparison of 300,000 Python strings costs about 10 ms.
    codes, uniques = pd.factorize(np.asarray(profile, dtype=object), use_na_sentinel=True)
    given = codes >= 0
    standard = {name: code for code, name in enumerate(PROFILE_BY_CODE)}
    # -2: a value the vocabulary kept as it was (never equal to a derived profile)
    given_code = np.array([standard.get(u, -2) for u in uniques] + [-1], dtype=np.int8)[codes]
    lpr_code = profile_codes_from_lpr(lpr)
    known_lpr = ~np.isnan(lpr)
    derive = ~given & known_lpr
    from_lpr = PROFILE_BY_CODE[lpr_code]
    # object arrays throughout: np.where with str scalars would give numpy '<U' arrays that
    # pandas then turns back into 300,000 Python strings
    profile = np.array(profile, dtype=object)
    profile[derive] = from_lpr[derive]
    profile[~given & ~derive] = PROFILE_UNKNOWN
    source_names = np.array([PROFILE_SOURCE_NONE, PROFILE_SOURCE_DATA, PROFILE_SOURCE_LPR], object)
    source = source_names[given.astype(np.int8) + 2 * derive]
    stated_source = canonical.get("profile_source")
    if stated_source is not None:
        keep = ~pd.isna(stated_source) & given
        source = np.where(keep, stated_source, source)
    conflict = given & known_lpr & (lpr_code != given_code) & (given_code != 3)
    if conflict.any():
        ids = frame["building_id"].to_numpy(dtype=object)
        # Against the norm itself (one side verhoogd) the LPR is decisive evidence; between
        # licht verhoogd and normaal it only meets the estimated second threshold.
        hard = conflict & ((given_code == 2) | (lpr_code == 2))
        for mask, kind, message in (
            (
                hard,
                "profile_lpr_conflict",
                "risicoprofiel en LPR spreken elkaar tegen ten opzichte van de norm (1e-5): "
                "het opgegeven profiel is gehouden",
            ),
            (
                conflict & ~hard,
                "profile_lpr_conflict_estimate",
                "risicoprofiel wijkt af van de schatting uit LPR (grens licht verhoogd 1e-6 is "
                "een schatting): het opgegeven profiel is gehouden",
            ),
        ):
            if not mask.any():
                continue
            problems.append(
                Problem(
                    kind,
                    message,
                    path,
                    ids=ids[mask].tolist(),  # already text (normalised ids)
                    values=[
                        f"{given_profile}, LPR {value:.2g} wijst op {derived}"
                        for given_profile, value, derived in zip(
                            profile[mask].tolist(),
                            lpr[mask].tolist(),
                            from_lpr[mask].tolist(),
                            strict=True,
                        )
                    ],
                )
            )
    report.profiles_derived = int(derive.sum())
    if report.profiles_derived:
        notes.append(
            f"{_n(report.profiles_derived)} risicoprofielen afgeleid uit LPR (boven 1e-5: "
            "verhoogd; boven 1e-6: licht verhoogd; anders normaal)"
        )

    data = {"building_id": frame["building_id"].to_numpy(dtype=object)}
    data["risk_profile"] = profile
    data["profile_source"] = source
    data["lpr"] = lpr
    for column, dtype in BUILDING_COLUMNS.items():
        if column in data:
            continue
        values = canonical.get(column)
        if values is None:
            values = np.full(n, COLUMN_DEFAULTS.get(column, ""), dtype=dtype)
        elif column == "eigen_regie":
            values = np.where(pd.isna(values), False, values).astype(bool)
        elif values.dtype == object:  # not given or not usable: the schema's default
            missing = pd.isna(values)
            if missing.any():
                values[missing] = COLUMN_DEFAULTS[column]  # arrays made for this load
        data[column] = values
    for column, values in extra.items():
        if column not in data and column != "geometry":
            data[column] = values
    # One construction in the final column order; object arrays stay object (the schema's
    # dtype) instead of being copied into pandas' str dtype.
    columns = {
        k: pd.Series(v, dtype=object if v.dtype == object else v.dtype, copy=False)
        for k, v in data.items()
    }
    columns["geometry"] = gpd.GeoSeries(
        frame.geometry.values, index=pd.RangeIndex(n), crs=frame.crs
    )
    # copy=False: geopandas would copy (and pandas consolidate) every column, about 0.2 s
    # at 300,000 buildings; copy-on-write keeps the shared arrays safe
    buildings = gpd.GeoDataFrame(
        pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False),
        geometry="geometry",
        crs=frame.crs,
        copy=False,
    )
    ensure_building_columns(buildings, text_checked=True)
    counts = buildings["risk_profile"].value_counts()
    report.profile_counts = {p: int(counts.get(p, 0)) for p in RISK_PROFILES_WITH_UNKNOWN}
    return buildings
