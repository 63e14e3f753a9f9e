"""Bestand > Bewonersbrieven...: letters to the residents who can be told their dates now.

Who can be told comes from the current plan (:func:`gis_app.core.planning.promises.tellable`);
the letters and the mail-merge CSV are written on the task runner
(:func:`gis_app.render.letters.write_letters`). After the letters are written the planner
confirms that they will be sent: only then are the told dates stored as commitments, as one
undoable project change (:meth:`~gis_app.ui.document.ProjectDocument.set_commitments`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

SETTINGS_DIR_KEY = "letters/dir"


def tr(text: str) -> str:
    return QCoreApplication.translate("Letters", text)


def install_letters_action(window) -> QAction:
    """Add Bestand > Bewonersbrieven... to the window's file menu."""
    action = QAction(tr("&Bewonersbrieven..."), window)
    action.setStatusTip(
        tr("Brieven aan de bewoners die nu hun data kunnen krijgen, en een samenvoegbestand")
    )
    action.triggered.connect(lambda: letters_interactive(window))
    window.file_menu.insertAction(window.file_menu.actions()[-1], action)
    window.letters_action = action
    return action


def _result(window):
    planning = getattr(window, "planning", None)
    controller = getattr(planning, "controller", None)
    return controller.result if controller is not None else None


def letters_interactive(window, folder: str | Path | None = None, confirm=None, on_done=None):
    """Write the letters of the current plan into ``folder`` (asked when not given).

    ``confirm()`` (default: a question to the planner) decides afterwards whether the told
    dates become commitments. ``on_done(files | None)`` follows on the UI thread. Returns
    the task, or None when nothing was started.
    """
    from gis_app.core.commitments import CommitmentBook, commitments_from_plan, letter_rows
    from gis_app.core.letters import DEFAULT_CONTACT, DEFAULT_TEMPLATE
    from gis_app.core.planning.promises import tellable
    from gis_app.render.letters import write_letters
    from gis_app.ui.dialogs import show_error, show_info
    from gis_app.ui.tasks import TaskProgressDialog, task_runner

    document = window.document
    result = _result(window)
    if result is None:
        show_info(window, tr("Bewonersbrieven"), tr("Er is nog geen plan berekend."))
        return None
    idx = tellable(result)
    if len(idx) == 0:
        show_info(
            window,
            tr("Bewonersbrieven"),
            tr(
                "Niemand kan nu geïnformeerd worden: geen bouwstart binnen de gecontracteerde "
                "capaciteit met een bekende maatregel die nog niet is toegezegd."
            ),
        )
        return None
    if folder is None:
        start = str(QSettings().value(SETTINGS_DIR_KEY, "") or "")
        folder = QFileDialog.getExistingDirectory(
            window, tr("Bewonersbrieven: kies een map"), start
        )
        if not folder:
            return None
    buildings = document.project.buildings
    rows = letter_rows(result, buildings, idx)
    dialog = TaskProgressDialog(window, tr("Bewonersbrieven"), tr("Brieven schrijven..."))

    def work(progress):
        return write_letters(rows, Path(folder), DEFAULT_TEMPLATE, DEFAULT_CONTACT, progress)

    def ask() -> bool:
        answer = QMessageBox.question(
            window,
            tr("Bewonersbrieven"),
            tr(
                "{0} brieven geschreven in {1}.\n\nWorden ze verstuurd? Dan worden de "
                "genoemde data vastgelegd als toezeggingen: het plan houdt zich eraan."
            ).format(len(rows), folder),
        )
        return answer == QMessageBox.StandardButton.Yes

    def written(files) -> None:
        dialog.finish()
        QSettings().setValue(SETTINGS_DIR_KEY, str(folder))
        if (confirm or ask)():
            book = CommitmentBook.from_dict(document.project.commitments or None)
            new = commitments_from_plan(result, buildings, idx, dt.date.today())
            document.set_commitments(
                book.record(new).to_dict(), tr("{0} adressen geïnformeerd").format(len(new))
            )
        if on_done is not None:
            on_done(files)

    def failed(error: BaseException) -> None:
        dialog.finish()
        show_error(window, error, title=tr("Bewonersbrieven schrijven mislukt"))
        if on_done is not None:
            on_done(None)

    def cancelled() -> None:
        dialog.finish()
        if on_done is not None:
            on_done(None)

    task = task_runner().submit(
        work,
        name="letters",
        on_result=written,
        on_error=failed,
        on_progress=lambda fraction, _text: dialog.set_progress(fraction),
        on_cancelled=cancelled,
    )
    dialog.attach(task)
    return task
