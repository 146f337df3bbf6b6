"""One translation function for every visible string: Danish first, English too.

Each language is a directory of TOML files beside this module (core.toml, plus one file per
tool), merged into one catalog; both languages have the same keys (a test checks), and a key
defined in two files is an error. The language comes from --lang, then settings, then LC_ALL,
LC_MESSAGES or LANG (the first one set) when it names Danish or English; otherwise Danish, as the
users are Danish and most servers and Windows PCs set no language or C.UTF-8.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path

from saved.amounts import plural

LANGUAGES = ("da", "en")
_HERE = Path(__file__).parent
_catalogs: dict[str, dict[str, str]] = {}
_current = "da"


def catalog(lang: str) -> dict[str, str]:
    if lang not in _catalogs:
        _catalogs[lang] = _cached(lang) or _parse(lang)
    return _catalogs[lang]


def _parse(lang: str) -> dict[str, str]:
    from saved.toml_read import tomllib  # ~20 ms to import: only when the cache is not usable

    merged: dict[str, str] = {}
    stamp = _stamp(lang)
    for name, _, _ in stamp:
        path = _HERE / lang / name
        with open(path, "rb") as handle:
            part = _flatten(tomllib.load(handle))
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"{path}: keys already defined in another file: {sorted(twice)}")
        merged.update(part)
    _write_cache(lang, stamp, merged)
    return merged


# The merged catalog is kept beside Python's own bytecode cache, as marshal data, with the name,
# size and mtime of every TOML file it came from: a start then reads one small file instead of
# importing tomllib and parsing ~60 KB of TOML (~40 ms before the first frame). Any change to the
# files, a damaged or foreign cache, or a folder we cannot write falls back to parsing the TOML.


def _stamp(lang: str) -> list[tuple[str, int, int]]:
    with os.scandir(_HERE / lang) as entries:
        files = [(entry.name, entry.stat()) for entry in entries if entry.name.endswith(".toml") and entry.is_file()]
    return sorted((name, info.st_size, info.st_mtime_ns) for name, info in files)


def _cache_path(lang: str) -> Path:
    return _HERE / "__pycache__" / f"catalog-{lang}.{sys.implementation.cache_tag}.marshal"


def _cached(lang: str) -> dict[str, str] | None:
    try:
        with open(_cache_path(lang), "rb") as handle:
            stamp, merged = marshal.loads(handle.read())
        if stamp != [list(entry) for entry in _stamp(lang)] or not isinstance(merged, dict):
            return None
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return merged


def _write_cache(lang: str, stamp: list[tuple[str, int, int]], merged: dict[str, str]) -> None:
    path = _cache_path(lang)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temp.write_bytes(marshal.dumps(([list(entry) for entry in stamp], merged)))
        os.replace(temp, path)
    except OSError:  # a read-only install: parse each time, as Python does without its .pyc
        with contextlib.suppress(OSError):
            temp.unlink()


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def language_from_environment() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:  # the first one set decides, as it does for the C library
            return "en" if value.lower().startswith("en") else "da"
    return "da"


_current = language_from_environment()


def choose_language(cli: str | None, settings: str | None) -> str:
    return cli or settings or language_from_environment()


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "da"


def current_language() -> str:
    return _current


def raw(key: str, /, **values: object) -> str | None:
    """The catalog text for `key` in the current language (else English), placeholders not
    filled in; None when neither has it. A counted text (`count=` given) is a pair of keys,
    `key.one` and `key.other`, and the form for the count is chosen here (saved.amounts.plural)."""
    for lang in (_current, "en"):
        words = catalog(lang)
        text = words.get(key)
        if text is None and "count" in values:
            text = words.get(plural(key, values["count"]))
        if text is not None:
            return text
    return None


def t(key: str, **values: object) -> str:
    """The text for `key` in the current language, with {placeholders} filled in."""
    text = catalog(_current).get(key)  # most keys: one look-up, as before counted texts
    if text is None:
        text = raw(key, **values)
        if text is None:
            return key
    return text.format(**values) if values else text
