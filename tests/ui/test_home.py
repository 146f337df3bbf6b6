"""The home screen, driven by the keys a user presses; assertions on the files and the screen."""

from __future__ import annotations

import json
import os
import re
import stat

from models.base import SCHEMA_VERSION
from saved import platform as saved_platform
from saved.lock import LockInfo
from saved.store import load
from saved.toml_read import tomllib
from tests.ui.helpers import cursor_to_end, notes_editor, screen_text, settle, type_text
from tui.case.screen import CaseScreen
from tui.widgets.dialogs import Ask, Choice
from tui.home.screen import HomeScreen


def documents(locations):
    return {p.name: tomllib.loads(p.read_text()) for p in locations.document_files()}


async def test_create_a_case_type_notes_and_go_back(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Ingen dokumenter endnu" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, Ask)
        await type_text(pilot, "AB")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        [(name, doc)] = documents(locations).items()
        assert doc["kind"] == "case" and doc["title"] == "AB" and doc["schema_version"] == SCHEMA_VERSION
        path = locations.documents / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert locations.lock_of(path).exists(), "an open document is locked"
        assert "Gemt" in screen_text(app)

        (await notes_editor(app)).focus()
        await type_text(pilot, "Ringede i dag")
        assert "Ikke gemt" in screen_text(app)
        await pilot.press("ctrl+s")
        assert load(path).document.notes == "Ringede i dag"
        assert "✓ Gemt" in screen_text(app)

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not locations.lock_of(path).exists(), "leaving the document releases its lock"
        assert "AB" in screen_text(app)


async def test_home_and_end_go_to_the_first_and_last_document(demo_locations, make_app):
    """Home on the list did nothing (DataTable scrolls sideways on it), so Home Enter opened the
    document still selected (found in tmux)."""
    from tests.ui.helpers import burst, keys_done

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#documents")
        assert table.row_count > 2
        burst(app, "end")
        await keys_done(pilot)
        assert table.cursor_row == table.row_count - 1
        burst(app, "home")
        await keys_done(pilot)
        assert table.cursor_row == 0


async def test_autosave_after_a_pause(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the newest document, K.M. (demo)
        assert isinstance(app.screen, CaseScreen)
        await cursor_to_end(app)
        await pilot.press("x")
        await pilot.pause(1.5)
        assert load(path).document.notes.endswith("x")
        assert demo_locations.backup_of(path).exists(), "the previous version is kept as .bak"


async def test_quit_saves_first(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await cursor_to_end(app)
        await pilot.press("!")
        await pilot.press("ctrl+q")
        await pilot.pause()
    app.release_all()
    assert load(path).document.notes.endswith("!")
    assert not demo_locations.lock_of(path).exists()


async def test_rename_archive_and_search(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, Ask)
        await pilot.press("ctrl+u")  # clear the field
        await type_text(pilot, "KM-2")
        await pilot.press("enter")
        await settle(pilot)
        assert load(path).document.title == "KM-2"
        assert "KM-2" in screen_text(app)

        await pilot.press("a")
        await settle(pilot)
        assert load(path).document.archived is True
        assert "KM-2" not in screen_text(app), "archived documents are hidden"
        await pilot.press("v")
        await settle(pilot)
        assert "KM-2" in screen_text(app)

        await pilot.press("slash")
        await type_text(pilot, "J.P")
        await pilot.pause()
        text = screen_text(app)
        assert "J.P. (demo)" in text and "KM-2" not in text and "Supervision, nov" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert "KM-2" in screen_text(app)


async def test_delete_asks_and_removes_file_backup_and_lock(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    backup = demo_locations.backup_of(path)
    backup.write_bytes(path.read_bytes())
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        assert isinstance(app.screen, Choice)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert path.exists()
        await pilot.press("x", "enter")  # typed ahead: Enter on the dialog cancels, never deletes
        await settle(pilot)
        assert path.exists() and not isinstance(app.screen, Choice)
        await pilot.press("x")
        await pilot.press("y")
        await settle(pilot)
        assert not path.exists() and not backup.exists()
        assert not demo_locations.lock_of(path).exists()
        assert "K.M. (demo)" not in screen_text(app)


async def test_damaged_file_is_listed_with_line_and_never_written(locations, make_app):
    bad = locations.documents / "case-brokenaa.toml"
    bad.write_bytes(b'kind = "case"\nschema_version = 1\ntitle = "x\n')
    before = bad.read_bytes()
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "BESKADIGET" in text
        assert "case-brokenaa.toml:3" in text, "the detail pane says file and line"
        await pilot.press("enter")
        assert isinstance(app.screen, Choice)
        await pilot.press("escape")
        for key in ("r", "a"):
            await pilot.press(key)
            await settle(pilot)
    assert bad.read_bytes() == before


async def test_a_file_samspil_cannot_read_is_said_so_not_called_damaged(locations, make_app, tmp_path):
    """A link (never followed) may point at a whole document: "cannot be read", and what can fix
    it, not "damaged" and an offer to open it without the damaged parts."""
    target = tmp_path / "elsewhere.toml"
    target.write_bytes(b'kind = "case"\nschema_version = 1\ntitle = "x"\n')
    (locations.documents / "case-linkedaa.toml").symlink_to(target)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "✗ KAN IKKE LÆSES" in text and "BESKADIGET" not in text
        assert "samspil kan ikke læse den" in text and "uden de beskadigede dele" not in text
    assert target.read_bytes() == b'kind = "case"\nschema_version = 1\ntitle = "x"\n'


async def test_second_copy_opens_read_only_and_says_who(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    other = LockInfo("kollega", LockInfo.mine().host, os.getppid(), "2026-11-23T08:00:00+01:00")
    demo_locations.lock_of(path).write_text(
        json.dumps({"user": other.user, "host": other.host, "pid": other.pid, "since": other.since})
    )
    before = path.read_bytes()
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "i brug" in screen_text(app) and "kollega@" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.session.opened.read_only is not None
        text = screen_text(app)
        assert "Kun læsning" in text and "kollega@" in text
        assert (await notes_editor(app)).read_only
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await settle(pilot)
    assert path.read_bytes() == before
    assert "kollega" in demo_locations.lock_of(path).read_text(), "someone else's lock is left alone"


async def test_stale_lock_can_be_taken_over(demo_locations, make_app):
    import subprocess
    import sys

    path = demo_locations.document("case", "demcasea")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    demo_locations.lock_of(path).write_text(
        json.dumps({"user": "mig", "host": LockInfo.mine().host, "pid": pid, "since": "2026-11-20T08:00:00+01:00"})
    )
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, Choice)
        assert "ikke længere" in screen_text(app) or "kører" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.session.opened.read_only is None
        assert str(os.getpid()) in demo_locations.lock_of(path).read_text()


async def test_file_changed_on_disk_is_not_overwritten(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        theirs = path.read_text().replace("Aftalt: netværksmøde", "Aftalt (ændret udefra): netværksmøde")
        path.write_text(theirs)
        await cursor_to_end(app)
        await pilot.press("Z")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choice), "the user is asked"
        assert path.read_text() == theirs, "their version is untouched"
        await pilot.press("n")  # save mine as a new document
        await pilot.pause()
        assert path.read_text() == theirs
        copies = [p for p in demo_locations.document_files() if p != path and load(p).document.title == "K.M. (demo)"]
        assert len(copies) == 1 and load(copies[0]).document.notes.endswith("Z")


async def test_cpr_number_is_flagged_and_masked(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "CD")
        await pilot.press("enter")
        await settle(pilot)
        (await notes_editor(app)).focus()
        await type_text(pilot, "cpr 010190-1234 ")
        await pilot.pause()
        assert "ligner et CPR-nummer" in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "ligner et CPR-nummer" not in screen_text(app)
        [path] = locations.document_files()
        assert load(path).document.notes.strip() == "cpr 010190-XXXX"
        assert "1234" not in path.read_text()


async def test_cpr_in_a_new_title_is_flagged(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "0101901234")
        await pilot.pause()
        assert "ligner et CPR-nummer" in screen_text(app)
        await pilot.press("ctrl+r")
        assert app.screen.query_one("#answer").value == "010190XXXX"


async def test_hostile_text_is_shown_as_placeholders_not_escapes_or_markup(locations, make_app):
    from models.documents import Case
    from saved.store import create

    create(locations, Case(title="\x1b]0;pwned\x07[bold]x[/bold]\u202e", notes="\x1b[2J\x9b[@click=app.quit]"))
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "␛]0;pwned␇[bold]x[/bold]" in text
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "␛[2J" in text and "[@click=app.quit]" in text
        assert app.title == "samspil", "no citizen text in the window title"
        svg = app.export_screenshot()
        assert "\x1b" not in svg


async def test_window_title_and_notifications_carry_no_citizen_text(demo_locations, make_app):
    app = make_app(demo_locations)
    messages = []
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        original = app.notify

        def spy(message, *args, **kwargs):
            messages.append(str(message))
            return original(message, *args, **kwargs)

        app.notify = spy
        for screen_notify in (app.screen,):
            screen_notify.notify = spy
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("v", "a")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.notify = spy
        await pilot.press("ctrl+s")
        assert app.title == "samspil" and app.sub_title == ""
    assert messages, "the actions were announced"
    assert not any("K.M" in m or "Kvinde" in m for m in messages)


async def test_save_failure_keeps_the_changes_and_says_so(demo_locations, make_app, monkeypatch):
    import errno

    import saved.store

    path = demo_locations.document("case", "demcasea")
    before = path.read_bytes()
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        (await notes_editor(app)).focus()

        def disk_full(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(saved.store, "atomic_write", disk_full)
        await cursor_to_end(app)
        await pilot.press("Q")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "IKKE GEMT" in screen_text(app)
        assert path.read_bytes() == before
        assert app.screen.session.opened.dirty
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load(path).document.notes.endswith("Q")
        assert "✓ Gemt" in screen_text(app)


async def test_newer_schema_opens_read_only(locations, make_app):
    path = locations.documents / "case-newerxyz.toml"
    path.write_text(
        'kind = "case"\nschema_version = 9\nid = "newerxyz"\ntitle = "Fra fremtiden"\n'
        'created = 2026-01-01T10:00:00+01:00\nchanged = 2026-01-01T10:00:00+01:00\n'
        'review_date = 2027-01-01\nfuture_field = "x"\n'
    )
    before = path.read_bytes()
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "nyere version" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Kun læsning" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
    assert path.read_bytes() == before


async def test_help_lists_the_keys_of_the_screen(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        text = screen_text(app)
        assert "Ny sag" in text and "Slet" in text and "Søg" in text
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert "Hjælp" in screen_text(app)


async def test_an_empty_list_says_where_documents_copied_into_the_data_folder_should_go(locations, make_app):
    """Files copied into the data folder itself, not its documents folder, are not listed: the
    empty list says how many lie there and where they belong, and nothing is moved or written."""
    from saved.examples import HERE

    copied = (HERE / "case-demcasea.toml").read_bytes()
    (locations.root / "case-demcasea.toml").write_bytes(copied)
    (locations.root / "settings.toml").write_text("lang = 'da'\n", encoding="utf-8")  # not a document
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Ingen dokumenter i" in shown and "1 TOML-fil ligger i selve datamappen" in shown
    assert (locations.root / "case-demcasea.toml").read_bytes() == copied
    assert locations.document_files() == []


async def test_rows_read_only_the_locks_a_folder_listing_shows_and_say_the_same(demo_locations, make_app):
    """The list reads a document's lock only when its folder holds one (one listing, not an open
    per document): the rows are those of reading every lock. Locks here: another samspil's, one
    of ours (not "in use"), a FIFO and unreadable text (neither is a holder)."""
    from textual.widgets import DataTable

    from tui.home.screen import _lock_files

    paths = demo_locations.document_files()
    assert len(paths) >= 4
    other = {"user": "kollega", "host": LockInfo.mine().host, "pid": os.getppid(), "since": "2026-11-23T08:00:00+01:00"}
    demo_locations.lock_of(paths[0]).write_text(json.dumps(other))
    mine = LockInfo.mine()
    demo_locations.lock_of(paths[1]).write_text(json.dumps({"user": mine.user, "host": mine.host, "pid": mine.pid, "since": mine.since}))
    if saved_platform.WINDOWS:  # no FIFOs there (and the simulation's open would wait on one)
        demo_locations.lock_of(paths[2]).mkdir()
    else:
        os.mkfifo(demo_locations.lock_of(paths[2]))
    demo_locations.lock_of(paths[3]).write_text("[bold]not json\x1b[31m")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert _lock_files(home.entries) == {demo_locations.lock_of(p).name for p in paths[:4]}
        table = home.query_one(DataTable)
        shown = {str(row.key.value): tuple(cell.plain for cell in table.get_row(row.key)) for row in table.ordered_rows}
        every_lock_read = {str(entry.path): tuple(cell.plain for cell in home.row(entry)) for entry in home.entries}
        assert shown == every_lock_read
        in_use = {key for key, cells in shown.items() if "i brug" in cells[3]}
        assert in_use == {str(paths[0])}


async def test_the_list_fits_a_narrow_terminal_without_scrolling_sideways(demo_locations, make_app):
    """At 60 columns the status column was cut off behind a sideways scroll bar. Narrower than
    80 the title is cut first (as a long title is at any width), then the time of day; at 40 the
    others too: every column shows, and nothing scrolls sideways. Back at 80, as it was."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#documents")
        at_80 = screen_text(app)
        for width in (60, 40, 80):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            text = screen_text(app)
            assert not table.show_horizontal_scrollbar and table.virtual_size.width <= table.size.width, width
            header = next(row for row in text.splitlines() if "Type" in row or "Typ" in row)
            assert "Titel" in header and "Ændret" in header and "Status" in header, (width, header)
            assert "K.M. (demo)" in text and "2026-11-20" in text and "! skal" in text, width
        assert screen_text(app) == at_80


async def test_a_search_typed_in_a_burst_fills_the_list_once_and_shows_its_matches(demo_locations, make_app, monkeypatch):
    """Letters typed at once reach the search's handler after the last was typed: the list is
    filled for the field's final text once, not once per letter. Typed slowly, each letter fills."""
    from tests.ui.helpers import burst, keys_done

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        fills: list[str] = []
        fill = HomeScreen.fill_table

        def counted(self, *args, **kwargs):
            fills.append(self.query_one("#search").value)
            return fill(self, *args, **kwargs)

        monkeypatch.setattr(HomeScreen, "fill_table", counted)
        burst(app, "/", "J.P. (demo)")
        await keys_done(pilot)
        assert fills == ["J.P. (demo)"]
        text = screen_text(app)
        assert "J.P. (demo)" in text and "K.M. (demo)" not in text and "1 af" in home.query_one("#counts").content.plain
        burst(app, "backspace")
        await keys_done(pilot)
        await pilot.press("x")
        await pilot.press("backspace")
        await pilot.pause()
        assert fills == ["J.P. (demo)", "J.P. (demo", "J.P. (demox", "J.P. (demo"]
        assert "J.P. (demo)" in screen_text(app)


def test_every_state_fits_the_status_column_at_80_columns(monkeypatch):
    """Each state the list can show, with its mark, whole in the status column at 80 columns, in
    both languages ("⊘ nyere version, kun læsning" was cut; the detail line says read-only)."""
    from rich.cells import cell_len

    from tui.home.screen import column_widths
    from tui.i18n import set_language, t

    monkeypatch.setattr("tui.i18n._current", "da")
    width = column_widths(80)["status"]
    for lang in ("da", "en"):
        set_language(lang)
        for mark, key in (("✗", "damaged"), ("✗", "not_read"), ("⊘", "newer"), ("!", "review_due"), ("▫", "archived"), ("⊘", "in_use")):
            assert cell_len(f"{mark} {t(f'state.{key}')}") <= width, (lang, key)
        assert cell_len(f"✗ {t('state.damaged')}, ◆") <= width, "a damaged team document's mark"


async def test_the_states_are_whole_in_the_list_at_80x24(locations, make_app):
    (locations.documents / "case-newerxyz.toml").write_text(
        'kind = "case"\nschema_version = 9\nid = "newerxyz"\ntitle = "Fra fremtiden"\n'
        'created = 2026-01-01T10:00:00+01:00\nchanged = 2026-01-01T10:00:00+01:00\n'
        'review_date = 2027-01-01\nfuture_field = "x"\n'
    )
    (locations.documents / "case-brokenab.toml").write_text('kind = "case"\ntitle = x\n')
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "⊘ nyere version " in text and "✗ BESKADIGET " in text


async def test_the_title_column_takes_a_wider_screen_and_nothing_scrolls_sideways(demo_locations, make_app):
    from models.documents import Case
    from saved import store
    from textual.widgets import DataTable

    for number in range(30):  # more rows than fit: the vertical scroll bar takes its room too
        store.create(demo_locations, Case(title=f"Sag {number} med en titel, der er længere end nogen kolonne her kan rumme"))
    titles = {}
    for width, height in ((80, 24), (120, 30), (160, 40)):
        app = make_app(demo_locations)
        async with app.run_test(size=(width, height)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            titles[width] = table.columns[next(key for key in table.columns if key.value == "title")].width
            assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar, width
            assert table.max_scroll_x == 0, width
            assert table.virtual_size.width <= table.scrollable_content_region.width, width
            shown = screen_text(app)
            longer = re.search(r"Sag {2,}Sag \d+ med en titel, der er længere end nogen", shown)  # a row, not the detail line
            assert bool(longer) == (width >= 120), width  # at 80 the title is cut at 26 cells
    assert titles[80] == 26 and titles[120] > 26 + 20 and titles[160] > titles[120] + 30, titles


async def test_a_list_of_only_archived_documents_says_so(locations, make_app):
    """Archiving the only document left the list empty with "Intet matcher søgningen. Esc rydder
    den.": there was no search (found in tmux). It says that all are archived and how to see them."""
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "T.R.")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        assert "Alle dokumenter er arkiveret. Tryk v for at vise dem." in text and "søgningen" not in text
        await pilot.press("slash")
        await type_text(pilot, "zz")
        await pilot.pause()
        assert "Intet matcher søgningen" in screen_text(app), "a search that finds nothing still says so"
