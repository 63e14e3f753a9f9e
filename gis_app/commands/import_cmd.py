"""``gis-app import FOOTPRINTS [--risk TABLE] ... --out PROJECT.gpkg``: load data into a project.

Reads the footprints (and a risk table), joins them with
:func:`gis_app.core.join.load.load_buildings`, prints the join report and writes a new project
file with :func:`gis_app.core.io.projectfile.save_project`. Exit status 0 on success; 2 with a
one-line reason on unusable input (any :class:`~gis_app.core.errors.GisAppError`).

Decisions: the report goes to standard output (``--json`` prints
:meth:`JoinReport.to_dict` instead of the Dutch text), so it can be saved with a
redirect; writing over one of the input files is refused; the project records both
input files (path and content hash) as its sources and a summary of the report (counts,
no id lists) under ``settings["import_report"]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gis_app.commands import _args, _progress
from gis_app.core.errors import InputError
from gis_app.core.formatting import count
from gis_app.core.i18n import t

_SUMMARY_KEYS = (
    "footprints_path",
    "risk_path",
    "layer",
    "footprints_read",
    "buildings_loaded",
    "scores_read",
    "matched_by_id",
    "matched_by_location",
    "footprints_without_scores",
    "geometries_repaired",
    "geometries_dropped",
    "rows_dropped",
    "profile_counts",
    "profiles_derived_from_lpr",
    "bag_not_existing",
    "bag_permit_flagged",
    "bag_counts",
    "field_mapping",
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import footprints (and a risk table) into a new project file, printing the report",
        description=(
            "Read building footprints (GeoPackage, Shapefile, zipped Shapefile, GeoJSON, "
            "FlatGeobuf) and optionally a risk table (CSV or XLSX), join them by BAG id (or by "
            "location for point tables), print the join report and write a project GeoPackage."
        ),
    )
    parser.add_argument("footprints", type=_args.path, metavar="FOOTPRINTS", help="footprint file")
    parser.add_argument("--risk", type=_args.path, metavar="TABLE", help="risk table (CSV or XLSX)")
    parser.add_argument(
        "--id-field", metavar="F", help="building id field in the footprints (default: detected)"
    )
    parser.add_argument(
        "--risk-id-field", metavar="F", help="building id column in the risk table (detected)"
    )
    parser.add_argument("--layer", metavar="L", help="layer to read when the file has several")
    parser.add_argument("--sheet", metavar="S", help="worksheet of an XLSX risk table")
    parser.add_argument(
        "--crs",
        metavar="EPSG",
        help="coordinate system of the footprints when the file has none (e.g. 28992)",
    )
    parser.add_argument(
        "--area",
        metavar="AREA",
        help="read only this area of a large (national) file: a box in RD metres "
        "'xmin,ymin,xmax,ymax', a polygon file, or municipality codes '0003,0010'",
    )
    parser.add_argument(
        "--out",
        type=_args.path,
        required=True,
        metavar="PROJECT.gpkg",
        help="project file to write",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the report as JSON instead of text"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse footprints outside the Netherlands (RD New area plus 50 km) instead of "
        "only reporting them",
    )
    _progress.add_quiet_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gis_app.core.io.area import parse_area
    from gis_app.core.io.projectfile import save_project, source_record
    from gis_app.core.join.load import load_buildings
    from gis_app.core.project import Project

    out = args.out if args.out.suffix else args.out.with_suffix(".gpkg")
    if out.suffix.lower() != ".gpkg":
        raise InputError(t("het project wordt een GeoPackage: gebruik --out NAAM.gpkg"), path=out)
    inputs = [p for p in (args.footprints, args.risk) if p is not None]
    for source in inputs:
        if source.exists() and out.exists() and source.resolve() == out.resolve():
            raise InputError(
                t("--out is hetzelfde bestand als de invoer; kies een andere naam"), path=out
            )

    area = parse_area(args.area) if args.area else None
    progress = _progress.progress_for(args, "import", machine_output=args.json)
    progress(0.0, t("Bestanden lezen en koppelen"))
    buildings, report = load_buildings(
        args.footprints,
        args.risk,
        id_field=args.id_field,
        crs=args.crs,
        layer=args.layer,
        risk_id_field=args.risk_id_field,
        sheet=args.sheet,
        area=area,
    )
    if args.strict:
        _refuse_outside_netherlands(report, args.footprints)
    project = Project(buildings=buildings, name=out.stem)
    if report.addresses is not None:
        # the address table of a BAG source (one row per address), for the exports
        project.addresses = report.addresses
    project.sources = [source_record(args.footprints, "footprints", args.layer or "")]
    if args.risk is not None:
        project.sources.append(source_record(args.risk, "risk"))
    summary = report.to_dict()
    project.settings["import_report"] = {k: summary[k] for k in _SUMMARY_KEYS}
    if area is not None:
        project.settings["import_report"]["area"] = area.describe()

    if args.json:
        progress.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        progress.write(report.to_text())
    progress(0.8, t("Project opslaan"))
    written = save_project(project, out)
    progress(1.0, t("Klaar"))
    done = t(
        "{n_buildings} panden opgeslagen in {written}",
        n_buildings=count(len(buildings)),
        written=written,
    )
    print(done, file=sys.stderr if args.json else sys.stdout)
    return 0


def _refuse_outside_netherlands(report, footprints: Path) -> None:
    """``--strict``: footprints outside the Netherlands stop the import (nothing written)."""
    for problem in report.problems:
        if problem.kind == "geometry_outside_netherlands":
            first = f"object {problem.rows[0]}" if problem.rows else ""
            if problem.ids:
                first += f" ({problem.ids[0]})"
            raise InputError(
                t(
                    "--strict: {count} panden liggen buiten Nederland (meer dan 50 km "
                    "buiten het RD New-gebied), eerste: {first}; klopt het "
                    "coördinatenstelsel?",
                    count=problem.count,
                    first=first,
                ),
                path=footprints,
            )
