"""A 0-10 rating by keyboard: digits set it (1 then 0 gives 10, however long the pause), left/right and
+/- step it, Home/End jump to 0/10, Backspace clears it (when it may be empty), and up/down/Enter
move between fields. A bar and the number show the value, so it reads without colour."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.commands import bindings

#: The bar with its edges and the number: "▕██████░░░░▏  7".
GAUGE_WIDTH = 15


def scale_text(label: str, label_width: int, value: int | None, width: int) -> Text:
    """The label, the bar and the number in `width` cells. Where that is less than all three (the
    reading form's two columns at 60 columns), the label is shortened first and the bar left out
    next: the number always shows (it had wrapped out of sight)."""
    shown = "–" if value is None else str(value)
    bar = width - GAUGE_WIDTH - 1 >= min(label_width, 4)
    room = max(1, min(label_width, width - 1 - (GAUGE_WIDTH if bar else 3)))
    text = Text((label if len(label) <= room else label[: room - 1] + "…").ljust(room) + " ", no_wrap=True, overflow="crop")
    if bar:
        text.append("▕")
        text.append("█" * (value or 0) + "░" * (10 - (value or 0)), style="bold" if value is not None else "dim")
        text.append("▏")
    text.append(f" {shown:>2}", style="bold")
    return text


class Scale(Widget, can_focus=True):
    DEFAULT_CSS = """
    Scale { height: 1; width: 1fr; }
    Scale:focus { background: $boost; text-style: bold; }
    App:nocolor Scale:focus { text-style: reverse; }
    """

    BINDINGS = bindings("scale.up", "scale.down", "scale.next", "scale.previous", "scale.min", "scale.max", "scale.clear")

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: Scale, value: int | None) -> None:
            super().__init__()
            self.scale, self.value = scale, value

        @property
        def control(self) -> Scale:
            return self.scale

    def __init__(self, label: str, value: int | None = None, *, optional: bool = False, label_width: int = 12, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label, self.optional, self.label_width = label, optional, label_width
        #: The last key on this scale was the digit 1: a 0 now makes 10. No clock: a pause (or a
        #: slow SSH link) must not turn "10" into 0. Any other key, or leaving the scale, ends it.
        self._after_one = False
        self.set_reactive(Scale.value, value)

    def render(self) -> Text:
        return scale_text(self.label, self.label_width, self.value, self.content_size.width or self.label_width + 1 + GAUGE_WIDTH)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def on_key(self, event) -> None:
        if event.character is None or not event.character.isdigit():
            self._after_one = False
            return
        event.stop()
        digit = int(event.character)
        if digit == 0 and self._after_one and self.value == 1:
            self.value = 10
        else:
            self.value = digit
        self._after_one = digit == 1

    def on_blur(self) -> None:
        self._after_one = False

    def action_step(self, delta: int) -> None:
        self.value = max(0, min(10, (self.value or 0) + delta))

    def action_set(self, value: int) -> None:
        self.value = value

    def action_clear(self) -> None:
        if self.optional:
            self.value = None
