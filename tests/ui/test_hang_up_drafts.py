"""A hang-up (SIGHUP: the SSH link dropped; SIGTERM) while a dialog holds what the user typed:
the reading, actor or agreed action goes into a recovery copy of its document, which the next
start offers to restore; the document itself is saved without it. Before, the dialog's content
was lost (tried in tmux: a reading typed into the new-reading dialog, then SIGHUP)."""

from __future__ import annotations

from saved import recovery
from saved.store import load
from tests.ui.helpers import burst, keys_done, settle
from tui.case.gauge.reading_form import ReadingForm
from tui.widgets.dialogs import Choice



async def _hang_up_in(locations, make_app, keys: tuple[str, ...], dialog: type) -> None:
    """From home, the demo case opened and `keys` typed into one of its dialogs, all at once;
    then the link drops (the SIGHUP handler's own call), and the app has exited."""
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "K.M.", "enter", "enter", *keys)
        await keys_done(pilot)
        assert isinstance(app.screen, dialog), app.screen
        app.hang_up()
        await pilot.pause()
    app.release_all()  # as the command line does once the app has exited


async def test_a_reading_being_typed_when_the_link_drops_is_kept_for_the_next_start(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    before = load(path).document
    keys = ("right", "tab", "n", "7", "tab", "3", "tab", "tab", "8", "tab", "tab", "tab", "6", "tab", "4", "tab", "tab", "tab", "tab", "Mødet gik skævt")
    await _hang_up_in(demo_locations, make_app, keys, ReadingForm)
    assert load(path).document.readings == before.readings, "the document is saved without the draft"
    [copy] = recovery.copies(demo_locations)
    kept = load(copy).document
    [added] = [reading for reading in kept.readings if reading not in before.readings]
    assert (added.intensity, added.capacity, added.context) == (6, 4, "Mødet gik skævt")
    assert added.feelings == {"frygt": 7, "vrede": 3, "skam": 8}

    app = make_app(demo_locations)  # the next start offers it
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        burst(app, "g")
        await keys_done(pilot)
    assert added in load(path).document.readings and not recovery.copies(demo_locations)


async def test_a_dialog_that_would_refuse_what_it_holds_keeps_nothing(demo_locations, make_app):
    """No capacity yet: a save would refuse it, and so does the hang-up (no half a reading)."""
    path = demo_locations.document("case", "demcasea")
    before = path.read_bytes()
    await _hang_up_in(demo_locations, make_app, ("right", "tab", "n", "7"), ReadingForm)
    assert path.read_bytes() == before and not recovery.copies(demo_locations)


async def test_an_actor_being_added_when_the_link_drops_is_kept_too(demo_locations, make_app):
    from tui.case.network.dialogs import ActorDialog

    path = demo_locations.document("case", "demcasea")
    before = path.read_bytes()
    await _hang_up_in(demo_locations, make_app, ("right", "right", "a", "Lillebror", "tab", "søn", "enter"), ActorDialog)
    assert path.read_bytes() == before
    [copy] = recovery.copies(demo_locations)
    assert [actor.kind for actor in load(copy).document.actors if actor.name == "Lillebror"] == ["Søn"]


async def test_a_dialog_only_opened_is_no_unsaved_work(demo_locations, make_app):
    """A new meeting's dialog makes a meeting from its defaults alone (today, the citizen): a
    hang-up with it just opened keeps nothing, and the next start asks nothing."""
    from tui.case.meetings.dialogs import MeetingDialog

    path = demo_locations.document("case", "demcasea")
    before = path.read_bytes()
    await _hang_up_in(demo_locations, make_app, ("right", "right", "right", "n"), MeetingDialog)
    assert path.read_bytes() == before and not recovery.copies(demo_locations)
