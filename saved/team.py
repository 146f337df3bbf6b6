"""Team folders: a data directory that everyone in one Unix group uses, on a shared server.

A team folder is made once by whoever sets it up (`install -d -m 2770 -g GROUP DIR`): owned by the
team's group, setgid (so what anyone creates in it belongs to that group), nothing for others.
samspil never creates the folder itself, and checks it as strictly as the private directory:
no symbolic link, the group as expected, closed to others, and no parent a stranger can write
(who could swap the folder for one of theirs). Inside it samspil writes as in the private
directory (saved/files.py), only with 0660 files and 2770 folders of the team's group, whatever
the umask. Windows has no such folders: they are refused there with a message, nothing else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from saved import platform
from saved.files import UnsafePath, register_team_root
from saved.locations import Locations

#: How often an open team document looks for a colleague's save, and a held board for its inbox.
FOLLOW_SECONDS = 3.0
#: The folder name: at most this long in the home list's team column.
_NAME_WIDTH = 12


class TeamFolderError(UnsafePath):
    """A folder named as a team folder that must not be used; the message says how to fix it."""


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class Team(NamedTuple):
    root: Path
    gid: int

    @property
    def name(self) -> str:
        """How the home list marks the team's documents: the group's name."""
        return platform.group_name(self.gid)[:_NAME_WIDTH]

    @property
    def locations(self) -> Locations:
        # No config directory of its own: the settings are each user's, never the team's.
        return Locations(self.root, self.root / ".no-settings")


def setup_hint(path: Path, group: str = "GROUP") -> str:
    return f"install -d -m 2770 -g {group} '{path}'"


def open_team(path: Path | str) -> Team:
    """Check the team folder at `path` and register it (saved.files writes for the group there).
    TeamFolderError says what is wrong and how to set the folder up."""
    root = Path(os.path.expanduser(path)).absolute()
    if platform.WINDOWS:
        raise TeamFolderError(f"{root}: team folders need a Linux or Unix server; on Windows samspil keeps documents private")
    try:
        info = os.lstat(root)
    except FileNotFoundError:
        raise TeamFolderError(f"{root} does not exist; set it up with: {setup_hint(root)}") from None
    if platform.is_link(info):
        raise TeamFolderError(f"{root} is a symbolic link; samspil does not follow links for its data; name the folder itself")
    if not stat.S_ISDIR(info.st_mode):
        raise TeamFolderError(f"{root} is not a directory; set it up with: {setup_hint(root)}")
    gid = info.st_gid
    if not platform.in_group(gid):
        raise TeamFolderError(f"{root} belongs to the group {platform.group_name(gid)}, and you are not a member of it")
    reason = platform.not_team_reason(root, info, gid)
    if reason:
        raise TeamFolderError(reason)
    reason = _parent_reason(root, info.st_uid, gid)
    if reason:
        raise TeamFolderError(reason)
    register_team_root(root, gid)
    team = Team(root, gid)
    team.locations.ensure()  # documents/ and backups/, 2770 of the group
    return team


def _parent_reason(root: Path, owner: int, gid: int) -> str | None:
    """Why a parent of the team folder lets a stranger swap it, or None. A parent may be
    writable by root, by us, by the folder's owner and by the team's group; or by anyone if it has
    the sticky bit (as /tmp), where nobody renames another's entry."""
    trusted = {0, os.geteuid(), owner}
    for parent in _ancestors(Path(os.path.realpath(root.parent))):
        info = os.stat(parent)
        sticky = bool(info.st_mode & stat.S_ISVTX)
        if info.st_uid not in trusted:
            return f"{parent} (a parent of the team folder) belongs to another user (uid {info.st_uid}), who could replace the team folder"
        if sticky:
            continue
        if info.st_mode & 0o002 or (info.st_mode & 0o020 and info.st_gid not in (0, gid)):
            return f"{parent} (a parent of the team folder) can be written by users outside the team, who could replace it; fix it with: chmod go-w '{parent}'"
    return None


def _ancestors(path: Path) -> list[Path]:
    return [path, *path.parents]


def teams_from(named: list[str]) -> tuple[list[Team], list[str]]:
    """The team folders named (`--team`, the settings' `teams`), checked; and the problems of those
    that cannot be used, one message each. The same folder named twice counts once."""
    teams: list[Team] = []
    problems: list[str] = []
    for name in named:
        try:
            team = open_team(name)
        except OSError as error:
            problems.append(str(error) if isinstance(error, UnsafePath) else f"{name}: {error.strerror or error}")
            continue
        if all(known.root != team.root for known in teams):
            teams.append(team)
    return teams, problems


def team_of(teams: list[Team], path: Path) -> Team | None:
    """The team whose folder holds `path`, or None (the user's own)."""
    return next((team for team in teams if team.root in path.parents), None)


class CannotMove(Exception):
    """The document cannot be moved now; the message says why."""


def move(path: Path, source: Locations, target: Locations) -> Path:
    """Move a document from one data folder to another (a team folder and the private one, either
    way) with its backup and change log; its new path.

    The document's lock is taken first (another member editing it: LockHeld). Everything is
    written at the target before anything is removed at the source, so a kill on the way leaves
    the document in both folders, never in neither. A board whose inbox still holds entries is not
    moved: they would be left behind (its holder merges them when the board is opened)."""
    from saved import changelog, inbox, lock, summaries
    from saved.files import atomic_write, ensure_private_dir, read_capped, refuse_symlink
    from saved.store import MAX_FILE_BYTES

    if inbox.waiting(path):
        raise CannotMove(f"{path.name}: nominations or votes wait in its inbox; open the board to merge them first")
    destination = target.documents / path.name
    if os.path.lexists(destination):
        raise CannotMove(f"{destination} exists already")
    held = source.lock_of(path)
    lock.acquire(held)
    try:
        changelog.append(path, "moved", ["to private" if team_gid_of(target.root) is None else "to team"])
        target.ensure()
        atomic_write(destination, read_capped(path, MAX_FILE_BYTES))
        moved = [(source.backup_of(path), target.backup_of(destination))]
        old_log, new_log = changelog.log_path(path), changelog.log_path(destination)
        moved += [(old_log, new_log), (old_log.with_name(old_log.name + ".1"), new_log.with_name(new_log.name + ".1"))]
        for old, new in moved:
            if os.path.lexists(old):
                ensure_private_dir(new.parent)
                atomic_write(new, read_capped(old, MAX_FILE_BYTES))
        changelog.append(destination, "moved", ["from private" if team_gid_of(source.root) is None else "from team"])
        for old, _ in [(path, None), *moved]:
            refuse_symlink(old)
            try:
                os.unlink(old)
            except FileNotFoundError:
                pass
        summaries.forget(source, path)
        box = inbox.inbox_of(path)
        if box.is_dir() and not box.is_symlink():
            for leftover in box.iterdir():  # set-aside (refused) entries only: nothing waits
                if leftover.is_file() or leftover.is_symlink():
                    os.unlink(leftover)
            os.rmdir(box)
    finally:
        lock.release(held)
    return destination


def team_gid_of(root: Path) -> int | None:
    from saved.files import team_gid

    return team_gid(root)
