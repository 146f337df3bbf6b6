"""A supervision session: one meeting between a supervisor and a practitioner, one screen between them.

Tabs: Session (who, when, the agenda, the linked case, notes, the next session), STORM (the five
areas' questions, with the answers of earlier sessions with the same practitioner under each),
Modenhed (the maturity checklist that suggests a level), Aftaler (agreed actions) and Måling
(gauge readings taken in the session, ctrl+g). Earlier sessions and the case list are read in a
thread after the first frame, like the home screen's list.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Select, Static

from models.clock import TIME_FORMAT
from models.documents import Case
from models.gauge import CITIZEN_RELATION, Reading, reading_zone
from models.supervision import STORM_VERSIONS, Supervision, earlier_sessions
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
from tui.privacy import actor_shown
from tui.widgets.dialogs import confirm
from tui.widgets.privacy_banner import PrivateText
from tui.widgets.table import QuietTable
from tui.widgets.tab_row import Pane, TabRow, tabbed
from tui.widgets.text import user_cell
from tui.widgets.text_select import TextSelect

NO_CASE = ""


class SessionReadings(QuietTable):
    """The session's readings, newest first: e edits, x deletes (after asking)."""

    BINDINGS = bindings("supervision.reading_edit", "delete")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()  # nothing listens: the key's frame need not wait for it to climb to the app

    def action_edit_reading(self) -> None:
        self.screen.edit_reading(self.selected_id())  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        self.screen.delete_reading(self.selected_id())  # type: ignore[attr-defined]

    def selected_id(self) -> str | None:
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value


class SupervisionScreen(DocumentScreen):
    CSS_PATH = ["../document/document.tcss", "supervision.tcss"]
    HELP = "help.supervision"

    # The agreed actions' first keys (a new, c from last time) also from the tab row, where the
    # tab's hint names them (as the case's tools' first keys); the focused table's own come first.
    BINDINGS = bindings("supervision.reading", "supervision.action_add", "supervision.action_carry")
    FIRST_KEYS = {"add": ("tab-actions", "#actions"), "carry": ("tab-actions", "#actions")}

    def action_add(self) -> None:
        self.on_tool("add")

    def action_carry(self) -> None:
        self.on_tool("carry")

    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        #: Every other session in the data directory (for "earlier sessions"), once loaded.
        self.other_sessions: list[Supervision] = []
        #: The cases in the data directory, by id, once loaded (the linked case's actors).
        self.cases: dict[str, Case] = {}

    def compose_body(self) -> ComposeResult:
        tabs = [(f"tab-{name}", t(f"supervision.tab.{name}")) for name in ("session", "storm", "maturity", "actions", "readings")]
        row, panes = tabbed("session", tabs)
        yield row
        with panes:
            with Pane(id="tab-session"):
                with FormScroll():
                    yield self.title_field(t("supervision.name"))
                    yield Field(t("supervision.held_on"), date_input(None, "held-on"), id="field-held-on")
                    yield Field(t("supervision.supervisor"), TextInput(id="supervisor", max_length=80, compact=True), id="field-supervisor")
                    yield Field(t("supervision.practitioner"), TextInput(id="practitioner", max_length=80, compact=True), id="field-practitioner")
                    yield Field(t("supervision.case"), TextSelect([], prompt=t("supervision.case_none"), compact=True, id="case"), id="field-case")
                    versions = [(t(f"supervision.storm.version_{version}"), version) for version in STORM_VERSIONS]
                    # Built with the document's value: a Select without a blank reports its first option
                    # as a change when it mounts, which would switch the session's version unasked.
                    version = TextSelect(versions, value=self.document.storm_version, allow_blank=False, compact=True, id="storm-version")
                    yield Field(t("supervision.storm_version"), version, id="field-storm-version")
                    yield Field(t("supervision.agenda"), PrivateText(TextInput(id="agenda", max_length=200, compact=True)), id="field-agenda")
                    yield self.notes_field()
                    yield Field(t("supervision.next_session"), date_input(None, "next-session"), id="field-next-session")
            with Pane(id="tab-storm"):
                yield StormPane(self.session, id="storm-pane")
            with Pane(id="tab-maturity"):
                yield MaturityPane(self.session, id="maturity-pane")
            with Pane(id="tab-actions"):
                yield ActionsPane(self.session, id="actions-pane")
            with Pane(id="tab-readings"):
                with Vertical():
                    yield Static(t("supervision.readings.hint") + " " + t("supervision.readings.edit_hint"), classes="hint", markup=False)
                    yield Static(t("supervision.readings.none"), id="readings-none", markup=False)
                    yield SessionReadings(id="readings-list", cursor_type="row", zebra_stripes=False)

    def on_mount(self) -> None:
        # The columns first: the document screen's on_mount fills the views, this table too.
        table = self.query_one(SessionReadings)
        for key in ("when", "intensity", "capacity", "zone", "actor"):
            table.add_column(t(f"gauge.column.{key}"), key=key)
        super().on_mount()
        # Relationships are actors of the linked case: shown by role and number under the privacy screen.
        self.watch(self.app, "privacy", lambda _private: self.show_readings(), init=False)
        self.load_others()

    def fill(self) -> None:
        super().fill()
        doc = self.document
        self.query_one("#held-on", Input).value = doc.held_on.isoformat()
        self.query_one("#next-session", Input).value = doc.next_session.isoformat() if doc.next_session else ""
        self.query_one("#storm-version", Select).value = doc.storm_version
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
        self.cases = {doc.id: doc for doc in cases}
        select = self.query_one("#case", Select)
        # Case titles are pseudonyms (never a real name), so they may show with the privacy screen on.
        select.set_options([(doc.title, doc.id) for doc in cases])  # TextSelect makes each title safe text
        if self.document.case_id in {doc.id for doc in cases}:
            select.value = self.document.case_id
        self.show_earlier()
        self.show_readings()

    def earlier(self) -> list[Supervision]:
        """Every earlier session with the same practitioner, newest first."""
        return earlier_sessions(self.document, self.other_sessions, limit=None)

    def show_earlier(self) -> None:
        earlier = self.earlier()
        self.query_one(StormPane).show_earlier(earlier)
        self.query_one(MaturityPane).show_earlier(earlier[:3])
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
        if value == self.document.case_id:
            return
        # The pseudonym goes with the link, so a report can name the case without opening it.
        case = self.cases.get(value) if isinstance(value, str) else None
        self.set_field("case_label", case.title if case else "", field="case")
        self.set_field("case_id", value, field="case")

    @on(Select.Changed, "#storm-version")
    def storm_version_changed(self, event: Select.Changed) -> None:
        if event.value != self.document.storm_version and event.value in STORM_VERSIONS:
            self.set_field("storm_version", event.value, field="storm-version")

    # ---- gauge readings in the session ---------------------------------------------------

    def linked_case(self) -> Case | None:
        return self.cases.get(self.document.case_id) if self.document.case_id else None

    def reading_time(self) -> datetime:
        """A new reading's default time: now on the day of the session, else the session's date
        at the present time of day (a session written up afterwards)."""
        now = self.app.now()
        held_on = self.document.held_on
        return now if held_on == now.date() else now.replace(year=held_on.year, month=held_on.month, day=held_on.day)

    def writable(self) -> bool:
        refusal = self.session.refusal()
        if refusal is not None:
            self.notify(refusal, severity="warning")
        return refusal is None

    def action_take_reading(self) -> None:
        from tui.case.gauge.reading_form import ReadingForm

        if not self.writable():
            return

        def add(reading) -> None:
            if reading is None:
                return
            if self.session.update(readings=[*self.document.readings, reading]) is not None:
                self.notify(t("supervision.readings.full"), severity="error")
                return
            self.query_one("#session-tabs", TabRow).active = "tab-readings"

        # The relationships are the linked case's actors (none without a linked case).
        case = self.linked_case()
        self.app.push_screen(ReadingForm(actors=case.actors if case else [], default_time=self.reading_time()), add)

    def edit_reading(self, reading_id: str | None) -> None:
        from tui.case.gauge.reading_form import ReadingForm

        reading = next((r for r in self.document.readings if r.id == reading_id), None)
        if reading is None or not self.writable():
            return

        def edited(changed: Reading | None) -> None:
            if changed is not None:
                problem = self.session.update(readings=[changed if r.id == changed.id else r for r in self.document.readings])
                self.notify(problem or t("gauge.changed"), severity="error" if problem else "information")

        case = self.linked_case()
        self.app.push_screen(ReadingForm(actors=case.actors if case else [], reading=reading), edited)

    def delete_reading(self, reading_id: str | None) -> None:
        reading = next((r for r in self.document.readings if r.id == reading_id), None)
        if reading is None or not self.writable():
            return

        def really(choice: str | None) -> None:
            if choice == "yes":
                problem = self.session.update(readings=[r for r in self.document.readings if r.id != reading.id])
                self.notify(problem or t("supervision.readings.deleted"), severity="error" if problem else "information")

        what = f"{reading.taken:{TIME_FORMAT}} ({reading.intensity}/{reading.capacity})"
        self.app.push_screen(confirm(t("supervision.readings.delete_title"), t("supervision.readings.delete_body", what=what), t("key.delete")), really)

    def relation_name(self, actor_id: str | None) -> str:
        if actor_id is None:
            return t("gauge.actor_none")
        if actor_id == CITIZEN_RELATION:
            return t("gauge.actor_citizen")
        case = self.linked_case()
        actor = case.actor(actor_id) if case else None
        return actor_shown(case, actor, self.app.privacy) if case and actor else "?"

    def refresh_views(self, event: DocumentSession.Changed) -> None:
        if event.touches("readings"):
            self.show_readings()
        if event.touches("actions", "considered", "held_on"):
            self.query_one(ActionsPane).refresh_from_document()
        if event.touches("storm_scales", "held_on", "practitioner", "considered", "actions"):
            self.show_earlier()
        if event.touches("storm_version"):
            self.query_one(StormPane).relabel()
        if event.touches("maturity"):
            self.query_one(MaturityPane).show_suggestion()

    def show_readings(self) -> None:
        readings = self.document.readings
        self.query_one("#readings-none", Static).display = not readings
        table = self.query_one(SessionReadings)
        table.display = bool(readings)
        row = table.cursor_row
        table.clear()
        for reading in sorted(readings, key=lambda r: r.taken, reverse=True):
            zone = reading_zone(reading)
            table.add_row(
                f"{reading.taken:{TIME_FORMAT}}",
                str(reading.intensity),
                str(reading.capacity),
                Text(f"{zone.symbol} {t(zone.label_key)}"),
                user_cell(self.relation_name(reading.actor_id)),
                key=reading.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
