"""The footer of every screen: compact, without the palette hint, help and quit first, so that at
80 columns they always show. ctrl+p still opens the command palette.
Labels come from the command table (tui/commands.py), translated as the footer is drawn.

One widget draws the keys (as Textual's compact Footer draws them, cell for cell). Textual's
Footer mounts a FooterKey widget per key, empty at first, and mounts them all again whenever the
keys change (the gauge's "n" on its tab, a focused field's keys): a compose and a layout of the
screen each time. Here a change of keys is a repaint of one row, and a change that shows
nothing new is not even that (no bytes over SSH for a key that changes nothing).
"""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer

from tui.commands import BY_ID
from tui.i18n import current_language, t
from tui.widgets.diff_static import KeptRender


#: Shown first on every screen.
FIRST = [BY_ID["help"].action, BY_ID["quit"].action]


# A NamedTuple, not a dataclass: the same record, made ~0.3 ms faster at import (a dataclass
# compiles its methods one by one).
class ShownKey(NamedTuple):
    """A key as the footer shows it: what Textual's Footer puts in a FooterKey widget."""

    key: str
    key_display: str
    description: str
    action: str
    tooltip: str | None
    disabled: bool


def shown_keys(screen: Screen) -> list[ShownKey]:
    """The keys Textual's compact Footer shows for the screen's bindings, in its order: one per
    action, its first binding. Not as FooterKey widgets (Footer.compose): a dozen widgets made
    and never mounted each time the keys change (~0.5 ms; on "/" at home, on Enter back to the
    list), and setting grid-size-columns, a layout of the whole screen when the count changed.
    A group of keys (Textual's KeyGroup) is not shown, as this footer never showed them."""
    by_action: dict[str, list[tuple[Binding, bool, str]]] = {}
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show:
            by_action.setdefault(binding.action, []).append((binding, enabled, tooltip))
    keys: list[ShownKey] = []
    for group, runs in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
        shown = list(runs)
        if group is not None and len(shown) > 1:
            continue
        for binding, enabled, tooltip in (bindings[0] for bindings in shown):
            keys.append(ShownKey(binding.key, screen.app.get_key_display(binding), binding.description, binding.action, tooltip or None, not enabled))
    return keys


class KeyFooter(KeptRender, Footer):
    """(`KeptRender`: its row is given again when a frame crosses it and its keys did not change,
    as on every key of a view below it.)"""

    DEFAULT_CSS = """
    KeyFooter {
        & > .key-footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .key-footer--description { color: $footer-description-foreground; background: $footer-description-background; }
        & > .key-footer--hover { background: $block-hover-background; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description", "key-footer--hover"}

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple[object, ...] | None = None
        #: The keys shown, in order.
        self.keys: list[ShownKey] = []
        self._hovered: int | None = None

    @staticmethod
    def shown_by(screen: Screen) -> tuple[object, ...]:
        """What the keys show for the screen's bindings as they are now."""
        return (current_language(), tuple((key, binding, enabled, tooltip) for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()))

    def on_mount(self) -> None:
        # The keys from the screen's bindings as they are now, in the first frame (Textual's
        # footer is empty until the screen's first refresh of bindings).
        try:
            self.show_keys(self.screen)
        except NoMatches:  # a check_action looking for a widget not mounted yet: wait, as Textual does
            pass

    def bindings_changed(self, screen: Screen) -> None:
        """Draw the keys again only when what they show changed. Textual asks whenever a
        screen says its bindings may have changed (after many keys)."""
        self.set_reactive(Footer._bindings_ready, True)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.show_keys(screen)

    def show_keys(self, screen: Screen) -> None:
        shown = self.shown_by(screen)
        if shown == self._shown:
            return
        self._shown = shown
        self.set_reactive(Footer._bindings_ready, True)
        keys = shown_keys(screen)
        for index, key in enumerate(keys):
            command = BY_ID.get(key.description)  # a samspil binding's description is its id
            if command is not None:  # the binding's tooltip is the catalog key too
                keys[index] = key._replace(description=t(command.label, **command.args), tooltip=t(command.tip) if command.tip else None)
        # Help and quit first: at 80 columns the screen's own keys may not all fit, these must.
        first = sorted((key for key in keys if key.action in FIRST), key=lambda key: FIRST.index(key.action))
        self.keys = first + [key for key in keys if key not in first]
        self._hovered = None
        self.refresh()

    def compose(self) -> ComposeResult:
        return iter(())  # no child widgets: render_line draws the keys

    def spans(self) -> list[tuple[int, int]]:
        """The columns [start, end) of each key; one column between keys."""
        spans, x = [], 0
        for key in self.keys:
            width = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
            spans.append((x, x + width))
            x += width + 1
        return spans

    def key_at(self, x: int) -> int | None:
        return next((index for index, (start, end) in enumerate(self.spans()) if start <= x < end), None)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        background = Style(bgcolor=self.rich_style.bgcolor)
        if y != 0:
            return Strip.blank(width, background)
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        segments: list[Segment] = []
        for index, key in enumerate(self.keys):
            if index:
                segments.append(Segment(" ", background))  # Textual's compact FooterKey: margin-right 1
            extra = Style(dim=True) if key.disabled else Style()
            if index == self._hovered:
                extra += Style(bgcolor=self.get_component_rich_style("key-footer--hover").bgcolor)
            segments.append(Segment(key.key_display, key_style + extra))
            if key.description:
                segments.append(Segment(" " + key.description, description_style + extra))
        used = sum(cell_len(segment.text) for segment in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), background))
        return Strip(segments).crop(0, width)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it (as Textual's FooterKey); a disabled one rings the bell."""
        index = self.key_at(event.x)
        if index is not None:
            key = self.keys[index]
            self.app.bell() if key.disabled else self.app.simulate_key(key.key)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.key_at(event.x)
        if index != self._hovered:
            self._hovered = index
            self.tooltip = (self.keys[index].tooltip if index is not None else None) or None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()
