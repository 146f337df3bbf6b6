"""The case's network tab (tool 2): the actors around the citizen, their ties, a map, an analysis.

Four views, switched with m (map/list), i (analysis) and b (tie list):
- the list: the actors (with the citizen on top) and, under them (beside them from 120 columns),
  the selected one's ties: its neighbours, the quality of each tie and its conflicts;
- the map: the citizen in the centre, numbered actors by sector and ring, ties drawn;
- the analysis: what to do, named and ranked (models.network_findings), and the counts;
- the tie list: every tie, filtered by conflict or weakness (f), the worst first.

Edits go through dialogs that return a whole new model; the pane assigns NEW lists to the case
(validated, see models.documents.Case) through the document session, which saves a second later;
the views re-render when the session says the network changed.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import replace
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from models.network import CITIZEN, CONFLICT_KINDS, SECTORS, WEAK_MEAN, Actor, Tie, actor_number, match_rank, numbered
from models.network_analysis import Analysis, analyse, latest_readings, tie_counts, weakest_tie_per_end
from tui.document.session import DocumentSession
from tui.commands import bindings
from tui.i18n import t
from tui.privacy import actor_kind_shown, actor_shown, actor_shown_at, note_shown
from tui.widgets.diff_static import DiffStatic, KeptRender, KeptStatic
from tui.widgets.inputs import TextInput
from tui.case.network.cells import (
    CITIZEN_MARK,
    COORDINATOR_MARK,
    actor_marks,
    cell,
    conflicts_text,
    consent_cell,
    decimal_text,
    end_name,
    frequency_text,
    mean_cell,
    mean_text,
    reading_text,
)
from tui.widgets.table import FixedTable
from tui.widgets.tab_row import made_when_shown

if TYPE_CHECKING:
    from tui.case.network.map import MapBase
    from models.network_findings import Findings
    from tui.app import SamspilApp

FILTERS = ("all", "weak", "conflict", "no_consent", "unlinked")
TIE_FILTERS = ("all", "problem", "conflict", "weak")
#: How many steps of "what to do" the analysis view lists (at the caps there can be thousands).
STEPS_SHOWN = 60
SORTS = ("ring", "sector", "name", "ties", "weakest")
ZOOMS = (1, 2, 3)
#: From this width the map has its legend beside it.
WIDE = 110
#: From this width the ties stand beside the actors: the actors' table at its full 80 columns (its
#: weakest tie and reading in sight; at 45% of 120 they were cut off) and the ties' name, contact
#: and mean beside it in the 50 left.
SPLIT = 130


def weakest_cell(tie: Tie | None) -> Text:
    """An actor's weakest tie: its mean rating, `!` when weak, `–` when none is rated."""
    if tie is None or tie.mean is None:
        return cell("–")
    return cell(decimal_text(tie.mean) + (" !" if tie.weak else ""), "bold" if tie.weak else "")


class _Views(KeptRender, ContentSwitcher):
    """The pane's views. It and the map's containers keep their own lines (background) between
    frames (`KeptRender`): every frame of n/p on the map crosses all of them."""


class NetworkPane(KeptRender, Vertical):
    """Shows and edits the session's case."""

    app: SamspilApp

    DEFAULT_CSS = """
    NetworkPane { height: 1fr; }
    NetworkPane #net-status { height: auto; max-height: 2; padding: 0 1; text-style: bold; }
    NetworkPane #net-views { height: 1fr; }
    NetworkPane #net-list { height: 1fr; }
    NetworkPane #net-actors { height: 1fr; scrollbar-size-vertical: 1; }
    NetworkPane #net-focus { height: 9; }
    NetworkPane #net-focus-title { height: 1; padding: 0 1; text-style: bold; background: $boost; }
    NetworkPane #net-ties { height: 1fr; scrollbar-size-vertical: 1; }
    NetworkPane.-split #net-list { layout: horizontal; }
    NetworkPane.-split #net-actors { width: 80; }
    NetworkPane.-split #net-focus { height: 1fr; width: 1fr; border-left: vkey $foreground 30%; }
    NetworkPane #net-map-view { height: 1fr; }
    NetworkPane #net-map-row { height: 1fr; }
    NetworkPane #net-map-scroll { height: 1fr; width: 1fr; scrollbar-size: 1 1; }
    NetworkPane #net-map-legend { display: none; width: 46; border-left: vkey $foreground 30%; padding: 0 1; }
    NetworkPane.-wide #net-map-legend { display: block; }
    NetworkPane #net-map-selected { height: 1; padding: 0 1; }
    NetworkPane #net-map-info { height: 1; padding: 0 1; }
    NetworkPane.-wide #net-map-info { height: 2; }
    NetworkPane #net-analysis-view { height: 1fr; padding: 0 1; }
    NetworkPane #net-tielist-view { height: 1fr; }
    NetworkPane #net-jump { display: none; height: 1; }
    NetworkPane #net-jump.-shown { display: block; }
    NetworkPane #net-tielist-status { height: 1; padding: 0 1; }
    NetworkPane #net-all-ties { height: 1fr; scrollbar-size-vertical: 1; }
    NetworkPane .placeholder { padding: 1; }
    """

    BINDINGS = [
        # n/p are priority keys: taken when pressed, not after the key has climbed from the
        # focused map or list through the pane's containers to the app (eight message queues, a
        # turn of the loop each). In the jump field they are letters (`action_step` skips).
        replace(binding, priority=True) if isinstance(binding, Binding) and binding.description in ("network.next", "network.previous") else binding
        for binding in bindings(
            "network.add_actor",
            "network.edit",
            "delete",
            "network.add_tie",
            "network.add_many",
            "network.jump",
            "network.map",
            "network.analysis",
            "network.ties",
            "network.filter",
            "network.sort",
            "network.zoom_in",
            "network.zoom_out",
            "network.focus",
            "network.next",
            "network.previous",
        )
    ]

    def __init__(self, session: DocumentSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.selected: str = CITIZEN
        # The map as drawn for this network, size and filter; a new selection only overlays it.
        self._map_base: MapBase | None = None
        self._map_base_key: tuple[object, ...] | None = None
        self.filter, self.sort, self.zoom = "all", "ring", 1
        self.tie_filter = "problem"
        # The named findings, made when the analysis is shown (betweenness is the costly part)
        # and kept until the lists change: (actors, ties) identity -> findings.
        self._findings: tuple[object, object, Findings] | None = None
        self.focus_only = False
        self.result: Analysis | None = None
        # Values made from one list of the case, kept while the case holds that very list (a
        # change gives the case a new list, never changes one): name -> (list, value).
        self._made: dict[str, tuple[tuple[object, ...], Any]] = {}
        self._analysis_shown_width = 0  # the width the analysis text was last wrapped to
        self._map_info = ""  # what #net-map-info shows, so it is repainted only when it changes
        self._jump = ""  # the digits typed so far to jump to an actor by number
        # The actor list's row keys in order, and each key's row: n/p on the map step along
        # these, and the hidden list's cursor is moved only when the list is shown again.
        self._rows: list[str] = []
        self._row_of: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield KeptStatic("", id="net-status", markup=False)
        with _Views(initial="net-list", id="net-views"):
            with Vertical(id="net-list"):
                yield TextInput("", placeholder=t("network.jump_hint"), max_length=80, id="net-jump", compact=True)
                yield FixedTable(id="net-actors", cursor_type="row", zebra_stripes=True)
                with Vertical(id="net-focus"):
                    yield Static("", id="net-focus-title", markup=False)
                    yield FixedTable(id="net-ties", cursor_type="row")
            # The map, the analysis and the tie list are made when first shown (`_switch_to`):
            # hidden, they were a third of the widgets mounted and styled when the tab was built.

    @staticmethod
    def _make_view(view: str) -> Widget:
        """A view of the pane other than the list, made when first shown (`made_when_shown`)."""
        made: Widget
        if view == "net-map-view":
            # With the map: ~3 ms off building the tab (and its containers: ~1 ms, Textual's
            # making of a widget class walks all its attributes).
            from tui.case.network.map import NetworkMap, _Column, _MapScroll, _Row

            made = _Column(
                _Row(
                    _MapScroll(NetworkMap(id="net-map"), id="net-map-scroll"),
                    VerticalScroll(Static("", id="net-map-legend-text", markup=False), id="net-map-legend", can_focus=False),
                    id="net-map-row",
                ),
                DiffStatic("", id="net-map-selected", markup=False),
                DiffStatic("", id="net-map-info", markup=False),
                id="net-map-view",
            )
        elif view == "net-analysis-view":
            made = VerticalScroll(Static("", id="net-analysis", markup=False), id="net-analysis-view")
        else:
            every = FixedTable(id="net-all-ties", cursor_type="row", zebra_stripes=True)  # its columns once mounted
            made = Vertical(Static("", id="net-tielist-status", markup=False), every, id="net-tielist-view")
        return made

    async def _switch_to(self, view: str) -> None:
        """Show this view, made first if it was never shown."""
        switcher = self.query_one("#net-views", ContentSwitcher)
        if await made_when_shown(switcher, view, self._make_view) and view == "net-tielist-view":
            every = self.query_one("#net-all-ties", DataTable)
            for key, width in (("end_a", 17), ("end_b", 17), ("mean", 11), ("conflicts", 24), ("frequency", 10)):
                every.add_column(Text(t(f"network.col.{key}")), key=key, width=width)
        switcher.current = view

    def on_mount(self) -> None:
        self.session.subscribe(self)
        actors = self.query_one("#net-actors", DataTable)
        # At 80 columns everything but the kind fits; the kind is reached by scrolling right.
        widths = [("number", 3), ("ring", 4), ("sector", 8), ("name", 17), ("consent", 10), ("coordinator", 1), ("ties", 4), ("weakest", 7), ("reading", 7), ("kind", 24)]
        # Labels as Text: a str is read as markup (and its :emoji: codes, whose table is ~3 ms to import).
        for key, width in widths:
            actors.add_column(Text(t(f"network.col.{key}")), key=key, width=width)
        ties = self.query_one("#net-ties", DataTable)
        for key, width in (("with", 22), ("frequency", 10), ("mean", 11), ("conflicts", 30), ("note", 40)):
            ties.add_column(Text(t(f"network.col.{key}")), key=key, width=width)
        self.watch(self.app, "privacy", self._privacy_changed, init=False)

    # ---- the document ------------------------------------------------------------------------

    @property
    def case(self):
        return self.session.document

    @property
    def analysis(self) -> Analysis:
        """The analysis of the network as last shown (made now if not yet)."""
        if self.result is None:
            self.result = self._analyse()
        return self.result

    def _analyse(self) -> Analysis:
        """The analysis of the case's lists as they are (made again only when one changed)."""
        case = self.case
        return self._made_from("analysis", (case.actors, case.ties), lambda lists: analyse(*lists))

    def _made_from(self, name: str, source: Any, make: Callable[[Any], Any]) -> Any:
        """`make(source)`, kept while the case holds the same list(s) `source` (by identity)."""
        parts: tuple[object, ...] = source if isinstance(source, tuple) else (source,)
        held = self._made.get(name)
        if held is None or len(held[0]) != len(parts) or any(a is not b for a, b in zip(held[0], parts)):
            held = (parts, make(source))
            self._made[name] = held
        return held[1]

    def _tie_counts(self) -> Counter[str]:
        return self._made_from("tie_counts", self.case.ties, tie_counts)

    def _weakest(self) -> dict[str, Tie]:
        return self._made_from("weakest", self.case.ties, weakest_tie_per_end)

    @property
    def findings(self) -> Findings:
        """The named findings of the network as it is now (made again only when a list changed)."""
        case = self.case
        held = self._findings
        if held is None or held[0] is not case.actors or held[1] is not case.ties:
            # The findings' module only when they are asked for (the analysis view): ~5 ms on the way to the list.
            from models.network_findings import findings

            held = (case.actors, case.ties, findings(case.actors, case.ties))
            self._findings = held
        return held[2]

    @property
    def private(self) -> bool:
        return self.app.privacy

    def refresh_from_document(self) -> None:
        """Called when the tool is built and when the session says the network changed."""
        self._map_base = None
        if not any(actor.id == self.selected for actor in self.case.actors):
            self.selected = CITIZEN
        self._show_all()

    def _privacy_changed(self, _private: bool) -> None:
        self._show_all()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        self.set_class(self.size.width >= SPLIT, "-split")
        self._scroll_bars()
        # Only the view on the screen is redrawn to the new size (the others are made when shown):
        # a callback after the next frame also ends the frame a key's answer is gathered in.
        view = self._view()
        if view == "net-map-view":
            self.call_after_refresh(self._show_map)
        elif view == "net-analysis-view":
            self.call_after_refresh(self._show_analysis)  # its steps are wrapped to the width

    def _scroll_bars(self) -> None:
        """The list's scroll bars its rows surely need, shown from the start (`scroll_bars_within`)."""
        self.query_one("#net-actors", FixedTable).scroll_bars_within(self.app.size)
        self.query_one("#net-ties", FixedTable).scroll_bars_within(self._ties_room())

    def _ties_room(self) -> Size:
        """At most the screen; below SPLIT at most 8 rows (#net-focus is 9 high, its title 1)."""
        screen = self.app.size
        return screen if screen.width >= SPLIT else Size(screen.width, 8)

    def _show_all(self) -> None:
        self.result = self._analyse()
        self._show_status()
        self._fill_actors()
        self._fill_ties()
        self._show_analysis()
        self._fill_tie_list()
        self._show_map()

    def _show_status(self) -> None:
        result = self.analysis
        counts = {"actors": result.actors, "ties": result.ties, "weak": len(result.weak_ties)}
        status = t("network.status", **{name: t(f"network.number.{name}", count=count) for name, count in counts.items()}, conflicts=result.conflict_ties, no_consent=len(result.without_consent))
        view = t("network.status_view", filter=t(f"network.filter.{self.filter}"), sort=t(f"network.sort.{self.sort}"))
        self.query_one("#net-status", Static).update(f"{status} · {view}")

    # ---- the list ----------------------------------------------------------------------------

    def _shown_actors(self) -> list[tuple[int, Actor]]:
        """(number, actor) of the actors the filter lets through, in the chosen order."""
        case, result = self.case, self.analysis
        weak_ties = set(result.weak_ties)
        unreached: set[str] = set()
        if self.filter == "unlinked":  # through the network, not only directly; O(actors + ties)
            from models.network_findings import reach

            reached = reach(case.actors, case.ties)
            unreached = {*reached.professional, *reached.peripheral, *reached.family, *result.isolated} - set(result.coordinators)
        by_filter = {
            "all": lambda actor: True,
            "weak": lambda actor: any(tie.id in weak_ties for tie in case.ties_of(actor.id)),
            "conflict": lambda actor: any(tie.conflicts for tie in case.ties_of(actor.id)),
            "no_consent": lambda actor: actor.consent == "none",
            "unlinked": lambda actor: actor.id in unreached or not result.coordinators,
        }[self.filter]
        counts = self._tie_counts() if self.sort == "ties" else Counter()
        listed = [(actor_number(actor, index), actor) for index, actor in enumerate(case.actors) if by_filter(actor)]
        weakest = self._weakest() if self.sort == "weakest" else {}
        order = {
            "ring": lambda item: (item[1].ring, SECTORS.index(item[1].sector), item[0]),
            "sector": lambda item: (SECTORS.index(item[1].sector), item[1].ring, item[0]),
            "name": lambda item: item[1].name.casefold(),
            "ties": lambda item: (-counts[item[1].id], item[0]),
            "weakest": lambda item: (tie.mean if (tie := weakest.get(item[1].id)) and tie.mean is not None else 99, item[0]),
        }[self.sort]
        return sorted(listed, key=order)

    def _fill_actors(self) -> None:
        table = self.query_one("#net-actors", FixedTable)
        table.clear()
        keys: list[str] = []
        citizen_ties = self.case.ties_of(CITIZEN)
        if self.filter == "all" or (self.filter in ("weak", "conflict") and any(tie.weak if self.filter == "weak" else tie.conflicts for tie in citizen_ties)):
            keys.append(CITIZEN)
        shown = {actor.id: (number, actor) for number, actor in self._shown_actors()}
        keys += shown
        table.add_keyed_rows(keys, self._actor_cells(shown))
        self._rows, self._row_of = keys, {key: row for row, key in enumerate(keys)}
        if self.selected not in self._row_of:
            self.selected = keys[0] if keys else CITIZEN
        if keys:
            table.move_cursor(row=self._row_of[self.selected], scroll=True)
        table.scroll_bars_within(self.app.size)

    def _actor_cells(self, shown: dict[str, tuple[int, Actor]]) -> Callable[[str], tuple[Text, ...]]:
        """The cells of an actor's row (or the citizen's) in the list, made when the row is first
        drawn (`FixedTable.add_keyed_rows`), from the case's lists as they are now."""
        case, private = self.case, self.private
        ties, readings = case.ties, case.readings
        # Made with the first row drawn: a list filled while hidden (the map's f, a change made on
        # the map) draws none (the latest readings alone are a pass over 20,000 readings at the caps).
        made: dict[str, Any] = {}

        def of_lists() -> tuple[Counter[str], dict[str, Tie], dict[str, Any]]:
            if not made:
                made["counts"] = self._made_from("tie_counts", ties, tie_counts)
                made["weakest"] = self._made_from("weakest", ties, weakest_tie_per_end)  # one pass, not one per actor
                made["readings"] = self._made_from("latest_readings", readings, latest_readings)
            return made["counts"], made["weakest"], made["readings"]

        def cells(key: str) -> tuple[Text, ...]:
            counts, weakest, latest = of_lists()
            if key == CITIZEN:
                empty = cell("")
                return (cell(CITIZEN_MARK), empty, empty, cell(t("network.citizen"), "bold"), empty, empty, cell(str(counts[CITIZEN])), weakest_cell(weakest.get(CITIZEN)), empty, empty)
            number, actor = shown[key]
            return (
                cell(str(number)),
                cell(str(actor.ring)),
                cell(t(f"network.sector_short.{actor.sector}")),
                cell(actor_shown_at(actor, number, private), "bold" if actor.coordinator else ""),
                consent_cell(actor),
                cell(COORDINATOR_MARK if actor.coordinator else ""),
                cell(str(counts[actor.id])),
                weakest_cell(weakest.get(actor.id)),
                cell(reading_text(latest.get(actor.id))),
                cell(actor_kind_shown(actor, private)),
            )

        return cells

    def _fill_ties(self) -> None:
        case, private = self.case, self.private
        table = self.query_one("#net-ties", FixedTable)
        table.clear()
        ties = case.ties_of(self.selected)
        ties.sort(key=lambda tie: (tie.mean if tie.mean is not None else 99, -len(tie.conflicts)))
        by_id = {tie.id: tie for tie in ties}
        selected = self.selected

        def cells(key: str) -> tuple[Text, ...]:  # made when the row is first drawn
            tie = by_id[key]
            return (
                cell(end_name(case, tie.other(selected), private)),
                cell(frequency_text(tie)),
                mean_cell(tie),
                cell(conflicts_text(tie), "bold" if tie.conflicts else ""),
                cell(note_shown(tie.note, private, t("network.note_hidden")).replace("\n", " ")),
            )

        table.add_keyed_rows(by_id, cells)
        table.scroll_bars_within(self._ties_room())
        name = end_name(case, self.selected, private)
        title = t("network.ties_of", name=name, count=len(ties)) if ties else f"{name}: {t('network.no_ties')}"
        if not case.actors:
            title = t("network.empty")
        self.query_one("#net-focus-title", Static).update(title)

    def on_key(self, event) -> None:
        """Digits typed in the list or on the map jump to the actor with that number: "3" then
        "1" is #31 when there is one (else #1). Numbers never change, so a printed map's "#31"
        is found by typing it. Any other key starts the number afresh."""
        if self.app.focused is self.query_one("#net-jump", Input):
            if event.key == "escape":  # closes the field, not the case
                event.stop()
                self._close_jump()
            return
        view = self._view()
        if view not in ("net-list", "net-map-view") or not (event.character or "").isdigit() or len(event.character) != 1:
            self._jump = ""
            return
        numbers = {actor_number(actor, index): actor.id for index, actor in enumerate(self.case.actors)}
        typed = self._jump + event.character
        if int(typed) not in numbers:
            typed = event.character
        self._jump = typed
        if int(typed) in numbers:
            event.stop()
            self._select(numbers[int(typed)])

    def action_jump(self) -> None:
        """/ : type a name (or the start of its words) to jump to that actor in the list."""
        self._show_list()
        field = self.query_one("#net-jump", Input)
        field.value = ""
        field.add_class("-shown")
        field.focus()

    @on(Input.Changed, "#net-jump")
    def _jump_typed(self, event: Input.Changed) -> None:
        wanted = event.value.strip().casefold()
        if not wanted:
            return
        case, private = self.case, self.private
        ranked = []
        for index, actor in enumerate(case.actors):
            # What the list shows (the role and number under the privacy screen), and the kind; not
            # a kind typed freely while private: it is hidden, and a jump would tell what it holds.
            shown = actor_shown_at(actor, actor_number(actor, index), private)
            texts = (shown,) if private else (shown, actor.kind)
            ranks = [rank for text in texts if (rank := match_rank(wanted, text)) is not None]
            if ranks:
                ranked.append((min(ranks), index, actor.id))
        if ranked:
            self._select(min(ranked)[2])

    @on(Input.Submitted, "#net-jump")
    def _jump_done(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_jump()

    def _close_jump(self) -> None:
        field = self.query_one("#net-jump", Input)
        field.remove_class("-shown")
        self.query_one("#net-actors", DataTable).focus()

    def _select(self, actor_id: str) -> None:
        """Select this actor in the list (showing every actor if the filter hides it) and on the map."""
        if actor_id not in self._row_of:
            self.filter = "all"
            self.selected = actor_id
            self._show_all()
            return
        self.selected = actor_id
        if self._view() == "net-map-view":
            self._show_map()  # the hidden list's cursor follows when the list is shown
        else:
            self._move_list_cursor()
            self._fill_ties()

    @on(DataTable.RowHighlighted, "#net-actors")
    def _actor_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Nothing above the pane listens: stopped here, it does not climb five more widgets, one
        # loop turn each, before the key's frame is drawn (n/p on the map moves this cursor too).
        event.stop()
        if event.row_key.value != self.selected:
            self.selected = event.row_key.value or CITIZEN
            self._fill_ties()

    @on(DataTable.RowSelected, "#net-actors")
    def _actor_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    @on(DataTable.RowSelected, "#net-ties, #net-all-ties")
    def _tie_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # ---- the tie list ------------------------------------------------------------------------

    def _tie_listed(self, tie: Tie) -> bool:
        return {
            "all": True,
            "problem": tie.weak or bool(tie.conflicts),
            "conflict": bool(tie.conflicts),
            "weak": tie.weak,
        }[self.tie_filter]

    def _fill_tie_list(self) -> None:
        if self._view() != "net-tielist-view":
            return
        case, private = self.case, self.private
        table = self.query_one("#net-all-ties", FixedTable)
        cursor = table.cursor_row
        table.clear()
        # The worst first: conflicts (the most kinds), then the lowest mean; unrated last.
        listed = sorted((tie for tie in case.ties if self._tie_listed(tie)), key=lambda tie: (-len(tie.conflicts), tie.mean if tie.mean is not None else 99))
        by_id = {tie.id: tie for tie in listed}

        def cells(key: str) -> tuple[Text, ...]:  # made when the row is first drawn
            tie = by_id[key]
            return (
                cell(end_name(case, tie.a, private)),
                cell(end_name(case, tie.b, private)),
                mean_cell(tie),
                cell(conflicts_text(tie), "bold" if tie.conflicts else ""),
                cell(frequency_text(tie)),
            )

        table.add_keyed_rows([tie.id for tie in listed], cells)
        if listed:
            table.move_cursor(row=min(cursor, len(listed) - 1), scroll=True)
        status = t("network.tie_list", count=len(listed), filter=t(f"network.tie_filter.{self.tie_filter}"))
        self.query_one("#net-tielist-status", Static).update(status)

    # ---- the map -----------------------------------------------------------------------------

    def _tie_shown(self, tie: Tie) -> bool:
        if self.focus_only and not tie.touches(self.selected):
            return False
        if self.filter == "weak":
            return tie.weak
        if self.filter == "conflict":
            return bool(tie.conflicts)
        return True

    def _show_map(self) -> None:
        switcher = self.query_one("#net-views", ContentSwitcher)
        if switcher.current != "net-map-view":
            return
        scroll = self.query_one("#net-map-scroll", ScrollableContainer)
        # At zoom 1 the map fits the view exactly: no scroll bars to take room from it.
        scroll.styles.overflow_x = scroll.styles.overflow_y = "hidden" if self.zoom == 1 else "auto"
        view = scroll.content_region.size
        if view.width < 10 or view.height < 5:
            return
        size = Size(view.width * self.zoom, view.height * self.zoom)
        selected = None if self.selected == CITIZEN else self.selected
        from tui.case.network.map import NetworkMap, map_base, selection_canvas

        key = (size, self.filter, self.selected if self.focus_only else None, self.private)
        if self._map_base is None or self._map_base_key != key:
            self._map_base, self._map_base_key = map_base(self.case, size, self._tie_shown, self.private), key
        canvas, markers = selection_canvas(self._map_base, selected), self._map_base.markers
        the_map = self.query_one(NetworkMap)
        the_map.show(canvas, markers, size)
        if self.zoom > 1 and self.selected in markers:
            scroll.call_after_refresh(scroll.scroll_to_region, markers[self.selected].grow((2, 6, 2, 6)), animate=False)
        self._show_map_info()
        if self.has_class("-wide"):
            self._show_legend()

    def _show_map_info(self) -> None:
        """The selected actor's line (it changes with every n/p), and under it the legend and the
        keys, repainted only when they change: every repainted row is bytes over SSH."""
        case, private = self.case, self.private
        actor = case.actor(self.selected)
        if actor is None:
            selected = t("network.map.legend")
        else:
            selected = t(
                "network.map.selected",
                number=f"{actor_number(actor, case.actor_index(actor.id) or 0)}{actor_marks(actor)}",
                name=actor_shown(case, actor, private),
                sector=t(f"network.sector.{actor.sector}"),
                ring=actor.ring,
                consent=t(f"network.consent.{actor.consent}"),
                ties=t("network.number.ties", count=len(case.ties_of(actor.id))),
            )
        self.query_one("#net-map-selected", Static).update(selected, layout=False)
        info = "\n".join(([t("network.map.legend")] if self.has_class("-wide") and actor is not None else []) + [t("network.map.keys")])
        if info != self._map_info:
            self._map_info = info
            self.query_one("#net-map-info", Static).update(info, layout=False)

    def _show_legend(self) -> None:
        case, private = self.case, self.private
        text = Text(no_wrap=True, overflow="ellipsis")
        labels = self._map_base.labels if self._map_base is not None else {}
        room = 28  # the legend is 46 wide: border, padding, scroll bar, label and number take the rest
        # In the map's order of labels: the short label first, so the eye goes from map to legend.
        for index, actor in enumerate(case.actors):
            number = actor_number(actor, index)
            style = "bold reverse" if actor.id == self.selected else ""
            name = actor_shown_at(actor, number, private)
            name = name if len(name) <= room else name[: room - 1] + "…"
            text.append(f"{labels.get(actor.id, ''):<11} {name}\n", style=style)
        self.query_one("#net-map-legend-text", Static).update(text)

    # ---- the analysis ------------------------------------------------------------------------

    def _view(self) -> str:
        return str(self.query_one("#net-views", ContentSwitcher).current)

    def _analysis_width(self) -> int:
        """The analysis view's content width: the pane's less the view's padding (the view fills
        the pane; a hidden view's own region is as it was when last shown)."""
        return self.size.width - self.query_one("#net-analysis-view").styles.gutter.width

    def _analysis_laid_out(self) -> None:
        """Once laid out: wrapped again only if the view's width is not the one expected."""
        width = self.query_one("#net-analysis-view").content_region.width
        if self._view() == "net-analysis-view" and width and width != self._analysis_shown_width:
            self._show_analysis(width)

    def _show_analysis(self, width: int | None = None) -> None:
        if self._view() != "net-analysis-view":
            return  # made when shown: the named findings cost a breadth-first search per actor
        case, result, private = self.case, self.analysis, self.private
        found = self.findings
        out = Text()

        def heading(text: str) -> None:
            out.append(f"\n{text}\n", style="bold underline")

        def name(end: str) -> str:
            return end_name(case, end, private)

        out.append(t("network.view.analysis_title") + "\n", style="bold")
        names = ", ".join(name(actor_id) for actor_id in result.coordinators)
        out.append((t("network.analysis.coordinator", names=names) if names else t("network.analysis.no_coordinator")) + "\n")
        if result.coordinators:
            steps = found.reach.steps
            direct = sum(1 for step in steps.values() if step == 1)
            out.append(t("network.analysis.reach", reached=len(steps), count=len(case.actors) - len(result.coordinators), direct=direct) + "\n")
        out.append(t("network.analysis.conflict_ties", count=result.conflict_ties, ties=result.ties) + "\n")

        heading(t("network.analysis.what_to_do"))
        if not found.steps:
            out.append(f"• {t('network.act.nothing')}\n")
        from saved.reports.network_steps import step_text, ties_by_id  # only here: the report package (~5 ms)

        by_id = ties_by_id(case)
        # Wrapped here, under the text and not under the number, so each step reads as one block.
        view_width = width or self._analysis_width()
        self._analysis_shown_width = view_width
        width = max(30, view_width - 2)
        for number, step in enumerate(found.steps[:STEPS_SHOWN], start=1):
            lines = textwrap.wrap(step_text(case, step, t, name, by_id), width - 4) or [""]
            out.append(f"{number:>2}. ", style="bold")
            out.append(lines[0] + "\n" + "".join(f"    {line}\n" for line in lines[1:]))
        if len(found.steps) > STEPS_SHOWN:
            out.append(t("network.analysis.more_steps", count=len(found.steps) - STEPS_SHOWN) + "\n", style="italic")

        if found.brokers:
            from models.network_findings import BETWEENNESS_SOURCES

            heading(t("network.analysis.brokers_estimated", sources=BETWEENNESS_SOURCES, actors=len(case.actors)) if found.brokers_estimated else t("network.analysis.brokers"))
            for broker in found.brokers[:5]:
                out.append(f"  {round(broker.share * 100):>3} %  {name(broker.actor_id)}\n")

        heading(t("network.analysis.weakest"))
        for tie in (by_id[tie_id] for tie_id in result.weakest):  # found by the analysis: not sorted again
            ends = f"{end_name(case, tie.a, private)} – {end_name(case, tie.b, private)}"
            conflicts = conflicts_text(tie)
            out.append(f"• {ends}: {mean_text(tie)}" + (f" · {conflicts}" if conflicts else "") + "\n")

        heading(t("network.analysis.per_sector"))
        for sector in SECTORS:
            count = result.per_sector[sector]
            out.append(f"  {t(f'network.sector.{sector}'):<20} {count:>4} {'█' * min(count, 40)}\n")

        heading(t("network.analysis.means"))
        for dim, mean in result.dimension_means.items():
            label = t(f"network.dim.{dim}")
            if mean is None:
                out.append(f"  {label:<34}    –\n")
            else:
                filled = round(mean)
                flag = " !" if mean <= WEAK_MEAN else ""
                out.append(f"  {label:<34} {decimal_text(mean):>4} {'■' * filled}{'□' * (5 - filled)}{flag}\n")

        heading(t("network.analysis.conflicts"))
        for kind in CONFLICT_KINDS:
            out.append(f"  {t(f'network.conflict.{kind}'):<24} {result.conflicts[kind]:>4}\n")
        self.query_one("#net-analysis", Static).update(out)

    # ---- actions -----------------------------------------------------------------------------

    def _writable(self) -> bool:
        refusal = self.session.refusal()
        if refusal is not None:
            self.notify(refusal, severity="warning")
        return refusal is None

    def _set(self, done: str | None = None, **values: object) -> bool:
        """Give the case new lists (validated, in this order, all or none); say `done` or why not."""
        problem = self.session.update(**values)
        if problem is not None:
            self.notify(problem, severity="error", timeout=8)
        elif done:
            self.notify(done)
        return problem is None

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        if event.touches("actors", "ties", "readings"):
            self.refresh_from_document()

    def _focused_tie(self) -> Tie | None:
        table = self.app.focused
        if not isinstance(table, DataTable) or table.id not in ("net-ties", "net-all-ties") or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((tie for tie in self.case.ties if tie.id == key), None)

    def action_add_actor(self) -> None:
        if not self._writable():
            return
        taken = {actor.name.casefold() for actor in self.case.actors}

        def added(actor: Actor | None) -> None:
            if actor is not None:
                if self._set(t("network.added_actor"), actors=numbered([*self.case.actors, actor])):
                    self.selected = actor.id

        from tui.case.network.dialogs import ActorDialog  # dialogs are imported when first opened

        self.app.push_screen(ActorDialog(None, taken, self.app.today()), added)

    def action_add_many(self) -> None:
        if not self._writable():
            return
        taken = {actor.name.casefold() for actor in self.case.actors}

        def added(actors: list[Actor] | None) -> None:
            if actors and self._set(t("network.added_actors", count=len(actors)), actors=numbered([*self.case.actors, *actors])):
                self.selected = actors[0].id

        from tui.case.network.catalogue import CatalogueDialog

        self.app.push_screen(CatalogueDialog(taken), added)

    def action_edit(self) -> None:
        if not self._writable():
            return
        tie = self._focused_tie()
        if tie is not None:
            self._edit_tie(tie)
            return
        actor = self.case.actor(self.selected)
        if actor is None:
            self.notify(t("network.citizen_fixed"))
            return
        taken = {other.name.casefold() for other in self.case.actors if other.id != actor.id}

        def edited(new: Actor | None) -> None:
            if new is not None:
                self._set(actors=[new if other.id == new.id else other for other in self.case.actors])

        from tui.case.network.dialogs import ActorDialog

        self.app.push_screen(ActorDialog(actor, taken, self.app.today()), edited)

    def _edit_tie(self, tie: Tie) -> None:
        start = self.selected if tie.touches(self.selected) else tie.a

        def edited(new: Tie | None) -> None:
            if new is not None:
                self._set(ties=[new if other.id == new.id else other for other in self.case.ties])

        from tui.case.network.dialogs import TieDialog

        self.app.push_screen(TieDialog(self.case, start, tie, self.private, self.app.today()), edited)

    def action_add_tie(self) -> None:
        if not self._writable():
            return
        if not self.case.actors:
            self.notify(t("network.empty"))
            return

        def added(tie: Tie | None) -> None:
            if tie is not None:
                self._set(t("network.added_tie"), ties=[*self.case.ties, tie])

        from tui.case.network.dialogs import TieDialog

        self.app.push_screen(TieDialog(self.case, self.selected, None, self.private, self.app.today()), added)

    def action_delete(self) -> None:
        if not self._writable():
            return
        from tui.widgets.dialogs import Choice  # only here: not on the way to the network's first frame

        case, private = self.case, self.private
        tie = self._focused_tie()
        if tie is not None:
            body = t("network.dialog.remove_tie_body", a=end_name(case, tie.a, private), b=end_name(case, tie.b, private))
            choices = [("yes", t("network.dialog.remove_tie_yes"), "j"), ("no", t("key.cancel"), "n")]

            def really_tie(choice: str | None) -> None:
                if choice == "yes":
                    self._set(t("network.removed_tie"), ties=[other for other in self.case.ties if other.id != tie.id])

            self.app.push_screen(Choice(t("network.dialog.remove_tie_title"), body, choices, focus="no"), really_tie)
            return
        actor = case.actor(self.selected)
        if actor is None:
            self.notify(t("network.citizen_fixed"))
            return
        ties = case.ties_of(actor.id)
        readings = [reading for reading in case.readings if reading.actor_id == actor.id]
        body = t("network.dialog.remove_actor_body", name=actor_shown(case, actor, private), ties=t("network.number.ties", count=len(ties)), readings=t("gauge.summary.readings", count=len(readings)))
        choices = [("yes", t("network.dialog.remove_actor_yes"), "j"), ("no", t("key.cancel"), "n")]

        def really(choice: str | None) -> None:
            if choice != "yes":
                return
            kept = [other for other in self.case.actors if other.id != actor.id]
            # Ties and readings first: the case never points at an actor it no longer has.
            removed = self._set(
                t("network.removed_actor"),
                ties=[tie for tie in self.case.ties if not tie.touches(actor.id)],
                readings=[reading.model_copy(update={"actor_id": None}) if reading.actor_id == actor.id else reading for reading in self.case.readings],
                actors=kept,
            )
            if removed:
                self.selected = CITIZEN

        self.app.push_screen(Choice(t("network.dialog.remove_actor_title"), body, choices, focus="no"), really)

    async def action_toggle_map(self) -> None:
        switcher = self.query_one("#net-views", ContentSwitcher)
        if switcher.current == "net-map-view":
            self._show_list()
            self._fill_ties()
            self.query_one("#net-actors", DataTable).focus()
        else:
            await self._switch_to("net-map-view")
            self.query_one("#net-map-scroll").focus()
            self.call_after_refresh(self._show_map)

    async def action_analysis(self) -> None:
        switcher = self.query_one("#net-views", ContentSwitcher)
        if switcher.current == "net-analysis-view":
            self._show_list()
            self.query_one("#net-actors", DataTable).focus()
        else:
            await self._switch_to("net-analysis-view")
            self._show_analysis()  # once: wrapped to the width the view will have
            self.call_after_refresh(self._analysis_laid_out)
            self.query_one("#net-analysis-view").focus()

    async def action_tie_list(self) -> None:
        switcher = self.query_one("#net-views", ContentSwitcher)
        if switcher.current == "net-tielist-view":
            self._show_list()
            self.query_one("#net-actors", DataTable).focus()
        else:
            await self._switch_to("net-tielist-view")
            self._fill_tie_list()
            self.query_one("#net-all-ties", DataTable).focus()

    def action_filter(self) -> None:
        if self._view() == "net-tielist-view":  # the tie list has its own filters
            self.tie_filter = TIE_FILTERS[(TIE_FILTERS.index(self.tie_filter) + 1) % len(TIE_FILTERS)]
            self._fill_tie_list()
            return
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._show_all()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._show_status()
        self._fill_actors()

    def action_zoom(self, step: int) -> None:
        self.zoom = min(max(self.zoom + step, ZOOMS[0]), ZOOMS[-1])
        self._show_map()

    def action_focus_only(self) -> None:
        self.focus_only = not self.focus_only
        self._show_map()

    def action_step(self, step: int) -> None:
        """Select the next or previous row of the actor list (also on the map)."""
        if isinstance(self.app.focused, Input):
            raise SkipAction()  # a letter typed in the jump field
        rows = self._rows
        if not rows:
            return
        self.selected = rows[(self._row_of.get(self.selected, 0) + step) % len(rows)]
        if self._view() == "net-map-view":
            # Only the map changes: the hidden list's cursor and its ties table follow when the
            # list is shown again (moving them here cost a scroll and a repaint per key, unseen).
            self._show_map()
        else:
            self._move_list_cursor()
            self._fill_ties()

    def _move_list_cursor(self) -> None:
        """The actor list's cursor to the selected actor (if not there already)."""
        row = self._row_of.get(self.selected)
        table = self.query_one("#net-actors", DataTable)
        if row is None or row >= table.row_count or table.cursor_row == row:
            return
        # The table's highlight message would only say what is done here (the selection, the
        # ties): not sent, the key's frame is not held while it climbs to this pane.
        with self.prevent(DataTable.RowHighlighted):
            table.move_cursor(row=row, scroll=True)

    def _show_list(self) -> None:
        """Switch to the list of actors, its cursor and ties on the selected actor."""
        self.query_one("#net-views", ContentSwitcher).current = "net-list"
        self._move_list_cursor()
