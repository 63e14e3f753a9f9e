"""Connections to the shared database: libpq URL or service name, passwords kept out.

* A connection target is what libpq takes: a URL (``postgresql://user@host:5432/db``,
  ``?sslmode=require`` and other parameters passed through) or a key/value string
  (``service=ncg`` for an entry of ``pg_service.conf``, ``host=... dbname=...``).
* Passwords come from libpq itself (``.pgpass``, ``PGPASSFILE``, the service file) or,
  when libpq found none, from the system's keyring (the ``keyring`` package: Windows
  Credential Manager, macOS Keychain, Secret Service; service ``gis_app``, user name
  ``user@host:port/dbname``; a machine without a keyring backend has no password there). A password written into the
  URL works but is never repeated: :func:`safe_target` removes it from everything the
  app shows, logs or stores.
* Every failure becomes a :class:`DbError` with one Dutch line; the libpq text is
  reduced to its first line and scrubbed of the password.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gis_app.core.errors import GisAppError
from gis_app.core.i18n import t

log = logging.getLogger("gis_app.db")

#: Name of the keyring service passwords are looked up under.
KEYRING_SERVICE = "gis_app"


class DbError(GisAppError):
    """The shared database cannot be reached or refused what was asked."""


def _password_of(target: str) -> str | None:
    try:
        from psycopg.conninfo import conninfo_to_dict

        return conninfo_to_dict(target).get("password")
    except Exception:
        return None


def safe_target(target: str) -> str:
    """``target`` without its password: safe to show, log and store."""
    text = str(target)
    text = re.sub(r"(://[^/@:]*):[^@/]*@", r"\1@", text)  # postgresql://user:pw@host
    text = re.sub(r"([?&]password=)[^&]*", r"\1***", text)
    text = re.sub(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", text)
    return text


def _scrub(message: str, target: str) -> str:
    line = (str(message).strip().splitlines() or [""])[0]
    password = _password_of(target)
    if password:
        line = line.replace(password, "***")
    return line


def describe_error(error: BaseException, target: str = "") -> str:
    """One Dutch line for a psycopg error (the libpq text reduced and scrubbed)."""
    text = _scrub(str(error), target)
    lower = text.lower()
    if "does not support ssl" in lower or "ssl was required" in lower:
        return t(
            "de server ondersteunt geen versleutelde verbinding (TLS), maar de verbinding "
            "vraagt erom (sslmode); vraag de beheerder om TLS of kies een andere sslmode"
        )
    if "password authentication failed" in lower:
        return t("wachtwoord of gebruikersnaam onjuist (wachtwoordcontrole mislukt)")
    if "no password supplied" in lower:
        return t(
            "geen wachtwoord gevonden: zet het in .pgpass (of PGPASSFILE) of in de "
            "sleutelbos (keyring), niet in het project"
        )
    if "connection refused" in lower or "could not connect" in lower:
        return t("geen verbinding met de databaseserver ({text})", text=text)
    if "does not exist" in lower and "database" in lower:
        return t("de database bestaat niet ({text})", text=text)
    if "permission denied" in lower or "row-level security" in lower:
        return t("geen rechten voor deze wijziging ({text})", text=text)
    return text or type(error).__name__


def _keyring_password(target: str) -> str | None:
    try:
        import keyring  # a dependency; a build without it only loses this lookup
    except ImportError:
        return None
    try:
        from psycopg.conninfo import conninfo_to_dict

        params = conninfo_to_dict(target)
        account = (
            f"{params.get('user', '')}@{params.get('host', '')}:{params.get('port', '5432')}/"
            f"{params.get('dbname', '')}"
        )
        return keyring.get_password(KEYRING_SERVICE, account)
    except Exception:  # a broken keyring backend is "no password"
        return None


def connect(target: str, *, autocommit: bool = False, **kwargs: Any):
    """An open ``psycopg.Connection`` to ``target`` (see the module docstring).

    Raises :class:`DbError` with one Dutch line when the server cannot be reached, the
    password is missing or wrong, TLS is asked for and not offered, and so on.
    """
    import psycopg

    if not isinstance(target, str) or not target.strip():
        raise DbError(t("geen databaseverbinding opgegeven (een URL of service=NAAM)"))
    if "\x00" in target:
        raise DbError(t("de databaseverbinding bevat een NUL-teken"))
    kwargs.setdefault("application_name", "gis_app")
    kwargs.setdefault("connect_timeout", 10)
    try:
        conn = psycopg.connect(target, autocommit=autocommit, **kwargs)
    except psycopg.ProgrammingError as error:  # an unreadable URL or option
        raise DbError(
            t(
                "databaseverbinding '{target}' is onleesbaar ({error})",
                target=safe_target(target),
                error=_scrub(str(error), target),
            )
        ) from None
    except psycopg.OperationalError as error:
        if "no password supplied" in str(error).lower():
            password = _keyring_password(target)
            if password:
                try:
                    conn = psycopg.connect(
                        target, autocommit=autocommit, password=password, **kwargs
                    )
                except psycopg.OperationalError as second:
                    raise DbError(describe_error(second, target)) from None
                log.info("verbonden met %s (wachtwoord uit keyring)", safe_target(target))
                return conn
        raise DbError(describe_error(error, target)) from None
    log.info("verbonden met %s", safe_target(target))
    return conn
