"""The privacy screen on screens: the rule is models/privacy.py (what is hidden, how an actor is
named); these put it in the interface's words and make the result safe for the terminal.

One key toggles `SamspilApp.privacy`. Every widget that shows a person's name or a free text
renders it through these functions and re-renders when the flag changes
(`self.watch(self.app, "privacy", ...)`); text fields holding free text carry the class
`private-text` and hide, so nothing private reaches the screen while it is on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.privacy import actor_label, actor_role, case_actor_label, shown_text
from models.text import initials, safe_text
from tui.i18n import t

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from models.documents import Case
    from models.network import Actor


def name_shown(name: str, private: bool) -> str:
    """A professional's initials as typed (an owner, a nominator): as initials while private."""
    return initials(name) if private else safe_text(name, single_line=True)


def note_shown(text: str, private: bool, hidden: str) -> str:
    """The free text, or `hidden` (a translated "notes hidden") when the privacy screen is on and there is text."""
    return safe_text(shown_text(text, private, hidden))


def actor_shown(case: Case, actor: Actor, private: bool) -> str:
    """An actor by name, or while private by role and number ("Mor #31")."""
    return safe_text(case_actor_label(case, actor, private, t(f"network.sector.{actor.sector}")), single_line=True)


def actor_shown_at(actor: Actor, number: int, private: bool) -> str:
    """The same for an actor whose number (its place in the case, from 1) the caller knows."""
    return safe_text(actor_label(actor.name, actor.kind, t(f"network.sector.{actor.sector}"), number, private), single_line=True)


def actor_kind_shown(actor: Actor, private: bool) -> str:
    """An actor's kind as typed, safe for the terminal; while private its catalogue role, or for a
    kind typed freely its sector (as the report's list of actors has it)."""
    if private:
        return actor_role(actor.kind) or t(f"network.sector.{actor.sector}")
    return safe_text(actor.kind, single_line=True)


def privacy_on(node: DOMNode) -> bool:
    """Whether the privacy screen is on, for any widget or screen of the app."""
    return bool(getattr(node.app, "privacy", False))
