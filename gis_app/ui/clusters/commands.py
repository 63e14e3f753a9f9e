"""Undo commands for every cluster edit.

Each command computes the new cluster table with a pure function of
:mod:`gis_app.core.clusters` and hands it to the document's
:class:`~gis_app.ui.document.ClusterEditCommand`, which applies it: it holds the cluster
table before and after and the membership rows it changed with their old and new
``cluster_id``. Undo puts back the exact old table and the exact old values; nothing is
recomputed on undo or redo, so a round trip restores geometry and membership bit for bit.

Membership is updated incrementally (:func:`gis_app.core.clusters.membership.update_membership`)
from the old and new outlines of the clusters an edit touched; accepting suggestions
brings its own membership.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication

from gis_app.core.clusters.accept import Suggestion
from gis_app.core.clusters.frames import (
    add_cluster,
    append_clusters,
    cluster_frame,
    merge_clusters,
    move_cluster_to,
    remove_clusters,
    set_cluster_attribute,
    set_cluster_geometry,
    split_cluster,
)
from gis_app.core.clusters.hulls import hull_around_rows
from gis_app.ui.document import ClusterEditCommand

__all__ = ["ClusterEditCommand"]  # the document's command, re-exported for the edit commands


def tr(text: str) -> str:
    return QCoreApplication.translate("ClusterCommands", text)


class AddClusterCommand(ClusterEditCommand):
    """A drawn (or lassoed) cluster, appended last in the order."""

    def __init__(self, document, geometry, *, name: str | None = None, text: str | None = None):
        clusters, cid = add_cluster(document.project.clusters, geometry, name=name)
        super().__init__(
            document, clusters, text or tr("Cluster tekenen"), touched=[cid], select=[cid]
        )
        self.cluster_id = cid


class ClusterFromSelectionCommand(AddClusterCommand):
    """A cluster around the selected buildings (a hull containing exactly them)."""

    def __init__(self, document, rows):
        hull = hull_around_rows(document.project.buildings, rows)
        super().__init__(document, hull, text=tr("Cluster uit selectie"))


class EditClusterGeometryCommand(ClusterEditCommand):
    """New outline for one cluster: vertex moved, inserted or deleted, polygon moved."""

    def __init__(self, document, cluster_id: str, geometry, text: str | None = None):
        clusters = set_cluster_geometry(document.project.clusters, cluster_id, geometry)
        super().__init__(document, clusters, text or tr("Cluster bewerken"), touched=[cluster_id])
        self.cluster_id = cluster_id


class SplitClusterCommand(ClusterEditCommand):
    def __init__(self, document, cluster_id: str, line):
        clusters, ids = split_cluster(document.project.clusters, cluster_id, line)
        super().__init__(document, clusters, tr("Cluster splitsen"), touched=ids, select=ids)
        self.cluster_ids = ids


class MergeClustersCommand(ClusterEditCommand):
    def __init__(self, document, cluster_ids: Sequence[str]):
        clusters, keep = merge_clusters(document.project.clusters, cluster_ids)
        super().__init__(
            document, clusters, tr("Clusters samenvoegen"), touched=list(cluster_ids), select=[keep]
        )
        self.cluster_id = keep


class RenameClusterCommand(ClusterEditCommand):
    def __init__(self, document, cluster_id: str, name: str):
        clusters = set_cluster_attribute(document.project.clusters, cluster_id, "name", name)
        super().__init__(document, clusters, tr("Cluster hernoemen"))


class RecolourClusterCommand(ClusterEditCommand):
    def __init__(self, document, cluster_id: str, color: str):
        clusters = set_cluster_attribute(document.project.clusters, cluster_id, "color", color)
        super().__init__(document, clusters, tr("Clusterkleur wijzigen"))


class DeleteClustersCommand(ClusterEditCommand):
    def __init__(self, document, cluster_ids: Sequence[str]):
        clusters = remove_clusters(document.project.clusters, cluster_ids)
        text = tr("Cluster verwijderen") if len(cluster_ids) == 1 else tr("Clusters verwijderen")
        super().__init__(document, clusters, text, touched=list(cluster_ids), select=[])


class MoveClusterInOrderCommand(ClusterEditCommand):
    """Move a cluster up or down in the order (the order decides who keeps an overlap)."""

    def __init__(self, document, cluster_id: str, position: int):
        clusters = move_cluster_to(document.project.clusters, cluster_id, position)
        super().__init__(document, clusters, tr("Clustervolgorde wijzigen"), touched=[cluster_id])


class AcceptSuggestionsCommand(ClusterEditCommand):
    """Suggested clusters accepted in bulk: one undo step."""

    def __init__(self, document, suggestion: Suggestion):
        super().__init__(
            document,
            suggestion.clusters,
            tr("Voorgestelde clusters overnemen"),
            membership=suggestion.membership,
            select=[],
        )
        self.added_ids = list(suggestion.added_ids)


class ImportClustersCommand(ClusterEditCommand):
    """Imported clusters appended after the existing ones (or replacing them)."""

    def __init__(self, document, imported, *, replace: bool = False):
        base = cluster_frame([], [], crs=document.project.clusters.crs)
        existing = base if replace else document.project.clusters
        clusters = append_clusters(existing, imported) if len(imported) else existing
        super().__init__(document, clusters, tr("Clusters importeren"), touched=None, select=[])
        self.count = len(imported)


def set_clusters_order(document, ordered_ids: Sequence[str]) -> ClusterEditCommand:
    """A command that puts the clusters in ``ordered_ids`` order (e.g. by rank)."""
    clusters = document.project.clusters
    position = {cid: i for i, cid in enumerate(ordered_ids)}
    keys = pd.Series([position.get(str(c), len(position)) for c in clusters["cluster_id"]])
    ordered = clusters.iloc[np.argsort(keys.to_numpy(), kind="stable")].reset_index(drop=True)
    return ClusterEditCommand(document, ordered, tr("Clusters op rang zetten"), touched=None)
