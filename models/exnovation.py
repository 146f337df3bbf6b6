"""The exnovation board's items: practices, rules and routines a team considers stopping (tool 3).

One item walks from "this wastes our time" to "we stopped, and here is what happened":
nominated (Break the Rules / Getting Rid of Stupid Stuff), triaged with the priority matrix
(Eisenhower), its rule checked (law, local rule or myth?), weighed with a force field analysis
(Lewin), decided and followed up. Everything here is pure: wording lives in the UI's catalogs.
"""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, ModelWrapValidatorHandler, StringConstraints, ValidationError, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from models.base import Id, Name, Rating5, Strict, empty_list, new_id
from models.documents import DocumentBase, checked
from models.team import DEFAULT_DOTS, MAX_MERGED, MAX_VOTES, Dots, Vote

MAX_ITEMS = 500
MAX_FORCES = 20
MAX_STEPS = 50
TEXT_MAX = 2_000

Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
What = Annotated[str, StringConstraints(min_length=1, max_length=200)]
QuadrantLabel = Annotated[str, StringConstraints(min_length=1, max_length=24)]

# --------------------------------------------------------------------------------------------------
# Vocabulary (keys; the UI translates them)

#: The stages in board order. After "decided" the path forks: a kept practice goes to "kept",
#: anything else through "phasing_out" to "stopped"; both end in "evaluated".
Stage = Literal["nominated", "assessed", "decided", "phasing_out", "stopped", "kept", "evaluated"]
STAGES: tuple[str, ...] = get_args(Stage)
#: Stages where the decision is still open or being carried out: a passed deadline is overdue.
OPEN_STAGES = frozenset({"nominated", "assessed", "decided", "phasing_out"})
#: Stages where the outcome is known: the nominator should be told.
OUTCOME_STAGES = frozenset({"stopped", "kept", "evaluated"})

#: The priority matrix. DO: urgent and important; SCHEDULE: important, not urgent;
#: DELEGATE: urgent, not important; DELETE: neither.
Quadrant = Literal["do", "schedule", "delegate", "delete"]
QUADRANTS: tuple[Quadrant, ...] = get_args(Quadrant)

#: Where the rule comes from: law or regulation, a local rule, a myth ("we always need ..."),
#: or not yet checked.
Source = Literal["unknown", "law", "local", "myth"]
SOURCES: tuple[str, ...] = get_args(Source)

#: The kind of change (the material: remove, reduce, replace, restrict; or keep it).
Change = Literal["remove", "reduce", "replace", "restrict", "keep"]
CHANGES: tuple[str, ...] = get_args(Change)

Side = Literal["helping", "hindering"]

#: What a freed resource is counted in: hours a week, hours a month, or kroner a year.
Unit = Literal["hours_week", "hours_month", "money_year"]
UNITS: tuple[str, ...] = get_args(Unit)
#: Hours a week as hours a month (52 weeks over 12 months), so the totals add up.
WEEKS_PER_MONTH = 52 / 12
MAX_AMOUNT = 10_000_000
SwitchText = Annotated[str, StringConstraints(max_length=300)]


class Force(Strict):
    """One force in a force field analysis: what pushes for or holds back the change, 1-5."""

    text: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    strength: Rating5


class Step(Strict):
    """One step of the phase-out plan."""

    text: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    done: bool = False


class Freed(Strict):
    """Time or money an item frees: estimated at the decision, measured at the evaluation."""

    amount: Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
    unit: Unit = "hours_month"
    note: Annotated[str, StringConstraints(max_length=300)] = ""

    @property
    def hours_month(self) -> float:
        """Hours a month (0 for money)."""
        if self.unit == "hours_week":
            return self.amount * WEEKS_PER_MONTH
        return self.amount if self.unit == "hours_month" else 0.0

    @property
    def money_year(self) -> float:
        return self.amount if self.unit == "money_year" else 0.0


class Item(Strict):
    """One practice, rule or routine the team considers stopping."""

    id: Id = Field(default_factory=new_id)
    # 1. Nomination
    what: What
    nominated_by: Name = ""
    nominated_on: date
    why: Text = ""
    # 2. Triage: None means "not yet answered"
    urgent: bool | None = None
    important: bool | None = None
    # 3. Rule check
    source: Source = "unknown"
    citizen_value: Text = ""
    if_stopped: Text = ""
    #: Why a rule required by law may still be stopped here (e.g. the law changed); required then.
    override_note: Text = ""
    # 4. Force field
    helping: list[Force] = Field(default_factory=empty_list, max_length=MAX_FORCES)
    hindering: list[Force] = Field(default_factory=empty_list, max_length=MAX_FORCES)
    current_situation: Text = ""
    new_situation: Text = ""
    # 5. Decision and follow-up
    change: Change | None = None
    owner: Name = ""
    deadline: date | None = None
    steps: list[Step] = Field(default_factory=empty_list, max_length=MAX_STEPS)
    #: When the item was marked stopped (set by the move to "stopped"; None in older files).
    stopped_on: date | None = None
    #: Why the item was stopped with steps not ticked (the guard for "stopped" asks for it).
    stop_note: Text = ""
    #: Heath's SWITCH in the decision: direct the rider, motivate the elephant, shape the path.
    switch_rider: SwitchText = ""
    switch_elephant: SwitchText = ""
    switch_path: SwitchText = ""
    freed_estimated: Freed | None = None
    freed_measured: Freed | None = None
    stage: Stage = "nominated"
    #: What data will show it worked.
    evidence: Text = ""
    #: What happened (the evaluation).
    outcome: Text = ""
    nominator_told: bool = False

    @property
    def required(self) -> bool:
        """Required by law or regulation: flagged, and not stopped without an override note."""
        return self.source == "law"

    @property
    def quadrant(self) -> str | None:
        """The priority matrix's answer, or None until both questions are answered."""
        if self.urgent is None or self.important is None:
            return None
        return quadrant_of(self.urgent, self.important)

    @model_validator(mode="wrap")  # type: ignore[arg-type, unused-ignore]  # as Exnovation's below
    @classmethod
    def _law_is_respected(cls, data: Any, handler: ModelWrapValidatorHandler["Item"]) -> "Item":
        """A rule required by law is not marked stopped without an override note.

        Reported at `stage`, the field that was changed. A "wrap" validator, as in Case: a refused
        assignment is rolled back (an "after" validator would keep the value, pydantic#7105).
        """
        before = dict(data.__dict__) if isinstance(data, Item) else None
        item = handler(data)
        if item.required and _marked_stopped(item) and not item.override_note.strip():
            error = InitErrorDetails(
                type=PydanticCustomError("required_by_law", "required by law or regulation: write an override note before marking it stopped"),
                loc=("stage",),
                input=item.stage,
            )
            if before is not None:
                item.__dict__.clear()
                item.__dict__.update(before)
            raise ValidationError.from_exception_data(cls.__name__, [error])
        return item


def _marked_stopped(item: Item) -> bool:
    return item.stage == "stopped" or (item.stage == "evaluated" and item.change != "keep")


def quadrant_of(urgent: bool, important: bool) -> str:
    if important:
        return "do" if urgent else "schedule"
    return "delegate" if urgent else "delete"


def with_changes(item: Item, **changes: Any) -> Item:
    """A validated copy of `item` with `changes`. Raises ValidationError; `item` is untouched."""
    return Item.model_validate({**item.model_dump(), **changes})


# --------------------------------------------------------------------------------------------------
# Stages


def stage_path(item: Item) -> tuple[str, ...]:
    """The stages this item walks through, given its kind of change."""
    if item.change == "keep":
        return ("nominated", "assessed", "decided", "kept", "evaluated")
    return ("nominated", "assessed", "decided", "phasing_out", "stopped", "evaluated")


def next_stage(item: Item) -> str | None:
    """The stage after the item's current one, or None at the end or before a decision is made.

    From "decided" the path depends on the kind of change, so one must be chosen first.
    """
    if item.stage == "decided" and item.change is None:
        return None
    path = stage_path(item)
    if item.stage not in path:  # e.g. "kept" while the change is no longer "keep"
        return "evaluated"
    index = path.index(item.stage)
    return path[index + 1] if index + 1 < len(path) else None


def previous_stage(item: Item) -> str | None:
    path = stage_path(item)
    if item.stage not in path:
        return "decided"
    index = path.index(item.stage)
    return path[index - 1] if index > 0 else None


#: Why a stage cannot be reached yet; keys of the UI's catalog (exnovation.guard.*).
GUARDS = ("required_by_law", "steps_open", "no_outcome", "no_measured")


def stage_refusals(item: Item, target: str) -> list[str]:
    """What stops `item` from reaching `target` (guard keys); empty when it may.

    Going back is always allowed. Going forward, every guard of the stages passed on the way
    applies: "stopped" needs every step ticked or a note why not (and, for a rule required by
    law, the override note: said here with the rest; the model's validator still enforces it);
    "evaluated" an outcome and the measured effect.
    """
    path = stage_path(item)
    if target not in path or (item.stage in path and path.index(target) <= path.index(item.stage)):
        return []
    start = path.index(item.stage) + 1 if item.stage in path else path.index(target)
    passed = path[start : path.index(target) + 1]
    refusals: list[str] = []
    stops = "stopped" in passed or ("evaluated" in passed and item.change != "keep")
    if stops and item.required and not item.override_note.strip():
        refusals.append("required_by_law")
    if "stopped" in passed and any(not step.done for step in item.steps) and not item.stop_note.strip():
        refusals.append("steps_open")
    if "evaluated" in passed:
        if not item.outcome.strip():
            refusals.append("no_outcome")
        if item.freed_measured is None:
            refusals.append("no_measured")
    return refusals


def stage_changes(item: Item, target: str, today: date) -> dict[str, Any]:
    """The fields a move to `target` sets: the stage, and the day it was stopped when the move
    reaches "stopped" (kept when it was recorded before)."""
    changes: dict[str, Any] = {"stage": target}
    reaches_stop = target == "stopped" or (target == "evaluated" and item.change != "keep")
    if reaches_stop and item.stopped_on is None:
        changes["stopped_on"] = today
    return changes


def skipped_stages(item: Item, target: str) -> tuple[str, ...]:
    """The stages a move to `target` jumps over (empty for the next stage or going back)."""
    path = stage_path(item)
    if target not in path or item.stage not in path:
        return ()
    here, there = path.index(item.stage), path.index(target)
    return path[here + 1 : there] if there > here + 1 else ()


# --------------------------------------------------------------------------------------------------
# Freed resources


def freed_totals(items: Iterable[Item]) -> dict[str, float]:
    """Estimated and measured hours a month and kroner a year over the items that have them."""
    totals = dict.fromkeys(("estimated_hours", "estimated_money", "measured_hours", "measured_money"), 0.0)
    for item in items:
        for kind, freed in (("estimated", item.freed_estimated), ("measured", item.freed_measured)):
            if freed is not None:
                totals[f"{kind}_hours"] += freed.hours_month
                totals[f"{kind}_money"] += freed.money_year
    return totals


# --------------------------------------------------------------------------------------------------
# Force field


def ranked(forces: Iterable[Force]) -> list[Force]:
    """Strongest first; equal strengths keep their order."""
    return sorted(forces, key=lambda force: -force.strength)


def total(forces: Iterable[Force]) -> int:
    return sum(force.strength for force in forces)


# --------------------------------------------------------------------------------------------------
# The board at a glance


def counts_by_stage(items: Iterable[Item]) -> dict[str, int]:
    counts = dict.fromkeys(STAGES, 0)
    for item in items:
        counts[item.stage] += 1
    return counts


def counts_by_quadrant(items: Iterable[Item]) -> dict[str | None, int]:
    """Items per quadrant; None counts those not yet triaged."""
    counts: dict[str | None, int] = {**dict.fromkeys(QUADRANTS, 0), None: 0}
    for item in items:
        counts[item.quadrant] += 1
    return counts


def is_overdue(item: Item, today: date) -> bool:
    """The deadline has passed and the item is still open (not stopped, kept or evaluated)."""
    return item.deadline is not None and item.deadline < today and item.stage in OPEN_STAGES


def overdue(items: Iterable[Item], today: date) -> list[Item]:
    return [item for item in items if is_overdue(item, today)]


def waiting_for_feedback(items: Iterable[Item]) -> list[Item]:
    """Items with a known outcome whose nominator has not been told yet."""
    return [item for item in items if item.stage in OUTCOME_STAGES and not item.nominator_told]


def duplicate_id_errors(items: Sequence[Item]) -> list[InitErrorDetails]:
    """An error at items.N.id for every item whose id an earlier item already uses."""
    errors: list[InitErrorDetails] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError("duplicate_id", "item {index}: the id '{id}' is used by another item", {"index": index, "id": item.id}),
                    loc=("items", index, "id"),
                    input=item.id,
                )
            )
        seen.add(item.id)
    return errors


class Exnovation(DocumentBase):
    """One team's exnovation board: the practices it considers stopping (the items above)."""

    kind: Literal["exnovation"] = "exnovation"
    team: Name = ""
    items: list[Item] = Field(default_factory=empty_list, max_length=MAX_ITEMS)
    #: The team's own names for the priority matrix's quadrants; missing ones use the defaults.
    quadrant_labels: dict[Quadrant, QuadrantLabel] = Field(default_factory=dict, max_length=len(QUADRANTS))
    #: A board in a team folder: dot votes, dots per member, and the inbox entries merged (models/team.py).
    dots_per_person: Dots = DEFAULT_DOTS
    votes: list[Vote] = Field(default_factory=empty_list, max_length=MAX_VOTES)
    merged: list[Id] = Field(default_factory=empty_list, max_length=MAX_MERGED)

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    @model_validator(mode="wrap")  # type: ignore[arg-type, unused-ignore]  # mypy matches pydantic's protocol for a wrap validator or not, by the order it checks modules in
    @classmethod
    def _ids_are_unique(cls, data: Any, handler: ModelWrapValidatorHandler["Exnovation"], info: ValidationInfo) -> "Exnovation":
        """Item ids are unique (the UI finds items by id); a refused assignment is rolled back, as in Case."""
        return checked(cls, data, handler, info, lambda board, _: duplicate_id_errors(board.items), ("items",))
