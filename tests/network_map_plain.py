"""The network map drawn the plain way, as it was drawn before the build was made to cost what
it shows (session 10): every tie's cells found by walking its line (Bresenham) and every tie drawn
cell by cell with `Canvas.put`, the later of two equal ranks winning a cell. Kept only as the
reference tests/test_network_map_plain.py holds `tui.case.network.map.map_base` to: the same
cells, characters, styles and ranks, the same markers, routes, crossings, uses and × marks."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable

from textual.geometry import Region, Size

from models.documents import Case
from models.ecomap import places, wedges
from models.network import CITIZEN, Tie
from tui.case.network.map import _CONFLICT, _MARKER, _TIE, _WEAK, BENDS, CONFLICT_CHAR, CONFLICT_STYLE, MOST_ROUTED, NUDGES, TIE_CHAR, Canvas, MapBase, _grid, map_labels, radii
from tui.i18n import t


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



def _path(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        cells += list(_line(x0, y0, x1, y1))
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
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)):
            step = (x + dx, y + dy)
            if not (0 <= step[0] < width and 0 <= step[1] < height) or (step != b and blocked(step)):
                continue
            new = cost + (2.2 if dx and dy else 2.0 if dy else 1.0)
            if new < best.get(step, math.inf):
                best[step], came[step] = new, cell
                heapq.heappush(queue, (new + guess(step), new, step))
    return None


def _blocked_for(owner: dict[tuple[int, int], str], mine: set[str]) -> Callable[[tuple[int, int]], bool]:
    """A cell is blocked for a tie when it belongs to a label other than the tie's own two."""
    return lambda cell: cell in owner and owner[cell] not in mine


def plain_map_base(case: Case, size: Size, show_tie: Callable[[Tie], bool] = lambda tie: True, private: bool = False) -> MapBase:
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

    def anchor(end: str) -> tuple[int, int]:
        region = markers[end]
        return region.x + region.width // 2, region.y

    shown = [tie for tie in case.ties if tie.a in markers and tie.b in markers and show_tie(tie)]
    # Conflict ties first: they take the freest routes, so each × is likelier to get a cell of its own.
    shown.sort(key=lambda tie: not tie.conflicts)
    route = len(shown) <= MOST_ROUTED
    ties, crossings = [], 0
    marks: dict[str, tuple[int, int]] = {}
    used: dict[tuple[int, int], int] = {}
    for tie in shown:
        mine = {tie.a, tie.b}
        best: list[tuple[int, int]] | None = None
        best_shared = math.inf
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
                if shared < len(cells) / 10 + 1 or not route:
                    break
            if not route:
                break
        if best_shared == math.inf and route:
            # No line or bend is free: find a way between the labels, cell by cell.
            found = _search(anchor(tie.a), anchor(tie.b), _blocked_for(owner, mine), width, height)
            if found is not None:
                best = [cell for cell in found if cell not in inside]
            else:
                crossings += 1
        elif best_shared == math.inf:
            crossings += 1
        assert best is not None
        ties.append((tie, best))
        if tie.conflicts:
            # The × goes in the cell nearest the middle that no tie drawn before uses, and later
            # ties keep out of it (as out of a label): the mark belongs to this tie alone.
            spot = conflict_cell(best, used)
            if spot is not None:
                marks[tie.id] = spot
                if used.get(spot, 0) == 0:
                    owner[spot] = f"×{tie.id}"  # no end's: every later tie keeps out
        for cell in best:
            used[cell] = used.get(cell, 0) + 1
    for tie, cells in ties:
        _draw_tie(canvas, tie, cells, mine=False, mark=marks.get(tie.id))
    for end, region in markers.items():
        for i, char in enumerate(labels[end]):
            canvas.put(region.x + i, region.y, char, "bold", _MARKER)
    return MapBase(canvas, markers, labels, ties, crossings, used, marks)


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
    """Where a conflict's × goes: the cell nearest the middle that no tie in `used` passes through
    (else the middle)."""
    if not cells:
        return None
    middle = len(cells) // 2
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


