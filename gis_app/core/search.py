"""Search buildings by BAG id, address or postcode: the index behind the search field.

:class:`SearchIndex` is built once per buildings table and answers a query without
scanning 300,000 strings (pandas string methods without pyarrow are Python loops, about
0.1–0.3 s per pass at that size, too slow to suggest hits while typing):

* ids and addresses are UTF-8 byte arrays (numpy ``S`` dtype), so an exact, prefix or
  substring match is one C-level pass of a few milliseconds (sorting 300,000 strings
  for binary search took seconds to build; numpy's variable-width strings are ten
  times slower to scan);
* street, house number, postcode and place are factorised (each distinct value once,
  with a code per row) and the words of the distinct values are sorted, so a query word
  is a prefix range in a few thousand sorted words and one array lookup back to the rows.

Matching (case-insensitive, decided here):

* BAG id: the query's digits as a prefix of ``building_id`` (exact match ranks first).
  On Enter, a query of six or more digits also matches inside ids (people type the tail
  of an id); that one pass is a linear scan and is left out of the suggestions.
* Postcode: ``9919AB``, ``9919 ab`` and ``9919`` match as a prefix, spaces ignored.
* Address: every word of the query must start a word of the address, postcode or
  place, in any order, so ``stationsweg 12 loppersum`` and ``loppersum station`` both
  find the house (``weg`` alone does not find Stationsweg). An address that is exactly
  the query, or starts with it, ranks first.

Hits are ranked by how well they match, then in file order. Pressing Enter selects the
hits of the best kind of match (a postcode or street selects the whole street: what a
planner looks for; an exact address selects that house, not also number 120 when 12 was
typed) and zooms to them; picking a suggestion from the list selects that one building.
A query with a house number means one house: when it still hits several buildings
(the same address in two villages, 67 and 67a), :func:`names_one_house` tells the
search field to list them and let the planner choose.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd

_POSTCODE = re.compile(r"^\d{4}\s?[a-z]{0,2}$")
_DIGITS = re.compile(r"^\d+$")

_HOUSE_NUMBER = re.compile(r"^\d+[a-z]?(-\d+)?$")


def names_one_house(query: str) -> bool:
    """True when ``query`` is an address with a house number (``spreeuwenstraat 67``),
    not a postcode, a BAG id or a street alone (those select every hit at once)."""
    text = " ".join(query.replace(",", " ").lower().split())
    if not text or _DIGITS.match(text) or _POSTCODE.match(text):
        return False
    words = text.split()
    has_word = any(not _HOUSE_NUMBER.match(w) and not _DIGITS.match(w) for w in words)
    has_number = any(_HOUSE_NUMBER.match(w) for w in words)
    return has_word and has_number


# Rank of each kind of match (lower is better).
_EXACT_ID, _ID_PREFIX, _POSTCODE_PREFIX, _EXACT_ADDRESS, _ADDRESS_PREFIX = 0, 1, 2, 3, 4
_WORDS, _ID_SUBSTRING = 5, 6


def _raw(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as an object array (a view where possible), for display."""
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    return frame[column].to_numpy(dtype=object)


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode()
    return "" if value is None or value != value else str(value)


def _encoded(values: np.ndarray, normalise) -> np.ndarray:
    """UTF-8 bytes (numpy ``S`` dtype) of each normalised value: one Python pass, after
    which exact, prefix and substring matches run in C (``S`` arrays are about ten times
    faster than numpy's variable-width strings for these)."""
    out = np.array([normalise(_text(v)).encode() for v in values], dtype=bytes)
    return out if len(out) else np.empty(0, dtype="S1")


def _normal_address(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


def _prefix_range(sorted_values: np.ndarray, prefix: str) -> tuple[int, int]:
    """``[lo, hi)`` of the entries of a sorted object array that start with ``prefix``."""
    lo = int(np.searchsorted(sorted_values, prefix, side="left"))
    hi = int(np.searchsorted(sorted_values, prefix + _MAX_CHAR, side="left"))
    return lo, hi


_MAX_CHAR = "\U0010ffff"


class _Words:
    """A text column reduced to its distinct values: a code per row, the words per value.

    A query word is matched against the sorted distinct words (a few thousand at most)
    and the hits are mapped back to all rows with one array lookup, so no Python code
    runs per row.
    """

    def __init__(self, codes: np.ndarray, values: list[str]):
        self.codes = np.asarray(codes, dtype=np.int32)  # -1: missing
        words = [value.split() for value in values]
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        flat = np.fromiter(
            itertools.chain.from_iterable(words), dtype=object, count=int(lengths.sum())
        )
        self.n_values = len(values)
        self.word_values = np.repeat(np.arange(self.n_values, dtype=np.int32), lengths)
        self.order = np.argsort(flat)
        self.sorted_words = flat[self.order]

    @classmethod
    def of_column(cls, values: np.ndarray, normalise) -> _Words:
        """Factorise raw values first, then normalise only the distinct ones."""
        codes, uniques = pd.factorize(values)
        return cls(codes, [normalise(_text(u)) for u in uniques])

    def rows_with_prefix(self, prefix: str) -> np.ndarray:
        """Boolean mask of rows whose value has a word starting with ``prefix``."""
        lo, hi = _prefix_range(self.sorted_words, prefix)
        wanted = np.zeros(self.n_values + 1, dtype=bool)  # the extra entry: code -1
        wanted[self.word_values[self.order[lo:hi]]] = True
        return wanted[self.codes]


class SearchIndex:
    """Id and address byte arrays and word indexes of one buildings table."""

    def __init__(self, buildings: pd.DataFrame):
        self.n = len(buildings)
        raw_ids = _raw(buildings, "building_id")
        raw_addresses = _raw(buildings, "address")
        raw_places = _raw(buildings, "woonplaats")
        self._ids = _encoded(raw_ids, str.lower)
        self._addresses = _encoded(raw_addresses, _normal_address)
        head, separator, tail = np.strings.rpartition(self._addresses, b" ")
        has_number = separator != b""
        streets = np.where(has_number, head, tail)
        numbers = np.where(has_number, tail, b"")
        self._words = [
            _Words.of_column(streets, str),
            _Words.of_column(numbers, str),
            _Words.of_column(
                _raw(buildings, "postcode"), lambda text: text.replace(" ", "").lower()
            ),
            _Words.of_column(raw_places, str.lower),
        ]
        self._postcodes = self._words[2]
        self._display_address = raw_addresses
        self._display_place = raw_places
        self._display_id = raw_ids

    def _rows_with_word(self, word: str) -> np.ndarray:
        """Rows where a word of the street, number, postcode or place starts with ``word``."""
        mask = self._words[0].rows_with_prefix(word)
        for words in self._words[1:]:
            mask |= words.rows_with_prefix(word)
        return mask

    def search(
        self, query: str, limit: int | None = None, *, scan: bool = True, best_only: bool = False
    ) -> np.ndarray:
        """Row positions of matching buildings, best first.

        ``scan=False`` leaves out the linear id-substring pass (for suggestions while typing);
        ``best_only`` keeps only the hits of the best kind of match (an exact address, not
        also the longer house numbers that start with it).
        """
        query = " ".join(query.replace(",", " ").lower().split())
        if not query or self.n == 0:
            return np.empty(0, dtype=np.int64)
        rank = np.full(self.n, 99, dtype=np.int8)

        def better(rows, value: int) -> None:
            rows = np.asarray(rows)
            if rows.dtype == bool:
                rows = np.flatnonzero(rows)
            rank[rows] = np.minimum(rank[rows], value)

        encoded = query.encode()
        if _DIGITS.match(query):
            better(self._ids == encoded, _EXACT_ID)
            better(np.strings.startswith(self._ids, encoded), _ID_PREFIX)
            if scan and len(query) >= 6:
                better(np.strings.find(self._ids, encoded) >= 0, _ID_SUBSTRING)
        words = query.split()
        if _POSTCODE.match(query):
            words = [query.replace(" ", "")]
            better(self._postcodes.rows_with_prefix(words[0]), _POSTCODE_PREFIX)
        if not _DIGITS.match(query):  # an address starts with a street name
            better(self._addresses == encoded, _EXACT_ADDRESS)
            better(np.strings.startswith(self._addresses, encoded), _ADDRESS_PREFIX)
        mask = self._rows_with_word(words[0])
        for word in words[1:]:
            mask &= self._rows_with_word(word)
        better(mask, _WORDS)

        hits = np.flatnonzero(rank < 99)
        hits = hits[np.argsort(rank[hits], kind="stable")]
        if best_only and len(hits):
            hits = hits[rank[hits] == rank[hits[0]]]
        return hits[:limit] if limit is not None else hits

    def describe(self, row: int) -> str:
        """One-line text for a hit: ``Stationsweg 12, Loppersum (0003100000118018)``."""
        address = _text(self._display_address[row])
        place = _text(self._display_place[row])
        label = ", ".join(part for part in (address, place) if part)
        building_id = _text(self._display_id[row])
        return f"{label} ({building_id})" if label else building_id
