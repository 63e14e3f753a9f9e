"""Export work packages to the files contractors and other GIS tools read.

:func:`export_project` is the one entry point of the UI and the command line. It makes
sure there is a plan and there are packages (:func:`prepare_export`), builds the export
table once (:func:`~gis_app.core.export.frame.export_frame`), and writes the chosen
formats into the chosen folder:

=========  =====================================================================
format     files (``<pakket>`` = safe name of "package id + name")
=========  =====================================================================
gpkg       ``werkpakketten.gpkg``: layers buildings, clusters, packages (RD New),
           each with its QGIS style (``layer_styles``)
qgis       ``werkpakketten.qgz`` beside that GeoPackage, which then also holds the
           background layers (:mod:`gis_app.core.qgis`)
shp        ``shapefile/<pakket>/<pakket>.shp`` (+ .shx .dbf .prj .cpg, field names)
           and ``shapefile/<pakket>.zip``
geojson    ``geojson/<pakket>.geojson`` (WGS84, RFC 7946)
csv, xlsx  ``adreslijsten/<pakket>.csv`` / ``.xlsx``
pdf        ``pdf/<pakket>.pdf`` (the package's map sheet, see below)
field pack ``veldpakketten/<pakket>/`` and ``veldpakketten/<pakket>.zip``
=========  =====================================================================

Guarantees: every file is written atomically (:mod:`gis_app.core.io.atomic`), every path is
checked to lie inside the chosen folder (:func:`~gis_app.core.export.names.inside`), and
only the chosen columns leave the tool (:mod:`~gis_app.core.export.columns`).

All or nothing: the files are first written into a hidden staging folder inside the
chosen folder (same file system, so the final step is a rename per file) and moved into
place only when every file is written. A cancelled or failed export removes the staging
folder, so the chosen folder holds exactly what it held before: no half export, and no
file of an earlier export replaced by a newer one of a different set. Cancelling works
through the ``progress`` callable (:mod:`gis_app.core.progress`): it is called between
packages and files and raises :class:`~gis_app.core.progress.Cancelled`, or returns
``False`` (older callers), which raises :class:`ExportCancelled`.

Speed with many packages: the files of one package are one job
(:func:`write_package`); with enough packages and idle cores the jobs run in worker processes
(:mod:`gis_app.core.export.pool`), in package order, while this process prepares the next
ones. Nothing is fsync'ed file by file while staging
(:func:`~gis_app.core.io.atomic.deferred_sync`): the staging folder is flushed once
(:func:`~gis_app.core.io.atomic.sync_tree`) before the files are moved into place, and the
renames are flushed once per folder; a staged folder the chosen folder does not have yet
moves with one rename. A field pack copies the PDF sheet already drawn for ``pdf/``
rather than drawing it again. What every package's sheet looks up (neighbours, addresses)
is prepared once per export (:func:`~gis_app.core.export.sheets.sheet_sources`), so a
package costs in proportion to its own size, not to the project's; the address lists'
workbooks are written by :mod:`gis_app.core.export.xlsx`.

PDF sheets (also the field packs') are written by ``pdf_writer(path, sheet)``; without one,
by core's direct writer :func:`gis_app.core.export.pdf.write_package_pdf`, which needs no
Qt but stops with an :class:`ExportError` naming the file and the text when a text of a
sheet is outside Windows code page 1252. The window and the command line pass
:func:`gis_app.render.pdf_sheets.write_package_pdf`: the same direct writer, and Qt's
drawing for such a sheet.

When the project has no packages, :func:`prepare_export` plans (suggesting clusters
first when there are none) and makes packages with the default settings, and its notes
say so. The project object is never changed: what was made comes back as a
:class:`~gis_app.core.change.Change` that the caller applies (the window as one undo
step, the command line on its own copy); saving it is the caller's decision.

Language (:attr:`ExportOptions.language`): the labels people read are written in the
chosen language -- table headers and code words in CSV/XLSX, the ``Toelichting`` sheet,
the field aliases of the GeoPackage and ``_veldnamen.csv``, the PDF sheets -- and so are
the progress steps and the report of this export. Field names, layer names, folder
and file names stay the same in every language (``werkpakketten.gpkg``,
``adreslijsten/``, ``building_id``): they are what scripts and QGIS projects refer to.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from gis_app.core.change import Change
from gis_app.core.errors import ExportError, GisAppError
from gis_app.core.export import FORMATS
from gis_app.core.export import columns as colmod
from gis_app.core.export.addresses import address_list, address_rows, with_commitments
from gis_app.core.export.dbf import EncodedTable
from gis_app.core.export.frame import export_frame, whole
from gis_app.core.export.geojson import to_wgs84, write_geojson
from gis_app.core.export.gpkg import write_geopackage
from gis_app.core.export.names import inside, safe_name, unique_names
from gis_app.core.export.shapefile import encode_prepared, prepare_table, write_shapefile
from gis_app.core.export.tables import table_frame, write_csv, write_xlsx
from gis_app.core.i18n import language, language_of, t, translate
from gis_app.core.io.outputs import check_export_folder
from gis_app.core.packages import (
    PACKAGE_COLUMN,
    PACKAGE_LABELS_NL,
    PackageContext,
    current_assignment,
    make_packages,
    package_context,
    refresh,
    settings_from,
)
from gis_app.core.progress import Cancelled

GPKG_NAME = "werkpakketten.gpkg"
QGIS_NAME = "werkpakketten.qgz"
FOLDERS = {
    "shp": "shapefile",
    "geojson": "geojson",
    "csv": "adreslijsten",
    "xlsx": "adreslijsten",
    "pdf": "pdf",
    "fieldpack": "veldpakketten",
}

ProgressCallback = Callable[[float, str], Any]
PdfWriter = Callable[[Path, Any], Any]


class ExportCancelled(ExportError, Cancelled):
    """The user stopped the export; nothing of it was left in the export folder."""


@dataclass
class ExportOptions:
    formats: tuple[str, ...] = FORMATS
    package_ids: list[str] | None = None  # None: all packages
    columns: list[str] | None = None  # None: the remembered choice (or the default)
    field_pack: bool = False
    color_by: str = "measure"  # PDF map colours: "measure" or "risk_profile"
    remember_columns: bool = True
    styles: bool = True  # QGIS styles in the GeoPackages (off only to measure their cost)
    #: Language of the labels in the files (headers, aliases, Toelichting, _veldnamen.csv,
    #: PDF sheets): "nl" or "en"; None: the app's language (gis_app.core.i18n).
    language: str | None = None


@dataclass
class ExportReport:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was done automatically
    warnings: list[str] = field(default_factory=list)

    def to_text(self, *, notes: bool = True) -> str:
        lines = [*self.notes] if notes else []
        lines.append(
            t(
                "{n_packages} werkpakket(ten) geëxporteerd naar {out_dir}: {n_files} bestand(en)",
                n_packages=len(self.packages),
                out_dir=self.out_dir,
                n_files=len(self.files),
            )
        )
        lines += [t("let op: {warning}", warning=w) for w in self.warnings]
        return "\n".join(lines)


@dataclass
class PreparedExport:
    plan_result: Any
    context: PackageContext
    packages: gpd.GeoDataFrame
    assignment: pd.Series
    notes: list[str] = field(default_factory=list)
    buildings: gpd.GeoDataFrame | None = None  # the frames to export (with what was made)
    clusters: gpd.GeoDataFrame | None = None
    change: Change | None = None  # what the project lacks; None: nothing was made


def _report(progress: ProgressCallback | None, fraction: float, message: str) -> None:
    if progress is not None and progress(min(max(fraction, 0.0), 1.0), message) is False:
        raise ExportCancelled(t("de export is afgebroken"))


def export_needs(project) -> list[str]:
    """What :func:`prepare_export` will have to make for ``project``, in that order:
    ``"clusters"`` (none yet: suggested), ``"plan"`` (no planning settings: planned with
    the defaults), ``"packages"`` (none yet: made with the default package settings)."""
    needs = []
    if project.clusters is None or len(project.clusters) == 0:
        needs.append("clusters")
    if not project.settings.get("planning"):
        needs.append("plan")
    if project.packages is None or len(project.packages) == 0:
        needs.append("packages")
    return needs


def prepare_export(project, *, progress: ProgressCallback | None = None) -> PreparedExport:
    """A plan and packages for ``project``; makes them when missing (see module docstring).

    ``project`` is left unchanged: what had to be made comes back as
    ``PreparedExport.change`` (clusters with their membership, packages with the
    ``package_id`` column), and ``buildings``/``clusters`` are the frames to export
    (the project's own when nothing had to be made).
    """
    from gis_app.core.commitments import CommitmentBook
    from gis_app.core.planning import Planner, PlanningConfig

    notes: list[str] = []
    buildings = project.buildings
    if buildings is None or len(buildings) == 0:
        raise ExportError(t("het project bevat geen panden om te exporteren"), path=project.path)
    clusters = project.clusters
    new_columns: dict[str, np.ndarray] = {}
    new_clusters = None
    made: list[str] = []
    if clusters is None or len(clusters) == 0:
        from gis_app.core.clusters.suggest import suggest_clusters

        _report(progress, 0.02, t("Clusters voorstellen"))
        suggested, membership = suggest_clusters(buildings, existing=clusters)
        keep = [c for c in suggested.columns if c not in ("rank", "reason")]
        clusters = new_clusters = suggested[keep]
        new_columns["cluster_id"] = (
            membership.reindex(buildings.index).fillna("").astype(str).to_numpy(dtype=object)
        )
        buildings = buildings.copy()  # the project's frame stays as it is
        buildings["cluster_id"] = new_columns["cluster_id"]
        made.append("clusters")
        notes.append(
            t(
                "Het project had geen clusters: {n_clusters} clusters voorgesteld.",
                n_clusters=len(clusters),
            )
        )
    planning_settings = project.settings.get("planning")
    config = PlanningConfig.from_dict(planning_settings) if planning_settings else PlanningConfig()
    _report(progress, 0.05, t("Planning berekenen"))
    try:
        # what residents were told binds the exported dates, as in every plan
        promised = CommitmentBook.from_dict(getattr(project, "commitments", None) or None)
        planner = Planner(buildings, clusters, config, commitments=promised.promised_starts())
        result = planner.run()
    except GisAppError:
        raise
    except Exception as error:  # pragma: no cover - a planning defect, shown as one line
        raise ExportError(
            t("de planning kon niet worden berekend: {error}", error=error)
        ) from error
    if not planning_settings:
        notes.append(t("Planning berekend met de standaardinstellingen."))
    ctx = package_context(result, buildings, clusters)
    new_packages = None
    if project.packages is None or len(project.packages) == 0:
        _report(progress, 0.1, t("Werkpakketten maken"))
        cfg = settings_from(project.settings)
        packages, assignment = make_packages(
            result,
            buildings,
            clusters,
            cfg,
            existing=None,
            assignment=np.full(len(buildings), "", dtype=object),
        )
        new_packages = packages
        new_columns[PACKAGE_COLUMN] = assignment.to_numpy(dtype=object)
        if "cluster_id" not in made:
            buildings = buildings.copy()
        buildings[PACKAGE_COLUMN] = new_columns[PACKAGE_COLUMN]
        made.append("packages")
        notes.append(
            t(
                "Het project had geen werkpakketten: {n_packages} gemaakt met de "
                "standaardinstellingen (per cluster, hoogstens {max_buildings} panden "
                "of {max_addresses} adressen, bouwstarts binnen {max_weeks} weken).",
                n_packages=len(packages),
                max_buildings=cfg.max_buildings,
                max_addresses=cfg.max_addresses,
                max_weeks=cfg.max_weeks,
            )
        )
    else:
        assignment = pd.Series(
            current_assignment(buildings), index=buildings.index, name=PACKAGE_COLUMN
        )
        packages = refresh(project.packages, assignment, ctx)
        loose = int((ctx.work & (assignment.to_numpy() == "")).sum())
        if loose:
            notes.append(
                t(
                    "{loose} pand(en) met werk in de planning zitten in geen werkpakket en "
                    "worden niet geëxporteerd.",
                    loose=loose,
                )
            )
    change = None
    if made:
        change = Change(
            description=(
                t("Clusters en werkpakketten maken voor export")
                if new_clusters is not None
                else t("Werkpakketten maken voor export")
            ),
            clusters=new_clusters,
            building_columns=new_columns,
            packages=new_packages,
        )
    return PreparedExport(
        result,
        ctx,
        packages,
        assignment,
        notes,
        buildings=buildings,
        clusters=clusters,
        change=change,
    )


def package_file_names(packages: pd.DataFrame) -> dict[str, str]:
    """Safe, unique file names per package id: ``"<id> <name>"`` (or the id alone)."""
    labels = []
    for pid, name in zip(
        packages["package_id"].astype(str), packages["name"].fillna("").astype(str), strict=True
    ):
        text = pid if not name or name == pid else f"{pid} {name}"
        labels.append(safe_name(text))
    return dict(zip(packages["package_id"].astype(str), unique_names(labels), strict=True))


def check_formats(formats) -> tuple[str, ...]:
    out = []
    for item in formats:
        key = str(item).strip().lower()
        if key == "shapefile":
            key = "shp"
        if key == "json":
            key = "geojson"
        if key not in FORMATS:
            raise ExportError(
                t(
                    "onbekend exportformaat '{item}'; kies uit {join}",
                    item=item,
                    join=", ".join(FORMATS),
                )
            )
        if key not in out:
            out.append(key)
    return tuple(out)


def _package_rows(packages: pd.DataFrame, wanted: list[str] | None) -> pd.DataFrame:
    if wanted is None:
        return packages
    known = set(packages["package_id"].astype(str))
    missing = [p for p in wanted if p not in known]
    if missing:
        raise ExportError(
            t(
                "onbekend werkpakket: {missing}; bekend: {known}",
                missing=", ".join(missing),
                known=", ".join(sorted(known)[:20]) + (" ..." if len(known) > 20 else ""),
            )
        )
    return packages[packages["package_id"].astype(str).isin(wanted)]


def _info_rows(row: dict[str, Any]) -> list[tuple[str, object]]:
    out = []
    for column, label in PACKAGE_LABELS_NL.items():
        if column in ("manual", "sequence"):
            continue
        value = row.get(column)
        if isinstance(value, pd.Timestamp | np.datetime64 | dt.datetime):
            value = None if pd.isna(value) else pd.Timestamp(value).date()
        elif isinstance(value, float | np.floating) and np.isnan(value):
            value = None
        elif column in ("cost", "residents") and isinstance(value, int | float | np.number):
            value = int(whole([value])[0])  # whole euros and persons
        elif isinstance(value, np.integer | np.floating):
            value = value.item()
        out.append((translate(label), value))
    return out


def remove_export_leftovers(root: Path) -> int:
    """Remove temporary files that killed exports left in ``root``; returns how many.

    Only the folders an export writes (``root``, the format folders and the package
    folders below them) are searched, so a large folder the user chose is not walked,
    and only names of :mod:`gis_app.core.io.atomic`'s temporary pattern whose writer is gone
    are removed (the rule is in that module's docstring).
    """
    from gis_app.core.io.atomic import remove_stale_temp_files_in

    folders = [root]
    for name in sorted(set(FOLDERS.values())):
        folder = root / name
        if folder.is_dir() and not folder.is_symlink():
            folders.append(folder)
            with contextlib.suppress(OSError):  # unreadable: the export itself will say so
                folders += [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    return sum(remove_stale_temp_files_in(folder) for folder in folders)


def export_project(
    project,
    out_dir: str | Path,
    options: ExportOptions | None = None,
    *,
    pdf_writer: PdfWriter | None = None,
    progress: ProgressCallback | None = None,
    prepared: PreparedExport | None = None,
) -> ExportReport:
    """Write the export (see the module docstring); returns what was written and noticed."""
    options = options or ExportOptions()
    formats = check_formats(options.formats)
    if pdf_writer is None:  # core's own writer: no Qt needed
        from gis_app.core.export import pdf

        pdf_writer = pdf.write_package_pdf
    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise ExportError(t("de exportmap is een bestand, geen map"), path=root)
    check_export_folder(project, root)  # before anything is written
    try:
        root.mkdir(parents=True, exist_ok=True)
        root = root.resolve()
        remove_export_leftovers(root)
        # a hidden temporary folder named like every temporary file of ours (writer's host
        # and process id), so the next run removes it when this one was killed
        from gis_app.core.io.atomic import temp_path_for

        stage = temp_path_for(root / "export")
        stage.mkdir()
    except OSError as error:
        from gis_app.core.io.atomic import describe_os_error

        raise ExportError(
            t("exportmap niet aangemaakt: {reason}", reason=describe_os_error(error)), path=root
        ) from error
    from gis_app.core.io.atomic import deferred_sync, sync_tree

    try:
        # the staged files are flushed once, together, before they are moved into place
        with language_of(options.language), deferred_sync():
            report = _export_into(
                project, root, stage, options, formats, pdf_writer, progress, prepared
            )
        sync_tree(stage)
        _move_into_place(stage, root, report)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    shutil.rmtree(stage, ignore_errors=True)
    with contextlib.suppress(Cancelled):  # too late to cancel: the files are in place
        _report(progress, 1.0, t("Export gereed"))
    return report


def _move_into_place(stage: Path, root: Path, report: ExportReport) -> None:
    """Move everything staged to its place in ``root`` (same file system: renames) and
    point the report's paths there.

    A staged folder that ``root`` does not have yet (a first export, a new package) moves
    as a whole, with one rename; into a folder that exists the files move one by one,
    replacing those of the same name."""
    from gis_app.core.io.atomic import fsync_dir

    moved: dict[Path, Path] = {}  # staged file or folder -> its place
    folders: dict[Path, None] = {}

    def move(source: Path, parts: tuple[str, ...]) -> None:
        target = inside(root, *parts)
        if source.is_dir() and not source.is_symlink():
            if not os.path.lexists(target):
                os.rename(source, target)
                moved[source] = target
                folders[target.parent] = None
                return
            for name in sorted(os.listdir(source)):
                move(source / name, (*parts, name))
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        moved[source] = target
        folders[target.parent] = None

    try:
        for name in sorted(os.listdir(stage)):
            move(stage / name, (name,))
        for folder in folders:  # the renames made durable: once per folder
            fsync_dir(folder)
        fsync_dir(root)
    except OSError as error:
        from gis_app.core.io.atomic import describe_os_error

        raise ExportError(
            t("export niet op zijn plaats gezet: {reason}", reason=describe_os_error(error)),
            path=root,
        ) from error

    def placed(path: Path) -> Path:
        for staged in (path, *path.parents):
            if staged in moved:
                return moved[staged] / path.relative_to(staged)
            if staged == stage:
                break
        return root / path.relative_to(stage)

    report.files = [placed(Path(f)) for f in report.files]


def _export_into(
    project,
    root: Path,
    stage: Path,
    options: ExportOptions,
    formats: tuple[str, ...],
    pdf_writer: PdfWriter,
    progress: ProgressCallback | None,
    prepared: PreparedExport | None,
) -> ExportReport:
    """Write the export into ``stage``; the report names ``root`` as its folder."""
    prepared = prepared or prepare_export(project, progress=progress)
    # the frames with what the preparation made; the project itself is left unchanged
    buildings = project.buildings if prepared.buildings is None else prepared.buildings
    project_clusters = project.clusters if prepared.clusters is None else prepared.clusters
    report = ExportReport(out_dir=root, notes=list(prepared.notes))
    packages = _package_rows(prepared.packages, options.package_ids)
    ids = packages["package_id"].astype(str).tolist()
    report.packages = ids
    _report(progress, 0.15, t("Exporttabel samenstellen"))
    schedule = getattr(prepared.plan_result, "schedule", None)
    frame = export_frame(
        buildings,
        prepared.assignment,
        prepared.packages,
        prepared.context,
        schedule,
        project_clusters,
        package_ids=ids,
    )
    available = colmod.available_columns(frame.columns)
    if options.columns is None:
        chosen = colmod.chosen_columns(project.settings, available)
    else:
        chosen = colmod.normalise_choice(options.columns, available)
        if options.remember_columns:
            colmod.remember_columns(project.settings, chosen)
    report.columns = chosen
    full = frame  # every column: the PDF sheet picks its own (address only when chosen)
    frame = frame[[*chosen, frame.geometry.name]]
    labels = {c.name: c.label for c in available}
    names = package_file_names(packages)
    exported_at = dt.datetime.now().replace(microsecond=0)

    # split once: positions of each package's rows (frame is in package order)
    pid_values = frame["package_id"].to_numpy(dtype=object)
    groups = _groups(pid_values, ids)
    records_by_id = {r["package_id"]: r for r in packages.to_dict("records")}

    steps = max(1, len(formats) * max(len(ids), 1) + (len(ids) if options.field_pack else 0))
    done = 0

    def step(message: str) -> None:
        nonlocal done
        _report(progress, 0.2 + 0.8 * done / steps, message)
        done += 1

    addresses = None
    sources = None

    def sheet_for(pid):  # the PDF and the field pack of one package share it
        nonlocal sources
        if sources is None:  # the lookups of every sheet, prepared once
            from gis_app.core.export.sheets import sheet_sources

            sources = sheet_sources(buildings, addresses)
        return _sheet(
            records_by_id[pid], full.iloc[groups[pid]], chosen, options, exported_at, sources
        )

    if "gpkg" in formats or "qgis" in formats:
        step(t("GeoPackage schrijven"))
        cluster_ids = set(packages["cluster_id"].astype(str))
        clusters = project_clusters
        clusters = (
            clusters[clusters["cluster_id"].astype(str).isin(cluster_ids)]
            if clusters is not None
            else None
        )
        package_layer = packages.copy()
        for column in ("cost", "residents"):
            if column in package_layer:
                package_layer[column] = whole(package_layer[column])
        layers = {"buildings": frame, "clusters": clusters, "packages": package_layer}
        layers = {k: v for k, v in layers.items() if v is not None}
        qgis = None
        if options.styles or "qgis" in formats:
            from gis_app.core.qgis.writers import export_layers

            qgis = export_layers(project, layers, full, with_project="qgis" in formats)
            layers = qgis.layers
            report.warnings += qgis.state.problems
        target = inside(stage, GPKG_NAME)
        finish = qgis.finish if qgis is not None and options.styles else None
        report.files.append(write_geopackage(target, layers, finish=finish))
        if "qgis" in formats:
            title = getattr(project, "name", "") or "werkpakketten"
            report.files.append(
                qgis.write_project(inside(stage, QGIS_NAME), GPKG_NAME, title=title)
            )
        done += max(len(ids), 1) - 1

    # convert once for the whole export, then slice per package
    shp_table = prepare_table(frame) if "shp" in formats else None
    shp_records = None
    if shp_table is not None:
        report.warnings += shp_table[3]
        shp_records = encode_prepared(shp_table)
        # per package only the geometry is sliced; the table comes from shp_records
        shp_geometry = gpd.GeoDataFrame(geometry=shp_table[0].geometry, crs=shp_table[0].crs)
    wgs84 = to_wgs84(frame) if "geojson" in formats else None
    table = table_frame(frame.drop(columns=frame.geometry.name)) if options.field_pack else None
    lists = list_groups = None
    if {"csv", "xlsx", "pdf"} & set(formats) or options.field_pack:
        exported = buildings[buildings["building_id"].astype(str).isin(set(frame["building_id"]))]
        addresses = address_rows(project, exported)
    if {"csv", "xlsx"} & set(formats):
        # the address lists: one row per address, not per pand
        per_address = address_list(frame.drop(columns=frame.geometry.name), addresses)
        told = getattr(project, "commitments", None)
        per_address = with_commitments(per_address, told, schedule)
        lists = table_frame(per_address)
        list_columns = per_address.columns.tolist()  # the Toelichting sheet lists these
        list_groups = _groups(per_address["package_id"].to_numpy(dtype=object), ids)
    columns = frame.columns.tolist()

    per_package = tuple(f for f in PACKAGE_FORMATS if f in formats)
    state = None
    if options.field_pack:
        from gis_app.core.qgis.writers import MAP_SETTINGS_KEY, map_state

        state = map_state(project.settings.get(MAP_SETTINGS_KEY))  # background layers
        report.warnings += state.problems
    for fmt in (*per_package, *(("fieldpack",) if options.field_pack else ())):
        inside(stage, FOLDERS[fmt]).mkdir(exist_ok=True)
    if not ids:
        done += len(per_package)
    if options.field_pack:
        from gis_app.core.fieldpack import NOTE_COLUMN, FieldPackShared

        shared = FieldPackShared(table=table)  # what the packs share, made once

        # a field pack looks up its buildings' milestone and note: only those rows travel
        office = buildings[[c for c in ("building_id", "milestone", NOTE_COLUMN) if c in buildings]]
        office = pd.DataFrame(office)
        office_rows = pd.Index(office["building_id"].astype(str)).get_indexer(
            frame["building_id"].astype(str)
        )

    def job(pid: str) -> tuple:
        rows = groups[pid]
        item = PackageJob(
            pid=pid, base=names[pid], formats=per_package, columns=columns, language=language()
        )
        if "shp" in per_package:
            records = EncodedTable(shp_records.fields, shp_records.records[rows])
            item.shp = (shp_geometry.iloc[rows], shp_table[1], shp_table[2], records)
            item.labels = labels
        if "geojson" in per_package:
            item.geojson = wgs84.iloc[rows]
        if lists is not None:
            item.addresses = lists.iloc[list_groups[pid]]
            item.list_columns = list_columns
            item.info = _info_rows(records_by_id[pid])
        if "pdf" in per_package or options.field_pack:
            item.sheet = sheet_for(pid)
        if options.field_pack:
            found = office_rows[rows]
            item.fieldpack = {
                "part": frame.iloc[rows],
                "package": records_by_id[pid],
                "buildings": office.iloc[found[found >= 0]],
                "exported_at": exported_at,
                "table": table.iloc[rows],
                "map_state": state,
                "labels": labels,
                "shared": shared,
            }
        return (stage, item, pdf_writer)

    written: dict[str, dict[str, list[Path]]] = {}
    if per_package or options.field_pack:
        from gis_app.core.export import pool

        workers = pool.worker_count(len(ids)) if pool.picklable(pdf_writer) else 0
        per_job = len(per_package) + (1 if options.field_pack else 0)
        writing = t("Werkpakketten schrijven")
        results = pool.write_packages(
            write_package,
            (job(pid) for pid in ids),
            len(ids),
            workers=workers,
            tick=lambda: _report(progress, 0.2 + 0.8 * done / steps, writing),
        )
        with contextlib.closing(results):
            for pid, files in zip(ids, results, strict=True):
                written[pid] = files
                done += per_job
                _report(
                    progress,
                    0.2 + 0.8 * done / steps,
                    t("Werkpakket {package} geschreven", package=pid),
                )
    for fmt in per_package:  # the report lists the files format by format, as before
        for pid in ids:
            report.files += written[pid][fmt]
    if options.field_pack:
        for pid in ids:
            report.files += written[pid]["fieldpack"]
    return report


PACKAGE_FORMATS = ("shp", "geojson", "csv", "xlsx", "pdf")


@dataclass
class PackageJob:
    """What one package's files are written from, sliced out of the export's tables."""

    pid: str
    base: str  # file name of the package
    formats: tuple[str, ...]  # of PACKAGE_FORMATS
    columns: list[str] | None = None  # of the export table (a frame pickles slower)
    shp: tuple | None = None  # (geometry, field mapping, date fields, encoded dBASE rows)
    labels: dict[str, str] | None = None
    geojson: Any = None  # WGS84 rows
    addresses: Any = None  # address-list rows (CSV, XLSX)
    list_columns: list[str] | None = None  # of the address list
    info: list | None = None  # the XLSX sheet's package facts
    sheet: Any = None  # PDF sheet (also the field pack's)
    fieldpack: dict[str, Any] | None = None  # keyword arguments of write_fieldpack
    language: str | None = None  # of the labels: a worker process starts in the app's


def write_package(stage: Path, job: PackageJob, pdf_writer: PdfWriter) -> dict[str, list[Path]]:
    """Write one package's files into ``stage``; returns them per format (and
    ``"fieldpack"``). Runs in this process or in a worker of :mod:`.pool`."""
    with language_of(job.language):
        return _write_package(stage, job, pdf_writer)


def _write_package(stage: Path, job: PackageJob, pdf_writer: PdfWriter) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    base = job.base
    for fmt in job.formats:
        if fmt == "shp":
            sub = inside(stage, FOLDERS[fmt], base)
            sub.mkdir(exist_ok=True)
            geometry, mapping, date_fields, records = job.shp
            result = write_shapefile(
                pd.DataFrame(columns=job.columns),
                sub,
                base,
                labels=job.labels,
                zip_path=inside(stage, FOLDERS[fmt], f"{base}.zip"),
                prepared=(geometry, mapping, date_fields, []),
                encoded=(records, None),
            )
            out[fmt] = [*result.files, result.zip_path]
        elif fmt == "geojson":
            target = inside(stage, FOLDERS[fmt], f"{base}.geojson")
            out[fmt] = [write_geojson(target, job.geojson, wgs84=True)]
        elif fmt == "csv":
            target = inside(stage, FOLDERS[fmt], f"{base}.csv")
            out[fmt] = [write_csv(target, pd.DataFrame(columns=job.columns), table=job.addresses)]
        elif fmt == "xlsx":
            target = inside(stage, FOLDERS[fmt], f"{base}.xlsx")
            listed = pd.DataFrame(columns=job.list_columns)
            out[fmt] = [write_xlsx(target, listed, info=job.info, table=job.addresses)]
        elif fmt == "pdf":
            target = inside(stage, FOLDERS[fmt], f"{base}.pdf")
            pdf_writer(target, job.sheet)
            out[fmt] = [target]
    if job.fieldpack is not None:
        from gis_app.core.fieldpack import write_fieldpack

        # the field pack holds the same sheet as pdf/: drawn once, copied (drawing is
        # the dearest file of a package)
        drawn = out.get("pdf")
        out["fieldpack"] = write_fieldpack(
            stage,
            FOLDERS["fieldpack"],
            base,
            sheet=job.sheet,
            pdf_writer=pdf_writer if not drawn else functools.partial(_copy_file, drawn[0]),
            **job.fieldpack,
        )
    return out


def _copy_file(source: Path, target: Path, _sheet: Any = None) -> None:
    """A ``pdf_writer`` that copies an already drawn sheet (atomically)."""
    from gis_app.core.io.atomic import atomic_path, describe_os_error

    try:
        with atomic_path(target) as temp:
            shutil.copyfile(source, temp)
    except OSError as error:
        raise ExportError(
            t("PDF niet geschreven: {reason}", reason=describe_os_error(error)), path=target
        ) from error


def _groups(values: np.ndarray, ids: list[str]) -> dict[str, np.ndarray]:
    order = np.argsort(values.astype(str), kind="stable")
    sorted_values = values[order].astype(str)
    out = {}
    for pid in ids:
        lo = np.searchsorted(sorted_values, pid, side="left")
        hi = np.searchsorted(sorted_values, pid, side="right")
        out[pid] = np.sort(order[lo:hi])
    return out


def _sheet(record, part, chosen, options, exported_at, sources):
    from gis_app.core.export.sheets import package_sheet

    return package_sheet(
        record,
        part,
        columns=chosen,
        color_by=options.color_by,
        exported_at=exported_at,
        sources=sources,
    )
