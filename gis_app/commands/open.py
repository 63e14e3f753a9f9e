"""``gis-app open FILE [--screenshot OUT.png] [--size WxH]``: open a project or data file.

Without ``--screenshot`` the main window opens on the file. With it, the window is laid
out offscreen at the requested size exactly as a user first sees it (map rendered,
panels, legend), written as a PNG, and the command exits 0: this is how the user
guide's pictures and outside checks are made.

The file is read before any window exists, so an unreadable file gives the usual
one-line message and exit status 2 (a :class:`~gis_app.core.errors.GisAppError`).
When there is no display and a screenshot is asked for, Qt's offscreen platform is used.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys

from gis_app.commands import _args
from gis_app.core.errors import InputError
from gis_app.core.i18n import t

DEFAULT_SIZE = "1600x1000"
_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*$")
MIN_SIZE, MAX_SIZE = 320, 8000


def parse_size(text: str) -> tuple[int, int]:
    """``"1600x1000"`` -> ``(1600, 1000)``; an :class:`InputError` for anything else."""
    match = _SIZE.match(text or "")
    if not match:
        raise InputError(
            t("ongeldige afmeting '{text}', verwacht BREEDTExHOOGTE, bv. 1600x1000", text=text)
        )
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE <= width <= MAX_SIZE and MIN_SIZE <= height <= MAX_SIZE):
        raise InputError(
            t(
                "afmeting {width}x{height} buiten het bereik {MIN_SIZE}..{MAX_SIZE} pixels",
                width=width,
                height=height,
                MIN_SIZE=MIN_SIZE,
                MAX_SIZE=MAX_SIZE,
            )
        )
    return width, height


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "open",
        help="open a project or data file in the main window (or write a screenshot)",
        description=(
            "Open a gis_app project or a data file (GeoPackage, Shapefile, zipped Shapefile, "
            "GeoJSON, FlatGeobuf). With --screenshot the window is laid out offscreen, "
            "written as a PNG and the command exits."
        ),
    )
    parser.add_argument("file", type=_args.path, help="project (.gpkg) or data file")
    parser.add_argument(
        "--screenshot", type=_args.path, metavar="OUT.png", help="write the main window to this PNG"
    )
    parser.add_argument(
        "--size",
        default=DEFAULT_SIZE,
        metavar="WxH",
        help=f"window size in pixels for --screenshot (default {DEFAULT_SIZE})",
    )
    parser.add_argument(
        "--map-only",
        action="store_true",
        help="with --screenshot: write the picture as soon as the map shows the buildings, "
        "without waiting for the plan and the charts (a large project's footprints in one "
        "colour, drawn before its file is read)",
    )
    parser.set_defaults(func=run)


def _needs_offscreen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


def _report_changed_sources(project) -> None:
    """One stderr line naming the sources that changed, went missing or cannot be
    checked; the window only notes it in its status bar (nobody answers a box here)."""
    if not project.sources or project.path is None:
        return
    from gis_app.core.io.projectfile import changed_sources

    changes = changed_sources(project)
    if changes:
        print(
            t(
                "gis-app open: let op, bronbestanden van het project: {changes}",
                changes="; ".join(change.describe() for change in changes),
            ),
            file=sys.stderr,
        )


#: Qt's offscreen platform warns about window features it lacks; harmless for a picture.
_OFFSCREEN_NOISE = ("propagateSizeHints",)


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's own warnings, keep every other Qt message."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message):
        if any(noise in message for noise in _OFFSCREEN_NOISE):
            return
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _prefetch_neighbours(project) -> None:
    """Start finding the first plan's neighbour pairs on the other core while the window
    is built (:mod:`gis_app.core.planning.prefetch`; nothing happens where it cannot)."""
    from gis_app.core.planning.prefetch import NeighbourPrefetch, offer, planning_inputs

    config, commitments = planning_inputs(project)
    offer(
        project.buildings,
        NeighbourPrefetch.start(project.buildings, project.clusters, config, commitments),
    )


def _read_ahead_preview(path):
    """The footprints of a large project file, to draw before the project is read
    (:mod:`gis_app.core.io.footprint_preview`); ``None``: read it first, as always."""
    from gis_app import startup_trace
    from gis_app.core.io.footprint_preview import read_preview

    preview = read_preview(path)
    if preview is not None:
        startup_trace.mark("preview")
    return preview


def _close_child(child) -> None:
    from gis_app.core.planning.prefetch import NeighbourPrefetch

    NeighbourPrefetch.adopt(child).close()


def _run_read_ahead(preview, collecting: bool, child) -> int:
    """The window on a large project: its footprints drawn at once, the project read on
    the window's task runner meanwhile; the first plan's neighbour pairs found by the
    child forked at the start, which reads the project too
    (:meth:`NeighbourPrefetch.start_reading`)."""
    from gis_app.core.planning.prefetch import NeighbourPrefetch, offer

    prefetch = NeighbourPrefetch.adopt(child)

    def on_project(project) -> None:
        if project is not None:
            offer(project.buildings, prefetch)
        elif prefetch is not None:
            prefetch.close()  # no project to plan: the child is stopped, not left waiting

    from gis_app.ui.app import run_app

    gc.freeze()  # the modules live as long as the window (see run)
    if collecting:
        gc.enable()
    return run_app(preview=preview, on_project=on_project)


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    map_only = bool(getattr(args, "map_only", False))
    if map_only and args.screenshot is None:
        raise InputError(t("--map-only hoort bij --screenshot"))
    if args.screenshot is not None and _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    window = args.screenshot is None
    collecting = gc.isenabled()
    if window:
        # the modules imported now and the project read now live as long as the window:
        # no cyclic collection walks them while they are made (see gc.freeze below)
        gc.disable()
    child = None
    try:
        if window:
            # the first plan's neighbour pairs, found from the file by a child forked
            # before anything heavy is imported (gis_app/core/early_fork.py says why)
            from gis_app.core.early_fork import start_reading_child

            child = start_reading_child(args.file)
        # the read path's modules (pandas, GDAL, shapely) before Qt's: once imported,
        # PySide6 reads the source of every module imported after it (its __feature__
        # check, 0.2 s for these)
        import gis_app.core.io.opening  # noqa: F401

        if window:
            preview = _read_ahead_preview(args.file)
            if preview is not None:
                return _run_read_ahead(preview, collecting, child)
        elif map_only:
            # the picture of the map only: a large project's footprints need no project
            preview = _read_ahead_preview(args.file)
            if preview is not None:
                _check_screenshot_path(args)
                return _write_screenshot(args, size, map_only, preview=preview)
        if child is not None:  # read first after all: the usual child after the read
            _close_child(child)
            child = None
        from gis_app.ui.shell.file_actions import load_path

        project, report = load_path(args.file)  # GisAppError -> one line, exit 2 (cli.main)
    except BaseException:
        if child is not None:
            _close_child(child)
        if collecting:
            gc.enable()
        raise
    if args.screenshot is not None:
        _check_screenshot_path(args, project)
    _prefetch_neighbours(project)
    for warning in project.load_warnings:
        print(t("gis-app open: waarschuwing: {warning}", warning=warning), file=sys.stderr)
    if args.screenshot is not None:
        project.load_warnings = []  # said above; a message box would wait for a click

    if window:
        from gis_app.ui.app import run_app

        # The project's objects (a shapely object per footprint) and the modules live as
        # long as the window: out of the cyclic collector's reach, no collection walks
        # them again (each one took 0.1 to 0.2 s at 300,000 buildings, on whichever
        # thread ran it, the UI thread's frames or the first map waiting meanwhile).
        gc.freeze()
        if collecting:
            gc.enable()
        return run_app(project=project, report=report)

    _report_changed_sources(project)
    return _write_screenshot(args, size, map_only, project=project, report=report)


def _check_screenshot_path(args, project=None) -> None:
    """``--screenshot`` must not replace the file opened or the project's sources."""
    from gis_app.core.io.outputs import check_outputs, protected_files

    check_outputs([args.screenshot], protected_files(project, [args.file]), what="--screenshot")


def _write_screenshot(
    args, size, map_only: bool, *, project=None, report=None, preview=None
) -> int:
    """The window on ``project`` (or a large project file's footprints, ``preview``),
    written as a PNG once it has settled, or with ``--map-only`` once its map shows the
    buildings; the path on stdout."""
    from gis_app.ui.app import get_app
    from gis_app.ui.shell.main_window import MainWindow

    app = get_app()
    _quiet_offscreen_warnings()
    window = MainWindow()
    if preview is not None:
        window.layer_stack.show_preview(preview)
    else:
        window.set_project(project, report)
    outcome: dict = {}

    def finished(key: str, value) -> None:
        outcome[key] = value
        # exit(), not quit(): QGuiApplication's quit also starts the application's
        # shutdown, after which a process that goes on (the tests run this in-process)
        # no longer receives signals from other threads
        app.exit(0)

    # the window waits for the plan and charts itself; the application's own event loop
    # runs meanwhile and ends when the picture is written
    window.screenshotSaved.connect(lambda path: finished("written", path))
    window.screenshotFailed.connect(lambda error: finished("error", error))
    try:
        window.save_screenshot(args.screenshot, size, map_only=map_only)
        app.exec()
    finally:
        window.document.mark_clean()  # nothing to ask about: the window only made a picture
        window.close()
        window.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    written = outcome["written"]
    scaled_from = window.screenshot_scaled_from
    if scaled_from:
        print(
            t(
                "gis-app open: het venster heeft minstens {width}x{height} pixels nodig; "
                "de afbeelding is verkleind",
                width=scaled_from[0],
                height=scaled_from[1],
            ),
            file=sys.stderr,
        )
    print(f"{written} ({size[0]}x{size[1]})")
    return 0
