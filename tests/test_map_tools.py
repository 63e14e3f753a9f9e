"""Map tools driven by mouse and key events, as a user would."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPointF, Qt
from test_map_support import centre, click, drag, grid_canvas, send_mouse

from gis_app.ui.map.tools import (
    IdentifyTool,
    LassoSelectTool,
    MapTool,
    PanTool,
    SelectTool,
    ZoomBoxTool,
)

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def canvas(qtbot):
    return grid_canvas(qtbot, show=True)


def screen(canvas, x, y) -> QPointF:
    return canvas.map_to_screen(x, y)


def building_screen(canvas, row) -> QPointF:
    return canvas.map_to_screen(*centre(canvas.document.project.buildings, row))


def test_rectangle_selects_exactly_the_buildings_inside(canvas):
    canvas.set_tool(SelectTool())
    # columns 0-1 of rows 0-1: buildings 0, 1, 4, 5 (x 100000..100040, y 500000..500040)
    drag(canvas, screen(canvas, 99995, 500045), screen(canvas, 100045, 499995))
    assert canvas.document.selection.tolist() == [0, 1, 4, 5]
    # an exact check against geometry for a rectangle in an arbitrary place
    drag(canvas, screen(canvas, 100025, 500075), screen(canvas, 100075, 500025))
    box = shapely.box(100025, 500025, 100075, 500075)
    frame = canvas.document.project.buildings
    expected = np.flatnonzero(shapely.intersects(frame.geometry.values, box))
    assert canvas.document.selection.tolist() == expected.tolist() == [5, 6, 9, 10]


def test_shift_adds_ctrl_removes_for_rectangles(canvas):
    canvas.set_tool(SelectTool())
    drag(canvas, screen(canvas, 99995, 500015), screen(canvas, 100015, 499995))
    assert canvas.document.selection.tolist() == [0]
    drag(canvas, screen(canvas, 100085, 500075), screen(canvas, 100115, 500055), modifiers=SHIFT)
    assert canvas.document.selection.tolist() == [0, 11]
    drag(canvas, screen(canvas, 99995, 500015), screen(canvas, 100015, 499995), modifiers=CTRL)
    assert canvas.document.selection.tolist() == [11]


def test_click_shift_click_ctrl_click_and_escape(canvas, qtbot):
    canvas.set_tool(SelectTool())
    click(canvas, building_screen(canvas, 2))
    assert canvas.document.selection.tolist() == [2]
    click(canvas, building_screen(canvas, 7), SHIFT)
    assert canvas.document.selection.tolist() == [2, 7]
    click(canvas, building_screen(canvas, 2), CTRL)
    assert canvas.document.selection.tolist() == [7]
    click(canvas, building_screen(canvas, 3), CTRL)
    assert canvas.document.selection.tolist() == [3, 7]
    click(canvas, building_screen(canvas, 5))  # plain click replaces
    assert canvas.document.selection.tolist() == [5]
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.document.selection.tolist() == []
    click(canvas, building_screen(canvas, 5))
    click(canvas, screen(canvas, 100020, 500020))  # empty spot clears
    assert canvas.document.selection.tolist() == []


def test_identify_reports_the_building_under_the_cursor(canvas, qtbot):
    tool = IdentifyTool()
    canvas.set_tool(tool)
    with qtbot.waitSignal(tool.identified) as blocker:
        click(canvas, building_screen(canvas, 6))
    assert blocker.args == [6]
    assert canvas.document.project.buildings["building_id"].iloc[6] == "0003100000000006"
    with qtbot.waitSignal(tool.identified) as blocker:
        click(canvas, screen(canvas, 100020, 500020))
    assert blocker.args == [-1]


def test_identify_tolerance_picks_a_building_just_outside_its_edge(canvas):
    frame = canvas.document.project.buildings
    x = frame.geometry.iloc[0].bounds[2] + 1.5 * canvas.view.mpp  # 1.5 px right of building 0
    assert canvas.building_at(x, 500005.0) == 0
    assert canvas.building_at(x + 20 * canvas.view.mpp, 500005.0) is None


def test_lasso_by_clicks_and_enter(canvas, qtbot):
    tool = LassoSelectTool()
    canvas.set_tool(tool)
    # triangle around buildings 0, 1 and 4 (its corners between the grid cells)
    for x, y in ((99995, 499995), (100048, 499995), (99995, 500048)):
        click(canvas, screen(canvas, x, y))
    assert tool.drawing
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert not tool.drawing
    assert canvas.document.selection.tolist() == [0, 1, 4]


def test_lasso_freehand_drag_and_escape_cancels(canvas, qtbot):
    tool = LassoSelectTool()
    canvas.set_tool(tool)
    ring = [(100055, 500055), (100115, 500055), (100115, 500085), (100055, 500085)]
    points = [screen(canvas, x, y) for x, y in ring]
    send_mouse(canvas, "press", points[0])
    for point in points[1:] + [points[0]]:
        send_mouse(canvas, "move", point)
    send_mouse(canvas, "release", points[0])
    assert canvas.document.selection.tolist() == [10, 11]
    click(canvas, screen(canvas, 99995, 499995))
    assert tool.drawing
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not tool.drawing
    assert canvas.document.selection.tolist() == [10, 11]


def test_zoom_box_zooms_to_the_box(canvas):
    canvas.set_tool(ZoomBoxTool())
    drag(canvas, screen(canvas, 100000, 500040), screen(canvas, 100040, 500000))
    xmin, ymin, xmax, ymax = canvas.extent()
    # the box fits (the canvas keeps a minimum extent of 80 m around small boxes)
    assert xmin <= 100000 and xmax >= 100040 and ymin <= 500000 and ymax >= 500040
    assert xmax - xmin == pytest.approx(80 * 4 / 3, rel=0.02)


def test_pan_tool_drag_moves_the_map(canvas):
    canvas.set_tool(PanTool())
    frame = canvas.document.project.buildings
    before = building_screen(canvas, 0)
    drag(canvas, QPointF(200, 150), QPointF(260, 130))
    after = building_screen(canvas, 0)
    assert after.x() - before.x() == pytest.approx(60)
    assert after.y() - before.y() == pytest.approx(-20)
    assert canvas.screen_to_map(after) == pytest.approx(centre(frame, 0))


def test_custom_tool_gets_events_and_paints_overlay(canvas, qtbot):
    class Recorder(MapTool):
        def __init__(self):
            super().__init__()
            self.events = []
            self.painted = 0

        def mouse_press(self, event, map_xy):
            self.events.append(("press", map_xy))

        def mouse_release(self, event, map_xy):
            self.events.append(("release", map_xy))

        def key_press(self, event):
            self.events.append(("key", event.key()))
            return event.key() == Qt.Key.Key_Escape

        def paint(self, painter, canvas):
            self.painted += 1

    tool = Recorder()
    canvas.set_tool(tool)
    canvas.document.set_selection([1])
    click(canvas, screen(canvas, 100005, 500005))
    assert tool.events[0][0] == "press"
    assert tool.events[0][1] == pytest.approx((100005, 500005), abs=canvas.view.mpp)
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.document.selection.tolist() == [1]  # the tool handled Esc
    canvas.update_overlay()
    canvas.repaint()
    assert tool.painted > 0
    canvas.set_tool(None)
    assert isinstance(canvas.tool(), PanTool)
    assert tool.canvas is None
