"""Focus you can see without colour: under NO_COLOR=1 and in 16 colours (TEXTUAL_COLOR_SYSTEM=
standard) every kind of focusable widget samspil uses looks different when it has focus, by text
style (reverse, bold, underline) or by a symbol, not by colour alone. The rendered segments are
compared with their colours taken away."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.containers import Vertical
from textual.widgets import Button, DataTable, OptionList, Select, Static

import tui
from tui.case.gauge.scale import Scale
from tui.exnovation.force_bars import ForceBars
from tui.widgets.inputs import NoteArea, TextInput
from tui.widgets.row_list import RowList
from tui.widgets.tab_row import TabRow
from tui.widgets.tick_box import TickBox

APP_CSS = str(Path(tui.__file__).with_name("app.tcss"))


class Probe(App):
    CSS_PATH = APP_CSS

    def compose(self) -> ComposeResult:
        # The row of tabs is RowProbe's, below.
        with Vertical():
            yield TextInput("tekst", id="input", compact=True)
            yield NoteArea("en note", id="note", compact=True)
            yield Select([("a", "a"), ("b", "b")], value="a", allow_blank=False, compact=True, id="select")
            yield TickBox("ja", id="tick", compact=True)
            yield Button("Gem", id="button", compact=True)
            yield DataTable(id="table")
            yield RowList(["Type", "Titel"], id="rows")
            yield OptionList("første", "anden", id="options", compact=True)
            yield Scale("Frygt", 4, id="scale")
            yield ForceBars("Hjælper", "Hindrer", id="bars")
            with VerticalScroll(id="scroll"):
                yield Static("\n".join(f"linje {n}" for n in range(20)))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Type", "Titel")
        table.add_row("Sag", "K.M.")
        self.query_one(RowList).show(2, lambda index: ("Sag", f"K.M. {index}"))


def look(app: App, widget: Widget) -> list[tuple[str, tuple]]:
    """Each cell of the widget's region: its character and its text style, colours left out."""
    strips = app.screen._compositor.render_strips()
    region = widget.region
    cells = []
    for y in range(region.y, region.bottom):
        for segment in strips[y].crop(region.x, region.right):
            style = segment.style
            attributes = (style.bold, style.dim, style.italic, style.underline, style.reverse, style.strike) if style else ()
            cells.extend((char, attributes) for char in segment.text)
    return cells


def _colours(setting: str, monkeypatch) -> None:
    """No colour at all (NO_COLOR) or the 16 standard colours, for the app started next."""
    import textual.constants

    if setting == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "standard")


WIDGETS = ["#input", "#note", "#select", "#tick", "#button", "#table", "#rows", "#options", "#scale", "#bars", "#scroll"]


@pytest.mark.parametrize("setting", ["NO_COLOR", "standard"])
async def test_every_focusable_widget_type_shows_focus_without_colour(setting, monkeypatch) -> None:
    _colours(setting, monkeypatch)
    app = Probe()
    unseen = []
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        for selector in WIDGETS:
            widget = app.query_one(selector)
            app.screen.set_focus(None)
            await pilot.pause()
            before = look(app, widget)
            widget.focus()
            await pilot.pause()
            assert app.focused is widget
            if look(app, widget) == before:
                unseen.append(selector)
    assert not unseen, f"focus shows only by colour ({setting}): {unseen}"


class RowProbe(App):
    """samspil's own row of tabs (the case screen's), beside something else to focus."""

    CSS_PATH = APP_CSS

    def compose(self) -> ComposeResult:
        yield TabRow([("one", "Oversigt"), ("two", "Måler")], id="row")
        yield Button("Gem", id="button", compact=True)


@pytest.mark.parametrize("setting", ["NO_COLOR", "standard"])
async def test_the_tab_row_shows_focus_without_colour(setting, monkeypatch) -> None:
    _colours(setting, monkeypatch)
    app = RowProbe()
    async with app.run_test(size=(40, 4)) as pilot:
        row = app.query_one(TabRow)
        app.query_one(Button).focus()
        await pilot.pause()
        before = look(app, row)
        row.focus()
        await pilot.pause()
        assert app.focused is row
        assert look(app, row) != before, f"focus shows only by colour ({setting})"
        # The active tab is told from the others without colour too: bold and underlined, or
        # bold and reversed while the row has focus. (bold, dim, italic, underline, reverse, strike)
        assert before[1][0] == "O" and [bool(flag) for flag in before[1][1]] == [True, False, False, True, False, False]
        assert [bool(flag) for flag in look(app, row)[1][1]] == [True, False, False, False, True, False]
        assert not any(look(app, row)[12][1]), "an inactive label: plain"


async def test_a_key_goes_from_any_field_back_to_the_tab_row(locations, make_app) -> None:
    from tests.ui.helpers import burst, keys_done, settle

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "s", "Supervision", "enter", "right", "tab", "Ja", "ctrl+up", "right", "right")
        await keys_done(pilot)
        assert isinstance(app.focused, TabRow)
        assert app.screen.query_one(TabRow).active == "tab-actions"
        assert app.screen.session.document.storm == {"s1": "Ja"}


async def test_the_footer_at_80_columns_always_shows_help_and_quit(demo_locations, make_app) -> None:
    from tests.ui.helpers import burst, keys_done, screen_text, settle

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # home, a case's overview, the board, an item, its force field, the matrix
        for typed in ((), ("enter",), ("escape", "/", "Exnovation", "enter", "enter"), ("enter",), ("ctrl+f",), ("escape", "escape", "m")):
            burst(app, *typed)
            await keys_done(pilot)
            footer = screen_text(app).splitlines()[-1]
            assert "f1 Hjælp" in footer and "^q Afslut" in footer, (type(app.screen).__name__, footer)


async def test_alt_arrows_jump_between_the_sections_of_long_forms(locations, make_app) -> None:
    from tests.ui.helpers import burst, keys_done, settle

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "b", "Team", "enter", "n", "Fax", "enter", "alt+down")
        await keys_done(pilot)
        assert app.focused.id == "urgent", "section 2, Prioritering"
        burst(app, "alt+down", "alt+down", "alt+up")
        await keys_done(pilot)
        assert app.focused.id == "source", "section 3, Regel"
        burst(app, "escape", "escape", "escape", "s", "Sup", "enter", "right", "tab", "alt+down", "Tryghed")
        await keys_done(pilot)
        assert app.screen.session.document.storm == {"t1": "Tryghed"}
