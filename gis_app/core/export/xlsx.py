"""A small XLSX writer for the address lists: two sheets of plain cells, written directly.

openpyxl builds an object per cell and serialises it through an XML tree; for the
hundreds of small workbooks of an export that was the dearest part after the PDF
sheet. The workbooks of :func:`gis_app.core.export.tables.write_xlsx` use a handful
of features -- text, numbers, dates, booleans, a bold header, two number formats,
column widths, a frozen first row and an auto filter -- and this module writes exactly
those as SpreadsheetML (ECMA-376): shared strings for text (as Excel and openpyxl
store them), dates as day numbers with a ``yyyy-mm-dd`` format, so openpyxl, Excel and
LibreOffice read back the same values and types as from openpyxl's own files.

Only values it knows come through here: :func:`write_workbook` returns ``False`` for a
value of any other kind (a date-time with a time, a date before 1 March 1900, a number
that is not finite), and the caller writes that workbook with openpyxl instead.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

#: Style indexes of cellXfs below.
PLAIN, BOLD, DATE = 0, 1, 2
#: Number formats of the columns that have one; the first two are Excel's built-in ids.
NUMBER_FORMAT_IDS = {"#,##0": 3, "0.00E+00": 11}
_FORMAT_STYLES = {"#,##0": 3, "0.00E+00": 4}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_SAFE_DATE = dt.date(1900, 3, 1)  # before it Excel's 1900 leap-year bug shifts days

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="11" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:creator>gis_app</dc:creator>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
    "</cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>gis_app</Application></Properties>"
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


class Unsupported(Exception):
    """A value this writer does not write (the caller falls back to openpyxl)."""


def column_letter(index: int) -> str:
    """``A`` for 1, ``Z`` for 26, ``AA`` for 27."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Strings:
    """The shared string table."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = []
        for text in self.index:
            space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
            items.append(f"<si><t{space}>{escape(text)}</t></si>")
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{self.count}" uniqueCount="{len(self.index)}">{"".join(items)}</sst>'
        )


def _cell(ref: str, value: object, style: int, strings: _Strings) -> str:
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return f'<c r="{ref}" s="{style}" t="s"><v>{strings(value)}</v></c>'
    if kind is bool:
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if kind is int:
        return f'<c r="{ref}" s="{style}" t="n"><v>{value}</v></c>'
    if kind is float:
        if not math.isfinite(value):
            raise Unsupported(value)
        return f'<c r="{ref}" s="{style}" t="n"><v>{value!r}</v></c>'
    if kind is dt.date:
        if value < _FIRST_SAFE_DATE:
            raise Unsupported(value)
        serial = (value - _EXCEL_EPOCH).days
        return f'<c r="{ref}" s="{style or DATE}" t="n"><v>{serial}</v></c>'
    raise Unsupported(value)


def _sheet_xml(
    rows: Sequence[Sequence[object]],
    styles: Sequence[Sequence[int]] | None,
    widths: Sequence[float],
    strings: _Strings,
    *,
    header_style: int = PLAIN,
    freeze: bool = False,
    auto_filter: str | None = None,
) -> str:
    parts = [_SHEET_START]
    if freeze:
        parts.append(
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            "</sheetView></sheetViews>"
        )
    else:
        parts.append('<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
    if widths:
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w!r}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        parts.append(f"<cols>{cols}</cols>")
    parts.append("<sheetData>")
    width = max((len(r) for r in rows), default=0)
    letters = [column_letter(i) for i in range(1, width + 1)]
    for number, row in enumerate(rows, start=1):
        row_styles = styles[number - 1] if styles is not None else None
        cells = []
        for position, value in enumerate(row):
            style = row_styles[position] if row_styles is not None else PLAIN
            if number == 1 and header_style:
                style = header_style
            cells.append(_cell(f"{letters[position]}{number}", value, style, strings))
        parts.append(f'<row r="{number}">{"".join(cells)}</row>')
    parts.append("</sheetData>")
    if auto_filter:
        parts.append(f'<autoFilter ref="{auto_filter}"/>')
    parts.append("</worksheet>")
    return "".join(parts)


def write_workbook(
    path: Path,
    *,
    sheet_names: tuple[str, str],
    header: Sequence[str],
    columns: Sequence[Sequence[object]],
    column_formats: Sequence[str | None],
    widths: Sequence[float],
    auto_filter: str | None,
    notes: Sequence[Sequence[object]],
    notes_widths: Sequence[float],
) -> bool:
    """Write the address list workbook; ``False`` (nothing written) when a value is of a
    kind this writer leaves to openpyxl.

    ``columns`` hold the cell values of the first sheet per column (below ``header``,
    which is bold); ``column_formats`` the number format per column (None: general,
    dates ``yyyy-mm-dd``). ``notes`` are the rows of the second sheet."""
    strings = _Strings()
    formats = [_FORMAT_STYLES.get(f, PLAIN) if f else PLAIN for f in column_formats]
    rows = [list(header), *(list(r) for r in zip(*columns, strict=True))]
    styles = [formats] * len(rows)
    try:
        first = _sheet_xml(
            rows, styles, widths, strings, header_style=BOLD, freeze=True, auto_filter=auto_filter
        ).encode("utf-8")
        second = _sheet_xml(notes, None, notes_widths, strings).encode("utf-8")
        shared = strings.xml().encode("utf-8")
    except (Unsupported, UnicodeEncodeError):  # e.g. a lone surrogate in a text
        return False
    names = "".join(
        f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheet_names, start=1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{names}</sheets></workbook>"
    )
    moment = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("docProps/core.xml", _CORE.format(moment=moment + "Z"))
        archive.writestr("docProps/app.xml", _APP)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", first)
        archive.writestr("xl/worksheets/sheet2.xml", second)
    return True
