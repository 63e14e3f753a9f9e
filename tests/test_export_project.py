"""Whole exports: planning and packaging on demand, hostile names, column choice, the CLI, 50,000 buildings."""

import csv

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapefile
import shapely
from ogr_support import run_ogrinfo

from gis_app.cli import main
from gis_app.core.change import applied
from gis_app.core.errors import ExportError
from gis_app.core.export.exporter import (
    ExportOptions,
    PreparedExport,
    export_project,
    prepare_export,
)
from gis_app.core.packages import PackageSettings, make_packages, new_package, package_context
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings
from gis_app.core.schema import ensure_building_columns
from gis_app.render.pdf_sheets import write_package_pdf


def files_under(path):
    return sorted(p for p in path.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def bare_project():
    """A small sample project without clusters, plan settings or packages."""
    return Project(buildings=generate_buildings(250, seed=3))


@pytest.fixture(scope="module")
def planned_project(bare_project):
    """The sample project with what a first export made (clusters, packages) applied."""
    return applied(bare_project, prepare_export(bare_project).change)


def test_export_plans_and_packages_a_bare_project(tmp_path, qapp, bare_project, ogrinfo):
    out = tmp_path / "export"
    prepared = prepare_export(bare_project)
    some = prepared.packages["package_id"].tolist()[:3]
    report = export_project(
        bare_project,
        out,
        ExportOptions(package_ids=some),
        pdf_writer=write_package_pdf,
        prepared=prepared,
    )
    text = report.to_text()
    assert (
        "geen clusters" in text and "geen werkpakketten" in text and "standaardinstellingen" in text
    )
    # the export leaves the project alone; what it made is the change the caller applies
    assert bare_project.packages is None and "package_id" not in bare_project.buildings
    assert len(bare_project.clusters) == 0
    project = applied(bare_project, prepared.change)
    assert project.packages is not None and len(project.packages) > len(report.packages) == 3
    assert "package_id" in project.buildings
    for path in report.files:
        assert path.resolve().is_relative_to(out.resolve())
        assert path.exists()
    # one GeoPackage, per package shp folder + zip, geojson, csv, xlsx, pdf
    n = len(report.packages)
    assert len(list((out / "shapefile").glob("*.zip"))) == n
    assert len(list((out / "pdf").glob("*.pdf"))) == n
    assert len(list((out / "adreslijsten").glob("*.xlsx"))) == n
    listing = run_ogrinfo(ogrinfo, "-so", out / "werkpakketten.gpkg", "buildings")
    packaged = int(project.buildings["package_id"].isin(some).sum())
    assert f"Feature Count: {packaged}" in listing
    back = gpd.read_file(out / "werkpakketten.gpkg", layer="buildings")
    # addresses (public BAG data) go out by default, resident data stays home
    assert "address" in back and "postcode" in back and "residents" not in back
    assert {"building_id", "package_id", "measure", "construction_start"} <= set(back.columns)
    expected = project.buildings.set_index("building_id")
    assert (
        back["package_id"].to_numpy() == expected.loc[back["building_id"], "package_id"].to_numpy()
    ).all()
    original = expected.loc[back["building_id"]].geometry.to_numpy()
    assert (shapely.hausdorff_distance(back.geometry.to_numpy(), original) < 1e-3).all()
    packages = gpd.read_file(out / "werkpakketten.gpkg", layer="packages")
    assert packages["package_id"].tolist() == report.packages
    # a second export of the same project gives the same package ids (no re-cut)
    again = export_project(project, tmp_path / "again", ExportOptions(formats=("csv",)))
    assert again.packages == prepared.packages["package_id"].tolist()
    assert not any("geen werkpakketten" in note for note in again.notes)


def test_hostile_package_names_stay_inside(tmp_path, planned_project):
    project = planned_project
    if project.packages is None:
        export_project(project, tmp_path / "first", ExportOptions(formats=("csv",)))
    project.packages = project.packages.copy()
    hostile = ["../x", "CON", "a:b*?", "..\\..\\win", "/etc/passwd"]
    ids = project.packages["package_id"].tolist()[: len(hostile)]
    for pid, name in zip(ids, hostile, strict=False):
        project.packages.loc[project.packages["package_id"] == pid, "name"] = name
    out = tmp_path / "sub" / "export"
    before = set(files_under(tmp_path))
    report = export_project(
        project, out, ExportOptions(formats=("shp", "csv", "geojson"), package_ids=ids)
    )
    created = set(files_under(tmp_path)) - before
    assert created and all(p.resolve().is_relative_to(out.resolve()) for p in created)
    names = {p.name for p in created}
    for name in names:
        assert not (set(name) & set('\\:*?"<>|'))
        assert not name.upper().startswith(("CON.", "CON "))
    assert any(n.startswith(f"{ids[1]} CON") for n in names)
    assert len(report.packages) == len(ids)


def test_column_choice_is_remembered_and_personal_data_opt_in(tmp_path, planned_project):
    project = planned_project
    if project.packages is None:
        export_project(project, tmp_path / "first", ExportOptions(formats=("csv",)))
    project.settings.pop("export_columns", None)
    pid = project.packages["package_id"].iloc[0]
    chosen = ["building_id", "address", "residents", "measure"]
    report = export_project(
        project, tmp_path / "a", ExportOptions(formats=("xlsx",), package_ids=[pid], columns=chosen)
    )
    assert project.settings["export_columns"] == report.columns
    assert set(report.columns) == {"building_id", "package_id", "address", "residents", "measure"}
    again = export_project(
        project, tmp_path / "b", ExportOptions(formats=("xlsx",), package_ids=[pid])
    )
    assert again.columns == report.columns
    book = openpyxl.load_workbook(next((tmp_path / "b" / "adreslijsten").glob("*.xlsx")))
    header = next(book["Adressen"].iter_rows(values_only=True))
    assert "straat" in header and "bewoners" in header and "mijlpaal" not in header
    rows = list(book["Adressen"].iter_rows(values_only=True))[1:]
    members = project.buildings[project.buildings["package_id"] == pid]
    assert sorted(r[0] for r in rows) == sorted(members["building_id"])
    by_id = members.set_index("building_id")
    for row in rows:
        number = row[header.index("huisnummer")]
        assert isinstance(number, int)
        address = f"{row[header.index('straat')]} {number}{row[header.index('huisletter')] or ''}"
        assert address == by_id.loc[row[0], "address"]
        assert row[header.index("bewoners")] == round(by_id.loc[row[0], "residents"])


def test_unknown_package_and_format_are_errors(tmp_path, planned_project):
    project = planned_project
    with pytest.raises(ExportError):
        export_project(
            project, tmp_path, ExportOptions(formats=("csv",), package_ids=["bestaat-niet"])
        )
    with pytest.raises(ExportError):
        export_project(project, tmp_path, ExportOptions(formats=("dwg",)))
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(ExportError):
        export_project(project, target, ExportOptions(formats=("csv",)))


# --- hand-made plans: empty packages and a package of 50,000 buildings ----------------------


class FakePlan:
    def __init__(self, buildings):
        n = len(buildings)
        start = pd.Timestamp("2027-01-04") + pd.to_timedelta((np.arange(n) // 500) * 7, unit="D")
        self.schedule = pd.DataFrame(
            {
                "row": np.arange(n),
                "building_id": buildings["building_id"].to_numpy(),
                "cluster_id": buildings["cluster_id"].to_numpy(),
                "measure": np.where(np.arange(n) % 4 == 0, "light", "heavy"),
                "approach": "standard",
                "prep_start": pd.Timestamp("2026-11-30"),
                "construction_start": start,
                "completion": start + pd.Timedelta(days=140),
                "cost": 150_000.0,
            }
        )
        self.clusters = pd.DataFrame({"cluster_id": ["C1"], "position": [0]})


def grid_buildings(n: int) -> gpd.GeoDataFrame:
    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    x = 240000 + 12.0 * (i % side) + 0.123
    y = 590000 + 12.0 * (i // side) + 0.456
    frame = gpd.GeoDataFrame(
        {
            "building_id": [f"0003{k:012d}" for k in i],
            "cluster_id": "C1",
            "address": [f"Ëlsstraat {k}" for k in i],
            "woonplaats": "Groningen 格罗宁根",
        },
        geometry=shapely.box(x, y, x + 9.5, y + 7.25),
        crs="EPSG:28992",
    )
    return ensure_building_columns(frame)


def prepared_for(project, settings) -> PreparedExport:
    plan = FakePlan(project.buildings)
    packages, assignment = make_packages(plan, project.buildings, None, settings)
    project.packages = packages
    project.buildings["package_id"] = assignment.to_numpy()
    return PreparedExport(plan, package_context(plan, project.buildings), packages, assignment)


def test_empty_package_exports_every_format(tmp_path, qapp):
    project = Project(buildings=grid_buildings(20))
    prepared = prepared_for(project, PackageSettings())
    packages, assignment, pid = new_package(
        prepared.packages, prepared.assignment, prepared.context, cluster_id="C1", name="Reserve"
    )
    prepared.packages = packages
    project.packages = packages
    report = export_project(
        project,
        tmp_path,
        ExportOptions(package_ids=[pid], field_pack=True),
        pdf_writer=write_package_pdf,
        prepared=prepared,
    )
    shp = next((tmp_path / "shapefile").glob("*/*.shp"))
    assert len(shapefile.Reader(str(shp))) == 0
    csv_file = next((tmp_path / "adreslijsten").glob("*.csv"))
    assert len(list(csv.reader(csv_file.read_text("utf-8-sig").splitlines(), delimiter=";"))) == 1
    assert next((tmp_path / "pdf").glob("*.pdf")).read_bytes().startswith(b"%PDF")
    assert any(p.suffix == ".zip" for p in report.files)


# --- command line ---------------------------------------------------------------------------


def test_cli_export(tmp_path, capsys):
    from gis_app.core.io.projectfile import load_project, save_project

    project = Project(buildings=generate_buildings(150, seed=5))
    path = tmp_path / "project.gpkg"
    save_project(project, path)
    out = tmp_path / "out"
    code = main(
        [
            "export",
            str(path),
            "--out",
            str(out),
            "--format",
            "shp,csv",
            "--fields",
            "default,address",
            "--save-packages",
        ]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "geen werkpakketten" in printed.out and "geëxporteerd" in printed.out
    assert list((out / "shapefile").glob("*.zip"))
    header = next(
        csv.reader(
            next((out / "adreslijsten").glob("*.csv")).read_text("utf-8-sig").splitlines(),
            delimiter=";",
        )
    )
    assert {"straat", "huisnummer", "postcode", "woonplaats"} <= set(header)
    assert not (out / "werkpakketten.gpkg").exists()
    saved = load_project(path)
    assert saved.packages is not None and len(saved.packages) > 0
    assert (saved.buildings["package_id"] != "").any()
    assert "opgeslagen" in printed.out

    code = main(["export", str(path), "--out", str(out), "--format", "dwg"])
    err = capsys.readouterr().err
    assert code == 2 and "onbekend exportformaat" in err and len(err.strip().splitlines()) == 1
    code = main(["export", str(path), "--out", str(out), "--fields", "bestaat_niet"])
    err = capsys.readouterr().err
    assert code == 2 and "onbekende kolom" in err


def test_export_into_a_folder_of_an_earlier_export_replaces_and_adds(tmp_path, planned_project):
    """New folders move into place whole, existing ones file by file: an export into the
    folder of an earlier one replaces its files of the same name, keeps the others and
    adds the new packages' folders; the report names the files where they ended up."""
    ids = planned_project.packages["package_id"].astype(str).tolist()
    assert len(ids) >= 2
    out = tmp_path / "uit"
    first = export_project(
        planned_project, out, ExportOptions(formats=("shp", "csv"), package_ids=ids[:1])
    )
    mine = out / "adreslijsten" / "mijn notities.txt"
    mine.write_text("van de planner", encoding="utf-8")
    old_csv = next(p for p in first.files if p.suffix == ".csv")
    old_csv.write_text("oud", encoding="utf-8")
    second = export_project(
        planned_project, out, ExportOptions(formats=("shp", "csv", "geojson"), package_ids=ids)
    )
    assert mine.read_text(encoding="utf-8") == "van de planner"
    assert old_csv.read_text(encoding="utf-8-sig") != "oud"  # replaced by the new export
    assert all(p.is_file() and out.resolve() in p.parents for p in second.files)
    on_disk = set(files_under(out))
    assert set(second.files) <= on_disk
    assert on_disk - set(second.files) == {mine.resolve()}
    shp = [p for p in second.files if p.suffix == ".shp"]
    assert len(shp) == len(ids)
    assert all(len(shapefile.Reader(str(p))) > 0 for p in shp)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left
