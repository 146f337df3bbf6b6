"""The gauge's charts for a report: the history and the switch point, as SVG for the HTML report
and as text for Markdown. Readable in black and white: intensity and capacity differ by mark
(filled circle / open square, solid / dashed line) and the legend says so, not by colour alone.

No scripts, no links, no user text: only our words (escaped all the same) and numbers.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from models.gauge import Reading, SwitchPoint

Say = Callable[[str], str]

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 30, 40
#: The least room between two readings in the history (a mark is 7 wide).
MIN_GAP = 10.0


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _frame(title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{_e(title)}" '
        'font-family="sans-serif" font-size="11">'
        f"<title>{_e(title)}</title>"
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#fff" stroke="none"/>' + "".join(body) + "</svg>"
    )


def _axes(x_label: str, y_label: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    out = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#000"/>', f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#000"/>']
    for value in range(0, 11, 5):
        y = TOP + plot_h * (10 - value) / 10
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#bbb" stroke-dasharray="1,3"/>')
    out.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 6}" text-anchor="middle">{_e(x_label)}</text>')
    out.append(f'<text x="12" y="{TOP - 10}">{_e(y_label)}</text>')
    return out


def history_svg(readings: Sequence[Reading], say: Say, title: str) -> str:
    """Intensity (filled circles, solid line) and capacity (open squares, dashed) over time."""
    ordered = sorted(readings, key=lambda reading: reading.taken)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    start, end = ordered[0].taken, ordered[-1].taken
    where = dict(zip(map(id, ordered), _x_positions(ordered, LEFT + 8, plot_w - 16)))

    def x(reading: Reading) -> float:
        return where[id(reading)]

    def y(value: int) -> float:
        return TOP + plot_h * (10 - value) / 10

    body = _axes(f"{start:%Y-%m-%d} – {end:%Y-%m-%d}", "0–10")
    intensity = " ".join(f"{x(r):.1f},{y(r.intensity):.1f}" for r in ordered)
    capacity = " ".join(f"{x(r):.1f},{y(r.capacity):.1f}" for r in ordered)
    body.append(f'<polyline points="{intensity}" fill="none" stroke="#000" stroke-width="1.5"/>')
    body.append(f'<polyline points="{capacity}" fill="none" stroke="#000" stroke-width="1.5" stroke-dasharray="5,3"/>')
    for r in ordered:
        body.append(f'<circle cx="{x(r):.1f}" cy="{y(r.intensity):.1f}" r="3.5" fill="#000"/>')
        body.append(f'<rect x="{x(r) - 3.5:.1f}" y="{y(r.capacity) - 3.5:.1f}" width="7" height="7" fill="#fff" stroke="#000"/>')
    legend_y = TOP - 16
    body.append(f'<circle cx="{WIDTH - 250}" cy="{legend_y}" r="3.5" fill="#000"/><text x="{WIDTH - 242}" y="{legend_y + 4}">{_e(say("gauge.field.intensity"))}</text>')
    body.append(f'<rect x="{WIDTH - 123.5}" y="{legend_y - 3.5}" width="7" height="7" fill="#fff" stroke="#000"/><text x="{WIDTH - 112}" y="{legend_y + 4}">{_e(say("gauge.field.capacity"))}</text>')
    return _frame(title, body)


def _x_positions(ordered: Sequence[Reading], left: float, width: float) -> list[float]:
    """Where each reading stands: by time, but at least MIN_GAP right of the one before, so that
    readings of one minute (the form's clock has minutes) stand side by side in the order taken
    instead of on one vertical line; all of one time, evenly in that order."""
    count = len(ordered)
    start = ordered[0].taken
    span = (ordered[-1].taken - start).total_seconds()
    if count == 1:
        return [left]
    ideal = [width * (number / (count - 1) if span <= 0 else (r.taken - start).total_seconds() / span) for number, r in enumerate(ordered)]
    gap = min(MIN_GAP, width / (count - 1))
    for number in range(1, count):
        ideal[number] = max(ideal[number], ideal[number - 1] + gap)
    ideal[-1] = min(ideal[-1], width)
    for number in range(count - 2, -1, -1):
        ideal[number] = min(ideal[number], ideal[number + 1] - gap)
    return [left + offset for offset in ideal]


def scatter_svg(readings: Sequence[Reading], point: SwitchPoint, say: Say, title: str) -> str:
    """Capacity against intensity, a circle per cell sized by its count (the count written in
    it), the threshold as a dashed line and the switch point as a solid vertical line."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    counts: dict[tuple[int, int], int] = {}
    for reading in readings:
        counts[(reading.intensity, reading.capacity)] = counts.get((reading.intensity, reading.capacity), 0) + 1

    def x(value: float) -> float:
        return LEFT + 12 + (plot_w - 24) * value / 10

    def y(value: float) -> float:
        return TOP + plot_h * (10 - value) / 10

    body = _axes(say("gauge.field.intensity") + " 0–10", say("gauge.field.capacity"))
    for value in range(11):
        body.append(f'<text x="{x(value):.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle">{value}</text>')
    body.append(f'<line x1="{LEFT}" y1="{y(point.threshold):.1f}" x2="{WIDTH - RIGHT}" y2="{y(point.threshold):.1f}" stroke="#000" stroke-dasharray="6,4"/>')
    if point.intensity is not None:
        sx = x(point.intensity)
        body.append(f'<line x1="{sx:.1f}" y1="{TOP}" x2="{sx:.1f}" y2="{HEIGHT - BOTTOM}" stroke="#000" stroke-width="2"/>')
        body.append(f'<text x="{sx + 4:.1f}" y="{TOP + 10}">▼ {point.intensity}</text>')
    for (intensity, capacity), count in sorted(counts.items()):
        radius = min(11.0, 5 + 1.5 * count)
        body.append(f'<circle cx="{x(intensity):.1f}" cy="{y(capacity):.1f}" r="{radius:.1f}" fill="#fff" stroke="#000"/>')
        body.append(f'<text x="{x(intensity):.1f}" y="{y(capacity) + 4:.1f}" text-anchor="middle">{count}</text>')
    return _frame(title, body)


def history_text(readings: Sequence[Reading]) -> list[str]:
    """One line per reading, oldest first: the date and two bars (# intensity, = capacity)."""
    ordered = sorted(readings, key=lambda reading: reading.taken)
    return [f"{r.taken:%Y-%m-%d %H:%M}  I {r.intensity:>2} {'#' * r.intensity:<10}  M {r.capacity:>2} {'=' * r.capacity:<10}" for r in ordered]


def scatter_text(readings: Sequence[Reading], point: SwitchPoint) -> list[str]:
    """The TUI's scatter in plain characters: counts per cell, '.' below the threshold, '|' at the switch point."""
    counts: dict[tuple[int, int], int] = {}
    for reading in readings:
        counts[(reading.intensity, reading.capacity)] = counts.get((reading.intensity, reading.capacity), 0) + 1
    lines = ["    " + "".join(" v " if value == point.intensity else "   " for value in range(11))]
    for capacity in range(10, -1, -1):
        row = f"{capacity:>2} |"
        for intensity in range(11):
            count = counts.get((intensity, capacity), 0)
            if count:
                row += f"{count if count < 10 else '+':^3}"
            elif intensity == point.intensity:
                row += " | "
            else:
                row += " . " if capacity < point.threshold else "   "
        lines.append(row.rstrip())
    lines.append("   +" + "-" * 33)
    lines.append("    " + "".join(f"{value:^3}" for value in range(11)))
    return lines
