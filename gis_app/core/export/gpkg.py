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
import numpy as np
import pandas as pd
import pyogrio

from gis_app.core.errors import ExportError
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_path, describe_os_error
from gis_app.core.schema import WORKING_CRS, WORKING_EPSG

LAYER_ORDER = ("buildings", "clusters", "packages")
#: The GeoPackage version every file of the app declares: GDAL 3.6-era readers, still
#: common on municipal workstations, warn on 1.3/1.4 files, and nothing we write needs
#: a newer feature.
GPKG_VERSION = "1.2"


def gpkg_layer_options(frame: pd.DataFrame, *, first: bool) -> dict:
    """pyogrio options that declare a polygon layer as MultiPolygon (also when it is
    empty or mixes Polygon and MultiPolygon) and, for the first layer of a new file,
    the GeoPackage version."""
    options: dict = {}
    if first:
        options["dataset_options"] = {"VERSION": GPKG_VERSION}
    if isinstance(frame, gpd.GeoDataFrame) and _polygonal(frame):
        options["geometry_type"] = "MultiPolygon"
        options["promote_to_multi"] = True
    return options


def _polygonal(frame: gpd.GeoDataFrame) -> bool:
    """True when every geometry is a (Multi)Polygon or missing; an empty layer of ours is
    a polygon layer (buildings, clusters, packages). Background lines and points are not."""
    import shapely

    types = shapely.get_type_id(frame.geometry.to_numpy())
    present = types[types >= 0]
    return bool(((present == 3) | (present == 6)).all())


def single_parts_as_polygons(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A MultiPolygon of one part read back as the Polygon it was written from."""
    geometry = frame.geometry.to_numpy()
    polygons = single_part_polygons(geometry)
    if polygons is geometry:
        return frame
    # a shallow copy: pandas copies a column only when one of the two frames writes to it
    # (a deep copy of 300,000 rows keeps the GIL for up to 130 ms)
    out = frame.copy(deep=False)
    out[frame.geometry.name] = polygons
    return out


def single_part_polygons(geometry: np.ndarray) -> np.ndarray:
    """``geometry`` with each MultiPolygon of one part replaced by that Polygon (the
    array itself when there is none). A reader calls it per batch: making, and later
    freeing, a shapely object per footprint keeps the GIL, so whole layers of 300,000
    at once would keep a window from drawing for 0.1 to 0.2 s."""
    import shapely

    if not len(geometry):
        return geometry
    single = (shapely.get_type_id(geometry) == 6) & (shapely.get_num_geometries(geometry) == 1)
    if not single.any():
        return geometry
    out = np.array(geometry, dtype=object, copy=True)
    out[single] = shapely.get_geometry(geometry[single], 0)
    return out


def gis_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns as text and the frame in RD New, ready for a GDAL writer."""
    from gis_app.core.export.shapefile import as_text

    out = frame.copy()
    geometry = _geometry_name(out)  # once: each lookup builds a GeoSeries
    for column, dtype in out.dtypes.items():  # dtypes at once: a column lookup costs more
        if column != geometry and pd.api.types.is_object_dtype(dtype):
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
            kwargs.update(gpkg_layer_options(frame, first=index == 0))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                write_frame(frame, path, **kwargs)
    finally:
        pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": old})


def is_date_column(values: pd.Series) -> bool:
    """A date-time column whose every value is midnight: a date (a Date field)."""
    if not pd.api.types.is_datetime64_any_dtype(values.dtype) or getattr(values.dt, "tz", None):
        return False
    stamps = values.dropna()
    return bool((stamps == stamps.dt.normalize()).all())


def write_frame(frame: pd.DataFrame, path: Path, **kwargs) -> None:
    """``pyogrio.write_dataframe``, but dates are written as GDAL Date fields (a pandas
    column can only hold date-times, which GDAL writes as DateTime)."""
    geometry_name = _geometry_name(frame)
    dates = [
        c
        for c, dtype in frame.dtypes.items()
        if c != geometry_name
        and pd.api.types.is_datetime64_any_dtype(dtype)  # cheap test before the column
        and is_date_column(frame[c])
    ]
    if not dates or not isinstance(frame, gpd.GeoDataFrame):
        pyogrio.write_dataframe(frame, path, **kwargs)
        return
    import shapely
    from pyogrio.raw import write

    fields = [c for c in frame.columns if c != geometry_name]
    data, masks = [], []
    for name in fields:
        values = frame[name]
        if name in dates:
            data.append(values.to_numpy(dtype="datetime64[ms]").astype("datetime64[D]"))
            masks.append(None)
            continue
        array = values.array
        if hasattr(array, "_data") and hasattr(array, "_mask"):  # nullable int/float/bool
            data.append(array._data)
            masks.append(array._mask)
        elif isinstance(array, pd.api.extensions.ExtensionArray):
            data.append(np.asarray(array))
            masks.append(np.asarray(array.isna()))
        else:
            data.append(values.to_numpy())
            masks.append(None)
    epsg = frame.crs.to_epsg() if frame.crs is not None else None
    crs = f"EPSG:{epsg}" if epsg else (frame.crs.to_wkt("WKT1_GDAL") if frame.crs else None)
    geometry_type = kwargs.pop("geometry_type", None)
    if geometry_type is None:
        kinds = set(frame.geometry.dropna().geom_type)
        geometry_type = kinds.pop() if len(kinds) == 1 else "Unknown"
    write(
        path,
        geometry=shapely.to_wkb(frame.geometry.to_numpy()),
        field_data=data,
        field_mask=masks,
        fields=fields,
        crs=crs,
        geometry_type=geometry_type,
        **kwargs,
    )


def _geometry_name(frame: pd.DataFrame) -> str | None:
    return frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None


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
            t("GeoPackage niet geschreven: {reason}", reason=describe_os_error(error)), path=path
        ) from error
    except ExportError:
        raise
    except Exception as error:
        raise ExportError(
            t("GeoPackage niet geschreven: {error}", error=error), path=path
        ) from error
    return path
