"""Textual's command palette (ctrl+p), saying its own words in the interface language.

Textual writes "No matches found" and "Search for themes…" in English. The one method that says
the first is Textual's, with our words (tests/ui/test_commands.py fails when Textual's changes).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tui.i18n import t


class Palette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's, but the words are ours: after a short wait, say that nothing was found."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search lists what there is: nothing to say then
                nothing = Option(Align.center(Text(t("palette.no_matches"), style="not bold")), disabled=True, id=self._NO_MATCHES)
                self.query_one(CommandList).add_option(nothing)
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
