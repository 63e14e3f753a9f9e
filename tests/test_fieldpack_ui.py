"""Bestand > Veldpakket importeren in the window: progress dialog, result, cancel."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from PySide6.QtWidgets import QMessageBox

from gis_app.core.export.exporter import ExportOptions, export_project
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns
from gis_app.render.pdf_sheets import write_package_pdf
from gis_app.ui.document import ProjectDocument
from gis_app.ui.fieldpack_import import import_fieldpack_interactive
from gis_app.ui.tasks import TaskProgressDialog


def project_of(n=12) -> Project:
    x = 250000 + 12.0 * np.arange(n)
    buildings = gpd.GeoDataFrame(
        {
            "building_id": [f"00031000000001{i:02d}" for i in range(n)],
            "risk_profile": np.where(np.arange(n) % 2, "verhoogd", "licht verhoogd"),
            "address": [f"Ëlsstraat {i}" for i in range(n)],
        },
        geometry=shapely.box(x, 594000, x + 10, 594008),
        crs="EPSG:28992",
    )
    return Project(buildings=ensure_building_columns(buildings))


def content_hash(project: Project) -> int:
    frame = pd.DataFrame(project.buildings.drop(columns=project.buildings.geometry.name))
    return int(pd.util.hash_pandas_object(frame.astype(str), index=True).sum())


@pytest.fixture
def window_with_pack(qtbot, tmp_path, monkeypatch):
    """A window on a project, and a field pack the app exported from it, edited in the field."""
    from gis_app.ui.shell.main_window import MainWindow

    document = ProjectDocument(project_of())
    window = MainWindow(document)
    qtbot.addWidget(window)
    export_project(
        document.project,
        tmp_path,
        ExportOptions(formats=(), field_pack=True),
        pdf_writer=write_package_pdf,
    )
    gpkg = next((tmp_path / "veldpakketten").glob("*/*.gpkg"))
    layer = gpd.read_file(gpkg, layer="buildings")
    package = gpd.read_file(gpkg, layer="package")
    target = layer["building_id"].iloc[0]
    layer.loc[0, "field_status"] = "opname"
    layer.loc[0, "field_note"] = "Hond in de tuin"
    gpkg.unlink()
    pyogrio.write_dataframe(layer, gpkg, layer="buildings")
    pyogrio.write_dataframe(package, gpkg, layer="package")

    shown = []  # progress dialogs as they appeared, with what they showed
    original_progress = TaskProgressDialog.set_progress

    def recording_progress(self, fraction, text=""):
        shown.append((self.isVisible(), fraction, text))
        original_progress(self, fraction, text)

    monkeypatch.setattr(TaskProgressDialog, "set_progress", recording_progress)
    answers = []
    monkeypatch.setattr(
        "gis_app.ui.dialogs.message_box",
        lambda *a, **k: answers.append(a) or QMessageBox.StandardButton.Yes,
    )
    yield window, gpkg, target, shown, answers
    document.undo_stack.clear()  # no clean-state signal while the objects are torn down


def test_import_runs_with_a_progress_dialog_and_applies_the_changes(qtbot, window_with_pack):
    window, gpkg, target, shown, answers = window_with_pack
    document = window.document
    row = int(np.flatnonzero(document.project.buildings["building_id"] == target)[0])
    reports = []
    task = import_fieldpack_interactive(window, gpkg, on_done=reports.append)
    assert task is not None
    dialog = window.fieldpack_progress_dialog
    assert dialog.isVisible()  # at once, window-modal
    assert dialog.cancel_button.isVisible() and dialog.cancel_button.text() == "Annuleren"
    assert document.project.buildings.loc[row, "milestone"] != "opname"  # not yet
    qtbot.waitUntil(lambda: len(reports) == 1)
    report = reports[0]
    assert report is not None and report.applied and report.updated_buildings == 1
    assert document.project.buildings.loc[row, "milestone"] == "opname"
    assert document.project.buildings.loc[row, "field_note"] == "Hond in de tuin"
    assert document.undo_stack.count() == 1
    assert len(answers) == 1  # the planner was asked once
    # the worker's steps reached the visible dialog, in order, up to the end
    assert shown and all(visible for visible, _, _ in shown)
    fractions = [f for _, f, _ in shown]
    assert fractions == sorted(fractions)
    assert "Veldpakket vergelijken met het project" in [t for _, _, t in shown]
    assert not [d for d in window.findChildren(TaskProgressDialog) if d.isVisible()]


def test_cancelled_import_changes_nothing(qtbot, window_with_pack):
    window, gpkg, _target, _shown, answers = window_with_pack
    document = window.document
    before = content_hash(document.project)
    dirty = document.is_dirty
    reports = []
    import_fieldpack_interactive(window, gpkg, on_done=reports.append)
    dialog = window.fieldpack_progress_dialog
    dialog.cancel_button.click()
    assert dialog.label.text() == "Bezig met afbreken..."
    qtbot.waitUntil(lambda: len(reports) == 1)
    assert reports == [None]
    assert answers == []  # nothing asked, nothing applied
    assert document.undo_stack.count() == 0
    assert document.is_dirty == dirty
    assert content_hash(document.project) == before
    assert not [d for d in window.findChildren(TaskProgressDialog) if d.isVisible()]


def test_a_broken_pack_shows_an_error_and_changes_nothing(
    qtbot, window_with_pack, tmp_path, monkeypatch
):
    window, _gpkg, _target, _shown, _answers = window_with_pack
    errors = []
    monkeypatch.setattr(
        "gis_app.ui.dialogs.show_error", lambda parent, error, **k: errors.append(str(error))
    )
    before = content_hash(window.document.project)
    broken = tmp_path / "kapot.gpkg"
    broken.write_bytes(b"geen GeoPackage")
    reports = []
    import_fieldpack_interactive(window, broken, on_done=reports.append)
    qtbot.waitUntil(lambda: len(reports) == 1)
    assert reports == [None]
    assert len(errors) == 1 and "kapot.gpkg" in errors[0]
    assert window.document.undo_stack.count() == 0
    assert content_hash(window.document.project) == before


def test_progress_dialog_renders(qtbot, window_with_pack, tmp_path):
    window, gpkg, _target, _shown, _answers = window_with_pack
    dialog = TaskProgressDialog(
        window, "Veldpakket importeren", f"Veldpakket lezen: {gpkg.name}", delay_ms=0
    )
    dialog.set_progress(0.4, "Exportstempels controleren")
    assert dialog.bar.value() == 400 and dialog.label.text() == "Exportstempels controleren"
    image = dialog.grab().toImage()
    assert image.width() >= 360 and image.height() > 50
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 3  # text, bar and button drawn, not a blank rectangle
    assert image.save(str(tmp_path / "fieldpack_import_progress.png"))
    dialog.finish()
