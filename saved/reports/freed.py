"""Freed time and money in words: one amount ('7,5 timer om ugen') and a board's totals.

Numbers follow the interface language: Danish writes 1.500,5, English 1,500.5 (the separators
are words of the catalog, `exnovation.number.*`).
"""

from __future__ import annotations

from models.exnovation import Freed
from saved.amounts import Say, number, total

# `number` and `total` live in saved/amounts.py (no pydantic: the home screen uses them at start).
__all__ = ["Say", "amount", "number", "total"]


def amount(freed: Freed | None, say: Say, *, short: bool = False) -> str:
    """'15 timer om måneden' ('15 t/md.' if `short`); '–' when not given."""
    if freed is None:
        return "–"
    units = "exnovation.unit_short." if short else "exnovation.unit."
    return f"{number(freed.amount, say)} {say(units + freed.unit)}"
