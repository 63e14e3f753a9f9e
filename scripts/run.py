"""Install (first time) and start gis_app on the bundled sample area.

Usage: python3 scripts/run.py [gis-app arguments]

Before the start it compiles the English catalogue (``scripts/i18n.py compile``), so
``--lang en`` and the English choice in Voorkeuren work from a fresh clone.
"""

import subprocess
import sys

from _bootstrap import ROOT, ensure_venv

if __name__ == "__main__":
    py = ensure_venv()
    # the English catalogue (resources/i18n/gis_app_en.qm) is generated, not committed
    subprocess.call([str(py), str(ROOT / "scripts" / "i18n.py"), "compile"], cwd=ROOT)
    sys.exit(subprocess.call([str(py), "-m", "gis_app", *sys.argv[1:]], cwd=ROOT))
