"""The network drawn in characters: the citizen in the centre, sectors as slices, rings as distance.

Actors are numbered markers (their place in the case's list, so a number stays put while the user
works), followed by ★ for the coordinator and ⊘ for no consent. Ties are lines of · (a tie),
~ (a weak tie) or × (a tie with a conflict): readable without colour; colour only repeats it.

Drawing is a pure function of the case and a canvas size (`draw_map`), run once per change, not
per frame: the widget only hands out the finished Text. Markers that would overlap are nudged to
the nearest free cells, so each stays readable as long as there is room.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Region, Size
from textual.widget import Widget

from models.documents import Case
from models.network import CITIZEN, SECTORS, Tie, actor_number
from tui.i18n import t
from tui.case.network.cells import CITIZEN_MARK, actor_marks

#: Distance from the centre of each ring, as a share of the canvas's half-size.
RING_RADIUS = {1: 0.38, 2: 0.64, 3: 0.88}
#: Where to try a marker when its own place is taken: (columns, rows), nearest first.
NUDGES = [(0, 0), (0, 1), (0, -1), (4, 0), (-4, 0), (4, 1), (-4, 1), (4, -1), (-4, -1), (0, 2), (0, -2), (8, 0), (-8, 0)]

# Drawing priority: a higher mark wins a shared cell.
_TIE, _WEAK, _CONFLICT, _MARKER = 1, 2, 3, 5
TIE_CHAR, WEAK_CHAR, CONFLICT_CHAR = "·", "~", "×"


@dataclass
class Canvas:
    width: int
    height: int

    def __post_init__(self) -> None:
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.styles = [[""] * self.width for _ in range(self.height)]
        self.rank: list[list[float]] = [[0] * self.width for _ in range(self.height)]

    def copy(self) -> Canvas:
        other = Canvas(0, 0)
        other.width, other.height = self.width, self.height
        other.chars = [row[:] for row in self.chars]
        other.styles = [row[:] for row in self.styles]
        other.rank = [row[:] for row in self.rank]
        return other

    def put(self, x: int, y: int, char: str, style: str, rank: float) -> None:
        if 0 <= x < self.width and 0 <= y < self.height and rank >= self.rank[y][x]:
            self.chars[y][x], self.styles[y][x], self.rank[y][x] = char, style, rank

    def free(self, x: int, y: int, length: int) -> bool:
        """Room for a marker here, with a blank cell either side so two numbers never run together."""
        if not (0 <= y < self.height and x >= 0 and x + length <= self.width):
            return False
        row = self.rank[y]
        return all(row[i] < _MARKER for i in range(max(x - 1, 0), min(x + length + 1, self.width)))

    def text(self) -> Text:
        out = Text(no_wrap=True, overflow="crop")
        for y in range(self.height):
            row_chars, row_styles = self.chars[y], self.styles[y]
            start = 0
            for x in range(1, self.width + 1):
                if x == self.width or row_styles[x] != row_styles[start]:
                    out.append("".join(row_chars[start:x]), style=row_styles[start] or None)
                    start = x
            if y < self.height - 1:
                out.append("\n")
        return out


def _line(x0: int, y0: int, x1: int, y1: int) -> Iterable[tuple[int, int]]:
    """The cells of a straight line (Bresenham), ends left out."""
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    x, y = x0, y0
    while (x, y) != (x1, y1):
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x += sx
        if doubled <= dx:
            error += dx
            y += sy
        if (x, y) != (x1, y1):
            yield x, y


def radii(width: int, height: int) -> tuple[float, float]:
    """The outer ring's half-width and half-height: an ellipse that fills the canvas."""
    return max(1.0, width / 2 - 4), max(1.0, height / 2 - 1)


def slices(case: Case) -> dict[str, tuple[float, float]]:
    """Each sector's slice (start angle, width in degrees), clockwise from the top. A sector's share
    follows its number of actors (at least two's worth), so a crowded municipality gets room."""
    weights = {sector: max(2, sum(1 for actor in case.actors if actor.sector == sector)) for sector in SECTORS}
    total = sum(weights.values())
    start, out = -90.0, dict[str, tuple[float, float]]()
    for sector in SECTORS:
        width = 360 * weights[sector] / total
        out[sector] = (start, width)
        start += width
    return out


def ideal_positions(case: Case, width: int, height: int) -> dict[str, tuple[int, int]]:
    """Where each actor belongs: its sector's slice and its ring, spread within the slice."""
    cx, cy = width // 2, height // 2
    rx, ry = radii(width, height)
    groups: dict[tuple[str, int], list[str]] = {}
    for actor in case.actors:
        groups.setdefault((actor.sector, actor.ring), []).append(actor.id)
    places: dict[str, tuple[int, int]] = {CITIZEN: (cx, cy)}
    sector_slices = slices(case)
    for (sector, ring), ids in groups.items():
        start, span = sector_slices[sector]
        margin = min(6.0, span / 6)
        for j, actor_id in enumerate(ids):
            angle = math.radians(start + margin + (j + 0.5) * (span - 2 * margin) / len(ids))
            radius = RING_RADIUS[ring] - (0.1 if len(ids) > 3 and j % 2 else 0.0)
            places[actor_id] = (round(cx + rx * radius * math.cos(angle)), round(cy + ry * radius * math.sin(angle)))
    return places


@dataclass
class MapBase:
    """The map with nothing selected: sector labels, markers, every tie's cells. It depends only
    on the network, the canvas size and which ties are shown, so a key that selects another
    actor redraws just that actor's ties over a copy of it (the whole map at the caps, 3000 ties,
    took a quarter of a second)."""

    canvas: Canvas
    markers: dict[str, Region]
    labels: dict[str, str]
    ties: list[tuple[Tie, list[tuple[int, int]]]]


def map_base(case: Case, size: Size, show_tie: Callable[[Tie], bool] = lambda tie: True) -> MapBase:
    width, height = max(size.width, 10), max(size.height, 5)
    canvas = Canvas(width, height)
    cx, cy = width // 2, height // 2
    rx, ry = radii(width, height)
    for sector, (start, span) in slices(case).items():
        angle = math.radians(start + span / 2)
        label = t(f"network.sector_short.{sector}").upper()
        x = round(cx + (rx + 2) * math.cos(angle)) - len(label) // 2
        y = round(cy + (ry + 1) * math.sin(angle))
        x, y = min(max(x, 0), width - len(label)), min(max(y, 0), height - 1)
        for i, char in enumerate(label):  # reserved like a marker: markers find room around it
            canvas.put(x + i, y, char, "italic", _MARKER)

    labels = {CITIZEN: CITIZEN_MARK}
    for index, actor in enumerate(case.actors):
        labels[actor.id] = f"{actor_number(actor, index)}{actor_marks(actor)}"
    markers: dict[str, Region] = {}
    for end, (x, y) in ideal_positions(case, width, height).items():
        label = labels[end]
        for dx, dy in NUDGES:
            left = x - len(label) // 2 + dx
            if canvas.free(left, y + dy, len(label)):
                break
        else:
            left, dy = x - len(label) // 2, 0
        left = min(max(left, 0), max(width - len(label), 0))
        top = min(max(y + dy, 0), height - 1)
        markers[end] = Region(left, top, len(label), 1)
        for i in range(len(label)):  # reserve the cells, so the next marker looks elsewhere
            canvas.put(left + i, top, " ", "", _MARKER)

    def anchor(end: str) -> tuple[int, int]:
        region = markers[end]
        return region.x + region.width // 2, region.y

    ties = []
    for tie in case.ties:
        if tie.a not in markers or tie.b not in markers or not show_tie(tie):
            continue
        cells = list(_line(*anchor(tie.a), *anchor(tie.b)))
        ties.append((tie, cells))
        _draw_tie(canvas, tie, cells, mine=False)
    for end, region in markers.items():
        for i, char in enumerate(labels[end]):
            canvas.put(region.x + i, region.y, char, "bold", _MARKER)
    return MapBase(canvas, markers, labels, ties)


def _draw_tie(canvas: Canvas, tie: Tie, cells: list[tuple[int, int]], *, mine: bool) -> None:
    lift = 0.5 if mine else 0.0  # the selected's ties on top
    if tie.weak:
        char, style, rank = WEAK_CHAR, "bold yellow" if mine else "yellow", _WEAK
    else:
        # Plain ties are unstyled: they join the blank runs around them (fewer style codes per row).
        char, style, rank = TIE_CHAR, "bold" if mine else "", _TIE
    for x, y in cells:
        canvas.put(x, y, char, style, rank + lift)
    if tie.conflicts and cells:
        # One × in the middle of the line: a whole line of them would hide everything else.
        x, y = cells[len(cells) // 2]
        canvas.put(x, y, CONFLICT_CHAR, "bold red", _CONFLICT + lift)


def with_selection(base: MapBase, selected: str | None) -> Text:
    """The map with `selected` (an actor id, or None) and its ties marked, on a copy of `base`."""
    canvas = base.canvas.copy()
    if selected is not None:
        for tie, cells in base.ties:
            if tie.touches(selected):
                _draw_tie(canvas, tie, cells, mine=True)
        region = base.markers.get(selected)
        if region is not None:
            for i, char in enumerate(base.labels[selected]):
                canvas.put(region.x + i, region.y, char, "bold reverse", _MARKER)
    return canvas.text()


def draw_map(
    case: Case,
    size: Size,
    *,
    selected: str | None = None,
    show_tie: Callable[[Tie], bool] = lambda tie: True,
) -> tuple[Text, dict[str, Region]]:
    """The map as Text, and where each marker landed (for scrolling to the selected one)."""
    base = map_base(case, size, show_tie)
    return with_selection(base, selected), base.markers


class NetworkMap(Widget):
    """Shows the Text that `draw_map` made; the pane redraws it when the case or the view changes.

    Only the rows that changed are repainted (selecting another actor changes two or three rows
    of the map): over SSH every repainted row is bytes on the wire."""

    DEFAULT_CSS = "NetworkMap { width: auto; height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text()
        self._rows: list[Text] = []
        self._size = Size(0, 0)
        self.markers: dict[str, Region] = {}

    def show(self, text: Text, markers: dict[str, Region], size: Size) -> None:
        rows = list(text.split("\n", allow_blank=True))
        self._text, self.markers = text, markers
        if size != self._size:
            self._rows, self._size = rows, size
            self.styles.width, self.styles.height = size.width, size.height
            self.refresh(layout=True)
            return
        changed = [Region(0, y, size.width, 1) for y, row in enumerate(rows) if y >= len(self._rows) or row != self._rows[y]]
        self._rows = rows
        if changed:
            self.refresh(*changed)

    def render(self) -> Text:
        return self._text
