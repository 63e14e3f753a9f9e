"""Chart data derived from a plan result (core/planning_views.py), on a hand-made schedule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gis_app.core import planning_views as pv


def _schedule() -> pd.DataFrame:
    start = pd.Timestamp("2027-01-01")
    completion = pd.to_datetime(["2027-03-15", "2027-06-01", "2028-01-10", "2027-03-20"])
    wait = (completion - start) / pv.YEAR
    rate = np.array([1e-5 * 2, 2e-5 * 3, 1e-6 * 1, 5e-6 * 2])  # LPR x persons
    return pd.DataFrame(
        {
            "building_id": ["a", "b", "c", "d"],
            "cluster_id": ["C1", "C1", "C2", "C2"],
            "risk_profile": ["verhoogd", "verhoogd", "licht verhoogd", "normaal"],
            "measure": ["heavy", "heavy", "light", "light"],
            "approach": ["standard", "bespoke", "standard", "standard"],
            "prep_start": [start] * 4,
            "construction_start": completion - pd.Timedelta(days=30),
            "completion": completion,
            "wait_years": wait,
            "exposure": rate * wait,
        }
    )


def test_cumulative_safe_counts_completions_per_month():
    frame = pv.cumulative_safe(_schedule())
    assert frame.index[0] == pd.Timestamp("2027-01-01")
    assert frame.index[-1] == pd.Timestamp("2028-02-01")
    assert frame.loc["2027-04-01", "verhoogd"] == 1
    assert frame.loc["2027-04-01", "normaal"] == 1
    assert frame.loc["2027-07-01", "verhoogd"] == 2
    assert frame.loc["2027-12-01", "licht verhoogd"] == 0
    assert frame.iloc[-1]["totaal"] == 4
    assert "onbekend" not in frame.columns


def test_exposure_over_time_integrates_to_total_exposure():
    schedule = _schedule()
    frame = pv.exposure_over_time(schedule)
    total = schedule["exposure"].sum()
    assert frame["exposure_to_go"].iloc[0] == pytest.approx(total)
    assert frame["exposure_to_go"].iloc[-1] == pytest.approx(0.0, abs=1e-15)
    assert frame["annual_risk"].iloc[0] == pytest.approx(2e-5 + 6e-5 + 1e-6 + 1e-5)
    # after April only b (June) and c (2028) still carry risk
    assert frame.loc["2027-04-01", "annual_risk"] == pytest.approx(6e-5 + 1e-6)
    assert np.all(np.diff(frame["exposure_to_go"].to_numpy()) <= 1e-18)


def test_capacity_by_month_sums_weeks():
    weeks = pd.date_range("2027-01-04", periods=8, freq="7D")
    capacity = pd.DataFrame(
        {"period_start": weeks, "starts": [1, 2, 3, 4, 5, 0, 0, 0], "capacity": [4] * 8}
    )
    monthly = pv.capacity_by_month(capacity)
    assert list(monthly["month"]) == [pd.Timestamp("2027-01-01"), pd.Timestamp("2027-02-01")]
    assert list(monthly["starts"]) == [10, 5]
    assert list(monthly["capacity"]) == [16, 16]
    assert monthly["load"].iloc[0] == pytest.approx(10 / 16)


def test_tradeoff_curve_runs_each_share_and_reports_progress():
    class Result:
        def __init__(self, s):
            self.metrics = {
                "bespoke_share": 0.1 + 0.9 * s,
                "risk_exposure": 1 + s,
                "bespoke_buildings": 10 * s,
                "all_done": "2030-01-01",
            }

    seen = []
    curve = pv.tradeoff_curve(Result, np.linspace(0, 1, 5), progress=seen.append)
    assert list(curve["setting"]) == [0, 0.25, 0.5, 0.75, 1.0]
    assert curve["risk_exposure"].iloc[-1] == 2.0
    assert curve["bespoke_share"].iloc[0] == pytest.approx(0.1)
    assert seen[-1] == 1.0
    stopped = pv.tradeoff_curve(Result, np.linspace(0, 1, 5), cancelled=lambda: True)
    assert len(stopped) == 0


def test_gantt_rows_in_plan_order_with_dominant_profile():
    plan_clusters = pd.DataFrame(
        {
            "cluster_id": ["C2", "C1"],
            "position": [1, 0],
            "start": ["2027-01-01", "2027-01-01"],
            "end": ["2028-01-10", "2027-06-01"],
            "share": [0.0, 0.5],
            "n_buildings": [2, 2],
        }
    )
    clusters = pd.DataFrame({"cluster_id": ["C1", "C2"], "name": ["Noord", "Zuid"]})
    rows = pv.gantt_rows(plan_clusters, _schedule(), clusters)
    assert list(rows["cluster_id"]) == ["C1", "C2"]
    assert list(rows["name"]) == ["Noord", "Zuid"]
    assert list(rows["dominant"]) == ["verhoogd", "licht verhoogd"]  # tie goes to higher risk
    assert list(rows["bespoke"]) == [1, 0]
    assert rows.loc[0, "verhoogd"] == 2


def test_plan_building_columns_align_to_buildings():
    buildings = pd.DataFrame({"building_id": ["x", "c", "a"]})
    cols = pv.plan_building_columns(buildings, _schedule())
    assert np.isnan(cols["plan_completion_year"].iloc[0])
    assert list(cols["plan_completion_year"].iloc[1:]) == [2028.0, 2027.0]
    assert list(cols["plan_approach"]) == ["", "standard", "standard"]


def test_bundle_from_arrays_equals_bundle_from_schedule_table():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_workspace import make_project

    from gis_app.core.planning import Planner, PlanningConfig
    from gis_app.ui.planning.controller import make_bundle

    project = make_project(n=400, cell=2000.0)
    config = PlanningConfig.from_dict(project.settings["planning"])
    result = Planner(project.buildings, project.clusters, config).run(global_share=0.5)
    fast = make_bundle(result, project.buildings, config)
    slow = make_bundle(result, project.buildings, config, use_arrays=False)
    pd.testing.assert_frame_equal(fast.cumulative, slow.cumulative)
    pd.testing.assert_frame_equal(fast.exposure, slow.exposure)
    pd.testing.assert_frame_equal(fast.gantt, slow.gantt)
    for column in ("plan_completion_year", "plan_approach"):
        pd.testing.assert_series_equal(fast.plan_columns[column], slow.plan_columns[column])
    assert (fast.plan_columns["plan_approach"] == "bespoke").sum() == result.metrics[
        "bespoke_buildings"
    ]
