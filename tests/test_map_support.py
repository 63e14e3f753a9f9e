"""Small known data sets and event helpers shared by the map tests (no tests here)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns, ensure_cluster_columns
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.canvas import MapCanvas

#: 4 x 3 grid of 10 m squares, 30 m apart, origin (100000, 500000); profiles cycle.
ORIGIN = (100000.0, 500000.0)
PROFILES = ("verhoogd", "licht verhoogd", "normaal", "onbekend")


def grid_buildings(nx: int = 4, ny: int = 3, size: float = 10.0, spacing: float = 30.0):
    x0, y0 = ORIGIN
    geoms, ids, profiles, lpr = [], [], [], []
    for j in range(ny):
        for i in range(nx):
            k = j * nx + i
            x, y = x0 + i * spacing, y0 + j * spacing
            geoms.append(shapely.box(x, y, x + size, y + size))
            ids.append(f"0003100000{k:06d}")
            profiles.append(PROFILES[k % len(PROFILES)])
            lpr.append(10.0 ** (-7 + k * 0.25))
    frame = gpd.GeoDataFrame(
        {
            "building_id": ids,
            "risk_profile": profiles,
            "lpr": lpr,
            "address": [f"Dorpsstraat {k + 1}" for k in range(len(ids))],
        },
        geometry=geoms,
        crs="EPSG:28992",
    )
    return ensure_building_columns(frame)


def centre(frame, row: int) -> tuple[float, float]:
    c = frame.geometry.iloc[row].centroid
    return c.x, c.y


def project_with(buildings, clusters=None) -> Project:
    project = Project(buildings=buildings)
    if clusters is not None:
        project.clusters = ensure_cluster_columns(clusters)
    return project


def grid_canvas(qtbot, clusters=None, *, show: bool = False) -> MapCanvas:
    """A 400 x 300 canvas on the grid buildings (and ``clusters``), zoomed to the grid;
    ``show`` maps the window first (for tests that need real paint or mouse events)."""
    canvas = MapCanvas(ProjectDocument(project_with(grid_buildings(), clusters)))
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    if show:
        canvas.show()
        qtbot.waitExposed(canvas)
    canvas.zoom_to_extent(99990.0, 499990.0, 100110.0, 500080.0)
    return canvas


def send_mouse(
    widget,
    kind,
    pos,
    button=Qt.MouseButton.LeftButton,
    buttons=None,
    modifiers=Qt.KeyboardModifier.NoModifier,
):
    """Deliver a mouse event with explicit button state (QTest's move events carry none)."""
    types = {
        "press": QEvent.Type.MouseButtonPress,
        "move": QEvent.Type.MouseMove,
        "release": QEvent.Type.MouseButtonRelease,
        "double": QEvent.Type.MouseButtonDblClick,
    }
    if buttons is None:
        buttons = button if kind in ("press", "move", "double") else Qt.MouseButton.NoButton
    if kind == "move" and button != Qt.MouseButton.NoButton and buttons == button:
        event_button = Qt.MouseButton.NoButton
    else:
        event_button = button
    pos = QPointF(pos)
    event = QMouseEvent(types[kind], pos, widget.mapToGlobal(pos), event_button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(widget, start, end, modifiers=Qt.KeyboardModifier.NoModifier, steps: int = 5):
    send_mouse(widget, "press", start, modifiers=modifiers)
    for t in np.linspace(0, 1, steps)[1:]:
        p = QPointF(start.x() + (end.x() - start.x()) * t, start.y() + (end.y() - start.y()) * t)
        send_mouse(widget, "move", p, modifiers=modifiers)
    send_mouse(widget, "release", end, modifiers=modifiers)


def click(widget, pos, modifiers=Qt.KeyboardModifier.NoModifier):
    send_mouse(widget, "press", pos, modifiers=modifiers)
    send_mouse(widget, "release", pos, modifiers=modifiers)
