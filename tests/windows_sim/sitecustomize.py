"""A simulated Windows on Linux, for the test suite and every Python it starts.

    PYTHONPATH=tests/windows_sim python -m pytest

Python runs this file at start-up (before samspil is imported): it removes from `os` the POSIX
names Windows lacks, makes `termios`, `fcntl` and `pwd` unimportable, and puts saved.platform on
its Windows branch. It is a simulation: it catches POSIX calls outside saved.platform and runs
the Windows branches, but not Windows itself (NTFS, its console, kernel32; see below).
"""

import importlib.abc
import os
import sys

POSIX_ONLY_NAMES = (
    "getuid", "geteuid", "getgid", "getegid", "getgroups", "fchmod", "fchown", "lchown", "chown",
    "O_NOFOLLOW", "O_NONBLOCK", "O_DIRECTORY", "O_NOCTTY",
)
POSIX_ONLY_MODULES = ("termios", "fcntl", "pwd")


class _Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in POSIX_ONLY_MODULES:
            raise ModuleNotFoundError(f"No module named {name!r} (simulated Windows)", name=name)


# Libraries choose their Windows parts by sys.platform, which stays "linux": platformdirs is
# loaded before the names go, so that its Linux parts (which use os.getuid) still work.
import platformdirs  # noqa: E402, F401 - imported for its side effect, before the names go

for _name in POSIX_ONLY_NAMES:
    if hasattr(os, _name):
        delattr(os, _name)
for _module in POSIX_ONLY_MODULES:
    sys.modules.pop(_module, None)
sys.meta_path.insert(0, _Blocked())

# Textual picks its driver by sys.platform: here that is its Linux driver (termios). The tests
# use the headless driver anyway; Textual's Windows driver needs a Windows console.
os.environ["TEXTUAL_DRIVER"] = "textual.drivers.headless_driver:HeadlessDriver"

try:
    import saved.platform
except ImportError:  # a Python without samspil installed
    pass
else:
    saved.platform.WINDOWS = True

    def _process_state(pid: int) -> str:
        """Stands in for OpenProcess (kernel32 is not here), answering from the real process table."""
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return "gone"
        except PermissionError:
            pass
        return "running"

    saved.platform._windows_process_state = _process_state
