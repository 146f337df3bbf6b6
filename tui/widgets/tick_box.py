"""The one checkbox: its tick is a character, so it reads without colour ([✓] ticked, [ ] not;
Textual's shows the same mark both ways), and ↑/↓ move to the box above or below, as in any
list, where Textual's scrolled the form."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

from tui.commands import bindings


def tick(ticked: bool) -> str:
    """The tick's character, ticked or not: the box's, and the lists' that tick rows (a meeting's
    participants, the actor catalogue) as "[✓] name"."""
    return "✓" if ticked else " "


class TickBox(Checkbox):
    BUTTON_LEFT, BUTTON_INNER, BUTTON_RIGHT = "[", " ", "]"
    BINDINGS = bindings("tick.next", "tick.previous")

    @property
    def _button(self) -> Content:  # read at each render, so also right for a box made ticked
        self.BUTTON_INNER = tick(self.value)
        return super()._button
