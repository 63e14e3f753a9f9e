"""NCG progress widget: counts per milestone and risk profile, for the area or per cluster.

The figures come from :mod:`gis_app.core.dashboard` (vectorised, instant at 300,000
buildings), so this widget recomputes synchronously whenever the buildings, their
milestones, the clusters or the cluster selection change.

Views: *hele gebied*, *geselecteerde clusters* (milestone × risk profile), and *per
cluster* (cluster × milestone). Unit: panden or adressen; reading: in fase (current
milestone) or bereikt (at or beyond). A stacked bar chart shows the area table.
Under the table, for the whole area in buildings, a note ties the "afgerond" row to
the plan's "al gereed" (:func:`gis_app.core.explain.done_explanation`), since the two
count differently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gis_app.core import dashboard as db
from gis_app.core.explain import done_counts, done_explanation
from gis_app.core.schema import MILESTONE_LABELS_NL, MILESTONES, RISK_PROFILES_WITH_UNKNOWN
from gis_app.ui import map_first
from gis_app.ui.core_texts import core_text
from gis_app.ui.glossary import add_glosses
from gis_app.ui.map_first import defer_until_map
from gis_app.ui.planning.plotting import RISK_FILL, DutchNumberAxis, format_number
from gis_app.ui.tasks import task_runner
from gis_app.ui.text_style import CAPTION, NOTE, style_text

SCOPE_AREA = "area"
SCOPE_SELECTION = "selection"
SCOPE_CLUSTERS = "clusters"
#: Shorter milestone labels for the bar chart's axis (the table shows the full ones).
SHORT_LABELS = {
    "niet_in_plan": QT_TRANSLATE_NOOP("DashboardView", "niet in lokaal plan"),
    "normbesluit": QT_TRANSLATE_NOOP("DashboardView", "normbesluit"),
    "versterkingsbesluit": QT_TRANSLATE_NOOP("DashboardView", "versterkingsbesluit"),
    "afgerond": QT_TRANSLATE_NOOP("DashboardView", "traject afgerond"),
}


def _wrap(label: str) -> str:
    """Header text on two lines (at the last space) so many columns fit a dock."""
    head, _, tail = label.rpartition(" ")
    return f"{head}\n{tail}" if head else label


WATCHED_COLUMNS = {"milestone", "risk_profile", "addresses", "cluster_id"}


class DashboardView(QWidget):
    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        controls = QHBoxLayout()
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Hele gebied"), SCOPE_AREA)
        self.scope.addItem(self.tr("Geselecteerde clusters"), SCOPE_SELECTION)
        self.scope.addItem(self.tr("Per cluster"), SCOPE_CLUSTERS)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("panden"), "panden")
        self.unit.addItem(self.tr("adressen"), "adressen")
        self.cumulative = QCheckBox(self.tr("bereikt (cumulatief)"))
        self.cumulative.setToolTip(
            self.tr(
                "Aan: aantal dat deze mijlpaal heeft bereikt of verder is. Uit: aantal dat nu in deze fase zit."
            )
        )
        controls.addWidget(self.scope)
        controls.addWidget(self.unit)
        controls.addWidget(self.cumulative)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.caption = QLabel("")
        style_text(self.caption, color=CAPTION)
        self.caption.setWordWrap(True)  # the dock may be narrow on a 1366 px laptop
        layout.addWidget(self.caption)

        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)

        self.chart = pg.PlotWidget(background="w", axisItems={"bottom": DutchNumberAxis("bottom")})
        item = self.chart.getPlotItem()
        item.setMenuEnabled(False)
        item.invertY(True)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setLabel("bottom", self.tr("aantal"), color="#303030")
        item.getAxis("left").setWidth(150)
        for name in ("left", "bottom"):
            item.getAxis(name).setPen(pg.mkPen("#606060"))
            item.getAxis(name).setTextPen(pg.mkPen("#303030"))
        item.showGrid(x=True, y=False, alpha=0.2)
        legend = item.addLegend(
            offset=(-8, -8), labelTextColor="#202020", brush=pg.mkBrush(255, 255, 255, 220)
        )
        legend.setPen(pg.mkPen("#c0c0c0"))
        self.bars: dict[str, pg.BarGraphItem] = {}
        for profile in RISK_PROFILES_WITH_UNKNOWN:
            bar = pg.BarGraphItem(
                x0=[],
                y=[],
                height=0.7,
                width=[],
                brush=RISK_FILL[profile],
                pen=pg.mkPen("#606060", width=0.5),
            )
            item.addItem(bar)
            legend.addItem(bar, core_text(profile))
            self.bars[profile] = bar
        item.getAxis("left").setTicks(
            [
                [
                    (
                        i,
                        self.tr(SHORT_LABELS[m])
                        if m in SHORT_LABELS
                        else core_text(MILESTONE_LABELS_NL[m]),
                    )
                    for i, m in enumerate(MILESTONES)
                ],
                [],
            ]
        )

        self.done_note = QLabel("")
        style_text(self.done_note, color=NOTE)
        self.done_note.setWordWrap(True)
        table_box = QWidget()
        box_layout = QVBoxLayout(table_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.table, 1)
        box_layout.addWidget(self.done_note)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(table_box)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.current: pd.DataFrame = pd.DataFrame()
        for widget in (self.scope, self.unit):
            widget.currentIndexChanged.connect(lambda _i: self.refresh())
        self.cumulative.toggled.connect(lambda _c: self.refresh())
        document.projectReplaced.connect(self._project_replaced)
        document.buildingsChanged.connect(self.refresh)
        document.clustersChanged.connect(self.refresh)
        document.buildingAttributesChanged.connect(self._attributes_changed)
        document.clusterSelectionChanged.connect(self._selection_changed)
        self._first_count()

    def _first_count(self) -> None:
        """The counts of the project there is when the view is built (its tab first came
        to the front): a large project is counted on the task runner, so the click on the
        tab does not wait for it; a small one at once."""
        if len(self.document.project.buildings) < map_first.MAP_FIRST_ROWS:
            self.refresh()
            return
        if defer_until_map(self.document, self._show_counted, background=self._count_later):
            return

        def show(result) -> None:
            if shiboken6.isValid(self):  # the window may have closed meanwhile
                self._show_counted(result)

        task_runner().submit(self._count_later(), name="count Voortgang", on_result=show)

    def _project_replaced(self) -> None:
        if not defer_until_map(self.document, self._show_counted, background=self._count_later):
            self.refresh()

    def _count_later(self):
        """The request with snapshots of the frames (copy-on-write, on the UI thread) and
        the counting to do on the task runner's thread (map first, see map_first)."""
        project = self.document.project
        request = self._request(
            project.buildings.copy(deep=False), project.clusters.copy(deep=False)
        )
        buildings = project.buildings

        def count(_progress):
            return buildings, request, counted(*request)

        return count

    def _show_counted(self, result) -> None:
        buildings, request, tables = result
        current = self._request(self.document.project.buildings, self.document.project.clusters)
        if buildings is not self.document.project.buildings or current[2:] != request[2:]:
            self.refresh()  # the project, scope or unit changed while counting
            return
        self._show(request, tables)

    def _attributes_changed(self, columns) -> None:
        if WATCHED_COLUMNS & set(columns or []):
            self.refresh()

    def _selection_changed(self) -> None:
        if self.scope.currentData() == SCOPE_SELECTION:
            self.refresh()

    def set_scope(self, scope: str) -> None:
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope)))

    def _request(self, buildings, clusters) -> tuple:
        """What a refresh counts: the frames, unit, cumulative, scope and selected clusters."""
        scope = self.scope.currentData()
        ids = (
            frozenset(map(str, self.document.selected_cluster_ids))
            if scope == SCOPE_SELECTION
            else frozenset()
        )
        return buildings, clusters, self.unit.currentData(), self.cumulative.isChecked(), scope, ids

    def refresh(self) -> None:
        request = self._request(self.document.project.buildings, self.document.project.clusters)
        self._show(request, counted(*request))

    def _show(self, request: tuple, tables: dict) -> None:
        buildings, clusters, unit, _cumulative, scope, ids = request
        if scope == SCOPE_CLUSTERS:
            self.caption.setText(self.tr("{0} per cluster en mijlpaal").format(core_text(unit)))
            self._fill_clusters(tables["clusters"])
        else:
            if scope == SCOPE_SELECTION:
                names = tables["names"]
                self.caption.setText(
                    self.tr("{0} in {1}").format(
                        core_text(unit), ", ".join(names[:4]) + (" …" if len(names) > 4 else "")
                    )
                    if ids
                    else self.tr("Geen cluster geselecteerd.")
                )
            else:
                self.caption.setText(
                    self.tr("{0} per mijlpaal en risicoprofiel, hele gebied ({1} panden)").format(
                        core_text(unit), format_number(len(buildings), 0)
                    )
                )
            self._fill_milestones(tables["area"])
        note = ""
        if tables.get("done") is not None:
            note = self.tr(
                "Het plan telt als al gereed de panden met een maatregel waarvan de bouw "
                "gereed of het traject afgerond is: {0}"
            ).format(done_explanation(tables["done"]))
        self.done_note.setText(note)
        self.done_note.setVisible(bool(note))
        self._fill_chart(tables["area"])

    def _fill_milestones(self, table: pd.DataFrame) -> None:
        self.current = table
        headers = [
            self.tr("mijlpaal"),
            *[core_text(p).replace(" ", "\n") for p in RISK_PROFILES_WITH_UNKNOWN],
            self.tr("totaal"),
        ]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(table) + 1)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        columns = [*RISK_PROFILES_WITH_UNKNOWN, db.TOTAL]
        for row, (_code, values) in enumerate(table.iterrows()):  # ten rows, not buildings
            label = QTableWidgetItem(core_text(values["label"]))
            add_glosses(label, label.text())  # English window: "opname (on-site inspection)"
            self.table.setItem(row, 0, label)
            for col, column in enumerate(columns, start=1):
                self.table.setItem(row, col, self._number(values[column], bold=column == db.TOTAL))
        if not self.cumulative.isChecked():
            last = len(table)
            self.table.setItem(last, 0, self._text(self.tr("totaal"), bold=True))
            for col, column in enumerate(columns, start=1):
                self.table.setItem(last, col, self._number(table[column].sum(), bold=True))
        else:
            self.table.setRowCount(len(table))
        self._fit()

    def _fill_clusters(self, table: pd.DataFrame) -> None:
        self.current = table
        milestone_columns = [c for c in table.columns if c not in ("name", db.TOTAL)]
        headers = [
            self.tr("cluster"),
            *[_wrap(core_text(MILESTONE_LABELS_NL.get(c, c))) for c in milestone_columns],
            self.tr("totaal"),
        ]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(table))
        self.table.setHorizontalHeaderLabels(headers)
        values = table[[*milestone_columns, db.TOTAL]].to_numpy()
        for row in range(len(table)):  # one row per cluster
            self.table.setItem(row, 0, QTableWidgetItem(str(table["name"].iloc[row])))
            for col in range(values.shape[1]):
                self.table.setItem(
                    row, col + 1, self._number(values[row, col], bold=col == values.shape[1] - 1)
                )
        self._fit()

    def _fit(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def _number(self, value, *, bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(format_number(float(value), 0 if float(value).is_integer() else 1))
        item.setData(Qt.ItemDataRole.UserRole, float(value))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        return item

    def _text(self, text: str, *, bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if bold:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        return item

    def _fill_chart(self, table: pd.DataFrame) -> None:
        known = table.loc[[m for m in MILESTONES if m in table.index]]
        y = np.arange(len(known), dtype=float)
        left = np.zeros(len(known))
        for profile in RISK_PROFILES_WITH_UNKNOWN:
            width = known[profile].to_numpy(float)
            self.bars[profile].setOpts(x0=left.copy(), y=y, width=width, height=0.7)
            left += width
        self.chart.getPlotItem().setXRange(
            0, max(float(left.max()) if len(left) else 1.0, 1.0) * 1.05, padding=0
        )
        self.chart.getPlotItem().setYRange(-0.6, len(known) - 0.4, padding=0)

    def cell(self, row: int, column: int) -> float | str:
        """Value shown in the table (numbers as floats) — for tests."""
        item = self.table.item(row, column)
        if item is None:
            return ""
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if value is not None else item.text()


def counted(buildings, clusters, unit, cumulative, scope, ids) -> dict:
    """The tables the dashboard shows for one request (Qt-free: may run on a worker
    thread with snapshots of the frames)."""
    out: dict = {"done": None}
    if scope == SCOPE_CLUSTERS:
        out["clusters"] = db.cluster_milestone_counts(
            buildings, clusters, unit=unit, cumulative=cumulative
        )
        out["area"] = db.milestone_counts(buildings, unit=unit, cumulative=cumulative)
    else:
        mask = None
        if scope == SCOPE_SELECTION:
            mask = buildings["cluster_id"].astype(str).isin(ids).to_numpy()
            out["names"] = (
                clusters.loc[clusters["cluster_id"].astype(str).isin(ids), "name"]
                .astype(str)
                .tolist()
                if len(clusters)
                else []
            )
        out["area"] = db.milestone_counts(buildings, unit=unit, cumulative=cumulative, mask=mask)
    if scope == SCOPE_AREA and unit == "panden" and len(buildings):
        out["done"] = done_counts(buildings)
    return out
