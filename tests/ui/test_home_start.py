"""The start's path to the home list imports no pydantic and no models: the first list a user sees,
with a fresh index or none, is drawn before the documents are validated; a recovery copy is still
offered (tests/ui/test_errors.py), and a damaged file still marked once validated."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from saved.examples import copy_examples, example_files
from saved.locations import Locations

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

# The real app, headless, in a fresh interpreter: records what was imported when the home list was
# first filled, and what the list said once every worker was done.
_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from saved.locations import Locations
from tui.app import SamspilApp
from tui.home.screen import HomeScreen
from tui.i18n import set_language

set_language("da")
shown = []
real = HomeScreen._show_entries

def show(self, entries, select):
    real(self, entries, select)
    shown.append({"rows": len(entries), "damaged": sum(e.damaged for e in entries),
                  "pydantic": "pydantic" in sys.modules, "models": "models.documents" in sys.modules,
                  "emoji": "rich._emoji_codes" in sys.modules, "after_first_frame": self.app._first_frame.is_set()})

HomeScreen._show_entries = show

async def main():
    app = SamspilApp(Locations(Path(sys.argv[2])))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

import asyncio
asyncio.run(main())
print(json.dumps(shown))
"""


def first_lists(root: Path) -> list[dict]:
    result = subprocess.run([sys.executable, "-I", "-c", _PROBE, str(REPO_ROOT), str(root)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_fresh_copy_is_listed_before_pydantic_then_validated(tmp_path):
    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    damaged = locations.documents / "case-damagedd.toml"  # TOML the quick read takes, the models refuse
    damaged.write_text('kind = "case"\nschema_version = 4\nid = "damagedd"\ntitle = "' + "x" * 81 + '"\nchanged = 2026-01-01 10:00:00+01:00\nreview_date = 2026-02-01\n', encoding="utf-8")
    count = len(example_files()) + 1
    early, validated = first_lists(locations.root)
    # Read once the first frame was drawn (a first start's reading does not hold it up).
    assert early == {"rows": count, "damaged": 0, "pydantic": False, "models": False, "emoji": False, "after_first_frame": True}
    assert validated["rows"] == count and validated["damaged"] == 1


def test_a_list_the_index_knows_is_shown_without_pydantic(tmp_path, monkeypatch):
    from saved import summaries

    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    monkeypatch.setattr(summaries, "RECENT_NS", -10**12)  # the files count as settled: all recorded
    summaries.summaries(locations)
    assert len(json.loads(locations.index.read_text(encoding="utf-8"))["files"]) == len(example_files())
    [listed] = first_lists(locations.root)
    listed.pop("after_first_frame")  # from the index: in the first frame or the next
    assert listed == {"rows": len(example_files()), "damaged": 0, "pydantic": False, "models": False, "emoji": False}


def test_a_plain_start_reaches_the_app_without_argparse(tmp_path):
    """`samspil --data-dir DIR --lang da` is read by `plain_start`: argparse (and gettext, ~3 ms)
    stay off the way to the first frame; the app gets the same folder and language."""
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import tui.__main__ as cli; seen = []\n"
        "cli.run_app = lambda locations, lang, **kw: seen.append((str(locations.root), lang)) or 0\n"
        "cli.leave = lambda code: code\n"
        "code = cli.main(['--data-dir', sys.argv[2], '--lang', 'en'])\n"
        "from tui.i18n import current_language\n"
        "print(code, 'argparse' in sys.modules, seen == [(sys.argv[2], 'en')], current_language())"
    )
    result = subprocess.run([sys.executable, "-I", "-c", probe, str(REPO_ROOT), str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False", "True", "en"]


def test_the_first_frame_needs_no_text_area_no_dialog_and_no_json(tmp_path):
    """Home has no multi-line field and no dialog open: TextArea (textual.document, tree-sitter
    glue, its theme: ~7 ms) and the dialogs are not imported before the first frame, nor json (for
    locks), secrets (hmac with it: ids, temp names), hashlib (to read a file) or getpass (a lock's
    holder) with the app; a TextArea's changes still reach the CPR guard (tests/ui/test_home.py, notes)."""
    probe = (
        "import sys, asyncio; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "from saved.examples import copy_examples\n"
        "from saved.locations import Locations\n"
        "from tui.app import SamspilApp\n"
        "seen = [sorted(m for m in ('json', 'secrets', 'hmac', 'hashlib', 'getpass') if m in sys.modules)]\n"
        "real = SamspilApp._display\n"
        "def display(self, screen, renderable):\n"
        "    real(self, screen, renderable)\n"
        "    if self._first_frame.is_set() and len(seen) == 1:\n"
        "        seen.append(sorted(m for m in sys.modules if m in ('textual.document', 'textual.widgets._text_area', 'tui.widgets.dialogs', 'tui.widgets.note_area')))\n"
        "SamspilApp._display = display\n"
        "locations = Locations(Path(sys.argv[2])); copy_examples(locations)\n"
        "async def main():\n"
        "    async with SamspilApp(locations).run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "import json; print(json.dumps(seen))\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", probe, str(REPO_ROOT), str(tmp_path / "data")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [[], []]


def _styles(screen) -> list[tuple]:
    """Every widget's styles from the CSS, and those of its component classes (a table's cursor...)."""
    return [
        (repr(node), sorted(map(repr, node._css_styles.get_rules().items())), sorted((name, sorted(map(repr, styles.base.get_rules().items()))) for name, styles in node._component_styles.items()))
        for node in screen.walk_children(with_self=True)
    ]


async def test_home_styles_at_start_are_complete_without_the_resume_restyle(demo_locations, make_app):
    """Home's first resume leaves out Textual's restyle of every widget (they were styled as they
    were mounted): restyling them all afterwards changes nothing, nor does a resume later."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert home._resumed
        started = _styles(home)
        home.update_node_styles(animate=False)
        await pilot.pause()
        assert _styles(home) == started
        assert len(started) > 10


async def test_keys_typed_while_the_list_loads_open_the_case_they_name(demo_locations, make_app, monkeypatch):
    """`samspil`, then "/J.P", Enter, Enter typed at once (an SSH user who knows the way): the
    keys came before the list did. Enter moved from the search to the still empty list, the second
    Enter found no row and was lost; the letters after it (`a`) archived the case. Keys now wait
    for the list's first rows, as they would have had they been typed slowly."""
    import time

    import saved.summaries
    from tests.ui.helpers import burst, keys_done
    from tui.case.screen import CaseScreen

    slow = saved.summaries.summaries

    def summaries(*args, **kwargs):
        time.sleep(0.4)  # a slow disk, a team's folder, a first start: the rows come late
        return slow(*args, **kwargs)

    monkeypatch.setattr(saved.summaries, "summaries", summaries)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "/", "J.P", "enter", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, CaseScreen), type(app.screen).__name__
        assert app.screen.session.document.title.startswith("J.P")


async def test_a_list_that_cannot_be_read_does_not_hold_the_keys(demo_locations, make_app, monkeypatch):
    import saved.summaries
    from tests.ui.helpers import burst, keys_done
    from tui.home.screen import HomeScreen
    from tui.widgets.dialogs import Ask

    def summaries(*args, **kwargs):
        raise OSError("the folder went away")

    monkeypatch.setattr(saved.summaries, "summaries", summaries)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen) and not home.preparing
        burst(app, "n")
        await keys_done(pilot)
        assert isinstance(app.screen, Ask)


async def test_a_focus_change_at_home_repaints_what_it_changes_and_no_more(demo_locations, make_app, monkeypatch):
    """Home's `focused` repaints nothing itself (Textual's repainted the whole screen on every
    focus change): the widgets whose look follows the focus restyle and repaint themselves. After
    every step the terminal shows what the widgets show, and no focus change sends a full frame."""
    from textual._compositor import LayoutUpdate
    from textual.app import App

    from tests.ui.helpers import burst, keys_done
    from tests.ui.test_layout_once import _terminal

    frames: list[int] = [0]
    cells = _terminal(monkeypatch, frames)
    full: list[object] = []
    display = App._display

    def noted(self, screen, update) -> None:
        full.append(isinstance(update, LayoutUpdate))
        display(self, screen, update)

    monkeypatch.setattr(App, "_display", noted)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        focused = []
        # f3, the privacy screen, shows its banner: a layout, a full frame, and a focus change after it.
        for keys in [("/",), ("K.M.",), ("enter",), ("/",), ("escape",), ("tab",), ("shift+tab",), ("f3",), ("/",), ("enter",)]:
            full.clear()
            burst(app, *keys)
            await keys_done(pilot)
            focused.append(app.focused.id)
            assert keys == ("f3",) or not any(full), keys
            width, height = app.size
            terminal = [[cells.get((x, y), (" ", "")) for x in range(width)] for y in range(height)]
            drawn = [[(char, str(segment.style)) for segment in strip for char in segment.text] for strip in app.screen._compositor.render_strips()]
            assert terminal == drawn, keys
        assert focused[:3] == ["search", "search", "documents"] and "search" in focused[3:]


async def test_a_resize_to_the_size_home_was_laid_out_at_lays_nothing_out(demo_locations, make_app):
    """Textual sends home three resizes to its own size at the start, each a full reflow (~2 ms
    of CPU before the list is shown); home skips them. A real resize is laid out as before."""
    from textual import events
    from textual.geometry import Size

    from tests.ui.helpers import keys_done, screen_layouts

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        home = app.screen
        with screen_layouts() as layouts:
            home.post_message(events.Resize(Size(80, 24), Size(80, 24)))
            await keys_done(pilot)
            assert layouts == []
            await pilot.resize_terminal(60, 20)
            await keys_done(pilot)
            assert layouts and home.size == Size(60, 20)
            assert home.query_one("#documents").size.width == 60
