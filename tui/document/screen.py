"""What every document screen shares: the status marker, read-only, the title and notes.

The document itself lives in a `DocumentSession` (tui/document/session.py), the one path by
which it changes; this screen shows it and re-renders when the session says it changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult, CSSPathType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Label, Static

from models.privacy import find_cpr
from models.text import safe_text
from tui import layout_once
from tui.document.session import DocumentSession
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.fields import Field, FormScroll, date_error, leave_unless_refused, parse_date
from tui.widgets.footer import KeyFooter
from tui.widgets.inputs import TextInput
from tui.widgets.privacy_banner import PrivacyBanner, PrivateText
from tui.widgets.resting_note import RestingNote
from tui.widgets.status import SaveStatus
from tui.widgets.tab_row import TabRow, panes_of
from tui.widgets.text import user_content

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from tui.app import SamspilApp

#: The text fields a read-only document makes read-only, by CSS type: TextArea is not imported
#: until one is made (tui/widgets/resting_note.py).
_TEXT_AREAS = "TextArea, RestingNote"


class DocumentScreen(Screen):
    # Absolute: Textual resolves a relative CSS_PATH beside the subclass's module.
    CSS_PATH: ClassVar[CSSPathType | None] = str(Path(__file__).with_name("document.tcss"))
    app: SamspilApp

    BINDINGS = bindings("privacy", "back", "save", "report", "tabs", "history", hide=("tabs",))
    #: A tool's first keys also from the tab row, where its view names them: action → (the tab
    #: it works on, the widget whose `action_<action>` it runs). The screen has a one-line
    #: `action_<action>` that calls `on_tool`; a focused widget's own keys come first.
    FIRST_KEYS: ClassVar[dict[str, tuple[str, str]]] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.FIRST_KEYS:
            return self.query_one(TabRow).active == self.FIRST_KEYS[action][0]
        return super().check_action(action, parameters)

    def on_tool(self, action: str) -> None:
        """The tool's own action, from the tab row (`FIRST_KEYS`)."""
        for tool in self.query(self.FIRST_KEYS[action][1]):  # made when its tab was shown
            getattr(tool, f"action_{action}")()

    def __init__(self, session: DocumentSession) -> None:
        super().__init__()
        self.session = session
        #: Shown read-only: made editable if the document becomes ours (DocumentSession.follow).
        self._shown_read_only = False
        self._resumed_once = False
        #: Fields showing text they refused (not in the document): the marker must not say saved.
        self._refusing: set[Field] = set()

    @property
    def document(self) -> Any:
        return self.session.document

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
        self.session.subscribe(self)
        self.fill()
        self.show_status()
        self._shown_read_only = self.session.read_only
        if self.session.read_only:
            for widget in self.query("Input, Select, Checkbox, Button.edit"):
                widget.disabled = True
            for area in self.query(_TEXT_AREAS):
                area.read_only = True  # type: ignore[attr-defined]
        for form in self.query(FormScroll):
            form.show_sure_scroll_bar()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual restyles every node of a screen when it is resumed. The first time, just pushed,
        each node was styled as it was mounted, with the app's CSS (document.tcss is part of it):
        ~20 ms opening a case for the same styles. Textual's handler runs after this one, and lays
        the screen out at once, to be laid out again by its timer: no frame for the first
        (tui/layout_once.py)."""
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False
            layout_once.layout_follows(self)

    async def _on_resize(self, event: events.Resize) -> None:
        """A screen just pushed is laid out (ScreenResume) and then told its size (Resize), upon
        which Textual lays it, and every screen under it, out again at the same size: two
        layouts of nothing new (~15 ms opening a case). Anything that did change since asked
        for its own layout. A real resize (another size) goes on as Textual has it."""
        if event.size == self._compositor.size:
            event.prevent_default()
            event.stop()

    def title_field(self, label: str) -> Field:
        return Field(label, TextInput(id="title", max_length=80, compact=True), id="field-title")

    def notes_field(self) -> Field:
        # The privacy screen hides the note and shows a line that says so (tui/widgets/privacy_banner.py).
        # The editor is made when first used (RestingNote); at once for notes with a CPR-like
        # number, which the CPR guard must see (it inspects the editor's Changed).
        if find_cpr(self.document.notes):
            from tui.widgets.note_area import NoteArea

            return Field(t("field.notes"), PrivateText(NoteArea(id="notes", soft_wrap=True)), id="field-notes")
        return Field(t("field.notes"), PrivateText(RestingNote(id="notes-rest")), id="field-notes")

    async def notes_editor(self) -> TextArea:
        """The notes' editor, made now if it was not yet."""
        for resting in self.query("#notes-rest").results(RestingNote):
            return await resting.realise()
        return self.query_one("#notes")  # type: ignore[return-value]

    def fill(self) -> None:
        """Put the document's values into the fields; the change handlers see no difference."""
        if self.query("#title"):
            self.query_one("#title", Input).value = safe_text(self.document.title, single_line=True)
        for notes in self.query("#notes, #notes-rest"):
            notes.text = safe_text(self.document.notes)  # type: ignore[attr-defined]
            if isinstance(notes, RestingNote) and find_cpr(notes.text):  # the guard must see it
                self.call_later(notes.realise)

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        self.show_status()
        if event.content:
            title, shown = self.query_one("#doc-title", Static), user_content(self.document.title, single_line=True)
            if title.content != shown:  # any repaint on a screen under another repaints that one whole
                title.update(shown, layout=False)  # 1fr wide: no layout
        if event.reloaded:
            self.fill()
            if self._shown_read_only and not self.session.read_only:  # a team member closed it: ours now
                self._shown_read_only = False
                for widget in self.query("Input, Select, Checkbox, Button.edit"):
                    widget.disabled = False
                for area in self.query(_TEXT_AREAS):
                    area.read_only = False  # type: ignore[attr-defined]
        if event.content:
            self.refresh_views(event)

    def refresh_views(self, event: DocumentSession.Changed) -> None:
        """Re-render what shows the document (not the fields being typed in)."""

    @on(Input.Changed, "#title")
    def title_changed(self, event: Input.Changed) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#field-title", Field).set_error(t("error.title_empty"))
        else:
            self.set_field("title", value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """By the handler's name, as `@on(TextArea.Changed, "#notes")` would import TextArea (~7 ms
        opening a document whose notes nobody edits)."""
        if event.text_area.id == "notes":
            self.set_field("notes", event.text_area.text)

    @on(Field.Refused)
    def field_refused(self, event: Field.Refused) -> None:
        (self._refusing.discard if event.field.error is None else self._refusing.add)(event.field)
        self.show_status()

    def show_status(self) -> None:
        state, detail = self.session.status()
        self._refusing = {field for field in self._refusing if field.is_attached}
        if state == "saved" and self._refusing:  # what the screen shows is not what was saved
            state, detail = "unsaved", min(field.label for field in self._refusing)
        self.query_one(SaveStatus).show(state, detail)

    def set_field(self, name: str, value: object, target: Any = None, field: str | None = None) -> str | None:
        """Set `name` on the document (or `target` in it); say at the field (#field-<name>) why not."""
        problem = self.session.update(target, **{name: value})
        if self.query(f"#field-{field or name}"):
            self.query_one(f"#field-{field or name}", Field).set_error(problem)
        return problem

    def set_date(self, name: str, text: str, field: str, *, optional: bool = False) -> None:
        """A date typed as YYYY-MM-DD (empty: none, where `optional`): set it, or say at
        #field-<field> why not."""
        if optional and not text.strip():
            self.set_field(name, None, field=field)
            return
        parsed = parse_date(text)
        if parsed is None:
            self.query_one(f"#field-{field}", Field).set_error(date_error(text))
        else:
            self.set_field(name, parsed, field=field)

    def action_save(self) -> None:
        self.session.save_asked()

    def action_report(self) -> None:
        from tui.document.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(self.document))

    def action_history(self) -> None:
        from tui.document.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.session.opened.path))

    def action_tabs(self) -> None:
        """ctrl+up or F9: from any field back to the row of tabs (the first on the screen)."""
        for row in self.query(TabRow):
            if row.focusable:
                row.focus()
                return

    def on_tab_row_changed(self, event: TabRow.Changed) -> None:
        """Show the pane of the tab picked (a screen with more to do stops this: the case's tools)."""
        self.query_one(f"#{panes_of(event.row)}", ContentSwitcher).current = event.active

    def action_back(self) -> None:
        leave_unless_refused(self.app, [self], self._close)

    def _close(self) -> None:
        if self.session.dirty and not self.session.save_now():
            from tui.widgets.dialogs import Choice  # only here: not on the way to a document's first frame

            self.app.push_screen(
                Choice(t("close.unsaved_title"), t("close.unsaved_body"), [("stay", t("close.stay"), "s"), ("discard", t("close.discard"), "d")]),
                lambda choice: self.app.close_document(self) if choice == "discard" else None,
            )
            return
        self.app.close_document(self)
