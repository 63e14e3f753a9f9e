"""The connection to the team database: a libpq URL or a service from ``pg_service.conf``.

:class:`ConnectionDialog` asks for the connection and the project: when opening, a
project from the list the database holds; when saving, a (new) name. The list is read on
the task runner. Passwords are never asked for, shown or kept: libpq finds them in
``.pgpass`` (or the service file), else the keyring (:mod:`gis_app.core.db.connection`);
a password typed into a URL is used for this session only, and the settings remember
the connection without it (:func:`~gis_app.core.db.safe_target`).
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.db import DbError, connect, safe_target
from gis_app.ui.tasks import task_runner

#: QSettings key of the connections used before (without passwords), newest first.
SETTINGS_KEY_CONNECTIONS = "team/connections"
MAX_REMEMBERED = 8


def list_projects(target) -> list[str]:
    """The names of the projects in the team database, sorted; :class:`DbError` when the
    database cannot be read or has no team schema."""
    import psycopg

    from gis_app.core.db.schema import check_schema

    conn = connect(target, autocommit=True) if isinstance(target, str) else target
    try:
        check_schema(conn)
        rows = conn.execute("SELECT name FROM gis_app.projects ORDER BY name").fetchall()
    except psycopg.Error as error:
        from gis_app.core.db.connection import describe_error

        raise DbError(f"projecten ophalen mislukt: {describe_error(error, str(target))}") from None
    finally:
        if isinstance(target, str):
            conn.close()
    return [str(r[0]) for r in rows]


def service_files() -> list[Path]:
    """The ``pg_service.conf`` files libpq reads, in its order (user first)."""
    files = []
    if os.environ.get("PGSERVICEFILE"):
        files.append(Path(os.environ["PGSERVICEFILE"]))
    else:
        files.append(Path.home() / ".pg_service.conf")
    if os.environ.get("PGSYSCONFDIR"):
        files.append(Path(os.environ["PGSYSCONFDIR"]) / "pg_service.conf")
    else:
        files.append(Path("/etc/postgresql-common/pg_service.conf"))
    return files


def service_names() -> list[str]:
    """The service names defined in the service files (unreadable files are skipped)."""
    names: list[str] = []
    for path in service_files():
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (OSError, configparser.Error, UnicodeDecodeError):
            continue
        names.extend(s for s in parser.sections() if s not in names)
    return names


def remembered_connections(settings: QSettings | None = None) -> list[str]:
    settings = settings if settings is not None else QSettings()
    value = settings.value(SETTINGS_KEY_CONNECTIONS, [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if str(v).strip()]


def remember_connection(target: str, settings: QSettings | None = None) -> None:
    """Put ``target`` (its password removed) first in the remembered connections."""
    settings = settings if settings is not None else QSettings()
    safe = safe_target(target)
    items = [safe] + [c for c in remembered_connections(settings) if c != safe]
    settings.setValue(SETTINGS_KEY_CONNECTIONS, items[:MAX_REMEMBERED])


class ConnectionDialog(QDialog):
    """Connection and project name for Openen uit database (``mode="open"``) or Opslaan in
    database (``mode="save"``). After ``exec()``: :meth:`target`, :meth:`project_name`,
    :meth:`replace`."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        mode: str = "open",
        name: str = "",
        settings: QSettings | None = None,
    ):
        super().__init__(parent)
        self.mode = mode
        self.settings = settings if settings is not None else QSettings()
        self._list_task = None
        self.setWindowTitle(
            self.tr("Openen uit database") if mode == "open" else self.tr("Opslaan in database")
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.connection = QComboBox()
        self.connection.setEditable(True)
        self.connection.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.connection.setMinimumWidth(460)
        for item in remembered_connections(self.settings):
            self.connection.addItem(item)
        for service in service_names():
            self.connection.addItem(f"service={service}")
        self.connection.lineEdit().setPlaceholderText(
            self.tr("postgresql://gebruiker@server/database of service=naam")
        )
        form.addRow(self.tr("&Verbinding:"), self.connection)
        hint = QLabel(
            self.tr(
                "Het wachtwoord komt uit .pgpass of de sleutelbos; het wordt nergens "
                "bewaard. Voor een versleutelde verbinding: ?sslmode=require."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form.addRow("", hint)
        layout.addLayout(form)

        row = QHBoxLayout()
        self.list_button = QPushButton(self.tr("&Projecten tonen"))
        self.list_button.clicked.connect(self.refresh_projects)
        row.addWidget(self.list_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.projects = QListWidget()
        self.projects.setMinimumHeight(140)
        self.projects.currentTextChanged.connect(self._project_clicked)
        self.projects.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.projects)

        self.name = QLineEdit(name)
        self.name.setMaxLength(200)
        self.replace_box = QCheckBox(self.tr("Een bestaand project met deze naam &vervangen"))
        if mode == "save":
            names = QFormLayout()
            names.addRow(self.tr("&Naam in de database:"), self.name)
            names.addRow("", self.replace_box)
            layout.addLayout(names)
        else:
            self.name.hide()
            self.replace_box.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Openen") if mode == "open" else self.tr("Opslaan")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.connection.editTextChanged.connect(self._update_ok)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()

    # --- values ---------------------------------------------------------------------------
    def target(self) -> str:
        return self.connection.currentText().strip()

    def project_name(self) -> str:
        if self.mode == "open":
            item = self.projects.currentItem()
            return item.text() if item is not None else ""
        return self.name.text().strip()

    def replace(self) -> bool:
        return self.replace_box.isChecked()

    def set_target(self, target: str) -> None:
        self.connection.setEditText(target)

    # --- behaviour ------------------------------------------------------------------------
    def _update_ok(self, *_args) -> None:
        ok = bool(self.target()) and bool(self.project_name())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _project_clicked(self, text: str) -> None:
        if self.mode == "save" and text:
            self.name.setText(text)
        self._update_ok()

    def refresh_projects(self) -> None:
        """Read the project names of the database on the task runner."""
        target = self.target()
        if not target:
            self.status.setText(self.tr("Geef eerst een verbinding op."))
            return
        self.status.setText(
            self.tr("Projecten ophalen uit {target}...").format(target=safe_target(target))
        )
        self.list_button.setEnabled(False)

        def listed(names: list[str]) -> None:
            self.list_button.setEnabled(True)
            current = self.project_name() if self.mode == "open" else ""
            self.projects.clear()
            self.projects.addItems(names)
            matches = self.projects.findItems(current, Qt.MatchFlag.MatchExactly)
            if matches:
                self.projects.setCurrentItem(matches[0])
            elif self.mode == "open" and names:
                self.projects.setCurrentRow(0)
            self.status.setText(
                self.tr("Projecten in de database: {n}.").format(n=len(names))
                if names
                else self.tr("De database bevat nog geen projecten.")
            )
            self._update_ok()

        def failed(error: BaseException) -> None:
            self.list_button.setEnabled(True)
            self.projects.clear()
            message = error.user_message() if isinstance(error, DbError) else str(error)
            self.status.setText(safe_target(message))
            self._update_ok()

        self._list_task = task_runner().submit(
            lambda _progress: list_projects(target),
            name="team-list",
            on_result=listed,
            on_error=failed,
        )

    def accept(self) -> None:
        if not (self.target() and self.project_name()):
            return
        remember_connection(self.target(), self.settings)
        super().accept()
