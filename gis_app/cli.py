"""Command line: ``gis-app`` opens the app; subcommands work without a window.

Each subcommand lives in its own module under :mod:`gis_app.commands` and exposes
``register(subparsers)``; modules are discovered, so adding a command touches no
shared file. User-facing errors (:class:`GisAppError`) print one line and exit 2.

Warnings raised while a command runs (pyogrio's RuntimeWarnings about a file, pandas'
parser warnings...) are held back until it ends: shown as usual when it succeeds or
fails unexpectedly, dropped when it exits 2, so that standard error then holds exactly
the one line that says what is wrong.
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

#: The languages of ``--lang``; the choice is passed on in the environment variable
#: ``GIS_APP_LANG``, which the window (gis_app.ui.app.install_language) and the command
#: line's messages read, so a window started by a subcommand follows it too.
LANGUAGES = ("nl", "en")
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
            "language of the window and the messages: nl (Dutch, the default) or en "
            f"(English); overrides the stored preference for this run ({LANG_ENV} does the same)"
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
    return parser


def _module_name(command: str) -> str:
    """``suggest-clusters`` -> ``suggest_clusters``; ``import`` -> ``import_cmd``."""
    name = command.replace("-", "_")
    return "import_cmd" if name == "import" else name


def main(argv: list[str] | None = None) -> int:
    startup_trace.mark("main")
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
