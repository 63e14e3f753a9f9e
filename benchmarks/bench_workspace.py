"""Benchmark: the planning workspace on 300,000 buildings in about 2,000 clusters.

What a planner waits for when moving a slider, and what could freeze the window:

* worker time per slider move: ``Planner.run`` plus the chart data and map columns
  (:func:`gis_app.ui.planning.controller.make_bundle`), off the UI thread;
* UI-thread time per result: writing ``plan_completion_year``/``plan_approach`` into the
  buildings, the signals, metrics labels, the four charts and the timeline (this is the
  only part that blocks the window; goal at most 50 ms);
* latency from a slider move to the applied result, through the real runner;
* the NCG dashboard counts (whole area; per cluster).

References measured in the same run: ``Planner.run`` with its three tables (what the
chart data is derived from) and ``pd.crosstab(milestone, risk_profile)`` (the obvious
pandas way to count), with the ratios. Best and median of several runs.

    .venv/bin/python benchmarks/bench_workspace.py [--quick]

Data: the buildings and grid clusters of ``bench_planning.py`` (cached in benchmarks/data/).
Writes ``benchmarks/results/workspace.md``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time

from common import machine_note, write_results  # also puts the repo on sys.path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_UI_MS = 50


def timed(fn, repeats: int) -> tuple[float, float, object]:
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times), value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 buildings (smoke test)")
    args = parser.parse_args()
    n, n_clusters, repeats = (20_000, 150, 3) if args.quick else (300_000, 2_000, 5)

    import pandas as pd
    from bench_planning import buildings_with_clusters
    from PySide6.QtWidgets import QApplication

    from gis_app.core import dashboard
    from gis_app.core.project import Project
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.planning.controller import make_bundle
    from gis_app.ui.planning.workspace import PlanningWorkspace

    app = QApplication.instance() or QApplication([])
    buildings, clusters = buildings_with_clusters(n, n_clusters)
    work = int((buildings["expected_measure"] != "none").sum())
    starts = max(40, int(round(work / (8 * 52))))  # about eight years of work
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = {"start_date": "2027-01-04", "starts_per_week": starts}
    document = ProjectDocument(project)

    def wait_idle(controller, timeout: float = 600.0) -> None:
        end = time.time() + timeout
        while time.time() < end:
            app.processEvents()
            busy = controller.runner.is_busy() or controller.curve_runner.is_busy()
            if controller.bundle is not None and not busy:
                return
            time.sleep(0.002)
        raise TimeoutError("the workspace did not finish")

    print(f"workspace on {n:,} buildings, {len(clusters):,} clusters ...", flush=True)
    t0 = time.perf_counter()
    workspace = PlanningWorkspace(document)
    # as docked in the main window: panel and charts shown, timeline a tab behind them
    workspace.panel.resize(420, 1000)
    workspace.charts.resize(1200, 600)
    workspace.timeline.resize(1200, 600)
    workspace.panel.show()
    workspace.charts.show()
    controller = workspace.controller
    wait_idle(controller)
    first_s = time.perf_counter() - t0

    planner = controller.session.cached.planner
    config = controller.config

    def run_with_tables():
        result = planner.run(global_share=0.4)
        _ = result.schedule, result.clusters, result.capacity
        return result

    ref_best, ref_median, result = timed(run_with_tables, repeats)
    bundle_best, bundle_median, bundle = timed(
        lambda: make_bundle(
            planner.run(global_share=0.4), controller.session.inputs.buildings, config
        ),
        repeats,
    )

    # a plan is shown in two event-loop turns (the document, then the views: see
    # PlanningController._apply); both are timed here, one after the other, and each.
    # Plans of other shares take turns, so each call shows a plan other than the last.
    shown = itertools.cycle(
        [
            make_bundle(
                planner.run(global_share=0.3 + 0.05 * i),
                controller.session.inputs.buildings,
                config,
            )
            for i in range(3)
        ]
    )

    def both_turns():
        plan = next(shown)
        controller._apply(plan)
        controller._show(plan)  # the views' turn, which after_paint runs next

    ui_best, ui_median, _ = timed(both_turns, repeats)
    doc_best, doc_median, _ = timed(lambda: controller._apply(next(shown)), repeats)

    def views_turn():
        plan = next(shown)
        controller._showing = plan  # as _apply leaves it
        controller._show(plan)

    views_best, views_median, _ = timed(views_turn, repeats)
    start_date = config.start_date
    tl_best, tl_median, _ = timed(
        lambda: workspace.timeline._draw(bundle.gantt, start_date, ()), repeats
    )

    latencies = []
    for i in range(repeats):
        target = 0.25 + 0.1 * i
        start = time.perf_counter()
        controller.set_global_share(target)
        runner = controller.runner
        while runner.is_busy() or runner.applied_generations[-1:] != [runner.generation]:
            app.processEvents()
            time.sleep(0.001)
        latencies.append((time.perf_counter() - start) * 1000)
    wait_idle(controller)

    area_best, area_median, _ = timed(lambda: dashboard.milestone_counts(buildings), repeats)
    per_best, per_median, _ = timed(
        lambda: dashboard.cluster_milestone_counts(buildings, clusters), repeats
    )
    cross_best, cross_median, _ = timed(
        lambda: pd.crosstab(buildings["milestone"], buildings["risk_profile"]), repeats
    )

    def verdict(ms: float, goal: float) -> str:
        return "**met**" if ms <= goal else "**NOT met**"

    lines = [
        f"## Planning workspace ({n:,} buildings in {len(clusters):,} clusters)",
        "",
        f"{n:,} generated buildings with the grid clusters of `bench_planning.py`, "
        f"{work:,} with work, capacity {starts} starts/week. Best and median of {repeats} runs "
        "in one process, Qt offscreen.",
        "",
        "| measurement | best ms | median ms | goal |",
        "|---|---:|---:|---|",
        f"| worker per slider move: plan + chart data + map columns | {bundle_best:.0f} | "
        f"{bundle_median:.0f} | off the UI thread |",
        f"| UI thread per result: plan columns, signals, labels, charts | "
        f"{ui_best:.1f} | {ui_median:.1f} | <= {GOAL_UI_MS} ms: {verdict(ui_median, GOAL_UI_MS)} |",
        f"| of which the document's turn: plan columns (no table or map in this benchmark) | "
        f"{doc_best:.1f} | "
        f"{doc_median:.1f} | |",
        f"| of which the views' turn, after a repaint: labels, charts | {views_best:.1f} | "
        f"{views_median:.1f} | |",
        f"| timeline redraw ({len(bundle.gantt):,} clusters; only when its tab is shown) | "
        f"{tl_best:.1f} | {tl_median:.1f} | |",
        f"| slider move to applied result (through the runner) | {min(latencies):.0f} | "
        f"{statistics.median(latencies):.0f} | |",
        f"| dashboard: whole area, milestone x profile | {area_best:.1f} | {area_median:.1f} | |",
        f"| dashboard: per cluster x milestone | {per_best:.1f} | {per_median:.1f} | |",
        f"| first plan after opening (planner set-up, plan, trade-off curve of 11 plans) | "
        f"{first_s * 1000:.0f} | | |",
        "",
        "References in the same run:",
        "",
        "| reference | best ms | ratio |",
        "|---|---:|---:|",
        f"| `Planner.run` with its three tables | {ref_best:.0f} | worker per slider move = "
        f"{bundle_best / ref_best:.2f}x |",
        f"| `pd.crosstab(milestone, risk_profile)` | {cross_best:.1f} | dashboard whole area = "
        f"{area_best / cross_best:.2f}x |",
        "",
        f"Machine: {machine_note()}.",
        "",
    ]
    write_results("workspace", lines)
    controller.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
