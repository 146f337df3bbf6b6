"""tui/widgets/table.py: a FixedTable draws its one-line Text cells without Rich's layers, and shows
the scroll bars its rows surely need before the first layout.

It repeats DataTable's cell cache and cell styles, so: it fails when that Textual code changes
(an upgrade must look at `FixedTable._render_cell` again), and every cell of the network's three
tables (header and rows, under the cursor, the hover and neither, privacy on and off, cut and
not) is the very same segments as DataTable draws it.
"""

from __future__ import annotations

import hashlib
import inspect

import pytest
from rich.style import Style
from rich.text import Text

from tests.ui.helpers import burst, keys_done
from tests.ui.test_network import open_network

#: sha256 of DataTable._render_cell in the pinned Textual (pyproject.toml).
RENDER_CELL = "56c87899a3bfc4da286b16d6a4dfcd953d8779b509acb6d99edab891fe6df48c"
#: And of the two methods FixedTable's rows repeat.
RENDER_ROW = {
    "_render_line_in_row": "669cc46a7ca119d238da176246e93c91096c0c55cdc5c3996a8f7d6fbd3b5f95",
    "_get_row_style": "c9c02efa8c96f0843a2c8887f8b74bb5556b67f5277a0e14b2d4339673c07282",
}


def test_the_textual_code_the_fast_cells_repeat_is_unchanged():
    from textual.widgets import DataTable

    digest = hashlib.sha256(inspect.getsource(DataTable._render_cell).encode()).hexdigest()
    assert digest == RENDER_CELL, "Textual's DataTable._render_cell changed: read FixedTable._render_cell again, then update the hash"
    for name, wanted in RENDER_ROW.items():
        digest = hashlib.sha256(inspect.getsource(getattr(DataTable, name)).encode()).hexdigest()
        assert digest == wanted, f"Textual's DataTable.{name} changed: read FixedTable's again, then update the hash"


def _differences(table, passed_on: list[int]) -> list[tuple[int, int, bool, bool]]:
    """The cells (row, column, cursor, hover) a FixedTable draws otherwise than DataTable; each
    cell it leaves to DataTable is counted in `passed_on`."""
    from textual.widgets import DataTable

    from tui.widgets.table import FixedTable

    drawn_by_datatable = DataTable._render_cell

    def counted(*args, **kwargs):
        passed_on.append(1)
        return drawn_by_datatable(*args, **kwargs)

    bases = (table.rich_style, Style(bgcolor="red") + table.rich_style)
    out = []
    for row in range(-1, table.row_count):
        for column in range(len(table.columns)):
            for width in {table.ordered_columns[column].get_render_width(table), 3, 2, 1}:
                for cursor in (False, True):
                    for hover in (False, True):
                        for base in bases:
                            table._cell_render_cache.clear()
                            DataTable._render_cell = counted  # what FixedTable's super() reaches, counted
                            try:
                                fast = FixedTable._render_cell(table, row, column, base, width, cursor, hover)
                            finally:
                                DataTable._render_cell = drawn_by_datatable
                            table._cell_render_cache.clear()
                            slow = drawn_by_datatable(table, row, column, base, width, cursor, hover)
                            if fast != slow:
                                out.append((row, column, cursor, hover))
    return out


def _row_differences(table) -> list[tuple[int, object, object]]:
    """The rows (header too) a FixedTable draws or styles otherwise than DataTable, with the
    cursor and the hover on each row and on none, the hover cursor shown and not."""
    from textual.coordinate import Coordinate
    from textual.widgets import DataTable

    from tui.widgets.table import FixedTable

    keys = [table._header_row_key, *(table._row_locations.get_key(row) for row in range(table.row_count))]
    places = [Coordinate(row, 0) for row in (0, 1, table.row_count - 1)] + [Coordinate(table.row_count + 5, 0)]
    out = []
    for show_hover in (False, True):
        table._show_hover_cursor = show_hover
        for base in (table.rich_style, Style(bgcolor="red") + table.rich_style):
            for index, key in enumerate(keys):
                table._rich_style_cache.clear()
                if FixedTable._get_row_style(table, index - 1, base) != DataTable._get_row_style(table, index - 1, base):
                    out.append((index - 1, "style", None))
                for cursor in places:
                    for hover in places:
                        table._row_render_cache.clear()
                        table._rich_style_cache.clear()
                        fast = FixedTable._render_line_in_row(table, key, 0, base, cursor, hover)
                        table._row_render_cache.clear()
                        slow = DataTable._render_line_in_row(table, key, 0, base, cursor, hover)
                        if fast != slow:
                            out.append((index - 1, cursor, hover))
    return out


@pytest.mark.parametrize("size", [(80, 24), (130, 40)])
async def test_every_cell_of_the_network_tables_is_drawn_as_datatable_draws_it(demo_locations, make_app, size):
    app = make_app(demo_locations)
    async with app.run_test(size=size) as pilot:
        pane = await open_network(pilot)
        burst(app, "b")  # the tie list, made when first shown
        await keys_done(pilot)
        for private in (False, True):
            app.privacy = private
            await keys_done(pilot)
            for name in ("#net-actors", "#net-ties", "#net-all-ties"):
                table = pane.query_one(name)
                assert table.row_count > 0
                passed_on: list[int] = []
                assert _differences(table, passed_on) == [], name
                assert _row_differences(table) == [], name
                widths = 4 if table.row_count else 0  # each cell at its width, 3, 2 and 1
                cells = (table.row_count + 1) * len(table.columns) * widths * 2 * 2 * 2
                assert len(passed_on) <= cells // 2, "only widths 1 and 2 leave no room for the text: DataTable's"


async def test_cells_of_other_kinds_are_drawn_by_datatable(demo_locations, make_app):
    """A cell that is not one line of Text (a str, two lines, a tab) takes DataTable's way."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from tui.widgets.table import FixedTable

    class Tables(App):
        def compose(self) -> ComposeResult:
            yield FixedTable()

    app = Tables()
    async with app.run_test(size=(80, 24)):
        table = app.query_one(FixedTable)
        table.add_column("a", width=8)
        table.add_column(Text("b", justify="right"), width=6)
        table.add_row("plain [b]markup[/b]", Text("x\ty"))
        table.add_row(Text("two\nlines"), Text("wide 漢字 here", overflow="crop"))
        base = table.rich_style
        for row in range(-1, 2):
            for column in range(2):
                table._cell_render_cache.clear()
                fast = FixedTable._render_cell(table, row, column, base, 8)
                table._cell_render_cache.clear()
                assert fast == DataTable._render_cell(table, row, column, base, 8)


def _cells(app) -> list[list[tuple[str, str]]]:
    """The screen as each cell's character and look (the style as the terminal shows it)."""
    from tui.widgets.diff_static import cells

    # Not the title row: the second start finds the first's lock (same folder) and says so there.
    return [cells(strip.simplify()) for strip in app.screen._compositor.render_strips()[1:]]


async def _network_screens(demo_locations, make_app, sizes) -> list[list[list[tuple[str, str]]]]:
    """The network tab's list as shown at each size in turn (one app, resized), then filtered."""
    app = make_app(demo_locations)
    shots = []
    async with app.run_test(size=sizes[0]) as pilot:
        await open_network(pilot)
        for size in sizes:
            await pilot.resize_terminal(*size)
            await keys_done(pilot)
            shots.append(_cells(app))
        burst(app, "f", "f", "f")  # filters that leave few actors: no bar is sure
        await keys_done(pilot)
        shots.append(_cells(app))
    return shots


async def test_scroll_bars_shown_from_the_start_are_those_textual_shows(demo_locations, make_app, monkeypatch):
    """`scroll_bars_within` shows only bars Textual would show itself: the screens are the same
    without it, at 80x24, wide, very wide (the actors fit: no bar), back, and filtered."""
    from tui.widgets.table import FixedTable

    sizes = [(80, 24), (130, 40), (240, 60), (80, 24)]
    ours = await _network_screens(demo_locations, make_app, sizes)
    monkeypatch.setattr(FixedTable, "scroll_bars_within", lambda self, room: None)
    theirs = await _network_screens(demo_locations, make_app, sizes)
    assert theirs == ours


async def test_the_network_tab_is_laid_out_once(demo_locations, make_app):
    """The bars `scroll_bars_within` shows have their widgets shown before the first layout:
    Textual made each hidden in that layout and showed it after, a second layout for nothing."""
    from tests.ui.helpers import screen_layouts

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        burst(app, "enter")
        await keys_done(pilot)
        with screen_layouts() as layouts:
            burst(app, "right", "right")
            await keys_done(pilot)
        actors = app.screen.query_one("#net-actors")
        assert actors.show_vertical_scrollbar and actors.show_horizontal_scrollbar
        assert layouts.count(app.screen) == 1


async def test_a_repaint_draws_every_line_with_the_style_worked_out_per_line(demo_locations, make_app, monkeypatch):
    """QuietTable works the table's style out once a repaint (DataTable did per line): home's list
    and the network's tables, focused and not, draw the very lines DataTable's way draws."""
    from textual.geometry import Region
    from textual.widgets import DataTable

    from tui.widgets.table import QuietTable

    def lines(table) -> list[list[tuple[str, object]]]:
        table.notify_style_update()  # no line kept from an earlier repaint
        return [[(segment.text, segment.style) for segment in strip] for strip in table.render_lines(Region(0, 0, *table.size))]

    def both(table) -> None:
        kept = lines(table)
        with monkeypatch.context() as patched:
            patched.setattr(QuietTable, "render_lines", DataTable.render_lines)
            assert lines(table) == kept
        assert len(kept) == table.size.height > 3

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        home = app.screen.query_one("#documents", QuietTable)
        for keys in [(), ("/",), ("enter",)]:
            burst(app, *keys)
            await keys_done(pilot)
            both(home)
        await open_network(pilot)
        shown = [table for table in app.screen.query(QuietTable).results() if table.size.height > 3]
        assert shown
        for table in shown:
            both(table)


async def test_the_network_tab_is_drawn_in_one_frame_and_its_bars_as_they_move(demo_locations, make_app):
    """A table's bars, drawn whole by the frame of the layout that first places them, do not ask
    for a second frame of the same cells (there were two on building the network tab). A bar
    that moves later (the list scrolled) is still drawn as it is."""
    from textual._compositor import Compositor

    frames: list[object] = []
    render_update = Compositor.render_update

    def counted(self, *args, **kwargs):
        update = render_update(self, *args, **kwargs)
        frames.append(update)
        return update

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        burst(app, "enter")
        await keys_done(pilot)
        Compositor.render_update = counted  # type: ignore[method-assign]
        try:
            burst(app, "right", "right")
            await keys_done(pilot)
            assert len([update for update in frames if update is not None]) == 1
            actors = app.screen.query_one("#net-actors")
            bar = actors.vertical_scrollbar
            drawn: list[list] = []
            render_lines = bar.render_lines

            def kept(crop):
                lines = render_lines(crop)
                drawn.append([(segment.text, segment.style) for strip in lines for segment in strip])
                return lines

            bar.render_lines = kept
            moved: list[bool] = []
            for keys in (("tab",), ("ctrl+end",), ("ctrl+home",), ("pagedown",)):
                before = actors.scroll_y
                drawn.clear()
                burst(app, *keys)
                await keys_done(pilot)
                moved.append(actors.scroll_y != before)
                if actors.scroll_y != before:  # the thumb moved: drawn where it is now
                    assert drawn, keys
                    bar._styles_cache.clear()
                    assert drawn[-1] == [(segment.text, segment.style) for strip in render_lines(bar.size.region) for segment in strip], keys
                assert not bar._repaint_required
            assert moved.count(True) >= 2
        finally:
            Compositor.render_update = render_update  # type: ignore[method-assign]
