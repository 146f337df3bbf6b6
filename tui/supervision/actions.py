"""The Aftaler tab: what was agreed, who does it (initials) and by when; a key ticks it off.

a adds, enter edits, space marks done / open, x deletes (after asking). The open agreements of
the last session with the same practitioner that this session has not yet taken a stand on are
listed under the table (overdue ones marked); c walks through them: keep (brought over, open),
close (brought over as done) or drop (left behind). Carried agreements say where they came from.
"""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from models.supervision import Action, carry, overdue, pending_agreements
from models.text import safe_text
from tui.document.session import DocumentSession
from tui.commands import bindings
from tui.widgets.footer import KeyFooter
from tui.i18n import t
from tui.widgets.dialogs import Choice, confirm
from tui.widgets.fields import Field, date_error, date_input, parse_date, validation_message
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput
from tui.widgets.diff_static import KeptRender, KeptStatic
from tui.widgets.table import QuietTable
from tui.privacy import note_shown, privacy_on
from tui.widgets.text import user_cell


def status_text(action: Action, on=None) -> str:
    if action.done:
        return "✓ " + t("supervision.actions.done")
    if on is not None and overdue(action, on):
        return t("supervision.actions.overdue")
    return "☐ " + t("supervision.actions.open")


def what_text(action: Action, what: str) -> str:
    """The agreement's text, after "↪ <date> ·" when it was carried forward (first: a long text is cut)."""
    if action.carried_from is None:
        return what
    return f"↪ {action.carried_from.isoformat()} · {what}"


class ActionTable(QuietTable):
    BINDINGS = bindings("supervision.action_add", "supervision.action_edit", "supervision.action_done", "supervision.action_carry", "delete")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()  # nothing listens: the key's frame need not wait for it to climb to the app

    def action_carry(self) -> None:
        self.parent_pane().carry_forward()

    def action_add(self) -> None:
        self.parent_pane().add()

    def action_edit(self) -> None:
        self.parent_pane().edit()

    def action_toggle_done(self) -> None:
        self.parent_pane().toggle_done()

    def action_delete(self) -> None:
        self.parent_pane().delete()

    def parent_pane(self) -> ActionsPane:
        return next(node for node in self.ancestors if isinstance(node, ActionsPane))


class ActionsPane(KeptRender, Vertical):
    """Edits the session's `actions` (a new list each time). It and its two lines of text give
    their last lines again when a key's frame crosses them and they did not change (`KeptRender`)."""

    def __init__(self, session: DocumentSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        #: The earlier sessions with the same practitioner, newest first (set by the screen).
        self.earlier: list = []

    def compose(self) -> ComposeResult:
        yield KeptStatic(t("supervision.actions.hint"), classes="hint", markup=False)
        table = ActionTable(id="actions", cursor_type="row", zebra_stripes=False)
        yield table
        yield KeptStatic("", id="actions-earlier", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "privacy", lambda _private: self.refresh_from_document(), init=False)
        table = self.query_one(ActionTable)
        # 75 columns with cell padding: fits 80 wide beside the scrollbar.
        table.add_column(t("supervision.actions.col_done"), key="done", width=11)
        table.add_column(t("supervision.actions.col_what"), key="what", width=37)
        table.add_column(t("supervision.actions.col_owner"), key="owner", width=9)
        table.add_column(t("supervision.actions.col_due"), key="due", width=10)

    def refresh_from_document(self, select: str | None = None) -> None:
        table = self.query_one(ActionTable)
        row = table.cursor_row
        table.clear()
        held_on = self.session.document.held_on
        for action in self.session.document.actions:
            table.add_row(
                Text(status_text(action, held_on)),
                user_cell(what_text(action, note_shown(action.what, privacy_on(self), t("privacy.text_hidden")))),
                user_cell(action.owner or "–"),
                Text(action.due.isoformat() if action.due else "–"),
                key=action.id,
            )
        if select is not None:
            row = table.get_row_index(select)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def show_earlier(self, earlier: list | None = None) -> None:
        if earlier is not None:
            self.earlier = earlier
        last, pending = pending_agreements(self.session.document, self.earlier)
        widget = self.query_one("#actions-earlier", Static)
        if last is None:
            widget.update("")
            return
        held_on = self.session.document.held_on
        when = last.held_on.isoformat()
        if not pending:
            widget.update(t("supervision.actions.pending_none", date=when) if any(not a.done for a in last.actions) else "")
            return
        late = sum(1 for action in pending if overdue(action, held_on))
        lines = [t("supervision.actions.pending", count=len(pending), date=when, overdue=t("due.count", count=late))]
        for action in pending[:4]:
            what = safe_text(note_shown(action.what, privacy_on(self), t("privacy.text_hidden")), single_line=True)
            due = action.due.isoformat() if action.due else "–"
            lines.append(f"  {status_text(action, held_on)} · {what} ({safe_text(action.owner, single_line=True) or '–'}, {due})")
        widget.update("\n".join(lines))

    def carry_forward(self) -> None:
        """Ask about each pending agreement in turn: keep, close or drop."""
        last, pending = pending_agreements(self.session.document, self.earlier)
        if last is None or not pending or not self.writable():
            return
        held_on = self.session.document.held_on
        tally = {"keep": 0, "close": 0, "drop": 0}

        def ask(index: int) -> None:
            if index >= len(pending):
                self.refresh_from_document()
                self.show_earlier()
                self.notify(t("supervision.actions.carried", kept=tally["keep"], closed=tally["close"], dropped=tally["drop"]))
                return
            action = pending[index]

            def chosen(choice: str | None) -> None:
                if choice is None:  # Esc: stop here; the rest stay pending
                    self.refresh_from_document()
                    self.show_earlier()
                    return
                problem = self.session.update(**carry(self.session.document, action, choice, last.held_on))
                if problem is not None:
                    self.notify(problem, severity="error")
                    return
                tally[choice] += 1
                ask(index + 1)

            what = safe_text(note_shown(action.what, privacy_on(self), t("privacy.text_hidden")), single_line=True)
            late = f" · {t('supervision.actions.overdue')}" if overdue(action, held_on) else ""
            body = t("supervision.actions.carry_body", what=what, owner=safe_text(action.owner, single_line=True) or "–", due=action.due.isoformat() if action.due else "–", overdue=late)
            choices = [(choice, t(f"supervision.actions.{choice}"), t(f"supervision.actions.{choice}_key")) for choice in ("keep", "close", "drop")]
            title = t("supervision.actions.carry_title", date=last.held_on.isoformat(), n=index + 1, count=len(pending))
            self.app.push_screen(Choice(title, body, choices, focus="keep"), chosen)

        ask(0)

    # ---- the actions -------------------------------------------------------------------

    def selected(self) -> Action | None:
        table = self.query_one(ActionTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((a for a in self.session.document.actions if a.id == key), None)

    def writable(self) -> bool:
        refusal = self.session.refusal()
        if refusal is not None:
            self.notify(refusal, severity="warning")
        return refusal is None

    def store(self, actions: list[Action], select: str | None = None) -> None:
        problem = self.session.update(actions=actions)
        if problem is not None:
            self.notify(problem, severity="error")
        elif select is not None:
            self.refresh_from_document(select)

    def add(self) -> None:
        if not self.writable():
            return
        owner = self.session.document.practitioner

        def added(action: Action | None) -> None:
            if action is not None:
                self.store([*self.session.document.actions, action], action.id)

        self.app.push_screen(ActionForm(None, owner), added)

    def edit(self) -> None:
        current = self.selected()
        if current is None or not self.writable():
            return

        def edited(action: Action | None) -> None:
            if action is not None:
                self.store([action if a.id == action.id else a for a in self.session.document.actions], action.id)

        self.app.push_screen(ActionForm(current), edited)

    def toggle_done(self) -> None:
        current = self.selected()
        if current is None or not self.writable():
            return
        flipped = current.model_copy(update={"done": not current.done})
        self.store([flipped if a.id == current.id else a for a in self.session.document.actions], current.id)

    def delete(self) -> None:
        current = self.selected()
        if current is None or not self.writable():
            return

        def really(choice: str | None) -> None:
            if choice == "yes":
                self.store([a for a in self.session.document.actions if a.id != current.id])

        what = safe_text(note_shown(current.what, privacy_on(self), t("privacy.text_hidden")), single_line=True)
        self.app.push_screen(confirm(t("supervision.actions.delete_title"), t("supervision.actions.delete_body", what=what), t("key.delete")), really)


class ActionForm(ModalScreen[Action | None]):
    """What, who (initials) and by when. Enter moves on and saves from the last field; Esc cancels."""

    HOLDS_DRAFT = True  #: kept in a recovery copy on a hang-up (tui/app.py keep_drafts)

    DEFAULT_CSS = """
    ActionForm { align: center middle; }
    ActionForm > Vertical { width: 70; max-width: 100%; height: auto; max-height: 100%;
                            border: thick $primary; padding: 0 1; background: $surface; }
    ActionForm .title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = bindings("cancel", "save")

    def __init__(self, action: Action | None, owner: str = "") -> None:
        super().__init__()
        self.action_being_edited = action
        self.default_owner = owner

    def compose(self) -> ComposeResult:
        action = self.action_being_edited
        with Vertical():
            yield Label(t("supervision.actions.edit_title" if action else "supervision.actions.new_title"), classes="title")
            # Under the privacy screen an agreed action's text is neither shown nor changed.
            hidden = privacy_on(self) and action is not None
            what = "" if hidden or action is None else safe_text(action.what, single_line=True)
            placeholder = t("privacy.text_hidden") if hidden else ""
            yield Field(t("supervision.actions.what"), TextInput(what, placeholder, id="what", max_length=200, compact=True, disabled=hidden), id="field-what")
            owner = action.owner if action else self.default_owner
            yield Field(t("supervision.actions.owner"), TextInput(safe_text(owner, single_line=True), id="owner", max_length=80, compact=True), id="field-owner")
            yield Field(t("supervision.actions.due"), date_input(action.due if action else None, "due"), id="field-due")
            yield Static(t("supervision.actions.form_hint"), markup=False)
            yield CprWarning()
        yield KeyFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "due":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        what_input = self.query_one("#what", Input)
        what = self.action_being_edited.what if what_input.disabled and self.action_being_edited else what_input.value.strip()
        owner = self.query_one("#owner", Input).value.strip()
        due_text = self.query_one("#due", Input).value.strip()
        ok = True
        if not what:
            self.query_one("#field-what", Field).set_error(t("error.title_empty"))
            ok = False
        due = parse_date(due_text) if due_text else None
        if due_text and due is None:
            self.query_one("#field-due", Field).set_error(date_error(due_text))
            ok = False
        if not ok:
            return
        base = self.action_being_edited
        try:
            action = Action(id=base.id, what=what, owner=owner, due=due, done=base.done) if base else Action(what=what, owner=owner, due=due)
        except ValidationError as error:
            self.query_one("#field-what", Field).set_error(validation_message(error))
            return
        self.dismiss(action)

    def action_cancel(self) -> None:
        self.dismiss(None)
