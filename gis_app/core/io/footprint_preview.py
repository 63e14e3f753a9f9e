"""The footprints of a large project, read ahead of the project itself for its first map.

Reading a project of 300,000 buildings takes about a second (its text columns, a shapely
object per footprint, the frame); its footprints' vertices alone take a fifth of that:
GDAL's Arrow stream of the geometry column only, parsed by :mod:`wkb_flat`. ``gis-app
open`` reads this preview first, the window draws it at once (every footprint in one
colour) and reads the project on its task runner while the planner can already pan and
zoom; the project's map then takes the preview's arrays over instead of asking its shapely
objects for their vertices again (:meth:`FootprintPreview.matches`).

Only where it pays and cannot mislead: a gis_app project (or canonical GeoPackage) of a
schema this version reads, with at least :data:`MIN_ROWS` footprints in RD New (a preview
in another system would be drawn in the wrong place until the project's reprojection),
stored as (Multi)Polygon WKB. Everything else gives ``None`` and is opened as before: read
first, then shown, and an unreadable file still stops ``gis-app open`` with its one line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gis_app.core.io import arrow_io
from gis_app.core.io.wkb_flat import FlatPolygons, flat_polygons

_log = logging.getLogger(__name__)

#: Fewer footprints than this are read with their project at once (nothing to win).
MIN_ROWS = 20_000
#: Rows compared by :meth:`FootprintPreview.matches` (spread over the whole layer).
CHECKED_ROWS = 257


@dataclass
class FootprintPreview:
    """The vertices of a project file's buildings, in file order."""

    path: Path
    polygons: FlatPolygons

    @property
    def n(self) -> int:
        return self.polygons.n

    def matches(self, geometries) -> bool:
        """Whether ``geometries`` (the project's footprints, as read) are the previewed ones:
        as many, and the same bounds at :data:`CHECKED_ROWS` rows spread over the layer
        (a project that was reprojected or reordered on the way differs there)."""
        import shapely

        geometries = np.asarray(geometries, dtype=object)
        if len(geometries) != self.n:
            return False
        if self.n == 0:
            return True
        rows = np.unique(np.linspace(0, self.n - 1, CHECKED_ROWS).astype(np.int64))
        bounds = shapely.bounds(geometries[rows])
        return bool(np.allclose(bounds, self.polygons.bounds[rows], equal_nan=True))


def read_preview(path: str | Path) -> FootprintPreview | None:
    """The buildings' vertices of the project file ``path``, or ``None`` where a preview
    does not apply or the file cannot be read this way (the full read then reports)."""
    from gis_app.core.io.projectfile import BUILDINGS_LAYER, SCHEMA_VERSION, read_project_info

    path = Path(path)
    try:
        info = read_project_info(path)
        if info.schema_version > SCHEMA_VERSION or not info.is_project:
            return None
        if info.layers.get(BUILDINGS_LAYER) is None or not arrow_io.available():
            return None
        polygons = _read_polygons(path, BUILDINGS_LAYER)
    except Exception as error:  # noqa: BLE001 - the full read words what is wrong
        _log.info("no footprint preview of %s: %s", path, error)
        return None
    if polygons is None or polygons.n < MIN_ROWS:
        return None
    return FootprintPreview(path, polygons)


def _read_polygons(path: Path, layer: str) -> FlatPolygons | None:
    import nanoarrow
    import pyogrio.raw

    from gis_app.core.io.atomic import gdal_source
    from gis_app.core.schema import WORKING_EPSG

    parts: list[FlatPolygons] = []
    opened = pyogrio.raw.open_arrow(
        gdal_source(path),
        layer=layer,
        columns=[],
        batch_size=arrow_io.BATCH_ROWS,
        use_pyarrow=False,
    )
    with opened as (meta, reader):
        if str(meta.get("crs") or "").upper() != f"EPSG:{WORKING_EPSG}":
            return None
        stream = nanoarrow.c_array_stream(reader)
        fields = [(child.name, child.format) for child in stream.get_schema().children]
        if len(fields) != 1 or fields[0][1] not in arrow_io.BINARY_FORMATS:
            return None
        offset_dtype = arrow_io.BINARY_FORMATS[fields[0][1]]
        for batch in arrow_io.stream_batches(stream):
            view = batch.view().child(0)
            if view.length == 0:
                continue
            offsets = arrow_io.value_offsets(view, offset_dtype)
            data = np.frombuffer(view.buffer(2), dtype=np.uint8)
            valid = arrow_io.valid_mask(view)
            polygons = flat_polygons(offsets, data, valid)  # copies out of GDAL's buffers
            if polygons is None:
                return None
            parts.append(polygons)
    return concatenate(parts)


def concatenate(parts: list[FlatPolygons]) -> FlatPolygons:
    """The batches of one layer as one :class:`FlatPolygons`, rows in batch order."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return FlatPolygons(
            np.empty((0, 2)), np.empty(0, bool), np.zeros(1, np.int64), np.empty((0, 4))
        )
    shifts = np.cumsum([0] + [len(part.coords) for part in parts[:-1]])
    offsets = [parts[0].coord_offsets[:1]] + [
        part.coord_offsets[1:] + shift for part, shift in zip(parts, shifts, strict=True)
    ]
    return FlatPolygons(
        np.concatenate([part.coords for part in parts]),
        np.concatenate([part.ring_start for part in parts]),
        np.concatenate(offsets),
        np.concatenate([part.bounds for part in parts]),
    )
