"""Helper for tests/test_crash_safety.py: save one document in a tight loop until killed.

    python tests/crash_child.py loop DATA_ROOT DOCUMENT
        Load DOCUMENT, print "ready", then save it over and over with saved.store.save,
        alternating between VERSION_A and VERSION_B, until the parent kills this process.

    python tests/crash_child.py serve DATA_ROOT DOCUMENT
        A fork server, so that hundreds of kill points cost no interpreter start-ups: for each
        line "go" on stdin, load DOCUMENT afresh, fork a worker that runs the same save loop,
        print the worker's pid, wait for it, and print how it ended ("signal 9", "exit 1").

Only the saving process is killed; everything it leaves behind is checked by the parent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.documents import Case  # noqa: E402

# The schema caps notes at 20,000 characters. Control characters are written as \uXXXX
# escapes (6 bytes each), so version A is the largest notes can make a file: about 120 KB.
NOTES_A = "\x01" * 20_000
NOTES_B = "B🅱" * 7_000  # about 35 KB: a different size, so a torn or mixed file shows
TITLE_A = "Version A"
TITLE_B = "Version B"
VERSIONS = {(TITLE_A, NOTES_A): "A", (TITLE_B, NOTES_B): "B"}


def first_document() -> Case:
    return Case(id="crashtst", title=TITLE_A, notes=NOTES_A)


def which(document) -> str | None:
    """'A' or 'B' for one of the two versions, None for anything else."""
    return VERSIONS.get((document.title, document.notes))


def save_forever(root: Path, path: Path, loaded=None) -> None:
    from saved.locations import Locations
    from saved.store import load, save

    locations = Locations(root)
    loaded = loaded or load(path)
    versions = [(TITLE_A, NOTES_A), (TITLE_B, NOTES_B)]
    n = 0 if which(loaded.document) == "B" else 1
    while True:
        loaded.document.title, loaded.document.notes = versions[n % 2]
        save(locations, loaded)
        n += 1


def loop(root: Path, path: Path) -> None:
    from saved.store import load

    loaded = load(path)
    print("ready", flush=True)
    save_forever(root, path, loaded)


def serve(root: Path, path: Path) -> None:
    from saved.store import load

    for line in sys.stdin:
        if line.strip() != "go":
            continue
        loaded = load(path)  # the file as the last kill left it
        pid = os.fork()
        if pid == 0:
            try:
                save_forever(root, path, loaded)
            except BaseException:  # noqa: BLE001 - report whatever killed the child
                import traceback

                traceback.print_exc()
            finally:
                os._exit(1)  # never fall back into the server loop
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            print(f"signal {os.WTERMSIG(status)}", flush=True)
        else:
            print(f"exit {os.WEXITSTATUS(status)}", flush=True)


if __name__ == "__main__":
    mode, root, document = sys.argv[1:4]
    {"loop": loop, "serve": serve}[mode](Path(root), Path(document))
