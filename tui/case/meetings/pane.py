"""The case's meetings tab: network meetings (models/meeting.py), the latest first.

n makes a meeting (date, kind, participants); its agenda is drawn from the network's findings and
the network is kept as a snapshot, both as they are at that moment. h adds an agreed action, g a
task (who does what: none or several owners is a grey zone), e writes the agenda or the minutes
(Markdown or HTML; private with the privacy screen on) to exports/, logged in the case; x removes.
Beside the list, the selected meeting as its minutes, with what changed since the meeting before.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from models.documents import ExportFormat, ExportRecord, logged
from models.meeting import AgendaItem, Meeting, agenda_from, as_step, grey_zones, snapshot
from models.network import CITIZEN
from models.network_findings import findings
from models.text import safe_text
from saved.files import atomic_write, ensure_private_dir
from saved.reports.markdown_html import unescape
from models.meeting import compare
from saved.reports.meeting import comparison_lines, meeting_lines, meeting_report
from saved.reports.meeting import namer as meeting_namer
from saved.reports.network_steps import step_text, ties_by_id
from tui.case.meetings.dialogs import ActionDialog, AgendaDialog, MeetingDialog, MinutesDialog, TaskDialog
from tui.case.network.cells import cell, end_name
from tui.commands import bindings
from tui.document.session import DocumentSession
from tui.errors import os_reason
from tui.i18n import current_language, t
from tui.widgets.dialogs import Choice, Pick

if TYPE_CHECKING:
    from tui.app import SamspilApp

EXPORTS = {"agenda_md": ("agenda", "md"), "agenda_html": ("agenda", "html"), "minutes_md": ("minutes", "md"), "minutes_html": ("minutes", "html")}


class MeetingsPane(Vertical):
    app: SamspilApp

    DEFAULT_CSS = """
    MeetingsPane { height: 1fr; }
    MeetingsPane #meet-status { height: auto; max-height: 3; padding: 0 1; text-style: bold; }  /* the empty hint wraps at 80 columns */
    MeetingsPane #meet-list { height: 8; scrollbar-size-vertical: 1; }
    MeetingsPane #meet-detail-scroll { height: 1fr; padding: 0 1; border-top: hkey $foreground 30%; }
    """

    BINDINGS = bindings("meetings.new", "meetings.agenda", "meetings.action", "meetings.task", "meetings.done", "meetings.minutes", "meetings.compare", "meetings.export", "meetings.edit", "delete")

    def __init__(self, session: DocumentSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.selected: str | None = None
        #: The meeting the selected one is compared with (v), or None: the previous one.
        self.compared: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="meet-status", markup=False)
        yield DataTable(id="meet-list", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="meet-detail-scroll"):
            yield Static("", id="meet-detail", markup=False)

    def on_mount(self) -> None:
        self.session.subscribe(self)
        table = self.query_one("#meet-list", DataTable)
        for key, width in (("date", 10), ("kind", 26), ("participants", 8), ("actions", 8), ("grey", 8)):
            table.add_column(t(f"meeting.col.{key}"), key=key, width=width)
        self.watch(self.app, "privacy", lambda _private: self.refresh_from_document(), init=False)

    @property
    def case(self):
        return self.session.document

    def _meetings(self) -> list[Meeting]:
        return sorted(self.case.meetings, key=lambda meeting: meeting.held_on, reverse=True)

    def _meeting(self) -> Meeting | None:
        return next((meeting for meeting in self.case.meetings if meeting.id == self.selected), None)

    def refresh_from_document(self) -> None:
        table = self.query_one("#meet-list", DataTable)
        table.clear()
        meetings = self._meetings()
        for meeting in meetings:
            open_actions = sum(1 for action in meeting.actions if not action.done)
            table.add_row(
                cell(meeting.held_on.isoformat()),
                cell(t(f"meeting.kind.{meeting.kind}")),
                cell(str(len(meeting.participants))),
                cell(f"{open_actions}/{len(meeting.actions)}"),
                cell(str(len(grey_zones(meeting.tasks)))),
                key=meeting.id,
            )
        ids = [meeting.id for meeting in meetings]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        if self.selected is not None:
            table.move_cursor(row=ids.index(self.selected), scroll=True)
        self.query_one("#meet-status", Static).update(t("meeting.status", count=len(meetings)) if meetings else t("meeting.empty"))
        self._show_detail()

    def _show_detail(self) -> None:
        meeting = self._meeting()
        text = ""
        if meeting is not None:
            lines = meeting_lines(self.case, meeting, part="minutes", private=self.app.privacy, say=t)
            other = next((m for m in self.case.meetings if m.id == self.compared and m.id != meeting.id), None)
            if other is not None and other.snapshot is not None and meeting.snapshot is not None:
                first, second = sorted((other, meeting), key=lambda m: m.held_on)
                assert first.snapshot is not None and second.snapshot is not None
                name = meeting_namer(self.case, second, self.app.privacy, t)
                lines += ["", "## " + t("meeting.compared", before=first.held_on.isoformat(), after=second.held_on.isoformat()), ""]
                lines += comparison_lines(compare(first.snapshot, second.snapshot), name, t)
            # The minutes' Markdown as plain text: headings without their #, escapes undone.
            text = "\n".join(unescape(line.lstrip("#").strip() if line.startswith("#") else line) for line in lines)
        self.query_one("#meet-detail", Static).update(text)

    @on(DataTable.RowHighlighted, "#meet-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value != self.selected:
            self.selected, self.compared = event.row_key.value, None
            self._show_detail()

    def action_compare(self) -> None:
        """Compare the selected meeting's snapshot with another meeting's."""
        meeting = self._need_meeting()
        if meeting is None:
            return
        others = [other for other in self._meetings() if other.id != meeting.id and other.snapshot is not None]
        if not others:
            self.notify(t("meeting.nothing_to_compare"))
            return
        items = [(other.id, f"{other.held_on.isoformat()} {t(f'meeting.kind.{other.kind}')}") for other in others]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.compared = choice
                self._show_detail()

        self.app.push_screen(Pick(t("meeting.compare_title"), items), chosen)

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        if event.touches("meetings", "actors", "ties"):
            self.refresh_from_document()

    # ---- actions -----------------------------------------------------------------------------

    def _writable(self) -> bool:
        refusal = self.session.refusal()
        if refusal is not None:
            self.notify(refusal, severity="warning")
        return refusal is None

    def _set_meetings(self, meetings: list[Meeting], done: str) -> bool:
        problem = self.session.update(meetings=meetings)
        if problem is not None:
            self.notify(problem, severity="error", timeout=8)
            return False
        self.notify(done)
        return True

    def _replace(self, new: Meeting, done: str) -> None:
        self._set_meetings([new if meeting.id == new.id else meeting for meeting in self.case.meetings], done)

    def action_new_meeting(self) -> None:
        if not self._writable():
            return

        def made(meeting: Meeting | None) -> None:
            if meeting is None:
                return
            case = self.case
            # The agenda and the snapshot are the network as it is now: the record of this meeting.
            meeting = meeting.model_copy(
                update={"agenda": agenda_from(findings(case.actors, case.ties).steps), "snapshot": snapshot(case.actors, case.ties, meeting.held_on)}
            )
            if self._set_meetings([*case.meetings, meeting], t("meeting.added")):
                self.selected = meeting.id
                self.refresh_from_document()

        self.app.push_screen(MeetingDialog(self.case, self.app.today(), self.app.privacy), made)

    def _need_meeting(self) -> Meeting | None:
        meeting = self._meeting()
        if meeting is None:
            self.notify(t("meeting.empty"))
        return meeting

    def action_add_action(self) -> None:
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return
        owners = meeting.participants or [CITIZEN, *(actor.id for actor in self.case.actors)]

        def added(action) -> None:
            if action is not None:
                current = self._meeting()
                if current is not None:
                    self._replace(current.model_copy(update={"actions": [*current.actions, action]}), t("meeting.action_added"))

        self.app.push_screen(ActionDialog(self.case, self.app.privacy, owners), added)

    def action_add_task(self) -> None:
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return

        def added(task) -> None:
            if task is not None:
                current = self._meeting()
                if current is not None:
                    self._replace(current.model_copy(update={"tasks": [*current.tasks, task]}), t("meeting.task_added"))

        self.app.push_screen(TaskDialog(self.case, self.app.privacy), added)

    def action_add_agenda(self) -> None:
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return

        def added(item) -> None:
            current = self._meeting()
            if item is not None and current is not None:
                self._replace(current.model_copy(update={"agenda": [*current.agenda, item]}), t("meeting.agenda_added"))

        self.app.push_screen(AgendaDialog(), added)

    def action_minutes(self) -> None:
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return
        if self.app.privacy and meeting.minutes.strip():
            self.notify(t("meeting.minutes_hidden"), severity="warning")  # hidden text is neither shown nor changed
            return

        def written(text: str | None) -> None:
            current = self._meeting()
            if text is not None and current is not None and text != current.minutes:
                self._replace(current.model_copy(update={"minutes": text}), t("meeting.minutes_saved"))

        self.app.push_screen(MinutesDialog(meeting.minutes), written)

    def action_toggle_done(self) -> None:
        """Tick an action done (or not), picked from the meeting's actions."""
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return
        if not meeting.actions:
            self.notify(t("meeting.no_actions"))
            return
        private = self.app.privacy
        items = [(action.id, f"{'✓' if action.done else '·'} {t('meeting.hidden') if private else safe_text(action.what, single_line=True)}") for action in meeting.actions]

        def chosen(choice: str | None) -> None:
            current = self._meeting()
            if choice is None or current is None:
                return
            actions = [action.model_copy(update={"done": not action.done}) if action.id == choice else action for action in current.actions]
            self._replace(current.model_copy(update={"actions": actions}), t("meeting.done_changed"))

        self.app.push_screen(Pick(t("meeting.done_title"), items), chosen)

    def action_edit(self) -> None:
        """c: change one of the meeting's actions or tasks (keeping its id) or an agenda point of
        one's own (the points from the findings are worded afresh each time: removed, not changed)."""
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return
        if self.app.privacy:  # hidden text is neither shown nor changed
            self.notify(t("meeting.edit_hidden"), severity="warning")
            return
        fields = [field for field in ("actions", "tasks") if getattr(meeting, field)]
        fields += ["agenda"] if any(item.key == "own" for item in meeting.agenda) else []
        if not fields:
            self.notify(t("meeting.nothing_to_edit"))
            return
        if len(fields) == 1:
            self._edit_item(fields[0])
            return
        keys = {"actions": ("meeting.edit_action", "h"), "tasks": ("meeting.edit_task", "g"), "agenda": ("meeting.edit_agenda", "a")}
        choices = [(field, t(keys[field][0]), keys[field][1]) for field in fields] + [("no", t("key.cancel"), "n")]
        self.app.push_screen(Choice(t("meeting.edit_what"), "", choices), lambda field: self._edit_item(field) if field in fields else None)

    def _items(self, meeting: Meeting, field: str, private: bool, own_only: bool = False) -> list[tuple[str, str]]:
        """The meeting's actions, tasks or agenda points as (result, label) for a Pick: an id, or
        an agenda point's place (points have no id)."""
        hidden = t("meeting.hidden")
        if field != "agenda":
            return [(item.id, hidden if private else safe_text(item.what, single_line=True)) for item in getattr(meeting, field)]
        by_id = ties_by_id(self.case)

        def name(end: str) -> str:
            return end_name(self.case, end, private)

        return [
            (str(index), (hidden if private else safe_text(item.text, single_line=True)) if item.key == "own" else safe_text(step_text(self.case, as_step(item), t, name, by_id), single_line=True))
            for index, item in enumerate(meeting.agenda)
            if item.key == "own" or not own_only
        ]

    def _edit_item(self, field: str) -> None:
        current = self._meeting()
        if current is None:
            return

        def edited(new) -> None:
            latest = self._meeting()
            if new is not None and latest is not None:
                kept = [new if item.id == new.id else item for item in getattr(latest, field)]
                self._replace(latest.model_copy(update={field: kept}), t("meeting.item_changed"))

        def agenda_edited(index: int, new: AgendaItem | None) -> None:
            latest = self._meeting()
            if new is not None and latest is not None and index < len(latest.agenda) and latest.agenda[index].key == "own":
                agenda = [item.model_copy(update={"text": new.text}) if i == index else item for i, item in enumerate(latest.agenda)]
                self._replace(latest.model_copy(update={"agenda": agenda}), t("meeting.item_changed"))

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            if field == "agenda":
                index = int(choice)
                self.app.push_screen(AgendaDialog(current.agenda[index].text), lambda new: agenda_edited(index, new))
                return
            item = next(item for item in getattr(current, field) if item.id == choice)
            if field == "actions":
                owners = current.participants or [CITIZEN, *(actor.id for actor in self.case.actors)]
                self.app.push_screen(ActionDialog(self.case, self.app.privacy, owners, existing=item), edited)
            else:
                self.app.push_screen(TaskDialog(self.case, self.app.privacy, existing=item), edited)

        self.app.push_screen(Pick(t(f"meeting.edit_{field}_title"), self._items(current, field, False, own_only=True)), chosen)

    def action_delete(self) -> None:
        """x: the whole meeting, or one of its actions, tasks or agenda points."""
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return
        fields = [field for field in ("actions", "tasks", "agenda") if getattr(meeting, field)]
        if not fields:
            self._delete_meeting(meeting)
            return
        keys = {"actions": ("meeting.remove_action", "h"), "tasks": ("meeting.remove_task", "g"), "agenda": ("meeting.remove_agenda", "a")}
        choices = [("meeting", t("meeting.remove_meeting"), "m")]
        choices += [(field, t(keys[field][0]), keys[field][1]) for field in fields]
        choices.append(("no", t("key.cancel"), "n"))

        def which(choice: str | None) -> None:
            if choice == "meeting":
                self._delete_meeting(meeting)
            elif choice in fields:
                self._delete_item(choice)

        self.app.push_screen(Choice(t("meeting.remove_what"), "", choices, focus="no"), which)

    def _delete_item(self, field: str) -> None:
        current = self._meeting()
        if current is None:
            return

        def chosen(choice: str | None) -> None:
            latest = self._meeting()
            if choice is None or latest is None:
                return
            if field == "agenda":
                kept = [item for index, item in enumerate(latest.agenda) if str(index) != choice]
            else:
                kept = [item for item in getattr(latest, field) if item.id != choice]
            self._replace(latest.model_copy(update={field: kept}), t("meeting.item_removed"))

        self.app.push_screen(Pick(t(f"meeting.remove_{field}_title"), self._items(current, field, self.app.privacy)), chosen)

    def _delete_meeting(self, meeting: Meeting) -> None:
        body = t("meeting.remove_body", date=meeting.held_on.isoformat(), kind=t(f"meeting.kind.{meeting.kind}"))
        choices = [("yes", t("meeting.remove_yes"), "j"), ("no", t("key.cancel"), "n")]

        def really(choice: str | None) -> None:
            if choice == "yes":
                self._set_meetings([other for other in self.case.meetings if other.id != meeting.id], t("meeting.removed"))

        self.app.push_screen(Choice(t("meeting.remove_title"), body, choices, focus="no"), really)

    def action_export_meeting(self) -> None:
        meeting = self._need_meeting()
        if meeting is None or not self._writable():
            return
        choices = [
            ("agenda_md", t("meeting.export.agenda_md"), "d"),
            ("agenda_html", t("meeting.export.agenda_html"), "a"),
            ("minutes_md", t("meeting.export.minutes_md"), "r"),
            ("minutes_html", t("meeting.export.minutes_html"), "h"),
        ]
        which = t("export.private_on" if self.app.privacy else "export.private_off")
        self.app.push_screen(Choice(t("meeting.export.title"), which, choices), lambda choice: self._export(meeting, choice))

    def _export(self, meeting: Meeting, choice: str | None) -> None:
        if choice not in EXPORTS:
            return
        part, fmt = EXPORTS[choice]
        app, case = self.app, self.case
        text = meeting_report(case, meeting, part=part, fmt=fmt, private=app.privacy, say=t, lang=current_language())
        # No title in the name (it may name a person): the case's id, the meeting's date, the part.
        path = app.locations.exports / f"case-{case.id}-{part}-{meeting.held_on.isoformat()}-{datetime.now():%Y%m%d-%H%M%S}.{fmt}"
        try:
            ensure_private_dir(app.locations.exports)
            atomic_write(path, text.encode("utf-8"))
        except OSError as error:
            app.notify(t("export.failed", reason=os_reason(error)), severity="error", timeout=10)
            return
        record = ExportRecord(at=app.now(), format=cast("ExportFormat", fmt), private=app.privacy, to="file", path=str(path))
        problem = self.session.update(exports=logged(case.exports, record))
        if problem is not None:
            app.notify(problem, severity="error", timeout=10)
            return
        app.notify(t("export.saved", path=str(path)), timeout=10)
