"""What the rest of the app calls: styles into GeoPackages, QGIS projects beside them.

The map's state (which layers, in which order, visible, how opaque, the building style,
the extent) is the map's own settings (``LayerStack.to_settings()`` plus ``extent``),
kept in ``project.settings["map"]`` (:data:`MAP_SETTINGS_KEY`) by the window; a project
without it gets the app's defaults (risk profile colours, every layer visible, the
extent of the data). :func:`map_state` turns those settings into a :class:`MapState`,
reading the background layers from their local files (a file that can no longer be read
is left out and named in ``MapState.problems``).

* :func:`style_geopackage` -- the ``layer_styles`` rows for the layers of a GeoPackage;
* :func:`write_project` -- a ``.qgs``/``.qgz`` beside a GeoPackage;
* :func:`background_layers` / :func:`clipped_backgrounds` -- background layers to copy
  into a GeoPackage (all of them, or clipped to an extent for a field pack).

Decision: background layers are copied into the GeoPackage of the export (layers
``achtergrond_<naam>``) instead of referenced where they lie on the planner's disk, so
the folder is complete on another machine and on a tablet without network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_write
from gis_app.core.qgis.fieldpack_form import form_parts
from gis_app.core.qgis.layer_styles import write_layer_styles
from gis_app.core.qgis.project import (
    ProjectLayer,
    ProjectSkeleton,
    project_skeleton,
    write_qgis_project,
)
from gis_app.core.qgis.qml import (
    Category,
    LayerStyle,
    area_style,
    background_style,
    buildings_style,
    categorized_renderer,
    simple_labeling,
)
from gis_app.core.styling import StyleSpec, style_columns

MAP_SETTINGS_KEY = "map"
BACKGROUND_PREFIX = "achtergrond_"
BACKGROUND_MARGIN_M = 250.0  # around a field pack's package: the streets leading to it
CLUSTER_LAYERS = ("clusters",)
PACKAGE_LAYERS = ("packages", "package")
LAYER_NAMES_NL = {
    "buildings": "Panden",
    "clusters": "Clusters",
    "packages": "Werkpakketten",
    "package": "Werkpakket",
}
#: The map's default draw order of the app's own layers, bottom first.
DEFAULT_ORDER = ("buildings", "packages", "clusters")
#: Outline width of clusters and packages: the map's 2 px at 96 dpi.
AREA_OUTLINE_MM = 0.53


@dataclass
class Background:
    """A background layer the user added to the map."""

    name: str  # shown name
    layer: str  # layer name in the export's GeoPackage
    frame: gpd.GeoDataFrame
    visible: bool = True
    opacity: float = 1.0
    fill: str = "#dfeccf"
    stroke: str = "#7fa35b"
    width: float = 1.0
    fill_alpha: int = 160
    map_id: str = ""

    def style(self) -> LayerStyle:
        return background_style(
            self.fill,
            self.stroke,
            width=self.width,
            fill_alpha=self.fill_alpha,
            opacity=self.opacity,
            geometry=geometry_kind(self.frame),
        )


@dataclass
class MapState:
    building_style: StyleSpec = field(default_factory=StyleSpec)
    order: list[str] = field(default_factory=lambda: list(DEFAULT_ORDER))  # bottom first
    visible: dict[str, bool] = field(default_factory=dict)
    opacity: dict[str, float] = field(default_factory=dict)
    backgrounds: list[Background] = field(default_factory=list)
    extent: tuple[float, float, float, float] | None = None
    problems: list[str] = field(default_factory=list)


def geometry_kind(frame) -> str:
    """``polygon``, ``line``, ``point`` or ``none`` (an attribute table)."""
    if not isinstance(frame, gpd.GeoDataFrame):
        return "none"
    geometry = frame.geometry
    if geometry.name not in frame.columns:
        return "none"
    # shapely's type ids (a GeoSeries of type names cost more than the rest of a small layer)
    types = shapely.get_type_id(geometry.to_numpy())
    present = types[types >= 0]  # -1: missing
    if len(present) == 0:
        return "polygon"
    first = int(present[0])
    if first in (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON):
        return "polygon"
    if first in (
        shapely.GeometryType.LINESTRING,
        shapely.GeometryType.LINEARRING,
        shapely.GeometryType.MULTILINESTRING,
    ):
        return "line"
    return "point"


def _layer_name(text: str, taken: set[str]) -> str:
    base = BACKGROUND_PREFIX + (re.sub(r"[^0-9a-z_]+", "_", text.lower()).strip("_") or "laag")
    name, n = base[:60], 2
    while name in taken:
        name, n = f"{base[:56]}_{n}", n + 1
    taken.add(name)
    return name


def map_state(settings: dict | None, *, frames: dict | None = None) -> MapState:
    """The map's state from its settings (see the module docstring); ``frames`` (map
    layer id -> GeoDataFrame) saves reading background files the caller already has."""
    from gis_app.core.errors import GisAppError
    from gis_app.core.spatial import read_vector_layer

    settings = settings or {}
    state = MapState()
    if settings.get("building_style"):
        state.building_style = StyleSpec.from_dict(settings["building_style"])
    extent = settings.get("extent")
    if extent and len(extent) == 4 and all(np.isfinite(float(v)) for v in extent):
        state.extent = tuple(float(v) for v in extent)
    taken = {"buildings", "clusters", "packages", "package"}
    order: list[str] = []
    for entry in settings.get("layers", []):
        layer_id = str(entry.get("id", ""))
        visible = bool(entry.get("visible", True))
        opacity = float(entry.get("opacity", 1.0))
        if entry.get("kind") != "vector":
            if layer_id in DEFAULT_ORDER:
                order.append(layer_id)
                state.visible[layer_id] = visible
                state.opacity[layer_id] = opacity
            continue
        frame = (frames or {}).get(layer_id)
        if frame is None:
            try:
                frame = read_vector_layer(
                    entry.get("source", ""), entry.get("source_layer") or None
                )
            except GisAppError as error:
                state.problems.append(
                    t(
                        "achtergrondlaag '{get}' niet meegenomen: {error}",
                        get=entry.get("name", layer_id),
                        error=error,
                    )
                )
                continue
        style = dict(entry.get("style") or {})
        background = Background(
            name=str(entry.get("name") or layer_id),
            layer=_layer_name(str(entry.get("name") or layer_id), taken),
            frame=frame,
            visible=visible,
            opacity=opacity,
            fill=str(style.get("fill", "#dfeccf")),
            stroke=str(style.get("stroke", "#7fa35b")),
            width=float(style.get("width", 1.0)),
            fill_alpha=int(style.get("fill_alpha", 160)),
            map_id=layer_id,
        )
        state.backgrounds.append(background)
        order.append(background.layer)
    for layer_id in DEFAULT_ORDER:
        if layer_id not in order:
            order.append(layer_id)
    state.order = order
    return state


def background_layers(state: MapState) -> dict[str, gpd.GeoDataFrame]:
    """GeoPackage layer name -> frame of every background layer (RD New, as read)."""
    return {b.layer: _storable(b.frame) for b in state.backgrounds}


def clipped_backgrounds(
    state: MapState, bounds, margin: float = BACKGROUND_MARGIN_M
) -> dict[str, gpd.GeoDataFrame]:
    """Background layers clipped to ``bounds`` (xmin, ymin, xmax, ymax) plus ``margin``."""
    xmin, ymin, xmax, ymax = bounds
    area = box(xmin - margin, ymin - margin, xmax + margin, ymax + margin)
    out = {}
    for background in state.backgrounds:
        frame = background.frame
        if len(frame):
            hits = frame.sindex.query(area, predicate="intersects")
            frame = frame.iloc[np.sort(hits)]
            frame = frame.clip(area) if len(frame) else frame
        out[background.layer] = _storable(frame)
    return out


def _storable(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Drop columns a GeoPackage cannot hold next to its own (``fid``, a second geometry)."""
    drop = [
        c
        for c in frame.columns
        if c != frame.geometry.name
        and (
            str(c).lower() in ("fid", "geom") or isinstance(frame[c].dtype, gpd.array.GeometryDtype)
        )
    ]
    return frame.drop(columns=drop).reset_index(drop=True)


def with_style_columns(
    frame: gpd.GeoDataFrame, full: pd.DataFrame, spec: StyleSpec
) -> gpd.GeoDataFrame:
    """``frame`` plus the columns the building style reads, when ``full`` has them and they
    are not personal data (a QGIS style on a missing column would show one colour)."""
    from gis_app.core.export.columns import looks_personal

    extra = [
        c
        for c in sorted(style_columns(spec))
        if c and c not in frame.columns and c in full.columns and not looks_personal(c)
    ]
    if not extra:
        return frame
    out = frame.copy()
    for column in extra:
        out.insert(len(out.columns) - 1, column, full[column].to_numpy())
    return out


# --- styles -------------------------------------------------------------------------------


def measure_style(frame: pd.DataFrame, *, opacity: float = 1.0, labels: str = "") -> LayerStyle:
    """Buildings coloured by the work to do (the measure), as on the PDF map sheet."""
    from gis_app.core.export.sheets import MEASURE_COLORS
    from gis_app.core.schema import MEASURE_LABELS_NL

    cats = [
        Category(key, MEASURE_LABELS_NL.get(key, key), color)
        for key, color in MEASURE_COLORS.items()
    ]
    cats.append(Category("", "onbekend", "#a0a0a0"))
    renderer = categorized_renderer("measure", cats)
    column = labels if labels in frame else ("building_id" if "building_id" in frame else "")
    return LayerStyle(renderer, simple_labeling(column) if column else None, opacity)


def layer_style(name: str, frame, state: MapState, *, labels: str = "") -> LayerStyle | None:
    """The style of one of the app's layers (``None`` for a layer it does not know)."""
    opacity = state.opacity.get(name, state.opacity.get("packages", 1.0))
    if name == "buildings":
        return buildings_style(
            frame, state.building_style, opacity=state.opacity.get(name, 1.0), labels=labels
        )
    if name in CLUSTER_LAYERS:
        return area_style(
            frame,
            default_color="#808080",
            fill_alpha=45,
            outline_width=AREA_OUTLINE_MM,
            id_column="cluster_id",
            opacity=state.opacity.get(name, 1.0),
        )
    if name in PACKAGE_LAYERS:
        return area_style(
            frame,
            default_color="#4b4b4b",
            fill_alpha=0,
            outline_width=AREA_OUTLINE_MM,
            id_column="package_id",
            opacity=opacity,
        )
    for background in state.backgrounds:
        if background.layer == name:
            return background.style()
    return None


def layer_styles_for(
    layers: dict[str, pd.DataFrame],
    state: MapState | None = None,
    *,
    overrides: dict[str, LayerStyle] | None = None,
    labels: str = "",
) -> dict[str, LayerStyle]:
    """Styles of the spatial ``layers`` (name -> frame) under ``state``."""
    state = state or MapState()
    out = {}
    for name, frame in layers.items():
        if frame is None or geometry_kind(frame) == "none":
            continue
        style = (overrides or {}).get(name) or layer_style(name, frame, state, labels=labels)
        if style is not None:
            out[name] = style
    return out


def style_geopackage(path: str | Path, styles: dict[str, LayerStyle]) -> None:
    """Store ``styles`` as the layers' default QGIS styles in the GeoPackage at ``path``."""
    write_layer_styles(path, {name: style.qml() for name, style in styles.items()})


def style_project_file(path: str | Path, project) -> None:
    """The project file's layer styles (buildings, clusters, packages) under the map state
    stored in the project (no background files are read for this)."""
    settings = dict(project.settings.get(MAP_SETTINGS_KEY) or {})
    settings["layers"] = [e for e in settings.get("layers", []) if e.get("kind") != "vector"]
    state = map_state(settings)
    layers = {"buildings": project.buildings, "clusters": project.clusters}
    if project.packages is not None:
        layers["packages"] = project.packages
    style_geopackage(path, layer_styles_for(layers, state))


# --- projects -----------------------------------------------------------------------------


def full_extent(frames) -> tuple[float, float, float, float] | None:
    bounds = [
        f.total_bounds
        for f in frames
        if isinstance(f, gpd.GeoDataFrame) and len(f) and np.isfinite(f.total_bounds).all()
    ]
    if not bounds:
        return None
    stack = np.array(bounds)
    return (
        float(stack[:, 0].min()),
        float(stack[:, 1].min()),
        float(stack[:, 2].max()),
        float(stack[:, 3].max()),
    )


def project_layers(
    layers: dict[str, pd.DataFrame],
    styles: dict[str, LayerStyle],
    state: MapState,
    forms: dict[str, list] | None = None,
) -> list[ProjectLayer]:
    """The layers of a QGIS project in the map's order, visibility and opacity."""
    names = [n for n in state.order if n in styles]
    names += [n for n in styles if n not in names]
    # a field pack's single package outline draws where the packages layer would
    items = []
    for name in names:
        key = "packages" if name == "package" else name
        is_background = name.startswith(BACKGROUND_PREFIX)
        display = LAYER_NAMES_NL.get(name, name)
        visible = state.visible.get(key, True)
        if is_background:
            for background in state.backgrounds:
                if background.layer == name:
                    display, visible = background.name, background.visible
        items.append(
            ProjectLayer(
                layer=name,
                name=display,
                style=styles[name],
                geometry=geometry_kind(layers.get(name)),
                visible=visible,
                form=(forms or {}).get(name, []),
            )
        )
    return items


def project_extent(
    layers: dict[str, pd.DataFrame], state: MapState, extent=None
) -> tuple[float, float, float, float]:
    """``extent``, else the map's, else the data's, else the Netherlands."""
    return (
        extent
        or state.extent
        or full_extent(layers.values())
        or (0.0, 300000.0, 280000.0, 625000.0)
    )


def write_project(
    path: str | Path,
    gpkg_name: str,
    layers: dict[str, pd.DataFrame],
    styles: dict[str, LayerStyle],
    state: MapState,
    *,
    title: str,
    extent=None,
    forms: dict[str, list] | None = None,
) -> Path:
    """A QGIS project at ``path`` over the layers of ``gpkg_name`` (same folder) in the
    map's order, visibility and opacity; ``extent`` defaults to the map's, else the data's."""
    items = project_layers(layers, styles, state, forms)
    extent = project_extent(layers, state, extent)
    return write_qgis_project(path, items, gpkg_name, title=title, extent=extent)


def fieldpack_forms(frame: pd.DataFrame, labels: dict[str, str] | None = None) -> dict[str, list]:
    """The attribute form of a field pack's buildings layer (``fid`` first, as QGIS lists it)."""
    geometry = frame.geometry.name  # once: each lookup builds a GeoSeries
    columns = ["fid", *[c for c in frame.columns if c != geometry]]
    return {"buildings": form_parts(columns, labels)}


# --- what the export and the field pack call ----------------------------------------------


@dataclass
class QgisLayers:
    """Layers to write into one GeoPackage, their styles, and the map state they follow."""

    layers: dict[str, pd.DataFrame]
    styles: dict[str, LayerStyle]
    state: MapState
    extent: tuple[float, float, float, float] | None = None
    forms: dict[str, list] = field(default_factory=dict)

    def finish(self, gpkg_path: str | Path) -> None:
        """Store the styles in the written (still temporary) GeoPackage."""
        style_geopackage(gpkg_path, self.styles)

    def skeleton(self) -> ProjectSkeleton:
        """The project without title, GeoPackage name and extent (see :meth:`write_project`)."""
        return project_skeleton(project_layers(self.layers, self.styles, self.state, self.forms))

    def write_project(
        self,
        path: str | Path,
        gpkg_name: str,
        *,
        title: str,
        skeleton: ProjectSkeleton | None = None,
    ) -> Path:
        """The QGIS project; ``skeleton`` (:meth:`skeleton` of layers with the same names,
        columns, geometry kinds, styles and forms) saves building the document again."""
        # an empty text serialises as <x />, not as an empty slot; a .qgz is zipped
        if skeleton is not None and title and gpkg_name and Path(path).suffix == ".qgs":
            extent = project_extent(self.layers, self.state, self.extent)
            return atomic_write(
                path, skeleton.render(title=title, gpkg_name=gpkg_name, extent=extent)
            )
        return write_project(
            path,
            gpkg_name,
            self.layers,
            self.styles,
            self.state,
            title=title,
            extent=self.extent,
            forms=self.forms,
        )


def export_layers(
    project, layers: dict[str, pd.DataFrame], full: pd.DataFrame, *, with_project: bool
) -> QgisLayers:
    """Styles for the export's GeoPackage; ``with_project`` (a QGIS project is written
    too) adds the background layers and the columns the building style reads."""
    settings = dict(project.settings.get(MAP_SETTINGS_KEY) or {})
    if not with_project:
        settings["layers"] = [e for e in settings.get("layers", []) if e.get("kind") != "vector"]
    state = map_state(settings)
    layers = dict(layers)
    if with_project:
        layers["buildings"] = with_style_columns(layers["buildings"], full, state.building_style)
        layers.update(background_layers(state))
    return QgisLayers(layers, layer_styles_for(layers, state), state)


def fieldpack_layers(
    layers: dict[str, pd.DataFrame],
    outline_bounds,
    state: MapState | None,
    *,
    labels: dict[str, str] | None = None,
    margin: float = BACKGROUND_MARGIN_M,
) -> QgisLayers:
    """A field pack's layers: ``layers`` (buildings, package) plus the background layers
    clipped to the package with ``margin``; buildings coloured by the work to do and
    labelled with the address (else the BAG id); the attribute form; the map opens on
    the package."""
    state = state or MapState()
    layers = dict(layers)
    if outline_bounds is not None and np.isfinite(outline_bounds).all():
        layers.update(clipped_backgrounds(state, outline_bounds, margin))
        xmin, ymin, xmax, ymax = (float(v) for v in outline_bounds)
        pad = max(xmax - xmin, ymax - ymin) * 0.05 + 20.0
        extent = (xmin - pad, ymin - pad, xmax + pad, ymax + pad)
    else:
        extent = full_extent([layers.get("buildings")])
    buildings = layers["buildings"]
    overrides = {"buildings": measure_style(buildings, labels="address")}
    styles = layer_styles_for(layers, state, overrides=overrides)
    forms = fieldpack_forms(buildings, labels)
    return QgisLayers(layers, styles, state, extent, forms)
