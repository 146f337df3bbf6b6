"""An exnovation board: one team's list of practices it considers stopping."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input

from models.text import safe_text
from tui.i18n import t
from tui.screens.document import DocumentScreen
from tui.screens.fields import Field
from tui.widgets.inputs import TextInput


class BoardScreen(DocumentScreen):
    def compose_body(self) -> ComposeResult:
        with VerticalScroll():
            yield self.title_field(t("board.name"))
            yield Field(t("board.team"), TextInput(id="team", max_length=80, compact=True), id="field-team")
            yield self.notes_field()

    def fill(self) -> None:
        super().fill()
        self.query_one("#team", Input).value = safe_text(self.document.team, single_line=True)

    @on(Input.Changed, "#team")
    def team_changed(self, event: Input.Changed) -> None:
        self.assign(self.query_one("#field-team", Field), self.document, "team", event.value.strip())
