"""A change to a project, computed by a pure function and applied by its owner.

Core functions that would change a :class:`~gis_app.core.project.Project` (preparing an
export, applying a scenario) return a :class:`Change` instead and leave their input
alone. The owner applies it: the window through
:meth:`gis_app.ui.document.ProjectDocument.apply_change` (one undo step), the command
line with :func:`applied`, which builds a NEW project and leaves the old one as it was.

A change holds whole new values, never edits: a new cluster table, whole new building
columns (one value per building row, in row order), a new packages table, and new
values for top-level settings keys. ``None`` (or an empty dict) means "unchanged".
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Change:
    description: str  # Dutch, short: the undo text ("Werkpakketten maken voor export")
    clusters: Any = None  # new cluster GeoDataFrame
    building_columns: Mapping[str, np.ndarray] = field(default_factory=dict)
    packages: Any = None  # new packages GeoDataFrame
    settings: Mapping[str, Any] = field(default_factory=dict)  # top-level key -> new value

    @property
    def is_empty(self) -> bool:
        return (
            self.clusters is None
            and self.packages is None
            and not self.building_columns
            and not self.settings
        )

    def __post_init__(self) -> None:
        for name, values in self.building_columns.items():
            if np.ndim(values) != 1:
                raise ValueError(f"column {name!r} of a change must be one value per building")


def applied(project, change: Change):
    """A new ``Project`` with ``change`` applied; ``project`` and its frames stay unchanged."""
    buildings = project.buildings
    if change.building_columns:
        buildings = buildings.copy()
        for name, values in change.building_columns.items():
            if len(values) != len(buildings):
                raise ValueError(
                    f"column {name!r} has {len(values)} values for {len(buildings)} rows"
                )
            buildings[name] = np.asarray(values)
    settings = project.settings
    if change.settings:
        settings = copy.deepcopy(dict(project.settings))
        settings.update(copy.deepcopy(dict(change.settings)))
    return dataclasses.replace(
        project,
        buildings=buildings,
        clusters=project.clusters if change.clusters is None else change.clusters,
        packages=project.packages if change.packages is None else change.packages,
        settings=settings,
    )


def scenario_change(project, scenario) -> Change:
    """The change that puts a scenario's planning settings and cluster shares into ``project``.

    Clusters without a share in the scenario follow the global share (NaN). The outlines
    stay, so the change carries the current membership unchanged (nothing to recompute).
    """
    from gis_app.core.clusters.membership import current_membership

    clusters = project.clusters
    new_clusters = None
    columns = {}
    if clusters is not None and len(clusters):
        new_clusters = clusters.copy()
        ids = new_clusters["cluster_id"].astype(str)
        new_clusters["approach_share"] = ids.map(scenario.shares).astype(float).to_numpy()
        columns["cluster_id"] = current_membership(project.buildings).copy()
    return Change(
        description=f"Scenario '{scenario.name}' toepassen",
        clusters=new_clusters,
        building_columns=columns,
        settings={"planning": copy.deepcopy(dict(scenario.settings))},
    )
