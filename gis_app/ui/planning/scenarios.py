"""Scenario manager: save the current settings under a name, apply, duplicate, rename,
delete, and compare two or more scenarios side by side.

The comparison recomputes each checked scenario's plan off the UI thread (each with its
own settings, shares and order, on the current buildings), then shows a table and
overlaid curves. The table first lists each scenario's inputs (capacity, order, shares,
start date, threat factor: :func:`gis_app.core.explain.scenario_inputs`), then its
outcomes (value and difference to the first checked scenario; rows where the scenarios
differ are highlighted, the better value green, the worse red). Every row is Dutch with
a unit; "al gereed" carries the reconciliation with Voortgang's "afgerond". Table and
curves are two tabs, so the table gets the dock's width; the table scrolls.
"""

from __future__ import annotations

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gis_app.core import scenarios as sc
from gis_app.core.change import scenario_change
from gis_app.core.errors import GisAppError
from gis_app.core.explain import done_counts, done_explanation, scenario_inputs
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.planning.session import run_planner
from gis_app.core.schema import PROFILE_VERHOOGD
from gis_app.ui.core_texts import core_text
from gis_app.ui.panels.attribute_table import FullTextTooltips, HeaderTooltips
from gis_app.ui.planning.controller import make_bundle
from gis_app.ui.planning.plotting import (
    SERIES_COLORS,
    format_date,
    format_number,
    format_significant,
    make_plot,
    set_title,
    to_seconds,
)
from gis_app.ui.tasks import LatestOnly
from gis_app.ui.text_style import CAPTION, NOTE, WARN, style_text

DIFF_BACKGROUND = QColor("#fff3c4")
SECTION_BACKGROUND = QColor("#e8e8e8")
LABEL_COLUMN_MAX = 180
VALUE_COLUMN_MIN = 110
BETTER = QColor("#1b7a3a")
WORSE = QColor("#b00020")


def format_value(kind: str, value) -> str:
    if value is None or pd.isna(value):
        return "–"
    if kind == "date":
        return format_date(value)
    if kind == "share":
        return f"{format_number(float(value) * 100, 1)} %"
    if kind == "money":
        return f"€ {format_number(float(value) / 1e6, 2)} mln"
    if kind == "int":
        return format_number(float(value), 0)
    if kind == "years":  # waits: a tenth of a year (about a month) is what matters
        return format_number(float(value), 1)
    return format_significant(float(value))


def format_delta(kind: str, delta) -> str:
    if delta is None or pd.isna(delta):
        return ""
    delta = float(delta)
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    magnitude = abs(delta)
    if kind == "date":  # months from four weeks on, so the rows read alike
        if magnitude >= 28:
            return f"{sign}{format_number(magnitude / 30.44, 1)} mnd"
        return f"{sign}{format_number(magnitude, 0)} dagen"
    if kind == "share":
        return f"{sign}{format_number(magnitude * 100, 1)} %-punt"
    if kind == "money":
        return f"{sign}€ {format_number(magnitude / 1e6, 2)} mln"
    if kind == "int":
        return f"{sign}{format_number(magnitude, 0)}"
    if kind == "years":
        return f"{sign}{format_number(magnitude, 1)}"
    return f"{sign}{format_significant(magnitude)}"


class ScenarioManager(QWidget):
    comparisonReady = Signal(object)

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.document = controller.document
        self.runner = LatestOnly(self)
        self.comparison: sc.Comparison | None = None
        self.compared_bundles: dict = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel(self.tr("Scenario's (vink aan om te vergelijken):")))
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(90)
        top_layout.addWidget(self.list)
        grid = QGridLayout()
        self.save_button = QPushButton(self.tr("Huidige opslaan…"))
        self.apply_button = QPushButton(self.tr("Toepassen"))
        self.duplicate_button = QPushButton(self.tr("Dupliceren"))
        self.rename_button = QPushButton(self.tr("Hernoemen…"))
        self.delete_button = QPushButton(self.tr("Verwijderen"))
        self.compare_button = QPushButton(self.tr("Vergelijken"))
        self.save_button.setToolTip(
            self.tr("Bewaar de huidige instellingen, clusteraandelen en volgorde als scenario.")
        )
        self.apply_button.setToolTip(
            self.tr("Zet de instellingen van het gekozen scenario terug als huidige planning.")
        )
        for i, button in enumerate(
            (
                self.save_button,
                self.apply_button,
                self.duplicate_button,
                self.rename_button,
                self.delete_button,
                self.compare_button,
            )
        ):
            grid.addWidget(button, i // 2, i % 2)  # two columns: fits a narrow dock
        top_layout.addLayout(grid)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        top_layout.addWidget(self.progress)
        top_layout.addWidget(self.message)

        bottom = self.result_tabs = QTabWidget()
        table_page = QWidget()
        t_layout = QVBoxLayout(table_page)
        t_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(120)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setItemDelegate(FullTextTooltips(self.table))
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self._header_tooltips = HeaderTooltips(self.table.horizontalHeader())
        t_layout.addWidget(self.table, 1)
        self.done_note = QLabel("")
        self.done_note.setWordWrap(True)
        style_text(self.done_note, color=NOTE)
        t_layout.addWidget(self.done_note)
        bottom.addTab(table_page, self.tr("Vergelijking"))
        curves_page = QWidget()
        b_layout = QVBoxLayout(curves_page)
        b_layout.setContentsMargins(0, 0, 0, 0)
        bottom.addTab(curves_page, self.tr("Curven"))
        # Side by side in a wide, low dock (bottom of the window), stacked in a tall one.
        plots = self._plots_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.safe_plot = make_plot(
            self.tr("Verhoogd veilig (cumulatief)"), self.tr("panden"), legend=[]
        )
        self.risk_plot = make_plot(
            self.tr("Resterend risico"), self.tr("slachtoffers per jaar"), legend=[]
        )
        plots.addWidget(self.safe_plot)
        plots.addWidget(self.risk_plot)
        b_layout.addLayout(plots, 3)
        self.safe_curves: dict[str, pg.PlotDataItem] = {}
        self.risk_curves: dict[str, pg.PlotDataItem] = {}

        splitter = self._splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        self.list.setMaximumHeight(160)
        layout.addWidget(splitter)

        self.save_button.clicked.connect(self._ask_save)
        self.apply_button.clicked.connect(lambda: self.apply(self._current_name()))
        self.duplicate_button.clicked.connect(lambda: self.duplicate(self._current_name()))
        self.rename_button.clicked.connect(self._ask_rename)
        self.delete_button.clicked.connect(self._ask_delete)
        self.compare_button.clicked.connect(lambda: self.compare(self.checked_names()))
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.list.itemChanged.connect(lambda _i: self._update_buttons())
        self.runner.resultReady.connect(self._comparison_done)
        self.runner.failed.connect(self._comparison_failed)
        self.runner.busyChanged.connect(self.progress.setVisible)
        self.runner.progressChanged.connect(lambda f: self.progress.setValue(int(f * 100)))
        self.document.projectReplaced.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event):  # noqa: N802 (Qt naming)
        """Wide and low (bottom dock): list | comparison side by side, plots in a row;
        tall and narrow (side dock or floating): everything stacked."""
        super().resizeEvent(event)
        # In a scroll area the visible part is the viewport, not this (taller) widget.
        viewport = self.parentWidget()
        size = viewport.size() if viewport is not None else event.size()
        wide = size.width() > 1.8 * size.height()
        self._splitter.setOrientation(
            Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        )
        room = size.width() - (self._splitter.widget(0).minimumSizeHint().width() if wide else 0)
        side_by_side = room >= 2 * self.safe_plot.minimumWidth() + 40
        self._fit_columns()
        self._plots_layout.setDirection(
            QBoxLayout.Direction.LeftToRight
            if side_by_side and (wide or size.width() > 1.2 * size.height())
            else QBoxLayout.Direction.TopToBottom
        )

    # --- list ------------------------------------------------------------------------------
    def scenarios(self) -> list[sc.Scenario]:
        return sc.load_scenarios(self.document.project)

    def _store(self, items: list[sc.Scenario]) -> None:
        self.document.set_scenarios([s.to_dict() for s in items])
        self.refresh()

    def refresh(self) -> None:
        checked = set(self.checked_names()) if self.list.count() else set()
        current = self._current_name()
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.scenarios():
            item = QListWidgetItem(s.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if s.name in checked else Qt.CheckState.Unchecked
            )
            share = s.settings.get("bespoke_share")
            tip = [
                self.tr("opgeslagen {0}").format(s.created.replace("T", " ")) if s.created else "",
                self.tr("volgorde: {0}").format(
                    core_text(sc.ORDER_LABELS_NL.get(s.order, s.order))
                ),
                self.tr("globaal maatwerk: {0} %").format(format_number(float(share) * 100, 0))
                if share is not None
                else "",
                self.tr("{0} clusters met eigen aandeel").format(len(s.shares)),
                s.note,
            ]
            item.setToolTip("\n".join(t for t in tip if t))
            self.list.addItem(item)
            if s.name == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def _current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item is not None else None

    def checked_names(self) -> list[str]:
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, names) -> None:
        names = set(names)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked
            )

    def _update_buttons(self) -> None:
        has = self._current_name() is not None
        for button in (
            self.apply_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
        ):
            button.setEnabled(has)
        self.compare_button.setEnabled(len(self.checked_names()) >= 2)

    # --- operations (also called by tests) -------------------------------------------------
    def _run(self, operation) -> bool:
        try:
            self._store(operation(self.scenarios()))
        except GisAppError as error:
            self._say(error.user_message(), error=True)
            return False
        return True

    def save_current(self, name: str, *, replace: bool = False) -> bool:
        metrics = dict(getattr(self.controller.result, "metrics", {}) or {})
        try:
            scenario = sc.capture(
                self.document.project, name, order=self.controller.order, metrics=metrics
            )
        except GisAppError as error:
            self._say(error.user_message(), error=True)
            return False
        ok = self._run(lambda items: sc.add_scenario(items, scenario, replace=replace))
        if ok:
            self._select(scenario.name)
            self._say(self.tr("Scenario '{0}' opgeslagen.").format(scenario.name))
        return ok

    def duplicate(self, name: str | None) -> bool:
        if not name:
            return False
        return self._run(lambda items: sc.duplicate(items, name))

    def rename(self, name: str | None, new_name: str) -> bool:
        if not name:
            return False
        ok = self._run(lambda items: sc.rename(items, name, new_name))
        if ok:
            self._select(new_name.strip())
        return ok

    def delete(self, name: str | None) -> bool:
        if not name:
            return False
        return self._run(lambda items: sc.delete(items, name))

    def apply(self, name: str | None) -> bool:
        if not name:
            return False
        scenario = next((s for s in self.scenarios() if s.name == name), None)
        if scenario is None:
            return False
        try:
            config = PlanningConfig.from_dict(scenario.settings)
        except GisAppError as error:
            self._say(error.user_message(), error=True)
            return False
        # the configuration first: the cluster change that follows makes the plan recompute
        self.controller.set_config(config, order=scenario.order, recompute=False)
        self.document.apply_change(scenario_change(self.document.project, scenario), undoable=False)
        self._say(self.tr("Scenario '{0}' toegepast.").format(name))
        return True

    def _select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == name:
                self.list.setCurrentRow(i)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        style_text(self.message, color=WARN if error else CAPTION)

    # --- dialogs ---------------------------------------------------------------------------
    def _ask_save(self) -> None:
        existing = {s.name for s in self.scenarios()}
        default = sc.unique_name(self.tr("Scenario {0}").format(len(existing) + 1), existing)
        name, ok = QInputDialog.getText(
            self, self.tr("Scenario opslaan"), self.tr("Naam van het scenario:"), text=default
        )
        if ok:
            self.save_current(name)

    def _ask_rename(self) -> None:
        name = self._current_name()
        if not name:
            return
        new, ok = QInputDialog.getText(
            self, self.tr("Scenario hernoemen"), self.tr("Nieuwe naam:"), text=name
        )
        if ok:
            self.rename(name, new)

    def _ask_delete(self) -> None:
        name = self._current_name()
        if not name:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Scenario verwijderen"),
            self.tr("Scenario '{0}' verwijderen?").format(name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(name)

    # --- comparison ------------------------------------------------------------------------
    def compare(self, names: list[str]) -> None:
        chosen = [s for s in self.scenarios() if s.name in set(names)]
        if len(chosen) < 1 or not self.controller.has_buildings():
            self._say(self.tr("Vink ten minste twee scenario's aan om te vergelijken."), error=True)
            return
        inputs = self.controller.plan_inputs()
        buildings, clusters = inputs.buildings, inputs.clusters

        def job(progress):
            out = {}
            for i, scenario in enumerate(chosen):
                progress(i / len(chosen))  # raises Cancelled when superseded
                config = PlanningConfig.from_dict(scenario.settings)
                scenario_clusters = clusters.copy() if clusters is not None else None
                if scenario_clusters is not None and len(scenario_clusters):
                    ids = scenario_clusters["cluster_id"].astype(str)
                    scenario_clusters["approach_share"] = (
                        ids.map(scenario.shares).astype(float).to_numpy()
                    )
                planner = self.controller.new_planner(inputs, scenario_clusters, config)
                result = run_planner(planner, dict(scenario.shares), scenario.order)  # own planner
                out[scenario.name] = make_bundle(result, buildings, config)
                progress((i + 1) / len(chosen))
            return out

        self._say(self.tr("Bezig met vergelijken…"))
        self.runner.submit(job)

    def _comparison_failed(self, error) -> None:
        text = error.user_message() if isinstance(error, GisAppError) else str(error)
        self._say(self.tr("Vergelijken mislukt: {0}").format(text), error=True)

    def _comparison_done(self, bundles) -> None:
        if not bundles:
            return
        self.compared_bundles = bundles
        self.comparison = sc.compare({name: b.result for name, b in bundles.items()})
        by_name = {s.name: s for s in self.scenarios()}
        self.compared_inputs = {
            name: scenario_inputs(by_name[name].settings, by_name[name].order, by_name[name].shares)
            for name in bundles
            if name in by_name
        }
        self._fill_table(self.comparison)
        self._fill_curves(bundles)
        self._say(
            self.tr("{0} scenario's vergeleken; gemarkeerde rijen verschillen.").format(
                len(bundles)
            )
        )
        self.comparisonReady.emit(self.comparison)

    def _fill_table(self, comparison: sc.Comparison) -> None:
        names = comparison.names
        inputs = getattr(self, "compared_inputs", {}) or {}
        input_rows = next(iter(inputs.values()), [])
        self.table.clear()
        n_rows = len(comparison.values.index) + (len(input_rows) + 2 if input_rows else 0)
        self.table.setRowCount(n_rows)
        # label, the scenarios' values next to it, the unit last: the values stay in view
        # in a narrow dock, and a long unit never pushes them out
        unit_col = 1 + len(names)
        self.table.setColumnCount(2 + len(names))
        self.table.setHorizontalHeaderLabels([self.tr("kengetal"), *names, self.tr("eenheid")])
        bold = QFont(self.table.font())
        bold.setBold(True)
        row = 0

        def section(title: str) -> None:
            nonlocal row
            item = QTableWidgetItem(title)
            item.setFont(bold)
            item.setBackground(QBrush(SECTION_BACKGROUND))
            self.table.setItem(row, 0, item)
            for col in range(1, 2 + len(names)):
                filler = QTableWidgetItem("")
                filler.setBackground(QBrush(SECTION_BACKGROUND))
                self.table.setItem(row, col, filler)
            row += 1

        if input_rows:
            section(self.tr("Invoer"))
            for i, (label, unit, _value) in enumerate(input_rows):
                values = [inputs[n][i][2] if n in inputs else "–" for n in names]
                differs = len(set(values)) > 1
                self.table.setItem(row, 0, QTableWidgetItem(core_text(label)))
                self.table.setItem(row, unit_col, QTableWidgetItem(core_text(unit)))
                for col, text in enumerate(values):
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    self.table.setItem(row, 1 + col, item)
                if differs:
                    for col in range(2 + len(names)):
                        self.table.item(row, col).setBackground(QBrush(DIFF_BACKGROUND))
                    self.table.item(row, 0).setFont(bold)
                row += 1
            section(self.tr("Uitkomst"))
        done_tip = ""
        buildings = self.document.project.buildings
        if buildings is not None and len(buildings) and "milestone" in buildings:
            done_tip = self.tr(done_explanation(done_counts(buildings)))
        for key in comparison.values.index:
            kind = comparison.kinds[key]
            differs = bool(comparison.differs[key])
            label = QTableWidgetItem(core_text(comparison.labels[key]))
            unit = QTableWidgetItem(core_text(comparison.units[key]))
            if key == "already_done" and done_tip:
                label.setToolTip(done_tip)
            self.table.setItem(row, 0, label)
            self.table.setItem(row, unit_col, unit)
            for col, name in enumerate(names):
                value = comparison.values.at[key, name]
                delta = comparison.deltas.at[key, name]
                text = format_value(kind, value)
                if col > 0 and differs:
                    extra = format_delta(kind, delta)
                    if extra:
                        text = f"{text}  ({extra})"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, differs)
                if differs:
                    item.setBackground(QBrush(DIFF_BACKGROUND))
                    better = comparison.lower_is_better.get(key)
                    if col > 0 and better is not None and not pd.isna(delta) and float(delta) != 0:
                        improved = (float(delta) < 0) == bool(better)
                        item.setForeground(QBrush(BETTER if improved else WORSE))
                        item.setFont(bold)
                self.table.setItem(row, 1 + col, item)
            if differs:
                for col in (0, unit_col):
                    self.table.item(row, col).setBackground(QBrush(DIFF_BACKGROUND))
                self.table.item(row, 0).setFont(bold)
            row += 1
        self.done_note.setText(
            done_tip if "already_done" in comparison.values.index and done_tip else ""
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._fit_columns()
        self.result_tabs.setCurrentIndex(0)

    def _fit_columns(self) -> None:
        """Columns as wide as their text, shrunk to fit the dock when they do not: the
        label column to at most LABEL_COLUMN_MAX, then the scenario columns evenly (not
        below VALUE_COLUMN_MIN; beyond that the table scrolls). Cut-off text shows as a
        tooltip."""
        columns = self.table.columnCount()
        if columns < 3:
            return
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        widths = [self.table.columnWidth(c) for c in range(columns)]
        room = self.table.viewport().width()
        if sum(widths) <= room:
            return
        widths[0] = min(widths[0], LABEL_COLUMN_MAX)
        unit = widths[-1]
        values = columns - 2
        share = max(VALUE_COLUMN_MIN, (room - widths[0] - min(unit, 90)) // values)
        for c in range(1, 1 + values):
            widths[c] = min(widths[c], share)
        for c, width in enumerate(widths):
            self.table.setColumnWidth(c, width)

    def _fill_curves(self, bundles: dict) -> None:
        for plot, curves in (
            (self.safe_plot, self.safe_curves),
            (self.risk_plot, self.risk_curves),
        ):
            for curve in curves.values():
                plot.removeItem(curve)
            curves.clear()
        legend = [
            (SERIES_COLORS[i % len(SERIES_COLORS)], "━", name) for i, name in enumerate(bundles)
        ]
        set_title(self.safe_plot, self.tr("Verhoogd veilig (cumulatief)"), legend)
        set_title(self.risk_plot, self.tr("Resterend risico"), legend)
        for i, (name, bundle) in enumerate(bundles.items()):
            pen = pg.mkPen(SERIES_COLORS[i % len(SERIES_COLORS)], width=2.5)
            x = to_seconds(bundle.cumulative.index)
            y = (
                bundle.cumulative[PROFILE_VERHOOGD].to_numpy(float)
                if PROFILE_VERHOOGD in bundle.cumulative
                else x * 0
            )
            self.safe_curves[name] = self.safe_plot.plot(x, y, pen=pen)
            self.risk_curves[name] = self.risk_plot.plot(
                to_seconds(bundle.exposure.index),
                bundle.exposure["annual_risk"].to_numpy(float),
                pen=pen,
            )

    def highlighted_rows(self) -> list[str]:
        """Metric keys whose row is highlighted as different (for tests and the screen)."""
        if self.comparison is None:
            return []
        return [k for k in self.comparison.values.index if bool(self.comparison.differs[k])]
