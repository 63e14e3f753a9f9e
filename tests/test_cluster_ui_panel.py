"""Cluster panel: statistics, sorting, selection in step with the document, edits; suggestion dialog; actions."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from PySide6.QtCore import Qt
from shapely.geometry import box

from gis_app.core.clusters import membership as M
from gis_app.core.clusters.frames import cluster_frame
from gis_app.core.clusters.io import read_clusters
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns
from gis_app.ui.clusters.panel import ClusterPanel
from gis_app.ui.clusters.suggest import SuggestClustersDialog
from gis_app.ui.document import ProjectDocument

X0, Y0 = 247000.0, 594000.0


def _project():
    geoms = [box(X0 + i * 6, Y0, X0 + i * 6 + 6, Y0 + 9) for i in range(12)]
    buildings = ensure_building_columns(
        gpd.GeoDataFrame(
            {
                "building_id": [f"0024100000{i:06d}" for i in range(12)],
                "risk_profile": ["verhoogd"] * 3 + ["normaal"] * 6 + ["licht verhoogd"] * 3,
                "addresses": [2] * 12,
                "woonplaats": "Loppersum",
            },
            geometry=geoms,
            crs=28992,
        )
    )
    clusters = cluster_frame(
        [
            {"cluster_id": "C0001", "name": "Noord", "color": "#ff0000"},
            {"cluster_id": "C0002", "name": "Zuid", "color": "#00ff00"},
        ],
        # C0001: houses 3..8 (normaal); C0002: houses 0..4 (3 verhoogd) — overlap on 3, 4.
        [box(X0 + 17, Y0 - 1, X0 + 54, Y0 + 10), box(X0 - 1, Y0 - 1, X0 + 30, Y0 + 10)],
    )
    M.assign_membership(buildings, clusters)
    return Project(buildings=buildings, clusters=clusters)


@pytest.fixture
def document():
    document = ProjectDocument(_project())
    yield document
    document.undo_stack.cleanChanged.disconnect()


@pytest.fixture
def panel(qtbot, document):
    panel = ClusterPanel(document)
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    return panel


def _column(panel, key):
    return [k for k, _ in panel.model.columns].index(key)


def _cell(panel, row, key):
    return panel.proxy.index(row, _column(panel, key)).data()


def test_statistics_and_unclustered_and_overlap(panel, document):
    assert panel.model.ids == ["C0001", "C0002"]
    assert _cell(panel, 0, "n_buildings") == "6" and _cell(panel, 1, "n_buildings") == "3"
    assert _cell(panel, 0, "addresses") == "12"
    assert _cell(panel, 1, "profile:verhoogd") == "3"
    assert _cell(panel, 1, "rank") == "1"  # most verhoogd
    assert "3 verhoogd" in panel.proxy.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.unclustered_button.text() == "Zonder cluster (3)"
    assert panel.overlap_button.text() == "Overlap (2)"
    panel.unclustered_button.click()
    assert list(document.selection) == [9, 10, 11]
    panel.overlap_button.click()
    assert list(document.selection) == [3, 4]


def test_sorting_by_column(panel):
    panel.view.sortByColumn(_column(panel, "profile:verhoogd"), Qt.SortOrder.DescendingOrder)
    assert _cell(panel, 0, "name") == "Zuid"
    panel.sort_by_order()
    assert _cell(panel, 0, "name") == "Noord"


def test_selection_sync_both_ways(panel, document, qtbot):
    with qtbot.waitSignal(document.clusterSelectionChanged):
        panel.view.selectRow(1)
    assert document.selected_cluster_ids == ["C0002"]
    document.set_selected_clusters(["C0001"])
    assert panel.selected_ids() == ["C0001"]
    document.set_selected_clusters([])
    assert panel.selected_ids() == []


def test_live_update_after_undoable_edits(panel, document, qtbot):
    panel.rename("C0001", "Molenweg")
    panel.recolour("C0001", "#0000ff")
    qtbot.waitUntil(lambda: _cell(panel, 0, "name") == "Molenweg")
    assert panel.model.colors[0] == "#0000ff"
    # The user gives Zuid priority: it takes over the overlapping houses 3 and 4.
    panel.move_in_order("C0002", -1)
    qtbot.waitUntil(lambda: panel.model.ids == ["C0002", "C0001"])
    assert _cell(panel, 0, "n_buildings") == "5" and _cell(panel, 1, "n_buildings") == "4"
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.ids == ["C0001", "C0002"])
    assert _cell(panel, 0, "n_buildings") == "6"
    document.set_selected_clusters(["C0001", "C0002"])
    panel.merge_selected()
    qtbot.waitUntil(lambda: panel.model.ids == ["C0001"])
    assert _cell(panel, 0, "n_buildings") == "9"
    assert panel.unclustered_button.text() == "Zonder cluster (3)"
    document.set_selected_clusters(["C0001"])
    panel.delete_selected()
    qtbot.waitUntil(lambda: panel.model.ids == [])
    assert panel.unclustered_button.text() == "Zonder cluster (12)"
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.names == ["Noord", "Zuid"])


def test_rename_by_editing_the_name_cell(panel, document):
    index = panel.proxy.index(0, _column(panel, "name"))
    assert panel.proxy.setData(index, "Kerkstraat")
    panel.refresh()
    assert document.project.clusters["name"].iloc[0] == "Kerkstraat"
    assert document.undo_stack.count() == 1


def test_suggest_dialog_runs_in_worker_and_accepts_in_one_step(qtbot, document):
    dialog = SuggestClustersDialog(document)
    qtbot.addWidget(dialog)
    dialog.replace.setChecked(True)
    dialog.max_buildings.setValue(4)
    dialog.start()
    assert dialog.worker is not None and not dialog.run_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.accept_button.isEnabled(), timeout=20000)
    assert dialog.progress.value() == 100
    assert "3 clusters voorgesteld" in dialog.status.text()
    dialog.accept_suggestion()
    assert document.undo_stack.count() == 1
    assert len(document.project.clusters) == 3
    assert (M.current_membership(document.project.buildings) != "").all()
    document.undo_stack.undo()
    assert list(document.project.clusters["cluster_id"]) == ["C0001", "C0002"]
    qtbot.waitUntil(lambda: dialog.worker is None)


def test_suggest_result_is_dropped_when_clusters_changed_meanwhile(qtbot, document):
    dialog = SuggestClustersDialog(document)
    qtbot.addWidget(dialog)
    dialog.start()
    from gis_app.ui.clusters.commands import RenameClusterCommand

    document.undo_stack.push(RenameClusterCommand(document, "C0001", "Anders"))
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert not dialog.accept_button.isEnabled()
    assert "gewijzigd" in dialog.status.text()


def test_actions_import_export_and_from_selection(qtbot, document, tmp_path):
    from gis_app.ui.clusters.actions import ClusterActions
    from gis_app.ui.map.canvas import MapCanvas

    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    actions = ClusterActions(document, canvas)
    messages = []
    actions.message.connect(messages.append)
    path = tmp_path / "clusters.geojson"
    actions.export_clusters(str(path))
    back, _ = read_clusters(path)
    assert list(back["cluster_id"]) == ["C0001", "C0002"]
    actions.import_clusters(str(path))  # ids collide: renumbered, appended after
    assert list(document.project.clusters["cluster_id"]) == ["C0001", "C0002", "C0003", "C0004"]
    assert any("vernummerd" in m for m in messages)
    actions.import_clusters(str(tmp_path / "missing.gpkg"))
    assert "bestaat niet" in messages[-1]
    assert not actions.from_selection_action.isEnabled()
    document.set_selection([9, 10, 11])
    assert actions.from_selection_action.isEnabled()
    actions.from_selection_action.trigger()
    ids = M.current_membership(document.project.buildings)
    assert (
        len(set(ids[[9, 10, 11]])) == 1
        and ids[9] == document.project.clusters["cluster_id"].iloc[0]  # put first: voorrang 1
    )
    actions.draw_action.trigger()
    assert canvas.tool() is actions.draw_tool
    assert actions.lasso_action.text() == "Lasso cluster"
    canvas.set_tool(None)
    assert not actions.draw_action.isChecked()
    assert np.count_nonzero(ids == "") == 0


def test_main_window_has_clusters_menu_toolbar_and_dock(qtbot):
    from gis_app.ui.shell.main_window import MainWindow

    window = MainWindow(ProjectDocument(_project()))
    qtbot.addWidget(window)
    texts = [a.text() for a in window.clusters_menu.actions()]
    for wanted in (
        "Teken cluster",
        "Lasso cluster",
        "Bewerk",
        "Splits",
        "Samenvoegen",
        "Cluster uit selectie",
        "Voorstel clusters...",
        "Importeer clusters...",
        "Exporteer clusters...",
    ):
        assert wanted in texts
    assert window.cluster_dock.widget() is window.clusters.panel
    window.clusters.edit_action.trigger()
    assert window.canvas.tool() is window.clusters.edit_tool
    window.document.undo_stack.cleanChanged.disconnect()
