"""A case: one citizen. Overview (pseudonym, review date, notes) and the case's tools as tabs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, TabbedContent, TabPane

from tui.i18n import t
from tui.screens.document import DocumentScreen
from tui.screens.fields import Field, date_input
from tui.screens.gauge_pane import GaugePane
from tui.screens.network_pane import NetworkPane


class CaseScreen(DocumentScreen):
    # The tab row takes the first focus: left/right picks a tool, Tab goes into it.
    AUTO_FOCUS = "#case-tabs Tabs"

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="case-tabs"):
            with TabPane(t("case.tab_overview"), id="tab-overview"):
                with VerticalScroll():
                    yield self.title_field(t("case.pseudonym"))
                    yield Field(t("case.review_date"), date_input(None, "review-date"), id="field-review")
                    yield self.notes_field()
            with TabPane(t("case.tab_gauge"), id="tab-gauge"):
                yield GaugePane(id="gauge-pane")
            with TabPane(t("case.tab_network"), id="tab-network"):
                yield NetworkPane(id="network-pane")

    def fill(self) -> None:
        super().fill()
        self.query_one("#review-date", Input).value = self.document.review_date.isoformat()
        self.query_one(GaugePane).refresh_from_document()
        self.query_one(NetworkPane).refresh_from_document()

    @on(Input.Changed, "#review-date")
    def review_changed(self, event: Input.Changed) -> None:
        self.assign_date(self.query_one("#field-review", Field), "review_date", event.value)
