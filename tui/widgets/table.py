"""Textual's DataTable, doing less: a QuietTable repaints nothing for a key that moves nothing; a
FixedTable measures no cell.

Textual's DataTable hides the mouse's hover cursor on every cursor key and repaints that row
even when it was hidden already: ↑ on the first row sent the row again (150 bytes over SSH).

It also measures every cell of every new row (a Rich measure each, ~30 µs) to keep each column's
content width, which only a column of automatic width uses: 500 actors of ten cells cost ~0.1 s
of that per fill at the models' caps, 1000 documents at home ~60 ms, for widths never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets._data_table import DuplicateKey, Row, RowKey


class QuietTable(DataTable):
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

    def add_keyed_rows(self, rows: Iterable[tuple[str, Sequence[Text]]]) -> None:
        """Add rows (key, cells) at the bottom, as `add_row` would one by one (one row high, no
        label), with its once-per-row work done once: the columns put in order, the cursor kept
        in range, a first row highlighted (at the caps, 500 `add_row`s cost ~0.1 s)."""
        columns = self.ordered_columns
        locations, data, table_rows, new_rows = self._row_locations, self._data, self.rows, self._new_rows
        was_empty = not table_rows
        added = 0
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            locations[row_key] = len(table_rows)
            data[row_key] = {column.key: cell for column, cell in zip_longest(columns, cells)}
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
