"""What the board's screens share: words and symbols for stages and quadrants, and item changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from models.exnovation import Exnovation, Item, with_changes
from tui.document.session import DocumentSession
from models.text import safe_text
from saved.reports import labels
from tui.i18n import t

if TYPE_CHECKING:
    from tui.app import SamspilApp

#: Marks an item whose rule is required by law or regulation.
LAW_MARK = "§"
OVERDUE_MARK = "!"
FEEDBACK_MARK = "✉"


def stage_label(stage: str) -> str:
    return labels.stage_label(stage, t)


def quadrant_label(board: Exnovation, quadrant: str | None) -> str:
    """The quadrant's name as the screens show it: made safe for the terminal."""
    return safe_text(labels.quadrant_label(board, quadrant, t), single_line=True)


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
