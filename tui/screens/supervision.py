"""A supervision session: one meeting between a supervisor and a practitioner."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input

from models.text import safe_text
from tui.i18n import t
from tui.screens.document import DocumentScreen
from tui.screens.fields import Field, date_input
from tui.widgets.inputs import TextInput


class SupervisionScreen(DocumentScreen):
    def compose_body(self) -> ComposeResult:
        with VerticalScroll():
            yield self.title_field(t("session.name"))
            yield Field(t("session.held_on"), date_input(None, "held-on"), id="field-held-on")
            yield Field(t("session.supervisor"), TextInput(id="supervisor", max_length=80, compact=True), id="field-supervisor")
            yield Field(t("session.practitioner"), TextInput(id="practitioner", max_length=80, compact=True), id="field-practitioner")
            yield Field(t("session.agenda"), TextInput(id="agenda", max_length=200, compact=True), id="field-agenda")
            yield self.notes_field()

    def fill(self) -> None:
        super().fill()
        doc = self.document
        self.query_one("#held-on", Input).value = doc.held_on.isoformat()
        for name in ("supervisor", "practitioner", "agenda"):
            self.query_one(f"#{name}", Input).value = safe_text(getattr(doc, name), single_line=True)

    @on(Input.Changed, "#held-on")
    def held_on_changed(self, event: Input.Changed) -> None:
        self.assign_date(self.query_one("#field-held-on", Field), "held_on", event.value)

    @on(Input.Changed, "#supervisor, #practitioner, #agenda")
    def text_changed(self, event: Input.Changed) -> None:
        name = event.input.id
        self.assign(self.query_one(f"#field-{name}", Field), self.document, name, event.value.strip())
