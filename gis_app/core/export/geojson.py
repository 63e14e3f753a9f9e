"""GeoJSON in WGS84 (RFC 7946): longitude before latitude, no ``crs`` member.

Written by GDAL with ``RFC7946=YES`` (which also writes the ``bbox`` and orients rings
counter-clockwise). Coordinates keep 9 decimals (about 0.1 mm), so a round trip back
to RD New stays within a millimetre; RFC 7946 allows that precision. Dates are ISO
strings, as GeoJSON has no date type.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pyogrio

from gis_app.core.errors import ExportError
from gis_app.core.export.gpkg import gis_ready
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_path, describe_os_error

COORDINATE_PRECISION = 9


def to_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gis_ready(frame).to_crs("EPSG:4326")


def write_geojson(path: Path, frame: gpd.GeoDataFrame, *, wgs84: bool = False) -> Path:
    """Write ``frame`` (RD New, or already :func:`to_wgs84` when ``wgs84``) as GeoJSON."""
    prepared = frame.reset_index(drop=True) if wgs84 else to_wgs84(frame)
    try:
        with atomic_path(path) as temp, warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            kwargs = {}
            if len(prepared) == 0:
                kwargs["geometry_type"] = "MultiPolygon"
            pyogrio.write_dataframe(
                prepared,
                temp,
                driver="GeoJSON",
                layer_options={
                    "RFC7946": "YES",
                    "COORDINATE_PRECISION": str(COORDINATE_PRECISION),
                    "WRITE_NAME": "NO",
                },
                **kwargs,
            )
    except OSError as error:
        raise ExportError(
            t("GeoJSON niet geschreven: {reason}", reason=describe_os_error(error)), path=path
        ) from error
    except Exception as error:
        raise ExportError(t("GeoJSON niet geschreven: {error}", error=error), path=path) from error
    return path
