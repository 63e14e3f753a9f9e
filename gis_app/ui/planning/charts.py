"""The four live planning charts, updated in place with ``setData``.

* Bouwcapaciteit: construction starts per month (bars) against capacity (step line).
* Veilige panden: cumulative buildings safe per risk profile.
* Resterend risico: annual risk still carried over time (expected fatalities per
  year); the area under it is the plan's risk exposure.
* Afweging: risk exposure against bespoke share (one point per global share setting),
  with the current plan marked.

The widgets take the plain frames of :mod:`gis_app.core.planning_views`; the items are
created once and only their data changes, so dragging a slider does not rebuild plots.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from gis_app.core.schema import PROFILE_UNKNOWN, PROFILE_VERHOOGD, RISK_PROFILES_WITH_UNKNOWN
from gis_app.ui.core_texts import core_text
from gis_app.ui.planning.plotting import LINE_COLORS, RISK_FILL, make_plot, set_title, to_seconds

MONTH_SECONDS = 30.44 * 86400


class PlanCharts(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PlanCharts")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(4, 4, 4, 4)
        self.grid.setSpacing(6)
        tr = self.tr

        # capacity
        self.capacity_plot = make_plot(
            tr("Bouwcapaciteit per maand"),
            tr("bouwstarts"),
            legend=[
                ("#0072b2", "■", tr("geplande starts")),
                ("#d55e00", "■", tr("boven capaciteit")),
                ("#202020", "━", tr("capaciteit")),
                ("#009e73", "━", tr("gecontracteerd")),
            ],
        )
        self.starts_bars = pg.BarGraphItem(
            x=[],
            height=[],
            width=MONTH_SECONDS * 0.8,
            brush=pg.mkBrush("#0072b2"),
            pen=pg.mkPen(None),
        )
        self.capacity_plot.addItem(self.starts_bars)
        self.capacity_line = self.capacity_plot.plot(
            [0, 1], [0], stepMode="center", pen=pg.mkPen("#202020", width=2)
        )
        self.contracted_line = self.capacity_plot.plot(
            [0, 1],
            [0],
            stepMode="center",
            pen=pg.mkPen("#009e73", width=2, style=Qt.PenStyle.DashLine),
        )
        self.overload_bars = pg.BarGraphItem(
            x=[],
            height=[],
            y0=[],
            width=MONTH_SECONDS * 0.8,
            brush=pg.mkBrush("#d55e00"),
            pen=pg.mkPen(None),
        )
        self.capacity_plot.addItem(self.overload_bars)

        # cumulative safe
        self._safe_title = tr("Veilige panden (cumulatief)")
        self.safe_plot = make_plot(self._safe_title, tr("panden"), legend=self._safe_legend(False))
        self.safe_curves: dict[str, pg.PlotDataItem] = {}
        for profile in RISK_PROFILES_WITH_UNKNOWN:
            self.safe_curves[profile] = self.safe_plot.plot(
                [], [], pen=pg.mkPen(LINE_COLORS[profile], width=2.5)
            )
        self.safe_curves[PROFILE_UNKNOWN].hide()
        self._unknown_in_legend = False
        # 50 / 90 / 100 % safe per profile (planning_views.safe_date_points), labelled
        self.safe_markers = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w", width=1))
        self.safe_markers.setZValue(10)
        self.safe_plot.addItem(self.safe_markers)
        self.safe_labels: list[pg.TextItem] = []
        self.safe_points = pd.DataFrame()
        self.deadline_lines: list[pg.InfiniteLine] = []

        # remaining risk
        self.exposure_plot = make_plot(
            tr("Resterend risico"),
            tr("slachtoffers per jaar"),
            legend=[
                (
                    "#d55e00",
                    "━",
                    tr("risico van panden die nog niet veilig zijn"),
                )
            ],
        )
        self.exposure_curve = self.exposure_plot.plot(
            [],
            [],
            pen=pg.mkPen("#d55e00", width=2.5),
            fillLevel=0,
            brush=pg.mkBrush(213, 94, 0, 50),
        )

        # trade-off
        self._tradeoff_title = tr("Afweging snelheid – maatwerk")
        self._tradeoff_legend = [
            ("#0072b2", "●━", tr("alle clusters hetzelfde aandeel")),
            ("#d55e00", "★", tr("huidig plan")),
        ]
        self.tradeoff_plot = make_plot(
            self._tradeoff_title,
            tr("slachtoffer-jaren"),
            dates=False,
            percent_x=True,
            bottom_label=tr("aandeel maatwerk"),
            legend=self._tradeoff_legend,
        )
        self.tradeoff_curve = self.tradeoff_plot.plot(
            [],
            [],
            pen=pg.mkPen("#0072b2", width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush="#0072b2",
            symbolPen=None,
        )
        self.current_marker = pg.ScatterPlotItem(
            [], [], size=14, symbol="star", brush=pg.mkBrush("#d55e00"), pen=pg.mkPen("#202020")
        )
        self.tradeoff_plot.addItem(self.current_marker)
        # The whole 0-100 % range always (the curve's settings run from 0 to 100 %), with
        # fixed ticks every 20 %; the 10 % padding keeps the "0 %" and "100 %" labels inside
        # the axis (pyqtgraph drops a label that sticks out of a gridded plot).
        tradeoff = self.tradeoff_plot.getPlotItem()
        tradeoff.setXRange(0, 1, padding=0.1)
        tradeoff.enableAutoRange(x=False)
        tradeoff.setMouseEnabled(x=False, y=True)
        bottom = tradeoff.getAxis("bottom")
        bottom.setTicks(
            [[(v / 5, f"{v * 20} %") for v in range(6)], [(v / 10, "") for v in range(11)]]
        )

        self.plots = [self.capacity_plot, self.safe_plot, self.exposure_plot, self.tradeoff_plot]
        self._columns = 0
        self._arrange(2)

    def _safe_legend(self, unknown: bool) -> list[tuple[str, str, str]]:
        profiles = [p for p in RISK_PROFILES_WITH_UNKNOWN if unknown or p != PROFILE_UNKNOWN]
        return [(LINE_COLORS[p], "━", core_text(p)) for p in profiles]

    def _arrange(self, columns: int) -> None:
        """Four plots in a row when the dock is wide and low, else two by two."""
        if columns == self._columns:
            return
        for plot in self.plots:
            self.grid.removeWidget(plot)
        for i, plot in enumerate(self.plots):
            self.grid.addWidget(plot, i // columns, i % columns)
        self._columns = columns

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        size = event.size()
        wide = size.width() > 2.6 * size.height()
        # four in a row only when each keeps its minimum width (else the dock grows)
        roomy = size.width() >= 4 * (self.plots[0].minimumWidth() + self.grid.spacing()) + 8
        self._arrange(4 if wide and roomy else 2)

    # --- data ------------------------------------------------------------------------------
    def set_capacity(self, monthly: pd.DataFrame) -> None:
        """``monthly``: columns ``month``, ``starts``, ``capacity`` (planning_views.capacity_by_month)."""
        x = to_seconds(monthly["month"]) if len(monthly) else np.array([])
        starts = monthly["starts"].to_numpy(float) if len(monthly) else np.array([])
        capacity = monthly["capacity"].to_numpy(float) if len(monthly) else np.array([])
        within = np.minimum(starts, capacity)
        over = np.maximum(starts - capacity, 0.0)
        self.starts_bars.setOpts(x=x + MONTH_SECONDS / 2, height=within, width=MONTH_SECONDS * 0.8)
        self.overload_bars.setOpts(
            x=x + MONTH_SECONDS / 2, height=over, y0=within, width=MONTH_SECONDS * 0.8
        )
        if len(x):
            top = float(max(np.max(starts), np.max(capacity), 1.0))
            self.capacity_plot.getPlotItem().setYRange(-top * 0.02, top * 1.08, padding=0)
            edges = np.append(x, x[-1] + MONTH_SECONDS)
            self.capacity_line.setData(edges, capacity, stepMode="center")
            if "contracted" in monthly.columns:
                contracted = monthly["contracted"].to_numpy(float)
                self.contracted_line.setData(edges, contracted, stepMode="center")
            else:
                self.contracted_line.setData([], [])
        else:
            self.capacity_line.setData([], [])
            self.contracted_line.setData([], [])

    def set_cumulative(self, frame: pd.DataFrame) -> None:
        """``frame``: index month, one column per risk profile (planning_views.cumulative_safe)."""
        x = to_seconds(frame.index)
        for profile, curve in self.safe_curves.items():
            if profile in frame.columns:
                curve.setData(x, frame[profile].to_numpy(float))
                curve.setVisible(profile != PROFILE_UNKNOWN or bool(frame[profile].any()))
                if profile == PROFILE_UNKNOWN:
                    self._legend_unknown(bool(frame[profile].any()))
            else:
                curve.setData([], [])
                curve.setVisible(profile != PROFILE_UNKNOWN)
                if profile == PROFILE_UNKNOWN:
                    self._legend_unknown(False)

    def set_safe_points(self, points: pd.DataFrame | None) -> None:
        """Marked points: the dates by which 50 %, 90 % and all of each profile are safe
        (``planning_views.safe_date_points``), each labelled with its percentage."""
        points = points if points is not None else pd.DataFrame()
        self.safe_points = points
        for label in self.safe_labels:
            self.safe_plot.removeItem(label)
        self.safe_labels = []
        if not len(points):
            self.safe_markers.setData([], [])
            return
        x = to_seconds(pd.DatetimeIndex(points["date"]))
        y = points["count"].to_numpy(float)
        brushes = [pg.mkBrush(LINE_COLORS[p]) for p in points["profile"]]
        self.safe_markers.setData(x=x, y=y, brush=brushes)
        for i, text in label_groups(x, y, points["profile"].tolist(), points["share"].tolist()):
            profile = points["profile"].iat[i]
            # verhoogd below right of its points, the others above left: the curves of
            # two profiles often cross near their marked points
            anchor = (-0.05, 0.0) if profile == PROFILE_VERHOOGD else (1.05, 1.0)
            label = pg.TextItem(text, color=LINE_COLORS[profile], anchor=anchor)
            label.setPos(float(x[i]), float(y[i]))
            self.safe_plot.addItem(label)
            self.safe_labels.append(label)

    def set_deadlines(self, deadlines: dict | None) -> None:
        """Dashed vertical lines at each profile's deadline (``metrics["deadlines"]``)."""
        for line in self.deadline_lines:
            self.safe_plot.removeItem(line)
        self.deadline_lines = []
        for profile, day in dict(deadlines or {}).items():
            color = LINE_COLORS.get(profile, LINE_COLORS[PROFILE_UNKNOWN])
            line = pg.InfiniteLine(
                pos=float(to_seconds(pd.DatetimeIndex([pd.Timestamp(day)]))[0]),
                angle=90,
                pen=pg.mkPen(color, width=1.5, style=Qt.PenStyle.DashLine),
                label=self.tr("uiterlijk {0}").format(profile),
                labelOpts={"position": 0.95, "color": color, "anchors": [(1, 0), (1, 0)]},
            )
            self.safe_plot.addItem(line)
            self.deadline_lines.append(line)

    def _legend_unknown(self, show: bool) -> None:
        if show != self._unknown_in_legend:
            set_title(self.safe_plot, self._safe_title, self._safe_legend(show))
            self._unknown_in_legend = show

    def set_exposure(self, frame: pd.DataFrame) -> None:
        """``frame``: index month, column ``annual_risk`` (planning_views.exposure_over_time)."""
        self.exposure_curve.setData(to_seconds(frame.index), frame["annual_risk"].to_numpy(float))

    def set_tradeoff(self, curve: pd.DataFrame | None, current: tuple[float, float] | None) -> None:
        """``curve``: columns ``bespoke_share``, ``risk_exposure``; ``current``: (share, exposure)."""
        if curve is not None:
            ok = curve[["bespoke_share", "risk_exposure"]].notna().all(axis=1)
            self.tradeoff_curve.setData(
                curve.loc[ok, "bespoke_share"].to_numpy(float),
                curve.loc[ok, "risk_exposure"].to_numpy(float),
            )
        if current is not None and np.all(np.isfinite(current)):
            self.current_marker.setData([current[0]], [current[1]])
        elif current is None:
            self.current_marker.setData([], [])

    def set_tradeoff_busy(self, busy: bool) -> None:
        """The curve is being computed (11 plans): say so in the title."""
        self.set_tradeoff_progress(0.0 if busy else None)

    def set_tradeoff_progress(self, fraction: float | None) -> None:
        title = self._tradeoff_title
        if fraction is not None:
            title += " — " + self.tr("wordt berekend ({0} %)").format(int(fraction * 100))
        set_title(self.tradeoff_plot, title, self._tradeoff_legend)

    def clear(self) -> None:
        empty_month = pd.DataFrame({"month": pd.to_datetime([]), "starts": [], "capacity": []})
        self.set_capacity(empty_month)
        for curve in self.safe_curves.values():
            curve.setData([], [])
        self.set_safe_points(None)
        self.set_deadlines(None)
        self.exposure_curve.setData([], [])
        self.tradeoff_curve.setData([], [])
        self.current_marker.setData([], [])


def label_groups(x, y, profiles, shares) -> list[tuple[int, str]]:
    """Labels of the marked points: points of one profile that lie close together (within
    10 % of the x span and 8 % of the y span) share one label ("90/100%") at the last one,
    so the labels do not print over each other. Returns (index of the point, text)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if not len(x):
        return []
    dx = max(float(x.max() - x.min()), 1.0) * 0.10
    dy = max(float(y.max() - y.min()), 1.0) * 0.08
    out: list[tuple[int, str]] = []
    group: list[int] = []

    def flush() -> None:
        if group:
            text = "/".join(str(int(round(float(shares[i]) * 100))) for i in group) + "%"
            out.append((group[-1], text))

    for i in range(len(x)):
        if group and (
            profiles[i] != profiles[group[-1]]
            or abs(x[i] - x[group[-1]]) > dx
            or abs(y[i] - y[group[-1]]) > dy
        ):
            flush()
            group = []
        group.append(i)
    flush()
    return out


def risk_brush(profile: str, alpha: int = 255):
    color = pg.mkColor(RISK_FILL.get(profile, RISK_FILL[PROFILE_UNKNOWN]))
    color.setAlpha(alpha)
    return pg.mkBrush(color)
