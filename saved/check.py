"""`samspil check`: every problem in every file, at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from models.documents import Case, readings_in_future
from saved.files import leftover_temp_files
from saved.locations import Locations
from saved.lock import read_lock
from saved.lines import line_of
from saved.store import DocumentError, Problem, load, load_settings


def check_file(path: Path, now: datetime | None = None) -> list[Problem]:
    try:
        loaded = load(path)
    except DocumentError as error:
        return error.problems
    if loaded.newer_version:
        return [Problem(path, f"written by a newer samspil (schema {loaded.newer_version}); it opens read-only")]
    if isinstance(loaded.document, Case):
        # Accepted when loading (a wrong clock must not make a file unreadable), but worth a look.
        future = readings_in_future(loaded.document, now or datetime.now().astimezone())
        text = path.read_text(encoding="utf-8") if future else ""  # read again only to give lines
        return [
            Problem(path, f"reading {index} is time-stamped in the future ({reading.taken:%Y-%m-%d %H:%M}): a wrong clock or a typo", line_of(text, ("readings", index, "taken")))
            for index, reading in future
        ]
    return []


def check(target: Path | None, locations: Locations) -> list[Problem]:
    """Problems in one file, in a directory of documents, or (no target) in the whole data dir."""
    if target is not None and target.is_file():
        return check_file(target)
    if target is not None:
        if not target.is_dir():
            return [Problem(target, "no such file or directory")]
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
        problems.append(Problem(temp, "left behind by an interrupted save; the document itself is intact, so this file can be removed"))
    for lock in sorted(directory.glob("*.toml.lock")):
        holder = read_lock(lock)
        if holder is None:
            problems.append(Problem(lock, "lock file cannot be read; remove it if no samspil has the document open"))
        elif holder.is_stale():
            problems.append(Problem(lock, f"stale lock left by {holder.describe()}, which is no longer running; samspil offers to take it over"))
    return problems
