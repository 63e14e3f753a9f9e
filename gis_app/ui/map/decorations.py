"""Scale bar and north arrow, painted by the canvas on top of the map image.

They are painted in the canvas's paintEvent (not into the rendered image), so they stay
crisp and correct while the old image is being shifted during a pan. RD New grid north
differs from true north by under 1° in Groningen, so the arrow points straight up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from gis_app.ui.map.view import nice_length

MARGIN = 12


def format_length(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000.0
        text = f"{km:.0f}" if km == int(km) else f"{km:.1f}".replace(".", ",")
        return QCoreApplication.translate("ScaleBar", "{0} km").format(text)
    text = f"{metres:.0f}" if metres >= 1 else f"{metres:.1f}".replace(".", ",")
    return QCoreApplication.translate("ScaleBar", "{0} m").format(text)


def scale_bar_length(mpp: float, max_pixels: float = 160.0) -> tuple[float, float]:
    """(metres, pixels) of a round-numbered scale bar at most ``max_pixels`` long."""
    metres = nice_length(mpp * max_pixels)
    return metres, metres / mpp if mpp > 0 else 0.0


def paint_scale_bar(painter: QPainter, width: int, height: int, mpp: float) -> None:
    metres, pixels = scale_bar_length(mpp)
    if pixels <= 0:
        return
    x0 = MARGIN + 6
    y0 = height - MARGIN - 6
    half = pixels / 2.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont()
    font.setPointSizeF(8.0)
    painter.setFont(font)
    label = format_length(metres)
    label_width = painter.fontMetrics().horizontalAdvance(label)
    box = QRectF(x0 - 6, y0 - 24, pixels + label_width + 22, 30)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawRoundedRect(box, 3, 3)
    # two-tone bar, as on printed maps
    painter.setPen(QPen(QColor(40, 40, 40), 1))
    painter.setBrush(QColor(40, 40, 40))
    painter.drawRect(QRectF(x0, y0 - 6, half, 5))
    painter.setBrush(QColor(255, 255, 255))
    painter.drawRect(QRectF(x0 + half, y0 - 6, half, 5))
    painter.setPen(QColor(20, 20, 20))
    painter.drawText(QPointF(x0, y0 - 10), "0")
    painter.drawText(QPointF(x0 + pixels + 6, y0 - 1), label)
    painter.restore()


def paint_north_arrow(painter: QPainter, width: int, height: int) -> None:
    size = 26.0
    cx = width - MARGIN - size / 2.0
    top = MARGIN + 14.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawEllipse(QPointF(cx, top + size / 2.0), size * 0.78, size * 0.78)
    left = QPolygonF(
        [QPointF(cx, top), QPointF(cx - size * 0.35, top + size), QPointF(cx, top + size * 0.75)]
    )
    right = QPolygonF(
        [QPointF(cx, top), QPointF(cx + size * 0.35, top + size), QPointF(cx, top + size * 0.75)]
    )
    painter.setPen(QPen(QColor(30, 30, 30), 1))
    painter.setBrush(QBrush(QColor(30, 30, 30)))
    painter.drawPolygon(left)
    painter.setBrush(QBrush(QColor(255, 255, 255)))
    painter.drawPolygon(right)
    font = QFont()
    font.setPointSizeF(8.5)
    font.setBold(True)
    path = QPainterPath()
    letter = QCoreApplication.translate("NorthArrow", "N")
    metrics = painter.fontMetrics()
    path.addText(QPointF(cx - metrics.horizontalAdvance(letter) / 2.0, top - 2), font, letter)
    painter.setBrush(QColor(30, 30, 30))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPath(path)
    painter.restore()
