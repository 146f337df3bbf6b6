"""Small modal questions: confirm, ask for a text, choose between actions."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from models.text import safe_text
from tui.commands import bindings
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
            with Horizontal():
                for result, label, key in self._choices:
                    yield Button(Content(f"{label} [{key}]"), id=f"choice-{result}")

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.query_one("#error", Static).update(t("ask.empty"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
