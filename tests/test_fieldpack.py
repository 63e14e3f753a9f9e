"""Offline field packs: written for QGIS/QField, edited in the field, imported with conflicts reported."""

import shutil
import sqlite3
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from gis_app.core.errors import InputError
from gis_app.core.export.exporter import ExportOptions, PreparedExport, export_project
from gis_app.core.fieldpack import (
    apply_changes,
    compare_fieldpack_file,
    import_fieldpack,
    read_fieldpack,
)
from gis_app.core.packages import PackageSettings, make_packages, package_context
from gis_app.core.progress import Cancelled, CancelToken, Progress
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
                "construction_start": start,
                "completion": start + pd.Timedelta(days=140),
            }
        )
        self.clusters = pd.DataFrame({"cluster_id": ["C1"], "position": [0]})


@pytest.fixture
def exported(tmp_path, qapp):
    n = 8
    x = 250000 + 12.0 * np.arange(n)
    buildings = gpd.GeoDataFrame(
        {
            "building_id": [f"00031000000000{i:02d}" for i in range(n)],
            "cluster_id": "C1",
            "milestone": "in_plan",
            "address": [f"Ëlsstraat {i}" for i in range(n)],
        },
        geometry=shapely.box(x, 594000, x + 10, 594008),
        crs="EPSG:28992",
    )
    project = Project(buildings=ensure_building_columns(buildings))
    plan = FakePlan(project.buildings)
    packages, assignment = make_packages(plan, project.buildings, None, PackageSettings())
    project.packages = packages
    project.buildings["package_id"] = assignment.to_numpy()
    prepared = PreparedExport(plan, package_context(plan, project.buildings), packages, assignment)
    out = tmp_path / "export"
    report = export_project(
        project,
        out,
        ExportOptions(formats=(), field_pack=True),
        pdf_writer=write_package_pdf,
        prepared=prepared,
    )
    folder = next(p for p in (out / "veldpakketten").iterdir() if p.is_dir())
    return project, folder, report


def gpkg_of(folder):
    return next(folder.glob("*.gpkg"))


def test_field_pack_contents(exported):
    project, folder, report = exported
    names = {p.suffix for p in folder.iterdir()}
    assert {".gpkg", ".qgs", ".pdf", ".csv", ".txt"} <= names
    assert folder.with_suffix(".zip").exists()
    with zipfile.ZipFile(folder.with_suffix(".zip")) as archive:
        assert all(n.startswith(folder.name + "/") for n in archive.namelist())
    gpkg = gpkg_of(folder)
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert layers == {"buildings", "package", "layer_styles"}  # styles: core/qgis
    layer = gpd.read_file(gpkg, layer="buildings")
    assert layer.crs.to_epsg() == 28992
    assert layer["field_status"].isna().all() and layer["field_note"].isna().all()
    assert layer["field_date"].isna().all()
    assert (layer["export_milestone"] == "in_plan").all()
    assert layer["export_hash"].str.len().eq(16).all()
    assert layer["building_id"].tolist() == project.buildings["building_id"].tolist()
    # self-contained: only vector feature tables, nothing that refers to a tile server
    with sqlite3.connect(gpkg) as db:
        kinds = {row[0] for row in db.execute("select data_type from gpkg_contents")}
    assert kinds == {"features", "attributes"}  # attributes: the layer_styles table


def edit_in_field(gpkg, edits):
    """Change rows of the buildings layer as a field app would (by building id)."""
    layer = gpd.read_file(gpkg, layer="buildings")
    package = gpd.read_file(gpkg, layer="package")
    for building_id, changes in edits.items():
        row = layer.index[layer["building_id"] == building_id]
        for column, value in changes.items():
            if column == "building_id":
                layer["building_id"] = layer["building_id"].astype(object)
            layer.loc[row, column] = value
    gpkg.unlink()
    pyogrio.write_dataframe(layer, gpkg, layer="buildings")
    pyogrio.write_dataframe(package, gpkg, layer="package")


def test_import_applies_field_changes_and_reports_conflicts(exported):
    project, folder, _ = exported
    ids = project.buildings["building_id"].tolist()
    edit_in_field(
        gpkg_of(folder),
        {
            ids[0]: {
                "field_status": "opname gedaan",
                "field_note": "Scheur in de gevel",
                "field_date": pd.Timestamp("2027-02-03"),
            },
            ids[1]: {"field_status": "bouw_gestart"},
            ids[2]: {"field_status": "klaar?"},
            ids[3]: {"export_milestone": "afgerond", "field_status": "afgerond"},
            ids[4]: {"field_note": "Bewoner wil maatwerk"},
            ids[5]: {"building_id": "9999999999999999", "field_status": "opname"},
            ids[6]: {"field_status": "in lokaal plan"},  # same as exported: no change
        },
    )
    # the office moved building 1 on after the export: the field change conflicts
    project.buildings.loc[1, "milestone"] = "opname"
    before = project.buildings.copy()
    report = import_fieldpack(project, folder)
    b = project.buildings
    assert b.loc[0, "milestone"] == "opname"
    assert b.loc[0, "field_note"] == "Scheur in de gevel"
    assert b.loc[0, "field_date"] == "2027-02-03"
    assert b.loc[4, "field_note"] == "Bewoner wil maatwerk"
    assert b.loc[1, "milestone"] == "opname"  # office value kept
    assert (
        b.loc[[2, 3, 5, 6, 7], "milestone"].tolist()
        == before.loc[[2, 3, 5, 6, 7], "milestone"].tolist()
    )
    assert report.conflicts["building_id"].tolist() == [ids[1]]
    conflict = report.conflicts.iloc[0]
    assert (conflict.at_export, conflict.office, conflict.field) == (
        "in_plan",
        "opname",
        "bouw_gestart",
    )
    problems = {p.building_id: p for p in report.problems}
    assert "onbekende mijlpaal" in problems[ids[2]].message and problems[ids[2]].row == 3
    assert "exportstempel" in problems[ids[3]].message
    assert "komt niet voor" in problems["9999999999999999"].message
    assert report.updated_buildings == 2
    text = report.to_text()
    assert "1 conflict" in text and "rij 3" in text

    # undo through the change list
    apply_changes(project.buildings, report.changes, reverse=True)
    assert project.buildings.loc[0, "milestone"] == "in_plan"
    assert project.buildings.loc[0, "field_note"] == ""


def test_import_without_apply_changes_nothing(exported):
    project, folder, _ = exported
    first = project.buildings["building_id"].iloc[0]
    edit_in_field(gpkg_of(folder), {first: {"field_status": "beoordeling"}})
    before = project.buildings.copy()
    report = import_fieldpack(project, gpkg_of(folder), apply=False)
    assert len(report.changes) == 1 and not report.applied
    pd.testing.assert_frame_equal(project.buildings, before)


def test_import_from_zip_and_refuses_unsafe_zips(exported, tmp_path):
    project, folder, _ = exported
    first = project.buildings["building_id"].iloc[0]
    edit_in_field(gpkg_of(folder), {first: {"field_status": "normbesluit"}})
    returned = tmp_path / "terug.zip"
    with zipfile.ZipFile(returned, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"{folder.name}/{path.name}")
    report = import_fieldpack(project, returned)
    assert project.buildings.loc[0, "milestone"] == "normbesluit"
    assert report.updated_buildings == 1
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../buiten.gpkg", b"x")
    with pytest.raises(InputError):
        import_fieldpack(project, evil)
    assert not (tmp_path.parent / "buiten.gpkg").exists()


def test_not_a_field_pack(tmp_path):
    frame = gpd.GeoDataFrame({"building_id": ["1"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=28992)
    path = tmp_path / "ander.gpkg"
    frame.to_file(path, layer="buildings")
    with pytest.raises(InputError) as info:
        read_fieldpack(path)
    assert "geen veldpakket" in str(info.value)
    with pytest.raises(InputError):
        read_fieldpack(tmp_path / "bestaat-niet.gpkg")
    empty = tmp_path / "leeg"
    empty.mkdir()
    with pytest.raises(InputError):
        read_fieldpack(empty)
    shutil.rmtree(empty)


def test_reading_a_pack_reports_progress_and_stops_when_cancelled(exported, tmp_path, monkeypatch):
    import tempfile

    project, folder, _ = exported
    first = project.buildings["building_id"].iloc[0]
    edit_in_field(gpkg_of(folder), {first: {"field_status": "opname"}})
    returned = tmp_path / "terug.zip"
    with zipfile.ZipFile(returned, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"{folder.name}/{path.name}")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    steps = []
    report = compare_fieldpack_file(
        project.buildings, returned, Progress(lambda f, t: steps.append((f, t)))
    )
    assert report.updated_buildings == 1
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert "Veldpakket lezen" in [t for _, t in steps]
    assert "Veldpakket vergelijken met het project" in [t for _, t in steps]

    # cancelled once the zip is unpacked: stops there and removes the unpacked copy
    token = CancelToken()

    def report_step(fraction, text):
        if text == "Veldpakket openen":
            token.cancel()  # the next step raises

    before = project.buildings.copy()
    with pytest.raises(Cancelled):
        compare_fieldpack_file(project.buildings, returned, Progress(report_step, token))
    assert list(scratch.iterdir()) == []
    pd.testing.assert_frame_equal(project.buildings, before)
