"""Spot CPR numbers (DDMMYY-SSSS) in free text, so the user can be warned and offered a mask.

A match needs a real date: digit 7 and the year give the century. Modulus 11 only raises
confidence: numbers without a valid check digit have been issued since 2007 and are real.

The forms people type: `0101901234`, `010190-1234`, `010190 1234`, `01 01 90 1234`,
`01.01.90-1234`, `01/01/90-1234`, and any dash or space a keyboard or a copied document gives
(en dash, non-breaking hyphen U+2011, fullwidth and small hyphen-minus, no-break space). A
number glued to a longer one by such a separator (an account number `3100-0101901234`, a case
number `2026-0101901234`, a phone number `+45 01 01 90 1234`) is not flagged: the digits run on.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from models.documents import Case
    from models.network import Actor

#: What may stand between the date's parts and before the serial: hyphens and dashes of every
#: kind, spaces (also no-break and narrow no-break), a dot, a slash. Never a line break.
_SEP = "[-\u2010\u2011\u2012\u2013\u2014\u2212\ufe58\ufe63\uff0d \u00a0\u2007\u202f./]"
_CPR = re.compile(
    rf"(?<!\d)(?<!\d{_SEP})"  # not the tail of a longer number (digits, or digits and a separator)
    rf"(\d{{2}})({_SEP}?)(\d{{2}})\2(\d{{2}})({_SEP}?)(\d{{4}})"  # DD MM YY (one separator throughout) SSSS
    rf"(?!{_SEP}?\d)"  # and not the head of one
)
_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
MASK = "XXXX"


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class CprMatch(NamedTuple):
    start: int
    end: int
    birth_date: date
    passes_modulus_11: bool


def _century(digit7: int, yy: int) -> int:
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def find_cpr(text: str) -> list[CprMatch]:
    """Every CPR-like number in `text` whose first six digits and digit 7 give a real date."""
    found = []
    for m in _CPR.finditer(text):
        dd, _, mm, yy, _, serial = m.groups()
        year = _century(int(serial[0]), int(yy)) + int(yy)
        try:
            born = date(year, int(mm), int(dd))
        except ValueError:
            continue
        digits = [int(c) for c in dd + mm + yy + serial]
        mod11 = sum(d * w for d, w in zip(digits, _WEIGHTS)) % 11 == 0
        found.append(CprMatch(m.start(), m.end(), born, mod11))
    return found


def mask_cpr(text: str) -> str:
    """Replace the last four digits of every CPR-like number with XXXX (DDMMYY-XXXX), whatever
    its separators (`01 01 90 XXXX`)."""
    out, last = [], 0
    for match in find_cpr(text):
        out.append(text[last : match.end - 4])
        out.append(MASK)
        last = match.end
    out.append(text[last:])
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# The privacy screen: one rule for what it hides, used by every screen, dialog, edit form and report.
#
# 1. Every free text is hidden: `FREE_TEXT` lists them by document kind. On screen and in a
#    private report it is replaced by a line that says it is hidden (`shown_text`).
# 2. An actor of a case's network is shown by its role and its number in the case ("Mor #3"),
#    never by its name or by initials (Mor and Misbrugsbehandler are both "M."). The role is the
#    actor's kind when the kind is in the actor catalogue; a kind typed freely is itself free text,
#    so its sector stands instead ("Familie og netværk #7") (`actor_label`).
# 3. What stays: titles (a pseudonym), dates, ratings, choices from lists, ticks, counts, the
#    practices on an exnovation board, and the initials of the professionals (a supervision's
#    supervisor and practitioner, an action's or an item's owner, the nominator).
#
# Pure: no Textual, no files, no words (callers pass their translations); models.network and the
# documents are imported only when an actor is labelled, so pydantic stays off the start-up path.

#: Every free-text field, by document kind, as dotted paths (a list's items or a dict's values are
#: walked): what the privacy screen hides and a private report leaves out.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "case": ("notes", "readings.context", "readings.note", "ties.note", "meetings.agenda.text", "meetings.tasks.what", "meetings.actions.what", "meetings.minutes"),
    "exnovation": (
        "notes",
        "items.why",
        "items.citizen_value",
        "items.if_stopped",
        "items.override_note",
        "items.current_situation",
        "items.new_situation",
        "items.evidence",
        "items.outcome",
        "items.helping.text",
        "items.hindering.text",
        "items.steps.text",
        "items.stop_note",
        "items.switch_rider",
        "items.switch_elephant",
        "items.switch_path",
        "items.freed_estimated.note",
        "items.freed_measured.note",
    ),
    "supervision": ("notes", "agenda", "storm", "maturity.next_steps", "actions.what", "readings.context", "readings.note"),
}


def _walk(value: object, path: list[str]) -> list[str]:
    if isinstance(value, list):
        return [text for item in value for text in _walk(item, path)]
    if isinstance(value, dict) and not path:
        return [text for item in value.values() for text in _walk(item, path)]
    if not path:
        return [value] if isinstance(value, str) and value else []
    return _walk(getattr(value, path[0], None), path[1:])


def free_texts(document: object) -> list[str]:
    """Every non-empty free text the document holds (see FREE_TEXT)."""
    kind = getattr(document, "kind", "")
    return [text for path in FREE_TEXT.get(kind, ()) for text in _walk(document, path.split("."))]


def texts_with_cpr(document: object, private: bool) -> int:
    """How many texts a report of `document` would carry that hold a CPR-like number: its title,
    and (unless private, which leaves them out) its free texts and a case's actors' names. The
    guard warns as a field is typed in; a number saved past it (typed and saved in one burst, or
    from an earlier version) is said again where it would leave samspil."""
    texts = [getattr(document, "title", "")]
    if not private:
        texts += free_texts(document) + [actor.name for actor in getattr(document, "actors", ())]
    return sum(1 for text in texts if text and find_cpr(text))


def shown_text(text: str, private: bool, hidden: str) -> str:
    """Free text as the screen and a report show it: `hidden` (a translated "hidden") while the
    privacy screen is on and there is text, else the text itself (not yet sanitised)."""
    return hidden if private and text.strip() else text


def actor_role(kind: str) -> str | None:
    """The catalogue's name for an actor's kind, or None for a kind typed freely."""
    from models.network import catalogue_entry

    entry = catalogue_entry(kind)
    return entry.kind if entry is not None else None


def actor_label(name: str, kind: str, sector_word: str, number: int | None, private: bool) -> str:
    """An actor as the screen and a report name it: its name, or (private) its role and its number
    in the case, "Mor #3"; `sector_word` (the translated sector) stands for a kind not in the
    catalogue."""
    if not private:
        return name
    return f"{actor_role(kind) or sector_word} #{'?' if number is None else number}"


def case_actor_label(case: Case, actor: Actor, private: bool, sector_word: str) -> str:
    """`actor_label` for an actor of `case`, by its number in the case (models.network.actor_number)."""
    from models.network import actor_number

    index = case.actor_index(actor.id) if private else None
    return actor_label(actor.name, actor.kind, sector_word, None if index is None else actor_number(actor, index), private)
