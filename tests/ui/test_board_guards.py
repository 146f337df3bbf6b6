"""The stage guards and freed resources on the board, driven by keys; assertions on the saved file."""

from __future__ import annotations

from saved.toml_read import tomllib
from tests.ui.helpers import burst, keys_done, screen_text, settle
from tui.exnovation.item import ItemScreen
from tui.exnovation.screen import ExnovationScreen
from tui.widgets.dialogs import Choice


def saved(locations, item_id: str) -> dict:
    board = tomllib.loads(locations.document("exnovation", "dembrd2a").read_text())
    return next(item for item in board["items"] if item["id"] == item_id)


async def open_demo_board(pilot) -> None:
    await settle(pilot)
    burst(pilot.app, "/", "Exnovation", "enter", "enter")
    await keys_done(pilot)
    assert isinstance(pilot.app.screen, ExnovationScreen)


async def pick_stage(pilot, downs: int) -> None:
    pilot.app.screen.query_one("#stage").focus()
    await pilot.pause()
    await pilot.press("enter", *["down"] * downs, "enter")
    await pilot.pause()


async def test_skipping_a_stage_asks_and_no_keeps_the_stage(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demo_board(pilot)
        burst(app, "down", "down", "down", "enter")  # "Borgeren genfortæller ...": assessed
        await keys_done(pilot)
        assert isinstance(app.screen, ItemScreen)
        await pick_stage(pilot, 2)  # assessed -> phasing out, over "decided"
        assert isinstance(app.screen, Choice) and "springer ◑ besluttet over" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert str(app.screen.query_one("#stage").value) == "assessed", "the field is put back"
        await pilot.press("ctrl+s")
        assert saved(demo_locations, "exnvdddd")["stage"] == "assessed"
        await pick_stage(pilot, 2)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert saved(demo_locations, "exnvdddd")["stage"] == "phasing_out"


async def test_the_stage_field_refuses_stopped_with_open_steps(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demo_board(pilot)
        burst(app, "down", "down", "enter")  # the fax item: decided, two steps not ticked
        await keys_done(pilot)
        await pick_stage(pilot, 2)  # decided -> stopped, over "phasing out": refused before asking
        assert not isinstance(app.screen, Choice)
        error = app.screen.query_one("#field-stage .field-error").render().plain
        assert "Ikke alle udfasningstrin" in error
        assert str(app.screen.query_one("#stage").value) == "decided"
        await pilot.press("ctrl+s")
        assert saved(demo_locations, "exnvcccc")["stage"] == "decided"


async def test_freed_time_is_typed_saved_and_totalled_on_the_board(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demo_board(pilot)
        assert "Frigjort: skønnet 132,5 t/md. + 2.400 kr./år · målt 10 t/md." in screen_text(app)
        burst(app, "down", "down", "down", "enter")
        await keys_done(pilot)
        app.screen.query_one("#freed_estimated-amount").focus()
        burst(app, "seks")
        await keys_done(pilot)
        error = app.screen.query_one("#field-freed_estimated .field-error").render().plain
        assert "Skriv et tal" in error
        burst(app, "ctrl+u", "4,5", "tab", "tab", "\x1b[31m<b>[bold]x\u202e")
        await keys_done(pilot)
        await pilot.press("ctrl+s")
        assert saved(demo_locations, "exnvdddd")["freed_estimated"]["amount"] == 4.5
        note = saved(demo_locations, "exnvdddd")["freed_estimated"]["note"]
        assert "<b>[bold]x" in note, "stored as typed (the outputs escape it)"
        await pilot.press("escape")
        await pilot.pause()
        assert "skønnet 137 t/md. + 2.400 kr./år" in screen_text(app)


async def test_opening_every_item_changes_nothing(demo_locations, make_app):
    """Filling the editor (stage, amounts, units) must not write back a different value: a stale
    Select event once moved the stage back and forth."""
    path = demo_locations.document("exnovation", "dembrd2a")
    before = tomllib.loads(path.read_text())["items"]
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demo_board(pilot)
        for row in range(len(before)):
            burst(app, *["down"] * row, "enter")
            await keys_done(pilot)
            assert isinstance(app.screen, ItemScreen)
            burst(app, "escape", "home")
            await keys_done(pilot)
        burst(app, "ctrl+s")
        await keys_done(pilot)
    assert tomllib.loads(path.read_text())["items"] == before
