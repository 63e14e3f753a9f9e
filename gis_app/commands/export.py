"""``gis-app export``: work packages to Shapefile, GeoPackage, GeoJSON, CSV, XLSX and PDF.

Decisions:

* A project without packages is planned (with its own planning settings, else the
  defaults; clusters are suggested first when it has none) and packaged with the default
  package settings; the command says so. The project file itself is left unchanged
  unless ``--save-packages`` is given, because an export should not rewrite the
  planner's file behind their back. The fresh cut is deterministic, so exporting the
  same project twice gives the same package ids either way.
* ``--fields`` takes column names or their Dutch labels, comma-separated; ``default`` and
  ``all`` stand for the default choice (no personal data) and every column. The choice
  is not stored in the project from the command line (only the UI remembers it), so a
  script never changes a file it only reads.
* PDF sheets are drawn offscreen (no display needed).
"""

from __future__ import annotations

import argparse
import sys

from gis_app.commands import _args, _progress
from gis_app.core.i18n import t


def register(subparsers) -> None:
    from gis_app.core.export.exporter import FORMATS

    parser = subparsers.add_parser(
        "export",
        help=(
            "export work packages (Shapefile, GeoPackage, GeoJSON, CSV, XLSX, PDF, QGIS project, "
            "field packs)"
        ),
        description=(
            "Write the work packages of a project into a folder: one GeoPackage (layers "
            "buildings, clusters, packages), per package a Shapefile (folder and .zip), "
            "GeoJSON (WGS84), CSV and XLSX address lists and a PDF map sheet, a QGIS project "
            "(werkpakketten.qgz, format qgis) and optionally offline field packs for QField. "
            "A project without packages is planned and packaged first."
        ),
    )
    parser.add_argument(
        "project", type=_args.path, help="project file (.gpkg) or a footprints file"
    )
    parser.add_argument(
        "--out", type=_args.path, required=True, help="folder to write into (created if missing)"
    )
    parser.add_argument(
        "--format",
        default=",".join(FORMATS),
        help=f"comma-separated formats out of {','.join(FORMATS)} (default: all)",
    )
    parser.add_argument(
        "--package",
        type=_args.nonempty_list,
        action="append",
        default=None,
        metavar="ID",
        help="export only this package (repeat or comma-separate for more)",
    )
    parser.add_argument(
        "--contractor",
        default=None,
        metavar="NAAM",
        help="export only this contractor's packages ('' = not yet assigned)",
    )
    parser.add_argument(
        "--from",
        dest="period_from",
        type=_args.date_in_window,
        default=None,
        metavar="JJJJ-MM-DD",
        help="export only packages whose period runs on or after this date",
    )
    parser.add_argument(
        "--until",
        dest="period_until",
        type=_args.date_in_window,
        default=None,
        metavar="JJJJ-MM-DD",
        help="export only packages whose period starts on or before this date",
    )
    parser.add_argument(
        "--fields",
        type=_args.nonempty_list,
        default=None,
        help=(
            "comma-separated columns to export (names or Dutch labels; 'default', 'all'). "
            "Default: the choice remembered in the project, else everything except personal "
            "data (residents, eigen regie, names, phone numbers, e-mail)"
        ),
    )
    parser.add_argument(
        "--field-pack", action="store_true", help="also write offline field packs per package"
    )
    parser.add_argument(
        "--color-by",
        choices=("measure", "risk_profile"),
        default="measure",
        help="colour of the buildings on the PDF map (default: measure)",
    )
    parser.add_argument(
        "--save-packages",
        action="store_true",
        help="store packages made by this export in the project file (atomically)",
    )
    _progress.add_quiet_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gis_app.core.change import applied
    from gis_app.core.errors import ExportError
    from gis_app.core.export import columns as colmod
    from gis_app.core.export.exporter import (
        ExportOptions,
        check_formats,
        export_project,
        prepare_export,
    )
    from gis_app.core.export.frame import export_frame
    from gis_app.core.io.opening import open_path
    from gis_app.core.io.outputs import check_export_folder

    formats = list(check_formats([f for f in args.format.split(",") if f.strip()]))
    if not formats and not args.field_pack:
        raise ExportError(t("geen exportformaat gekozen"))
    project, join_report = open_path(args.project)
    if project.path is None and args.project.suffix.lower() == ".gpkg":
        project.path = args.project
    check_export_folder(project, args.out)
    for warning in project.load_warnings:
        print(t("gis-app export: waarschuwing: {warning}", warning=warning), file=sys.stderr)
    progress = _progress.progress_for(args, "export")
    prepared = prepare_export(project, progress=progress)
    if prepared.change is not None:
        # this command's own copy of the project gets what the export made
        project = applied(project, prepared.change)
    for note in prepared.notes:
        progress.write(note)
    columns = None
    if args.fields:
        frame = export_frame(
            prepared.buildings,
            prepared.assignment,
            prepared.packages,
            prepared.context,
            getattr(prepared.plan_result, "schedule", None),
            prepared.clusters,
            package_ids=[],
        )
        available = colmod.available_columns(frame.columns)
        columns = colmod.resolve_requested(args.fields.split(","), available)
    package_ids = None
    if args.package:
        package_ids = [p.strip() for item in args.package for p in item.split(",") if p.strip()]
    period = (args.period_from, args.period_until)
    if args.contractor is not None or period != (None, None):
        from gis_app.core.packages import choose_packages

        matching = choose_packages(
            prepared.packages,
            contractor=args.contractor,
            start=args.period_from,
            end=args.period_until,
        )
        if package_ids is not None:
            matching = [p for p in matching if p in set(package_ids)]
        if not matching:
            raise ExportError(t("geen werkpakket past bij de gekozen aannemer en periode"))
        package_ids = matching
    needs_pdf = "pdf" in [f.strip().lower() for f in formats] or args.field_pack
    pdf_writer = None
    if needs_pdf:
        # the direct writer, and Qt (started when needed) for a sheet outside cp1252
        from gis_app.render.pdf_sheets import write_package_pdf

        pdf_writer = write_package_pdf
    options = ExportOptions(
        formats=tuple(formats),
        package_ids=package_ids,
        columns=columns,
        field_pack=args.field_pack,
        color_by=args.color_by,
        remember_columns=False,
    )
    report = export_project(
        project, args.out, options, pdf_writer=pdf_writer, prepared=prepared, progress=progress
    )
    print(report.to_text(notes=False))
    if args.save_packages and prepared.change is not None and prepared.change.packages is not None:
        from gis_app.core.io.projectfile import save_project

        if join_report is not None:
            print(
                t("werkpakketten niet opgeslagen: het invoerbestand is geen projectbestand"),
                file=sys.stderr,
            )
        else:
            save_project(project, args.project)
            print(t("werkpakketten opgeslagen in {project}", project=args.project))
    return 0
