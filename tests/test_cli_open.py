"""``gis-app open FILE [--screenshot OUT.png] [--size WxH]``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from gis_app.cli import main
from gis_app.commands.open import parse_size
from gis_app.core.errors import InputError
from gis_app.core.sample import generate_buildings
from gis_app.core.styling import RISK_COLORS
from gis_app.ui.map.renderer import BACKGROUND


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> Path:
    """A dense neighbourhood: 20 x 15 houses, every fourth one ``verhoogd``."""
    path = tmp_path_factory.mktemp("data") / "wijk.gpkg"
    buildings = generate_buildings(300, seed=5).reset_index(drop=True)
    i = np.arange(len(buildings))
    x = 247000.0 + (i % 20) * 15.0
    y = 594000.0 + (i // 20) * 15.0
    buildings = buildings.set_geometry(shapely.box(x, y, x + 10.0, y + 8.0))
    buildings["risk_profile"] = np.where(i % 4 == 0, "verhoogd", "normaal")
    buildings.to_file(path, layer="buildings", driver="GPKG")
    return path


def rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def _near(pixels: np.ndarray, color: str, tolerance: int = 24) -> np.ndarray:
    c = QColor(color)
    return np.abs(pixels - np.array([c.red(), c.green(), c.blue()])).sum(axis=2) <= tolerance


def map_region(pixels: np.ndarray) -> np.ndarray:
    """The canvas part of a screenshot: the bounding box of the map background colour."""
    ys, xs = np.nonzero(_near(pixels, BACKGROUND, 0))
    assert len(xs) > 0, "no map background in the screenshot"
    return pixels[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


def test_parse_size():
    assert parse_size("1600x1000") == (1600, 1000)
    assert parse_size("800X600") == (800, 600)
    for bad in ("groot", "10x10", "1600", "99999x10"):
        with pytest.raises(InputError):
            parse_size(bad)


def test_screenshot_has_requested_size_and_a_drawn_map(qtbot, small_file, tmp_path, capsys):
    out = tmp_path / "shots" / "venster.png"
    assert main(["open", str(small_file), "--screenshot", str(out), "--size", "1400x900"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    region = map_region(rgb(image))
    # The map area is large and holds buildings in the risk colours, not just background.
    assert region.shape[0] > 250 and region.shape[1] > 350
    background = _near(region, BACKGROUND, 6)
    assert (~background).sum() > 500
    coloured = sum(int(_near(region, RISK_COLORS[p]).sum()) for p in ("verhoogd", "normaal"))
    assert coloured > 50
    assert "venster.png" in capsys.readouterr().out


def test_bad_size_is_one_line_and_exit_2(small_file, tmp_path, capsys):
    code = main(
        ["open", str(small_file), "--screenshot", str(tmp_path / "x.png"), "--size", "groot"]
    )
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "groot" in err


def _env_without_display() -> dict:
    env = dict(os.environ)
    for key in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(key, None)
    return env


def test_bad_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "kapot.gpkg"
    bad.write_bytes(b"geen geopackage")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gis_app",
            "open",
            str(bad),
            "--screenshot",
            str(tmp_path / "x.png"),
        ],
        capture_output=True,
        text=True,
        env=_env_without_display(),
        timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "kapot.gpkg" in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_screenshot_without_display_uses_offscreen(small_file, tmp_path):
    out = tmp_path / "zonder_scherm.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gis_app",
            "open",
            str(small_file),
            "--screenshot",
            str(out),
            "--size",
            "800x600",
        ],
        capture_output=True,
        text=True,
        env=_env_without_display(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 600)


def test_map_only_screenshot_shows_the_map_in_its_colours(qtbot, small_file, tmp_path, capsys):
    """``--map-only``: the picture as soon as the map shows the buildings (a project read
    first, as this small one is, in its own colours), not after the plan and charts."""
    out = tmp_path / "kaart.png"
    code = main(
        ["open", str(small_file), "--screenshot", str(out), "--size", "1400x900", "--map-only"]
    )
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    region = map_region(rgb(image))
    coloured = sum(int(_near(region, RISK_COLORS[p]).sum()) for p in ("verhoogd", "normaal"))
    assert coloured > 50
    assert "kaart.png" in capsys.readouterr().out


def test_map_only_without_a_screenshot_is_one_line_and_exit_2(small_file, capsys):
    assert main(["open", str(small_file), "--map-only"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--map-only" in err[0] and "--screenshot" in err[0]
