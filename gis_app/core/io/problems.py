"""What a read or a load reports besides its data: :class:`Problem`.

Every reader in :mod:`gis_app.core.io` and the join in :mod:`gis_app.core.join` return
their data plus a list of problems (what was repaired, left out or doubtful, with file
and rows), so nothing is dropped silently.

Decision: **row numbers** in problems are what the user sees: for tables the
spreadsheet row (header = row 1, first record = row 2); for footprints the 1-based
position of the feature in its layer ("object 5").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Problem:
    """Something the user must know about a load: repaired, left out, or doubtful.

    One problem groups all rows of one kind (``rows``/``ids``/``values`` line up where
    they are given), so a file with 300,000 bad values gives one object, not 300,000.
    ``kind`` is a stable code for programs; ``message`` is the Dutch sentence shown.
    """

    kind: str
    message: str
    path: str | None = None
    rows: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    dropped: bool = False  # True when the rows were left out of the result

    @classmethod
    def for_rows(
        cls,
        kind: str,
        message: str,
        path: str | None,
        mask: np.ndarray,
        rows: np.ndarray,
        ids: np.ndarray | None = None,
        *,
        values: np.ndarray | None = None,
        dropped: bool = False,
    ) -> Problem:
        """The problem of the rows where ``mask`` holds; ``rows``, ``ids`` and ``values``
        are whole-table arrays that line up with ``mask``."""
        return cls(
            kind,
            message,
            path,
            rows=rows[mask].tolist(),
            ids=[] if ids is None else [str(i) for i in ids[mask]],
            values=[] if values is None else [str(v) for v in np.asarray(values)[mask]],
            dropped=dropped,
        )

    @property
    def count(self) -> int:
        return max(len(self.rows), len(self.ids), len(self.values), 1)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "message": self.message,
            "path": self.path,
            "count": self.count,
            "rows": [int(r) for r in self.rows],
            "ids": [str(i) for i in self.ids],
            "values": [str(v) for v in self.values],
            "dropped": self.dropped,
        }
