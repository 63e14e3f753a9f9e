"""Install (first time) and run the whole test suite headless.

Usage: python3 scripts/test.py [pytest arguments]
"""

import os
import subprocess
import sys

from _bootstrap import ROOT, ensure_debian_packages, ensure_venv

if __name__ == "__main__":
    py = ensure_venv()
    ensure_debian_packages({"ogrinfo": "gdal-bin"})
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    sys.exit(subprocess.call([str(py), "-m", "pytest", *sys.argv[1:]], cwd=ROOT, env=env))
