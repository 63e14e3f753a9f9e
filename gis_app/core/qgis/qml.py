"""QGIS layer styles (QML) from the app's own style description.

A :class:`LayerStyle` holds the parts of a QGIS vector layer style: the renderer
(``renderer-v2``), optional simple labels and the layer opacity. The same parts go into a
QML document (:meth:`LayerStyle.qml`, stored in a GeoPackage's ``layer_styles`` table)
and into a ``maplayer`` element of a QGIS project (:mod:`gis_app.core.qgis.project`).

One function per renderer type, kept small: :func:`single_symbol_renderer`,
:func:`categorized_renderer`, :func:`graduated_renderer`, plus :func:`simple_labeling`.
:func:`buildings_style` maps a :class:`~gis_app.core.styling.StyleSpec` onto them with the
colours and legend labels of :func:`~gis_app.core.styling.compute_style`, so QGIS shows
what the map shows:

* categorized kinds (risk profile, milestone, text column, plan approach, plan year):
  one category per legend entry; the grey "onbekend"/"overig" entry becomes QGIS's
  "all other values" category (empty value), which is how the app treats anything it
  does not know;
* classes (graduated): one range per class. The app puts a value on a class edge in the
  upper class and QGIS takes the first range that contains it, so each range except the
  last ends just below the next edge. Buildings without a value are drawn by an extra
  range on a sentinel that ``coalesce`` substitutes, so "geen waarde" stays visible;
* labels (BAG id or address) only at 1:2,000 and closer, as on the map.

Clusters and work packages (:func:`area_style`) are drawn like the map draws them: each
feature in its own ``color`` (a data-defined colour), a light fill, the name as label.

XML is written with :mod:`xml.etree.ElementTree` (core has no Qt).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gis_app.core.schema import MILESTONES, PROFILE_LICHT, PROFILE_NORMAAL, PROFILE_VERHOOGD
from gis_app.core.styling import (
    STYLE_CATEGORICAL,
    STYLE_GRADUATED,
    STYLE_MILESTONE,
    STYLE_PLAN_APPROACH,
    STYLE_PLAN_YEAR,
    STYLE_RISK,
    STYLE_TOLD,
    TOLD_ORDER,
    StyleSpec,
    compute_style,
    hex_to_rgba,
)

QGIS_VERSION = "3.22.0-Białowieża"  # the oldest QGIS the files are checked against
LABEL_MAX_SCALE = 2000  # labels at 1:2,000 and closer, as on the app's map
OUTLINE_COLOR = (50, 50, 50, 170)  # the map's building outline
OUTLINE_WIDTH_MM = 0.1
LABEL_COLOR = "#202020"
EMPTY_TEXT = "\u2205leeg"  # stands in for the empty text, which QGIS reads as "other values"


@dataclass(frozen=True)
class Category:
    value: str  # "" = all other values
    label: str
    color: str  # "#rrggbb"


@dataclass(frozen=True)
class Range:
    lower: float
    upper: float
    label: str
    color: str


@dataclass
class LayerStyle:
    """The style of one layer: renderer, optional labels, opacity (0..1)."""

    renderer: ET.Element
    labeling: ET.Element | None = None
    opacity: float = 1.0

    def parts(self) -> list[ET.Element]:
        """The elements a QML document and a project's ``maplayer`` share."""
        out = [self.renderer]
        if self.labeling is not None:
            out.append(self.labeling)
        opacity = ET.Element("layerOpacity")
        opacity.text = _number(min(max(float(self.opacity), 0.0), 1.0))
        out.append(opacity)
        return out

    @property
    def labels_enabled(self) -> bool:
        return self.labeling is not None

    def qml(self) -> str:
        """A complete QML document (what QGIS's "Save style" writes, reduced to these parts)."""
        root = ET.Element(
            "qgis",
            {
                "version": QGIS_VERSION,
                "styleCategories": "Symbology|Labeling|Rendering",
                "labelsEnabled": "1" if self.labels_enabled else "0",
            },
        )
        root.extend(self.parts())
        ET.indent(root)
        return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
            root, encoding="unicode"
        )


# --- small helpers ------------------------------------------------------------------------


def _number(value: float) -> str:
    """A float as QGIS reads it back exactly (shortest round-trip form)."""
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def qgis_color(color: str | tuple, alpha: int | None = None) -> str:
    """``"#rrggbb"`` (or an RGBA tuple) as QGIS's ``"r,g,b,a"``."""
    rgba = hex_to_rgba(color) if isinstance(color, str) else tuple(int(v) for v in color)
    if len(rgba) == 3:
        rgba = (*rgba, 255)
    if alpha is not None:
        rgba = (*rgba[:3], int(alpha))
    return ",".join(str(int(v)) for v in rgba)


def _options(parent: ET.Element, values: dict[str, str]) -> None:
    """QGIS 3's ``<Option type="Map">`` block plus the older ``<prop>`` lines."""
    block = ET.SubElement(parent, "Option", {"type": "Map"})
    for key, value in values.items():
        ET.SubElement(block, "Option", {"name": key, "value": value, "type": "QString"})
    for key, value in values.items():
        ET.SubElement(parent, "prop", {"k": key, "v": value})


def _data_defined(parent: ET.Element, expressions: dict[str, str]) -> None:
    """``data_defined_properties`` with an expression per property (``fillColor`` ...)."""
    holder = ET.SubElement(parent, "data_defined_properties")
    block = ET.SubElement(holder, "Option", {"type": "Map"})
    ET.SubElement(block, "Option", {"name": "name", "value": "", "type": "QString"})
    if expressions:
        properties = ET.SubElement(block, "Option", {"name": "properties", "type": "Map"})
        for name, expression in expressions.items():
            prop = ET.SubElement(properties, "Option", {"name": name, "type": "Map"})
            ET.SubElement(prop, "Option", {"name": "active", "value": "true", "type": "bool"})
            ET.SubElement(
                prop, "Option", {"name": "expression", "value": expression, "type": "QString"}
            )
            ET.SubElement(prop, "Option", {"name": "type", "value": "3", "type": "int"})
    else:
        ET.SubElement(block, "Option", {"name": "properties"})
    ET.SubElement(block, "Option", {"name": "type", "value": "collection", "type": "QString"})


def _symbol(
    name: str,
    kind: str,
    layer_class: str,
    options: dict[str, str],
    expressions: dict[str, str] | None = None,
) -> ET.Element:
    """A symbol of ``kind`` (fill, line, marker) with one symbol layer of ``layer_class``;
    ``expressions`` make layer properties data-defined."""
    symbol = ET.Element(
        "symbol",
        {"name": name, "type": kind, "alpha": "1", "clip_to_extent": "1", "force_rhr": "0"},
    )
    _data_defined(symbol, {})
    layer = ET.SubElement(
        symbol, "layer", {"class": layer_class, "enabled": "1", "locked": "0", "pass": "0"}
    )
    _options(layer, options)
    _data_defined(layer, expressions or {})
    return symbol


def fill_symbol(
    name: str,
    fill: str | None,
    *,
    alpha: int = 255,
    outline: str | tuple | None = OUTLINE_COLOR,
    outline_width: float = OUTLINE_WIDTH_MM,
    fill_expression: str = "",
    outline_expression: str = "",
) -> ET.Element:
    """A fill symbol with one simple fill layer; ``fill=None`` is no fill, ``outline=None``
    no outline. Expressions make the colours data-defined (per feature)."""
    expressions = {}
    if fill_expression:
        expressions["fillColor"] = fill_expression
    if outline_expression:
        expressions["outlineColor"] = outline_expression
    return _symbol(
        name,
        "fill",
        "SimpleFill",
        {
            "color": qgis_color(fill or "#000000", alpha if fill else 0),
            "style": "solid" if fill or fill_expression else "no",
            "outline_color": qgis_color(outline if outline is not None else "#000000"),
            "outline_style": "solid" if outline is not None or outline_expression else "no",
            "outline_width": _number(outline_width),
            "outline_width_unit": "MM",
            "joinstyle": "bevel",
            "offset": "0,0",
            "offset_unit": "MM",
        },
        expressions,
    )


def _renderer(kind: str, attrs: dict[str, str] | None = None) -> ET.Element:
    base = {
        "type": kind,
        "symbollevels": "0",
        "enableorderby": "0",
        "forceraster": "0",
        "referencescale": "-1",
    }
    return ET.Element("renderer-v2", {**base, **(attrs or {})})


# --- the renderers ------------------------------------------------------------------------


def single_symbol_renderer(symbol: ET.Element) -> ET.Element:
    """Every feature drawn with ``symbol``."""
    renderer = _renderer("singleSymbol")
    symbols = ET.SubElement(renderer, "symbols")
    symbol.set("name", "0")
    symbols.append(symbol)
    ET.SubElement(renderer, "rotation")
    ET.SubElement(renderer, "sizescale")
    return renderer


def _classed_renderer(
    renderer: ET.Element,
    list_tag: str,
    item_tag: str,
    entries: list[tuple[dict[str, str], str]],
    *,
    alpha: int,
    outline,
    trailer: tuple[tuple[str, dict[str, str]], ...] = (),
) -> ET.Element:
    """Fill ``renderer`` with one ``item_tag`` entry and one fill symbol per class;
    ``entries`` holds each class's attributes and colour."""
    listing = ET.SubElement(renderer, list_tag)
    symbols = ET.SubElement(renderer, "symbols")
    for index, (attrs, color) in enumerate(entries):
        ET.SubElement(listing, item_tag, {**attrs, "symbol": str(index), "render": "true"})
        symbols.append(fill_symbol(str(index), color, alpha=alpha, outline=outline))
    for tag, attrs in (*trailer, ("rotation", {}), ("sizescale", {})):
        ET.SubElement(renderer, tag, attrs)
    return renderer


def categorized_renderer(
    attribute: str, categories: list[Category], *, alpha: int = 255, outline=OUTLINE_COLOR
) -> ET.Element:
    """One symbol per value of ``attribute`` (a field name or an expression)."""
    return _classed_renderer(
        _renderer("categorizedSymbol", {"attr": attribute}),
        "categories",
        "category",
        [({"value": c.value, "label": c.label}, c.color) for c in categories],
        alpha=alpha,
        outline=outline,
    )


def graduated_renderer(
    attribute: str, ranges: list[Range], *, alpha: int = 255, outline=OUTLINE_COLOR
) -> ET.Element:
    """One symbol per value range of ``attribute`` (a field name or an expression)."""
    return _classed_renderer(
        _renderer("graduatedSymbol", {"attr": attribute, "graduatedMethod": "GraduatedColor"}),
        "ranges",
        "range",
        [
            (
                {"lower": _number(r.lower), "upper": _number(r.upper), "label": r.label},
                r.color,
            )
            for r in ranges
        ],
        alpha=alpha,
        outline=outline,
        trailer=(("mode", {"name": "manual"}),),
    )


def simple_labeling(
    expression: str, *, max_scale: float | None = LABEL_MAX_SCALE, size: float = 8.0
) -> ET.Element:
    """Labels from a field name or expression with a white halo; only at 1:``max_scale``
    and closer when ``max_scale`` is given."""
    labeling = ET.Element("labeling", {"type": "simple"})
    settings = ET.SubElement(labeling, "settings", {"calloutType": "simple"})
    is_expression = not expression.isidentifier()
    text = ET.SubElement(
        settings,
        "text-style",
        {
            "fieldName": expression,
            "isExpression": "1" if is_expression else "0",
            "fontSize": _number(size),
            "fontSizeUnit": "Point",
            "textColor": qgis_color(LABEL_COLOR),
            "textOpacity": "1",
            "fontWeight": "50",
            "namedStyle": "",
        },
    )
    ET.SubElement(
        text,
        "text-buffer",
        {
            "bufferDraw": "1",
            "bufferSize": "0.7",
            "bufferSizeUnits": "MM",
            "bufferColor": "255,255,255,255",
            "bufferOpacity": "0.8",
        },
    )
    ET.SubElement(settings, "placement", {"placement": "1"})  # over the point / centroid
    rendering = {"drawLabels": "1", "obstacle": "1", "scaleVisibility": "0"}
    if max_scale:
        # QGIS's "scaleMax" is the most zoomed-out scale denominator that still shows labels
        rendering.update({"scaleVisibility": "1", "scaleMin": "1", "scaleMax": _number(max_scale)})
    ET.SubElement(settings, "rendering", rendering)
    return labeling


# --- the app's styles ---------------------------------------------------------------------


def _field(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _categories(values: list[str], result, *, other_last: bool) -> list[Category]:
    """Pair category values with the legend's labels and colours (same order)."""
    legend = list(result.legend)
    out = []
    for index, entry in enumerate(legend):
        if index < len(values):
            value = values[index]
        elif other_last and index == len(legend) - 1:
            value = ""
        else:  # pragma: no cover - the legend never has more entries than values + other
            continue
        out.append(Category(value, entry.label, entry.color))
    return out


def buildings_renderer(frame: pd.DataFrame, spec: StyleSpec) -> ET.Element:
    """The buildings renderer for ``spec`` (colours and labels of the app's legend)."""
    result = compute_style(frame, spec)
    alpha = int(spec.alpha)
    outline = OUTLINE_COLOR if spec.outline else None
    if spec.kind == STYLE_RISK:
        values = [PROFILE_VERHOOGD, PROFILE_LICHT, PROFILE_NORMAAL]
        cats = _categories(values, result, other_last=True)
        return categorized_renderer("risk_profile", cats, alpha=alpha, outline=outline)
    if spec.kind == STYLE_MILESTONE:
        cats = _categories(list(MILESTONES), result, other_last=True)
        return categorized_renderer("milestone", cats, alpha=alpha, outline=outline)
    if spec.kind == STYLE_CATEGORICAL:
        # legend: the most frequent values in order, then "overig" (all other values);
        # the empty text gets its own category through a stand-in value
        series = frame[spec.column].fillna("").astype(str) if spec.column in frame else None
        top = list(series.value_counts().index[:10]) if series is not None else []
        cats = []
        for index, entry in enumerate(result.legend):
            value = top[index] if index < len(top) else ""
            cats.append(
                Category(
                    EMPTY_TEXT if value == "" and index < len(top) else value,
                    entry.label,
                    entry.color,
                )
            )
        text = f"coalesce(to_string({_field(spec.column)}), '')"
        expression = f"if({text} = '', '{EMPTY_TEXT}', {text})"
        return categorized_renderer(expression, cats, alpha=alpha, outline=outline)
    if spec.kind == STYLE_PLAN_APPROACH:
        values = ["standard", "bespoke", "none"]
        cats = [
            Category(values[i] if i < 3 else "", e.label, e.color)
            for i, e in enumerate(result.legend)
        ]
        return categorized_renderer(STYLE_PLAN_APPROACH, cats, alpha=alpha, outline=outline)
    if spec.kind == STYLE_TOLD:
        told = zip(TOLD_ORDER, result.legend[:4], strict=True)
        cats = [Category(v, e.label, e.color) for v, e in told]
        return categorized_renderer(STYLE_TOLD, cats, alpha=alpha, outline=outline)
    if spec.kind == STYLE_PLAN_YEAR:
        cats = []
        for entry in result.legend:
            year = entry.label.rsplit(" ", 1)[-1]  # "gereed in 2027" / "done in 2027"
            cats.append(Category(year if year.isdigit() else "", entry.label, entry.color))
        expression = f"to_string(floor({_field(STYLE_PLAN_YEAR)}))"
        return categorized_renderer(expression, cats, alpha=alpha, outline=outline)
    if spec.kind == STYLE_GRADUATED:
        return _graduated(spec, result, alpha, outline)
    raise ValueError(f"unknown style kind {spec.kind!r}")


def _graduated(spec, result, alpha, outline) -> ET.Element:
    edges = np.asarray(result.breaks if result.breaks is not None else [], dtype=float)
    classes = [e for e in result.legend if e.lower is not None]
    ranges = []
    for index, entry in enumerate(classes):
        lower, upper = float(entry.lower), float(entry.upper)
        if index < len(classes) - 1:
            upper = float(np.nextafter(upper, -math.inf))  # the edge belongs to the next class
        ranges.append(Range(lower, upper, entry.label, entry.color))
    attribute = _field(spec.column)
    missing = [e for e in result.legend if e.lower is None]
    if missing:
        low = float(edges.min()) if len(edges) else 0.0
        sentinel = low - max(abs(low), 1.0) * 1e6  # far below every real value
        attribute = f"coalesce({attribute}, {_number(sentinel)})"
        ranges.insert(0, Range(sentinel, sentinel, missing[0].label, missing[0].color))
    return graduated_renderer(attribute, ranges, alpha=alpha, outline=outline)


def building_label_column(frame: pd.DataFrame, spec: StyleSpec, default: str = "") -> str:
    """The column labels show: the style's choice, else ``default``; "" when absent."""
    for column in (spec.labels, default):
        if column and column in frame:
            return column
    if (spec.labels or default) and "building_id" in frame:
        return "building_id"  # the address left the tool only when chosen
    return ""


def buildings_style(
    frame: pd.DataFrame, spec: StyleSpec | None = None, *, opacity: float = 1.0, labels: str = ""
) -> LayerStyle:
    """The buildings layer as the map draws it under ``spec``; ``labels`` is the label
    column used when the style itself has none."""
    spec = spec or StyleSpec()
    column = building_label_column(frame, spec, labels)
    labeling = simple_labeling(column) if column else None
    return LayerStyle(buildings_renderer(frame, spec), labeling, opacity)


def area_style(
    frame: pd.DataFrame | None,
    *,
    default_color: str,
    fill_alpha: int,
    outline_width: float,
    label_column: str = "name",
    id_column: str = "",
    opacity: float = 1.0,
) -> LayerStyle:
    """Clusters and work packages: each outlined in its ``color`` (when the layer has that
    column, else ``default_color``), a light fill, the name as label (``id_column`` when
    unnamed)."""
    has_color = frame is not None and "color" in frame
    fill_expression = outline_expression = ""
    if has_color:
        fallback = f"'{default_color}'"
        color = f"coalesce(nullif({_field('color')}, ''), {fallback})"
        outline_expression = color
        fill_expression = f"set_color_part({color}, 'alpha', {int(fill_alpha)})"
    symbol = fill_symbol(
        "0",
        default_color if fill_alpha else None,
        alpha=fill_alpha,
        outline=default_color,
        outline_width=outline_width,
        fill_expression=fill_expression if fill_alpha else "",
        outline_expression=outline_expression,
    )
    labeling = None
    if frame is not None and label_column in frame:
        expression = _field(label_column)
        if id_column and id_column in frame:
            expression = f"coalesce(nullif({expression}, ''), {_field(id_column)})"
        labeling = simple_labeling(expression, max_scale=None, size=9.0)
    return LayerStyle(single_symbol_renderer(symbol), labeling, opacity)


def line_symbol(name: str, color: str, *, width_mm: float = 0.26) -> ET.Element:
    """A line symbol with one simple line layer."""
    return _symbol(
        name,
        "line",
        "SimpleLine",
        {
            "line_color": qgis_color(color),
            "line_style": "solid",
            "line_width": _number(width_mm),
            "line_width_unit": "MM",
            "capstyle": "round",
            "joinstyle": "round",
        },
    )


def marker_symbol(name: str, fill: str, stroke: str, *, size_mm: float = 1.6) -> ET.Element:
    """A point symbol: one simple circle marker."""
    return _symbol(
        name,
        "marker",
        "SimpleMarker",
        {
            "name": "circle",
            "color": qgis_color(fill),
            "outline_color": qgis_color(stroke),
            "outline_style": "solid",
            "outline_width": "0.2",
            "outline_width_unit": "MM",
            "size": _number(size_mm),
            "size_unit": "MM",
        },
    )


def background_style(
    fill: str,
    stroke: str,
    *,
    width: float = 1.0,
    fill_alpha: int = 160,
    opacity: float = 1.0,
    geometry: str = "polygon",
) -> LayerStyle:
    """A background layer's simple style (fill and outline; "" = none) for its geometry
    (``polygon``, ``line`` or ``point``). Screen pixels of the map become millimetres at
    96 dpi."""
    width_mm = round(float(width) * 25.4 / 96.0, 3)
    if geometry == "line":
        symbol = line_symbol("0", stroke or fill or "#606060", width_mm=max(width_mm, 0.26))
    elif geometry == "point":
        symbol = marker_symbol("0", fill or stroke or "#606060", stroke or "#404040")
    else:
        symbol = fill_symbol(
            "0", fill or None, alpha=fill_alpha, outline=stroke or None, outline_width=width_mm
        )
    return LayerStyle(single_symbol_renderer(symbol), None, opacity)
