"""Read an OGR layer through GDAL's Arrow stream into numpy arrays, without pyarrow.

Why: ``pyogrio.raw.read`` walks the layer feature by feature in Python-held code and
builds a Python object per WKB blob and per text value while holding the GIL; at 300,000
BAG footprints that is about 1.5 s. GDAL's Arrow stream (``OGR_L_GetArrowStream``, a
columnar fast path for GeoPackage, FlatGeobuf and others, a generic one for every other
driver) fills whole columns in C: the same layer drains in about 0.15 s. pyogrio hands the
stream out as an Arrow PyCapsule; ``nanoarrow`` (a small C library, no pyarrow) reads its
buffers, and this module turns them into the numpy arrays ``pyogrio.raw.read`` would
give, so the rest of the reader does not know which path was taken. pyarrow is not used
because installing it switches pandas' string storage for the whole application.

Conversions (checked against ``pyogrio.raw.read`` in tests/test_arrow_io.py):

* text -> object array of ``str``, null -> ``None``; binary -> ``bytes``;
* integers -> their numpy dtype, or float64 with NaN when the column has nulls;
* floats -> float32/float64 with NaN for nulls;
* booleans -> bool, or float64 (1.0 / 0.0 / NaN) when the column has nulls;
* dates -> ``datetime64[D]``; timestamps -> ``datetime64`` in their unit, without time
  zone (values as stored, UTC when a zone is given), NaT for nulls;
* anything else -> object array of Python values (nanoarrow's conversion, slower).

Batches are taken from the stream through its C ``get_next`` called with ``ctypes``
(:func:`stream_batches`), which lets go of the GIL for the call: GDAL reads and decodes
each batch there (10 to 25 ms for 8,192 footprints), and through nanoarrow's iterator it
held the GIL meanwhile, so a read on a worker kept the window from drawing.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

try:  # optional at import time: without it the reader falls back to pyogrio.raw.read
    import nanoarrow
except ImportError:  # pragma: no cover - nanoarrow is a declared dependency
    nanoarrow = None

import pyogrio.raw


class _ArrowArrayStream(ctypes.Structure):
    """The Arrow C stream interface (``struct ArrowArrayStream``, a stable ABI)."""

    _fields_ = [
        ("get_schema", ctypes.c_void_p),
        ("get_next", ctypes.c_void_p),
        ("get_last_error", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


# ctypes.CFUNCTYPE (not PYFUNCTYPE): the call releases the GIL while GDAL reads
_GET_NEXT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_GET_LAST_ERROR = ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.c_void_p)


def stream_batches(stream) -> Iterator:
    """The batches (nanoarrow ``CArray``) of a nanoarrow ``CArrayStream``, as iterating it
    gives them, each fetched without holding the GIL. Raises ``OSError`` with the
    stream's own message when the producer (GDAL) fails."""
    from nanoarrow._array import CArray

    address = stream._addr()
    struct = _ArrowArrayStream.from_address(address)
    get_next = _GET_NEXT(struct.get_next)
    schema = stream._get_cached_schema()
    while True:
        batch = CArray.allocate(schema)
        code = get_next(address, batch._addr())
        if code != 0:
            message = None
            if struct.get_last_error:
                message = _GET_LAST_ERROR(struct.get_last_error)(address)
            text = message.decode("utf-8", "replace") if message else f"error {code}"
            raise OSError(f"Arrow stream: {text}")
        if not batch.is_valid():  # a released array marks the end of the stream
            return
        yield batch


#: Arrow format strings of fixed-width numbers and their numpy dtypes.
_NUMBER_FORMATS = {
    "c": np.int8,
    "C": np.uint8,
    "s": np.int16,
    "S": np.uint16,
    "i": np.int32,
    "I": np.uint32,
    "l": np.int64,
    "L": np.uint64,
    "e": np.float16,
    "f": np.float32,
    "g": np.float64,
}
_TEXT_FORMATS = {"u": np.int32, "U": np.int64}
#: Arrow format strings of binary columns (WKB geometry) and their offsets' dtype.
BINARY_FORMATS = {"z": np.int32, "Z": np.int64}
_TIME_UNITS = {"s": "s", "m": "ms", "u": "us", "n": "ns"}
#: Rows per Arrow batch unless asked otherwise (GDAL's default).
BATCH_ROWS = 65_536
#: Separator used to split a whole text buffer at once; values containing it are sliced.
_SEPARATOR = 0x1F


def available() -> bool:
    """Whether the Arrow path can be used at all (nanoarrow importable)."""
    return nanoarrow is not None


@dataclass
class ArrowLayer:
    """A layer read through the Arrow stream: the columns as numpy arrays."""

    meta: dict
    names: list[str]  # attribute column names, in file order
    columns: list[np.ndarray]  # one per name
    wkb_batches: list[np.ndarray]  # object arrays of WKB bytes (None for null), per batch


def read_layer(
    source: str,
    layer=None,
    *,
    on_wkb_batch: Callable[[np.ndarray], None] | None = None,
    batch_size: int = BATCH_ROWS,
    **filters,
) -> ArrowLayer:
    """Read every feature's attributes and WKB geometry (no FIDs).

    ``on_wkb_batch`` is called with each batch's WKB array as soon as it is converted,
    before the attributes are: the caller can decode geometries and start work that runs
    beside the (GIL-bound) text conversion. Everything is converted while the stream is
    open, because GDAL's buffers belong to the stream.

    ``filters`` (``bbox``, ``mask``, ``where``) go to GDAL: only the features they select
    are read. Raises whatever GDAL or pyogrio raise for an unreadable source; the caller turns that
    into a message (or falls back to ``pyogrio.raw.read``).
    """
    if nanoarrow is None:  # pragma: no cover - see available()
        raise RuntimeError("nanoarrow is not installed")
    opened = pyogrio.raw.open_arrow(
        source, layer=layer, batch_size=batch_size, use_pyarrow=False, **filters
    )
    with opened as (meta, reader):
        stream = nanoarrow.c_array_stream(reader)
        schema = stream.get_schema()
        fields = [(child.name, child.format) for child in schema.children]
        batches = [(batch, batch.view()) for batch in stream_batches(stream)]
        geometry_index = _geometry_index(meta, fields)
        wkb_batches = []
        if geometry_index is not None:
            offset_dtype = BINARY_FORMATS[fields[geometry_index][1]]
            for _, view in batches:
                wkb = _binary(view.child(geometry_index), offset_dtype)
                wkb_batches.append(wkb)
                if on_wkb_batch is not None:
                    on_wkb_batch(wkb)
        # text as the source stores it: a Shapefile without .cpg comes through undecoded,
        # and pyogrio names its encoding (ISO-8859-1 by the format's rule), as raw.read uses
        encoding = meta.get("encoding") or "utf-8"
        names, columns = [], []
        for index, (name, fmt) in enumerate(fields):
            if index == geometry_index:
                continue
            parts = [
                _column(batch.child(index), view.child(index), fmt, encoding)
                for batch, view in batches
            ]
            names.append(name)
            columns.append(_concatenate(parts, fmt))
    return ArrowLayer(meta, names, columns, wkb_batches)


def _geometry_index(meta: dict, fields: list[tuple[str, str]]) -> int | None:
    if meta.get("geometry_type") is None:
        return None
    names = [name for name, _ in fields]
    geometry_name = meta.get("geometry_name") or "wkb_geometry"
    if geometry_name in names:
        return names.index(geometry_name)
    binary = [i for i, (_, fmt) in enumerate(fields) if fmt in BINARY_FORMATS]
    return binary[-1] if binary else None  # GDAL puts the geometry last


def _concatenate(parts: list[np.ndarray], fmt: str) -> np.ndarray:
    if not parts:
        return np.empty(0, dtype=_NUMBER_FORMATS.get(fmt, object))
    if len(parts) == 1:
        return parts[0]
    # a column may have nulls in one batch only: promote the others the same way
    kinds = {p.dtype for p in parts}
    if len(kinds) > 1:
        if any(p.dtype == object for p in parts):
            parts = [p.astype(object) for p in parts]
        else:
            target = np.result_type(*kinds)
            parts = [p.astype(target) for p in parts]
    return np.concatenate(parts)


def valid_mask(view) -> np.ndarray | None:
    """True where a value is present; ``None`` when the array has no nulls."""
    if view.null_count == 0:
        return None
    bits = np.frombuffer(view.buffer(0), dtype=np.uint8)
    mask = np.unpackbits(bits, bitorder="little")
    return mask[view.offset : view.offset + view.length].astype(bool)


def _column(array, view, fmt: str, encoding: str = "utf-8") -> np.ndarray:
    if fmt in BINARY_FORMATS:
        return _binary(view, BINARY_FORMATS[fmt])
    valid = valid_mask(view)
    if fmt in _TEXT_FORMATS:
        return _text(view, _TEXT_FORMATS[fmt], valid, encoding)
    if fmt in _NUMBER_FORMATS:
        values = _fixed(view, _NUMBER_FORMATS[fmt])
        if valid is None:
            return values.copy()  # own the memory: GDAL's buffer goes with the stream
        out = values.astype(np.float64)
        out[~valid] = np.nan
        return out
    if fmt == "b":
        bits = np.frombuffer(view.buffer(1), dtype=np.uint8)
        values = np.unpackbits(bits, bitorder="little")[view.offset : view.offset + view.length]
        if valid is None:
            return values.astype(bool)
        out = values.astype(np.float64)
        out[~valid] = np.nan
        return out
    if fmt == "tdD":
        return _with_nat(_fixed(view, np.int32).astype("datetime64[D]"), valid)
    if fmt == "tdm":
        return _with_nat(
            _fixed(view, np.int64).astype("datetime64[ms]").astype("datetime64[D]"), valid
        )
    if fmt.startswith("ts") and len(fmt) >= 4 and fmt[2] in _TIME_UNITS:
        unit = _TIME_UNITS[fmt[2]]
        return _with_nat(_fixed(view, np.int64).astype(f"datetime64[{unit}]"), valid)
    # rare types (times, decimals, lists): nanoarrow's own conversion to Python values
    out = np.empty(view.length, dtype=object)
    for i, value in enumerate(nanoarrow.Array(array).to_pylist()):
        out[i] = value  # one by one: a list value must stay one cell, not a new axis
    return out


def _fixed(view, dtype) -> np.ndarray:
    values = np.frombuffer(view.buffer(1), dtype=dtype)
    return values[view.offset : view.offset + view.length]


def _with_nat(values: np.ndarray, valid: np.ndarray | None) -> np.ndarray:
    values = values.copy()
    if valid is not None:
        values[~valid] = np.datetime64("NaT")
    return values


def value_offsets(view, dtype) -> np.ndarray:
    """The ``n + 1`` value offsets of a text or binary array view, as int64."""
    values = np.frombuffer(view.buffer(1), dtype=dtype)
    return values[view.offset : view.offset + view.length + 1].astype(np.int64)


def _text(view, offset_dtype, valid: np.ndarray | None, encoding: str = "utf-8") -> np.ndarray:
    n = view.length
    out = np.empty(n, dtype=object)
    if n == 0:
        return out
    offsets = value_offsets(view, offset_dtype)
    data = np.frombuffer(view.buffer(2), dtype=np.uint8)[offsets[0] : offsets[-1]]
    starts = offsets - offsets[0]
    if not (data == _SEPARATOR).any():
        # one decode and one split in C instead of a Python slice per value
        joined = _with_separators(data, starts)
        try:
            out[:] = joined.tobytes().decode(encoding).split(chr(_SEPARATOR))
        except (UnicodeDecodeError, LookupError):
            out[:] = [_decode(part, encoding) for part in joined.tobytes().split(b"\x1f")]
    else:
        raw = data.tobytes()
        out[:] = [
            _decode(raw[a:b], encoding)
            for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)
        ]
    if valid is not None:
        out[~valid] = None
    return out


def _with_separators(data: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The bytes of all values with ``_SEPARATOR`` between consecutive values."""
    n = len(starts) - 1
    out = np.full(len(data) + n - 1, _SEPARATOR, dtype=np.uint8)
    keep = np.ones(len(out), dtype=bool)
    # the separator before value i (i >= 1) lands at its start shifted by the i-1 before it
    keep[starts[1:-1] + np.arange(n - 1)] = False
    out[keep] = data
    return out


def _decode(value: bytes, encoding: str) -> str:
    try:
        return value.decode(encoding, "replace")
    except LookupError:  # an encoding Python does not know: keep what can be read
        return value.decode("utf-8", "replace")


def _binary(view, offset_dtype) -> np.ndarray:
    n = view.length
    out = np.empty(n, dtype=object)
    if n == 0:
        return out
    offsets = value_offsets(view, offset_dtype)
    raw = bytes(view.buffer(2))
    out[:] = [raw[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)]
    valid = valid_mask(view)
    if valid is not None:
        out[~valid] = None
    return out
