"""Where bundled files live."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent
SAMPLE_DATA_DIR = ROOT_DIR / "sample_data"
SAMPLE_PROJECT = SAMPLE_DATA_DIR / "sample_area.gpkg"
RESOURCES_DIR = ROOT_DIR / "resources"
