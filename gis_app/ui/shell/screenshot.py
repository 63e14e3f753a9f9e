"""Waiting until the window has settled, and writing it as a PNG.

Background work is every task of the task runner (open, plan, trade-off curve, map
image); :meth:`Screenshots.when_idle` waits for it with signals only, never a nested
event loop. ``gis-app open --screenshot`` and the tests use
:meth:`Screenshots.save_screenshot`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPalette

from gis_app.core.errors import ExportError, GisAppError

if TYPE_CHECKING:
    from gis_app.ui.shell.main_window import MainWindow

#: How long the task runner must stay idle before the window counts as settled: follow-up
#: work (the map's next image) is started by timers on the next event-loop turns.
SETTLE_MS = 150
#: A screenshot is taken after this long even when background work has not ended.
SCREENSHOT_TIMEOUT_MS = 120_000


class Screenshots:
    """Settling and screenshots of the main window (a part of :class:`MainWindow`, which
    declares the ``settled``, ``screenshotSaved`` and ``screenshotFailed`` signals)."""

    screenshot_scaled_from: tuple[int, int] | None = None

    def when_idle(self: MainWindow, callback: Callable[[], None] | None = None) -> None:
        """Call ``callback`` (then emit ``settled``) once no background work is left.

        Background work is every task of the task runner (open, plan, trade-off curve,
        map image). Follow-up work is often started by a timer after a result arrives
        (the map asks for a new image on the next event-loop turn), so the runner's
        ``idle`` is only believed after :data:`SETTLE_MS` without new work; should work
        start meanwhile, the next ``idle`` is awaited. Signals only: nothing here loops.
        """

        def settled() -> None:
            if self.tasks.busy:
                self.tasks.idle.connect(on_idle, Qt.ConnectionType.SingleShotConnection)
                return
            if callback is not None:
                callback()
            self.settled.emit()

        def on_idle() -> None:
            QTimer.singleShot(SETTLE_MS, self, settled)

        if self.tasks.busy:
            self.tasks.idle.connect(on_idle, Qt.ConnectionType.SingleShotConnection)
        else:
            on_idle()

    def save_screenshot(
        self: MainWindow,
        path: str | Path,
        size: tuple[int, int] = (1600, 1000),
        *,
        map_only: bool = False,
    ) -> None:
        """Lay the window out at ``size`` as a user first sees it, wait until the load, the
        plan and the charts are done (:meth:`when_idle`), and write it as a PNG; then
        ``screenshotSaved(Path)``, or ``screenshotFailed(error)``. With ``map_only`` the
        picture is taken as soon as the map shows buildings (the panels may still be
        filling in), or when the window settles if there are none to show.

        When the panels do not fit in ``size`` (the window has a minimum size), the window
        is laid out at its minimum and scaled down into the requested size without
        distortion (margins in the window colour); ``screenshot_scaled_from`` then holds
        the size that was laid out, so the caller can say so.
        """
        self.resize(*size)
        self.show()

        def lay_out() -> None:  # after the show: the docks have their first sizes
            self._size_docks()
            QTimer.singleShot(0, self, zoom)

        grabbed = []

        def zoom() -> None:
            self.canvas.zoom_full()
            if map_only and self._has_buildings_to_draw():
                self.canvas.renderFinished.connect(drawn)
            else:
                self.when_idle(grab)
            # work that never ends (a bug) must not hold the picture back for ever
            QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, self, grab)

        def drawn() -> None:
            if self.canvas.last_render_stats.get("visible"):
                self.canvas.renderFinished.disconnect(drawn)
                grab()

        def grab() -> None:
            if grabbed:
                return
            grabbed.append(True)
            self.canvas.render_now()
            QTimer.singleShot(0, self, write)  # one event-loop turn: the canvas repaints

        def write() -> None:
            try:
                written = self.write_screenshot(path, size)
            except GisAppError as error:
                self.screenshotFailed.emit(error)
                return
            self.screenshotSaved.emit(written)

        QTimer.singleShot(0, self, lay_out)

    def _has_buildings_to_draw(self: MainWindow) -> bool:
        return self.layer_stack.preview is not None or len(self.document.project.buildings) > 0

    def write_screenshot(self: MainWindow, path: str | Path, size: tuple[int, int]) -> Path:
        """Grab the window as it is now into a PNG of ``size`` (see :meth:`save_screenshot`)."""
        width, height = size
        path = Path(path)
        image = self.grab().toImage()
        self.screenshot_scaled_from = None
        if (image.width(), image.height()) != (width, height):
            self.screenshot_scaled_from = (image.width(), image.height())
            scaled = image.scaled(
                width,
                height,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            image = QImage(width, height, QImage.Format.Format_RGB32)
            image.fill(self.palette().color(QPalette.ColorRole.Window))
            painter = QPainter(image)
            painter.drawImage(
                (width - scaled.width()) // 2, (height - scaled.height()) // 2, scaled
            )
            painter.end()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(f"kan de map niet maken ({error})", path=path.parent) from error
        if not image.save(str(path), "PNG"):
            raise ExportError("kan de schermafdruk niet schrijven", path=path)
        return path
