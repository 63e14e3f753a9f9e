"""Letters to residents: the fields of each letter and the planner's text template.

A template is plain text (one paragraph per line: the letter wraps long lines itself) with fields in braces: ``{adres}``, ``{maatregel}``, ``{aanpak}``,
``{start_voorbereiding}``, ``{start_bouw}``, ``{gereed}``, ``{contact}``. Letters go "Aan
de bewoners van" the address: no personal names are needed or used. A field that is not
known, or a brace that is not closed, is refused with the template's file, line and
position (:func:`template_problem`), before anything is written.

The planner's own template and contact are stored in the project
(``Project.settings[LETTERS_SETTINGS_KEY]``: ``{"template": ..., "contact": ...}``), so
the window and ``gis-app letters`` write the same letters (:func:`project_letter_text`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from gis_app.core.errors import InputError
from gis_app.core.i18n import t
from gis_app.core.planning.config import APPROACH_LABELS_NL
from gis_app.core.schema import MEASURE_LABELS_NL

#: Field names of a template and of the mail-merge CSV, in CSV column order.
FIELDS = (
    "adres",
    "maatregel",
    "aanpak",
    "start_voorbereiding",
    "start_bouw",
    "gereed",
    "contact",
)

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

DEFAULT_TEMPLATE = """Aan de bewoners van
{adres}

Onderwerp: de versterking van uw woning

Beste bewoners,

Uw woning wordt versterkt. Het plan voor uw woning is nu zo ver dat wij u kunnen vertellen wat er gaat gebeuren en wanneer. De bouwcapaciteit hiervoor is gecontracteerd.

Maatregel: {maatregel}
Aanpak: {aanpak}
Start voorbereiding: {start_voorbereiding}
Start bouw: uiterlijk {start_bouw}
Verwacht gereed: {gereed}

Wij houden ons aan deze startdatum van de bouw. Verandert er iets, dan hoort u dat van ons.

Heeft u vragen? Neem contact op met {contact}.

Met vriendelijke groet,

Nationaal Coördinator Groningen
"""

DEFAULT_CONTACT = "uw bewonersbegeleider van het NCG"

_FIELD = re.compile(r"\{([^{}]*)\}")

#: Key of the letter template and contact in ``Project.settings``.
LETTERS_SETTINGS_KEY = "letters"
#: Longest template and contact stored or read (characters).
MAX_TEMPLATE_CHARS = 100_000
MAX_CONTACT_CHARS = 500


def long_date(day: dt.date) -> str:
    """``3 maart 2027``."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def read_template(path: str | Path) -> str:
    """The template text in ``path`` (UTF-8), checked (:func:`check_template`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(t("sjabloon bestaat niet"), path=path) from None
    except UnicodeDecodeError:
        raise InputError(t("sjabloon is geen UTF-8-tekst"), path=path) from None
    except OSError as error:
        raise InputError(
            t("sjabloon is niet leesbaar ({strerror})", strerror=error.strerror), path=path
        ) from None
    check_template(text, path)
    return text


def template_problem(text: str) -> str | None:
    """What is wrong with a template, in one line naming the field and its position
    ("regel 3, teken 12: onbekend veld '{naam}' ..."), or None when it can be used."""
    if not text.strip():
        return t("sjabloon is leeg")
    if len(text) > MAX_TEMPLATE_CHARS:
        return t("sjabloon is langer dan {n} tekens", n=MAX_TEMPLATE_CHARS)
    for number, line in enumerate(text.splitlines(), start=1):
        end = 0
        for match in _FIELD.finditer(line):
            stray = _stray_brace(line, end, match.start())
            if stray is not None:
                return t(
                    "sjabloon regel {number}, teken {position}: accolade zonder veld",
                    number=number,
                    position=stray + 1,
                )
            end = match.end()
            name = match.group(1)
            if name.strip() not in FIELDS:
                return t(
                    "sjabloon regel {number}, teken {position}: onbekend veld '{{{value}}}' "
                    "(velden: {join})",
                    number=number,
                    position=match.start() + 1,
                    value=name[:40],
                    join=", ".join("{" + f + "}" for f in FIELDS),
                )
        stray = _stray_brace(line, end, len(line))
        if stray is not None:
            return t(
                "sjabloon regel {number}, teken {position}: accolade zonder veld",
                number=number,
                position=stray + 1,
            )
    return None


def _stray_brace(line: str, start: int, stop: int) -> int | None:
    for k in range(start, stop):
        if line[k] in "{}":
            return k
    return None


def check_template(text: str, path: str | Path | None = None) -> None:
    """Refuse unknown fields and unbalanced braces (:func:`template_problem`)."""
    problem = template_problem(text)
    if problem is not None:
        raise InputError(problem, path=path)


def project_letter_text(settings: dict | None) -> tuple[str, str]:
    """(template, contact) stored in a project's settings, the defaults where none is set.
    A stored template that cannot be used is refused (:class:`InputError`), never
    replaced silently."""
    stored = (settings or {}).get(LETTERS_SETTINGS_KEY)
    if not isinstance(stored, dict):
        return DEFAULT_TEMPLATE, DEFAULT_CONTACT
    template = stored.get("template")
    contact = stored.get("contact")
    template = template if isinstance(template, str) and template.strip() else DEFAULT_TEMPLATE
    contact = contact if isinstance(contact, str) and contact.strip() else DEFAULT_CONTACT
    problem = template_problem(template)
    if problem is not None:
        raise InputError(t("het bewonersbriefsjabloon in het project: {problem}", problem=problem))
    return template, contact[:MAX_CONTACT_CHARS]


def letter_settings(template: str, contact: str) -> dict[str, str]:
    """What :func:`project_letter_text` reads back (store under :data:`LETTERS_SETTINGS_KEY`)."""
    check_template(template)
    return {"template": template, "contact": contact.strip()[:MAX_CONTACT_CHARS]}


def letter_fields(row: dict[str, Any], contact: str) -> dict[str, str]:
    """The template fields of one letter (row: :func:`~gis_app.core.commitments.letter_rows`)."""
    return {
        "adres": row["address"],
        "maatregel": MEASURE_LABELS_NL.get(row["measure"], row["measure"]),
        "aanpak": APPROACH_LABELS_NL.get(row["approach"], row["approach"]),
        "start_voorbereiding": long_date(row["prep_start"]),
        "start_bouw": long_date(row["construction_start"]),
        "gereed": long_date(row["completion"]),
        "contact": contact,
    }


def fill(template: str, fields: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: fields[m.group(1).strip()], template)


def letter_text(template: str, row: dict[str, Any], contact: str) -> str:
    """The text of one letter: ``template`` filled with the fields of ``row``
    (:func:`~gis_app.core.commitments.letter_rows`). The PDF letters and the window's
    preview both use it."""
    return fill(template, letter_fields(row, contact))


def letter_file_name(building_id: str) -> str:
    safe = re.sub(r"[^0-9A-Za-z_-]", "_", building_id)[:80] or "pand"
    return f"brief-{safe}.pdf"
