"""Small modal questions: confirm, ask for a text, choose between actions, pick one of a list."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from models.text import safe_text
from tui.commands import bindings
from tui.widgets.footer import KeyFooter
from tui.i18n import t
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput


class Choice(ModalScreen[str | None]):
    """A message and a row of buttons; each button has a key. Escape cancels (None).

    `choices` are (result, label, key) tuples; the one whose result is `focus` (else the first)
    has the focus, so Enter picks it.
    """

    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Vertical { width: 70; max-width: 100%; height: auto; max-height: 100%;
                        border: thick $primary; padding: 0 1; background: $surface; }
    Choice .title { text-style: bold; margin-bottom: 1; }
    Choice .body { margin-bottom: 1; }
    Choice Horizontal { height: auto; }
    Choice Button { margin-right: 1; min-width: 10; }
    Choice Vertical.stacked { height: auto; }
    """

    BINDINGS = bindings("cancel")

    def __init__(self, title: str, body: str | Content, choices: Sequence[tuple[str, str, str]], focus: str | None = None):
        super().__init__()
        self._title, self._body, self._choices = title, body, choices
        self._focus = focus or choices[0][0]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, classes="title", markup=False)
            yield Static(self._body, classes="body", markup=False)
            labels = [(result, f"{label} [{key}]") for result, label, key in self._choices]
            # One row while the buttons fit on it (each: its text, a space either side, at least
            # 10 wide, a space after; the dialog's inside is 66 wide at most); else one per line.
            inside = min(70, self.app.size.width) - 4
            stacked = sum(max(10, cell_len(text) + 2) + 1 for _result, text in labels) > inside
            with Vertical(classes="stacked") if stacked else Horizontal():
                for result, text in labels:
                    yield Button(Content(text), id=f"choice-{result}", compact=stacked)
        yield KeyFooter()  # this dialog's keys, over the screen's below, which do nothing here

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self._focus}", Button).focus()

    def on_key(self, event) -> None:
        for result, _label, key in self._choices:
            if event.key == key:
                event.stop()
                self.dismiss(result)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class Pick(ModalScreen[str | None]):
    """Pick one of a list (a meeting's actions, its agenda, an earlier meeting): one item a line,
    ↑/↓ and Enter, or the number of one of the first nine. Escape cancels (None).

    `items` are (result, label) pairs; labels are shown as plain text (no markup), a long one wrapped.
    A row of buttons (Choice) showed only the first two or three labels of any length.
    """

    DEFAULT_CSS = """
    Pick { align: center middle; }
    Pick > Vertical { width: 70; max-width: 100%; height: auto; max-height: 100%;
                      border: thick $primary; padding: 0 1; background: $surface; }
    Pick .title { text-style: bold; }
    Pick .hint { color: $text-muted; margin-bottom: 1; }
    Pick OptionList { height: auto; max-height: 15; }
    Pick OptionList > .option-list--option-highlighted { text-style: reverse bold; }
    """

    BINDINGS = bindings("cancel")

    def __init__(self, title: str, items: Sequence[tuple[str, str]]):
        super().__init__()
        self._title, self._items = title, list(items)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, classes="title", markup=False)
            yield Static(t("pick.hint"), classes="hint", markup=False)
            options = [
                Option(Text(f"{number if number <= 9 else ' '} {label}"), id=result)
                for number, (result, label) in enumerate(self._items, start=1)
            ]
            yield OptionList(*options, markup=False, compact=True)
        yield KeyFooter()

    def on_key(self, event) -> None:
        if event.character and event.character in "123456789" and int(event.character) <= len(self._items):
            event.stop()
            self.dismiss(self._items[int(event.character) - 1][0])

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(title: str, body: str | Content, yes: str) -> Choice:
    """Ask before something that cannot be undone. Enter cancels: a key typed ahead (over a slow
    link, keys can arrive before the dialog shows) must not confirm a deletion; only `y` does."""
    return Choice(title, body, [("yes", yes, "y"), ("no", t("key.cancel"), "n")], focus="no")


class Ask(ModalScreen[str | None]):
    """Ask for one line of text. Enter accepts a non-empty value, escape cancels."""

    DEFAULT_CSS = """
    Ask { align: center middle; }
    Ask > Vertical { width: 70; max-width: 100%; height: auto; border: thick $primary;
                     padding: 0 1; background: $surface; }
    Ask .title { text-style: bold; }
    Ask .hint { color: $text-muted; }
    Ask .error { text-style: bold; }
    """

    BINDINGS = bindings("cancel")

    def __init__(self, title: str, hint: str, value: str = "", max_length: int = 80):
        super().__init__()
        self._title, self._hint, self._value, self._max = title, hint, value, max_length

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            yield TextInput(safe_text(self._value, single_line=True), max_length=self._max, id="answer")
            yield Static(self._hint, classes="hint", markup=False)
            yield Static("", classes="error", id="error", markup=False)
            yield CprWarning()
        yield KeyFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.query_one("#error", Static).update(t("ask.empty"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
