"""Search buildings by BAG id, address or postcode; the map zooms to the hits and selects them.

:class:`SearchIndex` prepares lower-case text columns once per buildings table and
answers each query with vectorised pandas string methods (no loop over buildings).

Matching (case-insensitive, decided here):

* BAG id: the query's digits as a prefix of ``building_id`` (exact match ranks first);
  from six digits on also as a substring, since people often type the tail of an id.
* Postcode: ``9919AB``, ``9919 ab`` and ``9919`` match as a prefix, spaces ignored.
* Address: every word of the query must occur in "address postcode woonplaats", so
  ``stationsweg 12 loppersum`` and ``loppersum stationsweg`` both find the house; an
  address that is exactly the query, or starts with it, ranks first.

Hits are ranked by how well they match, then in file order. Pressing Enter selects all
hits (a postcode or street selects the whole street: what a planner looks for) and zooms
to them; picking a suggestion from the list selects that one building.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from gis_app.ui.document import ProjectDocument

_POSTCODE = re.compile(r"^\d{4}\s?[a-z]{0,2}$")
_DIGITS = re.compile(r"^\d+$")

# Rank of each kind of match (lower is better).
_EXACT_ID, _ID_PREFIX, _POSTCODE_PREFIX, _EXACT_ADDRESS, _ADDRESS_PREFIX = 0, 1, 2, 3, 4
_WORDS, _ID_SUBSTRING = 5, 6


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str).reset_index(drop=True)


class SearchIndex:
    """Lower-case search columns of one buildings table."""

    def __init__(self, buildings: pd.DataFrame):
        self.n = len(buildings)
        self.ids = _text(buildings, "building_id").str.lower()
        self.postcodes = _text(buildings, "postcode").str.replace(" ", "", regex=False).str.lower()
        self.addresses = _text(buildings, "address").str.lower().str.strip()
        woonplaats = _text(buildings, "woonplaats").str.lower()
        self.haystack = (
            self.addresses + " " + self.postcodes + " " + woonplaats + " " + self.ids
        ).str.replace(",", " ", regex=False)
        self._display_address = _text(buildings, "address")
        self._display_place = _text(buildings, "woonplaats")
        self._display_id = _text(buildings, "building_id")

    def search(self, query: str, limit: int | None = None) -> np.ndarray:
        """Row positions of matching buildings, best first."""
        query = " ".join(query.replace(",", " ").lower().split())
        if not query or self.n == 0:
            return np.empty(0, dtype=np.int64)
        rank = np.full(self.n, 99, dtype=np.int8)

        def better(mask, value: int) -> None:
            mask = np.asarray(mask, dtype=bool)
            np.minimum(rank, np.where(mask, value, 99).astype(np.int8), out=rank)

        if _DIGITS.match(query):
            better(self.ids == query, _EXACT_ID)
            better(self.ids.str.startswith(query), _ID_PREFIX)
            if len(query) >= 6:
                better(self.ids.str.contains(query, regex=False), _ID_SUBSTRING)
        if _POSTCODE.match(query):
            better(self.postcodes.str.startswith(query.replace(" ", "")), _POSTCODE_PREFIX)
        better(self.addresses == query, _EXACT_ADDRESS)
        better(self.addresses.str.startswith(query), _ADDRESS_PREFIX)
        words = query.split()
        mask = np.ones(self.n, dtype=bool)
        for word in words:
            mask &= self.haystack.str.contains(word, regex=False).to_numpy(dtype=bool)
        better(mask, _WORDS)

        hits = np.flatnonzero(rank < 99)
        hits = hits[np.argsort(rank[hits], kind="stable")]
        return hits[:limit] if limit is not None else hits

    def describe(self, row: int) -> str:
        """One-line text for a hit: ``Stationsweg 12, Loppersum (0003100000118018)``."""
        address = self._display_address.iat[row]
        place = self._display_place.iat[row]
        label = ", ".join(part for part in (address, place) if part)
        building_id = self._display_id.iat[row]
        return f"{label} ({building_id})" if label else building_id


class SearchField(QLineEdit):
    """The search box in the toolbar. Emits ``found(rows)`` with the hits to select."""

    found = Signal(object)  # np.ndarray of row positions, best first
    message = Signal(str)

    SUGGESTIONS = 12

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._index: SearchIndex | None = None
        self._suggested: dict[str, int] = {}
        self.setPlaceholderText(self.tr("Zoek BAG-id, adres of postcode"))
        self.setToolTip(
            self.tr(
                "Zoeken op BAG pand-id, adres (straat huisnummer, plaats) of postcode;\n"
                "Enter selecteert alle treffers en zoomt ernaar."
            )
        )
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self.setMaximumWidth(460)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(self.SUGGESTIONS)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._suggestion_chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._update_suggestions)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self.run_search)
        document.projectReplaced.connect(self._invalidate)
        document.buildingsChanged.connect(self._invalidate)

    def _invalidate(self) -> None:
        self._index = None
        self._suggested = {}

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.document.project.buildings)
        return self._index

    def _update_suggestions(self) -> None:
        text = self.text()
        if len(text.strip()) < 2:
            self._model.setStringList([])
            return
        rows = self.index.search(text, limit=self.SUGGESTIONS)
        self._suggested = {self.index.describe(int(r)): int(r) for r in rows}
        self._model.setStringList(list(self._suggested))
        if self._suggested and self.hasFocus():
            self._completer.complete()

    def _suggestion_chosen(self, text: str) -> None:
        row = self._suggested.get(text)
        if row is not None:
            self.found.emit(np.array([row], dtype=np.int64))
            self.message.emit(self.tr("Gevonden: {hit}").format(hit=text))

    def run_search(self, text: str | None = None) -> np.ndarray:
        """Search for ``text`` (default: the box's text); emit and return the hits."""
        self._timer.stop()
        text = self.text() if text is None else text
        if text in self._suggested:
            rows = np.array([self._suggested[text]], dtype=np.int64)
        else:
            rows = self.index.search(text)
        if not text.strip():
            return rows
        if len(rows) == 0:
            self.message.emit(self.tr("Niets gevonden voor '{query}'").format(query=text.strip()))
        else:
            if len(rows) == 1:
                self.message.emit(
                    self.tr("Gevonden: {hit}").format(hit=self.index.describe(int(rows[0])))
                )
            else:
                self.message.emit(self.tr("{n} panden gevonden").format(n=len(rows)))
            self.found.emit(rows)
        return rows
