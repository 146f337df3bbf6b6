"""A case's actors and readings: references hold, problems name their line, files round-trip."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from models.base import ID_ALPHABET
from models.documents import Case, readings_in_future
from models.gauge import FEELINGS, SITUATIONS, WHOSE, Reading
from models.network import CONSENTS, SECTORS, Actor
from saved.store import DocumentError, dumps, load

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=CET)


def case_with(actors, readings) -> Case:
    return Case(id="casettst", title="T.T.", created=T0, changed=T0, review_date=date(2027, 11, 2), actors=actors, readings=readings)


MOR = Actor(id="mmmmmmmm", name="Mor", kind="Mor", sector="family", ring=1)
JOB = Actor(id="jjjjjjjj", name="Jobcenter, sagsbehandler LN", kind="Sagsbehandler, jobcenter", sector="municipality", ring=2)


def test_a_case_has_no_actors_or_readings_by_default():
    case = Case(title="A.B.")
    assert case.actors == [] and case.readings == []


def test_readings_may_point_at_actors_of_the_case():
    case = case_with([MOR, JOB], [Reading(intensity=7, capacity=3, actor_id="jjjjjjjj", taken=T0), Reading(intensity=2, capacity=8, taken=T0)])
    assert case.actor("jjjjjjjj") is JOB or case.actor("jjjjjjjj") == JOB
    assert case.actor("zzzzzzzz") is None


def test_actors_and_readings_are_found_by_id_and_by_position_after_each_assignment():
    first = Reading(id="rrrrrrr7", intensity=7, capacity=3, actor_id="jjjjjjjj", taken=T0)
    second = Reading(id="rrrrrrr2", intensity=2, capacity=8, taken=T0)
    case = case_with([MOR, JOB], [first, second])
    assert (case.actor_index("jjjjjjjj"), case.actor_index("mmmmmmmm"), case.actor_index("zzzzzzzz")) == (1, 0, None)
    assert case.reading("rrrrrrr2") == second and case.reading_index("rrrrrrr2") == 1 and case.reading("zzzzzzzz") is None
    third = Reading(id="rrrrrrr3", intensity=5, capacity=5, taken=T0)
    case.readings = [third, first]  # a new list: the lookups follow it
    assert (case.reading_index("rrrrrrr3"), case.reading_index("rrrrrrr7"), case.reading("rrrrrrr2")) == (0, 1, None)
    with pytest.raises(ValidationError):
        case.actors = [MOR]  # JOB still has a reading: refused and rolled back
    assert case.actor("jjjjjjjj") == JOB and case.actor_index("jjjjjjjj") == 1
    case.readings = [third]
    case.actors = [JOB]
    assert case.actor("mmmmmmmm") is None and case.actor_index("jjjjjjjj") == 0


def test_looking_up_leaves_equality_and_copies_alone():
    case = case_with([MOR, JOB], [Reading(id="rrrrrrr7", intensity=7, capacity=3, taken=T0)])
    twin = case.model_copy(deep=True)
    assert case.actor("jjjjjjjj") == JOB and case.reading("rrrrrrr7") is not None
    assert case == twin, "the lookup maps are a cache, not part of the document"
    other = case.model_copy(update={"actors": [JOB]})
    assert other.actor("mmmmmmmm") is None and case.actor("mmmmmmmm") == MOR


def test_only_an_assignment_of_a_list_walks_the_references(monkeypatch):
    case = case_with([MOR, JOB], [Reading(intensity=7, capacity=3, actor_id="jjjjjjjj", taken=T0)])
    walked = []
    real = Case._reference_errors
    monkeypatch.setattr(Case, "_reference_errors", lambda self, assigned=None: walked.append(assigned) or real(self, assigned))
    case.title = "T.T. (ny)"
    case.notes = "a keystroke"
    assert walked == [], "a title or a note cannot break a reference"
    case.readings = [*case.readings, Reading(intensity=1, capacity=9, taken=T0)]
    assert walked == ["readings"]
    with pytest.raises(ValidationError):
        case.readings = [*case.readings, Reading(intensity=1, capacity=9, actor_id="zzzzzzzz", taken=T0)]
    assert len(case.readings) == 2 and case.title == "T.T. (ny)"


def test_a_reading_with_an_unknown_actor_is_refused_with_its_index_and_the_id():
    with pytest.raises(ValidationError) as caught:
        case_with([MOR], [Reading(intensity=2, capacity=8, taken=T0), Reading(intensity=7, capacity=3, actor_id="jjjjjjjj", taken=T0)])
    (error,) = caught.value.errors()
    assert error["loc"] == ("readings", 1, "actor_id")
    assert error["type"] == "unknown_actor"
    assert "reading 1" in error["msg"] and "jjjjjjjj" in error["msg"]


def test_duplicate_ids_are_refused():
    with pytest.raises(ValidationError) as caught:
        case_with([MOR, MOR.model_copy(update={"name": "Mor igen"})], [])
    assert caught.value.errors()[0]["loc"] == ("actors", 1, "id")
    same = Reading(id="rrrrrrrr", intensity=2, capacity=8, taken=T0)
    with pytest.raises(ValidationError) as caught:
        case_with([], [same, same.model_copy(update={"intensity": 3})])
    assert caught.value.errors()[0]["loc"] == ("readings", 1, "id")
    assert "rrrrrrrr" in caught.value.errors()[0]["msg"]


def test_every_broken_reference_is_reported_at_once():
    with pytest.raises(ValidationError) as caught:
        case_with(
            [MOR, MOR],
            [Reading(intensity=2, capacity=8, actor_id="aaaaaaaa", taken=T0), Reading(intensity=2, capacity=8, actor_id="bbbbbbbb", taken=T0)],
        )
    assert [e["loc"] for e in caught.value.errors()] == [("actors", 1, "id"), ("readings", 0, "actor_id"), ("readings", 1, "actor_id")]


def test_removing_an_actor_still_in_use_is_refused_on_assignment():
    case = case_with([MOR, JOB], [Reading(intensity=7, capacity=3, actor_id="jjjjjjjj", taken=T0)])
    with pytest.raises(ValidationError):
        case.actors = [MOR]
    assert case.actors == [MOR, JOB], "a refused assignment leaves the case as it was (pydantic#7105)"
    with pytest.raises(ValidationError):
        case.readings = [*case.readings, Reading(intensity=1, capacity=9, actor_id="zzzzzzzz", taken=T0)]
    assert len(case.readings) == 1
    case.readings = [*case.readings, Reading(intensity=1, capacity=9, actor_id="mmmmmmmm", taken=T0)]
    case.title = "T.T. (ny)"
    assert len(case.readings) == 2 and case.title == "T.T. (ny)"


def test_lists_are_bounded():
    with pytest.raises(ValidationError):
        Case(title="X", actors=[Actor(name=f"A{n}", sector="family", ring=1) for n in range(501)])


def test_readings_in_the_future_are_accepted_and_reported():
    now = datetime(2026, 11, 20, 12, 0, tzinfo=CET)
    readings = [
        Reading(id="rrrrrrr2", intensity=3, capacity=7, taken=now - timedelta(days=1)),
        Reading(id="rrrrrrr3", intensity=3, capacity=7, taken=now + timedelta(minutes=4)),  # within the slack
        Reading(id="rrrrrrr4", intensity=3, capacity=7, taken=now + timedelta(days=30)),
    ]
    case = case_with([], readings)
    assert readings_in_future(case, now) == [(2, readings[2])]
    assert readings_in_future(case, now, slack=timedelta(0)) == [(1, readings[1]), (2, readings[2])]
    # An instant in another offset compares by the instant, not the wall clock.
    assert readings_in_future(case, now.astimezone(timezone.utc) + timedelta(days=31)) == []


# --- through the store ------------------------------------------------------------------------------


def test_an_unknown_actor_in_a_file_is_a_problem_with_its_line(tmp_path: Path):
    good = case_with(
        [MOR, JOB],
        [
            Reading(id="rrrrrrr2", intensity=3, capacity=7, actor_id="mmmmmmmm", taken=T0),
            Reading(id="rrrrrrr3", intensity=8, capacity=3, actor_id="jjjjjjjj", taken=T0, feelings={"vrede": 8}),
            Reading(id="rrrrrrr4", intensity=4, capacity=6, actor_id="jjjjjjjj", taken=T0),
        ],
    )
    text = dumps(good).decode()
    # Hand-edit the third reading's actor to one that does not exist.
    head, _, tail = text.partition('id = "rrrrrrr4"')
    tail = tail.replace('actor_id = "jjjjjjjj"', 'actor_id = "zzzzzzzz"', 1)
    path = tmp_path / "case-casettst.toml"
    path.write_text(head + 'id = "rrrrrrr4"' + tail, encoding="utf-8")
    expected_line = (head + 'id = "rrrrrrr4"' + tail).splitlines().index('actor_id = "zzzzzzzz"') + 1

    with pytest.raises(DocumentError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert problem.line == expected_line
    assert problem.message.startswith("readings.2.actor_id:")
    assert "zzzzzzzz" in problem.message and "reading 2" in problem.message
    assert str(problem).startswith(f"{path}:{expected_line}: ")


def test_a_reading_off_the_scale_in_a_file_names_its_line(tmp_path: Path):
    text = dumps(case_with([], [Reading(id="rrrrrrr2", intensity=3, capacity=7, taken=T0)])).decode()
    text = text.replace("capacity = 7", "capacity = 12")
    path = tmp_path / "case-casettst.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert problem.line == text.splitlines().index("capacity = 12") + 1
    assert problem.message.startswith("readings.0.capacity:")


# Strategies: any valid case with actors and readings.
ids = st.text(alphabet=ID_ALPHABET, min_size=8, max_size=8)
offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
stamps = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=offsets)
texts = st.text(max_size=40)


@st.composite
def cases(draw) -> Case:
    actors = draw(
        st.lists(
            st.builds(
                Actor,
                id=ids,
                name=st.text(min_size=1, max_size=80),
                kind=texts,
                sector=st.sampled_from(SECTORS),
                ring=st.integers(1, 3),
                coordinator=st.booleans(),
                consent=st.sampled_from(CONSENTS),
                consent_date=st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
            ),
            max_size=8,
            unique_by=lambda actor: actor.id,
        )
    )
    actor_ids = st.none() | (st.sampled_from([a.id for a in actors]) if actors else st.none())
    readings = draw(
        st.lists(
            st.builds(
                Reading,
                id=ids,
                taken=stamps,
                feelings=st.dictionaries(st.sampled_from(FEELINGS), st.integers(0, 10), max_size=6),
                intensity=st.integers(0, 10),
                capacity=st.integers(0, 10),
                whose=st.sampled_from(WHOSE),
                situation=st.none() | st.sampled_from(SITUATIONS),
                context=texts,
                actor_id=actor_ids,
                note=st.text(max_size=60),
            ),
            max_size=12,
            unique_by=lambda reading: reading.id,
        )
    )
    return Case(
        id=draw(ids),
        title=draw(st.text(min_size=1, max_size=80)),
        created=draw(stamps),
        changed=draw(stamps),
        archived=draw(st.booleans()),
        notes=draw(st.text(max_size=200)),
        review_date=draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))),
        actors=actors,
        readings=readings,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_case_with_actors_and_readings_round_trips_through_the_store(case: Case):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"case-{case.id}.toml"
        path.write_bytes(dumps(case))
        loaded = load(path)
    assert loaded.document == case
    assert loaded.migrated_from is None and loaded.newer_version is None
    assert dumps(loaded.document) == dumps(case)


# --- the demo case ----------------------------------------------------------------------------------


def test_the_demo_case_holds_the_materials_network_and_a_switch_point():
    from saved.examples import HERE
    from models.gauge import filter_readings, switch_point
    from models.network import ACTOR_CATALOGUE

    case = load(HERE / "case-demcasea.toml").document
    assert (case.id, case.title) == ("demcasea", "K.M. (demo)")
    assert sorted(a.kind for a in case.actors) == sorted(e.kind for e in ACTOR_CATALOGUE)
    assert [a.kind for a in case.actors if a.coordinator] == ["Psykiatribrobygger"]
    assert {a.consent for a in case.actors} == {"none", "oral", "written"}
    assert all((a.consent == "none") == (a.consent_date is None) for a in case.actors)
    assert 25 <= len(case.readings) <= 35
    assert [r.taken for r in case.readings] == sorted(r.taken for r in case.readings)
    assert case.readings[0].taken.date() == date(2026, 10, 5) and case.readings[-1].taken.date() == date(2026, 11, 20)
    # Summer time ended on 2026-10-25: the offsets say so.
    assert {r.taken.utcoffset() for r in case.readings if r.taken.date() < date(2026, 10, 25)} == {timedelta(hours=2)}
    assert {r.taken.utcoffset() for r in case.readings if r.taken.date() > date(2026, 10, 25)} == {timedelta(hours=1)}
    assert readings_in_future(case, case.changed) == []
    mine = switch_point(filter_readings(case.readings, whose="self"))
    assert (mine.intensity, mine.reason) == (7, "ok")
