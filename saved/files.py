"""Low-level file safety: private directories, capped reads, atomic writes.

Save = temp file in the same directory, fsync, os.replace, fsync the directory: a kill at any
moment leaves the old file or the new one, whole. Files are 0600 and directories 0700 whatever
the umask, and a symlink at any path we write is refused. What differs on Windows is in
saved.platform.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from saved import platform
from saved.platform import DIR_MODE

TEMP_SUFFIX = ".tmp"


class UnsafePath(OSError):
    """A path we must not use: a symlink, or a directory another user owns or can write."""


def ensure_private_dir(path: Path) -> None:
    """Create `path` (0700) if missing; refuse it if it is a symlink or not safely ours."""
    if path.parent != path and not os.path.lexists(path.parent):
        ensure_private_dir(path.parent)  # parents we create are 0700 too, not 0777 minus umask
    try:
        path.mkdir(mode=DIR_MODE)
        platform.restrict_dir(path)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        pass
    info = os.lstat(path)
    if platform.is_link(info):
        raise UnsafePath(f"{path} is a symbolic link; samspil does not follow links for its data")
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePath(f"{path} is not a directory")
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


def _write_temp(path: Path, data: bytes) -> str:
    """`data` in a new 0600 temp file beside `path`, on disk (fsynced); its name."""
    refuse_symlink(path)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        platform.restrict_file(fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _remove(temp_name)
        raise
    return temp_name


def _remove(name: str | Path) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one."""
    temp_name = _write_temp(path, data)
    try:
        os.replace(temp_name, path)
    except BaseException:
        _remove(temp_name)
        raise
    platform.sync_dir(path.parent)


def _sha256_of(name: str | Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(name, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def _exchange(a: str, b: Path) -> bool:
    """Swap two names atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not
    available (another system, an old kernel, a file system without it)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


class ChangedUnderUs(OSError):
    """The file was not what the caller expected just before the replace; nothing was written."""


def replace_checked(path: Path, data: bytes, expected: str, conflict: Path) -> bool:
    """Replace `path` (whose content must hash to `expected`) with `data`, atomically, and lose
    no other program's write made meanwhile.

    The file is checked once more right before the replace (ChangedUnderUs if it differs). A
    writer that gets in after that check is caught by looking at what the replace displaced:
    where Linux can swap the two names in one step, exactly the file that was there; elsewhere a
    hard link taken before the replace. If that is not the expected content, it is kept at
    `conflict` and True is returned.
    """
    temp_name = _write_temp(path, data)
    held = f"{temp_name}.held"
    try:
        if _sha256_of(path) != expected:
            raise ChangedUnderUs(errno.EAGAIN, "changed by another program", str(path))
        if _exchange(temp_name, path):
            held, temp_name = temp_name, ""  # the temp name now holds the displaced file
        else:
            os.link(path, held)
            os.replace(temp_name, path)
            temp_name = ""
    except BaseException:
        if temp_name:
            _remove(temp_name)
        _remove(held)
        raise
    try:
        platform.sync_dir(path.parent)
    finally:  # the displaced file is looked at even if the sync failed: it may be someone's work
        kept = _sha256_of(held) != expected
        if kept:
            os.replace(held, conflict)
        else:
            _remove(held)
    return kept



def leftover_temp_files(directory: Path) -> list[Path]:
    """Temp files that an interrupted save left behind (the documents themselves are intact)."""
    return sorted(p for p in directory.glob(f".*{TEMP_SUFFIX}") if p.is_file())


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when we read it, to notice that another process changed it since."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, info: os.stat_result) -> Fingerprint:
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
