"""The ASCII mode: what reaches a plain terminal when it cannot draw samspil's symbols.

One translation at the terminal boundary (the driver's write, and the codec error handler of
the command line's output), so no screen needs an ASCII variant of its own and a symbol added
later is covered too. Each character becomes text of the same width, so Textual's layout (made
with the real characters) still lines up: a box-drawing line becomes `-`, `|` or `+`, a symbol
its own ASCII mark (marks that mean different things stay different), a letter its base letter
if the terminal's encoding cannot carry it (`é` → `e`), a wide character `??`, a combining one
nothing. Letters the encoding carries (æ, ø, å in Latin-1 or UTF-8) are kept: the Linux
console's font has Latin-1, and Danish is not readable without them.
"""

from __future__ import annotations

import codecs
import os
import unicodedata

from rich.cells import get_character_cell_size

#: Terminals whose font or protocol lack most symbols (the Linux console, DEC terminals, Emacs' shell).
PLAIN_TERMINALS = ("linux", "vt100", "vt102", "vt220", "dumb")

#: One ASCII mark per symbol samspil or Textual draws; marks with different meanings differ.
SYMBOLS = {
    # States and marks
    "✓": "+", "✔": "+", "✗": "x", "✘": "x", "✕": "x", "×": "x", "⚠": "!", "⊘": "/", "★": "*",
    "☐": "_", "☑": "X", "☒": "X", "✉": "@", "⧩": "Y", "Σ": "S", "§": "S", "©": "c",
    "◉": "@", "●": "#", "○": "o", "◐": "(", "◑": ")", "◔": "(", "◕": "O", "◆": "*", "◇": "o",
    "■": "#", "□": "o", "▫": "o", "▪": "#", "•": "*", "·": ".", "…": ".", "⋯": ".", "°": "o",
    # Arrows and pointers
    "←": "<", "→": ">", "↑": "^", "↓": "v", "↔": "-", "⇄": "=", "▲": "!", "▼": "v", "△": "^",
    "▽": "v", "▶": ">", "▸": ">", "►": ">", "◀": "<", "◂": "<", "◄": "<", "⏎": "J", "⌫": "<",
    # Punctuation
    "–": "-", "—": "-", "‐": "-", "−": "-", "“": '"', "”": '"', "„": '"', "«": "<", "»": ">",
    "‘": "'", "’": "'", "‚": ",", "‹": "<", "›": ">", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "±": "~", "≤": "<", "≥": ">", "≈": "~", "≠": "#",
    # Control pictures (how samspil shows a control character found in text)
    "␀": "?", "␛": "?", "␡": "?",
    # Shades and blocks: fill levels stay distinguishable
    "░": ".", "▒": ":", "▓": "%", "█": "#", "▀": '"', "▄": "_", "▌": "|", "▐": "|",
    "▔": "-", "▁": "_", "▕": "|", "▏": "|", "▎": "|", "▍": "|", "▊": "|", "▋": "|", "▉": "#",
}
#: Letters without a decomposition to an ASCII base letter.
LETTERS = {"æ": "a", "Æ": "A", "ø": "o", "Ø": "O", "ß": "s", "ð": "d", "Ð": "D", "þ": "t", "Þ": "T", "ł": "l", "Ł": "L"}


def wanted(choice: bool | None, *, term: str | None = None, encoding: str | None = None) -> bool:
    """Is the ASCII mode on? `choice` is --ascii/--no-ascii or the setting (None: decide here)."""
    if choice is not None:
        return choice
    term = os.environ.get("TERM", "") if term is None else term
    return term in PLAIN_TERMINALS or not _is_utf(encoding or "utf-8")


def _is_utf(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith("utf")


def _box(name: str) -> str:
    """`-`, `=`, `|` or `+` for a box-drawing character, from its Unicode name."""
    across = any(word in name for word in ("HORIZONTAL", "LEFT", "RIGHT"))
    down = any(word in name for word in ("VERTICAL", "UP", "DOWN"))
    if "ARC" in name or "DIAGONAL" in name or (across and down):
        return "/" if "DIAGONAL UPPER RIGHT TO LOWER LEFT" in name else "\\" if "DIAGONAL" in name else "+"
    if down:
        return ":" if "DASH" in name else "|"
    return "=" if ("HEAVY" in name or "DOUBLE" in name) else "-"


class Translation(dict[int, str]):
    """`str.translate` table for one output encoding, filled as characters are met."""

    def __init__(self, encoding: str = "ascii") -> None:
        super().__init__()
        self.encoding = codecs.lookup(encoding).name

    def __missing__(self, code: int) -> str:
        character = chr(code)
        self[code] = form = self.ascii_form(character)
        return form

    def carries(self, character: str) -> bool:
        try:
            character.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True

    def ascii_form(self, character: str) -> str:
        if character.isascii():
            return character
        if character in SYMBOLS:
            return SYMBOLS[character]
        if character.isalpha() and ord(character) <= 0xFF and self.carries(character):
            return character  # Latin-1 letters: æ ø å é and friends
        width = get_character_cell_size(character)
        if width == 0:
            return ""
        name = unicodedata.name(character, "")
        if name.startswith("BOX DRAWINGS"):
            return _box(name)
        if "BLOCK" in name or "SHADE" in name or name.startswith("QUADRANT"):
            return "#"
        base = LETTERS.get(character) or unicodedata.normalize("NFKD", character)[:1]
        if base.isascii() and base.isalpha():
            return base * width
        return "?" * width

    def __call__(self, text: str) -> str:
        return text if text.isascii() else text.translate(self)


#: One table per encoding: the command line's error handler and the driver share it.
_TABLES: dict[str, Translation] = {}


def translation(encoding: str = "ascii") -> Translation:
    name = codecs.lookup(encoding).name
    if name not in _TABLES:
        _TABLES[name] = Translation(name)
    return _TABLES[name]


def _replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    table = translation(error.encoding)
    return table(error.object[error.start : error.end]), error.end


codecs.register_error("samspil-ascii", _replace_unencodable)


def protect_output(*streams) -> None:
    """Let text the stream's encoding cannot carry print as its ASCII form instead of failing
    (a Latin-1 terminal and a `✓`), for the command line's own output."""
    for stream in streams:
        encoding = getattr(stream, "encoding", None)
        if encoding and not _is_utf(encoding) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="samspil-ascii")
