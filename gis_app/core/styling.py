"""Building styles: from a style description to one RGBA colour per building.

No Qt here: a style is computed on whole columns with numpy and returns

* ``colors``: ``uint8`` array of shape ``(n, 4)`` (RGBA, straight alpha), row ``i`` is
  the colour of building row ``i``;
* ``legend``: :class:`LegendEntry` items (label, colour, count) in display order.

The map draws the colours, the legend widget shows the entries, exports can reuse both.

Decisions:

* Default risk colours follow the Okabe–Ito palette, which stays distinguishable for the
  common forms of colour blindness: ``verhoogd`` vermillion, ``licht verhoogd`` yellow,
  ``normaal`` a muted blue-grey (the "grijs" of NCG lists, but blue enough to read as a
  colour next to ``onbekend``), ``onbekend`` light grey. Yellow on the light map
  background has little contrast, so the map draws outlines when zoomed in and dots at
  full extent are never lighter than the yellow itself.
* Numeric classes use the ColorBrewer ``YlOrRd`` sequential ramp (colour-blind safe,
  light = low, dark red = high); missing values get the ``onbekend`` grey and their own
  legend entry.
* Natural breaks: Fisher–Jenks (exact dynamic programme, O(k·m²)) on at most
  :data:`JENKS_MAX_VALUES` distinct values (weighted by their counts); larger columns are
  reduced to that many evenly spaced quantiles first, and each break found on that
  summary is then moved to the largest real gap in the data between the neighbouring
  summary points. That keeps it near 0.3 s at 300,000 buildings, and clearly separated
  groups come out exactly.
* Milestones use an ordered ramp (viridis stops) in NCG reporting order.
* Any other text column: the 10 most frequent values get Okabe–Ito/Tableau colours,
  the rest is drawn as "overig".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from gis_app.core.formatting import scientific
from gis_app.core.i18n import N_, t, translate
from gis_app.core.labels import column_label
from gis_app.core.schema import (
    BAG_GONE,
    MILESTONE_LABELS_NL,
    MILESTONES,
    PROFILE_LICHT,
    PROFILE_NORMAAL,
    PROFILE_UNKNOWN,
    PROFILE_VERHOOGD,
    bag_gone,
    text_or_empty,
)

STYLE_RISK = "risk_profile"
STYLE_GRADUATED = "graduated"
STYLE_MILESTONE = "milestone"
STYLE_CATEGORICAL = "categorical"
STYLE_PLAN_YEAR = "plan_completion_year"  # columns written by the planning workspace
STYLE_PLAN_APPROACH = "plan_approach"
STYLE_TOLD = "plan_told"  # what residents were told (core.planning.promises.told_status)
STYLE_KINDS = (
    STYLE_RISK,
    STYLE_GRADUATED,
    STYLE_MILESTONE,
    STYLE_CATEGORICAL,
    STYLE_PLAN_YEAR,
    STYLE_PLAN_APPROACH,
    STYLE_TOLD,
)
#: ``StyleSpec.only``: a map filter; the other panden are drawn muted (see compute_style).
ONLY_TELLABLE = "tellable"

METHOD_QUANTILE = "quantile"
METHOD_EQUAL = "equal"
METHOD_JENKS = "jenks"
CLASS_METHODS = (METHOD_QUANTILE, METHOD_EQUAL, METHOD_JENKS)

JENKS_MAX_VALUES = 600

#: Default risk profile colours (Okabe–Ito based), ``#rrggbb``.
RISK_COLORS = {
    PROFILE_VERHOOGD: "#d55e00",
    PROFILE_LICHT: "#f0e442",
    PROFILE_NORMAAL: "#7f97b2",
    PROFILE_UNKNOWN: "#c8c8c8",
}
RISK_LABELS = {
    PROFILE_VERHOOGD: N_("verhoogd"),
    PROFILE_LICHT: N_("licht verhoogd"),
    PROFILE_NORMAAL: N_("normaal"),
    PROFILE_UNKNOWN: N_("onbekend"),
}
MISSING_COLOR = RISK_COLORS[PROFILE_UNKNOWN]
OTHER_COLOR = "#a0a0a0"

#: ColorBrewer YlOrRd (9 classes), light to dark.
YLORRD = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)
#: viridis stops, dark to light.
VIRIDIS = (
    "#440154",
    "#472d7b",
    "#3b528b",
    "#2c728e",
    "#21918c",
    "#28ae80",
    "#5ec962",
    "#addc30",
    "#fde725",
)
#: Okabe–Ito without black and yellow first, then Tableau 10 extras.
QUALITATIVE = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
)


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str  # "#rrggbb"
    count: int
    lower: float | None = None  # class bounds for graduated styles
    upper: float | None = None


@dataclass(frozen=True)
class StyleSpec:
    """What the user chose. Immutable: the map compares specs to know when to restyle."""

    kind: str = STYLE_RISK
    column: str = ""  # graduated / categorical
    method: str = METHOD_QUANTILE
    classes: int = 5
    outline: bool = True
    labels: str = ""  # "", "building_id" or "address": labels when zoomed in
    colors: tuple[tuple[str, str], ...] = ()  # overrides: (category, "#rrggbb")
    alpha: int = 255
    only: str = ""  # "" (every pand) or ONLY_TELLABLE: the others muted

    def to_dict(self) -> dict:
        return {
            "only": self.only,
            "kind": self.kind,
            "column": self.column,
            "method": self.method,
            "classes": self.classes,
            "outline": self.outline,
            "labels": self.labels,
            "colors": [list(pair) for pair in self.colors],
            "alpha": self.alpha,
        }

    @classmethod
    def from_dict(cls, data: dict) -> StyleSpec:
        data = dict(data or {})
        colors = tuple(tuple(pair) for pair in data.pop("colors", ()))
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known, colors=colors)


@dataclass
class StyleResult:
    colors: np.ndarray  # (n, 4) uint8 RGBA
    legend: list[LegendEntry] = field(default_factory=list)
    title: str = ""
    breaks: np.ndarray | None = None  # graduated: class edges, len = classes + 1


# --- colours --------------------------------------------------------------------------------


def hex_to_rgba(color: str, alpha: int = 255) -> tuple[int, int, int, int]:
    text = color.lstrip("#")
    if len(text) == 8:
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16), int(text[6:8], 16)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16), alpha


def rgba_to_hex(rgba) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(int(v) for v in rgba[:3]))


def ramp(stops: tuple[str, ...], n: int) -> list[str]:
    """``n`` colours evenly interpolated (in RGB) along the hex ``stops``."""
    if n <= 0:
        return []
    rgb = np.array([hex_to_rgba(s)[:3] for s in stops], dtype=float)
    pos = np.linspace(0.0, 1.0, len(stops))
    at = np.linspace(0.0, 1.0, n) if n > 1 else np.array([0.5])
    out = np.stack([np.interp(at, pos, rgb[:, c]) for c in range(3)], axis=1)
    return [rgba_to_hex(np.round(row)) for row in out]


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of a hex colour."""
    channel = np.array(hex_to_rgba(color)[:3], dtype=float) / 255.0
    linear = np.where(channel <= 0.03928, channel / 12.92, ((channel + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2])


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- classification -------------------------------------------------------------------------


def _clean(values) -> np.ndarray:
    values = np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype=float)
    return values[np.isfinite(values)]


def quantile_breaks(values, k: int) -> np.ndarray:
    """Class edges (k + 1, ascending, duplicates removed) with equal counts per class."""
    data = _clean(values)
    if data.size == 0:
        return np.array([], dtype=float)
    edges = np.quantile(data, np.linspace(0.0, 1.0, k + 1))
    return np.unique(edges)


def equal_interval_breaks(values, k: int) -> np.ndarray:
    data = _clean(values)
    if data.size == 0:
        return np.array([], dtype=float)
    lo, hi = float(data.min()), float(data.max())
    if lo == hi:
        return np.array([lo, hi])
    return np.linspace(lo, hi, k + 1)


def _fisher_jenks(sorted_values: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """Exact Fisher–Jenks on weighted sorted values: returns the k + 1 edges."""
    m = sorted_values.size
    w = weights.astype(float)
    cw = np.concatenate([[0.0], np.cumsum(w)])
    cwx = np.concatenate([[0.0], np.cumsum(w * sorted_values)])
    cwx2 = np.concatenate([[0.0], np.cumsum(w * sorted_values**2)])

    def ssd(i, j):
        # within-class sum of squared deviations of values i..j (inclusive); broadcasts
        sw = cw[j + 1] - cw[i]
        sx = cwx[j + 1] - cwx[i]
        sx2 = cwx2[j + 1] - cwx2[i]
        return np.maximum(sx2 - sx * sx / sw, 0.0)

    cost = np.full((k + 1, m), np.inf)
    start = np.zeros((k + 1, m), dtype=np.int64)
    cost[1] = ssd(0, np.arange(m))
    for c in range(2, k + 1):
        for j in range(c - 1, m):
            i = np.arange(c - 1, j + 1)  # first index of the last class
            total = cost[c - 1, i - 1] + ssd(i, j)
            best = int(np.argmin(total))
            cost[c, j] = total[best]
            start[c, j] = i[best]
    edges = [sorted_values[-1]]
    j = m - 1
    for c in range(k, 1, -1):
        i = start[c, j]
        edges.append(sorted_values[i])
        j = i - 1
    edges.append(sorted_values[0])
    return np.array(edges[::-1], dtype=float)


def jenks_breaks(values, k: int, max_values: int = JENKS_MAX_VALUES) -> np.ndarray:
    """Natural breaks (Fisher–Jenks). Edges are data values; inner edge ``e`` starts a class.

    Unique values are weighted by their counts; above ``max_values`` unique values the
    data is summarised by ``max_values`` evenly spaced quantiles (module docstring).
    """
    data = _clean(values)
    if data.size == 0:
        return np.array([], dtype=float)
    uniq, counts = np.unique(data, return_counts=True)
    summarised = uniq.size > max_values
    if summarised:
        distinct = uniq
        uniq = np.unique(np.quantile(data, np.linspace(0.0, 1.0, max_values)))
        counts = np.ones(uniq.size)
    if uniq.size <= k:
        # one class per distinct value; the repeated maximum closes the last class
        return np.concatenate([uniq, uniq[-1:]]) if uniq.size > 1 else np.array([uniq[0], uniq[0]])
    edges = _fisher_jenks(uniq, counts, k)
    if summarised:
        edges = _snap_to_gaps(edges, uniq, distinct)
    edges[0], edges[-1] = data.min(), data.max()
    # Inner edges are strictly increasing first values of classes; the last one may equal
    # the maximum (a class of only the maximum), so no np.unique here.
    return edges


def _snap_to_gaps(edges: np.ndarray, summary: np.ndarray, distinct: np.ndarray) -> np.ndarray:
    """Move each inner edge found on the quantile summary to the largest gap in the real
    (distinct, sorted) values between the summary point below it and the edge itself."""
    out = edges.copy()
    for e in range(1, len(edges) - 1):
        at = np.searchsorted(summary, edges[e])
        lower = summary[max(at - 1, 0)]
        lo = np.searchsorted(distinct, lower, side="left")
        hi = np.searchsorted(distinct, edges[e], side="right")
        window = distinct[lo:hi]
        if len(window) >= 2:
            out[e] = window[int(np.argmax(np.diff(window))) + 1]
    return out


def class_breaks(values, k: int, method: str) -> np.ndarray:
    if method == METHOD_QUANTILE:
        return quantile_breaks(values, k)
    if method == METHOD_EQUAL:
        return equal_interval_breaks(values, k)
    if method == METHOD_JENKS:
        return jenks_breaks(values, k)
    raise ValueError(f"unknown classification method {method!r}")


def classify(values, edges: np.ndarray) -> np.ndarray:
    """Class index per value (0..len(edges)-2), -1 for missing values.

    Class ``c`` holds ``edges[c] <= v < edges[c + 1]``; the last class includes its upper
    edge, so the maximum falls in the last class.
    """
    values = np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype=float)
    out = np.full(values.shape, -1, dtype=np.int64)
    if len(edges) < 2:
        ok = np.isfinite(values)
        out[ok] = 0
        return out if len(edges) else np.full(values.shape, -1, dtype=np.int64)
    ok = np.isfinite(values)
    idx = np.searchsorted(edges, values[ok], side="right") - 1
    out[ok] = np.clip(idx, 0, len(edges) - 2)
    return out


# --- styles ---------------------------------------------------------------------------------


def _format_number(value: float) -> str:
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude < 1e-3 or magnitude >= 1e6:
        return scientific(value)  # the window's one scientific style: 3,0e-03
    if magnitude >= 100:
        return f"{value:,.0f}".replace(",", ".")
    return f"{value:.3g}".replace(".", ",")


def _palette(colors: list[str], alpha: int) -> np.ndarray:
    return np.array([hex_to_rgba(c, alpha) for c in colors], dtype=np.uint8).reshape(-1, 4)


def _categorical(
    codes: np.ndarray, categories: list[str], labels: list[str], colors: list[str], alpha: int
) -> tuple[np.ndarray, list[LegendEntry]]:
    palette = _palette(colors, alpha)
    rgba = palette[codes]
    counts = np.bincount(codes, minlength=len(categories))
    legend = [LegendEntry(labels[i], colors[i], int(counts[i])) for i in range(len(categories))]
    return rgba, legend


def risk_style(frame: pd.DataFrame, spec: StyleSpec) -> StyleResult:
    overrides = dict(spec.colors)
    order = [PROFILE_VERHOOGD, PROFILE_LICHT, PROFILE_NORMAAL, PROFILE_UNKNOWN]
    colors = [overrides.get(p, RISK_COLORS[p]) for p in order]
    codes = np.full(len(frame), 3, dtype=np.int64)
    if "risk_profile" in frame:
        # one hashed lookup instead of a string comparison per profile
        found = pd.Index(order[:3]).get_indexer(frame["risk_profile"].to_numpy(dtype=object))
        codes = np.where(found >= 0, found, 3).astype(np.int64)
    rgba, legend = _categorical(
        codes, order, [translate(RISK_LABELS[p]) for p in order], colors, spec.alpha
    )
    return StyleResult(rgba, legend, title=t("risicoprofiel"))


def milestone_style(frame: pd.DataFrame, spec: StyleSpec) -> StyleResult:
    overrides = dict(spec.colors)
    colors = [
        overrides.get(m, c)
        for m, c in zip(MILESTONES, ramp(VIRIDIS, len(MILESTONES)), strict=False)
    ]
    values = frame["milestone"].to_numpy(dtype=object) if "milestone" in frame else None
    codes = np.full(len(frame), len(MILESTONES), dtype=np.int64)
    if values is not None:
        lookup = {m: i for i, m in enumerate(MILESTONES)}
        codes = pd.Series(values).map(lookup).fillna(len(MILESTONES)).to_numpy(np.int64)
    categories = [*MILESTONES, "?"]
    labels = [translate(MILESTONE_LABELS_NL[m]) for m in MILESTONES] + [t("onbekend")]
    rgba, legend = _categorical(codes, categories, labels, [*colors, MISSING_COLOR], spec.alpha)
    if legend[-1].count == 0:
        legend = legend[:-1]
    return StyleResult(rgba, legend, title=t("mijlpaal"))


#: Panden that BAG says do not exist (any more): drawn muted over any style.
GONE_COLOR = "#b8b8b8"
GONE_ALPHA = 90
#: Categories whose colour means something, whatever their frequency: BAG status colours
#: the panden with a permit loudly (the planner decides on them) and the gone ones muted.
FIXED_CATEGORY_COLORS: dict[str, dict[str, str]] = {
    "bag_status": {
        "Bouwvergunning verleend": "#cc79a7",  # Okabe-Ito reddish purple
        "Sloopvergunning verleend": "#8c2d04",  # dark brown-red: about to go
        "Pand in gebruik": "#7f97b2",
        "Pand in gebruik (niet ingemeten)": "#9fb3c8",
        "Bouw gestart": "#56b4e9",
        "Verbouwing pand": "#009e73",
        "Pand buiten gebruik": "#a0a0a0",
        **{status: GONE_COLOR for status in sorted(BAG_GONE)},
    }
}


def categorical_style(
    frame: pd.DataFrame, spec: StyleSpec, max_categories: int = 10
) -> StyleResult:
    column = spec.column
    series = (
        frame[column].fillna("").astype(str) if column in frame else pd.Series([""] * len(frame))
    )
    counts = series.value_counts()
    top = [v for v in counts.index[:max_categories]]
    overrides = {**FIXED_CATEGORY_COLORS.get(column, {}), **dict(spec.colors)}
    colors = [overrides.get(v, QUALITATIVE[i % len(QUALITATIVE)]) for i, v in enumerate(top)]
    lookup = {v: i for i, v in enumerate(top)}
    codes = series.map(lookup).fillna(len(top)).to_numpy(np.int64)
    labels = [v if v != "" else "(leeg)" for v in top]
    categories, all_colors = [*top, "overig"], [*colors, OTHER_COLOR]
    rgba, legend = _categorical(codes, categories, [*labels, "overig"], all_colors, spec.alpha)
    if legend[-1].count == 0:
        legend = legend[:-1]
    return StyleResult(rgba, legend, title=column_label(column))


def graduated_style(frame: pd.DataFrame, spec: StyleSpec) -> StyleResult:
    column = spec.column
    values = (
        pd.to_numeric(frame[column], errors="coerce").to_numpy(float)
        if column in frame
        else np.full(len(frame), np.nan)
    )
    edges = class_breaks(values, max(1, spec.classes), spec.method)
    codes = classify(values, edges)
    n_classes = max(len(edges) - 1, 1) if len(edges) else 0
    colors = ramp(YLORRD, n_classes) if n_classes > 1 else ([YLORRD[4]] if n_classes else [])
    palette = _palette([*colors, MISSING_COLOR], spec.alpha)
    rgba = palette[np.where(codes < 0, len(colors), codes)]
    counts = np.bincount(codes[codes >= 0], minlength=n_classes) if n_classes else []
    legend = []
    for c in range(n_classes):
        lo, hi = float(edges[c]), float(edges[min(c + 1, len(edges) - 1)])
        label = f"{_format_number(lo)} – {_format_number(hi)}"
        legend.append(LegendEntry(label, colors[c], int(counts[c]), lo, hi))
    missing = int((codes < 0).sum())
    if missing:
        legend.append(LegendEntry(t("geen waarde"), MISSING_COLOR, missing))
    return StyleResult(rgba, legend, title=column_label(column), breaks=edges)


def plan_year_style(frame: pd.DataFrame, spec: StyleSpec) -> StyleResult:
    """Planned completion year (``plan_completion_year``): one class per year, light to
    dark red as the wait gets longer; buildings without planned work are grey."""
    values = (
        pd.to_numeric(frame[STYLE_PLAN_YEAR], errors="coerce").to_numpy(float)
        if STYLE_PLAN_YEAR in frame
        else np.full(len(frame), np.nan)
    )
    known = ~np.isnan(values)
    years = np.unique(values[known]).astype(int)
    overrides = dict(spec.colors)
    colors = [
        overrides.get(str(y), c) for y, c in zip(years, ramp(YLORRD[1:], len(years)), strict=False)
    ]
    codes = np.full(len(frame), len(years), dtype=np.int64)
    codes[known] = np.searchsorted(years, values[known].astype(int))
    labels = [t("gereed in {y}", y=y) for y in years]
    rgba, legend = _categorical(
        codes,
        [*map(str, years), ""],
        [*labels, t("geen werk gepland")],
        [*colors, MISSING_COLOR],
        spec.alpha,
    )
    if legend[-1].count == 0:
        legend = legend[:-1]
    return StyleResult(rgba, legend, title=t("gereed (planning)"))


PLAN_APPROACH_COLORS = {
    "standard": "#0072b2",
    "bespoke": "#e69f00",
    "none": MISSING_COLOR,
    "": OTHER_COLOR,
}
PLAN_APPROACH_LABELS = {
    "standard": N_("standaard"),
    "bespoke": N_("maatwerk"),
    "none": N_("geen werk"),
    "": N_("niet gepland"),
}


def _coded_text_column(frame, column: str, order: list[str], labels, default_colors, spec):
    """Colours and legend of a text column with a fixed list of values (``order``; the
    last one, ``""``, also takes values outside it and a missing column); the colours of
    ``spec`` override the defaults per value."""
    values = text_or_empty(frame[column]) if column in frame else pd.Series([""] * len(frame))
    codes = (
        values.map({k: i for i, k in enumerate(order)}).fillna(len(order) - 1).to_numpy(np.int64)
    )
    overrides = dict(spec.colors)
    colors = [overrides.get(k, default_colors[k]) for k in order]
    return _categorical(codes, order, [translate(labels[k]) for k in order], colors, spec.alpha)


def plan_approach_style(frame: pd.DataFrame, spec: StyleSpec) -> StyleResult:
    """Planned approach (``plan_approach``): standaard / maatwerk / geen werk."""
    order = ["standard", "bespoke", "none", ""]
    rgba, legend = _coded_text_column(
        frame, STYLE_PLAN_APPROACH, order, PLAN_APPROACH_LABELS, PLAN_APPROACH_COLORS, spec
    )
    legend = [entry for entry in legend[:3]] + [e for e in legend[3:] if e.count]
    return StyleResult(rgba, legend, title=t("aanpak (planning)"))


#: What residents were told (values of the ``plan_told`` column, written with every plan
#: from :func:`gis_app.core.planning.promises.told_status`), colour-blind-safe colours.
TOLD_ORDER = ("now", "kept", "broken", "")
TOLD_COLORS = {"now": "#0072b2", "kept": "#009e73", "broken": "#d55e00", "": MISSING_COLOR}
TOLD_LABELS = {
    "now": N_("nu te informeren"),
    "kept": N_("toegezegd, gehouden"),
    "broken": N_("toegezegd, gebroken"),
    "": N_("nog niet te informeren"),
}
#: Panden a filter leaves out: drawn, but muted, so the area stays readable.
FILTERED_COLOR = "#d0d0d0"
FILTERED_ALPHA = 70


def told_style(frame: pd.DataFrame, spec: StyleSpec) -> StyleResult:
    """What residents were told (``plan_told``): nu te informeren / toegezegd en gehouden /
    toegezegd en gebroken / nog niet. Every entry stays in the legend, also at 0."""
    rgba, legend = _coded_text_column(
        frame, STYLE_TOLD, list(TOLD_ORDER), TOLD_LABELS, TOLD_COLORS, spec
    )
    return StyleResult(rgba, legend, title=t("toezeggingen aan bewoners"))


def tellable_mask(frame: pd.DataFrame) -> np.ndarray:
    """Panden that can be told their dates now (``plan_told`` is "now")."""
    if STYLE_TOLD not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame[STYLE_TOLD].fillna("").astype(str).to_numpy(dtype=object) == "now"


_STYLES = {
    STYLE_RISK: risk_style,
    STYLE_MILESTONE: milestone_style,
    STYLE_GRADUATED: graduated_style,
    STYLE_CATEGORICAL: categorical_style,
    STYLE_PLAN_YEAR: plan_year_style,
    STYLE_PLAN_APPROACH: plan_approach_style,
    STYLE_TOLD: told_style,
}


def compute_style(frame: pd.DataFrame, spec: StyleSpec | None = None) -> StyleResult:
    """Colours and legend for ``frame`` (the buildings table) under ``spec``.

    Whatever the style, panden that BAG says do not exist (``bag_status``, see
    :func:`gis_app.core.schema.bag_gone`) stay visible but muted, with their own legend entry.
    """
    result = _compute_style(frame, spec or StyleSpec())
    if spec is not None and spec.only == ONLY_TELLABLE:
        # the filter "alleen nu te informeren": the others muted, counted in one entry
        out = ~tellable_mask(frame)
        shown = pd.Series(_rgb_keys(result.colors[~out])).value_counts()
        result.legend = [
            replace(e, count=int(shown.get(_rgb_keys(_palette([e.color], 255))[0], 0)))
            for e in result.legend
        ]
        result.colors = result.colors.copy()
        result.colors[out] = hex_to_rgba(FILTERED_COLOR, FILTERED_ALPHA)
        result.legend.append(
            LegendEntry(t("overige panden (gefilterd)"), FILTERED_COLOR, int(out.sum()))
        )
    if "bag_status" in frame.columns and len(frame):
        gone = bag_gone(frame["bag_status"].to_numpy(dtype=object))
        if gone.any():
            result.colors = result.colors.copy()
            result.colors[gone] = hex_to_rgba(GONE_COLOR, GONE_ALPHA)
            if spec is None or spec.column != "bag_status":  # there each status has its entry
                result.legend = [
                    *result.legend,
                    LegendEntry(t("bestaat niet (meer) volgens BAG"), GONE_COLOR, int(gone.sum())),
                ]
    return result


def _rgb_keys(colors: np.ndarray) -> np.ndarray:
    c = colors.astype(np.int64)
    return (c[:, 0] << 16) | (c[:, 1] << 8) | c[:, 2]


def _compute_style(frame: pd.DataFrame, spec: StyleSpec) -> StyleResult:
    style = _STYLES.get(spec.kind)
    if style is not None:
        return style(frame, spec)
    raise ValueError(f"unknown style kind {spec.kind!r}")


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """Columns a graduated style can use (numeric, not bool)."""
    out = []
    for name in frame.columns:
        if name == getattr(frame, "_geometry_column_name", "geometry"):
            continue
        dtype = frame[name].dtype
        if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            out.append(name)
    return out


def style_columns(spec: StyleSpec) -> set[str]:
    """Columns a style reads: a change to any of them means the colours must be recomputed."""
    extra = {STYLE_TOLD} if spec.only == ONLY_TELLABLE else set()
    if spec.kind == STYLE_RISK:
        return {"risk_profile", "bag_status", *extra}
    if spec.kind == STYLE_MILESTONE:
        return {"milestone", "bag_status", *extra}
    if spec.kind in (STYLE_PLAN_YEAR, STYLE_PLAN_APPROACH, STYLE_TOLD):
        return {spec.kind, "bag_status", *extra}
    return {spec.column, "bag_status", *extra}


# --- clusters, packages and the selection on the map ---------------------------------------
#
# The building colours (risk profile by default) are the reason for the map, so the areas
# drawn with them must not hide them:
#
# * Clusters are drawn as an outline on top of the buildings and, by default, a faint
#   fill *under* the buildings (``CLUSTER_DISPLAY_UNDER``), so at overview a cluster reads
#   as a tinted area and the risk colours stay as they are. ``CLUSTER_DISPLAY_OUTLINE``
#   draws outlines only; ``CLUSTER_DISPLAY_OVER`` the older translucent fill on top.
# * The outline is the cluster's own colour darkened towards grey (``cluster_outline``),
#   with a thin white casing, so neighbouring clusters stay apart without turning the
#   overview into confetti.
# * The selection is a halo around the buildings (``SELECTION_HALO``) and a thicker
#   outline for selected clusters; it never replaces the fill colour.

CLUSTER_DISPLAY_UNDER = "under"
CLUSTER_DISPLAY_OUTLINE = "outline"
CLUSTER_DISPLAY_OVER = "over"
CLUSTER_DISPLAYS = (CLUSTER_DISPLAY_UNDER, CLUSTER_DISPLAY_OUTLINE, CLUSTER_DISPLAY_OVER)
CLUSTER_UNDER_ALPHA = 45  # fill under the buildings: a tint, not a colour
CLUSTER_OVER_ALPHA = 45
CLUSTER_CASING = (255, 255, 255, 200)
SELECTION_HALO = "#00b4e6"  # around selected buildings, never over their fill
SELECTION_HALO_DARK = "#004e66"  # the inner line of the halo, for contrast on light fills
SELECTED_CLUSTER_COLOR = "#0060a0"
PACKAGE_OUTLINE = "#4b4b4b"
PREVIEW_COLOR = (200, 0, 140)  # suggested clusters before they are accepted (magenta)


def cluster_outline(color: str, amount: float = 0.35) -> tuple[int, int, int, int]:
    """The cluster's colour mixed with dark grey: recognisable, but calm at overview."""
    r, g, b, _ = hex_to_rgba(color) if isinstance(color, str) else tuple(color)
    grey = 60
    mix = lambda c: int(round(c * (1 - amount) + grey * amount))  # noqa: E731
    return mix(r), mix(g), mix(b), 255
