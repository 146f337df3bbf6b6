"""Unix users and groups for the tests that run samspil as two people (CI runs as root).

Made once and kept. Two test runs may start at the same moment (CI runs Python 3.10 beside
3.11): `useradd` then fails for the run that comes second, or while the other holds the lock on
/etc/passwd, so each is retried until the name exists.
"""

from __future__ import annotations

import subprocess
import time


def ensure_group(name: str) -> int:
    import grp  # POSIX only: callers are skipped before this on Windows

    for _ in range(50):
        try:
            return grp.getgrnam(name).gr_gid
        except KeyError:
            subprocess.run(["groupadd", name], capture_output=True)
            time.sleep(0.1)
    return grp.getgrnam(name).gr_gid


def ensure_user(name: str, *groups: str):
    import pwd

    extra = ["-G", ",".join(groups)] if groups else []
    for _ in range(50):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/false", *extra, name], capture_output=True)
            time.sleep(0.1)
    return pwd.getpwnam(name)
