"""Help > Sneltoetsen and Help > Handleiding.

* The shortcut list is collected from the window's own ``QAction`` objects when it opens,
  so it cannot drift from the window: a new action with a shortcut is listed without
  anyone editing a list.
* The user guide is bundled Markdown in ``docs/guide/<taal>/`` (one file per task, in file
  name order, pictures in ``docs/guide/<taal>/img/``), shown offline in a
  ``QTextBrowser``. Links between sections and to pictures are relative, so the same
  files read well on a code host too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gis_app.paths import ROOT_DIR

GUIDE_DIR = ROOT_DIR / "docs" / "guide"


def _plain(text: str) -> str:
    """Menu text without its mnemonic ampersands and trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".").strip()


@dataclass(frozen=True)
class Shortcut:
    action: str
    keys: str
    where: str


def _menu_paths(window) -> dict[int, str]:
    """For every action in the menu bar: the menu path it is in ("Bestand > Recente ...")."""
    paths: dict[int, str] = {}

    def walk(menu, prefix: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{prefix} > {_plain(action.text())}")
            else:
                paths.setdefault(id(action), prefix)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    return paths


def _widget_place(window, action: QAction) -> str:
    """Where an action outside the menus works: the map or the panel whose widget has it."""
    for obj in action.associatedObjects():
        if obj is window.canvas:
            return QCoreApplication.translate("ShortcutsDialog", "Kaart")
        widget = obj if isinstance(obj, QWidget) else None
        while widget is not None:
            if isinstance(widget, QDockWidget):
                return QCoreApplication.translate("ShortcutsDialog", "Paneel {name}").format(
                    name=widget.windowTitle()
                )
            widget = widget.parentWidget()
    return ""


def collect_shortcuts(window) -> list[Shortcut]:
    """Every action of ``window`` (menus, toolbars, the map) that has a shortcut."""
    paths = _menu_paths(window)
    # the undo stack's actions carry the command's name ("Ongedaan maken Clusters ...")
    fixed_names = {
        id(action): name
        for action, name in (
            (
                getattr(window, "undo_action", None),
                QCoreApplication.translate("ShortcutsDialog", "Ongedaan maken"),
            ),
            (
                getattr(window, "redo_action", None),
                QCoreApplication.translate("ShortcutsDialog", "Opnieuw"),
            ),
        )
        if action is not None
    }
    seen: set[int] = set()
    out: list[Shortcut] = []
    for action in window.findChildren(QAction):
        if id(action) in seen:
            continue
        seen.add(id(action))
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        text = fixed_names.get(id(action)) or _plain(action.text()) or _plain(action.toolTip())
        where = paths.get(id(action), "") or _widget_place(window, action)
        out.append(
            Shortcut(
                text,
                ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys),
                where,
            )
        )
    out.sort(key=lambda s: (s.where, s.action.casefold()))
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle(self.tr("Sneltoetsen"))
        self.shortcuts = collect_shortcuts(window)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Letters zonder Ctrl (de kaarttools) werken als de kaart de focus heeft. "
                "F6 en Shift+F6 gaan naar het volgende of vorige paneel; Tab loopt door de "
                "velden van een paneel; Alt met de onderstreepte letter opent een menu."
            )
        )
        note.setWordWrap(True)
        self.table = QTableWidget(len(self.shortcuts), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Actie"), self.tr("Toets")])
        for row, shortcut in enumerate(self.shortcuts):
            for column, value in enumerate((shortcut.where, shortcut.action, shortcut.keys)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)


# --- guide -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class GuideSection:
    path: Path
    title: str


def guide_sections(language: str = "nl", root: Path = GUIDE_DIR) -> list[GuideSection]:
    """The guide's sections in reading order (file name order), titled by their first heading."""
    folder = root / language
    if not folder.is_dir():
        folder = root / "nl"
    sections = []
    for path in sorted(folder.glob("*.md")):
        title = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                title = line[2:].strip()
                break
        sections.append(GuideSection(path, title))
    return sections


class GuideBrowser(QDialog):
    """The guide: the sections on the left, the text with pictures on the right."""

    def __init__(self, parent: QWidget | None = None, language: str = "nl"):
        super().__init__(parent)
        self.setObjectName("GuideBrowser")
        self.setWindowTitle(self.tr("Handleiding"))
        self.sections = guide_sections(language)
        layout = QVBoxLayout(self)
        splitter = QSplitter()
        self.section_list = QListWidget()
        for section in self.sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, str(section.path))
            self.section_list.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        self.browser.sourceChanged.connect(self._source_changed)
        splitter.addWidget(self.section_list)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 700])
        self.section_list.currentRowChanged.connect(self.show_section)
        row = QHBoxLayout()
        row.addWidget(splitter)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 700)
        if self.sections:
            self.section_list.setCurrentRow(0)
        else:
            self.browser.setPlainText(
                self.tr("De handleiding is niet gevonden in {path}.").format(path=GUIDE_DIR)
            )

    def show_section(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            url = QUrl.fromLocalFile(str(self.sections[row].path))
            if self.browser.source() != url:
                self.browser.setSource(url, QTextDocument.ResourceType.MarkdownResource)

    def fit_images(self) -> None:
        """Scale the pictures down to the text's width (window grabs are wider than the
        guide's column); never up."""
        document = self.browser.document()
        room = max(200, self.browser.viewport().width() - 24)
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            for fragment in _fragments(block):
                fmt = fragment.charFormat()
                if not fmt.isImageFormat():
                    continue
                image_format = fmt.toImageFormat()
                image = document.resource(
                    QTextDocument.ResourceType.ImageResource, QUrl(image_format.name())
                )
                natural = image.width() if image is not None and not image.isNull() else 0
                if natural <= 0:
                    continue
                width = min(natural, room)
                if abs(image_format.width() - width) < 1:
                    continue
                image_format.setWidth(width)
                image_format.setHeight(image.height() * width / natural)
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(image_format)
            block = block.next()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_images()

    def _source_changed(self, url: QUrl) -> None:
        """A link to another section selects it in the list too."""
        self.fit_images()
        path = Path(url.toLocalFile())
        for row, section in enumerate(self.sections):
            if section.path == path and self.section_list.currentRow() != row:
                self.section_list.blockSignals(True)
                self.section_list.setCurrentRow(row)
                self.section_list.blockSignals(False)


def _fragments(block):
    iterator = block.begin()
    while not iterator.atEnd():
        yield iterator.fragment()
        iterator += 1


def show_shortcuts(window) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_guide(window) -> GuideBrowser:
    from gis_app.ui.app import current_language

    dialog = GuideBrowser(window, current_language())  # --lang or Voorkeuren
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
