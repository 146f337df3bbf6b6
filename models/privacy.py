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
from dataclasses import dataclass
from datetime import date

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


@dataclass(frozen=True)
class CprMatch:
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
