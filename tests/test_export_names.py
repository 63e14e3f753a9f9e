"""Safe file names and the guard that keeps exports inside the chosen folder."""

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gis_app.core.errors import ExportError
from gis_app.core.export.names import MAX_NAME_BYTES, inside, is_reserved, safe_name, unique_names

FORBIDDEN = set('/\\:*?"<>|')


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../x", "x"),
        ("..", "naamloos"),
        ("CON", "CON_"),
        ("con.txt", "con.txt_"),
        ("LPT9", "LPT9_"),
        ("COM1.gpkg", "COM1.gpkg_"),
        ("a:b*?", "a_b"),
        ("Ëlsstraat 1", "Ëlsstraat 1"),
        ("Groningen 格罗宁根", "Groningen 格罗宁根"),
        ("naam. ", "naam"),
        ("  .verborgen", "verborgen"),
        ("", "naamloos"),
        (None, "naamloos"),
        ("a\x00b\nc", "a_b_c"),
    ],
)
def test_safe_name_examples(raw, expected):
    assert safe_name(raw) == expected


@given(st.text(max_size=300))
def test_safe_name_is_always_safe(text):
    name = safe_name(text)
    assert name
    assert not (set(name) & FORBIDDEN)
    assert ".." not in name
    assert not name.startswith(".")
    assert not name.endswith((".", " "))
    assert not is_reserved(name)
    assert all(ord(c) >= 32 for c in name)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 1  # +1: the "_" of a reserved name


def test_unique_names_ignore_case():
    assert unique_names(["A", "a", "b", "A"]) == ["A", "a_2", "b", "A_3"]


def test_inside_accepts_children_and_refuses_escapes(tmp_path):
    assert inside(tmp_path, "x", "y.gpkg") == (tmp_path / "x" / "y.gpkg").resolve()
    with pytest.raises(ExportError):
        inside(tmp_path, "..", "x")
    with pytest.raises(ExportError):
        inside(tmp_path, "/etc/passwd")


def test_inside_refuses_a_symlink_pointing_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "export"
    root.mkdir()
    os.symlink(outside, root / "shapefile")
    with pytest.raises(ExportError) as info:
        inside(root, "shapefile", "a.shp")
    assert "buiten de gekozen exportmap" in str(info.value)
