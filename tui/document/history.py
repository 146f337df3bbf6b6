"""F6 on a document: its change log (saved/changelog.py), newest first: when, who, what happened
and which fields changed, never the text. Only documents in a team folder have one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from saved import changelog
from saved.team import team_of
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.footer import KeyFooter
from tui.widgets.text import user_cell

if TYPE_CHECKING:
    from tui.app import SamspilApp


#: The log's own words (saved/changelog.py, saved/team.py, saved/inbox.py: kept in English, a
#: record the team's tools may read) in the interface language; field paths stay as written.
_PARTS = {
    "(new)": "team.part_new", "from private": "team.part_from_private", "from team": "team.part_from_team",
    "to private": "team.part_to_private", "to team": "team.part_to_team", "private": "case.export_private",
    "full": "case.export_full", "file": "team.part_file", "clipboard": "case.export_to_clipboard", "stdout": "case.export_to_stdout",
}
_COUNTS = {"items +": "team.part_items", "votes +": "team.part_votes", "votes -": "team.part_retracted"}


def part_words(part: str) -> str:
    """A part of a log line as said on the screen; a count of none is left out (a merge has three)."""
    if part in _PARTS:
        return t(_PARTS[part])
    for start, key in _COUNTS.items():
        if part.startswith(start) and part[len(start):].isdigit():
            count = int(part[len(start):])
            return t(key, count=count) if count else ""
    return part


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
    app: SamspilApp

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        self.events = changelog.read(self.path)
        with Vertical(classes="" if self.events else "-none"):
            yield Label(t("team.history_title"), classes="title", markup=False)
            if not self.events:  # the one line that says why, nothing to move to
                in_team = team_of(self.app.teams, self.path) is not None
                yield Static(t("team.history_empty" if in_team else "team.history_none"), id="history-note", markup=False)
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
        table.add_column(t("team.col_event"), width=11)  # "eksporteret", "lagt ind"
        table.add_column(t("team.col_parts"), width=29)
        for event in reversed(self.events):
            when = event.at[:16].replace("T", " ")
            table.add_row(Text(when), user_cell(event.user), Text(t(f"team.event_{event.event}")), user_cell(", ".join(filter(None, map(part_words, event.parts)))))
        table.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
