"""The attribute form of a field pack's buildings layer, for QGIS and QField.

What the field worker sees when tapping a building:

* the address (when it was exported) and the BAG id at the top, read-only;
* ``field_status`` as a dropdown (QGIS "Value Map") of the milestones in NCG order with
  their Dutch labels, storing the milestone codes the import expects;
* ``field_date`` as a date picker (``DateTime`` widget, date only, empty allowed);
* ``field_note`` as a multi-line text;
* every other exported column read-only, the ``export_`` stamp last: the office compares
  it on import (:mod:`gis_app.core.fieldpack`), so it must come back unchanged.

:func:`form_parts` returns the elements a project's ``maplayer`` takes
(``fieldConfiguration``, ``aliases``, the drag-and-drop ``attributeEditorForm``,
``editable``, ``labelOnTop``). XML with :mod:`xml.etree.ElementTree` (core has no Qt).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from gis_app.core.schema import MILESTONE_LABELS_NL, MILESTONES

STATUS_COLUMN = "field_status"
DATE_COLUMN = "field_date"
NOTE_COLUMN = "field_note"
EDITABLE = (STATUS_COLUMN, DATE_COLUMN, NOTE_COLUMN)
TOP = ("address", "building_id")
FIELD_ALIASES = {
    STATUS_COLUMN: "Mijlpaal (veld)",
    DATE_COLUMN: "Datum bezoek",
    NOTE_COLUMN: "Notitie",
    "address": "Adres",
    "building_id": "BAG-id",
}


def _option(parent: ET.Element, name: str | None, value: str, kind: str) -> ET.Element:
    attrs = {"value": value, "type": kind}
    if name is not None:
        attrs = {"name": name, **attrs}
    return ET.SubElement(parent, "Option", attrs)


def value_map_config(parent: ET.Element) -> None:
    """Milestone label -> code, in NCG reporting order (QGIS's list form keeps the order)."""
    block = ET.SubElement(parent, "Option", {"type": "Map"})
    items = ET.SubElement(block, "Option", {"name": "map", "type": "List"})
    for code in MILESTONES:
        entry = ET.SubElement(items, "Option", {"type": "Map"})
        _option(entry, MILESTONE_LABELS_NL[code], code, "QString")


def _widget(field: ET.Element, kind: str, config: dict[str, tuple[str, str]] | None) -> None:
    widget = ET.SubElement(field, "editWidget", {"type": kind})
    holder = ET.SubElement(widget, "config")
    if kind == "ValueMap":
        value_map_config(holder)
        return
    block = ET.SubElement(holder, "Option", {"type": "Map"} if config else {})
    for name, (value, type_) in (config or {}).items():
        _option(block, name, value, type_)


def form_order(columns: Iterable[str]) -> list[str]:
    """Form order: address and BAG id, the three field columns, the rest, the stamp."""
    columns = list(columns)
    top = [c for c in TOP if c in columns]
    editable = [c for c in EDITABLE if c in columns]
    stamp = [c for c in columns if c.startswith("export")]
    rest = [c for c in columns if c not in top and c not in editable and c not in stamp]
    return [*top, *editable, *rest, *stamp]


def form_parts(columns: Iterable[str], labels: dict[str, str] | None = None) -> list[ET.Element]:
    """Form elements for a buildings layer with ``columns`` (attribute columns, in the
    layer's order; ``fid`` and geometry excluded). ``labels`` are Dutch column labels."""
    columns = [str(c) for c in columns]
    aliases_by_column = {**(labels or {}), **FIELD_ALIASES}

    field_config = ET.Element("fieldConfiguration")
    for column in columns:
        field = ET.SubElement(field_config, "field", {"name": column, "configurationFlags": "None"})
        if column == STATUS_COLUMN:
            _widget(field, "ValueMap", None)
        elif column == DATE_COLUMN:
            _widget(
                field,
                "DateTime",
                {
                    "allow_null": ("true", "bool"),
                    "calendar_popup": ("true", "bool"),
                    "display_format": ("dd-MM-yyyy", "QString"),
                    "field_format": ("yyyy-MM-dd", "QString"),
                    "field_iso_format": ("false", "bool"),
                },
            )
        elif column == NOTE_COLUMN:
            _widget(
                field, "TextEdit", {"IsMultiline": ("true", "bool"), "UseHtml": ("false", "bool")}
            )
        else:
            _widget(
                field, "TextEdit", {"IsMultiline": ("false", "bool"), "UseHtml": ("false", "bool")}
            )

    aliases = ET.Element("aliases")
    for index, column in enumerate(columns):
        ET.SubElement(
            aliases,
            "alias",
            {"field": column, "index": str(index), "name": aliases_by_column.get(column, "")},
        )

    layout = ET.Element("editorlayout")
    layout.text = "tablayout"  # drag and drop designer: the order below is the form
    form = ET.Element("attributeEditorForm")
    for column in form_order(columns):
        ET.SubElement(
            form,
            "attributeEditorField",
            {"name": column, "index": str(columns.index(column)), "showLabel": "1"},
        )
    editable = ET.Element("editable")
    for column in columns:
        ET.SubElement(
            editable, "field", {"name": column, "editable": "1" if column in EDITABLE else "0"}
        )
    label_on_top = ET.Element("labelOnTop")
    for column in columns:
        ET.SubElement(
            label_on_top,
            "field",
            {"name": column, "labelOnTop": "1" if column == NOTE_COLUMN else "0"},
        )
    return [field_config, aliases, layout, form, editable, label_on_top]
