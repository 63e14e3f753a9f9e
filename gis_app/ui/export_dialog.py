"""Bestand > Exporteren...: choose formats, packages, columns and a folder; see progress.

The dialog only collects choices and calls :func:`gis_app.core.export.exporter.export_project`
(with the Qt PDF writer); it holds no export logic. Decisions:

* The export runs on the task runner (:mod:`gis_app.ui.tasks`) with a progress bar and
  an "Afbreken" button; the dialog stays responsive. PDF sheets are painted on the worker
  thread too (QPainter on a QPdfWriter is safe outside the GUI thread; no QPixmap or
  widget is involved). Afbreken stops the export at its next file and leaves the folder
  as it was: the exporter writes into a staging folder and moves the files in place only
  at the end.
* The column choice is stored in ``project.settings["export_columns"]`` (so it travels
  with the project) and the target folder in QSettings (it belongs to this computer).
  Personal columns (residents, eigen regie, names, phone numbers, e-mail) are marked
  and unchecked by default; addresses (public BAG data) are checked.
* Packages are chosen by contractor, by period (overlapping the chosen dates), by the
  selection in the Werkpakketten panel, or by a text filter; each choice ticks exactly
  the packages that match, and "Alle"/"Geen" remain.
* The export never changes the project itself. When it has to make clusters, a plan or
  packages, the dialog says so before running; what was made
  (:attr:`PreparedExport.change <gis_app.core.export.exporter.PreparedExport>`) is applied
  through the document as one undo step ("Werkpakketten maken voor export"), so the
  Werkpakketten panel, the map and the attribute table follow and Ctrl+Z takes it back.
  The remembered column choice goes through the document too.
* "Taal van kolomkoppen" chooses the language of what people read in the files
  (:attr:`ExportOptions.language <gis_app.core.export.exporter.ExportOptions>`); it starts
  at the app's language.
* Bestand > Veldpakket importeren... (:mod:`gis_app.ui.fieldpack_import`) reads and
  compares a returned field pack in the background with progress and cancel, shows the
  changes and conflicts, and applies the non-conflicting changes as one undo
  step (:meth:`ProjectDocument.apply_field_pack <gis_app.ui.document.ProjectDocument.apply_field_pack>`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
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
    ExportOptions,
    PreparedExport,
    export_needs,
    export_project,
    prepare_export,
)
from gis_app.core.export.frame import candidate_columns
from gis_app.ui import preferences
from gis_app.ui.app import date_edit_format
from gis_app.ui.dialogs import browse_folder_into
from gis_app.ui.tasks import task_runner

SETTINGS_DIR_KEY = "export/last_dir"
FORMAT_LABELS = {
    "gpkg": QT_TRANSLATE_NOOP("ExportDialog", "GeoPackage (alle lagen, RD New)"),
    "shp": QT_TRANSLATE_NOOP("ExportDialog", "Shapefile per werkpakket (map en .zip)"),
    "geojson": QT_TRANSLATE_NOOP("ExportDialog", "GeoJSON per werkpakket (WGS84)"),
    "csv": QT_TRANSLATE_NOOP("ExportDialog", "CSV-adreslijst per werkpakket"),
    "xlsx": QT_TRANSLATE_NOOP("ExportDialog", "Excel-adreslijst per werkpakket"),
    "pdf": QT_TRANSLATE_NOOP("ExportDialog", "PDF-kaartblad per werkpakket"),
    "qgis": QT_TRANSLATE_NOOP(
        "ExportDialog", "QGIS-project (.qgz bij het GeoPackage, met stijlen)"
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


class ExportDialog(QDialog):
    exportFinished = Signal(bool)  # the export ended: written (True) or not (False)

    def __init__(
        self,
        document,
        parent: QWidget | None = None,
        *,
        selected_packages: list[str] | None = None,
    ):
        """``selected_packages``: the packages selected in the Werkpakketten panel, offered
        as "Selectie uit paneel"."""
        super().__init__(parent)
        self.document = document
        self.report = None
        self._task = None  # the running export (gis_app.ui.tasks.Task)
        self.setWindowTitle(self.tr("Exporteren"))
        self.resize(900, 660)
        project = document.project
        layout = QVBoxLayout(self)

        # formats
        formats_box = QGroupBox(self.tr("Formaten"))
        grid = QGridLayout(formats_box)
        self.format_checks: dict[str, QCheckBox] = {}
        default_formats = preferences.export_formats()
        for i, fmt in enumerate(FORMATS):
            check = QCheckBox(tr(FORMAT_LABELS[fmt]))
            check.setChecked(fmt in default_formats)  # Voorkeuren
            self.format_checks[fmt] = check
            grid.addWidget(check, i // 2, i % 2)
        self.field_pack_check = QCheckBox(
            self.tr("Veldpakket per werkpakket (offline, QGIS/QField)")
        )
        # below the last row of formats (seven formats fill four rows)
        grid.addWidget(self.field_pack_check, (len(FORMATS) + 1) // 2, 0, 1, 2)
        layout.addWidget(formats_box)

        # what the export has to make first: said before running, applied as one undo step
        needs = export_needs(project)
        lines = []
        if "clusters" in needs:
            lines.append(
                self.tr(
                    "Het project heeft geen clusters: bij het exporteren worden ze voorgesteld."
                )
            )
        if "plan" in needs:
            lines.append(
                self.tr(
                    "Er is geen planning ingesteld: de export plant met de standaardinstellingen."
                )
            )
        if "packages" in needs:
            lines.append(
                self.tr(
                    "Er zijn nog geen werkpakketten: de export maakt ze uit de planning "
                    "(ongedaan te maken met Bewerken > Ongedaan maken)."
                )
            )
        self.needs_label = QLabel("\n".join(lines))
        self.needs_label.setWordWrap(True)
        self.needs_label.setVisible(bool(lines))
        layout.addWidget(self.needs_label)

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
                contractor = str(getattr(record, "contractor", "") or "").strip()
                text = self.tr("{id}  {name} ({n} panden) — {contractor}, {period}").format(
                    id=record.package_id,
                    name=record.name,
                    contractor=contractor or self.tr("nog toe te wijzen"),
                    period=_period_text(
                        getattr(record, "period_start", None), getattr(record, "period_end", None)
                    ),
                    n=int(record.n_buildings),
                )
                item = QListWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, str(record.package_id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.package_list.addItem(item)
        self._build_package_choice(packages_layout, packages, selected_packages)
        packages_layout.addWidget(self.package_list)
        row = QHBoxLayout()
        for label, state in (
            (self.tr("Alle"), Qt.CheckState.Checked),
            (self.tr("Geen"), Qt.CheckState.Unchecked),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, s=state: self._set_all(self.package_list, s))
            row.addWidget(button)
        self.chosen_label = QLabel("")
        row.addWidget(self.chosen_label, 1)
        packages_layout.addLayout(row)
        self.package_list.itemChanged.connect(self._update_chosen_count)
        self._update_chosen_count()
        middle.addWidget(packages_box, 3)

        # columns
        columns_box = QGroupBox(self.tr("Kolommen"))
        columns_layout = QVBoxLayout(columns_box)
        hint = QLabel(self.tr("Persoonsgegevens gaan alleen mee als u ze aanvinkt."))
        hint.setWordWrap(True)
        columns_layout.addWidget(hint)
        self.column_list = QListWidget()
        available = colmod.available_columns(candidate_columns(project.buildings))
        # the project's own choice, else the default of Voorkeuren
        chosen = set(
            colmod.chosen_columns(project.settings, available)
            if project.settings.get(colmod.SETTINGS_KEY)
            else colmod.normalise_choice(preferences.export_columns(), available)
        )
        for column in available:
            label = colmod.label_of(column.name)  # in the window's language
            text = label if label == column.name else f"{label} ({column.name})"
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
        middle.addWidget(columns_box, 2)
        layout.addLayout(middle)

        # folder
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Map:")))
        self.folder_edit = QLineEdit(
            str(QSettings().value(SETTINGS_DIR_KEY, "") or preferences.data_folder())
        )
        folder_row.addWidget(self.folder_edit)
        browse = QPushButton(self.tr("Bladeren..."))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(browse)
        layout.addLayout(folder_row)
        self._build_language_choice(layout)

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
    def _build_package_choice(self, layout, packages, selected_packages) -> None:
        """Choose packages by contractor, by period, by the panel's selection, or by text:
        each button ticks exactly the packages that match (and shows them)."""
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QComboBox, QDateEdit

        from gis_app.core.packages import contractor_names

        self.package_filter = QLineEdit()
        self.package_filter.setPlaceholderText(self.tr("Zoek op id, naam of aannemer"))
        self.package_filter.setClearButtonEnabled(True)
        self.package_filter.textChanged.connect(self._filter_packages)
        layout.addWidget(self.package_filter)

        grid = QGridLayout()
        self.contractor_combo = QComboBox()
        self.contractor_combo.addItem(self.tr("nog toe te wijzen"), "")
        for name in contractor_names(packages, self.document.project.settings):
            self.contractor_combo.addItem(name, name)
        self.contractor_combo.setCurrentIndex(min(1, self.contractor_combo.count() - 1))
        by_contractor = QPushButton(self.tr("Alleen deze aannemer"))
        by_contractor.clicked.connect(lambda: self.choose_packages(contractor=self.contractor()))
        grid.addWidget(QLabel(self.tr("Aannemer:")), 0, 0)
        grid.addWidget(self.contractor_combo, 0, 1, 1, 3)
        grid.addWidget(by_contractor, 0, 4)

        self.period_from = QDateEdit()
        self.period_to = QDateEdit()
        for edit in (self.period_from, self.period_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
        starts = _dates(packages, "period_start") if packages is not None else []
        first = min(starts) if starts else None
        begin = QDate(first.year, first.month, first.day) if first else QDate.currentDate()
        self.period_from.setDate(begin)
        self.period_to.setDate(begin.addMonths(3))
        by_period = QPushButton(self.tr("Alleen deze periode"))
        by_period.clicked.connect(
            lambda: self.choose_packages(start=self.period_start(), end=self.period_end())
        )
        grid.addWidget(QLabel(self.tr("Van:")), 1, 0)
        grid.addWidget(self.period_from, 1, 1)
        grid.addWidget(QLabel(self.tr("tot en met:")), 1, 2)
        grid.addWidget(self.period_to, 1, 3)
        grid.addWidget(by_period, 1, 4)

        self.selected_packages = [str(p) for p in (selected_packages or [])]
        self.selection_button = QPushButton(
            self.tr("Selectie uit paneel Werkpakketten (%1)").replace(
                "%1", str(len(self.selected_packages))
            )
        )
        self.selection_button.setEnabled(bool(self.selected_packages))
        self.selection_button.clicked.connect(lambda: self.tick_packages(self.selected_packages))
        grid.addWidget(self.selection_button, 2, 0, 1, 5)
        layout.addLayout(grid)
        enabled = self.package_list.count() > 0
        for widget in (
            self.package_filter,
            self.contractor_combo,
            by_contractor,
            self.period_from,
            self.period_to,
            by_period,
        ):
            widget.setEnabled(enabled)

    def contractor(self) -> str:
        return str(self.contractor_combo.currentData() or "")

    def period_start(self):
        return self.period_from.date().toPython()

    def period_end(self):
        return self.period_to.date().toPython()

    def choose_packages(self, **criteria) -> list[str]:
        """Tick exactly the packages matching ``criteria`` (see
        :func:`gis_app.core.packages.choose_packages`); returns their ids."""
        from gis_app.core.packages import choose_packages

        ids = choose_packages(self.document.project.packages, **criteria)
        self.tick_packages(ids)
        return ids

    def tick_packages(self, ids) -> None:
        wanted = {str(i) for i in ids}
        self.package_filter.clear()
        for i in range(self.package_list.count()):
            item = self.package_list.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else Qt.CheckState.Unchecked
            )
        first = next(
            (
                self.package_list.item(i)
                for i in range(self.package_list.count())
                if self.package_list.item(i).checkState() == Qt.CheckState.Checked
            ),
            None,
        )
        if first is not None:
            self.package_list.scrollToItem(first)

    def _filter_packages(self, text: str) -> None:
        from gis_app.core.packages import choose_packages

        shown = set(choose_packages(self.document.project.packages, text=text))
        for i in range(self.package_list.count()):
            item = self.package_list.item(i)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) not in shown)

    def _update_chosen_count(self, *_args) -> None:
        total = self.package_list.count()
        if total:
            self.chosen_label.setText(
                self.tr("%1 van %2 gekozen")
                .replace("%1", str(len(self._checked(self.package_list))))
                .replace("%2", str(total))
            )

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

    def _build_language_choice(self, layout) -> None:
        """The language of the labels in the files (headers, Toelichting, PDF sheets);
        the window's language by default. Field names stay the same in both."""
        from PySide6.QtWidgets import QComboBox

        from gis_app.core import i18n

        row = QHBoxLayout()
        label = QLabel(self.tr("Taal van kolomkoppen:"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Nederlands"), "nl")
        self.language_combo.addItem(self.tr("Engels"), "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.language())))
        self.language_combo.setToolTip(
            self.tr(
                "Kolomkoppen, toelichting en PDF-kaartbladen in deze taal; de veldnamen in "
                "Shapefile en GeoPackage blijven gelijk."
            )
        )
        label.setBuddy(self.language_combo)
        row.addWidget(label)
        row.addWidget(self.language_combo)
        row.addStretch(1)
        layout.addLayout(row)

    def _browse(self) -> None:
        browse_folder_into(self, self.tr("Exportmap kiezen"), self.folder_edit)

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
            remember_columns=False,  # remembered through the document after the export
            language=self.language_combo.currentData(),
        )

    # --- running ---------------------------------------------------------------------------
    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(message)

    def _close_or_cancel(self) -> None:
        if self._task is not None:
            self.cancel_export()
        else:
            self.reject()

    def cancel_export(self) -> None:
        """Stop the running export at its next file; nothing of it is kept."""
        if self._task is not None:
            self._task.cancel()
            self.close_button.setEnabled(False)
            self.status.setText(self.tr("Export wordt afgebroken..."))

    def reject(self) -> None:  # Esc or the window's close button while exporting: cancel
        if self._task is not None:
            self.cancel_export()
            return
        super().reject()

    def run_export(self) -> bool:
        """Start the export on the task runner; ``True`` when it started.

        The outcome follows as ``exportFinished(exported)``: the report (``self.report``)
        and a summary, an error dialog, or a note that it was cancelled.
        """
        from gis_app.ui.dialogs import show_error, show_info

        if self._task is not None:
            return False
        folder = self.folder_edit.text().strip()
        options = self.options()
        if not folder:
            show_info(
                self, self.tr("Exporteren"), self.tr("Kies eerst een map om in te exporteren.")
            )
            return False
        if not options.formats and not options.field_pack:
            show_info(self, self.tr("Exporteren"), self.tr("Kies minstens één formaat."))
            return False
        if options.package_ids is not None and not options.package_ids:
            show_info(self, self.tr("Exporteren"), self.tr("Kies minstens één werkpakket."))
            return False
        project = self.document.project
        pdf_writer = None
        if "pdf" in options.formats or options.field_pack:
            from gis_app.render.pdf_sheets import write_package_pdf

            pdf_writer = write_package_pdf
        self.export_button.setEnabled(False)
        self.close_button.setText(self.tr("Afbreken"))
        self.progress.setValue(0)

        def finish(exported: bool) -> None:
            self._task = None
            self.export_button.setEnabled(True)
            self.close_button.setEnabled(True)
            self.close_button.setText(self.tr("Sluiten"))
            self.exportFinished.emit(exported)

        def exported(outcome) -> None:
            prepared, report = outcome
            self.report = report
            self.apply_prepared(prepared)
            self.document.remember_export_columns(report.columns)
            QSettings().setValue(SETTINGS_DIR_KEY, folder)
            finish(True)
            show_info(self, self.tr("Export gereed"), report.to_text())
            self.accept()

        def failed(error: BaseException) -> None:
            finish(False)
            show_error(self, error, title=self.tr("Exporteren mislukt"))

        def cancelled() -> None:
            self.status.setText(self.tr("Export afgebroken; er is niets weggeschreven."))
            finish(False)

        def work(progress):
            # preparing (clusters, plan, packages) and writing both run off the UI thread;
            # what the preparation made reaches the project only with a finished export
            prepared = prepare_export(project, progress=progress)
            report = export_project(
                project,
                Path(folder),
                options,
                pdf_writer=pdf_writer,
                progress=progress,
                prepared=prepared,
            )
            return prepared, report

        self._task = task_runner().submit(
            work,
            name="export",
            on_result=exported,
            on_error=failed,
            on_progress=self._progress,
            on_cancelled=cancelled,
        )
        return True

    def apply_prepared(self, prepared: PreparedExport | None) -> None:
        """Put what the export made (clusters, packages) into the project: one undo step.

        Applied when the export finished: a cancelled or failed export leaves nothing in the
        folder (it is written into a hidden folder first), so nothing names these packages.
        """
        change = None if prepared is None else prepared.change
        if change is None or change.is_empty:
            return
        text = (
            self.tr("Clusters en werkpakketten maken voor export")
            if change.clusters is not None
            else self.tr("Werkpakketten maken voor export")
        )
        self.document.apply_change(change, text=text)


def _dates(packages, column: str) -> list:
    if column not in packages:
        return []
    values = pd.to_datetime(packages[column], errors="coerce").dropna()
    return [v.date() for v in values]


def _period_text(start, end) -> str:
    def day(value) -> str:
        stamp = pd.Timestamp(value) if value is not None else pd.NaT
        return "-" if pd.isna(stamp) else stamp.strftime("%d-%m-%Y")

    return f"{day(start)} t/m {day(end)}"


def import_fieldpack_interactive(window, path: str | Path | None = None, *, on_done=None):
    """Bestand > Veldpakket importeren... in the background with progress and cancel
    (:func:`gis_app.ui.fieldpack_import.import_fieldpack_interactive`)."""
    from gis_app.ui.fieldpack_import import import_fieldpack_interactive as run

    return run(window, path, on_done=on_done)


def install_export_action(window) -> QAction:
    """Add Bestand > Exporteren... to ``window`` (above Afsluiten)."""
    action = QAction(tr("&Exporteren..."), window)
    action.setStatusTip(
        tr("Werkpakketten exporteren naar Shapefile, GeoPackage, Excel, PDF en veldpakketten")
    )

    def open_dialog() -> None:
        from gis_app.ui.qgis_export import store_map_state

        store_map_state(window)  # field packs and QGIS projects follow the map
        panel = getattr(window, "packages_panel", None)
        selected = panel.selected_ids() if panel is not None else []
        ExportDialog(window.document, window, selected_packages=selected).exec()

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
