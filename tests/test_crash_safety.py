"""Kill -9 at any moment of a save leaves the old file or the new one, whole.

A process saves one document in a tight loop, alternating between two versions of different
sizes; the test kills it with SIGKILL after a random delay, hundreds of times, reusing the same
file. After every kill: the document loads and is exactly version A or version B, so is its
backup, and any temp file the kill left behind is reported by `samspil check`.

Set SAMSPIL_CRASH_SEED to replay the same delays.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from saved.check import check
from saved.files import leftover_temp_files
from saved.locations import Locations
from saved.store import create, load
from tests import crash_child

REPO = Path(__file__).resolve().parents[1]
CHILD = Path(crash_child.__file__).resolve()

FORKED_KILLS = 240  # workers forked from one interpreter: cheap kill points
DIRECT_KILLS = 10  # whole interpreters started with sys.executable and killed
MAX_DELAY = 0.025  # seconds; one save of version A takes a few milliseconds


class Verifier:
    def __init__(self, locations: Locations, path: Path):
        self.locations = locations
        self.path = path
        self.kills = 0
        self.outcomes: Counter[str] = Counter()
        self.with_temp = Counter()

    def after_kill(self) -> None:
        self.kills += 1
        where = f"after kill {self.kills}"
        # The document is one of the two versions, whole.
        version = crash_child.which(load(self.path).document)
        assert version in ("A", "B"), f"{where}: the document is neither version"
        self.outcomes[version] += 1
        # So is its backup (written the same way), once there is one.
        backup = self.locations.backup_of(self.path)
        if backup.exists():
            assert crash_child.which(load(backup).document) in ("A", "B"), f"{where}: the backup is torn"
        # Whatever the kill left behind is reported, not left unnoticed.
        leftovers = set(leftover_temp_files(self.locations.documents)) | set(leftover_temp_files(self.locations.backups))
        problems = check(None, self.locations)
        reported = {p.path for p in problems if "interrupted save" in p.message}
        assert reported == leftovers, f"{where}: check reported {reported}, left behind {leftovers}"
        assert len(problems) == len(leftovers), f"{where}: unexpected problems {problems}"
        for temp in leftovers:
            self.with_temp[temp.parent.name] += 1
            temp.unlink()  # as the user would, after `samspil check`
        assert os.listdir(self.locations.documents) == [self.path.name]


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.mark.slow
def test_kill_minus_nine_during_saves_never_loses_the_document(tmp_path, record_property):
    seed = int(os.environ.get("SAMSPIL_CRASH_SEED", time.time_ns() % 2**32))
    rng = random.Random(seed)
    locations = Locations(tmp_path / "data")
    path = create(locations, crash_child.first_document()).path
    assert path.stat().st_size > 100_000, "version A takes a while to write"
    verify = Verifier(locations, path)
    started = time.monotonic()
    errors = tmp_path / "child-stderr.txt"

    # 1. A fork server: each round forks a fresh saver from one warm interpreter.
    with errors.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, str(CHILD), "serve", str(locations.root), str(path)],
            cwd=REPO, env=child_env(), text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
        )
    try:
        for _ in range(FORKED_KILLS):
            server.stdin.write("go\n")
            server.stdin.flush()
            line = server.stdout.readline()
            assert line.strip().isdigit(), f"server said {line!r}: {errors.read_text()}"
            worker = int(line)
            time.sleep(rng.uniform(0, MAX_DELAY))
            os.kill(worker, signal.SIGKILL)
            ended = server.stdout.readline().strip()
            assert ended == f"signal {signal.SIGKILL}", f"the saver stopped by itself ({ended}): {errors.read_text()}"
            verify.after_kill()
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    forked_seconds = time.monotonic() - started

    # 2. Whole interpreters: start, wait until saving, kill.
    for _ in range(DIRECT_KILLS):
        with errors.open("w") as stderr:
            child = subprocess.Popen(
                [sys.executable, str(CHILD), "loop", str(locations.root), str(path)],
                cwd=REPO, env=child_env(), text=True, stdout=subprocess.PIPE, stderr=stderr,
            )
        try:
            assert child.stdout.readline().strip() == "ready", errors.read_text()
            time.sleep(rng.uniform(0, MAX_DELAY))
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL, errors.read_text()
        verify.after_kill()

    summary = (
        f"{verify.kills} kill points (seed {seed}) in {time.monotonic() - started:.1f} s "
        f"({forked_seconds:.1f} s forked): document was A {verify.outcomes['A']}x, B {verify.outcomes['B']}x; "
        f"kills that left a temp file: {dict(verify.with_temp)}"
    )
    print(summary)
    record_property("kill_points", verify.kills)
    record_property("crash_summary", summary)
    assert verify.kills == FORKED_KILLS + DIRECT_KILLS >= 200
    # The kills landed in the middle of saving, not only between saves.
    assert verify.outcomes["A"] > 0 and verify.outcomes["B"] > 0, summary
    assert sum(verify.with_temp.values()) > 0, summary
