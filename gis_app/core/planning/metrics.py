"""Metrics of a schedule, computed on whole arrays.

Definitions (what the numbers in the dashboard mean):

* ``risk_exposure``: sum over buildings with work of rescaled LPR x residents x years from
  the start date until completion (expected fatality-years). Buildings without work add 0.
* ``all_verhoogd_done`` / ``all_licht_verhoogd_done`` / ``all_done``: the last completion
  among those buildings (ISO date); the start date when there is nothing to do. The profile
  is the one in the data (NCG's lists), not the one after threat rescaling.
* ``wait``: per risk profile, over buildings *with work*, the number, median and 90th
  percentile of the years until safe.
* ``bespoke_buildings`` / ``bespoke_share``: bespoke buildings and their share of the
  buildings with work.
* ``explainability_pairs``: pairs of neighbouring buildings (footprints within
  ``neighbour_distance_m``), both with work, that get a different approach or whose
  completions are more than ``years_apart`` apart; split into ``..._approach`` and
  ``..._time`` (a pair can be in both; the total counts it once). Pairs where one building
  needs no work are not counted: that difference comes from the assessment, not the plan.
  ``neighbour_pairs`` is the number of such neighbour pairs (both with work);
  ``neighbour_pairs_different_measure`` how many of them differ in measure class (from
  the assessment; for information).
* ``total_cost``: cost per address x addresses, by measure and approach; ``None`` without
  costs.
* Capacity: ``peak_starts`` (most starts in one week), ``capacity_utilisation`` (starts /
  capacity over the weeks up to the last start).
* ``safe_dates``: per profile with work, ``{n, p50, p90, p100}``: the dates by which 50 %,
  90 % and all of its buildings with work are safe (the ``ceil(q x n)``-th completion;
  ``p100`` = ``all_<profile>_done``).
* Deadlines (:mod:`.deadlines`): ``deadlines`` ({profile: ISO date}), ``deadline_misses``
  (buildings safe after their profile's deadline: building_id, cluster_id, profile,
  deadline, completion, days_late), ``deadline_missed_buildings`` / ``_clusters``,
  ``deadline_clusters_pulled_forward`` (clusters the repair put earlier than asked),
  ``ahead_of_cluster`` (buildings taken ahead of their cluster).
* On request (:meth:`.planner.Planner.attach_bound`): ``exposure_lower_bound`` (a certified
  lower bound on the exposure of every plan, :mod:`.bound`) and ``optimality_gap`` =
  (risk_exposure - bound) / risk_exposure: the plan is at most that far from the best
  possible.
"""

from __future__ import annotations

import numpy as np

from gis_app.core.planning.config import WEEKS_PER_YEAR
from gis_app.core.planning.model import PROFILE_CODES


def _percentiles(values: np.ndarray) -> tuple[float | None, float | None]:
    if len(values) == 0:
        return None, None
    med, p90 = np.percentile(values, [50, 90])
    return float(med), float(p90)


def explainability(
    pairs: tuple[np.ndarray, np.ndarray],
    bespoke: np.ndarray,
    completion_week: np.ndarray,
    years_apart: float,
) -> dict[str, int]:
    """``pairs`` as two contiguous index arrays (faster gathers than the columns of one)."""
    i, j = pairs
    if len(i) == 0:
        return {
            "explainability_pairs": 0,
            "explainability_pairs_approach": 0,
            "explainability_pairs_time": 0,
        }
    approach = bespoke[i] != bespoke[j]
    time = np.abs(completion_week[i] - completion_week[j]) > years_apart * WEEKS_PER_YEAR + 1e-9
    return {
        "explainability_pairs": int((approach | time).sum()),
        "explainability_pairs_approach": int(approach.sum()),
        "explainability_pairs_time": int(time.sum()),
    }


def wait_by_profile(model, wait_years: np.ndarray) -> dict[str, dict]:
    out = {}
    for code, profile in enumerate(PROFILE_CODES):
        idx = model.work_by_profile[code]
        med, p90 = _percentiles(wait_years[idx])
        out[profile] = {"n": int(len(idx)), "median_years": med, "p90_years": p90}
    return out


class ExplainabilityCache:
    """The last plan's approach and completion per building and its pair counts, so that
    the next plan recounts only the pairs of buildings whose approach or completion changed.

    Kept by the :class:`~.planner.Planner` (one per planner, same pairs and ``years_apart``).
    A slider moves one cluster and, with it, usually few others: counting the changed pairs
    old and new gives exactly the counts of :func:`explainability` (tested) at a fraction
    of the gathers over every pair. When many buildings changed, everything is recounted.
    """

    #: recount everything when more than this share of the buildings changed
    FULL_SHARE = 0.05

    def __init__(self, pairs: tuple[np.ndarray, np.ndarray], n: int):
        self.pairs = pairs
        self.n = n
        self._indptr: np.ndarray | None = None
        self._incident: np.ndarray | None = None
        self.bespoke: np.ndarray | None = None
        self.completion: np.ndarray | None = None
        self.years_apart: float | None = None
        self.counts: dict[str, int] | None = None

    def _adjacency(self) -> tuple[np.ndarray, np.ndarray]:
        """Pair numbers per building (CSR), built on first use."""
        if self._indptr is None:
            i, j = self.pairs
            ends = np.concatenate([i, j])
            order = np.argsort(ends, kind="stable")
            self._incident = (order % len(i)).astype(np.int64)
            self._indptr = np.concatenate(
                [[0], np.cumsum(np.bincount(ends, minlength=self.n))]
            ).astype(np.int64)
        return self._indptr, self._incident

    def count(
        self, bespoke: np.ndarray, completion_week: np.ndarray, years_apart: float
    ) -> dict[str, int]:
        i, j = self.pairs
        counts = None
        if (
            self.counts is not None
            and self.years_apart == years_apart
            and len(i)
            and len(bespoke) == len(self.bespoke)
        ):
            changed = np.flatnonzero(
                (bespoke != self.bespoke) | (completion_week != self.completion)
            )
            if len(changed) <= self.FULL_SHARE * max(len(bespoke), 1):
                counts = dict(self.counts)
                if len(changed):
                    indptr, incident = self._adjacency()
                    lo, hi = indptr[changed], indptr[changed + 1]
                    lengths = hi - lo
                    total = int(lengths.sum())
                    if total:
                        idx = np.repeat(lo - np.cumsum(lengths) + lengths, lengths)
                        touched = np.unique(incident[idx + np.arange(total)])
                        pi, pj = i[touched], j[touched]
                        old = explainability((pi, pj), self.bespoke, self.completion, years_apart)
                        new = explainability((pi, pj), bespoke, completion_week, years_apart)
                        for key in counts:
                            counts[key] += new[key] - old[key]
        if counts is None:
            counts = explainability(self.pairs, bespoke, completion_week, years_apart)
        self.bespoke, self.completion = bespoke.copy(), completion_week.copy()
        self.years_apart, self.counts = years_apart, dict(counts)
        return counts
