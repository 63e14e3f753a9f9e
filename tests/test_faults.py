"""Faults: a killed save, a full disk, a read-only folder, a file deleted while open,
corrupt project files, unsafe zips. The previous work must survive every one of them."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pyogrio
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gis_app.core.errors import InputError, ProjectError
from gis_app.core.io import atomic, recovery, zips
from gis_app.core.io.projectfile import META_TABLE, load_project, read_project_info, save_project
from gis_app.ui.document import ProjectDocument
from gis_app.ui.shell.project_controller import ProjectController
from tests.test_project_ui import finish_save
from tests.test_projectfile import make_project

ROOT = Path(__file__).resolve().parent.parent

# --- a save killed with SIGKILL ---------------------------------------------------------------

SAVER = textwrap.dedent(
    """
    import sys
    import numpy as np, shapely
    import geopandas as gpd
    from gis_app.core.project import Project
    from gis_app.core.io.projectfile import save_project
    from gis_app.core.io.recovery import write_recovery
    from gis_app.core.schema import ensure_building_columns

    target, n, baseline = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
    rng = np.random.default_rng(3)
    x, y = rng.uniform(240000, 262000, n), rng.uniform(585000, 601000, n)
    buildings = gpd.GeoDataFrame(
        {"building_id": np.char.add("00241000", np.arange(n).astype("U8")).astype(object),
         "lpr": rng.lognormal(-12, 1.5, n), "address": "Kerkstraat 1"},
        geometry=shapely.box(x, y, x + 9, y + 11), crs="EPSG:28992")
    project = Project(buildings=ensure_building_columns(buildings), name="groot")

    def promise(generation):  # 2,000 commitments whose scenario names the generation
        one = {"address": "Kerkstraat 1", "measure": "light", "approach": "standard",
               "prep_start": "2027-01-04", "construction_start": "2027-06-07",
               "completion": "2027-09-06", "told_on": "2027-01-04",
               "scenario": f"generatie {generation}"}
        return {"commitments": [{**one, "building_id": str(b)}
                                for b in buildings["building_id"][:2000]], "releases": []}

    if baseline:
        project.commitments = promise(0)
        project.settings["generation"] = 0
        save_project(project, target)
        write_recovery(project)  # this session's unsaved work
    generation = 1
    while True:
        project.settings["generation"] = generation
        project.commitments = promise(generation)
        print(f"saving {generation}", flush=True)
        save_project(project, target)
        print(f"saved {generation}", flush=True)
        generation += 1
    """
)


def run_and_kill(script: Path, target: Path, n: int, baseline: bool, delay: float, env):
    """Start the saver, kill it ``delay`` seconds after its first save in the loop started.

    Returns the generations that may be on disk (the last one reported saved and, when
    the kill came between the rename and the print, the one being saved) and the pid.
    """
    process = subprocess.Popen(
        [sys.executable, str(script), str(target), str(n), "1" if baseline else "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("saving"), process.stderr.read()
        time.sleep(delay)  # chooses the moment of the kill; nothing is asserted about time
    finally:
        process.kill()  # SIGKILL: no cleanup, no atexit, mid-write
        process.wait()
    rest = process.stdout.read()
    saved = 0 if baseline else None
    saving = 1
    if "saved 1" in rest:
        saved, saving = 1, (2 if "saving 2" in rest else None)
    return {g for g in (saved, saving) if g is not None}, process.pid


@pytest.mark.slow
def test_save_killed_at_several_moments_leaves_the_previous_project_intact(tmp_path, monkeypatch):
    n = 50_000
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    target = tmp_path / "groot.gpkg"
    data_dir = tmp_path / "data"
    env = dict(os.environ, GIS_APP_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    first_pid = None
    previous: set[int] = set()
    # Kill as a save starts, a little into it, and well into it (the layers being written).
    for run, delay in enumerate((0.0, 0.4, 0.9)):
        possible, pid = run_and_kill(script, target, n, run == 0, delay, env)
        first_pid = first_pid or pid
        info = read_project_info(target)  # the file is a complete project ...
        generation = info.meta["settings"]["generation"]
        assert generation in possible | previous
        assert pyogrio.read_info(target, layer="buildings")["features"] == n
        with sqlite3.connect(target) as con:
            assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        previous = {generation}
    project = load_project(target)  # ... and opens with every row
    assert len(project.buildings) == n and project.settings["generation"] in previous
    # ... and the commitments to residents saved with that same generation
    promises = project.commitments["commitments"]
    assert len(promises) == 2000
    assert {c["scenario"] for c in promises} == {f"generatie {project.settings['generation']}"}
    # the temporary files of the killed saves are hidden and never mistaken for the project
    leftovers = atomic.stale_temp_files(target)
    assert leftovers, "no kill landed inside a save (50,000 buildings take over a second)"
    assert all(p.name.startswith(".groot.gpkg.") for p in leftovers)
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert visible == ["data", "groot.gpkg", "saver.py"]
    # the killed session's unsaved work is offered on the next start
    monkeypatch.setenv("GIS_APP_DATA_DIR", str(data_dir))
    entries = recovery.find_recoverable()
    assert [e.pid for e in entries] == [first_pid]
    assert len(entries[0].load().buildings) == n


# --- full disk, read-only folder, locked and deleted files --------------------------------------


def enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def assert_old_file_intact(path: Path, note: str) -> None:
    assert load_project(path).settings["note"] == note
    assert atomic.stale_temp_files(path) == []


@pytest.fixture
def saved(tmp_path):
    project = make_project()
    project.settings["note"] = "oud"
    path = save_project(project, tmp_path / "p.gpkg")
    project.settings["note"] = "nieuw"
    return project, path


def test_full_disk_during_the_write(saved, monkeypatch):
    project, path = saved
    calls = []
    real = pyogrio.write_dataframe

    def write_then_fill_up(frame, target, **kwargs):
        calls.append(kwargs.get("layer"))
        if len(calls) == 2:  # the buildings layer is written, then the disk is full
            enospc()
        return real(frame, target, **kwargs)

    monkeypatch.setattr(pyogrio, "write_dataframe", write_then_fill_up)
    with pytest.raises(ProjectError, match="schijf is vol") as caught:
        save_project(project, path)
    assert "elders worden opgeslagen" in caught.value.user_message()
    monkeypatch.undo()
    assert_old_file_intact(path, "oud")
    assert project.settings["note"] == "nieuw"  # the work is still in memory ...
    elsewhere = save_project(project, path.with_name("elders.gpkg"))  # ... and savable
    assert load_project(elsewhere).settings["note"] == "nieuw"


def test_full_disk_reported_by_fsync(saved, monkeypatch):
    project, path = saved
    monkeypatch.setattr(atomic, "fsync_file", enospc)
    with pytest.raises(ProjectError, match="schijf is vol"):
        save_project(project, path)
    monkeypatch.undo()
    assert_old_file_intact(path, "oud")


def test_read_only_folder(saved, monkeypatch):
    """Tests run as root, where chmod does not stop writes: the refusal is simulated where
    the operating system would give it (creating the file, and renaming over the target)."""
    project, path = saved

    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(pyogrio, "write_dataframe", refuse)
    with pytest.raises(ProjectError, match="rechten"):
        save_project(project, path)
    monkeypatch.undo()
    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(ProjectError, match="rechten"):
        save_project(project, path)
    monkeypatch.undo()
    assert_old_file_intact(path, "oud")


def test_target_under_a_file_is_a_clear_error(saved):
    project, path = saved
    with pytest.raises(ProjectError, match="geen map"):
        save_project(project, path / "sub.gpkg")


def test_file_locked_by_another_program(saved, monkeypatch):
    project, path = saved
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # sharing violation, as Windows reports a file open in QGIS/Excel

    def locked(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ProjectError, match="ander programma"):
        save_project(project, path)
    monkeypatch.undo()
    assert_old_file_intact(path, "oud")


@pytest.fixture
def boxes(monkeypatch):
    shown = []

    def record(box):
        shown.append(box.windowTitle() + ": " + box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def make_window(qtbot, tmp_path, monkeypatch, project):
    monkeypatch.setenv("GIS_APP_DATA_DIR", str(tmp_path / "data"))
    window = QMainWindow()
    document = ProjectDocument(project, parent=window)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window.controller = ProjectController(window, document, settings=settings)
    qtbot.addWidget(window)
    return window


def test_ui_full_disk_keeps_the_work_and_save_as_elsewhere_works(
    qtbot, tmp_path, monkeypatch, boxes, saved
):
    _project, path = saved
    window = make_window(qtbot, tmp_path, monkeypatch, load_project(path))
    controller = window.controller
    controller.document.project.settings["note"] = "nieuw"
    controller.document.mark_dirty()
    monkeypatch.setattr(pyogrio, "write_dataframe", enospc)
    assert not finish_save(qtbot, controller, controller.save)
    assert boxes and "Opslaan mislukt" in boxes[-1] and "schijf is vol" in boxes[-1]
    assert controller.document.is_dirty and window.isWindowModified()
    monkeypatch.undo()
    monkeypatch.setenv("GIS_APP_DATA_DIR", str(tmp_path / "data"))
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    monkeypatch.setattr(controller, "ask_save_path", lambda: elsewhere / "p.gpkg")
    assert finish_save(qtbot, controller, controller.save_as)
    assert load_project(elsewhere / "p.gpkg").settings["note"] == "nieuw"
    assert load_project(path).settings["note"] == "oud"
    assert not controller.document.is_dirty


def test_ui_project_folder_deleted_while_open(qtbot, tmp_path, monkeypatch, boxes):
    folder = tmp_path / "share"
    folder.mkdir()
    path = save_project(make_project(), folder / "p.gpkg")
    window = make_window(qtbot, tmp_path, monkeypatch, load_project(path))
    controller = window.controller
    controller._on_project_replaced(check_sources=False)
    path.unlink()
    folder.rmdir()  # the network share went away
    controller.document.mark_dirty()
    assert not finish_save(qtbot, controller, controller.save)
    assert "bestaat niet" in boxes[-1]
    assert controller.document.is_dirty and len(controller.document.project.buildings) == 12
    monkeypatch.setattr(controller, "ask_save_path", lambda: tmp_path / "gered.gpkg")
    assert finish_save(qtbot, controller, controller.save_as)
    assert len(load_project(tmp_path / "gered.gpkg").buildings) == 12


def test_project_file_deleted_while_open_is_written_again(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    project = load_project(path)
    path.unlink()
    save_project(project, path)
    assert len(load_project(path).buildings) == 12


# --- corrupt project files --------------------------------------------------------------------


def corrupt_variants(good: Path, folder: Path) -> dict[str, Path]:
    data = good.read_bytes()
    variants = {}

    def add(name, content: bytes):
        path = folder / f"{name}.gpkg"
        path.write_bytes(content)
        variants[name] = path

    add("empty", b"")
    add("truncated_header", data[:10])
    add("truncated_half", data[: len(data) // 2])
    add("truncated_end", data[:-4096])
    add("random", os.urandom(50_000))
    add("text", b"dit is geen project")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("p.gpkg", data)
    add("zip_renamed", zipped.getvalue())
    middle = bytearray(data)
    middle[len(middle) // 3 : len(middle) // 3 + 8192] = os.urandom(8192)
    add("garbled_middle", bytes(middle))

    def sql_variant(name, *statements):
        path = folder / f"{name}.gpkg"
        path.write_bytes(data)
        with sqlite3.connect(path) as con:
            for statement in statements:
                con.execute(statement)
        variants[name] = path

    sql_variant("no_buildings_table", "drop table buildings")
    sql_variant(
        "no_buildings_layer",
        "drop table buildings",
        "delete from gpkg_contents where table_name='buildings'",
        "delete from gpkg_geometry_columns where table_name='buildings'",
    )
    sql_variant("no_meta_rows", f"delete from {META_TABLE}")
    sql_variant("meta_garbage", f"update {META_TABLE} set value='{{kapot' where key='settings'")
    sql_variant("meta_wrong_type", f"update {META_TABLE} set value='[1,2]' where key='settings'")
    sql_variant("meta_no_value_column", f"alter table {META_TABLE} rename column value to v")
    sql_variant("no_building_id", "alter table buildings rename column building_id to iets")
    sql_variant("no_gpkg_tables", "drop table gpkg_contents")
    sql_variant(
        "foreign_format", f"update {META_TABLE} set value='\"iets-anders\"' where key='format'"
    )
    sql_variant(
        "renames_wrong_type", f"update {META_TABLE} set value='[1]' where key='column_renames'"
    )
    return variants


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_every_corrupt_project_file_gives_a_clear_project_error(tmp_path):
    good = save_project(make_project(), tmp_path / "goed.gpkg")
    folder = tmp_path / "kapot"
    folder.mkdir()
    before = sorted(os.listdir(tmp_path))
    outcomes = {}
    for name, path in corrupt_variants(good, folder).items():
        try:
            project = load_project(path)
        except ProjectError as error:
            outcomes[name] = "error"
            assert error.path == str(path), name
            assert "Traceback" not in error.user_message()
        else:  # only damage GDAL/SQLite cannot see may open; it must then be complete
            outcomes[name] = "opened"
            assert len(project.buildings) == 12, name
    must_fail = set(outcomes) - {"garbled_middle", "truncated_end", "no_meta_rows"}
    assert {n for n in must_fail if outcomes[n] != "error"} == set()
    assert outcomes["no_meta_rows"] == "error"
    assert sorted(os.listdir(tmp_path)) == before  # nothing written next to them


def test_a_folder_and_a_missing_file_are_clear_errors(tmp_path):
    with pytest.raises(ProjectError, match="map"):
        load_project(tmp_path)
    with pytest.raises(ProjectError, match="bestaat niet"):
        load_project(tmp_path / "weg.gpkg")


# --- unsafe zips --------------------------------------------------------------------------------


def make_zip(path: Path, members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return path


@pytest.mark.parametrize(
    "name",
    [
        "../evil.txt",
        "panden/../../evil.txt",
        "/etc/evil.txt",
        "\\evil.txt",
        "..\\..\\evil.txt",
        "C:/Windows/evil.txt",
        "c:evil.txt",
    ],
)
def test_zip_entries_outside_the_target_are_refused(tmp_path, name):
    archive = make_zip(tmp_path / "a.zip", {"ok.txt": b"ok", name: b"evil"})
    with pytest.raises(InputError, match="zip") as caught:
        zips.list_members(archive)
    assert caught.value.path == str(archive)
    with pytest.raises(InputError):
        zips.read_member(archive, "ok.txt")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.zip"]  # nothing written


def test_zip_symlink_entry_is_refused(tmp_path):
    info = zipfile.ZipInfo("link")
    info.external_attr = 0o120777 << 16
    with zipfile.ZipFile(tmp_path / "l.zip", "w") as archive:
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(InputError, match="snelkoppeling"):
        zips.check_zip(tmp_path / "l.zip")


def test_zip_bomb_is_refused_before_anything_is_written(tmp_path):
    bomb = make_zip(tmp_path / "bom.zip", {"panden.shp": b"\0" * (40 * 1024**2)})
    assert bomb.stat().st_size < 200_000
    with pytest.raises(InputError, match="zip-bom"):
        zips.read_member(bomb, "panden.shp")
    with pytest.raises(InputError, match="zip-bom"):
        zips.check_zip(bomb)


def test_zip_total_size_limit(tmp_path):
    archive = make_zip(tmp_path / "groot.zip", {f"d{i}.bin": os.urandom(1000) for i in range(5)})
    limits = zips.ZipLimits(max_total_bytes=3000)
    with pytest.raises(InputError, match="grens"):
        zips.check_zip(archive, limits)
    with pytest.raises(InputError, match="te veel"):
        zips.check_zip(archive, zips.ZipLimits(max_members=3))


def test_good_zip_is_listed_and_read(tmp_path):
    archive = make_zip(
        tmp_path / "goed.zip", {"panden/a.shp": b"shp", "panden/a.dbf": b"dbf", "lees.txt": b"x"}
    )
    zips.check_zip(archive)
    assert zips.read_member(archive, "panden/a.dbf") == b"dbf"
    assert zips.list_members(archive) == ["panden/a.shp", "panden/a.dbf", "lees.txt"]


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04kapot", os.urandom(3000)])
def test_damaged_zip_is_a_clear_error(tmp_path, content):
    path = tmp_path / "x.zip"
    path.write_bytes(content)
    with pytest.raises(InputError, match="zip"):
        zips.check_zip(path)


# --- data only --------------------------------------------------------------------------------


def test_no_pickle_eval_or_exec_anywhere_in_gis_app():
    """Project files and imports are data: nothing in the package can execute a file."""
    import ast

    offenders = []
    for source in (ROOT / "gis_app").rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(
                    n.split(".")[0] in ("pickle", "cPickle", "dill", "marshal", "shelve")
                    for n in names
                ):
                    offenders.append(f"{source.name}: import {names}")
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in ("eval", "exec", "compile"):
                    offenders.append(f"{source.name}:{node.lineno} {func.id}()")
                elif (
                    isinstance(func, ast.Name)
                    and func.id == "__import__"
                    and not (node.args and isinstance(node.args[0], ast.Constant))
                ):  # importing a name that comes from data
                    offenders.append(f"{source.name}:{node.lineno} __import__(variable)")
                elif isinstance(func, ast.Attribute) and func.attr in (
                    "eval",  # pandas.eval / DataFrame.eval evaluate expressions
                    "read_pickle",
                    "to_pickle",
                    "unsafe_load",
                ):
                    offenders.append(f"{source.name}:{node.lineno} .{func.attr}()")
                elif (
                    isinstance(func, ast.Attribute)
                    and func.attr == "load"
                    and getattr(func.value, "id", "") in ("pickle", "yaml", "marshal", "dill")
                ):
                    offenders.append(f"{source.name}:{node.lineno} {func.value.id}.load()")
    assert offenders == []


def test_meta_values_are_json_and_never_executed(tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    payload = "__import__('os').system('touch " + str(tmp_path / "pwned") + "')"
    with sqlite3.connect(path) as con:
        con.execute(
            f"update {META_TABLE} set value=? where key='settings'",
            (json.dumps({"planning": payload}),),
        )
    project = load_project(path)
    assert project.settings == {}  # a string is no planning: left out, with a warning
    assert any("planningsinstellingen" in w for w in project.load_warnings)
    assert not (tmp_path / "pwned").exists()


def test_log_filter_keeps_personal_data_out(tmp_path, monkeypatch):
    import logging

    import pandas as pd

    from gis_app.core import logsetup
    from gis_app.core.errors import InputError as _InputError

    monkeypatch.setenv("GIS_APP_DATA_DIR", str(tmp_path))
    assert logsetup.setup_logging() == tmp_path / "logs" / "gis_app.log"
    log = logging.getLogger("gis_app.test")
    frame = pd.DataFrame({"adres": ["Kerkstraat 12"], "bewoners": [3]})
    log.warning("rijen: %s", frame)
    log.warning("pand 0003100000118018 aan 9919AB")
    secret = "Molenweg " + "7"
    try:
        raise _InputError(f"onbekend adres {secret}", path=tmp_path / "risico.csv", row=12)
    except _InputError:
        log.exception("inlezen mislukt")
    try:
        {"a": 1}[secret]
    except KeyError:
        log.exception("onverwacht")
    logsetup.shutdown_logging()
    text = (tmp_path / "logs" / "gis_app.log").read_text(encoding="utf-8")
    for leaked in ("Kerkstraat", "Molenweg", "9919", "0003100000118018"):
        assert leaked not in text
    assert "<DataFrame (1, 2)>" in text
    assert "InputError (bestand=risico.csv, rij=12)" in text
    assert "KeyError [melding weggelaten]" in text and "test_faults.py" in text


def test_user_data_dir_follows_the_platform_convention(monkeypatch):
    """platformdirs decides per platform (Windows: %LOCALAPPDATA%\\gis_app); here, Linux's
    XDG rules are checked, and the environment override wins everywhere."""
    from gis_app.core import logsetup

    monkeypatch.delenv("GIS_APP_DATA_DIR", raising=False)
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_STATE_HOME", "/home/p/.state")
        assert logsetup.user_data_dir() == Path("/home/p/.state/gis_app")
        monkeypatch.delenv("XDG_STATE_HOME")
        assert logsetup.user_data_dir() == Path.home() / ".local" / "state" / "gis_app"
    else:  # pragma: no cover - the suite runs on Linux in CI
        assert logsetup.user_data_dir().name == "gis_app"
    monkeypatch.setenv("GIS_APP_DATA_DIR", "/tmp/x")
    assert logsetup.user_data_dir() == Path("/tmp/x")


# --- the table worker does not outlive a killed application -----------------------------------

KILLED_APP = textwrap.dedent(
    """
    import functools, importlib, sys, time
    from gis_app.core.join import worker

    worker.warm_up(functools.partial(importlib.import_module, "json")).result(timeout=120)
    print(worker.submit(worker._pid).result(timeout=60), flush=True)
    time.sleep(300)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX SIGKILL")
def test_the_table_worker_ends_when_the_application_is_killed(tmp_path):
    import psutil

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    app = subprocess.Popen(
        [sys.executable, "-c", KILLED_APP], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        worker_pid = int(app.stdout.readline())
        assert psutil.pid_exists(worker_pid)
    finally:
        app.kill()
        app.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not psutil.pid_exists(worker_pid) or (
            psutil.Process(worker_pid).status() == psutil.STATUS_ZOMBIE
        ):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the worker process still runs 30 s after its application was killed")


def test_a_member_is_extracted_to_a_new_file_streamed(tmp_path):
    payload = os.urandom(300_000)
    archive = make_zip(tmp_path / "levering.zip", {"9999PND08012021.zip": payload})
    target = zips.extract_member(archive, "9999PND08012021.zip", tmp_path / "binnen.zip")
    assert target.read_bytes() == payload
    with pytest.raises(FileExistsError):  # never over an existing file
        zips.extract_member(archive, "9999PND08012021.zip", target)
    assert target.read_bytes() == payload
    with pytest.raises(InputError, match="staat niet"):
        zips.extract_member(archive, "anders.zip", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_a_failed_write_while_extracting_is_a_disk_error_and_leaves_no_part(tmp_path):
    import resource
    import signal

    archive = make_zip(tmp_path / "levering.zip", {"groot.bin": os.urandom(3 * 1024**2)})
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails: EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024**2, hard))
    try:
        with pytest.raises(OSError) as caught:
            zips.extract_member(archive, "groot.bin", tmp_path / "deel.bin")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert not isinstance(caught.value, InputError)  # the disk, not a damaged archive
    assert not (tmp_path / "deel.bin").exists()
