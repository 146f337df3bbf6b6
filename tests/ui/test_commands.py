"""One command table (tui/commands.py): every binding comes from it, the footer, the help and the
palette show it in the interface language, and the palette's screenshot stays private."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
import stat
import io
from pathlib import Path

from rich.console import Console
from rich.table import Table

from textual.dom import DOMNode
from textual.widgets import Static

import tui
from tests.ui.helpers import burst, keys_done, screen_text, settle
from tui.commands import BY_ID, COMMANDS
from tui.i18n import set_language, t
from tui.widgets.help import HelpScreen

README = Path(__file__).resolve().parents[2] / "README.md"


def samspil_classes() -> list[type[DOMNode]]:
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found, todo = [], [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui."):
            found.append(cls)
    return found


def test_every_binding_of_samspil_comes_from_the_command_table() -> None:
    used = set()
    for cls in samspil_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            command = BY_ID[binding.id]  # a binding without an id (or not in the table) fails here
            assert (binding.key, binding.action) == (command.keys, command.action), (cls, binding)
            used.add(binding.id)
    palette_only = {command.id for command in COMMANDS if not command.keys}
    assert used | palette_only == set(BY_ID), "every command in the table is bound somewhere"


def test_shared_actions_have_one_id_and_the_same_keys_everywhere() -> None:
    keys_of: dict[str, set[str]] = {}
    for cls in samspil_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            keys_of.setdefault(binding.id, set()).add(binding.key)
    for shared in ("save", "cancel", "delete", "back", "report"):
        assert keys_of[shared] == {BY_ID[shared].keys}, shared


def test_readme_lists_every_keymap_id() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [command.id for command in COMMANDS if f"`{command.id}`" not in text]
    assert not missing


async def test_labels_are_translated_when_shown_not_when_imported(demo_locations, make_app) -> None:
    set_language("en")  # after every screen module was imported (conftest, and the test above)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "New case" in footer and "Ny sag" not in footer


async def test_the_palette_finds_samspils_commands_in_the_interface_language(demo_locations, make_app) -> None:
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "enter")  # the newest document
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Gem", "Eksportér", "Tema", "Skærmbillede", "Privat"} <= names
        assert not names & {"Keys", "Maximize", "Screenshot", "Quit"}, "no English built-ins"
        await keys(pilot, "ctrl+p")
        assert "Søg efter kommandoer" in screen_text(app) and "Search for" not in screen_text(app)
        await keys(pilot, "escape")
        for word, shown in (("tema", "Tema"), ("eksport", "Eksportér")):
            await keys(pilot, "ctrl+p", word)
            assert shown in screen_text(app)
            await keys(pilot, "escape")
        set_language("en")
        assert {"Save", "Export", "Theme", "Screenshot"} <= {command.title for command in app.get_system_commands(app.screen)}


async def test_what_the_palette_itself_says_is_in_the_interface_language(demo_locations, make_app) -> None:
    """Textual's palette says "No matches found" and "Search for themes…" in English: in the Danish
    app it says them in Danish (it did not), in the English app in English."""
    for language, nothing, themes in (("da", "Intet fundet", "Søg efter temaer"), ("en", "No matches found", "Search for themes")):
        set_language(language)
        app = make_app(demo_locations)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await keys(pilot, "ctrl+p", "qqqq")
            for _ in range(30):  # Textual waits half a second before it says so
                if nothing in screen_text(app):
                    break
                await pilot.pause(0.1)
            assert nothing in screen_text(app)
            assert language == "en" or "No matches" not in screen_text(app)
            await keys(pilot, "escape", "ctrl+p", t("command.theme"), "enter")
            assert themes in screen_text(app)
            assert language == "en" or "Search for" not in screen_text(app)


def test_the_textual_code_the_palette_replaces_is_unchanged() -> None:
    """tui/palette.py and SamspilApp.search_themes say what these say, in our words: a Textual
    upgrade that changes them must look at ours again (then update the hashes)."""
    from textual.app import App
    from textual.command import CommandPalette

    for function, expected in (
        (CommandPalette._start_no_matches_countdown, "0bc07d1794718e89d73d75d9d5cff5123c4dde7ffc68e68ffe0b6bf133ae53f2"),
        (App.search_themes, "af61fe9e977f0fc0aceb3d73de9931fe26fac0f2a9f92714c7dae4dab4b1fda4"),
    ):
        assert hashlib.sha256(inspect.getsource(function).encode()).hexdigest() == expected, function.__qualname__


async def keys(pilot, *typed: str) -> None:
    burst(pilot.app, *typed)
    await keys_done(pilot)


async def test_screenshot_is_private_to_the_data_directory(demo_locations, make_app, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "ctrl+p", "skærmbil", "enter")
        [shot] = demo_locations.exports.glob("screen-*.svg")
        assert stat.S_IMODE(shot.stat().st_mode) == 0o600
        shot.unlink()
        await keys(pilot, "f3")
        app.deliver_screenshot()  # Textual's own path leads to the same guarded command
        await keys(pilot, "ctrl+p", "skærmbil", "enter")
        assert not list(demo_locations.exports.glob("screen-*.svg")), "refused under the privacy screen"
    assert not (tmp_path / "home").exists(), "nothing written to ~/Downloads"


def _help_text(screen) -> str:
    """All of the help, also what is scrolled out of view."""
    console = Console(width=200, file=io.StringIO(), record=True)
    for static in screen.query(Static):
        content = static.content
        console.print(content if isinstance(content, Table) else str(content), markup=False)
    return console.export_text()


async def test_a_wrapped_description_in_the_help_keeps_to_its_column(demo_locations, make_app) -> None:
    """At 80x24 a long description wraps under itself, not back under the keys (it did)."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "enter", "f1")
        rows = screen_text(app).splitlines()
        tip = t("privacy.tip")
        first = next(index for index, row in enumerate(rows) if tip[:20] in row)
        column, following = rows[first].index(tip[:20]), rows[first + 1]
        inside = following.index("█") + 1  # the dialog's left border (the screen under it shows left of it)
        assert following[inside:column].strip() == "" and following[column:].strip(), following


async def test_help_writes_keys_as_people_do_and_names_keymap_ids(demo_locations, make_app) -> None:
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await keys(pilot, "/", "Exnovation", "enter", "enter", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = _help_text(app.screen)
        assert "[, shift+←" in text and "[board.stage_back]" in text
        assert "left_square_bracket" not in text
        assert "En exnovationstavle" in text, "the screen's word comes from its HELP key"
        await keys(pilot, "escape", "enter", "f1")  # an item: no catalog key leaks as text
        text = _help_text(app.screen)
        assert "[force_field]" in text and "help." not in text


async def test_ctrl_c_says_how_to_quit_in_the_interface_language(demo_locations, make_app) -> None:
    """ctrl+c, the reflex to quit (it copies in a field): Textual's own note was English."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "enter", "ctrl+c")  # on the case's row of tabs
        [note] = app._notifications
        assert (note.title, note.message) == ("Vil du afslutte?", "Tryk ctrl+q for at gemme alt og afslutte. (ctrl+c kopierer i et felt.)")
        assert app.return_code is None
