"""The Werkpakketten panel: making packages from a plan, moving, merging, splitting, renaming
and contractors, each undoable exactly; table selection selects buildings; the main window
has the dock."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from gis_app.core.clusters.suggest import suggest_clusters
from gis_app.core.packages import PACKAGE_COLUMN, current_assignment
from gis_app.core.planning import plan
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings
from gis_app.ui.document import ProjectDocument
from gis_app.ui.packages import panel as panel_module
from gis_app.ui.packages.panel import NEW_PACKAGE, PackagesPanel

TOTALS = ["package_id", "name", "contractor", "n_buildings", "n_addresses", "cost", "manual"]


@pytest.fixture(scope="module")
def planned():
    buildings = generate_buildings(400, seed=5)
    clusters, membership = suggest_clusters(buildings)
    clusters = clusters[[c for c in clusters.columns if c not in ("rank", "reason")]]
    buildings["cluster_id"] = membership.reindex(buildings.index).fillna("").astype(str)
    result = plan(buildings, clusters)
    return buildings, clusters, result


@pytest.fixture
def messages(monkeypatch):
    """Dialogs the panel would show, recorded instead of shown."""
    shown = []
    monkeypatch.setattr(
        panel_module, "show_info", lambda parent, title, text, **kw: shown.append(text)
    )
    monkeypatch.setattr(
        panel_module, "show_error", lambda parent, error, **kw: shown.append(str(error))
    )
    return shown


@pytest.fixture
def panel(qtbot, planned, messages):
    buildings, clusters, result = planned
    document = ProjectDocument(Project(buildings=buildings.copy(), clusters=clusters.copy()))
    document.plan_result = result
    widget = PackagesPanel(document)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    assert widget.make_from_plan()
    return widget


def state(document):
    packages = document.project.packages
    return current_assignment(document.project.buildings).copy(), packages[TOTALS].copy()


def assert_state(document, expected):
    assignment, totals = expected
    now_assignment, now_totals = state(document)
    np.testing.assert_array_equal(now_assignment, assignment)
    pd.testing.assert_frame_equal(now_totals.reset_index(drop=True), totals.reset_index(drop=True))


def test_no_plan_says_so(qtbot, planned, messages):
    buildings, clusters, _result = planned
    document = ProjectDocument(Project(buildings=buildings.copy(), clusters=clusters.copy()))
    widget = PackagesPanel(document)
    qtbot.addWidget(widget)
    assert not widget.make_from_plan()
    assert messages and "planning" in messages[0].lower()
    assert document.undo_stack.count() == 0
    assert (
        PACKAGE_COLUMN not in document.project.buildings
        or not (current_assignment(document.project.buildings) != "").any()
    )


def test_make_packages_fills_table_and_undo_removes_them(panel, qtbot):
    document = panel.document
    packages = document.project.packages
    assert len(packages) > 1
    assert panel.model.rowCount() == len(packages)
    assert document.is_dirty
    assignment = current_assignment(document.project.buildings)
    # totals in the table agree with the assignment
    counts = pd.Series(assignment[assignment != ""]).value_counts()
    for pid, n in zip(packages["package_id"], packages["n_buildings"], strict=True):
        assert counts[pid] == n
    assert str(len(packages)) in panel.summary.text()
    document.undo_stack.undo()
    assert PACKAGE_COLUMN not in document.project.buildings.columns
    assert panel.model.rowCount() == 0
    assert not document.is_dirty
    document.undo_stack.redo()
    assert panel.model.rowCount() == len(packages)


def test_move_selection_to_other_package_undo_redo_exact(panel):
    document = panel.document
    packages = document.project.packages
    source, target = packages["package_id"].iloc[0], packages["package_id"].iloc[1]
    before = state(document)
    rows = panel.member_rows([source])[:3]
    document.set_selection(rows)
    assert panel.move_selection_to(target) == target
    after = state(document)
    assignment = after[0]
    assert (assignment[rows] == target).all()
    totals = document.project.packages.set_index("package_id")
    old_totals = before[1].set_index("package_id")
    assert totals.loc[target, "n_buildings"] == old_totals.loc[target, "n_buildings"] + 3
    assert totals.loc[source, "n_buildings"] == old_totals.loc[source, "n_buildings"] - 3
    assert totals.loc[target, "manual"] and totals.loc[source, "manual"]

    document.undo_stack.undo()
    assert_state(document, before)
    document.undo_stack.redo()
    assert_state(document, after)


def test_move_selection_to_new_package_skips_buildings_without_work(panel):
    document = panel.document
    ctx = panel.context()
    n_before = len(document.project.packages)
    with_work = np.flatnonzero(ctx.work)[:2]
    without = np.flatnonzero(~ctx.work)[:1]
    assert len(without), "the sample plan has buildings without work"
    document.set_selection(np.concatenate([with_work, without]))
    messages = []
    panel.message.connect(messages.append)
    new_id = panel.move_selection_to(NEW_PACKAGE)
    assert new_id not in set(pd.Series(ctx.cluster_id).unique())  # an id, not a cluster
    assert len(document.project.packages) == n_before + 1
    assignment = current_assignment(document.project.buildings)
    assert (assignment[with_work] == new_id).all()
    assert assignment[without[0]] == ""
    assert "zonder werk" in messages[-1]
    assert panel.selected_ids() == [new_id]
    document.undo_stack.undo()
    assert len(document.project.packages) == n_before


def test_merge_and_split_with_undo(panel):
    document = panel.document
    ids = document.project.packages["package_id"].tolist()[:2]
    before = state(document)
    panel.select_ids(ids)
    assert panel.selected_ids() == sorted(ids, key=panel.model.ids.index)
    kept = panel.merge_selected()
    assert kept in ids
    gone = [p for p in ids if p != kept][0]
    assert gone not in set(document.project.packages["package_id"])
    merged_n = before[1].set_index("package_id").loc[ids, "n_buildings"].sum()
    assert document.project.packages.set_index("package_id").loc[kept, "n_buildings"] == merged_n
    merged = state(document)

    panel.select_ids([kept])
    document.set_selection([])  # no subset selected: split in halves by construction start
    created = panel.split_selected()
    assert len(created) == 1
    totals = document.project.packages.set_index("package_id")
    assert totals.loc[kept, "n_buildings"] + totals.loc[created[0], "n_buildings"] == merged_n
    assert abs(totals.loc[kept, "n_buildings"] - totals.loc[created[0], "n_buildings"]) <= 1

    document.undo_stack.undo()
    assert_state(document, merged)
    document.undo_stack.undo()
    assert_state(document, before)


def test_split_off_selected_buildings(panel):
    document = panel.document
    packages = document.project.packages
    pid = packages.loc[packages["n_buildings"].idxmax(), "package_id"]
    panel.select_ids([pid])
    members = panel.member_rows([pid])
    assert np.array_equal(document.selection, members)
    part = members[:2]
    document.set_selection(part)
    created = panel.split_selected()
    assignment = current_assignment(document.project.buildings)
    assert (assignment[part] == created[0]).all()
    assert (assignment[members[2:]] == pid).all()


def test_rename_and_contractor_undo(panel):
    document = panel.document
    pid = document.project.packages["package_id"].iloc[0]
    before = state(document)
    panel.select_ids([pid])
    assert panel.rename_selected("Loppersum noord – fase 1")
    assert panel.set_contractor_selected("Bouwbedrijf Ëlzinga")
    row = document.project.packages.set_index("package_id").loc[pid]
    assert row["name"] == "Loppersum noord – fase 1"
    assert row["contractor"] == "Bouwbedrijf Ëlzinga"
    assert "Bouwbedrijf Ëlzinga" in panel.known_contractors()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert_state(document, before)


def test_clusters_to_package(panel):
    document = panel.document
    ctx = panel.context()
    packages = document.project.packages
    target = packages["package_id"].iloc[0]
    other = [c for c in pd.unique(ctx.cluster_id[ctx.work]) if c != packages["cluster_id"].iloc[0]]
    document.set_selected_clusters([other[0]])
    assert panel.move_clusters_to(target) == target
    rows = np.flatnonzero((ctx.cluster_id == other[0]) & ctx.work)
    assert (current_assignment(document.project.buildings)[rows] == target).all()


def test_table_selection_selects_buildings_and_double_click_zooms(panel, qtbot):
    document = panel.document
    packages = document.project.packages
    pid = packages["package_id"].iloc[1]
    zoomed = []
    panel.zoomToRowsRequested.connect(lambda rows: zoomed.append(rows))
    panel.view.selectRow(panel.proxy.mapFromSource(panel.model.index(1, 0)).row())
    expected = np.flatnonzero(current_assignment(document.project.buildings) == pid)
    assert len(expected) == packages["n_buildings"].iloc[1]
    np.testing.assert_array_equal(document.selection, expected)
    index = panel.proxy.mapFromSource(panel.model.index(1, 1))
    panel.view.doubleClicked.emit(index)
    assert len(zoomed) == 1 and np.array_equal(zoomed[0], expected)


def test_table_sorts_by_buildings(panel):
    column = [k for k, _ in panel.model.columns].index("n_buildings")
    panel.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    values = [
        panel.proxy.index(r, column).data(panel_module.SORT_ROLE)
        for r in range(panel.proxy.rowCount())
    ]
    assert values == sorted(values, reverse=True)


def test_main_window_has_dock_and_map_follows(qtbot, planned, messages):
    from gis_app.ui.shell.main_window import MainWindow

    buildings, clusters, result = planned
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_project(Project(buildings=buildings.copy(), clusters=clusters.copy()))
    window.document.plan_result = result
    assert window.packages_dock.windowTitle() == "Werkpakketten"
    assert window.packages_dock in window.tabifiedDockWidgets(window.cluster_dock)
    assert window.packages_dock.minimumSizeHint().width() <= 460  # fits a 1366 px screen
    assert window.packages_menu.actions()  # the Werkpakketten menu carries the actions
    assert window.packages_panel.make_from_plan()
    assert len(window.layer_stack.packages.arrays.bounds) == len(window.document.project.packages)
    window.document.undo_stack.undo()
    assert len(window.layer_stack.packages.arrays.bounds) == 0
    window.document.mark_clean()


def test_dialog_paths_choose_target_and_contractor(panel, qtbot, monkeypatch):
    document = panel.document
    packages = document.project.packages
    source, target = packages["package_id"].iloc[0], packages["package_id"].iloc[2]
    offered = []

    def get_item(parent, title, label, items, current, editable):
        offered.extend(items)
        return next(i for i in items if i.startswith(target)), True

    monkeypatch.setattr(panel_module.QInputDialog, "getItem", get_item)
    rows = panel.member_rows([source])[:1]
    document.set_selection(rows)
    assert panel.move_selection_to() == target
    assert offered[0] == "Nieuw werkpakket" and len(offered) == len(packages) + 1
    assert current_assignment(document.project.buildings)[rows[0]] == target

    dialog = panel_module.ContractorDialog([target], "", ["Bouwbedrijf Noord"], "04-01-2027")
    qtbot.addWidget(dialog)
    assert dialog.value() == ""  # "(nog toe te wijzen)" means no contractor
    dialog.contractor.setCurrentIndex(1)
    assert dialog.value() == "Bouwbedrijf Noord"
    dialog.contractor.setEditText("Aannemer Ûntwerp")
    assert dialog.value() == "Aannemer Ûntwerp"


def test_cancelled_dialog_changes_nothing(panel, monkeypatch):
    document = panel.document
    count = document.undo_stack.count()
    monkeypatch.setattr(panel_module.QInputDialog, "getItem", lambda *a: ("", False))
    document.set_selection(panel.member_rows([document.project.packages["package_id"].iloc[0]]))
    assert panel.move_selection_to() is None
    assert document.undo_stack.count() == count


def test_limits_are_visible_editable_and_used_when_making(panel, qtbot):
    document = panel.document
    assert panel.limits_box.isVisibleTo(panel)
    assert panel.max_buildings_spin.value() == 50 and panel.merge_leftover_check.isChecked()
    before = len(document.project.packages)
    panel.max_buildings_spin.setValue(4)
    panel.merge_leftover_check.setChecked(False)
    stored = document.project.settings["packages"]
    assert stored["max_buildings"] == 4 and stored["merge_leftover"] == 0
    assert document.is_dirty
    # a fresh cut with the new limits: no package above 4 buildings, more packages
    document.undo_stack.undo()
    assert panel.make_from_plan()
    packages = document.project.packages
    assert packages["n_buildings"].max() <= 4 and len(packages) > before
    # with the leftover merge on again, each cluster's small last package (1-5 buildings)
    # joins the one before it: exactly one package fewer per such cluster
    last = packages.sort_values("sequence").groupby("cluster_id").tail(1)
    per_cluster = packages.groupby("cluster_id").size()
    leftovers = int(((last["n_buildings"] <= 5) & last["cluster_id"].map(per_cluster).gt(1)).sum())
    assert leftovers > 0
    document.undo_stack.undo()
    panel.merge_leftover_check.setChecked(True)
    assert panel.make_from_plan()
    merged = document.project.packages
    assert len(merged) == len(packages) - leftovers
    assert merged["n_buildings"].sum() == packages["n_buildings"].sum()


def test_contractor_list_filters_the_table(panel):
    from gis_app.core.packages import set_package_attribute

    document = panel.document
    ids = document.project.packages["package_id"].tolist()
    packages = document.project.packages
    for pid, name in zip(ids[:3], ["Bouw A", "Bouw B", "Bouw A"], strict=True):
        packages = set_package_attribute(packages, pid, "contractor", name)
    panel._push(packages, None, "aannemers")
    choices = [panel.contractor_filter.itemText(i) for i in range(panel.contractor_filter.count())]
    assert choices == ["alle", "Bouw A", "Bouw B", "nog toe te wijzen"]
    panel.filter_contractor("Bouw A")
    shown = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert sorted(shown) == sorted([ids[0], ids[2]])
    assert "getoond: 2 van Bouw A" in panel.summary.text()
    panel.filter_contractor("")
    assert panel.proxy.rowCount() == len(ids) - 3
    panel.filter_contractor(None)
    assert panel.proxy.rowCount() == len(ids)
    # the contractor dialog offers the same list to pick from
    assert {"Bouw A", "Bouw B"} <= set(panel.known_contractors())


def test_names_shorten_at_a_word_and_columns_are_remembered(panel, qtbot):
    from PySide6.QtCore import QSettings

    from gis_app.ui.packages.panel import HEADER_SETTINGS_KEY, PackagesPanel, elide_words

    metrics = panel.view.fontMetrics()
    name = "Burgemeester Brouwerstraat en omgeving deel 12"
    width = metrics.horizontalAdvance("Burgemeester Brouwerstraat en…") + 1
    short = elide_words(name, metrics, width)
    assert short == "Burgemeester Brouwerstraat en…"
    assert elide_words("Stedum-001 deel 1", metrics, 1000) == "Stedum-001 deel 1"
    column = [key for key, _ in panel.model.columns].index("name")
    index = panel.proxy.index(0, column)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()  # the full name
    header = panel.view.horizontalHeader()
    header.resizeSection(column, 333)
    assert QSettings().value(HEADER_SETTINGS_KEY) is not None
    again = PackagesPanel(panel.document)
    qtbot.addWidget(again)
    assert again.view.horizontalHeader().sectionSize(column) == 333
    QSettings().remove(HEADER_SETTINGS_KEY)
