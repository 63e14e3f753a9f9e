"""``gis-app letters``: letters to the residents who can be told their dates now.

Decisions:

* Who can be told: :func:`gis_app.core.planning.promises.tellable` on the project's plan
  (saved configuration and commitments, default order), with ``--contracted
  STARTS[:WEEKS]`` setting the contracted capacity for this run (STARTS per week in total
  from the plan's start, for WEEKS weeks, default 26). Without any contracted capacity the
  planned capacity of the next 26 weeks counts as contracted, and the command says so.
* Per address a PDF letter ``brief-<pand-id>.pdf`` in ``--out`` from the template
  (``--template FILE``, plain UTF-8 text with fields, see :mod:`gis_app.core.letters`;
  otherwise the one stored in the project by Bestand > Bewonersbrieven..., else the
  built-in one), and one ``brieven.csv`` (semicolon separated, UTF-8 with BOM so
  that Word and Excel read it) with ``pand_id`` and the same fields for a mail merge.
* ``--record`` stores each told date as a commitment in the project file (saved
  atomically); a later run does not tell those addresses again. Without ``--record`` the
  project file is not changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from gis_app.commands import _args
from gis_app.core.errors import InputError, PlanningError
from gis_app.core.i18n import t

#: Upper bound of the STARTS in --contracted.
MAX_STARTS_PER_WEEK = 100_000
MAX_WEEKS = 520


def contracted_arg(text: str) -> tuple[int, int]:
    """``"12"`` or ``"12:26"`` -> (starts per week, weeks)."""
    starts, sep, weeks = str(text).partition(":")
    try:
        n = int(starts)
        w = int(weeks) if sep else 26
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("'{value}' is geen STARTS[:WEKEN], bijvoorbeeld 12 of 12:26", value=text[:40])
        ) from None
    if not 0 <= n <= MAX_STARTS_PER_WEEK or not 1 <= w <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            t(
                "'{value}': STARTS 0..{MAX_STARTS_PER_WEEK}, WEKEN 1..{MAX_WEEKS}",
                value=text[:40],
                MAX_STARTS_PER_WEEK=MAX_STARTS_PER_WEEK,
                MAX_WEEKS=MAX_WEEKS,
            )
        )
    return n, w


def add_contracted_option(parser) -> None:
    parser.add_argument(
        "--contracted",
        type=contracted_arg,
        default=None,
        metavar="STARTS[:WEEKS]",
        help="contracted construction starts per week in total from the plan's start, for "
        "WEEKS weeks (default 26); only contracted starts are promised to residents",
    )


def apply_contracted(config, value) -> None:
    """Set the contracted capacity of ``config`` from a ``--contracted`` value."""
    from gis_app.core.planning.config import ContractedCapacity

    if value is None:
        return
    starts, weeks = value
    end = config.start_date + dt.timedelta(weeks=weeks)
    config.contracted = [ContractedCapacity("", starts, config.start_date, end)]


def assumed_notice(config) -> str | None:
    from gis_app.core.planning.config import ASSUMED_CONTRACTED_WEEKS

    if config.contracted:
        return None
    return t(
        "geen gecontracteerde capaciteit ingesteld: de geplande capaciteit van "
        "de komende {ASSUMED_CONTRACTED_WEEKS} weken geldt als gecontracteerd",
        ASSUMED_CONTRACTED_WEEKS=ASSUMED_CONTRACTED_WEEKS,
    )


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "letters",
        help="write letters to the residents who can be told their dates now",
        description=(
            "Write a PDF letter per address whose construction start falls within contracted "
            "capacity (measure assessed, not told before) and one CSV for a mail merge; with "
            "--record the told dates are stored in the project as commitments."
        ),
    )
    parser.add_argument("project", type=_args.path, help="project file (.gpkg)")
    parser.add_argument("--out", type=_args.path, required=True, help="folder for the letters")
    parser.add_argument(
        "--record",
        action="store_true",
        help="store the told dates in the project as commitments (saved atomically)",
    )
    add_contracted_option(parser)
    parser.add_argument(
        "--template",
        type=_args.path,
        default=None,
        help="letter template (UTF-8 text; default: the project's own, else the built-in one)",
    )
    parser.add_argument(
        "--contact",
        default=None,
        help="contact in the letter (default: the project's, else the NCG's)",
    )
    parser.add_argument(
        "--scenario", default="", help="name of the plan scenario the dates come from"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gis_app.commands.plan import _load
    from gis_app.core.commitments import CommitmentBook, commitments_from_plan, letter_rows
    from gis_app.core.io.outputs import check_outputs, protected_files
    from gis_app.core.letters import (
        check_template,
        letter_file_name,
        project_letter_text,
        read_template,
    )
    from gis_app.core.planning import Planner, PlanningConfig
    from gis_app.core.planning.promises import tellable
    from gis_app.render.letters import CSV_NAME

    project = _load(args.project)
    # the project's own template and contact (Bewonersbrieven... in the window), unless given
    stored_template, stored_contact = project_letter_text(project.settings)
    template = read_template(args.template) if args.template is not None else stored_template
    check_template(template)
    contact = args.contact if args.contact is not None else stored_contact
    if len(contact) > 500 or len(args.scenario) > 200:
        raise InputError(t("--contact of --scenario is te lang"))
    for warning in project.load_warnings:
        print(t("gis-app letters: waarschuwing: {warning}", warning=warning), file=sys.stderr)
    clusters = project.clusters
    if clusters is None or len(clusters) == 0:
        raise PlanningError(
            t(
                "het project heeft geen clusters; teken of stel clusters voor (gis-app "
                "suggest-clusters)"
            ),
            path=args.project,
        )
    config = PlanningConfig.from_dict(dict(project.settings or {}).get("planning"))
    apply_contracted(config, args.contracted)
    config.validate()
    book = CommitmentBook.from_dict(project.commitments or None)
    planner = Planner(project.buildings, clusters, config, commitments=book.promised_starts())
    result = planner.run()
    notice = assumed_notice(config)
    if notice:
        print(notice)
    idx = tellable(result)
    rows = letter_rows(result, project.buildings, idx)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise InputError(t("--out is geen map"), path=out)
    names = [out / letter_file_name(r["building_id"]) for r in rows]
    csv_path = out / CSV_NAME
    check_outputs([*names, csv_path], protected_files(project), what="--out")
    from gis_app.render.letters import write_letters

    write_letters(rows, out, template, contact)
    print(
        t(
            "{n_rows} brieven geschreven in {out} (samenvoegbestand {CSV_NAME})",
            n_rows=len(rows),
            out=out,
            CSV_NAME=CSV_NAME,
        )
    )
    if args.record and rows:
        from gis_app.core.io.projectfile import save_project

        new = commitments_from_plan(result, project.buildings, idx, dt.date.today(), args.scenario)
        project.commitments = book.record(new).to_dict()
        save_project(project, args.project)
        print(
            t("{n_new} toezeggingen vastgelegd in {name}", n_new=len(new), name=args.project.name)
        )
    elif args.record:
        print(t("niemand te informeren: geen toezeggingen vastgelegd"))
    sys.stdout.flush()
    return 0
