"""Map tools that draw and edit clusters (digitising as in QGIS).

* :class:`DrawClusterTool` -- click to add vertices, rubber band to the cursor,
  double-click, Enter or right-click to finish, Esc to cancel, Backspace to remove the
  last vertex; optional snapping to building corners within ``SNAP_PX`` pixels.
* :class:`LassoClusterTool` -- press and drag a freehand outline; release finishes.
* :class:`EditClusterTool` -- on the selected cluster (click a cluster to select it):
  drag a vertex to move it, drag an edge to insert a vertex there, double-click or
  right-click a vertex (or hover it and press Delete) to delete it, drag inside to
  move the whole polygon. Esc cancels a drag in progress.
* :class:`SplitClusterTool` -- draw a line (clicks, finish as when drawing) across a
  cluster: the selected one, or else the first cluster in order the line cuts.

Every finished edit is one undo command (:mod:`gis_app.ui.clusters.commands`). The
tools paint only their own overlays; the map draws the clusters themselves.
Snapping uses a KD-tree over all footprint vertices, built on first use and kept until
the buildings change.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QPainter, QPainterPath, QPen, QPolygonF
from shapely.geometry import LineString, Polygon

from gis_app.core.clusters.geometry import (
    delete_vertex,
    insert_vertex,
    move_vertex,
    nearest_edge,
    nearest_vertex,
    normalise_polygon,
    polygon_parts,
    translate,
    vertex_table,
)
from gis_app.ui.clusters.commands import (
    AddClusterCommand,
    EditClusterGeometryCommand,
    SplitClusterCommand,
)
from gis_app.ui.map.tools import DRAG_THRESHOLD_PX, MapTool

SNAP_PX = 10
HANDLE_PX = 7
EDGE_PX = 5
LINE_COLOR = QColor(200, 30, 30)
FILL_COLOR = QColor(255, 80, 80, 45)
HANDLE_COLOR = QColor(255, 255, 255)
HOVER_COLOR = QColor(255, 200, 0)


class BuildingVertexSnapper:
    """Nearest footprint corner within a radius; the index follows the buildings frame."""

    def __init__(self):
        self._geometries = None
        self._coords = np.empty((0, 2))
        self._tree = None  # scipy's cKDTree, made (and scipy imported) on first snap

    def _index(self, buildings):
        geometries = np.asarray(buildings.geometry.array)
        if self._tree is None or geometries is not self._geometries:
            coords = shapely.get_coordinates(geometries) if len(geometries) else np.empty((0, 2))
            self._coords = coords
            from scipy.spatial import cKDTree

            self._tree = cKDTree(coords) if len(coords) else None
            self._geometries = geometries
        return self._tree

    def snap(self, buildings, xy, radius: float) -> tuple[tuple[float, float], bool]:
        tree = self._index(buildings)
        if tree is None:
            return xy, False
        distance, k = tree.query(xy, distance_upper_bound=radius)
        if not np.isfinite(distance):
            return xy, False
        x, y = self._coords[k]
        return (float(x), float(y)), True


def _dedupe(points, tolerance: float) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for point in points:
        if not out or np.hypot(point[0] - out[-1][0], point[1] - out[-1][1]) > tolerance:
            out.append(point)
    return out


def _rings_path(canvas, geometry) -> QPainterPath:
    path = QPainterPath()
    for poly in polygon_parts(geometry):
        for ring in [poly.exterior, *poly.interiors]:
            coords = np.asarray(ring.coords)
            path.addPolygon(QPolygonF([canvas.map_to_screen(x, y) for x, y in coords[:, :2]]))
            path.closeSubpath()
    return path


class _PolylineTool(MapTool):
    """Clicked vertices with a rubber band; subclasses decide what finishing means."""

    message = Signal(str)
    closed = True  # draw the rubber band as a polygon
    uses_right_button = True  # a right click finishes the line
    min_points = 3

    def __init__(self, parent=None, *, snapping: bool = False):
        super().__init__(parent)
        self.snapping = snapping
        self.snapper = BuildingVertexSnapper()
        self.points: list[tuple[float, float]] = []
        self._hover: tuple[float, float] | None = None
        self._hover_snapped = False
        self._swallow_release = False

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.CrossCursor)

    @property
    def drawing(self) -> bool:
        return bool(self.points)

    def _snap(self, xy) -> tuple[tuple[float, float], bool]:
        if not self.snapping or self.canvas is None:
            return xy, False
        radius = SNAP_PX * self.canvas.metres_per_pixel()
        return self.snapper.snap(self.canvas.document.project.buildings, xy, radius)

    def mouse_move(self, event, map_xy) -> None:
        self._hover, self._hover_snapped = self._snap(map_xy)
        if self.points or self.snapping:
            self.canvas.update_overlay()

    def mouse_release(self, event, map_xy) -> None:
        if self._swallow_release:
            self._swallow_release = False
            return
        if event.button() == Qt.MouseButton.LeftButton:
            point, _ = self._snap(map_xy)
            self.points.append(point)
            self.canvas.update_overlay()
        elif event.button() == Qt.MouseButton.RightButton and self.points:
            self.finish()

    def mouse_double_click(self, event, map_xy) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.points:
            # Normally the first click of the double-click already added this vertex
            # (finish() drops the duplicate); add it in case it did not.
            point, _ = self._snap(map_xy)
            self.points.append(point)
            self._swallow_release = True
            self.finish()

    def key_press(self, event) -> bool:
        key = event.key()
        if not self.points:
            return False
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            return True
        if key == Qt.Key.Key_Backspace:
            self.points.pop()
            self.canvas.update_overlay()
            return True
        return False

    def cancel(self) -> None:
        self.points = []
        if self.canvas is not None:
            self.canvas.update_overlay()

    def deactivate(self) -> None:
        self.cancel()
        super().deactivate()

    def finish(self) -> None:
        tolerance = (self.canvas.metres_per_pixel() if self.canvas is not None else 0.0) * 0.5
        points = _dedupe(self.points, tolerance)
        self.points = []
        if self.canvas is not None:
            self.canvas.update_overlay()
        if len(points) < self.min_points:
            self.message.emit(self.tr("Te weinig punten: minstens %n nodig.", "", self.min_points))
            return
        self.finished(points)

    def finished(self, points: list[tuple[float, float]]) -> None:
        raise NotImplementedError

    def paint(self, painter: QPainter, canvas) -> None:
        if self.snapping and self._hover is not None and self._hover_snapped:
            centre = canvas.map_to_screen(*self._hover)
            painter.setPen(QPen(HOVER_COLOR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(centre.x() - 5, centre.y() - 5, 10, 10))
        if not self.points:
            return
        points = [canvas.map_to_screen(x, y) for x, y in self.points]
        band = list(points)
        if self._hover is not None:
            band.append(canvas.map_to_screen(*self._hover))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.closed and len(band) >= 3:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(FILL_COLOR))
            painter.drawPolygon(QPolygonF(band))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(LINE_COLOR, 2))
        painter.drawPolyline(QPolygonF(points))
        if self._hover is not None:
            painter.setPen(QPen(LINE_COLOR, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(points[-1], band[-1])
            if self.closed and len(points) >= 2:
                painter.drawLine(band[-1], points[0])
        painter.setPen(QPen(LINE_COLOR, 1))
        painter.setBrush(QBrush(HANDLE_COLOR))
        for point in points:
            painter.drawEllipse(point, 3.5, 3.5)


class DrawClusterTool(_PolylineTool):
    """Digitise a new cluster polygon (see the module docstring)."""

    name = "draw_cluster"
    clusterCreated = Signal(str)

    def finished(self, points) -> None:
        try:
            polygon = normalise_polygon(Polygon(points))
        except ValueError as error:
            self.message.emit(str(error))
            return
        command = AddClusterCommand(self.canvas.document, polygon)
        self.canvas.document.undo_stack.push(command)
        self.message.emit(command.notice())
        self.clusterCreated.emit(command.cluster_id)


class LassoClusterTool(DrawClusterTool):
    """Freehand outline: press, drag around the buildings, release."""

    name = "lasso_cluster"

    def __init__(self, parent=None, *, snapping: bool = False):
        super().__init__(parent, snapping=False)
        self._pressed = False

    def mouse_press(self, event, map_xy) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True
            self.points = [map_xy]

    def mouse_move(self, event, map_xy) -> None:
        self._hover = None
        if self._pressed:
            last = self.canvas.map_to_screen(*self.points[-1])
            here = event.position()
            if max(abs(here.x() - last.x()), abs(here.y() - last.y())) >= 2:
                self.points.append(map_xy)
                self.canvas.update_overlay()

    def mouse_release(self, event, map_xy) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._pressed:
            return
        self._pressed = False
        self.points.append(map_xy)
        outline = LineString(self.points) if len(self.points) >= 2 else None
        if outline is not None:
            simplified = shapely.simplify(outline, self.canvas.metres_per_pixel())
            self.points = [tuple(c) for c in np.asarray(simplified.coords)[:, :2]]
        self.finish()

    def mouse_double_click(self, event, map_xy) -> None:
        pass

    def cancel(self) -> None:
        self._pressed = False
        super().cancel()


class SplitClusterTool(_PolylineTool):
    """Draw a line across a cluster to cut it in two (or more) clusters."""

    name = "split_cluster"
    closed = False
    min_points = 2

    def finished(self, points) -> None:
        document = self.canvas.document
        line = LineString(points)
        clusters = document.project.clusters
        ids = clusters["cluster_id"].astype(str).tolist()
        geoms = np.asarray(clusters.geometry.array)
        crossing = [
            cid for cid, g in zip(ids, geoms, strict=True) if g is not None and line.intersects(g)
        ]
        selected = [c for c in document.selected_cluster_ids if c in crossing]
        candidates = selected + [c for c in crossing if c not in selected]
        for cid in candidates:
            try:
                command = SplitClusterCommand(document, cid, line)
            except ValueError:
                continue
            document.undo_stack.push(command)
            return
        self.message.emit(self.tr("De lijn snijdt geen cluster in tweeën."))


class EditClusterTool(MapTool):
    """Move, insert and delete vertices and move the polygon of the selected cluster."""

    uses_right_button = True
    name = "edit_cluster"
    message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._drag: str | None = None  # "vertex" | "move"
        self._address: tuple[int, int, int] | None = None
        self._start: tuple[float, float] | None = None
        self._start_screen: QPointF | None = None
        self._original = None
        self._preview = None
        self._text = ""
        self._inserted = False
        self._hover_vertex: tuple[int, int, int] | None = None

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.ArrowCursor)

    # --- target ----------------------------------------------------------------------------
    @property
    def cluster_id(self) -> str | None:
        selected = self.canvas.document.selected_cluster_ids if self.canvas else []
        return selected[0] if selected else None

    def geometry(self):
        cid = self.cluster_id
        if cid is None:
            return None
        clusters = self.canvas.document.project.clusters
        match = np.flatnonzero(clusters["cluster_id"].astype(str).to_numpy() == cid)
        return clusters.geometry.iloc[int(match[0])] if len(match) else None

    def _tolerance(self, pixels: float) -> float:
        return pixels * self.canvas.metres_per_pixel()

    # --- events ----------------------------------------------------------------------------
    def mouse_press(self, event, map_xy) -> None:
        geometry = self.geometry()
        button = event.button()
        if button == Qt.MouseButton.RightButton and geometry is not None:
            address = nearest_vertex(geometry, map_xy, self._tolerance(HANDLE_PX))
            if address is not None:
                self.delete_vertex(address)
            return
        if button != Qt.MouseButton.LeftButton:
            return
        if geometry is not None:
            address = nearest_vertex(geometry, map_xy, self._tolerance(HANDLE_PX))
            if address is not None:
                self._begin("vertex", geometry, map_xy, event, self.tr("Hoekpunt verplaatsen"))
                self._address = address
                return
            edge = nearest_edge(geometry, map_xy, self._tolerance(EDGE_PX))
            if edge is not None:
                part, ring, after, point = edge
                self._begin("vertex", geometry, map_xy, event, self.tr("Hoekpunt toevoegen"))
                self._preview = insert_vertex(geometry, part, ring, after, point)
                self._inserted = True
                self._address = (part, ring, after + 1)
                self.canvas.update_overlay()
                return
            if geometry.intersects(shapely.Point(map_xy)):
                self._begin("move", geometry, map_xy, event, self.tr("Cluster verplaatsen"))
                return
        cid = self.canvas.cluster_at(*map_xy)
        self.canvas.document.set_selected_clusters([cid] if cid else [])
        self.canvas.update_overlay()

    def _begin(self, kind, geometry, map_xy, event, text) -> None:
        self._drag = kind
        self._start = map_xy
        self._start_screen = event.position()
        self._original = geometry
        self._preview = geometry
        self._text = text
        self._inserted = False

    def mouse_move(self, event, map_xy) -> None:
        if self._drag is None:
            geometry = self.geometry()
            hover = None
            if geometry is not None:
                hover = nearest_vertex(geometry, map_xy, self._tolerance(HANDLE_PX))
            if hover != self._hover_vertex:
                self._hover_vertex = hover
                self.canvas.update_overlay()
            return
        if self._drag == "vertex":
            base = self._preview if self._preview is not None else self._original
            self._preview = move_vertex(base, self._address, map_xy)
        else:
            dx, dy = map_xy[0] - self._start[0], map_xy[1] - self._start[1]
            self._preview = translate(self._original, dx, dy)
        self.canvas.update_overlay()

    def mouse_release(self, event, map_xy) -> None:
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            return
        moved = event.position() - self._start_screen
        dragged = max(abs(moved.x()), abs(moved.y())) >= DRAG_THRESHOLD_PX
        inserted = self._inserted
        preview, text, cid = self._preview, self._text, self.cluster_id
        self._end()
        if cid is None or preview is None or not (dragged or inserted):
            return
        self._commit(cid, preview, text)

    def mouse_double_click(self, event, map_xy) -> None:
        geometry = self.geometry()
        if geometry is None:
            return
        address = nearest_vertex(geometry, map_xy, self._tolerance(HANDLE_PX))
        if address is not None:
            self._end()
            self.delete_vertex(address)

    def key_press(self, event) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._end()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._hover_vertex is not None:
            self.delete_vertex(self._hover_vertex)
            return True
        return False

    def deactivate(self) -> None:
        self._end()
        self._hover_vertex = None
        super().deactivate()

    # --- edits -----------------------------------------------------------------------------
    def delete_vertex(self, address) -> None:
        cid, geometry = self.cluster_id, self.geometry()
        if cid is None or geometry is None:
            return
        try:
            edited = delete_vertex(geometry, address)
        except ValueError as error:
            self.message.emit(str(error))
            return
        self._hover_vertex = None
        self._commit(cid, edited, self.tr("Hoekpunt verwijderen"))

    def _commit(self, cid, geometry, text) -> None:
        try:
            geometry = normalise_polygon(geometry)
        except ValueError as error:
            self.message.emit(str(error))
            return
        document = self.canvas.document
        document.undo_stack.push(EditClusterGeometryCommand(document, cid, geometry, text))
        self.canvas.update_overlay()

    def _end(self) -> None:
        self._drag = None
        self._address = None
        self._preview = None
        self._original = None
        if self.canvas is not None:
            self.canvas.update_overlay()

    # --- overlay ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, canvas) -> None:
        geometry = self._preview if self._preview is not None else self.geometry()
        if geometry is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(
            QPen(LINE_COLOR, 2, Qt.PenStyle.SolidLine if self._drag else Qt.PenStyle.DashLine)
        )
        painter.setBrush(QBrush(FILL_COLOR) if self._drag else Qt.BrushStyle.NoBrush)
        painter.drawPath(_rings_path(canvas, geometry))
        coords, addresses = vertex_table(geometry)
        painter.setPen(QPen(LINE_COLOR, 1))
        for (x, y), address in zip(coords, addresses, strict=True):
            centre = canvas.map_to_screen(x, y)
            hovered = self._hover_vertex is not None and tuple(address) == self._hover_vertex
            painter.setBrush(QBrush(HOVER_COLOR if hovered else HANDLE_COLOR))
            painter.drawRect(QRectF(centre.x() - 4, centre.y() - 4, 8, 8))
