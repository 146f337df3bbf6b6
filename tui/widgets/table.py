"""Textual's DataTable, doing less: a QuietTable repaints nothing for a key that moves nothing; a
FixedTable measures no cell.

Textual's DataTable hides the mouse's hover cursor on every cursor key and repaints that row
even when it was hidden already: ↑ on the first row sent the row again (150 bytes over SSH).

It also measures every cell of every new row (a Rich measure each, ~30 µs) to keep each column's
content width, which only a column of automatic width uses: 500 actors of ten cells cost ~0.1 s
of that per fill at the models' caps, 1000 documents at home ~60 ms, for widths never read.

And it draws each cell through four layers of Rich renderables (styled, padded, wrapped, cropped,
~55 µs a cell): a FixedTable draws a one-line Text cell straight to the same segments (~16 µs;
tests/ui/test_table_cells.py compares every cell of the network's tables), which was the largest
part of drawing the network tab's first frame (130 cells). Each row it styled anew from the
table's ancestors (the header's style, the row's and the background, ~0.15 ms a row, unused
without row labels or fixed columns): a FixedTable takes them once a repaint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import zip_longest
from typing import TYPE_CHECKING, NamedTuple, cast

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable
from textual.coordinate import Coordinate
from textual.widgets._data_table import CellCacheKey, ColumnKey, DuplicateKey, Row, RowKey, SegmentLines

if TYPE_CHECKING:
    from rich.console import Console
    from textual.scrollbar import ScrollBar  # made with a table's first bar (as Textual does)

_NULL = Style.null()
_NEWLINE = Text("\n")


class CellSetup(NamedTuple):
    """What every cell of a FixedTable's repaint is drawn with (`FixedTable._cell_setup`)."""

    padding: int
    show_cursor: bool
    show_hover_cursor: bool
    css_foreground: bool  # the cursor's colours from CSS, not the cell's
    css_background: bool
    fixed_rows: int
    fixed_columns: int
    console: Console
    widths: list[int]  # the columns' render widths, in order
    room: int  # the table's width


class QuietTable(DataTable):
    #: The table's style while its lines are drawn (`render_lines`), else None.
    _repaint_style: Style | None = None
    #: What a FixedTable's cells are drawn with, read once a repaint (`FixedTable._cell_setup`).
    _repaint_cells: CellSetup | None = None

    def action_scroll_home(self) -> None:
        """Home goes to the first row, as in every list (DataTable's scrolls a row table sideways)."""
        if self.cursor_type == "row" and self.row_count:
            self.move_cursor(row=0)
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        """End goes to the last row."""
        if self.cursor_type == "row" and self.row_count:
            self.move_cursor(row=self.row_count - 1)
        else:
            super().action_scroll_end()

    def render_lines(self, crop: Region) -> list[Strip]:
        """DataTable.render_line works out the table's style from its ancestors for every line
        (`rich_style`, ~40 µs: 14 lines of home's list on each focus change, ~0.5 ms); it cannot
        change between the lines of one repaint, so it is worked out once here."""
        self._repaint_style = DataTable.rich_style.fget(self)  # type: ignore[attr-defined]
        try:
            return super().render_lines(crop)
        finally:
            self._repaint_style = None
            self._repaint_cells = None

    @property
    def rich_style(self) -> Style:
        kept = self._repaint_style
        return DataTable.rich_style.fget(self) if kept is None else kept  # type: ignore[attr-defined]

    def _set_hover_cursor(self, active: bool) -> None:
        if active == self._show_hover_cursor:
            return  # already so: nothing changes on the screen
        super()._set_hover_cursor(active)


class FixedTable(QuietTable):
    """A QuietTable whose columns all have a set width (`add_column(..., width=n)`)."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        new_rows = list(new_rows)
        rows = self.rows
        if self._labelled_row_exists or any(column.auto_width for column in self.columns.values()) or any(
            (row := rows.get(key)) is not None and (row.label is not None or row.auto_height) for key in new_rows
        ):
            super()._update_dimensions(new_rows)
            return
        # As Textual ends it: the size to scroll over, from the set widths and the row heights.
        width = sum(column.get_render_width(self) for column in self.columns.values()) + self._row_label_column_width
        header = self.header_height if self.show_header else 0
        size = Size(width, self._total_row_height + header)
        if self.styles.auto_dimensions or self._anchored:
            self.virtual_size = size
        elif size != self.virtual_size:
            # A table whose size CSS sets (home's list: 1fr) is not resized by its rows: they change
            # only what it scrolls over. Textual's reactive laid the whole screen out for that (each
            # search key that changes the rows at home, ~4 ms); the scroll bars are set here as that
            # layout would set them (`_scroll_update`, as ScrollView does for a new size), and a bar
            # shown or hidden still asks for a layout of its own.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def set_widths(self, widths: dict[str, int]) -> None:
        """Give columns other set widths (home's list, to the screen's width): drawn and scrolled
        over anew, at once (the layout that follows a resize then has the new size to scroll over)."""
        changed = False
        for key, width in widths.items():
            column = self.columns.get(ColumnKey(key))  # None before the columns are added
            if column is not None and column.width != width:
                column.width, changed = width, True
        if changed:
            self._update_count += 1  # the drawn cells are kept under keys without their width
            self._update_dimensions(())
            self.refresh()

    def scroll_bars_within(self, room: Size) -> None:
        """Show from the start each scroll bar the rows surely need in `room` (no smaller than
        the table will be): left to Textual, a bar is found by the first layout, which lays the
        screen out again (~5 ms of CPU on building the network tab). A bar the rows might not
        need stays Textual's to show (`auto`): a set style that changes nothing is no refresh."""
        width = sum(column.get_render_width(self) for column in self.columns.values()) + self._row_label_column_width
        height = self._total_row_height + (self.header_height if self.show_header else 0)
        styles = self.styles
        wanted = ("scroll" if width > room.width else "auto", "scroll" if height > room.height else "auto")
        if (styles.overflow_x, styles.overflow_y) != wanted:
            styles.overflow_x, styles.overflow_y = wanted
            # As Textual's Widget._on_mount does for `scroll`: the bar is there for the first layout.
            # And its widget made shown now: Textual makes it hidden in that layout and shows it
            # after, which asked for a second layout of the whole screen (~4 ms) that moved nothing.
            if wanted[0] == "scroll":
                self.show_horizontal_scrollbar = True
                self.horizontal_scrollbar.display = True
            if wanted[1] == "scroll":
                self.show_vertical_scrollbar = True
                self.vertical_scrollbar.display = True
            if "auto" in wanted:
                self._refresh_scrollbars()  # a bar no longer sure: Textual's to show or hide, at the size it has

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        made = self._vertical_scrollbar is None
        bar = Widget.vertical_scrollbar.fget(self)  # type: ignore[attr-defined]
        return _drawn_whole_is_drawn(bar) if made else bar

    @property
    def horizontal_scrollbar(self) -> ScrollBar:
        made = self._horizontal_scrollbar is None
        bar = Widget.horizontal_scrollbar.fget(self)  # type: ignore[attr-defined]
        return _drawn_whole_is_drawn(bar) if made else bar

    def add_keyed_rows(self, keys: Iterable[str], cells_of: Callable[[str], Sequence[Text]]) -> None:
        """Add rows at the bottom, as `add_row` would one by one (one row high, no label), with
        its once-per-row work done once: the columns put in order, the cursor kept in range, a
        first row highlighted (at the caps, 500 `add_row`s cost ~0.1 s). A row's cells are
        `cells_of(key)`, asked for when first read (drawn, `get_row`, sorted, ...): a screen
        shows ~20 rows, and a hidden table none (the network's actor list filled under the map,
        500 rows of ten cells at the caps, ~30 ms)."""
        columns = [column.key for column in self.ordered_columns]
        locations, data, table_rows, new_rows = self._row_locations, self._data, self.rows, self._new_rows
        was_empty = not table_rows
        added = 0
        for key in keys:
            row_key = RowKey(key)
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            locations[row_key] = len(table_rows)
            data[row_key] = _Cells(key, cells_of, columns)
            table_rows[row_key] = Row(row_key, 1, None, False)
            new_rows.add(row_key)
            added += 1
        if not added:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate  # kept in range, as add_row does
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # add_row does so when its row is the first
        self._update_count += added
        self.check_idle()

    def _component_style(self, name: str) -> Style:
        """`get_component_styles(name).rich_style`, kept as long as Textual keeps the component
        styles it draws with (`get_component_rich_style`: till the next repaint or restyle)."""
        key = ("fixed-table", name)  # no component class has that name: Textual's keys are those
        kept = self._rich_style_cache.get(key)
        if kept is None:
            style = self.get_component_styles(name).rich_style
            kept = self._rich_style_cache[key] = (style, style)  # the cache's (full, partial) form
        return kept[0]

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        """As DataTable's, each style taken once a repaint (`_component_style`)."""
        if row_index == -1:
            return self._component_style("datatable--header")
        if row_index < self.fixed_rows:
            return self._component_style("datatable--fixed")
        if self.zebra_stripes:
            return self._component_style("datatable--odd-row" if row_index % 2 else "datatable--even-row")
        return base_style

    def _render_line_in_row(self, row_key: RowKey, line_no: int, base_style: Style, cursor_location: Coordinate, hover_location: Coordinate) -> tuple[SegmentLines, SegmentLines]:
        """As DataTable's for a table without row labels and fixed columns (else DataTable's),
        and a cursor of rows: without the header's style and the background, which only those
        use, worked out for every row."""
        if (self._labelled_row_exists and self.show_row_labels) or self.fixed_columns or self.cursor_type != "row":
            return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
        cursor_type = self.cursor_type
        setup = self._cell_setup()
        cache_key = (row_key, line_no, base_style, cursor_location, hover_location, cursor_type, setup.show_cursor, setup.show_hover_cursor, self._update_count, self._pseudo_class_state)
        cache = self._row_render_cache
        if cache_key in cache:
            return cache[cache_key]
        located = self._row_locations.get(row_key)
        row_index = -1 if located is None else located
        row_style = self._get_row_style(row_index, base_style)
        render_cell = self._render_cell
        # A cursor of rows: a cell is under the cursor (or the mouse) when its row is
        # (DataTable's `_should_highlight`).
        cursor, hover = cursor_location.row == row_index, hover_location.row == row_index
        scrollable_row = [render_cell(row_index, column_index, row_style, width, cursor=cursor, hover=hover)[line_no] for column_index, width in enumerate(setup.widths)]
        hovered = hover_location.row == (row_index or 0)
        extend_style, _ = self._get_styles_to_render_cell(row_index == -1, False, False, hovered, cursor, setup.show_cursor, setup.show_hover_cursor, False, False)
        extend_style = row_style + extend_style + Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        scrollable_row.append([Segment(" " * max(0, setup.room - self._row_label_column_width - sum(setup.widths)), extend_style)])
        row_pair: tuple[SegmentLines, SegmentLines] = ([], scrollable_row)
        cache[cache_key] = row_pair
        return row_pair

    def _cell_setup(self) -> CellSetup:
        """What every cell of a repaint is drawn with: the table's reactives, the console, the
        columns' widths and the table's (each reactive read costs ~1-2 µs, and a cell read nine;
        130 cells on the network tab's first frame), read once while the lines are drawn
        (`render_lines`), else for this cell."""
        setup = self._repaint_cells
        if setup is None:
            setup = CellSetup(
                self.cell_padding,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
                self.fixed_rows,
                self.fixed_columns,
                self.app.console,
                [column.get_render_width(self) for column in self.ordered_columns],
                self.size.width,
            )
            if self._repaint_style is not None:  # in `render_lines`: kept till it ends
                self._repaint_cells = setup
        return setup

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False, hover: bool = False) -> SegmentLines:
        """As DataTable's, for a one-line Text cell without Rich's layers: the text cut to the
        column (as Text.wrap does without wrapping), padded, under the cell's styles (as
        textual's Styled does). Any other cell is drawn by DataTable."""
        setup = self._cell_setup()
        pad = setup.padding
        inner = width - 2 * pad
        is_header_cell = row_index == -1
        if column_index == -1 or inner <= 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._header_row_key if is_header_cell else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        # DataTable's own cache, under the key it uses (a cell drawn either way is found).
        key = cast(CellCacheKey, (row_key, column_key, base_style, cursor, hover, setup.show_hover_cursor, self._update_count, self._pseudo_class_state))
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        row = None if is_header_cell else self.rows.get(row_key)  # type: ignore[arg-type]
        height = self.header_height if is_header_cell else (row.height if row is not None and not row.auto_height else 0)
        cell = self._get_row_renderables(row_index).cells[column_index]
        # The console's options (`App.console_options`) are made anew for each cell by
        # DataTable, always without a justify or overflow of their own: the cell's or Rich's.
        if (
            height != 1
            or not isinstance(cell, Text)
            or cell.no_wrap is False
            or (cell.justify or "default") != "default"
            or (overflow := cell.overflow or "fold") not in ("fold", "crop", "ellipsis")
            or "\n" in cell.plain
            or "\t" in cell.plain
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        is_fixed_style_cell = not is_header_cell and (row_index < setup.fixed_rows or column_index < setup.fixed_columns)
        component_style, post_style = self._get_styles_to_render_cell(
            is_header_cell, False, is_fixed_style_cell, hover, cursor, setup.show_cursor, setup.show_hover_cursor, setup.css_foreground, setup.css_background,
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        text = cell.copy()
        text.truncate(inner, overflow=overflow)
        line = [Segment(" " * pad, _NULL)] if pad else []
        line += _NEWLINE.join([text]).render(setup.console, end="")
        short = inner - text.cell_len
        if short > 0:
            line.append(Segment(" " * short, _NULL))
        if pad:
            line.append(Segment(" " * pad, _NULL))
        lines = cache[key] = [list(Segment.apply_style(line, pre_style, post_style))]
        return lines


def _drawn_whole_is_drawn(bar: ScrollBar) -> ScrollBar:
    """A table's scroll bar that, drawn whole, no longer asks to be repainted. The layout that
    first places a bar sets its sizes (a repaint each), and its frame draws the bar whole, as
    it draws every widget new on the screen; the bar asked for its repaint only after that
    frame, which then came again for the same cells (building the network tab: a second frame
    of 18 lines for its tables' four bars). A repaint asked for after the bar was drawn stands."""
    render_lines = bar.render_lines

    def drawn(crop: Region) -> list[Strip]:
        asked = bar._repaint_required
        lines = render_lines(crop)
        if asked and crop == bar.outer_size.region:
            bar._repaint_required = False
        return lines

    bar.render_lines = drawn  # type: ignore[method-assign]
    return bar


class _Cells(dict):
    """A FixedTable row's cells by column key (DataTable's `_data[row_key]`), made by
    `cells_of(key)` when the row is first read: any read or change of the mapping makes them."""

    __slots__ = ("_key", "_cells_of", "_columns")

    def __init__(self, key: str, cells_of: Callable[[str], Sequence[Text]] | None, columns: list) -> None:
        super().__init__()
        self._key, self._cells_of, self._columns = key, cells_of, columns

    def _made(self) -> _Cells:
        cells_of = self._cells_of
        if cells_of is not None:
            self._cells_of = None
            cells = cells_of(self._key)
            if len(cells) > len(self._columns):
                raise ValueError("More values provided than there are columns.")
            dict.update(self, zip_longest(self._columns, cells))  # short rows: None, as add_row pads them
        return self

    def __missing__(self, key):
        if self._cells_of is None:
            raise KeyError(key)
        return dict.__getitem__(self._made(), key)

    def get(self, key, default=None):
        return dict.get(self._made(), key, default)

    def __iter__(self) -> Iterator:
        return dict.__iter__(self._made())

    def __len__(self) -> int:
        return dict.__len__(self._made())

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self._made(), key)

    def __eq__(self, other: object) -> bool:
        return dict.__eq__(self._made(), other)

    __hash__ = None

    def __repr__(self) -> str:
        return dict.__repr__(self._made())

    def keys(self):
        return dict.keys(self._made())

    def values(self):
        return dict.values(self._made())

    def items(self):
        return dict.items(self._made())

    def copy(self) -> dict:
        return dict(dict.items(self._made()))

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self._made(), key, value)

    def __delitem__(self, key) -> None:
        dict.__delitem__(self._made(), key)

    def pop(self, key, *default):
        return dict.pop(self._made(), key, *default)

    def setdefault(self, key, default=None):
        return dict.setdefault(self._made(), key, default)

    def update(self, *args, **kwargs) -> None:
        dict.update(self._made(), *args, **kwargs)
