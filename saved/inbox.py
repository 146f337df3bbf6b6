"""Nominations and votes for a team board without its lock: the board's inbox.

Any member writes one small TOML file, atomically (saved/files.py: a dot-named temp file, renamed
into place), into `<board file>.inbox/`, named `<nomination|vote>-<id>.toml`. Readers never see a
half-written entry, and two members writing at once write two files. The board's holder merges:

1. `collect` reads the entries (each checked: a regular file, small, of the team's group, valid
   TOML of the right shape; anything else is refused with a message and set aside as
   `.refused-<name>`, never read again, never crashing the merge);
2. the caller puts the new items, votes and the merged ids into the board and saves it: the ids go
   in `merged` in the same save that counts them;
3. `remove` deletes the merged files.

A kill between 2 and 3 leaves files whose ids the board already records: the next merge removes
them without counting them twice; a kill before 2 leaves the board as it was and the files in
place. So nothing is lost and nothing counted twice.

An anonymous nomination records no name in the file nor on the board; until it is merged, the
inbox file's owner (the file system's record of who made it) is the only trace, and the merge
removes the file. A vote's voter is the file's owner, not anything the file says (any member can
write any text into a file, but not make it someone else's).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter, ValidationError

from models.base import Id, Strict, new_id
from models.exnovation import MAX_ITEMS, Exnovation, Item, Text, What
from models.team import MAX_MERGED, Vote, dots_used
from saved import platform
from saved.files import OpenDir, atomic_write, ensure_private_dir
from saved.store import Problem, toml_problem
from saved.toml_read import tomllib


SUFFIX = ".inbox"
#: An entry is a few hundred bytes; anything larger is refused unread.
MAX_ENTRY_BYTES = 8 * 1024
#: At most this many entries per merge (the rest wait for the next one).
MAX_PER_MERGE = 500
_NAME = re.compile(r"^(nomination|vote)-([A-Za-z0-9]+)\.toml$")


class NominationEntry(Strict):
    kind: Literal["nomination"] = "nomination"
    id: Id
    what: What
    why: Text = ""
    nominated_on: date
    #: No name anywhere: the merge leaves `nominated_by` empty.
    anonymous: bool = False


class VoteEntry(Strict):
    kind: Literal["vote"] = "vote"
    id: Id
    item_id: Id
    #: Take one's dot back from the item (to put it elsewhere).
    retract: bool = False


_ENTRY = TypeAdapter(Annotated[NominationEntry | VoteEntry, Field(discriminator="kind")])


def inbox_of(board: Path) -> Path:
    return board.with_name(board.name + SUFFIX)


def _post(board: Path, entry: NominationEntry | VoteEntry) -> Path:
    from saved.store import toml_text  # the one way TOML is written (C1 and bidi escaped)

    inbox = inbox_of(board)
    ensure_private_dir(inbox)  # in a team folder: 2770 of the group, entries 0660
    path = inbox / f"{entry.kind}-{entry.id}.toml"
    atomic_write(path, toml_text(entry.model_dump(mode="python")).encode("utf-8"))
    return path


def nominate(board: Path, what: str, why: str = "", *, anonymous: bool = False, today: date | None = None) -> Path:
    """Put a nomination in the board's inbox; ValidationError if `what` is empty or too long."""
    return _post(board, NominationEntry(id=new_id(), what=what, why=why, nominated_on=today or date.today(), anonymous=anonymous))


def vote(board: Path, item_id: str, *, retract: bool = False) -> Path:
    """Put one dot on an item, through the board's inbox (counted at the merge, if dots are left);
    `retract`: take one's dot back from it."""
    return _post(board, VoteEntry(id=new_id(), item_id=item_id, retract=retract))


@dataclass
class Pending:
    """What a merge would change, and what it found."""

    items: list[Item] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    #: Dots taken back.
    retracted: list[Vote] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    #: File names to remove once the board is saved (including those merged before a kill).
    done: list[str] = field(default_factory=list)
    #: Votes not counted: no dots left, the same member twice on an item, an item not on the board.
    not_counted: int = 0
    #: One problem per refused file: its path and why (never its text), said in the interface's
    #: words by tui.errors.said; `aside` in its values: the name it was set aside as.
    refused: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.merged)

    def apply_to(self, board: Exnovation) -> dict[str, list]:
        """The board's new lists (for DocumentSession.update or a direct assignment)."""
        return {
            "items": [*board.items, *self.items],
            "votes": [vote for vote in board.votes if vote not in self.retracted] + [vote for vote in self.votes if vote not in self.retracted],
            "merged": [*board.merged, *self.merged][-MAX_MERGED:],
        }


def collect(board_path: Path, board: Exnovation) -> Pending:
    """Read the inbox (see the module's doc). Nothing is written but refused files set aside."""
    pending = Pending()
    inbox = inbox_of(board_path)
    if not inbox.is_dir() or os.path.islink(inbox):
        return pending
    merged = set(board.merged)
    item_ids = {item.id for item in board.items}
    votes = [*board.votes]
    try:
        directory = OpenDir(inbox)
    except OSError as error:
        pending.refused.append(_unreadable(inbox, error))
        return pending
    with directory:
        # A bound on the work of one merge, however many files a member puts there.
        names = sorted(os.listdir(directory.fd if directory.fd is not None else inbox))[: MAX_PER_MERGE * 4]
        entries = []
        for name in names:
            if name.startswith("."):
                continue  # a temp file being written, or one set aside
            found = _read(directory, inbox / name)
            if isinstance(found, Problem):
                aside = _set_aside(directory, name)
                pending.refused.append(found._replace(values=(*found.values, ("aside", aside))) if aside else found)
                continue
            entries.append(found)
        entries.sort(key=lambda found: (found[0], found[1]))  # oldest first: the first dots count
        for _, name, entry, owner in entries[:MAX_PER_MERGE]:
            if entry.id in merged or entry.id in item_ids:  # merged before a kill: only remove the file
                pending.done.append(name)
                continue
            if isinstance(entry, NominationEntry):
                if len(board.items) + len(pending.items) >= MAX_ITEMS:
                    pending.refused.append(Problem(inbox / name, f"the board is full ({MAX_ITEMS} items)", code="inbox_full", values=(("most", str(MAX_ITEMS)),)))
                    continue
                who = "" if entry.anonymous else owner[:80]
                pending.items.append(Item(id=entry.id, what=entry.what, why=entry.why, nominated_on=entry.nominated_on, nominated_by=who))
                item_ids.add(entry.id)
            elif entry.retract:
                mine = Vote(item_id=entry.item_id, voter=owner)
                if mine in votes:
                    votes.remove(mine)
                    pending.retracted.append(mine)
                else:
                    pending.not_counted += 1
            else:
                new = Vote(item_id=entry.item_id, voter=owner)
                if entry.item_id in item_ids and dots_used(votes, owner) < board.dots_per_person and new not in votes:
                    votes.append(new)
                    pending.votes.append(new)
                else:
                    pending.not_counted += 1
            pending.merged.append(entry.id)
            merged.add(entry.id)
            pending.done.append(name)
    return pending


def _read(directory: OpenDir, path: Path) -> tuple[int, str, NominationEntry | VoteEntry, str] | Problem:
    """(mtime, name, entry, owner's user name), or why the file is refused."""
    name = path.name
    matched = _NAME.match(name)
    if not matched:
        return Problem(path, "not an inbox entry (its name is not nomination-<id>.toml or vote-<id>.toml)", code="inbox_name")
    try:
        fd = directory.open(name, os.O_RDONLY)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(path, "cannot be read: a symbolic link, which samspil does not follow", code="inbox_link")
        return _unreadable(path, error)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Problem(path, "not a regular file", code="inbox_not_file")
        if info.st_size > MAX_ENTRY_BYTES:
            sizes = (("size", str(info.st_size)), ("most", str(MAX_ENTRY_BYTES)))
            return Problem(path, f"too large ({info.st_size:,} bytes; an entry is at most {MAX_ENTRY_BYTES:,})", code="inbox_too_large", values=sizes)
        if directory.team_gid is not None and info.st_gid != directory.team_gid:
            group = platform.group_name(info.st_gid)
            return Problem(path, f"of the group {group}, not the team's", code="inbox_group", values=(("group", group),))
        data = os.read(fd, MAX_ENTRY_BYTES + 1)
    except OSError as error:
        return _unreadable(path, error)
    finally:
        os.close(fd)
    try:
        text = data.decode("utf-8")
        raw = tomllib.loads(text)
    except UnicodeDecodeError:
        return Problem(path, "not valid UTF-8 text", code="utf8")
    except tomllib.TOMLDecodeError as error:
        return toml_problem(path, text, error)
    except RecursionError:
        return Problem(path, "not valid TOML: nested too deeply", code="toml_nested")
    except ValueError:
        return Problem(path, "not valid TOML: a number that cannot be read", code="toml_number")
    try:
        entry = _ENTRY.validate_python(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(map(str, first["loc"])) or "kind"
        return Problem(path, f"not an inbox entry ({where}: {first['type']})", code="inbox_shape", values=(("where", where), ("type", first["type"])))
    if entry.id != matched.group(2) or entry.kind != matched.group(1):
        return Problem(path, "its name and its id differ", code="inbox_id")
    return info.st_mtime_ns, name, entry, platform.owner_name(info.st_uid)


def _unreadable(path: Path, error: OSError) -> Problem:
    reason = str(error.strerror or error)
    return Problem(path, f"cannot be read: {reason}", code="unreadable", values=(("errno", str(error.errno or "")), ("reason", reason)))


def _set_aside(directory: OpenDir, name: str) -> str:
    """Rename a refused file `.refused-<name>`: kept for a person to look at, not read again.
    Its new name, or "" if it could not be renamed."""
    aside = f".refused-{name}"[:255]
    try:
        directory.replace(name, aside)
    except OSError:
        return ""
    return aside


def my_dots(board_path: Path, board: Exnovation) -> tuple[set[str], dict[str, str]]:
    """The items this user has a dot on, counted or waiting in the inbox (a waiting retraction
    takes one off), and the inbox files of their waiting votes by item (to withdraw one unmerged)."""
    me = platform.user_name()
    items = {vote.item_id for vote in board.votes if vote.voter == me}
    waiting: dict[str, str] = {}
    for item_id, name, retract in my_pending_votes(board_path):
        if retract:
            items.discard(item_id)
        else:
            items.add(item_id)
            waiting[item_id] = name
    return items, waiting


def remove(board_path: Path, names: list[str]) -> None:
    """Delete merged entries (after the board that records them is saved)."""
    inbox = inbox_of(board_path)
    with OpenDir(inbox) as directory:
        for name in names:
            directory.remove(name)


def waiting(board_path: Path) -> int:
    """How many entries wait in the inbox (a cheap look, for the screen)."""
    try:
        return sum(1 for name in os.listdir(inbox_of(board_path)) if _NAME.match(name))
    except OSError:
        return 0


def merge_open(opened) -> Pending:  # opened: saved.editing.OpenDocument (holding the lock)
    """Collect, save the board with what came in, remove the merged files, and say so in the
    change log: the whole merge for a holder without a screen (the command line, tests)."""
    board = opened.document
    pending = collect(opened.path, board)
    if pending.changes:
        for name, value in pending.apply_to(board).items():
            setattr(board, name, value)
        opened.mark_changed()
        opened.save()
        log_merge(opened.path, pending)
    if pending.done:
        remove(opened.path, pending.done)
    return pending


def log_merge(board_path: Path, pending: Pending) -> None:
    """One `merged` line in the change log: how many items and votes came in (no names, no text)."""
    from saved import changelog

    changelog.append(board_path, "merged", [f"items +{len(pending.items)}", f"votes +{len(pending.votes)}", f"votes -{len(pending.retracted)}"])


def my_pending_votes(board_path: Path) -> list[tuple[str, str, bool]]:
    """This user's votes not merged yet: (item id, file name, retract)."""
    box = inbox_of(board_path)
    if not box.is_dir() or os.path.islink(box):
        return []
    me = platform.user_name()
    found = []
    try:
        with OpenDir(box) as directory:
            for name in sorted(os.listdir(directory.fd if directory.fd is not None else box))[: MAX_PER_MERGE * 4]:
                if name.startswith("vote-"):
                    read = _read(directory, box / name)
                    if not isinstance(read, Problem) and read[3] == me and isinstance(read[2], VoteEntry):
                        found.append((read[2].item_id, name, read[2].retract))
    except OSError:
        return found
    return found
