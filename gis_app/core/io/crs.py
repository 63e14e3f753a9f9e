"""Coordinate reference systems: what a user types, and whether coordinates are RD New.

The working CRS is RD New (EPSG:28992, :mod:`gis_app.core.schema`); readers convert to it.
"""

from __future__ import annotations

import numpy as np
from pyproj import CRS

from gis_app.core.errors import InputError
from gis_app.core.i18n import t
from gis_app.core.schema import WORKING_EPSG

#: RD New's area of validity in metres (EPSG:28992 bounds, slightly generous).
RD_BOUNDS = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
#: Footprints farther than this outside :data:`RD_BOUNDS` are reported as lying outside the
#: Netherlands (metres). 50 km keeps border towns, the Wadden and the Eems-Dollard inside
#: while a wrong ``.prj`` or swapped axes (hundreds of kilometres off) still stand out.
NETHERLANDS_MARGIN = 50_000.0


def parse_crs(crs: object) -> CRS:
    """A CRS from what a user types: ``28992``, ``"28992"``, ``"EPSG:4326"``, WKT, or a CRS."""
    if isinstance(crs, CRS):
        return crs
    text = str(crs).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    try:
        return CRS.from_user_input(text)
    except Exception as error:  # pyproj raises CRSError; anything else is equally unusable
        raise InputError(
            t("onbekend coördinatenstelsel '{crs}': {error}", crs=crs, error=error)
        ) from None


def is_rd(crs: CRS) -> bool:
    """RD New, also as the horizontal part of a compound CRS (3D BAG's EPSG:7415, RD + NAP):
    the x and y are RD New's, the height is dropped on reading."""
    if crs.is_compound and crs.sub_crs_list:
        crs = crs.sub_crs_list[0]
    if crs.to_epsg() == WORKING_EPSG:
        return True
    try:
        return crs.equals(CRS.from_epsg(WORKING_EPSG), ignore_axis_order=True)
    except Exception:
        return False


def looks_like_rd(bounds) -> bool:
    """True when ``(xmin, ymin, xmax, ymax)`` lies inside RD New's area of validity."""
    xmin, ymin, xmax, ymax = (float(b) for b in bounds)
    if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
        return False
    rx0, ry0, rx1, ry1 = RD_BOUNDS
    return rx0 <= xmin and xmax <= rx1 and ry0 <= ymin and ymax <= ry1


def crs_name(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name
