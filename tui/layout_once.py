"""Fewer layouts and frames than Textual makes: a screen's full reflow no longer asks for another.

Textual's full reflow (Screen._refresh_layout) hands each widget the size it was just given,
with `layout=True`, and `Widget.virtual_size` is a reactive that asks for a layout when it
changes. Every widget just mounted goes from (0, 0) to its size, so every screen pushed and
every tool built was laid out again, and any widget resized by that layout a third time: on
opening the demo case and on each tool's first showing 3 layouts where 1 or 2 said all.

That second layout has nothing new to go on: the reflow computed those sizes, and nothing
in the arrangement reads a widget's `virtual_size` (the compositor reads it only for an
anchored scroll view; a widget anchored keeps Textual's way here). What does change a layout
still asks for one itself: a scroll bar shown or hidden (`show_vertical_scrollbar` and
`show_horizontal_scrollbar` are layout reactives, set by `_scroll_update` from here), a
TextArea's new height of text (it sets its own `virtual_size`), a style, a mount. Textual's
own partial reflow passes `layout=False` the same way.

And no frame for a layout that another follows at once (`_compositor_refresh` below): the
scroll bar a layout shows is laid out by the next one; the frame between drew the screen
without it, to be redrawn. Opening the demo case, its gauge, its network: 3 frames where 4,
2 where 3.

A screen just pushed is laid out at once (ScreenResume) and then again by its update timer: its
children asked for that layout as they mounted, and Textual clears the screen's own request
only there. A document screen says so (`layout_follows`): the first layout's frame is left out
as above. And a layout's frame draws the whole screen when the screen itself asked to be
repainted (a focus set, a resume): Textual drew it again right after, in a second frame of the
same cells. Opening the demo case: 1 frame where 3.

And a full reflow's map stays current: Textual marks the full map stale when new widgets are to
be drawn, and the reflow that makes it again leaves the mark, so the first widget of a new size
had the whole screen arranged once more (`_size_updated` clears the mark; the same map).

Applied once, on importing tui.app. tests/ui/test_layout_once.py fails if the Textual code this
relies on changes (an upgrade must look at this again) and compares what is drawn with and
without it.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

_textual_size_updated = Widget._size_updated
_textual_compositor_refresh = Screen._compositor_refresh


def _size_updated(self: Widget, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
    if layout and self._size != size:
        # Only the full reflow passes `layout=True`, right after the compositor made its full map
        # of every widget. Widgets new since the last layout left that map marked stale, and
        # reflow does not unmark it: the first new size (`_set_dirty` asks the widget's region)
        # arranged the whole screen a second time, to the same map (~1 ms on the gauge's build).
        self.screen._compositor._full_map_invalidated = False
    if not layout or self._anchored:
        return _textual_size_updated(self, size, virtual_size, container_size, layout)
    before_size, before_virtual_size = self._size, self.virtual_size
    changed = _textual_size_updated(self, size, virtual_size, container_size, layout=False)
    if self.virtual_size != before_virtual_size:
        # The reactive's repaint, without its layout. A widget of a new size is drawn by this
        # layout's own frame (the reflow marks its region dirty, `_size_updated` its lines):
        # asking for a repaint drew it once more in a frame of its own.
        if self._size != before_size:
            self.clear_cached_dimensions()
            self._rich_style_cache.clear()
        else:
            self.refresh()
    return changed


def layout_follows(screen: Screen) -> None:
    """The screen is about to be laid out while its own layout is still asked for (a screen just
    pushed, on ScreenResume): that layout's frame is left out, the timer's next one draws."""
    screen.__dict__["_samspil_layout_follows"] = True


def _compositor_refresh(self: Screen) -> None:
    """No frame for a layout that another will follow at once: a scroll bar shown by this
    layout (a widget's content found taller than its room) asks for the next, whose frame
    draws all this one would have (what was to draw stays marked) with the bar in place; this
    frame drew the screen once without the bar, to be redrawn. Never twice in a row, so a
    widget that asked for a layout on every frame could not hold the screen still."""
    app = self.app
    follows = self.__dict__.pop("_samspil_layout_follows", False) and self._layout_required
    top = self is app.screen and not app.is_inline
    if (
        top
        and not self.__dict__.get("_samspil_skipped", False)
        and (follows or any(widget._layout_required for widget in self._compositor.widgets if widget is not self))  # the screen's own flag: the layout under way
    ):
        self.__dict__["_samspil_skipped"] = True
        return
    self.__dict__["_samspil_skipped"] = False
    if top and self._repaint_required:
        # The screen's repaint in this frame (as Screen._on_timer_update marks it), not in one of its own after.
        self._compositor.update_widgets({self})
        self._repaint_required = False
    _textual_compositor_refresh(self)


def install() -> None:
    if Widget._size_updated is _textual_size_updated:
        Widget._size_updated = _size_updated  # type: ignore[method-assign]
    if Screen._compositor_refresh is _textual_compositor_refresh:
        Screen._compositor_refresh = _compositor_refresh  # type: ignore[method-assign]
