"""TOML reading on every supported Python: tomllib from 3.11, else tomli (the same code, as a package);
and the guard against keys nested so deep that parsing them would take minutes."""

import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

__all__ = ["MAX_KEY_DEPTH", "tomllib", "too_deep"]

#: Documents nest a few levels; Python's TOML parser takes time that grows with the square of a
#: dotted key's depth (16,000 levels: 20 s), so deeper keys are refused before parsing.
MAX_KEY_DEPTH = 64
_DOTTED = re.compile(r"[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)+")


def too_deep(text: str) -> int | None:
    """The first line with a dotted key (a.b.c...) MAX_KEY_DEPTH or more levels deep, or None.

    Only where a key can stand: before a line's first `=`, inside a [table] header, and after the
    `{` or `,` of an inline table; so a note full of dots is no key. Linear in the text."""
    if text.count(".") < MAX_KEY_DEPTH:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.count(".") < MAX_KEY_DEPTH:
            continue
        parts = line.split("=")
        # After the first `=`, a key can only follow an inline table's `{` or `,`.
        keys = [parts[0]] + [part[max(part.rfind("{"), part.rfind(",")) + 1 :] for part in parts[1:-1] if "{" in part or "," in part]
        if any(match.group().count(".") >= MAX_KEY_DEPTH for key in keys for match in _DOTTED.finditer(key)):
            return number
    return None
