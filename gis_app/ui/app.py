"""Start the Qt application.

The window is shown first and the file opened after that, so the map fits the full
extent into the window's real size (not the size before it was shown). Without a file
the bundled sample area opens, so a first-time user sees a map and not an empty window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gis_app.paths import RESOURCES_DIR, SAMPLE_PROJECT

APP_ICON = RESOURCES_DIR / "gis_app.svg"


def get_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("gis_app")
        app.setOrganizationName("gis_app")
        app.setApplicationDisplayName("gis_app")
    if app.windowIcon().isNull() and APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    return app


def run_app(path: Path | None = None, *, project=None, report=None) -> int:
    """Show the main window and run the event loop.

    ``project`` (already read, e.g. by ``gis-app open``) is shown as is; otherwise ``path``
    is opened, or the bundled sample when neither is given.
    """
    app = get_app()
    from gis_app.core.logsetup import setup_logging
    from gis_app.ui.excepthook import install_excepthook
    from gis_app.ui.main_window import MainWindow

    setup_logging()  # rotating log in the user's data folder, no personal data
    install_excepthook()  # unexpected errors: a dialog and the log, the app keeps running
    window = MainWindow()
    window.enable_layout_memory()  # last session's window size and panel layout
    window.show()

    def start() -> None:  # on the event loop's first turn, so the window is painted first
        if project is not None:
            window.set_project(project, report)
        else:
            target = path or (SAMPLE_PROJECT if SAMPLE_PROJECT.exists() else None)
            if target is not None and hasattr(window, "open_path"):
                window.open_path(Path(target))
        controller = getattr(window, "project_controller", None)
        if controller is not None:  # ask on close, autosave, offer a crashed session's work
            controller.start_session()

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
