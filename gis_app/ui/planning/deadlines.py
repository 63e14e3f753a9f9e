"""Deadlines per risk profile ("uiterlijk gereed") and the bound on the plan, in the Planning dock.

* :class:`DeadlineEditor`: per profile off, N years after the start date, or a date. A change
  is one undo step (:meth:`PlanningController.apply_settings`) and replans.
* :class:`DeadlinesView`: what the plan misses (count, and a sortable table of the buildings
  that are safe after their deadline, by how many days); selecting a row selects the building
  and its cluster and zooms the map to it. For the selected miss (or a selected cluster with
  misses) the two remedies of :meth:`Planner.deadline_remedies` side by side with their cost,
  each with a button that applies it as one undo step:

  - "Cluster naar voren": the cluster gets a position lock at the front (the first position
    no other cluster is locked at), a cluster edit;
  - "Voortrekken": its late buildings are taken ahead of their cluster
    (``PlanningConfig.ahead_of_cluster``), a settings change.

  Below, the rebalancing assistant's two ways to meet every deadline
  (:func:`~gis_app.core.planning.rebalance.meet_deadlines`: fewest explainability pairs,
  least extra exposure), computed on request; applying one takes its buildings ahead of
  their cluster (clusters that must move forward are moved by the plan itself: every order
  keeps the deadlines when capacity allows).
* :class:`BoundView`: "plan within X % of the best possible", the certified lower bound of
  :meth:`Planner.bound` computed in the background on its own latest-wins lane (started by
  its button, or by itself after an optimised plan); a new plan cancels it and clears the
  figure; "Stoppen" ends it early with a valid, less tight bound.

Remedies and the assistant each cost a few plans: they run on their own lanes of the task
runner, never on a slider move, and under the session's run lock (a planner runs one plan
at a time).
"""

from __future__ import annotations

import datetime as dt
import threading

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gis_app.core import planning_views as pv
from gis_app.core.errors import GisAppError
from gis_app.core.planning.config import DEADLINE_PROFILES, parse_deadline
from gis_app.core.planning.model import PSEUDO_PREFIX
from gis_app.ui.app import date_edit_format
from gis_app.ui.planning.controller import real_order
from gis_app.ui.planning.formats import format_date, format_number, format_significant
from gis_app.ui.tasks import LatestOnly
from gis_app.ui.text_style import GOOD, NOTE, WARN, style_text

#: rows in the misses table (most days late first); the count above names them all
MAX_MISS_ROWS = 500
BOUND_TIME_LIMIT = 60.0  # seconds; the bound is valid whenever it stops


class DeadlineEditor(QWidget):
    """Per risk profile: no deadline, years after the start date, or a date.

    ``changed(profile, value)``: value ``"3y"``/``"2029-12-31"``, or ``""`` for none.
    """

    changed = Signal(str, str)

    NONE, YEARS, DATE = range(3)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        self.kinds: dict[str, QComboBox] = {}
        self.years: dict[str, QDoubleSpinBox] = {}
        self.dates: dict[str, QDateEdit] = {}
        self.stacks: dict[str, QStackedWidget] = {}
        self._start = dt.date.today()
        dutch = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
        for row, profile in enumerate(DEADLINE_PROFILES):
            kind = QComboBox()
            kind.addItem(self.tr("geen"), self.NONE)
            kind.addItem(self.tr("jaar na start"), self.YEARS)
            kind.addItem(self.tr("datum"), self.DATE)
            years = QDoubleSpinBox()
            years.setLocale(dutch)
            years.setRange(0.25, 50.0)
            years.setDecimals(2)
            years.setSingleStep(0.5)
            years.setValue(3.0)
            years.setSuffix(self.tr(" jaar"))
            years.setKeyboardTracking(False)  # one change (one undo step) per edit
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setDisplayFormat(date_edit_format())
            date.setKeyboardTracking(False)
            stack = QStackedWidget()
            stack.addWidget(QWidget())
            stack.addWidget(years)
            stack.addWidget(date)
            grid.addWidget(QLabel(profile), row, 0)
            grid.addWidget(kind, row, 1)
            grid.addWidget(stack, row, 2)
            self.kinds[profile], self.years[profile] = kind, years
            self.dates[profile], self.stacks[profile] = date, stack
            kind.currentIndexChanged.connect(lambda _i, p=profile: self._edited(p))
            years.valueChanged.connect(lambda _v, p=profile: self._edited(p))
            date.dateChanged.connect(lambda _d, p=profile: self._edited(p))
        grid.setColumnStretch(2, 1)

    def set_config(self, config) -> None:
        self._start = config.start_date
        for profile in DEADLINE_PROFILES:
            text = config.deadlines.get(profile)
            kind, years, date = self.kinds[profile], self.years[profile], self.dates[profile]
            with QSignalBlocker(kind), QSignalBlocker(years), QSignalBlocker(date):
                value = parse_deadline(text) if text else None
                if value is None:
                    kind.setCurrentIndex(self.NONE)
                    day = config.start_date + dt.timedelta(days=3 * 365)
                elif isinstance(value, dt.date):
                    kind.setCurrentIndex(self.DATE)
                    day = value
                else:
                    kind.setCurrentIndex(self.YEARS)
                    years.setValue(float(value))
                    day = config.deadline_dates()[profile]
                date.setMinimumDate(_qdate(config.start_date + dt.timedelta(days=1)))
                date.setDate(_qdate(day))
            self.stacks[profile].setCurrentIndex(kind.currentIndex())

    def value(self, profile: str) -> str:
        kind = self.kinds[profile].currentData()
        if kind == self.YEARS:
            return f"{self.years[profile].value():g}y"
        if kind == self.DATE:
            d = self.dates[profile].date()
            return dt.date(d.year(), d.month(), d.day()).isoformat()
        return ""

    def _edited(self, profile: str) -> None:
        self.stacks[profile].setCurrentIndex(self.kinds[profile].currentIndex())
        self.changed.emit(profile, self.value(profile))


class _SortItem(QTableWidgetItem):
    """A table cell that sorts by its sort key (dates by date, not by their Dutch text)."""

    def __init__(self, text: str, key):
        super().__init__(text)
        self.key = key

    def __lt__(self, other):  # noqa: D105
        if isinstance(other, _SortItem):
            return self.key < other.key
        return super().__lt__(other)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _Side(QWidget):
    """One remedy: a title, what it costs, and a button that applies it."""

    def __init__(self, title: str, button: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(title)
        style_text(self.title, bold=True)
        self.title.setWordWrap(True)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.apply = QPushButton(button)
        self.apply.setEnabled(False)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.apply)

    def show_text(self, text: str, *, can_apply: bool) -> None:
        self.text.setText(text)
        self.apply.setEnabled(can_apply)


class DeadlinesView(QWidget):
    """Misses, remedies side by side, and the assistant (module docstring)."""

    zoomToRowsRequested = Signal(object)  # np.ndarray of building rows

    COLUMNS = (
        QT_TRANSLATE_NOOP("DeadlinesView", "Dagen te laat"),
        QT_TRANSLATE_NOOP("DeadlinesView", "Pand"),
        QT_TRANSLATE_NOOP("DeadlinesView", "Cluster"),
        QT_TRANSLATE_NOOP("DeadlinesView", "Profiel"),
        QT_TRANSLATE_NOOP("DeadlinesView", "Gereed"),
        QT_TRANSLATE_NOOP("DeadlinesView", "Uiterlijk"),
    )

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.document = controller.document
        self.misses = pv.deadline_miss_table(None)
        self.remedies = None  # the Remedies shown (for one cluster)
        self._remedies_for: str | None = None  # cluster asked for (shown or on the way)
        self._raw_misses: list | None = None  # metrics["deadline_misses"] the table shows
        self.options: dict[str, object] = {}  # DeadlinePlan per assistant objective
        self.remedy_runner = LatestOnly(self)
        self.assistant_runner = LatestOnly(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.editor = DeadlineEditor()
        layout.addWidget(self.editor)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setMinimumHeight(140)
        self.table.setMaximumHeight(220)
        layout.addWidget(self.table)

        # remedies for one cluster, side by side
        self.remedy_title = QLabel("")
        self.remedy_title.setWordWrap(True)
        style_text(self.remedy_title, color=NOTE)
        layout.addWidget(self.remedy_title)
        sides = QHBoxLayout()
        self.pull_side = _Side(self.tr("Cluster naar voren"), self.tr("Naar voren"))
        self.ahead_side = _Side(self.tr("Voortrekken"), self.tr("Voortrekken"))
        self.pull_side.apply.setToolTip(
            self.tr("Zet het cluster vast vooraan in de volgorde (ongedaan te maken).")
        )
        self.ahead_side.apply.setToolTip(
            self.tr("Plan de te late panden los van hun cluster, zo vroeg als kan.")
        )
        sides.addWidget(self.pull_side, 1)
        sides.addWidget(self.ahead_side, 1)
        self.remedy_box = QWidget()
        self.remedy_box.setLayout(sides)
        layout.addWidget(self.remedy_box)

        # assistant: every deadline, two ways
        self.assistant_title = QLabel(self.tr("Alle termijnen halen"))
        style_text(self.assistant_title, bold=True)
        layout.addWidget(self.assistant_title)
        buttons = QHBoxLayout()
        self.pairs_button = QPushButton(self.tr("Minste uitlegbare buren"))
        self.exposure_button = QPushButton(self.tr("Minste extra risico"))
        self.pairs_button.setToolTip(
            self.tr("Eerst clusters naar voren halen, dan pas losse panden voortrekken.")
        )
        self.exposure_button.setToolTip(
            self.tr("Eerst de te late panden voortrekken, zodat andere clusters hun plek houden.")
        )
        buttons.addWidget(self.pairs_button)
        buttons.addWidget(self.exposure_button)
        layout.addLayout(buttons)
        self.assistant_text = QLabel("")
        self.assistant_text.setWordWrap(True)
        style_text(self.assistant_text, color=NOTE)
        layout.addWidget(self.assistant_text)
        self.assistant_apply = QPushButton(self.tr("Deze oplossing toepassen"))
        self.assistant_apply.setEnabled(False)
        layout.addWidget(self.assistant_apply)
        self._assistant_choice: str | None = None

        self.editor.changed.connect(self._deadline_changed)
        self.table.itemSelectionChanged.connect(self._row_selected)
        self.pull_side.apply.clicked.connect(self.apply_pull_forward)
        self.ahead_side.apply.clicked.connect(self.apply_take_ahead)
        self.pairs_button.clicked.connect(lambda: self.run_assistant("pairs"))
        self.exposure_button.clicked.connect(lambda: self.run_assistant("exposure"))
        self.assistant_apply.clicked.connect(self.apply_assistant)
        self.remedy_runner.resultReady.connect(self._remedies_done)
        self.remedy_runner.failed.connect(lambda e: self._remedies_failed(e))
        self.assistant_runner.resultReady.connect(self._assistant_done)
        self.assistant_runner.failed.connect(lambda e: self._assistant_failed(e))
        controller.configChanged.connect(self.load_config)
        controller.resultChanged.connect(self.show_result)
        self.document.clusterSelectionChanged.connect(self._cluster_selected)
        self.load_config()
        self.show_result(controller.bundle)

    # --- deadlines ---------------------------------------------------------------------------
    def load_config(self) -> None:
        self.editor.set_config(self.controller.config)

    def _deadline_changed(self, profile: str, value: str) -> None:
        planning = pv.with_deadline(self.controller.config.to_dict(), profile, value or None)
        text = (
            self.tr("Uiterlijk gereed {0}: {1}").format(profile, value)
            if value
            else self.tr("Uiterlijk gereed {0} uit").format(profile)
        )
        self.controller.apply_settings({"deadlines": planning["deadlines"]}, text)

    # --- misses ------------------------------------------------------------------------------
    def show_result(self, bundle) -> None:
        """A new plan: its misses; remedies and assistant answers of the old plan go (their
        costs were measured against it), the selected miss's remedies are asked again."""
        self.remedy_runner.cancel()
        self.assistant_runner.cancel()
        asked = self._remedies_for
        self.remedies = None
        self._remedies_for = None
        self.options = {}
        self._assistant_choice = None
        self.assistant_apply.setEnabled(False)
        self.assistant_text.setText("")
        metrics = dict(getattr(bundle.result, "metrics", {}) or {}) if bundle else {}
        has_deadlines = bool(metrics.get("deadlines"))
        raw = list(metrics.get("deadline_misses") or []) if has_deadlines else []
        same = raw == self._raw_misses  # a slider move that changes no miss: keep the table
        self._raw_misses = raw
        if not same:
            self.misses = pv.deadline_miss_table(raw)
        summary = pv.deadline_miss_summary(self.misses)
        if not has_deadlines:
            self.summary.setText(self.tr("Geen uiterlijk gereed ingesteld."))
            style_text(self.summary, color=NOTE)
        elif summary["buildings"] == 0:
            self.summary.setText(self.tr("Alle panden zijn op tijd veilig."))
            style_text(self.summary, color=GOOD, bold=True)
        else:
            text = self.tr(
                "{0} panden in {1} clusters halen hun uiterlijk gereed niet (tot {2} dagen te laat)."
            ).format(
                format_number(summary["buildings"], 0),
                format_number(summary["clusters"], 0),
                format_number(summary["max_days_late"], 0),
            )
            if summary["buildings"] > MAX_MISS_ROWS:
                text += " " + self.tr("De tabel toont de {0} die het meest te laat zijn.").format(
                    MAX_MISS_ROWS
                )
            self.summary.setText(text)
            style_text(self.summary, color=WARN, bold=True)
        missing = len(self.misses) > 0
        for widget in (self.table, self.remedy_title, self.remedy_box):
            widget.setVisible(missing)
        for widget in (self.assistant_title, self.pairs_button, self.exposure_button):
            widget.setVisible(missing)
        self.assistant_text.setVisible(missing)
        self.assistant_apply.setVisible(False)  # until the assistant has an answer
        if not same:
            self._fill_table()
        self._clear_remedies()
        if asked is not None and missing and asked in set(self.misses["cluster_id"]):
            self.compute_remedies(asked)
        else:
            self._cluster_selected()

    def _fill_table(self) -> None:
        table = self.table
        table.setSortingEnabled(False)
        with QSignalBlocker(table):
            table.clearContents()
            rows = self.misses.head(MAX_MISS_ROWS)
            table.setRowCount(len(rows))
            names = self._cluster_names()
            for r, miss in enumerate(rows.itertuples(index=False)):
                cluster = str(miss.cluster_id)
                shown = self.tr("zonder cluster") if cluster.startswith(PSEUDO_PREFIX) else cluster
                values = (
                    int(miss.days_late),
                    str(miss.building_id),
                    names.get(cluster, shown),
                    str(miss.profile),
                    format_date(miss.completion),
                    format_date(miss.deadline),
                )
                for c, value in enumerate(values):
                    if isinstance(value, int):
                        item = QTableWidgetItem()
                        item.setData(Qt.ItemDataRole.DisplayRole, value)
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    elif c in (4, 5):  # dates sort by date, not by their Dutch text
                        day = miss.completion if c == 4 else miss.deadline
                        item = _SortItem(value, pd.Timestamp(day).isoformat())
                    else:
                        item = QTableWidgetItem(value)
                    item.setData(Qt.ItemDataRole.UserRole, (str(miss.building_id), cluster))
                    table.setItem(r, c, item)
        table.setSortingEnabled(True)
        table.sortItems(0, Qt.SortOrder.DescendingOrder)  # most days late first
        table.resizeColumnsToContents()

    def _cluster_names(self) -> dict[str, str]:
        clusters = self.document.project.clusters
        if clusters is None or not len(clusters):
            return {}
        ids = clusters["cluster_id"].astype(str).tolist()
        names = clusters["name"].fillna("").astype(str).tolist() if "name" in clusters else ids
        return {c: (n or c) for c, n in zip(ids, names, strict=True)}

    def selected_miss(self) -> tuple[str, str] | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _row_selected(self) -> None:
        chosen = self.selected_miss()
        if chosen is None:
            return
        building_id, cluster_id = chosen
        self.compute_remedies(cluster_id)  # first: the cluster selection below asks no more
        rows = pv.building_rows(self.document.project.buildings, [building_id])
        self.document.set_selection(rows)
        if not cluster_id.startswith(PSEUDO_PREFIX):
            self.document.set_selected_clusters([cluster_id])
        if len(rows):
            self.zoomToRowsRequested.emit(np.asarray(rows, dtype=np.int64))

    def _cluster_selected(self) -> None:
        ids = [str(c) for c in self.document.selected_cluster_ids]
        missing = set(self.misses["cluster_id"]) if len(self.misses) else set()
        if len(ids) == 1 and ids[0] in missing and self._remedies_for != ids[0]:
            self.compute_remedies(ids[0])

    # --- remedies ----------------------------------------------------------------------------
    def _clear_remedies(self) -> None:
        self.remedy_title.setText(
            self.tr(
                "Kies een pand of cluster in de tabel: hier komen twee oplossingen naast elkaar."
            )
        )
        self.pull_side.show_text("", can_apply=False)
        self.ahead_side.show_text("", can_apply=False)

    def compute_remedies(self, cluster_id: str) -> None:
        """The two remedies of ``cluster_id``, in the background."""
        controller = self.controller
        bundle, session = controller.bundle, controller.session
        if bundle is None or session.key is None:
            return
        self._remedies_for = cluster_id
        key, inputs, config = session.key, session.inputs, controller.config.copy()
        shares = controller.effective_shares(bundle)
        result = bundle.result
        order = real_order(result)
        self.remedy_title.setText(self.tr("Oplossingen voor {0} berekenen...").format(cluster_id))
        self.pull_side.show_text("…", can_apply=False)
        self.ahead_side.show_text("…", can_apply=False)

        def job(progress):
            planner = session.planner_for(key, inputs, config)
            progress(0.2)
            with session.run_lock:
                here = result
                if planner.model is not result.model:  # the planner was rebuilt since
                    here = planner.run(shares, order=order)
                found = planner.deadline_remedies(here, [cluster_id], shares=shares)
            progress(1.0)
            return bundle, found[0] if found else None

        self.remedy_runner.submit(job, name="deadline-remedies")

    def _remedies_done(self, outcome) -> None:
        bundle, remedies = outcome
        if bundle is not self.controller.bundle:
            return  # made for an older plan
        self.remedies = remedies
        if remedies is None:
            self._clear_remedies()
            return
        names = self._cluster_names()
        cid = remedies.cluster_id
        name = self.tr("zonder cluster") if cid.startswith(PSEUDO_PREFIX) else names.get(cid, cid)
        title = self.tr("{0}: {1} panden te laat. Twee oplossingen:").format(
            name, format_number(len(remedies.late_buildings), 0)
        )
        if remedies.notes:
            title += "\n" + "\n".join(remedies.notes)
        self.remedy_title.setText(title)
        pull, take = remedies.pull_forward, remedies.take_ahead
        pseudo = cid.startswith(PSEUDO_PREFIX)
        self.pull_side.show_text(self._pull_text(pull, names), can_apply=not pseudo)
        self.ahead_side.show_text(self._ahead_text(take), can_apply=bool(take.building_ids))

    def _pull_text(self, pull, names: dict[str, str]) -> str:
        lines = [
            self.tr("alle panden op tijd") if pull.meets else self.tr("niet alle panden op tijd"),
            self.tr("risicoblootstelling {0}").format(_signed(pull.extra_exposure)),
        ]
        later = sorted(pull.later_clusters.items(), key=lambda kv: (-kv[1], kv[0]))
        if later:
            lines.append(self.tr("{0} clusters later klaar:").format(len(later)))
            for cid, days in later[:4]:
                lines.append(
                    self.tr("· {0}: {1} dagen").format(names.get(cid, cid), format_number(days, 0))
                )
            if len(later) > 4:
                lines.append(self.tr("· en {0} meer").format(len(later) - 4))
        if pull.new_misses:
            lines.append(self.tr("{0} andere panden dan te laat").format(pull.new_misses))
        return "\n".join(lines)

    def _ahead_text(self, take) -> str:
        lines = [
            self.tr("alle panden op tijd") if take.meets else self.tr("niet alle panden op tijd"),
            self.tr("risicoblootstelling {0}").format(_signed(take.extra_exposure)),
        ]
        if take.pairs:
            lines.append(self.tr("{0} buurparen anders behandeld:").format(len(take.pairs)))
            for a, b in take.pairs[:4]:
                lines.append(f"· {a} – {b}")
            if len(take.pairs) > 4:
                lines.append(self.tr("· en {0} meer").format(len(take.pairs) - 4))
        else:
            lines.append(self.tr("geen buren anders behandeld"))
        return "\n".join(lines)

    def _remedies_failed(self, error) -> None:
        text = error.user_message() if isinstance(error, GisAppError) else str(error)
        self.remedy_title.setText(self.tr("Oplossingen niet berekend: {0}").format(text))
        self.pull_side.show_text("", can_apply=False)
        self.ahead_side.show_text("", can_apply=False)

    def apply_pull_forward(self) -> bool:
        """Lock the remedies' cluster at the front of the order (one undo step)."""
        if self.remedies is None:
            return False
        cid = self.remedies.cluster_id
        clusters = self.document.project.clusters
        if clusters is None or cid not in set(clusters["cluster_id"].astype(str)):
            return False
        new = pv.clusters_pulled_forward(clusters, cid)
        self.document.set_clusters(
            new, self.tr("Cluster {0} naar voren (uiterlijk gereed)").format(cid), touched=[]
        )
        return True

    def apply_take_ahead(self) -> bool:
        """Take the remedies' late buildings ahead of their cluster (one undo step)."""
        if self.remedies is None or not self.remedies.take_ahead.building_ids:
            return False
        planning = pv.with_buildings_ahead(
            self.controller.config.to_dict(), self.remedies.take_ahead.building_ids
        )
        return self.controller.apply_settings(
            {"ahead_of_cluster": planning["ahead_of_cluster"]},
            self.tr("{0} panden voortrekken (uiterlijk gereed)").format(
                len(self.remedies.take_ahead.building_ids)
            ),
        )

    # --- assistant ---------------------------------------------------------------------------
    def run_assistant(self, objective: str) -> None:
        """Meet every deadline by ``objective`` (``pairs`` / ``exposure``), in the background."""
        from gis_app.core.planning.rebalance import meet_deadlines

        controller = self.controller
        bundle, session = controller.bundle, controller.session
        if bundle is None or session.key is None:
            return
        key, inputs, config = session.key, session.inputs, controller.config.copy()
        shares = controller.effective_shares(bundle)
        order = "default"
        if controller.order == "optimise":
            order = real_order(bundle.result)
        self._assistant_choice = None
        self.assistant_apply.setEnabled(False)
        self.assistant_text.setText(self.tr("berekenen..."))

        def job(progress):
            planner = session.planner_for(key, inputs, config)
            progress(0.2)
            with session.run_lock:
                found = meet_deadlines(planner, objective, order=order, shares=shares)
            progress(1.0)
            return bundle, objective, found

        self.assistant_runner.submit(job, name=f"deadline-assistant-{objective}")

    def _assistant_done(self, outcome) -> None:
        bundle, objective, found = outcome
        if bundle is not self.controller.bundle:
            return
        self.options[objective] = found
        self._assistant_choice = objective
        how = (
            self.tr("Minste uitlegbare buren")
            if objective == "pairs"
            else self.tr("Minste extra risico")
        )
        done = (
            self.tr("alle termijnen gehaald")
            if found.meets
            else self.tr("{0} panden blijven te laat").format(found.misses)
        )
        text = self.tr(
            "{0}: {1}; {2} clusters naar voren, {3} panden voorgetrokken; buurparen {4}, "
            "risicoblootstelling {5}."
        ).format(
            how,
            done,
            len(found.pulled_forward),
            len(found.ahead_of_cluster),
            f"{found.extra_pairs:+d}",
            _signed(found.extra_exposure),
        )
        self.assistant_text.setText(text)
        changes = set(found.ahead_of_cluster) != set(self.controller.config.ahead_of_cluster)
        self.assistant_apply.setVisible(True)
        self.assistant_apply.setEnabled(changes)

    def _assistant_failed(self, error) -> None:
        text = error.user_message() if isinstance(error, GisAppError) else str(error)
        self.assistant_text.setText(self.tr("Niet berekend: {0}").format(text))

    def apply_assistant(self) -> bool:
        """Take the chosen assistant plan's buildings ahead of their cluster (one undo step);
        the clusters it moves forward are moved by the plan's own deadline repair."""
        found = self.options.get(self._assistant_choice or "")
        if found is None:
            return False
        return self.controller.apply_settings(
            {"ahead_of_cluster": list(found.ahead_of_cluster)},
            self.tr("Alle termijnen halen ({0})").format(
                self.tr("minste uitlegbare buren")
                if found.objective == "pairs"
                else self.tr("minste extra risico")
            ),
        )

    def wait(self, msecs: int = 30000) -> None:
        self.remedy_runner.wait(msecs)
        self.assistant_runner.wait(msecs)


def _signed(exposure: float) -> str:
    sign = "+" if exposure > 0 else ("−" if exposure < 0 else "±")
    return f"{sign}{format_significant(abs(float(exposure)))}"


class BoundView(QWidget):
    """ "Plan within X % of the best possible" (module docstring)."""

    boundChanged = Signal(object)  # BoundResult, or None when cleared

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.runner = LatestOnly(self)
        self.bound = None  # BoundResult of the current plan
        self.gap: float | None = None
        self._stop: threading.Event | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Ondergrens berekenen"))
        self.start_button.setToolTip(
            self.tr(
                "Berekent hoe ver dit plan hooguit van het best mogelijke ligt (een zekere "
                "ondergrens op de risicoblootstelling). Kan tot een minuut duren; gebeurt "
                "vanzelf na een geoptimaliseerde planning."
            )
        )
        self.stop_button = QPushButton(self.tr("Stoppen"))
        self.stop_button.setEnabled(False)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setVisible(False)
        layout.addWidget(self.text)
        layout.addWidget(self.busy)
        layout.addLayout(row)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.runner.resultReady.connect(self._done)
        self.runner.failed.connect(self._failed)
        self.runner.busyChanged.connect(self._busy)
        controller.resultChanged.connect(self._plan_changed)
        self._plan_changed(controller.bundle)

    def _plan_changed(self, bundle) -> None:
        """A new plan: the old bound says nothing about it (cancelled, figure cleared);
        an optimised plan gets its bound by itself."""
        self.runner.cancel()
        self.bound, self.gap = None, None
        self.boundChanged.emit(None)
        self.start_button.setEnabled(bundle is not None)
        if bundle is None:
            self.text.setText("")
            return
        if self.controller.order == "optimise":
            self.start()
        else:
            self.text.setText(self.tr("Hoe ver ligt dit plan van het best mogelijke?"))
            style_text(self.text, color=NOTE)

    def start(self) -> None:
        controller = self.controller
        bundle, session = controller.bundle, controller.session
        if bundle is None or session.key is None:
            return
        key, inputs, config = session.key, session.inputs, controller.config.copy()
        shares = controller.effective_shares(bundle)
        stop = threading.Event()
        self._stop = stop
        self.text.setText(self.tr("Ondergrens berekenen..."))
        style_text(self.text, color=NOTE)

        def job(progress):
            # a planner of its own (same neighbour pairs): the bound may run for a minute
            # while slider moves run plans on the shared one
            planner = session.planner_for(key, inputs, config).with_config(config)
            progress(0.1)
            bound = planner.bound(
                shares,
                should_stop=lambda: stop.is_set() or progress.cancelled,
                time_limit=BOUND_TIME_LIMIT,
            )
            progress(1.0)  # a plan that superseded this one drops it here
            return bundle, planner, bound

        self.runner.submit(job, name="exposure-bound")

    def stop(self) -> None:
        """End the running computation early: its bound is valid, only less tight."""
        if self._stop is not None:
            self._stop.set()

    def _done(self, outcome) -> None:
        bundle, planner, bound = outcome
        if bundle is not self.controller.bundle:
            return
        result = bundle.result
        planner.attach_bound(result, bound)  # metrics: exposure_lower_bound, optimality_gap
        self.bound = bound
        self.gap = result.metrics.get("optimality_gap")
        which = (
            self.tr("Geoptimaliseerde planning")
            if getattr(result, "order_kind", "") == "optimise"
            else self.tr("Planning")
        )
        if self.gap is None:
            text = self.tr("Geen ondergrens: dit plan heeft geen risicoblootstelling.")
        else:
            text = self.tr("{0} binnen {1} % van het best mogelijke").format(
                which, format_number(self.gap * 100, 1)
            )
            text += "\n" + self.tr("ondergrens {0} · plan {1} slachtoffer-jaren").format(
                format_significant(bound.lower_bound),
                format_significant(result.metrics["risk_exposure"]),
            )
            if bound.cancelled:
                text += "\n" + self.tr("gestopt: de ondergrens is geldig maar minder scherp")
        self.text.setText(text)
        style_text(self.text, bold=True)
        self.boundChanged.emit(bound)

    def _failed(self, error) -> None:
        text = error.user_message() if isinstance(error, GisAppError) else str(error)
        self.text.setText(self.tr("Ondergrens niet berekend: {0}").format(text))
        style_text(self.text, color=WARN, bold=True)

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.stop_button.setEnabled(busy)
        self.start_button.setEnabled(not busy and self.controller.bundle is not None)

    def wait(self, msecs: int = 30000) -> None:
        self.runner.wait(msecs)


__all__ = ["BoundView", "DeadlineEditor", "DeadlinesView"]
