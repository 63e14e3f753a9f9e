"""Progress figures in NCG's terms: counts per milestone and per risk profile.

NCG publishes monthly figures per milestone, in the order of
:data:`gis_app.core.schema.MILESTONES`, split by risk profile. This module computes the
same table from the buildings of a project, for the whole area or per cluster. It is
pure pandas (no Qt) and vectorised, so it stays instant at 300,000 buildings.

Decisions:

* Two units: ``"panden"`` counts buildings, ``"adressen"`` sums the ``addresses``
  column (NCG's own figures count addresses; planners mostly think in buildings).
* Two readings: *in fase* (``cumulative=False``) counts the buildings whose current
  milestone is that row; *bereikt* (``cumulative=True``) counts the buildings at that
  milestone or further, like NCG's "opnames uitgevoerd tot nu toe".
* A milestone code that is not one of ``MILESTONES`` is not dropped: it is counted in
  an extra row ``"onbekend"`` placed last, so totals always add up.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gis_app.core.i18n import N_, t, translate
from gis_app.core.schema import (
    MILESTONE_LABELS_NL,
    MILESTONES,
    RISK_PROFILES,
    RISK_PROFILES_WITH_UNKNOWN,
)

UNITS = ("panden", "adressen")
UNKNOWN_MILESTONE = "onbekend"
TOTAL = "totaal"
NO_CLUSTER = ""
NO_CLUSTER_LABEL = N_("geen cluster")


def _weights(buildings: pd.DataFrame, unit: str) -> np.ndarray:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    if unit == "adressen":
        return pd.to_numeric(buildings["addresses"], errors="coerce").fillna(0).to_numpy(float)
    return np.ones(len(buildings), dtype=float)


def _codes(series: pd.Series, categories) -> np.ndarray:
    """Position of each value in ``categories`` (-1 when absent), by one hash lookup."""
    # hash the values once and look the few distinct ones up (Index.get_indexer on
    # 300,000 strings first infers their type: several times slower)
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    lookup = pd.Index(list(categories), dtype=object).get_indexer(uniques.astype(object))
    return np.append(lookup, -1).astype(np.int64)[codes]


def _milestone_codes(buildings: pd.DataFrame) -> tuple[np.ndarray, tuple[str, ...]]:
    """Milestone index per building and the row codes (MILESTONES, plus ``onbekend`` if needed)."""
    codes = _codes(buildings["milestone"], MILESTONES)
    rows = MILESTONES
    unknown = codes < 0
    if unknown.any():
        rows = (*MILESTONES, UNKNOWN_MILESTONE)
        codes[unknown] = len(MILESTONES)
    return codes, rows


def _profile_codes(buildings: pd.DataFrame) -> np.ndarray:
    codes = _codes(buildings["risk_profile"], RISK_PROFILES_WITH_UNKNOWN)
    codes[codes < 0] = len(RISK_PROFILES)  # position of "onbekend"
    return codes


def _cumulate(table: np.ndarray, n_known: int) -> np.ndarray:
    """At-or-beyond counts along the milestone axis (the unknown row stays as it is)."""
    out = table.copy()
    out[:n_known] = np.cumsum(table[:n_known][::-1], axis=0)[::-1]
    return out


def milestone_counts(
    buildings: pd.DataFrame,
    *,
    unit: str = "panden",
    cumulative: bool = False,
    mask: np.ndarray | pd.Series | None = None,
) -> pd.DataFrame:
    """Counts per milestone (rows, NCG order) and risk profile (columns).

    Columns: ``label`` (Dutch milestone label), one per risk profile
    (``RISK_PROFILES_WITH_UNKNOWN``) and ``totaal``. ``mask`` restricts the count to
    some buildings (e.g. one cluster). Counts are floats when ``unit="adressen"``
    could be fractional, else integers.
    """
    frame = buildings if mask is None else buildings[np.asarray(mask, dtype=bool)]
    milestone, rows = _milestone_codes(frame)
    profile = _profile_codes(frame)
    weights = _weights(frame, unit)
    n_rows, n_cols = len(rows), len(RISK_PROFILES_WITH_UNKNOWN)
    flat = np.bincount(milestone * n_cols + profile, weights=weights, minlength=n_rows * n_cols)
    table = flat.reshape(n_rows, n_cols)
    if cumulative:
        table = _cumulate(table, len(MILESTONES))
    result = pd.DataFrame(
        table, index=pd.Index(rows, name="milestone"), columns=list(RISK_PROFILES_WITH_UNKNOWN)
    )
    result[TOTAL] = result.sum(axis=1)
    result = result.round(6)
    if np.all(np.mod(result.to_numpy(), 1) == 0):
        result = result.astype(np.int64)
    result.insert(0, "label", [MILESTONE_LABELS_NL.get(r, t("mijlpaal onbekend")) for r in rows])
    return result


def profile_counts(buildings: pd.DataFrame, *, unit: str = "panden") -> pd.Series:
    """Buildings (or addresses) per risk profile, in ``RISK_PROFILES_WITH_UNKNOWN`` order."""
    weights = _weights(buildings, unit)
    counts = np.bincount(
        _profile_codes(buildings), weights=weights, minlength=len(RISK_PROFILES_WITH_UNKNOWN)
    )
    series = pd.Series(counts, index=list(RISK_PROFILES_WITH_UNKNOWN), name=unit)
    return series.astype(np.int64) if np.all(np.mod(counts, 1) == 0) else series


def cluster_milestone_counts(
    buildings: pd.DataFrame,
    clusters: pd.DataFrame | None = None,
    *,
    unit: str = "panden",
    cumulative: bool = False,
    profile: str | None = None,
) -> pd.DataFrame:
    """One row per cluster, one column per milestone (codes), plus ``totaal``.

    Row order follows ``clusters`` (clusters without buildings get a row of zeros);
    buildings in no cluster form a last row with ``cluster_id == ""``. A ``name``
    column is first (the cluster's name, or "geen cluster"). ``profile`` restricts
    the count to one risk profile.
    """
    frame = buildings
    if profile is not None:
        frame = buildings[(buildings["risk_profile"].to_numpy(dtype=object) == profile)]
    cluster_ids: list[str] = []
    names: dict[str, str] = {}
    if clusters is not None and len(clusters):
        cluster_ids = [str(c) for c in clusters["cluster_id"]]
        names = dict(zip(cluster_ids, clusters["name"].astype(str), strict=False))
    in_frame = pd.unique(frame["cluster_id"].to_numpy(dtype=object))
    known = set(cluster_ids)
    cluster_ids += [str(c) for c in in_frame if c not in known and c != NO_CLUSTER]
    has_none = NO_CLUSTER in set(in_frame)
    if has_none:
        cluster_ids.append(NO_CLUSTER)
    milestone, rows = _milestone_codes(frame)
    cluster_pos = _codes(frame["cluster_id"], cluster_ids)
    n_rows, n_cols = len(cluster_ids), len(rows)
    flat = np.bincount(
        cluster_pos * n_cols + milestone, weights=_weights(frame, unit), minlength=n_rows * n_cols
    )
    table = flat.reshape(n_rows, n_cols)
    if cumulative:
        table = _cumulate(table.T, len(MILESTONES)).T
    result = pd.DataFrame(table, index=pd.Index(cluster_ids, name="cluster_id"), columns=list(rows))
    # the total is the number of buildings, also when the columns are cumulative
    result[TOTAL] = np.bincount(cluster_pos, weights=_weights(frame, unit), minlength=n_rows)
    if np.all(np.mod(result.to_numpy(), 1) == 0):
        result = result.astype(np.int64)
    labels = [
        names.get(c) or (c if c != NO_CLUSTER else translate(NO_CLUSTER_LABEL)) for c in cluster_ids
    ]
    result.insert(0, "name", labels)
    return result
