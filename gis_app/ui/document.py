"""The Qt-side wrapper of a :class:`~gis_app.core.project.Project`: the one owner of changes.

Widgets are views of one ``ProjectDocument``: they listen to its signals and change
it only through its methods, so two views never disagree. Building selection is a
sorted array of row positions in ``project.buildings``.

Every change of the project goes through this module, and only this module emits the
document's signals (a test scans the package for both):

* Edits that undo are commands defined here and pushed on ``undo_stack``:
  :class:`ClusterEditCommand` (cluster table and membership; its subclasses in
  :mod:`gis_app.ui.clusters.commands` compute the new table with core functions),
  :class:`PackageEditCommand` (packages and ``package_id``), :class:`FieldPackImportCommand`
  and :class:`ChangeCommand`, which applies a :class:`~gis_app.core.change.Change` computed by
  a pure core function (e.g. the packages an export had to make) as one step. The
  methods :meth:`ProjectDocument.set_clusters`, :meth:`~ProjectDocument.set_packages`,
  :meth:`~ProjectDocument.apply_change` and :meth:`~ProjectDocument.apply_field_pack`
  push them.
* :meth:`~ProjectDocument.change_plan_settings` (:class:`PlanSettingsCommand`): planning
  settings a planner decides on (deadlines, buildings taken ahead) as one undo step.
* Settings-like changes do not undo (a slider drag would flood the undo stack) and mark
  the document dirty: :meth:`~ProjectDocument.set_plan_settings`,
  :meth:`~ProjectDocument.set_cluster_share`, :meth:`~ProjectDocument.set_scenarios`,
  :meth:`~ProjectDocument.remember_export_columns`, a non-undoable
  :meth:`~ProjectDocument.apply_change` (a scenario).
* Derived values (:meth:`~ProjectDocument.set_plan_result`: the plan and its map columns)
  neither undo nor make the document dirty.

Commands hold the frames before and after (frames are replaced, never changed in place,
so holding both costs little) and the building rows they changed with their old and
new values; undo puts back the exact old values and nothing is recomputed on undo or
redo.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gis_app.core.change import Change
from gis_app.core.clusters.membership import (
    assign_membership,
    current_membership,
    set_membership_rows,
    update_membership,
)
from gis_app.core.packages import PACKAGE_COLUMN, current_assignment
from gis_app.core.project import Project

PLANNING_ORDER_KEY = "planning_order"  # project.settings key of the order choice


class ProjectDocument(QObject):
    projectReplaced = Signal()  # a different project was opened: rebuild everything
    buildingsChanged = Signal()  # buildings replaced (geometry may have changed): full rebuild
    buildingAttributesChanged = Signal(list)  # only these columns changed (e.g. plan results)
    clustersChanged = Signal()  # clusters added, edited, removed, or membership changed
    selectionChanged = Signal()  # building selection changed
    clusterSelectionChanged = Signal()
    planChanged = Signal()  # a new plan result is available
    packagesChanged = Signal()  # project.packages replaced (work packages or their assignment)
    clusterSharesChanged = Signal(list)  # own bespoke shares of these clusters changed
    planSettingsChanged = Signal()  # project.settings["planning"] / planning order stored
    scenariosChanged = Signal()  # project.scenarios replaced
    commitmentsChanged = Signal()  # project.commitments replaced (told, or released)
    dirtyChanged = Signal(bool)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project or Project()
        self.undo_stack = QUndoStack(self)
        # a bound method, not a lambda: Qt drops the connection when the document is deleted
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.selection = np.empty(0, dtype=np.int64)
        self.selected_cluster_ids: list[str] = []
        self._extra_dirty = False
        self.plan_result = None  # latest PlanResult, set by set_plan_result before planChanged

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirtyChanged.emit(not clean or self._extra_dirty)

    # --- project ---------------------------------------------------------------------------
    def replace_project(self, project: Project) -> None:
        from gis_app.ui.tasks import forget_long_lived

        old, self.project = self.project, project
        if old is not None and old is not project and len(old.buildings):
            forget_long_lived()  # the old project's objects: looked at in the next full one
        self.undo_stack.clear()
        self.selection = np.empty(0, dtype=np.int64)
        self.selected_cluster_ids = []
        self._extra_dirty = False
        self.plan_result = None
        self.projectReplaced.emit()
        self.selectionChanged.emit()
        self.dirtyChanged.emit(False)

    @property
    def is_dirty(self) -> bool:
        return self._extra_dirty or not self.undo_stack.isClean()

    def mark_dirty(self) -> None:
        """For changes that are not undo commands (settings edits)."""
        if not self._extra_dirty:
            self._extra_dirty = True
            self.dirtyChanged.emit(True)

    def mark_clean(self) -> None:
        self._extra_dirty = False
        self.undo_stack.setClean()
        self.dirtyChanged.emit(False)

    def set_file(self, path: str | Path) -> None:
        """The project now lives in ``path`` (after Opslaan als): its path and name follow."""
        path = Path(path)
        self.project.path = path
        self.project.name = path.stem

    def set_database_name(self, name: str) -> None:
        """The project now lives in the team database as ``name`` (after Opslaan in
        database): the name follows (the title shows it)."""
        self.project.name = str(name)

    # --- undoable edits ---------------------------------------------------------------------
    def set_clusters(
        self,
        new_clusters,
        text: str,
        *,
        touched: Sequence[str] | None = (),
        membership: np.ndarray | None = None,
        select: Sequence[str] | None = None,
    ) -> ClusterEditCommand:
        """Replace the cluster table as one undo step (see :class:`ClusterEditCommand`)."""
        command = ClusterEditCommand(
            self, new_clusters, text, touched=touched, membership=membership, select=select
        )
        self.undo_stack.push(command)
        return command

    def set_packages(self, new_packages, new_assignment, text: str) -> PackageEditCommand:
        """Replace the packages (and the assignment unless None) as one undo step."""
        command = PackageEditCommand(self, new_packages, new_assignment, text)
        self.undo_stack.push(command)
        return command

    def apply_field_pack(self, changes: pd.DataFrame, text: str) -> FieldPackImportCommand:
        """Apply the changes of a returned field pack as one undo step."""
        command = FieldPackImportCommand(self, changes, text)
        self.undo_stack.push(command)
        return command

    def apply_change(self, change: Change, *, undoable: bool = True, text: str | None = None):
        """Apply a :class:`Change` made by a core function.

        ``undoable``: one undo step named ``text`` (default: the change's description);
        else applied directly and the document is marked dirty (a scenario applied:
        a setting, like the sliders). An empty change does nothing and returns None.
        """
        if change.is_empty:
            return None
        command = ChangeCommand(self, change, text or change.description)
        if undoable:
            self.undo_stack.push(command)
        else:
            command.redo()
            self.mark_dirty()
        return command

    # --- settings (no undo) -----------------------------------------------------------------
    def set_plan_settings(self, planning: dict, order: str) -> None:
        """Store the planning configuration (``PlanningConfig.to_dict``) and the order choice."""
        settings = self.project.settings
        settings["planning"] = copy.deepcopy(dict(planning))
        settings[PLANNING_ORDER_KEY] = order
        self.mark_dirty()
        self.planSettingsChanged.emit()

    def set_cluster_share(self, cluster_id: str, share: float | None) -> bool:
        """Give a cluster its own bespoke share (None: follow the global share again).

        A setting: no undo entry, the document becomes dirty. Written into the current
        cluster table (the one the undo commands hold as "after"), so redoing an earlier
        cluster edit keeps the share. False when nothing changed.
        """
        clusters = self.project.clusters
        mask = (clusters["cluster_id"].astype(str) == str(cluster_id)).to_numpy()
        if not mask.any():
            return False
        value = np.nan if share is None else float(min(max(share, 0.0), 1.0))
        old = clusters.loc[mask, "approach_share"].to_numpy(float)
        if np.array_equal(old, np.full(len(old), value), equal_nan=True):
            return False
        clusters.loc[mask, "approach_share"] = value
        self.mark_dirty()
        self.clusterSharesChanged.emit([str(cluster_id)])
        return True

    def change_plan_settings(self, changes: dict, text: str) -> PlanSettingsCommand:
        """Replace some keys of the planning configuration (``PlanningConfig.to_dict``
        keys, e.g. ``deadlines``) as one undo step; undo puts back only those keys, so
        a slider moved since keeps its value."""
        command = PlanSettingsCommand(self, changes, text)
        self.undo_stack.push(command)
        return command

    def set_commitments(self, commitments: dict, text: str) -> CommitmentsCommand:
        """Replace the commitments to residents (``CommitmentBook.to_dict()``) as one undo
        step: telling residents, or releasing a commitment with its reason."""
        command = CommitmentsCommand(self, commitments, text)
        self.undo_stack.push(command)
        return command

    def set_letter_settings(self, settings: dict, text: str) -> LetterSettingsCommand:
        """Store the letter template and contact (``core.letters.letter_settings``) in the
        project as one undo step, so ``gis-app letters`` writes the same letters."""
        command = LetterSettingsCommand(self, settings, text)
        self.undo_stack.push(command)
        return command

    def set_scenarios(self, scenarios: Sequence[dict]) -> None:
        """Replace the saved scenarios (``Scenario.to_dict`` entries)."""
        self.project.scenarios = [copy.deepcopy(dict(s)) for s in scenarios]
        self.mark_dirty()
        self.scenariosChanged.emit()

    def remember_export_columns(self, columns: Sequence[str]) -> None:
        """Remember the export column choice in the project (it travels with the file)."""
        from gis_app.core.export import columns as colmod

        wanted = [str(c) for c in columns]
        if self.project.settings.get(colmod.SETTINGS_KEY) == wanted:
            return
        colmod.remember_columns(self.project.settings, wanted)
        self.mark_dirty()

    def set_package_settings(self, settings: dict) -> None:
        """Store the limits for cutting work packages (``settings["packages"]``); a setting
        like the export columns: saved with the project, not an undo step."""
        from gis_app.core.packages import SETTINGS_KEY as PACKAGE_SETTINGS_KEY

        wanted = copy.deepcopy(dict(settings))
        if self.project.settings.get(PACKAGE_SETTINGS_KEY) == wanted:
            return
        self.project.settings[PACKAGE_SETTINGS_KEY] = wanted
        self.mark_dirty()

    # --- derived values (no undo, not dirty) -------------------------------------------------
    def take_load_warnings(self) -> list[str]:
        """What opening the project left out (core's Dutch messages), handed out once: a
        later save or a second look does not repeat them."""
        warnings = list(self.project.load_warnings)
        self.project.load_warnings = []
        return warnings

    def set_map_state(self, settings: dict) -> None:
        """Store what the map shows (layers, building style, extent) for QGIS projects and
        styles: a description of the view, so neither undoable nor a reason to save."""
        from gis_app.core.qgis.writers import MAP_SETTINGS_KEY

        self.project.settings[MAP_SETTINGS_KEY] = copy.deepcopy(dict(settings))

    def set_team_link(self, link: dict) -> None:
        """Store what the project remembers of the team database (project name, row
        versions and hashes; ``settings["team"]``, see :mod:`gis_app.core.db.offline`) before
        it is saved to a file: bookkeeping, so neither undoable nor a reason to save."""
        from gis_app.core.db import TEAM_SETTING

        self.project.settings[TEAM_SETTING] = copy.deepcopy(dict(link))

    def set_plan_result(self, result, plan_columns: dict[str, pd.Series] | None = None) -> None:
        """Publish a new plan: its map columns (when they fit the buildings) and the result.

        ``plan_columns`` are whole columns (``plan_completion_year``, ``plan_approach``) on
        the buildings' index; columns of a plan made for other buildings are skipped.
        """
        buildings = self.project.buildings
        if plan_columns and all(len(v) == len(buildings) for v in plan_columns.values()):
            for column, series in plan_columns.items():
                # a Series built on the worker with the buildings' own index is inserted as
                # it is (no validation pass over 300,000 values on the UI thread)
                values = series
                if not (isinstance(series, pd.Series) and series.index is buildings.index):
                    values = np.asarray(series)
                buildings[column] = values
            self.buildingAttributesChanged.emit(list(plan_columns))
        self.plan_result = result
        self.planChanged.emit()

    # --- selection -------------------------------------------------------------------------
    def set_selection(self, rows) -> None:
        rows = _sorted_unique(np.asarray(rows, dtype=np.int64))
        if rows.shape == self.selection.shape and np.array_equal(rows, self.selection):
            return
        self.selection = rows
        self.selectionChanged.emit()

    def set_selected_clusters(self, cluster_ids: list[str]) -> None:
        if list(cluster_ids) == self.selected_cluster_ids:
            return
        self.selected_cluster_ids = list(cluster_ids)
        self.clusterSelectionChanged.emit()


def _sorted_unique(rows: np.ndarray) -> np.ndarray:
    """``np.unique`` for row numbers: sort and drop repeats. numpy 2.4's ``np.unique`` uses a
    hash table for integers and takes ~1 s for 300,000 rows; this takes ~20 ms."""
    rows = np.sort(rows.ravel())
    if len(rows) > 1:
        rows = rows[np.concatenate(([True], rows[1:] != rows[:-1]))]
    return rows


# --- undo commands ----------------------------------------------------------------------------


def _geometry_of(clusters, cluster_id: str):
    match = clusters["cluster_id"].astype(str).to_numpy() == cluster_id
    positions = np.flatnonzero(match)
    return clusters.geometry.iloc[int(positions[0])] if len(positions) else None


class ClusterEditCommand(QUndoCommand):
    """Replace ``project.clusters`` by ``new_clusters`` and update membership.

    ``touched`` names the clusters whose outline changed or that were added or
    removed: membership is re-tested only where their old or new outlines lie.
    ``touched=None`` recomputes all membership (imports, reordering many clusters).
    ``membership`` (a full ``cluster_id`` array) is used as it is (suggestions).
    The first redo computes the membership change; later ones replay it.
    """

    def __init__(
        self,
        document: ProjectDocument,
        new_clusters,
        text: str,
        *,
        touched: Sequence[str] | None = (),
        membership: np.ndarray | None = None,
        select: Sequence[str] | None = None,
    ):
        super().__init__(text)
        self.document = document
        self.old_clusters = document.project.clusters
        self.new_clusters = new_clusters
        self._touched = None if touched is None else [str(t) for t in touched]
        self._membership = membership
        self._select = None if select is None else [str(s) for s in select]
        self._old_selection = list(document.selected_cluster_ids)
        self.rows: np.ndarray | None = None
        self.before: np.ndarray | None = None
        self.after: np.ndarray | None = None

    def _compute(self) -> None:
        buildings = self.document.project.buildings
        if self._membership is not None:
            old = current_membership(buildings)
            new = np.asarray(self._membership, dtype=object)
            rows = np.flatnonzero(old != new)
            self.rows, self.before, self.after = rows, old[rows], new[rows]
            set_membership_rows(buildings, rows, self.after)
        elif self._touched is None:
            old = current_membership(buildings)
            new = assign_membership(buildings, self.new_clusters)
            rows = np.flatnonzero(old != new)
            self.rows, self.before, self.after = rows, old[rows], new[rows]
        else:
            outlines = []
            for cid in self._touched:
                outlines.append(_geometry_of(self.old_clusters, cid))
                outlines.append(_geometry_of(self.new_clusters, cid))
            self.rows, self.before, self.after = update_membership(
                buildings, self.new_clusters, outlines
            )
        self._membership = None

    def redo(self) -> None:
        project = self.document.project
        project.clusters = self.new_clusters
        if self.rows is None:
            self._compute()
        else:
            set_membership_rows(project.buildings, self.rows, self.after)
        self._notify(self._select)

    def undo(self) -> None:
        project = self.document.project
        project.clusters = self.old_clusters
        set_membership_rows(project.buildings, self.rows, self.before)
        self._notify(self._old_selection)

    def _notify(self, selection: Sequence[str] | None) -> None:
        document = self.document
        document.clustersChanged.emit()
        if self.rows is not None and len(self.rows):
            document.buildingAttributesChanged.emit(["cluster_id"])
        ids = set(document.project.clusters["cluster_id"].astype(str))
        wanted = document.selected_cluster_ids if selection is None else selection
        document.set_selected_clusters([c for c in wanted if c in ids])


class PackageEditCommand(QUndoCommand):
    """Replace ``project.packages`` by ``new_packages`` and the assignment by ``new_assignment``.

    ``new_assignment`` holds a ``package_id`` per building row (``""`` = none); ``None``
    leaves the assignment as it is (renaming, contractor). When the buildings had no
    ``package_id`` column before the first packages were made, undo removes it again.
    After every change the document emits ``packagesChanged`` (the map's packages layer
    and the Werkpakketten panel follow it) and, when assignments changed,
    ``buildingAttributesChanged(["package_id"])``.
    """

    def __init__(
        self,
        document: ProjectDocument,
        new_packages,
        new_assignment: Sequence[str] | np.ndarray | pd.Series | None,
        text: str,
    ):
        super().__init__(text)
        self.document = document
        project = document.project
        buildings = project.buildings
        self.old_packages = project.packages
        self.new_packages = new_packages
        self.had_column = PACKAGE_COLUMN in buildings.columns
        self.rows = np.empty(0, dtype=np.int64)
        self.before = np.empty(0, dtype=object)
        self.after = np.empty(0, dtype=object)
        self.add_column = False
        if new_assignment is not None:
            new = np.asarray(new_assignment, dtype=object)
            if len(new) != len(buildings):
                raise ValueError("assignment length differs from the number of buildings")
            old = current_assignment(buildings)
            raw = (
                buildings[PACKAGE_COLUMN].to_numpy(dtype=object)
                if self.had_column
                else np.full(len(buildings), "", dtype=object)
            )
            self.rows = np.flatnonzero(old != new)
            self.before = raw[self.rows].copy()
            self.after = new[self.rows].copy()
            self.add_column = not self.had_column

    def redo(self) -> None:
        project = self.document.project
        project.packages = self.new_packages
        if self.add_column:
            project.buildings[PACKAGE_COLUMN] = np.full(len(project.buildings), "", dtype=object)
        self._write(self.after)
        self._notify()

    def undo(self) -> None:
        project = self.document.project
        project.packages = self.old_packages
        if self.add_column:
            del project.buildings[PACKAGE_COLUMN]
        else:
            self._write(self.before)
        self._notify()

    def _write(self, values: np.ndarray) -> None:
        if not len(self.rows):
            return
        buildings = self.document.project.buildings
        column = buildings[PACKAGE_COLUMN].to_numpy(dtype=object).copy()
        column[self.rows] = values
        buildings[PACKAGE_COLUMN] = column

    def _notify(self) -> None:
        document = self.document
        document.packagesChanged.emit()
        if len(self.rows) or self.add_column:
            document.buildingAttributesChanged.emit([PACKAGE_COLUMN])


class FieldPackImportCommand(QUndoCommand):
    """Apply (redo) or take back (undo) the changes of a field pack report."""

    def __init__(self, document: ProjectDocument, changes: pd.DataFrame, text: str):
        super().__init__(text)
        self.document = document
        self.changes = changes

    def _apply(self, reverse: bool) -> None:
        from gis_app.core.fieldpack import apply_changes

        apply_changes(self.document.project.buildings, self.changes, reverse=reverse)
        columns = sorted(set(self.changes["column"])) if len(self.changes) else []
        self.document.buildingAttributesChanged.emit(columns)

    def redo(self) -> None:
        self._apply(reverse=False)

    def undo(self) -> None:
        self._apply(reverse=True)


class _ColumnsStep:
    """Whole building columns replaced; undo puts back the old column (or removes it)."""

    def __init__(self, document: ProjectDocument, columns: dict[str, np.ndarray]):
        self.document = document
        buildings = document.project.buildings
        self.new = {name: np.asarray(values) for name, values in columns.items()}
        self.old = {
            name: (buildings[name].copy() if name in buildings.columns else None)
            for name in columns
        }
        for name, values in self.new.items():
            if len(values) != len(buildings):
                raise ValueError(
                    f"column {name!r} has {len(values)} values for {len(buildings)} rows"
                )

    def redo(self) -> None:
        buildings = self.document.project.buildings
        for name, values in self.new.items():
            buildings[name] = values
        self.document.buildingAttributesChanged.emit(list(self.new))

    def undo(self) -> None:
        buildings = self.document.project.buildings
        for name, old in self.old.items():
            if old is None:
                del buildings[name]
            else:
                buildings[name] = old
        self.document.buildingAttributesChanged.emit(list(self.old))


class _SettingsStep:
    """Top-level settings keys replaced; undo puts back the old values (or removes the keys)."""

    _MISSING = object()

    def __init__(self, document: ProjectDocument, settings: dict):
        self.document = document
        self.new = copy.deepcopy(dict(settings))
        current = document.project.settings
        self.old = {k: copy.deepcopy(current.get(k, self._MISSING)) for k in self.new}

    def redo(self) -> None:
        self.document.project.settings.update(copy.deepcopy(self.new))
        if "planning" in self.new or PLANNING_ORDER_KEY in self.new:
            self.document.planSettingsChanged.emit()

    def undo(self) -> None:
        settings = self.document.project.settings
        for key, value in self.old.items():
            if value is self._MISSING:
                settings.pop(key, None)
            else:
                settings[key] = copy.deepcopy(value)
        if "planning" in self.old or PLANNING_ORDER_KEY in self.old:
            self.document.planSettingsChanged.emit()


class PlanSettingsCommand(QUndoCommand):
    """Keys of ``project.settings["planning"]`` replaced; undo puts back their old values
    (or removes the keys). Other keys keep whatever value they have by then."""

    _MISSING = object()

    def __init__(self, document: ProjectDocument, changes: dict, text: str):
        super().__init__(text)
        self.document = document
        self.new = copy.deepcopy(dict(changes))
        current = dict(document.project.settings.get("planning") or {})
        self.old = {k: copy.deepcopy(current.get(k, self._MISSING)) for k in self.new}

    def _write(self, values: dict) -> None:
        settings = self.document.project.settings
        planning = dict(settings.get("planning") or {})
        for key, value in values.items():
            if value is self._MISSING:
                planning.pop(key, None)
            else:
                planning[key] = copy.deepcopy(value)
        settings["planning"] = planning
        self.document.planSettingsChanged.emit()

    def redo(self) -> None:
        self._write(self.new)

    def undo(self) -> None:
        self._write(self.old)


class CommitmentsCommand(QUndoCommand):
    """``project.commitments`` replaced; undo puts the previous book back."""

    def __init__(self, document: ProjectDocument, commitments: dict, text: str):
        super().__init__(text)
        self.document = document
        self.new = copy.deepcopy(dict(commitments))
        self.old = copy.deepcopy(dict(document.project.commitments or {}))

    def redo(self) -> None:
        self.document.project.commitments = copy.deepcopy(self.new)
        self.document.commitmentsChanged.emit()

    def undo(self) -> None:
        self.document.project.commitments = copy.deepcopy(self.old)
        self.document.commitmentsChanged.emit()


class LetterSettingsCommand(QUndoCommand):
    """``project.settings["letters"]`` replaced; undo puts the previous one (or none) back."""

    def __init__(self, document: ProjectDocument, settings: dict, text: str):
        from gis_app.core.letters import LETTERS_SETTINGS_KEY

        super().__init__(text)
        self.document = document
        self.key = LETTERS_SETTINGS_KEY
        self.new = copy.deepcopy(dict(settings))
        old = document.project.settings.get(self.key)
        self.old = copy.deepcopy(old) if isinstance(old, dict) else None

    def redo(self) -> None:
        self.document.project.settings[self.key] = copy.deepcopy(self.new)

    def undo(self) -> None:
        if self.old is None:
            self.document.project.settings.pop(self.key, None)
        else:
            self.document.project.settings[self.key] = copy.deepcopy(self.old)


class ChangeCommand(QUndoCommand):
    """A :class:`~gis_app.core.change.Change` as one undo step.

    The cluster table goes through :class:`ClusterEditCommand` (the change's
    ``cluster_id`` column, when given, is its membership; else membership is
    recomputed), packages through :class:`PackageEditCommand` (with the change's
    ``package_id`` column), other building columns and settings keys are replaced
    whole. Undo runs the steps backwards.
    """

    def __init__(self, document: ProjectDocument, change: Change, text: str):
        super().__init__(text)
        self.document = document
        self.change = change
        columns = dict(change.building_columns)
        steps: list = []
        if change.clusters is not None:
            membership = columns.pop("cluster_id", None)
            steps.append(
                ClusterEditCommand(
                    document,
                    change.clusters,
                    text,
                    touched=None,
                    membership=membership,
                    select=None,
                )
            )
        packages_step = None
        if change.packages is not None:
            packages_step = PackageEditCommand(
                document, change.packages, columns.pop(PACKAGE_COLUMN, None), text
            )
        if columns:
            steps.append(_ColumnsStep(document, columns))
        if packages_step is not None:
            steps.append(packages_step)
        if change.settings:
            steps.append(_SettingsStep(document, change.settings))
        self.steps = steps

    def redo(self) -> None:
        for step in self.steps:
            step.redo()

    def undo(self) -> None:
        for step in reversed(self.steps):
            step.undo()
