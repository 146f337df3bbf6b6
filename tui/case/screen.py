"""A case: one citizen. Overview (pseudonym, review date, notes) and the case's tools as tabs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from pathlib import Path

from textual.widgets import ContentSwitcher, Input

from models.clock import TIME_FORMAT
from models.text import safe_text

from tui.commands import bindings
from tui.document.session import DocumentSession
from tui.i18n import t
from tui.document.screen import DocumentScreen
from tui.widgets.fields import Field, FormScroll, ReadOnlyField, date_input
from tui.widgets.tab_row import Pane, TabRow, made_when_shown


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
    if tab_id == "tab-meetings":
        from tui.case.meetings.pane import MeetingsPane

        return MeetingsPane(session, id="meetings-pane")
    return None


class CaseScreen(DocumentScreen):
    # The tab row takes the first focus: left/right picks a tool, Tab goes into it.
    AUTO_FOCUS = "#case-tabs"
    HELP = "help.case"
    # A tool's first keys also from the tab row, where its view says to press them (the gauge's
    # "n", the network's "a" and its ties' "t", the meetings' "n"); a focused tool's own keys come
    # first (the network map's "n" is its next actor). "t" is not in the footer there: it would
    # not fit at 80 columns, and the ties' empty line names it.
    BINDINGS = bindings("gauge.new", "meetings.new", "network.add_actor", "network.add_tie", hide=("network.add_tie",))
    FIRST_KEYS = {
        "new": ("tab-gauge", "#gauge-pane"),
        "new_meeting": ("tab-meetings", "#meetings-pane"),
        "add_actor": ("tab-network", "#network-pane"),
        "add_tie": ("tab-network", "#network-pane"),
    }

    def action_new(self) -> None:
        self.on_tool("new")

    def action_new_meeting(self) -> None:
        self.on_tool("new_meeting")

    def action_add_actor(self) -> None:
        self.on_tool("add_actor")

    def action_add_tie(self) -> None:
        self.on_tool("add_tie")

    def compose_body(self) -> ComposeResult:
        # One widget draws the row of tabs (tui/widgets/tab_row.py); the panes switch beside it.
        # A tool's pane is made the first time its tab is shown (build_tool).
        tabs = [("tab-overview", t("case.tab_overview")), ("tab-gauge", t("case.tab_gauge")), ("tab-network", t("case.tab_network")), ("tab-meetings", t("meeting.tab"))]
        yield TabRow(tabs, id="case-tabs")
        with ContentSwitcher(initial="tab-overview", id="case-panes", classes="tab-panes"):
            with Pane(id="tab-overview"):
                with FormScroll():
                    yield self.title_field(t("case.pseudonym"))
                    yield Field(t("case.review_date"), date_input(None, "review-date"), id="field-review")
                    yield self.notes_field()
                    yield ReadOnlyField(t("case.export_log"), id="export-log")

    def fill(self) -> None:
        super().fill()
        self.query_one("#review-date", Input).value = self.document.review_date.isoformat()
        self.show_export_log()

    #: How many of the latest exports the overview lists.
    EXPORTS_SHOWN = 10

    def show_export_log(self) -> None:
        exports = self.document.exports
        lines = [
            t(
                "case.export_log_line",
                when=f"{record.at.astimezone():{TIME_FORMAT}}",
                format=record.format,
                private=t("case.export_private" if record.private else "case.export_full"),
                to=t("case.export_to_file", name=safe_text(Path(record.path).name, single_line=True)) if record.to == "file" else t(f"case.export_to_{record.to}"),
            )
            for record in reversed(exports[-self.EXPORTS_SHOWN :])
        ]
        if len(exports) > self.EXPORTS_SHOWN:
            lines.append(t("case.export_log_more", count=len(exports) - self.EXPORTS_SHOWN))
        self.query_one("#export-log", ReadOnlyField).show("\n".join(lines) or t("case.export_log_none"))

    def refresh_views(self, event: DocumentSession.Changed) -> None:
        if event.touches("exports"):
            self.show_export_log()

    @on(TabRow.Changed, "#case-tabs")
    async def build_tool(self, event: TabRow.Changed) -> None:
        """Show the tab's pane, building its tool the first time (in place of the document
        screen's `on_tab_row_changed`, which would show it before it is built)."""
        event.prevent_default()
        if self.passing_through():
            return
        switcher = self.query_one("#case-panes", ContentSwitcher)
        await made_when_shown(switcher, event.active, lambda view: Pane(id=view))
        switcher.current = event.active
        pane = self.query_one(f"#{event.active}", Pane)
        if not pane.children:
            tool = tool_pane(event.active, self.session)
            if tool is not None:
                await pane.mount(tool)
                tool.refresh_from_document()
        self.refresh_bindings()  # "n" (new reading) only on the gauge's tab

    def passing_through(self) -> bool:
        """Whether the tab row is only passed over: the next key typed ahead (held in order,
        tui/keys.py) moves it on. → → from the overview to the network built the gauge on
        the way (~0.1 s) and showed it for a frame nobody waits for; the tab is shown and
        built when the keys stop on it (the row says Changed again for each move)."""
        from textual import events

        held = self.app.key_order.held
        return bool(held) and isinstance(self.focused, TabRow) and isinstance(held[0], events.Key) and held[0].key in ("left", "right")

    @on(Input.Changed, "#review-date")
    def review_changed(self, event: Input.Changed) -> None:
        self.set_date("review_date", event.value, "review")
