"""Checks written QGIS files with QGIS itself; run by the Python the QGIS bindings belong
to (``/usr/bin/python3``), not by the app's virtual environment.

Usage: ``python3 qgis_checker.py REQUEST.json`` -- prints one JSON object. The request
holds a list of ``tasks``; each is one of

* ``{"kind": "project", "path": ..., "render": {"png": ..., "size": [w, h],
  "probes": [[x, y], ...]}}`` -- read the project, describe every layer, optionally render
  the project's layers (visible ones, in its order) over its default view and report the
  colour at the probe points (map coordinates);
* ``{"kind": "layer", "uri": "file.gpkg|layername=buildings"}`` -- a bare layer as QGIS
  opens it (default style from ``layer_styles``);
* ``{"kind": "colours", "uri": ..., "key": "building_id"}`` -- the colour QGIS's renderer
  gives each feature (key -> "#rrggbb", null when it draws nothing);
* ``{"kind": "edit", "uri": ..., "key": "building_id", "value": ..., "changes": {...}}``
  -- change attributes of the feature whose ``key`` equals ``value`` with
  startEditing / changeAttributeValue / commitChanges.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    Qgis,
    QgsApplication,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def color(c):
    return c.name() if c is not None and c.isValid() else None


def describe_renderer(renderer):
    out = {"type": renderer.type() if renderer else None}
    if renderer is None:
        return out
    if renderer.type() == "categorizedSymbol":
        out["attribute"] = renderer.classAttribute()
        out["categories"] = [
            {"value": str(c.value()), "label": c.label(), "color": color(c.symbol().color())}
            for c in renderer.categories()
        ]
    elif renderer.type() == "graduatedSymbol":
        out["attribute"] = renderer.classAttribute()
        out["ranges"] = [
            {
                "lower": r.lowerValue(),
                "upper": r.upperValue(),
                "label": r.label(),
                "color": color(r.symbol().color()),
            }
            for r in renderer.ranges()
        ]
    elif renderer.type() == "singleSymbol":
        out["color"] = color(renderer.symbol().color())
    return out


def describe_layer(layer, tree_root=None):
    out = {
        "name": layer.name(),
        "id": layer.id(),
        "valid": layer.isValid(),
        "source": layer.source(),
        "crs": layer.crs().authid(),
    }
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return out
    out["feature_count"] = layer.featureCount()
    out["opacity"] = layer.opacity()
    out["renderer"] = describe_renderer(layer.renderer())
    out["labels_enabled"] = layer.labelsEnabled()
    if layer.labelsEnabled() and layer.labeling() is not None:
        settings = layer.labeling().settings()
        out["label_field"] = settings.fieldName
        out["label_scale"] = (
            [settings.maximumScale, settings.minimumScale] if settings.scaleVisibility else None
        )
    widgets = {}
    form = layer.editFormConfig()
    for index, f in enumerate(layer.fields()):
        setup = layer.editorWidgetSetup(index)
        widgets[f.name()] = {
            "type": setup.type(),
            "config": json.loads(json.dumps(setup.config(), default=str)),
            "read_only": form.readOnly(index),
        }
    out["widgets"] = widgets
    out["form_order"] = [e.name() for e in form.tabs()]
    out["form_layout"] = int(form.layout())
    if tree_root is not None:
        node = tree_root.findLayer(layer.id())
        out["visible"] = node.isVisible() if node is not None else None
    return out


def render(project, spec):
    settings = QgsMapSettings()
    order = project.layerTreeRoot().layerOrder()
    visible = [
        layer for layer in order if project.layerTreeRoot().findLayer(layer.id()).isVisible()
    ]
    settings.setLayers(visible)
    settings.setDestinationCrs(project.crs())
    width, height = spec.get("size", [800, 600])
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor(255, 255, 255))
    extent = project.viewSettings().defaultViewExtent()
    settings.setExtent(QgsRectangle(extent) if not extent.isEmpty() else visible[0].extent())
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(spec["png"])
    to_pixel = settings.mapToPixel()
    probes = []
    for x, y in spec.get("probes", []):
        point = to_pixel.transform(QgsPointXY(x, y))
        px, py = int(round(point.x())), int(round(point.y()))
        inside = 0 <= px < image.width() and 0 <= py < image.height()
        probes.append(
            {"pixel": [px, py], "color": QColor(image.pixel(px, py)).name() if inside else None}
        )
    step = max(1, image.width() // 200)
    colours, non_white = set(), 0
    samples = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            value = image.pixel(x, y) & 0xFFFFFF
            colours.add(value)
            samples += 1
            non_white += value != 0xFFFFFF
    return {
        "png": spec["png"],
        "size": [image.width(), image.height()],
        "distinct_colours": len(colours),
        "non_white_fraction": non_white / max(samples, 1),
        "probes": probes,
    }


def check_project(task):
    project = QgsProject.instance()
    project.clear()
    ok = project.read(task["path"])
    out = {"read": bool(ok), "error": project.error(), "crs": project.crs().authid()}
    root = project.layerTreeRoot()
    out["layers"] = [describe_layer(layer, root) for layer in root.layerOrder()]
    out["all_layers"] = len(project.mapLayers())
    extent = project.viewSettings().defaultViewExtent()
    out["view_extent"] = [
        extent.xMinimum(),
        extent.yMinimum(),
        extent.xMaximum(),
        extent.yMaximum(),
    ]
    out["absolute_paths"] = project.readBoolEntry("Paths", "/Absolute", True)[0]
    if ok and task.get("render"):
        out["render"] = render(project, task["render"])
    project.clear()
    return out


def check_layer(task):
    layer = QgsVectorLayer(task["uri"], "bare", "ogr")
    return describe_layer(layer)


def colours(task):
    layer = QgsVectorLayer(task["uri"], "colours", "ogr")
    if not layer.isValid():
        return {"valid": False}
    renderer = layer.renderer().clone()
    context = QgsRenderContext()
    scope = QgsExpressionContextUtils.layerScope(layer)
    context.expressionContext().appendScope(scope)
    renderer.startRender(context, layer.fields())
    out = {}
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        symbol = renderer.symbolForFeature(feature, context)
        out[str(feature[task["key"]])] = color(symbol.color()) if symbol is not None else None
    renderer.stopRender(context)
    return {"valid": True, "renderer": describe_renderer(renderer), "colours": out}


def to_qvariant(value, kind):
    if kind == "date":
        year, month, day = (int(p) for p in value.split("-"))
        return QDateTime(QDate(year, month, day), QTime(0, 0))
    return value


def edit(task):
    layer = QgsVectorLayer(task["uri"], "edit", "ogr")
    if not layer.isValid():
        return {"valid": False}
    expression = f"\"{task['key']}\" = '{task['value']}'"
    features = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(expression)))
    if len(features) != 1:
        return {"valid": True, "found": len(features)}
    fid = features[0].id()
    ok = layer.startEditing()
    changed = []
    for name, (value, kind) in task["changes"].items():
        index = layer.fields().indexOf(name)
        changed.append(layer.changeAttributeValue(fid, index, to_qvariant(value, kind)))
    committed = layer.commitChanges()
    return {
        "valid": True,
        "found": 1,
        "started": ok,
        "changed": changed,
        "committed": committed,
        "errors": layer.commitErrors(),
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    app = QgsApplication([], False)
    app.initQgis()
    results = []
    for task in request["tasks"]:
        handler = {
            "project": check_project,
            "layer": check_layer,
            "colours": colours,
            "edit": edit,
        }[task["kind"]]
        results.append(handler(task))
    print("QGIS_CHECKER_JSON " + json.dumps({"version": Qgis.QGIS_VERSION, "results": results}))
    app.exitQgis()


if __name__ == "__main__":
    main()
