"""The export table: one row per packaged building with its plan, package and cluster.

Built once per export with whole-column operations; every writer takes its columns
from here, so the Shapefile, the GeoPackage, the lists and the PDF never disagree.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from gis_app.core.packages import PACKAGE_COLUMN, PackageContext, isin
from gis_app.core.schema import BUILDING_COLUMNS

#: Columns in the order exports show them (those present); source columns follow.
COLUMN_ORDER = (
    "building_id",
    "package_id",
    "package_name",
    "contractor",
    "cluster_id",
    "cluster_name",
    "address",
    "postcode",
    "woonplaats",
    "addresses",
    "residents",
    "risk_profile",
    "profile_source",
    "lpr",
    "typology",
    "milestone",
    "measure_class",
    "expected_measure",
    "measure",
    "approach",
    "eigen_regie",
    "prep_start",
    "construction_start",
    "completion",
    "wait_months",
    "cost",
)
#: Internal columns never exported.
INTERNAL_COLUMNS = frozenset({"row", "plan_cluster", "exposure", "fid", "geom"})
#: The window's plan columns: English-named copies of ``completion`` and ``approach``.
DUPLICATE_COLUMNS = frozenset({"plan_completion_year", "plan_approach", "plan_told"})
PLAN_COLUMNS = (
    "measure",
    "approach",
    "prep_start",
    "construction_start",
    "completion",
    "wait_months",
    "cost",
)


def export_frame(
    buildings: gpd.GeoDataFrame,
    assignment: pd.Series | np.ndarray,
    packages: pd.DataFrame,
    ctx: PackageContext,
    schedule: pd.DataFrame | None = None,
    clusters: pd.DataFrame | None = None,
    *,
    package_ids: list[str] | None = None,
) -> gpd.GeoDataFrame:
    """Rows of the packaged buildings (of ``package_ids``, default all) in package order."""
    values = np.asarray(assignment, dtype=object)
    wanted = values != ""
    if package_ids is not None:
        wanted &= isin(values, np.asarray(list(package_ids), dtype=object))
    rows = np.flatnonzero(wanted)
    # package order (as in the packages table), then construction start, then id
    order_of = {pid: i for i, pid in enumerate(packages["package_id"].astype(str))}
    pkg_rank = pd.Series(values[rows], dtype=object).map(order_of).fillna(len(order_of)).to_numpy()
    ids = buildings["building_id"].astype(str).to_numpy()[rows]
    starts = ctx.construction_start[rows]
    rows = rows[np.lexsort((ids, starts, pkg_rank))]

    base = buildings.iloc[rows]
    data: dict[str, object] = {}
    data["building_id"] = base["building_id"].astype(str).to_numpy(dtype=object)
    pids = values[rows]
    data["package_id"] = pids
    by_id = packages.set_index(packages["package_id"].astype(str))
    data["package_name"] = _lookup(pids, by_id["name"].to_dict())
    data["contractor"] = _lookup(pids, by_id["contractor"].to_dict())
    data["cluster_id"] = ctx.cluster_id[rows]
    names = ctx.cluster_names
    data["cluster_name"] = _lookup(ctx.cluster_id[rows], names)
    for column in BUILDING_COLUMNS:
        if column in ("building_id", "cluster_id") or column not in base:
            continue
        data[column] = base[column].to_numpy()
    data["measure"] = ctx.measure[rows]
    data["approach"] = ctx.approach[rows]
    if schedule is not None and "row" in schedule.columns and len(schedule):
        position = np.full(len(buildings), -1, dtype=np.int64)
        srows = schedule["row"].to_numpy(dtype=np.int64)
        position[srows] = np.arange(len(schedule))
        take = position[rows]
        found = take >= 0
        for column in ("prep_start", "construction_start", "completion", "wait_years", "cost"):
            if column not in schedule:
                continue
            source = schedule[column].to_numpy()
            if column in ("prep_start", "construction_start", "completion"):
                out = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ms]")
                source = pd.to_datetime(pd.Series(source), errors="coerce").to_numpy(
                    dtype="datetime64[ms]"
                )
            else:
                out = np.full(len(rows), np.nan)
                source = pd.to_numeric(pd.Series(source), errors="coerce").to_numpy(dtype=float)
            out[found] = source[take[found]]
            data[column] = out
    else:
        data["construction_start"] = ctx.construction_start[rows]
        data["completion"] = ctx.completion[rows]
        data["cost"] = ctx.cost[rows]
    for column in base.columns:
        if (
            column in data
            or column == base.geometry.name
            or column in INTERNAL_COLUMNS
            or column in DUPLICATE_COLUMNS
            or column == PACKAGE_COLUMN
        ):
            continue
        data[column] = base[column].to_numpy()
    if "wait_years" in data:
        data["wait_months"] = whole(np.asarray(data.pop("wait_years"), dtype=float) * 12.0)
    ordered = [c for c in COLUMN_ORDER if c in data] + [c for c in data if c not in COLUMN_ORDER]
    frame = pd.DataFrame({c: data[c] for c in ordered})
    for column in ("prep_start", "construction_start", "completion"):
        if column in frame:
            # a plan date is a day: a Date field in every format
            frame[column] = pd.to_datetime(frame[column]).dt.normalize().astype("datetime64[ms]")
    readable_values(frame)
    return gpd.GeoDataFrame(frame, geometry=base.geometry.to_numpy(), crs=buildings.crs)


def whole(values) -> pd.array:
    """Numbers rounded to whole units (half away from zero), missing values kept."""
    numbers = pd.to_numeric(pd.Series(np.asarray(values)), errors="coerce").to_numpy(dtype=float)
    rounded = np.sign(numbers) * np.floor(np.abs(numbers) + 0.5)
    return pd.array(np.where(np.isnan(numbers), np.nan, rounded), dtype="Float64").astype("Int64")


def three_significant(values) -> np.ndarray:
    """LPR and other tiny probabilities to 3 significant digits (``1.49e-03``)."""
    numbers = pd.to_numeric(pd.Series(np.asarray(values)), errors="coerce").to_numpy(dtype=float)
    out = numbers.copy()
    finite = np.isfinite(numbers) & (numbers != 0)
    exponent = np.floor(np.log10(np.abs(numbers[finite])))
    scale = 10.0 ** (2 - exponent)
    out[finite] = np.round(numbers[finite] * scale) / scale
    return out


#: Columns of whole units: euros, persons, counts.
WHOLE_COLUMNS = ("cost", "residents", "addresses")


def readable_values(frame: pd.DataFrame) -> None:
    """Round in place to what the numbers mean: whole euros and persons, years as
    integers (never ``2026,0``), LPR to 3 significant digits."""
    from gis_app.core.labels import is_year_column

    for column in frame.columns:
        values = frame[column]
        if not pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(
            values.dtype
        ):
            continue
        if column in WHOLE_COLUMNS or is_year_column(column):
            frame[column] = whole(values)
        elif column == "lpr":
            frame[column] = three_significant(values)


def _lookup(keys: np.ndarray, mapping: dict) -> np.ndarray:
    """``mapping[key]`` per key as an object array, ``""`` where the key is unknown."""
    values = pd.Series(np.asarray(keys, dtype=object), dtype=object).map(mapping)
    out = values.to_numpy(dtype=object)
    out[pd.isna(out)] = ""
    return out


def candidate_columns(buildings: pd.DataFrame) -> list[str]:
    """The columns :func:`export_frame` will have for ``buildings``, without planning first
    (the export dialog offers them before anything is computed)."""
    present = set(buildings.columns)
    derived = {
        "package_id",
        "package_name",
        "contractor",
        "cluster_id",
        "cluster_name",
        *PLAN_COLUMNS,
    }
    known = [c for c in COLUMN_ORDER if c in derived or c in present]
    geometry = getattr(buildings, "_geometry_column_name", "geometry")
    extra = [
        c
        for c in buildings.columns
        if c not in known
        and c != geometry
        and c not in INTERNAL_COLUMNS
        and c not in DUPLICATE_COLUMNS
        and c != PACKAGE_COLUMN
    ]
    return known + extra
