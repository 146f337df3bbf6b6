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

    def ordered(self) -> list[Item]:
        """The items in the order tab walks them: quadrant by quadrant, then the untriaged."""
        items = self.session.document.items
        return [item for quadrant in (*QUADRANTS, None) for item in items if item.quadrant == quadrant]

    def show(self) -> None:
        board = self.session.document
        ordered = self.ordered()
        if self.selected not in {item.id for item in ordered}:
            self.selected = ordered[0].id if ordered else None
        for quadrant in QUADRANTS:
            box = self.query_one(f"#q-{quadrant}", QuadrantBox)
            items = [item for item in ordered if item.quadrant == quadrant]
            box.set_titles(user_content(f"{quadrant_label(board, quadrant)} ({len(items)})", single_line=True), " · ".join(t(f"exnovation.axis.{axis}") for axis in AXES[quadrant]))
            box.show(items, self.selected, t(f"exnovation.guidance.{quadrant}"))
        untriaged = [item for item in ordered if item.quadrant is None]
        box = self.query_one("#untriaged", QuadrantBox)
        box.set_titles(user_content(f"{quadrant_label(board, None)} ({len(untriaged)})", single_line=True), t("exnovation.untriaged_hint") if untriaged else "")
        box.show(untriaged, self.selected)

    # ---- keys -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(self.selected)

    def action_select(self, step: int) -> None:
        ordered = self.ordered()
        if not ordered:
            return
        ids = [item.id for item in ordered]
        at = ids.index(self.selected) if self.selected in ids else -step
        self.selected = ids[(at + step) % len(ids)]
        self.show()

    def action_next_untriaged(self) -> None:
        """The next item not yet triaged after the selected one (round to the first)."""
        untriaged = [item.id for item in self.ordered() if item.quadrant is None]
        if not untriaged:
            self.notify(t("exnovation.all_triaged"))
            return
        at = untriaged.index(self.selected) if self.selected in untriaged else -1
        self.selected = untriaged[(at + 1) % len(untriaged)]
        self.show()

    def action_move(self, direction: str) -> None:
        item = self.session.document.item(self.selected) if self.selected else None
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
