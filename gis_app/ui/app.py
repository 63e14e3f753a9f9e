"""Start the Qt application.

The window is shown first and the file opened after that, so the map fits the full
extent into the window's real size (not the size before it was shown). Without a file
the welcome page (:mod:`gis_app.ui.welcome`) lies over the map: open the sample area
(Enter), a project, an import, a recent project or the guide.

The language is applied here, at start: ``gis-app --lang nl|en`` (passed on as
``GIS_APP_LANG``), else the one stored in Voorkeuren (:mod:`gis_app.ui.preferences`).
Dutch installs Qt's Dutch catalogues; English leaves Qt's own texts and loads the app's
English catalogue ``resources/i18n/gis_app_en.qm``, compiled from the Qt Linguist file
``gis_app_en.ts`` by ``scripts/i18n.py compile`` (the run, test and build scripts do it).

Dutch all the way: :func:`install_dutch` loads Qt's own translations (``qtbase_nl``:
file dialogs, Save/Discard/Cancel, context menus of text fields) and makes Dutch the
default locale, so every spin box and number field uses the decimal comma.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gis_app.paths import RESOURCES_DIR

APP_ICON = RESOURCES_DIR / "gis_app.svg"


DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
QT_TRANSLATIONS = ("qtbase", "qt")  # qtbase: dialogs and buttons; qt: the rest when present


ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
CATALOGUE_EN = RESOURCES_DIR / "i18n" / "gis_app_en.qm"
LANG_ENV = "GIS_APP_LANG"  # set by ``gis-app --lang nl|en`` (gis_app/cli.py)


def _translators(app: QApplication, language: str) -> list[tuple[str, QTranslator]]:
    """The translators of ``language``, loaded once per application and kept alive by it."""
    cache = getattr(app, "_gis_app_catalogues", None)
    if cache is None:
        cache = app._gis_app_catalogues = {}
    if language not in cache:
        loaded = []
        if language == "nl":
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name in QT_TRANSLATIONS:
                translator = QTranslator(app)
                if translator.load(DUTCH, name, "_", folder):
                    loaded.append((name, translator))
        else:  # Qt's own texts are English already; ours come from the generated .qm
            translator = QTranslator(app)
            if CATALOGUE_EN.exists() and translator.load(str(CATALOGUE_EN)):
                loaded.append(("gis_app_en", translator))
        cache[language] = loaded
    return cache[language]


def _switch(app: QApplication, language: str) -> list[str]:
    """Replace the installed catalogues by those of ``language``; sets the default locale."""
    for _name, translator in getattr(app, "_gis_app_translators", None) or []:
        app.removeTranslator(translator)
    loaded = [(n, t) for n, t in _translators(app, language) if app.installTranslator(t)]
    app._gis_app_translators = loaded
    app._gis_app_language = language
    QLocale.setDefault(DUTCH if language == "nl" else ENGLISH)
    return [name for name, _t in loaded]


def install_dutch(app: QApplication) -> list[str]:
    """Load Qt's Dutch translations into ``app`` and make Dutch the default locale.

    Returns the names of the catalogues loaded (none when Qt's translations are missing:
    the window then still works, with Qt's own texts in English). Safe to call twice.
    """
    return _switch(app, "nl")


def requested_language() -> str:
    """The language of this run: ``GIS_APP_LANG`` (``--lang``) when set, else Voorkeuren."""
    from gis_app.ui.preferences import LANGUAGES
    from gis_app.ui.preferences import language as stored_language

    value = os.environ.get(LANG_ENV, "").strip().lower()
    return value if value in LANGUAGES else stored_language()


def current_language() -> str:
    """The language the running application shows (``nl`` or ``en``)."""
    app = QApplication.instance()
    return getattr(app, "_gis_app_language", None) or requested_language()


def date_edit_format() -> str:
    """How date editors show a day: ``30-11-2026`` in Dutch, ISO ``2026-11-30`` in English
    (a day-month order reads as month-day to some English readers; ISO cannot be misread)."""
    return "dd-MM-yyyy" if current_language() == "nl" else "yyyy-MM-dd"


def install_language(app: QApplication, language: str | None = None) -> str:
    """Apply ``language`` (default: ``--lang``, else the one stored in Voorkeuren) to
    widgets made from now on; returns the one applied.

    Switching removes the other language's catalogues first, so an English window never
    shows Qt's Dutch button texts. English without the generated catalogue (a source
    tree where ``scripts/i18n.py compile`` has not run) shows the Dutch source texts.
    The texts gis_app.core writes follow (``_core_follows``).
    """
    language = "en" if (language or requested_language()) == "en" else "nl"
    _switch(app, language)
    _core_follows(language)
    return language


def _core_follows(language: str) -> None:
    """Let the texts gis_app.core writes (plan notes, errors) follow the window's language.

    The core's Qt-free catalogue (``gis_app.core.i18n``) reads ``GIS_APP_LANG`` by
    itself; ``set_language`` covers the language chosen in Voorkeuren. Without that
    module the core's texts are Dutch.
    """
    try:
        from gis_app.core import i18n as core_i18n
    except ImportError:
        return
    set_language = getattr(core_i18n, "set_language", None)
    if set_language is not None:
        set_language(language)


def get_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("gis_app")
        app.setOrganizationName("gis_app")
        app.setApplicationDisplayName("gis_app")
        install_language(app)
    from gis_app.ui.tasks import task_runner

    task_runner()  # and with it garbage collection in the UI thread only, before any thread
    if app.windowIcon().isNull() and APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    return app


def run_app(
    path: Path | None = None, *, project=None, report=None, preview=None, on_project=None
) -> int:
    """Show the main window and run the event loop.

    ``project`` (already read, e.g. by ``gis-app open``) is shown as is; ``preview`` (the
    footprints of a large project file, read ahead of it) is drawn at once and its project
    read in the background (``on_project(project)`` before it is shown, see
    :meth:`MainWindow.open_read_ahead`); otherwise ``path`` is opened, or the welcome page
    shown when none is given.
    """
    app = get_app()
    from gis_app.core.logsetup import setup_logging
    from gis_app.ui.excepthook import install_excepthook
    from gis_app.ui.shell.main_window import MainWindow

    setup_logging()  # rotating log in the user's data folder, no personal data
    install_excepthook()  # unexpected errors: a dialog and the log, the app keeps running
    window = MainWindow()
    window.enable_layout_memory()  # last session's window size and panel layout
    if preview is not None:
        window.open_read_ahead(preview, on_project=on_project)  # drawn from the first paint
    window.show()

    def start() -> None:  # on the event loop's first turn, so the window is painted first
        if preview is not None:
            window.when_idle(warm_up)  # as for a project read already (below)
        elif project is not None:
            window.set_project(project, report)
            # a project that was read already: no table is parsed beside its read, and the
            # worker's start (a second Python importing pandas, about a second of CPU)
            # would compete with the map, the panels and the first plan
            window.when_idle(warm_up)
        elif path is not None:
            window.open_path(Path(path))
        else:
            window.show_welcome()
        # ask on close, autosave, offer a crashed session's work
        window.project_controller.start_session()

    from functools import partial
    from importlib import import_module

    from gis_app.core.join import worker

    def warm_up() -> None:
        # start the table worker, so a risk table imported later is parsed beside the
        # footprint read instead of after it (see gis_app/core/join/worker.py); the worker
        # imports the table code itself: importing it here would delay the first paint
        worker.warm_up(partial(import_module, "gis_app.core.join.table"))

    QTimer.singleShot(0, window, start)
    if project is None and preview is None:
        warm_up()  # now: the file about to be read may be a table to join
    try:
        return app.exec()
    finally:
        worker.shutdown()
