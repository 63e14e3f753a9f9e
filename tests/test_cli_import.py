"""``gis-app import``: prints the report, writes a project, exit 0; unusable input exits 2."""

from __future__ import annotations

import json

import geopandas as gpd
import pyogrio
import pytest
import shapely

from gis_app.cli import main
from gis_app.core.io.projectfile import load_project

X0, Y0 = 238_000.0, 598_000.0  # Huizinge, RD metres
IDS = ["0024100000000011", "0024100000000012", "0024100000000013"]


def footprints(path, crs=28992):
    geoms = [shapely.box(X0 + 20 * i, Y0, X0 + 20 * i + 9, Y0 + 9) for i in range(3)]
    gdf = gpd.GeoDataFrame({"identificatie": IDS}, geometry=geoms, crs=crs)
    pyogrio.write_dataframe(gdf, path)
    return path


def risk_csv(path):
    path.write_text(
        "bag_id;risicoprofiel;lpr\n"
        f"{IDS[0]};verhoogd;2,5e-05\n{IDS[1]};;3e-6\n0024100000099999;normaal;1e-7\n",
        encoding="utf-8",
    )
    return path


def test_import_prints_the_report_and_writes_the_project(tmp_path, capsys):
    out = tmp_path / "project.gpkg"
    code = main(
        [
            "import",
            str(footprints(tmp_path / "panden.gpkg")),
            "--risk",
            str(risk_csv(tmp_path / "risico.csv")),
            "--out",
            str(out),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    assert "Importverslag" in captured.out
    assert "gekoppeld op pand-id:        2" in captured.out
    assert "risicorijen zonder pand:     1" in captured.out
    assert "rij 4 (0024100000099999)" in captured.out
    project = load_project(out)
    assert list(project.buildings["building_id"]) == IDS
    assert list(project.buildings["risk_profile"]) == ["verhoogd", "licht verhoogd", "onbekend"]
    assert project.buildings.loc[1, "profile_source"] == "afgeleid uit LPR"
    assert {s.role for s in project.sources} == {"footprints", "risk"}
    assert project.settings["import_report"]["matched_by_id"] == 2


def test_import_json_report(tmp_path, capsys):
    out = tmp_path / "p.gpkg"
    code = main(["import", str(footprints(tmp_path / "panden.gpkg")), "--json", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0
    report = json.loads(captured.out)
    assert report["buildings_loaded"] == 3
    assert report["risk_path"] is None
    assert out.exists()


def test_unusable_input_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "kapot.gpkg"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    code = main(["import", str(bad), "--out", str(tmp_path / "p.gpkg")])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("gis-app import: ") and str(bad) in lines[0]
    assert "Traceback" not in captured.err
    assert not (tmp_path / "p.gpkg").exists()


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_names_the_option(tmp_path, capsys):
    fgb = tmp_path / "zonder.fgb"
    footprints(fgb, crs=None)
    code = main(["import", str(fgb), "--out", str(tmp_path / "p.gpkg")])
    assert code == 2
    assert "pass --crs 28992" in capsys.readouterr().err
    code = main(["import", str(fgb), "--crs", "28992", "--out", str(tmp_path / "p.gpkg")])
    assert code == 0


def test_out_may_not_overwrite_the_input(tmp_path, capsys):
    source = footprints(tmp_path / "panden.gpkg")
    before = source.read_bytes()
    code = main(["import", str(source), "--out", str(source)])
    assert code == 2
    assert "--out" in capsys.readouterr().err
    assert source.read_bytes() == before
