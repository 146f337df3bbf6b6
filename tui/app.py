"""The samspil app: a home screen of documents and one screen per document kind."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Input, TextArea

from models.clock import now  # not models.base: pydantic stays off the path to the first frame
from models.text import safe_text
from saved.locations import Locations
from tui import __version__
from tui.i18n import t
from tui.screens.dialogs import Ask, Choice, confirm
from tui.screens.home import HomeScreen
from tui.widgets.cpr_guard import CprWarning


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
        self.open_documents: list = []
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
        self.push_screen(HomeScreen())

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
            self.notify(t("settings.save_failed", reason=error.strerror or type(error).__name__), severity="error")

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
                loaded = store.create(self.locations, DOCUMENT_KINDS[kind](title=title))
                opened = OpenDocument.open(self.locations, loaded.path)
            except OSError as error:
                self.notify(t("save.failed", reason=error.strerror or type(error).__name__), severity="error")
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
        except DocumentError as error:
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
            self.notify(t("opened.read_only_locked", who=safe_text(f"{opened.holder.user}@{opened.holder.host}", single_line=True)), severity="warning", timeout=8)
        self.show_document(opened)

    def show_document(self, opened) -> None:
        from tui.screens.board import BoardScreen
        from tui.screens.case import CaseScreen
        from tui.screens.supervision import SupervisionScreen

        screen = {"case": CaseScreen, "board": BoardScreen, "session": SupervisionScreen}[opened.document.kind]
        self.remember_open(opened)
        self.push_screen(screen(opened))

    def remember_open(self, opened) -> None:
        self.open_documents = [o for o in self.open_documents if o._locked] + [opened]

    def close_document(self, screen) -> None:
        screen.opened.close()
        self.pop_screen()
        self.refresh_home(screen.opened.path)

    def _edit_entry(self, entry, change) -> None:
        """Lock, change, save and release a document from the home screen."""
        from saved.editing import OpenDocument
        from saved.lock import LockHeld
        from saved.store import DocumentError

        if entry.document is None:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return
        try:
            opened = OpenDocument.open(self.locations, entry.path)
        except (DocumentError, LockHeld):
            self.notify(t("edit.unavailable"), severity="error")
            self.refresh_home()
            return
        try:
            if opened.read_only is not None:
                self.notify(t("edit.read_only"), severity="warning")
                return
            change(opened.document)
            opened.mark_changed()
            opened.save()
        except Exception as error:  # ChangedOnDisk or OSError: nothing overwritten
            self.notify(t("save.failed", reason=getattr(error, "strerror", None) or type(error).__name__), severity="error")
        finally:
            opened.close()
        self.refresh_home(entry.path)

    def rename_entry(self, entry) -> None:
        if entry.document is None:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return

        def rename(title: str | None) -> None:
            if title:
                self._edit_entry(entry, lambda doc: setattr(doc, "title", title))

        self.push_screen(Ask(t("rename.title"), t("rename.hint"), safe_text(entry.document.title, single_line=True)), rename)

    def archive_entry(self, entry) -> None:
        if entry.document is None:
            self.notify(t("damaged.cannot_edit"), severity="error")
            return
        archived = not entry.document.archived
        self._edit_entry(entry, lambda doc: setattr(doc, "archived", archived))
        self.notify(t("archive.done" if archived else "archive.undone"))

    def delete_entry(self, entry) -> None:
        from saved.store import delete

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
                self.notify(t("delete.failed", reason=error.strerror or type(error).__name__), severity="error")
                return
            self.notify(t("delete.done"))
            self.refresh_home()

        self.push_screen(confirm(t("delete.title"), t("delete.body", what=what), t("key.delete")), really)

    # ---- privacy ---------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    def guard_cpr(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        for warning in self.screen.query(CprWarning):
            warning.inspect(widget)

    def action_toggle_privacy(self) -> None:
        self.privacy = not self.privacy

    def watch_privacy(self, was_private: bool, private: bool) -> None:
        if was_private == private:  # the reactive's first call, at start-up
            return
        # One class on the App: the banner shows and every `.private-text` widget hides, on every
        # screen at once (tui/widgets/privacy_banner.py); widgets that render names re-render by
        # watching `privacy`. A note being edited loses focus, so no key reaches a hidden field.
        self.set_class(private, "-private")
        focused = self.focused
        if private and focused is not None and any(node.has_class("private-text") for node in focused.ancestors_with_self):
            self.screen.set_focus(None)
        self.notify(t("privacy.now_on" if private else "privacy.now_off"), timeout=3)

    def action_mask_cpr(self) -> None:
        if any(warning.mask() for warning in self.screen.query(CprWarning)):
            self.notify(t("cpr.masked"))

    # ---- help and quit ---------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        from tui.screens.document import DocumentScreen

        unsaved = [s for s in self.screen_stack if isinstance(s, DocumentScreen) and not s.save_now() and s.opened.dirty]
        if unsaved:
            self.push_screen(
                Choice(t("quit.unsaved_title"), t("quit.unsaved_body"), [("stay", t("close.stay"), "s"), ("quit", t("quit.anyway"), "q")]),
                lambda choice: self.exit() if choice == "quit" else None,
            )
            return
        self.exit()

    def release_all(self) -> None:
        for opened in self.open_documents:
            opened.close()

    @property
    def version(self) -> str:
        return __version__
