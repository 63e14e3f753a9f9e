"""What residents were told, in the contractors' address lists (read back with csv and
openpyxl), and the export's plan keeping commitments as locks."""

import csv
import datetime as dt

import openpyxl
import pandas as pd
from planning_fixtures import config, make_instance
from test_export_addresses import exported, three_buildings

from gis_app.core.commitments import Commitment, CommitmentBook
from gis_app.core.export.addresses import COMMITMENT_LIST_COLUMNS, with_commitments
from gis_app.core.export.exporter import prepare_export
from gis_app.core.planning import Planner
from gis_app.core.project import Project


def told(building_id: str, start: dt.date, on: dt.date) -> Commitment:
    return Commitment(
        building_id=building_id,
        address="x",
        measure="heavy",
        approach="standard",
        prep_start=start - dt.timedelta(days=70),
        construction_start=start,
        completion=start + dt.timedelta(days=140),
        told_on=on,
        scenario="basis",
    )


def test_address_lists_show_what_was_told_and_whether_the_plan_keeps_it(tmp_path, qapp):
    project = Project(buildings=three_buildings())
    project.addresses = pd.DataFrame(
        {
            "building_id": ["0003100000000002"] * 2,
            "straat": ["Kerkstraat"] * 2,
            "huisnummer": [3, 3],
            "toevoeging": ["1", "2"],
            "postcode": ["9919AC"] * 2,
            "woonplaats": ["Loppersum"] * 2,
            "verblijfsobject_id": ["0003010000000011", "0003010000000012"],
        }
    )
    # the plan (FakePlan) starts the panden on 2027-01-04, -11 and -18
    book = CommitmentBook().record(
        [
            told("0003100000000002", dt.date(2027, 1, 11), dt.date(2026, 10, 1)),  # kept
            told("0003100000000003", dt.date(2027, 1, 12), dt.date(2026, 10, 2)),  # 6 days late
        ]
    )
    project.commitments = book.to_dict()
    packages = exported(tmp_path, project, formats=("csv", "xlsx"))
    pid = packages["package_id"].iloc[0]

    csv_file = next((tmp_path / "adreslijsten").glob(f"{pid}*.csv"))
    rows = list(csv.reader(csv_file.read_text("utf-8-sig").splitlines(), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[-3:] == list(COMMITMENT_LIST_COLUMNS)
    col = {name: header.index(name) for name in header}
    got = [
        (r[col["toegezegd_start"]], r[col["toegezegd_op"]], r[col["toezegging_gehouden"]])
        for r in body
    ]
    assert got == [
        ("", "", "—"),
        ("2027-01-11", "2026-10-01", "ja"),  # both addresses of the told pand
        ("2027-01-11", "2026-10-01", "ja"),
        ("2027-01-12", "2026-10-02", "nee"),
    ]

    book = openpyxl.load_workbook(next((tmp_path / "adreslijsten").glob(f"{pid}*.xlsx")))
    sheet = book["Adressen"]
    xheader = [c.value for c in sheet[1]]
    cells = [dict(zip(xheader, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert cells[0]["toegezegd_start"].value is None
    assert cells[0]["toezegging_gehouden"].value == "—"
    assert cells[1]["toegezegd_start"].is_date
    assert cells[1]["toegezegd_start"].value.date() == dt.date(2027, 1, 11)
    assert cells[3]["toegezegd_op"].is_date
    assert cells[3]["toegezegd_op"].value.date() == dt.date(2026, 10, 2)
    assert [c["toezegging_gehouden"].value for c in cells] == ["—", "ja", "ja", "nee"]
    explained = [r[1] for r in book["Toelichting"].iter_rows(values_only=True)]
    assert set(COMMITMENT_LIST_COLUMNS) <= set(explained)


def test_no_start_in_the_plan_is_neither_kept_nor_broken():
    rows = pd.DataFrame({"building_id": ["a", "b"]})
    book = CommitmentBook().record([told("a", dt.date(2027, 3, 1), dt.date(2027, 1, 1))])
    schedule = pd.DataFrame(
        {"building_id": ["a", "b"], "construction_start": pd.to_datetime([None, "2027-02-01"])}
    )
    out = with_commitments(rows, book.to_dict(), schedule)
    assert out["toezegging_gehouden"].tolist() == ["—", "—"]
    assert out["toegezegd_start"].iloc[0] == pd.Timestamp("2027-03-01")
    assert pd.isna(out["toegezegd_start"].iloc[1])


def test_the_exported_plan_keeps_the_commitments_as_locks():
    buildings, clusters = make_instance(n_clusters=4, per_cluster=6, seed=3)
    buildings["milestone"] = "versterkingsbesluit"  # capacity alone sets the dates
    cfg = config()
    free = Planner(buildings, clusters, cfg).run()
    model = free.model
    last = int(model.work_idx[free.start_week[model.work_idx].argmax()])
    bid = str(model.building_id[last])
    promised = cfg.start_date + dt.timedelta(days=7 * max(int(free.start_week[last]) - 10, 1))
    project = Project(buildings=buildings, clusters=clusters)
    project.settings["planning"] = cfg.to_dict()
    project.commitments = CommitmentBook().record([told(bid, promised, cfg.start_date)]).to_dict()
    prepared = prepare_export(project)
    s = prepared.plan_result.schedule.set_index("building_id")
    assert free.date_of(free.start_week[last]) > promised  # without the lock: later
    assert s.loc[bid, "construction_start"].date() <= promised
    assert prepared.plan_result.metrics["commitments"]["kept"] == 1
