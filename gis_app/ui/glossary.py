"""Dutch domain terms that the English window keeps, with their English gloss.

Planners, contractors and NCG say ``verhoogd``, ``normbesluit`` or ``eigen regie`` in
English conversation too, so the English catalogue keeps these words (see
/work/shared/DOMAIN.md) and explains them where they are shown: a tooltip such as
``verhoogd (elevated risk)`` on the legend, the key figures and the identify panel.

The glosses are ordinary messages (context ``Glossary``, a short Dutch explanation as
the source, the gloss as its English translation); the Dutch window shows no glossary
tooltips, its readers know the words.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: Dutch domain term (as the English window shows it) -> short Dutch explanation.
TERMS: dict[str, str] = {
    "licht verhoogd": QT_TRANSLATE_NOOP("Glossary", "licht verhoogd risico (P90 boven de norm)"),
    "verhoogd": QT_TRANSLATE_NOOP("Glossary", "verhoogd risico (mediaan boven de norm)"),
    "normaal": QT_TRANSLATE_NOOP("Glossary", "normaal risico (onder de norm)"),
    "eigen regie": QT_TRANSLATE_NOOP("Glossary", "de eigenaar regelt de versterking zelf"),
    "normbesluit": QT_TRANSLATE_NOOP("Glossary", "besluit over wat er moet gebeuren"),
    "versterkingsbesluit": QT_TRANSLATE_NOOP("Glossary", "besluit en uitvoeringsplan"),
    "opname": QT_TRANSLATE_NOOP("Glossary", "inspectie van het pand ter plaatse"),
    "Meijdam": QT_TRANSLATE_NOOP("Glossary", "veiligheidsnorm: LPR hoogstens 10⁻⁵ per jaar"),
    "LPR": QT_TRANSLATE_NOOP("Glossary", "lokaal persoonsgebonden risico per jaar"),
    "BAG": QT_TRANSLATE_NOOP("Glossary", "Basisregistratie Adressen en Gebouwen"),
}

# longest first, so "licht verhoogd" is one term and not also "verhoogd"
_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(t) for t in sorted(TERMS, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)


def english() -> bool:
    from gis_app.ui.app import current_language

    return current_language() == "en"


def gloss(term: str) -> str:
    """``term (gloss)`` for one domain term, e.g. ``verhoogd (elevated risk)``."""
    key = next((t for t in TERMS if t.lower() == term.lower()), None)
    if key is None:
        return ""
    return f"{term} ({QCoreApplication.translate('Glossary', TERMS[key])})"


def glosses(text: str) -> str:
    """The glosses of the domain terms in ``text``, one per line; "" when there are none
    or the window is Dutch."""
    if not text or not english():
        return ""
    found: dict[str, None] = {}
    for match in _PATTERN.finditer(text):
        found.setdefault(match.group(1).lower(), None)
    return "\n".join(gloss(term) for term in found)


def add_glosses(widget_or_item, text: str) -> None:
    """Put the glosses of ``text`` in the tooltip of a widget or table item (after the
    tooltip it has, if any)."""
    extra = glosses(text)
    if not extra:
        return
    tip = widget_or_item.toolTip()
    widget_or_item.setToolTip(f"{tip}\n{extra}" if tip and tip != text else extra)
