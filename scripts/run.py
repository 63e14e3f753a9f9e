"""Install (first time) and start gis_app on the bundled sample area.

Usage: python3 scripts/run.py [gis-app arguments]
"""

import subprocess
import sys

from _bootstrap import ROOT, ensure_venv

if __name__ == "__main__":
    py = ensure_venv()
    sys.exit(subprocess.call([str(py), "-m", "gis_app", *sys.argv[1:]], cwd=ROOT))
