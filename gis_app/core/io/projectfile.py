"""Project files: one GeoPackage per project, written atomically, versioned, data only.

Layout of a project file (``.gpkg``, so QGIS opens its layers too):

* layer ``buildings`` -- the canonical buildings (:mod:`gis_app.core.schema`), EPSG:28992,
  in row order (row positions are the UI's identity, so the order is kept);
* layer ``clusters`` -- the cluster polygons and their settings;
* layer ``packages`` -- work packages, only when the project has them (spatial or a plain
  attribute table, as the packages module made them);
* table ``gis_app_meta`` -- a non-spatial key/value table (both columns text, values
  JSON): ``format``, ``schema_version``, ``app_version``, ``saved_at`` (UTC, ISO 8601),
  ``name``, ``settings``, ``scenarios``, ``sources`` (path, sha256, role, layer, path
  relative to the project), ``layers`` (row count per layer, checked on open, so a file
  that lost rows is refused rather than silently opened short), ``column_renames``,
  ``column_order`` and ``column_dtypes`` (so a project reopens with its columns exactly
  as they were: names, order, nullable integers, categories, durations);
* table ``layer_styles`` -- QGIS's default style per layer (:mod:`gis_app.core.qgis`).

Decisions:

* Data only: JSON and GeoPackage tables. Nothing is pickled or evaluated; settings and
  scenarios must be JSON-serialisable (numpy scalars, dates and paths are converted; any
  other object is refused at save time with a :class:`ProjectError` naming the key).
* Saving goes through :func:`gis_app.core.io.atomic.atomic_path`: the previous file stays
  intact until the new one is complete and on disk. ``save_project`` does not change
  ``project.path``/``project.name``; the caller decides (Save As does, autosave doesn't).
* Column names GeoPackage cannot hold next to each other (``fid``, ``geom``, names that
  differ only in case, as SQLite columns are case-insensitive) are renamed on save and
  renamed back on open (``column_renames``), so a source column never breaks a save.
* Object columns that mix types are stored as text (numbers as numbers); GeoPackage has
  no "any" type. Durations are stored as days (a number), periods and complex numbers
  as text; every such column still saves.
* Schema versions: ``0`` is a plain GeoPackage with a canonical ``buildings`` layer and no
  meta table (what ``gis-app sample`` writes); it opens via migration. A version newer
  than :data:`SCHEMA_VERSION` is refused with a clear message: opening it and saving again
  would silently drop what the newer version stored.
* Changed sources are not an error on open: :func:`changed_sources` tells the UI which
  source files changed or went missing so it can say so.
* Layers and tables the app does not own (a colleague's notes layer added in QGIS, QGIS's
  ``layer_styles``, a plain SQLite table) are copied from the file the project was opened
  from into the new file before it replaces the old one: a save never drops someone
  else's work. If one cannot be copied the save fails and the old file stays.
* A project is never saved over one of its own sources (the footprints or risk table it
  was made from); :mod:`gis_app.core.io.outputs` decides what counts as the same file.
* Metadata is checked before use (:mod:`gis_app.core.io.projectmeta`): values too large or
  nested too deep are refused like damaged JSON; settings, scenarios, column types and
  renames that cannot be used are left out and named in ``Project.load_warnings``, and
  the project opens with its buildings and the defaults. Text in a canonical number
  column (an LPR of "hoog") is read as unknown, with a warning.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as _dt
import gc
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from geopandas.array import from_shapely
from pandas.api.types import infer_dtype

from gis_app import __version__
from gis_app.core.errors import GisAppError, ProjectError
from gis_app.core.i18n import t
from gis_app.core.io import arrow_io
from gis_app.core.io.atomic import (
    atomic_path,
    describe_os_error,
    gdal_source,
    remove_stale_temp_files,
)
from gis_app.core.io.outputs import check_outputs, protected_files
from gis_app.core.io.projectmeta import (
    MetaProblem,
    checked_commitments,
    checked_layer_maps,
    checked_renames,
    checked_scenarios,
    checked_settings,
    checked_sources,
    parse_value,
)
from gis_app.core.progress import Cancelled, ProgressCallback, no_progress
from gis_app.core.project import Project, SourceRecord, empty_clusters
from gis_app.core.qgis.writers import style_project_file
from gis_app.core.schema import (
    BUILDING_COLUMNS,
    CLUSTER_COLUMNS,
    WORKING_CRS,
    WORKING_EPSG,
    ensure_address_columns,
    ensure_building_columns,
    ensure_cluster_columns,
)

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
FORMAT_NAME = "gis_app-project"
BUILDINGS_LAYER = "buildings"
CLUSTERS_LAYER = "clusters"
PACKAGES_LAYER = "packages"
ADDRESSES_LAYER = "adressen"  # one row per address (schema.ADDRESS_COLUMNS), no geometry
META_TABLE = "gis_app_meta"
PROJECT_SUFFIX = ".gpkg"
SQLITE_HEADER = b"SQLite format 3\x00"
_HASH_CHUNK = 1 << 20
#: Side files that belong to a Shapefile's content (hashed together with the .shp).
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


# --- source files -------------------------------------------------------------------------


#: Sources larger than this are not hashed on reopen (reported as not checked): reading
#: them would hold up opening the project. BAG footprints of a whole province stay far below.
MAX_SOURCE_HASH_BYTES = 2 << 30
#: Time budget for checking all sources of a project on reopen (seconds); a slow disk or
#: network share gives "not checked" for what is left instead of a window that waits.
SOURCE_CHECK_SECONDS = 10.0


class SourceUnavailable(OSError):
    """A source that cannot be checked: not a regular file, too big, or too slow to read."""


def _source_parts(path: Path) -> list[Path]:
    if path.suffix.lower() != ".shp":
        return [path]
    parts = []
    for suffix in _SHAPEFILE_PARTS:
        for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
            if candidate.exists():
                parts.append(candidate)
                break
    return parts


def content_sha256(
    path: str | Path, *, max_bytes: int | None = None, deadline: float | None = None
) -> str:
    """SHA-256 of a source file's content (for a Shapefile: .shp + .shx + .dbf + .prj + .cpg).

    Only regular files are read: a device (``/dev/zero``), pipe or folder raises
    :class:`SourceUnavailable` without being opened, as does content larger than
    ``max_bytes`` or a read still running at ``deadline`` (``time.monotonic()``).
    """
    parts = _source_parts(Path(path))
    sizes = []
    for part in parts:
        info = os.stat(part)  # follows links: a link to a device is a device
        if not stat.S_ISREG(info.st_mode):
            raise SourceUnavailable(t("{part}: geen gewoon bestand", part=part))
        sizes.append(info.st_size)
    if max_bytes is not None and sum(sizes) > max_bytes:
        raise SourceUnavailable(t("{path}: te groot om te controleren", path=path))
    digest = hashlib.sha256()
    for part in parts:
        with open(part, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
                if deadline is not None and time.monotonic() > deadline:
                    raise SourceUnavailable(t("{path}: controle duurde te lang", path=path))
    return digest.hexdigest()


def source_record(path: str | Path, role: str, layer: str = "") -> SourceRecord:
    """A :class:`SourceRecord` for a file just read (absolute path and content hash)."""
    path = Path(path).resolve()
    return SourceRecord(path=str(path), sha256=content_sha256(path), role=role, layer=layer)


@dataclass
class SourceStatus:
    """The state of one recorded source on reopen: ``changed``, ``missing`` or
    ``unavailable`` (present but not checked: not a regular file, too big or too slow)."""

    record: SourceRecord
    status: str
    found_at: Path | None = None

    def describe(self) -> str:
        """Dutch, one phrase: ``"panden.gpkg (footprints): niet gevonden"``."""
        name = Path(self.record.path).name or self.record.path
        what = {
            "missing": t("niet gevonden"),
            "changed": t("gewijzigd sinds het project is gemaakt"),
        }.get(self.status, t("niet te controleren (geen gewoon bestand, te groot of te traag)"))
        return f"{name} ({self.record.role}): {what}"


def _resolve_source(record: SourceRecord, project_dir: Path | None, relative: str) -> Path | None:
    """Where the source is now: the first regular file among the candidates, else the
    first other non-folder (a device or pipe, reported as unavailable), else ``None``."""
    candidates = [Path(record.path)]
    if project_dir is not None:
        if relative:
            candidates.append(project_dir / relative)
        candidates.append(project_dir / Path(record.path).name)
    irregular = None
    for candidate in candidates:
        try:
            mode = os.stat(candidate).st_mode
        except (OSError, ValueError):  # ValueError: a NUL byte in a damaged path
            continue
        if stat.S_ISREG(mode):
            return candidate
        if irregular is None and not stat.S_ISDIR(mode):
            irregular = candidate
    return irregular


def changed_sources(
    project: Project,
    *,
    max_bytes: int = MAX_SOURCE_HASH_BYTES,
    seconds: float = SOURCE_CHECK_SECONDS,
) -> list[SourceStatus]:
    """Which recorded sources changed, are missing or cannot be checked (``ok`` ones are
    left out).

    A source is looked for at its recorded path, then relative to the project file, then
    by name next to the project file (a project folder copied to another machine). Only
    regular files up to ``max_bytes`` are read, all together within ``seconds``; anything
    else is ``unavailable`` and never read, so a source path such as ``/dev/zero`` or a
    huge file cannot hold up opening the project.
    """
    project_dir = Path(project.path).parent if project.path else None
    relatives = getattr(project, "_source_relatives", {})
    deadline = time.monotonic() + seconds
    result = []
    for record in project.sources:
        found = _resolve_source(record, project_dir, relatives.get(record.path, ""))
        if found is None:
            result.append(SourceStatus(record, "missing"))
            continue
        try:
            digest = content_sha256(found, max_bytes=max_bytes, deadline=deadline)
        except SourceUnavailable:
            result.append(SourceStatus(record, "unavailable", found))
            continue
        except OSError:
            result.append(SourceStatus(record, "missing", found))
            continue
        if digest != record.sha256:
            result.append(SourceStatus(record, "changed", found))
    return result


# --- JSON ---------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, pd.Timedelta):
        return value.isoformat()
    if isinstance(value, (Path, set, frozenset, tuple)):
        return str(value) if isinstance(value, Path) else list(value)
    if value is pd.NA or value is pd.NaT:
        return None
    raise TypeError(type(value).__name__)


def _to_json(key: str, value: Any) -> str:
    try:
        return json.dumps(value, default=_json_default, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError) as error:
        raise ProjectError(
            t(
                "de projectgegevens '{key}' bevatten een waarde die niet als gegevens "
                "kan worden opgeslagen ({error})",
                key=key,
                error=error,
            )
        ) from error


def _from_json(path: Path, key: str, text: Any, default: Any) -> Any:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return default
    try:
        return parse_value(key[:60], str(text))  # size and depth limits before parsing
    except MetaProblem as problem:
        raise ProjectError(
            t("het projectbestand is beschadigd ({message})", message=problem.message), path=path
        ) from problem


# --- writing ------------------------------------------------------------------------------


def _safe_columns(frame: pd.DataFrame, geometry_name: str | None) -> dict[str, str]:
    """New name -> original name for columns a GeoPackage cannot hold as they are."""
    taken: set[str] = {"fid", "geom"}
    renames: dict[str, str] = {}
    for column in frame.columns:
        if column == geometry_name:
            continue
        name = str(column)
        candidate = name
        counter = 1
        while candidate.lower() in taken:
            counter += 1
            candidate = f"{name}_{counter}"
        taken.add(candidate.lower())
        if candidate != column:
            renames[candidate] = column
    return renames


def _storable(frame: pd.DataFrame, geometry_name: str | None) -> pd.DataFrame:
    """A copy of ``frame`` whose columns GeoPackage can store (see module docstring)."""
    out = frame.copy(deep=False)
    for column in out.columns:
        if column == geometry_name:
            continue
        series = out[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
            out[column] = series
        if isinstance(series.dtype, pd.DatetimeTZDtype):  # GeoPackage stores UTC
            out[column] = series.dt.tz_convert("UTC")
            continue
        if pd.api.types.is_timedelta64_dtype(series.dtype):  # durations: days as a number
            out[column] = series.dt.total_seconds() / 86400.0
            continue
        if series.dtype.kind == "c" or isinstance(series.dtype, (pd.PeriodDtype, pd.IntervalDtype)):
            out[column] = series.astype(str).where(series.notna(), None)
            continue
        if series.dtype != object:
            continue
        kind = infer_dtype(series, skipna=True)
        if kind in ("string", "empty", "datetime", "datetime64", "date", "bytes"):
            continue
        if kind in ("integer", "floating", "mixed-integer-float", "decimal"):
            out[column] = pd.to_numeric(series, errors="coerce")
        elif kind == "boolean":
            out[column] = series.astype("boolean")
        else:
            out[column] = series.map(
                lambda v: (
                    None
                    if v is None or (isinstance(v, float) and math.isnan(v))
                    else (v if isinstance(v, str) else json.dumps(v, default=str))
                )
            )
    return out


def _special_dtypes(frame: pd.DataFrame) -> dict[str, str]:
    """Column -> dtype for the columns GeoPackage gives back as another type.

    Recorded on save and applied on open (:func:`_restore_dtypes`), so nullable
    integers, categories, small integers and durations come back as they were.
    """
    kinds = {}
    for column in frame.columns:
        dtype = frame[column].dtype
        text = str(dtype)
        if text in ("object", "str", "string", "geometry", "float64", "int64", "bool"):
            continue
        kinds[str(column)] = text
    return kinds


def _restore_dtypes(frame: pd.DataFrame, recorded: Any) -> pd.DataFrame:
    if not isinstance(recorded, dict):
        return frame
    geometry = frame._geometry_column_name if isinstance(frame, gpd.GeoDataFrame) else None
    for column, dtype in recorded.items():
        if column not in frame.columns or column == geometry or not isinstance(dtype, str):
            continue
        if str(frame[column].dtype) == dtype:
            continue
        try:
            if dtype.startswith("timedelta64"):
                days = pd.to_numeric(frame[column], errors="coerce")
                frame[column] = pd.to_timedelta(days, unit="D").astype(dtype)
            else:
                frame[column] = frame[column].astype(dtype)
        except (TypeError, ValueError, OverflowError, KeyError, MemoryError):
            continue  # keep what the file holds rather than fail the open
    return frame


def _prepare_layer(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    spatial = isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame
    geometry_name = frame.geometry.name if spatial else None
    out = _storable(frame, geometry_name)
    if spatial:
        if out.crs is None:
            out = out.set_crs(WORKING_CRS, allow_override=True)
        elif out.crs.to_epsg() != WORKING_EPSG:
            out = out.to_crs(WORKING_CRS)
    renames = _safe_columns(out, geometry_name)
    if renames:
        out = out.rename(columns={old: new for new, old in renames.items()})
    out = out.reset_index(drop=True)
    return out, renames


def _write_layer(path: Path, frame: pd.DataFrame, layer: str) -> None:
    from gis_app.core.export.gpkg import gpkg_layer_options

    kwargs: dict[str, Any] = {"layer": layer, "driver": "GPKG"}
    # declared MultiPolygon, GeoPackage 1.2: what GDAL 3.6-era readers open without a warning
    kwargs.update(gpkg_layer_options(frame, first=not path.exists()))
    if path.exists():
        kwargs["append"] = False
    pyogrio.write_dataframe(frame, path, **kwargs)


def _meta_rows(
    project: Project, target: Path, counts: dict, renames: dict, orders: dict, dtypes: dict
) -> pd.DataFrame:
    sources = []
    for record in project.sources:
        relative = ""
        try:
            relative = str(Path(record.path).resolve().relative_to(target.parent.resolve()))
        except (ValueError, OSError):
            relative = ""
        sources.append(
            {
                "path": record.path,
                "sha256": record.sha256,
                "role": record.role,
                "layer": record.layer,
                "relative": relative,
            }
        )
    items = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "name": project.name,
        "settings": project.settings,
        "scenarios": project.scenarios,
        "commitments": project.commitments,
        "sources": sources,
        "layers": counts,
        "column_renames": renames,
        "column_order": orders,
        "column_dtypes": dtypes,
    }
    return pd.DataFrame(
        {"key": list(items), "value": [_to_json(k, v) for k, v in items.items()]},
        dtype=object,
    )


def _fast_sqlite_writes() -> Callable[[], None]:
    """Skip SQLite's per-transaction fsync while writing the temporary file.

    The whole file is fsync'ed once before it replaces the project, which gives the same
    durability for far fewer disk flushes. Returns a function restoring the old value.
    """
    old = pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS")
    pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "OFF"})
    return lambda: pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": old})


def write_project_file(
    project: Project, path: Path, progress: ProgressCallback = no_progress
) -> None:
    """Write the project to ``path`` directly (not atomically; use :func:`save_project`).

    ``progress(fraction, text)`` is called before each layer and may raise
    :class:`~gis_app.core.progress.Cancelled`."""
    layers: list[tuple[str, pd.DataFrame]] = [
        (BUILDINGS_LAYER, project.buildings),
        (CLUSTERS_LAYER, project.clusters if project.clusters is not None else empty_clusters()),
    ]
    counts: dict[str, int] = {}
    if project.packages is not None:
        packages = project.packages
        if not isinstance(packages, gpd.GeoDataFrame) and len(packages.columns) == 0:
            counts[PACKAGES_LAYER] = 0  # a table without columns: recorded, not written
        else:
            layers.append((PACKAGES_LAYER, packages))
    if project.addresses is not None and len(project.addresses):
        layers.append((ADDRESSES_LAYER, project.addresses))
    all_renames: dict[str, dict[str, str]] = {}
    orders: dict[str, list[str]] = {}
    dtypes: dict[str, dict[str, str]] = {}
    restore = _fast_sqlite_writes()
    try:
        for index, (name, frame) in enumerate(layers):
            progress(index / (len(layers) + 1), name)
            prepared, renames = _prepare_layer(frame)
            _write_layer(path, prepared, name)
            counts[name] = len(prepared)
            orders[name] = [str(c) for c in frame.columns]
            special = _special_dtypes(frame)
            if special:
                dtypes[name] = special
            if renames:
                all_renames[name] = renames
        progress(len(layers) / (len(layers) + 1), META_TABLE)
        meta = _meta_rows(project, path, counts, all_renames, orders, dtypes)
        pyogrio.write_dataframe(meta, path, layer=META_TABLE, driver="GPKG", append=False)
    finally:
        restore()


#: Layers and tables gis_app writes itself; every other one in a project file belongs to
#: someone else (a QGIS user's notes, QGIS's ``layer_styles``) and is carried through.
OWN_LAYERS = (BUILDINGS_LAYER, CLUSTERS_LAYER, PACKAGES_LAYER, ADDRESSES_LAYER, META_TABLE)
_SYSTEM_TABLE_PREFIXES = ("gpkg_", "gpkgext_", "rtree_", "sqlite_")


def _not_owned(layers: dict[str, str | None]) -> dict[str, str | None]:
    """The layers (name -> geometry type, ``None`` for a table) gis_app does not own."""
    own = {name.lower() for name in OWN_LAYERS}
    return {name: kind for name, kind in layers.items() if name.lower() not in own}


def _unregistered_tables(connection: sqlite3.Connection, schema: str) -> list[tuple[str, str]]:
    """Plain SQLite tables GDAL does not list (not in gpkg_contents): (name, CREATE sql)."""
    rows = connection.execute(
        f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table'"
    ).fetchall()
    try:
        registered = {
            str(r[0]).lower()
            for r in connection.execute(f"SELECT table_name FROM {schema}.gpkg_contents")
        }
    except sqlite3.Error:
        registered = set()
    own = {name.lower() for name in OWN_LAYERS}
    return [
        (str(name), str(sql))
        for name, sql in rows
        if sql
        and not str(name).lower().startswith(_SYSTEM_TABLE_PREFIXES)
        and str(name).lower() not in registered
        and str(name).lower() not in own
    ]


_SQL_TYPE = re.compile(r"^[A-Za-z0-9_ (),]{0,60}$")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_plain_table(connection: sqlite3.Connection, name: str) -> None:
    """Copy table ``name`` of the attached ``old`` database into ``main``: columns, their
    declared types and rows. The file's own CREATE statement is not run (its constraints,
    defaults and generated columns would be the file's code, evaluated on insert)."""
    columns = [
        (str(row[1]), str(row[2] or ""))
        for row in connection.execute(f"PRAGMA old.table_xinfo({_quote(name)})")
        if row[6] == 0  # hidden 0: an ordinary column (not generated, not virtual-table)
    ]
    if not columns:
        return
    definitions = ", ".join(
        _quote(column) + (f" {kind}" if kind and _SQL_TYPE.match(kind) else "")
        for column, kind in columns
    )
    names = ", ".join(_quote(column) for column, _kind in columns)
    connection.execute(f"CREATE TABLE main.{_quote(name)} ({definitions})")
    connection.execute(
        f"INSERT INTO main.{_quote(name)} ({names}) SELECT {names} FROM old.{_quote(name)}"
    )


def _carry_foreign_layers(source: Path, target: Path) -> None:
    """Copy the layers and tables of ``source`` that gis_app does not own into ``target``.

    A colleague's layer added in QGIS must survive a save by gis_app. When one cannot be
    copied the save fails (the old file stays as it was) instead of dropping it silently.
    """
    try:
        layers = _list_layers(source) if source.is_file() else {}
    except (GisAppError, OSError, ValueError):
        return
    if BUILDINGS_LAYER not in layers:
        return  # gone, or not a project: nothing of anyone else's to keep
    foreign = _not_owned(layers) if source.suffix.lower() == PROJECT_SUFFIX else {}
    for name, kind in foreign.items():
        try:
            frame = pyogrio.read_dataframe(
                gdal_source(source), layer=name, read_geometry=kind is not None
            )
            kwargs: dict[str, Any] = {}
            if isinstance(frame, gpd.GeoDataFrame):
                kwargs["promote_to_multi"] = False
                if len(frame) == 0:
                    kwargs["geometry_type"] = "Unknown"
            pyogrio.write_dataframe(
                frame, target, layer=name, driver="GPKG", append=False, **kwargs
            )
        except Exception as error:  # GDAL errors (pyogrio.errors.*) and odd content
            raise ProjectError(
                t(
                    "laag '{name}' (niet van gis_app) kon niet worden meegenomen "
                    "({gdal_reason}); het bestand is niet gewijzigd",
                    name=name,
                    gdal_reason=_gdal_reason(error),
                )
            ) from error
    try:
        with contextlib.closing(sqlite3.connect(target.resolve().as_uri(), uri=True)) as connection:
            connection.execute(
                "ATTACH DATABASE ? AS old", (source.resolve().as_uri() + "?mode=ro",)
            )
            for name, sql in _unregistered_tables(connection, "old"):
                if sql.lstrip().upper().startswith("CREATE VIRTUAL"):
                    continue  # an index of some other tool (needs its module), not data
                if connection.execute(
                    "SELECT 1 FROM main.sqlite_master WHERE lower(name) = lower(?)", (name,)
                ).fetchone():
                    continue
                _copy_plain_table(connection, name)
            connection.commit()
            connection.execute("DETACH DATABASE old")
    except sqlite3.Error as error:
        raise ProjectError(
            t(
                "tabellen die niet van gis_app zijn konden niet worden meegenomen "
                "({error}); het bestand is niet gewijzigd",
                error=error,
            )
        ) from error


def save_project(
    project: Project, path: str | Path, *, progress: ProgressCallback = no_progress
) -> Path:
    """Save ``project`` to ``path`` atomically; returns the path written.

    ``progress`` (:mod:`gis_app.core.progress`) is called between layers; when it raises
    ``Cancelled`` the temporary file is removed and the existing file stays as it was.

    A path without extension gets ``.gpkg``; any other extension is refused. Raises
    :class:`ProjectError` (with a Dutch reason: full disk, no permission, ...) and leaves
    an existing file at ``path`` untouched when anything goes wrong.
    """
    path = Path(path)
    if path.suffix == "":
        path = path.with_suffix(PROJECT_SUFFIX)
    if path.suffix.lower() != PROJECT_SUFFIX:
        raise ProjectError(t("een project wordt opgeslagen als GeoPackage (.gpkg)"), path=path)
    # a project saved over the footprints or the risk table it was made from loses them
    check_outputs(
        [path], protected_files(None, [r.path for r in project.sources]), what=t("opslaan")
    )
    carry_from = Path(project.path) if project.path is not None else None
    remove_stale_temp_files(path)
    try:
        with atomic_path(path) as temp:
            write_project_file(project, temp, progress)
            if carry_from is not None:
                _carry_foreign_layers(carry_from, temp)
            style_project_file(temp, project)  # QGIS opens the layers as the map shows them
    except Cancelled:
        raise
    except GisAppError as error:
        if error.path is not None:
            raise
        raise ProjectError(error.message, path=path) from error
    except OSError as error:
        raise ProjectError(
            t(
                "opslaan mislukt: {reason}; het project staat nog open en kan elders "
                "worden opgeslagen",
                reason=describe_os_error(error),
            ),
            path=path,
        ) from error
    except Exception as error:  # GDAL errors (pyogrio.errors.*) and unexpected data
        reason = _gdal_reason(error)
        raise ProjectError(
            t(
                "opslaan mislukt ({reason}); het project staat nog open en kan elders "
                "worden opgeslagen",
                reason=reason,
            ),
            path=path,
        ) from error
    return path


def _gdal_reason(error: BaseException) -> str:
    text = str(error).lower()
    if "no space" in text or "disk full" in text or "database or disk is full" in text:
        return t("de schijf is vol")
    if "permission" in text or "read-only" in text or "readonly" in text:
        return t("geen schrijfrechten")
    if "locked" in text:
        return t("het bestand is in gebruik")
    return type(error).__name__


# --- reading ------------------------------------------------------------------------------


@dataclass
class ProjectInfo:
    """What a file is, read without loading its layers."""

    path: Path
    schema_version: int
    layers: dict[str, str | None]  # layer name -> geometry type (None for tables)
    meta: dict[str, Any] = field(default_factory=dict)
    app_version: str = ""
    saved_at: str = ""

    @property
    def is_project(self) -> bool:
        return self.schema_version > 0 or BUILDINGS_LAYER in self.layers


def _check_container(path: Path) -> None:
    if not path.exists():
        raise ProjectError(t("het bestand bestaat niet (meer)"), path=path)
    if path.is_dir():
        raise ProjectError(t("dit is een map, geen projectbestand"), path=path)
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ProjectError(
            t("openen mislukt: {reason}", reason=describe_os_error(error)), path=path
        ) from error
    if len(header) == 0:
        raise ProjectError(t("het bestand is leeg"), path=path)
    if header != SQLITE_HEADER:
        raise ProjectError(t("dit is geen GeoPackage (geen gis_app-project)"), path=path)


def _list_layers(path: Path) -> dict[str, str | None]:
    try:
        layers = pyogrio.list_layers(gdal_source(path))
    except Exception as error:
        raise ProjectError(
            t("het projectbestand is beschadigd of geen geldige GeoPackage"), path=path
        ) from error
    return {str(name): (None if kind is None else str(kind)) for name, kind in layers}


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        frame = pyogrio.read_dataframe(gdal_source(path), layer=META_TABLE, read_geometry=False)
    except Exception as error:
        raise ProjectError(
            t("het projectbestand is beschadigd (projectgegevens onleesbaar)"), path=path
        ) from error
    if "key" not in frame.columns or "value" not in frame.columns:
        raise ProjectError(t("het projectbestand is beschadigd (projectgegevens)"), path=path)
    meta: dict[str, Any] = {}
    for key, value in zip(frame["key"], frame["value"], strict=True):
        meta[str(key)] = _from_json(path, str(key), value, None)
    return meta


def geopackage_layers(path: str | Path) -> dict[str, str | None]:
    """Layer name -> geometry type (``None`` for tables) of a GeoPackage; ProjectError if unreadable."""
    path = Path(path)
    _check_container(path)
    return _list_layers(path)


#: The last files read by :func:`read_project_info`: (path, inode, mtime_ns, size) -> info.
_INFO_CACHE: dict[tuple[str, int, int, int], ProjectInfo] = {}
_INFO_CACHE_SIZE = 8
#: A file's answer is remembered only when it was last modified this long ago (seconds).
_SETTLED_S = 2.0


def read_project_info(path: str | Path) -> ProjectInfo:
    """Schema version, layers and metadata of a GeoPackage, without reading its layers.

    The answer for a file unchanged since it was last asked (same file, modification
    time to the nanosecond and size) is remembered: opening a project asks on the reading
    thread, and the window asks again on the UI thread when it shows the project, where
    opening the GeoPackage took 10 ms while the map wanted to draw. Only files last
    modified :data:`_SETTLED_S` or more before are remembered: file times tick in steps of
    a few milliseconds, so a file written again within the same step would keep its time,
    but not one whose time lies seconds back. Each caller gets a copy."""
    path = Path(path)
    try:
        status = path.stat()
        key = (str(path.resolve()), status.st_ino, status.st_mtime_ns, status.st_size)
        settled = time.time() - status.st_mtime_ns / 1e9 >= _SETTLED_S
    except OSError:
        key, settled = None, False
    known = _INFO_CACHE.get(key) if key is not None else None
    if known is not None:
        return _info_copy(known, path)
    info = _read_project_info(path)
    if key is not None and settled:
        if len(_INFO_CACHE) >= _INFO_CACHE_SIZE:
            _INFO_CACHE.pop(next(iter(_INFO_CACHE)), None)
        _INFO_CACHE[key] = _info_copy(info, path)
    return info


def _info_copy(info: ProjectInfo, path: Path) -> ProjectInfo:
    """``info`` for ``path`` with layers and metadata of its own (callers may change them)."""
    return dataclasses.replace(
        info, path=path, layers=dict(info.layers), meta=copy.deepcopy(info.meta)
    )


def _read_project_info(path: Path) -> ProjectInfo:
    _check_container(path)
    layers = _list_layers(path)
    if META_TABLE not in layers:
        return ProjectInfo(path=path, schema_version=0, layers=layers)
    meta = _read_meta(path)
    if meta.get("format") != FORMAT_NAME:
        raise ProjectError(t("de projectgegevens horen niet bij gis_app"), path=path)
    version = meta.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ProjectError(t("het projectbestand heeft een ongeldige schemaversie"), path=path)
    return ProjectInfo(
        path=path,
        schema_version=version,
        layers=layers,
        meta=meta,
        app_version=str(meta.get("app_version", "")),
        saved_at=str(meta.get("saved_at", "")),
    )


def is_project_file(path: str | Path) -> bool:
    """True for a gis_app project or a plain GeoPackage with a canonical ``buildings`` layer."""
    path = Path(path)
    if path.suffix.lower() != PROJECT_SUFFIX:
        return False
    try:
        info = read_project_info(path)
    except GisAppError:
        return False
    if info.schema_version > 0:
        return True
    if BUILDINGS_LAYER not in info.layers:
        return False
    try:
        fields = pyogrio.read_info(gdal_source(path), layer=BUILDINGS_LAYER)["fields"]
    except Exception:
        return False
    return "building_id" in [str(f) for f in fields]


def _read_layer(path: Path, layer: str, spatial: bool, beside_window: bool = False) -> pd.DataFrame:
    """One layer as ``pyogrio.read_dataframe`` gives it (same columns, dtypes and values).

    Read through GDAL's Arrow stream (:mod:`gis_app.core.io.arrow_io`, the path imports
    take): at 300,000 buildings it is several times faster than the feature-by-feature
    ``pyogrio.raw.read`` behind ``read_dataframe``. Layers the fast path does not convert
    the way ``read_dataframe`` does (date-times, JSON text, no rows) and any failure of
    the stream are read the classic way, which also words the error for a damaged file.
    Either way the single-part MultiPolygons a save wrote come back as Polygons.
    """
    frame = None
    if arrow_io.available():
        frame = _read_layer_arrow(path, layer, spatial, beside_window)
    if frame is None:
        frame = _read_layer_classic(path, layer, spatial)
    return frame.reset_index(drop=True)


def _read_layer_classic(path: Path, layer: str, spatial: bool) -> pd.DataFrame:
    from gis_app.core.export.gpkg import single_parts_as_polygons

    try:
        if spatial:
            frame = pyogrio.read_dataframe(gdal_source(path), layer=layer)
            if isinstance(frame, gpd.GeoDataFrame):
                frame = single_parts_as_polygons(frame)
            return frame
        return pyogrio.read_dataframe(gdal_source(path), layer=layer, read_geometry=False)
    except Exception as error:
        raise ProjectError(
            t("het projectbestand is beschadigd (laag '{layer}' onleesbaar)", layer=layer),
            path=path,
        ) from error


def _read_layer_arrow(
    path: Path, layer: str, spatial: bool, beside_window: bool = False
) -> pd.DataFrame | None:
    """The Arrow-stream read of :func:`_read_layer`, or ``None`` where it does not apply
    (``beside_window``: see :func:`load_project`)."""
    import shapely

    from gis_app.core.export.gpkg import single_part_polygons

    def polygons_of(wkb: np.ndarray) -> np.ndarray:
        # the single-part MultiPolygons a save wrote are made Polygons batch by batch (see
        # single_part_polygons), not the whole layer at once as the classic read does
        return single_part_polygons(shapely.from_wkb(wkb))

    decoded = []
    # geometries are decoded in a thread while this one converts the text columns; beside
    # a window (small batches) in this thread: a third thread wanting the GIL would make
    # the UI thread wait longer for it, each decode holding it for a whole batch
    batch_rows = BESIDE_WINDOW_ROWS if beside_window else arrow_io.BATCH_ROWS
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="wkb") as pool:

        def decode(wkb: np.ndarray) -> None:
            if spatial:
                geometries = polygons_of(wkb) if beside_window else pool.submit(polygons_of, wkb)
                decoded.append(geometries)

        try:
            data = arrow_io.read_layer(
                gdal_source(path), layer, on_wkb_batch=decode, batch_size=batch_rows
            )
            geometries = [item if beside_window else item.result() for item in decoded]
        except Exception as error:  # noqa: BLE001 - the classic read reports or succeeds
            _log.info("Arrow read of layer %s of %s failed (%s)", layer, path, error)
            return None
    meta = data.meta
    kinds = [str(kind) for kind in meta.get("dtypes", [])]
    subtypes = [str(kind) for kind in meta.get("ogr_subtypes", [])]
    if (
        any(kind.startswith("datetime") for kind in kinds)  # parsed from text, with zones
        or "OFSTJSON" in subtypes  # parsed into Python values
        or list(map(str, meta.get("fields", []))) != data.names
    ):
        return None
    n_rows = sum(len(batch) for batch in data.wkb_batches)
    if data.columns:
        n_rows = len(data.columns[0])
    if n_rows == 0:
        return None  # an empty layer's column types come from its definition: classic read
    # built as read_dataframe builds it, so pandas infers the same dtypes
    columns = dict(zip(data.names, data.columns, strict=True))
    if not spatial or meta.get("geometry_type") is None:
        return pd.DataFrame(columns, columns=data.names)
    geometry = geometries[0] if len(geometries) == 1 else np.concatenate(geometries)
    if len(geometry) != n_rows:
        return None
    if "geometry" in columns:  # an attribute of that name: read_dataframe's way around it
        frame = pd.DataFrame(columns, columns=data.names)
        return gpd.GeoDataFrame(frame, geometry=geometry, crs=meta.get("crs"))
    # the geometry is one of the columns the frame is made from: adding it to a made frame
    # (what GeoDataFrame(frame, geometry=...) does) copies the frame's blocks in one call
    # that keeps the GIL for 40 ms at 300,000 rows, and a window waits that long to draw
    columns["geometry"] = from_shapely(geometry, crs=meta.get("crs"))
    return gpd.GeoDataFrame(columns, columns=[*data.names, "geometry"], geometry="geometry")


@dataclass
class _Loaded:
    """The raw content of a file while it is being migrated to the current schema."""

    path: Path
    version: int
    meta: dict[str, Any]
    buildings: pd.DataFrame
    clusters: pd.DataFrame | None
    packages: pd.DataFrame | None


def _to_working_crs(frame: gpd.GeoDataFrame, path: Path, layer: str) -> gpd.GeoDataFrame:
    if frame.crs is None:
        raise ProjectError(
            t(
                "laag '{layer}' heeft geen coördinatenstelsel; verwacht RD New (EPSG:28992)",
                layer=layer,
            ),
            path=path,
        )
    if frame.crs.to_epsg() != WORKING_EPSG:
        frame = frame.to_crs(WORKING_CRS)
    return frame


def _migrate_0_to_1(loaded: _Loaded) -> None:
    """Plain canonical GeoPackage -> project: canonical columns, RD New, empty settings."""
    loaded.buildings = _to_working_crs(loaded.buildings, loaded.path, BUILDINGS_LAYER)
    if loaded.clusters is not None and isinstance(loaded.clusters, gpd.GeoDataFrame):
        loaded.clusters = _to_working_crs(loaded.clusters, loaded.path, CLUSTERS_LAYER)
    loaded.meta.setdefault("settings", {})
    loaded.meta.setdefault("scenarios", [])
    loaded.meta.setdefault("sources", [])
    loaded.meta.setdefault("layers", {})
    loaded.meta.setdefault("column_renames", {})
    loaded.meta.setdefault("column_order", {})


#: ``version -> function`` bringing a loaded file from that version to the next.
MIGRATIONS: dict[int, Callable[[_Loaded], None]] = {0: _migrate_0_to_1}


def _migrate(loaded: _Loaded) -> None:
    while loaded.version < SCHEMA_VERSION:
        step = MIGRATIONS.get(loaded.version)
        if step is None:  # pragma: no cover - a gap in MIGRATIONS is a programming error
            raise ProjectError(
                t("schemaversie {version} kan niet worden bijgewerkt", version=loaded.version),
                path=loaded.path,
            )
        step(loaded)
        loaded.version += 1


def _restore_names(
    frame: pd.DataFrame, renames: Any, order: Any, layer: str, warnings: list[str]
) -> pd.DataFrame:
    """Undo the renames of :func:`_safe_columns` and restore the saved column order."""
    if isinstance(renames, dict) and renames:
        columns = [str(c) for c in frame.columns]
        mapping = checked_renames(columns, renames, layer, warnings)
        frame = frame.rename(columns=mapping)
    columns = list(map(str, frame.columns))
    if (
        isinstance(order, list)
        and len(order) == len(columns)
        and set(order) == set(columns)
        and len(set(columns)) == len(columns)
    ):
        frame = frame[order]
    return frame


#: Plausible range of canonical number columns; values outside (or infinite) are read as
#: unknown: an LPR of 1e400 would make the risk exposure infinite.
NUMBER_RANGES: dict[str, tuple[float, float]] = {
    "lpr": (0.0, 1.0),
    "addresses": (0.0, 100_000.0),
    "residents": (0.0, 1_000_000.0),
    "approach_share": (0.0, 1.0),
    "lock_position": (0.0, 10_000_000.0),
}


def _clean_number_columns(
    frame: pd.DataFrame, dtypes: dict[str, str], layer: str, warnings: list[str]
) -> None:
    """Canonical number columns holding text or absurd values (edited elsewhere, e.g. an
    LPR of "hoog" or 1e400) are read as unknown, with a warning: the schema would turn
    text into unknown silently, and the planner must not compute with infinity."""
    for column, dtype in dtypes.items():
        if dtype in ("object", "bool") or column not in frame.columns:
            continue
        values = frame[column]
        numbers = pd.to_numeric(values, errors="coerce")
        if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            text = values.astype(str).str.strip()
            unreadable = int((values.notna() & (text != "") & numbers.isna()).sum())
            if unreadable:
                warnings.append(
                    t(
                        "laag '{layer}', kolom '{column}': {unreadable} waarden zijn geen "
                        "getal en zijn als onbekend gelezen",
                        layer=layer,
                        column=column,
                        unreadable=unreadable,
                    )
                )
        low, high = NUMBER_RANGES.get(column, (-math.inf, math.inf))
        outside = numbers.notna() & ~((numbers >= low) & (numbers <= high))
        count = int(outside.sum())
        if count:
            frame[column] = numbers.astype(float).where(~outside)
            warnings.append(
                t(
                    "laag '{layer}', kolom '{column}': {count} waarden buiten {low:g} tot "
                    "{high:g} zijn als onbekend gelezen",
                    layer=layer,
                    column=column,
                    count=count,
                    low=low,
                    high=high,
                )
            )


def _sources_from_meta(
    path: Path, items: Any, warnings: list[str]
) -> tuple[list[SourceRecord], dict[str, str]]:
    records: list[SourceRecord] = []
    relatives: dict[str, str] = {}
    for item in checked_sources(items, warnings):
        if not isinstance(item, dict) or "path" not in item:
            continue
        record = SourceRecord(
            path=str(item.get("path", "")),
            sha256=str(item.get("sha256", "")),
            role=str(item.get("role", "")),
            layer=str(item.get("layer", "")),
        )
        records.append(record)
        if item.get("relative"):
            relatives[record.path] = str(item["relative"])
    return records, relatives


def load_project(path: str | Path, *, beside_window: bool = False) -> Project:
    """Open a project file (or a plain canonical GeoPackage, schema version 0).

    ``beside_window``: the read runs on a worker thread while a window is answering pan
    and zoom; it then reads in batches of :data:`BESIDE_WINDOW_ROWS` rows, so that no
    single step of it keeps Python's GIL (and the window waiting) for long.

    Raises :class:`ProjectError` with a clear Dutch message for anything that is not a
    readable project: missing, empty, not a GeoPackage, damaged, missing layers, a newer
    schema version, rows lost.
    """
    # millions of new text values, none of them in a reference cycle: the cyclic garbage
    # collector would walk them again and again while they are made (about 12 % of the read)
    with _collector_paused():
        return _load_project(Path(path), beside_window)


#: Rows per Arrow batch of a read beside a window: GDAL fills one in a few ms, and each
#: batch's WKB becomes shapely objects in about 8 ms (both keep the GIL meanwhile).
BESIDE_WINDOW_ROWS = 8_192


@contextlib.contextmanager
def _collector_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_project(path: Path, beside_window: bool) -> Project:
    path = Path(path)
    info = read_project_info(path)
    if info.schema_version > SCHEMA_VERSION:
        raise ProjectError(
            t(
                "dit project is gemaakt met een nieuwere versie van gis_app "
                "(schemaversie {schema_version}, deze versie kent t/m "
                "{SCHEMA_VERSION}{value}); werk gis_app bij om het te openen",
                schema_version=info.schema_version,
                SCHEMA_VERSION=SCHEMA_VERSION,
                value=", app " + info.app_version if info.app_version else "",
            ),
            path=path,
        )
    if BUILDINGS_LAYER not in info.layers:
        raise ProjectError(
            t(
                "geen gis_app-project: de laag '{BUILDINGS_LAYER}' ontbreekt",
                BUILDINGS_LAYER=BUILDINGS_LAYER,
            ),
            path=path,
        )
    if info.layers[BUILDINGS_LAYER] is None:
        raise ProjectError(
            t("de laag '{BUILDINGS_LAYER}' heeft geen geometrie", BUILDINGS_LAYER=BUILDINGS_LAYER),
            path=path,
        )
    if info.schema_version >= 1 and CLUSTERS_LAYER not in info.layers:
        raise ProjectError(
            t(
                "het projectbestand is onvolledig: de laag '{CLUSTERS_LAYER}' ontbreekt",
                CLUSTERS_LAYER=CLUSTERS_LAYER,
            ),
            path=path,
        )
    buildings = _read_layer(path, BUILDINGS_LAYER, spatial=True, beside_window=beside_window)
    clusters = None
    if CLUSTERS_LAYER in info.layers:
        clusters = _read_layer(
            path, CLUSTERS_LAYER, spatial=info.layers[CLUSTERS_LAYER] is not None
        )
    packages = None
    if PACKAGES_LAYER in info.layers:
        packages = _read_layer(
            path, PACKAGES_LAYER, spatial=info.layers[PACKAGES_LAYER] is not None
        )

    loaded = _Loaded(path, info.schema_version, dict(info.meta), buildings, clusters, packages)
    _migrate(loaded)
    meta = loaded.meta
    recorded = meta.get("layers")
    if loaded.packages is None and isinstance(recorded, dict) and PACKAGES_LAYER in recorded:
        loaded.packages = pd.DataFrame()  # saved as an empty table (or lost: counted below)

    counts = meta.get("layers") or {}
    for name, frame in (
        (BUILDINGS_LAYER, loaded.buildings),
        (CLUSTERS_LAYER, loaded.clusters),
        (PACKAGES_LAYER, loaded.packages),
    ):
        expected = counts.get(name) if isinstance(counts, dict) else None
        actual = 0 if frame is None else len(frame)
        if isinstance(expected, int) and expected != actual:
            raise ProjectError(
                t(
                    "het projectbestand is onvolledig: laag '{name}' heeft {actual} rijen, "
                    "opgeslagen waren er {expected}",
                    name=name,
                    actual=actual,
                    expected=expected,
                ),
                path=path,
            )

    warnings: list[str] = []
    try:
        renames, orders, dtypes = checked_layer_maps(meta, warnings)
        settings = checked_settings(meta.get("settings"), warnings)
        scenarios = checked_scenarios(meta.get("scenarios"), warnings)
        commitments = checked_commitments(meta.get("commitments"), warnings)
    except MetaProblem as problem:
        raise ProjectError(
            t("het projectbestand is beschadigd ({message})", message=problem.message), path=path
        ) from problem
    buildings = _restore_names(
        loaded.buildings,
        renames.get(BUILDINGS_LAYER),
        orders.get(BUILDINGS_LAYER),
        BUILDINGS_LAYER,
        warnings,
    )
    buildings = _restore_dtypes(buildings, dtypes.get(BUILDINGS_LAYER))
    if "building_id" not in buildings.columns:
        raise ProjectError(t("de laag 'buildings' heeft geen kolom 'building_id'"), path=path)
    buildings["building_id"] = buildings["building_id"].fillna("").astype(str).astype(object)
    _clean_number_columns(buildings, BUILDING_COLUMNS, BUILDINGS_LAYER, warnings)
    buildings = ensure_building_columns(buildings)

    if loaded.clusters is None:
        clusters = empty_clusters()
    else:
        clusters = _restore_names(
            loaded.clusters,
            renames.get(CLUSTERS_LAYER),
            orders.get(CLUSTERS_LAYER),
            CLUSTERS_LAYER,
            warnings,
        )
        clusters = _restore_dtypes(clusters, dtypes.get(CLUSTERS_LAYER))
        if not isinstance(clusters, gpd.GeoDataFrame):
            raise ProjectError(t("de laag 'clusters' heeft geen geometrie"), path=path)
        _clean_number_columns(clusters, CLUSTER_COLUMNS, CLUSTERS_LAYER, warnings)
        clusters = ensure_cluster_columns(clusters)
    packages = None
    if loaded.packages is not None:
        packages = _restore_names(
            loaded.packages,
            renames.get(PACKAGES_LAYER),
            orders.get(PACKAGES_LAYER),
            PACKAGES_LAYER,
            warnings,
        )
        packages = _restore_dtypes(packages, dtypes.get(PACKAGES_LAYER))

    sources, relatives = _sources_from_meta(path, meta.get("sources"), warnings)
    addresses = None
    if ADDRESSES_LAYER in info.layers:
        addresses = ensure_address_columns(_read_layer(path, ADDRESSES_LAYER, spatial=False))
    project = Project(
        buildings=buildings,
        clusters=clusters,
        packages=packages,
        addresses=addresses,
        settings=settings,
        scenarios=scenarios,
        commitments=commitments,
        sources=sources,
        path=path,
        name=path.stem,
        load_warnings=warnings,
    )
    if relatives:
        project._source_relatives = relatives  # type: ignore[attr-defined]
    return project
