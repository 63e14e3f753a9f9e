"""Small synthetic planning inputs shared by the planning tests."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import shapely

from gis_app.core.planning import PlanningConfig
from gis_app.core.schema import ensure_building_columns, ensure_cluster_columns

START = dt.date(2027, 1, 4)


def make_instance(
    n_clusters: int = 4,
    per_cluster: int = 6,
    seed: int = 0,
    unclustered: int = 0,
    spacing: float = 12.0,
):
    """Buildings in rows (one row per cluster, ``spacing`` m apart) with mixed profiles."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(n_clusters):
        for k in range(per_cluster):
            rows.append((f"K{c}", c, k))
    for k in range(unclustered):
        rows.append(("", n_clusters, k))
    n = len(rows)
    profiles = rng.choice(["verhoogd", "licht verhoogd", "normaal"], n, p=[0.4, 0.4, 0.2])
    lpr = np.where(
        profiles == "verhoogd",
        rng.uniform(1.1e-5, 1e-4, n),
        np.where(profiles == "licht verhoogd", rng.uniform(1.1e-6, 9e-6, n), 1e-7),
    )
    xs = np.array([k * spacing for _, _, k in rows], dtype=float)
    ys = np.array([c * 200.0 for _, c, _ in rows], dtype=float)
    frame = gpd.GeoDataFrame(
        {
            "building_id": [f"0003100000{i:06d}" for i in range(n)],
            "risk_profile": profiles,
            "lpr": lpr,
            "residents": rng.integers(1, 5, n).astype(float),
            "eigen_regie": rng.random(n) < 0.1,
            "cluster_id": [cid for cid, _, _ in rows],
        },
        geometry=shapely.box(xs, ys, xs + 10, ys + 8),
        crs="EPSG:28992",
    )
    ensure_building_columns(frame)
    ids = [f"K{c}" for c in range(n_clusters)]
    clusters = ensure_cluster_columns(
        gpd.GeoDataFrame(
            {"cluster_id": ids, "name": [f"Cluster {c}" for c in range(n_clusters)]},
            geometry=[
                shapely.box(0, c * 200.0 - 5, 200, c * 200.0 + 20) for c in range(n_clusters)
            ],
            crs="EPSG:28992",
        )
    )
    return frame, clusters


def config(**kwargs) -> PlanningConfig:
    base = {"start_date": START, "starts_per_week": 2}
    base.update(kwargs)
    return PlanningConfig(**base)
