"""The network analysis: counts, means, gaps and the list of where to act."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.network import CITIZEN, CONFLICT_KINDS, DIMENSIONS, SECTORS, Actor, Tie
from models.network_analysis import (
    analyse,
    conflict_counts,
    dimension_means,
    not_tied_to_coordinator,
    per_sector,
    weakest_tie_of,
    weakest_tie_per_end,
    weakest_ties,
)

BRO = Actor(id="bbbbbbbb", name="Brobygger", sector="municipality", ring=1, coordinator=True, consent="oral")
SKP = Actor(id="ssssssss", name="SKP", sector="municipality", ring=1, consent="written")
MOR = Actor(id="mmmmmmmm", name="Mor", sector="family", ring=1)
JOB = Actor(id="jjjjjjjj", name="Jobcenter", sector="municipality", ring=2, consent="oral")
PSY = Actor(id="pppppppp", name="Ambulatoriet", sector="region", ring=2, consent="written")
ACTORS = [BRO, SKP, MOR, JOB, PSY]


def rated(a: str, b: str, *values: int, conflicts=(), tie_id: str | None = None) -> Tie:
    extra = {"id": tie_id} if tie_id else {}
    return Tie(a=a, b=b, ratings=dict(zip(DIMENSIONS, values)), conflicts=list(conflicts), **extra)


STRONG = rated(BRO.id, SKP.id, 5, 5, 5, 5, 5, 5, 5, tie_id="strangaa")
WEAK = rated(JOB.id, PSY.id, 1, 2, 2, 1, 2, 2, 1, conflicts=["goals", "method"], tie_id="weakaaaa")
MIDDLE = rated(BRO.id, JOB.id, 3, 3, 3, tie_id="mddeaaaa")
CITIZEN_TIE = rated(CITIZEN, SKP.id, 4, 4, tie_id="cztyeaaa")
UNRATED = Tie(id="unratedt", a=MOR.id, b=SKP.id, conflicts=["goals"])
TIES = [STRONG, WEAK, MIDDLE, CITIZEN_TIE, UNRATED]


def test_actors_per_sector_lists_every_sector_in_order():
    counts = per_sector(ACTORS)
    assert list(counts) == list(SECTORS)
    assert counts == {"region": 1, "municipality": 3, "state": 0, "private": 0, "civil_society": 0, "family": 1}


def test_conflicts_are_counted_per_kind():
    counts = conflict_counts(TIES)
    assert list(counts) == list(CONFLICT_KINDS)
    assert counts["goals"] == 2 and counts["method"] == 1 and counts["domain"] == 0


def test_each_dimension_is_averaged_over_the_ties_that_rated_it():
    means = dimension_means(TIES)
    assert means["shared_goals"] == pytest.approx((5 + 1 + 3 + 4) / 4)
    assert means["shared_knowledge"] == pytest.approx((5 + 2 + 3 + 4) / 4)
    assert means["frequent"] == pytest.approx((5 + 1) / 2)
    assert dimension_means([]) == {name: None for name in DIMENSIONS}


def test_the_weakest_ties_come_first_and_unrated_ties_are_left_out():
    assert [t.id for t in weakest_ties(TIES)] == ["weakaaaa", "mddeaaaa", "cztyeaaa", "strangaa"]
    assert [t.id for t in weakest_ties(TIES, limit=1)] == ["weakaaaa"]
    assert weakest_tie_of(JOB.id, TIES).id == "weakaaaa"
    assert weakest_tie_of(MOR.id, TIES) is None


def test_the_weakest_tie_of_every_end_in_one_pass():
    weakest = {end: tie.id for end, tie in weakest_tie_per_end(TIES).items()}
    assert weakest == {
        JOB.id: "weakaaaa",
        PSY.id: "weakaaaa",
        BRO.id: "mddeaaaa",
        SKP.id: "cztyeaaa",
        CITIZEN: "cztyeaaa",
    }, "Mor has only an unrated tie: left out"
    assert weakest_tie_per_end([]) == {}


ENDS = st.sampled_from([CITIZEN, "aaaaaaaa", "bbbbbbbb", "cccccccc"])
SOME_TIES = st.lists(
    st.builds(
        Tie,
        a=ENDS,
        b=ENDS,
        ratings=st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(1, 3), max_size=3),
        conflicts=st.lists(st.sampled_from(CONFLICT_KINDS), max_size=2),
    ),
    max_size=12,
)


@given(SOME_TIES)
def test_the_one_pass_weakest_tie_is_the_one_found_end_by_end(ties):
    per_end = weakest_tie_per_end(ties)
    for end in (CITIZEN, "aaaaaaaa", "bbbbbbbb", "cccccccc"):
        assert per_end.get(end) is weakest_tie_of(end, ties)


def test_equal_means_put_the_tie_with_more_conflicts_first():
    calm = rated(BRO.id, MOR.id, 2, 2, tie_id="cammaaaa")
    fighting = rated(BRO.id, PSY.id, 2, 2, conflicts=["domain"], tie_id="fyghtaaa")
    assert [t.id for t in weakest_ties([calm, fighting])] == ["fyghtaaa", "cammaaaa"]


def test_actors_with_no_tie_to_the_coordinator():
    assert not_tied_to_coordinator(ACTORS, TIES) == [MOR.id, PSY.id]
    assert not_tied_to_coordinator([SKP, MOR], TIES) == [], "no coordinator is its own finding"


def test_the_full_analysis_of_a_small_network():
    result = analyse(ACTORS, TIES)
    assert (result.actors, result.ties) == (5, 5)
    assert result.coordinators == (BRO.id,)
    assert result.conflict_ties == 2
    assert result.weak_ties == ("weakaaaa",)
    assert result.unrated_ties == ("unratedt",)
    assert result.without_consent == (MOR.id,)
    assert result.isolated == ()
    assert result.not_tied_to_coordinator == (MOR.id, PSY.id)


def test_an_empty_network_has_no_weakest_ties_and_no_means():
    result = analyse([], [])
    assert result.weakest == () and result.coordinators == ()
    assert all(value is None for value in result.dimension_means.values())


def test_isolated_actors_are_found():
    result = analyse([BRO, MOR], [Tie(a=CITIZEN, b=BRO.id)])
    assert result.isolated == (MOR.id,)


def test_the_demo_network_has_every_kind_of_weakness_counted():
    from saved.examples import HERE
    from saved.store import load

    case = load(HERE / "case-demcasea.toml").document
    result = analyse(case.actors, case.ties)
    assert result.conflict_ties and result.weak_ties and result.without_consent and result.not_tied_to_coordinator
    assert all(result.conflicts[kind] > 0 for kind in CONFLICT_KINDS)
    assert len(result.weakest) == 5


# --- the report (saved/reports/network.py) ----------------------------------------------------------


def demo_case():
    from saved.examples import HERE
    from saved.store import load

    return load(HERE / "case-demcasea.toml").document


def test_the_markdown_report_has_where_to_act_and_every_actor():
    from saved.reports import render
    from tui.i18n import t

    case = demo_case()
    text = render(case, "md", say=t)
    assert "## Samarbejdsnetværk" in text and "### Hvor skal der handles" in text
    assert "1. Brændpunkt: Jobcenter, sagsbehandler LN." in text
    assert "Konflikt mellem Psyk. ambulatorium, kontaktsygeplejerske BT og Misbrugscentret (hvem gør hvad, metode og ideologi; 1,7)" in text
    assert all(line.count("|") >= 8 for line in text.splitlines() if line.startswith("| 8 "))
    assert "Psykiatribrobygger MK ★" in text
    private = render(case, "md", say=t, private=True)
    assert "Psykiatribrobygger MK" not in private and "| Psykiatribrobygger \\#8 ★ |" in private
    assert all(f"{actor.name} " not in private for actor in case.actors if actor.name != actor.kind)
    assert "Skadesreduktion" not in private, "tie notes are left out of a private report"


def test_the_dot_graph_names_every_actor_and_tie_and_escapes_text():
    from saved.reports import render
    from tui.i18n import t

    case = demo_case()
    case.actors[0].name = 'Quote " and \\ back\nslash'
    dot = render(case, "dot", say=t)
    assert dot.startswith("graph network {") and dot.rstrip().endswith("}")
    assert dot.count(" -- ") == len(case.ties)
    assert all(f'"{actor.id}" [label=' in dot for actor in case.actors)
    assert 'Quote \\" and \\\\ back slash' in dot
    assert "style=dashed" in dot and "penwidth=2.5" in dot and "peripheries=2" in dot


def test_a_case_without_a_network_has_no_network_section():
    from models.documents import Case
    from saved.reports import render
    from tui.i18n import t

    assert "Samarbejdsnetværk" not in render(Case(title="A.B."), "md", say=t)
