"""Team mode in the window against a real PostgreSQL/PostGIS server (tests/pg_server.py).

Openen uit database, two windows seeing each other's saves through LISTEN/NOTIFY, the
side-by-side choice after a conflict, Geschiedenis, refusals of a municipal role, and no
password in the settings or the log."""

from __future__ import annotations

import logging

import pytest
import shapely
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from gis_app.core.db import history, push
from gis_app.ui.shell.main_window import MainWindow
from gis_app.ui.team.connect_dialog import (
    SETTINGS_KEY_CONNECTIONS,
    ConnectionDialog,
    list_projects,
    service_names,
)
from tests.test_db import rich_project

pytestmark = pytest.mark.postgres


@pytest.fixture
def shared(pg_db):
    """A pushed project "plan" (clusters C00..C11, packages, settings) and its URL."""
    push(rich_project(600), pg_db, "plan")
    return pg_db


@pytest.fixture
def boxes(monkeypatch):
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(f"{box.windowTitle()} {box.text()} {box.informativeText()}")
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


@pytest.fixture
def windows(qapp, qtbot):
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow()
        window.resize(1200, 800)
        window.team.modal_dialogs = False
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.team.close_session()
        window.document.mark_clean()
        window.close()
        window.deleteLater()
    qtbot.waitUntil(lambda: not made[0].tasks.busy if made else True, timeout=30000)


def open_shared(qtbot, window: MainWindow, url: str, name: str = "plan") -> None:
    with qtbot.waitSignal(window.team.opened, timeout=60000) as outcome:
        assert window.team.open_from_database(url, name)
    assert outcome.args == [True]
    session = window.team.session
    qtbot.waitUntil(lambda: session.listening, timeout=15000)


def edit_cluster(window: MainWindow, cluster_id: str, **fields) -> None:
    """A cluster edit as the cluster panel makes it: a new table, one undo step."""
    clusters = window.document.project.clusters.copy()
    row = clusters.index[clusters["cluster_id"] == cluster_id][0]
    touched = []
    for column, value in fields.items():
        if column == "geometry":
            clusters.loc[row, clusters.geometry.name] = value
            touched = [cluster_id]
        else:
            clusters.loc[row, column] = value
    window.document.set_clusters(clusters, "bewerken", touched=touched)


def cluster_field(window: MainWindow, cluster_id: str, column: str):
    clusters = window.document.project.clusters
    return clusters.loc[clusters["cluster_id"] == cluster_id, column].iloc[0]


def save(qtbot, window: MainWindow) -> bool:
    outcome: list[bool] = []
    assert window.team.session.save(outcome.append)
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    return outcome[0]


def test_open_from_database_shows_the_project(qtbot, windows, shared):
    window = windows()
    open_shared(qtbot, window, shared)
    project = window.document.project
    assert len(project.buildings) == 600
    assert sorted(project.clusters["cluster_id"]) == ["C00", "C01", "C10", "C11"]
    assert list(project.packages["package_id"]) == ["C00-WP01", "C01-WP01"]
    assert "plan" in window.windowTitle()
    assert not window.document.is_dirty
    assert window.team.cluster_history_action.isEnabled()
    # the menu holds both entries, in Bestand
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Openen &uit database..." in texts and "Opslaan in &database..." in texts
    # opening a file afterwards ends the session (listener stopped)
    session = window.team.session
    window.set_project(rich_project(50))
    assert window.team.session is None and session.closed
    qtbot.waitUntil(lambda: not session._listener.is_alive(), timeout=5000)


def test_open_from_database_can_be_cancelled(qtbot, windows, shared):
    window = windows()
    before = window.document.project
    with qtbot.waitSignal(window.team.opened, timeout=60000) as outcome:
        assert window.team.open_from_database(shared, "plan")
        for task in window.tasks.active_tasks():
            if task.name == "team-pull":
                task.cancel()
    assert outcome.args == [False]
    assert window.document.project is before
    assert window.team.session is None
    assert "geannuleerd" in window.statusBar().currentMessage()


def test_a_missing_project_is_one_clear_message(qtbot, windows, shared, boxes):
    window = windows()
    with qtbot.waitSignal(window.team.opened, timeout=60000) as outcome:
        window.team.open_from_database(shared, "bestaat niet")
    assert outcome.args == [False]
    assert any("'bestaat niet' staat niet in de database" in text for text in boxes)


def test_a_cluster_saved_in_one_window_appears_in_the_other(qtbot, windows, shared):
    alice, bob = windows(), windows()
    open_shared(qtbot, alice, shared)
    open_shared(qtbot, bob, shared)
    smaller = shapely.box(*alice.document.project.clusters.geometry.iloc[1].bounds).buffer(-40)
    edit_cluster(alice, "C01", name="Blok van Alice", geometry=smaller)
    members_alice = set(
        alice.document.project.buildings.loc[
            alice.document.project.buildings["cluster_id"] == "C01", "building_id"
        ]
    )
    assert alice.document.is_dirty
    assert save(qtbot, alice)
    assert not alice.document.is_dirty
    # Bob's window shows it within 2 seconds of the save, on the map and in the panel
    model = bob.clusters.panel.model

    def panel_texts() -> list:
        return [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(3)]

    qtbot.waitUntil(
        lambda: (
            cluster_field(bob, "C01", "name") == "Blok van Alice"
            and "Blok van Alice" in panel_texts()
        ),
        timeout=2000,
    )
    bob_project = bob.document.project
    assert (
        bob_project.clusters.loc[bob_project.clusters["cluster_id"] == "C01"]
        .geometry.iloc[0]
        .equals(smaller)
    )
    members_bob = set(
        bob_project.buildings.loc[bob_project.buildings["cluster_id"] == "C01", "building_id"]
    )
    assert members_bob == members_alice
    assert not bob.document.is_dirty  # the shared state, not an edit of Bob's
    assert not bob.document.undo_stack.canUndo()
    # Alice does not re-apply her own save
    assert cluster_field(alice, "C01", "name") == "Blok van Alice"
    assert not alice.team.session.pending


def test_same_cluster_gives_a_conflict_and_mine_is_saved(qtbot, windows, shared, boxes):
    alice, bob = windows(), windows()
    open_shared(qtbot, alice, shared)
    open_shared(qtbot, bob, shared)
    edit_cluster(bob, "C10", name="Bob bewerkt")  # Bob is mid-edit
    edit_cluster(alice, "C10", name="Alice was eerst", approach_share=0.7)
    assert save(qtbot, alice)
    # Bob's edit in progress is not disturbed: the change waits, with a notice
    qtbot.waitUntil(lambda: ("cluster", "C10") in bob.team.session.pending, timeout=2000)
    assert cluster_field(bob, "C10", "name") == "Bob bewerkt"
    assert "C10" in bob.statusBar().currentMessage()
    # Bob saves: refused for that row, the side-by-side choice opens
    with qtbot.waitSignal(bob.team.conflictDialogShown, timeout=30000) as shown:
        bob.team.session.save()
    dialog = shown.args[0]
    assert [(c.kind, c.key) for c in dialog.conflicts] == [("cluster", "C10")]
    table = [
        [dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())
    ]
    assert ["naam", "Bob bewerkt", "Alice was eerst"] in table
    assert dialog.map.mine is not None and dialog.map.theirs is not None
    # both outlines on the main map too, in view; gone when the choice is made
    assert bob.canvas.preview_count == 2
    xmin, ymin, xmax, ymax = bob.canvas.view.extent
    c10 = shapely.total_bounds([dialog.conflicts[0].mine["geometry"]])
    assert xmin <= c10[0] and ymin <= c10[1] and xmax >= c10[2] and ymax >= c10[3]
    assert not dialog.ok_button.isEnabled()  # nothing chosen yet
    dialog.choose(0, "mine")
    assert dialog.ok_button.isEnabled()
    saved = []
    bob.team.session.saved.connect(saved.append)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(saved), timeout=30000)
    assert bob.canvas.preview_count == 0
    assert [(s.kind, s.key) for s in saved[0].accepted] == [("cluster", "C10")]
    assert not saved[0].conflicts
    # the database and Alice's window now have Bob's version
    qtbot.waitUntil(lambda: cluster_field(alice, "C10", "name") == "Bob bewerkt", timeout=2000)
    entries = history(shared, "plan", "cluster", "C10")
    assert [e.after["name"] for e in entries if e.after][-2:] == ["Alice was eerst", "Bob bewerkt"]
    assert not boxes  # no error or refusal box


def test_choosing_theirs_goes_through_the_document_and_undoes(qtbot, windows, shared):
    alice, bob = windows(), windows()
    open_shared(qtbot, alice, shared)
    open_shared(qtbot, bob, shared)
    edit_cluster(bob, "C11", name="Bob")
    edit_cluster(alice, "C11", name="Alice")
    assert save(qtbot, alice)
    qtbot.waitUntil(lambda: ("cluster", "C11") in bob.team.session.pending, timeout=2000)
    with qtbot.waitSignal(bob.team.conflictDialogShown, timeout=30000) as shown:
        bob.team.session.save()
    dialog = shown.args[0]
    dialog.choose_all("theirs")
    dialog.accept()
    assert cluster_field(bob, "C11", "name") == "Alice"
    assert bob.document.undo_stack.undoText() == "Versie uit de database overgenomen"
    bob.document.undo_stack.undo()
    assert cluster_field(bob, "C11", "name") == "Bob"
    bob.document.undo_stack.redo()
    # nothing left to save: Alice's version is the base now
    outcome = save(qtbot, bob)
    assert outcome
    assert [e.after["name"] for e in history(shared, "plan", "cluster", "C11") if e.after][
        -1
    ] == "Alice"


def test_geschiedenis_lists_the_audit_rows(qtbot, windows, shared):
    window = windows()
    open_shared(qtbot, window, shared)
    edit_cluster(window, "C00", name="Eerste wijziging")
    assert save(qtbot, window)
    edit_cluster(window, "C00", name="Tweede wijziging")
    # Opslaan (Ctrl+S) of a project from the database saves to the database
    outcome: list[bool] = []
    assert window.project_controller.save(outcome.append)
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    assert outcome == [True] and not window.document.is_dirty
    window.document.set_selected_clusters(["C00"])
    with qtbot.waitSignal(window.team.historyShown, timeout=30000) as shown:
        assert window.team.show_history("cluster")
    dialog = shown.args[0]
    rows = dialog.row_texts()
    assert len(rows) == 3  # pushed (nieuw), two edits; newest first
    assert [r[2] for r in rows] == ["gewijzigd", "gewijzigd", "nieuw"]
    assert "naam: Eerste wijziging → Tweede wijziging" in rows[0][4]
    assert "naam: Blok C00 → Eerste wijziging" in rows[1][4]
    assert all(r[1] == "gisapp_admin" for r in rows)
    assert dialog.windowTitle() == "Geschiedenis van cluster C00"
    # packages too
    window.packages_panel.select_ids(["C01-WP01"])
    with qtbot.waitSignal(window.team.historyShown, timeout=30000) as shown:
        assert window.team.show_history("package")
    assert shown.args[0].row_texts()[0][2] == "nieuw"


def test_a_municipal_role_sees_its_refusal(qtbot, windows, shared, pg_server, boxes):
    db = shared.rsplit("/", 1)[1]
    pg_server.add_login("gem_ui", "gem-ui-pw", "gemeente_planner")
    pg_server.admin_sql(
        "INSERT INTO gis_app.municipality_access VALUES ('gem_ui', '0003') ON CONFLICT DO NOTHING",
        db,
    )
    window = windows()
    open_shared(qtbot, window, pg_server.url(db, user="gem_ui"))
    edit_cluster(window, "C01", name="niet van ons")  # municipality 0010
    edit_cluster(window, "C00", name="van ons")  # municipality 0003
    outcome = save(qtbot, window)
    assert not outcome
    assert any("geen rechten" in text and "cluster C01" in text for text in boxes)
    names = {e.after["name"] for e in history(shared, "plan", "cluster", "C00") if e.after}
    assert "van ons" in names
    assert all(
        e.after["name"] != "niet van ons"
        for e in history(shared, "plan", "cluster", "C01")
        if e.after
    )
    assert window.document.is_dirty  # the refused edit is kept, not thrown away
    original = window.team.session.base_rows[("cluster", "C01")]["name"]
    # saving again does not send the unchanged refused row again
    notices: list[str] = []
    window.team.session.notice.connect(notices.append)
    shown_before = len(boxes)
    assert not save(qtbot, window)
    assert len(boxes) == shown_before  # no new refusal
    assert any("niet opnieuw verstuurd" in n and "cluster C01" in n for n in notices)
    # changed again, it is sent again (and refused again); the planner puts back the
    # database's version from the message
    edit_cluster(window, "C01", name="nog steeds niet van ons")

    def put_back(box: QMessageBox) -> int:
        boxes.append(f"{box.windowTitle()} {box.text()}")
        [button] = [b for b in box.buttons() if b.text() == "Versie uit de database terugzetten"]
        button.click()
        return 0

    monkeypatch_exec = pytest.MonkeyPatch()
    monkeypatch_exec.setattr(QMessageBox, "exec", put_back)
    try:
        assert not save(qtbot, window)
    finally:
        monkeypatch_exec.undo()
    assert len(boxes) == shown_before + 1 and "geen rechten" in boxes[-1]
    assert cluster_field(window, "C01", "name") == original
    assert window.document.undo_stack.undoText() == "Geweigerde wijzigingen teruggezet"
    assert save(qtbot, window)  # nothing left that differs from the database
    assert not window.document.is_dirty


def test_connection_dialog_lists_projects_and_keeps_no_password(
    qtbot, qapp, shared, pg_server, tmp_path, monkeypatch
):
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text("[ncg]\nhost=db.ncg.nl\ndbname=plan\n\n[gemeente]\nhost=x\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    assert service_names()[:2] == ["ncg", "gemeente"]
    db = shared.rsplit("/", 1)[1]
    with_password = f"postgresql://{pg_server.admin}:{pg_server.password}@{pg_server.host}:{pg_server.port}/{db}"
    assert list_projects(with_password) == ["plan"]
    settings = QSettings()
    settings.remove(SETTINGS_KEY_CONNECTIONS)
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect()
    logging.getLogger("gis_app").addHandler(handler)
    old_level = logging.getLogger("gis_app").level
    logging.getLogger("gis_app").setLevel(logging.DEBUG)
    try:
        dialog = ConnectionDialog(mode="open", settings=settings)
        qtbot.addWidget(dialog)
        assert "service=ncg" in [
            dialog.connection.itemText(i) for i in range(dialog.connection.count())
        ]
        dialog.set_target(with_password)
        dialog.refresh_projects()
        qtbot.waitUntil(lambda: dialog.projects.count() == 1, timeout=30000)
        assert dialog.project_name() == "plan"
        dialog.accept()
        assert dialog.target() == with_password  # used for this session...
        stored = settings.value(SETTINGS_KEY_CONNECTIONS)
        assert pg_server.password not in str(stored)  # ...but never stored
        assert stored[0] == pg_server.url(db)
        # a failing connection says so in one line, without the password
        dialog2 = ConnectionDialog(mode="save", name="nieuw", settings=settings)
        qtbot.addWidget(dialog2)
        wrong = with_password.replace(str(pg_server.port), str(pg_server.port + 1))
        dialog2.set_target(wrong)
        dialog2.refresh_projects()
        qtbot.waitUntil(lambda: dialog2.list_button.isEnabled(), timeout=30000)
        assert "verbinding" in dialog2.status.text()
        assert pg_server.password not in dialog2.status.text()
    finally:
        logging.getLogger("gis_app").removeHandler(handler)
        logging.getLogger("gis_app").setLevel(old_level)
    assert not any(pg_server.password in line for line in records)


def test_open_with_a_password_in_the_url_logs_none(qtbot, windows, shared, pg_server):
    db = shared.rsplit("/", 1)[1]
    with_password = f"postgresql://{pg_server.admin}:{pg_server.password}@{pg_server.host}:{pg_server.port}/{db}"
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    logger = logging.getLogger("gis_app")
    handler = Collect(level=logging.DEBUG)
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        window = windows()
        open_shared(qtbot, window, with_password)
        edit_cluster(window, "C00", name="met wachtwoord")
        assert save(qtbot, window)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert any("Teamsessie" in line for line in records)
    assert not any(pg_server.password in line for line in records)
    assert pg_server.password not in window.statusBar().currentMessage()
    assert pg_server.password not in repr(window.document.project.settings)


def test_a_change_waits_while_the_edit_tool_is_on_that_cluster(qtbot, windows, shared):
    alice, bob = windows(), windows()
    open_shared(qtbot, alice, shared)
    open_shared(qtbot, bob, shared)
    bob.document.set_selected_clusters(["C01"])
    bob.canvas.set_tool(bob.clusters.edit_tool)  # Bob is editing C01's outline
    edit_cluster(alice, "C01", name="tijdens bewerken")
    assert save(qtbot, alice)
    qtbot.waitUntil(lambda: ("cluster", "C01") in bob.team.session.pending, timeout=2000)
    assert cluster_field(bob, "C01", "name") == "Blok C01"
    bob.set_tool("pan")  # the edit ends without a change: the waiting change is applied
    assert cluster_field(bob, "C01", "name") == "tijdens bewerken"
    assert not bob.team.session.pending
    assert not bob.document.is_dirty


def test_opslaan_in_database_uploads_a_file_project_and_follows_it(qtbot, windows, pg_db):
    from gis_app.core.db import pull

    window = windows()
    window.set_project(rich_project(300))
    with qtbot.waitSignal(window.team.pushed, timeout=60000) as outcome:
        assert window.team.save_to_database(pg_db, "Plan 't Zandt")
    assert outcome.args == [True]
    assert window.team.session is not None and window.team.session.name == "Plan 't Zandt"
    assert "Plan 't Zandt" in window.windowTitle()
    pulled = pull(pg_db, "Plan 't Zandt")
    assert len(pulled.buildings) == 300
    assert sorted(pulled.clusters["cluster_id"]) == ["C00", "C01", "C10", "C11"]
    # from now on the window saves row by row
    edit_cluster(window, "C11", name="na uploaden")
    assert save(qtbot, window)
    assert [e.action for e in history(pg_db, "Plan 't Zandt", "cluster", "C11")] == [
        "INSERT",
        "UPDATE",
    ]


def test_a_copy_saved_to_a_file_remembers_the_database_rows(qtbot, windows, shared, tmp_path):
    from gis_app.core.db import offline_changes
    from gis_app.core.io.projectfile import load_project

    window = windows()
    open_shared(qtbot, window, shared)
    edit_cluster(window, "C00", name="eerst opgeslagen")
    assert save(qtbot, window)
    edit_cluster(window, "C10", name="nog niet in de database")
    outcome: list[bool] = []
    controller = window.project_controller
    assert controller.save_to(tmp_path / "kopie.gpkg", outcome.append)
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    assert outcome == [True]
    name, changes, base = offline_changes(load_project(tmp_path / "kopie.gpkg"))
    # exactly the row edited here and not yet saved, on the version the database has (the
    # map's view is a setting the command line would send; the window keeps it local)
    assert name == "plan"
    rows = [(c.kind, c.key) for c in changes if (c.kind, c.key) != ("setting", "map")]
    assert rows == [("cluster", "C10")]
    assert base[("cluster", "C10")] == 1


def test_an_offline_copy_is_saved_back_with_the_same_choice(qtbot, windows, shared, tmp_path):
    from gis_app.core.db import RowChange, pull, save_changes, versions_as_base
    from gis_app.core.io.projectfile import save_project

    copy = pull(shared, "plan", remember=True)
    path = save_project(copy, tmp_path / "offline.gpkg")
    base = versions_as_base(copy.db_versions)
    others = save_changes(
        shared,
        "plan",
        [
            RowChange("cluster", "C00", {"name": "door NCG"}),
            RowChange("cluster", "C11", {"name": "ook door NCG"}),
        ],
        base,
    )
    assert len(others.accepted) == 2
    window = windows()
    assert window.open_path(path, show_errors=False, background=False)
    edit_cluster(window, "C00", name="offline bewerkt")
    edit_cluster(window, "C01", name="offline C01")
    with qtbot.waitSignal(window.team.conflictDialogShown, timeout=60000) as shown:
        assert window.team.save_to_database(shared, "plan")
    dialog = shown.args[0]
    assert [(c.kind, c.key) for c in dialog.conflicts] == [("cluster", "C00")]
    assert cluster_field(window, "C11", "name") == "ook door NCG"  # others' change shown
    assert cluster_field(window, "C00", "name") == "offline bewerkt"  # nothing overwritten
    assert window.team.session is not None
    dialog.choose(0, "mine")
    saved = []
    window.team.session.saved.connect(saved.append)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(saved), timeout=30000)
    assert [(s.kind, s.key) for s in saved[0].accepted] == [("cluster", "C00")]
    final = pull(shared, "plan")
    names = dict(zip(final.clusters["cluster_id"], final.clusters["name"], strict=True))
    assert names["C00"] == "offline bewerkt"
    assert names["C01"] == "offline C01"
    assert names["C11"] == "ook door NCG"
    assert not window.document.is_dirty


def test_a_cluster_removed_in_one_window_disappears_in_the_other(qtbot, windows, shared):
    alice, bob = windows(), windows()
    open_shared(qtbot, alice, shared)
    open_shared(qtbot, bob, shared)
    clusters = alice.document.project.clusters
    alice.document.set_clusters(
        clusters[clusters["cluster_id"] != "C11"].reset_index(drop=True), "weg", touched=None
    )
    assert not (alice.document.project.buildings["cluster_id"] == "C11").any()
    assert save(qtbot, alice)
    qtbot.waitUntil(
        lambda: "C11" not in set(bob.document.project.clusters["cluster_id"]), timeout=2000
    )
    assert not (bob.document.project.buildings["cluster_id"] == "C11").any()
    assert ("cluster", "C11") not in bob.team.session.base_versions
    assert not bob.document.is_dirty


def test_plan_settings_packages_and_scenarios_travel_row_by_row(qtbot, windows, shared):
    alice, bob = windows(), windows()
    open_shared(qtbot, alice, shared)
    open_shared(qtbot, bob, shared)
    planning = dict(alice.document.project.settings.get("planning") or {})
    planning["start_date"] = "2031-03-01"
    alice.document.set_plan_settings(planning, "standaard")
    packages = alice.document.project.packages.copy()
    packages.loc[packages["package_id"] == "C01-WP01", "contractor"] = "Noordbouw BV"
    alice.document.set_packages(packages, None, "aannemer")
    alice.document.set_scenarios([*alice.document.project.scenarios, {"name": "van Alice"}])
    saved = []
    alice.team.session.saved.connect(saved.append)
    assert save(qtbot, alice)
    kinds = sorted({s.kind for s in saved[0].accepted})
    assert kinds == ["package", "scenario", "setting"]
    assert ("package", "C00-WP01") not in {(s.kind, s.key) for s in saved[0].accepted}

    def arrived() -> bool:
        project = bob.document.project
        contractor = project.packages.loc[
            project.packages["package_id"] == "C01-WP01", "contractor"
        ].iloc[0]
        return (
            (project.settings.get("planning") or {}).get("start_date") == "2031-03-01"
            and contractor == "Noordbouw BV"
            and project.scenarios[-1] == {"name": "van Alice"}
        )

    qtbot.waitUntil(arrived, timeout=2000)
    assert not bob.document.is_dirty


def test_an_undo_over_someone_elses_change_asks_instead_of_overwriting(qtbot, windows, shared):
    """Bob's undo brings back a cluster table from before Alice's saved change: his next
    save does not write it over hers silently, it shows the side-by-side choice."""
    alice, bob = windows(), windows()
    open_shared(qtbot, alice, shared)
    open_shared(qtbot, bob, shared)
    edit_cluster(bob, "C01", name="Bob eerst")
    assert save(qtbot, bob)
    qtbot.waitUntil(lambda: cluster_field(alice, "C01", "name") == "Bob eerst", timeout=2000)
    edit_cluster(alice, "C01", name="Alice daarna")
    assert save(qtbot, alice)
    qtbot.waitUntil(lambda: cluster_field(bob, "C01", "name") == "Alice daarna", timeout=2000)
    bob.document.undo_stack.undo()  # Bob's own rename, made before Alice's change arrived
    assert cluster_field(bob, "C01", "name") != "Alice daarna"
    with qtbot.waitSignal(bob.team.conflictDialogShown, timeout=30000) as shown:
        bob.team.session.save()
    dialog = shown.args[0]
    assert [(c.kind, c.key) for c in dialog.conflicts] == [("cluster", "C01")]
    dialog.choose_all("theirs")
    dialog.accept()
    assert cluster_field(bob, "C01", "name") == "Alice daarna"
    names = [e.after["name"] for e in history(shared, "plan", "cluster", "C01") if e.after]
    assert names[-1] == "Alice daarna"  # nothing of Bob's undo reached the database
