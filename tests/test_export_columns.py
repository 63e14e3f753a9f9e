"""Which columns leave the tool: personal data opt-in, the choice remembered, CLI names."""

import pytest

from gis_app.core.errors import ExportError
from gis_app.core.export.columns import (
    SETTINGS_KEY,
    available_columns,
    chosen_columns,
    default_columns,
    looks_personal,
    remember_columns,
    resolve_requested,
)
from gis_app.core.export.frame import candidate_columns
from gis_app.core.project import empty_buildings

COLUMNS = [
    "building_id",
    "package_id",
    "address",
    "postcode",
    "residents",
    "woonplaats",
    "measure",
    "construction_start",
    "Eigenaar",
    "Telefoon nr",
    "field_note",
    "bouwjaar",
    "geometry",
]


def test_addresses_are_in_by_default_and_resident_data_opt_in():
    available = available_columns([*COLUMNS, "eigen_regie", "E-mail", "straatnaam"])
    default = default_columns(available)
    # public BAG data: the contractor needs it to find the door
    assert {
        "building_id",
        "package_id",
        "address",
        "postcode",
        "woonplaats",
        "straatnaam",
        "measure",
        "construction_start",
        "bouwjaar",
    } <= set(default)
    personal = {"residents", "eigen_regie", "Eigenaar", "Telefoon nr", "E-mail", "field_note"}
    assert not personal & set(default)
    # the column chooser marks exactly these as personal data
    assert {c.name for c in available if c.personal} == personal
    assert "geometry" not in [c.name for c in available]
    assert looks_personal("name") and not looks_personal("package_name")
    assert looks_personal("eigenaar_adres") and not looks_personal("openbare_ruimte_naam")


def test_choice_is_remembered_and_required_columns_stay():
    available = available_columns(COLUMNS)
    settings = {}
    assert chosen_columns(settings, available) == default_columns(available)
    remember_columns(settings, ["address", "measure"])
    assert settings[SETTINGS_KEY] == ["address", "measure"]
    assert chosen_columns(settings, available) == [
        "building_id",
        "package_id",
        "address",
        "measure",
    ]
    settings[SETTINGS_KEY] = ["verdwenen_kolom", "measure"]  # a column that no longer exists
    assert chosen_columns(settings, available) == ["building_id", "package_id", "measure"]


def test_command_line_names_and_labels():
    available = available_columns(COLUMNS)
    assert resolve_requested(["adres", "Start bouw"], available) == [
        "building_id",
        "package_id",
        "address",
        "construction_start",
    ]
    everything = resolve_requested(["alle"], available)
    assert "field_note" in everything and "residents" in everything
    assert set(resolve_requested(["default", "residents"], available)) == set(
        default_columns(available)
    ) | {"residents"}
    with pytest.raises(ExportError) as info:
        resolve_requested(["kleur"], available)
    assert "onbekende kolom 'kleur'" in str(info.value)


def test_candidate_columns_without_planning():
    buildings = empty_buildings()
    buildings["bouwjaar"] = []
    columns = candidate_columns(buildings)
    assert columns[:2] == ["building_id", "package_id"]
    assert {"measure", "approach", "construction_start", "completion", "address"} <= set(columns)
    assert columns[-1] == "bouwjaar"
    assert "geometry" not in columns
