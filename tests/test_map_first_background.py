"""Panels of a large project count in the background after its first map.

The cluster statistics and Voortgang's milestone counts of a project that was just
opened are counted on the task runner's thread from copy-on-write snapshots; the UI
thread only shows them. These tests check that the counting ran off the UI thread, that
what is shown equals a plain refresh, and that a count made for an older state is never
shown.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import box

from gis_app.core.clusters import membership as M
from gis_app.core.clusters.frames import cluster_frame
from gis_app.core.clusters.ranking import cluster_statistics
from gis_app.core.sample import generate_buildings
from gis_app.ui import map_first
from gis_app.ui.clusters import panel as panel_module
from gis_app.ui.planning import dashboard as dashboard_module
from gis_app.ui.shell.file_actions import load_path
from gis_app.ui.shell.main_window import MainWindow


@pytest.fixture(scope="module")
def project_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "wijk.gpkg"
    generate_buildings(400, seed=3).to_file(path, layer="buildings", driver="GPKG")
    return path


def with_clusters(project):
    x0, y0, x1, y1 = project.buildings.total_bounds
    xm = (x0 + x1) / 2
    project.clusters = cluster_frame(
        [
            {"cluster_id": "C0001", "name": "West", "color": "#ff0000"},
            {"cluster_id": "C0002", "name": "Oost", "color": "#00ff00"},
        ],
        [box(x0 - 1, y0 - 1, xm, y1 + 1), box(xm, y0 - 1, x1 + 1, (y0 + y1) / 2)],
    )
    M.assign_membership(project.buildings, project.clusters)
    return project


def open_large(qtbot, path, monkeypatch):
    monkeypatch.setattr(map_first, "MAP_FIRST_ROWS", 1)  # every project counts as large
    project, report = load_path(path)
    project = with_clusters(project)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window, project, report


def threads_of(monkeypatch, module, name: str) -> list[str]:
    """Record the thread each call of ``module.name`` runs on (the real function runs)."""
    real = getattr(module, name)
    seen: list[str] = []

    def recorded(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return seen


def test_the_counts_are_made_off_the_ui_thread_and_equal_a_refresh(
    qtbot, project_file, monkeypatch
):
    window, project, report = open_large(qtbot, project_file, monkeypatch)
    # Voortgang in front (as an earlier session may have left it): its view is built
    window.planning.docks["progress"].raise_()
    qtbot.waitUntil(lambda: window.planning._dashboard is not None, timeout=10_000)
    statistics_threads = threads_of(monkeypatch, panel_module, "cluster_statistics")
    dashboard_threads = threads_of(monkeypatch, dashboard_module, "counted")
    window.set_project(project, report)
    assert window.map_first.holding
    qtbot.waitUntil(lambda: window.document.plan_result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    ui = threading.main_thread().name
    assert statistics_threads and statistics_threads[0] != ui
    assert dashboard_threads and dashboard_threads[0] != ui

    panel = window.findChild(panel_module.ClusterPanel)
    expected = cluster_statistics(project.buildings, project.clusters)
    assert int(expected["n_buildings"].sum()) > 0
    pd.testing.assert_frame_equal(panel.model.stats, expected)
    dashboard = window.planning.dashboard
    request = dashboard._request(project.buildings, project.clusters)
    pd.testing.assert_frame_equal(
        dashboard.current, dashboard_module.counted(*request)["area"], check_dtype=False
    )


def test_a_count_made_for_an_older_state_is_not_shown(qtbot, project_file, monkeypatch):
    window, project, report = open_large(qtbot, project_file, monkeypatch)
    window.set_project(project, report)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    panel = window.findChild(panel_module.ClusterPanel)
    document = window.document

    count = panel._count_in_background()
    stale = count(None)
    # meanwhile every building of cluster C0002 moves to C0001
    buildings = document.project.buildings
    moved = buildings["cluster_id"] == "C0002"
    assert moved.any()
    buildings.loc[moved, "cluster_id"] = "C0001"
    document.buildingAttributesChanged.emit(["cluster_id"])
    panel._show_counted(stale)
    shown = panel.model.stats
    assert int(shown.loc["C0002", "n_buildings"]) == 0
    pd.testing.assert_frame_equal(shown, cluster_statistics(buildings, document.project.clusters))

    # the same for Voortgang: a unit changed while counting
    dashboard = window.planning.dashboard
    older = dashboard._count_later()(None)
    dashboard.unit.setCurrentIndex(1 - dashboard.unit.currentIndex())
    dashboard._show_counted(older)
    request = dashboard._request(buildings, document.project.clusters)
    pd.testing.assert_frame_equal(
        dashboard.current, dashboard_module.counted(*request)["area"], check_dtype=False
    )


def test_views_behind_tabs_are_built_when_their_tab_comes_to_the_front(
    qtbot, project_file, monkeypatch
):
    """Grafieken, Scenario's and Voortgang are behind other tabs at start: the window
    does not build them (nor import pyqtgraph for them) before the first map. Raising a
    tab builds its view with the current state: the charts draw the plan there is, and
    Voortgang counts a large project off the UI thread, equal to a plain refresh."""
    window, project, report = open_large(qtbot, project_file, monkeypatch)
    planning = window.planning
    assert planning._charts is None and planning._scenarios is None
    assert planning._dashboard is None
    window.set_project(project, report)
    qtbot.waitUntil(lambda: window.document.plan_result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    assert planning._charts is None and planning._dashboard is None  # still behind

    planning.docks["charts"].raise_()
    qtbot.waitUntil(lambda: planning._charts is not None, timeout=10_000)
    assert planning.docks["charts"].widget() is planning._charts
    starts = planning._charts.starts_bars.opts["height"]
    assert len(starts) > 0 and float(sum(starts)) > 0  # the current plan, drawn

    dashboard_threads = threads_of(monkeypatch, dashboard_module, "counted")
    planning.docks["progress"].raise_()
    qtbot.waitUntil(lambda: planning._dashboard is not None, timeout=10_000)
    assert planning.docks["progress"].widget().widget() is planning._dashboard
    qtbot.waitUntil(lambda: bool(dashboard_threads) and not window.tasks.busy, timeout=30_000)
    assert dashboard_threads[0] != threading.main_thread().name
    dashboard = planning._dashboard
    request = dashboard._request(project.buildings, project.clusters)
    pd.testing.assert_frame_equal(
        dashboard.current, dashboard_module.counted(*request)["area"], check_dtype=False
    )

    planning.docks["scenarios"].raise_()
    qtbot.waitUntil(lambda: planning._scenarios is not None, timeout=10_000)
    assert planning.docks["scenarios"].widget().widget() is planning._scenarios
