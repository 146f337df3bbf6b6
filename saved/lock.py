"""One writer per document: a lock file beside it, created with O_CREAT|O_EXCL.

The lock holds user, host and pid. A lock whose pid is dead on this host is stale: it is
reported and can be taken over. We never use fcntl locks on the data file: closing any
descriptor of the file would silently drop them.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from saved.files import FILE_MODE, UnsafePath, refuse_symlink

_MAX_LOCK_BYTES = 4096
#: The largest process id any supported system hands out (pid_t is 32 bits).
_MAX_PID = 2**31 - 1


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str

    @classmethod
    def mine(cls) -> LockInfo:
        return cls(_user(), socket.gethostname(), os.getpid(), datetime.now().astimezone().isoformat(timespec="seconds"))

    def is_mine(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def is_stale(self) -> bool:
        """True only when we can tell: same host and the process is gone."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # alive, another user's
        return False

    def describe(self) -> str:
        return f"{self.user}@{self.host} (pid {self.pid}, since {self.since})"


class LockHeld(Exception):
    def __init__(self, path: Path, holder: LockInfo | None):
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is held by {holder.describe() if holder else 'an unreadable lock file'}")

    @property
    def stale(self) -> bool:
        return self.holder is not None and self.holder.is_stale()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no name for this uid (containers): the uid will do
        return str(os.getuid())


def read_lock(path: Path) -> LockInfo | None:
    """The lock's holder, or None if the lock file is missing or unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        raw = os.read(fd, _MAX_LOCK_BYTES)
    finally:
        os.close(fd)
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
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        raise LockHeld(path, read_lock(path)) from None
    try:
        os.fchmod(fd, FILE_MODE)
        os.write(fd, json.dumps(info.__dict__).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return info


def take_over(path: Path) -> LockInfo:
    """Replace a stale lock with ours. Refuses a lock whose holder may still be alive.

    Two copies of samspil can find the same stale lock at once, and neither may remove the lock
    the other has just taken. So replacing it needs a second lock, `<lock>.takeover`: whoever
    holds that checks that the lock is still stale, then replaces it; the other gets LockHeld.
    """
    breaker = path.with_name(path.name + ".takeover")
    try:
        acquire(breaker)
    except LockHeld as held:
        if not held.stale:
            raise LockHeld(path, read_lock(path)) from None
        os.unlink(breaker)  # left by a take-over that crashed
        try:
            acquire(breaker)
        except LockHeld:
            raise LockHeld(path, read_lock(path)) from None
    try:
        holder = read_lock(path)
        if holder is not None and not holder.is_stale():
            raise LockHeld(path, holder)
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


__all__ = ["LockHeld", "LockInfo", "UnsafePath", "acquire", "read_lock", "release", "take_over"]
