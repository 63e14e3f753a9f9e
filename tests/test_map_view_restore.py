"""A project opens looking as it was saved: the building style, the cluster display, the
visibility of layers and its background layers come back; what cannot is said."""

from __future__ import annotations

import geopandas as gpd
import pytest
from PySide6.QtWidgets import QMessageBox
from shapely.geometry import box

from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.qgis.writers import MAP_SETTINGS_KEY
from gis_app.core.styling import CLUSTER_DISPLAYS, StyleSpec
from gis_app.ui.map.layers import LAYER_CLUSTERS, LAYER_VECTOR
from gis_app.ui.qgis_export import map_settings
from gis_app.ui.shell.main_window import MainWindow
from tests.test_projectfile import make_project


@pytest.fixture
def shown(monkeypatch):
    boxes: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda box: boxes.append(f"{box.windowTitle()} {box.informativeText()}") or 0,
    )
    return boxes


@pytest.fixture
def window(qtbot, shown):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.stop_background_work()


def saved_with_view(tmp_path, window, background) -> tuple:
    """A project saved after the map was given a non-default look."""
    window.set_project(make_project())
    stack = window.layer_stack
    spec = StyleSpec(kind="categorical", column="woonplaats")
    stack.set_building_style(spec)
    display = next(d for d in CLUSTER_DISPLAYS if d != stack.cluster_display)
    stack.set_cluster_display(display)
    stack.layer(LAYER_CLUSTERS).visible = False
    stack.add_vector_file(background)
    project = window.document.project
    project.settings[MAP_SETTINGS_KEY] = map_settings(window)
    return save_project(project, tmp_path / "plan.gpkg"), spec, display


def test_an_opened_project_shows_its_saved_view(window, tmp_path, qtbot, shown):
    background = tmp_path / "wijken.gpkg"
    gpd.GeoDataFrame({"naam": ["a"]}, geometry=[box(0, 0, 1, 1)], crs=28992).to_file(background)
    path, spec, display = saved_with_view(tmp_path, window, background)
    other = MainWindow()
    qtbot.addWidget(other)
    try:
        other.set_project(load_project(path))
        stack = other.layer_stack
        assert stack.building_style.kind == spec.kind
        assert stack.building_style.column == "woonplaats"
        assert other.style_panel.spec().column == "woonplaats"  # the panel shows it too
        assert stack.cluster_display == display
        assert not stack.layer(LAYER_CLUSTERS).visible
        vectors = [layer for layer in stack.layers() if layer.kind == LAYER_VECTOR]
        assert [layer.source for layer in vectors] == [str(background)]
        # opening another project drops the background layers of the first
        other.set_project(make_project())
        assert not [layer for layer in stack.layers() if layer.kind == LAYER_VECTOR]
    finally:
        other.stop_background_work()
        other.close()
    assert shown == []


def test_a_missing_background_file_is_reported_and_the_rest_restored(
    window, tmp_path, qtbot, shown
):
    background = tmp_path / "wijken.gpkg"
    gpd.GeoDataFrame({"naam": ["a"]}, geometry=[box(0, 0, 1, 1)], crs=28992).to_file(background)
    path, spec, _display = saved_with_view(tmp_path, window, background)
    background.unlink()
    window.set_project(load_project(path))
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "wijken.gpkg" in shown[0]
    assert window.layer_stack.building_style.column == "woonplaats"
