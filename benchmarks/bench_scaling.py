"""Benchmark: how the cost of each step grows from 30,000 to 3,000,000 buildings.

For every size (``--sizes``, default 30000,300000,3000000) the same steps run on the
generated area (:func:`common.buildings_gpkg`, cached in benchmarks/data/, gitignored):

* **loading**: :func:`gis_app.core.join.load.load_buildings` of the footprints GeoPackage
  (as ``bench_loading.py``);
* **time to map**: a fresh process that loads the buildings, builds the offscreen
  ``MainWindow`` and renders the full extent (``bench_map.py``'s memory child, which also
  gives the **peak RSS with the window open**);
* **neighbourhood redraw** and **first full render** (``bench_map.py``'s render child, a
  process of its own);
* **panning**: the longest UI-thread frame while dragging a 1 km neighbourhood
  (``bench_map.py``'s pan child);
* **suggest**: :func:`gis_app.core.clusters.suggest.suggest_clusters`;
* **membership**: the cluster id of every building from the suggested clusters'
  outlines (:func:`gis_app.core.spatial` point-in-polygon, as the cluster dock does);
* **plan**: :class:`gis_app.core.planning.Planner` with the default settings on the
  suggested clusters;
* **export**: :func:`export_project` to a GeoPackage (three layers) of the project with
  clusters but no packages, so it plans and cuts the packages first, as a first export does
  (``--steps export`` runs loading, suggest and this step alone).

The exponent k of cost ∝ n^k is the least-squares slope on log-log of each step over the
sizes measured. Writes ``benchmarks/results/scaling.md``.

    .venv/bin/python benchmarks/bench_scaling.py [--sizes 30000,300000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import DATA, RESULTS, buildings_gpkg, machine_note  # noqa: E402

STEPS = [
    ("loading", "loading (load_buildings)", "s"),
    ("time_to_map", "time to map (process: load + window + first render)", "s"),
    ("first_render", "first full-extent render", "s"),
    ("nbh_redraw", "neighbourhood redraw (median)", "ms"),
    ("pan_max_frame", "panning: longest UI frame", "ms"),
    ("suggest", "suggest clusters", "s"),
    ("membership", "membership (building -> cluster)", "s"),
    ("plan", "plan (default settings)", "s"),
    ("export", "export: plan + packages + GeoPackage (3 layers)", "s"),
    ("peak_rss", "peak RSS, window open", "MB"),
]


#: The sample generator places its villages at fixed spots and cannot fill them with
#: more than a few hundred thousand buildings; larger areas are tiles of this size.
TILE = 300_000
TILE_STEP_M = 40_000.0  # tiles side by side, 40 km apart (the generated area is ~25 km)


def area_gpkg(n: int) -> Path:
    """``benchmarks/data/buildings_<n>.gpkg``; above :data:`TILE` made of shifted tiles of
    generated areas (seeds 0, 1, ...) with fresh, unique building ids."""
    if n <= TILE:
        return buildings_gpkg(n)
    path = DATA / f"buildings_{n}.gpkg"
    if path.exists():
        return path
    import pandas as pd
    import pyogrio

    from gis_app.core.io.atomic import atomic_path
    from gis_app.core.sample import generate_buildings

    print(f"generating {n:,} buildings as tiles into {path} (once) ...", flush=True)
    tiles = []
    for index in range((n + TILE - 1) // TILE):
        tile = generate_buildings(min(TILE, n - index * TILE), seed=index)
        dx, dy = (index % 4) * TILE_STEP_M, (index // 4) * TILE_STEP_M
        tile = tile.set_geometry(tile.geometry.translate(dx, dy))
        tiles.append(tile)
        print(f"  tile {index + 1}: {len(tile):,}", flush=True)
    frame = pd.concat(tiles, ignore_index=True)
    frame["building_id"] = [f"0010100{i:09d}" for i in range(len(frame))]
    frame["cluster_id"] = ""
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(frame, tmp, layer="buildings", driver="GPKG")
    return path


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def window_child(path: Path) -> dict:
    """Process start to first full render in a window, and its peak memory."""
    import bench_map

    start = time.perf_counter()
    memory = bench_map.run_child("memory", path)
    memory["wall_s"] = time.perf_counter() - start
    return memory


def measure(n: int, log, steps: set[str] | None = None) -> dict:
    import bench_map
    import geopandas as gpd
    import shapely

    from gis_app.core.clusters.suggest import suggest_clusters
    from gis_app.core.export.exporter import ExportOptions, export_project
    from gis_app.core.join.load import load_buildings
    from gis_app.core.planning import Planner, PlanningConfig
    from gis_app.core.project import Project

    path = area_gpkg(n)
    out: dict = {"n": n, "load_average": os.getloadavg()[0]}

    def want(step: str) -> bool:
        return steps is None or step in steps

    seconds, loaded = timed(load_buildings, path, None)
    buildings = loaded[0] if isinstance(loaded, tuple) else loaded
    buildings = getattr(buildings, "buildings", buildings)
    out["loading"] = seconds
    log(f"{n:,}: loading {seconds:.2f} s")

    if want("window"):
        memory = window_child(path)
        out["time_to_map"] = memory["wall_s"]
        out["peak_rss"] = memory["peak_mb"]
        log(f"{n:,}: window {memory['wall_s']:.1f} s, peak {memory['peak_mb']:.0f} MB")

    if want("render"):
        render = bench_map.run_child("render", path)
        out["first_render"] = render["first_render_s"]
        out["nbh_redraw"] = 1000 * float(np.median(render["nbh_s"]))
        out["nbh_visible"] = render.get("nbh_visible")
        log(f"{n:,}: neighbourhood redraw {out['nbh_redraw']:.1f} ms")

    if want("pan"):
        pan = bench_map.run_child("pan", path)
        out["pan_max_frame"] = pan["pans"][0]["max_gap_ms"]
        out["pan_detail"] = pan["pans"]
        log(f"{n:,}: pan max frame {out['pan_max_frame']:.1f} ms")
    if not want("work") and not want("export"):
        return out

    seconds, (clusters, membership) = timed(suggest_clusters, buildings)
    out["suggest"] = seconds
    out["clusters"] = len(clusters)
    log(f"{n:,}: suggest {seconds:.1f} s, {len(clusters)} clusters")

    def membership_of():
        points = gpd.GeoDataFrame(geometry=buildings.geometry.representative_point())
        outlines = gpd.GeoDataFrame(
            {"cluster_id": clusters["cluster_id"].to_numpy()},
            geometry=shapely.make_valid(clusters.geometry.to_numpy()),
            crs=clusters.crs,
        )
        points = points.set_crs(buildings.crs, allow_override=True)
        return gpd.sjoin(points, outlines, predicate="within", how="left")

    with_clusters = buildings.copy()
    with_clusters["cluster_id"] = (
        membership.reindex(buildings.index).fillna("").astype(str).to_numpy(dtype=object)
    )
    keep = [c for c in clusters.columns if c not in ("rank", "reason")]
    clusters = clusters[keep]
    if want("work"):
        out["membership"], _ = timed(membership_of)
        log(f"{n:,}: membership {out['membership']:.2f} s")
        seconds, _ = timed(lambda: Planner(with_clusters, clusters, PlanningConfig()).run())
        out["plan"] = seconds
        log(f"{n:,}: plan {seconds:.1f} s")

    project = Project(buildings=with_clusters, clusters=clusters)
    folder = Path(tempfile.mkdtemp(prefix="scaling_export_"))
    try:
        seconds, _ = timed(
            export_project,
            project,
            folder / "uit",
            ExportOptions(formats=("gpkg",), remember_columns=False),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    out["export"] = seconds
    log(f"{n:,}: export {seconds:.1f} s")
    return out


def exponent(sizes: list[int], values: list[float]) -> float | None:
    pairs = [(s, v) for s, v in zip(sizes, values, strict=True) if v and v > 0]
    if len(pairs) < 2:
        return None
    x = np.log([p[0] for p in pairs])
    y = np.log([p[1] for p in pairs])
    return float(np.polyfit(x, y, 1)[0])


def report(runs: list[dict]) -> list[str]:
    sizes = [r["n"] for r in runs]
    lines = [
        "## Scaling (30,000 to 3,000,000 buildings)",
        "",
        "Each step at each size, and the fitted exponent k of cost ∝ n^k (least squares on "
        "log-log). Goals: k ≤ 1.1 for every step except suggest, the neighbourhood redraw "
        "flat (k ≈ 0), peak memory with the window open < 8 GB at 3,000,000, panning frames "
        "< 33 ms at 3,000,000.",
        "",
        "| step | " + " | ".join(f"{n:,}" for n in sizes) + " | k |",
        "|---|" + "---:|" * len(sizes) + "---:|",
    ]
    for key, label, unit in STEPS:
        values = [r.get(key) for r in runs]
        k = exponent(sizes, values)
        cells = [
            ("–" if v is None else f"{v:,.2f} {unit}" if v < 100 else f"{v:,.0f} {unit}")
            for v in values
        ]
        lines.append(
            f"| {label} | " + " | ".join(cells) + f" | {'–' if k is None else f'{k:.2f}'} |"
        )
    lines += [
        "",
        "Machine load (1-minute load average at the start of each size): "
        + ", ".join(f"{r['n']:,}: {r['load_average']:.1f}" for r in runs)
        + f". {machine_note()}.",
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30000,300000,3000000")
    parser.add_argument(
        "--steps",
        default=None,
        help="comma-separated subset of window,render,pan,work,export (loading always runs; "
        "work = suggest, membership, plan and export; export = suggest and export)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also dump the raw figures here")
    parser.add_argument("--from-json", default=None, help="measure nothing; report a --json dump")
    parser.add_argument("--notes", type=Path, default=None, help="text appended to the report")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = []
    steps = set(args.steps.split(",")) if args.steps else None
    if args.from_json:
        for dump in str(args.from_json).split(","):  # several runs' dumps: one table
            runs += json.loads(Path(dump).read_text(encoding="utf-8"))
        runs.sort(key=lambda r: r["n"])
    for n in [] if args.from_json else sizes:
        runs.append(measure(n, lambda text: print(text, flush=True), steps))
        if args.json:
            args.json.write_text(json.dumps(runs, indent=1, default=str), encoding="utf-8")
    lines = report(runs)
    if args.notes:
        lines += ["", args.notes.read_text(encoding="utf-8").rstrip()]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scaling.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
