"""One GeoPackage with the layers ``buildings``, ``clusters`` and ``packages``, in RD New.

The GeoPackage (version 1.2, which older QGIS and QField builds read without
complaint) is the lossless export: full column names, full texts, every chosen
attribute, dates as date-time fields (GDAL writes pandas dates as ``DateTime``; the
time is always midnight). It is written to a temporary file and moved into place
(:func:`gis_app.core.io.atomic.atomic_path`), so a reader never sees half a file.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from gis_app.core.errors import ExportError
from gis_app.core.io.atomic import atomic_path, describe_os_error
from gis_app.core.schema import WORKING_CRS, WORKING_EPSG

LAYER_ORDER = ("buildings", "clusters", "packages")


def gis_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns as text and the frame in RD New, ready for a GDAL writer."""
    from gis_app.core.export.shapefile import as_text

    out = frame.copy()
    for column in out.columns:
        if isinstance(out, gpd.GeoDataFrame) and column == out.geometry.name:
            continue
        if out[column].dtype == object:
            out[column] = as_text(out[column])
    if isinstance(out, gpd.GeoDataFrame):
        if out.crs is None:
            out = out.set_crs(WORKING_CRS)
        elif out.crs.to_epsg() != WORKING_EPSG:
            out = out.to_crs(WORKING_CRS)
    return out.reset_index(drop=True)


def write_layers(path: Path, layers: dict[str, pd.DataFrame], *, fast: bool = True) -> None:
    """Write ``layers`` (name -> frame) into a new GeoPackage at ``path`` (not atomic)."""
    old = pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS")
    if fast:
        # the file is fsync'ed once before it is moved into place
        pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "OFF"})
    try:
        for index, (name, frame) in enumerate(layers.items()):
            kwargs = {"layer": name, "driver": "GPKG"}
            if index == 0:
                # GeoPackage 1.2: opens without warnings in older QGIS/QField builds too
                kwargs["dataset_options"] = {"VERSION": "1.2"}
            if isinstance(frame, gpd.GeoDataFrame):
                if len(frame) == 0:
                    kwargs["geometry_type"] = "MultiPolygon"
                else:
                    kwargs["promote_to_multi"] = True
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                pyogrio.write_dataframe(frame, path, **kwargs)
    finally:
        pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": old})


def write_geopackage(
    path: Path, layers: dict[str, pd.DataFrame], *, finish: Callable[[Path], None] | None = None
) -> Path:
    """Write the layers (each made :func:`gis_ready`) into ``path`` atomically; ``finish``
    adds to the complete temporary file before it is moved into place (layer styles)."""
    prepared = {name: gis_ready(frame) for name, frame in layers.items()}
    try:
        with atomic_path(path) as temp:
            write_layers(temp, prepared)
            if finish is not None:
                finish(temp)
    except OSError as error:
        raise ExportError(
            f"GeoPackage niet geschreven: {describe_os_error(error)}", path=path
        ) from error
    except ExportError:
        raise
    except Exception as error:
        raise ExportError(f"GeoPackage niet geschreven: {error}", path=path) from error
    return path
