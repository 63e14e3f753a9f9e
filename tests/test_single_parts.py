"""Single-part MultiPolygons (what a save writes: the layer is MultiPolygon) read back as
the Polygons they were, batch by batch in the Arrow read (gis_app.core.export.gpkg)."""

from __future__ import annotations

import numpy as np
import shapely

from gis_app.core.export.gpkg import single_part_polygons
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.project import Project
from gis_app.core.sample import generate_buildings


def test_only_single_part_multipolygons_become_polygons():
    a, b = shapely.box(0, 0, 1, 1), shapely.box(5, 5, 6, 6)
    geometry = np.array(
        [a, shapely.MultiPolygon([a]), shapely.MultiPolygon([a, b]), None, shapely.Point(1, 1)],
        dtype=object,
    )
    out = single_part_polygons(geometry)
    assert [None if g is None else g.geom_type for g in out] == [
        "Polygon",
        "Polygon",
        "MultiPolygon",
        None,
        "Point",
    ]
    assert shapely.equals(out[1], a)
    assert geometry[1].geom_type == "MultiPolygon"  # the input is left as it was
    plain = np.array([a, b], dtype=object)
    assert single_part_polygons(plain) is plain  # nothing to do: no copy


def test_a_saved_project_reads_back_polygons_in_either_read(tmp_path):
    buildings = generate_buildings(300, seed=8)
    path = tmp_path / "p.gpkg"
    save_project(Project(buildings=buildings), path)
    for beside_window in (False, True):  # one batch of 65,536 rows, or batches of 8,192
        read = load_project(path, beside_window=beside_window).buildings
        assert set(read.geometry.geom_type) == set(buildings.geometry.geom_type) == {"Polygon"}
        assert shapely.equals(read.geometry.values, buildings.geometry.values).all()
