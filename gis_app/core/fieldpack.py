"""Offline field packs: out to the field team and back, without losing anyone's edits.

Out (:func:`write_fieldpack`): per work package a folder ``<pakket>/`` and a zip of it
holding

* ``<pakket>.gpkg`` -- layer ``buildings`` (the chosen export columns, RD New) with
  empty fields for the field team: ``field_status`` (a milestone, code or Dutch label),
  ``field_note`` and ``field_date``; and per row the *export stamp*: ``export_milestone``
  and ``export_note`` (the office's values at export), ``exported_at`` and
  ``export_hash`` (a checksum of id, milestone, note and export time, so an edited stamp
  is noticed). Layer ``package`` holds the package outline, layers ``achtergrond_*`` the
  map's background layers clipped around the package. Every layer carries its QGIS style;
* ``<pakket>.qgs`` -- the QGIS/QField project: the attribute form (milestone dropdown,
  date picker, read-only export columns), buildings coloured by the work to do, the map
  on the package (:mod:`gis_app.core.qgis`). Nothing refers to a network service;
* ``<pakket>.pdf`` -- the map sheet; ``<pakket>.csv`` -- the address list;
* ``LEESMIJ.txt`` -- what to fill in and which values the status accepts.

Back (:func:`import_fieldpack`): the returned pack (folder, ``.gpkg`` or ``.zip``) is read
(zips through :mod:`gis_app.core.io.zips`, never extracted blindly) and compared row by
row, by BAG id, with the project:

* *changed in the field*: ``field_status`` gives a milestone other than the exported one,
  or ``field_note`` differs from the exported note;
* *changed in the office*: the project's milestone or note is no longer what was
  exported;
* changed in the field only -> applied (milestone, ``field_note``, ``field_date``);
* changed in both -> a **conflict**: reported with both values and *not* applied, unless
  both sides already agree;
* rows with an unknown BAG id, an unknown status, a duplicate id or a stamp that does
  not match its checksum are reported as problems (file and row) and skipped.

The project keeps the field notes in the building columns ``field_note`` and
``field_date`` (added when missing). A milestone that goes back (the field reports an
earlier step than the office had at export) is applied -- the field saw the building --
but listed in the report so the planner can check it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from gis_app.core.errors import ExportError, InputError
from gis_app.core.export.gpkg import gis_ready, write_layers
from gis_app.core.export.gpkg_template import fill_template, make_template, signature
from gis_app.core.export.names import inside
from gis_app.core.export.shapefile import write_zip
from gis_app.core.export.tables import csv_text, write_csv
from gis_app.core.i18n import t
from gis_app.core.io.atomic import gdal_source
from gis_app.core.progress import ProgressCallback, no_progress
from gis_app.core.schema import MILESTONE_ALIASES, MILESTONE_LABELS_NL, MILESTONES

FIELD_COLUMNS = ("field_status", "field_note", "field_date")
STAMP_COLUMNS = ("export_milestone", "export_note", "exported_at", "export_hash")
NOTE_COLUMN = "field_note"
DATE_COLUMN = "field_date"
BUILDINGS_LAYER = "buildings"
PACKAGE_LAYER = "package"
README_NAME = "LEESMIJ.txt"


# --- the stamp ----------------------------------------------------------------------------


def stamp_hash(building_id, milestone, note, exported_at) -> np.ndarray:
    """Checksum of the export stamp per row (first 16 hex digits of SHA-256)."""
    out = np.empty(len(building_id), dtype=object)
    for i, parts in enumerate(zip(building_id, milestone, note, exported_at, strict=True)):
        text = "\x1f".join(
            "" if p is None or (isinstance(p, float) and np.isnan(p)) else str(p) for p in parts
        )
        out[i] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return out


def office_notes(buildings: pd.DataFrame, rows: np.ndarray | None = None) -> np.ndarray:
    if NOTE_COLUMN not in buildings:
        n = len(buildings) if rows is None else len(rows)
        return np.full(n, "", dtype=object)
    values = buildings[NOTE_COLUMN].to_numpy(dtype=object)
    if rows is not None:
        values = values[rows]
    return np.where(pd.isna(values), "", values).astype(str).astype(object)


# --- out ----------------------------------------------------------------------------------


def _readme(package: dict[str, Any], exported_at: dt.datetime) -> str:
    # the Dutch descriptions stay: they are what field_status accepts besides the codes
    statuses = "\n".join(f"  {code:<20} {MILESTONE_LABELS_NL[code]}" for code in MILESTONES)
    return t(
        """Veldpakket werkpakket {package_id} ({name})
Geëxporteerd: {moment}

Open het project (.qgs) in QField of QGIS (werkt zonder internet): de kaart opent op
het werkpakket, met formulier en keuzelijst voor de mijlpaal.
De laag 'buildings' heeft drie lege velden voor het veldwerk:

  field_status  de bereikte mijlpaal (code of omschrijving, zie hieronder)
  field_note    een notitie bij het pand
  field_date    de datum van het bezoek

Laat de velden die met export_ beginnen ongewijzigd: daarmee ziet het kantoor wat er
sinds de export is veranderd. Stuur het GeoPackage (of de hele map als zip) terug.

Mijlpalen (field_status):
{statuses}
""",
        package_id=package.get("package_id", ""),
        name=package.get("name", ""),
        moment=f"{exported_at:%d-%m-%Y %H:%M}",
        statuses=statuses,
    )


def fieldpack_frame(
    part: gpd.GeoDataFrame, buildings: pd.DataFrame, exported_at: dt.datetime
) -> gpd.GeoDataFrame:
    """The buildings layer of a field pack: export columns + empty field columns + stamp."""
    out = part.copy()
    ids = out["building_id"].astype(str).to_numpy(dtype=object)
    position = pd.Index(buildings["building_id"].astype(str)).get_indexer(ids)
    found = position >= 0
    take = np.where(found, position, 0)
    milestone = np.where(found, buildings["milestone"].astype(str).to_numpy(dtype=object)[take], "")
    note = np.where(found, office_notes(buildings)[take], "")
    stamp = exported_at.isoformat(timespec="seconds")
    out["field_status"] = pd.Series([None] * len(out), dtype=object, index=out.index)
    out["field_note"] = pd.Series([None] * len(out), dtype=object, index=out.index)
    out["field_date"] = pd.Series(
        np.full(len(out), np.datetime64("NaT"), dtype="datetime64[ms]"), index=out.index
    )
    out["export_milestone"] = milestone.astype(object)
    out["export_note"] = note.astype(object)
    out["exported_at"] = stamp
    out["export_hash"] = stamp_hash(ids, milestone, note, [stamp] * len(out))
    geometry = out.geometry.name
    return out[[c for c in out.columns if c != geometry] + [geometry]]


@dataclass(frozen=True, eq=False)
class FieldPackShared:
    """What the field packs of one export share, made at the first pack and reused by
    the others (``parts``: GeoPackage templates and project skeletons by layer
    signature, the CSV of the whole table). It lives as long as the export.

    A job sent to a worker process pickles only the token; there the jobs of one export
    share the parts the first of them made (:data:`_WORKER_PARTS`).

    ``table``: the export's whole converted table (:func:`gis_app.core.export.tables.
    table_frame`) whose slices the packs get as ``table``; in this process its CSV is
    made once and each pack's CSV is cut from it (a worker writes its CSV itself)."""

    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    table: pd.DataFrame | None = field(default=None, repr=False)
    parts: dict = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict:
        return {"token": self.token}  # a job pickles a few kB, not the table

    def __setstate__(self, state: dict) -> None:
        token = state["token"]
        parts = _WORKER_PARTS.get(token)
        if parts is None:
            _WORKER_PARTS.clear()  # another export's: a worker serves one export
            parts = _WORKER_PARTS[token] = {}
        object.__setattr__(self, "token", token)
        object.__setattr__(self, "table", None)
        object.__setattr__(self, "parts", parts)


#: In a worker process: token -> the parts of the export its jobs come from.
_WORKER_PARTS: dict[str, dict] = {}


def _write_gpkg(temp: Path, qgis, parts: dict | None, key: tuple | None) -> None:
    """The field pack's GeoPackage at ``temp``: filled into the export's template for
    layers of signature ``key`` (:mod:`gis_app.core.export.gpkg_template`), else (no
    ``key``: layers the template does not cover) written by GDAL."""
    template = parts.get(("gpkg", key)) if parts is not None and key is not None else False
    if template is None:  # written at temp by GDAL, then overwritten by the filled copy
        try:
            template = make_template(temp, qgis.layers, finish=qgis.finish)
        except ValueError:  # GDAL named a column otherwise: these layers go to GDAL
            template = False
            Path(temp).unlink(missing_ok=True)
        parts["gpkg", key] = template
    if template is False:
        write_layers(temp, qgis.layers)
        qgis.finish(temp)
        return
    Path(temp).write_bytes(fill_template(template, qgis.layers))


def csv_record_ends(text: str) -> list[int]:
    """Where each record of a CSV text ends (after its CRLF): a line end inside a quoted
    field (a note of two lines) does not end a record. The writer quotes every field
    with a quote, separator or line-end character, so the quotes alternate open, close."""
    ends, quoted = [], False
    for match in re.finditer('"|\r\n', text):
        if match.group() == '"':
            quoted = not quoted
        elif not quoted:
            ends.append(match.end())
    return ends


def _csv_from_export(shared: FieldPackShared, table: pd.DataFrame | None) -> str | None:
    """The pack's CSV text cut from the CSV of the export's whole table (made once), or
    None when ``table`` is not a slice of ``shared.table`` (then it is written itself)."""
    whole = shared.table
    if table is None or whole is None:
        return None
    made = shared.parts.get("csv")
    if made is None:
        text = csv_text(whole)  # one text and the record ends: little more than the files
        ends = np.asarray([0, *csv_record_ends(text)], dtype=np.int64)
        whole_rows = whole.index.is_unique and len(ends) == len(whole) + 2 and ends[-1] == len(text)
        made = shared.parts["csv"] = (text, ends, whole.index, bool(whole_rows))
    text, ends, index, whole_rows = made
    if not whole_rows or list(table.columns) != list(whole.columns):
        return None
    rows = index.get_indexer(table.index) + 1  # record 0 is the header
    if (rows < 1).any():
        return None
    return text[: ends[1]] + "".join([text[ends[r] : ends[r + 1]] for r in rows])


def write_fieldpack(
    root: Path,
    folder_name: str,
    base: str,
    part: gpd.GeoDataFrame,
    package: dict[str, Any],
    buildings: pd.DataFrame,
    *,
    sheet: Any,
    pdf_writer: Callable[[Path, Any], Any],
    exported_at: dt.datetime,
    table: pd.DataFrame | None = None,
    map_state: Any = None,
    labels: dict[str, str] | None = None,
    shared: FieldPackShared | None = None,
) -> list[Path]:
    """Write ``root/folder_name/base/`` and ``root/folder_name/base.zip``; returns the files.

    ``map_state`` (:class:`gis_app.core.qgis.writers.MapState`) brings the background
    layers; ``labels`` are the Dutch column labels shown in the form; ``shared``: what
    the packs of one export share (one per export, the same for all its packs)."""
    from gis_app.core.io.atomic import atomic_path, atomic_write, describe_os_error
    from gis_app.core.qgis.writers import fieldpack_layers

    target = inside(root, folder_name, base)
    target.mkdir(parents=True, exist_ok=True)
    layer = fieldpack_frame(part, buildings, exported_at)
    outline = package.get("geometry")
    package_layer = gpd.GeoDataFrame(
        {
            "package_id": [str(package.get("package_id", ""))],
            "name": [str(package.get("name", ""))],
            "contractor": [str(package.get("contractor", "") or "")],
        },
        geometry=[outline],
        crs=part.crs,
    )
    gpkg = inside(root, folder_name, base, f"{base}.gpkg")
    qgis = fieldpack_layers(
        {BUILDINGS_LAYER: gis_ready(layer), PACKAGE_LAYER: gis_ready(package_layer)},
        package_layer.total_bounds if outline is not None else None,
        map_state,
        labels=labels,
    )
    # what every pack of the export shares is made once (same layers, columns, styles)
    parts = shared.parts if shared is not None else None
    key = signature(qgis.layers) if parts is not None else None
    try:
        with atomic_path(gpkg) as temp:
            _write_gpkg(temp, qgis, parts, key)
    except OSError as error:
        raise ExportError(
            t("veldpakket niet geschreven: {reason}", reason=describe_os_error(error)), path=gpkg
        ) from error
    pdf = inside(root, folder_name, base, f"{base}.pdf")
    pdf_writer(pdf, sheet)
    csv = inside(root, folder_name, base, f"{base}.csv")
    text = _csv_from_export(shared, table) if shared is not None else None
    if text is not None:
        try:
            atomic_write(csv, text, encoding="utf-8-sig", newline="")
        except OSError as error:
            raise ExportError(
                t("CSV niet geschreven: {reason}", reason=describe_os_error(error)), path=csv
            ) from error
    else:
        write_csv(
            csv,
            part if table is not None else part.drop(columns=part.geometry.name),  # table: as is
            table=table,
        )
    readme = atomic_write(
        inside(root, folder_name, base, README_NAME), _readme(package, exported_at)
    )
    title = f"Veldpakket {package.get('package_id', '')} {package.get('name', '')}".strip()
    skeleton = None
    if key is not None:
        skeleton = parts.get(("qgs", key))
        if skeleton is None:
            skeleton = parts["qgs", key] = qgis.skeleton()
    qgs = qgis.write_project(
        inside(root, folder_name, base, f"{base}.qgs"), gpkg.name, title=title, skeleton=skeleton
    )
    files = [gpkg, qgs, pdf, csv, readme]
    archive = inside(root, folder_name, f"{base}.zip")
    write_zip(archive, files, arcnames=[f"{base}/{f.name}" for f in files])
    return [*files, archive]


# --- back ---------------------------------------------------------------------------------


@dataclass
class FieldProblem:
    row: int  # 1-based feature number in the returned layer
    building_id: str
    message: str


@dataclass
class FieldPackReport:
    path: Path
    rows_read: int = 0
    changes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["row", "building_id", "column", "old", "new"])
    )
    conflicts: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=["row", "building_id", "column", "at_export", "office", "field"]
        )
    )
    problems: list[FieldProblem] = field(default_factory=list)
    backwards: list[str] = field(default_factory=list)  # building ids whose milestone went back
    applied: bool = False

    @property
    def updated_buildings(self) -> int:
        return int(self.changes["building_id"].nunique()) if len(self.changes) else 0

    def to_text(self) -> str:
        lines = [
            t(
                "Veldpakket {path}: {rows_read} panden gelezen, {updated_buildings} "
                "bijgewerkt, {n_conflicts} conflict(en), {n_problems} "
                "probleem/problemen.",
                path=self.path,
                rows_read=self.rows_read,
                updated_buildings=self.updated_buildings,
                n_conflicts=len(self.conflicts),
                n_problems=len(self.problems),
            )
        ]
        for record in self.conflicts.itertuples(index=False):
            lines.append(
                t(
                    "  conflict {building_id} (rij {row}), {column}: bij export "
                    "'{at_export}', kantoor nu '{office}', veld '{field}'",
                    building_id=record.building_id,
                    row=record.row,
                    column=record.column,
                    at_export=record.at_export,
                    office=record.office,
                    field=record.field,
                )
            )
        for problem in self.problems:
            lines.append(
                t(
                    "  rij {row} ({building_id}): {message}",
                    row=problem.row,
                    building_id=problem.building_id,
                    message=problem.message,
                )
            )
        if self.backwards:
            lines.append(
                t(
                    "  mijlpaal teruggezet door het veld bij: {ids}",
                    ids=", ".join(self.backwards[:20])
                    + (" ..." if len(self.backwards) > 20 else ""),
                )
            )
        return "\n".join(lines)


def _find_gpkg(path: Path, workdir: Path) -> Path:
    from gis_app.core.io import zips

    if path.is_dir():
        found = sorted(path.rglob("*.gpkg"))
        if len(found) != 1:
            raise InputError(
                t(
                    "de map bevat geen of meer dan één GeoPackage; kies het teruggestuurde "
                    ".gpkg-bestand"
                ),
                path=path,
            )
        return found[0]
    suffix = path.suffix.lower()
    if suffix == ".gpkg":
        return path
    if suffix == ".zip":
        members = [m for m in zips.list_members(path) if m.lower().endswith(".gpkg")]
        if len(members) != 1:
            raise InputError(t("het zip-bestand bevat geen of meer dan één GeoPackage"), path=path)
        data = zips.read_member(path, members[0])
        target = workdir / "veldpakket.gpkg"
        target.write_bytes(data)
        return target
    raise InputError(t("kies een veldpakket: een map, .gpkg of .zip"), path=path)


def read_fieldpack(path: str | Path, progress: ProgressCallback = no_progress) -> pd.DataFrame:
    """The returned buildings layer (attributes only) of a field pack.

    ``progress(fraction, text)`` is called between the steps (unpacking, reading) and
    stops the read when cancelled; the unpacked copy is removed either way."""
    path = Path(path)
    if not path.exists():
        raise InputError(t("het veldpakket bestaat niet"), path=path)
    progress(0.0, t("Veldpakket openen"))
    workdir = Path(tempfile.mkdtemp(prefix="gis_app_veldpakket_"))
    try:
        gpkg = _find_gpkg(path, workdir)
        progress(0.3, t("Veldpakket lezen"))
        try:
            layers = [str(name) for name, _ in pyogrio.list_layers(gdal_source(gpkg))]
            if BUILDINGS_LAYER not in layers:
                raise InputError(
                    t("geen laag 'buildings': dit is geen veldpakket van gis_app"), path=path
                )
            frame = pyogrio.read_dataframe(
                gdal_source(gpkg), layer=BUILDINGS_LAYER, read_geometry=False
            )
        except InputError:
            raise
        except Exception as error:
            raise InputError(
                t("het veldpakket kan niet worden gelezen: {error}", error=error), path=path
            ) from error
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    progress(1.0, t("Veldpakket gelezen"))
    missing = [c for c in ("building_id", *FIELD_COLUMNS, *STAMP_COLUMNS) if c not in frame.columns]
    if missing:
        raise InputError(
            t(
                "dit is geen veldpakket van gis_app (kolommen ontbreken: {join})",
                join=", ".join(missing),
            ),
            path=path,
        )
    return frame


def _text(values: pd.Series) -> np.ndarray:
    array = values.to_numpy(dtype=object)
    array = np.where(pd.isna(array), "", array)
    return np.asarray([str(v).strip() for v in array], dtype=object)


#: Rows of a returned pack checked between two progress calls (the checksums are per row).
COMPARE_CHUNK = 5_000


def compare_fieldpack(
    buildings: pd.DataFrame,
    returned: pd.DataFrame,
    path: str | Path,
    progress: ProgressCallback = no_progress,
) -> FieldPackReport:
    """What importing ``returned`` would change in ``buildings``, and what conflicts.

    Reads ``buildings`` only; ``progress`` is called between chunks of rows."""
    path = Path(path)
    progress(0.0, t("Veldpakket vergelijken met het project"))
    report = FieldPackReport(path=path, rows_read=len(returned))
    ids = _text(returned["building_id"])
    status_raw = _text(returned["field_status"])
    note = _text(returned["field_note"])
    export_ms = _text(returned["export_milestone"])
    export_note = _text(returned["export_note"])
    stamp = _text(returned["exported_at"])
    hashes = _text(returned["export_hash"])
    field_date = pd.to_datetime(returned["field_date"], errors="coerce")
    row_numbers = np.arange(1, len(returned) + 1)

    position = pd.Index(buildings["building_id"].astype(str)).get_indexer(ids)
    valid = np.ones(len(returned), dtype=bool)
    problems: list[tuple[int, str, str]] = []

    def flag(mask: np.ndarray, message: str) -> None:
        for i in np.flatnonzero(mask & valid):
            problems.append((int(row_numbers[i]), str(ids[i]), message))
        valid[mask] = False

    flag(position < 0, t("BAG-id komt niet voor in het project"))
    duplicate = pd.Series(ids).duplicated(keep="first").to_numpy()
    flag(duplicate, t("BAG-id staat meer dan eens in het veldpakket; alleen de eerste rij telt"))
    expected = np.empty(len(returned), dtype=object)
    for start in range(0, len(returned), COMPARE_CHUNK):
        end = start + COMPARE_CHUNK
        expected[start:end] = stamp_hash(
            ids[start:end], export_ms[start:end], export_note[start:end], stamp[start:end]
        )
        progress(0.8 * (min(end, len(returned)) / len(returned)), t("Exportstempels controleren"))
    flag(expected != hashes, t("het exportstempel (export_*) is gewijzigd; rij overgeslagen"))
    aliases = {k.lower(): v for k, v in MILESTONE_ALIASES.items()}
    status = np.asarray([aliases.get(s.lower()) if s else "" for s in status_raw], dtype=object)
    bad_status = np.asarray([s is None for s in status]) & (status_raw != "")
    for i in np.flatnonzero(bad_status & valid):
        problems.append(
            (
                int(row_numbers[i]),
                str(ids[i]),
                t("onbekende mijlpaal '{value}'", value=status_raw[i]),
            )
        )
    valid &= ~bad_status

    rows = np.where(position >= 0, position, 0)
    office_ms = buildings["milestone"].astype(str).to_numpy(dtype=object)[rows]
    office_note = office_notes(buildings, rows)
    office_changed = (office_ms != export_ms) | (office_note != export_note)

    status_set = np.asarray([isinstance(s, str) and s != "" for s in status]) & valid
    field_ms = status_set & (status != export_ms)
    field_note = valid & (note != "") & (note != export_note)

    changes, conflicts = [], []
    order = {code: i for i, code in enumerate(MILESTONES)}
    progress(0.8, t("Wijzigingen en conflicten bepalen"))
    for i in np.flatnonzero(field_ms | field_note):
        bid = str(ids[i])
        r = int(rows[i])
        for column, changed, new, at_export, office in (
            ("milestone", field_ms[i], status[i], export_ms[i], office_ms[i]),
            (NOTE_COLUMN, field_note[i], note[i], export_note[i], office_note[i]),
        ):
            if not changed or new == office:
                continue
            if office_changed[i]:
                conflicts.append((int(row_numbers[i]), bid, column, at_export, office, new))
                continue
            changes.append((int(row_numbers[i]), bid, column, office, new, r))
            if column == "milestone" and order.get(new, 0) < order.get(office, 0):
                report.backwards.append(bid)
        date = field_date.iloc[i]
        if not pd.isna(date) and not office_changed[i]:
            old = (
                buildings[DATE_COLUMN].to_numpy(dtype=object)[r] if DATE_COLUMN in buildings else ""
            )
            new_date = pd.Timestamp(date).date().isoformat()
            if str(old or "") != new_date:
                changes.append((int(row_numbers[i]), bid, DATE_COLUMN, old or "", new_date, r))

    report.changes = pd.DataFrame(
        changes, columns=["row", "building_id", "column", "old", "new", "position"]
    )
    report.conflicts = pd.DataFrame(
        conflicts, columns=["row", "building_id", "column", "at_export", "office", "field"]
    )
    report.problems = [FieldProblem(r, b, m) for r, b, m in sorted(problems)]
    progress(1.0, t("Veldpakket vergeleken"))
    return report


def compare_fieldpack_file(
    buildings: pd.DataFrame, path: str | Path, progress: ProgressCallback = no_progress
) -> FieldPackReport:
    """Read a returned field pack and compare it with ``buildings`` (changed: nothing).

    The first half of ``progress`` is the reading, the second the comparison; a cancel
    stops at the next step and leaves no unpacked copy behind."""

    def read_step(fraction, text=""):
        progress(0.5 * fraction, text)

    def compare_step(fraction, text=""):
        progress(0.5 + 0.5 * fraction, text)

    return compare_fieldpack(buildings, read_fieldpack(path, read_step), path, compare_step)


def apply_changes(buildings: pd.DataFrame, changes: pd.DataFrame, *, reverse: bool = False) -> None:
    """Write ``changes`` (from a report) into ``buildings`` in place; ``reverse`` undoes them."""
    for column in (NOTE_COLUMN, DATE_COLUMN):
        if column not in buildings:
            buildings[column] = pd.Series(
                [""] * len(buildings), index=buildings.index, dtype=object
            )
    if len(changes) == 0:
        return
    for column, group in changes.groupby("column"):
        positions = group["position"].to_numpy(dtype=np.int64)
        values = (group["old"] if reverse else group["new"]).to_numpy(dtype=object)
        array = buildings[column].to_numpy(dtype=object).copy()
        array[positions] = values
        buildings[column] = array


def import_fieldpack(
    project, path: str | Path, *, apply: bool = True, progress: ProgressCallback = no_progress
) -> FieldPackReport:
    """Read a returned field pack, compare it with ``project`` and (by default) apply the
    changes that are not in conflict. Returns the report (see the module docstring)."""
    report = compare_fieldpack_file(project.buildings, path, progress)
    if apply:
        apply_changes(project.buildings, report.changes)
        report.applied = True
    return report
