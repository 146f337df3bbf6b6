"""Find the line of a key path in TOML text, so a validation error can say file:line.

Good enough for files samspil wrote and for hand edits of them: it follows [table] and
[[array]] headers and `key =` lines, their keys read as TOML reads them (bare, "quoted" with
escapes, or 'literal', dotted). Where the path cannot be followed to the end, it
returns the line of the deepest part it found.

One pass over the text builds an index, so a file with thousands of problems costs one scan,
not one scan per problem; no part of a pattern can match what the part before it matched, so
a hostile line (a megabyte of spaces inside a multi-line string) costs linear time.
"""

from __future__ import annotations

import re

# Matched against the line with its indent stripped: a leading \s* would overlap the spaces a
# key may hold, and backtracking between the two is quadratic on a line of spaces. Without
# such overlaps a failed match gives up each character once: linear time on any line.
_OPEN = re.compile(r"\[\[?")
_CLOSE = re.compile(r"(\]\]?)[ \t\r]*(#.*)?$")
#: One part of a key: bare, "basic" (with escapes) or 'literal'. A quoted part may hold any text.
_PART = re.compile(r"""[A-Za-z0-9_-]+|"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'""")
_BLANK = re.compile(r"[ \t]*")
_BARE_ASSIGN = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=")  # most lines: `key = value`, found in one match
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)")
_ESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\"}

#: Deeper parts of a key path are not indexed: documents are shallow, hostile files need not be.
_MAX_DEPTH = 16


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _ESCAPED.get(code, match.group())
    value = int(code[1:], 16)
    return chr(value) if value <= 0x10FFFF else match.group()  # beyond Unicode: not valid TOML anyway


def _blanks(line: str, at: int) -> int:
    """Where the spaces and tabs from `at` end."""
    found = _BLANK.match(line, at)
    return found.end() if found else at


def _key(line: str, at: int) -> tuple[tuple[str, ...], int] | None:
    """The dotted key that starts at `at` (its first _MAX_DEPTH parts, as TOML reads them) and
    where it ends, blanks after it skipped; None if none starts there."""
    parts: list[str] = []
    while True:
        at = _blanks(line, at)
        part = _PART.match(line, at)
        if part is None:
            return None
        basic, literal = part.group(1), part.group(2)
        if len(parts) < _MAX_DEPTH:
            parts.append(_ESCAPE.sub(_unescape, basic) if basic is not None else literal if literal is not None else part.group())
        at = _blanks(line, part.end())
        if not line.startswith(".", at):
            return tuple(parts), at
        at += 1


class LineIndex:
    """The first line that mentions each key path (and each of its prefixes) in `text`."""

    def __init__(self, text: str):
        self._first: dict[tuple[str | int, ...], int] = {}
        array_counts: dict[tuple[str, ...], int] = {}
        # The path of the current table with array indexes filled in, e.g. ("network","actors",2).
        current: tuple[str | int, ...] = ()
        # TOML lines end at \n; str.splitlines() would also break at U+2028, U+0085, \f, ...
        # which can stand raw inside a string, and so count lines no editor shows.
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.lstrip()
            opened = _OPEN.match(line)
            if opened:
                found = _key(line, opened.end())
                closed = _CLOSE.match(line, found[1]) if found else None
                if found and closed and len(opened.group()) == len(closed.group(1)):
                    table = found[0]
                    if opened.group() == "[[":
                        index = array_counts.get(table, -1) + 1
                        array_counts[table] = index
                        current = (*_with_indexes(table, array_counts)[:-1], table[-1], index)
                    else:
                        current = _with_indexes(table, array_counts)
                    self._add(current, number)
                continue
            bare = _BARE_ASSIGN.match(line)
            if bare:
                self._add((*current, bare.group(1)), number)
                continue
            found = _key(line, 0)
            if found and line.startswith("=", found[1]):
                self._add((*current, *found[0]), number)

    def _add(self, path: tuple[str | int, ...], number: int) -> None:
        for depth in range(1, min(len(path), _MAX_DEPTH) + 1):
            self._first.setdefault(path[:depth], number)

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The line where `loc` is set, else where its deepest known part is, else None."""
        for depth in range(min(len(loc), _MAX_DEPTH), 0, -1):
            found = self._first.get(tuple(loc[:depth]))
            if found is not None:
                return found
        return None


def line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The 1-based line where `loc` (a pydantic error location) is set, or the nearest we know."""
    return LineIndex(text).line_of(loc)


def _with_indexes(table: tuple[str, ...], counts: dict[tuple[str, ...], int]) -> tuple[str | int, ...]:
    """("a","b") -> ("a", 3, "b") when [[a]] has been seen 4 times: a sub-table of the last element."""
    out: list[str | int] = []
    for i, part in enumerate(table):
        out.append(part)
        prefix = table[: i + 1]
        if prefix in counts and i < len(table) - 1:
            out.append(counts[prefix])
    return tuple(out)
