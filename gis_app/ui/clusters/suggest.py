"""The "Voorstel clusters..." dialog: limits, background work, a progress bar, one undo step.

The suggestion runs on the task runner (:mod:`gis_app.ui.tasks`; shapely releases the
GIL in its vectorised operations, so the window stays responsive); progress arrives on
the UI thread. When the computation ends, the dialog shows how many clusters it made and
the first ranks; "Overnemen" pushes one :class:`AcceptSuggestionsCommand`. If the project
or its clusters changed while the suggestion ran, the result is stale and is not
offered. Closing the dialog (Annuleren) cancels the suggestion at its next step.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from gis_app.core.clusters.accept import Suggestion, add_suggestions
from gis_app.core.clusters.suggest import (
    DEFAULT_LINK_DISTANCE,
    DEFAULT_MAX_BUILDINGS,
    DEFAULT_MAX_SPREAD,
)
from gis_app.core.errors import GisAppError
from gis_app.ui.clusters.commands import AcceptSuggestionsCommand
from gis_app.ui.tasks import Task, task_runner


class SuggestClustersDialog(QDialog):
    """Ask for the limits, run the suggestion, offer to accept it."""

    accepted_suggestion = Signal(object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.worker: Task | None = None  # the running suggestion
        self.suggestion: Suggestion | None = None
        self.setWindowTitle(self.tr("Voorstel clusters"))

        self.max_buildings = QSpinBox(self)
        self.max_buildings.setRange(1, 100000)
        self.max_buildings.setValue(DEFAULT_MAX_BUILDINGS)
        self.max_spread = QDoubleSpinBox(self)
        self.max_spread.setRange(1.0, 100000.0)
        self.max_spread.setDecimals(0)
        self.max_spread.setSuffix(" m")
        self.max_spread.setValue(DEFAULT_MAX_SPREAD)
        self.link_distance = QDoubleSpinBox(self)
        self.link_distance.setRange(0.0, 500.0)
        self.link_distance.setDecimals(1)
        self.link_distance.setSuffix(" m")
        self.link_distance.setValue(DEFAULT_LINK_DISTANCE)
        self.replace = QCheckBox(self.tr("Bestaande clusters vervangen"), self)
        self.replace.setToolTip(
            self.tr(
                "Uit: bestaande clusters blijven staan en houden hun panden; alleen panden "
                "zonder cluster worden gegroepeerd."
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Maximaal aantal panden per cluster"), self.max_buildings)
        form.addRow(self.tr("Maximale spreiding (diagonaal)"), self.max_spread)
        form.addRow(
            self.tr("Panden samen als ze minder dan ... uit elkaar staan"), self.link_distance
        )
        form.addRow(self.replace)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.run_button = QPushButton(self.tr("Voorstel maken"), self)
        self.run_button.clicked.connect(self.start)
        self.buttons = QDialogButtonBox(self)
        self.accept_button = self.buttons.addButton(
            self.tr("Overnemen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept_suggestion)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.run_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def options(self) -> dict:
        return {
            "max_buildings": self.max_buildings.value(),
            "max_spread": float(self.max_spread.value()),
            "link_distance": float(self.link_distance.value()),
            "replace": self.replace.isChecked(),
        }

    def start(self) -> None:
        if self.worker is not None:
            return
        project = self.document.project
        if len(project.buildings) == 0:
            self.status.setText(self.tr("Er zijn geen panden om te groeperen."))
            return
        self.suggestion = None
        self.accept_button.setEnabled(False)
        self.run_button.setEnabled(False)
        self.progress.setValue(0)
        self._snapshot = (project.buildings, project.clusters)
        buildings, clusters, options = project.buildings, project.clusters, self.options()
        self.worker = task_runner().submit(
            lambda progress: add_suggestions(buildings, clusters, progress=progress, **options),
            name="suggest",
            on_result=self._succeeded,
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancelled=self._finished,
        )

    def _progressed(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(round(fraction * 100)))
        self.status.setText(self.tr(text))

    def _succeeded(self, suggestion) -> None:
        self._finished()
        project = self.document.project
        if not (project.buildings is self._snapshot[0] and project.clusters is self._snapshot[1]):
            self.status.setText(
                self.tr("De clusters zijn intussen gewijzigd; maak het voorstel opnieuw.")
            )
            return
        self.suggestion = suggestion
        lines = [
            self.tr("%n clusters voorgesteld.", "", len(suggestion.added_ids)),
            *[
                f"{n}: {r}"
                for n, r in list(zip(suggestion.names, suggestion.reasons, strict=True))[:5]
            ],
        ]
        self.status.setText("\n".join(lines))
        self.accept_button.setEnabled(bool(suggestion.added_ids))

    def _failed(self, error: BaseException) -> None:
        self._finished()
        if isinstance(error, GisAppError):
            message = error.user_message()
        else:  # a bug: the exception hook logs and reports it
            message = type(error).__name__
            sys.excepthook(type(error), error, error.__traceback__)
        self.status.setText(self.tr("Voorstel mislukt: %1").replace("%1", message))

    def _finished(self) -> None:
        self.worker = None
        self.run_button.setEnabled(True)

    def accept_suggestion(self) -> None:
        if self.suggestion is None:
            return
        command = AcceptSuggestionsCommand(self.document, self.suggestion)
        self.document.undo_stack.push(command)
        self.accepted_suggestion.emit(command)
        self.accept()

    def reject(self) -> None:
        if self.worker is not None:  # stop the computation; its result is not wanted
            self.worker.cancel()
        super().reject()
