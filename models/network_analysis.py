"""What the network around one citizen says at a glance: its counts, and where it is weak.

Pure functions of a case's actors and ties. The wording lives with the callers (the UI's catalogs,
the report); what to do, named and ranked, is models/network_findings.py.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import NamedTuple

from models.gauge import Reading
from models.network import CONFLICT_KINDS, SECTORS, Actor, Tie, means_of

#: How many of the weakest ties the analysis lists.
WEAKEST_SHOWN = 5


# A NamedTuple, not a frozen dataclass: the same record, made ~0.5 ms faster at import (a
# dataclass compiles its six methods one by one).
class Analysis(NamedTuple):
    actors: int
    ties: int
    per_sector: dict[str, int]
    coordinators: tuple[str, ...]
    #: Ties that carry at least one conflict, and how many ties carry each kind.
    conflict_ties: int
    conflicts: dict[str, int]
    #: The mean of each dimension over the ties that rated it (None: no tie rated it).
    dimension_means: dict[str, float | None]
    weak_ties: tuple[str, ...]
    unrated_ties: tuple[str, ...]
    #: The rated ties with the lowest means, weakest first.
    weakest: tuple[str, ...]
    #: Actors (not coordinators) with no direct tie to a coordinator.
    not_tied_to_coordinator: tuple[str, ...]
    #: Actors with no tie at all.
    isolated: tuple[str, ...]
    without_consent: tuple[str, ...]


def per_sector(actors: Iterable[Actor]) -> dict[str, int]:
    counts: Counter[str] = Counter(actor.sector for actor in actors)
    return {sector: counts[sector] for sector in SECTORS}  # a Counter gives 0 for a missing key


def conflict_counts(ties: Iterable[Tie]) -> dict[str, int]:
    counts: Counter[str] = Counter(kind for tie in ties for kind in tie.conflicts)
    return {kind: counts[kind] for kind in CONFLICT_KINDS}


def dimension_means(ties: Iterable[Tie]) -> dict[str, float | None]:
    return means_of([tie.ratings for tie in ties])


def weakest_ties(ties: Iterable[Tie], limit: int = WEAKEST_SHOWN) -> list[Tie]:
    """The rated ties with the lowest mean; among equals, those with more conflicts first (and
    then the earlier). Each mean worked out once: `nsmallest` is the sort's first `limit`."""
    rated = [((mean, -len(tie.conflicts)), tie) for tie in ties if (mean := tie.mean) is not None]
    return [tie for _key, tie in heapq.nsmallest(limit, rated, key=itemgetter(0))]


def weakest_tie_of(end: str, ties: Iterable[Tie]) -> Tie | None:
    """The tie of this end with the lowest mean, or None when none of its ties is rated. For many
    ends, `weakest_tie_per_end` gives them all in one pass."""
    found = weakest_ties((tie for tie in ties if tie.touches(end)), limit=1)
    return found[0] if found else None


def weakest_tie_per_end(ties: Iterable[Tie]) -> dict[str, Tie]:
    """`weakest_tie_of` for every end (actor id or CITIZEN) at once, in one pass over the ties: ends
    none of whose ties is rated are left out. The same tie as `weakest_tie_of` gives, ties included
    (the earlier in `ties` wins)."""
    weakest: dict[str, tuple[tuple[float, int], Tie]] = {}
    for tie in ties:
        mean = tie.mean
        if mean is None:
            continue
        key = (mean, -len(tie.conflicts))
        for end in (tie.a, tie.b):  # not `tie.ends`, a frozenset made per tie (a tie to itself: no change the second time)
            known = weakest.get(end)
            if known is None or key < known[0]:
                weakest[end] = (key, tie)
    return {end: tie for end, (_, tie) in weakest.items()}


def tie_counts(ties: Iterable[Tie]) -> Counter[str]:
    """How many ties each end (actor id or CITIZEN) has (a tie to itself once, as `Tie.ends`)."""
    return Counter(end for tie in ties for end in ((tie.a, tie.b) if tie.a != tie.b else (tie.a,)))


def not_tied_to_coordinator(actors: Sequence[Actor], ties: Iterable[Tie]) -> list[str]:
    """Actors, not coordinators themselves, with no direct tie to any coordinator. Empty when there
    is no coordinator (that is its own finding)."""
    coordinators = {actor.id for actor in actors if actor.coordinator}
    if not coordinators:
        return []
    reached: set[str] = set()
    for tie in ties:  # each end's other end: `tie.other` over `tie.ends`, without a frozenset per tie
        if tie.a in coordinators:
            reached.add(tie.b)
        if tie.b in coordinators:
            reached.add(tie.a)
    return [actor.id for actor in actors if actor.id not in coordinators and actor.id not in reached]


def analyse(actors: Sequence[Actor], ties: Sequence[Tie]) -> Analysis:
    counts = tie_counts(ties)
    coordinators = tuple(actor.id for actor in actors if actor.coordinator)
    weak = tuple(tie.id for tie in ties if tie.weak)
    unrated = tuple(tie.id for tie in ties if tie.mean is None)
    conflicts = conflict_counts(ties)
    conflict_ties = tuple(tie.id for tie in ties if tie.conflicts)
    unlinked = tuple(not_tied_to_coordinator(actors, ties))
    isolated = tuple(actor.id for actor in actors if counts[actor.id] == 0)
    no_consent = tuple(actor.id for actor in actors if actor.consent == "none")
    return Analysis(
        actors=len(actors),
        ties=len(ties),
        per_sector=per_sector(actors),
        coordinators=coordinators,
        conflict_ties=len(conflict_ties),
        conflicts=conflicts,
        dimension_means=dimension_means(ties),
        weak_ties=weak,
        unrated_ties=unrated,
        weakest=tuple(tie.id for tie in weakest_ties(ties)),
        not_tied_to_coordinator=unlinked,
        isolated=isolated,
        without_consent=no_consent,
    )


def latest_readings(readings: Iterable[Reading]) -> dict[str, Reading]:
    """The latest reading (by time taken) tied to each actor id."""
    latest: dict[str, Reading] = {}
    for reading in readings:
        if reading.actor_id is None:
            continue
        known = latest.get(reading.actor_id)
        if known is None or reading.taken >= known.taken:
            latest[reading.actor_id] = reading
    return latest
