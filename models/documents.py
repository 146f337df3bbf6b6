"""The document kinds. One document is one TOML file that starts with `kind` and `schema_version`.

The case is here, with what every kind has; the exnovation board is in models/exnovation.py and
the supervision session in models/supervision.py, each imported when first needed (DOCUMENT_KINDS)."""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
from datetime import date, datetime, timedelta
from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import Annotated, Any, Literal, Union

from pydantic import Field, ModelWrapValidatorHandler, PrivateAttr, StringConstraints, ValidationError, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from models.base import (
    BUILT_AT_ONCE,
    SCHEMA_VERSION,
    Id,
    LongText,
    Strict,
    Timestamp,
    empty_list,
    new_id,
    now,
)
from models.gauge import FUTURE_SLACK, Reading, in_the_future
from models.network import CITIZEN, Actor, Tie
from models.meeting import MAX_MEETINGS, Meeting

#: How long a case is kept before the home screen asks whether it is still needed.
DEFAULT_REVIEW_AFTER = timedelta(days=365)

MAX_ACTORS = 500
#: Enough for a dense network of MAX_ACTORS (six ties each); a real one has a few per actor.
MAX_TIES = 3000
MAX_READINGS = 20_000
MAX_SESSION_READINGS = 200


#: How many exports a document's log keeps (the oldest go first).
MAX_EXPORT_RECORDS = 1000
ExportFormat = Literal["md", "html", "json", "dot", "svg"]
ExportTarget = Literal["file", "clipboard", "stdout"]


class ExportRecord(Strict):
    """One report, export or clipboard copy of the document: when, in which format, whether it was
    private (the privacy screen's rule), and where it went. Health data leaving samspil is logged
    (Datatilsynet), and a citizen's request for insight can be answered from it."""

    model_config = BUILT_AT_ONCE  # in every kind of document

    at: Timestamp = Field(default_factory=now)
    format: ExportFormat
    private: bool
    to: ExportTarget
    #: The file it was written to (in exports/, or where `-o` put it); empty for the clipboard and stdout.
    path: Annotated[str, StringConstraints(max_length=1000)] = ""


def logged(exports: list[ExportRecord], record: ExportRecord) -> list[ExportRecord]:
    """The export log with `record` added (a new list, as the document session wants)."""
    return [*exports, record][-MAX_EXPORT_RECORDS:]


class DocumentBase(Strict):
    kind: str
    schema_version: Annotated[int, Field(ge=1)] = SCHEMA_VERSION
    id: Id = Field(default_factory=new_id)
    title: Annotated[str, Field(min_length=1, max_length=80)]
    created: Timestamp = Field(default_factory=now)
    changed: Timestamp = Field(default_factory=now)
    archived: bool = False
    notes: LongText = ""
    #: The export log: every report, export or clipboard copy of this document.
    exports: list[ExportRecord] = Field(default_factory=empty_list, max_length=MAX_EXPORT_RECORDS)


def checked(
    cls,
    data: Any,
    handler: ModelWrapValidatorHandler,
    info: ValidationInfo,
    errors_of: Callable[[Any, str | None], list[InitErrorDetails]],
    checked: tuple[str, ...],
):
    """Run pydantic's validation, then the document's own cross-field checks (`errors_of`).

    Used as a "wrap" model validator rather than "after": on a validated assignment pydantic sets
    the new value before an after-validator runs and keeps it when that validator fails
    (pydantic#7105); here a refused assignment is rolled back. Each error is located at the
    offending field (e.g. readings.3.actor_id), so a file's problem report can give the line.

    An assignment is checked only for what it changed: `info.field_name` is the assigned field, and
    one outside `checked` (a title, the notes: a keystroke) cannot break a reference, so the lists
    are not walked again. Lists are assigned whole, never changed in place, for the same reason.
    """
    assigned = info.field_name  # None: a whole document is being validated
    if assigned is not None and assigned not in checked:
        return handler(data)
    before = dict(data.__dict__) if isinstance(data, cls) else None
    document = handler(data)
    errors = errors_of(document, assigned)
    if errors:
        if before is not None:
            document.__dict__.clear()
            document.__dict__.update(before)
        raise ValidationError.from_exception_data(cls.__name__, errors)
    return document


class _Derived:
    """Values derived from a document's lists (an id -> position map, the ties of each end), each
    kept until its list is replaced: lists are assigned whole, so a new list object (or, for safety,
    a new length) means a rebuild. A cache, not part of the document: it equals any other (pydantic
    compares private attributes in ==), and a copy or a pickle starts empty."""

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held: dict[str, tuple[list, int, Any]] = {}

    def of(self, name: str, items: list, build: Callable[[list], Any]) -> Any:
        held = self._held.get(name)
        if held is None or held[0] is not items or held[1] != len(items):
            held = (items, len(items), build(items))
            self._held[name] = held
        return held[2]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Derived)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self):
        return (_Derived, ())


def _positions(items: list) -> dict[str, int]:
    """Each id's position in `items` (the first, should an id appear twice)."""
    at: dict[str, int] = {}
    for index, item in enumerate(items):
        at.setdefault(item.id, index)
    return at


def _ties_by_end(ties: list[Tie]) -> dict[str, list[Tie]]:
    by_end: dict[str, list[Tie]] = {}
    for tie in ties:
        for end in tie.ends:
            by_end.setdefault(end, []).append(tie)
    return by_end


class Case(DocumentBase):
    """One citizen's case. `title` is a pseudonym or initials, never a real name or CPR number."""

    kind: Literal["case"] = "case"
    review_date: date = Field(default_factory=lambda: date.today() + DEFAULT_REVIEW_AFTER)
    #: The collaboration network around the citizen (tool 2).
    actors: list[Actor] = Field(default_factory=empty_list, max_length=MAX_ACTORS)
    #: The ties between actors, and between the citizen (models.network.CITIZEN) and actors.
    ties: list[Tie] = Field(default_factory=empty_list, max_length=MAX_TIES)
    #: The gauge's readings (tool 1), in the order they were added.
    readings: list[Reading] = Field(default_factory=empty_list, max_length=MAX_READINGS)
    #: Network meetings (models/meeting.py): participants, agenda, who does what, actions, snapshot.
    meetings: list[Meeting] = Field(default_factory=empty_list, max_length=MAX_MEETINGS)

    _derived: _Derived = PrivateAttr(default_factory=_Derived)

    def review_due(self, today: date | None = None) -> bool:
        return self.review_date <= (today or date.today())

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None. O(1): a map built once per list of actors."""
        index = self.actor_index(actor_id)
        return None if index is None else self.actors[index]

    def actor_index(self, actor_id: str) -> int | None:
        """Where the actor with this id is in `actors` (0-based; its number is this + 1), or None."""
        return self._derived.of("actors", self.actors, _positions).get(actor_id)

    def reading(self, reading_id: str) -> Reading | None:
        """The reading with this id, or None. O(1), as `actor`."""
        index = self.reading_index(reading_id)
        return None if index is None else self.readings[index]

    def reading_index(self, reading_id: str) -> int | None:
        """Where the reading with this id is in `readings` (the order they were added), or None."""
        return self._derived.of("readings", self.readings, _positions).get(reading_id)

    @model_validator(mode="wrap")  # type: ignore[arg-type, unused-ignore]  # mypy matches pydantic's protocol for a wrap validator or not, by the order it checks modules in
    @classmethod
    def _references_hold(cls, data: Any, handler: ModelWrapValidatorHandler["Case"], info: ValidationInfo) -> "Case":
        """Ids are unique, every reading's actor is an actor of this case, and every tie joins two
        different ends (actors of this case, or the citizen) that no other tie joins."""
        return checked(cls, data, handler, info, Case._reference_errors, ("actors", "ties", "readings"))

    def _reference_errors(self, assigned: str | None = None) -> list[InitErrorDetails]:
        """The broken references; after an assignment of `readings` or `ties` only in that list
        (the actors, which both point at, did not change)."""
        errors: list[InitErrorDetails] = []
        seen: set[str] = set()
        for index, actor in enumerate(self.actors):
            if actor.id in seen:
                errors.append(reference_error("duplicate_id", "actor {index}: the id '{id}' is used by another actor", ("actors", index, "id"), index, actor.id))
            seen.add(actor.id)
        if assigned != "ties":
            seen_readings: set[str] = set()
            for index, reading in enumerate(self.readings):
                if reading.id in seen_readings:
                    errors.append(reference_error("duplicate_id", "reading {index}: the id '{id}' is used by another reading", ("readings", index, "id"), index, reading.id))
                seen_readings.add(reading.id)
                if reading.actor_id is not None and reading.actor_id != CITIZEN and reading.actor_id not in seen:
                    errors.append(reference_error("unknown_actor", "reading {index}: no actor with the id '{id}' in this case", ("readings", index, "actor_id"), index, reading.actor_id))
        if assigned != "readings":
            errors += _tie_errors(self.ties, seen)
        return errors

    def ties_of(self, end: str) -> list[Tie]:
        """The ties that touch this actor id (or CITIZEN), in their order in `ties`. O(ties of
        this end): a map of every end's ties is built once per list of ties."""
        return list(self._derived.of("ties", self.ties, _ties_by_end).get(end, ()))


def _tie_errors(ties: list[Tie], actor_ids: set[str]) -> list[InitErrorDetails]:
    errors: list[InitErrorDetails] = []
    seen_ids: set[str] = set()
    first_with: dict[frozenset[str], int] = {}
    for index, tie in enumerate(ties):
        if tie.id in seen_ids:
            errors.append(reference_error("duplicate_id", "tie {index}: the id '{id}' is used by another tie", ("ties", index, "id"), index, tie.id))
        seen_ids.add(tie.id)
        for end in ("a", "b"):
            value = getattr(tie, end)
            if value != CITIZEN and value not in actor_ids:
                errors.append(reference_error("unknown_actor", "tie {index}: no actor with the id '{id}' in this case", ("ties", index, end), index, value))
        if tie.a == tie.b:
            errors.append(reference_error("self_tie", "tie {index}: joins '{id}' to itself", ("ties", index, "b"), index, tie.b))
        elif tie.ends in first_with:
            errors.append(reference_error("duplicate_tie", "tie {index}: joins the same two ends as tie {id}", ("ties", index, "b"), index, str(first_with[tie.ends])))
        first_with.setdefault(tie.ends, index)
    return errors


def reference_error(kind: str, message: str, loc: tuple[str | int, ...], index: int, value: str) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(kind, message, {"index": index, "id": value}), loc=loc, input=value)


def readings_in_future(case: Case, now: datetime, slack: timedelta = FUTURE_SLACK) -> list[tuple[int, Reading]]:
    """The readings (index, reading) taken after `now` + `slack`: a wrong clock, or a typo.

    The model accepts them (a file should not become damaged by a wrong clock); `samspil check`
    and the UI report them.
    """
    return [(index, reading) for index, reading in enumerate(case.readings) if in_the_future(reading.taken, now, slack)]


#: kind → (module, class). A board's or a session's model is imported when first asked for: a
#: case is opened on a later start without them (~26 M instructions, ~4 ms). A test checks that
#: this, tui.kinds.SCREENS and saved.reports.SECTIONS name the same kinds.
_MODELS = {
    "case": ("models.documents", "Case"),
    "exnovation": ("models.exnovation", "Exnovation"),
    "supervision": ("models.supervision", "Supervision"),
}


class _Kinds(Mapping[str, type[DocumentBase]]):
    """Each kind's model by its name; `in`, len() and the names need no model imported."""

    def __getitem__(self, kind: str) -> type[DocumentBase]:
        module, name = _MODELS[kind]
        return getattr(import_module(module), name)

    def __contains__(self, kind: object) -> bool:
        return kind in _MODELS

    def __iter__(self) -> Iterator[str]:
        return iter(_MODELS)

    def __len__(self) -> int:
        return len(_MODELS)


DOCUMENT_KINDS: Mapping[str, type[DocumentBase]] = _Kinds()


def document_union() -> Any:
    """Every kind as one discriminated union (saved.store validates a file that fails its own
    kind's model with it, for errors that name the kind)."""
    return Annotated[Union[tuple(DOCUMENT_KINDS.values())], Field(discriminator="kind")]  # noqa: UP007  (a union of a tuple)


class Settings(Strict):
    """The user's preferences; one per data directory."""

    kind: Literal["settings"] = "settings"
    schema_version: Annotated[int, Field(ge=1)] = SCHEMA_VERSION
    lang: Literal["da", "en"] | None = None
    #: Start with the privacy screen on (for a supervisor who shows the screen to others).
    privacy: bool = False
    theme: Annotated[str, Field(max_length=40)] | None = None
    #: Draw with ASCII only (true), never (false), or as the terminal suggests (unset).
    ascii: bool | None = None
    keymap: dict[Annotated[str, Field(max_length=40)], Annotated[str, Field(max_length=60)]] = Field(default_factory=dict, max_length=200)
    #: Team folders (saved/team.py) whose documents the home screen lists beside the user's own.
    teams: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(default_factory=empty_list, max_length=20)
