"""The document kinds. One document is one TOML file that starts with `kind` and `schema_version`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal, Union

from pydantic import Field

from models.base import (
    SCHEMA_VERSION,
    Id,
    LongText,
    Name,
    ShortText,
    Strict,
    Timestamp,
    new_id,
    now,
)

#: How long a case is kept before the home screen asks whether it is still needed.
DEFAULT_REVIEW_AFTER = timedelta(days=365)


class DocumentBase(Strict):
    kind: str
    schema_version: Annotated[int, Field(ge=1)] = SCHEMA_VERSION
    id: Id = Field(default_factory=new_id)
    title: Annotated[str, Field(min_length=1, max_length=80)]
    created: Timestamp = Field(default_factory=now)
    changed: Timestamp = Field(default_factory=now)
    archived: bool = False
    notes: LongText = ""


class Case(DocumentBase):
    """One citizen's case. `title` is a pseudonym or initials, never a real name or CPR number."""

    kind: Literal["case"] = "case"
    review_date: date = Field(default_factory=lambda: date.today() + DEFAULT_REVIEW_AFTER)

    def review_due(self, today: date | None = None) -> bool:
        return self.review_date <= (today or date.today())


class Board(DocumentBase):
    """One team's exnovation board: the practices it considers stopping."""

    kind: Literal["board"] = "board"
    team: Name = ""


class Supervision(DocumentBase):
    """One supervision meeting between a supervisor and a practitioner."""

    kind: Literal["session"] = "session"
    held_on: date = Field(default_factory=date.today)
    supervisor: Name = ""
    practitioner: Name = ""
    case_id: Id | None = None
    agenda: ShortText = ""


Document = Annotated[Union[Case, Board, Supervision], Field(discriminator="kind")]
DOCUMENT_KINDS: dict[str, type[DocumentBase]] = {"case": Case, "board": Board, "session": Supervision}


class Settings(Strict):
    """The user's preferences; one per data directory."""

    kind: Literal["settings"] = "settings"
    schema_version: Annotated[int, Field(ge=1)] = SCHEMA_VERSION
    lang: Literal["da", "en"] | None = None
    theme: Annotated[str, Field(max_length=40)] | None = None
    keymap: Annotated[dict[Annotated[str, Field(max_length=40)], Annotated[str, Field(max_length=60)]], Field(max_length=200)] = Field(default_factory=dict)
