"""The samspil app: a home screen of documents and one screen per document kind."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import weakref
from datetime import date, datetime
from pathlib import Path
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.text import Text

from textual import events, on
from textual.app import App, SystemCommand
from textual.markup import escape as escape_markup
from textual.reactive import reactive
from textual.widgets import Input

from models.clock import TIME_FORMAT, now  # not models.base: pydantic stays off the path to the first frame
from models.text import safe_text
from saved.locations import Locations
from saved.team import FOLLOW_SECONDS, Team
from tui import __version__, css_cache, layout_once
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.text import holder_text
from tui.home.screen import HomeScreen
from saved.lock import HEARTBEAT_SECONDS
from tui.errors import install_dispatch_guard, log_error, logged_where, os_reason, said, where, where_shown
from models.privacy import find_cpr
from tui.keys import KeyOrder, Release, install_frame_gathering, install_handling_count
from tui.widgets.cpr_guard import CprWarning, field_text, mask_field

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widgets import TextArea

    from saved.editing import OpenDocument
    from tui.document.session import DocumentSession
    from saved.summaries import Summary
    from tui.document.screen import DocumentScreen


install_dispatch_guard()
install_handling_count()
install_frame_gathering()
layout_once.install()


class SamspilApp(App):
    # The window title never names a citizen.
    TITLE = "samspil"
    # The home and document screens' own CSS too, read with the app's: Textual re-parses every CSS
    # source and restyles every widget the first time a screen brings a file it has not read (once
    # before the first frame for home.tcss, once on opening the first document). Same files, same
    # order (app, home, document), so the same rules apply.
    CSS_PATH = ["app.tcss", str(Path(__file__).parent / "home" / "home.tcss"), str(Path(__file__).parent / "document" / "document.tcss")]
    ENABLE_COMMAND_PALETTE = True

    #: The privacy screen (tui/privacy.py): names as initials, notes hidden, on every screen.
    privacy = reactive(False)

    BINDINGS = bindings("quit", "help", "mask_cpr", "privacy")

    def __init__(self, locations: Locations, *, settings=None, demo: bool = False, teams: list | None = None) -> None:
        super().__init__()
        #: Textual's parsed CSS from an earlier start (tui/css_cache.py): ~25 ms less before the first frame.
        self._css_kept = css_cache.prefill(self.stylesheet)
        self._css_at_start: list[tuple] = []  # the parse cache's keys at the first frame
        #: The rules parsed later in an earlier session, read when the first document opens (None: not yet).
        self._css_later: set[tuple] | None = None
        self.locations = locations
        #: The team folders whose documents are listed beside ours (saved/team.py).
        self.teams: list[Team] = teams or []
        self.settings = settings
        self.demo = demo
        #: The open documents; each is changed only through its session (tui/document/session.py).
        self.sessions: list[DocumentSession] = []
        #: Where each contained error happened (type and file:line): for tests and for the log.
        self.failures: list[str] = []
        self._cpr_notified: Input | TextArea | None = None
        self._temps_removed = False
        self.today = date.today  # replaced in tests for a fixed clock
        self.now = now
        # Animations cost bytes over SSH and distract; on only if the user asks through TEXTUAL_ANIMATIONS.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        if settings is not None and settings.keymap:
            self.set_keymap(settings.keymap)
        #: Keys in the order typed, to the widget that would have had them typed slowly (tui/keys.py).
        self.key_order = KeyOrder(self)
        #: The screens a key, paste or click has reached: a dialog only opened holds no draft.
        self._typed_into: weakref.WeakSet[Screen] = weakref.WeakSet()
        #: The recovery copies written (document → folder), and the documents no copy could be
        #: written of (→ why), said on the way out (`kept_message`).
        self._kept_in: dict[Path, Path] = {}
        self._lost: dict[Path, BaseException] = {}
        #: Stop signals that came before the app could act on them (`hold_stop_signals`).
        self.early_signals: list[int] = []
        #: The ASCII mode (tui/ascii_mode.py): the driver translates each frame; only key names,
        #: which may grow wider, are spelt out here.
        self.ascii = False
        #: Set once the first frame has been drawn: the home list's worker reads files after it.
        self._first_frame = threading.Event()

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        if renderable is not None and not self._batch_count and not self._first_frame.is_set():  # drawn, not held back by a batch
            self._css_at_start = list(self.stylesheet._parse_cache.keys())
            self._first_frame.set()

    def first_frame_drawn(self, timeout: float = 1.0) -> bool:
        """For a worker thread: wait until the first frame is drawn (at most `timeout` s, should
        none come), so that reading files does not hold up the first frame."""
        return self._first_frame.wait(timeout)

    def on_mount(self) -> None:
        if self.settings is not None and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.sub_title = t("app.demo") if self.demo else ""
        if not self.is_headless:
            self.catch_hang_ups()
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)
        self.set_timer(1.0, self.keep_css)  # after the list; also on quitting (tui/__main__.py)
        if self.teams:  # see colleagues' saves appear, merge the boards' inboxes (tui/exnovation/inbox.py)
            self.set_interval(FOLLOW_SECONDS, self.follow_team)
        if self.settings is not None and self.settings.privacy:  # settings.toml: privacy = true
            self.set_reactive(SamspilApp.privacy, True)
            self.set_class(True, "-private")

    def keep_css(self) -> None:
        """Keep the CSS parsed for the first frame for the next start (each entry kept there is
        read back on every start), and what was parsed after it apart, for the next first open."""
        css_cache.keep(self.stylesheet, self._css_at_start, self._css_kept)
        if self._css_at_start and self._css_later is not None:  # read at the first open: written over only after it
            css_cache.keep(self.stylesheet, css_cache.later_keys(self.stylesheet, self._css_at_start), self._css_later, css_cache.later_path())

    def get_default_screen(self) -> HomeScreen:
        """Home is the first screen of the stack, not pushed over Textual's blank one: that blank
        screen was composed, styled and laid out, and home pushed after it, before the first frame."""
        return HomeScreen()

    def action_command_palette(self) -> None:
        """Textual's command palette, in the interface language."""
        from tui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=t("palette.search")))

    def search_themes(self) -> None:
        """The palette's theme command: the list of themes, in the interface language."""
        from textual.theme import ThemeProvider

        from tui.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("palette.search_themes")))

    def action_help_quit(self) -> None:
        """ctrl+c (a reflex to quit; in a field it copies): say how to quit, in the user's language
        (Textual's own note is in English)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("quit.how", shortcut=key), title=t("quit.how_title"), markup=False)
                return

    def get_key_display(self, binding) -> str:
        display = super().get_key_display(binding)
        return display.replace("⏎", "enter").replace("⌫", "bksp") if self.ascii else display

    def heartbeat(self) -> None:
        """Touch the lock of every open document: other copies see that we are still here."""
        for session in self.sessions:
            try:
                session.opened.heartbeat()
            except OSError as error:  # a lock we cannot touch is still held; say nothing every minute
                log_error(self.locations.log, error)

    def catch_hang_ups(self) -> None:
        """SIGHUP (the SSH link or the terminal went away), SIGTERM (shutdown, `kill`) and SIGINT
        (`kill -INT`: in raw mode ctrl+c is a key, so the signal is someone's request to stop) end
        the app the orderly way: work kept, locks released, terminal restored. Without this Python
        dies at once and the last second of typing, the lock and the terminal's state are lost;
        SIGINT's KeyboardInterrupt left the process hanging for good in its exit (Textual's input
        and output threads never end), the terminal raw, the typing unsaved."""
        loop = asyncio.get_running_loop()
        for number in STOP_SIGNALS:
            try:
                loop.add_signal_handler(number, self.hang_up)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no signals here
                pass
        if self.early_signals:  # came while the app started (`hold_stop_signals`): now it can stop in order
            self.call_later(self.hang_up)

    def hang_up(self) -> None:
        """Keep every change (saved, or where it cannot be saved, a recovery copy) and exit."""
        self.keep_work()
        typed = self.keep_typed(self.keep_drafts())
        message = self.kept_message(typed)
        self.exit(return_code=1, message=Text(message) if message else None)

    def panic(self, *renderables: RenderableType) -> None:
        """Textual's exit for a failure outside any handler: its input thread when the terminal is
        gone (EIO), say. Treated as a hang-up: the work is kept, and no traceback is shown."""
        logged = logged_where(self.locations.log, where_shown(renderables))
        self.keep_work()
        typed = self.keep_typed(self.keep_drafts())
        self._return_code = 1
        self._exit_renderables.append(Text("\n".join([t("error.fatal", where=logged), *filter(None, [self.kept_message(typed)])])))
        self._close_messages_no_wait()

    def kept_message(self, typed: list[Path]) -> str:
        """Where the work that could not be saved went, said on the way out (the next start offers
        it), and which could not be kept anywhere, and why: file names and reasons, no text."""
        lines = [t("error.recovery_kept", count=len(folders), folder=folder) for folders in [self._kept_in] if folders for folder in dict.fromkeys(folders.values())]
        lines += [t("recovery.lost", file=path, reason=os_reason(error) if isinstance(error, OSError) else type(error).__name__) for path, error in self._lost.items()]
        if typed:
            lines.append(t("recovery.typed_kept", folder=typed[0].parent))
        return safe_text("\n".join(lines))

    def keep_work(self) -> None:
        """Save every open document with changes; where that fails, write recovery copies."""
        for session in self.sessions:
            if not session.dirty or session.read_only:
                continue
            try:
                saved = session.save_now()
            except Exception as error:  # noqa: BLE001 - a copy is still worth writing
                log_error(self.locations.log, error)
                saved = False
            if not saved:
                self.write_recovery()
                break  # write_recovery covers every open document

    def keep_drafts(self) -> list[Screen]:
        """What an open dialog holds (a reading, an actor, a tie, an agreed action being typed)
        goes into a recovery copy of its document, never into the document itself: the SSH link
        dropped before the user saved it, and the next start offers it, to restore or discard.
        The dialogs that say so (`HOLDS_DRAFT`: their result changes the document they were
        opened on; a nomination sent to another team's inbox does not) are saved by their own
        save, which makes the result or nothing where it would refuse what they hold; the result
        goes to whoever opened the dialog, as a save would, here and now. Run after `keep_work`,
        so the documents themselves are saved without the drafts. Returns the dialogs whose save
        refused what they hold (`keep_typed` keeps their text)."""
        kept, refused = False, []
        for screen in self.screen_stack:
            callbacks = [callback.callback for callback in screen._result_callbacks if callback.callback is not None]
            if not getattr(screen, "HOLDS_DRAFT", False) or not callbacks or screen not in self._typed_into:
                continue  # a dialog only opened (its defaults) is no unsaved work
            try:
                results = _saved_result(screen)
                for result in results:
                    for callback in callbacks:
                        callback(result)
                    kept = True
                if not results:
                    refused.append(screen)
            except Exception as error:  # noqa: BLE001 - the other dialogs' drafts are still worth keeping
                log_error(self.locations.log, error)
                refused.append(screen)
        if kept:
            self.write_recovery()
            for session in self.sessions:
                session.stop_autosave()  # the draft stays in the copy
        return refused

    def keep_typed(self, refused: list[Screen]) -> list[Path]:
        """Text the screens show and no document holds (a field's refused text: too long, not a
        date; every text of a dialog whose save refused it) goes to a file beside the recovery
        copies of its document (saved.recovery.write_typed), named at the next start. The
        document is not touched: it kept its value. Returns the files written."""
        from saved import recovery
        from tui.widgets.fields import held_text

        held: dict[Any, list[recovery.Typed]] = {}
        session = None
        for screen in self.screen_stack:
            session = getattr(screen, "session", session)  # a dialog's document: the screen's under it
            try:
                typed = held_text(screen, every=screen in refused)
            except Exception as error:  # noqa: BLE001 - the other screens' text is still worth keeping
                log_error(self.locations.log, error)
                continue
            if typed:
                held.setdefault(session, []).extend(recovery.Typed(*entry) for entry in typed)
        written = []
        for owner, fields in held.items():
            try:
                if owner is None:  # no document under it (a new document's name, say)
                    written.append(recovery.write_typed(self.locations, self.locations.root / "samspil", "", "", fields))
                else:
                    document = owner.document
                    written.append(recovery.write_typed(owner.opened.locations, owner.opened.path, document.kind, document.title, fields))
            except Exception as error:  # noqa: BLE001 - the other documents' text is still worth keeping
                log_error(self.locations.log, error)
        return written

    def watch_theme(self, theme: str) -> None:
        """Keep a theme picked in the command palette for the next start."""
        if self.settings is not None and self.settings.theme == theme:
            return
        from saved.store import load_settings, save_settings

        settings, problems = load_settings(self.locations)
        if problems:  # saving would drop the lines that have problems; the user fixes them first
            self.notify(t("settings.not_saved"), severity="warning")
            return
        self.settings = settings.model_copy(update={"theme": theme})
        try:
            save_settings(self.locations, self.settings)
        except OSError as error:
            self.notify(t("settings.save_failed", reason=os_reason(error)), severity="error")

    # ---- keys in order (tui/keys.py) ------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.MouseDown):
            self._typed_into.add(self.screen)
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if self.key_order.busy:
                self.key_order.held.append(event)
            else:
                await self._take_key(event)
            return
        await super().on_event(event)

    async def _take_key(self, event: events.Key | events.Paste) -> None:
        before = (self.screen, self.focused)
        self._typed_into.add(self.screen)
        self.key_order.gather_frame()
        await super().on_event(event)
        if self.key_order.needs_wait(event, before):
            self.key_order.wait()

    @on(Release)
    async def _give_out_held_keys(self) -> None:
        order = self.key_order
        order.released()
        while order.held and not order.waiting:
            await self._take_key(order.held.popleft())

    def push_screen(self, *args, **kwargs):
        self.key_order.wait()
        return super().push_screen(*args, **kwargs)

    def pop_screen(self):
        self.key_order.wait()
        return super().pop_screen()

    def switch_screen(self, screen):
        self.key_order.wait()
        return super().switch_screen(screen)

    # ---- documents -------------------------------------------------------------------

    def locations_for(self, path: Path) -> Locations:
        """The folders of the document at `path`: a team's, or ours."""
        from saved.team import team_of

        team = team_of(self.teams, path)
        return team.locations if team is not None else self.locations

    def follow_team(self) -> None:
        """Every few seconds, for documents in team folders: a read-only view reloads when its
        holder saved (and becomes ours when the holder has closed it); a board we hold merges
        its inbox; the home list, when shown, takes what colleagues made, saved, opened or closed."""
        from tui.exnovation.inbox import merge_inbox

        for session in list(self.sessions):
            if self.locations_for(session.opened.path) is not self.locations:
                self.guarded(session.follow)
                self.guarded(partial(merge_inbox, session))
        if isinstance(self.screen, HomeScreen) and not self.screen.preparing:
            self.screen.refresh_entries()

    def lock_holder(self, path: Path):
        """Who else holds the document's lock, if anyone (not us)."""
        from saved.lock import read_lock

        holder = read_lock(self.locations_for(path).lock_of(path))
        if holder is None or holder.is_mine():
            return None
        return holder

    def home(self) -> HomeScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                return screen
        return None

    def refresh_home(self, select: Path | None = None) -> None:
        home = self.home()
        if home is not None:
            home.refresh_entries(select)

    def new_document(self, kind: str) -> None:
        def create(title: str | None) -> None:
            if title is None:
                return
            from models.documents import DOCUMENT_KINDS
            from saved import store
            from saved.editing import OpenDocument

            try:
                loaded = store.create(self.locations, DOCUMENT_KINDS[kind].model_validate({"title": title}))
                opened = OpenDocument.open(self.locations, loaded.path)
            except OSError as error:
                self.notify(t("save.failed", reason=os_reason(error)), severity="error")
                return
            self.refresh_home(loaded.path)
            self.show_document(opened)

        from tui.widgets.dialogs import Ask  # here, not at the top: no dialog on the way to the first frame
        self.push_screen(Ask(t(f"new.{kind}"), t(f"new.{kind}_hint")), create)

    def open_entry(self, entry: Summary, *, take_over: bool = False) -> None:
        from saved.summaries import import_store

        import_store()  # a later start listed from the index: pydantic and the models not yet imported
        from saved.editing import OpenDocument
        from saved.lock import LockHeld
        from saved.store import DocumentError

        if entry.damaged:
            self.offer_repair(entry)
            return
        try:
            opened = OpenDocument.open(self.locations_for(entry.path), entry.path, take_over=take_over)
        except DocumentError:
            self.notify(t("damaged.now"), severity="error")
            self.refresh_home()
            return
        except LockHeld as held:  # stale or abandoned: the user decides, knowing who and since when
            who = holder_text(held.holder) if held.holder else t("stale.nobody")
            if held.state == "abandoned":
                title, body = t("stale.abandoned_title"), t("stale.abandoned_body", who=who, count=int(held.idle // 60))
            elif held.holder is None:  # no holder to call gone: say what the file is, and where
                title, body = t("stale.title"), t("stale.unreadable_body", file=held.path)
            else:
                title, body = t("stale.title"), t("stale.body", who=who)
            choices = [("take", t("stale.take_over"), "t"), ("cancel", t("key.cancel"), "c")]
            from tui.widgets.dialogs import Choice
            self.push_screen(
                Choice(title, body, choices, focus="cancel"),
                lambda choice: self.open_entry(entry, take_over=True) if choice == "take" else None,
            )
            return
        if opened.read_only is not None and opened.holder is not None:
            who = escape_markup(safe_text(f"{opened.holder.user}@{opened.holder.host}", single_line=True))  # a notification is markup
            self.notify(t("opened.read_only_locked", who=who), severity="warning", timeout=8)
        elif opened.lock_error is not None:  # the status line cuts the reason at the screen's width; here it wraps
            self.notify(t("opened.read_only_lock_failed", reason=escape_markup(os_reason(opened.lock_error))), severity="warning", timeout=15)
        self.show_document(opened)

    def offer_repair(self, entry: Summary) -> None:
        """A damaged file: its problems, and where possible a way to go on without losing the rest
        (leave out the items that fail, or put the backup back). Nothing is written until the user saves."""
        from saved.editing import OpenDocument
        from saved.files import current_fingerprint
        from saved.lock import LockHeld
        from saved.repair import NOT_READ, usable_backup, without_bad_items
        from saved.store import Loaded

        repair = without_bad_items(entry.path)
        not_read = any(problem.code in NOT_READ for problem in entry.problems)  # never written over (saved/repair.py)
        backup = None if not_read else usable_backup(self.locations_for(entry.path), entry.path)
        choices = []
        if repair is not None:
            choices.append(("drop", t("repair.drop", count=len(repair.dropped)), t("repair.drop_key")))
        if backup is not None:
            choices.append(("backup", t("repair.backup", when=backup.document.changed.strftime(TIME_FORMAT)), t("repair.backup_key")))
        choices.append(("close", t("key.ok"), "o"))
        problems = safe_text("\n".join(map(said, entry.problems)))
        body = problems + ("\n\n" + t("repair.hint") if len(choices) > 1 else "")

        def chosen(choice: str | None) -> None:
            if choice == "drop" and repair is not None:
                loaded = repair.loaded
            elif choice == "backup" and backup is not None:  # to be written over the damaged file
                loaded = Loaded(entry.path, backup.document, current_fingerprint(entry.path))
            else:
                return
            try:
                opened = OpenDocument.open(self.locations_for(entry.path), entry.path, loaded=loaded)
            except (LockHeld, OSError):
                self.notify(t("edit.unavailable"), severity="error")
                return
            self.show_document(opened)
            self.sessions[-1].mark_unsaved()
            self.notify(t("repair.opened"), timeout=15)

        from tui.widgets.dialogs import Choice
        self.push_screen(Choice(t("damaged.title"), body, choices, focus="close"), chosen)

    def show_document(self, opened: OpenDocument) -> None:
        from tui.document.session import DocumentSession
        from tui.kinds import screen_for

        if self._css_later is None:  # the rules of the document screens and their tools, parsed in an earlier session
            self._css_later = css_cache.prefill(self.stylesheet, css_cache.later_path())
        session = DocumentSession(self, opened)
        self.sessions.append(session)
        self.push_screen(screen_for(opened.document.kind)(session))

    def close_document(self, screen: DocumentScreen) -> None:
        self.close_session(screen.session)
        self.pop_screen()
        self.refresh_home(screen.session.opened.path)

    def close_session(self, session: DocumentSession) -> None:
        session.close()
        if session in self.sessions:
            self.sessions.remove(session)

    def _edit_entry(self, entry: Summary, **values: object) -> bool:
        """Open a document from the home screen, change it through a session, save and close it."""
        from saved.editing import OpenDocument
        from saved.lock import LockHeld
        from saved.store import DocumentError
        from tui.document.session import DocumentSession

        if entry.damaged:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return False
        try:
            opened = OpenDocument.open(self.locations_for(entry.path), entry.path)
        except (DocumentError, LockHeld):
            self.notify(t("edit.unavailable"), severity="error")
            self.refresh_home()
            return False
        session = DocumentSession(self, opened)
        try:
            problem = session.update(**values)
            if problem is not None:
                self.notify(problem, severity="error")
            done = problem is None and session.save_now()
        finally:
            session.close()
        self.refresh_home(entry.path)
        return done

    def offer_recovery(self) -> None:
        """Unsaved changes kept when samspil last had to stop: restore or discard each (or later)."""
        from saved import recovery

        # A team folder's copies that this user made (a colleague's are theirs to restore).
        copies = [*recovery.copies(self.locations), *(c for team in self.teams for c in recovery.copies(team.locations) if c.stat().st_uid == os.geteuid())]
        if not copies:  # the usual start: no pydantic and no models on the UI thread for this
            typed = [*recovery.typed_copies(self.locations), *(c for team in self.teams for c in recovery.typed_copies(team.locations) if c.stat().st_uid == os.geteuid())]
            if typed:
                self.offer_typed(typed[0])
                return
            self.remove_leftover_temps()
            return
        from saved.lock import LockHeld
        from saved.store import DocumentError, load

        copy = copies[0]
        try:
            document = load(copy).document
            kind, title = t("kind." + document.kind).lower(), safe_text(document.title, single_line=True)
        except (DocumentError, OSError):
            kind, title = t("kind.unknown"), copy.name
        when = datetime.fromtimestamp(copy.stat().st_mtime).strftime(TIME_FORMAT)

        def chosen(choice: str | None) -> None:
            try:
                if choice == "restore":
                    self.refresh_home(recovery.restore(self.locations_for(copy), copy))
                    self.notify(t("recovery.restored"))
                elif choice == "discard":
                    recovery.discard(copy)
                    self.notify(t("recovery.discarded"))
                else:  # later: the copies stay; the temp files are no copy of them
                    self.remove_leftover_temps()
                    return
            except (DocumentError, LockHeld):
                self.notify(t("recovery.failed", reason=t("edit.unavailable")), severity="error", timeout=10)
                return
            except OSError as error:
                self.notify(t("recovery.failed", reason=os_reason(error)), severity="error", timeout=10)
                return
            self.offer_recovery()

        choices = [(choice, t(f"recovery.{choice}"), t(f"recovery.{choice}_key")) for choice in ("restore", "discard", "later")]
        from tui.widgets.dialogs import Choice
        self.push_screen(Choice(t("recovery.title"), t("recovery.body", kind=kind, title=title, when=when), choices, focus="later"), chosen)

    def offer_typed(self, path: Path) -> None:
        """Text that fields had not taken when samspil last had to stop (saved.recovery.write_typed):
        name the document, the fields and the file that holds the text; discard it or keep it."""
        from saved import recovery

        try:
            kind, title, fields = recovery.read_typed(path)
            kind = t("kind." + kind).lower() if kind else t("kind.unknown")
            labels = ", ".join(dict.fromkeys(safe_text(field.label, single_line=True) for field in fields))
        except (OSError, ValueError):
            kind, title, labels = t("kind.unknown"), "", "?"
        when = datetime.fromtimestamp(path.lstat().st_mtime).strftime(TIME_FORMAT)
        body = t("recovery.typed_body", kind=kind, title=safe_text(title, single_line=True), fields=labels, when=when, path=path)

        def chosen(choice: str | None) -> None:
            if choice != "discard":  # later: the file stays, and is named again at the next start
                self.remove_leftover_temps()
                return
            try:
                recovery.discard(path)
            except OSError as error:
                self.notify(t("recovery.failed", reason=os_reason(error)), severity="error", timeout=10)
                return
            self.notify(t("recovery.typed_discarded"))
            self.offer_recovery()

        choices = [(choice, t(f"recovery.{choice}"), t(f"recovery.{choice}_key")) for choice in ("discard", "later")]
        from tui.widgets.dialogs import Choice
        self.push_screen(Choice(t("recovery.typed_title"), body, choices, focus="later"), chosen)

    def remove_leftover_temps(self) -> None:
        """Temp files of saves interrupted by a crash hold whole documents: remove them (once per start)."""
        from saved.recovery import remove_leftover_temps

        if self._temps_removed:
            return
        self._temps_removed = True
        try:
            for locations in (self.locations, *(team.locations for team in self.teams)):  # a team's too: older than a minute
                remove_leftover_temps(locations)
        except OSError as error:
            self.notify(t("delete.failed", reason=os_reason(error)), severity="error")

    def rename_entry(self, entry: Summary) -> None:
        if entry.damaged:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return

        def rename(title: str | None) -> None:
            if title:
                self._edit_entry(entry, title=title)

        from tui.widgets.dialogs import Ask
        self.push_screen(Ask(t("rename.title"), t("rename.hint"), safe_text(entry.title, single_line=True)), rename)

    def archive_entry(self, entry) -> None:
        if entry.damaged:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return
        archived = not entry.archived
        if self._edit_entry(entry, archived=archived):
            self.notify(t("archive.done" if archived else "archive.undone"))

    def delete_entry(self, entry: Summary) -> None:
        from saved.lock import LockHeld
        from saved.store import delete, exports_of

        if self.lock_holder(entry.path) is not None:
            self.notify(t("delete.in_use"), severity="error")
            return
        what = safe_text(entry.path.name if entry.damaged else entry.title, single_line=True)

        def really(choice: str | None) -> None:
            if choice != "yes":
                return
            try:
                delete(self.locations_for(entry.path), entry.path)
            except LockHeld:  # opened by another samspil since the question was asked
                self.notify(t("delete.in_use"), severity="error")
                self.refresh_home()
                return
            except OSError as error:
                self.notify(t("delete.failed", reason=os_reason(error)), severity="error")
                return
            self.notify(t("delete.done"))
            self.refresh_home()

        exports = len(exports_of(self.locations, entry.path))
        body = t("delete.body", what=what) + (" " + t("delete.exports", count=exports, folder=safe_text(str(self.locations.exports), single_line=True)) if exports else "")
        from tui.widgets.dialogs import confirm
        self.push_screen(confirm(t("delete.title"), body, t("key.delete")), really)

    # ---- privacy ---------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """TextArea.Changed by its handler's name: `@on(TextArea.Changed)` would import TextArea
        (~7 ms) on the way to home's first frame, where no TextArea is."""
        self.guard_cpr(event)

    @on(Input.Changed)
    def guard_cpr(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        if not widget.is_attached or widget.screen is not self.screen:
            # A dialog closed in the same burst that typed the text: its Changed arrives after.
            # Another screen's bar would take up a field that is gone, and F2 "mask" nothing.
            return
        warnings = list(self.screen.query(CprWarning))
        for warning in warnings:
            warning.inspect(widget)
        if not warnings:  # a screen without its own warning bar: say it once per field
            flagged = bool(find_cpr(field_text(widget) or ""))
            if flagged and widget is not self._cpr_notified:
                self.notify(t("cpr.warning"), severity="warning", timeout=8)
            self._cpr_notified = widget if flagged else None

    def action_toggle_privacy(self) -> None:
        self.privacy = not self.privacy

    def watch_privacy(self, was_private: bool, private: bool) -> None:
        if was_private == private:  # the reactive's first call, at start-up
            return
        # One class on the App: the banner shows and every `.private-text` widget hides, on every
        # screen at once (tui/widgets/privacy_banner.py); widgets that render names re-render by
        # watching `privacy`. A note being edited loses focus, so no key reaches a hidden field.
        self.set_class(private, "-private")
        # Textual restyles only the top screen when the App's classes change: restyle every screen
        # of the stack, so a screen shown again (Esc back to home) is true at once.
        for screen in self.screen_stack:
            screen.update_node_styles(animate=False)
        if private:
            from tui.widgets.privacy_banner import show_hidden_lines

            show_hidden_lines(self.screen_stack)
        focused = self.focused
        if private and focused is not None and any(node.has_class("private-text") for node in focused.ancestors_with_self):
            self.screen.set_focus(None)
        self.notify(t("privacy.now_on" if private else "privacy.now_off"), timeout=3)

    def action_mask_cpr(self) -> None:
        """Mask the field the warning names; failing that, the text field that has the focus."""
        if any(warning.mask() for warning in self.screen.query(CprWarning)) or mask_field(self.focused):
            self.notify(t("cpr.masked"))

    # ---- help and quit ---------------------------------------------------------------

    # ---- the command palette (ctrl+p): samspil's own commands, from tui/commands.py ------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The commands that work on `screen` now, in the interface language, then the theme and a
        private screenshot. Textual's own entries are left out: its "Screenshot" wrote the screen,
        case notes included, to ~/Downloads, readable by all."""
        from tui.commands import BY_ID, label, tip

        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id in BY_ID and binding.id not in seen and active.enabled:
                seen.add(binding.id)
                yield SystemCommand(label(binding), tip(binding), partial(self.run_action, binding.action, active.node))
        for command in (BY_ID["theme"], BY_ID["screenshot"]):
            yield SystemCommand(t(command.label), t(command.tip or command.label), partial(self.run_action, command.action))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """The screen as SVG into the data directory's exports folder, 0600 (never ~/Downloads);
        refused while the privacy screen is on. `filename` and `path` (Textual's) are ignored."""
        from saved.files import atomic_write, ensure_private_dir

        if self.privacy:
            self.notify(t("command.screenshot_refused"), severity="warning")
            return
        target = self.locations.exports / f"screen-{self.now():%Y%m%d-%H%M%S}.svg"
        try:
            ensure_private_dir(self.locations.exports)
            atomic_write(target, self.export_screenshot().encode("utf-8"))
        except OSError as error:
            self.notify(t("export.failed", reason=os_reason(error)), severity="error", timeout=10)
            return
        self.notify(t("command.screenshot_saved", path=safe_text(str(target), single_line=True)), timeout=10)

    def deliver_screenshot(self, *args, **kwargs) -> None:
        """Textual's way to the Downloads folder: closed; the samspil screenshot is the one way."""
        self.action_screenshot()

    def action_help(self) -> None:
        from tui.widgets.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        from tui.widgets.fields import leave_unless_refused  # imports pydantic: not before the first frame

        leave_unless_refused(self, self.screen_stack, self._quit)

    def _quit(self) -> None:
        unsaved = [session for session in self.sessions if not session.save_now() and session.dirty]
        if unsaved:
            from tui.widgets.dialogs import Choice
            self.push_screen(
                Choice(t("quit.unsaved_title"), t("quit.unsaved_body"), [("stay", t("close.stay"), "s"), ("quit", t("quit.anyway"), "q")]),
                lambda choice: self.exit() if choice == "quit" else None,
            )
            return
        self.exit()

    # ---- errors (tui/errors.py) ------------------------------------------------------------

    def contain_error(self, error: Exception) -> None:
        """An action failed: stop it, keep the app and every document as they are, and say so."""
        if os.environ.get("SAMSPIL_STRICT_ERRORS"):  # the test suite: fail the test instead
            self._handle_exception(error)
            return
        logged = logged_where(self.locations.log, error)
        self.failures.append(where(error))
        self.bell()
        self.notify(t("error.action_failed", where=logged), severity="error", timeout=15)

    def guarded(self, action: Callable[[], object]) -> None:
        """Run `action` (a timer's callback) inside the error boundary."""
        try:
            action()
        except Exception as error:  # noqa: BLE001 - this is the boundary
            self.contain_error(error)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's fatal path, without its traceback of local variables: keep the unsaved work
        in recovery copies, log the error's place, exit with a plain message."""
        self._return_code = 1
        if self._exception is None:  # run_test (Pilot) re-raises it in the test
            self._exception = error
            self._exception_event.set()
        try:
            logged = logged_where(self.locations.log, error)
            self.write_recovery()
            message = "\n".join([t("error.fatal", where=logged), *filter(None, [self.kept_message(self.keep_typed([]))])])
        except Exception:  # noqa: BLE001 - the exit must happen, and must not print a traceback
            message = "samspil: unexpected error"
        self._exit_renderables.append(Text(safe_text(message)))
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """The message printed after the app has gone, unwrapped: a path in it stays whole for
        copying (the terminal wraps long lines itself). One message: ours names no document text."""
        for renderable in self._exit_renderables[:1]:
            self.error_console.print(renderable, soft_wrap=True)
        self._exit_renderables.clear()

    def write_recovery(self) -> int:
        """A recovery copy of every open document with unsaved changes; how many were written."""
        from saved import recovery

        written = 0
        for session in self.sessions:
            if session.dirty and not session.read_only:
                path = session.opened.path
                try:  # a team's document: in its folder; on a full disk in the spare one
                    self._kept_in[path] = recovery.write(session.opened.locations, session.opened.loaded).parent
                    self._lost.pop(path, None)
                    written += 1
                except Exception as error:  # noqa: BLE001 - the others are still worth keeping
                    log_error(self.locations.log, error)
                    self._lost[path] = error
        return written

    #: Set by the command line (tui/__main__.py), whose process ends at once after the app: the
    #: widgets are then not taken down one by one on quit (Textual prunes every widget of every
    #: screen, ~10-40 ms), since nothing of theirs outlives the process; their tasks are cancelled
    #: when the event loop closes. Saving, locks and the terminal are handled as always.
    quick_exit = False

    async def _close_all(self) -> None:
        if self.quick_exit and self._exception is None:
            return
        # The process goes on (a test's app, the benchmark's apps in one process): documents still
        # open leave the garbage collector as it was (tui/document/session.py froze what existed
        # when they opened), or the next app's garbage would stay frozen in with them.
        if (document_session := sys.modules.get("tui.document.session")) is not None:
            document_session.thaw()
        await super()._close_all()

    def release_all(self) -> None:
        for session in list(self.sessions):
            self.close_session(session)

    @property
    def version(self) -> str:
        return __version__


#: The signals that stop the app in order (`SamspilApp.catch_hang_ups`); Windows has no SIGHUP.
STOP_SIGNALS = tuple(number for name in ("SIGHUP", "SIGTERM", "SIGINT") if (number := getattr(signal, name, None)) is not None)


def hold_stop_signals(app: SamspilApp) -> None:
    """Until the app has its own handlers (on mount), a stop signal is noted, not acted on: the
    driver has the terminal raw and on the other screen by then, and SIGTERM's default death left
    it so, SIGINT's KeyboardInterrupt ended in 'samspil: unexpected error (RuntimeError ...)'.
    The app stops in order as soon as it can (`catch_hang_ups`). Main thread only."""
    for number in STOP_SIGNALS:
        signal.signal(number, lambda number, _frame: app.early_signals.append(number))


def _saved_result(dialog: Any) -> list[object]:
    """What a dialog's own save gives (nothing where it refuses what it holds), taken from its
    `dismiss`, so the dialog stays where it is."""
    results: list[object] = []
    dialog.dismiss = lambda result=None: results.append(result)
    try:
        dialog.action_save()
    finally:
        del dialog.dismiss
    return [result for result in results if result is not None]
