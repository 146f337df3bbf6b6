"""The gauge drawings read without colour: the meters, the history, the scatter."""

from __future__ import annotations

from datetime import datetime, timedelta

from models.gauge import Reading, switch_point
from saved.check import check_file
from saved.store import create
from models.documents import Case
from tui.case.gauge import draw as gauge_draw

START = datetime(2026, 10, 1, 9, 0).astimezone()


def reading(day: float, intensity: int, capacity: int, **extra) -> Reading:
    return Reading(taken=START + timedelta(days=day), intensity=intensity, capacity=capacity, **extra)


def plain(lines) -> list[str]:
    return [line.plain for line in lines]


def test_meters_fill_one_row_per_point_and_print_the_values():
    lines = plain(gauge_draw.meters(7, 3, ("Intensitet", "Mentalisering")))
    assert lines[0].split() == ["Intensitet", "Mentalisering"]
    rows = lines[1:11]  # levels 10 .. 1
    first = [row.split("┃")[1] for row in rows]
    second = [row.split("┃")[3] for row in rows]
    assert [bool(cell.strip()) for cell in first] == [False] * 3 + [True] * 7
    assert [bool(cell.strip()) for cell in second] == [False] * 7 + [True] * 3
    assert lines[-1].split() == ["7/10", "3/10"]


def test_meters_at_the_ends_of_the_scale():
    rows = plain(gauge_draw.meters(0, 10, ("a", "b")))[1:11]
    assert all(row.split("┃")[1].strip() == "" for row in rows)
    assert all(row.split("┃")[3].strip() == "█" * 6 for row in rows)


def test_history_puts_each_value_at_its_row_and_marks_both():
    readings = [reading(0, 8, 2), reading(10, 5, 5), reading(20, 1, 9)]
    lines = plain(gauge_draw.history(readings, width=24))
    grid = lines[:11]  # rows 10 .. 0
    def column_of(level: int, mark: str) -> int:
        return grid[10 - level].index(mark, 4) - 4
    assert column_of(8, "●") == 0 and column_of(2, "○") == 0
    assert column_of(5, "◉") == 10, "equal values show the 'both' mark in the middle column"
    assert column_of(1, "●") == 19 and column_of(9, "○") == 19
    assert lines[-1].strip().startswith("01.10.26") and lines[-1].strip().endswith("21.10.26")


def test_history_averages_readings_that_share_a_column():
    readings = [reading(0, 2, 8), reading(0.001, 4, 6), reading(30, 3, 3)]
    grid = plain(gauge_draw.history(readings, width=14))[:11]
    assert grid[10 - 3][4] == "●" and grid[10 - 7][4] == "○", "means of 2,4 and 8,6 in the first column"


def test_history_of_one_reading_is_one_column():
    lines = plain(gauge_draw.history([reading(0, 6, 4)], width=40))
    assert lines[10 - 6][4:] == "●" and lines[10 - 4][4:] == "○"


def test_scatter_counts_readings_and_marks_the_switch_point():
    readings = [reading(i, x, y) for i, (x, y) in enumerate([(2, 8), (2, 8), (3, 7), (4, 7), (6, 3), (7, 2), (8, 1), (8, 2)])]
    point = switch_point(readings, threshold=5)
    assert point.intensity == 6 and point.enough
    lines = plain(gauge_draw.scatter(readings, point))
    header, grid = lines[0], lines[1:12]
    cell = lambda row, x: row[4 + 3 * x: 7 + 3 * x].strip()  # noqa: E731
    assert cell(header, 6) == "▼"
    assert cell(grid[10 - 8], 2) == "2", "two readings at intensity 2, capacity 8"
    assert cell(grid[10 - 1], 8) == "1"
    assert cell(grid[10 - 9], 6) == "┊", "the switch column is marked where it is empty"
    assert cell(grid[10 - 4], 0) == "·" and cell(grid[10 - 5], 0) == "", "shading only below the threshold"


def test_samspil_check_reports_readings_in_the_future_with_the_line(locations):
    now = datetime(2026, 11, 23, 12, 0).astimezone()
    case = Case(title="X", readings=[reading(0, 3, 7), Reading(taken=now + timedelta(days=2), intensity=4, capacity=6)])
    path = create(locations, case).path
    problems = check_file(path, now)
    assert len(problems) == 1
    assert "reading 1" in problems[0].message and "future" in problems[0].message
    assert path.read_text().splitlines()[problems[0].line - 1].startswith("taken = 2026-11-25")
    assert check_file(path, now + timedelta(days=3)) == []


def test_history_spreads_readings_taken_at_one_time_in_their_order():
    """Five readings rated after one phone call, all at one minute (the form's clock): the history
    drew their mean in one column, and the course the practitioner rated was not there to see."""
    readings = [reading(0, i, c) for i, c in ((8, 3), (4, 6), (6, 5), (9, 2), (3, 8))]
    grid = plain(gauge_draw.history(readings, width=24))[:11]
    intensity = {10 - level: row[4:] for level, row in enumerate(grid)}
    found = sorted((line.index("●"), level) for level, line in intensity.items() if "●" in line)
    assert [level for _, level in found] == [8, 4, 6, 9, 3], grid
    assert found[0][0] == 0 and found[-1][0] == 19, "first at the left, last at the right"


def test_report_history_puts_readings_of_one_minute_side_by_side():
    from saved.reports.gauge_charts import MIN_GAP, history_svg
    import re

    same = [reading(0, i, 10 - i) for i in (8, 4, 6)]
    later = [reading(1, 5, 5)]
    for readings in (same, same + later):
        svg = history_svg(readings, lambda key: key, "t")
        xs = [float(x) for x in re.findall(r'<circle cx="([0-9.]+)" cy="[0-9.]+" r="3.5" fill="#000"/>', svg)][: len(readings)]
        assert all(b - a >= MIN_GAP - 0.05 for a, b in zip(xs, xs[1:])), xs
