"""The supervision model: STORM as data, the maturity ladder's suggestion, actions, earlier sessions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from models.supervision import Supervision
from models.gauge import Reading
from models.supervision import (
    CRITERIA,
    LEVELS,
    QUESTIONS,
    SCALE_QUESTIONS,
    SOURCE_DA,
    STORM,
    Action,
    Maturity,
    criterion_label_key,
    earlier_sessions,
    next_level_needs,
    question_label_key,
    required_criteria,
    same_person,
    suggest_level,
)
from saved.store import dumps, load
from tui.i18n import catalog


def test_storm_has_five_areas_of_four_questions_in_the_order_of_the_letters():
    assert "".join(area.letter for area in STORM) == "STORM"
    assert [len(area.questions) for area in STORM] == [4, 4, 4, 4, 4]
    assert [q for area in STORM for q in area.questions] == list(QUESTIONS)
    # The slide puts a 1 <-> 10 scale on Mentalisering's first three questions only.
    assert SCALE_QUESTIONS == ("m1", "m2", "m3")


def test_the_danish_catalog_says_what_the_material_says():
    da = catalog("da")
    for key, text in SOURCE_DA.items():
        assert da[key] == text, key
    for question in QUESTIONS:
        assert question_label_key(question) in SOURCE_DA
    for criterion in CRITERIA:
        assert criterion_label_key(criterion) in SOURCE_DA
    assert da["supervision.storm.q.s1"] == "Er du i sikkerhed som leder?"
    assert da["supervision.maturity.level.optimeret"] == "Optimeret"


def test_levels_four_and_five_build_on_structured():
    assert required_criteria(3) == ("3a", "3b", "3c", "3d")
    assert required_criteria(4) == ("3a", "3b", "3c", "3d", "4a", "4b")
    assert required_criteria(5)[-2:] == ("5a", "5b") and set(required_criteria(4)) < set(required_criteria(5))


@pytest.mark.parametrize(
    ("ticked", "level"),
    [
        ([], None),
        (["1a", "1b", "1c", "1d"], 1),
        (["1a"], 1),
        (["2a", "2b", "2c"], 2),
        (["2a", "3a"], 2),  # 1/3 of level 2 beats 1/4 of level 3
        (["3a", "3b", "3c", "3d"], 3),
        (["3a", "3b", "3c", "3d", "4a", "4b"], 4),
        (["4a", "4b"], 4),  # its own criteria all ticked but not level 3's: the largest share
        (["3a", "3b", "3c", "4a", "4b"], 4),
        (list(CRITERIA), 5),
        (["5a", "5b", "4a", "4b", "3a", "3b", "3c", "3d"], 5),
        (["1a", "2a"], 2),  # 1/4 vs 1/3
        (["1a", "1b", "2a"], 1),  # 2/4 vs 1/3
    ],
)
def test_suggest_level(ticked, level):
    assert suggest_level(ticked) == level


@given(st.sets(st.sampled_from(CRITERIA)))
def test_suggestion_is_a_level_and_complete_levels_are_never_undercut(ticked):
    level = suggest_level(ticked)
    if not ticked:
        assert level is None
        return
    assert level in {lv.number for lv in LEVELS}
    for lv in LEVELS:
        if set(required_criteria(lv.number)) <= ticked:
            assert level >= lv.number


def test_what_the_next_level_needs():
    assert next_level_needs(["2a", "2b", "2c", "3c"], 2) == (3, ("3a", "3b", "3d"))
    assert next_level_needs([], None) == (1, ("1a", "1b", "1c", "1d"))
    assert next_level_needs(list(CRITERIA), 5) is None
    assert next_level_needs(["3a", "3b", "3c", "3d"], 3) == (4, ("4a", "4b"))


def test_maturity_keeps_criteria_in_order_without_duplicates_and_rejects_unknown_ones():
    assert Maturity(checked=["3a", "1a", "3a"]).checked == ["1a", "3a"]
    with pytest.raises(ValidationError):
        Maturity(checked=["9z"])
    with pytest.raises(ValidationError):
        Maturity(level=6)


def test_scales_are_one_to_ten_and_only_on_scale_questions():
    session = Supervision(title="S")
    session.storm_scales = {"m1": 1, "m3": 10}
    for bad in ({"m1": 0}, {"m2": 11}, {"s1": 5}, {"m4": 5}):
        with pytest.raises(ValidationError):
            session.storm_scales = bad
    assert session.storm_scales == {"m1": 1, "m3": 10}


def test_empty_answers_are_not_kept_and_answers_are_bounded():
    session = Supervision(title="S", storm={"t1": "", "s1": "ja"})
    assert session.storm == {"s1": "ja"}
    with pytest.raises(ValidationError):
        session.storm = {"s1": "x" * 4_001}
    with pytest.raises(ValidationError):
        session.storm = {"x9": "?"}


def test_actions_need_a_text_and_unique_ids_and_a_refused_list_changes_nothing():
    with pytest.raises(ValidationError):
        Action(what="")
    action = Action(what="Ring til teamlederen", owner="LB", due=date(2026, 12, 1))
    session = Supervision(title="S", actions=[action])
    with pytest.raises(ValidationError):
        session.actions = [action, action]
    assert session.actions == [action]


def test_session_readings_name_no_actor():
    reading = Reading(intensity=7, capacity=3)
    session = Supervision(title="S", readings=[reading])
    with pytest.raises(ValidationError):
        session.readings = [reading.model_copy(update={"actor_id": "abcdefgh"})]
    assert session.readings == [reading]


def test_same_person_ignores_case_dots_and_spaces():
    assert same_person("L.B.", "lb") and same_person("LB", " l b ")
    assert not same_person("LB", "LC") and not same_person("", "")


def test_earlier_sessions_are_the_same_practitioners_before_this_one_newest_first():
    def session(held: date, who: str) -> Supervision:
        return Supervision(title="S", held_on=held, practitioner=who)

    current = session(date(2026, 11, 12), "LB")
    october, september = session(date(2026, 10, 15), "L.B."), session(date(2026, 9, 1), "lb")
    later, other = session(date(2026, 12, 1), "LB"), session(date(2026, 10, 1), "KM")
    assert earlier_sessions(current, [september, later, other, october, current]) == [october, september]
    assert earlier_sessions(session(date(2026, 11, 12), ""), [october]) == [], "no practitioner, no comparison"


def test_the_demo_sessions_load_and_compare(tmp_path):
    from saved.examples import HERE

    november = load(HERE / "supervision-demsupv2.toml").document
    october = load(HERE / "supervision-demsupva.toml").document
    assert earlier_sessions(november, [october]) == [october]
    assert november.storm_scales["m1"] > october.storm_scales["m1"]
    assert suggest_level(november.maturity.checked) == november.maturity.level == 2
    assert len(november.actions) == 3 and november.next_session == date(2026, 12, 10)


answers = st.dictionaries(st.sampled_from(QUESTIONS), st.text(min_size=1, max_size=50).filter(str.strip), max_size=5)
scales = st.dictionaries(st.sampled_from(SCALE_QUESTIONS), st.integers(1, 10))


@settings(max_examples=50, deadline=None)
@given(answers, scales, st.sets(st.sampled_from(CRITERIA)), st.lists(st.text(min_size=1, max_size=30), max_size=4))
def test_any_session_saved_and_loaded_compares_equal(tmp_path_factory, storm, scale, ticked, whats):
    session = Supervision(
        title="S",
        storm=storm,
        storm_scales=scale,
        maturity=Maturity(checked=sorted(ticked), level=suggest_level(ticked)),
        actions=[Action(what=what, owner="LB") for what in whats],
    )
    path = tmp_path_factory.mktemp("s") / "supervision-x.toml"
    path.write_bytes(dumps(session))
    assert load(path).document == session


# --- carrying agreements forward, the scale trend, the two STORM versions ---------------------


def _session(held_on, **fields):
    from models.supervision import Supervision

    return Supervision(title="S", practitioner="LB", held_on=held_on, **fields)


def test_pending_agreements_and_carry():
    from datetime import date

    from models.supervision import Action, carry, overdue, pending_agreements

    late = Action(what="Ring til jobcentret", owner="LB", due=date(2026, 11, 1))
    later = Action(what="Læs", due=date(2026, 11, 30))
    done = Action(what="Klaret", done=True)
    october = _session(date(2026, 10, 15), actions=[late, later, done])
    november = _session(date(2026, 11, 12))
    last, pending = pending_agreements(november, [october])
    assert last is october and [a.id for a in pending] == [late.id, later.id]
    assert overdue(late, november.held_on) and not overdue(later, november.held_on) and not overdue(done, november.held_on)
    kept = november.model_copy(update=carry(november, late, "keep", october.held_on))
    assert [(a.id, a.done, a.carried_from, a.due) for a in kept.actions] == [(late.id, False, date(2026, 10, 15), date(2026, 11, 1))]
    closed = kept.model_copy(update=carry(kept, later, "close", october.held_on))
    assert [a.done for a in closed.actions] == [False, True]
    assert pending_agreements(closed, [october])[1] == []
    dropped = november.model_copy(update=carry(november, later, "drop", october.held_on))
    assert dropped.actions == [] and dropped.considered == [later.id]
    assert [a.id for a in pending_agreements(dropped, [october])[1]] == [late.id]
    # a third session carries from the second: the kept one keeps its first date
    december = _session(date(2026, 12, 10))
    _, again = pending_agreements(december, [kept, october])
    again_kept = december.model_copy(update=carry(december, again[0], "keep", kept.held_on))
    assert again_kept.actions[0].carried_from == date(2026, 10, 15)
    with pytest.raises(ValueError):
        carry(november, late, "maybe", october.held_on)


def test_scale_trend_over_every_earlier_session():
    from datetime import date

    from models.supervision import scale_trend

    sessions = [_session(date(2026, m, 1), storm_scales={"m1": v}) for m, v in ((8, 3), (9, 4), (10, 4))]
    now = _session(date(2026, 11, 1), storm_scales={"m1": 6})
    assert scale_trend(now, list(reversed(sessions)), "m1") == [(date(2026, 8, 1), 3), (date(2026, 9, 1), 4), (date(2026, 10, 1), 4), (date(2026, 11, 1), 6)]
    assert scale_trend(_session(date(2026, 11, 1)), sessions, "m2") == []


def test_two_storm_versions_same_areas_and_scales():
    from models.supervision import PRACTITIONER_DA, STORM_VERSIONS, source_text

    assert STORM_VERSIONS == ("leader", "practitioner")
    da = catalog("da")
    en = catalog("en")
    for question in QUESTIONS:
        leader, practitioner = question_label_key(question), question_label_key(question, "practitioner")
        assert leader != practitioner
        assert da[practitioner] == PRACTITIONER_DA[practitioner] == source_text(practitioner)
        assert en[practitioner] and "som leder" not in da[practitioner] and "as a leader" not in en[practitioner]
    assert _session(date(2026, 1, 1)).storm_version == "leader"  # old files keep the seed's wording
