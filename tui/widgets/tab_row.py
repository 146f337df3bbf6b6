"""A row of tabs drawn by one widget: the labels and, under them, the active tab's underline.

Textual's TabbedContent builds the same two rows from ten widgets in five levels (ContentTabs,
Container, Vertical, Horizontal, one ContentTab per label, Underline), each styled and laid out
when a screen opens, and animates the underline over ~20 frames when the tab changes. Here the
row is one focusable widget that draws both lines itself, in the same cells and colours; the
panes are shown by a ContentSwitcher beside it (the screen switches it on `TabRow.Changed`).

`tabbed(name, tabs)` makes the row ("<name>-tabs") and its switcher ("<name>-panes"); every
document screen shows the picked pane (tui/document/screen.py, `on_tab_row_changed`).

Keys: ←/→ move to the previous/next tab, wrapping (as Textual's Tabs); a click on a label or
under it picks that tab. Focus shows as reverse bold on the active label, also without colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from tui.widgets.diff_static import KeptRender

#: The underline's glyphs, as Textual's Bar draws them (tui/ascii_mode.py has their ASCII forms).
BAR, HALF_RIGHT, HALF_LEFT = "━", "╸", "╺"


class TabRow(KeptRender, Widget, can_focus=True):
    DEFAULT_CSS = """
    TabRow {
        width: 1fr;
        height: 2;
        & > .tab-row--tab { color: $foreground 50%; }
        & > .tab-row--hover { color: $foreground; }
        & > .tab-row--active { color: $foreground; text-style: bold underline; }
        &:focus > .tab-row--active {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: reverse bold;
        }
        & > .tab-row--bar { color: $foreground 10%; }
        &:focus > .tab-row--bar { color: $foreground 30%; }
        & > .tab-row--bar-active { color: $block-cursor-background; }
        &:ansi {
            & > .tab-row--tab { text-style: dim; }
            & > .tab-row--bar { color: $border-blurred; }
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"tab-row--tab", "tab-row--hover", "tab-row--active", "tab-row--bar", "tab-row--bar-active"}

    #: The id of the active tab.
    active: reactive[str] = reactive("", init=False)
    #: The tab whose label the mouse is over (drawn brighter, as Textual's Tab:hover), or "".
    hovered: reactive[str] = reactive("", init=False)

    class Changed(Message):
        """The active tab changed (by a key, a click or `active` being set)."""

        def __init__(self, row: TabRow, active: str) -> None:
            super().__init__()
            self.row = row
            #: The id of the tab now active.
            self.active = active

        @property
        def control(self) -> TabRow:
            return self.row

    def __init__(self, tabs: Iterable[tuple[str, str]], *, active: str | None = None, id: str | None = None) -> None:
        """`tabs`: (id, label) pairs, in order; the first is active unless `active` says otherwise."""
        super().__init__(id=id)
        self.tabs: list[tuple[str, str]] = list(tabs)
        self.set_reactive(TabRow.active, active or (self.tabs[0][0] if self.tabs else ""))

    @property
    def tab_ids(self) -> list[str]:
        return [tab_id for tab_id, _label in self.tabs]

    def spans(self) -> list[tuple[str, int, int]]:
        """Each tab's id and the columns [start, end) of its label; a label has a space either side."""
        spans, x = [], 0
        for tab_id, label in self.tabs:
            width = cell_len(label)
            spans.append((tab_id, x + 1, x + 1 + width))
            x += width + 2
        return spans

    def watch_active(self, active: str) -> None:
        self.post_message(self.Changed(self, active))

    async def _on_key(self, event: events.Key) -> None:
        """←/→ are the row's own keys, as in Textual's Tabs, where a binding takes them whole.
        They are not samspil commands, so not bindings here: every samspil binding comes from
        the command table (tui/commands.py). Stopped here, so no screen sees them after."""
        direction = {"left": -1, "right": +1}.get(event.key)
        if direction is not None:
            event.stop()
            event.prevent_default()  # Widget's own key handler (key_* methods) not after this
            self._move(direction)

    def _move(self, direction: int) -> None:
        ids = self.tab_ids
        if not ids:
            return
        if self.active not in ids:
            self.active = ids[0 if direction == 1 else -1]
            return
        self.active = ids[(ids.index(self.active) + direction) % len(ids)]

    def tab_at(self, x: int) -> str:
        """The tab whose label (with its spaces) covers column x, or ""."""
        return next((tab_id for tab_id, start, end in self.spans() if start - 1 <= x < end + 1), "")

    async def _on_click(self, event: events.Click) -> None:
        """A click on a label, its spaces or the underline below picks that tab (as Textual's)."""
        event.stop()
        self.focus()
        if tab_id := self.tab_at(event.x):
            self.active = tab_id

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.tab_at(event.x) if event.y == 0 else ""

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = ""

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        background = Style(bgcolor=self.rich_style.bgcolor)
        if y == 0:
            segments = []
            for tab_id, label in self.tabs:
                name = "tab-row--active" if tab_id == self.active else "tab-row--hover" if tab_id == self.hovered else "tab-row--tab"
                style = self.get_component_rich_style(name)
                padding = Style(bgcolor=style.bgcolor)
                segments += [Segment(" ", padding), Segment(label, style), Segment(" ", padding)]
            used = sum(cell_len(segment.text) for segment in segments)
            if used < width:
                segments.append(Segment(" " * (width - used), background))
            return Strip(segments).crop(0, width)
        if y == 1:
            return self._underline(width, background)
        return Strip.blank(width, background)

    def _underline(self, width: int, background: Style) -> Strip:
        """The bar under the row, highlighted under the active label, in Textual's Bar's glyphs."""
        bar = background + Style(color=self.get_component_rich_style("tab-row--bar").color)
        lit = background + Style(color=self.get_component_rich_style("tab-row--bar-active").color)
        span = next(((start, end) for tab_id, start, end in self.spans() if tab_id == self.active), None)
        if span is None:
            return Strip([Segment(BAR * width, bar)], width)
        start, end = min(span[0], width), min(span[1], width)
        segments = []
        if start > 0:
            segments += [Segment(BAR * (start - 1), bar), Segment(HALF_RIGHT, bar)]
        segments.append(Segment(BAR * (end - start), lit))
        if end < width:
            segments += [Segment(HALF_LEFT, bar), Segment(BAR * (width - end - 1), bar)]
        return Strip([segment for segment in segments if segment.text]).crop(0, width)


class Pane(KeptRender, Widget):
    """One tab's pane, in the switcher beside its TabRow. Textual's TabPane is made for its
    TabbedContent, and importing it brings that and Tabs (~5 ms opening the first case). Its
    own lines (background) are kept between frames (`KeptRender`): every key's frame in it
    crosses it."""

    DEFAULT_CSS = "Pane { height: auto; }"  # as TabPane's; document.tcss gives it the screen's height


class Panes(KeptRender, ContentSwitcher):
    """The switcher of a TabRow's panes; its own lines are kept as a Pane's are."""


def tabbed(name: str, tabs: list[tuple[str, str]]) -> tuple[TabRow, ContentSwitcher]:
    """A row of `tabs` ((id, label) pairs) and the switcher of their panes, the first shown.
    Yield the row, then fill the switcher with one Pane per tab id (`with panes:`)."""
    return TabRow(tabs, id=f"{name}-tabs"), Panes(initial=tabs[0][0], id=f"{name}-panes", classes="tab-panes")


def panes_of(row: TabRow) -> str:
    """The id of the switcher that `row` drives (made together by `tabbed`)."""
    return f"{(row.id or '').removesuffix('-tabs')}-panes"


async def made_when_shown(switcher: ContentSwitcher, view: str, make: Callable[[str], Widget]) -> bool:
    """Mount the switcher's view `view`, made by `make(view)`, if it was never shown: a view the
    user may never open (a tool's map, list or history) costs nothing when its pane is built.
    Hidden as it mounts (the switcher shows it), not for a frame beside the view shown. Whether it
    was made now."""
    if any(child.id == view for child in switcher.children):
        return False
    made = make(view)
    made.display = False
    await switcher.mount(made)
    return True
