"""Freed time and money in words: one amount ('7,5 timer om ugen') and a board's totals.

Numbers follow the interface language: Danish writes 1.500,5, English 1,500.5 (the separators
are words of the catalog, `exnovation.number.*`).
"""

from __future__ import annotations

from collections.abc import Callable

from models.exnovation import Freed

Say = Callable[[str], str]


def number(value: float, say: Say) -> str:
    """At most one decimal; the thousands and decimal separators of the language."""
    text = f"{value:,.1f}".removesuffix(".0")
    decimal, thousands = say("exnovation.number.decimal"), say("exnovation.number.thousands")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def amount(freed: Freed | None, say: Say, *, short: bool = False) -> str:
    """'15 timer om måneden' ('15 t/md.' if `short`); '–' when not given."""
    if freed is None:
        return "–"
    units = "exnovation.unit_short." if short else "exnovation.unit."
    return f"{number(freed.amount, say)} {say(units + freed.unit)}"


def total(hours: float, money: float, say: Say, *, short: bool = False) -> str:
    """Hours a month and kroner a year; money left out when there is none. `short`: '26 t/md.'."""
    units = "exnovation.unit_short." if short else "exnovation.unit."
    parts = [f"{number(hours, say)} {say(units + 'hours_month')}"]
    if money:
        parts.append(f"{number(money, say)} {say(units + 'money_year')}")
    return " + ".join(parts)
