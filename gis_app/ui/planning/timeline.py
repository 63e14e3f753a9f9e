"""The timeline: one row per cluster in plan order, a bar per cluster, coloured by risk.

Built for hundreds to thousands of clusters:

* **One row per cluster**, :data:`ROW_HEIGHT` pixels high, in a scrolling list; the name
  column on the left always shows the row's name (elided in the middle when long, in
  full in the tooltip), so names never print over each other however many clusters
  there are. Only the rows in view are painted, so 2,000 rows cost what 40 do.
* **Bars** in the dominant risk profile's colour with an edge of the same hue (never
  black, which at this density turned the whole chart black); a pale band before the
  bar is the preparation; the bespoke share is a hatched band in the lower part of the
  bar; the selected clusters get a blue frame and a highlighted row.
* **Filter** on municipality (from the BAG ids of the members), dominant profile,
  contractor (when the plan has contractors) and a search on name or id; the count of
  shown rows is next to it.
* **Selection both ways**: clicking a row selects the cluster in the document (the map
  brings it into view, the cluster list selects it); a cluster selected elsewhere is
  highlighted here and scrolled into view. "Naar selectie" scrolls to it again.
* **Time axis zoom**: Ctrl+wheel zooms around the mouse, the buttons zoom around the
  middle, "Hele periode" shows everything; the horizontal scroll bar pans. The axis
  labels years, quarters or months, whichever fits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gis_app.core.schema import PROFILE_UNKNOWN, RISK_PROFILES, text_or_empty
from gis_app.ui.core_texts import core_text
from gis_app.ui.planning.formats import (
    RISK_FILL,
    format_date,
    format_number,
    month_abbr,
    to_seconds,
)

ROW_HEIGHT = 22
BAR_FRACTION = 0.68  # of the row height
NAME_WIDTH = 210
AXIS_HEIGHT = 36
NAME_CHARS = 32
DAY = 86400.0
MIN_SPAN_DAYS = 30.0  # the deepest zoom shows a month
SELECTED_COLOR = "#0072b2"
ROW_SELECTED = QColor(214, 234, 248)
ROW_ALTERNATE = QColor(247, 247, 247)

ALL = ""  # combo value: no filter


def _short(name: str) -> str:
    """A cluster name that fits the name column (ellipsis in the middle, so names that
    differ only at the end stay apart); the tooltip shows it in full."""
    if len(name) <= NAME_CHARS:
        return name
    keep = NAME_CHARS - 1
    return name[: keep - keep // 3] + "…" + name[-(keep // 3) :]


def _month_index(seconds: float) -> int:
    stamp = pd.Timestamp(seconds, unit="s")
    return stamp.year * 12 + stamp.month - 1


def _month_seconds(index: int) -> float:
    return pd.Timestamp(year=index // 12, month=index % 12 + 1, day=1).timestamp()


def axis_ticks(t0: float, t1: float, width_px: float) -> list[tuple[float, str, bool]]:
    """Ticks ``(seconds, label, major)`` for the visible range: the smallest step of 1, 3,
    6, 12, 24 or 60 months whose labels are at least 64 pixels apart; years are major."""
    span = max(t1 - t0, DAY)
    px_per_month = width_px / (span / (30.44 * DAY))
    step = next((s for s in (1, 3, 6, 12, 24, 60) if s * px_per_month >= 64), 120)
    first = _month_index(t0)
    first += (-first) % step
    ticks = []
    index = first
    while True:
        at = _month_seconds(index)
        if at > t1:
            break
        year, month = index // 12, index % 12
        if step >= 12:
            label = str(year)
        elif month == 0:
            label = f"{month_abbr(0)} {year}"
        else:
            label = month_abbr(month)
        ticks.append((at, label, month == 0))
        index += step
    return ticks


class GanttCanvas(QAbstractScrollArea):
    """The rows and bars; see the module docstring. Arrays are per row of the plan."""

    clusterClicked = Signal(str)
    clusterActivated = Signal(str)  # double-click

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.x0 = np.empty(0)
        self.x1 = np.empty(0)
        self.prep = np.empty(0)
        self.bespoke = np.empty(0)
        self.colors: list[str] = []
        self.names: list[str] = []
        self.ids: list[str] = []
        self.selected = np.zeros(0, dtype=bool)
        self.order = np.empty(0, dtype=np.int64)  # shown rows (indices into the arrays)
        self.tooltips: list[str] = []
        self.plan_start: float | None = None
        self.full = (0.0, 1.0)
        self.t0, self.t1 = 0.0, 1.0
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled_horizontally)

    # --- data ------------------------------------------------------------------------------
    def setData(  # noqa: N802
        self, x0, x1, colors, bespoke=None, selected=None, prep=None, names=(), ids=(), tooltips=()
    ):
        self.x0 = np.asarray(x0, dtype=float)
        n = len(self.x0)
        self.x1 = np.asarray(x1, dtype=float)
        self.prep = self.x0.copy() if prep is None else np.asarray(prep, dtype=float)
        self.bespoke = np.zeros(n) if bespoke is None else np.asarray(bespoke, dtype=float)
        self.selected = (
            np.zeros(n, dtype=bool) if selected is None else np.asarray(selected, dtype=bool)
        )
        self.colors = list(colors)
        self.names = [str(x) for x in names] or [""] * n
        self.ids = [str(x) for x in ids] or [""] * n
        self.tooltips = list(tooltips) or [""] * n
        self.order = np.arange(n, dtype=np.int64)
        ok = np.isfinite(self.x0) & np.isfinite(self.x1)
        if ok.any():
            starts = np.where(np.isfinite(self.prep), np.minimum(self.prep, self.x0), self.x0)
            lo, hi = float(starts[ok].min()), float(self.x1[ok].max())
            pad = max((hi - lo) * 0.02, 7 * DAY)
            self.full = (lo - pad, hi + pad)
        else:
            self.full = (0.0, 365 * DAY)
        self.t0, self.t1 = self.full
        self._update_scrollbars()
        self.viewport().update()

    def set_order(self, order) -> None:
        """Show only these rows (indices, in plan order)."""
        self.order = np.asarray(order, dtype=np.int64)
        self._update_scrollbars()
        self.viewport().update()

    def set_selected(self, selected: np.ndarray) -> None:
        self.selected = np.asarray(selected, dtype=bool)
        self.viewport().update()

    # --- geometry --------------------------------------------------------------------------
    def _body_height(self) -> int:
        return max(self.viewport().height() - AXIS_HEIGHT, 1)

    def _bar_width(self) -> int:
        return max(self.viewport().width() - NAME_WIDTH, 1)

    def _x(self, seconds):
        return (
            NAME_WIDTH + (np.asarray(seconds) - self.t0) / (self.t1 - self.t0) * self._bar_width()
        )

    def _update_scrollbars(self) -> None:
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, len(self.order) * ROW_HEIGHT - self._body_height()))
        bar.setPageStep(self._body_height())
        bar.setSingleStep(ROW_HEIGHT)
        days_full = (self.full[1] - self.full[0]) / DAY
        span = (self.t1 - self.t0) / DAY
        hbar = self.horizontalScrollBar()
        hbar.blockSignals(True)
        hbar.setRange(0, max(0, int(round(days_full - span))))
        hbar.setPageStep(max(1, int(span)))
        hbar.setSingleStep(max(1, int(span / 20)))
        hbar.setValue(int(round((self.t0 - self.full[0]) / DAY)))
        hbar.blockSignals(False)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._update_scrollbars()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 400)

    def _scrolled_horizontally(self, value: int) -> None:
        span = self.t1 - self.t0
        self.t0 = self.full[0] + value * DAY
        self.t1 = self.t0 + span
        self.viewport().update()

    def row_at(self, y: float) -> int | None:
        """The data row under viewport y, or None."""
        if y < AXIS_HEIGHT:
            return None
        k = int((y - AXIS_HEIGHT + self.verticalScrollBar().value()) // ROW_HEIGHT)
        return int(self.order[k]) if 0 <= k < len(self.order) else None

    def row_y(self, row: int) -> int | None:
        """Viewport y of the middle of data row ``row`` (None when filtered out)."""
        where = np.flatnonzero(self.order == row)
        if not len(where):
            return None
        return (
            AXIS_HEIGHT
            + int(where[0]) * ROW_HEIGHT
            - self.verticalScrollBar().value()
            + ROW_HEIGHT // 2
        )

    def first_visible(self) -> int:
        """Position in ``order`` of the top row in view."""
        return self.verticalScrollBar().value() // ROW_HEIGHT

    def rows_in_view(self) -> int:
        return self._body_height() // ROW_HEIGHT

    def scroll_to_row(self, row: int) -> bool:
        """Scroll so data row ``row`` is in view (centred when it was not). False when the
        row is filtered out."""
        where = np.flatnonzero(self.order == row)
        if not len(where):
            return False
        k = int(where[0])
        top = self.first_visible()
        if not (top <= k < top + self.rows_in_view()):
            target = k * ROW_HEIGHT - self._body_height() // 2 + ROW_HEIGHT // 2
            self.verticalScrollBar().setValue(max(0, target))
        # bring the bar into the time window too
        if np.isfinite(self.x0[row]) and not (self.t0 <= self.x0[row] <= self.t1):
            span = self.t1 - self.t0
            self.set_range(self.x0[row] - span * 0.2, self.x0[row] + span * 0.8)
        return True

    # --- zoom ------------------------------------------------------------------------------
    def set_range(self, t0: float, t1: float) -> None:
        lo, hi = self.full
        span = min(max(t1 - t0, MIN_SPAN_DAYS * DAY), hi - lo)
        t0 = min(max(t0, lo), hi - span)
        self.t0, self.t1 = t0, t0 + span
        self._update_scrollbars()
        self.viewport().update()

    def zoom(self, factor: float, anchor: float | None = None) -> None:
        """Zoom the time axis by ``factor`` (>1 zooms in) around ``anchor`` (seconds)."""
        anchor = (self.t0 + self.t1) / 2.0 if anchor is None else anchor
        self.set_range(anchor - (anchor - self.t0) / factor, anchor + (self.t1 - anchor) / factor)

    def zoom_full(self) -> None:
        self.set_range(*self.full)

    @property
    def zoomed(self) -> bool:
        return (self.t1 - self.t0) < (self.full[1] - self.full[0]) * 0.999

    # --- painting --------------------------------------------------------------------------
    def paintEvent(self, event):  # noqa: N802
        painter = QPainter(self.viewport())
        width, height = self.viewport().width(), self.viewport().height()
        painter.fillRect(0, 0, width, height, QColor("white"))
        metrics = QFontMetrics(self.font())
        ticks = axis_ticks(self.t0, self.t1, self._bar_width())
        first = self.first_visible()
        offset = AXIS_HEIGHT - (self.verticalScrollBar().value() % ROW_HEIGHT)
        shown = self.order[first : first + self.rows_in_view() + 2]
        # rows: background, names
        for k, row in enumerate(shown.tolist()):
            top = offset + k * ROW_HEIGHT
            if self.selected[row]:
                painter.fillRect(0, top, width, ROW_HEIGHT, ROW_SELECTED)
            elif (first + k) % 2:
                painter.fillRect(0, top, width, ROW_HEIGHT, ROW_ALTERNATE)
        grid = QPen(QColor(225, 225, 225))
        painter.setPen(grid)
        for at, _label, major in ticks:
            x = float(self._x(at))
            if x >= NAME_WIDTH:
                painter.setPen(QPen(QColor(200, 200, 200) if major else QColor(232, 232, 232)))
                painter.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, height))
        # bars
        painter.setClipRect(QRect(NAME_WIDTH, AXIS_HEIGHT, width - NAME_WIDTH, height))
        bar_h = ROW_HEIGHT * BAR_FRACTION
        for k, row in enumerate(shown.tolist()):
            if not (np.isfinite(self.x0[row]) and np.isfinite(self.x1[row])):
                continue
            top = offset + k * ROW_HEIGHT + (ROW_HEIGHT - bar_h) / 2.0
            color = QColor(self.colors[row])
            x0 = float(self._x(self.x0[row]))
            x1 = max(float(self._x(self.x1[row])), x0 + 2.0)
            prep = self.prep[row]
            if np.isfinite(prep) and prep < self.x0[row]:
                pale = QColor(color)
                pale.setAlpha(80)
                px = float(self._x(prep))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(pale)
                painter.drawRect(QRectF(px, top + bar_h / 4, x0 - px, bar_h / 2))
            rect = QRectF(x0, top, x1 - x0, bar_h)
            painter.setPen(QPen(color.darker(135), 1))
            painter.setBrush(color)
            painter.drawRect(rect)
            share = float(self.bespoke[row])
            if share > 0:
                hatch = QColor(color.darker(220))
                hatch.setAlpha(170)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                band = bar_h * min(share, 1.0)
                painter.drawRect(QRectF(x0, top + bar_h - band, x1 - x0, band))
            if self.selected[row]:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor(SELECTED_COLOR), 2.5))
                painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        if self.plan_start is not None:
            x = float(self._x(self.plan_start))
            painter.setPen(QPen(QColor(SELECTED_COLOR), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, height))
        painter.setClipping(False)
        # names
        painter.setPen(QColor(30, 30, 30))
        for k, row in enumerate(shown.tolist()):
            top = offset + k * ROW_HEIGHT
            if top + ROW_HEIGHT < AXIS_HEIGHT:
                continue
            text = metrics.elidedText(
                _short(self.names[row]), Qt.TextElideMode.ElideMiddle, NAME_WIDTH - 12
            )
            painter.drawText(
                QRect(6, top, NAME_WIDTH - 10, ROW_HEIGHT),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                text,
            )
        # the axis header over everything that scrolled under it
        painter.fillRect(0, 0, width, AXIS_HEIGHT, QColor(250, 250, 250))
        painter.setPen(QColor(160, 160, 160))
        painter.drawLine(0, AXIS_HEIGHT - 1, width, AXIS_HEIGHT - 1)
        painter.drawLine(NAME_WIDTH - 1, 0, NAME_WIDTH - 1, height)
        painter.setPen(QColor(40, 40, 40))
        painter.drawText(
            QRect(6, 0, NAME_WIDTH - 10, AXIS_HEIGHT),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.tr("cluster (planvolgorde)"),
        )
        painter.setClipRect(QRect(NAME_WIDTH, 0, width - NAME_WIDTH, AXIS_HEIGHT))
        for at, label, major in ticks:
            x = float(self._x(at))
            font = painter.font()
            font.setBold(major)
            painter.setFont(font)
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 6), QPointF(x, AXIS_HEIGHT - 1))
            painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 12), label)
        painter.end()

    # --- interaction -----------------------------------------------------------------------
    def mousePressEvent(self, event):  # noqa: N802
        row = self.row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clusterClicked.emit(self.ids[row])
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event):  # noqa: N802
        row = self.row_at(event.position().y())
        if row is not None:
            self.clusterActivated.emit(self.ids[row])

    def mouseMoveEvent(self, event):  # noqa: N802
        position = event.position()
        row = self.row_at(position.y())
        if row is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(
                self.viewport().mapToGlobal(position.toPoint() + QPoint(14, 14)),
                self.tooltips[row],
                self.viewport(),
            )
        super().mouseMoveEvent(event)

    def wheelEvent(self, event):  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and steps:
            x = event.position().x()
            anchor = self.t0 + (x - NAME_WIDTH) / self._bar_width() * (self.t1 - self.t0)
            self.zoom(1.25**steps, anchor if x > NAME_WIDTH else None)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.5)
        elif event.key() in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / 1.5)
        elif event.key() == Qt.Key.Key_0:
            self.zoom_full()
        else:
            super().keyPressEvent(event)


class TimelineView(QWidget):
    """The timeline dock's widget. ``set_rows`` takes ``planning_views.gantt_rows``."""

    clusterClicked = Signal(str)
    clusterActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None, document=None):
        super().__init__(parent)
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Zoek cluster (naam of id)"))
        self.search.setClearButtonEnabled(True)
        self.municipality = QComboBox(self)
        self.municipality.setToolTip(self.tr("Gemeente van de meeste panden van de cluster"))
        self.profile = QComboBox(self)
        self.profile.setToolTip(self.tr("Risicoprofiel van de cluster"))
        self.profile.addItem(self.tr("Alle profielen"), ALL)
        for p in RISK_PROFILES:
            self.profile.addItem(self.tr("vooral {0}").format(core_text(p)), p)
        self.profile.addItem(self.tr("met verhoogde panden"), "has:verhoogd")
        self.contractor = QComboBox(self)
        self.contractor.setToolTip(self.tr("Aannemer in de planning"))
        self.count = QLabel(self)
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_in_button.setToolTip(self.tr("Tijdas inzoomen (Ctrl+muiswiel, +)"))
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_out_button.setToolTip(self.tr("Tijdas uitzoomen (Ctrl+muiswiel, −)"))
        for button in (self.zoom_in_button, self.zoom_out_button):
            button.setFixedWidth(28)
        self.full_button = QPushButton(self.tr("Hele periode"), self)
        self.to_selection_button = QPushButton(self.tr("Naar selectie"), self)
        self.to_selection_button.setToolTip(self.tr("Scroll naar de geselecteerde cluster"))

        # short rows rather than one long one: the dock fits a 1366 px screen beside the
        # map (at most 460 px minimum width)
        for combo in (self.municipality, self.profile, self.contractor):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.search.setMinimumWidth(80)
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.municipality, 1)
        bar.addWidget(self.profile, 1)
        bar.addWidget(self.contractor, 1)
        layout.addLayout(bar)
        second = QHBoxLayout()
        second.setSpacing(6)
        second.addWidget(self.count, 1)
        second.addWidget(self.to_selection_button)
        second.addWidget(self.zoom_out_button)
        second.addWidget(self.zoom_in_button)
        second.addWidget(self.full_button)
        layout.addLayout(second)

        self.legend = QLabel(self._legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.gantt = GanttCanvas(self)
        layout.addWidget(self.gantt, 1)

        self.rows = pd.DataFrame()
        self.attributes = pd.DataFrame()  # per row: gemeente, aannemer
        self._selected_ids: tuple[str, ...] = ()
        self._pending = None
        self._on_screen = True  # False while the dock's tab is behind another
        self._municipality_cache = (None, None, pd.Series(dtype=object))

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.municipality, self.profile, self.contractor):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.zoom_in_button.clicked.connect(lambda: self.gantt.zoom(1.5))
        self.zoom_out_button.clicked.connect(lambda: self.gantt.zoom(1 / 1.5))
        self.full_button.clicked.connect(self.gantt.zoom_full)
        self.to_selection_button.clicked.connect(self.scroll_to_selection)
        self.gantt.clusterClicked.connect(self.clusterClicked)
        self.gantt.clusterActivated.connect(self.clusterActivated)
        self._fill_combo(self.municipality, [], self.tr("Alle gemeenten"))
        self._fill_combo(self.contractor, [], self.tr("Alle aannemers"))

    def set_document(self, document) -> None:
        """The document whose buildings give each cluster its municipality (filter)."""
        self.document = document

    def _legend_html(self) -> str:
        def swatch(color: str) -> str:
            return (
                f'<span style="background-color:{color}; color:{color};">'
                "&nbsp;&nbsp;&nbsp;&nbsp;</span>"
            )

        parts = [
            swatch(RISK_FILL[p]) + "&nbsp;" + self.tr("vooral {0}").format(core_text(p))
            for p in RISK_PROFILES
        ]
        preparation = self.tr("lichte band: voorbereiding")
        parts.append(f"<span style='color:#a0a0a0'>▬</span>&nbsp;{preparation}")
        parts.append("▨&nbsp;" + self.tr("arcering: deel maatwerk"))
        start = self.tr("startdatum plan")
        parts.append(f"<span style='color:#0072b2'>┆</span>&nbsp;{start}")
        selected = self.tr("geselecteerd")
        parts.append(f"<span style='color:#0072b2'>▭</span>&nbsp;{selected}")
        return "&nbsp;&nbsp;&nbsp;".join(parts)

    # --- data ------------------------------------------------------------------------------
    def set_rows(self, rows: pd.DataFrame, *, plan_start=None, selected_ids=()) -> None:
        """Show ``rows``; while the widget is hidden (a tab behind another) the drawing
        waits until it is shown (or its tab comes to the front, :meth:`set_on_screen`), so
        a slider move does not pay for an unseen timeline."""
        self._pending = (rows, plan_start, tuple(selected_ids))
        if self.isVisible() and self._on_screen:
            self._flush()

    def set_on_screen(self, shown: bool) -> None:
        """Whether the dock's tab is in front: a tab behind another stays "visible" to
        Qt, so the dock says it (``QDockWidget.visibilityChanged``)."""
        self._on_screen = bool(shown)
        if shown:
            self._flush()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self._flush()

    def _flush(self) -> None:
        if self._pending is None:
            return
        rows, plan_start, selected_ids = self._pending
        self._pending = None
        self._draw(rows, plan_start, selected_ids)

    def _draw(self, rows: pd.DataFrame, plan_start, selected_ids) -> None:
        keep_range = (
            (self.gantt.t0, self.gantt.t1) if self.gantt.zoomed and len(self.rows) else None
        )
        self.rows = rows.reset_index(drop=True)
        self._selected_ids = tuple(selected_ids)
        if not len(self.rows):
            self.gantt.setData([], [], [])
            self.attributes = pd.DataFrame()
            self._update_filters()
            return
        colors = [RISK_FILL.get(p, RISK_FILL[PROFILE_UNKNOWN]) for p in self.rows["dominant"]]
        count = "n_work" if "n_work" in self.rows else "n_buildings"
        n = self.rows[count].to_numpy(float) if count in self.rows else np.ones(len(self.rows))
        bespoke = np.divide(
            self.rows["bespoke"].to_numpy(float), n, out=np.zeros(len(n)), where=n > 0
        )
        ids = self.rows["cluster_id"].astype(str).tolist()
        selected = np.isin(np.asarray(ids, dtype=object), list(selected_ids))
        self.gantt.plan_start = (
            float(to_seconds([plan_start])[0]) if plan_start is not None else None
        )
        self.gantt.setData(
            to_seconds(self.rows["start"]),
            to_seconds(self.rows["end"]),
            colors,
            bespoke,
            selected,
            to_seconds(self.rows["prep_start"]) if "prep_start" in self.rows else None,
            names=self.rows["name"].astype(str).tolist(),
            ids=ids,
            tooltips=self._tooltips(),
        )
        if keep_range is not None:
            self.gantt.set_range(*keep_range)
        self.attributes = self._attributes()
        self._update_filters()
        if selected.any():
            self.scroll_to_selection()

    def _tooltips(self) -> list[str]:
        rows = self.rows
        n = len(rows)

        def column(name, default=0):
            return rows[name].tolist() if name in rows else [default] * n

        template = self.tr(
            "{name}\nvoorbereiding vanaf {prep}\nbouw {start} – gereed {end}\n"
            "{n} panden: {v} verhoogd, {l} licht verhoogd, {o} normaal\nmaatwerk: {b} panden"
        )
        return [
            template.format(
                name=name,
                prep=format_date(prep),
                start=format_date(start),
                end=format_date(end),
                n=format_number(float(count or 0)),
                v=int(v or 0),
                l=int(lv or 0),
                o=int(o or 0),
                b=int(b or 0),
            )
            for name, prep, start, end, count, v, lv, o, b in zip(
                column("name", ""),
                column("prep_start", None),
                column("start", None),
                column("end", None),
                column("n_buildings"),
                column("verhoogd"),
                column("licht verhoogd"),
                column("normaal"),
                column("bespoke"),
                strict=True,
            )
        ]

    def _attributes(self) -> pd.DataFrame:
        """Municipality and contractor per row (for the filters)."""
        ids = self.rows["cluster_id"].astype(str)
        frame = pd.DataFrame(index=self.rows.index)
        frame["gemeente"] = ""
        frame["aannemer"] = ""
        document = self.document
        if document is None:
            return frame
        from gis_app.core.clusters.ranking import cluster_municipalities

        buildings, clusters = document.project.buildings, document.project.clusters
        cached_b, cached_c, names = self._municipality_cache
        if cached_b is not buildings or cached_c is not clusters:
            names = cluster_municipalities(buildings)
            self._municipality_cache = (buildings, clusters, names)
        frame["gemeente"] = text_or_empty(ids.map(names)).to_numpy(dtype=object)
        # unclustered pseudo-rows name their municipality code
        pseudo = ids.str.startswith("zonder-cluster-")
        if pseudo.any():
            from gis_app.core.clusters.ranking import MUNICIPALITY_NAMES

            codes = ids[pseudo].str.replace("zonder-cluster-", "", regex=False)
            frame.loc[pseudo, "gemeente"] = codes.map(MUNICIPALITY_NAMES).fillna(
                "gemeente " + codes
            )
        schedule = getattr(document.plan_result, "schedule", None)
        if schedule is not None and "contractor" in schedule and len(schedule):
            key = "plan_cluster" if "plan_cluster" in schedule else "cluster_id"
            table = pd.DataFrame(
                {"c": schedule[key].astype(str), "a": schedule["contractor"].fillna("").astype(str)}
            )
            table = table[table["a"] != ""]
            if len(table):
                mode = (
                    table.groupby(["c", "a"])
                    .size()
                    .reset_index(name="n")
                    .sort_values(["c", "n"], ascending=[True, False])
                    .drop_duplicates("c")
                    .set_index("c")["a"]
                )
                frame["aannemer"] = text_or_empty(ids.map(mode)).to_numpy(dtype=object)
        return frame

    def _fill_combo(self, combo: QComboBox, values, all_text: str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, ALL)
        for value in values:
            combo.addItem(value, value)
        at = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(at, 0))
        combo.blockSignals(False)

    def _update_filters(self) -> None:
        municipalities = sorted(v for v in set(self.attributes.get("gemeente", [])) if v)
        contractors = sorted(v for v in set(self.attributes.get("aannemer", [])) if v)
        self._fill_combo(self.municipality, municipalities, self.tr("Alle gemeenten"))
        self._fill_combo(self.contractor, contractors, self.tr("Alle aannemers"))
        self.municipality.setVisible(len(municipalities) > 0)
        self.contractor.setVisible(len(contractors) > 0)
        self.apply_filter()

    # --- filter ----------------------------------------------------------------------------
    def filter_mask(self) -> np.ndarray:
        n = len(self.rows)
        mask = np.ones(n, dtype=bool)
        if not n:
            return mask
        text = self.search.text().strip().lower()
        if text:
            names = self.rows["name"].astype(str).str.lower()
            ids = self.rows["cluster_id"].astype(str).str.lower()
            mask &= (
                names.str.contains(text, regex=False) | ids.str.contains(text, regex=False)
            ).to_numpy()
        municipality = self.municipality.currentData()
        if municipality and "gemeente" in self.attributes:
            mask &= (self.attributes["gemeente"] == municipality).to_numpy()
        contractor = self.contractor.currentData()
        if contractor and "aannemer" in self.attributes:
            mask &= (self.attributes["aannemer"] == contractor).to_numpy()
        profile = self.profile.currentData()
        if profile == "has:verhoogd" and "verhoogd" in self.rows:
            mask &= self.rows["verhoogd"].to_numpy() > 0
        elif profile:
            mask &= (self.rows["dominant"].astype(str) == profile).to_numpy()
        return mask

    def apply_filter(self, *_args) -> None:
        mask = self.filter_mask()
        self.gantt.set_order(np.flatnonzero(mask))
        total = len(self.rows)
        shown = int(mask.sum())
        self.count.setText(
            (
                self.tr("1 cluster in de planning")
                if total == 1
                else self.tr("%n clusters in de planning", "", total)
            )
            if shown == total
            else self.tr("%1 van %2 clusters").replace("%1", str(shown)).replace("%2", str(total))
        )

    def shown_ids(self) -> list[str]:
        """Cluster ids of the rows the filter leaves, in plan order."""
        return [self.gantt.ids[i] for i in self.gantt.order.tolist()]

    # --- selection -------------------------------------------------------------------------
    def set_selected(self, selected_ids) -> None:
        self._selected_ids = tuple(selected_ids)
        if self._pending is not None:
            rows, plan_start, _ids = self._pending
            self._pending = (rows, plan_start, tuple(selected_ids))
            return
        if len(self.rows):
            self.gantt.set_selected(
                np.isin(np.asarray(self.gantt.ids, dtype=object), list(selected_ids))
            )
            self.scroll_to_selection()

    def scroll_to_selection(self) -> bool:
        """Scroll to the first selected cluster; False when none is shown."""
        chosen = np.flatnonzero(self.gantt.selected)
        return any(self.gantt.scroll_to_row(row) for row in chosen.tolist())
