"""Threat level: which buildings fall under the Meijdam norm, and what that frees.

With a threat factor f < 1 (the hazard falls as extraction winds down) each building's LPR
becomes f x LPR. A building with work whose rescaled LPR gives a lower risk profile
(:func:`gis_app.core.schema.profile_from_lpr`) is a *candidate*: for no measure when it
becomes ``normaal`` (LPR at most 1e-6), for a light measure when a ``verhoogd`` building
with heavy work or rebuild becomes ``licht verhoogd`` (LPR at most the Meijdam norm 1e-5).
The decision stays with the planner (a new assessment is needed); the plan applies it only
with ``PlanningConfig.apply_threat_relief``.

Capacity freed per candidate: one construction start (no measure) and the construction
weeks of the measure it would no longer need (difference to light work for a lighter
measure), at the approach the building has in the plan.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gis_app.core.planning.model import MEASURE_CODES, PROFILE_CODES
from gis_app.core.planning.result import PlanResult
from gis_app.core.schema import MEASURE_LIGHT, MEASURE_NONE, MEIJDAM_NORM, profile_from_lpr


def threat_candidates(result: PlanResult, buildings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per candidate: ``row``, ``building_id``, ``cluster_id``, ``risk_profile``,
    ``lpr``, ``lpr_rescaled``, ``profile_rescaled``, ``measure``, ``suggested_measure``,
    ``under_meijdam`` (rescaled LPR at most 1e-5), ``starts_freed``, ``construction_weeks_freed``.
    """
    model = result.model
    mask = model.relief_to_none | model.relief_to_light
    idx = np.flatnonzero(mask)
    factor = float(result.config.threat_factor)
    lpr = model.lpr_eff[idx] / factor
    rescaled = model.lpr_eff[idx]
    orig = model.original_measure[idx]
    a = result.bespoke[idx].astype(np.int64)
    cons = model.construction_table
    to_none = model.relief_to_none[idx]
    suggested = np.where(to_none, MEASURE_NONE, MEASURE_LIGHT).astype(object)
    freed = np.where(to_none, cons[orig, a], cons[orig, a] - cons[1, a])
    return pd.DataFrame(
        {
            "row": model.rows[idx],
            "building_id": model.building_id[idx],
            "cluster_id": model.cluster_id_of_building[idx],
            "risk_profile": np.asarray(PROFILE_CODES, dtype=object)[model.profile[idx]],
            "lpr": lpr,
            "lpr_rescaled": rescaled,
            "profile_rescaled": profile_from_lpr(rescaled),
            "measure": np.asarray(MEASURE_CODES, dtype=object)[orig],
            "suggested_measure": suggested,
            "under_meijdam": rescaled <= MEIJDAM_NORM,
            "starts_freed": to_none.astype(np.int64),
            "construction_weeks_freed": freed,
        }
    )
