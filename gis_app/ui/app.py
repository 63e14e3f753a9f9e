"""Start the Qt application.

The window is shown first and the file opened after that, so the map fits the full
extent into the window's real size (not the size before it was shown). Without a file
the welcome page (:mod:`gis_app.ui.welcome`) lies over the map: open the sample area
(Enter), a project, an import, a recent project or the guide.

The language stored in Voorkeuren (:mod:`gis_app.ui.preferences`) is applied here, at
start: Dutch installs Qt's Dutch catalogues; English leaves Qt's own texts and loads the
app's English catalogue ``resources/i18n/gis_app_en.qm`` when it is installed.

Dutch all the way: :func:`install_dutch` loads Qt's own translations (``qtbase_nl``:
file dialogs, Save/Discard/Cancel, context menus of text fields) and makes Dutch the
default locale, so every spin box and number field uses the decimal comma.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gis_app.paths import RESOURCES_DIR

APP_ICON = RESOURCES_DIR / "gis_app.svg"


DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
QT_TRANSLATIONS = ("qtbase", "qt")  # qtbase: dialogs and buttons; qt: the rest when present


def install_dutch(app: QApplication) -> list[str]:
    """Load Qt's Dutch translations into ``app`` and make Dutch the default locale.

    Returns the names of the catalogues loaded (none when Qt's translations are missing:
    the window then still works, with Qt's own texts in English). Safe to call twice.
    """
    QLocale.setDefault(DUTCH)
    loaded = getattr(app, "_gis_app_translators", None)
    if loaded is not None:
        return [name for name, _t in loaded]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in QT_TRANSLATIONS:
        translator = QTranslator(app)
        if translator.load(DUTCH, name, "_", folder) and app.installTranslator(translator):
            loaded.append((name, translator))
    app._gis_app_translators = loaded  # keep them alive as long as the application
    return [name for name, _t in loaded]


def install_language(app: QApplication, language: str | None = None) -> str:
    """Apply ``language`` (default: the one stored in Voorkeuren); returns the one applied."""
    from gis_app.ui.preferences import language as stored_language

    language = language or stored_language()
    if language != "en":
        install_dutch(app)
        return "nl"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    catalogue = RESOURCES_DIR / "i18n" / "gis_app_en.qm"
    translator = QTranslator(app)
    if catalogue.exists() and translator.load(str(catalogue)):
        app.installTranslator(translator)
        app._gis_app_translators = [("gis_app_en", translator)]
    return "en"


def get_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("gis_app")
        app.setOrganizationName("gis_app")
        app.setApplicationDisplayName("gis_app")
        install_language(app)
    if app.windowIcon().isNull() and APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    return app


def run_app(path: Path | None = None, *, project=None, report=None) -> int:
    """Show the main window and run the event loop.

    ``project`` (already read, e.g. by ``gis-app open``) is shown as is; otherwise ``path``
    is opened, or the welcome page shown when neither is given.
    """
    app = get_app()
    from gis_app.core.logsetup import setup_logging
    from gis_app.ui.excepthook import install_excepthook
    from gis_app.ui.shell.main_window import MainWindow

    setup_logging()  # rotating log in the user's data folder, no personal data
    install_excepthook()  # unexpected errors: a dialog and the log, the app keeps running
    window = MainWindow()
    window.enable_layout_memory()  # last session's window size and panel layout
    window.show()

    def start() -> None:  # on the event loop's first turn, so the window is painted first
        if project is not None:
            window.set_project(project, report)
        elif path is not None:
            window.open_path(Path(path))
        else:
            window.show_welcome()
        # ask on close, autosave, offer a crashed session's work
        window.project_controller.start_session()

    QTimer.singleShot(0, window, start)
    from functools import partial
    from importlib import import_module

    from gis_app.core.join import worker

    # start the table worker now, so a risk table imported later is parsed beside the
    # footprint read instead of after it (see gis_app/core/join/worker.py); the worker
    # imports the table code itself: importing it here would delay the first paint
    worker.warm_up(partial(import_module, "gis_app.core.join.table"))
    try:
        return app.exec()
    finally:
        worker.shutdown()
