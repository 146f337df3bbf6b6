"""Find the line of a key path in TOML text, so a validation error can say file:line.

Good enough for files samspil wrote and for hand edits of them: it follows [table] and
[[array]] headers and `key =` lines. Where the path cannot be followed to the end, it
returns the line of the deepest part it found.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


def _key_parts(raw: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in raw.split("."))


def line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The 1-based line where `loc` (a pydantic error location) is set, or the nearest we know."""
    best: int | None = None
    table: tuple[str, ...] = ()
    array_counts: dict[tuple[str, ...], int] = {}
    # The path of the current table with array indexes filled in, e.g. ("network","actors",2).
    current: tuple[str | int, ...] = ()
    best_depth = -1
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _key_parts(header.group(2))
            if header.group(1) == "[[":
                index = array_counts.get(table, -1) + 1
                array_counts[table] = index
                current = (*_with_indexes(table, array_counts)[:-1], table[-1], index)
            else:
                current = _with_indexes(table, array_counts)
            depth = _common_prefix(current, loc)
            if depth == len(current) and depth > best_depth:
                best, best_depth = number, depth
            continue
        assign = _ASSIGN.match(line)
        if assign:
            path = (*current, *_key_parts(assign.group(1)))
            depth = _common_prefix(path, loc)
            if depth == len(path) and depth > best_depth:
                best, best_depth = number, depth
    return best


def _with_indexes(table: tuple[str, ...], counts: dict[tuple[str, ...], int]) -> tuple[str | int, ...]:
    """("a","b") -> ("a", 3, "b") when [[a]] has been seen 4 times: a sub-table of the last element."""
    out: list[str | int] = []
    for i, part in enumerate(table):
        out.append(part)
        prefix = table[: i + 1]
        if prefix in counts and i < len(table) - 1:
            out.append(counts[prefix])
    return tuple(out)


def _common_prefix(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
