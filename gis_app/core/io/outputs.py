"""Outputs never replace the project or its inputs.

Every writer of the command line and the window (``plan --json``, ``open --screenshot``,
``export --out``, saving a project) asks :func:`check_outputs` before writing: a target
that *is* the open project file or one of the files it was made from is refused with a
:class:`~gis_app.core.errors.ProjectError`, so a slip of the keyboard (``--json
project.gpkg``) cannot turn 300 planned buildings into a JSON file.

Decisions:

* "Is" means the same file, not the same spelling: resolved paths are compared (so
  ``./a/../p.gpkg`` and a symbolic link are caught) and, where both exist, file identity
  (:func:`os.path.samefile`, so a hard link or a case-insensitive file system is caught).
* A target that does not exist yet cannot be any existing file; only its resolved path
  is compared.
* A Shapefile input protects its side files too (``.shx``, ``.dbf``, ``.prj``, ``.cpg``):
  overwriting one of them ruins the input just as well.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from gis_app.core.errors import ProjectError
from gis_app.core.i18n import t

_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop or an unreadable folder
        return Path(os.path.abspath(path))


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when ``a`` and ``b`` name one file (resolved path or file identity)."""
    a, b = Path(a), Path(b)
    if _resolved(a) == _resolved(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist (yet) or is unreadable
        return False


def protected_files(project=None, paths: Iterable[str | Path | None] = ()) -> list[Path]:
    """The files no output may replace: ``paths``, the project's file and its sources."""
    found: list[Path] = [Path(p) for p in paths if p is not None]
    if project is not None:
        if getattr(project, "path", None) is not None:
            found.append(Path(project.path))
        for record in getattr(project, "sources", None) or []:
            found.append(Path(record.path))
    out: list[Path] = []
    for path in found:
        out.append(path)
        if path.suffix.lower() == ".shp":
            out += [path.with_suffix(s) for s in _SHAPEFILE_PARTS if s != ".shp"]
    return out


def _refuse(target: Path, guarded: Path, what: str) -> ProjectError:
    return ProjectError(
        t(
            "{what} zou het project of een invoerbestand ervan overschrijven "
            "({name}); kies een ander bestand of een andere map",
            what=what,
            name=guarded.name,
        ),
        path=target,
    )


def check_outputs(
    targets: Iterable[str | Path], protected: Iterable[str | Path], *, what: str | None = None
) -> None:
    """Raise :class:`ProjectError` when a target is one of the ``protected`` files.

    ``what`` names the output in the message: a command-line option (``--json``) or an
    action (``de export``); by default "dit bestand" in the current language.
    """
    what = t("dit bestand") if what is None else what
    protected = [Path(p) for p in protected]
    for target in targets:
        target = Path(target)
        for guarded in protected:
            if same_file(target, guarded):
                raise _refuse(target, guarded, what)


def check_folder_outputs(
    root: str | Path,
    files: Iterable[str],
    folders: Iterable[str],
    protected: Iterable[str | Path],
    *,
    what: str | None = None,
) -> None:
    """Like :func:`check_outputs` for a writer that fills a folder.

    ``files`` are the names the writer puts directly in ``root``; in ``folders`` (its
    subfolders) it may replace any file, so every file already there is checked.
    Files elsewhere in ``root`` (the project itself, say) are not touched and allowed.
    """
    what = t("de export") if what is None else what
    root = Path(root)
    protected = [Path(p) for p in protected]
    check_outputs([root / name for name in files], protected, what=what)
    identities: dict[tuple[int, int], Path] = {}
    for guarded in protected:
        try:
            info = os.stat(guarded)
        except OSError:
            continue
        identities[(info.st_dev, info.st_ino)] = guarded
    if not identities:
        return
    for folder in folders:
        for base, _dirs, names in os.walk(root / folder, followlinks=False):
            for name in names:
                candidate = Path(base) / name
                try:
                    info = os.stat(candidate)  # follows a symbolic link to its target
                except OSError:
                    continue
                guarded = identities.get((info.st_dev, info.st_ino))
                if guarded is not None:
                    raise _refuse(candidate, guarded, what)


def check_export_folder(project, out_dir: str | Path) -> None:
    """Refuse an export into ``out_dir`` that would replace the project or one of its inputs."""
    from gis_app.core.export.exporter import FOLDERS, GPKG_NAME  # late: exporter imports us

    check_folder_outputs(out_dir, [GPKG_NAME], set(FOLDERS.values()), protected_files(project))
