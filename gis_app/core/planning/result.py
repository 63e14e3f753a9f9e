"""The outcome of one planning run: arrays, metrics and (lazily built) tables.

:class:`PlanResult` keeps the per-building arrays of the run and computes the metrics at
once; the DataFrames (``schedule``, ``clusters``, ``capacity``) are built on first access
and cached, so a slider move that only reads the metrics pays for no table.

Dates: week ``w`` starts on ``start_date + 7 w`` days; a completion at ``w`` weeks
(fractional for construction durations) is the day ``start_date + round(7 w)``.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from gis_app.core.i18n import decimal_separator, t
from gis_app.core.planning.config import APPROACH_LABELS_NL, WEEKS_PER_YEAR, PlanningConfig
from gis_app.core.planning.deadlines import completion_days, deadline_misses, safe_dates
from gis_app.core.planning.metrics import ExplainabilityCache, explainability, wait_by_profile
from gis_app.core.planning.model import MEASURE_CODES, PROFILE_CODES, PlanningModel

APPROACH_NONE = "none"


def _fmt(x: float, digits: int = 1) -> str:
    """Number formatting for explanations: decimal comma (decimal point in English)."""
    if x == 0:
        return "0"
    if abs(x) < 0.01 or abs(x) >= 1e5:
        return f"{x:.{digits}e}".replace(".", decimal_separator())
    return f"{x:.{digits}f}".replace(".", decimal_separator())


class PlanResult:
    """One plan. See docs/ARCHITECTURE.md ("Planning") for the table columns.

    Arrays (index = planned building, ``rows`` maps to row positions in the buildings):
    ``start_week`` (int, -1 without work), ``completion_week`` (float weeks from the start
    date, 0 without work), ``bespoke`` (bool), ``prep_weeks`` and ``duration_weeks``.
    """

    def __init__(
        self,
        model: PlanningModel,
        config: PlanningConfig,
        order: np.ndarray,
        order_kind: str,
        shares: np.ndarray,
        bespoke: np.ndarray,
        start_week: np.ndarray,
        prep_weeks: np.ndarray,
        duration_weeks: np.ndarray,
        pairs: np.ndarray,
        measure_pairs: int,
        *,
        explain_cache: ExplainabilityCache | None = None,
    ):
        self.model = model
        self.config = config
        self.order = np.asarray(order, dtype=np.int64)
        self.order_kind = order_kind
        self.shares = shares
        self.bespoke = bespoke & model.work
        self.start_week = start_week
        self.prep_weeks = prep_weeks
        self.duration_weeks = duration_weeks
        work = model.work
        self.completion_week = np.where(
            model.slotted,
            start_week + duration_weeks,
            np.where(model.in_progress, 0.5 * duration_weeks, 0.0),
        )
        self.wait_years = self.completion_week / WEEKS_PER_YEAR
        self.exposure = np.where(work, model.weight * self.wait_years, 0.0)
        self._pairs = pairs
        self._measure_pairs = measure_pairs
        self._explain_cache = explain_cache
        #: cluster ids the deadline repair put earlier than the requested order
        self.pulled_forward: list[str] = []
        self.metrics = self._metrics()

    # --- identity ----------------------------------------------------------------------
    @property
    def rows(self) -> np.ndarray:
        return self.model.rows

    @cached_property
    def order_ids(self) -> list[str]:
        """Cluster ids in plan order (real clusters, then pseudo-clusters)."""
        from gis_app.core.planning.schedule import pseudo_order

        groups = np.concatenate([self.order, pseudo_order(self.model)])
        return [str(g) for g in self.model.group_ids[groups]]

    # --- dates -------------------------------------------------------------------------
    def date_of(self, weeks: float) -> dt.date:
        return self.config.start_date + dt.timedelta(days=round(7.0 * float(weeks)))

    def _dates(self, weeks: np.ndarray, valid: np.ndarray | None = None) -> np.ndarray:
        base = np.datetime64(self.config.start_date, "D")
        days = np.round(np.asarray(weeks, dtype=float) * 7.0)
        if valid is None:
            valid = np.ones(len(days), dtype=bool)
        days = np.where(valid, days, 0).astype("int64").astype("timedelta64[D]")
        out = (base + days).astype("datetime64[ns]")
        out[~valid] = np.datetime64("NaT")
        return out

    # --- metrics -----------------------------------------------------------------------
    def _metrics(self) -> dict[str, Any]:
        model, config = self.model, self.config
        work = model.work
        cw = self.completion_week

        def last(idx: np.ndarray) -> str:
            weeks = float(cw[idx].max()) if len(idx) else 0.0
            return self.date_of(weeks).isoformat()

        n_work = int(work.sum())
        n_bespoke = int(self.bespoke.sum())
        metrics: dict[str, Any] = {
            "risk_exposure": float(self.exposure.sum()),
            "all_verhoogd_done": last(model.work_by_profile[0]),
            "all_licht_verhoogd_done": last(model.work_by_profile[1]),
            "all_done": last(model.work_idx),
            "buildings": int(model.n),
            "buildings_with_work": n_work,
            "buildings_without_work": int(model.n - n_work),
            "already_done": int(model.already_done.sum()),
            "in_construction": int(model.in_progress.sum()),
            "bespoke_buildings": n_bespoke,
            "standard_buildings": n_work - n_bespoke,
            "bespoke_share": (n_bespoke / n_work) if n_work else 0.0,
            "wait": wait_by_profile(model, self.wait_years),
            "clusters": int(model.n_clusters),
            "unclustered_buildings": int(model.unclustered_total),
            "unclustered_ignored": int(model.unclustered_ignored),
            "unknown_cluster_references": int(model.n_unknown_cluster),
            "bag_not_existing": int(model.bag_not_existing),
            "neighbour_pairs": int(len(self._pairs[0])),
            "neighbour_pairs_different_measure": int(self._measure_pairs),
            "order": self.order_kind,
        }
        if self._explain_cache is not None:
            metrics.update(self._explain_cache.count(self.bespoke, cw, config.years_apart))
        else:
            metrics.update(explainability(self._pairs, self.bespoke, cw, config.years_apart))
        done = completion_days(cw)
        metrics["safe_dates"] = safe_dates(model, cw, config.start_date, done=done)
        misses = deadline_misses(model, cw, config.start_date, done=done)
        metrics["deadlines"] = {p: d.isoformat() for p, d in model.deadline_by_profile.items()}
        metrics["deadline_misses"] = misses
        metrics["deadline_missed_buildings"] = len(misses)
        metrics["deadline_missed_clusters"] = len({m["cluster_id"] for m in misses})
        metrics["ahead_of_cluster"] = int(model.ahead.sum())
        if config.costs is None:
            metrics["total_cost"] = None
        else:
            # a sum, not np.dot: OpenBLAS' dot wakes its thread pool, whose threads then
            # spin and take the CPU from the next run (a slider) and from the UI thread
            metrics["total_cost"] = model.total_cost_std + float(
                model.cost_extra[self.bespoke].sum()
            )
        starts = self.start_week[model.slotted]
        # the load on the pool: eigen regie starts take no pool capacity
        pool = self.start_week[model.slotted & ~model.own]
        if len(starts):
            load = np.bincount(pool, minlength=int(starts.max()) + 1)
            cap = model.capacity.weekly[: len(load)]
            metrics["peak_starts"] = int(load.max())
            metrics["capacity_utilisation"] = float(load.sum() / max(int(cap.sum()), 1))
            metrics["last_start"] = self.date_of(int(starts.max())).isoformat()
        else:
            metrics["peak_starts"] = 0
            metrics["capacity_utilisation"] = 0.0
            metrics["last_start"] = None
        metrics["threat"] = self._threat_summary()
        return metrics

    def _threat_summary(self) -> dict[str, Any]:
        model = self.model
        to_none, to_light = model.relief_to_none, model.relief_to_light
        freed_weeks = 0.0
        if model.n_relief:
            idx = np.flatnonzero(to_none | to_light)
            a = self.bespoke[idx].astype(np.int64)
            orig = model.original_measure[idx]
            cons = model.construction_table
            freed = np.where(to_none[idx], cons[orig, a], cons[orig, a] - cons[1, a])
            freed_weeks = float(freed.sum())
        return {
            "factor": float(self.config.threat_factor),
            "candidates_no_measure": model.n_relief_none,
            "candidates_lighter_measure": model.n_relief_light,
            "starts_freed": model.n_relief_none,
            "construction_weeks_freed": float(freed_weeks),
            "applied": bool(self.config.apply_threat_relief),
        }

    # --- tables ------------------------------------------------------------------------
    @cached_property
    def schedule(self) -> pd.DataFrame:
        """One row per planned building (row order of the buildings table)."""
        model = self.model
        work = model.work
        approach = np.where(
            ~work, APPROACH_NONE, np.where(self.bespoke, "bespoke", "standard")
        ).astype(object)
        prep_start = np.maximum(self.start_week - self.prep_weeks, 0.0)
        slotted = model.slotted
        frame = pd.DataFrame(
            {
                "row": model.rows,
                "building_id": model.building_id,
                "cluster_id": model.cluster_id_of_building,
                "plan_cluster": model.group_ids[model.group],
                "risk_profile": np.asarray(PROFILE_CODES, dtype=object)[model.profile],
                "measure": np.asarray(MEASURE_CODES, dtype=object)[model.measure],
                "approach": approach,
                "prep_start": self._dates(prep_start, slotted),
                "construction_start": self._dates(self.start_week, slotted),
                "completion": self._dates(self.completion_week),
                "wait_years": self.wait_years,
                "exposure": self.exposure,
            }
        )
        if self.config.costs is not None:
            a = self.bespoke.astype(np.int64)
            frame["cost"] = np.where(work, model.cost_table[model.measure, a] * model.addresses, 0)
        if model.capacity.per_contractor is not None:
            frame["contractor"] = self._contractors()
        return frame

    def _contractors(self) -> np.ndarray:
        model = self.model
        names = np.asarray([*model.capacity.contractor_names, ""], dtype=object)
        out = np.full(model.n, "", dtype=object)
        idx = np.flatnonzero(model.slotted & ~model.own)  # eigen regie: no pool aannemer
        if len(idx) == 0:
            return out
        weeks = self.start_week[idx]
        order = np.argsort(weeks, kind="stable")
        w_sorted = weeks[order]
        first = np.searchsorted(w_sorted, w_sorted, side="left")
        rank = np.arange(len(order)) - first
        cum = np.cumsum(model.capacity.per_contractor, axis=0)[:, w_sorted]
        which = (cum <= rank[None, :]).sum(axis=0)
        out[idx[order]] = names[which]
        return out

    @cached_property
    def clusters(self) -> pd.DataFrame:
        """One row per cluster (real clusters in plan order, then pseudo-clusters)."""
        from gis_app.core.planning.schedule import pseudo_order

        model = self.model
        groups = np.concatenate([self.order, pseudo_order(model)])
        work = model.work
        big = np.iinfo(np.int64).max
        slotted = model.slotted
        first = np.full(model.n_groups, big, dtype=np.int64)
        np.minimum.at(first, model.group[slotted], self.start_week[slotted])
        end = np.zeros(model.n_groups)
        np.maximum.at(end, model.group[work], self.completion_week[work])
        n_bespoke = np.bincount(model.group[self.bespoke], minlength=model.n_groups)
        exposure = np.bincount(model.group, weights=self.exposure, minlength=model.n_groups)
        has = np.bincount(model.group[slotted], minlength=model.n_groups) > 0
        position = np.empty(model.n_groups, dtype=np.int64)
        position[groups] = np.arange(1, len(groups) + 1)
        start_dates = self._dates(np.where(has, first, 0), has)
        end_dates = self._dates(end)
        frame = pd.DataFrame(
            {
                "cluster_id": model.group_ids,
                "name": model.group_names,
                "position": position,
                "start": start_dates,
                "end": end_dates,
                "share": self.shares,
                "n_buildings": model.n_members,
                "n_work": model.n_work,
                "n_bespoke": n_bespoke,
                "n_verhoogd": model.n_verhoogd,
                "n_licht_verhoogd": model.n_licht,
                "risk_rate": model.group_weight,
                "exposure": exposure,
                "lock_start": model.lock_date,
                "lock_position": model.lock_position,
                "pseudo": model.is_pseudo,
            }
        )
        frame["explanation"] = self._explanations(frame, position)
        return frame.iloc[groups].reset_index(drop=True)

    def _explanations(self, frame: pd.DataFrame, position: np.ndarray) -> list[str]:
        model = self.model
        per_start = model.group_weight / np.maximum(model.n_slots, 1)
        ratio_rank = np.empty(model.n_groups, dtype=np.int64)
        ratio_rank[np.argsort(-per_start, kind="stable")] = np.arange(1, model.n_groups + 1)
        out = []
        n_total = model.n_groups
        starts = frame["start"].to_numpy()
        ends = frame["end"].to_numpy()
        for g in range(model.n_groups):
            pos = int(position[g])
            n = int(model.n_members[g])
            text = t(
                "positie {pos}: {value} van {n} panden verhoogd, {value2} licht verhoogd",
                pos=pos,
                value=int(model.n_verhoogd[g]),
                n=n,
                value2=int(model.n_licht[g]),
            )
            if model.n_work[g] == 0:
                out.append(text + t("; geen werk nodig, dus geen plek in de capaciteit"))
                continue
            text += (
                f"; risico {_fmt(model.group_weight[g])} per jaar, "
                f"{_fmt(per_start[g])} per bouwstart"
            )
            if model.is_pseudo[g]:
                reason = t("nog niet in een cluster: achteraan ingepland")
            elif model.lock_week[g] >= 0:
                reason = t("vaste startdatum {date}", date=model.lock_date[g].isoformat())
            elif not math.isnan(model.lock_position[g]):
                reason = t("vaste positie")
            elif self.order_kind == "optimise":
                reason = t(
                    "geoptimaliseerd op risicoreductie: rang {rank} van {total} naar risico "
                    "per bouwstart",
                    rank=int(ratio_rank[g]),
                    total=n_total,
                )
            elif self.order_kind == "default":
                reason = t("gemeentelijke volgorde: meeste verhoogde panden eerst")
            else:
                reason = t("volgorde door planner bepaald")
            text += t(
                "; {reason}; start {value}, gereed {value2}",
                reason=reason,
                value=str(starts[g])[:10],
                value2=str(ends[g])[:10],
            )
            out.append(text)
        return out

    @cached_property
    def capacity(self) -> pd.DataFrame:
        """Starts from the pool (eigen regie left out: it uses no pool capacity), planned and
        contracted capacity per week, from the start date to the week of the last start."""
        model = self.model
        starts = self.start_week[model.slotted]
        n_weeks = int(starts.max()) + 1 if len(starts) else 1
        load = np.bincount(self.start_week[model.slotted & ~model.own], minlength=n_weeks)[:n_weeks]
        frame = pd.DataFrame(
            {
                "period_start": self._dates(np.arange(n_weeks)),
                "starts": load.astype(np.int64),
                "capacity": model.capacity.weekly[:n_weeks].astype(np.int64),
            }
        )
        # what may be promised to residents, next to what is planned
        from gis_app.core.planning.promises import contracted_weekly

        contracted, _assumed = contracted_weekly(self.config, model.capacity.weekly[:n_weeks])
        frame["contracted"] = contracted.astype(np.int64)
        return frame

    # --- per row of the buildings table ------------------------------------------------
    def by_row(self, values: np.ndarray, fill=np.nan) -> np.ndarray:
        """Spread a per-planned-building array over all rows of the buildings table."""
        values = np.asarray(values)
        dtype = values.dtype if not isinstance(fill, float) else np.result_type(values, float)
        out = np.full(self.model.n_input, fill, dtype=dtype)
        out[self.model.rows] = values
        return out

    def completion_year_by_row(self) -> np.ndarray:
        """Fractional calendar year of completion per buildings row (NaN when not planned)."""
        start = self.config.start_date
        year0 = start.year + (start.timetuple().tm_yday - 1) / 365.25
        return self.by_row(year0 + self.completion_week / WEEKS_PER_YEAR)

    # --- export ------------------------------------------------------------------------
    def to_json_dict(self, include_schedule: bool = True) -> dict[str, Any]:
        """The ``gis-app plan --json`` document (JSON-safe)."""

        def iso(values) -> list:
            return [None if pd.isna(v) else pd.Timestamp(v).date().isoformat() for v in values]

        cap = self.capacity
        doc: dict[str, Any] = {
            "format": "gis-app-plan",
            "version": 1,
            "start_date": self.config.start_date.isoformat(),
            "order_kind": self.order_kind,
            "order": self.order_ids,
            "config": self.config.to_dict(),
            "metrics": _json_safe(self.metrics),
            "clusters": [],
            "capacity": [
                {"period_start": p, "starts": int(s), "capacity": int(c)}
                for p, s, c in zip(
                    iso(cap["period_start"]), cap["starts"], cap["capacity"], strict=True
                )
            ],
        }
        cl = self.clusters
        doc["clusters"] = [
            {
                "cluster_id": str(r.cluster_id),
                "name": str(r.name),
                "position": int(r.position),
                "start": None if pd.isna(r.start) else pd.Timestamp(r.start).date().isoformat(),
                "end": pd.Timestamp(r.end).date().isoformat(),
                "share": float(r.share),
                "n_buildings": int(r.n_buildings),
                "n_bespoke": int(r.n_bespoke),
                "pseudo": bool(r.pseudo),
                "explanation": str(r.explanation),
            }
            for r in cl.itertuples(index=False)
        ]
        if include_schedule:
            s = self.schedule
            cols = {
                "building_id": s["building_id"].astype(str).tolist(),
                "cluster_id": s["cluster_id"].astype(str).tolist(),
                "approach": s["approach"].astype(str).tolist(),
                "measure": s["measure"].astype(str).tolist(),
                "construction_start": iso(s["construction_start"]),
                "completion": iso(s["completion"]),
            }
            keys = list(cols)
            doc["schedule"] = [
                dict(zip(keys, values, strict=True)) for values in zip(*cols.values(), strict=True)
            ]
        return doc

    def summary_lines(self) -> list[str]:
        """Main metrics as Dutch text lines (CLI output, dashboard tooltip)."""
        m = self.metrics
        lines = [
            t(
                "Risicoblootstelling: {exposure} slachtofferjaren "
                "(LPR x bewoners x jaren tot veilig)",
                exposure=_fmt(m["risk_exposure"], 3),
            ),
            t("Alle verhoogde panden gereed: {day}", day=m["all_verhoogd_done"]),
            t("Alle licht verhoogde panden gereed: {day}", day=m["all_licht_verhoogd_done"]),
            t("Alle panden gereed: {day}", day=m["all_done"]),
            t(
                "Maatwerk: {bespoke} van {with_work} panden met werk ({share}%)",
                bespoke=m["bespoke_buildings"],
                with_work=m["buildings_with_work"],
                share=f"{100 * m['bespoke_share']:.1f}".replace(".", decimal_separator()),
            ),
            t(
                "Uitlegbaarheid: {pairs} buurparen verschillend behandeld "
                "of meer dan {years} jaar uit elkaar",
                pairs=m["explainability_pairs"],
                years=_fmt(self.config.years_apart),
            ),
            t("Piek bouwstarts: {peak} per week", peak=m["peak_starts"]),
        ]
        if m["total_cost"] is not None:
            millions = f"{m['total_cost'] / 1e6:.1f}".replace(".", decimal_separator())
            lines.append(t("Totale kosten: EUR {millions} mln", millions=millions))
        if m["unclustered_buildings"]:
            how = t("niet ingepland") if m["unclustered_ignored"] else t("achteraan ingepland")
            lines.append(
                t(
                    "Panden zonder cluster: {unclustered_buildings} ({how})",
                    unclustered_buildings=m["unclustered_buildings"],
                    how=how,
                )
            )
        for profile, dates in m.get("safe_dates", {}).items():
            lines.append(
                t(
                    "Veilig {profile}: 50% op {p50}, 90% op {p90}, alle op {p100}",
                    profile=profile,
                    p50=dates["p50"],
                    p90=dates["p90"],
                    p100=dates["p100"],
                )
            )
        for profile, day in m.get("deadlines", {}).items():
            late = [x for x in m["deadline_misses"] if x["profile"] == profile]
            if late:
                clusters = len({x["cluster_id"] for x in late})
                lines.append(
                    t(
                        "Uiterlijk gereed {profile} {day}: niet gehaald door {n_late} panden "
                        "in {clusters} clusters (tot {max} dagen te laat)",
                        profile=profile,
                        day=day,
                        n_late=len(late),
                        clusters=clusters,
                        max=max(x["days_late"] for x in late),
                    )
                )
            else:
                lines.append(
                    t("Uiterlijk gereed {profile} {day}: gehaald", profile=profile, day=day)
                )
        if m.get("exposure_lower_bound") is not None:
            gap = m.get("optimality_gap")
            text = (
                t("onbekend")
                if gap is None
                else f"{100 * gap:.1f}%".replace(".", decimal_separator())
            )
            lines.append(
                t(
                    "Ondergrens risicoblootstelling: {fmt} (plan hoogstens {text} boven "
                    "het best mogelijke)",
                    fmt=_fmt(m["exposure_lower_bound"], 3),
                    text=text,
                )
            )
        for profile, w in m["wait"].items():
            if w["n"]:
                lines.append(
                    t(
                        "Wachttijd {profile}: mediaan {fmt} jaar, P90 {fmt2} jaar ({n} panden)",
                        profile=profile,
                        fmt=_fmt(w["median_years"]),
                        fmt2=_fmt(w["p90_years"]),
                        n=w["n"],
                    )
                )
        return lines

    def __repr__(self) -> str:
        m = self.metrics
        return (
            f"PlanResult(order={self.order_kind!r}, exposure={m['risk_exposure']:.4g}, "
            f"all_verhoogd_done={m['all_verhoogd_done']}, all_done={m['all_done']})"
        )


def _json_safe(value):
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


__all__ = ["PlanResult", "APPROACH_LABELS_NL"]
