"""The exnovation board's model: items, the law rule, stages, the board's summary, and round trips."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from models.base import ID_ALPHABET, ID_LENGTH
from models.exnovation import Exnovation
from models.exnovation import (
    CHANGES,
    QUADRANTS,
    SOURCES,
    STAGES,
    Force,
    Item,
    Step,
    counts_by_quadrant,
    counts_by_stage,
    is_overdue,
    next_stage,
    overdue,
    previous_stage,
    quadrant_of,
    ranked,
    total,
    waiting_for_feedback,
    with_changes,
)
from saved.reports import render
from saved.reports.exnovation import board_section
from saved.store import dumps, load
from saved.toml_read import tomllib

TODAY = date(2026, 11, 23)
EXAMPLE = Path(__file__).resolve().parent.parent / "saved" / "examples" / "exnovation-dembrd2a.toml"


def item(**fields) -> Item:
    return Item(**{"what": "Fax til egen læge", "nominated_on": date(2026, 9, 1), **fields})


# --- one item ------------------------------------------------------------------------------------


def test_quadrant_follows_the_two_questions():
    assert item().quadrant is None, "not triaged until both questions are answered"
    assert item(urgent=True).quadrant is None
    assert item(urgent=True, important=True).quadrant == "do"
    assert item(urgent=False, important=True).quadrant == "schedule"
    assert item(urgent=True, important=False).quadrant == "delegate"
    assert item(urgent=False, important=False).quadrant == "delete"
    assert [quadrant_of(urgent, important) for urgent, important in ((True, True), (False, True), (True, False), (False, False))] == list(QUADRANTS)


@pytest.mark.parametrize("strength", [0, 6, -1])
def test_strength_must_be_one_to_five(strength):
    with pytest.raises(ValidationError) as error:
        Force(text="Ledelsen bakker op", strength=strength)
    assert error.value.errors()[0]["loc"] == ("strength",)


def test_deadline_must_be_a_date():
    with pytest.raises(ValidationError) as error:
        item(deadline="next week")
    assert error.value.errors()[0]["loc"] == ("deadline",)


def test_a_rule_required_by_law_is_not_stopped_without_an_override_note():
    required = item(source="law", change="remove", stage="phasing_out")
    with pytest.raises(ValidationError) as error:
        required.stage = "stopped"
    [problem] = error.value.errors()
    assert problem["type"] == "required_by_law" and problem["loc"] == ("stage",)
    assert required.stage == "phasing_out", "the refused assignment is rolled back"

    with pytest.raises(ValidationError):
        with_changes(required, stage="evaluated")
    noted = with_changes(required, override_note="Lovkravet bortfaldt 1. juli")
    assert with_changes(noted, stage="stopped").stage == "stopped"
    assert with_changes(required, change="keep", stage="evaluated").stage == "evaluated", "kept and evaluated is fine"
    assert with_changes(item(source="local", change="remove"), stage="stopped").stage == "stopped"


def test_the_law_rule_is_reported_at_the_items_stage_in_a_board():
    bad = item(source="law", change="remove").model_dump() | {"stage": "stopped"}
    with pytest.raises(ValidationError) as error:
        Exnovation.model_validate({"title": "Tavle", "items": [item().model_dump(), bad]})
    assert error.value.errors()[0]["loc"] == ("items", 1, "stage")


def test_with_changes_leaves_the_original_alone():
    original = item()
    changed = with_changes(original, what="Fax", urgent=True)
    assert (original.what, original.urgent) == ("Fax til egen læge", None)
    assert (changed.what, changed.urgent, changed.id) == ("Fax", True, original.id)
    with pytest.raises(ValidationError):
        with_changes(original, what="")


def test_item_ids_are_unique_on_a_board():
    one = item()
    board = Exnovation(title="Tavle", items=[one])
    with pytest.raises(ValidationError) as error:
        board.items = [one, one]
    assert error.value.errors()[0]["loc"] == ("items", 1, "id")
    assert board.items == [one], "the refused assignment is rolled back"


def test_quadrant_labels_are_bounded():
    Exnovation(title="Tavle", quadrant_labels={"delete": "STOP"})
    for labels in ({"delete": ""}, {"delete": "x" * 25}, {"nowhere": "X"}):
        with pytest.raises(ValidationError):
            Exnovation(title="Tavle", quadrant_labels=labels)


# --- stages --------------------------------------------------------------------------------------


def walk(start: Item) -> list[str]:
    stages, current = [start.stage], start
    while (following := next_stage(current)) is not None:
        current = with_changes(current, stage=following)
        stages.append(following)
    return stages


def test_the_path_forks_after_the_decision():
    assert walk(item(change="remove")) == ["nominated", "assessed", "decided", "phasing_out", "stopped", "evaluated"]
    assert walk(item(change="keep")) == ["nominated", "assessed", "decided", "kept", "evaluated"]
    assert next_stage(item(stage="decided")) is None, "choose a kind of change first"
    assert previous_stage(item()) is None
    assert previous_stage(item(change="keep", stage="evaluated")) == "kept"
    assert previous_stage(item(change="remove", stage="kept")) == "decided", "a stage off the path goes back to the decision"


# --- force field ---------------------------------------------------------------------------------


def test_forces_rank_strongest_first_and_total_per_side():
    forces = [Force(text="a", strength=2), Force(text="b", strength=5), Force(text="c", strength=2)]
    assert [f.text for f in ranked(forces)] == ["b", "a", "c"]
    assert total(forces) == 9 and total([]) == 0


# --- the board at a glance -----------------------------------------------------------------------


def test_summary_of_the_demo_board():
    board = load(EXAMPLE).document
    assert 9 <= len(board.items) <= 12
    stages = counts_by_stage(board.items)
    assert sum(stages.values()) == len(board.items)
    assert sum(1 for count in stages.values() if count) >= 5, "the demo shows items in many stages"
    quadrants = counts_by_quadrant(board.items)
    assert sum(quadrants.values()) == len(board.items) and all(quadrants[q] for q in QUADRANTS)
    assert [i.what for i in overdue(board.items, TODAY)] == ["Udskrivningsbreve sendes med fax til egen læge"]
    assert {i.id for i in waiting_for_feedback(board.items)} == {"exnvbbbb", "exnvgggg", "exnvmmmm"}
    assert any(i.required for i in board.items), "a rule required by law is on the board"


def test_overdue_only_while_the_item_is_open():
    late = item(deadline=date(2026, 11, 1))
    assert is_overdue(late, TODAY)
    assert not is_overdue(late, date(2026, 11, 1)), "due today is not overdue"
    assert not is_overdue(with_changes(late, change="remove", stage="stopped"), TODAY)
    assert not is_overdue(item(), TODAY), "no deadline, never overdue"


def test_waiting_for_feedback_once_the_outcome_is_known():
    kept = item(change="keep", stage="kept")
    assert waiting_for_feedback([item(), kept]) == [kept]
    assert waiting_for_feedback([with_changes(kept, nominator_told=True)]) == []


def english(key: str) -> str:
    from tui.i18n import set_language, t

    set_language("en")
    return t(key)


def test_markdown_export_has_the_board():
    board = load(EXAMPLE).document
    md = render(board, "md", say=english)
    assert "## The items in detail" in md and "Dobbeltdokumentation" in md
    assert "required by law" in md
    assert "- Past the deadline: 1" in "\n".join(board_section(board, TODAY, say=english))
    assert "- [x] Skriv ny instruks" in md and "- [ ] Gennemgå instruksen på teammødet" in md


def test_private_board_report_shows_initials_and_leaves_free_text_out():
    board = load(EXAMPLE).document
    md = render(board, "md", private=True, say=english)
    for item in board.items:
        for text in (item.why, item.outcome, item.override_note, item.citizen_value):
            if len(text) > 12:
                assert text not in md and " ".join(text.split()) not in md
        for name in (item.owner, item.nominated_by):
            if " " in name.strip():
                assert name not in md
    assert "left out: privacy screen" in md


# --- round trip ----------------------------------------------------------------------------------

PROPERTY = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
ids = st.text(alphabet=ID_ALPHABET, min_size=ID_LENGTH, max_size=ID_LENGTH)
forces = st.builds(Force, text=st.text(min_size=1, max_size=120), strength=st.integers(1, 5))
steps = st.builds(Step, text=st.text(min_size=1, max_size=200), done=st.booleans())
maybe_bool = st.none() | st.booleans()


@st.composite
def items(draw):
    fields = dict(
        id=draw(ids),
        what=draw(st.text(min_size=1, max_size=200)),
        nominated_by=draw(st.text(max_size=80)),
        nominated_on=draw(st.dates()),
        why=draw(st.text(max_size=300)),
        urgent=draw(maybe_bool),
        important=draw(maybe_bool),
        source=draw(st.sampled_from(SOURCES)),
        override_note=draw(st.text(max_size=50)),
        helping=draw(st.lists(forces, max_size=4)),
        hindering=draw(st.lists(forces, max_size=4)),
        change=draw(st.none() | st.sampled_from(CHANGES)),
        owner=draw(st.text(max_size=80)),
        deadline=draw(st.none() | st.dates()),
        steps=draw(st.lists(steps, max_size=4)),
        stage=draw(st.sampled_from(STAGES)),
        nominator_told=draw(st.booleans()),
    )
    try:
        return Item(**fields)
    except ValidationError:  # the law rule: stopped without a note
        return Item(**{**fields, "override_note": "Tilladt af juristen"})


boards = st.builds(
    Exnovation,
    id=ids,
    title=st.text(min_size=1, max_size=80),
    created=st.just(datetime(2026, 8, 15, 10, tzinfo=timezone(timedelta(hours=1)))),
    team=st.text(max_size=80),
    items=st.lists(items(), max_size=5, unique_by=lambda i: i.id),
    quadrant_labels=st.dictionaries(st.sampled_from(QUADRANTS), st.text(min_size=1, max_size=24), max_size=4),
)


@PROPERTY
@given(board=boards)
def test_a_board_survives_a_save_and_a_load(board, tmp_path_factory):
    path = tmp_path_factory.mktemp("rt") / "exnovation-x.toml"
    path.write_bytes(dumps(board))
    assert load(path).document == board
    assert tomllib.loads(path.read_text())["kind"] == "exnovation"
