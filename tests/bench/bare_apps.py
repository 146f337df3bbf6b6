"""The floor: the smallest Textual apps, started the same way as samspil (a fresh interpreter on a pty).

    python tests/bench/bare_apps.py bare      Header, Static, Footer
    python tests/bench/bare_apps.py counter   the same, and up/down change a number on screen
    python tests/bench/bare_apps.py input     the same with a focused Input between: the floor for typing
    python tests/bench/bare_apps.py quick     bare, with samspil's exit path: the floor for quitting
    python tests/bench/bare_apps.py quick_save FILE   the same, and ctrl+q first saves FILE (a
                                              document, one letter added to its title) the plainest
                                              safe way: the floor for quitting with an unsaved edit

ctrl+q quits them all (Textual's own binding), as it quits samspil. Textual's own exit waits for
its input thread and then tears the interpreter down; samspil skips both (its driver,
tui/driver.py, and `leave` in tui/__main__.py), so only "quick", which takes the same two
shortcuts, is a fair floor for samspil's quit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, Static

READY = "bare app ready"


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY, id="body")
        yield Footer()


class Counter(Bare):
    BINDINGS = [Binding("up", "step(1)", "Up"), Binding("down", "step(-1)", "Down")]

    count = 0

    def action_step(self, by: int) -> None:
        self.count += by
        self.query_one("#body", Static).update(f"count {self.count}")


class Typing(Bare):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY, id="body")
        yield Input(id="field")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()


class QuickSave(Bare):
    """ctrl+q saves the document first, as the save floor does (tests/bench/files.py): its data as
    `tomli_w.dumps` writes it, in one safe write (temp file, fsync, rename, fsync of the folder).
    Read and changed at start, as samspil holds an open document: only the save is in the quit."""

    def __init__(self, path: Path) -> None:
        import tomli_w  # noqa: F401 - imported before the quit, as samspil's store is

        from saved.files import atomic_write  # noqa: F401
        from saved.toml_read import tomllib

        super().__init__()
        self.path = path
        self.data = tomllib.loads(path.read_text(encoding="utf-8"))
        self.data["title"] += "x"

    async def action_quit(self) -> None:
        import tomli_w

        from saved.files import atomic_write

        atomic_write(self.path, tomli_w.dumps(self.data).encode("utf-8"))
        self.exit()


def quick(path: str | None = None) -> None:
    from tui.driver import samspil_driver

    app = Bare() if path is None else QuickSave(Path(path))
    app.driver_class = samspil_driver()
    app.run()
    sys.stdout.flush()
    os._exit(0)  # as tui.__main__.leave: no interpreter teardown


if __name__ == "__main__":
    if sys.argv[1] == "quick":
        quick()
    elif sys.argv[1] == "quick_save":
        quick(sys.argv[2])
    else:
        {"bare": Bare, "counter": Counter, "input": Typing}[sys.argv[1]]().run()
