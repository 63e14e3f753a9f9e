"""The layer list: visibility, opacity, order and a simple style per layer.

A view of the map's :class:`~gis_app.ui.map.layers.LayerStack`: the list shows the top
layer first (as in QGIS), each row with a checkbox (visible), a colour swatch and the
feature count. Below it: opacity of the current layer, up/down, style, zoom to layer,
add and remove. "Laag toevoegen..." reads a local vector file (GeoPackage, Shapefile,
zipped Shapefile, GeoJSON, FlatGeobuf) as a background layer; nothing uses the network.

Decisions: the style button of the buildings layer does not open the simple
fill/stroke dialog but asks for the building style panel (``buildingStyleRequested``),
since buildings are coloured by their attributes. Only background layers can be
removed; buildings, clusters and work packages are part of the project.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.errors import GisAppError
from gis_app.ui.map.layers import LAYER_BUILDINGS, LAYER_VECTOR, LayerStack, VectorStyle
from gis_app.ui.panels.labels import format_count


def layer_swatch(stack: LayerStack, layer_id: str, size: int = 16) -> QPixmap:
    """A small square in the layer's colours (buildings: the first legend colours)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    layer = stack.layer(layer_id)
    if layer.id == LAYER_BUILDINGS:
        entries = [e for e in stack.style_result.legend if e.count] or stack.style_result.legend
        colors = [e.color for e in entries[:3]] or ["#c8c8c8"]
        band = size / len(colors)
        for i, color in enumerate(colors):
            painter.fillRect(int(i * band), 2, int(band + 1), size - 4, QColor(color))
    else:
        style = layer.style
        if style.fill:
            fill = QColor(style.fill)
            fill.setAlpha(style.fill_alpha)
            painter.fillRect(2, 2, size - 4, size - 4, fill)
        if style.stroke:
            painter.setPen(QPen(QColor(style.stroke), max(1.0, min(style.width, 3.0))))
            painter.drawRect(2, 2, size - 5, size - 5)
    painter.end()
    return pixmap


class ColorButton(QPushButton):
    """A button showing a colour; clicking opens a colour dialog."""

    colorChanged = Signal(str)

    def __init__(self, color: str = "", parent=None):
        super().__init__(parent)
        self._color = ""
        self.set_color(color)
        self.clicked.connect(self._choose)

    def color(self) -> str:
        return self._color

    def set_color(self, color: str) -> None:
        self._color = color
        pixmap = QPixmap(28, 14)
        pixmap.fill(QColor(color) if color else Qt.GlobalColor.transparent)
        self.setIcon(QIcon(pixmap))
        self.setText(color or self.tr("geen"))

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(
            QColor(self._color or "#808080"), self, self.tr("Kleur kiezen")
        )
        if chosen.isValid():
            self.set_color(chosen.name())
            self.colorChanged.emit(chosen.name())


class VectorStyleDialog(QDialog):
    """Fill colour (or none), outline colour (or none) and outline width of a layer."""

    def __init__(self, style: VectorStyle, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stijl van {layer}").format(layer=title))
        self.fill_check = QCheckBox(self.tr("Vulling"))
        self.fill_check.setChecked(bool(style.fill))
        self.fill_button = ColorButton(style.fill or "#dfeccf")
        self.fill_alpha = QSpinBox()
        self.fill_alpha.setRange(0, 100)
        self.fill_alpha.setSuffix(" %")
        self.fill_alpha.setValue(round(style.fill_alpha / 255 * 100))
        self.stroke_check = QCheckBox(self.tr("Omtrek"))
        self.stroke_check.setChecked(bool(style.stroke))
        self.stroke_button = ColorButton(style.stroke or "#4b4b4b")
        self.width_spin = QDoubleSpinBox()
        self.width_spin.setRange(0.1, 10.0)
        self.width_spin.setSingleStep(0.5)
        self.width_spin.setDecimals(1)
        self.width_spin.setSuffix(self.tr(" px"))
        self.width_spin.setValue(style.width)
        form = QFormLayout()
        form.addRow(self.fill_check, self.fill_button)
        form.addRow(self.tr("Dekking vulling:"), self.fill_alpha)
        form.addRow(self.stroke_check, self.stroke_button)
        form.addRow(self.tr("Lijndikte:"), self.width_spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def style(self) -> VectorStyle:
        return VectorStyle(
            fill=self.fill_button.color() if self.fill_check.isChecked() else "",
            stroke=self.stroke_button.color() if self.stroke_check.isChecked() else "",
            width=float(self.width_spin.value()),
            fill_alpha=round(self.fill_alpha.value() / 100 * 255),
        )


class LayersPanel(QWidget):
    buildingStyleRequested = Signal()
    zoomToExtentRequested = Signal(object)  # (xmin, ymin, xmax, ymax)

    def __init__(self, stack: LayerStack, parent=None):
        super().__init__(parent)
        self.stack = stack
        self._filling = False
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.list.setToolTip(
            self.tr("De bovenste laag ligt bovenop. Sleep een laag om de volgorde te wijzigen.")
        )
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(
            lambda *_args: QTimer.singleShot(0, self._apply_list_order)
        )
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(0, 100)
        self.opacity_label = QLabel("100 %")
        self.opacity_label.setMinimumWidth(42)
        self.up_button = QPushButton("▲")
        self.up_button.setToolTip(self.tr("Laag omhoog (bovenop tekenen)"))
        self.down_button = QPushButton("▼")
        self.down_button.setToolTip(self.tr("Laag omlaag"))
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(32)
        self.style_button = QPushButton(self.tr("Stijl..."))
        self.zoom_button = QPushButton(self.tr("Zoom naar laag"))
        self.add_button = QPushButton(self.tr("Laag toevoegen..."))
        self.add_button.setToolTip(
            self.tr("Achtergrondlaag uit een lokaal bestand (GeoPackage, Shapefile, GeoJSON...)")
        )
        self.remove_button = QPushButton(self.tr("Verwijderen"))

        opacity_row = QHBoxLayout()
        opacity_row.addWidget(QLabel(self.tr("Dekking:")))
        opacity_row.addWidget(self.opacity_slider, 1)
        opacity_row.addWidget(self.opacity_label)
        row1 = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.style_button, self.zoom_button):
            row1.addWidget(button)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.add_button)
        row2.addWidget(self.remove_button)
        row2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(opacity_row)
        layout.addLayout(row1)
        layout.addLayout(row2)

        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(lambda _row: self._update_controls())
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_style())
        self.opacity_slider.valueChanged.connect(self._opacity_changed)
        self.up_button.clicked.connect(lambda: self.move_current(+1))
        self.down_button.clicked.connect(lambda: self.move_current(-1))
        self.style_button.clicked.connect(self.edit_style)
        self.zoom_button.clicked.connect(self.zoom_to_current)
        self.add_button.clicked.connect(self.add_layer_dialog)
        self.remove_button.clicked.connect(self.remove_current)
        stack.connect_view(lambda: self.refresh())
        self.refresh()
        self.select_layer(LAYER_BUILDINGS)

    # --- list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Update the rows from the stack (in place when the order is unchanged)."""
        current = self.current_layer_id()
        layers = list(reversed(self.stack.layers()))
        shown = [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]
        self._filling = True
        try:
            if shown != [layer.id for layer in layers]:
                self.list.clear()
                for layer in layers:
                    item = QListWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, layer.id)
                    item.setFlags(
                        Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                        | Qt.ItemFlag.ItemIsUserCheckable
                        | Qt.ItemFlag.ItemIsDragEnabled
                    )
                    self.list.addItem(item)
            for row, layer in enumerate(layers):
                self._show_layer(self.list.item(row), layer)
        finally:
            self._filling = False
        if current is not None and self.current_layer_id() != current:
            self.select_layer(current)
        self._update_controls()

    def _show_layer(self, item: QListWidgetItem, layer) -> None:
        item.setText(f"{layer.name} ({format_count(layer.feature_count)})")
        state = Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked
        if item.checkState() != state:
            item.setCheckState(state)
        item.setIcon(QIcon(layer_swatch(self.stack, layer.id)))
        tip = layer.source or layer.name
        if layer.opacity < 1.0:
            tip += self.tr(" — dekking {p} %").format(p=round(layer.opacity * 100))
        item.setToolTip(tip)

    def _apply_list_order(self) -> None:
        """After a drag in the list: give the stack the order shown (top row = drawn last)."""
        ids = [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]
        current = self.current_layer_id()
        for index, layer_id in enumerate(reversed(ids)):
            if self.stack.index_of(layer_id) != index:
                self.stack.move_layer(layer_id, index)
        if current is not None:
            self.select_layer(current)

    def current_layer_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select_layer(self, layer_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == layer_id:
                self.list.setCurrentRow(row)
                return

    def item_for(self, layer_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == layer_id:
                return self.list.item(row)
        return None

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        layer_id = item.data(Qt.ItemDataRole.UserRole)
        self.stack.set_visible(layer_id, item.checkState() == Qt.CheckState.Checked)

    def _update_controls(self) -> None:
        layer_id = self.current_layer_id()
        # while the list is rebuilt its current row can still name a layer that just left
        has = layer_id is not None and layer_id in {layer.id for layer in self.stack.layers()}
        for widget in (self.opacity_slider, self.style_button, self.zoom_button):
            widget.setEnabled(has)
        if not has:
            self.up_button.setEnabled(False)
            self.down_button.setEnabled(False)
            self.remove_button.setEnabled(False)
            return
        layer = self.stack.layer(layer_id)
        index = self.stack.index_of(layer_id)
        self.up_button.setEnabled(index < len(self.stack.layers()) - 1)
        self.down_button.setEnabled(index > 0)
        self.remove_button.setEnabled(layer.kind == LAYER_VECTOR)
        self.opacity_slider.blockSignals(True)
        self.opacity_slider.setValue(round(layer.opacity * 100))
        self.opacity_slider.blockSignals(False)
        self.opacity_label.setText(f"{round(layer.opacity * 100)} %")

    # --- actions -----------------------------------------------------------------------------
    def _opacity_changed(self, value: int) -> None:
        self.opacity_label.setText(f"{value} %")
        layer_id = self.current_layer_id()
        if layer_id is not None:
            self.stack.set_opacity(layer_id, value / 100.0)

    def move_current(self, steps: int) -> None:
        """Move the current layer up (``+1``, drawn later) or down (``-1``)."""
        layer_id = self.current_layer_id()
        if layer_id is None:
            return
        self.stack.move_layer(layer_id, self.stack.index_of(layer_id) + steps)
        self.select_layer(layer_id)

    def edit_style(self) -> None:
        layer_id = self.current_layer_id()
        if layer_id is None:
            return
        if layer_id == LAYER_BUILDINGS:
            self.buildingStyleRequested.emit()
            return
        layer = self.stack.layer(layer_id)
        dialog = VectorStyleDialog(layer.style, layer.name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.stack.set_layer_style(layer_id, dialog.style())

    def zoom_to_current(self) -> None:
        layer_id = self.current_layer_id()
        if layer_id is None:
            return
        extent = self.stack.layer(layer_id).extent()
        if extent is not None:
            self.zoomToExtentRequested.emit(extent)

    def add_layer_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Achtergrondlaag toevoegen"),
            "",
            self.tr(
                "Vectorbestanden (*.gpkg *.shp *.zip *.geojson *.json *.fgb);;Alle bestanden (*)"
            ),
        )
        if not path:
            return
        layer = None
        if Path(path).suffix.lower() == ".gpkg":
            layer = self._choose_gpkg_layer(path)
            if layer is False:
                return
        self.add_layer(path, layer or None)

    def _choose_gpkg_layer(self, path: str):
        """The layer to read from a GeoPackage (asks when there are several); False = cancel."""
        try:
            import pyogrio

            from gis_app.core.io.atomic import gdal_source

            names = [str(row[0]) for row in pyogrio.list_layers(gdal_source(path))]
        except Exception:  # unreadable: add_layer reports it with the path
            return None
        if len(names) <= 1:
            return names[0] if names else None
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Laag kiezen"),
            self.tr("Laag in {file}:").format(file=Path(path).name),
            names,
            0,
            False,
        )
        return name if ok else False

    def add_layer(self, path: str | Path, layer: str | None = None) -> bool:
        """Add a background layer from a file; a readable error message when it fails."""
        try:
            added = self.stack.add_vector_file(path, layer=layer)
        except GisAppError as error:
            QMessageBox.warning(self, self.tr("Laag toevoegen mislukt"), error.user_message())
            return False
        self.select_layer(added.id)
        return True

    def remove_current(self) -> None:
        layer_id = self.current_layer_id()
        if layer_id is None or self.stack.layer(layer_id).kind != LAYER_VECTOR:
            return
        self.stack.remove_layer(layer_id)
