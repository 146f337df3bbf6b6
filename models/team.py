"""What a team adds to a board it shares (saved/inbox.py): dot votes, and the inbox entries merged.

A vote names its voter: a member's user name, taken from the owner of the inbox file it came in
(not from the file's text, which anyone in the group could write). The board shows counts only.
"""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
from typing import Annotated

from pydantic import Field

from models.base import Id, Name, Strict

#: How many dots each member may place on a board (one per item), unless the board says otherwise.
DEFAULT_DOTS = 3
MAX_VOTES = 5_000
#: Inbox entries merged, newest last: a merge killed before it removed the files finds them here
#: and removes them without counting them twice. The oldest are dropped past this many.
MAX_MERGED = 5_000

Dots = Annotated[int, Field(ge=1, le=20)]


class Vote(Strict):
    item_id: Id
    voter: Annotated[str, Field(min_length=1, max_length=64)]


def votes_for(votes: list[Vote], item_id: str) -> int:
    return sum(1 for vote in votes if vote.item_id == item_id)


def dots_used(votes: list[Vote], voter: str) -> int:
    return sum(1 for vote in votes if vote.voter == voter)


__all__ = ["DEFAULT_DOTS", "MAX_MERGED", "MAX_VOTES", "Dots", "Id", "Name", "Vote", "dots_used", "votes_for"]
