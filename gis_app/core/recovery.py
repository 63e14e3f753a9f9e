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
* Process ids can be reused by the system; a reused id would hide a recovery file until
  that process ends. That is rare and loses nothing (the file stays on disk).
* No Qt here: the command line and the fault tests use the same functions as the UI.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from gis_app.core.atomic import atomic_write
from gis_app.core.logsetup import user_data_dir
from gis_app.core.project import Project
from gis_app.core.projectfile import load_project, save_project

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
        for path in (self.path, self.info_path):
            with contextlib.suppress(OSError):
                path.unlink()


def write_recovery(project: Project, *, pid: int | None = None) -> Path:
    """Write the recovery files for this session (atomically); returns the project file."""
    data_path, info_path = recovery_paths(pid)
    data_path.parent.mkdir(parents=True, exist_ok=True)
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
    """Remove this session's recovery files (clean exit, or the work was saved)."""
    for path in recovery_paths(pid):
        with contextlib.suppress(OSError):
            path.unlink()


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` is still running (zombies count as ended)."""
    if pid <= 0:
        return False
    if sys.platform.startswith("win"):
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError, IndexError):
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
        if state in ("Z", "X"):
            return False
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


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
        if pid == os.getpid() or not data_path.is_file() or pid_alive(pid):
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
