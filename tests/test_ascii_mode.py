"""The ASCII mode (tui/ascii_mode.py): only what a plain terminal can show reaches it, at the
same width, and no meaning is lost with a glyph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

import saved.platform
from models.gauge import ZONES
from saved.reports.labels import STAGE_SYMBOLS
from tui.ascii_mode import PLAIN_TERMINALS, SYMBOLS, Translation, translation, wanted

ROOT = Path(__file__).resolve().parent.parent


def test_chosen_for_plain_terminals_and_other_encodings_unless_told() -> None:
    for term in PLAIN_TERMINALS:
        assert wanted(None, term=term, encoding="utf-8")
    assert not wanted(None, term="xterm-256color", encoding="UTF-8")
    assert wanted(None, term="xterm-256color", encoding="iso8859-1")
    assert wanted(None, term="screen", encoding="ascii")
    assert not wanted(False, term="linux", encoding="ascii")  # --no-ascii or ascii = false
    assert wanted(True, term="xterm", encoding="utf-8")


def _drawn_characters() -> set[str]:
    """Every non-ASCII character in samspil's screens and texts (sources and translations)."""
    found: set[str] = set()
    for folder in ("tui", "models"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".toml", ".tcss"}:
                found.update(ch for ch in path.read_text(encoding="utf-8") if not ch.isascii())
    return found


def test_every_symbol_samspil_draws_has_its_own_ascii_form() -> None:
    table = Translation("ascii")
    for character in _drawn_characters():
        form = table(character)
        assert form.isascii() and cell_len(form) == cell_len(character), character
        if not character.isalpha() and character not in SYMBOLS:  # control pictures are '?' on purpose
            assert form != "?" * cell_len(character), f"{character!r} (U+{ord(character):04X}) needs a form in tui.ascii_mode.SYMBOLS"


def test_marks_that_mean_different_things_stay_different() -> None:
    table = Translation("ascii")
    zones = [table(zone.symbol) for zone in ZONES.values()]
    assert len(set(zones)) == len(zones)
    checks = [table(mark) for mark in ("✓", "☐", "☑", "✗", "⊘", "★", "◉", "●", "○", "◐")]
    assert len(set(checks)) == len(checks)
    stages = [table(mark) for mark in STAGE_SYMBOLS.values()]
    assert len(set(stages)) == len(stages)


def test_borders_become_lines_and_corners() -> None:
    table = Translation("ascii")
    assert table("╭──┬──╮") == "+--+--+"
    assert table("│ ┃ ┊") == "| | :"
    assert table("━━") == "=="


def test_letters_the_encoding_carries_are_kept_others_get_their_base() -> None:
    assert translation("latin-1")("Rødovre, Århus, Ærø ✓") == "Rødovre, Århus, Ærø +"
    assert translation("utf-8")("Ærø → ŁÓDŹ ★") == "Ærø > LÓDZ *"  # Ó is Latin-1, Ł and Ź are not
    assert translation("ascii")("Ærø é") == "Aro e"
    assert translation("ascii")("日本") == "????"  # wide: two cells each, as laid out


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"])))
def test_any_text_becomes_ascii_of_the_same_width(text: str) -> None:
    plain = translation("ascii")(text)
    assert plain.isascii()
    assert cell_len(plain) == cell_len(text)


def test_the_command_line_prints_on_a_latin1_terminal(tmp_path) -> None:
    """`samspil check` says ✓: on a Latin-1 terminal that is "+", not a UnicodeEncodeError."""
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "SAMSPIL_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "tui", "--lang", "da", "check"], capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr.decode("latin-1")
    assert b"\\u" not in done.stdout + done.stderr
    done.stdout.decode("latin-1")  # what the terminal receives is Latin-1


@pytest.mark.skipif(saved.platform.WINDOWS, reason="a pseudo-terminal is POSIX only")
@pytest.mark.parametrize(
    ("term", "encoding", "allowed"),
    [("xterm-256color", "ascii", 0x7F), ("linux", "utf-8", 0xFF)],
    ids=["ascii-encoding", "linux-console"],
)
def test_every_main_screen_reaches_the_terminal_in_its_characters(tmp_path, term: str, encoding: str, allowed: int) -> None:
    """The demo documents shown on a pty as a plain terminal gets them: the home list, the case
    with its gauge, network list and map, the board with its matrix and force field, a
    supervision with its tabs, and the help screen. Nothing above `allowed` arrives."""
    from saved.examples import copy_examples
    from saved.locations import Locations
    from tests.bench.term import Terminal, visible_text
    from tests.bench.ui import _env

    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    env = {**_env(), "TERM": term, "PYTHONIOENCODING": encoding}
    argv = [sys.executable, "-m", "tui", "--lang", "da", "--data-dir", str(locations.root)]
    with Terminal(argv, env, str(ROOT)) as screen:
        screen.wait_for_text("K.M. (demo)")  # the list is shown
        # Escape goes alone: an escape byte with the next key in one read is Alt+key on any terminal.
        steps = [
            ("enter",), ("right", "right", "m"),  # the case: overview, gauge, network list, the map
            ("escape",), ("escape",), ("/", "Exnovation", "enter"), ("enter",), ("m",),  # the board, its matrix
            ("escape",), ("f",),  # the force field
            ("escape",), ("escape",), ("/", "november", "enter"), ("enter",), ("right", "right", "right"),  # a supervision's tabs
            ("f1",),
        ]
        for keys in steps:
            screen.send(*keys)
            screen.settle(quiet=0.5, first=5.0)
        screen.send("ctrl+q")
        screen.wait_exit()
    stream = bytes(screen.stream)
    text = stream.decode(encoding)
    outside = sorted({ch for ch in text if ord(ch) > allowed})
    assert outside == [], outside
    shown = visible_text(stream)
    for expected in ("Netv", "Kraftfelt", "Modenhed", "Hj"):
        assert expected in shown
    assert screen.exit_status == 0
