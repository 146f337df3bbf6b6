"""Hours and kroner in words, in the interface language: 1.500,5 in Danish, 1,500.5 in English
(the separators are words of the catalog, `exnovation.number.*`).

Apart from saved/reports/freed.py (which re-exports these) because the home screen's line of freed
totals (tui/due.py) is drawn at start, before pydantic and the models are loaded.
"""

from __future__ import annotations

from collections.abc import Callable

Say = Callable[[str], str]


def number(value: float, say: Say) -> str:
    """At most one decimal; the thousands and decimal separators of the language."""
    text = f"{value:,.1f}".removesuffix(".0")
    decimal, thousands = say("exnovation.number.decimal"), say("exnovation.number.thousands")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def total(hours: float, money: float, say: Say, *, short: bool = False) -> str:
    """Hours a month and kroner a year; money left out when there is none. `short`: '26 t/md.'."""
    units = "exnovation.unit_short." if short else "exnovation.unit."
    parts = [f"{number(hours, say)} {say(units + 'hours_month')}"]
    if money:
        parts.append(f"{number(money, say)} {say(units + 'money_year')}")
    return " + ".join(parts)
