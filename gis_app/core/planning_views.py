"""Plain data for the planning charts, derived from a plan result (no Qt).

Each function takes the tables of a ``PlanResult`` (see docs/ARCHITECTURE.md,
"Planning") and returns small arrays or DataFrames that a chart draws as they are.
Everything is vectorised: the sizes of the outputs depend on the number of months
or clusters, never on a loop over buildings.

Decisions:

* Time series are sampled on the first day of every month from the plan start to
  the month after the last completion; a chart of monthly points reads well and the
  arrays stay small at 300,000 buildings.
* "Safe" means the building's ``completion`` has passed. Buildings the planner did
  not schedule (no measure needed) are not counted: the charts show the work.
* Remaining risk at time *t* is the annual risk still carried, the sum of
  LPR x persons of the buildings not yet safe; it is derived per building as
  ``exposure / wait_years`` (the planner's exposure already includes the threat-level
  factor). The area under that curve is the plan's risk exposure. The exposure
  still to come after *t* is returned too.
* Capacity load is the number of construction starts per month against the
  capacity (starts) of the weeks that begin in that month.
* A cluster's colour in the timeline is its dominant risk profile: the most frequent
  profile among its scheduled buildings, ties going to the higher risk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from gis_app.core.schema import PROFILE_UNKNOWN, RISK_PROFILES_WITH_UNKNOWN

YEAR = pd.Timedelta(days=365.25)


def _dates(values) -> np.ndarray:
    if isinstance(values, (pd.Series, np.ndarray)) and np.asarray(values).dtype.kind == "M":
        return np.asarray(values).astype("datetime64[ns]")
    return pd.to_datetime(pd.Series(values), errors="coerce").to_numpy("datetime64[ns]")


def _text(series: pd.Series) -> np.ndarray:
    """Values as a numpy object array (no string-dtype conversion: fast comparisons)."""
    return series.to_numpy(dtype=object)


def month_grid(start, end) -> pd.DatetimeIndex:
    """First days of the months from ``start``'s month to the month after ``end``."""
    start = pd.Timestamp(start).to_period("M").to_timestamp()
    end = (pd.Timestamp(end).to_period("M") + 1).to_timestamp()
    return pd.date_range(start, end, freq="MS")


def _plan_span(schedule: pd.DataFrame, start=None) -> tuple[pd.Timestamp, pd.Timestamp]:
    completion = _dates(schedule["completion"]) if len(schedule) else np.array([], "datetime64[ns]")
    if start is None:
        starts = [c for c in ("prep_start", "construction_start") if c in schedule]
        candidates = [pd.Series(_dates(schedule[c])).min() for c in starts] if len(schedule) else []
        candidates = [c for c in candidates if pd.notna(c)]
        start = min(candidates) if candidates else pd.Timestamp.today().normalize()
    start = pd.Timestamp(start)
    finite = completion[~np.isnat(completion)]
    end = pd.Timestamp(finite.max()) if len(finite) else start
    return start, max(start, end)


# --- capacity -------------------------------------------------------------------------------


def capacity_by_month(capacity: pd.DataFrame) -> pd.DataFrame:
    """Starts and capacity per month: columns ``month``, ``starts``, ``capacity``, ``load``
    (and ``contracted`` when the weekly table has it).

    ``load`` is starts / capacity (NaN where the capacity is zero).
    """
    if capacity is None or not len(capacity):
        return pd.DataFrame({"month": pd.to_datetime([]), "starts": [], "capacity": [], "load": []})
    weeks = pd.to_datetime(capacity["period_start"]).to_numpy("datetime64[ns]")
    months = weeks.astype("datetime64[M]")
    unique, inverse = np.unique(months, return_inverse=True)
    starts = pd.to_numeric(capacity["starts"], errors="coerce").fillna(0.0).to_numpy(float)
    cap = pd.to_numeric(capacity["capacity"], errors="coerce").fillna(0.0).to_numpy(float)
    starts_m = np.bincount(inverse, weights=starts, minlength=len(unique))
    cap_m = np.bincount(inverse, weights=cap, minlength=len(unique))
    with np.errstate(divide="ignore", invalid="ignore"):
        load = np.where(cap_m > 0, starts_m / np.where(cap_m > 0, cap_m, 1.0), np.nan)
    out = pd.DataFrame(
        {
            "month": unique.astype("datetime64[ns]"),
            "starts": starts_m,
            "capacity": cap_m,
            "load": load,
        }
    )
    if "contracted" in capacity.columns:
        contracted = pd.to_numeric(capacity["contracted"], errors="coerce").fillna(0.0)
        out["contracted"] = np.bincount(
            inverse, weights=contracted.to_numpy(float), minlength=len(unique)
        )
    return out


# --- progress over time ---------------------------------------------------------------------


def cumulative_safe(schedule: pd.DataFrame, *, start=None, grid=None) -> pd.DataFrame:
    """Buildings safe by each month, per risk profile.

    Index: ``month`` (first day of the month); columns: the profiles of
    ``RISK_PROFILES_WITH_UNKNOWN`` present in the schedule (always the three known
    ones) and ``totaal``. Value: number of buildings whose completion is on or before
    that date.
    """
    if grid is None:
        grid = month_grid(*_plan_span(schedule, start))
    grid_values = pd.DatetimeIndex(grid).to_numpy("datetime64[ns]")
    completion = _dates(schedule["completion"]) if len(schedule) else np.array([], "datetime64[ns]")
    profiles = _text(schedule["risk_profile"]) if len(schedule) else np.array([], dtype=object)
    columns = {}
    present = set(profiles.tolist())
    for profile in RISK_PROFILES_WITH_UNKNOWN:
        if profile == PROFILE_UNKNOWN and profile not in present:
            continue
        done = np.sort(completion[(profiles == profile) & ~np.isnat(completion)])
        columns[profile] = np.searchsorted(done, grid_values, side="right")
    frame = pd.DataFrame(columns, index=pd.DatetimeIndex(grid, name="month"))
    frame["totaal"] = frame.sum(axis=1)
    return frame


SAFE_PERCENTILES = (("p50", 0.5), ("p90", 0.9), ("p100", 1.0))


def safe_date_points(safe_dates) -> pd.DataFrame:
    """The marked points of the "buildings safe over time" chart: per risk profile, the
    dates by which 50 %, 90 % and all of its buildings with work are safe.

    ``safe_dates``: ``metrics["safe_dates"]`` of a plan (or the metrics themselves).
    Columns: ``profile``, ``percentile`` (``p50``/``p90``/``p100``), ``share`` (0.5, 0.9,
    1.0), ``date`` (Timestamp), ``count`` (buildings of that profile safe by then at
    least: ``ceil(share x n)``, the y value on the cumulative chart of the same plan).
    """
    if isinstance(safe_dates, dict) and "safe_dates" in safe_dates:
        safe_dates = safe_dates["safe_dates"]
    rows = []
    for profile in RISK_PROFILES_WITH_UNKNOWN:
        entry = (safe_dates or {}).get(profile)
        if not entry:
            continue
        n = int(entry.get("n", 0))
        for key, share in SAFE_PERCENTILES:
            if entry.get(key) is None:
                continue
            rows.append(
                {
                    "profile": profile,
                    "percentile": key,
                    "share": share,
                    "date": pd.Timestamp(entry[key]),
                    "count": int(np.ceil(share * n)),
                }
            )
    return pd.DataFrame(rows, columns=["profile", "percentile", "share", "date", "count"])


def exposure_over_time(schedule: pd.DataFrame, *, start=None, grid=None) -> pd.DataFrame:
    """Remaining risk per month: ``annual_risk`` and ``exposure_to_go``.

    ``annual_risk``: expected fatalities per year still carried at that date (sum of
    LPR x persons over buildings not yet safe). ``exposure_to_go``: the part of the
    plan's risk exposure (fatality-years) that still lies after that date.
    """
    plan_start, plan_end = _plan_span(schedule, start)
    if grid is None:
        grid = month_grid(plan_start, plan_end)
    grid_index = pd.DatetimeIndex(grid, name="month")
    if not len(schedule):
        zeros = np.zeros(len(grid_index))
        return pd.DataFrame({"annual_risk": zeros, "exposure_to_go": zeros}, index=grid_index)
    completion = _dates(schedule["completion"])
    wait = pd.to_numeric(schedule["wait_years"], errors="coerce").to_numpy(float)
    exposure = pd.to_numeric(schedule["exposure"], errors="coerce").fillna(0.0).to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(wait > 0, exposure / wait, 0.0)
    rate = np.nan_to_num(rate)
    keep = ~np.isnat(completion)
    years = (completion[keep] - np.datetime64(plan_start, "ns")) / np.timedelta64(1, "D") / 365.25
    order = np.argsort(years)
    years, rate = years[order], rate[keep][order]
    # suffix sums: risk of the buildings completing after t
    rate_after = np.concatenate([np.cumsum(rate[::-1])[::-1], [0.0]])
    weighted_after = np.concatenate([np.cumsum((rate * years)[::-1])[::-1], [0.0]])
    t = (
        (grid_index.to_numpy("datetime64[ns]") - np.datetime64(plan_start, "ns"))
        / np.timedelta64(1, "D")
        / 365.25
    )
    first_after = np.searchsorted(years, t, side="right")
    annual = rate_after[first_after]
    to_go = weighted_after[first_after] - np.maximum(t, 0) * annual
    # before the plan start the whole exposure is still to come
    return pd.DataFrame(
        {"annual_risk": annual, "exposure_to_go": np.maximum(to_go, 0.0)}, index=grid_index
    )


# --- the trade-off curve --------------------------------------------------------------------


def tradeoff_curve(
    run_at: Callable[[float], object],
    shares: Sequence[float] | np.ndarray = tuple(np.linspace(0.0, 1.0, 11)),
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> pd.DataFrame:
    """Risk exposure against bespoke share: one plan per setting of the global share.

    ``run_at(share)`` returns a plan result with every cluster at that share (the
    caller builds it from the fast ``Planner``). Columns: ``setting`` (the share
    asked for), ``bespoke_share`` (the share the plan delivers, which includes
    demolition-rebuild and eigen regie, so it never goes below those),
    ``bespoke_buildings``, ``risk_exposure``, ``all_done``. Returns what was computed
    so far when ``cancelled()`` turns true.
    """
    rows = []
    shares = list(shares)
    for i, share in enumerate(shares):
        if cancelled is not None and cancelled():
            break
        metrics = dict(getattr(run_at(float(share)), "metrics", {}) or {})
        rows.append(
            {
                "setting": float(share),
                "bespoke_share": float(metrics.get("bespoke_share", np.nan)),
                "bespoke_buildings": float(metrics.get("bespoke_buildings", np.nan)),
                "risk_exposure": float(metrics.get("risk_exposure", np.nan)),
                "all_done": pd.Timestamp(metrics["all_done"])
                if metrics.get("all_done")
                else pd.NaT,
            }
        )
        if progress is not None:
            progress((i + 1) / len(shares))
    return pd.DataFrame(
        rows, columns=["setting", "bespoke_share", "bespoke_buildings", "risk_exposure", "all_done"]
    )


# --- the timeline ---------------------------------------------------------------------------


def dominant_profile(counts: pd.DataFrame) -> pd.Series:
    """Most frequent profile per row of a counts table, ties to the higher risk."""
    ordered = [p for p in RISK_PROFILES_WITH_UNKNOWN if p in counts.columns]
    if not ordered or not len(counts):
        return pd.Series(PROFILE_UNKNOWN, index=counts.index, dtype=object)
    values = counts[ordered].to_numpy()
    picked = np.asarray(ordered, dtype=object)[np.argmax(values, axis=1)]  # first max = higher risk
    picked[values.sum(axis=1) == 0] = PROFILE_UNKNOWN
    return pd.Series(picked, index=counts.index, dtype=object)


def gantt_rows(plan_clusters: pd.DataFrame, schedule: pd.DataFrame, clusters=None) -> pd.DataFrame:
    """One row per planned cluster, in plan order.

    Columns: ``row`` (0 = first in the order), ``cluster_id``, ``name``, ``start`` (first
    construction start), ``end`` (last completion), ``prep_start`` (first preparation
    start, never after ``start``), ``share``, ``n_buildings``, one count column per risk
    profile, ``dominant`` (dominant profile) and ``bespoke`` (scheduled buildings with
    approach bespoke). Schedule rows are matched on ``plan_cluster`` when present (it
    names the pseudo-clusters of unclustered buildings), else on ``cluster_id``.
    """
    frame = plan_clusters.copy()
    if "position" in frame:
        frame = frame.sort_values("position", kind="stable")
    frame = frame.reset_index(drop=True)
    frame["cluster_id"] = frame["cluster_id"].astype(str)
    frame.insert(0, "row", np.arange(len(frame)))
    frame["start"] = pd.to_datetime(frame["start"], errors="coerce")
    frame["end"] = pd.to_datetime(frame["end"], errors="coerce")
    n = len(frame)
    n_profiles = len(RISK_PROFILES_WITH_UNKNOWN)
    counts = np.zeros((n, n_profiles), dtype=np.int64)
    bespoke = np.zeros(n, dtype=np.int64)
    prep = frame["start"].to_numpy("datetime64[ns]").copy()
    if len(schedule) and n:
        key = "plan_cluster" if "plan_cluster" in schedule else "cluster_id"
        index = pd.Index(frame["cluster_id"].to_numpy(object)).get_indexer(_text(schedule[key]))
        ok = index >= 0
        profile = (
            pd.Index(list(RISK_PROFILES_WITH_UNKNOWN), dtype=object)
            .get_indexer(_text(schedule["risk_profile"]))
            .astype(np.int64)
        )
        profile[profile < 0] = n_profiles - 1
        counts = np.bincount(
            index[ok] * n_profiles + profile[ok], minlength=n * n_profiles
        ).reshape(n, n_profiles)
        is_bespoke = _text(schedule["approach"]) == "bespoke"
        bespoke = np.bincount(index[ok], weights=is_bespoke[ok], minlength=n).astype(np.int64)
        if "prep_start" in schedule:
            values = pd.to_datetime(schedule["prep_start"], errors="coerce").to_numpy(
                "datetime64[ns]"
            )
            valid = ok & ~np.isnat(values)
            big = np.iinfo(np.int64).max
            first = np.full(n, big, dtype=np.int64)
            np.minimum.at(first, index[valid], values[valid].astype(np.int64))
            has = first != big
            earlier = has & (~np.isnat(prep)) & (first < prep.astype(np.int64))
            prep[earlier] = first[earlier].astype("datetime64[ns]")
    for k, profile_name in enumerate(RISK_PROFILES_WITH_UNKNOWN):
        frame[profile_name] = counts[:, k]
    frame["prep_start"] = prep
    frame["dominant"] = dominant_profile(frame[list(RISK_PROFILES_WITH_UNKNOWN)])
    frame["bespoke"] = bespoke
    names = {}
    if clusters is not None and len(clusters):
        names = dict(
            zip(clusters["cluster_id"].astype(str), clusters["name"].astype(str), strict=False)
        )
    own = frame["name"].astype(str).tolist() if "name" in frame else [""] * len(frame)
    frame["name"] = [names.get(c) or own[i] or c for i, c in enumerate(frame["cluster_id"])]
    return frame


# --- columns for the map --------------------------------------------------------------------


def plan_building_columns(buildings: pd.DataFrame, schedule: pd.DataFrame) -> pd.DataFrame:
    """``plan_completion_year`` (float, NaN = not scheduled) and ``plan_approach``
    (``standard``/``bespoke``/"" = not scheduled) aligned to the rows of ``buildings``.

    Buildings that need no work (approach ``none``) get NaN and ``"none"``. Matched on
    the schedule's ``row`` column (row positions) when it has one, else on
    ``building_id`` (duplicate ids keep their last row).
    """
    index = buildings.index
    if not len(schedule):
        return pd.DataFrame(
            {"plan_completion_year": np.full(len(index), np.nan), "plan_approach": ""}, index=index
        )
    if "row" in schedule:
        rows = schedule["row"].to_numpy(np.int64)
        years = np.full(len(index), np.nan)
        approach = np.full(len(index), "", dtype=object)
        completion = _dates(schedule["completion"])
        done_year = completion.astype("datetime64[Y]").astype(np.int64).astype(float) + 1970
        done_year[np.isnat(completion)] = np.nan
        kind = _text(schedule["approach"])
        done_year[kind == "none"] = np.nan
        years[rows] = done_year
        approach[rows] = kind
        return pd.DataFrame({"plan_completion_year": years, "plan_approach": approach}, index=index)
    keyed = schedule.drop_duplicates("building_id", keep="last").set_index(
        schedule.drop_duplicates("building_id", keep="last")["building_id"].astype(str)
    )
    ids = buildings["building_id"].astype(str)
    completion = pd.to_datetime(ids.map(keyed["completion"]), errors="coerce")
    years = completion.dt.year.astype(float).to_numpy()
    approach = ids.map(keyed["approach"].astype(str)).fillna("").to_numpy(object)
    return pd.DataFrame({"plan_completion_year": years, "plan_approach": approach}, index=index)


# --- deadlines ("uiterlijk gereed") ----------------------------------------------------------

MISS_COLUMNS = ["building_id", "cluster_id", "profile", "deadline", "completion", "days_late"]


def deadline_miss_table(misses) -> pd.DataFrame:
    """``metrics["deadline_misses"]`` as a table, most days late first (then building id).

    Columns: ``building_id``, ``cluster_id`` (``zonder-cluster-...`` for a building in no
    cluster), ``profile``, ``deadline`` and ``completion`` (Timestamps), ``days_late``.
    """
    if isinstance(misses, pd.DataFrame):
        return misses
    if isinstance(misses, dict):
        misses = misses.get("deadline_misses")
    frame = pd.DataFrame(list(misses or []), columns=MISS_COLUMNS)
    if not len(frame):
        return frame
    frame["deadline"] = pd.to_datetime(frame["deadline"])
    frame["completion"] = pd.to_datetime(frame["completion"])
    frame["days_late"] = frame["days_late"].astype(int)
    frame = frame.sort_values(["days_late", "building_id"], ascending=[False, True])
    return frame.reset_index(drop=True)


def deadline_miss_summary(misses) -> dict:
    """How many buildings and clusters miss their deadline, and by how much at most
    (``misses``: as for :func:`deadline_miss_table`, or its table):
    ``{"buildings", "clusters", "max_days_late", "by_profile": {profile: buildings}}``."""
    table = deadline_miss_table(misses)
    return {
        "buildings": int(len(table)),
        "clusters": int(table["cluster_id"].nunique()) if len(table) else 0,
        "max_days_late": int(table["days_late"].max()) if len(table) else 0,
        "by_profile": {str(p): int(n) for p, n in table["profile"].value_counts().items()},
    }


def building_rows(buildings: pd.DataFrame, building_ids: Sequence[str]) -> np.ndarray:
    """Row positions in ``buildings`` of the given building ids (unknown ids left out)."""
    if buildings is None or not len(buildings) or not len(building_ids):
        return np.empty(0, dtype=np.int64)
    ids = buildings["building_id"].astype(str)
    return np.flatnonzero(ids.isin([str(b) for b in building_ids]).to_numpy())


def effective_shares(
    group_ids: Sequence[str], shares: dict[str, float | None], global_share: float
) -> dict[str, float]:
    """Every planned group's share written out (own share, else the global one), so a
    computation on a planner built for another global share plans the same thing."""
    return {
        str(g): float(global_share if shares.get(str(g)) is None else shares[str(g)])
        for g in group_ids
    }


def pull_forward_position(clusters: pd.DataFrame, cluster_id: str) -> int:
    """The position lock that puts ``cluster_id`` as far forward as the other clusters'
    locks allow: the first position (1-based) no other cluster is locked at."""
    ids = clusters["cluster_id"].astype(str).to_numpy()
    locks = pd.to_numeric(clusters["lock_position"], errors="coerce").to_numpy(float)
    taken = {int(p) for p, c in zip(locks, ids, strict=True) if np.isfinite(p) and c != cluster_id}
    position = 1
    while position in taken:
        position += 1
    return position


def clusters_pulled_forward(clusters: pd.DataFrame, cluster_id: str) -> pd.DataFrame:
    """A copy of the cluster table with ``cluster_id`` locked at
    :func:`pull_forward_position` (remedy "cluster naar voren"); the rest unchanged."""
    out = clusters.copy()
    mask = (out["cluster_id"].astype(str) == str(cluster_id)).to_numpy()
    if not mask.any():
        raise KeyError(cluster_id)
    out["lock_position"] = pd.to_numeric(out["lock_position"], errors="coerce").astype(float)
    out.loc[mask, "lock_position"] = float(pull_forward_position(clusters, str(cluster_id)))
    return out


def with_buildings_ahead(planning: dict, building_ids: Sequence[str]) -> dict:
    """Planning settings (``PlanningConfig.to_dict``) with ``building_ids`` added to the
    buildings taken ahead of their cluster ("voortrekken"), order kept, no repeats."""
    out = dict(planning)
    out["ahead_of_cluster"] = list(
        dict.fromkeys([*map(str, planning.get("ahead_of_cluster") or []), *map(str, building_ids)])
    )
    return out


def with_deadline(planning: dict, profile: str, value: str | None) -> dict:
    """Planning settings with the deadline of ``profile`` set (``"3y"``, ``"2029-12-31"``)
    or removed (``None``)."""
    out = dict(planning)
    deadlines = dict(planning.get("deadlines") or {})
    if value is None:
        deadlines.pop(profile, None)
    else:
        deadlines[profile] = str(value)
    out["deadlines"] = deadlines
    return out
