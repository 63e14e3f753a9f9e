"""Side by side after a refused save: the planner's version and the one in the database.

:class:`ConflictDialog` lists the rows someone else saved first. For the chosen row it
shows both outlines on a small map (:class:`OutlineMap`: the database's version in blue,
the planner's in orange, dashed) and the fields in a table (field, mijn versie, hun
versie; differing fields marked). Per row the planner picks "Mijn versie houden" or
"Hun versie overnemen"; :meth:`ConflictDialog.choices` gives ``{(kind, key): "mine" |
"theirs"}``. Applying the choice is the session's work
(:meth:`gis_app.ui.team.session.TeamSession.resolve`).
"""

from __future__ import annotations

import json
from typing import Any

import shapely
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.db import Conflict
from gis_app.ui.panels.labels import format_count
from gis_app.ui.team.rows import changed_fields
from gis_app.ui.team.session import field_label, row_label

#: Colours of the two versions on the map and in the table header.
MINE_COLOR = QColor("#e66101")
THEIRS_COLOR = QColor("#1f78b4")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def _polygons(geometry) -> list:
    if geometry is None or not isinstance(geometry, shapely.Geometry) or geometry.is_empty:
        return []
    if isinstance(geometry, shapely.Polygon):
        return [geometry]
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, shapely.Polygon)]


class OutlineMap(QWidget):
    """Two outlines on one small map, scaled to fit both."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.mine = None
        self.theirs = None
        self.setMinimumSize(260, 220)

    def set_geometries(self, mine, theirs) -> None:
        self.mine, self.theirs = mine, theirs
        self.update()

    def _bounds(self):
        geoms = [g for g in (self.mine, self.theirs) if isinstance(g, shapely.Geometry)]
        geoms = [g for g in geoms if not g.is_empty]
        if not geoms:
            return None
        return shapely.GeometryCollection(geoms).bounds

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fbfbf8"))
        painter.setPen(QPen(QColor("#c8c8c0")))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        bounds = self._bounds()
        if bounds is None:
            painter.setPen(QColor("#666"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Geen vorm"))
            return
        xmin, ymin, xmax, ymax = bounds
        width = max(xmax - xmin, 1e-6)
        height = max(ymax - ymin, 1e-6)
        area = QRectF(self.rect()).adjusted(14, 14, -14, -44)
        scale = min(area.width() / width, area.height() / height)
        ox = area.left() + (area.width() - width * scale) / 2
        oy = area.top() + (area.height() - height * scale) / 2

        def point(x: float, y: float) -> QPointF:
            return QPointF(ox + (x - xmin) * scale, oy + (ymax - y) * scale)

        def path_of(geometry) -> QPainterPath:
            path = QPainterPath()
            for polygon in _polygons(geometry):
                for ring in [polygon.exterior, *polygon.interiors]:
                    coords = list(ring.coords)
                    if not coords:
                        continue
                    path.moveTo(point(*coords[0][:2]))
                    for x, y, *_ in coords[1:]:
                        path.lineTo(point(x, y))
                    path.closeSubpath()
            return path

        fill = QColor(THEIRS_COLOR)
        fill.setAlpha(45)
        painter.setBrush(QBrush(fill))
        painter.setPen(QPen(THEIRS_COLOR, 2.5))
        painter.drawPath(path_of(self.theirs))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(MINE_COLOR, 2.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(path_of(self.mine))
        # legend: one line per version (no width guesses: fonts differ per platform)
        y = self.height() - 26
        painter.setPen(QPen(THEIRS_COLOR, 3))
        painter.drawLine(QPointF(12, y - 4), QPointF(34, y - 4))
        painter.setPen(QColor("#222"))
        painter.drawText(QPointF(40, y), self.tr("hun versie (database)"))
        y += 16
        painter.setPen(pen)
        painter.drawLine(QPointF(12, y - 4), QPointF(34, y - 4))
        painter.setPen(QColor("#222"))
        painter.drawText(QPointF(40, y), self.tr("mijn versie"))


def _geometry_of(values: Any):
    return values.get("geometry") if isinstance(values, dict) else None


def conflict_outlines(conflict: Conflict) -> list:
    """The outlines of both versions of a conflicting row (none for a row without one)."""
    out = []
    for values in (conflict.mine, conflict.theirs):
        geometry = _geometry_of(values)
        if geometry is not None and not getattr(geometry, "is_empty", True):
            out.append(geometry)
    return out


def _shown(value: Any, field: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, shapely.Geometry):
        return _tr("{area} m²").format(area=format_count(int(round(value.area))))
    if field == "members" and isinstance(value, (list, tuple)):
        return _tr("{n} panden").format(n=len(value))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:200]
    return str(value)


class ConflictDialog(QDialog):
    """See the module docstring. ``currentConflictChanged(conflict)`` when the planner
    looks at another row (the window shows its outlines on the main map)."""

    currentConflictChanged = Signal(object)

    def __init__(self, conflicts: list[Conflict], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.conflicts = list(conflicts)
        self._choices: dict[tuple[str, str], str] = {}
        self.setWindowTitle(self.tr("Iemand anders was u voor"))
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Deze rijen zijn in de database gewijzigd nadat u ze opende. Er is niets "
                "overschreven. Kies per rij welke versie blijft."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.rows = QListWidget()
        for conflict in self.conflicts:
            self.rows.addItem(self._row_text(conflict))
        self.rows.currentRowChanged.connect(self._show)
        splitter.addWidget(self.rows)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("")
        self.title.setObjectName("conflictTitle")
        right_layout.addWidget(self.title)
        top = QHBoxLayout()
        self.map = OutlineMap()
        top.addWidget(self.map, 2)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Veld"), self.tr("Mijn versie"), self.tr("Hun versie (database)")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        mine_header = self.table.horizontalHeaderItem(1)
        theirs_header = self.table.horizontalHeaderItem(2)
        mine_header.setForeground(MINE_COLOR)
        theirs_header.setForeground(THEIRS_COLOR)
        top.addWidget(self.table, 3)
        right_layout.addLayout(top, 1)
        choice_row = QHBoxLayout()
        self.mine_button = QRadioButton(self.tr("&Mijn versie houden"))
        self.theirs_button = QRadioButton(self.tr("&Hun versie overnemen"))
        self.choice_group = QButtonGroup(self)
        self.choice_group.addButton(self.mine_button)
        self.choice_group.addButton(self.theirs_button)
        self.mine_button.toggled.connect(lambda on: on and self._choose_current("mine"))
        self.theirs_button.toggled.connect(lambda on: on and self._choose_current("theirs"))
        choice_row.addWidget(self.mine_button)
        choice_row.addWidget(self.theirs_button)
        choice_row.addStretch(1)
        all_mine = QPushButton(self.tr("Overal mijn versie"))
        all_mine.clicked.connect(lambda: self.choose_all("mine"))
        all_theirs = QPushButton(self.tr("Overal hun versie"))
        all_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        choice_row.addWidget(all_mine)
        choice_row.addWidget(all_theirs)
        right_layout.addLayout(choice_row)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 740])
        layout.addWidget(splitter, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Keuze toepassen en opslaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Later kiezen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.conflicts:
            self.rows.setCurrentRow(0)
        self._update_ok()

    # --- choices ----------------------------------------------------------------------------
    @staticmethod
    def key(conflict: Conflict) -> tuple[str, str]:
        return (conflict.kind, conflict.key)

    def choices(self) -> dict[tuple[str, str], str]:
        return dict(self._choices)

    def choose(self, index: int, choice: str) -> None:
        """Choose ``"mine"`` or ``"theirs"`` for conflict ``index``."""
        if choice not in ("mine", "theirs"):
            raise ValueError(choice)
        self._choices[self.key(self.conflicts[index])] = choice
        item = self.rows.item(index)
        if item is not None:
            item.setText(self._row_text(self.conflicts[index]))
        if index == self.rows.currentRow():
            self._sync_buttons()
        self._update_ok()

    def choose_all(self, choice: str) -> None:
        for index in range(len(self.conflicts)):
            self.choose(index, choice)

    def _choose_current(self, choice: str) -> None:
        index = self.rows.currentRow()
        in_range = 0 <= index < len(self.conflicts)
        if in_range and self._choices.get(self.key(self.conflicts[index])) != choice:
            self.choose(index, choice)

    def _row_text(self, conflict: Conflict) -> str:
        label = row_label(conflict.kind, conflict.key)
        choice = self._choices.get(self.key(conflict))
        if choice == "mine":
            return self.tr("{row} — mijn versie").format(row=label)
        if choice == "theirs":
            return self.tr("{row} — hun versie").format(row=label)
        return self.tr("{row} — nog kiezen").format(row=label)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(
            len(self._choices) == len(self.conflicts) and bool(self.conflicts)
        )

    def _sync_buttons(self) -> None:
        index = self.rows.currentRow()
        choice = (
            self._choices.get(self.key(self.conflicts[index]))
            if 0 <= index < len(self.conflicts)
            else None
        )
        self.choice_group.setExclusive(False)
        self.mine_button.setChecked(choice == "mine")
        self.theirs_button.setChecked(choice == "theirs")
        self.choice_group.setExclusive(True)

    # --- one row ----------------------------------------------------------------------------
    def _show(self, index: int) -> None:
        if not (0 <= index < len(self.conflicts)):
            return
        conflict = self.conflicts[index]
        mine, theirs = conflict.mine, conflict.theirs
        if theirs is None:
            status = self.tr("verwijderd in de database")
        else:
            status = self.tr("versie {v} in de database").format(v=conflict.their_version)
        self.title.setText(f"<b>{row_label(conflict.kind, conflict.key)}</b> — {status}")
        self.map.set_geometries(_geometry_of(mine), _geometry_of(theirs))
        self.map.setVisible(conflict.kind in ("cluster", "package"))
        self._fill_table(mine, theirs)
        self._sync_buttons()
        self.currentConflictChanged.emit(conflict)

    def current_conflict(self) -> Conflict | None:
        index = self.rows.currentRow()
        return self.conflicts[index] if 0 <= index < len(self.conflicts) else None

    def _fill_table(self, mine: Any, theirs: Any) -> None:
        if isinstance(mine, dict) or isinstance(theirs, dict):
            mine_d = mine if isinstance(mine, dict) else {}
            theirs_d = theirs if isinstance(theirs, dict) else {}
            fields = list(dict.fromkeys([*mine_d.keys(), *theirs_d.keys()]))
            differing = set(changed_fields(mine_d, theirs_d))
            # differing fields first: that is what the planner decides on
            fields = [f for f in fields if f in differing] + [
                f for f in fields if f not in differing
            ]
            rows = [(f, mine_d.get(f), theirs_d.get(f), f in differing) for f in fields]
        else:
            rows = [("", mine, theirs, bool(changed_fields(mine, theirs)))]
        self.table.setRowCount(len(rows))
        highlight = QColor("#fff1c2")
        for r, (field, a, b, differs) in enumerate(rows):
            cells = [field_label(field), _shown(a, field), _shown(b, field)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if differs:
                    item.setBackground(highlight)
                    if c == 0:
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                self.table.setItem(r, c, item)
