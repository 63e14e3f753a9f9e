"""Editors for the planning assumptions: capacity, durations and costs.

Both editors show a :class:`~gis_app.core.planning.config.PlanningConfig` and emit
``changed(dict)`` with the keys of ``PlanningConfig.to_dict()`` they edit; the
workspace merges that into the configuration, validates it (``PlanningConfig.from_dict``)
and, when it is invalid, shows the reason and puts the last valid values back.

Defaults are always visible: every duration and cost cell has the default value and
its source in its tooltip, and cells that differ from the default are bold.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.planning.config import (
    _DURATION_SOURCES,
    APPROACHES,
    BESPOKE,
    DEFAULT_COSTS,
    DEFAULT_DURATIONS,
    WORK_MEASURES,
    PlanningConfig,
)
from gis_app.core.schema import MEASURE_LABELS_NL
from gis_app.ui.app import date_edit_format
from gis_app.ui.core_texts import core_text
from gis_app.ui.planning.formats import format_number
from gis_app.ui.text_style import NOTE, style_text


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class _DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat(date_edit_format())
        return editor

    def setEditorData(self, editor, index):  # noqa: N802
        value = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(value, dt.date):
            editor.setDate(_qdate(value))

    def setModelData(self, editor, model, index):  # noqa: N802
        value = _pydate(editor.date())
        model.setData(index, value, Qt.ItemDataRole.UserRole)
        model.setData(index, value.strftime("%d-%m-%Y"), Qt.ItemDataRole.DisplayRole)


class _NumberDelegate(QStyledItemDelegate):
    def __init__(self, parent=None, *, decimals: int = 0, maximum: float = 1e9, step: float = 1.0):
        super().__init__(parent)
        self._decimals, self._maximum, self._step = decimals, maximum, step

    def createEditor(self, parent, option, index):  # noqa: N802
        if self._decimals == 0:
            editor = QSpinBox(parent)
            editor.setMaximum(int(self._maximum))
        else:
            editor = QDoubleSpinBox(parent)
            editor.setDecimals(self._decimals)
            editor.setMaximum(self._maximum)
        editor.setSingleStep(self._step)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802
        value = index.data(Qt.ItemDataRole.UserRole)
        editor.setValue(value if value is not None else 0)

    def setModelData(self, editor, model, index):  # noqa: N802
        value = editor.value()
        model.setData(index, value, Qt.ItemDataRole.UserRole)
        model.setData(index, _display(float(value)), Qt.ItemDataRole.DisplayRole)


def _display(value: float) -> str:
    """Whole numbers without decimals (13, 30.000), others with one (12,5)."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def _number_item(value: float, decimals: int = 0) -> QTableWidgetItem:
    item = QTableWidgetItem(_display(float(value)))
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _date_item(value: dt.date) -> QTableWidgetItem:
    item = QTableWidgetItem(value.strftime("%d-%m-%Y"))
    item.setData(Qt.ItemDataRole.UserRole, value)
    return item


class PeriodTable(QWidget):
    """A small table "vanaf datum | bouwstarts per week" with add/remove buttons."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("vanaf"), self.tr("bouwstarts per week")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(0, _DateDelegate(self.table))
        self.table.setItemDelegateForColumn(1, _NumberDelegate(self.table, maximum=10000))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(90)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Periode toevoegen"))
        self.remove_button = QPushButton(self.tr("Verwijderen"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.default_start = dt.date.today()
        self.default_starts = 0

    def set_periods(self, periods: list[tuple[dt.date, int]]) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for date, starts in sorted(periods):
                row = self.table.rowCount()
                self.table.insertRow(row)
                self.table.setItem(row, 0, _date_item(date))
                self.table.setItem(row, 1, _number_item(int(starts)))

    def periods(self) -> list[tuple[dt.date, int]]:
        out = []
        for row in range(self.table.rowCount()):
            date = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            starts = self.table.item(row, 1).data(Qt.ItemDataRole.UserRole)
            out.append((date, int(starts)))
        return sorted(out)

    def _add(self) -> None:
        existing = self.periods()
        last = existing[-1][0] if existing else self.default_start
        date = dt.date(last.year + 1, 1, 1) if existing else self.default_start
        starts = existing[-1][1] if existing else self.default_starts
        self.set_periods([*existing, (date, starts)])
        self.changed.emit()

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        with QSignalBlocker(self.table):
            for row in rows:
                self.table.removeRow(row)
        self.changed.emit()


class CapacityEditor(QWidget):
    """Total capacity with a calendar of changes, or per contractor (aannemer)."""

    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        mode = QHBoxLayout()
        self.total_mode = QRadioButton(self.tr("Totaal"))
        self.contractor_mode = QRadioButton(self.tr("Per aannemer"))
        group = QButtonGroup(self)
        group.addButton(self.total_mode)
        group.addButton(self.contractor_mode)
        self.total_mode.setChecked(True)
        mode.addWidget(QLabel(self.tr("Capaciteit:")))
        mode.addWidget(self.total_mode)
        mode.addWidget(self.contractor_mode)
        mode.addStretch(1)
        layout.addLayout(mode)

        # total
        self.total_box = QWidget()
        total_layout = QVBoxLayout(self.total_box)
        total_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        starts_label = QLabel(self.tr("Bouwstarts per week vanaf de startdatum:"))
        starts_label.setWordWrap(True)  # narrow side dock on a 1366 px laptop
        row.addWidget(starts_label, 1)
        self.starts_spin = QSpinBox()
        self.starts_spin.setRange(0, 10000)
        self.starts_spin.setToolTip(
            self.tr("Standaard 40: NCG meldde 1.962 bouwstarts in 2025 (ca. 38 per week).")
        )
        row.addWidget(self.starts_spin)
        row.addStretch(1)
        total_layout.addLayout(row)
        total_layout.addWidget(QLabel(self.tr("Wijzigingen in de tijd:")))
        self.total_periods = PeriodTable()
        total_layout.addWidget(self.total_periods)
        layout.addWidget(self.total_box)

        # contractors
        self.contractor_box = QWidget()
        c_layout = QVBoxLayout(self.contractor_box)
        c_layout.setContentsMargins(0, 0, 0, 0)
        self.contractors = QTableWidget(0, 2)
        self.contractors.setHorizontalHeaderLabels(
            [self.tr("aannemer"), self.tr("bouwstarts per week")]
        )
        self.contractors.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.contractors.verticalHeader().hide()
        self.contractors.setItemDelegateForColumn(
            1, _NumberDelegate(self.contractors, maximum=10000)
        )
        self.contractors.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contractors.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.contractors.setMinimumHeight(90)
        c_layout.addWidget(self.contractors)
        c_buttons = QHBoxLayout()
        self.add_contractor = QPushButton(self.tr("Aannemer toevoegen"))
        self.remove_contractor = QPushButton(self.tr("Verwijderen"))
        c_buttons.addWidget(self.add_contractor)
        c_buttons.addWidget(self.remove_contractor)
        c_buttons.addStretch(1)
        c_layout.addLayout(c_buttons)
        self.calendar_label = QLabel(self.tr("Wijzigingen in de tijd voor de gekozen aannemer:"))
        self.calendar_label.setWordWrap(True)
        c_layout.addWidget(self.calendar_label)
        self.contractor_periods = PeriodTable()
        c_layout.addWidget(self.contractor_periods)
        layout.addWidget(self.contractor_box)
        layout.addStretch(1)

        self._calendars: list[list[tuple[dt.date, int]]] = []
        self._loading = False
        self.total_mode.toggled.connect(self._mode_changed)
        self.starts_spin.valueChanged.connect(self._emit)
        self.total_periods.changed.connect(self._emit)
        self.contractors.itemChanged.connect(lambda _i: self._emit())
        self.contractors.itemSelectionChanged.connect(self._show_calendar)
        self.contractor_periods.changed.connect(self._calendar_edited)
        self.add_contractor.clicked.connect(self._add_contractor)
        self.remove_contractor.clicked.connect(self._remove_contractor)
        self._mode_changed()

    # --- config <-> widgets ----------------------------------------------------------------
    def set_config(self, config: PlanningConfig) -> None:
        self._loading = True
        try:
            with QSignalBlocker(self.starts_spin):
                self.starts_spin.setValue(int(config.starts_per_week))
            self.total_periods.default_start = config.start_date
            self.total_periods.default_starts = int(config.starts_per_week)
            self.total_periods.set_periods(list(config.capacity_calendar))
            with QSignalBlocker(self.contractors):
                self.contractors.setRowCount(0)
                self._calendars = []
                for c in config.contractors:
                    row = self.contractors.rowCount()
                    self.contractors.insertRow(row)
                    self.contractors.setItem(row, 0, QTableWidgetItem(c.name))
                    self.contractors.setItem(row, 1, _number_item(int(c.starts_per_week)))
                    self._calendars.append(list(c.calendar))
            self.contractor_periods.default_start = config.start_date
            with QSignalBlocker(self.total_mode):
                (self.contractor_mode if config.contractors else self.total_mode).setChecked(True)
            self._mode_changed()
            self._show_calendar()
        finally:
            self._loading = False

    def values(self) -> dict:
        data = {
            "starts_per_week": int(self.starts_spin.value()),
            "capacity_calendar": [[d.isoformat(), int(n)] for d, n in self.total_periods.periods()],
            "contractors": [],
        }
        if self.contractor_mode.isChecked():
            for row in range(self.contractors.rowCount()):
                name_item = self.contractors.item(row, 0)
                starts = self.contractors.item(row, 1).data(Qt.ItemDataRole.UserRole)
                data["contractors"].append(
                    {
                        "name": name_item.text() if name_item else "",
                        "starts_per_week": int(starts or 0),
                        "calendar": [
                            [d.isoformat(), int(n)] for d, n in sorted(self._calendars[row])
                        ],
                    }
                )
        return data

    # --- internals -------------------------------------------------------------------------
    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit(self.values())

    def _mode_changed(self) -> None:
        contractors = self.contractor_mode.isChecked()
        self.total_box.setVisible(not contractors)
        self.contractor_box.setVisible(contractors)
        if contractors and not self._loading and self.contractors.rowCount() == 0:
            self._add_contractor()
            return
        self._emit()

    def _selected_contractor(self) -> int | None:
        rows = {i.row() for i in self.contractors.selectedIndexes()}
        return min(rows) if rows else (0 if self.contractors.rowCount() else None)

    def _show_calendar(self) -> None:
        row = self._selected_contractor()
        self.contractor_periods.setEnabled(row is not None)
        if row is None:
            self.contractor_periods.set_periods([])
            return
        name = self.contractors.item(row, 0).text() if self.contractors.item(row, 0) else ""
        self.calendar_label.setText(self.tr("Wijzigingen in de tijd voor {0}:").format(name))
        self.contractor_periods.default_starts = int(
            self.contractors.item(row, 1).data(Qt.ItemDataRole.UserRole) or 0
        )
        self.contractor_periods.set_periods(self._calendars[row])

    def _calendar_edited(self) -> None:
        row = self._selected_contractor()
        if row is not None:
            self._calendars[row] = self.contractor_periods.periods()
            self._emit()

    def _add_contractor(self) -> None:
        row = self.contractors.rowCount()
        with QSignalBlocker(self.contractors):
            self.contractors.insertRow(row)
            self.contractors.setItem(
                row, 0, QTableWidgetItem(self.tr("Aannemer {0}").format(row + 1))
            )
            default = self.starts_spin.value() if row == 0 else 10
            self.contractors.setItem(row, 1, _number_item(int(default)))
        self._calendars.append([])
        self.contractors.selectRow(row)
        self._emit()

    def _remove_contractor(self) -> None:
        row = self._selected_contractor()
        if row is None:
            return
        with QSignalBlocker(self.contractors):
            self.contractors.removeRow(row)
        del self._calendars[row]
        self._show_calendar()
        self._emit()


class DurationsEditor(QWidget):
    """Durations (weeks) and costs (euro per address) per measure and approach."""

    changed = Signal(dict)

    COLUMNS = (
        QT_TRANSLATE_NOOP("DurationsEditor", "maatregel"),
        QT_TRANSLATE_NOOP("DurationsEditor", "aanpak"),
        QT_TRANSLATE_NOOP("DurationsEditor", "voorber.\n(weken)"),
        QT_TRANSLATE_NOOP("DurationsEditor", "uitvoer.\n(weken)"),
        QT_TRANSLATE_NOOP("DurationsEditor", "kosten\n(€/adres)"),
    )
    COLUMN_TIPS = (
        QT_TRANSLATE_NOOP("DurationsEditor", "maatregel"),
        QT_TRANSLATE_NOOP("DurationsEditor", "standaard of maatwerk"),
        QT_TRANSLATE_NOOP(
            "DurationsEditor", "voorbereiding: van start plan tot start bouw, in weken"
        ),
        QT_TRANSLATE_NOOP("DurationsEditor", "uitvoering: duur van de bouw, in weken"),
        QT_TRANSLATE_NOOP("DurationsEditor", "kosten in euro per adres (verblijfsobject)"),
    )
    SHORT_MEASURE = {
        "light": QT_TRANSLATE_NOOP("DurationsEditor", "licht"),
        "heavy": QT_TRANSLATE_NOOP("DurationsEditor", "zwaar"),
        "rebuild": QT_TRANSLATE_NOOP("DurationsEditor", "sloop-nieuwbouw"),
    }

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(len(WORK_MEASURES) * len(APPROACHES), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        for column, tip in enumerate(self.COLUMN_TIPS):
            self.table.horizontalHeaderItem(column).setToolTip(self.tr(tip))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setMinimumHeight(6 * 24 + 52)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setItemDelegateForColumn(2, _NumberDelegate(self.table, decimals=1, maximum=520))
        self.table.setItemDelegateForColumn(3, _NumberDelegate(self.table, decimals=1, maximum=520))
        self.table.setItemDelegateForColumn(
            4, _NumberDelegate(self.table, maximum=5_000_000, step=5000)
        )
        layout.addWidget(self.table)
        self.costs_check = QCheckBox(self.tr("Kosten meerekenen"))
        self.costs_check.setChecked(True)
        layout.addWidget(self.costs_check)
        buttons = QHBoxLayout()
        self.reset_button = QPushButton(self.tr("Standaardwaarden herstellen"))
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        note = QLabel(
            self.tr(
                "Voorbereiding: van start plan tot start bouw (opname, beoordeling, ontwerp, "
                "uitvoeringsplan). Maatwerk is nooit sneller dan standaard. Vetgedrukt: "
                "afwijkend van de standaardwaarde (zie tooltip voor standaard en bron)."
            )
        )
        note.setWordWrap(True)
        style_text(note, color=NOTE)
        layout.addWidget(note)
        self._loading = False
        self.table.itemChanged.connect(self._item_changed)
        self.costs_check.toggled.connect(lambda _c: self._emit())
        self.reset_button.clicked.connect(self._reset)

    def _row(self, measure: str, approach: str) -> int:
        return WORK_MEASURES.index(measure) * len(APPROACHES) + APPROACHES.index(approach)

    def set_config(self, config: PlanningConfig) -> None:
        self._loading = True
        costs = config.costs or DEFAULT_COSTS
        with QSignalBlocker(self.table):
            for measure in WORK_MEASURES:
                for approach in APPROACHES:
                    row = self._row(measure, approach)
                    label = QTableWidgetItem(self.tr(self.SHORT_MEASURE.get(measure, measure)))
                    label.setToolTip(core_text(MEASURE_LABELS_NL[measure]))
                    kind = QTableWidgetItem(
                        self.tr("maatwerk") if approach == BESPOKE else self.tr("standaard")
                    )
                    for item in (label, kind):
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, 0, label)
                    self.table.setItem(row, 1, kind)
                    for col, part in ((2, "prep"), (3, "construction")):
                        value = float(config.durations[measure][approach][part])
                        item = _number_item(value, 1)
                        default = DEFAULT_DURATIONS[measure][approach][part]
                        item.setToolTip(
                            self.tr("standaard {0} weken — {1}").format(
                                format_number(default, 1),
                                _DURATION_SOURCES.get((measure, part), ""),
                            )
                        )
                        self.table.setItem(row, col, item)
                    cost = float(costs[measure][approach])
                    item = _number_item(cost, 0)
                    item.setToolTip(
                        self.tr(
                            "standaard € {0} per adres — (E) licht 20-60k, zwaar 100-300k, sloop-nieuwbouw 250-400k"
                        ).format(format_number(DEFAULT_COSTS[measure][approach], 0))
                    )
                    self.table.setItem(row, 4, item)
            self._mark_defaults()
        with QSignalBlocker(self.costs_check):
            self.costs_check.setChecked(config.costs is not None)
        self.table.setColumnHidden(4, config.costs is None)
        self._loading = False

    def _mark_defaults(self) -> None:
        for measure in WORK_MEASURES:
            for approach in APPROACHES:
                row = self._row(measure, approach)
                defaults = (
                    DEFAULT_DURATIONS[measure][approach]["prep"],
                    DEFAULT_DURATIONS[measure][approach]["construction"],
                    DEFAULT_COSTS[measure][approach],
                )
                for col, default in zip((2, 3, 4), defaults, strict=True):
                    item = self.table.item(row, col)
                    if item is None:
                        continue
                    font = QFont(item.font())
                    font.setBold(abs(float(item.data(Qt.ItemDataRole.UserRole)) - default) > 1e-9)
                    item.setFont(font)

    def values(self) -> dict:
        durations: dict = {}
        costs: dict = {}
        for measure in WORK_MEASURES:
            for approach in APPROACHES:
                row = self._row(measure, approach)
                durations.setdefault(measure, {})[approach] = {
                    "prep": float(self.table.item(row, 2).data(Qt.ItemDataRole.UserRole)),
                    "construction": float(self.table.item(row, 3).data(Qt.ItemDataRole.UserRole)),
                }
                costs.setdefault(measure, {})[approach] = float(
                    self.table.item(row, 4).data(Qt.ItemDataRole.UserRole)
                )
        return {"durations": durations, "costs": costs if self.costs_check.isChecked() else None}

    def _item_changed(self, _item) -> None:
        with QSignalBlocker(self.table):
            self._mark_defaults()
        self._emit()

    def _emit(self) -> None:
        self.table.setColumnHidden(4, not self.costs_check.isChecked())
        if not self._loading:
            self.changed.emit(self.values())

    def _reset(self) -> None:
        config = PlanningConfig()
        self.set_config(config)
        self.changed.emit({"durations": config.durations, "costs": config.costs})
