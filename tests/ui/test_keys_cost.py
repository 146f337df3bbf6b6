"""Every key costs what it shows: a key that changes nothing repaints nothing (so sends no bytes
over SSH), and a key that changes a little repaints only that. Counted as refresh calls, not timed."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

from models.documents import Case
from models.exnovation import Exnovation
from models.exnovation import Item
from models.gauge import Reading
from models.network import Actor, Tie
from saved.store import create, dumps
from tests.ui.helpers import burst, keys_done, open_matrix, screen_text, settle
from tui.case.network.map import NetworkMap
from tui.exnovation.quadrant import QuadrantBox
from tui.widgets.diff_static import DiffStatic, changed_regions

ACTORS = [
    Actor(id="aaaaaaaa", name="Mor Hanne Jensen", kind="Pårørende", sector="family", ring=1),
    Actor(id="bbbbbbbb", name="Jobcenter", kind="Jobcenter", sector="municipality", ring=2),
    Actor(id="cccccccc", name="Egen læge", kind="Læge", sector="region", ring=2),
]
TIES = [Tie(id="teaaaaaa", a="citizen", b="aaaaaaaa"), Tie(id="tebbbbbb", a="citizen", b="bbbbbbbb"), Tie(id="tecccccc", a="aaaaaaaa", b="cccccccc")]


def readings() -> list[Reading]:
    return [Reading(taken=datetime(2026, 3, day, 10, 0).astimezone(), intensity=day % 10, capacity=(day * 3) % 10, whose="self") for day in (2, 3, 4)]


@contextmanager
def refreshes():
    """Record every refresh asked for while inside: (widget, regions, layout)."""
    calls: list[tuple[Widget, tuple[Region, ...], bool]] = []
    original = Widget.refresh

    def counted(self, *regions, repaint=True, layout=False, recompose=False):
        calls.append((self, regions, layout))
        return original(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

    Widget.refresh = counted  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        Widget.refresh = original  # type: ignore[method-assign]


def painted(calls) -> list[tuple[Widget, tuple[Region, ...], bool]]:
    """The refreshes that repaint something on the screen (a ScrollBar's own bookkeeping aside)."""
    return [call for call in calls if call[0].is_mounted and call[0].display]


def test_changed_regions_are_the_changed_cells_only():
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    bold = Style(bold=True)
    old = [Strip([Segment("abcdefghij")]), Strip([Segment("0123456789")])]
    assert changed_regions(old, list(old), 10) == []
    new = [Strip([Segment("abcdefghij")]), Strip([Segment("0123"), Segment("X", bold), Segment("56789")])]
    assert changed_regions(old, new, 10) == [Region(4, 1, 1, 1)]
    # The same look from differently split segments is no change (Textual splits with the meta).
    resplit = [Strip([Segment("abc"), Segment("defghij")]), old[1]]
    assert changed_regions(old, resplit, 10) == []
    # A wide character is repainted whole.
    wide = [Strip([Segment("ab"), Segment("漢", bold), Segment("efghij")]), old[1]]
    assert changed_regions(old, wide, 10) == [Region(2, 0, 2, 1)]


async def test_right_at_the_last_reading_repaints_nothing(locations, make_app):
    path = create(locations, Case(title="T.T.", actors=ACTORS, readings=readings())).path
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right", "tab")
        await settle(pilot)
        assert "3 af 3" in screen_text(app)
        with refreshes() as calls:
            burst(app, "right", "right")
            await keys_done(pilot)
        assert painted(calls) == []
        # One step back repaints only what differs, and never the layout.
        with refreshes() as calls:
            burst(app, "left")
            await keys_done(pilot)
        assert "2 af 3" in screen_text(app)
        repainted = painted(calls)
        assert repainted and all(regions and not layout for widget, regions, layout in repainted if isinstance(widget, DiffStatic))
        assert {widget.id for widget, _regions, _layout in repainted} <= {"meters", "zone-text"}
    assert path.exists()


async def test_the_map_repaints_only_the_cells_a_selection_changes(locations, make_app):
    create(locations, Case(title="T.T.", actors=ACTORS, ties=TIES))
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right", "right", "tab", "m")
        await settle(pilot)
        the_map = app.screen.query_one(NetworkMap)
        area = the_map.size.width * the_map.size.height
        with refreshes() as calls:
            burst(app, "n")
            await keys_done(pilot)
        mine = [(regions, layout) for widget, regions, layout in painted(calls) if widget is the_map]
        assert mine and all(regions and not layout for regions, layout in mine)
        cells = sum(region.area for regions, _layout in mine for region in regions)
        assert 0 < cells < area / 4


def board_of_four(locations) -> None:
    items = [
        Item(what="Første", nominated_on=datetime(2026, 9, 1).date(), urgent=True, important=True),
        Item(what="Anden", nominated_on=datetime(2026, 9, 1).date(), urgent=True, important=True),
        Item(what="Tredje", nominated_on=datetime(2026, 9, 1).date(), urgent=False, important=False),
    ]
    locations.ensure()
    (locations.documents / "exnovation-keycstbd.toml").write_bytes(dumps(Exnovation(id="keycstbd", title="Tavle", items=items)))


async def test_matrix_tab_inside_a_quadrant_repaints_two_rows_and_a_no_op_arrow_nothing(locations, make_app):
    board_of_four(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_matrix(pilot)
        assert app.screen.session.document.item(app.screen.selected).what == "Første"
        with refreshes() as calls:
            burst(app, "tab")
            await keys_done(pilot)
        assert app.screen.session.document.item(app.screen.selected).what == "Anden"
        boxes = [(widget, regions) for widget, regions, _layout in painted(calls) if isinstance(widget, QuadrantBox)]
        assert [widget.id for widget, _regions in boxes] == ["q-do"]
        assert sum(len(regions) for _widget, regions in boxes) == 2  # the row left and the row reached
        # "Anden" is urgent and important already: ← and ↑ change nothing.
        with refreshes() as calls:
            burst(app, "left", "up")
            await keys_done(pilot)
        assert [call for call in painted(calls) if isinstance(call[0], QuadrantBox)] == []


async def test_up_on_the_boards_first_row_repaints_nothing(locations, make_app):
    board_of_four(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "enter")
        await keys_done(pilot)
        table = app.screen.query_one("#items")
        assert app.focused is table and table.cursor == 0
        with refreshes() as calls:
            burst(app, "up", "up")
            await keys_done(pilot)
        assert [call for call in painted(calls) if call[0] is table] == []


async def test_drawn_row_by_row_is_drawn_as_a_static_draws_it():
    """The map (straight from its canvas) and the meters (`update_lines`, a row at a time) give the
    very strips a Static gives for the same Text: same characters, styles and mouse offsets."""
    from textual.app import App
    from textual.geometry import Size
    from textual.widgets import Static

    from saved.store import validate
    from tests.bench.files import demo_case_raw
    from tui.case.gauge.draw import meters
    from tui.case.network.map import map_base, selection_canvas

    case = validate(demo_case_raw())

    class Both(App):
        def compose(self):
            yield NetworkMap(id="map")
            yield DiffStatic("", id="lines")
            yield Static("", id="static")

    from textual._context import active_app

    app = Both()
    async with app.run_test(size=(80, 40)) as pilot:
        active_app.set(app)  # as in the app's own handlers: the app's ANSI theme applies to both
        the_map, lines, static = app.query_one(NetworkMap), app.query_one("#lines", DiffStatic), app.query_one("#static", Static)
        size = Size(78, 16)
        base = map_base(case, size)
        static.styles.width, static.styles.height = size.width, size.height
        lines.styles.width, lines.styles.height = 32, 13
        for selected in [None, *(actor.id for actor in case.actors[:4])]:
            canvas = selection_canvas(base, selected)
            the_map.show(canvas, base.markers, size)
            static.update(canvas.text())
            await pilot.pause()
            assert [the_map.render_line(y) for y in range(size.height)] == [static.render_line(y) for y in range(size.height)]
        static.styles.width, static.styles.height = 32, 13
        for intensity, capacity in ((2, 8), (7, 3), (7, 8), (0, 10)):
            drawn = meters(intensity, capacity, ("Intensitet", "Mentalisering"))
            lines.update_lines(drawn)
            static.update(Text("\n").join(drawn))
            await pilot.pause()
            assert [lines.render_line(y) for y in range(13)] == [static.render_line(y) for y in range(13)]


async def test_a_move_in_the_matrix_repaints_its_boxes_only_and_the_board_shows_it_on_return(locations, make_app):
    """The board under the matrix is not redrawn while covered (Textual would repaint the matrix
    whole for it); back on the board, its table, summary and save status are right."""
    from tui.exnovation.screen import ExnovationScreen
    from tui.i18n import t

    board_of_four(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_matrix(pilot)
        matrix = app.screen
        with refreshes() as calls:
            burst(app, "right")  # "Første": from GØR (urgent) to PLANLÆG (not urgent)
            await keys_done(pilot)
        whole = [regions for widget, regions, _layout in calls if widget is matrix and any(region.area >= 80 * 24 for region in regions)]
        assert whole == []
        assert "PLANLÆG (1)" in screen_text(app)
        burst(app, "escape")
        await keys_done(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ExnovationScreen)
        text = screen_text(app)
        first = next(line for line in text.splitlines() if "Første" in line)
        assert "PLANLÆG" in first
        assert t("status.unsaved") in text or t("status.saved") in text
        assert app.screen.query_one("#save-status").content.endswith(t(f"status.{app.screen.session.status()[0]}"))


async def test_down_at_a_sessions_last_action_repaints_nothing(locations, make_app):
    """↓ on the last agreed action (and ↑ on the first) moves nothing, so it repaints nothing: the
    table used to repaint its hover row for it (151 bytes over SSH)."""
    from models.supervision import Supervision
    from models.supervision import Action
    from tui.supervision.actions import ActionTable

    actions = [Action(what="Ring til mor"), Action(what="Skriv til egen læge", owner="LB"), Action(what="Møde med jobcentret")]
    create(locations, Supervision(title="Supervision, november", actions=actions))
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "enter", "right", "right", "right", "tab")
        await keys_done(pilot)
        table = app.screen.query_one(ActionTable)
        assert app.focused is table and table.cursor_row == 0
        with refreshes() as calls:
            burst(app, "up", "up")
            await keys_done(pilot)
        assert [call for call in painted(calls) if call[0] is table] == []
        burst(app, "down", "down")
        await keys_done(pilot)
        assert table.cursor_row == 2
        with refreshes() as calls:
            burst(app, "down", "down")
            await keys_done(pilot)
        assert [call for call in painted(calls) if call[0] is table] == []
        burst(app, "up")
        await keys_done(pilot)
        assert table.cursor_row == 1, "a key that moves still repaints"


def _runs_by_loop(old, new):
    """The changed runs as first written: a loop over every cell (the reference)."""
    from tui.widgets.diff_static import JOIN, cells

    before, after = cells(old), cells(new)
    runs: list[list[int]] = []
    for x in range(max(len(before), len(after))):
        if x < len(before) and x < len(after) and before[x] == after[x]:
            continue
        if runs and x - runs[-1][1] <= JOIN:
            runs[-1][1] = x + 1
        else:
            runs.append([x, x + 1])
    out = []
    for start, end in runs:
        if start > 0 and ((start < len(before) and before[start][0] == "") or (start < len(after) and after[start][0] == "")):
            start -= 1
        if (end < len(before) and before[end][0] == "") or (end < len(after) and after[end][0] == ""):
            end += 1
        out.append((start, end))
    return out


_SEGMENTS = st.lists(st.tuples(st.text(alphabet="ab 漢é|─", min_size=1, max_size=12), st.sampled_from(["", "bold", "red", "reverse"])), max_size=8)


@given(_SEGMENTS, _SEGMENTS)
def test_changed_runs_are_those_of_a_loop_over_every_cell(old, new):
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    from tui.widgets.diff_static import _row_runs

    def strip(parts):
        return Strip([Segment(text, Style.parse(style) if style else None) for text, style in parts])

    assert _row_runs(strip(old), strip(new)) == _runs_by_loop(strip(old), strip(new))


async def test_a_cursor_move_does_not_climb_past_its_listener(locations, make_app, monkeypatch):
    """n/p on the map, ↓ in the list of readings and in a session's actions: the row highlighted
    message stops where it is handled (nothing above listens), so the key's frame is not held
    while it climbs to the app one widget at a time. The selection still follows the key."""
    from textual.widgets import DataTable

    from models.supervision import Supervision
    from models.supervision import Action
    from tui.widgets.row_list import RowList

    create(locations, Case(title="T.T.", actors=ACTORS, ties=TIES, readings=readings()))
    create(locations, Supervision(title="Supervision", actions=[Action(what="Ring"), Action(what="Skriv")]))
    app = make_app(locations)
    climbed: list[str] = []
    original = app._on_message

    async def seen(message):
        if isinstance(message, DataTable.RowHighlighted | RowList.Highlighted) and message.control.id in ("net-actors", "list", "actions"):
            climbed.append(message.control.id)
        await original(message)

    monkeypatch.setattr(app, "_on_message", seen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "T.T.", "enter", "enter")
        await keys_done(pilot)
        burst(app, "right", "right", "tab", "m")
        await keys_done(pilot)
        pane = app.screen.query_one("NetworkPane")
        first = pane.selected
        at_pane: list[object] = []
        pane_original = pane._on_message

        async def at(message):
            if isinstance(message, DataTable.RowHighlighted):
                at_pane.append(message)
            await pane_original(message)

        monkeypatch.setattr(pane, "_on_message", at)
        burst(app, "n", "n", "p")
        await keys_done(pilot)
        assert pane.selected != first
        assert at_pane == [], "n/p select the actor themselves: the table's highlight is not sent"
        burst(app, "shift+tab", "left", "tab", "v", "down", "down")
        await keys_done(pilot)
        gauge = app.screen.query_one("GaugePane")
        assert gauge.query_one(RowList).cursor == 2 and gauge.selected_id == gauge.shown_readings()[0].id
        burst(app, "escape", "/", "Supervision", "enter", "enter")
        await keys_done(pilot)
        burst(app, "right", "right", "right", "tab", "down")
        await keys_done(pilot)
        assert app.screen.query_one("#actions", DataTable).cursor_row == 1
    assert climbed == []
