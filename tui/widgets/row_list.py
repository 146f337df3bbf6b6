"""A list of rows that draws only the rows on the screen: for lists that may hold thousands.

A DataTable builds every row when it is filled (20000 readings at the caps: ~3 s, and again
after every change). `RowList` is given a row count and a function for one row; it asks for
the rows it shows and for a sample to size its columns, so filling it costs nothing and a key
costs the rows redrawn. One header line stays at the top; the cursor row is always in view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.commands import bindings

Cell = str | Text
RowFunction = Callable[[int], Sequence[Cell]]

#: Rows read to size the columns: the first ones and those around the cursor.
SAMPLE_ROWS = 200
#: No column wider than this; longer cells end with "…".
MAX_COLUMN = 32
MIN_COLUMN = 6
GAP = 1
#: Rows whose cells are kept while the same rows are shown (a few pages; 256 drawn lines are kept).
ROWS_KEPT = 512


def _kept_rows(row: RowFunction) -> RowFunction:
    """`row`, each row's cells made once while they are shown: the same cells again let a row
    drawn before reuse its line (`_kept_line`), so ↓ and ↑ redraw no row they drew before."""
    rows: dict[int, Sequence[Cell]] = {}

    def kept(index: int) -> Sequence[Cell]:
        cells = rows.get(index)
        if cells is None:
            if len(rows) >= ROWS_KEPT:
                rows.clear()
            cells = rows[index] = row(index)
        return cells

    return kept


class RowList(ScrollView, can_focus=True):
    """Rows of cells under one header line, with a row cursor (up/down/pgup/pgdn/home/end,
    enter selects)."""

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface;
        & > .row-list--header { text-style: bold; background: $panel; }
        &:ansi > .row-list--header { text-style: bold underline; background: ansi_default; }
        & > .row-list--cursor { background: $block-cursor-blurred-background; text-style: underline; }
        &:focus > .row-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold underline;
        }
    }
    """
    COMPONENT_CLASSES = {"row-list--header", "row-list--cursor"}
    BINDINGS = bindings("list.up", "list.down", "list.page_up", "list.page_down", "list.first", "list.last", "list.choose")

    cursor = reactive(0, always_update=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list, self.index = row_list, index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Selected(Highlighted):
        pass

    def __init__(self, headers: Sequence[str], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.headers = list(headers)
        self.count = 0
        self._row: RowFunction = lambda index: ()
        self._wanted = self._widths = [cell_len(header) for header in self.headers]

    # ---- filling -------------------------------------------------------------------------

    def show(self, count: int, row: RowFunction, *, cursor: int = 0, widths: Sequence[int] | None = None) -> None:
        """Show `count` rows, row i being `row(i)`; the cursor on row `cursor`. With `widths`, the
        columns have those widths (no rows are read to size them). The rows are read once each
        until the next `show`: call it again when what they show changes."""
        self.count, self._row = count, _kept_rows(row)
        cursor = max(0, min(count - 1, cursor)) if count else 0
        self._wanted = list(widths) if widths is not None else self._measure(cursor)
        self.set_reactive(RowList.cursor, cursor)
        self._fit()
        self._scroll_to_cursor()
        self.refresh()

    def _fit(self) -> None:
        """Too wide for the screen: the widest columns give up width, one cell at a time, down
        to MIN_COLUMN, before the list scrolls sideways."""
        widths = list(self._wanted)
        room = self.size.width - GAP * len(widths) - 2  # the vertical scrollbar
        excess = sum(widths) - room if self.size.width else 0
        while excess > 0:
            widest = max(range(len(widths)), key=widths.__getitem__)
            if widths[widest] <= MIN_COLUMN:
                break
            widths[widest] -= 1
            excess -= 1
        self._widths = widths
        self._drawn = None
        self.virtual_size = Size(sum(widths) + GAP * len(widths), self.count + 1)

    def on_resize(self) -> None:
        self._fit()
        self._scroll_to_cursor()

    def _measure(self, cursor: int) -> list[int]:
        widths = [cell_len(header) for header in self.headers]
        sample = set(range(min(self.count, SAMPLE_ROWS)))
        sample.update(range(max(0, cursor - 50), min(self.count, cursor + 50)))
        for index in sample:
            for column, cell in enumerate(self._row(index)):
                if column < len(widths):
                    widths[column] = max(widths[column], min(MAX_COLUMN, cell_len(cell if isinstance(cell, str) else cell.plain)))
        return widths

    # ---- drawing -------------------------------------------------------------------------

    _looks: tuple[Style, Style, Style] | None = None
    #: Rows drawn, by the cells kept for them (`_kept_rows`) and whether the cursor is on them:
    #: (cells, style, line). ↓ and ↑ redraw two rows, each drawn before (~0.15 ms a row).
    #: Forgotten with the look and the widths.
    _drawn: dict[tuple[int, int], tuple[Sequence[Cell], Style, Strip]] | None = None

    def _look(self) -> tuple[Style, Style, Style]:
        """The row, header and cursor styles, kept until the look changes: each is worked out by
        walking up to the screen (~0.1 ms a row, and a page is 20 rows). A new style (focus,
        theme) is a style update, and an ancestor's new background refreshes this list whole."""
        if self._looks is None:
            self._drawn = None
            self._looks = (self.rich_style, self.get_component_rich_style("row-list--header"), self.get_component_rich_style("row-list--cursor"))
        return self._looks

    def notify_style_update(self) -> None:
        self._looks = None
        super().notify_style_update()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> RowList:
        if repaint and not regions:
            self._looks = None
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base, header, cursor = self._look()
        cells: Sequence[Cell]
        if y == 0:
            cells, style = self.headers, header
        else:
            index = self.scroll_offset.y + y - 1
            if index >= self.count:
                return Strip.blank(width, base)
            cells = self._row(index)
            style = cursor if index == self.cursor else base
        x = self.scroll_offset.x
        return self._kept_line(cells, style).crop(x, x + width).extend_cell_length(width, style)

    def _kept_line(self, cells: Sequence[Cell], style: Style) -> Strip:
        drawn = self._drawn if self._drawn is not None else {}
        key = (id(cells), id(style))
        kept = drawn.get(key)
        if kept is not None and kept[0] is cells and kept[1] is style:
            return kept[2]
        if len(drawn) > 256:
            drawn = {}
        line = self._line(cells, style)
        drawn[key] = (cells, style, line)
        self._drawn = drawn
        return line

    def _line(self, cells: Sequence[Cell], style: Style) -> Strip:
        text = Text(no_wrap=True, end="")
        for column, width in enumerate(self._widths):
            cell = cells[column] if column < len(cells) else ""
            piece = cell.copy() if isinstance(cell, Text) else Text(cell)
            piece.truncate(width, overflow="ellipsis", pad=True)
            text.append_text(piece)
            text.append(" " * GAP)
        return Strip(Segment.apply_style(text.render(self.app.console), style))  # the row's style under each cell's

    # ---- the cursor ----------------------------------------------------------------------

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self.page_rows:
            self.scroll_to(y=self.cursor - self.page_rows + 1, animate=False, immediate=True)

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        self._scroll_to_cursor()
        if self.scroll_offset.y == top:  # only the two rows change: two lines of bytes, not a page
            for index in (old, new):
                self.refresh(Region(0, index - top + 1, self.size.width, 1))
        else:
            self.refresh()
        self.post_message(self.Highlighted(self, new))

    def action_move(self, delta: int) -> None:
        if self.count:
            self.cursor = max(0, min(self.count - 1, self.cursor + delta))

    def action_first(self) -> None:
        self.action_move(-self.count)

    def action_last(self) -> None:
        self.action_move(self.count)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self.page_rows)

    def action_select(self) -> None:
        if self.count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1 and self.count:
            index = self.scroll_offset.y + event.y - 1
            if index < self.count:
                self.cursor = index
                if event.chain > 1:
                    self.action_select()
