"""The case's gauge tab (tool 1): take readings, see the gauge, the history and the switch point.

Four views, `v` cycles them: the gauge (two meters, the zone and its guidance, for one reading;
left/right step through the readings), the list of readings, the history over time, and the
scatter with the person's switch point. `f` filters all four by whose state, situation,
relationship and context. Readings are added, changed and removed through the document session
(a new list each time, so the case's reference checks run); the view re-renders when the session
says the readings changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import asyncio
from collections.abc import Callable
from datetime import datetime

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from models.clock import TIME_FORMAT
from models.gauge import CITIZEN_RELATION, NO_ACTOR, SWITCH_THRESHOLD, WHOSE, ZONE_GUIDANCE_KEYS, Reading, filter_readings, reading_zone, switch_point, in_the_future
from tui.document.session import DocumentSession
from tui.commands import bindings
from tui.i18n import current_language, t
from tui.privacy import actor_shown, note_shown
from tui.case.gauge import draw as gauge_draw
from tui.widgets.diff_static import DiffStatic, KeptRender
from tui.widgets.row_list import RowList
from tui.widgets.tab_row import made_when_shown
from tui.widgets.text import user_cell

if TYPE_CHECKING:
    from models.gauge_stats import Headline
    from tui.app import SamspilApp

VIEWS = ("now", "list", "history", "switch", "summary")
#: The zone text is as high as the tallest of this many readings around the one shown (all of
#: them at the demo size), so stepping between them never changes its size: a new size is a
#: layout pass of the screen and a second frame (~13 ms of CPU and 5 KiB more on the key that
#: reached a taller reading). Measured when the text is laid out, ~0.1 ms a reading.
RESERVED_READINGS = 64
#: Seconds after a reading is shown that the readings beside it are drawn (`predraw_beside`).
PREDRAW_AFTER = 0.02
LIST_COLUMNS = ("when", "intensity", "capacity", "zone", "whose", "situation", "actor")
THRESHOLDS = range(1, 10)
#: The meters' width (CSS below): the zone text beside them is at most the screen less this.
MAX_METERS_WIDTH = 32


# A NamedTuple, not a frozen dataclass: the same record, made ~0.35 ms faster when the gauge is
# first built (a dataclass compiles its six methods one by one).
class ReadingFilter(NamedTuple):
    whose: str | None = None
    situation: str | None = None
    actor_id: str | None = None
    context: str = ""

    def apply(self, readings: list[Reading]) -> list[Reading]:
        return filter_readings(readings, self.whose, self.situation, self.actor_id, self.context or None)

    @property
    def active(self) -> bool:
        return self != ReadingFilter()


class _Views(KeptRender, ContentSwitcher):
    """The pane's views; its own lines (background) are kept between frames (`KeptRender`)."""


class _Row(KeptRender, Horizontal):
    pass


class _KeptScrollBar(KeptRender, ScrollBar):
    pass


class _Scroll(KeptRender, VerticalScroll):
    """The zone text's scroll area; its scroll bar (Textual's, drawn on every frame that crosses
    it) keeps its lines too while its position and sizes stay (each is a reactive: a refresh)."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            # As Textual's Widget.vertical_scrollbar, with the kept class.
            self._vertical_scrollbar = bar = _KeptScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar


#: Each line's height by (line, width): the readings' texts share most lines (the zone's guidance,
#: the anchors), so sizing the zone text for 64 readings wraps each of those once, not per reading.
_LINE_HEIGHTS: dict[tuple[str, int], int] = {}


def text_height(plain: str, width: int) -> int:
    """The lines a text without padding takes at this width, as Textual wraps it (Content's
    `get_height`: each line folded where `divide_line` breaks it), without styling it."""
    height = 0
    heights = _LINE_HEIGHTS
    for line in plain.split("\n"):
        known = heights.get((line, width))
        if known is None:
            shown = Content(line).expand_tabs(8).plain if "\t" in line else line
            known = 1 if cell_len(shown) <= width else len(divide_line(shown, width, fold=True)) + 1
            if len(heights) > 4096:
                heights.clear()
            heights[(line, width)] = known
        height += known
    return height


class _ZoneText(DiffStatic):
    """The zone text: at least as high as `reserved(width)` says (the tallest reading nearby)."""

    reserved: Callable[[int], int] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        height = super().get_content_height(container, viewport, width)
        return max(height, self.reserved(width)) if self.reserved is not None and width else height


class GaugePane(KeptRender, Vertical, can_focus=True):
    """Shows and edits the session's case."""

    app: SamspilApp

    DEFAULT_CSS = """
    GaugePane { height: 1fr; }
    GaugePane:focus-within #gauge-bar { text-style: bold; }
    GaugePane #gauge-hint { color: $text-muted; }
    GaugePane:focus-within #gauge-hint { display: none; }
    GaugePane #gauge-bar { height: 1; background: $panel; padding: 0 1; }
    GaugePane #gauge-filter { height: 1; padding: 0 1; text-style: bold; }
    GaugePane #summary { padding: 0 1; }
    GaugePane ContentSwitcher { height: 1fr; }
    GaugePane #meters { width: 32; height: 13; }
    GaugePane #zone-scroll { width: 1fr; padding: 0 1; }
    GaugePane #scatter { width: 39; }
    GaugePane #switch-scroll { width: 1fr; padding: 0 1; }
    GaugePane #readings { height: 1fr; }
    GaugePane .empty { padding: 1 2; }
    """

    BINDINGS = bindings("gauge.new", "gauge.edit", "delete", "gauge.view", "gauge.filter", "gauge.previous", "gauge.next", "gauge.threshold_up", "gauge.threshold_down", hide=("delete",))

    def __init__(self, session: DocumentSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.view = "now"
        self.filter = ReadingFilter()
        # The filtered, sorted readings and where each stands: made again only when the readings or
        # the filter change, so a key that steps through them costs what it shows.
        self._shown: list[Reading] | None = None
        self._shown_of: list[Reading] | None = None  # the list of readings `_shown` was made from
        self._position: dict[str, int] = {}
        #: Headlines by (whose, threshold) for the shown readings: the bootstrap is costly (about
        #: 0.2 s of CPU at 2000 readings), so +/- and view changes reuse it until the readings change.
        self._headlines: dict[tuple[str, int], Headline] = {}
        self.selected_id: str | None = None
        self.threshold = SWITCH_THRESHOLD
        self._bar: Text | None = None
        self._meter_lines: dict[tuple[int, int, tuple[str, str], bool], list[Text]] = {}
        self._reading_texts: dict[tuple[object, ...], tuple[Reading, Text]] = {}
        #: The zone text's reserved height by (width, privacy, language), for the readings shown.
        self._reserved: dict[tuple[object, ...], int] = {}
        self._predraw: asyncio.TimerHandle | None = None

    def compose(self) -> ComposeResult:
        # DiffStatic: a key repaints only the cells it changed (bytes over SSH).
        yield DiffStatic("", id="gauge-bar", markup=False)
        yield DiffStatic("", id="gauge-filter", markup=False)
        yield Static(t("gauge.hint_focus"), id="gauge-hint", markup=False)
        with _Views(initial="now"):
            with _Row(id="now"):
                yield DiffStatic("", id="meters")
                with _Scroll(id="zone-scroll"):
                    zone = _ZoneText("", id="zone-text")
                    zone.reserved = self.reserved_height
                    yield zone
            # The other views are made when first shown (`action_next_view`): hidden, they were
            # nine of the tab's widgets mounted and styled when it was built.

    @staticmethod
    def _make_view(view: str) -> Widget:
        """A view other than the gauge, made when first shown (`made_when_shown`)."""
        made: Widget
        if view == "list":
            made = RowList([t(f"gauge.column.{key}") for key in LIST_COLUMNS], id="list")
        elif view == "history":
            made = VerticalScroll(Static("", id="history-chart"), id="history")
        elif view == "switch":
            made = Horizontal(Static("", id="scatter"), VerticalScroll(Static("", id="switch-text"), id="switch-scroll"), id="switch")
        else:
            made = VerticalScroll(Static("", id="summary-text"), id="summary")
        return made

    def on_mount(self) -> None:
        self.session.subscribe(self)
        self.watch(self.app, "privacy", self._privacy_changed, init=False)

    def on_descendant_focus(self) -> None:
        self.on_focus()

    def on_focus(self) -> None:
        # Focus restyles the pane, and a restyled text forgets its drawings: drawn again.
        if self.view == "now" and self._shown is not None:
            self._predraw_soon()

    def on_unmount(self) -> None:
        if self._predraw is not None:
            self._predraw.cancel()

    def on_resize(self) -> None:
        if self.view == "history":
            self.render_view()

    def _privacy_changed(self, _private: bool) -> None:
        self.render_view()

    # ---- data ----------------------------------------------------------------------------

    @property
    def case(self):
        return self.session.document

    @property
    def private(self) -> bool:
        return self.app.privacy

    def shown_readings(self) -> list[Reading]:
        """The readings that pass the filter, oldest first. Kept until the filter or the list of
        readings is replaced (lists are replaced, never changed in place: tests/test_layout.py),
        or `forget_shown`: sorting 20000 readings takes ~60 ms."""
        readings = self.case.readings
        if self._shown is None or self._shown_of is not readings:
            self._shown = sorted(self.filter.apply(readings), key=lambda reading: reading.taken)
            self._shown_of = readings
            self._position = {reading.id: index for index, reading in enumerate(self._shown)}
            self._headlines = {}
            self._reading_texts = {}
            self._reserved = {}
        return self._shown

    def forget_shown(self) -> None:
        self._shown = None
        self._headlines = {}
        self._reading_texts = {}
        self._reserved = {}

    def headline_of(self, whose: str) -> Headline:
        key = (whose, self.threshold)
        if key not in self._headlines:
            # Imported when a view needs it (the switch point, the summary): ~7 ms off building the tab.
            from models.gauge_stats import headline

            self._headlines[key] = headline(self.shown_readings(), whose, self.threshold)
        return self._headlines[key]

    def selected(self, readings: list[Reading]) -> Reading | None:
        """The reading the gauge shows: the chosen one if it is still shown, else the latest."""
        index = self._position.get(self.selected_id) if self.selected_id else None
        if index is not None and index < len(readings) and readings[index].id == self.selected_id:
            return readings[index]
        return readings[-1] if readings else None

    def actor_name(self, actor_id: str | None) -> str:
        if actor_id is None or actor_id == NO_ACTOR:
            return t("gauge.actor_none")
        if actor_id == CITIZEN_RELATION:
            return t("gauge.actor_citizen")
        actor = self.case.actor(actor_id)
        return actor_shown(self.case, actor, self.private) if actor else "?"

    # ---- drawing -------------------------------------------------------------------------

    def refresh_from_document(self) -> None:
        """Called when the tool is built: the readings shown are made again only if the list was
        replaced since they were made (its list may have been highlighted first, as it mounted)."""
        self.render_view()

    def render_view(self) -> None:
        readings = self.shown_readings()
        # Fixed-size widgets are updated without a layout pass (each pass re-arranges the
        # screen), and the bar only when it changed: a repaint is bytes over SSH.
        bar = self.bar_text(len(readings))
        if bar != self._bar:
            self._bar = bar
            self.query_one("#gauge-bar", Static).update(bar, layout=False)
        self.show_filter()
        switcher = self.query_one(ContentSwitcher)
        switcher.current = self.view
        getattr(self, f"render_{self.view}")(readings)

    def filter_words(self) -> str:
        """The active filter in words, for every view: "Filter: Mig selv · Relation: Mor"."""
        chosen = self.filter
        if not chosen.active:
            return t("gauge.filter.none")
        from tui.case.gauge.summary import safe_name  # the summary's words: imported when first needed

        parts = []
        if chosen.whose:
            parts.append(f"{t('gauge.field.whose')}: {t(f'gauge.whose.{chosen.whose}')}")
        if chosen.situation:
            parts.append(f"{t('gauge.field.situation')}: {t(f'gauge.situation.{chosen.situation}')}")
        if chosen.actor_id:
            parts.append(f"{t('gauge.field.actor')}: {safe_name(self.actor_name(chosen.actor_id))}")
        if chosen.context:
            parts.append(f"{t('gauge.field.context')}: \"{safe_name(note_shown(chosen.context, self.private, t('gauge.hidden')))}\"")
        return t("gauge.filter.named", what=" · ".join(parts))

    def show_filter(self) -> None:
        line = self.query_one("#gauge-filter", Static)
        # The summary names the filter in its own first lines.
        line.display = self.filter.active and self.view != "summary"
        if line.display:
            line.update(self.filter_words(), layout=False)  # one row high, always

    def bar_text(self, count: int) -> Text:
        bar = Text()
        for view in VIEWS:
            label = t(f"gauge.view.{view}")
            bar.append(f"[{label}]" if view == self.view else f" {label} ", style="reverse" if view == self.view else "")
            bar.append(" ")
        bar.append(f" {t('gauge.count', shown=count, count=len(self.case.readings))}")
        return bar

    def empty_text(self) -> str:
        return t("gauge.empty_filtered") if self.case.readings else t("gauge.empty")

    def drawing(self, lines: list[Text]) -> Text:
        return Text("\n").join(gauge_draw.without_colour(lines) if self.app.no_color else lines)

    def render_now(self, readings: list[Reading]) -> None:
        reading = self.selected(readings)
        meters = self.query_one("#meters", DiffStatic)
        text = self.query_one("#zone-text", DiffStatic)
        if reading is None:
            meters.update("", layout=False)
            text.update(self.empty_text())
            return
        meters.update_lines(self.meter_lines(reading.intensity, reading.capacity))
        shown = self.reading_text(reading, readings)
        if not text.size.width:
            self._sure_scroll_bar(shown)
        self.update_text(text, shown)
        # Only a focused gauge steps (← and → elsewhere move the tab row): focus coming in
        # restyles the texts, forgets their drawings and draws beside again (`on_focus`), so
        # drawn beside now, when the tab is first shown from the tab row, they went unused.
        if self.has_focus_within:
            self._predraw_soon()

    def _sure_scroll_bar(self, text: Text) -> None:
        """Before the gauge's first layout: the zone text's scroll bar shown at once if the text
        surely overflows (taller than the screen even as wide as it can be: the screen less the
        meters and the padding), as `overflow-y: scroll` shows it on mount. Found by the first
        layout instead, the bar laid the screen out a second time. Once laid out, the scroll
        area's own rule (auto) again: at that size it shows the bar too."""
        scroll = self.query_one("#zone-scroll", _Scroll)
        screen = self.app.size
        widest = screen.width - MAX_METERS_WIDTH - scroll.styles.gutter.width
        if widest <= 0 or scroll.show_vertical_scrollbar:
            return
        # The zone text's height at that width (`_ZoneText`): the first reading nearby that is
        # taller says so; the tallest is needed only at the width the text is laid out to.
        if text_height(text.plain, widest) <= screen.height and self.reserved_height(widest, above=screen.height) <= screen.height:
            return
        scroll.styles.overflow_y = "scroll"
        scroll.show_vertical_scrollbar = True
        self.call_after_refresh(scroll.styles.clear_rule, "overflow_y")  # no refresh: nothing to redraw

    def _predraw_soon(self, tries: int = 20) -> None:
        if self._predraw is not None:
            self._predraw.cancel()
        self._predraw = asyncio.get_running_loop().call_later(PREDRAW_AFTER, self.predraw_beside, tries)

    def predraw_beside(self, tries: int = 1) -> None:
        """Draw the readings beside the one shown while the app waits for the next key (a call
        of the event loop, after this key's frame, that holds up no key): ← or → then only
        repaints. Without it the first step onto a reading wraps and draws its text and meters
        and compares them with what is shown (~4 ms, twice as much as the step's frame). The
        same drawings as that step would make (`DiffStatic.predraw`); nothing is shown."""
        self._predraw = None
        try:
            if not self.is_mounted or self.view != "now" or not self.app.is_running:
                return
            readings = self.shown_readings()
            reading = self.selected(readings)
            if reading is None:
                return
            at = self._position[reading.id]
            meters = self.query_one("#meters", DiffStatic)
            text = self.query_one("#zone-text", DiffStatic)
            if not (text.ready_to_predraw and meters.ready_to_predraw):
                if tries > 1:  # not drawn yet (the tab was just built): once it is
                    self._predraw_soon(tries - 1)
                return
            for other in readings[max(0, at - 1) : at + 2]:
                if other is not reading:
                    text.predraw(self.reading_text(other, readings))
                    meters.predraw_lines(self.meter_lines(other.intensity, other.capacity))
        except Exception as error:  # noqa: BLE001 - outside any handler: to the app's error boundary
            self.app._handle_exception(error)

    def meter_lines(self, intensity: int, capacity: int) -> list[Text]:
        """The two meters' lines, made once for each pair of values (there are 121) and then kept:
        nothing changes them once made (`update_lines` only reads them)."""
        labels = (t("gauge.meter.intensity"), t("gauge.meter.capacity"))
        key = (intensity, capacity, labels, self.app.no_color)
        lines = self._meter_lines.get(key)
        if lines is None:
            lines = gauge_draw.meters(intensity, capacity, labels)
            lines = self._meter_lines[key] = gauge_draw.without_colour(lines) if self.app.no_color else lines
        return lines

    def reading_text(self, reading: Reading, readings: list[Reading]) -> Text:
        """The zone, its guidance and the reading, kept for as long as all it shows holds: the
        same Text object again lets the zone text reuse what it drew (`DiffStatic`). Kept by the
        reading (readings are replaced, never changed: tests/test_layout.py), its place, privacy,
        language and whether it lies in the future; `forget_shown` (the readings, the actors or
        the filter changed) forgets them all."""
        future = in_the_future(reading.taken, self.app.now())
        key = (reading.id, self._position.get(reading.id, 0), len(readings), self.private, current_language(), future)
        kept = self._reading_texts.get(key)
        if kept is not None and kept[0] is reading:
            return kept[1]
        if len(self._reading_texts) > 128:
            self._reading_texts = {}
        text = self._reading_text(reading, readings, future)
        self._reading_texts[key] = (reading, text)
        return text

    def _reading_text(self, reading: Reading, readings: list[Reading], future: bool) -> Text:
        out = Text()
        for piece, style in self._reading_pieces(reading, readings, future):
            out.append(piece, style)
        return out

    def _reading_plain(self, reading: Reading, readings: list[Reading]) -> str:
        """The reading's text as characters alone: all its height needs (`reserved_height`). No
        Text is made, whose every piece Rich scans for control codes (~40 µs a reading): the
        pieces hold none, what a document says is made safe (`safe_text`) and strips more."""
        future = in_the_future(reading.taken, self.app.now())
        return "".join(piece for piece, _style in self._reading_pieces(reading, readings, future))

    def _reading_pieces(self, reading: Reading, readings: list[Reading], future: bool) -> list[tuple[str, str]]:
        """The zone, its guidance and the reading: (text, style) pieces, in order."""
        zone = reading_zone(reading)
        keys = ZONE_GUIDANCE_KEYS[zone.key]
        out = [(f"{zone.symbol} {t(keys[0])}\n", "bold reverse")]
        for key in keys[1:]:
            out.append((f"• {t(key)}\n", ""))
        position = self._position.get(reading.id, 0) + 1
        out.append((f"\n{t('gauge.position', n=position, count=len(readings))}  ", "dim"))
        out.append((f"{reading.taken:{TIME_FORMAT}}\n", "bold"))
        if future:
            out.append((f"⚠ {t('gauge.future', when=f'{reading.taken:{TIME_FORMAT}}')}\n", "bold"))
        out.append((f"{t('gauge.field.whose')}: {t(f'gauge.whose.{reading.whose}')}\n", ""))
        situation = t(f"gauge.situation.{reading.situation}") if reading.situation else t("gauge.situation.none")
        out.append((f"{t('gauge.field.situation')}: {situation}\n", ""))
        out.append((f"{t('gauge.field.actor')}: {self.actor_name(reading.actor_id)}\n", ""))
        if reading.context:
            out.append((f"{t('gauge.field.context')}: {note_shown(reading.context, self.private, t('gauge.hidden'))}\n", ""))
        if reading.feelings:
            feelings = " · ".join(f"{t(f'gauge.feeling.{name}')} {value}" for name, value in reading.feelings.items())
            out.append((f"{t('gauge.field.feelings')}: {feelings}\n", ""))
        out.append((f"{t('gauge.field.intensity')} {reading.intensity}: {t(f'gauge.intensity_anchor.{reading.intensity}')}\n", "dim"))
        out.append((f"{t('gauge.field.capacity')} {reading.capacity}: {t(f'gauge.capacity_anchor.{reading.capacity}')}\n", "dim"))
        if reading.note:
            out.append((f"{t('gauge.field.note')}: {note_shown(reading.note, self.private, t('gauge.hidden'))}\n", ""))
        return out

    def reserved_height(self, width: int, above: int | None = None) -> int:
        """The lines the tallest of the RESERVED_READINGS readings around the one shown takes at
        this width: the zone text is laid out that high (`_ZoneText`), so a key never changes its
        size. Worked out once for the readings shown, the width, privacy and language. With
        `above`: the lines of the first reading that takes more than that, if one does (the
        tallest is then not worked out, nor kept)."""
        readings = self.shown_readings()
        key = (width, self.private, current_language())
        height = self._reserved.get(key)
        if height is None:
            reading = self.selected(readings)
            at = self._position.get(reading.id, 0) if reading is not None else 0
            start = max(0, min(at - RESERVED_READINGS // 2, len(readings) - RESERVED_READINGS))
            height = 0
            for nearby in readings[start : start + RESERVED_READINGS]:
                height = max(height, text_height(self._reading_plain(nearby, readings), width))
                if above is not None and height > above:
                    return height
            self._reserved[key] = height
        return height

    def update_text(self, widget: DiffStatic, text: Text) -> None:
        """Update a text of auto height with as few layout passes as possible: a pass re-arranges
        the whole screen. The text is as high as the tallest reading nearby (`reserved_height`)
        and its minimum height only grows, so stepping between readings keeps its size (the
        scroll area may end in a few blank lines)."""
        width = widget.content_region.width
        if not width:
            widget.update(text)
            return
        widget.update(text, layout=False)  # drawn at once, so it says how many lines it takes
        height = widget.content_lines if widget.content_lines is not None else len(text.wrap(self.app.console, width))
        height = max(height, self.reserved_height(width))
        if height > widget.size.height:
            widget.grow_to(height)

    def render_list(self, readings: list[Reading]) -> None:
        """Newest first; only the rows on the screen are drawn (20000 readings at the caps).

        The list keeps each row's cells until it is shown again (`RowList.show`): the readings,
        the filter, privacy and the time are those it was shown with; each of them changing
        calls this again."""
        now = self.app.now()
        last = len(readings) - 1
        selected = self.selected(readings)
        cursor = last - self._position[selected.id] if selected is not None else 0
        self.query_one("#list", RowList).show(len(readings), lambda index: self.list_cells(readings[last - index], now), cursor=cursor)

    def list_cells(self, reading: Reading, now: datetime) -> tuple[str | Text, ...]:
        """One reading's row in the list, as of `now` (a reading still to come is marked)."""
        zone = reading_zone(reading)
        when = f"{reading.taken:%d.%m.%y %H:%M}" + (" ⚠" if in_the_future(reading.taken, now) else "")
        situation = t(f"gauge.situation.{reading.situation}") if reading.situation else "–"
        return (
            when,
            str(reading.intensity),
            str(reading.capacity),
            f"{zone.symbol} {t(zone.label_key)}",
            t(f"gauge.whose.{reading.whose}"),
            situation,
            user_cell(self.actor_name(reading.actor_id)),
        )

    def render_history(self, readings: list[Reading]) -> None:
        chart = self.query_one("#history-chart", Static)
        if not readings:
            chart.update(self.empty_text())
            return
        width = max(20, self.size.width - 2)
        # Each whose-state is its own series: one's own state and the citizen's are never averaged.
        lines = []
        for whose in WHOSE:
            series = [reading for reading in readings if reading.whose == whose]
            if series:
                lines.append(Text(f"{t('gauge.field.whose')}: {t(f'gauge.whose.{whose}')} ({len(series)})", style="bold"))
                lines += gauge_draw.history(series, width)
        legend = Text()
        legend.append(gauge_draw.INTENSITY_MARK, style=gauge_draw.INTENSITY_STYLE)
        legend.append(f" {t('gauge.field.intensity')}   ")
        legend.append(gauge_draw.CAPACITY_MARK, style=gauge_draw.CAPACITY_STYLE)
        legend.append(f" {t('gauge.field.capacity')}   ")
        legend.append(f"{gauge_draw.BOTH_MARK} {t('gauge.both')}")
        chart.update(self.drawing([legend, *lines]))

    def switch_readings(self, readings: list[Reading]) -> tuple[list[Reading], str]:
        """The switch point is personal: one person's readings (the filter's, else one's own)."""
        whose = self.filter.whose or "self"
        return [r for r in readings if r.whose == whose], whose

    def render_switch(self, readings: list[Reading]) -> None:
        from tui.case.gauge.summary import disagree_words, interval_words, pooled_words, safe_name

        own, whose = self.switch_readings(readings)
        point = switch_point(own, threshold=self.threshold)
        lines = gauge_draw.scatter(own, point)
        self.query_one("#scatter", Static).update(self.drawing(lines))
        text = Text()
        text.append(t("gauge.switch.title", whose=t(f"gauge.whose.{whose}")) + "\n", style="bold")
        values = {
            "intensity": point.intensity,
            "threshold": self.threshold,
            "count": point.readings_used,
            "needed": 6,
            "lowest": point.lowest,
            "highest": point.highest,
        }
        text.append(t(f"gauge.switch.{point.reason}", **values) + "\n", style="bold" if point.enough else "")
        head = self.headline_of(whose)
        for extra in (pooled_words(head), interval_words(head), disagree_words(head, lambda key: safe_name(self.actor_name(key)))):
            if extra:
                text.append(extra + "\n")
        text.append("\n" + t("gauge.switch.whose", whose=t(f"gauge.whose.{whose}"), count=point.readings_used) + "\n")
        text.append(t("gauge.switch.threshold", threshold=self.threshold) + "\n\n")
        text.append(t("gauge.switch.axes") + "\n", style="dim")
        text.append(t("gauge.switch.legend") + "\n", style="dim")
        self.query_one("#switch-text", Static).update(text)

    def render_summary(self, readings: list[Reading]) -> None:
        from tui.case.gauge.summary import safe_name, summary_text

        text = summary_text(
            readings,
            filter_words=self.filter_words(),
            relation_name=lambda key: safe_name(self.actor_name(key)),
            situation_name=lambda key: t(f"gauge.situation.{key}"),
            threshold=self.threshold,
            headline_of=self.headline_of,
        )
        if not readings:
            text.append("\n" + self.empty_text())
        self.query_one("#summary-text", Static).update(text)

    # ---- actions -------------------------------------------------------------------------

    async def action_next_view(self) -> None:
        view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        await made_when_shown(self.query_one(ContentSwitcher), view, self._make_view)
        self.view = view
        self.render_view()
        if self.view == "list":
            self.query_one("#list", RowList).focus()
        elif self.screen.focused is not self:
            self.focus()

    def action_step(self, delta: int) -> None:
        readings = self.shown_readings()
        current = self.selected(readings)
        if current is None:
            return
        index = max(0, min(len(readings) - 1, self._position[current.id] + delta))
        if readings[index].id == current.id:
            self.selected_id = current.id
            return  # at the end already: nothing changes, nothing is drawn or sent
        self.selected_id = readings[index].id
        self.render_view()

    def action_threshold(self, delta: int) -> None:
        if self.view not in ("switch", "summary"):
            return
        self.threshold = max(THRESHOLDS[0], min(THRESHOLDS[-1], self.threshold + delta))
        self.render_view()

    def _listed(self, index: int) -> str | None:
        readings = self.shown_readings()
        return readings[len(readings) - 1 - index].id if 0 <= index < len(readings) else None

    @on(RowList.Highlighted, "#list")
    def row_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()  # nothing above listens: the key's frame need not wait for it to climb further
        self.selected_id = self._listed(event.index) or self.selected_id

    @on(RowList.Selected, "#list")
    def row_selected(self, event: RowList.Selected) -> None:
        self.selected_id = self._listed(event.index) or self.selected_id
        self.view = "now"
        self.render_view()
        self.focus()

    def editable(self) -> bool:
        refusal = self.session.refusal()
        if refusal is not None:
            self.notify(refusal, severity="warning")
        return refusal is None

    def action_new(self) -> None:
        from tui.case.gauge.reading_form import ReadingForm

        if self.editable():
            self.app.push_screen(ReadingForm(self.case.actors), self.added)

    def added(self, reading: Reading | None) -> None:
        if reading is None:
            return
        if self.change([*self.case.readings, reading], t("gauge.added")):
            self.selected_id = reading.id

    def action_edit(self) -> None:
        from tui.case.gauge.reading_form import ReadingForm

        reading = self.selected(self.shown_readings())
        if reading is not None and self.editable():
            self.app.push_screen(ReadingForm(self.case.actors, reading), self.edited)

    def edited(self, reading: Reading | None) -> None:
        if reading is None:
            return
        self.change([reading if r.id == reading.id else r for r in self.case.readings], t("gauge.changed"))

    def action_delete(self) -> None:
        reading = self.selected(self.shown_readings())
        if reading is None or not self.editable():
            return
        what = f"{reading.taken:{TIME_FORMAT}} ({reading.intensity}/{reading.capacity})"

        def really(choice: str | None) -> None:
            if choice == "yes":
                if self.change([r for r in self.case.readings if r.id != reading.id], t("gauge.deleted")):
                    self.selected_id = None

        from tui.widgets.dialogs import confirm  # only here: not on the way to the gauge's first frame

        self.app.push_screen(confirm(t("gauge.delete_title"), t("gauge.delete_body", what=what), t("key.delete")), really)

    def change(self, readings: list[Reading], done: str) -> bool:
        """Give the case these readings; say `done`, or why it was refused."""
        problem = self.session.update(readings=readings)
        self.notify(problem or done, severity="error" if problem else "information")
        return problem is None

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        if event.touches("readings", "actors"):
            self.forget_shown()
            self.render_view()

    def action_filter(self) -> None:
        from tui.case.gauge.reading_filter import FilterDialog

        def apply(chosen: ReadingFilter | None) -> None:
            if chosen is not None:
                self.filter = chosen
                self.forget_shown()
                self.render_view()

        self.app.push_screen(FilterDialog(self.filter, self.case.actors), apply)

