"""The map's layer model: which layers exist, in which order, how each is drawn.

A :class:`LayerStack` observes the :class:`~gis_app.ui.document.ProjectDocument` and
keeps, per layer, the flat geometry arrays the renderer draws from
(:class:`~gis_app.core.spatial.GeometryArrays`), converted once per geometry change.
Attribute-only changes (``document.buildingAttributesChanged``) recompute colours
without touching geometry. Views (canvas, layer panel, legend) listen to its signals.

Layers, in draw order (bottom first) by default: background vector layers the user
added, ``buildings``, ``packages`` (work packages, empty until they exist), ``clusters``.
Decision: a newly added background layer goes directly *below the buildings* (above
earlier background layers): municipal boundaries, roads and water are context, and a
filled boundary on top would hide the buildings. The user can reorder afterwards.

Clusters are drawn as :attr:`LayerStack.cluster_display` says (see the cluster part of
:mod:`gis_app.core.styling`): by default an outline above the buildings and a faint
tint under them, so the building colours stay readable with hundreds of clusters.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from gis_app.core.spatial import GeometryArrays, read_vector_layer
from gis_app.core.styling import (
    CLUSTER_DISPLAY_UNDER,
    CLUSTER_DISPLAYS,
    MISSING_COLOR,
    StyleResult,
    StyleSpec,
    compute_style,
    hex_to_rgba,
    style_columns,
)

LAYER_BUILDINGS = "buildings"
LAYER_CLUSTERS = "clusters"
LAYER_PACKAGES = "packages"
LAYER_VECTOR = "vector"

#: Default styles for background layers, cycled: muted so buildings stay in front.
_BACKGROUND_STYLES = (
    ("#cfe3f2", "#6a9ec5"),  # water-like blue
    ("#e8e1d0", "#9c8f72"),  # sand
    ("#dfeccf", "#7fa35b"),  # green
    ("#eadcef", "#8e6b9c"),  # lilac
    ("#f1e0cf", "#b07b4f"),  # brown
)


@dataclass(frozen=True)
class VectorStyle:
    """Simple style of a background (or cluster/package) layer."""

    fill: str = "#dfeccf"  # "#rrggbb", "" = no fill
    stroke: str = "#7fa35b"  # "" = no outline
    width: float = 1.0  # outline width in screen pixels
    fill_alpha: int = 160


@dataclass
class MapLayer:
    id: str
    name: str
    kind: str
    visible: bool = True
    opacity: float = 1.0
    style: VectorStyle = field(default_factory=VectorStyle)
    arrays: GeometryArrays | None = None
    frame: object = None  # GeoDataFrame of a background layer
    source: str = ""  # file path of a background layer
    source_layer: str = ""

    @property
    def feature_count(self) -> int:
        return 0 if self.arrays is None else self.arrays.n

    def extent(self):
        return None if self.arrays is None else self.arrays.extent()


class LayerStack(QObject):
    """Layers of the map. See the module docstring for order and ownership."""

    layersChanged = Signal()  # added, removed or reordered
    layerChanged = Signal(str)  # visibility, opacity or style of one layer
    layerDataChanged = Signal(str)  # geometry of one layer rebuilt
    buildingStyleChanged = Signal()  # building colours / legend recomputed
    viewRestored = Signal(list)  # a project's saved view taken over; problems (exceptions)
    #: the changes of one step are all made: views that put off their rebuild while it
    #: lasted do it now, once (see connect_view)
    changesDone = Signal()

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self._ids = itertools.count(1)
        self._layers: list[MapLayer] = [
            MapLayer(LAYER_BUILDINGS, self.tr("Gebouwen"), LAYER_BUILDINGS),
            MapLayer(
                LAYER_PACKAGES,
                self.tr("Werkpakketten"),
                LAYER_PACKAGES,
                style=VectorStyle(fill="", stroke="#4b4b4b", width=2.0),
            ),
            MapLayer(
                LAYER_CLUSTERS,
                self.tr("Clusters"),
                LAYER_CLUSTERS,
                style=VectorStyle(fill="", stroke="", width=2.0, fill_alpha=45),
            ),
        ]
        self.building_style = StyleSpec()
        self.style_result: StyleResult = compute_style(
            document.project.buildings, self.building_style
        )
        self.cluster_colors = np.empty((0, 4), dtype=np.uint8)
        self.cluster_ids = np.empty(0, dtype=object)
        self.cluster_names = np.empty(0, dtype=object)  # map labels (name, else id)
        self.cluster_display = CLUSTER_DISPLAY_UNDER
        #: footprints of a project still being read, drawn until it is shown (show_preview)
        self.preview = None
        self._preview_colors = np.empty((0, 4), dtype=np.uint8)
        #: the last project shown took over the preview's arrays (the map keeps its view)
        self.took_preview = False
        self._prepared_style = None  # (buildings, spec, result): see prepare_style
        self._changing = False  # one step makes several changes (see connect_view)
        self._rebuild_buildings()
        self._rebuild_clusters()
        self._rebuild_packages()
        document.projectReplaced.connect(self._on_project_replaced)
        document.buildingsChanged.connect(self._on_buildings_changed)
        document.buildingAttributesChanged.connect(self._on_attributes_changed)
        document.clustersChanged.connect(self._on_clusters_changed)

    # --- access ----------------------------------------------------------------------------
    def layers(self) -> list[MapLayer]:
        """All layers in draw order, bottom first (a layer panel shows them reversed)."""
        return list(self._layers)

    def layer(self, layer_id: str) -> MapLayer:
        for layer in self._layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    @property
    def buildings(self) -> MapLayer:
        return self.layer(LAYER_BUILDINGS)

    @property
    def clusters(self) -> MapLayer:
        return self.layer(LAYER_CLUSTERS)

    @property
    def packages(self) -> MapLayer:
        return self.layer(LAYER_PACKAGES)

    @property
    def building_colors(self) -> np.ndarray:
        if self.preview is not None:
            return self._preview_colors
        return self.style_result.colors

    @property
    def building_colors_packed(self) -> np.ndarray:
        """The colours as premultiplied ARGB32 pixels (what the renderer writes), cached."""
        if getattr(self, "_packed", None) is None or len(self._packed) != len(self.building_colors):
            c = self.building_colors.astype(np.uint32)
            a = c[:, 3]
            self._packed = (
                (a << 24)
                | ((c[:, 0] * a // 255) << 16)
                | ((c[:, 1] * a // 255) << 8)
                | (c[:, 2] * a // 255)
            )
        return self._packed

    def index_of(self, layer_id: str) -> int:
        return [layer.id for layer in self._layers].index(layer_id)

    # --- changes ---------------------------------------------------------------------------
    def set_visible(self, layer_id: str, visible: bool) -> None:
        layer = self.layer(layer_id)
        if layer.visible != bool(visible):
            layer.visible = bool(visible)
            self.layerChanged.emit(layer_id)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        layer = self.layer(layer_id)
        opacity = float(min(max(opacity, 0.0), 1.0))
        if layer.opacity != opacity:
            layer.opacity = opacity
            self.layerChanged.emit(layer_id)

    def set_layer_style(self, layer_id: str, style: VectorStyle | None = None, **changes) -> None:
        """Replace (or change fields of) the simple style of a vector/cluster/package layer."""
        layer = self.layer(layer_id)
        new = style if style is not None else replace(layer.style, **changes)
        if new != layer.style:
            layer.style = new
            self.layerChanged.emit(layer_id)

    def rename(self, layer_id: str, name: str) -> None:
        layer = self.layer(layer_id)
        if name and name != layer.name:
            layer.name = name
            self.layerChanged.emit(layer_id)

    def move_layer(self, layer_id: str, index: int) -> None:
        """Move a layer to ``index`` in draw order (0 = bottom)."""
        current = self.index_of(layer_id)
        index = max(0, min(int(index), len(self._layers) - 1))
        if index == current:
            return
        layer = self._layers.pop(current)
        self._layers.insert(index, layer)
        self.layersChanged.emit()

    def add_vector_file(self, path, layer: str | None = None, name: str | None = None) -> MapLayer:
        """Read a local vector file (errors: :mod:`gis_app.core.errors`) as a background layer."""
        frame = read_vector_layer(path, layer=layer)
        fill, stroke = _BACKGROUND_STYLES[(next(self._ids) - 1) % len(_BACKGROUND_STYLES)]
        arrays = GeometryArrays(frame.geometry.values)
        if arrays.kind != "polygon":
            fill = ""
        new = MapLayer(
            id=f"vector-{len(self._layers)}-{Path(path).stem}",
            name=name or (layer or Path(path).stem),
            kind=LAYER_VECTOR,
            style=VectorStyle(fill=fill, stroke=stroke, width=1.0 if fill else 1.5),
            arrays=arrays,
            frame=frame,
            source=str(path),
            source_layer=layer or "",
        )
        while any(existing.id == new.id for existing in self._layers):
            new.id += "+"
        self._layers.insert(self.index_of(LAYER_BUILDINGS), new)
        self.layersChanged.emit()
        return new

    def remove_layer(self, layer_id: str) -> None:
        layer = self.layer(layer_id)
        if layer.kind != LAYER_VECTOR:
            raise ValueError("only background layers can be removed")
        self._layers.remove(layer)
        self.layersChanged.emit()

    # --- building style --------------------------------------------------------------------
    def set_building_style(self, spec: StyleSpec) -> None:
        if spec == self.building_style:
            return
        self.building_style = spec
        self._restyle()

    def prepare_style(self, buildings, spec: StyleSpec, result: StyleResult) -> None:
        """Colours of ``buildings`` under ``spec``, computed off the UI thread (a project read
        in the background): the next restyle of that very frame under that spec takes them
        instead of computing them again on the UI thread (about 40 ms at 300,000)."""
        self._prepared_style = (buildings, spec, result)

    def _restyle(self) -> None:
        buildings = self.document.project.buildings
        prepared, self._prepared_style = self._prepared_style, None
        if prepared is not None and prepared[0] is buildings and prepared[1] == self.building_style:
            self.style_result = prepared[2]
        else:
            self.style_result = compute_style(buildings, self.building_style)
        self._packed = None
        self.buildingStyleChanged.emit()
        self.layerChanged.emit(LAYER_BUILDINGS)

    def set_cluster_display(self, display: str) -> None:
        """How clusters are drawn: one of :data:`gis_app.core.styling.CLUSTER_DISPLAYS`."""
        if display not in CLUSTER_DISPLAYS:
            raise ValueError(display)
        if display != self.cluster_display:
            self.cluster_display = display
            self.layerChanged.emit(LAYER_CLUSTERS)

    # --- settings (saved with the project by whoever saves it) -----------------------------
    def to_settings(self) -> dict:
        return {
            "building_style": self.building_style.to_dict(),
            "cluster_display": self.cluster_display,
            "order": [layer.id for layer in self._layers],
            "layers": [
                {
                    "id": layer.id,
                    "name": layer.name,
                    "kind": layer.kind,
                    "visible": layer.visible,
                    "opacity": layer.opacity,
                    "style": vars(layer.style).copy(),
                    "source": layer.source,
                    "source_layer": layer.source_layer,
                }
                for layer in self._layers
            ],
        }

    def apply_settings(self, settings: dict) -> list[Exception]:
        """Restore styles, visibility and background layers; returns errors of unreadable files."""
        errors = self._apply_settings(settings)
        if settings:
            self.style_result = compute_style(self.document.project.buildings, self.building_style)
            self._packed = None
            self.layersChanged.emit()
            self.buildingStyleChanged.emit()
        return errors

    def _apply_settings(self, settings: dict) -> list[Exception]:
        """Take over the stored view without recomputing colours or emitting."""
        errors: list[Exception] = []
        if not settings:
            return errors
        self.building_style, error = stored_building_style(settings, self.building_style)
        if error is not None:
            errors.append(error)
        if settings.get("cluster_display") in CLUSTER_DISPLAYS:
            self.cluster_display = settings["cluster_display"]
        for entry in settings.get("layers", []):
            try:
                if entry.get("kind") == LAYER_VECTOR:
                    layer = self.add_vector_file(
                        entry["source"], entry.get("source_layer") or None, entry.get("name")
                    )
                else:
                    layer = self.layer(entry["id"])
            except Exception as error:  # reported to the caller, who shows them
                errors.append(error)
                continue
            layer.visible = bool(entry.get("visible", True))
            layer.opacity = float(entry.get("opacity", 1.0))
            style = entry.get("style")
            if style:
                try:
                    layer.style = VectorStyle(**style)
                except TypeError as error:
                    errors.append(error)
        return errors

    # --- a project's footprints before the project -----------------------------------------
    def show_preview(self, preview) -> None:
        """Draw ``preview`` (:class:`gis_app.core.io.footprint_preview.FootprintPreview`, a
        project's footprints read ahead of it) as the buildings, every one in the colour
        of an unknown risk profile, until a project is shown (:meth:`clear_preview`, or
        the document's next project, which takes the arrays over when they are its own)."""
        self.preview = preview
        self.buildings.arrays = GeometryArrays.from_flat(preview.polygons)
        self._preview_colors = np.tile(
            np.array(hex_to_rgba(MISSING_COLOR), dtype=np.uint8),
            (preview.n, 1),
        )
        self._packed = None
        self.layerDataChanged.emit(LAYER_BUILDINGS)
        self.buildingStyleChanged.emit()

    def clear_preview(self) -> None:
        """Stop drawing a preview whose project will not come (its read failed)."""
        if self.preview is None:
            return
        self.preview = None
        self._packed = None
        self._rebuild_buildings()
        self.buildingStyleChanged.emit()

    # --- document changes ------------------------------------------------------------------
    def connect_view(self, rebuild) -> None:
        """Call ``rebuild()`` after every change of the stack, for views that rebuild from
        the whole stack (the legend, the layer list): once at the end of a step that makes
        several changes (a new project: every layer and the style; five rebuilds took 20 ms
        on the UI thread at 300,000 buildings). The signals are emitted as always."""
        put_off = [False]

        def changed(*_args) -> None:
            if self._changing:  # more changes follow in this step: once, at the end
                put_off[0] = True
                return
            rebuild()

        def done() -> None:
            if put_off[0]:
                put_off[0] = False
                rebuild()

        for signal in (
            self.layersChanged,
            self.layerChanged,
            self.layerDataChanged,
            self.buildingStyleChanged,
        ):
            signal.connect(changed)
        self.changesDone.connect(done)

    def _on_project_replaced(self) -> None:
        self._changing = True
        try:
            self._rebuild_buildings()
            self._rebuild_clusters()
            self._rebuild_packages()
            problems = self._restore_saved_view()
            self._restyle()
        finally:
            self._changing = False
        self.changesDone.emit()
        self.viewRestored.emit(problems)

    def _restore_saved_view(self) -> list[Exception]:
        """A project opens as it was saved: building style, cluster display, layer visibility
        and its background layers (the previous project's background layers go)."""
        from gis_app.core.qgis.writers import MAP_SETTINGS_KEY

        background = [layer for layer in self._layers if layer.kind == LAYER_VECTOR]
        for layer in background:
            self._layers.remove(layer)
        settings = self.document.project.settings.get(MAP_SETTINGS_KEY) or {}
        problems = self._apply_settings(settings if isinstance(settings, dict) else {})
        if background or settings:
            self.layersChanged.emit()
        return problems

    def _on_buildings_changed(self) -> None:
        self._rebuild_buildings()
        self._restyle()

    def _on_attributes_changed(self, columns: list) -> None:
        if not columns or set(columns) & style_columns(self.building_style):
            self._restyle()

    def _on_clusters_changed(self) -> None:
        self._rebuild_clusters()
        if "cluster_id" in style_columns(self.building_style):  # membership changed
            self._restyle()

    def _rebuild_buildings(self) -> None:
        buildings = self.document.project.buildings
        geometries = buildings.geometry.values
        preview, self.preview = self.preview, None
        self.took_preview = (
            preview is not None and len(buildings) > 0 and preview.matches(geometries)
        )
        if self.took_preview:
            # the project whose footprints were drawn ahead of it: their vertices are these
            self.buildings.arrays = GeometryArrays.from_flat(preview.polygons, geometries)
        else:
            self.buildings.arrays = GeometryArrays(geometries)
        self._packed = None
        self.layerDataChanged.emit(LAYER_BUILDINGS)

    def _rebuild_clusters(self) -> None:
        clusters = self.document.project.clusters
        self.clusters.arrays = GeometryArrays(clusters.geometry.values)
        colors = clusters["color"] if "color" in clusters else ["#808080"] * len(clusters)
        self.cluster_colors = _parse_colors(colors)
        self.cluster_ids = (
            clusters["cluster_id"].astype(str).to_numpy(dtype=object)
            if "cluster_id" in clusters
            else np.empty(0, dtype=object)
        )
        # map labels: the name, or the id when a cluster has no name
        names = (
            clusters["name"].fillna("").astype(str).to_numpy(dtype=object)
            if "name" in clusters
            else np.full(len(clusters), "", dtype=object)
        )
        ids = self.cluster_ids if len(self.cluster_ids) == len(names) else names
        self.cluster_names = np.where(names != "", names, ids)
        self.layerDataChanged.emit(LAYER_CLUSTERS)

    def _rebuild_packages(self) -> None:
        packages = self.document.project.packages
        if packages is None or len(packages) == 0 or not hasattr(packages, "geometry"):
            self.packages.arrays = GeometryArrays([])
            self.package_colors = np.empty((0, 4), dtype=np.uint8)
        else:
            self.packages.arrays = GeometryArrays(packages.geometry.values)
            colors = packages["color"] if "color" in packages else ["#4b4b4b"] * len(packages)
            self.package_colors = _parse_colors(colors)
        self.layerDataChanged.emit(LAYER_PACKAGES)

    def refresh_packages(self) -> None:
        """Call after ``project.packages`` was replaced (there is no document signal for it yet)."""
        self._rebuild_packages()


def stored_building_style(settings: dict, current: StyleSpec) -> tuple[StyleSpec, Exception | None]:
    """The building style a project's stored map settings ask for (``current`` when they
    name none), and the error of a damaged one (then the default style)."""
    if not isinstance(settings, dict) or "building_style" not in settings:
        return current, None
    try:
        return StyleSpec.from_dict(settings["building_style"]), None
    except Exception as error:  # a damaged stored style: the default, and say so
        return StyleSpec(), error


def project_building_style(project, current: StyleSpec) -> StyleSpec:
    """The building style ``project`` opens with (its stored one, else ``current``)."""
    from gis_app.core.qgis.writers import MAP_SETTINGS_KEY

    return stored_building_style(project.settings.get(MAP_SETTINGS_KEY) or {}, current)[0]


def _parse_colors(values) -> np.ndarray:
    out = []
    for value in values:
        try:
            out.append(hex_to_rgba(str(value)))
        except ValueError:
            out.append((128, 128, 128, 255))
    return np.array(out, dtype=np.uint8).reshape(-1, 4)
