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

Many small files written into a staging folder (an export) need not be flushed one by
one: inside :func:`deferred_sync` the writes of this thread skip their fsync calls (the
renames stay atomic), and :func:`sync_tree` then flushes the whole folder at once (one
``syncfs`` on Linux) before it is moved into place.

Decisions:

* The temporary file is hidden (leading dot) and named
  ``.<name>.<host>-<pid>-<token>.tmp<suffix>`` (``<name>`` with the characters GDAL would
  misread replaced, ``<host>`` four hex digits of the machine name, ``<pid>`` the writing
  process). :func:`stale_temp_files` finds the ones a killed process left behind;
  :func:`remove_stale_temp_files` (one target) and :func:`remove_stale_temp_files_in`
  (a whole folder, used by exports) remove a leftover when its writer is gone: written
  on this machine by another process, as soon as that process no longer runs (while it
  runs, never); written on another machine sharing the folder, by this process, or
  named without a pid (older versions), once it is older than an hour (no live writer
  leaves a file untouched that long). Only names of exactly this pattern are touched,
  never other files.
* Paths handed to GDAL are taken literally. pyogrio reads ``a!b`` as "member ``b`` of
  archive ``a``", cuts a name at ``;`` and treats ``x.zip`` and ``scheme:`` as archives
  or URLs, so a package named ``Spoed! Noord`` would be written into the current folder.
  :func:`gdal_safe` tells whether pyogrio passes a path through unchanged; temporary
  names are made of safe characters; :func:`atomic_path`/:func:`atomic_files` write
  through a link to the target folder when the folder itself is not safe (or, where
  links are not allowed, into a scratch folder and move the result); :func:`gdal_source`
  gives readers a safe alias of an existing file, and :func:`gdal_message` puts the
  user's path back into a GDAL message that names an alias.
* The new file gets the permission bits of the file it replaces, or the usual
  ``0o666 & ~umask`` for a new file (``mkstemp`` would make it ``0o600``).
* OSErrors are raised unchanged (callers wrap them in their own :class:`GisAppError`
  type); :func:`describe_os_error` turns one into a short Dutch message for that.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import re
import secrets
import shutil
import socket
import stat
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from gis_app.core.i18n import N_, t, translate

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


_HOST_TAG = f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')) & 0xFFFF:04x}"
#: ``.<name>.<host>-<pid>-<token>.tmp<rest>`` (and the older ``.<name>.<token>.tmp<rest>``).
_TEMP_PATTERN = re.compile(
    r"^\.(?P<name>.+)\.(?:(?P<host>[0-9a-f]{4})-(?P<pid>\d{1,10})-)?[0-9a-f]{8}\.tmp(?P<rest>.*)$",
    re.DOTALL,
)
#: Characters pyogrio or GDAL may read as syntax (archive, URL, parameters), and those
#: Windows forbids; replaced in temporary names only.
_UNSAFE_NAME_CHARS = re.compile(r'[!;?#%:@&=+$,*"<>|\\/\x00-\x1f\x7f]')


#: Bytes of the target's name kept in a temporary name: with the marker it stays well
#: under the 255-byte limit of file names even for a target name of that length.
_TEMP_STEM_BYTES = 120


def _temp_stem(name: str) -> str:
    safe = _UNSAFE_NAME_CHARS.sub("_", name)
    return safe.encode("utf-8")[:_TEMP_STEM_BYTES].decode("utf-8", errors="ignore")


def temp_path_for(target: str | Path) -> Path:
    """A fresh hidden temporary path next to ``target`` keeping its extension.

    The name holds only characters GDAL takes literally, and the writing process's id so
    that a later run can tell a leftover of a killed process from a write in progress.
    """
    target = Path(target)
    token = secrets.token_hex(4)
    suffix = _temp_stem(target.suffix)
    stem = _temp_stem(target.name)
    return target.with_name(f".{stem}.{_HOST_TAG}-{os.getpid()}-{token}{_TEMP_MARKER}{suffix}")


def _is_temp_name(name: str, target_name: str | None = None) -> bool:
    match = _TEMP_PATTERN.match(name)
    if match is None:
        return False
    return target_name is None or match.group("name") == _temp_stem(target_name)


def stale_temp_files(target: str | Path) -> list[Path]:
    """Temporary files of earlier (interrupted) writes of ``target``."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        return []
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if _is_temp_name(entry.name, target.name):
                found.append(entry)
    return sorted(found)


def process_running(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (a zombie has ended).

    Process ids are reused, so a "yes" may be another program; callers only use it to
    keep a file a little longer, never to delete one.
    """
    import psutil  # here: every start reads files through this module, few ask this

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.AccessDenied:
        return True  # another user's process: it exists
    except (psutil.NoSuchProcess, ValueError):
        return False


def _writer_gone(path: Path, now: float, older_than: float) -> bool:
    """Whether the process that wrote temporary file ``path`` can no longer be writing it."""
    match = _TEMP_PATTERN.match(path.name)
    if match is None:
        return False
    pid = match.group("pid")
    if pid is not None and match.group("host") == _HOST_TAG and int(pid) != os.getpid():
        return not process_running(int(pid))  # a running writer keeps its file, however slow
    try:
        return now - path.lstat().st_mtime >= older_than
    except OSError:
        return False


def remove_stale_temp_files(target: str | Path, *, older_than: float = STALE_AGE_SECONDS) -> int:
    """Remove leftovers of interrupted writes of ``target`` (rule in the module docstring)."""
    now = time.time()
    removed = 0
    for path in stale_temp_files(target):
        if _writer_gone(path, now, older_than):
            _remove_quietly(path)
            removed += 1
    return removed


def remove_stale_temp_files_in(folder: str | Path, *, older_than: float = STALE_AGE_SECONDS) -> int:
    """Remove leftovers of interrupted writes of any file in ``folder`` (not recursive)."""
    now = time.time()
    removed = 0
    with contextlib.suppress(OSError):
        for entry in list(Path(folder).iterdir()):
            if _is_temp_name(entry.name) and _writer_gone(entry, now, older_than):
                _remove_quietly(entry)
                removed += 1
    return removed


# --- paths GDAL takes literally ---------------------------------------------------------------


def gdal_safe(path: str | Path) -> bool:
    """Whether pyogrio hands the absolute form of ``path`` to GDAL unchanged."""
    text = os.path.abspath(path)
    if Path(text).as_posix().startswith("/vsi"):
        return False
    try:
        from pyogrio.util import vsi_path
    except ImportError:  # pragma: no cover - pyogrio is a dependency
        return "!" not in text and ";" not in text
    return vsi_path(text) == text


_alias_lock = threading.Lock()
_alias_root: Path | None = None
#: alias path -> the user's path it stands for (for messages, see :func:`gdal_message`)
_alias_names: dict[str, str] = {}
_ALIAS_PREFIX = "gis_app-gdal-"


def _alias_dir() -> Path:
    """This process's private folder for links GDAL can open (removed at exit)."""
    global _alias_root
    with _alias_lock:
        # a forked child makes its own: the parent removes its folder when it exits
        if (
            _alias_root is None
            or not _alias_root.is_dir()
            or not _alias_root.name.startswith(f"{_ALIAS_PREFIX}{os.getpid()}-")
        ):
            _remove_dead_alias_dirs()
            root = Path(tempfile.mkdtemp(prefix=f"{_ALIAS_PREFIX}{os.getpid()}-"))
            if not gdal_safe(root):
                shutil.rmtree(root, ignore_errors=True)
                raise OSError(
                    errno.EINVAL,
                    t("de tijdelijke map heeft een pad dat GDAL niet leest"),
                    str(root),
                )
            import atexit

            atexit.register(shutil.rmtree, root, ignore_errors=True)
            _alias_root = root
        return _alias_root


def _remove_dead_alias_dirs() -> None:
    """Alias folders of killed processes (they hold links and scratch files only)."""
    with contextlib.suppress(OSError):
        for entry in Path(tempfile.gettempdir()).iterdir():
            if not entry.name.startswith(_ALIAS_PREFIX) or not entry.is_dir():
                continue
            pid = entry.name[len(_ALIAS_PREFIX) :].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not process_running(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)


def _link(source: Path, link: Path) -> bool:
    """``link`` -> ``source`` as a symbolic link; False where links are not allowed."""
    try:
        os.symlink(source, link, target_is_directory=source.is_dir())
    except (OSError, NotImplementedError):
        return False
    return True


def _remember_alias(alias: Path, original: Path) -> None:
    with _alias_lock:
        _alias_names[str(alias)] = str(original)


def gdal_message(error: object) -> str:
    """The first line of a GDAL error (or text) with alias paths replaced by the user's paths."""
    text = str(error).strip()
    text = text.splitlines()[0] if text else type(error).__name__
    if _alias_root is not None and str(_alias_root) in text:
        with _alias_lock:
            aliases = sorted(_alias_names.items(), key=lambda item: -len(item[0]))
        for alias, original in aliases:
            text = text.replace(alias, original)
    return text


def _folder_alias(folder: Path) -> Path | None:
    """A GDAL-safe path reaching ``folder`` through a link, or None where links fail."""
    link = Path(tempfile.mkdtemp(dir=_alias_dir())) / "d"
    if _link(folder, link):
        _remember_alias(link, folder)
        return link
    shutil.rmtree(link.parent, ignore_errors=True)
    return None


def gdal_source(path: str | Path) -> str:
    """A path to the existing file ``path`` that pyogrio/GDAL take literally.

    Usually the absolute path itself. Otherwise a link to the file in a private folder
    of this process, named ``data<suffix>``, with links to its side files (same stem:
    ``.shx``, ``.dbf``, ``-wal``...); a copy where links are not allowed. The alias lives
    until the process ends, so a dataset opened through it may stay open.
    """
    source = Path(os.path.abspath(path))
    if gdal_safe(source):
        return str(source)
    alias = Path(tempfile.mkdtemp(dir=_alias_dir()))
    stem = source.name[: len(source.name) - len(source.suffix)] if source.suffix else source.name
    parts = [source]
    with contextlib.suppress(OSError):
        parts += [
            entry
            for entry in source.parent.iterdir()
            if entry.name != source.name and entry.name.startswith(stem + ".")
        ]
    for part in parts:
        link = alias / ("data" + part.name[len(stem) :])
        _remember_alias(link, part)
        if not _link(part, link) and part.exists():
            if part.is_dir():
                shutil.copytree(part, link)
            else:
                shutil.copy2(part, link)
    return str(alias / ("data" + source.name[len(stem) :]))


def _writer_path(temp: Path) -> tuple[Path, Path | None]:
    """Where a writer should write ``temp``: (path, scratch folder to move it from or None)."""
    if gdal_safe(temp):
        return temp, None
    alias = _folder_alias(Path(os.path.abspath(temp.parent)))  # a relative link would loop
    if alias is not None:
        return alias / temp.name, None
    scratch = Path(tempfile.mkdtemp(dir=_alias_dir()))
    _remember_alias(scratch, temp.parent)
    return scratch / temp.name, scratch


#: Set by :func:`deferred_sync`: this context's atomic writes leave flushing to the caller.
_SYNC_DEFERRED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "gis_app_sync_deferred", default=False
)


@contextlib.contextmanager
def deferred_sync() -> Iterator[None]:
    """Inside, atomic writes of this thread skip their fsync calls (renames stay atomic).

    For writers of many small files into a staging folder that is made durable as a
    whole afterwards with :func:`sync_tree` (an export of hundreds of packages spent a
    fifth of its time in two fsyncs per file). A context variable, so other threads
    (the autosave) keep flushing every file; a worker process sets it itself.
    """
    token = _SYNC_DEFERRED.set(True)
    try:
        yield
    finally:
        _SYNC_DEFERRED.reset(token)


def sync_deferred() -> bool:
    """Whether :func:`deferred_sync` is in effect here."""
    return _SYNC_DEFERRED.get()


def _syncfs(folder: Path) -> bool:
    """One ``syncfs(2)`` of the file system holding ``folder`` (Linux); False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        return syncfs(fd) == 0
    finally:
        os.close(fd)


def sync_tree(folder: str | Path) -> None:
    """Make every file and folder below ``folder`` durable, with as few flushes as possible.

    On Linux one ``syncfs`` flushes the whole file system the folder is on (data and
    folder entries); elsewhere every file and folder is flushed once.
    """
    folder = Path(folder)
    if _syncfs(folder):
        return
    for path, _dirs, files in os.walk(folder):
        for name in files:
            fsync_file(Path(path) / name, force=True)
        fsync_dir(path, force=True)


def fsync_file(path: str | Path, *, force: bool = False) -> None:
    """Flush a written file's data to the disk (left to the caller under
    :func:`deferred_sync` unless ``force``)."""
    if _SYNC_DEFERRED.get() and not force:
        return
    flags = os.O_RDONLY
    if _IS_WINDOWS:  # Windows needs a handle opened for writing to flush
        flags = os.O_RDWR | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: str | Path, *, force: bool = False) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened
    (and under :func:`deferred_sync` unless ``force``)."""
    if _IS_WINDOWS or (_SYNC_DEFERRED.get() and not force):
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
    an empty file), and GDAL takes it literally (see :func:`gdal_safe`). If the body
    raises, the temporary file (and SQLite side files) are removed and ``target`` is
    untouched.
    """
    target = Path(target)
    _check_folder(target)
    temp = temp_path_for(target)
    writer, scratch = _writer_path(temp)
    try:
        yield writer
        if scratch is not None and writer.exists():
            shutil.move(str(writer), str(temp))
        _commit(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise
    finally:
        for suffix in _SIDECAR_SUFFIXES:
            with contextlib.suppress(OSError):
                Path(str(temp) + suffix).unlink()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        elif writer != temp:
            with contextlib.suppress(OSError):
                writer.parent.unlink()  # the link to the folder, not the folder
                writer.parent.parent.rmdir()


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
        try:
            if mode == "wb":
                handle = open(temp, "xb")  # noqa: SIM115 - closed below before the commit
            else:
                handle = open(temp, "x", encoding=encoding, newline=newline)  # noqa: SIM115
        except FileNotFoundError as error:
            if temp.parent.is_dir():  # the folder is there (/proc, ...): it makes no files
                raise FolderTakesNoFiles(error.errno, error.strerror, str(temp.parent)) from None
            raise
        try:
            yield handle
            handle.flush()
            if not _SYNC_DEFERRED.get():
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


#: Stem of the files a multi-file writer writes into the temporary folder.
_PART_STEM = "part"


@contextlib.contextmanager
def atomic_files(target: str | Path) -> Iterator[Path]:
    """For multi-file outputs (Shapefile): yield ``<tempdir>/part<suffix>``.

    Everything the body writes into that temporary folder is moved next to ``target``
    afterwards, each file replacing its namesake atomically: ``part.shx`` becomes
    ``<target stem>.shx``, other names are kept. The yielded path is GDAL-safe whatever
    the target's name (see :func:`gdal_safe`). The folder is removed in every case.
    """
    target = Path(target)
    _check_folder(target)
    temp_dir = temp_path_for(target).with_suffix("")
    temp_dir.mkdir()
    writer, scratch = _writer_path(temp_dir / f"{_PART_STEM}{_temp_stem(target.suffix)}")
    stem = target.name[: len(target.name) - len(target.suffix)] if target.suffix else target.name
    try:
        yield writer
        written = []
        for path in sorted(p for p in writer.parent.iterdir() if p.is_file()):
            name = path.name
            if name.startswith(_PART_STEM + "."):
                name = stem + name[len(_PART_STEM) :]
            moved = temp_dir / name
            if scratch is not None:
                shutil.move(str(path), str(moved))
            elif name != path.name:
                os.replace(path, moved)
            written.append(moved)
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
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        elif writer.parent != temp_dir:
            with contextlib.suppress(OSError):
                writer.parent.unlink()  # the link to the folder
                writer.parent.parent.rmdir()


_ERRNO_MESSAGES_NL = {
    errno.ENOSPC: N_("de schijf is vol"),
    getattr(errno, "EDQUOT", -2): N_("de schijfruimte (quota) is op"),
    errno.EACCES: N_("geen schrijf- of leesrechten"),
    errno.EPERM: N_("geen toestemming"),
    errno.EROFS: N_("de schijf is alleen-lezen"),
    errno.ENOENT: N_("het bestand of de map bestaat niet (meer)"),
    errno.ENOTDIR: N_("een deel van het pad is geen map"),
    errno.EISDIR: N_("het pad is een map, geen bestand"),
    errno.EBUSY: N_("het bestand is in gebruik"),
    errno.ENAMETOOLONG: N_("de bestandsnaam is te lang"),
    errno.EIO: N_("lees- of schrijffout van de schijf"),
}


class FolderTakesNoFiles(OSError):
    """The target's folder exists but creating a file in it fails as if it did not (a
    virtual file system such as ``/proc``): "no such file" would name the wrong cause."""


def describe_os_error(error: OSError) -> str:
    """A short description of an OSError in the current language, for a message to the user."""
    if isinstance(error, FolderTakesNoFiles):
        return t("de map neemt geen nieuwe bestanden aan")
    if getattr(error, "winerror", None) in (32, 33):  # sharing / lock violation
        return t("het bestand is geopend in een ander programma")
    text = _ERRNO_MESSAGES_NL.get(error.errno or -1)
    if text is not None:
        text = translate(text)
    if text is None:
        if isinstance(error, PermissionError):
            text = t("geen toestemming (bestand alleen-lezen of in gebruik)")
        elif isinstance(error, FileNotFoundError):
            text = t("het bestand of de map bestaat niet (meer)")
        else:
            text = error.strerror or type(error).__name__
    return text
