"""What goes on a contractor's PDF sheet, decided without Qt.

:func:`package_sheet` collects the data; :mod:`gis_app.core.export.pdf` writes it (and
:mod:`gis_app.render.pdf_sheets` draws it with Qt when a text is outside cp1252).

Decisions:

* Buildings are coloured by measure (what the contractor must do), or by risk profile
  when the planner asks; colours come from here so the legend and the map agree.
* Other buildings within :data:`CONTEXT_MARGIN_M` of the package are drawn in light
  grey, so the contractor sees the street, not floating shapes.
* The table lists, per address, the building's row number, the BAG id, street, house
  number (with letter and addition), postcode and place, measure, approach and the
  planned dates, in the export's package order (construction start). A pand with three
  addresses has three rows with the same number. The addresses come from
  :func:`gis_app.core.export.addresses.address_rows` and are public BAG data, on the
  sheet unless the planner left ``address`` out of the export.
* The map prints each building's house number (:attr:`PackageSheet.label_texts`; the row
  number where a pand has no address) and each street's name along its houses
  (:attr:`PackageSheet.street_labels`), so the contractor finds the door on the map.
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
from gis_app.core.i18n import N_, language, t, translate
from gis_app.core.packages import isin
from gis_app.core.schema import ADDRESS_COLUMNS, MEASURE_LABELS_NL
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
APPROACH_LABELS = {"standard": N_("standaard"), "bespoke": N_("maatwerk"), "none": N_("geen werk")}

#: Table columns of the sheet (column, header), in order; kept when exported. With
#: addresses, ``address`` stands for street and house number as two columns.
TABLE_COLUMNS = (
    ("building_id", N_("BAG pand-id")),
    ("address", N_("adres")),
    ("postcode", N_("postcode")),
    ("woonplaats", N_("woonplaats")),
    ("measure", N_("maatregel")),
    ("approach", N_("aanpak")),
    ("prep_start", N_("start voorb.")),
    ("construction_start", N_("start bouw")),
    ("completion", N_("gereed")),
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
    )  # a label per building on the map
    extra: dict[str, Any] = field(default_factory=dict)
    #: Per building (as ``label_points``) the text on the map: house number, else "nr".
    label_texts: list[str] = field(default_factory=list)
    #: (street name, x, y, angle in degrees counter-clockwise) in map coordinates.
    street_labels: list[tuple[str, float, float, float]] = field(default_factory=list)

    def __getstate__(self) -> dict[str, Any]:
        # a sheet goes to a worker process: the nearby buildings as one WKB array (a
        # shapely geometry pickles one by one, which cost more than drawing the sheet's table)
        state = dict(self.__dict__)
        context = np.asarray(self.context, dtype=object)
        state["context"] = shapely.to_wkb(context) if len(context) else context
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        context = state["context"]
        if len(context):
            state["context"] = shapely.from_wkb(context)
        self.__dict__.update(state)


def _date_text(values: pd.Series) -> list[str]:
    if pd.api.types.is_datetime64_any_dtype(values.dtype):  # plain Python: a few dozen rows
        return ["" if pd.isna(v) else f"{v.day:02d}-{v.month:02d}-{v.year:04d}" for v in values]
    stamps = pd.to_datetime(values, errors="coerce")
    text = stamps.dt.strftime("%d-%m-%Y")
    return text.where(stamps.notna(), "").tolist()


def _euro(value: float) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    whole = f"{value:,.0f}"  # English: 12,500
    return "€ " + (whole if language() == "en" else whole.replace(",", "."))


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
    addresses: pd.DataFrame | None = None,
    sources: SheetSources | None = None,
) -> PackageSheet:
    """The sheet of one package: ``frame`` holds its rows of the export table and
    ``addresses`` (:func:`~gis_app.core.export.addresses.address_rows`) the addresses of
    its panden (without it, the table has one row per pand).

    ``sources`` (:func:`sheet_sources` of ``all_buildings`` and ``addresses``) is what an
    export of many packages prepares once; without it each call prepares its own."""
    if sources is None:
        sources = sheet_sources(all_buildings, addresses)
    all_buildings, addresses = sources.buildings, sources.addresses
    exported_at = exported_at or dt.datetime.now()
    allowed = set(columns) if columns is not None else set(frame.columns)
    table_cols = [
        (c, h)
        for c, h in TABLE_COLUMNS
        if c in frame.columns
        and (c in allowed or (not looks_personal(c) and c not in ("address", "postcode")))
    ]
    numbers = [str(i + 1) for i in range(len(frame))]
    label_texts = list(numbers)
    street_labels: list[tuple[str, float, float, float]] = []
    table = frame
    with_addresses = addresses is not None and any(c == "address" for c, _ in table_cols)
    if with_addresses:
        rows_of = _address_rows_of(frame, sources)
        table = frame.iloc[rows_of["_pand"].to_numpy()].reset_index(drop=True)
        numbers = [str(i + 1) for i in rows_of["_pand"].to_numpy()]
        streets = rows_of["straat"].fillna("").astype(str).tolist()
        doors = _house_numbers(rows_of)
        table = table.assign(_straat=streets, _huisnummer=doors)
        replaced = []
        for column, title in table_cols:
            if column == "address":
                replaced += [("_straat", N_("straat")), ("_huisnummer", N_("huisnr."))]
            elif column == "postcode":
                table["postcode"] = rows_of["postcode"].to_numpy()
                replaced.append((column, title))
            elif column == "woonplaats":
                table["woonplaats"] = rows_of["woonplaats"].to_numpy()
                replaced.append((column, title))
            else:
                replaced.append((column, title))
        table_cols = replaced
        label_texts = _door_labels(rows_of, len(frame), label_texts, doors)
    header = [t("nr"), *[translate(h) for _, h in table_cols]]
    cells: list[list[str]] = []
    for column, _ in table_cols:
        values = table[column]
        if column == "measure":
            cells.append(
                values.map(
                    lambda v: translate(MEASURE_LABELS_NL[v]) if v in MEASURE_LABELS_NL else v
                )
                .fillna("")
                .astype(str)
                .tolist()
            )
        elif column == "approach":
            cells.append(
                values.map(lambda v: translate(APPROACH_LABELS[v]) if v in APPROACH_LABELS else v)
                .fillna("")
                .astype(str)
                .tolist()
            )
        elif column in ("prep_start", "construction_start", "completion"):
            cells.append(_date_text(values))
        else:
            cells.append(values.fillna("").astype(str).tolist())
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
            legend.append(LegendItem(translate(labels.get(key, key)), color, count))

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
        ids = sources.building_ids[near]
        context = geoms[~isin(ids, frame["building_id"].astype(str).to_numpy())][
            :MAX_CONTEXT_BUILDINGS
        ]

    facts = [
        (t("Werkpakket"), str(package.get("package_id", ""))),
        (t("Aannemer"), str(package.get("contractor") or t("nog toe te wijzen"))),
        (
            t("Periode"),
            t(
                "{start} t/m {end}",
                start=_day(package.get("period_start")),
                end=_day(package.get("period_end")),
            ),
        ),
        (
            t("Panden / adressen"),
            f"{int(package.get('n_buildings', len(frame)) or 0)} / {int(package.get('n_addresses', 0) or 0)}",
        ),
        (
            t("Maatregelen"),
            t(
                "licht {light}, zwaar {heavy}, sloop-nieuwbouw {rebuild}",
                light=int(package.get("n_light", 0) or 0),
                heavy=int(package.get("n_heavy", 0) or 0),
                rebuild=int(package.get("n_rebuild", 0) or 0),
            ),
        ),
        (
            t("Aanpak"),
            t(
                "standaard {standard}, maatwerk {bespoke}",
                standard=int(package.get("n_standard", 0) or 0),
                bespoke=int(package.get("n_bespoke", 0) or 0),
            ),
        ),
        (t("Geraamde kosten"), _euro(package.get("cost"))),
    ]
    cluster = package.get("cluster_id")
    if cluster:
        facts.insert(1, (t("Cluster"), str(cluster)))
    label_points = np.empty((0, 2))
    if 0 < len(frame) <= MAX_MAP_LABELS:
        label_points = shapely.get_coordinates(shapely.point_on_surface(frame.geometry.to_numpy()))
    if with_addresses and len(frame):
        street_labels = _street_labels(frame, rows_of)
    return PackageSheet(
        package_id=str(package.get("package_id", "")),
        title=str(package.get("name") or package.get("package_id") or t("Werkpakket")),
        facts=facts,
        buildings=frame[[frame.geometry.name]].copy(),
        colors=colors,
        outline=outline,
        context=context,
        legend=legend,
        header=header,
        rows=rows,
        label_points=label_points,
        label_texts=label_texts if len(label_points) else [],
        street_labels=street_labels,
        footer=t(
            "Geëxporteerd {moment} · coördinaten RD New (EPSG:28992)",
            moment=f"{exported_at:%d-%m-%Y %H:%M}",
        ),
    )


#: Address columns a sheet shows or builds its labels from: the address table's, less ids.
_SHEET_ADDRESS_COLUMNS = tuple(
    c for c in ADDRESS_COLUMNS if c not in ("building_id", "verblijfsobject_id")
)


@dataclass
class SheetSources:
    """What the sheets of one export look up, prepared once for all its packages: each
    lookup per package then costs in proportion to the package, not to the project."""

    buildings: gpd.GeoDataFrame | None  # every building (the map's context)
    building_ids: np.ndarray  # their ids as text
    addresses: pd.DataFrame | None  # address_rows of the exported buildings
    address_keys: np.ndarray  # the addresses' building ids, sorted
    address_order: np.ndarray  # positions in ``addresses`` in that sorted order
    address_columns: dict[str, Any] = field(default_factory=dict)  # ready for the sheet


def sheet_sources(
    all_buildings: gpd.GeoDataFrame | None, addresses: pd.DataFrame | None
) -> SheetSources:
    """The lookups of :class:`SheetSources` for ``all_buildings`` and ``addresses``."""
    building_ids = (
        all_buildings["building_id"].astype(str).to_numpy(dtype=object)
        if all_buildings is not None
        else np.empty(0, dtype=object)
    )
    keys, order = np.empty(0, dtype=object), np.empty(0, dtype=np.int64)
    columns: dict[str, Any] = {}
    if addresses is not None:
        values = addresses["building_id"].astype(str).to_numpy(dtype=object)
        order = np.argsort(values, kind="stable")  # stable: a pand's addresses keep their order
        keys = values[order]
        for column in _SHEET_ADDRESS_COLUMNS:
            if column == "huisnummer":
                columns[column] = addresses[column].astype("Int64").array
            else:
                columns[column] = addresses[column].fillna("").astype(str).to_numpy(dtype=object)
    return SheetSources(all_buildings, building_ids, addresses, keys, order, columns)


def _address_rows_of(frame: pd.DataFrame, sources: SheetSources) -> pd.DataFrame:
    """The address rows of ``frame``'s panden in its order (``_pand`` = position in frame);
    a pand without address rows gets one empty row."""
    ids = frame["building_id"].astype(str).to_numpy(dtype=object)
    keys = sources.address_keys
    low = np.searchsorted(keys, ids, side="left")
    count = np.searchsorted(keys, ids, side="right") - low
    per_pand = np.maximum(count, 1)
    pand = np.repeat(np.arange(len(ids)), per_pand)
    offset = np.arange(len(pand)) - np.repeat(np.cumsum(per_pand) - per_pand, per_pand)
    has = np.repeat(count > 0, per_pand)
    sorted_at = np.where(has, np.repeat(low, per_pand) + offset, 0)
    position = sources.address_order[sorted_at] if len(keys) else None
    merged: dict[str, Any] = {"building_id": ids[pand], "_pand": pand}
    for column in _SHEET_ADDRESS_COLUMNS:
        if position is None:
            merged[column] = (
                pd.array([None] * len(pand), dtype="Int64")
                if column == "huisnummer"
                else np.full(len(pand), "", dtype=object)
            )
            continue
        values = sources.address_columns[column].take(position)
        if column == "huisnummer":
            values[~has] = pd.NA
        else:
            values = np.where(has, values, "")
        merged[column] = values
    return pd.DataFrame(merged)


def _house_numbers(rows_of: pd.DataFrame) -> list[str]:
    """:func:`~gis_app.core.export.addresses.house_numbers` of the rows of
    :func:`_address_rows_of` (text columns without gaps), in plain Python: a sheet has a
    few dozen rows, where pandas' per-call cost is most of the work."""
    out = []
    for number, letter, addition in zip(
        rows_of["huisnummer"].tolist(),
        rows_of["huisletter"].tolist(),
        rows_of["toevoeging"].tolist(),
        strict=True,
    ):
        text = ("" if number is None or number is pd.NA else str(number)) + letter
        out.append(f"{text}-{addition}" if addition != "" else text)
    return out


def _door_labels(
    rows_of: pd.DataFrame, n: int, fallback: list[str], doors: list[str] | None = None
) -> list[str]:
    """Per building the house number for the map: ``12a`` for one address, ``3`` for
    several addresses behind one number (3-1, 3-2), ``3-7`` for a range of numbers."""
    out = list(fallback)
    doors = _house_numbers(rows_of) if doors is None else doors
    rows: dict[int, int] = {}  # pand -> its address rows
    first_door: dict[int, str] = {}
    numbers: dict[int, list[int]] = {}  # pand -> its house numbers (known ones)
    for pand, number, door in zip(
        rows_of["_pand"].tolist(), rows_of["huisnummer"].tolist(), doors, strict=True
    ):
        rows[pand] = rows.get(pand, 0) + 1
        first_door.setdefault(pand, door)
        if number is not None and number is not pd.NA:
            numbers.setdefault(pand, []).append(int(number))
    for pand, known in numbers.items():
        if rows[pand] == 1:
            out[pand] = str(first_door[pand])
        elif len(set(known)) == 1:
            out[pand] = str(known[0])
        else:
            out[pand] = f"{min(known)}-{max(known)}"
    return out[:n]


def _street_labels(
    frame: gpd.GeoDataFrame, rows_of: pd.DataFrame
) -> list[tuple[str, float, float, float]]:
    """One label per street: at the middle of its houses, along their main direction."""
    points = shapely.get_coordinates(shapely.point_on_surface(frame.geometry.to_numpy()))
    streets = rows_of["straat"].to_numpy(dtype=object)
    pands = rows_of["_pand"].to_numpy()
    out = []
    # plain numpy per street: a sheet has a few streets, where a groupby's set-up cost
    # was most of the work
    for street in sorted(set(streets.tolist())):
        if not street:
            continue
        xy = points[np.unique(pands[streets == street])]
        centre = xy.mean(axis=0)
        angle = 0.0
        if len(xy) >= 2:
            spread = xy - centre
            _, _, vt = np.linalg.svd(spread, full_matrices=False)
            dx, dy = vt[0]
            angle = float(np.degrees(np.arctan2(dy, dx)))
            if angle > 90:  # keep the text readable left to right
                angle -= 180
            elif angle < -90:
                angle += 180
        out.append((str(street), float(centre[0]), float(centre[1]), angle))
    return out
