"""Locks that never trap: whatever stands at a lock's path, samspil neither blocks on it nor
leaves the document locked for good, and says what it found."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.documents import Case
from saved import lock, store
from saved.check import check
from saved.editing import OpenDocument, ReadOnly

ROOT = Path(__file__).resolve().parent.parent
LONG_AGO = time.time() - lock.ABANDONED_AFTER_SECONDS - 60


def write_lock(path: Path, *, host: str, pid: int, age: float | None = None) -> None:
    path.write_text(json.dumps({"user": "kollega", "host": host, "pid": pid, "since": "2026-11-30T08:00:00+01:00"}))
    if age is not None:
        os.utime(path, (age, age))


@pytest.fixture
def document(locations):
    return store.create(locations, Case(title="x")).path


def test_a_fifo_at_the_lock_path_neither_blocks_opening_nor_check(locations, document):
    lock_path = locations.lock_of(document)
    os.mkfifo(lock_path, 0o600)
    # In another process, so that a block would show as a timeout instead of hanging the suite.
    script = (
        "import sys; from pathlib import Path; from saved.locations import Locations; from saved.editing import OpenDocument; "
        "from saved.check import check; l = Locations(Path(sys.argv[1])); d = OpenDocument.open(l, Path(sys.argv[2])); "
        "print(d.read_only.value); print(len(check(None, l)))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(locations.root), str(document)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.stdout.split() == ["strange_lock", "1"], result.stderr
    assert "not a regular file" in str(check(None, locations)[0])


def test_a_directory_at_the_lock_path_is_reported_and_the_document_opens_read_only(locations, document):
    locations.lock_of(document).mkdir()
    opened = OpenDocument.open(locations, document)
    assert opened.read_only is ReadOnly.STRANGE_LOCK
    assert [entry.path for entry in store.list_entries(locations)] == [document]  # the list goes on
    assert "rm -r" in check(None, locations)[0].message


@pytest.mark.parametrize("content", [b"", b"\xff{garbage"])
def test_an_empty_or_garbled_lock_is_stale_once_it_is_a_few_seconds_old(locations, document, content):
    lock_path = locations.lock_of(document)
    lock_path.write_bytes(content)
    assert lock.inspect(lock_path).state == "held"  # it may be being written right now
    os.utime(lock_path, (time.time() - 60, time.time() - 60))
    with pytest.raises(lock.LockHeld) as held:
        OpenDocument.open(locations, document)
    assert held.value.stale
    opened = OpenDocument.open(locations, document, take_over=True)
    assert opened.read_only is None and lock.read_lock(lock_path).is_mine()
    opened.close()


def test_a_lock_from_another_host_is_held_until_it_goes_quiet_then_offered(locations, document):
    lock_path = locations.lock_of(document)
    write_lock(lock_path, host="login2.example", pid=4242)
    opened = OpenDocument.open(locations, document)
    assert opened.read_only is ReadOnly.LOCKED and opened.holder.host == "login2.example"
    os.utime(lock_path, (LONG_AGO, LONG_AGO))
    with pytest.raises(lock.LockHeld) as held:
        OpenDocument.open(locations, document)
    assert held.value.state == "abandoned" and held.value.idle > lock.ABANDONED_AFTER_SECONDS
    assert "untouched for" in check(None, locations)[0].message
    with pytest.raises(lock.LockHeld):
        lock.take_over(lock_path)  # not without the user's yes
    opened = OpenDocument.open(locations, document, take_over=True)
    assert opened.read_only is None
    opened.close()


def test_a_live_pid_that_stopped_touching_its_lock_counts_as_abandoned(locations, document):
    """A reused pid looks alive for ever; the heartbeat tells the truth."""
    lock_path = locations.lock_of(document)
    write_lock(lock_path, host=socket.gethostname(), pid=os.getppid(), age=LONG_AGO)
    assert lock.inspect(lock_path).state == "abandoned"


def test_the_holder_touches_its_lock_and_only_its_own(locations, document):
    opened = OpenDocument.open(locations, document)
    lock_path = locations.lock_of(document)
    os.utime(lock_path, (LONG_AGO, LONG_AGO))
    opened.heartbeat()
    assert lock.inspect(lock_path) is not None and time.time() - lock_path.stat().st_mtime < 60
    opened.close()
    write_lock(lock_path, host="elsewhere", pid=1, age=LONG_AGO)
    lock.touch(lock_path)
    assert lock_path.stat().st_mtime == pytest.approx(LONG_AGO, abs=1)


def test_taking_over_a_stale_lock_on_a_full_disk_opens_read_only_and_says_why(locations, document, monkeypatch):
    """Measured on a full tmpfs: "take over" made the take-over's own lock, could not write it, and
    the OSError ended in the app's error boundary ("something went wrong"), the document unopened."""
    import errno

    lock_path = locations.lock_of(document)
    lock_path.write_bytes(b"")
    os.utime(lock_path, (time.time() - 60, time.time() - 60))

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock.os, "write", full)
    opened = OpenDocument.open(locations, document, take_over=True)
    assert opened.read_only is ReadOnly.LOCK_FAILED and opened.lock_error.errno == errno.ENOSPC
    assert lock_path.read_bytes() == b"" and not lock_path.with_name(lock_path.name + ".takeover").exists()
