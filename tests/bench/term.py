"""One program on a pseudo-terminal, as a user over SSH sees it: what it writes, when, and how much.

The harness is the terminal: it reads every byte the program writes to the pty (that is what
would cross an SSH link), times when expected text first appears, sends key bytes, and counts
the bytes of the burst of output that each key causes. Peak memory is the program's own (VmHWM),
read before it quits.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

COLUMNS, LINES = 80, 24

#: Key names to the bytes a terminal (xterm) sends for them.
KEYS = {
    "enter": b"\r",
    "tab": b"\t",
    "escape": b"\x1b",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "ctrl+end": b"\x1b[1;5F",
    "ctrl+q": b"\x11",
    "space": b" ",
    "f1": b"\x1bOP",
}

# Escape sequences (CSI, OSC, DCS and two-byte ESC forms), removed to see the text on the stream.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bP[^\x1b]*\x1b\\|\x1b[()][0-9A-Za-z]|\x1b[@-_=>]")
_SPACE = re.compile(r"\s+")


def visible_text(stream: bytes) -> str:
    """The text on a stream of terminal output, escapes removed, whitespace runs made one space.

    A widget's line is written as one run (style codes between spans), and lines are padded
    with spaces, so text wrapped over two lines still reads as one phrase here.
    """
    text = _ESCAPES.sub(b"", stream).decode("utf-8", errors="replace")
    return _SPACE.sub(" ", text)


def key_bytes(key: str) -> bytes:
    return KEYS.get(key, key.encode("utf-8"))


class Timeout(Exception):
    """The expected output did not come in time: the target is missing or the app is stuck."""


@dataclass
class Burst:
    """The output caused by one action: from the action to the last byte before a quiet gap."""

    seconds: float  # action to last byte (0 if no output came)
    nbytes: int


class Terminal:
    """A child process on a pty of COLUMNS x LINES, xterm-256color."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: str) -> None:
        self.stream = bytearray()
        self.arrivals: list[tuple[int, float]] = []  # (stream length after a read, when it came)
        self.exit_status: int | None = None
        #: The program's peak memory (KiB), read by `note_peak_memory` while it runs.
        self.max_rss_kib: int | None = None
        self.exited_at: float | None = None
        self.started_at = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child: size the terminal before the program asks for it, then become it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
                os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.pidfd = os.pidfd_open(pid)
        os.set_blocking(fd, False)

    # ---- reading -----------------------------------------------------------------------

    def _read(self, timeout: float) -> float | None:
        """Wait up to `timeout` for output or exit; the time the output arrived, or None."""
        ready, _, _ = select.select([self.fd, self.pidfd], [], [], max(timeout, 0))
        arrived = time.perf_counter()
        if self.fd in ready:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except (BlockingIOError, InterruptedError):
                return None
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if chunk:
                self.stream += chunk
                self.arrivals.append((len(self.stream), arrived))
                return arrived
        if self.pidfd in ready or (self.fd in ready and self.exit_status is None):
            self._reap(block=self.pidfd in ready)
        return None

    def _reap(self, block: bool) -> None:
        if self.exit_status is not None:
            return
        pid, status, _usage = os.wait4(self.pid, 0 if block else os.WNOHANG)
        if pid == self.pid:
            self.exited_at = time.perf_counter()
            self.exit_status = os.waitstatus_to_exitcode(status)

    def wait_for_text(self, text: str, timeout: float = 30.0, since: int = 0) -> float:
        """Read until `text` is on the stream (after byte `since`); the time it arrived."""
        wanted = _SPACE.sub(" ", text)
        deadline = time.perf_counter() + timeout
        while True:
            if wanted in visible_text(bytes(self.stream[since:])):
                return self._first_showing(wanted, since)
            if self.exit_status is not None:
                raise Timeout(f"exited ({self.exit_status}) before showing {text!r}{self.crash_line()}")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Timeout(f"{text!r} did not appear within {timeout:.0f} s")
            arrived = self._read(left)
            if arrived is not None:
                self._last_arrival = arrived

    _last_arrival = 0.0

    def _first_showing(self, wanted: str, since: int) -> float:
        """When the read that completed `wanted` on the stream arrived."""
        for end, arrived in self.arrivals:
            if end > since and wanted in visible_text(bytes(self.stream[since:end])):
                return arrived
        return self._last_arrival

    def crash_line(self) -> str:
        """The last 'SomeError: message' the program printed (Textual shows tracebacks on exit)."""
        found = re.findall(r"(\w+(?:Error|Exception): [^│╭╰]{0,70})", visible_text(bytes(self.stream[-20000:])))
        return f": {found[-1].strip()}" if found else ""

    def settle(self, quiet: float = 0.3, timeout: float = 10.0, first: float | None = None) -> float | None:
        """Read until no output for `quiet` s; the time of the last byte read (None if none came).

        `first`: give up after this long if nothing at all comes.
        """
        last = None
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self.exit_status is None:
            wait = quiet if last is not None or first is None else first
            arrived = self._read(wait)
            if arrived is None:
                if last is not None or first is not None:
                    break
                continue
            last = arrived
            self._last_arrival = arrived
        return last

    def note_peak_memory(self) -> None:
        """The program's peak resident memory so far (VmHWM), kept in `max_rss_kib`.

        Not wait4's ru_maxrss: Linux keeps that across exec, so a child forked from this process
        reported this process's size whenever it was larger than the program (the bench, grown
        to 67 MB, made a 34 MB bare app read 67 MB). VmHWM belongs to the program's own memory
        since its exec."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    self.max_rss_kib = int(line.split()[1])
                    return

    def cpu_seconds(self) -> float:
        """CPU time the program has used so far, all its threads (from /proc: ns, not ticks).

        Unlike wall time it hardly changes with the load of other programs on the machine.
        """
        total = 0
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/schedstat") as handle:
                    total += int(handle.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                pass  # a thread that just ended
        return total / 1e9

    # ---- writing -----------------------------------------------------------------------

    def send(self, *keys: str) -> float:
        """Write the keys' bytes; the time just before writing."""
        data = b"".join(key_bytes(key) for key in keys)
        sent = time.perf_counter()
        os.write(self.fd, data)
        return sent

    def press(self, key: str, quiet: float = 0.3, first: float = 2.0) -> Burst:
        """Press one key and measure the burst of output it causes."""
        before = len(self.stream)
        sent = self.send(key)
        last = self.settle(quiet=quiet, first=first)
        if last is None:
            return Burst(0.0, 0)
        return Burst(last - sent, len(self.stream) - before)

    # ---- ending ------------------------------------------------------------------------

    def wait_exit(self, timeout: float = 15.0) -> float:
        """Drain the terminal until the process has exited; the time it exited."""
        deadline = time.perf_counter() + timeout
        while self.exit_status is None:
            if time.perf_counter() > deadline:
                raise Timeout(f"did not exit within {timeout:.0f} s")
            self._read(0.05)
        return self.exited_at

    def close(self) -> None:
        """End the child if it still runs (it is ours), and free the descriptors."""
        if self.exit_status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap(block=True)
        for fd in (self.fd, self.pidfd):
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
