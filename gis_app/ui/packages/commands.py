"""Undo commands for work-package edits.

Every edit of the packages (making them from the plan, moving buildings or clusters,
merging, splitting, renaming, setting the contractor) is one :class:`PackageEditCommand`
on ``document.undo_stack``. The pure operation runs first (in
:mod:`gis_app.core.packages`); the command then holds the packages frame before and
after (frames are replaced, never changed in place) and the building rows whose
``package_id`` changed with their old and new raw values. Undo puts back the exact old
frame and values -- nothing is recomputed on undo or redo, so a round trip restores
assignment and totals exactly. When the buildings had no ``package_id`` column before
the first packages were made, undo removes the column again.

After every change the document emits ``packagesChanged`` (the map's packages layer and
the Werkpakketten panel follow it) and, when assignments changed,
``buildingAttributesChanged(["package_id"])`` (the attribute table follows that).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from PySide6.QtGui import QUndoCommand

from gis_app.core.packages import PACKAGE_COLUMN, current_assignment


class PackageEditCommand(QUndoCommand):
    """Replace ``project.packages`` by ``new_packages`` and the assignment by ``new_assignment``.

    ``new_assignment`` holds a ``package_id`` per building row (``""`` = none); ``None``
    leaves the assignment as it is (renaming, contractor).
    """

    def __init__(
        self,
        document,
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

    # --- QUndoCommand ----------------------------------------------------------------------
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

    # --- helpers ---------------------------------------------------------------------------
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
