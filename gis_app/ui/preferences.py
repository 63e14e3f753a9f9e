"""Bewerken > Voorkeuren: settings of this computer, not of a project (QSettings).

What is stored, and where it is used:

* **Taal** (``nl``/``en``): read by :func:`gis_app.ui.app.get_app` when the application
  starts, so a change applies at the next start (a running window is not retranslated:
  its menus and docks are built once; the dialog says so). ``gis-app --lang nl|en``
  overrides the stored choice for one run (:func:`gis_app.ui.app.requested_language`).
* **Automatisch opslaan**: the interval of :class:`gis_app.ui.autosave.Autosave` (the
  same QSettings key as Bestand > Automatisch opslaan, so both always agree).
* **Nieuwe planning**: construction starts per week and the start date of a project
  without planning settings (:func:`new_plan_defaults`, used by the planning controller).
* **Export**: the formats ticked and the columns chosen when the export dialog opens on a
  project that has no column choice of its own, and the folder it proposes.
* **Gegevensmap**: where Openen and the import dialogs start.

The reset button restores :data:`DEFAULTS` (it does not touch the window layout or the
recent files).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.export import FORMATS
from gis_app.core.export import columns as colmod
from gis_app.ui.app import date_edit_format
from gis_app.ui.dialogs import browse_folder_into

#: The autosave interval's key and default (:class:`gis_app.ui.autosave.Autosave` reads
#: them from here: importing autosave at start would load its file locking for nothing).
SETTINGS_KEY_INTERVAL = "autosave/interval_minutes"
DEFAULT_INTERVAL_MINUTES = 2.0
LANGUAGES = ("nl", "en")
KEY_LANGUAGE = "preferences/language"
KEY_AUTOSAVE = SETTINGS_KEY_INTERVAL
KEY_CAPACITY = "preferences/starts_per_week"
KEY_START_DATE = "preferences/start_date"  # "" = the Monday of the current week
KEY_EXPORT_FORMATS = "preferences/export_formats"
KEY_EXPORT_COLUMNS = "preferences/export_columns"
KEY_DATA_FOLDER = "preferences/data_folder"

#: The defaults, also what "Standaardwaarden" restores.
DEFAULTS: dict[str, Any] = {
    KEY_LANGUAGE: "nl",
    KEY_AUTOSAVE: DEFAULT_INTERVAL_MINUTES,
    KEY_CAPACITY: 40,
    KEY_START_DATE: "",
    KEY_EXPORT_FORMATS: [f for f in FORMATS if f not in ("geojson", "qgis")],
    KEY_EXPORT_COLUMNS: [
        c for c in colmod.LABELS if c in colmod.REQUIRED_COLUMNS or c not in colmod.PERSONAL_COLUMNS
    ],
    KEY_DATA_FOLDER: "",
}
MAX_CAPACITY = 10_000
MAX_AUTOSAVE_MINUTES = 60


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def language(settings: QSettings | None = None) -> str:
    value = str(_settings(settings).value(KEY_LANGUAGE, DEFAULTS[KEY_LANGUAGE]))
    return value if value in LANGUAGES else DEFAULTS[KEY_LANGUAGE]


def autosave_minutes(settings: QSettings | None = None) -> float:
    try:
        value = float(_settings(settings).value(KEY_AUTOSAVE, DEFAULTS[KEY_AUTOSAVE]))
    except (TypeError, ValueError):
        return DEFAULTS[KEY_AUTOSAVE]
    return min(max(value, 0.0), MAX_AUTOSAVE_MINUTES)


def starts_per_week(settings: QSettings | None = None) -> int:
    try:
        value = int(_settings(settings).value(KEY_CAPACITY, DEFAULTS[KEY_CAPACITY]))
    except (TypeError, ValueError):
        return DEFAULTS[KEY_CAPACITY]
    return min(max(value, 1), MAX_CAPACITY)


def start_date(settings: QSettings | None = None) -> dt.date | None:
    """The stored start date of a new plan; ``None`` = the Monday of the current week."""
    text = str(_settings(settings).value(KEY_START_DATE, "") or "")
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def export_formats(settings: QSettings | None = None) -> list[str]:
    stored = _settings(settings).value(KEY_EXPORT_FORMATS)
    if stored is None:
        return list(DEFAULTS[KEY_EXPORT_FORMATS])
    return [f for f in _list(stored) if f in FORMATS]


def export_columns(settings: QSettings | None = None) -> list[str]:
    stored = _settings(settings).value(KEY_EXPORT_COLUMNS)
    if stored is None:
        return list(DEFAULTS[KEY_EXPORT_COLUMNS])
    return [c for c in _list(stored) if c in colmod.LABELS]


def data_folder(settings: QSettings | None = None) -> str:
    return str(_settings(settings).value(KEY_DATA_FOLDER, "") or "")


def new_plan_defaults(settings: QSettings | None = None) -> dict[str, Any]:
    """``PlanningConfig.from_dict`` input for a project without planning settings."""
    out: dict[str, Any] = {"starts_per_week": starts_per_week(settings)}
    date = start_date(settings)
    if date is not None:
        out["start_date"] = date.isoformat()
    return out


def reset(settings: QSettings | None = None) -> None:
    """Restore every preference to :data:`DEFAULTS`."""
    settings = _settings(settings)
    for key, value in DEFAULTS.items():
        settings.setValue(key, value)
    settings.sync()


class PreferencesDialog(QDialog):
    """The form; OK writes QSettings and applies what can be applied at once."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setObjectName("PreferencesDialog")
        self.setWindowTitle(self.tr("Voorkeuren"))
        self.settings = _settings(settings)
        layout = QVBoxLayout(self)

        general = QGroupBox(self.tr("Algemeen"))
        form = QFormLayout(general)
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Nederlands"), "nl")
        self.language_combo.addItem(self.tr("Engels (English)"), "en")
        self.language_note = QLabel(
            self.tr("De taal wordt toegepast bij de volgende start van het programma.")
        )
        self.language_note.setWordWrap(True)
        form.addRow(self.tr("&Taal:"), self.language_combo)
        form.addRow("", self.language_note)
        self.autosave_spin = QSpinBox()
        self.autosave_spin.setRange(0, MAX_AUTOSAVE_MINUTES)
        self.autosave_spin.setSuffix(self.tr(" min"))
        self.autosave_spin.setSpecialValueText(self.tr("uit"))
        form.addRow(self.tr("&Automatisch opslaan elke:"), self.autosave_spin)
        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("(de laatst gebruikte map)"))
        browse = QPushButton(self.tr("&Bladeren..."))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder_edit)
        folder_row.addWidget(browse)
        folder_label = QLabel(self.tr("&Gegevensmap:"))
        folder_label.setBuddy(self.folder_edit)  # a row of a layout gets no buddy by itself
        form.addRow(folder_label, folder_row)
        layout.addWidget(general)

        plan_box = QGroupBox(self.tr("Nieuwe planning"))
        plan_form = QFormLayout(plan_box)
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, MAX_CAPACITY)
        self.capacity_spin.setSuffix(self.tr(" bouwstarts per week"))
        plan_form.addRow(self.tr("&Capaciteit:"), self.capacity_spin)
        date_row = QHBoxLayout()
        self.this_week_check = QCheckBox(self.tr("maandag van deze &week"))
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat(date_edit_format())
        self.this_week_check.toggled.connect(lambda on: self.start_edit.setEnabled(not on))
        date_row.addWidget(self.this_week_check)
        date_row.addWidget(self.start_edit)
        date_label = QLabel(self.tr("&Startdatum:"))
        date_label.setBuddy(self.this_week_check)
        plan_form.addRow(date_label, date_row)
        plan_note = QLabel(self.tr("Geldt voor projecten zonder eigen planningsinstellingen."))
        plan_note.setWordWrap(True)
        plan_form.addRow("", plan_note)
        layout.addWidget(plan_box)

        export_box = QGroupBox(self.tr("Exporteren (standaardkeuze)"))
        export_layout = QHBoxLayout(export_box)
        formats = QGridLayout()
        self.format_checks: dict[str, QCheckBox] = {}
        for i, fmt in enumerate(FORMATS):
            check = QCheckBox(fmt.upper() if fmt != "qgis" else "QGIS")
            self.format_checks[fmt] = check
            formats.addWidget(check, i, 0)
        export_layout.addLayout(formats)
        self.column_list = QListWidget()
        for name in colmod.LABELS:
            item = QListWidgetItem(f"{colmod.label_of(name)} ({name})")  # window's language
            item.setData(Qt.ItemDataRole.UserRole, name)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if name in colmod.REQUIRED_COLUMNS:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            self.column_list.addItem(item)
        export_layout.addWidget(self.column_list, 1)
        layout.addWidget(export_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.reset_button = self.buttons.addButton(
            self.tr("&Standaardwaarden"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reset_button.clicked.connect(self.restore_defaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load()

    # --- form <-> settings --------------------------------------------------------------------
    def load(self) -> None:
        """Fill the form from the stored preferences."""
        s = self.settings
        self.language_combo.setCurrentIndex(LANGUAGES.index(language(s)))
        self.autosave_spin.setValue(round(autosave_minutes(s)))
        self.folder_edit.setText(data_folder(s))
        self.capacity_spin.setValue(starts_per_week(s))
        date = start_date(s)
        self.this_week_check.setChecked(date is None)
        self.start_edit.setEnabled(date is not None)
        shown = date or dt.date.today()
        self.start_edit.setDate(QDate(shown.year, shown.month, shown.day))
        chosen = set(export_formats(s))
        for fmt, check in self.format_checks.items():
            check.setChecked(fmt in chosen)
        columns = set(export_columns(s)) | set(colmod.REQUIRED_COLUMNS)
        for i in range(self.column_list.count()):
            item = self.column_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in columns
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def store(self) -> None:
        """Write the form to the settings."""
        s = self.settings
        s.setValue(KEY_LANGUAGE, self.language_combo.currentData())
        s.setValue(KEY_AUTOSAVE, float(self.autosave_spin.value()))
        s.setValue(KEY_DATA_FOLDER, self.folder_edit.text().strip())
        s.setValue(KEY_CAPACITY, self.capacity_spin.value())
        if self.this_week_check.isChecked():
            s.setValue(KEY_START_DATE, "")
        else:
            s.setValue(KEY_START_DATE, self.start_edit.date().toPython().isoformat())
        s.setValue(
            KEY_EXPORT_FORMATS, [f for f, check in self.format_checks.items() if check.isChecked()]
        )
        s.setValue(
            KEY_EXPORT_COLUMNS,
            [
                self.column_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.column_list.count())
                if self.column_list.item(i).checkState() == Qt.CheckState.Checked
            ],
        )
        s.sync()

    def restore_defaults(self) -> None:
        """Standaardwaarden: the defaults are stored at once and shown in the form."""
        reset(self.settings)
        self.load()

    def accept(self) -> None:
        self.store()
        super().accept()

    def _browse(self) -> None:
        browse_folder_into(self, self.tr("Gegevensmap kiezen"), self.folder_edit)


def show_preferences(window) -> bool:
    """Open the dialog on ``window``; on OK apply the autosave interval at once."""
    dialog = PreferencesDialog(window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if accepted:
        autosave = getattr(getattr(window, "project_controller", None), "autosave", None)
        if autosave is not None:
            autosave.set_interval(autosave_minutes(dialog.settings))
    dialog.deleteLater()
    return accepted
