"""Test setup shared by the whole suite.

* Qt runs headless (offscreen platform).
* The user's data folder (logs, recovery files) and Qt's settings (recent projects,
  export folder, autosave interval) point into a temporary folder for the session, so
  tests never read or change a real user's settings and never see each other's
  leftovers from an earlier run.
"""

import atexit
import os
import shutil
import subprocess
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_session_home = tempfile.mkdtemp(prefix="gis_app_tests_")
atexit.register(shutil.rmtree, _session_home, ignore_errors=True)
os.environ["GIS_APP_DATA_DIR"] = os.path.join(_session_home, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_session_home, "config")


def pytest_configure(config):
    # Also for QSettings created before a QApplication exists (format and scope are fixed).
    from PySide6.QtCore import QSettings

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, os.environ["XDG_CONFIG_HOME"])
        QSettings.setPath(QSettings.Format.IniFormat, scope, os.environ["XDG_CONFIG_HOME"])


def _wait_for_background_work(collect: bool) -> None:
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    runner = getattr(app, "_gis_app_task_runner", None) if app is not None else None
    if runner is None:
        return
    runner.wait_for_threads(30000)
    if collect:
        import gc

        gc.unfreeze()  # what the UI-thread collector froze may belong to this test
        gc.collect()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item):
    """When a test's body ends, its background jobs (a render, a window's first plan)
    finish before pytest-qt processes the events it left, so no job of one test runs into
    the next. (The segfault once seen there came from the garbage collector running in a
    worker thread; gis_app/ui/tasks.py keeps it in the UI thread.)"""
    yield
    _wait_for_background_work(collect=False)


@pytest.fixture(autouse=True)
def _background_work_ends_with_its_test():
    """... and before the next test starts, with the dead windows collected then."""
    yield
    _wait_for_background_work(collect=True)


@pytest.fixture(scope="session")
def ogrinfo():
    """GDAL's command-line reader (Debian gdal-bin), the independent reader of the export
    tests; installed when missing and running as root (scripts/test.py does this too)."""
    path = shutil.which("ogrinfo")
    if path is None and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "gdal-bin"], check=False, capture_output=True
        )
        path = shutil.which("ogrinfo")
    if path is None:
        pytest.fail("ogrinfo (Debian package gdal-bin) is required: apt-get install -y gdal-bin")
    return path


# --- team mode: a throwaway PostgreSQL/PostGIS server (tests/pg_server.py) ---------------

_pg_servers: list = []


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL/PostGIS server for this session, with a database ``gisapp_template``
    already initialised by ``db init`` (each test copies it). Stopped and removed at the
    end, also when tests fail; a server still running afterwards fails the session."""
    from pg_server import PgServer

    from gis_app.core.db import init_database

    server = PgServer().start()
    _pg_servers.append(server)
    try:
        init_database(server.create_database("gisapp_template"))
        yield server
    finally:
        server.stop()
    assert not server.running(), "the test PostgreSQL server is still running after stop()"


_db_counter = iter(range(1, 1_000_000))


@pytest.fixture
def pg_db(pg_server):
    """The admin URL (no password in it) of a fresh, initialised database for one test."""
    name = f"gisapp_test_{next(_db_counter)}"
    url = pg_server.create_database(name, template="gisapp_template")
    yield url
    pg_server.admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pytest_sessionfinish(session, exitstatus):
    # no test server may outlive the run (the fixture stops it; this is the check)
    for server in _pg_servers:
        server.stop()
        if server.running():
            raise RuntimeError(f"PostgreSQL test server (pid {server.postmaster_pid}) left running")
