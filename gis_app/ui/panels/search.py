"""The search field: type a BAG id, address or postcode; the map zooms to the hits and
selects them. Matching and ranking live in :mod:`gis_app.core.search`.

An address with a house number that matches several buildings (the same street and
number in two villages, 67 and 67a) is not resolved by jumping to the first: a list
under the field names each hit and lets the planner choose one, or all of them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCompleter, QLineEdit, QMenu

from gis_app.core.search import SearchIndex, names_one_house
from gis_app.ui.document import ProjectDocument


class SearchField(QLineEdit):
    """The search box in the toolbar. Emits ``found(rows)`` with the hits to select."""

    found = Signal(object)  # np.ndarray of row positions, best first
    message = Signal(str)

    SUGGESTIONS = 12
    #: At most this many hits are listed to choose from.
    CHOICES = 20

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._index: SearchIndex | None = None
        self._suggested: dict[str, int] = {}
        self.choice_menu: QMenu | None = None
        self.setPlaceholderText(self.tr("Zoek BAG-id, adres of postcode"))
        self.setToolTip(
            self.tr(
                "Zoeken op BAG pand-id, adres (straat huisnummer, plaats) of postcode;\n"
                "Enter selecteert alle treffers en zoomt ernaar."
            )
        )
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)  # leaves room for the cluster tools at 1366 px
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
            # Built on the first search (about a second at 300,000 buildings): show it.
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._index = SearchIndex(self.document.project.buildings)
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self._index

    def _update_suggestions(self) -> None:
        text = self.text()
        if len(text.strip()) < 2:
            self._model.setStringList([])
            return
        rows = self.index.search(text, limit=self.SUGGESTIONS, scan=False)
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
            rows = self.index.search(text, best_only=True)
        if not text.strip():
            return rows
        if len(rows) == 0:
            self.message.emit(self.tr("Niets gevonden voor '{query}'").format(query=text.strip()))
        elif len(rows) > 1 and names_one_house(text):
            self.offer_choice(rows)
        else:
            self._choose(rows)
        return rows

    def offer_choice(self, rows: np.ndarray) -> QMenu:
        """List the hits under the field; choosing one selects it, the first entry all."""
        if self.choice_menu is not None:
            self.choice_menu.close()
            self.choice_menu.deleteLater()
        menu = self.choice_menu = QMenu(self)
        menu.setToolTipsVisible(True)
        all_rows = np.asarray(rows, dtype=np.int64)
        every = menu.addAction(self.tr("Alle {n} panden selecteren").format(n=len(all_rows)))
        every.triggered.connect(lambda: self._choose(all_rows))
        menu.addSeparator()
        for row in all_rows[: self.CHOICES]:
            action = menu.addAction(self.index.describe(int(row)))
            action.triggered.connect(
                lambda _checked=False, r=int(row): self._choose(np.array([r], dtype=np.int64))
            )
        if len(all_rows) > self.CHOICES:
            more = menu.addAction(self.tr("… en {n} meer").format(n=len(all_rows) - self.CHOICES))
            more.setEnabled(False)
        self.message.emit(
            self.tr("{n} panden gevonden: kies er een uit de lijst").format(n=len(all_rows))
        )
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        return menu

    def _choose(self, rows: np.ndarray) -> None:
        """Report the hits in the status line and emit them as found."""
        if len(rows) == 1:
            self.message.emit(
                self.tr("Gevonden: {hit}").format(hit=self.index.describe(int(rows[0])))
            )
        else:
            self.message.emit(self.tr("{n} panden gevonden").format(n=len(rows)))
        self.found.emit(rows)
