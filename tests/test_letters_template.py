"""The planner's letter template: checked in one line (field and position), stored in the
project (an undoable change), used by the window's preview, the PDF letters and
``gis-app letters`` alike."""

from __future__ import annotations

import csv
import types

import pytest
from planning_fixtures import START
from PySide6.QtWidgets import QWidget
from test_commitments import instance, pdf_text, write_project

from gis_app.cli import main
from gis_app.core.commitments import letter_rows
from gis_app.core.errors import InputError
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.letters import (
    DEFAULT_CONTACT,
    DEFAULT_TEMPLATE,
    LETTERS_SETTINGS_KEY,
    letter_settings,
    letter_text,
    project_letter_text,
    template_problem,
)
from gis_app.core.planning.promises import tellable
from gis_app.core.project import Project

CUSTOM = "Aan de bewoners van\n{adres}\n\nProeftekst: uw bouw start {start_bouw}.\n{contact}\n"


def test_template_problem_names_the_field_and_its_position():
    assert template_problem(DEFAULT_TEMPLATE) is None
    problem = template_problem("Aan de bewoners van {adres}\nBeste {naam},\n")
    assert problem.startswith("sjabloon regel 2, teken 7: onbekend veld '{naam}'")
    assert "\n" not in problem and "{start_bouw}" in problem  # the fields to choose from
    assert (
        template_problem("ok {adres}\nhier } los")
        == "sjabloon regel 2, teken 6: accolade zonder veld"
    )
    assert "teken 1:" in template_problem("{{adres}")
    assert template_problem("  \n") == "sjabloon is leeg"
    assert template_problem("{ adres }") is None  # spaces inside the braces are allowed


def test_project_letter_text_defaults_stored_and_refused():
    assert project_letter_text({}) == (DEFAULT_TEMPLATE, DEFAULT_CONTACT)
    stored = {LETTERS_SETTINGS_KEY: letter_settings(CUSTOM, " de wijkcoördinator ")}
    assert project_letter_text(stored) == (CUSTOM, "de wijkcoördinator")
    with pytest.raises(InputError, match="regel 1, teken 7: onbekend veld"):
        project_letter_text({LETTERS_SETTINGS_KEY: {"template": "Beste {naam}"}})
    with pytest.raises(InputError, match="onbekend veld"):
        letter_settings("Beste {naam}", "")


def test_write_letters_refuses_a_bad_template_before_writing(tmp_path, qapp):
    from gis_app.render.letters import write_letters

    folder = tmp_path / "brieven"
    with pytest.raises(InputError, match="teken"):
        write_letters([], folder, "Beste {naam}", DEFAULT_CONTACT)
    assert not folder.exists()


def test_cli_letters_use_the_template_stored_in_the_project(tmp_path, capsys, qapp):
    path, _, _ = write_project(tmp_path)
    project = load_project(path)
    project.settings[LETTERS_SETTINGS_KEY] = letter_settings(CUSTOM, "de wijkcoördinator")
    save_project(project, path)
    out = tmp_path / "brieven"
    assert main(["letters", str(path), "--out", str(out)]) == 0
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs
    text = " ".join(pdf_text(pdfs[0]).split())
    assert "Proeftekst: uw bouw start" in text and "de wijkcoördinator" in text
    assert "Beste bewoners" not in text  # not the built-in template
    with open(out / "brieven.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {r["contact"] for r in rows} == {"de wijkcoördinator"}


def test_a_damaged_stored_template_opens_with_a_warning(tmp_path, capsys, qapp):
    path, _, _ = write_project(tmp_path)
    project = load_project(path)
    project.settings[LETTERS_SETTINGS_KEY] = {"template": "Beste {naam}", "contact": "x"}
    save_project(project, path)
    reopened = load_project(path)
    assert LETTERS_SETTINGS_KEY not in reopened.settings
    assert any("bewonersbriefsjabloon ongeldig" in w for w in reopened.load_warnings)


def planned_window(qtbot):
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.planning.controller import PlanningController

    buildings, clusters = instance()
    buildings["milestone"] = "versterkingsbesluit"
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = {"start_date": START.isoformat(), "starts_per_week": 2}
    document = ProjectDocument(project)
    controller = PlanningController(document)
    controller.wait()
    qtbot.waitUntil(lambda: controller.result is not None, timeout=20000)
    window = QWidget()
    qtbot.addWidget(window)
    window.document = document
    window.planning = types.SimpleNamespace(controller=controller)
    return window, controller


def test_template_editor_previews_checks_stores_and_writes(qtbot, tmp_path):
    from gis_app.ui.letters_dialog import LettersDialog

    window, controller = planned_window(qtbot)
    document = window.document
    result = controller.result
    first = letter_rows(result, document.project.buildings, tellable(result)[:1])[0]
    dialog = LettersDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.template() == DEFAULT_TEMPLATE
    assert dialog.preview.toPlainText() == letter_text(DEFAULT_TEMPLATE, first, DEFAULT_CONTACT)
    assert first["address"] in dialog.preview.toPlainText()
    assert dialog.write_button.isEnabled()

    # a field inserted at the cursor shows at once in the preview
    dialog.editor.setPlainText("Aan de bewoners van ")
    cursor = dialog.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    dialog.editor.setTextCursor(cursor)
    dialog.fields.setCurrentRow(0)
    dialog.insert_button.click()
    assert dialog.template() == "Aan de bewoners van {adres}"
    assert dialog.preview.toPlainText() == f"Aan de bewoners van {first['address']}"

    # an unknown field: one line naming it and its position, nothing can be stored or written
    dialog.editor.setPlainText("Aan de bewoners van {adres}\nBeste {naam},")
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem_text().startswith("sjabloon regel 2, teken 7: onbekend veld '{naam}'")
    assert not dialog.write_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.save_template() is False
    assert LETTERS_SETTINGS_KEY not in document.project.settings

    dialog.restore_default()
    assert dialog.template() == DEFAULT_TEMPLATE and dialog.problem_text() == ""

    # stored in the project as one undo step
    dialog.editor.setPlainText(CUSTOM)
    dialog.contact.setText("de wijkcoördinator")
    dialog.save_button.click()
    assert project_letter_text(document.project.settings) == (CUSTOM, "de wijkcoördinator")
    assert document.is_dirty
    document.undo_stack.undo()
    assert LETTERS_SETTINGS_KEY not in document.project.settings
    document.undo_stack.redo()
    assert project_letter_text(document.project.settings)[0] == CUSTOM

    # the letters written from the dialog use the edited template
    done = []
    dialog.write_letters(tmp_path / "brieven", confirm=lambda: False, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    pdf = tmp_path / "brieven" / f"brief-{first['building_id']}.pdf"
    text = " ".join(pdf_text(pdf).split())
    assert "Proeftekst: uw bouw start" in text and first["address"] in text
    assert document.project.commitments == {}  # not confirmed: nothing recorded

    # a new dialog opens on the stored template
    again = LettersDialog(window)
    qtbot.addWidget(again)
    assert again.template() == CUSTOM and again.contact.text() == "de wijkcoördinator"
