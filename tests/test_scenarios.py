"""Scenario model (core): capture, apply, list operations, JSON safety, comparison."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from gis_app.core import scenarios as sc
from gis_app.core.change import applied, scenario_change
from gis_app.core.project import Project
from gis_app.core.schema import ensure_cluster_columns


def _project() -> Project:
    project = Project()
    clusters = pd.DataFrame(
        {
            "cluster_id": ["C1", "C2", "C3"],
            "name": ["a", "b", "c"],
            "approach_share": [0.8, np.nan, 0.1],
        }
    )
    project.clusters = ensure_cluster_columns(clusters)
    project.settings["planning"] = {"bespoke_share": 0.35, "start_date": "2027-01-01"}
    return project


def test_capture_and_apply_round_trip_through_json():
    project = _project()
    scenario = sc.capture(
        project, "  Snel  ", order="optimise", metrics={"risk_exposure": np.float64(1.5)}
    )
    assert scenario.name == "Snel"
    assert scenario.shares == {"C1": 0.8, "C3": 0.1}
    text = json.dumps([scenario.to_dict()])  # JSON-safe
    project.scenarios = json.loads(text)
    project.settings["planning"] = {"bespoke_share": 1.0}
    project.clusters["approach_share"] = [0.0, 0.5, 0.5]
    loaded = sc.load_scenarios(project)
    assert loaded[0].order == "optimise"
    assert loaded[0].metrics == {"risk_exposure": 1.5}
    change = scenario_change(project, loaded[0])
    result = applied(project, change)
    assert result.settings["planning"] == {"bespoke_share": 0.35, "start_date": "2027-01-01"}
    shares = result.clusters["approach_share"].to_numpy()
    assert shares[0] == 0.8 and np.isnan(shares[1]) and shares[2] == 0.1
    # the input project is left as it was
    assert project.settings["planning"] == {"bespoke_share": 1.0}
    assert project.clusters["approach_share"].tolist() == [0.0, 0.5, 0.5]


def test_applied_settings_are_a_copy():
    project = _project()
    scenario = sc.capture(project, "A")
    project.settings["planning"]["bespoke_share"] = 0.9
    assert scenario.settings["bespoke_share"] == 0.35


def test_list_operations():
    project = _project()
    items = sc.add_scenario([], sc.capture(project, "A"))
    with pytest.raises(sc.ScenarioError):
        sc.add_scenario(items, sc.capture(project, "A"))
    items = sc.duplicate(items, "A")
    items = sc.duplicate(items, "A")
    assert [s.name for s in items] == ["A", "A (kopie 2)", "A (kopie)"]
    items = sc.rename(items, "A (kopie)", "B")
    with pytest.raises(sc.ScenarioError):
        sc.rename(items, "B", "A")
    with pytest.raises(sc.ScenarioError):
        sc.rename(items, "B", "   ")
    items = sc.delete(items, "A (kopie 2)")
    assert [s.name for s in items] == ["A", "B"]
    with pytest.raises(sc.ScenarioError):
        sc.delete(items, "C")
    # duplicate is a deep copy
    items[1].settings["bespoke_share"] = 0.0
    assert items[0].settings["bespoke_share"] == 0.35


def test_load_names_unnamed_entries_instead_of_dropping():
    project = Project()
    project.scenarios = [{"settings": {}}, {"name": "X", "order": "bogus"}]
    loaded = sc.load_scenarios(project)
    assert [s.name for s in loaded] == ["Scenario 1", "X"]
    assert loaded[1].order == "default"


def test_compare_values_deltas_and_differences():
    a = {
        "risk_exposure": 2.0,
        "all_verhoogd_done": pd.Timestamp("2030-01-01"),
        "bespoke_buildings": 10,
        "total_cost": 5e6,
        "custom": 3.0,
        "peak_starts": 40,
    }
    b = {
        "risk_exposure": 2.5,
        "all_verhoogd_done": pd.Timestamp("2030-01-31"),
        "bespoke_buildings": 10,
        "total_cost": 4e6,
        "custom": 3.0,
        "peak_starts": 40,
    }
    comparison = sc.compare({"Snel": a, "Maatwerk": b})
    assert comparison.names == ["Snel", "Maatwerk"]
    assert list(comparison.values.index[:4]) == [
        "risk_exposure",
        "all_verhoogd_done",
        "bespoke_buildings",
        "total_cost",
    ]
    assert comparison.values.at["risk_exposure", "Maatwerk"] == 2.5
    assert comparison.deltas.at["risk_exposure", "Maatwerk"] == pytest.approx(0.5)
    assert comparison.deltas.at["all_verhoogd_done", "Maatwerk"] == pytest.approx(30.0)
    assert comparison.deltas.at["total_cost", "Maatwerk"] == pytest.approx(-1e6)
    assert comparison.differs["risk_exposure"]
    assert not comparison.differs["bespoke_buildings"]
    # a metric without a Dutch label is left out; a known extra one comes in Dutch
    assert "custom" not in comparison.values.index
    assert "peak_starts" in comparison.values.index and not comparison.differs["peak_starts"]
    assert comparison.labels["peak_starts"] == "piek bouwstarts"
    assert comparison.units["peak_starts"] == "starts per week"
    assert comparison.labels["risk_exposure"] == "risicoblootstelling"


def test_compare_needs_a_scenario():
    with pytest.raises(sc.ScenarioError):
        sc.compare({})


# --- the scenario manager (UI) --------------------------------------------------------------


@pytest.fixture
def ui_workspace(qtbot):
    from test_workspace import make_project, open_workspace

    with open_workspace(qtbot, make_project(n=300, cell=3000.0)) as ws:
        yield ws


def test_scenario_survives_save_and_reopen(qtbot, ui_workspace, tmp_path):
    from test_workspace import wait_idle

    from gis_app.core.io.projectfile import load_project, save_project
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.planning.workspace import PlanningWorkspace

    ws = ui_workspace
    ws.panel.global_slider.slider.setValue(70)
    cluster = ws.document.project.clusters["cluster_id"].iloc[0]
    ws.controller.set_cluster_share(cluster, 0.9)
    ws.controller.set_order("optimise")
    wait_idle(qtbot, ws)
    assert ws.scenarios.save_current("Veel maatwerk")
    assert not ws.scenarios.save_current("Veel maatwerk")  # names are unique
    assert "al een scenario" in ws.scenarios.message.text()
    path = save_project(ws.document.project, tmp_path / "plan.gpkg")

    reopened = load_project(path)
    document = ProjectDocument(reopened)
    ws2 = PlanningWorkspace(document)
    qtbot.addWidget(ws2.panel)
    qtbot.addWidget(ws2.scenarios)
    wait_idle(qtbot, ws2)
    assert ws2.controller.config.bespoke_share == pytest.approx(0.7)
    assert ws2.controller.order == "optimise"
    assert ws2.panel.global_slider.slider.value() == 70
    names = [ws2.scenarios.list.item(i).text() for i in range(ws2.scenarios.list.count())]
    assert names == ["Veel maatwerk"]
    scenario = sc.load_scenarios(reopened)[0]
    assert scenario.shares == {cluster: 0.9}
    assert scenario.order == "optimise"
    assert scenario.settings["bespoke_share"] == pytest.approx(0.7)
    # apply restores the settings after they were changed
    ws2.panel.global_slider.slider.setValue(10)
    ws2.controller.set_cluster_share(cluster, None)
    assert ws2.scenarios.apply("Veel maatwerk")
    wait_idle(qtbot, ws2)
    assert ws2.controller.config.bespoke_share == pytest.approx(0.7)
    assert ws2.controller.cluster_share(cluster) == pytest.approx(0.9)
    assert ws2.panel.global_slider.slider.value() == 70
    ws2.controller.wait()


def test_compare_two_scenarios_shows_metrics_and_highlights_differences(qtbot, ui_workspace):
    from test_workspace import wait_idle

    ws = ui_workspace
    ws.panel.global_slider.slider.setValue(0)
    wait_idle(qtbot, ws)
    assert ws.scenarios.save_current("Snel")
    ws.panel.global_slider.slider.setValue(100)
    wait_idle(qtbot, ws)
    assert ws.scenarios.save_current("Maatwerk")
    assert ws.scenarios.duplicate("Snel")
    assert ws.scenarios.rename("Snel (kopie)", "Snel bis")
    assert ws.scenarios.delete("Snel bis")
    ws.scenarios.set_checked(["Snel", "Maatwerk"])
    assert ws.scenarios.compare_button.isEnabled()
    with qtbot.waitSignal(ws.scenarios.comparisonReady, timeout=20000) as blocker:
        ws.scenarios.compare_button.click()
    comparison = blocker.args[0]
    assert comparison.names == ["Snel", "Maatwerk"]
    table = ws.scenarios.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[1:3] == ["Snel", "Maatwerk"] and headers[3] == "eenheid"
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    row = labels.index("risicoblootstelling")
    assert (
        comparison.values.at["risk_exposure", "Maatwerk"]
        > comparison.values.at["risk_exposure", "Snel"]
    )
    assert "(+" in table.item(row, 2).text()  # difference to the baseline shown
    assert table.item(row, 2).data(0x0100) is True  # highlighted as different
    assert "risk_exposure" in ws.scenarios.highlighted_rows()
    assert "bespoke_buildings" in ws.scenarios.highlighted_rows()
    # overlaid curves, one per scenario
    assert set(ws.scenarios.safe_curves) == {"Snel", "Maatwerk"}
    x, y = ws.scenarios.risk_curves["Maatwerk"].getData()
    assert len(x) > 3 and y[0] > 0
    ws.scenarios.resize(900, 900)
    ws.scenarios.show()
    qtbot.wait(50)
    from test_workspace import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    assert ws.scenarios.grab().save(str(ARTIFACTS / "workspace_scenarios.png"))
