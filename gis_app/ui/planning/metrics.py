"""The plan's key figures as labels: risk exposure, dates, bespoke share, explainability, cost."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from gis_app.ui.glossary import add_glosses
from gis_app.ui.planning.formats import (
    format_date,
    format_number,
    format_significant,
    month_abbr,
)
from gis_app.ui.text_style import PLACEHOLDER, style_text

#: (metric key, Dutch label, kind) in display order.
METRIC_ROWS = (
    ("risk_exposure", QT_TRANSLATE_NOOP("MetricsView", "Risicoblootstelling"), "exposure"),
    ("all_verhoogd_done", QT_TRANSLATE_NOOP("MetricsView", "Alle verhoogd gereed"), "date"),
    (
        "all_licht_verhoogd_done",
        QT_TRANSLATE_NOOP("MetricsView", "Alle licht verhoogd gereed"),
        "date",
    ),
    ("all_done", QT_TRANSLATE_NOOP("MetricsView", "Alles gereed"), "date"),
    ("safe_verhoogd", QT_TRANSLATE_NOOP("MetricsView", "Verhoogd veilig 50/90/100 %"), "safe"),
    (
        "safe_licht_verhoogd",
        QT_TRANSLATE_NOOP("MetricsView", "Licht verhoogd veilig 50/90/100 %"),
        "safe",
    ),
    ("safe_normaal", QT_TRANSLATE_NOOP("MetricsView", "Normaal veilig 50/90/100 %"), "safe"),
    (
        "deadline_missed_buildings",
        QT_TRANSLATE_NOOP("MetricsView", "Uiterlijk gereed gemist"),
        "misses",
    ),
    ("optimality_gap", QT_TRANSLATE_NOOP("MetricsView", "Afstand tot ondergrens"), "gap"),
    ("bespoke_buildings", QT_TRANSLATE_NOOP("MetricsView", "Maatwerk"), "bespoke"),
    (
        "explainability_pairs",
        QT_TRANSLATE_NOOP("MetricsView", "Moeilijk uitlegbare buren"),
        "pairs",
    ),
    (
        "median_wait_verhoogd",
        QT_TRANSLATE_NOOP("MetricsView", "Mediane wachttijd verhoogd"),
        "years",
    ),
    ("threat", QT_TRANSLATE_NOOP("MetricsView", "Dreigingsniveau"), "threat"),
    ("total_cost", QT_TRANSLATE_NOOP("MetricsView", "Kosten"), "money"),
    ("tellable", QT_TRANSLATE_NOOP("MetricsView", "Nu te informeren"), "addresses"),
    ("commitments", QT_TRANSLATE_NOOP("MetricsView", "Toezeggingen gebroken"), "broken"),
)

#: Qt's QWIDGETSIZE_MAX (PySide6 does not export it): a widget's height without a limit.
NO_LIMIT = (1 << 24) - 1

#: rows shown only when the plan has the figure (deadlines set, a bound computed)
OPTIONAL_KINDS = ("safe", "misses", "gap")


def tr(text: str) -> str:
    return QCoreApplication.translate("MetricsView", text)


def format_metric(kind: str, value, metrics: dict) -> str:
    if value is None or (not isinstance(value, (str, dict)) and pd.isna(value)):
        return "–"
    if kind == "date":
        return format_date(value)
    if kind == "threat":
        value = dict(value)
        n = int(value.get("candidates_no_measure", 0)) + int(
            value.get("candidates_lighter_measure", 0)
        )
        text = tr("factor {0}").format(format_number(float(value.get("factor", 1.0)), 2))
        if n:
            lighter = (
                tr("{0} panden lichter (toegepast)")
                if value.get("applied")
                else tr("{0} panden lichter (kandidaat)")
            )
            text += " · " + lighter.format(format_number(n, 0))
        return text
    if kind == "safe":
        value = dict(value)
        parts = [value.get(k) for k in ("p50", "p90", "p100")]
        if not any(parts):
            return "–"
        return " · ".join(_short_month(p) if p else "–" for p in parts)
    if kind == "misses":
        if not metrics.get("deadlines"):
            return "–"
        clusters = int(metrics.get("deadline_missed_clusters") or 0)
        if int(value) == 0:
            return tr("geen")
        return tr("{0} panden in {1} clusters").format(
            format_number(float(value), 0), format_number(clusters, 0)
        )
    if kind == "gap":
        return f"{format_number(float(value) * 100, 1)} %"
    if kind == "addresses":
        return tr("{0} adressen").format(format_number(float(value), 0))
    if kind == "broken":
        value = dict(value)
        broken = len(value.get("broken") or [])
        total = broken + int(value.get("kept", 0))
        return tr("{0} van {1}").format(format_number(broken, 0), format_number(total, 0))
    if kind == "exposure":
        return tr("{0} slachtoffer-jaren").format(format_significant(float(value)))
    if kind == "bespoke":
        share = metrics.get("bespoke_share")
        text = tr("{0} panden").format(format_number(float(value), 0))
        if share is not None and not pd.isna(share):
            text += f" ({format_number(float(share) * 100, 0)} %)"
        return text
    if kind == "pairs":
        return tr("{0} paren").format(format_number(float(value), 0))
    if kind == "years":
        return tr("{0} jaar").format(format_number(float(value), 1))
    if kind == "money":
        value = float(value)
        if abs(value) >= 1e6:
            return tr("€ {0} mln").format(format_number(value / 1e6, 1))
        return f"€ {format_number(value, 0)}"
    return format_number(float(value))


def _short_month(value) -> str:
    """ "aug '28": three dates fit on one line of the narrow side dock."""
    stamp = pd.Timestamp(value)
    return f"{month_abbr(stamp.month - 1)} '{stamp.year % 100:02d}"


def degenerate_notes(metrics: dict) -> list[str]:
    """The keys of :meth:`MetricsView.note_text` for the degenerate figures of ``metrics``.

    A plan without clusters is true but reads as broken: every municipality is one block,
    so the dates coincide and neighbours finish years apart.
    """
    if not metrics:
        return []
    notes: list[str] = []
    with_work = metrics.get("buildings_with_work")
    if with_work is not None and int(with_work) == 0:
        return ["no_work"]
    no_clusters = metrics.get("clusters") is not None and int(metrics["clusters"]) == 0
    if no_clusters:
        notes.append("no_clusters")
    dates = [metrics.get(k) for k in ("all_verhoogd_done", "all_licht_verhoogd_done", "all_done")]
    if all(d is not None and not pd.isna(d) for d in dates) and len({str(d) for d in dates}) == 1:
        notes.append("equal_dates")
    pairs = metrics.get("explainability_pairs")
    if no_clusters and pairs is not None and not pd.isna(pairs) and float(pairs) > 0:
        notes.append("pairs_without_clusters")
    return notes


class MetricsView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.setHorizontalSpacing(12)
        layout.setVerticalSpacing(3)
        self.values: dict[str, QLabel] = {}
        tips = {
            "risk_exposure": self.tr(
                "Som over de panden van LPR × personen × jaren tot veilig: het risico dat gelopen "
                "wordt tijdens het wachten (verwachte slachtoffers). Snelheid verlaagt dit."
            ),
            "bespoke_buildings": self.tr(
                "Panden met maatwerk in dit plan, inclusief sloop-nieuwbouw en eigen regie "
                "(die zijn altijd maatwerk); percentage van de panden met werk."
            ),
            "threat": self.tr(
                "Factor op het risico. Panden die daardoor onder de Meijdam-norm vallen zijn "
                "kandidaat voor een lichtere of geen maatregel."
            ),
            "tellable": self.tr(
                "Adressen waarvan de bouwstart binnen de gecontracteerde capaciteit valt, de "
                "maatregel bekend is (beoordeling gedaan) en die nog niets gehoord hebben: zij "
                "kunnen nu hun data krijgen (Bestand > Bewonersbrieven...)."
            ),
            "commitments": self.tr(
                "Toezeggingen aan bewoners die dit plan niet houdt: de bouw start later dan "
                "toegezegd. Zie het identificatiepaneel per adres."
            ),
            "safe_verhoogd": self.tr(
                "De maanden waarin de helft, negen op de tien en alle verhoogde panden met "
                "werk veilig zijn. Ook als punten in de grafiek Veilige panden."
            ),
            "deadline_missed_buildings": self.tr(
                "Panden die na hun uiterlijk gereed veilig zijn (zie Uiterlijk gereed in dit "
                "paneel: welke panden, hoeveel te laat en wat er aan te doen is)."
            ),
            "optimality_gap": self.tr(
                "Hoeveel de risicoblootstelling van dit plan hooguit boven het best mogelijke "
                "ligt: (risicoblootstelling − ondergrens) / risicoblootstelling."
            ),
            "explainability_pairs": self.tr(
                "Buren (binnen de buurafstand) die verschillend worden aangepakt of ver uit "
                "elkaar gereedkomen: moeilijk uitlegbare verschillen."
            ),
        }
        tips["safe_licht_verhoogd"] = tips["safe_normaal"] = tips["safe_verhoogd"]
        self.names: dict[str, QLabel] = {}
        for key, label, _kind in METRIC_ROWS:
            name = QLabel(self.tr(label))
            value = QLabel("–")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            style_text(value, bold=True)
            # the name wraps rather than widen the side dock (1366 px laptops); the
            # value stays on one line (set_metrics uses non-breaking spaces)
            name.setWordWrap(True)
            value.setWordWrap(True)
            if key in tips:
                name.setToolTip(tips[key])
                value.setToolTip(tips[key])
            add_glosses(name, name.text())  # English window: "verhoogd (elevated risk)"
            layout.addRow(name, value)
            self.values[key] = value
            self.names[key] = name
            # hidden until a plan has something to say there (set_metrics)
            if _kind in OPTIONAL_KINDS and _kind != "safe":
                layout.setRowVisible(name, False)
        # why a figure looks odd (no clusters yet, equal dates): one line each
        self.note = QLabel("")
        self.note.setObjectName("MetricsNote")
        self.note.setWordWrap(True)
        style_text(self.note, color=PLACEHOLDER, italic=True)
        # hidden by its height, not setVisible (see set_metrics)
        self.note.setMaximumHeight(0)
        layout.addRow(self.note)

    def set_metrics(self, metrics: dict | None) -> None:
        planned = bool(metrics)
        metrics = dict(metrics or {})
        wait = dict(metrics.get("wait") or {}).get("verhoogd") or {}
        metrics["median_wait_verhoogd"] = wait.get("median_years")
        for profile, dates in dict(metrics.get("safe_dates") or {}).items():
            metrics[f"safe_{str(profile).replace(' ', '_')}"] = dates
        for key, _label, kind in METRIC_ROWS:
            text = format_metric(kind, metrics.get(key), metrics)
            self.values[key].setText(text.replace(" ", "\u00a0"))
            if kind in OPTIONAL_KINDS:  # only when there is something to say
                # the safe dates stay while no plan is known: nearly every plan has them,
                # and the first one then does not lay the form out again
                shown = text != "–" or (kind == "safe" and not planned)
                # each change of a row's visibility lays the form out again (about 1 ms)
                if self.layout().isRowVisible(self.names[key]) != shown:
                    self.layout().setRowVisible(self.names[key], shown)
        notes = [self.note_text(key) for key in degenerate_notes(metrics)]
        self.note.setText("\n".join(notes))
        # shown by its height: showing a widget lays out every panel above it at once (5 ms
        # of the first plan's turn at 300,000 buildings), a new height is laid out later
        # with the plan's other changes, in one pass
        self.note.setMaximumHeight(NO_LIMIT if notes else 0)

    def note_shown(self) -> bool:
        """Whether a note says why a figure looks odd."""
        return bool(self.note.text()) and self.note.maximumHeight() > 0

    def note_text(self, key: str) -> str:
        """One line saying why a figure looks odd."""
        return {
            "no_work": self.tr("Geen panden met werk: er valt niets te plannen."),
            "no_clusters": self.tr("Nog geen clusters: panden worden per gemeente gepland."),
            "equal_dates": self.tr(
                "De drie datums zijn gelijk: het laatste blok in de planning bevat panden van "
                "elk risicoprofiel."
            ),
            "pairs_without_clusters": self.tr(
                "Moeilijk uitlegbare buren: zonder clusters worden buren niet samen gepland en "
                "komen ze jaren na elkaar gereed."
            ),
        }[key]

    def text(self, key: str) -> str:
        return self.values[key].text().replace("\u00a0", " ")
