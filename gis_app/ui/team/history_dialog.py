"""Geschiedenis: the audit trail of one cluster or work package in the team database.

:class:`HistoryDialog` shows :func:`gis_app.core.db.history` (read on the task runner): per
change when, who, what (nieuw, gewijzigd, verwijderd), the version, and which fields went
from what to what. The outline is summarised ("vorm gewijzigd"), not printed.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.db import AuditEntry
from gis_app.ui.team.session import field_label, row_label

#: Columns of an audit row that are bookkeeping, not the planner's fields.
BOOKKEEPING = frozenset(
    {"project_id", "row_version", "pos", "gemeenten", "cluster_id", "package_id", "key"}
)
GEOMETRY_FIELDS = frozenset({"geom", "geometry"})


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryDialog", text)


def _flatten(row: dict | None) -> dict[str, Any]:
    """An audit row's fields, with ``extra``/``attrs`` (JSON objects) spread out."""
    if not isinstance(row, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in ("extra", "attrs", "value") and isinstance(value, dict):
            for k, v in value.items():
                out[str(k)] = v
        elif key not in BOOKKEEPING:
            out[str(key)] = value
    return out


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:120]
    return str(value)


def describe_changes(entry: AuditEntry) -> str:
    """The fields one audit entry changed, as "veld: oud → nieuw" lines."""
    before, after = _flatten(entry.before), _flatten(entry.after)
    lines = []
    for field in dict.fromkeys([*before.keys(), *after.keys()]):
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if field in GEOMETRY_FIELDS:
            lines.append(_tr("vorm") if entry.before is None else _tr("vorm gewijzigd"))
        elif entry.before is None:
            if new not in (None, ""):
                lines.append(f"{field_label(field)}: {_text(new)}")
        elif entry.after is None:
            lines.append(f"{field_label(field)}: {_text(old)} → —")
        else:
            lines.append(f"{field_label(field)}: {_text(old)} → {_text(new)}")
    return "\n".join(lines)


def action_text(action: str) -> str:
    return {
        "INSERT": _tr("nieuw"),
        "UPDATE": _tr("gewijzigd"),
        "DELETE": _tr("verwijderd"),
    }.get(str(action).upper(), str(action))


def _when(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%d-%m-%Y %H:%M:%S")
    return str(value)


class HistoryDialog(QDialog):
    """The audit trail of one row (newest first)."""

    def __init__(
        self, kind: str, key: str, entries: list[AuditEntry], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("HistoryDialog")
        self.entries = list(entries)
        self.setWindowTitle(self.tr("Geschiedenis van {row}").format(row=row_label(kind, key)))
        self.resize(860, 460)
        layout = QVBoxLayout(self)
        summary = QLabel(
            self.tr("{n} wijzigingen in de database.").format(n=len(self.entries))
            if self.entries
            else self.tr("Geen wijzigingen bekend in de database.")
        )
        layout.addWidget(summary)
        self.table = QTableWidget(len(self.entries), 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Wanneer"),
                self.tr("Wie"),
                self.tr("Wat"),
                self.tr("Versie"),
                self.tr("Wijzigingen (voor → na)"),
            ]
        )
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, entry in enumerate(reversed(self.entries)):
            cells = [
                _when(entry.at),
                entry.who,
                action_text(entry.action),
                "" if entry.version is None else str(entry.version),
                describe_changes(entry),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def row_texts(self) -> list[list[str]]:
        """The table's cells (newest first), as shown."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
