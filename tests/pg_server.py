"""A throwaway PostgreSQL/PostGIS server for the team-mode tests and the benchmark.

:class:`PgServer` runs ``initdb`` and ``pg_ctl`` (Debian's ``postgresql`` and
``postgresql-15-postgis-3`` packages) on a temporary folder, listening on a free
loopback port and on a Unix socket inside that folder only, and removes everything when
stopped. Nothing of the machine's own PostgreSQL service is used or changed.

* ``initdb`` refuses to run as root, so under root the server runs as the dedicated
  unprivileged user ``gisapp_pg`` (created with ``useradd`` when missing); otherwise it
  runs as the current user.
* Authentication is by password (``scram-sha-256``, also on the socket). The password is
  random per server and lives only in a ``.pgpass`` file in the temporary folder, which
  ``PGPASSFILE`` points to while the server runs; URLs never carry it.
* :meth:`PgServer.stop` stops the server (``pg_ctl stop -m immediate``), checks that its
  postmaster is gone and removes the folder; it also runs at interpreter exit, so a test
  run that fails half-way leaves no server behind.
"""

from __future__ import annotations

import atexit
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SERVICE_USER = "gisapp_pg"
ADMIN = "gisapp_admin"


def postgres_bindir() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has ``pg_ctl``."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed: apt-get install postgresql postgresql-15-postgis-3 "
            "(python3 scripts/test.py does this when run as root)"
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ensure_service_user() -> None:
    if subprocess.run(["id", "-u", SERVICE_USER], capture_output=True).returncode == 0:
        return
    made = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
        capture_output=True,
        text=True,
    )
    # another test run may have created it at the same moment
    if subprocess.run(["id", "-u", SERVICE_USER], capture_output=True).returncode != 0:
        raise RuntimeError(f"could not create the user {SERVICE_USER}: {made.stderr.strip()}")


class PgServer:
    """One running throwaway cluster; see the module docstring."""

    def __init__(self) -> None:
        self.bindir = postgres_bindir()
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="gis_app_pg_"))
        self.data = self.base / "cluster"
        self.socket_dir = self.base / "socket"  # also holds the server log
        self.pgpass = self.base / "pgpass"
        self.port = _free_port()
        self.host = "127.0.0.1"
        self.admin = ADMIN
        self.password = secrets.token_urlsafe(18)
        self.postmaster_pid: int | None = None
        self._old_pgpassfile = os.environ.get("PGPASSFILE")
        self._stopped = False
        self._logins: dict[str, str] = {}

    # --- life cycle -------------------------------------------------------------------

    def _run(self, args: list[str], **kwargs) -> subprocess.CompletedProcess:
        options = {"check": True, "capture_output": True, "text": True, "cwd": self.base}
        options.update(kwargs)
        if self.as_root:
            options["user"] = SERVICE_USER
            options["group"] = SERVICE_USER
            options["extra_groups"] = []
        try:
            return subprocess.run(args, **options)
        except subprocess.CalledProcessError as error:
            log = self.socket_dir / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {error.stderr}{error.stdout}\n{tail}") from None

    def start(self) -> PgServer:
        atexit.register(self.stop)
        self.data.mkdir()
        self.socket_dir.mkdir()
        pwfile = self.base / "initpw"
        pwfile.write_text(self.password + "\n")
        if self.as_root:
            _ensure_service_user()
            self.base.chmod(0o711)  # the service user passes through; pgpass stays root's
            for path in (self.data, self.socket_dir, pwfile):
                shutil.chown(path, SERVICE_USER, SERVICE_USER)
        try:
            self._run(
                [
                    str(self.bindir / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    self.admin,
                    f"--pwfile={pwfile}",
                    "--auth-local=scram-sha-256",
                    "--auth-host=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            )
        finally:
            pwfile.unlink(missing_ok=True)
        options = (
            f"-p {self.port} -c listen_addresses={self.host} "
            f"-c unix_socket_directories={self.socket_dir} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.socket_dir / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self.postmaster_pid = int((self.data / "postmaster.pid").read_text().split()[0])
        self.pgpass.write_text(f"{self.host}:{self.port}:*:{self.admin}:{self.password}\n")
        self.pgpass.chmod(0o600)
        os.environ["PGPASSFILE"] = str(self.pgpass)
        return self

    def running(self) -> bool:
        """Whether the postmaster process still exists."""
        if self.postmaster_pid is None:
            return False
        try:
            os.kill(self.postmaster_pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        # a zombie is gone for our purposes
        try:
            state = Path(f"/proc/{self.postmaster_pid}/stat").read_text().split(")")[-1].split()
            return state[0] != "Z"
        except OSError:
            return False

    def stop(self) -> None:
        """Stop the server and remove its folder (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if self.postmaster_pid is not None and self.running():
                self._run(
                    [
                        str(self.bindir / "pg_ctl"),
                        "-D",
                        str(self.data),
                        "-m",
                        "immediate",
                        "-w",
                        "stop",
                    ],
                    check=False,
                )
                deadline = time.monotonic() + 20
                while self.running() and time.monotonic() < deadline:
                    time.sleep(0.05)
                if self.running():  # pg_ctl failed: end our own server by its process id
                    os.kill(self.postmaster_pid, 9)
        finally:
            if self._old_pgpassfile is None:
                os.environ.pop("PGPASSFILE", None)
            else:
                os.environ["PGPASSFILE"] = self._old_pgpassfile
            shutil.rmtree(self.base, ignore_errors=True)

    # --- connections ------------------------------------------------------------------

    def url(self, dbname: str = "postgres", user: str | None = None, **params: str) -> str:
        """A libpq URL without password (the password comes from the .pgpass file)."""
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"postgresql://{user or self.admin}@{self.host}:{self.port}/{dbname}" + (
            f"?{query}" if query else ""
        )

    def admin_sql(self, statement: str, dbname: str = "postgres", params=None) -> list:
        """Run one statement as the admin in autocommit; rows when it returns any."""
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else []

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database ``name`` (optionally from ``template``); its admin URL."""
        from psycopg import sql

        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement)
        return self.url(name)

    def add_login(self, user: str, password: str, *roles: str) -> str:
        """Create (or update) login role ``user`` in ``roles``; its password goes into the
        .pgpass file. Returns the user name."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone()
            verb = "ALTER" if exists else "CREATE"
            conn.execute(
                sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(user), sql.Literal(password)
                )
            )
            for role in roles:
                conn.execute(
                    sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(user))
                )
        if user not in self._logins:
            with open(self.pgpass, "a") as handle:
                escaped = password.replace("\\", "\\\\").replace(":", "\\:")
                handle.write(f"{self.host}:{self.port}:*:{user}:{escaped}\n")
        self._logins[user] = password
        return user
