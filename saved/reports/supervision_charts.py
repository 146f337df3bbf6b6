"""The STORM scales' course over the sessions, for a supervision report: SVG for HTML, text for
Markdown. Black and white: each question has its own mark (circle, square, triangle) and line
(solid, dashed, dotted) and is labelled M1-M3 at its last point. Numbers and dates only; the
question texts stay in the Markdown list above the chart."""

from __future__ import annotations

from datetime import date

from saved.reports.gauge_charts import HEIGHT, LEFT, RIGHT, TOP, BOTTOM, WIDTH, _e, _frame

DASHES = ("", "6,4", "1.5,3")
SCALE_MIN, SCALE_MAX = 1, 10


def _mark(kind: int, x: float, y: float) -> str:
    if kind == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#000"/>'
    if kind == 1:
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#fff" stroke="#000"/>'
    return f'<polyline points="{x - 4.5:.1f},{y + 4:.1f} {x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 4:.1f} {x - 4.5:.1f},{y + 4:.1f}" fill="#fff" stroke="#000"/>'


def trend_svg(course: dict[str, list[tuple[date, int]]], title: str) -> str:
    dates = sorted({when for points in course.values() for when, _ in points})
    plot_w, plot_h = WIDTH - LEFT - RIGHT - 30, HEIGHT - TOP - BOTTOM

    def x(when: date) -> float:
        return LEFT + 20 + (plot_w - 20) * (dates.index(when) / max(1, len(dates) - 1))

    def y(value: int) -> float:
        return TOP + plot_h * (SCALE_MAX - value) / (SCALE_MAX - SCALE_MIN)

    body = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#000"/>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#000"/>',
    ]
    for value in (1, 5, 10):
        body.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>')
        body.append(f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" stroke="#bbb" stroke-dasharray="1,3"/>')
    for when in dates:
        body.append(f'<text x="{x(when):.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle">{_e(when.isoformat())}</text>')
    for number, points in enumerate(course.values()):
        kind = number % 3
        line = " ".join(f"{x(when):.1f},{y(value):.1f}" for when, value in points)
        dash = f' stroke-dasharray="{DASHES[kind]}"' if DASHES[kind] else ""
        body.append(f'<polyline points="{line}" fill="none" stroke="#000" stroke-width="1.5"{dash}/>')
        body += [_mark(kind, x(when), y(value)) for when, value in points]
        last_when, last_value = points[-1]
        body.append(f'<text x="{x(last_when) + 8:.1f}" y="{y(last_value) + 4 + 10 * (number - 1):.1f}">M{number + 1}</text>')
    return _frame(title, body)


def trend_text(course: dict[str, list[tuple[date, int]]]) -> list[str]:
    """Per question, one line per session: the date, the value and a bar, with the change."""
    lines = []
    for number, points in enumerate(course.values(), start=1):
        previous = None
        for when, value in points:
            change = "" if previous is None else f"  {'+' if value > previous else ''}{value - previous}" if value != previous else "  ="
            lines.append(f"M{number}  {when.isoformat()}  {value:>2} {'#' * value:<10}{change}".rstrip())
            previous = value
    return lines
