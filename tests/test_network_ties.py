"""The network's ties: what a tie holds, the case's references (ends exist, no self-ties, no
duplicate pairs), problems with a file's line, and a round trip through the store."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from models.base import ID_ALPHABET
from models.documents import MAX_TIES, Case
from models.network import CITIZEN, CONFLICT_KINDS, CONSENTS, DIMENSIONS, FREQUENCIES, SECTORS, WEAK_MEAN, Actor, Tie
from saved.store import DocumentError, dumps, load

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=CET)
MOR = Actor(id="mmmmmmmm", name="Mor", kind="Mor", sector="family", ring=1)
JOB = Actor(id="jjjjjjjj", name="Jobcenter", kind="Jobcenter", sector="municipality", ring=2)
BRO = Actor(id="bbbbbbbb", name="Brobygger", kind="Psykiatribrobygger", sector="municipality", ring=1, coordinator=True)


def case_with(actors, ties) -> Case:
    return Case(id="casettst", title="T.T.", created=T0, changed=T0, review_date=date(2027, 11, 2), actors=actors, ties=ties)


# --- one tie -------------------------------------------------------------------------------------


def test_the_citizen_can_never_be_an_actor_id():
    assert CITIZEN == "citizen" and "i" not in ID_ALPHABET
    with pytest.raises(ValidationError):
        Actor(id=CITIZEN, name="x", sector="family")


def test_ratings_and_conflicts_are_kept_in_catalogue_order_and_once():
    tie = Tie(a=CITIZEN, b="jjjjjjjj", ratings={"timely": 2, "shared_goals": 4}, conflicts=["goals", "domain", "goals"])
    assert list(tie.ratings) == ["shared_goals", "timely"]
    assert tie.conflicts == ["domain", "goals"]
    assert tie.mean == 3.0 and not tie.weak


def test_a_tie_is_weak_at_or_below_the_threshold_and_unrated_is_not_weak():
    assert Tie(a="aaaaaaaa", b="bbbbbbbb", ratings={"shared_goals": 2, "timely": 3}).weak  # mean 2.5
    assert not Tie(a="aaaaaaaa", b="bbbbbbbb", ratings={"shared_goals": 3, "timely": 3}).weak
    unrated = Tie(a="aaaaaaaa", b="bbbbbbbb")
    assert unrated.mean is None and not unrated.weak
    assert WEAK_MEAN == 2.5


def test_other_end_and_touches():
    tie = Tie(a="aaaaaaaa", b=CITIZEN)
    assert tie.other("aaaaaaaa") == CITIZEN and tie.other(CITIZEN) == "aaaaaaaa"
    assert tie.touches(CITIZEN) and not tie.touches("bbbbbbbb")


@pytest.mark.parametrize(
    "fields",
    [
        {"ratings": {"shared_goals": 0}},
        {"ratings": {"shared_goals": 6}},
        {"ratings": {"shared_goals": "3"}},
        {"ratings": {"shared_goals": 3.0}},
        {"ratings": {"trust": 3}},
        {"conflicts": ["politics"]},
        {"frequency": "hourly"},
        {"note": "x" * 1001},
        {"b": "Mor"},
        {"b": "0101701234"},
        {"weight": 3},
    ],
)
def test_bad_ties_are_refused(fields):
    with pytest.raises(ValidationError):
        Tie(**{"a": "aaaaaaaa", "b": "bbbbbbbb", **fields})


def test_every_vocabulary_has_the_materials_size():
    assert len(DIMENSIONS) == 7 and len(CONFLICT_KINDS) == 5 and "never" in FREQUENCIES


# --- ties in a case --------------------------------------------------------------------------------


def test_ties_between_actors_and_with_the_citizen_are_accepted():
    case = case_with([MOR, JOB, BRO], [Tie(a=CITIZEN, b=MOR.id), Tie(a=JOB.id, b=BRO.id)])
    assert [t.b for t in case.ties_of(MOR.id)] == [MOR.id]
    assert len(case.ties_of(CITIZEN)) == 1


def test_a_tie_to_an_unknown_actor_is_refused_at_its_end():
    with pytest.raises(ValidationError) as caught:
        case_with([MOR], [Tie(a=CITIZEN, b=MOR.id), Tie(a="zzzzzzzz", b=MOR.id)])
    (error,) = caught.value.errors()
    assert error["loc"] == ("ties", 1, "a") and error["type"] == "unknown_actor"
    assert "tie 1" in error["msg"] and "zzzzzzzz" in error["msg"]


def test_a_tie_from_an_actor_to_itself_is_refused():
    with pytest.raises(ValidationError) as caught:
        case_with([MOR], [Tie(a=MOR.id, b=MOR.id)])
    (error,) = caught.value.errors()
    assert (error["loc"], error["type"]) == (("ties", 0, "b"), "self_tie")


def test_the_citizen_tied_to_herself_is_refused_too():
    with pytest.raises(ValidationError) as caught:
        case_with([], [Tie(a=CITIZEN, b=CITIZEN)])
    assert caught.value.errors()[0]["type"] == "self_tie"


def test_two_ties_between_the_same_ends_are_refused_either_way_round():
    with pytest.raises(ValidationError) as caught:
        case_with([MOR, JOB], [Tie(a=MOR.id, b=JOB.id), Tie(a=JOB.id, b=MOR.id)])
    (error,) = caught.value.errors()
    assert (error["loc"], error["type"]) == (("ties", 1, "b"), "duplicate_tie")
    assert "tie 0" in error["msg"]


def test_duplicate_tie_ids_are_refused():
    with pytest.raises(ValidationError) as caught:
        case_with([MOR, JOB], [Tie(id="tttttttt", a=MOR.id, b=JOB.id), Tie(id="tttttttt", a=CITIZEN, b=JOB.id)])
    assert caught.value.errors()[0]["type"] == "duplicate_id"


def test_a_refused_assignment_leaves_the_case_as_it_was():
    case = case_with([MOR, JOB], [Tie(a=MOR.id, b=JOB.id)])
    with pytest.raises(ValidationError):
        case.actors = [JOB]  # Mor still has a tie: removing her alone is refused
    with pytest.raises(ValidationError):
        case.ties = [*case.ties, Tie(a=JOB.id, b=JOB.id)]
    assert [a.id for a in case.actors] == [MOR.id, JOB.id] and len(case.ties) == 1


def test_removing_an_actor_with_its_ties_is_accepted():
    case = case_with([MOR, JOB], [Tie(a=MOR.id, b=JOB.id), Tie(a=CITIZEN, b=JOB.id)])
    assert [t.a for t in case.ties_of(JOB.id)] == [MOR.id, CITIZEN]
    case.ties = [tie for tie in case.ties if not tie.touches(MOR.id)]
    case.actors = [JOB]
    assert len(case.ties) == 1
    assert case.ties_of(MOR.id) == [] and [t.a for t in case.ties_of(JOB.id)] == [CITIZEN], "ties_of follows a new list"
    case.ties_of(JOB.id).clear()
    assert len(case.ties_of(JOB.id)) == 1, "the caller gets its own list"


def test_the_number_of_ties_is_bounded():
    with pytest.raises(ValidationError) as caught:
        Case(title="x", ties=[Tie(a=CITIZEN, b="aaaaaaaa")] * (MAX_TIES + 1))
    assert caught.value.errors()[0]["type"] == "too_long"


# --- files ---------------------------------------------------------------------------------------


def write_case(tmp_path: Path, ties_toml: str) -> Path:
    path = tmp_path / "case-casettst.toml"
    base = dumps(case_with([MOR, JOB], [])).decode().replace("ties = []\n", "")
    path.write_text(base + ties_toml)
    return path


def test_a_file_with_a_dangling_tie_names_the_line(tmp_path):
    path = write_case(tmp_path, '\n[[ties]]\nid = "tttttttt"\na = "mmmmmmmm"\nb = "zzzzzzzz"\n')
    with pytest.raises(DocumentError) as caught:
        load(path)
    (problem,) = caught.value.problems
    lines = path.read_text().split("\n")
    assert lines[problem.line - 1] == 'b = "zzzzzzzz"'
    assert "ties.0.b" in problem.message and "zzzzzzzz" in problem.message


def test_a_file_with_a_rating_out_of_range_names_the_line(tmp_path):
    path = write_case(tmp_path, '\n[[ties]]\nid = "tttttttt"\na = "mmmmmmmm"\nb = "citizen"\n\n[ties.ratings]\ntimely = 9\n')
    with pytest.raises(DocumentError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert path.read_text().split("\n")[problem.line - 1] == "timely = 9"
    assert "ties.0.ratings.timely" in problem.message


# --- round trip ----------------------------------------------------------------------------------

ids = st.text(alphabet=ID_ALPHABET, min_size=8, max_size=8)
stamps = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(CET)).map(lambda d: d.replace(microsecond=0))


@st.composite
def networks(draw) -> Case:
    actors = draw(
        st.lists(
            st.builds(
                Actor,
                id=ids,
                name=st.text(min_size=1, max_size=80),
                kind=st.text(max_size=40),
                sector=st.sampled_from(SECTORS),
                ring=st.integers(1, 3),
                coordinator=st.booleans(),
                consent=st.sampled_from(CONSENTS),
                consent_date=st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
            ),
            max_size=10,
            unique_by=lambda actor: actor.id,
        )
    )
    ends = [CITIZEN, *(actor.id for actor in actors)]
    pairs = [(a, b) for i, a in enumerate(ends) for b in ends[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique_by=frozenset, max_size=15)) if pairs else []
    tie_ids = draw(st.lists(ids, min_size=len(chosen), max_size=len(chosen), unique=True))
    ties = [
        Tie(
            id=tie_ids[n],
            a=a,
            b=b,
            frequency=draw(st.none() | st.sampled_from(FREQUENCIES)),
            ratings=draw(st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(1, 5), max_size=7)),
            conflicts=draw(st.lists(st.sampled_from(CONFLICT_KINDS), unique=True, max_size=5)),
            note=draw(st.text(max_size=60)),
        )
        for n, (a, b) in enumerate(chosen)
    ]
    return Case(id=draw(ids), title=draw(st.text(min_size=1, max_size=80)), created=draw(stamps), changed=draw(stamps), actors=actors, ties=ties)


@settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_any_network_round_trips_through_the_store(case: Case):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"case-{case.id}.toml"
        path.write_bytes(dumps(case))
        loaded = load(path)
    assert loaded.document == case
    assert dumps(loaded.document) == dumps(case)


def test_the_demo_case_has_a_realistic_network():
    from saved.examples import HERE

    case = load(HERE / "case-demcasea.toml").document
    assert len(case.actors) == 34 and 50 <= len(case.ties) <= 70
    assert {kind for tie in case.ties for kind in tie.conflicts} == set(CONFLICT_KINDS)
    assert any(tie.weak for tie in case.ties) and any(tie.mean is None for tie in case.ties)
    assert any(tie.touches(CITIZEN) for tie in case.ties)
    assert any(actor.consent == "none" and case.ties_of(actor.id) for actor in case.actors)
    assert load(HERE / "case-demcaseb.toml").document.ties == []
