"""The home screen: every document, newest first, with search, and keys to manage them."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from models.clock import TIME_FORMAT
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Static
from textual.widgets.data_table import RowDoesNotExist

from saved.team import team_of
from tui.commands import bindings
from tui.i18n import t
from tui.errors import said
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.text import holder_text, user_cell, user_content
from tui.widgets.inputs import TextInput
from tui.widgets.privacy_banner import PrivacyBanner
from tui.widgets.footer import KeyFooter
from tui.widgets.table import FixedTable

if TYPE_CHECKING:
    from saved.summaries import Summary
    from tui.app import SamspilApp


#: Marks a team's document in the list (its status column), before the team's name.
TEAM_MARK = "◆"

#: The list's columns and their widths: with cell padding and the scroll bar they fill 80 columns.
#: The status column holds the longest state with its mark ("! skal gennemgås", "⊘ newer version").
COLUMNS = (("kind", 11), ("title", 26), ("changed", 16), ("status", 17))
#: Narrower, columns are cut in this order, each down to the width named: the title first (a long
#: one is cut at any width), then the time of day, then the rest. From 40 columns on, all fit.
CUTS = (("title", 13), ("changed", 10), ("status", 10), ("title", 8), ("kind", 6), ("status", 4))
#: Wider, the title takes the room, but for a share the status takes up to this width (a team's
#: name with a state: "◆ Team Nord, ! skal gennemgås").
STATUS_WIDEST = 30


def column_widths(width: int) -> dict[str, int]:
    """The list's column widths in a screen `width` columns wide."""
    widths = dict(COLUMNS)
    over = sum(widths.values()) + 2 * len(widths) + 2 - width  # each cell's padding, the scroll bar
    if over < 0:
        status = min(-over // 3, STATUS_WIDEST - widths["status"])
        widths["status"] += status
        widths["title"] += -over - status
        return widths
    for key, narrowest in CUTS:
        cut = max(0, min(over, widths[key] - narrowest))
        widths[key] -= cut
        over -= cut
    return widths


def _cell_key(cell: Text) -> tuple:
    return (cell.plain, str(cell.style), tuple(cell.spans))


def _extent(content: Content) -> tuple[int, int]:
    """The lines and the widest line's cells of a text: what an auto-sized widget's size follows."""
    lines = content.plain.split("\n")
    return len(lines), max(cell_len(line) for line in lines)


def _lock_files(entries: list[Summary]) -> set[str] | None:
    """The names of the lock files beside these documents (Locations.lock_of), from one listing of
    each folder rather than an attempt to open each document's lock: None if a folder cannot be
    listed (then every lock is read, as before)."""
    names: set[str] = set()
    for folder in {os.path.dirname(entry.path) for entry in entries}:
        try:
            names.update(name for name in os.listdir(folder) if name.endswith(".lock"))
        except OSError:
            return None
    return names


class DocumentTable(FixedTable):
    """The document list; its enter key is labelled, so the footer always says how to open. Its
    columns have set widths: no cell is measured (1000 documents: ~60 ms less)."""

    BINDINGS = bindings("open")

    def action_open(self) -> None:
        self.action_select_cursor()


class HomeScreen(Screen):
    app: SamspilApp
    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#documents"
    HELP = "help.home"  #: the help screen's word on this screen (tui/widgets/help.py)
    #: Screen's own, without its repaint of the whole screen on each focus change: the widgets
    #: whose look follows the focus restyle and repaint themselves (Textual's focus styles), so
    #: "/" and Enter at home drew every line again for nothing (~1 ms of CPU each).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS = bindings(
        "privacy", "home.new_case", "home.new_exnovation", "home.new_supervision", "home.rename", "home.archive", "delete", "home.search", "home.show_archived", "home.team", "back", hide=("back",)
    )

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Summary] = []
        self.show_archived = False
        #: What the table shows: each row's key and cells (text and style), to skip a rebuild that changes nothing.
        self._drawn: list[tuple[str, tuple]] = []
        self._said: dict[str, str] = {}
        self._resumed = False
        #: Until the list's first rows are shown (read in a thread after the first frame): keys
        #: typed ahead wait for them (tui/keys.py), so "/name Enter Enter" opens what it names.
        self.preparing = True

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Called before Screen's own handler (Textual calls each class's, in MRO order). Home's
        first resume comes right after its widgets were mounted and styled: Textual would style
        every one of them again, to the same styles (tests/ui/test_home_start.py), ~5-10 ms of CPU
        before the first frame. Every later resume (back from a document) restyles as usual."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _screen_resized(self, size: Size) -> None:
        """A resize to the size home was last laid out at lays nothing out anew: what changed
        since asked for its own layout. Textual sends home three such at the start (the app's
        first size, the driver's, its own after the first layout), each a full reflow and a
        frame (~2 ms of CPU before the list is shown). Home only: the board's item editor drew
        otherwise when every screen skipped them (session 12)."""
        for table in self.query(DocumentTable):  # before the layout, which follows the new widths (none before compose)
            table.set_widths(column_widths(size.width))
        if size == self._compositor.size and not self.app.is_inline:
            return
        super()._screen_resized(size)

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        with Horizontal(id="top"):
            yield Label(t("home.title"), id="heading")
            yield Static("", id="counts", markup=False)
        yield Static("", id="due", markup=False)  # what is overdue, and the boards' freed totals (tui/due.py)
        with Horizontal(id="search-row"):
            yield Label(t("home.search_label"), id="search-label")
            yield TextInput(placeholder=t("home.search_placeholder"), id="search", compact=True)
        table = DocumentTable(id="documents", cursor_type="row", zebra_stripes=False)
        yield table
        yield Static("", id="detail")
        yield CprWarning()
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # As wide as the screen allows: no sideways scrolling.
        # Labels as Text: a str label is read as Rich markup, whose emoji table (~5 ms to import) nothing else needs.
        for key, width in column_widths(self.app.size.width).items():
            table.add_column(Text(t(f"col.{key}")), key=key, width=width)
        self.query_one("#counts", Static).update(t("home.loading"))
        # After the first frame: loading imports pydantic and validates every document (~0.1 s+).
        # Not from here at once: a list filled before the footer's rebuild (which comes first among
        # these callbacks) made Textual lay out the filled table again; 1000 rows cost ~50 ms more.
        self.call_after_refresh(self.refresh_entries)
        self.call_after_refresh(self.app.offer_recovery)

    # From the index of summaries (saved/summaries.py): only new or changed files are loaded and
    # validated, in a thread, after the first frame.
    @work(thread=True, exclusive=True, group="home-list", exit_on_error=False)
    def refresh_entries(self, select: Path | None = None) -> None:
        try:
            self._list_entries(select)
        finally:  # shown, or failed: keys must not wait for rows that never come
            self.preparing = False

    def _list_entries(self, select: Path | None) -> None:
        from saved.summaries import summaries

        # A file the index does not know shows first as read from its TOML, then validated (a
        # team's documents come in the one validated list, not in two steps).
        shown: list[list[Summary]] = []

        def early(rows: list[Summary]) -> None:
            shown.append(rows)
            self._show_early(rows, select)

        # Files the index does not know are read once the first frame is drawn (a list it knows whole
        # may be in that frame already).
        entries = summaries(self.app.locations, None if self.app.teams else early, before_loading=self.app.first_frame_drawn)
        for team in self.app.teams:  # a team's documents beside ours, marked by team (saved/team.py)
            try:
                entries += summaries(team.locations)
            except OSError as error:
                self.app.call_from_thread(self.app.notify, t("team.unusable", reason=str(error)), severity="error", timeout=15)
        if self.app.teams:  # one folder's list comes sorted so (summaries' `_newest_first`)
            entries.sort(key=lambda s: s.changed.timestamp() if s.changed else 0.0, reverse=True)
        if shown and shown[0] == entries:  # validated as read: the list on the screen is right
            return
        self.app.call_from_thread(self._show_entries, entries, select)

    def _show_early(self, entries: list[Summary], select: Path | None) -> None:
        """In the worker: show the rows read quick, and go on validating once they are drawn (the
        validation imports pydantic and holds the interpreter for ~0.2 s, which would hold up the frame)."""
        drawn = threading.Event()

        def show() -> None:
            self._show_entries(entries, select)
            if self.is_current:
                self.call_after_refresh(drawn.set)
            else:  # under a dialog (a recovery copy's question, say): nothing of the list to wait for
                drawn.set()

        self.app.call_from_thread(show)
        drawn.wait(timeout=1.0)  # the list is on the screen; should no frame come, validate anyway

    def _show_entries(self, entries: list[Summary], select: Path | None) -> None:
        from tui.due import home_line

        self.entries = entries
        self._update("#due", home_line(entries, self.app.today()))  # a team's list is read every few seconds
        self.fill_table(select)
        self.preparing = False

    def visible_entries(self) -> list[Summary]:
        needle = self.query_one("#search", Input).value.strip().casefold()
        shown = []
        for entry in self.entries:
            if entry.archived and not self.show_archived:
                continue
            if needle:
                haystack = entry.path.name if entry.damaged else f"{entry.title} {t('kind.' + str(entry.kind))}"
                team = team_of(self.app.teams, entry.path)
                haystack += f" {team.name}" if team is not None else ""
                if needle not in haystack.casefold():
                    continue
            shown.append(entry)
        return shown

    def fill_table(self, select: Path | None = None) -> None:
        table = self.query_one(DocumentTable)
        current = select or self.selected_path()
        shown = self.visible_entries()
        locked = _lock_files(shown)
        rows = [(str(entry.path), self.row(entry, locked)) for entry in shown]
        drawn = [(key, tuple(_cell_key(cell) for cell in cells)) for key, cells in rows]
        if drawn != self._drawn or table.row_count != len(rows):  # a search key that keeps the rows redraws none
            table.clear()
            table.add_keyed_rows([key for key, _cells in rows], dict(rows).__getitem__)
            self._drawn = drawn
        if current is not None:
            try:
                table.move_cursor(row=table.get_row_index(str(current)))
            except RowDoesNotExist:  # it went away meanwhile
                pass
        archived = sum(1 for e in self.entries if e.archived)
        self._update("#counts", t("home.counts", shown=len(shown), total=len(self.entries), archived=archived))
        self.show_detail()
        if not shown:
            self._update("#detail", self._empty_text() if not self.entries else self._none_shown_text())

    def _none_shown_text(self) -> str:
        """Why a list of documents shows none: the search, or (no search) every one archived, which
        said "Nothing matches the search. Esc clears it." with no search to clear."""
        if self.query_one("#search", Input).value.strip():
            return t("home.no_match")
        return t("home.all_archived")

    def _empty_text(self) -> str:
        """What an empty list says. Documents live in the data folder's `documents` folder; files
        copied into the data folder itself would otherwise just be missing, without a word."""
        locations = self.app.locations
        try:
            misplaced = [path for path in locations.root.glob("*.toml") if path.name != locations.settings.name]
        except OSError:
            misplaced = []
        if misplaced:
            return t("home.empty_misplaced", count=len(misplaced), folder=str(locations.documents))
        return t("home.empty")

    def row(self, entry: Summary, locked: set[str] | None = None) -> tuple:
        """The entry's cells. `locked`: the names of the lock files in its folder (None: unknown),
        so that only a document with one has its lock file read."""
        changed = entry.changed.strftime(TIME_FORMAT) if entry.changed else "?"
        team = team_of(self.app.teams, entry.path)
        if entry.damaged:
            damaged = Text("✗ " + t("state.not_read" if entry.not_read else "state.damaged"), style="bold reverse")
            if team is not None:  # its folder says it is the team's, even when the file cannot be read
                damaged.append(f", {TEAM_MARK} {team.name}")
            return (Text(t("kind.unknown")), user_cell(entry.path.name), Text(changed), damaged)
        status = []
        if entry.newer_version:
            status.append("⊘ " + t("state.newer"))
        if entry.review_due(self.app.today()):
            status.append("! " + t("state.review_due"))
        if entry.archived:
            status.append("▫ " + t("state.archived"))
        holder = self.app.lock_holder(entry.path) if locked is None or f"{entry.path.name}.lock" in locked else None
        if holder is not None:
            status.append("⊘ " + t("state.in_use"))
        if team is not None:
            status.insert(0, f"{TEAM_MARK} {team.name}")
        title = entry.title
        if entry.kind == "supervision" and entry.held_on is not None:  # the session's date and supervisee
            title = t("home.session_title", title=entry.title, date=entry.held_on.isoformat(), practitioner=entry.practitioner or "–")
        return (Text(t(f"kind.{entry.kind}")), user_cell(title), Text(changed), Text(", ".join(status) or "✓"))

    def selected_entry(self) -> Summary | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((e for e in self.entries if str(e.path) == key), None)

    def selected_path(self) -> Path | None:
        entry = self.selected_entry()
        return entry.path if entry else None

    @on(DataTable.RowHighlighted)
    def show_detail(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self._update("#detail", "")
            return
        if entry.damaged:
            # What is wrong first (it may be all that fits), then what Enter offers.
            lines = [said(p, short=True) for p in entry.problems[:3]]
            if len(entry.problems) > 3:
                lines.append(t("home.more_problems", count=len(entry.problems) - 3))
            lines.append(t("home.not_read_detail" if entry.not_read else "home.damaged_detail"))
            self._update("#detail", "\n".join(lines))
            return
        lines = [f"{t(f'kind.{entry.kind}')}: {entry.title}  ·  {entry.path.name}"]
        if entry.review_date is not None:
            key = "home.review_overdue" if entry.review_due(self.app.today()) else "home.review_on"
            lines.append(t(key, date=entry.review_date.isoformat()))
        if entry.newer_version:
            lines.append(t("home.newer_detail", version=entry.newer_version))
        holder = self.app.lock_holder(entry.path)
        if holder is not None:
            lines.append(t("home.in_use_detail", who=holder_text(holder)))
        team = team_of(self.app.teams, entry.path)
        if team is not None:
            lines.append(t("team.detail", team=team.name, folder=str(team.root)))
        self._update("#detail", "\n".join(lines))

    def _update(self, selector: str, text: str) -> None:
        """Set a line of plain user text (sanitised, never markup) unless it says that already: an
        update lays the screen out again, and a search key that changes no line need not. Nor
        does a text of the same extent, or one in a widget whose size does not follow its text
        (the counts "5 af 5 vist" to "1 af 5 vist" on a search key: ~4 ms of layout)."""
        said = self._said.get(selector)
        if said != text:
            self._said[selector] = text
            line = self.query_one(selector, Static)
            shown = user_content(text)
            layout = line.styles.auto_dimensions and (said is None or _extent(user_content(said)) != _extent(shown))
            line.update(shown, layout=layout)

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        # Letters typed in a burst come here after all of them were typed: each Changed but the
        # last would fill the list for the field's final text again (a title typed: 10 of 11).
        if event.value == event.input.value:
            self.fill_table()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_open()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus and search.value:
            search.value = ""
        self.query_one(DataTable).focus()

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.fill_table()
        self.notify(t("home.archived_shown" if self.show_archived else "home.archived_hidden"))

    def action_new(self, kind: str) -> None:
        self.app.new_document(kind)

    def _with_selected(self, handler) -> None:
        entry = self.selected_entry()
        if entry is not None:
            handler(entry)

    def action_open(self) -> None:
        self._with_selected(self.app.open_entry)

    def action_rename(self) -> None:
        self._with_selected(self.app.rename_entry)

    def action_archive(self) -> None:
        self._with_selected(self.app.archive_entry)

    def action_delete(self) -> None:
        self._with_selected(self.app.delete_entry)

    def action_move_team(self) -> None:
        from tui.home.team import move_entry

        self._with_selected(lambda entry: move_entry(self.app, entry))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # Keep letters for typing while the search field has focus.
        if action in {"new", "rename", "archive", "delete", "toggle_archived", "move_team"} and self.focused is self.query_one("#search"):
            return False
        if action == "move_team" and not self.app.teams:
            return False
        return True
