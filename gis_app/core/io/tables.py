"""Reading attribute tables: CSV, XLSX, or the attribute table of a vector file.

:func:`read_table` reads CSV (any of ``,``/``;``/tab, decimal comma, UTF-8 with or
without BOM, Windows-1252), XLSX, or the attribute table of a vector file, and returns
the table (index = the spreadsheet row) plus a list of
:class:`~gis_app.core.io.problems.Problem`. Unusable input raises
:class:`~gis_app.core.errors.InputError` naming the file.

Decisions:

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
  Latin-1, and the report says so.
* **XLSX**: without ``sheet``, the first sheet with an id-like or coordinate column is
  used (the report names it when there were several); the header is the first non-empty
  row; cells become text the way Excel shows them (``3100000118018``, ``2.5e-05``). The
  sheet is read with python-calamine after the zip-bomb limits of
  :mod:`gis_app.core.io.zips` and a check of the used range (:func:`_check_xlsx`);
  reading stops at the last cell with a value. Why calamine: with these checks it is
  many times faster than openpyxl cell by cell (BENCHMARKS.md).
* **Hostile input** is refused before it is parsed, with file and row: CSV lines over
  1 MB, tables of more than :data:`MAX_TABLE_COLUMNS` columns, NUL bytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from gis_app.core import fields
from gis_app.core.errors import InputError
from gis_app.core.i18n import t
from gis_app.core.io import zips
from gis_app.core.io.atomic import gdal_source
from gis_app.core.io.crs import is_rd
from gis_app.core.io.ids import ID_LIMIT
from gis_app.core.io.problems import Problem
from gis_app.core.io.vectorfiles import check_codepage, check_file, classify, gdal_error, zip_member
from gis_app.core.schema import WORKING_CRS

TABLE_EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
VECTOR_TABLE_EXTENSIONS = (".gpkg", ".shp", ".dbf", ".geojson", ".json", ".fgb", ".zip")

#: Widest table read. A project holds the table's columns next to the footprints' and the
#: canonical ones in one GeoPackage layer, and SQLite stops at 2,000 columns; real risk
#: tables have tens.
MAX_TABLE_COLUMNS = 1_000
#: Longest line of a CSV: a record of 1,000 columns of 1 KB each still fits.
MAX_LINE_BYTES = 2**20
#: Longest column name: names are shown in messages and the attribute table.
MAX_COLUMN_NAME = 1_000


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
    check_file(path, TABLE_EXTENSIONS + VECTOR_TABLE_EXTENSIONS, t("een tabel"))
    suffix = path.suffix.lower()
    problems: list[Problem] = []
    if suffix in (".csv", ".txt", ".tsv"):
        frame = _read_csv(path, problems, categorical_text=categorical_text)
    elif suffix in (".xlsx", ".xlsm"):
        frame = _read_xlsx(path, sheet, problems)
    else:
        frame = _read_vector_table(path, sheet)
    if len(frame.columns) == 0:
        raise InputError(t("tabel heeft geen kolommen"), path=path)
    _check_columns(path, [str(c) for c in frame.columns])
    if len(frame) == 0:
        raise InputError(t("tabel bevat geen rijen"), path=path)
    frame.index.name = "rij"
    return frame, problems


def _check_columns(path: Path, names: list[str]) -> None:
    """The same width limit for every kind of table, and column names a message can show."""
    if len(names) > MAX_TABLE_COLUMNS:
        raise InputError(
            t(
                "tabel heeft {count} kolommen; meer dan {count2} kolommen kan een "
                "project niet bewaren",
                count=_count(len(names)),
                count2=_count(MAX_TABLE_COLUMNS),
            ),
            path=path,
        )
    for number, name in enumerate(names, start=1):
        if len(name) > MAX_COLUMN_NAME:
            raise InputError(
                t(
                    "kolom {number} heeft een naam van {count} tekens ('{value}...'); meer "
                    "dan {count2} is geen kolomnaam",
                    number=number,
                    count=_count(len(name)),
                    value=name[:30],
                    count2=_count(MAX_COLUMN_NAME),
                ),
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
            raise InputError(
                t("{name}-bestand is beschadigd ({error})", name=name, error=error), path=path
            ) from None
        if raw.startswith(codecs.BOM_UTF8):  # a BOM after a BOM-less guess: it was one
            raw = raw[len(codecs.BOM_UTF8) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            t(
                "bevat NUL-tekens: geen teksttabel (een binair bestand, of een "
                "tekenset die niet herkend is); sla de tabel op als CSV in UTF-8"
            ),
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
        t(
            "tekenset niet herkend als UTF-8 of Windows-1252; gelezen als Latin-1: "
            "controleer letters met accenten"
        ),
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
        raise InputError(t("bestand bevat geen gegevens (alleen witruimte)"), path=path)
    # Checked before pandas parses: one 10 MB line of commas makes it build a million
    # columns for minutes.
    long_line = _line_longer_than(data, MAX_LINE_BYTES)
    if long_line is not None:
        raise InputError(
            t(
                "regel is langer dan {value} MB; dat is geen tabel met één record per regel",
                value=MAX_LINE_BYTES // 2**20,
            ),
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
            t(
                "de kopregel kan niet gelezen worden: een kolomnaam is langer dan {value} KB",
                value=csv.field_size_limit() // 1024,
            ),
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
            t(
                "CSV kan niet gelezen worden (scheidingsteken '{show}'): {message}",
                show=_show(delimiter),
                message=message,
            ),
            path=path,
            row=row,
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError(t("bestand bevat geen gegevens"), path=path) from None
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
            t(
                "de kopregel heeft {count} kolommen (scheidingsteken '{show}'); meer "
                "dan {count2} kolommen kan een project niet bewaren: verkeerd "
                "scheidingsteken, of geen tabel?",
                count=_count(len(header)),
                show=_show(delimiter),
                count2=_count(MAX_TABLE_COLUMNS),
            ),
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
            t(
                "CSV kan niet gelezen worden (scheidingsteken '{show}'): de rij heeft "
                "{count} velden, de kopregel {count2}",
                show=_show(delimiter),
                count=_count(len(fields_of_row)),
                count2=_count(len(header)),
            ),
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
XLSX_ZIP_LIMITS = zips.ZipLimits(max_total_bytes=512 * 1024**2, max_members=1_000)
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
        with zips.open_checked(path, XLSX_ZIP_LIMITS) as (archive, members):
            _check_sheets(path, archive, members)
    except InputError as error:
        if not error.message.startswith(t("het zip-bestand")):
            raise
        # zips speaks of a zip; the user gave a spreadsheet
        raise InputError(
            t("Excel-bestand (XLSX is een zip): {message}", message=error.message), path=path
        ) from None


def _check_sheets(path: Path, archive, members) -> None:
    for info, name in members:
        if info.is_dir() or not str(name).lower().endswith(".xml"):
            continue
        rows, columns = _used_range(path, archive, info)
        if columns > MAX_TABLE_COLUMNS:
            raise InputError(
                t(
                    "werkblad ({name}) heeft een waarde in kolom {count}; meer dan "
                    "{count2} kolommen kan een project niet bewaren",
                    name=name,
                    count=_count(columns),
                    count2=_count(MAX_TABLE_COLUMNS),
                ),
                path=path,
            )
        if rows > MAX_XLSX_ROWS or rows * columns > MAX_XLSX_CELLS:
            raise InputError(
                t(
                    "werkblad ({name}) beslaat {count} rijen x {count2} kolommen; meer dan "
                    "{count3} cellen wordt niet gelezen (staat er een losse waarde ver "
                    "onder of naast de tabel?)",
                    name=name,
                    count=_count(rows),
                    count2=_count(columns),
                    count3=_count(MAX_XLSX_CELLS),
                ),
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
    for chunk in zips.iter_member(path, archive, info, _CHUNK):
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut < 0:
            cut = len(data)
        data, tail = data[:cut], data[cut:]
        if len(tail) > _CHUNK:
            raise InputError(t("Excel-bestand bevat een onleesbaar lang XML-element"), path=path)
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
        if value.is_integer() and abs(value) < ID_LIMIT:
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
            t(
                "Excel-bestand kan niet gelezen worden ({name}: {error})",
                name=type(error).__name__,
                error=error,
            ),
            path=path,
        ) from None
    try:
        if sheet is not None:
            if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()):
                index = int(sheet)
                if not 0 <= index < len(names):
                    raise InputError(
                        t(
                            "werkblad {index} bestaat niet; werkbladen: {join}",
                            index=index,
                            join=", ".join(names),
                        ),
                        path=path,
                    )
                chosen = names[index]
            elif sheet in names:
                chosen = sheet
            else:
                raise InputError(
                    t(
                        "werkblad '{sheet}' bestaat niet; werkbladen: {join}",
                        sheet=sheet,
                        join=", ".join(names),
                    ),
                    path=path,
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
                            t(
                                "werkblad '{name}' gebruikt (werkbladen: {names})",
                                name=name,
                                names=", ".join(names),
                            ),
                            str(path),
                        )
                    )
                return frame
        if first is None:
            raise InputError(t("Excel-bestand bevat geen gegevens"), path=path)
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
            t(
                "werkblad '{name}' kan niet gelezen worden ({name2}: {error})",
                name=name,
                name2=type(error).__name__,
                error=error,
            ),
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
        raise InputError(t("werkblad '{name}' is leeg", name=name), path=path)
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
            t(
                "werkblad '{name}' bevat alleen een kopregel (rij {header_row})",
                name=name,
                header_row=header_row,
            ),
            path=path,
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
            whole = (np.mod(floats, 1.0) == 0) & (np.abs(floats) < ID_LIMIT)
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
        source, layer, _ = zip_member(path, None if layer is None else str(layer))
    if source.lower().endswith((".shp", ".dbf")):
        check_codepage(path, source)
    try:
        info = pyogrio.read_info(source, layer=layer)
        points = classify(info.get("geometry_type")) == "point" and info.get("crs") is not None
        frame = pyogrio.read_dataframe(source, layer=layer, read_geometry=points)
    except Exception as error:
        raise gdal_error(error, path) from None
    if points and isinstance(frame, gpd.GeoDataFrame):
        geometry = frame.geometry
        if not is_rd(CRS.from_user_input(geometry.crs)):
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
