"""The force field drawn as opposing bars: helping forces left of a centre line, hindering right.

Each force is a row, strongest first, with its strength as a number beside a bar of block
characters (two per point), so it reads without colour. The selected force has a ▶ mark.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from models.exnovation import Force
from models.privacy import shown_text
from models.text import safe_text
from tui.i18n import t
from tui.privacy import privacy_on

BAR = "█"
BAR_WIDTH = 10  # strength 5 is two blocks a point


def ranked_indices(forces: list[Force]) -> list[int]:
    """Positions in `forces`, strongest first; equal strengths keep their order."""
    return sorted(range(len(forces)), key=lambda index: -forces[index].strength)


def _fit(text: str, width: int) -> str:
    text = safe_text(text, single_line=True)
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class ForceBars(Widget, can_focus=True):
    DEFAULT_CSS = """
    ForceBars { height: 1fr; }
    ForceBars:focus { background-tint: $foreground 5%; }
    """

    side = reactive("helping")
    row = reactive(0)

    def __init__(self, helping_title: str, hindering_title: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.titles = (helping_title, hindering_title)
        self.helping: list[Force] = []
        self.hindering: list[Force] = []

    def show(self, helping: list[Force], hindering: list[Force]) -> None:
        self.helping, self.hindering = helping, hindering
        self.row = min(self.row, max(len(self.forces(self.side)) - 1, 0))
        self.refresh()

    def forces(self, side: str) -> list[Force]:
        return self.helping if side == "helping" else self.hindering

    def selected(self) -> int | None:
        """The selected force's position in its side's list (not its rank), or None."""
        order = ranked_indices(self.forces(self.side))
        return order[self.row] if self.row < len(order) else None

    def select(self, side: str, index: int) -> None:
        self.side = side
        self.row = ranked_indices(self.forces(side)).index(index)

    def render(self) -> Text:
        half = max((self.size.width - 1) // 2, 20)
        label_width = half - BAR_WIDTH - 5
        helping_total = sum(f.strength for f in self.helping)
        hindering_total = sum(f.strength for f in self.hindering)
        text = Text(no_wrap=True, overflow="crop")
        left_title = f"{self.titles[0]} ({helping_total})"
        right_title = f"({hindering_total}) {self.titles[1]}"
        text.append(f"{left_title:>{half}}", style="bold")
        text.append("│")
        text.append(f"{right_title:<{half}}\n", style="bold")
        left = [self.helping[i] for i in ranked_indices(self.helping)]
        right = [self.hindering[i] for i in ranked_indices(self.hindering)]
        for row in range(max(len(left), len(right), 1)):
            text.append_text(self._cell(left, row, "helping", label_width, half))
            text.append("│")
            text.append_text(self._cell(right, row, "hindering", label_width, half))
            text.append("\n")
        # The totals as bars too, scaled to the larger side, so the balance shows at a glance.
        largest = max(helping_total, hindering_total, 1)
        left_bar = BAR * round(BAR_WIDTH * helping_total / largest)
        right_bar = BAR * round(BAR_WIDTH * hindering_total / largest)
        text.append(f"{'Σ ' + str(helping_total):>{half - BAR_WIDTH - 1}} {left_bar:>{BAR_WIDTH}}", style="bold")
        text.append("│")
        text.append(f"{right_bar:<{BAR_WIDTH}} {str(hindering_total) + ' Σ'}", style="bold")
        return text

    def _cell(self, forces: list[Force], row: int, side: str, label_width: int, half: int) -> Text:
        if row >= len(forces):
            return Text(" " * half)
        force = forces[row]
        chosen = self.has_focus and side == self.side and row == self.row
        mark = "▶" if chosen else " "
        bar = BAR * (2 * force.strength)
        text = shown_text(force.text, privacy_on(self), t("privacy.text_hidden"))
        if side == "helping":
            cell = f"{mark}{_fit(text, label_width):<{label_width}} {force.strength} {bar:>{BAR_WIDTH}} "
        else:
            cell = f" {bar:<{BAR_WIDTH}} {force.strength} {_fit(text, label_width):<{label_width}}{mark}"
        return Text(cell[:half].ljust(half), style="reverse" if chosen else "")

    def watch_side(self) -> None:
        self.refresh()

    def watch_row(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def move(self, rows: int = 0, side: str | None = None) -> None:
        if side is not None and side != self.side:
            self.side = side
            self.row = min(self.row, max(len(self.forces(side)) - 1, 0))
        count = len(self.forces(self.side))
        if count:
            self.row = max(0, min(count - 1, self.row + rows))
