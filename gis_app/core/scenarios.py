"""Named planning scenarios: save the settings, compare the outcomes.

A :class:`Scenario` is what a planner varies between plans: the planning settings
(``PlanningConfig.to_dict()``), the bespoke share of each cluster that has its own, and
the order choice (``"default"`` or ``"optimise"``). Scenarios live in
``Project.scenarios`` as JSON-safe dicts, so they are saved with the project.

Decisions:

* A scenario stores settings, not results: results are recomputed when needed
  (they depend on the buildings, which may have changed since). The metrics of the
  last run are kept in ``metrics`` only as a hint for display.
* Names are unique and non-empty (case-sensitive, surrounding spaces removed);
  ``duplicate`` picks "naam (kopie)", "naam (kopie 2)", ... .
* ``shares`` maps cluster ids to shares for clusters with an own share; applying a
  scenario gives every other cluster NaN (follow the global share). Shares of clusters
  that no longer exist are ignored when applied.
* :func:`compare` puts the metrics of two or more results side by side, with the
  difference to the first (the baseline) and a flag per metric telling whether the
  scenarios differ. Dates differ by days; two values differ when they are not equal
  within a relative tolerance of 1e-9.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from gis_app.core.errors import PlanningError
from gis_app.core.i18n import N_, t, translate

ORDERS = ("default", "optimise")
ORDER_LABELS_NL = {"default": "standaardvolgorde", "optimise": "geoptimaliseerd"}


class ScenarioError(PlanningError):
    """A scenario name is empty, taken or unknown."""


def json_safe(value: Any) -> Any:
    """``value`` with numpy scalars, NaN, timestamps and tuples turned into JSON types."""
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [json_safe(v) for v in value]
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date, np.datetime64)):
        stamp = pd.Timestamp(value)
        return None if pd.isna(stamp) else stamp.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(float(value)) else float(value)
    if value is None or isinstance(value, str):
        return value
    if value is pd.NaT:
        return None
    return str(value)


@dataclass
class Scenario:
    name: str
    settings: dict[str, Any] = field(default_factory=dict)
    shares: dict[str, float] = field(default_factory=dict)
    order: str = "default"
    created: str = ""
    note: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return json_safe(
            {
                "name": self.name,
                "settings": self.settings,
                "shares": self.shares,
                "order": self.order,
                "created": self.created,
                "note": self.note,
                "metrics": self.metrics,
            }
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        order = str(data.get("order") or "default")
        shares = {
            str(k): float(v)
            for k, v in dict(data.get("shares") or {}).items()
            if v is not None and not (isinstance(v, float) and math.isnan(v))
        }
        return cls(
            name=str(data.get("name") or ""),
            settings=copy.deepcopy(dict(data.get("settings") or {})),
            shares=shares,
            order=order if order in ORDERS else "default",
            created=str(data.get("created") or ""),
            note=str(data.get("note") or ""),
            metrics=copy.deepcopy(dict(data.get("metrics") or {})),
        )


# --- checking what a project file holds -----------------------------------------------------

MAX_SCENARIOS = 1_000
MAX_SHARES = 1_000_000
_MAX_TEXT = 10_000


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str))


def checked_scenario(entry: Any) -> dict[str, Any]:
    """A scenario entry read from a project file, with every field of the right type.

    Raises :class:`PlanningError` (naming what is wrong) when a field cannot be used: the
    settings are checked by :meth:`PlanningConfig.from_dict`, shares must be numbers in
    [0, 1] per cluster id, texts must be texts. ``metrics`` is only a display hint: values
    that are not plain numbers or texts (one level of nesting) are left out.
    """
    from gis_app.core.planning.config import PlanningConfig  # late: planning imports a lot

    if not isinstance(entry, Mapping):
        raise PlanningError(t("een scenario is geen object met namen en waarden"))
    for key in ("name", "order", "created", "note"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise PlanningError(t("'{key}' is geen tekst", key=key))
        if isinstance(value, str) and len(value) > _MAX_TEXT:
            raise PlanningError(
                t("'{key}' is langer dan {MAX_TEXT} tekens", key=key, MAX_TEXT=_MAX_TEXT)
            )
    settings = entry.get("settings")
    if settings is not None and not isinstance(settings, Mapping):
        raise PlanningError(t("de instellingen zijn geen object"))
    PlanningConfig.from_dict(dict(settings or {}))
    shares = entry.get("shares")
    if shares is not None:
        if not isinstance(shares, Mapping) or len(shares) > MAX_SHARES:
            raise PlanningError(t("de aandelen per cluster zijn geen object"))
        for cluster, share in shares.items():
            if share is None:
                continue
            if isinstance(share, bool) or not isinstance(share, (int, float)):
                raise PlanningError(
                    t("aandeel van cluster '{value}' is geen getal", value=str(cluster)[:40])
                )
            if not (math.isnan(share) or 0.0 <= share <= 1.0):
                raise PlanningError(
                    t(
                        "aandeel van cluster '{value}' ligt niet tussen 0 en 1",
                        value=str(cluster)[:40],
                    )
                )
    out = dict(entry)
    if "metrics" not in entry:
        return out
    metrics = entry.get("metrics")
    clean: dict[str, Any] = {}
    if isinstance(metrics, Mapping):
        for key, value in metrics.items():
            if _scalar(value):
                clean[str(key)] = value
            elif isinstance(value, Mapping):
                clean[str(key)] = {
                    str(k): (
                        {str(a): b for a, b in v.items() if _scalar(b)}
                        if isinstance(v, Mapping)
                        else v
                    )
                    for k, v in value.items()
                    if _scalar(v) or isinstance(v, Mapping)
                }
    out["metrics"] = clean
    return out


# --- the list in the project ----------------------------------------------------------------


def load_scenarios(project) -> list[Scenario]:
    """The project's scenarios (entries without a name are given one, none is dropped)."""
    out: list[Scenario] = []
    for i, entry in enumerate(project.scenarios or []):
        scenario = Scenario.from_dict(entry if isinstance(entry, Mapping) else {})
        if not scenario.name.strip():
            scenario.name = unique_name(f"Scenario {i + 1}", [s.name for s in out])
        out.append(scenario)
    return out


def cluster_shares(clusters: pd.DataFrame) -> dict[str, float]:
    """Own shares of the clusters that have one (NaN = follows the global share)."""
    if clusters is None or not len(clusters) or "approach_share" not in clusters:
        return {}
    shares = pd.to_numeric(clusters["approach_share"], errors="coerce")
    keep = shares.notna().to_numpy()
    ids = clusters["cluster_id"].astype(str).to_numpy()[keep]
    return {str(c): float(s) for c, s in zip(ids, shares.to_numpy()[keep], strict=True)}


def capture(
    project, name: str, *, order: str = "default", metrics=None, note: str = ""
) -> Scenario:
    """A scenario holding the project's current planning settings and cluster shares."""
    return Scenario(
        name=_clean(name),
        settings=copy.deepcopy(dict(project.settings.get("planning") or {})),
        shares=cluster_shares(project.clusters),
        order=order if order in ORDERS else "default",
        created=dt.datetime.now().replace(microsecond=0).isoformat(),
        note=note,
        metrics=json_safe(_compact(dict(metrics or {}))),
    )


def _compact(metrics: dict[str, Any]) -> dict[str, Any]:
    """Metrics without the per-address list of broken commitments (only their count is
    compared; the list can hold thousands of addresses)."""
    promises = metrics.get("commitments")
    if isinstance(promises, Mapping) and isinstance(promises.get("broken"), list):
        metrics = dict(metrics)
        metrics.pop("commitments")
        metrics["commitments_broken"] = len(promises["broken"])
    return metrics


# --- list operations (return new lists; the caller stores them) ------------------------------


def _clean(name: str) -> str:
    name = str(name or "").strip()
    if not name:
        raise ScenarioError(t("Een scenario heeft een naam nodig."))
    return name


def unique_name(base: str, existing: Iterable[str]) -> str:
    taken = set(existing)
    if base not in taken:
        return base
    i = 2
    while f"{base} {i}" in taken:
        i += 1
    return f"{base} {i}"


def _index(scenarios: list[Scenario], name: str) -> int:
    for i, s in enumerate(scenarios):
        if s.name == name:
            return i
    raise ScenarioError(t("Er is geen scenario '{name}'.", name=name))


def add_scenario(
    scenarios: list[Scenario], scenario: Scenario, *, replace: bool = False
) -> list[Scenario]:
    """``scenarios`` with ``scenario`` appended (or replacing the one of that name)."""
    scenario.name = _clean(scenario.name)
    out = list(scenarios)
    names = [s.name for s in out]
    if scenario.name in names:
        if not replace:
            raise ScenarioError(t("Er is al een scenario '{name}'.", name=scenario.name))
        out[names.index(scenario.name)] = scenario
        return out
    out.append(scenario)
    return out


def duplicate(scenarios: list[Scenario], name: str, new_name: str | None = None) -> list[Scenario]:
    i = _index(scenarios, name)
    names = [s.name for s in scenarios]
    target = _clean(new_name) if new_name else None
    if target is None:
        target = f"{name} (kopie)"
        n = 2
        while target in names:
            target = f"{name} (kopie {n})"
            n += 1
    elif target in names:
        raise ScenarioError(t("Er is al een scenario '{target}'.", target=target))
    copy_ = Scenario.from_dict(scenarios[i].to_dict())
    copy_.name = target
    copy_.created = dt.datetime.now().replace(microsecond=0).isoformat()
    out = list(scenarios)
    out.insert(i + 1, copy_)
    return out


def rename(scenarios: list[Scenario], name: str, new_name: str) -> list[Scenario]:
    i = _index(scenarios, name)
    new_name = _clean(new_name)
    if new_name != name and new_name in {s.name for s in scenarios}:
        raise ScenarioError(t("Er is al een scenario '{new_name}'.", new_name=new_name))
    out = list(scenarios)
    renamed = Scenario.from_dict(out[i].to_dict())
    renamed.name = new_name
    out[i] = renamed
    return out


def delete(scenarios: list[Scenario], name: str) -> list[Scenario]:
    i = _index(scenarios, name)
    return scenarios[:i] + scenarios[i + 1 :]


# --- comparison -----------------------------------------------------------------------------

#: Metrics shown when comparing, in this order: key, Dutch label, unit, kind.
#: ``kind`` is "float", "int", "share", "date", "years" (one decimal) or "money";
#: ``lower_is_better`` tells the UI which way a difference is an improvement (None: neither).
METRIC_SPECS: tuple[tuple[str, str, str, str, bool | None], ...] = (
    ("risk_exposure", N_("risicoblootstelling"), N_("verwachte slachtoffer-jaren"), "float", True),
    ("all_verhoogd_done", N_("alle verhoogd gereed"), N_("datum"), "date", True),
    ("all_licht_verhoogd_done", N_("alle licht verhoogd gereed"), N_("datum"), "date", True),
    ("all_done", N_("alles gereed"), N_("datum"), "date", True),
    ("bespoke_buildings", N_("panden maatwerk"), N_("panden"), "int", None),
    ("bespoke_share", N_("aandeel maatwerk"), "%", "share", None),
    ("explainability_pairs", N_("moeilijk uitlegbare buren"), N_("paren"), "int", True),
    ("median_wait_verhoogd", N_("mediane wachttijd verhoogd"), N_("jaar"), "years", True),
    (
        "median_wait_licht_verhoogd",
        N_("mediane wachttijd licht verhoogd"),
        N_("jaar"),
        "years",
        True,
    ),
    ("median_wait_normaal", N_("mediane wachttijd normaal"), N_("jaar"), "years", True),
    ("total_cost", N_("kosten"), "€", "money", True),
    ("safe_p50_verhoogd", N_("50% verhoogd veilig"), N_("datum"), "date", True),
    ("safe_p90_verhoogd", N_("90% verhoogd veilig"), N_("datum"), "date", True),
    ("safe_p100_verhoogd", N_("alle verhoogd veilig"), N_("datum"), "date", True),
    ("safe_p50_licht_verhoogd", N_("50% licht verhoogd veilig"), N_("datum"), "date", True),
    ("safe_p90_licht_verhoogd", N_("90% licht verhoogd veilig"), N_("datum"), "date", True),
    ("safe_p100_licht_verhoogd", N_("alle licht verhoogd veilig"), N_("datum"), "date", True),
    ("deadline_missed_buildings", N_("panden na uiterlijk gereed"), N_("panden"), "int", True),
    ("commitments_broken", N_("toezeggingen gebroken"), N_("adressen"), "int", True),
    ("optimality_gap", N_("boven de ondergrens"), "%", "share", True),
)


@dataclass
class Comparison:
    """Metrics of several scenarios side by side.

    ``values``: index metric keys, one column per scenario (dates as Timestamps).
    ``deltas``: the difference of each scenario to the first (dates in days).
    ``differs``: per metric, True when not all scenarios have the same value.
    ``labels`` / ``units`` / ``kinds`` / ``lower_is_better``: per metric key.
    """

    names: list[str]
    values: pd.DataFrame
    deltas: pd.DataFrame
    differs: pd.Series
    labels: dict[str, str]
    units: dict[str, str]
    kinds: dict[str, str]
    lower_is_better: dict[str, bool | None]


def flat_metrics(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """Metrics with the per-profile waits (``wait[profile]["median_years"]``) as
    ``median_wait_<profile>`` keys and the safe dates (``safe_dates[profile]["p50"]``) as
    ``safe_p50_<profile>`` keys; other nested values are left out."""
    out = {k: v for k, v in metrics.items() if not isinstance(v, Mapping)}
    promises = metrics.get("commitments")
    if isinstance(promises, Mapping) and isinstance(promises.get("broken"), list):
        out["commitments_broken"] = len(promises["broken"])
    for profile, stats in dict(metrics.get("wait") or {}).items():
        if isinstance(stats, Mapping) and "median_years" in stats:
            out[f"median_wait_{str(profile).replace(' ', '_')}"] = stats["median_years"]
    for profile, dates in dict(metrics.get("safe_dates") or {}).items():
        if isinstance(dates, Mapping):
            for key in ("p50", "p90", "p100"):
                if key in dates:
                    out[f"safe_{key}_{str(profile).replace(' ', '_')}"] = dates[key]
    return out


def _metrics_of(result) -> dict[str, Any]:
    if isinstance(result, Mapping):
        return flat_metrics(result)
    return flat_metrics(dict(getattr(result, "metrics", {}) or {}))


def _as_value(value: Any, kind: str) -> Any:
    if value is None:
        return np.nan if kind != "date" else pd.NaT
    if kind == "date":
        try:
            return pd.Timestamp(value)
        except (TypeError, ValueError):
            return pd.NaT
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def _equal(a: Any, b: Any) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if pd.isna(a) or pd.isna(b):
        return False
    if isinstance(a, pd.Timestamp):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def compare(results: Mapping[str, Any]) -> Comparison:
    """Compare results (``PlanResult`` or metrics dicts) keyed by scenario name.

    The first entry is the baseline for ``deltas``. Metrics from ``METRIC_SPECS`` come
    first, in that order; the metrics of ``gis_app.core.explain.EXTRA_METRIC_LABELS``
    present in every result follow. A metric without a Dutch label there is left out
    (the comparison shows no internal names): a new planner metric needs a label there.
    """
    names = list(results)
    if not names:
        raise ScenarioError(t("Kies ten minste één scenario om te vergelijken."))
    metrics = {name: _metrics_of(results[name]) for name in names}
    keys: list[str] = []
    labels: dict[str, str] = {}
    units: dict[str, str] = {}
    kinds: dict[str, str] = {}
    better: dict[str, bool | None] = {}
    for key, label, unit, kind, lower in METRIC_SPECS:
        if any(key in m for m in metrics.values()):
            keys.append(key)
            labels[key], units[key] = translate(label), translate(unit)
            kinds[key], better[key] = kind, lower
    from gis_app.core.explain import EXTRA_METRIC_LABELS

    for key in metrics[names[0]]:
        if key in labels or not all(key in m for m in metrics.values()):
            continue
        # only metrics with a Dutch label and unit: the table never shows internal names
        if key not in EXTRA_METRIC_LABELS:
            continue
        label, unit, kind = EXTRA_METRIC_LABELS[key]
        sample = metrics[names[0]][key]
        if kind != "date" and (
            isinstance(sample, bool) or not isinstance(sample, (int, float, np.number))
        ):
            continue
        keys.append(key)
        labels[key], units[key] = translate(label), translate(unit)
        kinds[key], better[key] = kind, None
    values = pd.DataFrame(
        {n: [_as_value(metrics[n].get(k), kinds[k]) for k in keys] for n in names},
        index=pd.Index(keys, name="metric"),
        dtype=object,
    )
    deltas = pd.DataFrame(index=values.index, columns=names, dtype=object)
    differs = pd.Series(False, index=values.index)
    base = names[0]
    for key in keys:
        b = values.at[key, base]
        row_values = [values.at[key, n] for n in names]
        differs[key] = not all(_equal(b, v) for v in row_values)
        for n in names:
            v = values.at[key, n]
            if pd.isna(v) or pd.isna(b):
                deltas.at[key, n] = np.nan
            elif kinds[key] == "date":
                deltas.at[key, n] = float((v - b) / pd.Timedelta(days=1))
            else:
                deltas.at[key, n] = float(v) - float(b)
    return Comparison(names, values, deltas, differs, labels, units, kinds, better)
