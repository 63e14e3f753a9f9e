"""A planner's set-up never holds the GIL in one call over all buildings.

Python hands the GIL between threads only between bytecodes: one numpy, pandas or
shapely call over 300,000 buildings that holds it (hashing strings, text conversions,
a Python object per row, an STRtree build) keeps the UI thread from drawing while a
worker prepares the first plan. These tests check that such calls see at most one slice
of rows, and that the sliced work gives exactly what one call gives.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from planning_fixtures import config

from gis_app.core import sample, slices
from gis_app.core.clusters import ranking
from gis_app.core.planning import Planner
from gis_app.core.planning import model as model_module
from gis_app.core.planning import planner as planner_module
from gis_app.core.planning.model import PlanningModel
from gis_app.core.planning.planner import candidate_pairs, neighbour_pairs
from gis_app.core.slices import in_slices


def _hashed_lengths(monkeypatch, slice_rows: int) -> list[int]:
    """Slices of ``slice_rows``, and the length of every array ``pd.factorize`` hashes."""
    hashed: list[int] = []
    real_factorize = pd.factorize

    def factorize(values, *args, **kwargs):
        hashed.append(len(values))
        return real_factorize(values, *args, **kwargs)

    monkeypatch.setattr(slices, "SLICE_ROWS", slice_rows)
    monkeypatch.setattr(pd, "factorize", factorize)
    return hashed


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
def test_in_slices_gives_what_one_call_gives(size):
    ids = np.array(
        ["a", "bbbbbbbbbbbbbbbbbbbbbbbbb", "cc", "", "dddd", "e" * 40, "ff"], dtype=object
    )
    text = in_slices(lambda part: np.asarray(part, dtype=str), ids, size)
    whole = np.asarray(ids, dtype=str)
    assert text.dtype == whole.dtype  # the widest slice's width
    assert np.array_equal(text, whole)
    # numbers: the common type of the slices, as one call would give
    series = pd.Series([1, 2, 3, None, 5, 6, 7], dtype=object, index=[9, 8, 7, 6, 5, 4, 3])
    numbers = in_slices(lambda part: pd.to_numeric(part).to_numpy(), series, size)
    expected = pd.to_numeric(series).to_numpy()
    assert numbers.dtype == expected.dtype
    assert np.array_equal(numbers, expected, equal_nan=True)


def test_empty_column_in_slices():
    out = in_slices(lambda part: np.asarray(part, dtype=str), np.empty(0, dtype=object), 4)
    assert len(out) == 0


def _generated(n: int, seed: int):
    buildings = sample.generate_buildings(n, seed=seed)
    buildings["cluster_id"] = ""
    return buildings


def test_candidate_pairs_use_small_trees_and_equal_one_tree(monkeypatch):
    buildings = _generated(600, seed=8)
    geoms = np.asarray(buildings.geometry.values, dtype=object)
    geoms[::17] = None  # missing footprints are skipped
    scope = np.random.default_rng(2).random(len(geoms)) < 0.8
    distance = 15.0
    expected = candidate_pairs(geoms, distance, scope)  # one tree: 600 < TREE_ROWS

    trees, boxes = [], []
    real_tree, real_box = shapely.STRtree, shapely.box

    def tree(geometries, *args, **kwargs):
        trees.append(len(geometries))
        return real_tree(geometries, *args, **kwargs)

    def box(*args, **kwargs):
        boxes.append(len(np.atleast_1d(args[0])))
        return real_box(*args, **kwargs)

    monkeypatch.setattr(planner_module, "TREE_ROWS", 64)
    monkeypatch.setattr(planner_module, "BOX_ROWS", 50)
    monkeypatch.setattr(shapely, "STRtree", tree)
    monkeypatch.setattr(shapely, "box", box)
    found = candidate_pairs(geoms, distance, scope)
    assert len(trees) > 5 and max(trees) <= 64
    assert len(boxes) > 5 and max(boxes) <= 50
    assert len(expected) > 100  # the instance has neighbours
    assert np.array_equal(found, expected)
    # sorted by i, then j, each pair once
    assert np.array_equal(found, expected[np.lexsort((expected[:, 1], expected[:, 0]))])
    assert len({tuple(p) for p in found.tolist()}) == len(found)
    # and the exact neighbours from them are the same
    mask = scope.copy()
    assert np.array_equal(
        neighbour_pairs(geoms, found, distance, mask),
        neighbour_pairs(geoms, expected, distance, mask),
    )


def test_model_set_up_hashes_and_converts_in_slices(monkeypatch):
    """Every hash pass (``pd.factorize``) and text conversion of the model sees at most one
    slice, and the model is the one built without slices."""
    buildings = _generated(500, seed=4)
    buildings.loc[buildings.index[::3], "cluster_id"] = "C1"
    buildings.loc[buildings.index[::7], "building_id"] = "gemeente-onbekend"
    from gis_app.core.schema import ensure_cluster_columns

    clusters = ensure_cluster_columns(pd.DataFrame({"cluster_id": ["C1"], "name": ["Een"]}))
    whole = PlanningModel(buildings, clusters, config())

    hashed = _hashed_lengths(monkeypatch, slice_rows=37)
    sliced = PlanningModel(buildings, clusters, config())
    assert hashed and max(hashed) <= 37
    for name in (
        "rows",
        "group",
        "building_id",
        "cluster_id_of_building",
        "id_rank",
        "group_ids",
        "group_names",
        "measure",
        "profile",
        "eligible_rank",
        "prep_factor",
        "weight",
    ):
        assert np.array_equal(getattr(sliced, name), getattr(whole, name)), name
    # the unclustered buildings' municipalities: the pseudo-clusters are Python text
    assert all(type(g) is str for g in sliced.group_ids)
    assert any(str(g).endswith("onbekend") for g in sliced.group_ids)


def test_planner_in_slices_plans_the_same(monkeypatch):
    buildings = _generated(400, seed=6)
    whole = Planner(buildings, None, config(neighbour_distance_m=15.0)).run()
    monkeypatch.setattr(slices, "SLICE_ROWS", 29)
    monkeypatch.setattr(planner_module, "TREE_ROWS", 50)
    monkeypatch.setattr(planner_module, "BOX_ROWS", 20)
    sliced = Planner(buildings, None, config(neighbour_distance_m=15.0)).run()
    assert np.array_equal(sliced.completion_week, whole.completion_week)
    assert np.array_equal(sliced.bespoke, whole.bespoke)
    assert sliced.metrics == whole.metrics
    assert whole.metrics["neighbour_pairs"] > 0


def test_cluster_statistics_codes_in_slices(monkeypatch):
    buildings = _generated(300, seed=2)
    values = buildings["risk_profile"].to_numpy(dtype=object)
    vocabulary = ["verhoogd", "licht verhoogd", "normaal"]
    whole = ranking._codes(values, vocabulary)
    hashed = _hashed_lengths(monkeypatch, slice_rows=41)
    assert np.array_equal(ranking._codes(values, vocabulary), whole)
    assert max(hashed) <= 41
    assert (whole >= 0).any()


def test_municipality_text_sorts_as_python_text():
    ids = np.array(
        ["0014100000000001", "0003100000000002", "x", "0014100000000003", "٣" * 16], dtype=object
    )
    codes = model_module._municipality(ids)
    assert list(codes) == ["0014", "0003", "onbekend", "0014", "٣٣٣٣"]
    assert list(np.unique(codes)) == sorted({str(c) for c in codes})


@pytest.mark.parametrize("slice_rows", [1, 3, 1000])
def test_municipality_and_id_rank_in_slices_equal_one_pass(monkeypatch, slice_rows):
    """Slices that hold BAG ids only, others only, and both give what one pass gives."""
    from test_planning_setup import municipality_by_rows

    ids = np.array(
        ["0014100000000002", "0003100000000001", "٣" * 16, "gemeente-onbekend"]
        + ["0014100000000002", "1966100000000009", "001410000000000", "00141000000000021"]
        + ["0047100000000005", "0014100000000003", "0014100000000001"],
        dtype=object,
    )
    monkeypatch.setattr(slices, "SLICE_ROWS", slice_rows)
    assert list(model_module._municipality(ids)) == list(municipality_by_rows(ids))
    expected = np.unique(ids.astype(str), return_inverse=True)[1]
    assert np.array_equal(model_module._id_rank(ids), expected)
    # the pseudo-clusters: distinct codes and each id's position, as one np.unique gives
    codes, inverse = model_module._municipality_groups(ids)
    expected_codes, expected_inverse = np.unique(municipality_by_rows(ids), return_inverse=True)
    assert list(codes) == list(expected_codes)
    assert np.array_equal(inverse, expected_inverse)
    empty_codes, empty_inverse = model_module._municipality_groups(ids[:0])
    assert len(empty_codes) == len(empty_inverse) == 0
    bag = ids[[0, 1, 4, 5, 8, 9, 10]]  # BAG ids only: ranked by the numbers they spell
    assert np.array_equal(
        model_module._id_rank(bag), np.unique(bag.astype(str), return_inverse=True)[1]
    )
