"""The autosave writes on a thread (tui/document/session.py, save_in_background): keys go on
while a slow write runs, nothing typed meanwhile is lost, a quit waits for the write, and a
write that fails leaves the document unsaved and says so."""

from __future__ import annotations

import errno
import threading

from saved import store
from saved.toml_read import tomllib
from tests.ui.helpers import burst, cursor_to_end, keys_done, settle
from tui.document.session import AUTOSAVE_DELAY, GivingWay


class SlowWrites:
    """store.write held until the test lets it go: a save of a capped case on a slow disk."""

    def __init__(self, monkeypatch, *, fail: OSError | None = None) -> None:
        self.started, self.go = threading.Event(), threading.Event()
        self.fail = fail
        self.writes = 0
        self.paces: list[object] = []
        real = store.write

        def write(locations, loaded, snapshot, pace=None):
            self.writes += 1
            self.paces.append(pace)
            self.started.set()
            assert self.go.wait(30), "the test never let the write go"
            if self.fail is not None:
                raise self.fail
            return real(locations, loaded, snapshot, pace)

        monkeypatch.setattr(store, "write", write)


async def _open_demo_case(pilot):
    await settle(pilot)
    await pilot.press("enter")  # the newest document: K.M. (demo)
    await cursor_to_end(pilot.app)
    return pilot.app.screen.session


async def _until(pilot, condition) -> None:
    for _ in range(600):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


async def test_keys_go_on_while_a_save_is_written(demo_locations, make_app, monkeypatch):
    path = demo_locations.document("case", "demcasea")
    slow = SlowWrites(monkeypatch)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await _open_demo_case(pilot)
        burst(app, "abc")
        await keys_done(pilot)
        await pilot.pause(AUTOSAVE_DELAY + 0.2)
        await _until(pilot, slow.started.is_set)  # the autosave is writing, and held
        burst(app, "def")  # typed during the write: taken at once, not after it
        await keys_done(pilot)
        assert session.document.notes.endswith("abcdef")
        assert session.dirty, "what was typed during the write is not in that write"
        slow.go.set()
        await _until(pilot, lambda: not session.dirty and slow.writes == 2)  # the next autosave took the rest
        await _until(pilot, lambda: not session._in_flight)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["notes"].endswith("abcdef")
    assert all(isinstance(pace, GivingWay) for pace in slow.paces), "a background write gives way to keys"


async def test_quit_waits_for_the_write_and_saves_the_rest(demo_locations, make_app, monkeypatch):
    path = demo_locations.document("case", "demcasea")
    slow = SlowWrites(monkeypatch)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_demo_case(pilot)
        burst(app, "abc")
        await keys_done(pilot)
        await pilot.pause(AUTOSAVE_DELAY + 0.2)
        await _until(pilot, slow.started.is_set)
        burst(app, "X")
        await keys_done(pilot)
        threading.Timer(0.3, slow.go.set).start()  # the disk answers while the quit waits
        await pilot.press("ctrl+q")
        await pilot.pause()
    app.release_all()
    assert tomllib.loads(path.read_text(encoding="utf-8"))["notes"].endswith("abcX")
    assert not demo_locations.lock_of(path).exists()


async def test_a_failed_background_write_keeps_the_changes_and_says_why(demo_locations, make_app, monkeypatch):
    path = demo_locations.document("case", "demcasea")
    before = path.read_bytes()
    slow = SlowWrites(monkeypatch, fail=OSError(errno.ENOSPC, "No space left on device"))
    slow.go.set()
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await _open_demo_case(pilot)
        burst(app, "abc")
        await keys_done(pilot)
        await pilot.pause(AUTOSAVE_DELAY + 0.2)
        await _until(pilot, lambda: slow.writes >= 1 and not session._in_flight)
        assert session.dirty and session.status()[0] == "failed"
        assert any("disken er fuld" in str(note.message) for note in app._notifications)
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not session.dirty
    assert path.read_bytes() != before
    assert tomllib.loads(path.read_text(encoding="utf-8"))["notes"].endswith("abc")
