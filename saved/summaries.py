"""The home list from what it needs: a small summary of each document file, kept in an index.

Loading and validating every document to show a few columns costs about 3 ms of CPU per
document. `summaries` reads the index (<data dir>/index.json, 0600), stats every document file,
and loads only the files whose inode, size, mtime or ctime differ from what the index recorded;
then it writes the index back if anything changed. A list the index knows whole is shown without
importing pydantic or the models (only a damaged file's problems bring in saved.store).

The index is a cache of what the files say, never the truth: a missing, damaged or foreign index
is rebuilt from the files, and entries of files that are gone are dropped (a deleted document's
title does not stay behind). A file changed in the last two seconds is not recorded, so a second
edit within one timestamp tick (FAT's is 2 s) cannot hide behind an unchanged mtime.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saved.files import atomic_write, read_capped
from saved.locations import Locations

if TYPE_CHECKING:
    from saved.due import Due
    from saved.store import Loaded, Problem

#: The kinds of models.documents.DOCUMENT_KINDS, named here so that a list the index knows
#: whole is shown without importing pydantic and the models (a test checks they agree).
KINDS = ("case", "exnovation", "supervision")
INDEX_VERSION = 5  # 2: the kinds renamed in schema 2; 3: a session's date and supervisee; 4: due dates and freed totals; 5: agreements' ids
#: Files changed more recently than this are summarised but not recorded.
RECENT_NS = 2_000_000_000
_INDEX_CAP = 64 * 1024 * 1024


@dataclass(frozen=True)
class Summary:
    """One row of the home list. `kind` is None when the file did not load (see `problems`)."""

    path: Path
    kind: str | None = None
    id: str = ""
    title: str = ""
    #: The document's `changed`; for a file that did not load, its mtime.
    changed: datetime | None = None
    archived: bool = False
    #: A case's review date (None for other kinds).
    review_date: date | None = None
    #: Set: written by a newer samspil, opens read-only.
    newer_version: int | None = None
    problems: tuple[Problem, ...] = ()
    #: A supervision session's date and supervisee (initials), for its row.
    held_on: date | None = None
    practitioner: str = ""
    #: What can become overdue in the document (models/due.py).
    due: tuple[Due, ...] = ()
    #: A board's freed time and money: estimated hours a month, kroner a year, measured the same.
    freed: tuple[float, float, float, float] | None = None

    @property
    def damaged(self) -> bool:
        return self.kind is None

    def review_due(self, today: date | None = None) -> bool:
        return self.review_date is not None and self.review_date <= (today or date.today())


def summary_of(loaded: Loaded) -> Summary:
    """The summary of a document that loaded (e.g. after a save, to update a row)."""
    from saved.due import due_dates

    doc = loaded.document
    review = getattr(doc, "review_date", None)
    held_on, practitioner = getattr(doc, "held_on", None), getattr(doc, "practitioner", "")
    freed = None
    if doc.kind == "exnovation":
        from models.exnovation import freed_totals

        totals = freed_totals(doc.items)  # type: ignore[attr-defined]  # a board has items
        freed = (totals["estimated_hours"], totals["estimated_money"], totals["measured_hours"], totals["measured_money"])
    return Summary(
        loaded.path, doc.kind, doc.id, doc.title, doc.changed, doc.archived, review, loaded.newer_version,
        held_on=held_on, practitioner=practitioner, due=due_dates(doc), freed=freed,
    )


def summaries(locations: Locations) -> list[Summary]:
    """Every document file's summary, newest first; files that do not load are listed with their
    problems. Loads only what the index does not know as it is now."""
    index_path = locations.index
    known = _read_index(index_path)
    recorded: dict[str, dict[str, Any]] = {}
    rows: list[Summary] = []
    changed = False
    now_ns = time.time_ns()
    for path in locations.document_files():
        try:
            info = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:  # deleted while we listed
            continue
        key = [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
        entry = known.get(path.name)
        summary = _decode(path, entry) if entry is not None and entry.get("key") == key else None
        if summary is None:
            summary = _load(path, info)
            changed = True
        rows.append(summary)
        if now_ns - max(info.st_mtime_ns, info.st_ctime_ns) > RECENT_NS:
            recorded[path.name] = {"key": key, **_encode(summary)}
    if changed or recorded.keys() != known.keys():
        try:
            _write_index(index_path, recorded)
        except OSError:
            pass  # a cache: the list is right without it, and the next listing tries again
    rows.sort(key=lambda s: s.changed.timestamp() if s.changed else 0.0, reverse=True)
    return rows


def forget(locations: Locations, path: Path) -> None:
    """Drop a deleted document's entry from the index at once, so its title does not stay behind."""
    index_path = locations.index
    known = _read_index(index_path)
    if known.pop(path.name, None) is not None:
        _write_index(index_path, known)


def _load(path: Path, info: os.stat_result) -> Summary:
    from saved.store import DocumentError, load

    try:
        return summary_of(load(path))
    except DocumentError as error:
        return Summary(path, changed=datetime.fromtimestamp(info.st_mtime).astimezone(), problems=tuple(error.problems))


def _write_index(path: Path, files: dict[str, dict[str, Any]]) -> None:
    data = json.dumps({"version": INDEX_VERSION, "files": files}, ensure_ascii=False, separators=(",", ":"))
    atomic_write(path, data.encode("utf-8"))


def _read_index(path: Path) -> dict[str, dict[str, Any]]:
    try:
        index = json.loads(read_capped(path, _INDEX_CAP))
    except (OSError, ValueError):  # missing, a symlink, too large, not JSON: rebuilt from the files
        return {}
    if not isinstance(index, dict) or index.get("version") != INDEX_VERSION or not isinstance(index.get("files"), dict):
        return {}
    return {name: entry for name, entry in index["files"].items() if isinstance(entry, dict)}


def _encode(summary: Summary) -> dict[str, Any]:
    return {
        "kind": summary.kind,
        "id": summary.id,
        "title": summary.title,
        "changed": summary.changed.isoformat() if summary.changed else None,
        "archived": summary.archived,
        "review_date": summary.review_date.isoformat() if summary.review_date else None,
        "newer_version": summary.newer_version,
        "problems": [[problem.message, problem.line] for problem in summary.problems],
        "held_on": summary.held_on.isoformat() if summary.held_on else None,
        "practitioner": summary.practitioner,
        "due": [[due.kind, due.on.isoformat(), due.what, due.ref] for due in summary.due],
        "freed": list(summary.freed) if summary.freed is not None else None,
    }


def _decode(path: Path, entry: dict[str, Any]) -> Summary | None:
    """The summary an index entry holds, or None if the entry is not one we wrote."""
    try:
        if entry["kind"] not in (*KINDS, None) or not isinstance(entry["title"], str) or not isinstance(entry["id"], str):
            return None
        if entry["newer_version"] is not None and type(entry["newer_version"]) is not int:
            return None
        return Summary(
            path,
            entry["kind"],
            entry["id"],
            entry["title"],
            datetime.fromisoformat(entry["changed"]) if entry["changed"] else None,
            bool(entry["archived"]),
            date.fromisoformat(entry["review_date"]) if entry["review_date"] else None,
            entry["newer_version"],
            _problems(path, entry["problems"]),
            date.fromisoformat(entry["held_on"]) if entry["held_on"] else None,
            str(entry["practitioner"]),
            _due(entry["due"]),
            _freed(entry["freed"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _problems(path: Path, pairs: list[list[Any]]) -> tuple[Problem, ...]:
    if not pairs:
        return ()
    from saved.store import Problem

    return tuple(Problem(path, str(message), line if type(line) is int else None) for message, line in pairs)


def _due(rows: list[list[Any]]) -> tuple[Due, ...]:
    if not rows:
        return ()
    from saved.due import DUE_KINDS, Due

    due = tuple(Due(str(kind), date.fromisoformat(on), str(what), str(ref)) for kind, on, what, ref in rows)
    if any(entry.kind not in DUE_KINDS for entry in due):
        raise ValueError("not an index we wrote")
    return due


def _freed(values: list[Any] | None) -> tuple[float, float, float, float] | None:
    if values is None:
        return None
    if len(values) != 4 or not all(type(value) in (int, float) for value in values):
        raise ValueError("not an index we wrote")
    return (float(values[0]), float(values[1]), float(values[2]), float(values[3]))
