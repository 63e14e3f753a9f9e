"""A planner's first day: welcome page, the sample as a real project, notes on degenerate
figures, Voorkeuren, Help > Sneltoetsen and Handleiding, keyboard and 200 % scaling."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QDockWidget

from gis_app.core.planning.config import PlanningConfig
from gis_app.core.project import Project
from gis_app.paths import ROOT_DIR, SAMPLE_PROJECT
from gis_app.ui import preferences
from gis_app.ui.help import GuideBrowser, collect_shortcuts, guide_sections
from gis_app.ui.planning.metrics import degenerate_notes
from gis_app.ui.shell.main_window import MainWindow

ARTIFACTS = ROOT_DIR / "artifacts"
GUIDE_TASKS = (
    "Gegevens laden",
    "Een pand zoeken",
    "Clusters maken",
    "Snelheid en maatwerk afwegen",
    "Scenario's vergelijken",
    "Werkpakketten maken",
    "Exporteren voor een aannemer",
    "Veldwerk voorbereiden",
    "Herstellen na een crash",
)
GUIDE_TASKS_EN = (
    "Loading data",
    "Finding a building",
    "Making clusters",
    "Balancing speed and bespoke work",
    "Comparing scenarios",
    "Making work packages",
    "Exporting for a contractor",
    "Preparing field work",
    "Recovering after a crash",
)


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.stop_background_work()


@pytest.fixture
def clean_preferences():
    preferences.reset()
    yield
    preferences.reset()


def wait_settled(qtbot, win, timeout=120_000):
    with qtbot.waitSignal(win.settled, timeout=timeout):
        win.when_idle()


# --- welcome page ------------------------------------------------------------------------------
def test_welcome_page_offers_the_first_steps_with_the_sample_in_focus(window, tmp_path, qtbot):
    recent = tmp_path / "vorig.gpkg"
    recent.write_bytes(b"")
    window.project_controller.add_recent(recent)
    window.show_welcome()
    page = window.welcome_page
    assert page.isVisible()
    assert page.geometry() == window.canvas.rect()  # covers the map, no more
    assert QApplication.focusWidget() is page.sample_button  # Enter opens the sample
    texts = [b.text().replace("&", "") for b in (page.sample_button, page.open_button)]
    assert texts == ["Voorbeeldgebied openen", "Project openen..."]
    assert "importeren" in page.import_button.text()
    shown = [
        page.recent_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(page.recent_list.count())
    ]
    assert str(recent.resolve()) in shown
    # Tab walks the buttons in reading order
    chain = [page.sample_button]
    widget = page.sample_button
    while len(chain) < 5:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
    assert chain[1:5] == [page.open_button, page.import_button, page.guide_button, page.recent_list]
    with qtbot.waitSignal(page.guideRequested, timeout=2000):
        page.guide_button.click()


def test_the_sample_opens_from_the_welcome_page_with_every_panel_filled(window, qtbot):
    window.show_welcome()
    with qtbot.waitSignal(window.openFinished, timeout=120_000) as opened:
        qtbot.keyClick(window.welcome_page.sample_button, Qt.Key.Key_Return)
    assert opened.args == [True]
    wait_settled(qtbot, window)
    assert not window.welcome_page.isVisible()
    project = window.document.project
    assert len(project.buildings) == 15_000
    # clusters accepted, every building placed
    assert window.clusters.panel.model.rowCount() == len(project.clusters) > 100
    assert (project.buildings["cluster_id"] != "").all()
    # the plan: 40 starts per week, computed, real dates
    controller = window.planning.controller
    assert controller.config.starts_per_week == 40
    assert controller.result is not None
    metrics = window.planning.panel.metrics
    for key in ("all_verhoogd_done", "all_done", "risk_exposure"):
        assert metrics.text(key) != "–"
    assert metrics.text("all_verhoogd_done") != metrics.text("all_done")
    assert not metrics.note_shown()  # nothing degenerate to explain
    # packages and the saved scenario
    assert window.packages_panel.model.rowCount() == len(project.packages) > 100
    assert (project.buildings["package_id"] != "").sum() == project.packages["n_buildings"].sum()
    assert window.planning.scenarios.list.count() == 1
    assert window.planning.scenarios.list.item(0).text() == "Basis: 40 starts per week"
    # the Tijdlijn tab is behind the attribute table: the plan waits until it comes to the front
    timeline = window.planning.timeline
    assert timeline._pending is not None and not len(timeline.rows)
    window.planning.docks["timeline"].raise_()
    qtbot.waitUntil(lambda: timeline._pending is None)
    assert 0 < len(timeline.rows) <= len(project.clusters)  # those with work
    assert not window.document.undo_stack.canUndo()  # opened, not edited


def test_import_from_the_welcome_page_joins_footprints_and_risk(window, tmp_path, qtbot):
    from gis_app.core.sample import footprints_and_risk_table, generate_buildings, write_risk_csv
    from gis_app.ui.welcome import import_data

    footprints, risk = footprints_and_risk_table(generate_buildings(300, seed=7))
    fp_path, risk_path = tmp_path / "panden.gpkg", tmp_path / "risico.csv"
    footprints.to_file(fp_path, layer="panden", driver="GPKG", engine="pyogrio")
    write_risk_csv(risk.iloc[:-5], risk_path)  # five buildings without a risk row
    window.show_welcome()
    with qtbot.waitSignal(window.openFinished, timeout=60_000) as opened:
        import_data(window, fp_path, risk_path, show_errors=False)
    assert opened.args == [True]
    buildings = window.document.project.buildings
    assert len(buildings) == len(footprints)
    assert (buildings["risk_profile"] == "verhoogd").sum() > 0
    assert {s.role for s in window.document.project.sources} == {"footprints", "risk"}
    assert window.last_report is not None and window.last_report.problems
    assert not window.welcome_page.isVisible()


def test_import_dialog_reads_only_the_chosen_area_and_keeps_the_addresses(
    window, tmp_path, qtbot, monkeypatch
):
    """The import asks for the area after the files: a text that is none of the three forms
    is explained and asked again; the area's panden arrive with their BAG addresses."""
    from tests.test_bag import PAND_IDS, X0, Y0, bag_light

    path = bag_light(tmp_path / "bag-light.gpkg")
    files = iter([(str(path), ""), ("", "")])  # footprints, then no risk table
    monkeypatch.setattr(
        "gis_app.ui.welcome.QFileDialog.getOpenFileName", lambda *a, **k: next(files)
    )
    answers = iter([("ergens", True), (f"{X0 + 45},{Y0 + 2},{X0 + 165},{Y0 + 8}", True)])
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: next(answers))
    refused = []
    monkeypatch.setattr(
        "gis_app.ui.dialogs.message_box", lambda *a, **k: refused.append(a[3]) or None
    )
    window.show_welcome()
    with qtbot.waitSignal(window.openFinished, timeout=60_000) as opened:
        assert window.welcome_page.ask_import()
    assert opened.args == [True]
    assert len(refused) == 1 and "ergens" in refused[0]
    project = window.document.project
    assert project.buildings["building_id"].tolist() == PAND_IDS[1:5]
    assert project.addresses is not None
    assert set(project.addresses["building_id"]) <= set(PAND_IDS[1:5])
    assert len(project.addresses) == int(project.buildings["addresses"].sum())


def test_import_dialog_cancelled_at_the_area_imports_nothing(window, tmp_path, monkeypatch):
    files = iter([(str(tmp_path / "panden.gpkg"), ""), ("", "")])
    monkeypatch.setattr(
        "gis_app.ui.welcome.QFileDialog.getOpenFileName", lambda *a, **k: next(files)
    )
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("", False))
    before = window.document.project
    assert window.welcome_page.ask_import() is False
    assert window.document.project is before


# --- degenerate figures ------------------------------------------------------------------------
def test_a_plan_without_clusters_says_why_its_figures_look_odd(window, qtbot):
    assert window.open_path(SAMPLE_PROJECT, show_errors=False, background=False)
    wait_settled(qtbot, window)
    assert len(window.document.project.clusters) == 0
    metrics = window.planning.panel.metrics
    note = metrics.note.text()
    assert metrics.note_shown() and metrics.note.height() > 0
    assert "Nog geen clusters: panden worden per gemeente gepland." in note
    assert "Moeilijk uitlegbare buren" in note
    assert int(metrics.text("explainability_pairs").split()[0].replace(".", "")) > 0


def test_degenerate_notes_name_each_case():
    day = dt.date(2031, 1, 20)
    base = {"buildings_with_work": 10, "clusters": 3, "explainability_pairs": 5}
    assert degenerate_notes({}) == []
    assert degenerate_notes(base) == []
    assert degenerate_notes({**base, "clusters": 0}) == ["no_clusters", "pairs_without_clusters"]
    same = {k: day for k in ("all_verhoogd_done", "all_licht_verhoogd_done", "all_done")}
    assert degenerate_notes({**base, **same}) == ["equal_dates"]
    assert degenerate_notes({**base, **same, "all_done": dt.date(2032, 1, 1)}) == []
    assert degenerate_notes({**base, "buildings_with_work": 0}) == ["no_work"]


# --- preferences --------------------------------------------------------------------------------
def test_preferences_round_trip_and_reset(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    dialog = preferences.PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == "nl"
    assert dialog.capacity_spin.value() == 40 and dialog.this_week_check.isChecked()
    dialog.language_combo.setCurrentIndex(1)
    dialog.autosave_spin.setValue(7)
    dialog.capacity_spin.setValue(55)
    dialog.this_week_check.setChecked(False)
    dialog.start_edit.setDate(dt.date(2028, 3, 6))
    dialog.folder_edit.setText(str(tmp_path))
    for fmt, check in dialog.format_checks.items():
        check.setChecked(fmt in ("csv", "xlsx"))
    dialog.accept()

    reread = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    assert preferences.language(reread) == "en"
    assert preferences.autosave_minutes(reread) == 7
    assert preferences.starts_per_week(reread) == 55
    assert preferences.start_date(reread) == dt.date(2028, 3, 6)
    assert preferences.export_formats(reread) == ["csv", "xlsx"]
    assert preferences.data_folder(reread) == str(tmp_path)
    assert preferences.new_plan_defaults(reread) == {
        "starts_per_week": 55,
        "start_date": "2028-03-06",
    }
    again = preferences.PreferencesDialog(settings=reread)
    qtbot.addWidget(again)
    assert again.capacity_spin.value() == 55 and not again.this_week_check.isChecked()
    again.reset_button.click()  # Standaardwaarden: stored at once and shown
    assert again.capacity_spin.value() == 40 and again.language_combo.currentData() == "nl"
    assert preferences.starts_per_week(reread) == 40
    assert preferences.start_date(reread) is None
    assert (
        preferences.export_formats(reread) == preferences.DEFAULTS[preferences.KEY_EXPORT_FORMATS]
    )
    assert preferences.autosave_minutes(reread) == preferences.DEFAULTS[preferences.KEY_AUTOSAVE]


def test_preferences_are_used_by_a_new_plan_the_export_dialog_and_autosave(
    qtbot, clean_preferences, tmp_path
):
    from gis_app.core.sample import generate_buildings
    from gis_app.ui.autosave import Autosave
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.export_dialog import ExportDialog

    settings = QSettings()
    settings.setValue(preferences.KEY_CAPACITY, 55)
    settings.setValue(preferences.KEY_START_DATE, "2028-03-06")
    settings.setValue(preferences.KEY_EXPORT_FORMATS, ["csv"])
    settings.setValue(preferences.KEY_EXPORT_COLUMNS, ["building_id", "address", "risk_profile"])
    settings.setValue(preferences.KEY_AUTOSAVE, 9.0)
    settings.setValue(preferences.KEY_DATA_FOLDER, str(tmp_path))

    window = MainWindow()
    qtbot.addWidget(window)
    try:
        window.set_project(Project(buildings=generate_buildings(200, seed=3)))
        config = window.planning.controller.config
        assert (config.starts_per_week, config.start_date) == (55, dt.date(2028, 3, 6))
        # a project with its own planning settings keeps them
        own = PlanningConfig(starts_per_week=12, start_date=dt.date(2027, 1, 4)).to_dict()
        window.set_project(
            Project(buildings=generate_buildings(200, seed=3), settings={"planning": own})
        )
        assert window.planning.controller.config.starts_per_week == 12

        dialog = ExportDialog(window.document, window)
        qtbot.addWidget(dialog)
        ticked = [f for f, check in dialog.format_checks.items() if check.isChecked()]
        assert ticked == ["csv"]
        chosen = dialog._checked(dialog.column_list)
        assert "address" in chosen and "risk_profile" in chosen
        assert "package_name" not in chosen
        assert dialog.folder_edit.text() in (str(tmp_path), str(settings.value("export/last_dir")))
        assert window.project_controller._last_dir() == str(tmp_path)
    finally:
        window.stop_background_work()

    autosave = Autosave(ProjectDocument(), settings=QSettings())
    assert autosave.interval_minutes == 9.0
    autosave.shutdown()


# --- help ----------------------------------------------------------------------------------------
def test_shortcuts_list_holds_every_action_with_a_shortcut(window, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    expected = set()
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            expected.add(
                ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            )
    listed = {dialog.table.item(row, 2).text() for row in range(dialog.table.rowCount())}
    assert "Ctrl+," in expected and expected == listed
    assert dialog.table.rowCount() == len(collect_shortcuts(window))
    rows = {
        dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["Handleiding"] == "F1"
    assert rows["Volgend paneel"] == "F6"
    assert rows["Ongedaan maken"] == QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    # an action added later is listed without editing any list
    extra = QAction("Proefactie", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+F12"))
    assert ("Proefactie", "Ctrl+Alt+F12") in {(s.action, s.keys) for s in collect_shortcuts(window)}


@pytest.mark.parametrize(
    ("language", "tasks", "link", "linked_title"),
    [
        ("nl", GUIDE_TASKS, "03-clusters-maken.md", "Clusters maken"),
        ("en", GUIDE_TASKS_EN, "03-making-clusters.md", "Making clusters"),
    ],
)
def test_the_guide_opens_with_every_task_and_its_pictures(
    qtbot, language, tasks, link, linked_title
):
    sections = guide_sections(language)
    assert all(s.path.parent.name == language for s in sections)
    titles = [s.title for s in sections]
    for task in tasks:
        assert task in titles
    browser = GuideBrowser(None, language)
    qtbot.addWidget(browser)
    assert browser.section_list.count() == len(sections)
    pictures = 0
    for row, section in enumerate(sections):
        browser.section_list.setCurrentRow(row)
        document = browser.browser.document()
        assert section.title in document.toPlainText()
        for line in section.path.read_text(encoding="utf-8").splitlines():
            if line.startswith("!["):
                name = line.split("(", 1)[1].rstrip(")")
                assert (section.path.parent / name).exists(), name
                image = document.resource(
                    QTextDocument.ResourceType.ImageResource,
                    browser.browser.source().resolved(name),
                )
                assert image is not None and not image.isNull(), name
                pictures += 1
    assert pictures >= 8
    # a link to another section follows it and selects it in the list
    browser.section_list.setCurrentRow(0)
    browser.browser.setSource(
        browser.browser.source().resolved(link),
        QTextDocument.ResourceType.MarkdownResource,
    )
    assert browser.section_list.currentItem().text() == linked_title


def test_help_menu_opens_the_guide_and_the_shortcuts(window, qtbot):
    titles = [a.text().replace("&", "") for a in window.help_menu.actions()]
    assert {"Handleiding", "Sneltoetsen", "Welkomstpagina"} <= set(titles)
    assert "Voorkeuren..." in [a.text().replace("&", "") for a in window.edit_menu.actions()]
    window.guide_action.trigger()
    guide = window.findChild(GuideBrowser)
    assert guide is not None and guide.isVisible() and guide.section_list.count() >= 10
    guide.close()


# --- keyboard and screens -----------------------------------------------------------------------
def test_f6_visits_the_map_and_every_open_panel(window, qtbot):
    window.set_project(Project())
    visited = []
    panels = window.focus_panels()
    assert window.canvas in panels
    for _ in range(len(panels)):
        target = window.focus_next_panel()
        visited.append(target)
        focus = QApplication.focusWidget()
        assert focus is not None
        assert focus is target or target.isAncestorOf(focus), target.objectName()

    def names(widgets):
        return [w.objectName() or type(w).__name__ for w in widgets]

    assert sorted(names(visited)) == sorted(names(panels))
    assert names(panels)[:2] == ["LayersDock", "LegendDock"]  # left first, top down
    docks = [d for d in window.findChildren(QDockWidget) if not d.isHidden()]
    assert {d.objectName() for d in docks} <= {p.objectName() for p in panels}
    assert names([window.focus_next_panel(-1)]) == names([visited[-2]])


SCALED = r"""
import json, sys
from gis_app.ui.app import get_app
from gis_app.ui.shell.main_window import MainWindow
app = get_app()
window = MainWindow()
window.resize(1366, 768)
window.show()
window.show_welcome()
app.processEvents()
image = window.grab().toImage()
image.save(sys.argv[1])
bar = window.menuBar()
last_menu = bar.actionGeometry(bar.actions()[-1])
status = window.statusBar().geometry()
print(json.dumps({
    "ratio": image.devicePixelRatio(),
    "image": [image.width(), image.height()],
    "window": [window.width(), window.height()],
    "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
    "menu_right": last_menu.right(),
    "status_bottom": status.bottom(),
    "map": [window.canvas.width(), window.canvas.height()],
    "welcome_button_bottom": window.welcome_page.sample_button.mapTo(
        window, window.welcome_page.sample_button.rect().bottomRight()).y(),
}))
"""


def test_the_window_at_200_percent_is_not_cut_off(tmp_path):
    """QT_SCALE_FACTOR=2: a 1366 x 768 window on a 2732 x 1536 screen (the picture is the
    artifact to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "first_day_scale_200.png"
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = str(ROOT_DIR) + os.pathsep + env.get("PYTHONPATH", "")
    run = subprocess.run(
        [sys.executable, "-c", SCALED, str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout.strip().splitlines()[-1])
    assert facts["ratio"] == 2
    assert facts["window"] == [1366, 768]
    assert facts["image"] == [2732, 1536]  # every logical pixel drawn at twice the size
    assert facts["minimum"][0] <= 1366 and facts["minimum"][1] <= 768
    assert facts["menu_right"] < 1366  # Help, the last menu, is on screen
    assert facts["status_bottom"] < 768
    assert facts["map"][0] >= 300 and facts["map"][1] >= 200
    assert facts["welcome_button_bottom"] < 768
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (2732, 1536)


def test_sample_project_builder_writes_the_realistic_project(tmp_path):
    from gis_app.core.io.projectfile import load_project
    from gis_app.core.sample_project import STARTS_PER_WEEK, make_sample_project

    written = make_sample_project(SAMPLE_PROJECT, tmp_path / "voorbeeld.gpkg")
    project = load_project(written)
    assert len(project.clusters) > 100 and len(project.packages) > 100
    assert project.settings["planning"]["starts_per_week"] == STARTS_PER_WEEK
    assert [s["name"] for s in project.scenarios] == ["Basis: 40 starts per week"]
    assert not project.sources
    before = written.stat().st_mtime_ns
    from gis_app.core import sample_project

    target = sample_project.ensure_sample_project(SAMPLE_PROJECT)
    again = sample_project.ensure_sample_project(SAMPLE_PROJECT)
    assert target == again and target.stat().st_mtime_ns == again.stat().st_mtime_ns
    assert written.stat().st_mtime_ns == before


def test_the_english_guide_covers_every_dutch_section_and_picture():
    def pictures(language):
        names = set()
        for section in guide_sections(language):
            for line in section.path.read_text(encoding="utf-8").splitlines():
                if line.startswith("!["):
                    names.add(line.split("(", 1)[1].rstrip(")"))
        return names

    assert len(guide_sections("en")) == len(guide_sections("nl"))
    assert pictures("en") == pictures("nl")
    for section in guide_sections("en"):
        for target in re.findall(r"\]\(([0-9][^)]*\.md)\)", section.path.read_text("utf-8")):
            assert (section.path.parent / target).exists(), (section.path.name, target)
