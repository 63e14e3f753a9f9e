"""Benchmark: team mode on PostgreSQL/PostGIS at 300,000 buildings, and 8 planners at once.

Runs a throwaway server (``tests/pg_server.py``: initdb/pg_ctl on a temporary folder,
loopback) and measures, against references taken in the same run:

* opening the project from PostGIS (:func:`gis_app.core.db.pull`) against opening the same
  project from its GeoPackage (``load_project``). Goal: at most 2 ×.
* pushing it (:func:`gis_app.core.db.push`, ``COPY`` in one transaction) against saving
  the GeoPackage (``save_project``). Goal: at most 3 ×.
* 8 planner processes, each with its own connection and a ``LISTEN`` thread, saving an
  edit to a random cluster every 2 s for 60 s (``save_changes`` with the row version it
  knows, kept up to date from the notifications). Checked afterwards: no lost update
  (every accepted save is in the audit trail with its value, and the final value of each
  cluster is its last accepted save), every refused save was reported as a conflict.
  Reported: p95 save latency (goal at most 200 ms) and the time from a save's commit to
  its notification at each other planner, as median and p95.

    .venv/bin/python benchmarks/bench_db.py [--quick] [--size N] [--seconds S]

Writes ``benchmarks/results/db.md``.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import (  # also puts the repo on sys.path
    DATA,
    HERE,
    area_parser,
    area_size,
    buildings_gpkg,
    machine_note,
    write_results,
)

sys.path.insert(0, str(HERE.parent / "tests"))

GOAL_PULL_RATIO = 2.0
GOAL_PUSH_RATIO = 3.0
GOAL_SAVE_P95_MS = 200.0
PLANNERS = 8
SAVE_EVERY_S = 2.0
PROJECT = "benchmark"
HOT_CLUSTERS = 4
HOT_SECONDS = 20.0


def timed(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


# --- one simulated planner (a process) ---------------------------------------------------


def planner(
    number: int, url: str, pgpass: str, go, start_at, seconds: float, hot: int, out
) -> None:
    """One planner: with ``hot`` > 0 only the first ``hot`` clusters are edited and the
    notifications do not refresh the known versions (offline copies: conflicts galore)."""
    import os

    os.environ["PGPASSFILE"] = pgpass
    from gis_app.core.db import RowChange, connect, listen, save_changes, versions_as_base
    from gis_app.core.db.transfer import project_id, row_versions

    conn = connect(url, autocommit=True)
    # the versions a planner's window holds after opening the project (the pull itself is
    # measured above; eight of them at once would only measure the shared machine)
    known = versions_as_base(row_versions(conn, project_id(conn, PROJECT)))
    clusters = sorted(key for kind, key in known if kind == "cluster")
    if hot:
        clusters = clusters[:hot]
    own_pid = conn.info.backend_pid
    lock = threading.Lock()
    received: list[tuple[str, int, float]] = []
    stop, ready = threading.Event(), threading.Event()

    def listening() -> None:
        for note in listen(url, PROJECT, stop, ready=ready, poll_seconds=0.1):
            if note.pid == own_pid or note.kind != "cluster":
                continue
            now = time.time()
            with lock:
                received.append((note.key, note.version or 0, now))
                base = known.get(("cluster", note.key), 0)
                if not hot:
                    known[("cluster", note.key)] = max(base, note.version or 0)

    thread = threading.Thread(target=listening, daemon=True)
    thread.start()
    ready.wait(60)
    out.put(("ready", number))
    go.wait(600)
    rng = random.Random(number)
    saves = []  # (key, value, accepted version or None, conflict version, latency, done)
    time.sleep(max(0.0, start_at.value - time.time()) + rng.uniform(0, SAVE_EVERY_S))
    end = start_at.value + seconds
    sequence = 0
    while time.time() < end:
        tick = time.monotonic()
        key = rng.choice(clusters)
        sequence += 1
        value = f"planner {number} edit {sequence}"
        with lock:
            base = known.get(("cluster", key))
        began = time.perf_counter()
        result = save_changes(
            conn, PROJECT, [RowChange("cluster", key, {"name": value})], {("cluster", key): base}
        )
        latency = time.perf_counter() - began
        done = time.time()
        if result.accepted:
            version = result.accepted[0].version
            with lock:
                known[("cluster", key)] = max(known.get(("cluster", key), 0), version)
            saves.append((key, value, version, None, latency, done))
        else:
            conflict = result.conflicts[0]  # refused rows would be a bug here: reported
            with lock:
                known[("cluster", key)] = conflict.their_version
            saves.append((key, value, None, conflict.their_version, latency, done))
        time.sleep(max(0.0, SAVE_EVERY_S - (time.monotonic() - tick)))
    time.sleep(1.0)  # the last notifications of the others
    stop.set()
    thread.join(5)
    conn.close()
    out.put((number, saves, received))


def run_planners(url: str, pgpass: str, seconds: float, hot: int = 0) -> list:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    go, start_at = context.Event(), context.Value("d", 0.0)
    processes = [
        context.Process(target=planner, args=(i, url, pgpass, go, start_at, seconds, hot, queue))
        for i in range(PLANNERS)
    ]
    for process in processes:
        process.start()
    for _ in processes:  # every planner connected and listening
        assert queue.get(timeout=600)[0] == "ready"
    start_at.value = time.time() + 0.5
    go.set()
    results = [queue.get(timeout=seconds + 300) for _ in processes]
    for process in processes:
        process.join(30)
    return results


def check_no_lost_update(url: str, results: list) -> dict:
    import psycopg

    accepted = {}
    attempts = conflicts = 0
    for _number, saves, _received in results:
        for key, value, version, their_version, _latency, _done in saves:
            attempts += 1
            if version is None:
                conflicts += 1
                assert their_version is not None, "a refused save was not reported"
            else:
                assert (key, version) not in accepted, f"two saves got {key} version {version}"
                accepted[(key, version)] = value
    with psycopg.connect(url) as conn:
        audited = {
            (key, int(version)): name
            for key, version, name in conn.execute(
                "SELECT row_key, row_version, after ->> 'name' FROM gis_app.audit_log "
                "WHERE table_name = 'clusters' AND action = 'UPDATE'"
            )
        }
        final = dict(conn.execute("SELECT cluster_id, name FROM gis_app.clusters").fetchall())
    missing = [k for k, v in accepted.items() if audited.get(k) != v]
    assert not missing, f"accepted saves not in the audit trail: {missing[:5]}"
    assert set(audited) == set(accepted), "updates in the database that no planner made"
    last = {}
    for (key, version), value in accepted.items():
        if key not in last or version > last[key][0]:
            last[key] = (version, value)
    wrong = [k for k, (_v, value) in last.items() if final.get(k) != value]
    assert not wrong, f"final state is not the last accepted save: {wrong[:5]}"
    return {"attempts": attempts, "accepted": len(accepted), "conflicts": conflicts}


def main() -> int:
    parser = area_parser(__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=None, help="length of the planner run")
    args = parser.parse_args()
    n = area_size(args)
    seconds = args.seconds or (15.0 if args.quick else 60.0)
    repeats = 3
    note = machine_note()

    from bench_project import make_project
    from pg_server import PgServer

    from gis_app.core.db import init_database, pull, push
    from gis_app.core.io.projectfile import load_project, save_project

    project = make_project(buildings_gpkg(n))
    work = Path(tempfile.mkdtemp(prefix="bench_db_", dir=DATA))
    target = work / "project.gpkg"
    server = PgServer().start()
    try:
        url = server.create_database("bench")
        init_database(url)
        print("saving / pushing ...", flush=True)
        save_times = timed(lambda: save_project(project, target), repeats)
        push_times = timed(lambda: push(project, url, PROJECT, replace=True), repeats)
        server.admin_sql("VACUUM ANALYZE", "bench")
        print("opening / pulling ...", flush=True)
        load_times = timed(lambda: load_project(target), repeats)
        pull_times = timed(lambda: pull(url, PROJECT), repeats)
        print(f"{PLANNERS} planners for {seconds:.0f} s ...", flush=True)
        results = run_planners(url, str(server.pgpass), seconds)
        counts = check_no_lost_update(url, results)
        print(f"{PLANNERS} planners on {HOT_CLUSTERS} clusters with stale versions ...", flush=True)
        server.admin_sql("DELETE FROM gis_app.audit_log", "bench")  # the check reads it
        hot_results = run_planners(url, str(server.pgpass), HOT_SECONDS, hot=HOT_CLUSTERS)
        hot_counts = check_no_lost_update(url, hot_results)
    finally:
        server.stop()
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    assert not server.running()

    latencies = [s[4] * 1000 for _n, saves, _r in results for s in saves]
    committed = {
        (key, version): done
        for _n, saves, _r in results
        for key, _value, version, _t, _lat, done in saves
        if version is not None
    }
    propagation = [
        (at - committed[(key, version)]) * 1000
        for _n, _saves, received in results
        for key, version, at in received
        if (key, version) in committed
    ]
    save_s, push_s = statistics.median(save_times), statistics.median(push_times)
    load_s, pull_s = statistics.median(load_times), statistics.median(pull_times)
    push_ratio, pull_ratio = push_s / save_s, pull_s / load_s
    p95 = percentile(latencies, 95)

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = [
        f"## Team mode: PostgreSQL/PostGIS ({n:,} buildings)",
        "",
        f"Project as in the project-file benchmark ({len(project.clusters):,} grid clusters, "
        f"settings, 5 scenarios) on a throwaway PostgreSQL 15 + PostGIS 3 server on "
        f"loopback (tests/pg_server.py; fsync off, like a test server). Median of {repeats}. "
        f"Machine: {note}." + (" **Quick run: not the target size.**" if n < 300_000 else ""),
        "",
        "| measurement | team mode | reference (same run) | ratio | goal |",
        "|---|---:|---:|---:|---|",
        f"| open: `pull` from PostGIS vs `load_project` from the GeoPackage | {pull_s:.2f} s | "
        f"{load_s:.2f} s | {pull_ratio:.2f} | ≤ {GOAL_PULL_RATIO:g} ×: "
        f"{verdict(pull_ratio <= GOAL_PULL_RATIO)} |",
        f"| save: `push` (COPY, one transaction) vs `save_project` | {push_s:.2f} s | "
        f"{save_s:.2f} s | {push_ratio:.2f} | ≤ {GOAL_PUSH_RATIO:g} ×: "
        f"{verdict(push_ratio <= GOAL_PUSH_RATIO)} |",
        "",
        f"{PLANNERS} planner processes, each saving the name of a random cluster every "
        f"{SAVE_EVERY_S:g} s for {seconds:.0f} s over loopback (own connection, `LISTEN` "
        "thread keeping its row versions current):",
        "",
        f"- saves: {counts['attempts']} attempted, {counts['accepted']} accepted, "
        f"{counts['conflicts']} refused as conflicts (every one reported with the other "
        "side); no lost update: every accepted save is in the audit trail with its value, "
        "no update without a save, and each cluster ends with its last accepted save.",
        f"- save latency: median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, "
        f"max {max(latencies):.0f} ms (goal p95 ≤ {GOAL_SAVE_P95_MS:.0f} ms: "
        f"{verdict(p95 <= GOAL_SAVE_P95_MS)}).",
        f"- the same with conflicts forced ({HOT_SECONDS:.0f} s, all {PLANNERS} planners on "
        f"{HOT_CLUSTERS} clusters, versions refreshed only by a conflict, like offline "
        f"copies): {hot_counts['attempts']} saves, {hot_counts['accepted']} accepted, "
        f"{hot_counts['conflicts']} refused as conflicts and reported; no lost update.",
        f"- change propagation (commit to notification at each other planner, "
        f"{len(propagation)} deliveries): median {statistics.median(propagation):.0f} ms, "
        f"p95 {percentile(propagation, 95):.0f} ms (the window's goal is 2 s).",
        "",
    ]
    write_results("db", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
