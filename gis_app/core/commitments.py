"""Commitments: the dates told to the residents of a building ("toezeggingen").

A commitment records what the residents of one address were told and when: building,
address, measure, approach, preparation start, construction start, completion, the day
they were told and the plan scenario the dates came from. The promised construction start
binds every later plan (:mod:`gis_app.core.planning.schedule`: a start no later than
promised). A commitment is only ever removed explicitly, with a reason: the release is kept
in the project's audit list with the commitment it ended.

The book is stored in the project (``Project.commitments``, saved with the project file's
metadata); :meth:`CommitmentBook.to_dict` / :func:`checked_book` read and write it.
Every function returns a new book; nothing is changed in place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from gis_app.core.errors import GisAppError
from gis_app.core.i18n import t
from gis_app.core.planning.model import MEASURE_CODES

#: Most commitments (and releases) read from a project file.
MAX_COMMITMENTS = 1_000_000
_TEXT_LIMIT = 500
_DATE_FIELDS = ("prep_start", "construction_start", "completion", "told_on")
_TEXT_FIELDS = ("building_id", "address", "measure", "approach", "scenario")


class CommitmentError(GisAppError):
    """A commitment cannot be read, recorded or released (the message says why, in Dutch)."""


@dataclass(frozen=True)
class Commitment:
    building_id: str
    address: str
    measure: str
    approach: str
    prep_start: dt.date
    construction_start: dt.date  # the promise: construction starts no later than this
    completion: dt.date
    told_on: dt.date
    scenario: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in _DATE_FIELDS:
            out[key] = out[key].isoformat()
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Commitment:
        if not isinstance(data, dict):
            raise CommitmentError(t("{where}: geen object", where=where))
        values: dict[str, Any] = {}
        for key in _TEXT_FIELDS:
            value = data.get(key, "")
            if not isinstance(value, str) or len(value) > _TEXT_LIMIT:
                raise CommitmentError(t("{where}: '{key}' is geen tekst", where=where, key=key))
            values[key] = value
        if not values["building_id"]:
            raise CommitmentError(t("{where}: pand-id ontbreekt", where=where))
        for key in _DATE_FIELDS:
            try:
                values[key] = dt.date.fromisoformat(str(data.get(key))[:10])
            except ValueError:
                raise CommitmentError(
                    t("{where}: '{key}' is geen datum (verwacht JJJJ-MM-DD)", where=where, key=key)
                ) from None
        return cls(**values)


@dataclass(frozen=True)
class Release:
    """A commitment ended by a planner: why and when, with the commitment itself."""

    commitment: Commitment
    reason: str
    released_on: dt.date

    def to_dict(self) -> dict[str, Any]:
        return {
            "commitment": self.commitment.to_dict(),
            "reason": self.reason,
            "released_on": self.released_on.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Release:
        if not isinstance(data, dict):
            raise CommitmentError(t("{where}: geen object", where=where))
        reason = data.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise CommitmentError(t("{where}: reden ontbreekt", where=where))
        try:
            day = dt.date.fromisoformat(str(data.get("released_on"))[:10])
        except ValueError:
            raise CommitmentError(t("{where}: 'released_on' is geen datum", where=where)) from None
        return cls(Commitment.from_dict(data.get("commitment"), where), reason[:2000], day)


@dataclass(frozen=True)
class CommitmentBook:
    """The commitments of a project (one per building) and the audit list of releases."""

    commitments: tuple[Commitment, ...] = ()
    releases: tuple[Release, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.commitments)

    def by_building(self) -> dict[str, Commitment]:
        return {c.building_id: c for c in self.commitments}

    def promised_starts(self) -> dict[str, dt.date]:
        """building_id -> promised construction start: the locks of the planner."""
        return {c.building_id: c.construction_start for c in self.commitments}

    def told_ids(self) -> set[str]:
        return {c.building_id for c in self.commitments}

    def record(self, new: list[Commitment]) -> CommitmentBook:
        """A book with ``new`` added; a building that was told already is refused (its
        commitment stands until released)."""
        told = self.told_ids()
        seen: set[str] = set()
        for c in new:
            if c.building_id in told or c.building_id in seen:
                raise CommitmentError(
                    t(
                        "pand {building_id}: de bewoners zijn al geïnformeerd",
                        building_id=c.building_id,
                    )
                )
            seen.add(c.building_id)
        return CommitmentBook(self.commitments + tuple(new), self.releases)

    def release(self, building_ids, reason: str, on: dt.date | None = None) -> CommitmentBook:
        """A book without the commitments of ``building_ids``, each release kept with
        ``reason`` (required) in the audit list."""
        if not isinstance(reason, str) or not reason.strip():
            raise CommitmentError(t("een toezegging intrekken kan alleen met een reden"))
        wanted = [str(b) for b in building_ids]
        mine = self.by_building()
        missing = [b for b in wanted if b not in mine]
        if missing:
            raise CommitmentError(
                t("pand {value}: er is geen toezegging om in te trekken", value=missing[0])
            )
        day = on or dt.date.today()
        gone = set(wanted)
        released = tuple(Release(mine[b], reason.strip(), day) for b in dict.fromkeys(wanted))
        return CommitmentBook(
            tuple(c for c in self.commitments if c.building_id not in gone),
            self.releases + released,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "commitments": [c.to_dict() for c in self.commitments],
            "releases": [r.to_dict() for r in self.releases],
        }

    @classmethod
    def from_dict(cls, data: Any) -> CommitmentBook:
        return checked_book(data, [])


def promised_starts(data: Any) -> dict[str, dt.date]:
    """The promised construction starts of a project's commitments
    (``Project.commitments``), which the planner locks; a damaged book (reported when the
    project was opened) locks nothing."""
    try:
        return CommitmentBook.from_dict(data or None).promised_starts()
    except CommitmentError:
        return {}


def checked_book(data: Any, warnings: list[str]) -> CommitmentBook:
    """The book stored in a project file. Not an object: :class:`CommitmentError`. A
    commitment or release that cannot be read is left out with a warning naming it
    (a promise is never dropped silently)."""
    if data is None:
        return CommitmentBook()
    if not isinstance(data, dict):
        raise CommitmentError(t("toezeggingen: verwacht een object"))
    out: list[list] = [[], []]
    for k, (key, kind, label) in enumerate(
        (("commitments", Commitment, "toezegging"), ("releases", Release, "ingetrokken toezegging"))
    ):
        items = data.get(key) or []
        if not isinstance(items, list):
            raise CommitmentError(t("toezeggingen: '{key}' is geen lijst", key=key))
        if len(items) > MAX_COMMITMENTS:
            raise CommitmentError(
                t(
                    "toezeggingen: meer dan {MAX_COMMITMENTS} in '{key}'",
                    MAX_COMMITMENTS=MAX_COMMITMENTS,
                    key=key,
                )
            )
        seen: set[str] = set()
        for i, item in enumerate(items):
            try:
                value = kind.from_dict(item, f"{label} nr. {i + 1}")
            except CommitmentError as error:
                warnings.append(t("{message}; overgeslagen", message=error.message))
                continue
            if kind is Commitment:
                if value.building_id in seen:
                    warnings.append(
                        t(
                            "{label} nr. {value}: pand {building_id} staat er dubbel in; de eerste "
                            "geldt",
                            label=label,
                            value=i + 1,
                            building_id=value.building_id,
                        )
                    )
                    continue
                seen.add(value.building_id)
            out[k].append(value)
    return CommitmentBook(tuple(out[0]), tuple(out[1]))


def commitments_from_plan(
    result, buildings, indices: np.ndarray, told_on: dt.date, scenario: str = ""
) -> list[Commitment]:
    """The commitments for telling the planned buildings ``indices`` (of ``result``'s
    model) their dates from ``result`` today (``told_on``)."""
    rows = letter_rows(result, buildings, indices)
    return [
        Commitment(
            building_id=r["building_id"],
            address=r["address"],
            measure=r["measure"],
            approach=r["approach"],
            prep_start=r["prep_start"],
            construction_start=r["construction_start"],
            completion=r["completion"],
            told_on=told_on,
            scenario=scenario,
        )
        for r in rows
    ]


def _address_of(buildings, rows: np.ndarray) -> list[str]:
    def column(name: str) -> list[str]:
        if name not in buildings.columns:
            return [""] * len(rows)
        values = buildings[name].iloc[rows].fillna("").astype(str).str.strip()
        return values.tolist()

    street, postcode, place = column("address"), column("postcode"), column("woonplaats")
    out = []
    for s, p, w in zip(street, postcode, place, strict=True):
        tail = " ".join(x for x in (p, w) if x)
        out.append(", ".join(x for x in (s, tail) if x))
    return out


def letter_rows(result, buildings, indices: np.ndarray) -> list[dict[str, Any]]:
    """Per planned building in ``indices``: building_id, address (street, postcode and place
    from the buildings table; the building id when there is none), measure, approach and
    the dates of ``result`` (prep_start, construction_start, completion)."""
    model = result.model
    indices = np.asarray(indices, dtype=np.int64)
    rows = model.rows[indices]
    addresses = _address_of(buildings, rows)
    start = result.start_week[indices]
    prep = np.maximum(start - result.prep_weeks[indices], 0.0)
    completion = result.completion_week[indices]
    out = []
    for k, i in enumerate(indices.tolist()):
        bid = str(model.building_id[i])
        out.append(
            {
                "building_id": bid,
                "address": addresses[k] or t("pand {bid}", bid=bid),
                "measure": MEASURE_CODES[int(model.measure[i])],
                "approach": "bespoke" if result.bespoke[i] else "standard",
                "prep_start": result.date_of(prep[k]),
                "construction_start": result.date_of(start[k]),
                "completion": result.date_of(completion[k]),
            }
        )
    return out
