"""The layer model, background layers from files, the legend and the flat geometry arrays."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QColor
from test_map_support import grid_buildings, grid_canvas, project_with

from gis_app.core.errors import InputError, MissingCrsError
from gis_app.core.spatial import GeometryArrays, read_vector_layer
from gis_app.core.styling import RISK_COLORS, StyleSpec
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.layers import LAYER_BUILDINGS, LAYER_CLUSTERS, LAYER_PACKAGES, LayerStack
from gis_app.ui.map.legend import LegendWidget
from gis_app.ui.map.renderer import BACKGROUND


@pytest.fixture
def canvas(qtbot):
    return grid_canvas(qtbot)


def write_water(path, crs="EPSG:4326"):
    """A polygon covering the gap between the buildings at (100015..100025, 500015..500025)."""
    rd = gpd.GeoSeries([shapely.box(100013, 500013, 100027, 500027)], crs="EPSG:28992")
    frame = gpd.GeoDataFrame({"naam": ["sloot"]}, geometry=rd.to_crs(crs) if crs else rd)
    if crs is None:
        frame = frame.set_crs(None, allow_override=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "crs was not provided": intended here
        frame.to_file(path, driver="GPKG", layer="water")
    return path


def test_default_layers_and_order(canvas):
    ids = [layer.id for layer in canvas.layers.layers()]
    assert ids == [LAYER_BUILDINGS, LAYER_PACKAGES, LAYER_CLUSTERS]
    assert canvas.layers.buildings.feature_count == 12
    assert canvas.layers.packages.feature_count == 0  # empty until packages exist


def test_background_layer_from_wgs84_file_is_drawn_in_rd(canvas, tmp_path, qtbot):
    path = write_water(tmp_path / "water.gpkg")
    with qtbot.waitSignal(canvas.layers.layersChanged):
        layer = canvas.layers.add_vector_file(path)
    assert layer.kind == "vector" and layer.feature_count == 1
    xmin, ymin, xmax, ymax = layer.extent()
    assert xmin == pytest.approx(100013, abs=0.01) and ymax == pytest.approx(500027, abs=0.01)
    # below the buildings by default
    ids = [item.id for item in canvas.layers.layers()]
    assert ids.index(layer.id) < ids.index(LAYER_BUILDINGS)
    image = canvas.render_now()
    point = canvas.map_to_screen(100020, 500020)
    shown = QColor(image.pixel(int(point.x()), int(point.y())))
    assert shown.name() != QColor(BACKGROUND).name()
    # hidden: background again
    canvas.layers.set_visible(layer.id, False)
    image = canvas.render_now()
    assert QColor(image.pixel(int(point.x()), int(point.y()))).name() == QColor(BACKGROUND).name()


def test_layer_opacity_blends_with_background(canvas, tmp_path):
    layer = canvas.layers.add_vector_file(write_water(tmp_path / "water.gpkg"))
    canvas.layers.set_layer_style(layer.id, fill="#000000", fill_alpha=255, stroke="")
    point = canvas.map_to_screen(100020, 500020)
    opaque = QColor(canvas.render_now().pixel(int(point.x()), int(point.y())))
    canvas.layers.set_opacity(layer.id, 0.5)
    half = QColor(canvas.render_now().pixel(int(point.x()), int(point.y())))
    assert opaque.lightness() < 5
    assert 100 < half.lightness() < 150


def test_layer_order_decides_what_is_on_top(canvas, tmp_path):
    layer = canvas.layers.add_vector_file(write_water(tmp_path / "water.gpkg"))
    canvas.layers.set_layer_style(layer.id, fill="#000000", fill_alpha=255, stroke="")
    # cover building 5 (100030..100040, 500030..500040) too
    big = shapely.box(100013, 500013, 100045, 500045)
    layer.arrays = GeometryArrays([big])
    point = canvas.map_to_screen(100035, 500035)
    below = QColor(canvas.render_now().pixel(int(point.x()), int(point.y())))
    assert below.name() == RISK_COLORS["licht verhoogd"]  # building 5 on top
    canvas.layers.move_layer(layer.id, len(canvas.layers.layers()) - 1)
    above = QColor(canvas.render_now().pixel(int(point.x()), int(point.y())))
    assert above.name() == "#000000"


def test_file_without_crs_or_unreadable_is_a_user_error(tmp_path):
    path = write_water(tmp_path / "nocrs.gpkg", crs=None)
    with pytest.raises(MissingCrsError) as info:
        read_vector_layer(path)
    assert info.value.path == str(path)
    bad = tmp_path / "kapot.gpkg"
    bad.write_text("geen geopackage")
    with pytest.raises(InputError):
        read_vector_layer(bad)
    with pytest.raises(InputError):
        read_vector_layer(tmp_path / "bestaat_niet.shp")


def test_remove_and_settings_round_trip(canvas, tmp_path):
    path = write_water(tmp_path / "water.gpkg")
    layer = canvas.layers.add_vector_file(path, name="Water")
    canvas.layers.set_opacity(layer.id, 0.4)
    canvas.layers.set_visible(LAYER_CLUSTERS, False)
    canvas.layers.set_building_style(StyleSpec(kind="graduated", column="lpr"))
    settings = canvas.layers.to_settings()
    with pytest.raises(ValueError):
        canvas.layers.remove_layer(LAYER_BUILDINGS)
    canvas.layers.remove_layer(layer.id)
    assert layer.id not in [item.id for item in canvas.layers.layers()]

    other = LayerStack(ProjectDocument(project_with(grid_buildings())))
    errors = other.apply_settings(settings)
    assert errors == []
    restored = [item for item in other.layers() if item.kind == "vector"]
    assert [item.name for item in restored] == ["Water"]
    assert restored[0].opacity == pytest.approx(0.4)
    assert not other.clusters.visible
    assert other.building_style.kind == "graduated"


def test_legend_matches_the_style(canvas, qtbot, tmp_path):
    legend = LegendWidget(canvas.layers)
    qtbot.addWidget(legend)
    labels = [text for text, _ in legend.entries]
    assert labels[:4] == ["verhoogd (3)", "licht verhoogd (3)", "normaal (3)", "onbekend (3)"]
    assert [colour for _, colour in legend.entries[:4]] == [
        RISK_COLORS[p] for p in ("verhoogd", "licht verhoogd", "normaal", "onbekend")
    ]
    canvas.layers.set_building_style(
        StyleSpec(kind="graduated", column="lpr", method="equal", classes=3)
    )
    assert len(legend.entries) == 3
    assert [c for _, c in legend.entries] == [e.color for e in canvas.layers.style_result.legend]
    canvas.layers.add_vector_file(write_water(tmp_path / "water.gpkg"), name="Water")
    assert legend.entries[-1][0] == "Water"


def test_project_replaced_rebuilds_layers_and_view(canvas, qtbot):
    new = grid_buildings(2, 2)
    new["geometry"] = new.geometry.translate(5000, 5000)
    with qtbot.waitSignal(canvas.layers.layerDataChanged):
        canvas.document.replace_project(project_with(new))
    assert canvas.layers.buildings.feature_count == 4
    xmin, ymin, xmax, ymax = canvas.extent()
    assert xmin < 105005 < xmax and ymin < 505005 < ymax


# --- flat geometry arrays -------------------------------------------------------------------


def test_arrays_keep_holes_and_parts_as_separate_rings():
    holed = shapely.box(0, 0, 10, 10).difference(shapely.box(2, 2, 4, 4))
    multi = shapely.MultiPolygon([shapely.box(20, 0, 30, 10), shapely.box(40, 0, 50, 10)])
    arrays = GeometryArrays([shapely.box(0, 20, 5, 25), holed, None, multi])
    assert arrays.coord_offsets.tolist() == [0, 5, 15, 15, 25]
    assert np.flatnonzero(arrays.ring_start).tolist() == [0, 5, 10, 15, 20]
    coords, starts = arrays.gather(np.array([3, 1]))
    assert len(coords) == 20 and np.flatnonzero(starts).tolist() == [0, 5, 10, 15]
    assert coords[0].tolist() == list(shapely.get_coordinates(multi)[0])


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1000), st.floats(0, 1000), st.floats(0.1, 80), st.floats(0.1, 80)),
        min_size=1,
        max_size=80,
    ),
    st.tuples(st.floats(-50, 1000), st.floats(-50, 1000), st.floats(1, 600), st.floats(1, 600)),
)
def test_bbox_rows_equals_brute_force(boxes, window):
    geoms = [shapely.box(x, y, x + w, y + h) for x, y, w, h in boxes]
    arrays = GeometryArrays(geoms)
    x, y, w, h = window
    got = arrays.bbox_rows(x, y, x + w, y + h)
    expected = np.flatnonzero(shapely.intersects(np.array(geoms), shapely.box(x, y, x + w, y + h)))
    assert got.tolist() == expected.tolist()


def test_a_window_query_arriving_while_the_index_is_built_sees_a_whole_index(monkeypatch):
    """The renderer's worker and the UI thread may ask for the first window at once. The
    second one, arriving while the first builds the x index, used to find the index's
    guard set but its width not yet (AttributeError at 3,000,000 buildings). Here the
    second query arrives inside the first one's build, deterministically."""
    geoms = [shapely.box(i * 10, 0, i * 10 + 5, 5) for i in range(50)]
    arrays = GeometryArrays(geoms)
    real_nanmax = np.nanmax
    inner: list = []
    asked: list = []

    def nanmax_with_a_second_query(values, *args, **kwargs):
        if not asked:  # the other thread's query, in the middle of this build
            asked.append(True)
            inner.append(arrays.bbox_rows(0, 0, 100, 10).tolist())
        return real_nanmax(values, *args, **kwargs)

    monkeypatch.setattr(np, "nanmax", nanmax_with_a_second_query)
    outer = arrays.bbox_rows(0, 0, 100, 10).tolist()
    assert inner == [list(range(11))]  # boxes 0..10 (box 10 touches x = 100)
    assert outer == list(range(11))


def test_point_and_line_layers(tmp_path, qtbot, canvas):
    lines = gpd.GeoDataFrame(
        {"naam": ["weg"]},
        geometry=[shapely.LineString([(99990, 500020), (100110, 500020)])],
        crs="EPSG:28992",
    )
    points = gpd.GeoDataFrame(
        {"naam": ["put"]}, geometry=[shapely.Point(100020, 500050)], crs="EPSG:28992"
    )
    lines.to_file(tmp_path / "wegen.gpkg", driver="GPKG")
    points.to_file(tmp_path / "putten.gpkg", driver="GPKG")
    road = canvas.layers.add_vector_file(tmp_path / "wegen.gpkg")
    well = canvas.layers.add_vector_file(tmp_path / "putten.gpkg")
    assert road.arrays.kind == "line" and well.arrays.kind == "point"
    canvas.layers.set_layer_style(road.id, stroke="#000000", width=3)
    canvas.layers.set_layer_style(well.id, stroke="#000000", width=2)
    image = canvas.render_now()
    on_road = canvas.map_to_screen(100020, 500020)
    on_well = canvas.map_to_screen(100020, 500050)
    assert QColor(image.pixel(int(on_road.x()), int(on_road.y()))).lightness() < 60
    assert QColor(image.pixel(int(on_well.x()), int(on_well.y()))).lightness() < 60


def test_a_new_project_rebuilds_the_legend_and_the_layer_list_once(canvas, qtbot):
    """A new project changes every layer and the style; the legend and the layer list,
    which rebuild from the whole stack, do it once at the end instead of per signal."""
    from gis_app.ui.panels.layers_panel import LayersPanel

    legend = LegendWidget(canvas.layers)
    panel = LayersPanel(canvas.layers)
    qtbot.addWidget(legend)
    qtbot.addWidget(panel)
    rebuilds, refreshes, signals = [], [], []
    legend.rebuild = lambda *a: rebuilds.append(1) or LegendWidget.rebuild(legend)
    panel.refresh = lambda: refreshes.append(1) or LayersPanel.refresh(panel)
    canvas.layers.layerDataChanged.connect(signals.append)
    new = grid_buildings(2, 2)
    canvas.document.replace_project(project_with(new))
    assert len(signals) == 3  # buildings, packages, clusters: emitted as always
    assert rebuilds == [1] and refreshes == [1]
    counts = [int(text.rsplit("(", 1)[1].rstrip(")")) for text, _ in legend.entries[:4]]
    assert sum(counts) == 4  # the new project's buildings
    canvas.layers.set_opacity("buildings", 0.5)  # a single change: at once, as before
    assert rebuilds == [1, 1] and refreshes == [1, 1]
