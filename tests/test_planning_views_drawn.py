"""Work started with a new plan waits until the views have drawn it.

The trade-off curve and the order comparison run on worker threads; started while the
views take a new plan they would take the GIL back at each of the views' Qt calls. The
controller's ``views_drawn()`` event is set by a queued call after ``resultChanged``
(after the repaints the views asked for); that work waits for it on its worker.
"""

from __future__ import annotations

from test_workspace import make_project, open_workspace, wait_idle


def test_views_drawn_is_set_after_the_views_took_the_plan(qtbot):
    with open_workspace(qtbot, make_project(n=300)) as ws:
        controller = ws.controller
        assert controller.views_drawn().is_set()  # the first plan was drawn
        during = []
        controller.resultChanged.connect(
            lambda bundle: during.append(controller.views_drawn().is_set())
        )
        controller.set_global_share(0.6)
        wait_idle(qtbot, ws)
        qtbot.waitUntil(controller.views_drawn().is_set, timeout=5000)
        assert during == [False]  # while the views take the plan, work waits
        assert controller.bundle.global_share == 0.6
        # the curve after a change of the settings came after the drawing, and arrived
        controller.update_config({"starts_per_week": 5})
        wait_idle(qtbot, ws)
        assert during == [False, False]
        assert controller.curve is not None and len(controller.curve) == 11
        # the order comparison, started on resultChanged, ran after the drawing too
        comparison = ws.panel.order_comparison
        qtbot.waitUntil(lambda: not comparison.runner.is_busy(), timeout=30000)
        assert comparison.runner.applied_generations
