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
from textual._styles_cache import StylesCache
from textual.content import Content
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


def joined_runs(columns: list[int]) -> list[list[int]]:
    """The runs [start, end) of these sorted columns, a run closer than JOIN to the last joined to it."""
    runs: list[list[int]] = []
    for x in columns:
        if runs and x - runs[-1][1] <= JOIN:
            runs[-1][1] = x + 1
        else:
            runs.append([x, x + 1])
    return runs


def _source_start(strip: Strip) -> tuple[int, int] | None:
    """Where in the text a row was drawn from, as Textual records it for the mouse (the offset,
    x and line, in its first segment's meta that has one), or None."""
    for segment in strip:
        if segment.style is not None and segment.style._meta is not None:
            offset = segment.style.meta.get("offset")
            if offset is not None:
                return offset
    return None


def _row_runs(old: Strip, new: Strip) -> list[tuple[int, int]]:
    """The runs [start, end) of cells that differ between two rows (close runs joined). A row that
    looks the same but comes from another place in the text (a blank line under a text that now
    wraps once more; the same wide character wrapped from another column) is repainted whole:
    mouse selection reads the place from the row shown."""
    before, after = cells(old), cells(new)
    # The cells that differ, found in C (a Python loop over 80 cells cost ~0.1 ms a row).
    differ = list(compress(count(), map(ne, before, after)))
    differ.extend(range(min(len(before), len(after)), max(len(before), len(after))))
    if not differ and _source_start(old) != _source_start(new):
        return [(0, max(len(before), 1))]
    out = []
    for start, end in joined_runs(differ):
        # Never start or end inside a wide character: repaint all of it.
        if start > 0 and ((start < len(before) and before[start][0] == "") or (start < len(after) and after[start][0] == "")):
            start -= 1
        if (end < len(before) and before[end][0] == "") or (end < len(after) and after[end][0] == ""):
            end += 1
        out.append((start, end))
    return out


#: Changed runs by the pair of rows compared: (old, new, runs), the rows kept so their ids stay theirs.
RunsMemo = dict[tuple[int, int], tuple[Strip, Strip, list[tuple[int, int]]]]


def changed_regions(old: list[Strip], new: list[Strip], width: int, memo: RunsMemo | None = None) -> list[Region]:
    """The regions (one row high) where `new` differs from `old`, in the widget's content.

    With `memo`, the runs between two rows are found once: rows drawn once and kept (a text
    shown before, a meter's line) are the same objects when they come back, so stepping back
    and forth compares each pair of rows once."""
    regions = []
    for y in range(max(len(old), len(new))):
        if y >= len(old) or y >= len(new):
            regions.append(Region(0, y, width, 1))
            continue
        before, after = old[y], new[y]
        if before is after:
            continue
        if memo is None:
            runs = _row_runs(before, after) if before != after else []
        else:
            kept = memo.get((id(before), id(after)))
            if kept is None:
                if len(memo) > 2048:
                    memo.clear()
                kept = memo[(id(before), id(after))] = (before, after, _row_runs(before, after) if before != after else [])
            runs = kept[2]
        regions += [Region(start, y, end - start, 1) for start, end in runs]
    return regions


class CountedLines(StylesCache):
    """Textual's cache of a widget's styled lines, counting each change to it (a line marked
    dirty, the whole cleared): `KeptRender` knows from the count that nothing changed."""

    changes = 0

    def set_dirty(self, *regions: Region) -> None:
        self.changes += 1
        super().set_dirty(*regions)

    def clear(self) -> None:
        self.changes += 1
        super().clear()


class KeptRender:
    """For a widget that mostly stays as it is (a container's background, a line of text): when
    a frame crosses it and nothing of it changed since its last frame, the lines it gave then are
    given again. Textual renders every widget under a frame's dirty area (16 on the gauge for one
    key) and each costs an upward walk for its background and its place on the screen
    (~0.1 ms). Anything that changes its lines marks its styles cache (counted), a new style or
    theme is a style update, and the rest is in the key: the area asked for, the size, the
    terminal's filters and the hovered link."""

    _kept_render: tuple[object, list[Strip]] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget: Any = self  # a Widget (the mixin comes first in its bases)
        widget._styles_cache = self._new_styles_cache()

    def _new_styles_cache(self) -> CountedLines:
        return CountedLines()

    def notify_style_update(self) -> None:
        self._kept_render = None
        super().notify_style_update()  # type: ignore[misc]

    def render_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self
        cache = widget._styles_cache
        key = (crop, cache.changes, widget.outer_size, widget.hover_style, *map(id, widget.get_line_filters()))
        kept = self._kept_render
        if kept is not None and kept[0] == key and not cache._dirty_lines:
            return kept[1]
        strips = super().render_lines(crop)  # type: ignore[misc]
        self._kept_render = ((crop, cache.changes, *key[2:]), strips)
        return strips


class KeptStatic(KeptRender, Static):
    """A Static whose lines are given again while nothing of it changed (`KeptRender`)."""


class KeptLines(CountedLines):
    """Textual's cache of a widget's styled lines (padding, background, tint), which also keeps a
    styled line by the content row it was made from: a row drawn before (a kept drawing or line)
    coming back to the same place is not styled again. Textual clears this cache whenever the
    widget's look changes (a full refresh, a new width), and then the kept lines go with it."""

    def __init__(self) -> None:
        super().__init__()
        self._kept: dict[tuple[object, ...], tuple[Strip, Strip]] = {}

    def clear(self) -> None:
        super().clear()
        self._kept = {}

    def render_line(  # the same arguments, passed on
        self, styles: Any, y: int, size: Any, content_size: Any, padding: Any, base_background: Any, background: Any,
        render_content_line: Any, border_title: Any, border_subtitle: Any, opacity: float, ansi_theme: Any, native_ansi: bool,
    ) -> Strip:
        gutter = styles.gutter
        content_y = y - gutter.top
        if border_title is not None or border_subtitle is not None or not 0 <= content_y < content_size.height or y >= size.height - gutter.bottom:
            return super().render_line(
                styles, y, size, content_size, padding, base_background, background, render_content_line, border_title, border_subtitle, opacity, ansi_theme, native_ansi,
            )
        content = render_content_line(content_y)
        key = (y, id(content), size, content_size, padding, base_background, background, opacity, id(ansi_theme), native_ansi)
        kept = self._kept.get(key)
        if kept is not None and kept[0] is content:
            return kept[1]
        line = super().render_line(
            styles, y, size, content_size, padding, base_background, background, lambda _y: content, None, None, opacity, ansi_theme, native_ansi,
        )
        if len(self._kept) > 1024:
            self._kept = {}
        self._kept[key] = (content, line)
        return line


class DiffStatic(KeptRender, Static):
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
    #: Texts drawn before, by content (its text and spans), for as long as the look they were drawn
    #: with lasts (`_drawings_key`): a text shown again (stepping back to a reading) is not wrapped
    #: and drawn again. Any full refresh (a new style, size, theme, focus) forgets them.
    _drawings: dict[object, list[Strip]] | None = None
    _drawings_key: object = None
    _runs: RunsMemo | None = None
    #: Content made from a Text given to `update`, by the Text object: (text, content).
    _visuals: dict[int, tuple[Text, Visual]] | None = None
    #: The changed regions between two whole drawings: (old, new, regions), by the lists' ids.
    _regions: dict[tuple[int, int], tuple[list[Strip], list[Strip], list[Region]]] | None = None
    #: `update_lines`: the strips of a list of lines given before, by the list: (lines, strips).
    _lines_drawn: dict[int, tuple[list[Text], list[Strip]]] | None = None
    #: How many drawings were taken from `_drawings` (for tests).
    drawings_reused = 0
    #: Set while a refresh is for a new size only: the drawings are kept by width (`_drawing`),
    #: so they stay; any other full refresh forgets them.
    _resizing = False

    def _new_styles_cache(self) -> CountedLines:
        return KeptLines()

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        self._lines = None
        self.content_lines = None
        self._diffing = not layout
        try:
            if isinstance(content, Text):
                # As Static.update, with the Text's Content kept while it is the same object.
                self._Static__content = content
                self._Static__visual = self._visual_of(content)
                self.refresh(layout=layout)
            else:
                super().update(content, layout=layout)
        finally:
            self._diffing = False

    def _visual_of(self, content: Text) -> Visual:
        """The Content made from a Text, kept while it is the same object (a caller keeps a
        reading's text and never changes it once given): turning a Text into Content costs
        about as much as the rest of a key's update."""
        visuals = self._visuals if self._visuals is not None else {}
        kept = visuals.get(id(content))
        if kept is None or kept[0] is not content:
            if len(visuals) > 64:
                visuals = {}
            kept = visuals[id(content)] = (content, visualize(self, content, markup=self._render_markup))
        self._visuals = visuals
        return kept[1]

    @property
    def ready_to_predraw(self) -> bool:
        """Whether it is drawn and shown as it is now (not resized or restyled since)."""
        return self.is_mounted and self._strips is not None and self._strips_key == self._key() and self.text_selection is None and not self.screen._selecting

    def predraw(self, content: Text) -> None:
        """Make now what `update(content, layout=False)` will need if it comes next: the Content,
        its drawing and the cells it changes from what is shown. For a text a key may show next
        (the reading beside the one shown), made while the app waits for keys; the update then
        only repaints. Draws exactly as that update would (the same look and width, kept as
        `_drawing` keeps them); nothing is shown or refreshed."""
        shown = self._strips
        if shown is None or not self.ready_to_predraw or self._lines is not None:
            return
        visual = self._visual_of(content)
        if not isinstance(visual, Content):
            return
        width, height = self.size
        new = self._drawing(width, visual, counted=False)
        self._changed(shown, new if len(new) <= height else new[:height])

    def predraw_lines(self, lines: list[Text]) -> None:
        """The same for `update_lines(lines)`: its rows drawn and the cells they change found."""
        shown = self._strips
        if shown is None or not self.ready_to_predraw or self._lines is None:
            return
        width, height = self.size
        self._changed(shown, self._draw_lines(width, height, lines))

    def _changed(self, old: list[Strip], new: list[Strip]) -> list[Region]:
        """The regions where `new` differs from `old`, found once per pair of drawings: kept
        drawings and lines are the same lists when they come back."""
        if self._runs is None:
            self._runs = {}
        if self._regions is None or len(self._regions) > 256:
            self._regions = {}
        kept = self._regions.get((id(old), id(new)))
        if kept is None or kept[0] is not old or kept[1] is not new:
            kept = self._regions[(id(old), id(new))] = (old, new, changed_regions(old, new, self.size.width, self._runs))
        return kept[2]

    def grow_to(self, height: int) -> None:
        """Make the widget at least `height` rows high (a layout pass). Only its height changes,
        so the texts drawn before stay kept: they are kept by width and look (`_drawing`), never
        by height, and a new width or look forgets them there. Before, a reading taller
        than any before drew its text twice (before and after the layout) and the next key drew
        the reading stepped back to again."""
        self._resizing = True
        try:
            self.styles.min_height = height
            self.refresh(layout=True)
        finally:
            self._resizing = False

    def _size_updated(self, size: Any, virtual_size: Any, container_size: Any, layout: bool = True) -> bool:
        # A new size refreshes the widget (its `virtual_size` is a layout reactive); the drawings,
        # kept by width, stay.
        self._resizing = True
        try:
            return super()._size_updated(size, virtual_size, container_size, layout)
        finally:
            self._resizing = False

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
            if not self._resizing:
                self._drawings = None
                self._visuals = None
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
        changed = self._changed(self._strips, new)
        self._strips = new
        if changed:
            super().refresh(*changed)
        else:
            self.unchanged_updates += 1

    def _key(self) -> object:
        """What the kept strips were drawn for: the size (as the widget's outer size and gutter,
        read without walking to the screen: this runs for every line of every frame) and the
        style. A change of text selection refreshes the widget whole (`selection_updated`), which
        forgets the strips."""
        return (self.outer_size, self.styles.gutter, self.visual_style)

    def _draw(self) -> list[Strip]:
        width, height = self.size
        if self._lines is not None:
            return self._draw_lines(width, height, self._lines)
        strips = self._drawing(width, self.visual)
        self.content_lines = len(strips)
        return strips if len(strips) <= height else strips[:height]

    def _drawing(self, width: int, visual: Visual, counted: bool = True) -> list[Strip]:
        """The content drawn at this width: as a Static draws it, or as it was drawn before. Only
        Content (a Text or a string) is kept, by its text and spans, the only things its drawing
        depends on besides the widget's look; never while text is selected."""
        selecting = self.text_selection is not None or self.screen._selecting
        if not isinstance(visual, Content) or selecting:
            return Visual.to_strips(self, visual, width, None, self.visual_style)
        styles = self.styles
        look = (width, self.visual_style, styles.text_align, styles.text_wrap, styles.text_overflow, styles.line_pad, styles.content_align, self.auto_links)
        if self._drawings is None or self._drawings_key != look or len(self._drawings) > 64:
            self._drawings, self._drawings_key = {}, look
        key = (visual.plain, tuple(visual.spans))
        try:
            strips = self._drawings.get(key)
        except TypeError:  # a span whose style cannot be hashed: draw it every time
            return Visual.to_strips(self, visual, width, None, self.visual_style)
        if strips is None:
            strips = self._drawings[key] = Visual.to_strips(self, visual, width, None, self.visual_style)
        elif counted:
            self.drawings_reused += 1
        return strips

    def _draw_lines(self, width: int, height: int, lines: list[Text]) -> list[Strip]:
        key = (width, self.visual_style)
        if self._line_strips is None or self._line_key != key or len(self._line_strips) > 512:
            self._line_strips, self._line_key, self._lines_drawn = {}, key, {}
        lines_drawn = self._lines_drawn if self._lines_drawn is not None else {}
        drawn_before = lines_drawn.get(id(lines))
        if drawn_before is not None and drawn_before[0] is lines and len(drawn_before[1]) == min(len(lines), height):
            return drawn_before[1]
        kept = self._line_strips
        rows = [((y, line.plain, tuple(line.spans)), line) for y, line in enumerate(lines[:height])]
        missing = [(y, cache_key, line) for y, (cache_key, line) in enumerate(rows) if cache_key not in kept]
        if missing:
            # The rows not drawn before, drawn together (one drawing costs about as much as a row):
            # as a Static draws them joined, a strip per row unless one is too wide to fit.
            style = self.visual_style
            drawn = Visual.to_strips(self, visualize(self, Text("\n").join(line for _y, _key, line in missing), markup=False), width, None, style)
            if len(drawn) != len(missing):
                drawn = [(Visual.to_strips(self, visualize(self, line, markup=False), width, 1, style) or [Strip.blank(width, style.rich_style)])[0] for _y, _key, line in missing]
            for (y, cache_key, _line), strip in zip(missing, drawn):
                # The offsets (in each cell's meta, for the mouse) as if drawn with the other rows.
                kept[cache_key] = strip.apply_offsets(0, y)
        strips = [kept[cache_key] for cache_key, _line in rows]
        if len(lines_drawn) > 256:
            lines_drawn = {}
        lines_drawn[id(lines)] = (lines, strips)
        self._lines_drawn = lines_drawn
        return strips

    def render_line(self, y: int) -> Strip:
        key = self._key()
        if self._strips is None or self._strips_key != key:
            self._strips, self._strips_key = self._draw(), key
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)  # below the text: rarely drawn
