"""What is due across documents: an exnovation item's deadline, a supervision agreement's due
date, a case's review date.

Pure and cheap: `due_dates` reads one loaded document and is what the home index keeps per file
(saved/summaries.py, which imports this module without pydantic or the models), so `samspil due`, `samspil check` and the home screen list what is overdue
without loading every document. Whether a date is overdue is asked with today's date when listing,
not when indexing, so the index stays right from one day to the next.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from saved.summaries import Summary

#: Kinds of entries: "item" (a board's open item), "agreement" (a session's action not done),
#: "review" (a case's review date), and "settled": an earlier session's agreement that this
#: session has taken a stand on (kept, closed or dropped; `ref` its id), never itself due.
DUE_KINDS = ("item", "agreement", "review", "settled")
#: At most this many per document in the index; the rest are counted, not listed.
MAX_PER_DOCUMENT = 50


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class Due(NamedTuple):
    """One date something should be done by. `what` is a board item's practice or an agreement's
    owner initials (an agreement's own text is free text and stays out of the index); empty for
    a review."""

    kind: str
    on: date
    what: str = ""
    #: An agreement's id (a kept agreement lives on in the later session under the same id).
    ref: str = ""

    def overdue(self, today: date) -> bool:
        """A board item or an agreement is overdue the day after its date; a review is due on its
        day (as on the home screen)."""
        return self.on <= today if self.kind == "review" else self.on < today


def due_dates(document: Any) -> tuple[Due, ...]:
    """The dates in one document that can become overdue (open items, agreements not done, the
    review date), earliest first."""
    found: list[Due] = []
    settled: list[Due] = []
    kind = getattr(document, "kind", "")
    if kind == "exnovation":
        from models.exnovation import OPEN_STAGES

        found += [Due("item", item.deadline, item.what) for item in document.items if item.deadline and item.stage in OPEN_STAGES]
    elif kind == "supervision":
        found += [Due("agreement", action.due, action.owner, action.id) for action in document.actions if action.due and not action.done]
        settled = [Due("settled", document.held_on, "", ref) for ref in document.considered]
    review = getattr(document, "review_date", None)
    if review is not None:
        found.append(Due("review", review))
    return tuple(sorted(found, key=lambda due: due.on)[:MAX_PER_DOCUMENT] + settled)


def overdue(rows: Iterable[Summary], today: date) -> list[tuple[Summary, Due]]:
    """Every overdue entry of the documents not archived, oldest first, with its document's summary."""
    rows = [row for row in rows if not row.damaged and not row.archived]
    # An agreement a later session kept, closed or dropped is that session's now, not still
    # overdue in the earlier one (a kept one is listed once, from the later session).
    settled_by = {(due.ref, row.path) for row in rows for due in row.due if due.kind == "settled"}

    def superseded(row: Summary, due: Due) -> bool:
        return due.kind == "agreement" and any(ref == due.ref and path != row.path for ref, path in settled_by)

    found = [(row, due) for row in rows for due in row.due if due.kind != "settled" and due.overdue(today) and not superseded(row, due)]
    return sorted(found, key=lambda pair: (pair[1].on, pair[0].title, pair[1].what))
