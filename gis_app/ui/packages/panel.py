"""The Werkpakketten dock: the work packages of the project, made from the plan and edited.

What the planner sees: a sortable table of packages (id, name, cluster, contractor,
period, buildings, addresses, measure and approach counts, residents, cost) with a
summary line, a button to make or update the packages from the current plan and an
"Bewerken" menu (also the table's context menu and the main window's Werkpakketten
menu) with: Selectie naar pakket..., Clusters naar pakket..., Samenvoegen, Splitsen,
Hernoemen..., Aannemer en periode..., Verwijderen.

Every edit runs the pure operation of :mod:`gis_app.core.packages` and pushes one
:class:`~gis_app.ui.packages.commands.PackageEditCommand` on ``document.undo_stack``
(so Bewerken > Ongedaan maken works and the project becomes dirty).

Decisions:

* The operations need the current plan (``document.plan_result``, kept up to date by the
  planning workspace): totals and periods are recomputed from it. Without a plan the
  panel says so instead of guessing; it never plans by itself.
* "Maak werkpakketten uit planning" with packages present *updates* them by the
  stability rule of :func:`gis_app.core.packages.make_packages` (ids, names, contractors
  and the planner's edits stay). It is one undo step. A new plan does not change the
  packages by itself (that would push an undo step for every slider move); the panel
  shows a note that the packages can be updated.
* Moving a selection moves only the buildings that have work in the plan; buildings
  without work cannot be in a package (core rule). How many were left out is reported
  in the status bar, never dropped silently.
* "Splitsen": when the map selection holds part of the package's buildings, those are
  split off into a new package; otherwise the package is cut in two halves in order of
  construction start (the core rule).
* The period of a package is not an input: it is always the first construction start to
  the last completion of its buildings in the plan (core rule). The "Aannemer en
  periode" dialog sets the contractor and shows the period with that explanation; the
  period changes by moving buildings or changing the plan.
* Selecting package rows selects their buildings on the map; a double-click (or
  "Zoom naar pakket") also zooms to them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.errors import GisAppError
from gis_app.core.packages import (
    PACKAGE_COLUMN,
    PackageContext,
    PackageError,
    PackageSettings,
    current_assignment,
    isin,
    make_packages,
    merge_packages,
    move_buildings,
    move_clusters,
    new_package,
    package_context,
    remove_package,
    set_package_attribute,
    settings_from,
    split_package,
)
from gis_app.ui.dialogs import show_error, show_info
from gis_app.ui.packages.commands import PackageEditCommand
from gis_app.ui.panels.labels import format_count
from gis_app.ui.sorting import SORT_ROLE, SortRoleProxy
from gis_app.ui.text_style import MUTED, style_text

NEW_PACKAGE = "\x00new"  # target meaning "a new package" in the move operations

_DATE_COLUMNS = ("period_start", "period_end")
_TEXT_COLUMNS = ("package_id", "name", "cluster_id", "contractor")


#: The package's contractor ("" = not assigned), for the contractor filter.
CONTRACTOR_ROLE = Qt.ItemDataRole.UserRole + 2
#: QSettings key of the table's column widths and order.
HEADER_SETTINGS_KEY = "packages_panel/header"
ALL_CONTRACTORS = "\x00all"


def elide_words(text: str, metrics, width: float) -> str:
    """``text`` shortened at a word boundary with "…" to fit ``width``; a first word
    that alone is too wide is cut (nothing else fits)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(" -–,") + "…"
        if metrics.horizontalAdvance(candidate) <= width:
            return candidate
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width))


class WordElideDelegate(QStyledItemDelegate):
    """Names shortened at a word boundary, never mid-word ("Stedum-001 deel…");
    the full name is the tooltip."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        available = option.rect.width() - 8  # the cell's text margins
        option.text = elide_words(option.text, option.fontMetrics, available)


class ContractorFilterProxy(SortRoleProxy):
    """Sorting as :class:`SortRoleProxy`, plus showing only one contractor's packages."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.contractor = ALL_CONTRACTORS

    def set_contractor(self, contractor: str) -> None:
        if contractor == self.contractor:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.contractor = contractor
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.contractor = contractor
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row, parent) -> bool:
        if self.contractor == ALL_CONTRACTORS:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return index.data(CONTRACTOR_ROLE) == self.contractor


class PackageTableModel(QAbstractTableModel):
    """One row per package of ``project.packages`` (read-only; edits go through commands)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns: list[tuple[str, str]] = [
            ("package_id", self.tr("Id")),
            ("name", self.tr("Naam")),
            ("n_buildings", self.tr("Panden")),
            ("n_addresses", self.tr("Adressen")),
            ("contractor", self.tr("Aannemer")),
            ("period_start", self.tr("Start")),
            ("period_end", self.tr("Einde")),
            ("n_light", self.tr("Licht")),
            ("n_heavy", self.tr("Zwaar")),
            ("n_rebuild", self.tr("Sloop-nieuwbouw")),
            ("n_standard", self.tr("Standaard")),
            ("n_bespoke", self.tr("Maatwerk")),
            ("residents", self.tr("Bewoners")),
            ("cost", self.tr("Kosten")),
            ("cluster_id", self.tr("Cluster")),
            ("manual", self.tr("Handmatig")),
        ]
        self.tips = {
            "n_light": self.tr("Panden met lichte versterking"),
            "n_heavy": self.tr("Panden met zware versterking"),
            "n_rebuild": self.tr("Panden met sloop-nieuwbouw"),
            "n_standard": self.tr("Panden met standaardaanpak"),
            "n_bespoke": self.tr("Panden met maatwerk"),
            "manual": self.tr("Door de planner aangepast; herplannen laat het pakket staan"),
            "period_start": self.tr("Eerste bouwstart in de planning"),
            "period_end": self.tr("Laatste oplevering in de planning"),
            "cost": self.tr("Geraamde kosten in euro"),
        }
        self.ids: list[str] = []
        self._values: dict[str, np.ndarray] = {}

    def set_packages(self, packages: pd.DataFrame | None) -> None:
        self.beginResetModel()
        self._values = {}
        if packages is None or len(packages) == 0:
            self.ids = []
        else:
            self.ids = packages["package_id"].astype(str).tolist()
            for key, _label in self.columns:
                if key in packages.columns:
                    self._values[key] = packages[key].to_numpy()
                else:
                    self._values[key] = np.full(len(packages), None, dtype=object)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        key, label = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips.get(key, label)
        return None

    def raw(self, row: int, key: str):
        value = self._values[key][row]
        return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = self.columns[index.column()][0]
        value = self.raw(index.row(), key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, value)
        if role == SORT_ROLE:
            if value is None:
                return "" if key in _TEXT_COLUMNS else -np.inf
            if key in _DATE_COLUMNS:
                return int(pd.Timestamp(value).value)
            if key in _TEXT_COLUMNS:
                return str(value)
            return float(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in _TEXT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "contractor" and not value:
            return self.tr("Nog geen aannemer toegewezen")
        if role == Qt.ItemDataRole.ToolTipRole and key in ("name", "contractor"):
            return self._text(key, value)
        if role == CONTRACTOR_ROLE:
            return str(self.raw(index.row(), "contractor") or "").strip()
        return None

    def _text(self, key: str, value) -> str:
        if key == "contractor" and not value:
            return self.tr("nog toe te wijzen")
        if value is None:
            return ""
        if key in _DATE_COLUMNS:
            return pd.Timestamp(value).strftime("%d-%m-%Y")
        if key == "manual":
            return self.tr("ja") if bool(value) else ""
        if key == "cost":
            return "€ " + format_count(round(float(value)))
        if key == "residents":
            return format_count(round(float(value)))
        if key in _TEXT_COLUMNS:
            return str(value)
        return format_count(int(value))


class ContractorDialog(QDialog):
    """Contractor (editable list of known contractors) and the package's period (read-only)."""

    def __init__(
        self,
        package_ids: Sequence[str],
        current: str,
        known: Sequence[str],
        period: str,
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Aannemer en periode"))
        self.contractor = QComboBox(self)
        self.contractor.setEditable(True)
        self.contractor.addItem(self.tr("(nog toe te wijzen)"), "")
        for name in known:
            self.contractor.addItem(name, name)
        index = self.contractor.findData(current)
        if index >= 0:
            self.contractor.setCurrentIndex(index)
        else:
            self.contractor.setEditText(current)
        period_label = QLabel(period or self.tr("geen bouwstarts"), self)
        note = QLabel(
            self.tr(
                "De periode volgt uit de planning: eerste bouwstart tot laatste oplevering van "
                "de panden in het pakket. Verschuif panden of pas de planning aan om haar te "
                "veranderen."
            ),
            self,
        )
        note.setWordWrap(True)
        style_text(note, color=MUTED)
        form = QFormLayout()
        form.addRow(self.tr("Werkpakket"), QLabel(", ".join(package_ids), self))
        form.addRow(self.tr("Aannemer"), self.contractor)
        form.addRow(self.tr("Periode"), period_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def value(self) -> str:
        text = self.contractor.currentText().strip()
        if self.contractor.currentIndex() == 0 and text == self.contractor.itemText(0):
            return ""
        return text


class PackagesPanel(QWidget):
    """Dock content of Werkpakketten (see the module docstring)."""

    zoomToRowsRequested = Signal(object)  # np.ndarray of building rows
    message = Signal(str)  # a line for the status bar

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self._syncing = False
        self._ctx: PackageContext | None = None
        self._ctx_key: tuple | None = None
        self.model = PackageTableModel(self)
        self.proxy = ContractorFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self._create_actions()
        self.make_button = QPushButton(self.tr("Maak werkpakketten uit planning"), self)
        self.make_button.setToolTip(self.make_action.toolTip())
        self.make_button.clicked.connect(self.make_from_plan)
        self.edit_button = QToolButton(self)
        self.edit_button.setText(self.tr("Bewerken"))
        self.edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.edit_menu = QMenu(self)
        self.fill_menu(self.edit_menu, include_make=False)
        self.edit_button.setMenu(self.edit_menu)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        style_text(self.note, color=MUTED)
        self.note.hide()

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        # one line per package: ids like "C0012-WP03" differ at the end, so elide the middle
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(64)
        widths = {"package_id": 96, "name": 190, "contractor": 110, "cost": 90}
        widths.update(period_start=80, period_end=80, cluster_id=80)
        metrics = header.fontMetrics()
        for column, (key, label) in enumerate(self.model.columns):
            fit = metrics.horizontalAdvance(label) + 24  # room for the sort arrow
            header.resizeSection(column, max(widths.get(key, 56), fit))
            if key in ("name", "contractor"):
                self.view.setItemDelegateForColumn(column, WordElideDelegate(self.view))
        header.setSectionsMovable(True)
        self._restore_header()
        header.sectionResized.connect(self._save_header)
        header.sectionMoved.connect(self._save_header)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._table_selection_changed)
        self.view.doubleClicked.connect(lambda _index: self.zoom_to_selected())

        self._build_limits()

        self.contractor_filter = QComboBox(self)
        self.contractor_filter.setToolTip(self.tr("Alleen de werkpakketten van één aannemer tonen"))
        self.contractor_filter.currentIndexChanged.connect(self._contractor_filter_changed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Toon aannemer:"), self))
        filter_row.addWidget(self.contractor_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.limits_box)
        layout.addWidget(self.summary)
        layout.addLayout(filter_row)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

        document.packagesChanged.connect(self.refresh)
        document.projectReplaced.connect(self._project_replaced)
        document.buildingsChanged.connect(self._project_replaced)
        document.buildingAttributesChanged.connect(self._attributes_changed)
        document.clustersChanged.connect(self._forget_context)
        document.planChanged.connect(self._plan_changed)
        document.selectionChanged.connect(self._update_actions)
        document.clusterSelectionChanged.connect(self._update_actions)
        self.refresh()

    # --- actions ---------------------------------------------------------------------------
    # --- contractor filter and remembered columns -----------------------------------------
    def _fill_contractor_filter(self) -> None:
        """The contractors to filter by: all, each known contractor, not yet assigned."""
        from gis_app.core.packages import contractor_names

        current = self.contractor_filter.currentData()
        self.contractor_filter.blockSignals(True)
        try:
            self.contractor_filter.clear()
            self.contractor_filter.addItem(self.tr("alle"), ALL_CONTRACTORS)
            for name in contractor_names(
                self.document.project.packages, self.document.project.settings
            ):
                self.contractor_filter.addItem(name, name)
            self.contractor_filter.addItem(self.tr("nog toe te wijzen"), "")
            found = self.contractor_filter.findData(current) if current is not None else -1
            self.contractor_filter.setCurrentIndex(max(found, 0))
        finally:
            self.contractor_filter.blockSignals(False)
        self.proxy.set_contractor(self.contractor_filter.currentData())

    def filter_contractor(self, contractor: str | None) -> None:
        """Show only ``contractor``'s packages (``""``: not yet assigned; None: all)."""
        index = self.contractor_filter.findData(
            ALL_CONTRACTORS if contractor is None else contractor
        )
        self.contractor_filter.setCurrentIndex(max(index, 0))

    def _contractor_filter_changed(self, *_args) -> None:
        self.proxy.set_contractor(self.contractor_filter.currentData())
        self._update_summary()

    def _restore_header(self) -> None:
        from PySide6.QtCore import QSettings

        state = QSettings().value(HEADER_SETTINGS_KEY)
        if state is not None:
            self.view.horizontalHeader().restoreState(state)

    def _save_header(self, *_args) -> None:
        from PySide6.QtCore import QSettings

        QSettings().setValue(HEADER_SETTINGS_KEY, self.view.horizontalHeader().saveState())

    def _build_limits(self) -> None:
        """The limits used by "Maak werkpakketten uit planning", editable where packages are
        made and stored in the project (``settings["packages"]``)."""
        from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QSpinBox

        self.limits_box = QGroupBox(self.tr("Grenzen per werkpakket"), self)
        form = QFormLayout(self.limits_box)
        form.setContentsMargins(6, 4, 6, 4)

        def spin(maximum: int, suffix: str) -> QSpinBox:
            box = QSpinBox(self.limits_box)
            box.setRange(1, maximum)
            box.setSuffix(suffix)
            box.valueChanged.connect(self._limits_edited)
            return box

        self.max_buildings_spin = spin(10_000, self.tr(" panden"))
        self.max_addresses_spin = spin(100_000, self.tr(" adressen"))
        self.max_weeks_spin = spin(520, self.tr(" weken"))
        self.merge_leftover_check = QCheckBox(
            self.tr("Restpakket van 1-5 panden bij het vorige pakket voegen"), self.limits_box
        )
        self.merge_leftover_check.toggled.connect(self._limits_edited)
        most = QHBoxLayout()
        most.addWidget(self.max_buildings_spin)
        most.addWidget(self.max_addresses_spin)
        form.addRow(self.tr("Hoogstens"), most)
        form.addRow(self.tr("Bouwstarts binnen"), self.max_weeks_spin)
        form.addRow(self.merge_leftover_check)
        self._load_limits()

    def _load_limits(self) -> None:
        try:
            cfg = PackageSettings.from_dict(self.document.project.settings.get("packages"))
        except Exception:  # noqa: BLE001 - unusable stored limits: show the defaults
            cfg = PackageSettings()
        self._syncing_limits = True
        try:
            self.max_buildings_spin.setValue(cfg.max_buildings)
            self.max_addresses_spin.setValue(cfg.max_addresses)
            self.max_weeks_spin.setValue(cfg.max_weeks)
            self.merge_leftover_check.setChecked(cfg.merge_leftover > 0)
        finally:
            self._syncing_limits = False

    def limits(self) -> dict:
        """The limits as shown, in the form of ``PackageSettings.to_dict``."""
        stored = dict(self.document.project.settings.get("packages") or {})
        stored.update(
            max_buildings=self.max_buildings_spin.value(),
            max_addresses=self.max_addresses_spin.value(),
            max_weeks=self.max_weeks_spin.value(),
            merge_leftover=PackageSettings.merge_leftover
            if self.merge_leftover_check.isChecked()
            else 0,
        )
        return stored

    def _limits_edited(self, *_args) -> None:
        if not getattr(self, "_syncing_limits", False):
            self.document.set_package_settings(self.limits())

    def _create_actions(self) -> None:
        def action(text: str, slot, tip: str, shortcut: str | None = None) -> QAction:
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            return act

        self.make_action = action(
            self.tr("Maak werkpakketten uit planning"),
            self.make_from_plan,
            self.tr(
                "Knip de planning per cluster in werkpakketten; bestaande pakketten worden "
                "bijgewerkt (ids, namen, aannemers en handmatige wijzigingen blijven)"
            ),
        )
        self.move_selection_action = action(
            self.tr("Selectie naar pakket..."),
            self.move_selection_to,
            self.tr("Verplaats de geselecteerde panden naar een werkpakket of een nieuw pakket"),
        )
        self.move_clusters_action = action(
            self.tr("Clusters naar pakket..."),
            self.move_clusters_to,
            self.tr("Verplaats alle panden met werk van de geselecteerde clusters naar een pakket"),
        )
        self.merge_action = action(
            self.tr("Samenvoegen"),
            self.merge_selected,
            self.tr("Voeg de geselecteerde werkpakketten samen tot het eerste"),
        )
        self.split_action = action(
            self.tr("Splitsen"),
            self.split_selected,
            self.tr(
                "Splits het werkpakket: de geselecteerde panden naar een nieuw pakket, of "
                "anders in twee helften op volgorde van bouwstart"
            ),
        )
        self.rename_action = action(
            self.tr("Hernoemen..."),
            self.rename_selected,
            self.tr("Geef het werkpakket een naam"),
            "F2",
        )
        self.contractor_action = action(
            self.tr("Aannemer en periode..."),
            self.set_contractor_selected,
            self.tr("Wijs een aannemer toe aan de geselecteerde werkpakketten"),
        )
        self.zoom_action = action(
            self.tr("Zoom naar pakket"),
            self.zoom_to_selected,
            self.tr("Selecteer de panden van de pakketten en zoom ernaar"),
        )
        self.remove_action = action(
            self.tr("Verwijderen"),
            self.remove_selected,
            self.tr(
                "Verwijder de geselecteerde werkpakketten; hun panden zitten daarna in geen pakket"
            ),
        )
        self.addActions([self.rename_action])

    def fill_menu(self, menu: QMenu, include_make: bool = True) -> QMenu:
        if include_make:
            menu.addAction(self.make_action)
            menu.addSeparator()
        menu.addAction(self.move_selection_action)
        menu.addAction(self.move_clusters_action)
        menu.addSeparator()
        menu.addAction(self.merge_action)
        menu.addAction(self.split_action)
        menu.addAction(self.rename_action)
        menu.addAction(self.contractor_action)
        menu.addSeparator()
        menu.addAction(self.zoom_action)
        menu.addAction(self.remove_action)
        return menu

    def _update_actions(self, *_args) -> None:
        has_packages = len(self.model.ids) > 0
        n = len(self.selected_ids())
        self.move_selection_action.setEnabled(has_packages and len(self.document.selection) > 0)
        self.move_clusters_action.setEnabled(
            has_packages and len(self.document.selected_cluster_ids) > 0
        )
        self.merge_action.setEnabled(n >= 2)
        self.split_action.setEnabled(n == 1)
        self.rename_action.setEnabled(n == 1)
        self.contractor_action.setEnabled(n >= 1)
        self.zoom_action.setEnabled(n >= 1)
        self.remove_action.setEnabled(n >= 1)

    # --- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.selected_ids()
        packages = self.document.project.packages
        self._syncing = True
        try:
            self.model.set_packages(packages)
            self._fill_contractor_filter()
            self._select_rows(keep)
        finally:
            self._syncing = False
        self._update_summary()
        self._update_actions()

    def _update_summary(self) -> None:
        packages = self.document.project.packages
        if packages is None or len(packages) == 0:
            self.summary.setText(self.tr("Nog geen werkpakketten. Maak ze uit de planning."))
            return
        buildings = self.document.project.buildings
        assigned = current_assignment(buildings) != ""
        text = (
            self.tr("%1 werkpakketten, %2 panden, %3 adressen")
            .replace("%1", format_count(len(packages)))
            .replace("%2", format_count(int(packages["n_buildings"].sum())))
            .replace("%3", format_count(int(packages["n_addresses"].sum())))
        )
        ctx = self._context_or_none()
        if ctx is not None:
            loose = int((ctx.work & ~assigned).sum())
            if loose:
                text += self.tr("; %1 panden met werk in geen pakket").replace(
                    "%1", format_count(loose)
                )
        if self.proxy.contractor != ALL_CONTRACTORS:
            text += (
                self.tr("; getoond: %1 van %2")
                .replace("%1", format_count(self.proxy.rowCount()))
                .replace("%2", self.contractor_filter.currentText())
            )
        self.summary.setText(text)

    def _project_replaced(self, *_args) -> None:
        self._load_limits()
        self._forget_context()
        self.note.hide()
        self.refresh()

    def _attributes_changed(self, columns=None) -> None:
        if columns is None or "cluster_id" in columns:
            self._forget_context()

    def _forget_context(self, *_args) -> None:
        self._ctx = None
        self._ctx_key = None

    def _plan_changed(self) -> None:
        self._forget_context()
        packages = self.document.project.packages
        if packages is not None and len(packages):
            self.note.setText(
                self.tr(
                    "De planning is gewijzigd. Kies 'Maak werkpakketten uit planning' om de "
                    "pakketten bij te werken; ids, namen en handmatige wijzigingen blijven."
                )
            )
            self.note.show()
        self._update_summary()

    def _context_or_none(self) -> PackageContext | None:
        project = self.document.project
        plan = self.document.plan_result
        if plan is None:
            return None
        key = (id(plan), id(project.buildings), id(project.clusters), len(project.buildings))
        if self._ctx is None or self._ctx_key != key:
            self._ctx = package_context(plan, project.buildings, project.clusters)
            self._ctx_key = key
        return self._ctx

    def context(self) -> PackageContext:
        """The plan aligned with the buildings; :class:`PackageError` when there is no plan."""
        ctx = self._context_or_none()
        if ctx is None:
            raise PackageError(
                self.tr(
                    "Er is nog geen planning. Bereken eerst een planning in het paneel "
                    "Planning; werkpakketten worden uit de planning gemaakt."
                )
            )
        return ctx

    def _assignment(self) -> pd.Series:
        buildings = self.document.project.buildings
        return pd.Series(current_assignment(buildings), index=buildings.index, name=PACKAGE_COLUMN)

    def _packages(self) -> pd.DataFrame:
        packages = self.document.project.packages
        if packages is None or len(packages) == 0:
            raise PackageError(self.tr("Er zijn nog geen werkpakketten."))
        return packages

    # --- selection sync --------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        model = self.view.selectionModel()
        if model is None:
            return []
        rows = sorted({self.proxy.mapToSource(i).row() for i in model.selectedRows()})
        return [self.model.ids[r] for r in rows if 0 <= r < len(self.model.ids)]

    def select_ids(self, ids: Sequence[str]) -> None:
        """Select package rows (and so their buildings on the map)."""
        self._select_rows(ids)

    def _select_rows(self, ids: Sequence[str]) -> None:
        wanted = set(ids)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row, pid in enumerate(self.model.ids):
            if pid in wanted:
                selection.select(
                    self.proxy.mapFromSource(self.model.index(row, 0)),
                    self.proxy.mapFromSource(self.model.index(row, last)),
                )
        self.view.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if not selection.isEmpty():
            self.view.scrollTo(selection.indexes()[0])

    def member_rows(self, ids: Sequence[str]) -> np.ndarray:
        """Building rows (positions) in the packages ``ids``."""
        if not ids:
            return np.empty(0, dtype=np.int64)
        values = current_assignment(self.document.project.buildings)
        return np.flatnonzero(isin(values, list(ids))).astype(np.int64)

    def _table_selection_changed(self, *_args) -> None:
        self._update_actions()
        if self._syncing:
            return
        self.document.set_selection(self.member_rows(self.selected_ids()))

    def zoom_to_selected(self) -> None:
        rows = self.member_rows(self.selected_ids())
        if len(rows):
            self.document.set_selection(rows)
            self.zoomToRowsRequested.emit(rows)

    # --- edits -----------------------------------------------------------------------------
    def _push(self, packages, assignment, text: str, select: Sequence[str] | None = None) -> None:
        self.document.undo_stack.push(PackageEditCommand(self.document, packages, assignment, text))
        if select is not None:
            self._syncing = True
            try:
                self._select_rows(select)
            finally:
                self._syncing = False
            self._update_actions()

    def _fail(self, error: BaseException) -> None:
        if isinstance(error, GisAppError):
            show_error(self, error, title=self.tr("Werkpakketten"))
        else:
            show_error(self, error)

    def make_from_plan(self) -> bool:
        """Make (or update) the packages from ``document.plan_result``; one undo step."""
        project = self.document.project
        if self.document.plan_result is None:
            show_info(
                self,
                self.tr("Werkpakketten"),
                self.tr(
                    "Er is nog geen planning. Bereken eerst een planning in het paneel Planning; "
                    "werkpakketten worden uit de planning gemaakt."
                ),
            )
            return False
        had = project.packages is not None and len(project.packages) > 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            packages, assignment = make_packages(
                self.document.plan_result,
                project.buildings,
                project.clusters,
                settings_from(project.settings),
                existing=project.packages if had else None,
                assignment=None if had else np.full(len(project.buildings), "", dtype=object),
            )
        except Exception as error:  # noqa: BLE001 - shown in a dialog, never a traceback
            QGuiApplication.restoreOverrideCursor()
            self._fail(error)
            return False
        QGuiApplication.restoreOverrideCursor()
        text = self.tr("Werkpakketten bijwerken") if had else self.tr("Werkpakketten maken")
        self._push(packages, assignment, text)
        self.note.hide()
        self.message.emit(
            self.tr("%1 werkpakketten met %2 panden")
            .replace("%1", format_count(len(packages)))
            .replace("%2", format_count(int(packages["n_buildings"].sum()) if len(packages) else 0))
        )
        return True

    def _choose_target(self, title: str, exclude: Sequence[str] = ()) -> str | None:
        """Ask for a package (or a new one); ``None`` when cancelled."""
        packages = self.document.project.packages
        labels = [self.tr("Nieuw werkpakket")]
        values = [NEW_PACKAGE]
        for pid, name in zip(
            packages["package_id"].astype(str), packages["name"].astype(str), strict=True
        ):
            if pid in exclude:
                continue
            labels.append(f"{pid} – {name}")
            values.append(pid)
        selected = self.selected_ids()
        current = values.index(selected[0]) if selected and selected[0] in values else 0
        label, ok = QInputDialog.getItem(
            self, title, self.tr("Naar werkpakket:"), labels, current, False
        )
        if not ok:
            return None
        return values[labels.index(label)]

    def _move_rows(self, rows: np.ndarray, target: str, ctx: PackageContext, text: str):
        packages, assignment = self._packages(), self._assignment()
        if target == NEW_PACKAGE:
            clusters = pd.Series(ctx.cluster_id[rows], dtype=object)
            cluster = str(clusters.mode().iloc[0]) if len(clusters) else ""
            packages, assignment, target = new_package(
                packages, assignment, ctx, cluster_id=cluster
            )
        packages, assignment = move_buildings(packages, assignment, rows, target, ctx)
        self._push(packages, assignment, text, select=[target])
        return target

    def move_selection_to(self, target: str | None = None) -> str | None:
        """Move the selected buildings with work to ``target`` (a package id or
        :data:`NEW_PACKAGE`; ``None`` asks). Returns the target id or ``None``."""
        try:
            self._packages()
            ctx = self.context()
            rows = np.asarray(self.document.selection, dtype=np.int64)
            if not len(rows):
                raise PackageError(self.tr("Selecteer eerst panden op de kaart of in de tabel."))
            with_work = rows[ctx.work[rows]]
            skipped = len(rows) - len(with_work)
            if not len(with_work):
                raise PackageError(
                    self.tr("Geen van de geselecteerde panden heeft werk in de planning.")
                )
            if target is None:
                target = self._choose_target(self.tr("Selectie naar pakket"))
                if target is None:
                    return None
            moved_to = self._move_rows(with_work, target, ctx, self.tr("Panden naar werkpakket"))
        except Exception as error:  # noqa: BLE001 - shown in a dialog
            self._fail(error)
            return None
        text = self.tr("%1 panden naar %2").replace("%1", format_count(len(with_work)))
        text = text.replace("%2", moved_to)
        if skipped:
            text += self.tr("; %1 panden zonder werk in de planning niet verplaatst").replace(
                "%1", format_count(skipped)
            )
        self.message.emit(text)
        return moved_to

    def move_clusters_to(self, target: str | None = None) -> str | None:
        """Move all buildings with work of the selected clusters to ``target``."""
        try:
            packages, ctx = self._packages(), self.context()
            cluster_ids = list(self.document.selected_cluster_ids)
            if not cluster_ids:
                raise PackageError(self.tr("Selecteer eerst clusters in het paneel Clusters."))
            rows = np.flatnonzero(isin(ctx.cluster_id, cluster_ids) & ctx.work)
            if not len(rows):
                raise PackageError(
                    self.tr("De geselecteerde clusters hebben geen werk in de planning.")
                )
            if target is None:
                target = self._choose_target(self.tr("Clusters naar pakket"))
                if target is None:
                    return None
            assignment = self._assignment()
            if target == NEW_PACKAGE:
                packages, assignment, target = new_package(
                    packages, assignment, ctx, cluster_id=cluster_ids[0]
                )
            packages, assignment = move_clusters(packages, assignment, cluster_ids, target, ctx)
            self._push(packages, assignment, self.tr("Clusters naar werkpakket"), select=[target])
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return None
        self.message.emit(
            self.tr("%1 panden naar %2")
            .replace("%1", format_count(len(rows)))
            .replace("%2", target)
        )
        return target

    def merge_selected(self, into: str | None = None) -> str | None:
        ids = self.selected_ids()
        try:
            packages, assignment = merge_packages(
                self._packages(), self._assignment(), ids, self.context(), into=into
            )
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return None
        kept = into or ids[0]
        self._push(packages, assignment, self.tr("Werkpakketten samenvoegen"), select=[kept])
        return kept

    def split_selected(self) -> list[str]:
        ids = self.selected_ids()
        try:
            if len(ids) != 1:
                raise PackageError(self.tr("Kies één werkpakket om te splitsen."))
            pid = ids[0]
            members = self.member_rows([pid])
            chosen = np.intersect1d(np.asarray(self.document.selection, dtype=np.int64), members)
            part = chosen if 0 < len(chosen) < len(members) else None
            packages, assignment, created = split_package(
                self._packages(), self._assignment(), pid, self.context(), rows=part
            )
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return []
        self._push(packages, assignment, self.tr("Werkpakket splitsen"), select=[pid, *created])
        return created

    def rename_selected(self, name: str | None = None) -> bool:
        ids = self.selected_ids()
        if len(ids) != 1:
            return False
        pid = ids[0]
        packages = self.document.project.packages
        if name is None:
            current = str(packages.loc[packages["package_id"] == pid, "name"].iloc[0])
            name, ok = QInputDialog.getText(
                self,
                self.tr("Werkpakket hernoemen"),
                self.tr("Naam van %1:").replace("%1", pid),
                text=current,
            )
            if not ok:
                return False
        name = name.strip()
        if not name:
            return False
        try:
            new = set_package_attribute(packages, pid, "name", name)
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return False
        self._push(new, None, self.tr("Werkpakket hernoemen"), select=[pid])
        return True

    def known_contractors(self) -> list[str]:
        project = self.document.project
        names = [c.name for c in settings_from(project.settings).contractors if c.name]
        packages = project.packages
        if packages is not None and len(packages):
            names += [c for c in packages["contractor"].astype(str) if c]
        return list(dict.fromkeys(names))

    def set_contractor_selected(self, contractor: str | None = None) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        packages = self.document.project.packages
        if contractor is None:
            hit = packages[packages["package_id"].isin(ids)]
            current = str(hit["contractor"].iloc[0]) if len(hit) else ""
            start, end = hit["period_start"].min(), hit["period_end"].max()
            period = ""
            if not pd.isna(start):
                period = pd.Timestamp(start).strftime("%d-%m-%Y")
                if not pd.isna(end):
                    period += " – " + pd.Timestamp(end).strftime("%d-%m-%Y")
            dialog = ContractorDialog(ids, current, self.known_contractors(), period, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            contractor = dialog.value()
        try:
            for pid in ids:
                packages = set_package_attribute(packages, pid, "contractor", contractor)
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return False
        self._push(packages, None, self.tr("Aannemer toewijzen"), select=ids)
        return True

    def remove_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        try:
            packages, assignment, ctx = self._packages(), self._assignment(), self.context()
            for pid in ids:
                packages, assignment = remove_package(packages, assignment, pid, ctx)
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return False
        self._push(packages, assignment, self.tr("Werkpakketten verwijderen"), select=[])
        return True

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        self.fill_menu(menu, include_make=True)
        menu.exec(self.view.viewport().mapToGlobal(position))
