"""The application log: a rotating file in the user's data folder, free of personal data.

Where (no Qt needed, so the command line and tests use the same place):

* ``$GIS_APP_DATA_DIR`` when set (tests, portable installs);
* Windows: ``%LOCALAPPDATA%\\gis_app``;
* macOS: ``~/Library/Application Support/gis_app``;
* Linux and others: ``$XDG_STATE_HOME/gis_app``, else ``~/.local/state/gis_app``.

Logs go to ``<data dir>/logs/gis_app.log`` (1 MB, five old files kept).

Privacy (addresses and resident data are personal data): code logs counts, file names
and exception types, never row values. :class:`PrivacyFilter` enforces what it can on
every record that reaches the file:

* exception *messages* are dropped -- they may quote a cell value (``KeyError('Kerkstraat
  1')``) -- and only the exception type and the traceback of code (file, line, function,
  source line; never local variables) are written; for a
  :class:`~gis_app.core.errors.GisAppError` the file name and row number are kept;
* pandas/numpy/shapely objects passed as arguments are replaced by their size;
* Dutch postcodes (``9919 AB``) and BAG ids (16 digits) in the text are masked.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import traceback
from pathlib import Path

import platformdirs

APP_DIR_NAME = "gis_app"
ENV_DATA_DIR = "GIS_APP_DATA_DIR"
LOG_FILE_NAME = "gis_app.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
LOGGER_NAME = "gis_app"

_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")
_BAG_ID = re.compile(r"\b\d{16}\b")


def user_data_dir() -> Path:
    """The per-user folder for logs and recovery files (not created here).

    ``platformdirs`` knows each platform's convention (and ``XDG_STATE_HOME`` on Linux);
    the environment override comes first so tests and portable installs can move it.
    """
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir(APP_DIR_NAME, appauthor=False))


def log_dir() -> Path:
    return user_data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def scrub_text(text: str) -> str:
    """Mask postcodes and BAG ids in free text."""
    text = _POSTCODE.sub("[postcode]", text)
    return _BAG_ID.sub("[bag-id]", text)


def _summarise(value: object) -> object:
    module = type(value).__module__ or ""
    if module.startswith(("pandas", "geopandas", "numpy", "shapely")):
        shape = getattr(value, "shape", None)
        return f"<{type(value).__name__} {shape if shape is not None else ''}>".replace(" >", ">")
    return value


def format_exception_safely(exc_info) -> str:
    """A traceback with code only: frames and exception types, no messages, no locals."""
    from gis_app.core.errors import GisAppError

    etype, value, tb = exc_info
    if etype is None:
        return ""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = value
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    for index, error in enumerate(reversed(chain)):
        if index:
            lines.append("\nDaarna trad de volgende fout op:\n")
        lines.append("Traceback (most recent call last):\n")
        frames = traceback.extract_tb(error.__traceback__)
        lines.extend(traceback.format_list(frames))
        label = f"{type(error).__module__}.{type(error).__qualname__}"
        if isinstance(error, GisAppError):
            detail = []
            if error.path:
                detail.append(f"bestand={Path(error.path).name}")
            if error.row is not None:
                detail.append(f"rij={error.row}")
            label += f" ({', '.join(detail)})" if detail else ""
        elif isinstance(error, OSError) and error.errno is not None:
            label += f" (errno={error.errno})"
        lines.append(label + " [melding weggelaten]\n")
    return "".join(lines).rstrip("\n")


class PrivacyFilter(logging.Filter):
    """Keeps personal data out of log records (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            if isinstance(record.args, dict):
                record.args = {k: _summarise(v) for k, v in record.args.items()}
            else:
                record.args = tuple(_summarise(a) for a in record.args)
        try:
            message = record.getMessage()
        except Exception:  # a wrong format string must not lose the record
            message = str(record.msg)
        record.msg = scrub_text(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = scrub_text(format_exception_safely(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = None
        return True


class _SafeFormatter(logging.Formatter):
    def formatException(self, ei) -> str:  # noqa: N802 - logging API
        return scrub_text(format_exception_safely(ei))


_installed_handler: logging.Handler | None = None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach the rotating file handler to the ``gis_app`` logger (once); returns the file.

    Returns ``None`` and logs to nowhere new when the data folder cannot be written (the
    application must start anyway).
    """
    global _installed_handler
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    path = log_file()
    if _installed_handler is not None:
        if Path(getattr(_installed_handler, "baseFilename", "")) == path.resolve():
            return path
        logger.removeHandler(_installed_handler)
        _installed_handler.close()
        _installed_handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.addFilter(PrivacyFilter())
    handler.setFormatter(
        _SafeFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    logger.addHandler(handler)
    _installed_handler = handler
    return path


def shutdown_logging() -> None:
    """Detach and close the file handler (tests; a clean exit)."""
    global _installed_handler
    if _installed_handler is not None:
        logging.getLogger(LOGGER_NAME).removeHandler(_installed_handler)
        _installed_handler.close()
        _installed_handler = None
