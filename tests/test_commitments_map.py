"""What residents were told, on the map: the style "Toezeggingen aan bewoners" and the
filter "alleen nu te informeren", from the same core function as the key figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
from planning_fixtures import START, config
from test_commitments import instance, told_all

from gis_app.core.planning.planner import Planner
from gis_app.core.planning.promises import (
    TOLD_BROKEN,
    TOLD_KEPT,
    TOLD_NOT_YET,
    TOLD_NOW,
    tellable,
    told_status,
)
from gis_app.core.project import Project
from gis_app.core.qgis.qml import buildings_renderer
from gis_app.core.styling import (
    FILTERED_ALPHA,
    FILTERED_COLOR,
    ONLY_TELLABLE,
    STYLE_RISK,
    STYLE_TOLD,
    TOLD_COLORS,
    StyleSpec,
    compute_style,
    hex_to_rgba,
    style_columns,
)


def promised_plan():
    """A plan in which some residents were told (half kept, half broken by a capacity cut)
    and others can be told now."""
    buildings, clusters = instance(n_clusters=6, per_cluster=12)
    buildings["milestone"] = "versterkingsbesluit"
    buildings["eigen_regie"] = False
    first = Planner(buildings, clusters, config(starts_per_week=2)).run()
    book = told_all(first, buildings)
    half = dict(list(book.promised_starts().items())[: len(book) // 2])
    cut = Planner(buildings, clusters, config(starts_per_week=1), commitments=half)
    return buildings, cut.run(), half


def test_told_status_matches_tellable_and_the_commitment_report():
    buildings, result, promised = promised_plan()
    status = told_status(result)
    assert set(np.flatnonzero(status == TOLD_NOW)) == set(tellable(result).tolist())
    report = result.metrics["commitments"]
    ids = result.model.building_id
    broken = {str(ids[i]) for i in np.flatnonzero(status == TOLD_BROKEN)}
    kept = {str(ids[i]) for i in np.flatnonzero(status == TOLD_KEPT)}
    assert broken == {b["building_id"] for b in report["broken"]} and broken
    assert len(kept) == report["kept"] + report["not_planned"] and kept
    assert kept | broken == set(promised)
    assert (status == TOLD_NOT_YET).any()


def frame_with(status_by_row) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "risk_profile": ["verhoogd", "normaal", "licht verhoogd", "verhoogd", "normaal"],
            "plan_told": status_by_row,
        }
    )


def test_told_style_colours_and_legend():
    frame = frame_with(["now", "kept", "broken", "", "now"])
    result = compute_style(frame, StyleSpec(kind=STYLE_TOLD))
    assert [e.label for e in result.legend] == [
        "nu te informeren",
        "toegezegd, gehouden",
        "toegezegd, gebroken",
        "nog niet te informeren",
    ]
    assert [e.count for e in result.legend] == [2, 1, 1, 1]
    assert tuple(result.colors[0]) == hex_to_rgba(TOLD_COLORS["now"])
    assert tuple(result.colors[2]) == hex_to_rgba(TOLD_COLORS["broken"])
    assert result.title == "toezeggingen aan bewoners"
    # a project without a plan yet: everybody "nog niet"
    bare = compute_style(frame.drop(columns="plan_told"), StyleSpec(kind=STYLE_TOLD))
    assert [e.count for e in bare.legend] == [0, 0, 0, 5]


def test_filter_only_tellable_mutes_the_others_over_any_style():
    frame = frame_with(["now", "kept", "now", "", "broken"])
    spec = StyleSpec(kind=STYLE_RISK, only=ONLY_TELLABLE)
    result = compute_style(frame, spec)
    muted = hex_to_rgba(FILTERED_COLOR, FILTERED_ALPHA)
    assert [tuple(c) == muted for c in result.colors] == [False, True, False, True, True]
    plain = compute_style(frame, StyleSpec(kind=STYLE_RISK))
    assert (result.colors[[0, 2]] == plain.colors[[0, 2]]).all()
    counts = {e.label: e.count for e in result.legend}
    assert counts["verhoogd"] == 1 and counts["licht verhoogd"] == 1 and counts["normaal"] == 0
    assert counts["overige panden (gefilterd)"] == 3
    assert "plan_told" in style_columns(spec)
    assert "plan_told" not in style_columns(StyleSpec(kind=STYLE_RISK))
    assert StyleSpec.from_dict(spec.to_dict()) == spec


def test_told_style_in_qgis_categories():
    frame = frame_with(["now", "kept", "broken", "", "now"])
    element = buildings_renderer(frame, StyleSpec(kind=STYLE_TOLD))
    values = [c.get("value") for c in element.iter("category")]
    labels = [c.get("label") for c in element.iter("category")]
    assert values == ["now", "kept", "broken", ""]
    assert labels[0] == "nu te informeren"


def test_map_column_and_key_figure_from_one_computation(qtbot):
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.planning.controller import PlanningController

    buildings, clusters = instance()
    buildings["milestone"] = "versterkingsbesluit"
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = {"start_date": START.isoformat(), "starts_per_week": 2}
    document = ProjectDocument(project)
    controller = PlanningController(document)
    controller.wait()
    qtbot.waitUntil(lambda: controller.result is not None, timeout=20000)
    result = controller.result
    column = document.project.buildings["plan_told"].to_numpy(dtype=object)
    now = set(document.project.buildings["building_id"][column == TOLD_NOW])
    expected = {str(result.model.building_id[i]) for i in tellable(result)}
    assert now == expected and len(now) == result.metrics["tellable"] > 0


def test_style_panel_offers_the_told_style_and_the_filter(qtbot):
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.panels.style_panel import StylePanel

    buildings, clusters = instance()
    panel = StylePanel(ProjectDocument(Project(buildings=buildings, clusters=clusters)))
    qtbot.addWidget(panel)
    seen = []
    panel.styleChanged.connect(seen.append)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(STYLE_TOLD))
    assert seen[-1].kind == STYLE_TOLD and seen[-1].only == ""
    panel.only_tellable_check.setChecked(True)
    assert seen[-1].only == ONLY_TELLABLE and seen[-1].kind == STYLE_TOLD
    panel.set_spec(StyleSpec(kind=STYLE_RISK))
    assert not panel.only_tellable_check.isChecked()
