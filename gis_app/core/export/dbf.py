"""The dBASE table (.dbf) of a Shapefile, written with whole-column numpy operations.

GDAL writes the geometry (.shp, .shx, .prj, .cpg); the table is written here because
that is where the choices are: exact field widths (GDAL makes every text field 80 wide
unless it rewrites the file afterwards), real date fields, and no per-feature work.

Format: dBASE III (version byte 0x03), as every Shapefile reader expects.

* ``C`` text: UTF-8 (the ``.cpg`` says so), left-aligned, as wide as the longest value
  in bytes (1..254; longer texts are cut before, see :mod:`.shapefile`);
* ``D`` date: ``YYYYMMDD``, blank when missing;
* ``N`` number: integers right-aligned without decimals; floats with 15 decimals when they
  fit in 24 characters, fewer for large values; missing numbers are ``*`` (the shapelib
  and GDAL convention for NULL);
* ``L`` logical: ``T``/``F``.
"""

from __future__ import annotations

import datetime as dt
import math
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

MAX_TEXT_BYTES = 254
FLOAT_WIDTH = 24
FLOAT_DECIMALS = 15


def _ascii_matrix(text: np.ndarray, width: int) -> np.ndarray:
    """Fixed-width ASCII byte matrix (n, width) from a numpy str array (already padded)."""
    encoded = np.char.encode(text.astype(f"U{width}"), "ascii").astype(f"S{width}")
    matrix = encoded.view(np.uint8).reshape(len(text), width)
    return matrix


def _text_column(values: np.ndarray) -> tuple[np.ndarray, int]:
    strings = np.where(pd.isna(values), "", values).astype(str)
    encoded = np.char.encode(strings, "utf-8") if len(strings) else np.zeros(0, dtype="S1")
    width = int(max(1, min(MAX_TEXT_BYTES, encoded.dtype.itemsize if len(encoded) else 1)))
    encoded = encoded.astype(f"S{width}")
    matrix = encoded.view(np.uint8).reshape(len(values), width).copy()
    matrix[matrix == 0] = ord(" ")
    return matrix, width


def _date_column(values: np.ndarray) -> np.ndarray:
    text = np.where(pd.isna(values), "        ", values).astype("U8")
    return _ascii_matrix(np.char.ljust(text, 8), 8)


def _int_column(values: np.ndarray) -> tuple[np.ndarray, int]:
    text = np.char.mod("%d", values.astype(np.int64)) if len(values) else np.zeros(0, dtype="U1")
    width = int(max(1, np.char.str_len(text).max(initial=1)))
    return _ascii_matrix(np.char.rjust(text, width), width), width


def _float_column(values: np.ndarray) -> tuple[np.ndarray, int, int]:
    values = values.astype(float)
    finite = np.isfinite(values)
    largest = float(np.abs(values[finite]).max(initial=0.0))
    digits = 1 if largest < 1 else int(math.floor(math.log10(largest))) + 1
    decimals = max(0, min(FLOAT_DECIMALS, FLOAT_WIDTH - digits - 2))
    width = FLOAT_WIDTH
    text = (
        np.char.mod(f"%{width}.{decimals}f", np.where(finite, values, 0.0))
        if len(values)
        else np.zeros(0, "U1")
    )
    text = np.where(finite, text, "*" * width)
    return _ascii_matrix(np.char.rjust(text.astype(f"U{width}"), width), width), width, decimals


def _bool_column(values: np.ndarray) -> np.ndarray:
    text = np.where(values.astype(bool), "T", "F").astype("U1")
    return _ascii_matrix(text, 1)


@dataclass
class EncodedTable:
    """A table encoded as dBASE records once; any subset of rows is then written by slicing."""

    fields: list[tuple[str, str, int, int]]  # (name, type, width, decimals)
    records: np.ndarray  # uint8 (n, record length), deletion flag included

    def __len__(self) -> int:
        return len(self.records)


def encode_table(table: pd.DataFrame, date_fields: list[str]) -> EncodedTable:
    """Encode ``table`` (short field names, see :mod:`.fields`) as fixed-width records."""
    n = len(table)
    descriptors = []
    blocks = []
    for name in table.columns:
        values = table[name].to_numpy()
        dtype = table[name].dtype
        decimals = 0
        if n == 0:
            if name in date_fields:
                kind, width = "D", 8
            elif pd.api.types.is_bool_dtype(dtype):
                kind, width = "L", 1
            elif pd.api.types.is_float_dtype(dtype):
                kind, width, decimals = "N", FLOAT_WIDTH, FLOAT_DECIMALS
            elif pd.api.types.is_integer_dtype(dtype):
                kind, width = "N", 1
            else:
                kind, width = "C", 1
            descriptors.append((name, kind, width, decimals))
            blocks.append(np.zeros((0, width), dtype=np.uint8))
            continue
        if name in date_fields:
            kind, block, width = "D", _date_column(values), 8
        elif pd.api.types.is_bool_dtype(dtype):
            kind, block, width = "L", _bool_column(values), 1
        elif pd.api.types.is_integer_dtype(dtype):
            kind, (block, width) = "N", _int_column(values)
        elif pd.api.types.is_float_dtype(dtype):
            kind = "N"
            block, width, decimals = _float_column(values)
        else:
            kind, (block, width) = "C", _text_column(values.astype(object))
        descriptors.append((name, kind, width, decimals))
        blocks.append(block)
    record_len = 1 + sum(d[2] for d in descriptors)
    records = np.empty((n, record_len), dtype=np.uint8)
    records[:, 0] = ord(" ")
    offset = 1
    for block, (_, _, width, _) in zip(blocks, descriptors, strict=True):
        records[:, offset : offset + width] = block
        offset += width
    return EncodedTable(descriptors, records)


def write_encoded(
    path: Path,
    encoded: EncodedTable,
    rows: np.ndarray | None = None,
    *,
    today: dt.date | None = None,
) -> None:
    """Write ``encoded`` (or only its ``rows``, in that order) as a dBASE III file."""
    today = today or dt.date.today()
    records = encoded.records if rows is None else encoded.records[rows]
    record_len = encoded.records.shape[1]
    header_len = 32 + 32 * len(encoded.fields) + 1
    header = bytearray(32)
    header[0] = 0x03
    header[1:4] = bytes([today.year - 1900, today.month, today.day])
    struct.pack_into("<IHH", header, 4, len(records), header_len, record_len)
    for name, kind, width, decimals in encoded.fields:
        field = bytearray(32)
        encoded_name = name.encode("ascii")[:10]
        field[: len(encoded_name)] = encoded_name
        field[11] = ord(kind)
        field[16] = width
        field[17] = decimals
        header += field
    header += b"\x0d"
    with open(path, "wb") as handle:
        handle.write(bytes(header))
        handle.write(np.ascontiguousarray(records).tobytes())
        handle.write(b"\x1a")


def write_dbf(
    path: Path, table: pd.DataFrame, date_fields: list[str], *, today: dt.date | None = None
) -> None:
    """Write ``table`` (short field names, see :mod:`.fields`) as a dBASE III file."""
    write_encoded(path, encode_table(table, date_fields), today=today)
