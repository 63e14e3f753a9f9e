"""The planning session: settings in, plan and chart data out, never blocking the UI.

:class:`PlanningController` owns the current :class:`PlanningConfig` (kept in
``project.settings["planning"]``), the order choice (``project.settings["planning_order"]``)
and the fast :class:`Planner`. Every change (global share, a cluster's share, an editor,
the start date, the threat factor, the order) submits a new computation to a
:class:`~gis_app.ui.tasks.LatestOnly` lane of the task runner; superseded ones are dropped. The computation (planner run and
the chart data of :mod:`gis_app.core.planning_views`) happens on the worker thread; the
UI thread only applies the finished bundle through
:meth:`~gis_app.ui.document.ProjectDocument.set_plan_result` (the plan columns
``plan_completion_year`` and ``plan_approach`` and ``document.plan_result``; the
document emits its signals). Settings and shares are stored through the document too.

Decisions:

* The planner cache is a Qt-free :class:`~gis_app.core.planning.session.PlannerSession`:
  the ``Planner`` is rebuilt (on the worker) when the buildings, the cluster membership
  or the configuration change; share changes only re-run it. The worker plans from a
  copy of the columns the planner reads, so the UI thread may write plan columns
  into the buildings while a computation runs.
* A cluster share is stored by :meth:`~gis_app.ui.document.ProjectDocument.set_cluster_share`
  and marks the document dirty (no undo entry: it is a setting, like the editors, and a
  slider drag would flood the undo stack). ``clusterShareChanged`` tells the cluster
  panel to refresh.
* The trade-off curve (11 plans with every cluster at the same share) runs on its own
  runner and only after changes that move it (configuration, order, buildings,
  membership), not after a single cluster's share.
* With the optimised order, optimising runs again after changes to the settings, the
  order choice or the data; a share slider keeps the last optimised order (passed to
  ``Planner.run`` as an explicit order), since optimising takes seconds and the planner
  dragging a slider wants to see the effect of the share alone. The trade-off curve
  uses the order of the plan it belongs to, for the same reason.
* Invalid settings are never applied: the reason is shown (``errorChanged``) and the
  editors are put back to the last valid configuration.
* Work started with a new plan (the trade-off curve, the order comparison) waits on its
  worker until the views have drawn the plan (:meth:`PlanningController.views_drawn`):
  beside the views it would take the GIL back at each of their Qt calls. A large
  project's first plan is queued after the panels' counts (``defer_until_map(last=True)``).
* A new plan reaches the document (table, map) in one event-loop turn and the planning
  views (``resultChanged``, ``bundle``) in the next, after the window painted the first.
"""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shiboken6
from PySide6.QtCore import QObject, Signal

from gis_app.core import planning_views as pv
from gis_app.core.errors import GisAppError, PlanningError
from gis_app.core.planning import prefetch
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.planning.model import PSEUDO_PREFIX
from gis_app.core.planning.promises import TOLD_NOW, told_status
from gis_app.core.planning.session import (
    PlanInputs,
    PlannerSession,
)
from gis_app.ui.document import PLANNING_ORDER_KEY
from gis_app.ui.map_first import defer_until_map
from gis_app.ui.preferences import new_plan_defaults
from gis_app.ui.tasks import LatestOnly

PLAN_COLUMNS = ["plan_completion_year", "plan_approach", "plan_told"]
ORDER_KEY = PLANNING_ORDER_KEY
TRADEOFF_SHARES = tuple(np.round(np.linspace(0.0, 1.0, 11), 2))
#: Work started with a new plan (the trade-off curve, a view's own computation) waits at
#: most this long for the views to draw the plan (see ``views_drawn``; an event loop that
#: does not run, e.g. a test blocking in ``wait``, only delays it).
VIEWS_WAIT_S = 1.0


@dataclass
class PlanBundle:
    """A finished computation: the result and everything the views draw from it."""

    result: object
    capacity: pd.DataFrame
    cumulative: pd.DataFrame
    exposure: pd.DataFrame
    gantt: pd.DataFrame
    plan_columns: dict[str, pd.Series] | None
    n_rows: int
    seconds: float
    shares: dict[str, float] = field(default_factory=dict)
    global_share: float | None = None  # the global share it was planned with


class PlanningController(QObject):
    resultChanged = Signal(object)  # PlanBundle
    curveChanged = Signal(object)  # DataFrame of planning_views.tradeoff_curve
    errorChanged = Signal(str)  # "" when the last computation succeeded
    configChanged = Signal()  # configuration replaced: editors reload
    clusterShareChanged = Signal(str)
    busyChanged = Signal(bool)
    progressChanged = Signal(float)
    curveBusyChanged = Signal(bool)
    curveProgressChanged = Signal(float)

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent or document)
        self.document = document
        self.runner = LatestOnly(self)
        self.curve_runner = LatestOnly(self)
        self.runner.resultReady.connect(self._apply)
        self.runner.failed.connect(self._failed)
        self.runner.busyChanged.connect(self.busyChanged)
        self.runner.progressChanged.connect(self.progressChanged)
        self.curve_runner.resultReady.connect(self._apply_curve)
        self.curve_runner.failed.connect(self._failed)
        self.curve_runner.busyChanged.connect(self.curveBusyChanged)
        self.curve_runner.progressChanged.connect(self.curveProgressChanged)
        self.config = PlanningConfig()
        self.order = "default"
        self.bundle: PlanBundle | None = None
        self.curve: pd.DataFrame | None = None
        self.error = ""
        self.auto = True  # recompute on every change
        self.session = PlannerSession()  # the planner cache, shared by both runners
        self._drawn = threading.Event()  # see views_drawn
        self._drawn.set()
        self._showing: PlanBundle | None = None  # a plan between its two turns (_apply)
        self._curve_wanted = False
        # the trade-off curve (11 plans) is computed only while a view shows it: until
        # then the newest request waits here (see set_curve_shown)
        self._curve_shown = True
        self._curve_waiting: tuple | None = None
        document.projectReplaced.connect(self._project_replaced)
        document.buildingsChanged.connect(self._buildings_changed)
        document.clustersChanged.connect(self._structure_changed)
        document.commitmentsChanged.connect(self._commitments_changed)
        document.planSettingsChanged.connect(self._settings_stored)
        self.reload()

    # --- project ---------------------------------------------------------------------------
    @property
    def project(self):
        return self.document.project

    @property
    def result(self):
        return self.bundle.result if self.bundle is not None else None

    def reload(self) -> None:
        """Read the settings of the (new) project and recompute."""
        settings = self.project.settings.get("planning")
        try:
            # a project without planning settings starts from the planner's Voorkeuren
            self.config = PlanningConfig.from_dict(settings or new_plan_defaults())
            self._set_error("")
        except GisAppError as error:
            self.config = PlanningConfig()
            self._set_error(
                self.tr(
                    "Planningsinstellingen in het project zijn ongeldig ({0}); standaardwaarden gebruikt."
                ).format(error.user_message())
            )
        order = self.project.settings.get(ORDER_KEY, "default")
        self.order = order if order in ("default", "optimise") else "default"
        self.session.reset()
        # neighbour pairs found in another process since the file was read (gis-app open)
        self.session.offer_prefetch(prefetch.take(self.project.buildings))
        self._curve_wanted = False
        self._curve_waiting = None
        self.bundle = self._showing = None
        self.curve = None
        self.configChanged.emit()
        self.recompute(curve=True)

    def _project_replaced(self) -> None:
        # after the panels' counts (a fraction of a second): the planner's set-up then has
        # the GIL to itself, and the UI thread shares it with one worker only
        if defer_until_map(self.document, self.reload, last=True):
            # the map of a large project comes first; the old project's plan is of no use
            self.runner.cancel()
            self.curve_runner.cancel()
            self._curve_waiting = None
            self.session.reset()
            self.bundle = self._showing = None
            self.curve = None
            return
        self.reload()

    def _buildings_changed(self) -> None:
        self.session.buildings_changed()
        self.recompute(curve=True)

    def _commitments_changed(self) -> None:
        self.session.commitments_changed()
        self.recompute()

    def promised_starts(self) -> dict:
        """Promised construction start per building (the planner's locks); a damaged book
        was already reported when the project was opened."""
        from gis_app.core.commitments import promised_starts

        return promised_starts(self.project.commitments)

    def _structure_changed(self) -> None:
        self.session.clusters_changed()
        self.recompute(curve=True)

    def has_buildings(self) -> bool:
        return self.project.buildings is not None and len(self.project.buildings) > 0

    # --- changes ---------------------------------------------------------------------------
    def _store(self) -> None:
        self.document.set_plan_settings(self.config.to_dict(), self.order)

    def set_global_share(self, share: float) -> None:
        share = float(min(max(share, 0.0), 1.0))
        if abs(share - self.config.bespoke_share) < 1e-12:
            return
        self.config.bespoke_share = share
        self._store()
        self.recompute(curve=False)

    def cluster_share(self, cluster_id: str) -> float | None:
        clusters = self.project.clusters
        match = clusters.index[clusters["cluster_id"].astype(str) == str(cluster_id)]
        if not len(match):
            return None
        value = clusters.at[match[0], "approach_share"]
        return None if pd.isna(value) else float(value)

    def set_cluster_share(self, cluster_id: str, share: float | None) -> None:
        """Give a cluster its own share (None: follow the global share again)."""
        if not self.document.set_cluster_share(cluster_id, share):
            return
        self.clusterShareChanged.emit(str(cluster_id))
        self.recompute(curve=False)

    def update_config(self, changes: dict) -> bool:
        """Merge ``changes`` (keys of ``PlanningConfig.to_dict``); False when invalid."""
        merged = self.config.to_dict() | copy.deepcopy(changes)
        try:
            config = PlanningConfig.from_dict(merged)
        except GisAppError as error:
            self._set_error(error.user_message())
            self.configChanged.emit()  # editors back to the last valid values
            return False
        if config.to_dict() == self.config.to_dict():
            return True
        self.config = config
        self._store()
        self.recompute(curve=True)
        return True

    def set_config(
        self, config: PlanningConfig, *, order: str | None = None, recompute: bool = True
    ) -> None:
        """Replace the whole configuration (a scenario was applied)."""
        self.config = config.copy().validate()
        if order in ("default", "optimise"):
            self.order = order
        self._store()
        self.configChanged.emit()
        if recompute:
            self.recompute(curve=True)

    def apply_settings(self, changes: dict, text: str) -> bool:
        """Merge ``changes`` into the configuration as one undo step named ``text``
        (deadlines, buildings taken ahead); False when the result is invalid."""
        merged = self.config.to_dict() | copy.deepcopy(changes)
        try:
            config = PlanningConfig.from_dict(merged)
        except GisAppError as error:
            self._set_error(error.user_message())
            self.configChanged.emit()
            return False
        if config.to_dict() == self.config.to_dict():
            return True
        new = config.to_dict()
        self._store()  # the stored settings are complete before one part of them changes
        # only the keys asked for: undo then leaves the other settings as they are by then
        self.document.change_plan_settings({k: new[k] for k in changes}, text)
        return True

    def _settings_stored(self) -> None:
        """The stored settings changed (an undo, a redo, :meth:`apply_settings`): follow
        them when they differ from the configuration in use."""
        stored = self.project.settings.get("planning")
        if not stored:
            return
        try:
            config = PlanningConfig.from_dict(stored)
        except GisAppError as error:
            self._set_error(error.user_message())
            return
        order = self.project.settings.get(ORDER_KEY, self.order)
        order = order if order in ("default", "optimise") else self.order
        if config.to_dict() == self.config.to_dict() and order == self.order:
            return
        self.config = config
        self.order = order
        self.configChanged.emit()
        self.recompute(curve=True)

    def effective_shares(self, bundle: PlanBundle) -> dict[str, float]:
        """Every planned group of ``bundle`` with the share it was planned with (own, else
        global), for computations on a planner built for another global share."""
        share = self.config.bespoke_share if bundle.global_share is None else bundle.global_share
        ids = [str(g) for g in bundle.result.model.group_ids]
        return pv.effective_shares(ids, bundle.shares, float(share))

    def set_order(self, order: str) -> None:
        if order not in ("default", "optimise") or order == self.order:
            return
        self.order = order
        self._store()
        self.recompute(curve=True)

    # --- computation -----------------------------------------------------------------------
    def current_shares(self) -> dict[str, float | None]:
        """Every cluster's own share (None: follows the global share)."""
        clusters = self.project.clusters
        if clusters is None or not len(clusters):
            return {}
        shares = pd.to_numeric(clusters["approach_share"], errors="coerce").to_numpy(float)
        ids = clusters["cluster_id"].astype(str).tolist()
        return {
            cid: (None if np.isnan(v) else float(v)) for cid, v in zip(ids, shares, strict=True)
        }

    def plan_inputs(self) -> PlanInputs:
        """Copies of what the planner reads, taken on the UI thread."""
        return self.session.take_inputs(self.project.buildings, self.project.clusters)

    def recompute(self, *, curve: bool = False) -> None:
        if not self.auto:
            return
        if not self.has_buildings():
            self.runner.cancel()
            self.curve_runner.cancel()
            self._curve_waiting = None
            self.bundle = self._showing = None
            self.resultChanged.emit(None)
            return
        session = self.session
        promised = self.promised_starts() if session.key is None else None
        key, inputs = session.inputs_for(self.project.buildings, self.project.clusters, promised)
        config = self.config.copy()
        shares = self.current_shares()
        order = self.order
        if order == "optimise":
            kept = None if curve else session.optimised_order(key)
            if kept is None:
                session.forget_optimised()  # settings moved: optimise again
            else:
                order = kept  # a share moved: keep the optimised order
        self._curve_wanted = self._curve_wanted or curve

        def job(progress):
            started = time.perf_counter()
            planner = session.planner_for(key, inputs, config)
            progress(0.3)  # raises Cancelled when a newer change superseded this one
            result = session.run(planner, shares, order, config.bespoke_share)
            # the key figure and the map's "nu te informeren" come from one computation
            told = told_status(result)
            result.metrics["tellable"] = int(np.count_nonzero(told == TOLD_NOW))
            progress(0.7)
            bundle = make_bundle(result, inputs.buildings, config, told=told)
            # the per-building schedule (a cached property) is built here, off the UI
            # thread: the timeline reads it for its contractor filter when the plan arrives
            getattr(result, "schedule", None)
            bundle.shares = shares
            bundle.global_share = config.bespoke_share
            bundle.seconds = time.perf_counter() - started
            progress(1.0)
            return bundle

        self.runner.submit(job)

    def new_planner(self, inputs: PlanInputs, clusters, config):
        """A separate planner for other settings (scenario comparison), reusing the
        neighbour pairs when they fit. Safe to call from a worker thread."""
        return self.session.new_planner(inputs, clusters, config)

    def _recompute_curve(
        self, key, inputs: PlanInputs, config, order, after: threading.Event | None = None
    ) -> None:
        """The trade-off curve on its lane; with ``after``, its worker first waits (without
        the GIL) until the event is set, at most :data:`VIEWS_WAIT_S`."""
        session = self.session

        def job(progress):
            if after is not None:
                after.wait(VIEWS_WAIT_S)
            planner = session.planner_for(key, inputs, config)
            ids = planner.cluster_ids

            def run_at(share):
                with session.run_lock:
                    return planner_at_share(planner, ids, share, order)

            return pv.tradeoff_curve(
                run_at, TRADEOFF_SHARES, progress=progress, cancelled=lambda: progress.cancelled
            )

        self.curve_runner.submit(job)

    # --- results ---------------------------------------------------------------------------
    def _apply(self, bundle) -> None:
        """Show a new plan in two event-loop turns: the document (the table's plan
        columns, the map, the panels that follow the document) in this one, the planning
        views with ``resultChanged`` in the next, after the window painted the first
        part. Each part and its repaint fits a frame; together they did not."""
        if bundle is None:
            return
        fits = bundle.plan_columns is not None and bundle.n_rows == len(self.project.buildings)
        columns = {c: bundle.plan_columns[c] for c in PLAN_COLUMNS} if fits else None
        self._showing = bundle
        self.document.set_plan_result(bundle.result, columns)
        # on the lane: waiting for the plan means waiting for its views too
        self.runner.after_paint(lambda: self._show(bundle), name="plan views")

    def _show(self, bundle) -> None:
        if not shiboken6.isValid(self):  # its window closed between the two turns
            return
        if self._showing is not bundle:  # a newer plan came, or the project was replaced
            return
        self._showing = None
        self.bundle = bundle
        self._set_error("")
        session = self.session
        if self.order == "optimise" and getattr(bundle.result, "order_kind", "") == "optimise":
            session.remember_optimised(session.key, real_order(bundle.result))
        curve = None
        if self._curve_wanted and session.key is not None:
            self._curve_wanted = False
            order = real_order(bundle.result) if self.order == "optimise" else self.order
            curve = (session.key, session.inputs, self.config.copy(), order)
        drawn = self._drawn = threading.Event()
        self.resultChanged.emit(bundle)
        # the curve's worker starts after the views took and drew the plan: running beside
        # them it would take the GIL back at each of their Qt calls (PySide releases it in
        # every one), and showing the plan would take several times its own time. The
        # lane is busy meanwhile (waiting for the curve means waiting for this too).
        if curve is not None:
            if self._curve_shown:
                self._recompute_curve(*curve, after=drawn)
            else:
                self.curve_runner.cancel()  # an older curve: of no use for this plan
                self._curve_waiting = curve
        # after the repaints the views asked for
        self.runner.runner.after_paint(drawn.set, name="plan views drawn")

    def set_curve_shown(self, shown: bool) -> None:
        """Whether a view shows the trade-off curve (the Grafieken tab in front). While
        none does, a plan's curve is not computed (11 plans: seconds of a worker at
        300,000 buildings, competing with the map and the views for the GIL); the newest
        one waiting starts when a view shows it again."""
        self._curve_shown = bool(shown)
        if shown and self._curve_waiting is not None:
            waiting, self._curve_waiting = self._curve_waiting, None
            if waiting[0] == self.session.key:  # not of a project or settings since replaced
                self._recompute_curve(*waiting)

    def views_drawn(self) -> threading.Event:
        """Set once the views have drawn the newest plan (``TaskRunner.after_paint`` after
        its ``resultChanged``). Background work that a view starts on ``resultChanged`` waits
        for it on its worker (``event.wait(VIEWS_WAIT_S)``, without the GIL), so it does not
        compete with the views' drawing for the GIL."""
        return self._drawn

    def _apply_curve(self, curve) -> None:
        self.curve = curve
        self.curveChanged.emit(curve)

    def _failed(self, error) -> None:
        if isinstance(error, GisAppError):
            self._set_error(error.user_message())
        else:
            self._set_error(self.tr("De planning kon niet worden berekend: {0}").format(error))

    def _set_error(self, text: str) -> None:
        if text != self.error:
            self.error = text
            self.errorChanged.emit(text)

    def wait(self, msecs: int = 30000) -> None:
        """Block until both runners are idle (tests, exit)."""
        self.runner.wait(msecs)
        self.curve_runner.wait(msecs)


def real_order(result) -> list[str]:
    """The plan's cluster order without the pseudo-clusters of unclustered buildings."""
    return [c for c in result.order_ids if not str(c).startswith(PSEUDO_PREFIX)]


def planner_at_share(planner, cluster_ids: list[str], share: float, order: str):
    """A plan with every cluster (and the global share) at ``share``."""
    return planner.run(
        shares={cid: share for cid in cluster_ids}, order=order, global_share=float(share)
    )


WORK_COLUMNS = (
    "plan_cluster",
    "cluster_id",
    "risk_profile",
    "approach",
    "prep_start",
    "construction_start",
    "completion",
    "wait_years",
    "exposure",
)


def _from_table(result) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """Work rows and map arrays from ``result.schedule`` (the documented table)."""
    schedule = result.schedule
    keep = schedule["approach"].to_numpy(dtype=object) != "none"
    work = pd.DataFrame({c: schedule[c].to_numpy()[keep] for c in WORK_COLUMNS if c in schedule})
    rows = schedule["row"].to_numpy(np.int64)
    completion = schedule["completion"].to_numpy("datetime64[ns]")
    return work, rows, completion, schedule["approach"].to_numpy(dtype=object)


def _from_arrays(result) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """The same from the result's per-building arrays, without building its schedule table.

    Uses the arrays ``PlanResult`` documents (``start_week``, ``completion_week``,
    ``prep_weeks``, ``bespoke``, ``exposure``, ``wait_years``, ``rows``) and the model's
    group/profile codes; dates follow ``PlanResult``: start date + round(7 x weeks) days.
    A test checks that both paths give the same bundle.
    """
    from gis_app.core.planning.model import PROFILE_CODES

    model = result.model
    work_mask = np.asarray(model.work, dtype=bool)
    base = np.datetime64(result.config.start_date, "D")

    def dates(weeks: np.ndarray) -> np.ndarray:
        days = np.round(np.asarray(weeks, dtype=float) * 7.0).astype(np.int64)
        return (base + days.astype("timedelta64[D]")).astype("datetime64[ns]")

    approach = np.where(~work_mask, "none", np.where(result.bespoke, "bespoke", "standard")).astype(
        object
    )
    completion = dates(result.completion_week)
    idx = np.flatnonzero(work_mask)
    start_week = np.asarray(result.start_week)[idx]
    work = pd.DataFrame(
        {
            "plan_cluster": np.asarray(model.group_ids, dtype=object)[model.group[idx]],
            "cluster_id": np.asarray(model.cluster_id_of_building, dtype=object)[idx],
            "risk_profile": np.asarray(PROFILE_CODES, dtype=object)[model.profile[idx]],
            "approach": approach[idx],
            "prep_start": dates(np.maximum(start_week - np.asarray(result.prep_weeks)[idx], 0.0)),
            "construction_start": dates(start_week),
            "completion": completion[idx],
            "wait_years": np.asarray(result.wait_years)[idx],
            "exposure": np.asarray(result.exposure)[idx],
        }
    )
    return work, np.asarray(result.rows, dtype=np.int64), completion, approach


def make_bundle(
    result,
    buildings: pd.DataFrame,
    config: PlanningConfig,
    *,
    use_arrays: bool = True,
    told: np.ndarray | None = None,
) -> PlanBundle:
    """Chart data and map columns for one result (runs on the worker thread).

    The charts show the buildings with work (approach ``none`` left out). By default
    the data comes from the result's arrays (fast: no 300,000-row schedule table); when
    the result lacks them, or with ``use_arrays=False``, from ``result.schedule``.
    """
    start = pd.Timestamp(config.start_date)
    parts = None
    if use_arrays:
        try:
            parts = _from_arrays(result)
        except AttributeError:
            parts = None
    work, rows, completion, approach = parts if parts is not None else _from_table(result)
    last = work["completion"].max() if len(work) else start
    grid = pv.month_grid(start, last if pd.notna(last) else start)
    cumulative = pv.cumulative_safe(work, start=start, grid=grid)
    exposure = pv.exposure_over_time(work, start=start, grid=grid)
    capacity = pv.capacity_by_month(result.capacity)
    if len(capacity):
        capacity = capacity[capacity["month"] <= grid[-1]]
    clusters_table = result.clusters
    if "n_work" in clusters_table:
        clusters_table = clusters_table[clusters_table["n_work"].to_numpy() > 0]
    gantt = pv.gantt_rows(clusters_table, work, None)
    years = np.full(len(buildings), np.nan)
    kinds = np.full(len(buildings), "", dtype=object)
    done = completion.astype("datetime64[Y]").astype(np.int64).astype(float) + 1970
    done[(approach == "none") | np.isnat(completion)] = np.nan
    years[rows] = done
    kinds[rows] = approach
    plan_columns = {  # Series on the buildings' index, ready to insert on the UI thread
        "plan_completion_year": pd.Series(years, index=buildings.index),
        "plan_approach": pd.Series(kinds, index=buildings.index, dtype=object),
        "plan_told": pd.Series(_told_by_row(result, told, len(buildings)), index=buildings.index),
    }
    return PlanBundle(
        result, capacity, cumulative, exposure, gantt, plan_columns, len(buildings), 0.0
    )


def _told_by_row(result, told: np.ndarray | None, n_rows: int) -> np.ndarray:
    """``told_status`` (computed when not given) per row of the buildings table."""
    out = np.full(n_rows, "", dtype=object)
    model = getattr(result, "model", None)
    if model is None:
        return out
    if told is None:
        told = told_status(result)
    out[np.asarray(model.rows, dtype=np.int64)] = told
    return out


__all__ = ["PlanningController", "PlanBundle", "make_bundle", "PLAN_COLUMNS", "PlanningError"]
