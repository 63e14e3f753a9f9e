"""The main window: map in the centre, panels docked around it, status bar below.

Layout (what a planner sees first): the map canvas in the centre; left the layer list
with the building style tabbed behind it and the legend below; right the identify
panel; the attribute table along the bottom; the search box at the right of the
toolbar; status bar with RD and WGS84 cursor coordinates, scale and selection count.

How to extend (other modules add their parts with small edits):

* a dock: write a ``_create_<name>_dock`` method that calls :meth:`MainWindow.add_dock`
  (which also puts its toggle in Beeld > Panelen) and call it from ``_create_docks``;
* a menu: call :meth:`MainWindow.add_menu` (inserted before Help) from a
  ``_create_<name>_menu`` method listed in ``_create_menus``;
* actions on existing menus: ``self.file_menu``, ``self.edit_menu``, ``self.view_menu``,
  ``self.selection_menu``, ``self.help_menu``.

Opening files (:mod:`~gis_app.ui.shell.file_actions`) and screenshots
(:mod:`~gis_app.ui.shell.screenshot`) are parts of the window in their own modules; the
status bar is :class:`~gis_app.ui.shell.status_bar.StatusBar`; Bestand's project
commands belong to :class:`~gis_app.ui.shell.project_controller.ProjectController`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QToolBar,
    QWidget,
)

from gis_app import startup_trace
from gis_app.core.schema import RISK_PROFILES_WITH_UNKNOWN
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.canvas import MapCanvas
from gis_app.ui.map.layers import LayerStack
from gis_app.ui.map.tools import IdentifyTool, LassoSelectTool, SelectTool, ZoomBoxTool
from gis_app.ui.map_first import MapFirst
from gis_app.ui.panels.attribute_table import AttributeTable
from gis_app.ui.panels.identify_panel import IdentifyPanel, building_summary
from gis_app.ui.panels.layers_panel import LayersPanel
from gis_app.ui.panels.search import SearchField
from gis_app.ui.panels.style_panel import StylePanel
from gis_app.ui.shell.file_actions import FileActions
from gis_app.ui.shell.project_controller import ProjectController
from gis_app.ui.shell.screenshot import Screenshots
from gis_app.ui.shell.startup_trace import install as install_startup_trace
from gis_app.ui.shell.status_bar import StatusBar
from gis_app.ui.tasks import task_runner

#: QSettings keys of the remembered window layout. The version is part of the state:
#: a layout saved by a build with other docks is ignored rather than half-applied.
SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_STATE = "main_window/state"
LAYOUT_VERSION = 3  # 3: the Werkpakketten dock

#: The smallest screen the window must fit (a common 1366 x 768 laptop); a test checks
#: the window's minimum size against it.
SMALLEST_SCREEN = (1366, 768)


class MainWindow(FileActions, Screenshots, QMainWindow):
    openFinished = Signal(bool)  # a file was opened (True) or not (False)
    settled = Signal()  # after when_idle: no background work left
    screenshotSaved = Signal(object)  # Path
    screenshotFailed = Signal(object)  # GisAppError

    def __init__(self, document: ProjectDocument | None = None):
        super().__init__()
        self.setObjectName("MainWindow")
        self.document = document or ProjectDocument(parent=self)
        self.tasks = task_runner()  # all background work (see gis_app/ui/tasks.py)
        self._open_key = object()  # a newer background open supersedes an older one
        self.last_report = None
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.resize(1600, 1000)
        self._create_canvas()
        self._create_panels()
        self._create_menus()
        self._create_toolbars()
        self._create_docks()
        self._create_status_bar()
        self._create_project_controller()
        self._create_team_actions()
        self._create_welcome_page()
        # panels of a large project fill in after its first map (gis_app/ui/map_first.py)
        self.map_first = MapFirst(self.document, self.canvas, self.tasks, self)
        self.startup_trace = install_startup_trace(self)  # None unless the benchmark asks
        startup_trace.mark("window_built")

    # =========================================================================================
    # construction
    # =========================================================================================
    def _create_canvas(self) -> None:
        self.layer_stack = LayerStack(self.document, self)
        self.canvas = MapCanvas(self.document, layers=self.layer_stack)
        self.setCentralWidget(self.canvas)
        # Hover tooltip: the panels' short summary (adds LPR to what the canvas shows).
        self.canvas.tooltip_text = lambda row: building_summary(
            self.document.project.buildings, row, self.document.project.clusters
        )

    def _create_panels(self) -> None:
        self.search_field = SearchField(self.document)
        self.search_field.found.connect(self.select_and_zoom)
        self.search_field.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.attribute_table = AttributeTable(self.document)
        self.attribute_table.zoomToSelectionRequested.connect(self.zoom_to_selection)
        self.identify_panel = IdentifyPanel(self.document)
        self.layers_panel = LayersPanel(self.layer_stack)
        self.layers_panel.zoomToExtentRequested.connect(lambda e: self.canvas.zoom_to_extent(*e))
        self.layers_panel.buildingStyleRequested.connect(self.show_style_panel)
        self.style_panel = StylePanel(self.document, self.layer_stack.building_style)
        self.style_panel.styleChanged.connect(self.layer_stack.set_building_style)
        self.layer_stack.viewRestored.connect(self._on_view_restored)

    def _on_view_restored(self, problems: list) -> None:
        """An opened project shows its saved style; what could not be restored is said."""
        self.style_panel.set_spec(self.layer_stack.building_style)
        if problems:
            QTimer.singleShot(0, lambda: self._report_view_problems(problems))

    def _report_view_problems(self, problems: list) -> None:
        from gis_app.ui.dialogs import error_text, message_box

        message_box(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Kaartweergave deels hersteld"),
            self.tr(
                "Het project is geopend, maar niet alles van de opgeslagen kaartweergave kon "
                "worden hersteld:"
            ),
            informative="\n".join("• " + error_text(problem) for problem in problems),
        )

    # --- menus -------------------------------------------------------------------------------
    def _create_menus(self) -> None:
        self._create_file_menu()
        self._create_export_action()
        self._create_edit_menu()
        self._create_view_menu()
        self._create_selection_menu()
        self._create_help_menu()

    def add_menu(self, title: str) -> QMenu:
        """A new top-level menu, placed before Help."""
        menu = QMenu(title, self)
        help_action = getattr(self, "help_menu", None)
        if help_action is not None:
            self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        else:
            self.menuBar().addMenu(menu)
        return menu

    def _create_file_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        self.open_action = QAction(self.tr("&Openen..."), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip(self.tr("Een project of een bestand met panden openen"))
        # triggered: the project controller asks about unsaved work first, then opens
        self.file_menu.addAction(self.open_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Afsluiten"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

    def _create_export_action(self) -> None:
        from gis_app.ui.export_dialog import install_export_action

        install_export_action(self)  # Bestand > Exporteren...
        from gis_app.ui.qgis_export import install_qgis_export_action

        install_qgis_export_action(self)  # Bestand > Exporteren als QGIS-project...
        from gis_app.ui.letters_dialog import install_letters_action

        install_letters_action(self)  # Bestand > Bewonersbrieven...

    def _create_edit_menu(self) -> None:
        self.edit_menu = self.menuBar().addMenu(self.tr("Be&werken"))
        self.undo_action = self.document.undo_stack.createUndoAction(
            self, self.tr("Ongedaan maken")
        )
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("Opnieuw"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.preferences_action = self._action(
            self.tr("&Voorkeuren..."), self.show_preferences, "Ctrl+,"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.edit_menu.addAction(self.preferences_action)

    def _create_view_menu(self) -> None:
        self.view_menu = self.menuBar().addMenu(self.tr("Bee&ld"))
        self.zoom_full_action = self._action(
            self.tr("Zoom naar &volledige kaart"), self.canvas.zoom_full, "Ctrl+Shift+F"
        )
        self.zoom_selection_action = self._action(
            self.tr("Zoom naar &selectie"), self.zoom_to_selection, "Ctrl+J"
        )
        self.zoom_layer_action = self._action(
            self.tr("Zoom naar &laag"), self.zoom_to_current_layer, "Ctrl+Shift+L"
        )
        self.zoom_in_action = self._action(self.tr("&Inzoomen"), self.canvas.zoom_in, "Ctrl++")
        self.zoom_out_action = self._action(self.tr("&Uitzoomen"), self.canvas.zoom_out, "Ctrl+-")
        self.previous_view_action = self._action(
            self.tr("&Vorige weergave"), self.canvas.previous_view, "Alt+Left"
        )
        self.next_view_action = self._action(
            self.tr("V&olgende weergave"), self.canvas.next_view, "Alt+Right"
        )
        for action in (
            self.zoom_full_action,
            self.zoom_selection_action,
            self.zoom_layer_action,
        ):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.zoom_in_action)
        self.view_menu.addAction(self.zoom_out_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.previous_view_action)
        self.view_menu.addAction(self.next_view_action)
        self.view_menu.addSeparator()
        self.next_panel_action = self._action(
            self.tr("Volgend &paneel"), lambda: self.focus_next_panel(1), "F6"
        )
        self.previous_panel_action = self._action(
            self.tr("Vorig paneel"), lambda: self.focus_next_panel(-1), "Shift+F6"
        )
        self.view_menu.addAction(self.next_panel_action)
        self.view_menu.addAction(self.previous_panel_action)
        self.panels_menu = self.view_menu.addMenu(self.tr("&Panelen"))
        self.toolbars_menu = self.view_menu.addMenu(self.tr("&Werkbalken"))
        self.reset_layout_action = self._action(
            self.tr("Standaardindeling &herstellen"), self.reset_layout
        )
        self.reset_layout_action.setStatusTip(
            self.tr("Panelen en werkbalken terug op hun oorspronkelijke plaats")
        )
        self.view_menu.addAction(self.reset_layout_action)

    def _create_selection_menu(self) -> None:
        self.selection_menu = self.menuBar().addMenu(self.tr("&Selectie"))
        self.select_all_action = self._action(
            self.tr("&Alle panden selecteren"), self.select_all, "Ctrl+A"
        )
        self.clear_selection_action = self._action(
            self.tr("Selectie &opheffen"), self.clear_selection, "Ctrl+Shift+A"
        )
        self.invert_selection_action = self._action(
            self.tr("Selectie &omkeren"), self.invert_selection, "Ctrl+I"
        )
        self.selection_menu.addAction(self.select_all_action)
        self.selection_menu.addAction(self.clear_selection_action)
        self.selection_menu.addAction(self.invert_selection_action)
        by_profile = self.selection_menu.addMenu(self.tr("Selecteer op &risicoprofiel"))
        for profile in RISK_PROFILES_WITH_UNKNOWN:
            action = by_profile.addAction(profile)
            action.triggered.connect(lambda _c=False, p=profile: self.select_by_profile(p))
        self.selection_menu.addSeparator()
        self.selection_menu.addAction(self.zoom_selection_action)

    def _create_help_menu(self) -> None:
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = self._action(self.tr("&Handleiding"), self.show_guide, "F1")
        self.shortcuts_action = self._action(
            self.tr("&Sneltoetsen"), self.show_shortcuts, "Ctrl+F1"
        )
        self.welcome_action = self._action(self.tr("&Welkomstpagina"), self.show_welcome)
        for action in (self.guide_action, self.shortcuts_action, self.welcome_action):
            self.help_menu.addAction(action)
        self.help_menu.addSeparator()
        about = self.help_menu.addAction(self.tr("&Over gis_app"))
        about.triggered.connect(self._about)

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- toolbars ----------------------------------------------------------------------------
    def _create_toolbars(self) -> None:
        self._create_map_tools_toolbar()
        self._create_navigation_toolbar()
        self._create_search_toolbar()

    def add_toolbar(self, toolbar: QToolBar) -> QToolBar:
        self.addToolBar(toolbar)
        self.toolbars_menu.addAction(toolbar.toggleViewAction())
        return toolbar

    def _create_map_tools_toolbar(self) -> None:
        """Pan, zoom box, identify, select and lasso: one checked at a time."""
        self.tools_toolbar = QToolBar(self.tr("Kaart tools"))
        self.tools_toolbar.setObjectName("MapToolsToolbar")
        self.tools_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.identify_tool = IdentifyTool(self)
        self.identify_tool.identified.connect(self._identified)
        self.tools: dict[str, object] = {
            "pan": None,  # the canvas's own pan tool
            "zoom": ZoomBoxTool(self),
            "identify": self.identify_tool,
            "select": SelectTool(self),
            "lasso": LassoSelectTool(self),
        }
        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_actions: dict[str, QAction] = {}
        for key, text, tip, shortcut in self._tool_definitions():
            action = QAction(text, self)
            action.setCheckable(True)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            action.setStatusTip(tip)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                # Single-letter shortcuts must not fire while typing in the search box or table.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.canvas.addAction(action)
            action.triggered.connect(lambda _c=False, k=key: self.set_tool(k))
            self.tool_group.addAction(action)
            self.tools_toolbar.addAction(action)
            self.tool_actions[key] = action
        self.tool_actions["pan"].setChecked(True)
        self.canvas.toolChanged.connect(self._tool_changed)
        self.add_toolbar(self.tools_toolbar)

    def _tool_definitions(self) -> list[tuple[str, str, str, str]]:
        return [
            ("pan", self.tr("Verschuiven"), self.tr("Kaart verschuiven door te slepen"), "P"),
            ("zoom", self.tr("Zoomkader"), self.tr("Inzoomen op een getekend kader"), "Z"),
            ("identify", self.tr("Identificeren"), self.tr("Eigenschappen van een pand"), "I"),
            (
                "select",
                self.tr("Selecteren"),
                self.tr("Klik of sleep een kader; Shift voegt toe, Ctrl wisselt"),
                "S",
            ),
            ("lasso", self.tr("Lasso"), self.tr("Selecteren met een getekende veelhoek"), "L"),
        ]

    def _create_navigation_toolbar(self) -> None:
        self.navigation_toolbar = QToolBar(self.tr("Navigatie"))
        self.navigation_toolbar.setObjectName("NavigationToolbar")
        self.navigation_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.zoom_full_action.setIconText(self.tr("Volledig"))
        self.zoom_selection_action.setIconText(self.tr("Selectie"))
        self.previous_view_action.setIconText(self.tr("Vorige"))
        self.next_view_action.setIconText(self.tr("Volgende"))
        for action in (
            self.zoom_full_action,
            self.zoom_selection_action,
            self.previous_view_action,
            self.next_view_action,
        ):
            self.navigation_toolbar.addAction(action)
        self.add_toolbar(self.navigation_toolbar)

    def _create_search_toolbar(self) -> None:
        self.search_toolbar = QToolBar(self.tr("Zoeken"))
        self.search_toolbar.setObjectName("SearchToolbar")
        self.search_toolbar.addWidget(QLabel(self.tr(" Zoeken: ")))
        self.search_toolbar.addWidget(self.search_field)
        self.add_toolbar(self.search_toolbar)

    # --- docks -------------------------------------------------------------------------------
    def _create_docks(self) -> None:
        # Left and right docks run the full height; the table sits under the map only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self._create_layers_dock()
        self._create_legend_dock()
        self._create_style_dock()
        self._create_identify_dock()
        self._create_table_dock()
        self._create_cluster_docks()
        self._create_planning_docks()
        self._create_package_docks()
        self._raise_first_tabs()
        self._size_docks()
        self._default_state = self.saveState(LAYOUT_VERSION)  # for Standaardindeling herstellen
        self._remember_layout = False

    def _raise_first_tabs(self) -> None:
        """The tabs in front after start (and after Standaardindeling herstellen).

        * bottom: **Attribuuttabel**. It is what every GIS user looks for first, it answers
          a click or a selection on the map at once, and it is useful before any plan
          exists; the charts depend on the Planning panel's settings and are one click
          away.
        * right: **Planning**. The slider and the plan's figures (Uitkomst) are the reason
          this application exists; moving the slider recolours nothing by itself but its
          figures change next to it. Identificeren comes to the front by itself when the
          identify tool hits a building, Clusters when a cluster tool is used.
        * left: **Lagen** above the **Legenda**: what is on the map and what the colours
          mean; the building style is one tab away.
        """
        for dock in (
            getattr(self, "table_dock", None),
            getattr(self, "planning", None) and self.planning.docks.get("planning"),
            getattr(self, "layers_dock", None),
        ):
            if dock is not None:
                dock.raise_()

    # --- remembered layout -------------------------------------------------------------------
    def enable_layout_memory(self, settings: QSettings | None = None) -> bool:
        """Restore the window geometry and dock layout of the last session and save them
        when the window closes (``run_app`` calls this; tests and screenshots do not, so
        they always see the default layout). Returns ``True`` when a layout was restored.
        """
        self._remember_layout = True
        settings = settings or QSettings()
        self._layout_settings = settings  # where save_layout writes on close
        restored = False
        geometry = settings.value(SETTINGS_GEOMETRY)
        if geometry is not None:
            restored = bool(self.restoreGeometry(geometry))
        state = settings.value(SETTINGS_STATE)
        if state is not None:
            restored = bool(self.restoreState(state, LAYOUT_VERSION)) or restored
        return restored

    def save_layout(self, settings: QSettings | None = None) -> None:
        """Write the window geometry and dock layout to QSettings."""
        settings = settings or getattr(self, "_layout_settings", None) or QSettings()
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_STATE, self.saveState(LAYOUT_VERSION))
        settings.sync()

    def reset_layout(self) -> None:
        """Beeld > Standaardindeling herstellen: every panel and toolbar back in its
        original place and size (hidden panels shown again)."""
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.findChildren(QDockWidget):
            if dock.isFloating():
                dock.setFloating(False)
        self._raise_first_tabs()
        self._size_docks()

    def _create_planning_docks(self) -> None:
        """Planning, Scenario's, Voortgang (right) and Grafieken, Tijdlijn (bottom)."""
        from gis_app.ui.planning.workspace import PlanningWorkspace

        self.planning = PlanningWorkspace(self.document, self)
        self.planning.install(self)

    def _size_docks(self) -> None:
        """First-use dock sizes, relative to the window so the map keeps most of it.

        The right side is wider than the left: the Planning panel needs about 340 px
        for its sliders and figures, the layer list less. On a 1366 px screen this leaves
        the map about 700 px; the panels scroll rather than grow (see
        :data:`SMALLEST_SCREEN`).
        """
        width, height = max(self.width(), 640), max(self.height(), 480)
        side = int(min(300, 0.2 * width))
        right_side = int(min(400, 0.26 * width))
        left = [d for d in (self.layers_dock, self.legend_dock) if d is not None]
        if left:
            self.resizeDocks(left, [side] * len(left), Qt.Orientation.Horizontal)
        if self.layers_dock is not None and self.legend_dock is not None:
            upper = int(min(260, 0.3 * height))
            self.resizeDocks(
                [self.layers_dock, self.legend_dock],
                [upper, height - upper],
                Qt.Orientation.Vertical,
            )
        self.resizeDocks([self.identify_dock], [right_side], Qt.Orientation.Horizontal)
        self.resizeDocks([self.table_dock], [int(min(300, 0.3 * height))], Qt.Orientation.Vertical)

    def add_dock(
        self,
        widget: QWidget,
        title: str,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.LeftDockWidgetArea,
        *,
        tabify_with: QDockWidget | None = None,
    ) -> QDockWidget:
        """Put ``widget`` in a dock and list its toggle under Beeld > Panelen."""
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        self._dock_names = [*getattr(self, "_dock_names", []), object_name]  # F6 order
        dock.setWidget(widget)
        if tabify_with is not None:
            self.tabifyDockWidget(tabify_with, dock)
        else:
            self.addDockWidget(area, dock)
        self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def _create_layers_dock(self) -> None:
        self.layers_dock = self.add_dock(
            self.layers_panel, self.tr("Lagen"), "LayersDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )

    def _create_style_dock(self) -> None:
        self.style_dock = self.add_dock(
            self.style_panel,
            self.tr("Stijl panden"),
            "BuildingStyleDock",
            tabify_with=self.layers_dock,
        )
        self.layers_dock.raise_()

    def show_style_panel(self) -> None:
        self.style_dock.show()
        self.style_dock.raise_()

    def _create_legend_dock(self) -> None:
        try:
            from gis_app.ui.map.legend import LegendWidget
        except ImportError:  # the legend widget lands with the map package
            self.legend_widget = None
            self.legend_dock = None
            return
        self.legend_widget = LegendWidget(self.layer_stack)
        # In a scroll area: a categorical style can have more classes than fit.
        legend_scroll = QScrollArea()
        legend_scroll.setWidgetResizable(True)
        legend_scroll.setFrameShape(QFrame.Shape.NoFrame)
        legend_scroll.setWidget(self.legend_widget)
        self.legend_dock = self.add_dock(
            legend_scroll,
            self.tr("Legenda"),
            "LegendDock",
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )

    def _create_identify_dock(self) -> None:
        self.identify_dock = self.add_dock(
            self.identify_panel,
            self.tr("Identificeren"),
            "IdentifyDock",
            Qt.DockWidgetArea.RightDockWidgetArea,
        )

    def _create_cluster_docks(self) -> None:
        """Clusters: panel (right, tabbed with Identificeren), menu and toolbar."""
        from gis_app.ui.clusters.actions import ClusterActions

        self.clusters = ClusterActions(self.document, self.canvas, self)
        self.clusters.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.clusters_menu = self.clusters.fill_menu(self.add_menu(self.tr("&Clusters")))
        self.add_toolbar(self.clusters.toolbar(self))
        self.cluster_dock = self.add_dock(
            self.clusters.panel,
            self.tr("Clusters"),
            "ClusterDock",
            tabify_with=self.identify_dock,
        )

    def _create_package_docks(self) -> None:
        """Werkpakketten: panel (right, tabbed with Clusters) and menu; the map follows
        ``document.packagesChanged``."""
        from gis_app.ui.packages.panel import PackagesPanel

        self.packages_panel = PackagesPanel(self.document, self)
        self.packages_panel.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.packages_panel.zoomToRowsRequested.connect(self.zoom_to_rows)
        self.document.packagesChanged.connect(self.layer_stack.refresh_packages)
        # outlines with a light fill: packages overlap where clusters do, and an opaque fill
        # (the generic default) hides the buildings in them
        self.layer_stack.set_layer_style("packages", fill_alpha=25)
        self.packages_menu = self.packages_panel.fill_menu(self.add_menu(self.tr("&Werkpakketten")))
        self.packages_dock = self.add_dock(
            self.packages_panel,
            self.tr("Werkpakketten"),
            "PackagesDock",
            tabify_with=self.cluster_dock,
        )

    def _create_table_dock(self) -> None:
        self.table_dock = self.add_dock(
            self.attribute_table,
            self.tr("Attribuuttabel"),
            "AttributeTableDock",
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )

    def _create_status_bar(self) -> None:
        self.status_bar = StatusBar(self.canvas, self.document)
        self.setStatusBar(self.status_bar)

    def _create_project_controller(self) -> None:
        """New/Open/Save/Save As/recent in Bestand (around the window's Openen and
        Afsluiten), the title, and (in run_app's session) the question on close, autosave
        and crash recovery. Opening goes through :meth:`open_path`, which also shows the
        join report of an imported file; a save first stores the map's state."""
        self.project_controller = ProjectController(
            self,
            self.document,
            file_menu=self.file_menu,
            open_action=self.open_action,
            quit_action=self.quit_action,
            open_file=self.open_path,
            show_project=self.set_project,
            before_save=self._before_file_save,
        )

    def _before_file_save(self) -> None:
        """Before a save to a file: the map's state, and (team mode) the database link."""
        from gis_app.ui.qgis_export import store_map_state

        store_map_state(self)
        team = getattr(self, "team", None)
        if team is not None:
            team.before_file_save()

    def _create_team_actions(self) -> None:
        """Team mode (:mod:`gis_app.ui.team`): Bestand > Openen uit database... and Opslaan
        in database..., Geschiedenis in Clusters and Werkpakketten; Opslaan of a project
        from the database saves its changed rows."""
        from gis_app.ui.team.actions import install_team_actions

        self.team = install_team_actions(self)

    def _create_welcome_page(self) -> None:
        """The start page over the map (:mod:`gis_app.ui.welcome`), shown by run_app
        when the app starts without a file and by Help > Welkomstpagina."""
        from gis_app.ui.welcome import WelcomePage

        self.welcome_page = WelcomePage(self)
        self.welcome_page.guideRequested.connect(self.show_guide)

    # =========================================================================================
    # behaviour
    # =========================================================================================
    def focus_panels(self) -> list[QWidget]:
        """The map and every open panel, in the order F6 visits them: the left panels, the
        map, the bottom panels, the right panels (tabbed panels too: F6 brings them to the
        front)."""
        docks = [
            d
            for d in self.findChildren(QDockWidget)
            if not d.isHidden() and self.dockWidgetArea(d) != Qt.DockWidgetArea.NoDockWidgetArea
        ]
        order = {
            Qt.DockWidgetArea.LeftDockWidgetArea: 0,
            Qt.DockWidgetArea.BottomDockWidgetArea: 2,
            Qt.DockWidgetArea.RightDockWidgetArea: 3,
        }
        # by side, then in the order the docks were made: stable while F6 raises tabs
        made = {name: i for i, name in enumerate(getattr(self, "_dock_names", []))}
        docks.sort(
            key=lambda d: (order.get(self.dockWidgetArea(d), 4), made.get(d.objectName(), 99))
        )
        welcome = getattr(self, "welcome_page", None)
        centre = welcome if welcome is not None and welcome.isVisible() else self.canvas
        left = [d for d in docks if self.dockWidgetArea(d) == Qt.DockWidgetArea.LeftDockWidgetArea]
        return [*left, centre, *[d for d in docks if d not in left]]

    def focus_next_panel(self, step: int = 1) -> QWidget | None:
        """F6 / Shift+F6: the keyboard focus to the next (previous) panel; returns it."""
        panels = self.focus_panels()
        focus = QApplication.focusWidget()
        current = next(
            (
                i
                for i, p in enumerate(panels)
                if focus is not None and (p is focus or p.isAncestorOf(focus))
            ),
            -1,
        )
        target = panels[(current + step) % len(panels)]
        if isinstance(target, QDockWidget):
            target.raise_()
            widget = next(
                (
                    w
                    for w in [target.widget(), *target.widget().findChildren(QWidget)]
                    if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
                ),
                target.widget(),
            )
            widget.setFocus(Qt.FocusReason.TabFocusReason)
        elif target is self.canvas:
            self.canvas.setFocus(Qt.FocusReason.TabFocusReason)
        else:  # the welcome page
            target.sample_button.setFocus(Qt.FocusReason.TabFocusReason)
        return target

    def show_welcome(self) -> None:
        self.welcome_page.show_page()

    def show_preferences(self) -> None:
        from gis_app.ui.preferences import show_preferences

        show_preferences(self)

    def show_guide(self):
        from gis_app.ui.help import show_guide

        return show_guide(self)

    def show_shortcuts(self):
        from gis_app.ui.help import show_shortcuts

        return show_shortcuts(self)

    def set_tool(self, key: str) -> None:
        """Activate a map tool by key: pan, zoom, identify, select, lasso."""
        self.canvas.set_tool(self.tools[key])
        self.tool_actions[key].setChecked(True)
        self.canvas.setFocus()

    def _tool_changed(self, tool) -> None:
        """Keep the toolbar in step when a tool is set elsewhere (cluster drawing tools)."""
        for key, action in self.tool_actions.items():
            mine = self.tools[key]
            if mine is tool or (mine is None and type(tool).__name__ == "PanTool"):
                action.setChecked(True)
                return
        checked = self.tool_group.checkedAction()
        if checked is not None:
            self.tool_group.setExclusive(False)
            checked.setChecked(False)
            self.tool_group.setExclusive(True)

    def _identified(self, row: int) -> None:
        self.identify_panel.show_building(row if row >= 0 else None)
        if row >= 0 and self.identify_dock is not None:
            self.identify_dock.show()
            self.identify_dock.raise_()

    # --- navigation --------------------------------------------------------------------------
    def zoom_to_rows(self, rows) -> None:
        """Zoom to the footprints of ``rows`` (the canvas keeps the street around one house)."""
        self.canvas.zoom_to_rows(rows)

    def zoom_to_selection(self) -> None:
        self.canvas.zoom_to_selection()

    def zoom_to_current_layer(self) -> None:
        layer_id = self.layers_panel.current_layer_id() or "buildings"
        self.canvas.zoom_to_layer(layer_id)

    def select_and_zoom(self, rows) -> None:
        self.document.set_selection(rows)
        self.zoom_to_rows(rows)

    # --- selection ---------------------------------------------------------------------------
    def select_all(self) -> None:
        self.document.set_selection(np.arange(len(self.document.project.buildings)))

    def clear_selection(self) -> None:
        self.document.set_selection([])

    def invert_selection(self) -> None:
        keep = np.ones(len(self.document.project.buildings), dtype=bool)
        keep[self.document.selection] = False
        self.document.set_selection(np.flatnonzero(keep))

    def select_by_profile(self, profile: str) -> None:
        profiles = self.document.project.buildings["risk_profile"].to_numpy(dtype=object)
        self.document.set_selection(np.flatnonzero(profiles == profile))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.startup_trace is not None:
            self.startup_trace.shown()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            if getattr(self, "_remember_layout", False):
                self.save_layout()
            self.stop_background_work()
            from gis_app.ui.tasks import forget_long_lived

            self.end_read_ahead_hold()  # a read cut short by the close delivers nothing
            forget_long_lived()  # this window's project may now be garbage

    def stop_background_work(self, msecs: int = 5000) -> None:
        """Cancel the background work and wait for its threads, so nothing runs while Qt
        objects are deleted (no "Signal source has been deleted" at exit). Safe to call
        twice. The task runner serves the whole application, which has one window."""
        self.tasks.shutdown(msecs)

    def _about(self) -> None:
        from gis_app import __version__

        QMessageBox.about(
            self,
            self.tr("Over gis_app"),
            self.tr(
                "gis_app {version}\n\nPlanning van de versterkingsopgave in Groningen: "
                "panden op de kaart, clusters, planning en werkpakketten."
            ).format(version=__version__),
        )
