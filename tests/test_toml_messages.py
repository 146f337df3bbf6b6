"""A broken TOML file is said in the interface's language: tomllib's reason in our words, with
the file, line and column, and never a word of the file itself (a key can carry a name)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from saved.store import TOML_REASONS, DocumentError, Problem, _parse_toml
from saved.toml_read import tomllib
from tui.errors import said
from tui.i18n import catalog

BROKEN = [  # (file text, line, column, the Danish reason)
    ('kind = "case"\ntitle = Hansen Jørgen\n', 2, 9, "værdien er ikke skrevet rigtigt (tekst skal stå i anførselstegn)"),
    ('kind = "case"\nschema_version = 1\ntitle = "x\n', 3, 11, "en tekst mangler sit afsluttende anførselstegn"),
    ('kind = "case"\nhemmelig_navn = 1\nhemmelig_navn = 2\n', 3, 18, "en nøgle eller tabel står to gange"),
    ('kind = "case"\nhemmelig navn\n', 2, 10, "der mangler et = efter nøglen"),
    ('kind = "case"\n[hemmelig\n', 2, 10, "der mangler ] efter tabellens navn"),
    ('kind = "case"\ntags = ["a", "b"\n', 3, 1, "en liste mangler sin afsluttende ]"),
    ('kind = "case"\nwhen = 2026-02-30\n', 2, 8, "en dato eller et tidspunkt, der ikke findes"),
    ('kind = "case"\n[a]\n[a]\n', 3, 3, "en tabel står to gange i filen"),
    ('kind = "case"\n= 3\n', 2, 1, "linjen er hverken nøgle = værdi eller [tabel]"),
    ('kind = "case"\nx = "a\\qb"\n', 2, 9, "en \\-kode i en tekst, der ikke er gyldig"),
    ("kind = 'case'\ntitle = 'x\n", 3, 1, "en tekst mangler sit afsluttende anførselstegn"),
    ('kind = "case"\ntitle = "a\x01b"\n', 2, 11, "et styretegn, der ikke må stå i en tekst eller kommentar"),
    ('kind = "case"\nx = 1 y = 2\n', 2, 7, "der står mere på linjen efter værdien (hver nøgle = værdi på sin egen linje)"),
    ('kind = "case"\nx = {a = 1\n', 2, 11, "en indlejret tabel (i krøllede parenteser) er ikke lukket"),
]

#: Where another parser puts the same error: tomli 2.5 (Python 3.10) says an unclosed inline
#: table at the start of the next line, Python 3.11's tomllib at the end of its own.
ALSO_AT = {'kind = "case"\nx = {a = 1\n': (3, 1)}


@pytest.mark.parametrize(("text", "line", "column", "reason"), BROKEN)
def test_a_broken_file_is_said_in_danish_with_line_and_column(tmp_path, monkeypatch, text, line, column, reason):
    monkeypatch.setattr("tui.i18n._current", "da")
    path = tmp_path / "case-aaaaaaaa.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        _parse_toml(path)
    problem = caught.value.problems[0]
    words = said(problem, short=True)
    if text in ALSO_AT and problem.line == ALSO_AT[text][0]:
        line, column = ALSO_AT[text]
    assert words == f"case-aaaaaaaa.toml:{line}: ikke gyldig TOML, kolonne {column}: {reason}"
    assert "hemmelig" not in words and "Hansen" not in words, "no word of the file"
    english = str(problem)
    assert f":{line}: not valid TOML: " in english, "the store's own English words stay for the log"


def test_an_unknown_reason_is_plain_invalid_toml_with_line_and_column(monkeypatch):
    monkeypatch.setattr("tui.i18n._current", "da")
    problem = Problem(Path("a.toml"), "not valid TOML: Something new", 4, "toml_other", (("column", "7"),))
    assert said(problem) == "a.toml:4: ikke gyldig TOML, kolonne 7"
    monkeypatch.setattr("tui.i18n._current", "en")
    assert said(problem) == "a.toml:4: not valid TOML, column 7"


def test_the_end_of_the_file_has_a_line_and_column(tmp_path, monkeypatch):
    monkeypatch.setattr("tui.i18n._current", "da")
    path = tmp_path / "a.toml"
    path.write_text('kind = "case"\ntitle = ', encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        _parse_toml(path)
    assert said(caught.value.problems[0]) == f"{path}:2: ikke gyldig TOML, kolonne 9: værdien er ikke skrevet rigtigt (tekst skal stå i anførselstegn)"


def test_every_reason_has_words_in_both_catalogs():
    for _, key in TOML_REASONS:
        for lang in ("da", "en"):
            assert f"problem.toml_reason.{key}" in catalog(lang), (lang, key)


def test_every_fixed_reason_tomllib_gives_is_known():
    """The reasons written out in tomllib's parser (the ones with a variable part start with
    fixed words too); a new Python with new words fails here, not silently in English."""
    source = Path(tomllib.__file__).with_name("_parser.py").read_text() if Path(tomllib.__file__).name == "__init__.py" else ""
    # suffixed_err(src, pos, "...") in Python's tomllib; TOMLDecodeError("...", src, pos) in tomli 2.1+
    found = re.findall(r'(?:suffixed_err\(\s*src,\s*\w+,|TOMLDecodeError\()\s*f?"([^"{]+)', source)
    said_there = [ast.literal_eval(f'"{words}"') for words in found]
    if len(said_there) < 15:
        pytest.skip("the parser's source is not where or as expected")
    unknown = {words for words in said_there if not any(words.startswith(start) or start.startswith(words.strip()) for start, _ in TOML_REASONS)}
    assert not unknown, unknown
