"""Shared by the benchmark scripts: the generated input area, the machine description and
the results file.

Every area benchmark that needs "n generated buildings as a GeoPackage" uses the same
file, so a full run generates the 300,000-building area once instead of once per script.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"
QUICK_SIZE = 20_000  # buildings with --quick (smoke test)
FULL_SIZE = 300_000  # buildings of a full run: the size the goals are set for
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))


def area_parser(description: str) -> argparse.ArgumentParser:
    """A parser with the options every area benchmark takes: ``--quick`` and ``--size``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_SIZE:,} buildings (smoke test)"
    )
    parser.add_argument("--size", type=int, default=None, help="number of buildings")
    return parser


def area_size(args: argparse.Namespace) -> int:
    """The number of buildings ``args`` (from :func:`area_parser`) ask for."""
    return args.size or (QUICK_SIZE if args.quick else FULL_SIZE)


def buildings_gpkg(n: int, seed: int = 0) -> Path:
    """``benchmarks/data/buildings_<n>.gpkg`` (layer ``buildings``, canonical), made once."""
    path = DATA / (f"buildings_{n}.gpkg" if seed == 0 else f"buildings_{n}_seed{seed}.gpkg")
    if path.exists():
        return path
    import pyogrio

    from gis_app.core.io.atomic import atomic_path
    from gis_app.core.sample import generate_buildings

    DATA.mkdir(parents=True, exist_ok=True)
    print(f"generating {n:,} buildings into {path} (once) ...", flush=True)
    buildings = generate_buildings(n, seed=seed)
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(buildings, tmp, layer="buildings", driver="GPKG")
    return path


def cpu_name() -> str:
    """The processor's model name where the OS tells it, else the architecture."""
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_note() -> str:
    """CPU, cores, Python and the load average now (the machine is shared)."""
    try:
        load = f", load average at start {os.getloadavg()[0]:.1f}"
    except OSError:
        load = ""
    return f"{cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}{load}"


def write_results(name: str, lines: list[str]) -> Path:
    """Write the report ``lines`` to ``benchmarks/results/<name>.md``, print it, return the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.md"
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    print(text)
    return path
