"""An export from the window that has to make packages: one undo step, and every view follows.

The export dialog is driven as a user would (formats, folder, Exporteren). Afterwards the
Werkpakketten panel, the map's package layer, ``document.project.packages`` and the undo
stack must agree; undo takes the packages (and suggested clusters) back out, redo puts
the very same ones back.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gis_app.core.clusters.suggest import suggest_clusters
from gis_app.core.export.exporter import prepare_export
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns, ensure_cluster_columns
from gis_app.ui.export_dialog import ExportDialog


def rows_of_buildings(n: int = 40) -> gpd.GeoDataFrame:
    x = 250000 + 12.0 * (np.arange(n) % 20)
    y = 594000 + 30.0 * (np.arange(n) // 20)
    buildings = gpd.GeoDataFrame(
        {
            "building_id": [f"0003100000000{i:03d}" for i in range(n)],
            "risk_profile": np.where(np.arange(n) % 2, "verhoogd", "licht verhoogd"),
            "address": [f"Ëlsstraat {i}" for i in range(n)],
        },
        geometry=shapely.box(x, y, x + 10, y + 8),
        crs="EPSG:28992",
    )
    return ensure_building_columns(buildings)


@pytest.fixture
def window(qtbot, monkeypatch):
    from gis_app.ui.shell.main_window import MainWindow

    monkeypatch.setattr("gis_app.ui.dialogs.message_box", lambda *a, **k: None)

    def settle(window) -> None:
        with qtbot.waitSignal(window.settled, timeout=60_000):
            window.when_idle()
        window.document.undo_stack.clear()  # no clean-state signal while torn down
        window.document.mark_clean()  # no "save changes?" question

    window = MainWindow()
    qtbot.addWidget(window, before_close_func=settle)
    return window


def export_from_dialog(window, qtbot, folder) -> ExportDialog:
    dialog = ExportDialog(window.document, window)
    qtbot.addWidget(dialog)
    for fmt, check in dialog.format_checks.items():
        check.setChecked(fmt == "csv")
    dialog.folder_edit.setText(str(folder))
    with qtbot.waitSignal(dialog.exportFinished, timeout=120_000) as blocker:
        assert dialog.run_export()
    assert blocker.args == [True]
    assert dialog.report is not None and dialog.report.packages
    return dialog


def package_views(window) -> tuple[int, int, int]:
    """(packages in the project, rows in the Werkpakketten panel, shapes on the map layer)."""
    packages = window.document.project.packages
    return (
        0 if packages is None else len(packages),
        window.packages_panel.proxy.rowCount(),
        window.layer_stack.packages.feature_count,
    )


def test_export_without_packages_is_one_undo_step_the_views_follow(window, qtbot, tmp_path):
    window.set_project(Project(buildings=rows_of_buildings()))
    document = window.document
    assert package_views(window) == (0, 0, 0) and document.undo_stack.count() == 0

    dialog = ExportDialog(document, window)
    qtbot.addWidget(dialog)
    said = dialog.needs_label.text()
    assert not dialog.needs_label.isHidden()
    assert "clusters" in said and "werkpakketten" in said and "standaardinstellingen" in said

    with qtbot.waitSignal(document.packagesChanged, timeout=60_000):
        dialog = export_from_dialog(window, qtbot, tmp_path / "uit")
    packages = document.project.packages.copy()
    n = len(packages)
    assert n > 0 and package_views(window) == (n, n, n)
    assert sorted(dialog.report.packages) == sorted(packages["package_id"])
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Clusters en werkpakketten maken voor export"
    assert len(document.project.clusters) > 0
    assert window.layer_stack.clusters.feature_count == len(document.project.clusters)
    assignment = document.project.buildings["package_id"].to_numpy(dtype=object).copy()
    assert set(assignment) - {""} == set(packages["package_id"])
    assert document.is_dirty

    document.undo_stack.undo()
    assert package_views(window) == (0, 0, 0)
    assert "package_id" not in document.project.buildings
    assert len(document.project.clusters) == 0
    assert (document.project.buildings["cluster_id"].fillna("") == "").all()
    assert window.layer_stack.clusters.feature_count == 0

    document.undo_stack.redo()
    assert package_views(window) == (n, n, n)
    pd.testing.assert_frame_equal(
        pd.DataFrame(document.project.packages.drop(columns="geometry")),
        pd.DataFrame(packages.drop(columns="geometry")),
    )
    assert (document.project.buildings["package_id"].to_numpy(dtype=object) == assignment).all()


def test_export_of_a_clustered_project_only_adds_packages(window, qtbot, tmp_path):
    buildings = rows_of_buildings()
    clusters, membership = suggest_clusters(buildings)
    clusters = ensure_cluster_columns(
        clusters[[c for c in clusters if c not in ("rank", "reason")]]
    )
    buildings["cluster_id"] = membership.reindex(buildings.index).fillna("").to_numpy(dtype=object)
    window.set_project(Project(buildings=buildings, clusters=clusters))
    document = window.document
    before_clusters = document.project.clusters
    before_membership = document.project.buildings["cluster_id"].to_numpy(dtype=object).copy()

    dialog = ExportDialog(document, window)
    qtbot.addWidget(dialog)
    assert "clusters" not in dialog.needs_label.text()
    assert "werkpakketten" in dialog.needs_label.text()
    export_from_dialog(window, qtbot, tmp_path / "uit")
    n = len(document.project.packages)
    assert n > 0 and package_views(window) == (n, n, n)
    assert document.undo_stack.undoText() == "Werkpakketten maken voor export"
    assert document.project.clusters is before_clusters  # clusters untouched

    # a second export makes nothing: no new undo step, same packages
    export_from_dialog(window, qtbot, tmp_path / "nogmaals")
    assert document.undo_stack.count() == 1 and package_views(window) == (n, n, n)

    document.undo_stack.undo()
    assert package_views(window) == (0, 0, 0)
    assert document.project.clusters is before_clusters
    assert (
        document.project.buildings["cluster_id"].to_numpy(dtype=object) == before_membership
    ).all()


def test_packages_made_by_the_export_are_those_of_the_preparation(window, qtbot, tmp_path):
    """What the window applies is exactly the prepared change (not a second cut)."""
    project = Project(buildings=rows_of_buildings())
    expected = prepare_export(project)
    window.set_project(project)
    export_from_dialog(window, qtbot, tmp_path / "uit")
    made = window.document.project
    assert made.packages["package_id"].tolist() == expected.packages["package_id"].tolist()
    assert (
        made.buildings["package_id"].to_numpy(dtype=object)
        == expected.change.building_columns["package_id"]
    ).all()
