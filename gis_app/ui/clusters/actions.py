"""The "Clusters" menu and toolbar: one object the main window adds in a few lines.

``ClusterActions(document, canvas, parent_window)`` owns the tools, the panel and the
actions (draw, lasso, edit, split, merge, cluster from selection, suggest, import,
export, delete, snapping, how clusters are drawn). Tool messages and results go out
through ``message`` (for the status bar) and show in the panel's notice line. Errors
from import/export are shown in a dialog with the user message of the
:class:`GisAppError` (path and row), never a traceback.

The map gets the same context menu as the cluster list (right click on a cluster; with
buildings selected also "Cluster uit selectie"), Delete on the map removes the selected
clusters, and a cluster selected elsewhere (list, timeline) is brought into view.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolBar

from gis_app.core.clusters.io import read_clusters, write_clusters
from gis_app.core.clusters.ranking import cluster_statistics
from gis_app.core.errors import GisAppError
from gis_app.core.io.outputs import check_outputs, protected_files
from gis_app.core.styling import CLUSTER_DISPLAYS
from gis_app.ui.clusters.commands import (
    ClusterFromSelectionCommand,
    ImportClustersCommand,
    MergeClustersCommand,
)
from gis_app.ui.clusters.panel import ClusterPanel
from gis_app.ui.clusters.tools import (
    DrawClusterTool,
    EditClusterTool,
    LassoClusterTool,
    SplitClusterTool,
)


class ClusterActions(QObject):
    message = Signal(str)

    def __init__(self, document, canvas, window=None):
        super().__init__(window)
        self.document = document
        self.canvas = canvas
        self.window = window
        self.panel = ClusterPanel(document, window)
        self.panel.zoomToRowsRequested.connect(self._zoom_to_rows)
        self.panel.zoomToBoundsRequested.connect(lambda box: canvas.zoom_to_extent(*box, 0.15))
        self.panel.message.connect(self.message)
        self.message.connect(self.panel.show_notice)
        self.follow_selection = True  # bring a cluster selected elsewhere into view

        self.draw_tool = DrawClusterTool(self)
        self.lasso_tool = LassoClusterTool(self)
        self.edit_tool = EditClusterTool(self)
        self.split_tool = SplitClusterTool(self)
        for tool in (self.draw_tool, self.lasso_tool, self.edit_tool, self.split_tool):
            tool.message.connect(self.message)

        t = self.tr
        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.draw_action = self._tool_action(t("Teken cluster"), self.draw_tool, "Ctrl+Alt+N")
        self.draw_action.setToolTip(
            t(
                "Klik hoekpunten, dubbelklik of Enter om af te ronden; Backspace haalt het "
                "laatste punt weg, Esc annuleert"
            )
        )
        self.lasso_action = self._tool_action(t("Lasso cluster"), self.lasso_tool)
        self.lasso_action.setToolTip(t("Sleep een vrije omtrek om een cluster te tekenen"))
        self.edit_action = self._tool_action(t("Bewerk"), self.edit_tool)
        self.edit_action.setToolTip(
            t(
                "Klik een cluster; sleep een hoekpunt om het te verplaatsen, sleep een zijde om "
                "een hoekpunt toe te voegen, dubbelklik een hoekpunt om het te verwijderen, "
                "sleep binnen de cluster om hem te verplaatsen"
            )
        )
        self.split_action = self._tool_action(t("Splits"), self.split_tool)
        self.split_action.setToolTip(t("Teken een lijn door een cluster om hem te splitsen"))
        self.snap_action = QAction(t("Snappen aan panden"), self)
        self.snap_action.setCheckable(True)
        self.snap_action.setToolTip(
            t("Nieuwe hoekpunten springen naar de dichtstbijzijnde pandhoek")
        )
        self.snap_action.toggled.connect(self._set_snapping)

        self.merge_action = QAction(t("Samenvoegen"), self)
        self.merge_action.triggered.connect(self.merge_selected)
        self.from_selection_action = QAction(t("Cluster uit selectie"), self)
        self.from_selection_action.triggered.connect(self.cluster_from_selection)
        self.delete_action = QAction(t("Cluster verwijderen"), self)
        self.delete_action.triggered.connect(self.delete_selected)
        # Delete on the map removes the selected clusters (the list has its own Delete)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        canvas.addAction(self.delete_action)
        self.display_group = QActionGroup(self)
        self.display_actions: dict[str, QAction] = {}
        display_texts = {
            key: t(text)
            for key, text in (
                (
                    CLUSTER_DISPLAYS[0],
                    QT_TRANSLATE_NOOP(
                        "ClusterActions", "Omtrek met lichte vulling onder de panden"
                    ),
                ),
                (CLUSTER_DISPLAYS[1], QT_TRANSLATE_NOOP("ClusterActions", "Alleen omtrek")),
                (
                    CLUSTER_DISPLAYS[2],
                    QT_TRANSLATE_NOOP("ClusterActions", "Doorzichtige vulling over de panden"),
                ),
            )
        }
        for key in CLUSTER_DISPLAYS:
            action = QAction(display_texts[key], self)
            action.setCheckable(True)
            action.setChecked(canvas.layers.cluster_display == key)
            action.triggered.connect(lambda _c=False, key=key: self.set_display(key))
            self.display_group.addAction(action)
            self.display_actions[key] = action
        self.suggest_action = QAction(t("Voorstel clusters..."), self)
        self.suggest_action.triggered.connect(self.suggest)
        self.import_action = QAction(t("Importeer clusters..."), self)
        self.import_action.triggered.connect(self.import_clusters)
        self.export_action = QAction(t("Exporteer clusters..."), self)
        self.export_action.triggered.connect(self.export_clusters)

        canvas.toolChanged.connect(self._tool_changed)
        canvas.contextMenuRequested.connect(self.map_context_menu)
        document.clusterSelectionChanged.connect(self._show_selected_cluster)
        document.selectionChanged.connect(self._update_enabled)
        document.clusterSelectionChanged.connect(self._update_enabled)
        document.clustersChanged.connect(self._update_enabled)
        document.projectReplaced.connect(self._update_enabled)
        self._update_enabled()

    def _tool_action(self, text, tool, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(
            lambda checked, tool=tool: self.canvas.set_tool(tool if checked else None)
        )
        self.tool_group.addAction(action)
        action.setData(tool)
        return action

    def actions(self) -> list[QAction]:
        return [
            self.draw_action,
            self.lasso_action,
            self.edit_action,
            self.split_action,
            self.merge_action,
            self.from_selection_action,
            self.suggest_action,
            self.import_action,
            self.export_action,
            self.delete_action,
            self.snap_action,
        ]

    def menu(self, parent=None) -> QMenu:
        menu = QMenu(self.tr("Clusters"), parent)
        self.fill_menu(menu)
        return menu

    def fill_menu(self, menu: QMenu) -> QMenu:
        for action in (self.draw_action, self.lasso_action, self.edit_action, self.split_action):
            menu.addAction(action)
        menu.addAction(self.snap_action)
        menu.addSeparator()
        for action in (self.merge_action, self.from_selection_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.suggest_action)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        menu.addSeparator()
        display = menu.addMenu(self.tr("Weergave op de kaart"))
        for key in CLUSTER_DISPLAYS:
            display.addAction(self.display_actions[key])
        return menu

    def toolbar(self, parent=None) -> QToolBar:
        bar = QToolBar(self.tr("Clusters"), parent)
        bar.setObjectName("ClusterToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.draw_action,
            self.lasso_action,
            self.edit_action,
            self.split_action,
            self.merge_action,
            self.from_selection_action,
            self.suggest_action,
        ):
            bar.addAction(action)
        return bar

    # --- state -----------------------------------------------------------------------------
    def _tool_changed(self, tool) -> None:
        for action in self.tool_group.actions():
            action.setChecked(action.data() is tool)

    def _set_snapping(self, on: bool) -> None:
        self.draw_tool.snapping = on
        self.split_tool.snapping = on

    def _update_enabled(self, *_args) -> None:
        selected = self.document.selected_cluster_ids
        self.merge_action.setEnabled(len(selected) >= 2)
        self.delete_action.setEnabled(len(selected) >= 1)
        self.from_selection_action.setEnabled(len(self.document.selection) > 0)
        self.export_action.setEnabled(len(self.document.project.clusters) > 0)

    def _zoom_to_rows(self, rows) -> None:
        if len(rows) and hasattr(self.canvas, "zoom_to_rows"):
            self.canvas.zoom_to_rows(rows)

    # --- commands --------------------------------------------------------------------------
    def merge_selected(self) -> None:
        ids = list(self.document.selected_cluster_ids)
        if len(ids) < 2:
            self.message.emit(self.tr("Selecteer minstens twee clusters om samen te voegen."))
            return
        self.document.undo_stack.push(MergeClustersCommand(self.document, ids))

    def delete_selected(self) -> None:
        ids = list(self.document.selected_cluster_ids)
        if ids:
            self.panel.delete(ids)

    def cluster_from_selection(self) -> None:
        rows = self.document.selection
        if len(rows) == 0:
            self.message.emit(self.tr("Selecteer eerst panden."))
            return
        try:
            command = ClusterFromSelectionCommand(self.document, rows)
        except ValueError as error:
            self.message.emit(str(error))
            return
        self.document.undo_stack.push(command)
        self.message.emit(command.notice())

    def set_display(self, display: str) -> None:
        self.canvas.layers.set_cluster_display(display)
        self.display_actions[display].setChecked(True)

    # --- the map -----------------------------------------------------------------------
    def map_menu(self, x: float, y: float) -> QMenu | None:
        """The context menu for a right click at map point (x, y), or None when there is
        nothing to offer. A click on an unselected cluster selects it first."""
        cid = self.canvas.cluster_at(x, y)
        selected = list(self.document.selected_cluster_ids)
        if cid is not None and cid not in selected:
            selected = [cid]
            self.document.set_selected_clusters(selected)
        menu = self.panel.cluster_menu(selected, self.window) if selected else QMenu(self.window)
        if len(self.document.selection):
            if not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(self.from_selection_action)
        return None if menu.isEmpty() else menu

    def map_context_menu(self, global_pos, x: float, y: float) -> None:
        menu = self.map_menu(x, y)
        if menu is not None:
            menu.popup(global_pos)

    def _show_selected_cluster(self) -> None:
        ids = self.document.selected_cluster_ids
        if not self.follow_selection or len(ids) != 1:
            return
        clusters = self.document.project.clusters
        match = np.flatnonzero(clusters["cluster_id"].astype(str).to_numpy() == ids[0])
        if len(match):
            geometry = clusters.geometry.iloc[int(match[0])]
            if geometry is not None and not geometry.is_empty:
                self.canvas.show_extent(*geometry.bounds)

    def suggest(self):
        # imported on first use: the suggestion code loads scipy, which opening the
        # window does not need
        from gis_app.ui.clusters.suggest import SuggestClustersDialog

        dialog = SuggestClustersDialog(self.document, self.window, canvas=self.canvas)
        # not modal: the planner pans and zooms the map to judge the previewed outlines
        dialog.setModal(False)
        dialog.show()
        return dialog

    def import_clusters(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                self.tr("Clusters importeren"),
                "",
                self.tr("Clusters (*.gpkg *.geojson *.json)"),
            )
            if not path:
                return
        try:
            imported, notes = read_clusters(path, existing=self.document.project.clusters)
        except GisAppError as error:
            self._error(self.tr("Clusters importeren mislukt"), error.user_message())
            return
        self.document.undo_stack.push(ImportClustersCommand(self.document, imported))
        text = self.tr("%n clusters geïmporteerd", "", len(imported))
        if notes:
            text += " (" + "; ".join(notes) + ")"
        self.message.emit(text)

    def export_clusters(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Clusters exporteren"),
                "clusters.gpkg",
                self.tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson)"),
            )
            if not path:
                return
        project = self.document.project
        try:
            check_outputs([path], protected_files(project), what=self.tr("de clusterexport"))
            written = write_clusters(
                project.clusters,
                path,
                statistics=cluster_statistics(project.buildings, project.clusters),
            )
        except GisAppError as error:
            self._error(self.tr("Clusters exporteren mislukt"), error.user_message())
            return
        self.message.emit(
            self.tr("Clusters geëxporteerd naar %1").replace("%1", str(Path(written)))
        )

    def _error(self, title: str, text: str) -> None:
        self.message.emit(text)
        if self.window is not None:
            QMessageBox.warning(self.window, title, text)
