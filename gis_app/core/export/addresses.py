"""Addresses for contractors: one row per address (BAG verblijfsobject) of a pand.

A contractor finds the door by street and house number, so the address lists, the PDF
sheets' table and the export layers carry them by default: these are public BAG data.
Information about the people living there (residents, eigen regie, names, phone
numbers) is personal and stays opt-in (:mod:`gis_app.core.export.columns`).

Where the addresses come from:

* the project's address table :data:`ADDRESS_TABLE` (``Project.addresses`` in memory,
  the non-spatial layer ``adressen`` in the project GeoPackage), one row per
  verblijfsobject with the columns of :data:`ADDRESS_COLUMNS`; a pand with several
  units has several rows, a unit in several panden a row for each pand;
* otherwise (a project made from footprints with only a main address) one row per pand
  from its ``address``/``postcode``/``woonplaats``, the address split into street,
  number, letter and addition by :func:`split_address`.

:func:`address_rows` gives that table for any project; panden the table does not cover
fall back to their main address, so no packaged pand is left without a row.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from gis_app.core.schema import ADDRESS_COLUMNS, ensure_address_columns, normalise_postcodes

#: Layer name of the address table in the project GeoPackage.
ADDRESS_TABLE = "adressen"
#: Columns of the address table, in this order; text except ``huisnummer`` (Int64).
#: The address columns as the lists show them (Dutch BAG terms).
ADDRESS_LABELS = {
    "straat": "straat",
    "huisnummer": "huisnummer",
    "huisletter": "huisletter",
    "toevoeging": "toevoeging",
    "postcode": "postcode",
    "woonplaats": "woonplaats",
    "verblijfsobject_id": "BAG verblijfsobject-id",
}

# "Stationsweg 12", "Stationsweg 12a", "Stationsweg 12 A", "Stationsweg 12-3",
# "Stationsweg 12 bis", "Stationsweg 12A-1"
_ADDRESS = re.compile(
    r"^\s*(?P<street>.*?\D)\s*(?P<number>\d{1,5})"
    r"(?:\s*(?P<letter>[A-Za-z])(?![A-Za-z]))?"
    r"(?:\s*[-/ ]?\s*(?P<addition>[0-9A-Za-z]{1,4}))?\s*$"
)


def split_address(text: object) -> tuple[str, int | None, str, str]:
    """(street, house number, letter, addition) of an address line; an address that is
    not "street number..." keeps its whole text as street."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return "", None, "", ""
    line = str(text).strip()
    match = _ADDRESS.match(line)
    if not match:
        return line, None, "", ""
    letter = (match.group("letter") or "").upper()
    return (
        match.group("street").strip(),
        int(match.group("number")),
        letter,
        (match.group("addition") or "").strip(),
    )


def empty_address_table() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in ADDRESS_COLUMNS})
    frame["huisnummer"] = frame["huisnummer"].astype("Int64")
    return frame


def fallback_rows(buildings: pd.DataFrame) -> pd.DataFrame:
    """One row per pand from its main address (``address``, ``postcode``, ``woonplaats``)."""
    n = len(buildings)
    ids = buildings["building_id"].astype(str).to_numpy(dtype=object)
    lines = buildings["address"] if "address" in buildings else pd.Series([""] * n)
    parts = [split_address(v) for v in lines.tolist()]
    frame = pd.DataFrame(
        {
            "building_id": ids,
            "straat": [p[0] for p in parts],
            "huisnummer": pd.array([p[1] for p in parts], dtype="Int64"),
            "huisletter": [p[2] for p in parts],
            "toevoeging": [p[3] for p in parts],
            "postcode": (
                normalise_postcodes(buildings["postcode"]).to_numpy(dtype=object)
                if "postcode" in buildings
                else [""] * n
            ),
            "woonplaats": (
                buildings["woonplaats"].fillna("").astype(str).to_numpy(dtype=object)
                if "woonplaats" in buildings
                else [""] * n
            ),
            "verblijfsobject_id": [""] * n,
        }
    )
    return ensure_address_columns(frame)


def address_rows(project, buildings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every address of the project's panden (columns :data:`ADDRESS_COLUMNS`), in the
    order of the buildings, per pand by street, number, letter and addition.

    Uses the project's address table where it covers a pand and the pand's main address
    elsewhere. ``buildings`` replaces ``project.buildings`` (an export passes the frames
    it exports).
    """
    buildings = project.buildings if buildings is None else buildings
    if buildings is None or len(buildings) == 0:
        return empty_address_table()
    table = getattr(project, "addresses", None)
    ids = buildings["building_id"].astype(str)
    if table is not None and len(table):
        table = ensure_address_columns(table)
        table = table[table["building_id"].isin(set(ids))]
        covered = set(table["building_id"])
        rest = buildings[~ids.isin(covered).to_numpy()]
        combined = pd.concat([table, fallback_rows(rest)], ignore_index=True)
    else:
        combined = fallback_rows(buildings)
    position = {b: i for i, b in enumerate(ids)}
    combined["_pand"] = combined["building_id"].map(position)
    combined["_nummer"] = combined["huisnummer"].astype("float64")
    combined = combined.sort_values(
        ["_pand", "straat", "_nummer", "huisletter", "toevoeging"],
        kind="stable",
        na_position="last",
    )
    return combined.drop(columns=["_pand", "_nummer"]).reset_index(drop=True)


def house_numbers(rows: pd.DataFrame) -> pd.Series:
    """``12a-3`` per address row: number, letter and addition as written on the door."""
    number = rows["huisnummer"].astype("Int64").astype(str).replace("<NA>", "")
    letter = rows["huisletter"].fillna("").astype(str)
    addition = rows["toevoeging"].fillna("").astype(str)
    text = number + letter
    return text.where(addition == "", text + "-" + addition)


#: Building columns an address row replaces with its own parts.
_REPLACED = ("address", "postcode", "woonplaats")


def address_list(frame: pd.DataFrame, addresses: pd.DataFrame) -> pd.DataFrame:
    """The export columns of ``frame`` (one row per pand) as one row per address.

    Where ``frame`` has the ``address`` column (the planner did not leave addresses
    out), each pand gets a row per address of ``addresses`` (:func:`address_rows`) with
    street, house number, letter, addition, postcode and place in place of the main
    address; a pand without address rows keeps one row. Other columns repeat per row.
    Without ``address`` the frame comes back as it is.
    """
    if "address" not in frame.columns:
        return frame.reset_index(drop=True)
    parts = ["straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats"]
    if (addresses["verblijfsobject_id"].astype(str) != "").any():
        parts.append("verblijfsobject_id")
    keep = [c for c in frame.columns if c not in _REPLACED]
    left = frame[keep].reset_index(drop=True)
    left["_pand"] = np.arange(len(left))
    right = addresses[["building_id", *parts]].drop_duplicates()
    merged = left.merge(right, on="building_id", how="left", sort=False)
    merged = merged.sort_values("_pand", kind="stable").drop(columns="_pand")
    position = list(frame.columns).index("address")
    before = [c for c in frame.columns[:position] if c in keep]
    after = [c for c in frame.columns[position:] if c in keep]
    return merged[[*before, *parts, *after]].reset_index(drop=True)


#: What the residents of each address were told (:mod:`gis_app.core.commitments`), the
#: last columns of an address list: the promised construction start and the day they were
#: told (date fields), and whether the exported plan still keeps it.
COMMITMENT_LIST_COLUMNS = ("toegezegd_start", "toegezegd_op", "toezegging_gehouden")
#: ``toezegging_gehouden`` of an address without a commitment, or whose pand needs no
#: new start in the plan (work begun or no measure any more).
NO_COMMITMENT = "—"


def with_commitments(
    rows: pd.DataFrame, commitments: dict | None, schedule: pd.DataFrame | None
) -> pd.DataFrame:
    """``rows`` (an address list with ``building_id``) with :data:`COMMITMENT_LIST_COLUMNS`.

    A commitment is made per pand ("Aan de bewoners van" its address), so every address
    row of a told pand carries it. ``toezegging_gehouden`` is "ja" when the plan's
    construction start (``schedule``) is on or before the promised one, "nee" when later,
    :data:`NO_COMMITMENT` otherwise. ``commitments``: ``Project.commitments``.
    """
    from gis_app.core.commitments import checked_book

    book = checked_book(commitments or None, [])
    promised = {c.building_id: c for c in book.commitments}
    ids = rows["building_id"].astype(str)
    told = [promised.get(b) for b in ids]
    out = rows.copy()
    out["toegezegd_start"] = pd.to_datetime(
        pd.Series([c.construction_start if c else None for c in told], dtype=object)
    ).to_numpy()
    out["toegezegd_op"] = pd.to_datetime(
        pd.Series([c.told_on if c else None for c in told], dtype=object)
    ).to_numpy()
    planned = pd.Series(pd.NaT, index=range(len(rows)), dtype="datetime64[ns]")
    if schedule is not None and len(schedule) and "construction_start" in schedule:
        starts = pd.to_datetime(schedule["construction_start"]).set_axis(
            schedule["building_id"].astype(str)
        )
        starts = starts[~starts.index.duplicated()]
        planned = pd.Series(ids.map(starts).to_numpy(), dtype="datetime64[ns]")
    keeps = np.where(planned.to_numpy() <= out["toegezegd_start"].to_numpy(), "ja", "nee")
    known = out["toegezegd_start"].notna().to_numpy() & planned.notna().to_numpy()
    out["toezegging_gehouden"] = np.where(known, keeps, NO_COMMITMENT).astype(object)
    return out
