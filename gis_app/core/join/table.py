"""The risk table of a load: read, its ids and points found, its values checked.

:func:`start_table` starts reading and preparing the table while the footprints are
read, and returns a function that waits for the :class:`Table`.

Decisions:

* **In the worker process** (:mod:`gis_app.core.join.worker`) when the table is large
  (:data:`WORKER_MIN_BYTES`) and the worker has finished starting: the CSV parse and the
  footprint read both hold the GIL, so in two threads they take turns; in the worker the
  parse runs on the other core. Otherwise, and when the worker fails, in a thread here;
  the result is the same.
* **Hand-over**: the table comes back without its id texts when every id is in BAG form
  (the integer keys say it all), because pickling the id strings costs more than the
  rest of the table.
* **Points** outside RD New are reported and not placed by location.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from gis_app.core import fields
from gis_app.core.errors import GisAppError, InputError
from gis_app.core.i18n import t
from gis_app.core.io.crs import looks_like_rd
from gis_app.core.io.ids import (
    id_keys,
    normalise_ids_checked,
    refused_id_problem,
    scientific_id_problem,
)
from gis_app.core.io.problems import Problem
from gis_app.core.io.tables import read_table
from gis_app.core.join import worker
from gis_app.core.join.values import Attributes, canonicalise, parse_numbers


@dataclass
class Table:
    """A prepared risk table: ids, spreadsheet rows, canonical values and points."""

    ids: np.ndarray | None  # None after without_ids: then rebuilt from keys where needed
    rows: np.ndarray
    attributes: Attributes
    points: np.ndarray | None  # shapely points or None
    keys: np.ndarray | None = None  # ids.id_keys(ids), made where the table is read

    def has_id(self) -> np.ndarray:
        return self.keys >= 0 if self.ids is None else self.ids != ""

    def ids_at(self, where) -> list[str]:
        """The ids of some rows (a mask or positions) as text."""
        if self.ids is not None:
            return [str(i) for i in self.ids[where].tolist()]
        # keys exist only for 16-digit ids, so the text is the key with its zeros back
        return [f"{k:016d}" if k >= 0 else "" for k in self.keys[where].tolist()]

    def without_ids(self) -> Table:
        """This table without its id texts when the keys say it all (for the worker's
        hand-over: pickling 300,000 id strings costs more than the rest of the table)."""
        if self.keys is None:
            return self
        return Table(None, self.rows, self.attributes, self.points, self.keys)


#: Below this size a table is parsed here: the hand-over would cost more than it hides.
WORKER_MIN_BYTES = 2_000_000


def _table_in_worker(risk) -> bool:
    """Whether to parse the table in the worker process (measured in BENCHMARKS.md).

    Only when the worker has finished starting: starting it (Python plus pandas, geopandas
    and shapely) takes about a second, so a first load that waited for a starting worker
    was slower than one that parsed the table in a thread.
    """
    try:
        size = Path(risk).stat().st_size
    except OSError:
        return False  # the reader gives the message
    return size >= WORKER_MIN_BYTES and worker.is_ready()


def start_table(risk, sheet, risk_id_field):
    """Start reading and preparing the table; returns a function that waits for it.

    Why not a thread alone: the CSV parse and the footprint read both hold the GIL, so
    in two threads they take turns; the worker process runs the parse on another core.
    """
    job = None
    if _table_in_worker(risk):
        job = worker.submit(_read_and_prepare_table_for_handover, risk, sheet, risk_id_field)
    if job is None:
        pool = ThreadPoolExecutor(max_workers=1)
        local = pool.submit(_read_and_prepare_table, risk, sheet, risk_id_field)
        pool.shutdown(wait=False)  # the thread ends when the table is read
        return local.result

    def result():
        try:
            return job.result()
        except GisAppError:
            raise  # a real problem with the file, found in the worker
        except Exception as error:  # noqa: BLE001 - the worker failed, not the file
            worker.discard_if_broken(error)
            return _read_and_prepare_table(risk, sheet, risk_id_field)

    return result


def _read_and_prepare_table_for_handover(risk, sheet, risk_id_field):
    """:func:`_read_and_prepare_table` as the worker process returns it (see Table)."""
    table, problems, notes = _read_and_prepare_table(risk, sheet, risk_id_field)
    return table.without_ids(), problems, notes


def _read_and_prepare_table(risk, sheet, risk_id_field) -> tuple[Table, list[Problem], list[str]]:
    table_frame, problems = read_table(risk, sheet=sheet, categorical_text=True)
    notes: list[str] = []
    table = _prepare_table(table_frame, str(risk), risk_id_field, problems, notes)
    return table, problems, notes


def _prepare_table(
    frame: pd.DataFrame,
    path: str,
    id_field: str | None,
    problems: list[Problem],
    notes: list[str],
) -> Table:
    columns = list(frame.columns)
    rows = frame.index.to_numpy(dtype=np.int64)
    if id_field is not None:
        id_column = fields.resolve_field(columns, id_field)
        if id_column is None:
            raise InputError(
                t(
                    "id-kolom '{id_field}' bestaat niet; kolommen: {join}",
                    id_field=id_field,
                    join=", ".join(map(str, columns)),
                ),
                path=path,
            )
    else:
        id_column = fields.detect_id_field(columns)
    point_columns = fields.detect_point_columns(columns)
    if id_column is None and point_columns is None:
        raise InputError(
            t(
                "geen pand-id-kolom (zoals identificatie, bag_id, pand_id) en geen "
                "coördinaten (point_x, point_y) gevonden; kolommen: {join}",
                join=", ".join(map(str, columns)),
            ),
            path=path,
        )
    if id_column is not None:
        ids, scientific, refused = normalise_ids_checked(frame[id_column])
        if scientific.any():
            problems.append(scientific_id_problem(path, scientific, rows, ids))
        if refused.any():
            values = frame[id_column].to_numpy(dtype=object)
            problems.append(refused_id_problem(path, refused, rows, values, dropped=False))
    else:
        ids = np.full(len(frame), "", dtype=object)
    points = None
    drop = (id_column,) if id_column else ()
    if point_columns is not None:
        x, bad_x = parse_numbers(frame[point_columns[0]])
        y, bad_y = parse_numbers(frame[point_columns[1]])
        finite = np.isfinite(x) & np.isfinite(y)
        if finite.any() and not looks_like_rd(
            (x[finite].min(), y[finite].min(), x[finite].max(), y[finite].max())
        ):
            outside = finite & ~((x > -7000) & (x < 300000) & (y > 289000) & (y < 629000))
            problems.append(
                Problem.for_rows(
                    "value_point_outside_rd",
                    t(
                        "coördinaten ({value}, {value2}) liggen buiten RD New: niet op locatie "
                        "gekoppeld",
                        value=point_columns[0],
                        value2=point_columns[1],
                    ),
                    path,
                    outside,
                    rows,
                    ids,
                )
            )
            finite &= ~outside
        points = np.full(len(frame), None, dtype=object)
        points[finite] = shapely.points(x[finite], y[finite])
    attributes = canonicalise(
        frame, rows, ids, path, problems, notes, drop=drop, convert_extra=True
    )
    if id_column is not None:
        attributes.mapping = {"building_id": id_column, **attributes.mapping}
    return Table(ids, rows, attributes, points, id_keys(ids) if id_column else None)
