"""The window in two languages: the English catalogue is complete and current, and an
English window shows no Dutch interface words (domain terms excepted), a Dutch one no
English.

The catalogue check runs ``scripts/i18n.py check`` as CI does; its failures are shown
on copies of the .ts with one defect each. The window tests open the realistic sample
project (clusters, plan, packages, a scenario) so every panel holds real text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

from gis_app.paths import ROOT_DIR
from gis_app.ui.app import LANG_ENV, install_language

I18N = ROOT_DIR / "scripts" / "i18n.py"
TS_FILE = ROOT_DIR / "resources" / "i18n" / "gis_app_en.ts"

#: Dutch interface words that must not appear in the English window (whole words, any
#: case). The domain terms the English window keeps (verhoogd, licht verhoogd, normaal,
#: eigen regie, normbesluit, versterkingsbesluit, opname, BAG, LPR, Meijdam) are not here.
DUTCH_WORDS = (
    "Bestand",
    "Bewerken",
    "Beeld",
    "Opslaan",
    "Openen",
    "Annuleren",
    "Sluiten",
    "Pakketten",
    "Werkpakket",
    "Werkpakketten",
    "Kaart",
    "Instellingen",
    "Voorkeuren",
    "Handleiding",
    "gereed",
    "weken",
    "Toelichting",
    "Zoeken",
    "panden",
    "pand",
    "adressen",
    "aannemer",
    "maatregel",
    "mijlpaal",
    "Selectie",
    "Voorrang",
    "Naam",
    "Kosten",
    "Uitkomst",
    "Lagen",
    "Legenda",
    "Tijdlijn",
    "Grafieken",
    "Voortgang",
    "bouwstarts",
    "Verwijderen",
    "Samenvoegen",
    "Toepassen",
    "Vergelijken",
    "geselecteerd",
    "Risicoprofiel",
    "Gebouwen",
    "Exporteren",
    "Importeren",
    "Sneltoetsen",
    "Taal",
    "Algemeen",
    "Formaten",
    "Kolommen",
    "Bladeren",
    "Periode",
    "Attribuuttabel",
    "Identificeren",
    "Verschuiven",
    "maatwerk",
    "snelheid",
    "Afbreken",
    "Welkom",
)
DUTCH = re.compile(r"(?<![\w-])(" + "|".join(DUTCH_WORDS) + r")(?![\w-])", re.IGNORECASE)

#: English words that must not appear in the Dutch window.
ENGLISH_WORDS = ("File", "Edit", "View", "Save", "Open", "Buildings", "Work packages", "Legend")
ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(ENGLISH_WORDS) + r")(?![\w-])")


# --- the catalogue -----------------------------------------------------------------------------


def run_check(ts=None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(I18N), "check"]
    if ts is not None:
        command += ["--ts", str(ts)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT_DIR, timeout=300)


def test_the_english_catalogue_is_complete_and_current():
    done = run_check()
    assert done.returncode == 0, done.stderr
    assert "complete and up to date" in done.stdout


def _defective_copy(tmp_path, defect) -> str:
    tree = ET.parse(TS_FILE)
    defect(tree.getroot())
    copy = tmp_path / "gis_app_en.ts"
    tree.write(copy, encoding="utf-8", xml_declaration=True)
    return copy


def _message(root, source: str):
    for context in root.findall("context"):
        for message in context.findall("message"):
            if message.findtext("source") == source:
                return context, message
    raise AssertionError(f"{source!r} not in the catalogue")


def test_check_fails_on_an_unfinished_translation(tmp_path):
    def unfinish(root):
        translation = _message(root, "Project opgeslagen: {path}")[1].find("translation")
        translation.text = ""
        translation.set("type", "unfinished")

    done = run_check(_defective_copy(tmp_path, unfinish))
    assert done.returncode == 1
    assert "no English translation: [ProjectController] 'Project opgeslagen: {path}'" in (
        done.stderr
    )


def test_check_fails_on_a_stale_catalogue(tmp_path):
    def drop_and_add(root):
        context, message = _message(root, "Project opgeslagen: {path}")
        context.remove(message)  # a tr() string of the code missing from the .ts
        gone = ET.SubElement(context, "message")  # one the code no longer has
        ET.SubElement(gone, "source").text = "Verdwenen menu"
        ET.SubElement(gone, "translation").text = "Vanished menu"

    done = run_check(_defective_copy(tmp_path, drop_and_add))
    assert done.returncode == 1
    assert (
        "not in the .ts (stale, run update): [ProjectController] 'Project opgeslagen: {path}'"
        in done.stderr
    )
    assert "no longer in the code" in done.stderr and "'Verdwenen menu'" in done.stderr


def test_check_fails_when_a_translation_drops_a_placeholder(tmp_path):
    def drop(root):
        _message(root, "Project opgeslagen: {path}")[1].find("translation").text = "Saved"

    done = run_check(_defective_copy(tmp_path, drop))
    assert done.returncode == 1
    assert "placeholders differ" in done.stderr and "{path}" in done.stderr


def test_lupdate_contexts_are_the_ones_tr_looks_up():
    """Every context of the catalogue is a class of gis_app/ui or a literal translate()
    context, so no message sits where tr() never looks (e.g. under "window")."""
    sys.path.insert(0, str(I18N.parent))
    try:
        import i18n
    finally:
        sys.path.remove(str(I18N.parent))
    known = i18n._known_contexts()
    contexts = {c.findtext("name") for c in ET.parse(TS_FILE).getroot().findall("context")}
    assert contexts <= known, contexts - known
    assert {"MainWindow", "ProjectController", "CoreTexts", "Glossary"} <= contexts


def test_a_subclass_finds_the_strings_of_the_class_that_calls_tr(qapp, language):
    """lupdate files ``self.tr()`` under the class it is written in; at run time the
    object may be a subclass (``tr`` then looks under the subclass's name first). The
    installed PySide6 must also try the base classes, or such strings stay Dutch."""
    from PySide6.QtCore import QObject

    language("en")

    class MainWindow(QObject):  # the catalogue's context of this string
        def file_menu(self) -> str:
            return self.tr("&Bestand")

    class CustomisedWindow(MainWindow):
        pass

    assert MainWindow().file_menu() == "&File"
    assert CustomisedWindow().file_menu() == "&File"


# --- the window --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue():
    done = subprocess.run(
        [sys.executable, str(I18N), "compile"], capture_output=True, text=True, cwd=ROOT_DIR
    )
    assert done.returncode == 0, done.stderr
    return ROOT_DIR / "resources" / "i18n" / "gis_app_en.qm"


@pytest.fixture
def language(qapp, catalogue):
    """Switch the application's language for one test; Dutch again afterwards."""
    before = os.environ.get(LANG_ENV)

    def switch(name: str) -> str:
        return install_language(qapp, name)

    yield switch
    install_language(qapp, "nl")
    if before is None:
        os.environ.pop(LANG_ENV, None)
    else:
        os.environ[LANG_ENV] = before


def open_sample(qtbot):
    from gis_app.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    window.show_welcome()
    with qtbot.waitSignal(window.openFinished, timeout=180_000) as opened:
        qtbot.keyClick(window.welcome_page.sample_button, Qt.Key.Key_Return)
    assert opened.args == [True]
    with qtbot.waitSignal(window.settled, timeout=180_000):
        window.when_idle()
    assert len(window.document.project.clusters) > 0  # the realistic sample, panels full
    return window


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    return text.replace("&nbsp;", " ").replace("&&", "\0").replace("&", "").replace("\0", "&")


def visible_texts(root: QWidget, skip: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    """(where, text) of the interface texts of ``root``: labels, buttons, group boxes,
    combo items, placeholders, tabs, dock titles, table headers, menus and their actions
    with tooltips."""
    out: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w in skip:
            continue
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.toolTip():
            out.append((name + " tooltip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QComboBox):
            out += [(name + " item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append((name + " placeholder", w.placeholderText()))
        elif isinstance(w, QTabBar):
            out += [(name + " tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QDockWidget):
            out.append((name + " title", w.windowTitle()))
        elif isinstance(w, QMenu):
            out.append((name + " title", w.title()))
        header = (
            w.horizontalHeader()
            if isinstance(w, QTableView)
            else (w.header() if isinstance(w, QTreeView) else None)
        )
        if header is not None and w.model() is not None and not header.isHidden():
            for section in range(header.count()):
                text = w.model().headerData(section, Qt.Orientation.Horizontal)
                out.append((name + " header", str(text or "")))
    for action in root.findChildren(QAction):
        out.append(("action " + action.objectName(), action.text()))
        out.append(("action tooltip " + action.objectName(), action.toolTip()))
    return [(where, _plain(text)) for where, text in out if text]


def dutch_words(texts) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts if DUTCH.search(text)]


def test_the_english_window_shows_no_dutch_interface_words(qtbot, language):
    assert language("en") == "en"
    window = open_sample(qtbot)
    try:
        texts = visible_texts(window)
        assert len(texts) > 300  # the walk found the window's texts
        found = dutch_words(texts)
        assert found == [], "\n".join(found)
        # the menus, the docks and a key figure are English
        menus = [_plain(a.text()) for a in window.menuBar().actions()]
        assert menus[:3] == ["File", "Edit", "View"]
        docks = {_plain(d.windowTitle()) for d in window.findChildren(QDockWidget)}
        assert {"Layers", "Legend", "Attribute table", "Planning", "Work packages"} <= docks
        metrics = window.planning.panel.metrics
        assert metrics.text("explainability_pairs").endswith("pairs")
        # domain terms stay Dutch, with an English gloss in the tooltip
        legend = [w for w in window.findChildren(QLabel) if w.text().startswith("verhoogd (")]
        assert legend and "verhoogd (elevated risk: median above the norm)" in legend[0].toolTip()
        names = [w for w in metrics.findChildren(QLabel) if w.text() == "All verhoogd done"]
        assert names and "verhoogd (elevated risk" in names[0].toolTip()
        # the core's English for the attribute table's coded values
        window.identify_panel.show_building(0)
        shown = {
            window.identify_panel.table.item(r, 0).text(): window.identify_panel.table.item(r, 1)
            for r in range(window.identify_panel.table.rowCount())
        }
        assert "Risk profile" in shown and "Milestone" in shown
        assert "Risicoprofiel" not in shown
        # dates in editors in ISO order, which no English reader takes for month-day
        start = window.planning.panel.start_date
        assert start.displayFormat() == "yyyy-MM-dd"
        assert start.text() == start.date().toString("yyyy-MM-dd")
        profile = shown["Risk profile"]
        assert profile.text() in ("verhoogd", "licht verhoogd", "normaal", "unknown")
        if profile.text() != "unknown":
            assert f"{profile.text()} (" in profile.toolTip()
    finally:
        window.stop_background_work()


def test_english_dialogs_show_no_dutch_interface_words(qtbot, language):
    from PySide6.QtWidgets import QMessageBox

    from gis_app.ui.export_dialog import ExportDialog
    from gis_app.ui.help import GuideBrowser, ShortcutsDialog
    from gis_app.ui.preferences import PreferencesDialog
    from gis_app.ui.shell.main_window import MainWindow

    language("en")
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        dialogs = {
            "preferences": PreferencesDialog(window),
            "export": ExportDialog(window.document, window),
            "shortcuts": ShortcutsDialog(window),
            "guide": GuideBrowser(window, "en"),
        }
        for name, dialog in dialogs.items():
            qtbot.addWidget(dialog)
            texts = visible_texts(dialog)
            assert texts, name
            found = dutch_words(texts)
            assert found == [], name + ":\n" + "\n".join(found)
        assert dialogs["preferences"].windowTitle() == "Preferences"
        assert dialogs["export"].windowTitle() == "Export"
        # the about box, closed as soon as it shows
        seen: list[str] = []

        def close_about():
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QMessageBox) and widget.isVisible():
                    seen.append(widget.windowTitle() + "\n" + widget.text())
                    widget.accept()

        from PySide6.QtCore import QTimer

        QTimer.singleShot(200, close_about)
        window._about()
        assert seen and seen[0].startswith("About gis_app")
        assert not DUTCH.search(seen[0]), seen[0]
    finally:
        window.stop_background_work()


def test_the_dutch_window_stays_dutch(qtbot, language):
    assert language("nl") == "nl"
    window = open_sample(qtbot)
    try:
        texts = visible_texts(window)
        menus = [_plain(a.text()) for a in window.menuBar().actions()]
        assert menus[:3] == ["Bestand", "Bewerken", "Beeld"]
        english = [f"{w}: {t!r}" for w, t in texts if ENGLISH.search(t)]
        assert english == []
        assert window.planning.panel.metrics.text("explainability_pairs").endswith("paren")
        assert window.planning.panel.start_date.displayFormat() == "dd-MM-yyyy"
        legend = [w for w in window.findChildren(QLabel) if w.text().startswith("verhoogd (")]
        assert legend and legend[0].toolTip() == ""  # no glossary in the Dutch window
    finally:
        window.stop_background_work()


def test_lang_option_sets_the_language_of_the_window(tmp_path):
    """``gis-app --lang en open ... --screenshot``: the window the command makes is English."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop(LANG_ENV, None)
    probe = (
        "import os, sys; from gis_app import cli; status = cli.main(sys.argv[1:]);"
        "from PySide6.QtWidgets import QApplication; app = QApplication.instance();"
        "print('LANG', app._gis_app_language, os.environ['GIS_APP_LANG'],"
        " app.translate('MainWindow', 'Be&werken')); sys.exit(status)"
    )
    out = tmp_path / "en.png"
    sample = ROOT_DIR / "sample_data" / "sample_area.gpkg"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            "--lang",
            "en",
            "open",
            str(sample),
            "--screenshot",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT_DIR,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "LANG en en &Edit" in done.stdout
    assert out.exists() and out.stat().st_size > 10_000
    bad = subprocess.run(
        [sys.executable, "-m", "gis_app", "--lang", "fr", "plan", "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT_DIR,
        timeout=120,
    )
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_glossary_glosses_domain_terms_only_in_english(qapp, language):
    from gis_app.ui.glossary import glosses

    language("en")
    tip = glosses("All licht verhoogd done")
    assert tip.startswith("licht verhoogd (slightly elevated risk")
    assert "\nverhoogd (" not in tip  # "licht verhoogd" is one term
    assert glosses("Buildings with work") == ""
    language("nl")
    assert glosses("alle verhoogd gereed") == ""


def test_the_catalogue_is_bundled_by_the_build_script():
    """scripts/build.py compiles every .ts into the staging folder PyInstaller bundles."""
    sys.path.insert(0, str(ROOT_DIR / "scripts"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT_DIR / "scripts"))
    stage = ROOT_DIR / "build" / "i18n_test_stage"
    try:
        compiled = build.compile_translations(stage)
        assert [p.name for p in compiled] == ["gis_app_en.qm"]
        assert compiled[0].stat().st_size > 10_000
    finally:
        shutil.rmtree(stage, ignore_errors=True)
