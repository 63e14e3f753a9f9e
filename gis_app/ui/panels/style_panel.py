"""Building style editor: colour by risk profile, milestone, numeric classes or a text field.

The panel edits a :class:`~gis_app.core.styling.StyleSpec` and emits ``styleChanged``
with the new spec on every change (no Apply button: the map restyles at once and the
legend shows the result). It holds no classification logic: :mod:`gis_app.core.styling`
computes colours, breaks and legend.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from gis_app.core.styling import (
    METHOD_EQUAL,
    METHOD_JENKS,
    METHOD_QUANTILE,
    ONLY_TELLABLE,
    STYLE_CATEGORICAL,
    STYLE_GRADUATED,
    STYLE_MILESTONE,
    STYLE_PLAN_APPROACH,
    STYLE_PLAN_YEAR,
    STYLE_RISK,
    STYLE_TOLD,
    StyleSpec,
    numeric_columns,
)
from gis_app.ui.document import ProjectDocument
from gis_app.ui.panels.labels import column_label

#: Text columns offered for a categorical style (others are ids or personal data).
CATEGORICAL_COLUMNS = (
    "typology",
    "bag_status",
    "measure_class",
    "expected_measure",
    "profile_source",
    "woonplaats",
    "cluster_id",
    "eigen_regie",
)


class StylePanel(QWidget):
    styleChanged = Signal(object)  # StyleSpec

    def __init__(self, document: ProjectDocument, spec: StyleSpec | None = None, parent=None):
        super().__init__(parent)
        self.document = document
        self._updating = False
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Risicoprofiel"), STYLE_RISK)
        self.kind_combo.addItem(self.tr("Mijlpaal (NCG)"), STYLE_MILESTONE)
        self.kind_combo.addItem(self.tr("Numeriek veld in klassen"), STYLE_GRADUATED)
        self.kind_combo.addItem(self.tr("Categorieën van een veld"), STYLE_CATEGORICAL)
        self.kind_combo.addItem(self.tr("Gereed volgens planning (jaar)"), STYLE_PLAN_YEAR)
        self.kind_combo.addItem(self.tr("Aanpak volgens planning"), STYLE_PLAN_APPROACH)
        self.kind_combo.addItem(self.tr("Toezeggingen aan bewoners"), STYLE_TOLD)
        self.column_combo = QComboBox()
        self.method_combo = QComboBox()
        self.method_combo.addItem(self.tr("Kwantielen (gelijke aantallen)"), METHOD_QUANTILE)
        self.method_combo.addItem(self.tr("Gelijke intervallen"), METHOD_EQUAL)
        self.method_combo.addItem(self.tr("Natuurlijke grenzen (Jenks)"), METHOD_JENKS)
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(2, 9)
        self.classes_spin.setValue(5)
        self.outline_check = QCheckBox(self.tr("Omtrek van panden tekenen"))
        self.only_tellable_check = QCheckBox(self.tr("Alleen nu te informeren"))
        self.only_tellable_check.setToolTip(
            self.tr(
                "Toon alleen de panden waarvan de bewoners nu hun data kunnen horen; "
                "de andere panden worden grijs."
            )
        )
        self.labels_combo = QComboBox()
        self.labels_combo.addItem(self.tr("Geen"), "")
        self.labels_combo.addItem(self.tr("BAG-id"), "building_id")
        self.labels_combo.addItem(self.tr("Adres"), "address")
        self.labels_combo.setToolTip(self.tr("Labels verschijnen als ver genoeg is ingezoomd."))

        form = QFormLayout(self)
        form.addRow(self.tr("Kleur op:"), self.kind_combo)
        self._column_label = QLabel(self.tr("Veld:"))
        form.addRow(self._column_label, self.column_combo)
        self._method_label = QLabel(self.tr("Indeling:"))
        form.addRow(self._method_label, self.method_combo)
        self._classes_label = QLabel(self.tr("Aantal klassen:"))
        form.addRow(self._classes_label, self.classes_spin)
        form.addRow("", self.outline_check)
        form.addRow(self.tr("Filter:"), self.only_tellable_check)
        form.addRow(self.tr("Labels:"), self.labels_combo)

        self.set_spec(spec or StyleSpec())
        self.kind_combo.currentIndexChanged.connect(self._fill_columns)
        for combo in (self.kind_combo, self.column_combo, self.method_combo, self.labels_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.classes_spin.valueChanged.connect(self._changed)
        self.outline_check.toggled.connect(self._changed)
        self.only_tellable_check.toggled.connect(self._changed)
        document.projectReplaced.connect(self._fill_columns)
        document.buildingsChanged.connect(self._fill_columns)

    # --- spec <-> widgets --------------------------------------------------------------------
    def set_spec(self, spec: StyleSpec) -> None:
        """Show ``spec`` in the widgets without emitting ``styleChanged``."""
        self._updating = True
        try:
            self._base = spec
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(spec.kind), 0))
            self._fill_columns(select=spec.column)
            self.method_combo.setCurrentIndex(max(self.method_combo.findData(spec.method), 0))
            self.classes_spin.setValue(min(max(spec.classes, 2), 9))
            self.outline_check.setChecked(spec.outline)
            self.only_tellable_check.setChecked(spec.only == ONLY_TELLABLE)
            self.labels_combo.setCurrentIndex(max(self.labels_combo.findData(spec.labels), 0))
        finally:
            self._updating = False
        self._update_enabled()

    def spec(self) -> StyleSpec:
        kind = self.kind_combo.currentData()
        base = getattr(self, "_base", StyleSpec())
        return StyleSpec(
            kind=kind,
            column=(self.column_combo.currentData() or "")
            if kind in (STYLE_GRADUATED, STYLE_CATEGORICAL)
            else "",
            method=self.method_combo.currentData(),
            classes=self.classes_spin.value(),
            outline=self.outline_check.isChecked(),
            labels=self.labels_combo.currentData() or "",
            colors=base.colors if kind == base.kind else (),
            alpha=base.alpha,
            only=ONLY_TELLABLE if self.only_tellable_check.isChecked() else "",
        )

    def _fill_columns(self, *_args, select: str | None = None) -> None:
        frame = self.document.project.buildings
        kind = self.kind_combo.currentData()
        if kind == STYLE_GRADUATED:
            columns = numeric_columns(frame)
            preferred = "lpr"
        elif kind == STYLE_CATEGORICAL:
            columns = [c for c in CATEGORICAL_COLUMNS if c in frame.columns]
            preferred = "typology"
        else:
            columns, preferred = [], ""
        current = select or self.column_combo.currentData() or preferred
        was = self._updating
        self._updating = True
        try:
            self.column_combo.clear()
            for column in columns:
                self.column_combo.addItem(column_label(column), column)
            index = self.column_combo.findData(current)
            if index < 0:
                index = self.column_combo.findData(preferred)
            self.column_combo.setCurrentIndex(max(index, 0) if columns else -1)
        finally:
            self._updating = was
        self._update_enabled()

    def _update_enabled(self) -> None:
        kind = self.kind_combo.currentData()
        for widget in (self._column_label, self.column_combo):
            widget.setVisible(kind in (STYLE_GRADUATED, STYLE_CATEGORICAL))
        for widget in (
            self._method_label,
            self.method_combo,
            self._classes_label,
            self.classes_spin,
        ):
            widget.setVisible(kind == STYLE_GRADUATED)

    def _changed(self, *_args) -> None:
        self._update_enabled()
        if not self._updating:
            self.styleChanged.emit(self.spec())
