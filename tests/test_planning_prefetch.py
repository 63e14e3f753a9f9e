"""Neighbour pairs found in a forked child (gis_app.core.planning.prefetch).

The child runs where ``gis-app open`` starts it: in a single-threaded process. The tests
that fork therefore run their part in a fresh interpreter (the test process has threads),
and check there that a planner given the child's pairs equals one that found its own:
the same candidate and neighbour pairs, the same plan. The fallbacks (a failing child,
another distance, other planned buildings, threads present) give the planner nothing,
and it finds the pairs itself.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from gis_app.core.clusters.suggest import suggest_clusters
from gis_app.core.planning import prefetch as prefetch_module
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.planning.prefetch import NeighbourPrefetch
from gis_app.core.sample import generate_buildings
from gis_app.core.schema import ensure_cluster_columns

IN_A_FRESH_PROCESS = r"""
import json, sys, threading
import numpy as np
from gis_app.core.clusters.suggest import suggest_clusters
from gis_app.core.planning import prefetch
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.planning.session import PlannerSession
from gis_app.core.sample import generate_buildings
from gis_app.core.schema import ensure_cluster_columns

prefetch.MIN_ROWS = 100
buildings = generate_buildings(1500, seed=5)
clusters, membership = suggest_clusters(buildings, max_buildings=60)
clusters = ensure_cluster_columns(clusters[[c for c in clusters if c not in ("rank", "reason")]])
buildings["cluster_id"] = membership.reindex(buildings.index).fillna("").to_numpy(dtype=object)
config = PlanningConfig.from_dict(json.loads(sys.argv[1]))
import datetime as dt
commitments = {str(buildings["building_id"].iloc[3]): dt.date(2027, 3, 1)} if sys.argv[2] == "promise" else {}
if sys.argv[2] == "broken":
    clusters = clusters.assign(approach_share=7.0)  # the child's model refuses this
    sent = prefetch.NeighbourPrefetch.start(buildings, clusters, config, commitments)
    print(json.dumps({"found": sent.found() is not None, "alive": sent._process.is_alive()}))
    sys.exit(0)
assert threading.active_count() == 1
sent = prefetch.NeighbourPrefetch.start(buildings, clusters, config, commitments)
assert sent is not None
child = sent._process.pid

from gis_app.core.planning import planner as planner_module
calls = []
real_candidates = planner_module.candidate_pairs
planner_module.candidate_pairs = lambda *a, **k: calls.append(1) or real_candidates(*a, **k)
with_child = PlannerSession()
with_child.offer_prefetch(sent)
key, inputs = with_child.inputs_for(buildings, clusters, commitments)
planner = with_child.planner_for(key, inputs, config)
found_here = len(calls)
planner_module.candidate_pairs = real_candidates
alone = PlannerSession()
key2, inputs2 = alone.inputs_for(buildings, clusters, commitments)
own = alone.planner_for(key2, inputs2, config)
a = with_child.run(planner, {}, "optimise", config.bespoke_share)
b = alone.run(own, {}, "optimise", config.bespoke_share)
print(json.dumps({
    "used": sent.found() is not None and found_here == 0,
    "pairs_equal": bool(np.array_equal(planner.pairs, own.pairs)),
    "candidates_equal": bool(np.array_equal(planner.candidates.pairs, own.candidates.pairs)),
    "scope_equal": bool(np.array_equal(planner.candidates.scope, own.candidates.scope)),
    "n_pairs": int(len(own.pairs)),
    "exposure": [a.metrics["risk_exposure"], b.metrics["risk_exposure"]],
    "alive": sent._process.is_alive(),
    "child": child,
}))
"""


def run_fresh(config: dict, mode: str = "plain") -> dict:
    import json

    done = subprocess.run(
        [sys.executable, "-c", IN_A_FRESH_PROCESS, json.dumps(config), mode],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("config", "mode"),
    [
        ({}, "plain"),
        ({"neighbour_distance_m": 40.0, "unclustered": "ignore"}, "plain"),
        ({}, "promise"),
    ],
)
def test_a_planner_given_the_childs_pairs_equals_one_that_found_its_own(config, mode):
    out = run_fresh(config, mode)
    assert out["used"]
    assert out["n_pairs"] > 0
    assert out["pairs_equal"] and out["candidates_equal"] and out["scope_equal"]
    assert out["exposure"][0] == pytest.approx(out["exposure"][1], rel=0, abs=0)
    assert not out["alive"]  # the child ended once its pairs were taken


def test_a_child_that_fails_gives_nothing_and_ends():
    out = run_fresh({}, "broken")
    assert out == {"found": False, "alive": False}


@pytest.fixture(scope="module")
def area():
    buildings = generate_buildings(400, seed=2)
    clusters, _membership = suggest_clusters(buildings, max_buildings=40)
    return buildings, ensure_cluster_columns(
        clusters[[c for c in clusters if c not in ("rank", "reason")]]
    )


def test_no_child_is_forked_from_a_process_with_threads(area, monkeypatch):
    monkeypatch.setattr(prefetch_module, "MIN_ROWS", 10)
    buildings, clusters = area
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert NeighbourPrefetch.start(buildings, clusters, PlanningConfig()) is None
    finally:
        stop.set()
        other.join()


def test_small_projects_are_not_prefetched(area):
    buildings, clusters = area
    assert len(buildings) < prefetch_module.MIN_ROWS
    assert NeighbourPrefetch.start(buildings, clusters, PlanningConfig()) is None


class _FakeModel:
    """Only what ``for_model`` compares: rows, work and measures."""

    def __init__(self, rows, work, measure):
        self.rows = np.asarray(rows)
        self.work = np.asarray(work)
        self.original_measure = np.asarray(measure)


class _Answered(NeighbourPrefetch):
    """A prefetch whose child has already answered with ``found``."""

    def __init__(self, found, distance=25.0):
        self.distance = distance
        self._lock = threading.Lock()
        self._received = True
        self._found = found


def test_pairs_for_other_planned_buildings_or_another_distance_are_not_used():
    found = {
        "rows": np.array([0, 1, 2]),
        "work": np.array([True, True, False]),
        "scope": np.array([True, True, False]),
        "candidates": np.array([[0, 1]]),
        "pairs": np.array([[0, 1]]),
    }
    answered = _Answered(found)
    same = _FakeModel([0, 1, 2], [True, True, False], [2, 1, 0])
    candidates, pairs = answered.for_model(same, 25.0)
    assert candidates.pairs.tolist() == [[0, 1]] and pairs.tolist() == [[0, 1]]
    assert answered.for_model(same, 30.0) is None  # another distance
    assert answered.for_model(_FakeModel([0, 1, 3], [1, 1, 0], [2, 1, 0]), 25.0) is None
    assert answered.for_model(_FakeModel([0, 1, 2], [1, 1, 1], [2, 1, 1]), 25.0) is None
    assert _Answered(None).for_model(same, 25.0) is None  # the child gave nothing
    # a child that read the project itself says which distance its pairs are for
    reading = _Answered(dict(found, distance=40.0))
    reading.distance = None
    assert reading.for_model(same, 25.0) is None
    assert reading.for_model(same, 40.0) is not None


def test_close_stops_a_child_that_still_runs(tmp_path):
    """A prefetch of no more use (another project opened) stops its child at once."""
    script = r"""
import sys, time
from gis_app.core.planning import prefetch
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.sample import generate_buildings
prefetch.MIN_ROWS = 10
real = prefetch._find_pairs
prefetch._find_pairs = lambda *args: (time.sleep(60), real(*args))
buildings = generate_buildings(50, seed=1)
sent = prefetch.NeighbourPrefetch.start(buildings, None, PlanningConfig())
assert sent._process.is_alive()
started = time.monotonic()
sent.close()
print(sent._process.is_alive(), sent.found() is None, round(time.monotonic() - started, 1) < 10)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["False", "True", "True"]


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (an ended child nobody reaped yet)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in status)
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux only)")
def test_a_child_whose_parent_is_gone_does_not_wait_for_ever():
    """The window process may end without taking the pairs (closed at once, or killed):
    the child's send then fails, and it ends when its work is done."""
    script = r"""
import os
from gis_app.core.planning import prefetch
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.sample import generate_buildings
prefetch.MIN_ROWS = 10
buildings = generate_buildings(3000, seed=4)
sent = prefetch.NeighbourPrefetch.start(buildings, None, PlanningConfig())
print(sent._process.pid, flush=True)
os._exit(0)  # gone without reading, without atexit handlers
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    child = int(done.stdout.split()[0])
    deadline = time.monotonic() + 60
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(child)


def test_an_offered_prefetch_is_taken_once_for_that_very_frame(area):
    buildings, _clusters = area
    closed = []

    class Offered:
        def close(self):
            closed.append(True)

    offered = Offered()
    prefetch_module.offer(buildings, offered)
    assert prefetch_module.take(buildings.copy()) is None  # another frame
    assert prefetch_module.take(buildings) is offered
    assert prefetch_module.take(buildings) is None  # once
    assert not closed


def test_a_frame_dropped_unplanned_closes_its_prefetch():
    import gc

    closed = []

    class Offered:
        def close(self):
            closed.append(True)

    frame = generate_buildings(20, seed=1)
    prefetch_module.offer(frame, Offered())
    del frame
    gc.collect()
    assert closed == [True]


READING_CHILD = r"""
import json, sys
import numpy as np
from gis_app.core.io.projectfile import load_project
from gis_app.core.planning import prefetch
from gis_app.core.planning.session import PlannerSession

prefetch.MIN_ROWS = 100
sent = prefetch.NeighbourPrefetch.start_reading(sys.argv[1])  # before this process reads
assert sent is not None and sent.distance is None
if sys.argv[2] == "unreadable":
    print(json.dumps({"found": sent.found() is not None, "alive": sent._process.is_alive()}))
    sys.exit(0)
project = load_project(sys.argv[1])
config, commitments = prefetch.planning_inputs(project)
from gis_app.core.planning import planner as planner_module
calls = []
real_candidates = planner_module.candidate_pairs
planner_module.candidate_pairs = lambda *a, **k: calls.append(1) or real_candidates(*a, **k)
with_child = PlannerSession()
with_child.offer_prefetch(sent)
key, inputs = with_child.inputs_for(project.buildings, project.clusters, commitments)
planner = with_child.planner_for(key, inputs, config)
found_here = len(calls)
planner_module.candidate_pairs = real_candidates
alone = PlannerSession()
key2, inputs2 = alone.inputs_for(project.buildings, project.clusters, commitments)
own = alone.planner_for(key2, inputs2, config)
print(json.dumps({
    "used": sent.found() is not None and found_here == 0,
    "distance": config.neighbour_distance_m,
    "pairs_equal": bool(np.array_equal(planner.pairs, own.pairs)),
    "n_pairs": int(len(own.pairs)),
    "alive": sent._process.is_alive(),
}))
"""


def test_a_child_that_reads_the_project_itself_gives_the_same_pairs(tmp_path):
    """``gis-app open`` of a large project draws its footprints before reading it; the
    child then reads the file itself and plans under the project's own settings (here a
    neighbour distance of 40 m, saved with it)."""
    import json

    from gis_app.core.io.projectfile import save_project
    from gis_app.core.project import Project

    buildings = generate_buildings(1500, seed=5)
    clusters, membership = suggest_clusters(buildings, max_buildings=60)
    clusters = ensure_cluster_columns(
        clusters[[c for c in clusters if c not in ("rank", "reason")]]
    )
    buildings["cluster_id"] = membership.reindex(buildings.index).fillna("").to_numpy(dtype=object)
    path = tmp_path / "project.gpkg"
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = {"neighbour_distance_m": 40.0}
    save_project(project, path)
    broken = tmp_path / "kapot.gpkg"
    broken.write_bytes(b"SQLite format 3\x00" + bytes(100))

    def fresh(file, mode):
        done = subprocess.run(
            [sys.executable, "-c", READING_CHILD, str(file), mode],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    out = fresh(path, "plain")
    assert out["distance"] == 40.0
    assert out["used"] and out["pairs_equal"] and out["n_pairs"] > 0
    assert not out["alive"]
    assert fresh(broken, "unreadable") == {"found": False, "alive": False}
