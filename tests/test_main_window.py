"""The main window: opening files, selection in step between map and table, search,
identify, status bar, layers; and a screenshot of the sample area as a test artifact."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from gis_app.core.sample import generate_buildings
from gis_app.core.styling import RISK_COLORS, StyleSpec
from gis_app.paths import SAMPLE_PROJECT
from gis_app.ui.map.layers import LAYER_BUILDINGS
from gis_app.ui.panels.labels import column_label
from gis_app.ui.shell.main_window import MainWindow
from gis_app.ui.shell.status_bar import parse_scale

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "dorp.gpkg"
    generate_buildings(400, seed=3).to_file(path, layer="buildings", driver="GPKG")
    return path


@pytest.fixture(scope="module")
def shared_window(qapp, small_file):
    """One window for the module (building one, with all docks, costs about a second)."""
    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    assert window.open_path(small_file, show_errors=False)
    yield window
    window.document.mark_clean()  # no "save changes?" question
    window.close()
    window.deleteLater()


@pytest.fixture
def window(shared_window, qtbot):
    """The shared window, reset to what a user sees after opening the file."""
    window = shared_window
    qtbot.waitExposed(window)
    window.document.set_selection([])
    window.set_tool("pan")
    window.layer_stack.set_building_style(StyleSpec())
    window.style_panel.set_spec(StyleSpec())
    for layer in window.layer_stack.layers():
        window.layer_stack.set_visible(layer.id, True)
        window.layer_stack.set_opacity(layer.id, 1.0)
    window.canvas.zoom_full()
    window.canvas.render_now()
    return window


def rgb_array(image: QImage) -> np.ndarray:
    """``(height, width, 3)`` uint8 copy of an image's pixels."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def _screen_point(window, row: int) -> QPoint:
    """A point inside building ``row`` on the canvas."""
    geometry = window.document.project.buildings.geometry.iloc[row]
    point = shapely.point_on_surface(geometry)
    return window.canvas.map_to_screen(point.x, point.y).toPoint()


def _visible_big_building(window) -> int:
    """The largest building whose inside point is on the canvas (easy to hit with a click)."""
    buildings = window.document.project.buildings
    order = np.argsort(-buildings.geometry.area.to_numpy())
    for row in order:
        p = _screen_point(window, int(row))
        on_screen = window.canvas.rect().adjusted(5, 5, -5, -5).contains(p)
        if (
            on_screen
            and window.canvas.building_at(*window.canvas.screen_to_map(p.toPointF())) == row
        ):
            return int(row)
    raise AssertionError("no building on screen")


def test_opens_file_and_shows_building_count(window):
    n = len(window.document.project.buildings)
    assert n > 300
    assert f"{n} panden" in window.attribute_table.count_label.text()
    assert window.attribute_table.model.rowCount() == n
    assert f"({n})" in window.layers_panel.item_for(LAYER_BUILDINGS).text()
    assert "dorp" in window.windowTitle()
    legend = [text for text, _color in window.legend_widget.entries]
    assert any(text.startswith("verhoogd") for text in legend)


def test_open_error_is_a_message_not_a_traceback(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "gis_app.ui.dialogs.message_box",
        lambda parent, icon, title, text, **kw: shown.append((title, text)),
    )
    bad = tmp_path / "kapot.gpkg"
    bad.write_text("dit is geen geopackage")
    before = len(window.document.project.buildings)
    assert window.open_path(bad) is False
    assert shown and "kapot.gpkg" in shown[0][1]
    assert len(window.document.project.buildings) == before


def test_import_report_with_problems_is_shown(window, small_file, monkeypatch):
    """A data file whose join report lists problems is followed by the report dialog."""
    from gis_app.ui.shell import file_actions as module

    project, _ = module.load_path(small_file)

    class Report:
        problems = ["rij 3: geen geometrie"]
        buildings_loaded = len(project.buildings)

        def to_text(self):
            return "rij 3: geen geometrie"

    monkeypatch.setattr(module, "load_path", lambda path: (project, Report()))
    shown = []
    monkeypatch.setattr(MainWindow, "_show_report", lambda self, report: shown.append(report))
    assert window.open_path(small_file)
    assert len(shown) == 1 and shown[0].problems
    assert window.last_report is shown[0]


def test_map_click_selection_shows_in_table_and_table_selection_on_map(window, qtbot):
    row = _visible_big_building(window)
    window.set_tool("select")
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_screen_point(window, row))
    assert window.document.selection.tolist() == [row]
    assert window.attribute_table.selected_rows().tolist() == [row]
    assert "1 pand geselecteerd" in window.status_bar.selection_label.text()

    # Table -> map: a click and a shift-click in the table select on the map.
    table = window.attribute_table
    model = table.model
    for view_row, modifier in (
        (5, Qt.KeyboardModifier.NoModifier),
        (7, Qt.KeyboardModifier.ShiftModifier),
    ):
        rect = table.view.visualRect(model.index(view_row, 1))
        qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    expected = sorted(model.rows[[5, 6, 7]].tolist())
    assert window.document.selection.tolist() == expected
    snapshot = window.canvas.render_request().layers
    buildings_snapshot = [s for s in snapshot if s.kind == "buildings"][0]
    assert sorted(np.asarray(buildings_snapshot.selected).tolist()) == expected
    assert "3 panden geselecteerd" in window.status_bar.selection_label.text()


def test_table_sorted_by_lpr_descending_shows_highest_first(window):
    table = window.attribute_table
    column = table.model.columns.index("lpr")
    table.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    lpr = window.document.project.buildings["lpr"].to_numpy()
    assert lpr[table.model.rows[0]] == np.nanmax(lpr)


def test_search_by_id_address_and_postcode_zooms_and_selects(window):
    buildings = window.document.project.buildings
    full_width = window.canvas.extent()[2] - window.canvas.extent()[0]
    row = 17
    for query in (
        buildings["building_id"].iat[row],
        f"{buildings['address'].iat[row]} {buildings['woonplaats'].iat[row]}",
    ):
        window.canvas.zoom_full()
        window.search_field.setText(query)
        window.search_field.run_search()
        assert row in window.document.selection.tolist()
        xmin, ymin, xmax, ymax = window.canvas.extent()
        c = buildings.geometry.iloc[row].centroid
        assert xmin < c.x < xmax and ymin < c.y < ymax
        assert xmax - xmin < full_width / 3

    postcode = buildings["postcode"].iat[row]
    window.search_field.setText(postcode.lower().replace(" ", ""))
    window.search_field.run_search()
    expected = np.flatnonzero(buildings["postcode"].to_numpy() == postcode)
    assert window.document.selection.tolist() == expected.tolist()


def test_identify_shows_clicked_building(window, qtbot):
    row = _visible_big_building(window)
    window.set_tool("identify")
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_screen_point(window, row))
    panel = window.identify_panel
    assert panel.row == row
    building_id = window.document.project.buildings["building_id"].iat[row]
    assert panel.value_of(column_label("building_id")) == building_id
    assert window.document.selection.tolist() == []  # identify does not select


def test_hover_tooltip_summarises_building(window):
    buildings = window.document.project.buildings
    row = int(np.flatnonzero(buildings["lpr"].notna().to_numpy())[0])
    text = window.canvas.tooltip_text(row)
    assert buildings["building_id"].iat[row] in text
    assert buildings["address"].iat[row] in text
    assert buildings["risk_profile"].iat[row] in text
    assert "LPR" in text and "e-0" in text


def test_status_bar_shows_coordinates_and_scale(window, qtbot):
    point = QPoint(window.canvas.width() // 2, window.canvas.height() // 2)
    qtbot.mouseMove(window.canvas, point)
    qtbot.waitUntil(lambda: "RD x 2" in window.status_bar.rd_label.text())
    x, y = window.canvas.screen_to_map(point.toPointF())
    assert f"{int(x) // 1000}." in window.status_bar.rd_label.text()
    assert (
        "° N" in window.status_bar.wgs84_label.text()
        and "53," in window.status_bar.wgs84_label.text()
    )
    assert window.status_bar.scale_combo.currentText().startswith("1:")

    window.status_bar.scale_combo.setEditText("1:2500")
    window.status_bar.scale_entered()
    assert window.canvas.scale_denominator() == pytest.approx(2500, rel=1e-6)


def test_parse_scale():
    assert parse_scale("1:5.000") == 5000
    assert parse_scale(" 1 : 2500 ") == 2500
    assert parse_scale("10000") == 10000
    assert parse_scale("schaal") is None


def test_parse_scale_and_coordinates_follow_the_language():
    from gis_app.core.i18n import language_of
    from gis_app.ui.shell.status_bar import _metres

    with language_of("en"):
        assert parse_scale("1:5,000") == 5000
        assert parse_scale("1:2500.5") == 2500.5
        assert _metres(234567.25) == "234,567.2"
    with language_of("nl"):
        assert parse_scale("1:5.000") == 5000
        assert parse_scale("1:2500,5") == 2500.5
        assert _metres(234567.25) == "234.567,2"


def test_layers_panel_visibility_and_opacity_change_the_map(window):
    verhoogd = QColor(RISK_COLORS["verhoogd"])
    target = np.array([verhoogd.red(), verhoogd.green(), verhoogd.blue()])

    def verhoogd_pixels() -> int:
        pixels = rgb_array(window.canvas.render_now()).astype(int)
        return int((np.abs(pixels - target).sum(axis=2) < 30).sum())

    assert verhoogd_pixels() > 0
    item = window.layers_panel.item_for(LAYER_BUILDINGS)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert window.layer_stack.buildings.visible is False
    assert verhoogd_pixels() == 0
    item.setCheckState(Qt.CheckState.Checked)
    window.layers_panel.select_layer(LAYER_BUILDINGS)
    window.layers_panel.opacity_slider.setValue(30)
    assert window.layer_stack.buildings.opacity == pytest.approx(0.3)
    assert verhoogd_pixels() == 0  # faded: no longer the full colour


def test_style_panel_restyles_map_and_legend(window):
    from gis_app.core.styling import STYLE_MILESTONE

    window.style_panel.kind_combo.setCurrentIndex(
        window.style_panel.kind_combo.findData(STYLE_MILESTONE)
    )
    assert window.layer_stack.building_style.kind == STYLE_MILESTONE
    legend = [text for text, _color in window.legend_widget.entries]
    assert any(text.startswith("opname gedaan") for text in legend)


def test_tool_actions_follow_canvas_tool(window):
    window.set_tool("lasso")
    assert window.tool_actions["lasso"].isChecked()
    window.canvas.set_tool(None)
    assert window.tool_actions["pan"].isChecked()


def test_dock_toggles_in_view_menu(window):
    titles = [a.text() for a in window.panels_menu.actions()]
    for title in ("Lagen", "Legenda", "Identificeren", "Attribuuttabel", "Stijl panden"):
        assert title in titles


def test_screenshot_of_sample_area(qtbot):
    """The artifact to look at: the main window on the bundled sample."""
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(SAMPLE_PROJECT, show_errors=False)
    with qtbot.waitSignal(window.screenshotSaved, timeout=120000) as blocker:
        window.save_screenshot(ARTIFACTS / "main_window_sample.png", (1600, 1000))
    out = blocker.args[0]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    assert len(window.document.project.buildings) > 10000
    assert window.canvas.map_image() is not None


def test_application_has_the_bundled_icon(qtbot):
    from gis_app.ui.app import get_app

    app = get_app()
    assert not app.windowIcon().isNull()
    assert app.windowIcon().pixmap(32, 32).toImage().pixelColor(16, 10).alpha() > 0
