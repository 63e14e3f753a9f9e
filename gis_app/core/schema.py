"""The canonical building and cluster tables: column names, vocabularies, derivations.

Every reader produces these columns, every other module reads them. Keeping the
contract in one place means a new source format only needs a mapping onto it.

Conventions (decided here, relied upon everywhere):

* Working CRS is RD New, EPSG:28992 (metres).
* ``building_id`` is text (BAG pand-identificatie, 16 characters, leading zeros kept).
* ``risk_profile`` holds the Dutch HRA terms as they appear in NCG lists:
  ``"verhoogd"``, ``"licht verhoogd"``, ``"normaal"``, or ``"onbekend"`` when unknown.
* ``measure_class`` holds English codes (``none``, ``light``, ``heavy``, ``rebuild``);
  the UI shows the Dutch labels from :data:`MEASURE_LABELS_NL`.
* ``milestone`` holds the codes of :data:`MILESTONES`, in NCG's reporting order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gis_app.core.i18n import N_

WORKING_CRS = "EPSG:28992"
WORKING_EPSG = 28992

# --- risk profile ---------------------------------------------------------------------------

PROFILE_VERHOOGD = "verhoogd"
PROFILE_LICHT = "licht verhoogd"
PROFILE_NORMAAL = "normaal"
PROFILE_UNKNOWN = "onbekend"
RISK_PROFILES = (PROFILE_VERHOOGD, PROFILE_LICHT, PROFILE_NORMAAL)
RISK_PROFILES_WITH_UNKNOWN = (*RISK_PROFILES, PROFILE_UNKNOWN)

#: Spellings found in NCG and HRA lists, lower-cased, mapped onto the canonical profile.
PROFILE_ALIASES = {
    "verhoogd": PROFILE_VERHOOGD,
    "p50": PROFILE_VERHOOGD,
    "verhoogd risico": PROFILE_VERHOOGD,
    "hoog": PROFILE_VERHOOGD,
    "elevated": PROFILE_VERHOOGD,
    "licht verhoogd": PROFILE_LICHT,
    "licht_verhoogd": PROFILE_LICHT,
    "lichtverhoogd": PROFILE_LICHT,
    "licht verhoogd risico": PROFILE_LICHT,
    "p90": PROFILE_LICHT,
    "slightly elevated": PROFILE_LICHT,
    "normaal": PROFILE_NORMAAL,
    "grijs": PROFILE_NORMAAL,
    "normal": PROFILE_NORMAAL,
    "geen": PROFILE_NORMAAL,
    # NCG's published labels; the bracketed part may also be left out (see profile_key)
    "verhoogd (p50)": PROFILE_VERHOOGD,
    "licht verhoogd (p90)": PROFILE_LICHT,
    "normaal (grijs)": PROFILE_NORMAAL,
}

#: Meijdam norm: LPR at most 1e-5 per year.
MEIJDAM_NORM = 1e-5
#: Second threshold used when only one LPR value is known (it stands in for the median).
#: HRA's 90th percentile typically lies up to an order of magnitude above the median, so a
#: median above 1e-6 is taken to put the P90 above the norm: ``licht verhoogd``.
#: This is an estimate (DOMAIN.md, "Profiles against the norm"); the UI shows which profiles
#: were derived this way (column ``profile_source``).
LPR_LICHT_THRESHOLD = 1e-6

PROFILE_SOURCE_DATA = "bron"  # the profile was in the input
PROFILE_SOURCE_LPR = "afgeleid uit LPR"  # derived from LPR with the thresholds above
PROFILE_SOURCE_NONE = "onbekend"  # neither profile nor LPR known


#: Profiles by the codes of :func:`profile_codes_from_lpr`.
PROFILE_BY_CODE = np.array(
    [PROFILE_NORMAAL, PROFILE_LICHT, PROFILE_VERHOOGD, PROFILE_UNKNOWN], dtype=object
)


def profile_codes_from_lpr(lpr: np.ndarray | pd.Series) -> np.ndarray:
    """0 normaal, 1 licht verhoogd, 2 verhoogd, 3 onbekend (NaN), as int8."""
    values = np.asarray(lpr, dtype=float)
    # comparisons with NaN are False, so NaN lands on 0 before it is set to 3
    codes = (values > LPR_LICHT_THRESHOLD).astype(np.int8) + (values > MEIJDAM_NORM)
    codes[np.isnan(values)] = 3
    return codes


def profile_from_lpr(lpr: np.ndarray | pd.Series) -> np.ndarray:
    """Derive risk profiles from LPR values; NaN gives ``onbekend``."""
    return PROFILE_BY_CODE[profile_codes_from_lpr(lpr)]


# --- measure class --------------------------------------------------------------------------

MEASURE_NONE = "none"
MEASURE_LIGHT = "light"
MEASURE_HEAVY = "heavy"
MEASURE_REBUILD = "rebuild"  # sloop-nieuwbouw
MEASURE_CLASSES = (MEASURE_NONE, MEASURE_LIGHT, MEASURE_HEAVY, MEASURE_REBUILD)
MEASURE_LABELS_NL = {
    MEASURE_NONE: N_("geen maatregel"),
    MEASURE_LIGHT: N_("lichte versterking"),
    MEASURE_HEAVY: N_("zware versterking"),
    MEASURE_REBUILD: N_("sloop-nieuwbouw"),
}
MEASURE_ALIASES = {
    "none": MEASURE_NONE,
    "geen": MEASURE_NONE,
    "geen maatregel": MEASURE_NONE,
    "voldoet": MEASURE_NONE,
    "light": MEASURE_LIGHT,
    "licht": MEASURE_LIGHT,
    "lichte versterking": MEASURE_LIGHT,
    "heavy": MEASURE_HEAVY,
    "zwaar": MEASURE_HEAVY,
    "zware versterking": MEASURE_HEAVY,
    "versterken": MEASURE_HEAVY,
    "rebuild": MEASURE_REBUILD,
    "demolish": MEASURE_REBUILD,
    "demolish-rebuild": MEASURE_REBUILD,
    "sloop": MEASURE_REBUILD,
    "sloop-nieuwbouw": MEASURE_REBUILD,
    "sloop nieuwbouw": MEASURE_REBUILD,
    "sloopnieuwbouw": MEASURE_REBUILD,
    "nieuwbouw": MEASURE_REBUILD,
}
#: Expected measure when a building has not been assessed yet, from its risk profile.
#: Estimate: most ``verhoogd`` buildings needed heavy work, ``licht verhoogd`` light work.
EXPECTED_MEASURE_BY_PROFILE = {
    PROFILE_VERHOOGD: MEASURE_HEAVY,
    PROFILE_LICHT: MEASURE_LIGHT,
    PROFILE_NORMAAL: MEASURE_NONE,
    PROFILE_UNKNOWN: MEASURE_LIGHT,
}

# --- NCG milestones (reporting order) -------------------------------------------------------

MILESTONES = (
    "niet_in_plan",
    "in_plan",
    "opname",
    "beoordeling",
    "normbesluit",
    "versterkingsbesluit",
    "bouw_gestart",
    "bouw_gereed",
    "afgerond",
)
MILESTONE_LABELS_NL = {
    "niet_in_plan": N_("nog niet in lokaal plan"),
    "in_plan": N_("in lokaal plan"),
    "opname": N_("opname gedaan"),
    "beoordeling": N_("beoordeling gedaan"),
    "normbesluit": N_("normbesluit genomen"),
    "versterkingsbesluit": N_("versterkingsbesluit genomen"),
    "bouw_gestart": N_("bouw gestart"),
    "bouw_gereed": N_("bouw gereed"),
    "afgerond": N_("versterkingstraject afgerond"),
}
MILESTONE_ALIASES = (
    {label.lower(): code for code, label in MILESTONE_LABELS_NL.items()}
    | {code: code for code in MILESTONES}
    | {
        "niet in plan": "niet_in_plan",
        "in plan": "in_plan",
        "opname gedaan": "opname",
        "beoordeling gereed": "beoordeling",
        "versterkingsadvies": "normbesluit",
        "uitvoeringsplan": "versterkingsbesluit",
        "bouw gestart": "bouw_gestart",
        "bouw gereed": "bouw_gereed",
        "afgerond": "afgerond",
        "traject afgerond": "afgerond",
    }
)

# --- BAG status -----------------------------------------------------------------------------

#: Status values of BAG panden and verblijfsobjecten, as BAG writes them.
BAG_PAND_STATUSES = (
    "Bouwvergunning verleend",
    "Niet gerealiseerd pand",
    "Bouw gestart",
    "Pand in gebruik (niet ingemeten)",
    "Pand in gebruik",
    "Verbouwing pand",
    "Sloopvergunning verleend",
    "Pand gesloopt",
    "Pand buiten gebruik",
    "Pand ten onrechte opgevoerd",
)
BAG_UNIT_STATUSES = (
    "Verblijfsobject gevormd",
    "Niet gerealiseerd verblijfsobject",
    "Verblijfsobject in gebruik (niet ingemeten)",
    "Verblijfsobject in gebruik",
    "Verbouwing verblijfsobject",
    "Verblijfsobject ingetrokken",
    "Verblijfsobject buiten gebruik",
    "Verblijfsobject ten onrechte opgevoerd",
)
#: Panden and units that do not exist (any more): never planned, shown muted.
BAG_GONE = frozenset(
    {
        "Pand gesloopt",
        "Niet gerealiseerd pand",
        "Pand ten onrechte opgevoerd",
        "Verblijfsobject ingetrokken",
        "Niet gerealiseerd verblijfsobject",
        "Verblijfsobject ten onrechte opgevoerd",
    }
)
#: Panden not built yet or about to be demolished: planned, but flagged for the planner.
BAG_FLAGGED = frozenset({"Bouwvergunning verleend", "Sloopvergunning verleend"})
#: Lower-cased spellings (BAG's own, and the LVBAG XML's) -> BAG's status text.
BAG_STATUS_ALIASES = {s.lower(): s for s in (*BAG_PAND_STATUSES, *BAG_UNIT_STATUSES)}


def bag_gone(status) -> np.ndarray:
    """Per building: its BAG status says it does not exist (gesloopt, never built, ...)."""
    # pandas' hash-based isin: numpy's sorts 300,000 Python strings
    return pd.Series(status, dtype=object, copy=False).isin(BAG_GONE).to_numpy(dtype=bool)


def bag_flagged(status) -> np.ndarray:
    """Per building: a building or demolition permit is granted (for the planner to decide)."""
    return pd.Series(status, dtype=object, copy=False).isin(BAG_FLAGGED).to_numpy(dtype=bool)


# --- the buildings table --------------------------------------------------------------------

#: Canonical building columns and their dtypes. Readers add missing ones with defaults;
#: unknown source columns are kept after these.
BUILDING_COLUMNS: dict[str, str] = {
    "building_id": "object",  # str, BAG pand-identificatie
    "risk_profile": "object",  # one of RISK_PROFILES_WITH_UNKNOWN
    "profile_source": "object",  # PROFILE_SOURCE_*
    "lpr": "float64",  # annual local personal risk, NaN when unknown
    "typology": "object",  # e.g. URM3M_D, RC1L, W2
    "milestone": "object",  # one of MILESTONES
    "measure_class": "object",  # assessed measure (MEASURE_CLASSES) or "" when not assessed
    "expected_measure": "object",  # measure_class, or derived from the profile
    "addresses": "int64",  # number of verblijfsobjecten
    "residents": "float64",  # persons (for risk exposure)
    "address": "object",  # street + number (personal data)
    "postcode": "object",
    "woonplaats": "object",
    "eigen_regie": "bool",  # owner directs the work: always bespoke
    "cluster_id": "object",  # "" when in no cluster
    "bag_status": "object",  # BAG status of the pand (BAG_PAND_STATUSES) or ""
}

#: Canonical cluster columns (plus geometry).
CLUSTER_COLUMNS: dict[str, str] = {
    "cluster_id": "object",
    "name": "object",
    "color": "object",  # "#rrggbb"
    "approach_share": "float64",  # bespoke share s in [0, 1]; NaN means "use the global share"
    "lock_start": "object",  # ISO date or "" (cluster fixed to a start date)
    "lock_position": "float64",  # position in the order, NaN when not locked
}

#: Default value per canonical column, used when a source lacks the column.
COLUMN_DEFAULTS = {
    "risk_profile": PROFILE_UNKNOWN,
    "profile_source": PROFILE_SOURCE_NONE,
    "lpr": np.nan,
    "typology": "",
    "milestone": "niet_in_plan",
    "measure_class": "",
    "expected_measure": "",
    "addresses": 1,
    "residents": np.nan,
    "address": "",
    "postcode": "",
    "woonplaats": "",
    "eigen_regie": False,
    "cluster_id": "",
    "bag_status": "",
    "name": "",
    "color": "#808080",
    "approach_share": np.nan,
    "lock_start": "",
    "lock_position": np.nan,
}


def expected_measure(measure_class: pd.Series, risk_profile: pd.Series) -> pd.Series:
    """The assessed measure where there is one, else the one expected from the profile."""
    # worked out once per distinct profile and measure, then spread by code: the columns
    # have a handful of values and 300,000 rows
    profile_codes, profiles = pd.factorize(risk_profile, use_na_sentinel=True)
    derived_of = [EXPECTED_MEASURE_BY_PROFILE.get(p, MEASURE_LIGHT) for p in profiles]
    derived = np.array([*derived_of, MEASURE_LIGHT], dtype=object)[profile_codes]
    measure_codes, measures = pd.factorize(measure_class, use_na_sentinel=True)
    assessed_of = [str(m) for m in measures]
    assessed = np.array([*assessed_of, ""], dtype=object)[measure_codes]
    has_assessed = np.array([m != "" for m in assessed_of] + [False])[measure_codes]
    values = np.where(has_assessed, assessed, derived)
    return pd.Series(values, index=measure_class.index, dtype=object, name=measure_class.name)


def ensure_building_columns(frame: pd.DataFrame, *, text_checked: bool = False) -> pd.DataFrame:
    """Add missing canonical columns with defaults and coerce dtypes (in place; returned).

    ``text_checked``: the caller built every object column from text only (the loader),
    so they are not inspected again.
    """
    for column, dtype in BUILDING_COLUMNS.items():
        if column == "building_id":
            continue
        if column not in frame.columns:
            frame[column] = COLUMN_DEFAULTS[column]
        if dtype == "object":
            values = frame[column]
            if text_checked and values.dtype == object:
                continue
            # already all text in an object column (the readers' output): nothing to convert;
            # this skips two full copies per column at 300,000 buildings
            if values.dtype != object or pd.api.types.infer_dtype(values, skipna=False) != "string":
                frame[column] = values.fillna("").astype(str).astype(object)
        elif dtype == "bool":
            frame[column] = frame[column].fillna(False).astype(bool)
        elif dtype == "int64":
            frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(1).astype("int64")
        else:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(dtype)
    profile = frame["risk_profile"]
    if (profile.to_numpy() == "").any():
        frame["risk_profile"] = profile.replace("", PROFILE_UNKNOWN)
    frame["expected_measure"] = expected_measure(frame["measure_class"], frame["risk_profile"])
    return frame


def text_or_empty(values: pd.Series) -> pd.Series:
    """Values as text, missing as "" (also for an all-missing float column, which pandas 4
    refuses to fill with text: ``fillna("")`` is not the way)."""
    return values.astype(object).where(values.notna(), "").astype(str).astype(object)


def ensure_cluster_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add missing canonical cluster columns with defaults (in place; returned)."""
    for column, dtype in CLUSTER_COLUMNS.items():
        if column not in frame.columns:
            frame[column] = COLUMN_DEFAULTS.get(column, "")
        if dtype == "object":
            frame[column] = text_or_empty(frame[column])
        else:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(dtype)
    return frame


#: The project's address table (layer ``adressen`` of the project file, ``Project.addresses``):
#: one row per address (verblijfsobject) and pand; a unit in several panden has a row for each.
ADDRESS_COLUMNS = (
    "building_id",
    "straat",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats",
    "verblijfsobject_id",
)


def normalise_postcodes(values) -> pd.Series:
    """``9919AB`` from ``9919 ab``, ``9919ab``; other text as it is (stripped); missing
    values become ``""``."""
    text = (
        pd.Series(values, dtype=object, copy=False)
        .fillna("")
        .astype(str)
        .str.strip()
        .reset_index(drop=True)
    )
    compact = text.str.replace(" ", "", regex=False).str.upper()
    return compact.where(compact.str.fullmatch(r"\d{4}[A-Z]{2}"), text)


def ensure_address_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The address table with exactly :data:`ADDRESS_COLUMNS` (missing ones empty): ids
    and text as stripped text, house numbers as nullable integers, postcodes ``9919AB``."""
    out = pd.DataFrame(index=range(len(table)))
    for column in ADDRESS_COLUMNS:
        if column in table:
            values = table[column].reset_index(drop=True)
        else:
            values = pd.Series([None] * len(table), dtype=object)
        if column == "huisnummer":
            out[column] = pd.to_numeric(values, errors="coerce").round().astype("Int64")
        elif column == "postcode":
            out[column] = normalise_postcodes(values).to_numpy(dtype=object)
        else:
            out[column] = values.where(values.notna(), "").astype(str).str.strip().astype(object)
    return out
