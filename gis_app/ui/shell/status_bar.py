"""The window's status bar: RD and WGS84 cursor position, an editable scale, the
selection count; transient messages (loaded, saved, errors) appear to their left."""

from __future__ import annotations

import functools

import numpy as np
from pyproj import Transformer
from PySide6.QtWidgets import QComboBox, QLabel, QStatusBar

from gis_app.core import formatting as fmt
from gis_app.core.i18n import language
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.canvas import MapCanvas
from gis_app.ui.panels.labels import format_count

COMMON_SCALES = (500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000)


@functools.lru_cache(maxsize=1)
def rd_to_wgs84() -> Transformer:
    """RD New -> WGS84 (lon, lat), created once per process (creating one takes ~0.1 s)."""
    return Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


class StatusBar(QStatusBar):
    """Follows the canvas (cursor, scale) and the document (selection); a scale typed
    in the box sets the canvas's scale."""

    def __init__(self, canvas: MapCanvas, document: ProjectDocument):
        super().__init__()
        self.canvas = canvas
        self.document = document
        self._to_wgs84 = rd_to_wgs84()
        self.rd_label = QLabel()
        self.wgs84_label = QLabel()
        self.scale_combo = QComboBox()
        self.scale_combo.setEditable(True)
        self.scale_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for n in COMMON_SCALES:
            self.scale_combo.addItem(f"1:{format_count(n)}", n)
        self.scale_combo.setMinimumWidth(110)
        self.scale_combo.lineEdit().returnPressed.connect(self.scale_entered)
        self.scale_combo.activated.connect(lambda _i: self.scale_entered())
        self.selection_label = QLabel()
        for widget, tip in (
            (self.rd_label, self.tr("Cursorpositie in RD New (EPSG:28992), meter")),
            (self.wgs84_label, self.tr("Cursorpositie in WGS84 (breedte, lengte)")),
            (self.scale_combo, self.tr("Kaartschaal; typ een schaal als 1:5000 en Enter")),
            (self.selection_label, self.tr("Aantal geselecteerde panden")),
        ):
            widget.setToolTip(tip)
            self.addPermanentWidget(widget)
        self.rd_label.setMinimumWidth(200)
        self.wgs84_label.setMinimumWidth(170)
        self.selection_label.setMinimumWidth(150)
        self.show_cursor(None, None)
        self.update_selection_count()
        self.update_scale()
        document.selectionChanged.connect(self.update_selection_count)
        canvas.cursorMoved.connect(self.show_cursor)
        canvas.scaleChanged.connect(lambda _n: self.update_scale())

    def show_cursor(self, x: float | None, y: float | None) -> None:
        if x is None or y is None or not np.isfinite(x) or not np.isfinite(y):
            self.rd_label.setText(self.tr("RD x –, y –"))
            self.wgs84_label.setText(self.tr("WGS84 –"))
            return
        lon, lat = self._to_wgs84.transform(x, y)
        self.rd_label.setText(self.tr("RD x {x}, y {y} m").format(x=_metres(x), y=_metres(y)))
        self.wgs84_label.setText(
            self.tr("{lat}° N, {lon}° O").format(lat=fmt.decimal(lat, 5), lon=fmt.decimal(lon, 5))
        )

    def update_scale(self) -> None:
        denominator = self.canvas.scale_denominator()
        if denominator and np.isfinite(denominator) and not self.scale_combo.lineEdit().hasFocus():
            self.scale_combo.setEditText(f"1:{format_count(round(denominator))}")

    def scale_entered(self) -> None:
        denominator = parse_scale(self.scale_combo.currentText())
        if denominator is None:
            self.showMessage(self.tr("Ongeldige schaal; typ bijvoorbeeld 1:5000"), 5000)
            self.update_scale()
            return
        self.canvas.set_scale(denominator)
        self.canvas.setFocus()

    def update_selection_count(self) -> None:
        n = len(self.document.selection)
        self.selection_label.setText(
            self.tr("{n} panden geselecteerd").format(n=format_count(n))
            if n != 1
            else self.tr("1 pand geselecteerd")
        )


def parse_scale(text: str) -> float | None:
    """``"1:5.000"``, ``"1:5000"`` or ``"5000"`` -> 5000.0 (in English ``"1:5,000"``: the
    separators of the window's language); ``None`` when unreadable."""
    thousands, decimal_mark = (",", ".") if language() == "en" else (".", ",")
    text = text.strip().replace(" ", "").replace(thousands, "")
    if ":" in text:
        text = text.split(":", 1)[1]
    try:
        value = float(text.replace(decimal_mark, "."))
    except ValueError:
        return None
    return value if 1 <= value <= 1e8 else None


def _metres(value: float) -> str:
    return fmt.decimal(value, 1)
