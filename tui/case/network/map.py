"""The network drawn in characters, as an ecomap: the citizen in the centre, sectors as wedges,
closeness as rings (models.ecomap, the same geometry as the printed SVG).

Each actor is a short unique label (models.ecomap.abbreviations: "JobN", "Mor"), then ★ for the
coordinator and ⊘ for no consent; the selected actor's full name and number stand under the map,
and from 110 columns a legend beside it. Ring edges and wedge borders are faint dots. Ties are
lines (─ │ ╱ ╲); a weak tie is dashed (every other cell); a conflict is one × white on a block on
its own tie, in a cell no other tie crosses. A tie never runs through another actor's label: when
the straight line would, it bends around (bends, elbows, parallel detours; of the free routes the
one sharing fewest cells with ties already drawn), then a cell-by-cell search (A*) between the
labels; only with none free, or above MOST_ROUTED ties, is it drawn straight, under the label
(`MapBase.crossings` counts those). Readable without colour: colour only repeats the shapes.

Drawing is a pure function of the case and a canvas size (`map_base`), run once per change, not
per frame: a new selection only overlays a copy. Markers that would overlap are nudged to the
nearest free cells.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from functools import lru_cache
from itertools import compress, count, groupby
from operator import add, ne
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.content import Content
from textual.style import Style as VisualStyle

from models.documents import Case
from models.ecomap import RING_EDGE, abbreviations, places, wedges
from models.network import CITIZEN, Tie, actor_number
from models.privacy import case_actor_label
from tui.i18n import t
from tui.case.network.cells import CITIZEN_MARK, actor_marks
from rich.cells import cell_len

from textual.containers import Horizontal, ScrollableContainer, Vertical

from tui.widgets.diff_static import DiffStatic, KeptRender, joined_runs

#: Where to try a marker when its own place is taken: (columns, rows), nearest first.
NUDGES = [(0, 0), (0, 1), (0, -1), (3, 0), (-3, 0), (3, 1), (-3, 1), (3, -1), (-3, -1), (0, 2), (0, -2), (6, 0), (-6, 0), (6, 1), (-6, 1)]
#: How far a bent tie may swing out of its straight line, in rows (columns are twice as many).
BENDS = (1, -1, 2, -2, 3, -3, 4, -4, 6, -6, 8, -8)
#: Above this many ties bending is skipped: each bend is a walk along the line per label hit.
MOST_ROUTED = 300
#: The 8 steps from a cell to the next, of a way found cell by cell (`_search`).
STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))
#: The longest label at each canvas width: short at 80 columns, more of the name when there is room.
LABEL_WIDTH = ((150, 9), (110, 7), (0, 5))

# Drawing priority: a higher mark wins a shared cell.
_GRID, _TIE, _WEAK, _CONFLICT, _MARKER = 0.2, 1, 2, 3, 5
TIE_CHAR, WEAK_CHAR, CONFLICT_CHAR, GRID_CHAR = "─", "╌", "×", "·"
CONFLICT_STYLE = "bold bright_white on red"
SLOPE_CHARS = {(1, 0): "─", (0, 1): "│", (1, 1): "╲", (1, -1): "╱"}


@dataclass
class Canvas:
    width: int
    height: int

    def __post_init__(self) -> None:
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.styles = [[""] * self.width for _ in range(self.height)]
        self.rank: list[list[float]] = [[0] * self.width for _ in range(self.height)]

    def copy(self, rows: Iterable[int] | None = None) -> Canvas:
        """A copy to draw on; with `rows`, only those rows are copied and the others are shared
        with this canvas (the caller draws on those rows only): a selection touches a few."""
        other = Canvas(0, 0)
        other.width, other.height = self.width, self.height
        if rows is None:
            other.chars = [row[:] for row in self.chars]
            other.styles = [row[:] for row in self.styles]
            other.rank = [row[:] for row in self.rank]
            return other
        other.chars, other.styles, other.rank = self.chars[:], self.styles[:], self.rank[:]
        for y in rows:
            if 0 <= y < self.height:
                other.chars[y], other.styles[y], other.rank[y] = self.chars[y][:], self.styles[y][:], self.rank[y][:]
        return other

    def put(self, x: int, y: int, char: str, style: str, rank: float) -> None:
        if 0 <= x < self.width and 0 <= y < self.height and rank >= self.rank[y][x]:
            self.chars[y][x], self.styles[y][x], self.rank[y][x] = char, style, rank

    def free(self, x: int, y: int, length: int) -> bool:
        """Room for a marker here, with a blank cell either side so two labels never run together."""
        if not (0 <= y < self.height and x >= 0 and x + length <= self.width):
            return False
        return max(self.rank[y][max(x - 1, 0) : min(x + length + 1, self.width)], default=0) < _MARKER

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


@lru_cache(maxsize=4096)
def _steps(dx: int, dy: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The columns and rows of `_line` from (0, 0) to (dx, dy) (dx, dy ≥ 0): a line's cells depend
    only on how far its end is (Bresenham's steps do not depend on where it starts, and a line
    leftwards or upwards is the mirror image), so each length is walked once, not each tie."""
    cells = list(_line(0, 0, dx, dy))
    return tuple(x for x, _ in cells), tuple(y for _, y in cells)


def _line_cells(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """The cells of `_line(x0, y0, x1, y1)`, from the walk of its length (`_steps`)."""
    xs, ys = _steps(abs(x1 - x0), abs(y1 - y0))
    return list(zip(map(x0.__add__ if x1 >= x0 else x0.__sub__, xs), map(y0.__add__ if y1 >= y0 else y0.__sub__, ys)))


def radii(width: int, height: int) -> tuple[float, float]:
    """The outer ring's half-width and half-height: an ellipse that fills the canvas."""
    return max(1.0, width / 2 - 4), max(1.0, height / 2 - 1)


def label_width(width: int) -> int:
    return next(most for least, most in LABEL_WIDTH if width >= least)


def map_labels(case: Case, width: int, private: bool) -> dict[str, str]:
    """Each actor's short unique label on a map this wide (its shown name abbreviated), and the citizen."""
    names = [case_actor_label(case, actor, private, t(f"network.sector.{actor.sector}")) for actor in case.actors]
    numbers = [actor_number(actor, index) for index, actor in enumerate(case.actors)]
    short = abbreviations(names, label_width(width), numbers)
    labels = {CITIZEN: CITIZEN_MARK}
    for actor, label in zip(case.actors, short):
        labels[actor.id] = f"{label}{actor_marks(actor)}"
    return labels


@dataclass
class MapBase:
    """The map with nothing selected: the grid, sector names, labels, every tie's cells. It depends
    only on the network, the canvas size, the privacy screen and which ties are shown, so a key
    that selects another actor redraws just that actor's ties over a copy of it."""

    canvas: Canvas
    markers: dict[str, Region]
    labels: dict[str, str]
    ties: list[tuple[Tie, list[tuple[int, int]]]]
    #: Ties drawn straight under a label because no bend was free.
    crossings: int = 0
    #: How many ties pass through each cell.
    used: dict[tuple[int, int], int] | None = None
    #: Where each conflict tie's × is (tie id -> cell): a cell no other tie passes through.
    marks: dict[str, tuple[int, int]] | None = None
    #: Each end's ties, as places in `ties` (in drawing order): made when first asked for.
    _by_end: dict[str, list[int]] | None = None

    def ties_of(self, end: str) -> list[tuple[Tie, list[tuple[int, int]]]]:
        """The drawn ties touching `end`, in drawing order: without a pass over every tie."""
        if self._by_end is None:
            by_end: dict[str, list[int]] = {}
            for place, (tie, _cells) in enumerate(self.ties):
                for name in dict.fromkeys((tie.a, tie.b)):
                    by_end.setdefault(name, []).append(place)
            self._by_end = by_end
        return [self.ties[place] for place in self._by_end.get(end, ())]


def _grid(canvas: Canvas, case: Case, cx: int, cy: int, rx: float, ry: float) -> None:
    """Faint ring edges and wedge borders, under everything else."""
    steps = max(60, int(4 * (rx + ry)))
    for ring in (1, 2):
        edge = RING_EDGE[ring]
        for i in range(0, steps, 2):
            angle = 2 * math.pi * i / steps
            canvas.put(round(cx + rx * edge * math.cos(angle)), round(cy + ry * edge * math.sin(angle)), GRID_CHAR, "dim", _GRID)
    for start, _span in wedges(case.actors).values():
        angle = math.radians(start)
        for i in range(0, 5, 2):  # a short tick at the rim, outside the rings
            r = RING_EDGE[2] + (1.05 - RING_EDGE[2]) * i / 4
            canvas.put(round(cx + rx * r * math.cos(angle)), round(cy + ry * r * math.sin(angle)), GRID_CHAR, "dim", _GRID)


def _path(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        cells += _line_cells(x0, y0, x1, y1)
        cells.append((x1, y1))
    return cells[:-1]


def _routes(a: tuple[int, int], b: tuple[int, int]) -> Iterable[list[tuple[int, int]]]:
    """The straight line from a to b, then bends: through a point pushed sideways from the middle."""
    yield _path([a, b])
    (x0, y0), (x1, y1) = a, b
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, (y1 - y0) * 2  # a row is about two columns tall
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length  # the normal, in square units
    for bend in BENDS:
        yield _path([a, (round(mx + nx * bend * 2), round(my + ny * bend)), b])
    # Elbows: along one axis, then the other (round a label that sits on the straight line).
    yield _path([a, (x1, y0), b])
    yield _path([a, (x0, y1), b])
    # Parallel detours: out sideways near one end, along, and back in near the other.
    for bend in BENDS[2:]:
        ox, oy = nx * bend * 2, ny * bend
        yield _path([a, (round(x0 + dx / 4 + ox), round(y0 + (y1 - y0) / 4 + oy)), (round(x0 + 3 * dx / 4 + ox), round(y0 + 3 * (y1 - y0) / 4 + oy)), b])


def _search(a: tuple[int, int], b: tuple[int, int], blocked: Callable[[tuple[int, int]], bool], width: int, height: int) -> list[tuple[int, int]] | None:
    """The cheapest way from a to b through free cells (A*, 8 directions; a row step costs two
    column steps, as a row is about two columns tall), ends left out; None when there is none.
    Only for the ties no straight or bent line could take: O(cells log cells) each."""
    def guess(cell: tuple[int, int]) -> float:
        return abs(cell[0] - b[0]) + 2 * abs(cell[1] - b[1])

    best = {a: 0.0}
    came: dict[tuple[int, int], tuple[int, int]] = {}
    queue = [(guess(a), 0.0, a)]
    while queue:
        _, cost, cell = heapq.heappop(queue)
        if cell == b:
            path = []
            while cell != a:
                cell = came[cell]
                path.append(cell)
            return path[::-1][1:]
        if cost > best.get(cell, math.inf):
            continue
        x, y = cell
        for dx, dy in STEPS:
            step = (x + dx, y + dy)
            if not (0 <= step[0] < width and 0 <= step[1] < height) or (step != b and blocked(step)):
                continue
            new = cost + (2.2 if dx and dy else 2.0 if dy else 1.0)
            if new < best.get(step, math.inf):
                best[step], came[step] = new, cell
                heapq.heappush(queue, (new + guess(step), new, step))
    return None


#: The cells no label owns, in parts joined by `_search`'s steps (cell -> part), and the owned
#: cells next to each part (part -> cells).
FreeParts = tuple[dict[tuple[int, int], int], dict[int, set[tuple[int, int]]]]


def _free_parts(owner: dict[tuple[int, int], str], width: int, height: int) -> FreeParts:
    """The canvas's cells no label (or ×) owns, in connected parts, with the owned cells beside
    each part. Cells only ever become owned (a conflict's × takes one), never free again, so
    the parts stay a way of over-estimating where a search can go."""
    part: dict[tuple[int, int], int] = {}
    beside: dict[int, set[tuple[int, int]]] = {}
    for start in ((x, y) for y in range(height) for x in range(width)):
        if start in owner or start in part:
            continue
        number = len(beside) + 1
        border: set[tuple[int, int]] = set()
        beside[number], part[start], stack = border, number, [start]
        while stack:
            x, y = stack.pop()
            for dx, dy in STEPS:
                step = (x + dx, y + dy)
                if not (0 <= step[0] < width and 0 <= step[1] < height) or step in part:
                    continue
                if step in owner:
                    border.add(step)
                else:
                    part[step] = number
                    stack.append(step)
    return part, beside


def _may_reach(a: tuple[int, int], b: tuple[int, int], mine: set[str], owner: dict[tuple[int, int], str], parts: FreeParts, width: int, height: int) -> bool:
    """False only when `_search` from a to b finds no way: its steps go through cells no label
    owns (whole parts at once), the tie's own labels' cells and b. The parts were made from an
    owner map with fewer owned cells than now, so they can only join more than a search can."""
    part, beside = parts
    if b not in owner and b in part:  # never on the map (b is in its label), but then its part is the way in
        target = part[b]
    else:
        target = None
    seen_cells, seen_parts, stack = {a}, set(), [a]

    def enter(step: tuple[int, int]) -> bool:
        """Whether step is b; else step's part or own cell taken on."""
        if step == b:
            return True
        if step in owner:
            if owner[step] in mine and step not in seen_cells:
                seen_cells.add(step)
                stack.append(step)
            return False
        number = part.get(step)  # free now, so free when the parts were made
        if number is not None and number not in seen_parts:
            if number == target:
                return True
            seen_parts.add(number)
            for cell in beside[number]:
                if cell == b:
                    return True
                if owner.get(cell) in mine and cell not in seen_cells:
                    seen_cells.add(cell)
                    stack.append(cell)
        return False

    while stack:
        x, y = stack.pop()
        for dx, dy in STEPS:
            step = (x + dx, y + dy)
            if 0 <= step[0] < width and 0 <= step[1] < height and enter(step):
                return True
    return False


def _blocked_for(owner: dict[tuple[int, int], str], mine: set[str]) -> Callable[[tuple[int, int]], bool]:
    """A cell is blocked for a tie when it belongs to a label other than the tie's own two."""
    return lambda cell: cell in owner and owner[cell] not in mine


def map_base(case: Case, size: Size, show_tie: Callable[[Tie], bool] = lambda tie: True, private: bool = False) -> MapBase:
    width, height = max(size.width, 10), max(size.height, 5)
    canvas = Canvas(width, height)
    cx, cy = width // 2, height // 2
    rx, ry = radii(width, height)
    _grid(canvas, case, cx, cy, rx, ry)
    for sector, (start, span) in wedges(case.actors).items():
        angle = math.radians(start + span / 2)
        label = t(f"network.sector_short.{sector}").upper()
        x = round(cx + (rx + 2) * math.cos(angle)) - len(label) // 2
        y = round(cy + (ry + 1) * math.sin(angle))
        x, y = min(max(x, 0), width - len(label)), min(max(y, 0), height - 1)
        for i, char in enumerate(label):  # reserved like a marker: markers find room around it
            canvas.put(x + i, y, char, "italic", _MARKER)

    labels = map_labels(case, width, private)
    markers: dict[str, Region] = {}
    spots = {CITIZEN: (0.0, 0.0), **places(case.actors)}
    for end, (ux, uy) in spots.items():
        x, y = round(cx + rx * ux), round(cy + ry * uy)
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

    # Which label (with a blank cell either side) each cell belongs to: a tie may not cross one.
    owner: dict[tuple[int, int], str] = {}
    inside: set[tuple[int, int]] = set()  # the labels' own cells, without the blank either side
    for end, region in markers.items():
        for x in range(region.x - 1, region.x + region.width + 1):
            owner[(x, region.y)] = end
            if region.x <= x < region.x + region.width:
                inside.add((x, region.y))

    anchors = {end: (region.x + region.width // 2, region.y) for end, region in markers.items()}
    anchor = anchors.__getitem__

    shown = [tie for tie in case.ties if tie.a in markers and tie.b in markers and show_tie(tie)]
    # Conflict ties first: they take the freest routes, so each × is likelier to get a cell of its own.
    shown.sort(key=lambda tie: not tie.conflicts)
    route = len(shown) <= MOST_ROUTED
    by_place = None if route else _by_place(owner, inside, width, height)
    ties, crossings = [], 0
    parts: FreeParts | None = None  # made after the first search that finds no way
    marks: dict[str, tuple[int, int]] = {}
    used: Counter[tuple[int, int]] = Counter()
    for tie in shown:
        mine = {tie.a, tie.b}
        best: list[tuple[int, int]] | None
        if not route:
            # Above MOST_ROUTED every tie is drawn straight, whatever it crosses.
            best, free = _straight(anchor(tie.a), anchor(tie.b), owner, inside, mine, width, height, by_place)
            crossings += not free
            taken = _placed(tie, best, used, marks, owner)
            if taken is not None and by_place is not None:
                by_place[0][taken[1] * width + taken[0]] = owner[taken]
            ties.append((tie, best))
            continue
        best, best_shared = None, math.inf
        for cells in _routes(anchor(tie.a), anchor(tie.b)):
            cells = [cell for cell in cells if cell not in inside or owner.get(cell) not in mine]
            if best is None:  # the straight line: kept if nothing better is free
                best = [cell for cell in cells if 0 <= cell[0] < width and 0 <= cell[1] < height]
            if all(0 <= cell[0] < width and 0 <= cell[1] < height and owner.get(cell, tie.a) in mine for cell in cells):
                # Free of labels; of those, the one that shares the fewest cells with ties already
                # drawn, so two ties are not one line and a conflict's × has a cell of its own.
                shared = sum(1 for cell in cells if cell in used) + len(cells) / 10
                if shared < best_shared:
                    best, best_shared = cells, shared
                if shared < len(cells) / 10 + 1:
                    break
        if best_shared == math.inf:
            # No line or bend is free: find a way between the labels, cell by cell (not when the
            # parts of the canvas between the labels say there is none: a search that finds none
            # looks at every cell it can reach, ~0.4 ms, and on a crowded map most find none).
            found = None
            if parts is None or _may_reach(anchor(tie.a), anchor(tie.b), mine, owner, parts, width, height):
                found = _search(anchor(tie.a), anchor(tie.b), _blocked_for(owner, mine), width, height)
                if found is None and parts is None:
                    parts = _free_parts(owner, width, height)
            if found is not None:
                best = [cell for cell in found if cell not in inside]
            else:
                crossings += 1
        assert best is not None
        ties.append((tie, best))
        _placed(tie, best, used, marks, owner)
    _draw_ties(canvas, ties, marks)
    for end, region in markers.items():
        for i, char in enumerate(labels[end]):
            canvas.put(region.x + i, region.y, char, "bold", _MARKER)
    return MapBase(canvas, markers, labels, ties, crossings, used, marks)


@lru_cache(maxsize=4)
def _canvas_cells(width: int, height: int) -> tuple[tuple[int, int], ...]:
    """Every cell (x, y) of a canvas, row after row: the lines of the ties are lists of these,
    not of new pairs (3000 ties at the caps pass over ~51,000 cells, all kept in `MapBase.ties`:
    as new pairs each one more object for the garbage collector to count and look at)."""
    return tuple((x, y) for y in range(height) for x in range(width))


#: The owner of each cell of the canvas (`map_base`'s owner map) and whether it is inside a label,
#: by the cell's place (y × width + x): a line's cells are looked up by place, no pair hashed.
ByPlace = tuple[list[str | None], bytearray]


def _by_place(owner: dict[tuple[int, int], str], inside: set[tuple[int, int]], width: int, height: int) -> ByPlace:
    owner_at: list[str | None] = [None] * (width * height)
    inside_at = bytearray(width * height)
    for (x, y), end in owner.items():
        if 0 <= x < width and 0 <= y < height:  # a label's blank either side may be off the canvas
            owner_at[y * width + x] = end
    for x, y in inside:
        if 0 <= x < width and 0 <= y < height:
            inside_at[y * width + x] = 1
    return owner_at, inside_at


def _straight(
    a: tuple[int, int],
    b: tuple[int, int],
    owner: dict[tuple[int, int], str],
    inside: set[tuple[int, int]],
    mine: set[str],
    width: int,
    height: int,
    by_place: ByPlace | None = None,
) -> tuple[list[tuple[int, int]], bool]:
    """The straight line's cells from a to b (`_line`) without those inside the tie's own labels,
    and whether it is free (no cell of another label or of another tie's ×): what the route
    search finds for the straight line. `by_place`: `owner` and `inside` by place (made if not given)."""
    (x0, y0), (x1, y1) = a, b
    if not (0 <= x0 < width and 0 <= x1 < width and 0 <= y0 < height and 0 <= y1 < height):  # never: the anchors are on the canvas
        cells = [cell for cell in _line_cells(x0, y0, x1, y1) if cell not in inside or owner.get(cell) not in mine]
        kept = [cell for cell in cells if 0 <= cell[0] < width and 0 <= cell[1] < height]
        return kept, len(kept) == len(cells) and all(owner[cell] in mine for cell in cells if cell in owner)
    owner_at, inside_at = by_place if by_place is not None else _by_place(owner, inside, width, height)
    # Between two cells on the canvas every cell of the line is on it: the line's cells are the
    # canvas's, found by their place in it (start + column step ± row steps of the width).
    xs, ys = _steps(abs(x1 - x0), abs(y1 - y0))
    start = y0 * width + x0
    across = map(start.__add__ if x1 >= x0 else start.__sub__, xs)
    places = list(map(add, across, map((width if y1 >= y0 else -width).__mul__, ys)))
    every = _canvas_cells(width, height)
    owners = list(map(owner_at.__getitem__, places))
    if not any(owners):
        return list(map(every.__getitem__, places)), True
    cells, free = [], True
    for place, end in zip(places, owners):
        if end is not None:
            if end not in mine:
                free = False
            elif inside_at[place]:
                continue  # inside the tie's own label
        cells.append(every[place])
    return cells, free


def _placed(
    tie: Tie, cells: list[tuple[int, int]], used: Counter[tuple[int, int]], marks: dict[str, tuple[int, int]], owner: dict[tuple[int, int], str]
) -> tuple[int, int] | None:
    """A tie's route chosen: its × placed, its cells counted as used. The cell its × took for its
    own (an owner now), if any."""
    taken = None
    if tie.conflicts:
        # The × goes in the cell nearest the middle that no tie drawn before uses, and later
        # ties keep out of it (as out of a label): the mark belongs to this tie alone.
        spot = conflict_cell(cells, used)
        if spot is not None:
            marks[tie.id] = spot
            if used.get(spot, 0) == 0:
                owner[spot] = f"×{tie.id}"  # no end's: every later tie keeps out
                taken = spot
    used.update(cells)
    return taken


def _draw_ties(canvas: Canvas, ties: list[tuple[Tie, list[tuple[int, int]]]], marks: dict[str, tuple[int, int]]) -> None:
    """The ties drawn as `_draw_tie` would draw them one after another (mine=False), each cell
    worked out once. A cell ends with the last put of the highest rank (`Canvas.put` lets a put
    of at least the cell's rank win), so the ties are walked from the last one back: a put wins
    a cell only with a rank above every later put's, and only the winner's character is made.
    At the caps 3000 ties pass over ~51,000 cells of ~840 different ones."""
    winner: dict[tuple[int, int], tuple[float, list[tuple[int, int]] | None, int, bool]] = {}
    no_rank: tuple[float, list[tuple[int, int]] | None, int, bool] = (-1.0, None, 0, False)
    for tie, cells in reversed(ties):
        mark = marks.get(tie.id)
        if tie.conflicts and mark is not None and winner.get(mark, no_rank)[0] < _CONFLICT:  # put after the tie's cells
            winner[mark] = (_CONFLICT + 0.0, None, 0, False)
        weak = tie.weak  # a property (the mean of its ratings): once per tie, not once per cell
        rank = (_WEAK if weak else _TIE) + 0.0  # as _draw_tie's rank + lift: a float
        for i in range(len(cells) - 1, -1, -1):
            cell = cells[i]
            if winner.get(cell, no_rank)[0] < rank:
                winner[cell] = (rank, cells, i, weak)
    chars, styles, ranks = canvas.chars, canvas.styles, canvas.rank
    for (x, y), (rank, line, i, weak) in winner.items():
        if not (0 <= x < canvas.width and 0 <= y < canvas.height) or rank < ranks[y][x]:
            continue
        if line is None:
            # White on a block: reads in every colour mode (see _draw_tie).
            char, style = CONFLICT_CHAR, CONFLICT_STYLE
        elif weak:
            char, style = (" " if i % 2 else _slope_char(line, i)), "yellow"
        else:
            char, style = _slope_char(line, i), ""
        chars[y][x], styles[y][x], ranks[y][x] = char, style, rank


def _slope_char(cells: list[tuple[int, int]], i: int) -> str:
    """The line character for cell i, from its neighbours on the tie."""
    x0, y0 = cells[max(i - 1, 0)]
    x1, y1 = cells[min(i + 1, len(cells) - 1)]
    dx, dy = x1 - x0, y1 - y0
    if dx == 0 and dy == 0:
        return TIE_CHAR
    if abs(dx) >= 2 * abs(dy):
        return "─"
    if abs(dy) >= 2 * abs(dx) or dx == 0:
        return "│"
    return "╲" if (dx > 0) == (dy > 0) else "╱"


def conflict_cell(cells: list[tuple[int, int]], used: dict[tuple[int, int], int]) -> tuple[int, int] | None:
    """Where a conflict's × goes: the cell nearest the middle that no tie in `used` (how many ties
    pass through each cell, ≥ 1) passes through (else the middle)."""
    if not cells:
        return None
    middle = len(cells) // 2
    if all(map(used.__contains__, cells)):  # often so at the caps (`used` holds no zeros): no look cell by cell
        return cells[middle]
    for offset in range(len(cells)):
        for i in (middle - offset, middle + offset):
            if 0 <= i < len(cells) and used.get(cells[i], 0) == 0:
                return cells[i]
    return cells[middle]


def _draw_tie(canvas: Canvas, tie: Tie, cells: list[tuple[int, int]], *, mine: bool, mark: tuple[int, int] | None = None) -> None:
    lift = 0.5 if mine else 0.0  # the selected's ties on top
    weak = tie.weak  # a property (the mean of its ratings): once per tie, not once per cell
    if weak:
        style, rank = ("bold yellow" if mine else "yellow"), _WEAK
    else:
        # Plain ties are unstyled: they join the blank runs around them (fewer style codes per row).
        style, rank = ("bold" if mine else ""), _TIE
    for i, (x, y) in enumerate(cells):
        # A weak tie is dashed: every other cell is left blank (but still its own, over the grid).
        char = " " if weak and i % 2 else _slope_char(cells, i)
        canvas.put(x, y, char, style, rank + lift)
    if tie.conflicts and mark is not None:
        # White on a block: reads in every colour mode (NO_COLOR greys the red block, and white on
        # grey still stands out; reverse video of a red × went grey on near-black there).
        canvas.put(*mark, CONFLICT_CHAR, CONFLICT_STYLE, _CONFLICT + lift)


def selection_canvas(base: MapBase, selected: str | None) -> Canvas:
    """The map with `selected` (an actor id, or None) and its ties marked, on a copy of `base`."""
    if selected is None:
        return base.canvas.copy(rows=())
    mine = base.ties_of(selected)
    marks = base.marks or {}
    region = base.markers.get(selected)
    # Only the rows the selection draws on are copied (its ties, their ×, its label).
    rows = {y for _tie, cells in mine for _x, y in cells}
    rows.update(marks[tie.id][1] for tie, _cells in mine if tie.id in marks)
    if region is not None:
        rows.add(region.y)
    canvas = base.canvas.copy(rows=rows)
    for tie, cells in mine:
        _draw_tie(canvas, tie, cells, mine=True, mark=marks.get(tie.id))
    if region is not None:
        for i, char in enumerate(base.labels[selected]):
            canvas.put(region.x + i, region.y, char, "bold reverse", _MARKER)
    return canvas


def with_selection(base: MapBase, selected: str | None) -> Text:
    """The map with `selected` (an actor id, or None) and its ties marked, as Text."""
    return selection_canvas(base, selected).text()


def draw_map(
    case: Case,
    size: Size,
    *,
    selected: str | None = None,
    show_tie: Callable[[Tie], bool] = lambda tie: True,
    private: bool = False,
) -> tuple[Text, dict[str, Region]]:
    """The map as Text, and where each marker landed (for scrolling to the selected one)."""
    base = map_base(case, size, show_tie, private)
    return with_selection(base, selected), base.markers


class NetworkMap(DiffStatic):
    """Shows the map's canvas; the pane redraws it when the case or the view changes.

    Only the cells that changed are repainted (selecting another actor changes its ties and
    label, and the last one's): over SSH every repainted cell is bytes on the wire. And only the
    rows that changed are drawn again, straight from the canvas's cells into the strips a Static
    would draw from `canvas.text()` (tests/test_network_map.py compares the two)."""

    DEFAULT_CSS = "NetworkMap { width: auto; height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self._size = Size(0, 0)
        self.markers: dict[str, Region] = {}
        self._canvas: Canvas | None = None
        #: (width, style) the rows were last drawn at, those rows' cells and styles, and their strips.
        self._drawn: tuple[object, list[list[str]], list[list[str]], list[Strip]] | None = None
        self._looks: dict[str, VisualStyle] = {}  # a canvas style -> the style drawn, at self._drawn's key
        self._placed: dict[tuple[str, int, int], Style] = {}  # (canvas style, x, y) -> the rich style drawn there
        # A canvas style -> the first canvas style seen that looks the same (at self._drawn's key).
        self._same_look: dict[str, str] = {}
        self._look_names: dict[str, str] = {}

    def show(self, canvas: Canvas, markers: dict[str, Region], size: Size) -> None:
        self.markers = markers
        self._canvas = canvas
        if size != self._size:
            self._size = size
            self.styles.width, self.styles.height = size.width, size.height
            self.refresh(layout=True)
            return
        self.repaint_changes()

    def repaint_changes(self) -> None:
        """Repaint the cells whose character or style changed on the canvas since it was last
        drawn: found from the canvas's own rows (the rows a selection did not touch are the
        very lists drawn before), not by taking the drawn strips apart cell by cell as a
        DiffStatic does. Equal cells on the canvas are equal cells on the screen (one look per
        canvas style). A row with a wide character is left to the DiffStatic."""
        drawn, base = self._drawn, self.visual_style
        if self._strips is None or not self.is_mounted or self._strips_key != self._key() or drawn is None or drawn[0] != (self.size.width, base):
            super().repaint_changes()
            return
        old_chars, old_styles, old_strips = drawn[1], drawn[2], self._strips
        new = self._draw()
        canvas = self._canvas
        assert canvas is not None
        width = self.size.width
        regions: list[Region] = []
        for y in range(max(len(old_strips), len(new))):
            if y >= len(old_strips) or y >= len(new) or y >= len(old_chars):
                regions.append(Region(0, y, width, 1))
                continue
            chars, styles, before, before_styles = canvas.chars[y], canvas.styles[y], old_chars[y], old_styles[y]
            if chars is before and styles is before_styles:
                continue
            if len(chars) != len(before) or cell_len("".join(chars)) != len(chars) or cell_len("".join(before)) != len(before):
                regions.append(Region(0, y, width, 1))  # rare (a wide character in a name): the whole row
                continue
            # The cells that differ, found in C; two styles that look the same on the screen (bold
            # on a map already bold while focused) are the same.
            same = self._same_look
            for style in {*styles, *before_styles} - same.keys():
                same[style] = self._look_names.setdefault(str(self._look(style, base).rich_style), style)
            differ = sorted({*compress(count(), map(ne, chars, before)), *compress(count(), map(ne, map(same.__getitem__, styles), map(same.__getitem__, before_styles)))})
            regions += [Region(start, y, end - start, 1) for start, end in joined_runs(differ)]
        self._strips = new
        if regions:
            self.refresh(*regions)
        else:
            self.unchanged_updates += 1

    def _look(self, style: str, base: VisualStyle) -> VisualStyle:
        """As a Static draws a Text span of this style on the widget's style (content.py)."""
        look = self._looks.get(style)
        if look is None:
            if style:  # the span's style as Content.from_rich_text makes it (the app's ANSI theme)
                span = Content.from_rich_text(Text(" ", spans=[Span(0, 1, style)])).spans[0].style
                look = base + VisualStyle.combine([base, span if isinstance(span, VisualStyle) else self._get_style(span)])
            else:
                look = base + base
            self._looks[style] = look
        return look

    def _row(self, chars: list[str], styles: list[str], y: int, base: VisualStyle) -> Strip:
        segments = []
        start = 0
        placed = self._placed
        for style, run in groupby(styles):
            end = start + len(list(run))
            # The offset in each style's meta, as Textual puts it there for the mouse; the same
            # look at the same place is made once (a selection redraws the same rows again).
            rich = placed.get((style, start, y))
            if rich is None:
                if len(placed) > 4096:
                    placed.clear()
                rich = placed[(style, start, y)] = self._look(style, base).rich_style_with_offset(start, y)
            segments.append(Segment("".join(chars[start:end]), rich))
            start = end
        return Strip(segments, len(chars))

    def _draw(self) -> list[Strip]:
        canvas = self._canvas
        if canvas is None:
            return []
        base = self.visual_style
        key = (self.size.width, base)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn, self._looks, self._placed, self._same_look, self._look_names = None, {}, {}, {}, {}
        strips = []
        for y in range(min(canvas.height, self.size.height)):
            chars, styles = canvas.chars[y], canvas.styles[y]
            # A row the selection did not touch is the very list drawn before (shared, not copied).
            if self._drawn is not None and y < len(self._drawn[3]) and (self._drawn[1][y] is chars or self._drawn[1][y] == chars) and (self._drawn[2][y] is styles or self._drawn[2][y] == styles):
                strips.append(self._drawn[3][y])
            else:
                strips.append(self._row(chars, styles, y, base))
        self._drawn = (key, canvas.chars, canvas.styles, strips)
        return strips


# The map view's containers (the pane's `_make_view`), here to be made with the map. They keep
# their own lines (background) between frames (`KeptRender`): every frame of n/p on the map
# crosses all of them.
class _Column(KeptRender, Vertical):
    pass


class _Row(KeptRender, Horizontal):
    pass


class _MapScroll(KeptRender, ScrollableContainer):
    pass
