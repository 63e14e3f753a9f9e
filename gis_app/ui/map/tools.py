"""Map tools: what a mouse press, drag or key means on the map.

A tool receives the canvas's events with the map position already computed and paints
its overlay (rubber band, lasso) in :meth:`MapTool.paint` on top of the rendered map,
so drawing a rubber band never re-renders buildings. Subclass :class:`MapTool` for new
tools (the cluster drawing tools do) and call ``canvas.update_overlay()`` after changing
what ``paint`` draws.

Selection modifiers (QGIS conventions):

* click: replace the selection by the building under the cursor (empty spot: clear);
* shift-click: add; ctrl-click: toggle that building;
* rectangle / lasso: replace; with shift add to, with ctrl remove from the selection
  (toggling a whole area is rarely what anyone means);
* Esc clears the selection.

Rectangle and lasso select buildings that *intersect* the area, as QGIS does by default.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QPainter, QPen, QPolygonF

DRAG_THRESHOLD_PX = 4
RUBBER_PEN = QColor(0, 95, 122)
RUBBER_FILL = QColor(0, 213, 255, 50)


class MapTool(QObject):
    """Base class: every handler is optional. Handlers get the Qt event and map (x, y)."""

    #: Shown in the toolbar / status bar
    name = "tool"
    #: True when the right button does something in this tool (finish a line, delete a
    #: vertex); the canvas then opens no context menu on a right click.
    uses_right_button = False

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.canvas = None

    def activate(self, canvas) -> None:
        self.canvas = canvas
        canvas.setCursor(self.cursor())

    def deactivate(self) -> None:
        if self.canvas is not None:
            self.canvas.unsetCursor()
            self.canvas.update_overlay()
        self.canvas = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.ArrowCursor)

    def mouse_press(self, event, map_xy) -> None:
        pass

    def mouse_move(self, event, map_xy) -> None:
        pass

    def mouse_release(self, event, map_xy) -> None:
        pass

    def mouse_double_click(self, event, map_xy) -> None:
        pass

    def key_press(self, event) -> bool:
        """Return True when the key was handled (the canvas then ignores it)."""
        return False

    def paint(self, painter: QPainter, canvas) -> None:
        pass


class PanTool(MapTool):
    """Drag to move the map; the canvas shifts the last image while the new one renders."""

    name = "pan"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._last: QPointF | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.OpenHandCursor)

    def mouse_press(self, event, map_xy) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = event.position()
            self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouse_move(self, event, map_xy) -> None:
        if self._last is None:
            return
        position = event.position()
        delta = position - self._last
        self._last = position
        self.canvas.pan_pixels(delta.x(), delta.y(), record=False)

    def mouse_release(self, event, map_xy) -> None:
        if self._last is not None:
            self._last = None
            self.canvas.setCursor(self.cursor())
            self.canvas.commit_view()


class _RectangleMixin:
    """Rubber band rectangle in screen coordinates."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._reset_rect()

    def _reset_rect(self) -> None:
        self._origin: QPointF | None = None
        self._current: QPointF | None = None

    def _rect(self) -> QRectF | None:
        if self._origin is None or self._current is None:
            return None
        return QRectF(self._origin, self._current).normalized()

    def _dragged(self) -> bool:
        rect = self._rect()
        return rect is not None and max(rect.width(), rect.height()) >= DRAG_THRESHOLD_PX

    def _paint_rect(self, painter: QPainter) -> None:
        rect = self._rect()
        if rect is None or not self._dragged():
            return
        painter.setPen(QPen(RUBBER_PEN, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(RUBBER_FILL))
        painter.drawRect(rect)

    def _cancel_rect(self) -> bool:
        """Drop a rectangle being dragged; False when there was none."""
        if self._origin is None:
            return False
        self._reset_rect()
        self.canvas.update_overlay()
        return True

    def mouse_move(self, event, map_xy) -> None:
        if self._origin is not None:
            self._current = event.position()
            self.canvas.update_overlay()

    def paint(self, painter, canvas) -> None:
        self._paint_rect(painter)

    def _rect_map(self) -> tuple[float, float, float, float]:
        rect = self._rect()
        x0, y0 = self.canvas.screen_to_map(rect.topLeft())
        x1, y1 = self.canvas.screen_to_map(rect.bottomRight())
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


class ZoomBoxTool(_RectangleMixin, MapTool):
    """Drag a box to zoom into it; click zooms in 2×, shift/right-click zooms out."""

    name = "zoom"

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.CrossCursor)

    def mouse_press(self, event, map_xy) -> None:
        self._origin = self._current = event.position()

    def mouse_release(self, event, map_xy) -> None:
        if self._origin is None:
            return
        self._current = event.position()
        out = event.button() == Qt.MouseButton.RightButton or bool(
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if self._dragged() and not out:
            self.canvas.zoom_to_extent(*self._rect_map(), margin=0.0)
        else:
            self.canvas.zoom_by(0.5 if out else 2.0, anchor=event.position())
        self._cancel_rect()

    def key_press(self, event) -> bool:
        return event.key() == Qt.Key.Key_Escape and self._cancel_rect()


class IdentifyTool(MapTool):
    """Click a building: emits ``identified(row)`` (row position, -1 when nothing is there)."""

    name = "identify"
    identified = Signal(int)

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.WhatsThisCursor)

    def mouse_release(self, event, map_xy) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        row = self.canvas.building_at(*map_xy)
        self.identified.emit(-1 if row is None else int(row))


def _combine(current: np.ndarray, rows: np.ndarray, modifiers, area: bool) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.int64)
    if modifiers & Qt.KeyboardModifier.ShiftModifier:
        return np.union1d(current, rows)
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        if area:
            return np.setdiff1d(current, rows)
        return np.setxor1d(current, rows)
    return np.unique(rows)


class SelectTool(_RectangleMixin, MapTool):
    """Click or drag a rectangle to select buildings (modifiers: module docstring)."""

    name = "select"

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.PointingHandCursor)

    def mouse_press(self, event, map_xy) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = self._current = event.position()

    def mouse_release(self, event, map_xy) -> None:
        if self._origin is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self._current = event.position()
        document = self.canvas.document
        if self._dragged():
            rows = self.canvas.buildings_in_rect(*self._rect_map())
            document.set_selection(_combine(document.selection, rows, event.modifiers(), True))
        else:
            row = self.canvas.building_at(*map_xy)
            rows = np.array([] if row is None else [row], dtype=np.int64)
            if row is None and not (
                event.modifiers()
                & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
            ):
                document.set_selection([])
            elif row is not None:
                document.set_selection(_combine(document.selection, rows, event.modifiers(), False))
        self._cancel_rect()

    def key_press(self, event) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            if not self._cancel_rect():
                self.canvas.document.set_selection([])
            return True
        return False


class LassoSelectTool(MapTool):
    """Select by polygon: drag a freehand lasso, or click vertices and finish with a
    double-click or Enter. Backspace removes the last vertex, Esc cancels (or clears the
    selection when nothing is being drawn)."""

    name = "lasso"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._points: list[tuple[float, float]] = []  # map coordinates
        self._pressed = False
        self._freehand = False
        self._press_pos: QPointF | None = None
        self._hover: tuple[float, float] | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.CrossCursor)

    @property
    def drawing(self) -> bool:
        return bool(self._points)

    def mouse_press(self, event, map_xy) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True
            self._press_pos = event.position()
            if not self._points:
                self._points = [map_xy]
                self._freehand = False
        elif event.button() == Qt.MouseButton.RightButton and self._points:
            self._finish(event.modifiers())

    def mouse_move(self, event, map_xy) -> None:
        self._hover = map_xy
        if self._pressed and self._press_pos is not None:
            moved = event.position() - self._press_pos
            if max(abs(moved.x()), abs(moved.y())) >= DRAG_THRESHOLD_PX and len(self._points) == 1:
                self._freehand = True
            if self._freehand:
                self._points.append(map_xy)
        if self._points:
            self.canvas.update_overlay()

    def mouse_release(self, event, map_xy) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._pressed:
            return
        self._pressed = False
        if self._freehand:
            self._finish(event.modifiers())
        elif len(self._points) > 1 or self._points[-1] != map_xy:
            self._points.append(map_xy)
            self.canvas.update_overlay()

    def mouse_double_click(self, event, map_xy) -> None:
        self._finish(event.modifiers())

    def key_press(self, event) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self._points:
                self._cancel()
            else:
                self.canvas.document.set_selection([])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._points:
            self._finish(event.modifiers())
            return True
        if key == Qt.Key.Key_Backspace and self._points:
            self._points.pop()
            self.canvas.update_overlay()
            return True
        return False

    def select_polygon(self, polygon, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        """Select the buildings meeting ``polygon`` (map coordinates)."""
        document = self.canvas.document
        rows = self.canvas.buildings_in_geometry(polygon)
        document.set_selection(_combine(document.selection, rows, modifiers, True))

    def _finish(self, modifiers) -> None:
        points = _dedupe(self._points)
        self._cancel()
        if len(points) < 3:
            return
        polygon = shapely.make_valid(shapely.Polygon(points))
        self.select_polygon(polygon, modifiers)

    def _cancel(self) -> None:
        self._points = []
        self._pressed = False
        self._freehand = False
        if self.canvas is not None:
            self.canvas.update_overlay()

    def deactivate(self) -> None:
        self._cancel()
        super().deactivate()

    def paint(self, painter, canvas) -> None:
        if not self._points:
            return
        points = list(self._points)
        if self._hover is not None and not self._freehand:
            points.append(self._hover)
        polygon = QPolygonF([canvas.map_to_screen(x, y) for x, y in points])
        painter.setPen(QPen(RUBBER_PEN, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(RUBBER_FILL))
        painter.drawPolygon(polygon)


def _dedupe(points):
    out = []
    for point in points:
        if not out or point != out[-1]:
            out.append(point)
    return out
