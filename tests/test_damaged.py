"""Damaged and hostile files: a clear DocumentError with file and line, and the file is never touched."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

import saved.platform
from models.base import SCHEMA_VERSION
from models.documents import Case
from saved import store
from saved.check import check, check_file
from saved.locations import Locations
from saved.store import MAX_PROBLEMS_PER_FILE, DocumentError, Problem, dumps, list_entries, load
from tui.errors import said
from tui.i18n import set_language

HEAD = 'kind = "case"\nschema_version = 1\ntitle = "K.L."\n'


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    locations = Locations(tmp_path / "data")
    locations.ensure()
    return locations


def snapshot(path: Path) -> tuple[bytes, int, int]:
    info = os.stat(path, follow_symlinks=False)
    return path.read_bytes(), info.st_mtime_ns, info.st_mode


def write(locations: Locations, name: str, data: bytes | str) -> Path:
    path = locations.documents / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(DocumentError) as caught:
        load(path)
    problems = caught.value.problems
    assert problems, "a DocumentError must carry at least one problem"
    assert all(p.path == path for p in problems)
    assert str(path) in str(caught.value)  # the message says which file
    return problems


# (name, content, words the message must contain, expected line or None)
DAMAGED = [
    ("bad-toml", HEAD + 'notes = "never closed\nreview_date = 2030-01-01\n', ["not valid TOML"], 4),
    ("bad-toml-late", HEAD + "\n\n\nreview_date = 2030-13-45\n", ["not valid TOML"], 7),
    ("duplicate-key", HEAD + 'title = "again"\n', ["not valid TOML"], 4),
    ("wrong-type-title", 'kind = "case"\nschema_version = 1\ntitle = 5\n', ["title", "string"], 3),
    ("wrong-type-archived", HEAD + 'archived = "yes"\n', ["archived", "boolean"], 4),
    ("wrong-type-date", HEAD + 'notes = ""\nreview_date = "2030-01-01"\n', ["review_date", "date"], 5),
    ("naive-datetime", HEAD + "created = 2024-05-01T10:00:00\n", ["created", "timezone"], 4),
    ("title-too-long", 'kind = "case"\nschema_version = 1\ntitle = "' + "x" * 81 + '"\n', ["title", "at most 80"], 3),
    ("title-empty", 'kind = "case"\nschema_version = 1\ntitle = ""\n', ["title", "at least 1"], 3),
    ("notes-too-long", HEAD + 'notes = "' + "n" * 20_001 + '"\n', ["notes", "at most 20000"], 4),
    ("bad-id", HEAD + 'id = "0101901234"\n', ["id", "pattern"], 4),
    ("unknown-key", HEAD + 'notes = "ok"\ncolour = "red"\n', ["colour", "Extra inputs are not permitted"], 5),
    ("unknown-table", HEAD + "[extra]\nx = 1\n", ["extra", "Extra inputs"], 4),
    ("unknown-dotted", HEAD + "\nextra.x = 1\n", ["extra", "Extra inputs"], 5),
    ("unknown-quoted-key", HEAD + '\n"weird key!" = 1\n', ["weird key!", "Extra inputs"], 5),
    ("unknown-quoted-dotted", HEAD + "\n'a.b' . \"ø\" = 1\n", ["a.b", "Extra inputs"], 5),
    ("line-separators-in-notes", HEAD + 'notes = "a\u2028b\x85c\u2029d"\nextra = 1\n', ["extra", "Extra inputs"], 5),
    ("crlf-line-ends", HEAD.replace("\n", "\r\n") + "\r\nextra = 1\r\n", ["extra", "Extra inputs"], 5),
    ("missing-title", 'kind = "case"\nschema_version = 1\nnotes = "x"\n', ["title", "required"], None),
    ("missing-kind", 'schema_version = 1\ntitle = "x"\n', ["kind must be one of", "case"], 1),
    ("unknown-kind", 'schema_version = 1\nkind = "diary"\ntitle = "x"\n', ["kind must be one of"], 2),
    ("kind-is-a-list", "schema_version = 1\nkind = [1, 2]\n", ["kind must be one of"], 2),
    ("kind-is-a-table", "schema_version = 1\n[kind]\na = 1\n", ["kind must be one of"], 2),
    ("missing-version", 'kind = "case"\ntitle = "x"\n', ["schema_version"], 1),
    ("version-zero", 'kind = "case"\nschema_version = 0\ntitle = "x"\n', ["schema_version", "positive"], 2),
    ("version-text", 'kind = "case"\n\nschema_version = "1"\ntitle = "x"\n', ["schema_version"], 3),
    ("version-bool", 'kind = "case"\nschema_version = true\n', ["schema_version"], 2),
    ("version-float", 'kind = "case"\nschema_version = 1.0\n', ["schema_version"], 2),
    ("invalid-utf8", b"\xff", ["UTF-8"], 1),
    ("invalid-utf8-line-4", (HEAD + 'notes = "').encode() + b'\xc3\x28"\n', ["UTF-8"], 4),
    ("empty", b"", ["schema_version"], 1),
    ("nul-bytes", b"\x00" * 64, ["not valid TOML"], 1),
    ("deep-array", "a=" + "[" * 100_000, ["nested too deeply"], None),
    ("deep-array-with-head", HEAD + "a=" + "[" * 100_000, ["nested too deeply"], None),
    ("deep-inline-table", HEAD + "a=" + "{b=" * 5000 + "1" + "}" * 5000, ["nested too deeply"], None),
    ("many-digits", "x=" + "9" * 5000, ["not valid TOML", "digits"], None),
    ("many-digits-with-head", HEAD + "x=" + "9" * 5000, ["not valid TOML", "digits"], None),
]


@pytest.mark.parametrize(("name", "content", "words", "line"), DAMAGED, ids=[d[0] for d in DAMAGED])
def test_damaged_file_gives_a_clear_error_and_is_not_touched(locations, name, content, words, line):
    path = write(locations, f"case-{name}.toml", content)
    before = snapshot(path)

    problems = problems_of(path)
    text = "\n".join(p.message for p in problems)
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"
    if line is not None:
        assert problems[0].line == line, problems
        assert str(problems[0]).startswith(f"{path}:{line}: ")
    # No traceback text and no Python internals in what the user sees.
    assert "Traceback" not in text and "tomllib" not in text

    # Said in the interface's language: Danish, with the file and line as before.
    set_language("da")
    for problem in problems:
        said_da = said(problem)
        assert said_da.startswith(f"{path}:{problem.line}: " if problem.line else f"{path}: ")
        for english in ("Input should", "Field required", "Extra inputs", "must be", "is missing", "not valid", "nested too"):
            assert english not in said_da, said_da

    assert check_file(path) == problems
    assert any(p.path == path for p in check(None, locations))
    entries = list_entries(locations)
    assert [e.path for e in entries] == [path]
    assert entries[0].loaded is None and entries[0].problems == problems
    assert snapshot(path) == before


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("a." * 10_000 + "a=1", "levels deep", 1),
        (HEAD + "a." * 10_000 + "a=1", "levels deep", 4),
    ],
    ids=["bare", "with-head"],
)
def test_a_key_of_ten_thousand_dotted_parts(locations, content, message, line):
    # tomllib spends time quadratic in the number of parts of one dotted key (about 2 s here
    # for 10,000 parts): such a key is refused before parsing (saved.store.MAX_KEY_DEPTH).
    path = write(locations, "case-dotted.toml", content)
    before = snapshot(path)
    problems = problems_of(path)
    assert message in problems[0].message and problems[0].line == line
    if line in (1, None):
        [entry] = list_entries(locations)
        assert entry.loaded is None and entry.problems == problems
    assert snapshot(path) == before


def test_every_problem_in_a_file_is_reported_with_its_line(locations):
    path = write(
        locations,
        "case-many.toml",
        'kind = "case"\nschema_version = 1\ntitle = 7\narchived = "no"\ncolour = 1\nreview_date = 3\n',
    )
    problems = problems_of(path)
    by_key = {p.message.split(":")[0]: p.line for p in problems}
    assert by_key == {"title": 3, "archived": 4, "colour": 5, "review_date": 6}


def test_thousands_of_unknown_keys_are_reported_in_a_few_lines(locations):
    # Used to be one scan of the text per problem (3,000 keys took 26 s), then 100,000 lines.
    path = write(locations, "case-keys.toml", HEAD + "".join(f"k{i} = {i}\n" for i in range(100_000)))
    problems = problems_of(path)
    assert len(problems) == MAX_PROBLEMS_PER_FILE
    assert problems[0].message.startswith("k0: Extra inputs") and problems[0].line == 4
    assert problems[-2].line == 4 + MAX_PROBLEMS_PER_FILE - 2
    assert problems[-1].message == f"and {100_000 - MAX_PROBLEMS_PER_FILE + 1:,} more unknown keys"


def test_a_huge_line_inside_a_multiline_string_does_not_hang_the_error_report(locations):
    # notes over the limit: the loader looks for the line of `notes` in text holding a
    # megabyte-long line of spaces (a backtracking pattern once made this take many minutes).
    path = write(locations, "case-spaces.toml", HEAD + 'notes = """\n[a' + " " * 1_000_000 + '\n"""\n')
    started = time.perf_counter()
    problems = problems_of(path)
    assert time.perf_counter() - started < 5
    assert problems[0].message.startswith("notes: ") and problems[0].line == 4


def test_too_large_file_is_refused_before_parsing(locations, monkeypatch):
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 100)
    parsed = []
    monkeypatch.setattr(store.tomllib, "loads", lambda *a, **k: parsed.append(a) or {})
    path = write(locations, "case-big.toml", HEAD + 'notes = "' + "x" * 200 + '"\n')
    before = snapshot(path)
    problems = problems_of(path)
    assert "too large" in problems[0].message and "100" in problems[0].message
    assert parsed == []  # never handed to the parser
    assert list_entries(locations)[0].problems == problems
    assert snapshot(path) == before


def test_a_file_exactly_at_the_cap_still_loads(locations, monkeypatch):
    data = dumps(Case(title="x"))
    monkeypatch.setattr(store, "MAX_FILE_BYTES", len(data))
    path = write(locations, "case-exact.toml", data)
    assert load(path).document.title == "x"


def test_unreadable_things_at_a_document_path(locations, tmp_path):
    canary = tmp_path / "canary.toml"
    canary.write_bytes(dumps(Case(title="canary")))
    (locations.documents / "case-link.toml").symlink_to(canary)
    names = {"case-link.toml", "case-dir.toml"}
    if not saved.platform.WINDOWS:  # Windows has no FIFOs in the file system
        os.mkfifo(locations.documents / "case-fifo.toml")  # used to hang the home screen forever
        names.add("case-fifo.toml")
    (locations.documents / "case-dir.toml").mkdir()
    before = canary.read_bytes()

    entries = {e.path.name: e for e in list_entries(locations)}
    assert set(entries) == names
    for entry in entries.values():
        assert entry.loaded is None
        assert entry.problems and "cannot be read" in entry.problems[0].message
    if "case-fifo.toml" in names:
        assert "not a regular file" in entries["case-fifo.toml"].problems[0].message
    # Said as what it is (its ELOOP read "too many levels of symbolic links", tried in tmux).
    assert "symbolic link, which samspil does not follow" in entries["case-link.toml"].problems[0].message
    assert len(check(None, locations)) == len(names)
    assert canary.read_bytes() == before


def test_list_entries_keeps_going_past_damaged_files(locations):
    good = [store.create(locations, Case(title=f"good {i}")) for i in range(3)]
    damaged = {
        name: write(locations, f"case-{name}.toml", content) for name, content, *_ in DAMAGED[::3]
    }
    before = {path: snapshot(path) for path in [*damaged.values(), *(g.path for g in good)]}

    entries = list_entries(locations)
    assert len(entries) == len(good) + len(damaged)
    loaded = {e.path: e for e in entries if e.loaded}
    assert set(loaded) == {g.path for g in good}
    assert all(loaded[g.path].document == g.document for g in good)
    broken = {e.path: e for e in entries if not e.loaded}
    assert set(broken) == set(damaged.values())
    assert all(e.problems for e in broken.values())

    problems = check(None, locations)
    assert {p.path for p in problems} == set(damaged.values())
    assert {p.path for p in check(locations.documents, locations)} == set(damaged.values())
    assert {path: snapshot(path) for path in before} == before


def newer_file(extra: str = 'mood = "hopeful"\n') -> str:
    return f'kind = "case"\nschema_version = {SCHEMA_VERSION + 1}\ntitle = "from the future"\n{extra}'


def test_a_newer_version_opens_read_only_and_is_never_saved(locations):
    path = write(locations, "case-newer.toml", newer_file() + "[future]\nthing = [1, 2]\n")
    before = snapshot(path)
    digest = hashlib.sha256(before[0]).hexdigest()

    loaded = load(path)
    assert loaded.newer_version == SCHEMA_VERSION + 1
    assert loaded.document.title == "from the future"
    loaded.document.notes = "changed in memory"
    with pytest.raises(PermissionError, match="newer version"):
        store.save(locations, loaded)
    assert snapshot(path) == before
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert not locations.backup_of(path).exists()

    [problem] = check(None, locations)
    assert "newer samspil" in problem.message
    [entry] = list_entries(locations)
    assert entry.loaded is not None and entry.loaded.newer_version == SCHEMA_VERSION + 1
    assert snapshot(path) == before


def test_a_newer_version_with_a_bad_known_field_is_still_damaged(locations):
    path = write(locations, "case-newer-bad.toml", newer_file('mood = 1\narchived = "sometimes"\n'))
    before = snapshot(path)
    problems = problems_of(path)
    assert [p.message.split(":")[0] for p in problems] == ["archived"]
    assert problems[0].line == 5
    assert snapshot(path) == before


def test_a_problem_whose_values_the_words_lack_is_said_as_the_store_said_it(tmp_path):
    """A pydantic that gives other values than the catalogue's words name: the English, once."""
    set_language("da")
    path = tmp_path / "case-x.toml"
    odd = Problem(path, "readings.2.intensity: Input should be less than or equal to 10", 7, "less_than_equal", (("key", "readings.2.intensity"),))
    assert said(odd) == f"{path}:7: readings.2.intensity: Input should be less than or equal to 10"
    known = odd._replace(values=(("key", "readings.2.intensity"), ("le", "10")))
    assert said(known, short=True) == "case-x.toml:7: readings.2.intensity: må højst være 10"



def test_a_file_that_cannot_be_read_says_why_once_in_the_interfaces_words(tmp_path):
    """Its reason was put inside the English message, the message inside the Danish words:
    "kan ikke læses: cannot be read: ..." for an error without Danish words."""
    import errno

    set_language("da")
    path = tmp_path / "case-x.toml"
    denied = Problem(path, "cannot be read: Permission denied", None, "unreadable", (("errno", str(errno.EACCES)), ("reason", "Permission denied")))
    assert said(denied, short=True) == "case-x.toml: kan ikke læses: ingen adgang (rettigheder)"
    other = denied._replace(values=(("errno", str(errno.ENAMETOOLONG)), ("reason", "File name too long")))
    assert said(other, short=True) == "case-x.toml: kan ikke læses: File name too long"
