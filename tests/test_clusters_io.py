"""Cluster import/export (GeoPackage, GeoJSON) and the ``suggest-clusters`` command."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, box

from gis_app.cli import main
from gis_app.core.clusters import membership as M
from gis_app.core.clusters.frames import cluster_frame
from gis_app.core.clusters.io import read_clusters, write_clusters
from gis_app.core.clusters.ranking import cluster_statistics
from gis_app.core.errors import InputError, MissingCrsError
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.project import Project
from gis_app.core.schema import ensure_building_columns


def _clusters():
    return cluster_frame(
        [
            {"cluster_id": "C0001", "name": "Molenweg", "color": "#ff0000", "approach_share": 0.25},
            {"cluster_id": "C0002", "name": "Badweg", "color": "#00ff00"},
        ],
        [box(247000, 594000, 247100, 594100), box(247100, 594000, 247200, 594080)],
    )


def test_geopackage_round_trip(tmp_path):
    path = write_clusters(_clusters(), tmp_path / "c.gpkg")
    back, notes = read_clusters(path)
    assert notes == []
    assert list(back["cluster_id"]) == ["C0001", "C0002"]
    assert list(back["name"]) == ["Molenweg", "Badweg"]
    assert back["approach_share"].iloc[0] == 0.25 and np.isnan(back["approach_share"].iloc[1])
    assert back.crs.to_epsg() == 28992
    assert shapely.equals(back.geometry.iloc[0], _clusters().geometry.iloc[0])


def test_geojson_is_wgs84_and_reads_back_in_rd(tmp_path):
    path = write_clusters(_clusters(), tmp_path / "c.geojson")
    data = json.loads(path.read_text())
    lon, lat = data["features"][0]["geometry"]["coordinates"][0][0]
    assert 6 < lon < 7.5 and 53 < lat < 54  # Groningen in degrees
    back, _ = read_clusters(path)
    assert back.crs.to_epsg() == 28992
    assert back.geometry.iloc[0].symmetric_difference(_clusters().geometry.iloc[0]).area < 1.0


def test_export_with_statistics(tmp_path):
    buildings = ensure_building_columns(
        gpd.GeoDataFrame(
            {"building_id": ["a", "b"]},
            geometry=[box(247010, 594010, 247015, 594015), box(247150, 594010, 247155, 594015)],
            crs=28992,
        )
    )
    clusters = _clusters()
    M.assign_membership(buildings, clusters)
    path = write_clusters(
        clusters, tmp_path / "s.gpkg", statistics=cluster_statistics(buildings, clusters)
    )
    frame = gpd.read_file(path)
    assert list(frame["n_buildings"]) == [1, 1]
    assert "profile_verhoogd" in frame.columns


def test_dutch_columns_missing_and_duplicate_ids(tmp_path):
    frame = gpd.GeoDataFrame(
        {"Code": ["A", "A", None], "Naam": ["Noord", "Zuid", ""], "Kleur": ["#112233", "rood", ""]},
        geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10), box(20, 0, 30, 10)],
        crs=28992,
    )
    path = tmp_path / "gemeente.gpkg"
    frame.to_file(path, layer="plangrenzen")
    existing = cluster_frame([{"cluster_id": "C0007"}], [box(0, 0, 1, 1)])
    back, notes = read_clusters(path, existing=existing)
    assert back["cluster_id"].iloc[0] == "A"
    assert len(set(back["cluster_id"])) == 3 and "C0007" not in set(back["cluster_id"])
    assert back["cluster_id"].iloc[1] == "C0008"
    assert back["name"].iloc[2].startswith("Cluster ")
    assert back["color"].iloc[0] == "#112233" and back["color"].iloc[1].startswith("#")
    assert any("vernummerd" in n for n in notes) and any("kleur" in n for n in notes)


def test_readable_errors(tmp_path):
    with pytest.raises(InputError, match="bestaat niet"):
        read_clusters(tmp_path / "missing.gpkg")
    bad = tmp_path / "bad.geojson"
    bad.write_text("{ not json")
    with pytest.raises(InputError) as info:
        read_clusters(bad)
    assert info.value.path == str(bad)
    lines = gpd.GeoDataFrame(
        {"id": [1, 2]}, geometry=[box(0, 0, 1, 1), LineString([(0, 0), (1, 1)])], crs=28992
    )
    lines.to_file(tmp_path / "lines.gpkg")
    with pytest.raises(InputError) as info:
        read_clusters(tmp_path / "lines.gpkg")
    assert info.value.row == 2
    far = gpd.GeoDataFrame({"id": [1]}, geometry=[box(0, 0, 1, 1)])  # no CRS, not RD-like
    far.to_file(tmp_path / "nocrs.gpkg")
    with pytest.raises(MissingCrsError):
        read_clusters(tmp_path / "nocrs.gpkg")
    with pytest.raises(InputError):
        read_clusters(tmp_path / "x.csv")


# --- command line --------------------------------------------------------------------------


def _project_file(tmp_path, n_rows=3, per_row=12):
    geoms = [
        box(247000 + i * 6, 594000 + r * 40, 247006 + i * 6, 594009 + r * 40)
        for r in range(n_rows)
        for i in range(per_row)
    ]
    profiles = np.where(np.arange(len(geoms)) % 5 == 0, "verhoogd", "normaal")
    buildings = ensure_building_columns(
        gpd.GeoDataFrame(
            {
                "building_id": [f"0024100000{i:06d}" for i in range(len(geoms))],
                "risk_profile": profiles,
                "woonplaats": "Loppersum",
            },
            geometry=geoms,
            crs=28992,
        )
    )
    path = tmp_path / "project.gpkg"
    save_project(Project(buildings=buildings, name="t"), path)
    return path


def test_cli_suggest_clusters_in_place(tmp_path, capsys):
    path = _project_file(tmp_path)
    assert main(["suggest-clusters", str(path), "--max-buildings", "6", "--quiet"]) == 0
    out = capsys.readouterr().out
    project = load_project(path)
    assert len(project.clusters) == 6
    assert out.startswith("6 clusters voorgesteld")
    assert "Loppersum-001: rang 1:" in out
    ids = project.buildings["cluster_id"].astype(str)
    assert (ids != "").all() and ids.value_counts().max() <= 6
    assert set(ids) == set(project.clusters["cluster_id"])
    assert list(M.compute_membership(project.buildings, project.clusters)) == list(ids)


def test_cli_out_keeps_existing_clusters(tmp_path, capsys):
    path = _project_file(tmp_path)
    project = load_project(path)
    project.clusters = cluster_frame(
        [{"cluster_id": "C0001", "name": "Eigen"}], [box(246990, 593990, 247040, 594020)]
    )
    M.assign_membership(project.buildings, project.clusters)
    save_project(project, path)
    out = tmp_path / "out.gpkg"
    assert main(["suggest-clusters", str(path), "--out", str(out), "--max-buildings", "50"]) == 0
    result = load_project(out)
    assert result.clusters["cluster_id"].iloc[0] == "C0001"
    # Houses 0..6 have their representative point inside the own cluster.
    assert (result.buildings["cluster_id"] == "C0001").sum() == 7
    # Own cluster, then street 2 with the 5 houses left of street 1 (a small group joins
    # its nearest neighbour group, 40 m away), then street 3.
    assert len(result.clusters) == 1 + 2
    assert result.buildings["cluster_id"].iloc[7] == result.buildings["cluster_id"].iloc[12]
    assert "1 bestaande clusters behouden" in capsys.readouterr().out
    # The input project is unchanged.
    assert len(load_project(path).clusters) == 1


def test_cli_errors_exit_2(tmp_path, capsys):
    assert main(["suggest-clusters", str(tmp_path / "nope.gpkg")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    path = _project_file(tmp_path)
    assert main(["suggest-clusters", str(path), "--max-buildings", "0"]) == 2
    assert main(["suggest-clusters", str(path), "--out", str(tmp_path / "x.shp")]) == 2
