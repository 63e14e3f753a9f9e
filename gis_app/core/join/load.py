"""Loading buildings: footprints + risk scores -> the canonical buildings table and a report.

:func:`load_buildings` reads the footprints (:func:`~gis_app.core.io.footprints.read_footprints`),
optionally a risk table (:mod:`gis_app.core.join.table`), maps recognised columns onto
:mod:`gis_app.core.schema` (:mod:`gis_app.core.join.values`), joins them and returns the
buildings with a :class:`~gis_app.core.join.report.JoinReport` that lists everything
repaired, left out or doubtful, with file and row. Nothing is dropped silently.

Decisions:

* **Join**: by building id. Rows of an exposure-database style point table (``point_x``,
  ``point_y`` in RD metres) whose id matches no footprint -- or that have no id -- are
  placed by location: the footprint that contains the point (boundary included). A point
  is only placed on a footprint that has no scores yet; if it hits several overlapping
  footprints, the first in file order is taken.
* **Duplicates**: the first row of an id wins; later rows are listed (with the winning
  row) and not used. The same for two points landing in one footprint.
* **Both sources**: when the footprint file already carries canonical attributes and the
  table has the same attribute, the table value wins where it has one.
* **Profile from LPR**: where a building has no (recognised) profile but does have an
  LPR, the profile is derived with :func:`gis_app.core.schema.profile_from_lpr` and
  ``profile_source`` says ``afgeleid uit LPR``. Where a profile is given and its LPR
  points to another profile, the given profile is kept and the report lists the cases.
* **Column names**: a table column whose name is already used by the footprints gets the
  suffix ``_tabel``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core.errors import InputError
from gis_app.core.i18n import t
from gis_app.core.io import bag
from gis_app.core.io.area import Area
from gis_app.core.io.footprints import read_footprints_deferred
from gis_app.core.io.ids import id_keys
from gis_app.core.io.problems import Problem
from gis_app.core.io.tables import read_table
from gis_app.core.join import per_address
from gis_app.core.join.report import JoinReport, format_count
from gis_app.core.join.table import Table, _prepare_table, start_table
from gis_app.core.join.values import canonicalise
from gis_app.core.schema import (
    BUILDING_COLUMNS,
    COLUMN_DEFAULTS,
    PROFILE_BY_CODE,
    PROFILE_SOURCE_DATA,
    PROFILE_SOURCE_LPR,
    PROFILE_SOURCE_NONE,
    PROFILE_UNKNOWN,
    RISK_PROFILES_WITH_UNKNOWN,
    bag_flagged,
    bag_gone,
    ensure_building_columns,
    profile_codes_from_lpr,
)

#: Attribute columns a project's buildings layer can hold: SQLite stops at 2,000 columns
#: per table, and GeoPackage, planning and work packages add a few of their own.
MAX_BUILDING_COLUMNS = 1_900


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
    area: Area | None = None,
) -> tuple[gpd.GeoDataFrame, JoinReport]:
    """Read footprints (and a risk table), join them, and return buildings + report.

    The buildings follow :data:`gis_app.core.schema.BUILDING_COLUMNS` (then any other
    source columns), EPSG:28992, RangeIndex. Raises :class:`InputError` for unusable input.
    A BAG source (:mod:`gis_app.core.io.bag`) also gives the address table
    (``report.addresses``); ``area`` reads only that part of the footprint file.
    """
    footprints = Path(footprints)
    if bag.is_lvbag_zip(footprints) if footprints.suffix.lower() == ".zip" else False:
        with bag.temporary_workdir() as workdir:
            converted, facts, notes = bag.lvbag_to_geopackage(footprints, Path(workdir))
            buildings, report = load_buildings(
                converted,
                risk,
                id_field=id_field,
                crs=crs,
                risk_id_field=risk_id_field,
                sheet=sheet,
                defer_repair=defer_repair,
                area=area,
            )
        report.footprints_path = str(footprints)
        report.bag_counts.update(facts)
        report.notes.extend(notes)
        for problem in report.problems:
            if problem.path == str(converted):
                problem.path = str(footprints)
        for name, source in report.field_mapping.items():
            report.field_mapping[name] = source.replace(converted.name, footprints.name)
        return buildings, report
    report = JoinReport(str(footprints), str(risk) if risk is not None else None, layer)
    notes: list[str] = []
    problems: list[Problem] = []

    # The table is read and prepared while GDAL reads the footprints: in the worker process
    # when that pays (see _table_in_worker), else in a thread here. The footprints'
    # validity checks may still run while the join does (footprints.PendingRepair).
    with_units = bag.has_units(footprints, layer)
    table_job = None
    if risk is not None and not with_units:
        table_job = start_table(risk, sheet, risk_id_field)

    def load_repairing_first():
        # a deferred repair dropped a footprint: the whole load again, repairing first
        return load_buildings(
            footprints,
            risk,
            id_field=id_field,
            crs=crs,
            layer=layer,
            risk_id_field=risk_id_field,
            sheet=sheet,
            defer_repair=False,
            area=area,
        )

    frame, footprint_problems, rows, pending = read_footprints_deferred(
        footprints, layer=layer, id_field=id_field, crs=crs, defer_repair=defer_repair, area=area
    )
    units = None
    if with_units:
        # the units of the panden read: a pand's units lie within its footprint
        bbox = tuple(float(v) for v in frame.total_bounds) if area is not None else None
        units = bag.unit_addresses(
            frame["building_id"].to_numpy(dtype=object), bag.read_units(footprints, bbox)
        )
        report.bag_counts.update(units.counts)
        report.bag_counts.update(bag.ignored_counts(footprints, bbox))
        report.addresses = units.table
        report.unit_keys = units.keys
    table, table_problems, table_notes = table_job() if table_job else (None, [], [])
    if risk is not None and units is not None:
        # a BAG source: the table may be kept per address (read here, after the units)
        table, table_problems, table_notes = _table_with_units(
            risk, sheet, risk_id_field, frame, units, report
        )
    problems.extend(footprint_problems)
    report.footprints_read = int(rows[-1]) if len(rows) else 0
    report.footprints_read = max(report.footprints_read, _features_read(frame, footprint_problems))

    ids = frame["building_id"].to_numpy(dtype=object)
    geometry_name = frame.geometry.name
    attributes = canonicalise(
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
    if units is not None:
        canonical["addresses"] = units.addresses.astype(float)
        canonical["address"] = units.address
        canonical["postcode"] = units.postcode
        canonical["woonplaats"] = units.woonplaats
        for name in ("addresses", "address", "postcode", "woonplaats"):
            report.field_mapping[name] = f"{footprints.name}: {bag.UNIT_LAYER}"
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
            if frame is None:
                return load_repairing_first()
        table_position = _join(frame, table, report, problems, str(risk))
        if report.address_rows:  # counted in addresses, not in panden
            report.scores_read = report.address_rows
            report.scores_without_footprints = list(report.addresses_unmatched)
        canonical, extra = _combine(canonical, extra, table, table_position)

    buildings = _assemble(frame, canonical, extra, problems, notes, report, str(risk or footprints))
    if pending is not None:
        buildings = pending.apply(buildings, problems)
        if buildings is None:
            return load_repairing_first()
    _check_width(buildings, footprints, risk)
    report.buildings_loaded = len(buildings)
    order = ["building_id", *BUILDING_COLUMNS]
    report.field_mapping = dict(
        sorted(report.field_mapping.items(), key=lambda kv: order.index(kv[0]))
    )
    report.problems = problems
    report.notes = notes
    return buildings, report


def _table_with_units(risk, sheet, risk_id_field, frame, units, report: JoinReport):
    """The risk table next to a BAG source: per pand as usual, or per address aggregated
    to the pand (:mod:`gis_app.core.join.per_address`)."""
    table_frame, problems = read_table(risk, sheet=sheet, categorical_text=True)
    notes: list[str] = []
    if risk_id_field is None and per_address.is_per_address(table_frame):
        table, counts, unmatched = per_address.aggregate(
            table_frame,
            str(risk),
            frame["building_id"].to_numpy(dtype=object),
            units.keys,
            units.table,
            problems,
            notes,
        )
        report.address_rows = len(table_frame)
        report.address_matches = counts
        report.addresses_unmatched = unmatched
        return table, problems, notes
    table = _prepare_table(table_frame, str(risk), risk_id_field, problems, notes)
    return table, problems, notes


def _check_width(buildings, footprints: Path, risk) -> None:
    """Refuse a load whose columns a project file could not store (checked here, not when
    saving: the cause is the input, not the place it is saved to)."""
    width = len(buildings.columns) - 1  # without the geometry
    if width > MAX_BUILDING_COLUMNS:
        sources = footprints.name + (f" en {Path(risk).name}" if risk is not None else "")
        raise InputError(
            t(
                "{sources} geven samen {format_count} kolommen; een project kan er "
                "hoogstens {format_count2} bewaren: laat overbodige kolommen weg",
                sources=sources,
                format_count=format_count(width),
                format_count2=format_count(MAX_BUILDING_COLUMNS),
            ),
            path=footprints if risk is None else risk,
        )


def _features_read(frame, problems: list[Problem]) -> int:
    dropped = sum(p.count for p in problems if p.dropped)
    return len(frame) + dropped


def _join(frame, table: Table, report: JoinReport, problems: list[Problem], path: str):
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
                t("dubbele pand-id in de tabel: de eerste rij telt, de andere zijn niet gebruikt"),
                path,
                rows=table.rows[duplicate].tolist(),
                ids=table.ids_at(duplicate),
                values=[t("eerste: rij {w}", w=int(w)) for w in winners],
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
                        t("meerdere punten in hetzelfde pand: het eerste punt telt"),
                        path,
                        rows=table.rows[lost_rows].tolist(),
                        ids=[str(footprint_ids[f]) for f in footprint_index[losers]],
                        values=[
                            t("eerste: rij {value}", value=int(table.rows[winner_of[int(f)]]))
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


def _combine(canonical, extra: dict, table: Table, position: np.ndarray):
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
                t(
                    "risicoprofiel en LPR spreken elkaar tegen ten opzichte van de norm "
                    "(1e-5): het opgegeven profiel is gehouden"
                ),
            ),
            (
                conflict & ~hard,
                "profile_lpr_conflict_estimate",
                t(
                    "risicoprofiel wijkt af van de schatting uit LPR (grens licht verhoogd "
                    "1e-6 is een schatting): het opgegeven profiel is gehouden"
                ),
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
                        t(
                            "{given_profile}, LPR {value:.2g} wijst op {derived}",
                            given_profile=given_profile,
                            value=value,
                            derived=derived,
                        )
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
            t(
                "{format_count} risicoprofielen afgeleid uit LPR (boven 1e-5: "
                "verhoogd; boven 1e-6: licht verhoogd; anders normaal)",
                format_count=format_count(report.profiles_derived),
            )
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
    status = buildings["bag_status"].to_numpy(dtype=object)
    ids = buildings["building_id"].to_numpy(dtype=object)
    report.bag_gone = ids[bag_gone(status)].tolist()
    report.bag_flagged = ids[bag_flagged(status)].tolist()
    counts = buildings["risk_profile"].value_counts()
    report.profile_counts = {p: int(counts.get(p, 0)) for p in RISK_PROFILES_WITH_UNKNOWN}
    return buildings
