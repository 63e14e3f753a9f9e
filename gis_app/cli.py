"""Command line: ``gis-app`` opens the app; subcommands work without a window.

Each subcommand lives in its own module under :mod:`gis_app.commands` and exposes
``register(subparsers)``; modules are discovered, so adding a command touches no
shared file. User-facing errors (:class:`GisAppError`) print one line and exit 2.

Warnings raised while a command runs (pyogrio's RuntimeWarnings about a file, pandas'
parser warnings...) are held back until it ends: shown as usual when it succeeds or
fails unexpectedly, dropped when it exits 2, so that standard error then holds exactly
the one line that says what is wrong.

``--lang nl|en`` (before or after the subcommand) chooses the language of everything:
it sets ``GIS_APP_LANG`` (:mod:`gis_app.core.i18n`) before anything is parsed or shown.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import warnings

from gis_app import __version__, startup_trace
from gis_app.commands._args import OneLineArgumentParser
from gis_app.commands._progress import close_all as close_progress
from gis_app.core.errors import GisAppError
from gis_app.core.i18n import LANGUAGES, set_language

#: ``--lang`` is passed on in the environment variable ``GIS_APP_LANG`` (set by
#: core.i18n.set_language), which the window (gis_app.ui.app.install_language) and the
#: command line's messages read, so a window started by a subcommand follows it too.
LANG_ENV = "GIS_APP_LANG"
EXIT_OK = 0
EXIT_UNUSABLE_INPUT = 2


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` only that subcommand's module is
    imported (``gis-app open FILE`` need not load the export and clustering code
    first), when a module of that name exists."""
    parser = OneLineArgumentParser(
        prog="gis-app",
        description=(
            "Desktop GIS for planning the earthquake reinforcement of buildings in Groningen. "
            "Without a subcommand it opens the main window on the bundled sample area."
        ),
    )
    parser.add_argument("--version", action="version", version=f"gis-app {__version__}")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=(
            "language of the window, the messages and the exports: nl (Dutch, the default) "
            f"or en (English); overrides the stored preference for this run ({LANG_ENV} "
            "does the same)"
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="subcommands")
    import gis_app.commands as commands

    names = [
        info.name
        for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name)
        if not info.name.startswith("_")
    ]
    if command is not None and _module_name(command) in names:
        names = [_module_name(command)]
    for name in names:
        module = importlib.import_module(f"gis_app.commands.{name}")
        module.register(subparsers)
    for subparser in subparsers.choices.values():
        # also after the subcommand (gis-app export ... --lang en); SUPPRESS keeps the
        # global value when it is not given there
        subparser.add_argument(
            "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


def _choose_language(argv: list[str]) -> None:
    """Apply ``--lang`` before the parser is built, so that its messages (and those of
    every module) are in that language; an invalid value is left for argparse to refuse."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            set_language(value)


def _module_name(command: str) -> str:
    """``suggest-clusters`` -> ``suggest_clusters``; ``import`` -> ``import_cmd``."""
    name = command.replace("-", "_")
    return "import_cmd" if name == "import" else name


def main(argv: list[str] | None = None) -> int:
    startup_trace.mark("main")
    _choose_language(list(sys.argv[1:] if argv is None else argv))
    words = sys.argv[1:] if argv is None else argv
    named = words[0] if words and not words[0].startswith("-") else None
    parser = build_parser(named)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a refused argument (one line printed)
        return exit_.code if isinstance(exit_.code, int) else EXIT_UNUSABLE_INPUT
    if args.lang is not None:
        os.environ[LANG_ENV] = args.lang
    if args.command is None:
        from gis_app.ui.app import run_app

        return run_app()
    held: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as held:
            status = int(args.func(args) or EXIT_OK)
    except GisAppError as error:
        # the held warnings are dropped: this one line says what matters
        close_progress()  # a progress bar must not share the error's line
        message = " ".join(error.user_message().split())  # one line, whatever the text
        print(f"gis-app {args.command}: {message}", file=sys.stderr)
        return EXIT_UNUSABLE_INPUT
    except KeyboardInterrupt:
        close_progress()
        return 130
    except BaseException:
        _show(held)  # with the traceback that follows
        raise
    _show(held)
    return status


def _show(held: list[warnings.WarningMessage]) -> None:
    """Show warnings held back while a command ran, as Python would have shown them."""
    for warning in held:
        warnings.showwarning(
            warning.message, warning.category, warning.filename, warning.lineno, warning.file
        )


if __name__ == "__main__":
    sys.exit(main())
