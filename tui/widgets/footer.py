"""The footer of every screen: compact, without the palette hint, help and quit first, so that at
80 columns they always show. ctrl+p still opens the command palette.
Labels come from the command table (tui/commands.py), translated as the footer is drawn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.commands import BY_ID
from tui.i18n import t


#: Shown first on every screen.
FIRST = [BY_ID["help"].action, BY_ID["quit"].action]


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        for widget in keys:
            if isinstance(widget, FooterKey):
                command = BY_ID.get(widget.description)  # a samspil binding's description is its id
                if command is not None:
                    widget.description = t(command.label, **command.args)
        # Help and quit first: at 80 columns the screen's own keys may not all fit, these must.
        first = [widget for widget in keys if isinstance(widget, FooterKey) and widget.action in FIRST]
        yield from sorted(first, key=lambda widget: FIRST.index(widget.action))
        yield from (widget for widget in keys if widget not in first)
