"""Two Unix users on one server: another user who can rename entries of a shared directory
cannot redirect samspil's writes by swapping the data directory (and its documents/) mid-run.

Needs root, to create the two users; skipped with the reason otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from pathlib import Path

import pytest

import saved.platform
from tests.system_users import ensure_user

ROOT = Path(__file__).resolve().parent.parent
USERS = ("samspil-test-a", "samspil-test-b")
#: The test's own Python may live where other users cannot reach (root's home): a system Python
#: of the same version runs the users' parts, with this environment's packages on its path.
SYSTEM_PYTHON = "/usr/bin/python3"


def _system_python_fits() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    version = subprocess.run([SYSTEM_PYTHON, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True)
    return version.stdout.strip() == str(sys.version_info[:2])


pytestmark = [
    pytest.mark.skipif(saved.platform.WINDOWS or os.geteuid() != 0 or shutil.which("useradd") is None, reason="needs root on POSIX to create two users"),
    pytest.mark.skipif(not _system_python_fits(), reason=f"needs {SYSTEM_PYTHON} of this Python's version for the other users"),
]


def user(name: str):
    return ensure_user(name)


def as_user(name: str, script: str, *args: str) -> subprocess.CompletedProcess:
    info = user(name)
    packages = sysconfig.get_paths()["purelib"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{ROOT}:{packages}", "HOME": "/nonexistent", "SAMSPIL_CONFIG_DIR": args[0] + "-config"}
    return subprocess.run(
        [SYSTEM_PYTHON, "-c", textwrap.dedent(script), *args],
        user=info.pw_uid, group=info.pw_gid, extra_groups=[], env=env, capture_output=True, text=True, timeout=120, cwd="/",
    )


@pytest.fixture
def shared():
    """A shared directory without the sticky bit (anyone may rename in it), where both users can
    reach it (pytest's own temp directory is root's alone)."""
    top = Path(tempfile.mkdtemp(prefix="samspil-two-users-"))
    os.chmod(top, 0o755)
    team = top / "team"
    team.mkdir()
    os.chmod(team, 0o777)
    yield team
    shutil.rmtree(top, ignore_errors=True)


def test_swapping_the_data_directory_cannot_redirect_a_save(shared):
    a, b = user(USERS[0]), user(USERS[1])
    data = shared / "a-data"
    # User A: create a case, then keep it open (a session) while B swaps the directory.
    started = as_user(USERS[0], """
        import sys
        from pathlib import Path
        from models.documents import Case
        from saved import store
        from saved.locations import Locations
        locations = Locations(Path(sys.argv[1]))
        locations.ensure()
        loaded = store.create(locations, Case(title="K.M.", notes="hemmelig"))
        print(loaded.path.name)
    """, str(data))
    assert started.returncode == 0, started.stderr
    name = started.stdout.strip()
    # User B: move A's data directory away and put their own in its place, documents/ a link
    # to a directory of B's.
    swapped = as_user(USERS[1], """
        import os, sys
        from pathlib import Path
        data = Path(sys.argv[1])
        os.rename(data, data.with_name("a-data-moved"))
        data.mkdir()
        mine = data.with_name("b-catch")
        mine.mkdir()
        os.chmod(mine, 0o777)
        os.symlink(mine, data / "documents")
        (data / "backups").mkdir()
        os.chmod(data / "backups", 0o777)
    """, str(data))
    assert swapped.returncode == 0, swapped.stderr
    # User A saves again (the open document, then a new one): both are refused, nothing lands in B's.
    saving = as_user(USERS[0], """
        import sys
        from pathlib import Path
        from models.documents import Case
        from saved import store
        from saved.locations import Locations
        locations = Locations(Path(sys.argv[1]))
        outcomes = []
        for attempt in ("create", "save"):
            try:
                if attempt == "create":
                    store.create(locations, Case(title="ny"))
                else:
                    path = locations.documents / sys.argv[2]
                    store.save(locations, store.Loaded(path, Case(title="K.M.", notes="ændret"), None))
                outcomes.append(attempt + ": written")
            except Exception as error:
                outcomes.append(attempt + ": refused " + type(error).__name__)
        print("\\n".join(outcomes))
    """, str(data), name)
    assert saving.returncode == 0, saving.stderr
    create, save = saving.stdout.split("\n")[:2]
    assert create == "create: refused UnsafePath" and save.startswith("save: refused"), saving.stdout
    assert list((shared / "b-catch").iterdir()) == []
    assert (shared / "a-data-moved" / "documents" / name).stat().st_uid == a.pw_uid
    assert b.pw_uid != a.pw_uid
