"""Two real Unix users in one group share a team folder (issue 20's "done when"): both edit
different documents at once; one nominates and votes while the other holds the board, and both
see the result; a kill -9 during a merge loses no nomination and counts none twice; the change
log records both users.

Needs root, to create the users and their group; skipped with the reason otherwise. Each user's
part runs tests/team_child.py with a system Python of the same version (as tests/test_two_users.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
import tempfile
from datetime import date
from pathlib import Path

import pytest

import saved.platform
from tests.system_users import ensure_group, ensure_user
from tests.test_two_users import SYSTEM_PYTHON, _system_python_fits

ROOT = Path(__file__).resolve().parent.parent
CHILD = str(ROOT / "tests" / "team_child.py")
GROUP = "samspil-team"
USERS = ("samspil-team-a", "samspil-team-b")

_CAN_ADD = shutil.which("useradd") is not None and shutil.which("groupadd") is not None
pytestmark = [
    pytest.mark.skipif(saved.platform.WINDOWS or os.geteuid() != 0 or not _CAN_ADD, reason="needs root on POSIX to create two users and their group"),
    pytest.mark.skipif(not _system_python_fits(), reason=f"needs {SYSTEM_PYTHON} of this Python's version for the other users"),
]


def group() -> int:
    return ensure_group(GROUP)


def user(name: str):
    return ensure_user(name, GROUP)


def command(name: str, *args: str) -> tuple[list[str], dict]:
    info = user(name)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{ROOT}:{sysconfig.get_paths()['purelib']}", "HOME": "/nonexistent", "SAMSPIL_CONFIG_DIR": "/nonexistent"}
    # umask 0o077: the strictest a member may have; samspil sets the team's modes itself.
    options = {"user": info.pw_uid, "group": info.pw_gid, "extra_groups": [group()], "env": env, "cwd": "/", "umask": 0o077, "text": True}
    return [SYSTEM_PYTHON, CHILD, *args], options


def run(name: str, *args: str) -> str:
    argv, options = command(name, *args)
    done = subprocess.run(argv, capture_output=True, timeout=120, **options)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Holder:
    """A member's samspil keeping a board open, driven line by line."""

    def __init__(self, name: str, folder: Path, board: str) -> None:
        argv, options = command(name, "hold", str(folder), board)
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)
        assert self.read() == "holding", self.process.stderr.read() if self.process.stderr else ""

    def read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def send(self, order: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(order + "\n")
        self.process.stdin.flush()

    def merge(self) -> list:
        self.send("merge")
        return json.loads(self.read())

    def quit(self) -> None:
        self.send("quit")
        self.process.wait(timeout=60)


@pytest.fixture
def folder():
    """`install -d -m 2770 -g samspil-team DIR`, under a directory both users can pass through."""
    top = Path(tempfile.mkdtemp(prefix="samspil-team-"))
    os.chmod(top, 0o755)
    team = top / "team"
    group()
    subprocess.run(["install", "-d", "-m", "2770", "-g", GROUP, str(team)], check=True)
    for name in USERS:
        user(name)
    yield team
    shutil.rmtree(top, ignore_errors=True)


def make_documents(folder: Path) -> tuple[str, str, str, str]:
    """Two cases and a board with one item, made by user A; their file names and the item's id."""
    from models.documents import Case
    from models.exnovation import Exnovation
    from models.exnovation import Item
    from saved import store
    from saved.files import forget_team_roots
    from saved.team import open_team

    team = open_team(folder)
    try:
        item = Item(what="Ugentlig statusmail", nominated_on=date(2026, 11, 1))
        names = [store.create(team.locations, doc).path.name for doc in (Case(title="A's"), Case(title="B's"), Exnovation(title="Tavle", items=[item]))]
    finally:
        forget_team_roots()
    return names[0], names[1], names[2], item.id


def test_two_members_edit_two_documents_at_once_and_the_log_names_each(folder):
    first, second, _, _ = make_documents(folder)
    starts = []
    for name, document in zip(USERS, (first, second)):
        argv, options = command(name, "edit", str(folder), document, "15")
        starts.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options))
    for process in starts:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and out.strip() == "ok", err
    import pwd

    for name, document in zip(USERS, (first, second)):
        path = folder / "documents" / document
        assert f'notes = "{pwd.getpwnam(name).pw_uid}: 14"' in path.read_text()
        assert oct(path.stat().st_mode & 0o777) == "0o660" and path.stat().st_gid == group()
        log = (folder / "changes" / f"{document}.log").read_text()
        assert f'"user": "{name}"' in log and log.count('"event": "save"') == 16  # made, then 15 edits
    # Every file and folder the two made is the team's and nobody else's.
    for path in folder.rglob("*"):
        info = path.lstat()
        assert info.st_gid == group() and not info.st_mode & 0o007, path


def test_one_nominates_and_votes_while_the_other_holds_the_board(folder):
    _, _, board, item = make_documents(folder)
    holder = Holder(USERS[0], folder, board)
    try:
        seen = json.loads(run(USERS[1], "post", str(folder), board, item).splitlines()[0])
        assert seen["read_only"] == "ReadOnly.LOCKED" and seen["holder"] == USERS[0] and seen["host"] == saved.platform.host_name() and seen["since"]
        assert holder.merge() == [2, 1, []]
        assert holder.merge() == [0, 0, []]
        # Both see the result: the reader while the holder still has the board, and the holder.
        expected = [["Ugentlig statusmail", "", 1], ["Dobbelt journalføring", USERS[1], 0], ["Morgenmødet om mandagen", "", 0]]
        assert json.loads(run(USERS[1], "read", str(folder), board)) == expected
        assert json.loads(run(USERS[0], "read", str(folder), board)) == expected
    finally:
        holder.quit()
    text = (folder / "documents" / board).read_text()
    assert "Dobbelt journalføring" in text and "Morgenmødet om mandagen" in text
    assert text.count(f'nominated_by = "{USERS[1]}"') == 1  # the anonymous one has no name
    assert f'voter = "{USERS[1]}"' in text
    # B opens the board now that A has gone, changes it, and the log names both.
    assert run(USERS[1], "take", str(folder), board).strip() == "took"
    log = (folder / "changes" / f"{board}.log").read_text()
    assert f'"user": "{USERS[0]}", "host": "{saved.platform.host_name()}", "event": "merged"' in log
    assert f'"user": "{USERS[1]}"' in log
    assert not list((folder / "documents" / f"{board}.inbox").glob("*.toml"))


@pytest.mark.parametrize("when", ["merge-kill-before-save", "merge-kill-after-save"])
def test_a_kill_during_a_merge_loses_no_nomination(folder, when):
    _, _, board, item = make_documents(folder)
    holder = Holder(USERS[0], folder, board)
    run(USERS[1], "post", str(folder), board, item)
    holder.send(when)
    holder.process.wait(timeout=60)
    assert holder.process.returncode == -9
    # The lock A left is stale (its process is gone): B takes over and merges what is there.
    assert run(USERS[1], "take", str(folder), board).strip() == "took"
    text = (folder / "documents" / board).read_text()
    assert text.count("Dobbelt journalføring") == 1 and text.count("Morgenmødet om mandagen") == 1
    assert text.count(f'item_id = "{item}"') == 1
    assert not list((folder / "documents" / f"{board}.inbox").glob("*.toml"))
