"""Benchmark: importing an area of a national-style BAG GeoPackage, addresses included.

Generates (once) a PDOK-style BAG GeoPackage with N panden (layer ``pand``, polygons on a
20 m grid) and N verblijfsobjecten (layer ``verblijfsobject``, points in the panden, every
tenth unit listing two panden), then imports an area of about N/10 panden with
:func:`gis_app.core.join.load.load_buildings` (``area=`` a bounding box in RD) and compares
it with a bare ``pyogrio.read_dataframe`` of both layers with the same bounding box, in the
same run (best of 3 each, interleaved). Peak memory of the import is measured in a fresh
process (VmHWM). Goals: at most 2x the bare reads, peak under 1.5 GB.

    .venv/bin/python benchmarks/bench_bag.py [--quick] [--size N]     (default 3,000,000)

Writes ``benchmarks/results/bag.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from common import DATA, RESULTS, machine_note  # noqa: I001 - common sets sys.path

SPACING = 20.0
X0, Y0 = 100_000.0, 400_000.0


def bag_gpkg(n: int) -> Path:
    path = DATA / f"bag_national_{n}.gpkg"
    if path.exists():
        return path
    import geopandas as gpd
    import pyogrio
    import shapely

    from gis_app.core.io.atomic import atomic_path

    DATA.mkdir(parents=True, exist_ok=True)
    print(f"generating a BAG GeoPackage with {n:,} panden and units into {path} (once) ...")
    side = math.ceil(math.sqrt(n))
    i = np.arange(n)
    x = X0 + (i % side) * SPACING
    y = Y0 + (i // side) * SPACING
    ids = np.char.add("0003100", np.char.zfill(i.astype(str), 9)).astype(object)
    status = np.where(i % 97 == 0, "Pand gesloopt", "Pand in gebruik").astype(object)
    with atomic_path(path) as tmp:
        for start in range(0, n, 1_000_000):
            part = slice(start, min(n, start + 1_000_000))
            pand = gpd.GeoDataFrame(
                {
                    "identificatie": ids[part],
                    "bouwjaar": (1900 + i[part] % 120).astype(np.int32),
                    "status": status[part],
                    "gebruiksdoel": np.full(len(i[part]), "woonfunctie", dtype=object),
                    "aantal_verblijfsobjecten": np.ones(len(i[part]), dtype=np.int32),
                },
                geometry=shapely.box(x[part], y[part], x[part] + 12, y[part] + 9),
                crs=28992,
            )
            pyogrio.write_dataframe(pand, tmp, layer="pand", append=start > 0)
            del pand
        for start in range(0, n, 1_000_000):
            part = slice(start, min(n, start + 1_000_000))
            k = i[part]
            refs = ids[part].copy()
            two = (k % 10 == 0) & (k + 1 < n)
            refs[two] = refs[two] + "," + ids[k[two] + 1]
            unit = gpd.GeoDataFrame(
                {
                    "identificatie": np.char.add("0003010", np.char.zfill(k.astype(str), 9)).astype(
                        object
                    ),
                    "status": np.full(len(k), "Verblijfsobject in gebruik", dtype=object),
                    "openbare_ruimte_naam": np.char.add("Straat ", (k // 50).astype(str)).astype(
                        object
                    ),
                    "huisnummer": (k % 50 + 1).astype(np.int32),
                    "huisletter": np.where(k % 7 == 0, "A", None).astype(object),
                    "toevoeging": np.where(k % 11 == 0, "1", None).astype(object),
                    "postcode": np.char.add(
                        "9", np.char.zfill(((k // 50) % 1000).astype(str), 3)
                    ).astype(object)
                    + "AB",
                    "woonplaats_naam": np.full(len(k), "Loppersum", dtype=object),
                    "pand_identificatie": refs,
                    "nummeraanduiding_hoofdadres_identificatie": np.char.add(
                        "0003200", np.char.zfill(k.astype(str), 9)
                    ).astype(object),
                },
                geometry=shapely.points(x[part] + 6, y[part] + 4.5),
                crs=28992,
            )
            pyogrio.write_dataframe(unit, tmp, layer="verblijfsobject", append=start > 0)
            del unit
    return path


def area_box(n: int, share: float = 0.1) -> tuple[float, float, float, float]:
    """A square box holding about ``share`` of the panden (corner of the grid)."""
    side = math.ceil(math.sqrt(n))
    cells = math.ceil(math.sqrt(n * share))
    cells = min(cells, side)
    return (X0 - 1, Y0 - 1, X0 + cells * SPACING - 5, Y0 + cells * SPACING - 5)


def bare(path: Path, bbox) -> int:
    import pyogrio

    pand = pyogrio.read_dataframe(path, layer="pand", bbox=bbox)
    unit = pyogrio.read_dataframe(path, layer="verblijfsobject", bbox=bbox)
    return len(pand) + len(unit)


def imported(path: Path, bbox):
    from gis_app.core.io.area import Area
    from gis_app.core.join.load import load_buildings

    return load_buildings(path, area=Area(bbox=bbox))


def _peak(path: Path, bbox) -> dict:
    code = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from bench_bag import imported;"
        f"b, r = imported(__import__('pathlib').Path({str(path)!r}), tuple({list(bbox)!r}));"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0];"
        "print(json.dumps({'rows': len(b), 'addresses': len(r.addresses),"
        " 'hwm_mb': int(hwm.split()[1]) / 1024}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=3_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 panden (smoke test)")
    args = parser.parse_args()
    n = 100_000 if args.quick else args.size
    path = bag_gpkg(n)
    bbox = area_box(n)
    import gis_app.core.join.load  # noqa: F401 - imports outside the timing

    bare_times, load_times = [], []
    for _ in range(3):
        t = time.perf_counter()
        bare(path, bbox)
        bare_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        buildings, report = imported(path, bbox)
        load_times.append(time.perf_counter() - t)
    ratio = min(load_times) / min(bare_times)
    peak = _peak(path, bbox)
    size_mb = path.stat().st_size / 1024**2
    lines = [
        f"## Importing an area of a national-style BAG GeoPackage ({n:,} panden)",
        "",
        f"{n:,} panden and {n:,} verblijfsobjecten (every tenth in two panden) in one "
        f"GeoPackage ({size_mb:,.0f} MB); the area is a box of {len(buildings):,} panden "
        f"({report.bag_counts.get('units', 0):,} units read, "
        f"{len(report.addresses):,} address rows). Best of 3, interleaved.",
        "",
        "| measurement | wall s | ratio |",
        "|---|---:|---:|",
        f"| bare `pyogrio.read_dataframe` of `pand` and `verblijfsobject`, same bbox | "
        f"{min(bare_times):.2f} | 1.00 |",
        f"| `load_buildings(..., area=box)`: footprints, checks, addresses, report | "
        f"{min(load_times):.2f} | **{ratio:.2f}** |",
        "",
        f"Goal: at most 2x the bare reads: **{'met' if ratio <= 2 else 'NOT met'}** "
        f"({ratio:.2f}x).",
        f"Peak memory of the import in a fresh process (VmHWM): {peak['hwm_mb']:,.0f} MB; goal "
        f"under 1,536 MB: **{'met' if peak['hwm_mb'] < 1536 else 'NOT met'}**.",
        "",
        "All runs (s): bare "
        + ", ".join(f"{t:.2f}" for t in bare_times)
        + "; import "
        + ", ".join(f"{t:.2f}" for t in load_times)
        + ".",
        "",
        machine_note(),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bag.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
