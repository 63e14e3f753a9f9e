"""The planning configuration: every assumption of the planning model, in one object.

A :class:`PlanningConfig` is saved with the project (``Project.settings["planning"]``,
via :meth:`PlanningConfig.to_dict`) and shown to the planner (:meth:`PlanningConfig.describe`
lists every setting with a Dutch label, its unit and where the default comes from).

Defaults and their sources (DOMAIN.md, "Figures for realistic defaults"; (P) published,
(E) estimate):

* Preparation (from the start of the plan to the start of construction: opname,
  beoordeling, design, uitvoeringsplan). Standard approach: the typology-based route takes
  about 3 months, at most 6 (P, Rijksoverheid 2021): light 13 weeks, heavy 26 weeks.
  Bespoke: an individual NPR 9998 assessment takes 6-9 months (P) and planning to an
  execution plan 6-12 months (E): light 39 weeks, heavy and rebuild 52 weeks.
* Construction. Light measures 2-8 weeks (E): standard 4, bespoke 8. Heavy reinforcement
  4-6 months (E): standard 18 weeks, bespoke 26 weeks. Demolish-rebuild 9-15 months (E):
  52 weeks (rebuild is always bespoke, so its "standard" entry equals the bespoke one).
* Capacity: 40 construction starts per week in total, from the 1,962 starts NCG reported
  for 2025 (P, about 38 a week). Change it for an area that is only part of the region.
* Costs per address (E): light EUR 30k standard / 50k bespoke, heavy EUR 150k / 250k,
  rebuild EUR 325k. Cost of a building = cost per address x its ``addresses``.
* Global bespoke share 0.2 (E): a planner's starting point, not a published figure.
* Residents per address where ``residents`` is unknown: 2.1 (E, the average Dutch
  household size).
* LPR stand-in where ``lpr`` is unknown, per risk profile (E, from the profile
  thresholds in :mod:`gis_app.core.schema`): verhoogd 3e-5, licht verhoogd 3e-6,
  normaal 3e-7, onbekend 1e-6. Without it an unassessed building would carry no risk and
  the optimiser would push it to the end.
* Explainability: neighbours within 25 m whose completion is more than 1 year apart (E).
* Deadlines ("uiterlijk gereed") per risk profile: none by default; a planner's promise,
  not a published figure.

Invariants checked by :meth:`PlanningConfig.validate` (a :class:`PlanningError` otherwise):
durations are non-negative and bespoke durations are at least the standard ones (bespoke
work is never faster: this is what makes "more bespoke never finishes a cluster earlier"
hold), shares lie in [0, 1], capacities are non-negative integers, threat factor > 0.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from gis_app.core.errors import PlanningError
from gis_app.core.i18n import N_, t, translate
from gis_app.core.schema import (
    MEASURE_HEAVY,
    MEASURE_LABELS_NL,
    MEASURE_LIGHT,
    MEASURE_NONE,
    MEASURE_REBUILD,
    PROFILE_LICHT,
    PROFILE_NORMAAL,
    PROFILE_UNKNOWN,
    PROFILE_VERHOOGD,
)

STANDARD = "standard"
BESPOKE = "bespoke"
APPROACHES = (STANDARD, BESPOKE)
APPROACH_LABELS_NL = {STANDARD: N_("standaard"), BESPOKE: N_("maatwerk"), "none": N_("geen werk")}
#: Measures that need work, in the order used for arrays (index 0..2).
WORK_MEASURES = (MEASURE_LIGHT, MEASURE_HEAVY, MEASURE_REBUILD)

UNCLUSTERED_TRAILING = "trailing"
UNCLUSTERED_IGNORE = "ignore"

DEFAULT_DURATIONS: dict[str, dict[str, dict[str, float]]] = {
    MEASURE_LIGHT: {
        STANDARD: {"prep": 13, "construction": 4},
        BESPOKE: {"prep": 39, "construction": 8},
    },
    MEASURE_HEAVY: {
        STANDARD: {"prep": 26, "construction": 18},
        BESPOKE: {"prep": 52, "construction": 26},
    },
    MEASURE_REBUILD: {
        STANDARD: {"prep": 52, "construction": 52},
        BESPOKE: {"prep": 52, "construction": 52},
    },
}

DEFAULT_COSTS: dict[str, dict[str, float]] = {
    MEASURE_LIGHT: {STANDARD: 30_000.0, BESPOKE: 50_000.0},
    MEASURE_HEAVY: {STANDARD: 150_000.0, BESPOKE: 250_000.0},
    MEASURE_REBUILD: {STANDARD: 325_000.0, BESPOKE: 325_000.0},
}

DEFAULT_LPR_BY_PROFILE: dict[str, float] = {
    PROFILE_VERHOOGD: 3e-5,
    PROFILE_LICHT: 3e-6,
    PROFILE_NORMAAL: 3e-7,
    PROFILE_UNKNOWN: 1e-6,
}

DAYS_PER_YEAR = 365.25
WEEKS_PER_YEAR = DAYS_PER_YEAR / 7.0

# Limits on settings read from a project file or typed in: far beyond any real plan, but
# small enough that dates stay within the calendar and arrays within memory.
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_DURATION_WEEKS = 1040.0  # 20 years for one step of one building
MAX_STARTS_PER_WEEK = 1_000_000
MAX_COST_PER_ADDRESS = 1e10
MAX_CALENDAR_ENTRIES = 10_000
MAX_CONTRACTORS = 1_000
MAX_THREAT_FACTOR = 1e6
MAX_NEIGHBOUR_DISTANCE_M = 10_000.0
MAX_YEARS_APART = 1_000.0
MAX_RESIDENTS_PER_ADDRESS = 1_000.0


def _this_monday() -> dt.date:
    today = dt.date.today()
    return today - dt.timedelta(days=today.weekday())


def _as_date(value: Any, what: str) -> dt.date:
    day = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(value.strip()[:10])
    if day is None:
        raise PlanningError(
            t(
                "{what}: '{short}' is geen datum (verwacht JJJJ-MM-DD)",
                what=what,
                short=_short(value),
            )
        )
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise PlanningError(
            t(
                "{what}: {isoformat} ligt niet tussen {MIN_YEAR} en {MAX_YEAR}",
                what=what,
                isoformat=day.isoformat(),
                MIN_YEAR=MIN_YEAR,
                MAX_YEAR=MAX_YEAR,
            )
        )
    return day


def _short(value: Any, limit: int = 40) -> str:
    """``value`` as text for a message, cut short (a project file may hold anything)."""
    text = str(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= limit else text[:limit] + "..."


def _as_float(value: Any, what: str, low: float, high: float) -> float:
    """A finite number in ``[low, high]``; text and booleans are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PlanningError(t("{what}: '{short}' is geen getal", what=what, short=_short(value)))
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not (math.isfinite(number) and low <= number <= high):
        raise PlanningError(
            t(
                "{what}: {short} ligt niet tussen {low:g} en {high:g}",
                what=what,
                short=_short(value),
                low=low,
                high=high,
            )
        )
    return number


def _as_list(value: Any, what: str, limit: int) -> list:
    if not isinstance(value, (list, tuple)):
        raise PlanningError(t("{what}: verwacht een lijst", what=what))
    if len(value) > limit:
        raise PlanningError(t("{what}: meer dan {limit} regels", what=what, limit=limit))
    return list(value)


def _as_mapping(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise PlanningError(t("{what}: verwacht een object met namen en waarden", what=what))
    return value


def _calendar(value: Any, what: str) -> list[tuple[dt.date, int]]:
    out = []
    for entry in _as_list(value, what, MAX_CALENDAR_ENTRIES):
        if not isinstance(entry, (list, tuple)) or len(entry) != 2:
            raise PlanningError(t("{what}: elke regel is een datum en een aantal", what=what))
        out.append((_as_date(entry[0], what), _as_int(entry[1], what)))
    return out


def _as_int(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise PlanningError(t("{what}: '{value}' is geen getal", what=what, value=value))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise PlanningError(
            t("{what}: '{short}' is geen getal", what=what, short=_short(value))
        ) from None
    except OverflowError:
        number = math.inf
    if not math.isfinite(number) or number != int(number):
        raise PlanningError(
            t("{what}: {short} moet een geheel aantal zijn", what=what, short=_short(value))
        )
    if number < 0:
        raise PlanningError(
            t("{what}: {short} mag niet negatief zijn", what=what, short=_short(value))
        )
    if number > MAX_STARTS_PER_WEEK:
        raise PlanningError(
            t(
                "{what}: {short} is meer dan {MAX_STARTS_PER_WEEK}",
                what=what,
                short=_short(value),
                MAX_STARTS_PER_WEEK=MAX_STARTS_PER_WEEK,
            )
        )
    return int(number)


@dataclass
class Contractor:
    """An aannemer with its own capacity (construction starts per week) and calendar."""

    name: str
    starts_per_week: int
    calendar: list[tuple[dt.date, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "starts_per_week": int(self.starts_per_week),
            "calendar": [[d.isoformat(), int(n)] for d, n in self.calendar],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contractor:
        data = _as_mapping(data, t("aannemer"))
        name = data.get("name", "")
        if not isinstance(name, str) or len(name) > 200:
            raise PlanningError(t("aannemer: de naam is geen tekst (of langer dan 200 tekens)"))
        return cls(
            name=name,
            starts_per_week=_as_int(
                data.get("starts_per_week", 0), t("capaciteit van aannemer {name}", name=name)
            ),
            calendar=_calendar(
                data.get("calendar", []), t("kalender van aannemer {name}", name=name)
            ),
        )


#: Weeks from the start date that count as contracted when no contracted capacity is set.
ASSUMED_CONTRACTED_WEEKS = 26


@dataclass
class ContractedCapacity:
    """Construction starts per week contracted with an aannemer (Bouwakkoord), from
    ``start`` up to but not including ``end``. Only contracted starts may be promised to
    residents; the planned capacity may be higher."""

    contractor: str
    starts_per_week: int
    start: dt.date
    end: dt.date

    def to_dict(self) -> dict[str, Any]:
        return {
            "contractor": self.contractor,
            "starts_per_week": int(self.starts_per_week),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContractedCapacity:
        data = _as_mapping(data, t("gecontracteerde capaciteit"))
        name = data.get("contractor", "")
        if not isinstance(name, str) or len(name) > 200:
            raise PlanningError(
                t(
                    "gecontracteerde capaciteit: de aannemer is geen tekst (of langer dan "
                    "200 tekens)"
                )
            )
        label = (
            t("gecontracteerde capaciteit van {name}", name=name)
            if name
            else t("gecontracteerde capaciteit")
        )
        out = cls(
            contractor=name,
            starts_per_week=_as_int(data.get("starts_per_week", 0), label),
            start=_as_date(data.get("start"), t("{label}: begin", label=label)),
            end=_as_date(data.get("end"), t("{label}: einde", label=label)),
        )
        return out.validate()

    def validate(self) -> ContractedCapacity:
        label = (
            t("gecontracteerde capaciteit van {name}", name=self.contractor)
            if self.contractor
            else t("gecontracteerde capaciteit")
        )
        if int(self.starts_per_week) < 0:
            raise PlanningError(t("{label}: bouwstarts per week is negatief", label=label))
        if self.end < self.start:
            raise PlanningError(
                t(
                    "{label}: einde {isoformat} ligt voor begin {isoformat2}",
                    label=label,
                    isoformat=self.end.isoformat(),
                    isoformat2=self.start.isoformat(),
                )
            )
        return self


@dataclass
class PlanningConfig:
    """All assumptions of a plan. Durations in weeks, costs in euro per address.

    ``durations[measure][approach] = {"prep": weeks, "construction": weeks}`` for the
    measures ``light``, ``heavy``, ``rebuild``; ``none`` needs no work.

    Capacity (construction starts per week): ``starts_per_week`` from ``start_date``, changed
    from each ``capacity_calendar`` date on (``[(date, starts_per_week), ...]``). When
    ``contractors`` is not empty, the capacity is the sum of the contractors' capacities
    (each with its own calendar) and the total fields are not used; every start is then
    attributed to a contractor (the first contractor in the list with room that week).

    ``costs`` is ``None`` when no costs are set (then ``total_cost`` is ``None``).
    """

    start_date: dt.date = field(default_factory=_this_monday)
    starts_per_week: int = 40
    capacity_calendar: list[tuple[dt.date, int]] = field(default_factory=list)
    contractors: list[Contractor] = field(default_factory=list)
    durations: dict[str, dict[str, dict[str, float]]] = field(
        default_factory=lambda: copy.deepcopy(DEFAULT_DURATIONS)
    )
    costs: dict[str, dict[str, float]] | None = field(
        default_factory=lambda: copy.deepcopy(DEFAULT_COSTS)
    )
    bespoke_share: float = 0.2
    threat_factor: float = 1.0
    apply_threat_relief: bool = False
    neighbour_distance_m: float = 25.0
    years_apart: float = 1.0
    residents_per_address: float = 2.1
    lpr_by_profile: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LPR_BY_PROFILE))
    unclustered: str = UNCLUSTERED_TRAILING
    #: "uiterlijk gereed" per risk profile: ``"3y"`` (years after ``start_date``) or an ISO
    #: date ``"2029-12-31"`` (see :func:`parse_deadline`).
    deadlines: dict[str, str] = field(default_factory=dict)
    #: buildings taken ahead of their cluster ("voortrekken"), by building_id: each gets
    #: its own construction start as early as capacity and preparation allow.
    ahead_of_cluster: list[str] = field(default_factory=list)
    #: starts per week that may be promised to residents (per aannemer, with a period);
    #: empty: the planned capacity of the first ``ASSUMED_CONTRACTED_WEEKS`` weeks counts
    contracted: list[ContractedCapacity] = field(default_factory=list)

    # --- deadlines -----------------------------------------------------------------------
    def deadline_dates(self) -> dict[str, dt.date]:
        """The deadline of each profile that has one, as a date."""
        return {p: deadline_date(v, self.start_date) for p, v in self.deadlines.items()}

    # --- lookups -------------------------------------------------------------------------
    def duration(self, measure: str, approach: str, part: str) -> float:
        if measure == MEASURE_NONE:
            return 0.0
        return float(self.durations[measure][approach][part])

    def cost(self, measure: str, approach: str) -> float:
        if self.costs is None or measure == MEASURE_NONE:
            return 0.0
        return float(self.costs[measure][approach])

    # --- validation ----------------------------------------------------------------------
    def validate(self) -> PlanningConfig:
        """Raise :class:`PlanningError` on any inconsistent setting; return self."""
        if not isinstance(self.start_date, dt.date):
            self.start_date = _as_date(self.start_date, t("startdatum"))
        for measure in WORK_MEASURES:
            table = self.durations.get(measure)
            if table is None:
                raise PlanningError(
                    t("duur ontbreekt voor {value}", value=translate(MEASURE_LABELS_NL[measure]))
                )
            for approach in APPROACHES:
                for part in ("prep", "construction"):
                    try:
                        value = float(table[approach][part])
                    except (KeyError, TypeError, ValueError):
                        raise PlanningError(
                            t(
                                "duur {part} ontbreekt voor {value}, {value2}",
                                part=part,
                                value=translate(MEASURE_LABELS_NL[measure]),
                                value2=translate(APPROACH_LABELS_NL[approach]),
                            )
                        ) from None
                    if not math.isfinite(value) or value < 0:
                        raise PlanningError(
                            t(
                                "duur {value} voor {value2} ({value3}) is {value4} weken: een duur kan "
                                "niet negatief zijn",
                                value=translate(_PART_NL[part]),
                                value2=translate(MEASURE_LABELS_NL[measure]),
                                value3=translate(APPROACH_LABELS_NL[approach]),
                                value4=value,
                            )
                        )
                    if value > MAX_DURATION_WEEKS:
                        raise PlanningError(
                            t(
                                "duur {value} voor {value2} ({value3}) is {value4:g} weken: meer dan "
                                "{MAX_DURATION_WEEKS:g} weken",
                                value=translate(_PART_NL[part]),
                                value2=translate(MEASURE_LABELS_NL[measure]),
                                value3=translate(APPROACH_LABELS_NL[approach]),
                                value4=value,
                                MAX_DURATION_WEEKS=MAX_DURATION_WEEKS,
                            )
                        )
            for part in ("prep", "construction"):
                std = float(table[STANDARD][part])
                bes = float(table[BESPOKE][part])
                if bes < std:
                    raise PlanningError(
                        t(
                            "{value} voor {value2}: maatwerk ({bes:g} weken) kan niet korter zijn "
                            "dan standaard ({std:g} weken)",
                            value=translate(_PART_NL[part]),
                            value2=translate(MEASURE_LABELS_NL[measure]),
                            bes=bes,
                            std=std,
                        )
                    )
        if self.costs is not None:
            for measure in WORK_MEASURES:
                for approach in APPROACHES:
                    try:
                        value = float(self.costs[measure][approach])
                    except (KeyError, TypeError, ValueError):
                        raise PlanningError(
                            t(
                                "kosten ontbreken voor {value}, {value2}",
                                value=translate(MEASURE_LABELS_NL[measure]),
                                value2=translate(APPROACH_LABELS_NL[approach]),
                            )
                        ) from None
                    if not math.isfinite(value) or value < 0:
                        raise PlanningError(
                            t("kosten {value} kunnen niet negatief zijn", value=value)
                        )
                    if value > MAX_COST_PER_ADDRESS:
                        raise PlanningError(
                            t(
                                "kosten {value:g} per adres zijn meer dan {MAX_COST_PER_ADDRESS:g}",
                                value=value,
                                MAX_COST_PER_ADDRESS=MAX_COST_PER_ADDRESS,
                            )
                        )
        check_share(self.bespoke_share, t("globaal aandeel maatwerk"))
        if not (math.isfinite(self.threat_factor) and self.threat_factor > 0):
            raise PlanningError(
                t(
                    "dreigingsfactor {threat_factor} moet groter dan 0 zijn (1 = huidig)",
                    threat_factor=self.threat_factor,
                )
            )
        if self.threat_factor > MAX_THREAT_FACTOR:
            raise PlanningError(
                t(
                    "dreigingsfactor {threat_factor:g} is groter dan {MAX_THREAT_FACTOR:g}",
                    threat_factor=self.threat_factor,
                    MAX_THREAT_FACTOR=MAX_THREAT_FACTOR,
                )
            )
        if not MIN_YEAR <= self.start_date.year <= MAX_YEAR:
            raise PlanningError(
                t(
                    "startdatum {isoformat} ligt niet tussen {MIN_YEAR} en {MAX_YEAR}",
                    isoformat=self.start_date.isoformat(),
                    MIN_YEAR=MIN_YEAR,
                    MAX_YEAR=MAX_YEAR,
                )
            )
        if len(self.contractors) > MAX_CONTRACTORS:
            raise PlanningError(
                t("meer dan {MAX_CONTRACTORS} aannemers", MAX_CONTRACTORS=MAX_CONTRACTORS)
            )
        _as_int(self.starts_per_week, t("bouwstarts per week"))
        _check_calendar(self.capacity_calendar, t("capaciteitskalender"))
        for contractor in self.contractors:
            _as_int(contractor.starts_per_week, t("capaciteit van {name}", name=contractor.name))
            _check_calendar(contractor.calendar, t("kalender van {name}", name=contractor.name))
        if not (self.neighbour_distance_m >= 0):
            raise PlanningError(t("buurafstand kan niet negatief zijn"))
        if not (self.neighbour_distance_m <= MAX_NEIGHBOUR_DISTANCE_M):
            raise PlanningError(
                t(
                    "buurafstand is meer dan {MAX_NEIGHBOUR_DISTANCE_M:g} m",
                    MAX_NEIGHBOUR_DISTANCE_M=MAX_NEIGHBOUR_DISTANCE_M,
                )
            )
        if not (self.years_apart >= 0):
            raise PlanningError(t("drempel 'jaren uit elkaar' kan niet negatief zijn"))
        if not (self.years_apart <= MAX_YEARS_APART):
            raise PlanningError(
                t(
                    "drempel 'jaren uit elkaar' is meer dan {MAX_YEARS_APART:g} jaar",
                    MAX_YEARS_APART=MAX_YEARS_APART,
                )
            )
        if not (self.residents_per_address >= 0):
            raise PlanningError(t("bewoners per adres kan niet negatief zijn"))
        if not (self.residents_per_address <= MAX_RESIDENTS_PER_ADDRESS):
            raise PlanningError(
                t(
                    "bewoners per adres is meer dan {MAX_RESIDENTS_PER_ADDRESS:g}",
                    MAX_RESIDENTS_PER_ADDRESS=MAX_RESIDENTS_PER_ADDRESS,
                )
            )
        for profile, value in self.lpr_by_profile.items():
            _as_float(value, f"LPR als onbekend, profiel {profile}", 0.0, 1.0)
        self.deadlines = {
            _deadline_profile(p): _canonical_deadline(v, self.start_date)
            for p, v in dict(self.deadlines or {}).items()
        }
        self.ahead_of_cluster = [str(b) for b in (self.ahead_of_cluster or [])]
        if len(self.contracted) > MAX_CONTRACTORS:
            raise PlanningError(
                t(
                    "meer dan {MAX_CONTRACTORS} contracten met aannemers",
                    MAX_CONTRACTORS=MAX_CONTRACTORS,
                )
            )
        for entry in self.contracted:
            entry.validate()
        if self.unclustered not in (UNCLUSTERED_TRAILING, UNCLUSTERED_IGNORE):
            raise PlanningError(
                t(
                    "onbekende keuze '{unclustered}' voor panden zonder cluster (kies "
                    "'{UNCLUSTERED_TRAILING}' of '{UNCLUSTERED_IGNORE}')",
                    unclustered=self.unclustered,
                    UNCLUSTERED_TRAILING=UNCLUSTERED_TRAILING,
                    UNCLUSTERED_IGNORE=UNCLUSTERED_IGNORE,
                )
            )
        return self

    # --- persistence ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict (dates as ISO text); :meth:`from_dict` reads it back."""
        return {
            "start_date": self.start_date.isoformat(),
            "starts_per_week": int(self.starts_per_week),
            "capacity_calendar": [[d.isoformat(), int(n)] for d, n in self.capacity_calendar],
            "contractors": [c.to_dict() for c in self.contractors],
            "durations": copy.deepcopy(self.durations),
            "costs": copy.deepcopy(self.costs),
            "bespoke_share": float(self.bespoke_share),
            "threat_factor": float(self.threat_factor),
            "apply_threat_relief": bool(self.apply_threat_relief),
            "neighbour_distance_m": float(self.neighbour_distance_m),
            "years_apart": float(self.years_apart),
            "residents_per_address": float(self.residents_per_address),
            "lpr_by_profile": dict(self.lpr_by_profile),
            "unclustered": self.unclustered,
            "deadlines": dict(self.deadlines),
            "ahead_of_cluster": list(self.ahead_of_cluster),
            "contracted": [c.to_dict() for c in self.contracted],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PlanningConfig:
        """Read a dict written by :meth:`to_dict`; missing keys take their defaults.

        Everything is checked for type and range (a project file may hold anything):
        a wrong value is a :class:`PlanningError` naming the setting, never another
        exception. Unknown keys, measures and approaches are ignored.
        """
        config = cls()
        if data is None or (isinstance(data, dict) and not data):
            return config
        if not isinstance(data, dict):
            raise PlanningError(t("planningsinstellingen: verwacht een object"))
        if "start_date" in data:
            config.start_date = _as_date(data["start_date"], t("startdatum"))
        if "starts_per_week" in data:
            config.starts_per_week = _as_int(data["starts_per_week"], t("bouwstarts per week"))
        if "capacity_calendar" in data:
            config.capacity_calendar = _calendar(
                data["capacity_calendar"], t("capaciteitskalender")
            )
        if "contractors" in data:
            config.contractors = [
                Contractor.from_dict(c)
                for c in _as_list(data["contractors"], t("aannemers"), MAX_CONTRACTORS)
            ]
        if "durations" in data:
            merged = copy.deepcopy(DEFAULT_DURATIONS)
            given = _as_mapping(data["durations"] or {}, t("duur"))
            for measure in WORK_MEASURES:
                table = _as_mapping(given.get(measure) or {}, t("duur {measure}", measure=measure))
                for approach in APPROACHES:
                    parts = _as_mapping(
                        table.get(approach) or {},
                        t("duur {measure} {approach}", measure=measure, approach=approach),
                    )
                    for part in ("prep", "construction"):
                        if part in parts:
                            merged[measure][approach][part] = _as_float(
                                parts[part],
                                f"duur {_PART_NL[part]} {MEASURE_LABELS_NL[measure]}, "
                                f"{APPROACH_LABELS_NL[approach]}",
                                0.0,
                                MAX_DURATION_WEEKS,
                            )
            config.durations = merged
        if "costs" in data:
            if data["costs"] is None:
                config.costs = None
            else:
                merged = copy.deepcopy(DEFAULT_COSTS)
                given = _as_mapping(data["costs"], t("kosten"))
                for measure in WORK_MEASURES:
                    table = _as_mapping(
                        given.get(measure) or {}, t("kosten {measure}", measure=measure)
                    )
                    for approach in APPROACHES:
                        if approach in table:
                            merged[measure][approach] = _as_float(
                                table[approach],
                                f"kosten {MEASURE_LABELS_NL[measure]}, "
                                f"{APPROACH_LABELS_NL[approach]}",
                                0.0,
                                MAX_COST_PER_ADDRESS,
                            )
                config.costs = merged
        for key, high in (
            ("bespoke_share", 1.0),
            ("threat_factor", MAX_THREAT_FACTOR),
            ("neighbour_distance_m", MAX_NEIGHBOUR_DISTANCE_M),
            ("years_apart", MAX_YEARS_APART),
            ("residents_per_address", MAX_RESIDENTS_PER_ADDRESS),
        ):
            if key in data:
                setattr(config, key, _as_float(data[key], key, 0.0, high))
        if "apply_threat_relief" in data:
            if not isinstance(data["apply_threat_relief"], bool):
                raise PlanningError(t("apply_threat_relief: verwacht ja of nee (true/false)"))
            config.apply_threat_relief = data["apply_threat_relief"]
        if "lpr_by_profile" in data:
            given = _as_mapping(data["lpr_by_profile"], t("LPR per profiel"))
            if len(given) > 100:
                raise PlanningError(t("LPR per profiel: meer dan 100 profielen"))
            config.lpr_by_profile = dict(DEFAULT_LPR_BY_PROFILE) | {
                str(k)[:100]: _as_float(v, f"LPR als onbekend, profiel {_short(k)}", 0.0, 1.0)
                for k, v in given.items()
            }
        if "unclustered" in data:
            if not isinstance(data["unclustered"], str):
                raise PlanningError(t("unclustered: verwacht een tekst"))
            config.unclustered = data["unclustered"]
        if isinstance(data.get("deadlines"), dict):
            config.deadlines = {str(k): str(v) for k, v in data["deadlines"].items()}
        if isinstance(data.get("ahead_of_cluster"), list):
            config.ahead_of_cluster = [str(b) for b in data["ahead_of_cluster"]]
        if "contracted" in data:
            config.contracted = [
                ContractedCapacity.from_dict(c)
                for c in _as_list(
                    data["contracted"], t("gecontracteerde capaciteit"), MAX_CONTRACTORS
                )
            ]
        return config.validate()

    def copy(self) -> PlanningConfig:
        return copy.deepcopy(self)

    # --- display -------------------------------------------------------------------------
    def describe(self) -> list[dict[str, Any]]:
        """Every setting as ``{key, label, value, unit, source}`` (Dutch labels) for display.

        ``key`` is a dotted path into :meth:`to_dict` (e.g. ``durations.heavy.bespoke.prep``).
        """
        rows: list[dict[str, Any]] = [
            _row("start_date", t("Startdatum plan"), self.start_date.isoformat(), t("datum"), ""),
        ]
        if self.contractors:
            for i, c in enumerate(self.contractors):
                rows.append(
                    _row(
                        f"contractors.{i}.starts_per_week",
                        t("Capaciteit aannemer {name}", name=c.name),
                        int(c.starts_per_week),
                        t("bouwstarts/week"),
                        "",
                    )
                )
        else:
            rows.append(
                _row(
                    "starts_per_week",
                    t("Bouwcapaciteit (totaal)"),
                    int(self.starts_per_week),
                    t("bouwstarts/week"),
                    t("(P) 1.962 bouwstarts in 2025, ca. 38 per week"),
                )
            )
            for d, n in self.capacity_calendar:
                rows.append(
                    _row(
                        "capacity_calendar",
                        t("Bouwcapaciteit vanaf {isoformat}", isoformat=d.isoformat()),
                        int(n),
                        t("bouwstarts/week"),
                        "",
                    )
                )
        for measure in WORK_MEASURES:
            for approach in APPROACHES:
                for part in ("prep", "construction"):
                    rows.append(
                        _row(
                            f"durations.{measure}.{approach}.{part}",
                            t(
                                "{capitalize} {value}, {value2}",
                                capitalize=translate(_PART_NL[part]).capitalize(),
                                value=translate(MEASURE_LABELS_NL[measure]),
                                value2=translate(APPROACH_LABELS_NL[approach]),
                            ),
                            float(self.durations[measure][approach][part]),
                            t("weken"),
                            _DURATION_SOURCES[(measure, part)],
                        )
                    )
        if self.costs is not None:
            for measure in WORK_MEASURES:
                for approach in APPROACHES:
                    rows.append(
                        _row(
                            f"costs.{measure}.{approach}",
                            t(
                                "Kosten {value}, {value2}",
                                value=translate(MEASURE_LABELS_NL[measure]),
                                value2=translate(APPROACH_LABELS_NL[approach]),
                            ),
                            float(self.costs[measure][approach]),
                            t("euro per adres"),
                            t("(E) licht 20-60k, zwaar 100-300k, sloop-nieuwbouw 250-400k"),
                        )
                    )
        rows += [
            _row(
                "bespoke_share",
                t("Globaal aandeel maatwerk"),
                float(self.bespoke_share),
                "0-1",
                t("(E) uitgangspunt; per cluster aan te passen"),
            ),
            _row(
                "threat_factor",
                t("Dreigingsfactor (1 = huidig)"),
                float(self.threat_factor),
                t("factor op LPR"),
                "",
            ),
            _row(
                "apply_threat_relief",
                t("Lichtere maatregel toepassen onder de Meijdam-norm"),
                bool(self.apply_threat_relief),
                t("ja/nee"),
                "",
            ),
            _row(
                "neighbour_distance_m",
                t("Buurafstand voor uitlegbaarheid"),
                float(self.neighbour_distance_m),
                "m",
                "(E)",
            ),
            _row(
                "years_apart",
                t("Verschil in gereedkomen dat uitleg vraagt"),
                float(self.years_apart),
                t("jaar"),
                "(E)",
            ),
            _row(
                "residents_per_address",
                t("Bewoners per adres (als onbekend)"),
                float(self.residents_per_address),
                t("personen"),
                t("(E) gemiddelde huishoudgrootte"),
            ),
        ]
        for profile, value in self.lpr_by_profile.items():
            rows.append(
                _row(
                    f"lpr_by_profile.{profile}",
                    t("LPR als onbekend, profiel {profile}", profile=profile),
                    float(value),
                    t("per jaar"),
                    t("(E) uit de profielgrenzen"),
                )
            )
        for profile, value in self.deadlines.items():
            rows.append(
                _row(
                    f"deadlines.{profile}",
                    t("Uiterlijk gereed, profiel {profile}", profile=profile),
                    deadline_date(value, self.start_date).isoformat(),
                    t("datum") if "-" in value else t("datum ({n} jaar na start)", n=value[:-1]),
                    t("belofte van de planner"),
                )
            )
        rows.append(
            _row(
                "unclustered",
                t("Panden zonder cluster"),
                "achteraan per gemeente"
                if self.unclustered == UNCLUSTERED_TRAILING
                else t("niet inplannen (wel geteld)"),
                "",
                "",
            )
        )
        return rows


_PART_NL = {"prep": N_("voorbereiding"), "construction": N_("uitvoering")}
_DURATION_SOURCES = {
    (MEASURE_LIGHT, "prep"): "(P) typologie ca. 3 mnd; individueel NPR 9998 6-9 mnd",
    (MEASURE_HEAVY, "prep"): "(P) typologie 3-6 mnd; (E) uitvoeringsplan 6-12 mnd",
    (MEASURE_REBUILD, "prep"): "(E) tot uitvoeringsplan 6-12 mnd",
    (MEASURE_LIGHT, "construction"): "(E) 2-8 weken, bewoners thuis",
    (MEASURE_HEAVY, "construction"): "(E) 4-6 maanden",
    (MEASURE_REBUILD, "construction"): "(E) 9-15 maanden",
}


def _row(key: str, label: str, value: Any, unit: str, source: str) -> dict[str, Any]:
    return {"key": key, "label": label, "value": value, "unit": unit, "source": source}


def check_share(value: float, what: str = "aandeel maatwerk") -> float:
    try:
        share = float(value)
    except (TypeError, ValueError):
        raise PlanningError(t("{what}: '{value}' is geen getal", what=what, value=value)) from None
    if not (0.0 <= share <= 1.0):
        raise PlanningError(t("{what} {value} ligt niet tussen 0 en 1", what=what, value=value))
    return share


def _check_calendar(calendar, what: str) -> None:
    """Each entry a valid date and count; one entry per date (two would be ambiguous)."""
    seen: set[dt.date] = set()
    for d, n in calendar:
        day = _as_date(d, what)
        _as_int(n, what)
        if day in seen:
            raise PlanningError(
                t(
                    "{what}: twee wijzigingen op {isoformat}; geef per datum één aantal op",
                    what=what,
                    isoformat=day.isoformat(),
                )
            )
        seen.add(day)


DEADLINE_PROFILES = (PROFILE_VERHOOGD, PROFILE_LICHT, PROFILE_NORMAAL, PROFILE_UNKNOWN)


def _deadline_profile(name: Any) -> str:
    profile = str(name).strip().lower().replace("_", " ")
    if profile not in DEADLINE_PROFILES:
        raise PlanningError(
            t(
                "uiterlijk gereed: onbekend risicoprofiel '{name}' (kies {join})",
                name=name,
                join=", ".join(DEADLINE_PROFILES),
            )
        )
    return profile


def parse_deadline(text: Any) -> float | dt.date:
    """``"3y"``/``"3j"``/``"2,5y"`` (years after the start date) or ``"2029-12-31"``."""
    if isinstance(text, dt.date):
        return text
    value = str(text).strip().lower()
    if value[-1:] in ("y", "j"):
        try:
            years = float(value[:-1].replace(",", "."))
        except ValueError:
            years = float("nan")
        if not (math.isfinite(years) and years > 0):
            raise PlanningError(
                t(
                    "uiterlijk gereed '{text}': aantal jaren moet een getal groter dan 0 zijn",
                    text=text,
                )
            )
        return years
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PlanningError(
            t(
                "uiterlijk gereed '{text}' is geen termijn of datum (verwacht "
                "bijvoorbeeld 3y of 2029-12-31)",
                text=text,
            )
        ) from None


def deadline_date(text: Any, start: dt.date) -> dt.date:
    """The date of a deadline; years count as 365.25 days each from ``start``."""
    value = parse_deadline(text)
    if isinstance(value, dt.date):
        return value
    return start + dt.timedelta(days=round(value * DAYS_PER_YEAR))


def _canonical_deadline(text: Any, start: dt.date) -> str:
    value = parse_deadline(text)
    if isinstance(value, dt.date):
        if value <= start:
            raise PlanningError(
                t(
                    "uiterlijk gereed {isoformat} ligt niet na de startdatum ({isoformat2})",
                    isoformat=value.isoformat(),
                    isoformat2=start.isoformat(),
                )
            )
        return value.isoformat()
    return f"{value:g}y"
