"""The home list's first display from the files' TOML alone (saved.summaries._quick): the same rows
as the validated summaries, or none at all; the validated rows follow and are the ones recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.documents import Case
from models.supervision import Supervision
from models.exnovation import OPEN_STAGES, WEEKS_PER_MONTH
from models.supervision import Action
from saved import summaries as summaries_module
from saved.examples import copy_examples, example_files
from saved.locations import Locations
from saved.store import dumps, load
from saved.summaries import _quick, summaries, summary_of

REPO_ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["\x1b[31mrød", "\x1b]8;;http://x\x07link", "C1 \x9b", "bidi \u202e", "[bold]", "<script>", "ÆØÅ æøå"]


def test_the_constants_agree_with_the_models():
    assert set(summaries_module._OPEN_STAGES) == set(OPEN_STAGES)
    assert summaries_module._WEEKS_PER_MONTH == WEEKS_PER_MONTH


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_example_reads_the_same_quick_and_validated(path):
    assert _quick(path) is not None
    assert _quick(path) == summary_of(load(path))


def _write(tmp_path: Path, document) -> Path:
    path = tmp_path / f"{document.kind}-{document.id}.toml"
    path.write_bytes(dumps(document))
    return path


def _board_raw() -> dict:
    from saved.toml_read import tomllib

    path = next(p for p in example_files() if p.name.startswith("exnovation-"))
    return tomllib.loads(path.read_text(encoding="utf-8"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=80).filter(str.strip),
    archived=st.booleans(),
    review=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    freed=st.lists(st.tuples(st.floats(0, 10_000, allow_nan=False) | st.integers(0, 10_000), st.sampled_from(["hours_week", "hours_month", "money_year"]), st.booleans()), max_size=12),
    deadlines=st.lists(st.booleans(), max_size=12),
    actions=st.lists(st.tuples(st.booleans(), st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))), max_size=4),
)
def test_generated_documents_read_the_same_quick_and_validated(tmp_path, title, archived, review, freed, deadlines, actions):
    import tomli_w

    from saved.store import DocumentError

    board = _board_raw()
    board.update(title=title, archived=archived)
    for n, item in enumerate(board["items"]):
        if n < len(freed):
            amount, unit, measured = freed[n]
            item["freed_estimated"] = {"amount": amount, "unit": unit}
            if measured:
                item["freed_measured"] = {"amount": amount, "unit": unit}
        if n < len(deadlines):
            item.pop("deadline", None) if deadlines[n] else item.update(deadline=review)
    path = tmp_path / "exnovation-dembrd2a.toml"
    path.write_text(tomli_w.dumps(board), encoding="utf-8")
    try:
        validated = summary_of(load(path))
    except DocumentError:  # a stage guard refused the change: nothing to compare
        validated = None
    if validated is not None:
        assert _quick(path) == validated
    documents = [
        Case(title=title, archived=archived, review_date=review),
        Supervision(title=title, archived=archived, practitioner="AB", actions=[Action(what="x", owner="CD", done=done, due=due) for done, due in actions]),
    ]
    for document in documents:
        path = _write(tmp_path, document)
        assert _quick(path) == summary_of(load(path))


@pytest.mark.parametrize(
    "text",
    [
        'kind = "case"\nschema_version = 1\nid = "abcdefgh"\ntitle = "x"\nchanged = 2026-01-01 10:00:00+01:00\nreview_date = 2026-02-01\n',  # old schema
        'kind = "case"\nschema_version = 99\nid = "abcdefgh"\ntitle = "x"\nchanged = 2026-01-01 10:00:00+01:00\nreview_date = 2026-02-01\n',  # newer
        'kind = "case"\nschema_version = 4\nid = "abcdefgh"\ntitle = "x"\nchanged = 2026-01-01 10:00:00\nreview_date = 2026-02-01\n',  # no offset
        'kind = "case"\nschema_version = 4\nid = "abcdefgh"\ntitle = "x"\nchanged = 2026-01-01 10:00:00+01:00\n',  # review date filled in by the model
        'kind = "case"\nschema_version = 4\nid = "abcdefgh"\ntitle = 5\nchanged = 2026-01-01 10:00:00+01:00\nreview_date = 2026-02-01\n',
        'kind = "case"\nschema_version = 4\nid = "abcdefgh"\ntitle = "x"\nchanged = 2026-01-01 10:00:00+01:00\nreview_date = 2026-02-01 10:00:00\n',
        "not toml [[[",
        "a = " + "[" * 5000 + "]" * 5000,
        ".".join(["b"] * 20_000) + " = 1\n",  # a key path that tomllib would take minutes over
        "\xff\xfe",
    ],
)
def test_what_only_the_models_can_say_is_not_read_quick(tmp_path, text):
    path = tmp_path / "case-abcdefgh.toml"
    path.write_bytes(text.encode("utf-8", "surrogateescape") if text != "\xff\xfe" else b"\xff\xfe")
    assert _quick(path) is None


@pytest.fixture
def fresh(tmp_path: Path) -> Locations:
    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    return locations


def test_early_rows_then_validated_rows_and_a_damaged_file_is_marked(fresh, monkeypatch):
    monkeypatch.setattr(summaries_module, "RECENT_NS", -10**12)
    damaged = fresh.documents / "case-damagedd.toml"  # TOML a quick read takes, the models refuse
    damaged.write_text('kind = "case"\nschema_version = 4\nid = "damagedd"\ntitle = "' + "x" * 81 + '"\nchanged = 2026-01-01 10:00:00+01:00\nreview_date = 2026-02-01\n', encoding="utf-8")
    shown: list[list] = []
    final = summaries(fresh, shown.append)
    assert len(shown) == 1 and len(shown[0]) == len(final) == len(example_files()) + 1
    early = {row.path: row for row in shown[0]}
    assert not early[damaged].damaged
    assert next(row for row in final if row.path == damaged).damaged
    assert [row for row in final if row.path != damaged] == [row for row in shown[0] if row.path != damaged]
    index = json.loads(fresh.index.read_text(encoding="utf-8"))
    assert index["files"][damaged.name]["kind"] is None  # only validated rows are recorded
    again: list[list] = []
    assert summaries(fresh, again.append) == final and again == []  # the index knows them all now


def test_before_loading_comes_once_before_any_file_is_read_and_not_for_a_known_list(fresh, monkeypatch):
    """The app waits there for its first frame (tui/home/screen.py): nothing is read before it,
    quick rows or validation, and a list the index knows whole does not wait at all."""
    monkeypatch.setattr(summaries_module, "RECENT_NS", -10**12)
    events: list[str] = []
    real_quick, real_load = summaries_module._quick, summaries_module._load
    monkeypatch.setattr(summaries_module, "_quick", lambda path, *parsed: events.append("read") or real_quick(path, *parsed))
    monkeypatch.setattr(summaries_module, "_load", lambda *args: events.append("load") or real_load(*args))
    final = summaries(fresh, lambda rows: events.append("early"), before_loading=lambda: events.append("wait"))
    count = len(example_files())
    assert events == ["wait", *["read"] * count, "early", *["load"] * count]
    events.clear()
    assert summaries(fresh, lambda rows: events.append("early"), before_loading=lambda: events.append("wait")) == final
    assert events == []
    monkeypatch.setattr(summaries_module, "QUICK_MAX_FILES", 2)  # too many for quick rows: straight to validation
    fresh.index.unlink()
    assert summaries(fresh, None, before_loading=lambda: events.append("wait")) == final
    assert events == ["wait", *["load"] * count]


def test_no_early_rows_when_a_file_cannot_be_read_quick(fresh):
    (fresh.documents / "case-brokenxx.toml").write_text("not toml [[[", encoding="utf-8")
    shown: list[list] = []
    final = summaries(fresh, shown.append)
    assert shown == [] and any(row.damaged for row in final)


def test_a_large_first_listing_goes_straight_to_validation(fresh, monkeypatch):
    monkeypatch.setattr(summaries_module, "QUICK_MAX_FILES", 2)
    shown: list[list] = []
    assert len(summaries(fresh, shown.append)) == len(example_files()) and shown == []
    monkeypatch.setattr(summaries_module, "QUICK_MAX_FILES", 50)
    monkeypatch.setattr(summaries_module, "QUICK_MAX_BYTES", 1000)
    fresh.index.unlink()
    assert len(summaries(fresh, shown.append)) == len(example_files()) and shown == []


_PROBE = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from saved.locations import Locations
from saved.summaries import summaries
seen = []
summaries(Locations(Path(sys.argv[2])), lambda rows: seen.append((len(rows), "pydantic" in sys.modules)))
print(seen)
"""


def test_the_early_rows_come_before_pydantic_is_imported(fresh):
    result = subprocess.run([sys.executable, "-I", "-c", _PROBE, str(REPO_ROOT), str(fresh.root)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"[({len(example_files())}, False)]"


def test_opening_a_document_just_listed_does_not_load_it_again(fresh, monkeypatch):
    import saved.store
    from saved.editing import OpenDocument

    summaries(fresh)
    case = next(p for p in fresh.document_files() if p.name.startswith("case-"))
    expected = load(case).document
    monkeypatch.setattr(saved.store, "load", lambda path: pytest.fail(f"loaded {path.name} again"))
    opened = OpenDocument.open(fresh, case)
    try:
        assert opened.document == expected and opened.read_only is None
    finally:
        opened.close()
    assert summaries_module.take_validated(case) is None  # taken once


def test_a_first_listing_parses_each_file_once_and_validates_it_as_loading_it_would(fresh, monkeypatch):
    """The validation after the quick rows takes the TOML the quick read parsed (not read and
    parsed again): the same documents, problems and fingerprints as loading each file."""
    import saved.store

    (fresh.documents / "case-brokenxx.toml").write_text('kind = "case"\nschema_version = 4\ntitle = ""\n', encoding="utf-8")
    expected = {}
    for path in fresh.document_files():
        try:
            expected[path] = load(path)
        except saved.store.DocumentError as error:
            expected[path] = [str(problem) for problem in error.problems]
    real = saved.store._parse_toml
    monkeypatch.setattr(saved.store, "_parse_toml", lambda path: pytest.fail(f"parsed {path.name} again"))
    shown: list[list] = []
    rows = summaries(fresh, shown.append)
    assert shown == [] and len(rows) == len(expected)  # no quick rows with a damaged file; each parsed once all the same
    monkeypatch.setattr(saved.store, "_parse_toml", real)
    for path, then in expected.items():
        row = next(row for row in rows if row.path == path)
        if isinstance(then, list):
            assert row.damaged and [str(problem) for problem in row.problems] == then
            continue
        taken = summaries_module.take_validated(path)
        assert taken is not None and taken.document == then.document and taken.fingerprint == then.fingerprint


def test_a_document_changed_since_the_listing_is_loaded_again(fresh, monkeypatch):
    monkeypatch.setattr(summaries_module, "RECENT_NS", -10**12)  # recorded at once: a later listing loads nothing
    summaries(fresh)
    case = next(p for p in fresh.document_files() if p.name.startswith("case-"))
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("K.M. (demo)", "K.N. (demo)"), encoding="utf-8")  # same size
    assert summaries_module.take_validated(case) is None
    summaries(fresh)
    other = next(p for p in fresh.document_files() if p.name.startswith("supervision-"))
    summaries(fresh)  # a later listing (nothing new) drops what the earlier one kept
    assert summaries_module.take_validated(other) is None
