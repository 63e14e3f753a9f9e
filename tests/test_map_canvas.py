"""The map canvas renders known buildings in the right colours at the right places."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from test_map_support import centre, grid_buildings, grid_canvas, project_with

from gis_app.core.styling import RISK_COLORS, StyleSpec, cluster_outline
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.canvas import MapCanvas
from gis_app.ui.map.renderer import BACKGROUND, LOD_PIXELS, SELECTION_COLOR


def rgb(image, point: QPointF) -> str:
    return QColor(image.pixel(int(point.x()), int(point.y()))).name()


@pytest.fixture
def canvas(qtbot):
    return grid_canvas(qtbot, show=True)


def assert_buildings_coloured(canvas, image):
    frame = canvas.document.project.buildings
    for row in range(len(frame)):
        point = canvas.map_to_screen(*centre(frame, row))
        if not (0 <= point.x() < image.width() and 0 <= point.y() < image.height()):
            continue
        expected = RISK_COLORS[frame["risk_profile"].iloc[row]]
        assert rgb(image, point) == expected, (row, frame["risk_profile"].iloc[row])


def test_known_buildings_show_their_risk_colour_and_empty_spots_the_background(canvas):
    image = canvas.render_now()
    assert canvas.last_render_stats["polygons"] == 12  # drawn as polygons at this scale
    assert canvas.last_render_stats["visible"] == 12
    assert_buildings_coloured(canvas, image)
    gap = canvas.map_to_screen(100020.0, 500020.0)  # between four buildings
    assert rgb(image, gap) == QColor(BACKGROUND).name()
    verhoogd = canvas.map_to_screen(100005.0, 500005.0)
    assert rgb(image, verhoogd) == RISK_COLORS["verhoogd"]


def test_colours_follow_pan_and_zoom(canvas):
    canvas.pan_pixels(37, -21)
    image = canvas.render_now()
    assert_buildings_coloured(canvas, image)
    canvas.zoom_by(1.7, anchor=QPointF(120, 90))
    image = canvas.render_now()
    assert_buildings_coloured(canvas, image)
    gap = canvas.map_to_screen(100050.0, 500050.0)
    if 0 <= gap.x() < 400 and 0 <= gap.y() < 300:
        assert rgb(image, gap) == QColor(BACKGROUND).name()


def test_far_zoom_rasterises_buildings_with_their_colour(canvas):
    # 10 m buildings at 5 m/px are 2 px: the level-of-detail raster path draws them
    canvas.view.set_state(100050.0, 500040.0, 5.0)
    image = canvas.render_now()
    assert LOD_PIXELS > 10.0 / 5.0
    assert canvas.last_render_stats["rasterised"] == 12
    assert_buildings_coloured(canvas, image)
    empty = canvas.map_to_screen(100050.0, 500300.0)
    assert rgb(image, empty) == QColor(BACKGROUND).name()


def test_middle_zoom_draws_uncached_polygons_in_their_colour(canvas):
    # 10 m buildings at 2 m/px: 5 px polygons, drawn without the tile cache
    canvas.view.set_state(100050.0, 500040.0, 2.0)
    image = canvas.render_now()
    assert canvas.last_render_stats["polygons"] == 12
    assert "tiles" not in canvas.last_render_stats
    assert_buildings_coloured(canvas, image)


def test_tile_cache_follows_restyle(canvas):
    canvas.render_now()
    assert canvas.last_render_stats["tiles"] >= 1  # zoomed in: cached tile paths
    canvas.layers.set_building_style(StyleSpec(colors=(("verhoogd", "#112233"),)))
    image = canvas.render_now()
    frame = canvas.document.project.buildings
    assert rgb(image, canvas.map_to_screen(*centre(frame, 0))) == "#112233"


def test_hole_shows_background(qtbot):
    outer = shapely.box(0, 0, 40, 40).difference(shapely.box(10, 10, 30, 30))
    buildings = grid_buildings(1, 1)
    buildings.loc[0, "geometry"] = outer
    document = ProjectDocument(project_with(buildings))
    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    canvas.resize(300, 300)
    canvas.zoom_to_extent(-5, -5, 45, 45, margin=0)
    image = canvas.render_now()
    assert rgb(image, canvas.map_to_screen(20, 20)) == QColor(BACKGROUND).name()
    assert rgb(image, canvas.map_to_screen(5, 20)) == RISK_COLORS["verhoogd"]


def test_selected_building_is_highlighted(canvas):
    frame = canvas.document.project.buildings
    own = rgb(canvas.render_now(), canvas.map_to_screen(*centre(frame, 1)))
    canvas.document.set_selection([1])
    image = canvas.render_now()
    # a halo around the building: its own (risk) colour stays visible inside
    assert rgb(image, canvas.map_to_screen(*centre(frame, 1))) == own
    assert rgb(image, canvas.map_to_screen(*centre(frame, 0))) == RISK_COLORS["verhoogd"]
    xmin, ymin, xmax, ymax = frame.geometry.iloc[1].bounds
    edge = canvas.map_to_screen(xmax, (ymin + ymax) / 2)
    outside = [rgb(image, QPointF(edge.x() + dx, edge.y())) for dx in (0, 1, 2)]
    assert SELECTION_COLOR in outside


def test_background_render_delivers_the_image(canvas, qtbot):
    with qtbot.waitSignal(canvas.renderFinished, timeout=5000):
        canvas.pan_pixels(10, 0)
    image = canvas.map_image()
    assert image is not None
    assert_buildings_coloured(canvas, image)


def test_attribute_change_recolours_without_rebuilding_geometry(canvas):
    arrays_before = canvas.layers.buildings.arrays
    frame = canvas.document.project.buildings
    frame.loc[frame.index[3], "risk_profile"] = "verhoogd"
    canvas.document.buildingAttributesChanged.emit(["risk_profile"])
    image = canvas.render_now()
    assert canvas.layers.buildings.arrays is arrays_before
    assert rgb(image, canvas.map_to_screen(*centre(frame, 3))) == RISK_COLORS["verhoogd"]


def test_graduated_style_changes_the_map(canvas):
    canvas.layers.set_building_style(
        StyleSpec(kind="graduated", column="lpr", method="equal", classes=3)
    )
    image = canvas.render_now()
    frame = canvas.document.project.buildings
    legend = canvas.layers.style_result.legend
    first, last = legend[0].color, legend[2].color
    assert rgb(image, canvas.map_to_screen(*centre(frame, 0))) == first  # lowest LPR
    assert rgb(image, canvas.map_to_screen(*centre(frame, 11))) == last  # highest LPR


def test_cluster_outline_in_its_colour(qtbot):
    import geopandas as gpd

    buildings = grid_buildings()
    clusters = gpd.GeoDataFrame(
        {"cluster_id": ["c1"], "name": ["Noord"], "color": ["#0072b2"]},
        geometry=[shapely.box(99995, 499995, 100045, 500045)],
        crs="EPSG:28992",
    )
    document = ProjectDocument(project_with(buildings, clusters))
    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    canvas.zoom_to_extent(99990.0, 499990.0, 100110.0, 500080.0)
    image = canvas.render_now()
    edge = canvas.map_to_screen(100020.0, 500045.0)  # top edge, between buildings
    near = [
        QColor(image.pixel(int(edge.x()) + dx, int(edge.y()) + dy))
        for dx in (-1, 0, 1)
        for dy in (-2, -1, 0, 1, 2)
    ]
    r, g, b, _ = cluster_outline("#0072b2")  # the cluster's colour, calmed towards grey
    distance = min(abs(c.red() - r) + abs(c.green() - g) + abs(c.blue() - b) for c in near)
    assert distance < 12  # antialiased 2 px line: at least one pixel fully covered
    inside = canvas.map_to_screen(100020.0, 500020.0)  # light fill, not the background
    assert rgb(image, inside) != QColor(BACKGROUND).name()
    assert canvas.cluster_at(100020.0, 500020.0) == "c1"
    assert canvas.cluster_at(100200.0, 500200.0) is None


def test_labels_drawn_only_when_zoomed_in(canvas):
    canvas.layers.set_building_style(StyleSpec(labels="building_id", outline=False))
    canvas.view.set_state(100005.0, 500005.0, 0.05)  # about 1:190
    with_labels = canvas.render_now()
    canvas.layers.set_building_style(StyleSpec(labels="", outline=False))
    without = canvas.render_now()
    a = np.frombuffer(bytes(with_labels.constBits()), dtype=np.uint32)
    b = np.frombuffer(bytes(without.constBits()), dtype=np.uint32)
    assert (a != b).sum() > 50  # text pixels
    canvas.layers.set_building_style(StyleSpec(labels="building_id", outline=False))
    canvas.view.set_state(100005.0, 500005.0, 2.0)  # about 1:7,500: no labels
    far_with = canvas.render_now()
    canvas.layers.set_building_style(StyleSpec(labels="", outline=False))
    far_without = canvas.render_now()
    assert bytes(far_with.constBits()) == bytes(far_without.constBits())


def test_decorations_are_painted(canvas, qtbot):
    canvas.render_now()
    shot = canvas.grab().toImage()
    canvas.show_decorations = False
    plain = canvas.grab().toImage()
    # the scale bar sits bottom-left, the north arrow top-right
    assert QColor(shot.pixel(30, 300 - 20)).name() != QColor(
        plain.pixel(30, 300 - 20)
    ).name() or any(QColor(shot.pixel(x, 300 - 20)).lightness() < 80 for x in range(18, 80))
    assert any(QColor(shot.pixel(400 - 25, y)).lightness() < 80 for y in range(20, 60))
    assert not any(QColor(plain.pixel(400 - 25, y)).lightness() < 80 for y in range(20, 60))


def test_scale_denominator_uses_dpi(canvas):
    canvas.view.set_state(100000.0, 500000.0, 1.0)
    assert canvas.scale_denominator() == pytest.approx(canvas.dpi() / 0.0254)
    canvas.set_scale(5000)
    assert canvas.scale_denominator() == pytest.approx(5000)


def test_wheel_zoom_keeps_point_under_cursor(canvas, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    anchor = QPointF(300, 80)
    before = canvas.screen_to_map(anchor)
    mpp = canvas.view.mpp
    event = QWheelEvent(
        anchor,
        canvas.mapToGlobal(anchor),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)
    assert canvas.view.mpp < mpp
    after = canvas.screen_to_map(anchor)
    assert after == pytest.approx(before, abs=1e-6)


def test_keys_pan_and_zoom(canvas, qtbot):
    cx, cy, mpp = canvas.view.cx, canvas.view.cy, canvas.view.mpp
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.view.cx > cx and canvas.view.cy == pytest.approx(cy)
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    assert canvas.view.cy > cy
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.view.mpp == pytest.approx(mpp / 2)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.view.mpp == pytest.approx(mpp)


def test_previous_and_next_view(canvas):
    first = canvas.extent()
    canvas.zoom_to_extent(100000, 500000, 100010, 500010)
    second = canvas.extent()
    canvas.pan_pixels(50, 0)
    third = canvas.extent()
    assert canvas.previous_view()
    assert canvas.extent() == pytest.approx(second)
    assert canvas.previous_view()
    assert canvas.extent() == pytest.approx(first)
    assert canvas.next_view()
    assert canvas.next_view()
    assert canvas.extent() == pytest.approx(third)
    assert not canvas.next_view()


def test_zoom_to_selection_and_full(canvas):
    frame = canvas.document.project.buildings
    canvas.document.set_selection([11])
    canvas.zoom_to_selection()
    xmin, ymin, xmax, ymax = canvas.extent()
    x, y = centre(frame, 11)
    assert xmin < x < xmax and ymin < y < ymax
    assert xmax - xmin < 200  # zoomed in on it
    canvas.zoom_full()
    xmin, ymin, xmax, ymax = canvas.extent()
    bxmin, bymin, bxmax, bymax = frame.total_bounds
    assert xmin <= bxmin and ymin <= bymin and xmax >= bxmax and ymax >= bymax


def test_pan_moves_last_image_before_new_render(canvas, qtbot):
    """While a new frame renders, the old one is drawn shifted to where it belongs."""
    canvas.render_now()
    frame = canvas.document.project.buildings
    canvas.pan_pixels(40, 0, record=False)  # no render_now: the old image is shown moved
    shot = canvas.grab().toImage()
    point = canvas.map_to_screen(*centre(frame, 0))
    assert QColor(shot.pixel(int(point.x()), int(point.y()))).name() == RISK_COLORS["verhoogd"]
