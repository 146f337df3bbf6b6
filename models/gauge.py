"""The gauge: emotional intensity against mentalizing capacity (tool 1).

The material's picture (seed 000, "Følelsesintensitet / Mentaliseringsevne"): as emotional intensity
rises, mentalizing capacity falls, and each person has a switch point where mentalizing gives way
(MBT, Bateman & Fonagy). Capacity is context- and relationship-specific, so each reading records
whose state it is, in which situation, and in relation to which actor of the case's network.

Everything here is pure: the wording lives in the UI's catalogs (keys named below).
"""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Annotated, Final, Literal, NamedTuple, get_args

from pydantic import Field, StringConstraints, field_validator

from models.base import BUILT_AT_ONCE, Id, Rating10, ShortText, Strict, Timestamp, new_id, now
from models.network import CITIZEN, Endpoint

# --------------------------------------------------------------------------------------------------
# Vocabulary

#: The six feelings the material names (keys; the UI translates them).
Feeling = Literal["frygt", "vrede", "skuffelse", "skam", "forvirring", "afmagt"]
FEELINGS: tuple[Feeling, ...] = get_args(Feeling)

#: Whose state the reading describes: the practitioner's own ("self", focus #2), the citizen's as the
#: practitioner reads it (focus #1, den anden), a colleague's, or the team's (focus #3, os alle).
Whose = Literal["self", "citizen", "colleague", "team"]
WHOSE: tuple[str, ...] = get_args(Whose)

#: Common situations (keys). None on a reading means "not said"; `context` holds free text.
Situation = Literal[
    "meeting",
    "home_visit",
    "phone",
    "crisis",
    "coercion",
    "network_meeting",
    "discharge",
    "supervision",
    "team",
]
SITUATIONS: tuple[str, ...] = get_args(Situation)

#: Filter value for `filter_readings(actor_id=NO_ACTOR)`: readings tied to no actor. Never a valid Id.
NO_ACTOR: Final = "none"
#: The relationship "the citizen herself" (the same end as a tie's, models.network.CITIZEN).
CITIZEN_RELATION: Final = CITIZEN

NOTE_MAX = 500


class Reading(Strict):
    """One moment on the gauge: how strong the feelings were and how well one could mentalize."""

    model_config = BUILT_AT_ONCE  # in a case and in a supervision session

    id: Id = Field(default_factory=new_id)
    taken: Timestamp = Field(default_factory=now)
    #: Only the feelings that were rated, each 0-10; kept in the order of FEELINGS.
    feelings: dict[Feeling, Rating10] = Field(default_factory=dict, max_length=len(FEELINGS))
    #: The overall emotional intensity, 0-10 (see `suggested_intensity`).
    intensity: Rating10
    #: Mentalizing capacity, 0-10: how well one could see one's own and the other's behaviour in
    #: terms of feelings, wishes and intentions, at that moment.
    capacity: Rating10
    whose: Whose = "self"
    situation: Situation | None = None
    context: ShortText = ""
    #: The relationship: an actor of the case's network, the citizen herself (CITIZEN), or None
    #: (no one in particular; files before the citizen had her own choice meant either by None).
    actor_id: Endpoint | None = None
    note: Annotated[str, StringConstraints(max_length=NOTE_MAX)] = ""

    @field_validator("feelings", mode="after")
    @classmethod
    def _feelings_in_catalogue_order(cls, value: dict[str, int]) -> dict[str, int]:
        # A stable order keeps saved files diff-friendly whatever order the UI set them in.
        return {name: value[name] for name in FEELINGS if name in value}


def suggested_intensity(feelings: Mapping[str, int]) -> int | None:
    """The overall intensity suggested by the feeling ratings, or None when none is rated.

    Rule: the strongest single feeling sets the level (one overwhelming feeling is enough to be
    overwhelmed; averaging would water it down), nudged up by one when three or more feelings are
    at 7 or above (several strong feelings at once weigh more than one), capped at 10.
    The user can always overrule it: it only pre-fills the overall rating.
    """
    values = list(feelings.values())
    if not values:
        return None
    strongest = max(values)
    if sum(1 for value in values if value >= 7) >= 3:
        strongest += 1
    return max(0, min(10, strongest))


# --------------------------------------------------------------------------------------------------
# Zones

ZoneKey = Literal["regulate", "name", "explore", "steady", "depleted"]


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class Zone(NamedTuple):
    """Where a reading lies on the gauge. Colour is never the only signal: each zone has a symbol."""

    key: str
    #: Shown next to the zone's word; `ascii` where the terminal cannot draw the symbol.
    symbol: str
    ascii: str
    #: Higher is more urgent (for sorting and for the worst zone of a day).
    urgency: int

    @property
    def label_key(self) -> str:
        return f"gauge.zone.{self.key}"


ZONES: dict[str, Zone] = {
    "regulate": Zone("regulate", "▲▲", "!!", 4),
    "name": Zone("name", "▲", "!", 3),
    "depleted": Zone("depleted", "▽", "v", 2),
    "steady": Zone("steady", "✓", "ok", 1),
    "explore": Zone("explore", "?", "?", 0),
}

#: The bands the zone rules use (both scales 0-10, ends included).
HIGH_INTENSITY = 7  # 7-10: the feelings are strong
RISING_INTENSITY = 4  # 4-6: the feelings are rising
LOW_CAPACITY = 4  # 0-4: mentalizing has (nearly) given way
HIGH_CAPACITY = 7  # 7-10: mentalizing is working well


def zone(intensity: int, capacity: int) -> Zone:
    """The zone of one reading. The rules, as a grid (intensity rows, capacity columns):

    ====================  ============  ============  ============
    intensity \\ capacity  0-4           5-6           7-10
    ====================  ============  ============  ============
    7-10 high             regulate !!   name !        name !
    4-6 rising            name !        name !        explore ?
    0-3 low               depleted v    steady ok     explore ?
    ====================  ============  ============  ============

    - regulate: strong feelings and mentalizing has given way; the switch has happened.
    - name: feelings are rising or strong while capacity is under pressure (or still holding).
    - explore: capacity is high and the feelings have not taken over; room for curiosity.
    - steady: calm, capacity adequate.
    - depleted: little feeling and little capacity: tired, flat, shut down; check the frame.
    """
    for value, label in ((intensity, "intensity"), (capacity, "capacity")):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise ValueError(f"{label} must be a whole number 0-10, not {value!r}")
    if intensity >= HIGH_INTENSITY:
        return ZONES["regulate"] if capacity <= LOW_CAPACITY else ZONES["name"]
    if capacity >= HIGH_CAPACITY:
        return ZONES["explore"]
    if intensity >= RISING_INTENSITY:
        return ZONES["name"]
    return ZONES["depleted"] if capacity <= LOW_CAPACITY else ZONES["steady"]


def reading_zone(reading: Reading) -> Zone:
    return zone(reading.intensity, reading.capacity)


#: Which guidance from the material belongs to each zone, as catalog keys the UI looks up
#: (`gauge.zone.<key>` is the zone's name; the rest are its guidance lines, in order). The proposed
#: Danish and English text is in tui/i18n/{da,en}/gauge.toml.
#:
#: - regulate: "Hvis man ikke kan regulere sig selv (og i teamet), kan man ikke regulere andre":
#:   regulate yourself first, and in the team; lengthen the space between impulse and action;
#:   negative capability (French & Simpson 2006): do not decide now, wait, find calm, tolerate the
#:   tension; safety first (STORM: S): are you physically, psychologically, relationally safe?
#:   Return to the other (focus #1) only when you are calmer.
#: - name: "If you can name it, you can tame it": name the feeling (frygt, vrede, skuffelse, skam,
#:   forvirring, afmagt), to yourself or a colleague; naming is itself the intervention; shared
#:   language and normalisation; lengthen the space between impulse and action.
#: - explore: the three foci: #1 den anden (what may the other feel, wish, intend?), #2 selv (what
#:   do I bring into this?), #3 os alle (what happens between us, in the team, the network?);
#:   curiosity, not knowing; "mentalisering avler mentalisering".
#: - steady: calm with capacity to spare: a moment to plan and prepare (positive capability:
#:   decide, plan, create safety), to notice what helps you (STORM: R, resources), and to attune
#:   with colleagues and share strategies.
#: - depleted: little feeling and little capacity: tiredness, shut-down or afmagt gone flat;
#:   capacity depends on the frame conditions (Skårderud 2013); social support, safe environments;
#:   watch for secondary traumatisation and burn-out (Vang et al. 2020); not the moment for the
#:   hardest conversation.
ZONE_GUIDANCE_KEYS: dict[str, tuple[str, ...]] = {
    "regulate": ("gauge.zone.regulate", "gauge.guide.regulate_first", "gauge.guide.pause", "gauge.guide.safety", "gauge.guide.later"),
    "name": ("gauge.zone.name", "gauge.guide.name_it", "gauge.guide.say_it", "gauge.guide.impulse"),
    "explore": ("gauge.zone.explore", "gauge.guide.focus_other", "gauge.guide.focus_self", "gauge.guide.focus_all"),
    "steady": ("gauge.zone.steady", "gauge.guide.plan", "gauge.guide.resources"),
    "depleted": ("gauge.zone.depleted", "gauge.guide.frame", "gauge.guide.support", "gauge.guide.not_now"),
}

#: Catalog keys of the verbal anchors: `gauge.intensity_anchor.0` .. `gauge.intensity_anchor.10` and
#: `gauge.capacity_anchor.0` .. `gauge.capacity_anchor.10` (text in tui/i18n/{da,en}/gauge.toml).
INTENSITY_ANCHOR_KEYS: tuple[str, ...] = tuple(f"gauge.intensity_anchor.{n}" for n in range(11))
CAPACITY_ANCHOR_KEYS: tuple[str, ...] = tuple(f"gauge.capacity_anchor.{n}" for n in range(11))


# --------------------------------------------------------------------------------------------------
# The switch point


# A NamedTuple, not a frozen dataclass, as Zone (its count is `readings`: a tuple has a count()).
class FitPoint(NamedTuple):
    """One intensity level: how many readings had it, their mean capacity, and the fitted capacity."""

    intensity: int
    readings: int
    mean: float
    fitted: float


SwitchReason = Literal["too_few", "never_below", "always_below", "thin_side", "ok"]


class SwitchPoint(NamedTuple):
    """The estimated switch point, and how far to trust it.

    - intensity: the lowest intensity whose fitted capacity is below `threshold`; None when there
      is no such crossing in the data (reason "too_few", "never_below" or "always_below").
    - enough: whether the data can carry the estimate. False says plainly that more readings are
      needed: "too_few" (fewer than min_readings), "never_below" (no readings on the low-capacity
      side), "always_below" (none on the high-capacity side), "thin_side" (a crossing was found,
      and `intensity` is set, but fewer than `min_per_side` readings lie on one side of it).
    - lowest/highest: the range of intensities among the readings used (None when there are none),
      so the UI can say e.g. "capacity stayed at 5 or above up to intensity 6".
    - fit: the isotonic fit, one point per intensity seen, ascending.
    """

    intensity: int | None
    threshold: float
    readings_used: int
    enough: bool
    reason: SwitchReason
    lowest: int | None = None
    highest: int | None = None
    fit: tuple[FitPoint, ...] = ()


def decreasing_isotonic(points: Sequence[tuple[int, int, Fraction]]) -> list[Fraction]:
    """Pool-adjacent-violators for a non-increasing fit.

    `points` are (x, weight, y) sorted by ascending x with distinct x; returns the fitted y per
    point: the non-increasing sequence nearest to y in weighted least squares. Exact (fractions).
    """
    blocks: list[list] = []  # [weighted sum, weight, number of points]
    for _, weight, y in points:
        blocks.append([y * weight, weight, 1])
        # A later block whose mean is above the one before violates "non-increasing": pool them.
        while len(blocks) > 1 and blocks[-1][0] * blocks[-2][1] > blocks[-2][0] * blocks[-1][1]:
            total, w, n = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += w
            blocks[-1][2] += n
    fitted: list[Fraction] = []
    for total, weight, n in blocks:
        fitted.extend([Fraction(total) / weight] * n)
    return fitted


#: The capacity below which mentalizing is said to fail, and the fewest readings for an estimate.
SWITCH_THRESHOLD: Final = 5
SWITCH_MIN_READINGS: Final = 6
#: A reading time-stamped later than now plus this is refused by the form and reported by `check`.
FUTURE_SLACK: Final = timedelta(minutes=5)


def in_the_future(taken: datetime, now: datetime, slack: timedelta = FUTURE_SLACK) -> bool:
    """A reading time later than `now` plus `slack`: a wrong clock, or a typo."""
    return taken > now + slack


def switch_point(
    readings: Iterable[Reading],
    threshold: float = SWITCH_THRESHOLD,
    min_readings: int = SWITCH_MIN_READINGS,
    min_per_side: int = 2,
) -> SwitchPoint:
    """Estimate the intensity above which mentalizing capacity falls below `threshold`.

    Method: group the readings by intensity (0-10); fit capacity on intensity with a decreasing
    isotonic regression (pool-adjacent-violators, each intensity weighted by its number of
    readings); the switch point is the lowest intensity whose fitted capacity is below the
    threshold. The fit only assumes that capacity does not rise with intensity, which is the
    material's picture, and it is robust to noise: a single odd reading is pooled with its
    neighbours instead of moving the answer. Deterministic: the order of readings does not matter.

    Pass the readings of one person and one kind (e.g. `filter_readings(..., whose="self")`):
    the switch point is personal, and context- and relationship-specific.
    """
    if min_readings < 1 or min_per_side < 0:
        raise ValueError("min_readings must be at least 1 and min_per_side not negative")
    used = list(readings)
    by_intensity: dict[int, list[int]] = {}
    for reading in used:
        by_intensity.setdefault(reading.intensity, []).append(reading.capacity)
    limit = Fraction(threshold)  # exact, also for a float threshold
    lowest = min(by_intensity) if by_intensity else None
    highest = max(by_intensity) if by_intensity else None
    if len(used) < min_readings:
        return SwitchPoint(None, threshold, len(used), False, "too_few", lowest, highest)

    xs = sorted(by_intensity)
    points = [(x, len(by_intensity[x]), Fraction(sum(by_intensity[x]), len(by_intensity[x]))) for x in xs]
    fitted = decreasing_isotonic(points)
    fit = tuple(FitPoint(x, n, float(mean), float(f)) for (x, n, mean), f in zip(points, fitted))
    below = [x for x, f in zip(xs, fitted) if f < limit]
    if not below:
        return SwitchPoint(None, threshold, len(used), False, "never_below", lowest, highest, fit)
    crossing = below[0]
    if crossing == xs[0]:
        return SwitchPoint(None, threshold, len(used), False, "always_below", lowest, highest, fit)
    before = sum(len(by_intensity[x]) for x in xs if x < crossing)
    after = len(used) - before
    if min(before, after) < min_per_side:
        return SwitchPoint(crossing, threshold, len(used), False, "thin_side", lowest, highest, fit)
    return SwitchPoint(crossing, threshold, len(used), True, "ok", lowest, highest, fit)


# --------------------------------------------------------------------------------------------------
# Filtering


def filter_readings(
    readings: Iterable[Reading],
    whose: str | None = None,
    situation: str | None = None,
    actor_id: str | None = None,
    context_contains: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Reading]:
    """The readings that match every filter given (None = any), in their original order.

    actor_id=NO_ACTOR keeps the readings tied to no actor. context_contains matches the context
    text case-insensitively. since/until bound `taken` (since included, until excluded).
    """
    needle = context_contains.casefold() if context_contains else None
    out = []
    for reading in readings:
        if whose is not None and reading.whose != whose:
            continue
        if situation is not None and reading.situation != situation:
            continue
        if actor_id == NO_ACTOR:
            if reading.actor_id is not None:
                continue
        elif actor_id is not None and reading.actor_id != actor_id:
            continue
        if needle is not None and needle not in reading.context.casefold():
            continue
        if since is not None and reading.taken < since:
            continue
        if until is not None and reading.taken >= until:
            continue
        out.append(reading)
    return out
