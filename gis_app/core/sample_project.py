"""The sample project: the bundled sample area as a planner has it after a first morning.

The bundled ``sample_data/sample_area.gpkg`` holds buildings only (what a BAG + risk
import gives). Opened as is, every figure of a plan without clusters is degenerate, and a
newcomer reads that as broken. :func:`make_sample_project` turns it into a realistic
project with the same core functions the window and the command line use: the suggested
clusters accepted, a plan with 40 construction starts per week, work packages cut from
that plan and one saved scenario.

The project is built on first use into the user's data folder (about two seconds for
15,000 buildings) rather than bundled: it would double the sample's size in the
repository and go stale whenever planning or packaging changes. It is rebuilt when the
bundled area is newer than the built project or the recipe changes (:data:`RECIPE`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from gis_app.core.i18n import t
from gis_app.core.logsetup import user_data_dir
from gis_app.core.progress import ProgressCallback, no_progress

#: The plan's first Monday: fixed, so the sample's dates do not move with the day it is made.
START_DATE = dt.date(2027, 1, 4)
STARTS_PER_WEEK = 40
SCENARIO_NAME = "Basis: 40 starts per week"
PROJECT_NAME = "Voorbeeldgebied"
#: Part of the built file's name: a new recipe builds a new file instead of reusing an old one.
RECIPE = 1


def sample_project_path() -> Path:
    """Where the built sample project lives (the user's data folder, per recipe)."""
    return user_data_dir() / "voorbeeld" / f"recept-{RECIPE}" / "Voorbeeldgebied.gpkg"


def make_sample_project(
    source: str | Path, out: str | Path, *, progress: ProgressCallback = no_progress
) -> Path:
    """Build the sample project from the raw sample area ``source``; returns the path written.

    The file is written atomically, so an interrupted build leaves no half project behind.
    """
    from gis_app.core.clusters.accept import add_suggestions
    from gis_app.core.io.opening import open_path
    from gis_app.core.io.projectfile import save_project
    from gis_app.core.packages import PACKAGE_COLUMN, PackageSettings, make_packages
    from gis_app.core.planning.config import PlanningConfig
    from gis_app.core.planning.planner import plan
    from gis_app.core.scenarios import add_scenario, capture

    progress(0.0, t("Voorbeeldgebied lezen"))
    project, _report = open_path(source)
    progress(0.2, t("Clusters voorstellen"))
    suggestion = add_suggestions(project.buildings, project.clusters, replace=True)
    buildings = project.buildings.copy()
    buildings["cluster_id"] = suggestion.membership
    clusters = suggestion.clusters

    progress(0.5, t("Planning berekenen"))
    config = PlanningConfig(start_date=START_DATE, starts_per_week=STARTS_PER_WEEK)
    config.validate()
    result = plan(buildings, clusters, config)
    progress(0.7, t("Werkpakketten maken"))
    package_settings = PackageSettings()
    packages, assignment = make_packages(
        result,
        buildings,
        clusters,
        package_settings,
        existing=None,
        assignment=np.full(len(buildings), "", dtype=object),
    )
    buildings[PACKAGE_COLUMN] = assignment.to_numpy(dtype=object)

    project.buildings = buildings
    project.clusters = clusters
    project.packages = packages
    project.name = PROJECT_NAME
    project.sources = []  # the sample is its own source: no "source changed" question
    project.settings = {
        **project.settings,
        "planning": config.to_dict(),
        "packages": package_settings.to_dict(),
    }
    scenario = capture(project, SCENARIO_NAME, metrics=dict(result.metrics or {}))
    project.scenarios = [s.to_dict() for s in add_scenario([], scenario)]
    progress(0.8, t("Project opslaan"))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = save_project(project, out)
    progress(1.0, "")
    return written


def ensure_sample_project(source: str | Path, *, progress: ProgressCallback = no_progress) -> Path:
    """The built sample project, building it first when missing or older than ``source``."""
    target = sample_project_path()
    source = Path(source)
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    return make_sample_project(source, target, progress=progress)
