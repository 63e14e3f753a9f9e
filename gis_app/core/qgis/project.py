"""QGIS project files (``.qgs``, or ``.qgz`` = the same zipped) next to a GeoPackage.

:func:`write_qgis_project` writes a project whose layers all come from one GeoPackage in
the same folder, by relative path (``./werkpakketten.gpkg|layername=buildings``), so the
folder can be copied to another machine or a tablet. The project holds:

* the project CRS, EPSG:28992 (RD New), and the layers' CRS;
* the layers in the app's draw order (``layers`` bottom first; QGIS's layer tree lists
  them top first), each with visibility, opacity and its style
  (:class:`~gis_app.core.qgis.qml.LayerStyle`), and optional attribute-form parts
  (:mod:`gis_app.core.qgis.fieldpack_form`);
* the map extent the project opens on (both the saved canvas view and the default view).

Nothing refers to a network service: no web layers, no online basemap, no absolute path.
The file is written atomically (:mod:`gis_app.core.io.atomic`). XML with
:mod:`xml.etree.ElementTree` (core has no Qt).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from gis_app.core.io.atomic import atomic_path, atomic_write
from gis_app.core.qgis.qml import QGIS_VERSION, LayerStyle, _number

#: RD New as QGIS describes it (srsid is QGIS's internal id for EPSG:28992).
RD_NEW = {
    "proj4": (
        "+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 "
        "+x_0=155000 +y_0=463000 +ellps=bessel +units=m +no_defs"
    ),
    "srsid": "2517",
    "srid": "28992",
    "authid": "EPSG:28992",
    "description": "Amersfoort / RD New",
    "projectionacronym": "sterea",
    "ellipsoidacronym": "EPSG:7004",
    "geographicflag": "false",
}
GEOMETRY_NAMES = {"polygon": "Polygon", "line": "Line", "point": "Point", "none": "No geometry"}
WKB_TYPES = {
    "polygon": "MultiPolygon",
    "line": "MultiLineString",
    "point": "Point",
    "none": "NoGeometry",
}


@dataclass
class ProjectLayer:
    """One layer of the project, read from ``layer`` in the project's GeoPackage."""

    layer: str  # layer name inside the GeoPackage
    name: str  # name shown in QGIS's layer panel
    style: LayerStyle
    geometry: str = "polygon"  # polygon, line, point, none
    visible: bool = True
    form: list[ET.Element] = field(default_factory=list)  # attribute form parts
    layer_id: str = ""

    def identifier(self) -> str:
        if self.layer_id:
            return self.layer_id
        return "gis_app_" + re.sub(r"[^0-9A-Za-z_]", "_", self.layer)


def spatial_ref(parent: ET.Element) -> ET.Element:
    srs = ET.SubElement(parent, "spatialrefsys")
    for key, value in RD_NEW.items():
        ET.SubElement(srs, key).text = value
    return srs


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _coordinate(value) -> str:
    """A number as QGIS reads it back exactly; a text is a :class:`ProjectSkeleton` slot."""
    return value if isinstance(value, str) else _number(value)


def _extent(parent: ET.Element, tag: str, extent) -> ET.Element:
    element = ET.SubElement(parent, tag)
    for key, value in zip(("xmin", "ymin", "xmax", "ymax"), extent, strict=True):
        _text(element, key, _coordinate(value))
    return element


def datasource(gpkg_name: str, layer: str) -> str:
    """A relative OGR data source: ``./file.gpkg|layername=layer``."""
    return f"./{gpkg_name}|layername={layer}"


def _map_layer(item: ProjectLayer, gpkg_name: str) -> ET.Element:
    geometry = item.geometry if item.geometry in GEOMETRY_NAMES else "polygon"
    element = ET.Element(
        "maplayer",
        {
            "type": "vector",
            "geometry": GEOMETRY_NAMES[geometry],
            "wkbType": WKB_TYPES[geometry],
            "labelsEnabled": "1" if item.style.labels_enabled else "0",
            "hasScaleBasedVisibilityFlag": "0",
            "readOnly": "0",
            "styleCategories": "AllStyleCategories",
        },
    )
    _text(element, "id", item.identifier())
    _text(element, "datasource", datasource(gpkg_name, item.layer))
    _text(element, "layername", item.name)
    spatial_ref(ET.SubElement(element, "srs"))
    _text(element, "provider", "ogr").set("encoding", "UTF-8")
    flags = ET.SubElement(element, "flags")
    for key, value in (("Identifiable", "1"), ("Removable", "1"), ("Searchable", "1")):
        _text(flags, key, value)
    if geometry != "none":
        element.extend(item.style.parts())
    element.extend(item.form)
    return element


def project_document(
    layers: list[ProjectLayer],
    gpkg_name: str,
    *,
    title: str,
    extent: tuple[float, float, float, float],
) -> ET.Element:
    """The ``<qgis>`` element of a project (``layers`` in draw order, bottom first)."""
    root = ET.Element("qgis", {"version": QGIS_VERSION, "projectname": title})
    ET.SubElement(root, "homePath", {"path": ""})
    _text(root, "title", title)
    ET.SubElement(root, "autotransaction", {"active": "0"})
    ET.SubElement(root, "evaluateDefaultValues", {"active": "0"})
    ET.SubElement(root, "trust", {"active": "0"})
    spatial_ref(ET.SubElement(root, "projectCrs"))

    top_first = list(reversed(layers))
    tree = ET.SubElement(root, "layer-tree-group")
    ET.SubElement(tree, "customproperties")
    for item in top_first:
        node = ET.SubElement(
            tree,
            "layer-tree-layer",
            {
                "id": item.identifier(),
                "name": item.name,
                "source": datasource(gpkg_name, item.layer),
                "providerKey": "ogr",
                "checked": "Qt::Checked" if item.visible else "Qt::Unchecked",
                "expanded": "1",
            },
        )
        ET.SubElement(node, "customproperties")
    order = ET.SubElement(tree, "custom-order", {"enabled": "0"})
    for item in top_first:
        _text(order, "item", item.identifier())

    canvas = ET.SubElement(root, "mapcanvas", {"name": "theMapCanvas", "annotationsVisible": "1"})
    _text(canvas, "units", "meters")
    _extent(canvas, "extent", extent)
    _text(canvas, "rotation", "0")
    spatial_ref(ET.SubElement(canvas, "destinationsrs"))
    _text(canvas, "rendermaptile", "0")

    view = ET.SubElement(root, "ProjectViewSettings", {"UseProjectScales": "0", "rotation": "0"})
    ET.SubElement(view, "Scales")
    default_view = ET.SubElement(
        view,
        "DefaultViewExtent",
        dict(zip(("xmin", "ymin", "xmax", "ymax"), map(_coordinate, extent), strict=True)),
    )
    spatial_ref(default_view)

    project_layers = ET.SubElement(root, "projectlayers")
    for item in layers:
        project_layers.append(_map_layer(item, gpkg_name))
    layer_order = ET.SubElement(root, "layerorder")
    for item in top_first:
        ET.SubElement(layer_order, "layer", {"id": item.identifier()})

    properties = ET.SubElement(root, "properties")
    paths = ET.SubElement(properties, "Paths")
    _text(paths, "Absolute", "false").set("type", "bool")
    crs = ET.SubElement(properties, "SpatialRefSys")
    _text(crs, "ProjectionsEnabled", "1").set("type", "int")
    units = ET.SubElement(properties, "Measurement")
    _text(units, "DistanceUnits", "meters").set("type", "QString")
    _text(units, "AreaUnits", "m2").set("type", "QString")
    return root


def project_xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
        root, encoding="unicode"
    ).encode("utf-8")


def write_qgis_project(
    path: str | Path,
    layers: list[ProjectLayer],
    gpkg_name: str,
    *,
    title: str,
    extent: tuple[float, float, float, float],
) -> Path:
    """Write a ``.qgs`` or ``.qgz`` (by suffix) atomically; returns the path."""
    path = Path(path)
    data = project_xml(project_document(layers, gpkg_name, title=title, extent=extent))
    if path.suffix.lower() == ".qgz":
        with (
            atomic_path(path) as temp,
            zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            archive.writestr(path.with_suffix(".qgs").name, data)
    else:
        atomic_write(path, data)
    return path


#: Slots of a :class:`ProjectSkeleton`: texts no layer, style or form of ours contains.
_SLOTS = {
    "title": "@@gis_app-title@@",
    "gpkg_name": "@@gis_app-gpkg@@",
    "xmin": "@@gis_app-xmin@@",
    "ymin": "@@gis_app-ymin@@",
    "xmax": "@@gis_app-xmax@@",
    "ymax": "@@gis_app-ymax@@",
}
_SLOT_PATTERN = re.compile("|".join(re.escape(v) for v in _SLOTS.values()))


@dataclass(frozen=True)
class ProjectSkeleton:
    """A project document serialised once with slots for what differs between the field
    packs of one export (title, GeoPackage name, extent): :meth:`render` gives the same
    bytes as :func:`project_xml` of the full document, at a fraction of the cost."""

    parts: tuple[str, ...]  # the text around the slots: len(slots) + 1
    slots: tuple[tuple[str, bool], ...]  # (slot, inside an attribute)

    def render(self, *, title: str, gpkg_name: str, extent) -> bytes:
        values = {"title": title, "gpkg_name": gpkg_name}
        values.update(zip(("xmin", "ymin", "xmax", "ymax"), map(_number, extent), strict=True))
        out = [self.parts[0]]
        for (slot, in_attribute), part in zip(self.slots, self.parts[1:], strict=True):
            out.append(_escaped(values[slot], attribute=in_attribute))
            out.append(part)
        return "".join(out).encode("utf-8")


def _escaped(text: str, *, attribute: bool) -> str:
    """``text`` as ElementTree writes it in an attribute or as element text."""
    if attribute:
        return ET.tostring(ET.Element("a", {"v": text}), encoding="unicode")[6:-4]
    element = ET.Element("a")
    element.text = text
    return ET.tostring(element, encoding="unicode")[3:-4]


def project_skeleton(layers: list[ProjectLayer]) -> ProjectSkeleton:
    """The skeleton of :func:`project_document` over ``layers``."""
    root = project_document(
        layers,
        _SLOTS["gpkg_name"],
        title=_SLOTS["title"],
        extent=tuple(_SLOTS[k] for k in ("xmin", "ymin", "xmax", "ymax")),
    )
    text = project_xml(root).decode("utf-8")
    names = {v: k for k, v in _SLOTS.items()}
    parts, slots, start = [], [], 0
    for match in _SLOT_PATTERN.finditer(text):
        parts.append(text[start : match.start()])
        # inside a tag (an attribute) when the last angle bracket before it opens one
        in_attribute = text.rfind("<", 0, match.start()) > text.rfind(">", 0, match.start())
        slots.append((names[match.group()], in_attribute))
        start = match.end()
    parts.append(text[start:])
    return ProjectSkeleton(tuple(parts), tuple(slots))
