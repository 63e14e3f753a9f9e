"""Safe file and folder names, and the guard that keeps every export inside its folder.

Package and cluster names are typed by planners and end up as file names on the
contractor's Windows laptop, on a Linux server and inside zip files. A name is made
safe once, here, so that no writer has to think about it.

Rules of :func:`safe_name` (decided here):

* Characters Windows forbids (``/ \\ : * ? " < > |``) and control characters become
  ``_``; runs of ``_`` and whitespace are collapsed.
* Accents and non-Latin letters are kept (``Ëlsstraat``, ``格罗宁根``): every current file
  system and zip tool (zip entries are written with the UTF-8 flag) handles them, and a
  contractor recognises the name.
* ``..`` and leading dots are removed (no parent references, no hidden files), as are
  trailing dots and spaces (Windows strips them silently, so two names would collide).
* Reserved Windows device names (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1``-``COM9``,
  ``LPT1``-``LPT9``, also with an extension such as ``CON.txt``) get a ``_`` appended.
* The name is cut to :data:`MAX_NAME_BYTES` UTF-8 bytes (whole characters), which leaves
  room for a suffix and an extension under the 255-byte limit of most file systems and
  keeps Windows paths short.
* What remains empty becomes the fallback (``"naamloos"``).

:func:`unique_names` makes a list of names distinct case-insensitively (Windows and
macOS file systems do not distinguish ``A`` from ``a``) by appending ``_2``, ``_3``.

:func:`inside` is the guard: every output path is resolved (symlinks followed) and must
lie inside the chosen export folder, else :class:`~gis_app.core.errors.ExportError`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from gis_app.core.errors import ExportError
from gis_app.core.i18n import t

MAX_NAME_BYTES = 100
FALLBACK_NAME = "naamloos"

_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
_UNDERSCORES = re.compile(r"_{2,}")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
    # superscript digits are reserved too on Windows
    | {f"COM{d}" for d in "¹²³"}
    | {f"LPT{d}" for d in "¹²³"}
)


def _cut_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def is_reserved(name: str) -> bool:
    """True when Windows treats ``name`` (with or without extension) as a device."""
    stem = name.split(".", 1)[0].rstrip(" ")
    return stem.upper() in _RESERVED


def safe_name(
    text: object, *, fallback: str = FALLBACK_NAME, max_bytes: int = MAX_NAME_BYTES
) -> str:
    """A file or folder name made from ``text`` that is valid on Windows and Linux."""
    name = unicodedata.normalize("NFC", "" if text is None else str(text))
    name = _FORBIDDEN.sub("_", name)
    name = _SPACES.sub(" ", name)
    name = name.replace("..", "_")
    name = _UNDERSCORES.sub("_", name).strip(" _")
    name = name.lstrip(".")
    name = _cut_bytes(name, max_bytes)
    name = name.rstrip(". ")
    if not name:
        name = fallback
    if is_reserved(name):
        name = name + "_"
    return name


def unique_names(names: Iterable[str]) -> list[str]:
    """The names made distinct ignoring case, by appending ``_2``, ``_3``... in order."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate = name
        number = 2
        while candidate.casefold() in seen:
            candidate = f"{name}_{number}"
            number += 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def inside(root: str | Path, *parts: str) -> Path:
    """``root / parts...``, checked to resolve inside ``root``; else :class:`ExportError`.

    ``parts`` should already be safe names; the check is the second line of defence
    (a symlink planted in the export folder, a name from elsewhere).
    """
    base = Path(root).resolve()
    target = base.joinpath(*parts)
    resolved = target.resolve()
    if resolved != base and base not in resolved.parents:
        raise ExportError(t("het pad ligt buiten de gekozen exportmap"), path=target)
    return resolved
