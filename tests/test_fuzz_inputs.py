"""Property-based tests: many corrupt files, and every reader answers with a clear
GisAppError (or reads what it can) -- never another exception, never a crash, never a file
written outside its place.

Corrupt inputs are made two ways: random bytes under each extension the readers accept,
and mutations (truncation, overwritten bytes, inserted junk) of valid files of each
format. ``max_examples`` is kept modest so the file runs in about twenty seconds.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gis_app.core.errors import GisAppError, ProjectError
from gis_app.core.io import zips
from gis_app.core.io.footprints import read_footprints
from gis_app.core.io.opening import open_path
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.io.tables import read_table
from tests.test_projectfile import make_project

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)

FOOTPRINT_SUFFIXES = [".gpkg", ".shp", ".zip", ".geojson", ".json", ".fgb"]
TABLE_SUFFIXES = [".csv", ".txt", ".xlsx", ".gpkg", ".dbf", ".geojson", ".zip"]


def _footprints() -> gpd.GeoDataFrame:
    x = np.arange(6) * 20.0 + 247000
    return gpd.GeoDataFrame(
        {
            "identificatie": [f"00241000000000{i:02d}" for i in range(6)],
            "risicoprofiel": ["verhoogd", "normaal", "licht verhoogd"] * 2,
            "adres": ["Kerkstraat 1"] * 6,
        },
        geometry=shapely.box(x, 594000, x + 10, 594012),
        crs="EPSG:28992",
    )


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, bytes]:
    """Valid files of every format, as bytes, to be mutated."""
    return build_samples(tmp_path_factory.mktemp("valid"))


def build_samples(folder: Path) -> dict[str, bytes]:
    frame = _footprints()
    out: dict[str, bytes] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for suffix, driver in ((".gpkg", "GPKG"), (".geojson", "GeoJSON"), (".fgb", "FlatGeobuf")):
            path = folder / f"panden{suffix}"
            pyogrio.write_dataframe(frame, path, driver=driver)
            out[suffix] = path.read_bytes()
        pyogrio.write_dataframe(frame, folder / "panden.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in ("shp", "shx", "dbf", "prj"):
            archive.write(folder / f"panden.{part}", f"panden.{part}")
    out[".zip"] = buffer.getvalue()
    out[".shp"] = (folder / "panden.shp").read_bytes()
    out[".dbf"] = (folder / "panden.dbf").read_bytes()
    out[".csv"] = "building_id;lpr;risicoprofiel\n0024100000000001;1,5E-05;verhoogd\n".encode(
        "utf-8-sig"
    )
    table = pd.DataFrame({"building_id": ["0024100000000001"], "lpr": [1.5e-5]})
    xlsx = folder / "risico.xlsx"
    table.to_excel(xlsx, index=False)
    out[".xlsx"] = xlsx.read_bytes()
    project = save_project(make_project(), folder / "project.gpkg")
    out["project"] = project.read_bytes()
    return out


def _mutate(data: bytes, kind: str, position: float, junk: bytes) -> bytes:
    at = int(position * len(data))
    if kind == "truncate":
        return data[:at]
    if kind == "overwrite":
        return data[:at] + junk + data[at + len(junk) :]
    if kind == "insert":
        return data[:at] + junk + data[at:]
    return junk + data[at:]  # "replace the start"


mutations = st.tuples(
    st.sampled_from(["truncate", "overwrite", "insert", "start"]),
    st.floats(min_value=0.0, max_value=1.0),
    st.binary(min_size=1, max_size=64),
)


class Sandbox:
    """A fresh folder per example; checks nothing else appears in it or next to it."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="gis_app_fuzz_"))
        self.folder = self.root / "in"
        self.folder.mkdir()

    def write(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path

    def listing(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*"))

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)


def _call(reader, path: Path) -> None:
    """Run a reader; only GisAppError may come out of it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader(path)
        except GisAppError as error:
            assert error.user_message()
            assert error.path is None or Path(error.path).name == path.name


def _check_reader(reader, name: str, data: bytes, sidecars: dict[str, bytes] | None = None):
    box = Sandbox()
    try:
        path = box.write(name, data)
        for sidecar, content in (sidecars or {}).items():
            box.write(sidecar, content)
        before = box.listing()
        _call(reader, path)
        assert box.listing() == before  # readers write nothing
    finally:
        box.close()


# --- random bytes -----------------------------------------------------------------------------


@FUZZ
@given(suffix=st.sampled_from(FOOTPRINT_SUFFIXES), data=st.binary(max_size=2048))
def test_footprint_reader_on_random_bytes(suffix, data):
    _check_reader(read_footprints, f"panden{suffix}", data)


@FUZZ
@given(suffix=st.sampled_from(FOOTPRINT_SUFFIXES), data=st.binary(max_size=2048))
def test_open_path_on_random_bytes(suffix, data):
    """What File > Open does with any file: a project or an import, or a clear error."""
    _check_reader(open_path, f"bestand{suffix}", data)


@FUZZ
@given(suffix=st.sampled_from(TABLE_SUFFIXES), data=st.binary(max_size=2048))
def test_table_reader_on_random_bytes(suffix, data):
    _check_reader(read_table, f"risico{suffix}", data)


@FUZZ
@given(text=st.text(max_size=400), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_table_reader_on_random_text(text, encoding):
    data = text.encode(encoding, errors="replace")
    _check_reader(read_table, "risico.csv", data)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_project_loader_on_random_bytes(data):
    box = Sandbox()
    try:
        path = box.write("p.gpkg", data)
        with pytest.raises(ProjectError):
            load_project(path)
    finally:
        box.close()


# --- mutated valid files ----------------------------------------------------------------------


@FUZZ
@given(suffix=st.sampled_from([".gpkg", ".geojson", ".fgb", ".zip", ".shp"]), mutation=mutations)
def test_footprint_reader_on_damaged_files(samples, suffix, mutation):
    data = _mutate(samples[suffix], *mutation)
    sidecars = {}
    if suffix == ".shp":  # a damaged .shp next to its intact companions
        sidecars = {"panden.dbf": samples[".dbf"]}
    _check_reader(read_footprints, f"panden{suffix}", data, sidecars)


@FUZZ
@given(suffix=st.sampled_from([".csv", ".xlsx", ".dbf"]), mutation=mutations)
def test_table_reader_on_damaged_files(samples, suffix, mutation):
    _check_reader(read_table, f"risico{suffix}", _mutate(samples[suffix], *mutation))


@FUZZ
@given(mutation=mutations)
def test_project_loader_on_damaged_project_files(samples, mutation):
    data = _mutate(samples["project"], *mutation)
    box = Sandbox()
    try:
        path = box.write("p.gpkg", data)
        before = box.listing()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                project = load_project(path)
            except ProjectError as error:
                assert error.path == str(path)
            else:  # damage SQLite cannot notice (inside a text value): complete or refused
                assert len(project.buildings) == 12
            with contextlib.suppress(GisAppError):
                open_path(path)
        assert box.listing() == before
    finally:
        box.close()


# --- zips -------------------------------------------------------------------------------------

names = st.lists(
    st.one_of(
        st.sampled_from(
            ["..", ".", "", "/", "\\", "C:", "panden.shp", "a", "..\\x", "/etc", "x/../.."]
        ),
        st.text(alphabet="ab./\\:", min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=4,
).map(lambda parts: "/".join(parts))


@FUZZ
@given(members=st.lists(st.tuples(names, st.binary(max_size=64)), min_size=1, max_size=4))
def test_zip_reading_never_writes_outside_the_target(members):
    box = Sandbox()
    try:
        archive = box.root / "in.zip"
        with zipfile.ZipFile(archive, "w") as out:
            for name, content in members:
                if not name.strip("/"):
                    continue
                out.writestr(zipfile.ZipInfo(name), content)
        target = box.root / "target"
        with contextlib.suppress(GisAppError):
            for name in zips.list_members(archive):
                zips.read_member(archive, name)
        outside = [
            p
            for p in box.root.rglob("*")
            if p not in (archive, box.folder, target) and target not in p.parents
        ]
        assert outside == []
        _call(read_footprints, archive)  # the reader opens zips through GDAL, never extracts
        outside = [
            p
            for p in box.root.rglob("*")
            if p not in (archive, box.folder, target) and target not in p.parents
        ]
        assert outside == []
    finally:
        box.close()


def test_the_sandbox_itself_detects_a_stray_file():
    box = Sandbox()
    try:
        before = box.listing()
        (box.root / "stray").write_bytes(b"x")
        assert box.listing() != before
    finally:
        box.close()
    assert not os.path.exists(box.root)
