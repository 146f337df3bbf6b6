"""Text fields without a blinking cursor: a blink redraws twice a second, which costs bytes
over SSH and distracts. The cursor stays visible (as a block), only still."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input, TextArea

from tui.i18n import t


class TextInput(Input):
    """Also: an empty field shows a placeholder, so that it can be seen without colour (NO_COLOR,
    or 16 colours where the field's background is the screen's)."""

    cursor_blink = reactive(False, init=False)

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs) -> None:
        super().__init__(value, placeholder=placeholder or t("field.empty"), **kwargs)


class NoteArea(TextArea):
    cursor_blink = reactive(False, init=False)
