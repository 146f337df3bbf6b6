"""One error boundary: no traceback with values, and no document text, ever reaches a terminal.

Textual's default for an error in a handler is to end the app and print a traceback with the
local variables of every frame: notes, names, whole documents. Here instead
- an error in a handler or an action (anything dispatched as a message: keys, bindings, dialog
  results, timers' callbacks run through `guarded`) stops that one action; the app keeps running
  and says so in words that name no citizen text (`SamspilApp.contain_error`);
- an error Textual cannot recover from (compose, mount, rendering) ends the app, but first every
  open document's unsaved changes go to a recovery copy (`SamspilApp._handle_exception`);
- either way the error's type and samspil's own file:line (never a value or a message, which may
  quote a document) go to a 0600 log in the data directory, which `samspil locate` names.
"""

from __future__ import annotations

import errno
import inspect
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saved.store import Problem

_ROOT = Path(__file__).resolve().parent.parent
_OURS = tuple(str(_ROOT / package) + os.sep for package in ("tui", "models", "saved"))
#: The log is kept short: at this size it is moved to samspil.log.old and started afresh.
LOG_LIMIT = 256 * 1024


#: The OS errors a user can do something about, in the interface's words (tui/i18n [os]); others
#: are said as the system says them (its strerror, in English).
_OS_WORDS = {
    getattr(errno, name): key
    for name, key in (
        ("ENOSPC", "os.disk_full"), ("EDQUOT", "os.quota"), ("EACCES", "os.no_access"), ("EPERM", "os.no_access"),
        ("EROFS", "os.read_only_disk"), ("EIO", "os.io"), ("ENOENT", "os.not_found"),
    )
    if hasattr(errno, name)  # not every system has every one
}


def os_reason(error: OSError) -> str:
    """An OS error in words that name no file content (ours, its strerror, or the error's type)."""
    from models.text import safe_text

    if error.errno in _OS_WORDS:
        from tui.i18n import t

        return t(_OS_WORDS[error.errno])
    if error.strerror is None and error.errno is None and len(error.args) == 1 and isinstance(error.args[0], str):
        return safe_text(error.args[0], single_line=True)  # ours (UnsafePath): what is wrong, and where
    return safe_text(error.strerror or type(error).__name__, single_line=True)


def where(error: BaseException) -> str:
    """The error's type and samspil's frames as file:line, innermost first. No values, no message."""
    return _where(type(error).__name__, [(frame.filename, frame.lineno) for frame in traceback.extract_tb(error.__traceback__)])


def where_shown(renderables: tuple[Any, ...]) -> str:
    """`where` for an error Textual has already made into a rich Traceback (its input thread's,
    handed to `App.panic`): the exception's type and samspil's frames, from the Traceback's own
    record of them (rich keeps no values unless asked to)."""
    from rich.traceback import Traceback

    for renderable in renderables:
        if isinstance(renderable, Traceback) and renderable.trace.stacks:
            stack = renderable.trace.stacks[0]  # the exception raised (the later ones are its causes)
            return _where(stack.exc_type, [(frame.filename, frame.lineno) for frame in stack.frames])
    return "an error at Textual"


def _where(kind: str, frames: list[tuple[str, int | None]]) -> str:
    ours = [(filename, line) for filename, line in frames if filename.startswith(_OURS)]
    places = " < ".join(f"{Path(filename).relative_to(_ROOT).as_posix()}:{line}" for filename, line in reversed(ours[-6:]))
    return f"{kind} at {places or 'Textual'}"


def log_error(log: Path, error: BaseException | str) -> bool:
    """Append one line to the error log (0600): the error's place (`where`, or a place already
    said so). Whether it was written (a full disk, a folder gone); never raises: logging must
    not fail an exit."""
    line = f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {error if isinstance(error, str) else where(error)}\n".encode()
    try:
        if log.parent.is_dir():
            if log.exists() and os.path.getsize(log) > LOG_LIMIT:
                os.replace(log, log.with_name(log.name + ".old"))
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                return os.write(fd, line) == len(line)
            finally:
                os.close(fd)
    except OSError:
        pass
    return False


def logged_where(log: Path, error: BaseException | str) -> str:
    """Log the error, and say where its place can be read, or that it could not be written (a
    message that names a log it never wrote sends a supporter looking for nothing)."""
    from models.text import safe_text
    from tui.i18n import t

    return t("error.in_log" if log_error(log, error) else "error.not_logged", log=safe_text(str(log), single_line=True))


def install_dispatch_guard() -> None:
    """Make every message handler of a SamspilApp end in `contain_error` rather than in Textual's
    fatal path. (Textual would also stop the failing widget's message loop for good.)"""
    from textual._context import active_app
    from textual.message_pump import MessagePump

    original = MessagePump._dispatch_message
    if getattr(original, "samspil_guard", False):
        return

    async def dispatch(self: MessagePump, message: Any) -> None:
        try:
            await original(self, message)
        except Exception as error:
            contain = getattr(active_app.get(None), "contain_error", None)
            if contain is None:
                raise
            contain(error)

    # Dialog results and `call_next` callbacks may run outside a dispatch (when the queue is idle).
    original_call_next = MessagePump.call_next

    def call_next(self: MessagePump, callback: Any, *args: Any, **kwargs: Any) -> None:
        async def guarded() -> None:
            try:
                result = callback(*args, **kwargs)
                if inspect.isawaitable(result):
                    await result
            except Exception as error:
                contain = getattr(active_app.get(None), "contain_error", None)
                if contain is None:
                    raise
                contain(error)

        original_call_next(self, guarded)

    dispatch.samspil_guard = True  # type: ignore[attr-defined]
    MessagePump._dispatch_message = dispatch  # type: ignore[method-assign]
    MessagePump.call_next = call_next  # type: ignore[method-assign]


def plain_excepthook(kind: type[BaseException], error: BaseException, _tb: Any) -> None:
    """For errors outside the app (command line): one line, no values, no document text."""
    if isinstance(error, KeyboardInterrupt):
        sys.stderr.write("\n")
        return
    sys.stderr.write(f"samspil: unexpected error ({where(error)})\n")


def said(problem: Problem, *, short: bool = False) -> str:
    """A problem with a file in the interface's words (file:line: what is wrong), where the
    catalogue has them for its code; else as the store said it, in English. Plain text: the
    caller shows it through `safe_text` (a key path or a lock's holder is read from the file)."""
    from tui.i18n import raw

    where = problem.path.name if short else str(problem.path)
    values = dict(problem.values)
    message = problem.message
    if problem.code == "unreadable" and values.get("errno", "").isdigit():  # the system's reason in ours
        values["reason"] = os_reason(OSError(int(values["errno"]), values.get("reason", "")))
    elif problem.code == "toml":  # tomllib's reason (saved.store.TOML_REASONS) in our words
        values["reason"] = raw(f"problem.toml_reason.{values.get('reason')}") or ""
    text = raw(f"problem.{problem.code}", **values)
    if text is not None:
        try:
            words = text.format(**values)  # a value is named "key"
        except (KeyError, IndexError, ValueError):  # values this version of pydantic does not give
            pass
        else:
            message = f"{values['key']}: {words}" if "key" in values else words
    return problem.say(where, message)
