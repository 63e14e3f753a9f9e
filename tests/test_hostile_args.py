"""Hostile input at the edges: sources that vanished or never end, coordinates that are not
finite or far from the Netherlands, and command-line values beyond any sane range.

Every command-line case checks the exit status, exactly one line on stderr for status 2,
that nothing was written outside the intended target, and that the project file is
byte for byte what it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import struct
import subprocess
import sys
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from planning_fixtures import make_instance
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gis_app.cli import main
from gis_app.commands import _args
from gis_app.core.io.crs import NETHERLANDS_MARGIN, RD_BOUNDS
from gis_app.core.io.footprints import read_footprints
from gis_app.core.io.projectfile import (
    changed_sources,
    load_project,
    save_project,
    source_record,
)
from gis_app.core.join.load import load_buildings
from gis_app.core.project import Project
from gis_app.ui.document import ProjectDocument
from gis_app.ui.shell.project_controller import ProjectController

REPO = Path(__file__).resolve().parents[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    for key in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(key, None)
    return subprocess.run(
        [sys.executable, "-m", "gis_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


# --- a project whose sources went away or never end -----------------------------------------


def project_with_source(tmp_path: Path) -> tuple[Path, Path]:
    """A saved project recording one footprints source; returns (project, source)."""
    source = tmp_path / "bron" / "panden.gpkg"
    source.parent.mkdir()
    source.write_bytes(b"footprints as they were delivered")
    buildings, clusters = make_instance(n_clusters=2, per_cluster=4)
    project = Project(buildings=buildings, clusters=clusters)
    project.sources = [source_record(source, "footprints")]
    (tmp_path / "project").mkdir()
    return save_project(project, tmp_path / "project" / "p.gpkg"), source


def set_source_path(project: Path, new_path: str) -> None:
    """Point the stored source record somewhere else, as a hand-edited file might."""
    with sqlite3.connect(project) as db:
        (value,) = db.execute("SELECT value FROM gis_app_meta WHERE key = 'sources'").fetchone()
        sources = json.loads(value)
        for item in sources:
            item["path"] = new_path
            item.pop("relative", None)
        db.execute(
            "UPDATE gis_app_meta SET value = ? WHERE key = 'sources'", (json.dumps(sources),)
        )


def screenshot(project: Path, out: Path) -> subprocess.CompletedProcess:
    before = digest(project)
    result = run_cli(
        "open", str(project), "--screenshot", str(out), "--size", "1400x900", timeout=60
    )
    assert digest(project) == before
    return result


def test_open_screenshot_with_a_deleted_source_reports_it_and_finishes(tmp_path):
    project, source = project_with_source(tmp_path)
    source.unlink()
    out = tmp_path / "shot.png"
    result = screenshot(project, out)
    assert result.returncode == 0, result.stderr
    assert out.exists() and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "panden.gpkg (footprints): niet gevonden" in lines[0]


def test_open_screenshot_with_dev_zero_as_source_never_reads_it(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.fail("this test needs /dev/zero (a POSIX system)")
    project, _source = project_with_source(tmp_path)
    set_source_path(project, "/dev/zero")
    out = tmp_path / "shot.png"
    result = screenshot(project, out)
    assert result.returncode == 0, result.stderr
    assert out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "zero (footprints): niet te controleren" in lines[0]


def test_open_screenshot_with_unchanged_sources_prints_no_notice(tmp_path):
    project, _source = project_with_source(tmp_path)
    result = screenshot(project, tmp_path / "shot.png")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def checked_within(project, wait: float = 20.0, **kwargs):
    """changed_sources in a thread: a read of a pipe or device would never return."""
    found = []
    worker = threading.Thread(
        target=lambda: found.append(changed_sources(project, **kwargs)), daemon=True
    )
    worker.start()
    worker.join(wait)
    assert not worker.is_alive(), "changed_sources is still reading"
    return {s.record.role: s.status for s in found[0]}


def test_a_pipe_as_source_is_unavailable_not_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.fail("this test needs named pipes (a POSIX system)")
    project_path, _source = project_with_source(tmp_path)
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)
    set_source_path(project_path, str(pipe))
    assert checked_within(load_project(project_path)) == {"footprints": "unavailable"}


def test_a_source_over_the_size_or_time_cap_is_unavailable(tmp_path):
    project_path, source = project_with_source(tmp_path)
    project = load_project(project_path)
    assert checked_within(project) == {}
    too_small_cap = source.stat().st_size - 1
    assert checked_within(project, max_bytes=too_small_cap) == {"footprints": "unavailable"}
    assert checked_within(project, seconds=-1.0) == {"footprints": "unavailable"}
    source.write_bytes(b"delivered again, different")
    assert checked_within(project) == {"footprints": "changed"}


# --- non-finite and faraway coordinates -----------------------------------------------------


def polygon_wkb(coords) -> bytes:
    """Polygon WKB written by hand: shapely will not build a ring with a NaN in it."""
    head = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(coords))
    return head + b"".join(struct.pack("<dd", x, y) for x, y in coords)


def square(x: float, y: float, size: float = 10.0):
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def write_footprints(path: Path, rings, crs: int = 28992) -> Path:
    with np.errstate(invalid="ignore"):
        geoms = shapely.from_wkb([polygon_wkb(r) for r in rings])
    ids = [f"00031000000000{i:02d}" for i in range(1, len(rings) + 1)]
    frame = gpd.GeoDataFrame({"bag_id": ids}, geometry=geoms, crs=crs)
    frame.to_file(path, layer="panden", engine="pyogrio")
    return path


def write_wgs84_geojson(path: Path, corners) -> Path:
    features = []
    for i, (lon, lat) in enumerate(corners, start=1):
        ring = [[lon, lat], [lon + 1e-4, lat], [lon + 1e-4, lat + 1e-4], [lon, lat + 1e-4]]
        features.append(
            {
                "type": "Feature",
                "properties": {"identificatie": f"00031000000000{i:02d}"},
                "geometry": {"type": "Polygon", "coordinates": [ring + [ring[0]]]},
            }
        )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


X, Y = 240_000.0, 590_000.0  # near Loppersum, RD New metres


def nan_rings():
    nan_vertex = square(X + 20, Y)
    nan_vertex[1] = (X + 30, float("nan"))
    inf_vertex = square(X + 40, Y)
    inf_vertex[1] = (float("inf"), Y)
    return [square(X, Y), nan_vertex, inf_vertex]


def test_nan_and_inf_coordinates_are_refused_per_row_before_repair(tmp_path):
    path = write_footprints(tmp_path / "panden.gpkg", nan_rings())
    for loaded in (read_footprints(path), load_buildings(path)):
        frame, problems = loaded[0], getattr(loaded[1], "problems", loaded[1])
        assert frame["building_id"].tolist() == ["0003100000000001"]
        assert np.isfinite(shapely.get_coordinates(frame.geometry.values)).all()
        refused = [p for p in problems if p.kind == "geometry_not_finite"]
        assert len(refused) == 1 and refused[0].dropped
        assert refused[0].rows == [2, 3]
        assert refused[0].ids == ["0003100000000002", "0003100000000003"]
        assert refused[0].path == str(path)


def test_only_nan_coordinates_exit_2_with_one_line(tmp_path):
    rings = nan_rings()[1:]
    path = write_footprints(tmp_path / "panden.gpkg", rings)
    out = tmp_path / "p.gpkg"
    result = run_cli("import", str(path), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "panden.gpkg" in lines[0] and "Traceback" not in result.stderr
    assert not out.exists()


def test_latitude_400_is_refused_after_transformation(tmp_path):
    path = write_wgs84_geojson(tmp_path / "panden.geojson", [(6.80, 53.30), (6.80, 400.0)])
    frame, problems = read_footprints(path)
    assert frame["building_id"].tolist() == ["0003100000000001"]
    assert np.isfinite(shapely.get_coordinates(frame.geometry.values)).all()
    (refused,) = [p for p in problems if p.kind == "geometry_not_finite"]
    assert refused.rows == [2] and refused.ids == ["0003100000000002"] and refused.dropped
    assert "EPSG:4326" in refused.message


def test_a_project_imported_with_a_bad_row_plans_afterwards(tmp_path):
    path = write_wgs84_geojson(
        tmp_path / "panden.geojson", [(6.80, 53.30), (6.8002, 53.30), (6.80, 400.0)]
    )
    project = tmp_path / "p.gpkg"
    imported = run_cli("import", str(path), "--out", str(project))
    assert imported.returncode == 0, imported.stderr
    assert "niet om te zetten van EPSG:4326" in imported.stdout
    assert len(load_project(project).buildings) == 2
    planned = run_cli("plan", str(project), "--auto-clusters")
    assert planned.returncode == 0, planned.stderr


@pytest.mark.parametrize("kind", ["all latitudes 400", "prj that does not fit"])
def test_nothing_transformable_exits_2_with_one_line(tmp_path, kind):
    if kind == "all latitudes 400":
        path = write_wgs84_geojson(tmp_path / "panden.geojson", [(6.8, 400.0), (6.9, 500.0)])
    else:  # RD metres in a Shapefile whose .prj says WGS84
        path = write_footprints(tmp_path / "panden.shp", [square(X, Y)], crs=4326)
    out = tmp_path / "p.gpkg"
    before = listing(tmp_path)
    result = run_cli("import", str(path), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert path.name in lines[0] and "coördinatenstelsel" in lines[0]
    assert listing(tmp_path) == before


def test_footprints_far_outside_the_netherlands_warn_and_strict_refuses(tmp_path):
    far_x = RD_BOUNDS[2] + NETHERLANDS_MARGIN + 5_000_000.0
    near_x = RD_BOUNDS[2] + NETHERLANDS_MARGIN - 1_000.0  # inside the margin: no warning
    path = write_footprints(
        tmp_path / "panden.gpkg", [square(X, Y), square(far_x, Y), square(near_x, Y)]
    )
    frame, problems = read_footprints(path)
    assert len(frame) == 3  # a warning, not a refusal
    (outside,) = [p for p in problems if p.kind == "geometry_outside_netherlands"]
    assert outside.rows == [2] and outside.ids == ["0003100000000002"]
    assert not outside.dropped

    out = tmp_path / "p.gpkg"
    warned = run_cli("import", str(path), "--out", str(out))
    assert warned.returncode == 0, warned.stderr
    assert "ligt buiten Nederland" in warned.stdout and out.exists()

    strict_out = tmp_path / "strikt.gpkg"
    before = listing(tmp_path)
    refused = run_cli("import", str(path), "--out", str(strict_out), "--strict")
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "--strict" in lines[0] and "0003100000000002" in lines[0]
    assert listing(tmp_path) == before


def test_footprints_inside_the_netherlands_give_no_warning(tmp_path):
    path = write_footprints(tmp_path / "panden.gpkg", [square(X, Y), square(X + 50, Y)])
    _frame, problems = read_footprints(path)
    assert problems == []


# --- arguments at the edges -----------------------------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    buildings, clusters = make_instance(n_clusters=3, per_cluster=5)
    return save_project(Project(buildings=buildings, clusters=clusters), tmp_path / "p.gpkg")


LONG_NAME = "a" * 300

#: (arguments after the project or command, text the single stderr line must hold)
REFUSED = [
    (["plan", "{p}", "--start", "9999-12-31"], "--start: 9999-12-31 ligt niet tussen 2000-01-01"),
    (["plan", "{p}", "--start", "1999-12-31"], "2100-12-31"),
    (["plan", "{p}", "--start", "gisteren"], "geen datum"),
    (["plan", "{p}", "--capacity", "2e19"], "--capacity: 2e19 ligt niet tussen 1 en 100000"),
    (["plan", "{p}", "--capacity", "0"], "--capacity: 0 ligt niet tussen 1 en 100000"),
    (["plan", "{p}", "--capacity", "99999999999999999999999"], "--capacity"),
    (["plan", "{p}", "--capacity", "2.5"], "geen geheel getal"),
    (["plan", "{p}", "--bespoke", "nan"], "--bespoke: 'nan' is geen eindig getal"),
    (["plan", "{p}", "--bespoke", "inf"], "--bespoke: 'inf' is geen eindig getal"),
    (["plan", "{p}", "--bespoke", "1.5"], "--bespoke: 1.5 ligt niet tussen 0 en 1"),
    (["plan", "{p}", "--json", "{t}/" + LONG_NAME + ".json"], "--json: naam te lang"),
    (["suggest-clusters", "{p}", "--link-distance", "nan"], "--link-distance: 'nan'"),
    (["suggest-clusters", "{p}", "--link-distance", "-1"], "tussen 0 en 10000"),
    (["suggest-clusters", "{p}", "--max-spread", "0"], "groter dan 0 en hoogstens 100000"),
    (["suggest-clusters", "{p}", "--max-spread=-inf"], "--max-spread: '-inf'"),
    (["suggest-clusters", "{p}", "--max-buildings", "1e30"], "tussen 1 en 100000"),
    (["suggest-clusters", "{p}", "--out", "{t}/" + LONG_NAME + ".gpkg"], "naam te lang"),
    (["export", "{p}", "--out", "{t}/" + LONG_NAME], "--out: naam te lang"),
    (["export", "{p}", "--out", "{t}/uit", "--package", ",,,"], "--package: ',,,' kiest niets"),
    (["export", "{p}", "--out", "{t}/uit", "--fields", " , "], "--fields"),
    (["sample", "--buildings", "1e12", "--out", "{t}/s.gpkg"], "tussen 1 en 2000000"),
    (["sample", "--buildings", "nan", "--out", "{t}/s.gpkg"], "--buildings: 'nan'"),
    (["sample", "--seed", "-1", "--out", "{t}/s.gpkg"], "--seed: -1 ligt niet tussen 0"),
    (["sample", "--out", "{t}/" + LONG_NAME + ".gpkg"], "naam te lang"),
    (["open", "{p}", "--screenshot", "{t}/" + LONG_NAME + ".png"], "naam te lang"),
    (["import", "{t}/" + LONG_NAME + ".gpkg", "--out", "{t}/x.gpkg"], None),
]


@pytest.mark.parametrize("argv, expected", REFUSED, ids=[" ".join(a[::2])[:60] for a, _ in REFUSED])
def test_arguments_beyond_their_bounds_exit_2_with_one_line(
    project, tmp_path, capsys, argv, expected
):
    argv = [a.format(p=project, t=tmp_path) for a in argv]
    before_hash = digest(project)
    before = listing(tmp_path)
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"gis-app {argv[0]}: ")
    if expected is not None:
        assert expected in lines[0]
    assert digest(project) == before_hash
    assert listing(tmp_path) == before


def test_a_refused_argument_is_one_line_from_the_real_command_line(project, tmp_path):
    before = digest(project)
    result = run_cli("suggest-clusters", str(project), "--link-distance", "nan")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "gis-app suggest-clusters: --link-distance: 'nan' is geen eindig getal "
        "(zie gis-app suggest-clusters --help)"
    ]
    assert digest(project) == before


def test_values_on_the_bounds_are_accepted(project, tmp_path, capsys):
    out = tmp_path / "plan.json"
    code = main(
        ["plan", str(project), "--capacity", "100000", "--bespoke", "1", "--start", "2000-01-01"]
        + ["--json", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    config = json.loads(out.read_text(encoding="utf-8"))["config"]
    assert config["starts_per_week"] == 100000 and config["bespoke_share"] == 1.0
    assert config["start_date"] == "2000-01-01"


def test_help_still_exits_0(capsys):
    assert main(["plan", "--help"]) == 0
    assert "--capacity" in capsys.readouterr().out


def test_argument_types_parse_what_they_accept():
    assert _args.integer(1, 10)("10") == 10
    assert _args.integer(1, 5000)("2e3") == 2000
    assert _args.number(0.0, 1.0)("0,5") == 0.5
    assert _args.date_in_window("2100-12-31") == "2100-12-31"
    assert _args.nonempty_list(",a,") == ",a,"
    assert _args.path("uit/plan.json") == Path("uit/plan.json")
    for parse, text in (
        (_args.number(0.0, 1.0), "-0.0001"),
        (_args.number(0.0, 1.0, low_open=True), "0"),
        (_args.integer(0, 10), "11"),
        (_args.path, "a\x00b"),
        (_args.path, "  "),
    ):
        with pytest.raises(Exception) as info:
            parse(text)
        assert type(info.value).__name__ == "ArgumentTypeError"


def test_open_of_a_pipe_exits_2_with_one_line(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.fail("this test needs named pipes (a POSIX system)")
    pipe = tmp_path / "wacht.gpkg"
    os.mkfifo(pipe)
    out = tmp_path / "shot.png"
    result = run_cli("open", str(pipe), "--screenshot", str(out), timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "wacht.gpkg" in lines[0] and "geen gewoon bestand" in lines[0]
    assert not out.exists()


def test_a_window_without_a_session_notes_changed_sources_without_a_box(
    tmp_path, qtbot, monkeypatch
):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.windowTitle()) or 0)
    project_path, source = project_with_source(tmp_path)
    source.unlink()
    window = QMainWindow()
    qtbot.addWidget(window)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = ProjectController(
        window, ProjectDocument(load_project(project_path), parent=window), settings=settings
    )
    assert not controller.in_session
    controller.report_changed_sources()  # checked on the task runner
    qtbot.waitUntil(lambda: "bronbestand" in window.statusBar().currentMessage(), timeout=10000)
    assert shown == []
