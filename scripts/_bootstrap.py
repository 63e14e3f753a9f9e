"""Create the project's virtual environment and install the app into it.

Shared by ``scripts/run.py`` and ``scripts/test.py`` so that the README's two
commands work on a fresh Windows or Linux machine with nothing but Python 3.10+.
The install is skipped when ``pyproject.toml`` has not changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv(extras: str = "dev") -> Path:
    """Return the venv's python, creating and (re)installing it when needed."""
    py = venv_python()
    if not py.exists():
        print("gis_app: creating virtual environment in .venv", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    stamp = VENV / ".gis_app_install_stamp"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if not stamp.exists() or stamp.read_text().strip() != wanted:
        print("gis_app: installing dependencies (first run only)", flush=True)
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        target = f".[{extras}]" if extras else "."
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "-e", target], cwd=ROOT)
        stamp.write_text(wanted)
    return py


SYSTEM_PYTHON = "/usr/bin/python3"


def system_python_has(module: str) -> bool:
    """Whether the system Python (the one Debian's python3-* packages belong to) imports
    ``module``."""
    if not Path(SYSTEM_PYTHON).exists():
        return False
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    probe = [SYSTEM_PYTHON, "-c", f"import {module}"]
    return (
        subprocess.call(probe, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0
    )


def ensure_debian_packages(
    packages: dict[str, str], python_modules: dict[str, str] | None = None
) -> None:
    """Install Debian packages when missing and we are root on Linux: ``packages`` maps a
    command to its package, ``python_modules`` a module of the system Python to its package.

    Used for GDAL's command-line tools, which the export tests use as an independent
    reader, and QGIS's Python bindings (python3-qgis), with which the tests check that
    QGIS opens our projects and styles.
    """
    if not sys.platform.startswith("linux") or shutil.which("apt-get") is None:
        return
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return
    missing = [pkg for cmd, pkg in packages.items() if shutil.which(cmd) is None]
    missing += [
        pkg for module, pkg in (python_modules or {}).items() if not system_python_has(module)
    ]
    if not missing:
        return
    print(f"gis_app: apt-get install {' '.join(missing)}", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.call(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    subprocess.call(
        ["apt-get", "install", "-y", "-q", *missing], env=env, stdout=subprocess.DEVNULL
    )
