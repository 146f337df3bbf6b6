"""Where the time goes: samspil's real command line, headless at 80x24, profiled.

    python -m cProfile -o /tmp/start.prof -m tests.bench.profile_start      start to home list
    python -X importtime -m tests.bench.profile_start 2> /tmp/imports.txt   the imports on that path
    python -m tests.bench.profile_start --tab 1 --keys 20                   20 keys on the gauge
    python -m tests.bench.profile_start --tab 2 --keys 20                   ... on the network map
    python -m tests.bench.profile_start --open                              opening the demo case

Runs `samspil --data-dir <temp copy of the demo> --lang da` (tui.__main__.main) with the app
made headless. With --tab it opens the demo case (the first row) and moves right to that tab,
Tab into the pane, presses the keys the benchmark presses there first (the network tab: "m" for
the map), then the benchmark's first key pair (gauge: right/left, map: n/p) --keys times under
cProfile and prints the top of the profile. --open profiles opening the case instead.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time

START = time.perf_counter()


def _arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main() -> int:
    from tests.bench.ui import GAUGE, NETWORK, DataDir

    tab, keys, profile_open = _arg("--tab", 0), _arg("--keys", 0), "--open" in sys.argv
    from textual.app import App

    run = App.run
    profiler = cProfile.Profile()

    async def until_ready(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(f"home list shown after {time.perf_counter() - START:.3f} s", file=sys.stderr)
        if tab or profile_open:
            profiler.enable() if profile_open else None
            await pilot.press("enter")
            await pilot.pause()
            profiler.disable()
            tool = {GAUGE.tab_steps: GAUGE, NETWORK.tab_steps: NETWORK}.get(tab)
            await pilot.press(*["right"] * tab, "tab", *(tool.setup_keys if tool else ()))
            await pilot.pause()
            pair = tool.key_pairs[0] if tool else ("right", "left")
            began = time.perf_counter()
            profiler.enable() if keys else None
            for index in range(keys):
                await pilot.press(pair[index % 2])
                await pilot.pause()
            profiler.disable()
            if keys:
                print(f"{keys} keys on tab {tab}: {(time.perf_counter() - began) / keys * 1000:.1f} ms each (profiled)", file=sys.stderr)
        app.exit()

    def headless(self, *args, **kwargs):
        return run(self, headless=True, size=(80, 24), auto_pilot=until_ready)

    App.run = headless
    from tui import __main__ as cli

    cli.leave = lambda code: code  # keep the process, to print the profile
    with DataDir() as data:
        code = cli.main(["--data-dir", str(data), "--lang", "da"])
    if keys or profile_open:
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(45)
        stats.print_stats("/(tui|saved|models)/", 25)
    return code


if __name__ == "__main__":
    sys.exit(main())
