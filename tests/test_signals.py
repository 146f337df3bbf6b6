"""SIGHUP (an SSH link that drops) and SIGTERM during typing: the last keystroke is kept, the
lock released and the terminal given back. A real run on a pseudo-terminal."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from saved.toml_read import tomllib  # Python 3.10 has tomli
from pathlib import Path

import pytest

import saved.platform
from saved.examples import copy_examples
from saved.locations import Locations

if saved.platform.WINDOWS:
    pytest.skip("signals and a pseudo-terminal are POSIX only", allow_module_level=True)

from tests.bench.term import Terminal  # noqa: E402 - needs termios, which Windows lacks

ROOT = Path(__file__).resolve().parent.parent


def _demo(tmp_path: Path) -> tuple[Locations, dict[str, str]]:
    """A data directory with the demo documents, and the environment samspil runs in on it."""
    locations = Locations(tmp_path / "data")
    locations.ensure()
    copy_examples(locations)
    env = {**os.environ, "TERM": "xterm-256color", "SAMSPIL_DATA_DIR": str(locations.root), "PYTHONPATH": str(ROOT)}
    env.pop("SAMSPIL_STRICT_ERRORS", None)
    return locations, env


@pytest.mark.parametrize("number", [getattr(signal, "SIGHUP", None), signal.SIGTERM, signal.SIGINT])
def test_a_hang_up_while_typing_keeps_the_last_keystroke_and_the_lock_goes(tmp_path, number):
    locations, env = _demo(tmp_path)
    path = locations.document("case", "demcaseb")
    before = tomllib.loads(path.read_text())["title"]
    with Terminal([sys.executable, "-m", "tui", "--lang", "en"], env, str(tmp_path)) as term:
        term.wait_for_text(before, timeout=60)
        term.send("/")
        term.settle(quiet=0.3)  # keys typed ahead of a focus change are issue 12's; not tested here
        term.send(*before)
        term.settle(quiet=0.3)
        term.send("enter")  # from the search to the list
        term.settle(quiet=0.3)
        term.send("enter")  # open
        term.wait_for_text("Overview", timeout=30)
        term.send("tab")  # from the tab row to the pseudonym, whose text is selected
        term.settle(quiet=0.3)
        term.send("X", "Y", "Z")  # no pause: the autosave (1 s) has not run when the signal comes
        term.settle(quiet=0.2, timeout=2)
        os.kill(term.pid, number)
        term.wait_exit(timeout=20)
        assert term.exit_status == 1
        tail = bytes(term.stream[-400:])
    assert tomllib.loads(path.read_text())["title"] == "XYZ"
    assert not locations.lock_of(path).exists()
    assert b"\x1b[?1049l" in tail, "the terminal is given back (alternate screen left)"


def test_a_hang_up_with_a_reading_half_typed_keeps_it_for_the_next_start(tmp_path):
    """The link drops while the new-reading dialog holds a whole reading not yet saved: the case
    is left as saved, and a recovery copy holds the reading (tui/app.py keep_drafts)."""
    from saved import recovery
    from saved.store import load

    locations, env = _demo(tmp_path)
    path = locations.document("case", "demcasea")
    before = path.read_bytes()
    with Terminal([sys.executable, "-m", "tui", "--lang", "en"], env, str(tmp_path)) as term:
        term.wait_for_text("K.M. (demo)", timeout=60)
        for keys in (["/"], [*"K.M."], ["enter"], ["enter"], ["right"], ["tab"], ["n"]):
            term.send(*keys)
            term.settle(quiet=0.3)
        term.send("7", "tab", "3", "tab", "tab", "8", "tab", "tab", "tab", "6", "tab", "4", "tab", "tab", "tab", "tab", *"Naboen ringede")
        term.settle(quiet=0.3)
        os.kill(term.pid, signal.SIGHUP)
        term.wait_exit(timeout=20)
        assert term.exit_status == 1
    assert path.read_bytes() == before
    [copy] = recovery.copies(locations)
    assert [r.context for r in load(copy).document.readings if r.context == "Naboen ringede"] == ["Naboen ringede"]
    assert not locations.lock_of(path).exists()


@pytest.mark.parametrize("number", [getattr(signal, "SIGHUP", None), signal.SIGTERM])
def test_a_hang_up_keeps_the_text_a_field_refused_and_the_next_start_names_it(tmp_path, number):
    """A review date typed wrong when the link drops: the case keeps its date, the text is kept
    in the recovery folder (saved.recovery.write_typed), and the next start says so."""
    from saved import recovery

    locations, env = _demo(tmp_path)
    path = locations.document("case", "demcasea")
    before = path.read_bytes()
    with Terminal([sys.executable, "-m", "tui", "--lang", "en"], env, str(tmp_path)) as term:
        term.wait_for_text("K.M. (demo)", timeout=60)
        for keys in (["/"], [*"K.M."], ["enter"], ["enter"], ["tab"], ["tab"], ["\x15"], [*"2026-13-45"]):
            term.send(*keys)
            term.settle(quiet=0.3)
        term.wait_for_text("Not a date", timeout=10)  # ctrl+u (\x15) emptied the field first
        os.kill(term.pid, number)
        term.wait_exit(timeout=20)
        assert term.exit_status == 1
        tail = bytes(term.stream[-600:])
    assert path.read_bytes() == before
    [kept] = recovery.typed_copies(locations)
    assert [field.text for field in recovery.read_typed(kept)[2]] == ["2026-13-45"]
    assert str(locations.recovery).encode() in tail.replace(b"\r\n", b""), "said on the way out"
    assert not locations.lock_of(path).exists()
    with Terminal([sys.executable, "-m", "tui", "--lang", "en"], env, str(tmp_path)) as term:
        term.wait_for_text("Typed text kept", timeout=60)
        term.send("l")  # later: kept, and named again at the next start
        term.settle(quiet=0.5)
        term.send("ctrl+q")
        term.wait_exit(timeout=20)
    assert recovery.typed_copies(locations) == [kept]


@pytest.fixture
def full_disk(tmp_path):
    """A 300 KB tmpfs for the data directory (root only: mount); `fill()` leaves no byte free."""
    import shutil
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("needs root to mount a small tmpfs")

    def fill() -> None:
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 4096):
                pass
        os.close(fd)

    yield mount, fill
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_hang_up_on_a_full_disk_keeps_the_changes_in_the_spare_folder_and_says_where(tmp_path, full_disk, monkeypatch):
    """Tried in tmux: notes typed, the disk full, SIGTERM: the save failed, the recovery copy too,
    and the notes were gone without a word (exit 1, an empty log). Now the copy goes to the spare
    folder (<temp>/samspil-<uid>/<data directory's hash>), the exit message names it, and the next
    start offers it."""
    import tempfile

    from saved import recovery

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # the child's TMPDIR

    mount, fill = full_disk
    locations = Locations(mount / "data")
    locations.ensure()
    copy_examples(locations)
    env = {**os.environ, "TERM": "xterm-256color", "SAMSPIL_DATA_DIR": str(locations.root), "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    env.pop("SAMSPIL_STRICT_ERRORS", None)
    path = locations.document("case", "demcasea")
    before = path.read_bytes()
    with Terminal([sys.executable, "-m", "tui", "--lang", "en"], env, str(tmp_path)) as term:
        term.wait_for_text("K.M. (demo)", timeout=60)
        for keys in (["/"], [*"K.M."], ["enter"], ["enter"], ["tab"]):
            term.send(*keys)
            term.settle(quiet=0.3)
        fill()
        term.send(*"QQ")
        term.wait_for_text("disk is full", timeout=10)
        os.kill(term.pid, signal.SIGTERM)
        term.wait_exit(timeout=20)
        tail = bytes(term.stream[-3000:]).replace(b"\r\n", b"")
    assert path.read_bytes() == before
    spare = Locations(locations.root).spare_recovery
    assert str(spare).startswith(str(tmp_path / "tmp"))
    [copy] = recovery.copies(locations)
    assert copy.parent == spare and oct(copy.stat().st_mode & 0o777) == "0o600"
    said = tail.rpartition(b"\x1b[?1049l")[2]  # after the screen is given back: the message
    assert str(spare).encode() in said and b"QQ" not in said and b"K.M." not in said


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_app_starts_waits_for_it_and_it_stops_in_order(tmp_path, number):
    """The signal comes once the driver has the terminal (raw, other screen) but before the app
    has its handlers (on mount). Tried with kill at 0.18 s after the start: SIGINT ended in
    'samspil: unexpected error (RuntimeError at tui/__main__.py ...)', SIGTERM's default death
    can leave the terminal raw. Now it is noted (tui/app.py hold_stop_signals) and acted on at
    mount: exit 1, the screen given back, no error."""
    locations, env = _demo(tmp_path)
    code = (
        "import os, sys\n"
        "from tui.app import SamspilApp\n"
        "from tui.__main__ import main\n"
        "mount = SamspilApp.on_mount\n"
        f"def on_mount(self):\n    os.kill(os.getpid(), {int(number)})\n    mount(self)\n"
        "SamspilApp.on_mount = on_mount\n"
        "sys.argv = ['samspil', '--lang', 'en']\n"
        "sys.exit(main())\n"
    )
    with Terminal([sys.executable, "-c", code], env, str(tmp_path)) as term:
        term.wait_exit(timeout=60)
        status, out = term.exit_status, bytes(term.stream)
    assert status == 1, out[-300:]
    assert out.count(b"\x1b[?1049h") == out.count(b"\x1b[?1049l") == 1
    assert b"unexpected" not in out


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the app's process in /proc")
def test_a_terminal_that_hangs_up_without_a_sighup_ends_the_app_in_order(tmp_path):
    """The kernel sends SIGHUP to the terminal's session leader only. Tried in tmux: samspil run
    under `su` (the leader, which stays), the tmux window closed: no SIGHUP came, and the input
    thread read the terminal's end of file again and again (60% of a core, py-spy), the lock
    kept alive by the heartbeat, for good. Here the leader is a shell that ignores SIGHUP. Now
    the end of file ends the app as a SIGHUP does (tui/driver.py): the typing saved, the lock gone."""
    locations, env = _demo(tmp_path)
    path = locations.document("case", "demcaseb")
    before = tomllib.loads(path.read_text())["title"]
    shell = ["/bin/sh", "-c", f"trap '' HUP; '{sys.executable}' -m tui --lang en; exit 0"]
    term = Terminal(shell, env, str(tmp_path))
    try:
        term.wait_for_text(before, timeout=60)
        for keys in (["/"], [*before], ["enter"], ["enter"]):
            term.send(*keys)
            term.settle(quiet=0.3)
        term.wait_for_text("Overview", timeout=30)
        term.send("tab")
        term.settle(quiet=0.3)
        term.send("X", "Y", "Z")
        term.settle(quiet=0.2, timeout=2)
        [app_pid] = [int(pid) for pid in Path(f"/proc/{term.pid}/task/{term.pid}/children").read_text().split()]
        os.close(term.fd)  # the terminal hangs up
        deadline = time.monotonic() + 20
        while Path(f"/proc/{app_pid}").exists() and Path(f"/proc/{app_pid}/stat").read_text().split()[2] != "Z":
            if time.monotonic() > deadline:
                os.kill(app_pid, signal.SIGKILL)
                pytest.fail("the app still runs 20 s after its terminal hung up")
            time.sleep(0.1)
    finally:
        term.close()
    assert tomllib.loads(path.read_text())["title"] == "XYZ"
    assert not locations.lock_of(path).exists()
