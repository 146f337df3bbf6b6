"""Meeting mode: the board on a projector for the team meeting, read only.

Three views, tab goes round them: the items as a table that uses the whole width (texts wrap,
nothing is cut), a large priority matrix, and the selected item's force field with every force's
full text wrapped beside its bar, its decision and SWITCH answers. ↑/↓ (or k/j) choose the item.
Page down/up page through a long table or force field. The privacy screen's rule holds: names as initials and free text hidden while it is on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from models.exnovation import QUADRANTS, Force, Item, freed_totals, is_overdue, ranked, total
from models.text import safe_text
from saved.reports import freed
from tui.commands import bindings
from tui.document.session import DocumentSession
from tui.exnovation.common import LAW_MARK, OVERDUE_MARK, quadrant_label, stage_label
from tui.i18n import t
from tui.privacy import name_shown, note_shown
from tui.widgets.footer import KeyFooter
from tui.widgets.privacy_banner import PrivacyBanner

if TYPE_CHECKING:
    from tui.app import SamspilApp

VIEWS = ("table", "matrix", "forces")
BAR = "█"


def plain(text: str) -> Text:
    """User text for a Rich renderable: control characters made visible, no markup parsed."""
    return Text(safe_text(text))


class Pane(VerticalScroll, can_focus=False):
    """A view that scrolls but takes no keys: ↑/↓ choose the item (a focused scroll view took them)."""


class MeetingScreen(Screen):
    app: SamspilApp
    CSS_PATH = "exnovation.tcss"
    HELP = "help.meeting"

    BINDINGS = bindings("back", "meeting.next_view", "meeting.next", "meeting.previous", "meeting.page_down", "meeting.page_up")

    def __init__(self, session: DocumentSession, selected: str | None) -> None:
        super().__init__()
        self.session = session
        self.selected = selected
        self.view = "table"

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        yield Static("", id="meeting-top")
        with Pane(id="meeting-table-view"):
            yield Static("", id="meeting-table")
        with Grid(id="meeting-matrix"):
            for quadrant in QUADRANTS:
                yield Static("", id=f"mq-{quadrant}", classes="meeting-quadrant")
        with Pane(id="meeting-forces-view"):
            yield Static("", id="meeting-forces")
        yield KeyFooter()

    def on_resize(self) -> None:
        self.show()  # the table's columns depend on the width

    def on_mount(self) -> None:
        self.session.subscribe(self)
        self.watch(self.app, "privacy", lambda _private: self.show(), init=False)
        self.show()

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        self.show()

    @property
    def items(self) -> list[Item]:
        return list(self.session.document.items)

    @property
    def item(self) -> Item | None:
        return self.session.document.item(self.selected) if self.selected else None

    # ---- showing --------------------------------------------------------------------------

    def show(self) -> None:
        items = self.items
        if self.selected not in {item.id for item in items}:
            self.selected = items[0].id if items else None
        self.query_one("#meeting-table-view").display = self.view == "table"
        self.query_one("#meeting-matrix").display = self.view == "matrix"
        self.query_one("#meeting-forces-view").display = self.view == "forces"
        self.query_one("#meeting-top", Static).update(self.top_line())
        if self.view == "table":
            self.query_one("#meeting-table", Static).update(self.table())
        elif self.view == "matrix":
            self.show_matrix()
        else:
            self.query_one("#meeting-forces", Static).update(self.forces())

    def top_line(self) -> Text:
        board = self.session.document
        totals = freed_totals(board.items)
        words = t(
            "exnovation.freed_total",
            estimated=freed.total(totals["estimated_hours"], totals["estimated_money"], t, short=True),
            measured=freed.total(totals["measured_hours"], totals["measured_money"], t, short=True),
        )
        view = t(f"exnovation.meeting.{self.view}")
        return Text(safe_text(f"{t('exnovation.meeting_title', board=board.title)} · {view} · {words}", single_line=True), style="bold", no_wrap=True, overflow="ellipsis")

    def who(self, text: str) -> str:
        return name_shown(text, self.app.privacy) if text else "–"

    def free(self, text: str) -> str:
        return note_shown(text, self.app.privacy, t("privacy.text_hidden"))

    def table(self) -> RenderableType:
        """Every item, the practice column taking what the others leave; texts wrap. Where the
        screen is narrow, the short columns wrap too and the estimate is left for the item view."""
        today = self.app.today()
        wide = self.size.width >= 110
        table = Table(expand=True, show_lines=True, header_style="bold", pad_edge=False)
        table.add_column(t("exnovation.col.stage"), no_wrap=True)
        table.add_column(t("exnovation.col.quadrant"), max_width=14 if wide else 9)
        table.add_column(t("exnovation.col.what"), ratio=1, min_width=16)
        table.add_column(t("exnovation.col.owner"), max_width=24 if wide else 8)
        table.add_column(t("exnovation.col.deadline"), no_wrap=True)
        if wide:
            table.add_column(t("exnovation.report.col.estimated"), no_wrap=True)
        for item in self.items:
            chosen = item.id == self.selected
            deadline = item.deadline.isoformat() if item.deadline else "–"
            if is_overdue(item, today):
                deadline = f"{OVERDUE_MARK} {deadline}"
            what = (f"{LAW_MARK} " if item.required else "") + safe_text(item.what)
            cells: list[RenderableType] = [
                ("▶ " if chosen else "") + stage_label(item.stage),
                plain(quadrant_label(self.session.document, item.quadrant)),
                plain(what),
                plain(self.who(item.owner)),
                deadline,
            ]
            if wide:
                cells.append(freed.amount(item.freed_estimated, t, short=True))
            table.add_row(*cells, style="reverse bold" if chosen else None)
        return table

    def show_matrix(self) -> None:
        board = self.session.document
        for quadrant in QUADRANTS:
            box = self.query_one(f"#mq-{quadrant}", Static)
            items = [item for item in self.items if item.quadrant == quadrant]
            box.border_title = safe_text(f"{quadrant_label(board, quadrant)} ({len(items)})", single_line=True)
            box.border_subtitle = safe_text(t(f"exnovation.guidance.{quadrant}"), single_line=True)
            lines = Text()
            for item in items:
                mark = "▶ " if item.id == self.selected else "• "
                law = f"{LAW_MARK} " if item.required else ""
                lines.append(safe_text(f"{mark}{law}{item.what}", single_line=True) + "\n", style="reverse bold" if item.id == self.selected else "")
            untriaged = sum(1 for item in self.items if item.quadrant is None)
            if quadrant == "delete" and untriaged:
                lines.append(safe_text(f"\n{quadrant_label(board, None)}: {untriaged}", single_line=False), style="italic")
            box.update(lines if items or untriaged else Text("–"))

    def forces(self) -> RenderableType:
        item = self.item
        if item is None:
            return Text(t("exnovation.empty"))
        board = self.session.document
        head = Text(safe_text(item.what), style="bold")
        facts = [stage_label(item.stage), quadrant_label(board, item.quadrant), t(f"exnovation.change.{item.change or 'none'}")]
        facts += [f"{t('exnovation.col.owner')}: {self.who(item.owner)}"]
        if item.deadline:
            facts.append(f"{t('exnovation.col.deadline')}: {item.deadline.isoformat()}")
        parts: list[RenderableType] = [head, Text(safe_text(" · ".join(facts))), Text("")]
        helping, hindering = ranked(item.helping), ranked(item.hindering)
        field = Table(expand=True, show_lines=True, header_style="bold", pad_edge=False)
        field.add_column(f"{t('exnovation.helping')} ({total(item.helping)})", ratio=1)
        field.add_column(f"({total(item.hindering)}) {t('exnovation.hindering')}", ratio=1)
        for row in range(max(len(helping), len(hindering), 1)):
            field.add_row(self.force_cell(helping, row), self.force_cell(hindering, row))
        parts.append(field)
        switch = [(key, getattr(item, key)) for key in ("switch_rider", "switch_elephant", "switch_path") if getattr(item, key)]
        if switch:
            parts.append(Text(""))
            parts.append(Text(t("exnovation.report.switch"), style="bold"))
            for key, answer in switch:
                parts.append(plain(f"{t(f'exnovation.report.field.{key}')}: {self.free(answer)}"))
        estimated = freed.amount(item.freed_estimated, t)
        measured = freed.amount(item.freed_measured, t)
        parts += [Text(""), Text(safe_text(f"{t('exnovation.field.freed_estimated')}: {estimated} · {t('exnovation.field.freed_measured')}: {measured}"))]
        return Group(*parts)

    def force_cell(self, forces: list[Force], row: int) -> RenderableType:
        """Bar, strength, and the force's whole text wrapped in a column of its own."""
        if row >= len(forces):
            return Text("")
        force = forces[row]
        cell = Table.grid(padding=(0, 1), expand=True)
        cell.add_column(width=10, no_wrap=True)
        cell.add_column(width=1, no_wrap=True)
        cell.add_column(ratio=1)
        cell.add_row(Text(BAR * (2 * force.strength), style="bold"), Text(str(force.strength), style="bold"), plain(self.free(force.text)))
        return cell

    # ---- keys -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(self.selected)

    def action_next_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.show()

    def action_page(self, step: int) -> None:
        """Page the table or the force field (the matrix fits)."""
        pane = self.query_one("#meeting-table-view" if self.view == "table" else "#meeting-forces-view", Pane)
        pane.scroll_to(y=pane.scroll_y + step * max(pane.size.height - 2, 1), animate=False)

    def action_select(self, step: int) -> None:
        ids = [item.id for item in self.items]
        if not ids:
            return
        at = ids.index(self.selected) if self.selected in ids else 0
        self.selected = ids[max(0, min(len(ids) - 1, at + step))]
        self.show()
        if self.view == "table":
            self.scroll_to_selected()

    def scroll_to_selected(self) -> None:
        """Keep the selected row in view: rows are of unequal height, so scroll by its share."""
        ids = [item.id for item in self.items]
        view = self.query_one("#meeting-table-view", Pane)
        if self.selected in ids and len(ids) > 1:
            share = ids.index(self.selected) / (len(ids) - 1)
            view.scroll_to(y=share * view.max_scroll_y, animate=False)
