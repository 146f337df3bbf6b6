"""What the privacy screen (F3) shows on every screen: a banner that says it is on, and notes
replaced by a line that says they are hidden.

The App carries the class `-private` while the privacy screen is on (SamspilApp.watch_privacy);
app.tcss hides every `.private-text` widget and shows every `.private-hidden` one. Words and
symbols, not colour: the banner reads the same with NO_COLOR and in 16 colours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from tui.i18n import t

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.screen import Screen


class PrivacyBanner(Static):
    """'PRIVATSKÆRM TIL': one line at the top of a screen while the privacy screen is on."""

    def __init__(self) -> None:
        super().__init__(t("privacy.banner"), markup=False, id="privacy-banner")


def hidden_line(key: str = "privacy.notes_hidden", id: str | None = None) -> Static:
    """The line shown in place of hidden free text."""
    return Static(t(key), markup=False, classes="private-hidden", id=id)


class PrivateText(Vertical):
    """A widget with free text that the privacy screen hides, and the line shown instead. The line
    is made when it is first to be shown (`show_hidden_lines`): hidden until then, it was one more
    widget to register and style on opening a document."""

    DEFAULT_CSS = "PrivateText { height: auto; }"

    def __init__(self, widget: Widget, **kwargs) -> None:
        super().__init__(**kwargs)
        self._widget = widget
        widget.add_class("private-text")

    def compose(self) -> ComposeResult:
        yield self._widget
        if getattr(self.app, "privacy", False):
            yield hidden_line()

    def show_hidden_line(self) -> None:
        # Not yet composed (no children): compose makes the line. The widget may have been
        # replaced since (tui/widgets/resting_note.py).
        if self.children and not self.query_children(".private-hidden"):
            self.mount(hidden_line())


def show_hidden_lines(screens: Iterable[Screen]) -> None:
    """The privacy screen turned on: every PrivateText of `screens` gets its line (app.tcss shows it)."""
    for screen in screens:
        for private in screen.query(PrivateText):
            private.show_hidden_line()
