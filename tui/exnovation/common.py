"""What the board's screens share: words and symbols for stages and quadrants, and item changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from models.documents import Exnovation
from models.exnovation import Item, with_changes
from tui.document.session import DocumentSession
from models.text import safe_text
from tui.i18n import t

if TYPE_CHECKING:
    from tui.app import SamspilApp

#: Every stage has a symbol as well as a word: the state reads without colour.
STAGE_SYMBOLS = {
    "nominated": "○",
    "assessed": "◔",
    "decided": "◑",
    "phasing_out": "◕",
    "stopped": "●",
    "kept": "◆",
    "evaluated": "✓",
}
#: Marks an item whose rule is required by law or regulation.
LAW_MARK = "§"
OVERDUE_MARK = "!"
FEEDBACK_MARK = "✉"


def stage_word(stage: str) -> str:
    return t(f"exnovation.stage.{stage}")


def stage_label(stage: str) -> str:
    return f"{STAGE_SYMBOLS[stage]} {stage_word(stage)}"


def quadrant_label(board: Exnovation, quadrant: str | None) -> str:
    """The team's own name for the quadrant (from the file: made safe for the terminal), or the
    default (DO / GØR ...); '?' when not triaged."""
    if quadrant is None:
        return t("exnovation.quadrant.none")
    labels = cast("dict[str, str]", board.quadrant_labels)  # Quadrant keys are strings
    return safe_text(labels.get(quadrant) or t(f"exnovation.quadrant.{quadrant}"), single_line=True)


def change_item(session: DocumentSession, item_id: str, **changes: object) -> str | None:
    """Change an item's fields through the session (a validated copy replaces it); the reason
    it was refused, or None when done."""

    def change(board: Exnovation) -> None:
        item = board.item(item_id)
        if item is not None:
            board.items = [with_changes(item, **changes) if other.id == item_id else other for other in board.items]

    return session.apply(change)


def add_item(session: DocumentSession, item: Item) -> str | None:
    """Put a new item on the board; the reason it was refused, or None."""
    return session.update(items=[*session.document.items, item])


class ItemView(Screen):
    """A screen on one item of the board (the item editor, the force field)."""

    app: SamspilApp

    def __init__(self, session: DocumentSession, item_id: str) -> None:
        super().__init__()
        self.session = session
        self.item_id = item_id

    def on_mount(self) -> None:
        self.session.subscribe(self)

    @property
    def item(self) -> Item | None:
        return self.session.document.item(self.item_id)

    def change(self, **changes: object) -> str | None:
        return change_item(self.session, self.item_id, **changes)
