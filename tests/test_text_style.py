"""Label colours and weights through fonts and palettes, not style sheets.

A widget with a style sheet is polished and painted by Qt's style-sheet style, several
times slower, and setting a sheet again polishes it anew; the planning views restyle
their notes on every plan while the map wants the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from gis_app.ui.text_style import MUTED, NOTE, WARN, style_text, text_colour

GIS_APP = Path(__file__).resolve().parents[1] / "gis_app"


def test_a_label_turns_into_a_warning_and_back(qtbot):
    label = QLabel("Alle panden zijn op tijd veilig.")
    qtbot.addWidget(label)
    theme = QApplication.palette(label).color(QPalette.ColorRole.WindowText)
    style_text(label, color=WARN, bold=True)
    assert text_colour(label) == QColor(WARN)
    assert label.font().weight() == QFont.Weight.DemiBold
    style_text(label, color=NOTE, italic=True)
    assert text_colour(label) == QColor(NOTE)
    assert label.font().weight() == QFont.Weight.Normal and label.font().italic()
    style_text(label)  # the theme's text again
    assert text_colour(label) == theme
    assert not label.font().italic()
    assert label.styleSheet() == ""


def test_a_muted_text_follows_the_theme(qtbot):
    label = QLabel("regel")
    qtbot.addWidget(label)
    style_text(label, color=MUTED, bold="bold")
    assert text_colour(label) == label.palette().color(QPalette.ColorRole.Mid)
    assert label.font().weight() == QFont.Weight.Bold


def test_no_style_sheets_in_the_window():
    offenders = [
        str(path.relative_to(GIS_APP))
        for path in sorted((GIS_APP / "ui").rglob("*.py"))
        if "setStyleSheet(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
