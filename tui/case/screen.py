"""A case: one citizen. Overview (pseudonym, review date, notes) and the case's tools as tabs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, TabbedContent, TabPane

from tui.document.session import DocumentSession
from tui.i18n import t
from tui.document.screen import DocumentScreen
from tui.widgets.fields import Field, FormScroll, date_input, id_of


def tool_pane(tab_id: str, session: DocumentSession):
    """The widget of a tool tab. Tools are built (and their modules imported) the first time
    their tab is shown: a case opens on its overview, and building both tools up front made
    opening a case about twice as slow."""
    if tab_id == "tab-gauge":
        from tui.case.gauge.pane import GaugePane

        return GaugePane(session, id="gauge-pane")
    if tab_id == "tab-network":
        from tui.case.network.pane import NetworkPane

        return NetworkPane(session, id="network-pane")
    return None


class CaseScreen(DocumentScreen):
    # The tab row takes the first focus: left/right picks a tool, Tab goes into it.
    AUTO_FOCUS = "#case-tabs Tabs"
    HELP = "help.case"

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="case-tabs"):
            with TabPane(t("case.tab_overview"), id="tab-overview"):
                with FormScroll():
                    yield self.title_field(t("case.pseudonym"))
                    yield Field(t("case.review_date"), date_input(None, "review-date"), id="field-review")
                    yield self.notes_field()
            yield TabPane(t("case.tab_gauge"), id="tab-gauge")
            yield TabPane(t("case.tab_network"), id="tab-network")

    def fill(self) -> None:
        super().fill()
        self.query_one("#review-date", Input).value = self.document.review_date.isoformat()

    @on(TabbedContent.TabActivated, "#case-tabs")
    async def build_tool(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.children:
            return
        pane = tool_pane(id_of(event.pane), self.session)
        if pane is not None:
            await event.pane.mount(pane)
            pane.refresh_from_document()

    @on(Input.Changed, "#review-date")
    def review_changed(self, event: Input.Changed) -> None:
        self.set_date("review_date", event.value, "review")
