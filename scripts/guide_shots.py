"""Make the pictures of the user guide (``docs/guide/<taal>/img/*.png``).

Drives the real main window through the guide's steps with the window's own API
(open the sample from the welcome page, search an address, select a cluster, save and
compare a scenario, show the packages, the export dialog, Voorkeuren, Sneltoetsen) and
grabs it offscreen. Run it after every change to the window::

    python3 scripts/guide_shots.py [--lang nl] [--out docs/guide/nl/img]

The window runs with a fresh settings folder and data folder, so the pictures do not
show this computer's recent files or preferences. Nothing waits by sleeping: every step
starts when the window reports it is idle (``MainWindow.when_idle``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: The window size of the pictures: a common laptop screen, so what the guide shows is
#: what a planner on a 1440 x 900 screen sees.
SIZE = (1440, 900)


def make_shots(out: Path, language: str = "nl") -> list[Path]:
    home = tempfile.mkdtemp(prefix="gis_app_guide_")
    os.environ["GIS_APP_DATA_DIR"] = os.path.join(home, "data")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTimer

    from gis_app.ui.app import get_app, install_language

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, os.environ["XDG_CONFIG_HOME"])
    app = get_app()
    install_language(app, language)
    from gis_app.ui.export_dialog import ExportDialog
    from gis_app.ui.preferences import PreferencesDialog
    from gis_app.ui.shell.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []
    failures: list[str] = []

    def save(widget, name: str) -> None:
        path = out / f"{name}.png"
        if not widget.grab().save(str(path)):
            failures.append(f"kan {path} niet schrijven")
        written.append(path)

    steps: list[Callable[[], None]] = []

    def next_step() -> None:
        if failures or not steps:
            app.quit()
            return
        step = steps.pop(0)
        step()

    def after_idle() -> None:
        window.when_idle(lambda: QTimer.singleShot(50, next_step))

    # --- the steps, in guide order ------------------------------------------------------------
    def welcome() -> None:
        window.show_welcome()
        save(window, "welkom")
        window.openFinished.connect(opened)
        window.welcome_page.open_sample()

    def opened(ok: bool) -> None:
        window.openFinished.disconnect(opened)
        if not ok:
            failures.append("het voorbeeldgebied opende niet")
        after_idle()

    def sample() -> None:
        window.canvas.zoom_full()
        after_idle_then(lambda: save(window, "voorbeeldgebied"))

    def search() -> None:
        buildings = window.document.project.buildings
        verhoogd = buildings.index[buildings["risk_profile"] == "verhoogd"]
        row = int(verhoogd[0]) if len(verhoogd) else 0
        address = f"{buildings.at[row, 'address']} {buildings.at[row, 'woonplaats']}"
        window.search_field.setText(address)
        rows = window.search_field.run_search(address)
        if not len(rows):
            failures.append(f"zoeken vond niets voor {address}")
        after_idle_then(lambda: save(window, "zoeken"))

    def clusters() -> None:
        window.cluster_dock.show()
        window.cluster_dock.raise_()
        first = str(window.document.project.clusters["cluster_id"].iloc[0])
        window.document.set_selected_clusters([first])
        window.clusters.panel.zoomToBoundsRequested.emit(
            tuple(window.document.project.clusters.total_bounds)
        )
        after_idle_then(lambda: save(window, "clusters"))

    def planning() -> None:
        window.planning.docks["planning"].raise_()
        # as the planner does it: the slider (PageUp moves it by 10 %)
        slider = window.planning.panel.global_slider.slider
        slider.setFocus()
        slider.setValue(30)
        after_idle_then(lambda: save(window, "planning"))

    def scenarios() -> None:
        manager = window.planning.scenarios
        manager.save_current("Meer maatwerk (30 %)")
        window.planning.docks["scenarios"].show()
        window.planning.docks["scenarios"].raise_()
        names = [s.name for s in manager.scenarios()]
        manager.set_checked(names)
        manager.compare(names)
        after_idle_then(lambda: save(window, "scenarios"))

    def packages() -> None:
        window.packages_dock.show()
        window.packages_dock.raise_()
        window.table_dock.raise_()
        # the plan changed in the steps before: bring the packages up to date, as the
        # guide tells the planner to
        if not window.packages_panel.make_from_plan():
            failures.append("de werkpakketten konden niet worden bijgewerkt")
        after_idle_then(lambda: save(window, "werkpakketten"))

    def dialogs() -> None:
        export = ExportDialog(window.document, window)
        export.show()
        save(export, "exporteren")
        export.close()
        preferences = PreferencesDialog(window)
        preferences.show()
        save(preferences, "voorkeuren")
        preferences.close()
        shortcuts = window.show_shortcuts()
        save(shortcuts, "sneltoetsen")
        shortcuts.close()
        QTimer.singleShot(0, next_step)

    def after_idle_then(action: Callable[[], None]) -> None:
        def run() -> None:
            action()
            QTimer.singleShot(0, next_step)

        window.when_idle(lambda: QTimer.singleShot(50, run))

    steps.extend([sample, search, clusters, planning, scenarios, packages, dialogs])
    QTimer.singleShot(0, welcome)
    app.exec()
    window.stop_background_work()
    if failures:
        raise SystemExit("guide_shots: " + "; ".join(failures))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="nl", choices=("nl", "en"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or ROOT / "docs" / "guide" / args.lang / "img"
    for path in make_shots(out, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
