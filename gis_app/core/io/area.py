"""An area of a large (national) file: only the panden and units in it are read.

:func:`parse_area` turns what a user types into an :class:`Area`:

* a bounding box in RD New metres, ``xmin,ymin,xmax,ymax`` (spaces or semicolons also do);
* a polygon file (any vector file GDAL reads; its polygons are joined, reprojected to
  RD New when they carry another CRS);
* municipality codes, ``0003,0010`` or ``GM0003`` (the first four digits of a BAG id).

Decisions:

* A bounding box or polygon is handed to GDAL as a spatial filter (``bbox`` / ``mask``),
  which a GeoPackage answers from its R-tree: the rest of the file is never decoded. A
  pand touching the area is read whole.
* Municipality codes filter on the id column (``identificatie``) in SQL where the layer
  has one; otherwise the ids are filtered after reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyogrio
import shapely

from gis_app.core.errors import InputError
from gis_app.core.i18n import t
from gis_app.core.io.crs import is_rd, looks_like_rd
from gis_app.core.schema import WORKING_CRS

_CODE = re.compile(r"^(?:gm)?(\d{4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Area:
    """Where to read: a box, a polygon, or municipality codes (exactly one is set)."""

    bbox: tuple[float, float, float, float] | None = None
    polygon: object = None  # a shapely (Multi)Polygon in RD New
    municipalities: tuple[str, ...] = ()
    text: str = ""  # as the user wrote it, for the report

    def filters(self, id_column: str | None = None) -> dict:
        """Keyword arguments for pyogrio's readers (``bbox``, ``mask`` or ``where``)."""
        if self.bbox is not None:
            return {"bbox": self.bbox}
        if self.polygon is not None:
            return {"mask": self.polygon}
        if self.municipalities and id_column:
            codes = ", ".join(f"'{c}'" for c in self.municipalities)
            # the column may carry the NL.IMBAG.Pand. prefix (3D BAG): compare the last 16
            return {"where": f'substr("{id_column}", -16, 4) IN ({codes})'}
        return {}

    def keeps(self, ids: np.ndarray) -> np.ndarray:
        """Which of these building ids lie in the area (by municipality code only)."""
        if not self.municipalities:
            return np.ones(len(ids), dtype=bool)
        codes = np.asarray([str(i)[:4] for i in ids], dtype=object)
        return np.isin(codes, list(self.municipalities))

    def describe(self) -> str:
        if self.bbox is not None:
            return "rechthoek " + ", ".join(f"{v:g}" for v in self.bbox)
        if self.polygon is not None:
            return f"vlak uit {self.text}"
        return "gemeente " + ", ".join(self.municipalities)


def parse_area(text: str) -> Area:
    """An :class:`Area` from ``--area`` text; :class:`InputError` when it is none of the three."""
    raw = str(text).strip()
    if not raw:
        raise InputError(t("--area is leeg: geef een rechthoek, een vlakbestand of gemeentecodes"))
    path = Path(raw)
    if path.suffix and path.exists():
        return Area(polygon=_polygon_of(path), text=raw)
    parts = [p for p in re.split(r"[,;\s]+", raw) if p]
    codes = [_CODE.match(p) for p in parts]
    if all(codes):
        return Area(municipalities=tuple(sorted({m.group(1) for m in codes})), text=raw)
    if len(parts) == 4:
        try:
            xmin, ymin, xmax, ymax = (float(p) for p in parts)
        except ValueError:
            pass
        else:
            if not (xmin < xmax and ymin < ymax):
                raise InputError(
                    t(
                        "--area {raw}: een rechthoek is xmin,ymin,xmax,ymax met xmin < xmax en "
                        "ymin < ymax",
                        raw=raw,
                    )
                )
            if not looks_like_rd((xmin, ymin, xmax, ymax)):
                raise InputError(
                    t(
                        "--area {raw}: de rechthoek ligt niet in RD New (meters, EPSG:28992)",
                        raw=raw,
                    )
                )
            return Area(bbox=(xmin, ymin, xmax, ymax), text=raw)
    if path.suffix:
        raise InputError(t("--area: bestand '{raw}' bestaat niet", raw=raw))
    raise InputError(
        t(
            "--area {raw}: geen rechthoek (xmin,ymin,xmax,ymax in RD), vlakbestand "
            "of gemeentecodes (zoals 0003,0010)",
            raw=raw,
        )
    )


def _polygon_of(path: Path):
    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as error:  # noqa: BLE001 - GDAL's message, with the file
        raise InputError(
            t("gebiedsbestand niet leesbaar: {error}", error=error), path=path
        ) from None
    polygons = [g for g in frame.geometry.values if g is not None and g.area > 0]
    if not polygons:
        raise InputError(t("gebiedsbestand bevat geen vlakken"), path=path)
    if frame.crs is not None:
        from pyproj import CRS

        if not is_rd(CRS.from_user_input(frame.crs)):
            frame = frame.to_crs(WORKING_CRS)
            polygons = [g for g in frame.geometry.values if g is not None and g.area > 0]
    return shapely.union_all(shapely.make_valid(np.asarray(polygons, dtype=object)))
