"""Install (first time), check the code style and run the whole test suite headless.

Usage: python3 scripts/test.py [pytest arguments]
       python3 scripts/test.py -m postgres   # only the team-mode tests (PostgreSQL/PostGIS)

``ruff check`` and ``ruff format --check`` run first on the whole tree, so CI enforces
the style habits; a finding stops the run before the tests (fix with ``ruff check --fix``
and ``ruff format``). Given pytest arguments, only the tests run: a developer re-running
one test file is not stopped by a formatting slip elsewhere.
"""

import os
import subprocess
import sys

from _bootstrap import ROOT, ensure_debian_packages, ensure_venv


def has_postgis() -> bool:
    """Whether PostgreSQL 15 has the PostGIS extension (package postgresql-15-postgis-3)."""
    return os.path.exists("/usr/share/postgresql/15/extension/postgis.control")


if __name__ == "__main__":
    py = ensure_venv()
    # ogrinfo reads every export back; QGIS's own API checks our projects and styles
    ensure_debian_packages(
        {"ogrinfo": "gdal-bin", "pdftotext": "poppler-utils"}, {"qgis.core": "python3-qgis"}
    )
    # team mode: tests/pg_server.py runs a throwaway PostgreSQL 15 + PostGIS server
    ensure_debian_packages(
        {
            "/usr/lib/postgresql/15/bin/pg_ctl": "postgresql",
            **({} if has_postgis() else {"postgis-extension": "postgresql-15-postgis-3"}),
        }
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if len(sys.argv) == 1:
        targets = ["gis_app", "tests", "benchmarks", "scripts"]
        for check in (["check", *targets], ["format", "--check", *targets]):
            print(f"gis_app: ruff {' '.join(check)}", flush=True)
            if subprocess.call([str(py), "-m", "ruff", *check], cwd=ROOT) != 0:
                sys.exit(1)
    sys.exit(subprocess.call([str(py), "-m", "pytest", *sys.argv[1:]], cwd=ROOT, env=env))
