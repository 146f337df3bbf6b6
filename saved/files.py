"""Low-level file safety: private directories, capped reads, atomic writes.

Save = temp file in the same directory, fsync, os.replace, fsync the directory: a kill at any
moment leaves the old file or the new one, whole. Files are 0600 and directories 0700 whatever
the umask, and a symlink at any path we write is refused. What differs on Windows is in
saved.platform.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from saved import platform
from saved.platform import DIR_MODE

TEMP_SUFFIX = ".tmp"


class UnsafePath(OSError):
    """A path we must not use: a symlink, or a directory another user owns or can write."""


#: Team folders checked by saved.team.open_team: root -> the team's group. Everything under such a
#: root is written for the group (0660 files, 2770 directories) and checked as a team folder.
_TEAM_ROOTS: dict[Path, int] = {}


def register_team_root(root: Path, gid: int) -> None:
    _TEAM_ROOTS[root] = gid


def forget_team_roots() -> None:
    _TEAM_ROOTS.clear()


def team_gid(path: Path) -> int | None:
    """The team's group if `path` lies in a team folder, else None (a private place)."""
    for root, gid in _TEAM_ROOTS.items():
        if path == root or root in path.parents:
            return gid
    return None


def ensure_private_dir(path: Path) -> None:
    """Create `path` (0700) if missing; refuse it if it is a symlink or not safely ours.
    Inside a team folder: 2770 of the team's group, checked as a team folder (the root itself is
    never created: saved.team checks it exists)."""
    gid = team_gid(path)
    if gid is None and path.parent != path and not os.path.lexists(path.parent):
        ensure_private_dir(path.parent)  # parents we create are 0700 too, not 0777 minus umask
    try:
        path.mkdir(mode=DIR_MODE)
        platform.restrict_dir(path, gid)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        pass
    info = os.lstat(path)
    if platform.is_link(info):
        raise UnsafePath(f"{path} is a symbolic link; samspil does not follow links for its data")
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePath(f"{path} is not a directory")
    if gid is not None:
        reason = platform.not_team_reason(path, info, gid)
        if reason:
            raise UnsafePath(reason)
        return
    reason = platform.not_private_reason(path, info)
    if reason:
        raise UnsafePath(reason)
    if info.st_mode & 0o077:
        platform.restrict_dir(path)  # readable by others: ours, so tighten it


def refuse_symlink(path: Path) -> None:
    try:
        if platform.is_link(os.lstat(path)):
            raise UnsafePath(f"{path} is a symbolic link; refusing to use it")
    except FileNotFoundError:
        pass


def read_capped(path: Path, cap: int) -> bytes:
    """Read a whole file without following a symlink; refuse it if it is larger than `cap`."""
    fd = platform.open_no_follow(path, os.O_RDONLY)  # a FIFO planted there is refused below
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        size = info.st_size
        if size > cap:
            raise ValueError(f"the file is {size:,} bytes; the limit is {cap:,}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(cap + 1)
        if len(data) > cap:
            raise ValueError(f"the file is over the limit of {cap:,} bytes")
        return data
    finally:
        os.close(fd)


class OpenDir:
    """A directory opened once, without following a link, and checked to be ours and private.

    Names in it are created, renamed and removed relative to it (POSIX *at calls), so that a
    directory or parent swapped meanwhile (another user on a shared server renaming the data
    directory and putting a link in its place) cannot send a write anywhere else. Windows has no
    such calls; there the profile's access rules keep others out, and paths are used.
    """

    def __init__(self, path: Path, *, private: bool = True) -> None:
        self.path = path
        #: In a team folder: its group; files made here are 0660 of that group.
        self.team_gid = team_gid(path) if private else None
        self.fd = platform.open_dir(path)
        if self.fd is not None and private:
            info = os.fstat(self.fd)
            reason = platform.not_private_reason(path, info) if self.team_gid is None else platform.not_team_reason(path, info, self.team_gid)
            if reason:
                self.close()
                raise UnsafePath(reason)

    def __enter__(self) -> OpenDir:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _at(self, name: str) -> str:
        return name if self.fd is not None else str(self.path / name)

    def open(self, name: str, flags: int, mode: int = platform.FILE_MODE) -> int:
        if self.fd is None:
            return platform.open_no_follow(self.path / name, flags, mode)
        return os.open(name, flags | os.O_NOFOLLOW | os.O_NONBLOCK, mode, dir_fd=self.fd)

    def replace(self, source: str, target: str) -> None:
        os.replace(self._at(source), self._at(target), src_dir_fd=self.fd, dst_dir_fd=self.fd)

    def link(self, source: str, target: str) -> None:
        os.link(self._at(source), self._at(target), src_dir_fd=self.fd, dst_dir_fd=self.fd)

    def remove(self, name: str) -> None:
        try:
            os.unlink(self._at(name), dir_fd=self.fd)
        except FileNotFoundError:
            pass

    def sha256(self, name: str) -> str | None:
        import hashlib  # here, as in Fingerprint.of

        digest = hashlib.sha256()
        try:
            fd = self.open(name, os.O_RDONLY)
        except FileNotFoundError:
            return None
        with os.fdopen(fd, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()

    def exchange(self, a: str, b: str) -> bool:
        """Swap two names in one step (Linux renameat2 RENAME_EXCHANGE); False where that cannot be done."""
        if self.fd is None:
            return False
        return _exchange(self.fd, a, b)

    def sync(self) -> None:
        """Make the renames into this directory durable."""
        if self.fd is not None:
            os.fsync(self.fd)
        else:
            platform.sync_dir(self.path)

    def write_temp(self, name: str, data: bytes) -> str:
        """`data` in a new 0600 (team folder: 0660) temp file beside `name`, on disk (fsynced); the temp file's name."""
        temp = f".{name}.{os.urandom(6).hex()}{TEMP_SUFFIX}"  # secrets.token_hex(6), as in models/clock.py
        fd = self.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            platform.restrict_file(fd, self.team_gid)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            self.remove(temp)
            raise
        return temp


def atomic_write(path: Path, data: bytes, *, private: bool = True) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one.
    `private`: the directory must be ours and closed to others (False for a place the user named)."""
    refuse_symlink(path)
    with OpenDir(path.parent, private=private) as directory:
        temp = directory.write_temp(path.name, data)
        try:
            directory.replace(temp, path.name)
        except BaseException:
            directory.remove(temp)
            raise
        directory.sync()


def _exchange(dir_fd: int, a: str, b: str) -> bool:
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    rename_exchange = 2
    if renameat2(dir_fd, os.fsencode(a), dir_fd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), b)


class ChangedUnderUs(OSError):
    """The file was not what the caller expected just before the replace; nothing was written."""


def replace_checked(path: Path, data: bytes, expected: str, conflict: Path) -> bool:
    """Replace `path` (whose content must hash to `expected`) with `data`, atomically, and lose
    no other program's write made meanwhile.

    The file is checked once more right before the replace (ChangedUnderUs if it differs). A
    writer that gets in after that check is caught by looking at what the replace displaced:
    where Linux can swap the two names in one step, exactly the file that was there; elsewhere a
    hard link taken before the replace. If that is not the expected content, it is kept at
    `conflict` (beside `path`) and True is returned.
    """
    refuse_symlink(path)
    with OpenDir(path.parent) as directory:
        temp = directory.write_temp(path.name, data)
        held = f"{temp}.held"
        try:
            if directory.sha256(path.name) != expected:
                raise ChangedUnderUs(errno.EAGAIN, "changed by another program", str(path))
            if directory.exchange(temp, path.name):
                held, temp = temp, ""  # the temp name now holds the displaced file
            else:
                directory.link(path.name, held)
                directory.replace(temp, path.name)
                temp = ""
        except BaseException:
            if temp:
                directory.remove(temp)
            directory.remove(held)
            raise
        try:
            directory.sync()
        finally:  # the displaced file is looked at even if the sync failed: it may be someone's work
            kept = directory.sha256(held) != expected
            if kept:
                directory.replace(held, conflict.name)
            else:
                directory.remove(held)
        return kept


def leftover_temp_files(directory: Path) -> list[Path]:
    """Temp files that an interrupted save left behind (the documents themselves are intact)."""
    return sorted(p for p in directory.glob(f".*{TEMP_SUFFIX}") if p.is_file())


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class Fingerprint(NamedTuple):
    """What a file was when we read it, to notice that another process changed it since."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, info: os.stat_result) -> Fingerprint:
        import hashlib  # here: a file read, not the first frame, needs it (~1.3 ms with OpenSSL's)

        return cls(info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())


def current_fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint now, or None if it is gone."""
    try:
        fd = platform.open_no_follow(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        info = os.fstat(fd)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return Fingerprint.of(handle.read(), info)
    finally:
        os.close(fd)


def changed_since(path: Path, known: Fingerprint | None) -> bool:
    """Has `path` changed (content, not only mtime) since `known` was taken? None: it did not exist.

    Always compares the hash: an edit of the same size within one timestamp tick (coarse
    kernel clocks, FAT's 2 s, NFS) leaves mtime and size as they were.
    """
    now = current_fingerprint(path)
    if now is None:
        return known is not None
    return known is None or now.sha256 != known.sha256
