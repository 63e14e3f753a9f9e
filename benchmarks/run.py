"""Run every benchmark and assemble BENCHMARKS.md.

Usage: .venv/bin/python benchmarks/run.py [--quick] [--only loading,map,...]

Each ``benchmarks/bench_<area>.py`` measures one area against a reference taken in
the same run and writes ``benchmarks/results/<area>.md``; this script runs them one
after another (never in parallel: the machine is shared and has two cores) and
concatenates their sections, with the machine description, into BENCHMARKS.md.
Large inputs are generated into benchmarks/data/ on first use and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys

from common import HERE, RESULTS, cpu_name

ROOT = HERE.parent
ORDER = [
    "before_after",  # written by hand: the same benchmarks on the code before a restructuring
    "loading",
    "bag",
    "map",
    "panels",
    "clusters",
    "planning",
    "commitments",  # written by bench_planning.py --commitments
    "milp",
    "workspace",
    "export",
    "fieldpack",
    "export_throughput",
    "pdf_sheet",
    "project",
    "startup",
    "db",
    "scaling",
]


def machine_note() -> str:
    """The machine line of BENCHMARKS.md: CPU, cores, memory, OS and Python."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        memory = ""
    return (
        f"{cpu_name()}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    parser.add_argument("--only", default="", help="comma-separated areas to run")
    parser.add_argument(
        "--assemble-only",
        action="store_true",
        help="run nothing; rebuild BENCHMARKS.md from benchmarks/results/",
    )
    args = parser.parse_args()
    scripts = {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}
    wanted = [a for a in args.only.split(",") if a] or sorted(
        scripts, key=lambda a: ORDER.index(a) if a in ORDER else len(ORDER)
    )
    failures = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for area in [] if args.assemble_only else wanted:
        script = scripts.get(area)
        if script is None:
            failures.append(f"{area}: no benchmarks/bench_{area}.py")
            continue
        print(f"== {area}", flush=True)
        command = [sys.executable, str(script)] + (["--quick"] if args.quick else [])
        if subprocess.call(command, cwd=ROOT, env=env) != 0:
            failures.append(f"{area}: {script.name} failed")
    sections = []
    areas = set(scripts) | {p.stem for p in RESULTS.glob("*.md")}
    for area in sorted(areas, key=lambda a: (ORDER.index(a) if a in ORDER else len(ORDER), a)):
        result = RESULTS / f"{area}.md"
        if result.exists():
            sections.append(result.read_text(encoding="utf-8").strip())
    header = [
        "# Benchmarks",
        "",
        "Written by `benchmarks/run.py` (run it with `.venv/bin/python benchmarks/run.py`; "
        "`--only map,planning` for a part, `--quick` for a smoke test with small sizes).",
        "Every figure is compared with a reference measured in the same run on the same "
        "machine, because these machines are shared and noisy; speed is never asserted "
        "in the unit tests.",
        "",
        f"Last assembled {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on: {machine_note()}.",
        "Each section names its own run's conditions (load average, sizes).",
        "",
        "",
    ]
    if args.quick:
        header += ["**Quick run: small sizes, figures are not the targets' sizes.**", ""]
    (ROOT / "BENCHMARKS.md").write_text(
        "\n".join(header) + "\n\n".join(sections) + "\n", encoding="utf-8"
    )
    for failure in failures:
        print("FAILED:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
