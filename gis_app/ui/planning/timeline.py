"""Gantt-like timeline: one bar per cluster, in plan order, coloured by risk profile.

The bars are drawn by one :class:`GanttItem` from arrays (start, end, row, colour,
bespoke fraction) into a cached ``QPicture``; the cache is rebuilt only when the data
changes. The bespoke part of a cluster is drawn as a hatched band in the lower part
of its bar, so the planner sees both when and how a cluster is treated. Hovering a
bar shows the cluster's figures; clicking selects the cluster in the document.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen, QPicture
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from gis_app.core.schema import PROFILE_UNKNOWN, RISK_PROFILES
from gis_app.ui.planning.plotting import (
    RISK_FILL,
    DutchDateAxis,
    format_date,
    format_number,
    to_seconds,
)

BAR_HEIGHT = 0.7
MAX_LABELS = 40
NAME_CHARS = 32


def _short(name: str) -> str:
    """A cluster name that fits the axis (ellipsis in the middle, so names that differ
    only at the end stay apart); the tooltip shows it in full."""
    if len(name) <= NAME_CHARS:
        return name
    keep = NAME_CHARS - 1
    return name[: keep - keep // 3] + "…" + name[-(keep // 3) :]


class GanttItem(pg.GraphicsObject):
    def __init__(self):
        super().__init__()
        self._picture = QPicture()
        self._rect = QRectF()
        self.x0 = np.empty(0)
        self.x1 = np.empty(0)
        self.rows = np.empty(0)
        self.colors: list[str] = []
        self.bespoke = np.empty(0)
        self.selected = np.zeros(0, dtype=bool)
        self.prep = np.empty(0)

    def setData(self, x0, x1, rows, colors, bespoke=None, selected=None, prep=None):  # noqa: N802
        """Bars from ``x0`` (construction start) to ``x1`` (completion), preceded by a pale
        preparation band from ``prep`` to ``x0``; ``bespoke`` is the bespoke fraction."""
        self.x0 = np.asarray(x0, dtype=float)
        self.prep = self.x0.copy() if prep is None else np.asarray(prep, dtype=float)
        self.x1 = np.asarray(x1, dtype=float)
        self.rows = np.asarray(rows, dtype=float)
        self.colors = list(colors)
        n = len(self.x0)
        self.bespoke = np.zeros(n) if bespoke is None else np.asarray(bespoke, dtype=float)
        self.selected = (
            np.zeros(n, dtype=bool) if selected is None else np.asarray(selected, dtype=bool)
        )
        self._build()
        self.prepareGeometryChange()
        self.informViewBoundsChanged()
        self.update()

    def _build(self) -> None:
        picture = QPicture()
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        outline = QPen(QColor("#404040"))
        outline.setCosmetic(True)
        selected_pen = QPen(QColor("#0072b2"))
        selected_pen.setCosmetic(True)
        selected_pen.setWidth(3)
        hatch = QBrush(QColor(0, 0, 0, 190), Qt.BrushStyle.BDiagPattern)
        prep_pen = QPen(QColor("#a0a0a0"))
        prep_pen.setCosmetic(True)
        ok = np.isfinite(self.x0) & np.isfinite(self.x1)
        # rectangles as plain lists, grouped by colour: one drawRects call per group
        x0, rows = self.x0.tolist(), self.rows.tolist()
        widths = np.maximum(self.x1 - self.x0, 86400.0).tolist()
        prep, share = self.prep.tolist(), self.bespoke.tolist()
        colors = list(self.colors)
        groups: dict[str, tuple[list, list]] = {}
        selected_rects, hatched = [], []
        for i in np.flatnonzero(ok).tolist():  # one bar per cluster (thousands), not buildings
            bars, preps = groups.setdefault(colors[i], ([], []))
            if prep[i] == prep[i] and prep[i] < x0[i]:  # not NaN, starts earlier
                preps.append(
                    QRectF(prep[i], rows[i] - BAR_HEIGHT / 4, x0[i] - prep[i], BAR_HEIGHT / 2)
                )
            rect = QRectF(x0[i], rows[i] - BAR_HEIGHT / 2, widths[i], BAR_HEIGHT)
            bars.append(rect)
            if self.selected[i]:
                selected_rects.append(rect)
            if share[i] > 0:
                hatched.append(
                    QRectF(rect.left(), rect.top(), rect.width(), BAR_HEIGHT * min(share[i], 1.0))
                )
        painter.setPen(prep_pen)
        for color, (_bars, preps) in groups.items():
            pale = QColor(color)
            pale.setAlpha(70)
            painter.setBrush(QBrush(pale))
            if preps:
                painter.drawRects(preps)
        painter.setPen(outline)
        for color, (bars, _preps) in groups.items():
            painter.setBrush(QBrush(QColor(color)))
            painter.drawRects(bars)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(hatch)
        if hatched:
            painter.drawRects(hatched)
        painter.setPen(selected_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if selected_rects:
            painter.drawRects(selected_rects)
        painter.end()
        self._picture = picture
        if ok.any():
            starts = np.where(np.isfinite(self.prep), np.minimum(self.prep, self.x0), self.x0)
            left, right = float(starts[ok].min()), float(self.x1[ok].max())
            top, bottom = float(self.rows.min()) - 0.5, float(self.rows.max()) + 0.5
            self._rect = QRectF(left, top, max(right - left, 1.0), bottom - top)
        else:
            self._rect = QRectF()

    def paint(self, painter, option, widget=None):
        self._picture.play(painter)

    def boundingRect(self):  # noqa: N802
        return QRectF(self._rect)

    def row_at(self, x: float, y: float) -> int | None:
        hit = (
            (np.abs(self.rows - y) <= BAR_HEIGHT / 2)
            & (self.x0 <= x)
            & (x <= np.maximum(self.x1, self.x0 + 86400))
        )
        found = np.flatnonzero(hit)
        return int(found[0]) if len(found) else None


class TimelineView(QWidget):
    """The timeline dock's widget. ``set_rows`` takes ``planning_views.gantt_rows``."""

    clusterClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": DutchDateAxis("bottom")})
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.showGrid(x=True, y=False, alpha=0.2)
        item.invertY(True)
        item.setLabel("bottom", self.tr("clusters in planvolgorde"), color="#303030")
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen("#606060"))
            axis.setTextPen(pg.mkPen("#303030"))
        item.getAxis("left").setWidth(165)
        self.gantt = GanttItem()
        self.plot.addItem(self.gantt)
        self.start_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen("#0072b2", width=1, style=Qt.PenStyle.DashLine)
        )
        self.start_line.hide()
        self.plot.addItem(self.start_line)
        self.legend = QLabel(self._legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot)
        self.rows = pd.DataFrame()
        self._pending = None
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.plot.scene().sigMouseClicked.connect(self._click)

    def _legend_html(self) -> str:
        def swatch(color: str, alpha: float = 1.0) -> str:
            return (
                f'<span style="background-color:{color}; color:{color}; opacity:{alpha};">'
                "&nbsp;&nbsp;&nbsp;&nbsp;</span>"
            )

        parts = [
            f"{swatch(RISK_FILL[p])}&nbsp;{self.tr('vooral {0}').format(self.tr(p))}"
            for p in RISK_PROFILES
        ]
        parts.append(
            f"<span style='color:#606060'>▭</span>&nbsp;{self.tr('smalle lichte balk: voorbereiding')}"
        )
        parts.append(f"▨&nbsp;{self.tr('arcering: deel maatwerk')}")
        parts.append(f"<span style='color:#0072b2'>┆</span>&nbsp;{self.tr('startdatum plan')}")
        return "&nbsp;&nbsp;&nbsp;".join(parts)

    def set_rows(self, rows: pd.DataFrame, *, plan_start=None, selected_ids=()) -> None:
        """Show ``rows``; while the widget is hidden (a tab behind another) the drawing
        waits until it is shown, so a slider move does not pay for an unseen timeline."""
        self._pending = (rows, plan_start, tuple(selected_ids))
        if self.isVisible():
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
        self.rows = rows.reset_index(drop=True)
        if not len(self.rows):
            self.gantt.setData([], [], [], [])
            self.plot.getPlotItem().getAxis("left").setTicks([[]])
            return
        colors = [RISK_FILL.get(p, RISK_FILL[PROFILE_UNKNOWN]) for p in self.rows["dominant"]]
        count = "n_work" if "n_work" in self.rows else "n_buildings"
        n = self.rows[count].to_numpy(float) if count in self.rows else np.ones(len(self.rows))
        bespoke = np.divide(
            self.rows["bespoke"].to_numpy(float), n, out=np.zeros(len(n)), where=n > 0
        )
        selected = self.rows["cluster_id"].isin(list(selected_ids)).to_numpy()
        self.gantt.setData(
            to_seconds(self.rows["start"]),
            to_seconds(self.rows["end"]),
            self.rows["row"].to_numpy(float),
            colors,
            bespoke,
            selected,
            to_seconds(self.rows["prep_start"]) if "prep_start" in self.rows else None,
        )
        step = max(1, int(np.ceil(len(self.rows) / MAX_LABELS)))
        names = [_short(str(name)) for name in self.rows["name"].tolist()]
        ticks = [(float(r), names[i]) for i, r in enumerate(self.rows["row"]) if i % step == 0]
        axis = self.plot.getPlotItem().getAxis("left")
        axis.setTicks([ticks, []])
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        widest = max((metrics.horizontalAdvance(text) for _pos, text in ticks), default=60)
        axis.setWidth(int(min(280, max(80, widest + 24))))  # names are never hidden
        if plan_start is not None:
            self.start_line.setPos(float(to_seconds([plan_start])[0]))
            self.start_line.show()
        self.plot.getPlotItem().enableAutoRange()

    def set_selected(self, selected_ids) -> None:
        if self._pending is not None:
            rows, plan_start, _ids = self._pending
            self._pending = (rows, plan_start, tuple(selected_ids))
            return
        if len(self.rows):
            self.gantt.selected = self.rows["cluster_id"].isin(list(selected_ids)).to_numpy()
            self.gantt._build()
            self.gantt.update()

    def _row_under(self, scene_pos) -> int | None:
        if not len(self.rows):
            return None
        point = self.plot.getPlotItem().vb.mapSceneToView(scene_pos)
        return self.gantt.row_at(point.x(), point.y())

    def _hover(self, scene_pos) -> None:
        i = self._row_under(scene_pos)
        if i is None:
            QToolTip.hideText()
            return
        row = self.rows.iloc[i]
        text = self.tr(
            "{name}\nvoorbereiding vanaf {prep}\nbouw {start} – gereed {end}\n{n} panden: {v} verhoogd, {l} licht verhoogd, {o} normaal\n"
            "maatwerk: {b} panden"
        ).format(
            name=row["name"],
            prep=format_date(row.get("prep_start")),
            start=format_date(row["start"]),
            end=format_date(row["end"]),
            n=format_number(float(row.get("n_buildings", 0))),
            v=int(row.get("verhoogd", 0)),
            l=int(row.get("licht verhoogd", 0)),
            o=int(row.get("normaal", 0)),
            b=int(row.get("bespoke", 0)),
        )
        view = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
        QToolTip.showText(view + QPointF(12, 12).toPoint(), text, self.plot)

    def _click(self, event) -> None:
        i = self._row_under(event.scenePos())
        if i is not None:
            self.clusterClicked.emit(str(self.rows.iloc[i]["cluster_id"]))
