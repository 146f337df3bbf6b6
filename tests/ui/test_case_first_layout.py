"""Opening a case draws one frame: its overview's scroll bar is known before the first layout
(`FormScroll.show_sure_scroll_bar`), its notes do not lay the screen out for their wrapped text
(`NoteArea._refresh_size`), and the frames Textual drew again are left out (tui/layout_once.py).
The screen is the one Textual draws without them, also after typing lines into the notes."""

from __future__ import annotations

import pytest

from tests.ui.helpers import burst, keys_done
from tests.ui.test_table_cells import _cells

SIZES = ((80, 24), (80, 25), (80, 26), (60, 20), (100, 60), (40, 12))


async def _case_screens(folder, make_app, size) -> tuple[list, bool, int]:
    """The overview as first shown at this size and after lines typed into the notes; whether
    its form showed a scroll bar; the frames drawn on opening. A folder of its own: the demo
    case is not found locked by the run before."""
    from textual.app import App

    from saved.examples import copy_examples
    from saved.locations import Locations
    from tui.widgets.fields import FormScroll

    locations = Locations(folder)
    locations.ensure()
    copy_examples(locations)
    app = make_app(locations)
    shots = []
    async with app.run_test(size=size) as pilot:
        await keys_done(pilot)
        frames = []
        display = App._display

        def counted(self, screen, update):
            frames.append(update is not None and not self._batch_count)
            return display(self, screen, update)

        App._display = counted  # type: ignore[method-assign]
        try:
            burst(app, "enter")
            await keys_done(pilot)
        finally:
            App._display = display  # type: ignore[method-assign]
        shots.append(_cells(app))
        bar = app.screen.query_one(FormScroll).show_vertical_scrollbar
        burst(app, "tab", "tab", "tab", *["more", "enter"] * 12)
        await keys_done(pilot)
        shots.append(_cells(app))
    return shots, bar, sum(frames)


async def test_opening_a_case_draws_one_frame_of_the_screen_textual_draws(tmp_path, make_app, monkeypatch):
    from textual.widgets import TextArea

    from tui import layout_once
    from tui.widgets.fields import FormScroll
    from tui.widgets.note_area import NoteArea

    ours = {size: await _case_screens(tmp_path / f"ours-{size}", make_app, size) for size in SIZES}
    assert ours[(60, 20)][1] and not ours[(80, 24)][1], "the overview overflows at 60x20, and fits 80x24 to its last row"
    assert not ours[(100, 60)][1]
    assert ours[(80, 24)][2] == ours[(60, 20)][2] == 1, "one frame: no second layout's, no repaint's"
    monkeypatch.setattr(FormScroll, "show_sure_scroll_bar", lambda self: None)
    monkeypatch.setattr(NoteArea, "_refresh_size", TextArea._refresh_size)
    monkeypatch.setattr(layout_once, "layout_follows", lambda screen: None)
    for size, (shots, bar, frames) in ours.items():
        theirs, their_bar, their_frames = await _case_screens(tmp_path / f"theirs-{size}", make_app, size)
        assert (theirs, their_bar) == (shots, bar), size
        assert frames <= their_frames, size


@pytest.mark.parametrize("height", [3, 30])
async def test_the_most_rows_of_a_form_are_never_fewer_than_it_is_given(demo_locations, make_app, height):
    """`most_rows` is an upper bound (never a bar the form does not need), checked against the
    layout at a size where the banner of the privacy screen takes a row too."""
    from tui.widgets.fields import FormScroll, most_rows

    app = make_app(demo_locations)
    async with app.run_test(size=(80, height)) as pilot:
        await keys_done(pilot)
        burst(app, "f3", "enter")
        await keys_done(pilot)
        form = app.screen.query_one(FormScroll)
        rows = most_rows(form)
        assert rows is None if height == 3 else rows is not None and rows >= form.outer_size.height
