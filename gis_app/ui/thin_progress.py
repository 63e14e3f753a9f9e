"""A thin bar that says a plan is being computed, and how far it is.

Not ``QProgressBar``: its ``setValue`` repaints at once (synchronously, so that progress
shows even while the UI thread is blocked), and showing or hiding it lays its panel out
again; in the planning panel that cost 20 to 45 ms of the UI thread at every recompute,
while the planner drags a slider. This bar keeps its place in the layout, paints nothing
while idle, and asks for an ordinary repaint when its state changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Height of the bar in pixels.
BAR_HEIGHT = 6


class ThinProgress(QWidget):
    """``set_busy(True)``: a pale bar (work started, no fraction known yet);
    ``set_fraction(f)``: the first ``f`` of it filled; ``set_busy(False)``: nothing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFixedHeight(BAR_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.busy = False
        self.fraction: float | None = None  # None: busy, how far not known yet

    def set_busy(self, busy: bool) -> None:
        busy = bool(busy)
        if busy != self.busy:
            self.busy = busy
            self.fraction = None
            self.update()

    def set_fraction(self, fraction: float) -> None:
        fraction = min(max(float(fraction), 0.0), 1.0)
        if self.busy and fraction != self.fraction:
            self.fraction = fraction
            self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        if not self.busy:
            return
        painter = QPainter(self)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        track = QColor(highlight)
        track.setAlpha(60)
        rect = QRectF(self.rect())
        painter.fillRect(rect, track)
        if self.fraction:
            rect.setWidth(rect.width() * self.fraction)
            painter.fillRect(rect, highlight)
        painter.end()


__all__ = ["BAR_HEIGHT", "ThinProgress"]
