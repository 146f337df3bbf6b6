"""Repaint only the cells an update changed: over SSH every repainted cell is bytes on the wire.

Textual repaints a whole widget when its content changes, even if one number in it moved. Here
the widget keeps the lines it drew; an update draws the new ones, compares them cell by cell with
the old, and marks only the runs of changed cells dirty. What is drawn is exactly what a Static
draws (the same Visual, size and style): only how much of it is sent differs.
"""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import ne
from typing import Any

from rich.cells import get_character_cell_size
from rich.text import Span, Text
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widgets import Static

#: Two changed runs on a row closer than this many cells are repainted as one: each run costs a
#: cursor move and its style codes (20-40 bytes), and an unchanged cell in a run about one byte;
#: fewer runs are also fewer regions for Textual to compose (measured: 16 sent the fewest bytes
#: on the gauge and the map, and its frames took less CPU than with 6).
JOIN = 16

Cell = tuple[str, Any]


def cells(strip: Strip) -> list[Cell]:
    """A row as one (character, look) per cell; the second cell of a wide character is ("", look).

    The look is the style as the terminal shows it: Textual puts each segment's offset in its
    style's meta (for the mouse), so two equal cells from differently split segments differ there.
    """
    out: list[Cell] = []
    extend = out.extend
    for segment in strip:
        text, style = segment.text, ("" if segment.style is None else str(segment.style))
        if text.isascii():
            extend(zip(text, repeat(style)))
            continue
        for char in text:
            out.append((char, style))
            if get_character_cell_size(char) == 2:
                out.append(("", style))
    return out


def _row_runs(old: Strip, new: Strip) -> list[tuple[int, int]]:
    """The runs [start, end) of cells that differ between two rows (close runs joined)."""
    before, after = cells(old), cells(new)
    # The cells that differ, found in C (a Python loop over 80 cells cost ~0.1 ms a row).
    differ = list(compress(count(), map(ne, before, after)))
    differ.extend(range(min(len(before), len(after)), max(len(before), len(after))))
    runs: list[list[int]] = []
    for x in differ:
        if runs and x - runs[-1][1] <= JOIN:
            runs[-1][1] = x + 1
        else:
            runs.append([x, x + 1])
    out = []
    for start, end in runs:
        # Never start or end inside a wide character: repaint all of it.
        if start > 0 and ((start < len(before) and before[start][0] == "") or (start < len(after) and after[start][0] == "")):
            start -= 1
        if (end < len(before) and before[end][0] == "") or (end < len(after) and after[end][0] == ""):
            end += 1
        out.append((start, end))
    return out


def changed_regions(old: list[Strip], new: list[Strip], width: int) -> list[Region]:
    """The regions (one row high) where `new` differs from `old`, in the widget's content."""
    regions = []
    for y in range(max(len(old), len(new))):
        if y >= len(old) or y >= len(new):
            regions.append(Region(0, y, width, 1))
        elif old[y] is not new[y] and old[y] != new[y]:
            regions += [Region(start, y, end - start, 1) for start, end in _row_runs(old[y], new[y])]
    return regions


class DiffStatic(Static):
    """A Static whose `update(..., layout=False)` repaints only the cells that changed.

    With `layout=True` (the size may change), or before it was first drawn, it repaints all of
    itself as a Static does. Any other full refresh (a new style, focus, theme) draws it afresh.
    """

    _strips: list[Strip] | None = None
    _strips_key: object = None
    _diffing = False
    #: How many lines the content takes at this width, as last drawn by an update (None: not
    #: drawn by it, as when it was not drawn before): lets a caller grow the widget to fit.
    content_lines: int | None = None
    #: With `update_lines`: one Text per row, each drawn on its own and kept by (row, text).
    _lines: list[Text] | None = None
    _line_strips: dict[tuple[int, str, tuple[Span, ...]], Strip] | None = None
    _line_key: object = None
    #: How many updates repainted nothing: a test can see a key that changed nothing cost nothing.
    unchanged_updates = 0

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        self._lines = None
        self.content_lines = None
        self._diffing = not layout
        try:
            super().update(content, layout=layout)
        finally:
            self._diffing = False

    def update_lines(self, lines: list[Text]) -> None:
        """Show one Text per row (not wrapped), repainting only the cells that changed. Each row
        is drawn on its own and kept: a row that looked so before is not drawn again. For a
        widget whose size the CSS fixes (the content is not measured for an auto size). The same
        list again (kept by the caller, never changed once given) draws nothing."""
        if lines is self._lines and self._strips is not None and self.is_mounted and self._strips_key == self._key():
            self.unchanged_updates += 1
            return
        self._lines = lines
        self.repaint_changes()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> DiffStatic:
        if self._diffing and not regions and repaint and not layout and not recompose:
            self.repaint_changes()
            return self
        if repaint and not regions:
            self._strips = None
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    def repaint_changes(self) -> None:
        """Draw again at the same size and repaint only the cells that changed (all of it if it
        was not drawn yet, or its size or style changed since)."""
        if self._strips is None or not self.is_mounted or self._strips_key != self._key():
            self._strips = None
            super().refresh()
            return
        new = self._draw()
        changed = changed_regions(self._strips, new, self.size.width)
        self._strips = new
        if changed:
            super().refresh(*changed)
        else:
            self.unchanged_updates += 1

    def _key(self) -> object:
        return (self.size, self.visual_style, self.text_selection)

    def _draw(self) -> list[Strip]:
        width, height = self.size
        if self._lines is not None:
            return self._draw_lines(width, height)
        strips = Visual.to_strips(self, self.visual, width, None, self.visual_style)
        self.content_lines = len(strips)
        return strips[:height]

    def _draw_lines(self, width: int, height: int) -> list[Strip]:
        assert self._lines is not None
        key = (width, self.visual_style)
        if self._line_strips is None or self._line_key != key or len(self._line_strips) > 512:
            self._line_strips, self._line_key = {}, key
        kept, strips = self._line_strips, []
        for y, line in enumerate(self._lines[:height]):
            cache_key = (y, line.plain, tuple(line.spans))
            strip = kept.get(cache_key)
            if strip is None:
                drawn = Visual.to_strips(self, visualize(self, line, markup=False), width, 1, self.visual_style)
                # The offsets (in each cell's meta, for the mouse) as if drawn with the other rows.
                strip = kept[cache_key] = drawn[0].apply_offsets(0, y) if drawn else Strip.blank(width, self.visual_style.rich_style)
            strips.append(strip)
        return strips

    def render_line(self, y: int) -> Strip:
        key = self._key()
        if self._strips is None or self._strips_key != key:
            self._strips, self._strips_key = self._draw(), key
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)
