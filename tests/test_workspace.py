"""Planning workspace with qtbot: sliders change metrics and chart data, superseded
computations are dropped, map columns are written, screenshots are saved."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings
from gis_app.core.schema import WORKING_CRS, ensure_cluster_columns
from gis_app.ui.document import ProjectDocument

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def make_project(n: int = 900, cell: float = 1500.0, seed: int = 1) -> Project:
    """Sample buildings grouped into grid-cell clusters with a hull polygon each."""
    buildings = generate_buildings(n, seed=seed)
    centroids = shapely.centroid(buildings.geometry.values)
    x, y = shapely.get_x(centroids), shapely.get_y(centroids)
    keys = (
        pd.Series(np.floor(x / cell).astype(int).astype(str))
        + "_"
        + np.floor(y / cell).astype(int).astype(str)
    )
    codes, uniques = pd.factorize(keys, sort=True)
    ids = np.array([f"C{i + 1:02d}" for i in range(len(uniques))], dtype=object)
    buildings["cluster_id"] = ids[codes]
    hulls = [
        shapely.convex_hull(shapely.union_all(buildings.geometry.values[codes == i]))
        for i in range(len(uniques))
    ]
    clusters = gpd.GeoDataFrame(
        {"cluster_id": ids, "name": [f"Cluster {i + 1}" for i in range(len(uniques))]},
        geometry=hulls,
        crs=WORKING_CRS,
    )
    ensure_cluster_columns(clusters)
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = {
        "start_date": "2027-01-04",
        "starts_per_week": 6,
        "bespoke_share": 0.2,
    }
    return project


@contextmanager
def open_workspace(qtbot, project: Project):
    """A planning workspace on ``project`` with its first plan computed; on leaving, waits
    for every background runner so no task outlives the test."""
    from gis_app.ui.planning.workspace import PlanningWorkspace

    ws = PlanningWorkspace(ProjectDocument(project))
    for widget in (ws.panel, ws.charts, ws.timeline, ws.scenarios, ws.dashboard):
        qtbot.addWidget(widget)
    wait_idle(qtbot, ws)
    try:
        yield ws
    finally:
        ws.controller.wait()
        ws.panel.order_comparison.runner.wait()
        ws.scenarios.runner.wait()


@pytest.fixture
def workspace(qtbot):
    with open_workspace(qtbot, make_project()) as ws:
        yield ws


def wait_idle(qtbot, ws, timeout: int = 20000) -> None:
    controller = ws.controller
    qtbot.waitUntil(
        lambda: not controller.runner.is_busy() and not controller.curve_runner.is_busy(),
        timeout=timeout,
    )
    qtbot.wait(20)  # let queued result signals land


def test_first_plan_fills_metrics_charts_and_map_columns(workspace):
    ws = workspace
    bundle = ws.controller.bundle
    assert bundle is not None
    assert ws.panel.metrics.text("risk_exposure").endswith("slachtoffer-jaren")
    assert ws.panel.metrics.text("all_verhoogd_done") != "–"
    x, y = ws.charts.safe_curves["verhoogd"].getData()
    assert len(x) > 3 and y[-1] == bundle.cumulative["verhoogd"].iloc[-1] > 0
    assert len(ws.charts.starts_bars.opts["height"]) == len(bundle.capacity)
    buildings = ws.document.project.buildings
    assert {"plan_completion_year", "plan_approach"} <= set(buildings.columns)
    assert buildings["plan_completion_year"].notna().any()
    assert set(buildings["plan_approach"]) <= {"standard", "bespoke", "none"}
    assert ws.document.plan_result is bundle.result
    # trade-off curve: 11 settings of the global share
    cx, cy = ws.charts.tradeoff_curve.getData()
    assert len(cx) == 11
    mx, my = ws.charts.current_marker.getData()
    assert my[0] == pytest.approx(bundle.result.metrics["risk_exposure"])
    # the map can colour by the plan columns
    from gis_app.core.styling import STYLE_PLAN_APPROACH, STYLE_PLAN_YEAR, StyleSpec, compute_style

    buildings = ws.document.project.buildings
    metrics = ws.controller.bundle.result.metrics
    approach = compute_style(buildings, StyleSpec(kind=STYLE_PLAN_APPROACH))
    counts = {entry.label: entry.count for entry in approach.legend}
    assert counts["maatwerk"] == metrics["bespoke_buildings"]
    assert counts["standaard"] == metrics["standard_buildings"]
    years = compute_style(buildings, StyleSpec(kind=STYLE_PLAN_YEAR))
    labels = [entry.label for entry in years.legend]
    last_year = pd.Timestamp(metrics["all_done"]).year
    assert f"gereed in {last_year}" in labels
    assert sum(entry.count for entry in years.legend) == len(buildings)


def test_moving_global_slider_changes_metrics_and_chart_data(qtbot, workspace):
    ws = workspace
    before_text = ws.panel.metrics.text("bespoke_buildings")
    before_exposure = ws.controller.bundle.result.metrics["risk_exposure"]
    _, before_y = ws.charts.exposure_curve.getData()
    before_y = before_y.copy()
    attrs = []
    ws.document.buildingAttributesChanged.connect(attrs.append)
    ws.panel.global_slider.slider.setValue(100)
    wait_idle(qtbot, ws)
    metrics = ws.controller.bundle.result.metrics
    assert ws.document.project.settings["planning"]["bespoke_share"] == 1.0
    assert ws.document.is_dirty
    assert ws.panel.metrics.text("bespoke_buildings") != before_text
    assert metrics["risk_exposure"] > before_exposure  # bespoke is slower: more risk while waiting
    _, after_y = ws.charts.exposure_curve.getData()
    assert not (len(after_y) == len(before_y) and np.allclose(after_y, before_y))
    assert "100 %" in ws.panel.global_slider.value_label.text()
    assert ["plan_completion_year", "plan_approach", "plan_told"] in attrs
    assert (ws.document.project.buildings["plan_approach"] == "bespoke").sum() == metrics[
        "bespoke_buildings"
    ]


def test_cluster_slider_changes_that_clusters_share(qtbot, workspace):
    ws = workspace
    bundle = ws.controller.bundle
    target = bundle.gantt.sort_values("n_buildings").iloc[-1]["cluster_id"]
    ws.document.set_selected_clusters([target])
    assert ws.panel.cluster_slider.isEnabled() is False
    ws.panel.own_share.setChecked(True)
    ws.panel.cluster_slider.slider.setValue(100)
    wait_idle(qtbot, ws)
    assert ws.controller.cluster_share(target) == 1.0
    clusters = ws.controller.bundle.result.clusters.set_index("cluster_id")
    assert clusters.loc[target, "share"] == 1.0
    others = clusters.drop(index=target)
    assert (others.loc[~others["pseudo"], "share"] == 0.2).all()
    row = ws.controller.bundle.gantt.set_index("cluster_id").loc[target]
    assert row["bespoke"] > bundle.gantt.set_index("cluster_id").loc[target, "bespoke"]
    assert "maatwerk" in ws.panel.cluster_numbers.text()
    ws.panel.own_share.setChecked(False)
    wait_idle(qtbot, ws)
    assert ws.controller.cluster_share(target) is None
    # a cluster edit rebuilds the planner but keeps the neighbour candidates (slow to find)
    old = ws.controller.session.cached.planner
    ws.document.clustersChanged.emit()
    wait_idle(qtbot, ws)
    new = ws.controller.session.cached.planner
    assert new is not old and new.candidates is old.candidates


def test_superseded_slider_moves_only_apply_the_last(qtbot, workspace):
    ws = workspace
    runner = ws.controller.runner
    applied_before = len(runner.applied_generations)
    for value in (10, 30, 50, 70, 90, 40):  # fired faster than a plan takes
        ws.panel.global_slider.slider.setValue(value)
    wait_idle(qtbot, ws)
    new = runner.applied_generations[applied_before:]
    assert new[-1] == runner.generation
    assert len(new) < 6  # at least some were dropped
    assert (
        ws.controller.bundle.result.config.bespoke_share == 0.4
        or ws.controller.config.bespoke_share == 0.4
    )
    shown = ws.panel.metrics.text("bespoke_buildings")
    assert shown.startswith(
        f"{ws.controller.bundle.result.metrics['bespoke_buildings']:,}".replace(",", ".")
    )


def test_editors_change_plan_and_invalid_values_are_refused(qtbot, workspace):
    ws = workspace
    before = ws.controller.config.to_dict()
    ok = ws.controller.update_config({"durations": {"heavy": {"bespoke": {"construction": 1}}}})
    assert not ok
    assert "maatwerk" in ws.controller.error
    assert ws.controller.config.to_dict() == before
    assert "maatwerk" in ws.panel.status.text()
    end_before = ws.controller.bundle.result.metrics["all_done"]
    ws.panel.capacity_editor.starts_spin.setValue(20)
    wait_idle(qtbot, ws)
    assert ws.controller.config.starts_per_week == 20
    assert ws.controller.bundle.result.metrics["all_done"] < end_before
    _, capacity = ws.charts.capacity_line.getData()
    assert np.nanmax(capacity) >= 20 * 4
    # a plan that cannot be made (no capacity) is reported, the last plan stays shown
    shown = ws.controller.bundle
    assert ws.controller.update_config({"starts_per_week": 0})
    wait_idle(qtbot, ws)
    assert "bouwcapaciteit is 0" in ws.panel.status.text()
    assert ws.controller.bundle is shown


def test_hidden_timeline_draws_when_shown(qtbot, workspace):
    ws = workspace
    assert not ws.timeline.isVisible()
    assert ws.timeline._pending is not None  # nothing drawn while hidden
    ws.timeline.show()
    qtbot.waitUntil(lambda: ws.timeline._pending is None)
    bundle = ws.controller.bundle
    assert len(ws.timeline.gantt.x0) == len(bundle.gantt)
    assert list(ws.timeline.rows["cluster_id"]) == list(bundle.gantt["cluster_id"])


def test_screenshots(qtbot, workspace):
    ws = workspace
    ARTIFACTS.mkdir(exist_ok=True)
    ws.document.set_selected_clusters([ws.controller.bundle.gantt["cluster_id"].iloc[0]])
    for name, widget, size in (
        ("workspace_panel", ws.panel, (420, 1000)),
        ("workspace_charts", ws.charts, (1200, 700)),
        ("workspace_timeline", ws.timeline, (1200, 600)),
        ("workspace_dashboard", ws.dashboard, (700, 700)),
    ):
        widget.resize(*size)
        widget.show()
        qtbot.wait(50)
        assert widget.grab().save(str(ARTIFACTS / f"{name}.png"))
    assert (ARTIFACTS / "workspace_charts.png").stat().st_size > 10_000


def test_share_control_in_cluster_panel_follows_selection_and_sets_share(qtbot, workspace):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    ws = workspace
    host = QWidget()
    QVBoxLayout(host)
    qtbot.addWidget(host)
    ws.hook_cluster_panel(host)
    control = ws.cluster_panel_control
    assert control is not None and not control.cluster_slider.isEnabled()
    target = ws.controller.bundle.gantt["cluster_id"].iloc[-1]
    ws.document.set_selected_clusters([target])
    control.own_share.setChecked(True)
    control.cluster_slider.slider.setValue(60)
    wait_idle(qtbot, ws)
    assert ws.controller.cluster_share(target) == pytest.approx(0.6)
    assert ws.panel.cluster_slider.slider.value() == 60  # the other control follows
    assert ws.panel.own_share.isChecked()
