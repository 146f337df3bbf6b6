"""Nominating and dot-voting on a team board, also while a colleague has it open (saved/inbox.py).

`n` on a board someone else holds opens `NominateScreen` instead of the usual question: the
nomination goes into the board's inbox and its holder's samspil merges it within seconds. `d`
opens `VoteScreen`: every item with its dots, and enter puts one of yours on the highlighted one.
The holder's samspil merges (`merge_inbox`, every few seconds from the app and at once after
one's own post).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import Checkbox, DataTable, Label, Static

from models.team import dots_used, votes_for
from models.text import safe_text
from saved import inbox, platform
from tui.commands import bindings
from tui.errors import os_reason, said
from tui.i18n import t
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.footer import KeyFooter
from tui.widgets.inputs import TextInput
from tui.widgets.text import user_cell
from tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from saved.store import Problem
    from collections.abc import Mapping

    from tui.document.session import DocumentSession

DOT = "●"
#: What was said about refused inbox files, per board: an inbox that stays wrong (its folder of
#: another group) is said once, not at every look.
_SAID: dict[str, set[Problem]] = {}


def dots_fact(board, item, counted: Mapping[str, int] | None = None) -> list[str]:
    """The item's dots for its detail line on the board ("● 3 prikker"), once anyone has voted;
    `counted`: the votes per item, counted already (the board counts them once per change)."""
    if not board.votes:
        return []
    count = counted.get(item.id, 0) if counted is not None else votes_for(board.votes, item.id)
    return [t("team.dots_on_item", dot=DOT, count=count)]


def merge_inbox(session: DocumentSession) -> None:
    """Merge a held board's inbox: the new items and votes through the session (so every view
    shows them), saved at once, then the entries removed (saved/inbox.py says why in this order)."""
    if session.document.kind != "exnovation" or session.read_only or not inbox.waiting(session.opened.path):
        return
    path = session.opened.path
    pending = inbox.collect(path, session.document)
    told = _SAID.setdefault(str(path), set())
    for refused in pending.refused:
        if refused in told:
            continue
        told.add(refused)
        session.app.notify(refused_words(refused), severity="warning", timeout=15)
    if pending.changes:
        problem = session.update(**pending.apply_to(session.document))
        if problem is not None or not session.save_now():
            return  # the entries stay in the inbox; the next merge tries again
        inbox.log_merge(path, pending)
        session.app.notify(t("team.merged", nominations=t("team.nominations", count=len(pending.items)), votes=t("team.votes", count=len(pending.votes))))
    if pending.done:
        inbox.remove(path, pending.done)


def refused_words(refused: Problem) -> str:
    """A refused inbox file in the interface's words: where, why, and the name it was set aside as."""
    aside = dict(refused.values).get("aside")
    reason = said(refused) + (f"; {t('team.set_aside', name=aside)}" if aside else "")
    return t("team.refused", reason=safe_text(reason, single_line=True))


class NominateScreen(ModalScreen["tuple[str, str, bool] | None"]):
    """What, why, and whether to nominate anonymously; ctrl+s sends it to the board's inbox."""

    DEFAULT_CSS = """
    NominateScreen { align: center middle; }
    NominateScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                                border: thick $primary; padding: 0 1; background: $surface; }
    NominateScreen .title { text-style: bold; }
    NominateScreen .note { color: $text-muted; margin-bottom: 1; }
    NominateScreen .error { text-style: bold; }
    """
    BINDINGS = bindings("save", "cancel")

    def __init__(self, holder: str) -> None:
        super().__init__()
        self._holder = holder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("team.nominate_title"), classes="title", markup=False)
            yield Static(t("team.nominate_how", holder=self._holder), classes="note", markup=False)
            yield Label(t("team.what"), markup=False)
            yield TextInput(max_length=200, id="what", compact=True)
            yield Label(t("team.why"), markup=False)
            yield TextInput(max_length=2000, id="why", compact=True)
            yield TickBox(t("team.anonymous"), id="anonymous", compact=True)
            yield Static(t("team.anonymous_note"), classes="note", markup=False)
            yield Static("", classes="error", id="error", markup=False)
            yield CprWarning()
            yield KeyFooter()

    def action_save(self) -> None:
        what = self.query_one("#what", TextInput).value.strip()
        if not what:
            self.query_one("#error", Static).update(t("ask.empty"))
            return
        why = self.query_one("#why", TextInput).value.strip()
        self.dismiss((what, why, self.query_one("#anonymous", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


def nominate(session: DocumentSession) -> None:
    """Open NominateScreen for the board in `session` and post what it returns."""
    holder = session.opened.holder
    who = safe_text(f"{holder.user}@{holder.host}", single_line=True) if holder else platform.user_name()

    def send(answer: tuple[str, str, bool] | None) -> None:
        if answer is None:
            return
        try:
            inbox.nominate(session.opened.path, answer[0], answer[1], anonymous=answer[2], today=session.app.today())
        except OSError as error:
            session.app.notify(t("save.failed", reason=os_reason(error)), severity="error", timeout=10)
            return
        session.app.notify(t("team.sent"))
        merge_inbox(session)

    session.app.push_screen(NominateScreen(who), send)


class VoteTable(DataTable):
    """The items to vote on; its enter key is labelled, so the footer says how to put a dot (it
    said "Åbn", which opens nothing here)."""

    BINDINGS = bindings("vote.dot")

    def action_open(self) -> None:
        self.action_select_cursor()


class VoteScreen(ModalScreen[None]):
    """Every item of the board with its dots; enter puts one of yours on the highlighted item, or
    takes it back."""

    DEFAULT_CSS = """
    VoteScreen { align: center middle; }
    VoteScreen > Vertical { width: 78; max-width: 100%; height: 90%; border: thick $primary;
                            padding: 0 1; background: $surface; }
    VoteScreen .title { text-style: bold; }
    VoteScreen DataTable { height: 1fr; }
    """
    BINDINGS = bindings("cancel", "vote.more_dots", "vote.fewer_dots")

    def __init__(self, session: DocumentSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("team.vote_title"), classes="title", markup=False)
            yield Static("", id="dots", markup=False)
            yield VoteTable(id="vote-items", cursor_type="row", zebra_stripes=False)
            yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("team.col_dots"), key="dots", width=7)
        table.add_column(t("team.col_mine"), key="mine", width=4)
        table.add_column(t("exnovation.col.what"), key="what", width=56)
        self.fill()
        table.focus()
        self.session.subscribe(self)  # the holder's merges, and a reader's reload of their saves

    def on_document_session_changed(self, event: DocumentSession.Changed) -> None:
        """The dots as counted now: the screen kept those it was opened with (found in tmux: a
        reader's two dots, merged by the holder, still showed 0 on the board)."""
        if event.touches("items", "votes", "dots_per_person"):
            self.fill()

    def fill(self) -> None:
        board = self.session.document
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        mine, _ = inbox.my_dots(self.session.opened.path, board)
        for item in board.items:
            table.add_row(Text(str(votes_for(board.votes, item.id))), Text(DOT if item.id in mine else ""), user_cell(item.what), key=item.id)
        if board.items:
            table.move_cursor(row=min(row, len(board.items) - 1))
        left = max(0, board.dots_per_person - len(mine))
        self.query_one("#dots", Static).update(t("team.dots_left", left=left, count=board.dots_per_person, used=dots_used(board.votes, platform.user_name())))

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        item_id = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        path = self.session.opened.path
        mine, waiting = inbox.my_dots(path, self.session.document)
        if item_id not in mine and len(mine) >= self.session.document.dots_per_person:
            self.notify(t("team.no_dots_left"), severity="warning")
            return
        try:
            if item_id in waiting:  # not merged yet: withdrawn by removing one's own file
                inbox.remove(path, [waiting[str(item_id)]])
            else:
                inbox.vote(path, str(item_id), retract=item_id in mine)
        except OSError as error:
            self.notify(t("save.failed", reason=os_reason(error)), severity="error", timeout=10)
            return
        merge_inbox(self.session)
        self.notify(t("team.retracted" if item_id in mine else "team.voted"))
        self.fill()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "dots" and self.session.read_only)  # not offered to a reader

    def action_dots(self, step: int) -> None:
        """+ and -: how many dots each member has on this board (its holder only: a change of the board)."""
        problem = self.session.update(dots_per_person=self.session.document.dots_per_person + step)
        if problem is not None:
            self.notify(problem, severity="warning")
        self.fill()

    def action_cancel(self) -> None:
        self.dismiss(None)
