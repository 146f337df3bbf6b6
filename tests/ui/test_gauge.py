"""The gauge tab, driven by the keys a user presses; the saved TOML is the proof."""

from __future__ import annotations

from datetime import datetime

from models.documents import Case
from models.gauge import Reading
from models.network import Actor
from saved.store import create
from saved.toml_read import tomllib
from tests.ui.helpers import burst, screen_text, settle, type_text
from tui.case.gauge.scale import Scale

ACTORS = [
    Actor(id="aaaaaaaa", name="Mor Hanne Jensen", kind="Pårørende", sector="family", ring=1),
    Actor(id="bbbbbbbb", name="Jobcenter", kind="Jobcenter", sector="municipality", ring=2),
]


def make_case(locations, readings=()):
    return create(locations, Case(title="T.T.", actors=ACTORS, readings=list(readings))).path


def saved_readings(path) -> list[dict]:
    return tomllib.loads(path.read_text())["readings"] if "readings" in path.read_text() else []


async def open_gauge(pilot) -> None:
    """Home -> open the only case -> the Måler tab -> into the gauge."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("right", "tab")
    await settle(pilot)


async def choose(pilot, downs: int) -> None:
    """Open the focused Select, move down, pick, go to the next field."""
    await pilot.press("enter", *["down"] * downs, "enter", "tab")


async def test_take_a_reading_with_the_keyboard_alone(locations, make_app):
    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        assert "Ingen målinger endnu" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        # frygt 8; afmagt 10 (1 then 0); the overall intensity follows: 10
        await pilot.press("8", "tab", "tab", "tab", "tab", "tab", "1", "0", "tab")
        assert app.screen.query_one("#intensity", Scale).value == 10
        await pilot.press("9", "tab")  # the user overrules the suggestion
        await pilot.press("3", "tab")  # capacity
        await choose(pilot, 1)  # whose: the citizen
        await choose(pilot, 4)  # situation: crisis
        await choose(pilot, 2)  # relationship: the first actor (after "no one" and "the citizen")
        await type_text(pilot, "Akut samtale")
        await pilot.press("tab")
        await type_text(pilot, "Svaert at taenke")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Regulér dig selv først" in text and "▲▲" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = saved_readings(path)
    assert saved["feelings"] == {"frygt": 8, "afmagt": 10}
    assert (saved["intensity"], saved["capacity"]) == (9, 3)
    assert (saved["whose"], saved["situation"], saved["actor_id"]) == ("citizen", "crisis", "aaaaaaaa")
    assert (saved["context"], saved["note"]) == ("Akut samtale", "Svaert at taenke")
    assert saved["taken"] == datetime(2026, 11, 23, 14, 0).astimezone()


async def test_the_form_says_what_is_missing_and_saves_nothing_invalid(locations, make_app):
    path = make_case(locations)
    before = path.read_bytes()
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Sæt følelsesintensiteten" in screen_text(app)
        app.screen.query_one("#intensity", Scale).value = 5
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Sæt mentaliseringsevnen" in screen_text(app)
        app.screen.query_one("#capacity", Scale).value = 5
        for bad, message in (("2026-13-01 10:00", "findes ikke i kalenderen"), ("1.12.2026", "ÅÅÅÅ-MM-DD TT:MM"), ("2027-01-01 10:00", "i fremtiden")):
            taken = app.screen.query_one("#taken")
            taken.value = bad
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert message in screen_text(app), bad
        await pilot.press("escape")  # the form was filled in: it asks first
        await settle(pilot)
        await pilot.press("k")  # discard
        await settle(pilot)
        assert "Ingen målinger endnu" in screen_text(app)
    assert path.read_bytes() == before, "a cancelled form changes nothing"


async def test_edit_and_delete_a_reading(locations, make_app):
    first = Reading(taken=datetime(2026, 11, 1, 10, 0).astimezone(), intensity=3, capacity=8, note="første")
    second = Reading(taken=datetime(2026, 11, 2, 10, 0).astimezone(), intensity=6, capacity=5, note="anden")
    path = make_case(locations, [first, second])
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        assert "2 af 2" in screen_text(app) and "2026-11-02" in screen_text(app), "the latest reading is shown"
        await pilot.press("left")  # the earlier one
        assert "2026-11-01" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*["tab"] * 7, "2")  # capacity 8 -> 2
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        readings = saved_readings(path)
        assert [(r["id"], r["capacity"]) for r in readings] == [(first.id, 2), (second.id, 5)]
        assert readings[0]["note"] == "første", "fields not touched are kept"
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [r["id"] for r in saved_readings(path)] == [second.id]


async def test_filter_and_the_switch_point_say_when_there_are_too_few(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(120, 40)) as pilot:  # wide: the sentences are checked whole
        await open_gauge(pilot)
        await pilot.press("v", "v", "v")  # gauge -> list -> history -> switch point
        await settle(pilot)
        text = screen_text(app)
        assert "Skiftepunkt: Mig selv" in text
        assert "Når intensiteten når 7, falder mentaliseringsevnen under 5" in text
        assert "Mig selv (24 målinger)" in text
        await pilot.press("minus")
        assert "under 4" in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        await choose(pilot, 4)  # whose: the team (4 readings)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "4 af 34 målinger" in text and "Filter (f): Hvis tilstand: Teamet" in text
        assert "Skiftepunkt: Teamet" in text
        assert "For få målinger til at finde et skiftepunkt (4 af mindst 6)" in text


async def test_the_list_opens_a_reading_in_the_gauge(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "Tidspunkt" in screen_text(app)
        await pilot.press("down", "down", "enter")  # the third newest
        await settle(pilot)
        text = screen_text(app)
        assert "[Måler]" in text and "Måling 32 af 34" in text


async def test_privacy_screen_hides_names_and_notes_in_the_gauge(locations, make_app):
    reading = Reading(taken=datetime(2026, 11, 2, 10, 0).astimezone(), intensity=6, capacity=5, actor_id="aaaaaaaa", context="Hanne ringede", note="Hemmelig note")
    make_case(locations, [reading])
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        assert "Mor Hanne Jensen" in screen_text(app) and "Hemmelig note" in screen_text(app)
        app.privacy = True
        await settle(pilot)
        text = screen_text(app)
        assert "Hanne" not in text and "Hemmelig" not in text
        # A kind typed freely ("Pårørende") is free text: the sector names the actor, with its number.
        assert "Familie og netværk #1" in text and "Pårørende" not in text and "skjult" in text
        await pilot.press("v")
        await settle(pilot)
        assert "Hanne" not in screen_text(app)


HOSTILE = "\x1b[31mMor\x1b]8;;http://x\x07 \x9b\u202e[bold]<script>"


async def test_summary_names_the_filter_and_each_relationship(locations, make_app):
    mother = Actor(id="mamamama", name=HOSTILE, kind="Pårørende", sector="family", ring=1)
    actors = [*ACTORS, mother]
    first = mother.id
    pairs = [(2, 8), (3, 8), (4, 7), (5, 6), (6, 4), (7, 3), (8, 2)]
    readings = [Reading(intensity=i, capacity=c, actor_id=first, taken=datetime(2026, 11, 2, 9 + n).astimezone()) for n, (i, c) in enumerate(pairs)]
    readings += [Reading(intensity=9, capacity=9, whose="citizen", actor_id="citizen", taken=datetime(2026, 11, 5, 9).astimezone())]
    path = create(locations, Case(title="T.T.", actors=actors, readings=readings)).path
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        burst(app, "v", "v", "v", "v")
        await settle(pilot)
        text = screen_text(app)
        assert "Intet filter: alle målinger" in text
        assert "Bygger på 7 målinger, 1 relation, 1 dag." in text
        assert "Skiftepunkt: Mig selv" in text
        app.screen.query_one("#summary").scroll_end(animate=False)
        await settle(pilot)
        assert "Uge 45 (2026-11-02): 7 målinger" in screen_text(app)
        for raw in ("\x1b", "\x9b", "\u202e"):
            assert raw not in text
        assert "[bold]<script>" in text, "shown as typed, never read as markup"
        await pilot.press("f")
        await settle(pilot)
        await choose(pilot, 1)  # whose: myself
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Filter (f): Hvis tilstand: Mig selv" in text
        assert "Skiftepunkt: Borgeren" not in text
    assert len(saved_readings(path)) == 8


async def test_ten_by_two_digits_does_not_depend_on_timing(locations, make_app):
    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)  # a pause, as long as it likes: no clock decides
        scale = app.screen.query_one("#feeling-frygt", Scale)
        scale._after_one = True  # (what the pause leaves behind; nothing timed is left to expire)
        await pilot.press("0")
        assert scale.value == 10
        await pilot.press("0")  # a second 0 is a 0
        assert scale.value == 0
        await pilot.press("1", "tab", "0")  # leaving the scale ends the pair
        assert scale.value == 1 and app.screen.query_one("#feeling-vrede", Scale).value == 0


async def test_escape_on_a_changed_form_asks(locations, make_app):
    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert "Ingen målinger endnu" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        burst(app, "tab", "tab", "tab", "tab", "tab", "tab", "7", "tab", "3", "escape")
        await settle(pilot)
        assert "Kassér målingen?" in screen_text(app)
        await pilot.press("b")  # stay: the values are still there
        await settle(pilot)
        assert app.screen.query_one("#intensity", Scale).value == 7
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g")  # save from the question
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = saved_readings(path)
    assert (saved["intensity"], saved["capacity"]) == (7, 3)


async def test_an_impossible_date_is_called_impossible(locations, make_app):
    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("n")
        await settle(pilot)
        taken = app.screen.query_one("#taken")
        for text, said in (("2026-11-31 10:00", "findes ikke i kalenderen"), ("2026-11-30 25:00", "Klokkeslættet"), ("30.11.2026 10:00", "ÅÅÅÅ-MM-DD")):
            taken.value = text
            app.screen.query_one("#intensity", Scale).value = 5
            app.screen.query_one("#capacity", Scale).value = 5
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert said in screen_text(app)


async def test_n_on_the_tab_row_opens_a_new_reading(locations, make_app):
    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right")  # the Måler tab, focus still on the tab row
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingForm"


async def test_a_narrow_terminal_still_shows_every_rating(locations, make_app):
    """At 60 columns the form's two columns of feelings are 27 cells wide: the label, bar and
    number took 31 and wrapped, so the bar and the number typed were out of sight. Now the label
    gives way: every number shows, and what is typed in a burst lands where it shows."""
    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_gauge(pilot)
        burst(app, "n", "7", "tab", "3", "tab", "tab", "tab", "tab", "1", "0")
        await settle(pilot)
        rows = screen_text(app).splitlines()
        assert any("Frygt" in row and " 7 " in row and "Vrede" in row and " 3 " in row for row in rows)
        assert any("Afmagt" in row and "10" in row for row in rows)
        burst(app, "tab", "tab", "5", "ctrl+s")  # past the intensity (it follows) to the capacity
        await settle(pilot)
        burst(app, "ctrl+s")
        await settle(pilot)
    [saved] = saved_readings(path)
    assert (saved["feelings"], saved["intensity"], saved["capacity"]) == ({"frygt": 7, "vrede": 3, "afmagt": 10}, 10, 5)


def test_a_scale_fits_any_width_and_always_shows_its_number():
    from tui.case.gauge.scale import scale_text

    for width in range(5, 60):
        for value, number in ((7, " 7"), (10, "10"), (None, " –")):
            text = scale_text("Mentaliseringsevne", 20, value, width)
            assert text.cell_len <= width and text.plain.endswith(number), (width, text.plain)
            assert ("▕" in text.plain) == (width >= 20), (width, text.plain)
    assert scale_text("Frygt", 15, 7, 37).plain == "Frygt           ▕███████░░░▏  7"  # as wide as before: unchanged
