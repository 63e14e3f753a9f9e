"""The Arrow-stream reader gives what pyogrio.raw.read gives, and the loader falls back."""

from __future__ import annotations

import datetime as dt
import pickle
from functools import partial
from importlib import import_module

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from gis_app.core.errors import InputError
from gis_app.core.io import arrow_io
from gis_app.core.io.footprints import PendingRepair, read_footprints
from gis_app.core.join import load, worker
from gis_app.core.join import table as join_table
from gis_app.core.join.report import JoinReport

#: The worker's initializer, as the application passes it.
TABLE_IMPORTS = partial(import_module, "gis_app.core.join.table")

X0, Y0 = 240_000.0, 590_000.0


def typed_frame(n: int = 7) -> gpd.GeoDataFrame:
    """Every field type planners' files carry, with nulls, accents and odd text."""
    text = ["Bloemstraat 1", "Ëenrum", None, "", "a\x1fb", "Straße 3", "Zuid"][:n]
    geoms = [shapely.box(X0 + i, Y0, X0 + i + 0.8, Y0 + 0.8) for i in range(n)]
    geoms[2] = None
    geoms[3] = shapely.Polygon()
    return gpd.GeoDataFrame(
        {
            "identificatie": [f"000310000011801{i}" for i in range(n)],
            "tekst": text,
            "geheel": pd.array([1, None, 3, 4, 5, 6, 7][:n], dtype="Int64"),
            "geheel_vol": np.arange(n, dtype=np.int32),
            "getal": [1.5, None, 2.0, -1.0, 0.0, 1e-7, 3.25][:n],
            "vlag": pd.array([True, None, False, True, True, False, True][:n], dtype="boolean"),
            "datum": [dt.date(2020, 1, 2), None, *[dt.date(2021, 3, i + 1) for i in range(n - 2)]],
            "moment": [
                pd.Timestamp("2020-01-01 10:00"),
                pd.NaT,
                *[pd.Timestamp("2021-01-01")] * (n - 2),
            ],
        },
        geometry=geoms,
        crs=28992,
    )


def assert_same_as_raw_read(path, **arrow_kwargs):
    layer = arrow_io.read_layer(str(path), **arrow_kwargs)
    meta, _, wkb, columns = pyogrio.raw.read(str(path))
    assert layer.names == list(meta["fields"])
    for name, got, expected in zip(layer.names, layer.columns, columns, strict=True):
        assert got.dtype == expected.dtype, name
        assert len(got) == len(expected), name
        if got.dtype == object:
            assert list(got) == list(expected), name
        else:
            np.testing.assert_array_equal(got, expected, err_msg=name)
    got_wkb = np.concatenate(layer.wkb_batches)
    assert [None if b is None else shapely.from_wkb(b) for b in got_wkb] == [
        None if b is None else shapely.from_wkb(b) for b in wkb
    ]


@pytest.mark.parametrize(
    ("driver", "suffix"), [("GPKG", "gpkg"), ("ESRI Shapefile", "shp"), ("GeoJSON", "geojson")]
)
def test_arrow_read_equals_the_raw_read_for_every_field_type(tmp_path, driver, suffix):
    path = tmp_path / f"typen.{suffix}"
    pyogrio.write_dataframe(typed_frame(), path, driver=driver)
    assert_same_as_raw_read(path)


def test_arrow_read_of_a_shapefile_without_cpg_decodes_like_the_raw_read(tmp_path):
    # no .cpg: the DBF is ISO-8859-1 by the format's rule; accents must survive
    path = tmp_path / "oud.shp"
    frame = typed_frame().assign(tekst=["Ëenrum", "Loppersumerweg é", None, "", "ß", "x", "ü"])
    pyogrio.write_dataframe(frame, path, encoding="cp1252")
    path.with_suffix(".cpg").unlink()
    assert_same_as_raw_read(path)
    assert "Ëenrum" in list(arrow_io.read_layer(str(path)).columns[1])


def test_arrow_read_over_many_batches_with_nulls_in_one_only(tmp_path):
    n = 50
    frame = gpd.GeoDataFrame(
        {
            "identificatie": [f"00031000001180{i:02d}" for i in range(n)],
            # nulls only in the last batch: the other batches' integers must be promoted
            "nummer": pd.array(list(range(n - 1)) + [None], dtype="Int64"),
            "naam": ["Ten Boer"] * 20 + ["Tjuchem"] * 20 + [None] * 10,
        },
        geometry=[shapely.box(X0 + i, Y0, X0 + i + 1, Y0 + 1) for i in range(n)],
        crs=28992,
    )
    path = tmp_path / "batches.gpkg"
    pyogrio.write_dataframe(frame, path)
    assert_same_as_raw_read(path, batch_size=7)


def test_batches_taken_without_the_gil_are_the_streams_own(tmp_path):
    """``stream_batches`` calls the stream's C ``get_next`` through ctypes (which lets go
    of the GIL while GDAL reads): the batches are those nanoarrow's iterator gives."""
    import nanoarrow

    n = 50
    frame = gpd.GeoDataFrame(
        {"naam": [f"pand {i}" for i in range(n)]},
        geometry=[shapely.box(X0 + i, Y0, X0 + i + 1, Y0 + 1) for i in range(n)],
        crs=28992,
    )
    path = tmp_path / "batches.gpkg"
    pyogrio.write_dataframe(frame, path)

    def read(take):
        with pyogrio.raw.open_arrow(path, batch_size=7, use_pyarrow=False) as (_, reader):
            stream = nanoarrow.c_array_stream(reader)
            return [
                (batch.length, [bytes(v.buffer(i)) for v in batch.view().children for i in (1, 2)])
                for batch in take(stream)
            ]

    ours = read(arrow_io.stream_batches)
    assert [length for length, _ in ours] == [7] * 7 + [1]
    assert ours == read(iter)


def test_loader_reads_through_arrow_and_drops_z(tmp_path, monkeypatch):
    frame = gpd.GeoDataFrame(
        {"identificatie": ["0003100000118018", "0003100000118019"]},
        geometry=[
            shapely.Polygon([(X0, Y0, 1), (X0 + 5, Y0, 2), (X0 + 5, Y0 + 5, 3), (X0, Y0, 1)]),
            shapely.box(X0 + 10, Y0, X0 + 15, Y0 + 5),
        ],
        crs=28992,
    )
    path = tmp_path / "z.gpkg"
    pyogrio.write_dataframe(frame, path)
    calls = []
    real = arrow_io.read_layer
    monkeypatch.setattr(arrow_io, "read_layer", lambda *a, **k: calls.append(a) or real(*a, **k))
    buildings, _ = read_footprints(path)
    assert calls, "the Arrow path was not taken"
    assert not shapely.has_z(buildings.geometry.values).any()
    assert buildings.geometry.iloc[0].area == pytest.approx(12.5)


def test_loader_falls_back_when_the_arrow_read_fails(tmp_path, monkeypatch):
    path = tmp_path / "panden.gpkg"
    pyogrio.write_dataframe(typed_frame(), path)
    expected, expected_problems = read_footprints(path)

    def broken(*args, **kwargs):
        raise RuntimeError("ArrowArrayStream::get_next() failed")

    monkeypatch.setattr(arrow_io, "read_layer", broken)
    buildings, problems = read_footprints(path)
    pd.testing.assert_frame_equal(buildings, expected)
    assert [p.kind for p in problems] == [p.kind for p in expected_problems]


def test_errors_survive_pickling_with_file_and_row():
    error = InputError("LPR is geen getal", path="risico.csv", row=12)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InputError
    assert (again.message, again.path, again.row) == ("LPR is geen getal", "risico.csv", 12)
    assert str(again) == "risico.csv, rij 12: LPR is geen getal"


def write_pair(tmp_path, n=40):
    ids = [f"00031000001{i:05d}" for i in range(n)]
    footprints = gpd.GeoDataFrame(
        {"identificatie": ids},
        geometry=[shapely.box(X0 + 2 * i, Y0, X0 + 2 * i + 1, Y0 + 1) for i in range(n)],
        crs=28992,
    )
    fp = tmp_path / "panden.gpkg"
    pyogrio.write_dataframe(footprints, fp)
    lines = ["bag_pand_id;risicoprofiel;lpr;woonplaats"]
    lines += [f"{i};verhoogd;1,5e-05;Loppersum" for i in ids[:-2]]
    lines += [f"{ids[-2]};kwartaal;nan;Wirdum", "0003100000199999;normaal;1e-7;Garrelsweer"]
    risk = tmp_path / "risico.csv"
    risk.write_bytes("\n".join(lines).encode("cp1252"))
    return fp, risk


def test_table_parsed_in_the_worker_process_gives_the_same_load(tmp_path, monkeypatch):
    fp, risk = write_pair(tmp_path)
    local, local_report = load.load_buildings(fp, risk)
    assert worker.warm_up(TABLE_IMPORTS) is not None
    worker.warm_up(TABLE_IMPORTS).result(timeout=120)
    monkeypatch.setattr(join_table, "WORKER_MIN_BYTES", 0)
    submitted = []
    real_submit = worker.submit
    monkeypatch.setattr(
        worker, "submit", lambda *a, **k: submitted.append(a[0]) or real_submit(*a, **k)
    )
    remote, remote_report = load.load_buildings(fp, risk)
    assert submitted == [join_table._read_and_prepare_table_for_handover]
    pd.testing.assert_frame_equal(remote, local)
    assert remote_report.to_dict() == local_report.to_dict()
    # the table's own findings came back from the worker: the unknown profile, the
    # unreadable LPR and the row without a footprint, with their rows
    assert [row for row, _ in remote_report.scores_without_footprints] == [41]
    kinds = {p.kind: p.rows for p in remote_report.problems}
    assert kinds["value_risk_profile_unknown"] == [40]
    assert kinds["value_lpr_not_number"] == [40]


def test_a_table_handed_over_without_id_texts_joins_footprints_with_other_ids(tmp_path):
    # the table's ids are all BAG-form (keys), the footprints' are not: the texts come back
    fp, risk = write_pair(tmp_path)
    table, _, _ = join_table._read_and_prepare_table_for_handover(risk, None, None)
    assert table.ids is None and table.keys is not None
    frame = gpd.GeoDataFrame(
        {"building_id": np.array(["0003100000100000", "pand-7"], dtype=object)},
        geometry=[shapely.box(X0, Y0, X0 + 1, Y0 + 1), shapely.box(X0 + 2, Y0, X0 + 3, Y0 + 1)],
        crs=28992,
    )
    report = JoinReport(str(fp), str(risk))
    position = load._join(frame, table, report, [], str(risk))
    assert position.tolist() == [0, -1]
    assert report.footprints_without_scores == ["pand-7"]
    assert (41, "0003100000199999") in report.scores_without_footprints


def test_a_bad_table_in_the_worker_gives_the_files_message(tmp_path, monkeypatch):
    fp, _ = write_pair(tmp_path)
    bad = tmp_path / "leeg.csv"
    bad.write_text("   \n\n", encoding="utf-8")
    worker.warm_up(TABLE_IMPORTS).result(timeout=120)
    monkeypatch.setattr(join_table, "WORKER_MIN_BYTES", 0)
    with pytest.raises(InputError) as caught:
        load.load_buildings(fp, bad)
    assert caught.value.path == str(bad)


def test_a_dead_worker_falls_back_to_this_process(tmp_path, monkeypatch):
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    fp, risk = write_pair(tmp_path)
    expected, _ = load.load_buildings(fp, risk)

    def dead(*args, **kwargs):
        future = Future()
        future.set_exception(BrokenProcessPool("worker killed"))
        return future

    monkeypatch.setattr(join_table, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(worker, "is_ready", lambda: True)
    monkeypatch.setattr(worker, "submit", dead)
    buildings, _ = load.load_buildings(fp, risk)
    pd.testing.assert_frame_equal(buildings, expected)


# --- repairs applied after the join (PendingRepair) ------------------------------------


def footprints_with_bad_geometry(tmp_path, *, collapsing: bool):
    n = 8
    ids = [f"00031000001{i:05d}" for i in range(n)]
    geoms = [shapely.box(X0 + 3 * i, Y0, X0 + 3 * i + 2, Y0 + 2) for i in range(n)]
    # a bow-tie: invalid, repaired into two triangles
    geoms[2] = shapely.Polygon(
        [(X0 + 6, Y0), (X0 + 8, Y0 + 2), (X0 + 8, Y0), (X0 + 6, Y0 + 2), (X0 + 6, Y0)]
    )
    ids[5] = ids[1]  # a duplicate id: the first one wins
    if collapsing:  # no area at all: nothing polygonal is left after the repair
        geoms[6] = shapely.Polygon([(X0 + 18, Y0), (X0 + 19, Y0), (X0 + 20, Y0), (X0 + 18, Y0)])
    frame = gpd.GeoDataFrame({"identificatie": ids}, geometry=geoms, crs=28992)
    path = tmp_path / "panden.gpkg"
    pyogrio.write_dataframe(frame, path)
    lines = ["bag_pand_id;risicoprofiel;point_x;point_y"]
    lines += [f"{i};verhoogd;;" for i in ids[:4]]
    lines += [f";normaal;{X0 + 19.5};{Y0 + 1}"]  # an exposure-style point, matched by location
    risk = tmp_path / "risico.csv"
    risk.write_text("\n".join(lines), encoding="utf-8")
    return path, risk


@pytest.mark.parametrize("collapsing", [False, True])
@pytest.mark.parametrize("with_table", [False, True])
def test_repairs_applied_after_the_join_give_the_same_load(
    tmp_path, monkeypatch, collapsing, with_table
):
    path, risk = footprints_with_bad_geometry(tmp_path, collapsing=collapsing)
    table = risk if with_table else None
    expected, expected_report = load.load_buildings(path, table, defer_repair=False)
    applied = []
    real_apply = PendingRepair.apply
    monkeypatch.setattr(
        PendingRepair,
        "apply",
        lambda self, *a: applied.append(1) or real_apply(self, *a),
    )
    buildings, report = load.load_buildings(path, table)
    assert applied, "the repairs were not deferred"
    pd.testing.assert_frame_equal(buildings, expected)
    assert report.to_dict() == expected_report.to_dict()
    assert [(p.kind, p.rows) for p in report.problems] == [
        (p.kind, p.rows) for p in expected_report.problems
    ]
    kinds = [p.kind for p in report.problems]
    assert "geometry_repaired" in kinds
    assert ("geometry_collapsed" in kinds) == collapsing
    bow_tie = buildings.loc[buildings["building_id"] == "0003100000100002", "geometry"].iloc[0]
    assert bow_tie.is_valid and bow_tie.area == pytest.approx(2.0)
