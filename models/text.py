"""Make untrusted text safe to put on a terminal.

Textual and Rich strip only BEL, BS, VT, FF and CR, so ESC, OSC and C1 sequences in a
document would reach the user's terminal. Every string from a document passes `safe_text`
before display; the stored text is never changed.
"""

from __future__ import annotations

import re

# C0 but newline and tab, DEL, C1, bidi embeddings/overrides/isolates/marks, line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_OR_BREAK = re.compile(_UNSAFE.pattern[:-1] + "\n\t]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 and bidi controls: the replacement character


def safe_text(text: str, *, single_line: bool = False) -> str:
    """Replace every control character with a visible placeholder.

    With `single_line`, newlines and tabs become spaces, for table cells and titles.
    """
    if single_line:
        if _UNSAFE_OR_BREAK.search(text) is None:
            return text
        return _UNSAFE_OR_BREAK.sub(lambda m: " " if m.group() in "\n\t" else _placeholder(m), text)
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_placeholder, text)


def initials(name: str) -> str:
    """'Hanne Marie Jensen' -> 'H.M.J.' (at most four letters): a name as the privacy screen shows it."""
    words = [word for word in safe_text(name, single_line=True).replace("-", " ").split() if word[:1].isalpha()]
    return "".join(f"{word[0].upper()}." for word in words[:4]) or "…"
