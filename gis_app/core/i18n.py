"""The language of everything the window does not draw: command line, core messages, exports.

The window translates itself with Qt (``tr()`` and ``.qm`` files); the core may not
import Qt, so its user-visible texts go through :func:`t` instead. The source text is
the Dutch text, as everywhere in the app; with English chosen :func:`t` returns its
English entry from ``resources/i18n/core_en.json`` (``{"Dutch": "English"}``), and then
``str.format(**fields)`` fills in the values::

    raise InputError(t("kolom '{column}' ontbreekt", column=name), path=path)

Decisions:

* **JSON rather than gettext ``.po``.** The standard library reads it (no ``msgfmt``
  step in the build, nothing compiled that can go stale), one entry is one line that a
  reviewer reads in a diff, and ``tests/test_i18n_core.py`` compares its keys with the
  ``t("...")`` calls in the source: a source text without an English entry fails, and so
  does an entry no code uses any more.
* **Fields are filled in after the lookup**, so the catalogue holds the template
  (``"{n} panden"``) and one entry serves every value. Without fields the text is
  returned as it is (a literal ``{`` needs no escaping then).
* **Texts that are data, not calls** (column labels in tables of constants) are marked
  with :func:`N_`, which returns its text unchanged; the code that shows them passes
  them through :func:`t` (or :func:`translate`). The test collects ``N_("...")`` texts
  as it collects ``t("...")`` ones.
* **Which language.** Dutch unless chosen otherwise: the environment variable
  ``GIS_APP_LANG`` (``nl``/``en``; ``gis-app --lang en`` sets it), read once at the
  first text, or :func:`set_language` (also later), which also sets the variable so
  that worker processes started later speak the same language. :func:`language_of` chooses a language for one block
  of work in the current thread only (an export whose column labels are English while
  the window stays Dutch); it is a context variable, so another thread is unaffected.
* Domain terms that planners use in Dutch stay Dutch in the English texts
  (``verhoogd``, ``licht verhoogd``, ``eigen regie``, ``werkpakket`` where it names the
  file), sometimes with an English gloss.
* A missing entry falls back to the Dutch text: a half-translated message is better
  than none (the test keeps the catalogue complete).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
from collections.abc import Iterator
from functools import cache

from gis_app.paths import RESOURCES_DIR

#: The languages the app speaks; the first is the default.
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
#: Environment variable that carries the choice to the command line and worker processes.
ENV_VAR = "GIS_APP_LANG"
CATALOGUE_DIR = RESOURCES_DIR / "i18n"

_chosen: str | None = None
_scoped: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "gis_app_language", default=None
)


def _checked(code: str | None) -> str | None:
    if code is None:
        return None
    code = str(code).strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def set_language(code: str) -> None:
    """Choose the language of messages and exports for this process and its children."""
    global _chosen
    checked = _checked(code)
    if checked is None:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    _chosen = checked
    os.environ[ENV_VAR] = checked


def language() -> str:
    """``"nl"`` or ``"en"``: a :func:`language_of` block, else the chosen one, else Dutch."""
    global _chosen
    scoped = _scoped.get()
    if scoped is not None:
        return scoped
    if _chosen is None:  # read once: numbers are formatted by the hundred thousand
        _chosen = _checked(os.environ.get(ENV_VAR)) or DEFAULT_LANGUAGE
    return _chosen


@contextlib.contextmanager
def language_of(code: str | None) -> Iterator[str]:
    """Use ``code`` for the texts made in this block (this thread only); None: unchanged."""
    checked = _checked(code) if code is not None else None
    if code is not None and checked is None:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    token = _scoped.set(checked) if checked is not None else None
    try:
        yield language()
    finally:
        if token is not None:
            _scoped.reset(token)


@cache
def catalogue(code: str) -> dict[str, str]:
    """The entries of one language: Dutch source text -> translation (empty for Dutch)."""
    if code == DEFAULT_LANGUAGE:
        return {}
    path = CATALOGUE_DIR / f"core_{code}.json"
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
    except (OSError, ValueError):  # a broken install still speaks Dutch
        return {}
    return {str(k): str(v) for k, v in entries.items() if v}


def translate(text: str, code: str | None = None) -> str:
    """``text`` (Dutch) in language ``code`` (default: :func:`language`), unformatted."""
    return catalogue(code or language()).get(text, text)


def t(text: str, /, **fields) -> str:
    """The Dutch ``text`` in the current language, with ``fields`` filled in."""
    out = translate(text)
    return out.format(**fields) if fields else out


def N_(text: str) -> str:  # noqa: N802 - the usual gettext name for "mark only"
    """Mark ``text`` for the catalogue without translating it (tables of constants)."""
    return text


def decimal_separator() -> str:
    """``","`` in Dutch, ``"."`` in English."""
    return "." if language() == "en" else ","


__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_VAR",
    "LANGUAGES",
    "N_",
    "catalogue",
    "decimal_separator",
    "language",
    "language_of",
    "set_language",
    "t",
    "translate",
]
