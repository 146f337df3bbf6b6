"""Keys in the order typed: every key reaches the widget that would have had it had it been typed slowly.

Textual hands a key to the focused widget's queue and goes on with the next key at once. A key
that is handled further up (Tab by the screen, Enter by a form that moves on, a letter that
opens a dialog) is handled only after the keys behind it were already given to the old widget:
`x Tab A B` typed in a burst leaves "xAB" in the first field. Keys typed while a screen opens
reach the screen underneath for the same reason.

`KeyOrder` makes the app take one key at a time. After a key that may change where keys go
(anything but a printable character that the focused text field takes), and after every screen
push, pop or switch, the keys behind it are held until the app is quiet again: the app and every
widget of the top screen (the footer aside) have no message to handle but repaints and no callback
pending (checked on the few pumps that were given work since they were last idle, not by walking
the screen's widgets), so the key's bindings have run, the dialog it opened is mounted and its first field has
focus; and the screen is not `preparing` what keys act on (home's list, filled by a thread).
Then the held keys are given out in order, one at a time by the same rule. Paste is kept
in the same order. After MOST_WAIT the held keys go out anyway.
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic
from typing import TYPE_CHECKING

from textual import events, messages
from textual._queue import Queue
from textual.message import Message
from textual.widgets import Footer

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import Screen

#: Longest wait for the app to be quiet before the held keys are given out anyway (a widget
#: with a busy timer must not swallow the keyboard).
MOST_WAIT = 2.0
#: Longest a key's answer is held back to be drawn whole (a slow handler must not hide the screen).
MOST_GATHER = 0.1

Typed = events.Key | events.Paste


class Release(Message, bubble=False):
    """The app is quiet: give out the held keys (handled by the app)."""


#: Messages that only repaint: they cannot move focus or take a key, so they are not waited for.
REPAINTS = (messages.Update, messages.Layout, messages.Prompt, events.Idle)


def _busy(node: MessagePump) -> bool:
    """Whether a widget (or the app) has work that may decide where the next key goes: a message
    queued or being handled, or a callback due. Repaints do not count."""
    if node._closed or node._closing:
        return False
    if getattr(node, "_samspil_handling", 0) or node._next_callbacks:
        return True
    queued: Iterable[Message | None] = node._message_queue.values
    return any(message is None or not isinstance(message, REPAINTS) for message in queued)


def _decides(node: MessagePump, screen: Screen) -> bool:
    """Whether the node is the screen or under it, and not in a footer: it may decide where a key
    goes. The footer only shows keys (it rebuilds itself on every focus change, and need not be
    waited for)."""
    current: MessagePump | None = node
    while current is not None:
        if current is screen:
            return True
        if isinstance(current, Footer):
            return False
        current = current._parent
    return False


def _unplaced(node: MessagePump) -> bool:
    """Whether the node was never started and is in no DOM: it cannot decide where a key goes.
    The footer's keys are such widgets (Textual's Footer.compose makes them, each with a data
    bind queued, and they are never mounted): kept in `_maybe_busy`, they stayed busy for good,
    were checked on every spin of every key (~0.25 ms a key on the gauge) and never freed. One
    mounted later is started inside its parent's mount, which waits for what it had queued."""
    return node._task is None and node._parent is None


#: Every message pump that may be busy (`_busy`): a superset, kept as work arrives, so the quiet
#: check looks at a handful of pumps instead of walking every widget of the screen on every spin
#: of the event loop (a supervision session has a few hundred). A pump is added when it is given
#: a message other than a repaint, a callback to run next, or starts handling a message; that is
#: every way `_busy` can become true. It is dropped only when found not busy. Dead pumps are not
#: busy (closed), so they are dropped at the next check.
_maybe_busy: set[MessagePump] = set()


class _WatchedQueue(Queue):
    """A message pump's queue (Textual's own, pinned) that marks its pump as maybe busy when given
    real work. Every message enters through `put_nowait` (posts from other threads too, which
    Textual hands to the loop), on the loop's thread, so the mark and the message come together."""

    def __init__(self, owner: MessagePump) -> None:
        super().__init__()
        self._owner = owner

    def put_nowait(self, item) -> None:
        super().put_nowait(item)
        if item is None or not isinstance(item, REPAINTS):
            _maybe_busy.add(self._owner)


def install_busy_marks() -> None:
    """Give every message pump a `_WatchedQueue` and mark it on `call_next` (see `_maybe_busy`)."""
    from functools import cached_property

    from textual.message_pump import MessagePump

    if getattr(MessagePump.call_next, "samspil_marks", False):
        return

    def queue(self: MessagePump) -> _WatchedQueue:
        return _WatchedQueue(self)

    watched = cached_property(queue)
    watched.__set_name__(MessagePump, "_message_queue")
    MessagePump._message_queue = watched  # type: ignore[assignment]
    original_call_next = MessagePump.call_next

    def call_next(self: MessagePump, callback, *args, **kwargs) -> None:
        original_call_next(self, callback, *args, **kwargs)
        _maybe_busy.add(self)

    call_next.samspil_marks = True  # type: ignore[attr-defined]
    MessagePump.call_next = call_next  # type: ignore[method-assign]


def install_handling_count() -> None:
    """Count on each widget the messages it is handling (Textual keeps no such count): a widget
    that awaits inside a handler (a screen mounting its children) has an empty queue but is busy.
    With the marks of the pumps that may be busy (`install_busy_marks`)."""
    from textual.message_pump import MessagePump

    install_busy_marks()

    original = MessagePump._dispatch_message
    if getattr(original, "samspil_counted", False):
        return

    async def dispatch(self: MessagePump, message: Message) -> None:
        counted = not isinstance(message, REPAINTS)
        if counted:
            self._samspil_handling = getattr(self, "_samspil_handling", 0) + 1  # type: ignore[attr-defined]
            _maybe_busy.add(self)
        try:
            await original(self, message)
        finally:
            if counted:
                self._samspil_handling -= 1  # type: ignore[attr-defined]

    dispatch.samspil_counted = True  # type: ignore[attr-defined]
    MessagePump._dispatch_message = dispatch  # type: ignore[method-assign]


def install_frame_gathering() -> None:
    """A callback that is to run after the next frame (`call_after_refresh`) ends the key's
    gathering at once: Textual runs such callbacks without drawing first while updates are
    held, and they must see the new layout (a map sizing itself, a cursor scrolled to)."""
    from textual.screen import Screen

    original = Screen._invoke_later
    if getattr(original, "samspil_gathers", False):
        return

    def invoke_later(self: Screen, callback, sender) -> None:
        order = getattr(self.app, "key_order", None)
        if isinstance(order, KeyOrder):
            order.draw_now()
        original(self, callback, sender)

    invoke_later.samspil_gathers = True  # type: ignore[attr-defined]
    Screen._invoke_later = invoke_later  # type: ignore[method-assign]


class KeyOrder:
    """One key at a time: held while the app catches up with the key before it."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.held: deque[Typed] = deque()
        self._waiter: asyncio.Task[None] | None = None
        self._releasing = False
        self._gatherer: asyncio.Task[None] | None = None
        self._gathering = False

    @property
    def busy(self) -> bool:
        """Whether a key that comes now must be held (behind the held ones)."""
        return self._waiter is not None or self._releasing or bool(self.held)

    @property
    def waiting(self) -> bool:
        return self._waiter is not None

    def released(self) -> None:
        self._releasing = False

    def quiet(self) -> bool:
        app = self.app
        if _busy(app):
            return False
        try:
            screen = app.screen
        except Exception:  # noqa: BLE001 - no screen yet (start-up) or none left (exit): nothing to wait for
            return True
        if screen._callbacks or getattr(screen, "preparing", False):
            return False
        for node in list(_maybe_busy):
            if node is app:
                continue
            if not _busy(node) or _unplaced(node):
                _maybe_busy.discard(node)
            elif _decides(node, screen):
                return False
        return True

    def _laid_out(self) -> bool:
        """Whether the screen has no layout pending. A key after one that showed widgets (a tab's
        pane) must find them in place, as when typed slowly: a Tab into a field not yet laid out
        scrolled its pane to the wrong place (a session's STORM tab, 11 rows down). Only the
        wait checks it: a gathered frame holds Textual's updates, so it would never come then."""
        try:
            return not self.app.screen._layout_required
        except Exception:  # noqa: BLE001 - no screen yet or none left: nothing to lay out
            return True

    def wait(self) -> None:
        """Hold the keys that come next until the app is quiet."""
        if self._waiter is None and self.app.is_running:
            self._waiter = asyncio.create_task(self._wait_quiet())

    async def _wait_quiet(self) -> None:
        started = monotonic()
        spins = 0
        try:
            # The check runs outside every message pump: a pump's own unfinished message would
            # count as work.
            await asyncio.sleep(0)
            while not (self.quiet() and self._laid_out()) and monotonic() - started < MOST_WAIT:
                spins += 1
                await asyncio.sleep(0 if spins < 50 else 0.002)
        finally:
            self._waiter = None
            self._releasing = True
            self.app.post_message(Release())

    def gather_frame(self) -> None:
        """Draw this key's answer in one frame, once the app is quiet. A key's answer comes in
        steps, one message after another: a typed letter shows in the field, then (once the
        field's Changed message has climbed to the screen) in the title and the save state.
        Textual draws at most once per 1/60 s, so each step drawn on its own added a frame's
        wait (a letter took 3 frames, ~35 ms, against the 5 ms of a bare Input) and resent
        what it touched. Drawn at once when something asks to run after the next frame
        (`draw_now`): it must see the layout that this key's answer makes."""
        if self._gathering or not self.app.is_running:
            return
        self._gathering = True
        self.app._begin_batch()
        self._gatherer = asyncio.create_task(self._draw_when_quiet())

    def draw_now(self) -> None:
        if not self._gathering:
            return
        self._gathering = False
        self.app._end_batch()
        if not self.app._batch_count:
            try:
                self.app.screen.check_idle()  # the screen draws what changed (not all of it)
            except Exception:  # noqa: BLE001 - no screen left (exit): nothing to draw
                pass

    async def _draw_when_quiet(self) -> None:
        started = monotonic()
        spins = 0
        try:
            await asyncio.sleep(0)
            while self._gathering and not self.quiet() and monotonic() - started < MOST_GATHER:
                spins += 1
                await asyncio.sleep(0 if spins < 50 else 0.001)
        finally:
            self._gatherer = None
            self.draw_now()

    def needs_wait(self, event: Typed, before: tuple[object, object]) -> bool:
        """Whether the keys behind `event` must wait: yes unless it was a character that a text
        field took (or a paste) and neither the screen nor the focus changed."""
        app = self.app
        if (app.screen, app.focused) != before:
            return True
        if isinstance(event, events.Paste):
            return False
        focused = app.focused
        return not (event.character is not None and event.is_printable and focused is not None and focused.check_consume_key(event.key, event.character))
