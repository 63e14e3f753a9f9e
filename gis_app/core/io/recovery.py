"""Recovery files: the unsaved work of a session, so a crash does not lose it.

Each running session writes its autosave to ``<data dir>/recovery/recovery-<pid>.gpkg``
(an ordinary project file, written atomically) plus ``recovery-<pid>.json`` with the
project's own path, name and the time. A clean exit removes both. On start,
:func:`find_recoverable` lists the recovery files whose process is no longer running:
those are the ones an unclean exit (crash, kill, power cut) left behind.

Decisions:

* One file per process id, so two open windows (two processes) never overwrite each
  other's recovery file, and a recovery file of a session that is still running is
  never offered to another one.
* The JSON side file is written after the GeoPackage; a recovery entry counts only when
  both exist, so a session killed during its very first autosave offers nothing broken.
* A session holds an operating-system lock on ``recovery-<pid>.lock`` (``filelock``) from
  its first autosave until it ends; the system releases it however the process ends.
  Whether a session still runs is asked of that lock, never of the process id, which the
  system may have given to another program since.
* No Qt here: the command line and the fault tests use the same functions as the UI.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from gis_app.core.io.atomic import atomic_write
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.logsetup import user_data_dir
from gis_app.core.project import Project

RECOVERY_DIR_NAME = "recovery"
_PREFIX = "recovery-"


def recovery_dir() -> Path:
    return user_data_dir() / RECOVERY_DIR_NAME


def recovery_paths(pid: int | None = None) -> tuple[Path, Path]:
    """``(project file, info file)`` of the recovery files of process ``pid``."""
    pid = os.getpid() if pid is None else pid
    folder = recovery_dir()
    return folder / f"{_PREFIX}{pid}.gpkg", folder / f"{_PREFIX}{pid}.json"


@dataclass
class RecoveryEntry:
    """A recovery file left behind by a session that ended without cleaning up."""

    path: Path
    info_path: Path
    pid: int
    original_path: Path | None
    name: str
    saved_at: str

    def load(self) -> Project:
        """The recovered project; its ``path`` is the original project file (if any)."""
        project = load_project(self.path)
        project.path = self.original_path
        project.name = self.name or (
            self.original_path.stem if self.original_path else project.name
        )
        return project

    def discard(self) -> None:
        for path in (self.path, self.info_path, _lock_path(self.pid)):
            with contextlib.suppress(OSError):
                path.unlink()


def write_recovery(project: Project, *, pid: int | None = None) -> Path:
    """Write the recovery files for this session (atomically); returns the project file."""
    data_path, info_path = recovery_paths(pid)
    data_path.parent.mkdir(parents=True, exist_ok=True)
    if pid is None:
        hold_session_lock()
    save_project(project, data_path)
    info = {
        "pid": os.getpid() if pid is None else pid,
        "original_path": str(project.path) if project.path else "",
        "name": project.name,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    atomic_write(info_path, json.dumps(info, ensure_ascii=False, indent=1))
    return data_path


def remove_recovery(pid: int | None = None) -> None:
    """Remove this session's recovery files (clean exit, or the work was saved).

    This session's lock goes with them (the next autosave takes it again), so a clean
    exit leaves no lock file behind.
    """
    global _session_lock
    for path in recovery_paths(pid):
        with contextlib.suppress(OSError):
            path.unlink()
    if pid is None and _session_lock is not None:
        _session_lock.release()
        _session_lock = None
        with contextlib.suppress(OSError):
            _lock_path(os.getpid()).unlink()


def _lock_path(pid: int) -> Path:
    return recovery_dir() / f"{_PREFIX}{pid}.lock"


_session_lock: FileLock | None = None


def hold_session_lock() -> None:
    """Lock this session's recovery files for as long as the process lives.

    The operating system releases the lock when the process ends, however it ends, so a
    held lock means "still running" and a free one means "ended" -- unlike a process id,
    which the system may give to another program.
    """
    global _session_lock
    if _session_lock is not None and _session_lock.is_locked:
        return
    path = _lock_path(os.getpid())
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=0, thread_local=False)
    lock.acquire()
    _session_lock = lock


def session_running(pid: int) -> bool:
    """Whether the session of process ``pid`` still holds its recovery lock."""
    if pid == os.getpid():
        return _session_lock is not None and _session_lock.is_locked
    path = _lock_path(pid)
    if not path.exists():
        return False
    probe = FileLock(path, timeout=0, thread_local=False)
    try:
        probe.acquire()
    except Timeout:
        return True
    except OSError:
        return False
    probe.release()
    return False


def find_recoverable() -> list[RecoveryEntry]:
    """Recovery files of sessions that are no longer running, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    entries = []
    for info_path in folder.glob(f"{_PREFIX}*.json"):
        try:
            pid = int(info_path.stem[len(_PREFIX) :])
        except ValueError:
            continue
        data_path = info_path.with_suffix(".gpkg")
        if pid == os.getpid() or not data_path.is_file() or session_running(pid):
            continue
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        if not isinstance(info, dict):
            info = {}
        original = str(info.get("original_path") or "")
        entries.append(
            RecoveryEntry(
                path=data_path,
                info_path=info_path,
                pid=pid,
                original_path=Path(original) if original else None,
                name=str(info.get("name") or ""),
                saved_at=str(info.get("saved_at") or ""),
            )
        )
    entries.sort(key=lambda e: e.saved_at, reverse=True)
    return entries
