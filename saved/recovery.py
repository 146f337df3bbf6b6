"""Recovery copies: the unsaved changes of a document when samspil had to stop.

A copy is written to <data>/recovery/<document file name> (0600) only when the app must exit
with changes it could not save. The next start offers to restore or discard each copy, and
`samspil check` lists them. Restoring writes the copy over the document through the normal save,
so the version it replaces becomes the .bak: nothing is lost either way.
"""

from __future__ import annotations

import os
from pathlib import Path

from saved import lock
from saved.files import atomic_write, current_fingerprint, ensure_private_dir, refuse_symlink
from saved.locations import Locations
from saved.store import Loaded, dumps, load, save


def write(locations: Locations, loaded: Loaded) -> Path:
    """Keep the document as it is in memory; returns the copy's path."""
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
