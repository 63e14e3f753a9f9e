"""``gis-app open FILE`` (with a window) pauses the cyclic garbage collector while it
imports and reads, and freezes what that made before the window starts; a file that
cannot be read leaves the collector as it was (the command line may run in-process)."""

from __future__ import annotations

import gc

import pytest

from gis_app.cli import main


@pytest.mark.parametrize("name", ["missing.gpkg", "empty.gpkg"])
def test_a_file_that_cannot_be_read_leaves_the_collector_on(tmp_path, capsys, name):
    path = tmp_path / name
    if name == "empty.gpkg":
        path.write_bytes(b"")
    # off once a window's task runner exists in this process (ui/tasks.py), else on
    before = gc.isenabled()
    assert main(["open", str(path)]) == 2
    assert gc.isenabled() == before
    assert capsys.readouterr().err.count("\n") == 1  # one line, as every refused input


def test_the_window_path_freezes_what_the_read_made(tmp_path, monkeypatch):
    """The read runs with the collector paused; the window starts with it on again and
    the project's objects frozen (out of every later collection's walk)."""
    from gis_app.core import sample
    from gis_app.core.io.projectfile import save_project
    from gis_app.core.project import Project

    path = tmp_path / "p.gpkg"
    save_project(Project(buildings=sample.generate_buildings(50, seed=1)), path)
    seen = {}

    def run_app(*, project, report):
        seen["enabled"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()
        seen["rows"] = len(project.buildings)
        return 0

    import gis_app.ui.app as app_module
    from gis_app.ui.shell import file_actions

    real_load = file_actions.load_path

    def load_path(file):
        seen["enabled_while_reading"] = gc.isenabled()
        return real_load(file)

    monkeypatch.setattr(app_module, "run_app", run_app)
    monkeypatch.setattr(file_actions, "load_path", load_path)
    before = gc.isenabled()  # off once a window's task runner exists in this process
    try:
        assert main(["open", str(path)]) == 0
    finally:
        gc.unfreeze()  # the test process goes on: its objects are collectable again
    assert seen["rows"] == 50
    assert seen["enabled_while_reading"] is False
    assert seen["enabled"] == before  # as it was (the window's collector takes over)
    assert seen["frozen"] > 0
    assert gc.isenabled() == before
