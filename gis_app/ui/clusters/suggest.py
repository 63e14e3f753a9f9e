"""The "Voorstel clusters..." dialog: limits, background work, a progress bar, one undo step.

The suggestion runs on the task runner (:mod:`gis_app.ui.tasks`; shapely releases the
GIL in its vectorised operations, so the window stays responsive); progress arrives on
the UI thread. When the computation ends, the dialog shows how many clusters it made and
the first ranks, and the map shows the suggested outlines (dashed, magenta) so the
planner can look at them before accepting; the dialog is not modal, so the map can be
panned and zoomed meanwhile. "Minimaal aantal panden" leaves out smaller suggestions at
once, without computing again (:func:`gis_app.core.clusters.accept.without_small`).
"Overnemen" pushes one :class:`AcceptSuggestionsCommand`. If the project or its clusters
changed while the suggestion ran, the result is stale and is not offered. Closing the
dialog (Annuleren) cancels the suggestion at its next step.
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

from gis_app.core.clusters.accept import Suggestion, add_suggestions, without_small
from gis_app.core.clusters.suggest import (
    DEFAULT_LINK_DISTANCE,
    DEFAULT_MAX_BUILDINGS,
    DEFAULT_MAX_SPREAD,
)
from gis_app.core.errors import GisAppError
from gis_app.ui.clusters.commands import AcceptSuggestionsCommand
from gis_app.ui.core_texts import core_text
from gis_app.ui.tasks import Task, task_runner

#: The dialog's minimum cluster size: pairs and single houses are not worth a cluster of
#: their own when they cannot join a neighbour (the command line keeps 1).
DEFAULT_MIN_SIZE = 3


class SuggestClustersDialog(QDialog):
    """Ask for the limits, run the suggestion, offer to accept it."""

    accepted_suggestion = Signal(object)

    def __init__(self, document, parent=None, canvas=None):
        super().__init__(parent)
        self.document = document
        self.canvas = canvas  # the map that previews the suggestion (optional)
        self.worker: Task | None = None  # the running suggestion
        self.suggestion: Suggestion | None = None
        self._full: Suggestion | None = None  # before the minimum size
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
        self.min_size = QSpinBox(self)
        self.min_size.setRange(1, 1000)
        self.min_size.setValue(DEFAULT_MIN_SIZE)
        self.min_size.setToolTip(
            self.tr(
                "Kleine groepen voegen eerst samen met een buurgroep binnen 40 m als de "
                "grenzen dat toelaten; wat dan nog kleiner is, wordt geen cluster. Die "
                "panden blijven zonder cluster en worden per gemeente na de clusters gepland."
            )
        )
        self.min_size.valueChanged.connect(self._min_size_changed)
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
        form.addRow(self.tr("Minimaal aantal panden per cluster"), self.min_size)
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
        self._full = None
        self._preview(None)
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
        self.status.setText(core_text(text))

    def _succeeded(self, suggestion) -> None:
        self._finished()
        project = self.document.project
        if not (project.buildings is self._snapshot[0] and project.clusters is self._snapshot[1]):
            self.status.setText(
                self.tr("De clusters zijn intussen gewijzigd; maak het voorstel opnieuw.")
            )
            return
        self._full = suggestion
        self._apply_min_size()

    def _min_size_changed(self, *_args) -> None:
        if self._full is not None:
            self._apply_min_size()

    def _apply_min_size(self) -> None:
        suggestion = without_small(self._full, self.min_size.value())
        self.suggestion = suggestion
        lines = [self.tr("%n clusters voorgesteld.", "", len(suggestion.added_ids))]
        if suggestion.left_out:
            lines.append(
                (
                    self.tr("1 kleinere groep weggelaten; ")
                    if suggestion.left_out == 1
                    else self.tr("%n kleinere groepen weggelaten; ", "", suggestion.left_out)
                )
                + (
                    self.tr("1 pand blijft zonder cluster.")
                    if suggestion.left_out_buildings == 1
                    else self.tr("%1 panden blijven zonder cluster.").replace(
                        "%1", str(suggestion.left_out_buildings)
                    )
                )
            )
        if suggestion.sizes:
            lines.append(
                self.tr("Kleinste cluster: %1 panden, grootste: %2.")
                .replace("%1", str(min(suggestion.sizes)))
                .replace("%2", str(max(suggestion.sizes)))
            )
        if self.canvas is not None and suggestion.added_ids:
            lines.append(self.tr("Op de kaart: de voorgestelde omtrekken (gestreept)."))
        lines += [
            f"{n}: {r}" for n, r in list(zip(suggestion.names, suggestion.reasons, strict=True))[:5]
        ]
        self.status.setText("\n".join(lines))
        self.accept_button.setEnabled(bool(suggestion.added_ids))
        self._preview(suggestion)

    def _preview(self, suggestion: Suggestion | None) -> None:
        if self.canvas is None:
            return
        if suggestion is None or not suggestion.added_ids:
            self.canvas.set_preview(None)
            return
        self.canvas.set_preview(suggestion.added.geometry.to_numpy())

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
        self._preview(None)
        self.document.undo_stack.push(command)
        self.accepted_suggestion.emit(command)
        self.accept()

    def done(self, result: int) -> None:  # accept, reject and closing all end here
        self._preview(None)
        super().done(result)

    def reject(self) -> None:
        if self.worker is not None:  # stop the computation; its result is not wanted
            self.worker.cancel()
        super().reject()
