"""Sorting of small Qt tables (clusters, work packages) by a raw value, not the shown text."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

#: Models return the raw value (a number, a date) under this role for sorting.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class SortRoleProxy(QSortFilterProxyModel):
    """Sorts on :data:`SORT_ROLE`; values that do not compare (None next to a number)
    fall back to their text, so a mixed column still sorts instead of raising."""

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
