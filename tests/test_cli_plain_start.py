"""tui.__main__.plain_start: a plain start's arguments read without the whole parser, exactly as the
parser reads them; anything else is left to the parser."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.__main__ import build_parser, plain_start

TOKENS = st.sampled_from(
    ["--data-dir", "--lang", "--team", "--ascii", "--no-ascii", "da", "en", "fr", "/tmp/x", "-", "--", "-x", "--data",
     "--lang=da", "--lang=xx", "--data-dir=/d", "--data-dir=", "--team=/t", "--ascii=1", "demo", "check", "--help", "=", "ø \x1b[31m"]
)


def parsed(argv: list[str]) -> dict | None:
    try:
        return vars(build_parser().parse_args(argv))
    except SystemExit:
        return None


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=6))
def test_a_plain_start_reads_as_the_parser_reads_it(argv):
    fast = plain_start(argv)
    if fast is not None:
        assert vars(fast) == parsed(argv)


def test_the_usual_starts_are_read_plain():
    for argv in ([], ["--lang", "da"], ["--data-dir", "/d", "--lang=en", "--team", "/a", "--team=/b", "--no-ascii"]):
        assert plain_start(argv) is not None
        assert vars(plain_start(argv)) == parsed(argv)
    for argv in (["demo"], ["--help"], ["--lang", "fr"], ["--data"], ["--data-dir"], ["--data-dir", "--lang"], ["--ascii=1"]):
        assert plain_start(argv) is None
