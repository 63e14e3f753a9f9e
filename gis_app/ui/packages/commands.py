"""Undo commands for work-package edits.

Every edit of the packages (making them from the plan, moving buildings or clusters,
merging, splitting, renaming, setting the contractor) is one
:class:`~gis_app.ui.document.PackageEditCommand` on ``document.undo_stack``, pushed by
:meth:`~gis_app.ui.document.ProjectDocument.set_packages`. The pure operation runs first
(in :mod:`gis_app.core.packages`); the command, which the document owns like every
other change, holds the packages frame before and after and the building rows whose
``package_id`` changed with their old and new raw values, and emits ``packagesChanged``
(and ``buildingAttributesChanged(["package_id"])`` when assignments changed).
"""

from __future__ import annotations

from gis_app.ui.document import PackageEditCommand

__all__ = ["PackageEditCommand"]
