"""Meeting mode: the board for a projector, read only; the width used, force texts whole, the
privacy screen's rule kept."""

from __future__ import annotations

from tests.ui.helpers import burst, keys_done, screen_text, settle
from tui.exnovation.meeting import MeetingScreen
from tui.exnovation.screen import ExnovationScreen


async def open_meeting(pilot) -> None:
    await settle(pilot)
    burst(pilot.app, "/", "Exnovation", "enter", "enter", "v")
    await keys_done(pilot)
    assert isinstance(pilot.app.screen, MeetingScreen)


async def test_the_table_wraps_whole_texts_and_tab_goes_round_the_views(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        text = screen_text(app)
        assert "▶ ◕ udfases" in text and "Sundhedsplatformen og" in text, "the practice wraps, nothing cut"
        burst(app, "down")
        await keys_done(pilot)
        assert "▶ ● stoppet" in screen_text(app), "↓ chooses the next item (the scroll view took it)"
        burst(app, "up")
        await keys_done(pilot)
        burst(app, "tab")
        await keys_done(pilot)
        assert "prioriteringsmatrix" in screen_text(app) and "▶ Dobbeltdokumentation: samme notat" in screen_text(app)
        burst(app, "tab", "down")
        await keys_done(pilot)
        text = screen_text(app)
        assert "kraftfelt for det valgte punkt" in text and "Ugentligt koordineringsmøde" in text
        forces = text.split("Hjælpende", 1)[1].split("SWITCH", 1)[0]
        assert "Frigør 6 timer om" in forces and "teamet" in forces and "…" not in forces, "a force's whole text at 80 columns, wrapped"
        burst(app, "up")
        await keys_done(pilot)
        assert "evalueringen: –" not in screen_text(app), "below the screen at 80x24"
        await pilot.press("pagedown")  # a name burst() would type letter by letter
        await keys_done(pilot)
        assert "evalueringen: –" in screen_text(app), "page down shows the rest"
        burst(app, "down")
        await keys_done(pilot)
        burst(app, "tab")
        await keys_done(pilot)
        assert "alle punkter" in screen_text(app)
        burst(app, "escape")
        await keys_done(pilot)
        assert isinstance(app.screen, ExnovationScreen)
        assert app.screen.selected_id() == "exnvbbbb", "the board keeps the item chosen in the meeting"


async def test_the_privacy_screen_hides_names_and_free_text_in_the_meeting(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_meeting(pilot)
        assert "MK, teamleder" in screen_text(app) and "10 t/uge" in screen_text(app), "the estimate where there is room"
        burst(app, "tab", "tab")
        await keys_done(pilot)
        assert "Tid frigøres til borgerkontakt" in screen_text(app) and "Fra 1. december" in screen_text(app)
        burst(app, "f3")
        await keys_done(pilot)
        text = screen_text(app)
        assert "Tid frigøres" not in text and "Fra 1. december" not in text and "MK, teamleder" not in text
        assert "(skjult: privatskærm)" in text and "M.T." in text


async def test_the_board_table_uses_the_width_it_has(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        burst(app, "/", "Exnovation", "enter", "enter")
        await keys_done(pilot)
        text = screen_text(app)
        assert "Dobbeltdokumentation: samme notat i Sundhedsplatformen og i Nexus" in text
        assert "Afdelingssygeplej" in text, "the owner gets some of the room too"
        row = next(line for line in text.splitlines() if "Dobbeltdokumentation" in line and "2026-12-15" in line)
        assert row.index("2026-12-15") > 115, "the deadline column moved right: no empty third of the screen"
