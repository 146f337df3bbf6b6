"""Untrusted text on screens and on stderr goes through `safe_text` (issue 13): a force's text in
the force dialog's input, a quadrant label in the rename dialog, a lock holder's name in a
notification (markup), a damaged file's name in the home list, a damaged settings.toml on stderr."""

from __future__ import annotations

import json
import os
import re

from textual.content import Content
from textual.widgets import Input

from saved.lock import LockInfo
from tests.ui.helpers import screen_text, settle
from tui.exnovation.forces import ForceDialog
from tui.widgets.dialogs import Ask

HOSTILE = "a\x1b]0;pwned\x07b\x9b31mc\x90qx\x1b\\d\u202ee[b]f[/b]"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


async def test_the_force_dialog_and_the_rename_dialog_put_no_controls_in_their_input(locations, make_app):
    app = make_app(locations)
    async with app.run_test() as pilot:
        await settle(pilot)
        for dialog, selector in ((ForceDialog("Kraft", HOSTILE, 3), "#force-text"), (Ask("Omdøb", "", HOSTILE, max_length=80), "#answer")):
            app.push_screen(dialog)
            await pilot.pause()
            value = app.screen.query_one(selector, Input).value
            assert CONTROLS.findall(value) == [] and "[b]f[/b]" in value
            assert CONTROLS.findall(screen_text(app)) == []
            await pilot.press("escape")
            await pilot.pause()


async def test_a_lock_holders_name_is_not_markup_in_the_notification(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    other = {"user": "[b]kollega[/b]\x1b]0;x\x07", "host": LockInfo.mine().host, "pid": os.getppid(), "since": "2026-11-23T08:00:00+01:00"}
    demo_locations.lock_of(path).write_text(json.dumps(other))
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        messages = [Content.from_markup(str(n.message)).plain for n in app._notifications]
        assert any("[b]kollega[/b]" in message for message in messages), messages
        assert all(CONTROLS.findall(message) == [] for message in messages)
        assert CONTROLS.findall(screen_text(app)) == []


async def test_a_damaged_files_name_reaches_the_home_list_without_controls(locations, make_app):
    name = "case-\x1b]0;pwned\x07\x9b2J\u202e.toml"
    (locations.documents / name).write_text("kind = 'case'\n")
    app = make_app(locations)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "case-" in text and "✗" in text, "the damaged file is listed"
        assert CONTROLS.findall(text) == []


def test_a_damaged_settings_file_is_reported_on_stderr_without_controls(locations, monkeypatch, capsys):
    import tui.__main__ as cli
    import tui.app
    import tui.driver

    locations.settings.write_text('[keymap]\n"\x9d0;pwned\x9c\x9b31m\u202e" = 1\n')  # C1 and bidi are valid TOML; the key is in the problem

    class NoApp:  # the app itself is not the point here
        return_code = 0
        driver_class = object

        def __init__(self, *args, **kwargs) -> None:
            pass

        def run(self, **_options) -> None:
            pass

        def release_all(self) -> None:
            pass

        def keep_css(self) -> None:
            pass

    monkeypatch.setattr(tui.app, "SamspilApp", NoApp)
    monkeypatch.setattr(tui.driver, "samspil_driver", lambda ascii=False: object)  # nor its terminal driver
    assert cli.run_app(locations, "da") == 0
    err = capsys.readouterr().err
    assert "settings.toml" in err
    assert CONTROLS.findall(err) == []


async def test_names_with_markup_in_lists_of_choices_are_text(demo_locations, make_app):
    """An actor named "[/]x" was a MarkupError in the reading form's list of relations (Textual's
    Select reads str labels as markup), and "[bold]" styled the name (tui/widgets/text_select.py)."""
    from tests.ui.helpers import burst, change_demo_case, keys_done
    from tui.case.gauge.reading_form import ReadingForm

    def rename(case) -> None:
        case.actors = [case.actors[0].model_copy(update={"name": "[/]Mor [bold]GM\x1b[31m"}), *case.actors[1:]]

    _path, case = change_demo_case(demo_locations, rename)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        burst(app, "enter", "right", "n")
        await keys_done(pilot)
        assert isinstance(app.screen, ReadingForm)
        actor = app.screen.query_one("#actor")
        actor.value = case.actors[0].id
        actor.focus()
        burst(app, "enter")  # the list open: every name as text
        await keys_done(pilot)
        text = screen_text(app)
        assert "[/]Mor [bold]GM␛[31m" in text and CONTROLS.findall(text) == []
