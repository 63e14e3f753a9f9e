"""Qt paths and point lists from flat numpy coordinate arrays, in one pass each.

The map draws tens of thousands of footprints per frame from the flat vertex arrays of
:class:`~gis_app.core.spatial.GeometryArrays`. Adding them to a ``QPainterPath`` one
``lineTo`` at a time would cost a Python call per vertex; instead the path is read from
the binary form Qt serialises it in (``QDataStream >> QPainterPath``), which numpy
fills in one go. This is the technique of ``pyqtgraph.arrayToQPath``; it lives here so
the map does not import pyqtgraph (about 0.2 s at start, before the first map), which
only the planning charts need.

The stream format (``qpainterpath.cpp``, stable since Qt 4; all big-endian): the number
of elements (int32), then per vertex its type (int32: 0 = moveTo, 1 = lineTo) and x, y
(float64), then the start of the current sub-path (int32) and the fill rule (int32,
0 = odd-even).
"""

from __future__ import annotations

import struct

import numpy as np
import shiboken6
from PySide6.QtCore import QByteArray, QDataStream
from PySide6.QtGui import QPainterPath, QPolygonF

_VERTEX = np.dtype([("c", ">i4"), ("x", ">f8"), ("y", ">f8")])
_HEADER = 4  # element count
_FOOTER = 8  # current sub-path start and fill rule


def path_from_arrays(x: np.ndarray, y: np.ndarray, connect: np.ndarray) -> QPainterPath:
    """A path through the vertices ``(x[i], y[i])`` with the odd-even fill rule.

    ``connect[i]`` (0 or 1) says whether vertex ``i`` is joined to vertex ``i + 1``: a 0
    ends a ring or line part and the next vertex starts a new sub-path (the last value is
    not used). The same convention as ``pyqtgraph.arrayToQPath(..., connect=array)``.
    """
    n = len(x)
    path = QPainterPath()
    if n == 0:
        return path
    path.reserve(n)
    store = QByteArray()
    store.resize(_HEADER + n * _VERTEX.itemsize + _FOOTER)
    store.replace(0, _HEADER, struct.pack(">i", n))
    store.replace(_HEADER + n * _VERTEX.itemsize, _FOOTER, struct.pack(">ii", 0, 0))
    vertices = np.frombuffer(store, dtype=_VERTEX, count=n, offset=_HEADER)
    vertices["x"] = x
    vertices["y"] = y
    vertices["c"][0] = 0
    vertices["c"][1:] = np.asarray(connect)[:-1]
    stream = QDataStream(store)
    stream >> path
    return path


def polygon_from_arrays(x: np.ndarray, y: np.ndarray) -> QPolygonF:
    """The points ``(x[i], y[i])`` as a ``QPolygonF`` (for ``QPainter.drawPoints``),
    written straight into the polygon's memory."""
    n = len(x)
    polygon = QPolygonF()
    polygon.resize(n)
    if n == 0:
        return polygon
    memory = shiboken6.VoidPtr(polygon.data(), n * 16, True)
    points = np.frombuffer(memory, dtype=np.float64).reshape((n, 2))
    points[:, 0] = x
    points[:, 1] = y
    return polygon
