"""One writer per document: a lock file beside it, created with O_CREAT|O_EXCL.

The lock holds user, host, pid and since when; its holder touches it every minute (a heartbeat).
A lock found by another samspil is one of:
- held: its holder is alive (or may be: another host, another user's process);
- stale: its process is gone on this host, or the file is empty or unreadable (a samspil killed
  while creating it): offered for take-over;
- abandoned: not touched for ABANDONED_AFTER, whoever holds it (an NFS home shared by login
  nodes, a reused pid, a hung session): take-over offered after the user has seen who and since when;
- strange: not a regular file (a directory, a FIFO): never read, never taken over; the user is told
  the path and to remove it.
We never use fcntl locks on the data file: closing any descriptor of the file would silently drop them.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from saved import platform
from saved.files import UnsafePath, refuse_symlink, team_gid
from saved.platform import FILE_MODE

_MAX_LOCK_BYTES = 4096
#: How often the holder touches its lock, and after how long without a touch it counts as abandoned.
HEARTBEAT_SECONDS = 60
ABANDONED_AFTER_SECONDS = 10 * 60
#: An empty lock younger than this may be one another samspil is writing this very moment.
_WRITING_SECONDS = 5
#: The largest process id any supported system hands out (pid_t is 32 bits).
_MAX_PID = 2**31 - 1


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class LockInfo(NamedTuple):
    user: str
    host: str
    pid: int
    since: str

    @classmethod
    def mine(cls) -> LockInfo:
        return cls(platform.user_name(), platform.host_name(), os.getpid(), datetime.now().astimezone().isoformat(timespec="seconds"))

    def is_mine(self) -> bool:
        return self.host == platform.host_name() and self.pid == os.getpid()

    def is_stale(self) -> bool:
        """True only when we can tell: same host and the process is gone."""
        return self.host == platform.host_name() and platform.process_gone(self.pid)

    def describe(self) -> str:
        return f"{self.user}@{self.host} (pid {self.pid}, since {self.since})"


class LockHeld(Exception):
    """The lock is there and not ours. `state`: held, stale, abandoned or strange (see above);
    `idle`: seconds since its holder last touched it."""

    def __init__(self, path: Path, holder: LockInfo | None, state: str = "held", idle: float = 0.0):
        self.path, self.holder, self.state, self.idle = path, holder, state, idle
        super().__init__(f"{path} is {state}: {holder.describe() if holder else 'no holder can be read'}")

    @property
    def stale(self) -> bool:
        return self.state == "stale"

    @property
    def can_take_over(self) -> bool:
        """Stale, or abandoned (then only after the user has confirmed who holds it)."""
        return self.state in ("stale", "abandoned")


def inspect(path: Path) -> LockHeld | None:
    """What the lock file at `path` says, without blocking on whatever it is; None if there is none."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return LockHeld(path, None, "strange")
    idle = max(0.0, time.time() - info.st_mtime)
    holder = read_lock(path)
    if holder is None:
        return LockHeld(path, None, "stale" if idle > _WRITING_SECONDS else "held", idle)
    if holder.is_stale():
        return LockHeld(path, holder, "stale", idle)
    return LockHeld(path, holder, "abandoned" if idle > ABANDONED_AFTER_SECONDS else "held", idle)


def read_lock(path: Path) -> LockInfo | None:
    """The lock's holder, or None if the lock file is missing, unreadable or no regular file of a
    sane size (a FIFO there once froze samspil: it is opened without blocking, and not read)."""
    try:
        fd = platform.open_no_follow(path, os.O_RDONLY)  # never waits on a FIFO
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_LOCK_BYTES:
            return None
        raw = os.read(fd, _MAX_LOCK_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    import json  # here: the app imports this module for HEARTBEAT_SECONDS before its first frame

    try:
        data = json.loads(raw)
        pid = data["pid"]
        if type(pid) is not int or not 0 < pid <= _MAX_PID:  # 10**21 would overflow os.kill
            return None
        return LockInfo(str(data["user"]), str(data["host"]), pid, str(data["since"]))
    except (ValueError, KeyError, TypeError, RecursionError):
        return None


def acquire(path: Path) -> LockInfo:
    """Take the lock or raise LockHeld (see `.stale`). A symlink at `path` is refused."""
    refuse_symlink(path)
    info = LockInfo.mine()
    try:
        fd = platform.open_no_follow(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        raise inspect(path) or LockHeld(path, None) from None
    written = False
    try:
        platform.restrict_file(fd, team_gid(path.parent))  # in a team folder the team reads who holds it
        import json

        data = json.dumps(info._asdict()).encode()
        if os.write(fd, data) != len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        os.fsync(fd)
        written = True
    finally:
        os.close(fd)
        if not written:  # ours (O_EXCL), but empty or cut short (a full disk): it would read as a
            with suppress(OSError):  # lock nobody holds, and ask the next opening to take it over
                os.unlink(path)
    return info


def touch(path: Path) -> None:
    """The heartbeat: tell other copies that the lock's holder is still there."""
    if (holder := read_lock(path)) is not None and holder.is_mine():
        os.utime(path)


def take_over(path: Path, *, abandoned: bool = False) -> LockInfo:
    """Replace a stale lock with ours (and an abandoned one, where the user confirmed it).
    Refuses a lock whose holder may still be alive.

    Two copies of samspil can find the same stale lock at once, and neither may remove the lock
    the other has just taken. So replacing it needs a second lock, `<lock>.takeover`: whoever
    holds that checks that the lock is still stale, then replaces it; the other gets LockHeld.
    """
    refuse_symlink(path)
    breaker = path.with_name(path.name + ".takeover")
    try:
        acquire(breaker)
    except LockHeld as held:
        if not held.stale:
            raise inspect(path) or LockHeld(path, None) from None
        os.unlink(breaker)  # left by a take-over that crashed
        try:
            acquire(breaker)
        except LockHeld:
            raise inspect(path) or LockHeld(path, None) from None
    try:
        found = inspect(path)
        if found is not None and not (found.stale or (abandoned and found.state == "abandoned")):
            raise found
        refuse_symlink(path)
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        return acquire(path)
    finally:
        release(breaker)


def release(path: Path) -> None:
    """Remove the lock if it is ours; leave anyone else's alone."""
    holder = read_lock(path)
    if holder is not None and holder.is_mine():
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


__all__ = ["LockHeld", "LockInfo", "UnsafePath", "acquire", "inspect", "read_lock", "release", "take_over", "touch"]
