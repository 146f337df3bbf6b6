"""One translation function for every visible string: Danish first, English too.

Each language is a directory of TOML files beside this module (core.toml, plus one file per
tool), merged into one catalog; both languages have the same keys (a test checks), and a key
defined in two files is an error. The language comes from --lang, then settings, then LC_ALL,
LC_MESSAGES or LANG (the first one set) when it names Danish or English; otherwise Danish, as the
users are Danish and most servers and Windows PCs set no language or C.UTF-8.
"""

from __future__ import annotations

import os
from pathlib import Path

from saved.toml_read import tomllib

LANGUAGES = ("da", "en")
_HERE = Path(__file__).parent
_catalogs: dict[str, dict[str, str]] = {}
_current = "da"


def catalog(lang: str) -> dict[str, str]:
    if lang not in _catalogs:
        merged: dict[str, str] = {}
        for path in sorted((_HERE / lang).glob("*.toml")):
            with open(path, "rb") as handle:
                part = _flatten(tomllib.load(handle))
            twice = merged.keys() & part.keys()
            if twice:
                raise ValueError(f"{path}: keys already defined in another file: {sorted(twice)}")
            merged.update(part)
        _catalogs[lang] = merged
    return _catalogs[lang]


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


def t(key: str, **values: object) -> str:
    """The text for `key` in the current language, with {placeholders} filled in."""
    text = catalog(_current).get(key)
    if text is None:
        text = catalog("en").get(key, key)
    return text.format(**values) if values else text
