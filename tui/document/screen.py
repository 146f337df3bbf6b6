"""What every document screen shares: the status marker, autosave, read-only, conflicts.

Changes are saved 1 s after the last edit, when the screen closes and on quit. A save
never overwrites a file that changed on disk since it was loaded: the user chooses to
reload it or to keep their version as a new document.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Static, TextArea

from pydantic import BaseModel, ValidationError

from models.text import safe_text
from saved.editing import OpenDocument, ReadOnly
from saved.store import ChangedOnDisk
from tui.i18n import t
from tui.widgets.dialogs import Choice
from tui.widgets.fields import Field, parse_date, validation_message
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.status import SaveStatus
from tui.widgets.text import user_content
from tui.widgets.inputs import TextInput, NoteArea
from tui.widgets.privacy_banner import PrivacyBanner, PrivateText
from tui.widgets.footer import KeyFooter

AUTOSAVE_DELAY = 1.0


class DocumentScreen(Screen):
    CSS_PATH = "document.tcss"

    BINDINGS = [
        # First, so the footer shows it even at 80 columns; SamspilApp's priority binding does the work.
        Binding("f3,ctrl+t", "app.toggle_privacy", t("privacy.key"), id="app.privacy", tooltip=t("privacy.tip")),
        Binding("escape,ctrl+w", "close", t("key.back"), id="doc.close", tooltip=t("tip.back")),
        Binding("ctrl+s", "save", t("key.save"), id="doc.save", tooltip=t("tip.save")),
        Binding("f4,ctrl+o", "export", t("export.key"), id="doc.export", tooltip=t("export.tip")),
    ]

    def __init__(self, opened: OpenDocument) -> None:
        super().__init__()
        self.opened = opened
        self._autosave: Timer | None = None

    @property
    def document(self):
        return self.opened.document

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        with Horizontal(id="doc-top"):
            yield Label(t("kind." + self.document.kind), id="doc-kind")
            yield Static(user_content(self.document.title, single_line=True), id="doc-title")
            yield SaveStatus(id="save-status")
        yield from self.compose_body()
        yield CprWarning()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.fill()
        self.show_status()
        if self.opened.read_only is not None:
            for widget in self.query("Input, Select, Checkbox, Button.edit"):
                widget.disabled = True
            for area in self.query(TextArea):
                area.read_only = True

    def title_field(self, label: str) -> Field:
        return Field(label, TextInput(id="title", max_length=80, compact=True), id="field-title")

    def notes_field(self) -> Field:
        # The privacy screen hides the note and shows a line that says so (tui/widgets/privacy_banner.py).
        return Field(t("field.notes"), PrivateText(NoteArea(id="notes", soft_wrap=True)), id="field-notes")

    def fill(self) -> None:
        """Put the document's values into the fields; the change handlers see no difference."""
        if self.query("#title"):
            self.query_one("#title", Input).value = safe_text(self.document.title, single_line=True)
        if self.query("#notes"):
            self.query_one("#notes", TextArea).text = safe_text(self.document.notes)

    @on(Input.Changed, "#title")
    def title_changed(self, event: Input.Changed) -> None:
        field = self.query_one("#field-title", Field)
        value = event.value.strip()
        if not value:
            field.set_error(t("error.title_empty"))
        elif self.assign(field, self.document, "title", value):
            self.query_one("#doc-title", Static).update(user_content(value, single_line=True))

    @on(TextArea.Changed, "#notes")
    def notes_changed(self, event: TextArea.Changed) -> None:
        self.assign(self.query_one("#field-notes", Field), self.document, "notes", event.text_area.text)

    def show_status(self, state: str | None = None, detail: str = "") -> None:
        status = self.query_one(SaveStatus)
        if self.opened.read_only is ReadOnly.LOCKED and self.opened.holder:
            holder = self.opened.holder
            status.show("readonly", t("status.locked_by", who=f"{holder.user}@{holder.host}"))
        elif self.opened.read_only is ReadOnly.NEWER:
            status.show("readonly", t("status.newer"))
        elif self.opened.read_only is ReadOnly.LOCK_FAILED:
            status.show("readonly", t("status.lock_failed"))
        else:
            status.show(state or ("unsaved" if self.opened.dirty else "saved"), detail)

    def assign(self, field: Field, target: BaseModel, name: str, value: object) -> bool:
        """Set `target.name` if it differs and is valid; otherwise say why at the field.

        Fields are filled from the document (sanitised: a field shows stored control
        characters as placeholders), so an unchanged value is no change.
        """
        current = getattr(target, name)
        if current == value or (isinstance(current, str) and safe_text(current) == value):
            field.set_error(None)
            return False
        try:
            setattr(target, name, value)
        except ValidationError as error:
            field.set_error(validation_message(error))
            return False
        field.set_error(None)
        self.changed()
        return True

    def assign_date(self, field: Field, name: str, text: str) -> None:
        """A date typed as YYYY-MM-DD: set it if valid, else say so at the field."""
        parsed = parse_date(text)
        if parsed is None:
            field.set_error(t("error.date"))
        else:
            self.assign(field, self.document, name, parsed)

    def changed(self) -> None:
        """Call after the document model was changed by the user."""
        if self.opened.read_only is not None:
            return
        self.opened.mark_changed()
        self.show_status()
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_DELAY, self.save_now)

    def save_now(self) -> bool:
        """Save if there are changes. False if it could not be saved (the changes are kept)."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        try:
            self.opened.save()
        except ChangedOnDisk:
            self.show_status("failed", t("status.changed_on_disk"))
            self.app.push_screen(
                Choice(
                    t("conflict.title"),
                    t("conflict.body"),
                    [("new", t("conflict.save_as_new"), "n"), ("reload", t("conflict.reload"), "r"), ("later", t("conflict.later"), "l")],
                ),
                self.resolve_conflict,
            )
            return False
        except OSError as error:
            # Say what and why, never the document's text; the changes stay in memory.
            self.show_status("failed", error.strerror or type(error).__name__)
            self.notify(t("save.failed", reason=error.strerror or str(error.__class__.__name__)), severity="error", timeout=10)
            return False
        self.show_status()
        return True

    def resolve_conflict(self, choice: str | None) -> None:
        if choice == "new":
            self.opened = self.opened.save_as_new()
            self.app.remember_open(self.opened)
            self.refresh_document()
            self.notify(t("conflict.saved_as_new"))
        elif choice == "reload":
            self.opened.reload()
            self.refresh_document()
            self.notify(t("conflict.reloaded"))

    def refresh_document(self) -> None:
        self.query_one("#doc-title", Static).update(user_content(self.document.title, single_line=True))
        self.fill()
        self.show_status()

    def action_save(self) -> None:
        if self.opened.read_only is not None:
            self.notify(t("save.read_only"), severity="warning")
        elif self.save_now():
            self.notify(t("save.done"))

    def action_export(self) -> None:
        from tui.document.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(self.document))

    def action_close(self) -> None:
        if self.opened.dirty and not self.save_now():
            self.app.push_screen(
                Choice(t("close.unsaved_title"), t("close.unsaved_body"), [("stay", t("close.stay"), "s"), ("discard", t("close.discard"), "d")]),
                lambda choice: self.app.close_document(self) if choice == "discard" else None,
            )
            return
        self.app.close_document(self)
