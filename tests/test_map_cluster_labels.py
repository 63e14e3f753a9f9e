"""Cluster names on the map: drawn when zoomed in, with a halo, not when zoomed out."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor
from test_map_support import grid_canvas

from gis_app.ui.map.layers import LAYER_BUILDINGS, LAYER_CLUSTERS
from gis_app.ui.map.renderer import CLUSTER_LABEL_MAX_SCALE, image_array


def _clusters(name: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"cluster_id": ["c1", "c2"], "name": [name, ""], "color": ["#0072b2", "#009e73"]},
        geometry=[
            shapely.box(99995.0, 499995.0, 100100.0, 500070.0),
            shapely.box(110000.0, 510000.0, 110050.0, 510050.0),  # far away, off screen
        ],
        crs="EPSG:28992",
    )


@pytest.fixture
def canvas(qtbot):
    canvas = grid_canvas(qtbot, _clusters("Wijk Noord"))
    canvas.layers.set_visible(LAYER_BUILDINGS, False)  # only the cluster and its name
    return canvas


def _rgb(image) -> np.ndarray:
    """(h, w, 3) int array of an ARGB32 image (opaque map images)."""
    argb = image_array(image).astype(np.int64)
    return np.stack([(argb >> 16) & 255, (argb >> 8) & 255, argb & 255], axis=-1)


def _dark_pixels(image) -> int:
    return int((_rgb(image).sum(axis=-1) < 150).sum())


def test_names_fall_back_to_the_id(canvas):
    assert list(canvas.layers.cluster_names) == ["Wijk Noord", "c2"]


def test_cluster_name_is_drawn_when_zoomed_in(canvas):
    request = canvas.render_request()
    snapshot = next(
        s
        for s in request.layers
        if s.arrays is canvas.layers.clusters.arrays and s.part != "fill"  # not the tint
    )
    assert list(snapshot.labels) == ["Wijk Noord", "c2"]
    with_name = canvas.render_now()
    # dark text inside the cluster's light fill: the name
    assert _dark_pixels(with_name) > 40
    canvas.layers.set_visible(LAYER_CLUSTERS, False)
    assert _dark_pixels(canvas.render_now()) == 0


def test_no_names_when_zoomed_out(canvas):
    canvas.set_scale(CLUSTER_LABEL_MAX_SCALE * 4)
    request = canvas.render_request()
    snapshot = next(
        s
        for s in request.layers
        if s.arrays is canvas.layers.clusters.arrays and s.part != "fill"  # not the tint
    )
    assert snapshot.labels is None
    assert _dark_pixels(canvas.render_now()) == 0


def test_name_has_a_white_halo(canvas):
    image = _rgb(canvas.render_now())
    dark = image.sum(axis=-1) < 150
    ys, xs = np.nonzero(dark)
    # around the text (a few pixels out) there is near-white halo, lighter than the fill
    fill = QColor("#0072b2")
    halo = image[ys.min() - 1 : ys.max() + 2, xs.min() - 1 : xs.max() + 2]
    whitish = (halo.min(axis=-1) > 220).sum()
    assert whitish > 20
    assert fill.red() < 220  # the fill alone would not pass as white
