"""The map canvas: shows the rendered map, handles navigation, hands events to the tool.

Rendering happens in a worker thread (:mod:`gis_app.ui.map.renderer`); the canvas
keeps the last finished image with the view it was rendered for. While the user pans
or zooms, :meth:`paintEvent` draws that image moved and scaled to where it belongs in
the current view (cheap: one ``drawImage``), and the new image replaces it when the
worker is done. The UI thread never renders buildings.

Scale: :meth:`MapCanvas.scale_denominator` uses the screen's *logical* DPI (96 on most
desktops, adjusted for the user's scaling setting), falling back to 96; physical DPI
as reported by many monitors is unreliable, and QGIS also defaults to 96.

Navigation: drag pans (default :class:`PanTool`, the middle button pans with any tool),
arrow keys pan a quarter view, the wheel zooms around the cursor, ``+``/``-`` zoom
around the centre, ``Home`` zooms to the full extent, Esc clears the selection when the
tool does not use it. Every finished navigation is a step for previous/next view.
"""

from __future__ import annotations

import sys

import numpy as np
from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QToolTip, QWidget

from gis_app import startup_trace
from gis_app.core.schema import MILESTONE_LABELS_NL
from gis_app.core.spatial import GeometryArrays
from gis_app.core.styling import (
    CLUSTER_DISPLAY_OVER,
    CLUSTER_DISPLAY_UNDER,
    CLUSTER_OVER_ALPHA,
    CLUSTER_UNDER_ALPHA,
    PREVIEW_COLOR,
)
from gis_app.ui.map.decorations import paint_north_arrow, paint_scale_bar
from gis_app.ui.map.layers import (
    LAYER_BUILDINGS,
    LAYER_CLUSTERS,
    LAYER_PACKAGES,
    LayerStack,
)
from gis_app.ui.map.qpath import path_from_arrays
from gis_app.ui.map.renderer import (
    BACKGROUND,
    CLUSTER_LABEL_MAX_SCALE,
    KIND_BUILDINGS,
    KIND_OUTLINED,
    KIND_VECTOR,
    LABEL_MAX_SCALE,
    LayerSnapshot,
    Renderer,
    RenderRequest,
    RenderResult,
    render_map,
    target_rect,
)
from gis_app.ui.map.tools import MapTool, PanTool
from gis_app.ui.map.view import METRES_PER_INCH, MapView, ViewState, scale_denominator

DEFAULT_DPI = 96.0
#: Python's GIL switch interval while a map exists. PySide6 keeps the GIL during Qt
#: calls, and the render worker is a Python thread: a short interval lets the UI thread
#: take the GIL back quickly between the worker's (chunked) drawing calls.
GIL_SWITCH_INTERVAL = 0.001
WHEEL_STEP = 1.25  # zoom factor per wheel notch
KEY_ZOOM = 2.0
PICK_TOLERANCE_PX = 3.0
SETTLE_MS = 150  # a drag or wheel gesture that pauses this long gets a fresh render
MIN_ZOOM_EXTENT = 80.0  # metres: zooming to one building shows its street


def _single_shot(parent: QObject, interval_ms: int, slot) -> QTimer:
    """A single-shot timer calling ``slot`` ``interval_ms`` after each (re)start."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


class MapCanvas(QWidget):
    viewChanged = Signal()  # centre or scale changed (also while panning)
    cursorMoved = Signal(float, float)  # RD New metres under the mouse
    scaleChanged = Signal(float)  # scale denominator N of 1:N
    renderFinished = Signal()  # a new image is shown
    toolChanged = Signal(object)  # the active MapTool
    # right click (when the tool does not use the right button): global position, RD x, y
    contextMenuRequested = Signal(QPoint, float, float)

    def __init__(self, document, parent: QWidget | None = None, layers: LayerStack | None = None):
        super().__init__(parent)
        self.document = document
        self.layers = layers or LayerStack(document, self)
        self.view = MapView(max(self.width(), 1), max(self.height(), 1))
        self.background = BACKGROUND
        self.show_decorations = True
        self.hover_tooltips = True
        self.last_render_seconds = 0.0
        self.last_render_stats: dict = {}
        self._trace_first_map = startup_trace.enabled()
        if sys.getswitchinterval() > GIL_SWITCH_INTERVAL:
            sys.setswitchinterval(GIL_SWITCH_INTERVAL)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(200, 150)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

        self._image: QImage | None = None
        self._image_view: ViewState | None = None
        self._generation = 0
        self._shown_generation = -1
        self._has_view = False
        self._last_mpp = -1.0
        self._decoration_key = None
        self._decoration_image: list = []
        self._middle_last: QPointF | None = None
        self._hover_pos: QPointF | None = None
        self._preview: QPainterPath | None = None  # map coordinates (RD metres)
        self._preview_count = 0

        self._renderer = Renderer(self)
        self._renderer.finished.connect(self._on_rendered)
        self._render_timer = _single_shot(self, 0, self._start_render)
        self._settle_timer = _single_shot(self, SETTLE_MS, self.request_render)
        self._history_timer = _single_shot(self, 400, self.commit_view)
        self._hover_timer = _single_shot(self, 600, self._show_hover_tooltip)

        self._pan_tool = PanTool(self)
        self._tool: MapTool | None = None
        self.set_tool(None)

        self.layers.layersChanged.connect(self.request_render)
        self.layers.layerChanged.connect(self.request_render)
        self.layers.layerDataChanged.connect(self.request_render)
        self.layers.buildingStyleChanged.connect(self.request_render)
        document.selectionChanged.connect(self.request_render)
        document.clusterSelectionChanged.connect(self.request_render)
        document.projectReplaced.connect(self._on_project_replaced)

    # --- coordinates -----------------------------------------------------------------------
    def screen_to_map(self, point: QPointF) -> tuple[float, float]:
        x, y = self.view.to_map(point.x(), point.y())
        return float(x), float(y)

    def map_to_screen(self, x: float, y: float) -> QPointF:
        sx, sy = self.view.to_screen(x, y)
        return QPointF(float(sx), float(sy))

    def dpi(self) -> float:
        dpi = float(self.logicalDpiX() or 0)
        return dpi if 30.0 <= dpi <= 1000.0 else DEFAULT_DPI

    def scale_denominator(self) -> float:
        return scale_denominator(self.view.mpp, self.dpi())

    def set_scale(self, denominator: float) -> None:
        """Zoom to 1:``denominator`` around the centre."""
        mpp = denominator * METRES_PER_INCH / self.dpi()
        self.view.set_state(self.view.cx, self.view.cy, mpp)
        self._view_changed(record=True)

    def metres_per_pixel(self) -> float:
        return self.view.mpp

    def extent(self) -> tuple[float, float, float, float]:
        return self.view.extent

    # --- tools -----------------------------------------------------------------------------
    def tool(self) -> MapTool:
        return self._tool

    def set_tool(self, tool: MapTool | None) -> None:
        """Activate ``tool``; ``None`` goes back to panning."""
        tool = tool or self._pan_tool
        if tool is self._tool:
            return
        if self._tool is not None:
            self._tool.deactivate()
        self._tool = tool
        tool.activate(self)
        self.update()
        self.toolChanged.emit(tool)

    def update_overlay(self) -> None:
        """Repaint tool overlays (rubber bands) without re-rendering the map."""
        self.update()

    # --- navigation ------------------------------------------------------------------------
    def zoom_to_extent(self, xmin, ymin, xmax, ymax, margin: float = 0.05) -> None:
        if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
            return
        cx, cy = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
        half = MIN_ZOOM_EXTENT / 2.0
        xmin, xmax = min(xmin, cx - half), max(xmax, cx + half)
        ymin, ymax = min(ymin, cy - half), max(ymax, cy + half)
        self.view.fit_extent(xmin, ymin, xmax, ymax, margin=margin)
        self._has_view = True
        self._view_changed(record=True)

    def full_extent(self) -> tuple[float, float, float, float] | None:
        extents = [
            layer.extent()
            for layer in self.layers.layers()
            if layer.visible and layer.extent() is not None
        ]
        if not extents:
            return None
        e = np.array(extents)
        return (e[:, 0].min(), e[:, 1].min(), e[:, 2].max(), e[:, 3].max())

    def zoom_full(self) -> None:
        extent = self.layers.buildings.extent() or self.full_extent()
        if extent is not None:
            self.zoom_to_extent(*extent)

    def zoom_to_layer(self, layer_id: str) -> None:
        extent = self.layers.layer(layer_id).extent()
        if extent is not None:
            self.zoom_to_extent(*extent)

    def zoom_to_rows(self, rows) -> None:
        rows = np.asarray(rows, dtype=np.int64)
        arrays = self.layers.buildings.arrays
        if len(rows) == 0 or arrays is None or arrays.n == 0:
            return
        b = arrays.bounds[rows[(rows >= 0) & (rows < arrays.n)]]
        if len(b) == 0 or np.all(np.isnan(b)):
            return
        self.zoom_to_extent(
            np.nanmin(b[:, 0]), np.nanmin(b[:, 1]), np.nanmax(b[:, 2]), np.nanmax(b[:, 3]), 0.15
        )

    def zoom_to_selection(self) -> None:
        self.zoom_to_rows(self.document.selection)

    def zoom_by(self, factor: float, anchor: QPointF | None = None, record: bool = True) -> None:
        """Zoom in by ``factor`` (>1 in, <1 out) keeping the point under ``anchor`` fixed."""
        self.view.zoom(factor, None if anchor is None else (anchor.x(), anchor.y()))
        self._view_changed(record=record, interactive=not record)

    def zoom_in(self) -> None:
        self.zoom_by(KEY_ZOOM)

    def zoom_out(self) -> None:
        self.zoom_by(1.0 / KEY_ZOOM)

    def pan_pixels(self, dx: float, dy: float, record: bool = True) -> None:
        """Move the map content by (dx, dy) screen pixels. ``record=False`` marks a step of
        a drag: call :meth:`commit_view` when the drag ends."""
        self.view.pan_pixels(dx, dy)
        self._view_changed(record=record, interactive=not record)

    def set_center(self, x: float, y: float, record: bool = True) -> None:
        self.view.set_state(x, y, self.view.mpp)
        self._view_changed(record=record)

    def commit_view(self) -> None:
        """Record the current view as a previous/next history step (end of a gesture)."""
        self._history_timer.stop()
        self.view.push_history()
        if self._settle_timer.isActive():
            self._settle_timer.stop()
            self.request_render()

    def previous_view(self) -> bool:
        self.commit_view()
        if self.view.back():
            self._view_changed(record=False)
            return True
        return False

    def next_view(self) -> bool:
        if self.view.forward():
            self._view_changed(record=False)
            return True
        return False

    def _view_changed(self, record: bool, interactive: bool = False) -> None:
        """``interactive``: part of a drag or wheel gesture. Then, as in QGIS, the last image
        is only moved, and the new one is rendered when the gesture pauses for
        ``SETTLE_MS`` or ends (``commit_view``): the worker never competes with the UI
        thread while the user is moving the map."""
        if record:
            self.commit_view()
        self.viewChanged.emit()
        if self.view.mpp != self._last_mpp:
            self._last_mpp = self.view.mpp
            self.scaleChanged.emit(self.scale_denominator())
        if interactive:
            self._settle_timer.start()
        else:
            self._settle_timer.stop()
            self.request_render()
        self.update()

    # --- picking ---------------------------------------------------------------------------
    # Picking works on the data whether or not the buildings layer is drawn: tools and the
    # panels (search, table) address buildings by row, and hiding the layer to see what is
    # under it should not make the selection tools stop working.
    def building_at(
        self, x: float, y: float, tolerance_px: float = PICK_TOLERANCE_PX
    ) -> int | None:
        """Row position of the building at map (x, y), or ``None`` (small tolerance in pixels)."""
        arrays = self.layers.buildings.arrays
        if arrays is None or arrays.n == 0:
            return None
        hits = arrays.at_point(x, y, tolerance_px * self.view.mpp)
        return int(hits[0]) if len(hits) else None

    def buildings_in_rect(self, xmin, ymin, xmax, ymax) -> np.ndarray:
        arrays = self.layers.buildings.arrays
        if arrays is None:
            return np.empty(0, dtype=np.int64)
        return arrays.in_rect(xmin, ymin, xmax, ymax)

    def buildings_in_geometry(self, geometry) -> np.ndarray:
        arrays = self.layers.buildings.arrays
        if arrays is None:
            return np.empty(0, dtype=np.int64)
        return arrays.in_geometry(geometry)

    def cluster_at(self, x: float, y: float) -> str | None:
        """``cluster_id`` of the cluster polygon at map (x, y), smallest first, or ``None``."""
        arrays = self.layers.clusters.arrays
        if arrays is None or arrays.n == 0:
            return None
        hits = arrays.at_point(x, y, PICK_TOLERANCE_PX * self.view.mpp)
        return str(self.layers.cluster_ids[hits[0]]) if len(hits) else None

    # --- rendering -------------------------------------------------------------------------
    def request_render(self, *_args) -> None:
        """Ask for a new image of the current view (coalesced, off the UI thread)."""
        self._generation += 1
        if not self._render_timer.isActive():
            self._render_timer.start()

    def render_request(self, view: ViewState | None = None) -> RenderRequest:
        """Snapshot of everything the renderer needs (cheap: arrays are shared, not copied)."""
        view = view or self.view.state()
        snapshots = []
        denominator = scale_denominator(view.mpp, self.dpi())
        for layer in self.layers.layers():
            if not layer.visible or layer.arrays is None or layer.arrays.n == 0:
                continue
            style = layer.style
            if layer.id == LAYER_BUILDINGS:
                colors = self.layers.building_colors
                if len(colors) != layer.arrays.n:
                    continue  # colours are being recomputed; the next render has them
                spec = self.layers.building_style
                labels = None
                frame = self.document.project.buildings
                if (
                    spec.labels
                    and spec.labels in frame
                    and len(frame) == layer.arrays.n  # not the preview of a project being read
                    and denominator <= LABEL_MAX_SCALE
                ):
                    labels = frame[spec.labels].to_numpy(dtype=object)
                snapshots.append(
                    LayerSnapshot(
                        KIND_BUILDINGS,
                        layer.arrays,
                        layer.opacity,
                        colors=colors,
                        packed=self.layers.building_colors_packed,
                        selected=self.document.selection,
                        outline=spec.outline,
                        labels=labels,
                    )
                )
            elif layer.id in (LAYER_CLUSTERS, LAYER_PACKAGES):
                labels = None
                if layer.id == LAYER_CLUSTERS:
                    names = getattr(self.layers, "cluster_names", None)
                    if (
                        names is not None
                        and len(names) == layer.arrays.n
                        and 0 < denominator <= CLUSTER_LABEL_MAX_SCALE
                    ):
                        labels = names
                    colors = self.layers.cluster_colors
                    selected = np.isin(
                        self.layers.cluster_ids,
                        np.asarray(self.document.selected_cluster_ids, dtype=object),
                    )
                else:
                    colors = getattr(self.layers, "package_colors", None)
                    selected = np.zeros(layer.arrays.n, dtype=bool)
                part, fill_alpha = "both", style.fill_alpha
                if layer.id == LAYER_CLUSTERS:
                    display = getattr(self.layers, "cluster_display", CLUSTER_DISPLAY_OVER)
                    if display == CLUSTER_DISPLAY_OVER:
                        fill_alpha = CLUSTER_OVER_ALPHA
                    else:
                        part = "outline"
                    if display == CLUSTER_DISPLAY_UNDER:
                        # the tint goes under the buildings, so their colours stay pure
                        under = LayerSnapshot(
                            KIND_OUTLINED,
                            layer.arrays,
                            layer.opacity,
                            colors=colors,
                            fill_alpha=CLUSTER_UNDER_ALPHA,
                            part="fill",
                        )
                        at = next(
                            (i for i, snap in enumerate(snapshots) if snap.kind == KIND_BUILDINGS),
                            None,
                        )
                        snapshots.insert(len(snapshots) if at is None else at, under)
                snapshots.append(
                    LayerSnapshot(
                        KIND_OUTLINED,
                        layer.arrays,
                        layer.opacity,
                        colors=colors,
                        selected=selected,
                        width=style.width,
                        fill_alpha=fill_alpha,
                        dashed=layer.id == LAYER_PACKAGES,
                        labels=labels,
                        part=part,
                    )
                )
            else:
                snapshots.append(
                    LayerSnapshot(
                        KIND_VECTOR,
                        layer.arrays,
                        layer.opacity,
                        fill=style.fill,
                        stroke=style.stroke,
                        width=style.width,
                        fill_alpha=style.fill_alpha,
                    )
                )
        return RenderRequest(view, tuple(snapshots), self._generation, denominator, self.background)

    def _start_render(self) -> None:
        self._renderer.submit(self.render_request())

    def _on_rendered(self, result: RenderResult) -> None:
        if result.generation <= self._shown_generation:
            return  # an older image than the one shown: dropped
        self._accept(result)

    def _accept(self, result: RenderResult) -> None:
        self._shown_generation = result.generation
        self._image = result.image
        self._image_view = result.view
        self.last_render_seconds = result.seconds
        self.last_render_stats = result.stats
        self.update()
        self.renderFinished.emit()

    def render_now(self) -> QImage:
        """Render the current view synchronously on this thread (tests, screenshots)."""
        self._generation += 1
        self._render_timer.stop()
        result = render_map(self.render_request())
        self._accept(result)
        return result.image

    def map_image(self) -> QImage | None:
        """The last rendered map image (without decorations and tool overlays)."""
        return self._image

    def wait_for_render(self, msecs: int = 10000) -> bool:
        """Block until the worker is idle (tests, screenshots); pending results are delivered
        on the next event-loop turn."""
        return self._renderer.wait(msecs)

    # --- Qt events -------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self._image is not None and self._image_view is not None:
            current = self.view.state()
            target = target_rect(self._image_view, current)
            if not target.contains(QRectF(self.rect())):
                painter.fillRect(self.rect(), QColor(self.background))
            same_scale = (
                abs(target.width() - self._image.width()) < 0.5
                and abs(target.height() - self._image.height()) < 0.5
            )
            if same_scale:
                # panning: a plain blit at a whole-pixel offset (no resampling)
                painter.drawImage(QPoint(round(target.left()), round(target.top())), self._image)
            else:
                painter.drawImage(target, self._image, QRectF(self._image.rect()))
        else:
            painter.fillRect(self.rect(), QColor(self.background))
        if self._preview is not None and self._has_view:
            self._paint_preview(painter)
        if self.show_decorations and self._has_view:
            for corner, image in self._decorations():
                painter.drawImage(corner, image)
        if self._tool is not None:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._tool.paint(painter, self)
            painter.restore()
        painter.end()
        if self._trace_first_map and self.last_render_stats.get("visible"):
            self._trace_first_map = False
            startup_trace.mark("first_map")  # the startup benchmark's first frame with buildings
            trace = getattr(self.window(), "startup_trace", None)
            if trace is not None:
                trace.map_shown()

    # --- preview of polygons that are not in the project yet ------------------------------
    def set_preview(self, geometries) -> None:
        """Draw these polygons (RD) over the map as dashed outlines until cleared (None).

        Used to look at suggested clusters before accepting them. The path is built once
        in map coordinates and drawn through the view transform, so panning stays cheap.
        """
        if geometries is None or len(geometries) == 0:
            self._preview, self._preview_count = None, 0
            self.update()
            return
        arrays = GeometryArrays(np.asarray(geometries, dtype=object))
        rows = np.arange(arrays.n)
        coords, starts = arrays.gather(rows)
        connect = np.ones(len(coords), dtype=np.int32)
        if len(coords):
            connect[:-1] = ~starts[1:]
            connect[-1] = 0
        path = path_from_arrays(coords[:, 0], coords[:, 1], connect)
        self._preview, self._preview_count = path, arrays.n
        self.update()

    @property
    def preview_count(self) -> int:
        return self._preview_count

    def _paint_preview(self, painter: QPainter) -> None:
        state = self.view.state()
        scale = 1.0 / state.mpp
        transform = QTransform(
            scale,
            0,
            0,
            -scale,
            state.width / 2.0 - state.cx * scale,
            state.height / 2.0 + state.cy * scale,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(transform)
        halo = QPen(QColor(255, 255, 255, 220), 4.0)
        halo.setCosmetic(True)
        painter.setBrush(QColor(PREVIEW_COLOR[0], PREVIEW_COLOR[1], PREVIEW_COLOR[2], 30))
        painter.setPen(halo)
        painter.drawPath(self._preview)
        pen = QPen(QColor(*PREVIEW_COLOR), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen)
        painter.drawPath(self._preview)
        painter.restore()

    def show_extent(self, xmin, ymin, xmax, ymax) -> bool:
        """Bring a box into view: pan to it when it is off-screen, zoom out only when it
        does not fit. Returns whether the view changed (a cluster chosen in another panel)."""
        if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
            return False
        vx0, vy0, vx1, vy1 = self.extent()
        inside = xmin >= vx0 and xmax <= vx1 and ymin >= vy0 and ymax <= vy1
        if inside and self._has_view:
            return False
        fits = (xmax - xmin) <= 0.9 * (vx1 - vx0) and (ymax - ymin) <= 0.9 * (vy1 - vy0)
        if fits and self._has_view:
            self.set_center((xmin + xmax) / 2.0, (ymin + ymax) / 2.0)
        else:
            self.zoom_to_extent(xmin, ymin, xmax, ymax, 0.15)
        return True

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        if getattr(self._tool, "uses_right_button", False):
            return
        x, y = self.screen_to_map(QPointF(event.pos()))
        self.contextMenuRequested.emit(event.globalPos(), x, y)

    def _decorations(self) -> list[tuple[QPoint, QImage]]:
        """Scale bar and north arrow as small cached images (redrawn when size or scale change).

        Small images keep the per-frame cost of the decorations to two tiny blits while
        panning, instead of antialiased text and shapes on every paint.
        """
        ratio = self.devicePixelRatioF()
        w, h = self.width(), self.height()
        key = (w, h, self.view.mpp, ratio)
        if self._decoration_key != key:
            regions = [
                (QRect(0, max(h - 64, 0), min(w, 360), 64), paint_scale_bar),
                (
                    QRect(max(w - 80, 0), 0, 80, 80),
                    lambda p, w_, h_, _mpp: paint_north_arrow(p, w_, h_),
                ),
            ]
            items = []
            for rect, paint in regions:
                image = QImage(
                    int(rect.width() * ratio),
                    int(rect.height() * ratio),
                    QImage.Format.Format_ARGB32_Premultiplied,
                )
                image.setDevicePixelRatio(ratio)
                image.fill(Qt.GlobalColor.transparent)
                painter = QPainter(image)
                painter.translate(-rect.x(), -rect.y())
                paint(painter, w, h, self.view.mpp)
                painter.end()
                items.append((rect.topLeft(), image))
            self._decoration_image, self._decoration_key = items, key
        return self._decoration_image

    def resizeEvent(self, event) -> None:
        size = event.size()
        self.view.resize(size.width(), size.height())
        if not self._has_view:
            self.zoom_full()
        else:
            self._view_changed(record=False)
        super().resizeEvent(event)

    def showEvent(self, event) -> None:
        if not self._has_view:
            self.zoom_full()
        super().showEvent(event)

    def mousePressEvent(self, event) -> None:
        QToolTip.hideText()
        self._hover_timer.stop()
        if event.button() == Qt.MouseButton.MiddleButton:
            self._middle_last = event.position()
            return
        self._tool.mouse_press(event, self.screen_to_map(event.position()))

    def mouseMoveEvent(self, event) -> None:
        position = event.position()
        x, y = self.screen_to_map(position)
        self.cursorMoved.emit(x, y)
        if self._middle_last is not None:
            delta = position - self._middle_last
            self._middle_last = position
            self.pan_pixels(delta.x(), delta.y(), record=False)
            return
        self._tool.mouse_move(event, (x, y))
        if self.hover_tooltips and event.buttons() == Qt.MouseButton.NoButton:
            self._hover_pos = position
            self._hover_timer.start()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._middle_last is not None:
            self._middle_last = None
            self.commit_view()
            return
        self._tool.mouse_release(event, self.screen_to_map(event.position()))

    def mouseDoubleClickEvent(self, event) -> None:
        self._tool.mouse_double_click(event, self.screen_to_map(event.position()))

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps == 0:
            return
        self.zoom_by(WHEEL_STEP**steps, anchor=event.position(), record=False)
        self._history_timer.start()

    def keyPressEvent(self, event) -> None:
        if self._tool is not None and self._tool.key_press(event):
            return
        key = event.key()
        step_x, step_y = self.width() / 4.0, self.height() / 4.0
        if key == Qt.Key.Key_Left:
            self.pan_pixels(step_x, 0)
        elif key == Qt.Key.Key_Right:
            self.pan_pixels(-step_x, 0)
        elif key == Qt.Key.Key_Up:
            self.pan_pixels(0, step_y)
        elif key == Qt.Key.Key_Down:
            self.pan_pixels(0, -step_y)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_Home:
            self.zoom_full()
        elif key == Qt.Key.Key_Escape:
            self.document.set_selection([])
        else:
            super().keyPressEvent(event)

    def leaveEvent(self, event) -> None:
        self._hover_timer.stop()
        super().leaveEvent(event)

    # --- hover -----------------------------------------------------------------------------
    def tooltip_text(self, row: int) -> str:
        frame = self.document.project.buildings
        record = frame.iloc[row]
        lines = [self.tr("Pand {0}").format(record.get("building_id", ""))]
        address = " ".join(str(record.get(c, "") or "") for c in ("address", "woonplaats")).strip()
        if address:
            lines.append(address)
        lines.append(self.tr("Risicoprofiel: {0}").format(record.get("risk_profile", "")))
        milestone = record.get("milestone", "")
        if milestone:
            lines.append(
                self.tr("Mijlpaal: {0}").format(MILESTONE_LABELS_NL.get(milestone, milestone))
            )
        cluster = record.get("cluster_id", "")
        if cluster:
            lines.append(self.tr("Cluster: {0}").format(cluster))
        return "\n".join(lines)

    def _show_hover_tooltip(self) -> None:
        if self._hover_pos is None or not self.underMouse():
            return
        row = self.building_at(*self.screen_to_map(self._hover_pos))
        if row is None:
            QToolTip.hideText()
            return
        QToolTip.showText(self.mapToGlobal(self._hover_pos.toPoint()), self.tooltip_text(row), self)

    # --- lifecycle -------------------------------------------------------------------------
    def _on_project_replaced(self) -> None:
        if self.layers.took_preview and self._has_view:
            return  # its footprints were drawn while it was read: the view the planner has
        self._has_view = False
        self.zoom_full()

    def closeEvent(self, event) -> None:
        self._renderer.wait(5000)
        super().closeEvent(event)
