"""How opening a document, building a tool's view and applying one filter grow with the document.

In-process and headless (App.run_test at 80x24), CPU time (`time.process_time`, every thread of
this process): the keys a user presses, through Textual's Pilot, from the key to the view drawn
and every worker done. Each measurement is a fresh app on a data directory holding that one
document, listed once before (its index of summaries made, as after a first start, so opening
loads the file); a warm-up run first, so no row pays for importing a tool's modules.

Sizes: the demo case 1x, 3x, 10x, 100x and at the caps (tests/bench/files.py); the demo board 1x,
3x, 10x, 30x (330 items) and at the caps (500 items, tests/bench/grow.py). The growth is fitted
as CPU = a + b·n^k over the five sizes, n being what the view shows (readings for the gauge and
its list, actors + ties for the map and the analysis, items for the board and the matrix), `a` the fixed cost.

The network's views (the map, the analysis) have sizes of their own, of one shape: the case at
the caps (one network of 500 actors and 3000 ties, 20000 readings) and at 1/8, 1/4, 1/2 and 3/4
of every cap (62 actors and 375 ties, ...: the demo's copies joined by random ties into one
network, 6 ties an actor, 40 readings an actor; grow.py NETWORK_SIZES). A network's cost depends
on two counts, and a fit against one n is honest only if the sizes keep their ratio: then any
cost in actors and ties of degree d (actors, ties: 1; actors², actors × ties, ties²: 2) grows as
n^d whatever n is. The case's sizes did not: 1x-100x are 1-14 copies of the demo (2 ties an
actor) and the caps add 2020 ties to the same 500 actors. Against actors + ties a cost linear in
the ties fitted k = 1.28, and a cost in actors² k = 0.44: hidden; against the ties alone, actors ×
ties fitted k = 1.09: hidden too (tests/test_bench_fit.py, which also shows that these sizes fit
each of those costs at its degree). And the copies were 3-42 separate networks, whose searches
(the analysis's reach and betweenness) stop at each copy's edge: a real network of that size is
one. The smallest size is above the map's MOST_ROUTED ties (300, tui/case/network/map.py), so
every size is drawn the same way: below it each tie is routed round the labels, a cost bounded by
300 ties (at 36 actors and 214 ties, ~67 ms: the fit would take it for fixed cost and the growth
above for flat). Above 150 actors the betweenness is estimated from 150 searches
(models/network_findings.py): a cost in min(actors, 150) × ties, superlinear up to 1/4 of the caps.

The floors, measured in the same run, interleaved:
- open: reading the same file and `tomllib.loads` (what any TOML reader must do);
- tab build: one pass over the same raw TOML list choosing its latest rows, and one screen of
  them (rows of five short cells) put into a plain Textual DataTable in a bare app and drawn:
  what a view of the latest rows needs at least (all n rows into a DataTable cost 4 s at the caps,
  more than any of samspil's views, so they would be no floor);
- filter: the same keys in that bare app: for the gauge's, a modal screen with one Select of the
  same kinds (f, enter, down, enter, ctrl+s), for the map's f the key alone; then the same choice
  made over the raw TOML lists (a comprehension) and one screen of the chosen rows put into the
  DataTable and drawn.
"""

from __future__ import annotations

import asyncio
import gc
from contextlib import contextmanager
import heapq
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from saved.toml_read import tomllib
from tests.bench.grow import BOARD, CASE, NETWORK_SIZES, demo_raw, grown, shown_count

CASE_SIZES = ("1x", "3x", "10x", "100x", "caps")
BOARD_SIZES = ("1x", "3x", "10x", "30x", "caps")
#: The sizes given a row of their own (of each series, those it has).
SHOWN = ("1x", "10x", "1/8 caps", "1/2 caps", "caps")
MEASURES = ("open", "tab", "filter")
SCREEN_ROWS = 24  # rows of a screen at 80x24, at most
#: Rounds at least: a build's growth is ~100-200 ms over a fixed ~200-300 ms, and two runs of 3
#: rounds each fitted the map's build at k 1.13 and 3.00; k's spread over resampled rounds also
#: needs more than 3 samples a size to mean much (tests/test_bench_fit.py).
MIN_ROUNDS = 5


@dataclass(frozen=True)
class View:
    """A tool's view: its document, the keys that build it (from the document's first tab, focused)
    and the keys of one filter there (None: the view has none, and why)."""

    name: str
    label: str
    document: str
    build: tuple[str, ...] | None
    build_label: str
    filter: tuple[str, ...] | None
    filter_label: str
    #: The raw list a filter chooses from (for the filter's floor).
    rows: str = "readings"
    #: The i18n key of a text the filter's first key shows (its dialog, or the filter's name).
    filter_shows: str = "gauge.filter.title"
    #: The i18n key of a text the built view shows, where one says it is there.
    build_shows: str | None = None
    #: The sizes of its document it is measured at (None: the document's, DOCUMENTS).
    sizes: tuple[str, ...] | None = None


#: The gauge's filter: f opens it, enter opens "whose", down picks the first kind, enter, ctrl+s applies.
GAUGE_FILTER = ("f", "enter", "down", "enter", "ctrl+s")
VIEWS = (
    View("gauge", "gauge", CASE, ("right", "tab"), "→ to the gauge tab, Tab into it", GAUGE_FILTER, "f, whose = the first kind, ctrl+s"),
    View("list", "list of readings", CASE, ("right", "tab", "v"), "→, Tab, v: the gauge, then its list", GAUGE_FILTER, "f, whose = the first kind, ctrl+s"),
    View(
        "map", "network map", CASE, ("right", "right", "tab", "m"), "→→ to the network tab, Tab, m", ("f",), "f: the next actor filter (weak ties)",
        rows="actors", filter_shows="network.filter.weak", sizes=NETWORK_SIZES,
    ),
    View(
        "analysis", "network analysis", CASE, ("right", "right", "tab", "i"), "→→ to the network tab, Tab, i", None, "n/a (the analysis has no filter)",
        rows="actors", build_shows="network.view.analysis_title", sizes=NETWORK_SIZES,
    ),
    View("board", "board", BOARD, None, "n/a (built on opening: see the open row)", None, "n/a (the board has no filter)", rows="items"),
    View("matrix", "priority matrix", BOARD, ("m",), "m from the board", None, "n/a (the matrix has no filter)", rows="items", build_shows="exnovation.matrix_title"),
)
#: One app per run: opening the document, then the views' measures. The board and its matrix
#: share one run (the board is built on opening).
RUNS = (("gauge",), ("list",), ("map",), ("analysis",), ("board", "matrix"))
#: Per document: the name of its opening's points (apart from the views' own), its label, its sizes.
DOCUMENTS = {CASE: ("open:case", "case (gauge, list)", CASE_SIZES), BOARD: ("open:board", "board (board, matrix)", BOARD_SIZES)}


def sizes_of(view: View) -> tuple[str, ...]:
    return view.sizes if view.sizes is not None else DOCUMENTS[view.document][2]


class Missing(Exception):
    """What the view needs is not on the screen: the reason goes in the table."""


def _t(key: str) -> str:
    from tui.i18n import set_language, t

    set_language("da")
    return t(key)


async def _settle(pilot) -> None:
    """Every key taken, every worker done, the screen drawn."""
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def _text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return " ".join("".join(segment.text for segment in strip) for strip in strips)


@contextmanager
def _harness_apart():
    """What this process held before a measured app (or floor) began is left out of the garbage
    collector's walks while it runs (`gc.freeze`), as if the app ran in a process of its own.

    Fair, not flattering: the real process freezes what it made before the app (Textual, the app's
    modules: tui/__main__.py; pydantic and the models: saved.summaries.import_store), and what a
    document held when it opened (tui/document/session.py): none of that is walked there either.
    What is frozen here beyond that is the harness's, which the app's process never has: every
    size's raw TOML, the samples, earlier apps' leftovers (130-250k objects, more run by run; a
    full collection in the open at the caps walked them in ~70 ms, ~23 ms with them frozen). The
    garbage collector stays on: every collection the app's own objects bring about during a
    measured key runs and counts, as in the app's process."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # (the app thaws itself when it ends: tui/app.py `_close_all`)


async def _cpu(pilot, keys: tuple[str, ...], *, at_once: bool = False) -> float:
    """CPU from the keys to the view drawn. `at_once`: the keys in one burst, as the start rows
    send them on a pty and as a user types a familiar way (→ → Tab m): the tab passed over is not
    built (tui/case/screen.py `passing_through`). Pilot's `press` handles each key before the next,
    so the map's build counted the gauge's too, a view with its own row (at the caps: sorting
    20,000 readings, ~25 ms). The filters keep `press`: their floor's keys are pressed so."""
    from tests.ui.helpers import burst, keys_done

    gc.collect()
    began = time.process_time()
    if at_once:
        burst(pilot.app, *keys)
        await keys_done(pilot)
    else:
        await pilot.press(*keys)
    await _settle(pilot)
    return time.process_time() - began


def _app(root: Path):
    from saved.locations import Locations
    from tui.app import SamspilApp

    return SamspilApp(Locations(root))


async def measure_run(views: tuple[View, ...], root: Path) -> dict[tuple[str, str], float]:
    """One app: open the document from home (enter on its only row), then each view: build it,
    filter once. {(view or "open", measure): CPU seconds}."""
    from tui.i18n import set_language

    set_language("da")
    result: dict[tuple[str, str], float] = {}
    document = views[0].document
    with _harness_apart():
        app = _app(root)
        async with app.run_test(size=(80, 24)) as pilot:
            await _measure_views(pilot, app, views, document, result)
    return result


async def _measure_views(pilot, app, views: tuple[View, ...], document: str, result: dict[tuple[str, str], float]) -> None:
    """Into `result`: the open, then each view's build and filter."""
    await _settle(pilot)
    result[("open", "open")] = await _cpu(pilot, ("enter",))
    if _t("exnovation.tab_items" if document == BOARD else "case.tab_overview") not in _text(app):
        raise Missing(f"n/a ({document} did not open)")
    for view in views:
        if view.build is not None:
            result[(view.name, "tab")] = await _cpu(pilot, view.build, at_once=True)
            shown = _text(app)
            if any(_t(key)[:30] in shown for key in ("case.gauge_coming", "case.network_coming")):
                raise Missing("n/a (not built yet)")
            if view.build_shows is not None and _t(view.build_shows)[:30] not in shown:
                raise Missing(f"n/a ({' '.join(view.build)} did not show the {view.label})")
        if view.filter is not None:
            before = app.screen
            spent = await _cpu(pilot, view.filter[:1])
            if _t(view.filter_shows) not in _text(app):
                raise Missing(f"n/a ({view.filter[0]} showed no filter)")
            spent += await _cpu(pilot, view.filter[1:]) if view.filter[1:] else 0.0
            if app.screen is not before:
                raise Missing("n/a (the filter did not close)")
            result[(view.name, "filter")] = spent
    await pilot.press("escape")
    await _settle(pilot)


# ---- the floors ----------------------------------------------------------------------------


def _rows(count: int) -> list[tuple[str, ...]]:
    return [(f"2026-11-{1 + n % 28:02d} 12:{n % 60:02d}", str(n % 11), str((n * 7) % 11), "zone", f"actor {n % 500}") for n in range(count)]


def _chosen(raw: dict, rows: str) -> list[dict]:
    """The floor's filter over the raw TOML: readings of the first kind, or the actors with a weak
    tie (mean rating at most 2.5: one pass over the ties, one over the actors)."""
    if rows == "readings":
        return [row for row in raw["readings"] if row.get("whose", "self") == "self"]
    weak: set[str] = set()
    for tie in raw.get("ties", []):
        ratings = list(tie.get("ratings", {}).values())
        if ratings and sum(ratings) / len(ratings) <= 2.5:
            weak.update((tie["a"], tie["b"]))
    return [row for row in raw.get(rows, []) if row["id"] in weak]


async def floor_view(raw: dict, view: View) -> dict[str, float]:
    """A bare app: the latest rows chosen by one pass and one screen of them put into a plain
    DataTable and drawn; then the filter's floor, by the
    same keys as samspil's: with a dialog (the gauge's), a modal screen with one Select of the
    same kinds, whose choice is applied on ctrl+s; without (the map's f), the key itself."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.screen import ModalScreen
    from textual.widgets import DataTable, Select

    from models.gauge import WHOSE

    class Dialog(ModalScreen):
        BINDINGS = [Binding("ctrl+s", "apply")]

        def compose(self) -> ComposeResult:
            yield Select([("*", "*")] + [(key, key) for key in WHOSE], value="*", allow_blank=False, compact=True)

        def on_mount(self) -> None:
            self.query_one(Select).focus()

        def action_apply(self) -> None:
            self.dismiss(self.query_one(Select).value)

    class Bare(App):
        BINDINGS = [Binding("f", "filter")]

        def compose(self) -> ComposeResult:
            yield DataTable(id="rows")

        def action_filter(self) -> None:
            if view.filter == ("f",):
                self.show(None)
            else:
                self.push_screen(Dialog(), self.show)

        def show(self, whose: object) -> None:
            chosen = _chosen(raw, view.rows)
            table = self.query_one(DataTable)
            table.clear()
            table.add_rows(_rows(min(len(chosen), SCREEN_ROWS)))

    with _harness_apart():  # as for samspil's runs
        app = Bare()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            table = app.query_one(DataTable)
            table.add_columns("when", "intensity", "capacity", "zone", "actor")
            await pilot.pause()
            gc.collect()
            began = time.process_time()
            # What a view of the latest rows needs at least: look at each row once, draw one screen.
            latest = heapq.nlargest(SCREEN_ROWS, raw.get(view.rows, []), key=lambda row: str(row.get("taken", row.get("id"))))
            table.add_rows(_rows(len(latest)))
            await pilot.pause()
            tab = time.process_time() - began
            table.focus()
            await pilot.pause()
            filtered = await _cpu(pilot, view.filter) if view.filter else 0.0
    return {"tab": tab, "filter": filtered}


def floor_open(path: Path) -> float:
    with _harness_apart():  # as for samspil's runs
        began = time.process_time()
        tomllib.loads(path.read_bytes().decode("utf-8"))
        return time.process_time() - began


# ---- the run -------------------------------------------------------------------------------


@dataclass
class Point:
    """One view (or "case"/"board" for opening) at one size: its samples and its floors'."""

    view: str
    size: str
    n: int  # what the fit is against: rows shown, or the file's bytes for opening
    samples: dict[str, list[float]] = field(default_factory=dict)
    floors: dict[str, list[float]] = field(default_factory=dict)
    failed: str = ""

    def median(self, measure: str, floor: bool = False) -> float | str:
        if self.failed:
            return self.failed
        values = (self.floors if floor else self.samples).get(measure)
        return statistics.median(values) if values else "n/a"


def _place(root: Path, title: str, size: str) -> tuple[Path, dict, Path]:
    """A data directory holding the one demo document `title` at `size`."""
    from saved.locations import Locations

    raw = grown(demo_raw(title), size)
    locations = Locations(root / f"{raw['kind']}-{size}")
    locations.ensure()
    path = locations.document(raw["kind"], raw["id"])
    path.write_text(tomli_w.dumps(raw), encoding="utf-8")
    path.chmod(0o600)
    return locations.root, raw, path


def _index(data_dirs) -> None:
    """Each data directory's index of summaries made, as an earlier start leaves it: the home list
    then comes from the index, and opening loads the file, as on every start after the first.
    (On a first start, the listing has just validated a few small files and opening reuses them,
    a larger one it loads again: opening would be cheap up to 2 MiB and dear above, and the fit
    would measure that switch, not the growth.) The index leaves out files changed in the last
    2 s (saved.summaries.RECENT_NS), so the files are first allowed to age."""
    from saved.locations import Locations
    from saved.summaries import RECENT_NS, summaries

    time.sleep(RECENT_NS / 1e9 + 0.1)
    for data in data_dirs:
        summaries(Locations(data))


def run(rounds: int = 3, views: tuple[View, ...] = VIEWS) -> dict[tuple[str, str], Point]:
    """{(view or "case"/"board", size): Point}, every run interleaved with its floors."""
    by_name = {view.name: view for view in views}
    runs = [tuple(by_name[name] for name in names if name in by_name) for names in RUNS]
    runs = [run_ for run_ in runs if run_]
    root = Path(tempfile.mkdtemp(prefix="samspil-bench-growth-"))
    try:
        wanted = dict.fromkeys((run_[0].document, size) for run_ in runs for size in sizes_of(run_[0]))
        places = {(title, size): _place(root, title, size) for title, size in wanted}
        _index(place for place, _, _ in places.values())
        points: dict[tuple[str, str], Point] = {}
        for (title, size), (_, raw, path) in places.items():
            if size in DOCUMENTS[title][2]:  # opening is fitted over the document's own sizes
                points[(DOCUMENTS[title][0], size)] = Point(DOCUMENTS[title][0], size, path.stat().st_size)
            for view in views:
                if view.document == title and size in sizes_of(view):
                    points[(view.name, size)] = Point(view.name, size, shown_count(raw, view.name))
        for run_ in runs:  # warm-up: every tool's modules (and the floors') imported before anything is timed
            data, raw, _ = places[(run_[0].document, sizes_of(run_[0])[0])]
            try:
                asyncio.run(measure_run(run_, data))
            except Missing:
                pass
            for view in run_:
                asyncio.run(floor_view(raw, view))
        for _ in range(rounds):
            floor_of: dict[tuple[str, tuple[str, ...] | None, str], Point] = {}  # the gauge and its list show the same rows
            for run_ in runs:
                title = run_[0].document
                opened = DOCUMENTS[title][0]
                for size in sizes_of(run_[0]):
                    data, raw, path = places[(title, size)]
                    if any(points[(view.name, size)].failed for view in run_):
                        continue
                    try:
                        got = asyncio.run(measure_run(run_, data))
                    except Missing as reason:
                        for view in run_:
                            points[(view.name, size)].failed = str(reason)
                        continue
                    for (name, measure), value in got.items():
                        if (opened if name == "open" else name, size) in points:
                            points[(opened if name == "open" else name, size)].samples.setdefault(measure, []).append(value)
                    if (opened, size) in points:
                        points[(opened, size)].floors.setdefault("open", []).append(floor_open(path))
                    for view in run_:  # the floors: once a round for each number of rows
                        point = points[(view.name, size)]
                        if (view.rows, view.filter, size) in floor_of:
                            point.floors = floor_of[(view.rows, view.filter, size)].floors
                            continue
                        floor_of[(view.rows, view.filter, size)] = point
                        for measure, value in asyncio.run(floor_view(raw, view)).items():
                            point.floors.setdefault(measure, []).append(value)
        return points
    finally:
        shutil.rmtree(root, ignore_errors=True)
