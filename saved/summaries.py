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

import gc
import json
import os
import sys
import threading
import time
from datetime import date, datetime
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from saved.due import DUE_KINDS, Due
from saved.files import atomic_write, current_fingerprint, read_capped
from saved.locations import Locations

if TYPE_CHECKING:
    from saved.store import Loaded, Problem

#: The kinds of models.documents.DOCUMENT_KINDS, named here so that a list the index knows
#: whole is shown without importing pydantic and the models (a test checks they agree).
KINDS = ("case", "exnovation", "supervision")
INDEX_VERSION = 6  # 2: the kinds renamed in schema 2; 3: a session's date and supervisee; 4: due dates and freed totals; 5: agreements' ids; 6: problems' codes
#: Files changed more recently than this are summarised but not recorded.
RECENT_NS = 2_000_000_000
_INDEX_CAP = 64 * 1024 * 1024


#: Problems of a file samspil did not read (no access, a link, not a regular file, too large): the
#: file may be whole; only its owner, or its permissions, can fix it (saved/repair.py offers no
#: backup in its place, the home list says "cannot be read", not "damaged").
NOT_READ = frozenset({"unreadable", "link", "too_large"})


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class Summary(NamedTuple):
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

    @property
    def not_read(self) -> bool:
        """Did not load because samspil could not read it, not because of what it holds."""
        return self.damaged and bool(self.problems) and all(problem.code in NOT_READ for problem in self.problems)

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


def summaries(locations: Locations, early: Callable[[list[Summary]], None] | None = None, *, before_loading: Callable[[], object] | None = None) -> list[Summary]:
    """Every document file's summary, newest first; files that do not load are listed with their
    problems. Loads only what the index does not know as it is now.

    With `early`, when some files are not in the index (the first start, the demo's fresh copy),
    `early` is first given the rows read from the files' TOML alone (`_quick`: no pydantic, no
    models), then every such file is loaded and validated as before, and the validated rows are
    returned: a damaged file is marked then. Only validated rows are recorded in the index.

    `before_loading` is called once before the first file is read, if any is (the app waits
    there for its first frame: reading and validating hold the interpreter)."""
    index_path = locations.index
    known = _read_index(index_path)
    rows: list[Summary | None] = []
    unknown: list[tuple[int, Path, os.stat_result]] = []
    stats: list[tuple[Path, os.stat_result, list[int]]] = []
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
            unknown.append((len(rows), path, info))
        rows.append(summary)
        stats.append((path, info, key))
    if unknown and before_loading is not None:
        before_loading()
    few = len(unknown) <= QUICK_MAX_FILES and sum(info.st_size for _, _, info in unknown) <= QUICK_MAX_BYTES
    parsed: dict[Path, tuple[bytes, str, dict[str, Any]]] = {}  # each file as the quick read parsed it, for its validation
    if unknown and early is not None and few:
        quick = [_quick(path, parsed) for _, path, _ in unknown]
        if all(summary is not None for summary in quick):
            shown = list(rows)
            for (at, _, _), summary in zip(unknown, quick):
                shown[at] = summary
            early(_newest_first([row for row in shown if row is not None]))
    validated: dict[Path, Loaded] = {}
    if unknown:
        import_store()
    for at, path, info in unknown:
        rows[at] = _load(path, info, validated if few else None, parsed.pop(path, None))
    with _kept_lock:  # this listing's, the last listing's are gone
        _kept.clear()
        _kept.update(validated)
    listed = [row for row in rows if row is not None]
    kept = [(summary, path, key) for summary, (path, info, key) in zip(listed, stats) if now_ns - max(info.st_mtime_ns, info.st_ctime_ns) > RECENT_NS]
    # Encoded only to be written: an index that knows every file as it is stays as it is.
    if unknown or len(kept) != len(known) or any(path.name not in known for _, path, _ in kept):
        recorded = {path.name: {"key": key, **_encode(summary)} for summary, path, key in kept}
        try:
            _write_index(index_path, recorded)
        except OSError:
            pass  # a cache: the list is right without it, and the next listing tries again
    return _newest_first(listed)


def _newest_first(rows: list[Summary]) -> list[Summary]:
    return sorted(rows, key=lambda s: s.changed.timestamp() if s.changed else 0.0, reverse=True)


def forget(locations: Locations, path: Path) -> None:
    """Drop a deleted document's entry from the index at once, so its title does not stay behind."""
    index_path = locations.index
    known = _read_index(index_path)
    if known.pop(path.name, None) is not None:
        _write_index(index_path, known)


#: The documents the last listing loaded and validated, when they were few (a first start, the
#: demo's fresh copy): opening one takes it from here rather than parsing and validating the file
#: a second time, if the file is still what was read. Each is taken once; the next listing drops
#: the rest.
_kept: dict[Path, Loaded] = {}
_kept_lock = threading.Lock()


def take_validated(path: Path) -> Loaded | None:
    """The document at `path` as the last listing loaded it, if the file has not changed since
    (by its hash, size and mtime); else None, and the caller loads it."""
    with _kept_lock:
        loaded = _kept.pop(path, None)
    if loaded is None or loaded.fingerprint is None or current_fingerprint(path) != loaded.fingerprint:
        return None
    return loaded


def import_store() -> None:
    """Import saved.store: pydantic and the models, ~10^5 objects that live as long as the process.
    Made with the garbage collector off and then frozen, as tui/__main__.py does for Textual: the
    collections that would run meanwhile (on this thread or the UI's, which shares the heap) walk
    them for nothing, and so would every later one while they are young: 33 collections, ~5 ms of
    this thread's CPU on the demo's first start, none now."""
    if "saved.store" in sys.modules:
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        import saved.store  # noqa: F401
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _load(path: Path, info: os.stat_result, keep: dict[Path, Loaded] | None = None, parsed: tuple[bytes, str, dict[str, Any]] | None = None) -> Summary:
    """`parsed`: the file's bytes, text and TOML as the quick read had them (read after `info` was
    taken, as the store reads a file): the ~10 ms parse of the demo case is not done twice."""
    from saved.files import Fingerprint
    from saved.store import DocumentError, load

    try:
        loaded = load(path) if parsed is None else load(path, parsed=(parsed[2], parsed[1], Fingerprint.of(parsed[0], info)))
    except DocumentError as error:
        return Summary(path, changed=datetime.fromtimestamp(info.st_mtime).astimezone(), problems=tuple(error.problems))
    if keep is not None:
        keep[path] = loaded
    return summary_of(loaded)


#: The quick read is for a few small files (the demo's fresh copy, a first start, files copied
#: in): parsing costs about as much again as validating, so a large file or a large first start
#: (the index is built once) goes straight to validation, as before.
QUICK_MAX_FILES = 50
QUICK_MAX_BYTES = 2 * 1024 * 1024
#: The schema versions whose summary fields read the same as the current schema's: version 1's
#: old kind names and version 4's numbered actors (saved/store.py MIGRATIONS) leave them alone
#: from version 2 on. A new schema version must be added here only if that is still so.
_QUICK_VERSIONS = (2, 3, 4)
_OPEN_STAGES = ("nominated", "assessed", "decided", "phasing_out")  # models.exnovation.OPEN_STAGES (a test checks)
_WEEKS_PER_MONTH = 52 / 12  # models.exnovation.WEEKS_PER_MONTH (a test checks)


def _quick(path: Path, parsed: dict[Path, tuple[bytes, str, dict[str, Any]]] | None = None) -> Summary | None:
    """The row of a document read from its TOML alone, for the list's first display. None where
    only the models could say (an older or newer schema, a value they fill in or convert, a file
    that is not plain TOML of a document): then the list waits for the validated rows.
    A file that parsed goes into `parsed` (its bytes, text and TOML), whatever its row."""
    from saved.due import MAX_PER_DOCUMENT, Due
    from saved.toml_read import tomllib, too_deep

    try:
        data = read_capped(path, QUICK_MAX_BYTES)
        text = data.decode("utf-8")
        if too_deep(text) is not None:  # minutes to parse: the validation says what is wrong
            return None
        raw = tomllib.loads(text)
        if parsed is not None:
            parsed[path] = (data, text, raw)
        kind, title, changed = raw["kind"], raw["title"], raw["changed"]
        if raw["schema_version"] not in _QUICK_VERSIONS or kind not in KINDS or not _plain(str, raw["id"], title):
            return None
        if not isinstance(changed, datetime) or changed.tzinfo is None or raw.get("archived", False) not in (True, False):
            return None
        review = held_on = None
        practitioner = ""
        due: list[Due] = []
        settled: list[Due] = []
        freed = None
        if kind == "case":
            review = raw["review_date"]
            if not _plain(date, review):
                return None
            due.append(Due("review", review))
        elif kind == "exnovation":
            totals = [0.0, 0.0, 0.0, 0.0]
            for item in raw.get("items", []):
                deadline, stage = item.get("deadline"), item.get("stage", "nominated")
                if not _plain(str, item["what"], stage) or (deadline is not None and not _plain(date, deadline)):
                    return None
                if deadline is not None and stage in _OPEN_STAGES:
                    due.append(Due("item", deadline, item["what"]))
                for at, name in ((0, "freed_estimated"), (2, "freed_measured")):
                    if name in item:
                        amount, unit = item[name]["amount"], item[name].get("unit", "hours_month")
                        if type(amount) not in (int, float) or unit not in ("hours_week", "hours_month", "money_year"):
                            return None
                        if unit == "money_year":
                            totals[at + 1] += amount
                        else:  # as models.exnovation.Freed.hours_month
                            totals[at] += amount * _WEEKS_PER_MONTH if unit == "hours_week" else amount
            freed = (totals[0], totals[1], totals[2], totals[3])
        else:
            held_on, practitioner = raw["held_on"], raw.get("practitioner", "")
            if not _plain(date, held_on) or not _plain(str, practitioner):
                return None
            for action in raw.get("actions", []):
                when, done, owner = action.get("due"), action.get("done", False), action.get("owner", "")
                if not _plain(str, action["id"], owner) or done not in (True, False) or (when is not None and not _plain(date, when)):
                    return None
                if when is not None and not done:
                    due.append(Due("agreement", when, owner, action["id"]))
            considered = raw.get("considered", [])
            if not all(_plain(str, ref) for ref in considered):
                return None
            settled = [Due("settled", held_on, "", ref) for ref in considered]
        due.sort(key=lambda entry: entry.on)
        return Summary(
            path, kind, raw["id"], title, changed, raw.get("archived", False), review, None,
            held_on=held_on, practitioner=practitioner, due=tuple(due[:MAX_PER_DOCUMENT] + settled), freed=freed,
        )
    except Exception:  # noqa: BLE001 - anything unusual (not TOML, too deep, a list for a table...) waits for validation
        return None


def _plain(kind: type, *values: object) -> bool:
    """Each value is exactly of that type (a datetime is no date here, a bool no int)."""
    return all(type(value) is kind for value in values)


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
        "problems": [[problem.message, problem.line, problem.code, [list(pair) for pair in problem.values]] for problem in summary.problems],
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

    return tuple(
        Problem(path, str(message), line if type(line) is int else None, str(code), tuple((str(name), str(value)) for name, value in values))
        for message, line, code, values in pairs
    )


def _due(rows: list[list[Any]]) -> tuple[Due, ...]:
    if not rows:
        return ()
    due = []
    for kind, on, what, ref in rows:
        if kind not in DUE_KINDS:
            raise ValueError("not an index we wrote")
        due.append(Due(kind, date.fromisoformat(on), str(what), str(ref)))
    return tuple(due)


def _freed(values: list[Any] | None) -> tuple[float, float, float, float] | None:
    if values is None:
        return None
    if len(values) != 4 or not all(type(value) in (int, float) for value in values):
        raise ValueError("not an index we wrote")
    return (float(values[0]), float(values[1]), float(values[2]), float(values[3]))
