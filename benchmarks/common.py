"""Shared by the benchmark scripts: the generated input area and the machine description.

Every area benchmark that needs "n generated buildings as a GeoPackage" uses the same
file, so a full run generates the 300,000-building area once instead of once per script.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))


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
