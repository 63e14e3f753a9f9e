"""Many small GeoPackages of one schema: made once with GDAL, filled with :mod:`sqlite3`.

An export writes a field pack per work package, each a GeoPackage with the same layers,
columns and QGIS styles; only the rows differ. Creating those tables with GDAL for every
package (driver, spatial reference, tables, R-tree, triggers) cost more than the rows.
:func:`make_template` lets GDAL (:func:`gis_app.core.export.gpkg.write_layers`) write the
layers once *empty*, plus what a ``finish`` step adds (the ``layer_styles`` rows), and
keeps the file's bytes; :func:`fill_template` copies them into an in-memory SQLite
database (``deserialize``), inserts the rows and returns the bytes of the finished file.

What a fill does, as GDAL would have done it:

* geometries as GeoPackage blobs: the ``GP`` header (version 0, little-endian, srs id,
  the xy envelope; an empty geometry gets the empty flag and no envelope) and ISO WKB
  from :func:`shapely.to_wkb`; a Polygon in a MultiPolygon layer is promoted to a
  MultiPolygon of one part, as ``promote_to_multi`` does;
* values as GDAL stores them: text, integers, reals (NaN as NULL), booleans as 0/1,
  dates as ``YYYY-MM-DD``, missing values as NULL;
* ``gpkg_contents``: the layer's extent and ``last_change``; the feature counts of
  ``gpkg_ogr_contents`` are kept by GDAL's own triggers in the template;
* the R-tree: GDAL's triggers call ``ST_IsEmpty`` / ``ST_MinX`` ... which plain SQLite
  lacks; the fill registers equivalents that read the blob's header on its connection
  (the file keeps GDAL's triggers, so GDAL and QGIS edit it as usual).

A template only serves frames of its :func:`signature` (same layers, columns, column
kinds); :func:`signature` is ``None`` for what the fill does not cover (non-polygon
layers, date-times with a time, 3D, other column types), and the caller writes those
with GDAL as before.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core.export.gpkg import _polygonal, write_layers

#: Prefix of a MultiPolygon of one part in little-endian ISO WKB (followed by the polygon).
_MULTI_OF_ONE = b"\x01\x06\x00\x00\x00\x01\x00\x00\x00"
_ENVELOPE = struct.Struct("<4d")  # minx, maxx, miny, maxy after the 8-byte header
_HEADER = struct.Struct("<2sBBi")  # magic, version, flags, srs id
_FLAGS_XY_ENVELOPE = 0x03  # little-endian, envelope of 4 doubles
_FLAGS_EMPTY = 0x11  # little-endian, empty geometry, no envelope
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"


_EXTENSION_KINDS = {
    **dict.fromkeys(("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32"), "int"),
    "Float32": "float",
    "Float64": "float",
    "boolean": "bool",
}


_SIZED = ("int", "float", "bool")


def _column_kind(dtype, values: Callable[[], pd.Series]) -> str | None:
    """How a column of ``dtype`` is stored (``text``, ``int``, ``float``, ``bool``,
    ``date``), or None when the fill does not cover it; ``values()`` gives the column
    (read only for date-times: a Date field when every value is midnight)."""
    if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype):
        return "text"
    if isinstance(dtype, pd.api.extensions.ExtensionDtype):
        return _EXTENSION_KINDS.get(str(dtype))
    if dtype.kind == "b":
        return "bool"
    if dtype.kind == "i" or (dtype.kind == "u" and dtype.itemsize <= 4):
        return "int"
    if dtype.kind == "f":
        return "float"
    if dtype.kind == "M" and _midnights_only(values().to_numpy()):
        return "date"
    return None


def _midnights_only(stamps: np.ndarray) -> bool:
    """:func:`gis_app.core.export.gpkg.is_date_column` of a naive datetime64 array, in
    numpy (the pandas version costs more than the rest of a small pack's signature)."""
    unit, count = np.datetime_data(stamps.dtype)
    per_day = int(np.timedelta64(1, "D") / np.timedelta64(count, unit))
    ticks = stamps.view("i8")[~np.isnat(stamps)]
    return bool((ticks % per_day == 0).all())  # floor modulo: as normalize() floors


def signature(layers: dict[str, pd.DataFrame]) -> tuple | None:
    """What a template must match to serve ``layers`` (name -> GeoDataFrame ready for
    GDAL): per layer its name, CRS, columns with their kinds (and the dtypes of
    numbers); None when the fill does not cover a layer (see the module docstring)."""
    out = []
    for name, frame in layers.items():
        if not isinstance(frame, gpd.GeoDataFrame) or frame.crs is None:
            return None
        geometry = frame.geometry.name
        if not _polygonal(frame) or bool(shapely.has_z(frame.geometry.to_numpy()).any()):
            return None
        columns = []
        for column, dtype in frame.dtypes.items():
            if column == geometry:
                continue
            kind = _column_kind(dtype, lambda c=column, f=frame: f[c])
            if kind is None:
                return None
            # numbers: the dtype picks GDAL's field type (Integer64, Int16, Float32 ...);
            # text (object or str) is a String, a date a Date, whatever the dtype
            columns.append((str(column), kind, str(dtype) if kind in _SIZED else ""))
        out.append((name, geometry, frame.crs.srs, tuple(columns)))
    return tuple(out)


@dataclass(frozen=True)
class _Layer:
    table: str
    geometry: str
    srs_id: int
    columns: tuple[tuple[str, str], ...]  # (name, kind) in table order


@dataclass(frozen=True)
class GpkgTemplate:
    """The bytes of an empty GeoPackage written by GDAL and what a fill needs to know."""

    data: bytes
    signature: tuple
    layers: dict[str, _Layer]


def make_template(
    path: Path,
    layers: dict[str, pd.DataFrame],
    *,
    finish: Callable[[Path], None] | None = None,
) -> GpkgTemplate:
    """Write ``layers`` *without their rows* into a new GeoPackage at ``path`` with GDAL
    (as :func:`write_layers` writes them), run ``finish(path)``, and return the template.

    ``path`` must not exist yet; the file is left there (the caller's temporary file,
    which it overwrites with a filled copy). Raises ValueError when the layers have no
    :func:`signature` or GDAL stored a column under another name."""
    key = signature(layers)
    if key is None:
        raise ValueError("these layers cannot be filled into a template")
    write_layers(path, {name: frame.iloc[:0] for name, frame in layers.items()})
    if finish is not None:
        finish(path)
    data = Path(path).read_bytes()
    described = {}
    with closing(_open(data)) as connection:
        geometry = dict(
            connection.execute("SELECT table_name, column_name FROM gpkg_geometry_columns")
        )
        srs = dict(connection.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns"))
        for name, _geometry, _crs, columns in key:
            table_columns = [
                row[1] for row in connection.execute(f"PRAGMA table_info({_quote(name)})")
            ]
            kinds = {column: kind for column, kind, _dtype in columns}
            # GDAL's order; the fid is left to AUTOINCREMENT (1, 2, ... as GDAL numbers)
            ordered = tuple((c, kinds[c]) for c in table_columns if c in kinds)
            if len(ordered) != len(columns):
                raise ValueError(f"GDAL renamed columns of layer {name}")
            described[name] = _Layer(name, geometry[name], int(srs[name]), ordered)
    return GpkgTemplate(data, key, described)


def fill_template(template: GpkgTemplate, layers: dict[str, pd.DataFrame]) -> bytes:
    """The bytes of the template with the rows of ``layers`` (of its :func:`signature`)."""
    with closing(_open(template.data)) as connection:
        _register_functions(connection)
        connection.execute("BEGIN")
        for name, frame in layers.items():
            layer = template.layers[name]
            blobs, extent = geometry_blobs(frame.geometry.to_numpy(), layer.srs_id)
            series = dict(frame.items())  # one pass: a GeoDataFrame's [] costs more
            columns = [blobs] + [_values(series[c], kind) for c, kind in layer.columns]
            names = ", ".join(_quote(c) for c in (layer.geometry, *(c for c, _ in layer.columns)))
            marks = ", ".join("?" * (len(layer.columns) + 1))
            connection.executemany(
                f"INSERT INTO {_quote(layer.table)} ({names}) VALUES ({marks})",
                zip(*columns, strict=True),
            )
            if extent is not None:
                connection.execute(
                    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                    f"last_change = {_NOW} WHERE lower(table_name) = lower(?)",
                    (*extent, layer.table),
                )
            else:
                connection.execute(
                    f"UPDATE gpkg_contents SET last_change = {_NOW} "
                    "WHERE lower(table_name) = lower(?)",
                    (layer.table,),
                )
        connection.commit()
        return connection.serialize()


def geometry_blobs(
    geometry: np.ndarray, srs_id: int
) -> tuple[list[bytes | None], tuple[float, float, float, float] | None]:
    """GeoPackage blobs of ``geometry`` (MultiPolygons: polygons promoted) and the extent
    (xmin, ymin, xmax, ymax) of the non-empty ones, None when there are none."""
    types = shapely.get_type_id(geometry)
    wkb = shapely.to_wkb(geometry, flavor="iso", byte_order=1, output_dimension=2)
    empty = shapely.is_empty(geometry)
    bounds = shapely.bounds(geometry)
    full = _HEADER.pack(b"GP", 0, _FLAGS_XY_ENVELOPE, srs_id)
    hollow = _HEADER.pack(b"GP", 0, _FLAGS_EMPTY, srs_id)
    out: list[bytes | None] = []
    for kind, data, is_empty, (xmin, ymin, xmax, ymax) in zip(
        types, wkb, empty, bounds, strict=True
    ):
        if kind < 0:  # missing
            out.append(None)
            continue
        body = _MULTI_OF_ONE + data if kind == 3 else data
        if is_empty:
            out.append(hollow + body)
        else:
            out.append(full + _ENVELOPE.pack(xmin, xmax, ymin, ymax) + body)
    present = ~empty & (types >= 0)
    if not present.any():
        return out, None
    chosen = bounds[present]
    extent = (chosen[:, 0].min(), chosen[:, 1].min(), chosen[:, 2].max(), chosen[:, 3].max())
    # GDAL writes the extent into gpkg_contents with 16 significant digits
    return out, tuple(float(f"{v:.16g}") for v in extent)


def _values(values: pd.Series, kind: str) -> list:
    """The column as the Python values SQLite stores (None for NULL)."""
    if kind == "text":
        data = values.to_numpy(dtype=object)
        mask = pd.isna(data)
    elif kind == "date":
        days = values.to_numpy(dtype="datetime64[D]")
        mask = np.isnat(days)
        data = days.astype(str).astype(object)  # YYYY-MM-DD
    else:
        array = values.array
        if hasattr(array, "_data") and hasattr(array, "_mask"):  # nullable int/float/bool
            data, mask = array._data, array._mask
        else:
            data = values.to_numpy()
            mask = np.isnan(data) if kind == "float" else None  # NaN is written as NULL
        if kind == "int":
            data = data.astype(np.int64)
        elif kind == "bool":
            data = data.astype(bool).astype(np.int64)
        else:
            data = data.astype(np.float64)
    if mask is not None and mask.any():
        return np.where(mask, None, data.astype(object)).tolist()
    return data.tolist()


def _open(data: bytes) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.deserialize(data)
    return connection


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- what GDAL's R-tree triggers call -----------------------------------------------------


def _envelope(blob: bytes | None, index: int) -> float | None:
    if blob is None or len(blob) < 8 or blob[3] & 0x10 or (blob[3] >> 1) & 0x07 == 0:
        return None
    return _ENVELOPE.unpack_from(blob, 8)[index]


def _is_empty(blob: bytes | None) -> int | None:
    if blob is None:
        return None
    return 1 if blob[3] & 0x10 else 0


def _register_functions(connection: sqlite3.Connection) -> None:
    """``ST_IsEmpty``, ``ST_MinX`` ... of the blobs this module writes (xy envelope)."""
    connection.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for name, index in (("ST_MinX", 0), ("ST_MaxX", 1), ("ST_MinY", 2), ("ST_MaxY", 3)):
        connection.create_function(
            name, 1, lambda blob, i=index: _envelope(blob, i), deterministic=True
        )
