"""Start one app headless, wait for its first useful frame, print the seconds, exit.

Run by bench_start.py in a fresh process each time, so imports are counted.
  python start_app.py bare            a bare Textual app (Header, Static, Footer)
  python start_app.py home DATA_DIR   samspil's home screen with the document list loaded
"""

from __future__ import annotations

import sys
import time

START = time.perf_counter()


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("hello")
            yield Footer()

    return Bare()


def home_app(data_dir: str):
    from tui.i18n import set_language

    set_language("da")
    from saved.locations import Locations
    from tui.app import SamspilApp

    return SamspilApp(Locations.resolve(data_dir))


async def until_ready(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    print(f"{time.perf_counter() - START:.4f}")
    pilot.app.exit()


if __name__ == "__main__":
    app = bare_app() if sys.argv[1] == "bare" else home_app(sys.argv[2])
    app.run(headless=True, size=(80, 24), auto_pilot=until_ready)
