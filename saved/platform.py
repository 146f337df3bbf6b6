"""Every call that differs between POSIX and Windows; the rest of samspil calls these.

POSIX: a link at a path is refused with O_NOFOLLOW, privacy is ownership and mode bits, a
directory is fsynced after a rename into it, and a process is alive if signal 0 reaches it.
Windows has none of these: a link is refused by looking before opening; privacy comes from the
access rules of the user's profile, where the data directory lives (Windows reports every
directory as 0o777, so mode bits would refuse them all); a directory cannot be opened to fsync
(NTFS journals the rename); and os.kill(pid, 0) would send CTRL_C_EVENT, so liveness asks
OpenProcess, which only looks.

No Textual here (models and saved never import it): the terminal driver is named, and
tui.driver imports it.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import sys
from pathlib import Path

#: The simulated-Windows test run (tests/windows_sim) sets this on Linux as well.
WINDOWS = sys.platform == "win32"

FILE_MODE = 0o600
DIR_MODE = 0o700
#: A team folder (saved/team.py): the team's group may read and write, nobody else; setgid, so
#: what is created in it belongs to the team's group whoever creates it.
TEAM_FILE_MODE = 0o660
TEAM_DIR_MODE = 0o2770


#: Windows reparse tags of a symbolic link and of a junction (stat has them on Windows only).
_LINK_TAGS = (0xA000000C, 0xA0000003)


def is_link(info: os.stat_result) -> bool:
    """Is this lstat() result a symbolic link (or, on Windows, a junction)?"""
    return stat.S_ISLNK(info.st_mode) or getattr(info, "st_reparse_tag", 0) in _LINK_TAGS


def open_no_follow(path: Path, flags: int, mode: int = FILE_MODE) -> int:
    """os.open that refuses a link at `path` (OSError ELOOP) and never waits on a FIFO there."""
    if not WINDOWS:
        # O_NONBLOCK: opening a FIFO planted at the path must not hang (callers refuse non-files).
        return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK, mode)
    flags |= getattr(os, "O_BINARY", 0)  # else Windows translates line ends
    # With O_EXCL the open fails on anything already there, a link too. Otherwise look first:
    # making links needs rights a user rarely has there, inside a profile only they can write.
    if not flags & os.O_EXCL and is_link(os.lstat(path)):
        raise OSError(errno.ELOOP, "is a symbolic link", str(path))
    return os.open(path, flags, mode)


def restrict_file(fd: int, team_gid: int | None = None) -> None:
    """Make an open file 0600 whatever the umask (Windows: the profile's access rules apply);
    in a team folder (`team_gid`), 0660 and of the team's group."""
    if WINDOWS:
        return
    if team_gid is None:
        os.fchmod(fd, FILE_MODE)
        return
    if os.fstat(fd).st_gid != team_gid:
        os.fchown(fd, -1, team_gid)
    os.fchmod(fd, TEAM_FILE_MODE)


def restrict_dir(path: Path, team_gid: int | None = None) -> None:
    """Make a directory 0700 whatever the umask (Windows: the profile's access rules apply); in a
    team folder, 2770 and of the team's group."""
    if WINDOWS:
        return
    if team_gid is None:
        os.chmod(path, DIR_MODE)
        return
    if os.stat(path, follow_symlinks=False).st_gid != team_gid:
        os.chown(path, -1, team_gid, follow_symlinks=False)
    os.chmod(path, TEAM_DIR_MODE)


def not_private_reason(path: Path, info: os.stat_result) -> str | None:
    """Why a directory of ours must not be used, or None: another user owns it or can write it."""
    if WINDOWS:
        return None  # mode bits mean nothing there; the profile's access rules keep others out
    if info.st_uid != os.getuid():
        return f"{path} belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"{path} can be written by other users; fix it with: chmod 700 '{path}'"
    return None


def not_team_reason(path: Path, info: os.stat_result, team_gid: int) -> str | None:
    """Why a directory of a team folder must not be used, or None: not the team's group, open to
    others, not setgid, or closed to the group. Any member may own it (whoever created it)."""
    if WINDOWS:
        return "team folders need a Linux or Unix server; on Windows samspil keeps documents private"
    fix = f"install -d -m 2770 -g {group_name(team_gid)} '{path}'"
    if info.st_gid != team_gid:
        return f"{path} belongs to the group {group_name(info.st_gid)}, not the team's {group_name(team_gid)}; set it up with: {fix}"
    if info.st_mode & 0o007:
        return f"{path} is open to users outside the team; set it up with: {fix}"
    if not info.st_mode & stat.S_ISGID or info.st_mode & 0o070 != 0o070:
        return f"{path} is not a team folder (the group must read and write it, setgid); set it up with: {fix}"
    return None


def in_group(gid: int) -> bool:
    """Is this process a member of group `gid` (or root, who may use any)?"""
    if WINDOWS:
        return False
    return os.geteuid() == 0 or gid == os.getegid() or gid in os.getgroups()


def group_name(gid: int) -> str:
    """The group's name, or its number where it has none."""
    if WINDOWS:
        return str(gid)
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def owner_name(uid: int) -> str:
    """The user's name for a file owner's uid, or the number where it has none."""
    if WINDOWS:
        return str(uid)
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def open_dir(path: Path) -> int | None:
    """A directory opened without following a link, for calls relative to it (POSIX *at); None on
    Windows, which has no such calls."""
    if WINDOWS:
        return None
    return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)


def sync_dir(path: Path) -> None:
    """Make a rename into `path` durable (Windows: nothing to do, nor a way to open a directory)."""
    if WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def process_gone(pid: int) -> bool:
    """True only when we can tell that process `pid` of this host has ended."""
    if WINDOWS:
        return _windows_process_state(pid) == "gone"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def _windows_process_state(pid: int) -> str:
    """"running", "gone" or "unknown", from OpenProcess and GetExitCodeProcess (no signal sent)."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    query_limited_information, error_invalid_parameter, still_active = 0x1000, 87, 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        # No such process gives ERROR_INVALID_PARAMETER; access denied means it exists.
        return "gone" if ctypes.get_last_error() == error_invalid_parameter else "unknown"  # type: ignore[attr-defined]
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return "unknown"
        return "running" if code.value == still_active else "gone"
    finally:
        kernel32.CloseHandle(handle)


def user_name() -> str:
    import getpass  # here: for a lock, not before the first frame (~0.4 ms with pwd)

    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):  # no name for this uid (containers), no USERNAME (Windows)
        return "unknown" if WINDOWS else str(os.getuid())


def host_name() -> str:
    return socket.gethostname()


def terminal_driver() -> str:
    """Textual's driver for this system, as "module:class"."""
    if WINDOWS:
        return "textual.drivers.windows_driver:WindowsDriver"
    return "textual.drivers.linux_driver:LinuxDriver"
