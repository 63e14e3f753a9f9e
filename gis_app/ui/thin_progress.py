"""A thin bar that says a plan is being computed, and how far it is.

Not ``QProgressBar``: its ``setValue`` repaints at once (synchronously, so that progress
shows even while the UI thread is blocked), and showing or hiding it lays its panel out
again; in the planning panel that cost 20 to 45 ms of the UI thread at every recompute,
while the planner drags a slider. This bar keeps its place in the layout and is drawn by
Qt alone: two widgets filling their backgrounds, the track and the part done, so a
repaint needs no Python (and no GIL, which a worker computing the plan holds).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Height of the bar in pixels.
BAR_HEIGHT = 6
#: Opacity (0-255) of the track: the highlight colour, pale.
TRACK_ALPHA = 60


def _fill(widget: QWidget, color: QColor) -> None:
    palette = QPalette(widget.palette())
    palette.setColor(QPalette.ColorRole.Window, color)
    widget.setPalette(palette)


class ThinProgress(QWidget):
    """``set_busy(True)``: a pale bar (work started, no fraction known yet);
    ``set_fraction(f)``: the first ``f`` of it filled; ``set_busy(False)``: nothing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFixedHeight(BAR_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        self._done = QWidget(self)
        self._done.setAutoFillBackground(True)
        self._done.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.busy = False
        self.fraction: float | None = None  # None: busy, how far not known yet
        self._show_state()

    def set_busy(self, busy: bool) -> None:
        busy = bool(busy)
        if busy != self.busy:
            self.busy = busy
            self.fraction = None
            self._show_state()

    def set_fraction(self, fraction: float) -> None:
        fraction = min(max(float(fraction), 0.0), 1.0)
        if self.busy and fraction != self.fraction:
            self.fraction = fraction
            self._show_state()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._show_state()

    def _show_state(self) -> None:
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        track = QColor(highlight)
        track.setAlpha(TRACK_ALPHA if self.busy else 0)
        _fill(self, track)
        _fill(self._done, highlight)
        width = round(self.width() * self.fraction) if self.busy and self.fraction else 0
        self._done.setGeometry(0, 0, width, self.height())
        self._done.setVisible(width > 0)


__all__ = ["BAR_HEIGHT", "ThinProgress"]
