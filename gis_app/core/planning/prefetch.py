"""Neighbour pairs found in a second process while the window is being built.

The first plan of an opened project spends about half of its planner's set-up on the
neighbour pairs (envelope trees and the exact footprint distances: 0.7 s of CPU at
300,000 buildings). They depend on the project and the planning settings only, both known
as soon as the file is read. ``gis-app open`` therefore starts
:meth:`NeighbourPrefetch.start` right after the read, before Qt is even imported: a forked
child builds the planning model (which buildings are planned, and which of them have
work) and finds the pairs on the second core while the window process builds its window
and draws the first map (work that holds the GIL, so a thread would only have taken
turns with it). The planner then takes the pairs instead of finding them
(:meth:`NeighbourPrefetch.for_model`) when its own model plans the same buildings with
the same work; otherwise it finds them itself.

Rules:

* Where ``fork`` is not available (Windows), :meth:`~NeighbourPrefetch.start` returns
  ``None`` and the planner finds the pairs itself, as it always did. A child that fails
  or dies gives ``None`` as well: the same fallback.
* The child inherits the project by ``fork`` (copy-on-write: nothing is copied or
  pickled on the way in) and sends back arrays only: the model's planned rows, its work
  and scope, the candidate pairs and the neighbour pairs (model indices).
* The hand-off: ``gis-app open`` offers the prefetch for the project's buildings frame
  (:func:`offer`), and the planning controller of the window showing that project takes
  it (:func:`take`); nothing is written into the project, which only the document changes.
* Whoever holds a prefetch closes it when it is of no more use (:meth:`close`; a
  different project, buildings changed): a child still running is stopped then, and a
  daemon child ends with the window process in any case.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import weakref

import numpy as np

from gis_app.core.planning.config import PlanningConfig
from gis_app.core.planning.model import PlanningModel
from gis_app.core.planning.planner import NeighbourCandidates, candidate_pairs, neighbour_pairs
from gis_app.core.progress import lower_priority

_log = logging.getLogger(__name__)

#: How long a planner waits for the child's pairs before it finds them itself.
WAIT_S = 60.0
#: Fewer buildings than this: the planner finds the pairs itself (a fraction of a second).
MIN_ROWS = 20_000


#: id(buildings frame) -> (weak reference to that frame, its prefetch); see offer/take
_OFFERED: dict[int, tuple[weakref.ref, NeighbourPrefetch]] = {}
_OFFERED_LOCK = threading.Lock()


def offer(buildings, prefetch: NeighbourPrefetch | None) -> None:
    """Hand ``prefetch`` to whoever plans ``buildings`` next (:func:`take`); a frame that
    is dropped unplanned takes its prefetch with it (closed)."""
    if prefetch is None:
        return
    key = id(buildings)

    def dropped(_ref, key=key) -> None:
        with _OFFERED_LOCK:
            entry = _OFFERED.pop(key, None)
        if entry is not None:
            entry[1].close()

    with _OFFERED_LOCK:
        _OFFERED[key] = (weakref.ref(buildings, dropped), prefetch)


def take(buildings) -> NeighbourPrefetch | None:
    """The prefetch offered for this very frame (once), or ``None``."""
    with _OFFERED_LOCK:
        entry = _OFFERED.get(id(buildings))
        if entry is None or entry[0]() is not buildings:
            return None
        del _OFFERED[id(buildings)]
    return entry[1]


class NeighbourPrefetch:
    """The neighbour pairs of one set of footprints at one distance, being found in a
    forked child (see the module docstring)."""

    def __init__(self, process, connection, distance: float | None):
        #: the neighbour distance the pairs are for; ``None``: as the child reports it
        self.distance = None if distance is None else float(distance)
        self._process = process
        self._connection = connection
        self._lock = threading.Lock()
        self._received = False
        self._found: dict | None = None

    @classmethod
    def start(
        cls, buildings, clusters, config: PlanningConfig, commitments=None
    ) -> NeighbourPrefetch | None:
        """Start the child for the project's ``buildings`` and ``clusters`` under
        ``config`` (and the promised starts ``commitments``); ``None`` where ``fork`` is not
        available or the child cannot be started, and for fewer than :data:`MIN_ROWS`
        buildings.

        Forks only a single-threaded process (``gis-app open`` before Qt and its worker
        threads exist; :func:`gis_app.core.early_fork.fork_child`)."""
        from gis_app.core.early_fork import fork_child

        if len(buildings) < MIN_ROWS:
            return None
        started = fork_child(
            _find_pairs, buildings, clusters, config.copy(), dict(commitments or {})
        )
        return None if started is None else cls(*started, config.neighbour_distance_m)

    @classmethod
    def start_reading(cls, path) -> NeighbourPrefetch | None:
        """Like :meth:`start`, for a project not read yet: the child reads the project
        file ``path`` itself (beside the window process, which draws its footprints
        first and reads it too) and plans under the project's own planning settings.
        ``None`` where :meth:`start` gives it; a project of fewer than :data:`MIN_ROWS`
        buildings or one the child cannot read gives the answer ``None`` (the planner
        then finds the pairs itself). ``gis-app open`` forks it before importing
        anything heavy (:mod:`gis_app.core.early_fork`) and adopts it here."""
        from gis_app.core.early_fork import start_reading_child

        return cls.adopt(start_reading_child(path, min_bytes=0))

    @classmethod
    def adopt(cls, started) -> NeighbourPrefetch | None:
        """The prefetch of a child started by :func:`gis_app.core.early_fork.
        start_reading_child` (``None`` stays ``None``)."""
        return None if started is None else cls(*started, None)

    def found(self, timeout: float = WAIT_S) -> dict | None:
        """What the child found (arrays ``rows``, ``work``, ``scope``, ``candidates``,
        ``pairs``), or ``None`` when it failed or did not answer within ``timeout``
        seconds. Waits for the child (without the GIL); safe from any thread."""
        with self._lock:
            if not self._received:
                self._received = True
                try:
                    if self._connection.poll(timeout):
                        status, value = self._connection.recv()
                        if status == "ok" and isinstance(value, dict):
                            self._found = value
                        else:
                            _log.info("neighbour pairs not prefetched: %s", value)
                except (EOFError, OSError) as error:  # the child died
                    _log.info("neighbour pairs not prefetched: %s", error)
                self._stop()
            return self._found

    def for_model(self, model, distance: float):
        """``(NeighbourCandidates, pairs)`` for a planner whose ``model`` plans the same
        rows with the same work at the same ``distance`` as the child's; ``None`` (the
        planner finds them itself) for anything else or when the child gave nothing."""
        if self.distance is not None and float(distance) != self.distance:
            return None
        found = self.found()
        if found is None:
            return None
        for_distance = self.distance if self.distance is not None else found.get("distance")
        if for_distance is None or float(distance) != float(for_distance):
            return None
        scope = model.original_measure > 0
        same = (
            np.array_equal(found["rows"], model.rows)
            and np.array_equal(found["work"], model.work)
            and np.array_equal(found["scope"], scope)
        )
        if not same:
            _log.info("prefetched neighbour pairs are for other planned buildings: not used")
            return None
        return NeighbourCandidates(found["candidates"], scope), found["pairs"]

    def close(self) -> None:
        """Of no more use: stop the child if it still runs, and close the pipe."""
        with self._lock:
            self._received = True
            self._stop()

    def _stop(self) -> None:
        with contextlib.suppress(OSError):
            self._connection.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(5)


def planning_inputs(project) -> tuple[PlanningConfig, dict]:
    """The planning settings and promised starts a planner of ``project`` starts from
    (the defaults for settings it cannot take: the window says so and plans with them)."""
    from gis_app.core.commitments import promised_starts
    from gis_app.core.errors import GisAppError

    try:
        config = PlanningConfig.from_dict(project.settings.get("planning") or {})
    except GisAppError:
        config = PlanningConfig()
    return config, promised_starts(project.commitments)


def read_and_find_pairs(receiving, connection, path: str) -> None:
    """The child of :meth:`NeighbourPrefetch.start_reading`: read, then as :func:`_find_pairs`."""

    def read() -> tuple:
        from gis_app.core.io.projectfile import load_project

        project = load_project(path)
        if len(project.buildings) < MIN_ROWS:
            raise ValueError("too few buildings to prefetch for")
        return (project.buildings, project.clusters, *planning_inputs(project))

    _answer(receiving, connection, read)


def _find_pairs(receiving, connection, buildings, clusters, config, commitments) -> None:
    """The child of :meth:`NeighbourPrefetch.start`."""
    _answer(receiving, connection, lambda: (buildings, clusters, config, commitments))


def _answer(receiving, connection, inputs) -> None:
    """The child: ``inputs()`` gives the buildings, clusters, config and promised starts;
    it sends the model's rows and work, the candidate and the neighbour pairs, or the
    error (the parent falls back and logs it), and ends."""
    # the parent's end of the pipe, inherited by the fork: closed, so that a parent that
    # is gone leaves no reader and a send fails instead of waiting for ever
    receiving.close()
    lower_priority()  # the window's UI thread gets a core first
    try:
        buildings, clusters, config, commitments = inputs()
        config = config.copy().validate()  # as the planner takes it
        model = PlanningModel(buildings, clusters, config, commitments)
        geoms = np.asarray(buildings.geometry.values, dtype=object)[model.rows]
        distance = config.neighbour_distance_m
        scope = model.original_measure > 0
        candidates = candidate_pairs(geoms, distance, scope)
        pairs = neighbour_pairs(geoms, candidates, distance, model.work)
        found = {
            "rows": model.rows,
            "work": np.asarray(model.work),
            "scope": scope,
            "candidates": candidates,
            "pairs": pairs,
            "distance": float(distance),
        }
        connection.send(("ok", found))
    except BaseException as error:  # noqa: BLE001 - the parent falls back and logs it
        with contextlib.suppress(OSError):
            connection.send(("error", repr(error)))
    finally:
        connection.close()
        os._exit(0)  # no atexit handlers or finalisers of the parent's objects
