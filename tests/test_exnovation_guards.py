"""The stage guards, the stop date and freed resources of an exnovation item (models/exnovation.py)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from models.exnovation import (
    STAGES,
    Freed,
    Item,
    Step,
    freed_totals,
    skipped_stages,
    stage_changes,
    stage_path,
    stage_refusals,
    with_changes,
)
from saved.reports.freed import amount, number, total
from saved.store import dumps, load

TODAY = date(2026, 11, 23)


def item(**fields) -> Item:
    return Item(**{"what": "Fax til egen læge", "nominated_on": date(2026, 9, 1), "change": "remove", **fields})


def test_stopped_needs_every_step_ticked_or_a_note():
    open_step = item(stage="phasing_out", steps=[Step(text="Skilt på faxen", done=True), Step(text="Tjek MedCom")])
    assert stage_refusals(open_step, "stopped") == ["steps_open"]
    ticked = with_changes(open_step, steps=[step.model_copy(update={"done": True}) for step in open_step.steps])
    assert stage_refusals(ticked, "stopped") == []
    noted = with_changes(open_step, stop_note="MedCom-tjekket blev overflødigt: regionen gjorde det")
    assert stage_refusals(noted, "stopped") == []
    assert stage_refusals(with_changes(open_step, stop_note="   "), "stopped") == ["steps_open"], "blank is no note"
    assert stage_refusals(item(stage="phasing_out"), "stopped") == [], "no steps: nothing left to tick"


def test_evaluated_needs_an_outcome_and_the_measured_effect():
    stopped = item(stage="stopped")
    assert stage_refusals(stopped, "evaluated") == ["no_outcome", "no_measured"]
    assert stage_refusals(with_changes(stopped, outcome="Lægerne fik epikrisen samme dag"), "evaluated") == ["no_measured"]
    done = with_changes(stopped, outcome="Samme dag", freed_measured=Freed(amount=0, unit="hours_month"))
    assert stage_refusals(done, "evaluated") == [], "0 freed is an answer"
    kept = item(change="keep", stage="kept")
    assert stage_refusals(kept, "evaluated") == ["no_outcome", "no_measured"], "a kept practice is evaluated too"


def test_a_jump_meets_the_guards_of_every_stage_it_passes():
    early = item(stage="decided", steps=[Step(text="Skilt")])
    assert stage_refusals(early, "evaluated") == ["steps_open", "no_outcome", "no_measured"]
    assert skipped_stages(early, "evaluated") == ("phasing_out", "stopped")
    assert skipped_stages(early, "phasing_out") == (), "the next stage is no skip"


@given(st.sampled_from(STAGES), st.sampled_from(STAGES), st.sampled_from(["remove", "keep"]))
def test_going_back_is_never_refused_nor_asked(here, there, change):
    one = item(stage=here, change=change)
    path = stage_path(one)
    if here in path and there in path and path.index(there) <= path.index(here):
        assert stage_refusals(one, there) == [] and skipped_stages(one, there) == ()


def test_the_law_gate_is_said_with_the_guards_and_still_enforced_by_the_model():
    law = item(source="law", stage="phasing_out", steps=[Step(text="Skilt")])
    assert stage_refusals(law, "stopped") == ["required_by_law", "steps_open"]
    assert stage_refusals(with_changes(law, override_note="Loven er ændret", stop_note="x"), "stopped") == []
    with pytest.raises(ValidationError, match="required by law"):
        with_changes(law, **stage_changes(law, "stopped", TODAY))


def test_the_day_it_stopped_is_recorded_once():
    assert stage_changes(item(stage="phasing_out"), "stopped", TODAY) == {"stage": "stopped", "stopped_on": TODAY}
    earlier = item(stage="stopped", stopped_on=date(2026, 10, 1))
    assert stage_changes(earlier, "evaluated", TODAY) == {"stage": "evaluated"}
    assert stage_changes(item(stage="decided"), "evaluated", TODAY)["stopped_on"] == TODAY, "a jump past stopped stops it"
    assert "stopped_on" not in stage_changes(item(change="keep", stage="kept"), "evaluated", TODAY)


def test_freed_totals_in_hours_a_month_and_kroner_a_year():
    items = [
        item(freed_estimated=Freed(amount=6, unit="hours_week")),
        item(freed_estimated=Freed(amount=4, unit="hours_month"), freed_measured=Freed(amount=5, unit="hours_month")),
        item(freed_estimated=Freed(amount=2400, unit="money_year")),
        item(),
    ]
    totals = freed_totals(items)
    assert totals["estimated_hours"] == pytest.approx(6 * 52 / 12 + 4)
    assert totals["estimated_money"] == 2400 and totals["measured_hours"] == 5 and totals["measured_money"] == 0


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), 10_000_001])
def test_a_freed_amount_is_bounded(bad):
    with pytest.raises(ValidationError):
        Freed(amount=bad)


def test_freed_in_words_follows_the_language():
    da = {"exnovation.number.decimal": ",", "exnovation.number.thousands": ".", "exnovation.unit.hours_week": "timer om ugen",
          "exnovation.unit.hours_month": "timer om måneden", "exnovation.unit.money_year": "kr. om året"}
    say = da.__getitem__
    assert number(1500.5, say) == "1.500,5" and number(15.0, say) == "15"
    assert amount(Freed(amount=7.5, unit="hours_week"), say) == "7,5 timer om ugen" and amount(None, say) == "–"
    assert total(26, 0, say) == "26 timer om måneden"
    assert total(26, 2400, say) == "26 timer om måneden + 2.400 kr. om året"


def test_new_fields_survive_a_save_and_old_items_load_without_them(tmp_path):
    from models.exnovation import Exnovation

    board = Exnovation(title="Team Syd", items=[item(
        stage="stopped", stopped_on=TODAY, stop_note="x", switch_rider="r", switch_elephant="e", switch_path="p",
        freed_estimated=Freed(amount=7.5, unit="hours_week", note="n"), freed_measured=Freed(amount=3, unit="money_year"),
    )])
    path = tmp_path / "exnovation-abcdefgh.toml"
    path.write_bytes(dumps(board))
    again = load(path).document.items[0]
    assert again == board.items[0]
    old = item()
    assert old.freed_estimated is None and old.stopped_on is None and old.switch_rider == ""


@given(st.floats(min_value=0, max_value=10_000_000, allow_nan=False))
def test_an_amount_shown_in_the_form_reads_back_the_same(value):
    from tui.exnovation.item import format_amount, parse_amount

    assert parse_amount(format_amount(value)) == value


@given(st.text(max_size=20))
def test_any_typed_amount_is_a_number_from_zero_or_refused(text):
    from tui.exnovation.item import parse_amount

    value = parse_amount(text)
    assert value is None or (value >= 0 and value == value and value != float("inf"))
    if value is not None:
        Freed(amount=min(value, 10_000_000))


def test_danish_and_english_amounts_parse():
    from tui.exnovation.item import parse_amount

    assert parse_amount("7,5") == 7.5 and parse_amount(" 12 000 ") == 12000 and parse_amount("7.5") == 7.5
    assert parse_amount("-3") is None and parse_amount("seks") is None and parse_amount("nan") is None and parse_amount("") is None
