"""Textual's Select with its options shown as text, and letters typed on it closed choose.

Textual reads a str option as markup: an actor named "[/]x" was a MarkupError in the reading
form, and "[bold]" styled the name. Every Select in samspil is a TextSelect (tests/test_layout.py),
whose labels pass `safe_text` and become plain `Text` (which Select's type-to-search also reads).

Textual's Select searches only while its list is open; letters typed on the closed field were
dropped without a trace ("Mor" Tab in a burst left the tie dialog's "To" empty). Here they choose,
as on a web form: the option whose label holds what was typed, earliest in the label first;
a pause of TYPED_PAUSE starts a new search.
"""

from __future__ import annotations

from collections.abc import Iterable
from time import monotonic
from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import Select

from models.text import safe_text

#: Seconds without a letter after which typing starts a new search (Textual's own list: 0.7).
TYPED_PAUSE = 0.7


def _as_text(options: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [(Text(safe_text(label, single_line=True)) if isinstance(label, str) else label, value) for label, value in options]


class TextSelect(Select):
    def __init__(self, options: Iterable[tuple[Any, Any]] = (), **kwargs: Any) -> None:
        super().__init__(_as_text(options), **kwargs)
        self._typed, self._typed_at = "", 0.0

    def set_options(self, options: Iterable[tuple[Any, Any]]) -> None:
        super().set_options(_as_text(options))

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """A letter or digit is ours while closed (space still opens the list)."""
        return not self.expanded and character is not None and character.isprintable() and character != " "

    async def _on_key(self, event: events.Key) -> None:
        if self.disabled or not self.check_consume_key(event.key, event.character) or event.character is None:
            return
        event.stop()
        event.prevent_default()
        now = monotonic()
        self._typed = (self._typed if now - self._typed_at < TYPED_PAUSE else "") + event.character.lower()
        self._typed_at = now
        found = self._match(self._typed)
        if found is not None and found != self.value:
            self.value = found

    def _match(self, typed: str) -> Any:
        """The value of the option whose label holds `typed` earliest (the first such), never the blank."""
        best, best_at = None, None
        for label, value in self._options:
            if value is self.NULL:
                continue
            at = (label.plain if isinstance(label, Text) else str(label)).lower().find(typed)
            if at != -1 and (best_at is None or at < best_at):
                best, best_at = value, at
        return best

    def _on_blur(self, event: events.Blur) -> None:
        self._typed = ""
