"""A planner's day with clusters: clusters made by hand take their buildings, the cluster
list can be reordered, deleted from and used from the map; the map stays readable with
clusters; the timeline works with hundreds of clusters and follows the selection."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from shapely.geometry import box

from gis_app.core.clusters import membership as M
from gis_app.core.clusters.frames import cluster_frame
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns
from gis_app.core.styling import (
    CLUSTER_DISPLAY_OUTLINE,
    CLUSTER_DISPLAY_OVER,
    CLUSTER_DISPLAY_UNDER,
    RISK_COLORS,
)
from gis_app.ui.clusters.actions import ClusterActions
from gis_app.ui.clusters.suggest import SuggestClustersDialog
from gis_app.ui.document import ProjectDocument
from gis_app.ui.map.canvas import MapCanvas
from gis_app.ui.map.legend import LegendWidget
from gis_app.ui.planning.timeline import NAME_WIDTH, ROW_HEIGHT, TimelineView

X0, Y0 = 247000.0, 594000.0
N = 30  # a row of 30 houses, 10 m apart


def _project() -> Project:
    geoms = [box(X0 + i * 10, Y0, X0 + i * 10 + 8, Y0 + 8) for i in range(N)]
    buildings = ensure_building_columns(
        gpd.GeoDataFrame(
            {
                "building_id": [f"0024100000{i:06d}" for i in range(N)],
                "risk_profile": (["verhoogd", "licht verhoogd", "normaal"] * N)[:N],
                "woonplaats": "Loppersum",
            },
            geometry=geoms,
            crs=28992,
        )
    )
    # every house is in a cluster: West 0..9, Midden 10..19, Oost 20..29
    clusters = cluster_frame(
        [
            {"cluster_id": "C0001", "name": "West", "color": "#e41a1c"},
            {"cluster_id": "C0002", "name": "Midden", "color": "#377eb8"},
            {"cluster_id": "C0003", "name": "Oost", "color": "#4daf4a"},
        ],
        [
            box(X0 - 1, Y0 - 1, X0 + 99, Y0 + 9),
            box(X0 + 99, Y0 - 1, X0 + 199, Y0 + 9),
            box(X0 + 199, Y0 - 1, X0 + 299, Y0 + 9),
        ],
    )
    M.assign_membership(buildings, clusters)
    return Project(buildings=buildings, clusters=clusters)


@pytest.fixture
def setup(qtbot):
    document = ProjectDocument(_project())
    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    canvas.resize(600, 300)
    canvas.zoom_to_extent(X0 - 10, Y0 - 40, X0 + 310, Y0 + 50, 0)
    actions = ClusterActions(document, canvas)
    qtbot.addWidget(actions.panel)
    messages: list[str] = []
    actions.message.connect(messages.append)
    yield document, canvas, actions, messages
    document.undo_stack.cleanChanged.disconnect()


def _ids(document) -> list[str]:
    return list(document.project.clusters["cluster_id"])


# --- 1. a cluster made by hand gets its buildings -------------------------------------------


def test_cluster_from_selection_takes_five_houses_and_names_the_losers(setup, qtbot):
    document, _canvas, actions, messages = setup
    five = [7, 8, 9, 10, 11]  # three from West, two from Midden
    document.set_selection(five)
    actions.from_selection_action.trigger()
    new = _ids(document)[0]  # put first: voorrang 1
    assert list(M.members(document.project.buildings, new)) == five
    assert len(M.members(document.project.buildings, "C0001")) == 7
    assert len(M.members(document.project.buildings, "C0002")) == 8
    notice = messages[-1]
    assert "5 panden" in notice and "3 van West" in notice and "2 van Midden" in notice
    assert "\n" not in notice
    qtbot.waitUntil(lambda: actions.panel.notice.text() == notice)
    document.undo_stack.undo()
    assert _ids(document) == ["C0001", "C0002", "C0003"]
    assert list(M.members(document.project.buildings, "C0001")) == list(range(10))
    assert list(M.members(document.project.buildings, "C0002")) == list(range(10, 20))


def test_drawn_cluster_takes_the_buildings_inside_it(setup):
    document, canvas, actions, messages = setup
    canvas.set_tool(actions.draw_tool)
    ring = [(X0 + 195, Y0 - 5), (X0 + 225, Y0 - 5), (X0 + 225, Y0 + 12), (X0 + 195, Y0 + 12)]
    actions.draw_tool.finished(ring)
    new = _ids(document)[0]
    assert list(M.members(document.project.buildings, new)) == [20, 21, 22]
    assert "3 van Oost" in messages[-1]


def test_an_edit_that_leaves_a_cluster_empty_warns(setup, qtbot):
    document, canvas, actions, messages = setup
    # a cluster drawn where no house stands holds nothing: said at once
    actions.draw_tool.activate(canvas)
    actions.draw_tool.finished([(X0, Y0 + 100), (X0 + 50, Y0 + 100), (X0 + 50, Y0 + 150)])
    assert "geen panden" in messages[-1]
    panel = actions.panel
    qtbot.waitUntil(lambda: not panel.warning.isHidden())
    assert "Cluster C0004" in panel.warning.text()
    # a cluster drawn over all of Midden empties it: the warning names Midden
    actions.draw_tool.finished(
        [(X0 + 98, Y0 - 5), (X0 + 200, Y0 - 5), (X0 + 200, Y0 + 12), (X0 + 98, Y0 + 12)]
    )
    qtbot.waitUntil(lambda: "Midden" in panel.warning.text())
    assert any("Midden" in m and "geen panden" in m for m in messages)
    assert panel.model.empty == {"C0002", "C0004"}


def test_drag_and_drop_reorders_the_priority_with_undo(setup, qtbot):
    document, _canvas, actions, _messages = setup
    panel = actions.panel
    model = panel.model
    assert panel.view.dragEnabled()
    assert panel.view.dragDropMode() == panel.view.DragDropMode.InternalMove
    data = model.mimeData([model.index(2, 0)])  # Oost
    assert panel.proxy.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: model.ids == ["C0003", "C0001", "C0002"])
    assert _ids(document) == ["C0003", "C0001", "C0002"]
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: model.ids == ["C0001", "C0002", "C0003"])
    # dropped on a row: before that row; two rows keep their mutual order
    data = model.mimeData([model.index(0, 0), model.index(2, 1)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(1, 0))
    qtbot.waitUntil(lambda: model.ids == ["C0001", "C0003", "C0002"])
    # dropped below the last row: to the end
    data = model.mimeData([model.index(0, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    qtbot.waitUntil(lambda: model.ids == ["C0003", "C0002", "C0001"])
    assert document.undo_stack.count() == 2  # the undone first move was replaced
    # sorted by another column, rows cannot be dragged
    panel.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert not panel.view.dragEnabled()
    panel.sort_by_order()
    assert panel.view.dragEnabled()


def test_to_start_to_end_and_delete_key_with_undo(setup, qtbot):
    document, _canvas, actions, messages = setup
    panel = actions.panel
    panel.show()
    qtbot.waitExposed(panel)
    document.set_selected_clusters(["C0003"])
    panel.first_button.click()
    qtbot.waitUntil(lambda: panel.model.ids == ["C0003", "C0001", "C0002"])
    document.set_selected_clusters(["C0003", "C0001"])
    panel.last_button.click()
    qtbot.waitUntil(lambda: panel.model.ids == ["C0002", "C0003", "C0001"])
    document.set_selected_clusters(["C0002"])
    panel.activateWindow()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert _ids(document) == ["C0003", "C0001"]
    assert "Midden verwijderd" in messages[-1]
    assert (M.current_membership(document.project.buildings)[10:20] == "").all()
    document.undo_stack.undo()
    assert _ids(document) == ["C0002", "C0003", "C0001"]
    assert list(M.members(document.project.buildings, "C0002")) == list(range(10, 20))


def test_context_menu_on_the_map_and_the_list(setup, qtbot):
    document, _canvas, actions, _messages = setup
    panel = actions.panel
    expected = {
        "Hernoemen...",
        "Panden selecteren",
        "Zoom naar cluster",
        "Naar begin (hoogste voorrang)",
        "Naar eind (laagste voorrang)",
        "Verwijderen",
    }
    texts = {a.text() for a in panel.cluster_menu(["C0002"]).actions()}
    assert expected <= texts
    two = {a.text() for a in panel.cluster_menu(["C0001", "C0002"]).actions()}
    assert "Samenvoegen" in two and "2 clusters verwijderen" in two
    # right click on the map on Midden: selects it and offers the same actions
    menu = actions.map_menu(X0 + 150, Y0 + 4)
    assert document.selected_cluster_ids == ["C0002"]
    actions_by_text = {a.text(): a for a in menu.actions()}
    assert expected <= set(actions_by_text)
    actions_by_text["Panden selecteren"].trigger()
    assert list(document.selection) == list(range(10, 20))
    assert "Cluster uit selectie" in {
        a.text() for a in actions.map_menu(X0 + 150, Y0 + 4).actions()
    }
    actions.map_menu(X0 + 150, Y0 + 4)
    {a.text(): a for a in actions.map_menu(X0 + 150, Y0 + 4).actions()}["Verwijderen"].trigger()
    assert _ids(document) == ["C0001", "C0003"]
    document.undo_stack.undo()
    assert _ids(document) == ["C0001", "C0002", "C0003"]
    # nothing under the cursor and nothing selected: no menu
    document.set_selected_clusters([])
    document.set_selection([])
    assert actions.map_menu(X0 + 150, Y0 + 500) is None


def test_priority_is_not_called_order_and_the_plan_place_is_its_own_column(setup):
    _document, _canvas, actions, _messages = setup
    headers = [label for _key, label in actions.panel.model.columns]
    assert headers[0] == "Voorrang" and "Plaats in planning" in headers
    assert "Volgorde" not in headers


def _magenta(color: QColor) -> bool:
    return color.red() > 150 and color.green() < 90 and color.blue() > 90


def test_suggestions_are_previewed_on_the_map_with_a_minimum_size(qtbot):
    # two terraces of six and three lone farms, nothing clustered yet
    geoms = [box(X0 + i * 7.0, Y0, X0 + i * 7.0 + 7, Y0 + 8) for i in range(6)]
    geoms += [box(X0 + i * 7.0, Y0 + 500, X0 + i * 7.0 + 7, Y0 + 508) for i in range(6)]
    geoms += [box(X0 + 2000 + k * 900, Y0, X0 + 2008 + k * 900, Y0 + 8) for k in range(3)]
    buildings = ensure_building_columns(
        gpd.GeoDataFrame(
            {"building_id": [f"0024100000{i:06d}" for i in range(len(geoms))]},
            geometry=geoms,
            crs=28992,
        )
    )
    document = ProjectDocument(Project(buildings=buildings))
    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    canvas.zoom_full()
    dialog = SuggestClustersDialog(document, canvas=canvas)
    qtbot.addWidget(dialog)
    dialog.min_size.setValue(1)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.accept_button.isEnabled(), timeout=20000)
    assert canvas.preview_count == 5
    dialog.min_size.setValue(3)  # no new computation: the small ones drop out at once
    assert canvas.preview_count == 2
    assert "3 kleinere groepen weggelaten" in dialog.status.text()
    assert "3 panden blijven zonder cluster" in dialog.status.text()
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.zoom_to_extent(X0 - 20, Y0 - 20, X0 + 60, Y0 + 530, 0)
    canvas.render_now()
    image = canvas.grab().toImage()  # the preview is drawn over the map
    magenta = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if _magenta(QColor(image.pixel(x, y)))
    )
    assert magenta > 20
    dialog.accept_suggestion()
    assert canvas.preview_count == 0
    assert len(document.project.clusters) == 2
    assert (M.current_membership(document.project.buildings)[12:] == "").all()
    qtbot.waitUntil(lambda: dialog.worker is None)
    document.undo_stack.cleanChanged.disconnect()


# --- 2. the map stays readable with clusters ----------------------------------------------


def _pixel(canvas, image, x, y) -> str:
    point = canvas.map_to_screen(x, y)
    return QColor(image.pixel(int(point.x()), int(point.y()))).name()


def test_cluster_tint_lies_under_the_buildings_and_is_a_style_choice(setup):
    document, canvas, actions, _messages = setup
    canvas.resize(900, 300)
    canvas.zoom_to_extent(X0 + 90, Y0 - 10, X0 + 130, Y0 + 20, 0)
    inside_house = (X0 + 104, Y0 + 4)  # house 10
    profile = document.project.buildings["risk_profile"].iloc[10]
    gap = (X0 + 109, Y0 + 4)  # between houses 10 and 11, inside Midden
    assert canvas.layers.cluster_display == CLUSTER_DISPLAY_UNDER
    request = canvas.render_request()
    kinds = [(s.kind, s.part) for s in request.layers]
    assert kinds.index(("outlined", "fill")) < kinds.index(("buildings", "both"))
    image = canvas.render_now()
    assert _pixel(canvas, image, *inside_house) == RISK_COLORS[profile]  # not blended
    tinted_gap = _pixel(canvas, image, *gap)
    assert tinted_gap != QColor("#f7f7f4").name()  # the faint fill shows between houses
    actions.set_display(CLUSTER_DISPLAY_OVER)
    image = canvas.render_now()
    assert _pixel(canvas, image, *inside_house) != RISK_COLORS[profile]  # veiled
    actions.set_display(CLUSTER_DISPLAY_OUTLINE)
    image = canvas.render_now()
    assert _pixel(canvas, image, *gap) == QColor("#f7f7f4").name()
    assert actions.display_actions[CLUSTER_DISPLAY_OUTLINE].isChecked()
    menu = actions.menu()
    menu_texts = [a.text() for a in menu.actions()]
    assert "Weergave op de kaart" in menu_texts


def test_selected_cluster_is_an_outline_and_the_legend_names_clusters_and_packages(setup, qtbot):
    document, canvas, _actions, _messages = setup
    legend = LegendWidget(canvas.layers)
    qtbot.addWidget(legend)
    texts = [t for t, _c in legend.entries]
    assert "omtrek, lichte vulling onder de panden" in texts
    assert "geselecteerde cluster" in texts
    document.set_selection([1, 2])
    texts = [t for t, _c in legend.entries]
    assert "geselecteerd, rand om het pand (2)" in texts
    # a work package layer gets its own entry with its count
    packages = gpd.GeoDataFrame(
        {"package_id": ["C0001-WP01"], "name": ["WP 1"]},
        geometry=[box(X0, Y0, X0 + 90, Y0 + 8)],
        crs=28992,
    )
    document.project.packages = packages  # test set-up, not an edit
    canvas.layers.refresh_packages()
    texts = [t for t, _c in legend.entries]
    assert "Werkpakketten: gestreepte omtrek (1)" in texts
    # a selected cluster: a blue outline, the houses inside keep their colour
    canvas.resize(900, 300)
    canvas.zoom_to_extent(X0 + 90, Y0 - 10, X0 + 130, Y0 + 20, 0)
    document.set_selection([])
    document.set_selected_clusters(["C0002"])
    image = canvas.render_now()
    profile = document.project.buildings["risk_profile"].iloc[11]
    assert _pixel(canvas, image, X0 + 114, Y0 + 4) == RISK_COLORS[profile]
    edge = canvas.map_to_screen(X0 + 120, Y0 + 9)
    near = [QColor(image.pixel(int(edge.x()), int(edge.y()) + dy)).name() for dy in range(-3, 4)]
    assert "#0060a0" in near


# --- 3. a timeline that works at 900 clusters ---------------------------------------------


def _gantt_rows(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    start = pd.Timestamp("2027-01-01") + pd.to_timedelta(np.arange(n) * 2, unit="D")
    places = np.array(["Loppersum", "Delfzijl", "Appingedam"])[np.arange(n) % 3]
    profiles = np.array(["verhoogd", "licht verhoogd", "normaal"])[rng.integers(0, 3, n)]
    return pd.DataFrame(
        {
            "row": np.arange(n),
            "cluster_id": [f"C{i + 1:04d}" for i in range(n)],
            "name": [f"{p}-{i + 1:03d}" for i, p in enumerate(places)],
            "start": start,
            "end": start + pd.Timedelta(days=120),
            "prep_start": start - pd.Timedelta(days=200),
            "n_buildings": 20,
            "verhoogd": (profiles == "verhoogd") * 12,
            "licht verhoogd": 4,
            "normaal": 4,
            "onbekend": 0,
            "dominant": profiles,
            "bespoke": 5,
        }
    )


@pytest.mark.parametrize("n", [900, 2000])
def test_timeline_has_one_readable_row_per_cluster_and_scrolls(qtbot, n):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    view.set_rows(_gantt_rows(n), plan_start=pd.Timestamp("2026-11-30"))
    gantt = view.gantt
    assert len(gantt.order) == n
    assert view.count.text() == f"{n} clusters in de planning"
    bar = gantt.verticalScrollBar()
    assert bar.maximum() >= (n - gantt.rows_in_view()) * ROW_HEIGHT - ROW_HEIGHT
    assert gantt.fontMetrics().height() + 4 <= ROW_HEIGHT  # names never overlap
    first = gantt.row_at(40)
    bar.setValue(bar.maximum())
    assert gantt.row_at(40) > first + n // 2  # scrolled to the end
    # names are drawn in the name column: the pixels there are not all white
    image = gantt.viewport().grab().toImage()
    dark = sum(
        1
        for x in range(4, NAME_WIDTH - 4, 2)
        for y in range(40, image.height() - 4, 2)
        if QColor(image.pixel(x, y)).lightness() < 100
    )
    assert dark > 50
    # bars have no black edges: no pure black pixel in the bar area
    black = sum(
        1
        for x in range(NAME_WIDTH + 2, image.width() - 4, 3)
        for y in range(40, image.height() - 4, 3)
        if QColor(image.pixel(x, y)).lightness() < 25
    )
    assert black == 0


def test_timeline_filter_reduces_rows(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.show()
    rows = _gantt_rows(900)
    view.set_rows(rows)
    view.search.setText("delfzijl")
    assert len(view.gantt.order) == 300
    assert all("Delfzijl" in view.gantt.names[i] for i in view.gantt.order)
    assert view.count.text() == "300 van 900 clusters"
    view.search.setText("")
    view.profile.setCurrentIndex(view.profile.findData("verhoogd"))
    assert len(view.gantt.order) == int((rows["dominant"] == "verhoogd").sum())
    view.profile.setCurrentIndex(0)
    assert len(view.gantt.order) == 900


def test_timeline_filters_by_municipality_of_the_members(setup, qtbot):
    document, _canvas, _actions, _messages = setup
    view = TimelineView(document=document)
    qtbot.addWidget(view)
    view.show()
    rows = _gantt_rows(3)
    rows["cluster_id"] = ["C0001", "C0002", "C0003"]
    view.set_rows(rows)
    assert view.municipality.findData("Loppersum") >= 0  # from the BAG ids' code 0024
    view.municipality.setCurrentIndex(view.municipality.findData("Loppersum"))
    assert len(view.gantt.order) == 3


def test_timeline_zooms_the_time_axis(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    view.set_rows(_gantt_rows(900))
    gantt = view.gantt
    full = gantt.t1 - gantt.t0
    view.zoom_in_button.click()
    assert gantt.t1 - gantt.t0 == pytest.approx(full / 1.5)
    assert gantt.horizontalScrollBar().maximum() > 0  # the zoomed axis pans
    gantt.horizontalScrollBar().setValue(gantt.horizontalScrollBar().maximum())
    assert gantt.t1 == pytest.approx(gantt.full[1], abs=86400 * 2)
    view.full_button.click()
    assert gantt.t1 - gantt.t0 == pytest.approx(full)
    # Ctrl+wheel zooms around the mouse
    from PySide6.QtGui import QWheelEvent

    position = QPointF(NAME_WIDTH + 300, 100)
    event = QWheelEvent(
        position,
        gantt.viewport().mapToGlobal(position),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    gantt.wheelEvent(event)
    assert gantt.t1 - gantt.t0 < full / 1.4


def test_timeline_selection_both_ways_with_the_map(setup, qtbot):
    document, canvas, actions, _messages = setup
    view = TimelineView(document=document)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    # the wiring of the planning workspace
    view.clusterClicked.connect(lambda cid: document.set_selected_clusters([cid]))
    document.clusterSelectionChanged.connect(
        lambda: view.set_selected(document.selected_cluster_ids)
    )
    rows = _gantt_rows(900)
    rows["cluster_id"] = [f"T{i:04d}" for i in range(len(rows))]
    rows.loc[850, "cluster_id"] = "C0003"
    view.set_rows(rows)
    # timeline -> document -> map: the map brings Oost into view
    canvas.zoom_to_extent(X0 - 5, Y0 - 5, X0 + 40, Y0 + 20, 0)
    assert not canvas.extent()[2] > X0 + 250
    view.gantt.scroll_to_row(850)
    y = view.gantt.row_y(850)
    assert 36 < y < view.gantt.viewport().height()
    assert view.gantt.row_at(y) == 850
    qtbot.mouseClick(view.gantt.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(300, y))
    assert document.selected_cluster_ids == ["C0003"]
    xmin, ymin, xmax, ymax = canvas.extent()
    assert xmin <= X0 + 250 <= xmax  # Oost's centre is now on screen
    assert actions.panel.selected_ids() == ["C0003"]
    # map / list -> timeline: highlighted and scrolled into view
    view.gantt.verticalScrollBar().setValue(0)
    document.set_selected_clusters(["C0003"])  # unchanged: nothing to do
    document.set_selected_clusters([])
    document.set_selected_clusters(["C0003"])
    assert view.gantt.selected[850] and view.gantt.selected.sum() == 1
    top = view.gantt.first_visible()
    assert top <= 850 < top + view.gantt.rows_in_view()


def test_delete_key_on_the_map_and_rename_from_the_map_menu(setup, qtbot, monkeypatch):
    document, canvas, actions, messages = setup
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.activateWindow()
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    document.set_selected_clusters(["C0003"])
    assert actions.delete_action.isEnabled()
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert _ids(document) == ["C0001", "C0002"]
    assert "Oost verwijderd" in messages[-1]
    document.undo_stack.undo()
    assert _ids(document) == ["C0001", "C0002", "C0003"]
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Kerkbuurt", True))
    menu = actions.map_menu(X0 + 150, Y0 + 4)
    {a.text(): a for a in menu.actions()}["Hernoemen..."].trigger()
    assert document.project.clusters.set_index("cluster_id").loc["C0002", "name"] == "Kerkbuurt"


def test_cluster_display_is_kept_in_the_layer_settings(setup):
    _document, canvas, actions, _messages = setup
    actions.set_display(CLUSTER_DISPLAY_OUTLINE)
    settings = canvas.layers.to_settings()
    assert settings["cluster_display"] == CLUSTER_DISPLAY_OUTLINE
    canvas.layers.set_cluster_display(CLUSTER_DISPLAY_UNDER)
    canvas.layers.apply_settings(settings)
    assert canvas.layers.cluster_display == CLUSTER_DISPLAY_OUTLINE
    with pytest.raises(ValueError):
        canvas.layers.set_cluster_display("confetti")
