"""A hang-up (SIGHUP: the SSH link dropped; SIGTERM) while a dialog holds what the user typed:
the reading, actor or agreed action goes into a recovery copy of its document, which the next
start offers to restore; the document itself is saved without it. Before, the dialog's content
was lost (tried in tmux: a reading typed into the new-reading dialog, then SIGHUP)."""

from __future__ import annotations

from saved import recovery
from saved.store import load
from tests.ui.helpers import burst, keys_done, screen_text, settle
from tui.case.gauge.reading_form import ReadingForm
from tui.i18n import t
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


async def test_text_a_field_refused_is_kept_beside_the_copies_and_named_at_the_next_start(demo_locations, make_app, capsys):
    """A review date typed wrong (the field says why; the case keeps its date) is in no document:
    it goes to <recovery>/<document>.typed.txt, the document is left as it was, and the next
    start names the case, the field and the file. Before, the text was gone."""
    path = demo_locations.document("case", "demcasea")
    before = path.read_bytes()
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "K.M.", "enter", "enter", "tab", "tab", "ctrl+u", "2026-13-45")
        await keys_done(pilot)
        app.hang_up()
        await pilot.pause()
    app.release_all()
    assert path.read_bytes() == before and not recovery.copies(demo_locations)
    [kept] = recovery.typed_copies(demo_locations)
    assert kept.name == "case-demcasea.typed.txt" and oct(kept.stat().st_mode & 0o777) == "0o600"
    kind, title, fields = recovery.read_typed(kept)
    assert (kind, title) == ("case", "K.M. (demo)")
    assert [(field.label, field.text) for field in fields] == [(t("case.review_date"), "2026-13-45")] and fields[0].problem
    shown = capsys.readouterr().err  # the exit message: where, and no text of the document
    assert str(kept.parent) in shown and "2026-13-45" not in shown and "K.M." not in shown

    app = make_app(demo_locations)  # the next start names it; "senere" keeps it, "kassér" removes it
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        text = screen_text(app)
        assert "Gennemgangsdato" in text.replace("\n", "") and "2026-13-45" not in text
        burst(app, "k")
        await keys_done(pilot)
        assert not isinstance(app.screen, Choice)
    assert not recovery.typed_copies(demo_locations)


async def test_a_dialog_that_refuses_what_it_holds_keeps_its_text(demo_locations, make_app):
    """A reading with no capacity cannot be saved, so no copy holds it: the context typed into it
    is kept as typed text (the scales' numbers are not text, and are not kept)."""
    path = demo_locations.document("case", "demcasea")
    before = path.read_bytes()
    await _hang_up_in(demo_locations, make_app, ("right", "tab", "n", "7", *["tab"] * 11, "Naboen ringede"), ReadingForm)
    assert path.read_bytes() == before and not recovery.copies(demo_locations)
    [kept] = recovery.typed_copies(demo_locations)
    _kind, _title, fields = recovery.read_typed(kept)
    assert "Naboen ringede" in [field.text for field in fields]


def test_typed_text_never_overwrites_an_earlier_file_and_a_damaged_one_is_refused(tmp_path):
    from saved.locations import Locations

    locations = Locations(tmp_path / "data")
    locations.ensure()
    document = locations.document("case", "x")
    first = recovery.write_typed(locations, document, "case", "X", [recovery.Typed("Titel", "for lang", "a" * 100)])
    second = recovery.write_typed(locations, document, "case", "X", [recovery.Typed("Titel", None, "b\x1b[2Jc\n\"'")])
    assert (first.name, second.name) == ("case-x.typed.txt", "case-x.typed-2.txt")
    assert recovery.read_typed(second)[2] == [recovery.Typed("Titel", None, "b\x1b[2Jc\n\"'")]
    assert recovery.read_typed(first)[2][0].text == "a" * 100
    assert "\x1b" not in second.read_text(), "escaped in the file: `cat` of it does not act on it"
    first.write_text("field = 3\n")
    import pytest

    with pytest.raises(ValueError):
        recovery.read_typed(first)


def test_typed_text_is_listed_by_check_and_deleted_with_its_document(demo_locations):
    from saved.check import check
    from saved.store import delete

    path = demo_locations.document("case", "demcasea")
    other = demo_locations.document("case", "demcaseb")
    kept = recovery.write_typed(demo_locations, path, "case", "K.M.", [recovery.Typed("Titel", "for lang", "x")])
    kept_other = recovery.write_typed(demo_locations, other, "case", "B", [recovery.Typed("Titel", "for lang", "y")])
    assert [problem.code for problem in check(None, demo_locations) if problem.path == kept] == ["typed_kept"]
    delete(demo_locations, path)
    assert not kept.exists() and kept_other.exists()
