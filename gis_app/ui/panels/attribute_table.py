"""The attribute table: every building as a row, sortable and filterable, selection in step.

Built for 300,000 rows:

* :class:`BuildingTableModel` reads cells straight from the numpy arrays behind the
  GeoDataFrame columns; it keeps no per-row copies. What the view shows is one int64
  array ``rows`` of data row positions (filtered, then sorted), so sorting is one
  ``np.argsort`` of a column instead of a ``QSortFilterProxyModel`` calling back into
  Python for every comparison (minutes at this size). Filtering matches the shown text
  of each *distinct* value of a column (``pd.factorize``, cached) and maps the hits back
  to all rows with one array lookup, so the text is the one the user sees (Dutch
  milestone labels, decimal commas) without formatting 300,000 cells.
* Selection is not copied into a ``QItemSelectionModel`` (merging thousands of ranges
  there takes seconds at this size). As in QGIS's attribute table, the table *draws* the
  document's selection: the model keeps a boolean mask of selected data rows and answers
  the background/foreground roles from it, so highlighting 300,000 rows costs one numpy
  assignment and a repaint. Mouse clicks and drags in the table are turned into document
  selections directly (click replaces, Ctrl-click toggles, Shift-click selects the range
  from the last clicked row, Ctrl+Shift adds that range, dragging selects the rows
  passed over).

Decisions: sorting keeps missing values (NaN, empty text) last in both directions;
milestones sort in NCG reporting order and risk profiles from high to low risk rather
than alphabetically. After an attribute-only change (plan results) the current order and
filter are kept, as in QGIS, until the user sorts or filters again. A table selection
replaces the document selection (it is the set of rows the user highlighted); rows
hidden by the filter are therefore deselected when the user clicks in a filtered table.
Sorting scrolls to the top (the first rows of the new order are what the user asked
for). The cluster column shows the cluster's name, as the map does, and sorts and
filters by it. A cell or header whose text is cut off shows the full text as tooltip.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gis_app import startup_trace
from gis_app.core.labels import cluster_names
from gis_app.core.schema import MILESTONES, RISK_PROFILES_WITH_UNKNOWN
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map_first import defer_until_map
from gis_app.ui.panels.labels import CODED_COLUMNS, column_label, format_count, format_value

#: Sort keys for columns whose natural order is not alphabetical.
_ORDERED_VALUES = {
    "milestone": MILESTONES,
    "risk_profile": RISK_PROFILES_WITH_UNKNOWN,
}

ALL_COLUMNS = "__all__"
#: Columns whose cells show a name looked up from the id they hold.
NAMED_COLUMNS = ("cluster_id",)


def elided_tooltip(view, index: QModelIndex) -> str | None:
    """The cell's full text when the column is too narrow to show it, else None."""
    if not index.isValid():
        return None
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or str(text) == "":
        return None
    text = str(text)
    needed = view.fontMetrics().horizontalAdvance(text) + 12  # the cell's text margins
    if needed > view.visualRect(index).width():
        return text
    return None


class FullTextTooltips(QStyledItemDelegate):
    """Delegate: an explicit tooltip of the model, else the full text of a cut-off cell."""

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 (Qt naming)
        if event is None or event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        text = str(own) if own else elided_tooltip(view, index)
        if text:
            QToolTip.showText(event.globalPos(), text, view)
        else:
            QToolTip.hideText()
        return True


class HeaderTooltips(QObject):
    """Header tooltips only for section titles that are cut off."""

    def __init__(self, header: QHeaderView):
        super().__init__(header)
        self.header = header
        header.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.ToolTip:
            section = self.header.logicalIndexAt(event.position().toPoint())
            text = header_tooltip(self.header, section)
            if text:
                QToolTip.showText(event.globalPos(), text, self.header)
            else:
                QToolTip.hideText()
            return True
        return False


def header_tooltip(header: QHeaderView, section: int) -> str | None:
    """The full title of a header section that is too narrow for it, else None."""
    if section < 0 or header.model() is None:
        return None
    text = header.model().headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
    if not text:
        return None
    needed = header.fontMetrics().horizontalAdvance(str(text)) + 24  # margins, sort arrow
    return str(text) if needed > header.sectionSize(section) else None


def sort_permutation(values: np.ndarray, column: str, descending: bool) -> np.ndarray:
    """Row positions that sort ``values``; missing values last in both directions (stable)."""
    values = np.asarray(values)
    n = len(values)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    if values.dtype.kind in "biuf":
        keys = values.astype(float)
        missing = np.isnan(keys)
    else:
        text = pd.Series(values, copy=False).fillna("").astype(str)
        order = _ORDERED_VALUES.get(column)
        if order is not None:
            rank = {value: i for i, value in enumerate(order)}
            keys = text.map(rank).to_numpy(dtype=float, na_value=np.nan)
            # Values outside the vocabulary sort after it, alphabetically among themselves.
            unknown = np.isnan(keys)
            if unknown.any():
                _, codes = np.unique(text.to_numpy()[unknown], return_inverse=True)
                keys[unknown] = len(order) + codes
            missing = (text == "").to_numpy()
        else:
            codes, _uniques = pd.factorize(text, sort=True)
            keys = codes.astype(float)
            missing = (text == "").to_numpy()
    keys = np.where(missing, np.nan, keys)
    present = np.flatnonzero(~missing)
    present_keys = keys[present]
    if descending:
        present_keys = -present_keys
    order = present[np.argsort(present_keys, kind="stable")]
    return np.concatenate([order, np.flatnonzero(missing)]).astype(np.int64)


class BuildingTableModel(QAbstractTableModel):
    """Table model over ``document.project.buildings`` (all columns except the geometry)."""

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._frame = None
        self._columns: list[str] = []
        self._arrays: dict[object, np.ndarray] = {}  # column (as shown) or ("raw", column)
        self._text_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._order: np.ndarray | None = None  # full sort permutation, None = file order
        self._sort: tuple[int, bool] | None = None
        self._filter_mask: np.ndarray | None = None
        self._filter: tuple[str, str] = ("", ALL_COLUMNS)
        self._only_rows: np.ndarray | None = None
        self.rows = np.empty(0, dtype=np.int64)
        self._inverse: np.ndarray | None = None
        self._selected = np.zeros(0, dtype=bool)
        self._names: dict[str, dict[str, str]] = {}
        palette = QGuiApplication.palette()
        self.highlight = palette.brush(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        self.highlighted_text = palette.brush(
            QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText
        )
        self.set_frame(document.project.buildings)

    # --- data --------------------------------------------------------------------------------
    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    @property
    def n_total(self) -> int:
        return 0 if self._frame is None else len(self._frame)

    def set_frame(self, frame) -> None:
        """Show another buildings table (project opened, buildings replaced)."""
        self.beginResetModel()
        self._frame = frame
        geometry = getattr(frame, "_geometry_column_name", None)
        self._columns = (
            [str(c) for c in frame.columns if c != geometry] if frame is not None else []
        )
        self._arrays = {}
        self._text_cache = {}
        self._names = {"cluster_id": cluster_names(self.document.project.clusters)}
        self._order = None
        self._sort = None
        self._filter_mask = None
        self._filter = ("", ALL_COLUMNS)
        self._only_rows = None
        self._selected = np.zeros(self.n_total, dtype=bool)
        self._rebuild_rows()
        self.endResetModel()

    def refresh_columns(self, columns: list[str]) -> None:
        """Some columns changed values (plan results): reread them, keep order and filter."""
        if self._frame is None:
            return
        geometry = getattr(self._frame, "_geometry_column_name", None)
        current = [str(c) for c in self._frame.columns if c != geometry]
        if current != self._columns:
            self.beginResetModel()
            self._columns = current
            self._arrays = {}
            self._text_cache = {}
            self.endResetModel()
            return
        for column in columns:
            self._arrays.pop(column, None)
            self._arrays.pop(("raw", column), None)
            self._text_cache.pop(column, None)
        if self.rowCount() and self._columns:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, len(self._columns) - 1)
            )

    def _array(self, column: str) -> np.ndarray:
        """Every row's value as shown (for sorting and filtering): a cluster's name, not its
        id. Mapping 300,000 ids takes tens of ms: the cells on screen use :meth:`_value`."""
        array = self._arrays.get(column)
        if array is None:
            array = self._raw(column)
            names = self._names.get(column)
            if names:  # the shown name (cluster name as on the map), not the id
                values = pd.Series(array, dtype=object).astype(str)
                array = values.map(names).fillna(values).to_numpy(dtype=object)
            self._arrays[column] = array
        return array

    def _raw(self, column: str) -> np.ndarray:
        key = ("raw", column)
        array = self._arrays.get(key)
        if array is None:
            array = self._frame[column].to_numpy()
            self._arrays[key] = array
        return array

    def _value(self, column: str, row: int):
        """One row's value as shown (what :meth:`_array` holds for it)."""
        shown = self._arrays.get(column)
        if shown is not None:
            return shown[row]
        value = self._raw(column)[row]
        names = self._names.get(column)
        if names:
            text = str(value)
            return names.get(text, text)
        return value

    def set_cluster_names(self, names: dict[str, str]) -> None:
        """Clusters were renamed, added or removed: the cluster column shows the new names."""
        self._names["cluster_id"] = dict(names)
        self.refresh_columns(["cluster_id"])

    def _text(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """``(codes, texts)`` of a column for filtering: each distinct value once, as shown.

        Cached per column. ``codes`` (int32, -1 for missing) index ``texts``: the
        lower-case shown text of each distinct value as UTF-8 bytes (numpy ``S`` array,
        scanned in C), so a filter formats and matches the distinct values only and maps
        the result back to all rows with one array lookup.
        """
        cached = self._text_cache.get(column)
        if cached is None:
            codes, uniques = pd.factorize(self._array(column), use_na_sentinel=True)
            values = np.asarray(uniques, dtype=object)
            if column not in CODED_COLUMNS and all(isinstance(v, str) for v in values[:50]):
                # Plain text columns (ids, addresses: as many distinct values as rows):
                # the shown text is the value itself; skip the formatting dispatch.
                shown = [str(v).lower().encode() for v in values]
            else:
                shown = [format_value(column, v).lower().encode() for v in values]
            texts = np.array(shown, dtype=bytes)
            if len(texts) == 0:
                texts = np.empty(0, dtype="S1")
            cached = (codes.astype(np.int32), texts)
            self._text_cache[column] = cached
        return cached

    def _matches(self, column: str, text: str) -> np.ndarray:
        """Rows whose shown value in ``column`` contains ``text`` (lower case)."""
        codes, texts = self._text(column)
        hit = np.strings.find(texts, text.encode()) >= 0
        hit = np.append(hit, False)  # code -1 (missing value) shows as "": never a match
        return hit[codes]

    # --- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = self._columns[index.column()]
            return format_value(column, self._value(column, self.rows[index.row()]))
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._selected[self.rows[index.row()]]:
                return self.highlight
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._selected[self.rows[index.row()]]:
                return self.highlighted_text
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            column = self._columns[index.column()]
            if self._raw(column).dtype.kind in "iuf":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- selection ---------------------------------------------------------------------------
    def set_selected(self, rows: np.ndarray) -> None:
        """Highlight these data rows (the document's selection)."""
        mask = np.zeros(self.n_total, dtype=bool)
        rows = np.asarray(rows, dtype=np.int64)
        mask[rows[(rows >= 0) & (rows < self.n_total)]] = True
        self._selected = mask

    def is_selected(self, view_row: int) -> bool:
        return bool(self._selected[self.rows[view_row]])

    def selected_data_rows(self) -> np.ndarray:
        return np.flatnonzero(self._selected)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                if 0 <= section < len(self._columns):
                    return column_label(self._columns[section])
                return None
            return str(section + 1)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if self._frame is None or not 0 <= column < len(self._columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        name = self._columns[column]
        self.layoutAboutToBeChanged.emit()
        old_rows = self.rows
        persistent = self.persistentIndexList()
        self._order = sort_permutation(self._array(name), name, descending)
        self._sort = (column, descending)
        self._rebuild_rows()
        self._remap_persistent(persistent, old_rows)
        self.layoutChanged.emit()

    # --- filtering ---------------------------------------------------------------------------
    def set_filter(self, text: str, column: str = ALL_COLUMNS) -> None:
        """Show rows whose shown text contains ``text`` (case-insensitive) in ``column``."""
        text = text.strip().lower()
        if (text, column) == self._filter:
            return
        self._filter = (text, column)
        if not text or self._frame is None:
            mask = None
        else:
            columns = self._columns if column == ALL_COLUMNS else [column]
            mask = np.zeros(len(self._frame), dtype=bool)
            for name in columns:
                mask |= self._matches(name, text)
        self.beginResetModel()
        self._filter_mask = mask
        self._rebuild_rows()
        self.endResetModel()

    def set_only_rows(self, rows: np.ndarray | None) -> None:
        """Restrict the table to these data rows (``None`` = no restriction)."""
        self.beginResetModel()
        self._only_rows = None if rows is None else np.asarray(rows, dtype=np.int64)
        self._rebuild_rows()
        self.endResetModel()

    def _rebuild_rows(self) -> None:
        n = self.n_total
        rows = np.arange(n, dtype=np.int64) if self._order is None else self._order
        keep = None
        if self._filter_mask is not None:
            keep = self._filter_mask.copy()
        if self._only_rows is not None:
            only = np.zeros(n, dtype=bool)
            only[self._only_rows[(self._only_rows >= 0) & (self._only_rows < n)]] = True
            keep = only if keep is None else keep & only
        if keep is not None:
            rows = rows[keep[rows]]
        self.rows = rows
        self._inverse = None

    def _remap_persistent(self, persistent: list[QPersistentModelIndex], old_rows) -> None:
        if not persistent:
            return
        inverse = self.view_positions()
        for index in persistent:
            data_row = old_rows[index.row()]
            new_row = inverse[data_row]
            self.changePersistentIndex(
                QModelIndex(index),
                self.index(int(new_row), index.column()) if new_row >= 0 else QModelIndex(),
            )

    # --- row translation ---------------------------------------------------------------------
    def view_positions(self) -> np.ndarray:
        """For each data row its view row, or -1 when not shown."""
        if self._inverse is None:
            inverse = np.full(self.n_total, -1, dtype=np.int64)
            inverse[self.rows] = np.arange(len(self.rows), dtype=np.int64)
            self._inverse = inverse
        return self._inverse

    def data_rows(self, view_rows: np.ndarray) -> np.ndarray:
        return self.rows[np.asarray(view_rows, dtype=np.int64)]

    def view_rows(self, data_rows: np.ndarray) -> np.ndarray:
        """Sorted view rows of the given data rows that are shown."""
        data_rows = np.asarray(data_rows, dtype=np.int64)
        data_rows = data_rows[(data_rows >= 0) & (data_rows < self.n_total)]
        positions = self.view_positions()[data_rows]
        return np.sort(positions[positions >= 0])


def _toggle(sorted_rows: np.ndarray, row: int) -> np.ndarray:
    """``sorted_rows`` with ``row`` removed when present, added otherwise."""
    at = int(np.searchsorted(sorted_rows, row))
    if at < len(sorted_rows) and sorted_rows[at] == row:
        return np.delete(sorted_rows, at)
    return np.insert(sorted_rows, at, row)


class AttributeTable(QWidget):
    """The attribute table panel: filter bar, table, and selection tools."""

    zoomToSelectionRequested = Signal()

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._syncing = False
        self.model = BuildingTableModel(document, self)

        self.column_combo = QComboBox()
        self.column_combo.setToolTip(self.tr("Kolom waarin gezocht wordt"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter (tekst in de gekozen kolom)..."))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(140)
        self.column_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.column_combo.setMinimumContentsLength(12)
        self.only_selection = QCheckBox(self.tr("Alleen selectie tonen"))
        self.zoom_button = QPushButton(self.tr("Zoom naar selectie"))
        self.clear_button = QPushButton(self.tr("Selectie opheffen"))
        self.count_label = QLabel()

        # Two short rows rather than one long one: the dock must fit under the map on a
        # laptop screen next to the side panels (one row needed 820 px).
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(QLabel(self.tr("Filter:")))
        bar.addWidget(self.column_combo)
        bar.addWidget(self.filter_edit, 1)
        tools = QHBoxLayout()
        tools.setContentsMargins(4, 0, 4, 0)
        tools.addWidget(self.only_selection)
        tools.addWidget(self.zoom_button)
        tools.addWidget(self.clear_button)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Selection is drawn from the document (module docstring), not kept by the view.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.viewport().installEventFilter(self)
        self._anchor: int | None = None  # view row of the last plain or ctrl click
        self._drag_base: np.ndarray | None = None  # selection a drag adds to
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        self.view.setSortingEnabled(True)
        self.view.setItemDelegate(FullTextTooltips(self.view))
        self._header_tooltips = HeaderTooltips(header)
        # connected after setSortingEnabled, so this runs after the view has sorted
        header.sortIndicatorChanged.connect(lambda _c, _o: self.view.scrollToTop())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.view)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.column_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.only_selection.toggled.connect(self._apply_only_selection)
        self.zoom_button.clicked.connect(self.zoomToSelectionRequested)
        self.clear_button.clicked.connect(lambda: self.document.set_selection([]))
        self.view.doubleClicked.connect(self._zoom_to_row)
        self.model.modelReset.connect(self._after_reset)
        self.model.layoutChanged.connect(self._update_count)

        document.projectReplaced.connect(self._project_replaced)
        document.buildingsChanged.connect(self._reload)
        document.buildingAttributesChanged.connect(self._attributes_changed)
        document.selectionChanged.connect(self._selection_from_document)
        document.clustersChanged.connect(
            lambda: self.model.set_cluster_names(cluster_names(document.project.clusters))
        )
        self._fill_columns()
        self._update_count()

    # --- loading -----------------------------------------------------------------------------
    def _project_replaced(self) -> None:
        if not defer_until_map(self.document, self._reload):
            self._reload()

    def _reload(self) -> None:
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_frame(self.document.project.buildings)
        self._fill_columns()
        if self.only_selection.isChecked():
            self._apply_only_selection(True)
        self._size_columns()
        if self.model.n_total:
            startup_trace.mark("table")

    def _attributes_changed(self, columns: list) -> None:
        """Values changed (plan results); new columns also appear in the filter choice."""
        before = self.model.columns
        widths = {column: self.view.columnWidth(i) for i, column in enumerate(before)}
        self.model.refresh_columns(columns)
        if self.model.columns != before:
            self._fill_columns()
            # the columns the table had keep their widths (the planner may have set them);
            # only new ones are measured, which also spares the UI thread a pass over all
            # columns at the first plan
            self._size_columns(keep=widths)

    def _fill_columns(self) -> None:
        current = self.column_combo.currentData()
        self.column_combo.blockSignals(True)
        self.column_combo.clear()
        self.column_combo.addItem(self.tr("Alle kolommen"), ALL_COLUMNS)
        for column in self.model.columns:
            self.column_combo.addItem(column_label(column), column)
        found = self.column_combo.findData(current)
        self.column_combo.setCurrentIndex(max(found, 0))
        self.column_combo.blockSignals(False)

    def _size_columns(self, keep: dict[str, int] | None = None) -> None:
        """Widths from the header text and a sample of values (never all 300,000 rows);
        a column in ``keep`` gets the width given there."""
        metrics = self.view.fontMetrics()
        sample = self.model.rows[:40]
        for i, column in enumerate(self.model.columns):
            if keep and column in keep:
                self.view.setColumnWidth(i, keep[column])
                continue
            texts = [column_label(column)]
            texts += [format_value(column, self.model._value(column, row)) for row in sample]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 24
            self.view.setColumnWidth(i, int(min(max(width, 50), 320)))

    # --- filter ------------------------------------------------------------------------------
    def apply_filter(self) -> None:
        self._filter_timer.stop()
        column = self.column_combo.currentData() or ALL_COLUMNS
        self.model.set_filter(self.filter_edit.text(), column)

    def _apply_only_selection(self, checked: bool) -> None:
        """Show only the selected rows. Clicks in the table then change the highlight but
        keep the list; a selection made elsewhere (map, search) replaces the list."""
        self.model.set_only_rows(self.document.selection if checked else None)

    def _after_reset(self) -> None:
        self._anchor = None
        self.model.set_selected(self.document.selection)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.n_total
        selected = len(self.document.selection)
        if shown == total:
            text = self.tr("{total} panden").format(total=format_count(total))
        else:
            text = self.tr("{shown} van {total} panden").format(
                shown=format_count(shown), total=format_count(total)
            )
        if selected:
            text += self.tr(", {n} geselecteerd").format(n=format_count(selected))
        self.count_label.setText(text)

    # --- selection sync ----------------------------------------------------------------------
    def _selection_from_document(self) -> None:
        if self.only_selection.isChecked() and not self._syncing:
            self.model.set_only_rows(self.document.selection)  # the reset calls back here
            return
        self.model.set_selected(self.document.selection)
        self.view.viewport().update()
        if not self._syncing and len(self.document.selection):
            view_rows = self.model.view_positions()[self.document.selection]
            view_rows = view_rows[view_rows >= 0]
            if len(view_rows):
                self.view.scrollTo(
                    self.model.index(
                        int(view_rows.min()), max(self.view.currentIndex().column(), 0)
                    ),
                    QAbstractItemView.ScrollHint.PositionAtTop,
                )
        self._update_count()

    def _select_view_rows(self, view_rows: np.ndarray, base: np.ndarray | None = None) -> None:
        rows = self.model.data_rows(view_rows)
        if base is not None and len(base):
            rows = np.concatenate([base, rows])  # the document sorts and drops repeats
        self._syncing = True
        try:
            self.document.set_selection(rows)
        finally:
            self._syncing = False

    def click_row(self, view_row: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        """What a click on a table row does to the selection (see the module docstring)."""
        if not 0 <= view_row < self.model.rowCount():
            return
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        current = self.document.selection
        if shift and self._anchor is not None:
            first, last = sorted((self._anchor, view_row))
            self._drag_base = current if ctrl else None
            self._select_view_rows(np.arange(first, last + 1), self._drag_base)
            return
        data_row = self.model.rows[view_row]
        if ctrl:
            self._syncing = True
            try:
                self.document.set_selection(_toggle(current, data_row))
            finally:
                self._syncing = False
            self._drag_base = self.document.selection
        else:
            self._select_view_rows(np.array([view_row]))
            self._drag_base = None
        self._anchor = view_row

    def drag_to_row(self, view_row: int) -> None:
        """Extend a mouse drag from the anchor row to ``view_row``."""
        if self._anchor is None or not 0 <= view_row < self.model.rowCount():
            return
        first, last = sorted((self._anchor, view_row))
        self._select_view_rows(np.arange(first, last + 1), self._drag_base)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport():
            kind = event.type()
            if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                index = self.view.indexAt(event.position().toPoint())
                if index.isValid():
                    self.click_row(index.row(), event.modifiers())
                    self._dragging = True
            elif kind == QEvent.Type.MouseMove and getattr(self, "_dragging", False):
                if event.buttons() & Qt.MouseButton.LeftButton:
                    index = self.view.indexAt(event.position().toPoint())
                    if index.isValid():
                        self.drag_to_row(index.row())
            elif kind == QEvent.Type.MouseButtonRelease:
                self._dragging = False
        return super().eventFilter(watched, event)

    def selected_rows(self) -> np.ndarray:
        """Data rows highlighted in the table (sorted)."""
        return self.model.selected_data_rows()

    def _zoom_to_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.document.set_selection([self.model.rows[index.row()]])
            self.zoomToSelectionRequested.emit()
