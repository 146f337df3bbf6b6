"""One writer per document: O_EXCL lock files with user, host and pid; stale locks; two processes."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from saved.files import UnsafePath
from saved.lock import LockHeld, LockInfo, acquire, read_lock, release, take_over

REPO = Path(__file__).resolve().parents[1]


def python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    return tmp_path / "case-abcdefgh.toml.lock"


@pytest.fixture
def dead_pid() -> int:
    """The pid of a process that has finished (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def live_pid():
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        yield child.pid
    finally:
        child.kill()
        child.wait()


def plant(path: Path, pid: int, host: str | None = None, user: str = "someone") -> bytes:
    data = json.dumps({"user": user, "host": host or socket.gethostname(), "pid": pid, "since": "2024-01-01T10:00:00+01:00"}).encode()
    path.write_bytes(data)
    return data


def test_acquire_creates_a_private_file_naming_user_host_and_pid(lock_path):
    info = acquire(lock_path)
    data = json.loads(lock_path.read_bytes())
    assert data["pid"] == os.getpid() == info.pid
    assert data["host"] == socket.gethostname() == info.host
    assert data["user"] == info.user and data["user"]
    assert data["since"] == info.since
    assert stat.S_IMODE(os.lstat(lock_path).st_mode) == 0o600
    assert read_lock(lock_path) == info
    assert info.is_mine() and not info.is_stale()


def test_a_second_acquire_is_refused_and_says_who_holds_it(lock_path):
    mine = acquire(lock_path)
    before = lock_path.read_bytes()
    with pytest.raises(LockHeld) as caught:
        acquire(lock_path)
    assert caught.value.holder == mine
    assert caught.value.path == lock_path
    assert not caught.value.stale
    message = str(caught.value)
    assert f"{mine.user}@{mine.host}" in message and f"pid {os.getpid()}" in message
    assert lock_path.read_bytes() == before


def test_a_lock_of_a_dead_process_on_this_host_is_stale_and_can_be_taken_over(lock_path, dead_pid):
    plant(lock_path, dead_pid)
    with pytest.raises(LockHeld) as caught:
        acquire(lock_path)
    assert caught.value.holder.pid == dead_pid
    assert caught.value.stale
    assert "someone@" in str(caught.value)

    info = take_over(lock_path)
    assert info.pid == os.getpid()
    assert read_lock(lock_path) == info
    assert stat.S_IMODE(os.lstat(lock_path).st_mode) == 0o600


def test_a_take_over_in_progress_is_not_taken_over_again(lock_path, dead_pid, live_pid):
    """Two copies finding the same stale lock: only the one holding `<lock>.takeover` replaces it."""
    plant(lock_path, dead_pid)
    breaker = lock_path.with_name(lock_path.name + ".takeover")
    plant(breaker, live_pid)  # another copy is replacing the lock right now
    with pytest.raises(LockHeld):
        take_over(lock_path)
    assert read_lock(lock_path).pid == dead_pid, "the lock is left to the other copy"
    plant(breaker, dead_pid)  # that copy crashed mid-way: its breaker is stale too
    assert take_over(lock_path).pid == os.getpid()
    assert not breaker.exists()


def test_take_over_refuses_a_live_holder(lock_path, live_pid):
    before = plant(lock_path, live_pid)
    with pytest.raises(LockHeld) as caught:
        take_over(lock_path)
    assert caught.value.holder.pid == live_pid
    assert not caught.value.stale
    assert lock_path.read_bytes() == before


def test_a_lock_from_another_host_is_never_called_stale(lock_path, dead_pid):
    before = plant(lock_path, dead_pid, host="some-other-host.example")
    holder = read_lock(lock_path)
    assert holder is not None and not holder.is_stale()
    with pytest.raises(LockHeld):
        take_over(lock_path)
    assert lock_path.read_bytes() == before


def test_release_removes_only_our_own_lock(lock_path, live_pid):
    acquire(lock_path)
    release(lock_path)
    assert not lock_path.exists()

    others = [
        plant(lock_path, live_pid),  # another live process here
        plant(lock_path, os.getpid(), host="some-other-host.example"),  # our pid, another machine
        b"not json at all",  # unreadable: not known to be ours
    ]
    for data in others:
        lock_path.write_bytes(data)
        release(lock_path)
        assert lock_path.read_bytes() == data
    release(lock_path.with_name("missing.lock"))  # nothing there: no error


def test_an_unreadable_lock_still_blocks_acquire(lock_path):
    lock_path.write_bytes(b"\x00garbage")
    with pytest.raises(LockHeld) as caught:
        acquire(lock_path)
    assert caught.value.holder is None and not caught.value.stale
    assert "unreadable" in str(caught.value)
    assert lock_path.read_bytes() == b"\x00garbage"


def test_a_symlink_at_the_lock_path_is_refused_and_its_target_untouched(tmp_path, lock_path, dead_pid):
    canary = tmp_path / "canary"
    canary.write_bytes(plant(tmp_path / "tmp", dead_pid))  # even a "stale" lock through a link
    before = canary.read_bytes()
    lock_path.symlink_to(canary)
    for attempt in (acquire, take_over):
        with pytest.raises(UnsafePath, match="symbolic link"):
            attempt(lock_path)
    release(lock_path)
    assert read_lock(lock_path) is None  # read through O_NOFOLLOW: not followed
    assert lock_path.is_symlink() and canary.read_bytes() == before

    dangling = tmp_path / "dangling.lock"
    dangling.symlink_to(tmp_path / "would-be-created")
    with pytest.raises(UnsafePath):
        acquire(dangling)
    assert not (tmp_path / "would-be-created").exists()


def test_a_second_process_gets_lock_held(lock_path):
    mine = acquire(lock_path)
    child = python(
        """
        import sys
        from pathlib import Path
        from saved.lock import LockHeld, acquire
        try:
            acquire(Path(sys.argv[1]))
        except LockHeld as held:
            print("held", held.holder.pid, held.stale)
        else:
            print("acquired")
        """,
        str(lock_path),
    )
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert out.split() == ["held", str(mine.pid), "False"]
    assert read_lock(lock_path) == mine


def test_a_lock_held_by_another_process_becomes_stale_when_it_is_killed(lock_path):
    child = python(
        """
        import sys
        from pathlib import Path
        from saved.lock import acquire
        info = acquire(Path(sys.argv[1]))
        print(info.pid, flush=True)
        sys.stdin.read()  # hold the lock until killed
        """,
        str(lock_path),
    )
    try:
        pid = int(child.stdout.readline())
        assert pid == child.pid
        with pytest.raises(LockHeld) as caught:
            acquire(lock_path)
        assert caught.value.holder.pid == pid and not caught.value.stale
        with pytest.raises(LockHeld):
            take_over(lock_path)
        release(lock_path)  # not ours: stays
        assert read_lock(lock_path).pid == pid
    finally:
        child.kill()
        child.wait()
    # SIGKILL: the lock file is left behind, now stale.
    with pytest.raises(LockHeld) as caught:
        acquire(lock_path)
    assert caught.value.stale
    assert take_over(lock_path).pid == os.getpid()


def test_only_one_of_many_processes_racing_for_the_lock_wins(tmp_path, lock_path):
    go = tmp_path / "go"
    code = """
        import os, sys, time
        from pathlib import Path
        from saved.lock import LockHeld, acquire
        go = Path(sys.argv[2])
        while not go.exists():
            time.sleep(0.001)
        try:
            acquire(Path(sys.argv[1]))
        except LockHeld:
            print("held")
        else:
            print("won")
        """
    children = [python(code, str(lock_path), str(go)) for _ in range(6)]
    time.sleep(0.5)  # let them all start and wait
    go.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=30)
        assert child.returncode == 0, err
        results.append(out.strip())
    assert sorted(results) == ["held"] * 5 + ["won"]
    assert read_lock(lock_path).pid in {c.pid for c in children}


def test_lock_info_round_trips_and_describes_itself():
    info = LockInfo.mine()
    assert info.pid == os.getpid()
    text = info.describe()
    assert info.user in text and info.host in text and str(info.pid) in text and info.since in text


def test_many_processes_taking_over_one_stale_lock_one_wins(lock_path, dead_pid):
    plant(lock_path, dead_pid)
    code = """
        import sys, time
        from pathlib import Path
        from saved.lock import LockHeld, take_over
        sys.stdin.readline()  # start together
        try:
            take_over(Path(sys.argv[1]))
            print("took", flush=True)
            time.sleep(1)  # hold it while the others try
        except LockHeld:
            print("held", flush=True)
        """
    children = [python(code, str(lock_path)) for _ in range(6)]
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    results = [child.communicate(timeout=30)[0].strip() for child in children]
    assert sorted(results) == ["held"] * 5 + ["took"], results


@pytest.mark.parametrize("failure", ["raises", "short"])
def test_a_lock_that_could_not_be_written_is_not_left_behind(tmp_path, monkeypatch, failure):
    """On a full disk the lock file was created (O_EXCL) but its holder never written: an empty
    lock stayed, and the next opening, disk freed, asked to take over a lock nobody held (tmux on a
    full tmpfs, measured)."""
    import errno

    import saved.lock

    def full(fd, data):
        if failure == "short":
            return 0
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saved.lock.os, "write", full)
    target = tmp_path / "case.toml.lock"
    with pytest.raises(OSError) as raised:
        acquire(target)
    assert raised.value.errno == errno.ENOSPC
    assert not target.exists()
    monkeypatch.undo()
    assert acquire(target).is_mine()  # and, the disk freed, the lock is taken as usual
