"""The off-thread runner keeps only the newest computation."""

from __future__ import annotations

import threading

from gis_app.core.errors import PlanningError
from gis_app.ui.planning.worker import LatestOnlyRunner


def test_superseded_jobs_are_dropped_and_only_the_last_result_is_applied(qtbot):
    runner = LatestOnlyRunner()
    applied = []
    started = []
    runner.resultReady.connect(applied.append)
    gate = threading.Event()

    def job(value, block=False):
        def run(progress, cancelled):
            started.append(value)
            if block:
                gate.wait(10)
            progress(1.0)
            return value

        return run

    runner.submit(job(0, block=True))
    qtbot.waitUntil(lambda: started == [0])
    for value in range(1, 6):  # fired quickly while job 0 still runs
        runner.submit(job(value))
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10000)
    runner.wait()
    assert applied == [5]
    assert started == [0, 5]  # 1..4 were superseded before they started
    assert runner.applied_generations == [6]


def test_running_job_sees_it_was_superseded(qtbot):
    runner = LatestOnlyRunner()
    gate = threading.Event()
    seen = {}

    def slow(progress, cancelled):
        gate.wait(10)
        seen["cancelled"] = cancelled()
        return "old"

    applied = []
    runner.resultReady.connect(applied.append)
    runner.submit(slow)
    runner.submit(lambda progress, cancelled: "new")
    gate.set()
    qtbot.waitUntil(lambda: applied == ["new"], timeout=10000)
    assert seen["cancelled"] is True


def test_errors_of_the_newest_job_are_reported(qtbot):
    runner = LatestOnlyRunner()

    def bad(progress, cancelled):
        raise PlanningError("capaciteit is nul")

    with qtbot.waitSignal(runner.failed, timeout=10000) as blocker:
        runner.submit(bad)
    assert isinstance(blocker.args[0], PlanningError)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10000)
    runner.wait()
