"""Shared pyqtgraph pieces for the planning charts: Dutch axes, colours, conversions.

pyqtgraph's own date axis writes English month names and its number axis uses SI
prefixes ("m" for 0.001), which reads wrong to a Dutch planner looking at risk in
expected fatalities. These axes write Dutch dates and numbers with a decimal comma.
"""

from __future__ import annotations

import math

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gis_app.core import formatting as fmt
from gis_app.ui.planning.formats import (  # noqa: F401 - the charts' shared names
    LINE_COLORS,
    MONTHS_NL,
    RISK_FILL,
    SERIES_COLORS,
    format_date,
    format_month,
    format_number,
    format_significant,
    month_abbr,
    qcolor,
    to_seconds,
)


class DutchDateAxis(pg.DateAxisItem):
    """Date axis with Dutch month names; years alone when ticks are a year or more apart."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (Qt naming)
        out = []
        for v in values:
            try:
                stamp = pd.Timestamp(v, unit="s")
            except (OverflowError, ValueError):
                out.append("")
                continue
            if spacing >= 300 * 86400:
                out.append(str(stamp.year))
            elif spacing >= 25 * 86400:
                label = month_abbr(stamp.month - 1)
                out.append(
                    f"{label} {stamp.year}" if stamp.month == 1 or spacing >= 80 * 86400 else label
                )
            else:
                out.append(f"{stamp.day} {month_abbr(stamp.month - 1)}")
        return out


class DutchNumberAxis(pg.AxisItem):
    """Number axis with Dutch separators and no SI prefixes; ``percent`` shows 0..1 as %."""

    def __init__(self, orientation: str, percent: bool = False, **kwargs):
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self._percent = percent

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (Qt naming)
        if self._percent:
            return [format_number(v * 100, 0) + " %" for v in values]
        if spacing <= 0:
            return [format_number(v) for v in values]
        decimals = (
            max(0, -int(math.floor(math.log10(spacing * scale)))) if spacing * scale < 1 else 0
        )
        if decimals > 6:
            return [fmt.scientific(v) for v in values]
        return [format_number(v * scale, decimals) for v in values]


def make_plot(
    title: str,
    left_label: str,
    *,
    dates: bool = True,
    percent_y: bool = False,
    percent_x: bool = False,
    bottom_label: str = "",
    legend_offset: tuple[int, int] = (8, 8),
    legend: list[tuple[str, str, str]] | None = None,
) -> pg.PlotWidget:
    """A white plot with Dutch axes and a grid.

    ``legend``: ``(colour, symbol, label)`` entries drawn as a line under the title, so
    the legend never covers data in a small dock; without it a pyqtgraph legend box is
    added inside the plot (``legend_offset``).
    """
    axes = {
        "left": DutchNumberAxis("left", percent=percent_y),
        "bottom": DutchDateAxis("bottom")
        if dates
        else DutchNumberAxis("bottom", percent=percent_x),
    }
    plot = pg.PlotWidget(background="w", axisItems=axes)
    item = plot.getPlotItem()
    if legend is not None:
        set_title(plot, title, legend)
    else:
        item.setTitle(title, color="#202020", size="10pt")
    item.setLabel("left", left_label, color="#303030")
    if bottom_label:
        item.setLabel("bottom", bottom_label, color="#303030")
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen("#606060"))
        axis.setTextPen(pg.mkPen("#303030"))
    axes["left"].setWidth(64)
    item.showGrid(x=True, y=True, alpha=0.15)
    item.setMenuEnabled(False)
    plot.setMinimumSize(220, 130)
    if legend is None:
        box = item.addLegend(
            offset=legend_offset, labelTextColor="#202020", brush=pg.mkBrush(255, 255, 255, 210)
        )
        box.setPen(pg.mkPen("#c0c0c0"))
    return plot


def set_title(plot: pg.PlotWidget, title: str, legend: list[tuple[str, str, str]]) -> None:
    """Title with a one-line legend under it (coloured symbols and labels)."""
    entries = "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color:{color};">{symbol}</span>&nbsp;{label}'
        for color, symbol, label in legend
    )
    html = (
        f'<span style="color:#202020; font-size:10pt;">{title}</span><br>'
        f'<span style="color:#303030; font-size:8pt;">{entries}</span>'
    )
    item = plot.getPlotItem()
    _wrap_title(item)
    item.setTitle(html)


def _wrap_title(item: pg.PlotItem) -> None:
    """Let the title (with its legend line) wrap to the plot's width.

    pyqtgraph's ``LabelItem`` makes its one-line text the minimum width of the plot item;
    in a narrow dock the plot item then grows wider than its view and the right part of
    the plot (the x axis beyond about 80 %, the last legend entries) is cut off. Here the
    text wraps at the label's width instead and the title row grows to the lines needed.
    """
    label = item.titleLabel
    if getattr(label, "_gis_wrapping", False):
        return
    label._gis_wrapping = True
    option = label.item.document().defaultTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    label.item.document().setDefaultTextOption(option)

    def update_min() -> None:
        width = label.rect().width()
        if width > 10 and abs(label.item.textWidth() - width) > 0.5:
            label.item.setTextWidth(width)
        # top left of the label (the text is as wide as the label and centred inside;
        # LabelItem centred it using the height before re-wrapping)
        label.item.setPos(0, 0)
        label.item.setPos(label.rect().topLeft() - label.itemRect().topLeft())
        height = label.item.boundingRect().height()
        label.setMinimumWidth(0)
        label.setMinimumHeight(height)
        label._sizeHint = {
            Qt.SizeHint.MinimumSize: (0, height),
            Qt.SizeHint.PreferredSize: (0, height),
            Qt.SizeHint.MaximumSize: (-1, -1),
            Qt.SizeHint.MinimumDescent: (0, 0),
        }
        if item.layout.rowMinimumHeight(0) != height:
            item.layout.setRowFixedHeight(0, height)
        label.updateGeometry()

    label.updateMin = update_min
