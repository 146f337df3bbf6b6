"""The gauge's list at the cap of 20000 readings (tui/widgets/row_list.py): it draws the rows on
the screen, not all of them; the keys move, open and delete the reading under the cursor; the
saved file is the proof."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import events

from models.base import ID_ALPHABET, ID_LENGTH
from models.documents import MAX_READINGS, Case
from models.gauge import Reading
from models.network import Actor
from saved.store import create
from saved.toml_read import tomllib
from tests.ui.helpers import burst, keys_done, screen_text, settle
from tui.widgets.row_list import RowList

async def until(pilot, condition) -> None:
    for _ in range(1000):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened:\n" + screen_text(pilot.app))


def ident(n: int) -> str:
    """The n-th id, in the ids' alphabet: the test knows which reading is which."""
    digits = []
    for _ in range(ID_LENGTH):
        n, digit = divmod(n, len(ID_ALPHABET))
        digits.append(ID_ALPHABET[digit])
    return "".join(reversed(digits))


HOSTILE = "Mor \x1b[31m[bold]<b>\u202e\x9b"


def capped_case(locations):
    start = datetime(2024, 1, 1, 8, 0).astimezone()
    readings = [
        Reading(id=ident(n), taken=start + timedelta(minutes=30 * n), intensity=n % 11, capacity=(n * 7) % 11, actor_id="aaaaaaaa" if n % 2 else None)
        for n in range(MAX_READINGS)
    ]
    actors = [Actor(id="aaaaaaaa", name=HOSTILE, kind="Pårørende", sector="family", ring=1)]
    return create(locations, Case(title="T.T.", actors=actors, readings=readings)).path



async def delete_shown_and_save(app, pilot) -> None:
    """x on the reading the gauge shows, y to confirm, ctrl+s."""
    burst(app, "x")
    await keys_done(pilot)
    await settle(pilot)
    burst(app, "y")
    await keys_done(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)

async def test_twenty_thousand_readings_draw_only_the_rows_shown(locations, make_app, monkeypatch):
    path = capped_case(locations)
    asked: list[int] = []
    real_show = RowList.show

    def counting_show(self, count, row, *, cursor=0):
        def counted(index):
            asked.append(index)
            return row(index)

        real_show(self, count, counted, cursor=cursor)

    monkeypatch.setattr(RowList, "show", counting_show)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "T.T." in screen_text(app))  # a 6 MB case takes its time to list
        await pilot.press("enter")
        await until(pilot, lambda: "Måler" in screen_text(app))
        await pilot.press("right", "tab", "v")
        await until(pilot, lambda: bool(app.screen.query("#list")) and app.screen.query_one("#list", RowList).count > 0)
        rows = app.screen.query_one("#list", RowList)
        assert rows.count == MAX_READINGS and rows.has_focus
        assert len(set(asked)) < 500, "the list read a sample and the rows shown, not every reading"
        text = screen_text(app)
        assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
        newest = f"{datetime(2024, 1, 1, 8, 0) + timedelta(minutes=30 * (MAX_READINGS - 1)):%d.%m.%y %H:%M}"
        assert newest in text
        burst(app, "end")  # the oldest reading
        await keys_done(pilot)
        await pilot.pause()
        assert rows.cursor == MAX_READINGS - 1 and "01.01.24 08:00" in screen_text(app)
        burst(app, "home", "down", "down", "down", "enter")  # the fourth newest, opened in the gauge
        await keys_done(pilot)
        await settle(pilot)
        assert f"Måling {MAX_READINGS - 3} af {MAX_READINGS}" in screen_text(app)
        await delete_shown_and_save(app, pilot)
    ids = [reading["id"] for reading in tomllib.loads(path.read_text(encoding="utf-8"))["readings"]]
    assert len(ids) == MAX_READINGS - 1
    assert ident(MAX_READINGS - 4) not in ids, "the reading deleted is the one the cursor was on"


def _hostile_readings(actor_id: str) -> list[Reading]:
    """40 readings, every kind and situation, a hostile context on each, two still to come."""
    from models.gauge import SITUATIONS, WHOSE

    start = datetime(2026, 10, 20, 9, 0).astimezone()
    return [
        Reading(
            taken=start + timedelta(days=n), intensity=n % 11, capacity=(n * 7) % 11, whose=WHOSE[n % len(WHOSE)],
            situation=SITUATIONS[n % len(SITUATIONS)] if n % 3 else None, actor_id=actor_id if n % 2 else None, context=HOSTILE,
        )
        for n in range(40)  # the last ones lie after the tests' clock (23 November 2026): marked ⚠
    ]


async def test_list_keys_draw_each_row_once_and_show_a_plain_drawing(locations, make_app, monkeypatch):
    """The list of readings keeps each row's cells while it is shown, so ↓ and ↑ back over rows
    drawn before draw no row again. After bursts of moves, a page, the end and the start, privacy
    on and off and a new theme, the screen is what Textual draws with nothing kept (no row's cells,
    line or look, no kept line anywhere); Enter opens the reading under the cursor and x deletes
    that one: the saved file is the proof."""
    from tests.ui.test_kept_drawings import _textual_screen
    from tui.case.gauge.pane import GaugePane

    actor = Actor(id="aaaaaaaa", name=HOSTILE, kind="Pårørende", sector="family", ring=1)
    readings = _hostile_readings(actor.id)
    path = create(locations, Case(title="T.T.", actors=[actor], readings=readings)).path
    drawn: list[object] = []
    real_line = RowList._line

    def counted(self, cells, style):
        drawn.append(cells)
        return real_line(self, cells, style)

    monkeypatch.setattr(RowList, "_line", counted)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "enter")
        await keys_done(pilot)
        burst(app, "right", "tab", "v")
        await keys_done(pilot)
        pane = app.screen.query_one(GaugePane)
        rows = app.screen.query_one("#list", RowList)
        assert rows.has_focus and rows.count == len(readings)

        def plain() -> bool:
            """The screen equals Textual's drawing with nothing kept, each row's cells made afresh."""
            shown = pane.shown_readings()
            with monkeypatch.context() as patch:
                patch.setattr(RowList, "_kept_line", lambda self, cells, style: real_line(self, cells, style))
                patch.setattr(RowList, "_look", lambda self: (self.rich_style, self.get_component_rich_style("row-list--header"), self.get_component_rich_style("row-list--cursor")))
                patch.setattr(rows, "_row", lambda index: pane.list_cells(shown[len(shown) - 1 - index], app.now()))
                fresh = _textual_screen(app, patch)
            return app.screen._compositor.render_strips() == fresh

        async def keys(*pressed: str) -> int:
            drawn.clear()
            for key in pressed:  # one burst: the page keys are posted as burst() posts the others
                app.post_message(events.Key(key, None)) if key.startswith("page") else burst(app, key)
            await keys_done(pilot)
            await pilot.pause()
            assert plain(), pressed
            text = screen_text(app)
            assert not any(raw in text for raw in ("\x1b", "\x9b", "\u202e")), pressed
            return len(drawn)

        assert await keys("down", "down", "up") > 0
        assert await keys("down", "up", "down", "up") == 0, "rows drawn before are not drawn again"
        assert rows.cursor == 1
        assert "⚠" in rows._row(0)[0], "the newest readings lie after the clock (cut off at 80 columns)"
        await keys("pagedown", "down")
        assert rows.cursor == 1 + rows.page_rows + 1 and rows.scroll_offset.y > 0
        await keys("end", "up")
        assert rows.cursor == len(readings) - 2
        await keys("home", "down", "down")
        assert await keys("up", "down") == 0
        app.privacy = True
        await settle(pilot)
        assert plain() and "Mor" not in screen_text(app)
        app.privacy = False
        await settle(pilot)
        assert plain() and "Mor" in screen_text(app)
        app.theme = next(name for name in app.available_themes if name != app.theme)
        await settle(pilot)
        assert plain()
        await keys("home", "down", "down", "down")  # the fourth newest
        burst(app, "enter")
        await keys_done(pilot)
        await settle(pilot)
        assert f"Måling {len(readings) - 3} af {len(readings)}" in screen_text(app)
        await delete_shown_and_save(app, pilot)
    newest_first = sorted(readings, key=lambda reading: reading.taken, reverse=True)
    ids = [reading["id"] for reading in tomllib.loads(path.read_text(encoding="utf-8"))["readings"]]
    assert ids == [reading.id for reading in readings if reading.id != newest_first[3].id]
