"""saved.summaries: the home list from a small index, loading only the files it does not know."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from models.documents import DOCUMENT_KINDS, Case
from saved import summaries as summaries_module
from saved.examples import copy_examples
from saved.locations import Locations
from saved.store import create, delete, list_entries, save
from saved.summaries import KINDS, summaries


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    locations = Locations(tmp_path / "data")
    locations.ensure()
    copy_examples(locations)
    (locations.documents / "case-damagedd.toml").write_text('kind = "case"\nschema_version = 1\ntitle = 5\n', encoding="utf-8")
    return locations


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled at once (not "changed in the last two seconds"), so they are recorded."""
    monkeypatch.setattr(summaries_module, "RECENT_NS", -10**12)


@pytest.fixture
def loads(monkeypatch) -> list[Path]:
    """The files that were loaded in full."""
    import saved.store

    loaded: list[Path] = []
    real = saved.store.load
    monkeypatch.setattr(saved.store, "load", lambda path, **how: (loaded.append(path), real(path, **how))[1])
    return loaded


def as_rows(rows) -> list[tuple]:
    return [(r.path, r.kind, r.title, r.changed, r.archived, r.review_date, r.newer_version, list(r.problems)) for r in rows]


def test_the_summaries_say_what_the_full_list_says(locations):
    expected = []
    for entry in list_entries(locations):
        doc = entry.document
        if doc is None:
            expected.append((entry.path, None, "", entry.changed, False, None, None, list(entry.problems)))
        else:
            expected.append((entry.path, doc.kind, doc.title, doc.changed, doc.archived, getattr(doc, "review_date", None), entry.loaded.newer_version, []))
    assert as_rows(summaries(locations)) == expected
    damaged = next(r for r in summaries(locations) if r.damaged)
    assert damaged.problems[0].line == 3 and "title" in damaged.problems[0].message


def test_a_second_listing_loads_nothing_and_needs_no_pydantic(locations, settled, loads):
    first = summaries(locations)
    assert len(loads) == len(first)
    loads.clear()
    assert as_rows(summaries(locations)) == as_rows(first)
    assert loads == [], "every file is as the index recorded it"
    index = locations.index
    assert stat.S_IMODE(os.lstat(index).st_mode) == 0o600
    (locations.documents / "case-damagedd.toml").unlink()  # its problems are shown as saved.store's Problem
    code = "import sys; from pathlib import Path; from saved.locations import Locations; from saved.summaries import summaries; " \
        f"rows = summaries(Locations(Path({str(locations.root)!r}))); " \
        "print(len(rows), any(m.startswith(('pydantic', 'models')) for m in sys.modules))"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.split()
    assert out == [str(len(first) - 1), "False"]


def test_a_changed_file_is_loaded_again_and_a_deleted_one_leaves_the_index(locations, settled, loads):
    loaded = create(locations, Case(title="Før"))
    summaries(locations)
    loaded.document.title = "Efter"
    save(locations, loaded)
    loads.clear()
    rows = summaries(locations)
    assert loads == [loaded.path]
    assert next(r for r in rows if r.path == loaded.path).title == "Efter"
    assert "Efter" in locations.index.read_text(encoding="utf-8")
    delete(locations, loaded.path)
    assert "Efter" not in locations.index.read_text(encoding="utf-8"), "a deleted document's title does not stay"
    assert all(r.path != loaded.path for r in summaries(locations))
    other = next(path for path in locations.document_files() if path.name.startswith("exnovation-"))
    other.unlink()  # removed by hand: the next listing drops it
    summaries(locations)
    assert other.name not in locations.index.read_text(encoding="utf-8")


def test_a_file_changed_just_now_is_not_recorded(locations, loads):
    summaries(locations)  # every file was written just now
    loads.clear()
    summaries(locations)
    assert len(loads) == len(locations.document_files())
    assert json.loads(locations.index.read_text(encoding="utf-8"))["files"] == {}


@pytest.mark.parametrize("index", [b"not json", b'{"version": 1, "files": {"case-demcasea.toml": {"key": 1}}}', b"[]", b'{"version": 99, "files": {}}'])
def test_a_damaged_or_foreign_index_is_rebuilt_from_the_files(locations, settled, index):
    expected = as_rows(summaries(locations))
    locations.index.write_bytes(index)
    assert as_rows(summaries(locations)) == expected
    assert as_rows(summaries(locations)) == expected


def test_an_index_entry_that_says_something_odd_is_not_believed(locations, settled, loads):
    expected = as_rows(summaries(locations))
    path = locations.index
    index = json.loads(path.read_text(encoding="utf-8"))
    index["files"]["case-demcasea.toml"]["title"] = ["not", "text"]
    path.write_text(json.dumps(index), encoding="utf-8")
    loads.clear()
    assert as_rows(summaries(locations)) == expected
    assert loads == [locations.documents / "case-demcasea.toml"]


def test_the_kinds_are_the_models_kinds():
    assert KINDS == tuple(DOCUMENT_KINDS)


def test_document_files_come_in_the_order_of_their_paths(tmp_path: Path):
    """Sorted by name (a key, cheaper than comparing paths): the same order as the paths, which
    decides the order of documents changed at the same moment on the home list."""
    locations = Locations(tmp_path / "data")
    locations.ensure()
    for name in ("case-b.toml", "case-B.toml", "case-a1.toml", "case-a_.toml", "case-a-.toml", "exnovation-0.toml", "Case-z.toml", "case-æ.toml", ".case-hidden.toml", "case-x.txt"):
        (locations.documents / name).write_text("", encoding="utf-8")
    listed = locations.document_files()
    assert listed == sorted(listed) and len(listed) == 8


_FIRST_LISTING = """
import gc, sys
from pathlib import Path
from saved.locations import Locations
from saved import summaries as module
collections = []
gc.callbacks.append(lambda phase, info: collections.append(info["generation"]) if phase == "start" else None)
imported = []
real = module.import_store
def spy():
    collections.clear()
    real()
    imported.append((len(collections), "saved.store" in sys.modules, "pydantic" in sys.modules))
module.import_store = spy
{before}
rows = module.summaries(Locations(Path({root!r})))
print(len(rows), sum(row.damaged for row in rows), imported, gc.isenabled(), gc.get_freeze_count() > 0)
"""


@pytest.mark.parametrize("enabled", [True, False])
def test_the_first_listing_imports_the_models_with_the_collector_off_and_leaves_it_as_it_was(locations, enabled):
    """Pydantic and the models (~10^5 objects for good) are imported without a collection and then
    frozen, as Textual is (tui/__main__.py); the collector is left as it was found, and the
    documents are validated as before (the damaged file still marked)."""
    code = _FIRST_LISTING.format(root=str(locations.root), before="" if enabled else "gc.disable()")
    root = str(Path(__file__).resolve().parent.parent)  # this tree's samspil first, before any installed one
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(part for part in (root, os.environ.get("PYTHONPATH", "")) if part)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root, env=env).stdout.split(maxsplit=2)
    files = len(list(locations.documents.glob("*.toml")))
    assert out[:2] == [str(files), "1"]
    assert out[2].strip() == f"[(0, True, True)] {enabled} True"
