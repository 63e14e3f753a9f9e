"""Dashboard counts (core) against a hand-made frame."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gis_app.core import dashboard
from gis_app.core.schema import MILESTONES


def _frame() -> pd.DataFrame:
    rows = [
        # building_id, risk_profile, milestone, addresses, cluster_id
        ("a", "verhoogd", "opname", 2, "C1"),
        ("b", "verhoogd", "bouw_gestart", 1, "C1"),
        ("c", "licht verhoogd", "opname", 3, "C1"),
        ("d", "normaal", "niet_in_plan", 1, "C2"),
        ("e", "onbekend", "afgerond", 1, ""),
        ("f", "verhoogd", "afgerond", 4, "C2"),
        ("g", "licht verhoogd", "iets anders", 1, "C2"),
    ]
    return pd.DataFrame(
        rows, columns=["building_id", "risk_profile", "milestone", "addresses", "cluster_id"]
    )


def test_counts_per_milestone_and_profile_match_hand_count():
    table = dashboard.milestone_counts(_frame())
    assert list(table.index) == [*MILESTONES, "onbekend"]
    assert table.loc["opname", "verhoogd"] == 1
    assert table.loc["opname", "licht verhoogd"] == 1
    assert table.loc["opname", "totaal"] == 2
    assert table.loc["afgerond", "onbekend"] == 1
    assert table.loc["afgerond", "verhoogd"] == 1
    assert table.loc["onbekend", "licht verhoogd"] == 1  # unknown code kept, not dropped
    assert table["totaal"].sum() == 7
    assert table.loc["opname", "label"] == "opname gedaan"


def test_addresses_unit_sums_addresses():
    table = dashboard.milestone_counts(_frame(), unit="adressen")
    assert table.loc["opname", "totaal"] == 5
    assert table.loc["afgerond", "verhoogd"] == 4
    assert table["totaal"].sum() == 13


def test_cumulative_counts_buildings_at_or_beyond_milestone():
    table = dashboard.milestone_counts(_frame(), cumulative=True)
    # reached opname: a, c (opname), b (bouw_gestart), e, f (afgerond)
    assert table.loc["opname", "totaal"] == 5
    assert table.loc["bouw_gestart", "totaal"] == 3
    assert table.loc["afgerond", "totaal"] == 2
    assert table.loc["niet_in_plan", "totaal"] == 6  # everything with a known milestone


def test_mask_restricts_to_one_cluster():
    frame = _frame()
    table = dashboard.milestone_counts(frame, mask=frame["cluster_id"] == "C1")
    assert table["totaal"].sum() == 3
    assert "onbekend" not in table.index


def test_profile_counts():
    counts = dashboard.profile_counts(_frame())
    assert counts.to_dict() == {"verhoogd": 3, "licht verhoogd": 2, "normaal": 1, "onbekend": 1}


def test_per_cluster_table_follows_cluster_order_and_keeps_unclustered():
    clusters = pd.DataFrame(
        {"cluster_id": ["C2", "C1", "C3"], "name": ["Tweede", "Eerste", "Leeg"]}
    )
    table = dashboard.cluster_milestone_counts(_frame(), clusters)
    assert list(table.index) == ["C2", "C1", "C3", ""]
    assert list(table["name"]) == ["Tweede", "Eerste", "Leeg", "geen cluster"]
    assert table.loc["C1", "opname"] == 2
    assert table.loc["C1", "bouw_gestart"] == 1
    assert table.loc["C2", "onbekend"] == 1
    assert table.loc["C3", "totaal"] == 0
    assert table.loc["", "afgerond"] == 1
    assert table["totaal"].sum() == 7


def test_per_cluster_cumulative_and_profile_filter():
    table = dashboard.cluster_milestone_counts(_frame(), cumulative=True, profile="verhoogd")
    assert table.loc["C1", "opname"] == 2  # a at opname, b beyond
    assert table.loc["C1", "bouw_gestart"] == 1
    assert table.loc["C2", "afgerond"] == 1
    assert table.loc["C2", "totaal"] == 1


def test_large_frame_is_vectorised_and_consistent():
    rng = np.random.default_rng(1)
    n = 50_000
    frame = pd.DataFrame(
        {
            "risk_profile": rng.choice(["verhoogd", "licht verhoogd", "normaal", "onbekend"], n),
            "milestone": rng.choice(list(MILESTONES), n),
            "addresses": rng.integers(1, 4, n),
            "cluster_id": rng.choice(["A", "B", ""], n),
        }
    )
    table = dashboard.milestone_counts(frame)
    expected = pd.crosstab(frame["milestone"], frame["risk_profile"]).reindex(list(MILESTONES))
    assert (
        table.loc[list(MILESTONES), "verhoogd"].to_numpy() == expected["verhoogd"].to_numpy()
    ).all()


def test_dashboard_widget_shows_counts_of_a_hand_made_frame(qtbot):
    import geopandas as gpd
    import shapely

    from gis_app.core.project import Project
    from gis_app.core.schema import ensure_building_columns, ensure_cluster_columns
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.planning.dashboard import SCOPE_CLUSTERS, SCOPE_SELECTION, DashboardView

    frame = _frame()
    buildings = gpd.GeoDataFrame(
        frame, geometry=[shapely.box(i, 0, i + 1, 1) for i in range(len(frame))], crs="EPSG:28992"
    )
    ensure_building_columns(buildings)
    clusters = ensure_cluster_columns(
        gpd.GeoDataFrame(
            {"cluster_id": ["C1", "C2"], "name": ["Noord", "Zuid"]},
            geometry=[shapely.box(0, 0, 3, 1), shapely.box(3, 0, 7, 1)],
            crs="EPSG:28992",
        )
    )
    document = ProjectDocument(Project(buildings=buildings, clusters=clusters))
    view = DashboardView(document)
    qtbot.addWidget(view)
    # area: row "opname gedaan", columns verhoogd .. totaal
    labels = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    row = labels.index("opname gedaan")
    assert view.cell(row, 1) == 1 and view.cell(row, 2) == 1 and view.cell(row, 5) == 2
    assert view.cell(labels.index("totaal"), 5) == 7
    bar_widths = view.bars["verhoogd"].opts["width"]
    assert list(bar_widths[[2, 6, 8]]) == [1, 1, 1]
    # selection: only C1
    view.set_scope(SCOPE_SELECTION)
    document.set_selected_clusters(["C1"])
    labels = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert view.cell(labels.index("totaal"), 5) == 3
    # per cluster, addresses
    view.set_scope(SCOPE_CLUSTERS)
    view.unit.setCurrentIndex(view.unit.findData("adressen"))
    names = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert names == ["Noord", "Zuid", "geen cluster"]
    headers = [
        view.table.horizontalHeaderItem(c).text().replace("\n", " ")
        for c in range(view.table.columnCount())
    ]
    assert view.cell(0, headers.index("opname gedaan")) == 5  # a (2) + c (3)
    assert view.cell(0, headers.index("totaal")) == 6
    # milestones edited elsewhere: the view follows the attribute signal
    document.project.buildings.loc[0, "milestone"] = "afgerond"
    document.buildingAttributesChanged.emit(["milestone"])
    assert view.cell(0, headers.index("opname gedaan")) == 3
