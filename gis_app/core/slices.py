"""Row-wise work on large columns in slices, so a worker thread never holds the GIL long.

Python hands the GIL from one thread to another between bytecodes only, never inside
one C call. A numpy, pandas or shapely call that holds it (text conversions, hashing
Python strings, making a Python object per row) over 300,000 buildings keeps the UI
thread from drawing for its whole duration, 50 to 300 ms. :func:`in_slices` makes such
a call a loop of short calls with the same result: the UI thread gets the GIL between
them, and between slices the work gives way while the UI thread holds background work
(:func:`gis_app.core.progress.give_way`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from gis_app.core.progress import give_way

#: Rows per slice: a few milliseconds of GIL-holding work each at 300,000 buildings.
SLICE_ROWS = 16_384


def in_slices(fn: Callable, values, size: int | None = None) -> np.ndarray:
    """``fn(values)`` for a row-wise ``fn`` (each output row depends on its input row only),
    computed ``size`` rows at a time and concatenated.

    ``values`` is an array or a pandas Series (sliced by position). The result is the
    array one call would give: numpy text takes the widest slice's width and numbers the
    common type of the slices, as one call over all rows would. ``size`` defaults to
    :data:`SLICE_ROWS`.
    """
    parts = [np.asarray(fn(part)) for part in slice_parts(values, size)]
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def slice_parts(values, size: int | None = None) -> Iterator:
    """``values`` (an array or a pandas Series, sliced by position) ``size`` rows at a
    time, giving way between slices; all of it at once when it fits in one. ``size``
    defaults to :data:`SLICE_ROWS`."""
    size = SLICE_ROWS if size is None else size
    n = len(values)
    if n <= size:
        yield values
        return
    rows = values.iloc if hasattr(values, "iloc") else values
    for i in range(0, n, size):
        give_way()
        yield rows[i : i + size]
