"""Drawing the map into a QImage, off the UI thread.

:func:`render_map` is a pure function of a :class:`RenderRequest` (a frozen view plus
snapshots of the layers' arrays and colours): it is what the worker runs and what tests
and ``MapCanvas.render_now()`` call synchronously. QImage and QPainter are safe outside
the UI thread; QPixmap is not and is never used here.

How buildings are drawn fast (the QGIS recipe, vectorised):

* visibility is a vectorised bounding-box test over all buildings (~1–2 ms at 300,000);
* level of detail: buildings whose bounding box is under :data:`LOD_PIXELS` on screen
  are rasterised with numpy straight into the image buffer as 1–3 pixel blocks (a
  polygon that small is indistinguishable from its box), which is what makes the
  full-extent view of 300,000 footprints take tens of milliseconds;
* larger buildings are grouped by colour (a style has a handful of colours) and each
  group becomes one ``QPainterPath`` built from the flat vertex arrays in one go
  (:func:`~gis_app.ui.map.qpath.path_from_arrays`), filled with the odd-even rule so holes stay holes;
* outlines only when zoomed in (``mpp <= OUTLINE_MAX_MPP``), labels only below
  1:``LABEL_MAX_SCALE`` and for at most ``MAX_LABELS`` buildings.

Cluster names are drawn at a point inside each visible cluster (``point_on_surface``)
from 1:``CLUSTER_LABEL_MAX_SCALE`` on (the canvas leaves ``labels`` empty when zoomed
out further), bold with a white halo so they read over buildings of any colour; a name
that would overlap one already drawn is left out rather than drawn on top of it.

The :class:`Renderer` is a latest-request-wins lane of the application's task runner
(:mod:`gis_app.ui.tasks`): one render at a time; a newer request replaces the queued one
and cancels the running one (which stops between layers), so the UI always gets the
newest view as soon as a thread is free and never an outdated image.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen, QTransform

from gis_app.core.spatial import GEOM_LINE, GEOM_POINT, GeometryArrays
from gis_app.core.styling import (
    CLUSTER_CASING,
    SELECTED_CLUSTER_COLOR,
    SELECTION_HALO,
    SELECTION_HALO_DARK,
    cluster_outline,
)
from gis_app.ui.map.qpath import path_from_arrays, polygon_from_arrays
from gis_app.ui.map.view import ViewState
from gis_app.ui.tasks import LatestOnly

LOD_PIXELS = 3.0
RASTER_MIN_PIXELS = 2
OUTLINE_MAX_MPP = 1.0  # outlines from about 1:3,800 on a 96 dpi screen
LABEL_MAX_SCALE = 2000.0
CLUSTER_LABEL_MAX_SCALE = 15000.0  # cluster names from 1:15,000 on (a 300 m cluster ~2 cm)
MAX_LABELS = 1500
ANTIALIAS_MAX_POLYGONS = 600
CHUNK_VERTICES = 3000
TILE_METRES = 250.0
CACHE_MAX_MPP = 1.0  # from about 1:3,800 on: draw from cached tile paths
BACKGROUND = "#f7f7f4"
SELECTION_COLOR = SELECTION_HALO  # kept for callers that name it
SELECTION_OUTLINE = SELECTION_HALO_DARK
HALO_PIXELS = 6
AREA_OUTLINE_MIN_PIXELS = 10  # clusters smaller than this on screen: tint only...
AREA_OUTLINE_CROWD = 150  # ...when more than this many are in view  # a selected building seen as a dot gets a ring of at least this size
OUTLINE_COLOR = (50, 50, 50, 170)
IMAGE_FORMAT = QImage.Format.Format_ARGB32_Premultiplied

KIND_BUILDINGS = "buildings"
KIND_OUTLINED = "outlined"  # clusters and work packages: one colour per feature
KIND_VECTOR = "vector"


@dataclass(frozen=True)
class LayerSnapshot:
    kind: str
    arrays: GeometryArrays
    opacity: float = 1.0
    colors: np.ndarray | None = None  # (n, 4) uint8 RGBA per feature (buildings, clusters)
    packed: np.ndarray | None = None  # colors as premultiplied ARGB32 (cached by the caller)
    selected: np.ndarray | None = None  # row positions (buildings) or bool mask (clusters)
    fill: str = ""
    stroke: str = ""
    width: float = 1.0
    fill_alpha: int = 160
    outline: bool = True
    labels: np.ndarray | None = None  # text per building (per cluster: its name), or None
    dashed: bool = False
    part: str = "both"  # outlined layers: "fill", "outline" or "both" (see _draw_outlined)


@dataclass(frozen=True)
class RenderRequest:
    view: ViewState
    layers: tuple[LayerSnapshot, ...]
    generation: int = 0
    scale_denominator: float = 0.0
    background: str = BACKGROUND


@dataclass
class RenderResult:
    generation: int
    view: ViewState
    image: QImage
    seconds: float
    stats: dict = field(default_factory=dict)


# --- the pure render function ---------------------------------------------------------------


def render_map(request: RenderRequest, progress=None) -> RenderResult:
    start = time.perf_counter()
    view = request.view
    image = QImage(view.width, view.height, IMAGE_FORMAT)
    image.fill(QColor(request.background))
    stats: dict = {}
    for snapshot in request.layers:
        if progress is not None:
            progress(0.0)  # raises Cancelled when a newer request superseded this one
        if snapshot.opacity <= 0.0 or snapshot.arrays is None or snapshot.arrays.n == 0:
            continue
        if snapshot.opacity < 1.0:
            layer_image = QImage(view.width, view.height, IMAGE_FORMAT)
            layer_image.fill(Qt.GlobalColor.transparent)
            _draw_layer(layer_image, view, snapshot, request, stats)
            painter = QPainter(image)
            painter.setOpacity(snapshot.opacity)
            painter.drawImage(0, 0, layer_image)
            painter.end()
        else:
            _draw_layer(image, view, snapshot, request, stats)
    return RenderResult(request.generation, view, image, time.perf_counter() - start, stats)


def _draw_layer(image: QImage, view: ViewState, snap: LayerSnapshot, request, stats) -> None:
    if snap.kind == KIND_BUILDINGS:
        _draw_buildings(image, view, snap, request, stats)
    elif snap.kind == KIND_OUTLINED:
        _draw_outlined(image, view, snap)
    else:
        _draw_vector(image, view, snap)


def _visible_rows(arrays: GeometryArrays, view: ViewState) -> np.ndarray | None:
    """Visible rows, or ``None`` when every row is visible (saves copying all arrays)."""
    rows = arrays.bbox_rows(*view.extent)
    return None if len(rows) == arrays.n else rows


def _premultiplied(colors: np.ndarray) -> np.ndarray:
    """RGBA uint8 rows -> ARGB32 premultiplied uint32 (the QImage pixel format)."""
    c = colors.astype(np.uint32)
    a = c[:, 3]
    r = c[:, 0] * a // 255
    g = c[:, 1] * a // 255
    b = c[:, 2] * a // 255
    return (a << 24) | (r << 16) | (g << 8) | b


def image_array(image: QImage) -> np.ndarray:
    """A writable ``(height, width)`` uint32 view of a 32-bit QImage's pixels."""
    stride = image.bytesPerLine() // 4
    array = np.ndarray((image.height(), stride), dtype=np.uint32, buffer=image.bits())
    return array[:, : image.width()]


def _raster_blocks(buffer, view, bounds, values, min_size: int = 1) -> None:
    """Write each bounding box (map units) as a 1–3 pixel block of ``values`` (uint32).

    ``buffer`` is the full ``(height, stride)`` pixel array. The first pass writes one
    pixel per box for all boxes; further passes only touch the boxes that are wider or
    taller, which at full extent are few.
    """
    x0, _, _, y1 = view.extent
    inv = 1.0 / view.mpp
    sx0 = np.floor((bounds[:, 0] - x0) * inv).astype(np.int32)
    sy0 = np.floor((y1 - bounds[:, 3]) * inv).astype(np.int32)
    wx = np.floor((bounds[:, 2] - x0) * inv).astype(np.int32) - sx0
    wy = np.floor((y1 - bounds[:, 1]) * inv).astype(np.int32) - sy0
    if min_size > 1:
        grow = min_size - 1
        sx0 = sx0 + wx // 2 - grow // 2
        sy0 = sy0 + wy // 2 - grow // 2
        wx = np.maximum(wx, grow)
        wy = np.maximum(wy, grow)
    np.clip(wx, 0, 2, out=wx)
    np.clip(wy, 0, 2, out=wy)
    h, stride = buffer.shape
    width = view.width
    flat = buffer.reshape(-1)
    bigger = np.flatnonzero((wx > 0) | (wy > 0))
    for dy in range(3):
        for dx in range(3):
            if dx == 0 and dy == 0:
                px, py, val = sx0, sy0, values
            else:
                sub = bigger[(wx[bigger] >= dx) & (wy[bigger] >= dy)]
                if len(sub) == 0:
                    continue
                px, py, val = sx0[sub] + dx, sy0[sub] + dy, values[sub]
            ok = (px >= 0) & (px < width) & (py >= 0) & (py < h)
            index = py.astype(np.int64) * stride + px
            if ok.all():
                flat[index] = val
            else:
                flat[index[ok]] = val[ok]


def _raster_squares(buffer, view, bounds, value, size: int) -> None:
    """A ``size`` x ``size`` pixel square of one colour around each box's centre (few
    boxes: the selected ones), under the 1–3 pixel block drawn afterwards."""
    x0, _, _, y1 = view.extent
    inv = 1.0 / view.mpp
    cx = np.floor(((bounds[:, 0] + bounds[:, 2]) / 2.0 - x0) * inv).astype(np.int64)
    cy = np.floor((y1 - (bounds[:, 1] + bounds[:, 3]) / 2.0) * inv).astype(np.int64)
    h, stride = buffer.shape
    flat = buffer.reshape(-1)
    half = size // 2
    for dy in range(-half, size - half):
        for dx in range(-half, size - half):
            px, py = cx + dx, cy + dy
            ok = (px >= 0) & (px < view.width) & (py >= 0) & (py < h)
            flat[py[ok] * stride + px[ok]] = value


def _full_array(image: QImage) -> np.ndarray:
    stride = image.bytesPerLine() // 4
    return np.ndarray((image.height(), stride), dtype=np.uint32, buffer=image.bits())


def _rings_path(coords: np.ndarray, ring_start: np.ndarray, view: ViewState) -> QPainterPath:
    """One path of all rings (screen coordinates), odd-even fill."""
    if len(coords) == 0:
        return QPainterPath()
    sx, sy = view.to_screen(coords[:, 0], coords[:, 1])
    connect = np.ones(len(coords), dtype=np.int32)
    connect[:-1] = ~ring_start[1:]
    connect[-1] = 0
    path = path_from_arrays(sx, sy, connect)  # odd-even fill rule
    return path


def _draw_rows(
    painter: QPainter, arrays: GeometryArrays, rows: np.ndarray, view: ViewState
) -> None:
    """Draw the rings of ``rows`` with the painter's pen and brush, in chunks.

    PySide6 holds the GIL during each Qt call, so one huge ``drawPath`` in the worker
    would freeze the UI thread for its whole duration; paths of at most
    :data:`CHUNK_VERTICES` vertices keep every single call to a few milliseconds.
    """
    if len(rows) == 0:
        return
    if len(rows) > 1:
        rows = rows[np.argsort(arrays.spatial_key[rows], kind="stable")]
    counts = arrays.vertex_counts(rows)
    total = int(counts.sum())
    if total <= CHUNK_VERTICES:
        chunks = [rows]
    else:
        cum = np.cumsum(counts)
        cuts = np.searchsorted(cum, np.arange(CHUNK_VERTICES, total, CHUNK_VERTICES), side="right")
        chunks = np.split(rows, np.unique(cuts[(cuts > 0) & (cuts < len(rows))]))
    for chunk in chunks:
        coords, starts = arrays.gather(chunk)
        painter.drawPath(_rings_path(coords, starts, view))


def _qcolor(rgba, alpha: int | None = None) -> QColor:
    r, g, b, a = (int(v) for v in rgba)
    return QColor(r, g, b, a if alpha is None else alpha)


class TilePaths:
    """Building paths cached per square tile and colour, in tile-local map coordinates.

    Zoomed in (``mpp <= CACHE_MAX_MPP``) every visible building is drawn as a polygon,
    and panning redraws the same buildings again and again. Each tile's paths (one per
    colour) are built once, on first use, and drawn with a painter transform, so a
    redraw costs only Qt's rasterisation. A cache belongs to one geometry array and one
    colour array; a restyle or new geometry makes a new one.
    """

    def __init__(self, arrays: GeometryArrays, packed: np.ndarray, colors: np.ndarray):
        self.arrays, self.packed, self.colors = arrays, packed, colors
        b = arrays.bounds
        cx = (b[:, 0] + b[:, 2]) / 2.0
        cy = (b[:, 1] + b[:, 3]) / 2.0
        ok = np.flatnonzero(np.isfinite(cx) & np.isfinite(cy))
        tx = np.floor(cx[ok] / TILE_METRES).astype(np.int64)
        ty = np.floor(cy[ok] / TILE_METRES).astype(np.int64)
        keys = (tx << 32) + ty
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        self.rows = ok[order]
        self.starts = np.r_[starts, len(order)]
        self.origin = np.stack(
            [tx[order][starts] * TILE_METRES, ty[order][starts] * TILE_METRES], axis=1
        )
        tb = b[self.rows]
        self.bounds = (
            np.stack(
                [
                    np.minimum.reduceat(tb[:, 0], starts),
                    np.minimum.reduceat(tb[:, 1], starts),
                    np.maximum.reduceat(tb[:, 2], starts),
                    np.maximum.reduceat(tb[:, 3], starts),
                ],
                axis=1,
            )
            if len(starts)
            else np.empty((0, 4))
        )
        self._paths: dict[int, list] = {}
        self._lock = threading.Lock()

    def visible(self, xmin, ymin, xmax, ymax) -> np.ndarray:
        b = self.bounds
        return np.flatnonzero(
            (b[:, 0] <= xmax) & (b[:, 2] >= xmin) & (b[:, 1] <= ymax) & (b[:, 3] >= ymin)
        )

    def tile_rows(self, tile: int) -> np.ndarray:
        return self.rows[self.starts[tile] : self.starts[tile + 1]]

    def paths(self, tile: int) -> list[tuple[QColor, QPainterPath]]:
        with self._lock:
            cached = self._paths.get(tile)
            if cached is not None:
                return cached
        rows = np.sort(self.tile_rows(tile))
        keys = self.packed[rows]
        ox, oy = self.origin[tile]
        out = []
        for key in np.unique(keys):
            group = rows[keys == key]
            coords, starts = self.arrays.gather(group)
            local = ViewState(ox, oy, 1.0, 0, 0)  # identity-like: x - ox, oy - y
            path = _rings_path(coords, starts, local)
            out.append((_qcolor(self.colors[group[0]]), path))
        with self._lock:
            self._paths[tile] = out
        return out

    def transform(self, tile: int, view: ViewState) -> QTransform:
        """Tile-local path coordinates (x - ox, oy - y) to screen pixels."""
        ox, oy = self.origin[tile]
        inv = 1.0 / view.mpp
        return QTransform(
            inv,
            0.0,
            0.0,
            inv,
            (ox - view.cx) * inv + view.width / 2.0,
            (view.cy - oy) * inv + view.height / 2.0,
        )


_TILE_CACHE_LOCK = threading.Lock()
_TILE_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def tile_paths(arrays: GeometryArrays, packed: np.ndarray, colors: np.ndarray) -> TilePaths:
    """The tile cache for these arrays and colours (made on first use, replaced on restyle)."""
    with _TILE_CACHE_LOCK:
        cache = _TILE_CACHES.get(arrays)
        if cache is None or cache.packed is not packed:
            cache = TilePaths(arrays, packed, colors)
            _TILE_CACHES[arrays] = cache
        return cache


def _draw_cached(image, view: ViewState, snap: LayerSnapshot, request, stats, packed) -> None:
    arrays = snap.arrays
    cache = tile_paths(arrays, packed, snap.colors)
    tiles = cache.visible(*view.extent)
    painter = QPainter(image)
    outline = snap.outline and view.mpp <= OUTLINE_MAX_MPP
    counts = cache.starts[tiles + 1] - cache.starts[tiles]
    n = int(counts.sum())
    stats["visible"] = int(len(arrays.bbox_rows(*view.extent)))
    stats["polygons"] = n  # drawn: whole tiles, Qt clips what falls outside
    stats["rasterised"] = 0
    stats["tiles"] = int(len(tiles))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, n <= ANTIALIAS_MAX_POLYGONS)
    painter.setPen(QPen(_qcolor(OUTLINE_COLOR), 0) if outline else QPen(Qt.PenStyle.NoPen))
    for tile in tiles:
        painter.setTransform(cache.transform(int(tile), view))
        for color, path in cache.paths(int(tile)):
            painter.setBrush(QBrush(color))
            painter.drawPath(path)
    painter.resetTransform()
    rows = None
    if snap.selected is not None and len(snap.selected):
        sel = np.asarray(snap.selected, dtype=np.int64)
        sel = sel[(sel >= 0) & (sel < arrays.n)]
        b = arrays.bounds[sel]
        xmin, ymin, xmax, ymax = view.extent
        chosen = sel[(b[:, 0] <= xmax) & (b[:, 2] >= xmin) & (b[:, 1] <= ymax) & (b[:, 3] >= ymin)]
        if len(chosen):
            _draw_selection_halo(painter, arrays, chosen, view, snap.colors)
    if snap.labels is not None and 0 < request.scale_denominator <= LABEL_MAX_SCALE:
        rows = arrays.bbox_rows(*view.extent)
        _draw_labels(painter, view, arrays, rows, snap.labels)
    painter.end()


def _draw_buildings(image, view: ViewState, snap: LayerSnapshot, request, stats) -> None:
    arrays = snap.arrays
    if view.mpp <= CACHE_MAX_MPP:
        packed = snap.packed if snap.packed is not None else _premultiplied(snap.colors)
        _draw_cached(image, view, snap, request, stats, packed)
        return
    rows = _visible_rows(arrays, view)
    everything = rows is None
    if everything:
        rows = np.arange(arrays.n)
    stats["visible"] = int(len(rows))
    if len(rows) == 0:
        return
    bounds = arrays.bounds if everything else arrays.bounds[rows]
    size_px = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]) / view.mpp
    small = size_px < LOD_PIXELS
    colors = snap.colors
    all_packed = snap.packed if snap.packed is not None else _premultiplied(colors)
    packed = all_packed if everything else all_packed[rows]
    if snap.selected is not None and len(snap.selected):
        selected = np.zeros(arrays.n, dtype=bool)
        sel = np.asarray(snap.selected, dtype=np.int64)
        selected[sel[(sel >= 0) & (sel < arrays.n)]] = True
        sel_rows = selected if everything else selected[rows]
    else:
        sel_rows = np.zeros(len(rows), dtype=bool)
    stats["rasterised"] = int(small.sum())
    stats["polygons"] = int((~small).sum())

    if small.any():
        buffer = _full_array(image)
        plain = small & ~sel_rows
        # at least 2x2 px: a lone farm in an overview stays visible
        if plain.all():
            _raster_blocks(buffer, view, bounds, packed, min_size=RASTER_MIN_PIXELS)
        else:
            _raster_blocks(buffer, view, bounds[plain], packed[plain], min_size=RASTER_MIN_PIXELS)
        if (small & sel_rows).any():
            # a halo: a larger block in the selection colour, the building's own colour
            # drawn again on top of it, so the risk colour stays visible
            chosen = small & sel_rows
            halo = _premultiplied(np.array([_rgba(SELECTION_HALO)], dtype=np.uint8))[0]
            _raster_squares(buffer, view, bounds[chosen], halo, HALO_PIXELS)
            _raster_blocks(buffer, view, bounds[chosen], packed[chosen], min_size=RASTER_MIN_PIXELS)

    large = ~small
    if not large.any():
        return
    painter = QPainter(image)
    # Qt's raster engine fills many polygons ~10x faster without antialiasing, and a
    # separate antialiased outline pass costs as much as the fills again. So: with few
    # polygons (close zoom) antialiased fills and outlines; with many, one aliased pass
    # that fills and outlines together (1 px outlines hide the stair steps anyway).
    outline = snap.outline and view.mpp <= OUTLINE_MAX_MPP
    n_large = int(large.sum())
    smooth = n_large <= ANTIALIAS_MAX_POLYGONS
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
    outline_pen = QPen(_qcolor(OUTLINE_COLOR), 0)
    painter.setPen(outline_pen if outline else QPen(Qt.PenStyle.NoPen))
    plain_rows = rows[large & ~sel_rows]
    if len(plain_rows):
        keys = packed[large & ~sel_rows]
        unique, inverse = np.unique(keys, return_inverse=True)
        order = np.argsort(inverse, kind="stable")
        splits = np.cumsum(np.bincount(inverse, minlength=len(unique)))[:-1]
        groups = np.split(plain_rows[order], splits)
        plain_colors = colors[plain_rows[order]]
        first = np.concatenate([[0], splits])
        for group, at in zip(groups, first, strict=True):
            painter.setBrush(QBrush(_qcolor(plain_colors[at])))
            _draw_rows(painter, arrays, group, view)
    chosen = rows[large & sel_rows]
    if len(chosen):
        _draw_selection_halo(painter, arrays, chosen, view, colors)
    if snap.labels is not None and 0 < request.scale_denominator <= LABEL_MAX_SCALE:
        _draw_labels(painter, view, arrays, rows[large], snap.labels)
    painter.end()


def _draw_selection_halo(painter: QPainter, arrays, rows, view, colors) -> None:
    """Selected buildings: a wide stroke in the selection colour, then the building's own
    fill on top (it covers the inner half of the stroke) and a thin dark line: a halo
    around the building that leaves its (risk) colour as it is."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    halo = QPen(QColor(SELECTION_HALO), 5.0)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(halo)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _draw_rows(painter, arrays, rows, view)
    painter.setPen(QPen(QColor(SELECTION_HALO_DARK), 1.2))
    if colors is None or len(colors) < arrays.n:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        _draw_rows(painter, arrays, rows, view)
    else:
        keys = colors[rows].view(np.uint32).ravel() if colors.dtype == np.uint8 else None
        if keys is None or len(keys) != len(rows):
            keys = np.zeros(len(rows), dtype=np.uint32)
        for key in np.unique(keys):
            group = rows[keys == key]
            painter.setBrush(QBrush(_qcolor(colors[group[0]])))
            _draw_rows(painter, arrays, group, view)
    painter.restore()


def _prepare_labels(
    painter: QPainter, view, arrays, rows, point_size: float, bold: bool, halo: QPen
):
    """Shared by the label painters: screen anchors (a point inside each feature), the
    font set on the painter, its metrics and the white halo pen; None when the anchors
    cannot be placed one per row."""
    xy = shapely.get_coordinates(shapely.point_on_surface(arrays.geometries[rows]))
    if len(xy) != len(rows):
        return None
    sx, sy = view.to_screen(xy[:, 0], xy[:, 1])
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    painter.setFont(font)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    return sx, sy, font, painter.fontMetrics(), halo


def _draw_labels(painter: QPainter, view, arrays, rows, labels) -> None:
    if len(rows) == 0:
        return
    rows = rows[:MAX_LABELS]
    prepared = _prepare_labels(
        painter, view, arrays, rows, 7.5, False, QPen(QColor(255, 255, 255, 220), 3)
    )
    if prepared is None:
        return
    sx, sy, font, metrics, halo = prepared
    text_path = QPainterPath()
    for i, (row, x, y) in enumerate(zip(rows, sx, sy, strict=True)):
        text = str(labels[row])
        if text:
            width = metrics.horizontalAdvance(text)
            text_path.addText(QPointF(x - width / 2.0, y + metrics.ascent() / 2.5), font, text)
        if (i + 1) % 100 == 0 or i == len(rows) - 1:  # short Qt calls: see _draw_rows
            painter.strokePath(text_path, halo)
            painter.fillPath(text_path, QBrush(QColor(30, 30, 30)))
            text_path = QPainterPath()


def _draw_outlined(image, view: ViewState, snap: LayerSnapshot) -> None:
    """Clusters and work packages: each feature in its own colour.

    ``snap.part`` says what to draw: ``"fill"`` (only the fill at ``fill_alpha``: the
    clusters' tint drawn under the buildings), ``"outline"`` (a white casing and the
    outline in the feature's colour darkened, see
    :func:`gis_app.core.styling.cluster_outline`) or ``"both"``. Features are grouped
    by colour, so a few paths draw hundreds of clusters. Selected features get a
    thicker outline in :data:`SELECTED_CLUSTER_COLOR` on top.
    """
    arrays = snap.arrays
    rows = _visible_rows(arrays, view)
    rows = np.arange(arrays.n) if rows is None else rows
    if len(rows) == 0:
        return
    selected = snap.selected if snap.selected is not None else np.zeros(arrays.n, dtype=bool)
    colors = (
        snap.colors
        if snap.colors is not None and len(snap.colors) == arrays.n
        else np.full((arrays.n, 4), 128, dtype=np.uint8)
    )
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(rows) <= ANTIALIAS_MAX_POLYGONS)
    keys = np.ascontiguousarray(colors[rows]).view(np.uint32).ravel()
    groups = [(rows[keys == key]) for key in np.unique(keys)]
    fill = snap.part in ("fill", "both") and snap.fill_alpha > 0
    outline = snap.part in ("outline", "both")
    if fill:
        painter.setPen(Qt.PenStyle.NoPen)
        for group in groups:
            painter.setBrush(QBrush(_qcolor(colors[group[0]], snap.fill_alpha)))
            _draw_rows(painter, arrays, group, view)
    if outline:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not snap.dashed:
            # at overview, with hundreds of clusters in view, a cluster of a few pixels is
            # only its tint: their outlines would hide the buildings' colours (confetti);
            # a handful of clusters keep their outlines, so they can be found
            b = arrays.bounds[rows]
            size_px = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) / view.mpp
            big = size_px >= AREA_OUTLINE_MIN_PIXELS
            if len(rows) > AREA_OUTLINE_CROWD and not big.all():
                rows = rows[big]
                keys = np.ascontiguousarray(colors[rows]).view(np.uint32).ravel()
                groups = [(rows[keys == key]) for key in np.unique(keys)]
            casing = QPen(_qcolor(CLUSTER_CASING), snap.width + 2.0)
            # bevel joins: round joins on hundreds of wide antialiased outlines cost 4x
            casing.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
            painter.setPen(casing)
            _draw_rows(painter, arrays, rows, view)
        for group in groups:
            color = (
                _qcolor(colors[group[0]])
                if snap.dashed
                else _qcolor(cluster_outline(tuple(int(v) for v in colors[group[0]])))
            )
            pen = QPen(color, snap.width)
            pen.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
            if snap.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            _draw_rows(painter, arrays, group, view)
        every = np.arange(arrays.n)
        chosen = every[np.asarray(selected, dtype=bool)] if len(selected) else every[:0]
        if len(chosen):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            casing = QPen(QColor(255, 255, 255, 230), snap.width * 2 + 4.0)
            casing.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(casing)
            _draw_rows(painter, arrays, chosen, view)
            pen = QPen(QColor(SELECTED_CLUSTER_COLOR), snap.width * 2 + 1.0)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            _draw_rows(painter, arrays, chosen, view)
    if outline and snap.labels is not None and len(snap.labels) == arrays.n:
        _draw_area_labels(painter, view, arrays, rows, snap.labels)
    painter.end()


def _draw_area_labels(painter: QPainter, view, arrays, rows, labels) -> None:
    """Names of areas (clusters) at a point inside each, bold with a white halo;
    overlapping names are skipped (first come, first drawn)."""
    prepared = _prepare_labels(
        painter, view, arrays, rows, 9.0, True, QPen(QColor(255, 255, 255, 235), 3.5)
    )
    if prepared is None:
        return
    sx, sy, font, metrics, halo = prepared
    taken: list[QRectF] = []
    for row, x, y in zip(rows.tolist(), sx, sy, strict=True):
        text = str(labels[row] or "")
        if not text or not (0 <= x <= view.width and 0 <= y <= view.height):
            continue
        width = metrics.horizontalAdvance(text)
        box = QRectF(x - width / 2.0 - 3, y - metrics.ascent(), width + 6, metrics.height() + 2)
        if any(box.intersects(other) for other in taken):
            continue
        taken.append(box)
        path = QPainterPath()
        path.addText(QPointF(x - width / 2.0, y + metrics.ascent() / 2.5), font, text)
        painter.strokePath(path, halo)
        painter.fillPath(path, QBrush(QColor(25, 25, 25)))


def _draw_vector(image, view: ViewState, snap: LayerSnapshot) -> None:
    """A background layer: one path, one simple style."""
    arrays = snap.arrays
    rows = _visible_rows(arrays, view)
    rows = np.arange(arrays.n) if rows is None else rows
    if len(rows) == 0:
        return
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    stroke = QPen(QColor(snap.stroke), snap.width) if snap.stroke else QPen(Qt.PenStyle.NoPen)
    if arrays.kind == GEOM_POINT:
        coords, _ = arrays.gather(rows)
        sx, sy = view.to_screen(coords[:, 0], coords[:, 1])
        color = QColor(snap.stroke or snap.fill or "#444444")
        dot = QPen(color, max(4.0, snap.width * 4.0))
        dot.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(dot)
        for at in range(0, len(sx), CHUNK_VERTICES):
            chunk = slice(at, at + CHUNK_VERTICES)
            painter.drawPoints(polygon_from_arrays(sx[chunk], sy[chunk]))
    else:
        painter.setPen(stroke)
        if arrays.kind == GEOM_LINE or not snap.fill:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setBrush(QBrush(QColor(_with_alpha(snap.fill, snap.fill_alpha))))
        _draw_rows(painter, arrays, rows, view)
    painter.end()


def _rgba(color: str, alpha: int = 255) -> tuple[int, int, int, int]:
    q = QColor(color)
    return q.red(), q.green(), q.blue(), alpha


def _with_alpha(color: str, alpha: int) -> QColor:
    q = QColor(color)
    q.setAlpha(int(alpha))
    return q


def target_rect(image_view: ViewState, current: ViewState) -> QRectF:
    """Where an image rendered for ``image_view`` lands on screen in the ``current`` view."""
    xmin, ymin, xmax, ymax = image_view.extent
    left, top = current.to_screen(xmin, ymax)
    right, bottom = current.to_screen(xmax, ymin)
    return QRectF(QPointF(left, top), QPointF(right, bottom))


# --- the off-thread runner ------------------------------------------------------------------


class Renderer(QObject):
    """Runs :func:`render_map` on the task runner; emits ``finished(RenderResult)`` for the
    newest request only (older ones are dropped), ``failed(error)`` likewise."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lane = LatestOnly(self)
        self._lane.resultReady.connect(self.finished)
        self._lane.failed.connect(self.failed)

    @property
    def busy(self) -> bool:
        return self._lane.is_busy()

    @property
    def dropped(self) -> int:
        """Superseded requests whose image was never shown (diagnostics)."""
        return self._lane.dropped

    def submit(self, request: RenderRequest) -> None:
        self._lane.submit(lambda progress: render_map(request, progress), name="render")

    def wait(self, msecs: int = 10000) -> bool:
        return self._lane.wait(msecs)
