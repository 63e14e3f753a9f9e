"""Benchmark: the field packs of an export, filled into a per-export template or written
by GDAL per pack.

What is timed: the export of the field packs alone (the per-format mode of
``bench_export_throughput.py``: the first ``--packages`` packages of the sample area cut
into one package per cluster, in this process), in CPU time per package:

* **export**: the whole field-pack export, with the export's fixed cost and the PDF
  sheets it draws (in a full export a pack copies the sheet drawn for ``pdf/``);
* **without the PDF**: the same less the time spent drawing the sheets;
* **write_fieldpack without the PDF**: only the pack writer (GeoPackage, project, CSV,
  README, zip), less its PDF.

Two ways, alternated round by round on the same machine (best of the rounds counts):
**template** -- what the exporter does (:class:`gis_app.core.fieldpack.FieldPackShared`:
GeoPackage template filled with sqlite3, project skeleton, CSV cut from the export's) --
and **per pack** -- every pack written as before (GDAL layer writes and styles, the full
project document, its own CSV), by handing the packs no ``shared``. Both write the same
files (tests/test_fieldpack_template.py). Writes ``benchmarks/results/fieldpack.md``.

    .venv/bin/python benchmarks/bench_fieldpack.py [--packages 40] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import machine_note, write_results  # noqa: E402


class Clock:
    """CPU seconds spent inside a function, counted while it is wrapped."""

    def __init__(self, module, name: str):
        self.module, self.name, self.seconds = module, name, 0.0
        self.real = getattr(module, name)

        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return self.real(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - start

        setattr(module, name, timed)


def one_run(project, prepared, ids, folder: Path, *, template: bool, clocks) -> tuple:
    """CPU ms per package: export, without the PDF, write_fieldpack without the PDF."""
    import bench_export_throughput as throughput

    import gis_app.core.fieldpack as fieldpack

    saved = fieldpack.FieldPackShared
    if not template:  # the exporter hands every pack shared=None: each pack on its own
        fieldpack.FieldPackShared = lambda table=None: None
    try:
        for clock in clocks.values():
            clock.seconds = 0.0
        _, _, cpu = throughput.ours(project, prepared, ids, folder, (), True, pooled=False)
    finally:
        fieldpack.FieldPackShared = saved
    pdf = clocks["pdf"].seconds
    per = 1000.0 / len(ids)
    return cpu * per, (cpu - pdf) * per, (clocks["pack"].seconds - pdf) * per


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="8 packages, 2 rounds")
    args = parser.parse_args()
    if args.quick:
        args.packages, args.rounds = 8, 2
    machine = machine_note()  # with the load average at the start
    import bench_export_throughput as throughput

    import gis_app.core.fieldpack as fieldpack
    import gis_app.render.pdf_sheets as pdf_sheets

    # the clocks wrap the module attributes the export looks up when it runs
    clocks = {
        "pdf": Clock(pdf_sheets, "write_package_pdf"),
        "pack": Clock(fieldpack, "write_fieldpack"),
    }
    project, prepared, ids = throughput.per_cluster_project(args.packages)
    scratch = Path(tempfile.mkdtemp(prefix="bench_fieldpack_"))
    best = {True: None, False: None}
    try:
        throughput.ours(project, prepared, ids[:2], scratch / "warm", (), True, pooled=False)
        for round_ in range(args.rounds):
            for template in (False, True):
                folder = scratch / f"r{round_}-{'template' if template else 'per-pack'}"
                got = one_run(project, prepared, ids, folder, template=template, clocks=clocks)
                shutil.rmtree(folder, ignore_errors=True)
                print(f"round {round_} {'template' if template else 'per pack'}: {got}")
                best[template] = (
                    got
                    if best[template] is None
                    else tuple(min(a, b) for a, b in zip(best[template], got, strict=True))
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    old, new = best[False], best[True]
    lines = [
        "## Field packs (GeoPackage template, project skeleton, CSV of the export)",
        "",
        f"The field packs alone of the first {len(ids)} packages of the sample area (one "
        f"package per cluster), in this process; CPU ms per package, best of "
        f"{args.rounds} rounds that alternate the two ways. *Per pack*: every pack written on "
        "its own (two GDAL layer writes and the styles, the full project document, its own "
        "CSV); *template*: the exporter's way (the GeoPackage filled into a template made "
        "once per export with sqlite3, the project from a skeleton serialised once, the CSV "
        "cut from the export's). Both write the same files (tests/test_fieldpack_template.py).",
        "",
        "| CPU ms per package | per pack | template | saved |",
        "|---|---:|---:|---:|",
    ]
    for label, a, b in zip(
        (
            "field-pack export (with its PDF sheets)",
            "without the PDF",
            "write_fieldpack without the PDF",
        ),
        old,
        new,
        strict=True,
    ):
        lines.append(f"| {label} | {a:.1f} | {b:.1f} | {a - b:.1f} ({(a - b) / a:.0%}) |")
    lines += ["", f"{machine}, at the end {os.getloadavg()[0]:.1f}."]
    write_results("fieldpack", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
