"""Errors the user can act on.

Each carries the file and, where there is one, the row, so the UI can show a clear
message (never a traceback) and the CLI can print one line and exit with status 2.
"""

from __future__ import annotations

from pathlib import Path

from gis_app.core.i18n import t


class GisAppError(Exception):
    """Base class for every error that is shown to the user as a message."""

    def __init__(self, message: str, *, path: str | Path | None = None, row: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.row = row
        super().__init__(self.user_message())

    def __reduce__(self):
        # picklable with its file and row: errors come back from the table worker process
        return (_rebuild_error, (type(self), self.message, self.path, self.row))

    def user_message(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}"
            if self.row is not None:
                where += t(", rij {row}", row=self.row)
            where += ": "
        return where + self.message


def _rebuild_error(cls, message, path, row):
    return cls(message, path=path, row=row)


class InputError(GisAppError):
    """A file could not be read or is not usable (wrong format, missing CRS, no polygons...)."""


class MissingCrsError(InputError):
    """The file has no coordinate reference system and the caller did not state one."""


class ProjectError(GisAppError):
    """A project file cannot be opened or saved."""


class PlanningError(GisAppError):
    """Planning input is infeasible or inconsistent (zero capacity, negative duration...)."""


class ExportError(GisAppError):
    """An export could not be written."""
