"""BAG as planners receive it: PDOK's BAG GeoPackage, the Kadaster LVBAG extract, 3D BAG.

* **PDOK BAG GeoPackage** (layers ``pand``, ``verblijfsobject``, ``ligplaats``,
  ``standplaats``, ``woonplaats``): ``pand`` holds the footprints (chosen by
  :func:`gis_app.core.io.vectorfiles.choose_layer`), ``verblijfsobject`` the addresses.
  :func:`unit_addresses` turns the units into per-pand facts (number of addresses, main
  address, postcode, place) and the address table (one row per unit and pand, the
  columns of :data:`ADDRESS_COLUMNS`).
* **Kadaster BAG 2.0 extract** (a zip of LVBAG XML files, or a zip of zips):
  :func:`lvbag_to_geopackage` reads it through GDAL's LVBAG driver (``/vsizip/``, after
  the checks of :mod:`gis_app.core.io.zips`), keeps the current version of each object
  and writes the PDOK layout, so the rest of the load is the same.
* **3D BAG**: ids with the ``NL.IMBAG.Pand.`` prefix (stripped by
  :mod:`gis_app.core.io.ids`), EPSG:7415 (its horizontal part is RD New,
  :func:`gis_app.core.io.crs.is_rd`), footprints in ``pand`` or a 2-D LoD layer.

Decisions:

* **A unit in several panden** (``pand_identificatie`` ``"A,B"`` or ``"A, B"``) counts
  as an address of each of them; the report says how many such units there were.
* **Main address** of a pand: the lowest house number, then letter, then addition.
* **Units that do not exist** (``Verblijfsobject ingetrokken``, never built, registered
  in error) are no address of any pand; they are counted in the report.
* **Current version** of an LVBAG object: the one without ``eindGeldigheid``; when there
  are several or none, the highest ``voorkomenIdentificatie``. ``versions_dropped`` counts
  the versions of panden and units; older versions of addresses, streets and places are
  dropped the same way but not counted (only those the units refer to are read).
* **Addresses in an extract** come from the unit's main address: ``heeftAlsHoofdadres``
  -> nummeraanduiding (NUM: number, letter, addition, postcode) -> ``ligtAan`` openbare
  ruimte (OPR: street name) -> ``ligtIn`` woonplaats (WPL: place name). A nummeraanduiding
  with its own ``ligtIn`` lies in that woonplaats rather than in its street's. An extract
  without NUM, OPR or WPL files still loads; the report says once which files were missing
  and what stays empty.
* ``ligplaats`` and ``standplaats`` (houseboats, caravans: no footprints to reinforce)
  are not read; the report says how many there were.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from gis_app.core.errors import InputError
from gis_app.core.i18n import N_, t, translate
from gis_app.core.io import zips
from gis_app.core.io.ids import normalise_ids
from gis_app.core.schema import bag_gone, normalise_postcodes

UNIT_LAYER = "verblijfsobject"
IGNORED_LAYERS = ("ligplaats", "standplaats")
#: Columns of the address table (one row per unit and pand), as the exports read it.
#: Unit columns read from PDOK's ``verblijfsobject`` layer (those present).
_UNIT_COLUMNS = (
    "identificatie",
    "status",
    "openbare_ruimte_naam",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats_naam",
    "pand_identificatie",
    "nummeraanduiding_hoofdadres_identificatie",
)
_PREFIX = re.compile(r"^\s*NL\.IMBAG\.[A-Za-z]+\.", re.IGNORECASE)


def strip_prefix(values) -> np.ndarray:
    """Ids without an ``NL.IMBAG.<Objecttype>.`` prefix, as text ("" for missing)."""
    series = pd.Series(values, dtype=object, copy=False).fillna("").astype(str)
    return series.str.replace(_PREFIX, "", regex=True).str.strip().to_numpy(dtype=object)


# --- PDOK layout ---------------------------------------------------------------------------


def has_units(path: Path, layer: str | None) -> bool:
    """Whether the footprints come from a BAG GeoPackage with a ``verblijfsobject`` layer."""
    if path.suffix.lower() != ".gpkg" or layer not in (None, "pand"):
        return False
    try:
        names = {str(name) for name, _ in pyogrio.list_layers(path)}
    except Exception:  # noqa: BLE001 - the footprint reader reports an unreadable file
        return False
    return "pand" in names and UNIT_LAYER in names


def read_units(path: Path, bbox=None) -> pd.DataFrame:
    """The units of a BAG GeoPackage (within ``bbox``, through the spatial index), no geometry."""
    try:
        present = set(pyogrio.read_info(path, layer=UNIT_LAYER)["fields"])
        columns = [c for c in _UNIT_COLUMNS if c in present]
        units = pyogrio.read_dataframe(
            path, layer=UNIT_LAYER, columns=columns, read_geometry=False, bbox=bbox
        )
    except Exception as error:  # noqa: BLE001 - GDAL's message, with the file and layer
        raise InputError(
            t("laag '{layer}' niet leesbaar: {error}", layer=UNIT_LAYER, error=error), path=path
        ) from None
    if "pand_identificatie" not in units.columns:
        raise InputError(
            t(
                "laag '{layer}' heeft geen kolom pand_identificatie: adressen niet te koppelen",
                layer=UNIT_LAYER,
            ),
            path=path,
        )
    return pd.DataFrame(units).reset_index(drop=True)


def ignored_counts(path: Path, bbox=None) -> dict[str, int]:
    """How many ligplaatsen and standplaatsen the file has (in ``bbox``): not read."""
    counts = {}
    try:
        names = {str(name) for name, _ in pyogrio.list_layers(path)}
        for layer in IGNORED_LAYERS:
            if layer not in names:
                continue
            if bbox is None:
                counts[layer] = int(pyogrio.read_info(path, layer=layer)["features"])
            else:
                fids = pyogrio.raw.read(
                    path, layer=layer, columns=[], read_geometry=False, bbox=bbox, return_fids=True
                )[1]
                counts[layer] = len(fids)
    except Exception:  # noqa: BLE001 - only counted for the report
        pass
    return counts


@dataclass
class UnitAddresses:
    """Per-pand facts from the units, the address table, and the unit keys for joins."""

    addresses: np.ndarray  # int64 per pand: its units (0 for a pand without)
    address: np.ndarray  # main address per pand, "Kerkstraat 12A-2" ("" without units)
    postcode: np.ndarray
    woonplaats: np.ndarray
    table: pd.DataFrame  # ADDRESS_COLUMNS, per pand by number, letter, addition
    keys: pd.DataFrame  # per row of table: position of the pand and the unit's keys
    counts: dict[str, int] = field(default_factory=dict)


def _text(values) -> pd.Series:
    return (
        pd.Series(values, dtype=object, copy=False)
        .fillna("")
        .astype(str)
        .str.strip()
        .reset_index(drop=True)
    )


def unit_addresses(building_ids: np.ndarray, units: pd.DataFrame) -> UnitAddresses:
    """The addresses of each pand from BAG units (PDOK's ``verblijfsobject`` columns)."""
    n_units = len(units)
    n_panden = len(building_ids)
    status = _text(units["status"]) if "status" in units else pd.Series([""] * n_units)
    gone = bag_gone(status.to_numpy(dtype=object))
    refs = _text(units["pand_identificatie"])
    multi = refs.str.contains(",", regex=False).to_numpy()
    live = ~gone
    single = np.flatnonzero(live & ~multi)
    pair_unit = [single]
    pair_ref = [refs.to_numpy(dtype=object)[single]]
    if (live & multi).any():
        split = refs[live & multi].str.split(",").explode()
        pair_unit.append(split.index.to_numpy(dtype=np.int64))
        pair_ref.append(split.str.strip().to_numpy(dtype=object))
    unit_of = np.concatenate(pair_unit).astype(np.int64)
    ref_ids, _ = normalise_ids(pd.Series(np.concatenate(pair_ref), dtype=object))
    pand_of = pd.Index(building_ids).get_indexer(ref_ids)
    linked = pand_of >= 0
    unit_of, pand_of = unit_of[linked], pand_of[linked]

    number = pd.to_numeric(units["huisnummer"], errors="coerce") if "huisnummer" in units else None
    number = (
        pd.Series(np.full(n_units, np.nan)) if number is None else number.reset_index(drop=True)
    )

    def column(name):
        return _text(units[name]) if name in units else pd.Series([""] * n_units, dtype=object)

    letter = column("huisletter").str.upper()
    addition = column("toevoeging")
    street = column("openbare_ruimte_naam")
    postcode = normalise_postcodes(units["postcode"]) if "postcode" in units else column("x")
    place = column("woonplaats_naam")
    unit_ids = strip_prefix(units["identificatie"]) if "identificatie" in units else None
    numbers_of = (
        strip_prefix(units["nummeraanduiding_hoofdadres_identificatie"])
        if "nummeraanduiding_hoofdadres_identificatie" in units
        else np.full(n_units, "", dtype=object)
    )

    number_values = number.to_numpy(dtype=float)[unit_of]
    letter_values = letter.to_numpy(dtype=object)[unit_of]
    addition_values = addition.to_numpy(dtype=object)[unit_of]
    # lowest number, then letter, then addition (no number last); np.lexsort: last key first
    order = np.lexsort(
        (
            addition_values.astype(str),
            letter_values.astype(str),
            np.nan_to_num(number_values, nan=np.inf),
            pand_of,
        )
    )
    unit_of, pand_of = unit_of[order], pand_of[order]
    table = pd.DataFrame(
        {
            "building_id": pd.Series(np.asarray(building_ids, dtype=object)[pand_of], dtype=object),
            "straat": pd.Series(street.to_numpy(dtype=object)[unit_of], dtype=object),
            "huisnummer": pd.array(number.to_numpy(dtype=float)[unit_of]).astype("Int64"),
            "huisletter": pd.Series(letter.to_numpy(dtype=object)[unit_of], dtype=object),
            "toevoeging": pd.Series(addition.to_numpy(dtype=object)[unit_of], dtype=object),
            "postcode": pd.Series(postcode.to_numpy(dtype=object)[unit_of], dtype=object),
            "woonplaats": pd.Series(place.to_numpy(dtype=object)[unit_of], dtype=object),
            "verblijfsobject_id": pd.Series(
                (unit_ids if unit_ids is not None else np.full(n_units, "", object))[unit_of],
                dtype=object,
            ),
        }
    )
    keys = pd.DataFrame(
        {
            "pand": pand_of,
            "verblijfsobject_id": table["verblijfsobject_id"].to_numpy(dtype=object),
            "nummeraanduiding_id": numbers_of[unit_of],
        }
    )
    counts = np.bincount(pand_of, minlength=n_panden).astype(np.int64)
    main_address = np.full(n_panden, "", dtype=object)
    main_postcode = np.full(n_panden, "", dtype=object)
    main_place = np.full(n_panden, "", dtype=object)
    if len(pand_of):
        firsts = np.flatnonzero(np.r_[True, pand_of[1:] != pand_of[:-1]])
        first = table.iloc[firsts]
        main_address[pand_of[firsts]] = house_address(first).to_numpy(dtype=object)
        main_postcode[pand_of[firsts]] = first["postcode"].to_numpy(dtype=object)
        main_place[pand_of[firsts]] = first["woonplaats"].to_numpy(dtype=object)

    has_pand = np.zeros(n_units, dtype=bool)
    has_pand[unit_of] = True
    facts = {
        "units": n_units,
        "units_linked": int(has_pand.sum()),
        "units_multi_pand": int((live & multi).sum()),
        "units_without_pand": int((live & ~has_pand).sum()),
        "units_gone": int(gone.sum()),
    }
    return UnitAddresses(counts, main_address, main_postcode, main_place, table, keys, facts)


def house_address(rows: pd.DataFrame) -> pd.Series:
    """``Kerkstraat 12A-2`` per address row (street, number, letter, addition)."""
    number = rows["huisnummer"].astype("Int64").astype(str).replace("<NA>", "")
    text = rows["straat"].astype(str) + " " + number + rows["huisletter"].astype(str)
    addition = rows["toevoeging"].astype(str)
    text = text.where(addition == "", text + "-" + addition)
    return text.str.strip().reset_index(drop=True)


# --- Kadaster LVBAG extract ----------------------------------------------------------------

_KIND = re.compile(r"(PND|VBO|NUM|OPR|WPL|LIG|STA)\d{8}", re.IGNORECASE)


def is_lvbag_zip(path: Path) -> bool:
    """A zip whose members (or whose inner zips) are LVBAG files (``...PND08112023...``)."""
    if path.suffix.lower() != ".zip":
        return False
    names = zips.list_members(path)
    return any(_KIND.search(PurePosixPath(n).name) for n in names) and not any(
        PurePosixPath(n).suffix.lower() == ".shp" for n in names
    )


def _xml_sources(path: Path, workdir: Path) -> dict[str, list[str]]:
    """GDAL paths of the LVBAG XML files per kind (PND, VBO, ...), inner zips checked."""
    sources: dict[str, list[str]] = {}
    outer = str(path.resolve())
    for name in zips.list_members(path):
        member = PurePosixPath(name)
        kind = _KIND.search(member.name)
        if kind is None:
            continue
        key = kind.group(1).upper()
        if member.suffix.lower() == ".xml":
            sources.setdefault(key, []).append(f"/vsizip/{outer}/{name}")
        elif member.suffix.lower() == ".zip":
            # a zip of zips (the national delivery): the inner zip is checked like any zip
            inner = workdir / f"{len(list(workdir.iterdir()))}_{member.name}"
            zips.extract_member(path, name, inner)
            for inner_name in zips.list_members(inner):
                if PurePosixPath(inner_name).suffix.lower() == ".xml":
                    sources.setdefault(key, []).append(f"/vsizip/{inner.resolve()}/{inner_name}")
    return sources


def _read_all(path: Path, sources: list[str]) -> pd.DataFrame:
    frames = []
    for source in sources:
        try:
            frames.append(pyogrio.read_dataframe(source))
        except Exception as error:  # noqa: BLE001 - GDAL's message, with the zip
            member = source.rsplit("/", 1)[-1]
            raise InputError(
                t("{member} niet leesbaar (LVBAG): {error}", member=member, error=error), path=path
            ) from None
    frames = [f for f in frames if len(f)]
    if not frames:
        return gpd.GeoDataFrame()
    return pd.concat(frames, ignore_index=True)


def current_versions(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The current version of each object and how many versions were dropped."""
    if len(frame) == 0:
        return frame, 0
    ended = (
        frame["eindGeldigheid"].notna().to_numpy()
        if "eindGeldigheid" in frame
        else np.zeros(len(frame), bool)
    )
    version = (
        pd.to_numeric(frame["voorkomenIdentificatie"], errors="coerce").fillna(0).to_numpy()
        if "voorkomenIdentificatie" in frame
        else np.zeros(len(frame))
    )
    ids = frame["identificatie"].astype(str).to_numpy(dtype=object)
    # the last after sorting by (id, still valid, version) is the current one
    order = np.lexsort((version, ~ended, ids))
    ordered = ids[order]
    last = np.r_[ordered[1:] != ordered[:-1], True]
    kept = np.sort(order[last])
    return frame.iloc[kept].reset_index(drop=True), len(frame) - len(kept)


def lvbag_to_geopackage(path: Path, workdir: Path) -> tuple[Path, dict[str, int], list[str]]:
    """Write an LVBAG extract (zip, or zip of zips) as a PDOK-style GeoPackage in ``workdir``.

    The ``verblijfsobject`` layer carries PDOK's address columns, joined from the NUM, OPR
    and WPL files. Returns the GeoPackage, the facts for the report (``versions_dropped``,
    and the number of ligplaatsen and standplaatsen left out) and the report notes
    (address files missing, main addresses not found).
    """
    sources = _xml_sources(path, workdir)
    if "PND" not in sources:
        raise InputError(
            t(
                "BAG-extract bevat geen panden (geen PND-bestanden); aanwezig: {present}",
                present=", ".join(sorted(sources)) or t("(geen LVBAG-bestanden)"),
            ),
            path=path,
        )
    panden, dropped = current_versions(_read_all(path, sources["PND"]))
    out = workdir / (path.stem + ".gpkg")
    pand = gpd.GeoDataFrame(
        {
            "identificatie": strip_prefix(panden["identificatie"]),
            "status": _text(panden.get("status", pd.Series([""] * len(panden)))).to_numpy(
                dtype=object
            ),
            "bouwjaar": pd.to_numeric(
                panden.get("oorspronkelijkBouwjaar", pd.Series([np.nan] * len(panden))),
                errors="coerce",
            ).to_numpy(),
        },
        geometry=panden.geometry.values,
        crs=panden.crs,
    )
    pyogrio.write_dataframe(pand, out, layer="pand")
    facts = {}
    notes: list[str] = []
    if "VBO" in sources:
        units, unit_dropped = current_versions(_read_all(path, sources["VBO"]))
        dropped += unit_dropped
        refs = units["pandRef"] if "pandRef" in units else pd.Series([None] * len(units))
        joined = [",".join(strip_prefix(list(r))) if r is not None and len(r) else "" for r in refs]
        number = units.get("hoofdadresNummeraanduidingRef", pd.Series([""] * len(units)))
        number_ids = strip_prefix(number)
        address, address_notes = extract_addresses(path, sources, number_ids)
        notes.extend(address_notes)
        unit = gpd.GeoDataFrame(
            {
                "identificatie": strip_prefix(units["identificatie"]),
                "status": _text(units.get("status", pd.Series([""] * len(units)))).to_numpy(
                    dtype=object
                ),
                "pand_identificatie": np.asarray(joined, dtype=object),
                "nummeraanduiding_hoofdadres_identificatie": number_ids,
                **{column: address[column].array for column in address.columns},
            },
            geometry=units.geometry.values,
            crs=units.crs,
        )
        pyogrio.write_dataframe(unit, out, layer=UNIT_LAYER)
    else:
        missing = [kind for kind in ("VBO", "NUM", "OPR", "WPL") if kind not in sources]
        notes.append(_missing_note(missing, sources))
    facts["versions_dropped"] = int(dropped)
    for kind, name in (("LIG", "ligplaats"), ("STA", "standplaats")):
        if kind in sources:
            facts[name] = len(current_versions(_read_all(path, sources[kind]))[0])
    return out, facts, notes


# Columns read from the address objects of an extract (GDAL's LVBAG field names).
_NUM_COLUMNS = (
    "identificatie",
    "huisnummer",
    "huisletter",
    "huisnummerToevoeging",
    "postcode",
    "openbareruimteRef",
    "woonplaatsRef",
    "voorkomenIdentificatie",
    "eindGeldigheid",
)
_OPR_COLUMNS = (
    "identificatie",
    "naam",
    "woonplaatsRef",
    "voorkomenIdentificatie",
    "eindGeldigheid",
)
_WPL_COLUMNS = ("identificatie", "naam", "voorkomenIdentificatie", "eindGeldigheid")
#: What each LVBAG object type gives the addresses, for the report when it is missing.
_ADDRESS_PARTS = {
    "VBO": N_("verblijfsobjecten (VBO): aantal adressen"),
    "NUM": N_("nummeraanduidingen (NUM): huisnummer, huisletter, toevoeging en postcode"),
    "OPR": N_("openbare ruimten (OPR): straatnaam"),
    "WPL": N_("woonplaatsen (WPL): woonplaats"),
}


def _missing_note(missing: list[str], sources: dict[str, list[str]]) -> str:
    kinds = [f"{kind}-" for kind in missing]
    listed = (
        kinds[0]
        if len(kinds) == 1
        else t("{kinds} en {last}", kinds=", ".join(kinds[:-1]), last=kinds[-1])
    )
    empty = "; ".join(translate(_ADDRESS_PARTS[kind]) for kind in missing)
    return t(
        "adressen onvolledig: het BAG-extract bevat geen {listed}bestanden, daardoor blijft "
        "leeg: {empty}. Volledige adressen vragen een extract met PND-, VBO-, NUM-, OPR- en "
        "WPL-bestanden (aanwezig: {present})",
        listed=listed,
        empty=empty,
        present=", ".join(sorted(sources)),
    )


def _read_referenced(
    path: Path, sources: list[str], columns: tuple[str, ...], wanted: set[str]
) -> pd.DataFrame:
    """The current version of each object with an id in ``wanted`` (prefix stripped),
    indexed by id. Read file by file, keeping only the wanted rows: a national delivery has
    millions of addresses, a project needs those of its units."""
    frames = []
    # one hash table for all files (Series.isin would rebuild it per file)
    wanted_index = pd.Index(sorted(wanted), dtype=object)
    for source in sources:
        try:
            frame = pyogrio.read_dataframe(source, columns=list(columns), read_geometry=False)
        except Exception as error:  # noqa: BLE001 - GDAL's message, with the zip
            member = source.rsplit("/", 1)[-1]
            raise InputError(
                t("{member} niet leesbaar (LVBAG): {error}", member=member, error=error), path=path
            ) from None
        if not len(frame):
            continue
        frame["identificatie"] = strip_prefix(frame["identificatie"])
        frames.append(frame[wanted_index.get_indexer(frame["identificatie"]) >= 0])
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}).set_index(
            "identificatie"
        )
    kept, _ = current_versions(pd.concat(frames, ignore_index=True))
    return kept.set_index("identificatie")


def _lookup(table: pd.DataFrame, keys: np.ndarray, column: str) -> np.ndarray:
    """``table[column]`` for each key ("" where the key or the column is missing)."""
    if column not in table.columns or not len(table):
        return np.full(len(keys), "", dtype=object)
    position = table.index.get_indexer(keys)
    values = _text(table[column]).to_numpy(dtype=object)
    return np.where(position >= 0, values[np.maximum(position, 0)], "").astype(object)


def extract_addresses(
    path: Path, sources: dict[str, list[str]], number_ids: np.ndarray
) -> tuple[pd.DataFrame, list[str]]:
    """PDOK's address columns for units with these main-address ids (nummeraanduiding
    ids without prefix), from the extract's NUM, OPR and WPL files; and the report notes
    (files missing, main addresses not found)."""
    number_ids = np.asarray(number_ids, dtype=object)
    notes = []
    missing = [kind for kind in ("NUM", "OPR", "WPL") if kind not in sources]
    if missing:
        notes.append(_missing_note(missing, sources))
    numbers = _read_referenced(path, sources.get("NUM", []), _NUM_COLUMNS, set(number_ids) - {""})
    street_refs = strip_prefix(_lookup(numbers, number_ids, "openbareruimteRef"))
    streets = _read_referenced(path, sources.get("OPR", []), _OPR_COLUMNS, set(street_refs) - {""})
    # a nummeraanduiding's own ligtIn wins over its street's woonplaats
    place_refs = strip_prefix(_lookup(numbers, number_ids, "woonplaatsRef"))
    street_places = strip_prefix(_lookup(streets, street_refs, "woonplaatsRef"))
    place_refs = np.where(place_refs != "", place_refs, street_places).astype(object)
    places = _read_referenced(path, sources.get("WPL", []), _WPL_COLUMNS, set(place_refs) - {""})

    found = numbers.index.get_indexer(number_ids) >= 0
    house_number = pd.Series(np.nan, index=range(len(number_ids)))
    if "huisnummer" in numbers.columns and len(numbers):
        values = pd.to_numeric(numbers["huisnummer"], errors="coerce").to_numpy(dtype=float)
        position = numbers.index.get_indexer(number_ids)
        house_number[:] = np.where(found, values[np.maximum(position, 0)], np.nan)
    address = pd.DataFrame(
        {
            "openbare_ruimte_naam": _lookup(streets, street_refs, "naam"),
            "huisnummer": house_number.astype("Int64"),
            "huisletter": _lookup(numbers, number_ids, "huisletter"),
            "toevoeging": _lookup(numbers, number_ids, "huisnummerToevoeging"),
            "postcode": normalise_postcodes(_lookup(numbers, number_ids, "postcode")).to_numpy(
                dtype=object
            ),
            "woonplaats_naam": _lookup(places, place_refs, "naam"),
        }
    )
    not_found = sorted({str(i) for i in number_ids[(number_ids != "") & ~found]})
    if "NUM" in sources and not_found:
        shown = ", ".join(not_found[:10]) + (
            t(" ... en {more} meer", more=len(not_found) - 10) if len(not_found) > 10 else ""
        )
        notes.append(
            t(
                "{n} nummeraanduiding(en) die hoofdadres zijn van een verblijfsobject staan "
                "niet in de NUM-bestanden van het extract (adres leeg): {shown}",
                n=len(not_found),
                shown=shown,
            )
        )
    return address, notes


def temporary_workdir():
    """A folder for an extract's GeoPackage, removed when the load is done."""
    return tempfile.TemporaryDirectory(prefix="gis_app_bag_")
