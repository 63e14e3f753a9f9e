"""Identify: all attributes of one building, and the short hover summary.

The panel shows the building the identify tool clicked (:meth:`IdentifyPanel.show_building`).
Decision: when the selection changes to exactly one building (a search hit, a click with
the select tool, a table row), the panel shows that building too, so its attributes are
always one glance away; a larger selection leaves the panel as it was. A project change
clears the panel.

Rows: the canonical columns under their Dutch labels, then the footprint area and any
source columns the reader kept, each under a Dutch label with Dutch values
(:mod:`gis_app.core.labels`). The cluster is named as the map names it (its name; the
id is in the tooltip).
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gis_app.core import formatting as fmt
from gis_app.core.labels import cluster_label, cluster_names
from gis_app.ui.document import ProjectDocument
from gis_app.ui.glossary import add_glosses
from gis_app.ui.panels.labels import column_label, format_value


def building_summary(buildings, row: int, clusters=None) -> str:
    """Hover tooltip text: id, address, risk profile and LPR, milestone and cluster."""
    record = buildings.iloc[int(row)]
    lines = [
        QCoreApplication.translate("Identify", "Pand {id}").format(id=record.get("building_id", ""))
    ]
    address = ", ".join(
        str(part) for part in (record.get("address", ""), record.get("woonplaats", "")) if part
    )
    if address:
        lines.append(address)
    profile = record.get("risk_profile", "")
    lpr = format_value("lpr", record.get("lpr", np.nan))
    lines.append(f"{column_label('risk_profile')}: {profile}" + (f",  LPR {lpr}" if lpr else ""))
    milestone = record.get("milestone", "")
    if milestone:
        lines.append(f"{column_label('milestone')}: {format_value('milestone', milestone)}")
    cluster = record.get("cluster_id", "")
    if cluster:
        name = cluster_label(cluster, cluster_names(clusters))
        lines.append(f"{column_label('cluster_id')}: {name}")
    return "\n".join(lines)


class IdentifyPanel(QWidget):
    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.row: int | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Veld"), self.tr("Waarde")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(20)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        document.projectReplaced.connect(self.clear)
        document.buildingsChanged.connect(self.clear)
        document.buildingAttributesChanged.connect(lambda _cols: self._refresh())
        document.clustersChanged.connect(self._refresh)  # a renamed cluster shows its new name
        document.selectionChanged.connect(self._follow_selection)
        document.commitmentsChanged.connect(self._refresh)
        document.planChanged.connect(self._refresh)  # whether the plan keeps what was told
        self.clear()

    def clear(self) -> None:
        self.row = None
        self.title.setText(self.tr("Klik met het identificatiegereedschap op een pand."))
        self.table.setRowCount(0)

    def show_building(self, row: int | None) -> None:
        """Show all attributes of building ``row`` (row position), or clear for ``None``."""
        self._show(row)

    def _follow_selection(self) -> None:
        selection = self.document.selection
        if len(selection) == 1:
            self._show(int(selection[0]))

    def _refresh(self) -> None:
        if self.row is not None:
            self._show(self.row)

    def _show(self, row: int | None) -> None:
        buildings = self.document.project.buildings
        if row is None or not 0 <= int(row) < len(buildings):
            self.clear()
            return
        self.row = int(row)
        record = buildings.iloc[self.row]
        geometry_name = buildings.geometry.name
        address = ", ".join(
            str(p) for p in (record.get("address", ""), record.get("woonplaats", "")) if p
        )
        title = self.tr("Pand {id}").format(id=record.get("building_id", ""))
        self.title.setText(f"<b>{title}</b>" + (f"<br>{address}" if address else ""))
        names = cluster_names(self.document.project.clusters)
        rows: list[tuple[str, str, str]] = []
        for column in buildings.columns:
            if column == geometry_name:
                continue
            value = record[column]
            if column == "cluster_id":
                text = cluster_label(value, names)
            else:
                text = format_value(column, value)
            rows.append((column_label(column), text, column))
        geometry = record[geometry_name]
        if geometry is not None and not shapely.is_empty(geometry):
            area = float(shapely.area(geometry))
            columns = [column for _label, _value, column in rows]
            at = columns.index("residents") + 1 if "residents" in columns else len(rows)
            rows.insert(at, (self.tr("Oppervlakte"), fmt.area(area), ""))
        promise = self._promise_text(str(record.get("building_id", "")))
        if promise:
            rows.insert(0, (self.tr("Toegezegd"), promise, ""))
        self.table.setRowCount(len(rows))
        for i, (label, value, column) in enumerate(rows):
            key = QTableWidgetItem(label)
            if column:  # the field's name in the file, for finding it in QGIS or a CSV
                key.setToolTip(self.tr("Veld in het bestand: {name}").format(name=column))
            add_glosses(key, label)  # "Eigen regie", "BAG-id": glossed in English
            self.table.setItem(i, 0, key)
            item = QTableWidgetItem(value)
            tip = value
            if column == "cluster_id" and str(record[column]):
                tip = self.tr("{name} (id {id})").format(name=value, id=record[column])
            item.setToolTip(tip)
            add_glosses(item, value)  # English window: "verhoogd (elevated risk)"
            self.table.setItem(i, 1, item)

    def _told_id(self) -> str:
        """The building shown, when its residents were told something ("" otherwise)."""
        buildings = self.document.project.buildings
        if self.row is None or not 0 <= self.row < len(buildings):
            return ""
        building_id = str(buildings.iloc[self.row].get("building_id", ""))
        told = (self.document.project.commitments or {}).get("commitments") or []
        return building_id if any(c.get("building_id") == building_id for c in told) else ""

    def release_commitment(self, reason: str) -> bool:
        """Release the commitment of the building shown, with ``reason`` (kept in the
        project's audit); one undo step. False (and a message) without a reason."""
        from gis_app.core.commitments import CommitmentBook, CommitmentError
        from gis_app.ui.dialogs import show_error

        building_id = self._told_id()
        if not building_id:
            return False
        try:
            book = CommitmentBook.from_dict(self.document.project.commitments or None)
            after = book.release([building_id], reason)
        except CommitmentError as error:
            show_error(self, error, title=self.tr("Toezegging intrekken"))
            return False
        self.document.set_commitments(
            after.to_dict(), self.tr("Toezegging pand {id} ingetrokken").format(id=building_id)
        )
        return True

    def _promise_text(self, building_id: str) -> str:
        """What the residents were told and whether the current plan keeps it ("" when
        nothing was told)."""
        told = (self.document.project.commitments or {}).get("commitments") or []
        mine = next((c for c in told if c.get("building_id") == building_id), None)
        if mine is None:
            return ""
        text = self.tr("bouwstart uiterlijk {start}, gereed {done} (gemeld op {told})").format(
            start=mine.get("construction_start", ""),
            done=mine.get("completion", ""),
            told=mine.get("told_on", ""),
        )
        result = getattr(self.document, "plan_result", None)
        report = (getattr(result, "metrics", None) or {}).get("commitments")
        if report is None:
            return text
        broken = next((b for b in report["broken"] if b["building_id"] == building_id), None)
        if broken is None:
            return text + self.tr(" · het plan houdt dit")
        return text + self.tr(
            " · NIET gehouden: bouwstart nu {planned}, {days} dagen later"
        ).format(planned=broken["planned"], days=broken["days_late"])

    def value_of(self, label: str) -> str | None:
        """The shown value for a field label (for tests and scripts)."""
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).text() == label:
                return self.table.item(i, 1).text()
        return None

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        copy_value = menu.addAction(self.tr("Waarde kopiëren"))
        copy_all = menu.addAction(self.tr("Alle velden kopiëren"))
        release = None
        if self._told_id():
            menu.addSeparator()
            release = menu.addAction(self.tr("Toezegging intrekken..."))
        chosen = menu.exec(self.table.viewport().mapToGlobal(position))
        if release is not None and chosen is release:
            from PySide6.QtWidgets import QInputDialog

            reason, ok = QInputDialog.getText(
                self,
                self.tr("Toezegging intrekken"),
                self.tr("Waarom wordt de toezegging ingetrokken? (verplicht, blijft bewaard)"),
            )
            if ok:
                self.release_commitment(reason)
            return
        clipboard = QGuiApplication.clipboard()
        if chosen is copy_value and self.table.currentRow() >= 0:
            clipboard.setText(self.table.item(self.table.currentRow(), 1).text())
        elif chosen is copy_all:
            lines = [
                f"{self.table.item(i, 0).text()}\t{self.table.item(i, 1).text()}"
                for i in range(self.table.rowCount())
            ]
            clipboard.setText("\n".join(lines))
