"""samspil's terminal driver: Textual's own, with fewer bytes per frame and a quicker exit.

Over SSH every byte of a frame crosses the link. Textual writes each span of text as
"style, text, reset", so a row of table cells in one style is written as one style code per
cell; `merge_spans` writes such runs once (a DataTable row goes from ~0.8 KB to ~0.2 KB).
And Textual waits for its input thread on every quit (0.1-0.2 s, see `disable_input`).
"""

from __future__ import annotations

from typing import Any

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


def samspil_driver(ascii: bool = False) -> type:
    """Textual's driver for this system (saved.platform chooses), with the above on Linux and,
    in the ASCII mode (tui.ascii_mode), every frame in the characters the terminal can show."""
    from importlib import import_module

    from saved.platform import terminal_driver

    module, name = terminal_driver().split(":")
    driver_class: Any = getattr(import_module(module), name)  # a Driver subclass, chosen at run time
    linux = module == "textual.drivers.linux_driver"
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
