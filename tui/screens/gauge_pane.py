"""The case's gauge tab (being built; the placeholder text says so)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.i18n import t


class GaugePane(Vertical):
    """Shows and edits `screen.document` (a Case); calls `screen.changed()` after each edit."""

    def compose(self) -> ComposeResult:
        yield Static(t("case.gauge_coming"), classes="placeholder", markup=False)

    def refresh_from_document(self) -> None:
        """Called by CaseScreen.fill(): after opening and after a reload from disk."""
