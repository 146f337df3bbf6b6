"""One quadrant of the priority matrix: a bordered box listing its items; ▶ marks the selected one."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from models.exnovation import Item
from models.text import safe_text
from tui.exnovation.common import LAW_MARK


class QuadrantBox(Widget):
    DEFAULT_CSS = """
    QuadrantBox { border: round $primary; height: 1fr; width: 1fr; padding: 0 1; }
    QuadrantBox.-selected { border: double $accent; }
    """

    def __init__(self, quadrant: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.quadrant = quadrant
        self.items: list[Item] = []
        self.selected: str | None = None

    def show(self, items: list[Item], selected: str | None) -> None:
        self.items, self.selected = items, selected
        # The box holding the selection has a double border: visible without colour.
        self.set_class(any(item.id == selected for item in items), "-selected")
        self.refresh()

    def render(self) -> Text:
        height = max(self.content_size.height, 1)
        ids = [item.id for item in self.items]
        at = ids.index(self.selected) if self.selected in ids else 0
        # Scroll so the selected item is visible; "…" says there is more above or below.
        start = max(0, min(at - height + 1, len(self.items) - height)) if at >= height else 0
        shown = self.items[start : start + height]
        text = Text(no_wrap=True, overflow="ellipsis")
        for row, item in enumerate(shown):
            more = (row == 0 and start > 0) or (row == len(shown) - 1 and start + height < len(self.items))
            chosen = item.id == self.selected
            mark = "▶ " if chosen else ("… " if more else "  ")
            law = f"{LAW_MARK} " if item.required else ""
            line = safe_text(f"{mark}{law}{item.what}", single_line=True)
            if len(line) > self.content_size.width:  # one line per item: cut, and say so
                line = line[: max(self.content_size.width - 1, 0)] + "…"
            text.append(line, style="reverse bold" if chosen else "")
            if row < len(shown) - 1:
                text.append("\n")
        return text
