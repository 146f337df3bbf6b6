"""What the board's screens share: words and symbols for stages and quadrants, and error messages."""

from __future__ import annotations

from pydantic import ValidationError
from textual.screen import Screen

from models.documents import Board
from models.exnovation import Item
from tui.i18n import t
from tui.widgets.fields import validation_message

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


def quadrant_label(board: Board, quadrant: str | None) -> str:
    """The team's own name for the quadrant, or the default (DO / GØR ...); '?' when not triaged."""
    if quadrant is None:
        return t("exnovation.quadrant.none")
    return board.quadrant_labels.get(quadrant) or t(f"exnovation.quadrant.{quadrant}")


def error_message(error: ValidationError) -> str:
    """A short translated reason, with the board's own rules in words the team uses."""
    first = error.errors(include_url=False)[0]
    if first["type"] == "required_by_law":
        return t("exnovation.error.required_by_law")
    if first["type"] in ("greater_than_equal", "less_than_equal") and first["loc"][-1] == "strength":
        return t("exnovation.error.strength")
    if first["type"] in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return t("error.date")
    return validation_message(error)


class ItemView(Screen):
    """A screen on one item of the board underneath (the item editor, the force field)."""

    def __init__(self, board, item_id: str) -> None:
        super().__init__()
        self.board = board  # the BoardScreen underneath: it owns the document and saves it
        self.item_id = item_id

    @property
    def item(self) -> Item | None:
        return self.board.document.item(self.item_id)
