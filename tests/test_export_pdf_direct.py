"""The direct PDF writer of the package sheet (no Qt): read back by poppler (pdftotext,
pdfinfo, pdftoppm), the Qt fallback for text outside cp1252, and the exporter's default."""

import re
import shutil
import subprocess

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy import ndimage

from gis_app.core.change import applied
from gis_app.core.export import pdf
from gis_app.core.export.exporter import ExportOptions, export_project, prepare_export
from gis_app.core.export.pdf_fonts import BOLD_DIGITS_BOTTOM, BOLD_DIGITS_TOP
from gis_app.core.export.sheets import package_sheet
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings

STREETS = ["Hoofdstraat", "Ljouwerterdyk", "Bûterwei", "Ëlsweg (oud)", "Groen\\Laan"]


def poppler(tool: str, *args, text: bool = True) -> subprocess.CompletedProcess:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} (Debian package poppler-utils) is needed to read the PDF back")
    return subprocess.run([found, *map(str, args)], capture_output=True, text=text, check=True)


def addressed_sheet(n: int, *, spacing: float = 15.0, woonplaats: str = "Loppersum"):
    """A package of ``n`` buildings on a grid, each with one address in one of STREETS."""
    xs = 250000 + spacing * (np.arange(n) % 10)
    ys = 594000 + spacing * (np.arange(n) // 10)
    frame = gpd.GeoDataFrame(
        {
            "building_id": [f"00241000{i:08d}" for i in range(n)],
            "address": [""] * n,
            "postcode": ["9919AB"] * n,
            "woonplaats": [woonplaats] * n,
            "measure": np.where(np.arange(n) % 3, "heavy", "light"),
            "approach": "standard",
            "construction_start": pd.Timestamp("2027-06-07"),
        },
        geometry=shapely.box(xs, ys, xs + 10, ys + 8),
        crs="EPSG:28992",
    )
    addresses = pd.DataFrame(
        {
            "building_id": frame["building_id"],
            "straat": [STREETS[i // 10 % len(STREETS)] for i in range(n)],
            "huisnummer": pd.array(np.arange(n) + 1, dtype="Int64"),
            "huisletter": [""] * n,
            "toevoeging": [""] * n,
            "postcode": ["9919AB"] * n,
            "woonplaats": [woonplaats] * n,
        }
    )
    package = {
        "package_id": "C7-WP02",
        "name": "Bûterwei e.o.",
        "contractor": "Bouw & Zn (Noord)",
        "period_start": pd.Timestamp("2027-06-07"),
        "period_end": pd.Timestamp("2027-12-06"),
        "n_buildings": n,
        "cost": 1250000.0,
        "geometry": shapely.box(*frame.total_bounds).buffer(3),
    }
    return package_sheet(
        package,
        frame,
        frame,
        columns=list(frame.columns),
        addresses=addresses,
    )


def page_text(path, page: int) -> str:
    return poppler("pdftotext", "-layout", "-f", page, "-l", page, path, "-").stdout


def test_pdftotext_reads_every_row_house_number_and_street(tmp_path):
    sheet = addressed_sheet(120)
    path = tmp_path / "blad.pdf"
    layout = pdf.write_package_pdf(path, sheet)
    assert layout.page_count >= 3
    street = sheet.header.index("straat")
    number = sheet.header.index("huisnr.")
    for page, rows in enumerate(layout.pages, start=2):
        lines = page_text(path, page).splitlines()
        assert f"pagina {page} van {1 + layout.page_count}" in "\n".join(lines)
        header = next(line for line in lines if "BAG pand-id" in line)
        assert "straat" in header and "huisnr." in header
        for i in rows:  # each row on one line: its nr, BAG id, street and house number
            row = sheet.rows[i]
            pattern = re.compile(
                rf"^\s*{row[0]}\s+{row[1]}\s+{re.escape(row[street])}\s+{row[number]}\s"
            )
            assert any(pattern.search(line) for line in lines), row
    # the map: the facts, and the title with the characters cp1252 has
    first = page_text(path, 1)
    assert "Werkpakket Bûterwei e.o." in first
    assert "Bouw & Zn (Noord)" in first and "€ 1.250.000" in first
    assert "pagina 1 van" in first


def test_map_shows_house_numbers_and_street_names_as_text(tmp_path):
    sheet = addressed_sheet(30, spacing=40.0)
    path = tmp_path / "kaart.pdf"
    pdf.write_package_pdf(path, sheet)
    words = poppler("pdftotext", "-f", 1, "-l", 1, path, "-").stdout.split()
    # every building's house number (far apart: none is left out for overlap)
    assert sheet.label_texts == [str(i + 1) for i in range(30)]
    assert set(sheet.label_texts) <= set(words)
    # the street names run along the houses; poppler gives a slanted name letter by
    # letter, so they are looked for with the white space taken out
    assert len(sheet.street_labels) == 3
    letters = "".join(poppler("pdftotext", "-raw", "-f", 1, "-l", 1, path, "-").stdout.split())
    for name, *_ in sheet.street_labels:
        assert "".join(name.split()) in letters, name


def test_house_numbers_print_at_least_the_minimum_height(tmp_path):
    sheet = addressed_sheet(12, spacing=40.0)
    path = tmp_path / "kaart.pdf"
    pdf.write_package_pdf(path, sheet)
    boxes = poppler("pdftotext", "-bbox", "-f", 1, "-l", 1, path, "-").stdout
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(\w+)<', boxes)
    # poppler's box of a base-14 word is the font size times (ascender - descender) of
    # the AFM, 718 + 207 in 1000; Helvetica-Bold's digits are 729 of those 1000 high
    digit_heights = {
        word: (float(y1) - float(y0)) / 0.925 * (BOLD_DIGITS_TOP - BOLD_DIGITS_BOTTOM) / 1000
        for y0, y1, word in words
        if word.isdigit() and float(y1) - float(y0) > 8  # not the facts or the footer
    }
    assert set(digit_heights) == set(sheet.label_texts)
    for height in digit_heights.values():
        assert pdf.mm(pdf.HOUSE_NUMBER_MM) - 0.01 <= height < pdf.mm(pdf.HOUSE_NUMBER_MM) * 1.3


def test_page_count_equals_the_layout_and_poppler_reports_no_errors(tmp_path):
    for n in (0, 1, 34, 35, 200):
        sheet = addressed_sheet(n) if n else package_sheet({"package_id": "X"}, _empty(), None)
        path = tmp_path / f"blad{n}.pdf"
        layout = pdf.write_package_pdf(path, sheet)
        assert layout.pages == pdf.layout_for(sheet).pages
        info = poppler("pdfinfo", path)
        assert info.stderr == ""
        assert int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1)) == 1 + layout.page_count
        assert "Page size:       841.89 x 595.28 pts (A4)" in info.stdout  # landscape
        assert re.search(r"Producer:\s+gis_app", info.stdout)
        # every page drawn and every text read without a complaint
        rendered = poppler("pdftoppm", "-r", 10, "-png", path, tmp_path / f"p{n}")
        assert rendered.stderr == ""
        assert len(list(tmp_path.glob(f"p{n}-*.png"))) == 1 + layout.page_count
        assert poppler("pdftotext", path, "-").stderr == ""


def _empty():
    return gpd.GeoDataFrame(
        {"building_id": pd.Series([], dtype=str)}, geometry=[], crs="EPSG:28992"
    )


def test_rows_of_a_long_text_wrap_within_their_column_and_stay_on_one_page(tmp_path):
    sheet = addressed_sheet(60)
    long = "Burgemeester Van Roijensingel bij de oude Hervormde Kerk " * 3
    for row in sheet.rows[::7]:
        row[sheet.header.index("straat")] = long
    layout = pdf.layout_for(sheet)
    assert layout.row_heights[7] > layout.row_heights[1] + pdf.BODY.height / 2
    assert [i for page in layout.pages for i in page] == list(range(60))
    for page in layout.pages:
        assert layout.header_height + sum(layout.row_heights[i] for i in page) <= (
            layout.page_height
        )
    path = tmp_path / "lang.pdf"
    assert pdf.write_package_pdf(path, sheet).pages == layout.pages
    # a space at the end of a text that just fits takes no second line
    text = pdf._Text(None)
    width = text.width("Kerkstraat 12a", pdf.BODY)
    assert text.wrap("Kerkstraat 12a ", pdf.BODY, width) == ["Kerkstraat 12a"]
    assert text.wrap("Kerkstraat 12a", pdf.BODY, width - 1) == ["Kerkstraat", "12a"]
    text = poppler("pdftotext", "-f", 2, "-l", 2, path, "-").stdout
    assert "Burgemeester Van" in text and "Hervormde Kerk" in text


def test_a_text_outside_cp1252_takes_the_qt_writer(tmp_path, qapp):
    from gis_app.render.pdf_sheets import layout_for, write_package_pdf

    sheet = addressed_sheet(5, woonplaats="Groningen 格罗宁根")
    assert pdf.unprintable_text(sheet) == "Groningen 格罗宁根"
    direct = tmp_path / "direct.pdf"
    with pytest.raises(pdf.UnprintableText) as raised:
        pdf.write_package_pdf(direct, sheet)
    assert str(direct) in str(raised.value) and "'格'" in str(raised.value)
    assert not direct.exists()
    path = tmp_path / "qt.pdf"
    assert write_package_pdf(path, sheet).pages == layout_for(sheet).pages
    assert re.search(r"Producer:\s+Qt", poppler("pdfinfo", path).stdout)
    # and a cp1252 sheet does not
    plain = tmp_path / "plain.pdf"
    write_package_pdf(plain, addressed_sheet(5, woonplaats="Wâlterswâld"))
    assert re.search(r"Producer:\s+gis_app", poppler("pdfinfo", plain).stdout)
    assert "Wâlterswâld" in poppler("pdftotext", plain, "-").stdout


def read_ppm(path) -> np.ndarray:
    data = path.read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P6" and depth == b"255"
    return np.frombuffer(pixels, dtype=np.uint8).reshape(int(height), int(width), 3)


def test_a_courtyard_renders_as_a_hole(tmp_path):
    shell = [(0, 0), (100, 0), (100, 100), (0, 100)]
    hole = [(30, 30), (70, 30), (70, 70), (30, 70)]  # same orientation as the shell
    building = shapely.affinity.translate(shapely.Polygon(shell, [hole]), 250000, 594000)
    frame = gpd.GeoDataFrame(
        {"building_id": ["0024100000000001"], "measure": ["light"]},
        geometry=[building],
        crs="EPSG:28992",
    )
    sheet = package_sheet({"package_id": "C1-WP01", "geometry": None}, frame, frame)
    path = tmp_path / "hof.pdf"
    pdf.write_package_pdf(path, sheet)
    poppler("pdftoppm", "-r", 40, "-f", 1, "-l", 1, path, tmp_path / "hof")
    image = read_ppm(next(tmp_path.glob("hof*.ppm"))).astype(int)
    green = np.abs(image - [0xA6, 0xD9, 0x6A]).sum(axis=2) <= 6  # the measure's colour
    # the building is the largest patch of that colour (the legend has a swatch of it)
    patches, count = ndimage.label(green)
    sizes = np.bincount(patches.ravel())[1:]
    assert count >= 2 and sizes.max() > 500
    rows, cols = np.nonzero(patches == 1 + int(np.argmax(sizes)))
    top, bottom, left, right = rows.min(), rows.max(), cols.min(), cols.max()
    middle = image[(top + bottom) // 2, (left + right) // 2]
    assert tuple(middle) == (255, 255, 255)  # the courtyard is not filled
    ring = image[(top + bottom) // 2, left + (right - left) // 8]
    assert green[(top + bottom) // 2, left + (right - left) // 8], tuple(ring)


def test_export_writes_sheets_without_a_writer_passed(tmp_path):
    project = Project(buildings=generate_buildings(120, seed=5))
    prepared = prepare_export(project)
    project = applied(project, prepared.change)
    ids = prepared.packages["package_id"].astype(str).tolist()[:2]
    out = tmp_path / "export"
    report = export_project(
        project, out, ExportOptions(formats=("pdf",), package_ids=ids, field_pack=True)
    )
    sheets = sorted((out / "pdf").glob("*.pdf"))
    assert len(sheets) == 2 and all(p in report.files for p in sheets)
    for sheet in sheets:
        info = poppler("pdfinfo", sheet).stdout
        assert re.search(r"Producer:\s+gis_app", info)
        copy = out / "veldpakketten" / sheet.stem / sheet.name
        assert copy.read_bytes() == sheet.read_bytes()


def test_export_without_qt_stops_at_a_sheet_outside_cp1252_and_writes_nothing(tmp_path):
    project = Project(buildings=generate_buildings(120, seed=5))
    project = applied(project, prepare_export(project).change)
    packages = project.packages.copy()
    packages.loc[packages.index[0], "name"] = "Wijk 格"
    project.packages = packages
    first = str(packages["package_id"].iloc[0])
    out = tmp_path / "export"
    out.mkdir()
    (out / "eerder.txt").write_text("van een eerdere export")
    with pytest.raises(pdf.UnprintableText) as raised:
        export_project(project, out, ExportOptions(formats=("csv", "pdf"), package_ids=[first]))
    message = str(raised.value)
    assert ".pdf" in message and "'格'" in message and "Wijk 格" in message
    assert sorted(p.name for p in out.iterdir()) == ["eerder.txt"]  # all or nothing
