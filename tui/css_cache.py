"""Textual's parsed CSS, kept between starts beside Python's own bytecode cache.

Textual parses every CSS source on each start (its widgets' DEFAULT_CSS, app.tcss, home.tcss,
document.tcss): ~25 ms of CPU before home's first frame, three times what a bare Textual app
parses. Reading the parsed rules back costs a third of that. They are kept as Textual's own
in-process cache keys them (`Stylesheet._parse_rules`: the CSS text itself, where it was read
from, its scope), so an edited file or a new widget simply misses and is parsed; a cache made
with other CSS variables (another theme), another Textual or another Python is not used. A damaged
cache, or a folder we cannot write, falls back to parsing, as Python does without its .pyc.

Two files: the rules of the first frame (read on every start), and the rules parsed later in a
session (a document's screen, its tools, dialogs), read when the first document is opened:
opening the demo case and its network tab parsed ~30 ms of widgets' CSS (DataTable's is long).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet


def cache_path() -> Path:
    return Path(__file__).parent / "__pycache__" / f"css.{sys.implementation.cache_tag}.pickle"


def later_path() -> Path:
    """The rules parsed after the first frame, beside the first frame's."""
    path = cache_path()
    return path.with_name(f"later-{path.name}")


def _stamp(stylesheet: Stylesheet) -> tuple:
    """What the parsed rules depend on besides their CSS text: the CSS variables, and Textual's
    CSS model as installed (its files' size and mtime: `textual.__version__` would import
    importlib.metadata, ~20 ms)."""
    from textual.css import model, styles

    files = tuple((path, info.st_size, info.st_mtime_ns) for path in (model.__file__, styles.__file__) for info in [os.stat(path)])
    return (files, sorted(stylesheet._variables.items()))


def prefill(stylesheet: Stylesheet, path: Path | None = None) -> set[tuple]:
    """Put the kept rules (of `path`, the first frame's by default) into the stylesheet's parse
    cache, before they are parsed. Returns the keys put in. Textual empties that cache whenever
    the variables change (a theme), so rules parsed with other variables are never used."""
    try:
        with open(path or cache_path(), "rb") as handle:
            # The stamp first, alone: rules made for other variables are not even read.
            if pickle.load(handle) != _stamp(stylesheet):  # noqa: S301 - our own file, as trusted as the .pyc beside it
                return set()
            entries = pickle.load(handle)  # noqa: S301
        cache = stylesheet._parse_cache
        for key, rules in entries:
            cache[key] = rules
        return {key for key, _rules in entries}
    except Exception:  # noqa: BLE001 - missing, damaged, or from classes that changed: parse as usual
        return set()


#: Textual's parse cache holds 64 sources (least recently used go first), the first frame's ~20.
LATER_MOST = 40


def later_keys(stylesheet: Stylesheet, at_start: list[tuple]) -> list[tuple]:
    """The parse cache's keys not of the first frame, at most `LATER_MOST`: first those of the
    sources read this session, then those kept from earlier ones (a board's, a dialog's) while
    there is room; never one whose source is now read with other CSS (a widget whose DEFAULT_CSS
    changed: its old rules would never be used again). (A widget subclass parses its bases'
    DEFAULT_CSS again in its own scope: these are not the first frame's keys even where the text
    is the same.)"""
    start, sources = set(at_start), stylesheet.source
    read, kept = [], []
    for key in list(stylesheet._parse_cache.keys()):
        if key in start:
            continue
        source = sources.get(key[1])
        if source is None:
            kept.append(key)
        elif source.content == key[0]:  # the same source, other scopes too
            read.append(key)
    return (read + kept)[:LATER_MOST]


def keep(stylesheet: Stylesheet, keys: list[tuple], kept: set[tuple], path: Path | None = None) -> None:
    """Write the parsed rules of these keys of the stylesheet's parse cache to `path` (the first
    frame's by default), unless the file holds them all already (`kept`, which then becomes them)."""
    cache = stylesheet._parse_cache
    keys = [key for key in keys if key in cache]
    if not keys or set(keys) <= kept:
        return
    path = path or cache_path()
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        protocol = pickle.HIGHEST_PROTOCOL
        data = pickle.dumps(_stamp(stylesheet), protocol) + pickle.dumps([(key, cache[key]) for key in keys], protocol)
        path.parent.mkdir(exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, path)
        kept.clear()
        kept.update(keys)
    except Exception:  # noqa: BLE001 - a read-only install, or rules that cannot be pickled: parse each time
        with contextlib.suppress(OSError):
            temp.unlink()
