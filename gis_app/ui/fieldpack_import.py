"""Bestand > Veldpakket importeren...: read a returned field pack with progress and cancel.

Reading and comparing (:func:`gis_app.core.fieldpack.compare_fieldpack_file`) runs on the
task runner (:mod:`gis_app.ui.tasks`) behind a :class:`~gis_app.ui.tasks.TaskProgressDialog`
(progress bar and Annuleren). Decisions:

* The worker reads a copy of the columns the comparison needs, taken on the UI thread
  before it starts; it never touches the document.
* Only ``on_result`` changes the project: after the planner said "Ja" to the changes,
  through :meth:`ProjectDocument.apply_field_pack
  <gis_app.ui.document.ProjectDocument.apply_field_pack>`, as one undo step. A cancelled
  or failed read changes nothing (no undo step, the project's content as it was).
* The changes point at rows of the buildings table as it was read; when the project was
  replaced or its buildings table swapped meanwhile, nothing is applied and the planner
  is asked to import again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gis_app.ui.tasks import Task, TaskProgressDialog, task_runner

SETTINGS_DIR_KEY = "export/last_dir"


def tr(text: str) -> str:
    return QCoreApplication.translate("FieldPackImport", text)


def _comparison_columns(buildings):
    """The columns :func:`~gis_app.core.fieldpack.compare_fieldpack` reads, copied."""
    from gis_app.core.fieldpack import DATE_COLUMN, NOTE_COLUMN

    wanted = ["building_id", "milestone", NOTE_COLUMN, DATE_COLUMN]
    return buildings[[c for c in wanted if c in buildings.columns]].copy()


def import_fieldpack_interactive(
    window,
    path: str | Path | None = None,
    *,
    on_done: Callable[[object], None] | None = None,
) -> Task | None:
    """Ask for a returned field pack, read and compare it in the background, show what it
    changes and its conflicts, and apply on "Ja".

    Returns the running task (``None`` when no file was chosen). ``on_done`` receives the
    :class:`~gis_app.core.fieldpack.FieldPackReport` (``applied`` set when the changes went
    in), or ``None`` after a cancel or an error. Conflicts are never applied.
    """
    from gis_app.core.fieldpack import compare_fieldpack_file
    from gis_app.ui.dialogs import message_box, show_error, show_info

    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            window,
            tr("Veldpakket importeren"),
            str(QSettings().value(SETTINGS_DIR_KEY, "") or ""),
            tr("Veldpakket (*.gpkg *.zip)"),
        )
        if not path:
            return None
    document = window.document
    project = document.project
    buildings = project.buildings
    snapshot = _comparison_columns(buildings)
    # shown at once: window-modal, it holds back edits while the changes are worked out
    dialog = TaskProgressDialog(
        window,
        tr("Veldpakket importeren"),
        tr("Veldpakket lezen: {0}").format(Path(path).name),
        delay_ms=0,
    )
    window.fieldpack_progress_dialog = dialog  # for tests and screenshots

    def done(report) -> None:
        if on_done is not None:
            on_done(report)

    def work(progress):
        return compare_fieldpack_file(snapshot, path, progress)

    def progressed(fraction: float, text: str) -> None:
        dialog.set_progress(fraction, text)  # core's Dutch step text, as the export shows it

    def compared(report) -> None:
        if task.cancelled:  # cancelled after its last step: still nothing is applied
            cancelled()
            return
        dialog.finish()
        if document.project is not project or document.project.buildings is not buildings:
            show_info(
                window,
                tr("Veldpakket importeren"),
                tr("Het project is intussen veranderd. Importeer het veldpakket opnieuw."),
            )
            done(None)
            return
        if len(report.changes) == 0:
            show_info(
                window,
                tr("Veldpakket importeren"),
                tr("Het veldpakket verandert niets."),
                details=report.to_text(),
            )
            done(report)
            return
        answer = message_box(
            window,
            QMessageBox.Icon.Question,
            tr("Veldpakket importeren"),
            tr("{n} panden bijwerken? Conflicten worden niet overgenomen.").format(
                n=report.updated_buildings
            ),
            details=report.to_text(),
            buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            default=QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            document.apply_field_pack(report.changes, tr("Veldpakket importeren"))
            report.applied = True
        done(report)

    def failed(error: BaseException) -> None:
        dialog.finish()
        show_error(window, error, title=tr("Veldpakket importeren mislukt"))
        done(None)

    def cancelled() -> None:
        dialog.finish()
        done(None)

    task = task_runner().submit(
        work,
        name="veldpakket importeren",
        on_result=compared,
        on_error=failed,
        on_progress=progressed,
        on_cancelled=cancelled,
    )
    dialog.attach(task)
    return task
