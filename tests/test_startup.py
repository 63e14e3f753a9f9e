"""The start of the window: the startup trace and the map before the panels and the plan.

No timing is asserted (speed is measured by benchmarks/bench_startup.py); these tests
check which phases are written, in which order, and that a large project's map is
shown before its table, statistics and first plan fill in.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gis_app import startup_trace
from gis_app.core.planning import prefetch
from gis_app.core.sample import generate_buildings
from gis_app.ui import map_first
from gis_app.ui.shell.file_actions import load_path
from gis_app.ui.shell.main_window import MainWindow


@pytest.fixture(scope="module")
def project_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "wijk.gpkg"
    generate_buildings(400, seed=3).to_file(path, layer="buildings", driver="GPKG")
    return path


@pytest.fixture
def trace(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "trace.txt"
    monkeypatch.setenv(startup_trace.ENV, str(path))
    monkeypatch.setattr(startup_trace, "_written", set())
    return path


def test_nothing_is_written_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(startup_trace.ENV, raising=False)
    monkeypatch.setattr(startup_trace, "_written", set())
    startup_trace.mark("main")
    assert not startup_trace.enabled()
    assert list(tmp_path.iterdir()) == []


def test_each_phase_is_written_once(trace):
    startup_trace.mark("main")
    startup_trace.mark("main")
    startup_trace.mark("ui_stall_ms", 12.5)
    assert startup_trace.order(trace) == ["main", "ui_stall_ms"]
    assert startup_trace.read(trace)["ui_stall_ms"] == 12.5


def open_window(qtbot, path, *, map_first_rows, monkeypatch):
    monkeypatch.setattr(map_first, "MAP_FIRST_ROWS", map_first_rows)
    project, report = load_path(path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window, project, report


def test_a_start_writes_its_phases_in_order_and_the_map_comes_before_the_plan(
    qtbot, trace, project_file, monkeypatch
):
    window, project, report = open_window(
        qtbot, project_file, map_first_rows=1, monkeypatch=monkeypatch
    )
    window.set_project(project, report)
    qtbot.waitUntil(lambda: "ui_stall_ms" in startup_trace.read(trace), timeout=60_000)
    order = startup_trace.order(trace)
    assert sorted(order) == sorted(set(order)), "a phase was written twice"
    for phase in (*startup_trace.PHASES[1:], "ui_stall_ms"):  # "main" is the command line's
        assert phase in order, phase

    def before(first, second):
        assert order.index(first) < order.index(second), f"{first} after {second}: {order}"

    for first, second in zip(
        ["read_start", "read_done", "window_built", "window_shown", "project_shown"],
        ["read_done", "window_built", "window_shown", "project_shown", "first_map"],
        strict=True,
    ):
        before(first, second)
    # the map is drawn before the panels fill in and before the first plan is shown
    before("first_map", "table")
    before("first_map", "first_plan")
    before("first_plan", "charts")
    before("charts", "idle")
    assert order[-2:] == ["idle", "ui_stall_ms"]
    assert startup_trace.read(trace)["ui_stall_ms"] >= 0
    # and everything did fill in
    assert window.attribute_table.model.n_total == len(project.buildings)
    assert window.document.plan_result is not None


def test_a_large_project_fills_its_panels_after_the_first_map(qtbot, project_file, monkeypatch):
    window, project, report = open_window(
        qtbot, project_file, map_first_rows=1, monkeypatch=monkeypatch
    )
    events = []
    window.canvas.renderFinished.connect(
        lambda: events.append("map") if window.canvas.last_render_stats.get("visible") else None
    )
    window.document.planChanged.connect(lambda: events.append("plan"))
    window.set_project(project, report)
    # held back: the table is still empty and no plan runs while the map is drawn
    assert window.map_first.holding
    assert window.attribute_table.model.n_total == 0
    assert window.document.plan_result is None
    qtbot.waitUntil(lambda: "plan" in events, timeout=60_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    assert events[0] == "map"
    assert not window.map_first.holding
    assert window.attribute_table.model.n_total == len(project.buildings)
    dashboard = window.planning.dashboard  # behind a tab: built when first asked for
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)  # it counts in the background
    stats = dashboard.current
    assert int(np.asarray(stats["totaal"]).sum()) == len(project.buildings)


def test_a_small_project_fills_its_panels_at_once(qtbot, project_file, monkeypatch):
    window, project, report = open_window(
        qtbot, project_file, map_first_rows=10_000, monkeypatch=monkeypatch
    )
    window.set_project(project, report)
    assert not window.map_first.holding
    assert window.attribute_table.model.n_total == len(project.buildings)
    qtbot.waitUntil(lambda: window.document.plan_result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)


WINDOW_WITHOUT_CHARTS = """
import sys
from gis_app.ui.app import get_app
from gis_app.ui.shell.main_window import MainWindow
from gis_app.ui.shell.file_actions import load_path
app = get_app()
window = MainWindow()
project, report = load_path(sys.argv[1])
window.set_project(project, report)
window.resize(1200, 800)
window.show()
for _ in range(50):
    app.processEvents()
print("before", "pyqtgraph" in sys.modules)
window.planning.docks["charts"].raise_()
app.processEvents()
print("after", "pyqtgraph" in sys.modules, window.planning._charts is not None)
"""


def test_the_window_and_its_map_come_up_without_importing_pyqtgraph(project_file, tmp_path):
    """pyqtgraph (about 0.2 s to import) is for the charts only: a window with a project
    and its map on screen has not imported it; raising Grafieken imports it and builds
    the charts."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_WITHOUT_CHARTS, str(project_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.split("\n")
    assert "before False" in lines
    assert "after True True" in lines


def test_the_window_hands_the_opened_projects_prefetch_to_its_planner(
    qtbot, project_file, monkeypatch
):
    """``gis-app open`` starts finding the neighbour pairs beside the window and offers
    them for the project's buildings; the window's planning session takes them (once),
    its first planner asks them, and another project closes them."""
    window, project, report = open_window(
        qtbot, project_file, map_first_rows=1, monkeypatch=monkeypatch
    )
    asked, closed = [], []

    class Offered:
        distance = 25.0

        def for_model(self, model, distance):
            asked.append((len(model.rows), distance))
            return None  # as a child that failed: the planner finds the pairs itself

        def close(self):
            closed.append(True)

    offered = Offered()
    prefetch.offer(project.buildings, offered)
    window.set_project(project, report)
    qtbot.waitUntil(lambda: window.document.plan_result is not None, timeout=60_000)
    session = window.planning.controller.session
    assert prefetch.take(project.buildings) is None  # taken once
    assert session.prefetch is not None and session.prefetch[1] is offered
    assert asked and asked[0][1] == window.planning.controller.config.neighbour_distance_m
    assert len(window.planning.controller.session.cached.planner.pairs) > 0
    window.set_project(load_path(project_file)[0], None)
    qtbot.waitUntil(lambda: bool(closed), timeout=10_000)
    assert session.prefetch is None


def test_a_large_projects_cluster_overlaps_are_counted_off_the_ui_thread(qtbot, monkeypatch):
    """The cluster panel's first fill counts the statistics, the buildings in more than one
    cluster and the footprints' index on the task runner; the UI thread only shows them."""
    import threading

    from gis_app.core.clusters import membership
    from gis_app.core.clusters.suggest import suggest_clusters
    from gis_app.core.project import Project
    from gis_app.core.schema import ensure_cluster_columns

    buildings = generate_buildings(600, seed=4)
    clusters, assigned = suggest_clusters(buildings, max_buildings=80)
    clusters = ensure_cluster_columns(
        clusters[[c for c in clusters if c not in ("rank", "reason")]]
    )
    buildings["cluster_id"] = assigned.reindex(buildings.index).fillna("").to_numpy(dtype=object)
    buildings = buildings.copy()  # not the frame suggest_clusters made its index of
    # two clusters overlap: their buildings are reported
    clusters.loc[clusters.index[1], "geometry"] = clusters.geometry.iloc[1].union(
        clusters.geometry.iloc[0].buffer(-1.0)
    )
    made_on = []
    real = membership.MembershipIndex.__init__

    def recording(self, frame):
        made_on.append(threading.current_thread().name)
        real(self, frame)

    monkeypatch.setattr(membership.MembershipIndex, "__init__", recording)
    monkeypatch.setattr(map_first, "MAP_FIRST_ROWS", 1)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.set_project(Project(buildings=buildings, clusters=clusters))
    qtbot.waitUntil(lambda: window.document.plan_result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    panel = window.clusters.panel
    expected = membership.overlapping_rows(buildings, clusters)
    assert len(expected) > 0
    np.testing.assert_array_equal(panel._overlapping, expected)
    assert made_on and "MainThread" not in made_on, made_on
