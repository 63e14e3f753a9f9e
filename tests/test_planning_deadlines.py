"""Deadlines per risk profile: configuration, orders that keep them, misses, remedies, CLI."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import numpy as np
import pytest
from planning_fixtures import START, config, make_instance
from test_planning_cli import write_project

from gis_app.cli import main
from gis_app.core.errors import PlanningError
from gis_app.core.planning import Planner, PlanningConfig
from gis_app.core.planning.config import deadline_date
from gis_app.core.planning.rebalance import deadline_options
from gis_app.core.planning_views import cumulative_safe, safe_date_points
from gis_app.core.scenarios import compare


def prepared_instance(seed: int, n_clusters: int = 6, per_cluster: int = 6):
    buildings, clusters = make_instance(n_clusters=n_clusters, per_cluster=per_cluster, seed=seed)
    buildings["milestone"] = "versterkingsbesluit"
    return buildings, clusters


# --- configuration ----------------------------------------------------------------------------


def test_deadlines_as_years_or_dates_round_trip():
    cfg = config(deadlines={"verhoogd": "3y", "licht_verhoogd": "2031-12-31"})
    cfg.validate()
    assert cfg.deadlines == {"verhoogd": "3y", "licht verhoogd": "2031-12-31"}
    assert cfg.deadline_dates()["verhoogd"] == START + dt.timedelta(days=round(3 * 365.25))
    back = PlanningConfig.from_dict(json.loads(json.dumps(cfg.to_dict())))
    assert back.deadlines == cfg.deadlines
    assert deadline_date("2,5j", START) == START + dt.timedelta(days=round(2.5 * 365.25))
    labels = {row["key"]: row for row in cfg.describe()}
    assert labels["deadlines.verhoogd"]["value"] == cfg.deadline_dates()["verhoogd"].isoformat()


@pytest.mark.parametrize(
    ("deadlines", "fragment"),
    [
        ({"verhoogd": "drie jaar"}, "geen termijn of datum"),
        ({"verhoogd": "-1y"}, "groter dan 0"),
        ({"zeer hoog": "3y"}, "onbekend risicoprofiel"),
        ({"verhoogd": "2026-01-01"}, "niet na de startdatum"),
    ],
)
def test_bad_deadlines_are_refused_with_a_reason(deadlines, fragment):
    with pytest.raises(PlanningError, match=fragment):
        config(deadlines=deadlines).validate()


# --- orders keep deadlines ----------------------------------------------------------------------


def earliest_verhoogd_order(planner):
    """The permutation whose last ``verhoogd`` building is safe soonest (brute force)."""
    best = None
    for perm in itertools.permutations(planner.cluster_ids):
        day = planner.run(order=list(perm)).metrics["all_verhoogd_done"]
        if best is None or day < best[0]:
            best = (day, list(perm))
    return best


@pytest.mark.parametrize("seed", range(5))
def test_every_order_keeps_deadlines_when_some_order_can(seed):
    """The deadline is the best any order achieves, so capacity allows it."""
    buildings, clusters = prepared_instance(seed, n_clusters=5)
    free = Planner(buildings, clusters, config())
    day, witness = earliest_verhoogd_order(free)
    planner = Planner(buildings, clusters, config(deadlines={"verhoogd": day}))
    ids = free.cluster_ids
    for order in ("default", "optimise", list(reversed(ids)), witness):
        result = planner.run(order=order)
        assert result.metrics["deadline_misses"] == [], (seed, order)
    unrepaired = planner.run(keep_deadlines=False)
    if unrepaired.metrics["deadline_misses"]:
        repaired = planner.run()
        assert repaired.pulled_forward
        assert repaired.metrics["deadline_clusters_pulled_forward"] == len(repaired.pulled_forward)
        assert repaired.order_ids != unrepaired.order_ids


def test_some_deadline_cases_need_a_repair():
    nontrivial = 0
    for seed in range(5):
        buildings, clusters = prepared_instance(seed, n_clusters=5)
        free = Planner(buildings, clusters, config())
        day, _ = earliest_verhoogd_order(free)
        planner = Planner(buildings, clusters, config(deadlines={"verhoogd": day}))
        nontrivial += bool(planner.run(keep_deadlines=False).metrics["deadline_misses"])
    assert nontrivial >= 1


def test_an_order_that_keeps_deadlines_is_not_changed():
    buildings, clusters = prepared_instance(3)
    planner = Planner(buildings, clusters, config(deadlines={"verhoogd": "2040-01-01"}))
    free = Planner(buildings, clusters, config())
    for order in ("default", list(reversed(free.default_order()))):
        a, b = planner.run(order=order), free.run(order=order)
        assert a.order_ids == b.order_ids
        assert a.pulled_forward == []
        assert np.array_equal(a.start_week, b.start_week)


# --- what the plan reports -----------------------------------------------------------------------


def test_misses_name_every_late_building_with_its_dates():
    buildings, clusters = make_instance(n_clusters=6, per_cluster=8, seed=3)
    planner = Planner(buildings, clusters, config(deadlines={"verhoogd": "1y"}))
    result = planner.run()
    misses = result.metrics["deadline_misses"]
    schedule = result.schedule
    deadline = planner.config.deadline_dates()["verhoogd"]
    late = schedule[
        (schedule["risk_profile"] == "verhoogd")
        & (schedule["completion"] > np.datetime64(deadline))
        & (schedule["approach"] != "none")
    ]
    assert len(late) > 0
    assert {m["building_id"] for m in misses} == set(late["building_id"])
    completion = dict(zip(schedule["building_id"], schedule["completion"], strict=True))
    cluster = dict(zip(schedule["building_id"], schedule["cluster_id"], strict=True))
    for miss in misses:
        assert miss["profile"] == "verhoogd"
        assert miss["deadline"] == deadline.isoformat()
        assert miss["completion"] == completion[miss["building_id"]].date().isoformat()
        assert miss["cluster_id"] == cluster[miss["building_id"]]
        days = (dt.date.fromisoformat(miss["completion"]) - deadline).days
        assert miss["days_late"] == days > 0
    assert result.metrics["deadline_missed_buildings"] == len(misses)
    assert result.metrics["deadline_missed_clusters"] == len({m["cluster_id"] for m in misses})
    assert any("Uiterlijk gereed verhoogd" in line for line in result.summary_lines())


def test_safe_dates_are_the_percentile_dates_of_the_schedule():
    buildings, clusters = make_instance(n_clusters=5, per_cluster=9, seed=2)
    result = Planner(buildings, clusters, config()).run()
    schedule = result.schedule
    for profile, dates in result.metrics["safe_dates"].items():
        done = schedule.loc[
            (schedule["risk_profile"] == profile) & (schedule["approach"] != "none"), "completion"
        ]
        assert dates["n"] == len(done)
        for key, share in (("p50", 0.5), ("p90", 0.9), ("p100", 1.0)):
            day = np.datetime64(dates[key])
            assert (done <= day).mean() >= share
            assert (done < day).mean() < share
    verhoogd = result.metrics["safe_dates"]["verhoogd"]
    assert verhoogd["p100"] == result.metrics["all_verhoogd_done"]
    points = safe_date_points(result.metrics)
    curve = cumulative_safe(schedule, start=START)
    assert set(points["percentile"]) == {"p50", "p90", "p100"}
    for row in points.itertuples():
        assert row.count == int(np.ceil(row.share * result.metrics["safe_dates"][row.profile]["n"]))
    comparison = compare({"a": result, "b": result.metrics})
    assert "safe_p90_verhoogd" in comparison.values.index
    assert comparison.kinds["safe_p90_verhoogd"] == "date"
    assert len(curve) > 0


# --- remedies ------------------------------------------------------------------------------------


def test_taking_a_building_ahead_gives_it_its_own_early_start():
    buildings, clusters = prepared_instance(4)
    base = Planner(buildings, clusters, config()).run()
    work = base.schedule[base.schedule["approach"] != "none"]
    last = work.sort_values("construction_start").iloc[-1]["building_id"]
    cfg = config(ahead_of_cluster=[last, "0003100099999999"])
    planner = Planner(buildings, clusters, cfg)
    result = planner.run()
    i = int(np.flatnonzero(planner.model.building_id == last)[0])
    assert result.start_week[i] == 0  # prepared: starts in the first week
    assert result.metrics["ahead_of_cluster"] == 1
    model = planner.model
    starts = result.start_week[model.slotted & ~model.eigen_regie]  # pool starts only
    assert np.bincount(starts).max() <= cfg.starts_per_week
    assert model.n_ahead_unknown == 1


def check_remedies(planner, result):
    """Each remedy's figures match the plan it describes; returns the named pairs."""
    model = planner.model
    ids = set(model.building_id.tolist())
    neighbours = {
        tuple(sorted((model.building_id[a], model.building_id[b])))
        for a, b in zip(*planner.pair_arrays, strict=True)
    }
    limit = planner.config.years_apart * 365.25
    named = []
    for remedy in planner.deadline_remedies(result):
        pull = remedy.pull_forward
        assert pull.order[0] == remedy.cluster_id
        moved = planner.run(order=pull.order, keep_deadlines=False)
        expected = moved.metrics["risk_exposure"] - result.metrics["risk_exposure"]
        assert pull.extra_exposure == pytest.approx(expected)
        take = remedy.take_ahead
        assert set(take.building_ids) == set(remedy.late_buildings) <= ids
        before = result.schedule.set_index("building_id")["completion"]
        after = max(dt.date.fromisoformat(day) for day in take.completion.values())
        assert after <= max(before[b] for b in take.building_ids).date()
        cfg = planner.config.copy()
        cfg.ahead_of_cluster = take.building_ids
        ahead = Planner(planner.buildings, planner.clusters, cfg).run(order=result.order_ids)
        done = ahead.schedule.set_index("building_id")["completion"]
        for a, b in take.pairs:
            assert tuple(sorted((a, b))) in neighbours  # named pairs are real neighbours
            assert abs((done[a] - done[b]).days) > limit  # now far apart ...
            assert abs((before[a] - before[b]).days) <= limit  # ... and were not
        named += take.pairs
    return named


def test_remedies_show_both_ways_with_their_cost():
    buildings, clusters = make_instance(n_clusters=6, per_cluster=8, seed=5, spacing=6.0)
    buildings["milestone"] = "versterkingsbesluit"
    named = []
    for years_apart in (0.25, 0.3, 0.35, 0.4):
        cfg = config(deadlines={"verhoogd": "0.5y"}, years_apart=years_apart, starts_per_week=1)
        planner = Planner(buildings, clusters, cfg)
        result = planner.run()
        assert result.metrics["deadline_misses"]
        named += check_remedies(planner, result)
    assert named  # taking buildings ahead creates pairs in some of these settings


def test_assistant_meets_deadlines_by_pairs_or_by_exposure():
    buildings, clusters = prepared_instance(1)
    reference = Planner(buildings, clusters, config()).run()
    day = dt.date.fromisoformat(reference.metrics["safe_dates"]["verhoogd"]["p90"])
    cfg = config(deadlines={"verhoogd": str(day - dt.timedelta(days=21))})
    planner = Planner(buildings, clusters, cfg)
    options = deadline_options(planner)
    assert set(options) == {"pairs", "exposure"}
    for plan in options.values():
        again_cfg = cfg.copy()
        again_cfg.ahead_of_cluster = plan.ahead_of_cluster
        again = Planner(buildings, clusters, again_cfg).run(order=plan.order)
        assert again.metrics["deadline_missed_buildings"] == plan.misses
        assert again.metrics["risk_exposure"] == pytest.approx(plan.risk_exposure)
        assert plan.meets
        assert plan.message
    assert not options["exposure"].pulled_forward or options["exposure"].ahead_of_cluster


def test_assistant_needs_deadlines():
    buildings, clusters = prepared_instance(1)
    with pytest.raises(PlanningError, match="uiterlijk gereed"):
        deadline_options(Planner(buildings, clusters, config()))


# --- command line --------------------------------------------------------------------------------


def test_plan_deadline_option_writes_misses_percentiles_and_bound(tmp_path, capsys):
    path = write_project(tmp_path)
    out = tmp_path / "plan.json"
    args = ["plan", str(path), "--capacity", "1", "--json", str(out)]
    code = main([*args, "--deadline", "verhoogd=0.5y", "--deadline", "licht_verhoogd=2035-01-01"])
    assert code == 0
    assert "exposure_lower_bound" not in json.loads(out.read_text(encoding="utf-8"))["metrics"]
    code = main(
        [*args, "--bound", "--deadline", "verhoogd=0.5y", "--deadline", "licht_verhoogd=2035-01-01"]
    )
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    metrics = doc["metrics"]
    assert doc["config"]["deadlines"] == {"verhoogd": "0.5y", "licht verhoogd": "2035-01-01"}
    assert metrics["deadline_misses"]
    for miss in metrics["deadline_misses"]:
        assert set(miss) >= {"building_id", "cluster_id", "profile", "deadline", "completion"}
        assert dt.date.fromisoformat(miss["completion"]) > dt.date.fromisoformat(miss["deadline"])
    assert set(metrics["safe_dates"]["verhoogd"]) >= {"p50", "p90", "p100"}
    assert 0 < metrics["exposure_lower_bound"] <= metrics["risk_exposure"]
    gap = (metrics["risk_exposure"] - metrics["exposure_lower_bound"]) / metrics["risk_exposure"]
    assert metrics["optimality_gap"] == pytest.approx(gap)
    assert "Uiterlijk gereed verhoogd" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["verhoogd", "verhoogd=soon", "rood=3y", "verhoogd=2020-01-01"])
def test_plan_bad_deadline_exits_2_with_one_line(tmp_path, capsys, value):
    path = write_project(tmp_path)
    capsys.readouterr()
    assert main(["plan", str(path), "--deadline", value]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "uiterlijk gereed" in err or "--deadline" in err


def test_locked_clusters_keep_their_place_under_a_deadline():
    buildings, clusters = prepared_instance(2, n_clusters=5)
    free = Planner(buildings, clusters, config())
    day, witness = earliest_verhoogd_order(free)
    clusters = clusters.copy()
    last = free.default_order()[-1]
    clusters.loc[clusters["cluster_id"] == last, "lock_position"] = 5
    planner = Planner(buildings, clusters, config(deadlines={"verhoogd": day}))
    for order in ("default", "optimise", witness):
        result = planner.run(order=order)
        assert result.order_ids[4] == last  # position 5 stays its place


def test_repairing_a_repaired_order_changes_nothing():
    """The sliders keep the order of the last plan: its repair must be a fixed point, so a
    slider move costs one schedule."""
    from gis_app.core.planning.deadlines import latest_start, repair_order
    from gis_app.core.planning.schedule import timing

    buildings, clusters = make_instance(n_clusters=12, per_cluster=7, seed=8)
    planner = Planner(buildings, clusters, config(deadlines={"verhoogd": "1.5y"}))
    model = planner.model
    tm = timing(model, model.bespoke_mask(model.shares_array()))
    latest = latest_start(model, tm)
    rng = np.random.default_rng(0)
    for _ in range(5):
        order = rng.permutation(model.n_clusters)
        once = repair_order(model, tm, order, latest)
        assert np.array_equal(repair_order(model, tm, once, latest), once)
