"""Text fields without a blinking cursor: a blink redraws twice a second, which costs bytes
over SSH and distracts. The cursor stays visible (as a block), only still."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input

from models.text import safe_text
from tui.i18n import t

if TYPE_CHECKING:
    from tui.widgets.note_area import NoteArea

    _Mixin = Widget
else:
    _Mixin = object

__all__ = ["NoteArea", "StyledWhenMounted", "TextInput"]


class StyledWhenMounted(_Mixin):
    """A class set on a field not yet mounted (Input's `compact`, PrivateText's `private-text`)
    made Textual style it at once, in full, with each of its component classes, though mounting
    styles it again: ~1 ms per field opening a document. Not until it is in the DOM. (A mixin,
    not a Widget: Textual takes CSS names and component classes from the first base only.)"""

    def update_node_styles(self, animate: bool = True) -> None:
        if self.is_attached:
            super().update_node_styles(animate)


#: The longest field (in characters) shown empty as "–", not "(tom)".
SHORT = 3


class TextInput(StyledWhenMounted, Input):
    """Also: an empty field shows a placeholder, so that it can be seen without colour (NO_COLOR,
    or 16 colours where the field's background is the screen's)."""

    cursor_blink = reactive(False, init=False)

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs) -> None:
        if not placeholder:  # a field of a few characters (a rating) is too narrow for "(tom)"
            placeholder = "–" if 0 < kwargs.get("max_length", 0) <= SHORT else t("field.empty")
        super().__init__(value, placeholder=placeholder, **kwargs)
        # Input adds `-valid` (no CSS rule uses it) with the first value set, which restyles the
        # field in full: the first typed letter, a document's fields filled on opening. Valid
        # from the start, the first check changes no class (an invalid value still gets `-invalid`).
        if not self.classes & {"-invalid"}:
            self.add_class("-valid", update=False)

    def _watch_value(self, value: str) -> None:
        # Textual sets `virtual_size` (its width: the text's) with a layout of the whole screen
        # for every typed letter. A field whose size does not follow its text needs no layout:
        # the scroll range is read from `virtual_size`, set here quietly first, as Textual's own
        # `_size_updated` does when no layout is wanted.
        if not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste longer than the field has room for puts in what fits and says so: Textual's
        Input dropped it whole with only a bell (a 30,000-character paste into a date field)."""
        line = event.text.splitlines()[0] if event.text else ""
        if not self.max_length:
            return
        start, end = sorted(self.selection)
        room = self.max_length - (len(self.value) - (end - start))
        if len(line) <= room:
            return  # Input's own paste
        event.prevent_default()
        event.stop()
        self.replace(line[: max(room, 0)], start, end)
        self.notify(t("error.too_long", max=self.max_length), severity="warning", timeout=6)

    @property
    def _value(self) -> Text:
        """The value as shown: a pasted ESC, OSC, C1 or bidi control is shown as a placeholder,
        one character for one (the cursor stays in place); the value keeps what was typed."""
        if self.password:
            return super()._value
        text = Text(safe_text(self.value, single_line=True), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text


def __getattr__(name: str) -> object:
    """NoteArea on first use: TextArea's import (textual.document, its theme and tree-sitter
    glue, ~7 ms) is for the document screens, not for the way to home's first frame."""
    if name == "NoteArea":
        from tui.widgets.note_area import NoteArea

        return NoteArea
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
