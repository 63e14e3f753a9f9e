"""Reading zip files without trusting them.

Planners receive zipped Shapefiles by mail and from portals. A zip can be made to write
outside the folder it is extracted into (``../../.bashrc``, ``/etc/passwd``,
``C:\\Windows\\...``), to expand into terabytes (a zip bomb), or to carry symbolic links.
Every part of gis_app that opens a zip goes through this module.

Rules (checked on the central directory before anything is read, and again while bytes
are inflated, because the declared sizes can lie):

* entry names must be relative, without ``..`` parts, drive letters, NUL bytes or a
  leading slash/backslash; backslashes count as separators (Windows-made zips);
* symbolic links and encrypted entries are refused;
* at most ``max_members`` entries and ``max_total_bytes`` uncompressed in total;
* the uncompressed/compressed ratio of an entry (and of the whole archive) may not exceed
  ``max_ratio`` once the entry is larger than :data:`RATIO_CHECK_MIN_BYTES` (a small
  file of spaces may legitimately compress 1000:1, a gigabyte of it is a bomb);
* nested zips are not opened.

Every problem raises :class:`~gis_app.core.errors.InputError` carrying the zip's path.
Nothing is extracted to disk: GDAL reads a zipped Shapefile in place through ``/vsizip/``
(after :func:`check_zip`), and XLSX sheets and ``.cpg`` files are read in memory
(:func:`open_checked` with :func:`iter_member`, :func:`read_member`).
"""

from __future__ import annotations

import contextlib
import io
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from gis_app.core.errors import InputError
from gis_app.core.i18n import t

MAX_TOTAL_BYTES = 4 * 1024**3  # 4 GiB: far above any realistic footprint set
MAX_MEMBERS = 10_000
MAX_RATIO = 200.0
RATIO_CHECK_MIN_BYTES = 16 * 1024**2
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_members: int = MAX_MEMBERS
    max_ratio: float = MAX_RATIO


def _clean_name(zip_path: Path, raw: str) -> PurePosixPath:
    """The safe relative path of an entry, or InputError."""
    if "\x00" in raw:
        raise InputError(t("het zip-bestand bevat een ongeldige bestandsnaam"), path=zip_path)
    name = raw.replace("\\", "/")
    if name.startswith("/") or (len(name) >= 2 and name[1] == ":"):
        raise InputError(
            t("het zip-bestand bevat een absoluut pad ({raw!r}); niet uitgepakt", raw=raw),
            path=zip_path,
        )
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts:
        raise InputError(
            t("het zip-bestand bevat een ongeldige naam ({raw!r})", raw=raw), path=zip_path
        )
    if any(p == ".." for p in parts):
        raise InputError(
            t("het zip-bestand bevat een pad buiten de map ({raw!r}); niet uitgepakt", raw=raw),
            path=zip_path,
        )
    if any(":" in p for p in parts):
        raise InputError(
            t("het zip-bestand bevat een ongeldige naam ({raw!r})", raw=raw), path=zip_path
        )
    return PurePosixPath(*parts)


def _open(zip_path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(zip_path)
    except FileNotFoundError as error:
        raise InputError(t("het bestand bestaat niet (meer)"), path=zip_path) from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise InputError(t("het zip-bestand is beschadigd of geen zip"), path=zip_path) from error


def check_members(
    zip_path: str | Path, archive: zipfile.ZipFile, limits: ZipLimits = ZipLimits()
) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Validate every entry of an open archive; returns (info, safe name) pairs."""
    zip_path = Path(zip_path)
    try:
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(t("het zip-bestand is beschadigd"), path=zip_path) from error
    if len(infos) > limits.max_members:
        raise InputError(
            t(
                "het zip-bestand bevat te veel bestanden ({n_infos} > {max_members})",
                n_infos=len(infos),
                max_members=limits.max_members,
            ),
            path=zip_path,
        )
    total = 0
    total_compressed = 0
    checked = []
    for info in infos:
        name = _clean_name(zip_path, info.filename)
        mode = info.external_attr >> 16
        if mode and stat.S_ISLNK(mode):
            raise InputError(
                t(
                    "het zip-bestand bevat een snelkoppeling ({filename!r}); niet uitgepakt",
                    filename=info.filename,
                ),
                path=zip_path,
            )
        if info.flag_bits & 0x1:
            raise InputError(t("het zip-bestand is versleuteld"), path=zip_path)
        total += info.file_size
        total_compressed += info.compress_size
        _check_ratio(zip_path, info.file_size, info.compress_size, limits)
        checked.append((info, name))
    if total > limits.max_total_bytes:
        raise InputError(
            t(
                "het zip-bestand pakt uit tot {value:.1f} GB; dat is meer dan de grens "
                "van {value2:.1f} GB (mogelijk een zip-bom)",
                value=total / 1024**3,
                value2=limits.max_total_bytes / 1024**3,
            ),
            path=zip_path,
        )
    _check_ratio(zip_path, total, total_compressed, limits)
    return checked


def _check_ratio(zip_path: Path, size: int, compressed: int, limits: ZipLimits) -> None:
    if size < RATIO_CHECK_MIN_BYTES:
        return
    if size > limits.max_ratio * max(compressed, 1):
        raise InputError(
            t(
                "het zip-bestand is verdacht sterk gecomprimeerd (mogelijk een "
                "zip-bom); niet uitgepakt"
            ),
            path=zip_path,
        )


def list_members(zip_path: str | Path, limits: ZipLimits = ZipLimits()) -> list[str]:
    """The (validated, ``/``-separated) names of the files in a zip."""
    zip_path = Path(zip_path)
    with _open(zip_path) as archive:
        return [
            str(name)
            for info, name in check_members(zip_path, archive, limits)
            if not info.is_dir()
        ]


def check_zip(zip_path: str | Path, limits: ZipLimits = ZipLimits()) -> None:
    """Raise :class:`InputError` if the zip is unsafe (before handing it to GDAL's /vsizip/)."""
    list_members(zip_path, limits)


def _copy_limited(source, sink, zip_path: Path, allowed: int, budget: list[int]) -> None:
    """Copy at most ``allowed`` bytes (the declared size) within the archive ``budget``."""
    written = 0
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            break
        written += len(chunk)
        budget[0] -= len(chunk)
        if written > allowed or budget[0] < 0:
            raise InputError(
                t("het zip-bestand pakt groter uit dan het aangeeft (mogelijk een zip-bom)"),
                path=zip_path,
            )
        sink.write(chunk)


@contextlib.contextmanager
def open_checked(zip_path: str | Path, limits: ZipLimits = ZipLimits()):
    """The open archive and its validated ``(info, safe name)`` pairs, for reading entries
    with :func:`iter_member` (an XLSX is checked this way before python-calamine opens it)."""
    zip_path = Path(zip_path)
    with _open(zip_path) as archive:
        yield archive, check_members(zip_path, archive, limits)


def iter_member(zip_path: str | Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int):
    """The bytes of one checked entry in chunks of at most ``size``; InputError when it
    inflates to more than it declares (the declared sizes were checked) or is damaged."""
    zip_path = Path(zip_path)
    written = 0
    try:
        with archive.open(info) as source:
            while chunk := source.read(size):
                written += len(chunk)
                if written > info.file_size:
                    raise InputError(
                        t(
                            "het zip-bestand pakt groter uit dan het aangeeft (mogelijk een "
                            "zip-bom)"
                        ),
                        path=zip_path,
                    )
                yield chunk
    except (
        zipfile.BadZipFile,
        zlib.error,  # a damaged deflate stream
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as error:
        raise InputError(t("het zip-bestand is beschadigd"), path=zip_path) from error


def read_member(zip_path: str | Path, name: str, limits: ZipLimits = ZipLimits()) -> bytes:
    """The bytes of one entry (by validated name), within the limits."""
    sink = io.BytesIO()
    _copy_member(Path(zip_path), name, sink, limits)
    return sink.getvalue()


def extract_member(
    zip_path: str | Path, name: str, target: str | Path, limits: ZipLimits = ZipLimits()
) -> Path:
    """Write one entry (by validated name) to ``target``, streamed within the limits: an
    inner zip of a national delivery is gigabytes, so it never sits in memory whole."""
    target = Path(target)
    with open(target, "xb") as sink:  # a new file: never over something that exists
        try:
            _copy_member(Path(zip_path), name, sink, limits)
        except BaseException:
            sink.close()
            target.unlink(missing_ok=True)  # made here, so it is ours to remove
            raise
    return target


class _Sink:
    """Remembers a failed write, so a full disk is not reported as a damaged archive."""

    def __init__(self, target):
        self.target = target
        self.error: OSError | None = None

    def write(self, chunk: bytes) -> None:
        try:
            self.target.write(chunk)
        except OSError as error:
            self.error = error
            raise


def _copy_member(zip_path: Path, name: str, target, limits: ZipLimits) -> None:
    sink = _Sink(target)
    with _open(zip_path) as archive:
        for info, clean in check_members(zip_path, archive, limits):
            if str(clean) == name and not info.is_dir():
                try:
                    with archive.open(info) as source:
                        _copy_limited(
                            source, sink, zip_path, info.file_size, [limits.max_total_bytes]
                        )
                except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
                    raise InputError(t("het zip-bestand is beschadigd"), path=zip_path) from error
                except OSError as error:
                    if sink.error is not None:
                        raise sink.error from None  # the disk written to, not the archive
                    raise InputError(t("het zip-bestand is beschadigd"), path=zip_path) from error
                return
    raise InputError(t("'{name}' staat niet in het zip-bestand", name=name), path=zip_path)
