"""Build the sample project from the bundled sample area.

``sample_data/sample_area.gpkg`` holds buildings only. This script makes the project a
planner has after a first morning (suggested clusters accepted, a plan with 40 starts per
week, work packages, one saved scenario) with the app's core functions, see
:mod:`gis_app.core.sample_project`. The window does the same on first use of
"Voorbeeldgebied openen"; this script writes it where you like::

    python3 scripts/make_sample.py [--out voorbeeld.gpkg]

Without ``--out`` it (re)builds the copy in the user's data folder that the window opens.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from gis_app.core.sample_project import make_sample_project, sample_project_path
    from gis_app.paths import SAMPLE_PROJECT

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SAMPLE_PROJECT)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    written = make_sample_project(args.source, args.out or sample_project_path())
    print(f"Voorbeeldproject -> {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
