"""What goes on a contractor's PDF sheet, decided without Qt.

:func:`package_sheet` collects the data; :mod:`gis_app.render.pdf_sheets` draws it. A
core export gets the drawing function passed in (``pdf_writer``), because core never
imports Qt.

Decisions:

* Buildings are coloured by measure (what the contractor must do), or by risk profile
  when the planner asks; colours come from here so the legend and the map agree.
* Other buildings within :data:`CONTEXT_MARGIN_M` of the package are drawn in light
  grey, so the contractor sees the street, not floating shapes.
* The table lists, per building, a row number (also printed on the map), the BAG id,
  the address and postcode (only when the planner chose to export them: personal data), measure, approach and the planned dates, in the export's
  package order (construction start).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core.export.columns import looks_personal
from gis_app.core.packages import isin
from gis_app.core.schema import MEASURE_LABELS_NL
from gis_app.core.styling import RISK_COLORS, RISK_LABELS

CONTEXT_MARGIN_M = 60.0
MAX_CONTEXT_BUILDINGS = 20_000
#: Up to this many buildings the map shows each building's row number ("nr" in the
#: table), so map and table can be read together; more would only be clutter.
MAX_MAP_LABELS = 400

#: Measure colours: light yellow-green for light work, orange for heavy, dark red for
#: demolition and rebuild (sequential, readable in greyscale print).
MEASURE_COLORS = {
    "light": "#a6d96a",
    "heavy": "#fdae61",
    "rebuild": "#d7191c",
    "none": "#d9d9d9",
}
APPROACH_LABELS = {"standard": "standaard", "bespoke": "maatwerk", "none": "geen werk"}

#: Table columns of the sheet (column, header), in order; kept when exported.
TABLE_COLUMNS = (
    ("building_id", "BAG pand-id"),
    ("address", "adres"),
    ("postcode", "postcode"),
    ("woonplaats", "woonplaats"),
    ("measure", "maatregel"),
    ("approach", "aanpak"),
    ("prep_start", "start voorb."),
    ("construction_start", "start bouw"),
    ("completion", "gereed"),
)


@dataclass
class LegendItem:
    label: str
    color: str
    count: int


@dataclass
class PackageSheet:
    package_id: str
    title: str
    facts: list[tuple[str, str]]  # (label, value) lines under the title
    buildings: gpd.GeoDataFrame  # geometry + colour per row
    colors: list[str]
    outline: Any  # shapely geometry or None
    context: np.ndarray  # shapely geometries of the other buildings nearby
    legend: list[LegendItem]
    header: list[str]
    rows: list[list[str]]
    footer: str = ""
    label_points: np.ndarray = field(
        default_factory=lambda: np.empty((0, 2))
    )  # "nr" per row on the map
    extra: dict[str, Any] = field(default_factory=dict)


def _date_text(values: pd.Series) -> list[str]:
    stamps = pd.to_datetime(values, errors="coerce")
    text = stamps.dt.strftime("%d-%m-%Y")
    return text.where(stamps.notna(), "").tolist()


def _euro(value: float) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    return "€ " + f"{value:,.0f}".replace(",", ".")


def _day(value: Any) -> str:
    if value is None or pd.isna(value):
        return "-"
    return pd.Timestamp(value).strftime("%d-%m-%Y")


def package_sheet(
    package: dict[str, Any],
    frame: gpd.GeoDataFrame,
    all_buildings: gpd.GeoDataFrame | None = None,
    *,
    columns: list[str] | None = None,
    color_by: str = "measure",
    exported_at: dt.datetime | None = None,
) -> PackageSheet:
    """The sheet of one package: ``frame`` holds its rows of the export table."""
    exported_at = exported_at or dt.datetime.now()
    allowed = set(columns) if columns is not None else set(frame.columns)
    table_cols = [
        (c, h)
        for c, h in TABLE_COLUMNS
        if c in frame.columns and (c in allowed or not looks_personal(c))
    ]
    header = ["nr", *[h for _, h in table_cols]]
    cells: list[list[str]] = []
    for column, _ in table_cols:
        values = frame[column]
        if column == "measure":
            cells.append(
                values.map(lambda v: MEASURE_LABELS_NL.get(v, v)).fillna("").astype(str).tolist()
            )
        elif column == "approach":
            cells.append(
                values.map(lambda v: APPROACH_LABELS.get(v, v)).fillna("").astype(str).tolist()
            )
        elif column in ("prep_start", "construction_start", "completion"):
            cells.append(_date_text(values))
        else:
            cells.append(values.fillna("").astype(str).tolist())
    numbers = [str(i + 1) for i in range(len(frame))]
    rows = [list(r) for r in zip(numbers, *cells, strict=True)]

    if color_by == "risk_profile" and "risk_profile" in frame:
        keys = frame["risk_profile"].astype(str).to_numpy()
        palette, labels = RISK_COLORS, RISK_LABELS
    else:
        keys = (
            frame["measure"].astype(str).to_numpy()
            if "measure" in frame
            else np.full(len(frame), "none")
        )
        palette, labels = MEASURE_COLORS, MEASURE_LABELS_NL
    colors = [palette.get(k, "#a0a0a0") for k in keys]
    legend = []
    for key, color in palette.items():
        count = int((keys == key).sum())
        if count:
            legend.append(LegendItem(labels.get(key, key), color, count))

    outline = package.get("geometry")
    context = np.empty(0, dtype=object)
    if all_buildings is not None and len(frame):
        xmin, ymin, xmax, ymax = frame.total_bounds
        box = shapely.box(
            xmin - CONTEXT_MARGIN_M,
            ymin - CONTEXT_MARGIN_M,
            xmax + CONTEXT_MARGIN_M,
            ymax + CONTEXT_MARGIN_M,
        )
        near = all_buildings.sindex.query(box, predicate="intersects")
        geoms = all_buildings.geometry.to_numpy()[near]
        ids = all_buildings["building_id"].astype(str).to_numpy()[near]
        context = geoms[~isin(ids, frame["building_id"].astype(str).to_numpy())][
            :MAX_CONTEXT_BUILDINGS
        ]

    facts = [
        ("Werkpakket", str(package.get("package_id", ""))),
        ("Aannemer", str(package.get("contractor") or "nog toe te wijzen")),
        ("Periode", f"{_day(package.get('period_start'))} t/m {_day(package.get('period_end'))}"),
        (
            "Panden / adressen",
            f"{int(package.get('n_buildings', len(frame)) or 0)} / {int(package.get('n_addresses', 0) or 0)}",
        ),
        (
            "Maatregelen",
            f"licht {int(package.get('n_light', 0) or 0)}, zwaar {int(package.get('n_heavy', 0) or 0)}, "
            f"sloop-nieuwbouw {int(package.get('n_rebuild', 0) or 0)}",
        ),
        (
            "Aanpak",
            f"standaard {int(package.get('n_standard', 0) or 0)}, maatwerk {int(package.get('n_bespoke', 0) or 0)}",
        ),
        ("Geraamde kosten", _euro(package.get("cost"))),
    ]
    cluster = package.get("cluster_id")
    if cluster:
        facts.insert(1, ("Cluster", str(cluster)))
    label_points = np.empty((0, 2))
    if 0 < len(frame) <= MAX_MAP_LABELS:
        label_points = shapely.get_coordinates(shapely.point_on_surface(frame.geometry.to_numpy()))
    return PackageSheet(
        package_id=str(package.get("package_id", "")),
        title=str(package.get("name") or package.get("package_id") or "Werkpakket"),
        facts=facts,
        buildings=frame[[frame.geometry.name]].copy(),
        colors=colors,
        outline=outline,
        context=context,
        legend=legend,
        header=header,
        rows=rows,
        label_points=label_points,
        footer=f"Geëxporteerd {exported_at:%d-%m-%Y %H:%M} · coördinaten RD New (EPSG:28992)",
    )
