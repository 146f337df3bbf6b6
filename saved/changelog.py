"""Who changed what in a team folder: each document's change log, <team>/changes/<file>.log.

One JSON line per event: when, which user (and host), what happened (`save`, `export`, `moved`,
`merged`, `deleted`) and for a save the paths of the fields that changed (`items[3f9a…].stage`), never the
text itself: the log is read by the whole team and answers Datatilsynet's "who did what", not
"what did it say". Each line is one write with O_APPEND, so lines of two members never interleave;
the file is 0660 of the team's group and append-only by convention (a member can still edit it:
samspil keeps no secrets from the team). When it grows past MAX_BYTES it is renamed to `.log.1`
(the one before is dropped), so the log stays bounded.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from saved import platform
from saved.files import OpenDir, ensure_private_dir, read_capped, team_gid

MAX_BYTES = 512 * 1024
#: A line longer than this is cut to its first field paths (one write must stay one line).
MAX_LINE = 3500
#: At most this many field paths in one save's line; then "…".
MAX_PARTS = 40
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
EVENTS = ("save", "export", "moved", "merged", "deleted")


@dataclass(frozen=True)
class Event:
    at: str
    user: str
    host: str
    event: str
    parts: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{self.at}  {self.user}@{self.host}  {self.event}  {', '.join(self.parts)}".rstrip()


def log_path(document: Path) -> Path:
    """The change log of the document at `<root>/documents/<name>`."""
    return document.parent.parent / "changes" / f"{document.name}.log"


def append(document: Path, event: str, parts: list[str] | tuple[str, ...] = ()) -> None:
    """Add one line to the document's change log (only in a team folder; elsewhere nothing)."""
    if team_gid(document) is None or event not in EVENTS:
        return
    path = log_path(document)
    ensure_private_dir(path.parent)
    shown = [_safe(part) for part in list(parts)[:MAX_PARTS]] + (["…"] if len(parts) > MAX_PARTS else [])
    head = {"at": datetime.now().astimezone().isoformat(timespec="seconds"), "user": platform.user_name(), "host": platform.host_name(), "event": event}
    line = json.dumps({**head, "parts": shown}, ensure_ascii=True) + "\n"
    while len(line) > MAX_LINE and shown:
        shown = shown[: len(shown) // 2] + ["…"]
        line = json.dumps({**head, "parts": shown}, ensure_ascii=True) + "\n"
    with OpenDir(path.parent) as directory:
        fd = directory.open(path.name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, platform.TEAM_FILE_MODE)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise OSError(f"{path} is not a regular file")
            if info.st_uid == os.geteuid():  # whoever made it keeps it 0660 whatever the umask
                platform.restrict_file(fd, directory.team_gid)
            os.write(fd, line.encode("ascii"))
            size = info.st_size + len(line)
        finally:
            os.close(fd)
        if size > MAX_BYTES:
            try:
                directory.replace(path.name, path.name + ".1")
            except FileNotFoundError:  # another member rotated it first
                pass


def read(document: Path, limit: int = 500) -> list[Event]:
    """The latest `limit` events, oldest first, from the log and the rotated one before it.
    Lines that are not ours (damaged, edited) are left out."""
    path = log_path(document)
    events: list[Event] = []
    for file in (path.with_name(path.name + ".1"), path):
        try:
            data = read_capped(file, MAX_BYTES * 2)
        except (OSError, ValueError):
            continue
        for line in data.decode("ascii", "replace").splitlines():
            event = _decode(line)
            if event is not None:
                events.append(event)
    return events[-limit:]


def _decode(line: str) -> Event | None:
    try:
        raw = json.loads(line)
        parts = raw.get("parts", [])
        if raw["event"] not in EVENTS or not isinstance(parts, list):
            return None
        return Event(str(raw["at"])[:40], str(raw["user"])[:64], str(raw["host"])[:64], raw["event"], tuple(str(part)[:120] for part in parts[: MAX_PARTS + 1]))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _safe(part: str) -> str:
    return "".join(ch for ch in part if ch.isascii() and ch.isprintable())[:120]


def changed_parts(old: Any, new: Any, path: str = "", depth: int = 0) -> list[str]:
    """The paths of the fields that differ between two dumps of a document, e.g. `title`,
    `items[ab12].stage`, `actors[+c3d4]` (added), `ties[-e5f6]` (removed). Keys and ids only:
    a key that is not a plain name (a user's text used as a key) is shown as `?`."""
    if old == new:
        return []
    if depth >= 3:
        return [path or "(document)"]
    if isinstance(old, dict) and isinstance(new, dict):
        parts: list[str] = []
        for key in [*old, *(k for k in new if k not in old)]:
            if key in ("changed", "schema_version"):
                continue
            name = key if isinstance(key, str) and _KEY.match(key) else "?"
            child = f"{path}.{name}" if path else name
            parts += changed_parts(old.get(key), new.get(key), child, depth + 1)
        return parts
    if isinstance(old, list) and isinstance(new, list) and _ids(old) is not None and _ids(new) is not None:
        before, after = _ids(old) or {}, _ids(new) or {}
        parts = []
        for item_id, item in after.items():
            if item_id not in before:
                parts.append(f"{path}[+{item_id}]")
            else:
                parts += changed_parts(before[item_id], item, f"{path}[{item_id}]", depth + 1)
        parts += [f"{path}[-{item_id}]" for item_id in before if item_id not in after]
        return parts or [path]  # same items in another order
    return [path or "(document)"]


def _ids(items: list[Any]) -> dict[str, Any] | None:
    """The list's items by their id, if every item is a table with a plain, unique id."""
    found: dict[str, Any] = {}
    for item in items:
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str) or not _KEY.match(item_id) or item_id in found:
            return None
        found[item_id] = item
    return found


def log_save(document: Path, previous: bytes | None, saved: dict[str, Any]) -> None:
    """After a save in a team folder: one `save` line with the changed field paths, and an `export`
    line for each export the save recorded (its format, private or not, where to: no path)."""
    from saved.toml_read import tomllib

    new = _plain(saved)  # the snapshot the save wrote (store.snapshot)
    if previous is None:
        append(document, "save", ["(new)"])
        return
    try:
        old = tomllib.loads(previous.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        old = {}
    old = _plain(old)
    parts = changed_parts(old, new)
    exports = [part for part in parts if part.startswith("exports")]
    others = [part for part in parts if not part.startswith("exports")]
    if others:
        append(document, "save", others)
    if exports:
        known = len(old.get("exports", [])) if isinstance(old.get("exports"), list) else 0
        for record in new.get("exports", [])[known:]:
            append(document, "export", [str(record.get("format")), "private" if record.get("private") else "full", str(record.get("to"))])


def _plain(value: Any) -> Any:
    """Dates and times as text, so a loaded file and a dump compare equal where they agree."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
