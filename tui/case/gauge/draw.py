"""Drawings of the gauge in text: two meters, the history over time, the scatter.

Each returns rich Text lines that read without colour: the two series differ by symbol
(● intensity, ○ capacity, ◉ both), the zone by its symbol and word, and colour only adds to
that. Pure functions of the readings, so tests can check them cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.style import Style
from rich.text import Span, Text

from models.gauge import Reading, SwitchPoint

INTENSITY_STYLE = "bold bright_red"
CAPACITY_STYLE = "bold bright_cyan"
INTENSITY_MARK, CAPACITY_MARK, BOTH_MARK = "●", "○", "◉"
SCALE = range(10, -1, -1)  # rows top to bottom


def without_colour(lines: list[Text]) -> list[Text]:
    """The same lines with bold/dim kept and colours dropped: NO_COLOR's grey for red is too dark to read."""
    for line in lines:
        line.spans = [Span(span.start, span.end, Style.parse(span.style).without_color if isinstance(span.style, str) else span.style.without_color) for span in line.spans]
    return lines


def meters(intensity: int, capacity: int, labels: tuple[str, str], width: int = 6) -> list[Text]:
    """Two vertical meters side by side, 0 at the bottom, 10 at the top, the value under each."""
    first, second = labels
    col = max(width + 2, len(first) + 1, len(second) + 1)
    lines = [Text(" " * 3) + Text(first.center(col), style="bold") + Text(second.center(col), style="bold")]
    for level in range(10, 0, -1):
        row = Text(f"{level:>2} ")
        for value, style in ((intensity, INTENSITY_STYLE), (capacity, CAPACITY_STYLE)):
            # Only the filled part is styled: fewer style changes, fewer bytes per frame over SSH.
            bar = Text("█" * width, style=style) if value >= level else Text(" " * width)
            row += Text("┃".rjust((col - width) // 2)) + bar + Text("┃".ljust(col - width - (col - width) // 2))
        lines.append(row)
    bottom = Text(" 0 ")
    for _ in range(2):
        pad = (col - width) // 2
        bottom += Text(("┗".rjust(pad) + "━" * width + "┛").ljust(col))
    lines.append(bottom)
    values = Text(" " * 3)
    for value, style in ((intensity, INTENSITY_STYLE), (capacity, CAPACITY_STYLE)):
        values += Text(f"{value}/10".center(col), style=style)
    lines.append(values)
    return lines


def _column_values(readings: Sequence[Reading], columns: int) -> list[tuple[int, int] | None]:
    """Bucket the readings by time into `columns` equal spans; the rounded means per span.
    Readings all taken at one time (the form's clock has minutes: several rated after one call)
    are spread in the order taken, not drawn as their mean in one column."""
    start, end = readings[0].taken, readings[-1].taken
    span = (end - start).total_seconds()
    same_time = span <= 0
    if same_time:
        span = len(readings) - 1
    buckets: list[list[Reading]] = [[] for _ in range(columns)]
    for number, reading in enumerate(readings):
        offset = number if same_time else (reading.taken - start).total_seconds()
        index = 0 if span <= 0 else min(columns - 1, int(offset / span * (columns - 1) + 0.5))
        buckets[index].append(reading)
    out: list[tuple[int, int] | None] = []
    for bucket in buckets:
        if not bucket:
            out.append(None)
            continue
        n = len(bucket)
        out.append((_round_half_up(sum(r.intensity for r in bucket) / n), _round_half_up(sum(r.capacity for r in bucket) / n)))
    return out


def _round_half_up(value: float) -> int:
    return int(value + 0.5)


def history(readings: Sequence[Reading], width: int) -> list[Text]:
    """Intensity and capacity over time: 11 rows (10 at the top), then the time axis.

    `readings` must be sorted by time. Each column is an equal span of time from the first
    reading to the last; a column holding several readings shows their means.
    """
    columns = max(4, width - 4)
    if len(readings) == 1:
        columns = 1
    values = _column_values(readings, columns) if readings else []
    lines: list[Text] = []
    for level in SCALE:
        row = Text(f"{level:>2} ┤" if level in (0, 5, 10) else "   │", style="dim")
        for cell in values:
            if cell is None:
                row.append(" ")
                continue
            intensity, capacity = cell
            if intensity == level and capacity == level:
                row.append(BOTH_MARK, style="bold magenta")
            elif intensity == level:
                row.append(INTENSITY_MARK, style=INTENSITY_STYLE)
            elif capacity == level:
                row.append(CAPACITY_MARK, style=CAPACITY_STYLE)
            else:
                row.append(" ")
        lines.append(row)
    lines.append(Text("   └" + "─" * len(values), style="dim"))
    if readings:
        lines.append(Text("    " + _time_labels(readings[0].taken, readings[-1].taken, len(values))))
    return lines


def _time_labels(start: datetime, end: datetime, columns: int) -> str:
    first, last = f"{start:%d.%m.%y}", f"{end:%d.%m.%y}"
    if first == last or columns < len(first) + len(last) + 1:
        return first
    middle = start + (end - start) / 2
    label = f"{middle:%d.%m.%y}"
    gap = columns - len(first) - len(last)
    if gap >= 2 * len(label) + 2:
        left = (gap - len(label)) // 2
        return first + " " * left + label + " " * (gap - len(label) - left) + last
    return first + " " * gap + last


def scatter(readings: Sequence[Reading], point: SwitchPoint) -> list[Text]:
    """Capacity (rows, 10 at the top) against intensity (columns 0-10), each cell the number of
    readings there. Cells below the threshold are shaded with ·, the switch point's column is
    marked with ┊ and a ▼ over it."""
    counts: dict[tuple[int, int], int] = {}
    for reading in readings:
        key = (reading.intensity, reading.capacity)
        counts[key] = counts.get(key, 0) + 1
    switch = point.intensity
    lines = [Text("    " + "".join(" ▼ " if x == switch else "   " for x in range(11)), style="bold")]
    for capacity in SCALE:
        row = Text(f"{capacity:>2} │", style="dim")
        below = capacity < point.threshold
        for intensity in range(11):
            count = counts.get((intensity, capacity), 0)
            if count:
                row.append(f"{count if count < 10 else '+':^3}", style="bold")
            elif intensity == switch:
                row.append(" ┊ ", style="bold")
            elif below:
                row.append(" · ", style="dim")
            else:
                row.append("   ")
        lines.append(row)
    lines.append(Text("   └" + "─" * 33, style="dim"))
    lines.append(Text("    " + "".join(f"{x:^3}" for x in range(11)), style="dim"))
    return lines
