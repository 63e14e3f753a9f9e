"""Reading building footprints and attribute tables from the files planners hold.

Two entry points, both returning the data plus a list of :class:`Problem` (what was
repaired, left out or doubtful, with file and rows), so nothing is dropped silently:

* :func:`read_footprints` -- GeoPackage, Shapefile (also zipped), GeoJSON, FlatGeobuf;
  polygons in RD New (EPSG:28992) with a text ``building_id``.
* :func:`read_table` -- CSV (any of ``,``/``;``/tab, decimal comma, UTF-8 with or without
  BOM, Windows-1252), XLSX, or the attribute table of a vector file.

Unusable input raises :class:`~gis_app.core.errors.InputError` (or
:class:`~gis_app.core.errors.MissingCrsError`) naming the file.

Decisions (the issue is silent on these):

* **Row numbers** in problems are what the user sees: for tables the spreadsheet row
  (header = row 1, first record = row 2); for footprints the 1-based position of the
  feature in its layer ("object 5").
* **Building ids** are text. Numbers (integer or integral float columns, and digit-only
  text) with 13 to 15 digits are BAG ids that lost their leading zeros -- every
  municipality code starts with ``0`` or ``1`` and the smallest, ``0003``, leaves 13
  digits -- so they are zero-padded to 16. Shorter numbers are written as plain integers
  (``7`` stays ``"7"``). Text keeps its zeros; surrounding spaces, a ``NL.IMBAG.Pand.``
  prefix and an Excel ``.0`` (or ``,0``) tail are removed, after which the digits follow
  the number rule (``10100000129763.0`` is ``0010100000129763``); ``3,1E+12``-style
  scientific notation is expanded (and reported, because Excel may already have rounded
  it). Numbers of 10^16 and more (and infinity) are no ids: refused per row, never
  wrapped to a negative int64.
* **Duplicate footprint ids**: the first feature wins; the others are left out and
  listed (with their object numbers).
* **A stated CRS** (``crs=``) is used when the file has none; when the file has one that
  differs, the stated one wins (the user may know the ``.prj`` is wrong) and a problem
  records it.
* **Z coordinates** are dropped (the working CRS is 2-D); this loses no rows.
* **I/O path**: features are read through GDAL's Arrow stream without pyarrow
  (:mod:`gis_app.core.io.arrow_io`, about 0.15 s for 300,000 BAG footprints where
  ``pyogrio.raw.read`` takes 1.0-1.5 s holding the GIL); the geometry checks run in
  threads beside the decoding (they release the GIL) and the validity check may still
  run after the read (:class:`PendingRepair`). Should the Arrow read fail, the classic
  ``pyogrio.raw.read`` path (large layers in parallel chunks) reads the file again and
  gives the message for a file that cannot be read at all. pyarrow is not used: it
  would change pandas' string storage for the whole application.
* **Geometry repair**: only invalid geometries go through ``shapely.make_valid``; from a
  GeometryCollection result only the polygonal parts are kept. Geometries that are
  null, empty, not polygonal, or have no polygonal part after repair are left out and
  listed by id. WKB that cannot be decoded at all counts as a missing geometry.
* **Footprints without an id** are left out and listed by object number: without an id a
  building can neither be joined nor saved as a pand.
* **CSV text and numbers**: every column is read as text, except columns recognised as
  numeric by name (LPR, addresses, residents, population, coordinates, typology
  probabilities), which pandas' C parser reads with the decimal separator that goes with
  the delimiter (``,`` for ``;`` and tab files, ``.`` for comma files). A numeric column
  with any value it cannot read arrives as text and the join parses and reports it value
  by value, so ``1,5e-05``, ``0,00002`` and ``1.234,5`` all parse and ``NaN`` or ``hoog``
  are reported with their row. Wholly blank lines are skipped (they hold no data); an
  Excel ``sep=;`` first line is honoured; UTF-16 and UTF-32 are read too.
* **Encodings** are tried in the order UTF-16/32 (BOM, or the NUL pattern without one),
  UTF-8 (BOM or not), Windows-1252; bytes that Windows-1252 does not define make it
  Latin-1, and the report says so. A Shapefile's ``.cpg`` naming an encoding that is not
  ASCII-compatible (UTF-7, UTF-16, EBCDIC) is refused: GDAL would lose letters silently.
* **XLSX**: without ``sheet``, the first sheet with an id-like or coordinate column is
  used (the report names it when there were several); the header is the first non-empty
  row; cells become text the way Excel shows them (``3100000118018``, ``2.5e-05``). The
  sheet is read with python-calamine after the zip-bomb limits of
  :mod:`gis_app.core.io.zips` and a check of the used range (:func:`_check_xlsx`);
  reading stops at the last cell with a value. Checks included, measured 9x faster than
  openpyxl cell by cell at 50,000 rows (BENCHMARKS.md).
* **Hostile input** is refused before it is parsed, with file and row: CSV lines over
  1 MB, tables of more than :data:`MAX_TABLE_COLUMNS` columns, NUL bytes; ids that are
  numbers of 10^16 or more are refused per row, never wrapped.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import os
import re
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from gis_app.core import fields
from gis_app.core.errors import InputError, MissingCrsError
from gis_app.core.io import arrow_io
from gis_app.core.io import zips as safezip
from gis_app.core.io.atomic import gdal_message, gdal_source
from gis_app.core.schema import WORKING_CRS, WORKING_EPSG

FOOTPRINT_EXTENSIONS = (".gpkg", ".shp", ".zip", ".geojson", ".json", ".fgb")
TABLE_EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
VECTOR_TABLE_EXTENSIONS = (".gpkg", ".shp", ".dbf", ".geojson", ".json", ".fgb", ".zip")

#: RD New's area of validity in metres (EPSG:28992 bounds, slightly generous).
RD_BOUNDS = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
#: Footprints farther than this outside :data:`RD_BOUNDS` are reported as lying outside the
#: Netherlands (metres). 50 km keeps border towns, the Wadden and the Eems-Dollard inside
#: while a wrong ``.prj`` or swapped axes (hundreds of kilometres off) still stand out.
NETHERLANDS_MARGIN = 50_000.0

#: Widest table read. A project holds the table's columns next to the footprints' and the
#: canonical ones in one GeoPackage layer, and SQLite stops at 2,000 columns; real risk
#: tables have tens.
MAX_TABLE_COLUMNS = 1_000
#: Longest line of a CSV: a record of 1,000 columns of 1 KB each still fits.
MAX_LINE_BYTES = 2**20
#: Longest column name: names are shown in messages and the attribute table.
MAX_COLUMN_NAME = 1_000


_POLYGON_TYPE_IDS = (3, 6)  # shapely type ids of Polygon and MultiPolygon
_BAG_PREFIX = re.compile(r"^nl\.imbag\.pand\.", re.IGNORECASE)
#: Numbers from here on cannot be building ids (BAG ids have 16 digits).
_ID_LIMIT = 10**16


@dataclass
class Problem:
    """Something the user must know about a load: repaired, left out, or doubtful.

    One problem groups all rows of one kind (``rows``/``ids``/``values`` line up where
    they are given), so a file with 300,000 bad values gives one object, not 300,000.
    ``kind`` is a stable code for programs; ``message`` is the Dutch sentence shown.
    """

    kind: str
    message: str
    path: str | None = None
    rows: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    dropped: bool = False  # True when the rows were left out of the result

    @classmethod
    def for_rows(
        cls,
        kind: str,
        message: str,
        path: str | None,
        mask: np.ndarray,
        rows: np.ndarray,
        ids: np.ndarray | None = None,
        *,
        values: np.ndarray | None = None,
        dropped: bool = False,
    ) -> Problem:
        """The problem of the rows where ``mask`` holds; ``rows``, ``ids`` and ``values``
        are whole-table arrays that line up with ``mask``."""
        return cls(
            kind,
            message,
            path,
            rows=rows[mask].tolist(),
            ids=[] if ids is None else [str(i) for i in ids[mask]],
            values=[] if values is None else [str(v) for v in np.asarray(values)[mask]],
            dropped=dropped,
        )

    @property
    def count(self) -> int:
        return max(len(self.rows), len(self.ids), len(self.values), 1)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "message": self.message,
            "path": self.path,
            "count": self.count,
            "rows": [int(r) for r in self.rows],
            "ids": [str(i) for i in self.ids],
            "values": [str(v) for v in self.values],
            "dropped": self.dropped,
        }


def scientific_id_problem(path: str | None, mask, rows, ids) -> Problem:
    """Ids that arrived in scientific notation: written out, but Excel may have rounded them."""
    return Problem.for_rows(
        "id_scientific",
        "pand-id in wetenschappelijke notatie (uit Excel?): uitgeschreven, maar "
        "controleer of Excel cijfers heeft afgerond",
        path,
        mask,
        rows,
        ids,
    )


# --- building ids -----------------------------------------------------------------------------


def normalise_ids(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Building ids as text (module docstring has the rule).

    Returns ``(ids, scientific)``: an object array of str with ``""`` for a missing id, and
    a boolean mask of ids that arrived in scientific notation (possibly rounded by Excel).
    Ids that are refused (see :func:`normalise_ids_checked`) come back as ``""``.
    """
    ids, scientific, _ = normalise_ids_checked(values)
    return ids, scientific


def normalise_ids_checked(
    values: pd.Series | np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`normalise_ids` plus the mask of refused ids: ``(ids, scientific, refused)``.

    A number that cannot be a building id -- infinite, or an integer of 10^16 or more
    (BAG ids have 16 digits; above that a float has already lost digits, and int64 would
    wrap) -- is refused: its id is ``""`` and the caller reports the row with its value.
    """
    series = pd.Series(values, copy=False)
    n = len(series)
    scientific = np.zeros(n, dtype=bool)
    refused = np.zeros(n, dtype=bool)
    if n == 0:
        return np.empty(0, dtype=object), scientific, refused
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(object)
    if pd.api.types.is_numeric_dtype(series.dtype):
        ids, refused = _ids_from_numbers(series.to_numpy(dtype=float, na_value=np.nan))
        return ids, scientific, refused

    objects, _ = text_objects(series, convert=_id_text)
    if _all_bag_form(objects):  # the usual file: nothing to change
        return objects, scientific, refused
    # Vectorised: ids of 16 digits without surrounding spaces are already in BAG form;
    # only the others go through the slower text rules (a 16-character "...129763.0" is
    # an Excel float and must lose its ".0" like any other).
    fixed = np.asarray(objects, dtype=str)
    stripped = np.strings.strip(fixed)
    lengths = np.strings.str_len(stripped)
    changed = lengths != np.strings.str_len(fixed)
    odd = (lengths != 16) | ~np.strings.isdigit(stripped)
    if not odd.any() and not changed.any():
        return objects, scientific, refused
    result = objects.copy()
    if changed.any():
        result[changed] = stripped[changed].astype(object)
    if not odd.any():
        return result, scientific, refused
    slow, sci, bad = _normalise_text_ids(pd.Series(stripped[odd].astype(object), dtype=object))
    result[odd] = slow
    positions = np.flatnonzero(odd)
    scientific[positions[sci]] = True
    refused[positions[bad]] = True
    return result, scientific, refused


def refused_id_problem(path: str | None, mask, rows, values, *, dropped: bool) -> Problem:
    """Ids refused by :func:`normalise_ids_checked`, with the value as it was in the file."""
    shown = np.array([_id_text(v) for v in np.asarray(values, dtype=object)[mask]], dtype=object)
    full = np.full(len(mask), "", dtype=object)
    full[mask] = shown
    return Problem.for_rows(
        "id_invalid",
        "pand-id is geen geldig id (oneindig, of een getal van meer dan 16 cijfers): "
        + ("weggelaten" if dropped else "rij niet op id gekoppeld"),
        path,
        mask,
        rows,
        values=full,
        dropped=dropped,
    )


def _sixteen_characters(texts: list) -> np.ndarray | None:
    """The bytes of ``texts`` as an (n, 16) array when every one is 16 ASCII characters.

    One join with a separator and a look at where the separators are: cheaper than
    measuring 300,000 lengths one by one.
    """
    n = len(texts)
    try:
        joined = "\x1f".join(texts).encode("ascii")
    except (TypeError, UnicodeEncodeError):  # not all text, or not ASCII
        return None
    if len(joined) != 17 * n - 1:
        return None
    data = np.frombuffer(joined + b"\x1f", dtype=np.uint8).reshape(n, 17)
    # a separator at every 17th byte and nowhere else: every text has 16 characters
    if not (data[:, 16] == 0x1F).all() or (data[:, :16] == 0x1F).any():
        return None
    return data[:, :16]


def _all_bag_form(texts: np.ndarray) -> bool:
    """Whether every text is 16 ASCII digits (no rule applies)."""
    data = _sixteen_characters(texts.tolist()) if len(texts) else None
    return data is not None and not ((data - 48) > 9).any()  # below "0" wraps above 9


_EIGHT_DIGITS = 10.0 ** np.arange(7, -1, -1)


def id_keys(ids: np.ndarray) -> np.ndarray | None:
    """Integer keys for normalised ids: equal keys exactly where the ids are equal.

    Only when every id is in BAG form (16 ASCII digits) or empty (key -1); otherwise
    ``None`` and callers compare the text. Why: hashing 300,000 text ids costs about
    0.1 s, hashing their integers a few ms, and the join hashes both files' ids at once.
    """
    n = len(ids)
    if n == 0:
        return None
    texts = ids.tolist()
    empty = np.zeros(n, dtype=bool)
    data = _sixteen_characters(texts)
    if data is None:  # maybe some are empty
        try:
            lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        except TypeError:  # not all text
            return None
        empty = lengths == 0
        if not empty.any() or not ((lengths == 16) | empty).all():
            return None
        data = _sixteen_characters([t for t in texts if t])
        if data is None:
            return None
    digits = data - 48
    if (digits > 9).any():  # below "0" wraps around to above 9
        return None
    # two exact 8-digit halves in floating point (a fast matrix product), then int64
    high = (digits[:, :8] @ _EIGHT_DIGITS).astype(np.int64)
    low = (digits[:, 8:] @ _EIGHT_DIGITS).astype(np.int64)
    keys = np.full(n, -1, dtype=np.int64)
    keys[~empty] = high * 100_000_000 + low
    return keys


def _normalise_text_ids(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(ids, scientific, refused)`` for ids given as text."""
    text = text.str.replace(_BAG_PREFIX, "", regex=True)
    # Excel turned the id into a float: "3100000118018.0" (a Dutch Excel: ",0")
    text = text.str.replace(r"^(\d+)[.,]0+$", r"\1", regex=True)
    sci = text.str.contains(r"^\d(?:[.,]\d+)?[eE]\+?\d+$", regex=True).to_numpy(dtype=bool)
    refused = np.zeros(len(text), dtype=bool)
    if sci.any():
        text = text.copy()
        expanded = [_expand_scientific(v) for v in text[sci]]
        refused[np.flatnonzero(sci)] = [v is None for v in expanded]
        text[sci] = [v if v is not None else "" for v in expanded]
    lengths = text.str.len()
    digits = text.str.isdigit()
    pad = (digits & (lengths >= 13) & (lengths < 16)).to_numpy(dtype=bool)
    result = np.array(text.to_numpy(dtype=object), dtype=object)
    if pad.any():
        result[pad] = text[pad].str.zfill(16).to_numpy(dtype=object)
    return result, sci & ~refused, refused


def text_objects(series: pd.Series, convert=str) -> tuple[np.ndarray, np.ndarray]:
    """``(values, missing)``: a writable object array of ``str`` ("" where missing).

    Columns that hold only text (the usual case) take a vectorised path; mixed columns
    (numbers and text in one spreadsheet column) convert value by value with ``convert``.
    """
    objects = np.array(series.to_numpy(dtype=object), dtype=object)
    missing = pd.isna(objects)
    if missing.any():
        objects[missing] = ""
    if pd.api.types.infer_dtype(objects, skipna=False) not in ("string", "empty"):
        objects = np.array(
            [convert(v) if not m else "" for v, m in zip(objects, missing, strict=True)],
            dtype=object,
        )
    return objects, missing


def _id_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < _ID_LIMIT:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)  # 1e+300 stays short, and is refused as an id
    return str(value)


def _expand_scientific(value: str) -> str | None:
    """``3,1E+12`` written out; None when it is 10^16 or more (not an id; and writing out
    ``1e999999999`` would take minutes)."""
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return value
    if number.adjusted() >= 16:
        return None
    if number != number.to_integral_value():
        return value
    return str(int(number))


def _ids_from_numbers(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(ids, refused)`` for a numeric id column (refused: infinite or 10^16 and more)."""
    result = np.full(numbers.shape, "", dtype=object)
    known = ~np.isnan(numbers)
    with np.errstate(invalid="ignore"):
        refused = known & ~(np.abs(numbers) < _ID_LIMIT)
    known &= ~refused
    integral = known & (np.mod(numbers, 1.0, where=known, out=np.zeros_like(numbers)) == 0)
    if integral.any():
        ints = numbers[integral].astype(np.int64)
        text = ints.astype(str)
        lengths = np.char.str_len(text)
        pad = (lengths >= 13) & (lengths < 16) & (ints > 0)
        text = text.astype(object)
        if pad.any():
            text[pad] = np.char.zfill(text[pad].astype(str), 16).astype(object)
        result[integral] = text
    other = known & ~integral
    if other.any():
        result[other] = [repr(float(v)) for v in numbers[other]]
    return result, refused


# --- CRS --------------------------------------------------------------------------------------


def parse_crs(crs: object) -> CRS:
    """A CRS from what a user types: ``28992``, ``"28992"``, ``"EPSG:4326"``, WKT, or a CRS."""
    if isinstance(crs, CRS):
        return crs
    text = str(crs).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    try:
        return CRS.from_user_input(text)
    except Exception as error:  # pyproj raises CRSError; anything else is equally unusable
        raise InputError(f"onbekend coördinatenstelsel '{crs}': {error}") from None


def _is_rd(crs: CRS) -> bool:
    if crs.to_epsg() == WORKING_EPSG:
        return True
    try:
        return crs.equals(CRS.from_epsg(WORKING_EPSG), ignore_axis_order=True)
    except Exception:
        return False


def looks_like_rd(bounds) -> bool:
    """True when ``(xmin, ymin, xmax, ymax)`` lies inside RD New's area of validity."""
    xmin, ymin, xmax, ymax = (float(b) for b in bounds)
    if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
        return False
    rx0, ry0, rx1, ry1 = RD_BOUNDS
    return rx0 <= xmin and xmax <= rx1 and ry0 <= ymin and ymax <= ry1


def _crs_name(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


# --- opening vector files ---------------------------------------------------------------------


def _check_file(path: Path, allowed: tuple[str, ...], what: str) -> None:
    if not path.exists():
        raise InputError("bestand bestaat niet", path=path)
    if path.is_dir():
        raise InputError("is een map, geen bestand", path=path)
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise InputError(
            f"onbekend bestandstype '{path.suffix or '(geen extensie)'}' voor {what}; "
            f"verwacht {', '.join(allowed)}",
            path=path,
        )
    if path.stat().st_size == 0:
        raise InputError("bestand is leeg (0 bytes)", path=path)


def _sibling(path: Path, suffix: str) -> Path | None:
    """A file next to ``path`` with the same stem and ``suffix``, any case."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    stem = path.stem.lower()
    for candidate in path.parent.iterdir():
        if candidate.stem.lower() == stem and candidate.suffix.lower() == suffix:
            return candidate
    return None


def _check_shapefile_parts(path: Path, names: set[str] | None = None) -> bool:
    """Raise when .shx or .dbf is missing; return whether a .prj is present.

    ``names`` is the set of lower-cased member names when the shapefile sits in a zip.
    """

    def has(suffix: str) -> bool:
        if names is not None:
            return str(path.with_suffix(suffix)).lower() in names
        return _sibling(path, suffix) is not None

    for suffix, role in ((".shx", "de index"), (".dbf", "de attributen, met de pand-id")):
        if not has(suffix):
            raise InputError(
                f"het {suffix}-bestand ontbreekt naast {path.name} ({role}); een Shapefile "
                "bestaat uit .shp, .shx, .dbf en .prj: kopieer ze samen",
            )
    return has(".prj")


#: Windows code page numbers a .cpg may hold, where Python's name is not "cp" + number.
_CODE_PAGES = {
    "65001": "utf-8",
    "65000": "utf-7",
    "1200": "utf-16-le",
    "1201": "utf-16-be",
    "12000": "utf-32-le",
    "12001": "utf-32-be",
    "20127": "ascii",
    "28591": "latin-1",
}


def _check_codepage(path: Path, source: str) -> None:
    """Refuse a Shapefile whose ``.cpg`` names a text encoding that is not ASCII-compatible.

    GDAL converts the attributes from that encoding; from UTF-7, UTF-16/32 or EBCDIC it
    silently loses letters (and ids). Encodings Python does not know are left to GDAL.
    """
    suffix = path.suffix.lower()
    text = None
    if source.startswith("/vsizip/"):
        member = source.split(".zip/", 1)[1] if ".zip/" in source else ""
        wanted = str(Path(member).with_suffix(".cpg")).lower()
        names = [n for n in safezip.list_members(path) if n.lower() == wanted]
        if names:
            text = safezip.read_member(path, names[0])[:256].decode("ascii", "replace")
    elif suffix in (".shp", ".dbf"):
        cpg = _sibling(path, ".cpg")
        if cpg is not None:
            with open(cpg, "rb") as handle:
                text = handle.read(256).decode("ascii", "replace")
    if not text or not text.strip():
        return
    name = text.strip().splitlines()[0].strip()
    encoding = _python_encoding(name)
    if encoding is not None and not _ascii_compatible(encoding):
        raise InputError(
            f"het .cpg-bestand noemt de tekenset '{name}'; die is niet ASCII-compatibel "
            "(zoals UTF-7, UTF-16/32 of EBCDIC) en letters en id's zouden verloren gaan: "
            "sla de Shapefile op in UTF-8 of Windows-1252",
            path=path,
        )


def _python_encoding(name: str) -> str | None:
    compact = name.upper().replace("ANSI", "").replace(" ", "")
    candidates = [name]
    if compact.isdigit():
        candidates.insert(0, _CODE_PAGES.get(compact, f"cp{compact}"))
    for candidate in candidates:
        try:
            return codecs.lookup(candidate).name
        except (LookupError, ValueError):
            continue
    return None


def _ascii_compatible(encoding: str) -> bool:
    """Whether printable ASCII and the line ends are the same bytes in ``encoding``."""
    sample = bytes(range(32, 127)) + b"\t\r\n"
    try:
        return sample.decode(encoding) == sample.decode("ascii") and (
            sample.decode("ascii").encode(encoding) == sample
        )
    except (UnicodeError, LookupError):
        return False


def _zip_member(path: Path, layer: str | None) -> tuple[str, str | None, set[str]]:
    """The GDAL path of the vector file inside a zip (read through /vsizip/, never extracted)."""
    # validated first (paths, sizes, zip bombs): GDAL then reads the member in place
    names = safezip.list_members(path)
    names = [n for n in names if "__MACOSX" not in n and not Path(n).name.startswith("._")]
    lower = {n.lower() for n in names}
    candidates = [n for n in names if Path(n).suffix.lower() == ".shp"]
    if not candidates:
        candidates = [
            n for n in names if Path(n).suffix.lower() in (".gpkg", ".geojson", ".json", ".fgb")
        ]
    if not candidates:
        shown = ", ".join(names[:8]) + (f" ... en {len(names) - 8} meer" if len(names) > 8 else "")
        raise InputError(
            f"zip-bestand bevat geen Shapefile (.shp) of ander vectorbestand; inhoud: "
            f"{shown or '(leeg)'}",
            path=path,
        )
    member_layer = None
    if len(candidates) > 1:
        chosen = [n for n in candidates if layer and Path(n).stem.lower() == layer.lower()]
        if not chosen:
            listed = ", ".join(Path(n).stem for n in candidates)
            raise InputError(
                f"zip-bestand bevat meerdere kaartlagen ({listed}); kies er een met --layer",
                path=path,
            )
        candidates = chosen
    else:
        member_layer = layer
    member = candidates[0]
    return f"/vsizip/{path.resolve()}/{member}", member_layer, lower


def _gdal_error(error: Exception, path: Path) -> InputError:
    text = gdal_message(error)  # first line; an alias of a '!' path named as the user's path
    suffix = path.suffix.lower()
    if suffix == ".gpkg":
        hint = "GeoPackage kan niet gelezen worden (beschadigd of afgebroken bestand?)"
    elif suffix in (".geojson", ".json"):
        hint = "GeoJSON kan niet gelezen worden (geen geldige JSON?)"
    else:
        hint = "bestand kan niet gelezen worden"
    return InputError(f"{hint}: {text}", path=path)


def _classify(geometry_type: str | None) -> str:
    if geometry_type is None:
        return "table"
    name = str(geometry_type).lower()
    if "polygon" in name or "surface" in name:
        return "polygon"
    if "point" in name:
        return "point"
    if "line" in name or "curve" in name:
        return "line"
    return "unknown"  # "Unknown" / "Geometry": mixed, decided after reading


_TYPE_NL = {"point": "punten", "line": "lijnen", "table": "geen geometrie"}


def list_layers(path: str | Path) -> list[tuple[str, str | None]]:
    """``(name, geometry type)`` of every layer in a vector file (``None`` = no geometry)."""
    path = Path(path)
    _check_file(path, FOOTPRINT_EXTENSIONS + (".dbf",), "een kaartlaag")
    source = gdal_source(path)  # taken literally: a '!' or ';' in the path is no syntax
    if path.suffix.lower() == ".zip":
        source, _, _ = _zip_member(path, None)
    try:
        layers = pyogrio.list_layers(source)
    except Exception as error:
        raise _gdal_error(error, path) from None
    return [(str(name), None if gtype is None else str(gtype)) for name, gtype in layers]


def _choose_layer(path: Path, source: str, layer: str | None) -> str | None:
    try:
        layers = pyogrio.list_layers(source)
    except Exception as error:
        raise _gdal_error(error, path) from None
    layers = [(str(n), None if t is None else str(t)) for n, t in layers]
    if not layers:
        raise InputError("bestand bevat geen kaartlagen", path=path)
    described = ", ".join(f"{n} ({t or 'tabel'})" for n, t in layers)
    if layer is not None:
        names = [n for n, _ in layers]
        if layer in names:
            return layer
        folded = [n for n in names if n.lower() == layer.lower()]
        if folded:
            return folded[0]
        raise InputError(f"laag '{layer}' bestaat niet; aanwezige lagen: {described}", path=path)
    if len(layers) == 1:
        return layers[0][0]
    polygonal = [n for n, t in layers if _classify(t) in ("polygon", "unknown")]
    if len(polygonal) == 1:
        return polygonal[0]
    if not polygonal:
        raise InputError(
            f"bevat geen laag met vlakken (panden); aanwezige lagen: {described}", path=path
        )
    raise InputError(
        f"bevat meerdere vlaklagen: {', '.join(polygonal)}; kies er een met --layer "
        f"(alle lagen: {described})",
        path=path,
    )


# --- footprints -------------------------------------------------------------------------------


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
) -> tuple[gpd.GeoDataFrame, list[Problem], np.ndarray, PendingRepair | None]:
    """:func:`read_footprints_with_rows`, possibly before the geometry repairs are known.

    When the fourth value is a :class:`PendingRepair`, the frame's geometries are as read
    and ``pending.apply(frame, problems)`` completes it (see there). Repairs are not
    deferred when the geometries are reprojected (they are repaired before that).
    """
    path = Path(path)
    _check_file(path, FOOTPRINT_EXTENSIONS, "panden (footprints)")
    suffix = path.suffix.lower()
    source = gdal_source(path)  # taken literally: a '!' or ';' in the path is no syntax
    has_prj = True
    if suffix == ".zip":
        source, layer, members = _zip_member(path, layer)
        if source.lower().endswith(".shp"):
            member = Path(source.split(".zip/", 1)[1])
            try:
                has_prj = _check_shapefile_parts(member, {m.lower() for m in members})
            except InputError as error:
                raise InputError(error.message, path=path) from None
    elif suffix == ".shp":
        try:
            has_prj = _check_shapefile_parts(path)
        except InputError as error:
            raise InputError(error.message, path=path) from None

    if source.lower().endswith(".shp"):
        _check_codepage(path, source)
    layer = _choose_layer(path, source, layer)
    try:
        info = pyogrio.read_info(source, layer=layer)
    except Exception as error:
        raise _gdal_error(error, path) from None
    kind = _classify(info.get("geometry_type"))
    if kind in _TYPE_NL:
        where = f"laag '{layer}' bevat" if layer else "bevat"
        raise InputError(
            f"{where} {_TYPE_NL[kind]} ({info.get('geometry_type')}), geen vlakken; "
            "panden moeten als polygonen worden aangeleverd",
            path=path,
        )
    if info.get("features", -1) == 0:
        raise InputError("bevat geen objecten (lege laag)", path=path)

    problems: list[Problem] = []
    target = _resolve_crs(path, source, layer, info, crs, has_prj, problems)

    features = _read_features(path, source, layer, int(info.get("features", -1)))
    if len(features.geoms) == 0:
        raise InputError("bevat geen objecten (lege laag)", path=path)

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
        reprojected = source_crs is not None and not _is_rd(CRS.from_user_input(source_crs))
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
            "bevat geen bruikbare panden: alle geometrieën zijn leeg of geen vlak", path=path
        )
    if frame.crs is not None and not _is_rd(CRS.from_user_input(frame.crs)):
        from_name = _crs_name(CRS.from_user_input(frame.crs))
        try:
            frame = frame.to_crs(WORKING_CRS)
        except Exception as error:
            raise InputError(
                f"omzetten van {from_name} naar RD New (EPSG:28992) mislukt: {error}",
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
                f"ligt buiten Nederland (meer dan {NETHERLANDS_MARGIN / 1000:g} km buiten het "
                "RD New-gebied): klopt het coördinatenstelsel?",
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
    message = (
        f"coördinaten niet om te zetten van {from_name} naar RD New (niet eindig): "
        "weggelaten; klopt het coördinatenstelsel?"
    )
    if bad.all():
        raise InputError(
            f"geen enkel pand bruikbaar: de coördinaten zijn niet om te zetten van {from_name} "
            "naar RD New (niet eindig); klopt het coördinatenstelsel (het .prj-bestand of --crs)?",
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
        missing = "het .prj-bestand ontbreekt" if not has_prj else "geen coördinatenstelsel"
        message = f"{missing}: het coördinatenstelsel (CRS) is onbekend"
        try:
            bounds = pyogrio.read_info(source, layer=layer, force_total_bounds=True)["total_bounds"]
        except Exception:
            bounds = None
        if bounds is not None and looks_like_rd(bounds):
            message += (
                "; the coordinates look like RD New metres (EPSG:28992): pass --crs 28992 "
                "(de coördinaten lijken RD New-meters)"
            )
        else:
            message += "; geef het CRS op met --crs, bijvoorbeeld --crs 28992"
        raise MissingCrsError(message, path=path)
    if stated is not None:
        file_crs_obj = CRS.from_user_input(file_crs)
        if not file_crs_obj.equals(stated, ignore_axis_order=True):
            problems.append(
                Problem(
                    "crs_override",
                    f"bestand zegt {_crs_name(file_crs_obj)}, opgegeven is "
                    f"{_crs_name(stated)}: het opgegeven CRS is gebruikt",
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
                f"id-veld '{id_field}' bestaat niet; velden: {', '.join(map(str, columns))}",
                path=path,
            )
        return column
    column = fields.detect_id_field(columns)
    if column is None:
        raise InputError(
            "geen pand-id-veld gevonden (zoals identificatie, bag_id, pand_id); velden: "
            f"{', '.join(map(str, columns)) or '(geen)'}; geef het veld op met --id-field",
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


def _from_wkb(wkb: np.ndarray) -> np.ndarray:
    """Geometries from WKB; unreadable -> None. NaN coordinates decode without numpy's
    "invalid value" warning: they are reported per footprint instead (non_finite)."""
    with np.errstate(invalid="ignore"):
        return shapely.from_wkb(wkb, on_invalid="fix")


def _read_chunk(source: str, layer, skip: int, count: int | None):
    meta, _, wkb, columns = pyogrio.raw.read(
        source, layer=layer, skip_features=skip, max_features=count, force_2d=True
    )
    if wkb is None:
        geoms = np.full(len(columns[0]) if columns else 0, None, dtype=object)
    else:
        geoms = _from_wkb(wkb)  # unreadable -> None, reported
    type_ids, empty, check, bounds = _check_batch(geoms)
    valid = np.ones(len(geoms), dtype=bool)
    valid[check] = shapely.is_valid(geoms[check])
    return meta, geoms, columns, type_ids, empty, valid, bounds


def _read_features(path: Path, source: str, layer, n_features: int) -> _Features:
    """Read all features: through GDAL's Arrow stream, else with ``pyogrio.raw.read``.

    The Arrow path (:mod:`gis_app.core.io.arrow_io`) is the fast one. Should it fail for a
    source (a driver or GDAL build without it, or a file it cannot stream), the classic
    path reads it again; that one also gives the message for files that cannot be read at
    all, so a broken file is reported the same way whichever path was tried first.
    """
    if arrow_io.available():
        try:
            return _read_features_arrow(path, source, layer)
        except InputError:
            raise
        except Exception as error:  # noqa: BLE001 - fall back, the classic path reports
            _log.info("Arrow read of %s failed (%s); reading feature by feature", path, error)
    return _read_features_classic(path, source, layer, n_features)


def _check_batch(geoms: np.ndarray):
    """Per-geometry type, emptiness, which ones need the validity check, and the bounds
    (for the outside-the-Netherlands check; computed here, beside the decoding, because
    ``shapely.bounds`` releases the GIL and costs 40-60 ms at 300,000 on the main thread)."""
    type_ids = shapely.get_type_id(geoms)
    empty = shapely.is_empty(geoms)
    check = np.isin(type_ids, _POLYGON_TYPE_IDS) & ~empty
    return type_ids, empty, check, shapely.bounds(geoms)


def _read_features_arrow(path: Path, source: str, layer) -> _Features:
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

            layer_data = arrow_io.read_layer(source, layer, on_wkb_batch=decode)
            parts = [future.result() for future in checked]
    except BaseException:
        validity_pool.shutdown(wait=False, cancel_futures=True)
        raise
    meta = layer_data.meta
    if meta.get("geometry_type") is None:
        validity_pool.shutdown(wait=False, cancel_futures=True)
        raise InputError("bevat geen geometrie", path=path)

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


def _read_features_classic(path: Path, source: str, layer, n_features: int) -> _Features:
    """Read all features with ``pyogrio.raw.read``; large layers in parallel chunks.

    Measured (300,000 BAG footprints, GDAL 3.12, pyogrio 0.13, shapely 2.2, 2 cores): of
    the per-chunk work only ``shapely.is_valid`` releases the GIL and runs on a second core.
    ``pyogrio.raw.read`` (it builds a Python object per WKB blob and per text value) and
    ``shapely.from_wkb`` (a Python object per geometry) hold it, so two chunk reads in two
    threads take as long as reading both halves one after the other. The chunks therefore
    buy the overlap of validation only (about 0.25 s of 0.5 s at 300,000); a read that runs
    in a second core needs a second process, or GDAL's Arrow stream (pyarrow), not threads.
    A pipeline (reads one after the other here, decoding in a worker) was measured too and
    was not distinguishably faster.
    """
    chunks = 1
    if n_features >= 2 * MIN_CHUNK_FEATURES and path.suffix.lower() in _CHUNKED_DRIVERS:
        chunks = max(1, min(os.cpu_count() or 1, 4, n_features // MIN_CHUNK_FEATURES))
    try:
        if chunks == 1:
            parts = [_read_chunk(source, layer, 0, None)]
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
        raise _gdal_error(error, path) from None
    meta = parts[0][0]
    if meta.get("geometry_type") is None and parts[0][1].size and parts[0][1][0] is None:
        raise InputError("bevat geen geometrie", path=path)

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
                    "geometrieverzameling: alleen de vlakdelen zijn behouden",
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
                "lege of ontbrekende geometrie: weggelaten",
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
                "geometrie is geen vlak (punt of lijn): weggelaten",
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
                "ongeldige geometrie zonder oppervlakte na herstel: weggelaten",
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
            "ongeldige geometrie hersteld (make_valid)",
            path,
            fixed,
            rows,
            ids,
        )
    return geoms, collapsed, unusable, problem


def _non_finite_problem(mask, rows, ids, path: str, message: str = "") -> Problem:
    return Problem.for_rows(
        "geometry_not_finite",
        message or "coördinaat is geen eindig getal (NaN of oneindig): weggelaten",
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
                "pand zonder id: weggelaten (een pand zonder id kan niet worden gekoppeld of "
                "bewaard)",
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
                "dubbele pand-id: het eerste object telt, de andere zijn weggelaten",
                path,
                rows=rows[duplicated].tolist(),
                ids=ids[duplicated].tolist(),
                values=[f"eerste: object {int(first_row[i])}" for i in ids[duplicated]],
                dropped=True,
            )
        )
        ok &= ~duplicated
    return ok


# --- tables -----------------------------------------------------------------------------------


def read_table(
    path: str | Path, *, sheet: str | int | None = None, categorical_text: bool = False
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read an attribute table; the index holds each record's row number in the file.

    CSV and XLSX values come back as text (``str``, missing = NaN) so ids keep their
    zeros and numbers can be parsed with a decimal comma later; attribute tables of
    vector files keep their types. Wholly blank rows are skipped (they hold no data).

    ``categorical_text``: CSV text columns other than the id come back as pandas
    categoricals of that text. The join asks for it: pandas' parser builds the categories
    itself, and every later step that works per distinct value (vocabularies, trimming)
    then skips hashing 300,000 strings again (measured about 0.15 s per 300,000-row table).
    """
    path = Path(path)
    _check_file(path, TABLE_EXTENSIONS + VECTOR_TABLE_EXTENSIONS, "een tabel")
    suffix = path.suffix.lower()
    problems: list[Problem] = []
    if suffix in (".csv", ".txt", ".tsv"):
        frame = _read_csv(path, problems, categorical_text=categorical_text)
    elif suffix in (".xlsx", ".xlsm"):
        frame = _read_xlsx(path, sheet, problems)
    else:
        frame = _read_vector_table(path, sheet)
    if len(frame.columns) == 0:
        raise InputError("tabel heeft geen kolommen", path=path)
    _check_columns(path, [str(c) for c in frame.columns])
    if len(frame) == 0:
        raise InputError("tabel bevat geen rijen", path=path)
    frame.index.name = "rij"
    return frame, problems


def _check_columns(path: Path, names: list[str]) -> None:
    """The same width limit for every kind of table, and column names a message can show."""
    if len(names) > MAX_TABLE_COLUMNS:
        raise InputError(
            f"tabel heeft {_count(len(names))} kolommen; meer dan "
            f"{_count(MAX_TABLE_COLUMNS)} kolommen kan een project niet bewaren",
            path=path,
        )
    for number, name in enumerate(names, start=1):
        if len(name) > MAX_COLUMN_NAME:
            raise InputError(
                f"kolom {number} heeft een naam van {_count(len(name))} tekens "
                f"('{name[:30]}...'); meer dan {_count(MAX_COLUMN_NAME)} is geen kolomnaam",
                path=path,
            )


def _text_encoding(path: Path, raw: bytes) -> tuple[bytes, str]:
    """The bytes to parse and their encoding: UTF-8 (BOM or not), UTF-16 or UTF-32 (BOM
    or not), or Windows-1252.

    Windows-1252 files are handed to the parser as they are, with their encoding: pandas
    decodes them chunk by chunk, measured 0.2 s faster at 34 MB than decoding and
    re-encoding the whole file first. Whether a file is Windows-1252 or something else
    (bytes it does not define: 0x81, 0x8D, 0x8F, 0x90, 0x9D) is decided by
    :func:`_read_csv`, which reads such a file as Latin-1 and says so. UTF-16 and UTF-32
    (Excel's "Unicode text") are decoded here and handed on as UTF-8; they are recognised
    by their BOM or, without one, by the pattern of NUL bytes in the first 4 KB. NUL bytes
    left after that mean the file is no text table at all.
    """
    wide = None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]  # and still checked: a BOM does not make it UTF-8
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE
        wide = "utf-32"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        wide = "utf-16"
    else:
        wide = _wide_encoding_without_bom(raw[:4096])
    if wide is not None:
        name = wide.upper().replace("-LE", "").replace("-BE", "")
        try:
            raw = raw.decode(wide).encode("utf-8")
        except UnicodeError as error:
            raise InputError(f"{name}-bestand is beschadigd ({error})", path=path) from None
        if raw.startswith(codecs.BOM_UTF8):  # a BOM after a BOM-less guess: it was one
            raw = raw[len(codecs.BOM_UTF8) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            "bevat NUL-tekens: geen teksttabel (een binair bestand, of een tekenset die niet "
            "herkend is); sla de tabel op als CSV in UTF-8",
            path=path,
            row=raw.count(b"\n", 0, nul) + 1,
        )
    if raw.isascii():  # the common case, and a few ms to check
        return raw, "utf-8"
    try:
        raw.decode("utf-8")
        return raw, "utf-8"
    except UnicodeDecodeError:
        return raw, "cp1252"


def _wide_encoding_without_bom(sample: bytes) -> str | None:
    """UTF-16/UTF-32 (LE or BE) recognised by where the NUL bytes of ASCII characters fall."""
    usable = len(sample) // 4 * 4
    if usable < 4 or b"\x00" not in sample:
        return None
    nul = np.frombuffer(sample[:usable], dtype=np.uint8).reshape(-1, 4) == 0
    share = nul.mean(axis=0)  # per byte position within 4
    high, low = share > 0.7, share < 0.3
    if low[0] and high[1:].all():
        return "utf-32-le"
    if high[:3].all() and low[3]:
        return "utf-32-be"
    if low[0] and high[1] and low[2] and high[3]:
        return "utf-16-le"
    if high[0] and low[1] and high[2] and low[3]:
        return "utf-16-be"
    return None


def _line_longer_than(data: bytes, limit: int) -> int | None:
    """The 1-based number of the first line longer than ``limit`` bytes, or None.

    Cheap on ordinary files: a line longer than ``limit`` covers at least one whole
    aligned block of ``limit // 2`` bytes, so only blocks without any line end are looked
    at more closely (a 34 MB table takes about 70 ``find`` calls that stop at once).
    """
    block = max(limit // 2, 1)
    size = len(data)
    start = 0
    while start + block <= size:
        end = start + block
        if data.find(b"\n", start, end) >= 0 or data.find(b"\r", start, end) >= 0:
            start = end
            continue
        line_start = max(data.rfind(b"\n", 0, start), data.rfind(b"\r", 0, start)) + 1
        line_end = _next_line_end(data, end)
        if line_end - line_start > limit:
            return data.count(b"\n", 0, line_start) + 1
        start = line_end + 1
    return None


def _next_line_end(data: bytes, start: int) -> int:
    newline = data.find(b"\n", start)
    end = newline if newline >= 0 else len(data)
    carriage = data.find(b"\r", start, end)  # only up to the newline: not the whole file
    return carriage if carriage >= 0 else end


def _latin1_problem(path: Path) -> Problem:
    return Problem(
        "encoding_latin1",
        "tekenset niet herkend als UTF-8 of Windows-1252; gelezen als Latin-1: "
        "controleer letters met accenten",
        str(path),
    )


def detect_delimiter(lines: list[str]) -> str:
    """``;``, ``,``, tab or ``|``: the one that splits the header and rows most consistently."""
    best, best_score = ",", (-1, -1)
    for delimiter in (";", ",", "\t", "|"):
        counts = [_count_outside_quotes(line, delimiter) for line in lines if line.strip()]
        if not counts or counts[0] == 0:
            continue
        consistent = sum(1 for c in counts if c == counts[0])
        score = (consistent, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _count_outside_quotes(line: str, delimiter: str) -> int:
    if '"' not in line:
        return line.count(delimiter)
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _read_csv(
    path: Path, problems: list[Problem], *, categorical_text: bool = False
) -> pd.DataFrame:
    data, encoding = _text_encoding(path, path.read_bytes())
    if not data or data.isspace():  # strip() would copy the whole file
        raise InputError("bestand bevat geen gegevens (alleen witruimte)", path=path)
    # Checked before pandas parses: one 10 MB line of commas makes it build a million
    # columns for minutes.
    long_line = _line_longer_than(data, MAX_LINE_BYTES)
    if long_line is not None:
        raise InputError(
            f"regel is langer dan {MAX_LINE_BYTES // 2**20} MB; dat is geen tabel met één "
            "record per regel",
            path=path,
            row=long_line,
        )
    header_line = 1
    head = data[:65536].decode(encoding, errors="replace").splitlines()[:50]
    delimiter = None
    if head and head[0].lower().startswith("sep=") and len(head[0].strip()) == 5:
        delimiter = head[0].strip()[4]  # Excel's "sep=;" line
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
        head = head[1:]
        header_line = 2
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else detect_delimiter(head)
    first_lines = _first_lines(data, encoding, 2)
    try:
        header = next(csv.reader(first_lines[:1], delimiter=delimiter), [])
    except csv.Error:  # a column name over csv's field limit (128 KB)
        raise InputError(
            "de kopregel kan niet gelezen worden: een kolomnaam is langer dan "
            f"{csv.field_size_limit() // 1024} KB",
            path=path,
            row=header_line,
        ) from None
    trailing = _check_width(path, header, first_lines[1:2], delimiter, header_line)
    _check_columns(path, header)
    # Columns known to hold numbers go through pandas' C number parser (with the decimal
    # separator that goes with the delimiter); a column with any value it cannot read stays
    # text and is parsed -- and its bad values reported -- by the join. Everything else is
    # read as text, so ids and codes keep their leading zeros.
    dtype: object = object
    decimal = "," if delimiter in (";", "\t") else "."
    if len(set(header)) == len(header):
        numeric = fields.numeric_columns(header)
        text_dtype: object = "category" if categorical_text else object
        if numeric or categorical_text:
            id_column = fields.detect_id_field(header) if categorical_text else None
            dtype = {
                name: object if name == id_column else text_dtype
                for name in header
                if name not in numeric
            }

    def parse(encoding: str) -> pd.DataFrame:
        with warnings.catch_warnings():
            if trailing:  # only empty fields go: checked by _check_width
                warnings.filterwarnings("ignore", category=pd.errors.ParserWarning)
            return read(encoding)

    def read(encoding: str) -> pd.DataFrame:
        return pd.read_csv(
            io.BytesIO(data),
            sep=delimiter,
            dtype=dtype,
            decimal=decimal,
            encoding=encoding,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            # never take the first column(s) as the index when a row has more fields than
            # the header (_check_width has refused the cases where that loses data)
            index_col=False,
            engine="c",
        )

    try:
        try:
            frame = parse(encoding)
        except UnicodeDecodeError:
            if encoding != "cp1252":
                raise
            problems.append(_latin1_problem(path))  # bytes Windows-1252 does not define
            frame = parse("latin-1")
    except pd.errors.ParserError as error:
        message = str(error).strip().splitlines()[0]
        match = re.search(r"line (\d+)", message)
        row = int(match.group(1)) + header_line - 1 if match else None
        raise InputError(
            f"CSV kan niet gelezen worden (scheidingsteken '{_show(delimiter)}'): {message}",
            path=path,
            row=row,
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError("bestand bevat geen gegevens", path=path) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.index = pd.RangeIndex(header_line + 1, header_line + 1 + len(frame))
    if len(frame.columns):
        maybe_blank = frame.iloc[:, 0].isna().to_numpy()  # cheap first look
        if maybe_blank.any():
            blank = maybe_blank.copy()
            blank[maybe_blank] = frame.loc[maybe_blank].isna().all(axis=1).to_numpy()
            if blank.any():
                frame = frame.loc[~blank]
    unnamed = [c for c in frame.columns if c.startswith("Unnamed: ") and frame[c].isna().all()]
    if unnamed:
        frame = frame.drop(columns=unnamed)  # trailing delimiters in Excel exports
    return frame


def _first_lines(data: bytes, encoding: str, count: int) -> list[str]:
    """The first ``count`` lines, whole (each at most MAX_LINE_BYTES by then)."""
    lines = []
    start = 0
    for _ in range(count):
        if start >= len(data):
            break
        end = _next_line_end(data, start)
        lines.append(data[start:end].decode(encoding, errors="replace"))
        start = end + (2 if data[end : end + 2] == b"\r\n" else 1)
    return lines


def _check_width(
    path: Path, header: list[str], first_row: list[str], delimiter, header_line
) -> bool:
    """Refuse tables too wide to use, and a first record with more fields than the header.

    Returns whether the first record has empty fields beyond the header (trailing
    delimiters, as Excel writes them), which pandas drops with a warning.
    """
    if len(header) > MAX_TABLE_COLUMNS:
        raise InputError(
            f"de kopregel heeft {_count(len(header))} kolommen (scheidingsteken "
            f"'{_show(delimiter)}'); meer dan {_count(MAX_TABLE_COLUMNS)} kolommen kan een "
            "project niet bewaren: verkeerd scheidingsteken, of geen tabel?",
            path=path,
            row=header_line,
        )
    try:
        fields_of_row = next(csv.reader(first_row, delimiter=delimiter), [])
    except csv.Error:  # a value over csv's field limit: count the delimiters instead
        count = _count_outside_quotes(first_row[0], delimiter) + 1 if first_row else 0
        fields_of_row = [""] * len(header) + ["?"] * max(count - len(header), 0)
    extra = [f for f in fields_of_row[len(header) :] if f.strip()]
    if extra:
        raise InputError(
            f"CSV kan niet gelezen worden (scheidingsteken '{_show(delimiter)}'): de rij "
            f"heeft {_count(len(fields_of_row))} velden, de kopregel {_count(len(header))}",
            path=path,
            row=header_line + 1,
        )
    return len(fields_of_row) > len(header)


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _show(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


# --- XLSX -------------------------------------------------------------------------------------

#: An XLSX is a zip that is read into memory whole (GDAL streams zipped Shapefiles; python-
#: calamine holds the sheet): tighter limits than for other zips.
XLSX_ZIP_LIMITS = safezip.ZipLimits(max_total_bytes=512 * 1024**2, max_members=1_000)
#: Cells the used range of a worksheet may span (rows x columns). calamine allocates the
#: whole rectangle at 32 bytes a cell, and aborts the process when that fails: a single
#: value in XFD1048576 asks for 550 GB. 300,000 rows of 15 columns are 4.5 million.
MAX_XLSX_CELLS = 20_000_000
MAX_XLSX_ROWS = 1_048_576  # Excel's own
# every cell tag, with its reference when the tag starts <c r="A1" (as Excel, openpyxl and
# LibreOffice write it); the second form also captures the other attributes, whose closing
# "/" marks a cell without a value
_CELL_START = re.compile(rb'<c(?=[\s/>])(?: r="([A-Za-z]+)([0-9]+)")?')
_CELL_TAG = re.compile(rb'<c(?=[\s/>])(?: r="([A-Za-z]+)([0-9]+)")?([^>]*)>')
_TAG = re.compile(rb'<c(?=[\s/>])(?: r="([A-Za-z]+)([0-9]+)")?[^>]*?(/?)>')
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*?)(/?)>")
_REF_ATTRIBUTE = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)([0-9]*)""")
_CHUNK = 8 << 20


def _check_xlsx(path: Path) -> None:
    """Refuse an XLSX that would not fit in memory: zip-bomb limits on the archive, then
    the used range of every worksheet (see :data:`MAX_XLSX_CELLS`).

    Worksheets are found as every ``.xml`` member that holds cells (the workbook may name
    any member as a sheet). The range is the largest row and column of a cell with a
    value, as calamine places them (an explicit ``r`` reference, else the next position).
    """
    try:
        with safezip.open_checked(path, XLSX_ZIP_LIMITS) as (archive, members):
            _check_sheets(path, archive, members)
    except InputError as error:
        if not error.message.startswith("het zip-bestand"):
            raise
        # safezip speaks of a zip; the user gave a spreadsheet
        raise InputError(f"Excel-bestand (XLSX is een zip): {error.message}", path=path) from None


def _check_sheets(path: Path, archive, members) -> None:
    for info, name in members:
        if info.is_dir() or not str(name).lower().endswith(".xml"):
            continue
        rows, columns = _used_range(path, archive, info)
        if columns > MAX_TABLE_COLUMNS:
            raise InputError(
                f"werkblad ({name}) heeft een waarde in kolom {_count(columns)}; meer dan "
                f"{_count(MAX_TABLE_COLUMNS)} kolommen kan een project niet bewaren",
                path=path,
            )
        if rows > MAX_XLSX_ROWS or rows * columns > MAX_XLSX_CELLS:
            raise InputError(
                f"werkblad ({name}) beslaat {_count(rows)} rijen x {_count(columns)} "
                f"kolommen; meer dan {_count(MAX_XLSX_CELLS)} cellen wordt niet gelezen "
                "(staat er een losse waarde ver onder of naast de tabel?)",
                path=path,
            )


def _used_range(path: Path, archive, info) -> tuple[int, int]:
    """(last row, last column), 1-based, of the cells with a value in one XML member.

    First every cell counts (the fast scan); only when that range is too large are the
    cells without a value (``<c r="B7" s="1"/>``, formatting) left out, as calamine does.
    """
    rows, columns = _scan_range(path, archive, info, with_empty=True)
    if columns > MAX_TABLE_COLUMNS or rows > MAX_XLSX_ROWS or rows * columns > MAX_XLSX_CELLS:
        rows, columns = _scan_range(path, archive, info, with_empty=False)
    return rows, columns


def _scan_range(path: Path, archive, info, *, with_empty: bool) -> tuple[int, int]:
    rows = columns = 0
    for data in _whole_tags(path, archive, info):
        if with_empty:
            refs = _CELL_START.findall(data)
        else:
            refs = [(a, b) for a, b, rest in _CELL_TAG.findall(data) if not rest.endswith(b"/")]
        if not refs:
            continue
        letters = {letters for letters, _ in refs}
        digits = {digits for _, digits in refs}  # a row's cells share it: few distinct
        if b"" in letters or data.find(b":c") >= 0:
            # a cell without its reference first, or with a namespace prefix: place every
            # cell as calamine does, tag by tag (slow, and rare)
            walk = _RangeWalk()
            for again in _whole_tags(path, archive, info):
                walk.feed(again)
            return walk.rows, walk.columns
        rows = max(rows, *map(_row_number, digits))
        columns = max(columns, *map(_column_number, letters))
    return rows, columns


def _whole_tags(path: Path, archive, info):
    """The member's bytes in chunks that end before a ``<``, so no tag is cut in two."""
    tail = b""
    for chunk in safezip.iter_member(path, archive, info, _CHUNK):
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut < 0:
            cut = len(data)
        data, tail = data[:cut], data[cut:]
        if len(tail) > _CHUNK:
            raise InputError("Excel-bestand bevat een onleesbaar lang XML-element", path=path)
        if data:
            yield data
    if tail:
        yield tail


class _RangeWalk:
    """calamine's placement of cells, tag by tag: the slow, exact scan for unusual files."""

    def __init__(self) -> None:
        self.rows = self.columns = 0
        self._row = 0
        self._column = 0

    def feed(self, data: bytes) -> None:
        for kind, attributes, closed in _TAG.findall(data):
            ref = _REF_ATTRIBUTE.search(b" " + attributes)
            if kind == b"row":
                self._row = _row_number(ref.group(2)) if ref and ref.group(2) else self._row + 1
                self._column = 0
                continue
            if ref and ref.group(1) and ref.group(2):
                self._row = _row_number(ref.group(2))
                self._column = _column_number(ref.group(1))
            else:
                self._column += 1
            if not closed:
                self.rows = max(self.rows, self._row)
                self.columns = max(self.columns, self._column)


def _row_number(digits: bytes) -> int:
    # thousands of digits are beyond any sheet; int() would refuse (or take long)
    return int(digits) if len(digits) <= 9 else 1 << 40


def _column_number(letters: bytes) -> int:
    if len(letters) > 3:
        return 1 << 40  # beyond any sheet
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _cell_text(value) -> object:
    """A calamine cell as the text Excel shows (NaN when empty)."""
    if isinstance(value, str):
        return value if value.strip() else np.nan
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return np.nan
        if value.is_integer() and abs(value) < _ID_LIMIT:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None:
        return np.nan
    return str(value)


def _read_xlsx(path: Path, sheet: str | int | None, problems: list[Problem]) -> pd.DataFrame:
    import python_calamine

    _check_xlsx(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except Exception as error:  # calamine's errors: not a workbook, damaged XML, password
        raise InputError(
            f"Excel-bestand kan niet gelezen worden ({type(error).__name__}: {error})", path=path
        ) from None
    try:
        if sheet is not None:
            if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()):
                index = int(sheet)
                if not 0 <= index < len(names):
                    raise InputError(
                        f"werkblad {index} bestaat niet; werkbladen: {', '.join(names)}", path=path
                    )
                chosen = names[index]
            elif sheet in names:
                chosen = sheet
            else:
                raise InputError(
                    f"werkblad '{sheet}' bestaat niet; werkbladen: {', '.join(names)}", path=path
                )
            return _sheet_frame(path, workbook, chosen)
        first = None
        for name in names:
            frame = _sheet_frame(path, workbook, name, allow_empty=True)
            if frame is None:
                continue
            first = first if first is not None else (name, frame)
            if fields.detect_id_field(frame.columns) or fields.detect_point_columns(frame.columns):
                if len(names) > 1:
                    problems.append(
                        Problem(
                            "sheet_chosen",
                            f"werkblad '{name}' gebruikt (werkbladen: {', '.join(names)})",
                            str(path),
                        )
                    )
                return frame
        if first is None:
            raise InputError("Excel-bestand bevat geen gegevens", path=path)
        return first[1]
    finally:
        workbook.close()


def _sheet_values(path: Path, workbook, name: str) -> tuple[list[list], int]:
    """The sheet's cells (rows of Python values, "" when empty) and the row number of the
    first one: calamine leaves out empty rows and columns before the data and stops at the
    last cell with a value (formatted empty rows after it are not read)."""
    try:
        worksheet = workbook.get_sheet_by_name(name)
        values = worksheet.to_python(skip_empty_area=False)
    except Exception as error:
        raise InputError(
            f"werkblad '{name}' kan niet gelezen worden ({type(error).__name__}: {error})",
            path=path,
        ) from None
    return values, 1


def _sheet_frame(path: Path, workbook, name: str, allow_empty: bool = False) -> pd.DataFrame | None:
    rows_of_values, first_row = _sheet_values(path, workbook, name)
    header_index = next(
        (i for i, values in enumerate(rows_of_values) if any(map(_filled, values))), None
    )
    if header_index is None:
        if allow_empty:
            return None
        raise InputError(f"werkblad '{name}' is leeg", path=path)
    header = [_header_text(v) for v in rows_of_values[header_index]]
    header_row = first_row + header_index
    records = rows_of_values[header_index + 1 :]
    # calamine's rows all have the sheet's width: one object grid, converted column by
    # column (measured 3x faster than cell by cell at 50,000 rows)
    grid = np.full((len(records), len(header)), "", dtype=object)
    try:
        if records:
            grid[:] = records
    except ValueError:  # rows of unequal length (calamine gives a rectangle; in case)
        for i, values in enumerate(records):
            grid[i, : len(values)] = values[: len(header)]
    cells = np.empty_like(grid)
    for column in range(grid.shape[1]):
        cells[:, column] = _column_text(grid[:, column])
    blank = pd.isna(cells).all(axis=1) if cells.shape[1] else np.ones(len(cells), dtype=bool)
    while header and header[-1] == "" and pd.isna(cells[:, len(header) - 1]).all():
        header.pop()
    width = len(header)
    header = [h or f"kolom_{i + 1}" for i, h in enumerate(header)]
    numbers = np.arange(header_row + 1, header_row + 1 + len(records), dtype=np.int64)
    frame = pd.DataFrame(
        cells[~blank, :width],  # wholly blank rows hold no data
        columns=header,
        index=pd.Index(numbers[~blank], dtype=np.int64),
        dtype=object,
    )
    if len(frame) == 0 and not allow_empty:
        raise InputError(
            f"werkblad '{name}' bevat alleen een kopregel (rij {header_row})", path=path
        )
    return frame


def _filled(value) -> bool:
    return not isinstance(value, str) or bool(value.strip())


def _column_text(column: np.ndarray) -> np.ndarray:
    """:func:`_cell_text` of every cell of one column, the common types without a Python
    call per cell: text as it is, whole numbers below 10^16 as integers."""
    out = np.full(len(column), np.nan, dtype=object)
    kinds = np.fromiter(map(type, column), dtype=object, count=len(column))
    text = kinds == str  # noqa: E721 - exact types, elementwise
    if text.any():
        values = column[text]
        filled = values != ""
        filled[filled] = ~np.fromiter(map(str.isspace, values[filled]), dtype=bool)
        out[np.flatnonzero(text)[filled]] = values[filled]
    numbers = kinds == float  # noqa: E721
    if numbers.any():
        floats = column[numbers].astype(np.float64)
        with np.errstate(invalid="ignore"):
            whole = (np.mod(floats, 1.0) == 0) & (np.abs(floats) < _ID_LIMIT)
        positions = np.flatnonzero(numbers)
        out[positions[whole]] = floats[whole].astype(np.int64).astype(str).astype(object)
        other = ~whole & ~np.isnan(floats)
        out[positions[other]] = [repr(v) for v in floats[other].tolist()]
    rest = ~text & ~numbers
    if rest.any():
        out[rest] = [_cell_text(v) for v in column[rest]]
    return out


def _header_text(value) -> str:
    if value is None or value == "":
        return ""
    text = _cell_text(value)
    return "" if isinstance(text, float) else str(text).strip()


def _blank(value) -> bool:
    return isinstance(value, float) and value != value


def _read_vector_table(path: Path, layer: str | int | None) -> pd.DataFrame:
    """Attribute table of a vector file; a point layer also gives ``point_x``/``point_y``
    in RD New, so exposure points delivered as GeoPackage or GeoJSON join by location."""
    source = gdal_source(path)  # taken literally: a '!' or ';' in the path is no syntax
    if path.suffix.lower() == ".zip":
        source, layer, _ = _zip_member(path, None if layer is None else str(layer))
    if source.lower().endswith((".shp", ".dbf")):
        _check_codepage(path, source)
    try:
        info = pyogrio.read_info(source, layer=layer)
        points = _classify(info.get("geometry_type")) == "point" and info.get("crs") is not None
        frame = pyogrio.read_dataframe(source, layer=layer, read_geometry=points)
    except Exception as error:
        raise _gdal_error(error, path) from None
    if points and isinstance(frame, gpd.GeoDataFrame):
        geometry = frame.geometry
        if not _is_rd(CRS.from_user_input(geometry.crs)):
            geometry = geometry.to_crs(WORKING_CRS)
        single = shapely.get_type_id(geometry.values) == 0
        x = np.where(single, shapely.get_x(geometry.values), np.nan)
        y = np.where(single, shapely.get_y(geometry.values), np.nan)
        frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        if fields.detect_point_columns(frame.columns) is None:
            frame["point_x"], frame["point_y"] = x, y
    frame = pd.DataFrame(frame)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame
