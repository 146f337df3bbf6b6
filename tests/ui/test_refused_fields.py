"""A field that did not take what was typed (too long, not a date) says so under it; leaving the
document then asks first, since what the field holds is not saved. Measured before, in tmux: a
30,000-character paste into the notes (the cap is 20,000) said "too long", the status said
"saved", and Esc went home with the paste gone. Keys and the paste go in as bursts."""

from __future__ import annotations

from textual import events

from saved.editing import OpenDocument
from saved.store import load
from tests.ui.helpers import burst, cursor_to_end, keys_done, notes_editor, screen_text, settle
from tui.case.screen import CaseScreen
from tui.home.screen import HomeScreen
from tui.widgets.dialogs import Choice
from tui.widgets.status import SaveStatus

PASTE = "borger møde aftale " * 1600  # 30,400 characters: over the notes' 20,000


async def _case_with_a_refused_paste(pilot, locations):
    app = pilot.app
    await settle(pilot)
    app.show_document(OpenDocument.open(locations, locations.document("case", "demcasea")))
    await keys_done(pilot)
    await cursor_to_end(app)
    app.post_message(events.Paste(PASTE))
    await keys_done(pilot)
    assert "højst 20000 tegn" in screen_text(app)


async def test_leaving_a_document_with_a_refused_field_asks_first(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    notes = load(path).document.notes
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await _case_with_a_refused_paste(pilot, demo_locations)
        burst(app, "escape")
        await keys_done(pilot)
        assert isinstance(app.screen, Choice) and str(app.screen._body).startswith("Noter: For lang")
        burst(app, "s")  # stay: the paste is still in the field, to be cut down
        await keys_done(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert (await notes_editor(app)).text.endswith(PASTE)
        burst(app, "escape", "l")  # leave anyway: now knowingly
        await keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert load(path).document.notes == notes


async def test_the_save_marker_says_unsaved_while_a_field_refuses(demo_locations, make_app):
    """It said "Gemt" beside "For lang": the paste on the screen was not saved."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await _case_with_a_refused_paste(pilot, demo_locations)
        await pilot.pause(1.5)  # past the autosave
        status = str(app.screen.query_one(SaveStatus).render())
        assert status.startswith("● Ikke gemt") and "Noter" in status, status
        burst(app, "ctrl+a", "ctrl+x")  # cut down: the field takes it, and it is saved
        await keys_done(pilot)
        await pilot.pause(1.5)
        assert str(app.screen.query_one(SaveStatus).render()) == "✓ Gemt"


async def test_quitting_with_a_refused_field_asks_first(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await _case_with_a_refused_paste(pilot, demo_locations)
        burst(app, "ctrl+q")
        await keys_done(pilot)
        assert isinstance(app.screen, Choice) and app.is_running
        burst(app, "s")
        await keys_done(pilot)
        assert isinstance(app.screen, CaseScreen) and app.is_running


async def test_a_read_only_document_opens_without_a_message_under_each_field(demo_locations, make_app):
    """Filling a read-only document's fields on opening is no change, so nothing was refused: each
    field said "could not lock the file" (a full disk, measured), and leaving would have asked."""
    from saved.editing import ReadOnly

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        opened = OpenDocument.open(demo_locations, demo_locations.document("case", "demcasea"))
        opened.read_only = ReadOnly.LOCK_FAILED
        app.show_document(opened)
        await keys_done(pilot)
        assert "✗" not in screen_text(app)
        burst(app, "escape")
        await keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_leaving_a_board_item_with_a_refused_date_asks_first(locations, make_app):
    from tests.ui.test_board import new_board, saved_item
    from tui.exnovation.item import ItemScreen

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board(pilot)
        # The name, Enter, who nominated it, Tab to the date, a date mistyped, Esc.
        burst(app, "n", "Fax af breve", "enter", "LB", "tab", "2026-13-45", "escape")  # Tab selects the date: typed over
        await keys_done(pilot)
        assert isinstance(app.screen, Choice)
        burst(app, "s")
        await keys_done(pilot)
        assert isinstance(app.screen, ItemScreen) and app.screen.query_one("#nominated_on").value == "2026-13-45"
        burst(app, "ctrl+s")
        await keys_done(pilot)
    item = saved_item(locations)
    assert item["nominated_by"] == "LB" and item["nominated_on"] == app.today()  # the refused date is not saved


async def test_a_paste_longer_than_a_short_field_puts_in_what_fits_and_says_so(demo_locations, make_app):
    """Textual's Input dropped such a paste whole, with only a bell (measured in tmux: a
    29,660-character paste into the review date). Now the date is taken and the rest is named."""
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.show_document(OpenDocument.open(demo_locations, demo_locations.document("case", "demcasea")))
        await keys_done(pilot)
        field = app.screen.query_one("#review-date")
        field.focus()
        field.select_all()
        app.post_message(events.Paste("2028-02-29 efter mødet med kommunen\nog mere"))
        await keys_done(pilot)
        assert field.value == "2028-02-29"
        assert [note.message for note in app._notifications] == ["For lang: højst 10 tegn"]
        burst(app, "ctrl+s")
        await keys_done(pilot)
    assert load(path).document.review_date.isoformat() == "2028-02-29"
