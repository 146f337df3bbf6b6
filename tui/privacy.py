"""The privacy screen: while it is on, names show as initials and free-text notes are hidden.

One key toggles `SamspilApp.privacy`. Every widget that shows a person's name or a note
renders it through `name_shown` / `note_shown` and re-renders when the flag changes
(`self.watch(self.app, "privacy", ...)`), so nothing private reaches the screen while it is on.
"""

from __future__ import annotations

from models.text import initials, safe_text


def name_shown(name: str, private: bool) -> str:
    return initials(name) if private else safe_text(name, single_line=True)


def note_shown(text: str, private: bool, hidden: str) -> str:
    """The note, or `hidden` (a translated "notes hidden") when the privacy screen is on and there is a note."""
    if private and text.strip():
        return hidden
    return safe_text(text)
