"""Text fields without a blinking cursor: a blink redraws twice a second, which costs bytes
over SSH and distracts. The cursor stays visible (as a block), only still."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input, TextArea


class TextInput(Input):
    cursor_blink = reactive(False, init=False)


class NoteArea(TextArea):
    cursor_blink = reactive(False, init=False)
