"""The welcome page: what a planner sees when the app starts without a file.

It lies over the map (a child of the canvas, filling it) until a project is shown, and
offers the first steps: the sample area, an existing project, an import of BAG footprints
with a risk table, the recent projects and the user guide. "Voorbeeldgebied openen" has
the focus, so Enter opens the sample; Tab walks the buttons in reading order.

The sample area opens as a realistic project (clusters, plan, packages, a scenario),
built on first use by :func:`gis_app.core.sample_project.ensure_sample_project` behind a
progress dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gis_app.paths import SAMPLE_PROJECT
from gis_app.ui.tasks import TaskProgressDialog

FOOTPRINT_FILTER = QT_TRANSLATE_NOOP(
    "WelcomePage", "Panden (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;Alle bestanden (*)"
)
RISK_FILTER = QT_TRANSLATE_NOOP("WelcomePage", "Risicotabel (*.csv *.xlsx);;Alle bestanden (*)")


class WelcomePage(QFrame):
    """The start page over the map of ``window`` (a :class:`MainWindow`)."""

    guideRequested = Signal()

    def __init__(self, window):
        super().__init__(window.canvas)
        self.window = window
        self.setObjectName("WelcomePage")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # in a scroll area: over a small map (1366 x 768, 200 %) the page scrolls, not clips
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)
        self.layout().setContentsMargins(0, 0, 0, 0)
        outer = QVBoxLayout(content)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        column = QVBoxLayout()
        title = QLabel(self.tr("<h2>Welkom bij gis_app</h2>"))
        intro = QLabel(
            self.tr(
                "Panden en risico op de kaart, clusters van buren, snelheid tegen maatwerk "
                "en werkpakketten voor aannemers. Het voorbeeldgebied laat een complete "
                "planning zien."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(intro)

        self.sample_button = QPushButton(self.tr("&Voorbeeldgebied openen"))
        self.sample_button.setToolTip(
            self.tr(
                "15.000 panden met voorgestelde clusters, een planning met 40 bouwstarts per "
                "week, werkpakketten en een opgeslagen scenario"
            )
        )
        self.sample_button.setDefault(True)
        self.sample_button.clicked.connect(lambda _c=False: self.open_sample())
        self.open_button = QPushButton(self.tr("&Project openen..."))
        self.open_button.clicked.connect(lambda _c=False: window.project_controller.open_dialog())
        self.import_button = QPushButton(self.tr("BAG en risicogegevens &importeren..."))
        self.import_button.setToolTip(
            self.tr("Pandcontouren (BAG) kiezen en daarna de risicotabel (CSV of Excel)")
        )
        self.import_button.clicked.connect(lambda _c=False: self.ask_import())
        self.guide_button = QPushButton(self.tr("&Handleiding lezen"))
        self.guide_button.clicked.connect(lambda _c=False: self.guideRequested.emit())
        for button in (
            self.sample_button,
            self.open_button,
            self.import_button,
            self.guide_button,
        ):
            button.setMinimumHeight(button.sizeHint().height() + 8)
            column.addWidget(button)

        self.recent_label = QLabel(self.tr("&Recente projecten:"))
        self.recent_list = QListWidget()
        self.recent_list.setMaximumHeight(140)
        self.recent_label.setBuddy(self.recent_list)
        self.recent_list.itemActivated.connect(self._open_recent)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent_list)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(560)
        row.addWidget(holder, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        QWidget.setTabOrder(self.sample_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.guide_button)
        QWidget.setTabOrder(self.guide_button, self.recent_list)

        window.canvas.installEventFilter(self)
        window.document.projectReplaced.connect(self._project_shown)
        self.hide()

    # --- showing ------------------------------------------------------------------------------
    def show_page(self) -> None:
        """Show the page over the map, with fresh recent files and the focus on the sample."""
        self.fill_recent()
        self.setGeometry(self.window.canvas.rect())
        self.show()
        self.raise_()
        self.sample_button.setFocus()

    def _project_shown(self) -> None:
        if self.isVisible():
            self.hide()
            self.window.canvas.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.window.canvas and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window.canvas.rect())
        return False

    def fill_recent(self) -> None:
        self.recent_list.clear()
        paths = self.window.project_controller.recent_projects()
        for path in paths:
            item = QListWidgetItem(f"{path.name}  —  {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent_list.addItem(item)
        if not paths:
            item = QListWidgetItem(self.tr("(nog geen)"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent_list.addItem(item)

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.window.project_controller.open_path(Path(path))

    # --- actions ------------------------------------------------------------------------------
    def open_sample(self, source: Path = SAMPLE_PROJECT) -> bool:
        """Build the sample project when needed (in the background), then open it.

        The window's ``openFinished`` tells the outcome, as for any other open.
        """
        from gis_app.core.sample_project import ensure_sample_project

        if not Path(source).exists():
            self.window.statusBar().showMessage(
                self.tr("Het voorbeeldgebied ontbreekt: {path}").format(path=source), 15000
            )
            self.window.openFinished.emit(False)
            return False
        dialog = TaskProgressDialog(
            self.window, self.tr("Voorbeeldgebied"), self.tr("Voorbeeldproject maken...")
        )

        def built(path: Path) -> None:
            dialog.finish()
            self.window.project_controller.open_path(path)

        def failed(error: BaseException) -> None:
            dialog.finish()
            self.window._open_failed(error, True)
            self.window.openFinished.emit(False)

        def cancelled() -> None:
            dialog.finish()
            self.window.openFinished.emit(False)

        task = self.window.tasks.submit(
            lambda progress: ensure_sample_project(source, progress=progress),
            name="sample",
            on_result=built,
            on_error=failed,
            on_cancelled=cancelled,
        )
        dialog.attach(task)
        return True

    def ask_import(self) -> bool:
        """Ask for the footprints, then (optionally) the risk table, and import them."""
        from gis_app.ui import preferences

        start = preferences.data_folder() or ""
        footprints, _f = QFileDialog.getOpenFileName(
            self, self.tr("BAG-pandcontouren kiezen"), start, self.tr(FOOTPRINT_FILTER)
        )
        if not footprints:
            return False
        risk, _f = QFileDialog.getOpenFileName(
            self,
            self.tr("Risicotabel kiezen (Annuleren: zonder risicotabel)"),
            str(Path(footprints).parent),
            self.tr(RISK_FILTER),
        )
        area = self.ask_area()
        if area is False:
            return False
        return import_data(self.window, Path(footprints), Path(risk) if risk else None, area=area)

    def ask_area(self):
        """Ask which part of the file to import: ``None`` for all of it, an
        :class:`~gis_app.core.io.area.Area`, or ``False`` when the planner cancelled.

        A national BAG file holds 11 million panden; the area is read through the file's
        spatial index. A text that is none of the three forms is explained and asked again.
        """
        from PySide6.QtWidgets import QInputDialog

        from gis_app.core.errors import GisAppError
        from gis_app.core.io.area import parse_area
        from gis_app.ui.dialogs import show_error

        text = ""
        while True:
            text, accepted = QInputDialog.getText(
                self,
                self.tr("Gebied importeren"),
                self.tr(
                    "Welk deel van het bestand? Leeg: alles.\n"
                    "Een rechthoek in RD (xmin,ymin,xmax,ymax), gemeentecodes (0003,0010) "
                    "of een vlakbestand (.gpkg, .shp, .geojson)."
                ),
                text=text,
            )
            if not accepted:
                return False
            if not text.strip():
                return None
            try:
                return parse_area(text)
            except GisAppError as error:
                show_error(self, error, title=self.tr("Gebied niet herkend"))


def import_data(
    window, footprints: Path, risk: Path | None, *, show_errors: bool = True, area=None
) -> bool:
    """Read ``footprints`` (only ``area`` of it, when given) joined with the ``risk`` table
    in the background and show the result as a new (unsaved) project, with the join report
    when it has problems. A BAG source's address table comes along for the exports.

    The outcome arrives as ``window.openFinished(bool)``; errors and the join report are
    dialogs unless ``show_errors`` is false (then the report stays in ``window.last_report``
    and errors in the status bar).
    """
    from gis_app.core.io.projectfile import source_record
    from gis_app.core.join.load import load_buildings
    from gis_app.core.project import Project

    dialog = TaskProgressDialog(
        window,
        QCoreApplication.translate("WelcomePage", "Importeren"),
        QCoreApplication.translate("WelcomePage", "{name} wordt ingelezen...").format(
            name=footprints.name
        ),
        delay_ms=0,
    )

    def load(progress):
        buildings, report = load_buildings(footprints, risk, area=area)
        project = Project(buildings=buildings, name=footprints.stem, addresses=report.addresses)
        project.sources = [source_record(footprints, "footprints")]
        if risk is not None:
            project.sources.append(source_record(risk, "risk"))
        progress(1.0)
        return project, report

    def loaded(value) -> None:
        dialog.finish()
        window._show_opened(*value, show_errors)
        window._opened(True, None)

    def failed(error: BaseException) -> None:
        dialog.finish()
        window._open_failed(error, show_errors)
        window._opened(False, None)

    def cancelled() -> None:
        dialog.finish()
        window._opened(False, None)

    task = window.tasks.submit(
        load, name="import", on_result=loaded, on_error=failed, on_cancelled=cancelled
    )
    dialog.attach(task)
    return True
