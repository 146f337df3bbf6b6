"""The multi-line text field (see tui/widgets/inputs.py, which hands it out on first use)."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import TextArea

from models.text import safe_text
from tui.widgets.inputs import StyledWhenMounted


class NoteArea(StyledWhenMounted, TextArea):
    cursor_blink = reactive(False, init=False)

    def _refresh_size(self) -> None:
        """Textual sets the size of the wrapped text as `virtual_size`, a reactive that lays the
        whole screen out when it changes: when the note is first laid out (its text wrapped to
        its width: a second layout of a document opened) and for each line typed. A note whose
        size CSS sets (a form's: 10 rows) does not follow its text, it scrolls over it: set
        quietly, its scroll bars updated as that layout would (`_scroll_update`, as FixedTable
        does); a bar shown or hidden still asks for a layout of its own."""
        if self.styles.auto_dimensions:
            super()._refresh_size()
            return
        if self.soft_wrap:
            size = Size(0, self.wrapped_document.height)
        else:  # as Textual's: +1 for the cursor at the end of the longest line
            width, height = self.document.get_size(self.indent_width)
            size = Size(width + self.gutter_width + 1, height)
        if size == self.virtual_size:
            self._refresh_scrollbars()
            return
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """A line as shown: a pasted ESC, OSC, C1 or bidi control becomes a placeholder (the text
        keeps what was typed). A control is drawn one cell wide where the editor counts none, so
        the cursor after one on the same line shows a cell to the left; it never reaches the terminal."""
        strip = super().render_line(y)
        if all(safe_text(segment.text) == segment.text for segment in strip):
            return strip
        shown = Strip([Segment(safe_text(segment.text), segment.style, segment.control) for segment in strip])
        return shown.crop(0, strip.cell_length)
