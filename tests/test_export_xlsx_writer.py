"""The small XLSX writer of the address lists gives what openpyxl's own files give.

Each workbook is written twice -- by :func:`write_xlsx` (the small writer) and by the
openpyxl path it falls back to -- and both are read back with openpyxl: every cell's
value, type, number format and boldness, the sheets, the frozen row, the filter and
the column widths must agree.
"""

import datetime as dt
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

from gis_app.core.export import tables
from gis_app.core.export.tables import write_xlsx
from gis_app.core.export.xlsx import column_letter


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "building_id": ["0003100000118018", "0010100000000001", "1952100000000009", "x"],
            "address": ['=HYPERLINK("http://x")', " Ëlsstraat 1 ", "格罗宁根 3\nregel", "a&b<c>"],
            "woonplaats": ["+31 tel", "-5", "@SUM(A1)", "\x01=1+1"],
            "construction_start": pd.to_datetime(["2027-03-01", None, "2031-12-31", "1999-01-01"]),
            "lpr": [1.5e-5, np.nan, 3e-7, 0.25],
            "cost": [125000.0, 0.0, np.nan, 1e9],
            "addresses": [1, 12, 3, 0],
            "eigen_regie": [True, False, False, True],
            "measure": ["heavy", "light", "rebuild", None],
        }
    )


def _openpyxl_copy(path, frame, info):
    """The same workbook written by openpyxl (the small writer's fallback)."""
    tables._write_with_openpyxl(path, **tables.workbook_spec(frame, info=info))


def _read(path):
    book = openpyxl.load_workbook(path)
    out = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        out[sheet.title] = {
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "widths": {k: v.width for k, v in sheet.column_dimensions.items() if v.customWidth},
            "cells": [
                [(c.value, c.data_type, c.number_format, bool(c.font.b), c.is_date) for c in row]
                for row in sheet.iter_rows()
            ],
        }
    return out


INFO = [
    ("Werkpakket", "WP-001"),
    ("Start", dt.date(2027, 1, 4)),
    ("Kosten", 125000),
    ("Opmerking", "=cmd|' /C calc'!A0"),
    ("Leeg", None),
]


def test_small_writer_matches_openpyxl(tmp_path):
    frame = _frame()
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    write_xlsx(ours, frame, info=INFO)
    _openpyxl_copy(theirs, frame, INFO)
    with zipfile.ZipFile(ours) as archive:  # written by the small writer, not openpyxl
        assert "xl/sharedStrings.xml" in archive.namelist()
        assert b"openpyxl" not in archive.read("docProps/app.xml").lower()
    read_ours, read_theirs = _read(ours), _read(theirs)
    assert read_ours == read_theirs
    cells = read_ours["Adressen"]["cells"]
    assert cells[1][0][:2] == ("0003100000118018", "s")  # ids stay text
    assert all(c[1] != "f" for row in cells for c in row)  # nothing is a formula
    assert cells[0][0][3]  # bold header


def test_small_writer_matches_openpyxl_without_rows_or_columns(tmp_path):
    for frame in (_frame().iloc[:0], pd.DataFrame(index=range(2))):
        ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
        write_xlsx(ours, frame, info=[])
        _openpyxl_copy(theirs, frame, [])
        assert _read(ours) == _read(theirs)


def test_values_it_does_not_write_go_through_openpyxl(tmp_path):
    frame = _frame()
    frame["moment"] = [dt.datetime(2027, 1, 4, 13, 30), None, None, None]
    frame["moment"] = frame["moment"].astype(object)
    frame["old"] = [dt.date(1899, 1, 1), None, None, None]
    frame["old"] = frame["old"].astype(object)
    path = tmp_path / "out.xlsx"
    write_xlsx(path, frame)
    with zipfile.ZipFile(path) as archive:
        assert b"openpyxl" in archive.read("docProps/app.xml").lower()
    sheet = openpyxl.load_workbook(path)["Adressen"]
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert row["moment"] == dt.datetime(2027, 1, 4, 13, 30)


@pytest.mark.parametrize(("index", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (703, "AAA")])
def test_column_letter(index, letters):
    assert column_letter(index) == letters
