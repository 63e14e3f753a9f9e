"""Bestand > Exporteren...: choose formats, packages, columns and a folder; see progress.

The dialog only collects choices and calls :func:`gis_app.core.export.exporter.export_project`
(with the Qt PDF writer); it holds no export logic. Decisions:

* The export runs in the GUI thread with a progress bar and an "Afbreken" button (the
  progress callback keeps the window responsive): Qt's PDF painter and fonts are only
  safe in the GUI thread, and a package export is seconds, not minutes.
* The column choice is stored in ``project.settings["export_columns"]`` (so it travels
  with the project) and the target folder in QSettings (it belongs to this computer).
  Personal columns (address, postcode, residents) are marked and unchecked by default.
* When the export made packages (or suggested clusters) the project changed: the
  document is marked dirty and told which building columns changed.
* Bestand > Veldpakket importeren... compares a returned field pack with the project,
  shows the changes and conflicts, and applies the non-conflicting changes as one undo
  step (:class:`FieldPackImportCommand`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.export import columns as colmod
from gis_app.core.export.exporter import (
    FORMATS,
    ExportCancelled,
    ExportOptions,
    export_project,
)
from gis_app.core.export.frame import candidate_columns

SETTINGS_DIR_KEY = "export/last_dir"
FORMAT_LABELS = {
    "gpkg": "GeoPackage (alle lagen, RD New)",
    "shp": "Shapefile per werkpakket (map en .zip)",
    "geojson": "GeoJSON per werkpakket (WGS84)",
    "csv": "CSV-adreslijst per werkpakket",
    "xlsx": "Excel-adreslijst per werkpakket",
    "pdf": "PDF-kaartblad per werkpakket",
    "qgis": "QGIS-project (.qgz bij het GeoPackage, met stijlen)",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


class ExportDialog(QDialog):
    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.report = None
        self._cancelled = False
        self._running = False
        self.setWindowTitle(self.tr("Exporteren"))
        self.resize(720, 640)
        project = document.project
        layout = QVBoxLayout(self)

        # formats
        formats_box = QGroupBox(self.tr("Formaten"))
        grid = QGridLayout(formats_box)
        self.format_checks: dict[str, QCheckBox] = {}
        for i, fmt in enumerate(FORMATS):
            check = QCheckBox(tr(FORMAT_LABELS[fmt]))
            check.setChecked(fmt != "geojson")
            self.format_checks[fmt] = check
            grid.addWidget(check, i // 2, i % 2)
        self.field_pack_check = QCheckBox(
            self.tr("Veldpakket per werkpakket (offline, QGIS/QField)")
        )
        grid.addWidget(self.field_pack_check, 3, 0, 1, 2)
        layout.addWidget(formats_box)

        middle = QHBoxLayout()
        # packages
        packages_box = QGroupBox(self.tr("Werkpakketten"))
        packages_layout = QVBoxLayout(packages_box)
        self.package_list = QListWidget()
        packages = project.packages
        if packages is None or len(packages) == 0:
            note = QLabel(
                self.tr(
                    "Het project heeft nog geen werkpakketten. Bij het exporteren worden ze "
                    "gemaakt uit de huidige planning, met de standaardinstellingen."
                )
            )
            note.setWordWrap(True)
            packages_layout.addWidget(note)
        else:
            for record in packages.itertuples(index=False):
                text = self.tr("{id}  {name}  ({n} panden)").format(
                    id=record.package_id, name=record.name, n=int(record.n_buildings)
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(record.package_id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.package_list.addItem(item)
        packages_layout.addWidget(self.package_list)
        row = QHBoxLayout()
        for label, state in (
            (self.tr("Alle"), Qt.CheckState.Checked),
            (self.tr("Geen"), Qt.CheckState.Unchecked),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, s=state: self._set_all(self.package_list, s))
            row.addWidget(button)
        packages_layout.addLayout(row)
        middle.addWidget(packages_box)

        # columns
        columns_box = QGroupBox(self.tr("Kolommen"))
        columns_layout = QVBoxLayout(columns_box)
        hint = QLabel(self.tr("Persoonsgegevens gaan alleen mee als u ze aanvinkt."))
        hint.setWordWrap(True)
        columns_layout.addWidget(hint)
        self.column_list = QListWidget()
        available = colmod.available_columns(candidate_columns(project.buildings))
        chosen = set(colmod.chosen_columns(project.settings, available))
        for column in available:
            text = (
                column.label if column.label == column.name else f"{column.label} ({column.name})"
            )
            if column.personal:
                text += self.tr("  — persoonsgegevens")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, column.name)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if column.required:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            item.setCheckState(
                Qt.CheckState.Checked if column.name in chosen else Qt.CheckState.Unchecked
            )
            self.column_list.addItem(item)
        columns_layout.addWidget(self.column_list)
        middle.addWidget(columns_box)
        layout.addLayout(middle)

        # folder
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Map:")))
        self.folder_edit = QLineEdit(str(QSettings().value(SETTINGS_DIR_KEY, "") or ""))
        folder_row.addWidget(self.folder_edit)
        browse = QPushButton(self.tr("Bladeren..."))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(browse)
        layout.addLayout(folder_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel("")
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Exporteren"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(
            self.tr("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.export_button.clicked.connect(self.run_export)
        self.close_button.clicked.connect(self._close_or_cancel)
        layout.addWidget(self.buttons)

    # --- choices ---------------------------------------------------------------------------
    @staticmethod
    def _set_all(widget: QListWidget, state: Qt.CheckState) -> None:
        for i in range(widget.count()):
            widget.item(i).setCheckState(state)

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Exportmap kiezen"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def options(self) -> ExportOptions:
        formats = tuple(fmt for fmt, check in self.format_checks.items() if check.isChecked())
        packages = None
        if self.package_list.count():
            packages = self._checked(self.package_list)
        return ExportOptions(
            formats=formats,
            package_ids=packages,
            columns=self._checked(self.column_list),
            field_pack=self.field_pack_check.isChecked(),
            remember_columns=True,
        )

    # --- running ---------------------------------------------------------------------------
    def _progress(self, fraction: float, message: str) -> bool:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(message)
        QCoreApplication.processEvents()
        return not self._cancelled

    def _close_or_cancel(self) -> None:
        if self._running:
            self._cancelled = True
        else:
            self.reject()

    def run_export(self) -> None:
        from gis_app.ui.dialogs import show_error, show_info

        folder = self.folder_edit.text().strip()
        options = self.options()
        if not folder:
            show_info(
                self, self.tr("Exporteren"), self.tr("Kies eerst een map om in te exporteren.")
            )
            return
        if not options.formats and not options.field_pack:
            show_info(self, self.tr("Exporteren"), self.tr("Kies minstens één formaat."))
            return
        if options.package_ids is not None and not options.package_ids:
            show_info(self, self.tr("Exporteren"), self.tr("Kies minstens één werkpakket."))
            return
        project = self.document.project
        had_packages = project.packages is not None and len(project.packages) > 0
        old_columns = project.settings.get(colmod.SETTINGS_KEY)
        pdf_writer = None
        if "pdf" in options.formats or options.field_pack:
            from gis_app.render.pdf_sheets import write_package_pdf

            pdf_writer = write_package_pdf
        self._cancelled = False
        self._running = True
        self.export_button.setEnabled(False)
        self.close_button.setText(self.tr("Afbreken"))
        try:
            self.report = export_project(
                project, Path(folder), options, pdf_writer=pdf_writer, progress=self._progress
            )
        except ExportCancelled:
            self.status.setText(
                self.tr("Export afgebroken; de bestanden die klaar waren zijn compleet.")
            )
            return
        except Exception as error:  # shown in a dialog, never a traceback
            show_error(self, error, title=self.tr("Exporteren mislukt"))
            return
        finally:
            self._running = False
            self.export_button.setEnabled(True)
            self.close_button.setText(self.tr("Sluiten"))
            self._notify_document(had_packages, old_columns)
        QSettings().setValue(SETTINGS_DIR_KEY, folder)
        show_info(self, self.tr("Export gereed"), self.report.to_text())
        self.accept()

    def _notify_document(self, had_packages: bool, old_columns) -> None:
        project = self.document.project
        changed = False
        if not had_packages and project.packages is not None and len(project.packages):
            self.document.buildingAttributesChanged.emit(["package_id", "cluster_id"])
            self.document.clustersChanged.emit()
            changed = True
        if project.settings.get(colmod.SETTINGS_KEY) != old_columns:
            changed = True
        if changed:
            self.document.mark_dirty()


class FieldPackImportCommand(QUndoCommand):
    """Apply (redo) or take back (undo) the changes of a field pack report."""

    def __init__(self, document, changes, text: str):
        super().__init__(text)
        self.document = document
        self.changes = changes

    def _apply(self, reverse: bool) -> None:
        from gis_app.core.fieldpack import apply_changes

        apply_changes(self.document.project.buildings, self.changes, reverse=reverse)
        columns = sorted(set(self.changes["column"])) if len(self.changes) else []
        self.document.buildingAttributesChanged.emit(columns)

    def redo(self) -> None:
        self._apply(reverse=False)

    def undo(self) -> None:
        self._apply(reverse=True)


def import_fieldpack_interactive(window, path: str | Path | None = None) -> object | None:
    """Ask for a returned field pack, show what it changes and its conflicts, apply on "Ja".

    Conflicts are never applied (the report lists them); the import is one undo step.
    """
    from PySide6.QtWidgets import QMessageBox

    from gis_app.core.fieldpack import compare_fieldpack, read_fieldpack
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
    try:
        report = compare_fieldpack(window.document.project.buildings, read_fieldpack(path), path)
    except Exception as error:  # shown in a dialog, never a traceback
        show_error(window, error, title=tr("Veldpakket importeren mislukt"))
        return None
    if len(report.changes) == 0:
        show_info(
            window,
            tr("Veldpakket importeren"),
            tr("Het veldpakket verandert niets."),
            details=report.to_text(),
        )
        return report
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
    if answer != QMessageBox.StandardButton.Yes:
        return report
    window.document.undo_stack.push(
        FieldPackImportCommand(window.document, report.changes, tr("Veldpakket importeren"))
    )
    report.applied = True
    return report


def install_export_action(window) -> QAction:
    """Add Bestand > Exporteren... to ``window`` (above Afsluiten)."""
    action = QAction(tr("&Exporteren..."), window)
    action.setStatusTip(
        tr("Werkpakketten exporteren naar Shapefile, GeoPackage, Excel, PDF en veldpakketten")
    )

    def open_dialog() -> None:
        from gis_app.ui.qgis_export import store_map_state

        store_map_state(window)  # field packs and QGIS projects follow the map
        ExportDialog(window.document, window).exec()

    action.triggered.connect(open_dialog)
    import_action = QAction(tr("Veldpakket &importeren..."), window)
    import_action.setStatusTip(
        tr("Mijlpalen en notities uit een teruggestuurd veldpakket overnemen")
    )
    import_action.triggered.connect(lambda: import_fieldpack_interactive(window))
    quit_action = getattr(window, "quit_action", None)
    if quit_action is not None:
        window.file_menu.insertAction(quit_action, action)
        window.file_menu.insertAction(quit_action, import_action)
        window.file_menu.insertSeparator(quit_action)
    else:
        window.file_menu.addAction(action)
        window.file_menu.addAction(import_action)
    window.export_action = action
    window.import_fieldpack_action = import_action
    return action
