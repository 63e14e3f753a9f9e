"""Panels around the map: attribute table, search, identify, layers and style."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QModelIndex, Qt

from gis_app.core.project import Project
from gis_app.core.schema import WORKING_CRS, ensure_building_columns
from gis_app.core.search import SearchIndex
from gis_app.core.styling import METHOD_JENKS, STYLE_GRADUATED, STYLE_RISK
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.layers import LAYER_BUILDINGS, LayerStack
from gis_app.ui.panels.attribute_table import AttributeTable, sort_permutation
from gis_app.ui.panels.identify_panel import IdentifyPanel, building_summary
from gis_app.ui.panels.labels import column_label
from gis_app.ui.panels.layers_panel import LayersPanel
from gis_app.ui.panels.search import SearchField
from gis_app.ui.panels.style_panel import StylePanel


def make_buildings() -> gpd.GeoDataFrame:
    """Eight houses in two streets; known ids, addresses, LPR values."""
    xs = np.arange(8) * 20.0 + 247000.0
    frame = gpd.GeoDataFrame(
        {
            "building_id": [f"00241000000000{i:02d}" for i in range(8)],
            "lpr": [2e-5, 5e-7, np.nan, 3e-6, 8e-5, 1e-6, 4e-7, 2e-6],
            "risk_profile": [
                "verhoogd",
                "normaal",
                "onbekend",
                "licht verhoogd",
                "verhoogd",
                "normaal",
                "normaal",
                "licht verhoogd",
            ],
            "address": [
                "Stationsweg 1",
                "Stationsweg 3",
                "Stationsweg 12",
                "Stationsweg 120",
                "Kerkstraat 2",
                "Kerkstraat 4",
                "Kerkstraat 6",
                "Molenweg 9",
            ],
            "postcode": [
                "9919 AB",
                "9919 AB",
                "9919 AC",
                "9919 AC",
                "9918 KL",
                "9918 KL",
                "9918 KL",
                "9919 XY",
            ],
            "woonplaats": ["Loppersum"] * 4 + ["Appingedam"] * 3 + ["Loppersum"],
            "milestone": [
                "opname",
                "afgerond",
                "in_plan",
                "bouw_gestart",
                "niet_in_plan",
                "opname",
                "opname",
                "afgerond",
            ],
            "bouwjaar": [1930, 1965, 1910, 1985, 1950, 1951, 1952, 2001],
        },
        geometry=shapely.box(xs, 594000.0, xs + 12.0, 594010.0),
        crs=WORKING_CRS,
    )
    return ensure_building_columns(frame)


@pytest.fixture
def document(qtbot):
    return ProjectDocument(Project(buildings=make_buildings(), name="test"))


# --- attribute table --------------------------------------------------------------------------


def test_sort_permutation_descending_puts_highest_first_and_missing_last():
    values = np.array([2e-5, 5e-7, np.nan, 8e-5])
    assert sort_permutation(values, "lpr", descending=True).tolist() == [3, 0, 1, 2]
    assert sort_permutation(values, "lpr", descending=False).tolist() == [1, 0, 3, 2]


def test_sort_milestone_follows_ncg_order():
    values = np.array(["afgerond", "opname", "niet_in_plan", "in_plan"], dtype=object)
    assert sort_permutation(values, "milestone", descending=False).tolist() == [2, 3, 1, 0]


def test_table_sort_by_lpr_descending(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    lpr_column = table.model.columns.index("lpr")
    table.view.sortByColumn(lpr_column, Qt.SortOrder.DescendingOrder)
    first = table.model.index(0, lpr_column).data()
    assert first == "8,0e-05"
    assert table.model.rows[0] == 4
    assert table.model.rows[-1] == 2  # the building without LPR comes last


def _click(qtbot, table, view_row, modifier=Qt.KeyboardModifier.NoModifier):
    rect = table.view.visualRect(table.model.index(view_row, 1))
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_table_selection_follows_document_and_back(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    table.resize(900, 400)
    table.show()
    lpr_column = table.model.columns.index("lpr")
    table.view.sortByColumn(lpr_column, Qt.SortOrder.DescendingOrder)

    document.set_selection([0, 3])
    assert table.selected_rows().tolist() == [0, 3]
    highlighted = [
        table.model.rows[r]
        for r in range(table.model.rowCount())
        if table.model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    ]
    assert sorted(highlighted) == [0, 3]

    # A click on one row in the table (row 0 is building 4 after sorting) selects it alone.
    _click(qtbot, table, 0)
    assert document.selection.tolist() == [4]
    # Ctrl-click adds (toggles) a row, shift-click selects the range from the last click.
    _click(qtbot, table, 2, Qt.KeyboardModifier.ControlModifier)
    assert document.selection.tolist() == sorted([4, table.model.rows[2]])
    _click(qtbot, table, 5, Qt.KeyboardModifier.ShiftModifier)
    assert document.selection.tolist() == sorted(table.model.rows[2:6].tolist())
    _click(qtbot, table, 5, Qt.KeyboardModifier.ControlModifier)
    assert table.model.rows[5] not in document.selection


def test_drag_selects_rows_passed_over(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    table.click_row(1)
    table.drag_to_row(4)
    assert document.selection.tolist() == [1, 2, 3, 4]
    table.drag_to_row(0)
    assert document.selection.tolist() == [0, 1]


def filter_table(table: AttributeTable, column: str, text: str) -> None:
    """Filter as the user does: choose the column (``__all__``: every column), type, apply."""
    table.column_combo.setCurrentIndex(table.column_combo.findData(column))
    table.filter_edit.setText(text)
    table.apply_filter()


def test_table_filter_on_column_and_all(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    filter_table(table, "woonplaats", "appinge")
    assert sorted(table.model.rows.tolist()) == [4, 5, 6]
    assert "3 van 8" in table.count_label.text()

    filter_table(table, "__all__", "molenweg")
    assert table.model.rows.tolist() == [7]

    filter_table(table, "__all__", "")
    assert table.model.rowCount() == 8


def test_filter_matches_shown_dutch_labels(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    filter_table(table, "milestone", "bouw gestart")
    assert table.model.rows.tolist() == [3]


def test_only_selection_shows_selected_rows_and_follows_changes(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    document.set_selection([1, 5])
    table.only_selection.setChecked(True)
    assert table.model.rows.tolist() == [1, 5]
    document.set_selection([2])
    assert table.model.rows.tolist() == [2]
    table.only_selection.setChecked(False)
    assert table.model.rowCount() == 8


def test_zoom_button_requests_zoom(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    with qtbot.waitSignal(table.zoomToSelectionRequested):
        table.zoom_button.click()


def test_table_shows_new_and_changed_columns(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    buildings = document.project.buildings
    buildings["plan_jaar"] = np.arange(len(buildings)) + 2027
    buildings["lpr"] = buildings["lpr"] * 2
    document.buildingAttributesChanged.emit(["plan_jaar", "lpr"])
    assert "plan_jaar" in table.model.columns
    assert table.column_combo.findData("plan_jaar") >= 0
    column = table.model.columns.index("lpr")
    assert table.model.index(0, column).data() == "4,0e-05"


def test_new_columns_are_sized_and_the_others_keep_their_width(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    lpr = table.model.columns.index("lpr")
    table.view.setColumnWidth(lpr, 211)  # the planner widened it
    buildings = document.project.buildings
    buildings["plan_toelichting"] = "een lange toelichting bij het plan van dit pand"
    document.buildingAttributesChanged.emit(["plan_toelichting"])
    assert table.view.columnWidth(table.model.columns.index("lpr")) == 211
    new = table.model.columns.index("plan_toelichting")
    assert table.view.columnWidth(new) > 200  # measured from its long values


def test_table_follows_new_project(qtbot, document):
    table = AttributeTable(document)
    qtbot.addWidget(table)
    smaller = make_buildings().iloc[:3].reset_index(drop=True)
    document.replace_project(Project(buildings=smaller))
    assert table.model.rowCount() == 3


# --- search -----------------------------------------------------------------------------------


def test_search_index_by_id_address_and_postcode():
    index = SearchIndex(make_buildings())
    assert index.search("0024100000000005").tolist()[0] == 5
    assert index.search("9918 kl").tolist() == [4, 5, 6]
    assert index.search("9918KL").tolist() == [4, 5, 6]
    # exact address first, then the longer number that starts with it
    assert index.search("stationsweg 12").tolist() == [2, 3]
    assert index.search("stationsweg 12", best_only=True).tolist() == [2]
    assert index.search("loppersum molenweg").tolist() == [7]
    assert index.search("appingedam kerk 4").tolist() == [5]  # word prefixes, any order
    assert index.search("00241000000000").tolist() == list(range(8))  # id prefix
    assert index.search("KERKSTRAAT").tolist() == [4, 5, 6]
    assert index.search("nergensweg").tolist() == []


def test_search_field_emits_hits_and_messages(qtbot, document):
    field = SearchField(document)
    qtbot.addWidget(field)
    field.setText("Molenweg 9")
    with qtbot.waitSignal(field.found) as blocker:
        field.run_search()
    assert blocker.args[0].tolist() == [7]
    messages = []
    field.message.connect(messages.append)
    field.setText("bestaat niet")
    assert field.run_search().tolist() == []
    assert "Niets gevonden" in messages[-1]


# --- identify ---------------------------------------------------------------------------------


def test_identify_panel_shows_all_attributes(qtbot, document):
    panel = IdentifyPanel(document)
    qtbot.addWidget(panel)
    panel.show_building(4)
    assert panel.value_of(column_label("building_id")) == "0024100000000004"
    assert panel.value_of(column_label("risk_profile")) == "verhoogd"
    assert panel.value_of(column_label("milestone")) == "nog niet in lokaal plan"
    assert panel.value_of("Bouwjaar") == "1950"  # source column kept, Dutch label, no "1.950"
    assert panel.value_of("Oppervlakte") == "120 m²"
    assert "Kerkstraat 2" in panel.title.text()


def test_identify_panel_follows_single_selection(qtbot, document):
    panel = IdentifyPanel(document)
    qtbot.addWidget(panel)
    document.set_selection([6])
    assert panel.row == 6
    document.set_selection([1, 2])
    assert panel.row == 6  # several selected: keeps what it showed


def test_building_summary_has_id_address_profile_lpr():
    text = building_summary(make_buildings(), 0)
    assert "0024100000000000" in text
    assert "Stationsweg 1, Loppersum" in text
    assert "verhoogd" in text
    assert "2,0e-05" in text


# --- layers and style -------------------------------------------------------------------------


def test_layers_panel_toggles_visibility_and_opacity(qtbot, document):
    stack = LayerStack(document)
    panel = LayersPanel(stack)
    qtbot.addWidget(panel)
    item = panel.item_for(LAYER_BUILDINGS)
    assert item.checkState() == Qt.CheckState.Checked
    with qtbot.waitSignal(stack.layerChanged):
        item.setCheckState(Qt.CheckState.Unchecked)
    assert stack.buildings.visible is False

    panel.select_layer(LAYER_BUILDINGS)
    panel.opacity_slider.setValue(40)
    assert stack.buildings.opacity == pytest.approx(0.4)
    assert "8" in panel.item_for(LAYER_BUILDINGS).text()


def test_layers_panel_moves_layer_and_adds_background_file(qtbot, document, tmp_path):
    stack = LayerStack(document)
    panel = LayersPanel(stack)
    qtbot.addWidget(panel)
    before = stack.index_of(LAYER_BUILDINGS)
    panel.select_layer(LAYER_BUILDINGS)
    panel.move_current(+1)
    assert stack.index_of(LAYER_BUILDINGS) == before + 1
    assert panel.current_layer_id() == LAYER_BUILDINGS

    boundary = gpd.GeoDataFrame(
        {"naam": ["Loppersum"]},
        geometry=[shapely.box(246900, 593900, 247300, 594100)],
        crs=WORKING_CRS,
    )
    path = tmp_path / "grens.geojson"
    boundary.to_file(path, driver="GeoJSON")
    assert panel.add_layer(path)
    assert panel.current_layer_id() != LAYER_BUILDINGS
    assert panel.list.count() == len(stack.layers())
    panel.remove_current()
    assert panel.list.count() == 3


def test_dragging_a_row_reorders_the_stack(qtbot, document):
    stack = LayerStack(document)
    panel = LayersPanel(stack)
    qtbot.addWidget(panel)
    top_before = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    # What a drop does to the list widget: move the bottom row (buildings) to the top.
    last = panel.list.count() - 1
    assert panel.list.item(last).data(Qt.ItemDataRole.UserRole) == LAYER_BUILDINGS
    panel.list.model().moveRow(QModelIndex(), last, QModelIndex(), 0)
    qtbot.waitUntil(lambda: stack.layers()[-1].id == LAYER_BUILDINGS)
    assert stack.index_of(top_before) == len(stack.layers()) - 2


def test_search_field_suggests_while_typing(qtbot, document):
    field = SearchField(document)
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClicks(field, "kerkstr")
    qtbot.waitUntil(lambda: len(field._suggested) == 3)
    first = next(iter(field._suggested))
    assert first.startswith("Kerkstraat 2, Appingedam")
    with qtbot.waitSignal(field.found) as blocker:
        field._suggestion_chosen(first)
    assert blocker.args[0].tolist() == [4]


def test_style_panel_emits_graduated_spec(qtbot, document):
    panel = StylePanel(document)
    qtbot.addWidget(panel)
    assert panel.spec().kind == STYLE_RISK
    specs = []
    panel.styleChanged.connect(specs.append)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(STYLE_GRADUATED))
    panel.method_combo.setCurrentIndex(panel.method_combo.findData(METHOD_JENKS))
    panel.classes_spin.setValue(4)
    spec = specs[-1]
    assert spec.kind == STYLE_GRADUATED
    assert spec.column == "lpr"
    assert spec.method == METHOD_JENKS
    assert spec.classes == 4
    panel.outline_check.setChecked(False)
    assert specs[-1].outline is False


def test_the_cluster_column_shows_names_cell_by_cell_and_sorts_and_filters_by_them(qtbot):
    """A cell shows its cluster's name without mapping every row's id (tens of ms at
    300,000 rows on the UI thread); sorting and filtering still go by the shown names."""
    from gis_app.core.clusters.frames import cluster_frame

    buildings = make_buildings()
    buildings["cluster_id"] = ["C1", "C1", "C2", "C2", "", "C1", "C2", "C1"]
    clusters = cluster_frame(
        [{"cluster_id": "C1", "name": "Westerwijk"}, {"cluster_id": "C2", "name": "Ananas"}],
        [shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)],
    )
    document = ProjectDocument(Project(buildings=buildings, clusters=clusters, name="t"))
    table = AttributeTable(document)
    qtbot.addWidget(table)
    table.resize(900, 400)
    table.show()
    qtbot.waitExposed(table)
    model = table.model
    column = model.columns.index("cluster_id")
    shown = [model.data(model.index(r, column)) for r in range(model.rowCount())]
    assert shown[:4] == ["Westerwijk", "Westerwijk", "Ananas", "Ananas"]
    assert "cluster_id" not in model._arrays  # only the raw ids were needed
    filter_table(table, "cluster_id", "ananas")
    assert sorted(model.rows.tolist()) == [2, 3, 6]
    filter_table(table, "__all__", "")
    model.sort(column, Qt.SortOrder.AscendingOrder)
    names = [model.data(model.index(r, column)) for r in range(model.rowCount())]
    named = [name for name in names if name]
    assert named == ["Ananas"] * 3 + ["Westerwijk"] * 4  # by name, not by id (C1 < C2)
