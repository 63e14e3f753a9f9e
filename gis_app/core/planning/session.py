"""The planner cache of an interactive planning session, without Qt.

Building a :class:`~gis_app.core.planning.Planner` is the slow part of a plan (neighbour
pairs, the model: seconds at 300,000 buildings); running it for new shares is fast. A
:class:`PlannerSession` keeps the planner of the current inputs and configuration so a
slider only re-runs it. The UI's planning controller owns one session and calls it from
its worker threads; every method here is safe to call from any thread.

Rules:

* :meth:`PlannerSession.inputs` takes a copy-on-write snapshot of what the planner reads
  (the building columns of :data:`~gis_app.core.schema.BUILDING_COLUMNS` and the
  clusters) once per input state and names it with a fresh ``key``; the UI thread may go
  on writing plan columns into the buildings while a worker plans from the snapshot.
* :meth:`PlannerSession.planner_for` reuses the cached planner for the same key and the
  same configuration (the global share aside: ``Planner.run`` takes it directly), derives
  one with ``Planner.with_config`` when only the configuration changed, and builds a new
  one otherwise.
* The neighbour candidate pairs depend on the footprints only: after a cluster edit
  (:meth:`PlannerSession.clusters_changed`) they are reused when every building is
  planned (unclustered buildings ``"trailing"``) and the neighbour distance is the same;
  :meth:`PlannerSession.buildings_changed` drops them.
* The last optimised cluster order is kept per key, so moving a share keeps it.
* Neighbour pairs being found in another process for the opened project
  (:meth:`PlannerSession.offer_prefetch`, :mod:`gis_app.core.planning.prefetch`) are
  taken by the first planner that has none to reuse; a new project or changed buildings
  close the prefetch.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from gis_app.core.planning.config import UNCLUSTERED_TRAILING, PlanningConfig
from gis_app.core.schema import BUILDING_COLUMNS


def _planner_class():
    from gis_app.core.planning import Planner

    return Planner


def build_planner(buildings, clusters, config, candidates=None, commitments=None, prefetched=None):
    """A ``Planner``, reusing the neighbour candidate pairs of an earlier one when given,
    or else taking those a :class:`~gis_app.core.planning.prefetch.NeighbourPrefetch`
    found in another process.

    ``_candidates`` and ``_prefetched`` are the planner's own shortcuts (the first also
    used by ``Planner.with_config``); should its signature change, the planner is simply
    built from scratch.
    """
    cls = _planner_class()
    if candidates is not None or prefetched is not None:
        try:
            return cls(
                buildings,
                clusters,
                config,
                commitments=commitments,
                _candidates=candidates,
                _prefetched=None if candidates is not None else prefetched,
            )
        except TypeError:
            pass
    return cls(buildings, clusters, config, commitments=commitments)


def run_planner(planner, shares: dict[str, float | None] | None, order, global_share=None):
    """One plan from the fast planner (shares: cluster id -> share, None = global).

    Shares of clusters the planner does not know (added after its inputs were taken) are
    left out.
    """
    known = set(planner.cluster_ids)
    shares = {k: v for k, v in (shares or {}).items() if k in known}
    return planner.run(shares=shares, order=order, global_share=global_share)


def structural_config(config: PlanningConfig) -> dict:
    """The configuration without the global share (which ``Planner.run`` takes directly)."""
    data = config.to_dict()
    data.pop("bespoke_share", None)
    return data


@dataclass(frozen=True)
class PlanInputs:
    """Copies of what the planner reads, taken at one moment."""

    buildings: pd.DataFrame  # planner columns (and geometry) on the buildings' own index
    clusters: Any  # GeoDataFrame copy, or None
    generation: int  # the buildings generation the copy was taken at
    #: promised construction start per building_id (``CommitmentBook.promised_starts``)
    commitments: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CachedPlanner:
    key: object  # the PlanInputs key it was built for
    structure: dict  # structural_config of its configuration
    planner: Any


@dataclass(frozen=True)
class NeighbourPairs:
    generation: int  # buildings generation they were found for
    distance: float  # neighbour distance in metres
    candidates: Any  # planner.NeighbourCandidates


@dataclass(frozen=True)
class OptimisedOrder:
    key: object
    cluster_ids: tuple[str, ...]


@dataclass
class PlannerSession:
    """The planner cache (see the module docstring). Fields are read by tests and benchmarks."""

    key: object | None = None  # names the current inputs; None: take a new copy
    inputs: PlanInputs | None = None
    cached: CachedPlanner | None = None
    pairs: NeighbourPairs | None = None
    optimised: OptimisedOrder | None = None
    generation: int = 0
    #: (generation, NeighbourPrefetch) offered for the current buildings
    prefetch: tuple[int, Any] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # the planner keeps a schedule cache: one run at a time
    run_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # --- what changed ----------------------------------------------------------------------
    # Called on the thread that owns the project. No lock: a worker may hold it for
    # seconds while it builds a planner, and a plain attribute store is atomic; a planner
    # that worker stores afterwards carries the old key and is never reused.
    def reset(self) -> None:
        """A different project: forget everything."""
        self.key = None
        self.inputs = None
        self.cached = None
        self.pairs = None
        self.optimised = None
        self.generation += 1
        self._drop_prefetch()

    def offer_prefetch(self, prefetch) -> None:
        """Neighbour pairs of the current buildings being found in another process
        (:class:`~gis_app.core.planning.prefetch.NeighbourPrefetch`, or ``None``)."""
        self._drop_prefetch()
        if prefetch is not None:
            self.prefetch = (self.generation, prefetch)

    def _drop_prefetch(self) -> None:
        offered, self.prefetch = self.prefetch, None
        if offered is not None:
            offered[1].close()

    def _prefetched(self, inputs: PlanInputs):
        offered = self.prefetch
        if offered is None or offered[0] != inputs.generation:
            return None
        return offered[1]

    def clusters_changed(self) -> None:
        """Clusters or membership changed: new inputs, neighbour pairs may be reused."""
        self.key = None
        self.cached = None

    def commitments_changed(self) -> None:
        """Residents told or a commitment released: new inputs, the same neighbour pairs."""
        self.clusters_changed()

    def buildings_changed(self) -> None:
        """Buildings replaced: new inputs and new neighbour pairs."""
        self.generation += 1
        self.pairs = None
        self.key = None
        self.cached = None
        self._drop_prefetch()

    # --- inputs ----------------------------------------------------------------------------
    def take_inputs(self, buildings, clusters, commitments=None) -> PlanInputs:
        """Snapshots of what the planner reads (call on the thread that owns the frames).

        Selecting the columns makes a lazy copy: with pandas' copy-on-write (always on
        since pandas 3) the snapshot shares the column arrays until the owner writes to
        one, and that write copies the owner's column, never the snapshot's. So a worker
        reads a fixed state while the UI thread goes on writing plan columns, and taking
        it costs about a millisecond instead of copying 300,000 rows on the UI thread."""
        columns = [c for c in BUILDING_COLUMNS if c in buildings.columns]
        if "geometry" in buildings.columns:
            columns.append("geometry")
        frame = buildings[columns]
        frame.index = buildings.index  # the same Index object: results insert without a reindex
        return PlanInputs(
            frame,
            clusters.copy(deep=False) if clusters is not None else None,
            self.generation,
            dict(commitments or {}),
        )

    def inputs_for(self, buildings, clusters, commitments=None) -> tuple[object, PlanInputs]:
        """``(key, inputs)`` of the current state; a new copy only after a change.

        Called on the thread that owns the frames (see the note on ``reset``)."""
        if self.key is None or self.inputs is None:
            self.inputs = self.take_inputs(buildings, clusters, commitments)
            self.key = object()
        return self.key, self.inputs

    # --- planners --------------------------------------------------------------------------
    def planner_for(self, key, inputs: PlanInputs, config: PlanningConfig):
        """The planner for ``key`` and ``config``: reused, derived or built (module docstring)."""
        structure = structural_config(config)
        with self.lock:
            cached = self.cached
            if cached is not None and cached.key is key:
                if cached.structure == structure:
                    return cached.planner
                planner = cached.planner.with_config(config)
            else:
                planner = build_planner(
                    inputs.buildings,
                    inputs.clusters,
                    config,
                    self._reusable_pairs(inputs, config),
                    inputs.commitments,
                    self._prefetched(inputs),
                )
            self.cached = CachedPlanner(key, structure, planner)
            candidates = getattr(planner, "candidates", None)
            if config.unclustered == UNCLUSTERED_TRAILING and candidates is not None:
                self.pairs = NeighbourPairs(
                    inputs.generation, config.neighbour_distance_m, candidates
                )
            return planner

    def new_planner(self, inputs: PlanInputs, clusters, config: PlanningConfig):
        """A separate planner for other settings (scenario comparison), reusing the
        neighbour pairs when they fit; the cache is left as it is."""
        with self.lock:
            candidates = self._reusable_pairs(inputs, config)
        return build_planner(
            inputs.buildings,
            clusters,
            config,
            candidates,
            inputs.commitments,
            self._prefetched(inputs),
        )

    def reusable_pairs(self, inputs: PlanInputs, config: PlanningConfig):
        with self.lock:
            return self._reusable_pairs(inputs, config)

    def _reusable_pairs(self, inputs: PlanInputs, config: PlanningConfig):
        pairs = self.pairs
        if pairs is None or config.unclustered != UNCLUSTERED_TRAILING:
            return None
        same = (
            pairs.generation == inputs.generation and pairs.distance == config.neighbour_distance_m
        )
        return pairs.candidates if same else None

    def run(self, planner, shares, order, global_share=None):
        """:func:`run_planner` under the session's run lock."""
        with self.run_lock:
            return run_planner(planner, shares, order, global_share)

    # --- optimised order -------------------------------------------------------------------
    def remember_optimised(self, key, cluster_ids) -> None:
        self.optimised = OptimisedOrder(key, tuple(str(c) for c in cluster_ids))

    def optimised_order(self, key) -> list[str] | None:
        """The last optimised order for these inputs (None: optimise again)."""
        optimised = self.optimised
        if optimised is None or optimised.key is not key:
            return None
        return list(optimised.cluster_ids)

    def forget_optimised(self) -> None:
        self.optimised = None
