"""Network meetings of a case (tool 2): the coordinating plan's meetings (koordinerende
indsatsplan: four a year with the citizen, relatives and every cross-sector actor), local meetings
and others.

A meeting records who took part (actors of the case, and the citizen), an agenda (drawn from the
network's findings when the meeting is made, then the practitioner's), who does what (tasks, each
with its owners: a task with none or several is a grey zone between sectors), the agreed actions
(owner and due date) and the minutes. At the meeting the network is kept as a dated snapshot, so
two meetings can be compared: actors and ties added or removed, ratings up or down.

`MeetingAction.due` and `.done` are what a list of "what is due" across documents reads.
"""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, get_args

from pydantic import Field, StringConstraints

from models.base import Id, Name, Rating5, ShortText, Strict, empty_list, new_id
from collections.abc import Sequence

from models.network import CONFLICT_KINDS, DIMENSIONS, ConflictKind, Dimension, Endpoint, Ring, Sector, Actor, Tie, actor_number

if TYPE_CHECKING:  # imported where used: its six dataclasses cost ~7 ms, and a case's gauge needs none
    from models.network_findings import Step

MeetingKind = Literal["coordinating_plan", "local", "other"]
MEETING_KINDS: tuple[str, ...] = get_args(MeetingKind)

MAX_MEETINGS = 200
MAX_ITEMS = 60
MAX_PARTICIPANTS = 100
MINUTES_MAX = 20_000
ItemText = Annotated[str, StringConstraints(max_length=500)]


class AgendaItem(Strict):
    """One point of the agenda: a finding of the network analysis (`key`, a models.network_findings
    step, with what it is about; worded afresh each time it is shown, under the privacy rule), or
    a point of the practitioner's own (`key` "own", in `text`)."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")] = "own"
    actor_ids: list[Endpoint] = Field(default_factory=empty_list, max_length=MAX_PARTICIPANTS)
    tie_ids: list[Id] = Field(default_factory=empty_list, max_length=3000)
    sectors: list[Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,20}$")]] = Field(default_factory=empty_list, max_length=2)
    dimension: Dimension | None = None
    value: float | None = None
    text: ItemText = ""


class MeetingAction(Strict):
    """An action agreed at the meeting: what, who (an actor, the citizen, or nobody yet), by when."""

    id: Id = Field(default_factory=new_id)
    what: ItemText
    owner: Endpoint | None = None
    due: date | None = None
    done: bool = False


class Task(Strict):
    """One piece of who does what. No owner, or several: a grey zone, to be settled."""

    id: Id = Field(default_factory=new_id)
    what: ItemText
    owners: list[Endpoint] = Field(default_factory=empty_list, max_length=MAX_PARTICIPANTS)

    @property
    def grey_zone(self) -> bool:
        return len(self.owners) != 1


class SnapshotActor(Strict):
    """An actor as it stood at the meeting (name kept: the actor may be renamed or removed later)."""

    id: Id
    number: int
    name: Name
    kind: ShortText = ""
    sector: Sector
    ring: Ring


class SnapshotTie(Strict):
    """A tie as it stood at the meeting: its ends, ratings and conflicts (no note)."""

    a: Endpoint
    b: Endpoint
    ratings: dict[Dimension, Rating5] = Field(default_factory=dict, max_length=len(DIMENSIONS))
    conflicts: list[ConflictKind] = Field(default_factory=empty_list, max_length=len(CONFLICT_KINDS))

    @property
    def ends(self) -> frozenset[str]:
        return frozenset((self.a, self.b))

    @property
    def mean(self) -> float | None:
        return sum(self.ratings.values()) / len(self.ratings) if self.ratings else None


class Snapshot(Strict):
    taken: date
    actors: list[SnapshotActor] = Field(default_factory=empty_list, max_length=500)
    ties: list[SnapshotTie] = Field(default_factory=empty_list, max_length=3000)


class Meeting(Strict):
    id: Id = Field(default_factory=new_id)
    held_on: date
    kind: MeetingKind = "coordinating_plan"
    participants: list[Endpoint] = Field(default_factory=empty_list, max_length=MAX_PARTICIPANTS)
    #: The agenda's points, in order: drawn from the network's findings when the meeting is made.
    agenda: list[AgendaItem] = Field(default_factory=empty_list, max_length=MAX_ITEMS)
    tasks: list[Task] = Field(default_factory=empty_list, max_length=MAX_ITEMS)
    actions: list[MeetingAction] = Field(default_factory=empty_list, max_length=MAX_ITEMS)
    minutes: Annotated[str, StringConstraints(max_length=MINUTES_MAX)] = ""
    snapshot: Snapshot | None = None


#: How many of the findings' steps a new meeting's agenda takes.
AGENDA_FROM_FINDINGS = 10


def agenda_from(steps: "Sequence[Step]", most: int = AGENDA_FROM_FINDINGS) -> list[AgendaItem]:
    """The first `most` steps of "what to do" as agenda points."""
    return [
        AgendaItem(key=step.key, actor_ids=list(step.actor_ids), tie_ids=list(step.tie_ids), sectors=list(step.sectors or ()), dimension=step.dimension, value=step.value)  # type: ignore[arg-type]
        for step in steps[:most]
    ]


def as_step(item: AgendaItem) -> "Step":
    """An agenda point from the findings as the step it was made from (to word it again)."""
    from models.network_findings import Step

    sectors = (item.sectors[0], item.sectors[1]) if len(item.sectors) == 2 else None
    return Step(item.key, tuple(item.actor_ids), tuple(item.tie_ids), sectors, item.dimension, item.value)


def snapshot(actors: list[Actor], ties: list[Tie], taken: date) -> Snapshot:
    """The network as it stands, dated."""
    return Snapshot(
        taken=taken,
        actors=[SnapshotActor(id=a.id, number=actor_number(a, i), name=a.name, kind=a.kind, sector=a.sector, ring=a.ring) for i, a in enumerate(actors)],
        ties=[SnapshotTie(a=t.a, b=t.b, ratings=dict(t.ratings), conflicts=list(t.conflicts)) for t in ties],
    )


# --------------------------------------------------------------------------------------------------
# Comparing two snapshots


class RatingChange(NamedTuple):
    ends: tuple[str, str]
    dimension: str
    before: int
    after: int


# A NamedTuple, not a dataclass: made ~0.3 ms faster at import (a dataclass compiles its methods
# one by one), and the case's model imports this module at start. `compare` fills the lists.
class Comparison(NamedTuple):
    """What changed from `before` to `after` (the later snapshot). Ends are actor ids or CITIZEN."""

    actors_added: list[str]
    actors_removed: list[str]
    ties_added: list[tuple[str, str]]
    ties_removed: list[tuple[str, str]]
    #: Ties in both whose mean went up or down: (ends, mean before, mean after), the biggest change first.
    ties_up: list[tuple[tuple[str, str], float, float]]
    ties_down: list[tuple[tuple[str, str], float, float]]
    #: Every dimension rated in both and changed.
    ratings: list[RatingChange]
    conflicts_added: list[tuple[tuple[str, str], str]]
    conflicts_resolved: list[tuple[tuple[str, str], str]]


def _pair(ends: frozenset[str]) -> tuple[str, str]:
    first, second = sorted(ends)
    return first, second


def compare(before: Snapshot, after: Snapshot) -> Comparison:
    """O(actors + ties): ties are matched by their two ends."""
    old_actors = {actor.id for actor in before.actors}
    new_actors = {actor.id for actor in after.actors}
    old_ties = {tie.ends: tie for tie in before.ties}
    new_ties = {tie.ends: tie for tie in after.ties}
    result = Comparison(
        actors_added=[actor.id for actor in after.actors if actor.id not in old_actors],
        actors_removed=[actor.id for actor in before.actors if actor.id not in new_actors],
        ties_added=[_pair(ends) for ends in new_ties if ends not in old_ties],
        ties_removed=[_pair(ends) for ends in old_ties if ends not in new_ties],
        ties_up=[], ties_down=[], ratings=[], conflicts_added=[], conflicts_resolved=[],
    )
    for ends, new in new_ties.items():
        old = old_ties.get(ends)
        if old is None:
            continue
        pair = _pair(ends)
        if old.mean is not None and new.mean is not None and abs(new.mean - old.mean) > 1e-9:
            (result.ties_up if new.mean > old.mean else result.ties_down).append((pair, old.mean, new.mean))
        for dimension in DIMENSIONS:
            was, now = old.ratings.get(dimension), new.ratings.get(dimension)  # type: ignore[call-overload]
            if was is not None and now is not None and was != now:
                result.ratings.append(RatingChange(pair, dimension, was, now))
        result.conflicts_added.extend((pair, kind) for kind in new.conflicts if kind not in old.conflicts)
        result.conflicts_resolved.extend((pair, kind) for kind in old.conflicts if kind not in new.conflicts)
    result.ties_up.sort(key=lambda item: item[1] - item[2])
    result.ties_down.sort(key=lambda item: item[2] - item[1])
    return result


def grey_zones(tasks: list[Task]) -> list[Task]:
    """The tasks nobody owns or several own."""
    return [task for task in tasks if task.grey_zone]
