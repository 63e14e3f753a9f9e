"""Fork the neighbour-pair child of a project file before the heavy libraries are imported.

``gis-app open`` of a large project starts the child that finds the first plan's neighbour
pairs (:mod:`gis_app.core.planning.prefetch`) as its very first step, while the process
has imported almost nothing: after a fork, parent and child share their memory page by
page until one writes, and every module the parent had imported, written to by reference
counting while the window is built, was copied page by page (measured: the window's
build 0.36 s without the child, 0.52 s with one forked after the imports). Forked first,
each imports numpy, pandas and shapely into its own memory.

This module imports nothing heavy: the child imports what it needs itself.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

_log = logging.getLogger(__name__)

#: Files smaller than this are not worth a child (a project of 20,000 buildings, the
#: smallest one prefetched, takes about 7 MB).
MIN_BYTES = 4 * 1024 * 1024


def start_reading_child(path: str | os.PathLike, *, min_bytes: int = MIN_BYTES):
    """``(process, connection)`` of a forked child that reads the project file ``path`` and
    finds its neighbour pairs, or ``None``: not a GeoPackage, smaller than ``min_bytes``,
    or no child to be forked here (:func:`fork_child`). Wrap it in a
    :class:`~gis_app.core.planning.prefetch.NeighbourPrefetch` (``NeighbourPrefetch.adopt``)
    to use or close it."""
    path = Path(path)
    try:
        if path.suffix.lower() != ".gpkg" or path.stat().st_size < min_bytes:
            return None
    except OSError:
        return None  # the read says what is wrong with it
    return fork_child(_child, str(path))


def fork_child(target, *args):
    """``(process, connection)``: ``target(receiving, sending, *args)`` in a forked daemon
    child that answers on the pipe, or ``None`` where no child can be forked: no ``fork``
    (Windows), or threads running (a lock another thread held at the fork would stay
    locked in the child for ever)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() != 1:
        return None
    try:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=target, args=(receive, send, *args), name="gis_app-neighbours", daemon=True
        )
        process.start()
        send.close()  # the child holds the sending end: its exit ends the pipe
    except (OSError, ValueError) as error:
        _log.info("neighbour pairs not prefetched: %s", error)
        return None
    return process, receive


def _child(receiving, sending, path: str) -> None:
    from gis_app.core.planning.prefetch import read_and_find_pairs

    read_and_find_pairs(receiving, sending, path)
