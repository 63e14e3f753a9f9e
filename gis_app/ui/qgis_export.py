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

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog

from gis_app.core.qgis.writers import MAP_SETTINGS_KEY

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
    """Put the map's state into ``project.settings`` (does not mark the project dirty:
    it describes the view, not the plan)."""
    settings = map_settings(window)
    if settings is not None:
        window.document.project.settings[MAP_SETTINGS_KEY] = settings


def export_qgis_project_interactive(window, folder: str | Path | None = None):
    """Ask for a folder (unless given) and write the QGIS project; returns the report."""
    from gis_app.core.export.exporter import ExportOptions, export_project
    from gis_app.ui.dialogs import show_error, show_info

    if folder is None:
        start = str(QSettings().value(SETTINGS_DIR_KEY, "") or "")
        folder = QFileDialog.getExistingDirectory(
            window, tr("Exporteren als QGIS-project: kies een map"), start
        )
        if not folder:
            return None
    store_map_state(window)
    project = window.document.project
    had_packages = project.packages is not None and len(project.packages) > 0
    options = ExportOptions(formats=("qgis",), remember_columns=False)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = export_project(project, Path(folder), options)
    except Exception as error:  # shown in a dialog, never a traceback
        QApplication.restoreOverrideCursor()
        show_error(window, error, title=tr("Exporteren als QGIS-project mislukt"))
        return None
    QApplication.restoreOverrideCursor()
    if not had_packages and project.packages is not None and len(project.packages):
        window.document.buildingAttributesChanged.emit(["package_id", "cluster_id"])
        window.document.clustersChanged.emit()
        window.document.mark_dirty()
    QSettings().setValue(SETTINGS_DIR_KEY, str(folder))
    show_info(window, tr("QGIS-project geschreven"), report.to_text())
    return report


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
