"""Recovery copies: the unsaved changes of a document when samspil had to stop.

A copy is written to <data>/recovery/<document file name> (0600) only when the app must exit
with changes it could not save. The next start offers to restore or discard each copy, and
`samspil check` lists them. Restoring writes the copy over the document through the normal save,
so the version it replaces becomes the .bak: nothing is lost either way.

Text a field showed but did not take (too long, not a date, out of range: the field said why, and
the document kept its value) is in no document, so no copy can hold it. It is kept beside the
copies in <document file stem>.typed.txt (then .typed-2.txt, ...; 0600, TOML: the field's label, why it was refused, the
text as typed), as an editor keeps a swap file: the next start names the field and the file.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from collections.abc import Callable

from saved import lock
from saved.files import TEMP_SUFFIX, atomic_write, current_fingerprint, ensure_private_dir, refuse_symlink
from saved.locations import Locations

if TYPE_CHECKING:
    from saved.store import Loaded

# saved.store (pydantic and every model, ~0.2 s) is imported only where a copy is written, read or
# restored: listing the copies at every start, when there are none, must not pay for it.


def write(locations: Locations, loaded: Loaded) -> Path:
    """Keep the document as it is in memory; returns the copy's path. Raises OSError when neither
    the recovery folder nor the spare one could take it."""
    from saved.store import dumps

    path = _kept(locations, lambda folder: folder / loaded.path.name, dumps(loaded.document))
    for older in (folder / path.name for folder in _folders(locations) if folder != path.parent):
        with contextlib.suppress(OSError):  # an earlier stop's copy in the other folder: one copy a document, the newest
            discard(older)
    return path


def _folders(locations: Locations) -> tuple[Path, ...]:
    return (locations.recovery, locations.spare_recovery)


def _kept(locations: Locations, name: Callable[[Path], Path], data: bytes) -> Path:
    """Write `data` to `name(folder)` in the recovery folder, else (a full disk, a read-only
    mount: the copy is the only place the work is left) in the spare one; the first error is
    raised when neither takes it."""
    first: OSError | None = None
    for folder in _folders(locations):
        try:
            if folder == locations.spare_recovery:  # its parent too: in the shared temp folder, another user may have made it
                ensure_private_dir(folder.parent)
            ensure_private_dir(folder)
            atomic_write(path := name(folder), data)
        except OSError as error:
            first = first or error
            continue
        return path
    assert first is not None
    raise first


class Typed(NamedTuple):
    """Text a field showed and no document holds: the field's label, why it was refused (None:
    a dialog's field, lost with a dialog that could not be saved), the text as typed."""

    label: str
    problem: str | None
    text: str


TYPED_SUFFIX = ".txt"
#: Read back at the next start to name the fields: a file larger than this is not ours.
TYPED_CAP = 4 * 1024 * 1024


def write_typed(locations: Locations, document: Path, kind: str, title: str, fields: list[Typed]) -> Path:
    """Keep `fields` of `document` in a new file in the recovery folder (a file kept at an earlier
    stop is not overwritten: nobody may have read it yet); returns its path."""
    from saved.store import toml_text

    def name(folder: Path) -> Path:
        number = 1
        while os.path.lexists(path := folder / f"{document.stem}.typed{'' if number == 1 else f'-{number}'}{TYPED_SUFFIX}"):
            number += 1
        return path

    head = "# samspil kept this text when it had to stop: the fields below showed it, but had not taken it\n# (each says why). Copy what you need into the document, then remove this file.\n"
    data = {
        "document": str(document),
        "kind": kind,
        "title": title,
        "kept": datetime.now().replace(microsecond=0),
        "field": [{k: v for k, v in field._asdict().items() if v is not None} for field in fields],
    }
    return _kept(locations, name, (head + toml_text(data)).encode("utf-8"))


def typed_copies(locations: Locations) -> list[Path]:
    return [p for folder in _folders(locations) if folder.is_dir() for p in sorted(folder.glob(f"*.typed*{TYPED_SUFFIX}")) if not p.name.startswith(".")]


def typed_of(locations: Locations, document: Path) -> list[Path]:
    """The files of typed text kept for `document` (deleting it deletes them too)."""
    import glob

    stem = glob.escape(document.stem)
    return sorted({p for folder in _folders(locations) for pattern in (f"{stem}.typed{TYPED_SUFFIX}", f"{stem}.typed-*{TYPED_SUFFIX}") for p in folder.glob(pattern)})


def read_typed(path: Path) -> tuple[str, str, list[Typed]]:
    """The kind, title and fields of a file `write_typed` wrote. Raises OSError (unreadable, too
    large, not a file) or ValueError (not such a file)."""
    from saved.files import read_capped
    from saved.toml_read import tomllib

    data = tomllib.loads(read_capped(path, TYPED_CAP).decode("utf-8"))
    try:
        fields = [Typed(str(f["label"]), f.get("problem"), str(f["text"])) for f in data["field"]]
        return str(data["kind"]), str(data["title"]), fields
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a file of typed text: {error!r}") from error


def copies(locations: Locations) -> list[Path]:
    """The recovery copies, in the recovery folder and then in the spare one (a full disk's)."""
    return [p for folder in _folders(locations) if folder.is_dir() for p in sorted(folder.glob("*.toml")) if not p.name.startswith(".")]


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
    folders = (locations.root, locations.documents, locations.backups, *_folders(locations), locations.exports)
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
