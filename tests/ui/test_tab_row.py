"""The row of tabs drawn by one widget (tui/widgets/tab_row.py): keys, clicks and what it says.\nA plain app around the widget (no samspil key order): Pilot's press is enough here."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from tests.ui.helpers import screen_text
from tui.widgets.tab_row import TabRow


class RowApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield TabRow([("one", "Oversigt"), ("two", "Måler"), ("three", "Netværk")], id="row")
        yield Input(id="after")

    def on_tab_row_changed(self, event: TabRow.Changed) -> None:
        assert event.control is self.query_one(TabRow)
        self.changes.append(event.active)


async def test_left_and_right_move_between_tabs_and_wrap_as_textuals_tabs():
    app = RowApp()
    async with app.run_test(size=(40, 6)) as pilot:
        row = app.query_one(TabRow)
        row.focus()
        assert row.active == "one"
        await pilot.press("right", "right", "right", "left", "left")
        assert app.changes == ["two", "three", "one", "three", "two"]
        assert row.active == "two"
        await pilot.press("tab")
        assert isinstance(app.focused, Input), "Tab goes on from the row"


async def test_a_click_on_a_label_or_under_it_picks_that_tab_and_focuses_the_row():
    app = RowApp()
    async with app.run_test(size=(40, 6)) as pilot:
        app.query_one(Input).focus()
        # " Oversigt " covers columns 0-9, " Måler " 10-16, " Netværk " 17-25.
        await pilot.click(TabRow, offset=(20, 0))
        await pilot.pause()
        row = app.query_one(TabRow)
        assert row.active == "three" and app.focused is row
        await pilot.click(TabRow, offset=(10, 1))  # the underline, under the space before "Måler"
        await pilot.pause()
        assert row.active == "two"
        await pilot.click(TabRow, offset=(30, 0))  # past the labels: nothing
        await pilot.pause()
        assert row.active == "two" and app.changes == ["three", "two"]


async def test_it_draws_the_labels_and_the_active_tabs_underline():
    app = RowApp()
    async with app.run_test(size=(40, 6)) as pilot:
        row = app.query_one(TabRow)
        row.active = "two"
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].rstrip() == " Oversigt  Måler  Netværk"
        # Highlighted under "Måler" (columns 11-15), half bars either side, as Textual's Bar.
        assert lines[1] == "━" * 10 + "╸" + "━" * 5 + "╺" + "━" * 23
        row.active = "two"  # the same tab again: nothing to say
        await pilot.pause()
        assert app.changes == ["two"]


async def test_the_label_under_the_mouse_is_drawn_brighter_as_textuals():
    app = RowApp()
    async with app.run_test(size=(40, 6)) as pilot:
        row = app.query_one(TabRow)

        def colour_at(x: int):
            strip = app.screen._compositor.render_strips()[0]
            return next(segment.style.color for segment in strip.crop(x, x + 1) if segment.text)

        app.query_one(Input).focus()  # the active label in its plain colours, not the focused row's
        await pilot.pause()
        plain = colour_at(12)
        await pilot.hover(TabRow, offset=(12, 0))
        await pilot.pause()
        assert row.hovered == "two" and colour_at(12) != plain
        assert colour_at(12) == colour_at(1), "as bright as the active label"
        await pilot.hover(TabRow, offset=(12, 1))  # the underline: no label under the mouse
        await pilot.pause()
        assert row.hovered == "" and colour_at(12) == plain
