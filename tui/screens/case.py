"""A case: one citizen. Overview (pseudonym, review date, notes) and the case's tools as tabs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static, TabbedContent, TabPane

from tui.i18n import t
from tui.screens.document import DocumentScreen
from tui.screens.fields import Field, date_input


class CaseScreen(DocumentScreen):
    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="case-tabs"):
            with TabPane(t("case.tab_overview"), id="tab-overview"):
                with VerticalScroll():
                    yield self.title_field(t("case.pseudonym"))
                    yield Field(t("case.review_date"), date_input(None, "review-date"), id="field-review")
                    yield self.notes_field()
            with TabPane(t("case.tab_gauge"), id="tab-gauge"):
                yield Static(t("case.gauge_coming"), classes="placeholder", markup=False)
            with TabPane(t("case.tab_network"), id="tab-network"):
                yield Static(t("case.network_coming"), classes="placeholder", markup=False)

    def fill(self) -> None:
        super().fill()
        self.query_one("#review-date", Input).value = self.document.review_date.isoformat()

    @on(Input.Changed, "#review-date")
    def review_changed(self, event: Input.Changed) -> None:
        self.assign_date(self.query_one("#field-review", Field), "review_date", event.value)
