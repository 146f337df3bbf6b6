"""One writer per document: a lock file beside it, created with O_CREAT|O_EXCL.

The lock holds user, host and pid. A lock whose pid is dead on this host is stale: it is
reported and can be taken over. We never use fcntl locks on the data file: closing any
descriptor of the file would silently drop them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from saved import platform
from saved.files import UnsafePath, refuse_symlink
from saved.platform import FILE_MODE

_MAX_LOCK_BYTES = 4096


@dataclass(frozen=True)
class LockInfo:
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
    def __init__(self, path: Path, holder: LockInfo | None):
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is held by {holder.describe() if holder else 'an unreadable lock file'}")

    @property
    def stale(self) -> bool:
        return self.holder is not None and self.holder.is_stale()


def read_lock(path: Path) -> LockInfo | None:
    """The lock's holder, or None if the lock file is missing or unreadable."""
    try:
        fd = platform.open_no_follow(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        raw = os.read(fd, _MAX_LOCK_BYTES)
    finally:
        os.close(fd)
    try:
        data = json.loads(raw)
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return None


def acquire(path: Path) -> LockInfo:
    """Take the lock or raise LockHeld (see `.stale`). A symlink at `path` is refused."""
    refuse_symlink(path)
    info = LockInfo.mine()
    try:
        fd = platform.open_no_follow(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        raise LockHeld(path, read_lock(path)) from None
    try:
        platform.restrict_file(fd)
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
