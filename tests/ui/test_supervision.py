"""A supervision session driven by the keys a user presses: from creation to agreed actions,
STORM with earlier answers beside, the maturity checklist, a gauge reading, and export."""

from __future__ import annotations

from datetime import date, datetime

import stat

from textual.widgets import Checkbox

from saved.store import load
from tests.ui.helpers import burst, keys_done, screen_text, settle, type_text
from tui.document.export_dialog import ExportDialog
from tui.supervision.screen import SupervisionScreen
from tui.supervision.actions import ActionForm
from tui.widgets.tab_row import TabRow


def the_session(locations):
    [path] = [p for p in locations.document_files() if p.name.startswith("supervision-")]
    return path


async def open_tab(pilot, tab: str) -> None:
    pilot.app.screen.query_one(TabRow).active = tab
    await settle(pilot)


async def fill_field(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await type_text(pilot, text)


async def test_a_session_from_creation_to_agreed_actions(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await type_text(pilot, "Supervision, januar")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SupervisionScreen)
        path = the_session(locations)

        # Session tab: date, the two participants, the agenda, the next session.
        date_field = app.screen.query_one("#held-on")
        date_field.value = ""
        await fill_field(pilot, "#held-on", "2027-01-14")
        await fill_field(pilot, "#supervisor", "HR")
        await fill_field(pilot, "#practitioner", "LB")
        await fill_field(pilot, "#agenda", "Afmagt i netværket")
        await fill_field(pilot, "#next-session", "2027-02-1")
        await pilot.pause()
        assert "Ikke en dato" in screen_text(app), "a half-typed date is said at the field"
        await type_text(pilot, "1")
        await pilot.press("ctrl+s")
        doc = load(path).document
        assert (doc.held_on.isoformat(), doc.supervisor, doc.practitioner, doc.agenda) == ("2027-01-14", "HR", "LB", "Afmagt i netværket")
        assert doc.next_session.isoformat() == "2027-02-11"

        # STORM: a free-text answer and a 1-10 scale; an 11 is refused at the field.
        await open_tab(pilot, "tab-storm")
        await fill_field(pilot, "#answer-s1", "Ja, mere end før")
        await fill_field(pilot, "#scale-m1", "11")
        await pilot.pause()
        assert "Skal være mellem 1 og 10" in screen_text(app)
        # The scale is typed: its hint drew arrows ("1 ←——→ 10"), and → did nothing (found in tmux).
        assert "1–10: skriv et tal" in screen_text(app) and "←" not in screen_text(app)
        await pilot.press("backspace", "backspace", "7")
        await pilot.press("ctrl+s")
        doc = load(path).document
        assert doc.storm == {"s1": "Ja, mere end før"} and doc.storm_scales == {"m1": 7}

        # Maturity: ticking the three level-2 criteria suggests "2 Basalt"; the button takes it.
        # A checklist reads down: ↓ is the next criterion (it scrolled the form), typed at once.
        await open_tab(pilot, "tab-maturity")
        app.screen.query_one("#crit-2a", Checkbox).focus()
        burst(app, "space", "down", "space", "down", "space", "up", "up", "up")
        await keys_done(pilot)
        assert app.focused is app.screen.query_one("#crit-1d")
        assert "Forslag ud fra tjeklisten: 2 Basalt" in screen_text(app)
        app.screen.query_one("#use-suggestion").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        doc = load(path).document
        assert doc.maturity.checked == ["2a", "2b", "2c"] and doc.maturity.level == 2

        # Agreed actions: add two, tick one off, edit one, delete one.
        await open_tab(pilot, "tab-actions")
        app.screen.query_one("#actions").focus()
        await pilot.press("a")
        assert isinstance(app.screen, ActionForm)
        await type_text(pilot, "Brug måleren før mødet")
        await pilot.press("enter")  # to the owner, filled with the practitioner's initials
        await pilot.press("enter")  # to the due date
        await type_text(pilot, "2027-01-31")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SupervisionScreen)
        await pilot.press("a")
        await type_text(pilot, "Find en ansvarlig")
        await pilot.press("tab")
        await pilot.press(*["backspace"] * 2)
        await type_text(pilot, "HR")
        await pilot.press("tab")
        await type_text(pilot, "2027/01/31")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm), "a wrong date keeps the form open"
        assert "Ikke en dato" in screen_text(app)
        await pilot.press(*["backspace"] * 10)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("space")  # the cursor is on the new action: done
        await pilot.press("ctrl+s")
        doc = load(path).document
        assert [(a.what, a.owner, a.due and a.due.isoformat(), a.done) for a in doc.actions] == [
            ("Brug måleren før mødet", "LB", "2027-01-31", False),
            ("Find en ansvarlig", "HR", None, True),
        ]
        assert "✓ udført" in screen_text(app) and "☐ åben" in screen_text(app)

        await pilot.press("up", "enter")
        assert isinstance(app.screen, ActionForm)
        await pilot.press("end")
        await type_text(pilot, " i februar")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("down", "x")
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        doc = load(path).document
        assert [a.what for a in doc.actions] == ["Brug måleren før mødet i februar"]


async def test_earlier_sessions_with_the_same_practitioner_show_beside_the_answers(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"november", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SupervisionScreen)
        await open_tab(pilot, "tab-storm")
        text = screen_text(app)
        assert "Mere end sidst. Har fået en fast sparringsaftale" in text
        assert "Tidligere 2026-10-15: Ikke rigtig. Der er ingen faste aftaler om sparring." in text
        app.screen.query_one("#earlier-m1").scroll_visible(animate=False)
        await settle(pilot)
        assert "Forløb: 4 (2026-10-15) → 6 (" in screen_text(app) and "▲ +2 siden sidst" in screen_text(app)

        # Another practitioner: the comparison goes, because it is someone else's.
        await open_tab(pilot, "tab-session")
        practitioner = app.screen.query_one("#practitioner")
        practitioner.value = "KM"
        await settle(pilot)
        await open_tab(pilot, "tab-storm")
        assert "Tidligere 2026-10-15" not in screen_text(app)

        await open_tab(pilot, "tab-maturity")
        assert "Ingen tidligere sessioner med samme supervisand." in screen_text(app)


async def test_a_gauge_reading_inside_the_session(demo_locations, make_app):
    from tui.case.gauge.reading_form import ReadingForm

    path = demo_locations.document("supervision", "demsupv2")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"november", "enter", "enter")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ReadingForm)
        form = app.screen
        form.query_one("#intensity").value = 8
        form.query_one("#capacity").value = 3
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SupervisionScreen)
        assert app.screen.query_one(TabRow).active == "tab-readings"
        await pilot.press("ctrl+s")
        [reading] = load(path).document.readings
        assert (reading.intensity, reading.capacity, reading.actor_id) == (8, 3, None)
        assert reading.taken.date() == date(2026, 11, 12), "a session's reading defaults to the session's date"
        # edit it: the relationships are the linked case's actors (after "no one" and "the citizen")
        table = app.screen.query_one("#readings-list")
        table.focus()
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReadingForm)
        assert len(app.screen.actors) == 34, "the linked demo case's actors"
        first_actor, first_name = app.screen.actors[0].id, app.screen.actors[0].name
        app.screen.query_one("#actor").value = first_actor
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        [reading] = load(path).document.readings
        assert reading.actor_id == first_actor
        assert first_name[:20] in screen_text(app)
        await pilot.press("f3")  # the privacy screen: the relationship by role and number
        await settle(pilot)
        assert first_name[:20] not in screen_text(app)
        await pilot.press("f3")
        await settle(pilot)
        table.focus()
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        assert load(path).document.readings == []


async def test_export_from_the_session_to_a_file_and_to_the_clipboard(demo_locations, make_app):
    app = make_app(demo_locations)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"november", "enter", "enter")
        await settle(pilot)
        await pilot.press("f4")
        assert isinstance(app.screen, ExportDialog)
        assert "Noter kommer med i rapporten" in screen_text(app)
        await pilot.press("h")
        await settle(pilot)
        [report] = (demo_locations.root / "exports").glob("supervision-demsupv2-*.html")
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
        assert "Fokus på egen regulering" in report.read_text()
        assert any("Rapporten er gemt" in n.message for n in app._notifications)

        await pilot.press("f3")  # the privacy screen: the next report leaves the notes out
        await pilot.press("ctrl+o")
        assert "Privatskærm er TIL" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        [text] = copied
        assert text.startswith("# Supervision, november (demo)")
        assert "Fokus på egen regulering" not in text and "Mere end sidst" not in text
        assert any("OSC 52" in n.message and "ignorerer" in n.message for n in app._notifications)


async def test_a_new_session_carries_the_open_agreements_forward(demo_locations, make_app):
    """October left two agreements open (one overdue by the November session): keep one, drop
    the other; the file says so, and they are not offered again."""
    path = demo_locations.document("supervision", "demsupv2")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"november", "enter", "enter")
        await settle(pilot)
        await open_tab(pilot, "tab-actions")
        text = screen_text(app)
        assert "2 åbne aftaler fra sessionen 2026-10-15 (1 forfalden)" in text
        app.screen.query_one("#actions").focus()
        await pilot.press("c")
        await settle(pilot)
        assert "Åben aftale fra 2026-10-15 (1 af 2)" in screen_text(app)
        assert "! forfalden" in screen_text(app)
        burst(app, "b")
        await settle(pilot)
        burst(app, "d")
        await settle(pilot)
        text = screen_text(app)
        assert "Alle åbne aftaler fra sessionen 2026-10-15 er taget stilling til." in text
        assert "↪ 2026-10-15 · Ring til jobcentret" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
    doc = load(path).document
    assert doc.considered == ["demact2b", "demact2c"]
    carried = [a for a in doc.actions if a.carried_from is not None]
    assert [(a.id, a.done, a.carried_from, a.due) for a in carried] == [("demact2b", False, date(2026, 10, 15), date(2026, 11, 1))]


async def test_the_storm_version_is_chosen_per_session_and_relabels_the_questions(demo_locations, make_app):
    path = demo_locations.document("supervision", "demsupv2")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"november", "enter", "enter")
        await settle(pilot)
        await open_tab(pilot, "tab-storm")
        text = screen_text(app)  # the demo is a one-on-one: the practitioner version
        assert "Er du i sikkerhed i dit arbejde, fysisk, psykisk og relationelt?" in text and "som leder" not in text
        app.screen.query_one("#storm-version").value = "leader"
        await settle(pilot)
        assert "Er du i sikkerhed som leder?" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load(path).document.storm_version == "leader"


async def test_a_and_c_from_the_tab_row_add_and_carry_agreed_actions(demo_locations, make_app):
    """The Aftaler tab says "a ny aftale · … · c fra sidst", and a or c from the tab row (where → leaves focus) did
    nothing (found in tmux), as the case's tools' first keys did before session 13."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "november", "enter", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, SupervisionScreen) and isinstance(app.focused, TabRow)
        burst(app, "right", "right", "a")  # STORM, Modenhed: a there is no key
        await keys_done(pilot)
        assert isinstance(app.screen, SupervisionScreen)
        burst(app, "right", "a")
        await keys_done(pilot)
        assert isinstance(app.screen, ActionForm)
        burst(app, "escape", "c")  # and c, "fra sidst": October's open agreements
        await keys_done(pilot)
        assert "Åben aftale fra 2026-10-15 (1 af 2)" in screen_text(app)


async def test_storm_questions_wrap_in_full_at_80_and_120_columns(demo_locations, make_app):
    longest = "Har jeres arbejdsplads fælles traumehistorier? Ulykker, fyringer, utryghed, dårlig omtale, fx i presse eller andre medier?"
    for width in (80, 120):
        app = make_app(demo_locations)
        async with app.run_test(size=(width, 40)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"november", "enter", "enter")
            await settle(pilot)
            await open_tab(pilot, "tab-storm")
            label = app.screen.query_one("#field-t2 > Label")
            label.scroll_visible(animate=False)
            await settle(pilot)
            flat = " ".join(line.strip() for line in screen_text(app).splitlines())
            assert longest in " ".join(flat.split()), width


async def test_a_session_that_already_has_readings_opens(locations, make_app):
    from models.supervision import Supervision
    from models.gauge import Reading
    from saved.store import create

    reading = Reading(intensity=6, capacity=4, actor_id="citizen", taken=datetime(2026, 11, 12, 10, 0).astimezone())
    create(locations, Supervision(title="Med måling", practitioner="LB", held_on=date(2026, 11, 12), readings=[reading]))
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await open_tab(pilot, "tab-readings")
        text = screen_text(app)
        assert "2026-11-12 10:00" in text and "Borgeren" in text


async def test_opening_a_session_changes_nothing(demo_locations, make_app):
    """The STORM version's Select once reported its first option on mount and switched the
    session to the leader version unasked (about two opens in three)."""
    path = demo_locations.document("supervision", "demsupv2")
    before = path.read_bytes()
    for _ in range(3):
        app = make_app(demo_locations)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"november", "enter", "enter")
            await settle(pilot)
            await open_tab(pilot, "tab-storm")
            assert app.screen.session.document.storm_version == "practitioner"
            assert not app.screen.session.dirty
        assert path.read_bytes() == before


async def test_a_day_the_calendar_does_not_have_is_called_that(demo_locations, make_app):
    """An agreement due 2026-02-30, typed as YYYY-MM-DD, was answered "Ikke en dato: skriv
    ÅÅÅÅ-MM-DD": the user had. Every date field says what is wrong (the gauge already did)."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "november", "enter", "enter")
        await keys_done(pilot)
        burst(app, "right", "right", "right", "a", "Ring til sagsbehandler", "enter", "enter", "2026-02-30", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, ActionForm), "the form stays open"
        text = screen_text(app)
        assert "findes ikke i kalenderen" in text and "skriv ÅÅÅÅ-MM-DD" not in text
        burst(app, *["backspace"] * 10, "2027/01/31", "enter")  # year first with slashes: not a form taken
        await keys_done(pilot)
        assert "Ikke en dato: skriv ÅÅÅÅ-MM-DD" in screen_text(app)
        burst(app, *["backspace"] * 10, "31.01.2027", "enter")  # day first, as Danes write it
        await keys_done(pilot)
        assert not isinstance(app.screen, ActionForm)
        assert app.screen.session.document.actions[-1].due == date(2027, 1, 31)


def test_date_error_tells_a_wrong_form_from_a_missing_day():
    from tui.widgets.fields import date_error

    for text in ("2026-02-30", "2026-11-31", " 2026-13-01 "):
        assert "kalenderen" in date_error(text), text
    for text in ("2026-2-3", "i morgen", "2026-02-3x", "20270131", "2027-W05-7", "2027/01/31"):
        assert "ÅÅÅÅ-MM-DD" in date_error(text), text
    for text in ("30.02.2026", "31-11-2026"):
        assert "kalenderen" in date_error(text), text


def test_a_date_is_read_the_same_on_every_python():
    """date.fromisoformat takes 20270131 and week dates from Python 3.11, not on 3.10: a date one
    install saved, another refused. The forms taken: YYYY-MM-DD, and day first with the year last."""
    from tui.widgets.fields import parse_date

    assert parse_date(" 2027-01-31 ") == parse_date("31.01.2027") == parse_date("31-1-2027") == parse_date("31/01/2027") == date(2027, 1, 31)
    for text in ("20270131", "2027-W05-7", "2027-01-31T10:00", "2027-1-31", "31.01.27", "01/31/2027", "2026-02-30", ""):
        assert parse_date(text) is None, text
