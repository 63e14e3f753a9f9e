"""Project handling in the window: title, Save/Save As, closing, recent projects, autosave,
recovery, the exception hook. Message boxes are recorded instead of shown."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

import pyogrio
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gis_app.core import logsetup
from gis_app.core.io import recovery
from gis_app.core.io.projectfile import load_project, read_project_info, save_project, source_record
from gis_app.core.project import Project
from gis_app.ui.document import ProjectDocument
from gis_app.ui.excepthook import install_excepthook, uninstall_excepthook
from gis_app.ui.shell.project_controller import ProjectController
from tests.test_projectfile import make_buildings, make_project


class Boxes:
    """Records every QMessageBox and answers with the next queued button."""

    def __init__(self):
        self.shown: list[dict] = []
        self.answers: list[QMessageBox.StandardButton] = []

    def exec(self, box: QMessageBox) -> int:
        self.shown.append(
            {
                "title": box.windowTitle(),
                "text": box.text(),
                "informative": box.informativeText(),
                "details": box.detailedText(),
                "icon": box.icon(),
            }
        )
        answer = self.answers.pop(0) if self.answers else QMessageBox.StandardButton.Ok
        return int(answer.value)

    def all_text(self) -> str:
        return "\n".join(f"{b['title']} {b['text']} {b['informative']}" for b in self.shown)


@pytest.fixture
def boxes(monkeypatch):
    recorder = Boxes()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.exec(box))
    return recorder


def finish_save(qtbot, controller, start) -> bool:
    """Run ``start()`` (a save command) and wait for the background save it started;
    the save's outcome, or ``False`` when no save started."""
    outcome: list[bool] = []
    controller.saveFinished.connect(outcome.append)
    try:
        if not start():
            return False
        qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
        return outcome[0]
    finally:
        controller.saveFinished.disconnect(outcome.append)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("GIS_APP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings, data_dir, boxes):
    win = QMainWindow()
    document = ProjectDocument(make_project(), parent=win)
    controller = ProjectController(win, document, settings=settings)
    controller.start_session(offer_recovery=False)
    win.controller = controller
    qtbot.addWidget(win)
    win.show()
    yield win
    controller.autosave.wait()


def test_menu_and_title_follow_the_document(window):
    titles = [a.text() for a in window.controller.menu.actions()]
    for expected in ("&Nieuw", "&Openen...", "Op&slaan", "Opslaan &als...", "&Recente projecten"):
        assert expected in titles
    assert titles[-1] == "&Afsluiten"
    assert window.windowTitle() == "Loppersum[*] — gis_app"
    assert not window.isWindowModified()
    window.controller.document.mark_dirty()
    assert window.isWindowModified()


def test_save_as_then_save_writes_the_project_and_clears_the_mark(
    window, tmp_path, monkeypatch, qtbot
):
    controller = window.controller
    target = tmp_path / "plan.gpkg"
    asked = []
    monkeypatch.setattr(controller, "ask_save_path", lambda: asked.append(1) or target)
    controller.document.mark_dirty()
    assert finish_save(qtbot, controller, controller.save)  # no own file yet: asks for one
    assert asked == [1] and target.exists()
    assert window.windowTitle() == "plan[*] — gis_app" and not window.isWindowModified()
    assert controller.recent_projects()[0] == target.resolve()
    controller.document.project.settings["note"] = "tweede"
    controller.document.mark_dirty()
    assert finish_save(qtbot, controller, controller.save)
    assert asked == [1]  # saved to its own file without asking
    assert load_project(target).settings["note"] == "tweede"


def test_save_of_a_plain_geopackage_asks_for_a_new_file(window, tmp_path, monkeypatch):
    plain = tmp_path / "sample.gpkg"
    pyogrio.write_dataframe(make_buildings()[["building_id", "geometry"]], plain, layer="buildings")
    controller = window.controller
    assert controller.open_path(plain)
    assert controller.document.project.path == plain
    before = plain.read_bytes()
    monkeypatch.setattr(controller, "ask_save_path", lambda: None)
    controller.document.mark_dirty()
    assert not controller.save()  # cancelled in the file dialog: the sample is not touched
    assert plain.read_bytes() == before and controller.document.is_dirty
    assert read_project_info(plain).schema_version == 0


def test_closing_with_unsaved_changes_asks(window, boxes, tmp_path, monkeypatch, qtbot):
    controller = window.controller
    controller.document.mark_dirty()
    boxes.answers = [QMessageBox.StandardButton.Cancel]
    assert not window.close()
    assert window.isVisible() and "Niet-opgeslagen wijzigingen" in boxes.all_text()

    target = tmp_path / "bij-sluiten.gpkg"
    monkeypatch.setattr(controller, "ask_save_path", lambda: target)
    boxes.answers = [QMessageBox.StandardButton.Save]
    assert not window.close()  # closes itself once the background save succeeded
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert target.exists() and not controller.document.is_dirty


def test_discard_closes_without_saving_and_removes_the_recovery_file(window, boxes):
    controller = window.controller
    controller.document.mark_dirty()
    assert controller.autosave.autosave_now(wait=True)
    data, _info = recovery.recovery_paths()
    assert data.exists()
    boxes.answers = [QMessageBox.StandardButton.Discard]
    assert window.close()
    assert not data.exists()


def test_new_asks_first_and_cancel_keeps_the_project(window, boxes):
    controller = window.controller
    controller.document.mark_dirty()
    boxes.answers = [QMessageBox.StandardButton.Cancel]
    assert not controller.new_project()
    assert controller.document.project.name == "Loppersum"
    boxes.answers = [QMessageBox.StandardButton.Discard]
    assert controller.new_project()
    assert len(controller.document.project.buildings) == 0
    assert not controller.document.is_dirty


def test_opening_a_corrupt_file_shows_a_message_and_keeps_the_project(window, boxes, tmp_path):
    bad = tmp_path / "kapot.gpkg"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 3000)
    controller = window.controller
    controller.add_recent(bad)
    assert not controller.open_path(bad)
    assert boxes.shown and boxes.shown[-1]["title"] == "Openen mislukt"
    assert "kapot.gpkg" in boxes.shown[-1]["text"]
    assert controller.document.project.name == "Loppersum"
    assert bad.resolve() not in controller.recent_projects()


def test_recent_projects_menu_opens_a_project(window, tmp_path):
    controller = window.controller
    paths = [save_project(make_project(), tmp_path / f"p{i}.gpkg") for i in range(3)]
    for path in paths:
        controller.add_recent(path)
    controller.add_recent(paths[0])  # moves to the top, no duplicate
    assert controller.recent_projects() == [
        paths[0].resolve(),
        paths[2].resolve(),
        paths[1].resolve(),
    ]
    controller._fill_recent_menu()
    actions = [a for a in controller.recent_menu.actions() if a.text().startswith("&")]
    assert [a.text() for a in actions] == ["&1 p0.gpkg", "&2 p2.gpkg", "&3 p1.gpkg"]
    actions[1].trigger()
    assert controller.document.project.path == paths[2]


def test_changed_sources_are_reported_on_open(window, boxes, tmp_path, qtbot):
    source = tmp_path / "risico.csv"
    source.write_text("building_id;lpr\n1;1e-5\n")
    project = make_project()
    project.sources = [source_record(source, "risk")]
    path = save_project(project, tmp_path / "p.gpkg")
    source.write_text("building_id;lpr\n1;3e-5\n")
    assert window.controller.open_path(path)
    qtbot.waitUntil(lambda: any("Bronbestanden" in b["title"] for b in boxes.shown))
    assert "risico.csv (risk): gewijzigd" in boxes.all_text()


# --- autosave and recovery --------------------------------------------------------------------


def test_autosave_writes_only_unsaved_changes_and_a_save_removes_it(
    window, tmp_path, monkeypatch, qtbot
):
    controller = window.controller
    autosave = controller.autosave
    data, info = recovery.recovery_paths()
    assert not autosave.autosave_now(wait=True)  # clean: nothing to write
    assert not data.exists()
    controller.document.project.settings["stap"] = 1
    controller.document.mark_dirty()
    assert autosave.autosave_now(wait=True)
    assert data.exists() and info.exists()
    assert load_project(data).settings["stap"] == 1
    assert not autosave.autosave_now(wait=True)  # nothing new since
    monkeypatch.setattr(controller, "ask_save_path", lambda: tmp_path / "opgeslagen.gpkg")
    assert finish_save(qtbot, controller, controller.save)
    assert not data.exists() and not info.exists()


def test_autosave_interval_setting(window, settings):
    autosave = window.controller.autosave
    assert autosave.interval_minutes == 2.0
    autosave.set_interval(5)
    assert float(settings.value("autosave/interval_minutes")) == 5.0
    assert autosave._timer.isActive() and autosave._timer.interval() == 300_000
    autosave.set_interval(0)
    assert not autosave._timer.isActive()


def test_autosave_failure_is_reported_and_work_stays(window, monkeypatch, qtbot):
    autosave = window.controller.autosave
    messages = []
    autosave.failed.connect(messages.append)

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("gis_app.core.io.projectfile.write_project_file", full_disk)
    window.controller.document.mark_dirty()
    assert autosave.autosave_now(wait=True)
    qtbot.waitUntil(lambda: bool(messages))
    assert "schijf is vol" in messages[0]
    assert window.controller.document.is_dirty and autosave.pending


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_recovery_is_offered_after_an_unclean_exit_and_restores_the_work(window, boxes):
    lost = make_project()
    lost.settings["onbewaard"] = True
    lost.path = None
    lost.name = "Appingedam"
    pid = dead_pid()
    recovery.write_recovery(lost, pid=pid)
    entries = recovery.find_recoverable()
    assert [e.pid for e in entries] == [pid]

    boxes.answers = [QMessageBox.StandardButton.Yes]
    controller = window.controller
    assert controller.offer_recovery()
    assert "Appingedam" in boxes.shown[0]["text"]
    document = controller.document
    assert document.project.settings["onbewaard"] is True
    assert document.is_dirty and document.project.name == "Appingedam"
    assert recovery.find_recoverable() == []  # the old entry is gone ...
    assert recovery.recovery_paths()[0].exists()  # ... after our own recovery file exists


def test_recovery_can_be_discarded_or_postponed(window, boxes):
    pid = dead_pid()
    recovery.write_recovery(make_project(), pid=pid)
    boxes.answers = [QMessageBox.StandardButton.Cancel]
    assert not window.controller.offer_recovery()
    assert len(recovery.find_recoverable()) == 1
    boxes.answers = [QMessageBox.StandardButton.Discard]
    assert not window.controller.offer_recovery()
    assert recovery.find_recoverable() == []


def test_recovery_of_a_running_session_is_not_offered(data_dir):
    recovery.write_recovery(Project())  # this process: still running
    assert recovery.find_recoverable() == []


# --- exception hook ---------------------------------------------------------------------------


@pytest.fixture
def hook(qapp, data_dir):
    logsetup.setup_logging()
    installed = install_excepthook()
    yield installed
    uninstall_excepthook()
    logsetup.shutdown_logging()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_a_dialog_logs_without_addresses_and_app_runs_on(
    window, boxes, hook, qtbot
):
    def broken_slot():
        address = "Kerkstraat 12, 9919 AB Loppersum"
        raise KeyError(address)

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: hook.handled == 1)
    assert boxes.shown and boxes.shown[-1]["title"] == "Onverwachte fout"
    assert "KeyError" in boxes.shown[-1]["text"]
    assert "Kerkstraat" not in boxes.shown[-1]["text"] + boxes.shown[-1]["details"]
    for handler in logging.getLogger("gis_app").handlers:
        handler.flush()
    text = logsetup.log_file().read_text(encoding="utf-8")
    assert "broken_slot" in text and "KeyError" in text
    assert "Kerkstraat" not in text and "9919" not in text
    # the application keeps running: the next event is handled normally
    ran = []
    QTimer.singleShot(0, lambda: ran.append(1))
    qtbot.waitUntil(lambda: ran == [1])


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_worker_thread_is_shown_by_the_gui_thread(window, boxes, hook, qtbot):
    def work():
        resident = "Bewoner: J. de " + "Vries"
        raise ValueError(resident)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert "ValueError" in boxes.shown[-1]["text"]
    assert "de Vries" not in logsetup.log_file().read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_a_repeating_failure_shows_one_dialog(window, boxes, hook, qtbot):
    def fail():
        raise RuntimeError("x")

    for _ in range(3):
        QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: hook.handled == 3)
    assert len(boxes.shown) == 1


def test_a_window_without_a_session_closes_without_asking(qtbot, settings, data_dir, boxes):
    win = QMainWindow()
    document = ProjectDocument(make_project(), parent=win)
    controller = ProjectController(win, document, settings=settings)
    qtbot.addWidget(win)
    win.show()
    document.mark_dirty()
    assert win.close()
    assert boxes.shown == [] and controller.autosave is None


def test_start_session_offers_recovery(qtbot, settings, data_dir, boxes):
    recovery.write_recovery(make_project(), pid=dead_pid())
    win = QMainWindow()
    controller = ProjectController(win, ProjectDocument(parent=win), settings=settings)
    qtbot.addWidget(win)
    boxes.answers = [QMessageBox.StandardButton.Cancel]
    controller.start_session()
    assert "Niet-opgeslagen werk herstellen" in boxes.all_text()
    controller.autosave.wait()


def test_the_main_window_has_one_file_menu_with_the_project_actions(qtbot, data_dir, tmp_path):
    from gis_app.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    controller = window.project_controller
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    for expected in ("&Nieuw", "&Openen...", "Op&slaan", "Opslaan &als...", "&Recente projecten"):
        assert texts.count(expected) == 1, texts
    assert texts[-1] == "&Afsluiten"
    assert controller.open_action is window.open_action
    path = save_project(make_project(), tmp_path / "Wirdum.gpkg")
    assert controller.open_path(path, ask=False)
    assert window.windowTitle() == "Wirdum[*] — gis_app"
    window.document.mark_dirty()
    assert window.isWindowModified()
    assert window.close()  # no session: closing never blocks on a question


def test_the_main_windows_open_action_asks_once_and_opens_through_the_window(
    qtbot, data_dir, tmp_path, monkeypatch
):
    """Openen... has one handler (the controller's): it asks for a file once and opens
    it through the window's ``open_path``, which emits ``openFinished``."""
    from gis_app.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    controller = window.project_controller
    path = save_project(make_project(), tmp_path / "Garrelsweer.gpkg")
    asked = []
    monkeypatch.setattr(controller, "ask_open_path", lambda: asked.append(1) or path)
    with qtbot.waitSignal(window.openFinished, timeout=30000) as blocker:
        window.open_action.trigger()
    assert asked == [1] and blocker.args == [True]
    assert window.document.project.name == "Garrelsweer"
    assert controller.recent_projects()[0] == path.resolve()


def test_the_controller_uses_the_collaborators_it_is_given(qtbot, settings, data_dir, tmp_path):
    """Menu, actions, the open function, showing a project and the step before a save are
    passed in; the controller adds no menu of its own and calls what it was given."""
    from PySide6.QtGui import QAction

    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("Bestand")
    open_action = QAction("Openen (venster)", win)
    quit_action = QAction("Afsluiten (venster)", win)
    menu.addAction(open_action)
    menu.addAction(quit_action)
    document = ProjectDocument(make_project(), parent=win)
    calls = []

    def open_file(path, *, on_done):
        calls.append(("open", path))
        on_done(False)  # as when the file could not be read
        return False

    controller = ProjectController(
        win,
        document,
        settings=settings,
        file_menu=menu,
        open_action=open_action,
        quit_action=quit_action,
        open_file=open_file,
        show_project=lambda project, report: calls.append(("show", project.name, report)),
        before_save=lambda: calls.append(("before save",)),
    )
    assert len(win.menuBar().actions()) == 1  # no second Bestand menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts.count("Openen (venster)") == 1 and texts[-1] == "Afsluiten (venster)"
    assert "&Openen..." not in texts and "&Afsluiten" not in texts
    missing = tmp_path / "weg.gpkg"
    controller.add_recent(missing)
    assert not controller.open_path(missing, ask=False)
    assert calls == [("open", missing)]
    assert missing.resolve() not in controller.recent_projects()  # not opened: forgotten
    assert controller.new_project()
    assert calls[-1][0] == "show" and calls[-1][2] is None  # an empty project, no report
    assert finish_save(qtbot, controller, lambda: controller.save_to(tmp_path / "p.gpkg"))
    assert ("before save",) in calls
    assert load_project(tmp_path / "p.gpkg").name == "p"


def test_the_window_keeps_running_during_a_save_and_a_late_edit_stays_unsaved(
    window, tmp_path, monkeypatch, qtbot
):
    """The save runs in a worker thread with the event loop running; an edit that lands
    while the file is being written is not in the file, so the project stays dirty."""
    from PySide6.QtGui import QUndoCommand

    import gis_app.ui.shell.project_controller as module

    controller = window.controller
    edited = threading.Event()
    real_save = module.save_project

    def slow_save(project, path, **kwargs):
        assert edited.wait(10), "the event loop did not run during the save"
        return real_save(project, path, **kwargs)

    def edit():
        controller.document.undo_stack.push(QUndoCommand("late edit"))
        edited.set()

    monkeypatch.setattr(module, "save_project", slow_save)
    controller.document.mark_dirty()
    QTimer.singleShot(0, edit)
    assert finish_save(qtbot, controller, lambda: controller.save_to(tmp_path / "p.gpkg"))
    assert (tmp_path / "p.gpkg").exists()
    assert controller.document.is_dirty and window.isWindowModified()


def test_autosave_interval_menu(window, settings):
    controller = window.controller
    actions = {a.text(): a for a in controller.autosave_menu.actions()}
    assert actions["Elke 2 minuten"].isChecked()
    actions["Uit"].trigger()
    assert controller.autosave.interval_minutes == 0.0
    assert not controller.autosave._timer.isActive()
    actions["Elke 5 minuten"].trigger()
    assert float(settings.value("autosave/interval_minutes")) == 5.0
    texts = [a.text() for a in window.controller.menu.actions()]
    assert texts.index("Automatisch opslaan") < texts.index("&Afsluiten")


def test_a_save_during_a_running_autosave_leaves_no_recovery_file(window, monkeypatch, qtbot):
    controller = window.controller
    release = threading.Event()
    real_write = recovery.write_recovery

    def slow_write(project, **kwargs):
        assert release.wait(10)
        return real_write(project, **kwargs)

    monkeypatch.setattr(recovery, "write_recovery", slow_write)
    controller.document.mark_dirty()
    assert controller.autosave.autosave_now()
    controller.document.mark_clean()  # saved while the autosave is still writing
    release.set()
    controller.autosave.wait()
    qtbot.waitUntil(lambda: not recovery.recovery_paths()[0].exists())
    assert not recovery.recovery_paths()[1].exists()


@pytest.mark.qt_no_exception_capture
def test_exception_in_an_event_handler_reaches_the_hook(window, boxes, hook, qtbot):
    from PySide6.QtWidgets import QWidget

    class Broken(QWidget):
        def mousePressEvent(self, event):  # noqa: N802 - Qt API
            raise ZeroDivisionError

    from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    widget = Broken()
    qtbot.addWidget(widget)
    widget.show()
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QCoreApplication.postEvent(widget, press)  # delivered by the event loop, as in use
    qtbot.waitUntil(lambda: hook.handled >= 1)
    assert "ZeroDivisionError" in boxes.shown[-1]["text"]
    assert widget.isVisible()
