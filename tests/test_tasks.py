"""The task runner: latest request wins, progress, cancel, errors reach the hook, idle."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from gis_app.core.errors import PlanningError
from gis_app.core.progress import Cancelled, CancelToken, Progress
from gis_app.ui.tasks import LatestOnly, TaskRunner

GIS_APP = Path(__file__).resolve().parents[1] / "gis_app"


@pytest.fixture
def runner(qapp):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


# --- core progress ------------------------------------------------------------------------


def test_progress_reports_scaled_parts_and_raises_once_cancelled():
    seen = []
    token = CancelToken()
    progress = Progress(lambda fraction, text: seen.append((fraction, text)), token)
    progress(0.5, "half")
    progress.part(0.5, 1.0)(0.5, "three quarters")
    progress(7.0)  # clamped
    assert seen == [(0.5, "half"), (0.75, "three quarters"), (1.0, "")]
    token.cancel()
    with pytest.raises(Cancelled):
        progress(0.9, "too late")
    assert progress.cancelled and len(seen) == 3


# --- latest request wins ------------------------------------------------------------------


def test_superseded_jobs_are_dropped_and_only_the_last_result_is_applied(qtbot, runner):
    lane = LatestOnly(runner=runner)
    applied = []
    started = []
    lane.resultReady.connect(applied.append)
    gate = threading.Event()

    def job(value, block=False):
        def run(progress):
            started.append(value)
            if block:
                gate.wait(10)
            return value

        return run

    lane.submit(job(0, block=True))
    qtbot.waitUntil(lambda: started == [0])
    for value in range(1, 6):  # fired quickly while job 0 still runs
        lane.submit(job(value))
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert applied == [5]
    assert started == [0, 5]  # 1..4 were superseded before they started
    assert lane.applied_generations == [6]
    assert lane.dropped == 5


def test_a_running_job_is_cancelled_when_superseded_and_its_result_dropped(qtbot, runner):
    lane = LatestOnly(runner=runner)
    gate = threading.Event()
    started = threading.Event()
    seen = {}

    def slow(progress):
        started.set()
        gate.wait(10)
        seen["cancelled"] = progress.cancelled
        progress(0.5)  # raises Cancelled: stops here
        seen["went on"] = True
        return "old"

    applied = []
    lane.resultReady.connect(applied.append)
    lane.submit(slow)
    assert started.wait(10)
    lane.submit(lambda progress: "new")
    gate.set()
    qtbot.waitUntil(lambda: applied == ["new"], timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert seen == {"cancelled": True} and applied == ["new"]


def test_errors_of_the_newest_job_are_reported(qtbot, runner):
    lane = LatestOnly(runner=runner)

    def bad(progress):
        raise PlanningError("capaciteit is nul")

    with qtbot.waitSignal(lane.failed, timeout=10000) as blocker:
        lane.submit(bad)
    assert isinstance(blocker.args[0], PlanningError)
    qtbot.waitUntil(lambda: not lane.is_busy(), timeout=10000)


def test_latest_keys_are_independent(qtbot, runner):
    results = []
    gate = threading.Event()

    def blocked(progress):
        gate.wait(10)
        return "map"

    runner.submit(blocked, latest="map", on_result=results.append)
    runner.submit(lambda progress: "plan", latest="plan", on_result=results.append)
    qtbot.waitUntil(lambda: results == ["plan"], timeout=10000)  # not behind the map
    gate.set()
    qtbot.waitUntil(lambda: results == ["plan", "map"], timeout=10000)


# --- progress, cancel, errors -------------------------------------------------------------


def test_progress_and_result_arrive_on_the_ui_thread_in_order(qtbot, runner):
    events = []
    ui_thread = threading.current_thread()

    def work(progress):
        for step in range(4):
            progress(step / 4, f"stap {step}")
        return "klaar"

    def on_progress(fraction, text):
        assert threading.current_thread() is ui_thread
        events.append((fraction, text))

    runner.submit(work, on_progress=on_progress, on_result=lambda r: events.append(r))
    qtbot.waitUntil(lambda: "klaar" in events, timeout=10000)
    assert events == [(0.0, "stap 0"), (0.25, "stap 1"), (0.5, "stap 2"), (0.75, "stap 3"), "klaar"]


def test_cancel_stops_the_task_at_its_next_progress_call(qtbot, runner):
    started = threading.Event()
    release = threading.Event()
    steps = []
    outcome = []

    def work(progress):
        started.set()
        release.wait(10)
        for step in range(100):
            progress(step / 100)
            steps.append(step)
        return "klaar"

    task = runner.submit(
        work,
        on_result=lambda r: outcome.append(("result", r)),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    assert started.wait(10)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert outcome == ["cancelled"] and steps == [] and task.cancelled
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)


def test_work_that_ended_despite_a_late_cancel_delivers_its_result(qtbot, runner):
    """A save that committed its file is saved, even if Cancel came too late to stop it."""
    started = threading.Event()
    release = threading.Event()
    outcome = []

    def commit(progress):
        started.set()
        release.wait(10)
        return "geschreven"  # no progress call after the cancel: the work is done

    task = runner.submit(
        commit,
        on_result=outcome.append,
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    assert started.wait(10)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert outcome == ["geschreven"]


def test_a_cancelled_lane_does_not_apply_its_running_job(qtbot, runner):
    lane = LatestOnly(runner=runner)
    release = threading.Event()
    started = threading.Event()
    applied = []
    lane.resultReady.connect(applied.append)

    def job(progress):
        started.set()
        release.wait(10)
        return "plan"

    lane.submit(job)
    assert started.wait(10)
    with qtbot.waitSignal(lane.busyChanged, timeout=10000) as blocker:
        lane.cancel()
        release.set()
    assert blocker.args == [False] and applied == []


def test_a_queued_task_cancelled_before_it_started_never_runs(qtbot, runner):
    gate = threading.Event()
    ran = []
    runner.submit(lambda progress: gate.wait(10), latest="lane")
    cancelled = []
    second = runner.submit(
        lambda progress: ran.append(1), latest="lane", on_cancelled=lambda: cancelled.append(1)
    )
    second.cancel()
    assert cancelled == [1]  # said at once: it never started
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert ran == []


def test_an_error_goes_to_on_error(qtbot, runner):
    errors = []
    runner.submit(lambda progress: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert isinstance(errors[0], ZeroDivisionError)


@pytest.mark.qt_no_exception_capture
def test_an_error_without_a_handler_reaches_the_exception_hook(
    qtbot, runner, monkeypatch, tmp_path
):
    from gis_app.core import logsetup
    from gis_app.ui.excepthook import install_excepthook, uninstall_excepthook

    shown = []
    monkeypatch.setenv("GIS_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    logsetup.setup_logging()
    install_excepthook()
    try:
        runner.submit(lambda progress: {}["ontbrekende sleutel"], name="kapot")
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    finally:
        uninstall_excepthook()
        logsetup.shutdown_logging()
    assert "KeyError" in shown[0]
    assert "KeyError" in logsetup.log_file().read_text(encoding="utf-8")


# --- idle -----------------------------------------------------------------------------------


def test_idle_comes_after_the_callbacks_and_their_follow_up_work(qtbot, runner):
    order = []

    def first_done(result):
        order.append(result)
        runner.submit(lambda progress: "second", on_result=order.append)

    runner.idle.connect(lambda: order.append("idle"))
    with qtbot.waitSignal(runner.idle, timeout=10000):
        runner.submit(lambda progress: "first", on_result=first_done)
        assert runner.busy
    qtbot.waitUntil(lambda: "idle" in order, timeout=10000)
    assert order == ["first", "second", "idle"]
    assert not runner.busy


# --- the rule for the whole package ---------------------------------------------------------


def test_no_nested_event_loops_polling_or_process_events_in_gis_app():
    """Background work goes through gis_app/ui/tasks.py; waiting is done with signals."""
    forbidden = ("processEvents", "QEventLoop", "waitForDone", ".exec_(")
    offenders = []
    for path in sorted(GIS_APP.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for word in forbidden:
            if word in text:
                offenders.append(f"{path.relative_to(GIS_APP)}: {word}")
    assert offenders == []


def test_background_threads_start_only_in_the_task_runner():
    """Threads for UI work are the runner's; core may use its own pools for its work."""
    allowed = {"ui/tasks.py"}
    offenders = []
    for path in sorted((GIS_APP / "ui").rglob("*.py")):
        name = str(path.relative_to(GIS_APP))
        text = path.read_text(encoding="utf-8")
        for word in ("threading.Thread(", "QThread", "QThreadPool", "QRunnable"):
            if word in text and name not in allowed:
                offenders.append(f"{name}: {word}")
    assert offenders == []


# --- garbage collection stays in the UI thread --------------------------------------------


class _CycleWithFinaliser:
    """A reference cycle whose finaliser records the thread that freed it."""

    def __init__(self, freed_in: list[str]):
        self.me = self
        self.freed_in = freed_in

    def __del__(self):
        self.freed_in.append(threading.current_thread().name)


def test_reference_cycles_are_collected_in_the_ui_thread_not_in_a_worker(qtbot):
    from gis_app.ui.tasks import task_runner

    runner = task_runner()
    collector = QCoreApplication.instance()._gis_app_collector
    assert not gc.isenabled()
    freed_in: list[str] = []
    _CycleWithFinaliser(freed_in)  # garbage at once, but only a collection frees it

    def allocate(_progress):
        # enough new containers to pass every generation's threshold many times: with the
        # automatic collector on, this thread would collect the cycle
        return [[i] for i in range(200_000)]  # kept alive: the counts stay past the threshold

    results: list[list] = []
    runner.submit(allocate, on_result=results.append)
    qtbot.waitUntil(lambda: len(results) == 1, timeout=20000)
    qtbot.waitUntil(lambda: bool(freed_in), timeout=10000)  # the timer's next tick
    assert freed_in == [threading.main_thread().name]
    assert collector.collections >= 1


def test_the_collector_turns_the_automatic_collector_off_again(qtbot):
    from gis_app.ui.tasks import task_runner

    task_runner()
    collector = QCoreApplication.instance()._gis_app_collector
    gc.enable()  # as a reader does after pausing it (the project read)
    collector.collect_due()
    assert not gc.isenabled()


def test_full_collections_are_spaced_in_time(qtbot):
    from gis_app.ui.tasks import task_runner

    task_runner()
    collector = QCoreApplication.instance()._gis_app_collector

    def all_generations_due() -> list:
        for _ in range(collector.thresholds[2] + 1):
            gc.collect(1)  # each counts towards the oldest generation
        for _ in range(collector.thresholds[1] + 1):
            gc.collect(0)  # each counts towards the middle one
        return [[i] for i in range(collector.thresholds[0] * 2)]  # kept: new objects

    collector._last_full = 0.0  # long ago
    kept = all_generations_due()
    before = collector.collections
    collector.collect_due()
    assert collector.collections - before == 3  # young, middle and full
    kept += all_generations_due()
    before = collector.collections
    collector.collect_due()
    assert collector.collections - before == 2  # a full one only a minute after the last
    assert gc.get_count()[2] > collector.thresholds[2]  # still due, later
    del kept


def test_submit_with_progress_closes_its_dialog_and_says_how_it_ended(qtbot, runner, monkeypatch):
    from gis_app.ui.tasks import submit_with_progress

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(f"{box.windowTitle()}: {box.text()}") or 0
    )
    ended: list[str] = []

    def start(work):
        return submit_with_progress(
            None,
            work,
            name="proef",
            title="Proef",
            text="bezig...",
            on_result=lambda value: ended.append(f"klaar {value}"),
            error_title="Proef mislukt",
            on_cancelled=lambda: ended.append("geannuleerd"),
            on_end=lambda: ended.append("niets"),
            runner=runner,
            delay_ms=0,
        )

    def closed(dialog) -> bool:  # hidden, or already deleted (finish() deletes it later)
        return not shiboken6.isValid(dialog) or not dialog.isVisible()

    task = start(lambda progress: 42)
    assert task.progress_dialog.isVisible()
    qtbot.waitUntil(lambda: ended == ["klaar 42"], timeout=10000)
    assert closed(task.progress_dialog)

    ended.clear()

    def broken(progress):
        raise PlanningError("capaciteit ontbreekt")

    task = start(broken)
    qtbot.waitUntil(lambda: ended == ["niets"], timeout=10000)
    assert shown == ["Proef mislukt: capaciteit ontbreekt"]
    assert closed(task.progress_dialog)

    ended.clear()
    release = threading.Event()

    def slow(progress):
        release.wait(10)
        progress(0.5)  # raises Cancelled: the dialog's Annuleren was pressed
        return "te laat"

    task = start(slow)
    task.progress_dialog.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: ended == ["geannuleerd", "niets"], timeout=10000)
    assert closed(task.progress_dialog)


def test_what_survives_a_full_collection_is_frozen_until_a_project_is_replaced(qtbot):
    from gis_app.core.project import Project
    from gis_app.core.sample import generate_buildings
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.tasks import task_runner

    task_runner()
    collector = QCoreApplication.instance()._gis_app_collector
    freed_in: list[str] = []
    holder = [_CycleWithFinaliser(freed_in)]  # alive: long-lived, like an open project
    collector.collect_full()
    assert gc.get_freeze_count() > 0
    del holder[:]  # now garbage, but frozen: a full collection does not walk it
    gc.collect()
    assert freed_in == []
    document = ProjectDocument(Project(buildings=generate_buildings(20, seed=1)))
    document.replace_project(Project(buildings=generate_buildings(20, seed=2)))
    assert gc.get_freeze_count() == 0
    collector.collect_full()  # the next full collection finds it
    assert freed_in == [threading.main_thread().name]
    document.undo_stack.cleanChanged.disconnect()


def test_every_tenth_full_collection_walks_the_frozen_objects_too(qtbot):
    from gis_app.ui.tasks import task_runner

    task_runner()
    collector = QCoreApplication.instance()._gis_app_collector
    collector.forget_long_lived()
    collector.collect_full()  # walks all, freezes
    freed_in: list[str] = []
    holder = [_CycleWithFinaliser(freed_in)]
    collector.collect_full()  # it survives and is frozen
    del holder[:]
    for _ in range(collector.WALK_ALL_EVERY - 2):
        collector.collect_full()
    assert freed_in == []  # frozen: not walked
    collector.collect_full()  # the tenth since a walk of everything
    assert freed_in == [threading.main_thread().name]


def test_the_window_process_switches_threads_every_millisecond(qtbot):
    from gis_app.ui.tasks import UI_SWITCH_INTERVAL_S, task_runner

    task_runner()  # the application's runner sets it (and tests share the application)
    assert sys.getswitchinterval() == pytest.approx(UI_SWITCH_INTERVAL_S)
    assert UI_SWITCH_INTERVAL_S < 0.005  # below Python's default


def test_a_held_collector_collects_nothing_and_freezes_what_was_made_when_released(qtbot):
    """A project read in the background makes hundreds of thousands of objects: while the
    read holds the collector, no young collection walks them on the UI thread; released,
    they are frozen (as gis-app open freezes a project read before the window)."""
    from gis_app.ui.tasks import hold_collection, release_collection, task_runner

    task_runner()
    collector = QCoreApplication.instance()._gis_app_collector
    collector.forget_long_lived()
    hold_collection()
    hold_collection()  # two reads at once
    kept = [[i] for i in range(collector.thresholds[0] * 3)]  # young generation due
    assert gc.get_count()[0] > collector.thresholds[0]
    before = collector.collections
    assert collector.collect_due() == 0
    assert collector.collections == before
    release_collection()
    assert gc.get_freeze_count() == 0  # the other read still holds it
    release_collection()
    assert gc.get_freeze_count() >= len(kept)
    kept += [[i] for i in range(collector.thresholds[0] * 3)]
    collector.collect_due()
    assert collector.collections > before  # collecting again
    release_collection()  # one release too many changes nothing
    assert collector._holds == 0
    collector.forget_long_lived()


def test_progress_of_a_lane_whose_owner_was_deleted_is_dropped_quietly(qtbot, runner):
    """A panel closed while its lane's job still reports progress: nothing to show it in,
    and no error either (the job's outcome is dropped the same way)."""
    from PySide6.QtCore import QObject

    owner = QObject()
    lane = LatestOnly(owner, runner)
    go = threading.Event()

    def job(progress):
        go.wait(5)
        progress(0.5)
        return "klaar"

    lane.submit(job)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(lane), timeout=5000)
    go.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)  # no exception in the loop
