"""Hostile names and paths on the way out: nothing is written outside ``--out``, no
package is half written, no text becomes a spreadsheet formula, and leftovers of killed
writers are cleaned up on the next run.

The names are the ones that break tools: ``!`` (pyogrio reads ``a!b`` as member ``b`` of
archive ``a``), ``;`` (cut off as a URL parameter), the characters Windows forbids,
``..``, a leading ``-``, trailing dots and spaces, and reserved device names.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapefile
from ogr_support import run_ogrinfo

from gis_app.cli import main
from gis_app.core.change import applied
from gis_app.core.export.exporter import (
    ExportOptions,
    export_project,
    package_file_names,
    prepare_export,
)
from gis_app.core.export.shapefile import MAPPING_SUFFIX, SHAPEFILE_SUFFIXES
from gis_app.core.io import atomic
from gis_app.core.io.projectfile import (
    is_project_file,
    load_project,
    read_project_info,
    save_project,
)
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings

ROOT = Path(__file__).resolve().parents[1]

HOSTILE_NAMES = [
    "Spoed! Noord",
    "x;y",
    "a/b",
    "a\\b",
    "c:d",
    "p|q",
    "ster*",
    "vraag?",
    'aan"hal',
    "<kl>",
    "../../uit",
    "-begin",
    "eind.",
    "eind ",
    "CON",
    "NUL",
    "arch.zip!z",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """A saved project whose packages carry the hostile names, in a folder with a '!'."""
    folder = tmp_path_factory.mktemp("bron") / "project!map;1"
    folder.mkdir()
    project = Project(buildings=generate_buildings(120, seed=11))
    # enough packages for every name
    project.settings["packages"] = {"max_buildings": 8, "merge_leftover": 0}
    project = applied(project, prepare_export(project).change)  # clusters, plan, packages
    packages = project.packages.copy()
    assert len(packages) >= len(HOSTILE_NAMES), "the sample gives too few packages"
    packages.loc[packages.index[: len(HOSTILE_NAMES)], "name"] = HOSTILE_NAMES
    project.packages = packages
    path = save_project(project, folder / "Loppersum!2027.gpkg")
    return path


def test_hostile_package_names_export_every_format_completely_inside_out(
    tmp_path, monkeypatch, capsys, qapp, hostile_project, ogrinfo
):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    parent = tmp_path / "uit!voer;map"
    parent.mkdir()
    (parent / "al_hier.txt").write_text("van de gebruiker")
    parent_before = {p.name for p in parent.iterdir()}
    project_hash = sha256(hostile_project)
    project_folder_before = listing(hostile_project.parent)
    out = parent / "export"

    code = main(
        [
            "export",
            str(hostile_project),
            "--out",
            str(out),
            "--format",
            "gpkg,shp,geojson,csv,xlsx,pdf",
            "--field-pack",
        ]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert printed.err == ""
    assert list(cwd.iterdir()) == []  # nothing in the current folder
    assert {p.name for p in parent.iterdir()} == parent_before | {"export"}
    assert sha256(hostile_project) == project_hash  # export without --save-packages
    assert listing(hostile_project.parent) == project_folder_before
    assert not [p for p in out.rglob(".*")], "hidden temporary files left behind"

    project = load_project(hostile_project)
    packages = project.packages.set_index("package_id")
    bases = package_file_names(project.packages.reset_index(drop=True))
    assert len(set(bases.values())) == len(packages)
    ogr = run_ogrinfo(ogrinfo, "-so", "-al", out / "werkpakketten.gpkg")
    names, counts = re.findall(r"Layer name: (\w+)", ogr), re.findall(r"Feature Count: (\d+)", ogr)
    layers = dict(zip(names, counts, strict=True))
    assert layers["packages"] == str(len(packages))
    assert layers["buildings"] == str(int(packages["n_buildings"].sum()))
    for pid, base in bases.items():
        n = int(packages.loc[pid, "n_buildings"])
        # Shapefile: every part in the folder and in the zip, read back by pyshp and ogrinfo
        folder = out / "shapefile" / base
        expected = {f"{base}{suffix}" for suffix in SHAPEFILE_SUFFIXES} | {
            f"{base}{MAPPING_SUFFIX}"
        }
        assert {p.name for p in folder.iterdir()} == expected, base
        with zipfile.ZipFile(out / "shapefile" / f"{base}.zip") as archive:
            assert set(archive.namelist()) == expected
        reader = shapefile.Reader(str(folder / f"{base}.shp"))
        assert len(reader) == n and len(reader.shapes()) == n
        assert {r["pakket_id"] for r in reader.records()} == {pid}
        reader.close()
        ogr = run_ogrinfo(ogrinfo, "-so", "-al", folder / f"{base}.shp")
        assert f"Feature Count: {n}" in ogr and "Amersfoort" in ogr
        # GeoJSON, CSV, XLSX, PDF
        features = json.loads((out / "geojson" / f"{base}.geojson").read_text("utf-8"))
        assert len(features["features"]) == n
        rows = list(
            csv.reader(
                (out / "adreslijsten" / f"{base}.csv").read_text("utf-8-sig").splitlines(),
                delimiter=";",
            )
        )
        assert len(rows) == n + 1
        book = openpyxl.load_workbook(out / "adreslijsten" / f"{base}.xlsx")
        assert book["Adressen"].max_row == n + 1
        assert (out / "pdf" / f"{base}.pdf").read_bytes().startswith(b"%PDF")
        # field pack: folder and zip
        pack = out / "veldpakketten" / base
        ogr = run_ogrinfo(ogrinfo, "-so", pack / f"{base}.gpkg", "buildings")
        assert f"Feature Count: {n}" in ogr
        assert (pack / f"{base}.pdf").read_bytes().startswith(b"%PDF")
        with zipfile.ZipFile(out / "veldpakketten" / f"{base}.zip") as archive:
            members = set(archive.namelist())
        assert {f"{base}/{base}.gpkg", f"{base}/{base}.csv", f"{base}/{base}.pdf"} <= members
    # the names are still recognisable in the files
    assert any(b.endswith("Spoed! Noord") for b in bases.values())
    assert any(b.endswith("x;y") for b in bases.values())


def test_shapefile_writer_that_writes_elsewhere_fails_with_one_line(
    tmp_path, monkeypatch, capsys, hostile_project
):
    """A GDAL write that does not land in the temporary folder (as '!' paths did) is an
    error, not a package of only a .dbf with exit status 0."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    lost = tmp_path / "elders"
    lost.mkdir()
    real = pyogrio.write_dataframe

    def write_elsewhere(frame, path, **kwargs):
        return real(frame, lost / Path(path).name, **kwargs)

    monkeypatch.setattr(pyogrio, "write_dataframe", write_elsewhere)
    project_hash = sha256(hostile_project)
    out = tmp_path / "export"
    code = main(["export", str(hostile_project), "--out", str(out), "--format", "shp"])
    err = capsys.readouterr().err
    assert code == 2
    line = one_line(err)
    assert "Shapefile niet geschreven" in line and ".shp" in line and "ontbreekt" in line
    assert list(cwd.iterdir()) == []
    assert not list((out / "shapefile").rglob("*.dbf"))  # no half package
    assert not [p for p in out.rglob(".*")]
    assert sha256(hostile_project) == project_hash


def test_export_into_a_path_under_a_file_is_one_line(
    tmp_path, monkeypatch, capsys, hostile_project
):
    monkeypatch.chdir(tmp_path)
    blocker = tmp_path / "bestand!1"
    blocker.write_text("geen map")
    code = main(["export", str(hostile_project), "--out", str(blocker), "--format", "csv"])
    err = capsys.readouterr().err
    assert code == 2 and "geen map" in one_line(err)
    assert blocker.read_text() == "geen map"


# --- import and open under a '!' path -----------------------------------------------------------


def test_import_out_with_exclamation_mark_and_open_it(tmp_path, monkeypatch, capsys):
    sources = tmp_path / "bron!a;b"
    sources.mkdir()
    code = main(
        [
            "sample",
            "--buildings",
            "120",
            "--seed",
            "4",
            "--out",
            str(tmp_path / "p.gpkg"),
            "--split",
        ]
    )
    assert code == 0
    # the footprints also as a Shapefile: its side files must be found through the '!'
    pyogrio.write_dataframe(pyogrio.read_dataframe(tmp_path / "p.gpkg"), tmp_path / "p.shp")
    for path in list(tmp_path.glob("p.*")) + list(tmp_path.glob("p_*")):
        path.rename(sources / path.name.replace("p", "p!1", 1))
    risk = next(sources.glob("*.csv"))
    capsys.readouterr()
    source_hashes = {p.name: sha256(p) for p in sources.iterdir()}

    work = tmp_path / "werk!map"
    work.mkdir()
    monkeypatch.chdir(work)
    outputs = {"p!1.gpkg": "Loppersum!2027.gpkg", "p!1.shp": "Loppersum!2027;shp.gpkg"}
    for footprints, out_name in outputs.items():
        code = main(["import", str(sources / footprints), "--risk", str(risk), "--out", out_name])
        printed = capsys.readouterr()
        assert code == 0, printed.err
        assert printed.err == ""
    names = sorted(p.name for p in work.iterdir())
    assert names == sorted(outputs.values()), names  # and no temporary files
    assert {p.name: sha256(p) for p in sources.iterdir()} == source_hashes
    assert list(tmp_path.glob("*.gpkg")) == []

    for name in outputs.values():
        assert len(load_project(work / name).buildings) == 120
    project_path = work / "Loppersum!2027.gpkg"
    assert is_project_file(project_path)
    info = read_project_info(project_path)
    assert info.schema_version >= 1
    project = load_project(project_path)
    assert len(project.buildings) == 120
    # a command that opens and saves the project under that path
    before = sha256(project_path)
    code = main(["suggest-clusters", str(project_path), "--max-buildings", "40"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert sha256(project_path) != before
    assert load_project(project_path).clusters is not None
    assert sorted(p.name for p in work.iterdir()) == sorted(outputs.values())


def test_damaged_project_under_exclamation_path_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "kapot!1.gpkg"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = sha256(path)
    code = main(["plan", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "kapot!1.gpkg" in one_line(err)
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot!1.gpkg"]


def test_damaged_source_under_exclamation_path_names_the_users_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "bron!map"
    folder.mkdir()
    source = folder / "panden!1.geojson"
    source.write_text("{geen json")
    code = main(["import", str(source), "--out", str(tmp_path / "p.gpkg")])
    line = one_line(capsys.readouterr().err)
    assert code == 2
    assert str(source) in line and "gis_app-gdal" not in line and "data.geojson" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bron!map"]
    assert source.read_text() == "{geen json"


def test_gdal_source_is_literal_for_every_hostile_path(tmp_path):
    frame = generate_buildings(30, seed=1)[["building_id", "geometry"]]
    for name in ("a!b", "x;y", "z.zip!q", "h#i?j", "-k"):
        folder = tmp_path / name
        folder.mkdir()
        path = folder / f"{name}.shp"
        with atomic.atomic_files(path) as temp:
            assert atomic.gdal_safe(temp)
            pyogrio.write_dataframe(frame, temp, driver="ESRI Shapefile")
        assert {p.name for p in folder.iterdir()} >= {
            f"{name}{s}" for s in (".shp", ".shx", ".dbf")
        }
        source = atomic.gdal_source(path)
        assert atomic.gdal_safe(source)
        assert len(pyogrio.read_dataframe(source)) == len(frame)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a!b", "x;y", "z.zip!q", "h#i?j", "-k"]
    )


def test_clusters_round_trip_under_hostile_paths(tmp_path, monkeypatch):
    from shapely.geometry import box

    from gis_app.core.clusters.frames import cluster_frame
    from gis_app.core.clusters.io import read_clusters, write_clusters

    monkeypatch.chdir(tmp_path)
    clusters = cluster_frame(
        [{"cluster_id": "C1", "name": "Spoed! Noord"}, {"cluster_id": "C2", "name": "x;y"}],
        [box(247000, 594000, 247100, 594100), box(247100, 594000, 247200, 594080)],
    )
    folder = tmp_path / "clusters!map;1"
    folder.mkdir()
    for name in ("Spoed! Noord.gpkg", "x;y.geojson", "arch.zip!z.gpkg"):
        path = write_clusters(clusters, folder / name)
        back, _ = read_clusters(path)
        assert list(back["name"]) == ["Spoed! Noord", "x;y"], name
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["Spoed! Noord.gpkg", "x;y.geojson", "arch.zip!z.gpkg"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clusters!map;1"]


def test_a_project_name_of_the_longest_allowed_length_saves_and_cleans_up(tmp_path):
    name = "ë" * 120 + "!.gpkg"  # 247 bytes: a temporary name must not grow past 255
    path = save_project(Project(buildings=generate_buildings(30, seed=3)), tmp_path / name)
    save_project(load_project(path), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    stale = atomic.temp_path_for(path)
    assert len(stale.name.encode("utf-8")) < 200 and atomic.gdal_safe(stale)
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    assert atomic.stale_temp_files(path) == [stale]
    assert atomic.remove_stale_temp_files(path) == 1


# --- formulas from column names -----------------------------------------------------------------

FORMULA_COLUMNS = ["=cmd|' /C calc'!A0", "@SUM(A1)", "+1+1", "-2+3", "\tTAB", '=HYPERLINK("x")']


def test_formula_column_names_are_neutralised_in_csv_xlsx_and_mapping(tmp_path):
    buildings = generate_buildings(80, seed=2)
    for index, column in enumerate(FORMULA_COLUMNS):
        buildings[column] = [f"=waarde{index}"] * len(buildings)
    project = Project(buildings=buildings)
    chosen = ["building_id", *FORMULA_COLUMNS]
    report = export_project(
        project, tmp_path, ExportOptions(formats=("csv", "xlsx", "shp"), columns=chosen)
    )
    assert report.packages
    neutral = {c: "'" + c for c in FORMULA_COLUMNS}

    xlsx_files = sorted((tmp_path / "adreslijsten").glob("*.xlsx"))
    assert xlsx_files
    for path in xlsx_files:
        book = openpyxl.load_workbook(path)
        texts = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        texts.append(cell.value)
        header = [c.value for c in book["Adressen"][1]]
        for column in FORMULA_COLUMNS:
            assert neutral[column] in header
            assert column not in texts  # never the raw formula text
        notes = [[c.value for c in row] for row in book["Toelichting"].iter_rows()]
        assert [neutral[FORMULA_COLUMNS[0]], neutral[FORMULA_COLUMNS[0]]] in notes
        assert all(not str(t).startswith(("=", "+", "-", "@", "\t")) for t in texts)
        assert book.sheetnames == ["Adressen", "Toelichting"]

    for path in sorted((tmp_path / "adreslijsten").glob("*.csv")):
        rows = list(csv.reader(path.read_text("utf-8-sig").splitlines(), delimiter=";"))
        for column in FORMULA_COLUMNS:
            assert neutral[column] in rows[0]
        assert all(not cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)

    for path in sorted((tmp_path / "shapefile").glob(f"*/*{MAPPING_SUFFIX}")):
        rows = list(csv.reader(path.read_text("utf-8-sig").splitlines(), delimiter=";"))
        full = [row[1] for row in rows[1:]]
        for column in FORMULA_COLUMNS:
            assert neutral[column] in full
        assert all(not cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)


def test_xml_illegal_character_before_a_formula_does_not_unmask_it(tmp_path):
    from gis_app.core.export.tables import write_xlsx

    frame = pd.DataFrame({"building_id": ["1"], "\x01=1+1": ["\x02=2+2"]})
    path = write_xlsx(tmp_path / "x.xlsx", frame, info=[("\x03=3+3", "\x04=4+4")])
    book = openpyxl.load_workbook(path)
    values = [c.value for s in book.worksheets for row in s.iter_rows() for c in row]
    assert all(c.data_type != "f" for s in book.worksheets for row in s.iter_rows() for c in row)
    assert {"'=1+1", "'=2+2", "'=3+3", "'=4+4"} <= set(values)


# --- leftovers of killed writers ----------------------------------------------------------------

KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from gis_app.core.io import atomic

    target, kind, wait = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "wait"
    context = atomic.atomic_files(target) if kind == "files" else atomic.atomic_path(target)
    with context as temp:
        temp.write_bytes(b"half written")
        print("writing", flush=True)
        if wait:
            sys.stdin.readline()  # a live writer, still busy
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


def start_writer(script: Path, target: Path, kind: str, *, wait: bool) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, str(script), str(target), kind, "wait" if wait else "kill"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "writing"
    return process


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX SIGKILL")
def test_leftovers_of_killed_exports_are_removed_on_the_next_run(
    tmp_path, monkeypatch, capsys, hostile_project
):
    script = tmp_path / "writer.py"
    script.write_text(KILLED_WRITER)
    out = tmp_path / "export"
    monkeypatch.chdir(tmp_path)
    code = main(["export", str(hostile_project), "--out", str(out), "--format", "csv,shp"])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    csv_file = next((out / "adreslijsten").glob("*Spoed*.csv"))
    shp_folder = next(p for p in (out / "shapefile").iterdir() if p.is_dir())
    shp_file = shp_folder / f"{shp_folder.name}.shp"
    good = {p: sha256(p) for p in [csv_file, shp_file]}

    killed = [
        start_writer(script, csv_file, "path", wait=False),
        start_writer(script, shp_file, "files", wait=False),
        start_writer(script, out / "werkpakketten.gpkg", "path", wait=False),
    ]
    for process in killed:
        assert process.wait() == -signal.SIGKILL
    live = start_writer(script, out / "adreslijsten" / "bezig.csv", "path", wait=True)
    try:
        leftovers = sorted(p for p in out.rglob(".*"))
        assert len(leftovers) == 4  # three killed writers, one live one
        live_temp = [p for p in leftovers if f"-{live.pid}-" in p.name]
        assert len(live_temp) == 1
        # foreign files that look alike, all old: never ours to remove
        foreign = [
            out / "adreslijsten" / ".notities.csv.tmp",
            out / "adreslijsten" / ".rapport.xlsx.backup.tmp",
            out / "adreslijsten" / ".x.csv.zzzz-1-deadbeef.tmp.csv",
            out / "adreslijsten" / "x.csv.0123abcd.tmp.csv",
            out / "adreslijsten" / "~$lijst.xlsx",
        ]
        for path in foreign:
            path.write_text("van iemand anders")
            os.utime(path, (0, 0))
        # a leftover of an older version (no process id) is removed only when old
        old = out / "adreslijsten" / ".oud.csv.0123abcd.tmp.csv"
        recent = out / "adreslijsten" / ".recent.csv.89abcdef.tmp.csv"
        old.write_text("half")
        os.utime(old, (0, 0))
        recent.write_text("half")

        code = main(["export", str(hostile_project), "--out", str(out), "--format", "csv"])
        assert code == 0, capsys.readouterr().err
        remaining = sorted(p for p in out.rglob(".*"))
        assert remaining == sorted([*live_temp, *foreign[:3], recent])
        assert all(p.read_text() == "van iemand anders" for p in foreign)
        assert sha256(shp_file) == good[shp_file]  # the kill never touched the real files
    finally:
        live.kill()
        live.wait()
    # once that writer is gone too, the next run removes its file
    assert atomic.remove_stale_temp_files_in(out / "adreslijsten") == 1
    assert not live_temp[0].exists()


KILLED_EXPORT = textwrap.dedent(
    """
    import os, signal, sys
    from gis_app.core.io import atomic
    from gis_app.cli import main

    commits = []
    real_commit = atomic._commit

    def commit_then_die(temp, target):
        commits.append(target)
        if len(commits) == int(sys.argv[3]):  # the file is written, not yet renamed
            os.kill(os.getpid(), signal.SIGKILL)
        real_commit(temp, target)

    atomic._commit = commit_then_die
    main(["export", sys.argv[1], "--out", sys.argv[2], "--format", "gpkg,csv,xlsx,geojson"])
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX SIGKILL")
def test_export_killed_mid_way_is_cleaned_and_completed_by_the_next_run(
    tmp_path, monkeypatch, capsys, hostile_project
):
    script = tmp_path / "export.py"
    script.write_text(KILLED_EXPORT)
    out = tmp_path / "uit!1"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # files are written package by package (geojson, csv, xlsx each): the 5th is the
    # second package's GeoJSON
    for nth, leftover in ((1, "werkpakketten.gpkg"), (5, ".geojson")):
        # killed after the nth file is written, before it is renamed into place
        process = subprocess.run(
            [sys.executable, str(script), str(hostile_project), str(out), str(nth)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
        )
        assert process.returncode == -signal.SIGKILL
        # the export writes into one hidden staging folder; the second run removed the
        # first one's folder before it was killed itself
        stages = [p for p in out.iterdir() if p.name.startswith(".")]
        assert len(stages) == 1 and stages[0].name.startswith(".export.") and stages[0].is_dir()
        inside = [p.name for p in stages[0].rglob(".*")]
        assert len(inside) == 1 and leftover in inside[0] and ".tmp" in inside[0]
    foreign = out / ".lijst.csv.tmp"
    foreign.write_text("van iemand anders")
    project_hash = sha256(hostile_project)

    monkeypatch.chdir(tmp_path)
    code = main(
        ["export", str(hostile_project), "--out", str(out), "--format", "gpkg,csv,xlsx,geojson"]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert printed.err == ""
    assert sorted(out.rglob(".*")) == [foreign]
    assert foreign.read_text() == "van iemand anders"
    assert sha256(hostile_project) == project_hash
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.py", "uit!1"]
    n_packages = len(load_project(hostile_project).packages)
    assert len(list((out / "adreslijsten").glob("*.csv"))) == n_packages
    assert len(list((out / "adreslijsten").glob("*.xlsx"))) == n_packages
    assert len(list((out / "geojson").glob("*.geojson"))) == n_packages
