"""English outside the window: the core catalogue is complete, the command line and the
exports speak English when asked and Dutch by default."""

import ast
import csv
import json
import os
import shutil
import string
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pytest

from gis_app.core import formatting, i18n
from gis_app.core.change import applied
from gis_app.core.export.exporter import ExportOptions, export_project, prepare_export
from gis_app.core.io.projectfile import save_project
from gis_app.core.labels import column_label, value_label
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings
from gis_app.render.pdf_sheets import write_package_pdf

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "i18n" / "core_en.json"
#: The window translates itself with Qt (.ts files); everything else goes through i18n.
SCANNED = [p for p in (ROOT / "gis_app").rglob("*.py") if "ui" not in p.relative_to(ROOT).parts]
#: Words that only a Dutch message contains (checked in the English output).
DUTCH_WORDS = ("bestand", "bestaat", "niet", "geen", "panden", "kies", "werkpakket", "gereed")


@pytest.fixture(autouse=True)
def dutch_afterwards():
    """Every test starts and leaves the process in its default language."""
    i18n._chosen = None
    os.environ.pop(i18n.ENV_VAR, None)
    yield
    i18n._chosen = None
    os.environ.pop(i18n.ENV_VAR, None)


def source_texts() -> dict[str, str]:
    """Every ``t("...")`` and ``N_("...")`` text in the code -> where it first occurs."""
    found: dict[str, str] = {}
    for path in sorted(SCANNED):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("t", "N_")
            ):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            first = node.args[0] if node.args else None
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{where}: {node.func.id}() needs a literal text (fields go in as keywords), "
                "otherwise the catalogue cannot be checked"
            )
            found.setdefault(first.value, where)
    return found


def fields(text: str) -> list[tuple[str, str, str]]:
    return sorted(
        (name, spec or "", conv or "")
        for _, name, spec, conv in string.Formatter().parse(text)
        if name is not None
    )


def test_every_source_text_has_an_english_entry_and_no_entry_is_stale():
    texts = source_texts()
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert len(texts) > 400  # the scan finds the calls (a broken scan would pass vacuously)
    missing = {text: where for text, where in texts.items() if not catalogue.get(text)}
    assert not missing, f"no English for {len(missing)} texts, e.g. {list(missing.items())[:5]}"
    stale = sorted(set(catalogue) - set(texts))
    assert not stale, f"catalogue entries no code uses any more: {stale[:10]}"


def test_translations_keep_the_fields_of_their_source():
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    wrong = {k: v for k, v in catalogue.items() if fields(k) != fields(v)}
    assert not wrong, f"fields differ between Dutch and English: {list(wrong.items())[:5]}"
    untranslated = [k for k, v in catalogue.items() if k == v and any(w in k for w in DUTCH_WORDS)]
    assert not untranslated, untranslated


def test_t_fills_fields_after_the_lookup_and_falls_back_to_dutch():
    text = "{n_clusters} clusters voorgesteld (alleen voor deze berekening)"
    assert i18n.t(text, n_clusters=3) == "3 clusters voorgesteld (alleen voor deze berekening)"
    i18n.set_language("en")
    assert i18n.t(text, n_clusters=3) == "3 clusters suggested (for this calculation only)"
    assert os.environ[i18n.ENV_VAR] == "en"  # worker processes started later follow
    assert i18n.t("geen vertaling voor deze tekst") == "geen vertaling voor deze tekst"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_language_of_is_for_one_thread_only():
    seen = {}
    with i18n.language_of("en"):
        thread = threading.Thread(target=lambda: seen.setdefault("other", i18n.language()))
        thread.start()
        thread.join()
        seen["here"] = i18n.language()
        assert i18n.t("Legenda") == "Legend"
    assert seen == {"here": "en", "other": "nl"}
    assert i18n.language() == "nl" and i18n.t("Legenda") == "Legenda"


def test_numbers_and_labels_follow_the_language():
    assert formatting.decimal(1234.5, 1) == "1.234,5"
    assert formatting.scientific(0.003) == "3,0e-03"
    assert column_label("risk_profile") == "Risicoprofiel"
    assert value_label("measure", "heavy") == "zware versterking"
    i18n.set_language("en")
    assert formatting.decimal(1234.5, 1) == "1,234.5"
    assert formatting.scientific(0.003) == "3.0e-03"
    assert formatting.percent(0.25) == "25%"
    assert formatting.months(3) == "3 months"
    assert column_label("risk_profile") == "Risk profile"
    assert value_label("measure", "heavy") == "heavy reinforcement"
    assert value_label("eigen_regie", True) == "yes"
    assert value_label("measure", "not-a-code") == "not-a-code"  # data is never translated


# --- the command line ----------------------------------------------------------------------


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != i18n.ENV_VAR}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "gis_app", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def assert_one_english_line(result: subprocess.CompletedProcess, *expected: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    for text in expected:
        assert text in line
    dutch = [w for w in DUTCH_WORDS if f" {w} " in f" {line.lower()} "]
    assert not dutch, f"Dutch words {dutch} in {line!r}"
    return line


@pytest.fixture(scope="module")
def project_without_clusters(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("i18n") / "zonder clusters.gpkg"
    save_project(Project(buildings=generate_buildings(250, seed=5)), path)
    return path


def test_cli_errors_are_english_with_lang_en_and_dutch_by_default(
    tmp_path, project_without_clusters
):
    missing = tmp_path / "nergens.gpkg"
    before = assert_one_english_line(
        run_cli("--lang", "en", "plan", str(missing), cwd=tmp_path),
        "gis-app plan:",
        "file does not exist",
    )
    after = run_cli("plan", str(missing), "--lang", "en", cwd=tmp_path)  # after the command
    assert after.stderr.strip() == before
    dutch = run_cli("plan", str(missing), cwd=tmp_path)
    assert dutch.returncode == 2 and "bestand bestaat niet" in dutch.stderr

    # a refused argument value and a project that cannot be planned as it is
    assert_one_english_line(
        run_cli("--lang", "en", "plan", str(missing), "--capacity", "veel", cwd=tmp_path),
        "--capacity",
        "is not a number",
        "(see gis-app plan --help)",
    )
    assert_one_english_line(
        run_cli("--lang=en", "plan", str(project_without_clusters), cwd=tmp_path),
        "the project has no clusters",
        "--auto-clusters",
    )
    refused = run_cli("--lang", "fr", "plan", str(missing), cwd=tmp_path)
    assert refused.returncode == 2 and "invalid choice" in refused.stderr


def test_cli_bag_and_team_mode_errors_are_english(tmp_path):
    import zipfile

    extract = tmp_path / "bag.zip"  # an LVBAG extract with units but no buildings
    with zipfile.ZipFile(extract, "w") as archive:
        archive.writestr("9999VBO08012024-000001.xml", "<x/>")
    assert_one_english_line(
        run_cli("--lang", "en", "import", str(extract), "--out", "o.gpkg", "-q", cwd=tmp_path),
        "BAG extract contains no buildings (no PND files); present: VBO",
    )
    dutch = run_cli("import", str(extract), "--out", "o.gpkg", "-q", cwd=tmp_path)
    assert "BAG-extract bevat geen panden" in dutch.stderr
    assert_one_english_line(
        run_cli(
            "--lang",
            "en",
            "db",
            "pull",
            "postgresql://u@localhost/x",
            "--name",
            "a",
            "--out",
            "copy.txt",
            cwd=tmp_path,
        ),
        "copy.txt: a project is saved as a GeoPackage (.gpkg)",
    )
    assert_one_english_line(
        run_cli("--lang", "en", "db", "init", " ", cwd=tmp_path), "empty database connection"
    )


def test_cli_plan_prints_its_metrics_in_english(tmp_path, project_without_clusters):
    english = run_cli(
        "--lang", "en", "plan", str(project_without_clusters), "--auto-clusters", cwd=tmp_path
    )
    assert english.returncode == 0, english.stderr
    out = english.stdout
    assert "clusters suggested (for this calculation only)" in out
    assert "Plan for zonder clusters.gpkg: 250 buildings" in out
    assert "Risk exposure:" in out and "casualty-years" in out
    assert "All verhoogd (elevated risk) buildings done:" in out
    assert "Panden" not in out and "gereed" not in out
    # English decimal point in the share of bespoke work: "(23.7%)"
    share = out.split("buildings with work (")[1].split("%")[0]
    assert "." in share and "," not in share
    dutch = run_cli("plan", str(project_without_clusters), "--auto-clusters", cwd=tmp_path)
    assert "Risicoblootstelling:" in dutch.stdout and "Risk exposure" not in dutch.stdout


# --- exports -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planned_project():
    bare = Project(buildings=generate_buildings(200, seed=11))
    return applied(bare, prepare_export(bare).change)


def test_packages_are_named_in_the_language_they_are_made_in():
    bare = Project(buildings=generate_buildings(120, seed=12))
    with i18n.language_of("en"):
        english = applied(bare, prepare_export(bare).change).packages
    dutch = applied(bare, prepare_export(bare).change).packages
    assert all(" part " in name for name in english["name"])
    assert all(" deel " in name for name in dutch["name"])
    assert list(english["package_id"]) == list(dutch["package_id"])  # ids are not words


def export_in(project, out: Path, language: str | None):
    first = str(project.packages["package_id"].iloc[0])
    return export_project(
        project,
        out,
        ExportOptions(
            formats=("xlsx", "csv", "shp", "pdf"), package_ids=[first], language=language
        ),
        pdf_writer=write_package_pdf,
    )


def xlsx_of(report):
    path = next(p for p in report.files if p.suffix == ".xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    headers = [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))]
    notes = [tuple(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    return book.sheetnames, headers, notes


def pdf_text(report) -> str:
    path = next(p for p in report.files if p.suffix == ".pdf")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (Debian package poppler-utils) is needed to read the PDF back")
    return subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def field_names_csv(report) -> list[list[str]]:
    shp = next(p for p in report.files if p.suffix == ".shp")
    mapping = shp.with_name(shp.stem + "_veldnamen.csv")
    with open(mapping, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_export_labels_are_english_when_chosen_and_dutch_by_default(
    tmp_path, qapp, planned_project
):
    english = export_in(planned_project, tmp_path / "en", "en")
    sheets, headers, notes = xlsx_of(english)
    assert sheets == ["Addresses", "Notes"]
    assert {"BAG building id", "work package id", "street", "house number"} <= set(headers)
    assert "BAG pand-id" not in headers and "straat" not in headers
    assert ("Column", "Field name") in notes
    assert any(row[:2] == ("contractor", "contractor") for row in notes)  # label, name
    text = pdf_text(english)
    assert "Work package" in text and "Legend" in text and "Contractor" in text
    assert "Werkpakket" not in text and "Legenda" not in text
    english_names = field_names_csv(english)
    assert english_names[0] == ["short", "full", "description"]
    assert any(row[1:] == ["building_id", "BAG building id"] for row in english_names)
    csv_path = next(
        p for p in english.files if p.parent.name == "adreslijsten" and p.suffix == ".csv"
    )
    assert "BAG building id" in csv_path.read_text(encoding="utf-8-sig").splitlines()[0]

    dutch = export_in(planned_project, tmp_path / "nl", None)
    sheets, headers, notes = xlsx_of(dutch)
    assert sheets == ["Adressen", "Toelichting"]
    assert "BAG pand-id" in headers and "BAG building id" not in headers
    text = pdf_text(dutch)
    assert "Werkpakket" in text and "Legenda" in text and "Legend " not in text
    assert any(row[1:] == ["building_id", "BAG pand-id"] for row in field_names_csv(dutch))
    # field names, folders and file names are the same in both languages
    assert sorted(p.relative_to(tmp_path / "en") for p in english.files) == sorted(
        p.relative_to(tmp_path / "nl") for p in dutch.files
    )
    assert i18n.language() == "nl"  # the export's language ended with it


def test_cli_export_with_lang_en_writes_english_labels(tmp_path, planned_project):
    project_path = tmp_path / "project.gpkg"
    save_project(planned_project, project_path)
    first = str(planned_project.packages["package_id"].iloc[0])
    out = tmp_path / "export"
    result = run_cli(
        "export",
        str(project_path),
        "--out",
        str(out),
        "--format",
        "xlsx",
        "--package",
        first,
        "--lang",
        "en",
        "--quiet",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "work package(s) exported to" in result.stdout
    xlsx = next(out.rglob("*.xlsx"))
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames == ["Addresses", "Notes"]
    headers = [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))]
    assert "BAG building id" in headers


def test_export_dialog_offers_the_label_language_and_starts_at_the_apps(qtbot):
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.export_dialog import ExportDialog

    project = Project(buildings=generate_buildings(30, seed=2))
    dialog = ExportDialog(ProjectDocument(project))
    qtbot.addWidget(dialog)
    combo = dialog.language_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["nl", "en"]
    assert dialog.options().language == "nl"
    combo.setCurrentIndex(combo.findData("en"))
    assert dialog.options().language == "en"
    assert i18n.language() == "nl"  # choosing labels for a file leaves the app's language

    i18n.set_language("en")
    english = ExportDialog(ProjectDocument(project))
    qtbot.addWidget(english)
    assert english.options().language == "en"


# --- raw Dutch messages --------------------------------------------------------------------

#: Where the scan for untranslated messages looks (all of core, the commands and render);
#: the window (ui/) translates itself with Qt.
MESSAGE_DIRS = ("gis_app/core", "gis_app/commands", "gis_app/render")
MESSAGE_DIRS_NOT_YET = ()
#: Errors shown to the user as they are (GisAppError and its subclasses).
USER_ERRORS = {
    "GisAppError",
    "InputError",
    "MissingCrsError",
    "ProjectError",
    "PlanningError",
    "ExportError",
    "ScenarioError",
    "DbError",
    "PackageError",
    "MetaProblem",
    "CommitmentError",
    "SourceUnavailable",  # an OSError whose text the source check shows
}
#: Lists of notes and warnings that reach the user.
MESSAGE_LISTS = {"notes", "warnings"}
#: Deliberate exceptions, (path, start of the expression): texts without words to translate.
#: (The letters to residents stay Dutch by design, but their code raises no raw messages.)
RAW_ALLOWED = {
    # the screenshot's file name and pixel size ("x" is not a word)
    ("gis_app/commands/open.py", "f'{written} ({size[0]}x{size[1]})'"),
}


def _has_words(node: ast.AST) -> bool:
    """Whether ``node`` builds a text from a literal with letters in it (not via t())."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _has_words(node.func.value)
    return False


def _message_args(node: ast.Call, in_commands: bool) -> list[ast.AST]:
    """The arguments of ``node`` that are texts for the user, if it is such a call."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    owner = getattr(func, "value", None)
    owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
    keywords = [k.value for k in node.keywords if k.arg == "message"]
    if name in USER_ERRORS or name == "ArgumentTypeError":
        return node.args[:1] + keywords
    if name == "append" and owner_name in MESSAGE_LISTS:
        return list(node.args)
    if name == "progress":  # progress(fraction, text)
        return node.args[1:] + keywords
    if name in ("report", "for_rows", "Problem"):  # (kind, message, ...): the kind is a code
        return node.args[1:2] + keywords
    if name == "print" and in_commands:
        return list(node.args)
    return []


def _sources_of(arg: ast.AST, functions: dict, scope: ast.AST | None) -> list[ast.AST]:
    """What a message argument is built from one step away, in the same module: the
    ``return`` values of a function it calls, or the values assigned to a variable it
    names in the enclosing function (a message made in a helper and raised elsewhere)."""
    out: list[ast.AST] = []
    if isinstance(arg, ast.Call):
        func = arg.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        for definition in functions.get(name, []):
            out += [
                n.value
                for n in ast.walk(definition)
                if isinstance(n, ast.Return) and n.value is not None
            ]
    elif isinstance(arg, ast.Name) and scope is not None:
        for n in ast.walk(scope):
            if isinstance(n, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == arg.id for target in n.targets
            ):
                out.append(n.value)
    return out


def raw_messages() -> list[str]:
    found = []
    for directory in MESSAGE_DIRS:
        for path in sorted((ROOT / directory).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith(MESSAGE_DIRS_NOT_YET):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            functions: dict[str, list[ast.AST]] = {}
            scopes: dict[ast.AST, ast.AST] = {}  # a node -> its innermost function
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    functions.setdefault(node.name, []).append(node)
                    for inner in ast.walk(node):
                        scopes[inner] = node  # inner functions come later and win
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                for arg in _message_args(node, rel.startswith("gis_app/commands")):
                    for built in [arg, *_sources_of(arg, functions, scopes.get(node))]:
                        text = ast.unparse(built)
                        if _has_words(built) and (rel, text) not in RAW_ALLOWED:
                            found.append(f"{rel}:{built.lineno}: {text[:100]}")
    return sorted(set(found))


def test_no_raw_dutch_messages():
    """Messages of core and the command line go through t(), so English is complete."""
    assert _has_words(ast.parse("f'laag {x} niet leesbaar'").body[0].value)
    assert not _has_words(ast.parse("t('laag {x}', x=x)").body[0].value)
    made_elsewhere = ast.parse(
        "def why(x):\n    return f'laag {x} niet leesbaar'\n"
        "def read(x):\n    message = 'kapot'\n    raise InputError(message)\n"
        "    raise InputError(why(x))\n"
    )
    functions = {n.name: [n] for n in made_elsewhere.body}
    raises = [n for n in ast.walk(made_elsewhere) if isinstance(n, ast.Call) and n.args]
    read = functions["read"][0]
    assert [_has_words(v) for r in raises for v in _sources_of(r.args[0], functions, read)] == [
        True,
        True,
    ]
    found = raw_messages()
    assert not found, f"{len(found)} messages not wrapped in t():\n" + "\n".join(found)
