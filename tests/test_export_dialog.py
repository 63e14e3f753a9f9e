"""The export dialog: choices, remembered columns, progress, errors in a dialog, the menu action."""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import Qt

from gis_app.core.change import applied
from gis_app.core.export.exporter import prepare_export
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns
from gis_app.ui.document import ProjectDocument
from gis_app.ui.export_dialog import ExportDialog


def small_project(n=30) -> Project:
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


def checked(widget):
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def set_checked(widget, names):
    for i in range(widget.count()):
        item = widget.item(i)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in names
                else Qt.CheckState.Unchecked
            )
            item.setCheckState(state)


def test_dialog_defaults_take_addresses_and_leave_personal_data_out(qtbot):
    document = ProjectDocument(small_project())
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    columns = checked(dialog.column_list)
    assert "building_id" in columns and "measure" in columns
    assert "address" in columns and "postcode" in columns  # public BAG data
    assert "residents" not in columns and "eigen_regie" not in columns
    marked = {
        dialog.column_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.column_list.count())
        if "persoonsgegevens" in dialog.column_list.item(i).text()
    }
    assert {"residents", "eigen_regie"} <= marked and "address" not in marked
    assert dialog.package_list.count() == 0  # no packages yet: made on export
    assert dialog.options().package_ids is None


def test_dialog_exports_remembers_columns_and_marks_dirty(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("gis_app.ui.dialogs.message_box", lambda *a, **k: shown.append(a) or None)
    document = ProjectDocument(small_project())
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    for fmt, check in dialog.format_checks.items():
        check.setChecked(fmt in ("csv", "pdf"))
    set_checked(dialog.column_list, {"address", "measure", "construction_start"})
    dialog.folder_edit.setText(str(tmp_path / "uit"))
    progress = []
    dialog.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000):
        assert dialog.run_export()
    assert dialog.report is not None and dialog.report.packages
    assert progress and progress[-1] == 1000
    assert document.project.settings["export_columns"] == [
        "building_id",
        "package_id",
        "address",
        "measure",
        "construction_start",
    ]
    assert document.is_dirty
    assert list((tmp_path / "uit" / "pdf").glob("*.pdf"))
    assert shown  # the summary was shown
    # a new dialog offers the remembered choice
    again = ExportDialog(document)
    qtbot.addWidget(again)
    assert set(checked(again.column_list)) == {
        "building_id",
        "package_id",
        "address",
        "measure",
        "construction_start",
    }
    assert again.package_list.count() == len(document.project.packages)


def test_dialog_shows_errors_instead_of_raising(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("gis_app.ui.dialogs.message_box", lambda *a, **k: shown.append(a) or None)
    document = ProjectDocument(Project())  # no buildings at all
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as blocker:
        assert dialog.run_export()
    assert blocker.args == [False]
    assert dialog.report is None
    assert shown and "geen panden" in shown[-1][3]


def many_packages_project(n: int = 240) -> Project:
    """``n`` buildings in rows, cut into packages of at most 4: about 60 packages (made
    beforehand, so the export only writes)."""
    project = small_project(n)
    x = 250000 + 12.0 * (np.arange(n) % 40)
    y = 594000 + 12.0 * (np.arange(n) // 40)
    project.buildings = project.buildings.set_geometry(shapely.box(x, y, x + 10, y + 8))
    project.settings["packages"] = {"max_buildings": 4}
    return applied(project, prepare_export(project).change)


def test_cancelled_export_leaves_the_folder_as_it_was(qtbot, tmp_path, monkeypatch):
    """Afbreken once progress has started: no export files, no staging or temporary
    files; what was in the folder before is still there, unchanged."""
    monkeypatch.setattr("gis_app.ui.dialogs.message_box", lambda *a, **k: None)
    document = ProjectDocument(many_packages_project())
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    folder = tmp_path / "uit"
    folder.mkdir()
    (folder / "oud.txt").write_text("van een eerdere export", encoding="utf-8")
    for fmt, check in dialog.format_checks.items():
        check.setChecked(fmt in ("shp", "geojson", "csv", "xlsx"))
    dialog.folder_edit.setText(str(folder))
    fractions = []

    def cancel_once_writing(value: int) -> None:
        fractions.append(value / 1000)
        if value > 300 and dialog.close_button.isEnabled():  # writing packages by now
            dialog.close_button.click()  # "Afbreken"

    dialog.progress.valueChanged.connect(cancel_once_writing)
    with qtbot.waitSignal(dialog.exportFinished, timeout=120_000) as blocker:
        assert dialog.run_export()
        assert dialog.close_button.text() == "Afbreken"
    assert blocker.args == [False]
    assert any(0.3 < f < 1.0 for f in fractions)  # cancelled after progress had started
    assert len(document.project.packages) > 40  # it did have many packages to write
    assert dialog.report is None and "afgebroken" in dialog.status.text()
    left = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    assert left == ["oud.txt"]
    assert (folder / "oud.txt").read_text(encoding="utf-8") == "van een eerdere export"
    # the dialog can export again afterwards, and then writes everything
    dialog.progress.valueChanged.disconnect(cancel_once_writing)
    with qtbot.waitSignal(dialog.exportFinished, timeout=120_000) as blocker:
        assert dialog.run_export()
    assert blocker.args == [True]
    assert len(list((folder / "adreslijsten").glob("*.csv"))) == len(document.project.packages)
    assert not [p for p in folder.rglob("*") if p.name.startswith(".")]


def test_main_window_has_the_export_action(qtbot):
    from gis_app.ui.shell.main_window import MainWindow

    window = MainWindow(ProjectDocument(small_project()))
    qtbot.addWidget(window)
    titles = [a.text() for a in window.file_menu.actions()]
    assert "&Exporteren..." in titles
    assert titles.index("&Exporteren...") < titles.index(window.quit_action.text())


def test_packages_listed_when_present(qtbot):
    project = small_project()
    project.packages = gpd.GeoDataFrame(
        pd.DataFrame({"package_id": ["C1-WP01"], "name": ["Ëls 1"], "n_buildings": [3]}),
        geometry=[None],
        crs="EPSG:28992",
    )
    dialog = ExportDialog(ProjectDocument(project))
    qtbot.addWidget(dialog)
    assert dialog.package_list.count() == 1
    assert "Ëls 1" in dialog.package_list.item(0).text()
    assert dialog.options().package_ids == ["C1-WP01"]


def test_fieldpack_import_is_one_undo_step(qtbot, tmp_path, monkeypatch):
    import pyogrio
    from PySide6.QtWidgets import QMessageBox

    from gis_app.core.export.exporter import ExportOptions, export_project
    from gis_app.render.pdf_sheets import write_package_pdf
    from gis_app.ui.export_dialog import import_fieldpack_interactive
    from gis_app.ui.shell.main_window import MainWindow

    answers = []
    monkeypatch.setattr(
        "gis_app.ui.dialogs.message_box",
        lambda *a, **k: answers.append(a) or QMessageBox.StandardButton.Yes,
    )
    document = ProjectDocument(small_project(12))
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
    target = layer["building_id"].iloc[0]
    layer.loc[0, "field_status"] = "opname"
    layer.loc[0, "field_note"] = "Sleutel bij de buren"
    gpkg.unlink()
    pyogrio.write_dataframe(layer, gpkg, layer="buildings")
    row = int(np.flatnonzero(document.project.buildings["building_id"] == target)[0])
    before = document.project.buildings.loc[row, "milestone"]

    reports = []
    import_fieldpack_interactive(window, gpkg, on_done=reports.append)
    qtbot.waitUntil(lambda: len(reports) == 1)  # read and compared on the task runner
    report = reports[0]
    assert report is not None and report.applied
    assert document.project.buildings.loc[row, "milestone"] == "opname"
    assert document.project.buildings.loc[row, "field_note"] == "Sleutel bij de buren"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.project.buildings.loc[row, "milestone"] == before
    document.undo_stack.redo()
    assert document.project.buildings.loc[row, "milestone"] == "opname"
    titles = [a.text() for a in window.file_menu.actions()]
    assert "Veldpakket &importeren..." in titles
    document.undo_stack.clear()  # no clean-state signal while the objects are torn down


def packaged_project():
    """A project with six packages of five buildings, two contractors, consecutive periods."""
    project = small_project(30)
    project.settings["packages"] = {"max_buildings": 5, "merge_leftover": 0}
    project = applied(project, prepare_export(project).change)
    packages = project.packages.iloc[:6].copy()
    packages["contractor"] = ["Bouw A", "Bouw B", "", "Bouw A", "Bouw B", "Bouw A"][: len(packages)]
    start = pd.Timestamp("2027-01-04")
    packages["period_start"] = [start + pd.Timedelta(weeks=8 * i) for i in range(len(packages))]
    packages["period_end"] = packages["period_start"] + pd.Timedelta(weeks=6)
    project.packages = packages
    return project


def test_packages_chosen_by_contractor_period_selection_and_text(qtbot):
    import datetime as dt

    from PySide6.QtCore import QDate

    project = packaged_project()
    ids = project.packages["package_id"].tolist()
    assert len(ids) == 6
    dialog = ExportDialog(ProjectDocument(project), selected_packages=[ids[4], ids[5]])
    qtbot.addWidget(dialog)
    assert checked(dialog.package_list) == ids  # all by default
    contractors = [
        dialog.contractor_combo.itemText(i) for i in range(dialog.contractor_combo.count())
    ]
    assert contractors == ["nog toe te wijzen", "Bouw A", "Bouw B"]
    dialog.contractor_combo.setCurrentIndex(1)
    assert dialog.choose_packages(contractor=dialog.contractor()) == [ids[0], ids[3], ids[5]]
    assert checked(dialog.package_list) == [ids[0], ids[3], ids[5]]
    assert dialog.options().package_ids == [ids[0], ids[3], ids[5]]
    assert "3 van 6 gekozen" in dialog.chosen_label.text()
    dialog.contractor_combo.setCurrentIndex(0)
    dialog.choose_packages(contractor=dialog.contractor())
    assert checked(dialog.package_list) == [ids[2]]  # not yet assigned
    # period: 2027-03-01 .. 2027-04-30 overlaps package 1 (from 01-03) and 2 (from 26-04)
    dialog.period_from.setDate(QDate(2027, 3, 1))
    dialog.period_to.setDate(QDate(2027, 4, 30))
    assert dialog.period_start() == dt.date(2027, 3, 1)
    dialog.choose_packages(start=dialog.period_start(), end=dialog.period_end())
    assert checked(dialog.package_list) == [ids[1], ids[2]]
    assert dialog.selection_button.isEnabled()
    dialog.selection_button.click()
    assert checked(dialog.package_list) == [ids[4], ids[5]]
    dialog.package_filter.setText("bouw b")
    visible = [
        dialog.package_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.package_list.count())
        if not dialog.package_list.item(i).isHidden()
    ]
    assert visible == [ids[1], ids[4]]
    text = dialog.package_list.item(0).text()
    assert "Bouw A" in text and "04-01-2027 t/m 15-02-2027" in text
