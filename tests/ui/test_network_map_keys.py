"""n/p on the network map: the map finds what to repaint from its canvas (tui/case/network/map.py
`NetworkMap.repaint_changes`), and that is exactly what a DiffStatic finds by comparing the drawn
strips cell by cell; the hidden list follows the selection when it is shown again."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import DataTable

from tests.ui.helpers import burst, keys_done, settle
from tui.case.network.map import NetworkMap, selection_canvas
from tui.case.network.pane import NetworkPane
from tui.widgets.diff_static import changed_regions


async def _on_the_map(pilot) -> NetworkPane:
    await settle(pilot)
    await pilot.press("enter")  # the demo case, first in the list
    await settle(pilot)
    burst(pilot.app, "right", "right", "tab", "m")
    await keys_done(pilot)
    return pilot.app.screen.query_one(NetworkPane)


async def test_the_maps_repaint_is_the_cells_that_changed_on_the_screen(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _on_the_map(pilot)
        the_map = pane.query_one(NetworkMap)
        base = pane._map_base
        assert base is not None and the_map._strips is not None
        asked: list[tuple[Region, ...]] = []
        refresh = the_map.refresh

        def recorded(*regions, **kwargs):
            asked.append(regions)
            return refresh(*regions, **kwargs)

        the_map.refresh = recorded  # type: ignore[method-assign]
        rows = pane._rows
        for selected in [*rows[1:12], rows[0], None, rows[3], rows[3]]:
            before = list(the_map._strips)
            asked.clear()
            the_map.show(selection_canvas(base, selected), base.markers, the_map._size)
            after = the_map._strips
            assert after is not None
            expected = changed_regions(before, after, the_map.size.width)
            assert sorted(region for regions in asked for region in regions) == sorted(expected)
            # And the strips are the ones the whole canvas draws afresh.
            the_map._drawn = None
            assert the_map._draw() == after


async def test_n_on_the_map_leaves_the_hidden_list_until_it_is_shown(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _on_the_map(pilot)
        table = pane.query_one("#net-actors", DataTable)
        start = table.cursor_row
        burst(app, "n", "n", "n", "p")
        await keys_done(pilot)
        assert pane.selected == pane._rows[(start + 2) % len(pane._rows)]
        burst(app, "m")  # back to the list: its cursor and the ties shown are the map's selection
        await keys_done(pilot)
        assert table.cursor_row == start + 2
        assert str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value) == pane.selected
        ties = pane.query_one("#net-ties", DataTable)
        assert {str(row.key.value) for row in ties.ordered_rows} == {tie.id for tie in pane.case.ties_of(pane.selected)}
        burst(app, "m", "p", "i", "i")  # map, p, analysis, back to the list
        await keys_done(pilot)
        assert table.cursor_row == start + 1 and pane.selected == pane._rows[start + 1]


async def test_rows_added_at_once_are_the_rows_add_row_gives():
    """`FixedTable.add_keyed_rows` leaves the table as `add_row` one by one does: the same rows,
    cells, cursor, size and highlighted row; a duplicate key is refused. A row's cells are made
    when first read: drawing makes only the rows on the screen."""
    import pytest
    from rich.text import Text
    from textual.app import App
    from textual.widgets._data_table import DuplicateKey

    from tui.widgets.table import FixedTable

    highlighted: list[tuple[str | None, str]] = []

    class Two(App):
        def compose(self):
            yield FixedTable(id="one", cursor_type="row")
            yield FixedTable(id="many", cursor_type="row")

        def on_data_table_row_highlighted(self, event) -> None:
            highlighted.append((event.data_table.id, str(event.row_key.value)))

    rows = [(f"k{n}", (Text(f"[bold]{n}\x1b[31m"), Text("x" * (n % 7)))) for n in range(40)]
    app = Two()
    async with app.run_test(size=(80, 60)) as pilot:
        one, many = app.query_one("#one", FixedTable), app.query_one("#many", FixedTable)
        for table in (one, many):
            table.add_column("a", key="a", width=6)
            table.add_column("b", key="b", width=8)
        for key, cells in rows:
            one.add_row(*cells, key=key)
        made: list[str] = []

        def cells_of(key: str) -> tuple[Text, ...]:
            made.append(key)
            return dict(rows)[key]

        many.add_keyed_rows([key for key, _ in rows], cells_of)
        assert not made
        await pilot.pause()
        await pilot.pause()
        # The second table is cut by the screen's bottom: the rows above it, and no more.
        assert 0 < len(made) < len(rows) and set(made) == {f"k{n}" for n in range(len(made))}
        for table in (one, many):
            table.move_cursor(row=17)
        await pilot.pause()
        assert [row.key for row in one.ordered_rows] == [row.key for row in many.ordered_rows]
        assert [one.get_row(key) for key, _ in rows] == [many.get_row(key) for key, _ in rows]
        assert (one.cursor_coordinate, one.virtual_size, one.row_count) == (many.cursor_coordinate, many.virtual_size, many.row_count)
        assert sorted(highlighted) == sorted([("one", "k0"), ("many", "k0"), ("one", "k17"), ("many", "k17")])
        # The same text drawn (the styles differ only by focus: the first table has it).
        assert [one.render_line(y).text for y in range(12)] == [many.render_line(y).text for y in range(12)]
        with pytest.raises(DuplicateKey):
            many.add_keyed_rows(["k3"], lambda key: (Text("again"),))
        assert sorted(made) == sorted(key for key, _ in rows)  # each made once


async def test_n_and_p_are_letters_in_the_jump_field(demo_locations, make_app):
    """n/p are taken before the focused widget sees them (priority), except in the jump field."""
    from textual.widgets import Input

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _on_the_map(pilot)
        burst(app, "m", "/", "psykn")
        await keys_done(pilot)
        field = pane.query_one("#net-jump", Input)
        assert app.focused is field and field.value == "psykn"
        assert pane.query_one("#net-views").current == "net-list"
