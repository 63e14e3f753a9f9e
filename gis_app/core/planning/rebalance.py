"""Rebalancing assistant: how much bespoke work still meets a target date?

Given a target date for a milestone of the plan (by default: all ``verhoogd`` buildings
safe), find the largest bespoke share that still meets it, or say that it cannot be met and
by how many weeks it is missed even with no chosen bespoke work (share 0: rebuild and eigen
regie stay bespoke).

Method: bisection on the share. The order is fixed during the search (the default order,
or the order the requested kind gives at the starting shares): with a fixed order a higher
share never makes any building of that cluster, nor of the clusters after it, safe earlier
(:mod:`.schedule`), so the date is monotone in the share and bisection is exact up to the
share resolution. (Fixed-start clusters can be the one exception: when one of them moves
later it can free capacity for others. The answer is therefore checked once more at the
returned share, and ``meets_target`` reports that check.)

Variants: :func:`max_global_share` sets one share for every cluster (``keep_cluster_shares``
keeps clusters that have their own share and only moves the global one);
:func:`max_cluster_share` moves one cluster's share with the others fixed.

Deadlines (``PlanningConfig.deadlines``): :func:`meet_deadlines` finds a way to meet them
with the fewest explainability pairs (``objective="pairs"``: move whole clusters forward
first, take single buildings ahead of their cluster only for what is left) or with the least
extra risk exposure (``objective="exposure"``: take the late buildings ahead of their
cluster, so the other clusters keep their places, and move clusters only for what is left);
:func:`deadline_options` gives both side by side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from gis_app.core.errors import PlanningError
from gis_app.core.i18n import t
from gis_app.core.planning.config import check_share
from gis_app.core.planning.order import explicit_order, optimise_order
from gis_app.core.planning.planner import Planner
from gis_app.core.planning.schedule import ScheduleCache, schedule_starts, timing

METRICS = {
    "all_verhoogd_done": 0,
    "all_licht_verhoogd_done": 1,
    "all_done": None,
}
TOLERANCE = 0.005


@dataclass
class RebalanceResult:
    feasible: bool
    share: float | None  # largest share meeting the target (None when infeasible)
    target: dt.date
    achieved: dt.date  # the milestone date at ``share`` (at share 0 when infeasible)
    weeks_late: float  # 0 when feasible
    meets_target: bool
    evaluations: int
    metric: str
    cluster_id: str | None = None

    @property
    def message(self) -> str:
        what = {
            "all_verhoogd_done": t("alle verhoogde panden"),
            "all_licht_verhoogd_done": t("alle licht verhoogde panden"),
            "all_done": t("alle panden"),
        }[self.metric]
        scope = f"cluster {self.cluster_id}" if self.cluster_id else t("alle clusters")
        if not self.feasible:
            return t(
                "Niet haalbaar: ook zonder gekozen maatwerk zijn {what} pas op "
                "{isoformat} veilig, {weeks_late:.0f} weken na {isoformat2}",
                what=what,
                isoformat=self.achieved.isoformat(),
                weeks_late=self.weeks_late,
                isoformat2=self.target.isoformat(),
            )
        return t(
            "Grootste aandeel maatwerk voor {scope}: {percent}% ({what} veilig op {achieved}, "
            "doel {target})",
            scope=scope,
            percent=f"{100 * self.share:.0f}",
            what=what,
            achieved=self.achieved.isoformat(),
            target=self.target.isoformat(),
        )


class _Probe:
    """Milestone date (in weeks) for a set of shares, with the order fixed."""

    def __init__(self, planner: Planner, order, shares, metric: str):
        if metric not in METRICS:
            raise PlanningError(t("onbekende mijlpaal '{metric}'", metric=metric))
        self.planner = planner
        self.model = planner.model
        self.metric = metric
        self.base = dict(shares or {})
        model = self.model
        if isinstance(order, str) and order == "optimise":
            tm = timing(model, model.bespoke_mask(model.shares_array(self.base)))
            self.order = optimise_order(model, tm)
        elif isinstance(order, str):
            self.order = planner._default
        else:
            self.order = explicit_order(model, order)
        code = METRICS[metric]
        self.mask = model.work if code is None else model.work & (model.profile == code)
        self.evaluations = 0
        self.cache = ScheduleCache()

    def weeks(self, shares: Mapping[str, float] | None, global_share: float | None) -> float:
        model = self.model
        merged = {**self.base, **(shares or {})}
        bespoke = model.bespoke_mask(model.shares_array(merged, global_share))
        tm = timing(model, bespoke)
        starts = schedule_starts(model, tm, self.order, self.cache)
        self.evaluations += 1
        if not self.mask.any():
            return 0.0
        done = np.where(
            model.slotted,
            starts + tm.duration,
            np.where(model.in_progress, 0.5 * tm.duration, 0.0),
        )
        return float(done[self.mask].max())


def _bisect(f, target_weeks: float, tolerance: float):
    """Largest s in [0, 1] with f(s) <= target (f non-decreasing); None when f(0) > target."""
    lo_val = f(0.0)
    if lo_val > target_weeks + 1e-9:
        return None, lo_val
    hi_val = f(1.0)
    if hi_val <= target_weeks + 1e-9:
        return 1.0, hi_val
    lo, hi = 0.0, 1.0
    best_val = lo_val
    while hi - lo > tolerance:
        mid = 0.5 * (lo + hi)
        val = f(mid)
        if val <= target_weeks + 1e-9:
            lo, best_val = mid, val
        else:
            hi = mid
    return lo, best_val


def _result(planner, probe, share, value, target, metric, cluster_id, check) -> RebalanceResult:
    start = planner.config.start_date
    target_weeks = (target - start).days / 7.0
    achieved = start + dt.timedelta(days=round(7 * value))
    if share is None:
        return RebalanceResult(
            False,
            None,
            target,
            achieved,
            max(0.0, value - target_weeks),
            False,
            probe.evaluations,
            metric,
            cluster_id,
        )
    return RebalanceResult(
        True,
        float(share),
        target,
        achieved,
        0.0,
        check <= target_weeks + 1e-9,
        probe.evaluations,
        metric,
        cluster_id,
    )


def max_global_share(
    planner: Planner,
    target: dt.date,
    *,
    order="default",
    metric: str = "all_verhoogd_done",
    keep_cluster_shares: bool = False,
    shares: Mapping[str, float] | None = None,
    tolerance: float = TOLERANCE,
) -> RebalanceResult:
    """Largest share for every cluster at once that meets ``target`` for ``metric``."""
    probe = _Probe(planner, order, shares, metric)
    target_weeks = (target - planner.config.start_date).days / 7.0
    ids = [str(g) for g in planner.model.group_ids]

    def f(s: float) -> float:
        if keep_cluster_shares:
            return probe.weeks(None, s)
        return probe.weeks(dict.fromkeys(ids, s), s)

    share, value = _bisect(f, target_weeks, tolerance)
    check = f(share) if share is not None else value
    return _result(planner, probe, share, value, target, metric, None, check)


def max_cluster_share(
    planner: Planner,
    cluster_id: str,
    target: dt.date,
    *,
    order="default",
    metric: str = "all_verhoogd_done",
    shares: Mapping[str, float] | None = None,
    tolerance: float = TOLERANCE,
) -> RebalanceResult:
    """Largest share of one cluster (others as they are) that meets ``target``."""
    if str(cluster_id) not in set(planner.cluster_ids):
        raise PlanningError(t("onbekend cluster '{cluster_id}'", cluster_id=cluster_id))
    probe = _Probe(planner, order, shares, metric)
    target_weeks = (target - planner.config.start_date).days / 7.0

    def f(s: float) -> float:
        return probe.weeks({str(cluster_id): check_share(s)}, None)

    share, value = _bisect(f, target_weeks, tolerance)
    check = f(share) if share is not None else value
    return _result(planner, probe, share, value, target, metric, str(cluster_id), check)


def max_cluster_shares(
    planner: Planner, target: dt.date, cluster_ids=None, **kwargs
) -> dict[str, RebalanceResult]:
    """:func:`max_cluster_share` for each cluster (all by default; about 10 plans each)."""
    ids = planner.cluster_ids if cluster_ids is None else [str(c) for c in cluster_ids]
    return {cid: max_cluster_share(planner, cid, target, **kwargs) for cid in ids}


# --- deadlines -------------------------------------------------------------------------------

DEADLINE_OBJECTIVES = ("pairs", "exposure")
MAX_ROUNDS = 4


@dataclass
class DeadlinePlan:
    """A way to meet the deadlines and what it costs, against the requested order planned
    without any deadline measure.

    ``order``: cluster ids to plan with; ``ahead_of_cluster``: building ids to take ahead of
    their cluster (``PlanningConfig.ahead_of_cluster``); ``pulled_forward``: clusters moved
    forward; ``misses``: buildings still late (0 = every deadline met);
    ``risk_exposure`` / ``extra_exposure`` (expected fatality-years);
    ``explainability_pairs`` / ``extra_pairs``; ``new_pairs``: the explainability pairs
    that only this plan has, named ``(building_id, neighbour_id)``.
    """

    objective: str
    order: list[str]
    ahead_of_cluster: list[str]
    pulled_forward: list[str]
    misses: int
    risk_exposure: float
    extra_exposure: float
    explainability_pairs: int
    extra_pairs: int
    new_pairs: list[tuple[str, str]]

    @property
    def meets(self) -> bool:
        return self.misses == 0

    @property
    def message(self) -> str:
        how = (
            "minste moeilijk uitlegbare buren"
            if self.objective == "pairs"
            else "minste extra risicoblootstelling"
        )
        done = (
            t("alle termijnen gehaald")
            if self.meets
            else t("{misses} panden blijven te laat", misses=self.misses)
        )
        return t(
            "{capitalize}: {done}; {n_pulled_forward} clusters naar voren, "
            "{n_ahead_of_cluster} panden voorgetrokken; {extra_pairs:+d} "
            "buurparen, risicoblootstelling {extra_exposure:+.3g}",
            capitalize=how.capitalize(),
            done=done,
            n_pulled_forward=len(self.pulled_forward),
            n_ahead_of_cluster=len(self.ahead_of_cluster),
            extra_pairs=self.extra_pairs,
            extra_exposure=self.extra_exposure,
        )


def meet_deadlines(
    planner: Planner,
    objective: str = "pairs",
    *,
    order="default",
    shares: Mapping[str, float] | None = None,
) -> DeadlinePlan:
    """A plan that meets the deadlines by ``objective`` (module docstring)."""
    from gis_app.core.planning.deadlines import new_pairs

    if objective not in DEADLINE_OBJECTIVES:
        raise PlanningError(
            t("onbekend doel '{objective}' (kies pairs of exposure)", objective=objective)
        )
    if not planner.config.deadlines:
        raise PlanningError(t("er is geen uiterlijk gereed ingesteld"))
    base = planner.run(shares, order=order, keep_deadlines=False)
    requested = list(base.order_ids[: planner.model.n_clusters])
    ahead = list(planner.config.ahead_of_cluster)
    current = planner
    repair = objective == "pairs"
    result = current.run(shares, order=requested, keep_deadlines=repair)
    for _ in range(MAX_ROUNDS):
        late = [m["building_id"] for m in result.metrics["deadline_misses"]]
        if not late:
            break
        fresh = [b for b in late if b not in set(ahead)]
        if not fresh and not repair:
            repair = True  # taking ahead is not enough: move clusters for the rest
        elif not fresh:
            break
        ahead = list(dict.fromkeys([*ahead, *fresh]))
        config = planner.config.copy()
        config.ahead_of_cluster = ahead
        current = planner.with_config(config)
        result = current.run(shares, order=requested, keep_deadlines=repair)
    model = planner.model
    changed = np.flatnonzero(
        (result.completion_week != base.completion_week) | (result.bespoke != base.bespoke)
    )
    pairs = new_pairs(base, result, changed) if len(changed) else []
    ids = model.building_id
    m, b = result.metrics, base.metrics
    return DeadlinePlan(
        objective=objective,
        order=list(result.order_ids[: model.n_clusters]),
        ahead_of_cluster=ahead,
        pulled_forward=list(result.pulled_forward),
        misses=int(m["deadline_missed_buildings"]),
        risk_exposure=float(m["risk_exposure"]),
        extra_exposure=float(m["risk_exposure"] - b["risk_exposure"]),
        explainability_pairs=int(m["explainability_pairs"]),
        extra_pairs=int(m["explainability_pairs"] - b["explainability_pairs"]),
        new_pairs=[(str(ids[i]), str(ids[j])) for i, j in pairs],
    )


def deadline_options(planner: Planner, **kwargs) -> dict[str, DeadlinePlan]:
    """Both ways to meet the deadlines, side by side: ``{"pairs": ..., "exposure": ...}``."""
    return {
        objective: meet_deadlines(planner, objective, **kwargs) for objective in DEADLINE_OBJECTIVES
    }
