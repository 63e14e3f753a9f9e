"""Hostile tables and ids: never a hang, a crash, a wrapped id or a misleading message.

The numbered tests run the command line in a subprocess, as a planner would, and check
the exit status, that standard error holds exactly one line, that nothing is written
besides the project (no project at all on failure) and that the inputs are unchanged.
The subprocess runs under an address-space limit, so a reader that tries to hold a
zip bomb in memory fails the test instead of the machine.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from openpyxl.styles import PatternFill

from gis_app.core.errors import InputError
from gis_app.core.io import tables
from gis_app.core.io.footprints import read_footprints
from gis_app.core.io.ids import normalise_ids, normalise_ids_checked
from gis_app.core.io.tables import read_table
from gis_app.core.join.load import load_buildings

X0, Y0 = 260_000.0, 594_000.0
IDS = [f"00101000001297{i:02d}" for i in range(60, 64)]
#: Address space the CLI subprocess may use: far below what the bombs below would need.
MEMORY_LIMIT = 3 * 1024**3


def boxes(n):
    return [shapely.box(X0 + 25 * i, Y0, X0 + 25 * i + 10, Y0 + 10) for i in range(n)]


def footprints(path, ids=IDS, **columns):
    frame = gpd.GeoDataFrame(
        {"identificatie": list(ids), **columns}, geometry=boxes(len(ids)), crs=28992
    )
    pyogrio.write_dataframe(frame, path)
    return path


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _limit_memory():  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_import(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """``gis-app import ... --out project.gpkg`` in ``folder``; checks what it wrote."""
    before = snapshot(folder)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    result = subprocess.run(
        [sys.executable, "-m", "gis_app", "import", *args, "--out", "project.gpkg"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a speed assertion
        preexec_fn=_limit_memory if sys.platform.startswith("linux") else None,
    )
    after = snapshot(folder)
    project = after.pop("project.gpkg", None)
    assert after == before, "inputs changed or files written besides the project"
    if result.returncode == 0:
        assert project is not None
    else:
        assert project is None, "a failed import left a project file"
    return result


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# --- 6. a CSV that is one long line -----------------------------------------------------------


def test_item6_csv_of_one_10_mb_line_exits_2_at_once(tmp_path):
    footprints(tmp_path / "panden.gpkg")
    (tmp_path / "risico.csv").write_text(",".join(f"c{i}" for i in range(1_200_000)) + "\n")
    result = run_import(tmp_path, "panden.gpkg", "--risk", "risico.csv")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "risico.csv, rij 1:" in line and "langer dan 1 MB" in line


def test_a_long_line_further_down_names_its_row(tmp_path):
    lines = ["bag_id;lpr", f"{IDS[0]};1e-6", f"{IDS[1]};" + "x" * 3_000_000, f"{IDS[2]};1e-6"]
    path = tmp_path / "lang.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.row == 3 and "langer dan 1 MB" in caught.value.message


def test_a_header_of_too_many_columns_is_refused_before_parsing(tmp_path):
    path = tmp_path / "breed.csv"
    header = ";".join(["bag_id", *(f"k{i}" for i in range(tables.MAX_TABLE_COLUMNS))])
    path.write_text(header + "\n" + IDS[0] + ";1" * tables.MAX_TABLE_COLUMNS + "\n")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.row == 1
    assert "1.001 kolommen" in caught.value.message and "1.000" in caught.value.message


@pytest.mark.parametrize("length", [5_000, 900_000])
def test_a_column_name_that_is_no_name_is_refused(tmp_path, length):
    path = tmp_path / "naam.csv"
    path.write_text("x" * length + ";bag_id\n" + f"a;{IDS[0]}\n")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert "kolomnaam" in caught.value.message
    assert len(caught.value.user_message()) < 300  # the message does not repeat the name


def test_a_long_value_in_the_first_record_is_read(tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text(f"bag_id;opmerking\n{IDS[0]};" + "x" * 500_000 + "\n")
    table, _ = read_table(path)
    assert table["opmerking"].str.len().tolist() == [500_000]


def test_a_first_record_wider_than_its_header_is_refused(tmp_path):
    # pandas would otherwise turn the extra fields into a 500,000-level row index (minutes)
    path = tmp_path / "scheef.csv"
    path.write_text("bag_id;lpr\n" + ";".join(["1"] * 500_000) + "\n")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.row == 2
    assert "500.000 velden, de kopregel 2" in caught.value.message


def test_trailing_delimiters_on_every_record_do_not_shift_the_columns(tmp_path):
    # pandas took the ids for the row index here, and the LPR for the ids
    path = tmp_path / "excel.csv"
    path.write_text("".join(f"{i};1,5e-06;\n" for i in IDS).join(["bag_id;lpr\n", ""]))
    table, _ = read_table(path)
    assert table["bag_id"].tolist() == IDS
    assert table["lpr"].tolist() == [1.5e-06] * len(IDS)


def test_trailing_delimiters_of_the_first_record_are_dropped_not_shifted(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text(f"bag_id;lpr\n{IDS[0]};1,5e-06;;\n{IDS[1]};2e-06\n")
    table, _ = read_table(path)
    assert list(table.columns) == ["bag_id", "lpr"]
    assert table["bag_id"].tolist() == IDS[:2]
    assert table.index.tolist() == [2, 3]


# --- 7. XLSX zip bombs ------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="risico" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _text_cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_AND_ROW = (
    f'<row r="1">{_text_cell("A1", "identificatie")}{_text_cell("B1", "lpr")}</row>'
    f'<row r="2">{_text_cell("A2", IDS[0])}<c r="B2"><v>2e-05</v></c></row>'
)


def raw_xlsx(path, sheet_data, *, dimension="A1:B2", extra_members=()):
    """An XLSX written by hand, so its sheet XML can be anything."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(sheet.encode())
            for part in sheet_data:
                member.write(part.encode())
            member.write(b"</sheetData></worksheet>")
        for name, content in extra_members:
            archive.writestr(name, content)
    return path


def test_item7_xlsx_bomb_exits_2_without_inflating(tmp_path):
    footprints(tmp_path / "panden.gpkg")
    empty_row = "<row>" + "<c/>" * 1000 + "</row>"
    # 6,000 rows of 1,000 empty cells: 24 MB of XML in a file of a few tens of KB
    raw_xlsx(tmp_path / "bom.xlsx", [HEADER_AND_ROW, *([empty_row * 1000] * 6)])
    assert (tmp_path / "bom.xlsx").stat().st_size < 2_000_000
    result = run_import(tmp_path, "panden.gpkg", "--risk", "bom.xlsx")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "bom.xlsx:" in line and "zip-bom" in line


def test_item7_a_value_in_the_far_corner_exits_2_instead_of_aborting(tmp_path):
    # calamine would allocate 16,384 x 1,048,576 cells (550 GB) and abort the process
    footprints(tmp_path / "panden.gpkg")
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    raw_xlsx(tmp_path / "ver.xlsx", [HEADER_AND_ROW, far], dimension="A1:XFD1048576")
    result = run_import(tmp_path, "panden.gpkg", "--risk", "ver.xlsx")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "ver.xlsx:" in line and "kolom 16.384" in line


def test_far_cells_without_references_are_placed_as_calamine_places_them(tmp_path):
    # rows and cells without an "r" reference: each takes the next position
    rows_down = raw_xlsx(
        tmp_path / "omlaag.xlsx",
        [HEADER_AND_ROW, "<row/>" * 1_100_000, "<row><c><v>1</v></c></row>"],
    )
    with pytest.raises(InputError, match="1.100.003 rijen"):
        read_table(rows_down)
    across = raw_xlsx(
        tmp_path / "opzij.xlsx", [HEADER_AND_ROW, "<row>" + "<c/>" * 5000 + "<c><v>1</v></c></row>"]
    )
    with pytest.raises(InputError, match="kolom 5.001"):
        read_table(across)


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A' + "9" * 5000 + '"><v>1</v></c>',  # more digits than int() will take
        "<c r='B2000000'><v>1</v></c>",  # quoted differently: placed tag by tag
        '<x:c r="AAAA1"><v>1</v></x:c>',  # a namespace prefix and a four-letter column
    ],
)
def test_odd_cell_references_are_refused_not_crashed_on(tmp_path, cell):
    path = raw_xlsx(tmp_path / "raar.xlsx", [HEADER_AND_ROW, f'<row r="3">{cell}</row>'])
    with pytest.raises(InputError, match="werkblad"):
        read_table(path)


def test_item7_xlsx_with_too_many_entries_exits_2(tmp_path):
    footprints(tmp_path / "panden.gpkg")
    members = [(f"xl/media/plaatje{i}.bin", b"") for i in range(1_200)]
    raw_xlsx(tmp_path / "veel.xlsx", [HEADER_AND_ROW], extra_members=members)
    result = run_import(tmp_path, "panden.gpkg", "--risk", "veel.xlsx")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "veel.xlsx:" in line and "te veel bestanden" in line


def test_a_lying_dimension_is_ignored(tmp_path):
    path = raw_xlsx(tmp_path / "dim.xlsx", [HEADER_AND_ROW], dimension="A1:XFD1048576")
    table, _ = read_table(path)
    assert table.index.tolist() == [2]
    assert table["identificatie"].tolist() == [IDS[0]]


def test_xlsx_with_formatted_empty_rows_reads_only_the_data_rows(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "risico"
    rows = {
        2: ["bag_pand_id", "lpr"],  # the table starts in row 2
        3: [10100000129760, 2.5e-05],  # a number: Excel dropped the leading zeros
        4: ["0010100000129761", "1,5e-06"],
        # row 5 is blank, inside the table
        6: [1.01000001297620e13, 3e-06],  # a float id, shown by Excel without ".0"
    }
    for row, values in rows.items():
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in range(7, 3000):
        for column in range(1, 20):
            sheet.cell(row=row, column=column).fill = fill
    path = tmp_path / "opgemaakt.xlsx"
    workbook.save(path)

    table, _ = read_table(path)
    assert table.index.tolist() == [3, 4, 6]  # spreadsheet rows; blank and formatted rows out
    assert list(table.columns) == ["bag_pand_id", "lpr"]
    ids, _ = normalise_ids(table["bag_pand_id"])
    assert ids.tolist() == IDS[:3]
    assert table["lpr"].tolist() == ["2.5e-05", "1,5e-06", "3e-06"]


def test_xlsx_sheet_choice_and_scientific_ids(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "toelichting"
    workbook.active.append(["Toelichting"])
    workbook.active.append(["Deze lijst komt uit het HRA-model"])
    data = workbook.create_sheet("scores")
    data.append(["identificatie", "lpr"])
    data.append(["1,01000001298E+13", 1e-5])
    path = tmp_path / "bladen.xlsx"
    workbook.save(path)

    table, problems = read_table(path)
    assert [p.kind for p in problems] == ["sheet_chosen"]
    assert table.index.tolist() == [2]
    chosen, _ = read_table(path, sheet="toelichting")
    assert list(chosen.columns) == ["Toelichting"]
    assert chosen["Toelichting"].tolist() == ["Deze lijst komt uit het HRA-model"]
    with pytest.raises(InputError, match="werkblad 'geen' bestaat niet"):
        read_table(path, sheet="geen")
    ids, scientific, refused = normalise_ids_checked(table["identificatie"])
    assert ids.tolist() == ["0010100000129800"] and scientific.tolist() == [True]
    assert not refused.any()


# --- 11. ids ----------------------------------------------------------------------------------


def test_item11_excel_float_ids_of_14_digits_join(tmp_path):
    footprints(tmp_path / "panden.gpkg")
    # 14 digits and ".0": 16 characters, like a BAG id, but not one
    rows = [f"{i.lstrip('0')}.0;1e-05" for i in IDS]
    (tmp_path / "risico.csv").write_text("identificatie;lpr\n" + "\n".join(rows) + "\n")
    result = run_import(tmp_path, "panden.gpkg", "--risk", "risico.csv", "--json")
    assert result.returncode == 0, result.stderr
    assert '"matched_by_id": 4' in result.stdout


@pytest.mark.parametrize(
    "raw",
    [
        "10100000129763.0",
        "10100000129763",
        "010100000129763.0",
        " 10100000129763.0",
        "10100000129763,0",
    ],
)
def test_the_point_zero_form_is_the_integer_form(raw):
    ids, _, refused = normalise_ids_checked(pd.Series([raw], dtype=object))
    assert ids.tolist() == ["0010100000129763"] and not refused.any()
    numbers, _, _ = normalise_ids_checked(pd.Series([10100000129763.0]))
    assert numbers.tolist() == ids.tolist()


def test_item11_huge_float_ids_are_refused_per_row_never_wrapped(tmp_path):
    ids = np.array([1.01000001297600e13, 1e300, np.inf, 10100000129762.0])
    footprints(tmp_path / "panden.gpkg", ids=ids)
    risk = tmp_path / "risico.csv"
    risk.write_text(f"identificatie;lpr\n{IDS[0]};1e-05\n1e300;1e-05\n1e999999999;1e-05\n")
    result = run_import(tmp_path, "panden.gpkg", "--risk", "risico.csv", "--json")
    assert result.returncode == 0, result.stderr
    assert "-9223372036854775808" not in result.stdout

    buildings, report = load_buildings(tmp_path / "panden.gpkg", risk)
    assert buildings["building_id"].tolist() == [IDS[0], IDS[2]]
    refused = [p for p in report.problems if p.kind == "id_invalid"]
    footprint_problem, table_problem = refused
    assert footprint_problem.rows == [2, 3] and footprint_problem.dropped
    assert footprint_problem.values == ["1e+300", "inf"]
    assert table_problem.rows == [3, 4] and table_problem.values == ["1e300", "1e999999999"]
    assert report.matched_by_id == 1


def test_item11_utf7_codepage_exits_2_naming_file_and_encoding(tmp_path):
    shp = tmp_path / "panden.shp"
    frame = gpd.GeoDataFrame(
        {"bag_id": IDS[:2], "straat": ["Café-laan", "Noordéinde"]}, geometry=boxes(2), crs=28992
    )
    pyogrio.write_dataframe(frame, shp, encoding="utf-8")
    shp.with_suffix(".cpg").write_text("UTF-7")
    result = run_import(tmp_path, "panden.shp")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "panden.shp:" in line and "'UTF-7'" in line and "ASCII" in line


@pytest.mark.parametrize("name", ["UTF-16", "cp500", "65000", "12000"])
def test_codepages_that_are_not_ascii_compatible_are_refused(tmp_path, name):
    shp = footprints(tmp_path / "panden.shp")
    shp.with_suffix(".cpg").write_text(name)
    with pytest.raises(InputError, match="niet ASCII-compatibel"):
        read_footprints(shp)


@pytest.mark.parametrize("name", ["UTF-8", "1252", "ANSI 1252", "8859_1", "onbekend"])
def test_ascii_compatible_or_unknown_codepages_are_read(tmp_path, name):
    shp = footprints(tmp_path / "panden.shp")
    shp.with_suffix(".cpg").write_text(name)
    frame, _ = read_footprints(shp)
    assert frame["building_id"].tolist() == IDS


# --- 12. messages that mislead ----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_item12_utf16_and_utf32_tables_are_decoded(tmp_path, encoding):
    footprints(tmp_path / "panden.gpkg")
    text = f"identificatie;lpr;straat\n{IDS[0]};1,5e-05;Café\n{IDS[1]};2e-06;Noordéinde\n"
    (tmp_path / "risico.csv").write_bytes(text.encode(encoding))
    result = run_import(tmp_path, "panden.gpkg", "--risk", "risico.csv", "--json")
    assert result.returncode == 0, result.stderr
    assert '"matched_by_id": 2' in result.stdout
    table, _ = read_table(tmp_path / "risico.csv")
    assert table["straat"].tolist() == ["Café", "Noordéinde"]


def test_item12_too_wide_table_is_refused_at_read_time_naming_the_cause(tmp_path):
    footprints(tmp_path / "panden.gpkg")
    header = ";".join(["identificatie", *(f"k{i}" for i in range(3000))])
    (tmp_path / "breed.csv").write_text(header + "\n" + IDS[0] + ";1" * 3000 + "\n")
    result = run_import(tmp_path, "panden.gpkg", "--risk", "breed.csv")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "breed.csv, rij 1:" in line and "3.001 kolommen" in line
    assert "opslaan" not in line and "project staat nog open" not in line


def test_footprints_and_table_together_too_wide_for_a_project(tmp_path):
    extra = {f"veld{i}": ["x"] * len(IDS) for i in range(950)}
    footprints(tmp_path / "panden.gpkg", **extra)
    header = ";".join(["identificatie", *(f"k{i}" for i in range(999))])
    (tmp_path / "breed.csv").write_text(header + "\n" + IDS[0] + ";1" * 999 + "\n")
    with pytest.raises(InputError) as caught:
        load_buildings(tmp_path / "panden.gpkg", tmp_path / "breed.csv")
    assert "panden.gpkg en breed.csv" in caught.value.message
    assert "hoogstens 1.900" in caught.value.message


def test_item12_warnings_do_not_follow_the_exit_2_line(tmp_path):
    import shapefile  # pyshp writes the damaged number GDAL warns about

    with shapefile.Writer(str(tmp_path / "panden"), shapeType=shapefile.POLYGON) as writer:
        writer.field("bag_id", "C", 16)
        writer.field("bouwjaar", "N", 6, 0)
        for i, bag_id in enumerate(IDS):
            x = X0 + 25 * i
            writer.poly([[(x, Y0), (x + 10, Y0), (x + 10, Y0 + 10), (x, Y0 + 10), (x, Y0)]])
            writer.record(bag_id, 1234)
    (tmp_path / "panden.prj").write_text(pyogrio_prj())
    dbf = tmp_path / "panden.dbf"
    dbf.write_bytes(dbf.read_bytes().replace(b"  1234", b"  1x34", 1))
    (tmp_path / "leeg.csv").write_text("identificatie;lpr\n")

    result = run_import(tmp_path, "panden.shp", "--risk", "leeg.csv")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "leeg.csv:" in line and "geen rijen" in line
    # the same footprints with a good table: the warning is still shown
    (tmp_path / "goed.csv").write_text(f"identificatie;lpr\n{IDS[0]};1e-05\n")
    result = run_import(tmp_path, "panden.shp", "--risk", "goed.csv")
    assert result.returncode == 0
    assert "RuntimeWarning" in result.stderr and "1x34" in result.stderr


def pyogrio_prj() -> str:
    from pyproj import CRS

    return CRS.from_epsg(28992).to_wkt("WKT1_ESRI")


def test_nul_bytes_in_a_table_are_refused_with_the_row(tmp_path):
    path = tmp_path / "binair.csv"
    path.write_bytes(b"identificatie;lpr\n" + IDS[0].encode() + b";1\x00\x01\x02\n")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.row == 2 and "NUL" in caught.value.message
