"""Start the Qt application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gis_app.paths import SAMPLE_PROJECT


def get_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("gis_app")
        app.setOrganizationName("gis_app")
    return app


def run_app(path: Path | None = None) -> int:
    app = get_app()
    from gis_app.ui.main_window import MainWindow

    window = MainWindow()
    target = path or (SAMPLE_PROJECT if SAMPLE_PROJECT.exists() else None)
    if target is not None and hasattr(window, "open_path"):
        window.open_path(Path(target))
    window.show()
    return app.exec()
