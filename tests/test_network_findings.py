"""What to do about the network, named and ranked (models/network_findings.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.network import CITIZEN, DIMENSIONS, Actor, Tie
from models.network_findings import (
    BETWEENNESS_SOURCES,
    betweenness,
    betweenness_sources,
    conflict_ties,
    consent_missing,
    findings,
    hotspots,
    reach,
    sector_gaps,
    weak_ties,
)

BRO = Actor(id="bbbbbbbb", name="Brobygger", sector="municipality", ring=1, coordinator=True, consent="oral")
SKP = Actor(id="ssssssss", name="SKP", sector="municipality", ring=1, consent="written")
JOB = Actor(id="jjjjjjjj", name="Jobcenter", sector="municipality", ring=2, consent="none")
PSY = Actor(id="pppppppp", name="Ambulatoriet", sector="region", ring=2, consent="written")
MOR = Actor(id="mmmmmmmm", name="Mor", sector="family", ring=1)
CAFE = Actor(id="cccccccc", name="Café", sector="civil_society", ring=3)
LONE = Actor(id="nnnnnnnn", name="Alene", sector="region", ring=2)


def rated(a: str, b: str, *values: int, conflicts=(), tie_id: str | None = None) -> Tie:
    extra = {"id": tie_id} if tie_id else {}
    return Tie(a=a, b=b, ratings=dict(zip(DIMENSIONS, values)), conflicts=list(conflicts), **extra)


def demo_case():
    from saved.examples import HERE
    from saved.store import load

    return load(HERE / "case-demcasea.toml").document


def names(case, ids):
    return [case.actor(i).name if i != CITIZEN else "Borgeren" for i in ids]


def tie_names(case, tie_id):
    tie = next(tie for tie in case.ties if tie.id == tie_id)
    return frozenset(names(case, (tie.a, tie.b)))


def test_the_demo_case_names_its_conflict_ties_worst_first():
    case = demo_case()
    found = findings(case.actors, case.ties)
    named = [tie_names(case, tie_id) for tie_id in found.conflict_ties]
    assert len(named) == 17
    # Two kinds of conflict first, the weakest of those first.
    assert named[0] == {"Psyk. ambulatorium, kontaktsygeplejerske BT", "Misbrugscentret"}
    assert set(named[1:3]) == {
        frozenset({"Sengeafsnit P3", "Socialpsykiatrien, sagsbehandler PJ"}),
        frozenset({"Jobcenter, sagsbehandler LN", "Socialpsykiatrien, sagsbehandler PJ"}),
    }
    assert {"Borgeren", "Jobcenter, sagsbehandler LN"} in named
    assert {"Mor (GM)", "SKP, bostøtte HL"} in named


def test_the_demo_case_hotspot_is_a_caseworker_not_the_coordinator():
    case = demo_case()
    spots = hotspots(case.actors, case.ties)
    first = [case.actor(spot.actor_id).name for spot in spots[:2]]
    assert set(first) == {"Jobcenter, sagsbehandler LN", "Socialpsykiatrien, sagsbehandler PJ"}
    pj = next(spot for spot in spots if case.actor(spot.actor_id).name.startswith("Socialpsykiatrien"))
    assert (len(pj.weak), len(pj.conflicts), len(pj.problems)) == (4, 4, 4)
    assert "Psykiatribrobygger MK" in [case.actor(spot.actor_id).name for spot in spots], "five problem ties, but by role on many"
    steps = findings(case.actors, case.ties).steps
    assert steps[0].key == "hotspot" and names(case, steps[0].actor_ids) == [first[0]]


def test_the_demo_case_steps_are_ranked_and_named():
    case = demo_case()
    found = findings(case.actors, case.ties)
    keys = [step.key for step in found.steps]
    order = ["hotspot", "conflict", "consent", "weak", "sector_gap", "broker", "consent_family", "isolated", "unrated"]
    assert [key for key in dict.fromkeys(keys)] == order
    assert names(case, found.consent_missing) == ["Akutmodtagelsen", "Socialforvaltningen, ydelser", "Børne- og familieafdelingen", "Sønnens SKP, DF", "Værestedet Fyrtårnet"]
    assert names(case, found.consent_missing_family) == ["Søn (T., 17 år)", "Ekskone (S.)"]
    weak_only = [step for step in found.steps if step.key == "weak"]
    assert all(not next(t for t in case.ties if t.id == step.tie_ids[0]).conflicts for step in weak_only), "a conflict tie is named once"
    brokers = [names(case, step.actor_ids)[0] for step in found.steps if step.key == "broker"]
    assert brokers[0] == "Socialpsykiatrien, sagsbehandler PJ"
    assert "Psykiatribrobygger MK" not in brokers, "the coordinator is a broker by role"
    gap = next(step for step in found.steps if step.key == "sector_gap")
    assert gap.dimension in DIMENSIONS and gap.value is not None and gap.value <= 2.5 and len(gap.tie_ids) >= 2
    assert names(case, found.isolated) == ["Job Café i Kulturhuset", "Borgerservice"]
    assert found.reach.professional == found.reach.peripheral == found.reach.family == ()


def test_reach_goes_through_others_but_not_through_the_citizen():
    ties = [
        Tie(a=BRO.id, b=SKP.id),
        Tie(a=SKP.id, b=JOB.id),  # two steps from the coordinator
        Tie(a=CITIZEN, b=PSY.id),
        Tie(a=CITIZEN, b=BRO.id),  # PSY is reached only through the citizen: not reached
        Tie(a=PSY.id, b=MOR.id),
        Tie(a=PSY.id, b=CAFE.id),
    ]
    found = reach([BRO, SKP, JOB, PSY, MOR, CAFE, LONE], ties)
    assert found.steps == {SKP.id: 1, JOB.id: 2}
    assert found.professional == (PSY.id,)
    assert found.family == (MOR.id,) and found.peripheral == (CAFE.id,)
    assert LONE.id not in found.professional, "no tie at all: isolated, not unreached"
    assert reach([SKP, JOB], [Tie(a=SKP.id, b=JOB.id)]).steps == {}, "no coordinator, no reach"


def test_consent_is_missing_only_where_an_actor_is_active():
    ties = [Tie(a=BRO.id, b=JOB.id), Tie(a=CITIZEN, b=MOR.id)]
    assert consent_missing([BRO, JOB, MOR, CAFE], ties) == ([JOB.id], [MOR.id])


def test_conflict_and_weak_ties_are_ordered():
    one = rated(BRO.id, SKP.id, 2, 2, conflicts=["goals"], tie_id="unexxxxx")
    two = rated(BRO.id, JOB.id, 4, 4, conflicts=["goals", "domain"], tie_id="twaxxxxx")
    weak = rated(SKP.id, JOB.id, 1, 1, tie_id="weakxxxx")
    assert [tie.id for tie in conflict_ties([one, two, weak])] == ["twaxxxxx", "unexxxxx"]
    assert [tie.id for tie in weak_ties([one, two, weak])] == ["weakxxxx", "unexxxxx"]


def test_betweenness_of_a_path_and_a_star():
    a, b, c = (Actor(id=ch * 8, name=ch, sector="region") for ch in "abc")
    path = [Tie(a=a.id, b=b.id), Tie(a=b.id, b=c.id)]
    assert betweenness([a, b, c], path) == {a.id: 0.0, b.id: 1.0, c.id: 0.0}
    d = Actor(id="dddddddd", name="d", sector="region")
    square = [Tie(a=a.id, b=b.id), Tie(a=b.id, b=c.id), Tie(a=c.id, b=d.id), Tie(a=d.id, b=a.id)]
    shares = betweenness([a, b, c, d], square)
    assert shares[a.id] == pytest.approx(1 / 6), "half of the paths between its two neighbours, one pair of three"
    assert betweenness([], []) == {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20))
def test_betweenness_agrees_with_counting_every_shortest_path(pairs):
    actors = [Actor(id=f"{chr(97 + i)}" * 8, name=str(i), sector="region") for i in range(8)]
    ties = {frozenset((x, y)) for x, y in pairs if x != y}
    tie_list = [Tie(a=actors[min(p)].id, b=actors[max(p)].id) for p in ties]
    shares = betweenness(actors, tie_list)
    # Brute force: all shortest paths by breadth-first counting between every pair.
    near = {i: set() for i in range(8)}
    for p in ties:
        x, y = tuple(p)
        near[x].add(y)
        near[y].add(x)

    def dist_count(s):
        dist, count, queue = {s: 0}, {s: 1}, [s]
        for v in queue:
            for w in near[v]:
                if w not in dist:
                    dist[w], count[w] = dist[v] + 1, 0
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    count[w] += count[v]
        return dist, count

    info = {s: dist_count(s) for s in range(8)}
    for v in range(8):
        total = 0.0
        for s in range(8):
            for t in range(s + 1, 8):
                if v in (s, t):
                    continue
                ds, cs = info[s]
                dv, cv = info[v]
                if t in ds and v in ds and t in dv and ds[v] + dv[t] == ds[t]:
                    total += cs[v] * cv[t] / cs[t]
        assert shares[actors[v].id] == pytest.approx(total / (7 * 6 / 2))


def test_the_weakest_dimension_of_a_sector_pair_becomes_a_suggestion():
    ties = [
        rated(BRO.id, PSY.id, 3, 3, 3, 1, 3, 3, 3),
        rated(SKP.id, PSY.id, 3, 3, 3, 2, 3, 3, 3),
        rated(BRO.id, SKP.id, 1, 1, 1, 1, 1, 1, 1),  # one tie: a weak tie, not a sector pattern
    ]
    gaps = sector_gaps([BRO, SKP, PSY], ties)
    assert len(gaps) == 1
    assert gaps[0].sectors == ("region", "municipality") and gaps[0].dimension == "frequent" and gaps[0].mean == 1.5


def test_no_coordinator_comes_first_and_an_empty_network_has_nothing():
    assert findings([], []).steps == ()
    steps = findings([SKP, JOB], [Tie(a=SKP.id, b=JOB.id)]).steps
    assert steps[0].key == "no_coordinator"
    assert "no_citizen_ties" in [step.key for step in steps]


def _two_teams_and_a_bridge() -> tuple[list[Actor], list[Tie]]:
    """Two teams of 200, each tie to four colleagues at random, joined by one bridge actor and
    by one tie between two members: more actors than betweenness searches from."""
    import random

    rng = random.Random(5)
    letters = "abcdefghjkmnpqrstuvwxyz23456789"
    actors = [Actor(id="".join(letters[(i // 31**k) % 31] for k in range(8)), name=str(i), sector="region") for i in range(401)]
    ties = [Tie(a=actors[team + i].id, b=actors[team + j].id) for team in (0, 200) for i in range(200) for j in rng.sample(range(200), 4) if i != j]
    bridge = actors[400]
    ties += [Tie(a=bridge.id, b=actors[3].id), Tie(a=bridge.id, b=actors[203].id), Tie(a=actors[10].id, b=actors[250].id)]
    return actors, ties


def test_a_large_network_estimates_betweenness_and_finds_the_same_brokers():
    actors, ties = _two_teams_and_a_bridge()
    assert len(actors) > BETWEENNESS_SOURCES
    exact = betweenness(actors, ties, most=len(actors))
    estimate = betweenness(actors, ties)
    assert estimate == betweenness(actors, ties), "the same network, the same estimate"

    def top(shares: dict[str, float]) -> list[str]:
        return sorted(shares, key=lambda actor_id: -shares[actor_id])[:2]

    # The two members tied across the teams carry ~39 % each (the bridge's way is a step longer);
    # everyone else 12 % or less.
    assert set(top(estimate)) == set(top(exact)) == {actors[10].id, actors[250].id}
    for actor_id in top(exact):
        assert estimate[actor_id] == pytest.approx(exact[actor_id], abs=0.02)
    found = findings(actors, ties)
    assert found.brokers_estimated
    named = [step for step in found.steps if step.key == "broker"]
    assert {step.actor_ids[0] for step in named} >= set(top(exact)) and all(step.estimated for step in named)


def test_the_estimates_sources_change_by_one_when_one_actor_is_added():
    actors, _ties = _two_teams_and_a_bridge()
    before = {actors[i].id for i in betweenness_sources(actors)}
    newcomer = Actor(id="zzzzzzzz", name="Ny", sector="region")
    after = {[*actors, newcomer][i].id for i in betweenness_sources([*actors, newcomer])}
    assert len(before) == len(after) == BETWEENNESS_SOURCES
    assert len(before - after) <= 1 and len(after - before) <= 1


def test_a_real_networks_betweenness_is_exact():
    case = demo_case()
    assert len(case.actors) <= BETWEENNESS_SOURCES
    assert betweenness(case.actors, case.ties) == betweenness(case.actors, case.ties, most=10**6)
    assert not findings(case.actors, case.ties).brokers_estimated


def test_an_estimated_brokers_share_says_so_in_words():
    from saved.reports.network_steps import step_text
    from models.network_findings import Step
    from tui.i18n import t

    case = demo_case()
    broker = case.actors[0]
    exact = step_text(case, Step("broker", actor_ids=(broker.id,), value=0.384), t, lambda end: "X")
    estimated = step_text(case, Step("broker", actor_ids=(broker.id,), value=0.384, estimated=True), t, lambda end: "X")
    assert "(38 %" in exact and "(~38 %" in estimated


def _betweenness_as_first_written(actors, ties, most=BETWEENNESS_SOURCES):
    """Session 8's betweenness, kept to check that the faster loop gives the same floats."""
    from models.network_findings import _adjacency

    near = _adjacency(actors, ties)
    n = len(near)
    score = [0.0] * n
    sources = betweenness_sources(actors, most)
    for source in sources:
        order: list[int] = []
        before: list[list[int]] = [[] for _ in range(n)]
        sigma = [0] * n
        sigma[source] = 1
        depth = [-1] * n
        depth[source] = 0
        queue = [source]
        head = 0
        while head < len(queue):
            v = queue[head]
            head += 1
            order.append(v)
            dv = depth[v] + 1
            for w in near[v]:
                if depth[w] < 0:
                    depth[w] = dv
                    queue.append(w)
                if depth[w] == dv:
                    sigma[w] += sigma[v]
                    before[w].append(v)
        delta = [0.0] * n
        for w in reversed(order):
            share = (1.0 + delta[w]) / sigma[w]
            for v in before[w]:
                delta[v] += sigma[v] * share
            if w != source:
                score[w] += delta[w]
    pairs = (n - 1) * (n - 2) * len(sources) / n if n else 0
    return {actor.id: (score[i] / pairs if pairs > 0 else 0.0) for i, actor in enumerate(actors)}


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 14), st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=50), st.integers(1, 14))
def test_betweenness_gives_the_same_floats_as_first_written(count, pairs, most):
    """Duplicate ties, ties to oneself, estimates from fewer sources: to the last bit."""
    actors = [Actor(id="abcdefghjkmnpqrs"[i] * 8, name=str(i), sector="region") for i in range(count)]
    ties = [Tie(a=actors[x % count].id, b=actors[y % count].id) for x, y in pairs]
    assert betweenness(actors, ties, most) == _betweenness_as_first_written(actors, ties, most)


def test_betweenness_of_a_large_network_gives_the_same_floats_as_first_written():
    actors, ties = _two_teams_and_a_bridge()
    assert betweenness(actors, ties) == _betweenness_as_first_written(actors, ties)
    assert betweenness(actors, ties, most=len(actors)) == _betweenness_as_first_written(actors, ties, most=len(actors))
