"""Build the standalone program: one folder that runs without Python installed.

Usage: python3 scripts/build.py [--dist DIR] [--work DIR] [--no-clean]

The result is ``dist/gis-app/`` with the program ``gis-app`` (``gis-app.exe`` on
Windows); copy or zip that whole folder. Made with PyInstaller from
``scripts/pyinstaller/gis_app.spec``. When this Python cannot import PyInstaller and the
app's packages, the project's ``.venv`` is created or updated first (as by
``scripts/run.py``) and the build runs there.

Before PyInstaller runs, the Qt Linguist translations ``resources/i18n/*.ts`` are
compiled to ``.qm`` (``pyside6-lrelease``) into the staging folder, so the bundle has
them even when the source tree holds only the ``.ts`` files.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "scripts" / "pyinstaller" / "gis_app.spec"
NAME = "gis-app"


def _can_build_here() -> bool:
    return all(importlib.util.find_spec(name) for name in ("PyInstaller", "PySide6", "pyogrio"))


def _lrelease() -> list[str] | None:
    """The command that compiles .ts files, from the PySide6 in this Python."""
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (scripts / name).exists():
            return [str(scripts / name)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    spec = importlib.util.find_spec("PySide6")
    if spec and spec.origin:
        # the wheel's own binary, for when the console scripts are not installed
        for name in ("lrelease", "lrelease.exe"):
            for candidate in (
                Path(spec.origin).parent / name,
                Path(spec.origin).parent / "Qt" / "libexec" / name,
            ):
                if candidate.exists():
                    return [str(candidate)]
    return None


def compile_translations(stage: Path) -> list[Path]:
    """Compile resources/i18n/*.ts to stage/resources/i18n/*.qm; returns the .qm files."""
    sources = sorted((ROOT / "resources" / "i18n").glob("*.ts"))
    if not sources:
        return []
    command = _lrelease()
    if command is None:
        raise SystemExit("build: pyside6-lrelease not found (part of PySide6)")
    target = stage / "resources" / "i18n"
    target.mkdir(parents=True, exist_ok=True)
    compiled = []
    for source in sources:
        qm = target / (source.stem + ".qm")
        subprocess.run(
            [*command, str(source), "-qm", str(qm)], check=True, stdout=subprocess.DEVNULL
        )
        compiled.append(qm)
    return compiled


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path, clean: bool = True) -> Path:
    """Run PyInstaller; returns the built program's path."""
    stage = work / "stage"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    compile_translations(stage)
    env = dict(os.environ, GIS_APP_BUILD_STAGE=str(stage))
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
    ]
    if clean:
        command.append("--clean")
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    program = dist / NAME / (NAME + (".exe" if os.name == "nt" else ""))
    if not program.exists():
        raise SystemExit(f"build: {program} was not made")
    return program


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder",
    )
    parser.add_argument(
        "--no-clean", action="store_true", help="reuse PyInstaller's cache from an earlier build"
    )
    args = parser.parse_args(argv)

    if not _can_build_here():
        sys.path.insert(0, str(ROOT / "scripts"))
        from _bootstrap import ensure_venv

        py = ensure_venv()
        return subprocess.call(
            [str(py), str(Path(__file__).resolve()), *(argv if argv is not None else sys.argv[1:])]
        )

    started = time.monotonic()
    program = build(args.dist.resolve(), args.work.resolve(), clean=not args.no_clean)
    seconds = time.monotonic() - started
    size_mb = folder_size(program.parent) / 1e6
    print(f"build: {program} ({size_mb:.0f} MB) in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
