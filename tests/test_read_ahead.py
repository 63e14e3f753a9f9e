"""A large project's footprints on the map before the project is read.

``gis-app open`` reads the footprints' vertices of a large project file first
(gis_app.core.io.footprint_preview), the window draws them at once and reads the project
on its task runner; the project's map then takes the preview's arrays over. These tests
check the preview (equal to what the project's geometries give, refused where it could
mislead), the window's hand-over (the map draws the preview, picks nothing from it, keeps
the planner's view, shows the project), a read that fails, another file opened meanwhile,
and which way ``gis-app open`` goes. Speed: benchmarks/bench_startup.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from gis_app.core.io import arrow_io, footprint_preview
from gis_app.core.io.footprint_preview import FootprintPreview, read_preview
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings
from gis_app.core.spatial import GeometryArrays
from gis_app.ui import map_first

N = 600


@pytest.fixture(scope="module")
def project_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("read_ahead") / "groot.gpkg"
    save_project(Project(buildings=generate_buildings(N, seed=11), name="groot"), path)
    return path


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(footprint_preview, "MIN_ROWS", 100)
    monkeypatch.setattr(map_first, "MAP_FIRST_ROWS", 100)


def test_the_preview_is_what_the_projects_geometries_give(
    project_file, small_threshold, monkeypatch
):
    monkeypatch.setattr(arrow_io, "BATCH_ROWS", 128)  # several batches, joined
    preview = read_preview(project_file)
    assert preview is not None and preview.n == N
    geometries = load_project(project_file).buildings.geometry.values
    expected = GeometryArrays(geometries)
    got = preview.polygons
    np.testing.assert_array_equal(got.coords, expected.coords)
    np.testing.assert_array_equal(got.ring_start, expected.ring_start)
    np.testing.assert_array_equal(got.coord_offsets, expected.coord_offsets)
    np.testing.assert_array_equal(got.bounds, expected.bounds)
    assert preview.matches(geometries)
    assert not preview.matches(geometries[::-1])  # reordered
    assert not preview.matches(geometries[:-1])  # a row less


def test_no_preview_where_it_does_not_pay_or_could_mislead(project_file, tmp_path, small_threshold):
    # too small
    small = tmp_path / "klein.gpkg"
    save_project(Project(buildings=generate_buildings(50, seed=2)), small)
    assert read_preview(small) is None
    # another coordinate system: drawn in the wrong place until the project's reprojection
    wgs = tmp_path / "wgs84.gpkg"
    generate_buildings(300, seed=4).to_crs(4326).to_file(wgs, layer="buildings", driver="GPKG")
    assert load_project(wgs).buildings.crs.to_epsg() == 28992  # the project itself opens
    assert read_preview(wgs) is None
    # not a project at all, damaged, missing
    other = tmp_path / "anders.gpkg"
    generate_buildings(300, seed=4).drop(columns="building_id").to_file(
        other, layer="panden", driver="GPKG"
    )
    assert read_preview(other) is None
    broken = tmp_path / "kapot.gpkg"
    broken.write_bytes(b"SQLite format 3\x00" + bytes(200))
    assert read_preview(broken) is None
    assert read_preview(tmp_path / "weg.gpkg") is None
    # a newer schema: refused by the full read with its message, not previewed
    newer = tmp_path / "nieuwer.gpkg"
    newer.write_bytes(project_file.read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE gis_app_meta SET value = '99' WHERE key = 'schema_version'")
    assert read_preview(newer) is None


# --- the window -------------------------------------------------------------------------------


def make_window(qtbot):
    from gis_app.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    return window


def test_the_window_draws_the_footprints_then_takes_them_over(
    qtbot, project_file, small_threshold, monkeypatch
):
    from gis_app.ui.map import layers as layers_module

    preview = read_preview(project_file)
    window = make_window(qtbot)
    styled_here = []
    real_style = layers_module.compute_style
    monkeypatch.setattr(
        layers_module,
        "compute_style",
        lambda *a, **k: styled_here.append(1) or real_style(*a, **k),
    )
    offered = []
    window.open_read_ahead(preview, on_project=offered.append)
    window.show()
    qtbot.waitExposed(window)
    canvas = window.canvas
    # drawn from the preview while the document has no buildings yet
    assert len(window.document.project.buildings) == 0
    assert canvas.layers.buildings.arrays.n == N
    image = canvas.render_now()
    assert canvas.last_render_stats.get("visible", 0) > 0
    assert not image.isNull()
    x, y = preview.polygons.coords[0]
    assert canvas.building_at(x, y) is None  # nothing to pick before the project is read
    assert window.legend_widget.entries[0][0] == f"{N} panden, worden ingelezen"
    assert "zodra de panden zijn ingelezen" in window.planning.panel.global_numbers.text()
    # the planner zooms in meanwhile: the view stays when the project comes
    canvas.set_center(float(x), float(y))
    canvas.zoom_by(4.0)
    view = canvas.view.state()
    collector = window.tasks.parent()._gis_app_collector
    qtbot.waitUntil(lambda: window._read_ahead is not None, timeout=10_000)
    assert collector._holds == 1  # no young collections walk what the read makes
    qtbot.waitUntil(lambda: len(window.document.project.buildings) == N, timeout=60_000)
    assert collector._holds == 0
    assert offered and offered[0] is window.document.project
    arrays = canvas.layers.buildings.arrays
    assert arrays.coords is preview.polygons.coords  # taken over, not computed again
    assert arrays.has_geometries
    assert canvas.layers.preview is None
    assert canvas.view.state() == view
    assert styled_here == []  # its colours came with it from the reading thread
    assert "worden ingelezen" not in " ".join(t for t, _ in window.legend_widget.entries)
    counts = window.layer_stack.style_result.legend
    assert sum(entry.count for entry in counts) == N
    row = canvas.building_at(*preview.polygons.coords[preview.polygons.coord_offsets[5]])
    assert row is not None  # picking works on the project's footprints
    qtbot.waitUntil(lambda: window.document.plan_result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    assert window.attribute_table.model.n_total == N


def test_a_project_that_is_not_the_previewed_one_is_drawn_from_its_own_geometries(
    qtbot, project_file, small_threshold
):
    preview = read_preview(project_file)
    window = make_window(qtbot)
    window.layer_stack.show_preview(preview)
    other = Project(buildings=generate_buildings(N, seed=12))
    window.set_project(other)
    arrays = window.layer_stack.buildings.arrays
    assert arrays.coords is not preview.polygons.coords
    np.testing.assert_array_equal(
        arrays.bounds, GeometryArrays(other.buildings.geometry.values).bounds
    )
    assert window.layer_stack.preview is None


def test_a_read_that_fails_says_so_and_the_footprints_go(
    qtbot, project_file, tmp_path, small_threshold, monkeypatch
):
    copy = tmp_path / "wordt_kapot.gpkg"
    copy.write_bytes(project_file.read_bytes())
    preview = read_preview(copy)
    assert preview is not None
    with sqlite3.connect(copy) as connection:  # changed after the footprints were read
        connection.execute("UPDATE gis_app_meta SET value = '99' WHERE key = 'schema_version'")
    shown = []
    monkeypatch.setattr(
        "gis_app.ui.dialogs.show_error", lambda _p, error, **_k: shown.append(error)
    )
    window = make_window(qtbot)
    told = []
    window.open_read_ahead(preview, on_project=told.append)
    window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert told == [None]  # gis-app open stops the neighbour child then
    assert "nieuwere versie" in shown[0].user_message()
    assert window.layer_stack.preview is None
    assert window.layer_stack.buildings.arrays.n == 0
    assert "open of laad panden" in window.planning.panel.global_numbers.text()
    assert len(window.document.project.buildings) == 0


def test_opening_another_file_meanwhile_cancels_the_read(
    qtbot, project_file, tmp_path, small_threshold
):
    small = tmp_path / "ander.gpkg"
    save_project(Project(buildings=generate_buildings(40, seed=3), name="ander"), small)
    preview = read_preview(project_file)
    window = make_window(qtbot)
    told = []
    window.open_read_ahead(preview, on_project=told.append)
    window.show()
    qtbot.waitUntil(lambda: window._read_ahead is not None, timeout=10_000)  # reading
    assert window.open_path(small, background=False)
    qtbot.waitUntil(lambda: not window._collection_held, timeout=60_000)
    assert told == [None]
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    qtbot.wait(200)
    assert len(window.document.project.buildings) == 40  # not replaced by the late read
    assert window.layer_stack.preview is None


# --- gis-app open -----------------------------------------------------------------------------


def test_gis_app_open_draws_a_large_project_ahead_and_reads_a_small_one_first(
    project_file, tmp_path, small_threshold, monkeypatch
):
    import gis_app.ui.app as app_module
    from gis_app.cli import main

    calls = []

    def run_app(**kwargs):
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(app_module, "run_app", run_app)
    import gc

    try:
        assert main(["open", str(project_file)]) == 0
        small = tmp_path / "klein.gpkg"
        save_project(Project(buildings=generate_buildings(50, seed=2)), small)
        assert main(["open", str(small)]) == 0
    finally:
        gc.unfreeze()
    large, little = calls
    assert isinstance(large["preview"], FootprintPreview) and large["preview"].n == N
    assert "project" not in large
    assert len(little["project"].buildings) == 50 and "preview" not in little


def test_the_neighbour_child_is_offered_the_project_or_stopped(
    project_file, small_threshold, monkeypatch
):
    """The window tells ``gis-app open`` how its read ended: the project (the child's
    pairs are offered for its buildings) or none (the child is stopped)."""
    import gis_app.ui.app as app_module
    from gis_app.cli import main
    from gis_app.core.planning import prefetch

    class Child:
        closed = False

        def close(self):
            self.closed = True

    children = []
    monkeypatch.setattr(
        prefetch.NeighbourPrefetch,
        "adopt",
        classmethod(lambda cls, _started: children.append(Child()) or children[-1]),
    )
    callbacks = []
    monkeypatch.setattr(
        app_module, "run_app", lambda **kwargs: callbacks.append(kwargs["on_project"]) or 0
    )
    import gc

    try:
        assert main(["open", str(project_file)]) == 0
        assert main(["open", str(project_file)]) == 0
    finally:
        gc.unfreeze()
    project = load_project(project_file)
    callbacks[0](project)
    assert prefetch.take(project.buildings) is children[0] and not children[0].closed
    callbacks[1](None)
    assert children[1].closed


FORK_FIRST = r"""
import os, sys
from gis_app.core import early_fork

def record(path, **_kwargs):
    heavy = [m for m in ("numpy", "pandas", "shapely", "pyogrio", "PySide6") if m in sys.modules]
    print("heavy at the fork:", heavy, flush=True)
    os._exit(0)

early_fork.start_reading_child = record
from gis_app.cli import main
main(["open", sys.argv[1]])
"""


def test_gis_app_open_forks_its_child_before_importing_the_heavy_libraries(project_file):
    """The child forked first shares no imported library with the window process, so
    neither copies the other's pages while it works (gis_app/core/early_fork.py)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", FORK_FIRST, str(project_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "heavy at the fork: []" in done.stdout, done.stdout + done.stderr[-2000:]


EARLY_CHILD = r"""
import sys
from pathlib import Path
from gis_app.core.early_fork import start_reading_child

folder = Path(sys.argv[1])
small = folder / "klein.gpkg"
small.write_bytes(b"x" * 1000)
large = folder / "groot.gpkg"
large.write_bytes(b"x" * (5 * 1024 * 1024))  # large enough; the child finds it unreadable
shapefile = folder / "panden.shp"
shapefile.write_bytes(b"x" * (5 * 1024 * 1024))
print("small", start_reading_child(small) is None)
print("shapefile", start_reading_child(shapefile) is None)
print("missing", start_reading_child(folder / "weg.gpkg") is None)
started = start_reading_child(large)
print("large", started is not None)
from gis_app.core.planning.prefetch import NeighbourPrefetch
prefetch = NeighbourPrefetch.adopt(started)
print("answer", prefetch.found(timeout=60))
print("ended", not prefetch._process.is_alive())
"""


def test_the_early_child_is_only_forked_for_a_large_geopackage(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", EARLY_CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    for expected in (
        "small True",
        "shapefile True",
        "missing True",
        "large True",
        "answer None",  # unreadable: the planner finds its pairs itself
        "ended True",
    ):
        assert expected in lines, done.stdout


def test_a_window_closed_during_the_read_lets_the_collector_go(
    qtbot, project_file, small_threshold
):
    preview = read_preview(project_file)
    window = make_window(qtbot)
    window.open_read_ahead(preview)
    window.show()
    qtbot.waitUntil(lambda: window._read_ahead is not None, timeout=10_000)
    collector = window.tasks.parent()._gis_app_collector
    assert collector._holds == 1
    window.close()
    assert collector._holds == 0


def test_a_map_only_screenshot_of_a_large_project_is_taken_before_it_is_read(
    project_file, tmp_path, small_threshold, monkeypatch, capsys
):
    """``--screenshot --map-only``: the footprints read ahead are drawn and written as the
    picture; the project itself is never read (as QGIS's snapshot draws a layer)."""
    from PySide6.QtGui import QImage

    import gis_app.core.io.opening as opening
    import gis_app.ui.shell.file_actions as file_actions
    from gis_app.cli import main
    from gis_app.core.styling import MISSING_COLOR
    from gis_app.ui.map.renderer import BACKGROUND

    def no_read(*_args, **_kwargs):
        raise AssertionError("the project was read")

    monkeypatch.setattr(opening, "open_path", no_read)
    monkeypatch.setattr(file_actions, "load_path", no_read)
    out = tmp_path / "kaart.png"
    assert main(["open", str(project_file), "--screenshot", str(out), "--map-only"]) == 0
    assert "kaart.png" in capsys.readouterr().out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    pixels = np.array(
        [[image.pixelColor(x, y).name() for x in range(0, 1600, 4)] for y in range(0, 1000, 4)]
    )
    assert (pixels == BACKGROUND.lower()).sum() > 1000  # the map is there
    assert (pixels == MISSING_COLOR.lower()).sum() > 20  # with its footprints

    # the file the footprints come from is never the picture
    code = main(["open", str(project_file), "--screenshot", str(project_file), "--map-only"])
    assert code == 2
    assert load_project(project_file).buildings.shape[0] == N
