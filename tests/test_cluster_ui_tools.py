"""Drawing and editing clusters on a real MapCanvas with qtbot, and undo/redo round trips."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt
from shapely.geometry import box

from gis_app.core.clusters import membership as M
from gis_app.core.clusters.frames import cluster_frame
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns
from gis_app.ui.clusters.commands import (
    AcceptSuggestionsCommand,
    ClusterFromSelectionCommand,
    DeleteClustersCommand,
    EditClusterGeometryCommand,
    MergeClustersCommand,
    MoveClusterInOrderCommand,
    RecolourClusterCommand,
    RenameClusterCommand,
    SplitClusterCommand,
)
from gis_app.ui.clusters.tools import (
    DrawClusterTool,
    EditClusterTool,
    LassoClusterTool,
    SplitClusterTool,
)
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.canvas import MapCanvas

X0, Y0 = 247000.0, 594000.0


def _buildings():
    # Two streets of 10 terraced houses, 6 m wide, 9 m deep, 40 m apart.
    geoms = [
        box(X0 + i * 6, Y0 + r * 40, X0 + i * 6 + 6, Y0 + r * 40 + 9)
        for r in range(2)
        for i in range(10)
    ]
    frame = gpd.GeoDataFrame(
        {
            "building_id": [f"0024100000{i:06d}" for i in range(len(geoms))],
            "risk_profile": ["verhoogd" if i % 3 == 0 else "normaal" for i in range(len(geoms))],
            "woonplaats": "Loppersum",
        },
        geometry=geoms,
        crs=28992,
    )
    return ensure_building_columns(frame)


@pytest.fixture
def canvas(qtbot):
    document = ProjectDocument(Project(buildings=_buildings()))
    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    canvas.resize(800, 600)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.zoom_to_extent(X0 - 20, Y0 - 20, X0 + 80, Y0 + 70, margin=0.0)
    yield canvas
    canvas.set_tool(None)
    document.undo_stack.cleanChanged.disconnect()


def _px(canvas, x, y) -> QPoint:
    return canvas.map_to_screen(x, y).toPoint()


def _map(canvas, point: QPoint):
    return canvas.screen_to_map(point.toPointF())


def _click(qtbot, canvas, point, button=Qt.MouseButton.LeftButton):
    qtbot.mouseClick(canvas, button, pos=point)


def _state(document):
    clusters = document.project.clusters
    return (
        list(clusters["cluster_id"]),
        list(clusters["name"]),
        list(clusters["color"]),
        [g.wkb for g in clusters.geometry],
        list(M.current_membership(document.project.buildings)),
    )


def test_click_sequence_makes_polygon_with_those_vertices(qtbot, canvas):
    tool = DrawClusterTool()
    canvas.set_tool(tool)
    corners = [(X0 - 5, Y0 - 5), (X0 + 31, Y0 - 5), (X0 + 31, Y0 + 12), (X0 - 5, Y0 + 12)]
    pixels = [_px(canvas, x, y) for x, y in corners]
    for point in pixels[:-1]:
        _click(qtbot, canvas, point)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[-1])
    clusters = canvas.document.project.clusters
    assert len(clusters) == 1
    drawn = np.asarray(clusters.geometry.iloc[0].exterior.coords)[:-1]
    expected = np.asarray([_map(canvas, p) for p in pixels])
    # Same vertices (the ring may be re-oriented by normalisation).
    assert sorted(map(tuple, np.round(drawn, 6))) == sorted(map(tuple, np.round(expected, 6)))
    # Houses 0..4 have their point inside (x 3, 9, ..., 27 < 31); house 5 (x 33) not.
    ids = M.current_membership(canvas.document.project.buildings)
    assert list(ids[:6]) == [clusters["cluster_id"].iloc[0]] * 5 + [""]
    assert not tool.drawing


def test_enter_finishes_escape_cancels_backspace_removes(qtbot, canvas):
    tool = DrawClusterTool()
    canvas.set_tool(tool)
    corners = [(X0 - 5, Y0 - 5), (X0 + 20, Y0 - 5), (X0 + 40, Y0 + 30), (X0 + 20, Y0 + 12)]
    for x, y in corners:
        _click(qtbot, canvas, _px(canvas, x, y))
    assert len(tool.points) == 4
    qtbot.keyClick(canvas, Qt.Key.Key_Backspace)
    assert len(tool.points) == 3
    assert np.allclose(tool.points[-1], _map(canvas, _px(canvas, *corners[2])))
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert tool.points == [] and len(canvas.document.project.clusters) == 0
    assert canvas.document.undo_stack.count() == 0
    # Again, finishing with Enter after removing the odd vertex.
    for x, y in corners:
        _click(qtbot, canvas, _px(canvas, x, y))
    qtbot.keyClick(canvas, Qt.Key.Key_Backspace)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    geometry = canvas.document.project.clusters.geometry.iloc[0]
    assert len(geometry.exterior.coords) == 4  # a triangle
    assert canvas.document.undo_stack.count() == 1


def test_too_few_points_does_nothing(qtbot, canvas):
    tool = DrawClusterTool()
    canvas.set_tool(tool)
    messages = []
    tool.message.connect(messages.append)
    _click(qtbot, canvas, _px(canvas, X0, Y0))
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=_px(canvas, X0 + 20, Y0))
    assert len(canvas.document.project.clusters) == 0 and messages


def test_snapping_to_building_corner(qtbot, canvas):
    tool = DrawClusterTool(snapping=True)
    canvas.set_tool(tool)
    near = _px(canvas, X0 + 6.3, Y0 + 9.2)  # a few pixels from corner (X0+6, Y0+9)
    _click(qtbot, canvas, near)
    assert tool.points[0] == pytest.approx((X0 + 6, Y0 + 9))
    tool.snapping = False
    _click(qtbot, canvas, near)
    assert tool.points[1] != pytest.approx((X0 + 6, Y0 + 9))


def test_lasso_draws_cluster_around_dragged_outline(qtbot, canvas):
    tool = LassoClusterTool()
    canvas.set_tool(tool)
    outline = [(X0 - 4, Y0 - 4), (X0 + 13, Y0 - 4), (X0 + 13, Y0 + 13), (X0 - 4, Y0 + 13)]
    pixels = [_px(canvas, x, y) for x, y in outline]
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=pixels[0])
    for point in [*pixels[1:], pixels[0] + QPoint(3, 0)]:
        qtbot.mouseMove(canvas, point)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=pixels[0] + QPoint(3, 0))
    clusters = canvas.document.project.clusters
    assert len(clusters) == 1
    ids = M.current_membership(canvas.document.project.buildings)
    assert list(np.flatnonzero(ids != "")) == [0, 1]  # houses with points at x 3 and 9


def _one_cluster(canvas, polygon):
    document = canvas.document
    document.project.clusters = cluster_frame(
        [{"cluster_id": "C0001", "name": "Molenweg"}], [polygon]
    )
    M.assign_membership(document.project.buildings, document.project.clusters)
    document.clustersChanged.emit()
    document.set_selected_clusters(["C0001"])
    return document


def test_edit_tool_moves_vertex_and_undo_restores_exactly(qtbot, canvas):
    document = _one_cluster(canvas, box(X0 - 5, Y0 - 5, X0 + 19, Y0 + 12))
    before = _state(document)
    tool = EditClusterTool()
    canvas.set_tool(tool)
    start = _px(canvas, X0 + 19, Y0 + 12)
    end = _px(canvas, X0 + 43, Y0 + 12)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    after = _state(document)
    assert after != before
    assert np.count_nonzero(np.asarray(after[4]) == "C0001") > 3
    document.undo_stack.undo()
    assert _state(document) == before
    document.undo_stack.redo()
    assert _state(document) == after


def test_edit_tool_inserts_and_deletes_vertex(qtbot, canvas):
    document = _one_cluster(canvas, box(X0 - 5, Y0 - 5, X0 + 19, Y0 + 12))
    tool = EditClusterTool()
    canvas.set_tool(tool)
    edge = _px(canvas, X0 + 7, Y0 - 5)  # middle of the bottom edge
    pulled = _px(canvas, X0 + 7, Y0 - 25)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(canvas, pulled)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=pulled)
    geometry = document.project.clusters.geometry.iloc[0]
    assert len(geometry.exterior.coords) == 6
    assert geometry.bounds[1] == pytest.approx(_map(canvas, pulled)[1])
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=pulled)
    assert shapely.equals(
        document.project.clusters.geometry.iloc[0], box(X0 - 5, Y0 - 5, X0 + 19, Y0 + 12)
    )
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert len(document.project.clusters.geometry.iloc[0].exterior.coords) == 6


def test_edit_tool_moves_polygon_and_escape_cancels(qtbot, canvas):
    document = _one_cluster(canvas, box(X0 - 5, Y0 - 5, X0 + 19, Y0 + 12))
    tool = EditClusterTool()
    canvas.set_tool(tool)
    inside = _px(canvas, X0 + 7, Y0 + 3)
    moved = _px(canvas, X0 + 7, Y0 + 43)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=inside)
    qtbot.mouseMove(canvas, moved)
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=moved)
    assert document.undo_stack.count() == 0
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=inside)
    qtbot.mouseMove(canvas, moved)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=moved)
    ids = M.current_membership(document.project.buildings)
    assert list(np.flatnonzero(ids == "C0001")) == [10, 11, 12]  # now on the second street
    document.undo_stack.undo()
    assert list(np.flatnonzero(M.current_membership(document.project.buildings) == "C0001")) == [
        0,
        1,
        2,
    ]


def test_edit_tool_click_selects_cluster(qtbot, canvas):
    document = _one_cluster(canvas, box(X0 - 5, Y0 - 5, X0 + 19, Y0 + 12))
    document.set_selected_clusters([])
    canvas.set_tool(EditClusterTool())
    _click(qtbot, canvas, _px(canvas, X0 + 7, Y0 + 3))
    assert document.selected_cluster_ids == ["C0001"]
    _click(qtbot, canvas, _px(canvas, X0 + 70, Y0 + 60))
    assert document.selected_cluster_ids == []


def test_split_tool_cuts_selected_cluster(qtbot, canvas):
    document = _one_cluster(canvas, box(X0 - 5, Y0 - 5, X0 + 61, Y0 + 12))
    canvas.set_tool(SplitClusterTool())
    _click(qtbot, canvas, _px(canvas, X0 + 24, Y0 - 10))
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=_px(canvas, X0 + 24, Y0 + 20))
    clusters = document.project.clusters
    assert len(clusters) == 2
    ids = M.current_membership(document.project.buildings)[:10]
    assert len(set(ids)) == 2 and list(ids).count("C0001") == 6
    document.undo_stack.undo()
    assert len(document.project.clusters) == 1
    assert list(M.current_membership(document.project.buildings)[:10]) == ["C0001"] * 10


def test_undo_redo_round_trips_for_every_command(qtbot, canvas):
    document = canvas.document
    stack = document.undo_stack
    states = [_state(document)]
    commands = [
        lambda: ClusterFromSelectionCommand(document, [0, 1, 2, 10]),
        lambda: ClusterFromSelectionCommand(document, [5, 6, 7]),
        lambda: RenameClusterCommand(document, "C0001", "Molenweg"),
        lambda: RecolourClusterCommand(document, "C0001", "#123456"),
        lambda: EditClusterGeometryCommand(
            document,
            "C0002",
            shapely.affinity.translate(
                document.project.clusters.set_index("cluster_id").geometry["C0002"], 6
            ),
        ),
        lambda: MoveClusterInOrderCommand(document, "C0002", 1),  # new clusters come first
        lambda: SplitClusterCommand(
            document, "C0002", shapely.LineString([(X0 + 48, Y0 - 20), (X0 + 48, Y0 + 30)])
        ),
        lambda: MergeClustersCommand(document, ["C0001", "C0003"]),
        lambda: DeleteClustersCommand(document, ["C0002"]),
    ]
    for make in commands:
        stack.push(make())
        states.append(_state(document))
        assert list(M.current_membership(document.project.buildings)) == list(
            M.compute_membership(document.project.buildings, document.project.clusters)
        )
    assert len({repr(s) for s in states}) == len(states)  # every command changed something
    for expected in reversed(states[:-1]):
        stack.undo()
        assert _state(document) == expected
    for expected in states[1:]:
        stack.redo()
        assert _state(document) == expected


def test_accepting_suggestions_is_one_undo_step(qtbot, canvas):
    from gis_app.core.clusters.accept import add_suggestions

    document = canvas.document
    before = _state(document)
    suggestion = add_suggestions(
        document.project.buildings, document.project.clusters, max_buildings=5
    )
    document.undo_stack.push(AcceptSuggestionsCommand(document, suggestion))
    assert document.undo_stack.count() == 1
    assert len(document.project.clusters) == 4
    assert (M.current_membership(document.project.buildings) != "").all()
    document.undo_stack.undo()
    assert _state(document) == before


def test_overlays_paint_while_drawing_and_editing(qtbot, canvas):
    """Rubber bands and vertex handles are drawn on top of the map (pixels change)."""
    canvas.render_now()
    tool = DrawClusterTool(snapping=True)
    canvas.set_tool(tool)
    before = canvas.grab().toImage()
    for x, y in [(X0 - 5, Y0 - 5), (X0 + 31, Y0 - 5)]:
        _click(qtbot, canvas, _px(canvas, x, y))
    qtbot.mouseMove(canvas, _px(canvas, X0 + 31, Y0 + 30))
    drawing = canvas.grab().toImage()
    assert drawing != before
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    document = _one_cluster(canvas, box(X0 - 5, Y0 - 5, X0 + 19, Y0 + 12))
    canvas.set_tool(EditClusterTool())
    qtbot.mouseMove(canvas, _px(canvas, X0 + 19, Y0 + 12))
    assert canvas.grab().toImage() != before
    canvas.set_tool(SplitClusterTool())
    _click(qtbot, canvas, _px(canvas, X0, Y0 - 10))
    qtbot.mouseMove(canvas, _px(canvas, X0, Y0 + 20))
    canvas.grab()
    assert document.undo_stack.count() == 0
