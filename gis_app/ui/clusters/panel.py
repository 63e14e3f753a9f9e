"""The cluster panel: every cluster with live statistics, sortable, selection in step with the map.

Statistics come from :func:`gis_app.core.clusters.ranking.cluster_statistics` (one pandas
groupby over the buildings), recomputed shortly after clusters or building attributes
change; the widget only formats them. The table's own order is the priority order
("Voorrang": who keeps the buildings where clusters overlap) until the user sorts a
column; "Op voorrang" sorts back. Priority is not the plan order: the column "Plaats in
planning" shows where the current plan puts each cluster. Above the table: "Zonder
cluster (N)" selects the buildings in no cluster and "Overlap (N)" those whose point
lies in more than one cluster, with the rule in the tooltip; a warning line names the
clusters that hold no building, and a notice line says what the last edit did.

Editing from the panel: drag rows to change the priority (while the table shows the
priority order), "Naar begin"/"Naar eind", Delete removes the selected clusters,
double-click a name to rename; the context menu (also on the map, see
:meth:`ClusterPanel.cluster_menu`) renames, recolours, moves, merges, deletes, selects
the buildings and zooms. Every change is an undo command.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.clusters.membership import (
    MembershipIndex,
    OverlapTracker,
    members,
    overlapping_rows,
    remember_index,
    unclustered_rows,
)
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
    MoveClustersCommand,
    RecolourClusterCommand,
    RenameClusterCommand,
    cluster_names,
    set_clusters_order,
)
from gis_app.ui.core_texts import core_text
from gis_app.ui.map_first import defer_until_map
from gis_app.ui.sorting import SORT_ROLE, SortRoleProxy
from gis_app.ui.text_style import CAUTION, MUTED, style_text

ID_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_IDS = "application/x-gis-app-cluster-ids"
EMPTY_BACKGROUND = QColor(255, 225, 170)  # rows of clusters without buildings

_MEASURE_SHORT = {
    "none": QT_TRANSLATE_NOOP("ClusterTableModel", "geen"),
    "light": QT_TRANSLATE_NOOP("ClusterTableModel", "licht"),
    "heavy": QT_TRANSLATE_NOOP("ClusterTableModel", "zwaar"),
    "rebuild": QT_TRANSLATE_NOOP("ClusterTableModel", "sloop-nieuwbouw"),
}


#: Building columns whose values are hashed into codes (ranking.attribute_codes).
COUNTED_COLUMNS = {"risk_profile", "expected_measure", "milestone"}
#: Building columns the statistics and the ranking read.
STATISTIC_COLUMNS = COUNTED_COLUMNS | {"cluster_id", "addresses", "residents", "lpr"}


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
        self.plan_positions: dict[str, int] = {}
        self.empty: set[str] = set()
        self.columns: list[tuple[str, str]] = self._columns()

    def _columns(self) -> list[tuple[str, str]]:
        t = self.tr
        cols = [
            ("order", t("Voorrang")),
            ("name", t("Naam")),
            ("plan_position", t("Plaats in planning")),
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
        cols += [(f"milestone:{m}", core_text(MILESTONE_LABELS_NL[m])) for m in MILESTONES]
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
        counts = stats["n_buildings"] if "n_buildings" in stats.columns else None
        self.empty = (
            set()
            if counts is None
            else {c for c, n in zip(self.ids, counts.tolist(), strict=False) if not n}
        )
        self.endResetModel()

    def set_plan_positions(self, positions: dict[str, int]) -> None:
        self.plan_positions = dict(positions)
        column = [k for k, _ in self.columns].index("plan_position")
        if self.ids:
            self.dataChanged.emit(self.index(0, column), self.index(len(self.ids) - 1, column))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            key = self.columns[section][0]
            if key == "order":
                return self.tr(
                    "Voorrang bij overlap: waar clusters overlappen, houdt de cluster met "
                    "de hoogste voorrang (1) de panden. Sleep rijen om dit te wijzigen. "
                    "Dit is niet de volgorde van de planning."
                )
            if key == "plan_position":
                return self.tr("Plaats van de cluster in de huidige planning (Planning-paneel)")
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        if self.columns[index.column()][0] == "name":
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # --- drag and drop: rows move in the priority order -------------------------------------
    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self):  # noqa: N802
        return [MIME_IDS]

    def mimeData(self, indexes):  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME_IDS, "\n".join(self.ids[r] for r in rows).encode("utf-8"))
        return data

    def canDropMimeData(self, data, action, row, column, parent):  # noqa: N802
        return data is not None and data.hasFormat(MIME_IDS)

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        """A drop before ``row`` (on a row: before that row; below the last: at the end)."""
        if data is None or not data.hasFormat(MIME_IDS):
            return False
        ids = [i for i in bytes(data.data(MIME_IDS)).decode("utf-8").split("\n") if i]
        ids = [i for i in ids if i in self.ids]
        if not ids:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.ids)
        moving = set(ids)
        # the target counted in the order without the moved rows
        position = sum(1 for c in self.ids[:row] if c not in moving)
        self.moveRequested.emit(ids, position)
        return True

    def removeRows(self, row, count, parent=QModelIndex()) -> bool:  # noqa: B008, N802
        return False  # a move is an undo command; the view must not delete the dragged rows

    moveRequested = Signal(list, int)  # cluster ids, position in the order without them

    def _value(self, row: int, key: str):
        if key == "order":
            return row + 1
        if key == "name":
            return self.names[row]
        if key == "cluster_id":
            return self.ids[row]
        if key == "plan_position":
            return self.plan_positions.get(self.ids[row], "")
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
            if key == "plan_position" and value == "":
                return float("inf")
            if key == "measures":
                return tuple(
                    int(self.stats[f"measure:{m}"].iloc[row]) for m in ("rebuild", "heavy", "light")
                )
            return value.lower() if isinstance(value, str) else float(value)
        if role == Qt.ItemDataRole.DecorationRole and key == "name":
            return QColor(self.colors[row])
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.ids[row] in self.empty:
                return self.tr("Deze cluster bevat geen panden.")
            if row < len(self.reasons):
                return self.reasons[row]
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and self.ids[row] in self.empty
            and key in ("name", "n_buildings")
        ):
            return QBrush(EMPTY_BACKGROUND)
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
    zoomToBoundsRequested = Signal(object)  # (xmin, ymin, xmax, ymax) in RD metres
    message = Signal(str)  # one line for the status bar (what an edit did, warnings)

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
                "Zo'n pand telt alleen mee voor de cluster met de hoogste voorrang. "
                "Sleep een cluster hoger in de lijst om hem voorrang te geven."
            )
        )
        self.overlap_button.clicked.connect(self.select_overlapping)
        self.order_button = QPushButton(self.tr("Op voorrang"), self)
        self.order_button.setToolTip(
            self.tr("Toon de clusters in volgorde van voorrang; dan kunt u rijen slepen")
        )
        self.order_button.clicked.connect(self.sort_by_order)
        self.first_button = QPushButton(self.tr("Naar begin"), self)
        self.first_button.setToolTip(
            self.tr("Geef de geselecteerde clusters de hoogste voorrang (Ctrl+Home)")
        )
        self.first_button.clicked.connect(self.move_selected_to_start)
        self.last_button = QPushButton(self.tr("Naar eind"), self)
        self.last_button.setToolTip(
            self.tr("Geef de geselecteerde clusters de laagste voorrang (Ctrl+End)")
        )
        self.last_button.clicked.connect(self.move_selected_to_end)
        self.summary = QLabel(self)
        self.rule = QLabel(
            self.tr(
                "Een pand hoort bij de cluster waarin zijn representatieve punt ligt. Bij "
                "overlap houdt de cluster met de hoogste voorrang zijn panden; een cluster "
                "die u tekent of uit een selectie maakt, krijgt voorrang 1 en neemt de "
                "panden binnen zijn omtrek over. Voorrang is niet de planvolgorde."
            ),
            self,
        )
        self.rule.setWordWrap(True)
        style_text(self.rule, color=MUTED)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        style_text(self.warning, color=CAUTION, bold="bold")
        self.warning.hide()
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.hide()

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
        # Dragging rows moves clusters in the priority order (not a range selection).
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDropIndicatorShown(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(70)
        header.resizeSection(1, 150)  # name
        header.resizeSection(2, 120)  # "Plaats in planning"
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._table_selection_changed)
        self.model.renameRequested.connect(self.rename)
        self.model.moveRequested.connect(self.move_to)

        self.delete_action = QAction(self.tr("Verwijderen"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.first_action = QAction(self.tr("Naar begin (hoogste voorrang)"), self)
        self.first_action.setShortcut(QKeySequence("Ctrl+Home"))
        self.first_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.first_action.triggered.connect(self.move_selected_to_start)
        self.last_action = QAction(self.tr("Naar eind (laagste voorrang)"), self)
        self.last_action.setShortcut(QKeySequence("Ctrl+End"))
        self.last_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.last_action.triggered.connect(self.move_selected_to_end)
        for action in (self.delete_action, self.first_action, self.last_action):
            self.view.addAction(action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.unclustered_button)
        buttons.addWidget(self.overlap_button)
        buttons.addStretch(1)
        buttons.addWidget(self.order_button)
        moves = QHBoxLayout()
        moves.addWidget(self.first_button)
        moves.addWidget(self.last_button)
        moves.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.rule)
        layout.addWidget(self.warning)
        layout.addWidget(self.notice)
        layout.addLayout(moves)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.refresh)
        self._codes: dict | None = None  # attribute codes of the current buildings
        self._codes_for = None
        # bumped by every refresh and every change of what is counted: a count made in the
        # background for an older state is not shown
        self._count_state = 0
        self._overlaps = OverlapTracker()
        self._empty_before: set[str] | None = None  # None: nothing shown yet
        document.clustersChanged.connect(self.schedule_refresh)
        document.buildingsChanged.connect(self._buildings_changed)
        document.buildingAttributesChanged.connect(self._attributes_changed)
        document.projectReplaced.connect(self._project_replaced)
        document.clusterSelectionChanged.connect(self._document_selection_changed)
        document.planChanged.connect(self._plan_changed)
        self._unclustered = np.empty(0, dtype=np.int64)
        self._overlapping = np.empty(0, dtype=np.int64)
        self.refresh()
        self._plan_changed()

    # --- data ------------------------------------------------------------------------------
    def schedule_refresh(self, *_args) -> None:
        self._count_state += 1
        self._timer.start()

    def _buildings_changed(self, *_args) -> None:
        self._codes = None
        self.schedule_refresh()

    def _project_replaced(self) -> None:
        self._empty_before = None
        self.show_notice("")
        self._codes = None
        self._count_state += 1
        if not defer_until_map(
            self.document, self._show_counted, background=self._count_in_background
        ):
            self.schedule_refresh()

    def _count_in_background(self):
        """Snapshots of the frames (copy-on-write, on the UI thread) and the counting of
        300,000 buildings to do on the task runner's thread (map first, see map_first)."""
        project = self.document.project
        buildings = project.buildings
        snapshot = buildings.copy(deep=False)
        clusters = project.clusters.copy(deep=False)
        state = self._count_state

        def count(_progress):
            codes = attribute_codes(snapshot)
            stats = cluster_statistics(snapshot, clusters, codes=codes)
            overlaps = None
            if len(clusters) >= 2:
                # the buildings in more than one cluster, and the index of the footprints
                # later edits use (0.1 to 0.2 s at 300,000, not on the UI thread)
                index = MembershipIndex(snapshot)
                overlaps = (index, overlapping_rows(snapshot, clusters, index=index))
            return buildings, state, codes, stats, (clusters, overlaps)

        return count

    def _show_counted(self, counted) -> None:
        buildings, state, codes, stats, (clusters, overlaps) = counted
        if state != self._count_state or self.document.project.buildings is not buildings:
            self.refresh()  # something changed while counting: count what is there now
            return
        self._codes, self._codes_for = codes, buildings
        if overlaps is not None and remember_index(buildings, overlaps[0]):
            self._overlaps.seed(buildings, clusters, overlaps[1])
        self.refresh(stats=stats)

    def _attributes_changed(self, columns=None) -> None:
        changed = None if columns is None else set(columns)
        if changed is None or changed & COUNTED_COLUMNS:
            self._codes = None
            self._count_state += 1
        # a plan's map columns (completion year, approach) change no statistic or rank:
        # recounting 300,000 buildings for them would only hold up the window
        if changed is None or changed & STATISTIC_COLUMNS:
            self.schedule_refresh()

    def _plan_changed(self) -> None:
        result = self.document.plan_result
        table = getattr(result, "clusters", None)
        positions: dict[str, int] = {}
        if table is not None and len(table) and "position" in table:
            positions = dict(
                zip(
                    table["cluster_id"].astype(str).tolist(),
                    table["position"].astype(int).tolist(),
                    strict=True,
                )
            )
        self.model.set_plan_positions(positions)

    def refresh(self, *, stats: pd.DataFrame | None = None) -> None:
        """Count and show; ``stats``: counted already (in the background) for this state."""
        self._timer.stop()
        self._count_state += 1
        project = self.document.project
        buildings, clusters = project.buildings, project.clusters
        if stats is None:
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
        self._update_empty_warning(clusters)
        self._document_selection_changed()
        self._update_enabled()

    def empty_cluster_ids(self) -> list[str]:
        """Clusters without buildings, in priority order."""
        return [c for c in self.model.ids if c in self.model.empty]

    def _update_empty_warning(self, clusters) -> None:
        empty = self.empty_cluster_ids()
        names = cluster_names(clusters)
        if empty:
            shown = ", ".join(names.get(c, c) for c in empty[:5])
            if len(empty) > 5:
                shown += ", …"
            self.warning.setText(
                (
                    self.tr("Let op: 1 cluster zonder panden: %1")
                    if len(empty) == 1
                    else self.tr("Let op: %n clusters zonder panden: %1", "", len(empty))
                ).replace("%1", shown)
            )
        self.warning.setVisible(bool(empty))
        new = [c for c in empty if self._empty_before is not None and c not in self._empty_before]
        self._empty_before = set(empty)
        if new:
            text = self.tr("Let op: na deze bewerking bevat %1 geen panden.").replace(
                "%1", ", ".join(names.get(c, c) for c in new[:5])
            )
            self.message.emit(text)

    def show_notice(self, text: str) -> None:
        """What the last edit did, in one line under the rule (empty: hidden)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # --- selection sync --------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted(
            {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        )
        return [self.model.ids[r] for r in rows]

    def _table_selection_changed(self, *_args) -> None:
        self._update_enabled()
        if self._syncing:
            return
        self._syncing = True
        try:
            self.document.set_selected_clusters(self.selected_ids())
        finally:
            self._syncing = False

    def _update_enabled(self) -> None:
        has = bool(self.view.selectionModel().hasSelection())
        for widget in (self.first_button, self.last_button):
            widget.setEnabled(has)
        for action in (self.delete_action, self.first_action, self.last_action):
            action.setEnabled(has)

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
        self._update_enabled()

    def select_unclustered(self) -> None:
        self.document.set_selection(self._unclustered)

    def select_overlapping(self) -> None:
        self.document.set_selection(self._overlapping)

    def sort_by_order(self) -> None:
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _sort_changed(self, column: int, order) -> None:
        # Rows can be dragged only while the table shows the priority order itself.
        in_order = column <= 0 and order == Qt.SortOrder.AscendingOrder
        self.view.setDragEnabled(in_order or column < 0)
        self.view.setAcceptDrops(in_order or column < 0)

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

    def delete(self, ids: list[str]) -> None:
        """Delete clusters (one undo step); their buildings get no cluster or the next one."""
        ids = [c for c in ids if c in self.model.ids]
        if not ids:
            return
        names = cluster_names(self.document.project.clusters)
        self.document.undo_stack.push(DeleteClustersCommand(self.document, ids))
        if len(ids) == 1:
            text = self.tr("Cluster %1 verwijderd").replace("%1", names.get(ids[0], ids[0]))
        else:
            text = self.tr("%n clusters verwijderd", "", len(ids))
        text += " " + self.tr("(Ctrl+Z maakt ongedaan)")
        self.show_notice(text)
        self.message.emit(text)

    def delete_selected(self) -> None:
        self.delete(self.selected_ids())

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

    def move_to(self, ids: list[str], position: int) -> None:
        """Move clusters together to ``position`` of the priority order without them."""
        ids = [c for c in ids if c in self.model.ids]
        if not ids:
            return
        moving = set(ids)
        rest = [c for c in self.model.ids if c not in moving]
        position = max(0, min(int(position), len(rest)))
        ordered = [c for c in self.model.ids if c in moving]
        if rest[:position] + ordered + rest[position:] == self.model.ids:
            return  # dropped where they were
        self.document.undo_stack.push(MoveClustersCommand(self.document, ordered, position))

    def move_selected_to_start(self) -> None:
        self.move_to(self.selected_ids(), 0)

    def move_selected_to_end(self) -> None:
        self.move_to(self.selected_ids(), len(self.model.ids))

    def order_by_rank(self) -> None:
        if not len(self.model.ids):
            return
        ordered = [self.model.ids[i] for i in np.argsort(self.model.ranks, kind="stable")]
        self.document.undo_stack.push(set_clusters_order(self.document, ordered))

    def select_members(self, ids: list[str], zoom: bool = True) -> None:
        buildings = self.document.project.buildings
        rows = np.concatenate([members(buildings, c) for c in ids]) if ids else []
        self.document.set_selection(rows)
        if zoom:
            self.zoomToRowsRequested.emit(np.asarray(rows, dtype=np.int64))

    def zoom_to(self, ids: list[str]) -> None:
        """Zoom the map to the outlines of the clusters (also when they hold no building)."""
        clusters = self.document.project.clusters
        chosen = clusters.loc[clusters["cluster_id"].astype(str).isin(ids).to_numpy()]
        if len(chosen):
            self.zoomToBoundsRequested.emit(tuple(float(v) for v in chosen.total_bounds))

    def cluster_menu(self, ids: list[str], parent=None) -> QMenu:
        """The actions on clusters, shared by the list and the map."""
        menu = QMenu(parent or self)
        ids = [c for c in ids if c in self.model.ids]
        if not ids:
            return menu
        first = ids[0]
        t = self.tr
        if len(ids) == 1:
            menu.addAction(t("Hernoemen..."), lambda: self.rename_interactively(first))
            menu.addAction(t("Kleur wijzigen..."), lambda: self.recolour(first))
        menu.addAction(t("Panden selecteren"), lambda: self.select_members(ids, zoom=False))
        menu.addAction(t("Zoom naar cluster"), lambda: self.zoom_to(ids))
        menu.addSeparator()
        menu.addAction(t("Naar begin (hoogste voorrang)"), lambda: self.move_to(ids, 0))
        menu.addAction(
            t("Naar eind (laagste voorrang)"), lambda: self.move_to(ids, len(self.model.ids))
        )
        if len(ids) == 1:
            menu.addAction(t("Eén plaats hoger"), lambda: self.move_in_order(first, -1))
            menu.addAction(t("Eén plaats lager"), lambda: self.move_in_order(first, +1))
        menu.addAction(t("Voorrang op rang zetten (alle clusters)"), self.order_by_rank)
        menu.addSeparator()
        if len(ids) >= 2:
            merge = menu.addAction(t("Samenvoegen"))
            merge.triggered.connect(
                lambda: self.document.undo_stack.push(MergeClustersCommand(self.document, ids))
            )
        delete = menu.addAction(
            t("Verwijderen") if len(ids) == 1 else t("%n clusters verwijderen", "", len(ids))
        )
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.triggered.connect(lambda: self.delete(ids))
        return menu

    def rename_interactively(self, cluster_id: str) -> None:
        """Ask for a new name in a small dialog (works from the map too, also when the
        Clusters dock is behind another tab)."""
        if cluster_id not in self.model.ids:
            return
        current = self.model.names[self.model.ids.index(cluster_id)]
        name, ok = QInputDialog.getText(
            self.window(), self.tr("Cluster hernoemen"), self.tr("Nieuwe naam:"), text=current
        )
        name = name.strip()
        if ok and name and name != current:
            self.rename(cluster_id, name)

    def _context_menu(self, position) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = self.cluster_menu(ids, self)
        menu.popup(self.view.viewport().mapToGlobal(position))
