"""PDF map sheets for contractors: the application's writer, and the Qt drawing of a sheet.

:func:`write_package_pdf` is what the window, the command line and the field packs pass
to an export: it writes the sheet with the direct writer of core
(:mod:`gis_app.core.export.pdf`: real text in the PDF base-14 fonts, a small fraction
of the cost of drawing with Qt), and draws it with Qt's PDF writer (this module,
:func:`write_package_pdf_qt`) only when a text of the sheet has a character outside
Windows code page 1252, which the base-14 fonts cannot show (e.g. a Chinese place name;
Dutch and Frisian names are in cp1252). Both draw the same sheet:

* page 1: title and package facts, the map of the package (buildings coloured by measure
  or risk, the package outline, the other buildings nearby in light grey) with a legend,
  a scale bar and a north arrow (RD New grid north, which is true north within a
  fraction of a degree in Groningen);
* page 2 and on: the table of buildings (BAG id, address when exported, measure,
  approach, dates). Rows are never split over two pages and the header row is repeated
  on every page (:func:`paginate` is the layout model; tests inspect it).

Every page has a footer with the export stamp and "pagina i van n".

The texts are in the language of the export (:mod:`gis_app.core.i18n`: the
``language_of`` block of :func:`gis_app.core.export.exporter.export_project`), so a
sheet for an English-speaking contractor is English throughout.

The Qt drawing uses the application font (DejaVu Sans where installed) and embeds it;
characters the installed fonts lack (e.g. Chinese on a machine without CJK fonts) print
as empty boxes, the rest of the sheet is unaffected. The house numbers and street names
are glyph outlines there, not text.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import shapely
from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from gis_app.core.errors import ExportError
from gis_app.core.export import pdf as direct
from gis_app.core.export.pdf import TableLayout, nice_length, paginate, scale_text
from gis_app.core.export.sheets import PackageSheet
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_path, describe_os_error

DPI = 300
MARGIN_MM = 12.0
FONT_FAMILY = "DejaVu Sans"
CELL_PAD = 0.03  # inch (about 0.75 mm), around cell text


def ensure_gui_application() -> QGuiApplication:
    """A Q(Gui)Application for painting; created offscreen-capable when none exists."""
    app = QGuiApplication.instance()
    if app is None:
        import os
        import sys

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app


def _mm(value: float) -> float:
    return value / 25.4 * DPI


#: Printed height of a house number's digits on the map (a contractor reads it on site).
HOUSE_NUMBER_MM = 2.5
STREET_NAME_PT = 9.0


def path_font(height_px: float, *, bold: bool = False, sample: str = "0123456789") -> QFont:
    """A font for ``QPainterPath.addText`` whose ``sample`` glyphs are ``height_px`` device
    pixels high. A path takes the font's pixel size as it is (a point size would be
    read at screen resolution and print about a third of the size on the sheet)."""
    font = QFont(FONT_FAMILY)
    font.setBold(bold)
    font.setPixelSize(100)
    measured = QFontMetricsF(font).tightBoundingRect(sample).height() or 72.0
    # a little over: whole pixel sizes and hinting make glyphs come out a hair smaller
    font.setPixelSize(max(1, math.ceil(100 * height_px / measured * 1.04)))
    return font


def _halo_text(painter: QPainter, path: QPainterPath, color: QColor, halo: float) -> None:
    painter.setPen(QPen(QColor(255, 255, 255, 235), halo))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(color))
    painter.drawPath(path)


def house_number_font(_device=None) -> QFont:
    """A bold font whose digits print at least :data:`HOUSE_NUMBER_MM` high."""
    return path_font(_mm(HOUSE_NUMBER_MM), bold=True)


def street_name_font() -> QFont:
    font = QFont(FONT_FAMILY)
    font.setItalic(True)
    font.setPixelSize(round(STREET_NAME_PT / 72 * DPI))
    return font


# --- drawing helpers ----------------------------------------------------------------------


def _font(point_size: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


class _MapTransform:
    def __init__(self, bounds: tuple[float, float, float, float], rect: QRectF):
        xmin, ymin, xmax, ymax = bounds
        width = max(xmax - xmin, 1.0)
        height = max(ymax - ymin, 1.0)
        self.scale = min(rect.width() / width, rect.height() / height)
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        self.ox = rect.center().x() - cx * self.scale
        self.oy = rect.center().y() + cy * self.scale

    def xy(self, coords: np.ndarray) -> np.ndarray:
        out = np.empty_like(coords)
        out[:, 0] = self.ox + coords[:, 0] * self.scale
        out[:, 1] = self.oy - coords[:, 1] * self.scale
        return out


def _path(geometries, transform: _MapTransform) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    coords, which, n_rings = direct.ring_coordinates(geometries)
    if len(coords) == 0:
        return path
    xy = transform.xy(coords)
    bounds = np.searchsorted(which, np.arange(n_rings + 1))
    for i in range(n_rings):
        ring = xy[bounds[i] : bounds[i + 1]]
        if len(ring) >= 3:
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
            path.closeSubpath()
    return path


# --- the writer ---------------------------------------------------------------------------


class _SheetPainter:
    def __init__(self, writer: QPdfWriter, sheet: PackageSheet):
        self.writer = writer
        self.sheet = sheet
        layout = writer.pageLayout()
        rect = layout.paintRectPixels(DPI)
        self.page = QRectF(0, 0, rect.width(), rect.height())
        self.body_font = _font(8)
        self.bold_font = _font(8, bold=True)
        self.small_font = _font(7)
        self.title_font = _font(15, bold=True)
        self.footer_height = _mm(6)

    # table geometry, shared by layout and drawing
    def table_columns(self, painter: QPainter) -> list[float]:
        sheet = self.sheet
        metrics = QFontMetricsF(self.body_font, painter.device())
        bold = QFontMetricsF(self.bold_font, painter.device())
        n = len(sheet.header)
        if n == 0:
            return []
        wants = []
        for j in range(n):
            widest = bold.horizontalAdvance(sheet.header[j])
            for row in sheet.rows[:2000]:
                widest = max(widest, metrics.horizontalAdvance(row[j]))
            wants.append(widest + 2 * CELL_PAD * DPI)
        return direct.fit_columns(wants, self.page.width())

    def row_height(
        self, painter: QPainter, cells: list[str], widths: list[float], font: QFont
    ) -> float:
        metrics = QFontMetricsF(font, painter.device())
        pad = CELL_PAD * DPI
        tallest = metrics.height()
        for text, width in zip(cells, widths, strict=True):
            box = metrics.boundingRect(
                QRectF(0, 0, max(width - 2 * pad, 1), 1e6),
                int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft),
                text,
            )
            tallest = max(tallest, box.height())
        return tallest + 2 * pad

    def table_layout(self, painter: QPainter) -> tuple[TableLayout, list[float]]:
        widths = self.table_columns(painter)
        header_h = self.row_height(painter, self.sheet.header, widths, self.bold_font)
        heights = [self.row_height(painter, row, widths, self.body_font) for row in self.sheet.rows]
        available = self.page.height() - self.footer_height - _mm(10)
        return paginate(heights, header_h, available), widths

    # drawing
    def footer(self, painter: QPainter, number: int, total: int) -> None:
        painter.setFont(self.small_font)
        painter.setPen(QColor("#444444"))
        rect = QRectF(
            0, self.page.height() - self.footer_height, self.page.width(), self.footer_height
        )
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.sheet.footer
        )
        painter.drawText(
            rect,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            t("pagina {number} van {total}", number=number, total=total),
        )

    def map_page(self, painter: QPainter) -> None:
        sheet = self.sheet
        painter.setPen(QColor("#000000"))
        painter.setFont(self.title_font)
        title_h = _mm(9)
        painter.drawText(
            QRectF(0, 0, self.page.width(), title_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            t("Werkpakket {title}", title=sheet.title),
        )
        # facts in two columns
        painter.setFont(self.body_font)
        metrics = QFontMetricsF(self.body_font, painter.device())
        line = metrics.height() * 1.15
        half = math.ceil(len(sheet.facts) / 2)
        col_w = self.page.width() / 2
        for i, (label, value) in enumerate(sheet.facts):
            col, r = divmod(i, half)
            x = col * col_w
            y = title_h + _mm(1) + r * line
            painter.setFont(self.bold_font)
            painter.drawText(QRectF(x, y, _mm(40), line), int(Qt.AlignmentFlag.AlignLeft), label)
            painter.setFont(self.body_font)
            painter.drawText(
                QRectF(x + _mm(40), y, col_w - _mm(42), line),
                int(Qt.AlignmentFlag.AlignLeft),
                value,
            )
        top = title_h + _mm(2) + half * line + _mm(2)
        frame = QRectF(
            0, top, self.page.width(), self.page.height() - self.footer_height - top - _mm(2)
        )
        painter.setPen(QPen(QColor("#606060"), _mm(0.25)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
        inner = frame.adjusted(_mm(4), _mm(4), -_mm(4), -_mm(4))
        self.draw_map(painter, inner)

    def draw_map(self, painter: QPainter, rect: QRectF) -> None:
        sheet = self.sheet
        geoms = sheet.buildings.geometry.to_numpy()
        bounds_geoms = [g for g in [*geoms, sheet.outline] if g is not None and not g.is_empty]
        if not bounds_geoms:
            painter.setFont(self.body_font)
            painter.setPen(QColor("#000000"))
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignCenter), t("Dit werkpakket bevat geen panden.")
            )
            return
        bounds = shapely.total_bounds(np.asarray(bounds_geoms, dtype=object))
        pad = max(bounds[2] - bounds[0], bounds[3] - bounds[1]) * 0.05 + 10
        bounds = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
        transform = _MapTransform(bounds, rect)
        painter.save()
        painter.setClipRect(rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        thin = _mm(0.12)
        if len(sheet.context):
            painter.setPen(QPen(QColor("#b0b0b0"), thin))
            painter.setBrush(QBrush(QColor("#ececec")))
            painter.drawPath(_path(sheet.context, transform))
        colors = np.asarray(sheet.colors, dtype=object)
        for color in dict.fromkeys(sheet.colors):
            painter.setPen(QPen(QColor("#303030"), thin))
            painter.setBrush(QBrush(QColor(color)))
            painter.drawPath(_path(geoms[colors == color], transform))
        if sheet.outline is not None and not sheet.outline.is_empty:
            pen = QPen(QColor("#0050a0"), _mm(0.6))
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_path([sheet.outline], transform))
        self.labels(painter, transform)
        painter.restore()
        self.legend(painter, rect)
        self.scale_bar(painter, rect, transform)
        self.north_arrow(painter, rect)

    def labels(self, painter: QPainter, transform: _MapTransform) -> None:
        """House numbers on the buildings (row numbers where a pand has no address), with a
        white halo so they read on any colour; a label that would overlap one already
        printed is left out rather than printed illegibly. Then the street names, each
        placed along its houses where it covers the fewest house numbers."""
        placed: list[QRectF] = []
        points = self.sheet.label_points
        if len(points):
            font = house_number_font()
            metrics = QFontMetricsF(font)
            xy = transform.xy(np.asarray(points, dtype=float))
            texts = self.sheet.label_texts or [str(i + 1) for i in range(len(xy))]
            for (x, y), text in zip(xy, texts, strict=False):
                width = metrics.horizontalAdvance(text)
                box = QRectF(x - width / 2, y - metrics.capHeight() / 2, width, metrics.capHeight())
                if any(box.intersects(other) for other in placed):
                    continue
                placed.append(box.adjusted(-_mm(0.4), -_mm(0.4), _mm(0.4), _mm(0.4)))
                path = QPainterPath()
                path.addText(QPointF(x - width / 2, y + metrics.capHeight() / 2), font, text)
                _halo_text(painter, path, QColor("#000000"), _mm(0.6))
        self.street_names(painter, transform, placed)

    def street_names(
        self, painter: QPainter, transform: _MapTransform, numbers: list[QRectF]
    ) -> None:
        """Each street's name along its houses, in dark blue italics."""
        if not self.sheet.street_labels:
            return
        font = street_name_font()
        metrics = QFontMetricsF(font)
        line = metrics.height()
        # the house-number boxes as arrays: scoring a position is then one comparison
        # (QRectF.contains counts the edges as inside, as here)
        boxes = np.array(
            [(r.left(), r.top(), r.right(), r.bottom()) for r in numbers], dtype=float
        ).reshape(-1, 4)
        for name, x, y, angle in self.sheet.street_labels:
            ((px, py),) = transform.xy(np.array([[x, y]], dtype=float))
            width = metrics.horizontalAdvance(name)
            theta = math.radians(-angle)
            along = np.array([math.cos(theta), math.sin(theta)])
            across = np.array([-along[1], along[0]])
            best = direct.street_label_centre((px, py), along, across, width, line, boxes)
            path = QPainterPath()
            path.addText(QPointF(-width / 2, metrics.capHeight() / 2), font, name)
            painter.save()
            painter.translate(*best)
            painter.rotate(-angle)  # map y points up, the page's y down
            _halo_text(painter, path, QColor("#1f3a68"), _mm(0.7))
            painter.restore()

    def legend(self, painter: QPainter, rect: QRectF) -> None:
        sheet = self.sheet
        metrics = QFontMetricsF(self.body_font, painter.device())
        line = metrics.height() * 1.3
        items = [(f"{i.label} ({i.count})", QColor(i.color), "fill") for i in sheet.legend]
        items.append((t("overige panden"), QColor("#ececec"), "fill"))
        items.append((t("grens werkpakket"), QColor("#0050a0"), "line"))
        width = max(metrics.horizontalAdvance(t) for t, _, _ in items) + _mm(10)
        height = line * (len(items) + 1) + _mm(2)
        box = QRectF(rect.left() + _mm(2), rect.bottom() - height - _mm(2), width, height)
        painter.setPen(QPen(QColor("#808080"), _mm(0.2)))
        painter.setBrush(QBrush(QColor(255, 255, 255, 235)))
        painter.drawRect(box)
        painter.setPen(QColor("#000000"))
        painter.setFont(self.bold_font)
        painter.drawText(QRectF(box.left() + _mm(2), box.top() + _mm(1), width, line), t("Legenda"))
        painter.setFont(self.body_font)
        for i, (text, color, kind) in enumerate(items, start=1):
            y = box.top() + _mm(1) + i * line
            swatch = QRectF(box.left() + _mm(2), y + line * 0.15, _mm(4), line * 0.6)
            if kind == "fill":
                painter.setPen(QPen(QColor("#303030"), _mm(0.12)))
                painter.setBrush(QBrush(color))
                painter.drawRect(swatch)
            else:
                pen = QPen(color, _mm(0.6))
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(
                    swatch.left(), swatch.center().y(), swatch.right(), swatch.center().y()
                )
            painter.setPen(QColor("#000000"))
            painter.drawText(
                QRectF(swatch.right() + _mm(2), y, width, line),
                int(Qt.AlignmentFlag.AlignLeft),
                text,
            )

    def scale_bar(self, painter: QPainter, rect: QRectF, transform: _MapTransform) -> None:
        metres = nice_length(rect.width() * 0.2 / transform.scale)
        length = metres * transform.scale
        height = _mm(1.6)
        x0 = rect.right() - length - _mm(6)
        y0 = rect.bottom() - _mm(8)
        painter.setPen(QPen(QColor("#000000"), _mm(0.2)))
        for k in range(4):
            painter.setBrush(QBrush(QColor("#000000") if k % 2 == 0 else QColor("#ffffff")))
            painter.drawRect(QRectF(x0 + k * length / 4, y0, length / 4, height))
        painter.setFont(self.small_font)
        label = f"{metres:g} m" if metres < 1000 else f"{metres / 1000:g} km"
        painter.drawText(
            QRectF(x0 - _mm(5), y0 + height, _mm(10), _mm(4)),
            int(Qt.AlignmentFlag.AlignCenter),
            "0",
        )
        painter.drawText(
            QRectF(x0 + length - _mm(10), y0 + height, _mm(20), _mm(4)),
            int(Qt.AlignmentFlag.AlignCenter),
            label,
        )
        denominator = 1 / (transform.scale / DPI * 0.0254)
        painter.drawText(
            QRectF(x0 - _mm(10), y0 - _mm(5), length + _mm(20), _mm(4)),
            int(Qt.AlignmentFlag.AlignCenter),
            t("schaal ca. 1:{denominator}", denominator=scale_text(denominator)),
        )

    def north_arrow(self, painter: QPainter, rect: QRectF) -> None:
        cx = rect.right() - _mm(10)
        top = rect.top() + _mm(4)
        h = _mm(12)
        w = _mm(5)
        left = QPolygonF(
            [QPointF(cx, top), QPointF(cx - w / 2, top + h), QPointF(cx, top + h * 0.75)]
        )
        right = QPolygonF(
            [QPointF(cx, top), QPointF(cx + w / 2, top + h), QPointF(cx, top + h * 0.75)]
        )
        painter.setPen(QPen(QColor("#000000"), _mm(0.2)))
        painter.setBrush(QBrush(QColor("#000000")))
        painter.drawPolygon(left)
        painter.setBrush(QBrush(QColor("#ffffff")))
        painter.drawPolygon(right)
        painter.setFont(self.bold_font)
        painter.drawText(
            QRectF(cx - _mm(4), top + h, _mm(8), _mm(5)), int(Qt.AlignmentFlag.AlignCenter), "N"
        )

    def table_page(
        self, painter: QPainter, layout: TableLayout, widths: list[float], page_rows: list[int]
    ) -> None:
        sheet = self.sheet
        painter.setPen(QColor("#000000"))
        painter.setFont(self.bold_font)
        title_h = _mm(8)
        painter.drawText(
            QRectF(0, 0, self.page.width(), title_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            t("Werkpakket {title} — panden", title=sheet.title),
        )
        y = _mm(10)
        self._row(
            painter,
            sheet.header,
            widths,
            y,
            layout.header_height,
            self.bold_font,
            QColor("#d9e2ec"),
        )
        y += layout.header_height
        for i in page_rows:
            shade = QColor("#f4f6f8") if i % 2 else None
            self._row(
                painter, sheet.rows[i], widths, y, layout.row_heights[i], self.body_font, shade
            )
            y += layout.row_heights[i]

    def _row(self, painter, cells, widths, y, height, font, shade) -> None:
        pad = CELL_PAD * DPI
        x = 0.0
        if shade is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(shade))
            painter.drawRect(QRectF(0, y, sum(widths), height))
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        for text, width in zip(cells, widths, strict=True):
            painter.drawText(
                QRectF(x + pad, y + pad, max(width - 2 * pad, 1), height - 2 * pad),
                int(
                    Qt.TextFlag.TextWordWrap
                    | Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignTop
                ),
                text,
            )
            x += width
        painter.setPen(QPen(QColor("#c0c0c0"), _mm(0.1)))
        painter.drawLine(QPointF(0, y + height), QPointF(sum(widths), y + height))


def layout_for(sheet: PackageSheet) -> TableLayout:
    """The table layout the PDF of ``sheet`` uses (for tests and previews)."""
    try:
        return direct.sheet_pdf(sheet)[1]  # the whole sheet: any text may need Qt
    except direct.UnprintableText:
        return layout_for_qt(sheet)


def layout_for_qt(sheet: PackageSheet) -> TableLayout:
    """The table layout of the Qt drawing of ``sheet``."""
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(_new_writer_layout())
    painter = QPainter(writer)
    try:
        layout, _ = _SheetPainter(writer, sheet).table_layout(painter)
    finally:
        painter.end()
    return layout


def new_pdf_writer(path: Path, title: str, layout: QPageLayout, dpi: int) -> QPdfWriter:
    """A PDF writer for ``path`` with our creator, ``title``, page ``layout`` and resolution."""
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    writer.setCreator("gis_app")
    writer.setTitle(title)
    writer.setPageLayout(layout)
    return writer


def _new_writer_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def write_package_pdf(path: str | Path, sheet: PackageSheet) -> TableLayout:
    """Write ``sheet`` as a PDF at ``path`` (atomically) with the direct writer, or with
    Qt when a text is outside cp1252 (see the module docstring); returns the table layout."""
    try:
        return direct.write_package_pdf(path, sheet)  # checks the sheet's texts first
    except direct.UnprintableText:
        return write_package_pdf_qt(path, sheet)


def write_package_pdf_qt(path: str | Path, sheet: PackageSheet) -> TableLayout:
    """Draw ``sheet`` with Qt into a PDF at ``path`` (atomically); returns the table layout."""
    ensure_gui_application()
    path = Path(path)
    try:
        with atomic_path(path) as temp:
            writer = new_pdf_writer(
                temp, t("Werkpakket {title}", title=sheet.title), _new_writer_layout(), DPI
            )
            painter = QPainter(writer)
            if not painter.isActive():
                raise ExportError(t("PDF kon niet worden aangemaakt"), path=path)
            try:
                drawer = _SheetPainter(writer, sheet)
                layout, widths = drawer.table_layout(painter)
                total = 1 + layout.page_count
                drawer.map_page(painter)
                drawer.footer(painter, 1, total)
                for number, rows in enumerate(layout.pages, start=2):
                    writer.newPage()
                    drawer.table_page(painter, layout, widths, rows)
                    drawer.footer(painter, number, total)
            finally:
                painter.end()
    except OSError as error:
        raise ExportError(
            t("PDF niet geschreven: {reason}", reason=describe_os_error(error)), path=path
        ) from error
    return layout


__all__ = [
    "TableLayout",
    "ensure_gui_application",
    "layout_for",
    "layout_for_qt",
    "paginate",
    "write_package_pdf",
    "write_package_pdf_qt",
]
