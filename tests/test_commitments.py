"""Commitments to residents: contracted capacity, who can be told, locks, broken promises,
storage in the project file and the ``gis-app letters`` command."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planning_fixtures import START, config, make_instance

from gis_app.cli import main
from gis_app.core.commitments import (
    CommitmentBook,
    CommitmentError,
    commitments_from_plan,
)
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.planning.config import ContractedCapacity, PlanningConfig
from gis_app.core.planning.planner import Planner
from gis_app.core.planning.promises import contracted_weekly, tellable
from gis_app.core.project import Project


def instance(n_clusters=5, per_cluster=8, seed=0, assessed_every=3):
    buildings, clusters = make_instance(n_clusters=n_clusters, per_cluster=per_cluster, seed=seed)
    k = np.arange(len(buildings))
    # every assessed_every-th building has no assessment yet (measure from its profile)
    buildings["measure_class"] = np.where(k % assessed_every == 0, "", "heavy")
    buildings["expected_measure"] = "heavy"
    buildings["address"] = [f"Dorpsstraat {i + 1}" for i in k]
    buildings["postcode"] = "9900 AA"
    buildings["woonplaats"] = "Appingedam"
    return buildings, clusters


def told_all(result, buildings):
    idx = tellable(result)
    return CommitmentBook().record(commitments_from_plan(result, buildings, idx, START))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 50),
    planned=st.integers(1, 6),
    contracted=st.integers(0, 6),
    weeks=st.integers(1, 60),
    told_first=st.booleans(),
)
def test_contracted_capacity_bounds_who_can_be_told(seed, planned, contracted, weeks, told_first):
    buildings, clusters = instance(seed=seed)
    cfg = config(starts_per_week=planned)
    cfg.contracted = [ContractedCapacity("A", contracted, START, START + dt.timedelta(weeks=weeks))]
    commitments = {}
    if told_first:  # some buildings told earlier (under a larger contract)
        first = Planner(buildings, clusters, config(starts_per_week=planned)).run()
        commitments = told_all(first, buildings).promised_starts()
    result = Planner(buildings, clusters, cfg, commitments=commitments).run()
    model = result.model
    idx = tellable(result)
    cap, assumed = contracted_weekly(cfg, model.capacity.weekly)
    assert not assumed
    assert model.assessed[idx].all() and not model.promised[idx].any()
    assert (result.start_week[idx] >= 0).all()
    pool = idx[~model.eigen_regie[idx]]
    # told earlier or tellable now, pool starts per week never exceed the contract
    counted = np.zeros(len(cap), dtype=np.int64)
    np.add.at(counted, result.start_week[pool], 1)
    promised_pool = np.flatnonzero(model.committed & ~model.eigen_regie)
    in_contract = np.zeros(len(cap), dtype=np.int64)
    np.add.at(in_contract, result.start_week[promised_pool], 1)
    assert (counted <= np.maximum(cap - in_contract, 0)).all()
    # and nothing that fits is left out: in a week whose pool starts all fit the contract,
    # every assessed building not told before can be told
    starts = result.start_week
    pool_all = model.slotted & ~model.eigen_regie & (starts >= 0)
    per_week = np.bincount(starts[pool_all], minlength=len(cap))[: len(cap)]
    told_now = np.isin(np.arange(model.n), idx)
    for w in np.flatnonzero(per_week <= cap):
        here = pool_all & (starts == w) & model.assessed & ~model.promised
        assert told_now[here].all()


def test_without_contract_the_next_26_weeks_count_as_contracted():
    cfg = config(starts_per_week=3)
    planned = np.full(40, 3, dtype=np.int64)
    cap, assumed = contracted_weekly(cfg, planned)
    assert assumed and cap[:26].tolist() == [3] * 26 and cap[26:].sum() == 0


def test_contracted_capacity_round_trips_and_bad_period_is_refused():
    cfg = config()
    cfg.contracted = [ContractedCapacity("Bouw BV", 4, START, START + dt.timedelta(weeks=10))]
    again = PlanningConfig.from_dict(cfg.to_dict())
    assert again.contracted == cfg.contracted
    bad = cfg.to_dict()
    bad["contracted"][0]["end"] = "2026-01-01"
    with pytest.raises(Exception, match="ligt voor begin"):
        PlanningConfig.from_dict(bad)


def test_halving_capacity_reports_broken_commitments_with_days_late():
    buildings, clusters = instance(n_clusters=6, per_cluster=30)
    buildings["measure_class"] = "heavy"
    buildings["eigen_regie"] = False
    buildings["milestone"] = "versterkingsbesluit"  # prepared: capacity alone decides
    full = Planner(buildings, clusters, config(starts_per_week=4)).run()
    book = told_all(full, buildings)
    assert len(book) == 4 * 26  # the assumed contract: 26 weeks of 4 starts
    promised = book.promised_starts()
    # the same capacity keeps every commitment, in every order
    for order in ("default", "optimise"):
        same = Planner(buildings, clusters, config(starts_per_week=4), commitments=promised)
        report = same.run(order=order).metrics["commitments"]
        assert report["kept"] == len(book) and report["broken"] == []
    halved = Planner(buildings, clusters, config(starts_per_week=2), commitments=promised)
    for order in ("default", "optimise"):
        result = halved.run(order=order)
        report = result.metrics["commitments"]
        # capacity allows 2 starts in each of the 26 weeks up to the last promise
        assert report["kept"] == 2 * 26
        assert len(report["broken"]) == len(book) - 2 * 26
        index = {b: i for i, b in enumerate(result.model.building_id)}
        for item in report["broken"]:
            i = index[item["building_id"]]
            planned = START + dt.timedelta(weeks=int(result.start_week[i]))
            assert item["planned"] == planned.isoformat()
            assert item["promised"] == promised[item["building_id"]].isoformat()
            assert item["days_late"] == (planned - promised[item["building_id"]]).days > 0
        kept = set(promised) - {b["building_id"] for b in report["broken"]}
        for b in kept:
            assert START + dt.timedelta(weeks=int(result.start_week[index[b]])) <= promised[b]
        assert (np.bincount(result.start_week[result.start_week >= 0]) <= 2).all()


def test_commitments_lock_every_order_and_deadlines():
    buildings, clusters = instance(seed=4)
    first = Planner(buildings, clusters, config(starts_per_week=3)).run()
    book = told_all(first, buildings)
    assert len(book) > 0
    cfg = config(starts_per_week=3, deadlines={"verhoogd": "1y"})
    planner = Planner(buildings, clusters, cfg, commitments=book.promised_starts())
    reverse = list(reversed(planner.default_order()))
    for order in ("default", "optimise", reverse):
        report = planner.run(order=order).metrics["commitments"]
        assert report["broken"] == [] and report["kept"] == len(book)


def test_release_needs_a_reason_and_is_kept_in_the_audit():
    buildings, clusters = instance()
    result = Planner(buildings, clusters, config(starts_per_week=3)).run()
    book = told_all(result, buildings)
    first = book.commitments[0]
    with pytest.raises(CommitmentError, match="reden"):
        book.release([first.building_id], "  ")
    with pytest.raises(CommitmentError, match="al geïnformeerd"):
        book.record([first])
    after = book.release([first.building_id], "cluster verplaatst", on=dt.date(2027, 3, 1))
    assert first.building_id not in after.told_ids() and len(after) == len(book) - 1
    assert after.releases[0].commitment == first
    assert after.releases[0].reason == "cluster verplaatst"


def test_commitments_survive_save_and_open(tmp_path):
    buildings, clusters = instance()
    result = Planner(buildings, clusters, config(starts_per_week=3)).run()
    told = told_all(result, buildings)
    assert len(told) > 1
    book = told.release([told.commitments[0].building_id], "test", on=START)
    project = Project(buildings=buildings, clusters=clusters)
    project.commitments = book.to_dict()
    path = save_project(project, tmp_path / "p.gpkg")
    again = load_project(path)
    assert CommitmentBook.from_dict(again.commitments) == book
    assert again.load_warnings == []


def test_a_damaged_commitment_is_left_out_with_a_warning(tmp_path):
    buildings, clusters = instance()
    result = Planner(buildings, clusters, config(starts_per_week=3)).run()
    data = told_all(result, buildings).to_dict()
    data["commitments"][1]["construction_start"] = "morgen"
    project = Project(buildings=buildings, clusters=clusters, commitments=data)
    again = load_project(save_project(project, tmp_path / "p.gpkg"))
    assert len(again.commitments["commitments"]) == len(data["commitments"]) - 1
    assert any("toezegging nr. 2" in w and "construction_start" in w for w in again.load_warnings)


# --- gis-app letters ----------------------------------------------------------------------------


def write_project(tmp_path, prepared=False):
    buildings, clusters = instance()
    if prepared:
        buildings["milestone"] = "versterkingsbesluit"
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = {"start_date": START.isoformat(), "starts_per_week": 3}
    return save_project(project, tmp_path / "p.gpkg"), buildings, clusters


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_letters_for_exactly_those_who_can_be_told_and_record(tmp_path, capsys, qapp):
    # qapp: the letters are painted in this process; a QGuiApplication made by the command
    # would stop later widget tests from getting their QApplication
    from gis_app.core.letters import long_date

    path, _, _ = write_project(tmp_path)
    saved = load_project(path)
    buildings, clusters = saved.buildings, saved.clusters
    out = tmp_path / "brieven"
    assert main(["letters", str(path), "--out", str(out), "--contracted", "2:30"]) == 0
    cfg = config(starts_per_week=3)
    cfg.contracted = [ContractedCapacity("", 2, START, START + dt.timedelta(weeks=30))]
    result = Planner(buildings, clusters, cfg).run()
    expected = {str(result.model.building_id[i]): i for i in tellable(result)}
    assert len(expected) > 3
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == sorted(f"brief-{b}.pdf" for b in expected)
    with open(out / "brieven.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert sorted(r["pand_id"] for r in rows) == sorted(expected)
    for row in rows[:4]:
        i = expected[row["pand_id"]]
        start = START + dt.timedelta(weeks=int(result.start_week[i]))
        assert row["start_bouw"] == long_date(start)
        text = " ".join(pdf_text(out / f"brief-{row['pand_id']}.pdf").split())
        assert "Aan de bewoners van" in text
        assert row["adres"] in text and long_date(start) in text
        assert row["gereed"] in text and row["start_voorbereiding"] in text
    # not recorded: the project is unchanged
    assert load_project(path).commitments == {}
    capsys.readouterr()
    # recorded: exactly those commitments, and a second run tells nobody again
    out2 = tmp_path / "brieven2"
    args = ["letters", str(path), "--out", str(out2), "--contracted", "2:30", "--record"]
    assert main(args) == 0
    book = CommitmentBook.from_dict(load_project(path).commitments)
    assert book.told_ids() == set(expected)
    for c in book.commitments:
        i = expected[c.building_id]
        assert c.construction_start == START + dt.timedelta(weeks=int(result.start_week[i]))
        assert c.address.startswith("Dorpsstraat ")
    out3 = tmp_path / "brieven3"
    assert main([*args[:3], str(out3), *args[4:]]) == 0
    assert list(out3.glob("*.pdf")) == []
    assert len(CommitmentBook.from_dict(load_project(path).commitments)) == len(expected)
    assert "0 brieven" in capsys.readouterr().out


def test_plan_json_reports_commitments(tmp_path, qapp):
    import json

    path, _, _ = write_project(tmp_path, prepared=True)
    assert main(["letters", str(path), "--out", str(tmp_path / "b"), "--record"]) == 0
    doc_path = tmp_path / "plan.json"
    assert main(["plan", str(path), "--capacity", "1", "--json", str(doc_path)]) == 0
    report = json.loads(doc_path.read_text(encoding="utf-8"))["metrics"]["commitments"]
    assert report["broken"] and all(b["days_late"] > 0 for b in report["broken"])
    total = len(CommitmentBook.from_dict(load_project(path).commitments))
    assert report["kept"] + len(report["broken"]) == total


def test_bad_template_field_exits_2_with_one_line(tmp_path, capsys):
    path, _, _ = write_project(tmp_path)
    template = tmp_path / "t.txt"
    template.write_text("Aan de bewoners van {adres}\nBeste {naam},\n", encoding="utf-8")
    code = main(["letters", str(path), "--out", str(tmp_path / "b"), "--template", str(template)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "regel 2" in err[0] and "{naam}" in err[0] and "t.txt" in err[0]


def test_scenario_comparison_counts_broken_commitments():
    from gis_app.core.scenarios import capture, compare

    buildings, clusters = instance(n_clusters=6, per_cluster=30)
    buildings["measure_class"] = "heavy"
    buildings["milestone"] = "versterkingsbesluit"
    promised = told_all(
        Planner(buildings, clusters, config(starts_per_week=4)).run(), buildings
    ).promised_starts()
    full = Planner(buildings, clusters, config(starts_per_week=4), commitments=promised).run()
    cut = Planner(buildings, clusters, config(starts_per_week=2), commitments=promised).run()
    comparison = compare({"vol": full, "gehalveerd": cut})
    broken = comparison.values.loc["commitments_broken"]
    assert broken.tolist() == [0, len(cut.metrics["commitments"]["broken"])] and broken.iloc[1] > 0
    project = Project(buildings=buildings, clusters=clusters)
    stored = capture(project, "gehalveerd", metrics=cut.metrics).metrics
    assert "commitments" not in stored and stored["commitments_broken"] == broken.iloc[1]


def test_planned_and_contracted_capacity_side_by_side():
    from gis_app.core.planning_views import capacity_by_month

    buildings, clusters = instance()
    cfg = config(starts_per_week=3)
    cfg.contracted = [ContractedCapacity("A", 2, START, START + dt.timedelta(weeks=8))]
    weekly = Planner(buildings, clusters, cfg).run().capacity
    assert weekly["capacity"].tolist()[:10] == [3] * 10
    assert weekly["contracted"].tolist()[:10] == [2] * 8 + [0, 0]
    monthly = capacity_by_month(weekly)
    assert (
        monthly["contracted"].sum() == 16 and monthly["capacity"].sum() == weekly["capacity"].sum()
    )
