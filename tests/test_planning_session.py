"""The planner cache of the planning session (core, no Qt): reuse, rebuild, copies, order."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import shapely

from gis_app.core.clusters.suggest import suggest_clusters
from gis_app.core.planning.config import UNCLUSTERED_IGNORE, PlanningConfig
from gis_app.core.planning.session import PlannerSession, run_planner
from gis_app.core.sample import generate_buildings
from gis_app.core.schema import ensure_cluster_columns


@pytest.fixture(scope="module")
def area():
    buildings = generate_buildings(300, seed=11)
    clusters, membership = suggest_clusters(buildings, max_buildings=40)
    clusters = ensure_cluster_columns(
        clusters[[c for c in clusters if c not in ("rank", "reason")]]
    )
    buildings["cluster_id"] = membership.reindex(buildings.index).fillna("").to_numpy(dtype=object)
    return buildings, clusters


def test_same_inputs_and_structure_reuse_the_planner(area):
    buildings, clusters = area
    session = PlannerSession()
    key, inputs = session.inputs_for(buildings, clusters)
    assert session.inputs_for(buildings, clusters) == (key, inputs)  # no new copy
    config = PlanningConfig()
    planner = session.planner_for(key, inputs, config)
    other_share = config.copy()
    other_share.bespoke_share = 0.9  # the global share is not structural: run takes it
    assert session.planner_for(key, inputs, other_share) is planner
    assert session.cached.key is key and session.cached.planner is planner
    result = session.run(planner, {clusters["cluster_id"].iloc[0]: 1.0}, "default", 0.9)
    assert len(result.order_ids) > 0


def test_a_structural_change_derives_a_planner_keeping_the_pairs(area):
    buildings, clusters = area
    session = PlannerSession()
    key, inputs = session.inputs_for(buildings, clusters)
    planner = session.planner_for(key, inputs, PlanningConfig())
    slower = PlanningConfig()
    slower.threat_factor = 2.0
    derived = session.planner_for(key, inputs, slower)
    assert derived is not planner
    assert derived.candidates is planner.candidates
    assert session.cached.structure["threat_factor"] == 2.0


def test_cluster_edit_rebuilds_but_reuses_neighbour_pairs_buildings_do_not(area):
    buildings, clusters = area
    session = PlannerSession()
    key, inputs = session.inputs_for(buildings, clusters)
    first = session.planner_for(key, inputs, PlanningConfig())
    assert session.pairs is not None and session.pairs.generation == inputs.generation

    session.clusters_changed()
    fewer = clusters.iloc[:-1]
    key2, inputs2 = session.inputs_for(buildings, fewer)
    assert key2 is not key and len(inputs2.clusters) == len(clusters) - 1
    second = session.planner_for(key2, inputs2, PlanningConfig())
    assert second is not first and second.candidates is first.candidates

    # a planner built for the old key is never handed out for the new one
    assert session.planner_for(key2, inputs2, PlanningConfig()) is second

    session.buildings_changed()
    assert session.pairs is None and session.key is None
    key3, inputs3 = session.inputs_for(buildings, clusters)
    assert inputs3.generation == inputs.generation + 1
    third = session.planner_for(key3, inputs3, PlanningConfig())
    assert third.candidates is not first.candidates


def test_pairs_are_not_reused_when_unclustered_buildings_are_left_out(area):
    buildings, clusters = area
    session = PlannerSession()
    key, inputs = session.inputs_for(buildings, clusters)
    session.planner_for(key, inputs, PlanningConfig())
    ignore = PlanningConfig()
    ignore.unclustered = UNCLUSTERED_IGNORE
    assert session.reusable_pairs(inputs, PlanningConfig()) is not None
    assert session.reusable_pairs(inputs, ignore) is None
    farther = PlanningConfig()
    farther.neighbour_distance_m = 60.0
    assert session.reusable_pairs(inputs, farther) is None


def test_inputs_are_copies_the_owner_may_go_on_writing(area):
    buildings, clusters = area
    buildings = buildings.copy()
    session = PlannerSession()
    _, inputs = session.inputs_for(buildings, clusters)
    buildings["risk_profile"] = "geen"
    clusters_before = inputs.clusters.copy()
    assert (inputs.buildings["risk_profile"] != "geen").any()
    assert inputs.buildings.index is buildings.index  # results insert without a reindex
    assert inputs.clusters is not clusters
    assert inputs.clusters.equals(clusters_before)


def test_inputs_stay_as_taken_while_the_owner_edits_in_place(area):
    """The snapshot shares the arrays (copy-on-write): edits in place by the owner,
    cell by cell, column by column or geometry by geometry, never reach it."""
    buildings, clusters = area
    buildings = buildings.copy()
    clusters = clusters.copy()
    session = PlannerSession()
    _, inputs = session.inputs_for(buildings, clusters)
    taken = inputs.buildings.copy()
    taken_clusters = inputs.clusters.copy()
    first = buildings.index[0]
    buildings.loc[first, "cluster_id"] = "elders"
    buildings.iloc[1, buildings.columns.get_loc("expected_measure")] = "rebuild"
    buildings.loc[buildings.index[:5], "lpr"] = 0.5
    buildings.loc[first, "geometry"] = shapely.box(0, 0, 1, 1)
    buildings["plan_year"] = 2030  # a plan column added
    clusters.loc[clusters.index[0], "approach_share"] = 0.9
    assert inputs.buildings.equals(taken)
    assert inputs.buildings.geometry.geom_equals(taken.geometry).all()
    assert "plan_year" not in inputs.buildings
    assert inputs.clusters.equals(taken_clusters)
    assert buildings.loc[first, "cluster_id"] == "elders"  # the owner's edit did happen
    assert clusters["approach_share"].iloc[0] == 0.9


def test_optimised_order_is_kept_per_inputs(area):
    buildings, clusters = area
    session = PlannerSession()
    key, inputs = session.inputs_for(buildings, clusters)
    planner = session.planner_for(key, inputs, PlanningConfig())
    result = run_planner(planner, {}, "optimise")
    ids = [c for c in result.order_ids if c in set(clusters["cluster_id"])]
    session.remember_optimised(key, ids)
    assert session.optimised_order(key) == ids
    session.clusters_changed()
    key2, _ = session.inputs_for(buildings, clusters)
    assert session.optimised_order(key2) is None
    session.reset()
    assert session.optimised is None and session.cached is None and session.inputs is None


def test_run_planner_leaves_out_shares_of_unknown_clusters(area):
    buildings, clusters = area
    session = PlannerSession()
    key, inputs = session.inputs_for(buildings, clusters)
    planner = session.planner_for(key, inputs, PlanningConfig())
    known = clusters["cluster_id"].iloc[0]
    with_unknown = run_planner(planner, {known: 1.0, "ONBEKEND": 0.0}, "default", 0.2)
    plain = run_planner(planner, {known: 1.0}, "default", 0.2)
    assert np.array_equal(with_unknown.bespoke, plain.bespoke)


def test_the_session_needs_no_qt():
    code = (
        "import sys, gis_app.core.planning.session; "
        "print(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
