"""Team mode against a real PostgreSQL/PostGIS server (tests/pg_server.py, no mocks).

Round trip GeoPackage -> PostGIS -> GeoPackage, optimistic concurrency between two
clients, the roles and row-level security with plain SQL, the audit trail, a push killed
with SIGKILL, injection attempts, notifications and TLS refusal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import pytest
import shapely
from pandas.testing import assert_frame_equal

from gis_app.core.db import (
    DbError,
    RowChange,
    history,
    init_database,
    listen,
    pull,
    push,
    save_changes,
    versions_as_base,
)
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.packages import PACKAGE_COLUMNS
from gis_app.core.project import Project
from gis_app.core.schema import ensure_address_columns, ensure_cluster_columns

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_area.gpkg"
INJECTIONS = [
    "'; DROP TABLE clusters; --",
    'Robert"); DROP TABLE gis_app.buildings;--',
    '"',
    "\\N",
    "ẞtraße \u202e ‮tegen\u200b ☃ 𝕏 \U0001f3e0",
    "a,b\nc\"d'e",
]


def dbname(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?")[0]


def rich_project(n: int = 2000) -> Project:
    """Part of the sample area with clusters, packages, addresses, settings, scenarios."""
    sample = load_project(SAMPLE)
    buildings = sample.buildings.iloc[:n].reset_index(drop=True).copy()
    xmin, ymin, xmax, ymax = buildings.total_bounds
    xs = np.linspace(xmin, xmax + 1, 3)
    ys = np.linspace(ymin, ymax + 1, 3)
    boxes, ids = [], []
    for i in range(2):
        for j in range(2):
            boxes.append(shapely.box(xs[i], ys[j], xs[i + 1], ys[j + 1]))
            ids.append(f"C{i}{j}")
    clusters = gpd.GeoDataFrame(
        {"cluster_id": ids, "name": [f"Blok {c}" for c in ids], "eigenaar": ["NCG", None] * 2},
        geometry=boxes,
        crs="EPSG:28992",
    )
    clusters = ensure_cluster_columns(clusters)
    clusters.loc[0, "approach_share"] = 0.25
    centroids = buildings.geometry.centroid
    member = np.full(len(buildings), "", dtype=object)
    for cid, box in zip(ids, boxes, strict=True):
        member[shapely.contains(box, centroids.values)] = cid
    buildings["cluster_id"] = member
    # cluster C00 lies in one municipality only: its buildings get BAG ids of 0003
    c00 = buildings["cluster_id"] == "C00"
    buildings.loc[c00, "building_id"] = "0003" + buildings.loc[c00, "building_id"].str[4:]
    buildings.loc[~c00, "building_id"] = "0010" + buildings.loc[~c00, "building_id"].str[4:]
    buildings.loc[0, "address"] = INJECTIONS[0]
    # what COPY's formats treat specially: NULL markers, tabs, line ends, backslashes
    buildings.loc[1, "address"] = "\\N"
    buildings.loc[2, "address"] = "a\tb\\c\r\nd"
    buildings.loc[3, "gebruiksdoel"] = 'x\\y\t"z"\n'
    packages = gpd.GeoDataFrame(
        {
            "package_id": ["C00-WP01", "C01-WP01"],
            "name": ["Eerste", "Tweede"],
            "cluster_id": ["C00", "C01"],
            "sequence": [1, 1],
            "contractor": ["Bouw BV", ""],
            "period_start": pd.to_datetime(["2027-01-04", "2027-03-01"]).astype("datetime64[ms]"),
            "period_end": pd.to_datetime(["2027-06-04", "2027-09-01"]).astype("datetime64[ms]"),
            "n_buildings": [3, 4],
            "n_addresses": [3, 5],
            "residents": [6.5, np.nan],
            "cost": [1e5, 2.5e5],
            "n_light": [1, 2],
            "n_heavy": [2, 2],
            "n_rebuild": [0, 0],
            "n_standard": [3, 1],
            "n_bespoke": [0, 3],
            "manual": [False, True],
        },
        geometry=[boxes[0].buffer(-10), boxes[1].buffer(-10)],
        crs="EPSG:28992",
    )
    assert set(PACKAGE_COLUMNS) <= set(packages.columns)
    addresses = ensure_address_columns(
        pd.DataFrame(
            {
                "building_id": buildings["building_id"].iloc[:3].tolist(),
                "straat": ["Kerkstraat", INJECTIONS[4], "Dorpsweg"],
                "huisnummer": [1, 12, None],
                "huisletter": ["", "a", ""],
                "postcode": ["9919AB", "9919ab", ""],
                "woonplaats": ["Loppersum", "Loppersum", "Garrelsweer"],
            }
        )
    )
    return Project(
        buildings=buildings,
        clusters=clusters,
        packages=packages,
        addresses=addresses,
        settings={"planning": {"start_date": "2027-01-01", "threat_factor": 0.9}},
        scenarios=[{"name": "snel", "shares": {"C00": 0.1}}, {"name": INJECTIONS[0]}],
        commitments={},
        name="rijk",
    )


@pytest.fixture
def project_file(tmp_path) -> Path:
    return save_project(rich_project(), tmp_path / "rijk.gpkg")


def assert_projects_equal(a: Project, b: Project) -> None:
    assert_frame_equal(a.buildings, b.buildings)
    assert_frame_equal(a.clusters, b.clusters)
    assert_frame_equal(a.packages, b.packages)
    assert_frame_equal(a.addresses, b.addresses)
    for left, right in ((a.buildings, b.buildings), (a.clusters, b.clusters)):
        assert left.crs == right.crs
        assert shapely.equals_exact(left.geometry.values, right.geometry.values, 0).all()
    assert a.settings == b.settings
    assert a.scenarios == b.scenarios
    assert a.commitments == b.commitments
    assert a.sources == b.sources


# --- schema -------------------------------------------------------------------------------


def test_init_creates_roles_and_schema_once(pg_server):
    url = pg_server.create_database("gisapp_fresh")
    try:
        assert init_database(url) == (0, 1)
        assert init_database(url) == (1, 1)  # again: nothing to do
        roles = {r[0] for r in pg_server.admin_sql("SELECT rolname FROM pg_roles")}
        assert {"ncg_planner", "gemeente_planner", "viewer"} <= roles
        policies = pg_server.admin_sql(
            "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'gis_app'",
            "gisapp_fresh",
        )
        assert ("clusters", "own_area") in policies and ("packages", "own_area") in policies
        kinds = pg_server.admin_sql(
            "SELECT f_table_name, srid FROM geometry_columns WHERE f_table_schema = 'gis_app'",
            "gisapp_fresh",
        )
        assert sorted(kinds) == [("buildings", 28992), ("clusters", 28992), ("packages", 28992)]
        # a database from a newer app is refused, not half-migrated
        pg_server.admin_sql("INSERT INTO gis_app.schema_version VALUES (99)", "gisapp_fresh")
        with pytest.raises(DbError, match="nieuwere schemaversie"):
            init_database(url)
        with pytest.raises(DbError, match="nieuwere schemaversie"):
            pull(url, "x")
    finally:
        pg_server.admin_sql('DROP DATABASE "gisapp_fresh" WITH (FORCE)')


def test_uninitialised_database_is_named(pg_server):
    url = pg_server.create_database("gisapp_empty")
    try:
        with pytest.raises(DbError, match="gis-app db init"):
            pull(url, "x")
    finally:
        pg_server.admin_sql('DROP DATABASE "gisapp_empty" WITH (FORCE)')


# --- round trip -----------------------------------------------------------------------------


def test_round_trip_geopackage_postgis_geopackage_is_identical(
    pg_db, project_file, tmp_path, monkeypatch
):
    from gis_app.core.db import transfer

    monkeypatch.setattr(transfer, "CHUNK_ROWS", 333)  # several COPY blocks, a short last one
    original = load_project(project_file)
    push(original, pg_db, "rijk")
    pulled = pull(pg_db, "rijk")
    assert_projects_equal(original, pulled)
    back = load_project(save_project(pulled, tmp_path / "terug.gpkg"))
    assert_projects_equal(original, back)
    assert pulled.db_versions["cluster"] == {"C00": 1, "C01": 1, "C10": 1, "C11": 1}


def test_push_refuses_an_existing_name_and_replaces_on_request(pg_db, project_file):
    project = load_project(project_file)
    push(project, pg_db, "plan")
    with pytest.raises(DbError, match="staat al in de database"):
        push(project, pg_db, "plan")
    smaller = load_project(project_file)
    smaller.buildings = smaller.buildings.iloc[:10].reset_index(drop=True)
    push(smaller, pg_db, "plan", replace=True)
    assert len(pull(pg_db, "plan").buildings) == 10


# --- concurrency ----------------------------------------------------------------------------


def test_two_clients_same_cluster_second_gets_a_conflict(pg_db, project_file):
    push(load_project(project_file), pg_db, "plan")
    alice, bob = pull(pg_db, "plan"), pull(pg_db, "plan")
    first = save_changes(
        pg_db,
        "plan",
        [RowChange("cluster", "C01", {"name": "Alice's naam", "approach_share": 0.5})],
        versions_as_base(alice.db_versions),
    )
    assert [(s.kind, s.key, s.version) for s in first.accepted] == [("cluster", "C01", 2)]
    second = save_changes(
        pg_db,
        "plan",
        [RowChange("cluster", "C01", {"name": "Bob's naam"})],
        versions_as_base(bob.db_versions),
    )
    assert second.accepted == [] and second.refused == []
    (conflict,) = second.conflicts
    assert (conflict.kind, conflict.key, conflict.their_version) == ("cluster", "C01", 2)
    assert conflict.mine == {"name": "Bob's naam"}
    assert conflict.theirs["name"] == "Alice's naam"
    assert conflict.theirs["approach_share"] == 0.5
    assert isinstance(conflict.theirs["geometry"], shapely.Polygon)
    # nothing of Bob's was written
    now = pull(pg_db, "plan")
    assert now.clusters.set_index("cluster_id").loc["C01", "name"] == "Alice's naam"
    # Bob chooses his own after seeing both: saved on top of Alice's version
    third = save_changes(
        pg_db,
        "plan",
        [RowChange("cluster", "C01", {"name": "Bob's naam"})],
        {("cluster", "C01"): 2},
    )
    assert [s.version for s in third.accepted] == [3]


def test_two_clients_different_clusters_both_saved(pg_db, project_file):
    push(load_project(project_file), pg_db, "plan")
    alice, bob = pull(pg_db, "plan"), pull(pg_db, "plan")
    geometry = shapely.box(240000, 590000, 241000, 591000)
    a = save_changes(
        pg_db,
        "plan",
        [RowChange("cluster", "C00", {"geometry": geometry, "kleur_notitie": "rood"})],
        versions_as_base(alice.db_versions),
    )
    b = save_changes(
        pg_db,
        "plan",
        [RowChange("cluster", "C11", {"lock_start": "2028-01-01"})],
        versions_as_base(bob.db_versions),
    )
    assert not a.conflicts and not b.conflicts and len(a.accepted) == len(b.accepted) == 1
    now = pull(pg_db, "plan").clusters.set_index("cluster_id")
    assert now.loc["C00", "geometry"].equals(geometry)
    assert now.loc["C00", "kleur_notitie"] == "rood"
    assert now.loc["C11", "lock_start"] == "2028-01-01"


def test_new_deleted_settings_scenarios_and_membership(pg_db, project_file):
    push(load_project(project_file), pg_db, "plan")
    before = pull(pg_db, "plan")
    base = versions_as_base(before.db_versions)
    in_c00 = before.buildings.loc[before.buildings["cluster_id"] == "C00", "building_id"]
    members = in_c00.iloc[:2].tolist()
    result = save_changes(
        pg_db,
        "plan",
        [
            RowChange("cluster", "NIEUW", {"name": "Nieuw", "geometry": shapely.box(0, 0, 1, 1)}),
            RowChange("cluster", "C11", None),
            RowChange("setting", "planning", {"start_date": "2028-01-01"}),
            RowChange("scenario", "2", {"name": "derde"}),
            RowChange("package", "C00-WP01", {"contractor": "Ander BV"}),
            RowChange("commitments", "", {"promises": []}),
            RowChange("cluster", "C00", {"members": members}),
        ],
        base,
    )
    assert not result.conflicts and not result.refused, result
    assert len(result.accepted) == 7
    project = pull(pg_db, "plan")
    assert "C11" not in set(project.clusters["cluster_id"])
    assert (project.buildings["cluster_id"] == "C11").sum() == 0  # its buildings left it
    assert project.clusters["cluster_id"].iloc[-1] == "NIEUW"
    assert project.settings["planning"] == {"start_date": "2028-01-01"}
    assert project.scenarios[-1] == {"name": "derde"}
    assert project.packages.set_index("package_id").loc["C00-WP01", "contractor"] == "Ander BV"
    assert project.commitments == {"promises": []}
    # membership: exactly the two buildings are in C00 now, the others in no cluster
    ids = project.buildings.set_index("building_id")["cluster_id"]
    assert sorted(ids[ids == "C00"].index) == sorted(members)
    assert (ids.loc[in_c00.iloc[2:]] == "").all() and len(in_c00) > 2
    # the same new key again: someone made it first -> conflict, not an overwrite
    again = save_changes(pg_db, "plan", [RowChange("cluster", "NIEUW", {"name": "x"})], {})
    assert [c.key for c in again.conflicts] == ["NIEUW"]
    assert again.conflicts[0].theirs["name"] == "Nieuw"


# --- roles and row-level security ------------------------------------------------------------


@pytest.fixture
def team(pg_server, pg_db, project_file):
    """A pushed project and three login users: NCG, the municipality 0003, a viewer."""
    push(load_project(project_file), pg_db, "plan")
    db = dbname(pg_db)
    pg_server.add_login("ncg_anna", "anna-pw-1", "ncg_planner")
    pg_server.add_login("gem_loppersum", "gem-pw-2", "gemeente_planner")
    pg_server.add_login("kijker_vera", "vera-pw-3", "viewer")
    pg_server.admin_sql(
        "INSERT INTO gis_app.municipality_access VALUES ('gem_loppersum', '0003') "
        "ON CONFLICT DO NOTHING",
        db,
    )
    return {
        "ncg": pg_server.url(db, user="ncg_anna"),
        "gemeente": pg_server.url(db, user="gem_loppersum"),
        "viewer": pg_server.url(db, user="kijker_vera"),
        "admin": pg_db,
    }


def plain_sql(url: str, statement: str, params=()) -> int:
    """Run one statement as that user with plain SQL; the number of rows it changed."""
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(statement, params or None).rowcount


def test_municipal_role_is_refused_outside_its_municipality(team):
    gemeente = team["gemeente"]
    # its own cluster (all buildings 0003): allowed
    assert (
        plain_sql(gemeente, "UPDATE gis_app.clusters SET name = 'eigen' WHERE cluster_id = 'C00'")
        == 1
    )
    # another municipality's cluster: row-level security hides it from UPDATE and DELETE
    assert (
        plain_sql(gemeente, "UPDATE gis_app.clusters SET name = 'x' WHERE cluster_id = 'C01'") == 0
    )
    assert plain_sql(gemeente, "DELETE FROM gis_app.clusters WHERE cluster_id = 'C10'") == 0
    assert (
        plain_sql(
            gemeente, "UPDATE gis_app.packages SET attrs = '{}' WHERE package_id = 'C01-WP01'"
        )
        == 0
    )
    # a new cluster with another municipality's buildings: refused by WITH CHECK
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        plain_sql(
            gemeente,
            "INSERT INTO gis_app.clusters (project_id, cluster_id, pos) "
            "SELECT project_id, 'C01', 99 FROM gis_app.projects",
        )
    # moving a building of another municipality: refused by the trigger
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        plain_sql(
            gemeente,
            "UPDATE gis_app.buildings SET cluster_id = 'C00' WHERE building_id LIKE '0010%'",
        )
    # other columns and tables: no grant at all
    for statement in (
        "UPDATE gis_app.buildings SET lpr = 1 WHERE building_id LIKE '0003%'",
        "UPDATE gis_app.settings SET value = '1'",
        "DELETE FROM gis_app.audit_log",
        "INSERT INTO gis_app.municipality_access VALUES ('gem_loppersum', '0010')",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            plain_sql(gemeente, statement)
    # it reads everything
    with psycopg.connect(gemeente) as conn:
        assert conn.execute("SELECT count(*) FROM gis_app.clusters").fetchone()[0] == 4
    admin_names = dict(
        psycopg.connect(team["admin"])
        .execute("SELECT cluster_id, name FROM gis_app.clusters")
        .fetchall()
    )
    assert admin_names["C00"] == "eigen" and admin_names["C01"] == "Blok C01"


def test_viewer_reads_only_and_ncg_changes_everything(team):
    viewer, ncg = team["viewer"], team["ncg"]
    with psycopg.connect(viewer) as conn:
        assert conn.execute("SELECT count(*) FROM gis_app.buildings").fetchone()[0] == 2000
    for statement in (
        "UPDATE gis_app.clusters SET name = 'x'",
        "UPDATE gis_app.buildings SET cluster_id = ''",
        "DELETE FROM gis_app.packages",
        "UPDATE gis_app.settings SET value = '1'",
        "INSERT INTO gis_app.audit_log (table_name, row_key, action) VALUES ('x', 'y', 'z')",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            plain_sql(viewer, statement)
    assert plain_sql(ncg, "UPDATE gis_app.clusters SET name = name || '!'") == 4
    assert plain_sql(ncg, "UPDATE gis_app.settings SET value = '{}'") == 1
    # nobody can forge the audit trail in someone else's name
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        plain_sql(
            ncg,
            "INSERT INTO gis_app.audit_log (who, table_name, row_key, action) "
            "VALUES ('gem_loppersum', 'clusters', 'C00', 'UPDATE')",
        )


def test_save_changes_reports_refusals_per_row(team):
    base = versions_as_base(pull(team["gemeente"], "plan").db_versions)
    result = save_changes(
        team["gemeente"],
        "plan",
        [
            RowChange("cluster", "C00", {"name": "van de gemeente"}),
            RowChange("cluster", "C01", {"name": "niet van ons"}),
            RowChange("setting", "planning", {"start_date": "2030-01-01"}),
        ],
        base,
    )
    assert [s.key for s in result.accepted] == ["C00"]
    assert sorted(r.key for r in result.refused) == ["C01", "planning"]
    assert not result.conflicts
    viewer = save_changes(
        team["viewer"], "plan", [RowChange("cluster", "C00", {"name": "x"})], base
    )
    assert [r.key for r in viewer.refused] == ["C00"] and not viewer.accepted


# --- audit -------------------------------------------------------------------------------------


def test_audit_log_records_who_when_before_and_after(team):
    base = versions_as_base(pull(team["ncg"], "plan").db_versions)
    save_changes(team["ncg"], "plan", [RowChange("cluster", "C00", {"name": "door Anna"})], base)
    save_changes(
        team["gemeente"],
        "plan",
        [RowChange("cluster", "C00", {"name": "door gemeente"})],
        {("cluster", "C00"): 2},
    )
    entries = history(team["viewer"], "plan", "cluster", "C00")
    assert [e.action for e in entries] == ["INSERT", "UPDATE", "UPDATE"]
    assert [e.who for e in entries][1:] == ["ncg_anna", "gem_loppersum"]
    assert entries[1].before["name"] == "Blok C00" and entries[1].after["name"] == "door Anna"
    assert entries[2].before["name"] == "door Anna" and entries[2].version == 3
    assert entries[1].at <= entries[2].at
    # a refused change leaves no audit row
    save_changes(team["gemeente"], "plan", [RowChange("cluster", "C01", {"name": "x"})], base)
    assert [e.action for e in history(team["admin"], "plan", "cluster", "C01")] == ["INSERT"]


# --- a killed push ------------------------------------------------------------------------------

KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from gis_app.core.db import push
    from gis_app.core.io.projectfile import load_project

    project = load_project(sys.argv[1])

    def progress(fraction, text=""):
        if fraction >= 0.7:  # the buildings are copied in, the transaction is open
            print("COPIED", flush=True)
            time.sleep(120)

    push(project, sys.argv[2], sys.argv[3], progress, replace=True)
    """
)


def table_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM gis_app.{table}").fetchone()[0]
            for table in ("projects", "buildings", "clusters", "packages", "settings", "audit_log")
        }


@pytest.mark.parametrize("existing", [False, True], ids=["new", "replacing"])
def test_push_killed_with_sigkill_leaves_the_database_unchanged(pg_db, project_file, existing):
    if existing:
        push(load_project(project_file), pg_db, "plan")
    before = table_counts(pg_db)
    before_rows = pull(pg_db, "plan").buildings if existing else None
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(project_file), pg_db, "plan"],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert child.stdout.readline().strip() == "COPIED"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    # the server ends the dead client's transaction: wait until its backend is gone
    with psycopg.connect(pg_db, autocommit=True) as conn:
        for _ in range(200):
            busy = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND application_name = 'gis_app'"
            ).fetchone()[0]
            if not busy:
                break
            conn.execute("SELECT pg_sleep(0.05)")
    assert table_counts(pg_db) == before
    if existing:
        assert_frame_equal(pull(pg_db, "plan").buildings, before_rows)


# --- injection ----------------------------------------------------------------------------------


def test_injection_attempts_are_stored_as_plain_text(pg_db, project_file):
    project = load_project(project_file)
    for text in INJECTIONS:
        push(project, pg_db, text)
    with psycopg.connect(pg_db) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM gis_app.projects")}
        assert names == set(INJECTIONS)
        assert conn.execute("SELECT to_regclass('gis_app.clusters')").fetchone()[0] is not None
    pulled = pull(pg_db, INJECTIONS[0])
    assert pulled.buildings.loc[0, "address"] == INJECTIONS[0]
    assert pulled.scenarios[1]["name"] == INJECTIONS[0]
    assert pulled.addresses.loc[1, "straat"] == INJECTIONS[4]
    base = versions_as_base(pulled.db_versions)
    fields = {"name": INJECTIONS[1], INJECTIONS[0]: INJECTIONS[5], "color": '"#ff0000'}
    result = save_changes(pg_db, INJECTIONS[0], [RowChange("cluster", "C00", fields)], base)
    assert len(result.accepted) == 1
    made = save_changes(
        pg_db, INJECTIONS[0], [RowChange("cluster", INJECTIONS[3], {"name": "n"})], {}
    )
    assert len(made.accepted) == 1
    again = pull(pg_db, INJECTIONS[0]).clusters.set_index("cluster_id")
    assert again.loc["C00", "name"] == INJECTIONS[1]
    assert again.loc["C00", INJECTIONS[0]] == INJECTIONS[5]
    assert again.loc["C00", "color"] == '"#ff0000'
    assert INJECTIONS[3] in again.index
    assert len(pull(pg_db, INJECTIONS[1]).clusters) == 4  # every table still there
    with pytest.raises(DbError, match="NUL"):
        push(project, pg_db, "met\x00nul")


# --- notifications ------------------------------------------------------------------------------


def test_a_save_notifies_a_second_connection(pg_db, project_file):
    push(load_project(project_file), pg_db, "plan")
    base = versions_as_base(pull(pg_db, "plan").db_versions)
    stop, ready = threading.Event(), threading.Event()
    received = []

    def background():
        for note in listen(pg_db, "plan", stop, ready=ready):
            received.append(note)
            stop.set()

    thread = threading.Thread(target=background)
    thread.start()
    try:
        assert ready.wait(20)
        save_changes(pg_db, "plan", [RowChange("cluster", "C10", {"name": "nieuw"})], base)
        thread.join(20)
    finally:
        stop.set()
        thread.join(20)
    assert not thread.is_alive()
    (note,) = received
    assert (note.kind, note.key, note.version, note.op) == ("cluster", "C10", 2, "UPDATE")
    assert note.user == "gisapp_admin"


# --- connections --------------------------------------------------------------------------------


def test_tls_required_against_a_server_without_tls_is_one_clear_line(pg_server, pg_db):
    url = pg_server.url(dbname(pg_db), sslmode="require")
    with pytest.raises(DbError) as caught:
        pull(url, "plan")
    message = str(caught.value)
    assert "\n" not in message and "TLS" in message and "sslmode" in message


def test_a_password_in_the_url_is_never_repeated(pg_server, pg_db):
    url = pg_server.url(dbname(pg_db)).replace("@", ":VerkeerdWachtwoord42@", 1)
    with pytest.raises(DbError) as caught:
        pull(url, "plan")
    assert "VerkeerdWachtwoord42" not in str(caught.value)
    assert "onjuist" in str(caught.value)


def test_a_password_from_the_keyring_connects_when_libpq_finds_none(
    pg_server, pg_db, tmp_path, monkeypatch
):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from gis_app.core.db.connection import KEYRING_SERVICE, connect

    store = PlaintextKeyring()  # a real file-backed keyring, in the test's folder
    store.file_path = str(tmp_path / "sleutelbos.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(store)
    try:
        monkeypatch.setenv("PGPASSFILE", str(tmp_path / "geen.pgpass"))  # libpq finds none
        url = pg_server.url(dbname(pg_db))
        with pytest.raises(DbError) as caught:
            connect(url)
        assert "geen wachtwoord gevonden" in str(caught.value)
        account = f"{pg_server.admin}@{pg_server.host}:{pg_server.port}/{dbname(pg_db)}"
        store.set_password(KEYRING_SERVICE, account, pg_server.password)
        with connect(url) as conn:
            assert conn.execute("select current_user").fetchone()[0] == pg_server.admin
        store.set_password(KEYRING_SERVICE, account, "VerkeerdUitDeSleutelbos7")
        with pytest.raises(DbError) as caught:
            connect(url)
        assert "onjuist" in str(caught.value)
        assert "VerkeerdUitDeSleutelbos7" not in str(caught.value)
    finally:
        keyring.set_keyring(previous)


def test_a_service_name_from_pg_service_conf_connects(
    pg_server, pg_db, project_file, tmp_path, monkeypatch
):
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[ncg-plan]\nhost={pg_server.host}\nport={pg_server.port}\n"
        f"dbname={dbname(pg_db)}\nuser={pg_server.admin}\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    push(load_project(project_file), "service=ncg-plan", "via dienst")
    assert len(pull(pg_db, "via dienst").clusters) == 4
    with pytest.raises(DbError):
        pull("service=bestaat-niet", "via dienst")
