"""The map-first gate's queue: fills run in order, ``first`` ahead, ``last`` after all.

The plan's reload is queued ``last``: the panels' counts (a fraction of a second each,
one at a time) run before the planner's set-up starts, so the UI thread shares the GIL
with one worker at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gis_app.ui import map_first
from gis_app.ui.tasks import TaskRunner


class Canvas(QObject):
    """What the gate reads of a map canvas: its render signal and the last render."""

    renderFinished = Signal()

    def __init__(self):
        super().__init__()
        self.last_render_stats = {"visible": 1}


class Document(QObject):
    pass


def test_last_fills_run_after_every_other_fill(qtbot):
    document, canvas, runner = Document(), Canvas(), TaskRunner()
    gate = map_first.MapFirst(document, canvas, runner)
    gate.hold(map_first.MAP_FIRST_ROWS)
    ran = []

    def fill(name):
        def run(*_result):
            ran.append(name)

        run.__qualname__ = name
        return run

    plan = fill("plan")
    assert map_first.defer_until_map(document, plan, last=True)
    assert map_first.defer_until_map(document, fill("table"))
    assert map_first.defer_until_map(document, fill("first"), first=True)
    assert map_first.defer_until_map(
        document, fill("counts"), background=lambda: lambda _progress: 7
    )
    assert map_first.defer_until_map(document, plan, last=True)  # once only
    canvas.renderFinished.emit()  # the first image with buildings: the gate opens
    qtbot.waitUntil(lambda: len(ran) == 4, timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert ran == ["first", "table", "counts", "plan"]
    assert not gate.holding
    assert not map_first.defer_until_map(document, fill("late"))  # open: run it now


class Panel(QObject):
    """A panel whose fill is queued; its window may close before the gate opens."""

    def __init__(self, ran: list[str]):
        super().__init__()
        self.ran = ran

    def fill(self, *_result) -> None:
        self.ran.append("panel")

    def show_count(self, count) -> None:
        self.ran.append(f"count {count}")


def test_fills_of_a_deleted_panel_are_dropped_and_the_rest_still_run(qtbot):
    import shiboken6

    document, canvas, runner = Document(), Canvas(), TaskRunner()
    gate = map_first.MapFirst(document, canvas, runner)
    gate.hold(map_first.MAP_FIRST_ROWS)
    ran: list[str] = []
    closed, open_panel = Panel(ran), Panel(ran)
    assert map_first.defer_until_map(document, closed.fill)
    assert map_first.defer_until_map(
        document, closed.show_count, background=lambda: lambda _progress: 1, first=True
    )
    assert map_first.defer_until_map(document, open_panel.fill, last=True)
    shiboken6.delete(closed)  # its window closed before the map was shown
    canvas.renderFinished.emit()
    qtbot.waitUntil(lambda: ran == ["panel"], timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert ran == ["panel"]  # only the live panel's fill; no error from the deleted one
