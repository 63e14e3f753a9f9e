"""The main window: map in the centre, panels docked around it, status bar below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from gis_app.ui.document import ProjectDocument


class MainWindow(QMainWindow):
    def __init__(self, document: ProjectDocument | None = None):
        super().__init__()
        self.document = document or ProjectDocument(parent=self)
        self.setWindowTitle(self.tr("gis_app — versterkingsplanning Groningen"))
        self.resize(1600, 1000)
        placeholder = QLabel(self.tr("Kaart"))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(placeholder)
        self.statusBar().showMessage(self.tr("Gereed"))
