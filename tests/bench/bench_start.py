"""Start time of samspil's home screen next to a bare Textual app, in the same run.

    python tests/bench/bench_start.py [RUNS]

Each start is a fresh process (interpreter, imports, first frame with the document list
loaded); the figure is the median wall time, and the ratio is samspil / bare.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def one_start(*args: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "start_app.py"), *args], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    sys.path.insert(0, str(ROOT))
    from saved.examples import copy_examples
    from saved.locations import Locations

    data = Path(tempfile.mkdtemp(prefix="samspil-bench-"))
    try:
        copy_examples(Locations(data))
        bare, home = [], []
        for _ in range(runs):  # interleaved, so both see the same machine load
            bare.append(one_start("bare"))
            home.append(one_start("home", str(data)))
    finally:
        shutil.rmtree(data)
    b, h = statistics.median(bare), statistics.median(home)
    print(f"{'what':<34}{'median s':>10}{'ratio':>8}")
    print(f"{'bare Textual app, first frame':<34}{b:>10.3f}{1:>8.2f}")
    print(f"{'samspil home, list loaded':<34}{h:>10.3f}{h / b:>8.2f}")
    print(f"({runs} runs each, interleaved; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
