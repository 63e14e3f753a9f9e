"""PyInstaller runtime hook: point GDAL and PROJ at the data inside the bundle.

Runs before any of the program's imports, in the main process and in the spawned
worker alike. pyogrio and pyproj already prefer the copies inside their own package
folders (bundled by the spec) over the environment; setting ``GDAL_DATA`` and
``PROJ_DATA`` as well makes the environment say the same, so that a user's own
values (an older system PROJ's ``proj.db`` breaks every transformation) never reach
the bundled GDAL, whichever library or subprocess reads them.
"""

import os
import sys

_bundle = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
_gdal_data = os.path.join(_bundle, "pyogrio", "gdal_data")
_proj_data = os.path.join(_bundle, "pyogrio", "proj_data")
if os.path.isdir(_gdal_data):
    os.environ["GDAL_DATA"] = _gdal_data
if os.path.isdir(_proj_data):
    os.environ["PROJ_DATA"] = _proj_data
    os.environ["PROJ_LIB"] = _proj_data  # PROJ before 9.1 reads this name
# the program needs no network; GDAL must not try to fetch grids on its own either
os.environ["PROJ_NETWORK"] = "OFF"
# Python coerces a missing or "C" locale to UTF-8 itself (PEP 538) but the bundle's start
# does not tell Qt, which then prints a four-line warning on stderr before every command.
if sys.platform.startswith("linux") and not any(
    os.environ.get(name) not in (None, "", "C", "POSIX") for name in ("LC_ALL", "LC_CTYPE", "LANG")
):
    os.environ["LC_CTYPE"] = "C.UTF-8"
