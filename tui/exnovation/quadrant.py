"""One quadrant of the priority matrix (or the untriaged items): a bordered box with the seed's
one-line guidance on top and its items below, one a line; ▶ marks the selected one.

The box scrolls so the selected item is always in view, and "…" says there is more above or
below. Where the box is wide, each line also shows the item's stage and owner.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

from models.exnovation import Item
from models.text import safe_text
from saved.reports.labels import STAGE_SYMBOLS
from tui.exnovation.common import LAW_MARK

#: From this width a line has room for the stage and the owner after the practice.
WIDE = 60


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class QuadrantBox(Widget):
    DEFAULT_CSS = """
    QuadrantBox { border: round $primary; height: 1fr; width: 1fr; padding: 0 1; }
    QuadrantBox.-selected { border: double $accent; }
    """

    def __init__(self, quadrant: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.quadrant = quadrant
        self.items: list[Item] = []
        self._place: dict[str, int] = {}  # each item's line in `items`
        self.selected: str | None = None
        self.guidance = ""
        self.owner_of = lambda item: item.owner
        #: What the box shows, as last shown: a key that changes none of it repaints nothing.
        self._shown: tuple[list[Item], str | None, str, list[str]] | None = None
        self._rows: list[Text] | None = None  # the rows as last rendered
        self._titles: tuple[object, object] | None = None

    def set_titles(self, title: Content | str, subtitle: Content | str) -> None:
        """Set the border's title and subtitle if they changed (each set repaints the whole box)."""
        titles = (title, subtitle)
        if titles != self._titles or any(type(new) is not type(old) for new, old in zip(titles, self._titles or titles)):
            self._titles = titles
            self.border_title, self.border_subtitle = title, subtitle

    def show(self, items: list[Item], selected: str | None, guidance: str = "") -> None:
        if items is not self.items:  # a new list (the matrix makes one per change and privacy turn)
            self._place = {item.id: at for at, item in enumerate(items)}
        mine = selected if selected in self._place else None
        before = self._shown
        # The owners as shown: the same list object shows the same owners (see above).
        owners = before[3] if before is not None and before[0] is items else [self.owner_of(item) for item in items]
        shown = (items, mine, guidance, owners)
        if shown == before:
            self.items, self._shown = items, shown  # the newest list, for the identity checks above
            return  # the same items, owners and selection: nothing to draw, nothing to send
        self._shown = shown
        self.items, self.selected, self.guidance = items, selected, guidance
        # The box holding the selection has a double border: visible without colour.
        self.set_class(mine is not None, "-selected")
        if before is None or before[2] != guidance or (len(before[0]) != len(items) and self.styles.height is not None and self.styles.height.is_auto):
            self.refresh(layout=True)  # the untriaged box's height follows its items
            return
        # The same number of lines: repaint only the rows that changed (the selection moved).
        old = self._rows
        new = list(self.render().split("\n", allow_blank=True))
        if old is None or len(old) != len(new):
            self.refresh()
            return
        width = self.content_size.width
        changed = [Region(0, y, width, 1) for y, (a, b) in enumerate(zip(old, new)) if a != b]
        if changed:
            self.refresh(*changed)

    def guidance_lines(self, width: int) -> list[str]:
        """The guidance in at most two lines (one where the box is low), cut with "…"."""
        if not self.guidance or width < 8:
            return []
        words, lines, line = safe_text(self.guidance, single_line=True).split(), [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        room = 1 if self.content_size.height < 6 else 2
        if len(lines) > room:
            lines = lines[:room]
            lines[-1] = _cut(lines[-1] + " …", width) if len(lines[-1]) + 2 <= width else _cut(lines[-1], width - 1) + "…"
        return lines

    def line_of(self, item: Item, width: int, mark: str) -> str:
        law = f"{LAW_MARK} " if item.required else ""
        what = safe_text(item.what, single_line=True)
        if width < WIDE:
            return _cut(f"{mark}{law}{what}", width)
        owner = safe_text(self.owner_of(item), single_line=True)
        tail = f"  {STAGE_SYMBOLS[item.stage]} {_cut(owner, 16):<16}"
        return _cut(f"{mark}{law}{what}", width - len(tail)).ljust(width - len(tail)) + tail

    def get_content_height(self, container, viewport, width: int) -> int:
        # For the untriaged box, whose height is auto: the guidance and one line per item.
        return len(self.guidance_lines(width)) + max(len(self.items), 1)

    def render(self) -> Text:
        width = max(self.content_size.width, 1)
        text = Text(no_wrap=True, overflow="crop")
        guidance = self.guidance_lines(width)
        for line in guidance:
            text.append(line + "\n", style="italic dim")
        height = max(self.content_size.height - len(guidance), 1)
        at = self._place.get(self.selected, 0) if self.selected is not None else 0
        # Scroll so the selected item is visible; "…" says there is more above or below.
        start = max(0, min(at - height + 1, len(self.items) - height)) if at >= height else 0
        shown = self.items[start : start + height]
        if not shown:
            text.append("–")
        for row, item in enumerate(shown):
            more = (row == 0 and start > 0) or (row == len(shown) - 1 and start + height < len(self.items))
            chosen = item.id == self.selected
            mark = "▶ " if chosen else ("… " if more else "  ")
            text.append(self.line_of(item, width, mark), style="reverse bold" if chosen else "")
            if row < len(shown) - 1:
                text.append("\n")
        self._rows = list(text.split("\n", allow_blank=True))
        return text
