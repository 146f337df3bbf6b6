"""tui.driver: merged spans draw exactly what Textual's output draws, in fewer bytes; quit is quick."""

from __future__ import annotations

import re

from saved.toml_read import tomllib  # Python 3.10 has tomli

import pytest
from hypothesis import given
from hypothesis import strategies as st

import saved.platform
from textual import events
from textual._xterm_parser import XTermParser

from tui.driver import PASTE_END, PASTE_START, TerminalGone, input_parser, merge_spans, tolerant_decoder

PasteSafe = input_parser(XTermParser)

_TOKEN = re.compile("(\x1b\\[[0-9;]*m|\x1b\\[[0-9;]*H|\r\n)")


def drawn(data: str) -> list[tuple[str, tuple[str, ...]]]:
    """What a terminal shows: each character and cursor move with the SGR codes in force.

    SGR codes add up until a reset, as in a real terminal.
    """
    state: list[str] = []
    cells = []
    for token in _TOKEN.split(data):
        if not token:
            continue
        if token.startswith("\x1b[") and token.endswith("m"):
            params = token[2:-1]
            if params in ("0", ""):
                state = []
            else:
                state.append(params)
        elif token.startswith("\x1b") or token == "\r\n":
            cells.append((token, ()))
        else:
            cells.extend((char, tuple(state)) for char in token)
    return cells


STYLES = ["0", "", "1", "38;5;253;48;5;233", "1;38;5;253;48;5;23", "7"]
tokens = st.one_of(
    st.sampled_from([f"\x1b[{s}m" for s in STYLES]),
    st.sampled_from(["\x1b[5;1H", "\x1b[12;40H", "\r\n"]),
    st.text(alphabet="ab æ█", min_size=1, max_size=4),
)


@given(st.lists(tokens, max_size=40))
def test_merged_output_draws_the_same(parts: list[str]) -> None:
    data = "".join(parts)
    merged = merge_spans(data)
    assert drawn(merged) == drawn(data)
    assert len(merged) <= len(data)


def test_a_table_row_in_one_style_is_written_once() -> None:
    style = "\x1b[1;38;5;253;48;5;23m"
    # The line before ended with a reset, as every span Textual writes does.
    row = "\x1b[0m\x1b[6;1H" + "".join(f"{style}{cell}\x1b[0m" for cell in (" Nr  ", " Ring ", " Sektor   ", " Navn "))
    assert merge_spans(row) == f"\x1b[0m\x1b[6;1H{style} Nr   Ring  Sektor    Navn \x1b[0m"


def test_a_style_set_on_top_of_another_is_not_merged() -> None:
    # After "1" without a reset, "7" means bold+reverse; writing "7" again after a reset means
    # reverse only, so the two spans differ and both codes must stay.
    data = "\x1b[1mA\x1b[7mB\x1b[0m\x1b[7mC\x1b[0m"
    assert merge_spans(data) == data


def _x_typed_in_the_pseudonym(term) -> int:
    """On the open demo case: Tab on to the pseudonym field (a scroll area takes focus on the way)
    and type "x" there; the stream's length before the "x"."""
    from tests.bench import ui
    from tests.bench.term import visible_text

    for _ in range(4):
        ui.step(term, "tab")
        mark = len(term.stream)
        ui.step(term, "x", quiet=0.1)
        if ui._t("status.unsaved") in visible_text(bytes(term.stream[mark:])):
            break
    return mark


@pytest.mark.skipif(saved.platform.WINDOWS, reason="drives Textual's Linux driver through a POSIX pty")
def test_quit_on_a_real_terminal_saves_releases_and_restores(tmp_path) -> None:
    """The quick exit (no wait for Textual's input thread, no interpreter teardown) loses nothing:
    an edit made just before ctrl+q is in the file, the lock is gone, the terminal is given back."""
    from saved.examples import copy_examples
    from saved.locations import Locations
    from tests.bench import ui

    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    with ui.samspil(locations.root) as term:
        ui.open_demo_case(term)
        _x_typed_in_the_pseudonym(term)
        term.send("ctrl+q")
        term.wait_exit()
    assert term.exit_status == 0
    case = locations.documents / "case-demcasea.toml"
    title = case.read_text(encoding="utf-8").split("title = ", 1)[1].split("\n", 1)[0]
    assert "x" in title
    assert not locations.lock_of(case).exists()
    assert b"\x1b[?1049l" in bytes(term.stream[-200:])  # back from the alternate screen


# A bracketed paste: its text, whatever it holds, is one Paste and never keys.
_PASTE_TEXT = st.text(alphabet=st.sampled_from(["a", "Ø", " ", "\x1b", "[", "]", "~", "2", "0", "1", "\x07", "\x11", "\x13", "\r", "\x00", "\u202e", "\x9b"]), max_size=30).filter(
    lambda text: PASTE_END not in text
)


def _tokens(parser_class: type, data: str, cuts: list[int]) -> list[object]:
    """What the parser gives for `data` arriving in reads cut at `cuts` (as over a slow link)."""
    parser = parser_class()
    tokens: list[object] = []
    edges = [0, *sorted({cut % (len(data) + 1) for cut in cuts}), len(data)]
    for start, end in zip(edges, edges[1:]):
        if end > start:
            tokens.extend(parser.feed(data[start:end]))
    return tokens


def _plain(tokens: list[object]) -> list[tuple[str, str]]:
    return [("paste", token.text) if isinstance(token, events.Paste) else ("key", getattr(token, "key", "?")) for token in tokens]


@given(_PASTE_TEXT, st.lists(st.integers(min_value=0, max_value=200), max_size=6))
def test_a_bracketed_paste_is_one_paste_whatever_it_holds(text: str, cuts: list[int]) -> None:
    data = "a" + PASTE_START + text + PASTE_END + "b\x1b[A"
    assert _plain(_tokens(PasteSafe, data, cuts)) == [
        ("key", "a"),
        ("paste", text.replace("\x00", "")),
        ("key", "b"),
        ("key", "up"),  # the parser is out of its paste state: an arrow is an arrow again
    ]


def test_textual_alone_reads_a_pasted_escape_as_keys() -> None:
    """Why the wrapper exists: measured with tmux's bracketed paste of an OSC 8 link."""
    data = PASTE_START + "x\x1b]8;;http://x\x07link and on, long enough\x11" + PASTE_END
    assert ("key", "ctrl+g") in _plain(_tokens(XTermParser, data, []))
    assert _plain(_tokens(PasteSafe, data, [])) == [("paste", data[len(PASTE_START) : -len(PASTE_END)])]


@pytest.mark.skipif(saved.platform.WINDOWS, reason="drives Textual's Linux driver through a POSIX pty")
def test_hostile_text_pasted_on_a_real_terminal_is_text_and_not_commands(tmp_path) -> None:
    """A paste holding BEL (ctrl+g, a new reading) and DC1 (ctrl+q, quit) after an escape byte goes
    into the field as text; the app neither quits nor opens a dialog, and ctrl+s saves it."""
    from saved.examples import copy_examples
    from saved.locations import Locations
    from tests.bench import ui
    from tests.bench.term import visible_text

    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    with ui.samspil(locations.root) as term:
        ui.open_demo_case(term)
        mark = _x_typed_in_the_pseudonym(term)
        hostile = "\x1b[31mRØD\x1b]8;;http://x\x07link\x11 \u202eevil <b>[bold]slut"
        term.send(PASTE_START + hostile + PASTE_END)
        term.wait_for_text("slut", since=mark)
        term.send("\x13")  # ctrl+s
        term.wait_for_text(ui._t("status.saved"), since=mark)
        screen = visible_text(bytes(term.stream[mark:]))
        term.send("\x11")  # ctrl+q
        term.wait_exit()
    assert term.exit_status == 0
    # The field holds the paste as it came (models/text.py: stored text is never changed, only
    # shown safely), one "x" typed before it; nothing of it reached the terminal raw.
    case = tomllib.loads((locations.documents / "case-demcasea.toml").read_text(encoding="utf-8"))
    assert case["title"].endswith("x" + hostile)
    sent = bytes(term.stream[mark:]).decode("utf-8", "replace")
    assert not any(raw in sent for raw in ("\x1b[31mRØD", "\x07link", "\x11 ", "\u202eevil"))
    assert "\u241b[31mRØD" in screen  # shown as ␛, the control picture


def test_bytes_that_are_not_utf8_are_read_as_latin1() -> None:
    """A terminal set to Latin-1 sends æøå as one byte each; Textual's strict decoder raised in its
    input thread and the app ended. UTF-8 is read as before, also split across two reads."""
    decode = tolerant_decoder("utf-8")().decode
    assert decode(b"Bj\xf8rn \xe6\xe5 \x9b31m") == "Bjørn æå \x9b31m"
    assert decode(b"R\xc3") == "R"  # the first byte of "Ø": waits for the second
    assert decode(b"\x98D") == "ØD"
    assert decode(b"\xc3", final=True) == "Ã"  # cut off at the very end: still no error


def test_a_read_of_no_bytes_is_the_terminal_gone() -> None:
    """select() said ready and read() gave nothing: the terminal hung up. Textual read again,
    for good (tui/driver.py SamspilDriver.run_input_thread ends the app as a SIGHUP would)."""
    decode = tolerant_decoder("utf-8")().decode
    with pytest.raises(TerminalGone):
        decode(b"")
    assert decode(b"", final=True) == ""  # Textual's last read on exit


@given(st.binary(max_size=60), st.lists(st.integers(min_value=0, max_value=60), max_size=4))
def test_the_input_decoder_never_raises_and_keeps_utf8_whole(data: bytes, cuts: list[int]) -> None:
    decode = tolerant_decoder("utf-8")().decode
    parts, start = [], 0
    for cut in sorted(cuts):
        if data[start:cut]:  # a read gives at least a byte; none is the end of file (below)
            parts.append(decode(data[start:cut]))
        start = max(start, cut)
    parts.append(decode(data[start:], final=True))
    text = "".join(parts)
    try:
        assert text == data.decode("utf-8")
    except UnicodeDecodeError:
        assert len(text) <= len(data)


@pytest.mark.skipif(saved.platform.WINDOWS, reason="drives Textual's Linux driver through a POSIX pty")
def test_latin1_bytes_typed_and_pasted_on_a_real_terminal_are_text(tmp_path) -> None:
    """Typed on a terminal set to Latin-1 (ø is 0xF8), and a paste holding a raw C1 byte: the app
    goes on, the field holds the text, ctrl+s saves it. Measured before: the app ended at once
    ("samspil had to stop", and the log it named did not exist)."""
    import os

    from saved.examples import copy_examples
    from saved.locations import Locations
    from tests.bench import ui

    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    with ui.samspil(locations.root) as term:
        ui.open_demo_case(term)
        mark = _x_typed_in_the_pseudonym(term)
        os.write(term.fd, b" Bj\xf8rn " + PASTE_START.encode() + b"\x9b31m r\xf8d" + PASTE_END.encode() + b" slut")
        term.wait_for_text("slut", since=mark)
        term.send("\x13")  # ctrl+s
        term.wait_for_text(ui._t("status.saved"), since=mark)
        term.send("\x11")  # ctrl+q
        term.wait_exit()
    assert term.exit_status == 0
    case = tomllib.loads((locations.documents / "case-demcasea.toml").read_text(encoding="utf-8"))
    assert case["title"].endswith("x Bjørn \x9b31m rød slut")
    assert not locations.log.exists()  # no error
    assert b"\x9b" not in bytes(term.stream[mark:])  # the C1 control shown as a placeholder


def test_lf_is_enter_outside_a_paste_and_text_inside_one() -> None:
    assert _plain(_tokens(PasteSafe, "a\nb\r", [])) == [("key", "a"), ("key", "enter"), ("key", "b"), ("key", "enter")]
    assert _plain(_tokens(PasteSafe, PASTE_START + "one\ntwo" + PASTE_END, [])) == [("paste", "one\ntwo")]
    assert ("key", "ctrl+j") in _plain(_tokens(XTermParser, "\n", []))  # Textual's own reading


@pytest.mark.skipif(saved.platform.WINDOWS, reason="drives Textual's Linux driver through a POSIX pty")
def test_keys_typed_before_the_app_took_the_terminal_open_the_case(tmp_path) -> None:
    """`samspil` Enter, then "/J.P" Enter Enter typed at once, before the app has set the terminal
    raw: the terminal's line discipline made each Enter an LF, read as ctrl+j, and the case never
    opened (tmux, measured). Written to the pty at once after the start, in its cooked mode."""
    import os

    from saved.examples import copy_examples
    from saved.locations import Locations
    from tests.bench import ui

    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    with ui.samspil(locations.root) as term:
        os.write(term.fd, b"/J.P\r\r")  # at once: the app has not started to read yet
        term.wait_for_text(ui._t("case.tab_overview"))
        term.send("\x11")  # ctrl+q
        term.wait_exit()
    assert term.exit_status == 0


# Keys as a terminal sends them; Esc first among them, since a key that follows it at once is
# where Textual's reading went wrong.
_KEY_BYTES = {
    "escape": "\x1b", "n": "n", "N": "N", "slash": "/", "space": " ", "1": "1", "enter": "\r",
    "tab": "\t", "backspace": "\x7f", "up": "\x1b[A", "alt+up": "\x1b[1;3A", "shift+tab": "\x1b[Z",
}


@given(st.lists(st.sampled_from(sorted(_KEY_BYTES)), min_size=1, max_size=12), st.lists(st.integers(min_value=0, max_value=200), max_size=6))
def test_keys_after_esc_arriving_in_one_read_are_the_keys_typed(keys: list[str], cuts: list[int]) -> None:
    """Esc then n, typed while the app is busy or over a slow link, arrives as "\\x1bn" in one
    read: Textual alone reads it as alt+n (help stays open, no new reading); Esc Enter as Enter
    (a dialog confirmed instead of cancelled); Esc Tab as shift+tab. Here each is Esc and the key."""
    data = "".join(_KEY_BYTES[key] for key in keys)
    tokens = _plain(_tokens(PasteSafe, data, cuts))
    if keys[-1] == "escape":  # a lone Esc at the end waits for its timeout, as in Textual
        keys = keys[:-1]
    assert tokens == [("key", key) for key in keys]


def test_textual_alone_reads_esc_and_the_next_key_as_one_key() -> None:
    def read_alone(data: str) -> list[tuple[str, str]]:
        parser = XTermParser()
        tokens = list(parser.feed(data))
        tokens += list(parser.feed(""))  # the end of input, as when the escape delay has passed
        return _plain(tokens)

    read = {data: read_alone(data) for data in ("\x1bn", "\x1b\r", "\x1b\t")}
    assert read == {"\x1bn": [("key", "alt+n")], "\x1b\r": [("key", "enter")], "\x1b\t": [("key", "shift+tab")]}


@pytest.mark.skipif(saved.platform.WINDOWS, reason="drives Textual's Linux driver through a POSIX pty")
def test_esc_and_a_key_in_one_read_close_the_help_and_act(tmp_path) -> None:
    """The help open at home, then Esc n written at once: the help closes and n opens the new
    case dialog (Textual alone read alt+n, and nothing happened)."""
    import os

    from saved.examples import copy_examples
    from saved.locations import Locations
    from tests.bench import ui

    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    with ui.samspil(locations.root) as term:
        term.wait_for_text(ui.DEMO_CASE)
        mark = len(term.stream)
        term.send("f1")
        term.wait_for_text(ui._t("help.footer")[:20], since=mark)
        mark = len(term.stream)
        os.write(term.fd, b"\x1bn")
        term.wait_for_text(ui._t("new.case_hint")[:20], since=mark)
        term.send("escape")
        term.settle(quiet=0.3)
        term.send("\x11")  # ctrl+q
        term.wait_exit()
    assert term.exit_status == 0
