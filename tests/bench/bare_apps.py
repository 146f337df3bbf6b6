"""The floor: the smallest Textual apps, started the same way as samspil (a fresh interpreter on a pty).

    python tests/bench/bare_apps.py bare      Header, Static, Footer
    python tests/bench/bare_apps.py counter   the same, and up/down change a number on screen

ctrl+q quits both (Textual's own binding), as it quits samspil.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

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


if __name__ == "__main__":
    {"bare": Bare, "counter": Counter}[sys.argv[1]]().run()
