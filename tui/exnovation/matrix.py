"""The priority matrix (Eisenhower): every item in its quadrant, moved between them by keyboard.

Columns are urgent / not urgent, rows important / not important: DO top left, SCHEDULE top
right, DELEGATE bottom left, DELETE bottom right. An arrow key moves the selected item across
that axis; an item not yet triaged gets "no" on the axis it was not moved along. Each quadrant
shows the seed's one line of guidance; the items not yet triaged are listed one a line below,
and u jumps to the next of them. The selected item is always in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Static

from models.exnovation import QUADRANTS, Item
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.privacy_banner import PrivacyBanner
from tui.document.session import DocumentSession
from tui.exnovation.common import change_item, quadrant_label
from tui.widgets.dialogs import Ask, Choice
from tui.exnovation.quadrant import QuadrantBox
from tui.privacy import name_shown
from tui.widgets.text import user_content
from tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from tui.app import SamspilApp

#: What an arrow key sets: (field, value).
MOVES = {"left": ("urgent", True), "right": ("urgent", False), "up": ("important", True), "down": ("important", False)}
AXES = {"do": ("important", "urgent"), "schedule": ("important", "not_urgent"), "delegate": ("not_important", "urgent"), "delete": ("not_important", "not_urgent")}


class MatrixScreen(Screen):
    app: SamspilApp
    CSS_PATH = "exnovation.tcss"
    HELP = "help.matrix"

    BINDINGS = bindings(
        "back", "matrix.next", "matrix.previous", "matrix.next_untriaged", "matrix.move_up", "matrix.move_down", "matrix.move_left", "matrix.move_right", "open", "matrix.rename"
    )

    def __init__(self, session: DocumentSession, selected: str | None) -> None:
        super().__init__()
        self.session = session
        self.selected = selected

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        yield Static(t("exnovation.matrix_title"), id="matrix-top")
        with Grid(id="matrix"):
            for quadrant in QUADRANTS:
                yield QuadrantBox(quadrant, id=f"q-{quadrant}")
        yield QuadrantBox(None, id="untriaged")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.session.subscribe(self)
        for box in self.query(QuadrantBox):
            box.owner_of = lambda item: name_shown(item.owner, self.app.privacy)
        self.watch(self.app, "privacy", lambda _private: self.show(), init=False)
        self.show()

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        if event.touches("items", "quadrant_labels"):
            self.show()

    def on_screen_resume(self) -> None:
        self.show()

    #: The items by quadrant, in tab order, and each id's place in that order: made again only
    #: when the items list is replaced (a change replaces it) or the privacy screen turns, so a
    #: key that only moves the selection costs the same at 500 items as at ten.
    _indexed: tuple[object, bool] | None = None
    _by_quadrant: dict[str | None, list[Item]] = {}
    _ordered: list[Item] = []
    _place: dict[str, int] = {}

    def _index(self) -> None:
        key = (self.session.document.items, self.app.privacy)
        if self._indexed is not None and self._indexed[0] is key[0] and self._indexed[1] == key[1]:
            return
        self._indexed = key
        items = self.session.document.items
        self._by_quadrant = {quadrant: [item for item in items if item.quadrant == quadrant] for quadrant in (*QUADRANTS, None)}
        self._ordered = [item for quadrant in (*QUADRANTS, None) for item in self._by_quadrant[quadrant]]
        self._place = {item.id: at for at, item in enumerate(self._ordered)}

    def ordered(self) -> list[Item]:
        """The items in the order tab walks them: quadrant by quadrant, then the untriaged."""
        self._index()
        return self._ordered

    def show(self) -> None:
        board = self.session.document
        ordered = self.ordered()
        if self.selected not in self._place:
            self.selected = ordered[0].id if ordered else None
        for quadrant in QUADRANTS:
            box = self.query_one(f"#q-{quadrant}", QuadrantBox)
            items = self._by_quadrant[quadrant]
            box.set_titles(user_content(f"{quadrant_label(board, quadrant)} ({len(items)})", single_line=True), " · ".join(t(f"exnovation.axis.{axis}") for axis in AXES[quadrant]))
            box.show(items, self.selected, t(f"exnovation.guidance.{quadrant}"))
        untriaged = self._by_quadrant[None]
        box = self.query_one("#untriaged", QuadrantBox)
        box.set_titles(user_content(f"{quadrant_label(board, None)} ({len(untriaged)})", single_line=True), t("exnovation.untriaged_hint") if untriaged else "")
        box.show(untriaged, self.selected)

    def _box_of(self, item_id: str | None) -> QuadrantBox | None:
        at = self._place.get(item_id) if item_id is not None else None
        if at is None:
            return None
        quadrant = self._ordered[at].quadrant
        return self.query_one("#untriaged" if quadrant is None else f"#q-{quadrant}", QuadrantBox)

    def _select(self, item_id: str) -> None:
        """Move the selection: only the boxes it leaves and enters are shown again."""
        self._index()
        if self._indexed is None or self.selected not in self._place:
            self.selected = item_id
            self.show()
            return
        boxes = {self._box_of(self.selected), self._box_of(item_id)}
        self.selected = item_id
        for box in boxes:
            if box is not None:
                box.show(box.items, item_id, box.guidance)

    # ---- keys -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(self.selected)

    def action_select(self, step: int) -> None:
        ordered = self.ordered()
        if not ordered:
            return
        at = self._place.get(self.selected, -step) if self.selected is not None else -step
        self._select(ordered[(at + step) % len(ordered)].id)

    def action_next_untriaged(self) -> None:
        """The next item not yet triaged after the selected one (round to the first)."""
        self._index()
        untriaged = self._by_quadrant[None]
        if not untriaged:
            self.notify(t("exnovation.all_triaged"))
            return
        first = self._place[untriaged[0].id]  # the untriaged come last in tab order
        at = self._place[self.selected] - first if self.selected in self._place and self._ordered[self._place[self.selected]].quadrant is None else -1
        self._select(untriaged[(at + 1) % len(untriaged)].id)

    def action_move(self, direction: str) -> None:
        self._index()
        at = self._place.get(self.selected) if self.selected else None
        item = self._ordered[at] if at is not None else None
        if item is None:
            return
        field, value = MOVES[direction]
        other = "important" if field == "urgent" else "urgent"
        changes: dict[str, object] = {field: value}
        if getattr(item, other) is None:
            changes[other] = False
        if all(getattr(item, name) == wanted for name, wanted in changes.items()):
            return
        problem = change_item(self.session, item.id, **changes)
        if problem:
            self.notify(problem, severity="error")

    def action_open(self) -> None:
        if self.selected is not None:
            from tui.exnovation.item import ItemScreen

            self.app.push_screen(ItemScreen(self.session, self.selected))

    def action_rename(self) -> None:
        board = self.session.document
        choices = [(quadrant, quadrant_label(board, quadrant), str(number)) for number, quadrant in enumerate(QUADRANTS, 1)]

        def which(quadrant: str | None) -> None:
            if quadrant is None:
                return
            ask = Ask(t("exnovation.rename_title"), t("exnovation.rename_hint", default=t(f"exnovation.quadrant.{quadrant}")), quadrant_label(board, quadrant), max_length=24)
            self.app.push_screen(ask, lambda label: self.rename(quadrant, label))

        self.app.push_screen(Choice(t("exnovation.rename_which"), t("exnovation.rename_which_body"), choices), which)

    def rename(self, quadrant: str, label: str | None) -> None:
        if label is None:
            return
        labels = dict(self.session.document.quadrant_labels)
        if label == t(f"exnovation.quadrant.{quadrant}"):
            labels.pop(quadrant, None)  # back to the default, which follows the language
        else:
            labels[quadrant] = label
        problem = self.session.update(quadrant_labels=labels)
        if problem:
            self.notify(problem, severity="error")
