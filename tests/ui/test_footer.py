"""The footer draws its keys itself (tui/widgets/footer.py): a click presses a key, the mouse
over a key shows its tip, and help and quit come first. What it draws is Textual's compact
footer cell for cell (the snapshots)."""

from __future__ import annotations

from tests.ui.helpers import keys_done, screen_text, settle
from tui.i18n import t
from tui.widgets.footer import KeyFooter


async def test_a_click_on_a_key_in_the_footer_presses_it(demo_locations, make_app):
    from tui.widgets.help import HelpScreen

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        assert [key.key_display for key in footer.keys][:2] == ["f1", "^q"]
        assert screen_text(app).splitlines()[-1].startswith("f1 Hjælp ^q Afslut")
        start, _end = footer.spans()[0]
        await pilot.click(KeyFooter, offset=(start, 0))
        await keys_done(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_mouse_over_a_key_shows_its_tip_and_lights_it(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        index = next(index for index, key in enumerate(footer.keys) if key.description == t("key.quit"))
        start, end = footer.spans()[index]
        row = len(screen_text(app).splitlines()) - 1

        def background(x: int):
            strip = app.screen._compositor.render_strips()[row]
            return next(segment.style.bgcolor for segment in strip.crop(x, x + 1) if segment.text)

        plain = background(start)
        await pilot.hover(KeyFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert footer.tooltip == t("tip.quit")
        assert background(start) != plain and background(end - 1) != plain
        assert background(end) == plain, "the gap after it is not lit"
        await pilot.hover(KeyFooter, offset=(end, 0))  # the gap between two keys
        await pilot.pause()
        assert footer.tooltip is None and background(start) == plain
