"""Benchmark: export throughput of many small packages (one per cluster, every format).

Goal: an export of the sample area cut into one package per cluster (about 350 of them,
by default the first ``--packages`` in package order), writing per package a Shapefile
(folder and zip), GeoJSON, CSV, XLSX, PDF sheet and a field pack, takes at most 3× a bare
``pyogrio.write_dataframe`` of the same per-package layers (a GeoPackage and a Shapefile
per package, no fsync), measured in the same run.

What is timed:

* **ours**: :func:`export_project` as the window and the command line call it (worker
  processes when two or more cores are idle, the staging folder flushed once and moved
  into place); ``--pool`` also runs it with the pool forced on;
* **ours, serial**: the same with the pool switched off (every job in this process),
  to show what the pool brings on this machine;
* **per format**: the export with one format at a time (and the field packs alone);
* **bare pyogrio**: per package ``write_dataframe(part, "<pakket>.gpkg")`` and
  ``write_dataframe(part, "<pakket>.shp")`` of the same export table slices; run before
  and after ours, the faster of the two counts (the machine is shared).

Data: the sample project (``scripts/make_sample.py``, cached in benchmarks/data/) with its
packages re-cut to one per cluster (no size limits). Writes
``benchmarks/results/export_throughput.md``.

    .venv/bin/python benchmarks/bench_export_throughput.py [--packages 350] [--no-breakdown]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import DATA, RESULTS, machine_note  # noqa: E402

GOAL_RATIO = 3.0
NOTES = """Where the time goes: the reference writes two files per package straight from \
GDAL; the export writes 17 (Shapefile folder of six files and its zip, GeoJSON, CSV, XLSX, \
PDF, and a field pack of GeoPackage with QGIS styles, QGIS project, PDF, CSV, README and \
zip); the per-format table shows the split. The CPU columns count this process and its \
workers, so they are less disturbed by the other jobs on the machine than the wall times \
are. Done before: the per-package files can be written in worker processes (the pool \
starts only when two or more cores are idle by the load average: on a busy machine the \
workers only take turns with the other jobs and a pooled export was slower than one in \
this process), the staging folder is flushed once (syncfs), the field pack copies the \
PDF drawn for pdf/, the XLSX address lists come from a small SpreadsheetML writer \
(gis_app.core.export.xlsx), what every sheet looks up is prepared once per export, staged \
folders move into place with one rename each, PDFs are stored, not deflated, in zips. \
Done now: the PDF sheet is written directly by gis_app.core.export.pdf (base-14 fonts, \
real text, paths from numpy: about 4 instead of 43 CPU ms a sheet; a sheet with text \
outside cp1252 is drawn by Qt as before), and the field pack's GeoPackage is filled with \
sqlite3 into a template GDAL writes once per export, its QGIS project rendered from a \
skeleton made once, its CSV cut from the export's whole CSV (the pack without its PDF: \
about 29 -> 17 CPU ms; the same tables, rows, extents, R-tree and styles, checked with \
ogrinfo and GDAL's validate_gpkg.py). What is left per package is spread thinly: GDAL's \
Shapefile and GeoJSON writes, the zips, about 22 atomic file writes (temporary name, \
rename) and the path checks that keep every file inside the export folder."""
ALL_FORMATS = ("shp", "geojson", "csv", "xlsx", "pdf")


def sample_project_file() -> Path:
    path = DATA / "export_sample.gpkg"
    if not path.exists():
        from gis_app.core.sample_project import make_sample_project
        from gis_app.paths import SAMPLE_PROJECT

        DATA.mkdir(parents=True, exist_ok=True)
        make_sample_project(SAMPLE_PROJECT, path)
    return path


def per_cluster_project(count: int):
    """The sample project with one package per cluster; the first ``count`` package ids."""
    from gis_app.core.change import applied
    from gis_app.core.export.exporter import prepare_export
    from gis_app.core.io.opening import open_path

    project, _ = open_path(sample_project_file())
    project.packages = None
    project.buildings = project.buildings.drop(columns=["package_id"], errors="ignore")
    project.settings["packages"] = {
        "max_buildings": 1_000_000,
        "max_addresses": 10_000_000,
        "max_weeks": 100_000,
        "merge_leftover": 0,
    }
    prepared = prepare_export(project)
    project = applied(project, prepared.change)
    ids = prepared.packages["package_id"].astype(str).tolist()[:count]
    return project, prepared, ids


def export_parts(project, prepared, ids):
    """The export table of the chosen packages, split per package (the reference's input)."""
    from gis_app.core.export import columns as colmod
    from gis_app.core.export.exporter import _groups, package_file_names
    from gis_app.core.export.frame import export_frame

    frame = export_frame(
        prepared.buildings,
        prepared.assignment,
        prepared.packages,
        prepared.context,
        getattr(prepared.plan_result, "schedule", None),
        prepared.clusters,
        package_ids=ids,
    )
    chosen = colmod.chosen_columns(project.settings, colmod.available_columns(frame.columns))
    frame = frame[[*chosen, frame.geometry.name]]
    groups = _groups(frame["package_id"].to_numpy(dtype=object), ids)
    packages = prepared.packages[prepared.packages["package_id"].astype(str).isin(ids)]
    names = package_file_names(packages)
    return [(names[pid], frame.iloc[groups[pid]]) for pid in ids], len(frame)


def pool_note(workers: int) -> str:
    return (
        "too few idle cores for a pool, written in this process"
        if workers == 0
        else "one per idle core"
    )


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_write(parts, folder: Path) -> tuple[float, float]:
    """Seconds and CPU seconds of the reference write."""
    import pyogrio

    folder.mkdir(parents=True)
    cpu = cpu_seconds()
    start = time.perf_counter()
    for index, (_, part) in enumerate(parts):
        base = f"p{index:04d}"  # plain names: the reference does no name checks
        pyogrio.write_dataframe(part, folder / f"{base}.gpkg", layer="buildings")
        (folder / base).mkdir()
        pyogrio.write_dataframe(part, folder / base / f"{base}.shp")
    return time.perf_counter() - start, cpu_seconds() - cpu


def ours(project, prepared, ids, folder: Path, formats, field_pack: bool, pooled=True):
    from gis_app.core.export import pool
    from gis_app.core.export.exporter import ExportOptions, export_project
    from gis_app.render.pdf_sheets import ensure_gui_application, write_package_pdf

    ensure_gui_application()
    saved = pool.POOL_MIN_PACKAGES
    if not pooled:
        pool.POOL_MIN_PACKAGES = 10**9
    try:
        options = ExportOptions(
            formats=formats, package_ids=ids, field_pack=field_pack, remember_columns=False
        )
        cpu = cpu_seconds()
        start = time.perf_counter()
        report = export_project(
            project, folder, options, pdf_writer=write_package_pdf, prepared=prepared
        )
        return time.perf_counter() - start, len(report.files), cpu_seconds() - cpu
    finally:
        pool.POOL_MIN_PACKAGES = saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=350)
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument(
        "--breakdown-packages",
        type=int,
        default=40,
        help="packages of the per-format runs (the first ones; in this process)",
    )
    parser.add_argument("--no-serial", action="store_true")
    parser.add_argument(
        "--pool",
        action="store_true",
        help="also run the export with the pool forced on (two or more workers, busy or not)",
    )
    args = parser.parse_args()
    # pyogrio's notes on the bare Shapefile (laundered names, dates as text) are expected
    warnings.filterwarnings("ignore", category=RuntimeWarning, module="pyogrio")

    from gis_app.core.export.pool import worker_count

    project, prepared, ids = per_cluster_project(args.packages)
    parts, n_rows = export_parts(project, prepared, ids)
    scratch = Path(tempfile.mkdtemp(prefix="export_throughput_"))
    loads = [os.getloadavg()[0]]
    try:
        bare, bare_cpu = zip(bare_write(parts, scratch / "bare1"), strict=True)
        bare, bare_cpu = list(bare), list(bare_cpu)
        print(f"bare pyogrio {bare[0]:.1f} s", flush=True)
        workers = worker_count(len(ids))  # what the export decides now (idle cores)
        full, files, full_cpu = ours(project, prepared, ids, scratch / "ours", ALL_FORMATS, True)
        print(f"ours {full:.1f} s, {files} files, {full_cpu:.1f} CPU s", flush=True)
        loads.append(os.getloadavg()[0])
        seconds, cpu = bare_write(parts, scratch / "bare2")
        bare.append(seconds)
        bare_cpu.append(cpu)
        print(f"bare pyogrio {bare[1]:.1f} s", flush=True)
        forced = None
        if args.pool:
            from gis_app.core.export import pool

            saved = pool.POOL_MIN_IDLE_CORES
            pool.POOL_MIN_IDLE_CORES = 0.0
            try:
                forced = ours(project, prepared, ids, scratch / "pool", ALL_FORMATS, True)
            finally:
                pool.POOL_MIN_IDLE_CORES = saved
            print(f"ours with the pool forced {forced[0]:.1f} s", flush=True)
        serial = serial_cpu = None
        if not args.no_serial:
            serial, _, serial_cpu = ours(
                project, prepared, ids, scratch / "serial", ALL_FORMATS, True, pooled=False
            )
            print(f"ours serial {serial:.1f} s", flush=True)
        breakdown = []
        if not args.no_breakdown:
            some = ids[: args.breakdown_packages]
            for fmt in ALL_FORMATS:
                seconds, count, cpu = ours(
                    project, prepared, some, scratch / f"f_{fmt}", (fmt,), False, pooled=False
                )
                breakdown.append((fmt, seconds, count, cpu))
                print(f"  {fmt} {seconds:.1f} s", flush=True)
            seconds, count, cpu = ours(
                project, prepared, some, scratch / "f_field", (), True, pooled=False
            )
            breakdown.append(("veldpakket", seconds, count, cpu))
            print(f"  veldpakket {seconds:.1f} s", flush=True)
        loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    reference = min(bare)
    reference_cpu = min(bare_cpu)
    ratio = full / reference
    met = "met" if ratio <= GOAL_RATIO else "**not met**"
    lines = [
        "## Export throughput (one package per cluster, every format)",
        "",
        f"{len(ids)} packages, {n_rows:,} buildings (the sample area, one package per "
        f"cluster); per package a Shapefile (folder + zip), GeoJSON, CSV, XLSX, PDF sheet and "
        f"a field pack: {files:,} files. Reference: a bare `pyogrio.write_dataframe` per "
        f"package of the same layer to a GeoPackage and a Shapefile (no fsync), measured in "
        f"the same run before and after ours (best: {reference:.1f} s of "
        f"{', '.join(f'{b:.1f}' for b in bare)}).",
        "",
        f"| export | seconds | ratio to bare pyogrio | goal <= {GOAL_RATIO:.0f}x "
        "| CPU seconds (with workers) | CPU ratio |",
        "|---|---:|---:|---|---:|---:|",
        f"| ours ({workers} worker processes: {pool_note(workers)}) | {full:.1f} | {ratio:.2f}x "
        f"| {met} "
        f"| {full_cpu:.1f} | {full_cpu / reference_cpu:.2f}x |",
    ]
    if forced is not None:
        lines.append(
            f"| ours, pool forced on ({worker_count(len(ids), idle=99.0)} workers) "
            f"| {forced[0]:.1f} | {forced[0] / reference:.2f}x | | {forced[2]:.1f} "
            f"| {forced[2] / reference_cpu:.2f}x |"
        )
    if serial is not None:
        lines.append(
            f"| ours, serial (no pool) | {serial:.1f} | {serial / reference:.2f}x | "
            f"| {serial_cpu:.1f} | {serial_cpu / reference_cpu:.2f}x |"
        )
    lines.append(
        f"| bare pyogrio (GeoPackage + Shapefile) | {reference:.1f} | 1.00x | "
        f"| {reference_cpu:.1f} | 1.00x |"
    )
    if breakdown:
        lines += [
            "",
            f"Per format: the export with that format alone of the first "
            f"{min(args.breakdown_packages, len(ids))} packages, in this process (no pool), "
            "so the figures add up to the serial cost; the field packs alone draw their PDFs "
            "(in a whole export they copy the sheet drawn for pdf/). Each run includes the "
            "fixed cost of an export (export table, staging, flush, moving into place):",
            "",
            "| format | seconds | files | ms per package | CPU ms per package |",
            "|---|---:|---:|---:|---:|",
        ]
        for fmt, seconds, count, cpu in breakdown:
            lines.append(
                f"| {fmt} | {seconds:.1f} | {count:,} | {1000 * seconds / len(some):.0f} "
                f"| {1000 * cpu / len(some):.0f} |"
            )
    lines += ["", NOTES]
    lines += [
        "",
        "Machine load (1-minute load average at start, after ours, at the end): "
        + ", ".join(f"{x:.1f}" for x in loads)
        + f". {machine_note()}.",
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "export_throughput.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
