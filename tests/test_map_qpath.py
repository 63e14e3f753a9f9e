"""The map's paths and point lists from numpy arrays equal pyqtgraph's (the technique
they take from it), so the map draws the same without importing pyqtgraph."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QPainterPath

from gis_app.ui.map.qpath import path_from_arrays, polygon_from_arrays


@pytest.mark.parametrize("n", [1, 2, 5, 1000])
def test_a_path_equals_pyqtgraphs_with_the_same_connections(qapp, n):
    rng = np.random.default_rng(n)
    x, y = rng.normal(size=n) * 1e5, rng.normal(size=n) * 1e5
    connect = (rng.random(n) > 0.2).astype(np.int32)
    ours = path_from_arrays(x, y, connect)
    theirs = pg.arrayToQPath(x, y, connect=connect, finiteCheck=False)
    assert ours == theirs
    assert ours.elementCount() == n
    assert ours.fillRule() == theirs.fillRule()
    for i in range(n):  # every vertex where it was given, moveTo where a ring ends
        element = ours.elementAt(i)
        assert (element.x, element.y) == (x[i], y[i])
        starts = i == 0 or connect[i - 1] == 0
        assert element.isMoveTo() == starts


def test_two_rings_make_a_hole_with_the_odd_even_rule(qapp):
    outer = np.array([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], dtype=float)
    inner = np.array([[3, 3], [7, 3], [7, 7], [3, 7], [3, 3]], dtype=float)
    coords = np.vstack([outer, inner])
    connect = np.ones(len(coords), dtype=np.int32)
    connect[len(outer) - 1] = 0
    path = path_from_arrays(coords[:, 0], coords[:, 1], connect)
    assert path.contains(pg.QtCore.QPointF(1, 1))
    assert not path.contains(pg.QtCore.QPointF(5, 5))


def test_no_vertices_give_an_empty_path_and_polygon(qapp):
    empty = np.empty(0)
    assert path_from_arrays(empty, empty, empty.astype(np.int32)) == QPainterPath()
    assert polygon_from_arrays(empty, empty).size() == 0


def test_a_point_list_equals_pyqtgraphs(qapp):
    rng = np.random.default_rng(7)
    x, y = rng.random(500), rng.random(500)
    polygon = polygon_from_arrays(x, y)
    assert polygon == pg.functions.arrayToQPolygonF(x, y)
    assert (polygon.at(499).x(), polygon.at(499).y()) == (x[499], y[499])
