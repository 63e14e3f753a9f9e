"""The Planning dock's deadlines ("uiterlijk gereed"), remedies, percentiles and bound, with
real app objects: a small generated project (17 clusters) in a PlanningWorkspace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from gis_app.core import planning_views as pv
from gis_app.core.planning import Planner
from tests.test_workspace import make_project, open_workspace

ROOT = Path(__file__).resolve().parents[1]


def small_project():
    """17 grid-cell clusters, 400 buildings, 6 starts a week (plan runs into 2028)."""
    return make_project(n=400, cell=2500.0)


def wait_all(qtbot, ws, timeout: int = 60000) -> None:
    """Until the plan, the curve and every deadline/bound lane are idle."""
    c, d, b = ws.controller, ws.panel.deadlines, ws.panel.bound_view
    lanes = (c.runner, c.curve_runner, d.remedy_runner, d.assistant_runner, b.runner)
    qtbot.waitUntil(lambda: not any(lane.is_busy() for lane in lanes), timeout=timeout)
    qtbot.wait(20)


@pytest.fixture
def small(qtbot):
    with open_workspace(qtbot, small_project()) as ws:
        yield ws
        ws.panel.deadlines.wait()
        ws.panel.bound_view.wait()


def set_verhoogd_years(qtbot, ws, years: float) -> None:
    editor = ws.panel.deadlines.editor
    editor.kinds["verhoogd"].setCurrentIndex(editor.YEARS)
    editor.years["verhoogd"].setValue(years)
    wait_all(qtbot, ws)


def table_misses(view) -> list[tuple[str, int]]:
    table = view.table
    out = []
    for r in range(table.rowCount()):
        building, _cluster = table.item(r, 0).data(Qt.ItemDataRole.UserRole)
        out.append((building, int(table.item(r, 0).data(Qt.ItemDataRole.DisplayRole))))
    return out


def test_deadline_in_the_dock_replans_and_shows_the_misses_of_plan_json(qtbot, small, tmp_path):
    ws = small
    view = ws.panel.deadlines
    assert ws.controller.bundle.result.metrics["deadline_misses"] == []
    assert not view.table.isVisibleTo(ws.panel)
    set_verhoogd_years(qtbot, ws, 1.0)

    assert ws.controller.config.deadlines == {"verhoogd": "1y"}
    assert ws.document.project.settings["planning"]["deadlines"] == {"verhoogd": "1y"}
    metrics = ws.controller.bundle.result.metrics
    misses = metrics["deadline_misses"]
    assert misses, "a 1-year deadline cannot be kept by this capacity"
    assert view.table.rowCount() == len(misses)
    assert sorted(table_misses(view)) == sorted((m["building_id"], m["days_late"]) for m in misses)
    # sorted with the most days late on top
    days = [d for _b, d in table_misses(view)]
    assert days == sorted(days, reverse=True)
    clusters = {m["cluster_id"] for m in misses}
    assert f"{len(misses)} panden in {len(clusters)} clusters" in view.summary.text()
    assert ws.panel.metrics.text("deadline_missed_buildings") == (
        f"{len(misses)} panden in {len(clusters)} clusters"
    )

    # the same settings through the command line
    from gis_app.core.io.projectfile import save_project

    project = small_project()
    path = save_project(project, tmp_path / "p.gpkg")
    out = tmp_path / "plan.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "gis_app", "plan", str(path), "--json", str(out)]
        + ["--deadline", "verhoogd=1y"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    cli = json.loads(out.read_text(encoding="utf-8"))["metrics"]
    assert cli["deadline_misses"] == misses
    assert cli["safe_dates"] == metrics["safe_dates"]


def test_deadline_change_is_one_undo_step_and_undo_replans(qtbot, small):
    ws = small
    stack = ws.document.undo_stack
    set_verhoogd_years(qtbot, ws, 1.0)
    missed = ws.controller.bundle.result.metrics["deadline_missed_buildings"]
    assert missed > 0
    count = stack.count()
    set_verhoogd_years(qtbot, ws, 1.5)
    assert stack.count() == count + 1
    assert ws.controller.config.deadlines == {"verhoogd": "1.5y"}
    stack.undo()
    wait_all(qtbot, ws)
    assert ws.controller.config.deadlines == {"verhoogd": "1y"}
    assert ws.panel.deadlines.editor.years["verhoogd"].value() == pytest.approx(1.0)
    assert ws.controller.bundle.result.metrics["deadline_missed_buildings"] == missed
    # undo takes back the deadline only: a slider moved since keeps its value
    ws.panel.global_slider.slider.setValue(35)
    wait_all(qtbot, ws)
    while stack.canUndo():
        stack.undo()
    wait_all(qtbot, ws)
    assert ws.controller.config.bespoke_share == pytest.approx(0.35)
    assert ws.document.project.settings["planning"]["bespoke_share"] == pytest.approx(0.35)
    assert ws.controller.config.deadlines == {}
    assert ws.controller.bundle.result.metrics["deadline_misses"] == []
    assert ws.panel.deadlines.editor.kinds["verhoogd"].currentIndex() == 0


def test_selecting_a_miss_selects_it_and_shows_both_remedies(qtbot, small):
    ws = small
    view = ws.panel.deadlines
    set_verhoogd_years(qtbot, ws, 1.0)
    zoomed = []
    view.zoomToRowsRequested.connect(lambda rows: zoomed.append(list(rows)))
    view.table.selectRow(0)
    wait_all(qtbot, ws)
    building, cluster = view.selected_miss()
    rows = pv.building_rows(ws.document.project.buildings, [building])
    assert ws.document.selection.tolist() == rows.tolist()
    assert zoomed == [rows.tolist()]
    assert ws.document.selected_cluster_ids == [cluster]
    remedies = view.remedies
    assert remedies is not None and remedies.cluster_id == cluster
    # the same remedies as the planner gives for the same plan
    bundle = ws.controller.bundle
    inputs = ws.controller.session.inputs
    planner = Planner(inputs.buildings, inputs.clusters, ws.controller.config)
    shares = ws.controller.effective_shares(bundle)
    result = planner.run(shares)
    assert result.metrics["deadline_misses"] == bundle.result.metrics["deadline_misses"]
    expected = planner.deadline_remedies(result, [cluster], shares=shares)[0]
    assert remedies.late_buildings == expected.late_buildings
    assert remedies.take_ahead.pairs == expected.take_ahead.pairs
    assert remedies.pull_forward.later_clusters == expected.pull_forward.later_clusters
    assert "risicoblootstelling" in view.pull_side.text.text()
    assert "risicoblootstelling" in view.ahead_side.text.text()


def test_applying_a_remedy_changes_the_plan_and_undoes(qtbot, small):
    ws = small
    view = ws.panel.deadlines
    stack = ws.document.undo_stack
    set_verhoogd_years(qtbot, ws, 1.0)
    before = ws.controller.bundle.result.metrics["deadline_misses"]
    # a cluster with a late building that can still make it (not only preparation-bound)
    view.table.selectRow(0)
    wait_all(qtbot, ws)
    take = view.remedies.take_ahead
    assert view.ahead_side.apply.isEnabled()
    count = stack.count()
    assert view.apply_take_ahead()
    wait_all(qtbot, ws)
    assert stack.count() == count + 1
    assert set(take.building_ids) <= set(ws.controller.config.ahead_of_cluster)
    after = ws.controller.bundle.result
    for building, day in take.completion.items():
        i = int(np.flatnonzero(after.model.building_id == building)[0])
        assert after.date_of(after.completion_week[i]).isoformat() == day
    stack.undo()
    wait_all(qtbot, ws)
    assert ws.controller.config.ahead_of_cluster == []
    assert ws.controller.bundle.result.metrics["deadline_misses"] == before

    # pull the cluster forward: a position lock at the front, undone by one undo
    view.table.selectRow(0)
    wait_all(qtbot, ws)
    cluster = view.remedies.cluster_id
    first = ws.controller.bundle.result.order_ids[0]
    assert view.apply_pull_forward()
    wait_all(qtbot, ws)
    clusters = ws.document.project.clusters
    lock = clusters.loc[clusters["cluster_id"] == cluster, "lock_position"].iloc[0]
    assert lock == 1.0
    assert ws.controller.bundle.result.order_ids[0] == cluster
    stack.undo()
    wait_all(qtbot, ws)
    clusters = ws.document.project.clusters
    assert pd.isna(clusters.loc[clusters["cluster_id"] == cluster, "lock_position"].iloc[0])
    assert ws.controller.bundle.result.order_ids[0] == first


def test_assistant_meets_deadlines_two_ways_and_applies_as_one_step(qtbot, small):
    from gis_app.core.planning.rebalance import meet_deadlines

    ws = small
    view = ws.panel.deadlines
    set_verhoogd_years(qtbot, ws, 1.5)
    assert ws.controller.bundle.result.metrics["deadline_missed_buildings"] > 0
    view.run_assistant("exposure")
    wait_all(qtbot, ws)
    found = view.options["exposure"]
    inputs = ws.controller.session.inputs
    planner = Planner(inputs.buildings, inputs.clusters, ws.controller.config)
    expected = meet_deadlines(planner, "exposure")
    assert found.ahead_of_cluster == expected.ahead_of_cluster
    assert found.misses == expected.misses
    assert "Minste extra risico" in view.assistant_text.text()
    assert view.assistant_apply.isEnabled()
    misses_before = ws.controller.bundle.result.metrics["deadline_missed_buildings"]
    count = ws.document.undo_stack.count()
    assert view.apply_assistant()
    wait_all(qtbot, ws)
    assert ws.document.undo_stack.count() == count + 1
    assert ws.controller.config.ahead_of_cluster == found.ahead_of_cluster
    assert ws.controller.bundle.result.metrics["deadline_missed_buildings"] < misses_before
    view.run_assistant("pairs")
    wait_all(qtbot, ws)
    assert view.options["pairs"].objective == "pairs"
    assert "Minste uitlegbare buren" in view.assistant_text.text()


def test_percentiles_in_key_figures_and_as_chart_markers(qtbot, small):
    ws = small
    metrics = ws.controller.bundle.result.metrics
    safe = metrics["safe_dates"]["verhoogd"]
    text = ws.panel.metrics.text("safe_verhoogd")
    for key in ("p50", "p90", "p100"):
        stamp = pd.Timestamp(safe[key])
        assert f"'{stamp.year % 100:02d}" in text
    points = ws.charts.safe_points
    expected = pv.safe_date_points(metrics)
    assert len(points) == len(expected) > 0
    assert list(points["date"]) == [pd.Timestamp(d) for d in expected["date"]]
    x, y = ws.charts.safe_markers.getData()
    assert len(x) == len(expected)
    mine = points[(points["profile"] == "verhoogd") & (points["percentile"] == "p100")]
    assert pd.Timestamp(mine["date"].iloc[0]) == pd.Timestamp(metrics["all_verhoogd_done"])
    assert ws.charts.safe_labels, "the markers are labelled"
    labels = " ".join(label.toPlainText() for label in ws.charts.safe_labels)
    assert "50" in labels and "100%" in labels
    # a deadline draws its line on the same chart
    set_verhoogd_years(qtbot, ws, 1.0)
    assert len(ws.charts.deadline_lines) == 1
    line_day = pd.Timestamp(ws.charts.deadline_lines[0].value(), unit="s").normalize()
    assert line_day == pd.Timestamp(ws.controller.config.deadline_dates()["verhoogd"])


def test_bound_runs_in_the_background_and_shows_the_gap_of_core(qtbot, small):
    ws = small
    bound_view = ws.panel.bound_view
    assert bound_view.bound is None
    bound_view.start()
    wait_all(qtbot, ws)
    bound = bound_view.bound
    assert bound is not None and not bound.cancelled
    bundle = ws.controller.bundle
    exposure = bundle.result.metrics["risk_exposure"]
    gap = (exposure - bound.lower_bound) / exposure
    assert bound_view.gap == pytest.approx(gap)
    assert bundle.result.metrics["optimality_gap"] == pytest.approx(gap)
    shown = f"{gap * 100:.1f}".replace(".", ",")
    assert f"binnen {shown} %" in bound_view.text.text()
    assert ws.panel.metrics.text("optimality_gap") == f"{shown} %"
    # the same bound as core computes for this plan
    inputs = ws.controller.session.inputs
    planner = Planner(inputs.buildings, inputs.clusters, ws.controller.config)
    core = planner.bound(ws.controller.effective_shares(bundle))
    assert bound.lower_bound == pytest.approx(core.lower_bound, rel=1e-9)
    # a new plan invalidates it
    set_verhoogd_years(qtbot, ws, 1.0)
    assert bound_view.bound is None
    assert "binnen" not in bound_view.text.text()


def test_bound_can_be_stopped_and_a_new_plan_drops_it(qtbot, small):
    ws = small
    bound_view = ws.panel.bound_view
    bound_view.start()
    assert "berekenen" in bound_view.text.text()
    assert bound_view.stop_button.isEnabled()
    bound_view.stop_button.click()  # before the worker got far: it stops at its first check
    wait_all(qtbot, ws)
    bound = bound_view.bound
    assert bound is not None and bound.cancelled
    assert "gestopt" in bound_view.text.text()
    assert not bound_view.stop_button.isEnabled()
    exposure = ws.controller.bundle.result.metrics["risk_exposure"]
    assert 0 < bound.lower_bound <= exposure  # stopped early, still a valid bound

    # a new plan while the bound runs: whatever the old computation gives is not shown
    bound_view.start()
    set_verhoogd_years(qtbot, ws, 1.0)
    assert bound_view.bound is None
    assert "binnen" not in bound_view.text.text()
    assert "optimality_gap" not in ws.controller.bundle.result.metrics


def test_optimised_plan_gets_its_bound_by_itself(qtbot, small):
    ws = small
    ws.controller.set_order("optimise")
    wait_all(qtbot, ws)
    bound_view = ws.panel.bound_view
    assert bound_view.bound is not None
    assert bound_view.text.text().startswith("Geoptimaliseerde planning binnen")


def test_view_helpers_are_plain_core():
    misses = [
        {
            "building_id": "b",
            "cluster_id": "K1",
            "profile": "verhoogd",
            "deadline": "2028-01-04",
            "completion": "2028-03-01",
            "days_late": 57,
        },
        {
            "building_id": "a",
            "cluster_id": "K2",
            "profile": "verhoogd",
            "deadline": "2028-01-04",
            "completion": "2028-05-01",
            "days_late": 118,
        },
        {
            "building_id": "c",
            "cluster_id": "K1",
            "profile": "licht verhoogd",
            "deadline": "2029-01-04",
            "completion": "2029-01-05",
            "days_late": 1,
        },
    ]
    table = pv.deadline_miss_table(misses)
    assert table["building_id"].tolist() == ["a", "b", "c"]
    assert pv.deadline_miss_summary(misses) == {
        "buildings": 3,
        "clusters": 2,
        "max_days_late": 118,
        "by_profile": {"verhoogd": 2, "licht verhoogd": 1},
    }
    clusters = pd.DataFrame({"cluster_id": ["K1", "K2", "K3"], "lock_position": [1.0, np.nan, 2.0]})
    assert pv.pull_forward_position(clusters, "K2") == 3
    assert pv.pull_forward_position(clusters, "K1") == 1
    moved = pv.clusters_pulled_forward(clusters, "K2")
    assert moved["lock_position"].tolist()[1] == 3.0 and np.isnan(clusters["lock_position"][1])
    assert pv.effective_shares(["K1", "K2"], {"K1": 0.5, "K2": None}, 0.2) == {"K1": 0.5, "K2": 0.2}
    planning = {"ahead_of_cluster": ["x"], "deadlines": {"verhoogd": "3y"}}
    assert pv.with_buildings_ahead(planning, ["y", "x"])["ahead_of_cluster"] == ["x", "y"]
    assert pv.with_deadline(planning, "verhoogd", None)["deadlines"] == {}
    assert planning["deadlines"] == {"verhoogd": "3y"}
