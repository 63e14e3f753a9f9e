"""Numbers that explain themselves and Dutch all the way.

Core rules (no Qt): one Dutch number style, Dutch labels and values for every column,
the parts behind the plan's bespoke share, "al gereed" reconciled with Voortgang, the
optimised order's cost and gain, a scenario's inputs. Window (qtbot): the explanations
next to the sliders and the order choice, the scenario comparison, the identify panel
and attribute table in Dutch with the cluster's map name, Qt's own Dutch texts, the
save dialog's folder, a choice between several search hits, sorting to the top and
tooltips for cut-off text.
"""

from __future__ import annotations

import csv
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from PySide6.QtCore import QLocale, Qt

from gis_app.core import dashboard as db
from gis_app.core import formatting as fmt
from gis_app.core import labels
from gis_app.core.explain import (
    EXTRA_METRIC_LABELS,
    done_counts,
    done_explanation,
    order_note,
    scenario_inputs,
    share_counts,
    share_explanation,
)
from gis_app.core.planning import Planner
from gis_app.core.planning.config import PlanningConfig
from gis_app.core.project import Project
from gis_app.core.schema import WORKING_CRS, ensure_building_columns
from gis_app.core.search import names_one_house
from gis_app.ui.document import ProjectDocument

# --- core: one number style ------------------------------------------------------------------


def test_one_dutch_number_style():
    assert fmt.scientific(0.003) == "3,0e-03"
    assert fmt.number(0.0004) == "4,0e-04"
    assert fmt.significant(0.000312) == "3,1e-04"  # below 0,001 never as 0,000312
    assert fmt.significant(0.00312) == "0,00312"
    assert fmt.significant(1.2345) == "1,23"
    assert fmt.decimal(1234.5, 1) == "1.234,5"
    assert fmt.decimal(-0.0001, 1) == "0,0"  # no "-0,0"
    assert fmt.length(10) == "10,0 m"
    assert fmt.area(123.4) == "123 m²"
    assert fmt.percent(0.25) == "25 %"
    assert fmt.count(15000) == "15.000"
    assert fmt.money(789_600_000) == "€ 789,6 mln"
    assert fmt.months(1.2) == "1 maand" and fmt.months(2.4) == "2 maanden"
    assert fmt.number(float("nan")) == fmt.MISSING
    for text in (fmt.number(0.5), fmt.significant(12.5), fmt.decimal(3.25, 2)):
        assert "." not in text  # decimal comma only


def test_every_column_has_a_dutch_label_and_dutch_values():
    assert labels.column_label("plan_completion_year") == "Gereed in (plan)"
    assert labels.column_label("plan_approach") == "Aanpak (plan)"
    assert labels.column_label("pand_type") == "Soort pand"
    assert labels.column_label("my_own_field") == "My own field"  # readable, no underscore
    assert labels.value_label("pand_type", "terraced") == "rijwoning"
    assert labels.value_label("plan_approach", "bespoke") == "maatwerk"
    assert labels.value_label("measure_class", "heavy") == "zware versterking"
    assert labels.value_label("measure_class", "") == "nog niet beoordeeld"
    assert labels.value_label("plan_completion_year", 2026.0) == "2026"  # never 2.026 or 2026,0
    assert labels.value_label("bouwjaar", np.int64(1972)) == "1972"
    assert labels.value_label("lpr", 3e-3) == "3,0e-03"
    assert labels.value_label("residents", 2.5) == "2,5"
    assert labels.value_label("eigen_regie", True) == "ja"
    assert labels.value_label("pand_type", "castle") == "castle"  # unknown shown, not hidden
    names = labels.cluster_names(pd.DataFrame({"cluster_id": ["C0158"], "name": ["Delfzijl-114"]}))
    assert labels.cluster_label("C0158", names) == "Delfzijl-114"


def test_exports_use_the_same_dutch_labels_and_words(tmp_path):
    from gis_app.core.export.tables import write_csv

    frame = pd.DataFrame(
        {
            "building_id": ["0010100000178423"],
            "pand_type": ["terraced"],
            "approach": ["bespoke"],
            "measure_class": ["heavy"],
        }
    )
    path = write_csv(tmp_path / "lijst.csv", frame)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, values = rows[0], rows[1]
    assert "soort pand" in header and "pand_type" not in header
    assert values[header.index("soort pand")] == "rijwoning"
    assert values[header.index("aanpak")] == "maatwerk"
    assert values[header.index("maatregel (beoordeeld)")] == "zware versterking"


# --- core: explanations ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def planned():
    from test_workspace import make_project

    project = make_project(n=900)
    config = PlanningConfig.from_dict(project.settings["planning"])
    result = Planner(project.buildings, project.clusters, config).run(global_share=0.2)
    return project, result


def test_share_counts_are_the_plans_numbers(planned):
    project, result = planned
    counts = share_counts(result)
    metrics = result.metrics
    assert counts.bespoke == metrics["bespoke_buildings"]
    assert counts.with_work == metrics["buildings_with_work"]
    assert counts.without_work == metrics["buildings_without_work"]
    assert counts.already_done == metrics["already_done"]
    assert counts.plan_share == pytest.approx(metrics["bespoke_share"])
    assert counts.forced + counts.chosen == counts.bespoke
    assert counts.forced > 0 and counts.without_work > 0  # the sample has both
    # the slider's 20 % applies to the buildings with a choice, per cluster rounded
    assert counts.chosen == pytest.approx(0.2 * counts.choice, abs=len(project.clusters))
    text = share_explanation(0.2, counts)
    assert f"Schuif 20 % geldt voor de {fmt.count(counts.choice)} panden" in text
    assert f"Altijd maatwerk (sloop-nieuwbouw, eigen regie): {fmt.count(counts.forced)}" in text
    assert fmt.percent(counts.plan_share) in text
    assert "Tellen niet mee" in text


def test_share_counts_of_one_cluster(planned):
    project, result = planned
    cluster = str(project.clusters["cluster_id"].iloc[0])
    counts = share_counts(result, [cluster])
    members = (project.buildings["cluster_id"] == cluster).sum()
    assert counts.buildings == members
    rows = result.clusters[result.clusters["cluster_id"] == cluster]
    if "n_bespoke" in rows:
        assert counts.bespoke == int(rows["n_bespoke"].iloc[0])


def test_already_done_reconciles_with_voortgang(planned):
    project, result = planned
    counts = done_counts(project.buildings)
    assert counts.already_done == result.metrics["already_done"]
    progress = db.milestone_counts(project.buildings)
    assert counts.afgerond == int(progress.loc["afgerond", "totaal"])  # Voortgang's figure
    assert counts.adds_up
    text = done_explanation(counts)
    assert text.startswith(f"Al gereed {fmt.count(counts.already_done)} = ")
    assert f"{fmt.count(counts.afgerond)} afgerond (Voortgang)" in text


def test_order_note_says_later_and_what_it_saves():
    default = {"all_done": "2030-12-16", "risk_exposure": 0.330}
    optimised = {"all_done": "2031-02-10", "risk_exposure": 0.300}
    note = order_note(default, optimised)
    assert "2 maanden later gereed" in note and "feb 2031 i.p.v. dec 2030" in note
    assert "bespaart het 0,0300 slachtoffer-jaren" in note
    assert "9 % minder" in note
    same = order_note(default, {"all_done": "2030-12-20", "risk_exposure": 0.2})
    assert "even snel" in same
    assert order_note({}, optimised) == ""


def test_scenario_inputs_are_dutch_rows_with_units():
    settings = {"starts_per_week": 35, "start_date": "2027-03-01", "threat_factor": 0.8}
    rows = scenario_inputs(settings, "optimise", {"C1": 0.5, "C2": 0.9})
    by_label = {label: (unit, value) for label, unit, value in rows}
    assert by_label["capaciteit"] == ("bouwstarts per week", "35")
    assert by_label["volgorde clusters"][1] == "geoptimaliseerd"
    assert by_label["startdatum"][1] == "1 mrt 2027"
    assert by_label["dreigingsfactor"][1] == "0,80"
    assert by_label["clusters met eigen aandeel"][1] == "2 clusters (50 %–90 %)"
    assert by_label["aandeel maatwerk (schuif)"][1] == "20 %"
    assert all(unit for _label, unit, _value in rows)


def test_search_rule_for_one_house():
    assert names_one_house("spreeuwenstraat 67")
    assert names_one_house("Spreeuwenstraat 67a, Loppersum")
    assert not names_one_house("spreeuwenstraat")
    assert not names_one_house("9919 AB")
    assert not names_one_house("0010100000178423")


def test_save_folder_is_never_the_program_folder(tmp_path):
    from gis_app.paths import ROOT_DIR, SAMPLE_DATA_DIR
    from gis_app.ui.shell.project_controller import save_start_folder

    documents = tmp_path / "Documenten"
    documents.mkdir()
    last = tmp_path / "projecten"
    last.mkdir()
    # the bundled sample: not its folder, the last used one
    assert save_start_folder(SAMPLE_DATA_DIR, str(last), str(documents)) == last
    # no last folder (or it is the program's): the documents folder
    assert save_start_folder(SAMPLE_DATA_DIR, str(ROOT_DIR), str(documents)) == documents
    assert save_start_folder(None, "", str(documents)) == documents
    # a project of the user's own: its folder
    own = tmp_path / "werk"
    own.mkdir()
    assert save_start_folder(own, str(last), str(documents)) == own


# --- window ----------------------------------------------------------------------------------


@pytest.fixture
def dutch(qapp):
    from gis_app.ui.app import install_dutch

    before = QLocale()
    loaded = install_dutch(qapp)
    yield loaded
    QLocale.setDefault(before)


def test_qt_texts_and_number_fields_are_dutch(qtbot, dutch):
    from PySide6.QtWidgets import QDialogButtonBox, QDoubleSpinBox, QMessageBox

    assert "qtbase" in dutch
    box = QMessageBox()
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    texts = {box.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Save,)}
    assert texts == {"Opslaan"}
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Annuleren"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open)
    assert buttons.buttons()[0].text().replace("&", "") == "Openen"
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setValue(0.5)
    assert spin.text() == "0,50"


@pytest.fixture
def workspace(qtbot):
    from test_workspace import make_project, open_workspace

    with open_workspace(qtbot, make_project(n=900)) as ws:
        yield ws


def test_slider_explains_the_plan_share(qtbot, workspace):
    from test_workspace import wait_idle

    ws = workspace
    ws.panel.global_slider.slider.setValue(30)
    wait_idle(qtbot, ws)
    metrics = ws.controller.result.metrics
    text = ws.panel.share_explanation.text()
    assert text.startswith("Schuif 30 % geldt voor de ")
    assert f"Plan: {fmt.count(metrics['bespoke_buildings'])} van " in text
    assert f"= {fmt.percent(metrics['bespoke_share'])}" in text
    # a cluster at 100 %: the cluster's line says which of its buildings do not count
    counts = share_counts(ws.controller.result)
    assert counts.forced > 0
    result = ws.controller.result
    per_cluster = [
        (cid, share_counts(result, [cid])) for cid in ws.document.project.clusters["cluster_id"]
    ]
    cluster, cluster_counts = next((c, k) for c, k in per_cluster if k.without_work > 0)
    ws.document.set_selected_clusters([cluster])
    ws.panel.own_share.setChecked(True)
    ws.panel.cluster_slider.slider.setValue(100)
    wait_idle(qtbot, ws)
    numbers = ws.panel.cluster_numbers.text()
    after = share_counts(ws.controller.result, [cluster])
    assert after.chosen == after.choice  # 100 % of the buildings with a choice
    assert f"van {fmt.count(after.with_work)} panden met werk" in numbers
    assert f"({fmt.count(cluster_counts.buildings)} in cluster)" in numbers
    assert "Schuif 100 %" in numbers and "Tellen niet mee" in numbers


def test_order_choice_says_what_optimising_costs_and_saves(qtbot, workspace):
    from test_workspace import wait_idle

    ws = workspace
    panel = ws.panel
    qtbot.waitUntil(lambda: panel.order_note.text() != "", timeout=30000)
    default_metrics = dict(ws.controller.result.metrics)
    note_from_default = panel.order_note.text()
    panel.order_combo.setCurrentIndex(panel.order_combo.findData("optimise"))
    wait_idle(qtbot, ws)
    optimised_metrics = dict(ws.controller.result.metrics)
    expected = order_note(default_metrics, optimised_metrics)
    assert expected.startswith("Geoptimaliseerd is alles")
    # the note said it before the choice was made, and says the same after it
    assert note_from_default == expected
    qtbot.waitUntil(lambda: panel.order_note.text() == expected, timeout=30000)


def test_scenario_comparison_lists_inputs_in_dutch_with_units(qtbot, workspace):
    from test_workspace import wait_idle

    ws = workspace
    ws.panel.global_slider.slider.setValue(10)
    wait_idle(qtbot, ws)
    assert ws.scenarios.save_current("Snel")
    ws.panel.global_slider.slider.setValue(60)
    ws.panel.threat.setValue(0.8)
    wait_idle(qtbot, ws)
    assert ws.scenarios.save_current("Maatwerk")
    ws.scenarios.set_checked(["Snel", "Maatwerk"])
    with qtbot.waitSignal(ws.scenarios.comparisonReady, timeout=30000):
        ws.scenarios.compare_button.click()
    table = ws.scenarios.table
    last = table.columnCount() - 1
    assert table.horizontalHeaderItem(last).text() == "eenheid"
    rows = {}
    for r in range(table.rowCount()):
        label = table.item(r, 0).text()
        rows[label] = [table.item(r, c).text() for c in range(1, table.columnCount())]
    for name in (
        "capaciteit",
        "volgorde clusters",
        "aandeel maatwerk (schuif)",
        "startdatum",
        "dreigingsfactor",
    ):
        assert name in rows
    assert rows["aandeel maatwerk (schuif)"][:2] == ["10 %", "60 %"]
    assert rows["dreigingsfactor"][:2] == ["1,00", "0,80"]
    english = re.compile(r"in construction|explainability|peak|already|_")
    for label, values in rows.items():
        assert not english.search(label), label
        if label not in ("Invoer", "Uitkomst"):
            assert values[-1], f"no unit for {label}"
    assert "al gereed (met maatregel)" in rows
    counts = done_counts(ws.document.project.buildings)
    assert ws.scenarios.done_note.text() == done_explanation(counts)
    # fits a laptop dock: the label and both scenarios' values are in view
    ws.scenarios.resize(700, 320)
    ws.scenarios.show()
    qtbot.wait(50)
    ws.scenarios._fit_columns()
    widths = [table.columnWidth(c) for c in range(3)]
    assert sum(widths) <= table.viewport().width()


def test_scenario_comparison_labels_cover_the_planners_metrics(planned):
    _project, result = planned
    from gis_app.core import scenarios as sc

    comparison = sc.compare({"a": result, "b": result})
    for key in comparison.values.index:
        assert "_" not in comparison.labels[key]
        assert comparison.units[key]
    assert "in_construction" in comparison.values.index  # shown, in Dutch
    assert comparison.labels["in_construction"] == EXTRA_METRIC_LABELS["in_construction"][0]


def _named_project() -> Project:
    xs = np.arange(4) * 20.0 + 247000.0
    buildings = gpd.GeoDataFrame(
        {
            "building_id": [f"00101000001784{i:02d}" for i in range(4)],
            "address": [
                "Spreeuwenstraat 67",
                "Spreeuwenstraat 67",
                "Spreeuwenstraat 67a",
                "Zwet 1",
            ],
            "woonplaats": ["Loppersum", "Appingedam", "Loppersum", "Delfzijl"],
            "lpr": [3e-3, 2e-6, 5e-7, 1e-5],
            "pand_type": ["terraced", "semi", "detached", "barn"],
            "cluster_id": ["C0158", "C0158", "", "C0002"],
            "plan_completion_year": [2031.0, 2030.0, np.nan, 2032.0],
            "plan_approach": ["bespoke", "standard", "none", "standard"],
        },
        geometry=shapely.box(xs, 594000.0, xs + 12.0, 594010.0),
        crs=WORKING_CRS,
    )
    ensure_building_columns(buildings)
    clusters = gpd.GeoDataFrame(
        {"cluster_id": ["C0158", "C0002"], "name": ["Delfzijl-114", "Loppersum-002"]},
        geometry=[shapely.box(246990, 593990, 247100, 594020)] * 2,
        crs=WORKING_CRS,
    )
    return Project(buildings=buildings, clusters=clusters)


def test_identify_panel_is_dutch_and_names_the_cluster_as_the_map(qtbot):
    from gis_app.ui.panels.identify_panel import IdentifyPanel, building_summary

    document = ProjectDocument(_named_project())
    panel = IdentifyPanel(document)
    qtbot.addWidget(panel)
    panel.show_building(0)
    assert panel.value_of("Cluster") == "Delfzijl-114"
    assert panel.value_of("Soort pand") == "rijwoning"
    assert panel.value_of("Aanpak (plan)") == "maatwerk"
    assert panel.value_of("Gereed in (plan)") == "2031"
    assert panel.value_of("LPR (per jaar)") == "3,0e-03"
    internal = set(document.project.buildings.columns)
    for i in range(panel.table.rowCount()):
        label = panel.table.item(i, 0).text()
        value = panel.table.item(i, 1).text()
        assert label not in internal and "_" not in label, label
        assert value not in ("terraced", "bespoke", "standard", "heavy", "light"), value
    summary = building_summary(document.project.buildings, 0, document.project.clusters)
    assert "Delfzijl-114" in summary and "C0158" not in summary


def test_table_is_dutch_sorts_to_the_top_and_shows_cut_off_text(qtbot):
    from gis_app.ui.panels.attribute_table import AttributeTable, elided_tooltip, header_tooltip

    project = _named_project()
    many = pd.concat([project.buildings] * 50, ignore_index=True)
    many["building_id"] = [f"{i:016d}" for i in range(len(many))]
    project.buildings = gpd.GeoDataFrame(many, geometry="geometry", crs=WORKING_CRS)
    document = ProjectDocument(project)
    table = AttributeTable(document)
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    qtbot.wait(20)
    model = table.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert all("_" not in h for h in headers), headers
    cluster = model.columns.index("cluster_id")
    assert model.index(0, cluster).data() == "Delfzijl-114"
    # sorting scrolls to the top
    bar = table.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    table.view.sortByColumn(model.columns.index("lpr"), Qt.SortOrder.DescendingOrder)
    qtbot.wait(10)
    assert bar.value() == 0
    assert model.index(0, model.columns.index("lpr")).data() == "3,0e-03"
    # a cut-off cell shows its full text, a cell that fits none
    address = model.columns.index("address")
    table.view.setColumnWidth(address, 30)
    index = model.index(0, address)
    assert elided_tooltip(table.view, index) == index.data()
    table.view.setColumnWidth(address, 400)
    assert elided_tooltip(table.view, index) is None
    header = table.view.horizontalHeader()
    table.view.setColumnWidth(address, 20)
    assert header_tooltip(header, address) == "Adres"
    table.view.setColumnWidth(address, 300)
    assert header_tooltip(header, address) is None


def test_search_with_several_houses_lets_the_planner_choose(qtbot):
    from gis_app.ui.panels.search import SearchField

    document = ProjectDocument(_named_project())
    field = SearchField(document)
    qtbot.addWidget(field)
    found = []
    field.found.connect(lambda rows: found.append(list(rows)))
    field.run_search("spreeuwenstraat 67")
    assert found == []  # nothing selected yet: the planner chooses
    menu = field.choice_menu
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0].startswith("Alle ")
    hits = texts[1:]
    assert any("Appingedam" in t for t in hits) and any("Loppersum" in t for t in hits)
    pick = next(a for a in menu.actions() if "Appingedam" in a.text())
    pick.trigger()
    assert found == [[1]]
    # a street alone still selects every hit at once
    field.run_search("spreeuwenstraat")
    assert sorted(found[-1]) == [0, 1, 2]


def test_renamed_cluster_shows_its_new_name_in_identify_panel_and_table(qtbot):
    from gis_app.ui.clusters.commands import RenameClusterCommand
    from gis_app.ui.panels.attribute_table import AttributeTable
    from gis_app.ui.panels.identify_panel import IdentifyPanel

    document = ProjectDocument(_named_project())
    panel = IdentifyPanel(document)
    table = AttributeTable(document)
    qtbot.addWidget(panel)
    qtbot.addWidget(table)
    panel.show_building(0)
    column = table.model.columns.index("cluster_id")
    assert table.model.index(0, column).data() == "Delfzijl-114"
    document.undo_stack.push(RenameClusterCommand(document, "C0158", "Spreeuwenhof"))
    assert panel.value_of("Cluster") == "Spreeuwenhof"
    assert table.model.index(0, column).data() == "Spreeuwenhof"
