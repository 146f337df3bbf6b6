"""An exnovation board: one team's list of practices, rules and routines it considers stopping.

The items tab is a list (stage, quadrant, what, owner, deadline, feedback) under a summary of
the board; enter opens an item, m the priority matrix, f the force field, [ and ] move the
stage. The other tab holds the board's name, team and notes.

The list draws only the rows on the screen (`RowList`) and a key looks its item up by id, so a
key costs the same on a board of 500 items as on one of ten.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from models.exnovation import (
    OUTCOME_STAGES,
    QUADRANTS,
    STAGES,
    Item,
    counts_by_quadrant,
    counts_by_stage,
    freed_totals,
    is_overdue,
    next_stage,
    overdue,
    previous_stage,
    waiting_for_feedback,
)
from models.text import safe_text
from saved.reports import freed
from tui.commands import bindings
from tui.i18n import t
from tui.privacy import name_shown
from tui.exnovation import inbox as inbox_ui
from tui.exnovation.common import FEEDBACK_MARK, LAW_MARK, OVERDUE_MARK, add_item, change_item, quadrant_label, stage_label
from tui.exnovation.stages import move_stage
from tui.widgets.dialogs import Ask, confirm
from tui.document.screen import DocumentScreen
from tui.document.session import DocumentSession
from tui.widgets.diff_static import DiffStatic
from tui.widgets.fields import Field, FormScroll
from tui.widgets.inputs import TextInput
from tui.widgets.row_list import GAP, RowList
from tui.widgets.tab_row import Pane, TabRow, tabbed
from tui.widgets.text import user_cell, user_content

#: Actions that change or leave the items list; letters stay for typing in the about tab.
_TABLE_ACTIONS = {"nominate", "matrix", "meeting", "force_field", "stage", "told", "delete", "vote"}
COLUMNS = ("stage", "quadrant", "what", "owner", "deadline", "feedback")


class ItemList(RowList):
    """The items; its enter key is labelled, so the footer says how to open one."""

    BINDINGS = bindings("open")

    def action_open(self) -> None:
        self.action_select()

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        # The detail line follows the cursor: said straight to the board, not bubbled up through
        # the tab pane, the switcher and the tabs (each a dispatch, on every ↓ and ↑).
        event.stop()
        screen = self.screen
        if isinstance(screen, ExnovationScreen):
            screen.show_detail()


class ExnovationScreen(DocumentScreen):
    CSS_PATH = ["../document/document.tcss", "exnovation.tcss"]
    AUTO_FOCUS = "#items"
    _stale = False  # the items changed while another screen was on top
    HELP = "help.exnovation"

    BINDINGS = bindings(
        "board.nominate", "board.matrix", "board.meeting", "force_field", "board.stage_back", "board.stage_forward", "board.told", "delete", "board.details", "board.vote",
        hide=("delete",),
    )

    #: The ids in the order the list shows them, and (for `selected_item`) the items by id and
    #: the dot votes per item, each made again only when its list is replaced (a change replaces it).
    _ids: list[str] = []
    _indexed: list[Item] | None = None
    _by_id: dict[str, Item] = {}
    _counted: list | None = None
    _votes: Counter[str] = Counter()
    _widths: dict[str, int] = {}  # the columns' widths, set on mounting

    def compose_body(self) -> ComposeResult:
        tabs = [("tab-items", t("exnovation.tab_items")), ("tab-about", t("exnovation.tab_about"))]
        row, panes = tabbed("board", tabs)
        yield row
        with panes:
            with Pane(id="tab-items"):
                yield DiffStatic("", id="board-summary")
                yield ItemList([t(f"exnovation.col.{key}") for key in COLUMNS], id="items")
                yield DiffStatic("", id="item-detail")
            with Pane(id="tab-about"):
                with FormScroll():
                    yield self.title_field(t("exnovation.name"))
                    yield Field(t("exnovation.team"), TextInput(id="team", max_length=80, compact=True), id="field-team")
                    yield self.notes_field()

    def on_mount(self) -> None:
        self._widths = self.column_widths(80)
        # DocumentScreen.on_mount runs next (Textual calls each class's handler) and fills the list.
        self.watch(self.app, "privacy", self._privacy_changed, init=False)

    def column_widths(self, width: int) -> dict[str, int]:
        """72 cells at 80 columns, with a gap after each column and the scrollbar: fits 80x24
        with no sideways scrolling. Wider, the practice takes most of the room, the owner and
        quadrant some."""
        extra = max(width - 80, 0)
        owner = min(10 + extra // 6, 24)
        quadrant = min(10 + extra // 8, 16)
        what = 80 - 2 - GAP * len(COLUMNS) - (12 + 11 + 4 + 10 + 10) + extra - (owner - 10) - (quadrant - 10)
        return {"stage": 12, "quadrant": quadrant, "what": what, "owner": owner, "deadline": 11, "feedback": 4}

    def on_resize(self) -> None:
        # The list follows the width (a projector at 140 columns had 60 of them empty).
        if self.column_widths(self.size.width) != self._widths:
            self._widths = self.column_widths(self.size.width)
            self.refresh_items()

    def _privacy_changed(self, _private: bool) -> None:
        self.refresh_items()

    def fill(self) -> None:
        super().fill()
        self.query_one("#team", Input).value = safe_text(self.document.team, single_line=True)
        self.refresh_items()

    @on(Input.Changed, "#team")
    def team_changed(self, event: Input.Changed) -> None:
        self.set_field("team", event.value.strip())

    # ---- the list -------------------------------------------------------------------------

    def refresh_items(self, select: str | None = None) -> None:
        """Show the items (only the rows on the screen are drawn), the summary and the detail line."""
        item_list = self.query_one(ItemList)
        current = select or self.selected_id()
        items = self.document.items
        self._ids = [item.id for item in items]
        by_id = self._index()
        cursor = self._ids.index(current) if current is not None and current in by_id else 0  # gone: the first row, as before
        item_list.show(len(items), lambda index: self.row(items[index]), cursor=cursor, widths=list(self._widths.values()))
        self.query_one("#board-summary", DiffStatic).update(self.summary(), layout=False)
        self.show_detail()

    def _index(self) -> dict[str, Item]:
        """The items by id, and the dots per item, as of the document's lists now. The votes
        are counted against their own list: a vote can change without the items changing."""
        document = self.document
        if self._indexed is not document.items:
            self._indexed = document.items
            self._by_id = {item.id: item for item in document.items}
        if self._counted is not document.votes:
            self._counted = document.votes
            self._votes = Counter(vote.item_id for vote in document.votes)
        return self._by_id

    def row(self, item: Item) -> tuple:
        today = self.app.today()
        what = f"{LAW_MARK} {item.what}" if item.required else item.what
        if is_overdue(item, today):
            deadline = Text(f"{OVERDUE_MARK} {t('exnovation.overdue')}", style="bold")
        else:
            deadline = Text(item.deadline.isoformat() if item.deadline else "")
        if item.stage in OUTCOME_STAGES:
            feedback = "✓" if item.nominator_told else FEEDBACK_MARK
        else:
            feedback = ""
        return (
            Text(stage_label(item.stage)),
            user_cell(quadrant_label(self.document, item.quadrant)),
            user_cell(what),
            user_cell(name_shown(item.owner, self.app.privacy)),
            deadline,
            Text(feedback),
        )

    def summary(self) -> Text:
        items = self.document.items
        stages = counts_by_stage(items)
        quadrants = counts_by_quadrant(items)
        first = " · ".join(f"{stage_label(s)} {stages[s]}" for s in STAGES[:5])
        late, waiting = len(overdue(items, self.app.today())), len(waiting_for_feedback(items))
        second = " · ".join(f"{stage_label(s)} {stages[s]}" for s in STAGES[5:])
        second += f" │ {OVERDUE_MARK} {t('exnovation.overdue')} {late} │ {FEEDBACK_MARK} {t('exnovation.waiting')} {waiting}"
        third = " · ".join(f"{quadrant_label(self.document, q)} {quadrants[q]}" for q in QUADRANTS)
        third += f" · {quadrant_label(self.document, None)} {quadrants[None]}"
        totals = freed_totals(items)
        fourth = t(
            "exnovation.freed_total",
            estimated=freed.total(totals["estimated_hours"], totals["estimated_money"], t, short=True),
            measured=freed.total(totals["measured_hours"], totals["measured_money"], t, short=True),
        )
        return Text(safe_text("\n".join([first, second, third, fourth])), no_wrap=True, overflow="ellipsis")

    def selected_id(self) -> str | None:
        """The id of the item on the list's cursor, as the list shows it."""
        cursor = self.query_one(ItemList).cursor
        return self._ids[cursor] if 0 <= cursor < len(self._ids) else None

    def selected_item(self) -> Item | None:
        item_id = self.selected_id()
        return self._index().get(item_id) if item_id else None

    def show_detail(self) -> None:
        """The selected item's detail line; its size is fixed, so only the changed cells are repainted."""
        detail = self.query_one("#item-detail", DiffStatic)
        item = self.selected_item()
        if item is None:
            detail.update(t("exnovation.empty"), layout=False)
            return
        facts = [t("exnovation.nominated_on", date=item.nominated_on.isoformat())]
        if item.nominated_by:
            facts.append(t("exnovation.nominated_by", who=name_shown(item.nominated_by, self.app.privacy)))
        if item.deadline:
            late = f" ({t('exnovation.overdue')})" if is_overdue(item, self.app.today()) else ""
            facts.append(t("exnovation.deadline_on", date=item.deadline.isoformat()) + late)
        if item.required:
            facts.insert(0, f"{LAW_MARK} {t('exnovation.required')}")
        facts += inbox_ui.dots_fact(self.document, item, self._votes)  # a team's dot votes (tui/exnovation/inbox.py)
        detail.update(user_content(item.what + "\n" + " · ".join(facts)), layout=False)

    @on(RowList.Selected, "#items")
    def row_selected(self) -> None:
        self.open_item()

    # ---- changing items -------------------------------------------------------------------

    def hidden(self) -> bool:
        """Under another screen that covers it (the matrix, the meeting, an item)."""
        top = self.app.screen
        return top is not self and top.styles.background.a == 1

    def refresh_views(self, event: DocumentSession.Changed) -> None:
        if self.hidden():
            self._stale = True  # filled when this screen shows again (on_screen_resume)
            return
        self.refresh_items()

    async def _on_idle(self, event: events.Idle) -> None:
        if self.hidden():
            # Textual repaints a screen's changes on the screen above it, for a screen seen through
            # a transparent one; once it has, every message this screen handles repaints the
            # screen above whole (Screen._compositor_refresh sets _repaint_required): 6.5 KiB per
            # matrix key that changes the board. Covered, nothing here shows, and a screen shown
            # again is drawn afresh (Screen._on_screen_resume), so nothing is lost.
            self._repaint_required = False
            self._dirty_widgets.clear()
            self._compositor._dirty_regions.clear()
        await super()._on_idle(event)

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh_items()

    def say(self, problem: str | None) -> None:
        if problem:
            self.notify(problem, severity="error", timeout=8)

    def action_nominate(self) -> None:
        refusal = self.session.refusal()
        if self.session.opened.holder is not None:  # a colleague holds it: through the inbox (tui/exnovation/inbox.py)
            return inbox_ui.nominate(self.session)
        if refusal is not None:
            self.notify(refusal, severity="warning")
            return

        def nominate(what: str | None) -> None:
            if what is None:
                return
            item = Item(what=what, nominated_on=self.app.today())
            problem = add_item(self.session, item)
            self.say(problem)
            if problem is None:
                self.refresh_items(item.id)
                self.open_item(item.id, new=True)

        self.app.push_screen(Ask(t("exnovation.nominate_title"), t("exnovation.nominate_hint"), max_length=200), nominate)

    def open_item(self, item_id: str | None = None, *, new: bool = False) -> None:
        from tui.exnovation.item import ItemScreen

        item_id = item_id or self.selected_id()
        if item_id is not None:
            self.app.push_screen(ItemScreen(self.session, item_id, new=new))

    def action_matrix(self) -> None:
        from tui.exnovation.matrix import MatrixScreen

        self.app.push_screen(MatrixScreen(self.session, self.selected_id()), self.refresh_items)

    def action_meeting(self) -> None:
        from tui.exnovation.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(self.session, self.selected_id()), self.refresh_items)

    def action_force_field(self) -> None:
        from tui.exnovation.forces import ForceFieldScreen

        item_id = self.selected_id()
        if item_id is None:
            self.notify(t("exnovation.no_item"), severity="warning")
            return
        self.app.push_screen(ForceFieldScreen(self.session, item_id))

    def action_stage(self, step: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        target = next_stage(item) if step > 0 else previous_stage(item)
        if target is None:
            key = "exnovation.choose_change" if step > 0 and item.stage == "decided" else "exnovation.no_stage"
            self.notify(t(key), severity="warning")
            return
        move_stage(self.app, self.session, item.id, target, lambda problem: self.say(problem or None))

    def action_told(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.say(change_item(self.session, item.id, nominator_told=not item.nominator_told))

    def action_delete(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        refusal = self.session.refusal()
        if refusal is not None:
            self.notify(refusal, severity="warning")
            return

        def really(choice: str | None) -> None:
            if choice == "yes":
                self.say(self.session.update(items=[other for other in self.document.items if other.id != item.id]))

        what = safe_text(item.what, single_line=True)
        self.app.push_screen(confirm(t("exnovation.delete_title"), t("exnovation.delete_body", what=what), t("key.delete")), really)

    def action_vote(self) -> None:
        self.app.push_screen(inbox_ui.VoteScreen(self.session))

    def action_details(self) -> None:
        self.query_one("#board-tabs", TabRow).active = "tab-about"
        self.query_one("#title", Input).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # Keep letters for typing in the about tab's fields.
        if action in _TABLE_ACTIONS and isinstance(self.focused, (Input, TextArea)):
            return False
        return True
