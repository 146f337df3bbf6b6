"""saved.lines.line_of: the line of a key path in TOML text, for file:line problems."""

from __future__ import annotations

import time

import pytest

from saved.lines import line_of

TEXT = """\
kind = "case"
schema_version = 1
title = "A.B."   # a comment
"quoted key" = 2
dotted.part = 3

[network]
name = "team"
  indented = true

[network.meta]
level = 1

[[actors]]
name = "first"

[[actors]]
role = "second, no name"

[[actors]]
name = "third"
[actors.extra]
flag = true

[empty]
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("kind",), 1),
        (("schema_version",), 2),
        (("title",), 3),
        (("quoted key",), 4),
        (("dotted", "part"), 5),
        (("network",), 7),
        (("network", "name"), 8),
        (("network", "indented"), 9),
        (("network", "meta"), 11),
        (("network", "meta", "level"), 12),
        (("actors", 0), 14),
        (("actors", 0, "name"), 15),
        (("actors", 1), 17),
        (("actors", 1, "role"), 18),
        (("actors", 2), 20),
        (("actors", 2, "name"), 21),
        (("actors", 2, "extra"), 22),
        (("actors", 2, "extra", "flag"), 23),
        (("empty",), 25),
    ],
)
def test_finds_keys_tables_and_array_entries(loc, line):
    assert line_of(TEXT, loc) == line


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        # A key that is missing (pydantic's "field required") points at its table header.
        (("network", "missing"), 7),
        (("network", "meta", "missing"), 11),
        (("actors", 1, "name"), 17),  # the second [[actors]] has no name: its own header
        (("actors", 2, "extra", "missing"), 22),
        (("empty", "missing"), 25),
    ],
)
def test_missing_keys_fall_back_to_the_table_header(loc, line):
    assert line_of(TEXT, loc) == line


def test_a_key_set_through_dotted_keys_or_sub_tables_points_at_its_first_mention():
    # An unknown top-level key `dotted` (pydantic loc ("dotted",)) is defined by `dotted.part = 3`.
    assert line_of(TEXT, ("dotted",)) == 5
    text = 'title = "x"\n[extra.sub]\nvalue = 1\n'
    assert line_of(text, ("extra",)) == 2
    assert line_of(text, ("extra", "sub", "value")) == 3


QUOTED = r"""kind = "case"
"weird key!" = 1
"ærø" = 2
"a=b" = 3
"x[y]" = 4
"dotted.key" = 5
'literal \ key' = 6
"esc\u00e6\"q" = 7
site."google.com" . 'x.y' = 8
["odd]table"]
"in table" = 10
[[ "odd list" ]]
name = "first"
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("weird key!",), 2),
        (("ærø",), 3),
        (("a=b",), 4),
        (("x[y]",), 5),
        (("dotted.key",), 6),
        (("literal \\ key",), 7),
        (('escæ"q',), 8),
        (("site", "google.com", "x.y"), 9),
        (("odd]table",), 10),
        (("odd]table", "in table"), 11),
        (("odd list", 0, "name"), 13),
    ],
)
def test_quoted_keys_are_found_whatever_they_hold(loc, line):
    """A quoted key (TOML allows any text in one) had no line when it held a character outside
    letters, digits, `_-`, spaces and quotes, or a dot, `=` or `]`: `samspil check` said its
    unknown key without a line."""
    assert line_of(QUOTED, loc) == line


def test_unknown_paths_give_none_and_empty_text_gives_none():
    assert line_of(TEXT, ("nowhere",)) is None
    assert line_of(TEXT, ("nowhere", "deeper")) is None
    assert line_of("", ("title",)) is None
    assert line_of(TEXT, ()) is None


def test_index_beyond_the_array_falls_back_to_nothing_known():
    # actors has 3 entries; index 7 does not exist: the best known part is the array itself.
    assert line_of(TEXT, ("actors", 7, "name")) == 14


def test_first_of_duplicate_looking_lines_wins():
    text = 'notes = """\ntitle = "inside a multi-line string"\n"""\ntitle = "x"\n'
    # line_of is a line scanner, not a parser: it reports the first `title =` it sees, even
    # inside a multi-line string. Good enough to point a user near the problem.
    assert line_of(text, ("title",)) == 2


def test_headers_with_spaces_and_comments():
    text = "[  network . meta  ]  # the meta table\nlevel = 1\n[[ actors ]]\nname = 'x'\n"
    assert line_of(text, ("network", "meta")) == 1
    assert line_of(text, ("network", "meta", "level")) == 2
    assert line_of(text, ("actors", 0, "name")) == 4


@pytest.mark.parametrize(
    "line",
    [
        "[a" + " " * 200_000,  # a header that never closes
        "a" + " " * 200_000,  # a key that never gets its `=`
        " " * 200_000,
        "[" * 200_000,
        "a." * 100_000 + "a = 1",
        "[" + "a." * 100_000 + "a]",
        '"' + "\\\"" * 100_000,  # a quoted key that never closes, full of escaped quotes
        "'" * 200_000,
        '"a".' * 100_000 + "b = 1",
        "a" + " ." * 100_000,
    ],
    ids=["open-header", "no-equals", "spaces", "brackets", "deep-dotted-key", "deep-header", "open-quote", "quotes", "deep-quoted-key", "dots"],
)
def test_hostile_lines_take_linear_time(line):
    # Such lines can sit inside a multi-line string of a file that then fails validation;
    # a backtracking regex made these quadratic (minutes for a 1 MB line).
    text = 'kind = "case"\nnotes = """\n' + line + '\n"""\n'
    started = time.perf_counter()
    line_of(text, ("notes",))
    line_of(text, ("missing", "key"))
    assert time.perf_counter() - started < 1.0


def test_many_lookups_in_a_big_file_are_fast():
    from saved.lines import LineIndex

    text = "".join(f"key{i} = {i}\n" for i in range(100_000))
    started = time.perf_counter()
    index = LineIndex(text)
    lines = [index.line_of((f"key{i}",)) for i in range(0, 100_000, 7)]
    assert time.perf_counter() - started < 5.0
    assert lines[:3] == [1, 8, 15]
    assert index.line_of(("key99999",)) == 100_000


def test_lines_are_counted_as_toml_counts_them():
    # TOML lines end at \n (or \r\n). U+2028, U+2029 and U+0085 inside a string are text,
    # not line breaks; str.splitlines() would count them and point at the wrong line.
    text = 'notes = "a\u2028b\x85c\u2029d"\r\ntitle = 1\r\n[table]\r\nkey = 2\r\n'
    assert line_of(text, ("title",)) == 2
    assert line_of(text, ("table",)) == 3
    assert line_of(text, ("table", "key")) == 4
