"""Dialogs of the meetings tab: a new meeting, an agreed action, a task (who does what).

Each returns a new, valid model or None (cancelled); a problem is said under its field and the
dialog stays open. People are chosen from the case's actors and the citizen: a list where space
or Enter ticks ([✓] / [ ], readable without colour).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from models.documents import Case
from models.meeting import MEETING_KINDS, AgendaItem, Meeting, MeetingAction, Task
from models.network import CITIZEN
from models.text import safe_text
from tui.case.network.cells import end_name
from tui.case.network import dialogs as network_dialogs
from tui.case.network.dialogs import FormDialog
from tui.i18n import t
from tui.widgets.fields import FormScroll, date_error, parse_date, validation_message
from tui.widgets.inputs import TextInput
from tui.widgets.text_select import TextSelect
from tui.widgets.tick_box import tick


class PeopleList(OptionList):
    """The citizen and the case's actors, each ticked or not."""

    DEFAULT_CSS = "PeopleList { height: 9; border: none; margin-left: 12; }"

    def __init__(self, case: Case, private: bool, ticked: list[str], **kwargs) -> None:
        super().__init__(compact=True, markup=False, **kwargs)  # names are text: "[/]" was a MarkupError
        self.case, self.private = case, private
        self.ends = [CITIZEN, *(actor.id for actor in case.actors)]
        self.ticked = [end for end in ticked if end in self.ends]

    def on_mount(self) -> None:
        self.add_options([Option(self._prompt(end), id=end) for end in self.ends])
        # The cursor on the first row, as in every list: with none, the first ↓ went to the
        # citizen, and "Tab Tab ↓ space" meant to tick the second row unticked the first.
        self.highlighted = 0

    def _prompt(self, end: str) -> str:
        return f"[{tick(end in self.ticked)}] {end_name(self.case, end, self.private)}"

    def toggle(self, index: int) -> None:
        end = self.ends[index]
        self.ticked = [e for e in self.ticked if e != end] if end in self.ticked else [e for e in self.ends if e in self.ticked or e == end]
        self.replace_option_prompt_at_index(index, self._prompt(end))

    def on_key(self, event) -> None:
        if event.key == "space" and self.highlighted is not None:
            event.stop()
            self.toggle(self.highlighted)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.toggle(event.option_index)


def _date_field(value: date | None, field_id: str) -> TextInput:
    return TextInput(value.isoformat() if value else "", placeholder=t("field.date_placeholder"), max_length=10, id=field_id, compact=True)


class MeetingForm(FormDialog):
    #: The network dialogs' stylesheet, by its full path (a relative one is read beside this module).
    CSS_PATH = str(Path(network_dialogs.__file__).with_name("network.tcss"))


class MeetingDialog(MeetingForm):
    """A new meeting: its date, kind and participants. The agenda and the snapshot are added by
    the tab when it is saved (from the network as it is)."""

    def __init__(self, case: Case, today: date, private: bool) -> None:
        super().__init__()
        self.case, self.today, self.private = case, today, private

    def compose(self) -> ComposeResult:
        with FormScroll(classes="form"):
            yield Static(t("meeting.dialog.new"), classes="form-title", markup=False)
            yield from self.row(t("meeting.dialog.date"), _date_field(self.today, "meeting-date"), name="meeting-date")
            kinds = [(t(f"meeting.kind.{kind}"), kind) for kind in MEETING_KINDS]
            yield from self.row(t("meeting.dialog.kind"), TextSelect(kinds, value="coordinating_plan", allow_blank=False, id="meeting-kind", compact=True), name="meeting-kind")
            yield Static(t("meeting.dialog.participants"), classes="form-subtitle", markup=False)
            yield PeopleList(self.case, self.private, [CITIZEN, *(a.id for a in self.case.actors if a.coordinator)], id="meeting-people")
            yield Static(t("meeting.dialog.agenda_note"), markup=False)
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#meeting-date", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.clear_errors()
        held_text = self.query_one("#meeting-date", Input).value
        held_on = parse_date(held_text)
        if held_on is None:
            self.say("meeting-date", date_error(held_text))
            return
        try:
            meeting = Meeting(held_on=held_on, kind=self.query_one("#meeting-kind", Select).value, participants=self.query_one(PeopleList).ticked)  # type: ignore[arg-type]
        except ValidationError as error:
            self.say("form", validation_message(error))
            return
        self.dismiss(meeting)


class ActionDialog(MeetingForm):
    """An agreed action: what, who, by when."""

    def __init__(self, case: Case, private: bool, owners: list[str], existing: MeetingAction | None = None) -> None:
        super().__init__()
        self.case, self.private, self.owners, self.existing = case, private, owners, existing

    def compose(self) -> ComposeResult:
        old = self.existing
        owners = [*self.owners, *([old.owner] if old is not None and old.owner and old.owner not in self.owners else [])]
        with FormScroll(classes="form"):
            yield Static(t("meeting.dialog.action"), classes="form-title", markup=False)
            what = TextInput(old.what if old else "", max_length=500, id="action-what", classes="private-text", compact=True)
            yield from self.row(t("meeting.dialog.what"), what, name="action-what")
            people = [(end_name(self.case, end, self.private), end) for end in owners]
            owner = TextSelect(people, prompt="–", id="action-owner", compact=True, value=old.owner if old and old.owner else Select.NULL)
            yield from self.row(t("meeting.dialog.owner"), owner, name="action-owner")
            yield from self.row(t("meeting.dialog.due"), _date_field(old.due if old else None, "action-due"), name="action-due")
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#action-what", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.clear_errors()
        what = self.query_one("#action-what", Input).value.strip()
        due_text = self.query_one("#action-due", Input).value.strip()
        due = parse_date(due_text) if due_text else None
        ok = True
        if not what:
            self.say("action-what", t("meeting.error.what"))
            ok = False
        if due_text and due is None:
            self.say("action-due", date_error(due_text))
            ok = False
        if not ok:
            return
        owner = self.query_one("#action-owner", Select).value
        values = {"what": what, "owner": None if owner is Select.NULL else str(owner), "due": due}
        # An edit keeps the action's id and whether it is done.
        base = self.existing.model_dump() if self.existing is not None else {}
        self.dismiss(MeetingAction.model_validate({**base, **values}))


class TaskDialog(MeetingForm):
    """A task and its owners: none or several is a grey zone (said under the list)."""

    def __init__(self, case: Case, private: bool, existing: Task | None = None) -> None:
        super().__init__()
        self.case, self.private, self.existing = case, private, existing

    def compose(self) -> ComposeResult:
        old = self.existing
        with FormScroll(classes="form"):
            yield Static(t("meeting.dialog.task"), classes="form-title", markup=False)
            what = TextInput(old.what if old else "", max_length=500, id="task-what", classes="private-text", compact=True)
            yield from self.row(t("meeting.dialog.what"), what, name="task-what")
            yield Static(t("meeting.dialog.owners"), classes="form-subtitle", markup=False)
            yield PeopleList(self.case, self.private, list(old.owners) if old else [], id="task-people")
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#task-what", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(PeopleList).focus()

    def action_save(self) -> None:
        self.clear_errors()
        what = self.query_one("#task-what", Input).value.strip()
        if not what:
            self.say("task-what", t("meeting.error.what"))
            return
        owners = self.query_one(PeopleList).ticked
        self.dismiss(Task(what=what, owners=owners) if self.existing is None else self.existing.model_copy(update={"what": what, "owners": owners}))


class MinutesDialog(MeetingForm):
    """The meeting's minutes: free text (hidden, and not edited, while the privacy screen is on)."""

    DEFAULT_CSS = "MinutesDialog #minutes-text { height: 12; }"

    def __init__(self, minutes: str) -> None:
        super().__init__()
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with FormScroll(classes="form"):
            yield Static(t("meeting.dialog.minutes"), classes="form-title", markup=False)
            yield TextArea(safe_text(self.minutes), id="minutes-text", classes="private-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#minutes-text", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#minutes-text", TextArea).text
        # Unchanged on screen: keep the stored text as it was, not its sanitised screen form.
        self.dismiss(self.minutes if text == safe_text(self.minutes) else text)


class AgendaDialog(MeetingForm):
    """A point of the practitioner's own on the agenda (new, or `text` to change)."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with FormScroll(classes="form"):
            yield Static(t("meeting.dialog.agenda_point"), classes="form-title", markup=False)
            point = TextInput(self.text, max_length=500, id="agenda-text", classes="private-text", compact=True)
            yield from self.row(t("meeting.dialog.what"), point, name="agenda-text")
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#agenda-text", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#agenda-text", Input).value.strip()
        if not text:
            self.say("agenda-text", t("meeting.error.what"))
            return
        self.dismiss(AgendaItem(text=text))
