"""Plain-Dutch explanations of the plan's figures, where two numbers seem to disagree.

* **Slider against plan share** (:func:`share_counts`, :func:`share_explanation`). The
  slider sets the share of bespoke work among the buildings *with a choice*: buildings
  with work that are not always bespoke. Demolish-rebuild and eigen regie are always
  bespoke, and buildings without work (no measure, or construction already finished)
  are not counted at all. The plan's share is bespoke buildings over buildings with
  work. So 20 % on the slider can read 25 % in the plan, and a cluster at 100 % can
  hold "2 van 8 panden" bespoke. The explanation lists exactly these parts.
* **Already done against Voortgang** (:func:`done_counts`, :func:`done_explanation`).
  The plan's "al gereed" counts buildings that need a measure and whose construction
  is finished (milestone ``bouw_gereed`` or ``afgerond``); Voortgang's "afgerond"
  counts every building whose trajectory is closed, with or without a measure.
* **Optimised order** (:func:`order_note`): what the optimised order costs in time
  ("alles gereed" later) and what it saves in risk exposure, against the standard order.
* **Scenario inputs** (:func:`scenario_inputs`): the settings that make a scenario, as
  (label, unit, value) rows for the comparison table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from gis_app.core import formatting as fmt
from gis_app.core.i18n import N_, t, translate

ORDER_LABELS_NL = {"default": N_("standaard"), "optimise": N_("geoptimaliseerd")}


# --- slider against plan share ---------------------------------------------------------------


@dataclass(frozen=True)
class ShareCounts:
    """Buildings behind a bespoke share (of the whole plan or of some clusters)."""

    buildings: int  # planned buildings
    with_work: int  # need a measure and are not finished
    without_work: int  # no measure, or finished (``already_done``)
    already_done: int  # of ``without_work``: construction finished
    forced: int  # always bespoke: demolish-rebuild or eigen regie
    choice: int  # with a choice between standard and bespoke (the slider's base)
    chosen: int  # bespoke among ``choice`` (what the slider decided)
    bespoke: int  # forced + chosen

    @property
    def plan_share(self) -> float:
        return self.bespoke / self.with_work if self.with_work else 0.0


def share_counts(result, cluster_ids: Iterable[str] | None = None) -> ShareCounts | None:
    """Counts from a ``PlanResult`` (its model's arrays), for all buildings or only those
    of ``cluster_ids``; None when the result does not carry them."""
    model = getattr(result, "model", None)
    bespoke = getattr(result, "bespoke", None)
    try:
        work = np.asarray(model.work, dtype=bool)
        forced = np.asarray(model.forced, dtype=bool)
        eligible = np.asarray(model.eligible, dtype=bool)
        done = np.asarray(getattr(model, "already_done", np.zeros(len(work), bool)), dtype=bool)
        bespoke = np.asarray(bespoke, dtype=bool)
    except (AttributeError, TypeError):
        return None
    keep = np.ones(len(work), dtype=bool)
    if cluster_ids is not None:
        wanted = pd.Index([str(c) for c in cluster_ids], dtype=object)
        ids = np.asarray(model.group_ids, dtype=object)[np.asarray(model.group)]
        keep = wanted.get_indexer(ids.astype(str).astype(object)) >= 0
    n = int(keep.sum())
    with_work = int((work & keep).sum())
    return ShareCounts(
        buildings=n,
        with_work=with_work,
        without_work=n - with_work,
        already_done=int((done & keep).sum()),
        forced=int((forced & keep).sum()),
        choice=int((eligible & keep).sum()),
        chosen=int((eligible & bespoke & keep).sum()),
        bespoke=int((bespoke & work & keep).sum()),
    )


def share_explanation(slider_share: float, counts: ShareCounts | None) -> str:
    """Why the plan's share differs from the slider, in three short lines."""
    if counts is None:
        return ""
    lines = [
        t(
            "Schuif {percent} geldt voor de {count} panden met een keuze: {count2} maatwerk.",
            percent=fmt.percent(slider_share),
            count=fmt.count(counts.choice),
            count2=fmt.count(counts.chosen),
        ),
        t(
            "Altijd maatwerk (sloop-nieuwbouw, eigen regie): {count}.",
            count=fmt.count(counts.forced),
        ),
        t(
            "Plan: {count} van {count2} panden met werk = {percent}.",
            count=fmt.count(counts.bespoke),
            count2=fmt.count(counts.with_work),
            percent=fmt.percent(counts.plan_share),
        ),
    ]
    if counts.without_work:
        other = counts.without_work - counts.already_done
        parts = []
        if other:
            parts.append(t("{count} zonder maatregel", count=fmt.count(other)))
        if counts.already_done:
            parts.append(t("{count} al gereed", count=fmt.count(counts.already_done)))
        lines.append(t("Tellen niet mee: {join}.", join=t(" en ").join(parts)))
    return "\n".join(lines)


# --- already done against Voortgang ----------------------------------------------------------


@dataclass(frozen=True)
class DoneCounts:
    afgerond: int  # milestone "afgerond", every building (Voortgang's count)
    afgerond_without_measure: int  # of those: no measure needed
    bouw_gereed_with_measure: int  # milestone "bouw_gereed" with a measure
    already_done: int  # the plan's count: with a measure and finished

    @property
    def adds_up(self) -> bool:
        return (
            self.afgerond - self.afgerond_without_measure + self.bouw_gereed_with_measure
            == self.already_done
        )


def done_counts(buildings: pd.DataFrame) -> DoneCounts:
    """The parts of the plan's "al gereed" and Voortgang's "afgerond" (in buildings)."""
    milestone = buildings["milestone"].astype(str).to_numpy(dtype=object)
    measure_column = "expected_measure" if "expected_measure" in buildings else "measure_class"
    # the few distinct values are cleaned, not 300,000 strings (half a second at that size)
    codes, uniques = pd.factorize(buildings[measure_column], use_na_sentinel=True)
    cleaned = pd.Series(uniques, dtype=object).astype(str).str.strip().to_numpy(dtype=object)
    unique_needs = np.append(cleaned != "none", True)  # the trailing True: missing values
    needs = unique_needs[codes]  # unknown ("") counts as light work, as the planner does
    afgerond = milestone == "afgerond"
    gereed = milestone == "bouw_gereed"
    return DoneCounts(
        afgerond=int(afgerond.sum()),
        afgerond_without_measure=int((afgerond & ~needs).sum()),
        bouw_gereed_with_measure=int((gereed & needs).sum()),
        already_done=int(((afgerond | gereed) & needs).sum()),
    )


def done_explanation(counts: DoneCounts) -> str:
    """``al gereed 589 = 642 afgerond (Voortgang) − 120 zonder maatregel + 67 bouw gereed``."""
    return t(
        "Al gereed {count} = {count2} afgerond (Voortgang) − {count3} afgerond "
        "zonder maatregel + {count4} met bouw gereed.",
        count=fmt.count(counts.already_done),
        count2=fmt.count(counts.afgerond),
        count3=fmt.count(counts.afgerond_without_measure),
        count4=fmt.count(counts.bouw_gereed_with_measure),
    )


# --- optimised order -------------------------------------------------------------------------


def order_note(default_metrics: Mapping[str, Any], optimised_metrics: Mapping[str, Any]) -> str:
    """What the optimised order changes against the standard one: finish date and exposure."""
    d_end, o_end = default_metrics.get("all_done"), optimised_metrics.get("all_done")
    d_exp = default_metrics.get("risk_exposure")
    o_exp = optimised_metrics.get("risk_exposure")
    if d_end is None or o_end is None or d_exp is None or o_exp is None:
        return ""
    months = fmt.months_between(d_end, o_end)
    if months >= 0.5:
        when = t(
            "Geoptimaliseerd is alles {months} later gereed ({month} i.p.v. {month2})",
            months=fmt.months(months),
            month=_month(o_end),
            month2=_month(d_end),
        )
    elif months <= -0.5:
        when = t(
            "Geoptimaliseerd is alles {months} eerder gereed ({month})",
            months=fmt.months(-months),
            month=_month(o_end),
        )
    else:
        when = t("Geoptimaliseerd is alles even snel gereed ({month})", month=_month(o_end))
    saved = float(d_exp) - float(o_exp)
    if saved > 0:
        share = saved / float(d_exp) if float(d_exp) > 0 else 0.0
        risk = t(
            ", en bespaart het {amount} slachtoffer-jaren risicoblootstelling ({percent} minder).",
            amount=fmt.significant(saved),
            percent=fmt.percent(share),
        )
    elif saved < 0:
        risk = t(
            ", met {amount} slachtoffer-jaren méér risicoblootstelling.",
            amount=fmt.significant(-saved),
        )
    else:
        risk = t(", met dezelfde risicoblootstelling.")
    return when + risk


MONTHS_NL = (
    N_("jan"),
    N_("feb"),
    N_("mrt"),
    N_("apr"),
    N_("mei"),
    N_("jun"),
    N_("jul"),
    N_("aug"),
    N_("sep"),
    N_("okt"),
    N_("nov"),
    N_("dec"),
)


def _month(value) -> str:
    stamp = pd.Timestamp(value)
    return f"{translate(MONTHS_NL[stamp.month - 1])} {stamp.year}"


# --- scenario inputs -------------------------------------------------------------------------


def scenario_inputs(
    settings: Mapping[str, Any], order: str, shares: Mapping[str, float]
) -> list[tuple[str, str, str]]:
    """(label, unit, value) rows of what a scenario sets, for the comparison table."""
    from gis_app.core.planning.config import PlanningConfig

    config = PlanningConfig.from_dict(dict(settings))
    capacity = f"{fmt.count(config.starts_per_week)}"
    if config.contractors:
        total = sum(int(c.starts_per_week) for c in config.contractors)
        capacity = t("{count} ({n} aannemers)", count=fmt.count(total), n=len(config.contractors))
    if config.capacity_calendar:
        capacity += t(", {count} wijzigingen in de tijd", count=len(config.capacity_calendar))
    own = list(shares.values())
    if own:
        low, high = min(own), max(own)
        span = fmt.percent(low) if low == high else f"{fmt.percent(low)}–{fmt.percent(high)}"
        own_text = t("{count} clusters ({span})", count=len(own), span=span)
    else:
        own_text = t("geen")
    start = config.start_date
    return [
        ("capaciteit", "bouwstarts per week", capacity),
        ("volgorde clusters", "keuze", translate(ORDER_LABELS_NL.get(order, order))),
        (
            t("aandeel maatwerk (schuif)"),
            t("% van panden met keuze"),
            fmt.percent(config.bespoke_share),
        ),
        ("clusters met eigen aandeel", "clusters", own_text),
        (
            "startdatum",
            "datum",
            f"{start.day} {translate(MONTHS_NL[start.month - 1])} {start.year}",
        ),
        ("dreigingsfactor", "× LPR", fmt.decimal(config.threat_factor, 2)),
        (
            "lichtere maatregel onder de norm",
            "keuze",
            t("toegepast") if config.apply_threat_relief else t("niet toegepast"),
        ),
    ]


#: Dutch label, unit and kind of plan metrics that the comparison shows after its main
#: rows (keys of ``PlanResult.metrics``); kind as in :mod:`gis_app.core.scenarios`.
EXTRA_METRIC_LABELS: dict[str, tuple[str, str, str]] = {
    "buildings": (N_("panden in het plan"), N_("panden"), "int"),
    "buildings_with_work": (N_("panden met werk"), N_("panden"), "int"),
    "buildings_without_work": (N_("panden zonder werk"), N_("panden"), "int"),
    "already_done": (N_("al gereed (met maatregel)"), N_("panden"), "int"),
    "in_construction": (N_("in uitvoering (bouw gestart)"), N_("panden"), "int"),
    "standard_buildings": (N_("panden standaard"), N_("panden"), "int"),
    "clusters": (N_("clusters"), N_("clusters"), "int"),
    "unclustered_buildings": (N_("panden zonder cluster"), N_("panden"), "int"),
    "unclustered_ignored": (N_("panden zonder cluster, niet gepland"), N_("panden"), "int"),
    "unknown_cluster_references": (N_("verwijzingen naar onbekend cluster"), N_("panden"), "int"),
    "neighbour_pairs": (N_("burenparen met werk"), N_("paren"), "int"),
    "neighbour_pairs_different_measure": (
        N_("burenparen met andere maatregel"),
        N_("paren"),
        "int",
    ),
    "explainability_pairs_approach": (N_("buren met andere aanpak"), N_("paren"), "int"),
    "explainability_pairs_time": (N_("buren ver uit elkaar gereed"), N_("paren"), "int"),
    "peak_starts": (N_("piek bouwstarts"), N_("starts per week"), "int"),
    "capacity_utilisation": (N_("benutting capaciteit"), "%", "share"),
    "last_start": (N_("laatste bouwstart"), N_("datum"), "date"),
}


__all__ = [
    "DoneCounts",
    "EXTRA_METRIC_LABELS",
    "ShareCounts",
    "done_counts",
    "done_explanation",
    "order_note",
    "scenario_inputs",
    "share_counts",
    "share_explanation",
]
