"""The one checkbox: its tick is a character, so it reads without colour ([✓] ticked, [ ] not;
Textual's shows the same mark both ways), and ↑/↓ move to the box above or below, as in any
list, where Textual's scrolled the form."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

from tui.commands import bindings


class TickBox(Checkbox):
    BUTTON_LEFT, BUTTON_INNER, BUTTON_RIGHT = "[", " ", "]"
    BINDINGS = bindings("tick.next", "tick.previous")

    @property
    def _button(self) -> Content:  # read at each render, so also right for a box made ticked
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
