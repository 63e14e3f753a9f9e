"""Exports written by worker processes: the same files as written in this process, and a
cancelled pooled export leaves neither files nor worker processes behind."""

import csv
import json
import zipfile

import openpyxl
import psutil
import pyogrio
import pytest
import shapefile

from gis_app.core.change import applied
from gis_app.core.export import pool
from gis_app.core.export.exporter import (
    ExportCancelled,
    ExportOptions,
    export_project,
    prepare_export,
)
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings
from gis_app.render.pdf_sheets import write_package_pdf

FORMATS = ("shp", "geojson", "csv", "xlsx", "pdf")


@pytest.fixture(scope="module")
def project():
    bare = Project(buildings=generate_buildings(400, seed=5))
    bare.settings["packages"] = {"max_buildings": 12}
    return applied(bare, prepare_export(bare).change)


def relative_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def shapefile_content(path):
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        fields = [f[0] for f in reader.fields[1:]]
        rows = [list(r) for r in reader.records()]
        shapes = [tuple(map(tuple, s.points)) for s in reader.shapes()]
    return fields, rows, shapes


def xlsx_content(path):
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        out = {}
        for sheet in book.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            # the sheet's export stamp is the clock time of each run
            out[sheet.title] = [r for r in rows if not any("geëxporteerd" in str(v) for v in r)]
        return out
    finally:
        book.close()


def pdf_pages(path):
    return path.read_bytes().count(b"/Type /Page\n") + path.read_bytes().count(b"/Type /Page>")


def content(path):
    """What an independent reader finds in ``path`` (no timestamps)."""
    suffix = path.suffix
    if suffix == ".shp":
        return shapefile_content(path)
    if suffix == ".geojson":
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["features"]
    if suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle, delimiter=";"))
    if suffix == ".xlsx":
        return xlsx_content(path)
    if suffix == ".pdf":
        return ("pages", pdf_pages(path), path.stat().st_size > 1000)
    if suffix == ".gpkg":
        frame = pyogrio.read_dataframe(path, layer="buildings")
        # the stamp and its checksum hold the clock time of each run
        stamped = ["exported_at", "export_hash"]
        return frame.drop(columns=stamped, errors="ignore").to_wkt().to_dict("list")
    if suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return sorted(archive.namelist())
    return None  # sidecar files are read through their .shp / covered by the zip's list


def export(project, out, monkeypatch, *, pooled, progress=None):
    monkeypatch.setattr(pool, "POOL_MIN_PACKAGES", 2 if pooled else 10**9)
    monkeypatch.setattr(pool, "POOL_MIN_IDLE_CORES", 0.0)  # pooled also on a busy machine
    options = ExportOptions(formats=FORMATS, field_pack=True, remember_columns=False)
    return export_project(project, out, options, pdf_writer=write_package_pdf, progress=progress)


def test_pooled_export_writes_what_a_serial_one_writes(tmp_path, qapp, project, monkeypatch):
    assert len(project.packages) >= 6  # several jobs, more than one per worker
    pooled = export(project, tmp_path / "pool", monkeypatch, pooled=True)
    serial = export(project, tmp_path / "serial", monkeypatch, pooled=False)
    names = relative_files(tmp_path / "pool")
    assert names == relative_files(tmp_path / "serial")
    assert len(names) > 10 * len(project.packages)
    # the report lists the same files in the same order
    assert [p.relative_to(tmp_path / "pool") for p in pooled.files] == [
        p.relative_to(tmp_path / "serial") for p in serial.files
    ]
    compared = 0
    for name in names:
        left = content(tmp_path / "pool" / name)
        if left is None:
            continue
        assert left == content(tmp_path / "serial" / name), name
        compared += 1
    assert compared > 8 * len(project.packages)
    # a field pack's GeoPackage holds the package's buildings
    first = sorted((tmp_path / "pool" / "veldpakketten").glob("*/*.gpkg"))[0]
    assert len(pyogrio.read_dataframe(first, layer="buildings")) > 0


def test_cancelled_pooled_export_leaves_no_files_and_no_workers(
    tmp_path, qapp, project, monkeypatch
):
    out = tmp_path / "uit"
    out.mkdir()
    (out / "oud.txt").write_text("eerder", encoding="utf-8")
    seen = []
    children_while_writing = []
    before = {c.pid for c in psutil.Process().children(recursive=True)}  # e.g. the join worker

    def progress(fraction, message):
        seen.append(message)
        if "geschreven" in message:  # a package came back from a worker: stop now
            now = {c.pid for c in psutil.Process().children(recursive=True)}
            children_while_writing.append(len(now - before))
            return False
        return True

    with pytest.raises(ExportCancelled):
        export(project, out, monkeypatch, pooled=True, progress=progress)
    assert children_while_writing and children_while_writing[0] >= 1  # workers did run
    assert relative_files(out) == ["oud.txt"]
    assert not any(p.name.startswith(".") for p in out.iterdir())
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    assert [p for p in left if p.is_running() and p.status() != psutil.STATUS_ZOMBIE] == []


def test_worker_processes_write_the_chosen_language(tmp_path, qapp, project, monkeypatch):
    """A worker starts in the app's language; the export's own choice travels with the job."""
    monkeypatch.setattr(pool, "POOL_MIN_PACKAGES", 2)
    monkeypatch.setattr(pool, "POOL_MIN_IDLE_CORES", 0.0)
    options = ExportOptions(formats=("csv", "xlsx"), language="en", remember_columns=False)
    export_project(project, tmp_path / "en", options)
    lists = tmp_path / "en" / "adreslijsten"  # folder names are the same in every language
    sheets = openpyxl.load_workbook(sorted(lists.glob("*.xlsx"))[0])
    assert "Addresses" in sheets.sheetnames
    with open(sorted(lists.glob("*.csv"))[0], encoding="utf-8-sig") as f:
        header = next(csv.reader(f, delimiter=";"))
    assert "postcode" in [h.lower() for h in header]
    assert not {"werkpakket", "woonplaats"} & {h.lower() for h in header}


def test_worker_count_follows_the_idle_cores(monkeypatch):
    """Workers only where cores are idle: on a busy machine the jobs run in this process."""
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 8)
    many = pool.POOL_MIN_PACKAGES
    assert pool.worker_count(many, idle=8.0) == 8
    assert pool.worker_count(many, idle=3.6) == 3
    assert pool.worker_count(many, idle=1.5) == 0  # one worker beside us gains nothing
    assert pool.worker_count(many - 1, idle=8.0) == 0  # too few packages for a start
    assert pool.worker_count(3, idle=8.0) == 0
    monkeypatch.setattr(pool.os, "getloadavg", lambda: (7.0, 7.0, 7.0))
    assert pool.idle_cores() == 2.0  # 8 cores, 6 busy besides this process
    assert pool.worker_count(many) == 2
    monkeypatch.setattr(pool.os, "getloadavg", lambda: (12.0, 12.0, 12.0))
    assert pool.idle_cores() == 0.0 and pool.worker_count(many) == 0
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 1)
    assert pool.worker_count(many, idle=1.0) == 0
