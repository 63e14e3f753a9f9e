"""Bestand > Bewonersbrieven...: letters to the residents who can be told their dates now.

The dialog (:class:`LettersDialog`) shows the letter template for editing: the fields to
insert, a live preview of the first letter (the same core function that fills the PDF
letters, :func:`gis_app.core.letters.letter_text`), "Standaard herstellen", and what is
wrong with the template in one line (field and position) before anything is written. The
template and contact are stored in the project through the document (one undo step), so
``gis-app letters`` writes the same letters.

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
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gis_app.ui.text_style import WARN, style_text

SETTINGS_DIR_KEY = "letters/dir"


def tr(text: str) -> str:
    return QCoreApplication.translate("Letters", text)


def install_letters_action(window) -> QAction:
    """Add Bestand > Bewonersbrieven... to the window's file menu."""
    action = QAction(tr("&Bewonersbrieven..."), window)
    action.setStatusTip(
        tr("Brieven aan de bewoners die nu hun data kunnen krijgen, en een samenvoegbestand")
    )
    action.triggered.connect(lambda: open_letters_dialog(window))
    window.file_menu.insertAction(window.file_menu.actions()[-1], action)
    window.letters_action = action
    return action


def _result(window):
    planning = getattr(window, "planning", None)
    controller = getattr(planning, "controller", None)
    return controller.result if controller is not None else None


def letters_interactive(
    window,
    folder: str | Path | None = None,
    confirm=None,
    on_done=None,
    *,
    template: str | None = None,
    contact: str | None = None,
):
    """Write the letters of the current plan into ``folder`` (asked when not given).

    ``template`` and ``contact``: the project's own (or the defaults) when not given.
    ``confirm()`` (default: a question to the planner) decides afterwards whether the told
    dates become commitments. ``on_done(files | None)`` follows on the UI thread. Returns
    the task, or None when nothing was started.
    """
    from gis_app.core.commitments import CommitmentBook, commitments_from_plan, letter_rows
    from gis_app.core.errors import GisAppError
    from gis_app.core.letters import check_template, project_letter_text
    from gis_app.core.planning.promises import tellable
    from gis_app.render.letters import write_letters
    from gis_app.ui.dialogs import show_error, show_info
    from gis_app.ui.tasks import submit_with_progress

    document = window.document
    try:
        stored_template, stored_contact = project_letter_text(document.project.settings)
        template = stored_template if template is None else template
        contact = stored_contact if contact is None else contact
        check_template(template)
    except GisAppError as error:
        show_error(window, error, title=tr("Bewonersbrieven"))
        return None
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

    def work(progress):
        return write_letters(rows, Path(folder), template, contact, progress)

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
        QSettings().setValue(SETTINGS_DIR_KEY, str(folder))
        if (confirm or ask)():
            book = CommitmentBook.from_dict(document.project.commitments or None)
            new = commitments_from_plan(result, buildings, idx, dt.date.today())
            document.set_commitments(
                book.record(new).to_dict(), tr("{0} adressen geïnformeerd").format(len(new))
            )
        if on_done is not None:
            on_done(files)

    return submit_with_progress(
        window,
        work,
        name="letters",
        title=tr("Bewonersbrieven"),
        text=tr("Brieven schrijven..."),
        on_result=written,
        error_title=tr("Bewonersbrieven schrijven mislukt"),
        on_end=(lambda: on_done(None)) if on_done is not None else None,
    )


# --- the template editor -----------------------------------------------------------------


def _preview_row(window):
    """The first letter of the current plan, or a stand-in when nobody can be told now."""
    from gis_app.core.commitments import letter_rows
    from gis_app.core.planning.promises import tellable

    result = _result(window)
    if result is not None:
        idx = tellable(result)
        if len(idx):
            return letter_rows(result, window.document.project.buildings, idx[:1])[0], len(idx)
    today = dt.date.today()
    example = {
        "building_id": "",
        "address": tr("Voorbeeldstraat 1, 9999 ZZ Voorbeeld"),
        "measure": "heavy",
        "approach": "standard",
        "prep_start": today,
        "construction_start": today + dt.timedelta(days=91),
        "completion": today + dt.timedelta(days=273),
    }
    return example, 0


class LettersDialog(QDialog):
    """The letter template, its fields, a live preview of the first letter and the way on
    to writing the letters (see the module docstring)."""

    def __init__(self, window, parent: QWidget | None = None):
        from gis_app.core.errors import GisAppError
        from gis_app.core.letters import (
            DEFAULT_CONTACT,
            DEFAULT_TEMPLATE,
            FIELDS,
            LETTERS_SETTINGS_KEY,
        )

        super().__init__(parent if parent is not None else window)
        self.window_ = window
        self.document = window.document
        self.setWindowTitle(self.tr("Bewonersbrieven"))
        self.row, count = _preview_row(window)
        self.stored_problem = ""
        try:
            from gis_app.core.letters import project_letter_text

            template, contact = project_letter_text(self.document.project.settings)
        except GisAppError as error:
            # a damaged stored template: shown for repair, never replaced silently
            stored = self.document.project.settings.get(LETTERS_SETTINGS_KEY) or {}
            template = str(stored.get("template") or DEFAULT_TEMPLATE)
            contact = str(stored.get("contact") or DEFAULT_CONTACT)
            self.stored_problem = error.message

        if count:
            intro = self.tr("{0} adressen kunnen nu geïnformeerd worden.").format(count)
        else:
            intro = self.tr("Nu kan niemand geïnformeerd worden; het voorbeeld is fictief.")
        self.intro = QLabel(intro)
        self.editor = QPlainTextEdit()
        self.editor.setPlainText(template)
        self.editor.setTabChangesFocus(True)
        self.fields = QListWidget()
        for name in FIELDS:
            self.fields.addItem("{" + name + "}")
        self.fields.setToolTip(self.tr("Dubbelklik om het veld op de cursor in te voegen."))
        self.fields.itemActivated.connect(lambda item: self.insert_field(item.text()))
        self.insert_button = QPushButton(self.tr("Veld &invoegen"))
        self.insert_button.clicked.connect(self._insert_current)
        self.contact = QLineEdit(contact)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        style_text(self.problem, color=WARN)
        self.default_button = QPushButton(self.tr("&Standaard herstellen"))
        self.save_button = QPushButton(self.tr("Sjabloon &opslaan"))
        self.write_button = QPushButton(self.tr("&Brieven schrijven..."))
        self.close_button = QPushButton(self.tr("Sluiten"))
        self.write_button.setDefault(True)
        self.write_button.setEnabled(count > 0)

        fields_box = QVBoxLayout()
        fields_box.addWidget(QLabel(self.tr("Velden:")))
        fields_box.addWidget(self.fields)
        fields_box.addWidget(self.insert_button)
        top = QHBoxLayout()
        editor_box = QVBoxLayout()
        editor_box.addWidget(QLabel(self.tr("Sjabloon:")))
        editor_box.addWidget(self.editor)
        top.addLayout(editor_box, 3)
        top.addLayout(fields_box, 1)
        preview_box = QVBoxLayout()
        preview_box.addWidget(QLabel(self.tr("Voorbeeld (eerste brief):")))
        preview_box.addWidget(self.preview)
        top.addLayout(preview_box, 3)
        form = QFormLayout()
        form.addRow(self.tr("Contact:"), self.contact)
        buttons = QHBoxLayout()
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        for button in (self.save_button, self.write_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.resize(1100, 600)

        self.editor.textChanged.connect(self.update_preview)
        self.contact.textChanged.connect(self.update_preview)
        self.default_button.clicked.connect(self.restore_default)
        self.save_button.clicked.connect(self.save_template)
        self.write_button.clicked.connect(self.write_letters)
        self.close_button.clicked.connect(self.reject)
        self.update_preview()

    # --- editing ---------------------------------------------------------------------------
    def template(self) -> str:
        return self.editor.toPlainText()

    def insert_field(self, text: str) -> None:
        self.editor.insertPlainText(text)
        self.editor.setFocus()

    def _insert_current(self) -> None:
        item = self.fields.currentItem() or self.fields.item(0)
        self.insert_field(item.text())

    def restore_default(self) -> None:
        from gis_app.core.letters import DEFAULT_CONTACT, DEFAULT_TEMPLATE

        self.editor.setPlainText(DEFAULT_TEMPLATE)
        self.contact.setText(DEFAULT_CONTACT)

    def problem_text(self) -> str:
        return self.problem.text()

    def update_preview(self) -> None:
        from gis_app.core.letters import letter_text, template_problem

        problem = template_problem(self.template())
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        usable = problem is None
        self.save_button.setEnabled(usable)
        self.write_button.setEnabled(usable and _preview_count(self) > 0)
        if usable:
            contact = self.contact.text().strip() or self._default_contact()
            self.preview.setPlainText(letter_text(self.template(), self.row, contact))

    def _default_contact(self) -> str:
        from gis_app.core.letters import DEFAULT_CONTACT

        return DEFAULT_CONTACT

    # --- storing and writing -------------------------------------------------------------------
    def save_template(self) -> bool:
        """Store the template and contact in the project (one undo step) when they differ
        from what it holds; False when the template cannot be used."""
        from gis_app.core.letters import LETTERS_SETTINGS_KEY, letter_settings, template_problem

        if template_problem(self.template()) is not None:
            return False
        wanted = letter_settings(self.template(), self.contact.text() or self._default_contact())
        if self.document.project.settings.get(LETTERS_SETTINGS_KEY) != wanted:
            self.document.set_letter_settings(wanted, self.tr("Briefsjabloon gewijzigd"))
        return True

    def write_letters(self, folder=None, confirm=None, on_done=None):
        """Store the template, close, and write the letters (:func:`letters_interactive`)."""
        if not self.save_template():
            return None
        template = self.template()
        contact = self.contact.text().strip() or self._default_contact()
        self.accept()
        return letters_interactive(
            self.window_,
            folder,
            confirm,
            on_done,
            template=template,
            contact=contact,
        )


def _preview_count(dialog: LettersDialog) -> int:
    return 1 if dialog.row.get("building_id") else 0


def open_letters_dialog(window) -> LettersDialog:
    """Bestand > Bewonersbrieven...: the template editor, shown (not blocking)."""
    dialog = LettersDialog(window)
    if dialog.stored_problem:
        dialog.problem.setText(dialog.stored_problem)
        dialog.problem.setVisible(True)
    dialog.open()
    return dialog
