"""Recognising the columns of footprint files and risk tables.

Planners' files name the same thing in many ways (``Identificatie``, ``BAG_ID``,
``pand_id``; ``Risicoprofiel``, ``HRA profiel``; Dutch or English). This module maps
source column names onto the canonical columns of :mod:`gis_app.core.schema` so the
readers never guess twice.

Matching rule: a column name is *normalised* (lower case, accents removed, every run
of spaces, dots, hyphens and slashes turned into one ``_``, surrounding ``_`` removed)
and looked up in the alias lists below, in their order (a name cut to 10 characters by
the Shapefile format matches the alias it was cut from). The canonical name itself is
always the first alias, so a file written by this application maps onto itself.
Each source column is used for at most one canonical column; columns that match
nothing are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Id fields in order of preference. ``id``/``fid`` come last: they are often row
#: numbers rather than BAG ids, so a more specific name wins when both exist.
ID_ALIASES: tuple[str, ...] = (
    "building_id",
    "identificatie",
    "pand_identificatie",
    "bag_pand_id",
    "bag_building_id",
    "bag_id",
    "bagid",
    "pand_id",
    "pandid",
    "pand_nummer",
    "gebouw_id",
    "gebouwid",
    "bag_pand",
    "pand",
    "id",
)

#: Canonical column -> aliases (normalised form), in order of preference.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "risk_profile": (
        "risk_profile",
        "risicoprofiel",
        "risico_profiel",
        "hra_profiel",
        "hra_risicoprofiel",
        "profiel",
        "profile",
        "risicocategorie",
        "risico_categorie",
        "risk_category",
    ),
    "lpr": (
        "lpr",
        "lpr_mediaan",
        "lpr_median",
        "lpr_p50",
        "lpr_50",
        "mediaan_lpr",
        "median_lpr",
        "lokaal_persoonsgebonden_risico",
        "local_personal_risk",
        "risico_lpr",
        "lpr_waarde",
    ),
    "typology": (
        "typology",
        "typologie",
        "bouwtypologie",
        "constructietype",
        "construction_type",
        "building_type",
        "bouwtype",
        "gebouwtype",
    ),
    "milestone": (
        "milestone",
        "mijlpaal",
        "ncg_mijlpaal",
        "fase",
        "versterkingsstatus",
        "stand",
    ),
    # BAG's own status column: never a milestone
    "bag_status": ("bag_status", "status", "pandstatus", "status_pand", "bag_pandstatus"),
    "measure_class": (
        "measure_class",
        "maatregel",
        "maatregelklasse",
        "maatregel_klasse",
        "measure",
        "versterkingsadvies",
        "advies",
        "uitkomst",
        "uitkomst_beoordeling",
        "beoordeling_uitkomst",
        "assessment_outcome",
        "outcome",
    ),
    "addresses": (
        "addresses",
        "adressen",
        "aantal_adressen",
        "n_adressen",
        "n_addresses",
        "num_addresses",
        "number_of_addresses",
        "verblijfsobjecten",
        "aantal_verblijfsobjecten",
        "aantal_vbo",
        "n_vbo",
    ),
    "residents": (
        "residents",
        "bewoners",
        "aantal_bewoners",
        "inwoners",
        "aantal_inwoners",
        "personen",
        "aantal_personen",
        "n_residents",
        "persons",
        "population",
        "occupants",
    ),
    "address": (
        "address",
        "adres",
        "volledig_adres",
        "straat_huisnummer",
        "street_address",
        "full_address",
    ),
    "postcode": ("postcode", "postal_code", "postalcode", "zip", "zipcode", "pc6"),
    "woonplaats": (
        "woonplaats",
        "woonplaatsnaam",
        "plaats",
        "plaatsnaam",
        "city",
        "town",
        "place",
        "locality",
    ),
    "eigen_regie": (
        "eigen_regie",
        "eigenregie",
        "eigen_regie_flag",
        "own_direction",
        "self_directed",
        "owner_directed",
    ),
    "cluster_id": ("cluster_id",),
    "profile_source": ("profile_source",),
}

#: Parts of an address when there is no single address column (BAG style).
STREET_ALIASES = ("straat", "straatnaam", "openbare_ruimte", "openbareruimte", "street")
HOUSENUMBER_ALIASES = ("huisnummer", "huisnr", "housenumber", "house_number", "nummer")
HOUSELETTER_ALIASES = ("huisletter", "houseletter")
ADDITION_ALIASES = (
    "huisnummertoevoeging",
    "toevoeging",
    "huisnummer_toevoeging",
    "addition",
)

#: Day and night population (exposure-database style). The larger of the two is taken
#: as ``residents``: risk exposure should count the people who are there at the worse
#: time of day, and for dwellings that is the night figure.
POPULATION_DAY_ALIASES = (
    "population_day",
    "pop_day",
    "day_population",
    "occupants_day",
    "bewoners_dag",
    "personen_dag",
    "dagbevolking",
)
POPULATION_NIGHT_ALIASES = (
    "population_night",
    "pop_night",
    "night_population",
    "occupants_night",
    "bewoners_nacht",
    "personen_nacht",
    "nachtbevolking",
)

#: Point coordinates of exposure-database tables (RD metres).
POINT_X_ALIASES = ("point_x", "x", "x_rd", "rd_x", "xcoord", "x_coord", "coord_x")
POINT_Y_ALIASES = ("point_y", "y", "y_rd", "rd_y", "ycoord", "y_coord", "coord_y")

#: Typology columns of exposure-database tables: ``system_1, s_probability_1, ...``.
SYSTEM_PATTERN = re.compile(r"^system_(\d+)$")
SYSTEM_PROBABILITY_PATTERN = re.compile(r"^s_probability_(\d+)$")

#: Values read as "yes" / "no" in flag columns (eigen regie), after lower-casing.
TRUE_VALUES = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x", "1.0", "wel"})
FALSE_VALUES = frozenset({"nee", "n", "no", "false", "onwaar", "0", "", "0.0", "niet", "geen"})

_SEPARATORS = re.compile(r"[\s.\-/\\]+")
_NON_WORD = re.compile(r"[^0-9a-z_]+")
_UNDERSCORES = re.compile(r"_+")


def normalise_name(name: object) -> str:
    """The comparable form of a column name: ``"Aantal Bewoners"`` -> ``"aantal_bewoners"``."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    text = _SEPARATORS.sub("_", text.strip().lower())
    text = _NON_WORD.sub("", text)
    return _UNDERSCORES.sub("_", text).strip("_")


#: Shapefile (dBase) field names are cut at 10 characters: ``identificatie`` arrives as
#: ``identifica``. A 10-character name also matches an alias that starts with it.
DBF_NAME_LENGTH = 10


def _find(columns: Iterable[str], aliases: Iterable[str], used: set[str]) -> str | None:
    by_norm: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(normalise_name(column), column)
    aliases = list(aliases)
    for alias in aliases:
        column = by_norm.get(alias)
        if column is not None and column not in used:
            return column
    for alias in aliases:
        if len(alias) <= DBF_NAME_LENGTH:
            continue
        column = by_norm.get(alias[:DBF_NAME_LENGTH])
        if column is not None and column not in used:
            return column
    return None


def detect_id_field(columns: Iterable[str], *, exclude: Iterable[str] = ()) -> str | None:
    """The column that holds the building id, or ``None`` when no name looks like one."""
    return _find(list(columns), ID_ALIASES, set(exclude))


def resolve_field(columns: Iterable[str], wanted: str) -> str | None:
    """The column the user meant by ``wanted`` (exact first, then case/spacing-insensitive)."""
    columns = list(columns)
    if wanted in columns:
        return wanted
    return _find(columns, (normalise_name(wanted),), set())


def detect_fields(columns: Iterable[str], *, exclude: Iterable[str] = ()) -> dict[str, str]:
    """Map canonical column names onto source columns (see the module docstring).

    ``exclude`` names source columns already taken (the id field).
    """
    columns = list(columns)
    used = set(exclude)
    mapping: dict[str, str] = {}
    # Exact canonical names first, so a canonical file never has a column stolen by an alias.
    for canonical in FIELD_ALIASES:
        if canonical in columns and canonical not in used:
            mapping[canonical] = canonical
            used.add(canonical)
    for canonical, aliases in FIELD_ALIASES.items():
        if canonical in mapping:
            continue
        column = _find(columns, aliases, used)
        if column is not None:
            mapping[canonical] = column
            used.add(column)
    return mapping


def detect_address_parts(columns: Iterable[str], *, exclude: Iterable[str] = ()) -> dict[str, str]:
    """Street / house number / letter / addition columns, when present (keys as named)."""
    columns = list(columns)
    used = set(exclude)
    parts = {}
    for key, aliases in (
        ("street", STREET_ALIASES),
        ("number", HOUSENUMBER_ALIASES),
        ("letter", HOUSELETTER_ALIASES),
        ("addition", ADDITION_ALIASES),
    ):
        column = _find(columns, aliases, used)
        if column is not None:
            parts[key] = column
            used.add(column)
    return parts


def detect_population(columns: Iterable[str], *, exclude: Iterable[str] = ()) -> dict[str, str]:
    """Day and night population columns (keys ``day``, ``night``) when present."""
    columns = list(columns)
    used = set(exclude)
    found = {}
    for key, aliases in (("day", POPULATION_DAY_ALIASES), ("night", POPULATION_NIGHT_ALIASES)):
        column = _find(columns, aliases, used)
        if column is not None:
            found[key] = column
            used.add(column)
    return found


def detect_point_columns(columns: Iterable[str]) -> tuple[str, str] | None:
    """``(x, y)`` columns of a point table in RD metres, or ``None``."""
    columns = list(columns)
    x = _find(columns, POINT_X_ALIASES, set())
    y = _find(columns, POINT_Y_ALIASES, set())
    if x is None or y is None:
        return None
    return x, y


def detect_system_columns(columns: Iterable[str]) -> list[tuple[str, str | None]]:
    """Pairs ``(system_i, s_probability_i)`` in the order of ``i`` (probability ``None``
    when the table has no probability for that system)."""
    systems: dict[int, str] = {}
    probabilities: dict[int, str] = {}
    for column in columns:
        norm = normalise_name(column)
        if match := SYSTEM_PATTERN.match(norm):
            systems[int(match.group(1))] = column
        elif match := SYSTEM_PROBABILITY_PATTERN.match(norm):
            probabilities[int(match.group(1))] = column
    return [(systems[i], probabilities.get(i)) for i in sorted(systems)]


def numeric_columns(columns: Iterable[str]) -> set[str]:
    """Source columns that are meant to hold numbers: LPR, counts, population, coordinates,
    typology probabilities. A CSV reader may let its fast number parser handle these; every
    other column must stay text (ids and codes keep their leading zeros)."""
    columns = list(columns)
    exclude = set()
    id_column = detect_id_field(columns)
    if id_column is not None:
        exclude.add(id_column)
    mapping = detect_fields(columns, exclude=exclude)
    found = {mapping[c] for c in ("lpr", "addresses", "residents") if c in mapping}
    found |= set(detect_population(columns, exclude=exclude | found).values())
    points = detect_point_columns(columns)
    if points is not None:
        found |= set(points)
    found |= {p for _, p in detect_system_columns(columns) if p is not None}
    return found - exclude
