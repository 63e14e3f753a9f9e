"""The UI thread first: background work gives way while the window shows a result.

Python runs one thread at a time. A worker running beside the UI thread takes the GIL
back at every switch interval and at each of the UI thread's Qt calls, so the UI's own
work takes two to three times as long while a pan waits. These tests check the parts
that keep the window's frames short: holding background work at its next step
(``core.progress``), the runner holding it while it delivers, splitting UI work over
event-loop turns with a repaint between them (``TaskRunner.after_paint``), the plan
reaching the document and the views in two turns, and the workers' lower priority.
"""

from __future__ import annotations

import os
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from gis_app.core import progress as progress_module
from gis_app.core.progress import (
    CancelToken,
    Progress,
    background_held,
    give_way,
    hold_background,
    release_background,
)
from gis_app.core.slices import in_slices
from gis_app.ui.tasks import TaskRunner


@pytest.fixture
def runner(qapp):
    runner = TaskRunner()
    yield runner
    runner.shutdown()
    release_background()


@pytest.fixture(autouse=True)
def _released():
    release_background()
    yield
    release_background()


def _in_thread(fn) -> tuple[threading.Thread, threading.Event, list]:
    started, out = threading.Event(), []

    def run():
        started.set()
        out.append(fn())

    thread = threading.Thread(target=run)
    thread.start()
    started.wait(5)
    return thread, started, out


# --- giving way ----------------------------------------------------------------------------


def test_give_way_returns_at_once_while_nobody_holds():
    assert not background_held()
    give_way()  # nothing to wait for
    CancelToken().check()
    Progress()(0.5)


def test_background_work_waits_at_its_next_step_until_released():
    hold_background()
    assert background_held()
    calls = []
    values = np.arange(10)

    def double(part):
        calls.append(len(part))
        return part * 2

    thread, _, out = _in_thread(lambda: in_slices(double, values, 3))
    time.sleep(0.03)
    assert calls == []  # waiting before its first slice
    release_background()
    thread.join(5)
    assert np.array_equal(out[0], values * 2)
    assert calls == [3, 3, 3, 1]


def test_progress_calls_and_cancellation_checks_give_way():
    for step in (lambda: Progress()(0.5), lambda: CancelToken().check()):
        hold_background()
        thread, _, out = _in_thread(lambda step=step: step() or "done")
        time.sleep(0.02)
        assert out == []  # held at the step
        release_background()
        thread.join(5)
        assert out == ["done"]


def test_the_holding_thread_itself_never_waits():
    hold_background()
    started = time.monotonic()
    for _ in range(100):
        give_way()
    assert time.monotonic() - started < progress_module.HOLD_LIMIT_S
    assert background_held()


def test_a_hold_that_is_never_released_runs_out_by_itself():
    hold_background(seconds=10.0)  # capped at the limit
    thread, _, out = _in_thread(lambda: give_way() or "went on")
    thread.join(5)
    assert out == ["went on"]  # without a release
    assert not background_held()


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="thread priorities are Linux's")
def test_worker_threads_run_at_a_lower_priority(qtbot, runner):
    results = []
    runner.submit(
        lambda _progress: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()),
        on_result=results.append,
    )
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    ui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert results[0] == min(19, ui + progress_module.BACKGROUND_NICE)
    assert ui < 19  # the UI thread itself keeps its priority


# --- the runner holds background work while it delivers -------------------------------------


def test_a_delivery_holds_background_work_until_after_the_repaint(qtbot, runner):
    seen = []
    runner.submit(lambda _progress: 1, on_result=lambda _r: seen.append(background_held()))
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen == [True]  # while the result is shown
    qtbot.waitUntil(lambda: not background_held(), timeout=1000)  # released after


# --- after_paint ------------------------------------------------------------------------


class _PaintLog(QObject):
    def __init__(self, widget, log):
        super().__init__(widget)
        self.log = log
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def _painted_label(qtbot, text: str) -> tuple[QLabel, list]:
    """A shown label, its first paint done, and the log its paints go to from now on."""
    label = QLabel(text)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    qtbot.wait(50)
    log: list = []
    _PaintLog(label, log)
    return label, log


def test_after_paint_runs_once_the_repaint_asked_for_is_done(qtbot, runner):
    label, log = _painted_label(qtbot, "eerste")
    idle = []
    runner.idle.connect(lambda: idle.append(list(log)))

    label.setText("tweede")  # asks for a repaint
    runner.after_paint(lambda: log.append("after"), name="next part")
    assert runner.busy  # counted as a task until it ran
    qtbot.waitUntil(lambda: "after" in log, timeout=5000)
    assert log.index("paint") < log.index("after")
    assert idle and "after" in idle[-1]  # idle came after it
    assert not runner.busy


def test_a_cancelled_after_paint_does_not_run_and_the_runner_goes_idle(qtbot, runner):
    ran = []
    task = runner.after_paint(lambda: ran.append(1))
    task.cancel()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert ran == []


# --- the first fills of a large project, one repaint apart ---------------------------------------


def test_map_first_fills_each_come_after_the_repaint_of_the_one_before(qtbot, runner):
    from test_map_first_order import Canvas, Document

    from gis_app.ui import map_first

    document, canvas = Document(), Canvas()
    gate = map_first.MapFirst(document, canvas, runner)
    gate.hold(map_first.MAP_FIRST_ROWS)
    label, log = _painted_label(qtbot, "")

    def fill(name):
        def run(*_result):
            log.append(name)
            label.setText(name)  # the panel changes: a repaint is due

        run.__qualname__ = name
        return run

    for name in ("tabel", "clusters", "planning"):
        assert map_first.defer_until_map(document, fill(name))
    canvas.renderFinished.emit()
    qtbot.waitUntil(lambda: "planning" in log, timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    fills = [i for i, entry in enumerate(log) if entry != "paint"]
    assert [log[i] for i in fills] == ["tabel", "clusters", "planning"]
    for before, after in zip(fills, fills[1:], strict=False):
        assert "paint" in log[before:after]  # the window painted between two fills


# --- a new plan: the document first, the views one turn later ----------------------------------


def test_a_plan_reaches_the_document_and_then_the_views_one_turn_later(qtbot):
    from test_workspace import make_project, open_workspace, wait_idle

    with open_workspace(qtbot, make_project(n=300)) as ws:
        controller, document = ws.controller, ws.controller.document
        log = []
        before = controller.bundle
        document.planChanged.connect(lambda: log.append(("document", controller.bundle is before)))
        controller.resultChanged.connect(
            lambda bundle: log.append(("views", bundle.result is document.plan_result))
        )
        controller.set_global_share(0.6)
        wait_idle(qtbot, ws)
        qtbot.waitUntil(lambda: len(log) == 2, timeout=5000)
        # the document took the plan while the views still had the old one; then the
        # views took the same plan
        assert log == [("document", True), ("views", True)]
        assert controller.bundle.global_share == 0.6


def test_a_plan_dropped_between_its_two_turns_never_reaches_the_views(qtbot):
    from test_workspace import make_project, open_workspace, wait_idle

    with open_workspace(qtbot, make_project(n=300)) as ws:
        controller, document = ws.controller, ws.controller.document
        shown, dropped = [], []

        def read_again():  # the project is read again before the views took the plan
            if not dropped:
                dropped.append(document.plan_result)
                controller.reload()

        document.planChanged.connect(read_again)
        controller.resultChanged.connect(shown.append)
        controller.set_global_share(0.6)
        qtbot.waitUntil(lambda: bool(dropped), timeout=20000)
        wait_idle(qtbot, ws)
        qtbot.waitUntil(lambda: controller.bundle is not None, timeout=20000)
        assert dropped[0] is not None
        assert all(b is None or b.result is not dropped[0] for b in shown)
        assert controller.bundle.result is document.plan_result  # the newer plan, shown


def test_a_window_closed_between_a_plans_two_turns_takes_no_views_turn(qtbot):
    """The views' turn comes from the application's runner: a controller deleted before
    it (its window closed) is left alone, without an error in the event loop."""
    import shiboken6
    from test_workspace import make_project

    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.planning.controller import PlanningController

    document = ProjectDocument(make_project(n=300))
    controller = PlanningController(document)
    qtbot.waitUntil(lambda: not controller.runner.is_busy(), timeout=20000)
    qtbot.waitUntil(lambda: controller.bundle is not None, timeout=20000)
    bundle = controller.bundle
    runner = controller.runner.runner
    controller._apply(bundle)  # the document's turn; the views' turn is queued
    controller.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(controller), timeout=5000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)  # no exception in the loop


def test_a_lane_is_busy_until_the_parts_of_showing_its_outcome_ran(qtbot, runner):
    """Whoever waits for a lane (``is_busy``) waits for the whole outcome, also the parts
    shown on later turns; ``busyChanged`` still follows the jobs (a progress bar)."""
    from gis_app.ui.tasks import LatestOnly

    lane = LatestOnly(None, runner)
    shown, seen, signals, turns = [], [], [], []
    lane.busyChanged.connect(signals.append)

    def arrived(value):
        turns.append(lane.after_paint(lambda: shown.append(value)))
        seen.append(lane.is_busy())
        if value == 8:
            turns[-1].cancel()  # dropped before its turn came

    lane.resultReady.connect(arrived)
    lane.submit(lambda _progress: 7)
    qtbot.waitUntil(lambda: shown == [7], timeout=5000)
    assert seen == [True]  # the job was done, its second part not yet
    assert not lane.is_busy()
    assert signals == [True, False]

    lane.submit(lambda _progress: 8)  # a dropped part frees the lane too
    qtbot.waitUntil(lambda: len(turns) == 2 and not runner.busy, timeout=5000)
    assert shown == [7] and not lane.is_busy()
    assert signals == [True, False, True, False]
