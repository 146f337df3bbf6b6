"""Spot CPR numbers (DDMMYY-SSSS) in free text, so the user can be warned and offered a mask.

A match needs a real date: digit 7 and the year give the century. Modulus 11 only raises
confidence: numbers without a valid check digit have been issued since 2007 and are real.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(-?)(\d{4})(?![\d])")
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
        dd, mm, yy, _, serial = m.groups()
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
    """Replace the last four digits of every CPR-like number with XXXX (DDMMYY-XXXX)."""
    out, last = [], 0
    for match in find_cpr(text):
        out.append(text[last : match.end - 4])
        out.append(MASK)
        last = match.end
    out.append(text[last:])
    return "".join(out)
