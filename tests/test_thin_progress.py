"""The planning panel's progress bar: no synchronous repaints, no layout changes.

``QProgressBar.setValue`` repaints at once and showing or hiding the bar laid the panel
out again: 20 to 45 ms of the UI thread at every recompute. The thin bar keeps its
place, paints nothing while idle and fills as far as the work reports.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette

from gis_app.ui.thin_progress import BAR_HEIGHT, ThinProgress


def _row(bar) -> list:
    image = bar.grab().toImage()
    y = image.height() // 2
    return [image.pixelColor(x, y).rgb() for x in range(image.width())]


def test_the_bar_fills_as_far_as_the_work_reports_and_is_blank_when_idle(qtbot):
    bar = ThinProgress()
    qtbot.addWidget(bar)
    bar.resize(200, BAR_HEIGHT)
    bar.show()
    qtbot.waitExposed(bar)
    blank = _row(bar)
    assert len(set(blank)) == 1  # idle: nothing drawn

    bar.set_fraction(0.5)  # not busy: ignored
    assert bar.fraction is None
    bar.set_busy(True)
    busy = _row(bar)
    assert len(set(busy)) == 1 and busy != blank  # a pale bar, how far not known yet

    bar.set_fraction(0.5)
    half = _row(bar)
    highlight = bar.palette().color(QPalette.ColorRole.Highlight).rgb()
    assert half[10] == highlight and half[90] == highlight
    assert half[110] == busy[110] and half[190] == busy[190]

    bar.set_fraction(2.0)  # clamped
    assert bar.fraction == 1.0
    bar.set_busy(False)
    assert bar.fraction is None and _row(bar) == blank
    assert bar.height() == BAR_HEIGHT  # its place in the layout stays


def test_the_planning_panel_shows_the_plan_being_computed(qtbot):
    from test_workspace import make_project, open_workspace, wait_idle

    with open_workspace(qtbot, make_project(n=300)) as ws:
        bar = ws.panel.progress
        assert isinstance(bar, ThinProgress)
        assert not bar.busy
        seen = []
        ws.controller.busyChanged.connect(lambda busy: seen.append((busy, bar.busy)))
        ws.controller.set_global_share(0.6)
        wait_idle(qtbot, ws)
        assert seen[0] == (True, True) and seen[-1] == (False, False)
