"""``gis-app plan`` through gis_app.cli.main, on small project files."""

from __future__ import annotations

import datetime as dt
import json

from planning_fixtures import make_instance

from gis_app.cli import main
from gis_app.core.io.projectfile import save_project
from gis_app.core.project import Project


def write_project(tmp_path, with_clusters=True):
    buildings, clusters = make_instance(n_clusters=3, per_cluster=5, unclustered=2)
    project = Project(buildings=buildings)
    if with_clusters:
        project.clusters = clusters
    else:
        project.buildings["cluster_id"] = ""
    project.settings["planning"] = {"start_date": "2027-01-04"}
    return save_project(project, tmp_path / "p.gpkg")


def test_plan_prints_metrics_and_writes_json(tmp_path, capsys):
    path = write_project(tmp_path)
    out = tmp_path / "plan.json"
    code = main(["plan", str(path), "--capacity", "3", "--bespoke", "0.5", "--json", str(out)])
    assert code == 0
    text = capsys.readouterr().out
    assert "Risicoblootstelling" in text and "Alle verhoogde panden gereed" in text
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["config"]["starts_per_week"] == 3
    assert doc["config"]["bespoke_share"] == 0.5
    assert all(row["capacity"] == 3 for row in doc["capacity"])
    assert all(row["starts"] <= 3 for row in doc["capacity"])
    assert len(doc["schedule"]) == 17
    dt.date.fromisoformat(doc["metrics"]["all_done"])


def test_plan_optimise_not_worse(tmp_path):
    path = write_project(tmp_path)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["plan", str(path), "--json", str(a)]) == 0
    assert main(["plan", str(path), "--order", "optimise", "--json", str(b)]) == 0
    da, db = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    assert db["metrics"]["risk_exposure"] <= da["metrics"]["risk_exposure"] + 1e-15


def test_plan_without_clusters_exits_2(tmp_path, capsys):
    path = write_project(tmp_path, with_clusters=False)
    assert main(["plan", str(path)]) == 2
    err = capsys.readouterr().err
    assert "geen clusters" in err and "--auto-clusters" in err
    assert len(err.strip().splitlines()) == 1


def test_plan_auto_clusters(tmp_path, capsys):
    path = write_project(tmp_path, with_clusters=False)
    out = tmp_path / "auto.json"
    assert main(["plan", str(path), "--auto-clusters", "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert any(row["cluster_id"] for row in doc["schedule"])


def test_plan_bad_share_exits_2(tmp_path, capsys):
    path = write_project(tmp_path)
    assert main(["plan", str(path), "--bespoke", "1.7"]) == 2
    assert "tussen 0 en 1" in capsys.readouterr().err
