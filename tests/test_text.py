"""`safe_text`: no terminal control character from a document ever reaches the screen.

Textual and Rich strip only BEL, BS, VT, FF and CR (see research/reliability.md section 2.2), so ESC, CSI,
OSC 0/8/52, C1 and bidi overrides would reach the terminal. `safe_text` swaps each of them for one
visible placeholder, and leaves everything else (including markup-like brackets) alone.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from models.text import safe_text

# Independent of models/text.py: what must never survive.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_SEPARATORS = frozenset("\u2028\u2029")


def is_unsafe(char: str, *, single_line: bool = False) -> bool:
    if char in "\n\t":
        return single_line
    # Cc is exactly C0 (0x00-0x1F), DEL (0x7F) and C1 (0x80-0x9F).
    return unicodedata.category(char) == "Cc" or char in BIDI or char in LINE_SEPARATORS


def unsafe_chars(text: str, *, single_line: bool = False) -> list[str]:
    return [c for c in text if is_unsafe(c, single_line=single_line)]


PAYLOADS = {
    "osc0_title": "\x1b]0;x\x07",
    "csi_clear": "\x1b[2J",
    "c1_csi": "\x9b31m",
    "rlo": "\u202e",
    "osc52_clipboard": "\x1b]52;c;aGk=\x07",
    "osc8_link": "\x1b]8;;http://x\x07",
    "cr": "\r",
    "nul": "\x00",
    "del": "\x7f",
    "lri": "\u2066",
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("single_line", [False, True])
def test_payload_is_neutralised_with_one_visible_placeholder_per_char(payload: str, single_line: bool) -> None:
    text = f"før {payload} efter"
    out = safe_text(text, single_line=single_line)
    assert unsafe_chars(out, single_line=single_line) == []
    assert len(out) == len(text)  # one placeholder per control char: nothing silently dropped
    # Every replaced char became a visible, printable placeholder; every other char is untouched.
    for before, after in zip(text, out):
        if is_unsafe(before):
            assert after != before
            assert after.isprintable() and not after.isspace()
        else:
            assert after == before
    assert out.startswith("før ") and out.endswith(" efter")


@pytest.mark.parametrize(
    ("char", "placeholder"),
    [("\x1b", "\u241b"), ("\x00", "\u2400"), ("\x07", "\u2407"), ("\r", "\u240d"), ("\x7f", "\u2421"),
     ("\x9b", "\ufffd"), ("\u202e", "\ufffd"), ("\u2066", "\ufffd"), ("\u2028", "\ufffd")],
)
def test_placeholder_glyphs(char: str, placeholder: str) -> None:
    assert safe_text(char) == placeholder


def test_osc_title_payload_exact() -> None:
    assert safe_text("\x1b]0;x\x07") == "\u241b]0;x\u2407"


def test_newline_and_tab_kept_by_default() -> None:
    assert safe_text("a\nb\tc") == "a\nb\tc"


def test_single_line_turns_newline_and_tab_into_spaces() -> None:
    assert safe_text("a\nb\tc", single_line=True) == "a b c"
    assert safe_text("a\r\nb", single_line=True) == "a\u240d b"  # CR is still a placeholder, not a space
    assert safe_text("\x1b[2J\n", single_line=True) == "\u241b[2J "


@pytest.mark.parametrize("text", ["[bold]x[/bold]", "[@click=app.quit]", "[link=http://x]y[/]", "\\[x]", "plain æøå"])
def test_markup_like_and_ordinary_text_is_unchanged(text: str) -> None:
    # safe_text does not markup-escape: the UI renders with markup off (Content / markup=False).
    assert safe_text(text) == text
    assert safe_text(text, single_line=True) == text


def test_empty() -> None:
    assert safe_text("") == ""
    assert safe_text("", single_line=True) == ""


# -- properties ----------------------------------------------------------------------------------------------

_NASTY = sorted(
    {chr(c) for c in range(0x20)} | {chr(c) for c in range(0x7F, 0xA0)} | BIDI | LINE_SEPARATORS | {"\n", "\t"}
)
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.one_of(st.sampled_from(_NASTY), st.characters(codec="utf-8"))),
)


@settings(max_examples=300, deadline=None)
@given(text=texts, single_line=st.booleans())
def test_property_no_unsafe_char_survives(text: str, single_line: bool) -> None:
    out = safe_text(text, single_line=single_line)
    assert unsafe_chars(out, single_line=single_line) == []
    assert len(out) == len(text)
    if not unsafe_chars(text, single_line=single_line):
        assert out == text


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_property_idempotent(text: str) -> None:
    once = safe_text(text)
    assert safe_text(once) == once
    line = safe_text(text, single_line=True)
    assert safe_text(line, single_line=True) == line


# -- what actually reaches the screen ------------------------------------------------------------------------

RENDER_PAYLOAD = "".join(PAYLOADS.values())
PLACEHOLDERS = ("\u241b", "\u2407", "\u240d", "\u2400", "\u2421", "\ufffd")  # ␛ ␇ ␍ ␀ ␡ �
RAW_DANGEROUS = ("\x1b", "\x9b", "\x00", "\x7f", "\u202e", "\u2066")


class _OneStatic(App[None]):
    def __init__(self, static: Static) -> None:
        super().__init__()
        self._static = static

    def compose(self) -> ComposeResult:
        yield self._static


async def _screenshot(static: Static) -> str:
    app = _OneStatic(static)
    async with app.run_test(size=(100, 6)) as pilot:
        await pilot.pause()
        return app.export_screenshot()


@pytest.mark.parametrize(
    "make",
    [
        lambda: Static(Content(safe_text(RENDER_PAYLOAD + "[@click=app.quit]q[/]"))),
        lambda: Static(safe_text(RENDER_PAYLOAD + "[@click=app.quit]q[/]"), markup=False),
    ],
    ids=["Content", "markup_false"],
)
async def test_rendered_screen_shows_placeholders_not_raw_controls(make) -> None:
    svg = await _screenshot(make())
    for raw in RAW_DANGEROUS:
        assert raw not in svg, f"raw {raw!r} reached the rendered screen"
    for glyph in PLACEHOLDERS:
        assert glyph in svg, f"placeholder {glyph!r} missing from the rendered screen"
    assert "[@click=app.quit]" in svg  # shown literally, not parsed as an action link


async def test_render_check_would_catch_raw_esc() -> None:
    """Control for the test above: Textual 8.2.8 really does pass ESC through, so the screenshot can see it."""
    svg = await _screenshot(Static(Content(RENDER_PAYLOAD)))
    assert "\x1b" in svg
