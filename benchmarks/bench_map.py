"""Benchmark: drawing 300,000 building footprints at 1920x1080, against QGIS in the same run.

Measured (each part in a fresh subprocess, so one part's memory and caches do not
help another):

* first full-extent draw after loading: from the buildings GeoDataFrame in memory
  (file read excluded) to the finished image, (a) rendering only, (b) including building
  the flat geometry arrays and the style colours (what a user waits for after opening);
* neighbourhood redraw: views about 1 km across at several places (synchronous render,
  and the latency of the asynchronous path: request to image shown);
* a scripted pan of 60 mouse-move steps at 60 Hz with the pan tool, at neighbourhood
  and at full extent: the longest UI-thread frame, measured as the largest gap between
  ticks of a 2 ms timer (any UI-thread work — event handlers, paintEvent, accepting a
  rendered image — delays the next tick), plus the longest paintEvent;
* peak memory (ru_maxrss) of the whole application — MainWindow with all panels — with
  300,000 buildings loaded and drawn;
* reference: QGIS 3.22 (Debian ``python3-qgis``, run through ``/usr/bin/python3``)
  rendering the same GeoPackage layer at 1920x1080 with the same four risk colours
  (categorised renderer, QGIS's default simple fill with its 0.26 mm outline) through
  ``QgsMapRendererSequentialJob`` and ``QgsMapRendererParallelJob``; timing covers the
  render job only (QGIS reads features from the file while rendering: that is how it
  draws).

    .venv/bin/python benchmarks/bench_map.py [--quick] [--size N] [--no-qgis]

Writes ``benchmarks/results/map.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

from common import area_parser, area_size, buildings_gpkg, cpu_name

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1920, 1080
NEIGHBOURHOOD_M = 1000.0
PAN_STEPS = 60
PAN_STEP_PX = 15
QGIS_PYTHON = "/usr/bin/python3"
STATED_QGIS_SECONDS = 2.0  # QGIS full-extent render stated for this machine, used if QGIS is absent

GOALS = {
    "full_ratio": 0.5,  # at most half of QGIS
    "neighbourhood_ms": 50.0,
    "frame_ms": 33.0,
    "memory_mb": 1536.0,
}


# --- data -----------------------------------------------------------------------------------


def read_buildings(path: Path):
    import pyogrio

    from gis_app.core.schema import ensure_building_columns

    frame = pyogrio.read_dataframe(path, layer="buildings")
    return ensure_building_columns(frame)


def cpu_seconds() -> float:
    """CPU time of this process so far (all threads, user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# --- children -------------------------------------------------------------------------------


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _wait_signal(app, signal, timeout_s: float = 30.0) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    done = []
    signal.connect(lambda *a: (done.append(1), loop.quit()))
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    return bool(done)


def neighbourhood_centres(arrays, count: int = 6):
    """Centres of the densest 1 km cells (villages), spread over the area."""
    import numpy as np

    b = arrays.bounds
    cx = (b[:, 0] + b[:, 2]) / 2
    cy = (b[:, 1] + b[:, 3]) / 2
    ix = np.floor(cx / NEIGHBOURHOOD_M).astype(np.int64)
    iy = np.floor(cy / NEIGHBOURHOOD_M).astype(np.int64)
    keys, counts = np.unique(ix * 100000 + iy, return_counts=True)
    order = np.argsort(-counts)
    picked = []
    for k in order:
        x, y = (
            (keys[k] // 100000 + 0.5) * NEIGHBOURHOOD_M,
            (keys[k] % 100000 + 0.5) * NEIGHBOURHOOD_M,
        )
        if all(abs(x - px) > 3000 or abs(y - py) > 3000 for px, py in picked):
            picked.append((float(x), float(y)))
        if len(picked) == count:
            break
    return picked


def child_render(path: str) -> dict:
    import numpy as np

    app = _app()
    buildings = read_buildings(Path(path))
    from gis_app.core.project import Project
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.map.canvas import MapCanvas

    out: dict = {"n": len(buildings), "load_average": os.getloadavg()[0]}
    t0, c0 = time.perf_counter(), cpu_seconds()
    document = ProjectDocument(Project(buildings=buildings))
    canvas = MapCanvas(document)
    canvas.resize(WIDTH, HEIGHT)
    canvas.view.resize(WIDTH, HEIGHT)
    canvas.zoom_full()
    t1, c1 = time.perf_counter(), cpu_seconds()
    canvas.render_now()
    t2, c2 = time.perf_counter(), cpu_seconds()
    out["arrays_s"] = t1 - t0
    out["first_render_s"] = t2 - t1
    out["first_total_s"] = t2 - t0
    out["arrays_cpu_s"] = c1 - c0
    out["first_render_cpu_s"] = c2 - c1
    out["first_total_cpu_s"] = c2 - c0
    out["full_stats"] = canvas.last_render_stats
    out["full_mpp"] = canvas.view.mpp
    warm, warm_cpu = [], []
    for _ in range(5):
        s, c = time.perf_counter(), cpu_seconds()
        canvas.render_now()
        warm.append(time.perf_counter() - s)
        warm_cpu.append(cpu_seconds() - c)
    out["full_warm_s"] = warm
    out["full_warm_cpu_s"] = warm_cpu
    canvas.map_image().save(str(DATA / "map_full_extent.png"))

    # asynchronous path: request -> image shown (worker thread + hand-over)
    asyncs = []
    for _ in range(3):
        s = time.perf_counter()
        canvas.request_render()
        _wait_signal(app, canvas.renderFinished)
        asyncs.append(time.perf_counter() - s)
    out["full_async_s"] = asyncs

    centres = neighbourhood_centres(canvas.layers.buildings.arrays)
    mpp = NEIGHBOURHOOD_M / WIDTH
    nbh, nbh_cpu, nbh_async, visible = [], [], [], []
    first_touch, first_touch_cpu = [], []
    for x, y in centres:
        canvas.view.set_state(x, y, mpp)
        s, c = time.perf_counter(), cpu_seconds()
        canvas.render_now()  # first touch of this area: builds its tile paths
        first_touch.append(time.perf_counter() - s)
        first_touch_cpu.append(cpu_seconds() - c)
        times, cpus = [], []
        for _ in range(3):
            s, c = time.perf_counter(), cpu_seconds()
            canvas.render_now()
            times.append(time.perf_counter() - s)
            cpus.append(cpu_seconds() - c)
        nbh.append(float(np.median(times)))
        nbh_cpu.append(float(np.median(cpus)))
        visible.append(canvas.last_render_stats.get("visible", 0))
        s = time.perf_counter()
        canvas.request_render()
        _wait_signal(app, canvas.renderFinished)
        nbh_async.append(time.perf_counter() - s)
    canvas.map_image().save(str(DATA / "map_neighbourhood.png"))
    out["nbh_s"] = nbh
    out["nbh_cpu_s"] = nbh_cpu
    out["nbh_first_s"] = first_touch
    out["nbh_first_cpu_s"] = first_touch_cpu
    out["nbh_async_s"] = nbh_async
    out["nbh_visible"] = visible
    out["nbh_centres"] = centres
    return out


def _scripted_pan(app, canvas, label: str, pause_every: int = 0) -> dict:
    """60 mouse-move steps at 60 Hz with the pan tool; UI-thread frame lengths.

    ``pause_every``: hold the mouse still for 250 ms after that many steps, so renders
    start (the canvas renders when a drag pauses) while the drag goes on.
    """
    from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
    from PySide6.QtGui import QMouseEvent

    paint_times = canvas.paint_times
    paint_times.clear()
    paint_cpu = canvas.paint_cpu
    paint_cpu.clear()
    handler_cpu: list[float] = []
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(2)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    handler_times: list[float] = []
    renders_before = canvas._shown_generation
    state = {"step": 0, "pos": QPointF(WIDTH / 2, HEIGHT / 2), "hold": 0}

    def send(kind, pos, buttons):
        types = {
            "press": QEvent.Type.MouseButtonPress,
            "move": QEvent.Type.MouseMove,
            "release": QEvent.Type.MouseButtonRelease,
        }
        button = Qt.MouseButton.LeftButton if kind != "move" else Qt.MouseButton.NoButton
        event = QMouseEvent(
            types[kind],
            pos,
            canvas.mapToGlobal(pos),
            button,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        s, c = time.perf_counter(), time.thread_time()
        app.sendEvent(canvas, event)
        handler_times.append(time.perf_counter() - s)
        handler_cpu.append(time.thread_time() - c)

    finished = []

    def step():
        if state["hold"] > 0:
            state["hold"] -= 1
            return
        if state["step"] == 0:
            send("press", state["pos"], Qt.MouseButton.LeftButton)
        if (
            pause_every
            and state["step"]
            and state["step"] % pause_every == 0
            and not state.get(f"held{state['step']}")
        ):
            state[f"held{state['step']}"] = True
            state["hold"] = 16  # 16 ticks of 16 ms
            return
        if state["step"] < PAN_STEPS:
            state["pos"] = state["pos"] + QPointF(PAN_STEP_PX, PAN_STEP_PX / 3)
            send("move", state["pos"], Qt.MouseButton.LeftButton)
            state["step"] += 1
        else:
            send("release", state["pos"], Qt.MouseButton.NoButton)
            driver.stop()
            finished.append(time.perf_counter())

    driver = QTimer()
    driver.setInterval(16)
    driver.timeout.connect(step)
    ticker.start()
    start = time.perf_counter()
    driver.start()
    while not finished:
        app.processEvents()
        time.sleep(0.0005)
    pan_end = time.perf_counter()
    canvas.wait_for_render()
    app.processEvents()
    ticker.stop()
    window = [t for t in ticks if start <= t <= pan_end]
    gaps = [b - a for a, b in zip(window, window[1:], strict=False)]
    return {
        "label": label,
        "seconds": pan_end - start,
        "max_gap_ms": 1000 * max(gaps) if gaps else float("nan"),
        "p95_gap_ms": 1000 * sorted(gaps)[int(0.95 * (len(gaps) - 1))] if gaps else float("nan"),
        "max_paint_ms": 1000 * max(paint_times) if paint_times else float("nan"),
        "paints": len(paint_times),
        "max_handler_ms": 1000 * max(handler_times) if handler_times else float("nan"),
        "max_paint_cpu_ms": 1000 * max(paint_cpu) if paint_cpu else float("nan"),
        "max_handler_cpu_ms": 1000 * max(handler_cpu) if handler_cpu else float("nan"),
        "load_average": os.getloadavg()[0],
        "images_during_pan": canvas._shown_generation != renders_before,
        "dropped": canvas._renderer.dropped,
        "last_render_ms": 1000 * canvas.last_render_seconds,
    }


def child_pan(path: str) -> dict:
    app = _app()
    buildings = read_buildings(Path(path))
    from gis_app.core.project import Project
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.map.canvas import MapCanvas
    from gis_app.ui.map.tools import PanTool

    class TimedCanvas(MapCanvas):
        paint_times: list[float] = []
        paint_cpu: list[float] = []

        def paintEvent(self, event):  # noqa: N802 (Qt override)
            s, c = time.perf_counter(), time.thread_time()
            super().paintEvent(event)
            self.paint_times.append(time.perf_counter() - s)
            self.paint_cpu.append(time.thread_time() - c)

    document = ProjectDocument(Project(buildings=buildings))
    canvas = TimedCanvas(document)
    canvas.resize(WIDTH, HEIGHT)
    canvas.show()
    app.processEvents()
    canvas.set_tool(PanTool())
    results = []
    baseline = _idle_ticks(app, 1.0)
    centres = neighbourhood_centres(canvas.layers.buildings.arrays, 1)
    canvas.view.set_state(centres[0][0], centres[0][1], NEIGHBOURHOOD_M / WIDTH)
    canvas.render_now()
    results.append(_scripted_pan(app, canvas, "neighbourhood (1 km)"))
    canvas.render_now()
    results.append(
        _scripted_pan(app, canvas, "neighbourhood, pausing 250 ms every 15 steps", pause_every=15)
    )
    canvas.zoom_full()
    canvas.render_now()
    results.append(_scripted_pan(app, canvas, "full extent"))
    return {"pans": results, "idle_max_gap_ms": baseline}


def _idle_ticks(app, seconds: float) -> float:
    """Longest gap of the 2 ms timer while the application does nothing: the machine's
    own scheduling jitter, the floor under every frame measured here."""
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(2)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.0005)
    ticker.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    return 1000 * max(gaps) if gaps else float("nan")


def child_memory(path: str) -> dict:
    app = _app()
    before = peak_mb()
    import numpy as np  # noqa: F401

    from gis_app.core.project import Project
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.shell.main_window import MainWindow

    imports = peak_mb()
    buildings = read_buildings(Path(path))
    window = MainWindow(ProjectDocument(Project(buildings=buildings)))
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.processEvents()
    window.canvas.zoom_full()
    window.canvas.render_now()
    window.canvas.request_render()
    _wait_signal(app, window.canvas.renderFinished, 30)
    app.processEvents()
    return {"start_mb": before, "imports_mb": imports, "peak_mb": peak_mb()}


QGIS_SCRIPT = r"""
import json, resource, sys, time
from qgis.core import (QgsApplication, QgsVectorLayer, QgsMapSettings, QgsMapRendererSequentialJob,
    QgsMapRendererParallelJob, QgsCategorizedSymbolRenderer, QgsRendererCategory, QgsSymbol,
    QgsRectangle, Qgis)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
path, width, height, nbh = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
centres = json.loads(sys.argv[5])
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(f"{path}|layername=buildings", "buildings", "ogr")
assert layer.isValid(), "layer not valid"
colors = {"verhoogd": "#d55e00", "licht verhoogd": "#f0e442", "normaal": "#7f97b2", "onbekend": "#c8c8c8"}
cats = []
for value, color in colors.items():
    symbol = QgsSymbol.defaultSymbol(layer.geometryType())
    symbol.setColor(QColor(color))
    cats.append(QgsRendererCategory(value, symbol, value))
layer.setRenderer(QgsCategorizedSymbolRenderer("risk_profile", cats))
def render(job_class, extent):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(width, height))
    settings.setOutputDpi(96)
    settings.setBackgroundColor(QColor("#f7f7f4"))
    settings.setExtent(extent)
    job = job_class(settings)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    job.start()
    job.waitForFinished()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpus.append(usage.ru_utime + usage.ru_stime - cpu0)
    return seconds, job.renderedImage()
cpus = []
full = layer.extent()
out = {"version": Qgis.QGIS_VERSION, "features": layer.featureCount()}
seq, par = [], []
for i in range(3):
    s, image = render(QgsMapRendererSequentialJob, full); seq.append(s)
    p, _ = render(QgsMapRendererParallelJob, full); par.append(p)
image.save(sys.argv[6])
out["full_sequential_s"] = seq
out["full_parallel_s"] = par
out["full_cpu_s"] = cpus[:]
nb, nbc = [], []
for x, y in centres:
    half_w, half_h = nbh / 2, nbh / 2 * height / width
    rect = QgsRectangle(x - half_w, y - half_h, x + half_w, y + half_h)
    render(QgsMapRendererParallelJob, rect)
    cpus.clear()
    times = [render(QgsMapRendererParallelJob, rect)[0] for _ in range(3)]
    nb.append(sorted(times)[1])
    nbc.append(sorted(cpus)[1])
out["nbh_parallel_s"] = nb
out["nbh_cpu_s"] = nbc
print("QGISJSON" + json.dumps(out))
app.exitQgis()
"""


def run_qgis(path: Path, centres) -> dict | None:
    if not Path(QGIS_PYTHON).exists():
        return {"error": f"{QGIS_PYTHON} not found"}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    try:
        proc = subprocess.run(
            [
                QGIS_PYTHON,
                "-c",
                QGIS_SCRIPT,
                str(path),
                str(WIDTH),
                str(HEIGHT),
                str(NEIGHBOURHOOD_M),
                json.dumps(centres),
                str(DATA / "map_full_extent_qgis.png"),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"error": str(error)}
    for line in proc.stdout.splitlines():
        if line.startswith("QGISJSON"):
            return json.loads(line[len("QGISJSON") :])
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return {"error": "QGIS did not run: " + " | ".join(tail)}


def run_child(kind: str, path: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("CHILDJSON"):
            return json.loads(line[len("CHILDJSON") :])
    raise RuntimeError(f"child {kind} failed:\n{proc.stderr[-3000:]}")


# --- report ---------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def write_report(n, path, ours, pans, memory, qgis, quick) -> str:
    import numpy as np

    lines = [f"## Map drawing ({n:,} buildings, {WIDTH}x{HEIGHT})", ""]
    if quick:
        lines += ["*Quick run (smoke test): small data, figures not comparable to the goals.*", ""]
    size_mb = path.stat().st_size / 2**20
    lines += [
        f"{n:,} generated footprints (`gis_app.core.sample`, GeoPackage {size_mb:.0f} MB), styled by "
        "risk profile. Our figures come from fresh subprocesses; file reading is excluded.",
        "",
    ]
    qgis_ok = qgis is not None and "error" not in qgis
    if qgis_ok:
        q_first = qgis["full_parallel_s"][0]
        q_ref = min(qgis["full_parallel_s"])
        ref_note = f"QGIS {qgis['version']} measured in this run"
    else:
        q_first = q_ref = STATED_QGIS_SECONDS
        ref_note = (
            f"QGIS could not be run ({(qgis or {}).get('error', 'skipped')}); the stated "
            f"~{STATED_QGIS_SECONDS:.0f} s is used as a *stated, not measured* reference"
        )
    first_total = ours["first_total_s"]
    first_render = ours["first_render_s"]
    warm = min(ours["full_warm_s"])
    q_cpu = min(qgis["full_cpu_s"][1::2]) if qgis_ok and qgis.get("full_cpu_s") else None
    first_cpu = ours["first_total_cpu_s"]

    def cpu_ratio(value):
        return f"{value / q_cpu:.3f}" if q_cpu else "–"

    lines += [
        "### Full extent",
        "",
        "| measurement | wall ms | ratio (wall) | CPU ms | ratio (CPU) |",
        "|---|---:|---:|---:|---:|",
        f"| ours: first draw, render only (arrays already built) | {_ms(first_render)} | "
        f"{first_render / q_ref:.3f} | {_ms(ours['first_render_cpu_s'])} | {cpu_ratio(ours['first_render_cpu_s'])} |",
        f"| ours: first draw including building arrays + style from the GeoDataFrame | {_ms(first_total)} | "
        f"**{first_total / q_ref:.3f}** | {_ms(first_cpu)} | **{cpu_ratio(first_cpu)}** |",
        f"| ours: of which building arrays + style | {_ms(ours['arrays_s'])} | | {_ms(ours['arrays_cpu_s'])} | |",
        f"| ours: repeated full-extent render (best of 5) | {_ms(warm)} | {warm / q_ref:.3f} | "
        f"{_ms(min(ours['full_warm_cpu_s']))} | {cpu_ratio(min(ours['full_warm_cpu_s']))} |",
        f"| ours: asynchronous request → image shown (median of 3) | {_ms(float(np.median(ours['full_async_s'])))} | | | |",
    ]
    if qgis_ok:
        lines += [
            f"| QGIS ParallelJob, best of 3 (reference) | {_ms(q_ref)} | 1.000 | {_ms(q_cpu or 0)} | 1.000 |",
            f"| QGIS ParallelJob, first | {_ms(q_first)} | | | |",
            f"| QGIS SequentialJob, best of 3 | {_ms(min(qgis['full_sequential_s']))} | | | |",
        ]
    else:
        lines += [f"| QGIS (stated, not measured) | {_ms(q_ref)} | 1.000 | | |"]
    ratio = first_total / q_ref
    lines += [
        "",
        f"Reference: {ref_note}. Goal: first full-extent draw at most half of QGIS: "
        f"{_verdict(ratio <= GOALS['full_ratio'])} ({ratio:.3f} of QGIS's best wall time, including "
        "building the arrays). CPU ms is the process's user + system time over the same span "
        "(QGIS: all its render threads), which the machine's load does not inflate; the load "
        f"average was {ours['load_average']:.1f} on 2 cores when our part started.",
        "",
        f"At full extent ({ours['full_mpp']:.1f} m/px) every building is under 3 px, so all "
        f"{ours['full_stats'].get('rasterised', 0):,} are rasterised with numpy (level of detail); "
        "QGIS draws each polygon.",
        "",
        "### Neighbourhood (1 km across)",
        "",
        "| view centre (RD) | visible buildings | ours, first render of the area ms (CPU ms) | ours, redraw ms (CPU ms) | ours, async request → shown ms | QGIS ParallelJob ms (CPU ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    q_nbh = qgis.get("nbh_parallel_s") if qgis_ok else None
    q_nbh_cpu = qgis.get("nbh_cpu_s") if qgis_ok else None
    for i, (x, y) in enumerate(ours["nbh_centres"]):
        q = f"{_ms(q_nbh[i])} ({_ms(q_nbh_cpu[i])})" if q_nbh and q_nbh_cpu else "–"
        lines.append(
            f"| {x:,.0f}, {y:,.0f} | {ours['nbh_visible'][i]:,} | {_ms(ours['nbh_first_s'][i])} "
            f"({_ms(ours['nbh_first_cpu_s'][i])}) | {_ms(ours['nbh_s'][i])} "
            f"({_ms(ours['nbh_cpu_s'][i])}) | {_ms(ours['nbh_async_s'][i])} | {q} |"
        )
    worst = max(ours["nbh_s"])
    worst_cpu = max(ours["nbh_cpu_s"])
    lines += [
        "",
        f"Goal: neighbourhood redraw at most 50 ms: wall time {_verdict(worst * 1000 <= GOALS['neighbourhood_ms'])} "
        f"(worst view {_ms(worst)} ms), CPU time {_verdict(worst_cpu * 1000 <= GOALS['neighbourhood_ms'])} "
        f"(worst {_ms(worst_cpu)} ms). Redraw: median of 3 renders per view after the first; "
        "zoomed in this far the buildings are drawn from paths cached per 250 m tile and "
        "colour, built on the first render of an area (first column) and reused while "
        "panning and redrawing. QGIS: median of 3 after one warm-up render.",
        "",
        "### Panning",
        "",
        f"{PAN_STEPS} mouse-move steps of {PAN_STEP_PX} px at 60 Hz with the pan tool. As in QGIS, "
        "the last image is moved in paintEvent during the drag; a new one is rendered in the "
        "worker when the drag pauses (150 ms) or ends. The pausing run holds the mouse still "
        "four times during the drag, so the worker renders while the user is still dragging.",
        "",
        "| pan at | longest UI-thread frame ms | 95th percentile ms | longest paintEvent ms (CPU ms) | longest mouse handler ms (CPU ms) | paints | worker render ms | load average |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    worst_frame = 0.0
    for pan in pans["pans"]:
        worst_frame = max(worst_frame, pan["max_gap_ms"])
        lines.append(
            f"| {pan['label']} | {pan['max_gap_ms']:.1f} | {pan['p95_gap_ms']:.1f} | "
            f"{pan['max_paint_ms']:.1f} ({pan['max_paint_cpu_ms']:.1f}) | "
            f"{pan['max_handler_ms']:.1f} ({pan['max_handler_cpu_ms']:.1f}) | {pan['paints']} | "
            f"{pan['last_render_ms']:.0f} | {pan['load_average']:.1f} |"
        )
    lines += [
        "",
        f"Goal: no UI-thread frame over 33 ms: {_verdict(worst_frame <= GOALS['frame_ms'])} "
        f"(longest {worst_frame:.1f} ms; a frame is the gap between ticks of a 2 ms timer, so it "
        "includes every UI-thread handler, paint and image hand-over, and any wait for the GIL "
        "held by the render worker). Wall-clock frames depend on the machine's load (load "
        "average in the table; the machine has 2 cores shared with other jobs); the CPU "
        "milliseconds in brackets are the UI thread's own work and do not. With the application "
        f"idle, the same timer's longest gap in this run was {pans.get('idle_max_gap_ms', float('nan')):.1f} ms "
        "(the machine's own scheduling jitter under its load).",
        "",
        "### Memory",
        "",
        "| peak memory (fresh process, ru_maxrss) | MB |",
        "|---|---:|",
        f"| after imports | {memory['imports_mb']:,.0f} |",
        f"| MainWindow (map, legend, layer, table, identify, planning panels) with {n:,} buildings loaded and drawn | **{memory['peak_mb']:,.0f}** |",
        "",
        f"Goal: under 1.5 GB: {_verdict(memory['peak_mb'] <= GOALS['memory_mb'])}.",
        "",
        "Images (not committed, written next to the data): `benchmarks/data/map_full_extent.png` "
        "(ours), `map_full_extent_qgis.png` (QGIS with its default outlined fill symbol, which "
        "at this scale makes every footprint a dark outline), `map_neighbourhood.png`.",
        "",
        f"Machine: {_machine()}.",
        "",
    ]
    return "\n".join(lines)


def _machine() -> str:
    cpu = cpu_name()
    import PySide6

    return (
        f"{cpu}, {os.cpu_count()} logical CPUs (shared with other work while measured), "
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__}"
    )


def main() -> int:
    parser = area_parser(__doc__.splitlines()[0])
    parser.add_argument("--no-qgis", action="store_true", help="skip the QGIS reference")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path = args.child
        result = {"render": child_render, "pan": child_pan, "memory": child_memory}[kind](path)
        print("CHILDJSON" + json.dumps(result), flush=True)
        os._exit(0)  # skip Qt teardown of a big process
    n = area_size(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = buildings_gpkg(n)
    print(f"data: {path}", flush=True)
    ours = run_child("render", path)
    print(
        f"ours: first {ours['first_total_s']:.3f} s (render {ours['first_render_s']:.3f} s), "
        f"neighbourhood {max(ours['nbh_s']) * 1000:.0f} ms",
        flush=True,
    )
    pans = run_child("pan", path)
    print(
        "pan: " + ", ".join(f"{p['label']} {p['max_gap_ms']:.1f} ms" for p in pans["pans"]),
        flush=True,
    )
    memory = run_child("memory", path)
    print(f"memory: {memory['peak_mb']:.0f} MB", flush=True)
    qgis = None if args.no_qgis else run_qgis(path, ours["nbh_centres"])
    if qgis is not None:
        print(f"qgis: {qgis}", flush=True)
    report = write_report(n, path, ours, pans, memory, qgis, args.quick)
    (RESULTS / "map.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
