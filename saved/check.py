"""`samspil check`: every problem in every file, at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from models.clock import TIME_FORMAT
from models.documents import Case, readings_in_future
from saved.files import leftover_temp_files
from saved.locations import Locations
from saved.recovery import copies as recovery_copies, typed_copies
from saved.lock import inspect as inspect_lock
from saved.lines import line_of
from saved.store import DocumentError, Problem, load, load_settings


def check_file(path: Path, now: datetime | None = None) -> list[Problem]:
    try:
        loaded = load(path)
    except DocumentError as error:
        return error.problems
    if loaded.newer_version:
        return [Problem(path, f"written by a newer samspil (schema {loaded.newer_version}); it opens read-only", code="newer", values=(("version", str(loaded.newer_version)),))]
    if isinstance(loaded.document, Case):
        # Accepted when loading (a wrong clock must not make a file unreadable), but worth a look.
        future = readings_in_future(loaded.document, now or datetime.now().astimezone())
        text = path.read_text(encoding="utf-8") if future else ""  # read again only to give lines
        return [
            Problem(
                path,
                f"reading {index} is time-stamped in the future ({reading.taken:{TIME_FORMAT}}): a wrong clock or a typo",
                line_of(text, ("readings", index, "taken")),
                "future_reading",
                (("index", str(index)), ("taken", f"{reading.taken:{TIME_FORMAT}}")),
            )
            for index, reading in future
        ]
    return []


def check(target: Path | None, locations: Locations) -> list[Problem]:
    """Problems in one file, in a directory of documents, or (no target) in the whole data dir."""
    if target is not None and target.is_file():
        return check_file(target)
    if target is not None:
        if not target.is_dir():
            return [Problem(target, "no such file or directory", code="no_such_file")]
        files = sorted(p for p in target.glob("*.toml") if not p.name.startswith("."))
        directory = target
    else:
        files = locations.document_files()
        directory = locations.documents
    problems = [problem for path in files for problem in check_file(path)]
    if target is None:
        problems += load_settings(locations)[1]
    # An interrupted save can leave a temp file beside the document, its backup or the settings.
    temp_dirs = [directory] if target is not None else [locations.documents, locations.backups, *dict.fromkeys((locations.root, locations.settings.parent))]
    for temp in (temp for d in temp_dirs for temp in leftover_temp_files(d)):
        problems.append(Problem(temp, "left behind by an interrupted save; the document itself is intact, so this file can be removed", code="temp_file"))
    for conflict in sorted(directory.glob("*.toml.conflict-*")):
        message = "another program's version, written while samspil saved the document; compare it with the document, keep what you need, then delete this file"
        problems.append(Problem(conflict, message, code="conflict_copy"))
    if target is None:
        for copy in recovery_copies(locations):
            problems.append(Problem(copy, "unsaved changes kept when samspil had to stop; start samspil to restore or discard them", code="recovery_copy"))
        for typed in typed_copies(locations):
            message = "text typed into fields that had not taken it, kept when samspil had to stop; copy what you need into the document, then remove this file"
            problems.append(Problem(typed, message, code="typed_kept"))
    for path in sorted(directory.glob("*.toml.lock")):
        found = inspect_lock(path)
        if found is None or (found.state == "held" and found.holder is not None):
            continue
        if found.state == "strange":
            problems.append(Problem(path, "not a regular file, so not a lock samspil made; remove it (rm -r) if no samspil has the document open", code="lock_strange"))
        elif found.holder is None:
            problems.append(Problem(path, "lock file is empty or cannot be read; samspil offers to take it over", code="lock_empty"))
        elif found.state == "stale":
            holder = found.holder.describe()
            problems.append(Problem(path, f"stale lock left by {holder}, which is no longer running; samspil offers to take it over", code="lock_stale", values=(("holder", holder),)))
        else:
            holder, minutes = found.holder.describe(), int(found.idle // 60)
            message = f"lock held by {holder}, untouched for {minutes} minutes; samspil offers to take it over after asking"
            problems.append(Problem(path, message, code="lock_idle", values=(("holder", holder), ("count", str(minutes)))))
    return problems
