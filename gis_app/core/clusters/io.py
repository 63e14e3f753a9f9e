"""Import and export cluster polygons (municipal plan boundaries) as GeoPackage or GeoJSON.

Decisions:

* GeoJSON is written in WGS84 (EPSG:4326, RFC 7946) and read as WGS84 when it states no
  CRS; every other file must state its CRS, unless its coordinates plainly lie in RD New
  (then RD is assumed, as QGIS users expect). Everything is transformed to RD New.
* Columns are recognised by name, Dutch or English: ``cluster_id`` (``id``, ``code``,
  ``clustercode``...), ``name`` (``naam``, ``clusternaam``, ``buurt``...), ``color``
  (``kleur``; ``#rrggbb``), ``approach_share`` (``maatwerk``; 0..1 or a percentage),
  ``lock_start``, ``lock_position``. Other columns are not kept.
* A missing id gets a new ``C<number>``; a duplicate id is kept for the first row and
  the later rows get new ids (reported in the notes). Nothing is dropped silently: a row
  without a usable polygon is an :class:`InputError` with its row number (1-based, the
  feature order of the file).
* Invalid polygons are repaired (``make_valid``); lines and points are refused.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from gis_app.core.clusters.frames import make_cluster_ids, palette_color
from gis_app.core.clusters.geometry import normalise_polygon
from gis_app.core.errors import ExportError, InputError, MissingCrsError
from gis_app.core.fields import normalise_name
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_path, describe_os_error, gdal_message, gdal_source
from gis_app.core.schema import CLUSTER_COLUMNS, WORKING_CRS, ensure_cluster_columns

READ_SUFFIXES = (".gpkg", ".geojson", ".json")
WRITE_SUFFIXES = (".gpkg", ".geojson", ".json")
CLUSTERS_LAYER = "clusters"

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "cluster_id": (
        "cluster_id",
        "clusterid",
        "cluster_code",
        "clustercode",
        "code",
        "id",
        "cluster",
    ),
    "name": (
        "name",
        "naam",
        "clusternaam",
        "cluster_naam",
        "label",
        "omschrijving",
        "buurt",
        "wijk",
    ),
    "color": ("color", "colour", "kleur"),
    "approach_share": (
        "approach_share",
        "maatwerk",
        "aandeel_maatwerk",
        "maatwerk_aandeel",
        "share",
    ),
    "lock_start": ("lock_start", "vaste_start", "startdatum", "start"),
    "lock_position": ("lock_position", "vaste_positie", "positie", "volgorde"),
}
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_RD_BOUNDS = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)


def _check_path(path: Path, suffixes: tuple[str, ...]) -> None:
    if path.suffix.lower() not in suffixes:
        raise InputError(
            t("clusters lezen en schrijven kan als GeoPackage (.gpkg) of GeoJSON (.geojson)"),
            path=path,
        )


def _choose_layer(path: Path, layer: str | None) -> str | None:
    try:
        layers = pyogrio.list_layers(gdal_source(path))
    except Exception as error:
        raise InputError(
            t("bestand kan niet gelezen worden: {first_line}", first_line=_first_line(error)),
            path=path,
        ) from None
    names = [str(name) for name, _ in layers]
    polygon_layers = [str(name) for name, kind in layers if kind and "polygon" in str(kind).lower()]
    if layer is not None:
        if layer not in names:
            raise InputError(
                t(
                    "laag '{layer}' bestaat niet; lagen: {value}",
                    layer=layer,
                    value=", ".join(names) or "geen",
                ),
                path=path,
            )
        return layer
    if CLUSTERS_LAYER in names:
        return CLUSTERS_LAYER
    if len(polygon_layers) == 1:
        return polygon_layers[0]
    if len(names) == 1:
        return names[0]
    if not polygon_layers:
        raise InputError(t("het bestand bevat geen laag met vlakken"), path=path)
    raise InputError(
        t("meerdere vlakkenlagen ({join}); kies er één", join=", ".join(polygon_layers)), path=path
    )


def _first_line(error: BaseException) -> str:
    return gdal_message(error)


def _find_column(columns, aliases: tuple[str, ...], used: set[str]) -> str | None:
    by_norm: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(normalise_name(column), column)
    for alias in aliases:
        column = by_norm.get(alias)
        if column is not None and column not in used:
            return column
    return None


def read_clusters(
    path: str | Path, *, layer: str | None = None, existing: pd.DataFrame | None = None
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Read cluster polygons; returns ``(clusters, notes)`` in RD New with canonical columns.

    ``existing`` are the clusters already in the project: imported ids that collide
    with them are renumbered (noted). Raises :class:`InputError` for anything unusable.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(t("het bestand bestaat niet"), path=path)
    _check_path(path, READ_SUFFIXES)
    layer = _choose_layer(path, layer)
    try:
        frame = pyogrio.read_dataframe(gdal_source(path), layer=layer)
    except Exception as error:
        raise InputError(
            t("bestand kan niet gelezen worden: {first_line}", first_line=_first_line(error)),
            path=path,
        ) from None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame:
        raise InputError(t("de laag heeft geen geometrie"), path=path)
    if len(frame) == 0:
        raise InputError(t("de laag bevat geen clusters"), path=path)
    frame = _to_rd(frame, path)
    notes: list[str] = []
    geometries = _polygons(frame, path)
    out = _columns(frame, path, notes)
    out = gpd.GeoDataFrame(out, geometry=list(geometries), crs=WORKING_CRS)
    out = ensure_cluster_columns(out)
    _fix_ids(out, existing, notes)
    return out[[*CLUSTER_COLUMNS, "geometry"]].reset_index(drop=True), notes


def _to_rd(frame: gpd.GeoDataFrame, path: Path) -> gpd.GeoDataFrame:
    crs = frame.crs
    if crs is None:
        if path.suffix.lower() in (".geojson", ".json"):
            crs = CRS.from_epsg(4326)
        else:
            bounds = frame.total_bounds
            x0, y0, x1, y1 = _RD_BOUNDS
            if (
                np.all(np.isfinite(bounds))
                and x0 <= bounds[0]
                and bounds[2] <= x1
                and (y0 <= bounds[1] and bounds[3] <= y1)
            ):
                crs = CRS.from_epsg(28992)
            else:
                raise MissingCrsError(
                    t(
                        "het bestand heeft geen coördinatenstelsel en de coördinaten liggen "
                        "niet in RD New (EPSG:28992)"
                    ),
                    path=path,
                )
        frame = frame.set_crs(crs, allow_override=True)
    try:
        return frame.to_crs(WORKING_CRS)
    except Exception as error:
        raise InputError(
            t("omzetten naar RD New mislukt: {first_line}", first_line=_first_line(error)),
            path=path,
        ) from None


def _polygons(frame: gpd.GeoDataFrame, path: Path) -> list:
    geoms = np.asarray(frame.geometry.array)
    out = []
    for row, geom in enumerate(geoms, start=1):
        if geom is None or shapely.is_empty(geom):
            raise InputError(t("cluster zonder geometrie"), path=path, row=row)
        if shapely.get_type_id(geom) not in (3, 6, 7):
            raise InputError(
                t("een cluster moet een vlak zijn, geen {geom_type}", geom_type=geom.geom_type),
                path=path,
                row=row,
            )
        try:
            out.append(normalise_polygon(geom))
        except ValueError as error:
            raise InputError(
                t("onbruikbaar vlak: {error}", error=error), path=path, row=row
            ) from None
    return out


def _columns(frame: gpd.GeoDataFrame, path: Path, notes: list[str]) -> pd.DataFrame:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    used: set[str] = set()
    found: dict[str, str] = {}
    for canonical, aliases in COLUMN_ALIASES.items():
        column = _find_column(columns, aliases, used)
        if column is not None:
            found[canonical] = column
            used.add(column)
    n = len(frame)
    out = pd.DataFrame(index=range(n))
    ids = frame[found["cluster_id"]] if "cluster_id" in found else pd.Series([""] * n)
    out["cluster_id"] = [_text(v) for v in ids]
    names = frame[found["name"]] if "name" in found else pd.Series([""] * n)
    out["name"] = [_text(v) for v in names]
    if "color" in found:
        colors = [_text(v) for v in frame[found["color"]]]
        bad = [i + 1 for i, c in enumerate(colors) if c and not _COLOR.match(c)]
        if bad:
            notes.append(
                t(
                    "kleur niet als #rrggbb in rij {join}: standaardkleur gebruikt",
                    join=", ".join(map(str, bad[:10])),
                )
            )
        out["color"] = [c if _COLOR.match(c) else palette_color(i) for i, c in enumerate(colors)]
    else:
        out["color"] = [palette_color(i) for i in range(n)]
    if "approach_share" in found:
        share = pd.to_numeric(
            frame[found["approach_share"]].astype(str).str.replace(",", ".", regex=False),
            errors="coerce",
        ).to_numpy(dtype=float)
        share = np.where(share > 1.0, share / 100.0, share)
        out_of_range = np.flatnonzero((share < 0) | (share > 1))
        if len(out_of_range):
            raise InputError(
                t("aandeel maatwerk moet tussen 0 en 1 (of 0 en 100%) liggen"),
                path=path,
                row=int(out_of_range[0]) + 1,
            )
        out["approach_share"] = share
    else:
        out["approach_share"] = np.nan
    out["lock_start"] = (
        [_text(v) for v in frame[found["lock_start"]]] if "lock_start" in found else ""
    )
    out["lock_position"] = (
        pd.to_numeric(frame[found["lock_position"]], errors="coerce").to_numpy(dtype=float)
        if "lock_position" in found
        else np.nan
    )
    return out


def _text(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fix_ids(frame: gpd.GeoDataFrame, existing: pd.DataFrame | None, notes: list[str]) -> None:
    ids = frame["cluster_id"].astype(str).tolist()
    taken = set() if existing is None else set(existing["cluster_id"].astype(str))
    seen: set[str] = set()
    redo: list[int] = []
    for i, cid in enumerate(ids):
        if not cid or cid in seen or cid in taken:
            redo.append(i)
        seen.add(cid)
    if not redo:
        _fill_names(frame)
        return
    reference = pd.DataFrame({"cluster_id": sorted(taken | seen)})
    fresh = make_cluster_ids(reference, len(redo))
    renamed = [(i, ids[i], new) for i, new in zip(redo, fresh, strict=True)]
    for i, _old, new in renamed:
        ids[i] = new
    frame["cluster_id"] = pd.Series(ids, index=frame.index, dtype=object)
    changed = [
        t("rij {value}: '{old}' -> {new}", value=i + 1, old=old, new=new)
        for i, old, new in renamed
        if old
    ]
    missing = sum(1 for _, old, _ in renamed if not old)
    if missing:
        notes.append(t("{missing} cluster(s) zonder id kregen een nieuw id", missing=missing))
    if changed:
        notes.append(
            t(
                "dubbele of al gebruikte cluster-id's vernummerd: {changed}",
                changed="; ".join(changed[:10]) + (" ..." if len(changed) > 10 else ""),
            )
        )
    _fill_names(frame)


def _fill_names(frame: gpd.GeoDataFrame) -> None:
    names = frame["name"].astype(str).to_numpy(dtype=object)
    empty = names == ""
    if empty.any():
        names = names.copy()
        names[empty] = [f"Cluster {cid}" for cid in frame["cluster_id"].to_numpy()[empty]]
        frame["name"] = pd.Series(names, index=frame.index, dtype=object)


def write_clusters(
    clusters: gpd.GeoDataFrame,
    path: str | Path,
    *,
    statistics: pd.DataFrame | None = None,
) -> Path:
    """Write clusters to a GeoPackage (layer ``clusters``, RD New) or GeoJSON (WGS84).

    ``statistics`` (indexed by ``cluster_id``, e.g. from
    :func:`gis_app.core.clusters.ranking.cluster_statistics`) adds columns such as the
    number of buildings. The write is atomic.
    """
    path = Path(path)
    if path.suffix.lower() not in WRITE_SUFFIXES:
        raise ExportError(
            t("clusters exporteren kan als GeoPackage (.gpkg) of GeoJSON (.geojson)"), path=path
        )
    frame = gpd.GeoDataFrame(
        clusters[[*CLUSTER_COLUMNS]].copy(), geometry=list(clusters.geometry), crs=clusters.crs
    )
    if frame.crs is None:
        frame = frame.set_crs(WORKING_CRS)
    if statistics is not None and len(statistics.columns):
        stats = statistics.reindex(frame["cluster_id"].astype(str)).reset_index(drop=True)
        stats.columns = [str(c).replace(":", "_").replace(" ", "_") for c in stats.columns]
        for column in stats.columns:
            frame[column] = stats[column].to_numpy()
    for column in frame.columns:
        if column != "geometry" and frame[column].dtype == object:
            frame[column] = frame[column].astype(str)
    geojson = path.suffix.lower() in (".geojson", ".json")
    if geojson:
        frame = frame.to_crs(4326)
    try:
        with atomic_path(path) as temp:
            pyogrio.write_dataframe(
                frame,
                temp,
                layer=None if geojson else CLUSTERS_LAYER,
                driver="GeoJSON" if geojson else "GPKG",
            )
    except OSError as error:
        raise ExportError(
            t("schrijven mislukt: {reason}", reason=describe_os_error(error)), path=path
        ) from None
    except Exception as error:
        raise ExportError(
            t("schrijven mislukt: {first_line}", first_line=_first_line(error)), path=path
        ) from None
    return path
