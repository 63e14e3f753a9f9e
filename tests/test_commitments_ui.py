"""Commitments in the window: key figures, Bestand > Bewonersbrieven..., undo, identify."""

from __future__ import annotations

import types

from planning_fixtures import START
from PySide6.QtWidgets import QWidget
from test_commitments import instance

from gis_app.core.commitments import CommitmentBook
from gis_app.core.planning.promises import tellable
from gis_app.core.project import Project
from gis_app.ui.document import ProjectDocument
from gis_app.ui.panels.identify_panel import IdentifyPanel
from gis_app.ui.planning.controller import PlanningController
from gis_app.ui.planning.metrics import MetricsView


def test_letters_from_the_window_record_commitments_with_undo(qtbot, tmp_path, monkeypatch):
    buildings, clusters = instance()
    buildings["milestone"] = "versterkingsbesluit"
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = {"start_date": START.isoformat(), "starts_per_week": 2}
    document = ProjectDocument(project)
    controller = PlanningController(document)
    controller.wait()
    qtbot.waitUntil(lambda: controller.result is not None, timeout=20000)
    result = controller.result
    expected = {str(result.model.building_id[i]) for i in tellable(result)}
    assert expected and result.metrics["tellable"] == len(expected)
    view = MetricsView()
    qtbot.addWidget(view)
    view.set_metrics(result.metrics)
    assert view.text("tellable") == f"{len(expected)} adressen"
    assert view.text("commitments") == "0 van 0"

    window = QWidget()
    qtbot.addWidget(window)
    window.document = document
    window.planning = types.SimpleNamespace(controller=controller)
    done = []
    from gis_app.ui.letters_dialog import letters_interactive

    letters_interactive(window, tmp_path / "brieven", confirm=lambda: True, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    assert sorted(p.name for p in (tmp_path / "brieven").glob("*.pdf")) == sorted(
        f"brief-{b}.pdf" for b in expected
    )
    book = CommitmentBook.from_dict(document.project.commitments)
    assert book.told_ids() == expected
    # the plan follows: every commitment kept, nobody left to tell among them
    qtbot.waitUntil(lambda: controller.result is not result, timeout=20000)
    controller.wait()
    now = controller.result
    assert now.metrics["commitments"]["kept"] == len(expected)
    assert not expected & {str(now.model.building_id[i]) for i in tellable(now)}
    # what was told, per address
    panel = IdentifyPanel(document)
    qtbot.addWidget(panel)
    first = book.commitments[0]
    row = int(buildings.index[buildings["building_id"] == first.building_id][0])
    panel.show_building(row)
    text = panel.value_of("Toegezegd")
    assert first.construction_start.isoformat() in text and "het plan houdt dit" in text
    # telling is one undo step
    document.undo_stack.undo()
    assert document.project.commitments == {}
    panel.show_building(row)
    assert panel.value_of("Toegezegd") is None
    document.undo_stack.redo()
    assert CommitmentBook.from_dict(document.project.commitments).told_ids() == expected
    # a release needs a reason, and is kept in the audit
    shown = []
    monkeypatch.setattr(
        "gis_app.ui.dialogs.show_error", lambda _p, error, **_k: shown.append(error)
    )
    panel.show_building(row)
    assert panel.release_commitment("  ") is False and "reden" in shown[0].message
    assert panel.release_commitment("bewoner verhuisd") is True
    after = CommitmentBook.from_dict(document.project.commitments)
    assert first.building_id not in after.told_ids()
    assert after.releases[-1].reason == "bewoner verhuisd"
    assert after.releases[-1].commitment == first
    controller.wait()
