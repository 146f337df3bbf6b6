"""A supervision session: one meeting between a supervisor and a practitioner, one screen between them.

Tabs: Session (who, when, the agenda, the linked case, notes, the next session), STORM (the five
areas' questions, with the answers of earlier sessions with the same practitioner under each),
Modenhed (the maturity checklist that suggests a level), Aftaler (agreed actions) and Måling
(gauge readings taken in the session, ctrl+g). Earlier sessions and the case list are read in a
thread after the first frame, like the home screen's list.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static, TabbedContent, TabPane

from models.clock import TIME_FORMAT
from models.documents import Supervision
from models.gauge import reading_zone
from models.supervision import earlier_sessions
from models.text import safe_text
from tui.commands import bindings
from tui.i18n import t
from tui.document.screen import DocumentScreen
from tui.document.session import DocumentSession
from tui.widgets.fields import Field, FormScroll, date_input, id_of
from tui.supervision.actions import ActionsPane
from tui.supervision.maturity import MaturityPane
from tui.supervision.storm import StormPane
from tui.widgets.inputs import TextInput
from tui.widgets.privacy_banner import PrivateText

NO_CASE = ""


class SupervisionScreen(DocumentScreen):
    CSS_PATH = ["../document/document.tcss", "supervision.tcss"]
    HELP = "help.supervision"

    BINDINGS = bindings("supervision.reading")

    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        #: Every other session in the data directory (for "earlier sessions"), once loaded.
        self.other_sessions: list[Supervision] = []

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="session-tabs"):
            with TabPane(t("supervision.tab.session"), id="tab-session"):
                with FormScroll():
                    yield self.title_field(t("supervision.name"))
                    yield Field(t("supervision.held_on"), date_input(None, "held-on"), id="field-held-on")
                    yield Field(t("supervision.supervisor"), TextInput(id="supervisor", max_length=80, compact=True), id="field-supervisor")
                    yield Field(t("supervision.practitioner"), TextInput(id="practitioner", max_length=80, compact=True), id="field-practitioner")
                    yield Field(t("supervision.case"), Select([], prompt=t("supervision.case_none"), compact=True, id="case"), id="field-case")
                    yield Field(t("supervision.agenda"), PrivateText(TextInput(id="agenda", max_length=200, compact=True)), id="field-agenda")
                    yield self.notes_field()
                    yield Field(t("supervision.next_session"), date_input(None, "next-session"), id="field-next-session")
            with TabPane(t("supervision.tab.storm"), id="tab-storm"):
                yield StormPane(self.session, id="storm-pane")
            with TabPane(t("supervision.tab.maturity"), id="tab-maturity"):
                yield MaturityPane(self.session, id="maturity-pane")
            with TabPane(t("supervision.tab.actions"), id="tab-actions"):
                yield ActionsPane(self.session, id="actions-pane")
            with TabPane(t("supervision.tab.readings"), id="tab-readings"):
                with VerticalScroll():
                    yield Static(t("supervision.readings.hint"), classes="hint", markup=False)
                    yield Static("", id="readings-list", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.load_others()

    def fill(self) -> None:
        super().fill()
        doc = self.document
        self.query_one("#held-on", Input).value = doc.held_on.isoformat()
        self.query_one("#next-session", Input).value = doc.next_session.isoformat() if doc.next_session else ""
        for name in ("supervisor", "practitioner", "agenda"):
            self.query_one(f"#{name}", Input).value = safe_text(getattr(doc, name), single_line=True)
        self.query_one(StormPane).refresh_from_document()
        self.query_one(MaturityPane).refresh_from_document()
        self.query_one(ActionsPane).refresh_from_document()
        self.show_readings()
        self.show_earlier()

    # ---- earlier sessions and the case list --------------------------------------------

    @work(thread=True, exclusive=True, group="session-others", exit_on_error=False)
    def load_others(self) -> None:
        from saved.store import list_entries

        entries = list_entries(self.app.locations)
        documents = [entry.document for entry in entries if entry.document is not None]
        self.app.call_from_thread(self._others_loaded, documents)

    def _others_loaded(self, documents: list) -> None:
        self.other_sessions = [doc for doc in documents if doc.kind == "supervision" and doc.id != self.document.id]
        cases = sorted((doc for doc in documents if doc.kind == "case"), key=lambda doc: doc.title.casefold())
        select = self.query_one("#case", Select)
        # Case titles are pseudonyms (never a real name), so they may show with the privacy screen on.
        select.set_options([(safe_text(doc.title, single_line=True), doc.id) for doc in cases])
        if self.document.case_id in {doc.id for doc in cases}:
            select.value = self.document.case_id
        self.show_earlier()

    def earlier(self) -> list[Supervision]:
        return earlier_sessions(self.document, self.other_sessions)

    def show_earlier(self) -> None:
        earlier = self.earlier()
        self.query_one(StormPane).show_earlier(earlier)
        self.query_one(MaturityPane).show_earlier(earlier)
        self.query_one(ActionsPane).show_earlier(earlier)

    # ---- the Session tab ------------------------------------------------------------------

    @on(Input.Changed, "#held-on")
    def held_on_changed(self, event: Input.Changed) -> None:
        self.set_date("held_on", event.value, "held-on")

    @on(Input.Changed, "#next-session")
    def next_session_changed(self, event: Input.Changed) -> None:
        self.set_date("next_session", event.value, "next-session", optional=True)

    @on(Input.Changed, "#supervisor, #practitioner, #agenda")
    def text_changed(self, event: Input.Changed) -> None:
        self.set_field(id_of(event.input), event.value.strip())

    @on(Select.Changed, "#case")
    def case_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else event.value
        self.set_field("case_id", value, field="case")

    # ---- gauge readings in the session ---------------------------------------------------

    def action_take_reading(self) -> None:
        from tui.case.gauge.reading_form import ReadingForm

        refusal = self.session.refusal()
        if refusal is not None:
            self.notify(refusal, severity="warning")
            return

        def add(reading) -> None:
            if reading is None:
                return
            if self.session.update(readings=[*self.document.readings, reading]) is not None:
                self.notify(t("supervision.readings.full"), severity="error")
                return
            self.query_one(TabbedContent).active = "tab-readings"

        # A session has no network: the reading is the practitioner's own, tied to no actor.
        self.app.push_screen(ReadingForm(actors=[]), add)

    def refresh_views(self, event: DocumentSession.Changed) -> None:
        if event.touches("readings"):
            self.show_readings()
        if event.touches("actions"):
            self.query_one(ActionsPane).refresh_from_document()
        if event.touches("storm_scales", "held_on", "practitioner"):
            self.show_earlier()
        if event.touches("maturity"):
            self.query_one(MaturityPane).show_suggestion()

    def show_readings(self) -> None:
        readings = self.document.readings
        if not readings:
            self.query_one("#readings-list", Static).update(t("supervision.readings.none"))
            return
        lines = []
        for reading in sorted(readings, key=lambda r: r.taken, reverse=True):
            zone = reading_zone(reading)
            lines.append(
                t(
                    "supervision.readings.line",
                    taken=f"{reading.taken:{TIME_FORMAT}}",
                    intensity=reading.intensity,
                    capacity=reading.capacity,
                    zone=f"{zone.symbol} {t(zone.label_key)}",
                )
            )
        self.query_one("#readings-list", Static).update("\n".join(lines))
