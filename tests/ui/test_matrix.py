"""The priority matrix as a place to work: the selection always in view, the untriaged items one a
line with u to reach the next, the seed's guidance in each quadrant, the width used."""

from __future__ import annotations

from datetime import date

from models.exnovation import Exnovation
from models.exnovation import Item
from saved.store import dumps
from saved.toml_read import tomllib
from tests.ui.helpers import burst, keys_done, open_matrix, screen_text, settle


def busy_board(locations) -> None:
    """12 items in DO (more than a box shows at 80x24) and 8 not yet triaged."""
    do = [Item(what=f"Gør-punkt {n:02d} " + "lang tekst " * 3, nominated_on=date(2026, 9, 1), urgent=True, important=True) for n in range(12)]
    untriaged = [Item(what=f"Uprioriteret {n}", nominated_on=date(2026, 9, 1)) for n in range(8)]
    board = Exnovation(id="mxbcardd", title="Travl tavle", items=[*do, *untriaged])
    locations.ensure()
    (locations.documents / "exnovation-mxbcardd.toml").write_bytes(dumps(board))


def selected_what(app) -> str:
    return app.screen.session.document.item(app.screen.selected).what


async def test_the_selected_item_is_always_on_screen(locations, make_app):
    busy_board(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_matrix(pilot)
        for _ in range(20):  # every item once, through both boxes
            visible = selected_what(app)[:18]
            text = screen_text(app)
            assert f"▶ {visible}" in text, visible
            burst(app, "tab")
            await keys_done(pilot)


async def test_u_jumps_to_the_next_untriaged_item_and_arrows_triage_it(locations, make_app):
    busy_board(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_matrix(pilot)
        assert selected_what(app).startswith("Gør-punkt 00")
        burst(app, "u")
        await keys_done(pilot)
        assert selected_what(app) == "Uprioriteret 0"
        burst(app, "u", "u")
        await keys_done(pilot)
        assert selected_what(app) == "Uprioriteret 2"
        assert "▶ Uprioriteret 2" in screen_text(app), "one a line, the selected one in view"
        assert "Uprioriteret 1" in screen_text(app) and "Uprioriteret 3" in screen_text(app)
        burst(app, "up")  # important, and not urgent (not asked): SCHEDULE
        await keys_done(pilot)
        assert "▶ Uprioriteret 2" in screen_text(app), "followed into its new quadrant"
        burst(app, "u")  # it left the list: round to the first untriaged
        await keys_done(pilot)
        assert selected_what(app) == "Uprioriteret 0"
        burst(app, "escape", "ctrl+s")
        await keys_done(pilot)
        saved = tomllib.loads((locations.documents / "exnovation-mxbcardd.toml").read_text())
        moved = next(item for item in saved["items"] if item["what"] == "Uprioriteret 2")
        assert (moved["important"], moved["urgent"]) == (True, False)


async def test_every_item_triaged_says_so(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "Exnovation", "enter", "enter", "m")
        await keys_done(pilot)
        burst(app, "u", "left")  # the one untriaged item: urgent, not important -> DELEGATE
        await keys_done(pilot)
        said = []
        original = app.notify
        app.notify = lambda message, *a, **k: (said.append(str(message)), original(message, *a, **k))[1]
        burst(app, "u")
        await keys_done(pilot)
        assert said == ["Alle punkter er prioriteret"]


async def test_the_guidance_and_the_width(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        burst(app, "/", "Exnovation", "enter", "enter", "m")
        await keys_done(pilot)
        text = screen_text(app)
        assert "Opgaver med en klar frist og alvorlige følger" in text
        assert "Dobbeltdokumentation: samme notat i Sundhedsplat" in text, "the width is used"
        assert "◕ MK, teamleder" in text, "stage and owner where there is room"
        burst(app, "f3")
        await keys_done(pilot)
        assert "MK, teamleder" not in screen_text(app), "the privacy screen's initials"


async def test_help_on_the_matrix_says_how_to_work_in_it(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        burst(app, "/", "Exnovation", "enter", "enter", "m", "f1")
        await keys_done(pilot)
        text = screen_text(app)
        assert "u springer til det næste" in text and "matrix.next_untriaged" in text
