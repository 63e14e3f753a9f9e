"""Atomic file writes: a file on disk is always either the old version or the new one.

Every writer in gis_app (project files, autosave, exports, the command line) goes
through this module, so an interrupted write (crash, power cut, full disk, killed
process) never leaves a half-written file where the user's work was.

How: the new content is written to a temporary file *in the same folder* as the
target (same file system, so the rename is atomic), flushed and fsync'ed, then
``os.replace``-d over the target; finally the folder itself is fsync'ed where the
platform allows it (POSIX), so the rename survives a power cut. On any error the
temporary file is removed and the target is left untouched.

Three entry points:

* :func:`atomic_path` -- a context manager yielding a temporary *path* for writers that
  need one (GDAL/pyogrio writing a GeoPackage, openpyxl, a PDF writer). The temporary
  name keeps the target's extension, so drivers chosen by extension still work.
* :func:`atomic_open` -- a context manager yielding an open file object (text or binary).
* :func:`atomic_write` -- write ``bytes`` or ``str`` in one call.

For outputs made of several files (an ESRI Shapefile: ``.shp .shx .dbf .prj .cpg``)
:func:`atomic_files` writes them all into a temporary folder next to the target and then
moves each one into place; each file is replaced atomically, the set as a whole is not
(no file system offers that), which is why exports prefer a zipped Shapefile.

Decisions:

* The temporary file is hidden (leading dot) and named ``.<name>.<token>.tmp<suffix>``;
  :func:`stale_temp_files` finds the ones a killed process left behind, and
  :func:`remove_stale_temp_files` removes those older than an hour (a concurrent writer
  in another process is never that slow).
* The new file gets the permission bits of the file it replaces, or the usual
  ``0o666 & ~umask`` for a new file (``mkstemp`` would make it ``0o600``).
* OSErrors are raised unchanged (callers wrap them in their own :class:`GisAppError`
  type); :func:`describe_os_error` turns one into a short Dutch message for that.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_IS_WINDOWS = sys.platform.startswith("win")
_TEMP_MARKER = ".tmp"
#: SQLite/GDAL side files that may appear next to a GeoPackage being written.
_SIDECAR_SUFFIXES = ("-journal", "-wal", "-shm")
STALE_AGE_SECONDS = 3600.0


def _default_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_DEFAULT_MODE = _default_mode()


def temp_path_for(target: str | Path) -> Path:
    """A fresh hidden temporary path next to ``target`` keeping its extension."""
    target = Path(target)
    token = secrets.token_hex(4)
    return target.with_name(f".{target.name}.{token}{_TEMP_MARKER}{target.suffix}")


def stale_temp_files(target: str | Path) -> list[Path]:
    """Temporary files of earlier (interrupted) writes of ``target``."""
    target = Path(target)
    folder = target.parent
    prefix = f".{target.name}."
    if not folder.is_dir():
        return []
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            name = entry.name
            if name.startswith(prefix) and _TEMP_MARKER in name[len(prefix) :]:
                found.append(entry)
    return sorted(found)


def remove_stale_temp_files(target: str | Path, *, older_than: float = STALE_AGE_SECONDS) -> int:
    """Remove temporary files of ``target`` older than ``older_than`` seconds; count removed."""
    now = time.time()
    removed = 0
    for path in stale_temp_files(target):
        try:
            if now - path.stat().st_mtime >= older_than:
                _remove_quietly(path)
                removed += 1
        except OSError:
            continue
    return removed


def fsync_file(path: str | Path) -> None:
    """Flush a written file's data to the disk."""
    flags = os.O_RDONLY
    if _IS_WINDOWS:  # Windows needs a handle opened for writing to flush
        flags = os.O_RDWR | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: str | Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    if _IS_WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on folders
            os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    for candidate in (path, *(Path(str(path) + s) for s in _SIDECAR_SUFFIXES)):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError, OSError):
            if candidate.is_dir() and not candidate.is_symlink():
                shutil.rmtree(candidate, ignore_errors=True)
            else:
                candidate.unlink()


def _replace(source: Path, target: Path) -> None:
    """``os.replace`` with a few retries on Windows (virus scanners, indexers hold files)."""
    attempts = 5 if _IS_WINDOWS else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def _check_folder(target: Path) -> None:
    folder = target.parent
    if not folder.exists():
        raise FileNotFoundError(errno.ENOENT, "folder does not exist", str(folder))
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "target is a folder", str(target))


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return _DEFAULT_MODE


def _commit(temp: Path, target: Path) -> None:
    if not temp.exists():
        raise FileNotFoundError(errno.ENOENT, "the writer produced no file", str(temp))
    with contextlib.suppress(OSError):
        os.chmod(temp, _mode_for(target))
    fsync_file(temp)
    _replace(temp, target)
    fsync_dir(target.parent)


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``.

    The path does not exist yet when yielded (GDAL refuses to create a GeoPackage over
    an empty file). If the body raises, the temporary file (and SQLite side files) are
    removed and ``target`` is untouched.
    """
    target = Path(target)
    _check_folder(target)
    temp = temp_path_for(target)
    try:
        yield temp
        _commit(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise
    finally:
        for suffix in _SIDECAR_SUFFIXES:
            with contextlib.suppress(OSError):
                Path(str(temp) + suffix).unlink()


@contextlib.contextmanager
def atomic_open(
    target: str | Path,
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO]:
    """Yield a file object writing to a temporary file that replaces ``target`` on success.

    ``mode`` is ``"w"`` (text, ``encoding``/``newline`` apply) or ``"wb"``.
    """
    if mode not in ("w", "wb"):
        raise ValueError("atomic_open supports mode 'w' and 'wb'")
    with atomic_path(target) as temp:
        if mode == "wb":
            handle = open(temp, "xb")  # noqa: SIM115 - closed below before the commit
        else:
            handle = open(temp, "x", encoding=encoding, newline=newline)  # noqa: SIM115
        try:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            handle.close()


def atomic_write(
    target: str | Path,
    data: bytes | str,
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> Path:
    """Write ``data`` (bytes, or text in ``encoding``) to ``target`` atomically."""
    target = Path(target)
    if isinstance(data, str):
        with atomic_open(target, "w", encoding=encoding, newline=newline) as handle:
            handle.write(data)
    else:
        with atomic_open(target, "wb") as handle:
            handle.write(data)
    return target


@contextlib.contextmanager
def atomic_files(target: str | Path) -> Iterator[Path]:
    """For multi-file outputs (Shapefile): yield ``<tempdir>/<target name>``.

    Everything the body writes into that temporary folder is moved next to ``target``
    afterwards, each file replacing its namesake atomically. The folder is removed in
    every case.
    """
    target = Path(target)
    _check_folder(target)
    temp_dir = temp_path_for(target).with_suffix("")
    temp_dir.mkdir()
    try:
        yield temp_dir / target.name
        written = sorted(p for p in temp_dir.iterdir() if p.is_file())
        if not written:
            raise FileNotFoundError(errno.ENOENT, "the writer produced no file", str(temp_dir))
        for path in written:
            with contextlib.suppress(OSError):
                os.chmod(path, _mode_for(target.parent / path.name))
            fsync_file(path)
        for path in written:
            _replace(path, target.parent / path.name)
        fsync_dir(target.parent)
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


_ERRNO_MESSAGES_NL = {
    errno.ENOSPC: "de schijf is vol",
    getattr(errno, "EDQUOT", -2): "de schijfruimte (quota) is op",
    errno.EACCES: "geen schrijf- of leesrechten",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOENT: "het bestand of de map bestaat niet (meer)",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "het pad is een map, geen bestand",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.EIO: "lees- of schrijffout van de schijf",
}


def describe_os_error(error: OSError) -> str:
    """A short Dutch description of an OSError, for a message to the user."""
    if getattr(error, "winerror", None) in (32, 33):  # sharing / lock violation
        return "het bestand is geopend in een ander programma"
    text = _ERRNO_MESSAGES_NL.get(error.errno or -1)
    if text is None:
        if isinstance(error, PermissionError):
            text = "geen toestemming (bestand alleen-lezen of in gebruik)"
        elif isinstance(error, FileNotFoundError):
            text = "het bestand of de map bestaat niet (meer)"
        else:
            text = error.strerror or type(error).__name__
    return text
