"""How the network's parts read on screen: names, consent, tie quality, readings.

Every state has a symbol and a word, never colour alone: consent ⊘ / ◐ / ●, a weak tie "!",
an unrated tie "–", a conflict "×", the coordinator ★. Actors pass `actor_shown` (the privacy screen).
"""

from __future__ import annotations

from rich.text import Text

from models.documents import Case
from models.gauge import Reading, reading_zone
from models.network import CITIZEN, Actor, Tie
from tui.i18n import t
from tui.privacy import actor_shown

WEAK_MARK = "!"
UNRATED_MARK = "–"
CONFLICT_MARK = "×"
CITIZEN_MARK = "◉"
COORDINATOR_MARK = "★"
NO_CONSENT_MARK = "⊘"


def end_name(case: Case, end: str, private: bool) -> str:
    """The citizen, or an actor's name (its role and number while the privacy screen is on)."""
    if end == CITIZEN:
        return t("network.citizen")
    actor = case.actor(end)
    return actor_shown(case, actor, private) if actor is not None else "?"


def cell(text: str, style: str = "") -> Text:
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def consent_cell(actor: Actor) -> Text:
    return cell(t(f"network.consent_short.{actor.consent}"), "bold" if actor.consent == "none" else "")


def decimal_text(value: float) -> str:
    """One decimal with the language's mark ("1,3" in Danish), as the analysis and reports write it."""
    return f"{value:.1f}".replace(".", t("network.decimal_mark"))


def mean_text(tie: Tie | None) -> str:
    if tie is None:
        return "–"
    mean = tie.mean
    if mean is None:
        return f"{UNRATED_MARK} {t('network.unrated')}"
    number = decimal_text(mean)
    return f"{number} {WEAK_MARK} {t('network.weak')}" if tie.weak else number


def mean_cell(tie: Tie | None) -> Text:
    return cell(mean_text(tie), "bold" if tie is not None and tie.weak else "")


def conflicts_text(tie: Tie) -> str:
    if not tie.conflicts:
        return ""
    return f"{CONFLICT_MARK} " + ", ".join(t(f"network.conflict.{kind}") for kind in tie.conflicts)


def frequency_text(tie: Tie) -> str:
    return t(f"network.freq.{tie.frequency}") if tie.frequency else "–"


def reading_text(reading: Reading | None) -> str:
    if reading is None:
        return t("network.no_reading")
    return t("network.reading", intensity=reading.intensity, capacity=reading.capacity, zone=reading_zone(reading).symbol)


def actor_marks(actor: Actor) -> str:
    """The symbols after an actor's number on the map and in the legend."""
    return (COORDINATOR_MARK if actor.coordinator else "") + (NO_CONSENT_MARK if actor.consent == "none" else "")
