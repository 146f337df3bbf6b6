"""The autosave's work off the UI thread (saved/store.py `snapshot` and `write`, tui/document/
session.py `GivingWay`): lists of models are dumped by the write, item by item, exactly as the
document's own dump; the TOML made in paced pieces is tomli_w's text; a change made after the
snapshot is in the next save, not this one; the save sleeps only when another thread had the
interpreter."""

from __future__ import annotations

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from models.documents import Case
from models.gauge import Reading
from models.network import Actor
from saved import store
from saved.store import create, load
from saved.toml_read import tomllib
from tui.document import session as document_session

HOSTILE = ["\x1b[31mrød", "\x1b]8;;http://x\x07link", "\x9b", "\u202eevil", "[bold]x[/]", "<script>", 'a "q" \\ b', "æøå\n\tny linje"]


def _case() -> Case:
    actors = [Actor(name=name, sector="family", number=n + 1) for n, name in enumerate(HOSTILE)]
    readings = [Reading(intensity=n % 11, capacity=(n * 7) % 11, note=HOSTILE[n % len(HOSTILE)]) for n in range(300)]
    return Case(title="K.L.", actors=actors, readings=readings)


def test_the_lists_a_snapshot_leaves_to_the_write_dump_as_the_document_does(demo_locations):
    create(demo_locations, _case())
    paced: list[int] = []
    for loaded in (load(path) for path in demo_locations.document_files()):
        snapshot = store.snapshot(loaded, reuse_lists=True)
        expected = loaded.document.model_dump(mode="python", exclude_none=True)
        later = [name for name, value in snapshot.items() if isinstance(value, store._Later)]
        assert later == [name for name, value in loaded.document.__dict__.items() if store._models(value)]
        assert store._dump_later(loaded, snapshot, lambda: paced.append(1)) == expected
        assert all(loaded.listed.plain[name][0] is loaded.document.__dict__[name] for name in later), "kept for the next save"
    assert later and paced, "the case's readings were paced"


def test_the_saved_file_is_the_same_as_a_save_on_the_ui_thread(locations):
    loaded = create(locations, _case())
    loaded.document.title = "B.C."
    store.write(locations, loaded, store.snapshot(loaded, reuse_lists=True), lambda: None)
    deferred = loaded.path.read_bytes()
    changed = loaded.document.changed
    loaded.listed = store.ListCache()
    snapshot = store.snapshot(loaded)  # no reuse: everything dumped here, as the store's own save does
    snapshot["changed"] = changed
    store.write(locations, loaded, snapshot)
    assert loaded.path.read_bytes() == deferred
    assert load(loaded.path).document.readings[3].note == HOSTILE[3]


def test_a_change_after_the_snapshot_is_saved_by_the_next_save(locations):
    loaded = create(locations, _case())
    loaded.document.title = "first"
    snapshot = store.snapshot(loaded, reuse_lists=True)
    loaded.document.readings = [*loaded.document.readings, Reading(intensity=1, capacity=2, note="later")]  # typed during the write
    store.write(locations, loaded, snapshot, lambda: None)
    assert len(load(loaded.path).document.readings) == 300
    store.write(locations, loaded, store.snapshot(loaded, reuse_lists=True), lambda: None)
    again = load(loaded.path).document
    assert len(again.readings) == 301 and again.readings[-1].note == "later"


_texts = st.one_of(st.sampled_from(HOSTILE), st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
_tables = st.lists(st.dictionaries(st.sampled_from(["name", "note", "role"]), _texts, min_size=1), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None)
@given(_tables, st.sampled_from(["items", "readings"]))
def test_paced_toml_is_tomli_ws_text(tables, name):
    """The same text paced or not: tomli_w's, with C1 controls and bidi marks escaped (they read
    back as the same text)."""
    calls = []
    paced = store._dumps({name: tables}, lambda: calls.append(1))
    assert paced == store.toml_text({name: tables}) == store._RAW_IN_TOML.sub(store._escaped, tomli_w.dumps({name: tables}))
    assert tomllib.loads(paced) == {name: tables}


class _Clock:
    """The save thread's clocks: `ran` s of its own CPU in `passed` s of wall time per look."""

    def __init__(self, ran: float, passed: float) -> None:
        self.ran, self.passed, self.cpu, self.wall, self.slept = ran, passed, 0.0, 0.0, 0.0

    def thread_time(self) -> float:
        return self.cpu

    def perf_counter(self) -> float:
        return self.wall

    def sleep(self, seconds: float) -> None:
        self.slept += seconds

    def tick(self) -> None:
        self.cpu += self.ran
        self.wall += self.passed


def test_a_save_gives_way_only_when_another_thread_had_the_interpreter(monkeypatch):
    for passed, sleeps in ((0.001, False), (0.0012, False), (0.003, True)):
        clock = _Clock(ran=0.001, passed=passed)
        monkeypatch.setattr(document_session, "time", clock)
        pace = document_session.GivingWay()
        for _ in range(10):
            clock.tick()
            pace()
        assert (clock.slept > 0) is sleeps, passed
        assert clock.slept == pace.paused == pytest.approx(10 * document_session.PACE_PAUSE if sleeps else 0)


def test_a_look_before_a_slice_is_done_costs_nothing(monkeypatch):
    clock = _Clock(ran=0.0001, passed=0.01)
    monkeypatch.setattr(document_session, "time", clock)
    pace = document_session.GivingWay()
    for _ in range(5):
        clock.tick()
        pace()
    assert clock.slept == 0, "not a slice yet"
