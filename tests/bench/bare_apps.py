"""The floor: the smallest Textual apps, started the same way as samspil (a fresh interpreter on a pty).

    python tests/bench/bare_apps.py bare      Header, Static, Footer
    python tests/bench/bare_apps.py counter   the same, and up/down change a number on screen
    python tests/bench/bare_apps.py input     the same with a focused Input between: the floor for typing
    python tests/bench/bare_apps.py quick     bare, with samspil's exit path: the floor for quitting

ctrl+q quits them all (Textual's own binding), as it quits samspil. Textual's own exit waits for
its input thread and then tears the interpreter down; samspil skips both (its driver,
tui/driver.py, and `leave` in tui/__main__.py), so only "quick", which takes the same two
shortcuts, is a fair floor for samspil's quit.
"""

from __future__ import annotations

import os
import sys

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


def quick() -> None:
    from tui.driver import samspil_driver

    app = Bare()
    app.driver_class = samspil_driver()
    app.run()
    sys.stdout.flush()
    os._exit(0)  # as tui.__main__.leave: no interpreter teardown


if __name__ == "__main__":
    if sys.argv[1] == "quick":
        quick()
    else:
        {"bare": Bare, "counter": Counter, "input": Typing}[sys.argv[1]]().run()
