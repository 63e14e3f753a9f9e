"""The cluster panel: every cluster with live statistics, sortable, selection in step with the map.

Statistics come from :func:`gis_app.core.clusters.ranking.cluster_statistics` (one pandas
groupby over the buildings), recomputed shortly after clusters or building attributes
change; the widget only formats them. The table's own order is the cluster order
(priority, and who keeps an overlap) until the user sorts a column; "Volgorde" sorts
back. Above the table: "Zonder cluster (N)" selects the buildings in no cluster and
"Overlap (N)" those whose point lies in more than one cluster (they count for the
first), with the rule in the tooltip.

Editing from the panel: double-click a name to rename; the context menu recolours,
moves a cluster up or down in the order, merges, deletes, zooms and selects members.
Every change is an undo command.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.clusters.membership import OverlapTracker, members, unclustered_rows
from gis_app.core.clusters.ranking import attribute_codes, cluster_statistics, rank_clusters
from gis_app.core.schema import (
    MILESTONE_LABELS_NL,
    MILESTONES,
    RISK_PROFILES_WITH_UNKNOWN,
)
from gis_app.ui.clusters.commands import (
    DeleteClustersCommand,
    MergeClustersCommand,
    MoveClusterInOrderCommand,
    RecolourClusterCommand,
    RenameClusterCommand,
    set_clusters_order,
)
from gis_app.ui.sorting import SORT_ROLE, SortRoleProxy

ID_ROLE = Qt.ItemDataRole.UserRole + 2

_MEASURE_SHORT = {"none": "geen", "light": "licht", "heavy": "zwaar", "rebuild": "sloop-nieuwbouw"}


class ClusterTableModel(QAbstractTableModel):
    """Rows: clusters in cluster order; columns: order, name, statistics."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ids: list[str] = []
        self.names: list[str] = []
        self.colors: list[str] = []
        self.reasons: list[str] = []
        self.ranks = np.empty(0, dtype=np.int64)
        self.stats = pd.DataFrame()
        self.columns: list[tuple[str, str]] = self._columns()

    def _columns(self) -> list[tuple[str, str]]:
        t = self.tr
        cols = [
            ("order", t("Volgorde")),
            ("name", t("Naam")),
            ("rank", t("Rang")),
            ("n_buildings", t("Panden")),
            ("addresses", t("Adressen")),
            ("residents", t("Bewoners")),
        ]
        profile_labels = {
            "verhoogd": t("Verhoogd"),
            "licht verhoogd": t("Licht verhoogd"),
            "normaal": t("Normaal"),
            "onbekend": t("Onbekend"),
        }
        cols += [(f"profile:{p}", profile_labels[p]) for p in RISK_PROFILES_WITH_UNKNOWN]
        cols += [("lpr_sum", t("Som LPR")), ("measures", t("Maatregelen"))]
        cols += [(f"milestone:{m}", MILESTONE_LABELS_NL[m]) for m in MILESTONES]
        cols += [("cluster_id", t("Cluster-id"))]
        return cols

    def set_data(self, clusters, stats: pd.DataFrame, ranking: pd.DataFrame) -> None:
        self.beginResetModel()
        self.ids = clusters["cluster_id"].astype(str).tolist()
        self.names = clusters["name"].astype(str).tolist()
        self.colors = clusters["color"].astype(str).tolist()
        self.ranks = ranking["rank"].to_numpy() if len(ranking) else np.empty(0, dtype=np.int64)
        self.reasons = ranking["reason"].astype(str).tolist() if len(ranking) else []
        self.stats = stats
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()][0] == "name":
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _value(self, row: int, key: str):
        if key == "order":
            return row + 1
        if key == "name":
            return self.names[row]
        if key == "cluster_id":
            return self.ids[row]
        if key == "rank":
            return int(self.ranks[row]) if row < len(self.ranks) else 0
        if key == "measures":
            return self._measure_mix(row)
        if key in self.stats.columns:
            return self.stats[key].iloc[row]
        return ""

    def _measure_mix(self, row: int) -> str:
        parts = []
        for measure in ("rebuild", "heavy", "light", "none"):
            n = int(self.stats[f"measure:{measure}"].iloc[row]) if len(self.stats) else 0
            if n:
                parts.append(f"{n} {self.tr(_MEASURE_SHORT[measure])}")
        return ", ".join(parts)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, key = index.row(), self.columns[index.column()][0]
        if role == ID_ROLE:
            return self.ids[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self._value(row, key)
            if key == "lpr_sum":
                return f"{float(value):.2e}" if value else "0"
            if key == "residents":
                return f"{float(value):.0f}"
            return str(value) if not isinstance(value, str) else value
        if role == SORT_ROLE:
            value = self._value(row, key)
            if key == "measures":
                return tuple(
                    int(self.stats[f"measure:{m}"].iloc[row]) for m in ("rebuild", "heavy", "light")
                )
            return value.lower() if isinstance(value, str) else float(value)
        if role == Qt.ItemDataRole.DecorationRole and key == "name":
            return QColor(self.colors[row])
        if role == Qt.ItemDataRole.ToolTipRole and row < len(self.reasons):
            return self.reasons[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in (
            "name",
            "measures",
            "cluster_id",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and key == "profile:verhoogd":
            value = self._value(row, key)
            if value:
                return QBrush(QColor(255, 210, 200))
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.columns[index.column()][0] != "name":
            return False
        text = str(value).strip()
        if not text or text == self.names[index.row()]:
            return False
        self.renameRequested.emit(self.ids[index.row()], text)
        return True

    renameRequested = Signal(str, str)


class ClusterPanel(QWidget):
    """Dock content: buttons for unclustered/overlapping buildings and the cluster table."""

    zoomToRowsRequested = Signal(object)  # np.ndarray of building rows

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self._syncing = False
        self.model = ClusterTableModel(self)
        self.proxy = SortRoleProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.unclustered_button = QPushButton(self)
        self.unclustered_button.setToolTip(
            self.tr("Selecteer de panden die in geen cluster liggen")
        )
        self.unclustered_button.clicked.connect(self.select_unclustered)
        self.overlap_button = QPushButton(self)
        self.overlap_button.setToolTip(
            self.tr(
                "Panden waarvan het representatieve punt in meer dan één cluster ligt. "
                "Zo'n pand telt alleen mee voor de eerste cluster in de volgorde "
                "(de eerste cluster houdt zijn panden). Verander de volgorde via het "
                "contextmenu om een andere cluster voorrang te geven."
            )
        )
        self.overlap_button.clicked.connect(self.select_overlapping)
        self.order_button = QPushButton(self.tr("Volgorde"), self)
        self.order_button.setToolTip(self.tr("Toon de clusters in hun volgorde (prioriteit)"))
        self.order_button.clicked.connect(self.sort_by_order)
        self.summary = QLabel(self)
        self.rule = QLabel(
            self.tr(
                "Een pand hoort bij de cluster waarin zijn representatieve punt ligt; bij "
                "overlap houdt de eerste cluster in de volgorde zijn panden."
            ),
            self,
        )
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: palette(mid);")

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(70)
        header.resizeSection(1, 150)  # name
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._table_selection_changed)
        self.model.renameRequested.connect(self.rename)

        buttons = QHBoxLayout()
        buttons.addWidget(self.unclustered_button)
        buttons.addWidget(self.overlap_button)
        buttons.addStretch(1)
        buttons.addWidget(self.order_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.rule)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.refresh)
        self._codes: dict | None = None  # attribute codes of the current buildings
        self._codes_for = None
        self._overlaps = OverlapTracker()
        document.clustersChanged.connect(self.schedule_refresh)
        document.buildingsChanged.connect(self._buildings_changed)
        document.buildingAttributesChanged.connect(self._attributes_changed)
        document.projectReplaced.connect(self._buildings_changed)
        document.clusterSelectionChanged.connect(self._document_selection_changed)
        self._unclustered = np.empty(0, dtype=np.int64)
        self._overlapping = np.empty(0, dtype=np.int64)
        self.refresh()

    # --- data ------------------------------------------------------------------------------
    def schedule_refresh(self, *_args) -> None:
        self._timer.start()

    def _buildings_changed(self, *_args) -> None:
        self._codes = None
        self.schedule_refresh()

    def _attributes_changed(self, columns=None) -> None:
        if columns is None or set(columns) - {"cluster_id"}:
            self._codes = None
        self.schedule_refresh()

    def refresh(self) -> None:
        self._timer.stop()
        project = self.document.project
        buildings, clusters = project.buildings, project.clusters
        if self._codes is None or self._codes_for is not buildings:
            self._codes = attribute_codes(buildings)
            self._codes_for = buildings
        stats = cluster_statistics(buildings, clusters, codes=self._codes)
        ranking = (
            rank_clusters(buildings, clusters, stats=stats) if len(clusters) else pd.DataFrame()
        )
        self._syncing = True
        try:
            self.model.set_data(clusters, stats, ranking)
        finally:
            self._syncing = False
        self._unclustered = unclustered_rows(buildings)
        self._overlapping = self._overlaps.rows(buildings, clusters)
        self.unclustered_button.setText(self.tr("Zonder cluster (%n)", "", len(self._unclustered)))
        self.overlap_button.setText(self.tr("Overlap (%n)", "", len(self._overlapping)))
        self.overlap_button.setEnabled(len(self._overlapping) > 0)
        self.unclustered_button.setEnabled(len(self._unclustered) > 0)
        in_clusters = len(buildings) - len(self._unclustered)
        self.summary.setText(
            self.tr("%1 clusters, %2 van %3 panden in een cluster")
            .replace("%1", str(len(clusters)))
            .replace("%2", str(in_clusters))
            .replace("%3", str(len(buildings)))
        )
        self._document_selection_changed()

    # --- selection sync --------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted(
            {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        )
        return [self.model.ids[r] for r in rows]

    def _table_selection_changed(self, *_args) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.document.set_selected_clusters(self.selected_ids())
        finally:
            self._syncing = False

    def _document_selection_changed(self) -> None:
        if self._syncing:
            return
        wanted = set(self.document.selected_cluster_ids)
        selection = QItemSelection()
        for row, cid in enumerate(self.model.ids):
            if cid in wanted:
                left = self.proxy.mapFromSource(self.model.index(row, 0))
                right = self.proxy.mapFromSource(
                    self.model.index(row, self.model.columnCount() - 1)
                )
                selection.select(left, right)
        self._syncing = True
        try:
            self.view.selectionModel().select(
                selection,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            if not selection.isEmpty():
                self.view.scrollTo(selection.indexes()[0])
        finally:
            self._syncing = False

    def select_unclustered(self) -> None:
        self.document.set_selection(self._unclustered)

    def select_overlapping(self) -> None:
        self.document.set_selection(self._overlapping)

    def sort_by_order(self) -> None:
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    # --- edits -----------------------------------------------------------------------------
    def rename(self, cluster_id: str, name: str) -> None:
        self.document.undo_stack.push(RenameClusterCommand(self.document, cluster_id, name))

    def recolour(self, cluster_id: str, color: str | None = None) -> None:
        if color is None:
            current = self.model.colors[self.model.ids.index(cluster_id)]
            chosen = QColorDialog.getColor(QColor(current), self, self.tr("Clusterkleur"))
            if not chosen.isValid():
                return
            color = chosen.name()
        self.document.undo_stack.push(RecolourClusterCommand(self.document, cluster_id, color))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.document.undo_stack.push(DeleteClustersCommand(self.document, ids))

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) >= 2:
            self.document.undo_stack.push(MergeClustersCommand(self.document, ids))

    def move_in_order(self, cluster_id: str, step: int) -> None:
        position = self.model.ids.index(cluster_id) + step
        if 0 <= position < len(self.model.ids):
            self.document.undo_stack.push(
                MoveClusterInOrderCommand(self.document, cluster_id, position)
            )

    def order_by_rank(self) -> None:
        if not len(self.model.ids):
            return
        ordered = [self.model.ids[i] for i in np.argsort(self.model.ranks, kind="stable")]
        self.document.undo_stack.push(set_clusters_order(self.document, ordered))

    def select_members(self, ids: list[str]) -> None:
        buildings = self.document.project.buildings
        rows = np.concatenate([members(buildings, c) for c in ids]) if ids else []
        self.document.set_selection(rows)
        self.zoomToRowsRequested.emit(np.asarray(rows, dtype=np.int64))

    def _context_menu(self, position) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        first = ids[0]
        if len(ids) == 1:
            rename = QAction(self.tr("Hernoemen"), menu)
            rename.triggered.connect(
                lambda: self.view.edit(
                    self.proxy.mapFromSource(self.model.index(self.model.ids.index(first), 1))
                )
            )
            menu.addAction(rename)
            colour = QAction(self.tr("Kleur wijzigen..."), menu)
            colour.triggered.connect(lambda: self.recolour(first))
            menu.addAction(colour)
            up = QAction(self.tr("Eerder in volgorde"), menu)
            up.triggered.connect(lambda: self.move_in_order(first, -1))
            menu.addAction(up)
            down = QAction(self.tr("Later in volgorde"), menu)
            down.triggered.connect(lambda: self.move_in_order(first, +1))
            menu.addAction(down)
        ranked = QAction(self.tr("Volgorde op rang zetten"), menu)
        ranked.triggered.connect(self.order_by_rank)
        menu.addAction(ranked)
        menu.addSeparator()
        select = QAction(self.tr("Panden selecteren en zoomen"), menu)
        select.triggered.connect(lambda: self.select_members(ids))
        menu.addAction(select)
        if len(ids) >= 2:
            merge = QAction(self.tr("Samenvoegen"), menu)
            merge.triggered.connect(self.merge_selected)
            menu.addAction(merge)
        delete = QAction(self.tr("Verwijderen"), menu)
        delete.triggered.connect(self.delete_selected)
        menu.addAction(delete)
        menu.popup(self.view.viewport().mapToGlobal(position))
