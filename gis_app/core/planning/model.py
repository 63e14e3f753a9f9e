"""Array preparation: buildings, clusters and configuration turned into numpy arrays once.

The :class:`~gis_app.core.planning.planner.Planner` builds one :class:`PlanningModel` and
reuses it for every recomputation (sliders), so nothing here runs per slider move.

Model decisions (written here because this is where they are made):

* **Measure.** ``expected_measure`` of the canonical buildings (the assessed measure, or the
  one expected from the risk profile). ``none`` needs no work: the building is safe at the
  start date, appears in the schedule with approach ``none`` and uses no capacity.
* **Threat level.** The risk used everywhere is ``threat_factor x LPR``. A building that
  needs work and whose rescaled LPR gives a lower profile (thresholds of
  :func:`gis_app.core.schema.profile_from_lpr`: the Meijdam norm 1e-5 and 1e-6) is a
  *candidate*: for no measure when it falls to ``normaal``, for a light measure when a
  ``verhoogd`` building with heavy work or rebuild falls to ``licht verhoogd``. Candidates
  are always listed; only with ``apply_threat_relief`` does the plan use the lighter measure.
  Buildings without an LPR are never candidates.
* **Risk weight** of a building = rescaled LPR x residents (per year). Unknown LPR: the
  stand-in per profile of the configuration; unknown residents: ``addresses`` x
  ``residents_per_address``.
* **Milestones** (NCG's reporting order). ``bouw_gereed`` / ``afgerond``: the work is done;
  the building is treated as needing no work (counted in ``already_done``).
  ``bouw_gestart``: in construction; it needs no new start and is safe after half its
  construction duration (an estimate: the start date of the works is not in the data).
  ``versterkingsbesluit``: preparation done (construction may start at once);
  ``beoordeling`` / ``normbesluit``: half the preparation remains; earlier milestones: all.
* **Approach.** Bespoke when the measure is rebuild or the owner has eigen regie (forced).
  Of the other buildings with work in a cluster (the *eligible* ones, m of them), the first
  ``floor(s * m + 0.5)`` in *bespoke rank* are bespoke, s being the cluster's share. Bespoke
  rank: heavy work before light work (a bespoke design matters most where residents leave
  their home for months), then the lowest risk weight first (the delay that bespoke work
  brings costs the least safety there), ties by building_id. Raising s only adds bespoke
  buildings.
* **Buildings in no cluster.** With ``unclustered = "trailing"`` (default) they form one
  pseudo-cluster per municipality (the first 4 characters of a BAG id; ``onbekend``
  otherwise), id ``zonder-cluster-<code>``, planned after all real clusters at the global
  share: they are not in a local plan yet, so they come last, but their risk is counted.
  With ``"ignore"`` they are left out of the schedule and counted in the metric
  ``unclustered_ignored``. Either way none is silently lost.
* **BAG status.** Panden that BAG says do not exist (``bag_status`` in
  :data:`gis_app.core.schema.BAG_GONE`) are left out and counted in ``bag_not_existing``.
* **Chain inside a cluster** (fixed, independent of the share): buildings whose preparation
  is further along (milestone) first; within that, the eligible buildings in
  reverse bespoke rank (light before heavy, highest risk first: the standard ones, which
  are prepared soonest, lead), then the forced bespoke ones by preparation, risk, id. The
  buildings that turn bespoke as the share rises sit at the boundary of the two parts.
  Because the chain does not depend on the share, a higher share never finishes a cluster
  earlier (no list-scheduling anomaly): see :mod:`.schedule`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gis_app.core.errors import PlanningError
from gis_app.core.i18n import t
from gis_app.core.planning.config import (
    BESPOKE,
    STANDARD,
    UNCLUSTERED_IGNORE,
    WORK_MEASURES,
    PlanningConfig,
)
from gis_app.core.schema import (
    MEASURE_HEAVY,
    MEASURE_LIGHT,
    MEASURE_NONE,
    MEASURE_REBUILD,
    PROFILE_LICHT,
    PROFILE_NORMAAL,
    PROFILE_UNKNOWN,
    PROFILE_VERHOOGD,
    bag_gone,
    ensure_cluster_columns,
    profile_codes_from_lpr,
)
from gis_app.core.slices import in_slices, slice_parts

#: Measure codes used in the arrays (0 = no work).
MEASURE_CODES = (MEASURE_NONE, MEASURE_LIGHT, MEASURE_HEAVY, MEASURE_REBUILD)
#: Profile codes used in the arrays.
PROFILE_CODES = (PROFILE_VERHOOGD, PROFILE_LICHT, PROFILE_NORMAAL, PROFILE_UNKNOWN)
PSEUDO_PREFIX = "zonder-cluster-"
#: ``deadline_days`` of a building without a deadline (later than any plan).
NO_DEADLINE = np.iinfo(np.int64).max // 4


def week_of(start: dt.date, day: dt.date) -> int:
    """First week index (0 = the week starting at ``start``) that starts on or after ``day``."""
    return int(math.ceil((day - start).days / 7.0))


@dataclass
class CapacityCalendar:
    """Weekly capacity as integer arrays; ``per_contractor`` is (n_contractors, H) or None."""

    weekly: np.ndarray  # int64, length H
    per_contractor: np.ndarray | None
    contractor_names: list[str]


def capacity_arrays(config: PlanningConfig, horizon: int) -> CapacityCalendar:
    """Capacity per week over ``horizon`` weeks from the configuration's calendar(s)."""

    def one(base: int, calendar) -> np.ndarray:
        cap = np.full(horizon, int(base), dtype=np.int64)
        for day, value in sorted(calendar, key=lambda item: item[0]):
            w = max(0, week_of(config.start_date, day))
            if w < horizon:
                cap[w:] = int(value)
        return cap

    if config.contractors:
        per = np.vstack([one(c.starts_per_week, c.calendar) for c in config.contractors])
        return CapacityCalendar(per.sum(axis=0), per, [c.name for c in config.contractors])
    return CapacityCalendar(one(config.starts_per_week, config.capacity_calendar), None, [])


def last_calendar_week(config: PlanningConfig) -> int:
    days = [d for d, _ in config.capacity_calendar]
    for c in config.contractors:
        days += [d for d, _ in c.calendar]
    if not days:
        return 0
    return max(0, max(week_of(config.start_date, d) for d in days))


def per_value(column: pd.Series, fn) -> np.ndarray:
    """``fn(column)`` for an elementwise ``fn`` (a Series in, an array out), computed once per
    distinct value and spread back by its codes: text columns of 300,000 rows hold a handful
    of values, and pandas' string methods cost a Python call per row.

    Only columns whose values are all ``str`` (missing ones aside) take the short way: for
    other values hashing may join values whose text differs (``1`` and ``1.0``). Missing
    values are passed to ``fn`` as they are, in their own rows. Hashing the strings holds
    the GIL: the column is done in slices (:func:`~gis_app.core.slices.in_slices`)."""
    return in_slices(lambda part: _per_value(part, fn), column)


def _per_value(column: pd.Series, fn) -> np.ndarray:
    """:func:`per_value` of one slice."""
    if len(column) == 0 or pd.api.types.infer_dtype(column, skipna=True) != "string":
        return np.asarray(fn(column))
    codes, uniques = pd.factorize(column)
    missing = codes < 0
    if missing.all():
        return np.asarray(fn(column))
    _, first = np.unique(codes, return_index=True)
    if missing.any():
        first = first[1:]  # the code -1 sorts first
    values = np.asarray(fn(column.iloc[first]))
    out = values[np.where(missing, 0, codes)]
    if missing.any():
        out = out.astype(np.result_type(out.dtype, np.asarray(fn(column[missing])).dtype))
        out[missing] = np.asarray(fn(column[missing]))
    return out


def _lengths(values: np.ndarray) -> np.ndarray:
    return np.fromiter(map(len, values), dtype=np.int64, count=len(values))


def _bag_ids(building_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(ok, lengths, text)`` of ids (``str``): which are 16 ASCII digits (a BAG pand id),
    their lengths, and the ids as a numpy text array. numpy works on the text in C
    without holding the GIL, where pandas' string methods make a Python call per id and
    hold it: a worker thread that prepares a plan leaves the UI thread free to draw.
    The conversions that do hold it (lengths, text, and numpy's text casts) take a few
    milliseconds on a slice: callers pass one slice at a time (:func:`in_slices`)."""
    n = len(building_ids)
    lengths = _lengths(building_ids)
    if n == 0:
        return np.zeros(0, dtype=bool), lengths, np.empty(0, dtype="U1")
    text = np.asarray(building_ids, dtype=str)
    width = text.dtype.itemsize // 4
    if width < 16:
        return np.zeros(n, dtype=bool), lengths, text
    chars = _chars(text)[:, :16]
    ok = (lengths == 16) & ((chars >= ord("0")) & (chars <= ord("9"))).all(axis=1)
    return ok, lengths, text


def _chars(text: np.ndarray) -> np.ndarray:
    """The code points of numpy text, one row per string (a view, no copy)."""
    width = text.dtype.itemsize // 4
    return np.ascontiguousarray(text).view(np.uint32).reshape(len(text), width)


def _municipality(building_ids: np.ndarray) -> np.ndarray:
    """The municipality code of each id as numpy text: the first 4 characters of a BAG id
    (16 digits), ``onbekend`` otherwise. Numpy text, not Python strings: sorting it
    (``np.unique``) runs without the GIL, 300,000 Python strings would hold it. Computed
    a slice at a time: the whole column's text and its casts held the GIL for 30 ms and
    more at 300,000 buildings, while the UI thread waited to draw."""
    if not len(building_ids):
        return np.empty(0, dtype="U8")
    return in_slices(_municipality_of_slice, building_ids)


def _municipality_groups(building_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(_municipality(ids), return_inverse=True)``: the distinct municipality
    codes (sorted) and each id's position among them, found a slice at a time. The whole
    column's codes would be one 9.6 MB text array at 300,000 buildings, concatenated and
    sorted in calls that hold the GIL; per slice, only the few distinct codes are kept."""
    if not len(building_ids):
        return np.empty(0, dtype="U8"), np.empty(0, dtype=np.int64)
    parts = [
        np.unique(_municipality_of_slice(part), return_inverse=True)
        for part in slice_parts(building_ids)
    ]
    distinct = np.unique(np.concatenate([found for found, _ in parts]))
    inverse = np.concatenate(
        [np.searchsorted(distinct, found)[positions] for found, positions in parts]
    )
    return distinct, inverse.astype(np.int64)


def _municipality_of_slice(building_ids: np.ndarray) -> np.ndarray:
    ok, lengths, text = _bag_ids(building_ids)
    # 16 characters that are digits but not all ASCII ("isdigit" takes other scripts too)
    for i in np.flatnonzero((lengths == 16) & ~ok):
        ok[i] = building_ids[i].isdigit()
    return np.where(ok, text.astype("U4"), "onbekend").astype("U8")


def _bag_numbers(building_ids: np.ndarray) -> np.ndarray:
    """The number each BAG id (16 ASCII digits) spells, ``-1`` for any other id; computed
    from the digits' code points (numpy arithmetic), not parsed per id."""
    ok, _, text = _bag_ids(building_ids)
    numbers = np.full(len(building_ids), -1, dtype=np.int64)
    if not ok.any():
        return numbers
    # a digit column at a time, in place: a 16-column int64 copy of every id's digits
    # (384 MB at 3,000,000 buildings) made this step grow faster than the ids
    chars = _chars(text[ok])
    spelled = np.zeros(len(chars), dtype=np.int64)
    for k in range(16):
        spelled *= 10
        spelled += chars[:, k]
    spelled -= ord("0") * 1_111_111_111_111_111  # every digit's code point counted as 0..9
    numbers[ok] = spelled
    return numbers


def _id_rank(building_ids: np.ndarray) -> np.ndarray:
    """Rank of each id among the distinct ids as numpy text (the inverse of ``np.unique``;
    a tie-break only). BAG ids (16 ASCII digits each) sort as the numbers they spell:
    sorting integers is several times faster than sorting text, and the numbers are
    found a slice at a time (:func:`in_slices`), so no text cast holds the GIL long."""
    numbers = in_slices(_bag_numbers, building_ids)
    if len(numbers) and (numbers >= 0).all():
        return np.unique(numbers, return_inverse=True)[1].astype(np.int64)
    text = in_slices(lambda ids: np.asarray(ids, dtype=str), building_ids)
    return np.unique(text, return_inverse=True)[1].astype(np.int64)


class PlanningModel:
    """Immutable arrays describing the buildings and clusters of one planning problem.

    Building arrays are indexed 0..n-1 over the *planned* buildings (``rows`` maps them to
    row positions in the buildings table). Group arrays are indexed over the groups: the
    real clusters first (in the order of the clusters table), then pseudo-clusters.
    """

    def __init__(
        self,
        buildings: pd.DataFrame,
        clusters: pd.DataFrame | None,
        config,
        commitments: dict[str, dt.date] | None = None,
    ):
        config.validate()
        self.config = config
        self.n_input = len(buildings)
        clusters = (
            ensure_cluster_columns(pd.DataFrame(clusters).copy())
            if clusters is not None
            else ensure_cluster_columns(pd.DataFrame({"cluster_id": []}))
        )
        for column in ("building_id", "cluster_id", "expected_measure", "risk_profile"):
            if column not in buildings.columns:
                raise PlanningError(t("kolom '{column}' ontbreekt in de panden", column=column))
        cluster_ids = clusters["cluster_id"].astype(str).to_numpy(dtype=object)
        if len(set(cluster_ids)) != len(cluster_ids):
            dup = pd.Series(cluster_ids).value_counts()
            raise PlanningError(
                t(
                    "cluster '{value}' komt {value2} keer voor",
                    value=dup.index[0],
                    value2=dup.iloc[0],
                )
            )

        b_cluster = per_value(
            buildings["cluster_id"], lambda c: c.fillna("").astype(str).to_numpy(dtype=object)
        )
        index = in_slices(pd.Index(cluster_ids, dtype=object).get_indexer, b_cluster)
        clustered = index >= 0
        group = np.where(clustered, index, np.nan)
        unknown = (b_cluster != "") & ~clustered
        n_clusters = len(cluster_ids)
        self.n_unknown_cluster = int(unknown.sum())  # references to a cluster that is gone

        b_ids = in_slices(
            lambda part: part.astype(str).to_numpy(dtype=object), buildings["building_id"]
        )
        # BAG says these do not exist (demolished, never built): never planned, but counted
        gone = (
            in_slices(bag_gone, buildings["bag_status"].to_numpy(dtype=object))
            if "bag_status" in buildings.columns
            else np.zeros(len(buildings), dtype=bool)
        )
        self.bag_not_existing = int(gone.sum())
        loose = ~clustered & ~gone
        if config.unclustered == UNCLUSTERED_IGNORE:
            keep = clustered & ~gone
            pseudo_ids = np.empty(0, dtype=object)
            self.unclustered_ignored = int(loose.sum())
        else:
            keep = ~gone
            pseudo_ids, inverse = _municipality_groups(b_ids[loose])
            pseudo_ids = np.array([str(c) for c in pseudo_ids], dtype=object)
            g = np.zeros(len(buildings), dtype=np.float64)
            g[clustered] = group[clustered]
            g[loose] = n_clusters + inverse
            group = g
            self.unclustered_ignored = 0
        self.unclustered_total = int(loose.sum())

        self.rows = np.flatnonzero(keep).astype(np.int64)
        self.group = np.asarray(group[keep], dtype=np.int64)
        self.building_id = b_ids[keep]
        self.cluster_id_of_building = b_cluster[keep]
        self.n = len(self.rows)
        self.id_rank = _id_rank(self.building_id)

        # --- groups ------------------------------------------------------------------------
        self.group_ids = np.concatenate(
            [cluster_ids, np.array([PSEUDO_PREFIX + c for c in pseudo_ids], dtype=object)]
        ).astype(object)
        self.n_clusters = n_clusters
        self.n_groups = len(self.group_ids)
        self.is_pseudo = np.arange(self.n_groups) >= n_clusters
        names = clusters["name"].astype(str).to_numpy(dtype=object)
        self.group_names = np.concatenate(
            [
                np.where(names == "", cluster_ids, names).astype(object),
                np.array([f"zonder cluster (gemeente {c})" for c in pseudo_ids], dtype=object),
            ]
        )
        share = clusters["approach_share"].to_numpy(dtype=float)
        bad = ~np.isnan(share) & ((share < 0) | (share > 1))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise PlanningError(
                t(
                    "cluster '{value}': aandeel maatwerk {value2} ligt niet tussen 0 en 1",
                    value=cluster_ids[i],
                    value2=share[i],
                )
            )
        self.base_share = np.concatenate([share, np.full(len(pseudo_ids), np.nan)])

        lock_week = np.full(self.n_groups, -1, dtype=np.int64)
        lock_date = np.full(self.n_groups, None, dtype=object)
        for i, text in enumerate(clusters["lock_start"].astype(str)):
            text = text.strip()
            if not text or text.lower() in ("nan", "none", "nat"):
                continue
            try:
                day = dt.date.fromisoformat(text[:10])
            except ValueError:
                raise PlanningError(
                    t(
                        "cluster '{value}': vaste startdatum '{text}' is geen datum",
                        value=cluster_ids[i],
                        text=text,
                    )
                ) from None
            if day < config.start_date:
                raise PlanningError(
                    t(
                        "cluster '{value}': vaste startdatum {isoformat} ligt voor de "
                        "startdatum van het plan ({isoformat2})",
                        value=cluster_ids[i],
                        isoformat=day.isoformat(),
                        isoformat2=config.start_date.isoformat(),
                    )
                )
            lock_week[i] = week_of(config.start_date, day)
            lock_date[i] = day
        self.lock_week = lock_week
        self.lock_date = lock_date
        lock_pos = np.concatenate(
            [clusters["lock_position"].to_numpy(dtype=float), np.full(len(pseudo_ids), np.nan)]
        )
        locked = ~np.isnan(lock_pos)
        if locked.any():
            values = lock_pos[locked]
            if (values < 1).any() or (values != np.round(values)).any():
                i = int(
                    np.flatnonzero(locked & ((lock_pos < 1) | (lock_pos != np.round(lock_pos))))[0]
                )
                raise PlanningError(
                    t(
                        "cluster '{value}': vaste positie {value2:g} moet een geheel getal "
                        "vanaf 1 zijn",
                        value=cluster_ids[i],
                        value2=lock_pos[i],
                    )
                )
            uniq, counts = np.unique(values, return_counts=True)
            if (counts > 1).any():
                pos = uniq[counts > 1][0]
                who = ", ".join(str(c) for c in cluster_ids[lock_pos[:n_clusters] == pos])
                raise PlanningError(
                    t("clusters {who} hebben dezelfde vaste positie {pos:g}", who=who, pos=pos)
                )
        self.lock_position = lock_pos

        # --- buildings ---------------------------------------------------------------------
        sub = buildings.iloc[self.rows] if self.n != len(buildings) else buildings
        measure_text = per_value(
            sub["expected_measure"], lambda c: c.astype(str).str.strip().to_numpy(dtype=object)
        )
        measure = pd.Series(
            in_slices(pd.Index(MEASURE_CODES, dtype=object).get_indexer, measure_text), dtype=float
        ).where(lambda codes: codes >= 0)
        if measure.isna().any():
            i = int(np.flatnonzero(measure.isna().to_numpy())[0])
            text = measure_text[i]
            if text == "":
                measure = measure.fillna(1)  # unknown: light (schema's rule for "onbekend")
            else:
                raise PlanningError(
                    t(
                        "pand {value}: onbekende maatregel '{text}'",
                        value=self.building_id[i],
                        text=text,
                    ),
                    row=int(self.rows[i]),
                )
        measure = measure.to_numpy(dtype=np.int64)
        profile = per_value(
            sub["risk_profile"],
            lambda c: pd.Index(PROFILE_CODES, dtype=object).get_indexer(
                c.astype(str).to_numpy(dtype=object)
            ),
        ).astype(np.int64)
        profile[profile < 0] = 3
        lpr = (
            pd.to_numeric(sub["lpr"], errors="coerce").to_numpy(dtype=float)
            if "lpr" in sub.columns
            else np.full(self.n, np.nan)
        )
        stand_in = np.array([config.lpr_by_profile.get(p, 1e-6) for p in PROFILE_CODES])
        lpr_known = ~np.isnan(lpr)
        lpr_used = np.where(lpr_known, lpr, stand_in[profile])
        factor = float(config.threat_factor)
        lpr_eff = lpr_used * factor

        # the milestone as codes: comparing 300,000 Python strings per milestone is slow
        milestones = ("bouw_gereed", "afgerond", "bouw_gestart", "versterkingsbesluit")
        milestones += ("beoordeling", "normbesluit")
        milestone = (
            per_value(
                sub["milestone"],
                lambda c: pd.Index(milestones, dtype=object).get_indexer(
                    c.astype(str).to_numpy(dtype=object)
                ),
            )
            if "milestone" in sub.columns
            else np.full(self.n, -1, dtype=np.int64)
        )
        started = milestone == 2
        self.already_done = (measure > 0) & ((milestone == 0) | (milestone == 1))
        measure = np.where(self.already_done, 0, measure)

        # threat relief candidates
        # profiles as the codes of profile_codes_from_lpr (0 normaal, 1 licht verhoogd,
        # 2 verhoogd, 3 onbekend); rank: verhoogd 0, licht verhoogd 1, normaal 2, onbekend -1
        new_code = profile_codes_from_lpr(np.where(lpr_known, lpr * factor, np.nan))
        old_code = profile_codes_from_lpr(np.where(lpr_known, lpr, np.nan))
        rank = np.array([2, 1, 0, -1])
        old_rank = rank[old_code]
        new_rank = rank[new_code]
        lower = lpr_known & (measure > 0) & ~started & (new_rank > old_rank)
        to_none = lower & (new_code == 0)
        to_light = lower & (new_code == 1) & (measure >= 2)
        self.relief_to_none = to_none
        self.relief_to_light = to_light
        self.n_relief_none = int(to_none.sum())
        self.n_relief_light = int(to_light.sum())
        self.n_relief = self.n_relief_none + self.n_relief_light
        self.original_measure = measure.copy()
        if config.apply_threat_relief:
            measure = measure.copy()
            measure[to_none] = 0
            measure[to_light] = 1
        self.profile = profile
        self.lpr_eff = lpr_eff
        self.lpr_known = lpr_known

        residents = (
            pd.to_numeric(sub["residents"], errors="coerce").to_numpy(dtype=float)
            if "residents" in sub.columns
            else np.full(self.n, np.nan)
        )
        addresses = (
            pd.to_numeric(sub["addresses"], errors="coerce").fillna(1).to_numpy(dtype=float)
            if "addresses" in sub.columns
            else np.ones(self.n)
        )
        addresses = np.maximum(addresses, 0)
        self.addresses = addresses
        self.residents = np.where(
            np.isnan(residents), np.maximum(addresses, 1) * config.residents_per_address, residents
        )
        self.weight = self.lpr_eff * self.residents
        eigen = (
            sub["eigen_regie"].fillna(False).astype(bool).to_numpy()
            if "eigen_regie" in sub.columns
            else np.zeros(self.n, dtype=bool)
        )
        self.measure = measure
        self.work = measure > 0
        self.in_progress = self.work & started
        self.slotted = self.work & ~self.in_progress
        self.prep_factor = np.select(
            [milestone == 3, (milestone == 4) | (milestone == 5)],
            [0.0, 0.5],
            1.0,
        )
        self.eigen_regie = eigen
        # the measure comes from an assessment (beoordeling done), not from the profile
        self.assessed = (
            per_value(
                sub["measure_class"],
                lambda c: c.fillna("").astype(str).str.strip().to_numpy(dtype=object) != "",
            )
            if "measure_class" in sub.columns
            else np.zeros(self.n, dtype=bool)
        )
        self.forced = self.work & ((measure == 3) | eigen)
        self.eligible = self.work & ~self.forced

        # duration tables [measure code, approach (0 std, 1 bespoke)]
        prep = np.zeros((4, 2))
        cons = np.zeros((4, 2))
        cost = np.zeros((4, 2))
        for mi, m in enumerate(WORK_MEASURES, start=1):
            for ai, a in enumerate((STANDARD, BESPOKE)):
                prep[mi, ai] = config.duration(m, a, "prep")
                cons[mi, ai] = config.duration(m, a, "construction")
                cost[mi, ai] = config.cost(m, a)
        self.prep_table = prep
        self.release_table = np.ceil(prep - 1e-9).astype(np.int64)
        self.construction_table = cons
        self.cost_table = cost
        # the same per building, so a run needs no 2-D fancy indexing
        m = self.measure
        self.prep_std = prep[m, 0] * self.prep_factor
        self.prep_bes = prep[m, 1] * self.prep_factor
        self.release_std = np.ceil(self.prep_std - 1e-9).astype(np.int64)
        self.release_bes = np.ceil(self.prep_bes - 1e-9).astype(np.int64)
        self.dur_std = cons[m, 0]
        self.dur_bes = cons[m, 1]
        self.cost_std = np.where(self.work, cost[m, 0] * self.addresses, 0.0)
        self.cost_bes = np.where(self.work, cost[m, 1] * self.addresses, 0.0)
        self.total_cost_std = float(self.cost_std.sum())
        self.cost_extra = self.cost_bes - self.cost_std

        # which buildings become bespoke first (rank 0 first): heavy work before light work
        # (bespoke design matters most where residents leave their home), then the lowest
        # risk weight first (the delay of bespoke work costs the least safety there),
        # ties by building_id
        order = np.lexsort((self.id_rank, self.weight, -self.measure, ~self.eligible, self.group))
        g_sorted = self.group[order]
        first = np.searchsorted(g_sorted, np.arange(self.n_groups), side="left")
        pos = np.arange(self.n) - first[g_sorted]
        self.eligible_rank = np.full(self.n, -1, dtype=np.int64)
        self.eligible_rank[order] = pos
        self.eligible_rank[~self.eligible] = -1
        self.n_eligible = np.bincount(self.group[self.eligible], minlength=self.n_groups)
        self.n_work = np.bincount(self.group[self.work], minlength=self.n_groups)
        # buildings taken ahead of their cluster get their own start (schedule.py) and
        # leave their cluster's chain; unknown ids are counted, not an error (the building
        # may have been removed since the list was made)
        wanted = pd.Index([str(b) for b in config.ahead_of_cluster], dtype=object)
        if len(wanted):
            self.ahead = self.slotted & pd.Index(self.building_id, dtype=object).isin(wanted)
            self.n_ahead_unknown = int((~wanted.isin(self.building_id)).sum())
        else:
            self.ahead = np.zeros(self.n, dtype=bool)
            self.n_ahead_unknown = 0
        # construction starts promised to residents (commitments): a lock "no later than"
        # on each such building, which leaves its cluster's chain (schedule.py)
        self._set_commitments(commitments or {}, config.start_date)
        self.ahead &= ~self.committed
        # eigen regie: the owner's own aannemer, no start from the pool (schedule.own_pass)
        self.own = self.slotted & self.eigen_regie
        self.own_idx = np.flatnonzero(self.own)
        self.chained = self.slotted & ~self.ahead & ~self.committed & ~self.own
        self.n_slots = np.bincount(self.group[self.chained], minlength=self.n_groups)
        self.n_members = np.bincount(self.group, minlength=self.n_groups)

        # fixed chain of buildings that need a construction start, per group: the eligible
        # ones in reverse bespoke rank (so the standard ones come first and the ones that
        # turn bespoke as the share rises form the tail), then the forced bespoke ones by
        # release, risk weight, id. Independent of the share: see the module docstring.
        std_release = self.release_table[self.measure, 0]
        idx = np.flatnonzero(self.chained)
        forced = self.forced[idx]
        seq = np.lexsort(
            (
                self.id_rank[idx],
                -self.weight[idx],
                np.where(forced, std_release[idx], 0),
                -self.eligible_rank[idx],
                forced,
                self.prep_factor[idx],
                self.group[idx],
            )
        )
        self.members = idx[seq]  # slotted buildings grouped by group, in chain order
        self.member_start = np.concatenate([[0], np.cumsum(self.n_slots)]).astype(np.int64)

        # per-group statistics for ordering and explanations
        self.group_weight = np.bincount(
            self.group[self.work], weights=self.weight[self.work], minlength=self.n_groups
        )
        self.n_verhoogd = np.bincount(self.group[profile == 0], minlength=self.n_groups)
        self.n_licht = np.bincount(self.group[profile == 1], minlength=self.n_groups)
        self.sum_lpr = np.bincount(self.group, weights=lpr_eff, minlength=self.n_groups)

        # horizon and capacity (independent of shares)
        self.max_release = int(self.release_table.max()) if self.n else 0
        base = (
            max(
                last_calendar_week(config),
                self.max_release + max(0, int(self.lock_week.max(initial=-1))),
                int(self.promise_week.max(initial=-1)),
            )
            + 1
        )
        probe = capacity_arrays(config, base + 1)
        tail = int(probe.weekly[-1])
        n_work_total = int(self.work.sum())
        if n_work_total and tail <= 0:
            if probe.weekly.sum() == 0:
                raise PlanningError(
                    t("bouwcapaciteit is 0 bouwstarts per week: er kan niets gepland worden")
                )
            raise PlanningError(
                t(
                    "bouwcapaciteit is 0 vanaf de laatste wijziging in de "
                    "capaciteitskalender: het plan zou nooit gereed komen"
                )
            )
        extra = int(math.ceil(n_work_total / tail)) if n_work_total else 0
        self.horizon = base + extra + 2
        if self.horizon > 200_000:
            raise PlanningError(
                t(
                    "met deze capaciteit duurt het plan meer dan {value} jaar; verhoog de "
                    "bouwcapaciteit",
                    value=self.horizon // 52,
                )
            )
        self.capacity = capacity_arrays(config, self.horizon)
        self.group_index = {str(cid): i for i, cid in enumerate(self.group_ids)}
        self.group_id_index = pd.Index(self.group_ids.astype(str).astype(object))
        # index arrays used by every run's metrics
        self.work_idx = np.flatnonzero(self.work)
        self.work_by_profile = [
            np.flatnonzero(self.work & (self.profile == code)) for code in range(len(PROFILE_CODES))
        ]
        self.lock_of_building = self.lock_week[self.group]
        self.has_locks = bool((self.lock_week >= 0).any())
        # deadlines ("uiterlijk gereed") as days after the start date, per building with work
        # (NO_DEADLINE where its profile has none)
        self.deadline_by_profile = config.deadline_dates()
        days = np.full(len(PROFILE_CODES), NO_DEADLINE, dtype=np.int64)
        for code, name in enumerate(PROFILE_CODES):
            if name in self.deadline_by_profile:
                days[code] = (self.deadline_by_profile[name] - config.start_date).days
        self.deadline_days = np.where(self.work, days[self.profile], NO_DEADLINE)
        self.deadline_idx = np.flatnonzero(self.slotted & (self.deadline_days < NO_DEADLINE))
        self.has_deadlines = bool((self.deadline_days < NO_DEADLINE).any())
        # the ahead-of-cluster buildings by release, then risk (most first), then id
        ahead = np.flatnonzero(self.ahead & ~self.own)
        self.ahead_idx = ahead[
            np.lexsort((self.id_rank[ahead], -self.weight[ahead], self.release_std[ahead]))
        ]
        self._default_order = None

    def _set_commitments(self, commitments: dict[str, dt.date], start: dt.date) -> None:
        """``promise_days`` (days after the start date, promised construction start) and
        ``promise_week`` (the last week whose start is on or before it; negative when the
        promise lies before the plan's start) per building; ``committed`` marks the
        buildings that need a start and carry a promise, ``committed_idx`` them by week."""
        self.promise_days = np.full(self.n, NO_DEADLINE, dtype=np.int64)
        if commitments:
            ids = pd.Index(self.building_id.astype(str))
            keys = list(commitments)
            pos = ids.get_indexer(keys)
            found = pos >= 0
            days = np.fromiter(
                ((commitments[k] - start).days for k in keys), dtype=np.int64, count=len(keys)
            )
            self.promise_days[pos[found]] = days[found]
            self.n_commitments_unknown = int((~found).sum())
        else:
            self.n_commitments_unknown = 0
        has = self.promise_days < NO_DEADLINE
        self.promised = has
        self.committed = self.slotted & has
        self.promise_week = np.where(has, np.floor_divide(self.promise_days, 7), -1)
        idx = np.flatnonzero(self.committed)
        self.committed_idx = idx[np.argsort(self.promise_week[idx], kind="stable")]
        # the ones that take a start from the pool (not eigen regie)
        self.committed_pool_idx = self.committed_idx[~self.eigen_regie[self.committed_idx]]
        self.has_commitments = bool(len(idx))

    # --- per run --------------------------------------------------------------------------
    def shares_array(self, shares=None, global_share: float | None = None) -> np.ndarray:
        """Effective share per group: overrides, else the cluster's own, else the global one."""
        from gis_app.core.planning.config import check_share

        g = check_share(
            self.config.bespoke_share if global_share is None else global_share,
            t("globaal aandeel maatwerk"),
        )
        out = np.where(np.isnan(self.base_share), g, self.base_share)
        if shares is not None:
            items = shares.items() if hasattr(shares, "items") else shares
            for cid, value in items:
                i = self.group_index.get(str(cid))
                if i is None:
                    raise PlanningError(t("onbekend cluster '{cid}'", cid=cid))
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    out[i] = g
                else:
                    out[i] = check_share(value, t("aandeel maatwerk van cluster '{cid}'", cid=cid))
        return out

    def bespoke_mask(self, share_by_group: np.ndarray, idx: np.ndarray | None = None) -> np.ndarray:
        """Bespoke per building for these shares (with ``idx``: for those buildings only)."""
        k = np.floor(share_by_group * self.n_eligible + 0.5).astype(np.int64)
        if idx is None:
            idx = slice(None)
        chosen = self.eligible[idx] & (self.eligible_rank[idx] < k[self.group[idx]])
        return self.forced[idx] | chosen

    def buildings_of(self, group: int) -> np.ndarray:
        """Indices of the buildings of one group (every building, not only the chain)."""
        csr = getattr(self, "_buildings_by_group", None)
        if csr is None:
            order = np.argsort(self.group, kind="stable")
            bounds = np.concatenate(
                [[0], np.cumsum(np.bincount(self.group, minlength=self.n_groups))]
            )
            csr = (order, bounds)
            self._buildings_by_group = csr
        order, bounds = csr
        return order[bounds[group] : bounds[group + 1]]
