"""Reading building footprints from the files planners hold.

:func:`read_footprints` reads a GeoPackage, Shapefile (also zipped), GeoJSON or
FlatGeobuf and returns polygons in RD New (EPSG:28992) with a text ``building_id``, plus
a list of :class:`~gis_app.core.io.problems.Problem` (what was repaired, left out or
doubtful, with file and object number), so nothing is dropped silently. Unusable input
raises :class:`~gis_app.core.errors.InputError` (or
:class:`~gis_app.core.errors.MissingCrsError`) naming the file.

Decisions:

* **Duplicate footprint ids**: the first feature wins; the others are left out and
  listed (with their object numbers).
* **Footprints without an id** are left out and listed by object number: without an id a
  building can neither be joined nor saved as a pand.
* **A stated CRS** (``crs=``) is used when the file has none; when the file has one that
  differs, the stated one wins (the user may know the ``.prj`` is wrong) and a problem
  records it.
* **Z coordinates** are dropped (the working CRS is 2-D); this loses no rows.
* **I/O path**: features are read through GDAL's Arrow stream without pyarrow
  (:mod:`gis_app.core.io.arrow_io`: whole columns filled in C, where ``pyogrio.raw.read``
  builds a Python object per value holding the GIL; figures in BENCHMARKS.md); the
  geometry checks run in threads beside the decoding (they release the GIL) and the
  validity check may still run after the read (:class:`PendingRepair`). Should the Arrow
  read fail, the classic ``pyogrio.raw.read`` path (large layers in parallel chunks)
  reads the file again and gives the message for a file that cannot be read at all.
  pyarrow is not used: it would change pandas' string storage for the whole application.
* **Geometry repair**: only invalid geometries go through ``shapely.make_valid``; from a
  GeometryCollection result only the polygonal parts are kept. Geometries that are
  null, empty, not polygonal, or have no polygonal part after repair are left out and
  listed by id. WKB that cannot be decoded at all counts as a missing geometry.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from gis_app.core import fields
from gis_app.core.errors import InputError, MissingCrsError
from gis_app.core.i18n import N_, t, translate
from gis_app.core.io import arrow_io
from gis_app.core.io.area import Area
from gis_app.core.io.atomic import gdal_source
from gis_app.core.io.crs import (
    NETHERLANDS_MARGIN,
    RD_BOUNDS,
    crs_name,
    is_rd,
    looks_like_rd,
    parse_crs,
)
from gis_app.core.io.ids import (
    id_keys,
    normalise_ids_checked,
    refused_id_problem,
    scientific_id_problem,
)
from gis_app.core.io.problems import Problem
from gis_app.core.io.vectorfiles import (
    FOOTPRINT_EXTENSIONS,
    check_codepage,
    check_file,
    check_shapefile_parts,
    choose_layer,
    classify,
    gdal_error,
    zip_member,
)
from gis_app.core.schema import WORKING_CRS

_POLYGON_TYPE_IDS = (3, 6)  # shapely type ids of Polygon and MultiPolygon
_TYPE_NL = {"point": N_("punten"), "line": N_("lijnen"), "table": N_("geen geometrie")}


def read_footprints(
    path: str | Path,
    *,
    layer: str | None = None,
    id_field: str | None = None,
    crs: object = None,
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read building footprints as polygons in EPSG:28992 with a text ``building_id``.

    The result has a RangeIndex, ``building_id`` first, the other source columns as they
    were (the source id column is replaced by ``building_id``), and ``geometry``.
    """
    frame, problems, _ = read_footprints_with_rows(path, layer=layer, id_field=id_field, crs=crs)
    return frame, problems


def read_footprints_with_rows(
    path: str | Path,
    *,
    layer: str | None = None,
    id_field: str | None = None,
    crs: object = None,
) -> tuple[gpd.GeoDataFrame, list[Problem], np.ndarray]:
    """:func:`read_footprints` plus each kept feature's 1-based object number in the file."""
    frame, problems, rows, _ = read_footprints_deferred(
        path, layer=layer, id_field=id_field, crs=crs, defer_repair=False
    )
    return frame, problems, rows


def read_footprints_deferred(
    path: str | Path,
    *,
    layer: str | None = None,
    id_field: str | None = None,
    crs: object = None,
    defer_repair: bool = True,
    area: Area | None = None,
) -> tuple[gpd.GeoDataFrame, list[Problem], np.ndarray, PendingRepair | None]:
    """:func:`read_footprints_with_rows`, possibly before the geometry repairs are known.

    When the fourth value is a :class:`PendingRepair`, the frame's geometries are as read
    and ``pending.apply(frame, problems)`` completes it (see there). Repairs are not
    deferred when the geometries are reprojected (they are repaired before that).
    ``area`` reads only that part of the file (through its spatial index where it has one).
    """
    path = Path(path)
    check_file(path, FOOTPRINT_EXTENSIONS, t("panden (footprints)"))
    suffix = path.suffix.lower()
    source = gdal_source(path)  # taken literally: a '!' or ';' in the path is no syntax
    has_prj = True
    if suffix == ".zip":
        source, layer, members = zip_member(path, layer)
        if source.lower().endswith(".shp"):
            member = Path(source.split(".zip/", 1)[1])
            try:
                has_prj = check_shapefile_parts(member, {m.lower() for m in members})
            except InputError as error:
                raise InputError(error.message, path=path) from None
    elif suffix == ".shp":
        try:
            has_prj = check_shapefile_parts(path)
        except InputError as error:
            raise InputError(error.message, path=path) from None

    if source.lower().endswith(".shp"):
        check_codepage(path, source)
    layer = choose_layer(path, source, layer)
    try:
        info = pyogrio.read_info(source, layer=layer)
    except Exception as error:
        raise gdal_error(error, path) from None
    kind = classify(info.get("geometry_type"))
    if kind in _TYPE_NL:
        where = t("laag '{layer}' bevat", layer=layer) if layer else t("bevat")
        raise InputError(
            t(
                "{where} {value} ({get}), geen vlakken; panden moeten als polygonen "
                "worden aangeleverd",
                where=where,
                value=translate(_TYPE_NL[kind]),
                get=info.get("geometry_type"),
            ),
            path=path,
        )
    if info.get("features", -1) == 0:
        raise InputError(t("bevat geen objecten (lege laag)"), path=path)

    problems: list[Problem] = []
    target = _resolve_crs(path, source, layer, info, crs, has_prj, problems)

    filters = {}
    if area is not None:
        id_column = "identificatie" if "identificatie" in list(info.get("fields", [])) else None
        if path.suffix.lower() != ".gpkg":
            id_column = None  # substr() in the filter is SQLite's; others filter after reading
        filters = area.filters(id_column)
    features = _read_features(path, source, layer, int(info.get("features", -1)), filters)
    if area is not None and area.municipalities and "where" not in filters:
        features = features.subset(area, path, id_field)
    if len(features.geoms) == 0:
        if area is not None:
            raise InputError(
                t("bevat geen panden in het gebied ({describe})", describe=area.describe()),
                path=path,
            )
        raise InputError(t("bevat geen objecten (lege laag)"), path=path)

    rows = np.arange(1, len(features.geoms) + 1, dtype=np.int64)
    attributes = features.attributes
    id_column = _footprint_id_column(path, attributes, id_field)
    ids, scientific, refused = normalise_ids_checked(attributes[id_column])
    if refused.any():
        refused_values = attributes[id_column].to_numpy(dtype=object)
    attributes = attributes.drop(
        columns=[c for c in attributes.columns if c in (id_column, "building_id")]
    )
    source_crs = target if target is not None else features.crs
    try:
        reprojected = source_crs is not None and not is_rd(CRS.from_user_input(source_crs))
    except Exception:  # noqa: BLE001 - reported below, where the frame gets its CRS
        reprojected = True
    geoms, keep, pending = _clean_geometries(
        features, ids, rows, str(path), problems, defer=defer_repair and not reprojected
    )
    if scientific.any():
        problems.append(scientific_id_problem(str(path), scientific, rows, ids))
    if refused.any():
        problems.append(refused_id_problem(str(path), refused, rows, refused_values, dropped=True))
        keep &= ~refused
    keep &= _check_ids(ids, rows, keep, str(path), problems)

    if not keep.all():
        attributes = attributes.loc[keep].reset_index(drop=True)
    # copy=False: geopandas copies every column by default; pandas' copy-on-write already
    # keeps these arrays safe (measured: 0.2 s at 300,000 buildings)
    frame = gpd.GeoDataFrame(
        attributes,
        geometry=gpd.GeoSeries(geoms[keep], crs=source_crs),
        crs=source_crs,
        copy=False,
    )
    frame.insert(0, "building_id", pd.Series(ids[keep], dtype=object))
    if pending is not None:
        pending.kept = keep
    rows = rows[keep]
    if len(frame) == 0:
        raise InputError(
            t("bevat geen bruikbare panden: alle geometrieën zijn leeg of geen vlak"), path=path
        )
    if frame.crs is not None and not is_rd(CRS.from_user_input(frame.crs)):
        from_name = crs_name(CRS.from_user_input(frame.crs))
        try:
            frame = frame.to_crs(WORKING_CRS)
        except Exception as error:
            raise InputError(
                t(
                    "omzetten van {from_name} naar RD New (EPSG:28992) mislukt: {error}",
                    from_name=from_name,
                    error=error,
                ),
                path=path,
            ) from None
        frame, rows = _drop_non_finite(frame, rows, from_name, path, problems)
        bounds = None  # the bounds as read are in the source CRS
    else:
        frame = frame.set_crs(WORKING_CRS, allow_override=True)
        bounds = None if features.bounds is None else features.bounds[keep]
    outside = _outside_netherlands(frame.geometry.values, bounds)
    if outside is not None:
        problems.append(
            Problem.for_rows(
                "geometry_outside_netherlands",
                t(
                    "ligt buiten Nederland (meer dan {value:g} km buiten het RD "
                    "New-gebied): klopt het coördinatenstelsel?",
                    value=NETHERLANDS_MARGIN / 1000,
                ),
                str(path),
                outside,
                rows,
                frame["building_id"].to_numpy(),
            )
        )
    return frame, problems, rows, pending


def _drop_non_finite(frame, rows, from_name: str, path: Path, problems: list[Problem]):
    """Leave out footprints the transformation to RD New turned into NaN or infinity
    (coordinates outside the source CRS, such as latitude 400, or a ``.prj`` that does
    not fit them); every one of them: an :class:`InputError`."""
    bad = non_finite(frame.geometry.values)
    if not bad.any():
        return frame, rows
    message = t(
        "coördinaten niet om te zetten van {from_name} naar RD New (niet "
        "eindig): weggelaten; klopt het coördinatenstelsel?",
        from_name=from_name,
    )
    if bad.all():
        raise InputError(
            t(
                "geen enkel pand bruikbaar: de coördinaten zijn niet om te zetten van "
                "{from_name} naar RD New (niet eindig); klopt het coördinatenstelsel "
                "(het .prj-bestand of --crs)?",
                from_name=from_name,
            ),
            path=path,
        )
    problems.append(
        _non_finite_problem(bad, rows, frame["building_id"].to_numpy(), str(path), message)
    )
    return frame.loc[~bad].reset_index(drop=True), rows[~bad]


def _outside_netherlands(geoms: np.ndarray, bounds: np.ndarray | None = None) -> np.ndarray | None:
    """Mask of footprints beyond :data:`RD_BOUNDS` plus :data:`NETHERLANDS_MARGIN`, or
    ``None`` when all lie inside. ``bounds`` (n, 4) are those computed while reading, when
    the geometries were not transformed since (a repair stays within them)."""
    if bounds is None:
        bounds = shapely.bounds(geoms)
    x0, y0, x1, y1 = RD_BOUNDS
    m = NETHERLANDS_MARGIN
    # comparisons with NaN are False: a geometry without bounds is not called "outside"
    outside = (
        (bounds[:, 0] < x0 - m)
        | (bounds[:, 1] < y0 - m)
        | (bounds[:, 2] > x1 + m)
        | (bounds[:, 3] > y1 + m)
    )
    return outside if outside.any() else None


def _resolve_crs(path, source, layer, info, crs, has_prj, problems) -> CRS | None:
    """The CRS to assign to the geometries (``None`` = keep the file's)."""
    file_crs = info.get("crs")
    stated = parse_crs(crs) if crs is not None else None
    if file_crs is None:
        if stated is not None:
            return stated
        missing = t("het .prj-bestand ontbreekt") if not has_prj else t("geen coördinatenstelsel")
        message = t("{missing}: het coördinatenstelsel (CRS) is onbekend", missing=missing)
        try:
            bounds = pyogrio.read_info(source, layer=layer, force_total_bounds=True)["total_bounds"]
        except Exception:
            bounds = None
        if bounds is not None and looks_like_rd(bounds):
            message += t(
                "; the coordinates look like RD New metres (EPSG:28992): pass --crs 28992 "
                "(de coördinaten lijken RD New-meters)"
            )
        else:
            message += t("; geef het CRS op met --crs, bijvoorbeeld --crs 28992")
        raise MissingCrsError(message, path=path)
    if stated is not None:
        file_crs_obj = CRS.from_user_input(file_crs)
        if not file_crs_obj.equals(stated, ignore_axis_order=True):
            problems.append(
                Problem(
                    "crs_override",
                    t(
                        "bestand zegt {crs_name}, opgegeven is {crs_name2}: het opgegeven CRS "
                        "is gebruikt",
                        crs_name=crs_name(file_crs_obj),
                        crs_name2=crs_name(stated),
                    ),
                    str(path),
                )
            )
        return stated
    return None


def _footprint_id_column(path: Path, attributes: pd.DataFrame, id_field: str | None) -> str:
    columns = list(attributes.columns)
    if id_field is not None:
        column = fields.resolve_field(columns, id_field)
        if column is None:
            raise InputError(
                t(
                    "id-veld '{id_field}' bestaat niet; velden: {join}",
                    id_field=id_field,
                    join=", ".join(map(str, columns)),
                ),
                path=path,
            )
        return column
    column = fields.detect_id_field(columns)
    if column is None:
        raise InputError(
            t(
                "geen pand-id-veld gevonden (zoals identificatie, bag_id, pand_id); "
                "velden: {value}; geef het veld op met --id-field",
                value=", ".join(map(str, columns)) or "(geen)",
            ),
            path=path,
        )
    return column


_log = logging.getLogger(__name__)

#: Drivers where reading a range of features is cheap, so large layers are read in parallel.
_CHUNKED_DRIVERS = (".gpkg", ".fgb", ".shp")
#: Below this many features per chunk, threads cost more than they save.
MIN_CHUNK_FEATURES = 40_000


@dataclass
class _Features:
    """Raw features: attributes, geometries and the per-geometry checks done while reading."""

    attributes: pd.DataFrame
    geoms: np.ndarray
    type_ids: np.ndarray
    empty: np.ndarray
    valid: np.ndarray | None  # for polygonal, non-empty geometries; None: still being checked
    crs: object
    # validity still being checked in a thread: (future of _validity_of, batch offset)
    pending: list = field(default_factory=list)
    pending_pool: ThreadPoolExecutor | None = None
    bounds: np.ndarray | None = None  # (n, 4) per geometry as read

    def resolve_valid(self) -> np.ndarray:
        """The validity of every geometry, waiting for the checks still running."""
        if self.valid is None:
            valid = np.ones(len(self.geoms), dtype=bool)
            for future, offset in self.pending:
                positions, batch_valid = future.result()
                valid[offset + positions] = batch_valid
            self.valid, self.pending = valid, []
            if self.pending_pool is not None:
                self.pending_pool.shutdown(wait=False)
                self.pending_pool = None
        return self.valid

    def subset(self, area: Area, path: Path, id_field: str | None) -> _Features:
        """Only the features whose id lies in the area's municipalities (read whole first)."""
        column = _footprint_id_column(path, self.attributes, id_field)
        ids, _, _ = normalise_ids_checked(self.attributes[column])
        keep = area.keeps(ids)
        valid = self.resolve_valid()
        return _Features(
            self.attributes.loc[keep].reset_index(drop=True),
            self.geoms[keep],
            self.type_ids[keep],
            self.empty[keep],
            valid[keep],
            self.crs,
            bounds=None if self.bounds is None else self.bounds[keep],
        )


def _from_wkb(wkb: np.ndarray) -> np.ndarray:
    """Geometries from WKB; unreadable -> None. NaN coordinates decode without numpy's
    "invalid value" warning: they are reported per footprint instead (non_finite)."""
    with np.errstate(invalid="ignore"):
        return shapely.from_wkb(wkb, on_invalid="fix")


def _read_chunk(source: str, layer, skip: int, count: int | None, filters: dict | None = None):
    meta, _, wkb, columns = pyogrio.raw.read(
        source,
        layer=layer,
        skip_features=skip,
        max_features=count,
        force_2d=True,
        **(filters or {}),
    )
    if wkb is None:
        geoms = np.full(len(columns[0]) if columns else 0, None, dtype=object)
    else:
        geoms = _from_wkb(wkb)  # unreadable -> None, reported
    type_ids, empty, check, bounds = _check_batch(geoms)
    valid = np.ones(len(geoms), dtype=bool)
    valid[check] = shapely.is_valid(geoms[check])
    return meta, geoms, columns, type_ids, empty, valid, bounds


def _read_features(
    path: Path, source: str, layer, n_features: int, filters: dict | None = None
) -> _Features:
    """Read all features: through GDAL's Arrow stream, else with ``pyogrio.raw.read``.

    The Arrow path (:mod:`gis_app.core.io.arrow_io`) is the fast one. Should it fail for a
    source (a driver or GDAL build without it, or a file it cannot stream), the classic
    path reads it again; that one also gives the message for files that cannot be read at
    all, so a broken file is reported the same way whichever path was tried first.
    """
    if arrow_io.available():
        try:
            return _read_features_arrow(path, source, layer, filters)
        except InputError:
            raise
        except Exception as error:  # noqa: BLE001 - fall back, the classic path reports
            _log.info("Arrow read of %s failed (%s); reading feature by feature", path, error)
    if filters:  # a filtered read is not split into ranges of the whole layer
        n_features = 0
    return _read_features_classic(path, source, layer, n_features, filters)


def _check_batch(geoms: np.ndarray):
    """Per-geometry type, emptiness, which ones need the validity check, and the bounds
    (for the outside-the-Netherlands check; computed here, beside the decoding, because
    ``shapely.bounds`` releases the GIL and costs 40-60 ms at 300,000 on the main thread)."""
    type_ids = shapely.get_type_id(geoms)
    empty = shapely.is_empty(geoms)
    check = np.isin(type_ids, _POLYGON_TYPE_IDS) & ~empty
    return type_ids, empty, check, shapely.bounds(geoms)


def _read_features_arrow(path: Path, source: str, layer, filters: dict | None = None) -> _Features:
    """Arrow-stream read; each batch's geometry checks run in worker threads.

    The checks (type, emptiness, Z/M, ``shapely.is_valid``) release the GIL, so they run
    on a second core while this thread decodes the next batch's WKB and converts the text
    columns (both hold the GIL). The validity checks are left running when this returns
    (``_Features.pending``): a caller that can use the time waits for them later.
    """
    checked = []
    validity_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="validity")
    validity = []
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            decoded = 0  # geometries decoded so far: the next batch's offset

            def decode(wkb: np.ndarray) -> None:
                nonlocal decoded
                geoms = _from_wkb(wkb)  # unreadable -> None
                basic = pool.submit(_checked_batch, geoms)
                checked.append(basic)
                validity.append((validity_pool.submit(_validity_of, basic), decoded))
                decoded += len(geoms)

            layer_data = arrow_io.read_layer(source, layer, on_wkb_batch=decode, **(filters or {}))
            parts = [future.result() for future in checked]
    except BaseException:
        validity_pool.shutdown(wait=False, cancel_futures=True)
        raise
    meta = layer_data.meta
    if meta.get("geometry_type") is None:
        validity_pool.shutdown(wait=False, cancel_futures=True)
        raise InputError(t("bevat geen geometrie"), path=path)

    def joined(index):
        arrays = [p[index] for p in parts]
        return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)

    if parts:
        geoms, type_ids, empty = (joined(i) for i in range(3))
        bounds = joined(4)
    else:
        geoms = np.empty(0, dtype=object)
        type_ids, empty = np.empty(0, np.int32), np.empty(0, bool)
        bounds = np.empty((0, 4))
    columns = {
        # object columns stay object: pandas would otherwise copy them into its str dtype
        name: pd.Series(values, dtype=values.dtype, copy=False)
        for name, values in zip(layer_data.names, layer_data.columns, strict=True)
    }
    attributes = pd.DataFrame(columns, index=pd.RangeIndex(len(geoms)), copy=False)
    return _Features(
        attributes,
        geoms,
        type_ids,
        empty,
        None,
        meta.get("crs"),
        validity,
        validity_pool,
        bounds=bounds,
    )


def _checked_batch(geoms: np.ndarray):
    """(2-D geometries, type ids, empty, which need the validity check) for one batch."""
    if shapely.has_z(geoms).any() or _has_m(geoms):
        geoms = shapely.force_2d(geoms)  # the working CRS is 2-D
    type_ids, empty, check, bounds = _check_batch(geoms)
    return geoms, type_ids, empty, check, bounds


def _validity_of(basic_checks):
    """(positions in the batch, their validity) once the batch's basic checks are done."""
    geoms, _, _, check, _ = basic_checks.result()
    positions = np.flatnonzero(check)
    return positions, shapely.is_valid(geoms[positions])


def _has_m(geoms: np.ndarray) -> bool:
    has_m = getattr(shapely, "has_m", None)  # shapely >= 2.1
    return bool(has_m is not None and has_m(geoms).any())


def _read_features_classic(
    path: Path, source: str, layer, n_features: int, filters: dict | None = None
) -> _Features:
    """Read all features with ``pyogrio.raw.read``; large layers in parallel chunks.

    Of the per-chunk work only ``shapely.is_valid`` releases the GIL and runs on a second
    core; ``pyogrio.raw.read`` (a Python object per WKB blob and per text value) and
    ``shapely.from_wkb`` (one per geometry) hold it. The chunks therefore buy the overlap
    of validation only: a read on a second core needs a second process or GDAL's Arrow
    stream, not threads. A pipeline (reads in turn, decoding in a worker) was no faster.
    """
    chunks = 1
    if n_features >= 2 * MIN_CHUNK_FEATURES and path.suffix.lower() in _CHUNKED_DRIVERS:
        chunks = max(1, min(os.cpu_count() or 1, 4, n_features // MIN_CHUNK_FEATURES))
    try:
        if chunks == 1:
            parts = [_read_chunk(source, layer, 0, None, filters)]
        else:
            bounds = np.linspace(0, n_features, chunks + 1).astype(int)
            with ThreadPoolExecutor(max_workers=chunks) as pool:
                futures = [
                    pool.submit(
                        _read_chunk,
                        source,
                        layer,
                        int(start),
                        # the last chunk reads to the end, whatever the count said
                        int(stop - start) if i < chunks - 1 else None,
                    )
                    for i, (start, stop) in enumerate(zip(bounds[:-1], bounds[1:], strict=True))
                ]
                parts = [f.result() for f in futures]
    except Exception as error:
        raise gdal_error(error, path) from None
    meta = parts[0][0]
    if meta.get("geometry_type") is None and parts[0][1].size and parts[0][1][0] is None:
        raise InputError(t("bevat geen geometrie"), path=path)

    def joined(index):
        arrays = [p[index] for p in parts]
        return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)

    names = [str(n) for n in meta["fields"]]
    columns = {}
    for i, name in enumerate(names):
        values = joined(2)[i] if len(parts) == 1 else np.concatenate([p[2][i] for p in parts])
        # object columns stay object: pandas would otherwise copy them into its str dtype
        columns[name] = pd.Series(values, dtype=values.dtype, copy=False)
    attributes = pd.DataFrame(columns, index=pd.RangeIndex(len(joined(1))), copy=False)
    return _Features(
        attributes, joined(1), joined(3), joined(4), joined(5), meta.get("crs"), bounds=joined(6)
    )


def _clean_geometries(
    features: _Features, ids, rows, path: str, problems: list[Problem], *, defer: bool = False
):
    """Repair invalid polygons, drop what is not a polygon; return (geoms, keep, pending).

    With ``defer`` (and no geometry collections) the repair waits: ``keep`` assumes every
    polygon valid and ``pending`` (a :class:`PendingRepair`) applies the repairs later,
    while the validity checks run beside the join. Without it ``pending`` is None.
    """
    geoms = features.geoms
    type_ids = features.type_ids  # -1 for None
    missing = (type_ids < 0) | features.empty

    collection = type_ids == 7
    if collection.any():
        defer = False  # rare; their parts are checked here and now
        parts = _polygonal_parts(geoms[collection])
        geoms = geoms.copy()
        geoms[collection] = parts
        no_parts = np.zeros(len(geoms), dtype=bool)
        no_parts[np.flatnonzero(collection)] = shapely.is_empty(parts) | (parts == None)  # noqa: E711
        with_parts = collection & ~no_parts
        if with_parts.any():
            problems.append(
                Problem.for_rows(
                    "geometry_collection",
                    t("geometrieverzameling: alleen de vlakdelen zijn behouden"),
                    path,
                    with_parts,
                    rows,
                    ids,
                )
            )
        type_ids = np.where(collection & ~no_parts, 6, type_ids)
        missing |= no_parts

    polygonal = np.isin(type_ids, _POLYGON_TYPE_IDS) & ~missing
    not_polygon = ~missing & ~polygonal
    collapsed = np.zeros(len(geoms), dtype=bool)
    unusable = np.zeros(len(geoms), dtype=bool)
    pending = None
    if defer:
        pending = PendingRepair(features, geoms, polygonal, ids, rows, path, len(problems))
    else:
        invalid = polygonal & ~features.resolve_valid()
        if collection.any():  # polygonal parts taken from collections were not checked yet
            from_collection = polygonal & collection
            invalid[from_collection] = ~shapely.is_valid(geoms[from_collection])
        geoms, collapsed, unusable, repaired = _repair(geoms, invalid, ids, rows, path)
        if repaired is not None:
            problems.append(repaired)
        if unusable.any():
            problems.append(_non_finite_problem(unusable, rows, ids, path))
    if missing.any():
        problems.append(
            Problem.for_rows(
                "geometry_empty",
                t("lege of ontbrekende geometrie: weggelaten"),
                path,
                missing,
                rows,
                ids,
                dropped=True,
            )
        )
    if not_polygon.any():
        names = np.full(len(geoms), "", dtype=object)
        names[not_polygon] = [
            _GEOM_NAMES.get(int(t), str(t)) for t in shapely.get_type_id(geoms[not_polygon])
        ]
        problems.append(
            Problem.for_rows(
                "geometry_not_polygon",
                t("geometrie is geen vlak (punt of lijn): weggelaten"),
                path,
                not_polygon,
                rows,
                ids,
                values=names,
                dropped=True,
            )
        )
    if collapsed.any():
        problems.append(
            Problem.for_rows(
                "geometry_collapsed",
                t("ongeldige geometrie zonder oppervlakte na herstel: weggelaten"),
                path,
                collapsed,
                rows,
                ids,
                dropped=True,
            )
        )
    keep = polygonal & ~collapsed & ~unusable
    return geoms, keep, pending


def non_finite(geoms: np.ndarray) -> np.ndarray:
    """Per geometry: has a NaN or infinite coordinate (vectorised over all vertices)."""
    bad = np.zeros(len(geoms), dtype=bool)
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    broken = ~np.isfinite(coords).all(axis=1)
    if broken.any():
        bad[index[broken]] = True
    return bad


def _repair(geoms, invalid, ids, rows, path: str):
    """``make_valid`` for the invalid ones: (geoms, collapsed mask, non-finite mask,
    repaired problem).

    A NaN or infinite coordinate makes a geometry invalid and ``make_valid`` raises on it,
    so those are picked out of the invalid ones first and never repaired (non-finite mask).
    """
    collapsed = np.zeros(len(geoms), dtype=bool)
    unusable = np.zeros(len(geoms), dtype=bool)
    if not invalid.any():
        return geoms, collapsed, unusable, None
    positions = np.flatnonzero(invalid)
    unusable[positions[non_finite(geoms[positions])]] = True
    if unusable.any():
        invalid = invalid & ~unusable
        if not invalid.any():
            return geoms, collapsed, unusable, None
    repaired = shapely.make_valid(geoms[invalid])
    repaired_types = shapely.get_type_id(repaired)
    needs_parts = ~np.isin(repaired_types, _POLYGON_TYPE_IDS)
    if needs_parts.any():
        repaired[needs_parts] = _polygonal_parts(repaired[needs_parts])
    gone = (repaired == None) | shapely.is_empty(repaired)  # noqa: E711
    geoms = geoms.copy()
    geoms[invalid] = repaired
    collapsed[np.flatnonzero(invalid)[gone]] = True
    fixed = invalid & ~collapsed
    problem = None
    if fixed.any():
        problem = Problem.for_rows(
            "geometry_repaired",
            t("ongeldige geometrie hersteld (make_valid)"),
            path,
            fixed,
            rows,
            ids,
        )
    return geoms, collapsed, unusable, problem


def _non_finite_problem(mask, rows, ids, path: str, message: str = "") -> Problem:
    return Problem.for_rows(
        "geometry_not_finite",
        message or t("coördinaat is geen eindig getal (NaN of oneindig): weggelaten"),
        path,
        mask,
        rows,
        ids,
        dropped=True,
    )


class PendingRepair:
    """Repairs of invalid footprints, applied once the validity checks are in.

    A load starts the join while the checks still run. Repairing a polygon changes no
    row, so the result is patched afterwards -- unless a repair leaves no area at all or
    a coordinate is not finite (the footprint is then dropped): :meth:`apply` says so and
    the caller loads again without deferring. Why: the checks take about 0.3 s of a second core at 300,000
    footprints, and waiting for them held up everything after the read.
    """

    def __init__(self, features, geoms, polygonal, ids, rows, path, problem_index):
        self._features = features
        self._geoms = geoms
        self._polygonal = polygonal
        self._ids = ids
        self._rows = rows  # object numbers of all features read
        self._path = path
        self._problem_index = problem_index  # where the repaired-problem goes
        self.kept: np.ndarray | None = None  # which features became rows (set by the reader)

    def apply(self, frame: gpd.GeoDataFrame, problems: list[Problem]) -> gpd.GeoDataFrame | None:
        """``frame`` (rows = the kept features, in order) with repaired geometries, the
        repaired-problem inserted in ``problems``; None when a repair dropped a footprint."""
        invalid = self._polygonal & ~self._features.resolve_valid()
        if not invalid.any():
            return frame
        geoms, collapsed, unusable, repaired = _repair(
            self._geoms, invalid, self._ids, self._rows, self._path
        )
        if collapsed.any() or unusable.any():
            return None
        if repaired is not None:
            problems.insert(self._problem_index, repaired)
        fix = invalid & self.kept
        positions = (np.cumsum(self.kept) - 1)[fix]
        geometry = np.array(frame.geometry.values, dtype=object)
        geometry[positions] = geoms[fix]
        frame = frame.copy(deep=False)
        frame[frame.geometry.name] = gpd.GeoSeries(geometry, index=frame.index, crs=frame.crs)
        return frame


_GEOM_NAMES = {0: "Point", 1: "LineString", 2: "LinearRing", 4: "MultiPoint", 5: "MultiLineString"}


def _polygonal_parts(geoms: np.ndarray) -> np.ndarray:
    """Per geometry, the union of its Polygon parts as a MultiPolygon (None when none)."""
    out = np.full(len(geoms), None, dtype=object)
    parts, index = shapely.get_parts(geoms, return_index=True)
    if len(parts) == 0:
        return out
    # collections may nest multipolygons: flatten once more
    sub, sub_index = shapely.get_parts(parts, return_index=True)
    index = index[sub_index]
    keep = shapely.get_type_id(sub) == 3
    keep &= ~shapely.is_empty(sub)
    if keep.any():
        shapely.multipolygons(sub[keep], indices=index[keep], out=out)
    return out


def _check_ids(ids, rows, keep, path: str, problems: list[Problem]) -> np.ndarray:
    """Report missing and duplicate ids; return the mask of rows to keep."""
    ok = np.ones(len(ids), dtype=bool)
    empty = (ids == "") & keep
    if empty.any():
        problems.append(
            Problem.for_rows(
                "id_missing",
                t(
                    "pand zonder id: weggelaten (een pand zonder id kan niet worden "
                    "gekoppeld of bewaard)"
                ),
                path,
                empty,
                rows,
                dropped=True,
            )
        )
        ok &= ~empty
    candidates = keep & ok
    duplicated = np.zeros(len(ids), dtype=bool)
    keys = id_keys(ids[candidates])
    candidate_ids = pd.Series(ids[candidates] if keys is None else keys, copy=False)
    duplicated[candidates] = candidate_ids.duplicated(keep="first").to_numpy()
    if duplicated.any():
        first_row = pd.Series(rows[candidates], index=ids[candidates]).groupby(level=0).first()
        problems.append(
            Problem(
                "id_duplicate",
                t("dubbele pand-id: het eerste object telt, de andere zijn weggelaten"),
                path,
                rows=rows[duplicated].tolist(),
                ids=ids[duplicated].tolist(),
                values=[f"eerste: object {int(first_row[i])}" for i in ids[duplicated]],
                dropped=True,
            )
        )
        ok &= ~duplicated
    return ok
