"""The board's keys cost what they show, whatever the board holds: a key that moves the cursor
draws the two rows it changes and the detail line, never a layout, the same at 500 items as at 4.
Counted (rows drawn, refreshes, layouts), not timed. And a burst of editing keys on the board
ends up in the saved file, on the items the cursor was on."""

from __future__ import annotations

from datetime import date

from saved.store import dumps
from saved.toml_read import tomllib
from models.exnovation import Exnovation
from models.exnovation import Item
from tests.ui.helpers import burst, keys_done, screen_text, settle
from tests.ui.test_keys_cost import painted, refreshes
from tui.exnovation.screen import ExnovationScreen, ItemList
from tui.widgets.dialogs import Choice

HOSTILE = "\x1b[31mrød\x1b]8;;http://x\x07link\x9b\u202e[bold]fed[/bold]<script>"


def board_of(locations, count: int) -> None:
    items = [Item(what=f"Punkt {n} {HOSTILE}", owner=f"Ejer {HOSTILE}", nominated_on=date(2026, 9, 1), urgent=n % 2 == 0) for n in range(count)]
    (locations.documents / "exnovation-keysbxrd.toml").write_bytes(dumps(Exnovation(id="keysbxrd", title="Tavle", items=items)))


class Counted:
    """Counts rows the list draws and item rows it builds while inside."""

    def __init__(self, screen: ExnovationScreen) -> None:
        self.drawn = self.built = 0
        self.screen = screen

    def __enter__(self) -> Counted:
        original_line, original_row = ItemList.render_line, self.screen.row

        def render_line(widget, y):
            self.drawn += 1
            return original_line(widget, y)

        def row(item):
            self.built += 1
            return original_row(item)

        self._restore = (original_line,)
        ItemList.render_line = render_line  # type: ignore[method-assign]
        self.screen.row = row  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc) -> None:
        ItemList.render_line = self._restore[0]  # type: ignore[method-assign]
        del self.screen.row


async def key_cost(make_app, locations, count: int, *keys: str) -> tuple[int, int, list[tuple[str, int, bool]], int, list[str]]:
    """Open a board of `count` items and press ↓ once; then `keys` counted: (rows drawn, item rows
    built, [(widget, regions, layout)] repainted, the cursor after, the screen's reflows)."""
    board_of(locations, count)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "enter", "down")
        await keys_done(pilot)
        screen = app.screen
        assert isinstance(screen, ExnovationScreen)
        layouts = []
        original = type(screen)._refresh_layout

        def layout(self, size=None, scroll=False):
            layouts.append("scroll" if scroll and not self._layout_widgets else "layout")
            return original(self, size, scroll)

        type(screen)._refresh_layout = layout  # type: ignore[method-assign]
        try:
            with Counted(screen) as counted, refreshes() as calls:
                burst(app, *keys)
                await keys_done(pilot)
        finally:
            type(screen)._refresh_layout = original  # type: ignore[method-assign]
        assert "layout" not in layouts, "a key that changes no size lays nothing out (a scroll moves the list only)"
        repainted = [(type(widget).__name__, len(regions), layout) for widget, regions, layout in painted(calls)]
        text = screen_text(app)
        for bad in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert bad not in text
        assert "[bold]fed[/bold]" in text  # markup shown as typed: inert
        return counted.drawn, counted.built, repainted, screen.query_one(ItemList).cursor, layouts


async def test_down_costs_the_same_rows_at_500_items_as_at_4(locations, make_app, tmp_path):
    from saved.locations import Locations

    small = await key_cost(make_app, locations, 4, "down")
    big_locations = Locations(tmp_path / "big")
    big_locations.ensure()
    big = await key_cost(make_app, big_locations, 500, "down")
    assert small[3] == big[3] == 2
    assert small[4] == big[4] == [], "no reflow at all for a move inside the page"
    drawn, built, repainted, _cursor, _layouts = big
    assert drawn == 2 and built == 0, "the row left and the row reached, built when first shown"
    assert sorted(repainted) == sorted(small[2])
    assert {name for name, _regions, _layout in repainted} == {"ItemList", "DiffStatic"}  # the list and the detail line
    assert not any(layout for _name, _regions, layout in repainted)


async def test_a_jump_at_500_items_draws_one_screen_a_jump(locations, make_app):
    drawn, built, _repainted, cursor, _layouts = await key_cost(make_app, locations, 500, "end", "home", "end")
    assert cursor == 499
    rows_on_screen = 24
    assert drawn <= 3 * rows_on_screen and built <= 3 * rows_on_screen, (drawn, built)


def saved_items(locations) -> dict[str, dict]:
    board = tomllib.loads(locations.document("exnovation", "dembrd2a").read_text())
    return {item["id"]: item for item in board["items"]}


async def test_a_burst_of_editing_keys_lands_on_the_items_under_the_cursor(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "Exnovation", "enter", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, ExnovationScreen)
        before = saved_items(demo_locations)
        # The fourth row (assessed): ] to decided, t marks its nominator told; ↓ to the fifth, x y
        # deletes it; the cursor goes to the first row, where t marks that item told.
        burst(app, "down", "down", "down", "]", "t", "down", "x")
        await keys_done(pilot)
        assert isinstance(app.screen, Choice)
        burst(app, "y", "t", "ctrl+s")
        await keys_done(pilot)
        after = saved_items(demo_locations)
        assert after["exnvdddd"]["stage"] == "decided" and after["exnvdddd"]["nominator_told"] is True
        assert "exnveeee" not in after and len(after) == len(before) - 1
        assert after["exnvaaaa"]["nominator_told"] is True
        untouched = set(after) - {"exnvdddd", "exnvaaaa"}
        # (the example file leaves out empty fields; a save writes them)
        assert {key: {f: after[key].get(f) for f in before[key]} for key in untouched} == {key: before[key] for key in untouched}
        screen = app.screen
        assert isinstance(screen, ExnovationScreen) and screen.selected_id() == "exnvaaaa"
        assert "Dobbeltdokumentation" in screen_text(app).split("\n")[-3]  # the detail line follows the cursor


async def test_a_row_list_given_widths_reads_only_the_rows_it_draws():
    """RowList.show(widths=...) (tui/widgets/row_list.py, used by the board): the columns have the
    widths given, cells longer end with "…", and no row is read to size the columns."""
    from rich.cells import cell_len
    from textual.app import App

    from tui.widgets.row_list import RowList

    class One(App):
        def compose(self):
            yield RowList(["A", "Bee", "C"], id="rows")

    app = One()
    async with app.run_test(size=(40, 8)) as pilot:
        rows = app.query_one(RowList)
        asked: list[int] = []

        def row(index: int) -> tuple[str, ...]:
            asked.append(index)
            return (f"{index}", "x" * 30, "end")

        rows.show(1000, row, widths=[4, 10, 3])
        await pilot.pause()
        asked.clear()
        rows.show(1000, row, cursor=500, widths=[4, 10, 3])  # as the board after a change
        await pilot.pause()
        drawn = [rows.render_line(y).text for y in range(rows.size.height)]
        assert drawn[0].startswith("A    Bee        C   ")
        assert drawn[1].startswith(f"{500 - rows.page_rows + 1:<4} {'x' * 9}… end ")
        assert all(cell_len(line) == rows.size.width for line in drawn)
        assert set(asked) <= set(range(500 - rows.page_rows + 1, 501)), "only the rows on the screen"


async def matrix_key(make_app, locations, count: int, *keys: str) -> tuple[int, list[tuple[str | None, int]], str]:
    """A board of `count` items in all four quadrants, its matrix open (m); then `keys` counted:
    (owners looked up, [(box, regions)] repainted, the selected item's text)."""
    from tui.exnovation.matrix import MatrixScreen
    from tui.exnovation.quadrant import QuadrantBox

    items = [Item(what=f"Punkt {n} {HOSTILE}", owner=f"Ejer {n}", nominated_on=date(2026, 9, 1), urgent=n % 2 == 0, important=n % 3 != 0) for n in range(count)]
    (locations.documents / "exnovation-keysbxrd.toml").write_bytes(dumps(Exnovation(id="keysbxrd", title="Tavle", items=items)))
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "enter", "m")
        await keys_done(pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        looked_up = []
        for box in screen.query(QuadrantBox):
            owner_of = box.owner_of
            box.owner_of = lambda item, owner_of=owner_of: looked_up.append(item.id) or owner_of(item)
        with refreshes() as calls:
            burst(app, *keys)
            await keys_done(pilot)
        boxes = [(widget.id, len(regions)) for widget, regions, _layout in painted(calls) if isinstance(widget, QuadrantBox)]
        selected = screen.session.document.item(screen.selected)
        assert selected is not None
        return len(looked_up), boxes, selected.what


async def test_a_matrix_key_costs_the_same_at_500_items_as_at_24(locations, make_app, tmp_path):
    """j walks to the next item: only the boxes the selection leaves and enters are drawn again,
    and no owner is looked up (the matrix keeps its items by quadrant and id between changes)."""
    from saved.locations import Locations

    small = await matrix_key(make_app, locations, 24, "j", "j")
    big_locations = Locations(tmp_path / "big")
    big_locations.ensure()
    big = await matrix_key(make_app, big_locations, 500, "j", "j")

    assert small[0] == big[0] == 0
    assert sorted(small[1]) == sorted(big[1]) == [("q-delegate", 2)] * 2, "per key two rows: the row left, the row reached"
    assert small[2] == big[2] and small[2].startswith("Punkt 12 ")  # from item 0 (delegate), two on in it


async def test_the_detail_line_counts_a_vote_that_changes_no_item(locations, make_app):
    """The dots per item are counted once per change of the votes, not of the items: a vote
    alone (the items list untouched) shows in the detail line at once."""
    from models.team import Vote

    board_of(locations, 3)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "enter")
        await keys_done(pilot)
        screen = app.screen
        assert isinstance(screen, ExnovationScreen)
        first = screen.document.items[0].id
        assert screen.session.update(votes=[Vote(item_id=first, voter="LB"), Vote(item_id=first, voter="KR")]) is None
        await keys_done(pilot)
        assert "2 prikker" in screen_text(app)
        assert screen.session.update(votes=[Vote(item_id=first, voter="LB")]) is None
        await keys_done(pilot)
        assert "1 prik" in screen_text(app) and "2 prikker" not in screen_text(app)
