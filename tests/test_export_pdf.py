"""PDF map sheets: the layout model keeps rows whole and repeats the header; the file is a PDF."""

import re
import shutil
import subprocess

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gis_app.core.export.sheets import package_sheet
from gis_app.render.pdf_sheets import layout_for, paginate, write_package_pdf


def test_paginate_keeps_rows_whole_and_counts_pages():
    heights = [10.0] * 25 + [35.0] + [10.0] * 4
    layout = paginate(heights, header_height=12.0, page_height=100.0)
    assert [i for page in layout.pages for i in page] == list(range(30))  # every row once, in order
    for page in layout.pages:
        assert layout.header_height + sum(heights[i] for i in page) <= 100.0
    # 8 rows of 10 fit under a 12 header on a page of 100
    assert layout.pages[0] == list(range(8))
    assert layout.page_count == 4


def test_paginate_gives_an_oversized_row_its_own_page():
    layout = paginate([5.0, 500.0, 5.0], header_height=10.0, page_height=100.0)
    assert layout.pages == [[0], [1], [2]]


def frame_of(n: int, *, long_text: bool = False) -> gpd.GeoDataFrame:
    xs = 250000 + 15 * (np.arange(n) % 40)
    ys = 594000 + 15 * (np.arange(n) // 40)
    address = [
        f"Ëlsstraat {i}"
        + (" met een heel lange toevoeging " * 3 if long_text and i % 7 == 0 else "")
        for i in range(n)
    ]
    return gpd.GeoDataFrame(
        {
            "building_id": [f"{i:016d}" for i in range(n)],
            "address": address,
            "woonplaats": ["Groningen 格罗宁根"] * n,
            "measure": np.where(np.arange(n) % 2, "heavy", "light"),
            "approach": "standard",
            "prep_start": pd.Timestamp("2027-01-04"),
            "construction_start": pd.Timestamp("2027-06-07"),
            "completion": pd.Timestamp("2027-12-06"),
        },
        geometry=shapely.box(xs, ys, xs + 10, ys + 8),
        crs="EPSG:28992",
    )


def sheet_of(frame, columns=None):
    package = {
        "package_id": "C1-WP01",
        "name": "Ëlsstraat deel 1",
        "contractor": "Bouw & Zn",
        "period_start": pd.Timestamp("2027-06-07"),
        "period_end": pd.Timestamp("2027-12-06"),
        "n_buildings": len(frame),
        "geometry": shapely.box(*frame.total_bounds).buffer(3) if len(frame) else None,
    }
    return package_sheet(package, frame, frame, columns=columns)


def test_long_table_layout_and_pdf(tmp_path, qapp):
    frame = frame_of(230, long_text=True)
    sheet = sheet_of(frame, columns=list(frame.columns))
    layout = layout_for(sheet)
    assert [i for page in layout.pages for i in page] == list(range(230))
    assert layout.page_count >= 4
    for page in layout.pages:
        assert layout.header_height + sum(layout.row_heights[i] for i in page) <= layout.page_height
    # wrapped rows (long addresses) are taller than plain ones
    assert layout.row_heights[7] > layout.row_heights[1]
    path = tmp_path / "blad.pdf"
    used = write_package_pdf(path, sheet)
    assert used.pages == layout.pages
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    expected_pages = 1 + layout.page_count
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == expected_pages
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "20", "-f", "2", "-l", "2", "-png", str(path), str(tmp_path / "p")],
            check=True,
        )
        assert any(tmp_path.glob("p*.png"))


def test_sheet_leaves_out_personal_columns_unless_chosen():
    frame = frame_of(3)
    without = sheet_of(frame, columns=["building_id", "measure"])
    assert "adres" not in without.header
    assert without.header[:2] == ["nr", "BAG pand-id"]
    with_address = sheet_of(frame, columns=["building_id", "address"])
    assert "adres" in with_address.header
    assert with_address.rows[0][with_address.header.index("adres")] == "Ëlsstraat 0"
    assert with_address.rows[0][with_address.header.index("maatregel")] == "lichte versterking"
    assert with_address.rows[0][with_address.header.index("start bouw")] == "07-06-2027"
    assert [item.label for item in with_address.legend] == [
        "lichte versterking",
        "zware versterking",
    ]


def test_empty_package_sheet(tmp_path, qapp):
    sheet = sheet_of(frame_of(0))
    path = tmp_path / "leeg.pdf"
    layout = write_package_pdf(path, sheet)
    assert layout.page_count == 0
    assert path.read_bytes().startswith(b"%PDF")


def test_sheet_lists_every_address_and_prints_house_numbers_and_streets(tmp_path, qapp):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainterPath

    from gis_app.core.export.addresses import address_rows
    from gis_app.render.pdf_sheets import HOUSE_NUMBER_MM, _mm, house_number_font

    frame = frame_of(3).assign(address=["Kerkstraat 1", "Kerkstraat 3", "Molenweg 8b"])
    frame["postcode"] = ["9919AB", "9919AB", "9919AC"]
    table = pd.DataFrame(
        {
            "building_id": [frame["building_id"].iloc[1]] * 2,
            "straat": ["Kerkstraat"] * 2,
            "huisnummer": [3, 3],
            "toevoeging": ["2", "1"],
            "postcode": ["9919AB"] * 2,
            "woonplaats": ["Groningen"] * 2,
        }
    )
    project = type("P", (), {"buildings": frame, "addresses": table})()
    sheet = package_sheet(
        {"package_id": "C1-WP01", "name": "Kerkstraat"},
        frame,
        frame,
        columns=["building_id", "address", "postcode", "measure"],
        addresses=address_rows(project),
    )
    assert sheet.header[:6] == ["nr", "BAG pand-id", "straat", "huisnr.", "postcode", "woonplaats"]
    assert [(r[0], r[2], r[3]) for r in sheet.rows] == [
        ("1", "Kerkstraat", "1"),
        ("2", "Kerkstraat", "3-1"),
        ("2", "Kerkstraat", "3-2"),
        ("3", "Molenweg", "8B"),
    ]
    assert sheet.label_texts == ["1", "3", "8B"]
    assert sorted(name for name, *_ in sheet.street_labels) == ["Kerkstraat", "Molenweg"]
    # digits print at least 2.5 mm high: measured on the glyph outlines the sheet draws
    path = QPainterPath()
    path.addText(QPointF(0, 0), house_number_font(), "0123456789")
    assert path.boundingRect().height() >= _mm(HOUSE_NUMBER_MM)
    assert path.boundingRect().height() < _mm(HOUSE_NUMBER_MM) * 1.3
    pdf = tmp_path / "blad.pdf"
    write_package_pdf(pdf, sheet)
    # read back by an independent reader (poppler; scripts/test.py installs poppler-utils)
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (Debian package poppler-utils) is needed to read the PDF back")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Kerkstraat" in text and "Molenweg" in text and "3-2" in text


def test_sheet_sent_to_a_worker_keeps_its_nearby_buildings():
    """A sheet pickles its nearby buildings as one WKB array: they come back equal."""
    import pickle

    frame = frame_of(60)
    sheet = package_sheet(
        {"package_id": "C1-WP01", "geometry": None}, frame.iloc[:10], frame, columns=None
    )
    assert len(sheet.context) > 0  # the nearby ones of the other 50
    copy = pickle.loads(pickle.dumps(sheet))
    assert bool(shapely.equals_exact(copy.context, sheet.context, tolerance=0).all())
    assert copy.rows == sheet.rows and copy.label_texts == sheet.label_texts
    empty = pickle.loads(pickle.dumps(package_sheet({"package_id": "X"}, frame.iloc[:0], None)))
    assert len(empty.context) == 0
