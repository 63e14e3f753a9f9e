"""Building ids as text, whatever form the file gave them in, and integer keys for them.

Decisions:

* **Building ids** are text. Numbers (integer or integral float columns, and digit-only
  text) with 13 to 15 digits are BAG ids that lost their leading zeros -- every
  municipality code starts with ``0`` or ``1`` and the smallest, ``0003``, leaves 13
  digits -- so they are zero-padded to 16. Shorter numbers are written as plain integers
  (``7`` stays ``"7"``). Text keeps its zeros; surrounding spaces, a ``NL.IMBAG.Pand.``
  prefix and an Excel ``.0`` (or ``,0``) tail are removed, after which the digits follow
  the number rule (``10100000129763.0`` is ``0010100000129763``); ``3,1E+12``-style
  scientific notation is expanded (and reported, because Excel may already have rounded
  it).
* **Hostile ids**: numbers of 10^16 and more (and infinity) are no ids: refused per row,
  never wrapped to a negative int64.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from gis_app.core.i18n import t
from gis_app.core.io.problems import Problem

_BAG_PREFIX = re.compile(r"^nl\.imbag\.pand\.", re.IGNORECASE)
#: Numbers from here on cannot be building ids (BAG ids have 16 digits).
ID_LIMIT = 10**16


def scientific_id_problem(path: str | None, mask, rows, ids) -> Problem:
    """Ids that arrived in scientific notation: written out, but Excel may have rounded them."""
    return Problem.for_rows(
        "id_scientific",
        t(
            "pand-id in wetenschappelijke notatie (uit Excel?): uitgeschreven, "
            "maar controleer of Excel cijfers heeft afgerond"
        ),
        path,
        mask,
        rows,
        ids,
    )


def normalise_ids(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Building ids as text (module docstring has the rule).

    Returns ``(ids, scientific)``: an object array of str with ``""`` for a missing id, and
    a boolean mask of ids that arrived in scientific notation (possibly rounded by Excel).
    Ids that are refused (see :func:`normalise_ids_checked`) come back as ``""``.
    """
    ids, scientific, _ = normalise_ids_checked(values)
    return ids, scientific


def normalise_ids_checked(
    values: pd.Series | np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`normalise_ids` plus the mask of refused ids: ``(ids, scientific, refused)``.

    A number that cannot be a building id -- infinite, or an integer of 10^16 or more
    (BAG ids have 16 digits; above that a float has already lost digits, and int64 would
    wrap) -- is refused: its id is ``""`` and the caller reports the row with its value.
    """
    series = pd.Series(values, copy=False)
    n = len(series)
    scientific = np.zeros(n, dtype=bool)
    refused = np.zeros(n, dtype=bool)
    if n == 0:
        return np.empty(0, dtype=object), scientific, refused
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(object)
    if pd.api.types.is_numeric_dtype(series.dtype):
        ids, refused = _ids_from_numbers(series.to_numpy(dtype=float, na_value=np.nan))
        return ids, scientific, refused

    objects, _ = text_objects(series, convert=_id_text)
    if _all_bag_form(objects):  # the usual file: nothing to change
        return objects, scientific, refused
    # Vectorised: ids of 16 digits without surrounding spaces are already in BAG form;
    # only the others go through the slower text rules (a 16-character "...129763.0" is
    # an Excel float and must lose its ".0" like any other).
    fixed = np.asarray(objects, dtype=str)
    stripped = np.strings.strip(fixed)
    lengths = np.strings.str_len(stripped)
    changed = lengths != np.strings.str_len(fixed)
    odd = (lengths != 16) | ~np.strings.isdigit(stripped)
    if not odd.any() and not changed.any():
        return objects, scientific, refused
    result = objects.copy()
    if changed.any():
        result[changed] = stripped[changed].astype(object)
    if not odd.any():
        return result, scientific, refused
    slow, sci, bad = _normalise_text_ids(pd.Series(stripped[odd].astype(object), dtype=object))
    result[odd] = slow
    positions = np.flatnonzero(odd)
    scientific[positions[sci]] = True
    refused[positions[bad]] = True
    return result, scientific, refused


def refused_id_problem(path: str | None, mask, rows, values, *, dropped: bool) -> Problem:
    """Ids refused by :func:`normalise_ids_checked`, with the value as it was in the file."""
    shown = np.array([_id_text(v) for v in np.asarray(values, dtype=object)[mask]], dtype=object)
    full = np.full(len(mask), "", dtype=object)
    full[mask] = shown
    return Problem.for_rows(
        "id_invalid",
        t("pand-id is geen geldig id (oneindig, of een getal van meer dan 16 cijfers): ")
        + (t("weggelaten") if dropped else t("rij niet op id gekoppeld")),
        path,
        mask,
        rows,
        values=full,
        dropped=dropped,
    )


def _sixteen_characters(texts: list) -> np.ndarray | None:
    """The bytes of ``texts`` as an (n, 16) array when every one is 16 ASCII characters.

    One join with a separator and a look at where the separators are: cheaper than
    measuring 300,000 lengths one by one.
    """
    n = len(texts)
    try:
        joined = "\x1f".join(texts).encode("ascii")
    except (TypeError, UnicodeEncodeError):  # not all text, or not ASCII
        return None
    if len(joined) != 17 * n - 1:
        return None
    data = np.frombuffer(joined + b"\x1f", dtype=np.uint8).reshape(n, 17)
    # a separator at every 17th byte and nowhere else: every text has 16 characters
    if not (data[:, 16] == 0x1F).all() or (data[:, :16] == 0x1F).any():
        return None
    return data[:, :16]


def _all_bag_form(texts: np.ndarray) -> bool:
    """Whether every text is 16 ASCII digits (no rule applies)."""
    data = _sixteen_characters(texts.tolist()) if len(texts) else None
    return data is not None and not ((data - 48) > 9).any()  # below "0" wraps above 9


_EIGHT_DIGITS = 10.0 ** np.arange(7, -1, -1)


def id_keys(ids: np.ndarray) -> np.ndarray | None:
    """Integer keys for normalised ids: equal keys exactly where the ids are equal.

    Only when every id is in BAG form (16 ASCII digits) or empty (key -1); otherwise
    ``None`` and callers compare the text. Why: hashing 300,000 text ids costs about
    0.1 s, hashing their integers a few ms, and the join hashes both files' ids at once.
    """
    n = len(ids)
    if n == 0:
        return None
    texts = ids.tolist()
    empty = np.zeros(n, dtype=bool)
    data = _sixteen_characters(texts)
    if data is None:  # maybe some are empty
        try:
            lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        except TypeError:  # not all text
            return None
        empty = lengths == 0
        if not empty.any() or not ((lengths == 16) | empty).all():
            return None
        data = _sixteen_characters([t for t in texts if t])
        if data is None:
            return None
    digits = data - 48
    if (digits > 9).any():  # below "0" wraps around to above 9
        return None
    # two exact 8-digit halves in floating point (a fast matrix product), then int64
    high = (digits[:, :8] @ _EIGHT_DIGITS).astype(np.int64)
    low = (digits[:, 8:] @ _EIGHT_DIGITS).astype(np.int64)
    keys = np.full(n, -1, dtype=np.int64)
    keys[~empty] = high * 100_000_000 + low
    return keys


def _normalise_text_ids(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(ids, scientific, refused)`` for ids given as text."""
    text = text.str.replace(_BAG_PREFIX, "", regex=True)
    # Excel turned the id into a float: "3100000118018.0" (a Dutch Excel: ",0")
    text = text.str.replace(r"^(\d+)[.,]0+$", r"\1", regex=True)
    sci = text.str.contains(r"^\d(?:[.,]\d+)?[eE]\+?\d+$", regex=True).to_numpy(dtype=bool)
    refused = np.zeros(len(text), dtype=bool)
    if sci.any():
        text = text.copy()
        expanded = [_expand_scientific(v) for v in text[sci]]
        refused[np.flatnonzero(sci)] = [v is None for v in expanded]
        text[sci] = [v if v is not None else "" for v in expanded]
    lengths = text.str.len()
    digits = text.str.isdigit()
    pad = (digits & (lengths >= 13) & (lengths < 16)).to_numpy(dtype=bool)
    result = np.array(text.to_numpy(dtype=object), dtype=object)
    if pad.any():
        result[pad] = text[pad].str.zfill(16).to_numpy(dtype=object)
    return result, sci & ~refused, refused


def text_objects(series: pd.Series, convert=str) -> tuple[np.ndarray, np.ndarray]:
    """``(values, missing)``: a writable object array of ``str`` ("" where missing).

    Columns that hold only text (the usual case) take a vectorised path; mixed columns
    (numbers and text in one spreadsheet column) convert value by value with ``convert``.
    """
    objects = np.array(series.to_numpy(dtype=object), dtype=object)
    missing = pd.isna(objects)
    if missing.any():
        objects[missing] = ""
    if pd.api.types.infer_dtype(objects, skipna=False) not in ("string", "empty"):
        objects = np.array(
            [convert(v) if not m else "" for v, m in zip(objects, missing, strict=True)],
            dtype=object,
        )
    return objects, missing


def _id_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < ID_LIMIT:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)  # 1e+300 stays short, and is refused as an id
    return str(value)


def _expand_scientific(value: str) -> str | None:
    """``3,1E+12`` written out; None when it is 10^16 or more (not an id; and writing out
    ``1e999999999`` would take minutes)."""
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return value
    if number.adjusted() >= 16:
        return None
    if number != number.to_integral_value():
        return value
    return str(int(number))


def _ids_from_numbers(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(ids, refused)`` for a numeric id column (refused: infinite or 10^16 and more)."""
    result = np.full(numbers.shape, "", dtype=object)
    known = ~np.isnan(numbers)
    with np.errstate(invalid="ignore"):
        refused = known & ~(np.abs(numbers) < ID_LIMIT)
    known &= ~refused
    integral = known & (np.mod(numbers, 1.0, where=known, out=np.zeros_like(numbers)) == 0)
    if integral.any():
        ints = numbers[integral].astype(np.int64)
        text = ints.astype(str)
        lengths = np.char.str_len(text)
        pad = (lengths >= 13) & (lengths < 16) & (ints > 0)
        text = text.astype(object)
        if pad.any():
            text[pad] = np.char.zfill(text[pad].astype(str), 16).astype(object)
        result[integral] = text
    other = known & ~integral
    if other.any():
        result[other] = [repr(float(v)) for v in numbers[other]]
    return result, refused
