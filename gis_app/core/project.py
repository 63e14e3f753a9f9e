"""The in-memory project: everything the user creates and the app saves.

One ``Project`` is the single source of truth (like napari's viewer model): the UI
wraps it in a Qt document that emits change signals; core functions take and return
plain data. Persistence to a GeoPackage lives in :mod:`gis_app.core.io.projectfile`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from gis_app.core.schema import (
    BUILDING_COLUMNS,
    CLUSTER_COLUMNS,
    WORKING_CRS,
    ensure_building_columns,
    ensure_cluster_columns,
)


def empty_buildings() -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame({c: [] for c in BUILDING_COLUMNS}, geometry=[], crs=WORKING_CRS)
    return ensure_building_columns(frame)


def empty_clusters() -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame({c: [] for c in CLUSTER_COLUMNS}, geometry=[], crs=WORKING_CRS)
    return ensure_cluster_columns(frame)


@dataclass
class SourceRecord:
    """A file the project was loaded from, so a changed source is noticed on reopen."""

    path: str
    sha256: str
    role: str  # "footprints", "risk", "background"
    layer: str = ""


@dataclass
class Project:
    """Buildings, clusters, work packages, settings and scenarios of one planning area.

    ``buildings`` and ``clusters`` follow :mod:`gis_app.core.schema`. ``settings`` and
    ``scenarios`` are JSON-serialisable dicts (planning configuration, UI choices such
    as the export columns); nothing in a project is ever executed.
    """

    buildings: gpd.GeoDataFrame = field(default_factory=empty_buildings)
    clusters: gpd.GeoDataFrame = field(default_factory=empty_clusters)
    packages: gpd.GeoDataFrame | None = None
    #: One row per address (``schema.ADDRESS_COLUMNS``), from a BAG source; ``None`` when
    #: the source had no addresses (the exports then use one row per pand).
    addresses: pd.DataFrame | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    scenarios: list[dict[str, Any]] = field(default_factory=list)
    #: what residents were told (``core.commitments.CommitmentBook.to_dict()``)
    commitments: dict[str, Any] = field(default_factory=dict)
    sources: list[SourceRecord] = field(default_factory=list)
    path: Path | None = None
    name: str = "Naamloos project"
    #: What opening the file had to leave out or replace by defaults (Dutch, one per item);
    #: the command line prints them, the window shows them. Not saved.
    load_warnings: list[str] = field(default_factory=list)
