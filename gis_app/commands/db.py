"""``gis-app db``: the shared team database (PostgreSQL/PostGIS).

* ``gis-app db init URL`` -- create or update the schema, roles and rules;
* ``gis-app db push PROJECT.gpkg URL --name NAME [--replace]`` -- upload a project;
* ``gis-app db pull URL --name NAME --out PROJECT.gpkg [--overwrite]`` -- a local copy;
* ``gis-app db sync PROJECT.gpkg URL`` -- save what was changed in that copy back, row by
  row; rows changed by others since the pull are listed as conflicts and left alone
  (exit status 1), the copy records the new versions of the saved rows.

``URL`` is a libpq URL or ``service=NAME``. A password belongs in ``.pgpass`` or the
keyring; one typed into the URL is used but never printed (messages show the URL without
it). A pull never replaces an existing file unless ``--overwrite`` is given, and never the
files the project was made from (:mod:`gis_app.core.io.outputs`). The pulled copy
remembers the database project and row versions (not the connection), so it can be
edited offline and saved back under the same version rules.
"""

from __future__ import annotations

import argparse
import sys

from gis_app.commands import _args, _progress
from gis_app.core.errors import InputError
from gis_app.core.i18n import t


def _target(text: str) -> str:
    if "\x00" in text:
        raise argparse.ArgumentTypeError(t("de databaseverbinding bevat een NUL-teken"))
    if not text.strip():
        raise argparse.ArgumentTypeError(t("lege databaseverbinding"))
    return text


def _name(text: str) -> str:
    from gis_app.core.db.connection import DbError
    from gis_app.core.db.transfer import check_name

    try:
        return check_name(text)
    except DbError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "db",
        help="share a project in a PostgreSQL/PostGIS database (team mode)",
        description=(
            "Team mode: one plan shared by NCG and the municipalities in PostgreSQL/PostGIS. "
            "URL is a libpq connection URL (postgresql://user@host/db?sslmode=require) or "
            "service=NAME from pg_service.conf; passwords come from .pgpass or the keyring."
        ),
    )
    commands = parser.add_subparsers(dest="db_command", metavar="ACTION", title="actions")
    commands.required = True

    init = commands.add_parser(
        "init", help="create or update the gis_app schema, roles and rules in a PostGIS database"
    )
    init.add_argument("url", type=_target, metavar="URL")
    init.set_defaults(func=run_init)

    push = commands.add_parser("push", help="upload a project file to the database")
    push.add_argument("project", type=_args.path, help="project file (.gpkg)")
    push.add_argument("url", type=_target, metavar="URL")
    push.add_argument("--name", type=_name, required=True, help="project name in the database")
    push.add_argument(
        "--replace", action="store_true", help="replace a project of that name in the database"
    )
    _progress.add_quiet_argument(push)
    push.set_defaults(func=run_push)

    pull = commands.add_parser("pull", help="take a local copy of a project from the database")
    pull.add_argument("url", type=_target, metavar="URL")
    pull.add_argument("--name", type=_name, required=True, help="project name in the database")
    pull.add_argument("--out", type=_args.path, required=True, help="project file to write")
    pull.add_argument("--overwrite", action="store_true", help="replace an existing file at --out")
    _progress.add_quiet_argument(pull)
    pull.set_defaults(func=run_pull)

    sync = commands.add_parser(
        "sync",
        help="save the rows changed in a pulled copy back to the database (row versions "
        "checked; exit status 1 when rows were refused or changed by others meanwhile)",
    )
    sync.add_argument("project", type=_args.path, help="a copy made by 'db pull' (.gpkg)")
    sync.add_argument("url", type=_target, metavar="URL")
    sync.set_defaults(func=run_sync)


def run_init(args: argparse.Namespace) -> int:
    from gis_app.core.db import init_database, safe_target

    old, new = init_database(args.url)
    where = safe_target(args.url)
    if old == new:
        print(t("{where}: schema is al bij (versie {new})", where=where, new=new))
    else:
        print(t("{where}: schema ingericht (versie {old} -> {new})", where=where, old=old, new=new))
    return 0


def run_push(args: argparse.Namespace) -> int:
    from gis_app.core.db import push
    from gis_app.core.io.projectfile import load_project

    if not args.project.exists():
        raise InputError(t("bestand bestaat niet"), path=args.project)
    project = load_project(args.project)
    for warning in project.load_warnings:
        print(t("gis-app db push: waarschuwing: {warning}", warning=warning), file=sys.stderr)
    progress = _progress.progress_for(args, "db push")
    push(project, args.url, args.name, progress, replace=args.replace)
    print(
        t(
            "{n_buildings} panden en {n_clusters} clusters opgeslagen als project '{name}'",
            n_buildings=len(project.buildings),
            n_clusters=len(project.clusters),
            name=args.name,
        )
    )
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from gis_app.core.db import pull
    from gis_app.core.io.outputs import check_outputs, protected_files
    from gis_app.core.io.projectfile import PROJECT_SUFFIX, save_project

    out = args.out if args.out.suffix else args.out.with_suffix(PROJECT_SUFFIX)
    if out.suffix.lower() != PROJECT_SUFFIX:
        raise InputError(t("een project wordt opgeslagen als GeoPackage (.gpkg)"), path=out)
    if out.exists() and not args.overwrite:
        raise InputError(
            t("bestaat al; kies een andere naam of gebruik --overwrite om het te vervangen"),
            path=out,
        )
    progress = _progress.progress_for(args, "db pull")
    project = pull(args.url, args.name, progress, remember=True)
    check_outputs([out], protected_files(project), what="--out")
    save_project(project, out)
    print(
        t(
            "project '{name}' opgehaald: {n_buildings} panden -> {out}",
            name=args.name,
            n_buildings=len(project.buildings),
            out=out,
        )
    )
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from gis_app.core.db import save_changes
    from gis_app.core.db.offline import offline_changes, remember_saved
    from gis_app.core.db.transfer import TEAM_SETTING
    from gis_app.core.io.projectfile import load_project, save_project

    if not args.project.exists():
        raise InputError(t("bestand bestaat niet"), path=args.project)
    project = load_project(args.project)
    name, changes, base = offline_changes(project)
    if not changes:
        print(t("geen wijzigingen ten opzichte van project '{name}' in de database", name=name))
        return 0
    result = save_changes(args.url, name, changes, base)
    if result.accepted:
        project.settings[TEAM_SETTING] = remember_saved(project, changes, result)
        save_project(project, args.project)
    print(
        t(
            "{n_saved} van {n_changed} gewijzigde rijen opgeslagen in '{name}'",
            n_saved=len(result.accepted),
            n_changed=len(changes),
            name=name,
        )
    )
    for conflict in result.conflicts:
        print(
            t(
                "conflict: {kind} '{key}' is intussen door een ander gewijzigd "
                "(versie {version}); niet overschreven",
                kind=conflict.kind,
                key=conflict.key,
                version=conflict.their_version,
            )
        )
    for refused in result.refused:
        print(
            t(
                "geweigerd: {kind} '{key}': {reason}",
                kind=refused.kind,
                key=refused.key,
                reason=refused.reason,
            )
        )
    return 1 if result.conflicts or result.refused else 0
