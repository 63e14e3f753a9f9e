"""``gis-app plan``: compute the plan of a project and print (or write) its metrics.

Decisions:

* The planning configuration saved in the project (``settings["planning"]``) is used; the
  options override it: ``--bespoke S`` sets the global bespoke share (clusters with their
  own share keep it), ``--capacity N`` means at most N construction starts per week in
  total from the start date on (calendar and contractors are then not used),
  ``--start`` sets the start date.
* A project without clusters: with ``--auto-clusters`` clusters are suggested
  (:func:`gis_app.core.clusters.suggest.suggest_clusters`, default sizes) for this run only; the
  project file is not changed (``gis-app suggest-clusters`` stores them). Without it the
  command stops with status 2 and says so.
* ``--json OUT`` writes :meth:`PlanResult.to_json_dict` (metrics, weekly capacity, the
  schedule per building, clusters in order, the configuration used).
* ``--deadline PROFIEL=TERMIJN`` (repeatable) sets "uiterlijk gereed" for a risk profile on
  top of the saved ones: years after the start date (``verhoogd=3y``) or a date
  (``verhoogd=2029-12-31``); ``licht_verhoogd`` may be written with an underscore.
* The commitments stored in the project (told dates, :mod:`gis_app.core.commitments`) bind
  the plan; ``--contracted STARTS[:WEEKS]`` sets the contracted capacity for this run
  (:mod:`gis_app.commands.letters`). ``metrics.commitments`` in ``--json`` says which
  commitments the plan keeps and which it breaks (promised, planned, days late).
* The lower bound on risk exposure and the optimality gap (:meth:`Planner.bound`) take
  up to a minute on a 300,000-building project, so they are computed only with
  ``--bound`` (and then also written to ``--json``); a plain ``--json`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from gis_app.commands import _args
from gis_app.core.errors import InputError, PlanningError
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_open

#: Upper bound of --capacity: far above any contractor pool, far below an overflow.
MAX_STARTS_PER_WEEK = 100_000


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="compute the reinforcement plan of a project and print its metrics",
        description=(
            "Schedule the clusters of a project into construction capacity and print the "
            "risk exposure, the dates by which all 'verhoogd' and all buildings are safe, the "
            "bespoke share and the explainability count."
        ),
    )
    parser.add_argument("project", type=_args.path, help="project file (.gpkg)")
    parser.add_argument(
        "--bespoke",
        type=_args.number(0.0, 1.0),
        default=None,
        metavar="S",
        help="global bespoke share 0-1",
    )
    parser.add_argument(
        "--capacity",
        type=_args.integer(1, MAX_STARTS_PER_WEEK),
        default=None,
        metavar="N",
        help=f"at most N construction starts per week in total (1..{MAX_STARTS_PER_WEEK})",
    )
    parser.add_argument(
        "--auto-clusters",
        action="store_true",
        help="suggest clusters for this run when the project has none",
    )
    parser.add_argument(
        "--order",
        choices=("default", "optimise"),
        default="default",
        help="cluster order: municipal default or optimised for risk (default: default)",
    )
    parser.add_argument(
        "--start",
        type=_args.date_in_window,
        default=None,
        help="start date of the plan (YYYY-MM-DD, 2000-01-01..2100-12-31)",
    )
    parser.add_argument(
        "--json", type=_args.path, default=None, metavar="OUT", help="write JSON here"
    )
    parser.add_argument(
        "--deadline",
        action="append",
        default=[],
        metavar="PROFIEL=TERMIJN",
        help="'uiterlijk gereed' for a risk profile, in years after the start (verhoogd=3y) "
        "or as a date (verhoogd=2029-12-31); repeatable",
    )
    parser.add_argument(
        "--bound",
        action="store_true",
        help="also compute the lower bound on risk exposure and the optimality gap "
        "(also written to --json then; it takes up to a minute at 300,000 buildings)",
    )
    from gis_app.commands.letters import add_contracted_option

    add_contracted_option(parser)
    parser.set_defaults(func=run)


def deadline_options(values: list[str]) -> dict[str, str]:
    """``["verhoogd=3y", "licht_verhoogd=2031-12-31"]`` -> deadlines by profile (unchecked)."""
    out = {}
    for value in values:
        profile, sep, term = str(value).partition("=")
        if not sep or not profile.strip() or not term.strip():
            raise PlanningError(
                t(
                    "--deadline '{value}': verwacht PROFIEL=TERMIJN, bijvoorbeeld "
                    "verhoogd=3y of verhoogd=2029-12-31",
                    value=value,
                )
            )
        out[profile.strip()] = term.strip()
    return out


def _load(path: Path):
    if not path.exists():
        raise InputError(t("bestand bestaat niet"), path=path)
    from gis_app.core.io.projectfile import load_project

    return load_project(path)


def run(args: argparse.Namespace) -> int:
    from gis_app.core.io.outputs import check_outputs, protected_files
    from gis_app.core.planning import Planner, PlanningConfig

    project = _load(args.project)
    if args.json is not None:
        check_outputs([args.json], protected_files(project), what="--json")
    for warning in project.load_warnings:
        print(t("gis-app plan: waarschuwing: {warning}", warning=warning), file=sys.stderr)
    buildings, clusters = project.buildings, project.clusters
    settings = dict(project.settings or {})
    has_clusters = clusters is not None and len(clusters) > 0
    if not has_clusters:
        if not args.auto_clusters:
            raise PlanningError(
                t(
                    "het project heeft geen clusters; teken of stel clusters voor (gis-app "
                    "suggest-clusters) of gebruik --auto-clusters"
                ),
                path=args.project,
            )
        try:
            from gis_app.core.clusters.suggest import suggest_clusters
        except ImportError:
            raise PlanningError(
                t("clustervoorstel is niet beschikbaar in deze versie"), path=args.project
            ) from None
        clusters, membership = suggest_clusters(buildings)
        buildings = buildings.copy()
        buildings["cluster_id"] = membership.reindex(buildings.index).fillna("").astype(str)
        print(
            t(
                "{n_clusters} clusters voorgesteld (alleen voor deze berekening)",
                n_clusters=len(clusters),
            )
        )
    config = PlanningConfig.from_dict(settings.get("planning"))
    if args.bespoke is not None:
        config.bespoke_share = args.bespoke
    if args.capacity is not None:
        config.starts_per_week = args.capacity
        config.capacity_calendar = []
        config.contractors = []
    if args.start is not None:
        try:
            config.start_date = dt.date.fromisoformat(args.start)
        except ValueError:
            raise PlanningError(
                t("startdatum '{start}' is geen datum (JJJJ-MM-DD)", start=args.start)
            ) from None
    if args.deadline:
        config.deadlines = {**config.deadlines, **deadline_options(args.deadline)}
    from gis_app.commands.letters import apply_contracted, assumed_notice
    from gis_app.core.commitments import CommitmentBook

    apply_contracted(config, args.contracted)
    config.validate()
    book = CommitmentBook.from_dict(project.commitments or None)
    planner = Planner(buildings, clusters, config, commitments=book.promised_starts())
    result = planner.run(order=args.order)
    if args.bound:
        planner.attach_bound(result)
    print(
        t(
            "Plan voor {name}: {n_buildings} panden, {n_clusters} clusters",
            name=args.project.name,
            n_buildings=len(buildings),
            n_clusters=len(clusters),
        )
    )
    for line in result.summary_lines():
        print("  " + line)
    if len(book):
        promises = result.metrics["commitments"]
        print(
            t(
                "  Toezeggingen: {kept} gehouden, {n_broken} gebroken",
                kept=promises["kept"],
                n_broken=len(promises["broken"]),
            )
        )
    if args.contracted is not None or len(book):
        notice = assumed_notice(config)
        if notice:
            print("  " + notice)
    if args.json is not None:
        try:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            with atomic_open(args.json, "w", encoding="utf-8") as handle:
                json.dump(result.to_json_dict(), handle, ensure_ascii=False)
        except OSError as error:
            from gis_app.core.io.atomic import describe_os_error

            reason = describe_os_error(error)
            raise InputError(
                t("kan niet schrijven: {reason}", reason=reason), path=args.json
            ) from None
        print(t("JSON geschreven: {json}", json=args.json))
    sys.stdout.flush()
    return 0
