"""One layout where Textual made two or three: a screen's full reflow no longer asks for another.

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

Applied once, on importing tui.app. tests/test_layout_once.py fails if the Textual code this
relies on changes (an upgrade must look at this again) and compares what is drawn with and
without it.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget

_textual_size_updated = Widget._size_updated


def _size_updated(self: Widget, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
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


def install() -> None:
    if Widget._size_updated is _textual_size_updated:
        Widget._size_updated = _size_updated  # type: ignore[method-assign]
