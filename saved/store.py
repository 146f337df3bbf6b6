"""Load, save, list and delete documents.

A file that cannot be read is never overwritten: loading gives a `Problem` that says file,
line and reason. A file from a newer samspil opens read-only. Older schema versions are
migrated in memory and written back only on the next save, after the usual .bak copy.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import operator
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ValidationError

from models.base import OLD_KIND_NAMES, SCHEMA_VERSION, new_id, now
from models.documents import DOCUMENT_KINDS, DocumentBase, Settings, document_union
from models.network import number_actors
from saved import lock, summaries
from saved.files import TEMP_SUFFIX, ChangedUnderUs, Fingerprint, atomic_write, changed_since, ensure_private_dir, read_capped, refuse_symlink, replace_checked, team_gid
from saved.lines import LineIndex, line_of
from saved.platform import is_link
from saved.locations import Locations
from saved.toml_read import MAX_KEY_DEPTH, tomllib, too_deep as _too_deep

if TYPE_CHECKING:  # imported where the adapter is made: only a document that fails needs it
    from pydantic import TypeAdapter

#: Files above this size are refused before parsing (tomllib has no limit of its own).
MAX_FILE_BYTES = 16 * 1024 * 1024

#: MIGRATIONS[n] turns a version-n document (a dict) into version n+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: lambda raw: {**raw, "kind": OLD_KIND_NAMES.get(raw["kind"], raw["kind"])},
    2: lambda raw: raw,  # 3 adds the export log (`exports`): a samspil of version 2 opens such a file read-only
    3: lambda raw: _to_version_4(raw),
}

#: Version 4 adds the tools' new fields (readings per relationship, network meetings and stable
#: numbers, freed resources and stage guards, team change logs), all with defaults. A step that
#: must fill a new field from old data goes here, one function per tool; a samspil of version 3
#: opens a version-4 file read-only.
VERSION_4_STEPS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = (number_actors,)


def _to_version_4(raw: dict[str, Any]) -> dict[str, Any]:
    for step in VERSION_4_STEPS:
        raw = step(raw)
    return raw

_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
#: tomllib's reasons, by how its English words start, as keys of the interface's catalogue
#: ([problem.toml_reason]); the words after some of them quote the file (a key, a character) and
#: are never passed on. A reason not here is said as "not valid TOML" with its line and column.
TOML_REASONS = (
    ("Cannot overwrite a value", "overwrite"),
    ("Cannot declare", "declared_twice"),
    ("Cannot redefine namespace", "declared_twice"),
    ("Cannot mutate immutable namespace", "immutable"),
    ("Duplicate inline table key", "duplicate_key"),
    ("Expected '=' after a key", "expected_equals"),
    ("Expected ']' at the end of a table", "table_end"),
    ("Expected ']]' at the end of an array", "array_table_end"),
    ("Expected \"'", "unterminated_string"),  # Expected "'" or "'''": a '...' text not closed
    ("Expected newline or end of document", "line_end"),
    ("Invalid value", "invalid_value"),
    ("Invalid statement", "invalid_statement"),
    ("Invalid initial character for a key part", "key_start"),
    ("Invalid date or datetime", "date"),
    ("Invalid hex value", "escape"),
    ("Escaped character is not a Unicode scalar value", "escape"),
    ("Unescaped '\\' in a string", "escape"),
    ("Unclosed array", "unclosed_array"),
    ("Unclosed inline table", "unclosed_table"),
    ("Unterminated string", "unterminated_string"),
    ("Found invalid character '\\n'", "unterminated_string"),  # a line break inside a '...' text
    ("Illegal character '\\n'", "unterminated_string"),  # ... or inside a "..." text
    ("Found invalid character", "bad_character"),
    ("Illegal character", "bad_character"),
)


def toml_problem(path: Path, text: str, error: ValueError) -> Problem:
    """tomllib's complaint about `text` as a problem: its line and column, its reason as a key."""
    said = str(error)
    found = _TOML_AT.search(said)
    message = said[: found.start()] if found else said
    line: int | None = None
    column = "?"
    if found and found.group(1):
        line, column = int(found.group(1)), found.group(2)
    elif found:  # "end of document": where that is
        line, column = text.count("\n") + 1, str(len(text) - text.rfind("\n"))
    reason = next((key for start, key in TOML_REASONS if message.startswith(start)), "")
    values = (("column", column),) + ((("reason", reason),) if reason else ())
    return Problem(path, f"not valid TOML: {message}", line, "toml" if reason else "toml_other", values)


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class Problem(NamedTuple):
    """One thing wrong with one file, said so a user can find it: file:line: message."""

    path: Path
    message: str  #: in English: the log's words, and the interface's where it has none for `code`
    line: int | None = None
    #: What is wrong as a key of the interface's catalogue ([problem]), with its values: key
    #: paths, numbers and the schema's own words, never document text (tui/problems.py says it).
    code: str = ""
    values: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.say(str(self.path), self.message)

    def say(self, where: str, message: str) -> str:
        return f"{where}:{self.line}: {message}" if self.line else f"{where}: {message}"


class DocumentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class DocumentTooLarge(OSError):
    """Saving would make a file larger than samspil loads; nothing was written."""


class ChangedOnDisk(Exception):
    """The file was changed by someone else since we loaded it; we did not overwrite it."""


# Compared by identity (eq=False: nothing compares two loads; one method less to compile at
# import), and with a docstring, which spares dataclass a signature of the class for one.
@dataclass(eq=False)
class Loaded:
    """A document as read from its file (or as last saved), and what the reading and saving found."""

    path: Path
    document: DocumentBase
    fingerprint: Fingerprint | None
    migrated_from: int | None = None
    newer_version: int | None = None  # set: written by a newer samspil, open read-only
    #: Set by the last save when another program wrote the file during it: its version, kept.
    conflict_copy: Path | None = None
    #: Set by the last save in a team folder when its change log could not be written (the save
    #: itself succeeded): where and why, to tell the user.
    log_problem: str | None = None
    #: What the last saves made of each list of tables (see `snapshot` and `write`).
    listed: ListCache = field(default_factory=lambda: ListCache(), repr=False, compare=False)


class ListCache:
    """A save's work on each top-level list of tables (readings, actors, ties, items, ...), kept
    for the next save: changes replace a list and never change one in place (tui/document/
    session.py; tests/test_layout.py), so a list that is the same object as at the last save has
    the same plain data and the same TOML. At the caps an autosave after one typed letter then
    dumps and writes out the letter's field, not 20000 readings (~1 s of CPU that competes with
    the keys). `plain` is only used on the thread that changes the document, `toml` only under
    the document's one write at a time."""

    def __init__(self) -> None:
        self.plain: dict[str, tuple[list[Any], list[Any], list[Any]]] = {}  # name: (the list, its items, its plain data)
        self.toml: dict[str, tuple[list[Any], str]] = {}  # name: (its plain data, its TOML)


def _parse_toml(path: Path) -> tuple[dict[str, Any], str, Fingerprint]:
    try:
        fd_info = os.stat(path, follow_symlinks=False)
        if is_link(fd_info):  # never followed (read_capped: O_NOFOLLOW); its ELOOP said "too many levels of symbolic links"
            raise DocumentError([Problem(path, "cannot be read: a symbolic link, which samspil does not follow; put the document itself here", code="link")])
        data = read_capped(path, MAX_FILE_BYTES)
    except ValueError as exc:
        raise DocumentError([Problem(path, f"too large to load: {exc}", code="too_large")]) from None
    except OSError as exc:
        raise DocumentError([Problem(path, f"cannot be read: {exc.strerror or exc}", code="unreadable", values=(("errno", str(exc.errno or "")), ("reason", str(exc.strerror or exc))))]) from None
    fingerprint = Fingerprint.of(data, fd_info)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError([Problem(path, "not valid UTF-8 text", line, "utf8")]) from None
    deep = _too_deep(text)
    if deep is not None:
        raise DocumentError([Problem(path, f"a key path {MAX_KEY_DEPTH} or more levels deep: not a samspil document", deep, "too_deep", (("depth", str(MAX_KEY_DEPTH)),))])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError([toml_problem(path, text, exc)]) from None
    except RecursionError:
        raise DocumentError([Problem(path, "not valid TOML: nested too deeply", code="toml_nested")]) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python will convert
        raise DocumentError([Problem(path, f"not valid TOML: {exc}", code="toml_number")]) from None
    return raw, text, fingerprint


#: A file with thousands of wrong values says so in a few lines, not thousands.
MAX_PROBLEMS_PER_FILE = 20


def _validation_problems(path: Path, text: str, error: ValidationError) -> list[Problem]:
    problems = []
    lines = LineIndex(text)  # one scan for all the problems, however many
    items = error.errors(include_url=False)
    if len(items) > MAX_PROBLEMS_PER_FILE:
        more = len(items) - MAX_PROBLEMS_PER_FILE + 1
        items = items[: MAX_PROBLEMS_PER_FILE - 1]
    else:
        more = 0
    for item in items:
        loc = tuple(item["loc"])
        # A discriminated union puts the kind in the location: ("case", "title") -> ("title",)
        if loc and loc[0] in DOCUMENT_KINDS:
            loc = loc[1:]
        key = ".".join(str(part) for part in loc) or "(document)"
        problems.append(Problem(path, f"{key}: {item['msg']}", lines.line_of(loc) if loc else 1, item["type"], _values(key, item)))
    if more:
        problems.append(Problem(path, f"and {more:,} more problems like these", code="more", values=(("count", str(more)),)))
    return problems


def _values(key: str, item: Any) -> tuple[tuple[str, str], ...]:
    """A pydantic error's values for the interface's words: the key path and its context (bounds,
    the choices the schema allows), never the input, which is document text."""
    context = item.get("ctx") or {}
    return (("key", key), *((name, str(value)) for name, value in context.items() if name != "error"))


def _drop_unknown_keys(raw: dict[str, Any], error: ValidationError) -> bool:
    """Remove the keys a newer version added, so its file can still be shown read-only."""
    dropped = False
    for item in error.errors(include_url=False):
        if item["type"] != "extra_forbidden":
            continue
        loc = list(item["loc"])
        if loc and loc[0] in DOCUMENT_KINDS:
            loc = loc[1:]
        target: Any = raw
        for part in loc[:-1]:
            target = target[part]
        target.pop(loc[-1], None)
        dropped = True
    return dropped


def load(path: Path, *, parsed: tuple[dict[str, Any], str, Fingerprint] | None = None) -> Loaded:
    """Read and validate one document. Raises DocumentError with every problem found.
    `parsed`: the file as already read and parsed (its TOML, text and fingerprint), not read again."""
    raw, text, fingerprint, loaded_version = read_raw(path, parsed)
    newer = loaded_version if loaded_version > SCHEMA_VERSION else None
    unknown = [key for key in raw if key not in DOCUMENT_KINDS[raw["kind"]].model_fields]
    if len(unknown) > MAX_PROBLEMS_PER_FILE and not newer:  # said without asking pydantic for each
        lines = LineIndex(text)
        shown = [Problem(path, f"{key}: Extra inputs are not permitted", lines.line_of((key,)), "extra_forbidden", (("key", key),)) for key in unknown[: MAX_PROBLEMS_PER_FILE - 1]]
        raise DocumentError([*shown, Problem(path, f"and {len(unknown) - len(shown):,} more unknown keys", code="more_unknown", values=(("count", str(len(unknown) - len(shown))),))])
    try:
        document = validate(raw)
    except ValidationError as error:
        if newer and _drop_unknown_keys(raw, error):
            try:
                document = validate(raw)
            except ValidationError as again:
                raise DocumentError(_validation_problems(path, text, again)) from None
        else:
            raise DocumentError(_validation_problems(path, text, error)) from None
    return Loaded(path, document, fingerprint, loaded_version if loaded_version < SCHEMA_VERSION else None, newer)


def validate(raw: dict[str, Any]) -> DocumentBase:
    """The document in `raw` (a current-schema dict), or pydantic's ValidationError.

    By its kind's model: the models build their validators when first used (models.base,
    `defer_build`), so a case is validated without building the boards' and sessions' models.
    A document that fails is validated again as the discriminated union of every kind: its
    errors name the kind first in each location, as they always did and as the callers read
    them (`_validation_problems`, `_drop_unknown_keys`, saved.repair)."""
    kind = raw.get("kind")
    model = DOCUMENT_KINDS.get(kind) if isinstance(kind, str) else None
    if model is not None:
        try:
            return model.model_validate(raw)
        except ValidationError:
            pass
    return _document_adapter().validate_python(raw)


_adapter: list[TypeAdapter[DocumentBase]] = []


def _document_adapter() -> TypeAdapter[DocumentBase]:
    """The discriminated union of every kind, built the first time a document fails."""
    if not _adapter:
        from pydantic import TypeAdapter

        _adapter.append(TypeAdapter(document_union()))
    return _adapter[0]


def read_raw(path: Path, parsed: tuple[dict[str, Any], str, Fingerprint] | None = None) -> tuple[dict[str, Any], str, Fingerprint, int]:
    """The file as a dict migrated to the current schema (not validated), its text, its
    fingerprint and the schema version it was written with. DocumentError if it is not TOML
    or names no kind and version. `parsed`: see `load` (the dict is migrated in place)."""
    raw, text, fingerprint = parsed or _parse_toml(path)
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DocumentError([Problem(path, "schema_version is missing or not a positive whole number", line_of(text, ("schema_version",)) or 1, "schema_version")])
    kind = raw.get("kind")
    if not isinstance(kind, str) or (kind not in DOCUMENT_KINDS and not (version == 1 and kind in OLD_KIND_NAMES)):  # a list or table is unhashable
        raise DocumentError([Problem(path, f"kind must be one of {', '.join(DOCUMENT_KINDS)}", line_of(text, ("kind",)) or 1, "kind", (("kinds", ", ".join(DOCUMENT_KINDS)),))])
    loaded_version = version
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema_version"] = version
    return raw, text, fingerprint, loaded_version


def dumps(document: DocumentBase | Settings) -> bytes:
    return _toml(document.model_dump(mode="python", exclude_none=True))


class _Pieces(io.BytesIO):
    """tomli_w.dump's file: calls `pace` every `PACE_EVERY` pieces (a line or so each), where
    the thread that writes may give way to another."""

    def __init__(self, pace: Callable[[], None]) -> None:
        super().__init__()
        self.pace, self.count = pace, 0

    def write(self, part: Any, /) -> int:
        self.count += 1
        if self.count % PACE_EVERY == 0:
            self.pace()
        return super().write(part)


#: Pieces of TOML between calls of a write's `pace` (~0.2 ms of CPU at the caps).
PACE_EVERY = 64


#: What tomli_w leaves raw in a string (it escapes only ASCII controls) and a terminal acts on or
#: reorders: C1 controls, bidi marks, embeddings, overrides and isolates, line and paragraph
#: separators. `cat`, `less -R` or `grep` of a document (a colleague's, in a team folder) showed
#: them as what they do; escaped, they are text. tomli_w writes basic strings only (no multi-line,
#: no literal ones), where `\uXXXX` reads back as the very character: the document is the same.
_RAW_IN_TOML = re.compile("[\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def toml_text(data: dict[str, Any]) -> str:
    """`tomli_w.dumps` of `data`, with the characters of `_RAW_IN_TOML` escaped: every TOML samspil writes."""
    return _dumps(data, None)


def _dumps(data: dict[str, Any], pace: Callable[[], None] | None) -> str:
    """`tomli_w.dumps` (with `pace`, called between its pieces), `_RAW_IN_TOML` escaped."""
    import tomli_w

    if pace is None:
        text = tomli_w.dumps(data)
    else:
        pieces = _Pieces(pace)
        tomli_w.dump(data, pieces)
        text = pieces.getvalue().decode("utf-8")
    return _RAW_IN_TOML.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _toml(data: dict[str, Any], cache: ListCache | None = None, pace: Callable[[], None] | None = None) -> bytes:
    # `kind` and `schema_version` first, so a reader sees at once what the file is.
    head = {"kind": data["kind"], "schema_version": data["schema_version"]}
    if cache is None:
        return toml_text({**head, **data}).encode("utf-8")
    # Each list of tables on its own, from the last save's text when its data is the same
    # object. tomli_w writes a list of short tables inline (`name = [...]`), which must stand
    # before the first `[table]`; a `[[name]]` section is whole wherever it stands after that.
    lists = {name: value for name, value in data.items() if _is_table_list(value)}
    for name in set(cache.toml) - set(lists):
        del cache.toml[name]
    for name, value in lists.items():
        known = cache.toml.get(name)
        if known is None or known[0] is not value:
            cache.toml[name] = (value, _dumps({name: value}, pace))
    inline = [cache.toml[name][1] for name in lists if not cache.toml[name][1].startswith("[")]
    sections = [cache.toml[name][1] for name in lists if cache.toml[name][1].startswith("[")]
    rest = {name: value for name, value in data.items() if name not in lists and name not in head}
    plain = {name: value for name, value in rest.items() if not isinstance(value, dict)}
    tables = {name: value for name, value in rest.items() if isinstance(value, dict)}
    parts = [toml_text({**head, **plain}), *inline, toml_text(tables) if tables else "", *sections]
    return "\n".join(part.rstrip("\n") + "\n" for part in parts if part).encode("utf-8")


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def save(locations: Locations, loaded: Loaded) -> Fingerprint:
    """Write the document atomically, keeping the previous version as a .bak.

    Refuses (ChangedOnDisk) if the file changed since it was loaded, and refuses a newer
    version's file outright: we would drop what we do not understand.
    """
    return write(locations, loaded, snapshot(loaded))


def snapshot(loaded: Loaded, *, reuse_lists: bool = False) -> dict[str, Any]:
    """The first half of a save, on the thread that changes the document: its state now, as
    plain data that later changes do not touch, against ~0.8 s for the TOML text and the write,
    which `write` may do on another thread. With `reuse_lists` (the app's document session, which
    only ever replaces lists and the models in them), a list that is the one the last save dumped
    is taken from that save (`ListCache`), and a list of models that is not is dumped by `write`
    (`_Later`): ~0.1 s at the caps that a key typed meanwhile waited for on the UI thread."""
    if loaded.newer_version is not None:
        raise PermissionError("written by a newer version of samspil; opened read-only")
    document = loaded.document
    document.changed = now()
    cache = loaded.listed.plain
    fields = document.__dict__
    known: dict[str, Any] = {name: cache[name][2] for name, value in fields.items() if reuse_lists and name in cache and _same_list(value, *cache[name][:2])}
    if reuse_lists:
        known |= {name: _Later(value) for name, value in fields.items() if name not in known and _models(value)}
    fresh = document.model_dump(mode="python", exclude_none=True, exclude=set(known))
    for name, value in fresh.items():
        if isinstance(value, list) and value and isinstance(fields.get(name), list):
            cache[name] = (fields[name], list(fields[name]), value)
    return {name: known[name] if name in known else fresh[name] for name in fields if name in known or name in fresh}


def _models(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, BaseModel) for item in value)


class _Later:
    """A list of models in a snapshot, dumped by `write`: the list and its models are never
    changed in place (the session replaces them), so dumping them later gives what dumping them
    now would (item by item: the same as the document's dump, tests/test_store_background.py)."""

    def __init__(self, value: list[Any]) -> None:
        self.value, self.items = value, list(value)

    def dumped(self, pace: Callable[[], None] | None) -> list[Any]:
        plain = []
        for start in range(0, len(self.items), PACE_ITEMS):
            plain += [item.model_dump(mode="python", exclude_none=True) for item in self.items[start : start + PACE_ITEMS]]
            if pace is not None:
                pace()
        return plain


#: Models dumped between calls of a write's `pace` (~0.1 ms of CPU).
PACE_ITEMS = 32


def _dump_later(loaded: Loaded, snapshot: dict[str, Any], pace: Callable[[], None] | None) -> dict[str, Any]:
    """The snapshot with its `_Later` lists dumped, kept in the list cache for the next save (the
    next snapshot waits for this write: `OpenDocument.begin_save`)."""
    if not any(isinstance(value, _Later) for value in snapshot.values()):
        return snapshot
    done = dict(snapshot)
    for name, value in snapshot.items():
        if isinstance(value, _Later):
            done[name] = value.dumped(pace)
            loaded.listed.plain[name] = (value.value, value.items, done[name])
    return done


def _same_list(value: object, cached: list[Any], items: list[Any]) -> bool:
    """Whether `value` is the cached list holding the same items (a list changed in place, which
    the session never does, is dumped again rather than saved stale)."""
    return value is cached and len(cached) == len(items) and all(map(operator.is_, cached, items))


def write(locations: Locations, loaded: Loaded, snapshot: dict[str, Any], pace: Callable[[], None] | None = None) -> Fingerprint:
    """The second half: the snapshot as TOML, written as `save` says. Of `loaded` it reads the
    path and fingerprint and sets fingerprint, conflict copy and migration mark, never the
    document: safe on another thread while one write per document runs at a time. `pace` is
    called often while the TOML is made (a background save gives way to keys there)."""
    path = loaded.path
    snapshot = _dump_later(loaded, snapshot, pace)
    data = _toml(snapshot, loaded.listed, pace)
    previous = _unchanged_on_disk(path, loaded.fingerprint)
    loaded.conflict_copy = None
    if len(data) > MAX_FILE_BYTES:
        raise DocumentTooLarge(errno.EFBIG, f"the document would be larger than {MAX_FILE_BYTES // 2**20} MiB; remove something from it", str(path))
    try:
        if previous is None or loaded.fingerprint is None:  # a new document
            atomic_write(path, data)
        else:
            atomic_write(locations.backup_of(path), previous)
            conflict = locations.conflict_of(path, datetime.now())
            try:
                if replace_checked(path, data, loaded.fingerprint.sha256, conflict):
                    loaded.conflict_copy = conflict
            except ChangedUnderUs:
                raise ChangedOnDisk(str(path)) from None
    except OSError:
        # Renamed into place but the directory's sync failed: the file is ours, so the next save
        # must not take it for another program's (the error is still reported).
        with contextlib.suppress(OSError):
            written = Fingerprint.of(data, os.stat(path, follow_symlinks=False))
            if not changed_since(path, written):
                loaded.fingerprint = written
        raise
    # The fingerprint of what we wrote, from the bytes we hold: the file is not read back.
    info = os.stat(path, follow_symlinks=False)
    loaded.fingerprint = Fingerprint.of(data, info)
    loaded.migrated_from = None
    loaded.log_problem = None
    if team_gid(path) is not None:  # in a team folder: who changed what (saved/changelog.py)
        from saved import changelog  # here: only a team's saves and deletes log (~0.8 ms)

        try:
            changelog.log_save(path, previous, snapshot)
        except OSError as error:  # a link or a FIFO planted there: the save stands, the user is told
            loaded.log_problem = f"{changelog.log_path(path)}: {error.strerror or error}"
    return loaded.fingerprint


def _unchanged_on_disk(path: Path, known: Fingerprint | None) -> bytes | None:
    """The file as it is now, read once both to see that nobody changed it since `known` was taken
    (by its hash, as `changed_since`: an edit within one mtime tick keeps mtime and size) and to
    keep as the .bak. None when there is no file and none was expected; else ChangedOnDisk."""
    try:
        data = read_capped(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        if known is None:
            return None
        raise ChangedOnDisk(str(path)) from None
    except ValueError:  # grown past the cap: not what we wrote
        raise ChangedOnDisk(str(path)) from None
    if known is None or hashlib.sha256(data).hexdigest() != known.sha256:
        raise ChangedOnDisk(str(path))
    return data


def create(locations: Locations, document: DocumentBase) -> Loaded:
    """Save a new document under a fresh file name."""
    locations.ensure()
    path = locations.document(document.kind, document.id)
    refuse_symlink(path)
    if path.exists():
        raise FileExistsError(str(path))
    loaded = Loaded(path, document, None)
    save(locations, loaded)
    return loaded


def save_as_new(locations: Locations, loaded: Loaded) -> Loaded:
    """Keep the user's version as a new document when the original changed on disk."""
    copy = loaded.document.model_copy(update={"id": new_id()})
    return create(locations, copy)


#: The reports saved from the app: exports/<kind>-<id>-<date>-<time>.<ext> (tui/document/export_dialog.py).
EXPORT_SUFFIXES = (".md", ".html", ".svg")  # .svg: the printable ecomap of a case


def exports_of(locations: Locations, path: Path) -> list[Path]:
    """The reports of the document at `path` in exports/ (found by its id, whatever its kind was called)."""
    import glob  # here: what only deleting needs stays off the way to an open document

    if not locations.exports.is_dir():
        return []
    doc_id = path.stem.split("-", 1)[-1]
    return sorted(p for p in locations.exports.glob(f"*-{glob.escape(doc_id)}-*") if p.suffix in EXPORT_SUFFIXES and p.is_file())


def delete(locations: Locations, path: Path) -> None:
    """Remove the document, its backup, its lock, its reports in exports/, a recovery copy and typed
    text kept for it (saved/recovery.py), any temp
    copy an interrupted save left, a board's inbox and its entry in the home list's index
    (saved/summaries.py). A team document's change log stays: it holds no text, and says who
    deleted it.
    Really removed: no soft delete, no copy left behind.

    The document's lock is taken first, so a document another samspil has open is never removed
    under it (LockHeld); a stale lock is reported the same way, to be taken over when opened."""
    try:
        lock.acquire(locations.lock_of(path))
    except lock.LockHeld as held:
        if held.holder is None or not held.holder.is_mine():
            raise
    import glob

    backup = locations.backup_of(path)
    recovery_copies = (locations.recovery / path.name, locations.spare_recovery / path.name)
    temps = [temp for file in (path, backup, *recovery_copies) for temp in file.parent.glob(f".{glob.escape(file.name)}.*{TEMP_SUFFIX}")]
    from saved.recovery import typed_of

    for target in (path, backup, locations.lock_of(path), *recovery_copies, *typed_of(locations, path), *exports_of(locations, path), *temps):
        refuse_symlink(target)
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
    # A team board's inbox (saved/inbox.py): nominations not merged yet hold text too. unlink
    # removes a link there, never what it points to.
    inbox = path.with_name(path.name + ".inbox")
    if inbox.is_dir() and not inbox.is_symlink():
        for entry in inbox.iterdir():
            with contextlib.suppress(OSError):
                os.unlink(entry)
        with contextlib.suppress(OSError):
            inbox.rmdir()
    summaries.forget(locations, path)
    from saved import changelog

    with contextlib.suppress(OSError):  # deleted all the same; a log planted over is not followed
        changelog.append(path, "deleted")


class Entry(NamedTuple):  # not a dataclass: see Problem
    """One document that loaded, or one that did not (`list_entries`)."""

    path: Path
    changed: datetime | None
    loaded: Loaded | None = None
    problems: Sequence[Problem] = ()

    @property
    def document(self) -> DocumentBase | None:
        return self.loaded.document if self.loaded else None


def list_entries(locations: Locations) -> list[Entry]:
    """Every document file, newest first; damaged files are listed with their problems."""
    entries = []
    for path in locations.document_files():
        try:
            loaded = load(path)
        except DocumentError as error:
            try:
                mtime = datetime.fromtimestamp(os.stat(path, follow_symlinks=False).st_mtime).astimezone()
            except OSError:
                mtime = None
            entries.append(Entry(path, mtime, problems=error.problems))
            continue
        entries.append(Entry(path, loaded.document.changed, loaded))
    entries.sort(key=lambda e: e.changed.timestamp() if e.changed else 0.0, reverse=True)
    return entries


def load_settings(locations: Locations) -> tuple[Settings, list[Problem]]:
    """The settings and the problems in them (file:line). A key that is unknown or invalid is
    reported and left out, the rest are used; a file that cannot be read gives the defaults."""
    path = locations.settings
    if not path.exists():
        return Settings(), []
    try:
        raw, text, _ = _parse_toml(path)
    except DocumentError as error:
        return Settings(), error.problems
    problems: list[Problem] = []
    for _ in range(3):  # dropping what was reported leaves valid settings; the loop is a backstop
        try:
            return Settings.model_validate(raw), problems
        except ValidationError as error:
            problems += _validation_problems(path, text, error)
            for item in error.errors(include_url=False):
                _drop_setting(raw, tuple(item["loc"]))
    return Settings(), problems


def _drop_setting(raw: dict[str, Any], loc: tuple[Any, ...]) -> None:
    """Leave out the value at `loc`: one entry of a table (a key binding), else the whole key."""
    table = raw.get(loc[0]) if loc else None
    if len(loc) > 1 and isinstance(table, dict):
        table.pop(loc[1], None)
    elif loc:
        raw.pop(loc[0], None)


def save_settings(locations: Locations, settings: Settings) -> None:
    ensure_private_dir(locations.settings.parent)
    atomic_write(locations.settings, dumps(settings))
