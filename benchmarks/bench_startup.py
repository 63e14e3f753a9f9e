"""Benchmark: from starting the program to the first map, and until the window is idle.

On a 300,000-building GeoPackage (``benchmarks/data/buildings_<n>.gpkg``, made by
:func:`common.buildings_gpkg`), at 1920x1080, each a cold process, 3 rounds (median),
one program after the other in each round:

* **QGIS desktop (reference)**: ``qgis --nologo --noplugins --snapshot out.png --width
  1920 --height 1080 FILE`` -- launch, load, render, write, exit -- under Xvfb, with a
  fresh profile folder;
* **gis_app with a window** under the same Xvfb (``QT_QPA_PLATFORM=xcb``):
  ``gis-app open FILE``, with ``GIS_APP_TRACE_STARTUP`` set so the program writes phase
  timestamps (:mod:`gis_app.startup_trace`): first frame with buildings drawn
  (``first_map``) and idle (plan, charts, table ready). The window size comes from the
  remembered layout (1920x1080, written before the run as a previous session would);
* **gis_app ``open FILE --screenshot out.png --size 1920x1080``**: the whole command (it
  waits for the plan and the charts), and with ``--map-only`` (the picture as soon as the
  map shows the buildings, what QGIS's ``--snapshot`` writes too).

Goals (against QGIS in the same run): first map at most 0.5 x QGIS; until idle at most
1 x QGIS. A phase table says where the time to the first map goes, and the longest
UI-thread stall while the plan, charts and table fill in (goal: 33 ms, one frame at 30
frames per second).

    .venv/bin/python benchmarks/bench_startup.py [--quick] [--size N] [--rounds 3]

Writes ``benchmarks/results/startup.md``. Needs ``Xvfb`` (``apt-get install xvfb``) and
Debian's ``qgis`` for the reference (left out, and said so, when missing).
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (  # also puts the repo on sys.path
    HERE,
    area_parser,
    area_size,
    buildings_gpkg,
    machine_note,
    write_results,
)

from gis_app import startup_trace

ROOT = HERE.parent
WIDTH, HEIGHT = 1920, 1080
GOAL_FIRST_MAP = 0.5
GOAL_IDLE = 1.0
GOAL_STALL_MS = 33.0
TIMEOUT_S = 180.0

#: Rows of the phase table: (label, phase that ends it).
PHASE_ROWS = (
    ("interpreter, imports and the footprints read ahead (`read_preview`)", "preview"),
    ("project read started", "read_start"),
    ("project read (`load_project`)", "read_done"),
    ("window and docks built", "window_built"),
    ("window shown", "window_shown"),
    ("project handed to the window", "project_shown"),
    ("first map paint with buildings", "first_map"),
    ("map image in the project's own colours", "map_styled"),
    ("attribute table filled", "table"),
    ("first plan shown", "first_plan"),
    ("charts drawn", "charts"),
    ("idle (no background work)", "idle"),
)


def free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


class Xvfb:
    """An Xvfb server of WIDTHxHEIGHT on a free display, for the run."""

    def __init__(self):
        self.number = free_display()
        self.process = subprocess.Popen(
            ["Xvfb", f":{self.number}", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{self.number}").exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)

    @property
    def display(self) -> str:
        return f":{self.number}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def clean_env(home: Path, display: str) -> dict:
    """An environment with its own home, settings and data folders (nothing of the user's)."""
    env = dict(os.environ)
    for key in ("QT_QPA_PLATFORM", startup_trace.ENV):
        env.pop(key, None)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        DISPLAY=display,
        PYTHONPATH=str(ROOT),
    )
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    os.chmod(home / "runtime", 0o700)
    return env


REMEMBER_LAYOUT = f"""
from gis_app.ui.app import get_app
from gis_app.ui.shell.main_window import MainWindow
app = get_app()
window = MainWindow()
window.move(0, 0)
window.resize({WIDTH}, {HEIGHT})
window.show()
for _ in range(20):
    app.processEvents()
window.save_layout()
window.close()
"""


def remember_layout(env: dict) -> None:
    """A previous session's layout at WIDTHxHEIGHT, as a planner's machine would have it."""
    subprocess.run(
        [sys.executable, "-c", REMEMBER_LAYOUT],
        env=dict(env, QT_QPA_PLATFORM="xcb"),
        check=True,
        timeout=120,
        capture_output=True,
    )


def compile_bytecode() -> None:
    """Compile gis_app's modules as an installation does (pip and the standalone build
    ship bytecode): a run under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every
    module at every start, which no user's start does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "gis_app")],
        env=env,
        check=True,
        capture_output=True,
    )


def run_window(path: Path, env: dict, workdir: Path) -> dict:
    """``gis-app open FILE`` with a window; phase times (s from process start) and stall."""
    trace = workdir / "trace.txt"
    trace.unlink(missing_ok=True)
    env = dict(env, QT_QPA_PLATFORM="xcb", **{startup_trace.ENV: str(trace)})
    start = time.time()
    process = subprocess.Popen(
        [sys.executable, "-m", "gis_app", "open", str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + TIMEOUT_S
    phases: dict[str, float] = {}
    try:
        while time.monotonic() < deadline:
            if trace.exists():
                phases = startup_trace.read(trace)
                if "ui_stall_ms" in phases:
                    break
            if process.poll() is not None:
                raise RuntimeError(
                    f"gis-app open ended early: {process.stderr.read().decode()[-2000:]}"
                )
            time.sleep(0.02)
        else:
            raise RuntimeError(f"no idle within {TIMEOUT_S:.0f} s: {phases}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
    stall = phases.pop("ui_stall_ms")
    times = {phase: stamp - start for phase, stamp in phases.items()}
    times["ui_stall_ms"] = stall
    times["order"] = startup_trace.order(trace)
    return times


IDLE_HEARTBEAT = """
import sys
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("idle")
label.resize(400, 300)
label.show()
clock = QElapsedTimer()
gaps = []
timer = QTimer()
timer.setInterval(5)
timer.setTimerType(Qt.TimerType.PreciseTimer)
timer.timeout.connect(lambda: gaps.append(clock.restart()))
clock.start()
timer.start()
QTimer.singleShot(4000, app.quit)
app.exec()
print(max(gaps[1:]))
"""


def idle_heartbeat(env: dict) -> float:
    """The longest gap (ms) of the same 5 ms heartbeat in a Qt window with no work at all,
    for 4 s: what the machine's load alone does to the UI thread's timer."""
    done = subprocess.run(
        [sys.executable, "-c", IDLE_HEARTBEAT],
        env=dict(env, QT_QPA_PLATFORM="xcb"),
        capture_output=True,
        timeout=60,
        check=True,
    )
    return float(done.stdout.decode().split()[-1])


def run_command(command: list[str], env: dict, output: Path) -> float:
    output.unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, timeout=TIMEOUT_S)
    seconds = time.perf_counter() - start
    if not output.exists():
        raise RuntimeError(
            f"{command[0]} wrote no {output.name} (exit {done.returncode}): "
            f"{done.stderr.decode(errors='replace')[-2000:]}"
        )
    return seconds


def run_qgis(path: Path, env: dict, workdir: Path) -> float:
    profiles = workdir / "qgis-profiles"
    shutil.rmtree(profiles, ignore_errors=True)
    profiles.mkdir()
    output = workdir / "qgis.png"
    command = [
        "qgis",
        "--nologo",
        "--noplugins",
        "--noversioncheck",
        "--profiles-path",
        str(profiles),
        "--snapshot",
        str(output),
        "--width",
        str(WIDTH),
        "--height",
        str(HEIGHT),
        str(path),
    ]
    return run_command(command, dict(env, QT_QPA_PLATFORM="xcb"), output)


def run_screenshot(path: Path, env: dict, workdir: Path, *, map_only: bool = False) -> float:
    output = workdir / "ours.png"
    command = [
        sys.executable,
        "-m",
        "gis_app",
        "open",
        str(path),
        "--screenshot",
        str(output),
        "--size",
        f"{WIDTH}x{HEIGHT}",
    ] + (["--map-only"] if map_only else [])
    return run_command(command, dict(env, QT_QPA_PLATFORM="xcb"), output)


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def round_ratios(values: list[float], qgis: list[float]) -> list[float]:
    """Each round's figure over QGIS's in the same round: the load of a shared machine
    changes between rounds, within a round both programs see about the same."""
    return [v / q for v, q in zip(values, qgis, strict=True)] if qgis else []


#: What sampling the threads during the stalls showed (benchmarks/results/startup.md).
FINDINGS = (
    "How the stalls were found: a thread sampling every thread's Python stack each "
    "millisecond (`sys._current_frames`), the UI heartbeat's gaps and the UI thread's CPU "
    "time (`time.pthread_getcpuclockid`) per gap. A gap in which the sampler itself got no "
    "sample is one C call holding the GIL; a gap in which the UI thread used little CPU "
    "while workers progressed is contention for the GIL and the 2 cores.",
    "One C call holding the GIL for 30-300 ms, in the planner's set-up for the first plan "
    "(now done in slices of 16,384 rows, or 2,048 boxes): `shapely.box` over all "
    "envelopes (0.3 s) and the `STRtree` build (0.16 s) in `candidate_pairs`, `np.unique` "
    "of 300,000 Python strings for the municipalities (0.26 s), the object-to-text "
    "conversions and `pd.factorize` / `get_indexer` / `isin` passes of the model and of "
    "the cluster statistics (20-90 ms each). Sorting numpy text, `STRtree.query`, "
    "`dwithin` and `bounds` release the GIL.",
    "The cyclic garbage collector walking the 300,000 shapely footprints (GC-tracked): "
    "gen-2 passes of 0.1-0.2 s, on whichever thread allocated. `gis-app open` now pauses "
    "it during imports and the read and freezes what they made (`gc.freeze`).",
    "Contention: the plan's set-up, the cluster statistics and the dashboard counts "
    "computed at once, and the trade-off curve started while the views drew the plan. The "
    "counts now come first and the plan after them; the order comparison waits for the "
    "views' repaint of a new plan. (PySide6 6.11 keeps the GIL in plain Qt calls such as "
    "setText, emit and QPainter calls, measured: a busy worker does not slow them; the UI "
    "thread waits for the GIL when it comes back from the event loop.)",
    "Done in the last round: the charts and the timeline behind another tab keep a new "
    "plan and draw it when their tab comes to the front (a tabbed dock behind another is "
    "still 'visible' to Qt; the dock's visibilityChanged says it), the trade-off curve (11 "
    "plans) is computed only while the Grafieken tab is in front, the attribute table "
    "sizes only the plan's new columns, and the window process switches threads every 1 "
    "ms instead of 5 (the UI thread waits at most that long for a worker running Python). "
    "A plan's arrival then costs the UI thread about 10 ms (300,000 buildings, cProfile, "
    "offscreen), where it was about 40.",
    "Done on 2026-12-06 (fifth session): pyqtgraph (0.19 s to import) is no longer "
    "imported before the first map: the map builds its Qt paths itself "
    "(`gis_app/ui/map/qpath.py`) and Grafieken, Scenario's and Voortgang, behind other "
    "tabs at start, are built when their tab first comes to the front (window build 0.45 "
    "s -> 0.25 s). The first plan's neighbour pairs are found in a forked child started "
    "right after the read (`gis_app/core/planning/prefetch.py`): the planner's set-up at "
    "300,000 buildings 1.33 s -> 0.63 s. Measured with and without the child, 3 rounds "
    "each on the same quiet machine: until idle 3.53 s against 3.86 s (0.91 x against 0.97 "
    "x QGIS), first map 2.16 s against 2.08 s (0.56 x against 0.53 x): the child costs the "
    "window process about 0.07 s of copy-on-write page faults while it builds the window. "
    "Kept: it moves until-idle clear of its goal, and the first map misses its goal either "
    "way.",
    "Why the first map stayed above 0.5 x QGIS until the sixth session (0.51-0.56 x): it "
    "waited for the whole read (1.1 s: text columns 0.35 s, shapely objects 0.29 s, the "
    "frame, each near what its library allows). Done on 2026-12-06 (sixth session): a "
    "large project's footprints come first. `gis-app open` reads only the buildings' "
    "geometry column through GDAL's Arrow stream and parses the WKB into the map's flat "
    "arrays with numpy (`core/io/wkb_flat.py`, `core/io/footprint_preview.py`: 0.2 s at "
    "300,000, equal to what the shapely objects give), the window draws them in one "
    "colour and reads the project on the task runner while pan and zoom work; the map then "
    "takes the arrays over and keeps the planner's view. The first frame with buildings "
    "now counts from that drawing; the row 'first frame in the project's own colours' "
    "says when the risk colours follow. The neighbour child is forked before the heavy "
    "imports (a fork after them made the window's build copy shared pages: 0.36 s -> "
    "0.52 s) and reads the project itself.",
    "Reading beside the window, found with a 5 ms Qt heartbeat against one worker and "
    "py-spy's timestamped samples (`--nonblocking --format chrometrace`): "
    "`GeoDataFrame(frame, geometry=...)` copied every block of the made frame in one call "
    "(40 ms with the GIL held), `single_parts_as_polygons` made and freed 300,000 shapely "
    "objects at once (0.2 s; now per batch of 8,192) and deep-copied the frame (up to "
    "130 ms), a young garbage collection on the UI thread walked what the read had made "
    "(28 ms; the collector is now held during the read and its objects frozen at the "
    "hand-over), and the WKB decode thread was a third thread wanting the GIL. Then, with "
    "clusters: the cluster panel's first fill built the buildings' index and their "
    "overlaps on the UI thread (0.2 s; now on the runner with the statistics, the tree "
    "over all points only when an edit needs it), and the attribute table mapped every "
    "row's cluster id to its name to size its columns (40 ms; now per cell shown). A "
    "project with 199 clusters went from a 220 ms stall to 60-80 ms.",
    "Left after the sixth session (40-80 ms, goal 33): the UI thread's own work when a "
    "panel showed what a worker counted, 15-30 ms each, with the window's repaint in the "
    "same gap, and slots waiting for the GIL. Found in the seventh with a watchdog "
    "(`faulthandler.dump_traceback_later(0.03)`, re-armed by every heartbeat: it prints "
    "every thread's Python stack, from C and without the GIL, once the UI is 30 ms late) "
    "and per-gap event timings. Done (2026-12-06, seventh session): a delivery holds "
    "background work at its next step until its repaint is done "
    "(`core.progress.give_way` in every progress call, cancellation check and slice); "
    "`TaskRunner.after_paint` splits UI work over event-loop turns with a repaint between "
    "(the map-first fills; a plan reaches the document in one turn and the planning views "
    "in the next: together with their repaints they took 40-55 ms); workers and the "
    "neighbour child run at nice 10 (stalls 24-33 ms without the child's, 20-28 ms with "
    "it, until idle the same); the planning panel's QProgressBar, whose setValue repaints "
    "synchronously and whose showing and hiding laid the panel out again (one 45 ms event "
    "at every recompute), is a thin bar of its own; labels are styled by font and palette "
    "instead of style sheets; GDAL's Arrow batches are fetched through ctypes, which lets "
    "go of the GIL (nanoarrow's iterator held it for 10-25 ms per batch); the planner's "
    "municipality codes and id ranks are made a slice at a time (the column's text casts "
    "held the GIL 30-60 ms); the project's sources are checked on the runner and the "
    "file's schema is not read again on the UI thread (hand-over 18 -> 10 ms). Longest "
    "stall 47-74 ms -> 22-31 ms, with 199 clusters 60-82 -> 25-27 ms; until idle 0.1-0.3 s "
    "shorter. Then the unclustered buildings' pseudo-clusters were found per slice (the "
    "whole column's codes were a 9.6 MB text array, concatenated and sorted holding the "
    "GIL), and `after_paint` waits 1 ms instead of 0 (the document's and views' turns of "
    "a plan ran back to back when the first caused no repaint): 19-29 ms over 6 runs, "
    "19-20 ms in the instrumented harness. Last, the metrics note is shown by its height "
    "instead of setVisible (showing a widget laid out every panel above it at once, 5 ms "
    "of the views' turn) and the thin progress bar is drawn by Qt alone (its Python "
    "paintEvent waited 15 ms for the GIL of the worker computing the plan): 17-31 ms over "
    "twelve runs at the machine's varying speed. What is left: the plan views' turn and "
    "its repaint (6-10 + 11-19 ms under Xvfb), in a frame of its own; when the machine "
    "runs a third slower (QGIS 5.8 s instead of 4.3 s) a round can pass 33 ms.",
)


def write_report(
    n, path, rounds, qgis, windows, screenshots, loads, quick, floors=(), map_shots=()
) -> None:
    median = statistics.median
    q = median(qgis) if qgis else None
    first_map = median(w["first_map"] for w in windows)
    styled = [w["map_styled"] for w in windows if "map_styled" in w]
    idle = median(w["idle"] for w in windows)
    shot = median(screenshots)
    stall = max(w["ui_stall_ms"] for w in windows)
    ratios = {
        "first_map": round_ratios([w["first_map"] for w in windows], qgis),
        "styled": round_ratios(styled, qgis) if len(styled) == len(windows) else [],
        "idle": round_ratios([w["idle"] for w in windows], qgis),
        "screenshot": round_ratios(screenshots, qgis),
        "map_shot": round_ratios(list(map_shots), qgis) if map_shots else [],
    }
    ratio = {key: (median(values) if values else None) for key, values in ratios.items()}
    size_mb = path.stat().st_size / 1e6
    lines = [
        f"## Start-up: time to first map and until idle ({n:,} buildings)",
        "",
        f"{n:,} generated buildings (`gis_app.core.sample`, GeoPackage {size_mb:.0f} MB, one "
        f"`buildings` layer), window {WIDTH}x{HEIGHT} under Xvfb, gis_app's modules compiled "
        "to bytecode as installed, each run a new process "
        f"(the file in the OS cache for all), median of {rounds} rounds; in each round QGIS, "
        f"then gis_app with a window, then `open --screenshot`. Machine: {machine_note()}; "
        "load average (1 min) before each round: " + ", ".join(f"{v:.1f}" for v in loads) + ".",
        "",
        "| path | wall s | × QGIS (median of the rounds' ratios) | goal |",
        "|---|---:|---:|---|",
        f"| QGIS 3.22 desktop, `qgis --nologo --noplugins --snapshot` (launch, load, render, "
        f"exit) | {_s(q)} | 1.00 | reference |",
        f"| gis_app window: process start to first frame with buildings | {_s(first_map)} | "
        f"{_ratio(ratio['first_map'])} | ≤ {GOAL_FIRST_MAP} × QGIS: "
        f"{_verdict(ratio['first_map'], GOAL_FIRST_MAP)} |",
        f"| gis_app window: first frame in the project's own colours (risk profile) | "
        f"{_s(median(styled) if styled else None)} | {_ratio(ratio['styled'])} | |",
        f"| gis_app window: until idle (plan, charts, table ready) | {_s(idle)} | "
        f"{_ratio(ratio['idle'])} | ≤ {GOAL_IDLE} × QGIS: {_verdict(ratio['idle'], GOAL_IDLE)} |",
        f"| gis_app `open FILE --screenshot out.png --size {WIDTH}x{HEIGHT}` (whole command, "
        f"waits for plan and charts) | {_s(shot)} | {_ratio(ratio['screenshot'])} | |",
        f"| gis_app `open FILE --screenshot out.png --size {WIDTH}x{HEIGHT} --map-only` (whole "
        "command: the picture as soon as the map shows the buildings, as QGIS's snapshot) | "
        f"{_s(median(map_shots) if map_shots else None)} | {_ratio(ratio['map_shot'])} | "
        f"≤ {GOAL_FIRST_MAP} × QGIS: {_verdict(ratio['map_shot'], GOAL_FIRST_MAP)} |",
        "",
        f"Runs (s): QGIS {_list(qgis) or 'not installed'}; first map "
        f"{_list(w['first_map'] for w in windows)}; idle {_list(w['idle'] for w in windows)}; "
        f"screenshot {_list(screenshots)}; map-only screenshot {_list(map_shots)}. Ratios to "
        f"QGIS per round: first map {_list(ratios['first_map'])}; idle "
        f"{_list(ratios['idle'])}; screenshot {_list(ratios['screenshot'])}; map-only "
        f"screenshot {_list(ratios['map_shot'])}.",
        "",
        "Where the time goes (gis_app with a window, median per phase; each phase's end "
        "from process start, and the time since the phase before):",
        "",
        "| phase | ends at | takes |",
        "|---|---:|---:|",
    ]
    ends = {
        phase: median(w[phase] for w in windows if phase in w)
        for _, phase in PHASE_ROWS
        if any(phase in w for w in windows)
    }
    before = 0.0
    for label, phase in sorted(PHASE_ROWS, key=lambda row: ends.get(row[1], float("inf"))):
        if phase not in ends:
            lines.append(f"| {label} | – | – |")
            continue
        lines.append(f"| {label} | {ends[phase]:.2f} s | {ends[phase] - before:.2f} s |")
        before = ends[phase]
    lines += [
        "",
        f"- Longest UI-thread stall from the first map until idle, while the table, statistics, "
        f"plan and charts fill in (5 ms heartbeat "
        f"timer): {stall:.0f} ms over the runs (goal ≤ {GOAL_STALL_MS:.0f} ms: "
        f"{'met' if stall <= GOAL_STALL_MS else 'not met'}); per run: "
        + ", ".join(f"{w['ui_stall_ms']:.0f}" for w in windows)
        + " ms.",
    ]
    if floors:
        lines.append(
            "- The same heartbeat in a Qt window with no work at all, 4 s before each round "
            "(the machine's load alone): longest gap "
            + ", ".join(f"{v:.0f}" for v in floors)
            + " ms."
        )
    lines += [
        "- Phase order of the last run: " + " → ".join(windows[-1]["order"]) + ".",
        "",
        "What the stalls were, and what was done (findings of the start-up work):",
        "",
    ]
    lines += [f"- {finding}" for finding in FINDINGS]
    if quick:
        lines += ["", "**Quick run: small size, not the goal's size.**"]
    write_results("startup", lines + [""])


def _list(values) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _verdict(ratio: float | None, goal: float) -> str:
    if ratio is None:
        return "no reference"
    return "met" if ratio <= goal else "not met"


def main() -> int:
    parser = area_parser(__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    n = area_size(args)
    path = buildings_gpkg(n)
    if shutil.which("Xvfb") is None:
        print("Xvfb is missing: apt-get install xvfb", file=sys.stderr)
        return 1
    have_qgis = shutil.which("qgis") is not None
    compile_bytecode()
    xvfb = Xvfb()
    qgis, windows, screenshots, loads, floors, map_shots = [], [], [], [], [], []
    try:
        with tempfile.TemporaryDirectory(prefix="bench_startup_") as tmp:
            workdir = Path(tmp)
            for round_ in range(args.rounds):
                home = workdir / f"home{round_}"
                env = clean_env(home, xvfb.display)
                remember_layout(env)
                loads.append(os.getloadavg()[0])
                floors.append(idle_heartbeat(env))
                if have_qgis:
                    qgis.append(run_qgis(path, env, workdir))
                windows.append(run_window(path, env, workdir))
                screenshots.append(run_screenshot(path, env, workdir))
                map_shots.append(run_screenshot(path, env, workdir, map_only=True))
                print(
                    f"round {round_ + 1}: qgis {qgis[-1] if qgis else None}, "
                    f"first map {windows[-1]['first_map']:.2f}, idle {windows[-1]['idle']:.2f}, "
                    f"screenshot {screenshots[-1]:.2f}, map-only {map_shots[-1]:.2f}, "
                    f"stall {windows[-1]['ui_stall_ms']:.0f} ms",
                    flush=True,
                )
    finally:
        xvfb.stop()
    write_report(
        n, path, args.rounds, qgis, windows, screenshots, loads, args.quick, floors, map_shots
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
