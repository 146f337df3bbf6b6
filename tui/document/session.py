"""The one way to change an open document.

A `DocumentSession` holds one open document (its lock, its read-only reason, its save state)
and is shared by every screen, pane and dialog that shows it. `apply(change)` is the only path
by which a document changes: it refuses when the document is read-only (and says why), runs the
change, rolls it back and says what is wrong when the result is invalid, marks the document
unsaved, schedules the save, and posts `DocumentSession.Changed` to every view of the document.

Changes replace values (a new list, a new item), never mutate them in place: assignment is what
pydantic validates, and what the rollback restores.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import gc
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

from models.documents import DocumentBase
from models.text import safe_text
from saved.editing import OpenDocument, ReadOnly
from saved.store import ChangedOnDisk, DocumentError
from tui.errors import os_reason, said
from tui.i18n import t
from tui.widgets.fields import validation_message
from tui.widgets.text import holder_text

if TYPE_CHECKING:
    from tui.app import SamspilApp

#: Seconds after the last change before the document is saved.
AUTOSAVE_DELAY = 1.0

Change = Callable[[Any], object]


def _shows_as(current: object, value: object) -> bool:
    """Whether a stored value is `value` as a field shows it (text is shown sanitised)."""
    return current == value or (isinstance(current, str) and safe_text(current) == value)


def _snapshot(document: BaseModel) -> dict[str, dict[str, Any]]:
    """What a rollback restores: the document's fields and those of the models directly in it
    (the session's maturity). Lists are replaced by changes, so copying the references suffices."""
    saved = {"": dict(document.__dict__)}
    for name, value in document.__dict__.items():
        if isinstance(value, BaseModel):
            saved[name] = dict(value.__dict__)
    return saved


def _restore(document: BaseModel, saved: dict[str, dict[str, Any]]) -> None:
    document.__dict__.clear()
    document.__dict__.update(saved[""])
    for name, fields in saved.items():
        if name:
            nested = document.__dict__[name]
            nested.__dict__.clear()
            nested.__dict__.update(fields)


def _changed_fields(document: BaseModel, saved: dict[str, dict[str, Any]]) -> frozenset[str]:
    """The document's fields that now hold another value (a model in it counts as its name)."""
    before = saved[""]
    names = {name for name, value in document.__dict__.items() if before.get(name) is not value and before.get(name) != value}
    names |= {name for name, fields in saved.items() if name and document.__dict__[name].__dict__ != fields}
    return frozenset(names)


#: How long the save thread may hold the GIL while the UI thread waits for it. Python's default
#: (5 ms) is paid again at each of the many times a frame's work gives the GIL up (each select,
#: each write to the terminal), so a key took twice as long while the capped case was written.
SWITCH_WHILE_WRITING = 0.0005
_writes_running = 0
_writes_lock = threading.Lock()
_usual_switch = sys.getswitchinterval()

#: A background save looks how it fares after this much CPU time of its own ...
PACE_SLICE = 0.001
#: ... and when it ran for less than two thirds of the time that passed (the UI thread had the
#: interpreter: a key is being answered), it sleeps this long before the next slice.
PACE_PAUSE = 0.004


class GivingWay:
    """A background save's `pace` (saved.store.write): the UI thread goes first. Two busy Python
    threads get the interpreter in turns, so a key's work took twice as long (or more) while the
    save made its TOML; the save now sleeps whenever the time since its last look went mostly to
    another thread, and runs at full speed when nothing else runs (a quit waits for it)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.thread_time()
        self.paused = 0.0  # seconds slept, for the benchmark and the tests

    def __call__(self) -> None:
        ran = time.thread_time() - self.cpu
        if ran < PACE_SLICE:
            return
        if time.perf_counter() - self.wall - ran > ran / 2:
            time.sleep(PACE_PAUSE)
            self.paused += PACE_PAUSE
        self.wall, self.cpu = time.perf_counter(), time.thread_time()


@contextlib.contextmanager
def yielding_to_keys():
    """Run a background write with a short GIL switch interval, restored when the last one ends."""
    global _writes_running, _usual_switch
    with _writes_lock:
        if _writes_running == 0:
            _usual_switch = sys.getswitchinterval()
            sys.setswitchinterval(min(_usual_switch, SWITCH_WHILE_WRITING))
        _writes_running += 1
    try:
        yield
    finally:
        with _writes_lock:
            _writes_running -= 1
            if _writes_running == 0:
                sys.setswitchinterval(_usual_switch)


#: Open documents. While one is open, what existed when it was opened (its models: 20,000
#: readings at the caps, the app, the modules) is left out of the garbage collector's full
#: collections (`gc.freeze`): none of it is cyclic garbage while the document is open, and a full
#: collection scanned it all, 0.19-0.26 s at the caps each time the heap had grown by a quarter
#: (during a view's build, while keys were typed). When the last document closes, everything is
#: collected as before (`gc.unfreeze`), so nothing that became garbage meanwhile is kept.
_open_documents = 0


def _opened() -> None:
    global _open_documents
    _open_documents += 1
    gc.freeze()


def _closed() -> None:
    global _open_documents
    _open_documents = max(0, _open_documents - 1)
    if _open_documents == 0:
        gc.unfreeze()


def thaw() -> None:
    """The app has ended with documents still open (a test, the benchmark's runs in one process):
    full collections as before, so that one app's objects do not stay frozen into the next."""
    global _open_documents
    _open_documents = 0
    gc.unfreeze()


class DocumentSession:
    """One open document and everything that changes it."""

    class Changed(Message):
        """The document, or only its save state, changed. `reloaded`: replaced as a whole
        (reload, save as new): fields that hold typed text must be filled again."""

        def __init__(self, session: DocumentSession, *, fields: frozenset[str] = frozenset(), reloaded: bool = False) -> None:
            super().__init__()
            self.session, self.fields, self.reloaded = session, fields, reloaded

        @property
        def content(self) -> bool:
            return bool(self.fields) or self.reloaded

        def touches(self, *names: str) -> bool:
            """Whether the change may have touched one of these document fields."""
            return self.reloaded or not self.fields.isdisjoint(names)

    def __init__(self, app: SamspilApp, opened: OpenDocument) -> None:
        self.app = app
        self.opened = opened
        self.state: str | None = None  # "failed" after a failed save, until the next success
        self.detail = ""
        self._views: list[MessagePump] = []
        self._autosave: Timer | None = None
        self._asking = False  # the "changed on disk" question is open
        self._in_flight = False  # a background save is writing
        self._frozen = True
        _opened()

    # ---- what views read ----------------------------------------------------------------------

    @property
    def document(self) -> Any:
        return self.opened.document

    @property
    def dirty(self) -> bool:
        return self.opened.dirty

    @property
    def read_only(self) -> bool:
        return self.opened.read_only is not None

    def refusal(self) -> str | None:
        """Why this document cannot be changed, in the user's language, or None."""
        reason = self.opened.read_only
        if reason is None:
            return None
        if reason is ReadOnly.LOCKED and self.opened.holder is not None:
            return t("status.locked_by", who=holder_text(self.opened.holder))
        if reason is ReadOnly.STRANGE_LOCK:
            return t("status.strange_lock", path=safe_text(str(self.opened.locations.lock_of(self.opened.path)), single_line=True))
        if reason is ReadOnly.LOCK_FAILED and self.opened.lock_error is not None:
            return t("status.lock_failed_why", reason=os_reason(self.opened.lock_error))
        return t({ReadOnly.NEWER: "status.newer", ReadOnly.LOCK_FAILED: "status.lock_failed"}.get(reason, "edit.read_only"))

    def status(self) -> tuple[str, str]:
        """(state, detail) for the save marker: saved, unsaved, failed or readonly."""
        refusal = self.refusal()
        if refusal is not None:
            return "readonly", refusal
        if self.state == "failed" and self.dirty:
            return "failed", self.detail
        return ("unsaved" if self.dirty else "saved"), ""

    def subscribe(self, view: MessagePump) -> None:
        """`view` receives `Changed` from now on (until it is removed from the screen)."""
        if view not in self._views:
            self._views.append(view)

    def _tell(self, *, fields: frozenset[str] = frozenset(), reloaded: bool = False) -> None:
        self._views = [view for view in self._views if view.is_attached]
        for view in self._views:
            view.post_message(self.Changed(self, fields=fields, reloaded=reloaded))

    # ---- changing ------------------------------------------------------------------------------

    def apply(self, change: Change) -> str | None:
        """Run `change(document)`; the reason it was refused (and rolled back), or None when done."""
        refusal = self.refusal()
        if refusal is not None:
            return refusal
        document = self.document
        before = _snapshot(document)
        try:
            change(document)
        except ValidationError as error:
            _restore(document, before)
            return validation_message(error)
        except Exception:
            _restore(document, before)
            raise
        fields = _changed_fields(document, before)
        if not fields:
            return None
        self.opened.mark_changed()
        self._schedule_save()
        self._tell(fields=fields)
        return None

    def update(self, target: BaseModel | None = None, /, **values: object) -> str | None:
        """Set fields of the document (or of `target`, a model held directly in it: a session's
        maturity); unchanged values are no change. Text fields are shown sanitised, so a stored
        text that shows as `value` is equal. A model in a list (an actor) is refused: it would be
        changed in place, unseen by the views and the save; replace the list instead."""
        if target is not None and not any(value is target for value in self.document.__dict__.values()):
            raise ValueError(f"update: a {type(target).__name__} is not held directly by the document; replace its list")
        model = self.document if target is None else target
        changed = {name: value for name, value in values.items() if not _shows_as(getattr(model, name), value)}
        if not changed:  # no change, so none refused: a read-only document's fields, filled on opening
            return None

        def change(document: DocumentBase) -> None:
            for name, value in changed.items():
                setattr(document if target is None else target, name, value)

        return self.apply(change)

    def mark_unsaved(self) -> None:
        """The document differs from its file though no change was applied here (a repaired
        file, a restored backup): saved when the user saves or leaves it, not before."""
        if not self.read_only:
            self.opened.mark_changed()
            self._tell()

    # ---- saving --------------------------------------------------------------------------------

    def _schedule_save(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.app.set_timer(AUTOSAVE_DELAY, self._autosave_now)

    def _autosave_now(self) -> None:
        self.app.guarded(self.save_in_background)

    def save_in_background(self) -> None:
        """The autosave: the document's state is taken here (the snapshot, ~50 ms at the caps),
        its TOML and the write (~1 s at the caps) happen on a thread, so keys go on meanwhile.
        One write at a time; changes made during it are saved by the next."""
        self._autosave = None
        if self._in_flight:
            self._schedule_save()
            return
        snapshot = self.opened.begin_save(reuse_lists=True)
        if snapshot is None:
            return
        self._in_flight = True
        loop, context = asyncio.get_running_loop(), contextvars.copy_context()  # Textual's active app is a context variable

        def write() -> None:
            error: BaseException | None = None
            try:
                with yielding_to_keys():
                    self.opened.write(snapshot, GivingWay())
            except BaseException as failure:  # noqa: BLE001 - handed to the UI thread below
                error = failure
            with contextlib.suppress(RuntimeError):  # the app has ended: a quit saved and waited for us
                loop.call_soon_threadsafe(self._written, error, context=context)

        threading.Thread(target=write, name="samspil-save", daemon=False).start()

    def _written(self, error: BaseException | None) -> None:
        """Back on the UI thread after a background write: say how it went."""
        self._in_flight = False
        self.app.guarded(lambda: self._after_save(error))

    def _after_save(self, error: BaseException | None) -> None:
        if error is not None:
            if not isinstance(error, Exception):
                raise error
            self._save_failed(error)
            return
        self._saved()
        if self.dirty and self._autosave is None:  # changed while it was written
            self._schedule_save()

    def save_now(self) -> bool:
        """Save if there are changes, waiting for a write in flight. False if it could not be
        saved (the changes are kept)."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        try:
            self.opened.save(reuse_lists=True)
        except Exception as error:  # noqa: BLE001 - sorted out by _save_failed, which re-raises the rest
            return self._save_failed(error)
        self._saved()
        return True

    def _saved(self) -> None:
        self.state, self.detail = None, ""
        self._tell()
        if self.opened.loaded.log_problem:  # saved, but not recorded in the team's change log
            self.app.notify(t("team.log_failed", reason=safe_text(self.opened.loaded.log_problem, single_line=True)), severity="warning", timeout=15)
        conflict = self.opened.loaded.conflict_copy
        if conflict is not None:
            self.opened.loaded.conflict_copy = None  # said once
            self.app.notify(t("conflict.kept_other", name=safe_text(conflict.name, single_line=True)), severity="warning", timeout=20)

    def _save_failed(self, error: Exception) -> bool:
        """Say why a save failed (the changes stay in memory, the document dirty); False. An
        error that is not about the file goes on to the error boundary."""
        if isinstance(error, ChangedOnDisk):
            self._failed(t("status.changed_on_disk"))
            if self._asking:  # the question is on the screen already; typing on must not stack it
                return False
            self._asking = True
            from tui.widgets.dialogs import Choice  # only here: not on the way to a document's first frame

            self.app.push_screen(
                Choice(
                    t("conflict.title"),
                    t("conflict.body"),
                    [("new", t("conflict.save_as_new"), "n"), ("reload", t("conflict.reload"), "r"), ("later", t("conflict.later"), "l")],
                ),
                self._resolve_conflict,
            )
        elif isinstance(error, OSError):
            # Say what and why, never the document's text.
            reason = os_reason(error)
            self._failed(reason)
            self.app.notify(t("save.failed", reason=reason), severity="error", timeout=10)
        else:
            raise error
        return False

    def save_asked(self) -> None:
        """The user's save key: save now and say so, or say why not."""
        if self.read_only:
            self.app.notify(t("save.read_only"), severity="warning")
        elif self.save_now():
            self.app.notify(t("save.done"))

    def _failed(self, detail: str) -> None:
        self.state, self.detail = "failed", detail
        self._tell()

    def _resolve_conflict(self, choice: str | None) -> None:
        self._asking = False
        try:
            if choice == "new":
                self.opened = self.opened.save_as_new()
                message = t("conflict.saved_as_new")
            elif choice == "reload":
                self.opened.reload()
                message = t("conflict.reloaded")
            else:
                return
        except DocumentError as error:
            # The file on disk is damaged now: keep ours in memory and say where it is damaged.
            where = safe_text(said(error.problems[0]), single_line=True) if error.problems else ""
            self.app.notify(t("conflict.reload_damaged", where=where), severity="error", timeout=15)
            return
        except OSError as error:
            self.app.notify(t("save.failed", reason=os_reason(error)), severity="error", timeout=15)
            return
        self.state, self.detail = None, ""
        self._tell(reloaded=True)
        self.app.notify(message)

    def follow(self) -> bool:
        """A document another member holds (team folders, app.follow_team): show their saves as
        they come, and make it ours when they have closed it. True if it was reloaded."""
        if self.opened.read_only is not ReadOnly.LOCKED:
            return False
        holder = self.opened.holder
        try:
            if self.opened.try_lock():
                self.app.notify(t("team.now_yours"))
            elif self.opened.changed_on_disk():
                self.opened.reload()
            else:
                if self.opened.holder != holder:  # someone else has it now: say who
                    self._tell()
                return False
        except (DocumentError, OSError):  # half-seen or damaged: the next look tries again
            return False
        self._tell(reloaded=True)
        return True

    def stop_autosave(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None

    def close(self) -> None:
        self.stop_autosave()
        self.opened.close()
        if self._frozen:
            self._frozen = False
            _closed()
