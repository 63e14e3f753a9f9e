"""Recovery files are offered by whether their session still holds its lock, not by pid."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gis_app.core.io import recovery
from gis_app.core.project import Project

ROOT = Path(__file__).resolve().parent.parent

SESSION = textwrap.dedent(
    """
    import sys, time
    from gis_app.core.project import Project
    from gis_app.core.io.recovery import write_recovery
    write_recovery(Project(name="lopend"))
    print("written", flush=True)
    time.sleep(120)
    """
)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GIS_APP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_running_session_is_not_offered_and_a_killed_one_is(data_dir):
    env = dict(os.environ, GIS_APP_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", SESSION], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "written"
        assert recovery.session_running(child.pid)
        assert recovery.find_recoverable() == []
    finally:
        child.kill()
        child.wait()
    assert not recovery.session_running(child.pid)
    entries = recovery.find_recoverable()
    assert [(e.pid, e.name) for e in entries] == [(child.pid, "lopend")]
    entries[0].discard()
    assert recovery.find_recoverable() == []
    assert list(recovery.recovery_dir().iterdir()) == []


def test_a_reused_process_id_does_not_hide_a_recovery_file(data_dir):
    # The parent process is alive, but it never took the lock: the pid was reused.
    live_pid = os.getppid()
    recovery.write_recovery(Project(name="verloren"), pid=live_pid)
    assert [e.name for e in recovery.find_recoverable()] == ["verloren"]


def test_this_session_holds_its_lock_after_its_first_autosave(data_dir):
    recovery.write_recovery(Project(name="eigen"))
    assert recovery.session_running(os.getpid())
    assert recovery.find_recoverable() == []


def test_a_clean_end_leaves_no_lock_file(data_dir):
    recovery.write_recovery(Project(name="eigen"))
    recovery.remove_recovery()
    assert not recovery.session_running(os.getpid())
    assert list(recovery.recovery_dir().iterdir()) == []
    recovery.write_recovery(Project(name="weer"))  # the next autosave locks again
    assert recovery.session_running(os.getpid())
    recovery.remove_recovery()
