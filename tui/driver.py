"""samspil's terminal driver: Textual's own, with fewer bytes per frame and a quicker exit.

Over SSH every byte of a frame crosses the link. Textual writes each span of text as
"style, text, reset", so a row of table cells in one style is written as one style code per
cell; `merge_spans` writes such runs once (a DataTable row goes from ~0.8 KB to ~0.2 KB).
And Textual waits for its input thread on every quit (0.1-0.2 s, see `disable_input`).
Its input parser also lets an escape byte inside a bracketed paste end the paste: what follows is
read as keys, so a pasted BEL was ctrl+g and a pasted DC1 ctrl+q (`input_parser`). And its
input thread decodes UTF-8 strictly: one byte that is not UTF-8 (a terminal set to Latin-1 sends
æ as 0xE6; a paste from a Latin-1 file; line noise) ended the app (`tolerant_decoder`).
And keys typed before the app took the terminal (an SSH user's "/name Enter" typed while it
starts) were changed by the terminal's line discipline, which turns Enter (CR) into LF, which
Textual reads as ctrl+j: they did nothing (`input_parser`).
"""

from __future__ import annotations

from typing import Any
from collections.abc import Callable, Generator

import codecs
import re
import signal

_SGR = re.compile("\x1b\\[([0-9;]*)m")
_RESET = ("0", "")


def merge_spans(data: str) -> str:
    """Drop each "reset, then the same style again" that joins two spans of one style.

    Only where that style was set right after a reset (so its meaning does not depend on what
    came before): the terminal then draws every character in the same style as before.
    """
    parts = _SGR.split(data)  # text, style, text, style, ..., text
    out = [parts[0]]
    active: str | None = None  # the style in force, if it was set on a clean (reset) state
    clean = False  # is the state right now the reset state?
    index, count = 1, len(parts)
    while index < count:
        style, text = parts[index], parts[index + 1]
        if style in _RESET and not text and active is not None and index + 2 < count and parts[index + 2] == active:
            out.append(parts[index + 3])  # the reset and the repeat go; the text joins the run
            index += 4
            continue
        out.append(f"\x1b[{style}m")
        out.append(text)
        if style in _RESET:
            active, clean = None, True
        else:
            active, clean = (style if clean else None), False
        index += 2
    return "".join(out)


PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
#: What may follow ESC in a sequence a terminal sends (CSI, SS3, OSC, DCS, APC, PM, SOS, and a
#: second ESC, which the base itself reads as Esc and a new start). Anything else after ESC is a
#: key of its own.
SEQUENCE_AFTER_ESC = frozenset("[O]P_^X\x1b")


def _bytes_as_latin1(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 read as Latin-1: what a terminal set to Latin-1 (or Windows-1252,
    for æ, ø, å) means by them. Controls among them (C1) are kept as typed and shown as
    placeholders, as any other control."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("samspil-latin-1", _bytes_as_latin1)


class TerminalGone(EOFError):
    """The terminal gave end of file: it hung up (`SamspilDriver.run_input_thread`)."""


def tolerant_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder` for Textual's input thread: the same decoder (a character
    split across two reads still waits for its second part), with bytes it cannot decode read
    as Latin-1 instead of raising. And no bytes at all from a read select() called ready is the
    terminal's end of file (it hung up): TerminalGone, where Textual read again, for good."""
    base: Any = codecs.getincrementaldecoder(encoding)

    class Decoder(base):
        def decode(self, data: bytes, final: bool = False) -> str:
            if not data and not final:
                raise TerminalGone
            return super().decode(data, final)

    return lambda: Decoder(errors="samspil-latin-1")


def input_parser(base: type) -> type:
    """Textual's input parser (`base`), with a bracketed paste taken whole: every byte up to the
    paste's end marker is pasted text, never a key, whatever escape bytes the text holds. And LF
    outside a paste is Enter, as the terminal's own line discipline has it (ICRNL): a key typed
    before the app set the terminal raw comes as LF, and nothing in samspil is bound to ctrl+j.
    And Esc followed at once by another key is Esc and that key: Textual reads ESC and the next
    byte as one alt key (Esc n gave alt+n, Esc Enter gave Enter, Esc Tab gave shift+tab), and
    over a slow link or while the app is busy, Esc and the next key arrive in one read.

    Textual's own parser reads an escape byte inside a paste as the start of a key sequence and
    sends it, and everything up to the next escape, as key presses (measured: a pasted
    "\\x1b]8;;http://x\\x07link" opened the reading dialog with ctrl+g and typed the rest into it).
    This wrapper lets the base see the start marker (so its state is what it expects), keeps
    every later character itself until the end marker, sends one Paste with all of it, and then
    gives the base the end marker so that it leaves its paste state too.
    """
    from textual import events
    from textual._parser import ParseError, ParseTimeout

    class SamspilParser(base):
        samspil_parser = True

        def parse(self, token_callback: Callable[[Any], None]) -> Generator[Any, str, None]:
            flipping = False  # the base is being given the end marker: drop its empty paste

            def from_base(token: object) -> None:
                if not (flipping and isinstance(token, events.Paste) and not token.text):
                    token_callback(token)

            inner = super().parse(from_base)
            awaiting = next(inner)
            recent, pasted, pasting, escaped = "", [], False, False
            while True:
                try:
                    character = yield (self.read1() if pasting else awaiting)
                except ParseError as error:  # a timeout or the end of input: the base's to handle
                    escaped = False  # a lone ESC has timed out: the base sent it as Esc
                    if pasting:
                        return
                    try:
                        awaiting = inner.throw(error)
                    except StopIteration:
                        return
                    continue
                if pasting:
                    pasted.append(character)
                    if character == "~" and "".join(pasted[-len(PASTE_END):]) == PASTE_END:
                        text = "".join(pasted[: -len(PASTE_END)]).replace("\x00", "")
                        pasted, pasting = [], False
                        token_callback(events.Paste(text))
                        flipping = True
                        for marker_character in PASTE_END:
                            awaiting = inner.send(marker_character)
                        flipping = False
                    continue
                if escaped and character not in SEQUENCE_AFTER_ESC:
                    awaiting = inner.throw(ParseTimeout())  # the base sends the ESC as Esc, then reads on
                escaped = character == "\x1b"
                awaiting = inner.send("\r" if character == "\n" else character)
                recent = (recent + character)[-len(PASTE_START):]
                pasting = recent == PASTE_START
                if pasting:
                    recent = ""

    return SamspilParser


def samspil_driver(ascii: bool = False) -> type:
    """Textual's driver for this system (saved.platform chooses), with the above on Linux and,
    in the ASCII mode (tui.ascii_mode), every frame in the characters the terminal can show."""
    from importlib import import_module

    from saved.platform import terminal_driver

    module, name = terminal_driver().split(":")
    driver_module = import_module(module)
    driver_class: Any = getattr(driver_module, name)  # a Driver subclass, chosen at run time
    linux = module == "textual.drivers.linux_driver"
    # Textual makes its parser and decoder inside the input thread, with no hook: the module's
    # names are the way. (Windows' console gives keys as characters, never bytes to decode.)
    parser_module: Any = driver_module if linux else getattr(driver_module, "win32", None)
    parser = getattr(parser_module, "XTermParser", None)
    if parser is not None and not getattr(parser, "samspil_parser", False):
        parser_module.XTermParser = input_parser(parser)
    if linux:
        parser_module.getincrementaldecoder = tolerant_decoder
    if not linux and not ascii:
        return driver_class

    class SamspilDriver(driver_class):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._plain = None
            if ascii:
                from tui.ascii_mode import translation

                self._plain = translation(getattr(self._file, "encoding", None) or "ascii")

        def write(self, data: str) -> None:
            if self._plain is not None:
                data = self._plain(data)
            super().write(merge_spans(data) if linux else data)

        def run_input_thread(self) -> None:
            """Textual's, ended by the terminal's end of file (tolerant_decoder) as by a SIGHUP.
            A terminal that hangs up sends SIGHUP to its session's leader only: samspil started
            under `su`, `sudo` or a shell script got none, and its input thread read the end of
            file again and again (60% of a core), its lock kept alive by the heartbeat, for good."""
            try:
                super().run_input_thread()
            except TerminalGone:
                self._app.call_later(getattr(self._app, "hang_up", self._app.exit))

        def disable_input(self) -> None:
            """On exit, tell the input thread to stop but do not wait for it.

            Textual joins the thread, which sleeps in select() with a 0.1 s timeout, twice, before
            the terminal is given back. After the app has exited the thread reads nothing of ours,
            and it ends by itself; the terminal is restored as usual. On suspend (no exit) Textual's
            own wait stands, since input must stop before another program reads the terminal.
            """
            if not linux or self._app.return_code is None:
                super().disable_input()
                return
            signal.signal(signal.SIGWINCH, signal.SIG_DFL)
            self._disable_mouse_support()
            self.exit_event.set()

    return SamspilDriver
