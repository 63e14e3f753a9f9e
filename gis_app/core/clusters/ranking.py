"""Ranking and statistics of clusters by their members.

Decisions:

* **Ranking**: most ``verhoogd`` first, then most ``licht verhoogd``, then highest sum
  of LPR (then more buildings, then cluster id, so ties are stable); the reason is
  a Dutch sentence per cluster.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from gis_app.core.clusters.frames import reset_rows
from gis_app.core.clusters.membership import NO_CLUSTER, current_membership
from gis_app.core.formatting import scientific
from gis_app.core.i18n import t
from gis_app.core.schema import (
    MEASURE_CLASSES,
    MILESTONES,
    PROFILE_LICHT,
    PROFILE_VERHOOGD,
    RISK_PROFILES_WITH_UNKNOWN,
)
from gis_app.core.slices import in_slices


def rank_groups(buildings, labels, n_groups) -> pd.DataFrame:
    """Rank and reason of groups ``0..n_groups-1`` (``labels`` per building row, -1 = none)."""
    has = labels >= 0
    g = labels[has]
    profile = buildings["risk_profile"].astype(str).to_numpy()[has]
    lpr = buildings["lpr"].to_numpy(dtype=float)[has] if "lpr" in buildings else np.zeros(len(g))
    n = np.bincount(g, minlength=n_groups)
    high = np.bincount(g, weights=profile == PROFILE_VERHOOGD, minlength=n_groups).astype(int)
    light = np.bincount(g, weights=profile == PROFILE_LICHT, minlength=n_groups).astype(int)
    lpr_sum = np.bincount(g, weights=np.nan_to_num(lpr), minlength=n_groups)
    table = pd.DataFrame({"n": n, "verhoogd": high, "licht": light, "lpr_sum": lpr_sum})
    return _rank_table(table, tiebreak=np.arange(n_groups))


def _rank_table(table: pd.DataFrame, tiebreak) -> pd.DataFrame:
    order = np.lexsort(
        (
            np.asarray(tiebreak),
            -table["n"].to_numpy(),
            -table["lpr_sum"].to_numpy(),
            -table["licht"].to_numpy(),
            -table["verhoogd"].to_numpy(),
        )
    )
    rank = np.empty(len(table), dtype=np.int64)
    rank[order] = np.arange(1, len(table) + 1)
    table = table.copy()
    table["rank"] = rank
    table["reason"] = [
        rank_reason(r, h, licht, n, s)
        for r, h, licht, n, s in zip(
            rank, table["verhoogd"], table["licht"], table["n"], table["lpr_sum"], strict=True
        )
    ]
    return table


def rank_reason(rank: int, verhoogd: int, licht: int, n: int, lpr_sum: float) -> str:
    """``"rang 1: 14 verhoogd, 3 licht verhoogd van 25 panden"`` (+ LPR when it decided)."""
    noun = t("pand") if n == 1 else t("panden")
    text = t(
        "rang {rank}: {verhoogd} verhoogd, {licht} licht verhoogd van {n} {noun}",
        rank=rank,
        verhoogd=verhoogd,
        licht=licht,
        n=n,
        noun=noun,
    )
    if lpr_sum > 0:
        text += t("; som LPR {lpr}", lpr=scientific(lpr_sum))
    return text


def rank_clusters(
    buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, *, stats: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Rank existing clusters by their current members (stored ``cluster_id``).

    Returns a frame indexed like ``clusters`` with ``cluster_id``, ``rank`` and
    ``reason``. Sort ``clusters`` by ``rank`` to make it the cluster order. ``stats``
    (from :func:`cluster_statistics` for the same clusters) saves computing them again.
    """
    if stats is None:
        stats = cluster_statistics(buildings, clusters)
    table = pd.DataFrame(
        {
            "n": stats["n_buildings"].to_numpy(),
            "verhoogd": stats[f"profile:{PROFILE_VERHOOGD}"].to_numpy(),
            "licht": stats[f"profile:{PROFILE_LICHT}"].to_numpy(),
            "lpr_sum": stats["lpr_sum"].to_numpy(),
        }
    )
    ranked = _rank_table(table, tiebreak=np.arange(len(table)))
    return pd.DataFrame(
        {
            "cluster_id": clusters["cluster_id"].astype(str).to_numpy(),
            "rank": ranked["rank"].to_numpy(),
            "reason": ranked["reason"].to_numpy(),
        },
        index=clusters.index,
    )


def order_by_rank(buildings: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    ranking = rank_clusters(buildings, clusters)
    return reset_rows(clusters.iloc[np.argsort(ranking["rank"].to_numpy(), kind="stable")].copy())


#: Statistic columns of :func:`cluster_statistics`, in display order.
def statistic_columns() -> list[str]:
    return [
        "n_buildings",
        "addresses",
        "residents",
        *[f"profile:{p}" for p in RISK_PROFILES_WITH_UNKNOWN],
        "lpr_sum",
        *[f"measure:{m}" for m in MEASURE_CLASSES],
        *[f"milestone:{m}" for m in MILESTONES],
    ]


#: Attribute columns counted per value by :func:`cluster_statistics`.
_COUNTED = (
    ("risk_profile", "profile", RISK_PROFILES_WITH_UNKNOWN),
    ("expected_measure", "measure", MEASURE_CLASSES),
    ("milestone", "milestone", MILESTONES),
)


def attribute_codes(buildings: gpd.GeoDataFrame) -> dict[str, np.ndarray]:
    """Integer codes of the counted attribute columns, to pass to :func:`cluster_statistics`.

    Hashing 300,000 strings is most of the statistics' cost, and these columns do not
    change while clusters are edited: a caller that knows when they change (the panel
    listens to the document's signals) computes them once and reuses them.
    """
    return {column: _codes(_text(buildings, column), values) for column, _, values in _COUNTED}


def cluster_statistics(
    buildings: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame,
    *,
    include_unclustered: bool = False,
    codes: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Per cluster (in cluster order, indexed by ``cluster_id``): counts and sums.

    Columns (:func:`statistic_columns`): ``n_buildings``, ``addresses``, ``residents``,
    ``profile:<risk profile>``, ``lpr_sum``, ``measure:<measure class>`` (the expected
    measure: assessed or derived from the profile), ``milestone:<code>``. With
    ``include_unclustered`` a last row ``""`` holds the buildings in no cluster.
    ``codes`` from :func:`attribute_codes` (for the same buildings) skips re-hashing.
    """
    ids = list(clusters["cluster_id"].astype(str)) if len(clusters) else []
    if include_unclustered:
        ids.append(NO_CLUSTER)
    k = len(ids)
    # One integer code per building (k = in no listed cluster), then bincounts: a
    # groupby without pandas' per-call overhead.
    group = _codes(current_membership(buildings), ids)
    group = np.where(group < 0, k, group)
    out = pd.DataFrame(index=pd.Index(ids, name="cluster_id", dtype=object))

    def sums(values: np.ndarray) -> np.ndarray:
        return np.bincount(group, weights=np.nan_to_num(values), minlength=k + 1)[:k]

    out["n_buildings"] = np.bincount(group, minlength=k + 1)[:k].astype(np.int64)
    out["addresses"] = sums(_num(buildings, "addresses")).round().astype(np.int64)
    out["residents"] = sums(_num(buildings, "residents"))
    codes = codes if codes is not None else attribute_codes(buildings)
    for column, prefix, values in _COUNTED:
        code = codes[column]
        known = code >= 0
        counts = np.bincount(
            group[known] * len(values) + code[known], minlength=(k + 1) * len(values)
        ).reshape(k + 1, len(values))[:k]
        for j, value in enumerate(values):
            out[f"{prefix}:{value}"] = counts[:, j].astype(np.int64)
    out["lpr_sum"] = sums(_num(buildings, "lpr"))
    return out[statistic_columns()]


def _num(buildings, column):
    if column not in buildings.columns:
        return np.zeros(len(buildings))
    return pd.to_numeric(buildings[column], errors="coerce").to_numpy(dtype=float)


def _text(buildings, column) -> np.ndarray:
    if column not in buildings.columns:
        return np.full(len(buildings), "", dtype=object)
    series = buildings[column]
    if series.dtype == object:
        values = series.to_numpy()
        if values.dtype == object:
            return values
    return np.asarray(series.to_numpy(dtype=object, na_value=""), dtype=object)


def _codes(values: np.ndarray, vocabulary) -> np.ndarray:
    """Position of each value in ``vocabulary`` (-1 when absent), by one hash pass.

    ``pd.factorize`` hashes the values once (Python caches string hashes); the few
    distinct values are then looked up in the vocabulary. Much faster than
    ``Index.get_indexer`` on 300,000 strings, which first infers their type.
    """
    position = {value: i for i, value in enumerate(vocabulary)}

    def lookup(part: np.ndarray) -> np.ndarray:
        codes, uniques = pd.factorize(part, use_na_sentinel=True)
        found = np.array([position.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
        return found[codes]  # NA sentinel -1 picks the trailing -1

    # hashing holds the GIL: in slices, so the UI thread draws while a worker counts
    return in_slices(lookup, values)


#: Names of the municipality codes in BAG ids (the first four digits), historic codes
#: included because BAG ids keep the code of the municipality that issued them.
MUNICIPALITY_NAMES = {
    "0003": "Appingedam",
    "0005": "Bedum",
    "0009": "Ten Boer",
    "0010": "Delfzijl",
    "0014": "Groningen",
    "0017": "Haren",
    "0024": "Loppersum",
    "0040": "Slochteren",
    "0047": "Veendam",
    "0053": "Winsum",
    "0056": "Zuidhorn",
    "0765": "Pekela",
    "1651": "Eemsmond",
    "1663": "De Marne",
    "1952": "Midden-Groningen",
    "1966": "Het Hogeland",
    "1969": "Westerkwartier",
    "1979": "Eemsdelta",
}


def municipality_of(building_ids) -> np.ndarray:
    """Municipality name per BAG id (from its first four digits); ``"gemeente <code>"``
    for an unknown code and ``"onbekend"`` for an id that is not a BAG id."""
    ids = pd.Series(np.asarray(building_ids, dtype=object)).astype(str)
    code = ids.str.slice(0, 4)
    ok = (ids.str.len() == 16) & ids.str.isdigit()
    named = code.map(MUNICIPALITY_NAMES).fillna("gemeente " + code)
    return np.where(ok, named, "onbekend").astype(object)


def cluster_municipalities(buildings: gpd.GeoDataFrame) -> pd.Series:
    """The municipality of most of each cluster's buildings, indexed by cluster id."""
    ids = current_membership(buildings)
    has = ids != NO_CLUSTER
    if not has.any() or "building_id" not in buildings.columns:
        return pd.Series(dtype=object)
    table = pd.DataFrame(
        {
            "cluster_id": ids[has],
            "gemeente": municipality_of(buildings["building_id"].to_numpy(dtype=object)[has]),
        }
    )
    counts = table.groupby(["cluster_id", "gemeente"], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["cluster_id", "n", "gemeente"], ascending=[True, False, True])
    return counts.drop_duplicates("cluster_id").set_index("cluster_id")["gemeente"]
