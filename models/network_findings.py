"""What to do about the network, named and ranked: which ties, which actors, which sector pairs.

`analyse` (models.network_analysis) counts; this module names. Every finding says who or which
tie it is about, so a practitioner can put it on a meeting's agenda as it stands:

- conflict ties and weak ties, the worst first;
- hotspots: actors on several weak or conflict ties (one caseworker on many of the bad ties is
  one conversation, not many);
- consent missing for actors who are active in ties (information flows there now);
- who the coordinator cannot reach through the network (paths through other actors count; the
  citizen is not a channel between professionals), with family and peripheral units (ring 3) kept
  apart from the professional gaps;
- brokers: actors many shortest paths pass through (betweenness, Brandes 2001), so a network that
  hangs on one person is seen before that person is on holiday;
- the weakest relational-coordination dimension of each pair of sectors, with a suggested action.

Pure functions; the wording is in the catalogs (network.do.<key>, network.suggest.<dimension>).
Cost at the caps (500 actors, 3000 ties): everything is one pass over the ties except the
betweenness, a breadth-first search from each actor (Brandes' algorithm for unweighted graphs,
O(actors x ties)). Up to BETWEENNESS_SOURCES actors (any real network) it is exact; beyond, it is
estimated from that many of them (Brandes & Pich 2007), so its cost stops growing with actors x
ties. `findings` is run for the analysis view and the reports, not on every key.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from models.network import CITIZEN, DIMENSIONS, SECTORS, WEAK_MEAN, Actor, Dimension, Tie, means_of

#: An actor is a hotspot when at least this many of its ties are weak or carry a conflict.
HOTSPOT_MIN = 3
#: A sector pair's weakest dimension becomes a suggestion when its mean over at least
#: SECTOR_GAP_TIES rated ties is weak (one tie alone is already named as a weak tie).
SECTOR_GAP_MEAN = WEAK_MEAN
SECTOR_GAP_TIES = 2
#: Brokers named in "what to do": at most this many, each carrying at least this share of the
#: shortest paths between other actors (normalised betweenness, 0-1).
BROKERS_SHOWN = 3
BROKER_MIN = 0.10
#: Betweenness is exact for networks of up to this many actors (~0.03 s at 150 actors and 900
#: ties); a larger one is estimated from the searches of this many actors. At the caps that is
#: 0.27 -> 0.08 s, and the top brokers' shares move by about a percentage point.
BETWEENNESS_SOURCES = 150
#: The pseudo-sector of the citizen in a sector pair (the citizen's own ties are a pair too).
CITIZEN_SECTOR = "citizen"


@dataclass(frozen=True)
class Hotspot:
    actor_id: str
    weak: tuple[str, ...]
    conflicts: tuple[str, ...]
    #: The ties that are weak or carry a conflict (each once), and all the actor's ties.
    problems: tuple[str, ...]
    ties: int


@dataclass(frozen=True)
class SectorGap:
    """The weakest dimension between two sectors, over the rated ties that join them."""

    sectors: tuple[str, str]
    dimension: str
    mean: float
    tie_ids: tuple[str, ...]


@dataclass(frozen=True)
class Broker:
    actor_id: str
    #: Normalised betweenness: the share of shortest paths between two other actors through it.
    share: float


@dataclass(frozen=True)
class Reach:
    """Who the coordinators reach through the network, and in how many steps (1: a direct tie)."""

    steps: dict[str, int]
    professional: tuple[str, ...]
    peripheral: tuple[str, ...]
    family: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One line of "what to do": a catalog key (network.do.<key>) and what it is about."""

    key: str
    actor_ids: tuple[str, ...] = ()
    tie_ids: tuple[str, ...] = ()
    sectors: tuple[str, str] | None = None
    dimension: str | None = None
    value: float | None = None
    #: The value is an estimate (a broker's share in a network of more than BETWEENNESS_SOURCES).
    estimated: bool = False


@dataclass(frozen=True)
class Findings:
    coordinators: tuple[str, ...]
    #: Conflict ties, the most conflicts and then the lowest mean first.
    conflict_ties: tuple[str, ...]
    #: Weak ties (with or without conflicts), the lowest mean first.
    weak_ties: tuple[str, ...]
    hotspots: tuple[Hotspot, ...]
    #: Actors with ties but without consent: professionals, and the family apart.
    consent_missing: tuple[str, ...]
    consent_missing_family: tuple[str, ...]
    reach: Reach
    brokers: tuple[Broker, ...]
    sector_gaps: tuple[SectorGap, ...]
    isolated: tuple[str, ...]
    unrated: tuple[str, ...]
    steps: tuple[Step, ...] = field(default=())
    #: The brokers' shares are estimates (more than BETWEENNESS_SOURCES actors).
    brokers_estimated: bool = False


def _mean_key(tie: Tie) -> float:
    mean = tie.mean
    return 99.0 if mean is None else mean


def conflict_ties(ties: Sequence[Tie]) -> list[Tie]:
    """Ties with a conflict: the most kinds first, then the weakest."""
    return sorted((tie for tie in ties if tie.conflicts), key=lambda tie: (-len(tie.conflicts), _mean_key(tie)))


def weak_ties(ties: Sequence[Tie]) -> list[Tie]:
    """Weak ties, the lowest mean first; among equals those with more conflicts."""
    return sorted((tie for tie in ties if tie.weak), key=lambda tie: (_mean_key(tie), -len(tie.conflicts)))


def hotspots(actors: Sequence[Actor], ties: Sequence[Tie], least: int = HOTSPOT_MIN) -> list[Hotspot]:
    """Actors on at least `least` ties that are weak or carry a conflict, the most marks first (a
    weak tie and a conflict tie one each), then the most such ties, then the largest share of
    their ties. One pass."""
    weak: dict[str, list[str]] = defaultdict(list)
    fights: dict[str, list[str]] = defaultdict(list)
    problems: dict[str, list[str]] = defaultdict(list)
    total: dict[str, int] = defaultdict(int)
    for tie in ties:
        is_weak, fought = tie.weak, bool(tie.conflicts)  # each a property: once per tie, not per end
        for end in (tie.a, tie.b):
            total[end] += 1
            if is_weak:
                weak[end].append(tie.id)
            if fought:
                fights[end].append(tie.id)
            if is_weak or fought:
                problems[end].append(tie.id)
    found = [
        Hotspot(actor.id, tuple(weak[actor.id]), tuple(fights[actor.id]), tuple(problems[actor.id]), total[actor.id])
        for actor in actors
        if len(problems[actor.id]) >= least
    ]
    # A tie both weak and in conflict counts twice: the coordinator is on many ties by her role, and
    # a mostly weak one should not outrank the caseworker whose few ties are all weak and fighting.
    found.sort(key=lambda spot: (-(len(spot.weak) + len(spot.conflicts)), -len(spot.problems), -len(spot.problems) / spot.ties))
    return found


def _is_family(actor: Actor) -> bool:
    return actor.sector == "family"


def _is_peripheral(actor: Actor) -> bool:
    return actor.ring == 3 and not _is_family(actor)


def consent_missing(actors: Sequence[Actor], ties: Sequence[Tie]) -> tuple[list[str], list[str]]:
    """Actors without consent who have at least one tie to another actor or the citizen: (the
    professionals, the family). Inactive actors without consent share nothing yet."""
    active = {end for tie in ties for end in (tie.a, tie.b)}
    missing = [actor for actor in actors if actor.consent == "none" and actor.id in active]
    return [actor.id for actor in missing if not _is_family(actor)], [actor.id for actor in missing if _is_family(actor)]


def _adjacency(actors: Sequence[Actor], ties: Sequence[Tie]) -> list[list[int]]:
    """The actors as 0..n-1 and who is tied to whom; ties to the citizen are left out (the citizen
    is not a channel between professionals)."""
    index = {actor.id: i for i, actor in enumerate(actors)}
    near: list[list[int]] = [[] for _ in actors]
    for tie in ties:
        a, b = index.get(tie.a), index.get(tie.b)
        if a is not None and b is not None and a != b:
            near[a].append(b)
            near[b].append(a)
    return near


def reach(actors: Sequence[Actor], ties: Sequence[Tie]) -> Reach:
    """Breadth-first from every coordinator at once: O(actors + ties). An actor with no tie at all
    is not among the unreached (it is isolated, its own finding)."""
    near = _adjacency(actors, ties)
    frontier = [i for i, actor in enumerate(actors) if actor.coordinator]
    if not frontier:
        return Reach({}, (), (), ())
    steps = {i: 0 for i in frontier}
    distance = 0
    while frontier:
        distance += 1
        following = []
        for i in frontier:
            for j in near[i]:
                if j not in steps:
                    steps[j] = distance
                    following.append(j)
        frontier = following
    tied = {end for tie in ties for end in (tie.a, tie.b)}
    unreached = [actor for i, actor in enumerate(actors) if i not in steps and actor.id in tied]
    return Reach(
        {actors[i].id: step for i, step in steps.items() if step > 0},
        tuple(actor.id for actor in unreached if not _is_family(actor) and not _is_peripheral(actor)),
        tuple(actor.id for actor in unreached if _is_peripheral(actor)),
        tuple(actor.id for actor in unreached if _is_family(actor)),
    )


def betweenness_sources(actors: Sequence[Actor], most: int = BETWEENNESS_SOURCES) -> list[int]:
    """The actors whose searches betweenness sums: all of them, or `most` chosen by a hash of their
    id. So the same network gives the same estimate every time, and adding or removing one actor
    changes at most one source rather than drawing a new sample."""
    if len(actors) <= most:
        return list(range(len(actors)))
    return sorted(sorted(range(len(actors)), key=lambda i: zlib.crc32(actors[i].id.encode()))[:most])


def betweenness(actors: Sequence[Actor], ties: Sequence[Tie], most: int = BETWEENNESS_SOURCES) -> dict[str, float]:
    """Normalised betweenness of every actor (Brandes 2001, unweighted, undirected): the share of
    the shortest paths between two other actors that pass through it, 0-1. O(sources x ties);
    with fewer sources than actors, an estimate (each source's dependencies scaled up)."""
    near = _adjacency(actors, ties)
    n = len(near)
    score = [0.0] * n
    sources = betweenness_sources(actors, most)
    for source in sources:
        # One breadth-first search from `source`, counting shortest paths (sigma); `queue` ends
        # as the order the actors were reached in (the loop runs over what it appends)...
        before: list[list[int]] = [[] for _ in range(n)]
        sigma = [0] * n
        sigma[source] = 1
        depth = [-1] * n
        depth[source] = 0
        queue = [source]
        for v in queue:
            dv = depth[v] + 1
            sv = sigma[v]
            for w in near[v]:
                dw = depth[w]
                if dw < 0:
                    depth[w] = dw = dv
                    queue.append(w)
                if dw == dv:
                    sigma[w] += sv
                    before[w].append(v)
        # ...then back from the farthest, summing each vertex's dependency (delta), in the same
        # order and with the same operations as before: the same floats, to the last bit.
        delta = [0.0] * n
        for w in reversed(queue):
            share = (1.0 + delta[w]) / sigma[w]
            for v in before[w]:
                delta[v] += sigma[v] * share
            if w != source:
                score[w] += delta[w]
    # Each pair was counted from both ends; normalise by the number of pairs of other actors.
    pairs = (n - 1) * (n - 2) * len(sources) / n if n else 0
    return {actor.id: (score[i] / pairs if pairs > 0 else 0.0) for i, actor in enumerate(actors)}


def brokers(actors: Sequence[Actor], ties: Sequence[Tie]) -> list[Broker]:
    """Actors with any betweenness, the highest first."""
    shares = betweenness(actors, ties)
    found = [Broker(actor.id, shares[actor.id]) for actor in actors if shares[actor.id] > 0]
    found.sort(key=lambda broker: -broker.share)
    return found


def _sector_order(sector: str) -> int:
    return -1 if sector == CITIZEN_SECTOR else SECTORS.index(sector)


def sector_gaps(actors: Sequence[Actor], ties: Sequence[Tie], most: float = SECTOR_GAP_MEAN) -> list[SectorGap]:
    """For each pair of sectors (the citizen counts as one), the dimension with the lowest mean over
    the rated ties between them, when that mean is at or below `most` over at least SECTOR_GAP_TIES
    ties; the lowest first."""
    sector_of: dict[str, str] = {actor.id: actor.sector for actor in actors}
    sector_of[CITIZEN] = CITIZEN_SECTOR
    order = {sector: _sector_order(sector) for sector in (CITIZEN_SECTOR, *SECTORS)}
    rated: dict[tuple[str, str], list[dict[Dimension, int]]] = defaultdict(list)
    tie_ids: dict[tuple[str, str], list[str]] = defaultdict(list)
    for tie in ties:
        if not tie.ratings or tie.a not in sector_of or tie.b not in sector_of:
            continue
        first, second = sector_of[tie.a], sector_of[tie.b]
        pair: tuple[str, str] = (second, first) if order[second] < order[first] else (first, second)
        tie_ids[pair].append(tie.id)
        rated[pair].append(tie.ratings)
    gaps = []
    for pair, ratings in rated.items():
        means = {dim: mean for dim, mean in means_of(ratings).items() if mean is not None}
        weakest = min(DIMENSIONS, key=lambda dim: means.get(dim, 99.0))  # the first of equals
        if means[weakest] <= most and len(tie_ids[pair]) >= SECTOR_GAP_TIES:
            gaps.append(SectorGap(pair, weakest, means[weakest], tuple(tie_ids[pair])))
    gaps.sort(key=lambda gap: (gap.mean, _sector_order(gap.sectors[0]), _sector_order(gap.sectors[1])))
    return gaps


def findings(actors: Sequence[Actor], ties: Sequence[Tie]) -> Findings:
    """Everything above, and the ranked list of what to do (`steps`)."""
    coordinators = tuple(actor.id for actor in actors if actor.coordinator)
    conflicted = conflict_ties(ties)
    weak = weak_ties(ties)
    spots = hotspots(actors, ties)
    consent_pro, consent_family = consent_missing(actors, ties)
    reached = reach(actors, ties)
    all_brokers = brokers(actors, ties)
    gaps = sector_gaps(actors, ties)
    tied = {end for tie in ties for end in (tie.a, tie.b)}
    isolated = tuple(actor.id for actor in actors if actor.id not in tied)
    unrated = tuple(tie.id for tie in ties if not tie.ratings)

    # The order says what matters most: without one who holds the threads nothing else is
    # followed up; a hotspot is one conversation that may settle several ties; conflicts before
    # weakness; consent before sharing more; then the gaps, then what is only worth knowing.
    steps: list[Step] = []
    if actors and not coordinators:
        steps.append(Step("no_coordinator"))
    elif len(coordinators) > 1:
        steps.append(Step("several_coordinators", actor_ids=coordinators))
    steps += [Step("hotspot", actor_ids=(spot.actor_id,), tie_ids=spot.problems) for spot in spots]
    steps += [Step("conflict", actor_ids=_actor_ends(tie), tie_ids=(tie.id,), value=tie.mean) for tie in conflicted]
    steps += [Step("consent", actor_ids=(actor_id,)) for actor_id in consent_pro]
    steps += [Step("unreached", actor_ids=(actor_id,)) for actor_id in reached.professional]
    steps += [Step("weak", actor_ids=_actor_ends(tie), tie_ids=(tie.id,), value=tie.mean) for tie in weak if not tie.conflicts]
    steps += [Step("sector_gap", tie_ids=gap.tie_ids, sectors=gap.sectors, dimension=gap.dimension, value=gap.mean) for gap in gaps]
    named_brokers = [broker for broker in all_brokers if broker.share >= BROKER_MIN and broker.actor_id not in coordinators][:BROKERS_SHOWN]
    estimated = len(actors) > BETWEENNESS_SOURCES
    steps += [Step("broker", actor_ids=(broker.actor_id,), value=broker.share, estimated=estimated) for broker in named_brokers]
    if actors and ties and CITIZEN not in tied:
        steps.append(Step("no_citizen_ties"))
    # Kept apart from the professional gaps: the family is not the coordinator's to "reach", and
    # peripheral units are met now and then; each is one line naming them all.
    if consent_family:
        steps.append(Step("consent_family", actor_ids=tuple(consent_family)))
    if reached.family:
        steps.append(Step("unreached_family", actor_ids=reached.family))
    if reached.peripheral:
        steps.append(Step("unreached_peripheral", actor_ids=reached.peripheral))
    if isolated:
        steps.append(Step("isolated", actor_ids=isolated))
    if unrated:
        steps.append(Step("unrated", tie_ids=unrated))

    return Findings(
        coordinators=coordinators,
        conflict_ties=tuple(tie.id for tie in conflicted),
        weak_ties=tuple(tie.id for tie in weak),
        hotspots=tuple(spots),
        consent_missing=tuple(consent_pro),
        consent_missing_family=tuple(consent_family),
        reach=reached,
        brokers=tuple(all_brokers),
        sector_gaps=tuple(gaps),
        isolated=isolated,
        unrated=unrated,
        steps=tuple(steps),
        brokers_estimated=estimated,
    )


def _actor_ends(tie: Tie) -> tuple[str, ...]:
    return tuple(end for end in (tie.a, tie.b) if end != CITIZEN)

