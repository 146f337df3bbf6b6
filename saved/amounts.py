"""Numbers in words, in the interface language: hours and kroner (1.500,5 in Danish, 1,500.5 in
English; the separators are words of the catalog, `exnovation.number.*`), and which form of a
counted word a number takes (`plural`: "1 måling", "2 målinger").

Apart from saved/reports/freed.py (which re-exports these) because the home screen's line of freed
totals (tui/due.py) is drawn at start, before pydantic and the models are loaded.
"""

from __future__ import annotations

from collections.abc import Callable

Say = Callable[[str], str]


def plural(key: str, count: object) -> str:
    """The catalog key of `key`'s form for `count`: `key.one` for 1, `key.other` for any other
    number, 0 too (the rule of Danish and English alike). The one rule for counted words: the
    UI's `t` follows it when given `count=`, and the reports through `counted`."""
    return f"{key}.{'one' if str(count) == '1' else 'other'}"


def counted(say: Say, key: str, count: int, **values: object) -> str:
    """A counted text of a report, `key`'s form for `count` with its placeholders filled in."""
    return say(plural(key, count)).format(count=count, **values)


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
