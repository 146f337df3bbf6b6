"""Recovery copies: the unsaved changes of a document when samspil had to stop.

A copy is written to <data>/recovery/<document file name> (0600) only when the app must exit
with changes it could not save. The next start offers to restore or discard each copy, and
`samspil check` lists them. Restoring writes the copy over the document through the normal save,
so the version it replaces becomes the .bak: nothing is lost either way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from saved import lock
from saved.files import TEMP_SUFFIX, atomic_write, current_fingerprint, ensure_private_dir, refuse_symlink
from saved.locations import Locations

if TYPE_CHECKING:
    from saved.store import Loaded

# saved.store (pydantic and every model, ~0.2 s) is imported only where a copy is written, read or
# restored: listing the copies at every start, when there are none, must not pay for it.


def write(locations: Locations, loaded: Loaded) -> Path:
    """Keep the document as it is in memory; returns the copy's path."""
    from saved.store import dumps

    ensure_private_dir(locations.recovery)
    path = locations.recovery / loaded.path.name
    atomic_write(path, dumps(loaded.document))
    return path


def copies(locations: Locations) -> list[Path]:
    if not locations.recovery.is_dir():
        return []
    return sorted(p for p in locations.recovery.glob("*.toml") if not p.name.startswith("."))


def restore(locations: Locations, copy: Path) -> Path:
    """Put the copy back as the document (the current file becomes the .bak) and remove the copy.
    Raises DocumentError (the copy is damaged), LockHeld (the document is open elsewhere) or OSError."""
    from saved.store import Loaded, load, save

    recovered = load(copy)
    target = locations.documents / copy.name
    lock_path = locations.lock_of(target)
    lock.acquire(lock_path)
    try:
        save(locations, Loaded(target, recovered.document, current_fingerprint(target)))
    finally:
        lock.release(lock_path)
    discard(copy)
    return target


def discard(copy: Path) -> None:
    refuse_symlink(copy)
    try:
        os.unlink(copy)
    except FileNotFoundError:
        pass


#: A temp file younger than this may belong to a save in progress in another samspil.
TEMP_MIN_AGE = 60.0


def remove_leftover_temps(locations: Locations, *, now: float | None = None) -> int:
    """Remove the temp files that interrupted saves left (whole copies of documents, settings,
    reports or recovery copies) in every folder samspil writes; how many. Run at start, after any
    recovery copy has been offered. One younger than TEMP_MIN_AGE seconds is left alone."""
    import time

    now = time.time() if now is None else now
    removed = 0
    folders = (locations.root, locations.documents, locations.backups, locations.recovery, locations.exports)
    for folder in folders:
        if not folder.is_dir():
            continue
        for temp in folder.glob(f".*{TEMP_SUFFIX}"):
            try:
                if temp.is_symlink() or not temp.is_file() or now - temp.stat().st_mtime < TEMP_MIN_AGE:
                    continue
                os.unlink(temp)
                removed += 1
            except FileNotFoundError:
                continue
    return removed
