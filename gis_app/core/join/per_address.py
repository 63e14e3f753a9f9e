"""Risk and milestone tables per address, aggregated to the pand.

NCG and municipalities often keep their lists per address. With a BAG source (whose
units, :class:`gis_app.core.io.bag.UnitAddresses`, say which addresses lie in which pand)
such a table is recognised and each of its rows is matched to the panden of its address:

* by **verblijfsobject id** (a 16-digit BAG id with object type ``01`` at digits 5-6, in
  any id column, or a column named like ``verblijfsobject_id``);
* by **nummeraanduiding id** (object type ``20``), through the unit's main address
  (``nummeraanduiding_hoofdadres_identificatie``);
* by **postcode + huisnummer** (+ huisletter, + toevoeging) in the spellings Dutch
  spreadsheets use: ``9919 AB`` / ``9919ab``, ``12-a`` / ``12 A`` / ``12a``, a letter
  or addition in its own column or not.

Per pand: the most severe profile, the highest LPR, the sum of residents, the least
advanced milestone (a pand is done only when all its addresses are), the heaviest
measure, eigen regie when any address has it; other columns from its first address.
The result is an ordinary :class:`~gis_app.core.join.table.Table` keyed by pand id, so
the join that follows is the one of any table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from gis_app.core import fields
from gis_app.core.io.bag import strip_prefix
from gis_app.core.io.ids import normalise_ids
from gis_app.core.io.problems import Problem
from gis_app.core.join.table import Table
from gis_app.core.join.values import Attributes, canonicalise
from gis_app.core.schema import MEASURE_CLASSES, MILESTONES, RISK_PROFILES, normalise_postcodes

_UNIT_ID_NAMES = (
    "verblijfsobject_id",
    "verblijfsobjectid",
    "verblijfsobject_identificatie",
    "vbo_id",
    "vboid",
    "adresseerbaar_object_id",
    "adresseerbaarobject_id",
    "adresseerbaar_object",
    "verblijfsobject",
)
_NUMBER_ID_NAMES = (
    "nummeraanduiding_id",
    "nummeraanduidingid",
    "nummeraanduiding_identificatie",
    "nummeraanduiding_hoofdadres_identificatie",
    "num_id",
    "nummeraanduiding",
)
_POSTCODE_NAMES = ("postcode", "pc6", "postcode6")
#: The number as spreadsheets write it: "12", "12a", "12 A", "12-a", "12-a-2", "12 bis".
_HOUSE = re.compile(
    r"^\s*(\d+)\s*(?:[-\s/]?\s*([A-Za-z])(?![A-Za-z0-9]))?\s*(?:[-\s/]+\s*(\S+))?\s*$"
)

KIND_UNIT = "verblijfsobject-id"
KIND_NUMBER = "nummeraanduiding-id"
KIND_ADDRESS = "postcode + huisnummer"


def key_columns(columns: list[str]) -> dict[str, str]:
    """The address key columns of a table: ``unit``, ``number``, ``postcode``, ``house``,
    ``letter``, ``addition`` (those found)."""
    found: dict[str, str] = {}
    used: set[str] = set()
    for key, names in (
        ("unit", _UNIT_ID_NAMES),
        ("number", _NUMBER_ID_NAMES),
        ("postcode", _POSTCODE_NAMES),
        ("house", fields.HOUSENUMBER_ALIASES),
        ("letter", fields.HOUSELETTER_ALIASES),
        ("addition", fields.ADDITION_ALIASES),
    ):
        column = fields._find(columns, names, used)
        if column is not None:
            found[key] = column
            used.add(column)
    return found


def _object_type(ids: np.ndarray) -> np.ndarray:
    """Digits 5-6 of each 16-digit BAG id ("" otherwise): 10 pand, 01 unit, 20 number."""
    series = pd.Series(ids, dtype=object).fillna("").astype(str)
    bag_form = series.str.fullmatch(r"\d{16}")
    return series.str.slice(4, 6).where(bag_form, "").to_numpy(dtype=object)


def is_per_address(frame: pd.DataFrame) -> bool:
    """Whether a table is keyed per address rather than per pand."""
    columns = [str(c) for c in frame.columns]
    keys = key_columns(columns)
    if "unit" in keys or "number" in keys:
        return True
    id_column = fields.detect_id_field(columns)
    if id_column is not None:
        ids, _ = normalise_ids(pd.Series(strip_prefix(frame[id_column]), dtype=object))
        kinds = _object_type(ids)
        return bool(np.isin(kinds, ("01", "20")).any() and not (kinds == "10").any())
    return "postcode" in keys and "house" in keys


def _house_parts(frame: pd.DataFrame, keys: dict[str, str]):
    """(number text, letter, addition) per row, upper case, "" where absent."""
    n = len(frame)
    raw = frame[keys["house"]].astype(object).where(frame[keys["house"]].notna(), "")
    texts = [
        str(int(v)) if isinstance(v, float) and v.is_integer() else str(v) for v in raw.tolist()
    ]
    number, letter, addition = [""] * n, [""] * n, [""] * n
    for i, text in enumerate(texts):
        match = _HOUSE.match(text)
        if match:
            number[i] = str(int(match.group(1)))
            letter[i] = (match.group(2) or "").upper()
            addition[i] = (match.group(3) or "").upper()
    for key, target in (("letter", letter), ("addition", addition)):
        if key in keys:
            own = frame[keys[key]].astype(object).where(frame[keys[key]].notna(), "")
            for i, value in enumerate(own.tolist()):
                text = (
                    str(int(value))
                    if isinstance(value, float) and value.is_integer()
                    else str(value)
                )
                if text.strip():
                    target[i] = text.strip().upper()
    return number, letter, addition


def _address_key(postcode, number, letter, addition) -> np.ndarray:
    return np.array(
        [
            f"{p}|{n}|{ltr}|{a}"
            for p, n, ltr, a in zip(postcode, number, letter, addition, strict=True)
        ],
        dtype=object,
    )


def aggregate(
    frame: pd.DataFrame,
    path: str,
    building_ids: np.ndarray,
    unit_keys: pd.DataFrame,
    addresses: pd.DataFrame,
    problems: list[Problem],
    notes: list[str],
) -> tuple[Table, dict[str, int], list[tuple[int, str]]]:
    """The table aggregated per pand, the addresses matched per kind of key, and the
    rows (spreadsheet row, key) whose address matched no pand."""
    columns = [str(c) for c in frame.columns]
    keys = key_columns(columns)
    rows = frame.index.to_numpy(dtype=np.int64)
    n = len(frame)
    unit_ids = np.full(n, "", dtype=object)
    number_ids = np.full(n, "", dtype=object)
    drop = [c for c in keys.values()]
    id_column = fields.detect_id_field(columns, exclude=drop)
    for key, target in (("unit", unit_ids), ("number", number_ids)):
        if key in keys:
            ids, _ = normalise_ids(pd.Series(strip_prefix(frame[keys[key]]), dtype=object))
            target[:] = ids
    if id_column is not None:
        ids, _ = normalise_ids(pd.Series(strip_prefix(frame[id_column]), dtype=object))
        kinds = _object_type(ids)
        unit_ids = np.where((unit_ids == "") & (kinds == "01"), ids, unit_ids)
        number_ids = np.where((number_ids == "") & (kinds == "20"), ids, number_ids)
        drop.append(id_column)

    # each row: its key kind and the address rows (of the BAG table) it names
    kind = np.full(n, "", dtype=object)
    kind[unit_ids != ""] = KIND_UNIT
    kind[(kind == "") & (number_ids != "")] = KIND_NUMBER
    address_key = np.full(n, "", dtype=object)
    if "postcode" in keys and "house" in keys:
        number, letter, addition = _house_parts(frame, keys)
        postcode = normalise_postcodes(frame[keys["postcode"]]).str.upper().to_numpy(dtype=object)
        address_key = _address_key(postcode, number, letter, addition)
        usable = (np.asarray(number, dtype=object) != "") & (postcode != "")
        kind[(kind == "") & usable] = KIND_ADDRESS

    bag_address_key = _address_key(
        addresses["postcode"].astype(str).str.upper(),
        addresses["huisnummer"].astype("Int64").astype(str).replace("<NA>", ""),
        addresses["huisletter"].astype(str).str.upper(),
        addresses["toevoeging"].astype(str).str.upper(),
    )
    lookups = {
        KIND_UNIT: (unit_ids, unit_keys["verblijfsobject_id"].to_numpy(dtype=object)),
        KIND_NUMBER: (number_ids, unit_keys["nummeraanduiding_id"].to_numpy(dtype=object)),
        KIND_ADDRESS: (address_key, bag_address_key),
    }
    pand_of_address = unit_keys["pand"].to_numpy(dtype=np.int64)
    pair_row, pair_pand = [], []
    for name, (row_keys, bag_keys) in lookups.items():
        mine = np.flatnonzero(kind == name)
        if not len(mine):
            continue
        right = pd.DataFrame({"key": bag_keys, "pand": pand_of_address}).drop_duplicates()
        left = pd.DataFrame({"key": row_keys[mine], "row": mine})
        merged = left.merge(right, on="key", how="inner")
        pair_row.append(merged["row"].to_numpy(dtype=np.int64))
        pair_pand.append(merged["pand"].to_numpy(dtype=np.int64))
    pair_row = np.concatenate(pair_row) if pair_row else np.empty(0, np.int64)
    pair_pand = np.concatenate(pair_pand) if pair_pand else np.empty(0, np.int64)
    matched = np.zeros(n, dtype=bool)
    matched[pair_row] = True
    counts = {name: int((matched & (kind == name)).sum()) for name in lookups}
    shown_key = np.where(
        kind == KIND_UNIT, unit_ids, np.where(kind == KIND_NUMBER, number_ids, address_key)
    )
    shown_key = np.array([str(k).replace("|", " ").strip() for k in shown_key], dtype=object)
    unmatched = [(int(rows[i]), str(shown_key[i])) for i in np.flatnonzero(~matched)]

    values = canonicalise(
        frame.reset_index(drop=True),
        rows,
        shown_key,
        path,
        problems,
        notes,
        drop=tuple(drop),
        convert_extra=True,
    )
    table = _per_pand(values, rows, pair_row, pair_pand, np.asarray(building_ids, dtype=object))
    return table, counts, unmatched


def _rank(values: np.ndarray, order: tuple[str, ...]) -> np.ndarray:
    """Position of each value in ``order`` (-1 for unknown/missing), as float for groupby."""
    lookup = {v: i for i, v in enumerate(order)}
    return np.array([lookup.get(v, np.nan) for v in values.tolist()], dtype=float)


def _per_pand(values: Attributes, rows, pair_row, pair_pand, building_ids) -> Table:
    pands, first = np.unique(pair_pand, return_index=True)
    # pair order is by key kind; the first address of a pand is its lowest spreadsheet row
    order = np.lexsort((pair_row, pair_pand))
    pair_row, pair_pand = pair_row[order], pair_pand[order]
    firsts = (
        np.flatnonzero(np.r_[True, pair_pand[1:] != pair_pand[:-1]]) if len(pair_pand) else first
    )
    group = pd.Series(pair_pand)

    def reduce(array, how):
        return pd.Series(array[pair_row]).groupby(group.to_numpy()).agg(how).to_numpy()

    canonical: dict[str, np.ndarray] = {}
    for column, array in values.canonical.items():
        array = np.asarray(array)
        if column == "risk_profile":
            # most severe: verhoogd first in RISK_PROFILES
            rank = reduce(_rank(array, RISK_PROFILES), "min")
            canonical[column] = _from_rank(rank, RISK_PROFILES)
        elif column == "milestone":
            rank = reduce(_rank(array, MILESTONES), "min")  # least advanced
            canonical[column] = _from_rank(rank, MILESTONES)
        elif column == "measure_class":
            rank = reduce(_rank(array, MEASURE_CLASSES), "max")  # heaviest
            canonical[column] = _from_rank(rank, MEASURE_CLASSES)
        elif column == "lpr":
            canonical[column] = reduce(array.astype(float), "max")
        elif column == "residents":
            canonical[column] = reduce(array.astype(float), lambda s: s.sum(min_count=1))
        elif column == "eigen_regie":
            flags = pd.Series(array[pair_row], dtype=object)
            canonical[column] = (
                flags.eq(True).groupby(group.to_numpy()).any().to_numpy().astype(object)
            )
        else:
            canonical[column] = array[pair_row][firsts]
    extra = {c: np.asarray(a)[pair_row][firsts] for c, a in values.extra.items()}
    ids = building_ids[pands]
    attributes = Attributes(canonical, extra, dict(values.mapping))
    return Table(ids.astype(object), rows[pair_row][firsts], attributes, None, None)


def _from_rank(rank: np.ndarray, order: tuple[str, ...]) -> np.ndarray:
    names = np.array([*order, None], dtype=object)
    index = np.where(np.isnan(rank), len(order), rank).astype(int)
    return names[index]
