"""Colour, weight and slant of a label's text, through its font and palette.

Not style sheets: a widget with a style sheet is polished and painted by Qt's style-sheet
style, which is several times slower, and setting a sheet again (a status line that turns
red) polishes the widget anew. The planning views set these on every plan, while the map
wants the UI thread; a font and a palette cost next to nothing.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

#: Colours of texts that say something about a figure (explanations, notes).
NOTE = "#505050"
#: A caption above a chart or table.
CAPTION = "#404040"
#: A status line while all is well.
STATUS = "#606060"
#: Something is wrong and needs the planner (an error, a missed deadline).
WARN = "#b00020"
#: Something needs attention but is not wrong (a cluster rule broken).
CAUTION = "#8a4b00"
#: All is well, and that is the news (every deadline met).
GOOD = "#1b7a3d"

#: Palette roles for texts that follow the theme (dark or light).
MUTED = QPalette.ColorRole.Mid
PLACEHOLDER = QPalette.ColorRole.PlaceholderText


def style_text(
    widget: QWidget,
    *,
    color: str | QPalette.ColorRole | None = None,
    bold: bool | str = False,
    italic: bool = False,
) -> None:
    """Set ``widget``'s text colour (a hex colour, a palette role, or ``None`` for the
    theme's text colour), weight (``True``: semi-bold, as headings in the panels;
    ``"bold"``: bold) and slant. Each call sets all three, so a label can change from a
    warning back to a note."""
    font = QFont(widget.font())
    if bold == "bold":
        font.setWeight(QFont.Weight.Bold)
    else:
        font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    font.setItalic(italic)
    if font != widget.font():
        widget.setFont(font)
    palette = QPalette(widget.palette())
    if color is None:
        text = QApplication.palette(widget).color(QPalette.ColorRole.WindowText)
    elif isinstance(color, QPalette.ColorRole):
        text = palette.color(color)
    else:
        text = QColor(color)
    if palette.color(QPalette.ColorRole.WindowText) != text:
        palette.setColor(QPalette.ColorRole.WindowText, text)
        widget.setPalette(palette)


def text_colour(widget: QWidget) -> QColor:
    """The colour ``widget``'s text is drawn in (tests, and the views that show it)."""
    return widget.palette().color(QPalette.ColorRole.WindowText)
