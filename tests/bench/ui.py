"""What a user feels at the terminal: start, key to frame, bytes per key, quit.

Each scenario starts a fresh process on a pty (tests/bench/term.py), finds its target the way a
user would, by key presses, and returns a dict of samples. A target that is not on the screen
(a tool still being built shows its placeholder text) gives `NotBuilt` with the reason, and the
table says "n/a" for it rather than a number for the wrong thing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.bare_apps import READY
from tests.bench.term import Terminal, Timeout, visible_text

ROOT = Path(__file__).resolve().parent.parent.parent
BARE = [sys.executable, str(ROOT / "tests" / "bench" / "bare_apps.py")]
SAMSPIL = [sys.executable, "-m", "tui", "--lang", "da"]
DEMO_CASE = "K.M. (demo)"
KEY_PRESSES = 6  # per process; the median is taken over all processes of a run
NOOP_PRESSES = 3  # of a key that changes nothing: each waits 0.6 s for output that should not come


@dataclass(frozen=True)
class Tool:
    """A view of a demo document and how a user reaches it and works in it from the keyboard."""

    name: str
    tab_steps: int  # presses of "right" from the document's first tab
    placeholder_key: str | None  # the i18n key of the text a not-yet-built pane shows
    #: Pairs of keys tried in turn inside the pane; the first pair where both keys redraw is timed.
    key_pairs: tuple[tuple[str, str], ...] = (("right", "left"), ("down", "up"))
    #: Keys pressed inside the pane before timing (e.g. the network tab opens on its list: "m" shows the map).
    setup_keys: tuple[str, ...] = ()
    #: The demo document's title, and the i18n key of the text its screen shows once open.
    document: str = "K.M. (demo)"
    opened_key: str = "case.tab_overview"
    #: Whether Tab takes the focus from the tab row into the pane (the board's table has it already).
    enter_pane: bool = True
    #: A key that changes nothing here: (the keys that first put the view where it does, e.g. at
    #: its last row; the key; what it is, said in the table).
    noop: tuple[tuple[str, ...], str, str] | None = None


#: The last row of a list: ctrl+end in a DataTable ("end" scrolls sideways there), "end" in a
#: list of samspil's own (RowList); each is harmless in the other.
TO_LAST_ROW = ("ctrl+end", "end")
#: The gauge opens on the latest reading: ← first, so → comes back to it, where → changes nothing.
GAUGE = Tool("gauge", 1, "case.gauge_coming", key_pairs=(("left", "right"), ("down", "up")), noop=((), "right", "→ at the last reading"))
#: The list of readings; "end" goes to its last row, where "down" has nowhere to go.
GAUGE_LIST = Tool("gauge_list", 1, "case.gauge_coming", key_pairs=(("down", "up"),), setup_keys=("v",), noop=(TO_LAST_ROW, "down", "↓ at the end of the list"))
#: The map: n/p select the next/previous actor. n wraps round to the first actor, so the key that
#: changes nothing is "-" at the smallest zoom (the map opens at it).
NETWORK = Tool("network", 2, "case.network_coming", key_pairs=(("n", "p"), ("right", "left")), setup_keys=("m",), noop=((), "-", "- at the smallest zoom"))
#: The exnovation board opens on its items table, focused.
BOARD = Tool(
    "board", 0, None, key_pairs=(("down", "up"),), document="Exnovation, team Nord (demo)", opened_key="exnovation.tab_items", enter_pane=False,
    noop=(TO_LAST_ROW, "down", "↓ at the last item"),
)
#: The priority matrix ("m" on the board): j/k select the next/previous item. The first item
#: selected is in "do" (urgent and important), where ← (make it urgent) changes nothing.
MATRIX = Tool("matrix", 0, None, key_pairs=(("j", "k"),), setup_keys=("m",), document=BOARD.document, opened_key=BOARD.opened_key, enter_pane=False, noop=((), "left", "← on an item already urgent"))
#: A supervision session's agreed actions (the fourth tab): up/down along them.
SESSION = Tool("session", 3, None, key_pairs=(("down", "up"),), document="Supervision, november (demo)", opened_key="supervision.tab.session", noop=(TO_LAST_ROW, "down", "↓ at the last action"))


class NotBuilt(Exception):
    """The target of a measurement is not there (yet): the reason goes in the table."""


def _env(truecolor: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in {"NO_COLOR", "COLORTERM"}}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", LANG="C.UTF-8")
    if truecolor:  # a terminal that says it takes 24-bit colour: Textual then sends it
        env["COLORTERM"] = "truecolor"
    env.pop("LC_ALL", None)
    return env


def _t(key: str) -> str:
    from tui.i18n import set_language, t

    set_language("da")
    return t(key)


class DataDir:
    """A fresh copy of the demo documents in a temp dir, removed afterwards: never the user's data.
    With `documents`, copies of them (fresh ids) are added up to that many documents; with `caps`,
    the demo case (same title) is grown to the models' caps (tests/bench/files.py, `at_caps`);
    `grown` grows demo documents by title to a size ("10x", "caps": tests/bench/grow.py)."""

    def __init__(self, documents: int | None = None, caps: bool = False, grown: dict[str, str] | None = None) -> None:
        self.documents = documents
        self.grown = dict(grown or {})
        if caps:
            self.grown[DEMO_CASE] = "caps"

    def __enter__(self) -> Path:
        from saved.examples import copy_examples
        from saved.locations import Locations
        from tests.bench.files import fill

        self.path = Path(tempfile.mkdtemp(prefix="samspil-bench-"))
        locations = Locations(self.path)
        copy_examples(locations)
        if self.documents is not None:
            fill(locations, self.documents - len(locations.document_files()))
        if self.grown:
            import tomli_w

            from tests.bench.grow import demo_raw, grown

            for title, size in self.grown.items():
                if size == "1x":
                    continue
                path = next(p for p in locations.document_files() if f'title = "{title}"'.encode() in p.read_bytes())
                path.write_text(tomli_w.dumps(grown(demo_raw(title), size)), encoding="utf-8")
        return self.path

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def samspil(data: Path, truecolor: bool = False) -> Terminal:
    return Terminal([*SAMSPIL, "--data-dir", str(data)], _env(truecolor), str(ROOT))


def bare(kind: str, *args: str) -> Terminal:
    return Terminal([*BARE, kind, *args], _env(), str(ROOT))


def _index_written(data: Path, timeout: float = 30.0) -> None:
    """Wait until the first start has written the index of summaries (saved/summaries.py), as a
    user's first session, which lasts longer than the list, always lets it. Without this the
    "later" start raced the first one's background validation: when the first quit before its
    index was written, the later start was a first start again (peak memory 1.59x, not 1.22x)."""
    from saved.locations import Locations

    index = Locations(data).index
    deadline = time.perf_counter() + timeout
    while not index.exists():
        if time.perf_counter() > deadline:
            raise Timeout(f"the index was not written within {timeout:.0f} s")
        time.sleep(0.05)


def _quit(term: Terminal) -> float:
    term.note_peak_memory()  # quitting frees, and adds nothing to the peak
    sent = term.send("ctrl+q")
    return term.wait_exit() - sent


# ---- scenarios: each returns {measure: value} -------------------------------------------


def bare_start() -> dict[str, float]:
    """The bare app: first frame, bytes of the first full screen, quit, peak memory."""
    with bare("bare") as term:
        first = term.wait_for_text(READY) - term.started_at
        cpu = term.cpu_seconds()
        term.settle()
        screen_bytes = len(term.stream)
        quit_s = _quit(term)
        return {"first_frame": first, "first_cpu": cpu, "screen_bytes": screen_bytes, "quit": quit_s, "rss": term.max_rss_kib}


def quick_quit() -> dict[str, float]:
    """The bare app with samspil's exit path (its driver, no interpreter teardown): the quit floor."""
    with bare("quick") as term:
        term.wait_for_text(READY)
        term.settle()
        return {"quit": _quit(term)}


def quick_save_quit() -> dict[str, float]:
    """The floor for quitting with an unsaved edit: the bare app with samspil's exit path, whose
    quit key first saves the demo case with one letter added to its title the plainest way
    (`tomli_w.dumps` and one safe write: what a quit that must save cannot do without)."""
    with DataDir() as data:
        path = next(p for p in (data / "documents").glob("case-*.toml") if f'title = "{DEMO_CASE}"'.encode() in p.read_bytes())
        with bare("quick_save", str(path)) as term:
            term.wait_for_text(READY)
            term.settle()
            quit_s = _quit(term)
        if f'title = "{DEMO_CASE}x"'.encode() not in path.read_bytes():
            raise NotBuilt("n/a (the floor did not save on quit)")
        return {"quit": quit_s}


def _home_ready(term: Terminal) -> float:
    """When the home screen is there to work with: the document list and the footer's keys (its
    last one at 80 columns, "r Omdøb"). The footer fills in when the focus settles (Textual rebuilds
    it then, ~20-30 ms); it came before the list until home's list was read from its mount, and
    after it since: waiting for the list alone would have left that work out."""
    listed = term.wait_for_text(DEMO_CASE)  # the list is shown (other titles are cut short there)
    return max(listed, term.wait_for_text(_t("key.rename")))


def home_start() -> dict[str, float]:
    """samspil's home: first frame, the document list shown, bytes of the full screen, quit, memory.

    On a fresh copy of the demo, that is a first start: the listing validates every document (and
    so loads pydantic and the models). CPU and peak memory are also taken on a later start, whose
    list comes from the index the first one made, as every start after a user's first does."""
    with DataDir() as data:
        time.sleep(2.5)  # the index records only files older than 2 s (one still being written is not)
        with samspil(data) as term:
            first = term.wait_for_text(_t("home.title")) - term.started_at
            first_cpu = term.cpu_seconds()
            listed = _home_ready(term) - term.started_at
            listed_cpu = term.cpu_seconds()
            term.settle()
            screen_bytes = len(term.stream)
            _index_written(data)
            quit_s = _quit(term)
            first_rss = term.max_rss_kib
        with samspil(data) as term:
            term.wait_for_text(_t("home.title"))
            later_first_cpu = term.cpu_seconds()
            _home_ready(term)
            later_listed_cpu = term.cpu_seconds()
            term.settle()
            _quit(term)
            return {
                "first_frame": first, "first_cpu": first_cpu, "listed": listed, "listed_cpu": listed_cpu,
                "later_first_cpu": later_first_cpu, "later_listed_cpu": later_listed_cpu,
                "screen_bytes": screen_bytes, "quit": quit_s, "first_rss": first_rss, "rss": term.max_rss_kib,
            }


#: Later starts per size and round in `home_sizes` (the sizes' starts interleaved): this row moved
#: 1.2-1.9x between runs of the same tree with one start of each size per round.
LATER_STARTS = 3


def home_sizes(counts: tuple[int, ...]) -> dict[str, list[float]]:
    """Starts with each number of documents: CPU and wall time until the home list says it shows
    them ("listed_cpu{count}", "listed{count}"). As a user starts: the index of summaries
    (saved/summaries.py) was made by an earlier start, so each size's first start, which loads
    every file, is run first and reported apart ("cold_..."). Then `LATER_STARTS` starts of each
    size, the sizes in turn, so that a slow moment of the machine falls on every size alike."""
    result: dict[str, list[float]] = {}
    with contextlib.ExitStack() as stack:
        places = {count: stack.enter_context(DataDir(count)) for count in counts}
        time.sleep(2.5)  # the index records only files older than 2 s (one still being written is not)
        for run in ["cold_", *[""] * LATER_STARTS]:
            for count, data in places.items():
                listed, cpu = _listed(data, count)
                result.setdefault(f"{run}listed{count}", []).append(listed)
                result.setdefault(f"{run}listed_cpu{count}", []).append(cpu)
    return result


def _listed(data: Path, documents: int) -> tuple[float, float]:
    """One start: (wall, CPU) seconds until the home list says it shows this many documents."""
    template = _t("home.counts")  # "{shown} af {total} vist · {archived} arkiveret"
    shown = template.split("{shown}")[1].split("{archived}")[0].replace("{total}", str(documents)).strip()
    with samspil(data) as term:
        listed = term.wait_for_text(shown, timeout=120) - term.started_at
        cpu = term.cpu_seconds()
        term.settle()
        _index_written(data)
        _quit(term)
    return listed, cpu


def step(term: Terminal, *keys: str, quiet: float = 0.15, first: float = 5.0, expect: str | None = None) -> float:
    """Send keys, read the answer until the screen is still; the seconds the app was busy answering.

    That is key to last byte: the quiet gap the harness waits to be sure is not counted, so a
    sum of steps is what a user pressing each key the moment the last answer is drawn would wait.
    """
    mark = len(term.stream)
    sent = term.send(*keys)
    if expect is not None:
        term.wait_for_text(expect, since=mark)
    last = term.settle(quiet=quiet, first=first)
    return 0.0 if last is None else max(0.0, last - sent)


def open_document(term: Terminal, title: str = DEMO_CASE, opened_key: str = "case.tab_overview") -> float:
    """From home: search for the document by its title, Enter to the list, Enter to open it.

    Returns the time from process start to the document drawn, with the user's own pauses left out.
    """
    listed = term.wait_for_text(DEMO_CASE) - term.started_at  # the list is shown (other titles are cut short there)
    # One step at a time, as a user sees each answer: Textual moves focus after the key that asks
    # for it is handled, so letters typed ahead of it would reach the home screen's own keys.
    busy = step(term, "/")
    busy += step(term, *title, "enter")
    busy += step(term, "enter", expect=_t(opened_key))
    return listed + busy


def open_demo_case(term: Terminal) -> float:
    return open_document(term)


def open_tool(term: Terminal, tool: Tool) -> float:
    """From the document's first tab: switch to the tool's tab; the seconds until its view is drawn.

    Raises NotBuilt if the tab shows the placeholder of a pane still being built.
    """
    if tool.tab_steps == 0:
        return 0.0
    mark = len(term.stream)
    busy = step(term, *["right"] * tool.tab_steps, quiet=0.4)
    if busy == 0.0:
        raise NotBuilt(f"n/a ({tool.name} tab did not draw)")
    if tool.placeholder_key is not None:
        placeholder = visible_text(_t(tool.placeholder_key).encode())[:30]
        if placeholder in visible_text(bytes(term.stream[mark:])):
            raise NotBuilt("n/a (not built yet)")
    return busy


def time_keys(term: Terminal, pairs: tuple[tuple[str, str], ...]) -> dict[str, object]:
    """Alternate a pair of keys; the time and bytes of each key's burst. The first pair that redraws."""
    for pair in pairs:
        bursts = []
        for index in range(KEY_PRESSES):
            burst = term.press(pair[index % 2])
            if burst.nbytes == 0:
                break
            bursts.append(burst)
        else:
            return {"key": "/".join(pair), "key_s": [b.seconds for b in bursts], "key_bytes": [b.nbytes for b in bursts]}
    raise NotBuilt(f"n/a (no redraw on {', '.join('/'.join(p) for p in pairs)})")


def counter_keys() -> dict[str, object]:
    with bare("counter") as term:
        term.wait_for_text(READY)
        term.settle()
        measured = time_keys(term, (("up", "down"),))
        _quit(term)
        return measured


def tool_keys(tool: Tool, caps: bool = False, size: str | None = None, truecolor: bool = False, noop: bool = False) -> dict[str, object]:
    """Start samspil, open the tool's demo document and its view from the keyboard, time keys there
    (with `caps`, on the document grown to the models' caps; with `size`, grown to "10x" etc.;
    with `truecolor`, on a terminal that says it takes 24-bit colour).

    Also: start to this view ready, and the peak memory of the process. With `noop`, also the
    key that changes nothing there ("noop_s", "noop_bytes"), pressed after the timed keys.
    """
    grown = {tool.document: "caps" if caps else size} if (caps or size) else None
    with DataDir(grown=grown) as data, samspil(data, truecolor) as term:
        ready = open_document(term, tool.document, tool.opened_key) + open_tool(term, tool)
        ready_cpu = term.cpu_seconds()  # start to the tab drawn (the map and the matrix: one key more)
        if tool.enter_pane and term.press("tab").nbytes == 0:  # from the tab strip into the pane: focus shows
            raise NotBuilt(f"n/a (nothing in the {tool.name} tab takes focus)")
        if tool.setup_keys:
            step(term, *tool.setup_keys, quiet=0.4)
        measured = time_keys(term, tool.key_pairs)
        measured["ready"] = ready
        measured["ready_cpu"] = ready_cpu
        if noop and tool.noop is not None:
            keys, key, what = tool.noop
            for before in keys:
                step(term, before, quiet=0.4)
            bursts = [term.press(key, first=0.6) for _ in range(NOOP_PRESSES)]
            measured["noop"] = what
            measured["noop_bytes"] = [b.nbytes for b in bursts]
            measured["noop_s"] = [b.seconds for b in bursts]
        term.send("escape")  # back (home, or the board from its matrix), saving if the keys changed something
        term.settle(quiet=0.3, first=1.0)
        _quit(term)
        measured["rss"] = term.max_rss_kib
        return measured


def view_ready_later(tool: Tool) -> dict[str, object]:
    """Start to the tool's view on a later start: the list from the index a first start wrote (as
    every start after a user's first), so pydantic and the models are imported when the case is
    opened, and only that case is validated. CPU and wall time, as `tool_keys`' "ready"."""
    with DataDir() as data:
        time.sleep(2.5)  # the index records only files older than 2 s (one still being written is not)
        with samspil(data) as term:
            _home_ready(term)
            _index_written(data)
            _quit(term)
        with samspil(data) as term:
            ready = open_document(term, tool.document, tool.opened_key) + open_tool(term, tool)
            ready_cpu = term.cpu_seconds()
            _quit(term)
            return {"ready": ready, "ready_cpu": ready_cpu}


def _edit_pseudonym(term: Terminal) -> None:
    """Open the demo case, Tab to its pseudonym and type one letter (marks it unsaved)."""
    open_demo_case(term)
    term.settle(quiet=0.2)
    unsaved = _t("status.unsaved")
    for _ in range(4):  # Tab along the overview (a scroll area takes focus too) to the pseudonym
        term.send("tab")
        term.settle(quiet=0.2, first=1.0)
        mark = len(term.stream)
        term.send("x")
        term.settle(quiet=0.1, first=1.0)  # drawn; the autosave (1 s later) has not run
        if unsaved in visible_text(bytes(term.stream[mark:])):
            return
    raise NotBuilt("n/a (found no field to edit)")


def _typed(term: Terminal) -> dict[str, object]:
    bursts = [term.press(letter, quiet=0.1) for letter in "abcdef"[:KEY_PRESSES]]
    return {"key_s": [b.seconds for b in bursts], "key_bytes": [b.nbytes for b in bursts]}


def input_keys() -> dict[str, object]:
    """The floor for typing: letters into a bare app's focused Input."""
    with bare("input") as term:
        term.wait_for_text(READY)
        term.settle()
        measured = _typed(term)
        _quit(term)
        return measured


def typing_keys() -> dict[str, object]:
    """Letters typed into the demo case's pseudonym (each within 1 s of the last: no save runs)."""
    with DataDir() as data, samspil(data) as term:
        _edit_pseudonym(term)
        measured = _typed(term)
        term.settle(quiet=1.5, first=0.5)  # the autosave
        _quit(term)
        return measured


#: Keys typed while the capped case is saved: the median of three moved by 0.4x between runs (the
#: first key may meet the save's start, a garbage collection, a neighbour's burst). Only the keys
#: sent before the file was replaced count: a key after the save is not one "while it is saved".
SAVING_PRESSES = 12


def typing_while_saving(caps: bool = True) -> dict[str, object]:
    """Typed letters in the capped case: key to frame with no save running (each key within 1 s
    of the last, so the autosave waits), then while the autosave writes (~1 s at the caps)."""
    with DataDir(caps=caps) as data, samspil(data) as term:
        document = next(path for path in (data / "documents").glob("case-*.toml") if f'title = "{DEMO_CASE}"'.encode() in path.read_bytes())
        _edit_pseudonym(term)
        calm = [term.press("y", quiet=0.1).seconds for _ in range(KEY_PRESSES)]
        written = _stamp(document)
        started = time.perf_counter()
        time.sleep(1.1)  # the autosave starts: its snapshot on the UI thread, the dump and the write on a thread
        saving = []
        for _ in range(SAVING_PRESSES):
            if _stamp(document) != written:  # saved: the keys from here are not typed during the save
                break
            saving.append(term.press("z", quiet=0.05).seconds)
        saved = _written(term, document, written)
        term.settle(quiet=1.5, first=0.5)
        _quit(term)
        if not saving:
            raise NotBuilt("n/a (the save ended before the first key)")
        return {"calm_s": calm, "saving_s": saving, "saved_s": saved - started}


def saving_alone(caps: bool = True) -> dict[str, object]:
    """`typing_while_saving` with no key typed during the save: how long the autosave's write
    takes alone (a save gives way to keys, so it takes longer while they are typed)."""
    with DataDir(caps=caps) as data, samspil(data) as term:
        document = next(path for path in (data / "documents").glob("case-*.toml") if f'title = "{DEMO_CASE}"'.encode() in path.read_bytes())
        _edit_pseudonym(term)
        for _ in range(KEY_PRESSES):
            term.press("y", quiet=0.1)
        written = _stamp(document)
        started = time.perf_counter()
        saved = _written(term, document, written)
        term.settle(quiet=0.5, first=0.5)
        _quit(term)
        return {"saved_s": saved - started}


def _written(term: Terminal, document: Path, written: tuple[int, int]) -> float:
    """When the file was replaced (polled every 20 ms)."""
    deadline = time.perf_counter() + 15
    while _stamp(document) == written:
        if time.perf_counter() > deadline:
            raise NotBuilt("n/a (the autosave did not write the case)")
        term.settle(quiet=0.02, first=0.02)
    return time.perf_counter()


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def quit_after_edit() -> dict[str, float]:
    """Open the demo case, type one letter in its pseudonym, quit at once: quit saves first."""
    with DataDir() as data, samspil(data) as term:
        _edit_pseudonym(term)
        quit_s = _quit(term)
        saved = (data / "documents" / "case-demcasea.toml").read_text(encoding="utf-8")
        if "x" not in saved.split("title = ", 1)[1].split("\n", 1)[0]:
            raise NotBuilt("n/a (the edit was not saved on quit)")
        return {"quit_saving": quit_s}
