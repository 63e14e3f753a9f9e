"""``gis-app db init|push|pull`` against a real PostgreSQL/PostGIS server, and the rule
that a password never lands in a log, a pulled project or a message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from pandas.testing import assert_frame_equal
from test_db import dbname, rich_project

from gis_app.core.db import RowChange, pull, push, save_changes, versions_as_base
from gis_app.core.db.transfer import TEAM_SETTING
from gis_app.core.io.projectfile import load_project, save_project

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[1]


def gis_app(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gis_app", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=300,
    )


def test_init_push_pull_from_the_command_line(pg_server, tmp_path):
    url = pg_server.create_database("gisapp_cli")
    try:
        source = save_project(rich_project(300), tmp_path / "plan.gpkg")
        done = gis_app("db", "init", url)
        assert done.returncode == 0, done.stderr
        assert "versie 0 -> 1" in done.stdout
        assert "al bij" in gis_app("db", "init", url).stdout
        done = gis_app("db", "push", str(source), url, "--name", "Loppersum", "-q")
        assert done.returncode == 0, done.stderr
        assert "300 panden" in done.stdout
        out = tmp_path / "kopie.gpkg"
        done = gis_app("db", "pull", url, "--name", "Loppersum", "--out", str(out), "-q")
        assert done.returncode == 0, done.stderr
        copy, original = load_project(out), load_project(source)
        assert_frame_equal(copy.buildings, original.buildings)
        assert_frame_equal(copy.clusters, original.clusters)
        assert copy.settings[TEAM_SETTING]["project"] == "Loppersum"
        assert copy.settings[TEAM_SETTING]["versions"]["cluster"]["C00"] == 1
        assert {k: v for k, v in copy.settings.items() if k != TEAM_SETTING} == original.settings

        # bad input: exit 2 with exactly one line
        for args, expected in (
            (("db", "pull", url, "--name", "Loppersum", "--out", str(out)), "bestaat al"),
            (
                ("db", "pull", url, "--name", "Bestaat niet", "--out", str(tmp_path / "n.gpkg")),
                "staat niet in de database",
            ),
            (("db", "push", str(source), url, "--name", "Loppersum"), "staat al in de database"),
            (("db", "push", str(tmp_path / "weg.gpkg"), url, "--name", "x"), "bestaat niet"),
            (("db", "push", str(source), url, "--name", " "), "geen projectnaam"),
            (("db", "init", "postgresql://127.0.0.1:1/x"), "geen verbinding"),
            (("db", "init", pg_server.url("gisapp_cli", sslmode="require")), "TLS"),
            (("db", "pull", url, "--name", "Loppersum", "--out", str(source), "--overwrite"), None),
        ):
            done = gis_app(*args)
            if expected is None:  # overwriting one's own earlier file is allowed on request
                assert done.returncode == 0, done.stderr
                continue
            assert done.returncode == 2, (args, done.stdout, done.stderr)
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1, done.stderr
            assert expected in lines[0] and lines[0].startswith("gis-app db"), lines
        # a pull never replaces a file the project was made from
        project = load_project(source)
        project.sources = []
        from gis_app.core.io.projectfile import source_record

        footprints = tmp_path / "panden.gpkg"
        footprints.write_bytes(source.read_bytes())
        project.sources = [source_record(footprints, "footprints", "buildings")]
        push(project, url, "met bron")
        done = gis_app(
            "db", "pull", url, "--name", "met bron", "--out", str(footprints), "--overwrite"
        )
        assert done.returncode == 2 and "invoerbestand" in done.stderr
        assert footprints.read_bytes() == source.read_bytes()
    finally:
        pg_server.admin_sql('DROP DATABASE IF EXISTS "gisapp_cli" WITH (FORCE)')


def test_offline_copy_saves_back_under_the_version_rules(pg_db, tmp_path):
    from gis_app.core.db.offline import offline_changes

    push(rich_project(300), pg_db, "plan")
    offline = save_project(pull(pg_db, "plan", remember=True), tmp_path / "offline.gpkg")
    # an untouched copy has nothing to save (row hashes survive the GeoPackage)
    assert offline_changes(load_project(offline))[1] == []
    # meanwhile a colleague saves C01
    live = pull(pg_db, "plan")
    save_changes(
        pg_db,
        "plan",
        [RowChange("cluster", "C01", {"name": "collega"})],
        versions_as_base(live.db_versions),
    )
    # offline: rename C00 and C01, drop C11, add a scenario
    copy = load_project(offline)
    names = copy.clusters["cluster_id"]
    copy.clusters.loc[names == "C00", "name"] = "offline bewerkt"
    copy.clusters.loc[names == "C01", "name"] = "offline ook"
    copy.clusters = copy.clusters[names != "C11"].reset_index(drop=True)
    copy.scenarios = [*copy.scenarios, {"name": "offline scenario"}]
    save_project(copy, offline)

    done = gis_app("db", "sync", str(offline), pg_db)
    assert done.returncode == 1, done.stderr
    assert "3 van 4 gewijzigde rijen opgeslagen" in done.stdout
    assert "conflict: cluster 'C01'" in done.stdout
    now = pull(pg_db, "plan")
    clusters = now.clusters.set_index("cluster_id")
    assert clusters.loc["C00", "name"] == "offline bewerkt"
    assert clusters.loc["C01", "name"] == "collega"  # not overwritten
    assert "C11" not in clusters.index
    assert now.scenarios[-1] == {"name": "offline scenario"}
    c00_version = now.db_versions["cluster"]["C00"]
    # a second sync sends only what is still different: the conflicting C01
    again = gis_app("db", "sync", str(offline), pg_db)
    assert "0 van 1 gewijzigde rijen" in again.stdout and again.returncode == 1
    assert pull(pg_db, "plan").db_versions["cluster"]["C00"] == c00_version


def test_password_never_in_logs_messages_or_pulled_project(pg_server, pg_db, tmp_path):
    from gis_app.core.db import DbError
    from gis_app.core.logsetup import log_dir, setup_logging, shutdown_logging

    secret = "Geheim-Wachtwoord-8472"
    pg_server.add_login("planner_met_url", secret, "ncg_planner")
    db = dbname(pg_db)
    with_password = f"postgresql://planner_met_url:{secret}@{pg_server.host}:{pg_server.port}/{db}"
    setup_logging()
    try:
        push(rich_project(200), with_password, "plan")
        project = pull(with_password, "plan", remember=True)
        out = save_project(project, tmp_path / "kopie.gpkg")
        done = gis_app(
            "db", "pull", with_password, "--name", "plan", "--out", str(tmp_path / "b.gpkg")
        )
        assert done.returncode == 0, done.stderr
        assert secret not in done.stdout + done.stderr
        failed = gis_app(
            "db", "pull", with_password, "--name", "geen", "--out", str(tmp_path / "c.gpkg")
        )
        assert failed.returncode == 2 and secret not in failed.stderr
        wrong = with_password.replace(secret, secret + "x")
        with pytest.raises(DbError) as caught:
            pull(wrong, "plan")
        assert secret not in str(caught.value)
    finally:
        shutdown_logging()
    logs = [p for p in Path(log_dir()).rglob("*") if p.is_file()]
    assert logs, "the log folder holds the session's log"
    assert any(b"verbonden met" in p.read_bytes() for p in logs)  # the connection was logged
    for path in [*logs, out, tmp_path / "b.gpkg"]:
        assert secret.encode() not in path.read_bytes(), path
    with psycopg.connect(pg_db) as conn:
        meta = conn.execute("SELECT meta::text FROM gis_app.projects").fetchall()
    assert all(secret not in m[0] for m in meta)
