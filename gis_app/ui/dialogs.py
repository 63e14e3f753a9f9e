"""Showing errors to the user: one place, one look.

``show_error(parent, error)`` is what every part of the UI calls when something fails:

* a :class:`~gis_app.core.errors.GisAppError` (something the user can act on) is shown as
  a warning with its own message (file, row, reason) -- never a traceback;
* an ``OSError`` is shown with a short Dutch reason (full disk, no permission, ...);
* anything else is an unexpected error: a short Dutch message saying the work is still
  open, with the log file's location; the details (exception type and the traceback of
  the code, never data) go to the log and to the dialog's "details" section.

All message boxes are built by :func:`message_box`, so tests can patch
``QMessageBox.exec`` once to record instead of blocking.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gis_app.core.errors import GisAppError
from gis_app.core.io.atomic import describe_os_error
from gis_app.core.logsetup import format_exception_safely, log_file

log = logging.getLogger("gis_app.ui")


def tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    *,
    informative: str = "",
    details: str = "",
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox.StandardButton:
    """Show a modal message box; returns the button pressed."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(buttons)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    result = box.exec()
    try:
        return QMessageBox.StandardButton(result)
    except (ValueError, TypeError):
        return QMessageBox.StandardButton.NoButton


def error_text(error: BaseException) -> str:
    """The one-paragraph message shown for ``error``."""
    if isinstance(error, GisAppError):
        return error.user_message()
    if isinstance(error, OSError):
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        return where + describe_os_error(error)
    return tr(
        "Er ging iets onverwachts mis ({kind}). Uw werk staat nog open: sla het project op, "
        "eventueel onder een andere naam."
    ).format(kind=type(error).__name__)


def show_error(
    parent: QWidget | None,
    error: BaseException,
    *,
    title: str | None = None,
    logged: bool = False,
) -> None:
    """Show ``error`` to the user (see the module docstring).

    The error is logged unless ``logged`` says the caller did that already.
    """
    if isinstance(error, (GisAppError, OSError)):
        if not logged:
            log.warning("Foutmelding getoond: %s", type(error).__name__, exc_info=_exc_info(error))
        message_box(
            parent,
            QMessageBox.Icon.Warning,
            title or tr("Fout"),
            error_text(error),
        )
        return
    exc_info = _exc_info(error)
    if not logged:
        log.error("Onverwachte fout", exc_info=exc_info)
    message_box(
        parent,
        QMessageBox.Icon.Critical,
        title or tr("Onverwachte fout"),
        error_text(error),
        informative=tr("De details staan in het logbestand:\n{path}").format(path=log_file()),
        details=format_exception_safely(exc_info),
    )


def _exc_info(error: BaseException):
    return (type(error), error, error.__traceback__)


def show_info(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text, details=details)


def browse_folder_into(parent, title: str, edit) -> None:
    """Let the user pick a folder, starting at ``edit``'s text; the choice goes into ``edit``."""
    from PySide6.QtWidgets import QFileDialog

    folder = QFileDialog.getExistingDirectory(parent, title, edit.text())
    if folder:
        edit.setText(folder)
