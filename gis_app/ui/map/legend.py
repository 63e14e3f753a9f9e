"""The legend: the building classes of the current style, then the other visible layers.

It is a view of the :class:`~gis_app.ui.map.layers.LayerStack` and rebuilds itself
whenever the style or the layers change, so it always matches what the map draws.
Counts are shown per class ("verhoogd (1.234)") because planners read the legend as a
quick tally.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gis_app.ui.map.layers import LAYER_BUILDINGS, LAYER_CLUSTERS, LAYER_PACKAGES, LayerStack

SWATCH = 14


def swatch(fill: str, stroke: str = "#555555", alpha: int = 255, dashed: bool = False) -> QPixmap:
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    color = QColor(fill) if fill else QColor(0, 0, 0, 0)
    if fill:
        color.setAlpha(alpha)
    painter.setBrush(color)
    pen = QPen(QColor(stroke), 1.5 if dashed else 1) if stroke else QPen(Qt.PenStyle.NoPen)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawRect(1, 1, SWATCH - 3, SWATCH - 3)
    painter.end()
    return pixmap


def _format_count(count: int) -> str:
    return f"{count:,}".replace(",", ".")


class LegendWidget(QWidget):
    def __init__(self, layers: LayerStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.layers = layers
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(4)
        self._body: QWidget | None = None
        self.entries: list[tuple[str, str]] = []  # (label text, colour) as shown; for tests
        self._layout.addStretch(1)
        layers.buildingStyleChanged.connect(self.rebuild)
        layers.layersChanged.connect(self.rebuild)
        layers.layerChanged.connect(self.rebuild)
        layers.layerDataChanged.connect(self.rebuild)
        self.rebuild()

    def rebuild(self, *_args) -> None:
        if self._body is not None:
            # Hide the old rows now: deleteLater only removes them when the event loop
            # next runs, and until then they were drawn under the new rows (overlapping
            # text at the top of the legend after a style change or while loading).
            self._layout.removeWidget(self._body)
            self._body.hide()
            self._body.setParent(None)
            self._body.deleteLater()
        self._body = QWidget(self)
        grid = QGridLayout(self._body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        self.entries = []
        row = 0

        def heading(text: str) -> None:
            nonlocal row
            label = QLabel(f"<b>{text}</b>")
            label.setWordWrap(True)  # long column names in a narrow dock
            grid.addWidget(label, row, 0, 1, 2)
            row += 1

        def entry(pixmap: QPixmap, text: str, color: str) -> None:
            nonlocal row
            icon = QLabel()
            icon.setPixmap(pixmap)
            grid.addWidget(icon, row, 0)
            grid.addWidget(QLabel(text), row, 1)
            self.entries.append((text, color))
            row += 1

        buildings = self.layers.buildings
        if buildings.visible and buildings.feature_count:
            result = self.layers.style_result
            title = result.title or ""
            heading(self.tr("Gebouwen — {0}").format(self._title(title)))
            for item in result.legend:
                text = self.tr("{0} ({1})").format(item.label, _format_count(item.count))
                entry(swatch(item.color), text, item.color)
        for layer in reversed(self.layers.layers()):
            if layer.id == LAYER_BUILDINGS or not layer.visible or not layer.feature_count:
                continue
            style = layer.style
            if layer.id == LAYER_CLUSTERS:
                entry(swatch("#808080", "#404040", 60), layer.name, "")
            elif layer.id == LAYER_PACKAGES:
                entry(swatch("", "#4b4b4b", dashed=True), layer.name, "")
            else:
                entry(swatch(style.fill, style.stroke, style.fill_alpha), layer.name, style.fill)
        grid.setColumnStretch(1, 1)
        self._layout.insertWidget(0, self._body)

    def _title(self, key: str) -> str:
        titles = {
            "risicoprofiel": self.tr("risicoprofiel"),
            "mijlpaal": self.tr("mijlpaal"),
        }
        return titles.get(key, key)
