"""The footer of every screen: compact, and without the palette hint, so that at 80 columns the
screen's own keys, F3 (privacy) and F1 (help) fit. ctrl+p still opens the command palette.
Labels come from the command table (tui/commands.py), translated as the footer is drawn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.commands import BY_ID
from tui.i18n import t


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                command = BY_ID.get(widget.description)  # a samspil binding's description is its id
                if command is not None:
                    widget.description = t(command.label, **command.args)
            yield widget
