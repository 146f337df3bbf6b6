"""Hostile files cost bounded time and say what is wrong in a few lines; a valid document is
never written larger than samspil can load back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from models.documents import Case
from saved import store
from saved.check import check
from saved.store import MAX_KEY_DEPTH, MAX_PROBLEMS_PER_FILE, DocumentError, DocumentTooLarge

ROOT = Path(__file__).resolve().parent.parent
HEAD = 'kind = "case"\nschema_version = 2\nid = "abcdefgh"\ntitle = "x"\n'


def test_a_dotted_key_100000_levels_deep_is_refused_before_parsing(locations):
    path = locations.documents / "case-abcdefgh.toml"
    path.write_text(HEAD + ".".join(["a"] * 100_000) + " = 1\n")
    with pytest.raises(DocumentError) as caught:
        store.load(path)
    [problem] = caught.value.problems
    assert problem.line == 5 and f"{MAX_KEY_DEPTH} or more levels deep" in problem.message
    # The command a user runs: finishes (a hang would hit the timeout) and names the line.
    result = subprocess.run([sys.executable, "-m", "tui", "check", str(path)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1 and f"{path.name}:5:" in result.stdout


@pytest.mark.parametrize("where", ["header", "inline"])
def test_deep_keys_in_headers_and_inline_tables_are_refused_too(locations, where):
    deep = ".".join(["b"] * (MAX_KEY_DEPTH + 1))
    body = f"[{deep}]\nx = 1\n" if where == "header" else f"extra = {{ y = 1, {deep} = 2 }}\n"
    path = locations.documents / "case-abcdefgh.toml"
    path.write_text(HEAD + body)
    with pytest.raises(DocumentError) as caught:
        store.load(path)
    assert caught.value.problems[0].line == 5


def test_a_note_full_of_dots_is_no_key(locations):
    path = locations.documents / "case-abcdefgh.toml"
    path.write_text(HEAD + 'notes = "' + "a." * 200 + ' b = c, d.e"\n')
    assert store.load(path).document.notes.startswith("a.a.")


def test_500000_unknown_keys_are_said_in_a_few_lines(locations):
    path = locations.documents / "case-abcdefgh.toml"
    path.write_text(HEAD + "".join(f"k{i} = 1\n" for i in range(500_000)))
    problems = check(path, locations)
    assert len(problems) == MAX_PROBLEMS_PER_FILE
    assert problems[0].line == 5 and problems[0].message.startswith("k0:")
    assert problems[-1].message == f"and {500_000 - MAX_PROBLEMS_PER_FILE + 1:,} more unknown keys"


def test_many_wrong_values_are_capped_too(locations):
    readings = "".join(f'[[readings]]\nid = "r{i:07d}"\ntaken = 2026-01-01T10:00:00+01:00\nintensity = 11\ncapacity = 11\nwhose = "self"\n' for i in range(200))
    path = locations.documents / "case-abcdefgh.toml"
    path.write_text(HEAD + readings)
    problems = check(path, locations)
    assert len(problems) == MAX_PROBLEMS_PER_FILE and problems[-1].message.startswith("and ")


def test_a_document_that_would_pass_the_load_cap_is_not_written(locations, monkeypatch):
    loaded = store.create(locations, Case(title="x"))
    before = loaded.path.read_bytes()
    monkeypatch.setattr(store, "MAX_FILE_BYTES", len(before) + 100)
    loaded.document.notes = "n" * 200
    with pytest.raises(DocumentTooLarge) as caught:
        store.save(locations, loaded)
    assert "larger than" in caught.value.strerror
    assert loaded.path.read_bytes() == before

