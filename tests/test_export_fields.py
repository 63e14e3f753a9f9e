"""Shapefile field names: at most 10 characters, unique, mapping written beside."""

import csv

from hypothesis import given
from hypothesis import strategies as st

from gis_app.core.export.fields import CURATED, shorten_field_names, write_field_mapping


def test_curated_names_fit():
    assert all(len(short) <= 10 for short in CURATED.values())
    assert len({s.casefold() for s in CURATED.values()}) == len(CURATED)


def test_known_and_long_names():
    mapping = shorten_field_names(
        ["building_id", "construction_start", "completion", "lpr", "some_very_long_column_name"]
    )
    assert mapping["building_id"] == "bag_id"
    assert mapping["construction_start"] == "start_bouw"
    assert mapping["lpr"] == "lpr"
    assert len(mapping["some_very_long_column_name"]) <= 10


def test_clashes_get_numbers():
    mapping = shorten_field_names(["abcdefghijk_1", "abcdefghijk_2", "ABCDEFGHIJKL"])
    shorts = list(mapping.values())
    assert all(len(s) <= 10 for s in shorts)
    assert len({s.casefold() for s in shorts}) == 3


def test_accented_names_become_ascii():
    mapping = shorten_field_names(["Straatnaam Ëls", "格罗宁根"])
    assert all(s.isascii() for s in mapping.values())
    assert mapping["Straatnaam Ëls"] == "Straatnaam"[:10] or len(mapping["Straatnaam Ëls"]) <= 10


@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=60, unique=True))
def test_shortening_is_unique_and_short(names):
    mapping = shorten_field_names(names)
    shorts = list(mapping.values())
    assert len(mapping) == len(names)
    assert all(1 <= len(s) <= 10 and s.isascii() for s in shorts)
    assert len({s.casefold() for s in shorts}) == len(shorts)
    assert shorten_field_names(names) == mapping  # deterministic


def test_mapping_file(tmp_path):
    mapping = shorten_field_names(["building_id", "construction_start"])
    path = write_field_mapping(tmp_path / "m.csv", mapping, {"building_id": "BAG pand-id"})
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["kort", "volledig", "omschrijving"]
    assert ["bag_id", "building_id", "BAG pand-id"] in rows
    assert ["start_bouw", "construction_start", ""] in rows
