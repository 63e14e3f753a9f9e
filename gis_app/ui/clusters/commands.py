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
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication

from gis_app.core.clusters.frames import (
    add_cluster,
    append_clusters,
    cluster_frame,
    merge_clusters,
    move_cluster_to,
    move_clusters_to,
    remove_clusters,
    set_cluster_attribute,
    set_cluster_geometry,
    split_cluster,
)
from gis_app.core.clusters.hulls import hull_around_rows
from gis_app.core.clusters.membership import losses_by_cluster
from gis_app.ui.document import ClusterEditCommand

if TYPE_CHECKING:  # the suggestion code loads scipy; opening the window does not need it
    from gis_app.core.clusters.accept import Suggestion

__all__ = ["ClusterEditCommand"]  # the document's command, re-exported for the edit commands


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("ClusterCommands", text, disambiguation, n)


class AddClusterCommand(ClusterEditCommand):
    """A drawn (or lassoed) cluster, put first in the priority order.

    First, so it takes the buildings inside it from the clusters it overlaps (see
    :mod:`gis_app.core.clusters.frames`); :meth:`notice` names the clusters that lost
    buildings, and undo gives them back.
    """

    def __init__(self, document, geometry, *, name: str | None = None, text: str | None = None):
        clusters, cid = add_cluster(document.project.clusters, geometry, name=name, position=0)
        super().__init__(
            document, clusters, text or tr("Cluster tekenen"), touched=[cid], select=[cid]
        )
        self.cluster_id = cid

    def losses(self) -> dict[str, int]:
        """Buildings taken from each other cluster (after the command ran)."""
        if self.rows is None:
            return {}
        return losses_by_cluster(self.before, self.after, gainer=self.cluster_id)

    def notice(self) -> str:
        """One line for the status bar and the cluster panel (after the command ran)."""
        return claim_notice(self.new_clusters, self.cluster_id, self.after, self.losses())


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
    """Move a cluster up or down in the priority order (it decides who keeps an overlap)."""

    def __init__(self, document, cluster_id: str, position: int):
        clusters = move_cluster_to(document.project.clusters, cluster_id, position)
        super().__init__(
            document, clusters, tr("Voorrang van cluster wijzigen"), touched=[cluster_id]
        )


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


def cluster_names(clusters) -> dict[str, str]:
    """Display name per cluster id (the name, else the id), as the map labels them."""
    ids = clusters["cluster_id"].astype(str).tolist()
    names = clusters["name"].fillna("").astype(str).tolist() if "name" in clusters else ids
    return {c: (n or c) for c, n in zip(ids, names, strict=True)}


def claim_notice(clusters, cluster_id: str, after, losses: dict[str, int]) -> str:
    """ "Cluster X: 5 panden, waarvan 3 van Y en 2 van Z (Ctrl+Z maakt ongedaan)"."""
    names = cluster_names(clusters)
    count = int(
        np.count_nonzero(np.asarray(after if after is not None else [], dtype=object) == cluster_id)
    )
    name = names.get(cluster_id, cluster_id)
    if count == 0:
        return tr(
            "Let op: cluster %1 bevat geen panden (er ligt geen pandpunt binnen de omtrek)."
        ).replace("%1", name)
    text = (
        tr("Cluster %1: 1 pand") if count == 1 else tr("Cluster %1: %n panden", "", count)
    ).replace("%1", name)
    if losses:
        parts = [
            tr("%1 van %2").replace("%1", str(n)).replace("%2", names.get(c, c))
            for c, n in losses.items()
        ]
        if len(parts) > 4:
            rest = len(parts) - 3
            parts = [*parts[:3], tr("%n andere clusters", "", rest)]
        text += ", " + tr("overgenomen: %1").replace("%1", ", ".join(parts))
    return text + " " + tr("(Ctrl+Z maakt ongedaan)")


class MoveClustersCommand(ClusterEditCommand):
    """Several clusters moved together in the priority order (drag and drop, to first/last)."""

    def __init__(self, document, cluster_ids: Sequence[str], position: int):
        clusters = move_clusters_to(document.project.clusters, cluster_ids, position)
        super().__init__(
            document,
            clusters,
            tr("Voorrang van clusters wijzigen"),
            touched=list(cluster_ids),
            select=list(cluster_ids),
        )


def set_clusters_order(document, ordered_ids: Sequence[str]) -> ClusterEditCommand:
    """A command that puts the clusters in ``ordered_ids`` order (e.g. by rank)."""
    clusters = document.project.clusters
    position = {cid: i for i, cid in enumerate(ordered_ids)}
    keys = pd.Series([position.get(str(c), len(position)) for c in clusters["cluster_id"]])
    ordered = clusters.iloc[np.argsort(keys.to_numpy(), kind="stable")].reset_index(drop=True)
    return ClusterEditCommand(document, ordered, tr("Clusters op rang zetten"), touched=None)
