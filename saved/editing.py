"""One open document: its lock, whether it may be written, and saving it safely.

This is the store as an editor uses it. It holds no Textual code, so its rules are tested
without a screen: a document locked by someone else, or written by a newer samspil, is
read-only; a save never overwrites a file changed on disk since it was loaded.
"""

from __future__ import annotations

from collections.abc import Callable
import os
import threading
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from models.documents import DocumentBase, ExportRecord, logged
from saved import lock, store, summaries
from saved.locations import Locations


class ReadOnly(Enum):
    LOCKED = "locked"  # another samspil holds the lock
    NEWER = "newer"  # written by a newer version
    LOCK_FAILED = "lock_failed"  # the lock could not be created (permissions, disk)
    STRANGE_LOCK = "strange_lock"  # something that is no lock file stands at the lock's path


@dataclass(eq=False)  # compared by identity, as saved.store.Loaded
class OpenDocument:
    """A loaded document, locked unless it is read-only, as the screen that edits it holds it."""

    locations: Locations
    loaded: store.Loaded
    read_only: ReadOnly | None = None
    holder: lock.LockInfo | None = None  # who holds the lock, when it is not us
    lock_error: OSError | None = None  # why the lock could not be made (LOCK_FAILED)
    dirty: bool = False
    _locked: bool = False
    _writing: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, locations: Locations, path: Path, *, take_over: bool = False, loaded: store.Loaded | None = None) -> OpenDocument:
        """Load and lock. Raises DocumentError (damaged) or LockHeld (a stale or abandoned lock,
        not taken over: the caller asks the user, then calls again with `take_over`).
        `loaded`: the document as already read (a repair of the file at `path`), instead of loading."""
        # A document the home list has just validated is not parsed and validated again.
        loaded = loaded or summaries.take_validated(path) or store.load(path)
        doc = cls(locations, loaded)
        if loaded.newer_version is not None:
            doc.read_only = ReadOnly.NEWER
            return doc
        lock_path = locations.lock_of(path)
        try:
            try:
                lock.acquire(lock_path)
            except lock.LockHeld as held:
                if not (held.can_take_over and take_over):
                    return doc._held(held)
                lock.take_over(lock_path, abandoned=held.state == "abandoned")  # LockHeld: ask again
            doc._locked = True
        except OSError as error:  # the lock, or the take-over's, could not be made (a full disk)
            doc.read_only, doc.lock_error = ReadOnly.LOCK_FAILED, error
        return doc

    def _held(self, held: lock.LockHeld) -> OpenDocument:
        """Read-only, as another copy holds the lock; a stale or abandoned one is the caller's to
        ask about (raised again)."""
        if held.can_take_over:
            raise held
        if held.state == "strange":
            self.read_only = ReadOnly.STRANGE_LOCK
        else:
            self.read_only, self.holder = ReadOnly.LOCKED, held.holder
        return self

    @property
    def document(self) -> DocumentBase:
        return self.loaded.document

    @property
    def path(self) -> Path:
        return self.loaded.path

    def mark_changed(self) -> None:
        if self.read_only is None:
            self.dirty = True

    def log_export(self, record: ExportRecord) -> None:
        """Record an export in the document's export log and save it (the command line's path;
        the app's goes through the document session). Raises like `save`."""
        self.document.exports = logged(self.document.exports, record)
        self.mark_changed()
        self.save()

    def save(self, *, reuse_lists: bool = False) -> None:
        """Write if there are changes. Raises ChangedOnDisk or OSError; `dirty` stays set then.
        `reuse_lists`: see `store.snapshot`."""
        snapshot = self.begin_save(reuse_lists=reuse_lists)
        if snapshot is not None:
            self.write(snapshot)

    def begin_save(self, *, reuse_lists: bool = False) -> dict[str, Any] | None:
        """The document as it is now, to be written by `write` (here or on another thread), or
        None when there is nothing to save. Changes made meanwhile mark it dirty again."""
        self.wait_for_write()  # a write in flight may yet fail and leave the document dirty
        if not self.dirty or self.read_only is not None:
            return None
        snapshot = store.snapshot(self.loaded, reuse_lists=reuse_lists)
        self.dirty = False
        return snapshot

    def write(self, snapshot: dict[str, Any], pace: Callable[[], None] | None = None) -> None:
        """Write a snapshot from `begin_save`; one write at a time. On failure the document is
        dirty again (before this returns, so a save that waits for it sees so) and it raises.
        `pace`: see `store.write`."""
        with self._writing:
            try:
                store.write(self.locations, self.loaded, snapshot, pace)
            except BaseException:
                self.dirty = True
                raise

    def wait_for_write(self) -> None:
        """Until a write on another thread has ended."""
        with self._writing:
            pass

    def reload(self) -> None:
        """Drop our changes and read the file as it is now."""
        self.wait_for_write()
        self.loaded = store.load(self.path)
        self.dirty = False

    def save_as_new(self) -> OpenDocument:
        """Keep our version as a new document (when the original changed on disk); it becomes the open one."""
        self.wait_for_write()
        new = store.save_as_new(self.locations, self.loaded)
        self.close()
        return OpenDocument.open(self.locations, new.path)

    def changed_on_disk(self) -> bool:
        """Has the file changed since we read it? A cheap look (its size and time), for a read-only
        view that follows another member's saves."""
        known = self.loaded.fingerprint
        try:
            info = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        return known is None or (info.st_mtime_ns, info.st_size) != (known.mtime_ns, known.size)

    def try_lock(self) -> bool:
        """A document read-only because another samspil held it: take the lock if its holder has
        closed it meanwhile (never a lock still there: the user takes over a stale one by opening
        the document again, knowing who held it). True if it is ours now, reloaded as it is."""
        if self.read_only is not ReadOnly.LOCKED:
            return False
        found = lock.inspect(self.locations.lock_of(self.path))
        if found is not None:
            if found.holder is not None:
                self.holder = found.holder  # another member may have opened it meanwhile
            return False
        try:
            lock.acquire(self.locations.lock_of(self.path))
        except (lock.LockHeld, OSError):
            return False
        self._locked = True
        try:
            self.reload()
        except BaseException:
            self.close()
            raise
        self.read_only, self.holder = None, None
        return True

    def heartbeat(self) -> None:
        """Touch our lock, so other copies see we are still here (lock.ABANDONED_AFTER_SECONDS)."""
        if self._locked:
            lock.touch(self.locations.lock_of(self.path))

    def close(self) -> None:
        self.wait_for_write()
        if self._locked:
            lock.release(self.locations.lock_of(self.path))
            self._locked = False
