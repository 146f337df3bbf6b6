"""The multi-line text field (see tui/widgets/inputs.py, which hands it out on first use)."""

from __future__ import annotations

from rich.segment import Segment
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import TextArea

from models.text import safe_text
from tui.widgets.inputs import StyledWhenMounted


class NoteArea(StyledWhenMounted, TextArea):
    cursor_blink = reactive(False, init=False)

    def render_line(self, y: int) -> Strip:
        """A line as shown: a pasted ESC, OSC, C1 or bidi control becomes a placeholder (the text
        keeps what was typed). A control is drawn one cell wide where the editor counts none, so
        the cursor after one on the same line shows a cell to the left; it never reaches the terminal."""
        strip = super().render_line(y)
        if all(safe_text(segment.text) == segment.text for segment in strip):
            return strip
        shown = Strip([Segment(safe_text(segment.text), segment.style, segment.control) for segment in strip])
        return shown.crop(0, strip.cell_length)
