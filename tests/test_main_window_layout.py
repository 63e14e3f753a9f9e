"""Main window polish: fits a 1366 x 768 laptop, first tabs, remembered layout, legend
rebuild, trade-off axis, opening in a worker thread, clean shutdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDockWidget, QLabel

from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings
from gis_app.ui.shell.main_window import SMALLEST_SCREEN, MainWindow


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "dorp.gpkg"
    generate_buildings(300, seed=5).to_file(path, layer="buildings", driver="GPKG")
    return path


@pytest.fixture
def window(qtbot, small_file):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(small_file, show_errors=False)
    yield window
    window.document.mark_clean()
    window.close()


def _front_tab(window: MainWindow, dock: QDockWidget) -> bool:
    """``dock`` is the visible one of its tab group (not hidden behind another tab)."""
    return not dock.visibleRegion().isEmpty()


def test_minimum_size_fits_a_1366_by_768_screen(window):
    hint = window.minimumSizeHint()
    width, height = SMALLEST_SCREEN
    # the screen minus a task bar and the title bar: ~48 + ~30 px
    assert hint.width() <= width and hint.height() <= height - 80, hint
    for dock in window.findChildren(QDockWidget):
        assert dock.minimumSizeHint().width() <= 460, dock.objectName()


def test_laid_out_at_1366_the_picture_is_not_scaled(window, tmp_path, qtbot):
    with qtbot.waitSignal(window.screenshotSaved, timeout=120000) as blocker:
        window.save_screenshot(tmp_path / "laptop.png", SMALLEST_SCREEN)
    out = blocker.args[0]
    assert window.screenshot_scaled_from is None
    assert window.width() == 1366 and window.height() == 768
    assert out.exists()
    # the Planning panel fits its dock: no sideways scrolling
    scroll = window.planning.docks["planning"].widget()
    assert scroll.widget().width() <= scroll.viewport().width()


def test_first_tabs_are_table_planning_and_layers(window, qtbot):
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert _front_tab(window, window.table_dock)
    assert not _front_tab(window, window.planning.docks["charts"])
    assert _front_tab(window, window.planning.docks["planning"])
    assert not _front_tab(window, window.identify_dock)
    assert _front_tab(window, window.layers_dock)
    assert _front_tab(window, window.legend_dock)


def test_layout_is_remembered_and_can_be_reset(qtbot, small_file, tmp_path):
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = MainWindow()
    qtbot.addWidget(first)
    assert not first.enable_layout_memory(settings)  # nothing saved yet
    first.resize(1300, 760)
    first.show()
    qtbot.waitExposed(first)
    first.planning.docks["scenarios"].raise_()
    first.legend_dock.hide()
    first.close()  # saves (layout memory is on)
    assert settings.value("main_window/state") is not None

    second = MainWindow()
    qtbot.addWidget(second)
    assert second.enable_layout_memory(settings)
    second.show()
    qtbot.waitExposed(second)
    assert not second.legend_dock.isVisible()
    assert _front_tab(second, second.planning.docks["scenarios"])
    # the saved size, not the default 1600 x 1000 (the width may be clamped to the
    # offscreen test screen by restoreGeometry)
    assert second.height() == 760 and second.width() <= 1300

    second.reset_layout_action.trigger()
    qtbot.waitUntil(lambda: second.legend_dock.isVisible())
    assert _front_tab(second, second.table_dock)
    second.close()


def test_window_without_layout_memory_saves_nothing(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert QSettings().value("main_window/state") is None


def test_legend_rebuild_leaves_no_old_rows_on_screen(window):
    from gis_app.core.styling import STYLE_MILESTONE, StyleSpec

    legend = window.legend_widget
    window.layer_stack.set_building_style(StyleSpec(kind=STYLE_MILESTONE))
    window.layer_stack.set_building_style(StyleSpec())
    # no event loop ran: the replaced rows must already be gone from the widget
    shown = [
        label.text()
        for label in legend.findChildren(QLabel)
        if label.isVisibleTo(legend) and label.text()
    ]
    assert not any("opname gedaan" in text for text in shown)
    assert sum("Gebouwen" in text for text in shown) == 1


def test_tradeoff_axis_shows_0_to_100_percent(window, qtbot):
    window.resize(1366, 768)
    window.show()
    window.planning.docks["charts"].raise_()
    with qtbot.waitSignal(window.settled, timeout=60000):
        window.when_idle()
    item = window.planning.charts.tradeoff_plot.getPlotItem()
    low, high = item.getViewBox().viewRange()[0]
    assert low <= 0.0 and high >= 1.0
    # the plot is not wider than what its view shows (it used to be cut off at ~80 %)
    plot = window.planning.charts.tradeoff_plot
    assert item.geometry().width() <= plot.viewport().width() + 1


def test_charts_behind_another_tab_draw_the_plan_when_they_come_to_the_front(window, qtbot):
    window.resize(1366, 768)
    window.show()
    window.table_dock.raise_()  # Grafieken and Tijdlijn behind the attribute table
    with qtbot.waitSignal(window.settled, timeout=60000):
        window.when_idle()
    planning = window.planning
    controller = planning.controller
    old_curve = controller.curve
    controller.update_config({"starts_per_week": 7})  # a new plan and curve, charts behind
    controller.set_global_share(0.9)
    with qtbot.waitSignal(window.settled, timeout=60000):
        window.when_idle()
    bundle = controller.bundle
    assert controller.curve is old_curve  # not computed while nobody sees it
    assert controller._curve_waiting is not None
    assert planning._charts_pending is bundle  # kept, not drawn
    assert planning.timeline._pending is not None
    _, before = planning.charts.current_marker.getData()
    assert not len(before) or before[0] != pytest.approx(bundle.result.metrics["risk_exposure"])
    planning.docks["charts"].raise_()
    qtbot.waitUntil(lambda: planning._charts_pending is None)
    _, after = planning.charts.current_marker.getData()
    assert after[0] == pytest.approx(bundle.result.metrics["risk_exposure"])
    qtbot.waitUntil(lambda: controller.curve is not old_curve, timeout=60000)
    assert controller._curve_waiting is None
    curve_x, _ = planning.charts.tradeoff_curve.getData()
    assert len(curve_x) == len(controller.curve) == 11
    assert planning.timeline._pending is not None  # still behind Grafieken
    planning.docks["timeline"].raise_()
    qtbot.waitUntil(lambda: planning.timeline._pending is None)
    assert list(planning.timeline.rows["cluster_id"]) == list(bundle.gantt["cluster_id"])


def test_open_in_background_keeps_the_result_and_reports_errors(
    window, small_file, tmp_path, qtbot
):
    window.show()
    window.document.replace_project(Project())
    with qtbot.waitSignal(window.openFinished, timeout=60000) as blocker:
        assert window.open_path(small_file, background=True)  # started: the window paints on
        assert len(window.document.project.buildings) == 0
    assert blocker.args == [True]
    assert len(window.document.project.buildings) == 300
    shown = []
    import gis_app.ui.dialogs as dialogs

    original = dialogs.message_box
    dialogs.message_box = lambda parent, icon, title, text, **kw: shown.append((title, text))
    try:
        bad = tmp_path / "kapot.gpkg"
        bad.write_text("geen geopackage")
        with qtbot.waitSignal(window.openFinished, timeout=60000) as blocker:
            window.open_path(bad, background=True)
        assert blocker.args == [False]
    finally:
        dialogs.message_box = original
    assert shown and shown[0][0] == "Openen mislukt" and "kapot.gpkg" in shown[0][1]
    assert len(window.document.project.buildings) == 300


def test_cancelling_an_open_in_background_keeps_the_current_project(
    window, small_file, qtbot, monkeypatch
):
    import threading

    import gis_app.ui.shell.file_actions as module
    from gis_app.ui.tasks import TaskProgressDialog

    window.show()
    gate = threading.Event()
    real_load = module.load_path

    def slow_load(path):
        assert gate.wait(10)
        return real_load(path)

    monkeypatch.setattr(module, "load_path", slow_load)
    before = window.document.project
    with qtbot.waitSignal(window.openFinished, timeout=60000) as blocker:
        assert window.open_path(small_file, background=True)
        dialog = window.findChild(TaskProgressDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.cancel_button.click()
        gate.set()
    assert blocker.args == [False]
    assert window.document.project is before
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    assert window.document.project is before  # the finished read was dropped


SCRIPT = """
from gis_app.ui.app import get_app
app = get_app()
from gis_app.ui.shell.main_window import MainWindow
w = MainWindow()
w.open_path({path!r})
w.show()
app.processEvents()
w.planning.controller.set_global_share(0.6)
app.processEvents()
print("klaar")
"""


def test_script_ending_without_close_exits_cleanly(small_file):
    """A plan computation still running at interpreter exit must not print tracebacks."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(path=str(small_file))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "klaar" in result.stdout
    assert "Traceback" not in result.stderr and "has been deleted" not in result.stderr
