"""``gis-app suggest-clusters``: propose neighbourhood clusters for a project.

Decisions:

* Clusters already in the project are kept (they are the planner's work); suggestions
  are made for the buildings in no cluster and appended after them. ``--replace``
  discards the existing clusters first.
* Without ``--out`` the project file is rewritten in place (atomically); a data file
  that is not a project (a footprints GeoPackage, a Shapefile...) needs ``--out``.
* The rank and its reason are printed for the first clusters; in the project the
  cluster order is the rank order.
"""

from __future__ import annotations

import argparse
import sys

from gis_app.commands import _args, _progress
from gis_app.core.errors import InputError
from gis_app.core.i18n import t

#: Bounds of the size options (buildings, metres): generous, but finite and meaningful.
MAX_CLUSTER_BUILDINGS = 100_000
MAX_SPREAD_METRES = 100_000.0
MAX_LINK_METRES = 10_000.0


def register(subparsers) -> None:
    from gis_app.core.clusters.suggest import (
        DEFAULT_LINK_DISTANCE,
        DEFAULT_MAX_BUILDINGS,
        DEFAULT_MAX_SPREAD,
    )

    parser = subparsers.add_parser(
        "suggest-clusters",
        help="suggest neighbourhood clusters and add them to the project",
        description=(
            "Group nearby buildings into clusters (adjacent houses together), at most "
            "--max-buildings per cluster and at most --max-spread metres across, ranked with "
            "the clusters holding most 'verhoogd' buildings first. Adds a 'clusters' layer and "
            "a cluster_id column on the buildings layer."
        ),
    )
    parser.add_argument(
        "project", type=_args.path, help="project file (.gpkg) or a footprints file"
    )
    parser.add_argument(
        "--max-buildings",
        type=_args.integer(1, MAX_CLUSTER_BUILDINGS),
        default=DEFAULT_MAX_BUILDINGS,
        help=f"most buildings per cluster (default {DEFAULT_MAX_BUILDINGS})",
    )
    parser.add_argument(
        "--max-spread",
        type=_args.number(0.0, MAX_SPREAD_METRES, low_open=True),
        default=DEFAULT_MAX_SPREAD,
        help=(
            "largest extent of a cluster in metres: the diagonal of the bounding box of its "
            f"buildings (default {DEFAULT_MAX_SPREAD:g})"
        ),
    )
    parser.add_argument(
        "--link-distance",
        type=_args.number(0.0, MAX_LINK_METRES),
        default=DEFAULT_LINK_DISTANCE,
        help=(
            "buildings whose footprints are at most this many metres apart start in the same "
            f"group (default {DEFAULT_LINK_DISTANCE:g})"
        ),
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="discard the clusters already in the project instead of keeping them",
    )
    parser.add_argument(
        "--out",
        type=_args.path,
        default=None,
        help="write the project with the clusters to this GeoPackage instead of in place",
    )
    _progress.add_quiet_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gis_app.core.clusters.accept import add_suggestions
    from gis_app.core.io.opening import open_path
    from gis_app.core.io.projectfile import is_project_file, save_project

    if args.max_buildings < 1:
        raise InputError(t("--max-buildings moet minstens 1 zijn"))
    if not args.max_spread > 0:
        raise InputError(t("--max-spread moet groter dan 0 zijn"))
    if args.link_distance < 0:
        raise InputError(t("--link-distance mag niet negatief zijn"))
    target = args.out
    if target is None:
        if not args.project.exists():
            raise InputError(t("het bestand bestaat niet"), path=args.project)
        if not is_project_file(args.project):
            raise InputError(
                t(
                    "dit is geen projectbestand; geef met --out aan waar het project met "
                    "de clusters moet komen"
                ),
                path=args.project,
            )
        target = args.project
    elif target.suffix.lower() != ".gpkg":
        raise InputError(t("--out moet een GeoPackage (.gpkg) zijn"), path=target)

    progress = _progress.progress_for(args, "suggest-clusters")
    progress(0.0, t("Project lezen"))
    project, _report = open_path(args.project)
    for warning in project.load_warnings:
        print(
            t("gis-app suggest-clusters: waarschuwing: {warning}", warning=warning), file=sys.stderr
        )
    kept = 0 if args.replace else len(project.clusters)
    suggestion = add_suggestions(
        project.buildings,
        project.clusters,
        max_buildings=args.max_buildings,
        max_spread=args.max_spread,
        link_distance=args.link_distance,
        replace=args.replace,
        progress=lambda fraction, message: progress(0.05 + 0.85 * fraction, message),
    )
    project.clusters = suggestion.clusters
    project.buildings = project.buildings.copy()
    project.buildings["cluster_id"] = suggestion.membership
    progress(0.9, t("Project opslaan"))
    written = save_project(project, target)
    progress(1.0, t("Klaar"))

    n_new = len(suggestion.added_ids)
    in_clusters = int((suggestion.membership != "").sum())
    print(
        t(
            "{n_new} clusters voorgesteld (max {max_buildings} panden, spreiding "
            "max {max_spread:g} m); {in_clusters} van {n_buildings} panden in een "
            "cluster",
            n_new=n_new,
            max_buildings=args.max_buildings,
            max_spread=args.max_spread,
            in_clusters=in_clusters,
            n_buildings=len(project.buildings),
        )
        + (t("; {kept} bestaande clusters behouden", kept=kept) if kept else "")
        + f" -> {written}"
    )
    for reason, name in list(zip(suggestion.reasons, suggestion.names, strict=True))[:5]:
        print(f"  {name}: {reason}")
    return 0
