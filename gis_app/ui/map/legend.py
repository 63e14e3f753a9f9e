"""The legend: the building classes of the current style, then the other visible layers.

It is a view of the :class:`~gis_app.ui.map.layers.LayerStack` and rebuilds itself
whenever the style or the layers change, so it always matches what the map draws.
Counts are shown per class ("verhoogd (1.234)") because planners read the legend as a
quick tally. Clusters, work packages and the selection get entries drawn the way the map
draws them (outline and tint of the chosen cluster display, dashed package outline, the
halo around selected buildings), with their counts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gis_app.core.clusters.frames import PALETTE
from gis_app.core.styling import (
    CLUSTER_DISPLAY_OUTLINE,
    CLUSTER_DISPLAY_OVER,
    CLUSTER_OVER_ALPHA,
    CLUSTER_UNDER_ALPHA,
    MISSING_COLOR,
    PACKAGE_OUTLINE,
    RISK_COLORS,
    SELECTED_CLUSTER_COLOR,
    SELECTION_HALO,
    SELECTION_HALO_DARK,
    cluster_outline,
)
from gis_app.ui.core_texts import core_text
from gis_app.ui.glossary import add_glosses
from gis_app.ui.map.layers import LAYER_BUILDINGS, LAYER_CLUSTERS, LAYER_PACKAGES, LayerStack

SWATCH = 14
PALETTE_SAMPLE = PALETTE[1]  # a cluster colour for the legend swatch


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


def area_swatch(
    fill: str,
    fill_alpha: int,
    stroke: QColor,
    width: float,
    *,
    dashed: bool = False,
    inner: str = "",
    halo: str = "",
) -> QPixmap:
    """A wider swatch: a tinted area with its outline (clusters, packages) or a building
    (``inner``) with a halo, as the map draws them."""
    pixmap = QPixmap(SWATCH * 2, SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rect = pixmap.rect().adjusted(2, 2, -3, -3)
    if halo:
        painter.setPen(QPen(QColor(halo), 4.0))
        painter.setBrush(QColor(inner))
        painter.drawRect(rect.adjusted(3, 2, -3, -2))
        painter.setPen(QPen(QColor(SELECTION_HALO_DARK), 1.0))
        painter.drawRect(rect.adjusted(3, 2, -3, -2))
        painter.end()
        return pixmap
    tint = QColor(fill) if fill else QColor(0, 0, 0, 0)
    if fill:
        tint.setAlpha(fill_alpha)
    painter.setBrush(tint)
    pen = QPen(stroke, width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawRect(rect)
    if inner:  # a building inside the area: the tint lies under it
        painter.setPen(QPen(QColor(60, 60, 60), 0.8))
        painter.setBrush(QColor(inner))
        painter.drawRect(rect.adjusted(6, 3, -8, -3))
    painter.end()
    return pixmap


def _format_count(count: int) -> str:
    """Thousands in the language's style (2.574 / 2,574), as core formats every count."""
    from gis_app.core.formatting import count as format_count

    return format_count(count)


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
        layers.connect_view(lambda: self.rebuild())
        layers.document.selectionChanged.connect(self._selection_changed)
        self._selected_count = len(layers.document.selection)
        self.rebuild()

    def _selection_changed(self) -> None:
        count = len(self.layers.document.selection)
        if (count > 0) != (self._selected_count > 0) or count != self._selected_count:
            self._selected_count = count
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
            label = QLabel(text)
            add_glosses(label, text)  # English window: "verhoogd (elevated risk)"
            grid.addWidget(label, row, 1)
            self.entries.append((text, color))
            row += 1

        buildings = self.layers.buildings
        if buildings.visible and buildings.feature_count and self.layers.preview is not None:
            # a project's footprints drawn while the project is read: its colours follow
            heading(self.tr("Gebouwen"))
            entry(
                swatch(MISSING_COLOR),
                self.tr("{0} panden, worden ingelezen").format(
                    _format_count(buildings.feature_count)
                ),
                MISSING_COLOR,
            )
        elif buildings.visible and buildings.feature_count:
            result = self.layers.style_result
            title = result.title or ""
            heading(self.tr("Gebouwen — {0}").format(self._title(title)))
            for item in result.legend:
                text = self.tr("{0} ({1})").format(core_text(item.label), _format_count(item.count))
                entry(swatch(item.color), text, item.color)
            selected = len(self.layers.document.selection)
            if selected:
                sample = result.legend[0].color if result.legend else RISK_COLORS["verhoogd"]
                entry(
                    area_swatch(
                        "", 0, QColor(SELECTION_HALO), 1.0, inner=sample, halo=SELECTION_HALO
                    ),
                    self.tr("geselecteerd, rand om het pand ({0})").format(_format_count(selected)),
                    SELECTION_HALO,
                )
        for layer in reversed(self.layers.layers()):
            if layer.id == LAYER_BUILDINGS or not layer.visible or not layer.feature_count:
                continue
            style = layer.style
            count = _format_count(layer.feature_count)
            if layer.id == LAYER_CLUSTERS:
                display = self.layers.cluster_display
                heading(self.tr("{0} ({1})").format(layer.name, count))
                alpha = (
                    0
                    if display == CLUSTER_DISPLAY_OUTLINE
                    else (
                        CLUSTER_OVER_ALPHA
                        if display == CLUSTER_DISPLAY_OVER
                        else CLUSTER_UNDER_ALPHA
                    )
                )
                texts = {
                    CLUSTER_DISPLAY_OUTLINE: self.tr("omtrek in de clusterkleur"),
                    CLUSTER_DISPLAY_OVER: self.tr("omtrek, doorzichtige vulling over de panden"),
                }
                text = texts.get(display, self.tr("omtrek, lichte vulling onder de panden"))
                outline = QColor(*cluster_outline(PALETTE_SAMPLE))
                entry(
                    area_swatch(PALETTE_SAMPLE, alpha, outline, 1.5, inner=RISK_COLORS["normaal"]),
                    text,
                    "",
                )
                entry(
                    area_swatch("", 0, QColor(SELECTED_CLUSTER_COLOR), 3.0),
                    self.tr("geselecteerde cluster"),
                    SELECTED_CLUSTER_COLOR,
                )
            elif layer.id == LAYER_PACKAGES:
                entry(
                    area_swatch("", 0, QColor(PACKAGE_OUTLINE), 1.5, dashed=True),
                    self.tr("{0}: gestreepte omtrek ({1})").format(layer.name, count),
                    "",
                )
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
