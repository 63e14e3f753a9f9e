"""``python -m gis_app`` and the entry point of the standalone build."""

import multiprocessing

if __name__ == "__main__":
    # In the standalone build the background worker (core/workers.py, spawn) is this same
    # program started again with multiprocessing's arguments: run the worker, not the CLI.
    multiprocessing.freeze_support()

    from gis_app.cli import main

    raise SystemExit(main())
