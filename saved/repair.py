"""Repair instead of "delete": a document that fails only because of some items in its lists
(one reading with intensity 11, a tie to a missing actor) can be opened without them, or the
backup can be put back. Nothing is written until the user saves or chooses the backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from models.base import SCHEMA_VERSION
from saved import summaries
from saved.locations import Locations
from saved.store import DocumentError, Loaded, load, read_raw, validate

#: The lists whose items can be left out one by one.
LISTS = ("actors", "ties", "readings", "items", "actions")
#: Leaving out an actor can leave its ties pointing nowhere: a few rounds settle that.
ROUNDS = 5


@dataclass
class Repair:
    loaded: Loaded  # the document without the items below; `path` and fingerprint are the file's
    dropped: list[tuple[str, int]]  # (list, index in the file) of each item left out


def without_bad_items(path: Path) -> Repair | None:
    """The document with the items that fail validation left out, or None when that does not
    make it valid (a problem outside the lists, or the file is not TOML at all)."""
    try:
        raw, _text, fingerprint, version = read_raw(path)
    except DocumentError:
        return None
    if version > SCHEMA_VERSION:  # a newer samspil's file: not ours to mend
        return None
    original: dict[str, list[Any]] = {name: list(raw[name]) for name in LISTS if isinstance(raw.get(name), list)}
    kept: dict[str, list[int]] = {name: list(range(len(items))) for name, items in original.items()}
    for _ in range(ROUNDS):
        candidate = {**raw, **{name: [original[name][i] for i in kept[name]] for name in kept}}
        try:
            document = validate(candidate)
        except ValidationError as error:
            bad = _bad_items(error, kept)
            if not bad:
                return None
            for name, position in sorted(bad, reverse=True):
                del kept[name][position]
            continue
        dropped = [(name, index) for name, items in original.items() for index in range(len(items)) if index not in kept[name]]
        return Repair(Loaded(path, document, fingerprint, version if version < document.schema_version else None), dropped)
    return None


def _bad_items(error: ValidationError, kept: dict[str, list[int]]) -> set[tuple[str, int]]:
    """(list, position among the kept) of each item an error points into; empty if any error is
    outside the lists, since leaving items out cannot mend that."""
    bad: set[tuple[str, int]] = set()
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        if loc and isinstance(loc[0], str) and loc[0] not in LISTS:
            loc = loc[1:]  # the kind, from the discriminated union
        if len(loc) < 2 or loc[0] not in kept or not isinstance(loc[1], int):
            return set()
        bad.add((str(loc[0]), loc[1]))
    return bad


#: Problems of a file samspil did not read (saved.summaries.NOT_READ): putting the backup in its
#: place would make it the .bak, which the next save replaces, so a version nobody here has seen
#: would be gone after two saves.
NOT_READ = summaries.NOT_READ


def usable_backup(locations: Locations, path: Path) -> Loaded | None:
    """The backup of the document, loaded, when it is whole and valid."""
    backup = locations.backup_of(path)
    if not backup.is_file():
        return None
    try:
        return load(backup)
    except (DocumentError, OSError):
        return None
