"""Addresses for contractors and readable values, read back by independent readers;
every GeoPackage the app writes declares MultiPolygon and GeoPackage 1.2."""

import csv
import datetime as dt
import sqlite3
import subprocess
from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import shapefile
import shapely

from gis_app.core.export.addresses import address_rows, split_address
from gis_app.core.export.exporter import ExportOptions, PreparedExport, export_project
from gis_app.core.io.projectfile import save_project
from gis_app.core.packages import PackageSettings, make_packages, package_context
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns
from gis_app.render.pdf_sheets import write_package_pdf


class FakePlan:
    def __init__(self, buildings):
        n = len(buildings)
        start = pd.Timestamp("2027-01-04") + pd.to_timedelta(np.arange(n) * 7, unit="D")
        self.schedule = pd.DataFrame(
            {
                "row": np.arange(n),
                "building_id": buildings["building_id"].to_numpy(),
                "cluster_id": buildings["cluster_id"].to_numpy(),
                "measure": "heavy",
                "approach": "standard",
                "prep_start": pd.Timestamp("2026-11-30"),
                "construction_start": start,
                "completion": start + pd.Timedelta(days=140),
                "wait_years": 1.4948665297741273 + np.arange(n) * 0.1,
                "cost": 150_000.4 + np.arange(n),
            }
        )
        self.clusters = pd.DataFrame({"cluster_id": ["C1"], "position": [0]})


def three_buildings() -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {
            "building_id": ["0003100000000001", "0003100000000002", "0003100000000003"],
            "cluster_id": "C1",
            "address": ["Stationsweg 12a", "Kerkstraat 3-2", "Dorpsweg 7"],
            "postcode": ["9919 ab", "9919AC", "9919AD"],
            "woonplaats": "Loppersum",
            "addresses": [1, 3, 1],
            "residents": [2.4, 5.0, 1.0],
            "lpr": [1.23456e-4, 2.0e-5, 9.87654e-6],
            "bouwjaar": [1931.0, 1965.0, np.nan],
        },
        geometry=[shapely.box(i * 20, 0, i * 20 + 9, 8) for i in range(3)],
        crs="EPSG:28992",
    )
    frame["geometry"] = frame.geometry.translate(240000, 590000)
    return ensure_building_columns(frame)


def exported(tmp_path, project, **options):
    plan = FakePlan(project.buildings)
    packages, assignment = make_packages(plan, project.buildings, None, PackageSettings())
    project.packages = packages
    project.buildings["package_id"] = assignment.to_numpy()
    prepared = PreparedExport(plan, package_context(plan, project.buildings), packages, assignment)
    export_project(
        project,
        tmp_path,
        ExportOptions(**options),
        pdf_writer=write_package_pdf,
        prepared=prepared,
    )
    return packages


def test_split_address_spellings():
    assert split_address("Stationsweg 12a") == ("Stationsweg", 12, "A", "")
    assert split_address("Stationsweg 12 A") == ("Stationsweg", 12, "A", "")
    assert split_address("Kerkstraat 3-2") == ("Kerkstraat", 3, "", "2")
    assert split_address("Van Heemskerckstraat 1B-bis") == ("Van Heemskerckstraat", 1, "B", "bis")
    assert split_address("Boerderij De Hoeve") == ("Boerderij De Hoeve", None, "", "")


def test_address_rows_use_the_address_table_and_fall_back_per_pand():
    buildings = three_buildings()
    table = pd.DataFrame(
        {
            "building_id": ["0003100000000002"] * 3,
            "straat": ["Kerkstraat"] * 3,
            "huisnummer": [3, 3, 1],
            "huisletter": ["", "", ""],
            "toevoeging": ["2", "1", ""],
            "postcode": ["9919 ac"] * 3,
            "woonplaats": ["Loppersum"] * 3,
            "verblijfsobject_id": ["0003010000000012", "0003010000000011", "0003010000000010"],
        }
    )
    rows = address_rows(SimpleNamespace(buildings=buildings, addresses=table))
    assert rows["building_id"].tolist() == ["0003100000000001"] + ["0003100000000002"] * 3 + [
        "0003100000000003"
    ]
    second = rows[rows["building_id"] == "0003100000000002"]
    assert second["huisnummer"].tolist() == [1, 3, 3]  # by number, then addition
    assert second["toevoeging"].tolist() == ["", "1", "2"]
    assert set(second["postcode"]) == {"9919AC"}
    first = rows.iloc[0]
    assert (first["straat"], first["huisnummer"], first["huisletter"], first["postcode"]) == (
        "Stationsweg",
        12,
        "A",
        "9919AB",
    )
    assert len(address_rows(SimpleNamespace(buildings=buildings))) == 3


def test_address_lists_one_row_per_address_with_readable_values(tmp_path, qapp, ogrinfo):
    project = Project(buildings=three_buildings())
    project.addresses = pd.DataFrame(
        {
            "building_id": ["0003100000000002"] * 2,
            "straat": ["Kerkstraat"] * 2,
            "huisnummer": [3, 3],
            "toevoeging": ["1", "2"],
            "postcode": ["9919AC"] * 2,
            "woonplaats": ["Loppersum"] * 2,
            "verblijfsobject_id": ["0003010000000011", "0003010000000012"],
        }
    )
    packages = exported(tmp_path, project, formats=("csv", "xlsx", "shp", "gpkg"))
    pid = packages["package_id"].iloc[0]
    csv_file = next((tmp_path / "adreslijsten").glob(f"{pid}*.csv"))
    rows = list(csv.reader(csv_file.read_text("utf-8-sig").splitlines(), delimiter=";"))
    header, body = rows[0], rows[1:]
    col = {name: header.index(name) for name in header}
    for name in ("straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats"):
        assert name in col
    assert "adres" not in col and "bewoners" not in col  # residents stay opt-in
    assert [(r[col["straat"]], r[col["huisnummer"]], r[col["toevoeging"]]) for r in body] == [
        ("Stationsweg", "12", ""),
        ("Kerkstraat", "3", "1"),
        ("Kerkstraat", "3", "2"),
        ("Dorpsweg", "7", ""),
    ]
    assert body[0][col["huisletter"]] == "A" and body[0][col["postcode"]] == "9919AB"
    assert [r[col["BAG pand-id"]] for r in body][1:3] == ["0003100000000002"] * 2
    assert [r[col["werkpakket-id"]] for r in body] == [pid] * 4
    assert body[1][col["BAG verblijfsobject-id"]] == "0003010000000011"
    # 1.49 years -> 18 months, 1.59 -> 19, 1.69 -> 20; euros whole; LPR 3 significant digits
    assert [r[col["wachttijd (maanden)"]] for r in body] == ["18", "19", "19", "20"]
    assert [r[col["kosten (euro)"]] for r in body] == ["150000", "150001", "150001", "150002"]
    assert body[0][col["LPR"]] == "1,23e-04" and body[3][col["LPR"]] == "9,88e-06"
    assert [r[col["bouwjaar"]] for r in body] == ["1931", "1965", "1965", ""]
    assert body[0][col["start bouw"]] == "2027-01-04"

    book = openpyxl.load_workbook(next((tmp_path / "adreslijsten").glob(f"{pid}*.xlsx")))
    sheet = book["Adressen"]
    xheader = [c.value for c in sheet[1]]
    first = [c for c in sheet[2]]
    cell = {name: first[i] for i, name in enumerate(xheader)}
    assert cell["start bouw"].is_date and cell["start bouw"].value.date() == dt.date(2027, 1, 4)
    assert cell["gereed"].is_date
    assert cell["wachttijd (maanden)"].value == 18
    assert cell["kosten (euro)"].value == 150000 and isinstance(cell["kosten (euro)"].value, int)
    assert cell["huisnummer"].value == 12
    assert cell["LPR"].value == 1.23e-4 and cell["LPR"].number_format == "0.00E+00"
    assert cell["bouwjaar"].value == 1931 and isinstance(cell["bouwjaar"].value, int)
    assert sheet.max_row == 5
    explained = [r[0] for r in book["Toelichting"].iter_rows(values_only=True)]
    assert "huisnummer" in explained and "straat" in explained and "adres" not in explained

    shp = next((tmp_path / "shapefile").glob("*/*.shp"))
    reader = shapefile.Reader(str(shp))
    kinds = {f[0]: f[1] for f in reader.fields[1:]}
    dates = [name for name, kind in kinds.items() if kind == "D"]
    assert len(dates) == 3  # prep start, construction start, completion
    record = reader.record(0)
    assert record[dates[1]] == dt.date(2027, 1, 4)
    assert record["wacht_mnd"] == 18

    listing = subprocess.run(
        [ogrinfo, "-so", str(tmp_path / "werkpakketten.gpkg"), "buildings"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "construction_start: Date" in listing and "completion: Date" in listing
    assert "wait_months: Integer" in listing and "cost: Integer" in listing
    assert "plan_completion_year" not in listing


def gpkg_declaration(path):
    with sqlite3.connect(path) as con:
        types = dict(
            con.execute("select table_name, geometry_type_name from gpkg_geometry_columns")
        )
        application = con.execute("pragma application_id").fetchone()[0]
        version = con.execute("pragma user_version").fetchone()[0]
    return types, application, version


def test_every_geopackage_declares_multipolygon_and_version_1_2(tmp_path, qapp, ogrinfo):
    buildings = three_buildings()
    # a mix as a Shapefile import gives: Polygon and MultiPolygon rows
    buildings.loc[2, "geometry"] = shapely.MultiPolygon(
        [shapely.box(240040, 590000, 240049, 590008), shapely.box(240052, 590000, 240055, 590004)]
    )
    project = Project(buildings=buildings)
    exported(tmp_path / "export", project, formats=("gpkg",), field_pack=True)
    saved = save_project(project, tmp_path / "project.gpkg")
    files = [saved, tmp_path / "export" / "werkpakketten.gpkg"]
    files += list((tmp_path / "export" / "veldpakketten").glob("*/*.gpkg"))
    assert len(files) == 3
    for path in files:
        types, application, version = gpkg_declaration(path)
        assert application == 0x47504B47  # "GPKG"
        assert version == 10200, path
        polygon_layers = {
            k: v for k, v in types.items() if k in ("buildings", "clusters", "packages")
        }
        assert "buildings" in polygon_layers
        assert set(polygon_layers.values()) == {"MULTIPOLYGON"}, (path, types)
        done = subprocess.run(
            [ogrinfo, "-so", "-al", str(path)], capture_output=True, text=True, check=True
        )
        assert "Multi Polygon" in done.stdout
        assert "Warning" not in done.stderr and "user_version" not in done.stderr


def test_cli_exports_one_contractors_packages_in_a_period(tmp_path, capsys):
    from gis_app.cli import main
    from gis_app.core.change import applied
    from gis_app.core.export.exporter import prepare_export
    from gis_app.core.sample import generate_buildings

    project = Project(buildings=generate_buildings(200, seed=11))
    project = applied(project, prepare_export(project).change)
    packages = project.packages.copy()
    packages["contractor"] = ["Bouw A" if i % 2 == 0 else "Bouw B" for i in range(len(packages))]
    project.packages = packages
    path = save_project(project, tmp_path / "p.gpkg")
    starts = pd.to_datetime(packages["period_start"])
    cut = starts.sort_values().iloc[len(starts) // 2]
    expected = packages[(packages["contractor"] == "Bouw A") & (starts <= cut)]["package_id"]
    assert 0 < len(expected) < len(packages)
    out = tmp_path / "uit"
    code = main(
        ["export", str(path), "--out", str(out), "--format", "csv"]
        + ["--contractor", "Bouw A", "--until", cut.date().isoformat()]
    )
    assert code == 0
    written = sorted(p.name.split(" ")[0] for p in (out / "adreslijsten").glob("*.csv"))
    assert written == sorted(expected)
    assert main(["export", str(path), "--out", str(out), "--contractor", "Niemand"]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_the_address_table_travels_with_the_project_file(tmp_path):
    from gis_app.core.io.projectfile import load_project
    from gis_app.core.project import Project
    from gis_app.core.sample import generate_buildings

    buildings = generate_buildings(60, seed=3)
    ids = buildings["building_id"].astype(str).tolist()
    addresses = pd.DataFrame(
        {
            "building_id": [ids[0], ids[0], ids[1]],
            "straat": ["Kerkstraat", "Kerkstraat", "Molenweg"],
            "huisnummer": pd.array([3, 3, 8], dtype="Int64"),
            "huisletter": ["", "", "B"],
            "toevoeging": ["1", "2", ""],
            "postcode": ["9919AB", "9919AB", "9919AC"],
            "woonplaats": ["Loppersum"] * 3,
            "verblijfsobject_id": ["0024010000000001", "0024010000000002", "0024010000000003"],
        }
    )
    path = save_project(Project(buildings=buildings, addresses=addresses), tmp_path / "p.gpkg")
    loaded = load_project(path)
    pd.testing.assert_frame_equal(loaded.addresses, addresses, check_dtype=False)
    assert loaded.addresses["verblijfsobject_id"].tolist()[0] == "0024010000000001"  # text
    assert str(loaded.addresses["huisnummer"].dtype) == "Int64"
    assert load_project(save_project(loaded, tmp_path / "q.gpkg")).addresses is not None
