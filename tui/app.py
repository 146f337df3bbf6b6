"""The samspil app: a home screen of documents and one screen per document kind."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.markup import escape as escape_markup
from textual.reactive import reactive
from textual.widgets import Input, TextArea

from models.clock import TIME_FORMAT, now  # not models.base: pydantic stays off the path to the first frame
from models.text import safe_text
from saved.locations import Locations
from tui import __version__
from tui.i18n import t
from tui.widgets.dialogs import Ask, Choice, confirm
from tui.home.screen import HomeScreen
from tui.errors import install_dispatch_guard, log_error, os_reason, where
from models.privacy import find_cpr
from tui.widgets.cpr_guard import CprWarning, field_text, mask_field

if TYPE_CHECKING:
    from saved.editing import OpenDocument
    from tui.document.session import DocumentSession
    from saved.store import Entry
    from tui.document.screen import DocumentScreen


install_dispatch_guard()


class SamspilApp(App):
    # The window title never names a citizen.
    TITLE = "samspil"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    #: The privacy screen (tui/privacy.py): names as initials, notes hidden, on every screen.
    privacy = reactive(False)

    BINDINGS = [
        Binding("ctrl+q", "quit", t("key.quit"), id="app.quit", tooltip=t("tip.quit"), priority=True),
        Binding("f1,question_mark", "help", t("key.help"), id="app.help", tooltip=t("tip.help")),
        Binding("f2,ctrl+r", "mask_cpr", t("key.mask_cpr"), id="app.mask_cpr", tooltip=t("tip.mask_cpr"), show=False, priority=True),
        # Priority: it works on every screen, in dialogs and while a text field has focus.
        Binding("f3,ctrl+t", "toggle_privacy", t("privacy.key"), id="app.privacy", tooltip=t("privacy.tip"), priority=True),
    ]

    def __init__(self, locations: Locations, *, settings=None, demo: bool = False) -> None:
        super().__init__()
        self.locations = locations
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

    def on_mount(self) -> None:
        if self.settings is not None and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.sub_title = t("app.demo") if self.demo else ""
        if self.settings is not None and self.settings.privacy:  # settings.toml: privacy = true
            self.set_reactive(SamspilApp.privacy, True)
            self.set_class(True, "-private")
        self.push_screen(HomeScreen())

    # ---- documents -------------------------------------------------------------------

    def lock_holder(self, path: Path):
        """Who else holds the document's lock, if anyone (not us)."""
        from saved.lock import read_lock

        holder = read_lock(self.locations.lock_of(path))
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

        self.push_screen(Ask(t(f"new.{kind}"), t(f"new.{kind}_hint")), create)

    def open_entry(self, entry, *, take_over_stale: bool = False) -> None:
        from saved.editing import OpenDocument
        from saved.lock import LockHeld
        from saved.store import DocumentError

        if entry.document is None:
            self.push_screen(Choice(t("damaged.title"), safe_text("\n".join(map(str, entry.problems))), [("ok", t("key.ok"), "o")]))
            return
        try:
            opened = OpenDocument.open(self.locations, entry.path, take_over_stale=take_over_stale)
        except DocumentError:
            self.notify(t("damaged.now"), severity="error")
            self.refresh_home()
            return
        except LockHeld as held:
            who = safe_text(held.holder.describe(), single_line=True) if held.holder else "?"
            self.push_screen(
                Choice(t("stale.title"), t("stale.body", who=who), [("take", t("stale.take_over"), "t"), ("cancel", t("key.cancel"), "c")]),
                lambda choice: self.open_entry(entry, take_over_stale=True) if choice == "take" else None,
            )
            return
        if opened.read_only is not None and opened.holder is not None:
            who = escape_markup(safe_text(f"{opened.holder.user}@{opened.holder.host}", single_line=True))  # a notification is markup
            self.notify(t("opened.read_only_locked", who=who), severity="warning", timeout=8)
        self.show_document(opened)

    def show_document(self, opened: OpenDocument) -> None:
        from tui.document.session import DocumentSession
        from tui.kinds import screen_for

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

    def _edit_entry(self, entry: Entry, **values: object) -> bool:
        """Open a document from the home screen, change it through a session, save and close it."""
        from saved.editing import OpenDocument
        from saved.lock import LockHeld
        from saved.store import DocumentError
        from tui.document.session import DocumentSession

        if entry.document is None:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return False
        try:
            opened = OpenDocument.open(self.locations, entry.path)
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
        from saved.lock import LockHeld
        from saved.store import DocumentError, load

        copies = recovery.copies(self.locations)
        if not copies:
            self.remove_leftover_temps()
            return
        copy = copies[0]
        try:
            document = load(copy).document
            kind, title = t("kind." + document.kind), safe_text(document.title, single_line=True)
        except (DocumentError, OSError):
            kind, title = t("kind.unknown"), copy.name
        when = datetime.fromtimestamp(copy.stat().st_mtime).strftime(TIME_FORMAT)

        def chosen(choice: str | None) -> None:
            try:
                if choice == "restore":
                    self.refresh_home(recovery.restore(self.locations, copy))
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
        self.push_screen(Choice(t("recovery.title"), t("recovery.body", kind=kind, title=title, when=when), choices, focus="later"), chosen)

    def remove_leftover_temps(self) -> None:
        """Temp files of saves interrupted by a crash hold whole documents: remove them (once per start)."""
        from saved.store import remove_leftover_temps

        if self._temps_removed:
            return
        self._temps_removed = True
        try:
            remove_leftover_temps(self.locations)
        except OSError as error:
            self.notify(t("delete.failed", reason=os_reason(error)), severity="error")

    def rename_entry(self, entry: Entry) -> None:
        if entry.document is None:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return

        def rename(title: str | None) -> None:
            if title:
                self._edit_entry(entry, title=title)

        self.push_screen(Ask(t("rename.title"), t("rename.hint"), safe_text(entry.document.title, single_line=True)), rename)

    def archive_entry(self, entry) -> None:
        if entry.document is None:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return
        archived = not entry.document.archived
        if self._edit_entry(entry, archived=archived):
            self.notify(t("archive.done" if archived else "archive.undone"))

    def delete_entry(self, entry) -> None:
        from saved.store import delete, exports_of

        if self.lock_holder(entry.path) is not None:
            self.notify(t("delete.in_use"), severity="error")
            return
        what = safe_text(entry.document.title, single_line=True) if entry.document else entry.path.name

        def really(choice: str | None) -> None:
            if choice != "yes":
                return
            try:
                delete(self.locations, entry.path)
            except OSError as error:
                self.notify(t("delete.failed", reason=os_reason(error)), severity="error")
                return
            self.notify(t("delete.done"))
            self.refresh_home()

        exports = len(exports_of(self.locations, entry.path))
        body = t("delete.body", what=what) + (" " + t("delete.exports", count=exports, folder=safe_text(str(self.locations.exports), single_line=True)) if exports else "")
        self.push_screen(confirm(t("delete.title"), body, t("key.delete")), really)

    # ---- privacy ---------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    def guard_cpr(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
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
        focused = self.focused
        if private and focused is not None and any(node.has_class("private-text") for node in focused.ancestors_with_self):
            self.screen.set_focus(None)
        self.notify(t("privacy.now_on" if private else "privacy.now_off"), timeout=3)

    def action_mask_cpr(self) -> None:
        """Mask the field the warning names; failing that, the text field that has the focus."""
        if any(warning.mask() for warning in self.screen.query(CprWarning)) or mask_field(self.focused):
            self.notify(t("cpr.masked"))

    # ---- help and quit ---------------------------------------------------------------

    def action_help(self) -> None:
        from tui.widgets.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        unsaved = [session for session in self.sessions if not session.save_now() and session.dirty]
        if unsaved:
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
        log_error(self.locations.log, error)
        self.failures.append(where(error))
        self.bell()
        self.notify(t("error.action_failed", log=safe_text(str(self.locations.log), single_line=True)), severity="error", timeout=15)

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
            log_error(self.locations.log, error)
            kept = self.write_recovery()
            message = t("error.fatal", log=self.locations.log) + ("\n" + t("error.recovery_kept", count=kept, folder=self.locations.recovery) if kept else "")
        except Exception:  # noqa: BLE001 - the exit must happen, and must not print a traceback
            message = "samspil: unexpected error"
        self._exit_renderables.append(Text(safe_text(message)))
        self._close_messages_no_wait()

    def write_recovery(self) -> int:
        """A recovery copy of every open document with unsaved changes; how many were written."""
        from saved import recovery

        written = 0
        for session in self.sessions:
            if session.dirty and not session.read_only:
                try:
                    recovery.write(self.locations, session.opened.loaded)
                    written += 1
                except Exception as error:  # noqa: BLE001 - the others are still worth keeping
                    log_error(self.locations.log, error)
        return written

    def release_all(self) -> None:
        for session in list(self.sessions):
            self.close_session(session)

    @property
    def version(self) -> str:
        return __version__
