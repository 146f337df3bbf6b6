"""Helper for tests/test_two_users_team.py: one team member's samspil, without a screen.

    python tests/team_child.py edit TEAM DOCUMENT N
        Open DOCUMENT (taking the lock), change its notes N times, saving each time; print "ok".
    python tests/team_child.py hold TEAM BOARD
        Open BOARD and keep its lock; print "holding". Then one command a line on stdin:
        "merge" (print nominations, votes, refused), "merge-kill-before-save",
        "merge-kill-after-save" (this process kills itself with SIGKILL at that point), "quit".
    python tests/team_child.py post TEAM BOARD ITEM_ID
        As a reader while another holds BOARD: print the holder, nominate two practices (one
        anonymously) and vote for ITEM_ID.
    python tests/team_child.py read TEAM BOARD
        Print the board's items (what, nominated by) and its votes per item, as JSON.
    python tests/team_child.py take TEAM BOARD
        Open BOARD, taking over a stale lock, merge and change its notes; print "took".
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from saved import inbox  # noqa: E402
from saved.editing import OpenDocument  # noqa: E402
from saved.lock import LockHeld  # noqa: E402
from saved.team import open_team  # noqa: E402


def main(command: str, folder: str, document: str, *rest: str) -> None:
    team = open_team(folder)
    path = team.locations.documents / document
    if command == "edit":
        opened = OpenDocument.open(team.locations, path)
        assert opened.read_only is None, opened.read_only
        for number in range(int(rest[0])):
            opened.document.notes = f"{os.getuid()}: {number}"
            opened.mark_changed()
            opened.save()
        opened.close()
        print("ok")
    elif command == "hold":
        opened = OpenDocument.open(team.locations, path)
        assert opened.read_only is None, opened.read_only
        print("holding", flush=True)
        for line in sys.stdin:
            order = line.strip()
            if order == "merge-kill-before-save":
                opened.save = lambda: os.kill(os.getpid(), signal.SIGKILL)  # type: ignore[method-assign]
            elif order == "merge-kill-after-save":
                inbox.remove = lambda *_: os.kill(os.getpid(), signal.SIGKILL)  # type: ignore[assignment]
            elif order == "quit":
                break
            pending = inbox.merge_open(opened)
            print(json.dumps([len(pending.items), len(pending.votes), [str(problem) for problem in pending.refused]]), flush=True)
        opened.close()
    elif command == "post":
        reader = OpenDocument.open(team.locations, path)
        assert reader.holder is not None
        print(json.dumps({"read_only": str(reader.read_only), "holder": reader.holder.user, "host": reader.holder.host, "since": reader.holder.since}))
        inbox.nominate(path, "Dobbelt journalføring", "tager en time om dagen")
        inbox.nominate(path, "Morgenmødet om mandagen", anonymous=True)
        inbox.vote(path, rest[0])
    elif command == "read":
        from saved import store
        from models.team import votes_for

        board = store.load(path).document
        print(json.dumps([[item.what, item.nominated_by, votes_for(board.votes, item.id)] for item in board.items]))
    elif command == "take":
        try:
            opened = OpenDocument.open(team.locations, path)
        except LockHeld:
            opened = OpenDocument.open(team.locations, path, take_over=True)
        assert opened.read_only is None, opened.read_only
        inbox.merge_open(opened)
        opened.document.notes = "overtaget"
        opened.mark_changed()
        opened.save()
        opened.close()
        print("took")


if __name__ == "__main__":
    main(*sys.argv[1:])
