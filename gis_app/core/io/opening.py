"""Open whatever the user points at: a project file or a data file to import.

``open_path`` is what File > Open and ``gis-app <file>`` call. A gis_app project (or a
plain GeoPackage with a canonical ``buildings`` layer, such as the bundled sample) is
opened with :func:`gis_app.core.io.projectfile.load_project`; any other data file
(Shapefile, zipped Shapefile, GeoJSON, FlatGeobuf, another GeoPackage) is imported with
:func:`gis_app.core.join.load.load_buildings` and becomes a new, unsaved project.

Decision: a GeoPackage counts as a project when it carries the ``gis_app_meta`` table
(any schema version, and even when that table is damaged, so a newer or damaged project
is refused with a clear message rather than imported as plain data, losing its clusters
and settings) or when its ``buildings`` layer has a ``building_id`` column.
Every other GeoPackage is imported as footprints.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from gis_app.core.errors import GisAppError, InputError
from gis_app.core.i18n import t
from gis_app.core.io.atomic import describe_os_error
from gis_app.core.io.projectfile import (
    BUILDINGS_LAYER,
    META_TABLE,
    PROJECT_SUFFIX,
    geopackage_layers,
    is_project_file,
    load_project,
    source_record,
)
from gis_app.core.project import Project


def _is_project(path: Path, layer: str | None) -> bool:
    if path.suffix.lower() != PROJECT_SUFFIX:
        return False
    if layer not in (None, BUILDINGS_LAYER):
        return False
    try:
        layers = geopackage_layers(path)
    except GisAppError:
        return False
    if META_TABLE in layers:  # a gis_app project, even a damaged or newer one
        return True
    return is_project_file(path)


def open_path(
    path: str | Path,
    *,
    crs: Any = None,
    layer: str | None = None,
    area: Any = None,
    beside_window: bool = False,
) -> tuple[Project, Any | None]:
    """Open ``path``: ``(project, None)`` for a project, ``(project, JoinReport)`` for data.

    ``area`` (:class:`gis_app.core.io.area.Area`) imports only that part of a data file.
    ``beside_window``: a project is read in small batches (:func:`load_project`), for a
    read on a worker thread while the window answers pan and zoom.

    Raises a :class:`GisAppError` subclass for anything that cannot be opened.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(t("het bestand bestaat niet (meer)"), path=path) from None
    except (OSError, ValueError) as error:  # name too long, no permission, NUL byte
        reason = describe_os_error(error) if isinstance(error, OSError) else str(error)
        raise InputError(t("niet te openen: {reason}", reason=reason), path=path) from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        # GDAL would wait forever for a pipe's writer or read a device without end
        raise InputError(t("geen gewoon bestand (een apparaat of pipe)"), path=path)
    if _is_project(path, layer):
        return load_project(path, beside_window=beside_window), None

    from gis_app.core.join.load import load_buildings  # imported late: a heavy module

    buildings, report = load_buildings(path, crs=crs, layer=layer, area=area)
    project = Project(buildings=buildings, name=path.stem)
    if report.addresses is not None:
        project.addresses = report.addresses  # a BAG source's address table, for the exports
    try:
        project.sources = [source_record(path, "footprints", layer or "")]
    except OSError:
        project.sources = []
    return project, report
