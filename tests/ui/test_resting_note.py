"""The case's notes before anyone uses them (tui/widgets/resting_note.py): drawn as the editor draws
them at rest, cell by cell, and replaced by the editor in place when first focused, keys typed
ahead landing in it in order."""

from __future__ import annotations

import json
import os

import pytest
from textual import events

from saved.toml_read import tomllib  # Python 3.10 has tomli
from tests.ui.helpers import burst, change_demo_case, keys_done, notes_editor, settle
from tui.widgets.resting_note import RestingNote

HOSTILE = "\x1b[31mrød\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x9bC1 \u202eomvendt [bold]fed[/bold] <script>x</script> 漢字 og æøå\tfane"
NOTES = {
    "short": "Kort note.",
    "empty": "",
    "demo": None,  # the demo case's own: a line that wraps, and a second
    "long": "\n".join(f"Linje {n}: " + "ord " * (n * 7 % 30) for n in range(40)),  # a scroll bar
    "hostile": (HOSTILE + "\n") * 3,
    "trailing": "slutter med linjeskift\n\n",
    "unbroken": "x" * 300 + "\n" + "ab " * 60,  # wrapped at the last cell, not at a word
}


def cells(app) -> list[list[tuple[str, object]]]:
    """The screen as (character, style) per character, whatever the segments."""
    return [[(char, segment.style) for segment in strip for char in segment.text] for strip in app.screen._compositor.render_strips()]


async def _rest_and_editor(pilot, app) -> tuple[list, list]:
    await pilot.press("enter")  # the newest document: the demo case
    await settle(pilot)
    assert app.screen.query(RestingNote) and not app.screen.query("TextArea"), "no editor until the notes are used"
    resting = cells(app)
    editor = await notes_editor(app)
    await settle(pilot)
    assert not app.screen.query(RestingNote) and app.screen.query_one("#notes") is editor
    assert not editor.has_focus, "made, not focused: nothing else moves"
    first = cells(app)  # wrapped as the resting notes were (RestingNote.realise)
    editor._rewrap_and_refresh_virtual_size()  # as the editor wraps its text itself
    editor.refresh()
    await settle(pilot)
    assert cells(app) == first
    return resting, first


@pytest.mark.parametrize("size", [(80, 24), (123, 40)])
@pytest.mark.parametrize("notes", list(NOTES))
async def test_the_resting_notes_draw_what_the_editor_draws(demo_locations, make_app, notes, size):
    if NOTES[notes] is not None:
        change_demo_case(demo_locations, lambda case: setattr(case, "notes", NOTES[notes]))
    app = make_app(demo_locations)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        resting, editor = await _rest_and_editor(pilot, app)
    assert resting == editor


async def test_the_wheel_over_long_resting_notes_scrolls_the_editor(demo_locations, make_app):
    change_demo_case(demo_locations, lambda case: setattr(case, "notes", NOTES["long"]))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        resting = app.screen.query_one(RestingNote)
        await pilot._post_mouse_events([events.MouseScrollDown], resting, offset=(3, 2))
        await settle(pilot)
        editor = app.screen.query_one("#notes")
        assert not app.screen.query(RestingNote) and editor.scroll_offset.y > 0


async def test_read_only_and_private_notes_draw_what_the_editor_draws(demo_locations, make_app):
    from saved.lock import LockInfo

    path = demo_locations.document("case", "demcasea")
    other = LockInfo("kollega", LockInfo.mine().host, os.getppid(), "2026-11-23T08:00:00+01:00")
    demo_locations.lock_of(path).write_text(json.dumps({"user": other.user, "host": other.host, "pid": other.pid, "since": other.since}))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        resting, editor = await _rest_and_editor(pilot, app)
        assert resting == editor
        assert (await notes_editor(app)).read_only
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")  # the privacy screen: notes hidden
        await settle(pilot)
        resting, editor = await _rest_and_editor(pilot, app)
        assert resting == editor
        assert "Kvinde" not in "".join(char for row in resting for char, _ in row)


async def test_keys_typed_ahead_into_the_notes_land_in_the_editor_in_order(demo_locations, make_app):
    app = make_app(demo_locations)
    path = demo_locations.document("case", "demcasea")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # From home: open the case, Tab past the title and the review date into the notes, type, save.
        burst(app, "enter", "tab", "tab", "tab", "Ny linje: ", "abc", "enter", "ctrl+s")
        await keys_done(pilot)
        editor = app.screen.query_one("#notes")
        assert editor.has_focus and not app.screen.query(RestingNote)
        assert editor.text.startswith("Ny linje: abc\nKvinde, 40'erne.")
        assert app.screen.query_one("#title").value == "K.M. (demo)"
        burst(app, "shift+tab", "x", "tab", "y")  # back to the review date and into the notes again
        await keys_done(pilot)
        assert editor.text.startswith("Ny linje: abc\nyKvinde") and app.screen.query_one("#review-date").value.endswith("x")
    assert tomllib.loads(path.read_text(encoding="utf-8"))["notes"].startswith("Ny linje: abc\nKvinde")


async def test_a_click_on_the_resting_notes_makes_the_editor_focused(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click(RestingNote, offset=(3, 1))
        await settle(pilot)
        editor = app.screen.query_one("#notes")
        assert editor.has_focus and not app.screen.query(RestingNote)
        assert editor.cursor_location == (0, 1), "where it was clicked (the border and a cell of padding before the text)"


@pytest.mark.parametrize("made", ["at_open", "on_reload"])
async def test_stored_notes_with_a_cpr_like_number_are_warned_of(demo_locations, make_app, made):
    """The warning bar names the notes as it did when the editor was made on opening: with such
    notes the editor is made at once (opened, or the file changed under the screen)."""
    from tui.widgets.cpr_guard import CprWarning

    if made == "at_open":
        change_demo_case(demo_locations, lambda case: setattr(case, "notes", "ring 010190-1234"))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        if made == "on_reload":
            warning = app.screen.query_one(CprWarning)
            assert not warning.has_class("-visible") and app.screen.query(RestingNote)
            change_demo_case(demo_locations, lambda case: setattr(case, "notes", "ring 010190-1234"))
            app.screen.session._resolve_conflict("reload")  # as the user's answer to a conflict
            await settle(pilot)
        warning = app.screen.query_one(CprWarning)
        assert warning.has_class("-visible") and warning.field is app.screen.query_one("#notes")
