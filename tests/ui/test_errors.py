"""The error boundary (tui/errors.py) and the edit path (tui/document/session.py) under faults.

Each test forces a failure where a user would meet it and checks the three promises: the app
keeps running (or, if it must stop, keeps the unsaved work in a recovery copy), no document text
reaches the terminal or the log, and nothing typed is lost.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from saved.toml_read import tomllib  # Python 3.10 has tomli
from pathlib import Path

import pytest

from models.documents import Case
from models.network import Actor
from saved import recovery, store
from saved.editing import OpenDocument
from saved.store import ChangedOnDisk
from tests.ui.helpers import burst, cursor_to_end, keys_done, settle, type_text
from tui.widgets.dialogs import Choice

SECRET = "Hemmelig note om borgeren"


@pytest.fixture(autouse=True)
def contained(monkeypatch):
    """See what a user sees: errors are contained, not turned into test failures."""
    monkeypatch.delenv("SAMSPIL_STRICT_ERRORS", raising=False)


def notes_of(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def open_case(pilot, locations, path: Path):
    app = pilot.app
    await settle(pilot)
    app.show_document(OpenDocument.open(locations, path))
    await pilot.pause()
    return app.screen.session


async def type_secret(pilot, session) -> None:
    await cursor_to_end(pilot.app)
    await type_text(pilot, " " + SECRET)
    await pilot.pause()
    assert SECRET in session.document.notes


def assert_no_document_text(app, locations, capsys) -> None:
    out, err = capsys.readouterr()
    for text in (out, err, "\n".join(app.failures), "\n".join(notes_of(app))):
        assert SECRET not in text
    if locations.log.exists():
        assert SECRET not in locations.log.read_text()
        assert oct(locations.log.stat().st_mode & 0o777) == "0o600"


def demo_case(locations) -> Path:
    return locations.document("case", "demcasea")


async def test_an_error_in_an_action_stops_the_action_not_the_app(demo_locations, make_app, monkeypatch, capsys):
    """An unexpected error in save (here: one whose message quotes the document) is contained."""
    path = demo_case(demo_locations)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        await type_secret(pilot, session)

        def broken_write(locations, loaded, snapshot, pace=None):
            raise RuntimeError(loaded.document.notes)

        monkeypatch.setattr(store, "write", broken_write)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert len(app.failures) == 1 and app.failures[0].startswith("RuntimeError at ")
        assert "tui/document/session.py" in app.failures[0]
        assert any("handlingen blev stoppet" in note for note in notes_of(app))
        assert session.dirty and SECRET in session.document.notes
        monkeypatch.undo()
        os.environ.pop("SAMSPIL_STRICT_ERRORS", None)
        await pilot.press("ctrl+s")  # the fault is gone: what was typed is saved
        await pilot.pause()
    assert SECRET in tomllib.loads(path.read_text())["notes"]
    assert_no_document_text(app, demo_locations, capsys)
    assert demo_locations.log.read_text().count("RuntimeError at ") == 1


async def test_the_501st_actor_is_refused_with_a_reason(locations, make_app, capsys):
    case = Case(title="AB", actors=[Actor(name=f"Aktør {n}", kind="Ven", sector="private", ring=3) for n in range(500)])
    loaded = store.create(locations, case)
    before = loaded.path.read_bytes()
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, locations, loaded.path)
        problem = session.update(actors=[*session.document.actors, Actor(name="Nr 501", kind="Ven", sector="private", ring=3)])
        assert problem == "Højst 500"
        assert len(session.document.actors) == 500 and not session.dirty
        assert app.is_running and not app.failures
    assert loaded.path.read_bytes() == before
    assert_no_document_text(app, locations, capsys)


async def test_a_change_that_fails_half_way_is_rolled_back_whole(demo_locations, make_app):
    path = demo_case(demo_locations)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        case = session.document
        actors, ties, title = case.actors, case.ties, case.title
        # Ties go first and are valid; then an actor list that drops actors the ties still use.
        problem = session.update(ties=ties[:1], actors=actors[:1])
        assert problem is not None
        assert case.ties is ties and case.actors is actors and case.title == title
        assert not session.dirty


async def test_reload_of_a_file_left_damaged_keeps_what_was_typed(demo_locations, make_app, capsys):
    path = demo_case(demo_locations)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        await type_secret(pilot, session)
        path.write_text(path.read_text() + "\nbroken = [\n")  # a hand edit with a TOML typo
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("r")  # reload
        await pilot.pause()
        assert app.is_running and not app.failures
        assert any("kan ikke læses" in note and "case-demcasea.toml:" in note for note in notes_of(app))
        assert session.dirty and SECRET in session.document.notes
    assert_no_document_text(app, demo_locations, capsys)


async def test_save_as_new_on_a_full_disk_keeps_what_was_typed(demo_locations, make_app, monkeypatch, capsys):
    path = demo_case(demo_locations)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        await type_secret(pilot, session)
        path.write_text(path.read_text().replace("review_date", "review_date", 1) + "\n# changed elsewhere\n")

        def full(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        monkeypatch.setattr(store, "create", full)
        await pilot.press("n")  # save as new
        await pilot.pause()
        assert app.is_running and not app.failures
        assert any("disken er fuld" in note for note in notes_of(app)), "the reason, in the interface language (tui/errors.py os_reason)"
        assert session.dirty and SECRET in session.document.notes
        assert session.opened.path == path
    assert_no_document_text(app, demo_locations, capsys)


async def test_a_lock_holder_named_like_markup_is_shown_as_text(demo_locations, make_app):
    path = demo_case(demo_locations)
    demo_locations.lock_of(path).write_text(json.dumps({"user": "[/]", "host": "[b]x", "pid": 1, "since": "\x1b]0;t\x07"}))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        assert session.read_only
        status = str(app.screen.query_one("#save-status").render())
        assert "[/]@[b]x" in status and "\x1b" not in status
        assert session.update(notes="x") is not None  # refused, with who holds it
        assert app.is_running and not app.failures


async def test_a_lock_with_an_absurd_pid_does_not_crash_opening(demo_locations, make_app):
    path = demo_case(demo_locations)
    demo_locations.lock_of(path).write_text(json.dumps({"user": "x", "host": os.uname().nodename, "pid": 10**21, "since": "?"}))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        assert session.read_only and app.is_running and not app.failures


@pytest.mark.parametrize("action", ["export", "delete", "dialog"])
async def test_errors_in_export_delete_and_dialog_save_are_contained(action, demo_locations, make_app, monkeypatch, capsys):
    path = demo_case(demo_locations)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        readings = session.document.readings

        def leak(*_args, **_kwargs):
            raise ValueError(SECRET)

        if action == "export":
            import tui.document.export_dialog as export_dialog

            monkeypatch.setattr(export_dialog, "render", leak)
            await pilot.press("f4", "m")
        else:
            await pilot.press("right", "tab")  # into the gauge
            await pilot.pause()
            monkeypatch.setattr(type(session), "update", leak)
            if action == "delete":  # the confirm dialog's answer is handled after it closes
                await pilot.press("x")
                await pilot.pause()
                await pilot.press("y")
            else:  # the reading form's result
                await pilot.press("n")
                await pilot.pause()
                await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "5", "tab", "5", "ctrl+s")
        await pilot.pause()
        assert session.document.readings is readings
        assert app.is_running and app._exception is None
        assert len(app.failures) == 1, app.failures
    assert_no_document_text(app, demo_locations, capsys)


def test_a_fatal_error_keeps_the_unsaved_work_and_prints_no_document_text(demo_locations, tmp_path):
    """A real run (headless, its own process): an error in a screen's compose ends the app; what
    was typed goes to a recovery copy, the terminal gets one plain message, and the next start
    offers the copy back."""
    script = tmp_path / "run.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import asyncio, sys
            from saved.locations import Locations
            from saved.editing import OpenDocument
            from tui.app import SamspilApp
            from tui.widgets import help as help_screen

            def broken_compose(self):
                raise RuntimeError(self.app.sessions[0].document.notes)
                yield

            help_screen.HelpScreen.compose = broken_compose
            locations = Locations.resolve({str(demo_locations.root)!r})

            async def auto(pilot):
                app = pilot.app
                await pilot.pause(0.5)
                app.show_document(OpenDocument.open(locations, locations.document("case", "demcasea")))
                await pilot.pause()
                (await app.screen.notes_editor()).focus()
                await pilot.press(*" {SECRET}")
                await pilot.pause()
                await pilot.press("f1")
                await pilot.pause(1)

            app = SamspilApp(locations)
            app.run(headless=True, auto_pilot=auto)
            app.release_all()
            sys.exit(app.return_code)
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if k != "SAMSPIL_STRICT_ERRORS"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "samspil" in result.stdout + result.stderr and "samspil.log" in result.stdout + result.stderr
    copies = recovery.copies(demo_locations)
    assert [copy.name for copy in copies] == ["case-demcasea.toml"]
    assert SECRET in copies[0].read_text() and oct(copies[0].stat().st_mode & 0o777) == "0o600"
    path = demo_case(demo_locations)
    assert SECRET not in path.read_text()
    log = demo_locations.log.read_text()
    assert "RuntimeError at " in log and SECRET not in log
    assert not demo_locations.lock_of(path).exists()

    # The next start: check lists the copy; restoring writes it back and keeps the old file as .bak.
    from saved.check import check

    assert any("recovery" in str(problem.path) for problem in check(None, demo_locations))
    old = path.read_bytes()
    recovery.restore(demo_locations, copies[0])
    assert SECRET in path.read_text()
    assert demo_locations.backup_of(path).read_bytes() == old
    assert not recovery.copies(demo_locations)


async def test_the_next_start_offers_the_recovery_copy(demo_locations, make_app):
    path = demo_case(demo_locations)
    loaded = store.load(path)
    loaded.document.notes += " " + SECRET
    recovery.write(demo_locations, loaded)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        await pilot.press("g")  # gendan
        await settle(pilot)
        assert not isinstance(app.screen, Choice)
    assert SECRET in path.read_text()
    assert not recovery.copies(demo_locations)


def test_changed_on_disk_is_still_refused_by_the_store(demo_locations):
    """The session relies on the store to refuse; it still does."""
    path = demo_case(demo_locations)
    loaded = store.load(path)
    path.write_text(path.read_text() + "\n")
    with pytest.raises(ChangedOnDisk):
        store.save(demo_locations, loaded)


async def test_a_panic_from_outside_any_handler_keeps_the_typing_and_shows_no_traceback(demo_locations, make_app):
    """Textual panics when its input thread fails, as when the terminal is gone (read gives EIO):
    that is a hang-up, so what was typed is saved first."""
    path = demo_case(demo_locations)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        await type_secret(pilot, session)
        try:  # as Textual's input thread hands it over: a rich Traceback of the error
            raise ValueError(SECRET)
        except ValueError:
            import rich.traceback

            app.panic(rich.traceback.Traceback())
    assert SECRET in tomllib.loads(path.read_text())["notes"]
    shown = "".join(str(renderable) for renderable in app._exit_renderables)
    assert SECRET not in shown and "Traceback" not in shown and app.return_code == 1
    # The message names the error log: the place is there (the error's type; no message, no value).
    logged = demo_locations.log.read_text()
    assert "ValueError at Textual" in logged and SECRET not in logged


async def test_typing_on_while_changed_on_disk_is_asked_does_not_stack_the_question(demo_locations, make_app):
    path = demo_case(demo_locations)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await open_case(pilot, demo_locations, path)
        await type_secret(pilot, session)
        path.write_text(path.read_text() + "\n# changed elsewhere\n")
        session.save_now()
        session.save_now()  # the autosave of more typing, while the question is still open
        await pilot.pause()
        assert sum(isinstance(screen, Choice) for screen in app.screen_stack) == 1


def test_the_message_names_the_log_only_when_it_was_written(tmp_path, monkeypatch):
    """On a full disk the error boundary said where the error was logged, in a log it never wrote."""
    import tui.errors
    from tui.errors import logged_where
    from tui.i18n import t

    log = tmp_path / "samspil.log"
    assert logged_where(log, "a place") == t("error.in_log", log=str(log)) and "a place" in log.read_text()

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tui.errors.os, "write", full)
    assert logged_where(log, "another place") == t("error.not_logged", log=str(log))
    assert "another place" not in log.read_text()


@pytest.mark.skipif(os.name == "nt", reason="a symbolic link needs privileges on Windows")
async def test_a_symlink_at_the_lock_path_is_said_with_the_file_not_the_error_type(demo_locations, make_app, tmp_path):
    """Tried in tmux: a link planted at the lock opened the case read-only saying 'could not lock
    the file: UnsafePath' (the error's type), cut at the screen's width. Now the reason names the
    file and what is wrong, in a notification that wraps; the link's target is untouched."""
    path = demo_case(demo_locations)
    target = tmp_path / "target"
    target.write_text("x")
    demo_locations.lock_of(path).symlink_to(target)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "K.M.", "enter", "enter")
        await keys_done(pilot)
        assert app.screen.session.read_only
        [note] = [note for note in notes_of(app) if "kunne ikke låse filen" in note]
        assert f"{demo_locations.lock_of(path)} is a symbolic link" in note and "UnsafePath" not in note
        assert "UnsafePath" not in str(app.screen.query_one("#save-status").render())
    assert target.read_text() == "x"


async def test_a_lock_no_holder_can_be_read_from_is_offered_naming_the_file(demo_locations, make_app):
    """Tried in tmux: 10 MB of garbage at the lock asked to take over a lock 'by a samspil ...
    which is no longer running' (nothing says so), without naming the file. Now the question
    names the lock file and says what it is."""
    path = demo_case(demo_locations)
    lock_path = demo_locations.lock_of(path)
    lock_path.write_bytes(b"\xff" * 100_000)
    os.utime(lock_path, (1e9, 1e9))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "K.M.", "enter", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, Choice)
        body = str(app.screen._body)
        assert str(lock_path) in body and "no longer running" not in body and "ikke kører" not in body
        burst(app, "t")
        await keys_done(pilot)
        assert not app.screen.session.read_only


@pytest.mark.skipif(os.name == "nt", reason="a symbolic link needs privileges on Windows")
async def test_a_file_samspil_did_not_read_is_not_offered_to_be_replaced_by_its_backup(demo_locations, make_app, tmp_path):
    """Tried in tmux as bob in a team folder: alice's document made 0600 (no access) was listed
    as damaged, and Enter offered 'use the backup': its save makes the unread file the .bak, and
    the next save replaces that, so alice's version would be gone. A file samspil could not read
    (no access, a link, too large: saved/repair.py NOT_READ) is now only said, never replaced."""
    path = demo_case(demo_locations)
    demo_locations.backup_of(path).write_bytes(path.read_bytes())
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "case-demcasea", "enter", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, Choice)
        assert [result for result, _label, _key in app.screen._choices] == ["close"]
        assert "symbolsk link" in str(app.screen._body)
    assert path.is_symlink() and elsewhere.read_bytes() == demo_locations.backup_of(path).read_bytes()
