"""Gauge readings summarised per relationship and per situation, and the headline switch point.

The seed (000): "Mentaliseringsevnen er kontekst- og relationsspecifik". So a switch point over
all of one person's readings pools relationships the material says differ; the headline says
what it pools ("9 readings, 5 relationships, 7 days"), gives a bootstrap range when there are
enough readings, and says when the relationships' own switch points disagree. Each whose-state
(self, citizen, colleague, team) is its own series: nothing here mixes them.

Pure functions of the readings, deterministic (the bootstrap has a fixed seed), so tests can
check the numbers.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from models.gauge import (
    NO_ACTOR,
    SWITCH_MIN_READINGS,
    SWITCH_THRESHOLD,
    WHOSE,
    ZONES,
    Reading,
    SwitchPoint,
    reading_zone,
    switch_point,
)

#: Resamples of the bootstrap, and its seed: the same readings always give the same range.
BOOTSTRAP_ROUNDS = 400
BOOTSTRAP_SEED = 17
#: The range is the middle 90 % of the resampled switch points.
BOOTSTRAP_LOW, BOOTSTRAP_HIGH = 0.05, 0.95
#: Above this many readings the resampling draws a Poisson count per (intensity, capacity) cell
#: (the "Poisson bootstrap", a close approximation of resampling n readings for large n) instead
#: of drawing n readings: 121 draws per round instead of n, so a case at the caps stays quick.
EXACT_BOOTSTRAP_MAX = 2000
#: Relationships whose own switch points lie this far apart (or more) disagree.
DISAGREE_SPREAD = 2
#: A relationship needs this many readings before its own switch point is tried at all.
GROUP_MIN_READINGS = SWITCH_MIN_READINGS


@dataclass(frozen=True)
class GroupSummary:
    """The readings of one relationship (actor id, "citizen" or NO_ACTOR) or one situation."""

    key: str
    count: int
    median_intensity: float
    median_capacity: float
    #: The zone most often reached (a tie goes to the more urgent zone: the cautious reading).
    common_zone: str
    switch: SwitchPoint


def relationship_key(reading: Reading) -> str:
    return reading.actor_id or NO_ACTOR


def situation_key(reading: Reading) -> str:
    return reading.situation or "none"


def common_zone(readings: Sequence[Reading]) -> str:
    counts = Counter(reading_zone(reading).key for reading in readings)
    return max(counts, key=lambda key: (counts[key], ZONES[key].urgency))


def summarise(readings: Iterable[Reading], key: Callable[[Reading], str], threshold: float = SWITCH_THRESHOLD) -> list[GroupSummary]:
    """One summary per group, most readings first (then by key, so the order is stable)."""
    groups: dict[str, list[Reading]] = {}
    for reading in readings:
        groups.setdefault(key(reading), []).append(reading)
    out = [
        GroupSummary(
            name,
            len(group),
            float(median(r.intensity for r in group)),
            float(median(r.capacity for r in group)),
            common_zone(group),
            switch_point(group, threshold=threshold, min_readings=GROUP_MIN_READINGS),
        )
        for name, group in groups.items()
    ]
    out.sort(key=lambda summary: (-summary.count, summary.key))
    return out


def by_relationship(readings: Iterable[Reading], threshold: float = SWITCH_THRESHOLD) -> list[GroupSummary]:
    return summarise(readings, relationship_key, threshold)


def by_situation(readings: Iterable[Reading], threshold: float = SWITCH_THRESHOLD) -> list[GroupSummary]:
    return summarise(readings, situation_key, threshold)


# --------------------------------------------------------------------------------------------------
# The headline


@dataclass(frozen=True)
class Pooling:
    """What one switch point pools: readings, distinct relationships, and the days they span."""

    readings: int
    relationships: int
    days: int
    first: date | None = None
    last: date | None = None


def pooling(readings: Sequence[Reading]) -> Pooling:
    if not readings:
        return Pooling(0, 0, 0)
    days = [reading.taken.date() for reading in readings]
    first, last = min(days), max(days)
    return Pooling(len(readings), len({relationship_key(r) for r in readings}), (last - first).days + 1, first, last)


@dataclass(frozen=True)
class Interval:
    """The bootstrap range of the switch point: `low`..`high` (the middle 90 % of the resamples
    that found one); `found` is the share of resamples that found a crossing at all."""

    low: int
    high: int
    found: float
    rounds: int


def _crossing(cells: Sequence[tuple[int, int]], threshold: float, weights: Sequence[int] | None = None) -> int | None:
    """The switch point of (intensity, capacity) pairs (each counted `weights[i]` times, else
    once), as `switch_point` finds it, without the checks for enough readings: the bootstrap asks
    only where the fit crosses."""
    sums: dict[int, list[int]] = {}
    for index, (intensity, capacity) in enumerate(cells):
        weight = 1 if weights is None else weights[index]
        if weight == 0:
            continue
        entry = sums.setdefault(intensity, [0, 0])
        entry[0] += capacity * weight
        entry[1] += weight
    blocks: list[list[int]] = []  # [sum, count, points]; integer sums keep the comparisons exact
    xs = sorted(sums)
    for x in xs:
        blocks.append([sums[x][0], sums[x][1], 1])
        while len(blocks) > 1 and blocks[-1][0] * blocks[-2][1] > blocks[-2][0] * blocks[-1][1]:
            total, count, points = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
            blocks[-1][2] += points
    index = 0
    for total, count, points in blocks:
        if total < threshold * count:
            return xs[index] if index > 0 else None
        index += points
    return None


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw: Knuth's method for a small mean, the normal approximation for a large one
    (the cells of a large case hold hundreds of readings)."""
    if mean > 50:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _percentile(sorted_values: Sequence[int], share: float) -> int:
    """The nearest-rank percentile: a value that occurred, never an interpolation."""
    rank = max(1, min(len(sorted_values), int(share * len(sorted_values) + 0.999999)))
    return sorted_values[rank - 1]


def bootstrap_interval(readings: Sequence[Reading], threshold: float = SWITCH_THRESHOLD, rounds: int = BOOTSTRAP_ROUNDS, seed: int = BOOTSTRAP_SEED) -> Interval | None:
    """Resample the readings with replacement `rounds` times and find each resample's switch
    point; None when fewer than half of the resamples find one (the range would mislead)."""
    if not readings or rounds < 1:
        return None
    cells = [(reading.intensity, reading.capacity) for reading in readings]
    rng = random.Random(seed)
    found = []
    if len(cells) <= EXACT_BOOTSTRAP_MAX:
        draws = (_crossing(rng.choices(cells, k=len(cells)), threshold) for _ in range(rounds))
    else:
        counts = Counter(cells)
        distinct = sorted(counts)
        draws = (_crossing(distinct, threshold, [_poisson(rng, counts[cell]) for cell in distinct]) for _ in range(rounds))
    for crossing in draws:
        if crossing is not None:
            found.append(crossing)
    if len(found) * 2 < rounds:
        return None
    found.sort()
    return Interval(_percentile(found, BOOTSTRAP_LOW), _percentile(found, BOOTSTRAP_HIGH), len(found) / rounds, rounds)


@dataclass(frozen=True)
class Headline:
    """One person's switch point (one whose-state), what it pools and how far to trust it."""

    whose: str
    point: SwitchPoint
    pooled: Pooling
    #: Only when the point itself is `enough`: the bootstrap range.
    interval: Interval | None
    #: The relationships with their own trustworthy switch point: (relationship key, intensity).
    own_points: tuple[tuple[str, int], ...]

    @property
    def disagree(self) -> bool:
        values = [value for _, value in self.own_points]
        return len(values) >= 2 and max(values) - min(values) >= DISAGREE_SPREAD


def headline(readings: Iterable[Reading], whose: str, threshold: float = SWITCH_THRESHOLD) -> Headline:
    """The switch point of `whose`'s readings among `readings` (others are left out)."""
    own = [reading for reading in readings if reading.whose == whose]
    point = switch_point(own, threshold=threshold)
    interval = bootstrap_interval(own, threshold) if point.enough else None
    groups = by_relationship(own, threshold)
    own_points = tuple((group.key, group.switch.intensity) for group in groups if group.switch.enough and group.switch.intensity is not None)
    return Headline(whose, point, pooling(own), interval, own_points)


def headlines(readings: Sequence[Reading], threshold: float = SWITCH_THRESHOLD) -> list[Headline]:
    """A headline for each whose-state that has readings, in the order of WHOSE."""
    present = {reading.whose for reading in readings}
    return [headline(readings, whose, threshold) for whose in WHOSE if whose in present]


# --------------------------------------------------------------------------------------------------
# The week


@dataclass(frozen=True)
class Week:
    """One ISO week of readings, for supervision: counts, zones, the peak, the named feelings and
    the relationships behind the hardest moments (the readings in the most urgent zone reached)."""

    monday: date
    readings: int
    zones: tuple[tuple[str, int], ...]
    peak_intensity: int
    #: Feelings by how often they were rated 5 or more, most often first (ties: catalogue order).
    feelings: tuple[tuple[str, int], ...]
    #: The relationship keys of the hardest readings, most often first.
    hardest: tuple[tuple[str, int], ...]
    hardest_zone: str


#: A feeling counts as named in a week when it was rated at least this high.
NAMED_FEELING = 5


def weeks(readings: Iterable[Reading]) -> list[Week]:
    """The weeks that have readings, newest first."""
    from models.gauge import FEELINGS

    by_week: dict[date, list[Reading]] = {}
    for reading in readings:
        day = reading.taken.date()
        by_week.setdefault(day - timedelta(days=day.weekday()), []).append(reading)
    out = []
    for monday in sorted(by_week, reverse=True):
        group = by_week[monday]
        zone_counts = Counter(reading_zone(r).key for r in group)
        zones = tuple(sorted(zone_counts.items(), key=lambda item: -ZONES[item[0]].urgency))
        feeling_counts = Counter(name for r in group for name, value in r.feelings.items() if value >= NAMED_FEELING)
        feelings = tuple(sorted(feeling_counts.items(), key=lambda item: (-item[1], FEELINGS.index(item[0]))))
        worst = max(ZONES[key].urgency for key in zone_counts)
        hardest_zone = next(key for key in zone_counts if ZONES[key].urgency == worst)
        hardest_counts = Counter(relationship_key(r) for r in group if reading_zone(r).key == hardest_zone)
        hardest = tuple(sorted(hardest_counts.items(), key=lambda item: (-item[1], item[0])))
        out.append(Week(monday, len(group), zones, max(r.intensity for r in group), feelings, hardest, hardest_zone))
    return out
