"""ESRI Shapefile per work package: a folder with .shp .shx .dbf .prj .cpg, and a .zip.

GDAL (through pyogrio) writes the geometry and the table; this module decides what
the dBASE table looks like, because that is where Shapefiles lose data:

* Field names: at most 10 characters, chosen by :mod:`gis_app.core.export.fields` and
  written beside the Shapefile as ``<name>_veldnamen.csv`` (short name, full name,
  Dutch description). The same CSV is in the zip.
* Text is UTF-8 and the ``.cpg`` says so; the BAG id is a character field (``C``) as wide
  as the longest id (16 for BAG ids), so leading zeros stay.
* Fields are as narrow as their content, which keeps the ``.dbf`` small; numbers stay
  numeric fields. GDAL writes the geometry only; the table is written by
  :mod:`gis_app.core.export.dbf` with whole-column numpy operations (GDAL would make every
  text field 80 wide, or rewrite the file to narrow it, and writes dates as text).
* Dates are dBASE date fields (``D``, ``YYYYMMDD``); empty dates are blank, which dBASE
  readers take as "no date".
* ``.prj`` is GDAL's ESRI WKT for RD New (``RD_New``, Double Stereographic), which
  ArcGIS, QGIS and GDAL all recognise as EPSG:28992.
* A text longer than 254 bytes does not fit a dBASE field; it is cut (at a character
  boundary) and the export report says which field and how many rows, so nothing is
  lost silently. The GeoPackage always has the full text.

The files are written through :func:`gis_app.core.io.atomic.atomic_files` (each file
replaces its namesake atomically) and the zip through ``atomic_path``.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from pandas.api.types import infer_dtype

from gis_app.core.errors import ExportError
from gis_app.core.export.dbf import encode_table, write_dbf, write_encoded
from gis_app.core.export.fields import field_mapping_text, shorten_field_names
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_files, atomic_path

MAX_TEXT_BYTES = 254
SHAPEFILE_SUFFIXES = (".shp", ".shx", ".dbf", ".prj", ".cpg")
MAPPING_SUFFIX = "_veldnamen.csv"
#: Deflate level for the zip: level 1 is several times faster than the default 6 and
#: the padded dBASE table still shrinks to a fraction.
ZIP_LEVEL = 1
#: Members stored without compression in a zip: their contents are compressed already.
STORED_SUFFIXES = frozenset({".pdf", ".zip", ".xlsx", ".qgz"})


@dataclass
class ShapefileResult:
    files: list[Path]
    mapping: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    zip_path: Path | None = None


def date_text(values: pd.Series) -> np.ndarray:
    """``YYYYMMDD`` strings (``None`` for missing) from a datetime-like column, vectorised."""
    stamps = pd.to_datetime(values, errors="coerce")
    raw = stamps.to_numpy(dtype="datetime64[D]")
    missing = np.isnat(raw)
    days = np.where(missing, np.datetime64("2000-01-01"), raw)
    years = days.astype("datetime64[Y]").astype(int) + 1970
    months = days.astype("datetime64[M]").astype(int) % 12 + 1
    day = (days - days.astype("datetime64[M]")).astype(int) + 1
    number = years * 10000 + months * 100 + day
    text = number.astype("U8").astype(object)
    text[missing] = None
    return text


def as_text(values: pd.Series) -> pd.Series:
    """An object column of ``str`` (missing stays missing); non-text values are converted."""
    values = pd.Series(values.to_numpy(dtype=object), index=values.index)
    if infer_dtype(values, skipna=True) not in ("string", "empty"):
        present = values.notna()
        values[present] = values[present].astype(str)
    return values


def _cut_text(values: pd.Series) -> tuple[pd.Series, int]:
    """Cut texts longer than :data:`MAX_TEXT_BYTES` UTF-8 bytes; return the count cut."""
    lengths = values.str.len()
    candidates = lengths > MAX_TEXT_BYTES // 4  # only these can exceed the byte limit
    if not candidates.any():
        return values, 0
    encoded = values[candidates].str.encode("utf-8")
    long = encoded.str.len() > MAX_TEXT_BYTES
    if not long.any():
        return values, 0
    cut = encoded[long].map(lambda b: b[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore"))
    values = values.copy()
    values.loc[cut.index] = cut
    return values, int(long.sum())


def prepare_table(
    frame: gpd.GeoDataFrame,
) -> tuple[gpd.GeoDataFrame, dict[str, str], list[str], list[str]]:
    """Rename, convert dates and cut long texts; returns (frame, mapping, date fields, warnings)."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    mapping = shorten_field_names(columns)
    data: dict[str, object] = {}
    date_fields: list[str] = []
    notes: list[str] = []
    for column in columns:
        values = frame[column]
        short = mapping[column]
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            data[short] = date_text(values)
            date_fields.append(short)
        elif pd.api.types.is_bool_dtype(values.dtype) or pd.api.types.is_numeric_dtype(
            values.dtype
        ):
            data[short] = values.to_numpy()
        else:
            text, n_cut = _cut_text(as_text(values).fillna(""))
            text = text.astype(object).where(values.notna().to_numpy(), None)
            if n_cut:
                notes.append(
                    t(
                        "Shapefile: {n_cut} tekst(en) in '{column}' ingekort tot "
                        "{MAX_TEXT_BYTES} bytes (de GeoPackage heeft de volledige tekst)",
                        n_cut=n_cut,
                        column=column,
                        MAX_TEXT_BYTES=MAX_TEXT_BYTES,
                    )
                )
            data[short] = text.to_numpy(dtype=object)
    out = gpd.GeoDataFrame(data, geometry=frame.geometry.to_numpy(), crs=frame.crs)
    out.index = pd.RangeIndex(len(out))
    return out, mapping, date_fields, notes


def write_shapefile(
    frame: gpd.GeoDataFrame,
    folder: Path,
    base: str,
    *,
    labels: dict[str, str] | None = None,
    zip_path: Path | None = None,
    prepared: tuple | None = None,
    encoded: tuple | None = None,
) -> ShapefileResult:
    """Write ``frame`` as ``folder/base.shp`` (+ sidecars and field mapping), optionally zipped.

    ``folder`` must exist; ``base`` must be a safe name (:mod:`~gis_app.core.export.names`).
    ``prepared`` is :func:`prepare_table` of these rows (an export prepares the whole table
    once and slices it per package); ``frame`` is then not used. ``encoded`` is
    ``(EncodedTable, rows)``: the whole export's dBASE records, encoded once, and the rows of
    this package (all packages then share one field layout).
    """
    table, mapping, date_fields, notes = prepare_table(frame) if prepared is None else prepared
    target = folder / f"{base}.shp"
    mapping_name = f"{base}{MAPPING_SUFFIX}"
    try:
        with atomic_files(target) as temp_target:
            with warnings.catch_warnings():
                # geometry only: the table is written by gis_app.core.export.dbf
                warnings.simplefilter("ignore", RuntimeWarning)
                kwargs = {"geometry_type": "Polygon"} if len(table) == 0 else {}
                pyogrio.write_dataframe(
                    gpd.GeoDataFrame(geometry=table.geometry.to_numpy(), crs=table.crs),
                    temp_target,
                    driver="ESRI Shapefile",
                    encoding="UTF-8",
                    **kwargs,
                )
            if encoded is not None:
                write_encoded(temp_target.with_suffix(".dbf"), encoded[0], encoded[1])
            else:
                write_dbf(
                    temp_target.with_suffix(".dbf"),
                    pd.DataFrame(table.drop(columns=table.geometry.name)),
                    date_fields,
                )
            (temp_target.parent / mapping_name).write_text(
                "\ufeff" + field_mapping_text(mapping, labels), encoding="utf-8", newline=""
            )
            missing = [
                suffix
                for suffix in SHAPEFILE_SUFFIXES
                if not temp_target.with_suffix(suffix).is_file()
            ]
            if missing:  # GDAL wrote elsewhere or not at all: never ship half a Shapefile
                raise ExportError(
                    t("Shapefile niet geschreven: {join} ontbreekt", join=", ".join(missing)),
                    path=target,
                )
    except OSError as error:
        from gis_app.core.io.atomic import describe_os_error

        raise ExportError(
            t("Shapefile niet geschreven: {reason}", reason=describe_os_error(error)), path=target
        ) from error
    except Exception as error:  # GDAL errors come as pyogrio exceptions
        if isinstance(error, ExportError):
            raise
        raise ExportError(
            t("Shapefile niet geschreven: {error}", error=error), path=target
        ) from error
    files = [folder / f"{base}{suffix}" for suffix in SHAPEFILE_SUFFIXES] + [folder / mapping_name]
    files = [f for f in files if f.exists()]
    result = ShapefileResult(files=files, mapping=mapping, warnings=notes)
    if zip_path is not None:
        write_zip(zip_path, files)
        result.zip_path = zip_path
    return result


def write_zip(zip_path: Path, files: list[Path], *, arcnames: list[str] | None = None) -> Path:
    """Zip ``files`` (flat, by their names unless ``arcnames`` given) atomically."""
    names = arcnames or [f.name for f in files]
    try:
        with (
            atomic_path(zip_path) as temp,
            zipfile.ZipFile(
                temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL
            ) as archive,
        ):
            for path, name in zip(files, names, strict=True):
                # compressed already (PDF streams, zips): storing costs nothing to gain
                stored = Path(path).suffix.lower() in STORED_SUFFIXES
                archive.write(path, name, compress_type=zipfile.ZIP_STORED if stored else None)
    except OSError as error:
        from gis_app.core.io.atomic import describe_os_error

        raise ExportError(
            t("zip niet geschreven: {reason}", reason=describe_os_error(error)), path=zip_path
        ) from error
    return zip_path


def encode_prepared(prepared: tuple):
    """The dBASE records of a :func:`prepare_table` result, encoded once for all packages."""
    table, _, date_fields, _ = prepared
    return encode_table(pd.DataFrame(table.drop(columns=table.geometry.name)), date_fields)
