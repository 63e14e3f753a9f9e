"""Work packages (werkpakketten): the plan cut into pieces a contractor can take on.

A package is a set of buildings with work from one cluster, handed to one contractor
(aannemer) for one period. The packages table (:data:`PACKAGE_COLUMNS` plus a polygon
outline) lives in ``Project.packages``; which building is in which package is the
building column ``package_id`` (``""`` = in no package), like ``cluster_id`` for
clusters. Functions here are pure: they take and return frames, so the UI can wrap each
operation in an undo command that swaps the old and new state.

How packages are made (:func:`make_packages`):

* Only buildings with work are packaged: those the plan gives a measure other than
  ``none`` and a construction start. Buildings without work are in no package.
* Per cluster (in plan order), the buildings in order of construction start (then BAG
  id) are cut into consecutive packages so that none has more than ``max_buildings``
  buildings or ``max_addresses`` addresses, and none spans more than ``max_weeks``
  weeks of construction starts (a contractor works a package as one stream). With
  contractors configured, a package never holds more buildings than the largest
  contractor can start in ``max_weeks`` weeks (capacity split). A last package of
  at most ``merge_leftover`` (5) buildings joins the package before it in its cluster,
  past the limits by at most that many buildings (0 turns this off).
* Contractor: when the plan attributes starts to contractors (schedule column
  ``contractor``), a package gets the contractor of most of its buildings. Otherwise the
  configured contractors (``PackageSettings.contractors``, else the planning
  configuration's) are assigned greedily in order of period start, each package to the
  contractor with the lowest load relative to its capacity (starts per week) over the
  package's period. Without contractors the field stays empty ("nog toe te wijzen").
* Period: first construction start to last completion of its buildings.

Stable ids (the rule, so the next person can rely on it):

* ``package_id`` = ``<cluster_id>-WP<nn>``, ``nn`` the sequence number of the package
  within its cluster (01, 02, ...). Ids are never renumbered: a new package in a cluster
  gets the next number after the highest one that cluster has.
* Re-planning with existing packages keeps every building where it is if
  (a) its package still exists, (b) the building still has work, and (c) it is still in
  the package's cluster -- or the package was edited by the planner (``manual``), whose
  choice wins over cluster changes. Names, contractors and manual flags are kept.
* Buildings that lost their place (new work, moved cluster) first fill the remaining
  room of their cluster's non-manual packages (in sequence order, by the building and
  address limits), the rest form new packages. Packages left without buildings are
  dropped unless the planner made or edited them (``manual``): an empty manual package is
  the planner's to delete.
* Totals, periods and outlines are always recomputed from the current plan.

Operations (:func:`move_buildings`, :func:`move_clusters`, :func:`merge_packages`,
:func:`split_package`, :func:`new_package`, :func:`set_package_attribute`) mark the
packages they touch ``manual``, so a later re-plan keeps the planner's edit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core.errors import GisAppError
from gis_app.core.i18n import N_, t
from gis_app.core.schema import (
    MEASURE_HEAVY,
    MEASURE_LIGHT,
    MEASURE_NONE,
    MEASURE_REBUILD,
    WORKING_CRS,
)

PACKAGE_COLUMN = "package_id"  # the building column holding the assignment
SETTINGS_KEY = "packages"
NO_CONTRACTOR = ""
OUTLINE_BUFFER_M = 3.0

PACKAGE_COLUMNS: dict[str, str] = {
    "package_id": "object",
    "name": "object",
    "cluster_id": "object",
    "sequence": "int64",
    "contractor": "object",
    "period_start": "datetime64[ms]",
    "period_end": "datetime64[ms]",
    "n_buildings": "int64",
    "n_addresses": "int64",
    "residents": "float64",
    "cost": "float64",
    "n_light": "int64",
    "n_heavy": "int64",
    "n_rebuild": "int64",
    "n_standard": "int64",
    "n_bespoke": "int64",
    "manual": "bool",
}
PACKAGE_LABELS_NL = {
    "package_id": N_("werkpakket-id"),
    "name": N_("naam"),
    "cluster_id": N_("cluster-id"),
    "sequence": N_("volgnummer"),
    "contractor": N_("aannemer"),
    "period_start": N_("start"),
    "period_end": N_("einde"),
    "n_buildings": N_("panden"),
    "n_addresses": N_("adressen"),
    "residents": N_("bewoners"),
    "cost": N_("kosten (EUR)"),
    "n_light": N_("lichte versterking"),
    "n_heavy": N_("zware versterking"),
    "n_rebuild": N_("sloop-nieuwbouw"),
    "n_standard": N_("standaard"),
    "n_bespoke": N_("maatwerk"),
    "manual": N_("handmatig aangepast"),
}


def isin(values, items) -> np.ndarray:
    """``np.isin`` for text: hash-based (numpy's object ``isin`` compares all pairs)."""
    return (
        pd.Series(np.asarray(values, dtype=object), dtype=object)
        .isin(list(items))
        .to_numpy(dtype=bool)
    )


class PackageError(GisAppError):
    """A package operation that cannot be done (unknown package, nothing to split...)."""


@dataclass
class ContractorCapacity:
    name: str
    starts_per_week: float


@dataclass
class PackageSettings:
    """Limits for cutting packages; saved in ``Project.settings["packages"]``.

    Defaults (estimates, editable): a contractor's work stream of at most 50 buildings
    or 80 addresses, whose construction starts lie within half a year.
    """

    max_buildings: int = 50
    max_addresses: int = 80
    max_weeks: int = 26
    #: A last package of a cluster with at most this many buildings joins the package
    #: before it (a contractor does not start a work stream for 1-5 houses); 0 = never.
    merge_leftover: int = 5
    contractors: list[ContractorCapacity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "max_buildings": self.max_buildings,
            "max_addresses": self.max_addresses,
            "max_weeks": self.max_weeks,
            "merge_leftover": self.merge_leftover,
            "contractors": [
                {"name": c.name, "starts_per_week": c.starts_per_week} for c in self.contractors
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PackageSettings:
        data = data or {}
        out = cls()
        for key in ("max_buildings", "max_addresses", "max_weeks"):
            if key in data:
                try:
                    value = int(data[key])
                except (TypeError, ValueError):
                    raise PackageError(
                        t(
                            "pakketinstelling {key}: '{value}' is geen getal",
                            key=key,
                            value=data[key],
                        )
                    ) from None
                if value < 1:
                    raise PackageError(t("pakketinstelling {key} moet minstens 1 zijn", key=key))
                setattr(out, key, value)
        if "merge_leftover" in data:
            try:
                value = int(data["merge_leftover"])
            except (TypeError, ValueError):
                raise PackageError(
                    t(
                        "pakketinstelling merge_leftover: '{merge_leftover}' is geen getal",
                        merge_leftover=data["merge_leftover"],
                    )
                ) from None
            if value < 0:
                raise PackageError(t("pakketinstelling merge_leftover mag niet negatief zijn"))
            out.merge_leftover = value
        for item in data.get("contractors") or []:
            out.contractors.append(
                ContractorCapacity(
                    str(item.get("name", "")), float(item.get("starts_per_week", 0) or 0)
                )
            )
        return out


def settings_from(settings: dict[str, Any] | PackageSettings | None) -> PackageSettings:
    """Package settings from a project settings dict (key ``packages``), with the contractors
    of the planning configuration when the package settings name none."""
    if isinstance(settings, PackageSettings):
        return settings
    settings = settings or {}
    out = PackageSettings.from_dict(settings.get(SETTINGS_KEY))
    if not out.contractors:
        planning = settings.get("planning") or {}
        for item in planning.get("contractors") or []:
            out.contractors.append(
                ContractorCapacity(
                    str(item.get("name", "")), float(item.get("starts_per_week", 0) or 0)
                )
            )
    return out


# --- the plan per building ----------------------------------------------------------------


@dataclass
class PackageContext:
    """The plan aligned with the building rows, computed once per plan.

    Arrays have one entry per building row; ``work`` says which rows can be packaged.
    """

    buildings: gpd.GeoDataFrame
    cluster_id: np.ndarray
    measure: np.ndarray
    approach: np.ndarray
    construction_start: np.ndarray  # datetime64[ms]
    completion: np.ndarray
    cost: np.ndarray
    contractor: np.ndarray | None
    work: np.ndarray
    cluster_order: dict[str, int]
    cluster_names: dict[str, str]

    @property
    def n(self) -> int:
        return len(self.buildings)


def _schedule_of(plan_result: Any) -> pd.DataFrame:
    schedule = getattr(plan_result, "schedule", plan_result)
    if not isinstance(schedule, pd.DataFrame):
        raise PackageError(t("geen planning om werkpakketten van te maken"))
    return schedule


def _datetimes(values: pd.Series | np.ndarray) -> np.ndarray:
    return pd.to_datetime(pd.Series(values), errors="coerce").to_numpy(dtype="datetime64[ms]")


def package_context(
    plan_result: Any, buildings: gpd.GeoDataFrame, clusters: pd.DataFrame | None = None
) -> PackageContext:
    """Align the plan's schedule (by ``building_id``) with the building rows."""
    schedule = _schedule_of(plan_result)
    n = len(buildings)
    if "row" in schedule.columns:
        # the planner gives the row position of each planned building: exact, even with
        # duplicate ids
        first = schedule.drop_duplicates("row") if len(schedule) else schedule
        position = np.full(n, -1, dtype=np.int64)
        rows_in = first["row"].to_numpy(dtype=np.int64)
        valid = (rows_in >= 0) & (rows_in < n)
        position[rows_in[valid]] = np.flatnonzero(valid)
    else:
        first = schedule.drop_duplicates("building_id") if len(schedule) else schedule
        ids = buildings["building_id"].astype(str).to_numpy()
        if len(first):
            position = pd.Index(first["building_id"].astype(str)).get_indexer(ids)
        else:
            position = np.full(n, -1)
    found = position >= 0
    take = np.where(found, position, 0)

    def column(name: str, default: Any, dtype=object) -> np.ndarray:
        out = np.full(n, default, dtype=dtype)
        if name in first.columns and len(first):
            values = first[name].to_numpy()
            out[found] = values[take[found]]
        return out

    cluster_id = column("cluster_id", "")
    if "plan_cluster" in first.columns:
        # buildings in no cluster are planned in pseudo-clusters (per municipality)
        pseudo = column("plan_cluster", "")
        empty = (cluster_id == "") | pd.isna(cluster_id)
        cluster_id[empty] = pseudo[empty]
    own_cluster = (
        buildings["cluster_id"].astype(str).to_numpy() if "cluster_id" in buildings else None
    )
    if own_cluster is not None:
        missing = ~found | (cluster_id == "") | pd.isna(cluster_id)
        cluster_id[missing] = own_cluster[missing]
    cluster_id = np.where(pd.isna(cluster_id), "", cluster_id).astype(object)
    measure = column("measure", MEASURE_NONE)
    approach = column("approach", "")
    start = np.full(n, np.datetime64("NaT"), dtype="datetime64[ms]")
    done = start.copy()
    if len(first):
        if "construction_start" in first:
            start[found] = _datetimes(first["construction_start"])[take[found]]
        if "completion" in first:
            done[found] = _datetimes(first["completion"])[take[found]]
    cost = np.full(n, np.nan)
    if "cost" in first.columns and len(first):
        cost[found] = pd.to_numeric(first["cost"], errors="coerce").to_numpy(dtype=float)[
            take[found]
        ]
    contractor = None
    if "contractor" in first.columns and len(first):
        contractor = column("contractor", "")
        contractor = np.where(pd.isna(contractor), "", contractor).astype(object)
    work = found & (measure != MEASURE_NONE) & ~np.isnat(start)

    order: dict[str, int] = {}
    plan_clusters = getattr(plan_result, "clusters", None)
    if isinstance(plan_clusters, pd.DataFrame) and "cluster_id" in plan_clusters:
        ranked = plan_clusters
        if "position" in ranked:
            ranked = ranked.sort_values("position", kind="stable")
        for i, cid in enumerate(ranked["cluster_id"].astype(str)):
            order.setdefault(cid, i)
    names: dict[str, str] = {}
    if clusters is not None and len(clusters) and "name" in clusters:
        for cid, name in zip(
            clusters["cluster_id"].astype(str), clusters["name"].astype(str), strict=True
        ):
            names[cid] = name
    return PackageContext(
        buildings=buildings,
        cluster_id=cluster_id,
        measure=measure.astype(object),
        approach=approach.astype(object),
        construction_start=start,
        completion=done,
        cost=cost,
        contractor=contractor,
        work=work,
        cluster_order=order,
        cluster_names=names,
    )


# --- cutting ------------------------------------------------------------------------------


def _weeks(stamps: np.ndarray) -> np.ndarray:
    days = stamps.astype("datetime64[D]").astype(np.int64)
    return days // 7


def _cut(
    rows: np.ndarray, ctx: PackageContext, cfg: PackageSettings, max_buildings: int
) -> list[np.ndarray]:
    """Consecutive chunks of ``rows`` (already in order) within the limits; loops per chunk."""
    if len(rows) == 0:
        return []
    # slice first: converting the whole column per cluster made the cut quadratic
    addresses = ctx.buildings["addresses"].array[rows].to_numpy(dtype=np.int64)
    addresses = np.maximum(addresses, 0)
    cum_addr = np.concatenate([[0], np.cumsum(addresses)])
    weeks = _weeks(ctx.construction_start[rows])
    chunks = []
    i = 0
    n = len(rows)
    while i < n:
        end_b = min(n, i + max_buildings)
        end_a = int(np.searchsorted(cum_addr, cum_addr[i] + cfg.max_addresses, side="right")) - 1
        end_t = int(np.searchsorted(weeks, weeks[i] + cfg.max_weeks, side="left"))
        end = max(i + 1, min(end_b, end_a, end_t))
        chunks.append(rows[i:end])
        i = end
    if len(chunks) > 1 and len(chunks[-1]) <= cfg.merge_leftover:
        # a leftover of a few buildings joins its neighbour, even past the limits
        chunks[-2:] = [np.concatenate(chunks[-2:])]
    return chunks


def _ordered_rows(rows: np.ndarray, ctx: PackageContext) -> np.ndarray:
    ids = np.asarray(ctx.buildings["building_id"].array[rows].astype(str))  # slice, then convert
    order = np.lexsort((ids, ctx.construction_start[rows]))
    return rows[order]


def _free_rows_by_cluster(ctx: PackageContext, free: np.ndarray):
    """``(cluster_id, rows)`` of the free rows per cluster, clusters in plan order (then by
    first construction start, then id); one sort for all clusters."""
    rows = np.flatnonzero(free)
    if len(rows) == 0:
        return []
    codes, uniques = pd.factorize(pd.Series(ctx.cluster_id[rows], dtype=object))
    starts = ctx.construction_start[rows].astype(np.int64)
    first = np.full(len(uniques), np.iinfo(np.int64).max)
    np.minimum.at(first, codes, starts)
    big = len(ctx.cluster_order) + 1
    rank = np.array([ctx.cluster_order.get(c, big) for c in uniques], dtype=np.int64)
    names = np.asarray(uniques, dtype=object).astype(str)
    cluster_order = np.lexsort((names, first, rank))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    return [(str(uniques[c]), rows[order[bounds[c] : bounds[c + 1]]]) for c in cluster_order]


def package_id_for(cluster_id: str, sequence: int) -> str:
    return f"{cluster_id or 'geen-cluster'}-WP{sequence:02d}"


def _default_name(ctx: PackageContext, cluster_id: str, sequence: int) -> str:
    base = ctx.cluster_names.get(cluster_id) or cluster_id or t("zonder cluster")
    return t("{base} deel {sequence}", base=base, sequence=sequence)


def empty_packages() -> gpd.GeoDataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=t) for c, t in PACKAGE_COLUMNS.items()})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=WORKING_CRS), crs=WORKING_CRS)


def current_assignment(buildings: pd.DataFrame) -> np.ndarray:
    """The ``package_id`` of every building row (``""`` when none or no column)."""
    if PACKAGE_COLUMN not in buildings:
        return np.full(len(buildings), "", dtype=object)
    values = buildings[PACKAGE_COLUMN].to_numpy(dtype=object)
    return np.where(pd.isna(values), "", values).astype(str).astype(object)


def make_packages(
    plan_result: Any,
    buildings: gpd.GeoDataFrame,
    clusters: pd.DataFrame | None,
    settings: dict[str, Any] | PackageSettings | None = None,
    *,
    existing: pd.DataFrame | None = None,
    assignment: np.ndarray | None = None,
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Packages from a plan; returns ``(packages, assignment)``.

    ``assignment`` (the result) is a Series of ``package_id`` aligned with
    ``buildings.index`` (``""`` = no package). ``existing`` packages and the previous
    ``assignment`` (default: the ``package_id`` column of ``buildings``) are kept by the
    stability rule of the module docstring; pass neither for a fresh cut.
    """
    cfg = settings_from(settings)
    ctx = package_context(plan_result, buildings, clusters)
    previous = (
        current_assignment(buildings)
        if assignment is None
        else np.asarray(assignment, dtype=object)
    )
    old = existing if existing is not None and len(existing) else None
    result = np.full(ctx.n, "", dtype=object)
    meta: dict[str, dict[str, Any]] = {}
    max_buildings = cfg.max_buildings
    capacities = [c.starts_per_week for c in cfg.contractors if c.starts_per_week > 0]
    if capacities:
        max_buildings = max(1, min(max_buildings, int(math.floor(max(capacities) * cfg.max_weeks))))

    if old is not None:
        for record in old.to_dict("records"):
            pid = str(record["package_id"])
            meta[pid] = {
                "name": record.get("name", "") or pid,
                "cluster_id": str(record.get("cluster_id", "")),
                "sequence": int(record.get("sequence", 0) or 0),
                "contractor": record.get("contractor", "") or "",
                "manual": bool(record.get("manual", False)),
            }
        known = isin(previous, np.asarray(list(meta), dtype=object))
        keep_rows = np.flatnonzero(known)
        kept = pd.Series(previous[keep_rows], dtype=object)
        pkg_cluster = kept.map({p: m["cluster_id"] for p, m in meta.items()}).to_numpy(dtype=object)
        manual = kept.map({p: m["manual"] for p, m in meta.items()}).to_numpy(dtype=bool)
        keep = ctx.work[keep_rows] & (manual | (pkg_cluster == ctx.cluster_id[keep_rows]))
        result[keep_rows[keep]] = previous[keep_rows[keep]]

    free = ctx.work & (result == "")
    new_contractor_needed: list[str] = []
    addresses = np.maximum(buildings["addresses"].to_numpy(dtype=np.int64), 0)
    # room left per existing non-manual package, and its cluster's packages in sequence order
    kept = result != ""
    used_b = pd.Series(1, index=result[kept]).groupby(level=0).sum().to_dict() if kept.any() else {}
    used_a = (
        pd.Series(addresses[kept], index=result[kept]).groupby(level=0).sum().to_dict()
        if kept.any()
        else {}
    )
    by_cluster: dict[str, list[str]] = {}
    top_sequence: dict[str, int] = {}
    for pid, m in sorted(meta.items(), key=lambda item: item[1]["sequence"]):
        top_sequence[m["cluster_id"]] = max(top_sequence.get(m["cluster_id"], 0), m["sequence"])
        if not m["manual"]:
            by_cluster.setdefault(m["cluster_id"], []).append(pid)
    for cid, rows in _free_rows_by_cluster(ctx, free):
        rows = _ordered_rows(rows, ctx)
        for pid in by_cluster.get(cid, []):  # fill room left in this cluster's packages
            if len(rows) == 0:
                break
            room_b = max_buildings - int(used_b.get(pid, 0))
            room_a = cfg.max_addresses - int(used_a.get(pid, 0))
            if room_b <= 0 or room_a <= 0:
                continue
            cum = np.cumsum(addresses[rows])
            fit = min(room_b, int(np.searchsorted(cum, room_a, side="right")))
            if fit > 0:
                result[rows[:fit]] = pid
                used_b[pid] = used_b.get(pid, 0) + fit
                used_a[pid] = used_a.get(pid, 0) + int(cum[fit - 1])
                rows = rows[fit:]
        sequence = top_sequence.get(cid, 0)
        for chunk in _cut(rows, ctx, cfg, max_buildings):
            sequence += 1
            pid = package_id_for(cid, sequence)
            while pid in meta:  # an id taken by a package of another origin
                sequence += 1
                pid = package_id_for(cid, sequence)
            meta[pid] = {
                "name": _default_name(ctx, cid, sequence),
                "cluster_id": cid,
                "sequence": sequence,
                "contractor": NO_CONTRACTOR,
                "manual": False,
            }
            result[chunk] = pid
            new_contractor_needed.append(pid)
        top_sequence[cid] = sequence

    used = set(np.unique(result[result != ""]).tolist())
    meta = {p: m for p, m in meta.items() if p in used or m["manual"]}
    packages = summarise(result, ctx, meta)
    packages = _assign_contractors(packages, result, ctx, cfg, set(new_contractor_needed))
    return packages, pd.Series(result, index=buildings.index, name=PACKAGE_COLUMN, dtype=object)


def _assign_contractors(
    packages: gpd.GeoDataFrame,
    result: np.ndarray,
    ctx: PackageContext,
    cfg: PackageSettings,
    todo: set[str],
) -> gpd.GeoDataFrame:
    if not todo or len(packages) == 0:
        return packages
    chosen: dict[str, str] = {}
    if ctx.contractor is not None:
        todo_ids = np.asarray(sorted(todo), dtype=object)
        mask = isin(result, todo_ids) & (ctx.contractor != "")
        if mask.any():
            pairs = pd.DataFrame({"p": result[mask], "c": ctx.contractor[mask].astype(str)})
            counts = pairs.groupby(["p", "c"]).size().reset_index(name="n")
            counts = counts.sort_values(["p", "n", "c"], ascending=[True, False, True])
            chosen = dict(counts.drop_duplicates("p")[["p", "c"]].itertuples(index=False))
    else:
        contractors = [c for c in cfg.contractors if c.name]
        if not contractors:
            return packages
        week = _week_numbers(packages["period_start"])
        week_end = _week_numbers(packages["period_end"])
        week_end = np.where(week_end < week, week, week_end)
        origin = int(week.min()) if len(week) else 0
        horizon = int(week_end.max()) - origin + 2 if len(week) else 1
        load = {c.name: np.zeros(max(horizon, 1)) for c in contractors}
        sizes = packages["n_buildings"].to_numpy(dtype=float)
        ids = packages["package_id"].to_numpy(dtype=object)
        current = packages["contractor"].to_numpy(dtype=object)
        # density: buildings per week over the package period, so overlap is comparable
        for i in range(len(packages)):
            if ids[i] not in todo and current[i] in load:
                s, e = week[i] - origin, week_end[i] - origin
                load[current[i]][s : e + 1] += sizes[i] / (e - s + 1)
        pending = [i for i in np.lexsort((ids.astype(str), week)) if ids[i] in todo]
        for i in pending:
            s, e = week[i] - origin, week_end[i] - origin
            extra = sizes[i] / (e - s + 1)
            best_name, best_score = None, math.inf
            for contractor in contractors:
                capacity = max(contractor.starts_per_week, 1e-9)
                score = (load[contractor.name][s : e + 1].max() + extra) / capacity
                if score < best_score:
                    best_name, best_score = contractor.name, score
            load[best_name][s : e + 1] += extra
            chosen[ids[i]] = best_name
    if not chosen:
        return packages
    packages = packages.copy()
    mapped = packages["package_id"].map(chosen)
    packages["contractor"] = mapped.where(mapped.notna(), packages["contractor"]).astype(object)
    return packages


def _week_numbers(values: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(values).to_numpy(dtype="datetime64[D]")
    days = np.where(np.isnat(stamps), np.datetime64("1970-01-01"), stamps).astype(np.int64)
    return days // 7


# --- totals -------------------------------------------------------------------------------


def summarise(
    result: np.ndarray, ctx: PackageContext, meta: dict[str, dict[str, Any]]
) -> gpd.GeoDataFrame:
    """The packages table for ``meta`` (id -> name, cluster, sequence, contractor, manual)
    with totals, periods and outlines computed from the assignment ``result``."""
    if not meta:
        return empty_packages()
    ids = list(meta)
    index = pd.Index(ids)
    code = index.get_indexer(result.astype(object))
    member = code >= 0
    rows = np.flatnonzero(member)
    k = len(ids)
    codes = code[rows]

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(codes[mask[rows]], minlength=k).astype(np.int64)

    b = ctx.buildings
    addresses = b["addresses"].to_numpy(dtype=np.int64)
    residents = (
        pd.to_numeric(b["residents"], errors="coerce").to_numpy(dtype=float)
        if "residents" in b
        else np.full(ctx.n, np.nan)
    )
    n_build = np.bincount(codes, minlength=k).astype(np.int64)
    n_addr = np.bincount(codes, weights=addresses[rows], minlength=k).astype(np.int64)
    res = np.bincount(codes, weights=np.nan_to_num(residents[rows]), minlength=k)
    has_cost = ~np.isnan(ctx.cost[rows])
    cost = np.bincount(codes[has_cost], weights=ctx.cost[rows][has_cost], minlength=k)
    cost_known = np.bincount(codes[has_cost], minlength=k) > 0
    cost = np.where(cost_known, cost, np.nan)

    start = np.full(k, np.datetime64("NaT"), dtype="datetime64[ms]")
    end = start.copy()
    if len(rows):
        s = ctx.construction_start[rows].astype(np.int64)
        e = ctx.completion[rows].astype(np.int64)
        nat = np.iinfo(np.int64).min
        s_valid = s != nat
        e_valid = e != nat
        smin = np.full(k, np.iinfo(np.int64).max)
        np.minimum.at(smin, codes[s_valid], s[s_valid])
        emax = np.full(k, nat)
        np.maximum.at(emax, codes[e_valid], e[e_valid])
        start = np.where(smin == np.iinfo(np.int64).max, nat, smin).astype("datetime64[ms]")
        end = np.where(emax == nat, nat, emax).astype("datetime64[ms]")

    frame = pd.DataFrame(
        {
            "package_id": ids,
            "name": [str(meta[p]["name"]) for p in ids],
            "cluster_id": [str(meta[p]["cluster_id"]) for p in ids],
            "sequence": np.array([int(meta[p]["sequence"]) for p in ids], dtype=np.int64),
            "contractor": [str(meta[p]["contractor"] or "") for p in ids],
            "period_start": start,
            "period_end": end,
            "n_buildings": n_build,
            "n_addresses": n_addr,
            "residents": res,
            "cost": cost,
            "n_light": count(ctx.measure == MEASURE_LIGHT),
            "n_heavy": count(ctx.measure == MEASURE_HEAVY),
            "n_rebuild": count(ctx.measure == MEASURE_REBUILD),
            "n_standard": count(ctx.approach == "standard"),
            "n_bespoke": count(ctx.approach == "bespoke"),
            "manual": np.array([bool(meta[p]["manual"]) for p in ids], dtype=bool),
        }
    )
    frame = frame.sort_values(["cluster_id", "sequence", "package_id"], kind="stable")
    order = frame.index.to_numpy()
    outlines = _outlines(b, rows, codes, k)[order]
    frame = frame.reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry=outlines, crs=b.crs or WORKING_CRS)


def _outlines(
    buildings: gpd.GeoDataFrame, rows: np.ndarray, codes: np.ndarray, k: int
) -> np.ndarray:
    """Convex hull of each package's footprints, buffered a little: the outline on maps."""
    out = np.full(k, None, dtype=object)
    if len(rows) == 0:
        return out
    geoms = buildings.geometry.to_numpy()[rows]
    valid = ~shapely.is_missing(geoms)
    geoms, owner = geoms[valid], codes[valid]
    if len(geoms) == 0:
        return out
    order = np.argsort(owner, kind="stable")
    present, index = np.unique(owner[order], return_inverse=True)
    # a collection per package (no new point objects): its convex hull is the package's
    points = shapely.geometrycollections(geoms[order], indices=index)
    hulls = shapely.buffer(shapely.convex_hull(points), OUTLINE_BUFFER_M, quad_segs=4)
    out[present] = hulls
    return out


def refresh(
    packages: pd.DataFrame, assignment: pd.Series | np.ndarray, ctx: PackageContext
) -> gpd.GeoDataFrame:
    """Recompute totals, periods and outlines of ``packages`` for ``assignment``."""
    meta = _meta_of(packages)
    return summarise(np.asarray(assignment, dtype=object), ctx, meta)


def _meta_of(packages: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    meta: dict[str, dict[str, Any]] = {}
    if packages is None:
        return meta
    for record in packages.to_dict("records"):
        meta[str(record["package_id"])] = {
            "name": record.get("name", ""),
            "cluster_id": str(record.get("cluster_id", "")),
            "sequence": int(record.get("sequence", 0) or 0),
            "contractor": record.get("contractor", "") or "",
            "manual": bool(record.get("manual", False)),
        }
    return meta


# --- operations (pure; the UI wraps them in undo commands) ---------------------------------


def _require(meta: dict, package_id: str) -> None:
    if package_id not in meta:
        raise PackageError(t("werkpakket '{package_id}' bestaat niet", package_id=package_id))


def move_buildings(
    packages: pd.DataFrame,
    assignment: pd.Series,
    rows: Iterable[int],
    target: str,
    ctx: PackageContext,
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Move building rows (positions) into package ``target`` (``""`` = out of any package).

    Only rows with work can be in a package; others are refused with a :class:`PackageError`.
    """
    meta = _meta_of(packages)
    rows = np.unique(np.asarray(list(rows), dtype=np.int64))
    if target:
        _require(meta, target)
        no_work = rows[~ctx.work[rows]]
        if len(no_work):
            ids = ", ".join(ctx.buildings["building_id"].astype(str).to_numpy()[no_work][:5])
            raise PackageError(
                t("panden zonder werk in de planning kunnen niet in een werkpakket: {ids}", ids=ids)
            )
    values = np.asarray(assignment, dtype=object).copy()
    touched = set(values[rows].tolist()) | {target}
    values[rows] = target
    for pid in touched:
        if pid in meta:
            meta[pid]["manual"] = True
    return summarise(values, ctx, meta), pd.Series(
        values, index=assignment.index, name=PACKAGE_COLUMN
    )


def move_clusters(
    packages: pd.DataFrame,
    assignment: pd.Series,
    cluster_ids: Iterable[str],
    target: str,
    ctx: PackageContext,
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Move all packaged buildings of the clusters into ``target``."""
    wanted = isin(ctx.cluster_id, np.asarray(list(cluster_ids), dtype=object))
    rows = np.flatnonzero(wanted & ctx.work)
    return move_buildings(packages, assignment, rows, target, ctx)


def merge_packages(
    packages: pd.DataFrame,
    assignment: pd.Series,
    package_ids: Iterable[str],
    ctx: PackageContext,
    *,
    into: str | None = None,
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Merge packages into one (``into``, default the first given); the others disappear."""
    ids = list(dict.fromkeys(package_ids))
    meta = _meta_of(packages)
    for pid in ids:
        _require(meta, pid)
    if len(ids) < 2:
        raise PackageError(t("kies minstens twee werkpakketten om samen te voegen"))
    into = into or ids[0]
    _require(meta, into)
    values = np.asarray(assignment, dtype=object).copy()
    values[isin(values, np.asarray(ids, dtype=object))] = into
    for pid in ids:
        if pid != into:
            del meta[pid]
    meta[into]["manual"] = True
    return summarise(values, ctx, meta), pd.Series(
        values, index=assignment.index, name=PACKAGE_COLUMN
    )


def _next_sequence(meta: dict, cluster_id: str) -> int:
    return (
        max([m["sequence"] for m in meta.values() if m["cluster_id"] == cluster_id], default=0) + 1
    )


def new_package(
    packages: pd.DataFrame,
    assignment: pd.Series,
    ctx: PackageContext,
    *,
    cluster_id: str,
    name: str | None = None,
    contractor: str = "",
) -> tuple[gpd.GeoDataFrame, pd.Series, str]:
    """An empty manual package in ``cluster_id``; returns (packages, assignment, new id)."""
    meta = _meta_of(packages)
    sequence = _next_sequence(meta, cluster_id)
    pid = package_id_for(cluster_id, sequence)
    while pid in meta:
        sequence += 1
        pid = package_id_for(cluster_id, sequence)
    meta[pid] = {
        "name": name or _default_name(ctx, cluster_id, sequence),
        "cluster_id": cluster_id,
        "sequence": sequence,
        "contractor": contractor,
        "manual": True,
    }
    values = np.asarray(assignment, dtype=object)
    return summarise(values, ctx, meta), assignment.copy(), pid


def split_package(
    packages: pd.DataFrame,
    assignment: pd.Series,
    package_id: str,
    ctx: PackageContext,
    *,
    rows: Iterable[int] | None = None,
    parts: int = 2,
) -> tuple[gpd.GeoDataFrame, pd.Series, list[str]]:
    """Split a package: move ``rows`` to a new package, or cut it into ``parts`` in start order.

    Returns (packages, assignment, ids of the new packages). New packages get the next
    sequence numbers of the cluster, the name of the original with a suffix and its
    contractor.
    """
    meta = _meta_of(packages)
    _require(meta, package_id)
    values = np.asarray(assignment, dtype=object).copy()
    members = np.flatnonzero(values == package_id)
    if rows is not None:
        groups = [np.intersect1d(np.asarray(list(rows), dtype=np.int64), members)]
        if len(groups[0]) == 0 or len(groups[0]) == len(members):
            raise PackageError(
                t("kies een deel van de panden van het werkpakket om af te splitsen")
            )
    else:
        if parts < 2 or len(members) < parts:
            raise PackageError(
                t(
                    "werkpakket '{package_id}' heeft te weinig panden om in {parts} te splitsen",
                    package_id=package_id,
                    parts=parts,
                )
            )
        ordered = _ordered_rows(members, ctx)
        groups = np.array_split(ordered, parts)[1:]
    base = meta[package_id]
    created = []
    for number, group in enumerate(groups, start=2):
        sequence = _next_sequence(meta, base["cluster_id"])
        pid = package_id_for(base["cluster_id"], sequence)
        while pid in meta:
            sequence += 1
            pid = package_id_for(base["cluster_id"], sequence)
        meta[pid] = {
            "name": f"{base['name']} ({number})",
            "cluster_id": base["cluster_id"],
            "sequence": sequence,
            "contractor": base["contractor"],
            "manual": True,
        }
        values[group] = pid
        created.append(pid)
    meta[package_id]["manual"] = True
    return (
        summarise(values, ctx, meta),
        pd.Series(values, index=assignment.index, name=PACKAGE_COLUMN),
        created,
    )


def remove_package(
    packages: pd.DataFrame, assignment: pd.Series, package_id: str, ctx: PackageContext
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Delete a package; its buildings are in no package afterwards."""
    meta = _meta_of(packages)
    _require(meta, package_id)
    values = np.asarray(assignment, dtype=object).copy()
    values[values == package_id] = ""
    del meta[package_id]
    return summarise(values, ctx, meta), pd.Series(
        values, index=assignment.index, name=PACKAGE_COLUMN
    )


def set_package_attribute(
    packages: pd.DataFrame, package_id: str, column: str, value: Any
) -> gpd.GeoDataFrame:
    """Rename a package or set its contractor (``column`` ``name`` or ``contractor``)."""
    if column not in ("name", "contractor"):
        raise PackageError(
            t("'{column}' van een werkpakket kan niet worden gewijzigd", column=column)
        )
    out = packages.copy()
    hit = out["package_id"] == package_id
    if not hit.any():
        raise PackageError(t("werkpakket '{package_id}' bestaat niet", package_id=package_id))
    out.loc[hit, column] = "" if value is None else str(value)
    out.loc[hit, "manual"] = True
    return out


def choose_packages(
    packages: pd.DataFrame,
    *,
    contractor: str | None = None,
    start: Any = None,
    end: Any = None,
    text: str = "",
) -> list[str]:
    """Ids of the packages that match every given criterion, in table order.

    ``contractor``: exactly that contractor (``""`` = not yet assigned); ``start``/``end``:
    the package's period (first construction start to last completion) overlaps that
    window (either end open); ``text``: in the id, name or contractor, case-insensitive.
    """
    if packages is None or len(packages) == 0:
        return []
    keep = np.ones(len(packages), dtype=bool)
    contractors = (
        packages["contractor"].fillna("").astype(str).str.strip().to_numpy()
        if "contractor" in packages
        else np.full(len(packages), "", dtype=object)
    )
    if contractor is not None:
        keep &= contractors == contractor.strip()
    nat = pd.Series(pd.NaT, index=packages.index)
    period_start = pd.to_datetime(packages.get("period_start", nat), errors="coerce")
    period_end = pd.to_datetime(packages.get("period_end", nat), errors="coerce")
    period_end = period_end.fillna(period_start)
    if start is not None:
        keep &= (period_end >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        keep &= (period_start <= pd.Timestamp(end)).to_numpy()
    needle = text.strip().casefold()
    if needle:
        haystack = (
            packages["package_id"].astype(str)
            + " "
            + packages["name"].fillna("").astype(str)
            + " "
            + contractors
        ).str.casefold()
        keep &= haystack.str.contains(needle, regex=False).to_numpy()
    return packages["package_id"].astype(str)[keep].tolist()


def contractor_names(packages: pd.DataFrame | None, settings: Any = None) -> list[str]:
    """The contractors to pick from: configured ones first, then those on packages."""
    names = [c.name for c in settings_from(settings).contractors if c.name] if settings else []
    if packages is not None and len(packages) and "contractor" in packages:
        names += sorted(
            {c.strip() for c in packages["contractor"].fillna("").astype(str) if c.strip()}
        )
    return list(dict.fromkeys(names))
