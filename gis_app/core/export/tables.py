"""Address lists per work package: CSV (for any tool) and XLSX (for Excel), for people.

Decisions (where the brief is silent):

* Headers are the Dutch column labels (:data:`gis_app.core.export.columns.LABELS`) and
  codes are shown as Dutch words (``heavy`` -> ``zware versterking``, ``bespoke`` ->
  ``maatwerk``, milestone codes -> NCG labels, ``True`` -> ``ja``): these lists are read
  by contractors, not by programs. The GIS formats keep the codes.
* CSV dialect for Dutch Excel: UTF-8 *with BOM* (so Excel detects UTF-8 and shows
  ``Ëlsstraat`` and ``格罗宁根`` correctly), ``;`` as separator and ``,`` as decimal sign
  (the Dutch list and decimal separators), CRLF line ends, dates as ``YYYY-MM-DD``.
* Formula injection: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return is *neutralised* by putting an apostrophe ``'`` in front
  (:func:`neutralise`), the OWASP recommendation for CSV injection. Excel then shows the
  text (with the apostrophe) and never evaluates it. Numbers stay numbers (``-3`` as a
  number is not a formula); only text is touched. The same rule is applied in XLSX,
  where openpyxl would otherwise store such a text as a formula. Every text we write
  gets it: cells, column headers (a source column may be called ``=cmd|' /C calc'!A0``),
  the ``Toelichting`` sheet and the Shapefile's ``_veldnamen.csv`` mapping
  (:func:`neutralise_text`). In XLSX the characters XML cannot hold are removed first,
  so ``\x01=1+1`` cannot become a formula after the removal.
* Ids are text: in XLSX the BAG id is a text cell, so ``0003100000118018`` keeps its
  zeros. A CSV has no types; the file holds the exact text, but Excel opening a CSV by
  double-click turns long digit strings into numbers. Use the XLSX in Excel (or import
  the CSV with the column set to text); QGIS, pandas and LibreOffice's import dialog
  keep the text.
* Characters XML cannot hold (control characters other than tab, CR, LF) are removed
  from XLSX cells; they are kept in the CSV.
* With English labels chosen for the export (:mod:`gis_app.core.i18n`) the headers,
  the words for codes, ``ja``/``nee`` and the sheet names (``Addresses``, ``Notes``) are
  English; the CSV dialect stays the one above (``;`` and decimal comma), because the
  file's format must not change with a label choice: a reader set up for it keeps working.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from gis_app.core.errors import ExportError
from gis_app.core.export.columns import LABELS, label_of
from gis_app.core.i18n import N_, t, translate
from gis_app.core.io.atomic import atomic_open, atomic_path, describe_os_error
from gis_app.core.labels import APPROACH_LABELS_NL, VALUE_LABELS

APPROACH_LABELS = APPROACH_LABELS_NL
#: Coded columns and their Dutch words: the window's (core/labels.py), so both agree.
CODE_LABELS: dict[str, dict[str, str]] = {c: dict(v) for c, v in VALUE_LABELS.items()}
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_NAME = N_("Adressen")
INFO_SHEET_NAME = N_("Toelichting")


def neutralise_text(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet could run it as a formula."""
    return "'" + text if FORMULA_START.match(text) else text


def _xlsx_text(value: object) -> str:
    """Text for an XLSX cell: characters XML cannot hold removed, then neutralised."""
    return neutralise_text(_XML_ILLEGAL.sub("", str(value)))


def neutralise(values: pd.Series) -> pd.Series:
    """Text cells that a spreadsheet could run as a formula get a leading apostrophe."""
    values = values.astype(object)
    try:
        risky = values.str.contains(FORMULA_START, na=False).astype(bool)
    except AttributeError:  # no text in the column at all
        return values
    if not risky.any():
        return values
    values = values.copy()
    values[risky] = "'" + values[risky].astype(str)
    return values


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The export columns as a people's table: Dutch headers and words, formulas neutralised."""
    data = {}
    for column in frame.columns:
        if column == "geometry":
            continue
        values = frame[column]
        if column in CODE_LABELS:
            words = {code: translate(word) for code, word in CODE_LABELS[column].items()}
            mapped = values.map(words)
            values = mapped.where(mapped.notna(), values)
        elif pd.api.types.is_bool_dtype(values.dtype):
            values = values.map({True: t("ja"), False: t("nee")})
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            data[column] = pd.to_datetime(values).dt.normalize()
        elif pd.api.types.is_numeric_dtype(values.dtype):
            data[column] = values
        else:
            data[column] = neutralise(values.astype(object).where(values.notna(), None))
    out = pd.DataFrame(data, index=range(len(frame)))
    out.columns = [neutralise_text(str(label_of(c))) for c in out.columns]
    return out


def write_csv(path: Path, frame: pd.DataFrame, *, table: pd.DataFrame | None = None) -> Path:
    """Write :func:`table_frame` of ``frame`` as Dutch-Excel CSV (see module docstring).

    ``table`` is the already converted table (an export converts once and slices it per
    package); ``frame`` is then not used.
    """
    text = csv_text(table_frame(frame) if table is None else table)
    try:
        with atomic_open(path, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise ExportError(
            t("CSV niet geschreven: {reason}", reason=describe_os_error(error)), path=path
        ) from error
    return path


def csv_text(table: pd.DataFrame) -> str:
    """The CSV of a converted table (:func:`table_frame`), without the byte-order mark."""
    lpr = label_of("lpr")
    if lpr in table.columns and pd.api.types.is_float_dtype(table[lpr].dtype):
        table = table.copy()
        table[lpr] = table[lpr].map(csv_scientific, na_action="ignore")
    buffer = io.StringIO()  # newline="\n": the CRLF line ends pass unchanged
    table.to_csv(
        buffer,
        sep=";",
        decimal=",",
        index=False,
        date_format="%Y-%m-%d",
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    return buffer.getvalue()


def csv_scientific(value: float) -> str:
    """``1,49e-03``: scientific notation with 3 significant digits and a decimal comma."""
    return f"{float(value):.2e}".replace(".", ",")


#: Excel number formats per column label: LPR scientific with 3 significant digits,
#: money and counts whole.
XLSX_COLUMN_FORMATS = {"lpr": "0.00E+00", "cost": "#,##0"}
#: The same keyed by the Dutch labels.
XLSX_FORMATS = {LABELS[c]: f for c, f in XLSX_COLUMN_FORMATS.items()}


def _cell_values(series: pd.Series) -> list:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        stamps = series.dt.date.astype(object)
        return [None if pd.isna(v) else v for v in stamps.tolist()]
    if pd.api.types.is_float_dtype(series.dtype):
        values = series.to_numpy(dtype=float)
        return [None if np.isnan(v) else float(v) for v in values.tolist()]
    if pd.api.types.is_integer_dtype(series.dtype):
        return [None if pd.isna(v) else int(v) for v in series.tolist()]
    out = []
    for value in series.tolist():
        if value is None or (isinstance(value, float) and np.isnan(value)):
            out.append(None)
        elif isinstance(value, (int, float, dt.date)):
            out.append(value)
        else:
            out.append(_xlsx_text(value))
    return out


def _column_width(header: str, values: list) -> float:
    sample = [len(str(v)) for v in values[:500] if v is not None]
    longest = max([len(header), *sample]) if sample else len(header)
    return float(min(max(longest + 2, 8), 60))


def write_xlsx(
    path: Path,
    frame: pd.DataFrame,
    *,
    info: list[tuple[str, object]] | None = None,
    table: pd.DataFrame | None = None,
) -> Path:
    """Write :func:`table_frame` of ``frame`` as an XLSX workbook (sheet ``Adressen``).

    ``info`` (label, value) rows go to a second sheet ``Toelichting`` with the package
    facts; a list of the columns and their meaning follows there.
    """
    from gis_app.core.export.xlsx import write_workbook

    workbook = workbook_spec(frame, info=info, table=table)
    try:
        with atomic_path(path) as temp:
            if not write_workbook(temp, **workbook):  # a value the small writer leaves out
                _write_with_openpyxl(temp, **workbook)
    except OSError as error:
        raise ExportError(
            t("XLSX niet geschreven: {reason}", reason=describe_os_error(error)), path=path
        ) from error
    return path


def workbook_spec(
    frame: pd.DataFrame,
    *,
    info: list[tuple[str, object]] | None = None,
    table: pd.DataFrame | None = None,
) -> dict:
    """What :func:`write_xlsx` writes, as the keyword arguments of
    :func:`gis_app.core.export.xlsx.write_workbook` (and of its openpyxl fallback)."""
    from gis_app.core.export.xlsx import column_letter

    table = table_frame(frame) if table is None else table
    columns = [_cell_values(table[c]) for c in table.columns]
    by_label = {label_of(c): f for c, f in XLSX_COLUMN_FORMATS.items()}
    notes = [[_xlsx_text(label), _info_value(value)] for label, value in info or []]
    notes += [[], [t("Kolom"), t("Veldnaam")]]
    notes += [[_xlsx_text(label_of(c)), _xlsx_text(c)] for c in frame.columns if c != "geometry"]
    n_columns = len(table.columns)
    return {
        "sheet_names": (translate(SHEET_NAME), translate(INFO_SHEET_NAME)),
        "header": [_xlsx_text(h) for h in table.columns],
        "columns": columns,
        "column_formats": [by_label.get(str(h)) for h in table.columns],
        "widths": [_column_width(h, v) for h, v in zip(table.columns, columns, strict=True)],
        "auto_filter": f"A1:{column_letter(n_columns)}{len(table) + 1}" if n_columns else None,
        "notes": notes,
        "notes_widths": [28.0, 60.0],
    }


def _write_with_openpyxl(
    temp: Path,
    *,
    sheet_names: tuple[str, str],
    header: list[str],
    columns: list[list],
    column_formats: list[str | None],
    widths: list[float],
    auto_filter: str | None,
    notes: list[list],
    notes_widths: list[float],
) -> None:
    """The workbook of :func:`gis_app.core.export.xlsx.write_workbook` (same arguments)
    through openpyxl, for values the small writer does not write."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_names[0])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if auto_filter:
        sheet.auto_filter.ref = auto_filter
    bold = Font(bold=True)
    header_cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    formats = [(i, f) for i, f in enumerate(column_formats) if f]
    for row in zip(*columns, strict=True):
        if formats:
            row = list(row)
            for index, number_format in formats:
                if row[index] is not None:
                    cell = WriteOnlyCell(sheet, value=row[index])
                    cell.number_format = number_format
                    row[index] = cell
        sheet.append(row)
    second = book.create_sheet(sheet_names[1])
    for index, width in enumerate(notes_widths, start=1):
        second.column_dimensions[get_column_letter(index)].width = width
    for row in notes:
        second.append(row)
    book.save(temp)


def _info_value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return value
    return _xlsx_text(value)
