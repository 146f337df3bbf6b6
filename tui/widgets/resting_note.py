"""A document's notes as drawn before anyone edits them: the editor (NoteArea, a Textual TextArea)
is made when the notes are first focused, clicked or scrolled.

Opening a case imported and built a TextArea that nobody had focused: ~9 ms of the ~58 ms
the open costs (its import alone ~6.7 ms: textual.document, its theme, tree-sitter glue). This
draws what a TextArea draws at rest (its text wrapped as TextArea wraps it, the cursor's line on
the first line, its scroll bar), with TextArea's CSS at rest; `tests/ui/test_resting_note.py`
compares the two, cell by cell. The first focus puts the editor in its place, hidden until
mounted, then shown as this goes, in one step: no frame without either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual._wrap import compute_wrap_offsets
from textual.expand_tabs import expand_text_tabs_from_widths, get_tab_widths
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from models.text import safe_text
from tui.widgets.inputs import StyledWhenMounted

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.widgets.note_area import NoteArea

#: TextArea's defaults as the notes have them (tab width, no line numbers, soft wrap).
_TAB = 4
_NEWLINES = ("\r\n", "\n", "\r")


class RestingNote(StyledWhenMounted, ScrollView, can_focus=True):
    # StyledWhenMounted: PrivateText's class, set before mounting, styled it twice (as NoteArea).
    # TextArea's DEFAULT_CSS, what of it shows unfocused (the cursor's styles only show focused).
    DEFAULT_CSS = """
    RestingNote {
        width: 1fr;
        height: 1fr;
        border: tall $border-blurred;
        padding: 0 1;
        color: $foreground;
        background: $surface;
        pointer: text;
        & .text-area--cursor-line { background: $boost; }
    }
    """
    COMPONENT_CLASSES = {"text-area--cursor-line"}

    def __init__(self, text: str = "", *, read_only: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: The id the editor gets (this one's is `<id>-rest`: a sibling may not share an id).
        self.editor_id = id.removesuffix("-rest") if id else None
        self.read_only = read_only
        self._text = ""
        #: (line, section) of each row as wrapped; each line's wrap offsets and tab widths.
        self._rows: list[tuple[int, int]] = []
        self._lines: list[str] = [""]
        self._offsets: list[list[int]] = [[]]
        self._tabs: list[list[int]] = [[]]
        self._editor: NoteArea | None = None
        self.text = text

    @property
    def text(self) -> str:
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value
        # As textual.document.Document splits it.
        self._lines = value.splitlines()
        if value.endswith(_NEWLINES) or not value:
            self._lines.append("")
        self._rewrap()

    # ---- as TextArea lays out and draws (Textual 8.2.8, textual/widgets/_text_area.py) --------

    def _on_resize(self) -> None:
        self._rewrap()

    def _wrap_width(self) -> int:
        return max(0, self.scrollable_content_region.width - 1)  # 1: the cursor at a line's end

    def _rewrap(self) -> None:
        width = self._wrap_width()
        self._rows, self._offsets, self._tabs = [], [], []
        for index, line in enumerate(self._lines):
            sections = get_tab_widths(line, _TAB)
            offsets = compute_wrap_offsets(line, width, tab_size=_TAB, precomputed_tab_sections=sections) if width else []
            self._offsets.append(offsets)
            self._tabs.append([tab for _, tab in sections])
            self._rows.extend((index, section) for section in range(len(offsets) + 1))
        self.refresh()
        size = Size(0, len(self._rows))
        if self.styles.auto_dimensions:  # TextArea's own
            self.virtual_size = size
            self._refresh_scrollbars()
        elif size == self.virtual_size:  # NoteArea's (tui/widgets/note_area.py)
            self._refresh_scrollbars()
        else:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        cursor_line = self.get_component_rich_style("text-area--cursor-line")
        offset = y + self.scroll_offset.y
        if offset >= len(self._rows):
            return Strip.blank(self.size.width, base)
        index, section = self._rows[offset]
        line = Text(self._lines[index], end="", no_wrap=True)
        characters = len(line)
        line.tab_size = _TAB
        line.set_length(characters + 1)  # space at the end for the cursor
        if index == 0:  # the cursor's line: it rests at the start
            line.stylize(cursor_line)
        if self._offsets[index]:
            sections = line.divide(self._offsets[index])
            line = sections[section]
            line.end = ""
            before = sum(part.plain.count("\t") for part in sections[:section])
            line = expand_text_tabs_from_widths(line, self._tabs[index][before : before + line.plain.count("\t")])
        else:
            line.expand_tabs(_TAB)
        strip = Strip(line.render(self.app.console), cell_length=line.cell_len)
        strip = strip.extend_cell_length(self.scrollable_content_region.width, cursor_line if index == 0 else base).apply_style(base)
        # NoteArea's: a control character drawn as a placeholder.
        if all(safe_text(segment.text) == segment.text for segment in strip):
            return strip
        shown = Strip([Segment(safe_text(segment.text), segment.style, segment.control) for segment in strip])
        return shown.crop(0, strip.cell_length)

    # ---- the editor in its place ---------------------------------------------------------------

    async def on_focus(self, event: events.Focus) -> None:
        await self.realise()

    async def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click puts the cursor where it was, as in the editor (without starting a selection:
        the button may be up by now)."""
        editor = await self.realise()
        editor.move_cursor(editor.get_target_document_location(event))

    async def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        await self._scroll_editor(event, Widget._on_mouse_scroll_down)

    async def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        await self._scroll_editor(event, Widget._on_mouse_scroll_up)

    async def _scroll_editor(self, event: events.MouseScrollDown | events.MouseScrollUp, scroll: Callable[..., None]) -> None:
        """The wheel over notes taller than the field scrolls the editor (this one never scrolls:
        the editor, once made, scrolls to its cursor, at the top); over shorter notes it
        scrolls the form, as over the editor."""
        if not self.allow_vertical_scroll:
            return
        event.prevent_default()
        event.stop()
        editor = await self.realise()
        editor.call_after_refresh(scroll, editor, event)

    async def realise(self) -> NoteArea:
        """Put the editor in this one's place (focused if this is), as it shows now."""
        if self._editor is not None:
            return self._editor
        from tui.widgets.note_area import NoteArea

        editor = self._editor = NoteArea(self.text, id=self.editor_id, soft_wrap=True, read_only=self.read_only, classes=" ".join(self.classes))
        editor.display = False
        parent = self.parent
        assert isinstance(parent, Widget)
        await parent.mount(editor, before=self)
        # The editor wraps its text when told its size (Resize), after the frame that first shows
        # it: wrapped here at this one's width, that frame is already right.
        editor.wrapped_document.wrap(self._wrap_width(), tab_width=_TAB)
        editor._line_cache.clear()
        editor.set_reactive(Widget.virtual_size, self.virtual_size)
        # As the editor's text set on opening did: the CPR guard inspects it (tui/app.py guard_cpr).
        editor.post_message(editor.Changed(editor).set_sender(editor))
        self.display = False
        editor.styles.clear_rule("display")  # as its CSS has it: hidden by the privacy screen
        if self.has_focus:
            editor.focus(scroll_visible=False)
        await self.remove()
        return editor
