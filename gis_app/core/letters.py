"""Letters to residents: the fields of each letter and the planner's text template.

A template is plain text (one paragraph per line: the letter wraps long lines itself) with fields in braces: ``{adres}``, ``{maatregel}``, ``{aanpak}``,
``{start_voorbereiding}``, ``{start_bouw}``, ``{gereed}``, ``{contact}``. Letters go "Aan
de bewoners van" the address: no personal names are needed or used. A field that is not
known, or a brace that is not closed, is refused with the template's file and line.
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


def check_template(text: str, path: str | Path | None = None) -> None:
    """Refuse unknown fields and unbalanced braces, naming the line."""
    for number, line in enumerate(text.splitlines(), start=1):
        for name in _FIELD.findall(line):
            if name.strip() not in FIELDS:
                raise InputError(
                    t(
                        "sjabloon regel {number}: onbekend veld '{{{value}}}' (velden: {join})",
                        number=number,
                        value=name[:40],
                        join=", ".join("{" + f + "}" for f in FIELDS),
                    ),
                    path=path,
                )
        rest = _FIELD.sub("", line)
        if "{" in rest or "}" in rest:
            raise InputError(
                t("sjabloon regel {number}: accolade zonder veld", number=number), path=path
            )
    if not text.strip():
        raise InputError(t("sjabloon is leeg"), path=path)


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


def letter_file_name(building_id: str) -> str:
    safe = re.sub(r"[^0-9A-Za-z_-]", "_", building_id)[:80] or "pand"
    return f"brief-{safe}.pdf"
