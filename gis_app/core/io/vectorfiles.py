"""Opening vector files: file checks, Shapefile parts and code page, zip members, layers.

Shared by the footprint reader (:mod:`gis_app.core.io.footprints`) and the attribute
tables of vector files (:mod:`gis_app.core.io.tables`).

Decisions:

* **Zipped Shapefiles** are read in place through GDAL's ``/vsizip/``, never extracted,
  after the checks of :mod:`gis_app.core.io.zips` (paths, sizes, zip bombs).
* **Code pages**: a Shapefile's ``.cpg`` naming an encoding that is not ASCII-compatible
  (UTF-7, UTF-16, EBCDIC) is refused: GDAL would lose letters silently.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pyogrio

from gis_app.core.errors import InputError
from gis_app.core.i18n import t
from gis_app.core.io import zips
from gis_app.core.io.atomic import gdal_message, gdal_source

FOOTPRINT_EXTENSIONS = (".gpkg", ".shp", ".zip", ".geojson", ".json", ".fgb")


def check_file(path: Path, allowed: tuple[str, ...], what: str) -> None:
    if not path.exists():
        raise InputError(t("bestand bestaat niet"), path=path)
    if path.is_dir():
        raise InputError(t("is een map, geen bestand"), path=path)
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise InputError(
            t(
                "onbekend bestandstype '{value}' voor {what}; verwacht {join}",
                value=path.suffix or t("(geen extensie)"),
                what=what,
                join=", ".join(allowed),
            ),
            path=path,
        )
    if path.stat().st_size == 0:
        raise InputError(t("bestand is leeg (0 bytes)"), path=path)


def _sibling(path: Path, suffix: str) -> Path | None:
    """A file next to ``path`` with the same stem and ``suffix``, any case."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    stem = path.stem.lower()
    for candidate in path.parent.iterdir():
        if candidate.stem.lower() == stem and candidate.suffix.lower() == suffix:
            return candidate
    return None


def check_shapefile_parts(path: Path, names: set[str] | None = None) -> bool:
    """Raise when .shx or .dbf is missing; return whether a .prj is present.

    ``names`` is the set of lower-cased member names when the shapefile sits in a zip.
    """

    def has(suffix: str) -> bool:
        if names is not None:
            return str(path.with_suffix(suffix)).lower() in names
        return _sibling(path, suffix) is not None

    for suffix, role in (
        (".shx", t("de index")),
        (".dbf", t("de attributen, met de pand-id")),
    ):
        if not has(suffix):
            raise InputError(
                t(
                    "het {suffix}-bestand ontbreekt naast {name} ({role}); een Shapefile "
                    "bestaat uit .shp, .shx, .dbf en .prj: kopieer ze samen",
                    suffix=suffix,
                    name=path.name,
                    role=role,
                ),
            )
    return has(".prj")


#: Windows code page numbers a .cpg may hold, where Python's name is not "cp" + number.
_CODE_PAGES = {
    "65001": "utf-8",
    "65000": "utf-7",
    "1200": "utf-16-le",
    "1201": "utf-16-be",
    "12000": "utf-32-le",
    "12001": "utf-32-be",
    "20127": "ascii",
    "28591": "latin-1",
}


def check_codepage(path: Path, source: str) -> None:
    """Refuse a Shapefile whose ``.cpg`` names a text encoding that is not ASCII-compatible.

    GDAL converts the attributes from that encoding; from UTF-7, UTF-16/32 or EBCDIC it
    silently loses letters (and ids). Encodings Python does not know are left to GDAL.
    """
    suffix = path.suffix.lower()
    text = None
    if source.startswith("/vsizip/"):
        member = source.split(".zip/", 1)[1] if ".zip/" in source else ""
        wanted = str(Path(member).with_suffix(".cpg")).lower()
        names = [n for n in zips.list_members(path) if n.lower() == wanted]
        if names:
            text = zips.read_member(path, names[0])[:256].decode("ascii", "replace")
    elif suffix in (".shp", ".dbf"):
        cpg = _sibling(path, ".cpg")
        if cpg is not None:
            with open(cpg, "rb") as handle:
                text = handle.read(256).decode("ascii", "replace")
    if not text or not text.strip():
        return
    name = text.strip().splitlines()[0].strip()
    encoding = _python_encoding(name)
    if encoding is not None and not _ascii_compatible(encoding):
        raise InputError(
            t(
                "het .cpg-bestand noemt de tekenset '{name}'; die is niet "
                "ASCII-compatibel (zoals UTF-7, UTF-16/32 of EBCDIC) en letters en "
                "id's zouden verloren gaan: sla de Shapefile op in UTF-8 of "
                "Windows-1252",
                name=name,
            ),
            path=path,
        )


def _python_encoding(name: str) -> str | None:
    compact = name.upper().replace("ANSI", "").replace(" ", "")
    candidates = [name]
    if compact.isdigit():
        candidates.insert(0, _CODE_PAGES.get(compact, f"cp{compact}"))
    for candidate in candidates:
        try:
            return codecs.lookup(candidate).name
        except (LookupError, ValueError):
            continue
    return None


def _ascii_compatible(encoding: str) -> bool:
    """Whether printable ASCII and the line ends are the same bytes in ``encoding``."""
    sample = bytes(range(32, 127)) + b"\t\r\n"
    try:
        return sample.decode(encoding) == sample.decode("ascii") and (
            sample.decode("ascii").encode(encoding) == sample
        )
    except (UnicodeError, LookupError):
        return False


def zip_member(path: Path, layer: str | None) -> tuple[str, str | None, set[str]]:
    """The GDAL path of the vector file inside a zip (read through /vsizip/, never extracted)."""
    # validated first (paths, sizes, zip bombs): GDAL then reads the member in place
    names = zips.list_members(path)
    names = [n for n in names if "__MACOSX" not in n and not Path(n).name.startswith("._")]
    lower = {n.lower() for n in names}
    candidates = [n for n in names if Path(n).suffix.lower() == ".shp"]
    if not candidates:
        candidates = [
            n for n in names if Path(n).suffix.lower() in (".gpkg", ".geojson", ".json", ".fgb")
        ]
    if not candidates:
        shown = ", ".join(names[:8]) + (f" ... en {len(names) - 8} meer" if len(names) > 8 else "")
        raise InputError(
            t(
                "zip-bestand bevat geen Shapefile (.shp) of ander vectorbestand; inhoud: {value}",
                value=shown or "(leeg)",
            ),
            path=path,
        )
    member_layer = None
    if len(candidates) > 1:
        chosen = [n for n in candidates if layer and Path(n).stem.lower() == layer.lower()]
        if not chosen:
            listed = ", ".join(Path(n).stem for n in candidates)
            raise InputError(
                t(
                    "zip-bestand bevat meerdere kaartlagen ({listed}); kies er een met --layer",
                    listed=listed,
                ),
                path=path,
            )
        candidates = chosen
    else:
        member_layer = layer
    member = candidates[0]
    return f"/vsizip/{path.resolve()}/{member}", member_layer, lower


def gdal_error(error: Exception, path: Path) -> InputError:
    text = gdal_message(error)  # first line; an alias of a '!' path named as the user's path
    suffix = path.suffix.lower()
    if suffix == ".gpkg":
        hint = t("GeoPackage kan niet gelezen worden (beschadigd of afgebroken bestand?)")
    elif suffix in (".geojson", ".json"):
        hint = t("GeoJSON kan niet gelezen worden (geen geldige JSON?)")
    else:
        hint = t("bestand kan niet gelezen worden")
    return InputError(f"{hint}: {text}", path=path)


def classify(geometry_type: str | None) -> str:
    if geometry_type is None:
        return "table"
    name = str(geometry_type).lower()
    if "polygon" in name or "surface" in name:
        return "polygon"
    if "point" in name:
        return "point"
    if "line" in name or "curve" in name:
        return "line"
    return "unknown"  # "Unknown" / "Geometry": mixed, decided after reading


def list_layers(path: str | Path) -> list[tuple[str, str | None]]:
    """``(name, geometry type)`` of every layer in a vector file (``None`` = no geometry)."""
    path = Path(path)
    check_file(path, FOOTPRINT_EXTENSIONS + (".dbf",), t("een kaartlaag"))
    source = gdal_source(path)  # taken literally: a '!' or ';' in the path is no syntax
    if path.suffix.lower() == ".zip":
        source, _, _ = zip_member(path, None)
    try:
        layers = pyogrio.list_layers(source)
    except Exception as error:
        raise gdal_error(error, path) from None
    return [(str(name), None if gtype is None else str(gtype)) for name, gtype in layers]


#: Footprint layers of BAG files, in order of preference (PDOK BAG GeoPackage, 3D BAG).
BAG_FOOTPRINT_LAYERS = ("pand", "lod12_2d", "lod13_2d", "lod22_2d")


def choose_layer(path: Path, source: str, layer: str | None) -> str | None:
    try:
        layers = pyogrio.list_layers(source)
    except Exception as error:
        raise gdal_error(error, path) from None
    layers = [(str(n), None if t is None else str(t)) for n, t in layers]
    if not layers:
        raise InputError(t("bestand bevat geen kaartlagen"), path=path)
    described = ", ".join(f"{n} ({t or 'tabel'})" for n, t in layers)
    if layer is not None:
        names = [n for n, _ in layers]
        if layer in names:
            return layer
        folded = [n for n in names if n.lower() == layer.lower()]
        if folded:
            return folded[0]
        raise InputError(
            t(
                "laag '{layer}' bestaat niet; aanwezige lagen: {described}",
                layer=layer,
                described=described,
            ),
            path=path,
        )
    if len(layers) == 1:
        return layers[0][0]
    polygonal = [n for n, t in layers if classify(t) in ("polygon", "unknown")]
    if len(polygonal) == 1:
        return polygonal[0]
    # BAG's own layouts: PDOK's BAG GeoPackage and 3D BAG keep the footprints in "pand"
    # (3D BAG also in its 2-D LoD layers, when "pand" has no geometry)
    for preferred in BAG_FOOTPRINT_LAYERS:
        if preferred in polygonal:
            return preferred
    if not polygonal:
        raise InputError(
            t(
                "bevat geen laag met vlakken (panden); aanwezige lagen: {described}",
                described=described,
            ),
            path=path,
        )
    raise InputError(
        t(
            "bevat meerdere vlaklagen: {join}; kies er een met --layer (alle lagen: {described})",
            join=", ".join(polygonal),
            described=described,
        ),
        path=path,
    )
