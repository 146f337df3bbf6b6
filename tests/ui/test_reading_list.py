"""The gauge's list at the cap of 20000 readings (tui/widgets/row_list.py): it draws the rows on
the screen, not all of them; the keys move, open and delete the reading under the cursor; the
saved file is the proof."""

from __future__ import annotations

from datetime import datetime, timedelta

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
        burst(app, "x")
        await keys_done(pilot)
        await settle(pilot)
        burst(app, "y")
        await keys_done(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    ids = [reading["id"] for reading in tomllib.loads(path.read_text(encoding="utf-8"))["readings"]]
    assert len(ids) == MAX_READINGS - 1
    assert ident(MAX_READINGS - 4) not in ids, "the reading deleted is the one the cursor was on"
