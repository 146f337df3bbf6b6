"""The document kinds. One document is one TOML file that starts with `kind` and `schema_version`."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal, Union

from pydantic import Field, ModelWrapValidatorHandler, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

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
from models.gauge import Reading
from models.network import Actor

#: How long a case is kept before the home screen asks whether it is still needed.
DEFAULT_REVIEW_AFTER = timedelta(days=365)

MAX_ACTORS = 500
MAX_READINGS = 20_000


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
    #: The collaboration network around the citizen (tool 2).
    actors: Annotated[list[Actor], Field(max_length=MAX_ACTORS)] = Field(default_factory=list)
    #: The gauge's readings (tool 1), in the order they were added.
    readings: Annotated[list[Reading], Field(max_length=MAX_READINGS)] = Field(default_factory=list)

    def review_due(self, today: date | None = None) -> bool:
        return self.review_date <= (today or date.today())

    def actor(self, actor_id: str) -> Actor | None:
        return next((actor for actor in self.actors if actor.id == actor_id), None)

    @model_validator(mode="wrap")
    @classmethod
    def _references_hold(cls, data: Any, handler: ModelWrapValidatorHandler[Case]) -> Case:
        """Ids are unique, and every reading's actor is an actor of this case.

        Each error is located at the offending field (e.g. readings.3.actor_id), so a file's
        problem report can give the line. A "wrap" validator rather than "after": on a validated
        assignment pydantic sets the new value before an after-validator runs and keeps it when
        that validator fails (pydantic#7105); here a refused assignment is rolled back.
        """
        before = dict(data.__dict__) if isinstance(data, Case) else None
        case = handler(data)
        errors = case._reference_errors()
        if errors:
            if before is not None:
                case.__dict__.clear()
                case.__dict__.update(before)
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return case

    def _reference_errors(self) -> list[InitErrorDetails]:
        errors: list[InitErrorDetails] = []
        seen: set[str] = set()
        for index, actor in enumerate(self.actors):
            if actor.id in seen:
                errors.append(_error("duplicate_id", "actor {index}: the id '{id}' is used by another actor", ("actors", index, "id"), index, actor.id))
            seen.add(actor.id)
        seen_readings: set[str] = set()
        for index, reading in enumerate(self.readings):
            if reading.id in seen_readings:
                errors.append(_error("duplicate_id", "reading {index}: the id '{id}' is used by another reading", ("readings", index, "id"), index, reading.id))
            seen_readings.add(reading.id)
            if reading.actor_id is not None and reading.actor_id not in seen:
                errors.append(_error("unknown_actor", "reading {index}: no actor with the id '{id}' in this case", ("readings", index, "actor_id"), index, reading.actor_id))
        return errors


def _error(kind: str, message: str, loc: tuple[str | int, ...], index: int, value: str) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(kind, message, {"index": index, "id": value}), loc=loc, input=value)


def readings_in_future(case: Case, now: datetime, slack: timedelta = timedelta(minutes=5)) -> list[tuple[int, Reading]]:
    """The readings (index, reading) taken after `now` + `slack`: a wrong clock, or a typo.

    The model accepts them (a file should not become damaged by a wrong clock); `samspil check`
    and the UI report them.
    """
    limit = now + slack
    return [(index, reading) for index, reading in enumerate(case.readings) if reading.taken > limit]


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
