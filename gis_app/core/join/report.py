"""What a load did, for the user: :class:`JoinReport`.

Counts first, then every detail with file and row (the
:class:`~gis_app.core.io.problems.Problem` list of the readers and the join), as a dict
for programs (``gis-app import --json``) and as Dutch text for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gis_app.core import formatting
from gis_app.core.i18n import t
from gis_app.core.io.problems import Problem

#: How many ids/rows a detail line of :meth:`JoinReport.to_text` shows before "... en N meer".
TEXT_DETAIL_LIMIT = 10


@dataclass
class JoinReport:
    """What a load did, for the user: counts first, then every detail with file and row.

    ``problems`` holds the details (see :class:`~gis_app.core.io.problems.Problem`); the
    properties below pick them out by kind.
    """

    footprints_path: str
    risk_path: str | None = None
    layer: str | None = None
    footprints_read: int = 0  # features in the footprint layer
    buildings_loaded: int = 0  # rows in the result
    scores_read: int = 0  # data rows in the risk table (blank lines not counted)
    matched_by_id: int = 0
    matched_by_location: int = 0
    footprints_without_scores: list[str] = field(default_factory=list)  # building ids
    scores_without_footprints: list[tuple[int, str]] = field(default_factory=list)  # (row, id)
    profile_counts: dict[str, int] = field(default_factory=dict)
    profiles_derived: int = 0
    bag_gone: list[str] = field(default_factory=list)  # ids of panden that do not exist
    bag_flagged: list[str] = field(default_factory=list)  # ids with a building/demolition permit
    bag_counts: dict[str, int] = field(default_factory=dict)  # source facts: "units", ...
    #: BAG sources: one row per address (bag.ADDRESS_COLUMNS) and the units' keys; not in
    #: to_dict (tables, not counts)
    addresses: object = None
    unit_keys: object = None
    address_rows: int = 0  # rows of a risk table kept per address
    address_matches: dict[str, int] = field(default_factory=dict)  # key kind -> rows matched
    addresses_unmatched: list[tuple[int, str]] = field(default_factory=list)  # (row, key)
    field_mapping: dict[str, str] = field(default_factory=dict)  # canonical -> "file: column"
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    # -- selections ---------------------------------------------------------------------------
    def _of_kind(self, *kinds: str) -> list[Problem]:
        return [p for p in self.problems if p.kind in kinds]

    @property
    def matched(self) -> int:
        return self.matched_by_id + self.matched_by_location

    @property
    def geometries_repaired(self) -> list[str]:
        return [i for p in self._of_kind("geometry_repaired", "geometry_collection") for i in p.ids]

    @property
    def geometries_dropped(self) -> list[str]:
        kinds = (
            "geometry_empty",
            "geometry_not_polygon",
            "geometry_collapsed",
            "geometry_not_finite",
        )
        return [str(i) for p in self._of_kind(*kinds) for i in (p.ids or p.rows)]

    @property
    def duplicate_ids(self) -> list[Problem]:
        return self._of_kind("id_duplicate", "location_duplicate")

    @property
    def values_out_of_range(self) -> list[Problem]:
        return [p for p in self.problems if p.kind.startswith("value_")]

    @property
    def rows_dropped(self) -> int:
        return sum(p.count for p in self.problems if p.dropped)

    # -- output -------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "footprints_path": self.footprints_path,
            "risk_path": self.risk_path,
            "layer": self.layer,
            "footprints_read": self.footprints_read,
            "buildings_loaded": self.buildings_loaded,
            "scores_read": self.scores_read,
            "matched_by_id": self.matched_by_id,
            "matched_by_location": self.matched_by_location,
            "footprints_without_scores": len(self.footprints_without_scores),
            "footprint_ids_without_scores": list(self.footprints_without_scores),
            "scores_without_footprints": [
                {"row": int(r), "id": i} for r, i in self.scores_without_footprints
            ],
            "geometries_repaired": len(self.geometries_repaired),
            "geometries_dropped": len(self.geometries_dropped),
            "rows_dropped": self.rows_dropped,
            "profile_counts": dict(self.profile_counts),
            "profiles_derived_from_lpr": self.profiles_derived,
            "bag_not_existing": len(self.bag_gone),
            "bag_permit_flagged": len(self.bag_flagged),
            "bag_counts": dict(self.bag_counts),
            "address_rows": self.address_rows,
            "address_matches": dict(self.address_matches),
            "addresses_unmatched": [{"row": int(r), "key": k} for r, k in self.addresses_unmatched],
            "field_mapping": dict(self.field_mapping),
            "notes": list(self.notes),
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_text(self, limit: int = TEXT_DETAIL_LIMIT) -> str:
        """Dutch, readable: counts first, then details capped with "... en N meer"."""
        lines = [t("Importverslag"), ""]
        source = Path(self.footprints_path).name
        if self.layer:
            source += t(" (laag {layer})", layer=self.layer)
        lines.append(t("Panden: {source}", source=source))
        lines.append(
            t(
                "  objecten gelezen:            {format_count}",
                format_count=format_count(self.footprints_read),
            )
        )
        lines.append(
            t(
                "  panden geladen:              {format_count}",
                format_count=format_count(self.buildings_loaded),
            )
        )
        lines.append(
            t(
                "  geometrie hersteld:          {format_count}",
                format_count=format_count(len(self.geometries_repaired)),
            )
        )
        lines.append(
            t(
                "  weggelaten (zie details):    {format_count}",
                format_count=format_count(self.rows_dropped),
            )
        )
        if self.risk_path:
            lines.append("")
            lines.append(t("Risicotabel: {name}", name=Path(self.risk_path).name))
            lines.append(
                t(
                    "  rijen gelezen:               {format_count}",
                    format_count=format_count(self.scores_read),
                )
            )
            lines.append(
                t(
                    "  gekoppeld op pand-id:        {format_count}",
                    format_count=format_count(self.matched_by_id),
                )
            )
            if self.matched_by_location:
                lines.append(
                    t(
                        "  gekoppeld op locatie:        {format_count}",
                        format_count=format_count(self.matched_by_location),
                    )
                )
            if self.address_rows:
                lines.append(
                    t(
                        "  rijen per adres:             {format_count} (samengevoegd per pand)",
                        format_count=format_count(self.address_rows),
                    )
                )
                for kind, count in self.address_matches.items():
                    if count:
                        lines.append(f"    {'op ' + kind + ':':<27}{format_count(count)}")
                lines.append(
                    t(
                        "    {value:<27}{format_count}",
                        value=t("adressen zonder pand:"),
                        format_count=format_count(len(self.addresses_unmatched)),
                    )
                )
            lines.append(
                t(
                    "  panden zonder risicogegevens: {format_count}",
                    format_count=format_count(len(self.footprints_without_scores)),
                )
            )
            lines.append(
                t(
                    "  risicorijen zonder pand:     {format_count}",
                    format_count=format_count(len(self.scores_without_footprints)),
                )
            )
        duplicates = sum(p.count for p in self.duplicate_ids)
        out_of_range = sum(p.count for p in self.values_out_of_range)
        lines.append("")
        lines.append(t("Controles"))
        lines.append(
            t(
                "  dubbele id's:                {format_count} (eerste rij telt)",
                format_count=format_count(duplicates),
            )
        )
        lines.append(
            t(
                "  waarden buiten bereik:       {format_count}",
                format_count=format_count(out_of_range),
            )
        )
        if self.profile_counts:
            counts = ", ".join(
                f"{k} {format_count(v)}" for k, v in self.profile_counts.items() if v
            )
            lines.append("")
            lines.append(t("Risicoprofielen: {counts}", counts=counts))
            if self.profiles_derived:
                lines.append(
                    t(
                        "  waarvan afgeleid uit LPR:    {format_count} (kolom profile_source)",
                        format_count=format_count(self.profiles_derived),
                    )
                )
        if self.bag_gone or self.bag_flagged or self.bag_counts:
            lines.append("")
            lines.append("BAG")
            lines.extend(self.bag_lines())
        if self.field_mapping:
            lines.append("")
            lines.append(t("Herkende kolommen:"))
            for canonical, source_column in self.field_mapping.items():
                lines.append(f"  {canonical:<16} <- {source_column}")
        details = []
        if self.risk_path and self.scores_without_footprints:
            shown = [
                t("rij {r} ({value})", r=r, value=i or t("geen id"))
                for r, i in self.scores_without_footprints
            ]
            details.append(
                t(
                    "{name}: {format_count} risicorijen zonder pand: ",
                    name=Path(self.risk_path).name,
                    format_count=format_count(len(shown)),
                )
                + _capped(shown, limit)
            )
        if self.risk_path and self.footprints_without_scores:
            details.append(
                t(
                    "{format_count} panden zonder risicogegevens: ",
                    format_count=format_count(len(self.footprints_without_scores)),
                )
                + _capped(self.footprints_without_scores, limit)
            )
        if self.bag_gone:
            details.append(
                t(
                    "{format_count} panden bestaan volgens BAG niet (meer), niet gepland: ",
                    format_count=format_count(len(self.bag_gone)),
                )
                + _capped(self.bag_gone, limit)
            )
        if self.bag_flagged:
            details.append(
                t(
                    "{format_count} panden met bouw- of sloopvergunning: ",
                    format_count=format_count(len(self.bag_flagged)),
                )
                + _capped(self.bag_flagged, limit)
            )
        for problem in self.problems:
            details.append(_problem_text(problem, limit))
        for note in self.notes:
            details.append(note)
        if details:
            lines.append("")
            lines.append(t("Details:"))
            lines.extend(f"- {d}" for d in details)
        return "\n".join(lines)

    def bag_lines(self) -> list[str]:
        """The BAG part of the text report (counts, Dutch)."""
        lines = []
        counts = self.bag_counts
        labels = (
            ("units", t("verblijfsobjecten gelezen")),
            ("units_linked", t("gekoppeld aan een pand")),
            ("units_multi_pand", t("in meer dan één pand")),
            ("units_without_pand", t("zonder bestaand pand")),
            ("units_gone", t("ingetrokken, niet gebruikt")),
            ("ligplaats", t("ligplaatsen genegeerd")),
            ("standplaats", t("standplaatsen genegeerd")),
            ("versions_dropped", t("oude versies weggelaten")),
        )
        for key, label in labels:
            if key in counts:
                lines.append(f"  {label + ':':<29}{format_count(counts[key])}")
        lines.append(
            t(
                "  {value:<29}{format_count} (gesloopt, niet gerealiseerd, ten "
                "onrechte opgevoerd: niet gepland)",
                value=t("bestaan niet (meer):"),
                format_count=format_count(len(self.bag_gone)),
            )
        )
        lines.append(
            t(
                "  {value:<29}{format_count} (gemarkeerd, ter beoordeling)",
                value=t("bouw-/sloopvergunning:"),
                format_count=format_count(len(self.bag_flagged)),
            )
        )
        return lines


def format_count(value: int) -> str:
    return formatting.count(value)


def _capped(items, limit: int) -> str:
    items = [str(i) for i in items]
    text = ", ".join(items[:limit])
    if len(items) > limit:
        text += t(" ... en {n} meer", n=format_count(len(items) - limit))
    return text


def _problem_text(problem: Problem, limit: int) -> str:
    where = Path(problem.path).name + ": " if problem.path else ""
    if not (problem.rows or problem.ids or problem.values):
        return where + problem.message
    unit = (
        t("object")
        if problem.kind.startswith(("geometry_", "id_", "crs_"))
        and not (
            problem.path and Path(problem.path).suffix.lower() in (".csv", ".txt", ".tsv", ".xlsx")
        )
        else t("rij")
    )
    items = []
    count = problem.count
    for k in range(min(count, limit)):
        parts = []
        if k < len(problem.rows):
            parts.append(f"{unit} {problem.rows[k]}")
        if k < len(problem.ids) and problem.ids[k]:
            parts.append(str(problem.ids[k]))
        if k < len(problem.values):
            parts.append(f"'{problem.values[k]}'")
        items.append(" ".join(parts))
    text = f"{where}{problem.message} ({format_count(count)}): " + ", ".join(items)
    if count > limit:
        text += t(" ... en {n} meer", n=format_count(count - limit))
    return text
