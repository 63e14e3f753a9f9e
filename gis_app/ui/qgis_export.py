"""Bestand > Exporteren als QGIS-project...: the plan as a QGIS project of the map.

The action calls the same core function as ``gis-app export --format qgis``
(:func:`gis_app.core.export.exporter.export_project` with the ``qgis`` format): a
``werkpakketten.qgz`` next to ``werkpakketten.gpkg`` with buildings, clusters, packages
and the background layers, styled as the map. What the map shows (layer order,
visibility, opacity, building style, extent) is stored in the project's settings first
(:func:`store_map_state`), which is where the core reads it; the project save does the
same, so a saved project exported from the command line looks the same.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

SETTINGS_DIR_KEY = "export/qgis_dir"


def tr(text: str) -> str:
    return QCoreApplication.translate("QgisExport", text)


def map_settings(window) -> dict | None:
    """The map's layers, building style and extent, as stored in the project settings."""
    stack = getattr(window, "layer_stack", None)
    if stack is None:
        return None
    settings = stack.to_settings()
    canvas = getattr(window, "canvas", None)
    if canvas is not None:
        settings["extent"] = [float(v) for v in canvas.extent()]
    return settings


def store_map_state(window) -> None:
    """Put the map's state into the project's settings through the document (it describes
    the view, not the plan: no undo step, the project does not become unsaved)."""
    settings = map_settings(window)
    if settings is not None:
        window.document.set_map_state(settings)


def export_qgis_project_interactive(window, folder: str | Path | None = None, on_done=None):
    """Ask for a folder (unless given) and write the QGIS project in the background.

    Returns the task (None when no folder was chosen). What the export had to make
    (clusters, a plan, packages) becomes one undo step when it finished;
    ``on_done(report | None)`` follows on the UI thread.
    """
    from gis_app.core.export.exporter import ExportOptions, export_project, prepare_export
    from gis_app.ui.dialogs import show_info
    from gis_app.ui.tasks import submit_with_progress

    if folder is None:
        start = str(QSettings().value(SETTINGS_DIR_KEY, "") or "")
        folder = QFileDialog.getExistingDirectory(
            window, tr("Exporteren als QGIS-project: kies een map"), start
        )
        if not folder:
            return None
    store_map_state(window)
    project = window.document.project
    options = ExportOptions(formats=("qgis",), remember_columns=False)

    def work(progress):
        prepared = prepare_export(project, progress=progress)
        report = export_project(
            project, Path(folder), options, progress=progress, prepared=prepared
        )
        return prepared, report

    def exported(outcome) -> None:
        prepared, report = outcome
        change = prepared.change
        if change is not None and not change.is_empty:
            window.document.apply_change(change, text=tr("Werkpakketten maken voor export"))
        QSettings().setValue(SETTINGS_DIR_KEY, str(folder))
        if on_done is not None:
            on_done(report)
        show_info(window, tr("QGIS-project geschreven"), report.to_text())

    return submit_with_progress(
        window,
        work,
        name="qgis-export",
        title=tr("Exporteren als QGIS-project"),
        text=tr("QGIS-project schrijven..."),
        on_result=exported,
        error_title=tr("Exporteren als QGIS-project mislukt"),
        on_end=(lambda: on_done(None)) if on_done is not None else None,
    )


def install_qgis_export_action(window) -> QAction:
    """Add Bestand > Exporteren als QGIS-project... (after Exporteren... when present)."""
    action = QAction(tr("Exporteren als &QGIS-project..."), window)
    action.setStatusTip(
        tr("Het plan als QGIS-project (.qgz) met GeoPackage, stijlen en achtergrondlagen")
    )
    action.triggered.connect(lambda: export_qgis_project_interactive(window))
    actions = window.file_menu.actions()
    after = getattr(window, "export_action", None)
    if after is not None and after in actions and actions.index(after) + 1 < len(actions):
        window.file_menu.insertAction(actions[actions.index(after) + 1], action)
    else:
        window.file_menu.addAction(action)
    window.qgis_export_action = action
    return action
