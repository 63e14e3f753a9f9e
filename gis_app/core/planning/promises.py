"""What may be promised to residents, and whether a plan keeps what was promised.

* **Contracted capacity.** ``PlanningConfig.contracted`` lists the construction starts per
  week contracted with each aannemer for a period; their sum per week is what may be
  promised. Without any contract the planned capacity of the first
  ``ASSUMED_CONTRACTED_WEEKS`` weeks counts as contracted (``assumed`` is then True, and
  every screen and the command line say so).
* **Who can be told now** (:func:`tellable`). The pool starts of a plan (all buildings that
  need a start, except eigen regie: those owners choose their own aannemer and use no
  pool capacity) are counted per week in plan order: the buildings with a commitment first
  (what was promised is already taken from the contract), then by the position of their
  cluster in the order, then by building id. A building can be told when its start is
  among the first ``contracted[week]`` of its week, its measure comes from an assessment
  (``measure_class`` set: beoordeling done) and it has not been told yet. An eigen regie
  building with an assessed measure and a start can be told its planned dates at any time.
* **Kept and broken** (:func:`commitment_report`): a commitment is kept when the plan's
  construction start is on or before the promised date; otherwise it is broken, ``days_late``
  days late. The schedule treats every commitment as a lock (:mod:`.schedule`), so a broken
  commitment means capacity (or preparation) does not allow it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from gis_app.core.planning.config import ASSUMED_CONTRACTED_WEEKS, PlanningConfig
from gis_app.core.planning.model import week_of
from gis_app.core.planning.schedule import pseudo_order


def contracted_weekly(config: PlanningConfig, planned: np.ndarray) -> tuple[np.ndarray, bool]:
    """Contracted starts per week over the horizon of ``planned`` (the planned capacity per
    week) and whether it is assumed (no contract set: the planned capacity of the first
    ``ASSUMED_CONTRACTED_WEEKS`` weeks)."""
    horizon = len(planned)
    out = np.zeros(horizon, dtype=np.int64)
    if not config.contracted:
        weeks = min(horizon, ASSUMED_CONTRACTED_WEEKS)
        out[:weeks] = planned[:weeks]
        return out, True
    for entry in config.contracted:
        first = max(0, week_of(config.start_date, entry.start))
        last = min(horizon, max(0, week_of(config.start_date, entry.end)))
        if first < last:
            out[first:last] += int(entry.starts_per_week)
    return out, False


def pool_rank(result) -> np.ndarray:
    """Plan-order rank of every building among the starts of its week (lower: counted first)."""
    model = result.model
    position = np.full(model.n_groups, model.n_groups, dtype=np.int64)
    groups = np.concatenate([result.order, pseudo_order(model)])
    position[groups] = np.arange(len(groups))
    return np.lexsort((model.id_rank, position[model.group], ~model.committed, result.start_week))


def within_contract(result, contracted: np.ndarray) -> np.ndarray:
    """Per building: its construction start is within contracted capacity (plan order)."""
    model = result.model
    start = result.start_week
    pool = model.slotted & ~model.eigen_regie & (start >= 0)
    order = pool_rank(result)
    order = order[pool[order]]
    weeks = start[order]
    # position of each start within its week: index minus the first index of that week
    first = np.searchsorted(weeks, weeks, side="left")
    nth = np.arange(len(order)) - first
    limit = np.where(weeks < len(contracted), contracted[np.minimum(weeks, len(contracted) - 1)], 0)
    out = np.zeros(model.n, dtype=bool)
    out[order[nth < limit]] = True
    return out


def tellable(result) -> np.ndarray:
    """Indices (planned buildings) whose dates can be told now, in plan order."""
    model = result.model
    contracted, _ = contracted_weekly(result.config, model.capacity.weekly)
    inside = within_contract(result, contracted)
    own = model.slotted & model.eigen_regie & (result.start_week >= 0)
    ok = (inside | own) & model.assessed & ~model.promised
    order = pool_rank(result)
    return order[ok[order]]


def commitment_report(result) -> dict[str, Any]:
    """``kept`` (count), ``broken`` [{building_id, promised, planned, days_late}] (most days
    late first), ``not_planned`` (promised buildings that need no new start any more:
    measure dropped or construction begun) and ``unknown`` (promised buildings no longer in
    the plan)."""
    model = result.model
    idx = model.committed_idx
    start = result.start_week[idx]
    late = 7 * start - model.promise_days[idx]
    broken = np.flatnonzero(late > 0)
    broken = broken[np.lexsort((model.id_rank[idx[broken]], -late[broken]))]
    base = np.datetime64(result.config.start_date, "D")
    b_idx = idx[broken]
    promised = (base + model.promise_days[b_idx].astype("timedelta64[D]")).astype(str)
    planned = (base + (7 * start[broken]).astype("timedelta64[D]")).astype(str)
    ids = model.building_id[b_idx]
    days = late[broken].tolist()
    return {
        "kept": int(len(idx) - len(broken)),
        "broken": [
            {"building_id": str(b), "promised": p, "planned": q, "days_late": int(d)}
            for b, p, q, d in zip(ids, promised.tolist(), planned.tolist(), days, strict=True)
        ],
        "not_planned": int((model.promised & ~model.slotted).sum()),
        "unknown": int(model.n_commitments_unknown),
    }


def promise_date(config: PlanningConfig, week: int) -> dt.date:
    return config.start_date + dt.timedelta(days=7 * int(week))


#: What the residents of a building were told, as the map shows it (:func:`told_status`).
TOLD_NOW = "now"  # can be told its dates now (:func:`tellable`)
TOLD_KEPT = "kept"  # told, and the plan keeps the promise
TOLD_BROKEN = "broken"  # told, and the plan starts later than promised
TOLD_NOT_YET = ""  # not told and not to be told yet (also: buildings without work)
TOLD_STATES = (TOLD_NOW, TOLD_KEPT, TOLD_BROKEN, TOLD_NOT_YET)


def told_status(result) -> np.ndarray:
    """Per planned building (the model's order) one of :data:`TOLD_STATES`.

    ``TOLD_NOW`` marks exactly the buildings of :func:`tellable` (the key figure "nu te
    informeren" counts them); a promised building is kept when its planned construction
    start is on or before the promise (as in :func:`commitment_report`); a promised
    building that needs no new start any more (construction begun, measure dropped)
    counts as kept: nothing in the plan is later than promised.
    """
    model = result.model
    out = np.full(model.n, TOLD_NOT_YET, dtype=object)
    out[tellable(result)] = TOLD_NOW
    out[model.promised] = TOLD_KEPT
    idx = model.committed_idx
    late = 7 * result.start_week[idx] - model.promise_days[idx] > 0
    out[idx[late]] = TOLD_BROKEN
    return out
