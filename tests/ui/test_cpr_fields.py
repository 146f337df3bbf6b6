"""Every text field warns about a CPR-like number and F2 masks it (issue 13): the force dialog
and the gauge's filter had no warning, and F2 did nothing there; a screen without its own
warning bar still warns (a notification) and F2 masks the focused field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from tests.ui.helpers import settle, type_text
from tui.case.gauge.pane import ReadingFilter
from tui.case.gauge.reading_filter import FilterDialog
from tui.exnovation.forces import ForceDialog
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def warn_then_mask(pilot, selector: str, typed: str, masked: str) -> None:
    app = pilot.app
    field = app.screen.query_one(selector, Input)
    field.focus()
    for part in typed.split("\u2013"):  # an en dash is not a key: paste it, as a user would
        if field.value:
            field.insert_text_at_cursor("\u2013")
        await type_text(pilot, part)
    await pilot.pause()
    warning = app.screen.query_one(CprWarning)
    assert warning.has_class("-visible") and warning.field is field
    await pilot.press("f2")
    await pilot.pause()
    assert field.value == masked
    assert not warning.has_class("-visible")


async def test_the_force_dialog_warns_and_f2_masks(locations, make_app):
    app = make_app(locations)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.push_screen(ForceDialog("Hjælpende kraft"))
        await pilot.pause()
        await warn_then_mask(pilot, "#force-text", "ring 01 01 90 1234", "ring 01 01 90 XXXX")


async def test_the_reading_filter_warns_and_f2_masks(locations, make_app):
    app = make_app(locations)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.push_screen(FilterDialog(ReadingFilter(), []))
        await pilot.pause()
        await warn_then_mask(pilot, "#filter-context", "010190\u20131234", "010190\u2013XXXX")


class BareForm(Screen):
    """A screen with a text field and no warning bar of its own."""

    def compose(self) -> ComposeResult:
        yield TextInput(id="bare")


async def test_a_field_on_a_screen_without_a_warning_bar_still_warns_and_masks(locations, make_app):
    app = make_app(locations)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.push_screen(BareForm())
        await pilot.pause()
        field = app.screen.query_one("#bare", Input)
        field.focus()
        await type_text(pilot, "konto 3100-0101901234 ")
        assert not any("CPR" in notice for notice in notices(app)), "an account number is not a CPR number"
        await type_text(pilot, "cpr 01.01.90-1234")
        await pilot.pause()
        assert sum("CPR" in notice for notice in notices(app)) == 1, "warned once, not at every key"
        await pilot.press("f2")
        await pilot.pause()
        assert field.value == "konto 3100-0101901234 cpr 01.01.90-XXXX"


async def test_a_warning_for_a_closed_dialog_does_not_promise_a_mask(locations, make_app):
    """A note typed with a CPR-like number and saved in one burst: the field's Changed reached the
    app after the dialog had closed, and the case screen's bar took up the dead field. F2 then
    said "masked" while the reading kept the number. A field that is gone is no one's warning."""
    from tests.ui.helpers import burst, keys_done
    from tests.ui.test_gauge import make_case, open_gauge, saved_readings

    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        burst(app, "n", "5", *["tab"] * 6, "7", "tab", "3", *["tab"] * 5, "CPR 010203-1234", "ctrl+s")
        await keys_done(pilot)
        await settle(pilot)
        assert not any(bar.has_class("-visible") for bar in app.screen.query(CprWarning)), "no bar for a field not on the screen"
        await pilot.press("f2")
        await settle(pilot)
        assert "CPR-nummeret er maskeret" not in notices(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    [reading] = saved_readings(path)
    assert reading["note"] == "CPR 010203-1234"  # not masked, and not said to be


async def test_a_number_saved_past_the_guard_is_said_again_before_it_leaves_in_a_report(locations, make_app, tmp_path, capsys):
    """The same burst saves a CPR-like note that no field warns about any more: the export dialog
    says a text looks like one (not which, not the number), unless the privacy screen leaves the
    free text out; `samspil export` says it on stderr."""
    from tests.ui.helpers import burst, keys_done, screen_text
    from tests.ui.test_gauge import make_case, open_gauge
    from tui.__main__ import main
    from tui.document.export_dialog import ExportDialog

    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        burst(app, "n", "5", *["tab"] * 6, "7", "tab", "3", *["tab"] * 5, "CPR 010203-1234", "ctrl+s", "f4")
        await keys_done(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        shown = screen_text(app)
        assert "ligner et CPR-nummer" in shown and "1234" not in shown
        burst(app, "escape", "f3", "f4")
        await keys_done(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog) and "CPR" not in screen_text(app), "private: the note is left out"
        burst(app, "escape", "escape")
        await keys_done(pilot)
        await settle(pilot)
    capsys.readouterr()
    assert main(["--data-dir", str(locations.root), "export", str(path), "--format", "md", "-o", str(tmp_path / "r.md")]) == 0
    said = capsys.readouterr().err
    assert "ligner et CPR-nummer" in said and "1234" not in said
    assert main(["--data-dir", str(locations.root), "export", str(path), "--format", "md", "--private", "-o", str(tmp_path / "p.md")]) == 0
    assert "CPR" not in capsys.readouterr().err
