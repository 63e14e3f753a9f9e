"""Building styles: classification breaks on known data, colours and legends."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gis_app.core.schema import MILESTONES
from gis_app.core.styling import (
    RISK_COLORS,
    STYLE_CATEGORICAL,
    STYLE_GRADUATED,
    STYLE_MILESTONE,
    StyleSpec,
    class_breaks,
    classify,
    compute_style,
    contrast_ratio,
    equal_interval_breaks,
    hex_to_rgba,
    jenks_breaks,
    quantile_breaks,
    style_columns,
)


def test_quantile_breaks_split_counts_evenly():
    values = np.arange(1, 101, dtype=float)  # 1..100
    edges = quantile_breaks(values, 4)
    assert edges.tolist() == pytest.approx([1.0, 25.75, 50.5, 75.25, 100.0])
    counts = np.bincount(classify(values, edges))
    assert counts.tolist() == [25, 25, 25, 25]


def test_equal_interval_breaks():
    edges = equal_interval_breaks([0.0, 3.0, 10.0, np.nan], 5)
    assert edges.tolist() == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    assert classify([0.0, 1.99, 2.0, 10.0, np.nan], edges).tolist() == [0, 0, 1, 4, -1]


def test_jenks_finds_the_natural_groups():
    values = [1, 2, 3, 4, 20, 21, 22, 23, 50, 51, 52]
    edges = jenks_breaks(values, 3)
    assert edges.tolist() == [1, 20, 50, 52]
    assert classify(values, edges).tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]


def test_jenks_respects_weights_of_repeated_values():
    # many repeats of 10 pull the break: 10 and 11 belong together, 30 apart
    values = [10] * 50 + [11] * 5 + [30] * 5
    edges = jenks_breaks(values, 2)
    assert edges.tolist() == [10, 30, 30]
    assert classify(values, edges).tolist() == [0] * 55 + [1] * 5


def test_jenks_on_large_columns_is_close_to_exact_groups():
    rng = np.random.default_rng(1)
    values = np.concatenate(
        [rng.normal(0, 1, 40000), rng.normal(100, 1, 40000), rng.normal(200, 1, 40000)]
    )
    edges = jenks_breaks(values, 3)
    assert len(edges) == 4
    # an inner edge is the first (smallest) value of the class above it
    assert 90 < edges[1] < 100 and 190 < edges[2] < 200
    counts = np.bincount(classify(values, edges))
    assert counts.tolist() == [40000, 40000, 40000]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60),
    st.integers(1, 7),
    st.sampled_from(["quantile", "equal", "jenks"]),
)
def test_every_value_falls_in_a_class(values, k, method):
    edges = class_breaks(values, k, method)
    assert np.all(np.diff(edges) >= 0)
    classes = classify(values, edges)
    assert classes.min() >= 0
    assert classes.max() <= max(len(edges) - 2, 0)
    assert edges[0] == min(values) and edges[-1] == max(values)


def frame():
    return pd.DataFrame(
        {
            "risk_profile": ["verhoogd", "licht verhoogd", "normaal", "onbekend", "verhoogd"],
            "lpr": [1e-4, 5e-6, 1e-7, np.nan, 2e-5],
            "milestone": ["opname", "afgerond", "in_plan", "opname", "bouw_gestart"],
            "typology": ["URM3M_D", "RC1L", "URM3M_D", "W2", ""],
        }
    )


def test_risk_style_colours_and_counts():
    result = compute_style(frame())
    assert result.colors.dtype == np.uint8 and result.colors.shape == (5, 4)
    assert tuple(result.colors[0]) == hex_to_rgba(RISK_COLORS["verhoogd"])
    assert tuple(result.colors[3]) == hex_to_rgba(RISK_COLORS["onbekend"])
    assert [(e.label, e.count) for e in result.legend] == [
        ("verhoogd", 2),
        ("licht verhoogd", 1),
        ("normaal", 1),
        ("onbekend", 1),
    ]


def test_risk_colours_are_distinct_and_ordered_by_lightness():
    colours = [RISK_COLORS[p] for p in ("verhoogd", "licht verhoogd", "normaal", "onbekend")]
    assert len(set(colours)) == 4
    # verhoogd must stand out against the light map background and against onbekend grey
    assert contrast_ratio(RISK_COLORS["verhoogd"], "#f7f7f4") >= 3.0
    assert contrast_ratio(RISK_COLORS["verhoogd"], RISK_COLORS["onbekend"]) >= 2.0
    assert contrast_ratio(RISK_COLORS["normaal"], RISK_COLORS["onbekend"]) >= 1.5


def test_colour_override():
    spec = StyleSpec(colors=(("verhoogd", "#ff0000"),))
    result = compute_style(frame(), spec)
    assert tuple(result.colors[0]) == (255, 0, 0, 255)
    assert result.legend[0].color == "#ff0000"


def test_graduated_style_with_missing_values():
    spec = StyleSpec(kind=STYLE_GRADUATED, column="lpr", method="quantile", classes=2)
    result = compute_style(frame(), spec)
    assert [e.count for e in result.legend] == [2, 2, 1]
    assert result.legend[-1].label == "geen waarde"
    assert tuple(result.colors[3][:3]) == hex_to_rgba(RISK_COLORS["onbekend"])[:3]
    # higher classes are darker (sequential ramp)
    light = np.asarray(hex_to_rgba(result.legend[0].color)[:3]).sum()
    dark = np.asarray(hex_to_rgba(result.legend[1].color)[:3]).sum()
    assert dark < light
    assert tuple(result.colors[0]) == tuple(result.colors[4])  # both in the top class
    assert result.breaks is not None and len(result.breaks) == 3


def test_milestone_style_follows_reporting_order():
    result = compute_style(frame(), StyleSpec(kind=STYLE_MILESTONE))
    assert len(result.legend) == len(MILESTONES)
    counts = {e.label: e.count for e in result.legend}
    assert counts["opname gedaan"] == 2 and counts["versterkingstraject afgerond"] == 1


def test_categorical_style_top_values_and_rest():
    data = pd.DataFrame({"t": list("aaabbbccdefghijklm")})
    result = compute_style(data, StyleSpec(kind=STYLE_CATEGORICAL, column="t"))
    labels = [e.label for e in result.legend]
    assert labels[:2] == ["a", "b"] and labels[-1] == "overig"
    assert len(labels) == 11
    assert sum(e.count for e in result.legend) == len(data)


def test_style_columns_tell_which_changes_matter():
    # bag_status: panden BAG calls gone are drawn muted under every style
    assert style_columns(StyleSpec()) == {"risk_profile", "bag_status"}
    assert style_columns(StyleSpec(kind=STYLE_GRADUATED, column="lpr")) == {"lpr", "bag_status"}


def test_spec_round_trips_through_dict():
    spec = StyleSpec(
        kind=STYLE_GRADUATED,
        column="lpr",
        method="jenks",
        classes=6,
        labels="address",
        colors=(("x", "#010203"),),
    )
    assert StyleSpec.from_dict(spec.to_dict()) == spec
