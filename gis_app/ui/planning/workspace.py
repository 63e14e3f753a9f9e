"""The planning workspace: the panel with the choices, and the docks around the map.

:class:`PlanningPanel` holds what a planner turns while deciding: the global
speed↔bespoke slider with the numbers next to it, the slider of the selected cluster(s),
the order, the start date and threat-level factor, the key figures, and editors for
capacity and durations/costs. :class:`PlanningWorkspace` builds the controller and all
planning views and docks them into a main window ("Planning", "Grafieken", "Tijdlijn",
"Scenario's", "Voortgang").

Sliders work in whole percent. A slider move recomputes at once (the runner drops
superseded computations, so dragging stays smooth); the numbers next to a slider
show the setting at once and the plan's figures when the plan arrives.

Numbers that explain themselves: under each slider the parts behind the plan's share
(the slider applies to buildings with a choice; demolish-rebuild and eigen regie are
always bespoke; buildings without work do not count; :mod:`gis_app.core.explain`).
Under the order choice, what the optimised order changes against the standard one
("alles gereed" later or sooner, risk exposure saved): :class:`OrderComparison` plans
the other order in the background after each plan, on the controller's planner.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gis_app.core import planning_views as pv
from gis_app.core.explain import order_note, share_counts, share_explanation
from gis_app.core.planning.session import run_planner, structural_config
from gis_app.ui.app import date_edit_format
from gis_app.ui.planning.controller import VIEWS_WAIT_S, PlanningController, real_order
from gis_app.ui.planning.deadlines import BoundView, DeadlinesView
from gis_app.ui.planning.editors import CapacityEditor, DurationsEditor
from gis_app.ui.planning.formats import format_month, format_number
from gis_app.ui.planning.metrics import MetricsView
from gis_app.ui.planning.timeline import TimelineView
from gis_app.ui.tasks import LatestOnly
from gis_app.ui.text_style import NOTE, STATUS, WARN, style_text
from gis_app.ui.thin_progress import ThinProgress

if TYPE_CHECKING:
    from gis_app.ui.planning.charts import PlanCharts
    from gis_app.ui.planning.dashboard import DashboardView
    from gis_app.ui.planning.scenarios import ScenarioManager


def _percent(share: float) -> str:
    return f"{format_number(round(float(share) * 100), 0)} %"


class ShareSlider(QWidget):
    """ "snelheid ◄ slider ► maatwerk" with the percentage next to it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QLabel(self.tr("snelheid"))
        right = QLabel(self.tr("maatwerk"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(10)
        self.slider.setTickInterval(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.value_label = QLabel("0 %")
        self.value_label.setMinimumWidth(
            self.value_label.fontMetrics().horizontalAdvance("100 %") + 6
        )
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        style_text(self.value_label, bold=True)
        layout.addWidget(left)
        layout.addWidget(self.slider, 1)
        layout.addWidget(right)
        layout.addWidget(self.value_label)
        self.slider.valueChanged.connect(lambda v: self.value_label.setText(_percent(v / 100)))

    def set_share(self, share: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(int(round(float(share) * 100)))
        self.value_label.setText(_percent(self.slider.value() / 100))

    def share(self) -> float:
        return self.slider.value() / 100.0


class ClusterShareControl(QWidget):
    """Own bespoke share of the selected cluster(s): checkbox, slider, plan figures.

    Used in the Planning panel and, below the cluster table, in the cluster panel; both
    instances follow the document's cluster selection and the controller.
    """

    def __init__(self, controller: PlanningController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.document = controller.document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cluster_name = QLabel()
        self.cluster_name.setWordWrap(True)
        self.own_share = QCheckBox(self.tr("eigen aandeel maatwerk voor dit cluster"))
        self.own_share.setToolTip(
            self.tr(
                "Uit: het cluster volgt de globale schuif. Aan: dit cluster krijgt zijn eigen aandeel."
            )
        )
        self.cluster_slider = ShareSlider()
        self.cluster_numbers = QLabel("")
        self.cluster_numbers.setWordWrap(True)
        layout.addWidget(self.cluster_name)
        layout.addWidget(self.own_share)
        layout.addWidget(self.cluster_slider)
        layout.addWidget(self.cluster_numbers)
        self.cluster_slider.slider.valueChanged.connect(self._cluster_slider_moved)
        self.own_share.toggled.connect(self._own_share_toggled)
        controller.clusterShareChanged.connect(lambda _c: self.show_selected_cluster())
        controller.resultChanged.connect(lambda _b: self.show_selected_cluster())
        controller.configChanged.connect(self.show_selected_cluster)
        self.document.clusterSelectionChanged.connect(self.show_selected_cluster)
        self.document.clustersChanged.connect(self.show_selected_cluster)
        self.show_selected_cluster()

    def selected_ids(self) -> list[str]:
        wanted = [str(c) for c in self.document.selected_cluster_ids]
        clusters = self.document.project.clusters
        if not wanted or clusters is None or not len(clusters):
            return []
        known = set(clusters["cluster_id"].to_numpy(dtype=object).tolist())
        return [c for c in wanted if c in known]

    def show_selected_cluster(self) -> None:
        ids = self.selected_ids()
        enabled = bool(ids)
        for widget in (self.own_share, self.cluster_slider):
            widget.setEnabled(enabled)
        if not ids:
            self.cluster_name.setText(
                self.tr(
                    "Geen cluster geselecteerd (kies er een op de kaart, in de clusterlijst of de tijdlijn)."
                )
            )
            self.cluster_numbers.setText("")
            with QSignalBlocker(self.own_share):
                self.own_share.setChecked(False)
            self.cluster_slider.set_share(self.controller.config.bespoke_share)
            self.cluster_slider.setEnabled(False)
            return
        clusters = self.document.project.clusters
        rows = clusters[clusters["cluster_id"].astype(str).isin(ids)]
        if len(ids) == 1:
            name = str(rows["name"].iloc[0]) or ids[0]
            self.cluster_name.setText(self.tr("Cluster: {0}").format(name))
        else:
            self.cluster_name.setText(self.tr("{0} clusters geselecteerd").format(len(ids)))
        shares = pd.to_numeric(rows["approach_share"], errors="coerce")
        own = bool(shares.notna().any())
        with QSignalBlocker(self.own_share):
            self.own_share.setChecked(own)
        self.cluster_slider.setEnabled(own)
        share = float(shares.dropna().iloc[0]) if own else self.controller.config.bespoke_share
        self.cluster_slider.set_share(share)
        self._show_cluster_numbers(ids)

    def _show_cluster_numbers(self, ids: list[str]) -> None:
        bundle = self.controller.bundle
        if bundle is None or not len(bundle.gantt):
            self.cluster_numbers.setText("")
            return
        rows = bundle.gantt[bundle.gantt["cluster_id"].isin(ids)]
        if not len(rows):
            self.cluster_numbers.setText(self.tr("Niet in het plan (geen panden met werk)."))
            return
        n = int(rows["n_buildings"].sum()) if "n_buildings" in rows else 0
        bespoke = int(rows["bespoke"].sum())
        start, end = rows["start"].min(), rows["end"].max()
        position = ", ".join(str(int(p) + 1) for p in rows["row"].head(5))
        counts = share_counts(bundle.result, ids)
        with_work = counts.with_work if counts is not None else n
        text = self.tr(
            "maatwerk {0} van {1} panden met werk ({2} in cluster) · plaats {3} in de "
            "planvolgorde · {4} – {5}"
        ).format(
            format_number(bespoke, 0),
            format_number(with_work, 0),
            format_number(counts.buildings if counts is not None else n, 0),
            position,
            format_month(start) if pd.notna(start) else "–",
            format_month(end) if pd.notna(end) else "–",
        )
        if counts is not None:
            text += "\n" + share_explanation(self.cluster_slider.share(), counts)
        self.cluster_numbers.setText(text)

    def _cluster_slider_moved(self, value: int) -> None:
        for cluster_id in self.selected_ids():
            self.controller.set_cluster_share(cluster_id, value / 100.0)

    def _own_share_toggled(self, checked: bool) -> None:
        self.cluster_slider.setEnabled(checked)
        share = self.cluster_slider.share() if checked else None
        for cluster_id in self.selected_ids():
            self.controller.set_cluster_share(cluster_id, share)


class OrderComparison(QObject):
    """Plans the order not chosen, after each plan, to say what the choice changes.

    Runs on its own background runner with the controller's planner (same inputs,
    settings and shares). The optimised order of the other plan is kept while only
    shares move, as the controller does (optimising takes seconds at full size).
    ``noteChanged(text)`` carries the sentence for next to the order choice.
    """

    noteChanged = Signal(str)

    def __init__(self, controller: PlanningController):
        super().__init__(controller)
        self.controller = controller
        self.runner = LatestOnly(self)
        self.runner.resultReady.connect(self._done)
        self.runner.failed.connect(lambda _error: self.noteChanged.emit(""))
        self._optimised: tuple[object, str, list[str]] | None = None
        self.note = ""
        controller.resultChanged.connect(self.update)

    def update(self, bundle=None) -> None:
        bundle = self.controller.bundle if bundle is None else bundle
        session = self.controller.session
        if bundle is None or session.key is None or session.inputs is None:
            self.runner.cancel()
            self._set("")
            return
        key, inputs = session.key, session.inputs
        config = self.controller.config.copy()
        shares = dict(bundle.shares)
        current = self.controller.order
        other = "default" if current == "optimise" else "optimise"
        here = dict(getattr(bundle.result, "metrics", {}) or {})
        structure = json.dumps(structural_config(config), sort_keys=True, default=str)
        kept = self._optimised
        order = other
        if other == "optimise" and kept is not None and kept[:2] == (key, structure):
            order = kept[2]
        drawn = self.controller.views_drawn()

        def job(progress):
            drawn.wait(VIEWS_WAIT_S)  # the views draw the plan first (see views_drawn)
            planner = session.planner_for(key, inputs, config)
            progress(0.3)  # raises Cancelled when a newer plan superseded this one
            with session.run_lock:
                result = run_planner(planner, shares, order, config.bespoke_share)
            progress(1.0)
            optimised = real_order(result) if other == "optimise" else None
            metrics = dict(getattr(result, "metrics", {}) or {})
            return current, here, metrics, (key, structure, optimised)

        self.runner.submit(job)

    def _done(self, outcome) -> None:
        if outcome is None:
            return
        current, here, there, (key, structure, optimised) = outcome
        if optimised is not None:
            self._optimised = (key, structure, optimised)
        default, optimise = (here, there) if current == "default" else (there, here)
        self._set(order_note(default, optimise))

    def _set(self, text: str) -> None:
        self.note = text
        self.noteChanged.emit(text)


class PlanningPanel(QWidget):
    def __init__(self, controller: PlanningController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.document = controller.document
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        # global share
        global_box = QGroupBox(self.tr("Snelheid ↔ maatwerk (alle clusters)"))
        g_layout = QVBoxLayout(global_box)
        self.global_slider = ShareSlider()
        self.global_slider.setToolTip(
            self.tr(
                "Aandeel maatwerk voor clusters zonder eigen instelling. Sloop-nieuwbouw en eigen regie zijn altijd maatwerk."
            )
        )
        self.global_numbers = QLabel("–")
        self.share_explanation = QLabel("")
        self.share_explanation.setWordWrap(True)
        style_text(self.share_explanation, color=NOTE)
        g_layout.addWidget(self.global_slider)
        g_layout.addWidget(self.global_numbers)
        g_layout.addWidget(self.share_explanation)
        outer.addWidget(global_box)

        # selected cluster
        self.cluster_control = ClusterShareControl(controller)
        self.cluster_box = QGroupBox(self.tr("Geselecteerd cluster"))
        QVBoxLayout(self.cluster_box).addWidget(self.cluster_control)
        # shortcuts used by tests and the screenshots
        self.own_share = self.cluster_control.own_share
        self.cluster_slider = self.cluster_control.cluster_slider
        self.cluster_numbers = self.cluster_control.cluster_numbers
        outer.addWidget(self.cluster_box)

        # plan settings
        settings_box = QGroupBox(self.tr("Plan"))
        form = QFormLayout(settings_box)
        self.order_combo = QComboBox()
        # Narrow side dock (1366 px laptops): the combo does not ask for its longest text.
        self.order_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.order_combo.setMinimumContentsLength(14)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.order_combo.addItem(self.tr("standaard (hoog risico eerst)"), "default")
        self.order_combo.addItem(
            self.tr("geoptimaliseerd (minste risicoblootstelling)"), "optimise"
        )
        self.start_date = QDateEdit()
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat(date_edit_format())
        self.threat = QDoubleSpinBox()
        self.threat.setRange(0.05, 5.0)
        self.threat.setSingleStep(0.05)
        self.threat.setDecimals(2)
        self.threat.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        self.threat.setToolTip(
            self.tr(
                "Factor op het risico (LPR). 1 = huidig dreigingsniveau; lager bij minder gaswinning."
            )
        )
        self.relief = QCheckBox(self.tr("lichtere maatregel onder de Meijdam-norm"))
        form.addRow(self.tr("Volgorde clusters"), self.order_combo)
        self.order_note = QLabel("")
        self.order_note.setWordWrap(True)
        style_text(self.order_note, color=NOTE)
        form.addRow(self.order_note)
        self.order_comparison = OrderComparison(controller)
        self.order_comparison.noteChanged.connect(self.order_note.setText)
        form.addRow(self.tr("Startdatum"), self.start_date)
        form.addRow(self.tr("Dreigingsfactor"), self.threat)
        form.addRow("", self.relief)
        outer.addWidget(settings_box)

        # figures
        figures_box = QGroupBox(self.tr("Uitkomst"))
        f_layout = QVBoxLayout(figures_box)
        self.metrics = MetricsView()
        f_layout.addWidget(self.metrics)
        self.progress = ThinProgress()  # not QProgressBar: see ui/thin_progress.py
        self.status = QLabel("")
        self.status.setWordWrap(True)
        style_text(self.status, color=STATUS)
        f_layout.addWidget(self.progress)
        f_layout.addWidget(self.status)
        self.bound_view = BoundView(controller)
        f_layout.addWidget(self.bound_view)
        outer.addWidget(figures_box)

        # deadlines per risk profile, what misses them and what to do about it
        deadlines_box = QGroupBox(self.tr("Uiterlijk gereed"))
        self.deadlines = DeadlinesView(controller)
        QVBoxLayout(deadlines_box).addWidget(self.deadlines)
        outer.addWidget(deadlines_box)

        # editors
        self.editors = QTabWidget()
        self.capacity_editor = CapacityEditor()
        self.durations_editor = DurationsEditor()
        self.editors.addTab(self.capacity_editor, self.tr("Capaciteit"))
        self.editors.addTab(self.durations_editor, self.tr("Duur en kosten"))
        self.editors.setMinimumHeight(320)
        outer.addWidget(self.editors, 1)

        # wiring
        self.global_slider.slider.valueChanged.connect(
            lambda v: self.controller.set_global_share(v / 100.0)
        )
        self.order_combo.currentIndexChanged.connect(
            lambda _i: self.controller.set_order(self.order_combo.currentData())
        )
        self.start_date.dateChanged.connect(self._start_changed)
        self.threat.valueChanged.connect(
            lambda v: self.controller.update_config({"threat_factor": float(v)})
        )
        self.relief.toggled.connect(
            lambda c: self.controller.update_config({"apply_threat_relief": bool(c)})
        )
        self.capacity_editor.changed.connect(self.controller.update_config)
        self.durations_editor.changed.connect(self.controller.update_config)
        controller.configChanged.connect(self.load_config)
        controller.resultChanged.connect(self.show_result)
        controller.errorChanged.connect(self._show_error)
        controller.busyChanged.connect(self._busy)
        controller.progressChanged.connect(self._progress)
        self.bound_view.boundChanged.connect(self._bound_changed)
        self.load_config()
        self.show_result(controller.bundle)

    # --- config -> widgets -----------------------------------------------------------------
    def load_config(self) -> None:
        config = self.controller.config
        self.global_slider.set_share(config.bespoke_share)
        with QSignalBlocker(self.order_combo):
            self.order_combo.setCurrentIndex(
                max(0, self.order_combo.findData(self.controller.order))
            )
        with QSignalBlocker(self.start_date):
            d = config.start_date
            self.start_date.setDate(QDate(d.year, d.month, d.day))
        with QSignalBlocker(self.threat):
            self.threat.setValue(float(config.threat_factor))
        with QSignalBlocker(self.relief):
            self.relief.setChecked(bool(config.apply_threat_relief))
        self.capacity_editor.set_config(config)
        self.durations_editor.set_config(config)
        self.cluster_control.show_selected_cluster()

    def _start_changed(self, value: QDate) -> None:
        day = dt.date(value.year(), value.month(), value.day())
        self.controller.update_config({"start_date": day.isoformat()})

    # --- result ----------------------------------------------------------------------------
    def show_reading(self) -> None:
        """A project's footprints are on the map while the project is read: the plan
        follows (instead of asking the planner to open buildings)."""
        self.global_numbers.setText(self.tr("Het plan volgt zodra de panden zijn ingelezen."))

    def show_result(self, bundle) -> None:
        metrics = dict(getattr(bundle.result, "metrics", {}) or {}) if bundle is not None else {}
        self.metrics.set_metrics(metrics)
        if bundle is None:
            self.global_numbers.setText(self.tr("Nog geen plan: open of laad panden."))
            return
        n = metrics.get("bespoke_buildings")
        share = metrics.get("bespoke_share")
        if n is not None and share is not None:
            self.global_numbers.setText(
                self.tr("plan: maatwerk {0} — {1} panden").format(
                    _percent(share), format_number(float(n), 0)
                )
            )
        counts = share_counts(bundle.result)
        self.share_explanation.setText(
            share_explanation(self.controller.config.bespoke_share, counts)
        )
        self.status.setText(self.tr("berekend in {0} s").format(format_number(bundle.seconds, 2)))

    def _bound_changed(self, bound) -> None:
        """The bound went into the plan's metrics: show them again. A cleared bound (a new
        plan) needs nothing: that plan's metrics are shown by :meth:`show_result`."""
        bundle = self.controller.bundle
        if bound is not None and bundle is not None:
            self.metrics.set_metrics(dict(getattr(bundle.result, "metrics", {}) or {}))

    def _show_error(self, text: str) -> None:
        if text:
            self.status.setText(text)
            style_text(self.status, color=WARN, bold=True)
        else:
            style_text(self.status, color=STATUS)

    def _busy(self, busy: bool) -> None:
        self.progress.set_busy(busy)

    def _progress(self, fraction: float) -> None:
        if fraction > 0:
            self.progress.set_fraction(fraction)


class PlanningWorkspace:
    """Creates the controller and the planning views; ``install`` docks them."""

    def __init__(self, document, parent: QWidget | None = None):
        self.document = document
        self._parent = parent
        self.controller = PlanningController(document)
        self.panel = PlanningPanel(self.controller, parent)
        self.timeline = TimelineView(parent, document=document)
        # the charts, the scenarios and Voortgang sit behind other tabs at start: they are
        # built when their tab first comes to the front (or when code asks for them), so
        # the first map does not wait for them nor for importing pyqtgraph
        self._charts: PlanCharts | None = None
        self._scenarios: ScenarioManager | None = None
        self._dashboard: DashboardView | None = None
        self.docks: dict[str, QDockWidget] = {}
        self.cluster_panel_control: ClusterShareControl | None = None
        self._charts_pending = None  # a plan the charts have not drawn yet
        self._charts_on_screen = True  # until the docks say otherwise (see install)
        self.controller.resultChanged.connect(self._result)
        self.controller.curveChanged.connect(self._curve)
        self.controller.curveBusyChanged.connect(
            lambda busy: self._charts is not None and self._charts.set_tradeoff_busy(busy)
        )
        self.controller.curveProgressChanged.connect(
            lambda f: self._charts is not None and self._charts.set_tradeoff_progress(f)
        )
        self.timeline.clusterClicked.connect(lambda cid: document.set_selected_clusters([cid]))
        document.clusterSelectionChanged.connect(
            lambda: self.timeline.set_selected(document.selected_cluster_ids)
        )
        self._result(self.controller.bundle)

    # --- views built on first use ----------------------------------------------------------
    @property
    def charts(self) -> PlanCharts:
        """Grafieken: built on first use, with the current plan and trade-off curve."""
        if self._charts is None:
            from gis_app.ui.planning.charts import PlanCharts

            self._charts = PlanCharts(self._parent)
            self._place("charts", self._charts)
            self._charts_pending = self.controller.bundle  # nothing drawn yet
            if self.controller.curve_runner.is_busy():
                self._charts.set_tradeoff_busy(True)
            if self._charts_on_screen:
                self._draw_charts()
            if self.controller.curve is not None:
                self._curve(self.controller.curve)
        return self._charts

    @property
    def scenarios(self) -> ScenarioManager:
        """Scenario's: built on first use (it reads the project's scenarios then)."""
        from gis_app.ui.planning.scenarios import ScenarioManager

        return self._view(
            "_scenarios", "scenarios", lambda: ScenarioManager(self.controller, self._parent)
        )

    @property
    def dashboard(self) -> DashboardView:
        """Voortgang: built on first use (it counts the current project then)."""
        from gis_app.ui.planning.dashboard import DashboardView

        return self._view(
            "_dashboard", "progress", lambda: DashboardView(self.document, self._parent)
        )

    def _view(self, attribute: str, dock: str, make) -> QWidget:
        """The view kept in ``attribute``, made by ``make`` and put into its dock the first
        time it is asked for."""
        view = getattr(self, attribute)
        if view is None:
            view = make()
            setattr(self, attribute, view)
            self._place(dock, view)
        return view

    def _place(self, name: str, view: QWidget) -> None:
        """Put a view built late into its dock (in place of the empty placeholder)."""
        dock = self.docks.get(name)
        if dock is None:
            return
        holder = dock.widget()
        if isinstance(holder, QScrollArea):
            holder.setWidget(view)
        else:
            dock.setWidget(view)
            if holder is not None:
                holder.deleteLater()

    def _build_when_shown(self, name: str, shown: bool) -> None:
        if shown:
            getattr(self, name)

    def _result(self, bundle) -> None:
        if bundle is None:
            self._charts_pending = None
            if self._charts is not None:
                self._charts.clear()
            self.timeline.set_rows(pd.DataFrame())
            return
        self.timeline.set_rows(
            bundle.gantt,
            plan_start=pd.Timestamp(self.controller.config.start_date),
            selected_ids=self.document.selected_cluster_ids,
        )
        self._charts_pending = bundle
        if self._charts_on_screen:
            self._draw_charts()

    def charts_on_screen(self, shown: bool) -> None:
        """The Grafieken dock's tab came to the front (or went behind another): a plan
        that arrived meanwhile is drawn now. While it is behind, a new plan only keeps
        its bundle, so the UI thread does not pay for charts nobody sees (tens of ms at
        each plan, while pan and zoom wait)."""
        self._charts_on_screen = bool(shown)
        self.controller.set_curve_shown(shown)  # only the charts show the trade-off curve
        if shown:
            self._draw_charts()

    def _draw_charts(self) -> None:
        if self._charts is None:
            _ = self.charts  # built with the current plan, which it draws
            return
        bundle, self._charts_pending = self._charts_pending, None
        if bundle is None:
            return
        self.charts.set_capacity(bundle.capacity)
        self.charts.set_cumulative(bundle.cumulative)
        metrics = dict(getattr(bundle.result, "metrics", {}) or {})
        self.charts.set_safe_points(pv.safe_date_points(metrics))
        self.charts.set_deadlines(metrics.get("deadlines"))
        self.charts.set_exposure(bundle.exposure)
        self.charts.set_tradeoff(None, self._current_point(bundle))

    def _current_point(self, bundle):
        metrics = dict(getattr(bundle.result, "metrics", {}) or {})
        x, y = metrics.get("bespoke_share"), metrics.get("risk_exposure")
        if x is None or y is None:
            return None
        return float(x), float(y)

    def _curve(self, curve) -> None:
        if self._charts is None:
            return  # drawn when the charts are built
        bundle = self.controller.bundle
        self.charts.set_tradeoff(curve, self._current_point(bundle) if bundle is not None else None)

    def install(self, window: QMainWindow) -> dict[str, QDockWidget]:
        """Dock the views into ``window``.

        Planning is tabbed on the right (next to the identify panel when the window has
        one); Grafieken, Tijdlijn, Scenario's and Voortgang are tabbed along the bottom
        (next to the attribute table): the side holds the controls, the wide bottom the
        results (tables and charts read better wide, and five tabs in a ~350 px side
        dock would all be elided on a 1366 px screen). Planning and Grafieken are raised;
        a main window may raise others afterwards (the MainWindow raises the attribute
        table, see ``MainWindow._raise_first_tabs``). Uses the window's
        ``add_dock`` when it has one (toggles in Beeld > Panelen).
        """
        scroll = _scrolling(self.panel)
        scroll.setMinimumWidth(300)

        def tr(text: str) -> str:  # a plain class: the context is named here
            return QCoreApplication.translate("PlanningWorkspace", text)

        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        add_dock = getattr(window, "add_dock", None)

        def dock(name, title, widget, area, tabify_with=None) -> QDockWidget:
            object_name = f"Planning{name.capitalize()}Dock"
            if add_dock is not None:
                d = add_dock(widget, title, object_name, area, tabify_with=tabify_with)
            else:
                d = QDockWidget(title, window)
                d.setObjectName(object_name)
                d.setWidget(widget)
                if tabify_with is not None:
                    window.tabifyDockWidget(tabify_with, d)
                else:
                    window.addDockWidget(area, d)
            self.docks[name] = d
            return d

        planning = dock(
            "planning", tr("Planning"), scroll, right, getattr(window, "identify_dock", None)
        )
        charts = dock(
            "charts",
            tr("Grafieken"),
            self._charts or QWidget(),  # a placeholder until the tab comes to the front
            bottom,
            getattr(window, "table_dock", None),
        )
        timeline = dock("timeline", tr("Tijdlijn"), self.timeline, bottom, charts)
        # tabs behind another draw a new plan only when they come to the front
        charts.visibilityChanged.connect(self.charts_on_screen)
        timeline.visibilityChanged.connect(self.timeline.set_on_screen)
        scenarios = dock("scenarios", tr("Scenario's"), _scrolling(self._scenarios), bottom, charts)
        progress = dock("progress", tr("Voortgang"), _scrolling(self._dashboard), bottom, charts)
        scenarios.visibilityChanged.connect(
            lambda shown: self._build_when_shown("scenarios", shown)
        )
        progress.visibilityChanged.connect(lambda shown: self._build_when_shown("dashboard", shown))
        planning.raise_()
        charts.raise_()
        zoom_to_rows = getattr(window, "zoom_to_rows", None)
        if zoom_to_rows is not None:  # a miss selected in the Planning dock
            self.panel.deadlines.zoomToRowsRequested.connect(zoom_to_rows)
        self.hook_cluster_panel(getattr(getattr(window, "clusters", None), "panel", None))
        return self.docks

    def hook_cluster_panel(self, cluster_panel: QWidget | None) -> None:
        """Put a share control for the selected cluster(s) under the cluster table."""
        if cluster_panel is None or cluster_panel.layout() is None:
            return
        box = QGroupBox(
            QCoreApplication.translate("PlanningWorkspace", "Aandeel maatwerk (selectie)")
        )
        self.cluster_panel_control = ClusterShareControl(self.controller, box)
        QVBoxLayout(box).addWidget(self.cluster_panel_control)
        cluster_panel.layout().addWidget(box)


def _scrolling(widget: QWidget | None) -> QScrollArea:
    """``widget`` in a frameless scroll area, so its dock can be smaller than its content
    (the window must fit a 1366 x 768 laptop screen; the panels scroll instead). Without
    a widget the area waits for one (a view built on first use)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if widget is not None:
        scroll.setWidget(widget)
    return scroll


__all__ = ["PlanningPanel", "PlanningWorkspace", "ShareSlider"]
