"""Whole projects to and from the shared database: :func:`push` and :func:`pull`.

* :func:`push` writes a :class:`~gis_app.core.project.Project` under a name in ONE
  transaction: buildings and addresses by ``COPY``, clusters and packages by ``COPY`` into
  a temporary table and one ``INSERT ... SELECT`` (``COPY FROM`` does not work on tables
  with row-level security). Whatever fails or is cancelled -- including the process being
  killed -- leaves the database as it was.
* :func:`pull` reads it back into the same ``Project`` object
  :func:`gis_app.core.io.projectfile.load_project` returns: columns in their order and
  types, rows in their order, geometry exact (WKB both ways).

Rows travel as CSV (``NULL`` written as :data:`NULL`), which both sides parse in C. Columns a
source brought beyond the canonical ones go into ``extra`` (buildings: a JSON array in
the order recorded in ``projects.meta``; clusters: a JSON object); every column's pandas
type is recorded in ``projects.meta`` and restored on pull.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app import __version__
from gis_app.core.db.connection import DbError, connect, describe_error, safe_target
from gis_app.core.db.schema import check_schema
from gis_app.core.i18n import t
from gis_app.core.progress import ProgressCallback, no_progress
from gis_app.core.project import Project, SourceRecord, empty_clusters
from gis_app.core.schema import (
    ADDRESS_COLUMNS,
    BUILDING_COLUMNS,
    CLUSTER_COLUMNS,
    WORKING_CRS,
    WORKING_EPSG,
    ensure_address_columns,
    ensure_building_columns,
    ensure_cluster_columns,
)

#: Settings key where a pulled copy remembers its database project and row versions
#: (never pushed as a setting; never holds a connection or password).
TEAM_SETTING = "team"
#: How CSV rows mark a missing value. Not ``\N``: that is text a field may hold. A unit
#: separator never occurs in BAG or planning data; text containing it is refused.
NULL = "\x1fNULL\x1f"
#: Missing value in ``COPY``'s text format (what the pushes write).
TEXT_NULL = "\\N"
MAX_NAME_LENGTH = 200


# --- helpers ------------------------------------------------------------------------------


@contextlib.contextmanager
def session(target) -> Iterator[Any]:
    """An open connection: ``target`` itself when it is one, else a new one (closed after).

    New connections are in autocommit mode: every unit of work is an explicit
    ``conn.transaction()`` block, which commits as a whole or not at all. A connection
    passed in should be in autocommit mode too."""
    if isinstance(target, str):
        conn = connect(target, autocommit=True)
        try:
            yield conn
        finally:
            conn.close()
    else:
        yield target


def check_name(name: Any) -> str:
    """A project name as stored: any text without NUL, 1..200 characters (stripped)."""
    if not isinstance(name, str) or not name.strip():
        raise DbError(t("geen projectnaam opgegeven (--name)"))
    name = name.strip()
    if "\x00" in name:
        raise DbError(t("de projectnaam bevat een NUL-teken"))
    if len(name) > MAX_NAME_LENGTH:
        raise DbError(
            t("de projectnaam is te lang (hoogstens {limit} tekens)", limit=MAX_NAME_LENGTH)
        )
    return name


def project_id(conn, name: str) -> int:
    """The id of project ``name``; :class:`DbError` when the database has no such project."""
    row = conn.execute(
        "SELECT project_id FROM gis_app.projects WHERE name = %s", (name,)
    ).fetchone()
    if row is None:
        raise DbError(t("project '{name}' staat niet in de database", name=name))
    return int(row[0])


def json_value(value: Any) -> Any:
    """``value`` as plain JSON data: numpy scalars, dates and NaN (as ``None``) converted."""
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return [json_value(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, pd.Timedelta):
        return value.total_seconds() / 86400.0
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(json_value(value), ensure_ascii=False, allow_nan=False)


def _check_text(value: Any, what: str) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise DbError(t("{what} bevat een NUL-teken; de database kan dat niet bewaren", what=what))


def _column_values(series: pd.Series) -> list:
    """Plain Python values of a column, ``None`` for missing ones."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    values = series.astype(object).where(series.notna(), None).tolist()
    return [json_value(v) if not isinstance(v, (str, bool, int)) else v for v in values]


#: The SRID of RD New as it follows the type in extended WKB (little-endian uint32).
_SRID_HEX = WORKING_EPSG.to_bytes(4, "little").hex()


def _with_srid(wkb_hex: str) -> str:
    """Little-endian ISO/extended WKB (hex) -> EWKB with SRID 28992 (flag 0x20000000)."""
    return wkb_hex[:8] + format(int(wkb_hex[8:10], 16) | 0x20, "02x") + _SRID_HEX + wkb_hex[10:]


def _hex_wkb(geometry: Any) -> np.ndarray:
    """EWKB (hex, SRID 28992) of each geometry; ``None`` where missing. The SRID is spliced
    into the WKB text: asking shapely to set it first costs a copy of every geometry."""
    geoms = np.asarray(geometry, dtype=object)
    out = np.full(len(geoms), None, dtype=object)
    present = ~shapely.is_missing(geoms)
    if present.any():
        plain = shapely.to_wkb(geoms[present], hex=True, byte_order=1)
        out[present] = [_with_srid(h) for h in plain.tolist()]
    return out


def _from_hex(values: pd.Series) -> np.ndarray:
    """Geometries from WKB as hex text (``ST_AsBinary`` in ``COPY``: ``\\x0103...``)."""
    text = values.to_numpy(dtype=object)
    out = np.full(len(text), None, dtype=object)
    blobs = [
        bytes.fromhex(v[2:] if v.startswith("\\x") else v) if isinstance(v, str) and v else None
        for v in text.tolist()
    ]
    present = np.array([b is not None for b in blobs], dtype=bool)
    if present.any():
        out[present] = shapely.from_wkb(np.array([b for b in blobs if b is not None], dtype=object))
    return out


_TEXT_SPECIALS = ("\\", "\t", "\n", "\r")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _text_values(series: pd.Series) -> list[str]:
    """One column in ``COPY``'s text format: ``\\N`` for missing values, specials escaped.

    Columns of plain text, numbers or booleans take a fast path (no Python call per cell
    beyond the conversion itself): 300,000 rows in a few tens of milliseconds a column.
    """
    values = series.to_numpy()
    kind = values.dtype.kind
    if kind == "f":
        missing = np.isnan(values)
        items = [repr(v) for v in values.tolist()]
        if missing.any():
            items = [TEXT_NULL if m else v for v, m in zip(items, missing.tolist(), strict=True)]
        return items
    if kind in "iu":
        return list(map(str, values.tolist()))
    if kind == "b":
        return ["t" if v else "f" for v in values.tolist()]
    items = values.tolist()
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        items = [TEXT_NULL if v is None or v != v else v for v in items]
        joined = "".join(items)
        if any(special in joined for special in _TEXT_SPECIALS):
            items = [v if v is TEXT_NULL else _escape(v) for v in items]
        return items
    out = []
    for v in items:
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            out.append(TEXT_NULL)
        elif isinstance(v, (bool, np.bool_)):
            out.append("t" if v else "f")
        elif isinstance(v, (float, np.floating)):
            out.append(repr(float(v)))
        elif isinstance(v, str):
            out.append(_escape(v))
        else:
            out.append(_escape(str(v)))
    return out


def _text_data(frame: pd.DataFrame) -> bytes:
    """The rows of ``frame`` in ``COPY``'s text format (tab-separated, one line a row)."""
    if len(frame) == 0:
        return b""
    # geometry is hex text: nothing to escape, and checking 100 MB of it costs a second
    columns = [
        frame[c].tolist() if c == "geom" and frame[c].notna().all() else _text_values(frame[c])
        for c in frame.columns
    ]
    lines = map("\t".join, zip(*columns, strict=True))
    return ("\n".join(lines) + "\n").encode("utf-8")


#: Rows per block sent to ``COPY``: the server parses one block while the next is prepared.
CHUNK_ROWS = 20_000


def _blocks(frame: pd.DataFrame, make_rows: Callable[[pd.DataFrame, int], pd.DataFrame]):
    """``COPY`` text of ``frame`` in blocks of :data:`CHUNK_ROWS` rows."""
    for start in range(0, len(frame), CHUNK_ROWS):
        yield _text_data(make_rows(frame.iloc[start : start + CHUNK_ROWS], start))


def _copy_in(
    cur, table: str, columns: list[str], data: bytes | Iterable[bytes], *, staged: bool
) -> None:
    """``COPY`` rows (text format, one block or an iterable of blocks) into
    ``gis_app.<table>``; via a temporary table when ``staged``."""
    from psycopg import sql

    names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    target = sql.Identifier("gis_app", table)
    if staged:
        stage = sql.Identifier(f"stage_{table}")
        cur.execute(
            sql.SQL("CREATE TEMP TABLE {} (LIKE {} INCLUDING DEFAULTS) ON COMMIT DROP").format(
                stage, target
            )
        )
        into = stage
    else:
        into = target
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT text)").format(into, names)
    with cur.copy(statement) as copy:
        for block in [data] if isinstance(data, bytes) else data:
            copy.write(block)
    if staged:
        cur.execute(
            sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(target, names, names, stage)
        )


def _copy_out(cur, query, params: tuple) -> bytes:
    from psycopg import sql

    statement = sql.SQL("COPY ({}) TO STDOUT (FORMAT csv, NULL {})").format(
        query, sql.Literal(NULL)
    )
    out = io.BytesIO()
    with cur.copy(statement, params) as copy:
        for block in copy:
            out.write(block)
    return out.getvalue()


def _read_csv(data: bytes, columns: list[str], text_columns: list[str]) -> pd.DataFrame:
    if not data:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    dtypes = {c: object for c in text_columns}
    return pd.read_csv(
        io.BytesIO(data),
        header=None,
        names=columns,
        dtype=dtypes,
        na_values=[NULL],
        keep_default_na=False,
        encoding="utf-8",
    )


def _layer_meta(frame: pd.DataFrame, extras: list[str]) -> dict[str, Any]:
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    return {
        "order": [str(c) for c in frame.columns],
        "dtypes": {str(c): str(frame[c].dtype) for c in frame.columns if c != geometry},
        "geometry": geometry,
        "extras": extras,
        "rows": len(frame),
    }


def _restore(frame: pd.DataFrame, meta: dict[str, Any]) -> pd.DataFrame:
    """Apply the recorded column order and types (what cannot be applied is kept)."""
    for column, dtype in (meta.get("dtypes") or {}).items():
        if column not in frame.columns or str(frame[column].dtype) == dtype:
            continue
        try:
            if dtype.startswith("timedelta64"):
                days = pd.to_numeric(frame[column], errors="coerce")
                frame[column] = pd.to_timedelta(days, unit="D").astype(dtype)
            elif dtype == "bool":
                frame[column] = frame[column].map(_as_bool).astype(bool)
            elif dtype in ("int64", "int32", "int16", "int8", "Int64", "Int32", "float64"):
                frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(dtype)
            else:
                frame[column] = frame[column].astype(dtype)
        except (TypeError, ValueError, OverflowError, KeyError):
            continue
    order = meta.get("order")
    if isinstance(order, list):  # recorded order first, columns saved since then after it
        present = [c for c in order if c in frame.columns]
        rest = [c for c in frame.columns if c not in set(present)]
        frame = frame[present + rest]
    return frame


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("t", "true", "1")
    return bool(value) if value is not None and not pd.isna(value) else False


# --- push ---------------------------------------------------------------------------------


def _extras_of(frame: pd.DataFrame, canonical: list[str]) -> list[str]:
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    return [str(c) for c in frame.columns if c not in canonical and c != geometry]


def _geometry(frame: pd.DataFrame) -> np.ndarray:
    if isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame:
        geo = frame
        if frame.crs is not None and frame.crs.to_epsg() != WORKING_EPSG:
            geo = frame.to_crs(WORKING_CRS)
        return _hex_wkb(geo.geometry.values)
    return np.full(len(frame), None, dtype=object)


def _typed_frame(
    frame: pd.DataFrame, pid: int, typed: dict[str, str], what: str, start: int = 0
) -> pd.DataFrame:
    out = {"project_id": np.full(len(frame), pid), "pos": np.arange(start, start + len(frame))}
    for column, dtype in typed.items():
        values = frame[column] if column in frame.columns else pd.Series([None] * len(frame))
        if dtype == "object":
            text = values.astype(object).where(values.notna(), None)
            joined = "".join(v for v in text.tolist() if isinstance(v, str))
            if "\x00" in joined or "\x1f" in joined:
                raise DbError(
                    t(
                        "{what}, kolom '{column}' bevat een NUL- of scheidingsteken (\\x00, \\x1f)",
                        what=what,
                        column=column,
                    )
                )
            out[column] = text.to_numpy()
        elif dtype == "int64":  # nullable: a missing house number stays missing
            numbers = pd.to_numeric(values, errors="coerce").astype("Int64")
            out[column] = numbers.astype(object).where(numbers.notna(), None).to_numpy()
        else:
            out[column] = values.to_numpy()
    return pd.DataFrame(out)


BUILDING_ROW_COLUMNS = ["project_id", "pos", *BUILDING_COLUMNS, "extra", "geom"]


def _buildings_rows(
    frame: pd.DataFrame, pid: int, extras: list[str], start: int = 0
) -> pd.DataFrame:
    rows = _typed_frame(frame, pid, BUILDING_COLUMNS, t("panden"), start)
    if extras:
        columns = [_column_values(frame[c]) for c in extras]
        rows["extra"] = [
            json.dumps(list(values), ensure_ascii=False, allow_nan=False)
            for values in zip(*columns, strict=True)
        ]
    else:
        rows["extra"] = None
    rows["geom"] = _geometry(frame)
    return rows


def _dict_rows(frame: pd.DataFrame, names: list[str]) -> list[str | None]:
    if not names:
        return [None] * len(frame)
    columns = [_column_values(frame[c]) for c in names]
    return [
        json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False, allow_nan=False)
        for values in zip(*columns, strict=True)
    ]


def _clusters_rows(frame: pd.DataFrame, pid: int, extras: list[str]) -> pd.DataFrame:
    ids = frame["cluster_id"].astype(str)
    if ids.duplicated().any():
        raise DbError(
            t(
                "cluster-id '{cluster_id}' komt meer dan eens voor",
                cluster_id=ids[ids.duplicated()].iloc[0],
            )
        )
    rows = _typed_frame(frame, pid, CLUSTER_COLUMNS, t("clusters"))
    rows["extra"] = _dict_rows(frame, extras)
    rows["geom"] = _geometry(frame)
    return rows


def package_keys(packages: pd.DataFrame) -> list[str]:
    """The row key of each package: its ``package_id``, or its position when the table has
    no usable ids (missing, empty or repeated)."""
    if "package_id" in packages.columns:
        ids = packages["package_id"].astype(str).tolist()
        if len(set(ids)) == len(ids) and all(ids):
            return ids
    return [f"#{i}" for i in range(len(packages))]


def _packages_rows(frame: pd.DataFrame, pid: int) -> pd.DataFrame:
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    names = [str(c) for c in frame.columns if c != geometry]
    return pd.DataFrame(
        {
            "project_id": np.full(len(frame), pid),
            "package_id": package_keys(frame),
            "pos": np.arange(len(frame)),
            "attrs": [v or "{}" for v in _dict_rows(frame, names)],
            "geom": _geometry(frame),
        }
    )


def _sources_meta(sources: list[SourceRecord]) -> list[dict[str, str]]:
    return [{"path": s.path, "sha256": s.sha256, "role": s.role, "layer": s.layer} for s in sources]


def push(
    project: Project,
    target,
    name: str,
    progress: ProgressCallback | None = None,
    *,
    replace: bool = False,
) -> int:
    """Upload ``project`` as project ``name``; its ``project_id``.

    One transaction: buildings, clusters, packages, settings (a row per key),
    scenarios, commitments and addresses. A project of that name is refused unless
    ``replace`` (then it is replaced in the same transaction: readers see the old one until
    the new one is complete). ``progress(fraction, text)`` may raise
    :class:`~gis_app.core.progress.Cancelled`; a cancelled or failed push changes nothing.
    """
    import psycopg

    progress = progress or no_progress
    name = check_name(name)
    buildings = project.buildings
    clusters = project.clusters if project.clusters is not None else empty_clusters()
    packages = project.packages
    addresses = project.addresses
    settings = {k: v for k, v in (project.settings or {}).items() if k != TEAM_SETTING}
    b_extras = _extras_of(buildings, list(BUILDING_COLUMNS))
    c_extras = _extras_of(clusters, list(CLUSTER_COLUMNS))
    layers = {
        "buildings": _layer_meta(buildings, b_extras),
        "clusters": _layer_meta(clusters, c_extras),
    }
    if packages is not None:
        layers["packages"] = _layer_meta(packages, [])
    if addresses is not None:
        layers["addresses"] = _layer_meta(addresses, [])
    meta = {
        "app_version": __version__,
        "pushed_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "sources": _sources_meta(project.sources),
        "layers": layers,
    }
    with session(target) as conn:
        check_schema(conn)
        try:
            with conn.transaction(), conn.cursor() as cur:
                progress(0.0, t("project"))
                if replace:
                    cur.execute("DELETE FROM gis_app.projects WHERE name = %s", (name,))
                elif cur.execute(
                    "SELECT 1 FROM gis_app.projects WHERE name = %s", (name,)
                ).fetchone():
                    raise DbError(
                        t(
                            "project '{name}' staat al in de database; kies een andere naam "
                            "of vervang het (--replace)",
                            name=name,
                        )
                    )
                pid = cur.execute(
                    "INSERT INTO gis_app.projects (name, meta) VALUES (%s, %s::jsonb) "
                    "RETURNING project_id",
                    (name, _dumps(meta)),
                ).fetchone()[0]
                progress(0.05, t("panden"))
                blocks = _blocks(
                    buildings, lambda part, start: _buildings_rows(part, pid, b_extras, start)
                )
                _copy_in(cur, "buildings", BUILDING_ROW_COLUMNS, blocks, staged=False)
                progress(0.7, t("clusters"))
                rows = _clusters_rows(clusters, pid, c_extras)
                _copy_in(cur, "clusters", list(rows.columns), _text_data(rows), staged=True)
                if packages is not None and len(packages):
                    progress(0.8, t("werkpakketten"))
                    rows = _packages_rows(packages, pid)
                    _copy_in(cur, "packages", list(rows.columns), _text_data(rows), staged=True)
                if addresses is not None and len(addresses):
                    progress(0.85, t("adressen"))
                    rows = _typed_frame(
                        addresses,
                        pid,
                        {c: _address_dtype(c) for c in ADDRESS_COLUMNS},
                        t("adressen"),
                    )
                    _copy_in(cur, "addresses", list(rows.columns), _text_data(rows), staged=False)
                progress(0.95, t("instellingen"))
                for key, value in settings.items():
                    _check_text(key, t("een instelling"))
                    cur.execute(
                        "INSERT INTO gis_app.settings (project_id, key, value) "
                        "VALUES (%s, %s, %s::jsonb)",
                        (pid, str(key), _dumps(value)),
                    )
                for position, scenario in enumerate(project.scenarios or []):
                    cur.execute(
                        "INSERT INTO gis_app.scenarios (project_id, key, pos, value) "
                        "VALUES (%s, %s, %s, %s::jsonb)",
                        (pid, str(position), position, _dumps(scenario)),
                    )
                cur.execute(
                    "INSERT INTO gis_app.commitments (project_id, value) VALUES (%s, %s::jsonb)",
                    (pid, _dumps(project.commitments or {})),
                )
                progress(1.0, t("vastleggen"))
        except psycopg.Error as error:
            raise DbError(
                t(
                    "uploaden naar {target} mislukt, de database is niet gewijzigd: {error}",
                    target=safe_target(target) if isinstance(target, str) else t("de database"),
                    error=describe_error(error, str(target)),
                )
            ) from None
    return int(pid)


def _address_dtype(column: str) -> str:
    return "int64" if column == "huisnummer" else "object"


# --- pull ---------------------------------------------------------------------------------


def _select(columns: list[str], table: str, extra_sql: str = ""):
    from psycopg import sql

    return sql.SQL("SELECT {} FROM {} WHERE project_id = %s " + extra_sql + " ORDER BY pos").format(
        sql.SQL(", ").join(sql.SQL(c) if "(" in c else sql.Identifier(c) for c in columns),
        sql.Identifier("gis_app", table),
    )


def _text_columns(typed: dict[str, str]) -> list[str]:
    return [c for c, t in typed.items() if t in ("object", "bool")]


def _pull_buildings(cur, pid: int, meta: dict[str, Any]) -> gpd.GeoDataFrame:
    typed = list(BUILDING_COLUMNS)
    columns = [*typed, "extra", "geom"]
    data = _copy_out(cur, _select([*columns[:-1], "ST_AsBinary(geom)"], "buildings"), (pid,))
    frame = _read_csv(data, columns, [*_text_columns(BUILDING_COLUMNS), "extra", "geom"])
    extras = list(meta.get("extras") or [])
    geometry = _from_hex(frame.pop("geom"))
    extra_text = frame.pop("extra")
    if extras:
        parsed = json.loads(
            "[" + ",".join(v if isinstance(v, str) else "null" for v in extra_text) + "]"
        )
        rows = [row if isinstance(row, list) else [None] * len(extras) for row in parsed]
        extra_frame = pd.DataFrame(rows, columns=extras, dtype=object)
        frame = pd.concat([frame, extra_frame], axis=1)
    return _geo_frame(frame, geometry, meta.get("geometry") or "geometry")


def _geo_frame(frame: pd.DataFrame, geometry, name: str) -> gpd.GeoDataFrame:
    """A pulled table with its geometry in RD, under the column name the project had."""
    out = gpd.GeoDataFrame(
        frame, geometry=gpd.GeoSeries(geometry, crs=WORKING_CRS), crs=WORKING_CRS
    )
    return out if name == "geometry" else out.rename_geometry(name)


def _with_new_keys(names: list[str], rows: list[dict]) -> list[str]:
    """``names`` and after them the keys rows gained since the push (fields saved later)."""
    seen = set(names)
    out = list(names)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                out.append(key)
    return out


def _pull_clusters(cur, pid: int, meta: dict[str, Any]) -> gpd.GeoDataFrame:
    columns = ["cluster_id", *[c for c in CLUSTER_COLUMNS if c != "cluster_id"], "extra", "geom"]
    data = _copy_out(cur, _select([*columns[:-1], "ST_AsBinary(geom)"], "clusters"), (pid,))
    frame = _read_csv(data, columns, [*_text_columns(CLUSTER_COLUMNS), "extra", "geom"])
    geometry = _from_hex(frame.pop("geom"))
    extra_text = frame.pop("extra")
    parsed = [json.loads(v) if isinstance(v, str) else {} for v in extra_text]
    extras = _with_new_keys(list(meta.get("extras") or []), parsed)
    if extras:
        for column in extras:
            frame[column] = pd.Series([row.get(column) for row in parsed], dtype=object)
    return _geo_frame(frame, geometry, meta.get("geometry") or "geometry")


def _pull_packages(cur, pid: int, meta: dict[str, Any]) -> pd.DataFrame:
    rows = cur.execute(
        "SELECT attrs::text, encode(ST_AsBinary(geom), 'hex') FROM gis_app.packages "
        "WHERE project_id = %s ORDER BY pos",
        (pid,),
    ).fetchall()
    parsed = [json.loads(r[0]) for r in rows]
    names = _with_new_keys(
        [c for c in meta.get("order") or [] if c != meta.get("geometry")], parsed
    )
    frame = pd.DataFrame(
        {c: pd.Series([row.get(c) for row in parsed], dtype=object) for c in names}
    )
    if meta.get("geometry"):
        geometry = _from_hex(pd.Series([r[1] for r in rows], dtype=object))
        frame = _geo_frame(frame, geometry, meta["geometry"])
    return frame


def _pull_addresses(cur, pid: int) -> pd.DataFrame:
    columns = list(ADDRESS_COLUMNS)
    data = _copy_out(cur, _select(columns, "addresses"), (pid,))
    text = [c for c in columns if _address_dtype(c) == "object"]
    return _read_csv(data, columns, text)


def row_versions(conn, pid: int) -> dict[str, dict[str, int]]:
    """``{"cluster": {id: version}, "package": ..., "setting": ..., "scenario": ...,
    "commitments": {"": version}}`` of project ``pid``."""
    out: dict[str, dict[str, int]] = {}
    for kind, table, key in (
        ("cluster", "clusters", "cluster_id"),
        ("package", "packages", "package_id"),
        ("setting", "settings", "key"),
        ("scenario", "scenarios", "key"),
    ):
        from psycopg import sql

        rows = conn.execute(
            sql.SQL("SELECT {}, row_version FROM {} WHERE project_id = %s").format(
                sql.Identifier(key), sql.Identifier("gis_app", table)
            ),
            (pid,),
        ).fetchall()
        out[kind] = {str(k): int(v) for k, v in rows}
    row = conn.execute(
        "SELECT row_version FROM gis_app.commitments WHERE project_id = %s", (pid,)
    ).fetchone()
    out["commitments"] = {"": int(row[0])} if row else {}
    return out


def pull(
    target, name: str, progress: ProgressCallback | None = None, *, remember: bool = False
) -> Project:
    """Project ``name`` from the database, as :func:`load_project` would return it.

    The row versions it was read at are in ``project.db_versions`` (see
    :func:`row_versions`); with ``remember`` they are also written into the project's
    settings (key :data:`TEAM_SETTING`, with the project name and a hash of each row --
    never the connection), so a copy saved to a file and edited offline can be saved back
    with the same version rules (:mod:`gis_app.core.db.offline`). One read-only transaction (repeatable read): a consistent picture even while
    others save.
    """
    import psycopg

    progress = progress or no_progress
    name = check_name(name)
    with session(target) as conn:
        check_schema(conn)
        try:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
        except psycopg.Error:
            pass
        try:
            with conn.transaction(), conn.cursor() as cur:
                progress(0.0, t("project"))
                row = cur.execute(
                    "SELECT project_id, meta FROM gis_app.projects WHERE name = %s", (name,)
                ).fetchone()
                if row is None:
                    raise DbError(t("project '{name}' staat niet in de database", name=name))
                pid, meta = int(row[0]), row[1] or {}
                layers = meta.get("layers") or {}
                progress(0.05, t("panden"))
                buildings = _pull_buildings(cur, pid, layers.get("buildings") or {})
                progress(0.7, t("clusters"))
                clusters = _pull_clusters(cur, pid, layers.get("clusters") or {})
                packages = None
                if "packages" in layers:
                    packages = _pull_packages(cur, pid, layers["packages"])
                addresses = None
                if "addresses" in layers:
                    addresses = _pull_addresses(cur, pid)
                progress(0.9, t("instellingen"))
                settings = {
                    str(k): v
                    for k, v in cur.execute(
                        "SELECT key, value FROM gis_app.settings WHERE project_id = %s "
                        "ORDER BY key",
                        (pid,),
                    ).fetchall()
                }
                scenarios = [
                    v
                    for (v,) in cur.execute(
                        "SELECT value FROM gis_app.scenarios WHERE project_id = %s ORDER BY pos",
                        (pid,),
                    ).fetchall()
                ]
                row = cur.execute(
                    "SELECT value FROM gis_app.commitments WHERE project_id = %s", (pid,)
                ).fetchone()
                commitments = row[0] if row and isinstance(row[0], dict) else {}
                versions = row_versions(conn, pid)
        except psycopg.Error as error:
            raise DbError(
                t("ophalen mislukt: {error}", error=describe_error(error, str(target)))
            ) from None
        finally:
            with contextlib.suppress(psycopg.Error):
                conn.read_only = False
                conn.isolation_level = None
    buildings = _restore(buildings, layers.get("buildings") or {})
    buildings["building_id"] = buildings["building_id"].fillna("").astype(str).astype(object)
    buildings = ensure_building_columns(buildings)
    clusters = ensure_cluster_columns(_restore(clusters, layers.get("clusters") or {}))
    if packages is not None:
        packages = _restore(packages, layers["packages"])
    if addresses is not None:
        addresses = _restore(ensure_address_columns(addresses), layers["addresses"])
    project = Project(
        buildings=buildings,
        clusters=clusters,
        packages=packages,
        addresses=addresses,
        settings=settings,
        scenarios=scenarios,
        commitments=commitments,
        sources=[
            SourceRecord(
                path=str(s.get("path", "")),
                sha256=str(s.get("sha256", "")),
                role=str(s.get("role", "")),
                layer=str(s.get("layer", "")),
            )
            for s in meta.get("sources") or []
            if isinstance(s, dict)
        ],
        path=None,
        name=name,
    )
    project.db_versions = versions  # type: ignore[attr-defined]
    if remember:
        from gis_app.core.db.offline import team_setting

        project.settings[TEAM_SETTING] = team_setting(project, name, versions)
    progress(1.0, "")
    return project
