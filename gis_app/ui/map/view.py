"""The map view as plain numbers: centre, metres per pixel, widget size, view history.

No Qt: the canvas owns a :class:`MapView`, the renderer receives a frozen copy
(:class:`ViewState`) so a render in a worker thread never sees a view that changes
under it. Screen y grows downwards, map y (RD northing) grows upwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Metres per inch, for the scale denominator.
METRES_PER_INCH = 0.0254
MIN_MPP = 0.01  # 1 cm per pixel: closer is never useful for footprints
MAX_MPP = 5000.0


@dataclass(frozen=True)
class ViewState:
    cx: float
    cy: float
    mpp: float  # metres per pixel
    width: int
    height: int

    @property
    def extent(self) -> tuple[float, float, float, float]:
        hw, hh = self.width * self.mpp / 2.0, self.height * self.mpp / 2.0
        return self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh

    def to_screen(self, x, y):
        """Map -> screen pixels; works on scalars and numpy arrays."""
        sx = (x - self.cx) / self.mpp + self.width / 2.0
        sy = (self.cy - y) / self.mpp + self.height / 2.0
        return sx, sy

    def to_map(self, sx, sy):
        x = self.cx + (sx - self.width / 2.0) * self.mpp
        y = self.cy - (sy - self.height / 2.0) * self.mpp
        return x, y


class MapView:
    """Mutable view with a QGIS-like previous/next history of committed extents."""

    def __init__(self, width: int = 800, height: int = 600):
        self.cx = 0.0
        self.cy = 0.0
        self.mpp = 1.0
        self.width = max(int(width), 1)
        self.height = max(int(height), 1)
        self._history: list[tuple[float, float, float]] = []
        self._index = -1

    # --- state -----------------------------------------------------------------------------
    def state(self) -> ViewState:
        return ViewState(self.cx, self.cy, self.mpp, self.width, self.height)

    def set_state(self, cx: float, cy: float, mpp: float) -> None:
        self.cx, self.cy = float(cx), float(cy)
        self.mpp = float(min(max(mpp, MIN_MPP), MAX_MPP))

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = max(int(width), 1), max(int(height), 1)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return self.state().extent

    # --- transforms ------------------------------------------------------------------------
    def to_screen(self, x, y):
        return self.state().to_screen(x, y)

    def to_map(self, sx, sy):
        return self.state().to_map(sx, sy)

    # --- navigation ------------------------------------------------------------------------
    def fit_extent(self, xmin: float, ymin: float, xmax: float, ymax: float, margin=0.05) -> None:
        """Show the whole box (plus a margin fraction on each side), keeping square pixels."""
        w = max(xmax - xmin, 1.0)
        h = max(ymax - ymin, 1.0)
        mpp = max(w / self.width, h / self.height) * (1.0 + 2.0 * margin)
        self.set_state((xmin + xmax) / 2.0, (ymin + ymax) / 2.0, mpp)

    def zoom(self, factor: float, anchor_screen: tuple[float, float] | None = None) -> None:
        """Zoom by ``factor`` (>1 zooms in) keeping the map point under ``anchor_screen`` fixed."""
        if anchor_screen is None:
            anchor_screen = (self.width / 2.0, self.height / 2.0)
        ax, ay = self.to_map(*anchor_screen)
        new_mpp = min(max(self.mpp / factor, MIN_MPP), MAX_MPP)
        sx, sy = anchor_screen
        self.mpp = new_mpp
        self.cx = ax - (sx - self.width / 2.0) * new_mpp
        self.cy = ay + (sy - self.height / 2.0) * new_mpp

    def pan_pixels(self, dx: float, dy: float) -> None:
        """Move the map content by (dx, dy) screen pixels (drag direction)."""
        self.cx -= dx * self.mpp
        self.cy += dy * self.mpp

    # --- history ---------------------------------------------------------------------------
    def push_history(self) -> None:
        """Record the current view as a history step (after a navigation has finished)."""
        entry = (self.cx, self.cy, self.mpp)
        if 0 <= self._index < len(self._history) and _same(self._history[self._index], entry):
            return
        del self._history[self._index + 1 :]
        self._history.append(entry)
        self._history = self._history[-100:]
        self._index = len(self._history) - 1

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._history) - 1

    def back(self) -> bool:
        if not self.can_go_back():
            return False
        self._index -= 1
        self.set_state(*self._history[self._index])
        return True

    def forward(self) -> bool:
        if not self.can_go_forward():
            return False
        self._index += 1
        self.set_state(*self._history[self._index])
        return True


def _same(a, b) -> bool:
    return all(math.isclose(p, q, rel_tol=1e-9, abs_tol=1e-6) for p, q in zip(a, b, strict=False))


def scale_denominator(mpp: float, dpi: float) -> float:
    """1:N for ``mpp`` metres per pixel on a screen of ``dpi`` pixels per inch."""
    return mpp * dpi / METRES_PER_INCH


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above ``max_metres`` (for the scale bar)."""
    if max_metres <= 0:
        return 0.0
    exponent = math.floor(math.log10(max_metres))
    for mantissa in (5, 2, 1):
        value = mantissa * 10.0**exponent
        if value <= max_metres:
            return value
    return 10.0**exponent
