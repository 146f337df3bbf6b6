"""A typed letter costs what it shows: no layout of the whole screen for it, and it still scrolls
a long text into view. (Counts, not times: tests/bench measures the time.)"""

from __future__ import annotations

from textual.screen import Screen

from tests.ui.helpers import burst, keys_done, screen_text, settle


async def test_typing_in_a_field_lays_out_nothing_and_a_long_text_scrolls(demo_locations, make_app, monkeypatch):
    layouts = []
    real = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts.append(type(self).__name__)
        return real(self, *args, **kwargs)

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the newest document: K.M. (demo)
        await settle(pilot)
        title = app.screen.query_one("#title")
        title.focus()
        await pilot.press("end")
        await settle(pilot)
        burst(app, "x")  # the first letter changes "saved" to "unsaved": that may move things
        await keys_done(pilot)
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        burst(app, " " + "abcdefghij" * 6 + "abcdZZ")  # 79 characters (the cap is 80), wider than the field
        await keys_done(pilot)
        assert layouts == [], "a typed letter laid the screen out"
        assert title.value.endswith("ZZ") and title.value.startswith("K.M. (demo)x ")
        line = next(row for row in screen_text(app).splitlines() if "abcdefghij" in row and "Sag" not in row)
        assert line.rstrip().endswith("ZZ"), "the end of a long text, where the cursor is, is not shown"
        assert not line.strip().startswith("K.M."), "the field did not scroll"
