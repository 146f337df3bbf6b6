"""The Aftaler tab: what was agreed, who does it (initials) and by when; a key ticks it off.

a adds, enter edits, space marks done / open, d deletes (after asking). The actions of the last
session with the same practitioner are listed under the table, so the session can start there.
"""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from models.supervision import Action
from models.text import safe_text
from tui.document.session import DocumentSession
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.dialogs import confirm
from tui.widgets.fields import Field, date_input, parse_date, validation_message
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput
from tui.privacy import note_shown, privacy_on
from tui.widgets.text import user_cell


def status_text(action: Action) -> str:
    return ("✓ " + t("supervision.actions.done")) if action.done else ("☐ " + t("supervision.actions.open"))


class ActionTable(DataTable):
    BINDINGS = bindings("supervision.action_add", "supervision.action_edit", "supervision.action_done", "delete")

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


class ActionsPane(Vertical):
    """Edits the session's `actions` (a new list each time)."""

    def __init__(self, session: DocumentSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(t("supervision.actions.hint"), classes="hint", markup=False)
        table = ActionTable(id="actions", cursor_type="row", zebra_stripes=False)
        yield table
        yield Static("", id="actions-earlier", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "privacy", lambda _private: self.refresh_from_document(), init=False)
        table = self.query_one(ActionTable)
        # 75 columns with cell padding: fits 80 wide beside the scrollbar.
        table.add_column(t("supervision.actions.col_done"), key="done", width=10)
        table.add_column(t("supervision.actions.col_what"), key="what", width=38)
        table.add_column(t("supervision.actions.col_owner"), key="owner", width=9)
        table.add_column(t("supervision.actions.col_due"), key="due", width=10)

    def refresh_from_document(self, select: str | None = None) -> None:
        table = self.query_one(ActionTable)
        row = table.cursor_row
        table.clear()
        for action in self.session.document.actions:
            table.add_row(
                Text(status_text(action)),
                user_cell(note_shown(action.what, privacy_on(self), t("privacy.text_hidden"))),
                user_cell(action.owner or "–"),
                Text(action.due.isoformat() if action.due else "–"),
                key=action.id,
            )
        if select is not None:
            row = table.get_row_index(select)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def show_earlier(self, earlier: list) -> None:
        if not earlier:
            self.query_one("#actions-earlier", Static).update("")
            return
        last = earlier[0]
        lines = [t("supervision.actions.earlier", date=last.held_on.isoformat())]
        what = [note_shown(a.what, privacy_on(self), t("privacy.text_hidden")) for a in last.actions[:4]]
        lines += [f"  {status_text(a)} · {safe_text(w, single_line=True)} ({safe_text(a.owner, single_line=True) or '–'})" for a, w in zip(last.actions, what)]
        self.query_one("#actions-earlier", Static).update("\n".join(lines))

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
            self.query_one("#field-due", Field).set_error(t("error.date"))
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
