"""The footer of every screen: compact, and without the palette hint, so that at 80 columns the
screen's own keys, F3 (privacy) and F1 (help) fit. ctrl+p still opens the command palette."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
