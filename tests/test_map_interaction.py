"""Smaller canvas behaviours: hover text, highlights at far zoom, work packages, signals."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from test_map_support import centre, grid_canvas, send_mouse

from gis_app.ui.map.renderer import SELECTION_COLOR
from gis_app.ui.map.tools import SelectTool


@pytest.fixture
def canvas(qtbot):
    return grid_canvas(qtbot)


def test_hover_text_names_the_building(canvas):
    text = canvas.tooltip_text(4)
    assert "Pand 0003100000000004" in text
    assert "Dorpsstraat 5" in text
    assert "Risicoprofiel: verhoogd" in text
    assert "Mijlpaal: nog niet in lokaal plan" in text


def test_selection_visible_at_far_zoom(canvas):
    # 10 m buildings at 20 m/px are sub-pixel; a selected one still shows: a ring in the
    # selection colour around the building's own block
    canvas.view.set_state(100050.0, 500040.0, 20.0)
    point = canvas.map_to_screen(*centre(canvas.document.project.buildings, 6))
    own = QColor(*(int(v) for v in canvas.layers.building_colors[6][:3])).name()
    canvas.document.set_selection([6])
    image = canvas.render_now()
    assert canvas.last_render_stats["rasterised"] == 12
    hits = [
        QColor(image.pixel(int(point.x()) + dx, int(point.y()) + dy)).name()
        for dx in range(-3, 4)
        for dy in range(-3, 4)
    ]
    assert hits.count(SELECTION_COLOR) >= 12
    assert own in hits  # the building's colour is not replaced


def test_work_packages_are_drawn_after_refresh(canvas):
    packages = gpd.GeoDataFrame(
        {"package_id": ["p1"], "color": ["#000000"]},
        geometry=[shapely.box(99995, 499995, 100045, 500045)],
        crs="EPSG:28992",
    )
    canvas.document.project.packages = packages
    canvas.layers.refresh_packages()
    assert canvas.layers.packages.feature_count == 1
    image = canvas.render_now()
    edge = canvas.map_to_screen(99995.0, 500020.0)  # left edge, dashed: look along it
    darkest = min(
        QColor(image.pixel(int(edge.x()) + dx, int(edge.y()) + dy)).lightness()
        for dx in (-1, 0, 1)
        for dy in range(-12, 13)
    )
    assert darkest < 60


def test_middle_button_pans_with_any_tool(canvas):
    canvas.set_tool(SelectTool())
    before = canvas.map_to_screen(100005.0, 500005.0)
    send_mouse(canvas, "press", QPointF(100, 100), button=Qt.MouseButton.MiddleButton)
    send_mouse(
        canvas,
        "move",
        QPointF(130, 110),
        button=Qt.MouseButton.NoButton,
        buttons=Qt.MouseButton.MiddleButton,
    )
    send_mouse(canvas, "release", QPointF(130, 110), button=Qt.MouseButton.MiddleButton)
    after = canvas.map_to_screen(100005.0, 500005.0)
    assert (after.x() - before.x(), after.y() - before.y()) == pytest.approx((30, 10))
    assert canvas.document.selection.tolist() == []  # the select tool saw nothing


def test_signals_for_cursor_scale_and_view(canvas, qtbot):
    with qtbot.waitSignal(canvas.cursorMoved) as moved:
        send_mouse(canvas, "move", QPointF(200, 150), button=Qt.MouseButton.NoButton)
    assert moved.args == pytest.approx(list(canvas.screen_to_map(QPointF(200, 150))))
    with qtbot.waitSignal(canvas.scaleChanged) as scaled:
        canvas.zoom_in()
    assert scaled.args[0] == pytest.approx(canvas.scale_denominator())
    with qtbot.assertNotEmitted(canvas.scaleChanged), qtbot.waitSignal(canvas.viewChanged):
        canvas.pan_pixels(5, 5)


def test_hidden_buildings_layer_draws_nothing(canvas):
    canvas.layers.set_visible("buildings", False)
    image = canvas.render_now()
    point = canvas.map_to_screen(*centre(canvas.document.project.buildings, 0))
    assert QColor(image.pixel(int(point.x()), int(point.y()))).name() == "#f7f7f4"
    assert canvas.building_at(*centre(canvas.document.project.buildings, 0)) == 0  # still pickable


def test_drag_moves_the_image_and_renders_when_released(canvas, qtbot):
    from gis_app.ui.map.tools import PanTool

    canvas.set_tool(PanTool())
    canvas.render_now()
    shown = canvas.map_image()
    send_mouse(canvas, "press", QPointF(100, 100))
    with qtbot.assertNotEmitted(canvas.renderFinished, wait=60):
        for x in range(105, 160, 5):
            send_mouse(canvas, "move", QPointF(x, 100))
    assert canvas.map_image() is shown  # only moved while dragging
    with qtbot.waitSignal(canvas.renderFinished, timeout=5000):
        send_mouse(canvas, "release", QPointF(160, 100))
    assert canvas.map_image() is not shown
    assert canvas.view.can_go_back()  # the drag is one history step


def test_scale_bar_lengths_are_round_and_labelled_in_dutch():
    from gis_app.ui.map.decorations import format_length, scale_bar_length
    from gis_app.ui.map.view import nice_length

    assert [nice_length(v) for v in (0.7, 3.0, 19.0, 160.0, 7400.0)] == [
        0.5,
        2.0,
        10.0,
        100.0,
        5000.0,
    ]
    metres, pixels = scale_bar_length(mpp=3.0, max_pixels=160)
    assert metres == 200.0 and pixels == pytest.approx(200 / 3)
    assert format_length(500) == "500 m"
    assert format_length(2000) == "2 km"
    assert format_length(2500) == "2,5 km"
