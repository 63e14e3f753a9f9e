"""The standalone build (scripts/build.py) runs without Python, the venv or GDAL/PROJ settings.

The program is built once per session into a temporary folder (a few minutes), then run
from that folder with a clean environment: only ``PATH=/usr/bin:/bin``, a fresh ``HOME``
and the offscreen Qt platform, so nothing of this interpreter, its venv or the
developer's ``PROJ_DATA``/``GDAL_DATA`` can help it. What it writes is checked the way a
user would see it: the screenshot against the one the source tree makes, the plan JSON by
parsing it, the WGS84 GeoJSON by its coordinates.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the built program is tested on Linux"
    ),
]

BUILD_TIMEOUT_S = 1800
RUN_TIMEOUT_S = 300


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The folder of a fresh build: ``<dist>/gis-app`` with the program ``gis-app``."""
    root = tmp_path_factory.mktemp("installer")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build.py"),
            "--dist",
            str(root / "dist"),
            "--work",
            str(root / "work"),
            "--no-clean",  # the work folder is new; keep PyInstaller's per-user binary cache
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert result.returncode == 0, (result.stdout[-4000:], result.stderr[-4000:])
    folder = root / "dist" / "gis-app"
    assert (folder / "gis-app").is_file()
    return folder


@pytest.fixture
def clean_env(tmp_path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def bundled_sample(folder: Path) -> Path:
    matches = sorted(folder.rglob("sample_data/sample_area.gpkg"))
    assert matches, "the sample is not in the build"
    return matches[0]


def run_built(folder: Path, args: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(folder / "gis-app"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )


def test_the_build_holds_its_data_and_no_link_outside(built):
    # nothing in the folder may point back into the venv it was built from
    venv = Path(sys.prefix).resolve()
    links = [p for p in built.rglob("*") if p.is_symlink()]
    outside = [p for p in links if not p.resolve().is_relative_to(built.resolve())]
    assert outside == []
    assert not str(built.resolve()).startswith(str(venv))
    for data in ("pyogrio/gdal_data/gdalvrt.xsd", "pyogrio/proj_data/proj.db"):
        assert any(built.rglob(data)), data
    assert any(built.rglob("pyproj/proj_dir/share/proj/proj.db"))
    platforms = {p.name for p in built.rglob("platforms/libq*.so")}
    assert {"libqoffscreen.so", "libqxcb.so"} <= platforms
    assert any(built.rglob("imageformats/libqjpeg.so"))
    assert any(built.rglob("resources/gis_app.svg"))
    for source in (ROOT / "resources" / "i18n").glob("*.ts"):  # compiled by the build
        assert any(built.rglob(f"resources/i18n/{source.stem}.qm")), source.name


def test_version_from_a_clean_environment(built, clean_env, tmp_path):
    from gis_app import __version__

    result = run_built(built, ["--version"], clean_env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"gis-app {__version__}"
    assert result.stderr == ""


def _png(path: Path):
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _pixels(image) -> object:
    import numpy as np

    width, height = image.width(), image.height()
    raw = np.frombuffer(
        image.constBits(), dtype=np.uint32, count=image.bytesPerLine() // 4 * height
    )
    return raw.reshape(height, image.bytesPerLine() // 4)[:, :width] & 0xFFFFFF


def test_screenshot_of_the_bundled_sample(built, clean_env, tmp_path):
    import numpy as np
    from PySide6.QtGui import QColor

    from gis_app.core.schema import PROFILE_LICHT, PROFILE_NORMAAL, PROFILE_VERHOOGD
    from gis_app.core.styling import RISK_COLORS

    sample = bundled_sample(built)
    shot = tmp_path / "frozen.png"
    result = run_built(
        built,
        ["open", str(sample), "--screenshot", str(shot), "--size", "1200x800"],
        clean_env,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Detected locale" not in result.stderr
    frozen = _png(shot)
    assert (frozen.width(), frozen.height()) == (1200, 800)
    pixels = _pixels(frozen)
    assert len(np.unique(pixels)) > 100, "a (nearly) blank image"
    for profile in (PROFILE_VERHOOGD, PROFILE_LICHT, PROFILE_NORMAAL):
        colour = QColor(RISK_COLORS[profile]).rgb() & 0xFFFFFF
        # far more than the legend's swatch: the buildings on the map
        assert int((pixels == colour).sum()) > 300, profile

    # the same window made from the source tree: the build must show the same picture
    # (a few labels differ, such as the time a computation took)
    reference = tmp_path / "source.png"
    source_home = tmp_path / "source_home"
    source_home.mkdir()
    env = dict(clean_env, HOME=str(source_home), PYTHONPATH=str(ROOT))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gis_app",
            "open",
            str(sample),
            "--screenshot",
            str(reference),
            "--size",
            "1200x800",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=RUN_TIMEOUT_S,
    )
    differing = float((_pixels(_png(reference)) != pixels).mean())
    assert differing < 0.02, f"{differing:.1%} of the pixels differ from the source tree's window"


def test_plan_json_from_the_built_program(built, clean_env, tmp_path):
    sample = bundled_sample(built)
    out = tmp_path / "plan.json"
    result = run_built(
        built, ["plan", str(sample), "--auto-clusters", "--json", str(out)], clean_env, tmp_path
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    metrics = plan["metrics"]
    assert metrics["buildings"] == 15000
    assert metrics["clusters"] > 0
    assert metrics["risk_exposure"] > 0
    assert metrics["all_done"] >= metrics["all_verhoogd_done"] > plan["start_date"]
    assert len(plan["schedule"]) == metrics["buildings"]


def test_import_and_export_with_the_bundled_gdal_and_proj_data(built, clean_env, tmp_path, ogrinfo):
    # footprints and a Dutch-Excel risk table made by the built program, imported by it
    made = run_built(
        built,
        ["sample", "--buildings", "400", "--seed", "7", "--split", "--out", "panden.gpkg"],
        clean_env,
        tmp_path,
    )
    assert made.returncode == 0, made.stderr
    imported = run_built(
        built,
        ["import", "panden.gpkg", "--risk", "panden_risico.csv", "--out", "area.gpkg"],
        clean_env,
        tmp_path,
    )
    assert imported.returncode == 0, imported.stderr
    # the join report: every footprint loaded and matched to its table row
    assert re.search(r"panden geladen:\s+400\b", imported.stdout), imported.stdout
    assert re.search(r"gekoppeld op pand-id:\s+400\b", imported.stdout), imported.stdout
    # a PROJ_DATA/GDAL_DATA of the user's own that does not fit must not matter
    env = dict(clean_env, PROJ_DATA=str(tmp_path / "nothing"), GDAL_DATA=str(tmp_path / "nothing"))
    out = tmp_path / "export"
    result = run_built(
        built, ["export", "area.gpkg", "--out", str(out), "--format", "gpkg,geojson"], env, tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "proj.db" not in result.stderr

    # the GeoPackage's layers carry RD New, read back by GDAL's own command line
    (gpkg,) = out.glob("*.gpkg")
    info = subprocess.run(
        [ogrinfo, "-so", str(gpkg), "buildings"], capture_output=True, text=True, check=True
    ).stdout
    assert 'ID["EPSG",28992]' in info and "Feature Count: 0" not in info

    lons, lats = [], []
    for path in sorted(out.rglob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            ring = feature["geometry"]["coordinates"][0]
            if feature["geometry"]["type"] == "MultiPolygon":
                ring = ring[0]
            lons += [point[0] for point in ring]
            lats += [point[1] for point in ring]
    assert len(lons) > 100
    # the sample's villages around Loppersum, in degrees
    assert 6.4 < min(lons) <= max(lons) < 7.1
    assert 53.1 < min(lats) <= max(lats) < 53.5


def test_the_background_worker_starts_in_the_built_program(built, clean_env, tmp_path):
    """The window starts the table worker (core/workers.py, spawn): in the build that is the
    program itself started again, which must become the worker and load the bundle's GDAL,
    not parse the worker's arguments as a command line and exit."""
    gdal_dir = next(built.rglob("pyogrio.libs"))
    settle_s = 5.0
    log = tmp_path / "stderr.txt"
    with open(log, "wb") as stderr:
        app = subprocess.Popen(
            [str(built / "gis-app")],
            cwd=tmp_path,
            env=clean_env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    worker = None
    children = []
    try:
        parent = psutil.Process(app.pid)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and app.poll() is None and worker is None:
            children = parent.children(recursive=True)
            for child in children:
                try:
                    if "--multiprocessing-fork" not in child.cmdline():
                        continue
                    maps = [m.path for m in child.memory_maps(grouped=True)]
                except psutil.Error:
                    continue
                if any(path.startswith(str(gdal_dir)) for path in maps):
                    worker = child
            time.sleep(0.5)
        assert worker is not None, "no worker process with the bundle's GDAL loaded"
        # a program that took the worker's arguments for a command line would also load
        # GDAL (while importing the subcommands) and then exit; the worker stays and waits
        time.sleep(settle_s)
        assert worker.is_running() and worker.status() != psutil.STATUS_ZOMBIE
        assert worker in parent.children(recursive=True)
        assert app.poll() is None, log.read_text(errors="replace")[-2000:]
    finally:
        if app.poll() is None:
            children = psutil.Process(app.pid).children(recursive=True)
        app.kill()
        app.wait(timeout=60)
        # the worker and multiprocessing's resource tracker outlive a killed parent
        for child in children:
            try:
                child.kill()
                child.wait(timeout=30)
            except psutil.NoSuchProcess:
                pass
