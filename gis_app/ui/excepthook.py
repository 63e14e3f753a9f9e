"""The application-wide exception hook: an unexpected error never ends the session.

``install_excepthook()`` replaces ``sys.excepthook`` and ``threading.excepthook``. An
uncaught exception -- in a slot, an event handler, a worker thread -- is written to the
rotating log (:mod:`gis_app.core.logsetup`: exception type and the traceback of code,
never data) and shown in a dialog with a short Dutch message; Qt's event loop keeps
running, so the user can save the work.

Decisions:

* Exceptions from other threads are logged in that thread and shown by the GUI thread
  (a queued signal): widgets may only be touched there.
* One dialog at a time: an error raised while the dialog is open (a paint event failing
  on every repaint) is logged but not shown again, and the same failure (same type at the
  same line) is shown at most once per session, so a broken repaint cannot flood the
  screen with dialogs. Every occurrence is still logged.
* ``KeyboardInterrupt`` and ``SystemExit`` keep their normal behaviour.
* A :class:`GisAppError` that reaches the hook (a slot that forgot to catch it) is shown
  as the ordinary warning with its own message.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from gis_app.ui import dialogs

log = logging.getLogger("gis_app.excepthook")


class ExceptionHook(QObject):
    """Holds the previous hooks and shows errors in the GUI thread."""

    _raised = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._previous_sys = sys.excepthook
        self._previous_threading = threading.excepthook
        self._showing = False
        self._shown: set[tuple] = set()
        self.handled = 0
        self._raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # --- hooks -------------------------------------------------------------------------------
    def sys_hook(self, etype, value, tb) -> None:
        if issubclass(etype, (KeyboardInterrupt, SystemExit)):
            self._previous_sys(etype, value, tb)
            return
        self._handle(etype, value, tb)

    def threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is None or issubclass(args.exc_type, SystemExit):
            return
        self._handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _handle(self, etype, value, tb) -> None:
        self.handled += 1
        if value is None:
            value = etype()
        if value.__traceback__ is None and tb is not None:
            value = value.with_traceback(tb)
        with contextlib.suppress(Exception):  # logging must never raise out of the hook
            log.error(
                "Niet-afgevangen fout in thread %s",
                threading.current_thread().name,
                exc_info=(etype, value, tb),
            )
        app = QApplication.instance()
        if app is None:
            return
        if threading.current_thread() is threading.main_thread():
            self._show(value)
        else:
            self._raised.emit(value)

    # --- dialog ------------------------------------------------------------------------------
    def _signature(self, error: BaseException) -> tuple:
        frames = traceback.extract_tb(error.__traceback__)
        last = frames[-1] if frames else None
        return (type(error), last.filename if last else "", last.lineno if last else 0)

    def _show(self, error: BaseException) -> None:
        signature = self._signature(error)
        if self._showing or signature in self._shown:
            return
        self._shown.add(signature)
        self._showing = True
        try:
            dialogs.show_error(_active_window(), error, logged=True)
        except Exception:  # the dialog itself failed: log that, never raise from the hook
            with contextlib.suppress(Exception):
                log.error("Foutvenster kon niet worden getoond", exc_info=True)
        finally:
            self._showing = False

    # --- installation -----------------------------------------------------------------------
    def install(self) -> ExceptionHook:
        sys.excepthook = self.sys_hook
        threading.excepthook = self.threading_hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.sys_hook:
            sys.excepthook = self._previous_sys
        if threading.excepthook == self.threading_hook:
            threading.excepthook = self._previous_threading


def _active_window() -> QWidget | None:
    app = QApplication.instance()
    if app is None:
        return None
    return QApplication.activeWindow()


_hook: ExceptionHook | None = None


def install_excepthook() -> ExceptionHook:
    """Install the hook once for the application; returns it (``uninstall()`` for tests)."""
    global _hook
    if _hook is not None:
        _hook.uninstall()
    _hook = ExceptionHook(QApplication.instance()).install()
    return _hook


def uninstall_excepthook() -> None:
    global _hook
    if _hook is not None:
        _hook.uninstall()
        _hook = None
