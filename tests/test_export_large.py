"""A work package of 50,000 buildings: Shapefile and GeoPackage complete and correct."""

import shapefile
import shapely
from ogr_support import run_ogrinfo
from test_export_project import grid_buildings, prepared_for

from gis_app.core.export.exporter import ExportOptions, export_project
from gis_app.core.packages import PackageSettings
from gis_app.core.project import Project


def test_package_of_50000_buildings(tmp_path, ogrinfo):
    """Shapefile and GeoPackage only (a 50,000-row PDF or XLSX is not what anyone reads)."""
    project = Project(buildings=grid_buildings(50_000))
    prepared = prepared_for(
        project, PackageSettings(max_buildings=60_000, max_addresses=60_000, max_weeks=1000)
    )
    assert len(prepared.packages) == 1
    report = export_project(
        project,
        tmp_path,
        ExportOptions(
            formats=("shp", "gpkg"),
            columns=["building_id", "address", "measure", "construction_start"],
        ),
        prepared=prepared,
    )
    shp = next((tmp_path / "shapefile").glob("*/*.shp"))
    reader = shapefile.Reader(str(shp), encoding="utf-8")
    assert len(reader) == 50_000
    field_names = [f.name for f in reader.fields[1:]]
    ids = [r[field_names.index("bag_id")] for r in reader.iterRecords(fields=["bag_id"])]
    assert ids == project.buildings["building_id"].tolist()
    last = reader.shape(49_999)
    expected = project.buildings.geometry.iloc[49_999]
    assert (
        shapely.hausdorff_distance(shapely.geometry.shape(last.__geo_interface__), expected) < 1e-3
    )
    assert reader.record(123)["address"] == "Ëlsstraat 123"
    reader.close()
    out = run_ogrinfo(ogrinfo, "-so", tmp_path / "werkpakketten.gpkg", "buildings")
    assert "Feature Count: 50000" in out
    assert 'ID["EPSG",28992]' in out
    assert report.warnings == []
