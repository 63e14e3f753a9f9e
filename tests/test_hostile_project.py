"""Hostile input never escapes, overwrites, crashes or hangs: the project file.

* Outputs (``plan --json``, ``open --screenshot``, ``export --out``, saving) never replace
  the project or one of its inputs, however the path is spelled (same path, ``..``,
  symbolic link, hard link).
* Layers and tables someone else added to the project file (a QGIS user's notes, QGIS's
  ``layer_styles``) survive every save: ``suggest-clusters``, ``export --save-packages``
  and Opslaan in the window.
* Hostile metadata (wrong types, absurd values, colliding renames, huge column types,
  deep JSON) opens with a warning or is refused with one line; never a traceback. A
  hypothesis generator mutates a valid project and runs ``plan`` and ``open
  --screenshot`` on each mutant.

Every command test checks the exit status, exactly one line on stderr for status 2,
that nothing was written besides the target and that the project file is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ogr_support import run_ogrinfo
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gis_app.cli import main as cli_main
from gis_app.core.errors import ProjectError
from gis_app.core.export.exporter import ExportOptions, export_project
from gis_app.core.io import projectmeta
from gis_app.core.io.projectfile import (
    META_TABLE,
    load_project,
    save_project,
    source_record,
)
from gis_app.ui.document import ProjectDocument
from gis_app.ui.shell.project_controller import ProjectController
from tests.test_project_ui import finish_save
from tests.test_projectfile import make_project

REPO = Path(__file__).resolve().parent.parent


# --- helpers -----------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (symbolic links as their target) with its content hash."""
    out = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            out[str(path.relative_to(folder))] = sha256(path)
    return out


def gis_app(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "gis_app", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def stderr_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def assert_refused(result, fragment: str = "overschrijven") -> None:
    lines = stderr_lines(result.stderr)
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, lines
    assert fragment in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def set_meta(path: Path, key: str, text: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(f"UPDATE {META_TABLE} SET value = ? WHERE key = ?", (text, key))


def meta_json(path: Path) -> dict:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(f"SELECT key, value FROM {META_TABLE}").fetchall()
    return {key: json.loads(value) for key, value in rows}


@pytest.fixture
def project_file(tmp_path) -> Path:
    return save_project(make_project(), tmp_path / "p.gpkg")


def alias(project: Path, how: str) -> Path:
    """Another name for the file ``project``."""
    folder = project.parent
    if how == "same":
        return project
    if how == "dotted":
        (folder / "sub").mkdir(exist_ok=True)
        return folder / "sub" / ".." / project.name
    if how == "symlink":
        link = folder / "link.gpkg"
        link.symlink_to(project)
        return link
    if how == "hardlink":
        link = folder / "hard.gpkg"
        os.link(project, link)
        return link
    raise AssertionError(how)


# --- 3. outputs never replace the project or its inputs ---------------------------------------


@pytest.mark.parametrize("how", ["same", "dotted", "symlink", "hardlink"])
def test_plan_json_onto_the_project_is_refused(tmp_path, project_file, how):
    target = alias(project_file, how)
    before = tree(tmp_path)
    result = gis_app("plan", project_file, "--json", target)
    assert_refused(result)
    assert "--json" in result.stderr
    assert tree(tmp_path) == before


def test_plan_json_onto_an_input_of_the_project_is_refused(tmp_path, capsys):
    footprints = tmp_path / "panden.gpkg"
    pyogrio.write_dataframe(make_project().buildings[["building_id", "geometry"]], footprints)
    project = make_project()
    project.sources = [source_record(footprints, "footprints")]
    path = save_project(project, tmp_path / "p.gpkg")
    before = tree(tmp_path)
    code = cli_main(["plan", str(path), "--json", str(footprints)])
    err = capsys.readouterr().err
    assert code == 2 and len(stderr_lines(err)) == 1 and "panden.gpkg" in err
    assert tree(tmp_path) == before


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
def test_plan_json_into_a_folder_that_takes_no_files_names_the_real_cause(project_file):
    result = gis_app("plan", project_file, "--json", "/proc/version")
    lines = stderr_lines(result.stderr)
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "/proc/version" in lines[0] and "neemt geen nieuwe bestanden aan" in lines[0]
    assert "No such file" not in lines[0]


@pytest.mark.parametrize("how", ["same", "hardlink"])
def test_open_screenshot_onto_the_project_is_refused(tmp_path, project_file, how):
    target = alias(project_file, how)
    before = tree(tmp_path)
    result = gis_app("open", project_file, "--screenshot", target, "--size", "800x600")
    assert_refused(result)
    assert tree(tmp_path) == before


def test_export_into_a_folder_holding_the_project_as_its_geopackage_is_refused(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    project = save_project(make_project(), folder / "werkpakketten.gpkg")
    before = tree(tmp_path)
    result = gis_app("export", project, "--out", folder, "--format", "gpkg,csv")
    assert_refused(result)
    assert tree(tmp_path) == before


def test_export_refuses_a_hard_link_of_the_project_among_its_files(tmp_path, project_file):
    """The export may replace any file in its subfolders: one of them is the project."""
    (tmp_path / "export" / "adreslijsten").mkdir(parents=True)
    os.link(project_file, tmp_path / "export" / "adreslijsten" / "c1-WP01.csv")
    before = tree(tmp_path)
    with pytest.raises(ProjectError, match="overschrijven"):  # the window's export calls this
        export_project(load_project(project_file), tmp_path / "export", ExportOptions(("csv",)))
    assert tree(tmp_path) == before


def test_export_next_to_the_project_is_allowed(tmp_path, project_file):
    before = sha256(project_file)
    result = gis_app("export", project_file, "--out", tmp_path, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert sha256(project_file) == before
    assert list((tmp_path / "adreslijsten").glob("*.csv"))


def test_suggest_clusters_out_onto_its_own_footprints_is_refused(tmp_path):
    footprints = tmp_path / "panden.gpkg"
    buildings = make_project().buildings[["building_id", "geometry"]]
    pyogrio.write_dataframe(buildings.rename(columns={"building_id": "identificatie"}), footprints)
    before = tree(tmp_path)
    result = gis_app("suggest-clusters", footprints, "--out", footprints)
    assert_refused(result)
    assert tree(tmp_path) == before


@pytest.fixture
def boxes(monkeypatch):
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(f"{box.windowTitle()} {box.text()} {box.informativeText()}")
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


@pytest.fixture
def controller(qtbot, tmp_path, monkeypatch, boxes):
    monkeypatch.setenv("GIS_APP_DATA_DIR", str(tmp_path / "data"))
    created = []

    def make(project) -> ProjectController:
        window = QMainWindow()
        qtbot.addWidget(window)
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        made = ProjectController(window, ProjectDocument(project, parent=window), settings=settings)
        created.append(made)
        return made

    yield make
    for made in created:
        if made.autosave is not None:
            made.autosave.wait()


def test_save_as_onto_an_input_shows_a_message_and_keeps_the_input(
    tmp_path, controller, boxes, monkeypatch
):
    footprints = tmp_path / "panden.gpkg"
    pyogrio.write_dataframe(make_project().buildings[["building_id", "geometry"]], footprints)
    project = make_project()
    project.sources = [source_record(footprints, "footprints")]
    ctl = controller(project)
    before = sha256(footprints)
    monkeypatch.setattr(ctl, "ask_save_path", lambda: footprints)
    ctl.document.mark_dirty()
    assert not ctl.save_as()
    assert sha256(footprints) == before
    assert any("overschrijven" in text for text in boxes), boxes
    assert ctl.document.is_dirty


# --- 4. layers of others survive a save ---------------------------------------------------------


def ogr2ogr() -> str:
    path = shutil.which("ogr2ogr")
    if path is None:
        pytest.fail("ogr2ogr (Debian package gdal-bin) is required")
    return path


@pytest.fixture
def shared_project(tmp_path, project_file) -> Path:
    """The project after a colleague worked on it in QGIS: a notes layer with a polygon,
    an attribute table, QGIS's ``layer_styles`` and a plain SQLite table."""
    notes = tmp_path / "notes.csv"
    notes.write_text(
        'WKT,notitie\n"POLYGON ((247000 594000,247010 594000,247010 594010,247000 594000))",'
        "bewoner belt terug\n",
        encoding="utf-8",
    )
    table = tmp_path / "afspraken.csv"
    table.write_text("adres,datum\nKerkstraat 1,2027-03-01\nKerkstraat 2,2027-03-08\n")
    styles = tmp_path / "styles.csv"
    styles.write_text(
        "f_table_name,f_geometry_column,styleName,styleQML,useAsDefault\n"
        'mijn_notities,geom,notities,"<qgis><renderer-v2/></qgis>",1\n'
    )
    for source, name, extra in (
        (notes, "mijn_notities", ["-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO"]),
        (table, "afspraken", []),
        (styles, "layer_styles", []),
    ):
        subprocess.run(
            [ogr2ogr(), "-append", "-f", "GPKG", project_file, source, "-nln", name]
            + (["-a_srs", "EPSG:28992"] if name == "mijn_notities" else [])
            + extra,
            check=True,
            capture_output=True,
        )
    with sqlite3.connect(project_file) as connection:
        connection.execute("CREATE TABLE losse_tabel (x INTEGER, y TEXT)")
        connection.execute("INSERT INTO losse_tabel VALUES (1, 'een'), (2, 'twee')")
    for helper in (notes, table, styles):
        helper.unlink()
    assert_kept_by_others(project_file, ogrinfo=shutil.which("ogrinfo"))
    return project_file


def assert_kept_by_others(path: Path, ogrinfo: str) -> None:
    """Read back with GDAL's ogrinfo and sqlite3, independent of gis_app."""
    listing = run_ogrinfo(ogrinfo, "-q", path)
    for name in ("mijn_notities", "afspraken", "layer_styles"):
        assert name in listing, listing
    notes = run_ogrinfo(ogrinfo, "-q", "-al", path, "mijn_notities")
    assert "bewoner belt terug" in notes and "POLYGON ((247000 594000" in notes, notes
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT adres FROM afspraken ORDER BY adres").fetchall() == [
            ("Kerkstraat 1",),
            ("Kerkstraat 2",),
        ]
        # the colleague's style is kept beside the app's own styles of its layers
        assert connection.execute(
            "SELECT f_table_name, styleName FROM layer_styles WHERE styleName != 'gis_app'"
        ).fetchall() == [("mijn_notities", "notities")]
        assert connection.execute("SELECT x, y FROM losse_tabel ORDER BY x").fetchall() == [
            (1, "een"),
            (2, "twee"),
        ]


def test_layers_of_others_survive_suggest_clusters(shared_project, ogrinfo):
    result = gis_app("suggest-clusters", shared_project, "--replace")
    assert result.returncode == 0, result.stderr
    assert_kept_by_others(shared_project, ogrinfo)
    assert "voorgesteld" in result.stdout
    assert len(load_project(shared_project).clusters) > 0


def test_layers_of_others_survive_export_save_packages(shared_project, ogrinfo, tmp_path):
    result = gis_app(
        "export", shared_project, "--out", tmp_path / "uit", "--format", "csv", "--save-packages"
    )
    assert result.returncode == 0, result.stderr
    assert_kept_by_others(shared_project, ogrinfo)
    assert load_project(shared_project).packages is not None


def test_layers_of_others_survive_save_and_save_as_in_the_window(
    shared_project, ogrinfo, controller, tmp_path, monkeypatch, qtbot
):
    ctl = controller(load_project(shared_project))
    ctl.document.project.settings["note"] = "opgeslagen in het venster"
    ctl.document.mark_dirty()
    assert finish_save(qtbot, ctl, ctl.save)
    assert_kept_by_others(shared_project, ogrinfo)
    assert load_project(shared_project).settings["note"] == "opgeslagen in het venster"
    other = tmp_path / "kopie.gpkg"
    monkeypatch.setattr(ctl, "ask_save_path", lambda: other)
    assert finish_save(qtbot, ctl, ctl.save_as)
    assert_kept_by_others(other, ogrinfo)


# --- 9. hostile metadata ------------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000

#: (meta key, JSON text, fragment of the warning) -- the project opens with a warning.
WARNED = [
    ("settings", '{"planning": {"capacity_calendar": 5}}', "capaciteitskalender"),
    ("settings", '{"planning": {"capacity_calendar": [["2027-01-01", 3, 4]]}}', "kalender"),
    ("settings", '{"planning": {"contractors": {"a": 1}}}', "aannemers"),
    ("settings", '{"planning": {"contractors": [{"name": 5}]}}', "aannemer"),
    ("settings", '{"planning": {"costs": {"light": "duur"}}}', "kosten"),
    ("settings", '{"planning": {"durations": [1, 2]}}', "duur"),
    ("settings", '{"planning": {"durations": {"heavy": {"bespoke": {"prep": 1e19}}}}}', "1040"),
    ("settings", '{"planning": {"start_date": "9999-01-01"}}', "9999"),
    ("settings", '{"planning": {"lpr_by_profile": {"verhoogd": "hoog"}}}', "LPR"),
    ("settings", '{"packages": {"contractors": [1]}}', "pakketinstellingen"),
    ("scenarios", '[{"name": "Snel", "settings": {"starts_per_week": "veel"}}]', "Snel"),
    ("scenarios", '[{"name": "Snel", "shares": {"c1": "half"}}]', "Snel"),
    ("column_renames", '{"buildings": {"address": "lpr"}}', "botsen"),
    ("column_dtypes", '{"buildings": {"lpr": "S2000000000"}}', "S2000000000"),
    ("column_dtypes", '{"buildings": {"address": "string[pyarrow]"}}', "string[pyarrow]"),
    ("sources", '[{"path": 5}]', "bronbestanden"),
]


@pytest.mark.parametrize(("key", "text", "fragment"), WARNED)
def test_hostile_metadata_opens_with_a_warning(project_file, capsys, key, text, fragment):
    set_meta(project_file, key, text)
    before = tree(project_file.parent)
    code = cli_main(["plan", str(project_file)])
    out, err = capsys.readouterr()
    assert code == 0, err
    warnings = [line for line in stderr_lines(err) if "waarschuwing" in line]
    assert warnings and any(fragment in line for line in warnings), err
    assert "Traceback" not in err
    assert "Plan voor p.gpkg: 12 panden" in out  # the buildings are all there
    assert tree(project_file.parent) == before
    project = load_project(project_file)
    assert len(project.buildings) == 12 and project.load_warnings


def test_lpr_as_text_is_read_as_unknown_with_a_warning(tmp_path, capsys):
    project = make_project()
    project.buildings["lpr"] = ["hoog"] * 11 + ["1e-5"]
    path = save_project(project, tmp_path / "p.gpkg")
    before = sha256(path)
    assert cli_main(["plan", str(path)]) == 0
    err = capsys.readouterr().err
    assert "kolom 'lpr': 11 waarden zijn geen getal" in err
    loaded = load_project(path)
    assert loaded.buildings["lpr"].isna().sum() == 11
    assert loaded.buildings["lpr"].iloc[-1] == pytest.approx(1e-5)
    assert sha256(path) == before


@pytest.mark.parametrize(
    ("key", "text", "fragment"),
    [
        ("scenarios", DEEP, "64 niveaus"),
        ("settings", '{"planning": ' * 65 + "1" + "}" * 65, "64 niveaus"),
        ("settings", "{kapot", "onleesbaar"),
        ("settings", "[1, 2]", "beschadigd (instellingen)"),
        ("scenarios", '{"naam": "Snel"}', "beschadigd (instellingen)"),
        ("column_renames", "[1]", "beschadigd (kolomgegevens)"),
        ("schema_version", '"een"', "schemaversie"),
        ("layers", '{"buildings": 300}', "300"),
    ],
)
def test_unreadable_metadata_is_refused_with_one_line(project_file, capsys, key, text, fragment):
    set_meta(project_file, key, text)
    before = tree(project_file.parent)
    code = cli_main(["plan", str(project_file)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(stderr_lines(err)) == 1 and fragment in err, err
    assert tree(project_file.parent) == before


def test_too_large_metadata_text_is_refused(project_file, capsys, monkeypatch):
    monkeypatch.setattr(projectmeta, "MAX_META_CHARS", 1000)
    set_meta(project_file, "settings", json.dumps({"note": "x" * 2000}))
    code = cli_main(["plan", str(project_file)])
    err = capsys.readouterr().err
    assert code == 2 and len(stderr_lines(err)) == 1 and "te groot" in err, err


def test_depth_is_counted_outside_strings():
    assert projectmeta.json_depth('{"a": "[[[[[[[[", "b": [[1]]}') == 3
    assert projectmeta.json_depth('"\\"[[[["') == 0


def test_open_screenshot_of_hostile_scenarios_warns_and_writes_the_picture(project_file):
    set_meta(
        project_file,
        "scenarios",
        json.dumps(
            [
                {"name": "Kapot", "settings": {"capacity_calendar": [[1, 2, 3]]}},
                {"name": "Goed", "shares": {"c1": 0.5}, "metrics": {"wait": [1, 2]}},
                "geen scenario",
            ]
        ),
    )
    before = sha256(project_file)
    shot = project_file.parent / "shot.png"
    result = gis_app("open", project_file, "--screenshot", shot, "--size", "800x600")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "scenario 'Kapot' overgeslagen" in result.stderr
    assert "scenario nr. 3 overgeslagen" in result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sha256(project_file) == before
    assert [s["name"] for s in load_project(project_file).scenarios] == ["Goed"]


def test_the_window_shows_the_warnings_of_an_opened_project(project_file, controller, boxes, qtbot):
    set_meta(project_file, "settings", '{"planning": {"start_date": "9999-01-01"}}')
    ctl = controller(load_project(project_file))
    ctl.document.replace_project(load_project(project_file))
    qtbot.waitUntil(lambda: any("9999" in text for text in boxes))
    assert ctl.document.project.load_warnings == []  # shown once


# --- hypothesis: mutants of a valid project -----------------------------------------------------


class Worker:
    """A warm gis-app process (tests/cli_worker.py); each call must answer within ``timeout``.

    The limit tells a hang (no answer ever) from a slow answer; a call takes well under a
    second, and 60 s leaves room for a CI machine under heavy load (10 s did not always)."""

    def __init__(self, data_dir: Path):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GIS_APP_DATA_DIR=str(data_dir))
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "tests" / "cli_worker.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # Qt's own notes; the answers carry Python's stderr
            text=True,
            env=env,
        )
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.answers.put(json.loads(line))

    def call(self, argv: list[str], timeout: float = 60.0) -> dict:
        self.process.stdin.write(json.dumps([str(a) for a in argv]) + "\n")
        self.process.stdin.flush()
        try:
            return self.answers.get(timeout=timeout)
        except queue.Empty:
            self.process.kill()
            raise AssertionError(
                f"gis-app {' '.join(map(str, argv))} took over {timeout} s"
            ) from None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    running = Worker(tmp_path_factory.mktemp("worker_data"))
    # the first call imports everything (seconds); the 60 s limit is for the mutants
    assert running.call(["plan", "--help"], timeout=120)["code"] == 0
    yield running
    running.close()


@pytest.fixture(scope="module")
def base_file(tmp_path_factory) -> Path:
    return save_project(make_project(), tmp_path_factory.mktemp("base") / "base.gpkg")


PLANNING_KEYS = [
    "starts_per_week",
    "capacity_calendar",
    "contractors",
    "durations",
    "costs",
    "bespoke_share",
    "threat_factor",
    "apply_threat_relief",
    "neighbour_distance_m",
    "years_apart",
    "residents_per_address",
    "lpr_by_profile",
    "unclustered",
    "start_date",  # last: hypothesis tries the first entries most
]
WORDS = PLANNING_KEYS + [
    "light",
    "heavy",
    "rebuild",
    "standard",
    "bespoke",
    "prep",
    "construction",
    "name",
    "calendar",
    "shares",
    "settings",
    "metrics",
    "order",
    "c1",
    "c2",
    "verhoogd",
    "buildings",
    "clusters",
    "lpr",
    "addresses",
    "risk_profile",
    "building_id",
    "path",
]
COLUMNS = ["lpr", "addresses", "residents", "risk_profile", "building_id", "cluster_id", "address"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["9999-01-01", "2027-01-01", "0001-01-01", "1e19", "S2000000000", "", "optimise", "c1"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
dtypes = st.sampled_from(
    [
        "S2000000000",
        "U100",
        "V8",
        "int8",
        "Int64",
        "category",
        "bool",
        "datetime64[ns]",
        "timedelta64[ns]",
        "period[M]",
        "string[pyarrow]",
        "complex128",
        "float32",
        "object",
    ]
) | st.text(max_size=12)

#: (path into the metadata, value); a path ends where the value goes.
mutations = st.one_of(
    st.tuples(st.just(("settings", "planning")), st.sampled_from(PLANNING_KEYS), values).map(
        lambda t: (t[0] + (t[1],), t[2])
    ),
    st.tuples(
        st.sampled_from(
            [
                ("settings",),
                ("settings", "planning"),
                ("settings", "packages"),
                ("settings", "planning_order"),
                ("settings", "export_columns"),
                ("scenarios",),
                ("sources",),
                ("layers",),
                ("name",),
                ("column_order",),
                ("column_order", "buildings"),
            ]
        ),
        values,
    ),
    st.tuples(st.sampled_from(["name", "settings", "shares", "order", "metrics"]), values).map(
        lambda t: (("scenarios", 0, t[0]), t[1])
    ),
    st.tuples(st.sampled_from(PLANNING_KEYS), values).map(
        lambda t: (("scenarios", 0, "settings", t[0]), t[1])
    ),
    st.tuples(st.sampled_from(COLUMNS), dtypes).map(
        lambda t: (("column_dtypes", "buildings", t[0]), t[1])
    ),
    st.tuples(st.sampled_from(COLUMNS + ["fid_2", "geometry"]), st.sampled_from(COLUMNS)).map(
        lambda t: (("column_renames", "buildings", t[0]), t[1])
    ),
    # raw text: JSON too deep to parse, or not JSON at all
    st.tuples(
        st.sampled_from(["settings", "scenarios", "column_dtypes", "sources"]),
        st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n)
        | st.sampled_from(["{kapot", "", "NaN", '"tekst"', "1e999"]),
    ).map(lambda t: ((t[0],), RawText(t[1]))),
)

#: A building column rewritten with values of another type (LPR as text, ...).
column_changes = st.none() | st.tuples(
    st.sampled_from(["lpr", "addresses", "residents", "risk_profile", "eigen_regie"]),
    st.sampled_from(["hoog", "", "1e400", "-5", "9" * 30, None]),
)


class RawText(str):
    """Text written into the metadata as it is (not as JSON)."""


def put(meta: dict, path: tuple, value) -> None:
    """Set ``value`` at ``path`` in ``meta``, making containers that are missing or scalars."""
    node = meta
    for depth, key in enumerate(path[:-1]):
        following = path[depth + 1]
        wanted = list if isinstance(following, int) else dict
        if isinstance(node, list):
            while len(node) <= key:
                node.append({})
            if not isinstance(node[key], wanted):
                node[key] = wanted()
            node = node[key]
        else:
            if not isinstance(node.get(key), wanted):
                node[key] = wanted()
            node = node[key]
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= last:
            node.append({})
    node[last] = value


def write_mutant(base: Path, folder: Path, changes, change_column) -> Path:
    target = folder / "mutant.gpkg"
    if change_column is None:
        shutil.copyfile(base, target)
    else:
        project = load_project(base)
        column, value = change_column
        project.buildings[column] = pd.Series([value] * len(project.buildings), dtype=object)
        save_project(project, target)
    meta = meta_json(target)
    raw: dict[str, str] = {}
    for path, value in changes:
        if isinstance(value, RawText):
            raw[path[0]] = str(value)
            meta.pop(path[0], None)
        else:
            raw.pop(path[0], None)
            put(meta, path, value)
    with sqlite3.connect(target) as connection:
        for key, value in meta.items():
            text = json.dumps(value, allow_nan=True)
            connection.execute(f"UPDATE {META_TABLE} SET value = ? WHERE key = ?", (text, key))
        for key, text in raw.items():
            connection.execute(f"UPDATE {META_TABLE} SET value = ? WHERE key = ?", (text, key))
    return target


def check_outcome(answer: dict, command: str) -> None:
    assert "Traceback" not in answer["stderr"], answer["stderr"]
    assert answer["code"] in (0, 2), (command, answer)
    if answer["code"] == 2:
        lines = stderr_lines(answer["stderr"])
        assert len(lines) == 1, (command, lines)
        assert lines[0].startswith(f"gis-app {command}: ")


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    database=None,  # nothing written into the working folder
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=st.lists(mutations, min_size=1, max_size=3), change_column=column_changes)
def test_mutated_projects_open_and_plan_without_tracebacks_or_hangs(
    worker, base_file, tmp_path_factory, changes, change_column
):
    folder = tmp_path_factory.mktemp("mutant")
    project = write_mutant(base_file, folder, changes, change_column)
    digest = sha256(project)
    check_outcome(worker.call(["plan", project]), "plan")
    shot = folder / "shot.png"
    answer = worker.call(["open", project, "--screenshot", shot, "--size", "640x480"])
    check_outcome(answer, "open")
    assert sha256(project) == digest
    written = sorted(p.name for p in folder.iterdir())
    assert written == (["mutant.gpkg", "shot.png"] if answer["code"] == 0 else ["mutant.gpkg"])


def test_cluster_export_onto_the_open_project_is_refused(qtbot, project_file):
    from gis_app.ui.clusters.actions import ClusterActions
    from gis_app.ui.map.canvas import MapCanvas

    document = ProjectDocument(load_project(project_file))
    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    actions = ClusterActions(document, canvas)  # no window: the message is emitted only
    messages = []
    actions.message.connect(messages.append)
    before = tree(project_file.parent)
    actions.export_clusters(str(project_file))
    assert tree(project_file.parent) == before
    assert messages and "overschrijven" in messages[-1]


def test_a_plain_table_is_copied_as_data_without_running_its_definition(project_file):
    """Its rows and column types survive; its CHECK and generated column (the file's own
    SQL, evaluated on insert) are not run."""
    with sqlite3.connect(project_file) as connection:
        connection.execute(
            "CREATE TABLE lastig (a INTEGER CHECK (a > 100), b TEXT, "
            "c INTEGER GENERATED ALWAYS AS (a * 2))"
        )
        connection.execute("INSERT INTO lastig (a, b) VALUES (101, 'een'), (102, 'twee')")
        connection.execute("CREATE VIRTUAL TABLE zoek USING rtree(id, x0, x1)")
    project = load_project(project_file)
    project.settings["note"] = "opnieuw"
    save_project(project, project_file)
    with sqlite3.connect(project_file) as connection:
        assert connection.execute("SELECT a, b FROM lastig ORDER BY a").fetchall() == [
            (101, "een"),
            (102, "twee"),
        ]
        kinds = {row[1]: row[2] for row in connection.execute("PRAGMA table_info(lastig)")}
        connection.execute("INSERT INTO lastig (a, b) VALUES (1, 'mag nu')")  # no CHECK
    assert kinds == {"a": "INTEGER", "b": "TEXT"}
    assert load_project(project_file).settings["note"] == "opnieuw"


def test_absurd_numbers_in_building_columns_are_read_as_unknown(tmp_path, capsys):
    project = make_project()
    project.buildings["lpr"] = [1e400, -1.0, 2.0] + [1e-5] * 9
    project.buildings["residents"] = [float("inf")] + [2.0] * 11
    path = save_project(project, tmp_path / "p.gpkg")
    assert cli_main(["plan", str(path)]) == 0
    err = capsys.readouterr().err
    assert "kolom 'lpr': 3 waarden buiten 0 tot 1" in err
    assert "kolom 'residents': 1 waarden buiten" in err
    loaded = load_project(path)
    assert loaded.buildings["lpr"].isna().sum() == 3
    assert loaded.buildings["residents"].isna().sum() == 1
