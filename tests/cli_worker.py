"""A warm ``gis-app`` for tests that run many commands: one process, many command lines.

Reads one JSON list of arguments per line from stdin, runs :func:`gis_app.cli.main` on
it with stdout and stderr captured, and answers one JSON line: ``{"code", "stdout",
"stderr"}``. An exception escaping ``main`` is what the real command line would show as
a traceback with exit status 1; it is answered as ``code`` 1 with the traceback as
``stderr``. The test kills this process when an answer takes too long (a hang).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(argv: list[str]) -> dict:
    from gis_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException:  # what would be a traceback on the real command line
            traceback.print_exc(file=err)
            code = 1
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def serve() -> None:
    answers = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        answers.write(json.dumps(run(json.loads(line))) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
