"""F6 on a document: its change log (saved/changelog.py), newest first: when, who, what happened
and which fields changed, never the text. Only documents in a team folder have one."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from saved import changelog
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.footer import KeyFooter
from tui.widgets.text import user_cell


class HistoryScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical { width: 80; max-width: 100%; height: 90%; border: thick $primary;
                               padding: 0 1; background: $surface; }
    HistoryScreen .title { text-style: bold; }
    HistoryScreen DataTable { height: 1fr; }
    HistoryScreen > Vertical.-none { height: auto; }
    """
    BINDINGS = bindings("cancel")

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        self.events = changelog.read(self.path)
        with Vertical(classes="" if self.events else "-none"):
            yield Label(t("team.history_title"), classes="title", markup=False)
            if not self.events:  # outside a team folder: the one line that says why, nothing to move to
                yield Static(t("team.history_none"), id="history-note", markup=False)
            else:
                yield Static(t("team.history_count", count=len(self.events)), id="history-note", markup=False)
                yield DataTable(id="history", cursor_type="row", zebra_stripes=False)
            yield KeyFooter()

    def on_mount(self) -> None:
        if not self.events:
            return
        table = self.query_one(DataTable)
        table.add_column(t("team.col_when"), width=16)
        table.add_column(t("team.col_who"), width=14)
        table.add_column(t("team.col_event"), width=9)
        table.add_column(t("team.col_parts"), width=31)
        for event in reversed(self.events):
            when = event.at[:16].replace("T", " ")
            table.add_row(Text(when), user_cell(event.user), Text(t(f"team.event_{event.event}")), user_cell(", ".join(event.parts)))
        table.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
